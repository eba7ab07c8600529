"""The events proposer on small texts it writes: the words that give a sentence's event
types, the date claim's form its verbs give, and the one known event whose dates fit."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from sino_russian_patrols.draft.events import _counted_event, _form, _known_event
from sino_russian_patrols.draft.patterns import EVENT_WORDS, REPORTED_ON


def types_of(sentence: str) -> set[str]:
    return {t for pattern, kinds in EVENT_WORDS for t in kinds if pattern.search(sentence)}


@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        ("Two bombers entered the KADIZ on Tuesday.", "joint_air_patrol", "joint_naval_patrol"),
        ("Ten warships sailed on a joint patrol.", "joint_naval_patrol", "scramble"),
        ("The navies began the Joint Sea-2021 drills.", "joint_naval_exercise", "intercept"),
        ("Japan scrambled fighter jets.", "scramble", "joint_air_patrol"),
    ],
)
def test_the_words_of_a_sentence_give_its_event_types(
    sentence: str, expected: str, absent: str
) -> None:
    found = types_of(sentence)
    assert expected in found and absent not in found


@pytest.mark.parametrize(
    ("sentence", "form"),
    [
        ("The navies will hold drills in August.", "announced"),
        ("The two navies concluded the patrol on Sunday.", "end_only"),
        ("The ships wrapped up their patrol last week.", "end_only"),
        ("The ships departed from Vladivostok on August 7.", "start_only"),
        ("Two bombers flew over the Sea of Japan on Tuesday.", None),
    ],
)
def test_the_verbs_give_the_date_claims_form(sentence: str, form: str | None) -> None:
    assert _form(sentence) == form


def test_a_report_day_is_read_before_the_date_phrase() -> None:
    assert REPORTED_ON.search("Zhang said at a press conference on ")
    assert REPORTED_ON.search("the ministry said ")
    assert not REPORTED_ON.search("the bombers flew ")


def event(event_id: str, kind: str, start: str, end: str) -> dict[str, object]:
    return {
        "event_id": event_id,
        "event_type": kind,
        "start_date": dt.date.fromisoformat(start),
        "end_date": dt.date.fromisoformat(end),
    }


KNOWN = [
    event("2023-06-06-air", "joint_air_patrol", "2023-06-06", "2023-06-07"),
    event("2023-07-naval", "joint_naval_patrol", "2023-07-28", "2023-08-10"),
    event("2023-07-other-naval", "joint_naval_patrol", "2023-07-20", "2023-07-30"),
]


def test_the_one_event_of_a_compatible_type_within_three_days_is_linked() -> None:
    d = SimpleNamespace(known_events=KNOWN)
    day = (dt.date(2023, 6, 9), dt.date(2023, 6, 9))
    assert _known_event(d, frozenset({"joint_air_patrol"}), day)[0] == "2023-06-06-air"  # type: ignore[arg-type]
    far = (dt.date(2023, 6, 20), dt.date(2023, 6, 20))
    assert _known_event(d, frozenset({"joint_air_patrol"}), far)[0] is None  # type: ignore[arg-type]


def test_two_events_that_fit_link_neither_and_say_so() -> None:
    d = SimpleNamespace(known_events=KNOWN)
    window = (dt.date(2023, 7, 29), dt.date(2023, 7, 29))
    event_id, why = _known_event(d, frozenset({"joint_naval_patrol"}), window)  # type: ignore[arg-type]
    assert event_id is None and "2023-07-naval" in why and "2023-07-other-naval" in why


def test_an_ordinal_links_to_the_event_another_file_counts_so() -> None:
    counted = [
        {
            "event_id": "first-naval",
            "ordinal": 1,
            "scope": "overall",
            "series": "joint naval patrol",
        },
        {"event_id": "first-air", "ordinal": 1, "scope": "overall", "series": "joint air patrol"},
    ]
    d = SimpleNamespace(known_ordinals=counted)
    sentence = "It was the first joint naval patrol of the two navies."
    assert _counted_event(d, sentence)[0] == "first-naval"  # type: ignore[arg-type]
    assert _counted_event(d, "The third joint naval patrol began.")[0] is None  # type: ignore[arg-type]


def test_a_running_event_is_read_as_announced() -> None:
    # "are running ... on October 14-17" published on the 14th: the days lie ahead
    assert _form("The drills are running in the Sea of Japan on October 14-17.") == "announced"


def test_a_vague_day_is_proposed_commented_out() -> None:
    from sino_russian_patrols.draft.events import VAGUE_DATE

    assert VAGUE_DATE.search("on the morning of the same day")
    assert VAGUE_DATE.search("In June this year")
    assert not VAGUE_DATE.search("on Tuesday")
