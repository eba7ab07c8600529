"""Assemble the dataset's tables from articles, annotations and registries.

Input: what `articles`, `annotations` and the registries read. Output: one list of row
dicts per table, sorted by primary key. Every problem found is recorded with the file and
line to fix; the caller stops the build if there are any.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from . import dates, normalize
from .annotations import Annotation, EventEntry, Quote, Registries
from .articles import Article
from .errors import Problems
from .spans import Span, locate

Rows = dict[str, list[dict[str, Any]]]
_QUOTE_MARKS = '"\u201c\u201d'


@dataclass
class _State:
    articles: dict[str, Article]
    problems: Problems
    evidence: dict[tuple, dict[str, Any]] = field(default_factory=dict)
    mentioned: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def span(self, source_id: str, quote: Quote | None) -> Span | None:
        if quote is None:
            return None
        return locate(self.articles[source_id].text, source_id, quote, self.problems)

    def cite(self, table: str, record_id: str, span: Span | None) -> None:
        if span is None:
            return
        key = (table, record_id, span.source_id, span.start, span.end)
        self.evidence[key] = {
            "record_table": table,
            "record_id": record_id,
            "source_id": span.source_id,
            "char_start": span.start,
            "char_end": span.end,
            "quote": span.quote,
        }


def _sources(annotations: list[Annotation], s: _State) -> tuple[list[dict], dict[str, Any]]:
    """Source rows, and for each source the anchor its relative dates resolve against."""
    rows, anchors = [], {}
    for a in annotations:
        article, meta = s.articles[a.source_id], a.meta
        title = s.span(a.source_id, meta.title)
        publisher = s.span(a.source_id, meta.publisher)
        published, basis, note, anchor = None, "unknown", None, None
        if meta.published is not None and meta.published.quote is not None:
            span = s.span(a.source_id, meta.published.quote)
            if span is not None:
                try:
                    published = dates.parse_stated(span.quote)
                    if published is None:
                        raise ValueError(f"no full date (day, month, year) in {span.quote!r}")
                except ValueError as exc:
                    s.problems.add(a.file, meta.published.quote.line, f"published_date: {exc}")
                basis = "stated" if published else "unknown"
                if published:
                    anchor = dates.Anchor(
                        published,
                        published.year,
                        "stated",
                        "stated",
                        "day",
                        f"the stated publication date {published.isoformat()} of {a.source_id}",
                    )
        elif meta.published is not None:
            published, basis, note = meta.published.value, meta.published.basis, meta.published.note
            anchor = dates.Anchor(
                published,
                published.year,
                "context",
                "context",
                "day",
                f"the publication date {published.isoformat()} of {a.source_id}, inferred from "
                f"context ({note})",
            )
        if anchor is None and meta.context_year is not None:
            anchor = dates.Anchor(
                None,
                meta.context_year,
                "context",
                "context",
                "year",
                f"the year {meta.context_year} from context ({meta.context_note})",
            )
        anchors[a.source_id] = anchor
        rows.append(
            {
                "source_id": a.source_id,
                "title": title.quote if title else None,
                "publisher": publisher.quote if publisher else None,
                "published_date": published,
                "published_date_basis": basis,
                "published_date_note": note,
                "source_type": meta.source_type,
                "original_filename": article.filename,
                "sha256": article.sha256,
                "text": article.text,
            }
        )
    return rows, anchors


def _registry_index(entries: list[Any], what: str, s: _State) -> dict[str, Any]:
    """alias → entry, checking that ids and aliases are unique."""
    by_id, by_alias = {}, {}
    for e in entries:
        if e.id in by_id:
            s.problems.add(
                e.file, e.line, f"duplicate {what} id {e.id!r} (also line {by_id[e.id].line})"
            )
        by_id[e.id] = e
        for alias in e.aliases:
            other = by_alias.get(alias)
            if other is not None and other.id != e.id:
                s.problems.add(
                    e.file, e.line, f"alias {alias!r} belongs to both {other.id!r} and {e.id!r}"
                )
            by_alias[alias] = e
    return by_alias


def _resolve_alias(index: dict[str, Any], quote: Quote, what: str, registry: str, s: _State):
    entry = index.get(quote.text)
    if entry is None:
        close = [a for a in index if a.casefold() == quote.text.casefold()]
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        s.problems.add(
            quote.file,
            quote.line,
            f"unknown {what} spelling {quote.text!r}{hint}: add it to the aliases of the right "
            f"entry in {registry}",
        )
    return entry


def _actors(annotations: list[Annotation], reg: Registries, s: _State) -> tuple[list, list]:
    index = _registry_index(reg.actors, "actor", s)
    by_id = {a.id: a for a in reg.actors}
    used_aliases: set[str] = set()
    for a in annotations:
        for quote in a.actors:
            entry = _resolve_alias(index, quote, "actor", "registries/actors.yaml", s)
            span = s.span(a.source_id, quote)
            if entry is not None and span is not None:
                s.mentioned[a.source_id].add(entry.id)
                s.cite("actors", entry.id, span)
                used_aliases.add(quote.text)
    mentioned = set().union(*s.mentioned.values()) if s.mentioned else set()
    rows, alias_rows = [], []
    for e in reg.actors:
        if e.id not in mentioned:
            s.problems.add(
                e.file,
                e.line,
                f"actor {e.id!r} is never mentioned: list a mention under `actors:` in an "
                "annotation, or remove it from the registry",
            )
            continue
        if e.parent is not None and e.parent not in by_id:
            s.problems.add(
                e.file, e.line, f"actor {e.id!r}: parent {e.parent!r} is not in the registry"
            )
        if e.parent == e.id:
            s.problems.add(e.file, e.line, f"actor {e.id!r} cannot be its own parent")
        if e.title is not None and not any(
            e.title in s.articles[src].text for src, ids in s.mentioned.items() if e.id in ids
        ):
            s.problems.add(
                e.file,
                e.line,
                f"actor {e.id!r}: title {e.title!r} is not written in any article that mentions "
                "the actor; titles are copied from the texts",
            )
        for alias in e.aliases:
            if alias not in used_aliases:
                s.problems.add(
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


def _check_mentioned(
    source_id: str, actor: str | None, what: str, file: str, line, s: _State
) -> None:
    if actor is not None and actor not in s.mentioned[source_id]:
        s.problems.add(
            file,
            line,
            f"{what} {actor!r} is not mentioned in {source_id}: unknown actor id, or add its "
            "mention under `actors:` in this file",
        )


def _resolve_dates(
    definitions: dict[str, EventEntry],
    anchors: dict[str, Any],
    s: _State,
) -> dict[str, dates.ResolvedDate]:
    """Resolve every event's date, following `anchor:` and `same_as:` to other events."""
    resolved: dict[str, dates.ResolvedDate] = {}
    unknown = dates.ResolvedDate(
        None, None, "unknown", "context", "The texts give no date for this event."
    )

    def visit(event_id: str, chain: tuple[str, ...]) -> dates.ResolvedDate | None:
        if event_id in resolved:
            return resolved[event_id]
        e = definitions[event_id]
        if event_id in chain:
            s.problems.add(
                e.file, e.line, f"event dates refer in a circle: {' → '.join((*chain, event_id))}"
            )
            return None
        spec, source_id = e.date, _source_of(e.file)
        if spec is None:
            resolved[event_id] = unknown
            return unknown
        target = spec.same_as or spec.before or spec.anchor
        if target is not None and target not in definitions:
            s.problems.add(e.file, spec.line, f"event date refers to unknown event {target!r}")
            return None
        base = visit(target, (*chain, event_id)) if target else None
        if target and base is None:
            return None
        if spec.same_as:
            result = dates.ResolvedDate(
                base.start,
                base.end,
                base.precision,
                base.basis,
                f"{spec.note} Dated as event {target}: {base.note}",
            )
        elif spec.before:
            result = dates.ResolvedDate(
                None,
                base.start,
                "unknown",
                base.basis,
                f"{spec.note} No earlier bound; the latest possible date is the start of event "
                f"{target}: {base.note}",
            )
        else:
            span = s.span(source_id, spec.quote)
            if span is None:
                return None
            s.cite("events", event_id, span)
            anchor = anchors.get(source_id)
            if target:
                if base.start != base.end or base.start is None:
                    s.problems.add(
                        e.file, spec.line, f"anchor event {target!r} has no single-day date"
                    )
                    return None
                anchor = dates.Anchor(
                    base.start,
                    base.start.year,
                    "stated" if base.basis != "context" else "context",
                    base.basis,
                    base.precision,
                    f"the date {base.start.isoformat()} of event {target} ({base.note})",
                )
            try:
                result = dates.resolve(span.quote, anchor)
            except ValueError as exc:
                s.problems.add(e.file, spec.line, f"event {event_id}: {exc}")
                return None
            if spec.note:
                result = dates.ResolvedDate(
                    result.start,
                    result.end,
                    result.precision,
                    result.basis,
                    f"{result.note} {spec.note}",
                )
        resolved[event_id] = result
        return result

    for event_id in definitions:
        visit(event_id, ())
    return resolved


