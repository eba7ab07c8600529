"""New actors on small texts: which persons and states the registries do not know the draft
writes out, with which id, aliases, country and title, and which capitalised words it leaves
alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from helpers import FakeDrafter
from sino_russian_patrols.citing import NameIndex
from sino_russian_patrols.draft import new_actors
from sino_russian_patrols.registries import ActorEntry


def _actor(actor_id: str, kind: str, country: str | None, *aliases: str) -> ActorEntry:
    return ActorEntry(actor_id, aliases[0], kind, country, None, None, aliases, "a.yaml", 1)


ACTORS = [
    _actor("russia", "state", "RUS", "Russia", "Moscow"),
    _actor("china", "state", "CHN", "China", "Beijing"),
    _actor("india", "state", "IND", "India"),
    _actor("japan", "state", "JPN", "Japan", "Tokyo"),
    _actor("south-korea", "state", "KOR", "South Korea", "Korea"),
    _actor("sergei-shoigu", "person", "RUS", "Sergei Shoigu", "Shoigu"),
    _actor("jcs", "military", "KOR", "Joint Chiefs of Staff"),
]


@dataclass
class Drafter(FakeDrafter):
    """What the new actors' rules read of the drafter."""

    registries: SimpleNamespace = field(
        default_factory=lambda: SimpleNamespace(actors=list(ACTORS), places=[])
    )
    new_actors: list[new_actors.NewActor] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.names = NameIndex([a for e in self.registries.actors for a in e.aliases])


def found(text: str) -> dict[str, tuple[tuple[str, ...], str | None, str | None]]:
    """id → (aliases, country, title) of each new actor."""
    d = Drafter(text)
    new = (*new_actors.people(d), *new_actors.states(d))  # type: ignore[arg-type]
    return {a.id: (a.aliases, a.country, a.title) for a in new}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title before the name; the surname alone later is its second alias
        (
            "Japan scrambled jets, Defense Minister Nobuo Kishi said. Kishi told reporters more.",
            {"nobuo-kishi": (("Nobuo Kishi", "Kishi"), None, "Defense Minister")},
        ),
        # a country word in the title gives the country; the family name first ("Wei")
        (
            "Chinese Defense Minister Wei Fenghe met him. Wei praised Russia.",
            {"wei-fenghe": (("Wei Fenghe", "Wei"), "CHN", "Chinese Defense Minister")},
        ),
        # a title word that opens the capitalised run is the title's, not the name's
        (
            "NATO Secretary General Jens Stoltenberg said so.",
            {"jens-stoltenberg": (("Jens Stoltenberg",), None, "NATO Secretary General")},
        ),
        # a lower-case title; a hyphenated given name
        (
            "The ministry plans a protest, ministry spokesman Kim In-chul said.",
            {"kim-in-chul": (("Kim In-chul",), None, "spokesman")},
        ),
        # a hyphenated title
        (
            "Russian Deputy Defense Minister Colonel-General Yunus-bek Yevkurov opened it.",
            {
                "yunus-bek-yevkurov": (
                    ("Yunus-bek Yevkurov",),
                    "RUS",
                    "Russian Deputy Defense Minister Colonel-General",
                )
            },
        ),
        # one spelling, one actor: the short form goes to the first person only
        (
            "Defense Minister Kim In-chul spoke first. Foreign Minister Kim Sung-ho spoke next. "
            "Kim added more.",
            {
                "kim-in-chul": (("Kim In-chul", "Kim"), None, "Defense Minister"),
                "kim-sung-ho": (("Kim Sung-ho",), None, "Foreign Minister"),
            },
        ),
        # a title set off by a comma
        (
            "The two leaders, Russia's President and China's leader, Xi Jinping, met.",
            {"xi-jinping": (("Xi Jinping",), "CHN", "China's leader")},
        ),
        # no title, but the name speaks
        (
            '"It is a provocation," Lee Min-ho said. Lisa Murkowski said so too.',
            {
                "lee-min-ho": (("Lee Min-ho",), None, None),
                "lisa-murkowski": (("Lisa Murkowski",), None, None),
            },
        ),
        # an apposition after the name: its country is the apposition's, not the clause's
        (
            "South Korea's adviser objected to Nikolai Patrushev, secretary of the Security "
            "Council of Russia.",
            {"nikolai-patrushev": (("Nikolai Patrushev",), "RUS", None)},
        ),
    ],
)
def test_a_person_a_title_introduces_is_written_out(
    text: str, expected: dict[str, tuple[tuple[str, ...], str | None, str | None]]
) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Lisa Murkowski flew to Juneau.",  # no title, and she does not speak: who is she?
        "Russian Defense Minister Sergei Shoigu said so.",  # registered
        "the Joint Chiefs of Staff said on Tuesday.",  # a body's name
        "Chief Cabinet Secretary Tuesday Morning said.",  # a weekday is no name
        "Admiral Kuznetsov sailed on.",  # one word after a title: no full name
        "South Africa emphasized that the drills are apolitical.",  # a country speaks
    ],
)
def test_no_new_person(text: str) -> None:
    assert new_actors.people(Drafter(text)) == []  # type: ignore[arg-type]


