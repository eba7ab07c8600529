"""The statements step: what an actor said, with the span of the source that says it."""

from __future__ import annotations

from sino_russian_patrols.steps import STEPS, Inputs, StepOutput, run_steps
from sino_russian_patrols.steps.statements import run


def _run(inputs: Inputs) -> StepOutput:
    out = run(inputs, run_steps(inputs, STEPS["statements"].needs))
    assert inputs.problems.items == []
    return out


def test_a_statement_keeps_its_speaker_type_and_span(build_inputs: Inputs) -> None:
    rows = {r["statement_id"]: r for r in _run(build_inputs).rows["statements"]}
    s01 = rows["000_6fdb1ee85ed25e2e-s01"]
    assert (s01["actor_id"], s01["statement_type"], s01["text"]) == (
        "russia",
        "direct_quote",
        "not aimed at any third party.",
    )
    assert (s01["char_start"], s01["char_end"]) == (1028, 1057)
    assert rows["000_6fdb1ee85ed25e2e-s04"]["statement_type"] == "paraphrase"


def test_the_text_is_the_span_and_a_direct_quote_is_inside_quotation_marks(
    build_inputs: Inputs,
) -> None:
    for r in _run(build_inputs).rows["statements"]:
        text = build_inputs.articles[r["source_id"]].text
        assert text[r["char_start"] : r["char_end"]] == r["text"]
        if r["statement_type"] == "direct_quote":
            before = text[: r["char_start"]]
            assert max(before.rfind(m) for m in '"\u201c\u201d') > before.rfind("\n")
        if r["said_date"] is not None:
            assert r["said_date_basis"] is not None
