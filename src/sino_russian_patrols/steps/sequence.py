"""Sequence claims: a source's count of an event in a series ("the ninth joint patrol").

Reads each annotation's `sequence:` claims; each refers to events (events step), is claimed by
an actor its source mentions (actors step), and its scope may name a place (cited for the
places step). The ordinal must be written in the claim's words.
"""

from __future__ import annotations

from ..citing import spans_of, written_in
from ..normalize import ordinal
from .base import Done, Inputs, Row, StepOutput
from .claims import Claims


def run(inputs: Inputs, done: Done) -> StepOutput:
    """Sequence claim rows: "the ninth joint patrol", "the first in the area"…"""
    claims, problems = Claims.of(inputs, done), inputs.problems
    rows: list[Row] = []
    for a in inputs.annotations:
        for q in a.sequence:
            claim_id = f"{a.source_id}-{q.id}"
            what = f"sequence claim {q.id}"
            claims.refers(q, what, q.event, q.since)
            claims.attributed(a.source_id, q, claimed_by=q.claimed_by)
            spans = spans_of(claims.cite, a.source_id, [q.quote, *q.attribution])
            if spans is None:
                continue
            try:
                number = ordinal(q.ordinal)
            except ValueError as exc:
                problems.add(q.file, q.line, "claim_value", what=what, detail=exc)
                continue
            # the ordinal is written in the claim's own words, not in its attribution
            ok = written_in(
                spans[:1], q.ordinal, "ordinal", what, q.quote, problems
            ) and claims.in_its_words(spans, q, what, (), q.claimed_by)
            needs = {"area": q.place, "year": q.year, "since": q.since}
            for scope, value in needs.items():
                if (q.scope == scope) != (value is not None):
                    key = {"area": "place", "year": "year", "since": "since"}[scope]
                    problems.add(
                        q.file,
                        q.line,
                        "keys_together",
                        f"{what}: `{key}` goes with scope {scope}, and only with it",
                    )
                    ok = False
            found, place_id = claims.place(a.source_id, q.place, spans)
            if not (found and ok):
                continue
            row = {
                "sequence_claim_id": claim_id,
                "event_id": q.event,
                "ordinal": number,
                "ordinal_as_reported": q.ordinal,
                "series": q.series,
                "scope": q.scope,
                "scope_place_id": place_id,
                "scope_year": q.year,
                "since_event_id": q.since,
                "claimed_by": q.claimed_by,
                "source_id": a.source_id,
            }
            claims.keep("sequence_claims", claim_id, spans, rows, row)
    return claims.output({"sequence_claims": rows})
