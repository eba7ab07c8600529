"""The participants proposer on small texts it is given: which parties the words name
together, the role they give each, and the quote and reporter of each claim."""

from __future__ import annotations

import datetime as dt
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


def drafter(text: str, kind: str = "joint_naval_patrol", actors: list[Any] = ACTORS) -> Any:
    """A drafter of `text`, one sentence linked to the event e1 of `kind`."""
    d = text_drafter(text, actors)
    d.root = Path("/nonexistent")  # no curated annotations to learn verbs from
    d.new_events = []
    d.registries.events = [SimpleNamespace(id="e1", type=kind, parent=None)]
    d.event_sentences = [(0, len(text), "e1")]
    return d


def claims_of(d: Any) -> list[dict[str, Any]]:
    """The participant claims the proposer drafts, each asserted."""
    participants.propose(d)
    claims = []
    for item in d.draft.items:
        if item.section == "participants":
            assert item.unsure is None
            claims.append(fields_of(item))
    return claims


def propose(text: str, kind: str = "joint_naval_patrol") -> list[dict[str, Any]]:
    """The participant claims drafted for `text`, one sentence linked to an event of `kind`."""
    d = drafter(text, kind)
    # the actor mentions the draft asserts: a reporter must be one of them
    assert_actor_mentions(d)
    return claims_of(d)


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
    # no one reports it: the reporter is written null, as the curated files write it
    assert all(c["reported_by"] == "null" and "attribution" not in c for c in claims)


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
        # the participants' quote runs on to where the event is held
        (
            "china",
            "participant",
            '"China and Russia held joint anti-missile exercises on Russian territory"',
        ),
        ("russia", "host", '"joint anti-missile exercises on Russian territory"'),
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
    # parties that send forces to take part: the quote ends with the words that say so
    text = "China, Algeria and India have sent troops to participate in the exercise."
    claims = propose(text, "strategic_exercise")
    assert {c["quote"] for c in claims} == {
        '"China, Algeria and India have sent troops to participate"'
    }


def test_parties_named_together_stand_together() -> None:
    # China is never named: Russia, named together with it, is left to the editor too
    text = "Chinese and Russian ships began a joint patrol, Russia's Pacific Fleet said."
    d = drafter(text)
    assert_actor_mentions(d)
    participants.propose(d)
    unsure = {fields_of(i)["who"]: i.unsure for i in d.draft.items if i.section == "participants"}
    assert unsure["russia"] == "named together with china, which no mention names"
    assert unsure["china"] is None  # the build refuses it: no mention names China


def test_a_spelling_the_draft_writes_into_the_registry_names_a_party() -> None:
    from sino_russian_patrols.draft.new_aliases import NewAlias

    text = "The PLA Air Force and Russia's Aerospace Forces completed their joint air patrol."
    actors = [
        *ACTORS,
        actor("pla-air-force", "CHN", "military", "PLAAF"),
        actor("russian-aerospace-forces", "RUS", "military", "Russian Aerospace Forces"),
    ]
    d = drafter(text, "joint_air_patrol", actors)
    d.new_aliases = [
        NewAlias("pla-air-force", "PLA Air Force", "actors"),
        NewAlias("russian-aerospace-forces", "Russia's Aerospace Forces", "actors"),
    ]
    claims = claims_of(d)
    assert [c["who"] for c in claims] == ["pla-air-force", "russian-aerospace-forces"]
    assert {c["quote"] for c in claims} == {
        '"The PLA Air Force and Russia\'s Aerospace Forces completed their joint air patrol"'
    }


