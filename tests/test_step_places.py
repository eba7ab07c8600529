"""The places step: every registered place some step cites, with each of its spellings."""

from __future__ import annotations

from sino_russian_patrols.errors import Problems
from sino_russian_patrols.steps import STEPS, Inputs, StepOutput, read_inputs, run_steps
from sino_russian_patrols.steps.places import run


def _run(inputs: Inputs) -> StepOutput:
    out = run(inputs, run_steps(inputs, STEPS["places"].needs))
    assert inputs.problems.items == []
    return out


def test_a_place_keeps_its_registry_values_and_spellings(build_inputs: Inputs) -> None:
    out = _run(build_inputs)
    rows = {r["place_id"]: r for r in out.rows["places"]}
    assert (rows["alaska"]["name"], rows["alaska"]["place_type"]) == ("Alaska", "region")
    aliases = {r["alias"]: r["place_id"] for r in out.rows["place_aliases"]}
    assert aliases["Asia-Pacific region"] == "asia-pacific"
    assert set(aliases.values()) <= set(rows)
    assert out.evidence == []  # the steps that name a place cite it


def test_a_place_is_used_only_where_a_step_it_needs_cites_it(build_inputs: Inputs, root) -> None:
    """The places step reads the places its needs cite, and nothing else: without the
    sequence and airspace claims' citations, only the events' places are used, and every
    other place is reported as never mentioned, at its line of the registry."""
    inputs = read_inputs(root, Problems())
    done = run_steps(inputs, STEPS["places"].needs)
    by_events = {e["record_id"] for e in done["events"].evidence if e["record_table"] == "places"}
    nothing = StepOutput({}, [])
    out = run(inputs, {"events": done["events"], "sequence": nothing, "airspace": nothing})
    assert {r["place_id"] for r in out.rows["places"]} == by_events
    unused = {p.id: p for p in inputs.registries.places if p.id not in by_events}
    reported = {
        (p.file, p.line, p.message.split(" is never mentioned")[0])
        for p in inputs.problems.items
        if p.code == "never_mentioned"
    }
    for place in unused.values():
        assert (place.file, place.line, f"place {place.id!r}") in reported
    # with them, the places only a sequence or airspace claim names are used as well
    assert {r["place_id"] for r in _run(build_inputs).rows["places"]} >= by_events
