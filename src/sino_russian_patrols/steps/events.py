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

import datetime as dt
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

# How the values of `date_basis` (schema/events.json, event_dates.json) rank when claims
# combine: best-founded first. The values are the schema's; the ranks are this rule's own, and
# test_step_events checks that the table ranks exactly the values of the schema, so a value
# added there cannot go unranked.
BASIS_RANK = {"stated": 0, "weekday_relative": 1, "relative_phrase": 2, "context": 3, "unknown": 4}
# Event types that answer another event (a patrol): each names the event it answered as its
# parent, so that an intercept or a scramble is always found under its patrol.
ANSWERS = ("intercept", "scramble")
UNKNOWN = dates.ResolvedDate(
    None, None, "unknown", "unknown", "The texts give no date for this event."
)


# How a date claim bounds its event (event_dates.bound): the event lies within the claim's
# days; it ended on or before its last day (a completed event reported, "concluded earlier this
# month"); it had begun by its last day (a report made while the event went on); or it began on
# the claim's days ("departed on August 7") and may have gone on after them.
WITHIN, ENDED_BY, BEGAN_BY, BEGAN_ON = "within", "ended_by", "began_by", "began_on"
_LOWER = (WITHIN, BEGAN_ON)  # the bounds that give a lower bound (their start)
_UPPER = (WITHIN, ENDED_BY)  # the bounds that give an upper bound (their end)
_BEGUN = (BEGAN_BY, BEGAN_ON)  # the event had begun by their end


@dataclass(frozen=True)
class DateClaim:
    claim_id: str
    event_id: str
    source_id: str
    date: dates.ResolvedDate
    bound: str = WITHIN
    day_known: bool = False  # the claim's days are known to the day (before any bound is cut)
    announced: bool = False  # the source announces the event ahead of it


@dataclass(frozen=True)
class Combined:
    """An event's dates from its claims, and whether the claims can all hold together."""

    date: dates.ResolvedDate
    conflict: bool


def _precision(start: dt.date | None, end: dt.date | None, day_known: bool) -> str:
    """`day` when both bounds are known to the day; `month` or `year` when both lie in one
    calendar month or year; `unknown` otherwise (or when a bound is open)."""
    if start is None or end is None:
        return "unknown"
    if day_known:
        return "day"
    if (start.year, start.month) == (end.year, end.month):
        return "month"
    return "year" if start.year == end.year else "unknown"


def _strongest(claims: list[DateClaim]) -> str:
    return min((c.date.basis for c in claims), key=BASIS_RANK.__getitem__)


def _weakest(bases: list[str]) -> str:
    return max(bases, key=BASIS_RANK.__getitem__)


def combine_dates(claims: list[DateClaim]) -> Combined:
    """The event's dates from its sources' claims: dates as constraints.

    Rule: each claim bounds the event (`bound`): `within` its days (the start no earlier than
    the claim's first day, the end no later than its last), `ended_by` its last day,
    `began_by` its last day, or `began_on` its days (the start no earlier than its first day,
    and no later than its last). The event runs from the latest lower bound to the earliest
    upper bound: the tightest interval that every claim allows, so that a true "December last year"
    beside "Dec. 9" dates the event to 9 December, not to the month. The bounds' basis is the
    strongest of the claims that give each bound (claims that agree confirm each other), and
    the event's basis the weaker of the two bounds'.

    When the claims cannot all hold (a lower bound after an upper one, or an event that began
    after a source reported it under way), every claim stays in `event_dates`, the event spans
    all of them (from the earliest start to the latest end, an open bound staying open), its
    basis is the weakest, and `conflict` is true; the note says which claims disagree.
    """
    if not claims:
        return Combined(UNKNOWN, False)
    if len(claims) == 1 and claims[0].bound == WITHIN:
        return Combined(claims[0].date, False)
    lows = [c for c in claims if c.bound in _LOWER and c.date.start is not None]
    highs = [c for c in claims if c.bound in _UPPER and c.date.end is not None]
    start = max((c.date.start for c in lows), default=None)
    end = min((c.date.end for c in highs), default=None)
    at_start = [c for c in lows if c.date.start == start]
    at_end = [c for c in highs if c.date.end == end]
    late = [c for c in claims if c.bound in _BEGUN and start is not None and start > c.date.end]
    listed = " ".join(f"[{c.source_id}] {c.date.note}" for c in claims)
    if (start is not None and end is not None and start > end) or late:
        return _conflict(claims, at_start, at_end, late, listed)
    # a bound is known to the day when any claim that gives it is ("August 1-5, 2025" beside
    # "in August": the 1st is the day claim's, not only the month's first day)
    known = any(c.day_known for c in at_start) and any(c.day_known for c in at_end)
    precision = _precision(start, end, known)
    bounds = [_strongest(side) for side in (at_start, at_end) if side]
    basis = _weakest(bounds or [c.date.basis for c in claims])
    said = [
        f"{which} {day.isoformat()} ({', '.join(c.claim_id for c in side)})"
        for which, day, side in (("from", start, at_start), ("to", end, at_end))
        if day is not None
    ]
    note = (
        f"Combined from {len(claims)} date claim{'s' if len(claims) != 1 else ''} (see "
        "event_dates): the event lies within the "
        f"tightest bounds that all of them allow, {' '.join(said) or 'none'}. {listed}"
    )
    return Combined(dates.ResolvedDate(start, end, precision, basis, note), False)


