"""Statements: what an actor said, quoted or paraphrased, as one source reports it.

Reads each annotation's `statements:`; a statement may refer to an event (events step), its
speaker and relay are actors its source mentions (actors step), and the day it was said is
resolved against the source's anchor (sources step). A direct quote must be the words inside
quotation marks.
"""

from __future__ import annotations

from .. import dates
from ..citing import spans_of
from .base import Done, Inputs, Row, StepOutput, needed
from .claims import Claims
from .sources import SourcesOutput

_QUOTE_MARKS = '"\u201c\u201d'


def _enclosed_in_quotation_marks(text: str, start: int, end: int) -> bool:
    """True when text[start:end] lies between a pair of quotation marks in one paragraph."""
    before = max(text.rfind(m, 0, start) for m in _QUOTE_MARKS)
    after = [i for i in (text.find(m, end) for m in _QUOTE_MARKS) if i != -1]
    if before == -1 or not after:
        return False
    inside = text[before + 1 : min(after)]
    return "\n" not in inside and not any(m in text[start:end] for m in _QUOTE_MARKS)


def run(inputs: Inputs, done: Done) -> StepOutput:
    """Statement rows: what an actor said or was reported to have said, with the span."""
    anchors = needed(done, "sources", SourcesOutput).anchors
    claims, problems = Claims.of(inputs, done), inputs.problems
    cite = claims.cite
    rows: list[Row] = []
    for a in inputs.annotations:
        text = cite.articles[a.source_id].text
        for st in a.statements:
            statement_id = f"{a.source_id}-{st.id}"
            what = f"statement {st.id}"
            if not claims.first(statement_id, st, "statement"):
                continue
            claims.attributed(a.source_id, st, speaker=st.speaker, relayed_by=st.relayed_by)
            claims.refers(st, what, st.event)
            span = cite.span(a.source_id, st.quote)
            extra = spans_of(cite, a.source_id, [st.speaker_as_reported, st.relay, st.said])
            if span is None or extra is None:
                continue
            if st.relay is not None:  # the relay's span is among `extra`, located once
                relay = next(s for s in extra if s.quote == st.relay.text)
                claims.in_its_words([relay], st, what, (), st.relayed_by)
            if st.type == "direct_quote" and not _enclosed_in_quotation_marks(
                text, span.start, span.end
            ):
                problems.add(
                    st.file,
                    st.line,
                    "direct_quote_marks",
                    f"{what}: a direct_quote must be the words inside quotation marks; "
                    f"{span.quote!r} is not (use paraphrase, or quote the words only)",
                )
            said = None
            if st.said is not None:
                try:
                    said = dates.resolve(st.said.text, anchors.get(a.source_id))
                except ValueError as exc:
                    problems.add(st.file, st.line, "date_phrase", f"{what}: `said`: {exc}")
                if said is not None and (said.start is None or said.start != said.end):
                    problems.add(
                        st.file,
                        st.line,
                        "date_phrase",
                        f"{what}: `said` must give one day, not {st.said.text!r}",
                    )
                    said = None
            row = {
                "statement_id": statement_id,
                "actor_id": st.speaker,
                "speaker_as_reported": st.speaker_as_reported.text
                if st.speaker_as_reported
                else None,
                "event_id": st.event,
                "text": span.quote,
                "statement_type": st.type,
                "source_id": a.source_id,
                "char_start": span.start,
                "char_end": span.end,
                "remark_id": st.remark,
                "relayed_by": st.relayed_by,
                "medium": st.medium,
                "said_date": said.start if said else None,
                "said_date_basis": said.basis if said else None,
                "said_date_note": said.note if said else None,
            }
            # the statement's own span is in its own columns: its evidence is the rest
            claims.keep("statements", statement_id, extra, rows, row)
    return claims.output({"statements": rows})
