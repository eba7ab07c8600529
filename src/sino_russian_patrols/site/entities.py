"""Pages for actors and places, and their lists: what each is called, what it is part of,
the events it takes part in, its remarks and the words that name it."""

from __future__ import annotations

from .events import actor_link, event_title, remarks_list
from .links import evidence_links, href, place_name
from .markup import definitions, esc, label, link, page
from .model import Row, Rows, page_name

UP = "../"


def _aliases(rows: Rows, table: str, key: str, ident: str) -> str:
    names = sorted(a["alias"] for a in rows.tables.get(table, []) if a[key] == ident)
    return ", ".join(f"“{esc(n)}”" for n in names)


def _event_list(rows: Rows, event_ids: set[str]) -> str:
    events = sorted(
        (rows.by_id["events"][e] for e in event_ids if e in rows.by_id["events"]),
        key=lambda e: (e["start_date"] is None, e["start_date"] or 0, e["event_id"]),
    )
    return "<br>".join(
        link(f"{UP}events/{page_name(e['event_id'])}.html", event_title(e)) for e in events
    )


def actor_page(rows: Rows, actor: Row) -> str:
    aid = actor["actor_id"]
    involved = {r["event_id"] for r in rows.tables["aircraft"] if r.get("reported_by") == aid}
    involved |= {
        r["event_id"]
        for r in rows.tables["statements"]
        if r.get("actor_id") == aid and r.get("event_id")
    }
    members = [a for a in rows.tables["actors"] if a.get("parent_actor_id") == aid]
    facts = [
        ("Actor id", f"<code>{esc(aid)}</code>"),
        ("Type", esc(label(actor["actor_type"]))),
        ("Country", esc(actor.get("country") or "")),
        ("Title", esc(actor.get("title") or "")),
        ("Part of", actor_link(rows, actor.get("parent_actor_id"), UP)),
        ("Parts", ", ".join(actor_link(rows, m["actor_id"], UP) for m in members)),
        ("Spellings", _aliases(rows, "actor_aliases", "actor_id", aid)),
        ("Reports or remarks on", _event_list(rows, involved)),
        ("Named in", evidence_links(rows, "actors", aid, UP)),
    ]
    own = [s for s in rows.tables["statements"] if s.get("actor_id") == aid]
    tied = [s for s in own if s.get("event_id")]
    loose = [s for s in own if not s.get("event_id")]
    tied_html = "".join(
        f"<li>{link(href(rows, 'statements', s['statement_id'], UP), s['text'])}</li>"
        for s in sorted(tied, key=lambda s: (s["source_id"], s["char_start"], s["statement_id"]))
    )
    body = f"<h1>{esc(actor['name'])}</h1>" + definitions(facts)
    if tied_html:
        body += (
            '<section aria-labelledby="h-remarks"><h2 id="h-remarks">Remarks about events</h2>'
            f'<ul class="plain">{tied_html}</ul></section>'
        )
    if loose:
        body += (
            '<section aria-labelledby="h-loose"><h2 id="h-loose">Remarks about no one event</h2>'
            f'<ul class="claims">{"".join(remarks_list(rows, loose))}</ul></section>'
        )
    return page(actor["name"], body, depth=1, version=rows.version)


def place_page(rows: Rows, place: Row) -> str:
    pid = place["place_id"]
    involved = {r["event_id"] for r in rows.tables["event_places"] if r["place_id"] == pid}
    involved |= {r["event_id"] for r in rows.tables["event_routes"] if r["place_id"] == pid}
    parts = [p for p in rows.tables["places"] if p.get("parent_place_id") == pid]
    parent = place.get("parent_place_id")
    facts = [
        ("Place id", f"<code>{esc(pid)}</code>"),
        ("Type", esc(label(place.get("place_type")))),
        ("Part of", link(f"{page_name(parent)}.html", place_name(rows, parent)) if parent else ""),
        ("Parts", ", ".join(link(f"{page_name(p['place_id'])}.html", p["name"]) for p in parts)),
        (
            "Spellings",
            _aliases(rows, "place_aliases", "place_id", pid)
            if "place_aliases" in rows.tables
            else "",
        ),
        ("Events", _event_list(rows, involved)),
        ("Named in", evidence_links(rows, "places", pid, UP)),
    ]
    return page(
        place["name"],
        f"<h1>{esc(place['name'])}</h1>" + definitions(facts),
        depth=1,
        version=rows.version,
    )


def _listing(title: str, intro: str, items: list[tuple[str, str, str]], version: str) -> str:
    lis = "".join(f'<li>{link(h, t)} <span class="where">{esc(w)}</span></li>' for h, t, w in items)
    return page(
        title,
        f'<h1>{esc(title)}</h1><p>{esc(intro)}</p><ul class="plain">{lis}</ul>',
        depth=1,
        version=version,
    )


# The list pages: folder (= table), id and type columns, title, and what the list holds.
_LISTS = (
    (
        "actors",
        "actor_id",
        "actor_type",
        "Actors",
        "People, states and organisations the articles name, with every spelling.",
    ),
    (
        "places",
        "place_id",
        "place_type",
        "Places",
        "Areas and places where events happened, with every spelling.",
    ),
)


def entity_pages(rows: Rows) -> dict[str, str]:
    pages: dict[str, str] = {}
    for a in rows.tables["actors"]:
        pages[f"actors/{page_name(a['actor_id'])}.html"] = actor_page(rows, a)
    for p in rows.tables["places"]:
        pages[f"places/{page_name(p['place_id'])}.html"] = place_page(rows, p)
    for table, key, kind, title, intro in _LISTS:
        entries = sorted(rows.tables[table], key=lambda e: (e["name"].casefold(), e[key]))
        items = [
            (f"{page_name(e[key])}.html", e["name"], f"({label(e.get(kind))})") for e in entries
        ]
        pages[f"{table}/index.html"] = _listing(title, intro, items, rows.version)
    return pages
