"""The index (timeline, filters, counts) and one page per event with every claim about it.

An event's page holds every row that is a claim about it: date, duration, place, route,
aircraft, sequence and airspace claims and remarks, each under the anchor `Rows.where`
gives it and each with links to the highlighted words it rests on. Aircraft claims are
grouped by who reported them, and a table puts the reporters' counts side by side so that
a disagreement (South Korea's four Tu-95 against Japan's two Russian aircraft) shows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from .links import (
    actor_name,
    count_text,
    describe_row,
    evidence_links,
    place_name,
    ship_text,
)
from .markup import anchor_id, date_range, definitions, esc, label, link, page, row_dates, table
from .model import Row, Rows, page_name

UP = "../"


def event_title(event: Row, /) -> str:
    kind = label(event["event_type"])
    return f"{kind[:1].upper()}{kind[1:]}, {row_dates(event)}"


def source_link(rows: Rows, source_id: str, up: str) -> str:
    source = rows.by_id["sources"][source_id]
    title = source.get("title") or source.get("archive_title") or "untitled"
    return link(f"{up}sources/{page_name(source_id)}.html", f"{source_id.split('_')[0]}: {title}")


def actor_link(rows: Rows, actor_id: str | None, up: str, /) -> str:
    if actor_id is None:
        return ""
    return link(f"{up}actors/{page_name(actor_id)}.html", actor_name(rows, actor_id))


def _enum_descriptions(rows: Rows, table_name: str, column: str) -> dict[str, str]:
    for resource in rows.descriptor["resources"]:
        if resource.get("name") == table_name:
            for f in resource.get("schema", {}).get("fields", []):
                if f.get("name") == column:
                    return dict(f.get("enumDescriptions", {}))
    return {}


# -- the index -----------------------------------------------------------------------------


def index_page(rows: Rows) -> str:
    """Counts, filters (a little JavaScript; without it the list is simply all there) and
    the events by year, oldest first."""

    # each event in the year of its latest possible day (one dated only by its report, "on or
    # before 30 November 2024", in 2024), as events_wide.analysis_year counts it
    def latest(e: Row) -> Any:
        return e["end_date"] or e["start_date"]

    events = sorted(
        rows.tables["events"],
        key=lambda e: (latest(e) is None, latest(e) or 0, e["event_id"]),
    )
    by_year: dict[str, list[Row]] = defaultdict(list)
    for e in events:
        by_year[str(latest(e).year) if latest(e) else "date unknown"].append(e)
    types = Counter(e["event_type"] for e in events)
    meanings = _enum_descriptions(rows, "events", "event_type")
    counts = [
        ("events", len(events)),
        ("joint air patrols", types.get("joint_air_patrol", 0)),
        ("sources (archived articles)", len(rows.tables["sources"])),
        ("aircraft claims", len(rows.tables["aircraft"])),
        ("remarks", len(rows.tables["statements"])),
        ("actors", len(rows.tables["actors"])),
        ("places", len(rows.tables["places"])),
        ("evidence spans", len(rows.tables["evidence"])),
    ]
    count_list = "".join(f"<li><strong>{n}</strong> {esc(what)}</li>" for what, n in counts)
    type_rows = [
        [esc(label(t)), str(n), esc(meanings.get(t, ""))] for t, n in sorted(types.items())
    ]
    year_options = "".join(f'<option value="{esc(y)}">{esc(y)}</option>' for y in by_year)
    type_options = "".join(
        f'<option value="{esc(t)}">{esc(label(t))}</option>' for t in sorted(types)
    )
    year_nav = " ".join(
        link(f"#{anchor_id('y', y)}", f"{y} ({len(es)})", class_="year")
        for y, es in by_year.items()
    )
    years = []
    for year, listed in by_year.items():
        items = "".join(
            f'<li data-year="{esc(year)}" data-type="{esc(e["event_type"])}"'
            + (' class="patrol"' if e["event_type"] == "joint_air_patrol" else "")
            + ">"
            + link(f"events/{page_name(e['event_id'])}.html", event_title(e))
            + f"<p>{esc(e['summary'])}</p></li>"
            for e in listed
        )
        ident = anchor_id("y", year)
        years.append(
            f'<section class="year" data-year="{esc(year)}" aria-labelledby="{ident}">'
            f'<h3 id="{ident}">{esc(year)} '
            f'<span class="n">({len(listed)} event{"s" if len(listed) != 1 else ""})</span></h3>'
            f'<ol class="events">{items}</ol></section>'
        )
    body = (
        "<h1>Sino-Russian Joint Patrols: the evidence behind every row</h1>"
        "<p>Every event, aircraft count and remark below links to the highlighted words of the "
        "archived article it rests on. Claims that disagree all stay, each with who made it.</p>"
        f'<section aria-labelledby="counts"><h2 id="counts">In this dataset</h2>'
        f'<ul class="counts">{count_list}</ul>'
        + table("Events by type", ["type", "events", "meaning"], type_rows)
        + "</section>"
        '<section aria-labelledby="timeline"><h2 id="timeline">Timeline</h2>'
        f'<p class="years">Years: {year_nav}</p>'
        '<form id="filters" class="filters" hidden>'
        '<label for="f-year">Year</label> <select id="f-year"><option value="">all years</option>'
        f"{year_options}</select> "
        '<label for="f-type">Type</label> <select id="f-type"><option value="">all types</option>'
        f"{type_options}</select> "
        '<output id="f-shown" for="f-year f-type" aria-live="polite"></output></form>'
        + "".join(years)
        + "</section>"
    )
    return page("Events", body, depth=0, version=rows.version, script=True)


# -- one page per event --------------------------------------------------------------------


def _claim(rows: Rows, table_name: str, row: Row, content: str) -> str:
    record_id = rows.record_id(table_name, row)
    _, anchor = rows.where(table_name, record_id)
    source = source_link(rows, row["source_id"], UP) if "source_id" in row else ""
    said = f'<p class="source">Source: {source}</p>' if source else ""
    return (
        f'<li id="{anchor}" class="claim">{content}{said}'
        f"{evidence_links(rows, table_name, record_id, UP)}</li>"
    )


def _section(title: str, items: list[str], intro: str = "") -> str:
    if not items:
        return ""
    ident = anchor_id("h", title.lower())
    return (
        f'<section aria-labelledby="{ident}"><h2 id="{ident}">{esc(title)}</h2>{intro}'
        f'<ul class="claims">{"".join(items)}</ul></section>'
    )


def _aircraft(rows: Rows, claims: list[Row]) -> str:
    """Claims by reporter, and the reporters' counts side by side."""
    if not claims:
        return ""
    families = {t["designation"]: t["family"] for t in rows.tables["aircraft_types"]}

    def reporter(row: Row) -> str:
        return actor_name(rows, row.get("reported_by")) or "No one named (the source itself)"

    reporters = sorted({reporter(r) for r in claims}, key=lambda n: (n.startswith("No one"), n))
    grouped: dict[str, list[Row]] = defaultdict(list)
    for r in claims:
        grouped[reporter(r)].append(r)
    parts = ['<section aria-labelledby="h-aircraft"><h2 id="h-aircraft">Aircraft</h2>']
    if len(reporters) > 1:
        cells: dict[tuple[str, str], dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
        for r in claims:
            kind = families.get(r["aircraft_type"]) if r["aircraft_type"] != "unspecified" else None
            key = kind or f"{label(r['role'])}, type not given"
            cells[(r.get("country") or "country not given", key)][reporter(r)].append(r)
        body = []
        for (country, kind), by in sorted(cells.items()):
            counts = {n: [r["count"] for r in rs if r["count"] is not None] for n, rs in by.items()}
            given = {sum(c) for c in counts.values() if c}
            flag = ' <strong class="differ">counts differ</strong>' if len(given) > 1 else ""
            row = [f"{esc(country)} {esc(kind)}{flag}"]
            for name in reporters:
                row.append(
                    "<br>".join(
                        link(f"#{anchor_id('aircraft', r['aircraft_id'])}", count_text(r))
                        for r in by.get(name, [])
                    )
                    or '<span class="none">—</span>'
                )
            body.append(row)
        totals = defaultdict(lambda: defaultdict(int))
        for r in claims:
            if r["count"] is not None and not r.get("is_total"):
                totals[r.get("country") or "country not given"][reporter(r)] += r["count"]
        for country, by_name in sorted(totals.items()):
            flag = (
                ' <strong class="differ">sums differ</strong>'
                if len(set(by_name.values())) > 1
                else ""
            )
            body.append(
                [f"{esc(country)}: all aircraft counted{flag}"]
                + [
                    str(by_name[n]) if n in by_name else '<span class="none">—</span>'
                    for n in reporters
                ]
            )
        parts.append(
            '<h3 id="h-side-by-side">Counts side by side</h3>'
            "<p>Each column is one reporter; a dash: that reporter gives no such claim.</p>"
            + table("Aircraft claims by reporter", ["aircraft", *reporters], body, cls="compare")
        )
    for name in reporters:
        ident = anchor_id("by", name.lower())
        items = [
            _claim(
                rows,
                "aircraft",
                r,
                f'<p class="what"><strong>{esc(count_text(r))}</strong>; as reported: '
                f"“{esc(r['type_as_reported'])}”"
                + (
                    f"; part of flight {esc(r['part_of_flight'])}"
                    if r.get("part_of_flight")
                    else ""
                )
                + "</p>",
            )
            for r in grouped[name]
        ]
        parts.append(
            f'<h3 id="{ident}">Reported by {esc(name)}</h3><ul class="claims">{"".join(items)}</ul>'
        )
    parts.append("</section>")
    return "".join(parts)


def _remark(rows: Rows, st: Row) -> str:
    speaker = actor_link(rows, st.get("actor_id"), UP) or esc(
        st.get("speaker_as_reported") or "unnamed"
    )
    details = [
        ("Type", esc(label(st["statement_type"]))),
        ("Relayed by", actor_link(rows, st.get("relayed_by"), UP)),
        ("Medium", esc(label(st.get("medium")))),
        (
            "Said",
            esc(date_range(st.get("said_date"), st.get("said_date"), "day"))
            if st.get("said_date")
            else "",
        ),
        ("Remark id", f"<code>{esc(st['remark_id'])}</code>"),
    ]
    return _claim(
        rows,
        "statements",
        st,
        f'<p class="speaker"><strong>{speaker}</strong>:</p>'
        f"<blockquote><p>{esc(st['text'])}</p></blockquote>{definitions(details)}",
    )


def remarks_list(rows: Rows, statements: list[Row]) -> list[str]:
    """Remarks in text order (source, offset), as list items under their row anchors."""
    ordered = sorted(statements, key=lambda s: (s["source_id"], s["char_start"], s["statement_id"]))
    return [_remark(rows, st) for st in ordered]


# What a claim about an event says, first in its list item: one function per table.


def _date_claim(rows: Rows, d: Row) -> str:
    return (
        f'<p class="what"><strong>{esc(row_dates(d))}</strong>'
        f" (precision {esc(d['date_precision'])}, basis {esc(label(d['date_basis']))})</p>"
        + (f'<p class="note">{esc(d["date_note"])}</p>' if d.get("date_note") else "")
    )


def _duration_claim(rows: Rows, d: Row) -> str:
    return (
        f'<p class="what"><strong>{d["duration_hours"]:g} hours</strong> '
        f"({esc(d['duration_qualifier'])})</p>"
    )


def _place_claim(rows: Rows, p: Row) -> str:
    place = link(f"{UP}places/{page_name(p['place_id'])}.html", place_name(rows, p["place_id"]))
    return f'<p class="what">{place}</p>'


def _route_claim(rows: Rows, r: Row) -> str:
    leg = describe_row(rows, "event_routes", rows.record_id("event_routes", r))
    return f'<p class="what">{esc(leg)}</p>'


def _sequence_claim(rows: Rows, q: Row) -> str:
    return (
        f'<p class="what"><strong>{esc(q["ordinal_as_reported"])} {esc(q["series"])}</strong>'
        f" ({esc(label(q['scope']))}"
        + (f", claimed by {actor_link(rows, q['claimed_by'], UP)}" if q.get("claimed_by") else "")
        + ")</p>"
    )


def _airspace_claim(rows: Rows, a: Row) -> str:
    return (
        f'<p class="what"><strong>{esc(label(a["claim_type"]))}</strong>'
        + (f", zone {esc(place_name(rows, a['zone_place_id']))}" if a.get("zone_place_id") else "")
        + (
            f", {a['entries']} entr{'y' if a['entries'] == 1 else 'ies'}"
            if a.get("entries") is not None
            else ""
        )
        + (
            f", reported by {actor_link(rows, a['reported_by'], UP)}"
            if a.get("reported_by")
            else ""
        )
        + "</p>"
    )


def _ship_claim(rows: Rows, v: Row) -> str:
    by = f", reported by {actor_link(rows, v['reported_by'], UP)}" if v.get("reported_by") else ""
    return f'<p class="what"><strong>{esc(ship_text(v))}</strong>{by}</p>'


def _participant_claim(rows: Rows, p: Row) -> str:
    personnel = p.get("personnel")
    if personnel is not None and p.get("personnel_qualifier") not in (None, "exact"):
        personnel = f"{label(p['personnel_qualifier'])} {personnel}"
    return (
        f'<p class="what"><strong>{actor_link(rows, p["actor_id"], UP)}</strong>'
        f" ({esc(label(p['role']))}"
        + (f", {esc(str(personnel))} personnel" if personnel is not None else "")
        + ")</p>"
    )


def _name_claim(rows: Rows, n: Row) -> str:
    series = rows.by_id.get("exercise_series", {}).get(n["series_id"], {})
    return (
        f'<p class="what"><strong>{esc(n["name_as_reported"])}</strong>'
        f" (series {esc(series.get('name', n['series_id']))}"
        + (f", edition {n['edition']}" if n.get("edition") is not None else "")
        + ")</p>"
    )


def event_page(rows: Rows, event: Row) -> str:
    eid = event["event_id"]
    meanings = _enum_descriptions(rows, "events", "event_type")
    children = [e for e in rows.tables["events"] if e.get("parent_event_id") == eid]
    sources = sorted(
        {
            r["source_id"]
            for t in ("event_dates", "aircraft", "ship_claims", "event_participants", "statements")
            for r in rows.of_event(t, eid)
        }
        | {ev["source_id"] for ev in rows.evidence.get(("events", eid), [])}
    )
    parent = event.get("parent_event_id")
    facts = [
        ("Event id", f"<code>{esc(eid)}</code>"),
        (
            "Type",
            f"{esc(label(event['event_type']))}: {esc(meanings.get(event['event_type'], ''))}",
        ),
        ("Date", esc(row_dates(event))),
        ("Precision", esc(event["date_precision"])),
        ("Basis", esc(label(event["date_basis"]))),
        ("Note", esc(event.get("date_note") or "")),
        (
            "Date claims disagree",
            "yes: the claims cannot all hold; the date spans every claim"
            if event.get("date_conflict")
            else "",
        ),
        ("Duration", f"{event['duration_hours']:g} hours" if event.get("duration_hours") else ""),
        (
            "In answer to",
            link(f"{page_name(parent)}.html", event_title(rows.by_id["events"][parent]))
            if parent
            else "",
        ),
        (
            "Answered by",
            ", ".join(link(f"{page_name(c['event_id'])}.html", event_title(c)) for c in children),
        ),
        ("Sources", "<br>".join(source_link(rows, s, UP) for s in sources)),
        ("Evidence", evidence_links(rows, "events", eid, UP)),
    ]

    def claims(table_name: str, what: Callable[[Rows, Row], str]) -> list[str]:
        return [_claim(rows, table_name, r, what(rows, r)) for r in rows.of_event(table_name, eid)]

    body = (
        f'<h1>{esc(event_title(event))}</h1><p class="summary">{esc(event["summary"])}</p>'
        + definitions(facts)
        + _section(
            "Date claims",
            claims("event_dates", _date_claim),
            "<p>What each source says of the date; the event's date combines them.</p>",
        )
        + _section("Duration claims", claims("event_durations", _duration_claim))
        + _section("Places", claims("event_places", _place_claim))
        + _section("Route", claims("event_routes", _route_claim))
        + _aircraft(rows, rows.of_event("aircraft", eid))
        + _section("Sequence claims", claims("sequence_claims", _sequence_claim))
        + _section("Ships", claims("ship_claims", _ship_claim))
        + _section("Participants", claims("event_participants", _participant_claim))
        + _section("Names", claims("event_names", _name_claim))
        + _section("Zone claims", claims("airspace_claims", _airspace_claim))
        + _section("Remarks", remarks_list(rows, rows.of_event("statements", eid)))
    )
    return page(event_title(event), body, depth=1, version=rows.version)


def event_pages(rows: Rows) -> dict[str, str]:
    return {
        f"events/{page_name(e['event_id'])}.html": event_page(rows, e)
        for e in rows.tables["events"]
    }
