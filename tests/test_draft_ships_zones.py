"""The ships and zones proposers on small texts they write: the patterns that read zone
claims, and the claims proposed with a drafter that holds only what they read (the ships
proposer's rules have their own tests, tests/test_draft_ships.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest

from helpers import FakeDrafter, fields_of
from sino_russian_patrols import dates
from sino_russian_patrols.draft import ships, zones
from sino_russian_patrols.draft.new_aliases import (
    NewAlias,
    NewPlace,
    airspace_of,
    place_id,
    with_aliases,
)
from sino_russian_patrols.draft.patterns import ZONE_CLAIMS
from sino_russian_patrols.registries import PlaceEntry, ShipEntry


def kinds_of(sentence: str) -> list[str]:
    return [kind for kind, pattern in ZONE_CLAIMS if pattern.search(sentence)]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("There was no airspace violation, the ministry said.", "no_airspace_violation"),
        ("The bombers did not violate Japanese airspace.", "no_airspace_violation"),
        ("They remained in international airspace.", "international_airspace"),
        ("An A-50 twice violated South Korean airspace.", "airspace_violation"),
        ("Six aircraft entered the KADIZ.", "adiz_entry"),
        ("The ships passed through the Soya Strait.", "strait_transit"),
        ("The planes did not violate Japan’s territorial airspace.", "no_airspace_violation"),
        ("The ship group crossed the Bussol Strait.", "strait_transit"),
        ("Seven ships traveled from the Tsugaru Strait.", "strait_transit"),
        ("Both avoided the airpaces of other countries.", "no_airspace_violation"),
        ("They avoided the air space of other countries.", "no_airspace_violation"),
        ("It said no foreign airspace had been breached.", "no_airspace_violation"),
        ("A Russian aircraft entered South Korean airspace.", "airspace_violation"),
        ("The bombers entered Japan’s territorial airspace twice.", "airspace_violation"),
    ],
)
def test_the_words_give_the_kind_of_zone_claim(sentence: str, kind: str) -> None:
    assert kinds_of(sentence)[0] == kind


PLACES = [
    PlaceEntry("kadiz", "KADIZ", "air_defense_identification_zone", None, ("KADIZ",), "p.yaml", 1),
    PlaceEntry("soya-strait", "Soya Strait", "strait", None, ("Soya Strait",), "p.yaml", 2),
]
SHIPS = [ShipEntry("kunming", "Kunming", "CHN", "destroyer", None, None, ("Kunming",), "s.yaml", 1)]
KNOWN = [
    {"event_id": "air", "event_type": "joint_air_patrol"},
    {"event_id": "drills", "event_type": "joint_naval_exercise"},
    {"event_id": "naval", "event_type": "joint_naval_patrol"},
]


@dataclass
class Drafter(FakeDrafter):
    """What the ships and zones proposers read of the drafter."""

    registries: SimpleNamespace = field(
        default_factory=lambda: SimpleNamespace(places=PLACES, ships=list(SHIPS), actors=[])
    )
    known_events: list[dict[str, str]] = field(default_factory=lambda: KNOWN)
    linked_events: list[str] = field(default_factory=lambda: ["air", "drills", "naval"])
    # no publication date: no date phrase of a claim's sentence is read
    anchor: dates.Anchor | None = None
    published: dt.date | None = None
    skip: list[tuple[int, int]] = field(default_factory=list)
    known_dates: list[dict[str, object]] = field(default_factory=list)
    new_events: list[object] = field(default_factory=list)
    reported_on: dict[str, list[dt.date]] = field(default_factory=dict)
    new_aliases: list[NewAlias] = field(default_factory=list)
    new_places: list[NewPlace] = field(default_factory=list)

    def actor_mentions(self) -> list[tuple[int, int, str]]:
        return []

    def mentions(self, entries: list, lo: int = 0, hi: int | None = None) -> list:  # type: ignore[type-arg]
        hi = self.end if hi is None else hi
        found = []
        for e in entries:
            for alias in e.aliases:
                at = self.text.find(alias, lo)
                if at != -1 and at + len(alias) <= hi:
                    found.append((at, at + len(alias), e.id))
        return sorted(found)

    def event_kind(self, event_id: str) -> str | None:
        return next((r["event_type"] for r in self.known_events if r["event_id"] == event_id), None)

    def event_near(self, at: int, types: frozenset[str]) -> str | None:
        kind = {r["event_id"]: r["event_type"] for r in self.known_events}
        return next((e for e in self.linked_events if kind[e] in types), None)


def items(d: Drafter) -> list[tuple[dict[str, str], str | None]]:
    return [(fields_of(item), item.unsure) for item in d.draft.items]


def test_an_entry_into_a_registered_zone_belongs_to_the_air_patrol() -> None:
    d = Drafter("Six Chinese and Russian aircraft entered the KADIZ on Tuesday.")
    zones.propose(d)  # type: ignore[arg-type]
    [(fields, unsure)] = items(d)
    assert (fields["event"], fields["kind"], fields["zone"], unsure) == (
        "air",
        "adiz_entry",
        '{quote: "KADIZ"}',
        None,
    )


def test_an_entry_into_a_zone_the_words_do_not_name_is_asserted_with_no_zone() -> None:
    d = Drafter("South Korea says the formation entered its air defence identification zone.")
    zones.propose(d)  # type: ignore[arg-type]
    [(fields, unsure)] = items(d)
    assert (fields["kind"], fields["quote"], fields.get("zone"), unsure) == (
        "adiz_entry",
        '"entered its air defence identification zone"',
        None,
        None,
    )
    # an entry with no zone's words after it, or into any zone, is asserted by no rule
    for text in (
        "The bombers entered the area on Tuesday.",
        "Scrambles follow aircraft entering an air defense identification zone.",
    ):
        d = Drafter(text)
        zones.propose(d)  # type: ignore[arg-type]
        assert all(unsure for _, unsure in items(d))


def test_a_denial_of_an_airspace_of_unregistered_words_is_commented_out() -> None:
    # two airspaces of the words' country: which one they name is the editor's to say
    japanese = [
        PlaceEntry(f"japan-{n}", f"Japanese airspace {n}", "airspace", None, (), "p.yaml", 9)
        for n in ("A", "B")
    ]
    d = Drafter(
        "The planes did not violate Japan’s territorial airspace.",
        registries=SimpleNamespace(places=[*PLACES, *japanese], ships=[], actors=[]),
    )
    zones.propose(d)  # type: ignore[arg-type]
    [(fields, unsure)] = items(d)
    assert fields["kind"] == "no_airspace_violation"
    assert unsure == "the airspace its words name is no registered spelling: add one"
    d = Drafter("There was no airspace violation, the ministry said.")
    zones.propose(d)  # type: ignore[arg-type]
    assert [unsure for _, unsure in items(d)] == [None]


JAPANESE_AIRSPACE = PlaceEntry(
    "japanese-airspace", "Japanese territorial airspace", "airspace", None,
    ("Japanese airspace",), "p.yaml", 5,
)  # fmt: skip
KOREAN_AIRSPACE = PlaceEntry(
    "korean-airspace", "South Korean airspace", "airspace", None, ("South Korean airspace",),
    "p.yaml", 6,
)  # fmt: skip


def test_a_countrys_airspace_spelt_otherwise_names_its_registered_airspace() -> None:
    places = [*PLACES, JAPANESE_AIRSPACE, KOREAN_AIRSPACE]
    d = Drafter(
        "The planes did not violate Japan’s territorial airspace.",
        registries=SimpleNamespace(places=places, ships=[], actors=[]),
    )
    zones.propose(d)  # type: ignore[arg-type]
    [(fields, unsure)] = items(d)
    assert (fields["kind"], fields["zone"], unsure) == (
        "no_airspace_violation",
        '{quote: "Japan’s territorial airspace"}',
        None,
    )
    # the spelling is proposed for the registry, so that the claim builds
    assert d.new_aliases == [NewAlias("japanese-airspace", "Japan’s territorial airspace")]
    # a country with no registered airspace, or with two: no zone, commented out
    assert airspace_of(places, "CHN") is None
    other = PlaceEntry("japan-air-2", "Japan’s airspace", "airspace", None, (), "p.yaml", 7)
    assert airspace_of([*places, other], "JPN") is None
    assert airspace_of(places, "KOR") == KOREAN_AIRSPACE


def test_a_new_spelling_goes_into_its_entrys_aliases_as_the_registry_writes_them() -> None:
    alias = [NewAlias("japanese-airspace", "Japan’s airspace")]
    flow = b'- id: japanese-airspace\n  aliases: ["Japanese airspace"]\n- id: b\n  aliases: []\n'
    assert (
        with_aliases(flow, alias)
        == (
            '- id: japanese-airspace\n  aliases: ["Japanese airspace", "Japan’s airspace"]\n'
            "- id: b\n  aliases: []\n"
        ).encode()
    )
    block = b"- id: japanese-airspace\n  aliases:\n  - Japanese airspace\n- id: b\n"
    assert (
        with_aliases(block, alias)
        == (
            '- id: japanese-airspace\n  aliases:\n  - Japanese airspace\n  - "Japan’s airspace"\n'
            "- id: b\n"
        ).encode()
    )
    assert with_aliases(b"- id: b\n  aliases: []\n", alias) is None  # no such entry


def test_a_strait_passage_belongs_to_the_naval_patrol_and_a_denial_needs_no_zone() -> None:
    # the drills are linked before the patrol: a passage is a stage of a patrol all the same
    d = Drafter("The ships passed through the Soya Strait. There was no airspace violation.")
    zones.propose(d)  # type: ignore[arg-type]
    got = [(f["event"], f["kind"], f.get("zone")) for f, _ in items(d)]
    assert got == [
        ("naval", "strait_transit", '{quote: "Soya Strait"}'),
        ("air", "no_airspace_violation", None),
    ]


def test_an_entry_into_a_countrys_airspace_is_a_violation_not_a_zone_entry() -> None:
    d = Drafter(
        "A Russian aircraft entered South Korean airspace on Tuesday.",
        known_events=[*KNOWN, {"event_id": "violation", "event_type": "airspace_violation"}],
        linked_events=["air", "violation"],
    )
    zones.propose(d)  # type: ignore[arg-type]
    [(fields, unsure)] = items(d)
    # one claim: a violation (of an airspace written out as a new place), no zone entry
    assert (fields["kind"], fields["quote"], unsure) == (
        "airspace_violation",
        '"entered South Korean airspace"',
        None,
    )


STRAITS = [
    *PLACES,
    PlaceEntry("tsugaru-strait", "Tsugaru Strait", "strait", None, ("Tsugaru Strait",), "p", 3),
    PlaceEntry("osumi-strait", "Osumi Strait", "strait", None, ("Osumi Strait",), "p", 4),
]
PUBLISHED = dt.date(2023, 7, 30)


def dated_drafter(text: str, known: list[dict[str, object]]) -> Drafter:
    """A drafter of an article published on 30 July 2023 whose registered events have days."""
    return Drafter(
        text,
        registries=SimpleNamespace(places=STRAITS, ships=[], actors=[]),
        known_events=known,  # type: ignore[arg-type]
        linked_events=["naval"],
        anchor=dates.Anchor(PUBLISHED, 2023, "stated", "stated", "day", "published"),
        published=PUBLISHED,
    )


def test_a_passage_from_one_strait_to_another_is_one_claim_per_strait_of_its_dates_event() -> None:
    text = (
        "The ships passed through the Soya Strait on Friday. It was the first sailing since "
        "September last year, when seven ships traveled from the Tsugaru Strait between "
        "Hokkaido and Honshu to the Osumi Strait."
    )
    naval = {
        "event_id": "naval",
        "event_type": "joint_naval_patrol",
        "start_date": dt.date(2023, 7, 28),
        "end_date": dt.date(2023, 7, 30),
    }
    second = {
        "event_id": "second",
        "event_type": "joint_naval_patrol",
        "start_date": dt.date(2022, 9, 3),
        "end_date": dt.date(2022, 9, 20),
    }
    d = dated_drafter(text, [naval, second])
    zones.propose(d)  # type: ignore[arg-type]
    got = [(f["event"], f["zone"], unsure) for f, unsure in items(d)]
    assert got == [
        ("naval", '{quote: "Soya Strait"}', None),
        ("second", '{quote: "Tsugaru Strait"}', None),
        ("second", '{quote: "Osumi Strait"}', None),
    ]
    assert fields_of(d.draft.items[2])["quote"].endswith('to the Osumi Strait"')
    # no registered event in September 2022: the claims are not the linked patrol's
    d = dated_drafter(text, [naval])
    zones.propose(d)  # type: ignore[arg-type]
    got = [(f["event"], unsure is None) for f, unsure in items(d)]
    assert got == [("naval", True), ("NEW-EVENT-ID", False), ("NEW-EVENT-ID", False)]
    # a comma and another verb end the passage: "heading to" is no passage yet
    d = dated_drafter(
        "The ships passed through the Tsugaru Strait, heading to the Osumi Strait.", [naval]
    )
    zones.propose(d)  # type: ignore[arg-type]
    assert [f["zone"] for f, _ in items(d)] == ['{quote: "Tsugaru Strait"}']


def test_a_named_ship_takes_the_kind_and_country_words_before_it() -> None:
    d = Drafter("The Chinese Navy sent the destroyer Kunming. Five Russian corvettes joined.")
    ships.propose(d)  # type: ignore[arg-type]
    [(named, unsure), (counted, counted_unsure)] = items(d)
    assert (named["country"], named["type"], named["name"], unsure) == (
        '"Chinese"',
        '"destroyer"',
        '"Kunming"',
        None,
    )
    assert (counted["country"], counted["count"], counted_unsure) == ('"Russian"', '"Five"', None)


def test_a_ship_named_with_another_country_is_commented_out() -> None:
    d = Drafter("The Russian Navy met the destroyer Kunming.")
    ships.propose(d)  # type: ignore[arg-type]
    [(_, unsure)] = items(d)
    assert unsure is not None and "kunming" in unsure


def test_a_submarine_patrol_holds_the_submarines_and_no_other_ship() -> None:
    text = "Two Russian submarines and a Chinese destroyer sailed on."
    d = Drafter(
        text,
        known_events=[*KNOWN, {"event_id": "sub", "event_type": "joint_submarine_patrol"}],
        linked_events=["sub", "naval"],
        event_sentences=[(0, len(text), "sub")],
    )
    ships.propose(d)  # type: ignore[arg-type]
    assert [(f["type"], f["event"]) for f, _ in items(d)] == [
        ('"submarines"', "sub"),
        ('"destroyer"', "naval"),
    ]


def test_a_new_spelling_not_written_into_the_registry_comments_out_its_claim() -> None:
    from sino_russian_patrols.draft import _defer_new_aliases

    places = [*PLACES, JAPANESE_AIRSPACE]
    d = Drafter(
        "The planes did not violate Japan’s territorial airspace.",
        registries=SimpleNamespace(places=places, ships=[], actors=[]),
    )
    zones.propose(d)  # type: ignore[arg-type]
    _defer_new_aliases(d, d.new_aliases)  # type: ignore[arg-type]
    [(_, unsure)] = items(d)
    assert unsure is not None and "the new spelling 'Japan’s territorial airspace'" in unsure
    assert d.draft.to_add == [
        "place spelling 'Japan’s territorial airspace' for japanese-airspace: `draft --registry` "
        "adds it to its aliases in registries/places.yaml"
    ]


def test_a_zone_the_registry_does_not_know_is_written_out_as_a_new_place() -> None:
    from sino_russian_patrols.draft import _defer_new_places

    d = Drafter(
        "The ship group crossed the Bussol Strait. A Russian aircraft entered South Korean "
        "airspace.",
        known_events=[*KNOWN, {"event_id": "violation", "event_type": "airspace_violation"}],
        linked_events=["air", "naval", "violation"],
        new_places=[],
    )
    zones.propose(d)  # type: ignore[arg-type]
    got = [(f["event"], f["zone"], unsure) for f, unsure in items(d)]
    assert got == [
        ("naval", '{quote: "Bussol Strait"}', None),
        ("violation", '{quote: "South Korean airspace"}', None),
    ]
    assert [(p.id, p.name, p.type) for p in d.new_places] == [
        ("bussol-strait", "Bussol Strait", "strait"),
        ("south-korean-airspace", "South Korean airspace", "airspace"),
    ]
    assert d.new_places[0].yaml_lines()[1:] == [
        "- id: bussol-strait",
        '  name: "Bussol Strait"',
        "  type: strait",
        '  aliases: ["Bussol Strait"]',
    ]
    # without `--registry`: listed to add, the claims commented out
    _defer_new_places(d, d.new_places)  # type: ignore[arg-type]
    assert all(unsure and "new place" in unsure for _, unsure in items(d))
    assert place_id("Japan’s territorial airspace") == "japan-airspace"
