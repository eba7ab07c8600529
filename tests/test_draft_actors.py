"""The actors proposer on small texts it writes: which registered names it asserts as mentions,
which it proposes commented out (part of a longer name, a location, another country's body),
and the spellings the registry does not list, proposed with the text's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import actor, text_drafter, tiny_project
from sino_russian_patrols.draft import actors
from sino_russian_patrols.draft.actor_forms import possessive_apart
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
        # a name does not run across a line: the headline's last word is not part of it
        (
            "Jets fly near Japan\n\nJapan's Defense Ministry said so.",
            "Japan's Defense Ministry",
            True,
        ),
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


FORMS = [
    *ACTORS,
    actor("south-korea", "KOR", "state", "South Korea"),
    actor("cn-mod", "CHN", "government_body", "Chinese Ministry of Defense"),
    actor("kr-jcs", "KOR", "military", "Joint Chiefs of Staff"),
    actor("pla-navy", "CHN", "military", "Chinese People's Liberation Army Navy"),
    actor("kr-military", "KOR", "military", "South Korean military"),
]


def asserted_with(text: str, registered: list) -> list[tuple[str, str]]:
    """(the quoted words, the actor) of each asserted actor mention."""
    d = text_drafter(text, registered, PLACES)
    actors.propose(d)
    out = []
    for item in d.draft.items:
        if item.unsure is None:
            out.append((item.lines[0].split('"')[1], item.lines[0].rsplit("# ", 1)[-1]))
    return out


@pytest.mark.parametrize(
    ("text", "quote", "actor_id"),
    [
        # the country as a possessive or after "of" for the demonym, and back
        ("Russia's Aerospace Forces flew.", "Russia's Aerospace Forces", "aerospace"),
        ("The Aerospace Forces of Russia flew.", "Aerospace Forces of Russia", "aerospace"),
        ("China’s Ministry of Defense said so.", "China’s Ministry of Defense", "cn-mod"),
        ("The Ministry of Defense of China said so.", "Ministry of Defense of China", "cn-mod"),
        # the head word moved: "Defense Ministry" for "Ministry of Defense"
        ("The Chinese Defense Ministry said so.", "Chinese Defense Ministry", "cn-mod"),
        ("South Korea's military said so.", "South Korea's military", "kr-military"),
    ],
)
def test_a_bodys_country_written_another_way_names_the_body(
    text: str, quote: str, actor_id: str
) -> None:
    assert (quote, actor_id) in asserted_with(text, FORMS)
    # the state inside the body's name is no mention of its own
    assert not any(q in ("Russia", "China", "South Korea") for q, _ in asserted_with(text, FORMS))


def test_a_demonym_another_country_shares_names_no_body() -> None:
    # "Korean" is North Korea's word too: only "South Korean" names the South Korean body
    assert asserted_with("The Korean military said so.", FORMS) == []


def test_an_acronym_in_brackets_after_a_bodys_name_is_its_spelling() -> None:
    text = (
        "The Joint Chiefs of Staff (JCS) said so. Later the JCS added more. "
        "The Chinese People's Liberation Army Navy (PLA Navy) sailed. The ABC (XYZ) did not."
    )
    d = text_drafter(text, FORMS, PLACES)
    actors.propose(d)
    found = asserted_with(text, FORMS)
    assert found.count(("JCS", "kr-jcs")) == 2
    assert ("PLA Navy", "pla-navy") in found
    assert not any(q == "XYZ" for q, _ in found)
    assert NewAlias("kr-jcs", "JCS", "actors") in d.new_aliases


def test_a_date_line_is_read_for_names_but_a_place_at_its_head() -> None:
    text = "Xinhua) 17:00, July 12, 2024\nMoscow, 12 July 2024\nMore."
    registered = [*ACTORS, actor("xinhua", "CHN", "media", "Xinhua")]
    d = text_drafter(text, registered, PLACES)
    d.skip += [(0, text.index("\n")), (text.index("Moscow"), text.index("\nMore"))]
    actors.propose(d)
    assert [item.lines[0].split('"')[1] for item in d.draft.items] == ["Xinhua"]


_ACTORS_YAML = """
- id: russia
  name: "Russia"
  type: state
  country: RUS
  title: null
  aliases: ["Russia"]
- id: fleet
  name: "Pacific Fleet"
  type: military
  country: RUS
  title: null
  aliases: ["Pacific Fleet"]
- id: mod
  name: "Russian Defence Ministry"
  type: government_body
  country: RUS
  title: null
  aliases: ["Russia's Defence Ministry"]
