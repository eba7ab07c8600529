"""The actors proposer on small texts it writes: which registered names it asserts as mentions,
which it proposes commented out (part of a longer name, a location, another country's body),
and the spellings the registry does not list, proposed with the text's own words."""

from __future__ import annotations

import pytest

from helpers import actor, text_drafter
from sino_russian_patrols.draft import actors
from sino_russian_patrols.draft.actors import spelling_pattern
from sino_russian_patrols.draft.new_aliases import NewAlias
from sino_russian_patrols.normalize import fold_chars
from sino_russian_patrols.registries import PlaceEntry

ACTORS = [
    actor("russia", "RUS", "state", "Russia", "Moscow"),
    actor("china", "CHN", "state", "China", "Beijing"),
    actor("japan", "JPN", "state", "Japan", "Tokyo"),
    actor("us", "USA", "state", "U.S."),
    actor("japan-mod", "JPN", "government_body", "Defense Ministry"),
    actor("russian-mod", "RUS", "government_body", "Russian Defence Ministry"),
    actor("aerospace", "RUS", "military", "Russian Aerospace Forces"),
    actor("zhang", "CHN", "person", "Zhang Xiaogang", "Zhang"),
]
PLACES = [PlaceEntry("japan-place", "Japan", "country", None, ("Japan",), "places.yaml", 1)]


def proposed(text: str) -> list[tuple[str, str | None]]:
    """(the quoted words, why unsure) of each actor mention the proposer writes."""
    d = text_drafter(text, ACTORS, PLACES)
    actors.propose(d)
    out = []
    for item in d.draft.items:
        quote = item.lines[0].split('"')[1]
        out.append((quote, item.unsure))
    return out


def asserted(text: str) -> list[str]:
    return [quote for quote, unsure in proposed(text) if unsure is None]


@pytest.mark.parametrize(
    ("registered", "written"),
    [
        ("Russian Defence Ministry", "Russian defence ministry"),  # case after the first letter
        ("Russian Defence Ministry", "Russian Defense Ministry"),  # British or American
        ("Navy of the People's Liberation Army", "Navy of the People’s Liberation Army"),
        ("U.S. Department of Defense", "US Department of Defense"),  # periods left out
        ("Self-Defense Force", "Self Defense Force"),  # a space for a hyphen
        ("Tu-95MS Regiment", "Tu\u201195МS Regiment"),  # a non-breaking hyphen, a Cyrillic М
    ],
)
def test_a_spelling_matches_its_variants(registered: str, written: str) -> None:
    pattern = spelling_pattern(registered)
    assert pattern is not None and pattern.fullmatch(fold_chars(written))


def test_a_short_spelling_has_no_variants_and_the_first_letter_keeps_its_case() -> None:
    assert spelling_pattern("US") is None  # "us" is a word
    pattern = spelling_pattern("Russian Defence Ministry")
    assert pattern is not None and not pattern.fullmatch("russian defence ministry")


def test_a_registered_name_spelt_otherwise_is_asserted_and_its_spelling_written_in() -> None:
    text = "The Russian defense ministry said so."
    d = text_drafter(text, ACTORS, PLACES)
    actors.propose(d)
    [item] = d.draft.items
    assert '"Russian defense ministry"' in item.lines[0] and item.unsure is None
    assert d.new_aliases == [NewAlias("russian-mod", "Russian defense ministry", "actors")]
    assert d.new_aliases[0].written() == (
        "actor spelling 'Russian defense ministry' for russian-mod in registries/actors.yaml: "
        "confirm it"
    )


def test_a_name_in_capitals_is_proposed_with_the_texts_words_and_listed_to_add() -> None:
    # "MOSCOW" as a dateline writes it: most likely no mention of the state
    d = text_drafter("MOSCOW (Reuters) said so.", [actor("russia", "RUS", "state", "Moscow")])
    actors.propose(d)
    [item] = d.draft.items
    assert '"MOSCOW"' in item.lines[0] and item.unsure is not None
    assert "not a registered spelling of russia" in item.unsure
    assert d.draft.to_add == ["actor spelling 'MOSCOW' for russia (registries/actors.yaml)"]
    assert d.new_aliases == []


