"""The sequence and names proposers on small texts they write: the ordinal phrases and the
scope their words give, the event a count belongs to, who claims it, and what is commented
out with its reason; the names and editions of registered exercise series, their event and
occurrence, and a name no series spells listed as a registry entry to add."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from helpers import text_drafter
from sino_russian_patrols import dates
from sino_russian_patrols.draft import names, sequence
from sino_russian_patrols.registries import ActorEntry, PlaceEntry, SeriesEntry

ACTORS = [
    ActorEntry(
        "russian-mod", "Russian Ministry of Defence", "government_body", "RUS", None, None,
        ("Russian Ministry of Defence", "Russian Defence Ministry"), "actors.yaml", 1,
    ),
    ActorEntry("japan", "Japan", "state", "JPN", None, None, ("Japan",), "actors.yaml", 2),
]  # fmt: skip
PLACES = [
    PlaceEntry("asia-pacific", "Asia-Pacific", "region", None, ("Asia-Pacific region",), "p", 1),
    PlaceEntry("pacific", "Pacific Ocean", "ocean", None, ("Pacific Ocean",), "p", 2),
    PlaceEntry("tsugaru", "Tsugaru Strait", "strait", None, ("Tsugaru Strait",), "p", 3),
]
SERIES = [
    SeriesEntry("joint-sea", "Joint Sea", ("Joint Sea", "Maritime Interaction"), "s.yaml", 1),
    SeriesEntry("northern", "Northern/Interaction", ("Beibu/Interaction",), "s.yaml", 2),
]
EVENTS = {
    "air": "joint_air_patrol",
    "air-june": "joint_air_patrol",
    "naval": "joint_naval_patrol",
    "naval-2021": "joint_naval_patrol",
    "sub": "joint_submarine_patrol",
    "violation": "airspace_violation",
    "drills": "joint_naval_exercise",
}
PUBLISHED = dt.date(2023, 12, 15)


def drafter(text: str, linked: dict[str, list[str]] | None = None, **known: Any) -> Any:
    """A drafter of `text` whose actors are all asserted, published on PUBLISHED, that links
    each sentence starting with a key of `linked` to those events."""
    from sino_russian_patrols.draft import actors

    d = text_drafter(text, ACTORS, PLACES)
    d.root = Path("/nonexistent")  # no curated annotations to learn verbs from
    d.registries.events = [SimpleNamespace(id=e, type=t, parent=None) for e, t in EVENTS.items()]
    d.registries.series = SERIES
    d.new_events = []
    d.event_sentences = []
    for opening, events in (linked or {}).items():
        lo = text.index(opening)
        hi = text.find(". ", lo) + 1 or len(text)
        d.event_sentences += [(lo, hi, e) for e in events]
    d.linked_events = list(dict.fromkeys(e for _, _, e in d.event_sentences))
    d.known_ordinals = known.get("ordinals", [])
    d.known_names = known.get("names", [])
    d.known_events = known.get("events", [])
    d.known_dates = []
    d.published = PUBLISHED
    d.anchor = dates.Anchor(PUBLISHED, PUBLISHED.year, "stated", "stated", "day", "published")
    actors.propose(d)
    return d


def proposed(d: Any, section: str) -> list[tuple[list[str], str | None]]:
    return [(item.lines, item.unsure) for item in d.draft.items if item.section == section]


def sequence_of(text: str, linked: dict[str, list[str]] | None = None, **known: Any) -> list:
    d = drafter(text, linked, **known)
    sequence.propose(d)
    return proposed(d, "sequence")


def test_a_count_of_a_patrol_is_asserted_for_the_event_its_sentence_links() -> None:
    text = "Russian and Chinese warships have completed their fifth joint maritime patrol."
    [(lines, unsure)] = sequence_of(text, {"Russian": ["naval"]})
    assert unsure is None
    assert lines == [
        "- id: q01",
        "  event: naval",
        '  quote: "have completed their fifth joint maritime patrol"',
        "  ordinal: fifth",
        '  series: "joint naval patrol"',
        "  scope: overall",
        "  claimed_by: null",
    ]


def test_a_place_right_after_the_count_scopes_it_and_the_reporter_claims_it() -> None:
    text = (
        "Bombers conducted the second joint air patrol in the Asia-Pacific region, "
        "the Russian Ministry of Defence said."
    )
    [(lines, unsure)] = sequence_of(text, {"Bombers": ["air"]})
    assert unsure is None
    assert lines[2:] == [
        '  quote: "conducted the second joint air patrol in the Asia-Pacific region"',
        "  ordinal: second",
        '  series: "joint air patrol"',
        "  scope: area",
        '  place: {quote: "Asia-Pacific region"}',
        "  claimed_by: russian-mod",
        '  attribution: "the Russian Ministry of Defence said"',
    ]


@pytest.mark.parametrize(
    ("words", "series"),
    [
        ("their first joint bomber patrol", "joint bomber patrol"),
        ("an 11th joint strategic patrol", "joint air patrol"),
        ("their first joint flight", "joint flight"),
        ("the first joint submarine patrol", "joint submarine patrol"),
    ],
)
def test_the_series_is_the_kind_of_patrol_in_the_dataset_s_words(words: str, series: str) -> None:
    event = "sub" if "submarine" in words else "air"
    [(lines, unsure)] = sequence_of(f"Both sides conducted {words}.", {"Both": [event]})
    assert unsure is None and f'  series: "{series}"' in lines


def test_a_sub_patrol_without_a_registered_event_is_left_to_the_editor() -> None:
    [(lines, unsure)] = sequence_of("Both sides conducted the first joint submarine patrol.")
    assert "  event: NEW-EVENT-ID" in lines
    assert unsure == "no event of its kind linked: give the event"


def test_a_count_of_naval_patrols_does_not_go_to_the_air_patrol_its_sentence_links() -> None:
    text = "Bombers flew as the navies held their third joint naval patrol."
    [(lines, unsure)] = sequence_of(text, {"Bombers": ["air"]})
    assert "  event: NEW-EVENT-ID" in lines and unsure is not None


def test_for_the_first_time_is_scoped_by_the_place_its_clause_names() -> None:
    text = (
        "During the patrol, the group of warships passed through the Tsugaru Strait for the "
        "first time. According to experts, the joint sea patrol for the first time built trust."
    )
    [(area, a_unsure), (overall, o_unsure)] = sequence_of(text, {"During": ["naval"]})
    assert a_unsure is None
    assert area[2:6] == [
        '  quote: "the group of warships passed through the Tsugaru Strait for the first time"',
        "  ordinal: first",
        '  series: "joint naval patrol"',
        "  scope: area",
    ]
    assert '  place: {quote: "Tsugaru Strait"}' in area
    # its sentence links no event; "the joint sea patrol" is the naval patrol linked before
    assert '  quote: "the joint sea patrol for the first time"' in overall
    assert "  scope: overall" in overall
    assert o_unsure == "its sentence links no event: the article's first of its kind, naval?"


def test_this_year_since_and_straight_days() -> None:
    june = {"event_id": "air-june", "event_type": "joint_air_patrol"}
    june |= {"start_date": dt.date(2023, 6, 6), "end_date": dt.date(2023, 6, 7)}
    text = (
        "Bombers flew over the sea on Thursday. This is the first time since June and the "
        "third time this year. They flew for the second straight day."
    )
    got = sequence_of(text, {"Bombers": ["air"], "They": ["air"]}, events=[june])
    assert [(line, unsure) for lines, unsure in got for line in lines if "scope" in line] == [
        ("  scope: since", None),
        ("  scope: year", None),
        ("  scope: consecutive_days", None),
    ]
    since, year, days = (lines for lines, _ in got)
    assert "  since: air-june" in since and '  quote: "This is the first time since June"' in since
    assert "  year: 2023" in year and '  quote: "the third time this year"' in year
    assert '  quote: "They flew for the second straight day"' in days
    assert all("  event: air" in lines for lines, _ in got)
    # "this year that ...": the count runs to its clause's end
    text = "Bombers flew on Thursday, the third time this year that they flew together."
    [(year, _)] = sequence_of(text, {"Bombers": ["air"]})
    assert '  quote: "the third time this year that they flew together"' in year


def test_since_a_month_no_known_event_is_dated_in_is_commented_out() -> None:
    text = "Bombers flew over the sea. This is the first time since June."
    [(lines, unsure)] = sequence_of(text, {"Bombers": ["air"]})
    assert "  since: EVENT-ID" in lines
    assert unsure == "'since June': no one known event of its kind is dated so"


def test_a_count_of_what_is_no_patrol_is_commented_out_with_the_reason() -> None:
    text = "It was the first time a Russian aircraft had violated the airspace of Japan."
    [(lines, unsure)] = sequence_of(text, {"It was": ["violation"]})
    assert "  event: violation" in lines and "  series: NEW-SERIES" in lines
    assert unsure == "counts no patrol (the event is a airspace violation): write the series"
    text = "The navies held the third round of joint anti-missile exercises."
    [(lines, unsure)] = sequence_of(text, {"The navies": ["drills"]})
    assert '  series: "joint anti-missile exercise"' in lines and "  event: drills" in lines
    assert unsure == "a count of exercises, not of patrols: check the series' words"


def test_the_headline_counts_the_article_s_event_and_is_claimed_by_nobody() -> None:
    text = (
        "China, Russia to hold third joint naval patrol\n"
        "The warships will sail, the Russian Defence Ministry said."
    )
    d = drafter(text, {"The warships": ["naval"]})
    d.headline = (0, text.index("\n"))
    sequence.propose(d)
    [(lines, unsure)] = proposed(d, "sequence")
    assert unsure is None
    assert lines[1:3] == [
        "  event: naval",
        '  quote: "China, Russia to hold third joint naval patrol"',
    ]
    assert lines[-1] == "  claimed_by: null"


def ordinal(event: str, n: int, scope: str) -> dict[str, Any]:
    return {"event_id": event, "ordinal": n, "scope": scope}


def test_a_count_in_quotation_marks_is_quoted_with_both_marks() -> None:
    text = 'The ministry said the patrol was the "11th joint strategic air patrol" of the two.'
    [(lines, _)] = sequence_of(text, {"The ministry": ["air"]})
    assert '  quote: "the \\"11th joint strategic air patrol\\""' in lines


def test_the_other_annotations_give_the_scope_of_the_same_count() -> None:
    text = "The navies concluded their fourth joint naval patrol in the Pacific Ocean."
    [(lines, _)] = sequence_of(text, {"The navies": ["naval"]})
    assert "  scope: area" in lines
    others = [ordinal("naval", 4, "overall")]
    [(lines, unsure)] = sequence_of(text, {"The navies": ["naval"]}, ordinals=others)
    assert "  scope: overall" in lines and not any("place" in line for line in lines)
    assert unsure is None
    # the quote is the verb and the count, without the place that no longer scopes it
    assert '  quote: "concluded their fourth joint naval patrol"' in lines
    others = [ordinal("naval", 4, "area")]
    text = "The navies concluded their fourth joint naval patrol."
    [(lines, unsure)] = sequence_of(text, {"The navies": ["naval"]}, ordinals=others)
    assert unsure == "other annotations scope this count to an area: give the place"


def test_an_earlier_patrol_counted_so_elsewhere_is_the_count_s_event() -> None:
    # the sentence reports this year's patrol, the count is of the first, of 2021
    text = "The patrols began with the first joint naval patrol in the Asia-Pacific region."
    others = [ordinal("naval-2021", 1, "area"), ordinal("naval", 5, "overall")]
    [(lines, unsure)] = sequence_of(text, {"The patrols": ["naval"]}, ordinals=others)
    assert unsure is None and "  event: naval-2021" in lines


def test_of_two_patrols_counted_so_the_one_of_the_year_the_words_name() -> None:
    text = "The first joint patrol of the navies was conducted in 2021."
    window = {"event_type": "joint_naval_patrol", "start_date": None, "end_date": None}
    events = [
        window | {"event_id": "naval-2021", "start_date": dt.date(2021, 10, 17)},
        window | {"event_id": "naval", "start_date": dt.date(2023, 7, 20)},
    ]
    for e in events:
        e["end_date"] = e["start_date"]
    others = [ordinal("naval-2021", 1, "overall"), ordinal("naval", 1, "area")]
    [(lines, unsure)] = sequence_of(text, ordinals=others, events=events)
    assert unsure is None and "  event: naval-2021" in lines


# -- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("the drills Joint Sea-2021 began", [("Joint Sea-2021", "joint-sea", 2021)]),
        ("dubbed Maritime Interaction 2025 on", [("Maritime Interaction 2025", "joint-sea", 2025)]),
        ("the 2025 Maritime Interaction drill", [("2025 Maritime Interaction", "joint-sea", 2025)]),
        ("the Beibu/Interaction - 2024 drills", [("Beibu/Interaction - 2024", "northern", 2024)]),
        ("held in the Pacific Ocean in 2024", []),
        ("Joint Seas 2021", []),
    ],
)  # fmt: skip
def test_a_series_name_is_a_registered_spelling_and_its_edition(
    text: str, found: list[tuple[str, str, int]]
) -> None:
    got = names.series_names(SERIES, text)
    assert [(text[n.start : n.end], n.series.id, n.year) for n in got] == found


def names_of(text: str, linked: dict[str, list[str]] | None = None, **known: Any) -> Any:
    d = drafter(text, linked, **known)
    names.propose(d)
    return d


def test_a_name_goes_to_the_event_other_annotations_name_so_with_its_occurrence() -> None:
    text = (
        "The navies held Maritime Interaction 2025 in August. "
        "Maritime Interaction 2025 ended on Tuesday."
    )
    named = [{"event_id": "drills", "series_id": "joint-sea", "edition": 2025}]
    d = names_of(text, names=named)
    quote = '  quote: "Maritime Interaction 2025"'
    assert proposed(d, "names") == [
        (["- id: n01", "  event: drills", quote, "  occurrence: 1"], None),
        (["- id: n02", "  event: drills", quote, "  occurrence: 2"], None),
    ]


def test_a_name_no_annotation_gives_goes_to_the_exercise_its_sentence_links() -> None:
    text = "The navies began the Joint Sea-2024 drills."
    d = names_of(text, {"The navies": ["naval", "drills"]})
    assert proposed(d, "names") == [
        (["- id: n01", "  event: drills", '  quote: "Joint Sea-2024"'], None)
    ]


def test_a_name_of_no_known_event_is_commented_out() -> None:
    d = names_of("The navies began the Joint Sea-2024 drills.")
    [(lines, unsure)] = proposed(d, "names")
    assert lines[1] == "  event: NEW-EVENT-ID"
    assert unsure == "names 'Joint Sea-2024', which no known event is named: a new event"


def test_a_name_no_series_spells_is_a_registry_entry_to_add_and_the_headline_is_skipped() -> None:
    text = "Vostok 2022 begins\nThe Vostok 2022 strategic exercises began on Thursday."
    d = drafter(text, {"The Vostok": ["drills"]})
    d.headline = (0, text.index("\n"))
    names.propose(d)
    assert proposed(d, "names") == []
    assert d.draft.to_add == [
        "exercise series 'Vostok' (registries/exercise_series.yaml), or the spelling as an "
        "alias of its series: the article names 'Vostok 2022'"
    ]


def test_a_name_after_the_drill_noun_or_a_naming_word_is_also_one_to_add() -> None:
    text = (
        'The naval maneuvers codenamed "North. Interaction 2023" ended. '
        "The drills, dubbed Exercise WILL FOR PEACE 2026, began."
    )
    d = names_of(text)
    assert [entry.split(" (")[0] for entry in d.draft.to_add] == [
        "exercise series 'North. Interaction'",
        "exercise series 'WILL FOR PEACE'",
    ]


def drills_of(year: int) -> list[dict[str, Any]]:
    day = dt.date(year, 7, 20)
    return [{"event_id": "drills", "event_type": "joint_naval_exercise", "start_date": day,
             "end_date": day}]  # fmt: skip


def test_a_spelling_that_abbreviates_a_series_is_its_new_alias() -> None:
    text = 'The naval maneuvers codenamed "North. Interaction 2023" ended.'
    d = drafter(text, {"The naval": ["drills"]}, events=drills_of(2023))
    names.propose(d)
    assert [(a.place_id, a.alias, a.registry) for a in d.new_aliases] == [
        ("northern", "North. Interaction", "exercise_series")
    ]
    assert proposed(d, "names") == [
        (["- id: n01", "  event: drills", '  quote: "North. Interaction 2023"'], None)
    ]
    assert d.draft.to_add == []


def test_a_spelling_of_the_series_another_file_names_the_event_by_is_its_new_alias() -> None:
    named = [{"event_id": "drills", "series_id": "joint-sea", "edition": 2025}]
    text = "The drills, codenamed Maritime Cooperation-2025, began."
    d = drafter(text, {"The drills": ["drills"]}, events=drills_of(2025), names=named)
    names.propose(d)
    assert [(a.place_id, a.alias) for a in d.new_aliases] == [("joint-sea", "Maritime Cooperation")]
    # a name that shares no word with the series is another exercise's: one to add
    for text in (
        "The drills, codenamed Ocean-2025, began.",
        "The drills, codenamed Maritime Cooperation-2024, began.",
    ):
        d = drafter(text, {"The drills": ["drills"]}, events=drills_of(2025), names=named)
        d.new_aliases = []
        names.propose(d)
        assert d.new_aliases == [] and proposed(d, "names") == []
