"""Participants: which countries or forces took part in an event, as one source says.

Reads each annotation's `participants:` claims; each refers to an event (events step), names
an actor its source mentions (actors step) in the claim's words, and may give the personnel
that participant sent. A third country in a drill (Iran, South Africa) is a participant here,
not only an actor mentioned.
"""

from __future__ import annotations

from .. import normalize
from ..citing import spans_of
from .base import Done, Inputs, Row, StepOutput
from .claims import Claims


def run(inputs: Inputs, done: Done) -> StepOutput:
    """Rows of event_participants: a participant, observer or host of an event, each claim
    with the personnel its words give."""
    claims, problems = Claims.of(inputs, done), inputs.problems
    states = {e.id for e in inputs.registries.actors if e.type == "state"}
    rows: list[Row] = []
    for a in inputs.annotations:
        for p in a.participants:
            claim_id = f"{a.source_id}-{p.id}"
            what = f"participant claim {p.id}"
            if not claims.first(claim_id, p, "participant claim"):
                continue
            claims.refers(p, what, p.event)
            claims.attributed(a.source_id, p, who=p.who, reported_by=p.reported_by)
            spans = spans_of(claims.cite, a.source_id, [p.quote, *p.attribution])
            if spans is None:
                continue
            written = (("personnel", p.personnel),)
            ok = claims.in_its_words(spans, p, what, written, p.reported_by)
            # a state is named by its names or its demonym ("the Chinese side")
            country = claims.countries.get(p.who)
            words = normalize.country_words(country) if country and p.who in states else ()
            names = claims.unnamed(spans, p.who, words)
            if names:
                problems.add(
                    p.file,
                    p.line,
                    "participant_not_named",
                    what=what,
                    actor=p.who,
                    names=", ".join(names),
                )
                ok = False
            try:
                number, qualifier = (
                    normalize.count_phrase(p.personnel) if p.personnel else (None, None)
                )
            except ValueError as exc:
                problems.add(p.file, p.line, "claim_value", what=what, detail=exc)
                continue
            if not ok:
                continue
            row = {
                "participant_claim_id": claim_id,
                "event_id": p.event,
                "actor_id": p.who,
                "role": p.role,
                "personnel": number,
                "personnel_qualifier": qualifier,
                "reported_by": p.reported_by,
                "source_id": a.source_id,
            }
            claims.keep("event_participants", claim_id, spans, rows, row)
    return claims.output({"event_participants": rows})
