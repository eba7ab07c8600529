"""The actors step: every registered actor some article mentions, its spellings, and which
actors each source mentions (what later steps attribute claims to)."""

from __future__ import annotations

from sino_russian_patrols.errors import Problems
from sino_russian_patrols.steps import Inputs, run_steps
from sino_russian_patrols.steps.actors import ActorsOutput, run


def _run(inputs: Inputs) -> ActorsOutput:
    out = run(inputs, run_steps(inputs, ()))
    assert inputs.problems.items == []
    return out


def test_an_actor_keeps_its_registry_values(build_inputs: Inputs) -> None:
    out = _run(build_inputs)
    blinken = {r["actor_id"]: r for r in out.rows["actors"]}["antony-blinken"]
    assert (blinken["name"], blinken["actor_type"], blinken["country"]) == (
        "Antony Blinken",
        "person",
        "USA",
    )
    assert (blinken["title"], blinken["parent_actor_id"]) == (
        "U.S. Secretary of State",
        "united-states",
    )
    aliases = {r["alias"]: r["actor_id"] for r in out.rows["actor_aliases"]}
    assert aliases["ASDF"] == aliases["Air Self-Defense Force"] == "japan-air-self-defense-force"


def test_each_mention_is_cited_with_a_spelling_of_its_actor(build_inputs: Inputs) -> None:
    out = _run(build_inputs)
    spellings = {(r["actor_id"], r["alias"]) for r in out.rows["actor_aliases"]}
    for e in out.evidence:
        assert e["record_table"] == "actors"
        assert (e["record_id"], e["quote"]) in spellings
        assert e["record_id"] in out.mentions.by_source[e["source_id"]]
    listed = {r["actor_id"] for r in out.rows["actors"]}
    assert listed == set().union(*out.mentions.by_source.values())


def test_an_actor_its_source_does_not_mention_is_a_problem(build_inputs: Inputs) -> None:
    mentions = _run(build_inputs).mentions
    source = "000_6fdb1ee85ed25e2e"
    absent = sorted(mentions.known - mentions.by_source[source])[0]
    problems = Problems()
    assert mentions.check(problems, source, "russia", "speaker", "a.yaml", 3)
    assert not mentions.check(problems, source, absent, "speaker", "a.yaml", 4)
    [problem] = problems.items
    assert (problem.file, problem.line, problem.code) == ("a.yaml", 4, "actor_not_mentioned")
    assert problem.message.startswith(f"speaker {absent!r} is not mentioned in {source}")