def _source_of(file: str) -> str:
    return re.sub(r"\.yaml$", "", file.replace("\\", "/").rsplit("/", 1)[-1])


def _events(annotations: list[Annotation], reg: Registries, anchors, s: _State):
    definitions: dict[str, EventEntry] = {}
    for a in annotations:
        for e in a.events:
            if e.is_definition:
                if e.id in definitions:
                    first = definitions[e.id]
                    s.problems.add(
                        e.file,
                        e.line,
                        f"duplicate event id {e.id!r}: already defined at "
                        f"{first.file}:{first.line}; other files mention it with id, quote and "
                        "places only",
                    )
                    continue
                definitions[e.id] = e
    place_index = _registry_index(reg.places, "place", s)
    event_places, used_places = set(), set()
    for a in annotations:
        for e in a.events:
            if e.id not in definitions:
                s.problems.add(
                    e.file,
                    e.line,
                    f"unknown event id {e.id!r}: no annotation file defines it (with `type`)",
                )
                continue
            s.cite("events", e.id, s.span(a.source_id, e.quote))
            for quote in e.places:
                place = _resolve_alias(place_index, quote, "place", "registries/places.yaml", s)
                span = s.span(a.source_id, quote)
                if place is None or span is None:
                    continue
                used_places.add(place.id)
                event_places.add((e.id, place.id))
                s.cite("places", place.id, span)
                s.cite("event_places", f"{e.id}/{place.id}", span)
    resolved = _resolve_dates(definitions, anchors, s)
    rows = []
    for event_id, e in definitions.items():
        if e.parent is not None and e.parent not in definitions:
            s.problems.add(e.file, e.line, f"event {event_id}: unknown parent event {e.parent!r}")
        if e.parent == event_id:
            s.problems.add(e.file, e.line, f"event {event_id} cannot be its own parent")
        duration = None
        if e.duration is not None:
            span = s.span(_source_of(e.file), e.duration)
            if span is not None:
                try:
                    duration = normalize.duration_hours(span.quote)
                    s.cite("events", event_id, span)
                except ValueError as exc:
                    s.problems.add(e.file, e.duration.line, f"event {event_id}: {exc}")
        date = resolved.get(event_id)
        if date is None:
            continue
        rows.append(
            {
                "event_id": event_id,
                "event_type": e.type,
                "summary": e.summary,
                "start_date": date.start,
                "end_date": date.end,
                "date_precision": date.precision,
                "date_basis": date.basis,
                "date_note": date.note,
                "duration_hours": duration,
                "parent_event_id": e.parent,
            }
        )
    places = []
    for p in reg.places:
        if p.id not in used_places:
            s.problems.add(
                p.file,
                p.line,
                f"place {p.id!r} is never mentioned: add it to an event's `places:` or remove it",
            )
            continue
        places.append({"place_id": p.id, "name": p.name, "place_type": p.type})
    links = [{"event_id": ev, "place_id": pl} for ev, pl in sorted(event_places)]
    return rows, places, links, set(definitions)


