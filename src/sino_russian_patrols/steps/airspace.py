"""Zone claims: aircraft entering an air defence identification zone or airspace, and ships
passing a strait or sailing in international or territorial waters.

Reads each annotation's `airspace:` claims; each refers to an event (events step) and may
refer to an aircraft or ship claim of its source, is reported by an actor its source
mentions (actors step), and may name its zone (cited for the places step). The country and
number of entries must be written in the claim's words.
"""

from __future__ import annotations

from .. import normalize
from ..citing import spans_of
from .base import Done, Inputs, Row, StepOutput
from .claims import Claims

_TIMES = {"once": 1, "twice": 2, "thrice": 3}


def _entries(raw: str) -> int:
    word = normalize.fold_text(raw).casefold()
    if word in _TIMES:
        return _TIMES[word]
    number, qualifier = normalize.count_phrase(raw)
    if number is None or qualifier != "exact":
        raise ValueError(f"`entries` {raw!r} is not an exact number (once, twice, two, 3)")
    return number


def run(inputs: Inputs, done: Done) -> StepOutput:
    """Airspace claim rows: entries into an air defence identification zone or airspace."""
    claims, problems = Claims.of(inputs, done), inputs.problems
    aircraft_ids = inputs.aircraft_claims
    rows: list[Row] = []
    for a in inputs.annotations:
        for z in a.airspace:
            claim_id = f"{a.source_id}-{z.id}"
            what = f"airspace claim {z.id}"
            claims.refers(z, what, z.event)
            aircraft_id = f"{a.source_id}-{z.aircraft}" if z.aircraft else None
            if aircraft_id is not None and aircraft_id not in aircraft_ids:
                problems.add(
                    z.file,
                    z.line,
                    "unknown_aircraft_claim",
                    f"{what}: no aircraft claim {z.aircraft!r}",
                )
            ship_claim_id = f"{a.source_id}-{z.ship}" if z.ship else None
            if ship_claim_id is not None and ship_claim_id not in inputs.ship_claims:
                problems.add(
                    z.file, z.line, "unknown_ship_claim", f"{what}: no ship claim {z.ship!r}"
                )
            claims.attributed(a.source_id, z, reported_by=z.reported_by)
            spans = spans_of(claims.cite, a.source_id, [z.quote, *z.attribution, z.time])
            if spans is None:
                continue
            written = (("country", z.country), ("entries", z.entries))
            ok = claims.in_its_words(spans, z, what, written, z.reported_by)
            try:
                country = normalize.country_code(z.country) if z.country else None
                entries = _entries(z.entries) if z.entries else None
            except ValueError as exc:
                problems.add(z.file, z.line, "claim_value", what=what, detail=exc)
                continue
            found, zone_id = claims.place(a.source_id, z.zone, spans)
            if not (found and ok):
                continue
            row = {
                "airspace_claim_id": claim_id,
                "event_id": z.event,
                "claim_type": z.kind,
                "zone_place_id": zone_id,
                "aircraft_id": aircraft_id,
                "ship_claim_id": ship_claim_id,
                "country": country,
                "entries": entries,
                "time_as_reported": z.time.text if z.time else None,
                "reported_by": z.reported_by,
                "source_id": a.source_id,
            }
            claims.keep("airspace_claims", claim_id, spans, rows, row)
    return claims.output({"airspace_claims": rows})