def _conflict(
    claims: list[DateClaim],
    at_start: list[DateClaim],
    at_end: list[DateClaim],
    late: list[DateClaim],
    listed: str,
) -> Combined:
    """Claims that cannot all hold: the event spans every claim, and says so."""
    starts = [c.date.start for c in claims]
    ends = [c.date.end for c in claims]
    start = None if None in starts else min(s for s in starts if s is not None)
    end = None if None in ends else max(e for e in ends if e is not None)
    apart = {c.claim_id for c in at_start + (late or at_end)}
    precision = _precision(start, end, all(c.day_known for c in claims))
    note = (
        f"The date claims cannot all hold ({', '.join(sorted(apart))} disagree; see "
        f"event_dates): the event spans every claim, from its earliest start to its latest end. "
        f"{listed}"
    )
    basis = _weakest([c.date.basis for c in claims])
    return Combined(dates.ResolvedDate(start, end, precision, basis, note), True)


def _resolve_claim(
    spec: DateSpec,
    event_id: str,
    source_id: str,
    file: str,
    anchors: Mapping[str, dates.Anchor | None],
    visit,
    cite: Citations,
) -> tuple[dates.ResolvedDate, str, bool] | None:
    """A date claim resolved: its dates, how they bound the event (`WITHIN`, `ENDED_BY`,
    `BEGAN_BY`) and whether its days are known to the day."""
    target = spec.same_as or spec.before or spec.after or spec.anchor
    base = None
    if target is not None:
        base = visit(target)
        if base is None:
            return None
        if base.basis == "unknown" and not spec.anchor:
            # an event no claim dates gives no bound: the claim would say nothing
            cite.problems.add(file, spec.line, "relative_to_undated", event=target)
            return None
    if spec.same_as:
        same = dates.ResolvedDate(
            base.start,
            base.end,
            base.precision,
            base.basis,
            f"{spec.note} Dated as event {target}: {base.note}",
        )
        return same, WITHIN, base.precision == "day"
    # the other event's bounds: known to the day, its start and end are its first and last days;
    # otherwise its start may be as late as its latest possible day and its end as early as its
    # earliest one
    exact = base is not None and base.precision == "day"
    # a bound read from another event relates this event to it: never `stated` of its own
    related = "relative_phrase" if base is not None and base.basis == "stated" else None
    if spec.before:
        before = dates.ResolvedDate(
            None,
            base.start if exact else base.end,
            "unknown",
            related or base.basis,
            f"{spec.note} No earlier bound; the latest possible date is the latest possible start "
            f"of event {target}: {base.note}",
        )
        return before, ENDED_BY, base.precision == "day"
    if spec.after:
        after = dates.ResolvedDate(
            base.end if exact else base.start,
            None,
            "unknown",
            related or base.basis,
            f"{spec.note} No later bound; the earliest possible date is the earliest possible "
            f"end of event {target}: {base.note}",
        )
        return after, WITHIN, base.precision == "day"
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
        result = dates.resolve(span.quote, anchor, ahead=spec.announced)
    except ValueError as exc:
        cite.problems.add(file, spec.line, "date_phrase", f"event {event_id}: {exc}")
        return None
    day_known, bound = result.precision == "day", WITHIN
    if spec.end_only:
        result, bound = dates.end_bound(result, ""), ENDED_BY
    elif spec.began_by:
        result, bound = dates.began_bound(result), BEGAN_BY
    elif spec.start_only:
        result, bound = dates.start_bound(result), BEGAN_ON
    if spec.note:
        result = dates.ResolvedDate(
            result.start, result.end, result.precision, result.basis, f"{result.note} {spec.note}"
        )
    return result, bound, day_known


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
    for e in found.values():
        if e.type in ANSWERS and e.parent is None:
            cite.problems.add(e.file, e.line, "answer_parent", event=e.id, type=e.type)
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

    combined: dict[str, Combined | None] = {}
    claims_of: dict[str, list[DateClaim]] = {}

    def visit(event_id: str, chain: tuple[str, ...] = ()) -> dates.ResolvedDate | None:
        if event_id in combined:
            known = combined[event_id]
            return None if known is None else known.date
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
            result, bound, day_known = result
            when = published.get(a.source_id)
            ahead = result.start is not None and when is not None and result.start > when
            if ahead and not e.date.announced:
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
            claims.append(
                DateClaim(
                    claim_id, event_id, a.source_id, result, bound, day_known, e.date.announced
                )
            )
        claims_of[event_id] = claims
        combined[event_id] = combine_dates(claims)
        return combined[event_id].date

    def as_known_to(
        event_id: str, source_id: str, chain: tuple[str, ...]
    ) -> dates.ResolvedDate | None:
        """Another event's date as one source gives it (its own claims about that event),
        so that a claim is never more precise than its source; the combined date when the
        source has no claim of its own about that event."""
        known = visit(event_id, chain)
        if known is None:
            return None
        own = [c for c in claims_of.get(event_id, []) if c.source_id == source_id]
        return combine_dates(own).date if own else known

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
        found = combined.get(event_id)
        if found is None:
            continue
        date = found.date
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
                    "bound": c.bound,
                    "announced": c.announced,
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
                "date_conflict": found.conflict,
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