def _part_of(quote: Span, value: str, key: str, file: str, line, s: _State) -> bool:
    if value not in quote.quote:
        s.problems.add(
            file,
            line,
            f"aircraft claim: `{key}` {value!r} is not written in its quote {quote.quote!r}",
        )
        return False
    return True


def _aircraft(annotations: list[Annotation], reg: Registries, events: set[str], s: _State) -> list:
    known = [t.designation for t in reg.aircraft_types]
    rows, seen = [], set()
    for a in annotations:
        for c in a.aircraft:
            aircraft_id = f"{a.source_id}-{c.id}"
            if aircraft_id in seen:
                s.problems.add(c.file, c.line, f"duplicate aircraft claim id {c.id!r} in this file")
                continue
            seen.add(aircraft_id)
            if c.event not in events:
                s.problems.add(
                    c.file, c.line, f"aircraft claim {c.id}: unknown event id {c.event!r}"
                )
            _check_mentioned(a.source_id, c.reported_by, "reported_by", c.file, c.line, s)
            span = s.span(a.source_id, c.quote)
            if span is None:
                continue
            ok = all(
                _part_of(span, v, k, c.file, c.line, s)
                for k, v in (("country", c.country), ("type", c.type), ("count", c.count))
                if v is not None
            )
            try:
                canonical = normalize.aircraft_type(c.type, known)
                country = normalize.country_code(c.country)
                number = normalize.count(c.count) if c.count is not None else None
            except ValueError as exc:
                s.problems.add(c.file, c.line, f"aircraft claim {c.id}: {exc}")
                continue
            if not ok:
                continue
            s.cite("aircraft", aircraft_id, span)
            rows.append(
                {
                    "aircraft_id": aircraft_id,
                    "event_id": c.event,
                    "country": country,
                    "aircraft_type": canonical,
                    "type_as_reported": c.type,
                    "role": c.role,
                    "count": number,
                    "reported_by": c.reported_by,
                    "source_id": a.source_id,
                }
            )
    return rows