def test_the_quote_opens_with_the_noun_phrase_that_names_the_parties() -> None:
    quotes = lambda text, kind="joint_naval_exercise": {c["quote"] for c in propose(text, kind)}  # noqa: E731
    # its determiner, number and adjectives
    assert quotes("They joined the ongoing China-Russia combined drills near Japan.") == {
        '"the ongoing China-Russia combined drills"'
    }
    assert quotes("A total of 10 Chinese and Russian naval vessels held a joint patrol.") == {
        '"A total of 10 Chinese and Russian naval vessels held a joint patrol"'
    }
    # the units it names the parties by, at the start of a clause
    text = "He said that the naval forces of Russia and China conducted exercises at sea."
    assert quotes(text) == {'"the naval forces of Russia and China conducted exercises"'}
    # the event named first: from its noun phrase to the parties, with the noun their
    # demonyms qualify
    text = "The bomber patrol followed joint naval maneuvers by Russian and Chinese warships."
    assert quotes(text) == {'"joint naval maneuvers by Russian and Chinese warships"'}
    text = "Japan watched the recent joint patrol staged by China and Russia near Alaska."
    assert quotes(text, "joint_air_patrol") == {
        '"the recent joint patrol staged by China and Russia"'
    }


def test_the_events_words_count_within_the_parties_clause() -> None:
    # a quoted name is quoted whole
    text = 'The ministry said the Chinese and Russian militaries conducted a "joint patrol" there.'
    assert {c["quote"] for c in propose(text)} == {
        '"the Chinese and Russian militaries conducted a \\"joint patrol\\""'
    }
    # after a comma the words are another clause's
    text = "Chinese and Russian warships, which met in July, later began a joint patrol."
    assert {c["quote"] for c in propose(text)} == {'"Chinese and Russian warships"'}


def test_parties_named_only_by_their_aircraft_give_way_to_a_claim_with_the_events_words() -> None:
    text = (
        "More than 10 Chinese and Russian military aircraft entered the zone. "
        "They took part in the China-Russia combined air drills."
    )
    d = drafter(text, "joint_air_patrol")
    split = text.index("They")
    d.event_sentences = [(0, split, "e1"), (split, len(text), "e1")]
    assert_actor_mentions(d)
    participants.propose(d)
    claims = [fields_of(i) for i in d.draft.items if i.section == "participants"]
    assert {c["quote"] for c in claims} == {'"the China-Russia combined air drills"'}
    # alone, they are the parties of the event
    d.event_sentences = [(0, split, "e1")]
    d.draft.items = [i for i in d.draft.items if i.section != "participants"]
    participants.propose(d)
    claims = [fields_of(i) for i in d.draft.items if i.section == "participants"]
    assert {c["quote"] for c in claims} == {'"More than 10 Chinese and Russian military aircraft"'}


def test_a_headline_that_names_both_parties_quotes_them_for_the_first_event_reported() -> None:
    text = (
        "Moscow and Beijing fly their 11th joint air patrol, drawing Seoul in\n"
        "Russian bombers flew over the sea. The Chinese and Russian militaries held a joint "
        "air patrol."
    )
    d = text_drafter(text, ACTORS)
    d.root = Path("/nonexistent")
    d.new_events = []
    d.registries.events = [SimpleNamespace(id="e1", type="joint_air_patrol", parent=None)]
    d.headline = (0, text.index("\n"))
    split = text.index("The Chinese")
    d.event_sentences = [(split, len(text), "e1")]
    assert_actor_mentions(d)
    participants.propose(d)
    claims = [fields_of(i) for i in d.draft.items if i.section == "participants"]
    assert [(c["who"], c["quote"], c["reported_by"]) for c in claims[:2]] == [
        ("russia", '"Moscow and Beijing fly their 11th joint air patrol"', "null"),
        ("china", '"Moscow and Beijing fly their 11th joint air patrol"', "null"),
    ]
    assert len(claims) == 4


def test_the_force_a_party_is_represented_by_takes_part_with_it() -> None:
    text = "Russia was represented by 10 ships of the Pacific Fleet, while China sent five."
    claims = propose(text)
    assert [(c["who"], c["quote"]) for c in claims] == [
        ("russia", '"Russia was represented by 10 ships of the Pacific Fleet"'),
        ("russian-pacific-fleet", '"Russia was represented by 10 ships of the Pacific Fleet"'),
    ]
    text = "Russia is represented by the Pacific Fleet's ASW destroyers Tributs and Panteleyev."
    assert {(c["who"], c["quote"]) for c in propose(text)} == {
        ("russia", '"Russia is represented by the Pacific Fleet\'s ASW destroyers"'),
        ("russian-pacific-fleet", '"Russia is represented by the Pacific Fleet\'s ASW destroyers"'),
    }
    # a force named after another preposition is not the one that represents it
    assert parties("Russia was represented by ships near the Pacific Fleet base.") == [
        ("russia", "participant")
    ]