@pytest.mark.parametrize(
    ("text", "name", "mention"),
    [
        ("Bombers entered the Japan Air Defense Identification Zone.", "Japan", False),
        ("Officials at the National Defense Ministry said so.", "Defense Ministry", False),
        # its own country's word: part of the mention
        ("The Japanese Defense Ministry said so.", "Japanese Defense Ministry", True),
        ("Aerospace Forces of Russia flew.", "Russia", False),
        ("The Ministry of Defense of China said so.", "China", False),
        ("Source: Xinhua. Editor: Zhang Long.", "Zhang", False),
        ("He is Commander of the Japan Coast Guard.", "Japan", False),
        ("The bombers did not violate Japan’s territorial airspace.", "Japan", False),
        ("Japan's Defense Ministry said so.", "Japan's Defense Ministry", True),
        ("China Russia Conduct Joint Bomber Patrol", "Russia", True),  # a headline
        ("Warships of China sailed.", "China", True),  # no body's word before "of"
        ("The U.S.-Canadian command said so.", "U.S.", True),  # a compound of countries
    ],
)
def test_a_name_inside_a_longer_name_the_registry_does_not_know_is_no_mention(
    text: str, name: str, mention: bool
) -> None:
    assert (name in asserted(text)) is mention


@pytest.mark.parametrize(
    ("text", "name", "mention"),
    [
        ("Leaders of the Quad met in Tokyo.", "Tokyo", False),  # a capital after "in"
        ("Bombers flew near Japan.", "Japan", False),
        ("Ships sailed to southwestern Japan.", "Japan", False),
        ("Units from Russia took part.", "Russia", True),  # "from": a party, not a place
        ("The drills in Japan’s waters ended.", "Japan", True),  # a possessive: a party
        ("Russia and China held drills.", "China", True),
    ],
)
def test_a_place_after_a_preposition_is_a_location(text: str, name: str, mention: bool) -> None:
    assert (name in asserted(text)) is mention


def test_the_text_after_a_dateline_on_its_line_is_read() -> None:
    text = "MOSCOW, October 14. /TASS/. Russia and China began drills."
    d = text_drafter(text, ACTORS, PLACES)
    d.skip.append((0, text.index(" began")))  # the source proposer skips the dateline's line
    actors.propose(d)
    assert [item.lines[0].split('"')[1] for item in d.draft.items] == ["Russia", "China"]


def test_a_longer_name_the_registry_does_not_know_is_listed_whole_to_add() -> None:
    d = text_drafter("Bombers entered the Japan Air Defense Identification Zone today.", ACTORS)
    actors.propose(d)
    assert d.draft.to_add == [
        "name 'Japan Air Defense Identification Zone': an actor or a place the registries do "
        "not know (registries/actors.yaml or places.yaml)"
    ]


@pytest.mark.parametrize(
    ("text", "quote", "alias"),
    [
        # the body's own country's word before it: one mention, its spelling written in
        ("Japan's Defense Ministry said so.", "Japan's Defense Ministry", True),
        ("The Japanese Defense Ministry said so.", "Japanese Defense Ministry", True),
        # no country's word, or a person's name after one: the registered spelling alone
        ("The Defense Ministry said so.", "Defense Ministry", False),
        ("The Chinese Zhang Xiaogang said so.", "Zhang Xiaogang", False),
    ],
)
def test_a_bodys_own_countrys_word_before_its_name_is_part_of_the_mention(
    text: str, quote: str, alias: bool
) -> None:
    d = text_drafter(text, ACTORS, PLACES)
    actors.propose(d)
    asserted = [item.lines[0] for item in d.draft.items if item.unsure is None]
    assert any(f'"{quote}"' in line for line in asserted)
    assert [a.alias for a in d.new_aliases] == ([quote] if alias else [])