"""


def test_a_body_the_curated_files_quote_apart_from_its_possessive_is_read_apart(
    tmp_path: Path,
) -> None:
    text = "Russia's Pacific Fleet sailed. Russia's Defence Ministry said so."
    annotation = (
        "actors:\n"
        '  - {quote: "Russia", occurrence: 1}   # russia\n'
        '  - {quote: "Pacific Fleet"}   # fleet\n'
        '  - {quote: "Russia\'s Defence Ministry"}   # mod\n'
    )
    root = tiny_project(tmp_path / "p", text, annotation, {"actors": _ACTORS_YAML})
    assert possessive_apart(root, "000_other") == frozenset({"fleet"})
    assert possessive_apart(None, "000_other") == frozenset()


def test_a_body_read_apart_from_its_possessive_is_two_mentions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    registered = [
        *ACTORS,
        actor("fleet", "RUS", "military", "Pacific Fleet", "Russian Pacific Fleet"),
    ]
    text = "Russia’s Pacific Fleet sailed."
    assert asserted_with(text, registered) == [("Russia’s Pacific Fleet", "fleet")]
    monkeypatch.setattr(actors, "possessive_apart", lambda root, source: frozenset({"fleet"}))
    assert asserted_with(text, registered) == [("Russia", "russia"), ("Pacific Fleet", "fleet")]


def test_a_headline_writes_a_states_first_word_as_its_initial() -> None:
    found = asserted_with("S Korea fires warning shots\n\nMore.", FORMS)
    assert found == [("S Korea", "south-korea")]


def test_two_bodies_sharing_a_spelling_are_told_apart_by_the_country_before() -> None:
    registered = [
        *ACTORS,
        actor("kr-mnd", "KOR", "government_body", "Ministry of National Defence"),
        actor("cn-mnd", "CHN", "government_body", "Ministry of National Defense"),
    ]
    text = (
        "The Chinese statement, carried by the Ministry of National Defence, said so. "
        "Seoul's Ministry of National Defence said so too."
    )
    d = text_drafter(text, registered, PLACES)
    actors.propose(d)
    [first, second] = [i for i in d.draft.items if "Ministry" in i.lines[0]]
    assert first.unsure is not None and "'Chinese'" in first.unsure and "cn-mnd" in first.unsure
    assert second.unsure is None


def test_a_registered_acronym_inside_another_bodys_name_and_a_names_capitals() -> None:
    registered = [
        *ACTORS,
        actor("pla", "CHN", "military", "People's Liberation Army", "PLA"),
        actor("plaaf", "CHN", "military", "People's Liberation Army Air Force"),
        actor("asdf", "JPN", "military", "Air Self-Defense Force"),
    ]
    text = "The PLA Air Force flew, and ASDF fighters were scrambled. RAF jets did not."
    found = asserted_with(text, registered)
    assert ("PLA Air Force", "plaaf") in found and ("ASDF", "asdf") in found
    assert not any(q in ("PLA", "RAF") for q, _ in found)  # "RAF" is not Russia's forces'


def test_a_body_named_again_by_its_countrys_demonym_and_head_word() -> None:
    text = (
        "The Russian Defence Ministry said so. The Russian ministry added more. "
        "The Japanese ministry said nothing."
    )
    found = asserted_with(text, ACTORS)
    assert ("Russian ministry", "russian-mod") in found
    # no Japanese body named before with a spelling that ends in "ministry"
    assert not any(q == "Japanese ministry" for q, _ in found)


def test_a_bodys_name_without_its_countrys_word_names_it_unless_another_country_is_before() -> None:
    registered = [*ACTORS, actor("asdf", "JPN", "military", "Japan Air Self-Defense Force")]
    text = "The Air Self-Defense Force scrambled jets. The Chinese Air Self-Defense Force did not."
    d = text_drafter(text, registered, PLACES)
    actors.propose(d)
    [first, second] = [i for i in d.draft.items if "Self-Defense" in i.lines[0]]
    assert '"Air Self-Defense Force", occurrence: 1' in first.lines[0] and first.unsure is None
    assert second.unsure is not None and "'Chinese'" in second.unsure


def test_a_name_after_a_prefix_that_is_no_name_is_part_of_a_word() -> None:
    registered = [*ACTORS, actor("ru-mil", "RUS", "military", "Russian military")]
    found = asserted_with("Sino-Russian military ties grew. Russia-China drills began.", registered)
    assert found == [("Russia", "russia"), ("China", "china")]
    assert asserted_with("The Sino-Russian Military Cooperation", registered) == []


def test_a_spelling_read_through_its_countrys_words_is_marked_so() -> None:
    registered = [
        *FORMS,
        actor("fleet", "RUS", "military", "Pacific Fleet", "Russian Pacific Fleet"),
    ]
    text = "China’s Ministry of Defense said so. Russia's Pacific Fleet said so. The JCS said so."
    found = {
        text[m.start : m.end]: m.by_country
        for m in actors.other_spellings(text_drafter(text, registered, PLACES))
    }
    # the speakers read the first as a country's body; "Pacific Fleet" names the second
    assert found == {"China’s Ministry of Defense": True, "Russia's Pacific Fleet": False}


def test_no_mention_runs_across_a_line_break() -> None:
    from helpers import actor, text_drafter
    from sino_russian_patrols.draft import actors

    # the body registered with its country's possessive: nothing before it on its line
    registered = [
        actor("japan", "JPN", "state", "Japan"),
        actor("japan-mod", "JPN", "government_body", "Japan's Defense Ministry"),
    ]
    text = "Jets fly near Japan\n\nJapan's Defense Ministry said so."
    d = text_drafter(text, registered)
    actors.propose(d)
    quotes = [item.lines[0] for item in d.draft.items if item.section == "actors"]
    assert any("Japan's Defense Ministry" in q for q in quotes)
    assert not [q for q in quotes if "\\n" in q]
    assert not [a.alias for a in d.new_aliases if "\n" in a.alias]


def test_a_states_demonym_before_its_government_names_the_state() -> None:
    from sino_russian_patrols.draft.actor_forms import government_forms

    actors = [
        actor("japan", "JPN", "state", "Japan", "Japanese government"),
        actor("south-africa", "ZAF", "state", "South Africa"),
    ]
    forms = government_forms(actors)
    assert forms["South African authorities"] == ("south-africa", "South Africa")
    assert forms["Japanese authorities"] == ("japan", "Japan")
    assert "Japanese government" not in forms  # registered already
