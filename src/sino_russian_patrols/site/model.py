"""The built package as the site needs it: rows by table, grouped by event and source, and
where on the site each row lives (page and anchor).

`Rows.where` is the one place that decides a row's page and anchor: the event pages write
their rows under those anchors, and the source pages link their highlights to them, so
that a link can only point where a row is written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import PatrolsError
from ..package import UnreadablePackage, read_descriptor, read_table
from .highlight import Span
from .markup import SAFE_NAME, anchor_id

Row = dict[str, Any]

# Tables whose rows are written on their event's page, and the anchor prefix of each.
EVENT_ROWS = {
    "event_dates": "date",
    "event_durations": "duration",
    "event_routes": "route",
    "event_places": "place",
    "aircraft": "aircraft",
    "sequence_claims": "sequence",
    "airspace_claims": "airspace",
    "statements": "statement",
    "ship_claims": "ship",
    "event_participants": "participant",
    "event_names": "name",
}
NEEDED = (
    "sources",
    "events",
    "event_dates",
    "event_durations",
    "event_routes",
    "event_places",
    "aircraft",
    "aircraft_types",
    "actors",
    "statements",
    "places",
    "sequence_claims",
    "airspace_claims",
    "evidence",
)
# Tables of the 0.3 model: a package of an earlier version has none of them, and the site
# shows it without them.
OPTIONAL = ("ship_claims", "ships", "event_participants", "event_names", "exercise_series")


class SiteError(PatrolsError):
    """The package cannot be made into a site; the message names the file or row (exit code
    2: there is nothing to show)."""

    exit_code = 2


@dataclass
class Rows:
    """Every table the site shows, as lists of dicts in primary-key order, and indexes."""

    root: Path
    descriptor: dict[str, Any]
    tables: dict[str, list[Row]]
    keys: dict[str, list[str]]
    by_id: dict[str, dict[str, Row]] = field(default_factory=dict)
    evidence: dict[tuple[str, str], list[Row]] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", ""))

    def record_id(self, table: str, row: Row) -> str:
        """The row's id as evidence.record_id writes it (a composite key joined by `/`)."""
        return "/".join(str(row[k]) for k in self.keys[table])

    def of_event(self, table: str, event_id: str) -> list[Row]:
        return [r for r in self.tables[table] if r.get("event_id") == event_id]

    def where(self, table: str, record_id: str) -> tuple[str, str]:
        """(page, anchor) of a row: the page relative to the site's root, the anchor "" for
        a row that is the page itself (an event, actor, place or source)."""
        if table in ("events", "actors", "places", "sources"):
            return f"{table}/{page_name(record_id)}.html", ""
        if table == "ships":  # a ship is shown where the first claim naming it is
            claim = next(c for c in self.tables["ship_claims"] if c.get("ship_id") == record_id)
            return self.where("ship_claims", claim["ship_claim_id"])
        row = self.by_id[table][record_id]
        prefix = EVENT_ROWS[table]
        anchor = anchor_id(prefix, record_id)
        if row.get("event_id"):
            return f"events/{page_name(row['event_id'])}.html", anchor
        if row.get("actor_id"):  # a remark about no event: on its speaker's page
            return f"actors/{page_name(row['actor_id'])}.html", anchor
        return f"sources/{page_name(row['source_id'])}.html", anchor

    def spans_of(self, table: str, record_id: str) -> list[tuple[str, Span, str]]:
        """(source_id, span, quote) of each span that supports the row, in text order; a
        statement's own span comes first."""
        found: list[tuple[str, Span, str]] = []
        if table == "statements":
            row = self.by_id[table][record_id]
            found.append((row["source_id"], (row["char_start"], row["char_end"]), row["text"]))
        for ev in self.evidence.get((table, record_id), []):
            item = (ev["source_id"], (ev["char_start"], ev["char_end"]), ev["quote"])
            if item not in found:
                found.append(item)
        return found

    def supported(self) -> dict[str, dict[Span, list[tuple[str, str]]]]:
        """For each source, each span and the rows (table, record_id) it supports, sorted."""
        out: dict[str, dict[Span, set[tuple[str, str]]]] = defaultdict(lambda: defaultdict(set))
        for ev in self.tables["evidence"]:
            span = (ev["char_start"], ev["char_end"])
            out[ev["source_id"]][span].add((ev["record_table"], ev["record_id"]))
        for st in self.tables["statements"]:
            span = (st["char_start"], st["char_end"])
            out[st["source_id"]][span].add(("statements", st["statement_id"]))
        return {s: {span: sorted(rows) for span, rows in spans.items()} for s, spans in out.items()}


def page_name(identifier: str) -> str:
    """An id as a file name; ids are slugs, and one that is not is refused by name."""
    if not SAFE_NAME.match(identifier):
        raise SiteError(f"the id {identifier!r} cannot name a page (letters, digits, _ . - only)")
    return identifier


def read_rows(folder: Path, /) -> Rows:
    """Read the package in `folder` (Parquet where the descriptor names it, else typed CSV).

    Raises SiteError naming the file when a table is missing or unreadable.
    """
    try:
        path, descriptor = read_descriptor(folder)
    except UnreadablePackage as exc:
        raise SiteError(str(exc)) from None
    root = path.parent
    resources = {r.get("name"): r for r in descriptor["resources"] if isinstance(r, dict)}
    tables: dict[str, list[Row]] = {}
    keys: dict[str, list[str]] = {}
    for name in NEEDED + OPTIONAL:
        resource = resources.get(name)
        if resource is None and name in OPTIONAL:
            tables[name], keys[name] = [], []
            continue
        if resource is None:
            raise SiteError(f"{path}: no resource named {name!r}; the site needs it")
        keys[name] = list(resource.get("schema", {}).get("primaryKey", []))
        try:  # the one reader of packages: files confined to the package, bounded in size
            frame = read_table(root, resource)
        except UnreadablePackage as exc:
            raise SiteError(str(exc)) from None
        if keys[name]:
            frame = frame.sort(keys[name])
        tables[name] = frame.to_dicts()
    rows = Rows(root, descriptor, tables, keys)
    for name, listed in tables.items():
        if keys[name]:
            rows.by_id[name] = {rows.record_id(name, r): r for r in listed}
    for ev in tables["evidence"]:
        rows.evidence.setdefault((ev["record_table"], ev["record_id"]), []).append(ev)
    for spans in rows.evidence.values():
        spans.sort(key=lambda ev: (ev["source_id"], ev["char_start"], ev["char_end"]))
    return rows
