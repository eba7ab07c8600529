"""Aircraft claims: which country flew how many aircraft of which type, as one source says.

Reads each annotation's `aircraft:` claims and `registries/aircraft_types.yaml`; each claim
refers to an event (events step) and is reported by an actor its source mentions (actors
step). The country, type and count an editor writes must be written in the claim's words, and
whoever reports it must be named there.
"""

from __future__ import annotations

from .. import normalize
from ..citing import spans_of
from .base import Done, Inputs, Row, StepOutput
from .claims import Claims


def run(inputs: Inputs, done: Done) -> StepOutput:
    """Rows of aircraft (each claim with its country, type and count as written) and of
    aircraft_types (the registry the claims' types are normalised to)."""
    claims, problems = Claims.of(inputs, done), inputs.problems
    types = inputs.registries.aircraft_types
    known = [t.designation for t in types]
    rows: list[Row] = []
    for a in inputs.annotations:
        for c in a.aircraft:
            aircraft_id = f"{a.source_id}-{c.id}"
            what = f"aircraft claim {c.id}"
            if not claims.first(aircraft_id, c, "aircraft claim"):
                continue
            claims.refers(c, what, c.event)
            claims.attributed(a.source_id, c, reported_by=c.reported_by, operator=c.operator)
            spans = spans_of(claims.cite, a.source_id, [c.quote, *c.also, *c.attribution])
            if spans is None:
                continue
            written = (("country", c.country), ("type", c.type), ("count", c.count))
            ok = claims.in_its_words(spans, c, what, written, c.reported_by)
            ok = claims.operated(spans, c, what, c.operator) and ok
            try:
                canonical = normalize.aircraft_type(c.type, known)
                country = normalize.country_code(c.country) if c.country is not None else None
                country = claims.operator_country(c, what, c.operator, country)
                number, qualifier = (
                    normalize.count_phrase(c.count) if c.count is not None else (None, None)
                )
            except ValueError as exc:
                problems.add(c.file, c.line, "claim_value", what=what, detail=exc)
                continue
            if not ok:
                continue
            row = {
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
                "operator": c.operator,
                "source_id": a.source_id,
            }
            claims.keep("aircraft", aircraft_id, spans, rows, row)
    type_rows = [
        {
            "designation": t.designation,
            "family": t.family,
            "manufacturer": t.manufacturer,
            "kind": t.kind,
        }
        for t in types
    ]
    return claims.output({"aircraft": rows, "aircraft_types": type_rows})
