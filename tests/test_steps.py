"""The order of the build steps comes from the dependencies `STEPS` declares, and a step is
given the outputs of the steps it declares, and no others."""

from __future__ import annotations

import graphlib
from types import SimpleNamespace

import pytest

from sino_russian_patrols.errors import Problems
from sino_russian_patrols.schema import TABLES
from sino_russian_patrols.steps import STEPS, Inputs, Step, StepOutput, order, run_steps
from sino_russian_patrols.steps.aircraft import run as aircraft
from sino_russian_patrols.steps.base import check_parents


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


def _entry(entry_id: str, parent: str | None, line: int) -> SimpleNamespace:
    return SimpleNamespace(id=entry_id, parent=parent, file="registries/places.yaml", line=line)


def test_parents_are_checked_at_each_entry_s_line() -> None:
    """Only the entries on a cycle are on it (`d` leads into the cycle b → c → b, and is not);
    an entry whose id repeats is checked too; a parent of no entry and an entry that is its own
    parent are their own rules."""
    problems = Problems()
    entries = [
        _entry("a", None, 1),
        _entry("b", "c", 2),
        _entry("c", "b", 3),
        _entry("d", "b", 4),
        _entry("e", "e", 5),
        _entry("a", "nowhere", 6),  # a duplicate id (its own rule, elsewhere) with a bad parent
    ]
    check_parents(entries, "place", problems)
    assert [(p.line, p.code) for p in problems.items] == [
        (2, "parent_cycle"),
        (3, "parent_cycle"),
        (5, "parent_self"),
        (6, "unknown_parent"),
    ]
    assert problems.items[0].message == "parent places form a cycle: b → c → b"
    assert "'nowhere' is not in the registry" in problems.items[3].message
