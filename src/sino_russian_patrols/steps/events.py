"""Events, their date and duration claims, their places and routes.

Reads `registries/events.yaml`, each annotation's `events:` mentions, and from the sources
step each source's publication date and the anchor of its relative dates.

An event is defined once, in `registries/events.yaml`; each article's report of it is a
mention that may carry a date claim, a duration claim, places and a route. The event's own
dates combine the claims of every source by one rule (`combine_dates`), so that the event
does not depend on which file happens to describe it, and every claim stays in
`event_dates` / `event_durations` with its source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import dates, normalize
from ..annotations import Annotation, DateSpec, EventEntry
from ..citing import KEY_SEPARATOR, Citations, cite_place
from ..registries import EventDefinition, Registries
from .base import Done, Inputs, StepOutput, check_parents, needed
from .sources import SourcesOutput

# How the values of `date_precision` and `date_basis` (schema/events.json, event_dates.json)
# rank when claims combine: finest precision first, best-founded basis first. The values are
# the schema's; the ranks are this rule's own, and test_step_events checks that each table
# ranks exactly the values of the schema, so a value added there cannot go unranked.
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "unknown": 3}
BASIS_RANK = {"stated": 0, "weekday_relative": 1, "relative_phrase": 2, "context": 3}
UNKNOWN = dates.ResolvedDate(
    None, None, "unknown", "context", "The texts give no date for this event."
)


@dataclass(frozen=True)
class DateClaim:
    claim_id: str
    event_id: str
    source_id: str
    date: dates.ResolvedDate


def combine_dates(claims: list[DateClaim]) -> dates.ResolvedDate:
    """The event's dates from its sources' claims.

    Rule: take the claims of the finest precision; the event runs from the earliest start to
    the latest end among them (an open bound stays open). Two day claims of different days
    thus give a span of days: a patrol over two days, or two sources that disagree, which
    `event_dates` shows claim by claim. When the claims used agree on the span, the basis is
    the strongest among them (a stated date confirms a weekday reading); when they differ, the
    weakest.
    """
    if not claims:
        return UNKNOWN
    if len(claims) == 1:
        return claims[0].date
    best = min(PRECISION_RANK[c.date.precision] for c in claims)
    used = [c for c in claims if PRECISION_RANK[c.date.precision] == best]
    starts = [c.date.start for c in used]
    ends = [c.date.end for c in used]
    start = None if None in starts else min(s for s in starts if s is not None)
    end = None if None in ends else max(e for e in ends if e is not None)
    precision = used[0].date.precision
    if precision == "month" and (start is None or end is None or start.month != end.month):
        precision = "unknown"
    if precision == "year" and (start is None or end is None or start.year != end.year):
        precision = "unknown"
    # claims that agree on the span confirm each other: the best-founded basis holds; claims
    # that differ make the span only as well founded as its weakest part
    agree = len({(c.date.start, c.date.end) for c in used}) == 1
    pick = min if agree else max
    basis = pick((c.date.basis for c in used), key=BASIS_RANK.__getitem__)
    listed = " ".join(f"[{c.source_id}] {c.date.note}" for c in claims)
    note = (
        f"Combined from {len(claims)} date claims (see event_dates): the claims of the finest "
        f"precision ({precision if precision != 'unknown' else used[0].date.precision}) give "
        f"the span from their earliest start to their latest end. {listed}"
    )
    return dates.ResolvedDate(start, end, precision, basis, note)


def _resolve_claim(
    spec: DateSpec,
    event_id: str,
    source_id: str,
    file: str,
    anchors: Mapping[str, dates.Anchor | None],
    visit,
    cite: Citations,
) -> dates.ResolvedDate | None:
    target = spec.same_as or spec.before or spec.anchor
    base = None
    if target is not None:
        base = visit(target)
        if base is None:
            return None
    if spec.same_as:
        return dates.ResolvedDate(
            base.start,
            base.end,
            base.precision,
            base.basis,
            f"{spec.note} Dated as event {target}: {base.note}",
        )
    if spec.before:
        return dates.ResolvedDate(
            None,
            base.start,
            "unknown",
            base.basis,
            f"{spec.note} No earlier bound; the latest possible date is the start of event "
            f"{target}: {base.note}",
        )
    span = cite.span(source_id, spec.quote)
    if span is None:
        return None
    anchor = anchors.get(source_id)
    if target:
        if base.start is None or base.start != base.end:
            cite.problems.add(file, spec.line, "anchor_day", event=target)
            return None
        anchor = dates.Anchor(
            base.start,
            base.start.year,
            "stated" if base.basis != "context" else "context",
            base.basis,
            base.precision,
            f"the date {base.start.isoformat()} of event {target}",
        )
    try:
        result = dates.resolve(span.quote, anchor)
        if spec.end_only:
            result = dates.end_bound(result, "")
    except ValueError as exc:
        cite.problems.add(file, spec.line, "date_phrase", f"event {event_id}: {exc}")
        return None
    if spec.note:
        result = dates.ResolvedDate(
            result.start, result.end, result.precision, result.basis, f"{result.note} {spec.note}"
        )
    return result


@dataclass(frozen=True)
class EventsOutput(StepOutput):
    event_ids: frozenset[str]  # every event defined: a claim refers to one of them


def _definitions(reg: Registries, cite: Citations) -> dict[str, EventDefinition]:
    found: dict[str, EventDefinition] = {}
    for e in reg.events:
        if e.id in found:
            cite.problems.add(
                e.file,
                e.line,
                "duplicate_id",
                f"duplicate event id {e.id!r} (also line {found[e.id].line})",
            )
            continue
        found[e.id] = e
    check_parents(found.values(), "event", cite.problems)
    return found


def run(inputs: Inputs, done: Done) -> EventsOutput:
    """Event rows from the registry; claims, places and routes from every annotation."""
    sources = needed(done, "sources", SourcesOutput)
    anchors, published = sources.anchors, sources.published
    aircraft_ids, cite = inputs.aircraft_claims, inputs.citations()
    definitions = _definitions(inputs.registries, cite)
    mentions: dict[str, list[tuple[Annotation, EventEntry]]] = defaultdict(list)
    event_places: set[tuple[str, str]] = set()
    routes: list[dict[str, Any]] = []
    for a in inputs.annotations:
        for e in a.events:
            if e.id not in definitions:
                cite.problems.add(
                    e.file,
                    e.line,
                    "unknown_event",
                    f"unknown event id {e.id!r}: define it in registries/events.yaml "
                    "(id, type, summary) or correct the id",
                )
                continue
            mentions[e.id].append((a, e))
            cite.cite("events", e.id, cite.span(a.source_id, e.quote))
            for quote, role_key in [(q, None) for q in e.places] + [(p.place, p) for p in e.route]:
                named = cite_place(cite, a.source_id, quote)
                if named is None:
                    continue
                place_id, span = named
                event_places.add((e.id, place_id))
                cite.cite("event_places", f"{e.id}{KEY_SEPARATOR}{place_id}", span)
                if role_key is None:
                    continue
                aircraft_id = None
                if role_key.aircraft is not None:
                    aircraft_id = f"{a.source_id}-{role_key.aircraft}"
                    if aircraft_id not in aircraft_ids:
                        cite.problems.add(
                            e.file,
                            e.line,
                            "unknown_aircraft_claim",
                            f"route leg: no aircraft claim {role_key.aircraft!r}",
                        )
                key = (a.source_id, e.id, role_key.leg, role_key.role, place_id)
                cite.cite("event_routes", KEY_SEPARATOR.join(map(str, key)), span)
                routes.append(
                    dict(
                        zip(("source_id", "event_id", "leg", "role", "place_id"), key, strict=True)
                    )
                    | {"aircraft_id": aircraft_id}
                )
    for event_id, e in definitions.items():
        if event_id not in mentions:
            cite.problems.add(
                e.file,
                e.line,
                "never_mentioned",
                f"event {event_id!r} is reported by no article: add its mention (id and quote) "
                "under `events:` in an annotation, or remove it",
            )

    combined: dict[str, dates.ResolvedDate | None] = {}
    claims_of: dict[str, list[DateClaim]] = {}

    def visit(event_id: str, chain: tuple[str, ...] = ()) -> dates.ResolvedDate | None:
        if event_id in combined:
            return combined[event_id]
        if event_id not in definitions:
            cite.problems.add(
                definitions[chain[-1]].file if chain else "registries/events.yaml",
                None,
                "unknown_event",
                f"event date refers to unknown event {event_id!r}",
            )
            return None
        if event_id in chain:
            e = definitions[event_id]
            cite.problems.add(e.file, e.line, "date_cycle", path=" → ".join((*chain, event_id)))
            return None
        claims, counter = [], defaultdict(int)
        for a, e in mentions.get(event_id, []):
            if e.date is None:
                continue
            counter[a.source_id] += 1
            claim_id = f"{a.source_id}-{event_id}-d{counter[a.source_id]}"
            result = _resolve_claim(
                e.date,
                event_id,
                a.source_id,
                e.file,
                anchors,
                lambda t, c=(*chain, event_id), src=a.source_id: as_known_to(t, src, c),
                cite,
            )
            if result is None:
                continue
            when = published.get(a.source_id)
            if when is not None and result.start is not None and result.start > when:
                cite.problems.add(
                    e.file,
                    e.date.line,
                    "dated_after_source",
                    f"event {event_id}: dated from {result.start} but {a.source_id} was published "
                    f"on {when}; a source cannot report an event after its publication",
                )
            quote_span = cite.span(a.source_id, e.date.quote) if e.date.quote else None
            cite.cite("event_dates", claim_id, quote_span or cite.span(a.source_id, e.quote))
            if quote_span is not None:
                cite.cite("events", event_id, quote_span)
            claims.append(DateClaim(claim_id, event_id, a.source_id, result))
        claims_of[event_id] = claims
        combined[event_id] = combine_dates(claims)
        return combined[event_id]

    def as_known_to(
        event_id: str, source_id: str, chain: tuple[str, ...]
    ) -> dates.ResolvedDate | None:
        """Another event's date as one source gives it (its own claims about that event),
        so that a claim is never more precise than its source; the combined date when the
        source has no claim of its own about that event."""
        if visit(event_id, chain) is None:
            return None
        own = [c for c in claims_of.get(event_id, []) if c.source_id == source_id]
        return combine_dates(own) if own else combined[event_id]

    for event_id in definitions:
        visit(event_id)

    rows, date_rows, duration_rows = [], [], []
    for event_id, e in definitions.items():
        durations = []
        counter = 0
        for a, m in mentions.get(event_id, []):
            if m.duration is None:
                continue
            span = cite.span(a.source_id, m.duration)
            if span is None:
                continue
            try:
                hours, qualifier = normalize.duration_phrase(span.quote)
            except ValueError as exc:
                cite.problems.add(
                    m.file, m.duration.line, "duration_phrase", f"event {event_id}: {exc}"
                )
                continue
            counter += 1
            claim_id = f"{a.source_id}-{event_id}-h{counter}"
            cite.cite("event_durations", claim_id, span)
            cite.cite("events", event_id, span)
            durations.append(hours)
            duration_rows.append(
                {
                    "duration_claim_id": claim_id,
                    "event_id": event_id,
                    "source_id": a.source_id,
                    "duration_hours": hours,
                    "duration_qualifier": qualifier,
                }
            )
        date = combined.get(event_id)
        if date is None:
            continue
        for c in claims_of.get(event_id, []):
            date_rows.append(
                {
                    "date_claim_id": c.claim_id,
                    "event_id": event_id,
                    "source_id": c.source_id,
                    "start_date": c.date.start,
                    "end_date": c.date.end,
                    "date_precision": c.date.precision,
                    "date_basis": c.date.basis,
                    "date_note": c.date.note,
                }
            )
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
                "duration_hours": durations[0] if durations and len(set(durations)) == 1 else None,
                "parent_event_id": e.parent,
            }
        )
    links = [{"event_id": ev, "place_id": pl} for ev, pl in sorted(event_places)]
    tables = {
        "events": rows,
        "event_dates": date_rows,
        "event_durations": duration_rows,
        "event_places": links,
        "event_routes": routes,
    }
    return EventsOutput(tables, list(cite.evidence.values()), frozenset(definitions))
