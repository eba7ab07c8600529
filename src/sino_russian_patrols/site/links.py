"""Links between pages: from a row to the highlighted words it rests on, and from a
highlight back to a row, each with words that say what is behind it."""

from __future__ import annotations

from collections.abc import Callable

from .highlight import span_id
from .markup import esc, label, link, row_dates
from .model import Row, Rows, page_name


def href(rows: Rows, table: str, record_id: str, up: str) -> str:
    """The link to a row from a page `up` (`""` or `"../"`) below the site's root."""
    page, anchor = rows.where(table, record_id)
    return up + page + (f"#{anchor}" if anchor else "")


def evidence_links(rows: Rows, table: str, record_id: str, up: str) -> str:
    """The row's spans as links to their highlights, each link reading the quoted words."""
    items = [
        link(
            f"{up}sources/{page_name(source)}.html#{span_id(span)}",
            f"“{quote}”",
            class_="evidence",
        )
        + f' <span class="where">({esc(source.split("_")[0])}, {span[0]}–{span[1]})</span>'
        for source, span, quote in rows.spans_of(table, record_id)
    ]
    if not items:
        return ""
    return '<ul class="evidence">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _name(rows: Rows, table: str, record_id: str | None) -> str:
    """The `name` of an actor or a place; its id when the table lacks it, "" for no id."""
    if record_id is None:
        return ""
    entry = rows.by_id[table].get(record_id)
    return entry["name"] if entry else record_id


def actor_name(rows: Rows, actor_id: str | None, /) -> str:
    return _name(rows, "actors", actor_id)


def place_name(rows: Rows, place_id: str | None, /) -> str:
    return _name(rows, "places", place_id)


def count_text(row: dict, /) -> str:
    """An aircraft claim in words: `4 Tu-95 (RUS, bomber)`, `Tu-95MS, no number given`."""
    count = row.get("count")
    qualifier = row.get("count_qualifier")
    number = "no number given" if count is None else str(count)
    if count is not None and qualifier and qualifier != "exact":
        number = f"{label(qualifier)} {count}"
    kind = row["aircraft_type"] if row["aircraft_type"] != "unspecified" else "aircraft"
    where = ", ".join(x for x in (row.get("country"), label(row.get("role"))) if x)
    total = ", a total" if row.get("is_total") else ""
    if count is None:
        return f"{kind} ({where}{total}), no number given"
    return f"{number} {kind} ({where}{total})"


def _aircraft_words(rows: Rows, row: Row) -> str:
    by = actor_name(rows, row.get("reported_by")) or "the source"
    return f"aircraft claim: {count_text(row)}, reported by {by}"


def _statement_words(rows: Rows, row: Row) -> str:
    by = actor_name(rows, row.get("actor_id")) or row.get("speaker_as_reported") or "unnamed"
    return f"remark ({label(row['statement_type'])}) by {by}"


def ship_text(row: dict, /) -> str:
    """A ship claim in words: `Admiral Tributs (RUS, anti submarine ship)`, `10 warships
    (a total)`."""
    count, qualifier = row.get("count"), row.get("count_qualifier")
    number = "" if count is None else str(count)
    if count is not None and qualifier and qualifier != "exact":
        number = f"{label(qualifier)} {count}"
    what = row.get("name_as_reported") or " ".join(
        w for w in (number, row["type_as_reported"]) if w
    )
    where = ", ".join(x for x in (row.get("country"), label(row.get("ship_type"))) if x)
    total = ", a total" if row.get("is_total") else ""
    return f"{what} ({where}{total})"


def _ship_words(rows: Rows, row: Row) -> str:
    by = actor_name(rows, row.get("reported_by")) or "the source"
    return f"ship claim: {ship_text(row)}, reported by {by}"


def _participant_words(rows: Rows, row: Row) -> str:
    return f"{label(row['role'])}: {actor_name(rows, row['actor_id'])}"


def _route_words(rows: Rows, row: Row) -> str:
    return f"route, leg {row['leg']}: {label(row['role'])} {place_name(rows, row['place_id'])}"


# What a row of each table says, in a few words; a table not listed is named with the row's id.
_WORDS: dict[str, Callable[[Rows, Row], str]] = {
    "events": lambda _, r: f"event: {label(r['event_type'])}, {row_dates(r)}",
    "actors": lambda _, r: f"actor: {r['name']}",
    "places": lambda _, r: f"place: {r['name']}",
    "aircraft": _aircraft_words,
    "statements": _statement_words,
    "event_dates": lambda _, r: f"date claim: {row_dates(r)} ({label(r['date_basis'])})",
    "event_durations": lambda _, r: f"duration claim: {r['duration_hours']:g} hours",
    "event_places": lambda rows, r: f"place of the event: {place_name(rows, r['place_id'])}",
    "event_routes": _route_words,
    "sequence_claims": lambda _, r: f"sequence claim: {r['ordinal_as_reported']} {r['series']}",
    "airspace_claims": lambda _, r: f"airspace claim: {label(r['claim_type'])}",
    "ship_claims": _ship_words,
    "ships": lambda _, r: f"ship: {r['name']}",
    "event_participants": _participant_words,
    "event_names": lambda _, r: f"name: {r['name_as_reported']}",
}


def describe_row(rows: Rows, table: str, record_id: str) -> str:
    """What a row says, in a few words, for a list of what a highlight supports."""
    row = rows.by_id[table][record_id]
    words = _WORDS.get(table)
    return words(rows, row) if words else f"{table} {record_id}"
