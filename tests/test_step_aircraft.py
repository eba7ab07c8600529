"""The aircraft step: each source's aircraft claims, normalised to the aircraft types of the
registry, and the aircraft_types table itself."""

from __future__ import annotations

from sino_russian_patrols.normalize import UNSPECIFIED
from sino_russian_patrols.steps import STEPS, Inputs, StepOutput, run_steps
from sino_russian_patrols.steps.aircraft import run


def _run(inputs: Inputs) -> StepOutput:
    out = run(inputs, run_steps(inputs, STEPS["aircraft"].needs))
    assert inputs.problems.items == []
    return out


def test_a_claim_keeps_the_type_as_reported_beside_the_canonical_type(
    build_inputs: Inputs,
) -> None:
    rows = {r["aircraft_id"]: r for r in _run(build_inputs).rows["aircraft"]}
    bear = rows["000_6fdb1ee85ed25e2e-a01"]
    assert (bear["country"], bear["aircraft_type"], bear["type_as_reported"]) == (
        "RUS",
        "Tu-95MS",
        "TU-95MS",
    )
    assert (bear["event_id"], bear["role"]) == ("2024-07-24-alaska-joint-air-patrol", "bomber")
    assert rows["001_8e58578bad5de279-a02"]["reported_by"] == "russia"


def test_every_type_is_registered_or_generic_and_written_in_the_claims_words(
    build_inputs: Inputs,
) -> None:
    out = _run(build_inputs)
    types = {r["designation"]: r for r in out.rows["aircraft_types"]}
    assert (types["A-50"]["manufacturer"], types["A-50"]["kind"]) == (
        "Beriev",
        "airborne_early_warning",
    )
    quotes: dict[str, list[str]] = {}
    for e in out.evidence:
        assert e["record_table"] == "aircraft"
        quotes.setdefault(e["record_id"], []).append(e["quote"])
    for r in out.rows["aircraft"]:
        assert r["aircraft_type"] in (*types, UNSPECIFIED), r["aircraft_id"]
        assert any(r["type_as_reported"] in q for q in quotes[r["aircraft_id"]])
