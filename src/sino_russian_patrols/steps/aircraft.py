"""Aircraft claims: which country flew how many aircraft of which type, as one source says.

Reads each annotation's `aircraft:` claims and `registries/aircraft_types.yaml`; each claim
refers to an event (events step) and is reported by an actor its source mentions (actors
step). The country, type and count an editor writes must be written in the claim's words, and
whoever reports it must be named there.
"""

from __future__ import annotations

from .. import normalize
from ..citing import named_in, spans_of, written_in
from .actors import ActorsOutput
from .base import Done, Inputs, StepOutput, needed
from .events import EventsOutput


def run(inputs: Inputs, done: Done) -> StepOutput:
    """Rows of aircraft (each claim with its country, type and count as written) and of
    aircraft_types (the registry the claims' types are normalised to)."""
    events = needed(done, "events", EventsOutput).event_ids
    mentions = needed(done, "actors", ActorsOutput).mentions
    cite, problems, aliases = inputs.citations(), inputs.problems, inputs.actor_aliases()
    types = inputs.registries.aircraft_types
    known = [t.designation for t in types]
    rows, seen = [], set()
    for a in inputs.annotations:
        for c in a.aircraft:
            aircraft_id = f"{a.source_id}-{c.id}"
            what = f"aircraft claim {c.id}"
            if aircraft_id in seen:
                problems.add(
                    c.file, c.line, "duplicate_id", f"duplicate aircraft claim id {c.id!r}"
                )
                continue
            seen.add(aircraft_id)
            if c.event not in events:
                problems.add(
                    c.file, c.line, "unknown_event", f"{what}: unknown event id {c.event!r}"
                )
            mentions.check(problems, a.source_id, c.reported_by, "reported_by", c.file, c.line)
            spans = spans_of(cite, a.source_id, [c.quote, *c.also, *c.attribution])
            if spans is None:
                continue
            ok = all(
                [
                    written_in(spans, v, k, what, c.quote, problems)
                    for k, v in (("country", c.country), ("type", c.type), ("count", c.count))
                    if v is not None
                ]
            ) and named_in(spans, c.reported_by, aliases, what, c.quote, problems)
            try:
                canonical = normalize.aircraft_type(c.type, known)
                country = normalize.country_code(c.country) if c.country is not None else None
                number, qualifier = (
                    normalize.count_phrase(c.count) if c.count is not None else (None, None)
                )
            except ValueError as exc:
                problems.add(c.file, c.line, "claim_value", what=what, detail=exc)
                continue
            if not ok:
                continue
            for span in spans:
                cite.cite("aircraft", aircraft_id, span)
            rows.append(
                {
                    "aircraft_id": aircraft_id,
                    "event_id": c.event,
                    "country": country,
                    "aircraft_type": canonical,
                    "type_as_reported": c.type,
                    "role": c.role,
                    "count": number,
                    "count_qualifier": qualifier,
                    "is_total": c.total,
                    "part_of_flight": True if c.part_of_flight else None,
                    "reported_by": c.reported_by,
                    "source_id": a.source_id,
                }
            )
    type_rows = [
        {
            "designation": t.designation,
            "family": t.family,
            "manufacturer": t.manufacturer,
            "kind": t.kind,
        }
        for t in types
    ]
    tables = {"aircraft": rows, "aircraft_types": type_rows}
    return StepOutput(tables, list(cite.evidence.values()))
