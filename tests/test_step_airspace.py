"""The airspace step: aircraft entering an identification zone or airspace, as a source says."""

from __future__ import annotations

from sino_russian_patrols.steps import STEPS, Inputs, StepOutput, run_steps
from sino_russian_patrols.steps.airspace import run


def _run(inputs: Inputs) -> StepOutput:
    out = run(inputs, run_steps(inputs, STEPS["airspace"].needs))
    assert inputs.problems.items == []
    return out


def test_a_claim_keeps_its_zone_aircraft_entries_and_time(build_inputs: Inputs) -> None:
    rows = {r["airspace_claim_id"]: r for r in _run(build_inputs).rows["airspace_claims"]}
    dokdo = rows["005_6bb20a2ae9d6e253-z02"]
    assert (dokdo["claim_type"], dokdo["zone_place_id"], dokdo["aircraft_id"]) == (
        "airspace_violation",
        "south-korean-airspace",
        "005_6bb20a2ae9d6e253-a03",
    )
    assert (dokdo["country"], dokdo["entries"]) == ("RUS", 2)
    assert dokdo["time_as_reported"] == "just after 9 a.m. (midnight GMT Monday)"
    adiz = rows["004_5e20299e3f0de927-z04"]
    assert (adiz["claim_type"], adiz["country"], adiz["entries"]) == ("adiz_entry", "CHN", 2)
    assert adiz["reported_by"] == "south-korea"


def test_an_aircraft_a_claim_names_is_a_claim_of_its_source(build_inputs: Inputs) -> None:
    out = _run(build_inputs)
    zones = {e["record_id"] for e in out.evidence if e["record_table"] == "places"}
    for r in out.rows["airspace_claims"]:
        if r["aircraft_id"] is not None:
            assert r["aircraft_id"] in build_inputs.aircraft_claims
            assert r["aircraft_id"].startswith(f"{r['source_id']}-")
        if r["zone_place_id"] is not None:
            assert r["zone_place_id"] in zones
