"""The sequence step: a source's count of an event in a series, with its scope."""

from __future__ import annotations

import pytest

from sino_russian_patrols.steps import STEPS, Inputs, StepOutput, run_steps
from sino_russian_patrols.steps.sequence import ordinal, run


def _run(inputs: Inputs) -> StepOutput:
    out = run(inputs, run_steps(inputs, STEPS["sequence"].needs))
    assert inputs.problems.items == []
    return out


def test_an_ordinal_is_read_from_a_word_or_a_numeral() -> None:
    assert [ordinal(w) for w in ("first", "Second", "2nd", "1st", "twelfth", "21st")] == [
        1,
        2,
        2,
        1,
        12,
        21,
    ]
    with pytest.raises(ValueError, match="is not an ordinal"):
        ordinal("thirteenth")


def test_a_claim_in_an_area_names_its_place(build_inputs: Inputs) -> None:
    out = _run(build_inputs)
    rows = {r["sequence_claim_id"]: r for r in out.rows["sequence_claims"]}
    first = rows["000_6fdb1ee85ed25e2e-q01"]
    assert (first["ordinal"], first["ordinal_as_reported"], first["series"]) == (
        1,
        "first",
        "joint bomber patrol",
    )
    assert (first["scope"], first["scope_place_id"]) == ("area", "north-pacific-ocean")
    assert rows["000_6fdb1ee85ed25e2e-q03"]["claimed_by"] == "lisa-murkowski"
    # the area is cited for the places step, where the source names it
    assert any(
        e["record_table"] == "places" and e["record_id"] == "north-pacific-ocean"
        for e in out.evidence
    )


def test_each_ordinal_is_written_in_the_claim_and_its_scope_is_whole(
    build_inputs: Inputs,
) -> None:
    out = _run(build_inputs)
    for r in out.rows["sequence_claims"]:
        quotes = [
            e["quote"]
            for e in out.evidence
            if e["record_table"] == "sequence_claims" and e["record_id"] == r["sequence_claim_id"]
        ]
        assert any(r["ordinal_as_reported"] in q for q in quotes)
        assert (r["scope"] == "area") == (r["scope_place_id"] is not None)
        assert (r["scope"] == "year") == (r["scope_year"] is not None)
        assert (r["scope"] == "since") == (r["since_event_id"] is not None)
