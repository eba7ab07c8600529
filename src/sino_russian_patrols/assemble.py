"""Assemble the dataset's tables from articles, annotations and registries.

Input: what `articles`, `annotations` and `registries` read. Output: one list of row dicts
per table. Sources and actors are assembled here; events with their claims, places and
routes in `assemble_events`; the attributed claims (aircraft, remarks, sequence and
airspace claims) in `assemble_claims`. Every problem found is recorded with the file and
line to fix; the caller stops the build if there are any.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import dates
from .annotations import Annotation
from .articles import Article
from .assemble_claims import (
    assemble_aircraft,
    assemble_airspace,
    assemble_sequence,
    assemble_statements,
)
from .assemble_events import assemble_events
from .citing import Citations, NameIndex, registry_index, resolve_alias
from .errors import Problems
from .registries import Registries

Rows = dict[str, list[dict[str, Any]]]


def _published(a: Annotation, article: Article, cite: Citations):
    """The publication date, its basis and note, and the anchor of the source's relative dates."""
    meta, record = a.meta, article.archive
    pub = meta.published
    if pub is None:
        return None, "unknown", None, None
    problems = cite.problems
    if pub.origin in ("stated", "dateline"):
        span = cite.span(a.source_id, pub.quote)
        if span is None:
            return None, "unknown", None, None
        try:
            if pub.origin == "stated":
                date = dates.parse_stated(span.quote)
                if date is None:
                    raise ValueError(f"no full date (day, month, year) in {span.quote!r}")
                note = f"Stated in the text: {span.quote!r}."
            else:
                date, note = _dateline(span.quote, article)
        except ValueError as exc:
            problems.add(a.file, pub.quote.line, f"published_date: {exc}")
            return None, "unknown", None, None
        derived, description = "stated", f"the {pub.origin} publication date"
    elif pub.origin == "page_record":
        date = record.page_date
        if date is None:
            problems.add(a.file, 1, "published_date: the archive record has no page_date")
            return None, "unknown", None, None
        note = f"The archived page carried the date {date.isoformat()}; the text gives none."
        derived, description = "stated", "the publication date the archived page carried"
    elif pub.origin == "url":
        date = dates.date_from_url(record.url or "")
        if date is None:
            problems.add(a.file, 1, f"published_date: no date in the archive url {record.url!r}")
            return None, "unknown", None, None
        note = f"The text and the page give no date; the page's URL has {date.isoformat()}."
        derived, description = "stated", "the publication date in the page's URL"
    else:
        date, note = pub.value, pub.note
        derived, description = "context", f"the publication date inferred from context ({note})"
    if pub.note and pub.origin != "inferred":
        note = f"{note} {pub.note}"
    anchor = dates.Anchor(
        date,
        date.year,
        derived,
        derived,
        "day",
        f"{description} {date.isoformat()} of {a.source_id}",
    )
    return date, pub.origin, note, anchor


def _dateline(quote: str, article: Article) -> tuple[dt.date, str]:
    """A dateline gives month and day; the year comes from it or from the archive record."""
    parsed = dates.parse_dateline(quote)
    if parsed is None:
        raise ValueError(f"{quote!r} is not a dateline such as 'Tokyo, Dec. 10 (Jiji Press)'")
    month, day, year = parsed
    record = article.archive.page_date or dates.date_from_url(article.archive.url or "")
    where = "page record" if article.archive.page_date else "page's URL"
    if year is None:
        if record is None:
            raise ValueError(f"the dateline {quote!r} gives no year and the archive record none")
        year = record.year
        how = f"the year {year} from the {where}"
    else:
        how = "the year from the dateline"
    date = dt.date(year, month, day)
    if record is not None and record != date:
        raise ValueError(
            f"the dateline {quote!r} gives {date.isoformat()}, but the {where} says "
            f"{record.isoformat()}; check the archive record"
        )
    return date, f"The dateline {quote!r} gives the month and day; {how}."