def test_a_party_joined_in_drills_or_whose_own_drills_they_are_hosts_them() -> None:
    text = "Russia to join China in upcoming military drills"
    assert parties(text, "joint_naval_exercise") == [("russia", "participant"), ("china", "host")]
    text = 'The Chinese navy will participate in Russia\'s "Ocean-2024" strategic exercise.'
    assert parties(text, "strategic_exercise") == [("pla-navy", "participant"), ("russia", "host")]
    # a state named after "in" is no host of another's event
    assert parties("The Chinese navy will participate in drills in Russia's east.") == [
        ("pla-navy", "participant")
    ]


def test_parties_named_as_a_place_or_as_whom_the_words_address_hold_no_event() -> None:
    text = "The joint patrol flew along the borders of Russia and China."
    assert parties(text, "joint_air_patrol") == []
    text = "Japan conveyed its concerns over the joint flight to China and Russia."
    assert parties(text, "joint_air_patrol") == []


def test_a_party_that_organises_the_drills_hosts_them() -> None:
    text = (
        "Russian forces will take part in drills in the Sea of Japan organized by the Chinese navy."
    )
    assert parties(text, "joint_naval_exercise") == [("pla-navy", "host")]
    # the words that say one party takes part
    text = "The Chinese participating troops are mainly army units."
    assert parties(text, "strategic_exercise") == [("china", "participant")]
    text = "Naval units from Russia, China and India are expected to participate in the drills."
    assert {c["quote"] for c in propose(text, "joint_naval_exercise")} == {
        '"Naval units from Russia, China and India are expected to participate"'
    }


def test_a_demonstration_of_power_by_the_parties_names_them_with_the_event() -> None:
    text = "Tokyo sees an obvious demonstration of military power by China and Russia."
    assert {c["quote"] for c in propose(text, "joint_air_patrol")} == {
        '"an obvious demonstration of military power by China and Russia"'
    }
    # no adjective without its determiner: a verb before the words is not quoted
    text = "Officials reported the joint patrol by China and Russia."
    assert {c["quote"] for c in propose(text, "joint_air_patrol")} == {
        '"the joint patrol by China and Russia"'
    }


def test_a_party_is_claimed_once_per_event_role_and_reporter() -> None:
    text = (
        "The Russia-China joint naval drills ended on Sunday. The Russia-China naval drills "
        "were held in the Sea of Japan. The Chinese and Russian navies held the joint drills "
        "at sea, the Russian Defense Ministry said."
    )
    d = text_drafter(text, ACTORS)
    d.root = Path("/nonexistent")
    d.new_events = []
    d.registries.events = [SimpleNamespace(id="e1", type="joint_naval_exercise", parent=None)]
    first, second = text.index("The Russia-China naval"), text.index("The Chinese")
    d.event_sentences = [(0, first, "e1"), (first, second, "e1"), (second, len(text), "e1")]
    assert_actor_mentions(d)
    participants.propose(d)
    claims = [fields_of(i) for i in d.draft.items if i.section == "participants"]
    # the second sentence repeats the first's account; the third is the ministry's
    assert [(c["who"], c["quote"], c["reported_by"]) for c in claims] == [
        ("russia", '"The Russia-China joint naval drills"', "null"),
        ("china", '"The Russia-China joint naval drills"', "null"),
        ("china", '"The Chinese and Russian navies held the joint drills"', "russian-mod"),
        ("russia", '"The Chinese and Russian navies held the joint drills"', "russian-mod"),
    ]


def test_the_events_noun_after_a_comma_is_another_clauses() -> None:
    # the naval words run from "ships" to "patrol", across the clause's end
    text = (
        "Russia was represented by 10 ships of the Pacific Fleet, while five took part in "
        "the patrol."
    )
    assert {c["quote"] for c in propose(text)} == {
        '"Russia was represented by 10 ships of the Pacific Fleet"'
    }
    # an exercise's name and edition open its noun phrase
    text = "Vostok 2022 strategic military exercises kicked off in Russia on August 31."
    assert {c["quote"] for c in propose(text, "strategic_exercise")} == {
        '"Vostok 2022 strategic military exercises kicked off in Russia"'
    }


