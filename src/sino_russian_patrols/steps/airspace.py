"""Airspace claims: aircraft entering an air defence identification zone or airspace.

Reads each annotation's `airspace:` claims; each refers to an event (events step) and may
refer to an aircraft claim of its source, is reported by an actor its source mentions (actors
step), and may name its zone (cited for the places step). The country and number of entries
must be written in the claim's words.
"""

from __future__ import annotations

from .. import normalize
from ..citing import cite_place, named_in, spans_of, written_in
from .actors import ActorsOutput
from .base import Done, Inputs, StepOutput, needed
from .events import EventsOutput

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
    events = needed(done, "events", EventsOutput).event_ids
    mentions = needed(done, "actors", ActorsOutput).mentions
    aircraft_ids = inputs.aircraft_claims
    cite, problems, aliases = inputs.citations(), inputs.problems, inputs.actor_aliases()
    rows = []
    for a in inputs.annotations:
        for z in a.airspace:
            claim_id = f"{a.source_id}-{z.id}"
            what = f"airspace claim {z.id}"
            if z.event not in events:
                problems.add(
                    z.file, z.line, "unknown_event", f"{what}: unknown event id {z.event!r}"
                )
            aircraft_id = f"{a.source_id}-{z.aircraft}" if z.aircraft else None
            if aircraft_id is not None and aircraft_id not in aircraft_ids:
                problems.add(
                    z.file,
                    z.line,
                    "unknown_aircraft_claim",
                    f"{what}: no aircraft claim {z.aircraft!r}",
                )
            mentions.check(problems, a.source_id, z.reported_by, "reported_by", z.file, z.line)
            spans = spans_of(cite, a.source_id, [z.quote, *z.attribution, z.time])
            if spans is None:
                continue
            ok = all(
                [
                    written_in(spans, v, k, what, z.quote, problems)
                    for k, v in (("country", z.country), ("entries", z.entries))
                    if v is not None
                ]
            ) and named_in(spans, z.reported_by, aliases, what, z.quote, problems)
            try:
                country = normalize.country_code(z.country) if z.country else None
                entries = _entries(z.entries) if z.entries else None
            except ValueError as exc:
                problems.add(z.file, z.line, "claim_value", what=what, detail=exc)
                continue
            zone_id = None
            if z.zone is not None:
                named = cite_place(cite, a.source_id, z.zone)
                if named is None:
                    continue
                zone_id = named[0]
                spans.append(named[1])
            if not ok:
                continue
            for span in spans:
                cite.cite("airspace_claims", claim_id, span)
            rows.append(
                {
                    "airspace_claim_id": claim_id,
                    "event_id": z.event,
                    "claim_type": z.kind,
                    "zone_place_id": zone_id,
                    "aircraft_id": aircraft_id,
                    "country": country,
                    "entries": entries,
                    "time_as_reported": z.time.text if z.time else None,
                    "reported_by": z.reported_by,
                    "source_id": a.source_id,
                }
            )
    return StepOutput({"airspace_claims": rows}, list(cite.evidence.values()))
