"""The ships proposer on small texts it writes: which registered ships a kind of ship names,
where a claim's country and count come from, which claims are totals, and which are proposed
commented out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers import FakeDrafter, fields_of, find_all
from sino_russian_patrols.draft import ships
from sino_russian_patrols.registries import ActorEntry, ShipEntry


def _ship(name: str, country: str, kind: str) -> ShipEntry:
    ship_id = name.lower().replace(" ", "-")
    return ShipEntry(ship_id, name, country, kind, None, None, (name,), "s.yaml", 1)


SHIPS = [
    _ship("Admiral Panteleyev", "RUS", "anti_submarine_ship"),
    _ship("Admiral Tributs", "RUS", "anti_submarine_ship"),
    _ship("Shaoxing", "CHN", "destroyer"),
    _ship("Qiandaohu", "CHN", "supply_ship"),
    _ship("Tongling", "CHN", "corvette"),
    _ship("Rizhao", "CHN", "corvette"),
]


def _actor(actor_id: str, kind: str, country: str, *aliases: str) -> ActorEntry:
    return ActorEntry(actor_id, aliases[0], kind, country, None, None, aliases, "a.yaml", 1)


ACTORS = [
    _actor("russia", "state", "RUS", "Russia"),
    _actor("china", "state", "CHN", "China"),
    _actor("iran", "state", "IRN", "Iran"),
    _actor("pacific-fleet", "military", "RUS", "Pacific Fleet"),
    _actor("pla-navy", "military", "CHN", "Chinese People's Liberation Army Navy"),
]


@dataclass
class Drafter(FakeDrafter):
    """What the ships proposer reads of the drafter."""

    registries: SimpleNamespace = field(
        default_factory=lambda: SimpleNamespace(ships=list(SHIPS), actors=ACTORS, places=[])
    )

    def actor_mentions(self) -> list[tuple[int, int, str]]:
        return find_all(self.text, ACTORS)

    def mentions(self, entries: list, lo: int = 0, hi: int | None = None) -> list:  # type: ignore[type-arg]
        return find_all(self.text, entries, lo, hi)

    def event_near(self, at: int, types: frozenset[str]) -> str | None:
        return "naval"


Row = tuple[str | None, str, str | None, str | None]


def claims(text: str) -> list[tuple[dict[str, str], str | None]]:
    d = Drafter(text)
    ships.propose(d)  # type: ignore[arg-type]
    return [
        ({k: v.strip('"') for k, v in fields_of(item).items()}, item.unsure)
        for item in d.draft.items
    ]


def asserted(text: str) -> list[Row]:
    """(country or operator, name or type, count, total) of each asserted claim."""
    return [
        (
            f.get("country") or f.get("operator"),
            f.get("name") or f["type"],
            f.get("count"),
            f.get("total"),
        )
        for f, unsure in claims(text)
        if unsure is None
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the country the clause opens with reaches over the list of ships
        (
            "The Russian Navy is represented in the drills by the large anti-submarine warfare "
            "ship Admiral Panteleyev, two coastal-type minesweepers, a missile boat and a "
            "rescue tug.",
            [
                ("Russian", "Admiral Panteleyev", None, None),
                ("Russian", "minesweepers", "two", None),  # the count before an adjective
                ("Russian", "missile boat", "a", None),
                ("Russian", "rescue tug", "a", None),
            ],
        ),
        # names after the kind and before it
        (
            "China was represented by the destroyer Shaoxing, the Tongling and Rizhao corvettes.",
            [
                ("China", "Shaoxing", None, None),
                ("China", "Tongling", None, None),
                ("China", "Rizhao", None, None),
            ],
        ),
        # a ship's own country word; a name whose country the clause does not say is unsure
        (
            "Russia’s Admiral Tributs large anti-submarine ship, China’s Shaoxing destroyer, "
            "and the Qiandaohu supply ship departed.",
            [("Russia’s", "Admiral Tributs", None, None), ("China’s", "Shaoxing", None, None)],
        ),
        # the word after the name in its clause that names the registry's country
        (
            "The Russian group would be led by the ship Admiral Tributs, while the Shaoxing "
            "destroyer would command the Chinese group.",
            [("Russian", "Admiral Tributs", None, None), ("Chinese", "Shaoxing", None, None)],
        ),
        # the country or force after the kind, "from the Chinese side"
        (
            "Russia was represented by 10 ships of the Pacific Fleet, while five vessels took "
            "part in the patrol from the Chinese side.",
            [("Russia", "ships", "10", None), ("Chinese", "vessels", "five", None)],
        ),
        (
            "Diesel-electric submarines of the Russian Navy and the Chinese People's Liberation "
            "Army Navy patrolled. The ship Admiral Tributs of the Pacific Fleet sailed.",
            [
                ("Russian", "Diesel-electric submarines", None, None),
                ("Chinese", "Diesel-electric submarines", None, None),
                ("pacific-fleet", "Admiral Tributs", None, None),
            ],
        ),
        # the subject of a verb that sends ships of no stated kind
        (
            "Russia, China and Iran have deployed naval vessels.",
            [
                ("Russia", "naval vessels", None, None),
                ("China", "naval vessels", None, None),
                ("Iran", "naval vessels", None, None),
            ],
        ),
    ],
)
def test_names_counts_and_countries(text: str, expected: list[Row]) -> None:
    assert asserted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A total of 10 Chinese and Russian naval vessels passed the strait. Of the 10 "
            "vessels including destroyers and replenishment ships, nine joined the drills.",
            [
                (None, "naval vessels", "A total of 10", "true"),
                (None, "vessels", "10", "true"),
                (None, "destroyers", None, "true"),
                (None, "replenishment ships", None, "true"),
            ],
        ),
        (
            "The detachment is supported by supply vessels from both nations.",
            [(None, "supply vessels", None, "true")],
        ),
        (
            "The drills will involve diesel-electric submarines and naval aircraft from both "
            "countries.",
            [(None, "diesel-electric submarines", None, "true")],
        ),
    ],
)
def test_totals(text: str, expected: list[Row]) -> None:
    assert asserted(text) == expected


def test_ships_the_registry_does_not_know_are_written_out_with_country_and_kind() -> None:
    d = Drafter("The Chinese Navy sent the destroyers Kunming and Nanchang.")
    ships.propose(d)  # type: ignore[arg-type]
    assert [(s.id, s.name, s.country, s.type) for s in d.new_ships] == [
        ("kunming", "Kunming", "CHN", "destroyer"),
        ("nanchang", "Nanchang", "CHN", "destroyer"),
    ]
    assert d.new_ships[0].yaml_lines()[1:] == [
        "- id: kunming",
        '  name: "Kunming"',
        "  country: CHN",
        "  type: destroyer",
        "  class: null",
        "  hull_number: null",
        '  aliases: ["Kunming"]',
    ]
    # each is claimed by its name, as a registered ship is
    names = [line for item in d.draft.items for line in item.lines if "name:" in line]
    assert names == ['  name: "Kunming"', '  name: "Nanchang"']


def test_ships_of_no_country_or_kind_are_listed_to_add_and_commented_out() -> None:
    d = Drafter("The destroyers Kunming and Nanchang sailed.")
    ships.propose(d)  # type: ignore[arg-type]
    assert d.new_ships == []
    [item] = d.draft.items
    assert item.unsure is not None and "Kunming, Nanchang" in item.unsure
    assert "ship 'Kunming' (registries/ships.yaml)" in d.draft.to_add


def test_warships_of_no_stated_kind_without_a_number() -> None:
    found = [
        (f["country"], f["type"], unsure is None)
        for f, unsure in claims(
            "Russian and Chinese warships sailed. Two Russian corvettes joined them. "
            "The Chinese warships turned back."
        )
    ]
    assert found == [
        # the article counts Russia's ships: its warships are most likely those again
        ("Russian", "warships", False),
        ("Chinese", "warships", True),
        ("Russian", "corvettes", True),
        ("Chinese", "warships", False),  # 'the': those named above
    ]


def test_what_is_no_claim() -> None:
    # a kind used as a modifier, a ship named by its kind alone, time words
    assert claims("The ship group crossed the strait. The submarine covered 2,000 miles.") == []


def test_a_claim_outside_a_linked_sentence_waits_for_the_new_event_its_article_reports() -> None:
    from sino_russian_patrols.draft.document import Item

    d = Drafter("Two Russian corvettes sailed.")
    new = ["- id: NEW-EVENT-ID", '  quote: "The navies began their first joint naval patrol."']
    d.draft.items.append(Item("events", new, "no known patrol within three days"))
    ships.propose(d)  # type: ignore[arg-type]
    claim = d.draft.items[-1]
    assert claim.section == "ships" and "no naval event" in (claim.unsure or "")
    # a scramble the registries do not know is no reason to doubt the naval claims
    d = Drafter("Two Russian corvettes sailed.")
    new[1] = '  quote: "Japan scrambled fighter jets."'
    d.draft.items.append(Item("events", new, "no known scramble"))
    d.known_events = [{"event_id": "naval", "event_type": "joint_naval_patrol"}]
    ships.propose(d)  # type: ignore[arg-type]
    assert d.draft.items[-1].unsure is None


def test_the_words_a_ship_type_keeps_are_learned_from_the_curated_files(tmp_path: Path) -> None:
    annotations = tmp_path / "build" / "annotations"
    annotations.mkdir(parents=True)
    (annotations / "001_a.yaml").write_text(
        "ships:\n  - {id: v01, type: coastal-type minesweepers}\n", encoding="utf-8"
    )
    d = Drafter("Russia sent two coastal-type minesweepers.", root=tmp_path)
    ships.propose(d)  # type: ignore[arg-type]
    assert '  type: "coastal-type minesweepers"' in d.draft.items[0].lines


def test_each_country_with_its_own_count() -> None:
    assert asserted("Two Russian and three Chinese destroyers and a pair of Chinese frigates.") == [
        ("Russian", "destroyers", "Two", None),
        ("Chinese", "destroyers", "three", None),
        ("Chinese", "frigates", "a pair of", None),
    ]


def test_a_claim_quotes_the_article_before_it_and_the_whole_list_its_kind_opens() -> None:
    text = (
        "The Chinese Navy was represented by the destroyers Shaoxing and Qiandaohu, the "
        "corvettes Tongling and Rizhao."
    )
    quotes = {f["name"]: f["quote"] for f, unsure in claims(text) if unsure is None}
    assert quotes == {
        "Shaoxing": "The Chinese Navy was represented by the destroyers Shaoxing and Qiandaohu",
        "Qiandaohu": "The Chinese Navy was represented by the destroyers Shaoxing and Qiandaohu",
        "Tongling": "The Chinese Navy was represented by the destroyers Shaoxing and Qiandaohu, "
        "the corvettes Tongling and Rizhao",
        "Rizhao": "The Chinese Navy was represented by the destroyers Shaoxing and Qiandaohu, "
        "the corvettes Tongling and Rizhao",
    }


def test_a_name_inside_a_longer_name_of_the_same_ship_is_one_claim() -> None:
    hero = ShipEntry(
        "aldar-tsydenzhapov", "Aldar Tsydenzhapov", "RUS", "corvette", None, None,
        ("Hero of the Russian Federation Aldar Tsydenzhapov", "Aldar Tsydenzhapov"), "s.yaml", 1,
    )  # fmt: skip
    d = Drafter("Russia sent the corvette Hero of the Russian Federation Aldar Tsydenzhapov.")
    d.registries.ships.append(hero)
    ships.propose(d)  # type: ignore[arg-type]
    names = [fields_of(i).get("name") for i in d.draft.items if i.unsure is None]
    assert names == ['"Hero of the Russian Federation Aldar Tsydenzhapov"']


def test_the_force_the_countries_after_the_kind_qualify_is_quoted_with_them() -> None:
    found = [f["quote"] for f, _ in claims("Ships of the Russian and Chinese navies sailed.")]
    assert found == ["Ships of the Russian and Chinese navies"] * 2
