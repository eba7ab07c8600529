"""The build steps, one per family of tables, and the one place their dependencies are declared.

Each step module has a `run(inputs, done)` that reads the build's `Inputs` and the outputs of
the steps it `needs`, and returns its rows and evidence (`base.StepOutput`). The order they run
in is computed from `STEPS` (a topological order; among steps ready at the same time, the
order they are declared in), so a new table is a new step and a line here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from graphlib import TopologicalSorter

from . import (
    actors,
    aircraft,
    airspace,
    events,
    names,
    participants,
    places,
    sequence,
    ships,
    sources,
    statements,
)
from .base import Inputs, ProjectFiles, Step, StepOutput, prepare, read_inputs, read_project

STEPS: Mapping[str, Step] = {
    "actors": Step(actors.run),
    "sources": Step(sources.run),
    "events": Step(events.run, needs=("sources",)),
    "aircraft": Step(aircraft.run, needs=("events", "actors")),
    "statements": Step(statements.run, needs=("events", "actors", "sources")),
    "sequence": Step(sequence.run, needs=("events", "actors")),
    "airspace": Step(airspace.run, needs=("events", "actors")),
    "ships": Step(ships.run, needs=("events", "actors")),
    "participants": Step(participants.run, needs=("events", "actors")),
    "names": Step(names.run, needs=("events", "actors")),
    "places": Step(places.run, needs=("events", "sequence", "airspace")),
}

__all__ = [
    "STEPS",
    "Inputs",
    "ProjectFiles",
    "Step",
    "StepOutput",
    "order",
    "prepare",
    "read_inputs",
    "read_project",
    "run_steps",
]


def order(steps: Mapping[str, Step] = STEPS, targets: Iterable[str] | None = None) -> list[str]:
    """The steps to run for `targets` (all when None) and what they need, each after its
    needs; among steps ready together, in the order `steps` declares them."""
    for name, step in steps.items():
        unknown = [n for n in step.needs if n not in steps]
        if unknown:
            raise ValueError(f"step {name!r} needs {', '.join(map(repr, unknown))}: no such step")
    wanted, stack = set(), list(steps if targets is None else targets)
    while stack:
        name = stack.pop()
        if name not in wanted:
            wanted.add(name)
            stack.extend(steps[name].needs)
    sorter = TopologicalSorter({name: steps[name].needs for name in wanted})
    sorter.prepare()  # a cycle raises graphlib.CycleError naming it
    rank = {name: i for i, name in enumerate(steps)}
    ordered: list[str] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=rank.__getitem__)
        ordered.extend(ready)
        sorter.done(*ready)
    return ordered


def run_steps(
    inputs: Inputs, targets: Iterable[str] | None = None, steps: Mapping[str, Step] = STEPS
) -> dict[str, StepOutput]:
    """Run `targets` (all steps when None) and the steps they need; each step is given the
    outputs of the steps it declares, and only those."""
    done: dict[str, StepOutput] = {}
    for name in order(steps, targets):
        step = steps[name]
        done[name] = step.run(inputs, {n: done[n] for n in step.needs})
    return done
