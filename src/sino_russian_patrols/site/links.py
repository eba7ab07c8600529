"""Links between pages: from a row to the highlighted words it rests on, and from a
highlight back to a row, each with words that say what is behind it."""

from __future__ import annotations

from .highlight import span_id
from .markup import date_range, esc, label, link
from .model import Rows, page_name


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


def actor_name(rows: Rows, actor_id: str | None, /) -> str:
    if actor_id is None:
        return ""
    actor = rows.by_id["actors"].get(actor_id)
    return actor["name"] if actor else actor_id


def place_name(rows: Rows, place_id: str | None, /) -> str:
    if place_id is None:
        return ""
    place = rows.by_id["places"].get(place_id)
    return place["name"] if place else place_id


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


def describe_row(rows: Rows, table: str, record_id: str) -> str:
    """What a row says, in a few words, for a list of what a highlight supports."""
    row = rows.by_id[table][record_id]
    if table == "events":
        when = date_range(row["start_date"], row["end_date"], row["date_precision"])
        return f"event: {label(row['event_type'])}, {when}"
    if table == "actors":
        return f"actor: {row['name']}"
    if table == "places":
        return f"place: {row['name']}"
    if table == "aircraft":
        by = actor_name(rows, row.get("reported_by")) or "the source"
        return f"aircraft claim: {count_text(row)}, reported by {by}"
    if table == "statements":
        by = actor_name(rows, row.get("actor_id")) or row.get("speaker_as_reported") or "unnamed"
        return f"remark ({label(row['statement_type'])}) by {by}"
    if table == "event_dates":
        when = date_range(row["start_date"], row["end_date"], row["date_precision"])
        return f"date claim: {when} ({label(row['date_basis'])})"
    if table == "event_durations":
        return f"duration claim: {row['duration_hours']:g} hours"
    if table == "event_places":
        return f"place of the event: {place_name(rows, row['place_id'])}"
    if table == "event_routes":
        return f"route, leg {row['leg']}: {label(row['role'])} {place_name(rows, row['place_id'])}"
    if table == "sequence_claims":
        return f"sequence claim: {row['ordinal_as_reported']} {row['series']}"
    if table == "airspace_claims":
        return f"airspace claim: {label(row['claim_type'])}"
    return f"{table} {record_id}"