def _enclosed_in_quotation_marks(text: str, start: int, end: int) -> bool:
    """True when text[start:end] lies between a pair of quotation marks in one paragraph."""
    before = max(text.rfind(m, 0, start) for m in _QUOTE_MARKS)
    after = [i for i in (text.find(m, end) for m in _QUOTE_MARKS) if i != -1]
    if before == -1 or not after:
        return False
    inside = text[before + 1 : min(after)]
    return "\n" not in inside and not any(m in text[start:end] for m in _QUOTE_MARKS)


def _statements(annotations: list[Annotation], events: set[str], s: _State) -> list:
    rows, seen = [], set()
    for a in annotations:
        text = s.articles[a.source_id].text
        for st in a.statements:
            statement_id = f"{a.source_id}-{st.id}"
            if statement_id in seen:
                s.problems.add(st.file, st.line, f"duplicate statement id {st.id!r} in this file")
                continue
            seen.add(statement_id)
            _check_mentioned(a.source_id, st.speaker, "speaker", st.file, st.line, s)
            if st.event is not None and st.event not in events:
                s.problems.add(
                    st.file, st.line, f"statement {st.id}: unknown event id {st.event!r}"
                )
            span = s.span(a.source_id, st.quote)
            if span is None:
                continue
            if st.type == "direct_quote" and not _enclosed_in_quotation_marks(
                text, span.start, span.end
            ):
                s.problems.add(
                    st.file,
                    st.line,
                    f"statement {st.id}: a direct_quote must be the words inside quotation marks; "
                    f"{span.quote!r} is not (use paraphrase, or quote the words only)",
                )
            rows.append(
                {
                    "statement_id": statement_id,
                    "actor_id": st.speaker,
                    "event_id": st.event,
                    "text": span.quote,
                    "statement_type": st.type,
                    "source_id": a.source_id,
                    "char_start": span.start,
                    "char_end": span.end,
                    "remark_id": st.remark,
                }
            )
    return rows


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
    s = _State(by_id, problems)
    sources, anchors = _sources(annotations, s)
    actors, aliases = _actors(annotations, registries, s)
    events, places, event_places, event_ids = _events(annotations, registries, anchors, s)
    aircraft = _aircraft(annotations, registries, event_ids, s)
    statements = _statements(annotations, event_ids, s)
    tables: Rows = {
        "sources": sources,
        "events": events,
        "aircraft": aircraft,
        "actors": actors,
        "actor_aliases": aliases,
        "statements": statements,
        "places": places,
        "event_places": event_places,
        "evidence": list(s.evidence.values()),
    }
    return tables