def test_parties_named_by_their_units_each_of_its_force_take_part_together() -> None:
    text = (
        "The fleet said that the Admiral Tributs large anti-submarine ship of the Pacific Fleet, "
        "and the Shaoxing destroyer and the Qiandaohu replenishment ship of the Chinese navy had "
        "conducted a joint patrol."
    )
    claims = propose(text)
    assert [c["who"] for c in claims] == ["russian-pacific-fleet", "pla-navy"]
    # the quote opens with the first unit, at the start of its clause
    assert {c["quote"] for c in claims} == {
        '"the Admiral Tributs large anti-submarine ship of the Pacific Fleet, and the Shaoxing '
        "destroyer and the Qiandaohu replenishment ship of the Chinese navy had conducted a "
        'joint patrol"'
    }
    # units of one force and another's name are no pair of parties
    assert parties("The ships of the Pacific Fleet and Japan watched a joint patrol.") == []


def test_a_patrols_words_run_to_the_noun_they_qualify() -> None:
    text = "The main goal of the fifth joint Russia-China patrol mission is cooperation."
    assert {c["quote"] for c in propose(text)} == {'"the fifth joint Russia-China patrol mission"'}


def test_a_demonym_after_a_hyphen_names_a_party_only_after_another_party() -> None:
    text = "The main goal of the fifth joint Russian-Chinese patrol is peace."
    assert parties(text) == [("russia", "participant"), ("china", "participant")]
    # "Sino" names no party: "Russian" after it does not stand alone with "Chinese"
    assert parties("The Sino-Russian and Chinese joint patrol began.") == []


def test_the_name_after_the_events_words_is_quoted_with_them() -> None:
    text = "Ships joined the Russian-Chinese drills Maritime Interaction 2025 in July."
    assert {c["quote"] for c in propose(text, "joint_naval_exercise")} == {
        '"the Russian-Chinese drills Maritime Interaction 2025"'
    }


def test_parties_named_by_their_aircraft_run_to_the_events_noun_after_them() -> None:
    text = "There were nine Chinese and Russian military aircraft participating in the drills."
    assert {c["quote"] for c in propose(text, "joint_air_patrol")} == {
        '"nine Chinese and Russian military aircraft participating in the drills"'
    }
    text = "More than 10 Chinese and Russian military aircraft entered the zone."
    assert {c["quote"] for c in propose(text, "joint_air_patrol")} == {
        '"More than 10 Chinese and Russian military aircraft"'
    }


def test_parties_of_a_counted_patrol_of_a_year_the_words_name_are_of_that_patrol() -> None:
    def counted(text: str) -> list[dict[str, Any]]:
        d = drafter(text)
        d.registries.events.append(
            SimpleNamespace(id="first", type="joint_naval_patrol", parent=None)
        )
        d.known_ordinals = [{"event_id": "first", "ordinal": 1, "scope": "overall"}]
        days = {"start_date": dt.date(2021, 10, 17), "end_date": dt.date(2021, 10, 23)}
        d.known_events = [{"event_id": "first", **days}]
        assert_actor_mentions(d)
        return claims_of(d)

    text = (
        "The patrols began with the first Russian-Chinese joint naval patrol in the "
        "Asia-Pacific in 2021."
    )
    claims = counted(text)
    assert {(c["event"], c["who"]) for c in claims} == {("first", "russia"), ("first", "china")}
    # without the year, the count alone does not move the claim: sources count differently
    claims = counted(text.replace(" in 2021", ""))
    assert {c["event"] for c in claims} == {"e1"}


def test_a_demonym_that_shares_a_forces_head_names_no_state() -> None:
    # "Russian" is the Russian Navy here, which the words do not spell: not Russia
    assert parties("The Russian and Chinese navy vessels began a joint patrol.") == []
