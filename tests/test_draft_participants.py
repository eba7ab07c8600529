"""The participants proposer on small texts it is given: which parties the words name
together, the role they give each, and the quote and reporter of each claim."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from helpers import actor, assert_actor_mentions, fields_of, text_drafter
from sino_russian_patrols.draft import participants

ACTORS = [
    actor("russia", "RUS", "state", "Russia", "Moscow"),
    actor("china", "CHN", "state", "China", "Beijing"),
    actor("japan", "JPN", "state", "Japan"),
    actor("south-korea", "KOR", "state", "South Korea"),
    actor("brazil", "BRA", "state", "Brazil"),
    actor("egypt", "EGY", "state", "Egypt"),
    actor("india", "IND", "state", "India"),
    actor("russian-pacific-fleet", "RUS", "military", "Pacific Fleet"),
    actor("pla-navy", "CHN", "military", "Chinese navy"),
    actor("russian-mod", "RUS", "government_body", "Russian Defense Ministry"),
]


def propose(text: str, kind: str = "joint_naval_patrol") -> list[dict[str, Any]]:
    """The participant claims drafted for `text`, one sentence linked to an event of `kind`."""
    d = text_drafter(text, ACTORS)
    d.root = Path("/nonexistent")  # no curated annotations to learn verbs from
    d.new_events = []
    d.registries.events = [SimpleNamespace(id="e1", type=kind, parent=None)]
    d.event_sentences = [(0, len(text), "e1")]
    # the actor mentions the draft asserts: a reporter must be one of them
    assert_actor_mentions(d)
    participants.propose(d)
    claims = []
    for item in d.draft.items:
        if item.section == "participants":
            assert item.unsure is None
            claims.append(fields_of(item))
    return claims


def parties(text: str, kind: str = "joint_naval_patrol") -> list[tuple[str, str]]:
    return [(c["who"], c["role"]) for c in propose(text, kind)]


def test_two_states_named_together_take_part_with_the_events_words_quoted() -> None:
    claims = propose("China and Russia have executed their first joint patrol over the Pacific.")
    assert [(c["who"], c["role"]) for c in claims] == [
        ("china", "participant"),
        ("russia", "participant"),
    ]
    assert {c["quote"] for c in claims} == {
        '"China and Russia have executed their first joint patrol"'
    }
    # no one is named for the claim: it is the article's own
    assert all(c["reported_by"] == "null" for c in claims)


def test_demonyms_and_hyphenated_names_are_their_states() -> None:
    assert parties("The Chinese and Russian militaries conducted a joint patrol.") == [
        ("china", "participant"),
        ("russia", "participant"),
    ]
    assert parties("The Russia-China joint naval drills began.", "joint_naval_exercise") == [
        ("russia", "participant"),
        ("china", "participant"),
    ]


def test_a_states_name_before_its_own_force_names_the_force() -> None:
    text = "Ships from Russia's Pacific Fleet and the Chinese navy departed for a joint patrol."
    assert parties(text) == [("russian-pacific-fleet", "participant"), ("pla-navy", "participant")]


def test_hosts_are_read_from_host_and_from_the_territory() -> None:
    text = "Russia's Pacific Fleet will host the joint naval drills in August."
    assert parties(text, "joint_naval_exercise") == [("russian-pacific-fleet", "host")]
    text = "China and Russia held joint anti-missile exercises on Russian territory."
    # a host is not also counted among the parties
    claims = propose(text, "joint_naval_exercise")
    assert [(c["who"], c["role"], c["quote"]) for c in claims] == [
        ("china", "participant", '"China and Russia held joint anti-missile exercises"'),
        ("russia", "host", '"exercises on Russian territory"'),
    ]


def test_a_state_the_drills_are_held_in_hosts_them() -> None:
    text = "The Vostok strategic exercises kicked off in Russia on August 31."
    assert parties(text, "strategic_exercise") == [("russia", "host")]
    # a patrol passing near a country is not hosted by it
    assert parties("The joint patrol passed near Japan.") == []


def test_a_list_that_sends_troops_to_take_part_needs_no_russia_and_china() -> None:
    text = (
        "China, Algeria, India, Belarus and other countries have sent troops to participate "
        "in the exercise."
    )
    # Algeria and Belarus are not registered: the list goes on past them
    assert parties(text, "strategic_exercise") == [
        ("china", "participant"),
        ("india", "participant"),
    ]
    assert parties("Brazil, Egypt and India watched the exercise.", "strategic_exercise") == []


def test_one_party_alone_takes_part_only_where_the_words_say_so() -> None:
    assert parties("Russia was represented by ten ships in the joint patrol.") == [
        ("russia", "participant")
    ]
    assert parties("Russia sent ships to the joint patrol.") == []


def test_countries_that_answer_or_are_members_are_no_parties() -> None:
    text = (
        "Japan and South Korea scrambled jets as Chinese and Russian bombers flew a joint patrol."
    )
    assert parties(text, "joint_air_patrol") == [
        ("china", "participant"),
        ("russia", "participant"),
    ]
    text = "The joint drills gather the BRICS group, which includes Brazil, India, China, Russia."
    assert parties(text, "joint_naval_exercise") == []


def test_observers_are_the_group_after_observers_from() -> None:
    text = "Observers from Brazil and Egypt attended the opening of the joint drills."
    assert parties(text, "joint_naval_exercise") == [("brazil", "observer"), ("egypt", "observer")]


def test_a_claim_carries_the_reporter_of_its_sentence() -> None:
    text = "The Chinese and Russian navies began a joint patrol, the Russian Defense Ministry said."
    claims = propose(text)
    assert [(c["who"], c["reported_by"], c["attribution"]) for c in claims] == [
        ("china", "russian-mod", '"the Russian Defense Ministry said"'),
        ("russia", "russian-mod", '"the Russian Defense Ministry said"'),
    ]
    # the words an editor quotes with the name: its possessor, "in a statement", the day
    text = (
        "Chinese and Russian ships began a joint patrol off China, Russia's Pacific Fleet said "
        "on Monday."
    )
    claims = propose(text)
    assert {(c["reported_by"], c["attribution"]) for c in claims} == {
        ("russian-pacific-fleet", '"Russia\'s Pacific Fleet said on Monday"')
    }


def test_an_event_of_another_kind_has_no_parties_proposed() -> None:
    assert parties("China and Russia said Japan scrambled jets.", "scramble") == []


def test_the_quote_runs_to_the_events_words_nearest_the_parties() -> None:
    text = "As bombers flew, Moscow and Beijing fly their 11th joint air patrol."
    claims = propose(text, "joint_air_patrol")
    assert {c["quote"] for c in claims} == {'"Moscow and Beijing fly their 11th joint air patrol"'}
    text = "Officials said the Chinese and Russian militaries conducted a joint air patrol."
    claims = propose(text, "joint_air_patrol")
    assert {c["quote"] for c in claims} == {
        '"the Chinese and Russian militaries conducted a joint air patrol"'
    }
    text = "China, Algeria and India have sent troops to participate in the exercise."
    claims = propose(text, "strategic_exercise")
    assert {c["quote"] for c in claims} == {
        '"China, Algeria and India have sent troops to participate in the exercise"'
    }


def test_parties_named_together_stand_together() -> None:
    # China is never named: Russia, named together with it, is left to the editor too
    text = "Chinese and Russian ships began a joint patrol, Russia's Pacific Fleet said."
    d = text_drafter(text, ACTORS)
    d.root = Path("/nonexistent")
    d.new_events = []
    d.registries.events = [SimpleNamespace(id="e1", type="joint_naval_patrol", parent=None)]
    d.event_sentences = [(0, len(text), "e1")]
    assert_actor_mentions(d)
    participants.propose(d)
    unsure = {fields_of(i)["who"]: i.unsure for i in d.draft.items if i.section == "participants"}
    assert unsure["russia"] == "named together with china, which no mention names"
    assert unsure["china"] is None  # the build refuses it: no mention names China
