"""Who reports a claim (draft/reporter.py) on small texts: the words an attribution quotes,
the words that name no one but continue an account, and how far an account reaches."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest

from helpers import FakeDrafter, actor, assert_actor_mentions, find_all
from sino_russian_patrols.draft.document import Item
from sino_russian_patrols.draft.reporter import Reporter

ACTORS = [
    actor("japan", "JPN", "state", "Japan", "Tokyo"),
    actor("south-africa", "ZAF", "state", "South African"),
    actor("pacific-fleet", "RUS", "military", "Pacific Fleet", "Russian Pacific Fleet"),
    actor("jcs", "KOR", "military", "Joint Chiefs of Staff"),
    actor("jso", "JPN", "military", "Joint Staff Office"),
    actor("japan-mod", "JPN", "ministry", "Defense Ministry"),
    actor("china-mnd", "CHN", "ministry", "Ministry of National Defense"),
    actor("global-times", "CHN", "media", "Global Times"),
    actor("tass", "RUS", "media", "TASS"),
]


@dataclass
class Drafter(FakeDrafter):
    """What the reporter reads of the drafter."""

    registries: SimpleNamespace = field(default_factory=lambda: SimpleNamespace(actors=ACTORS))

    def actor_mentions(self) -> list[tuple[int, int, str]]:
        return find_all(self.text, ACTORS)


def reporter(text: str, events: tuple[tuple[str, str], ...] = ()) -> Reporter:
    """The reporter of `text`, every actor it names asserted; `events` links the sentence
    holding each first string to the event named by the second."""
    d = Drafter(text)
    for words, event in events:
        at = text.index(words)
        d.event_sentences.append((at, at + len(words), event))
    assert_actor_mentions(d)
    return Reporter(d)  # type: ignore[arg-type]


def who(text: str, claim: str, *, carried: bool = True) -> tuple[str | None, str | None]:
    """(reported_by, attribution) of a claim quoting `claim`, as written."""
    at = text.index(claim)
    lines = reporter(text).lines(at, at + len(claim), carried=carried)
    fields = dict(line.strip().split(": ", 1) for line in lines)
    return fields.get("reported_by"), fields.get("attribution")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # who speaks for the reporter, with the day after the verb
        (
            "Two ships sailed, the press office of Russia’s Pacific Fleet reported on Thursday.",
            '"the press office of Russia’s Pacific Fleet reported on Thursday"',
        ),
        # whom it told
        (
            "Two ships sailed, a spokesman for the Russian Pacific Fleet told reporters.",
            '"a spokesman for the Russian Pacific Fleet told reporters"',
        ),
        # how it said it, and a day of the month
        (
            "Two ships sailed, Russia's Pacific Fleet said in a statement on July 26.",
            '"Russia\'s Pacific Fleet said in a statement on July 26"',
        ),
        # the day as "the 27th", and the name's short form after "according to"
        (
            "The Joint Chiefs of Staff (JCS) said on the 27th that two ships sailed.",
            '"The Joint Chiefs of Staff (JCS) said on the 27th"',
        ),
        (
            "According to the Joint Chiefs of Staff (JCS), two ships sailed.",
            '"According to the Joint Chiefs of Staff (JCS)"',
        ),
        # a possessor of two words
        (
            "South Korea's Joint Chiefs of Staff said two ships sailed.",
            '"South Korea\'s Joint Chiefs of Staff said"',
        ),
        # the reporter named after its verb
        (
            '"Two ships sailed," said a spokesperson for the Ministry of National Defense on '
            "Friday.",
            '"said a spokesperson for the Ministry of National Defense"',
        ),
        (
            "Two ships sailed. This was reported by the Ministry of National Defense.",
            '"This was reported by the Ministry of National Defense"',
        ),
        # the body of a state named by its adjective
        ("Two ships sailed, South African authorities said.", '"South African authorities said"'),
        # a statement's written words ("according to a written statement released by ...")
        (
            "Two ships sailed, according to a written statement released by the Ministry of "
            "National Defense on Wednesday.",
            '"according to a written statement released by the Ministry of National Defense"',
        ),
    ],
)
def test_an_attribution_quotes_the_reporters_whole_words(text: str, expected: str) -> None:
    assert who(text, "ships sailed")[1] == expected


def test_an_attribution_after_a_paragraph_break_starts_with_the_reporters_words() -> None:
    text = "Two ships sailed.\n\nPacific Fleet said that three ships sailed."
    assert who(text, "three ships") == ("pacific-fleet", '"Pacific Fleet said"')


def test_a_spelling_the_draft_writes_into_the_registry_reports() -> None:
    from sino_russian_patrols.draft.new_aliases import NewAlias

    text = "Two ships sailed.\nChina's Defence Ministry said that three ships sailed."
    d = Drafter(text)
    assert_actor_mentions(d)
    at = text.index("China's")
    d.draft.items.append(Item("actors", ['- {quote: "China\'s Defence Ministry"}   # china-mnd']))
    d.written_actor_mentions = lambda: [(at, at + len("China's Defence Ministry"), "china-mnd")]
    lines = Reporter(d).lines(text.index("three"), len(text) - 1)  # type: ignore[arg-type]
    assert lines == [
        "  reported_by: china-mnd",
        '  attribution: "China\'s Defence Ministry said"',
    ]
    assert NewAlias("china-mnd", "China's Defence Ministry", "actors").alias in text


def test_a_news_outlet_reports_only_what_its_sentence_names_no_one_else_for() -> None:
    text = "Two ships sailed, the Pacific Fleet said, according to TASS."
    assert who(text, "Two ships") == ("pacific-fleet", '"the Pacific Fleet said"')
    text = "China and Russia held drills, Chinese state media tabloid Global Times reported."
    assert who(text, "China and Russia") == ("global-times", '"Global Times reported"')


def test_words_naming_no_one_carry_the_attribution_that_named_the_reporter() -> None:
    text = (
        "Ships sailed, according to the Defense Ministry's Joint Staff Office.\n"
        "The office also said two bombers flew. Ministry officials said four fighters flew.\n"
        "Ships sailed, the Pacific Fleet said. "
        '"Three ships sailed," the statement reads. According to the press service, two '
        "tugs sailed."
    )
    assert who(text, "two bombers") == (
        "jso",
        '["The office also said", "according to the Defense Ministry\'s Joint Staff Office"]',
    )
    assert who(text, "Three ships") == (
        "pacific-fleet",
        '["the statement reads", "the Pacific Fleet said"]',
    )
    assert who(text, "two tugs") == (
        "pacific-fleet",
        '["According to the press service", "the Pacific Fleet said"]',
    )
    # words before any name continue the account of the one named next
    text = (
        '"Two tugs sailed," the press service said, according to TASS. Ships sailed, the '
        "Pacific Fleet said."
    )
    assert who(text, "Two tugs") == (
        "pacific-fleet",
        '["the press service said", "the Pacific Fleet said"]',
    )
    # the statement is the one that was said in a statement
    text = (
        "Ships sailed, the Pacific Fleet said in a statement. The Pacific Fleet added that "
        'tugs sailed. "Two corvettes sailed," the statement notes.'
    )
    assert who(text, "Two corvettes")[1] == (
        '["the statement notes", "the Pacific Fleet said in a statement"]'
    )
    # the officials of a body named inside another's attribution
    text = (
        "Ships sailed, according to the Defense Ministry's Joint Staff Office. Two tugs "
        "sailed, ministry officials said."
    )
    assert who(text, "Two tugs") == (
        "japan-mod",
        '["ministry officials said", "according to the Defense Ministry\'s Joint Staff Office"]',
    )
    # "the ministry" is the Defense Ministry, not the ministry's office named since
    text = (
        "Ships sailed, the Defense Ministry said.\n"
        "According to the ministry’s Joint Staff Office, bombers flew.\n"
        "Two fighters joined them, the ministry said."
    )
    assert who(text, "Two fighters") == (
        "japan-mod",
        '["the ministry said", "the Defense Ministry said"]',
    )


def test_an_account_reaches_the_sentences_after_it_but_not_all() -> None:
    text = (
        "Ships sailed, the Pacific Fleet said.\n"
        '"Ships sailed," the statement reads. Two tugs joined them.\n'
        "Three corvettes sailed. Two bombers reportedly flew."
    )
    # in the paragraph of the words that name no one, they carry; past it, the named one
    assert who(text, "Two tugs")[1] == '["the statement reads", "the Pacific Fleet said"]'
    assert who(text, "Three corvettes")[1] == '"the Pacific Fleet said"'
    # words that come from an unnamed source
    assert who(text, "Two bombers") == (None, None)
    # a count of the series claims only what its own sentence attributes
    assert who(text, "Three corvettes", carried=False) == (None, None)


def test_an_account_does_not_reach_a_sentence_of_another_event() -> None:
    text = "Ships sailed, the Pacific Fleet said. Last year, ships sailed too. Two tugs sailed."
    events = (
        ("Ships sailed, the Pacific Fleet said.", "patrol"),
        ("Last year, ships sailed too.", "earlier-patrol"),
        ("Two tugs sailed.", "patrol"),
    )
    r = reporter(text, events)
    at = text.index("Last year")
    assert r.lines(at, at + 9) == []
    at = text.index("Two tugs")
    assert r.lines(at, at + 8) == [
        "  reported_by: pacific-fleet",
        '  attribution: "the Pacific Fleet said"',
    ]
