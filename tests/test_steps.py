"""The order of the build steps comes from the dependencies `STEPS` declares, and a step is
given the outputs of the steps it declares, and no others."""

from __future__ import annotations

import graphlib

import pytest

from sino_russian_patrols.schema import TABLES
from sino_russian_patrols.steps import STEPS, Inputs, Step, StepOutput, order, run_steps
from sino_russian_patrols.steps.aircraft import run as aircraft


def test_each_step_runs_after_the_steps_it_needs() -> None:
    ran = order()
    assert sorted(ran) == sorted(STEPS)
    for name, step in STEPS.items():
        assert all(ran.index(n) < ran.index(name) for n in step.needs), name
    assert order(targets=["events"]) == ["sources", "events"]


def test_a_cycle_or_an_unknown_step_is_refused() -> None:
    def nothing(inputs: Inputs, done: object) -> StepOutput:
        return StepOutput({}, [])

    with pytest.raises(graphlib.CycleError):
        order({"a": Step(nothing, ("b",)), "b": Step(nothing, ("a",))})
    with pytest.raises(ValueError, match="'c': no such step"):
        order({"a": Step(nothing, ("c",))})


def test_a_step_reading_an_output_it_does_not_declare_is_told_to_declare_it(
    build_inputs: Inputs,
) -> None:
    done = run_steps(build_inputs, ["events"])
    with pytest.raises(KeyError, match="add 'actors' to its `needs` in STEPS"):
        aircraft(build_inputs, done)


def test_every_table_but_evidence_is_built_by_exactly_one_step(build_inputs: Inputs) -> None:
    built = [t for out in run_steps(build_inputs).values() for t in out.rows]
    assert sorted(built) == sorted(t for t in TABLES if t != "evidence")
    assert build_inputs.problems.items == []
