"""The remarks proposer on small texts it writes: sentences, speech tags, and the speaker each
rule reads, with a drafter that holds only what the proposer reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest

from sino_russian_patrols.draft.document import Draft
from sino_russian_patrols.draft.patterns import (
    ACCORDING_TO,
    REPORTED_BY,
    SPEECH_TAG_AFTER,
    SPEECH_TAG_BEFORE,
    sentences,
)
from sino_russian_patrols.draft.remarks import propose
from sino_russian_patrols.registries import ActorEntry


def actor(actor_id: str, country: str | None, kind: str, *aliases: str) -> ActorEntry:
    return ActorEntry(actor_id, aliases[0], kind, country, None, None, aliases, "actors.yaml", 1)


ACTORS = [
    actor("russia", "RUS", "state", "Russia", "Moscow"),
    actor("china", "CHN", "state", "China", "Beijing"),
    actor("japan-mod", "JPN", "government_body", "Defense Ministry", "Japanese Defense Ministry"),
    actor("russian-mod", "RUS", "government_body", "Russian Ministry of Defence"),
    actor("peskov", "RUS", "person", "Dmitry Peskov", "Peskov"),
]


@dataclass
class Drafter:
    """What the remarks proposer reads of the drafter: the text, the registries, mentions."""

    text: str
    registries: SimpleNamespace = field(default_factory=lambda: SimpleNamespace(actors=ACTORS))
    draft: Draft = field(default_factory=lambda: Draft("000_test"))

    @property
    def end(self) -> int:
        return len(self.text)

    def in_headline(self, at: int) -> bool:
        return False

    def actor_mentions(self) -> list[tuple[int, int, str]]:
        found = []
        for e in ACTORS:
            for alias in e.aliases:
                at = self.text.find(alias)
                while at != -1:
                    inside_longer = any(
                        alias != other and alias in other and self.text.find(other) != -1
                        for o in ACTORS
                        for other in o.aliases
                    )
                    if not inside_longer:
                        found.append((at, at + len(alias), e.id))
                    at = self.text.find(alias, at + 1)
        return sorted(found)


def statements(text: str) -> list[tuple[str, str, str, str | None]]:
    """(speaker, type, quote, why unsure) of each statement the proposer writes."""
    d = Drafter(text)
    propose(d, None)  # type: ignore[arg-type]
    out = []
    for item in d.draft.items:
        fields = dict(line.strip("- ").split(": ", 1) for line in item.lines if ": " in line)
        out.append((fields["speaker"], fields["type"], fields["quote"].strip('"'), item.unsure))
    return out


def test_sentences_are_not_cut_after_an_abbreviation_or_an_initial() -> None:
    text = "The U.S. Air Force said so on Dec. 9. Gen. J. Smith agreed! Next line\nNew para."
    assert [text[a:b] for a, b in sentences(text, 0, len(text))] == [
        "The U.S. Air Force said so on Dec. 9.",
        "Gen. J. Smith agreed!",
        "Next line",
        "New para.",
    ]


@pytest.mark.parametrize(
    ("pattern", "text", "who"),
    [
        (SPEECH_TAG_BEFORE, "The ships sailed east, the ministry said.", "the ministry"),
        (
            SPEECH_TAG_BEFORE,
            "Russia’s Pacific Fleet also reported on Tuesday",
            "Russia’s Pacific Fleet",
        ),
        (SPEECH_TAG_AFTER, "It was routine, said Dmitry Peskov on Monday.", "Dmitry Peskov"),
        (
            ACCORDING_TO,
            "Ten ships sailed, according to the U.S. Naval Institute.",
            "the U.S. Naval Institute",
        ),
        (
            REPORTED_BY,
            "This was reported by the Ministry of Defense of China.",
            "the Ministry of Defense of China",
        ),
    ],
)
def test_each_speech_tag_reads_its_subject(pattern: re.Pattern[str], text: str, who: str) -> None:
    m = pattern.search(text)
    assert m is not None and m.group("who") == who


def test_a_named_subject_gives_an_asserted_paraphrase_of_the_whole_sentence() -> None:
    text = "Two bombers flew over the sea, the Russian Ministry of Defence said."
    assert statements(text) == [("russian-mod", "paraphrase", text, None)]


def test_a_quotation_takes_the_speaker_of_the_nearest_tag_before_it() -> None:
    text = (
        'Peskov said it was "a routine flight of two bombers", '
        'while China said it was "not aimed at anyone".'
    )
    got = statements(text)
    assert [(s[0], s[2]) for s in got] == [
        ("peskov", "a routine flight of two bombers"),
        ("china", "not aimed at anyone"),
    ]


def test_the_ministry_is_the_body_named_before_it_in_the_paragraph() -> None:
    text = (
        "The Russian Ministry of Defence announced the patrol.\n"
        "The bombers flew for eight hours, the ministry added."
    )
    assert statements(text)[-1] == ("russian-mod", "paraphrase", text.splitlines()[1], None)


def test_another_country_before_a_generic_alias_is_no_speaker() -> None:
    # "Defense Ministry" is Japan's alias; "Chinese" before it names another ministry
    text = "The ships were spotted, the Chinese Defense Ministry said."
    [(speaker, kind, _, unsure)] = statements(text)
    assert (speaker, kind) == ("null", "paraphrase") and unsure is not None


def test_two_speakers_in_one_subject_are_left_to_the_editor() -> None:
    text = 'Moscow and Beijing said it was "not aimed at any third party".'
    [(speaker, _, _, unsure)] = statements(text)
    assert speaker == "null" and unsure is not None


def test_a_pronoun_speaker_is_proposed_commented_out() -> None:
    text = "Peskov spoke on Monday. It was a routine flight of two bombers, he said."
    [(speaker, _, _, unsure)] = statements(text)
    assert speaker == "peskov" and unsure is not None and "pronoun" in unsure


def test_a_quotation_no_one_speaks_is_a_commented_scare_quote() -> None:
    [(speaker, kind, quote, unsure)] = statements('Ties are a "strategic partnership" now.')
    assert (speaker, kind, quote) == ("null", "direct_quote", "strategic partnership")
    assert unsure is not None


def test_the_draft_header_counts_asserted_and_commented_proposals() -> None:
    d = Drafter('Two bombers flew, the Russian Ministry of Defence said. Ties are a "new era" now.')
    propose(d, None)  # type: ignore[arg-type]
    assert d.draft.summary() == ["# proposals: statements 1 asserted, 1 commented out"]


@pytest.mark.parametrize(
    ("name", "after", "inside"),
    [
        ("South Korea", "'s presidential office said", True),
        ("U.S.", " Secretary of State Antony Blinken", True),
        ("Russian military", " aircraft entered", True),
        ("Russia", "’s Su-30SM fighters", False),
        ("Russia", " and China held drills", False),
    ],
)
def test_a_name_inside_a_body_or_title_is_not_a_mention(
    name: str, after: str, inside: bool
) -> None:
    from sino_russian_patrols.draft.patterns import INSIDE_A_NAME

    assert (INSIDE_A_NAME.match(name + after, len(name)) is not None) is inside


def test_a_series_name_with_a_period_is_not_cut() -> None:
    text = 'The drills codenamed "North. Interaction 2023" ended on Sunday. Ships sailed home.'
    assert len(sentences(text, 0, len(text))) == 2


def test_the_press_office_is_proposed_as_the_body_named_before_commented_out() -> None:
    text = (
        "The Russian Ministry of Defence announced the drills.\n"
        "The ships sailed east, the press office said."
    )
    speaker, _, _, unsure = statements(text)[-1]
    assert speaker == "russian-mod" and unsure is not None and "body's voice" in unsure