def test_states_no_registered_actor_holds_are_written_out_not_places() -> None:
    text = "China, Algeria, India, Belarus and Saudi Arabia sent troops. Ministers met in Romania."
    assert found(text) == {
        "algeria": (("Algeria",), "DZA", None),
        "belarus": (("Belarus",), "BLR", None),
        "saudi-arabia": (("Saudi Arabia",), "SAU", None),
    }


def test_the_new_actors_join_the_drafters_registries() -> None:
    d = Drafter("Defense Minister Nobuo Kishi said. Kishi added more; Algeria sent troops.")
    new_actors.propose(d)  # type: ignore[arg-type]
    ids = [e.id for e in d.registries.actors]
    assert ids[-2:] == ["nobuo-kishi", "algeria"]
    assert [a.id for a in d.new_actors] == ["nobuo-kishi", "algeria"]
    # "Kishi" inside "Nobuo Kishi" is now covered by the longer registered name
    assert d.names.covering(d.text, 21, 26) == "Nobuo Kishi"
    entry = yaml.safe_load("\n".join(d.new_actors[0].yaml_lines()))[0]
    assert entry == {
        "id": "nobuo-kishi",
        "name": "Nobuo Kishi",
        "type": "person",
        "country": None,
        "title": "Defense Minister",
        "parent": None,
        "aliases": ["Nobuo Kishi", "Kishi"],
    }


PERSON = (
    "Tokyo, March 3 (Kyodo) -- Japan scrambled fighter jets after four Russian Tu-95 bombers "
    "flew near Japan on Monday, Defense Minister Taro Yamada said.\n\n"
    '"It is a grave provocation," Yamada told a news conference.\n'
)


def test_add_article_writes_a_new_person_and_the_draft_names_them(
    project_copy: Path, tmp_path: Path
) -> None:
    from sino_russian_patrols.editor import add_article
    from test_editor import _write

    added = add_article(project_copy, _write(tmp_path, PERSON), page_date="2025-03-03")
    text = added.annotation.read_text(encoding="utf-8")
    actors = yaml.safe_load((project_copy / "build/registries/actors.yaml").read_text())
    entry = next(a for a in actors if a["id"] == "taro-yamada")
    assert entry["aliases"] == ["Taro Yamada", "Yamada"]
    assert entry["title"] == "Defense Minister"
    assert "# registry entry written: actor taro-yamada (person)" in text
    draft = yaml.safe_load(text)
    assert {"quote": "Taro Yamada"} in draft["actors"]
    assert any(s.get("speaker") == "taro-yamada" for s in draft.get("statements") or [])


def test_a_new_states_government_is_a_spelling_of_its_new_entry(
    project_copy: Path, tmp_path: Path
) -> None:
    from sino_russian_patrols.editor import add_article
    from test_editor import _write

    text = (
        "Navies hold drills off Cape Town\n\n"
        "China, Russia and Iran launched joint naval exercises on Saturday, Namibian "
        "authorities said. Namibia said the drills were routine.\n"
    )
    added = add_article(project_copy, _write(tmp_path, text), page_date="2026-01-10")
    actors = yaml.safe_load((project_copy / "build/registries/actors.yaml").read_text())
    entry = next(a for a in actors if a["id"] == "namibia")
    assert entry["aliases"] == ["Namibia", "Namibian authorities"]
    draft = yaml.safe_load(added.annotation.read_text(encoding="utf-8"))
    assert {"quote": "Namibian authorities"} in draft["actors"]