def _sources(annotations: list[Annotation], actor_index, cite: Citations):
    """Source rows; for each source the anchor of its relative dates and its publication date."""
    rows, anchors, published = [], {}, {}
    for a in annotations:
        article, meta = cite.articles[a.source_id], a.meta
        title = cite.span(a.source_id, meta.title)
        publisher = cite.span(a.source_id, meta.publisher)
        date, basis, note, anchor = _published(a, article, cite)
        if anchor is None and meta.context_year is not None:
            anchor = dates.Anchor(
                None,
                meta.context_year,
                "context",
                "context",
                "year",
                f"the year {meta.context_year} from context ({meta.context_note})",
            )
        anchors[a.source_id], published[a.source_id] = anchor, date
        wire = None
        if meta.wire is not None:
            entry = resolve_alias(
                actor_index, meta.wire, "actor", "registries/actors.yaml", cite.problems
            )
            wire = entry.id if entry is not None else None
        rows.append(
            {
                "source_id": a.source_id,
                "title": title.quote if title else None,
                "publisher": publisher.quote if publisher else None,
                "published_date": date,
                "published_date_basis": basis,
                "published_date_note": note,
                "source_type": meta.source_type,
                "original_filename": article.filename,
                "sha256": article.sha256,
                "text": article.text,
                "archive_url": article.archive.url,
                "archive_title": article.archive.title,
                "archive_publisher": article.archive.publisher,
                "archive_page_date": article.archive.page_date,
                "wire_agency_id": wire,
                "body_end": article.body_end,
            }
        )
    return rows, anchors, published


def _actors(annotations: list[Annotation], reg: Registries, index, cite: Citations):
    by_id = {a.id: a for a in reg.actors}
    used_aliases: set[str] = set()
    for a in annotations:
        mentions = [*a.actors, *([a.meta.wire] if a.meta.wire else [])]
        for quote in mentions:
            entry = resolve_alias(index, quote, "actor", "registries/actors.yaml", cite.problems)
            if entry is None:
                cite.unresolved.add(a.source_id)
            span = cite.name_span(a.source_id, quote, "actor")
            if entry is not None and span is not None:
                cite.mentioned[a.source_id].add(entry.id)
                cite.cite("actors", entry.id, span)
                used_aliases.add(quote.text)
    mentioned = set().union(*cite.mentioned.values()) if cite.mentioned else set()
    rows, alias_rows = [], []
    for e in reg.actors:
        if e.id not in mentioned:
            cite.problems.add(
                e.file,
                e.line,
                f"actor {e.id!r} is never mentioned: list a mention under `actors:` in an "
                "annotation, or remove it from the registry",
            )
            continue
        if e.parent is not None and e.parent not in by_id:
            cite.problems.add(
                e.file, e.line, f"actor {e.id!r}: parent {e.parent!r} is not in the registry"
            )
        if e.parent == e.id:
            cite.problems.add(e.file, e.line, f"actor {e.id!r} cannot be its own parent")
        if e.title is not None and not any(
            e.title in cite.articles[src].text for src, ids in cite.mentioned.items() if e.id in ids
        ):
            cite.problems.add(
                e.file,
                e.line,
                f"actor {e.id!r}: title {e.title!r} is not written in any article that mentions "
                "the actor; titles are copied from the texts",
            )
        for alias in e.aliases:
            if alias not in used_aliases:
                cite.problems.add(
                    e.file,
                    e.line,
                    f"actor {e.id!r}: alias {alias!r} is never used in a mention; mention it or "
                    "remove it",
                )
            alias_rows.append({"alias": alias, "actor_id": e.id})
        rows.append(
            {
                "actor_id": e.id,
                "name": e.name,
                "actor_type": e.type,
                "country": e.country,
                "title": e.title,
                "parent_actor_id": e.parent,
            }
        )
    return rows, alias_rows


def _places(
    reg: Registries, used: set[str], cite: Citations
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows of places and place_aliases: every place named in some source, with every
    spelling of it, each spelling used in some mention (a place's evidence quotes one)."""
    ids = {p.id for p in reg.places}
    used_aliases = {e["quote"] for e in cite.evidence.values() if e["record_table"] == "places"}
    rows, alias_rows = [], []
    for p in reg.places:
        if p.parent is not None and p.parent not in ids:
            cite.problems.add(p.file, p.line, f"place {p.id!r}: unknown parent {p.parent!r}")
        if p.parent == p.id:
            cite.problems.add(p.file, p.line, f"place {p.id!r} cannot be its own parent")
        if p.id not in used:
            cite.problems.add(
                p.file,
                p.line,
                f"place {p.id!r} is never mentioned: name it in an event's `places:` or "
                "`route:`, a zone or a scope, or remove it",
            )
            continue
        for alias in p.aliases:
            if alias not in used_aliases:
                cite.problems.add(
                    p.file,
                    p.line,
                    f"place {p.id!r}: alias {alias!r} is never used in a mention; mention it or "
                    "remove it",
                )
            alias_rows.append({"alias": alias, "place_id": p.id})
        rows.append(
            {"place_id": p.id, "name": p.name, "place_type": p.type, "parent_place_id": p.parent}
        )
    return rows, alias_rows


def assemble(
    articles: list[Article],
    annotations: list[Annotation],
    registries: Registries,
    problems: Problems,
    /,
) -> Rows:
    """Build every table's rows; problems are recorded, not raised."""
    by_id = {a.source_id: a for a in articles}
    for a in annotations:
        if a.source_id not in by_id:
            problems.add(
                a.file, 1, f"no article build/articles/{a.source_id}.txt for this annotation"
            )
    annotated = {a.source_id for a in annotations}
    for source_id in sorted(set(by_id) - annotated):
        problems.add(
            f"build/annotations/{source_id}.yaml",
            None,
            "missing: every article needs an annotation file (at least its `source:` section)",
        )
    annotations = [a for a in annotations if a.source_id in by_id]
    names = [n for e in (*registries.actors, *registries.places) for n in e.aliases]
    cite = Citations(by_id, problems, NameIndex(names))
    actor_index = registry_index(registries.actors, "actor", problems)
    cite.known_actors = {e.id for e in registries.actors}
    cite.places = registry_index(registries.places, "place", problems)
    aliases = {e.id: e.aliases for e in registries.actors}
    actors, actor_aliases = _actors(annotations, registries, actor_index, cite)
    sources, anchors, published = _sources(annotations, actor_index, cite)
    aircraft_ids = {f"{a.source_id}-{c.id}" for a in annotations for c in a.aircraft}
    ev = assemble_events(annotations, registries, anchors, published, aircraft_ids, cite)
    aircraft = assemble_aircraft(annotations, registries, ev.ids, aliases, cite)
    statements = assemble_statements(annotations, ev.ids, aliases, anchors, cite)
    sequence = assemble_sequence(annotations, ev.ids, aliases, cite, ev.places_used)
    airspace = assemble_airspace(annotations, ev.ids, aircraft_ids, aliases, cite, ev.places_used)
    places, place_aliases = _places(registries, ev.places_used, cite)
    return {
        "sources": sources,
        "events": ev.events,
        "event_dates": ev.event_dates,
        "event_durations": ev.event_durations,
        "event_routes": ev.event_routes,
        "aircraft": aircraft,
        "aircraft_types": [
            {
                "designation": t.designation,
                "family": t.family,
                "manufacturer": t.manufacturer,
                "kind": t.kind,
            }
            for t in registries.aircraft_types
        ],
        "actors": actors,
        "actor_aliases": actor_aliases,
        "statements": statements,
        "places": places,
        "place_aliases": place_aliases,
        "event_places": ev.event_places,
        "sequence_claims": sequence,
        "airspace_claims": airspace,
        "evidence": list(cite.evidence.values()),
    }
