"""The year of a source that gives no date, read from the one registered event its words fit
(draft/context_year.py), on small texts and registries the tests write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from helpers import FakeDrafter, find_all
from sino_russian_patrols import dates
from sino_russian_patrols.draft import context_year
from sino_russian_patrols.draft.proposals import Drafter

PLACES = [
    SimpleNamespace(id="bering-sea", type="sea", aliases=["Bering Sea"]),
    SimpleNamespace(id="sea-of-japan", type="sea", aliases=["Sea of Japan"]),
    SimpleNamespace(id="china", type="country", aliases=["China"]),
]


def patrol(event_id: str, start: str, end: str, kind: str = "joint_air_patrol") -> dict[str, Any]:
    return {
        "event_id": event_id,
        "event_type": kind,
        "start_date": dt.date.fromisoformat(start),
        "end_date": dt.date.fromisoformat(end),
    }


@dataclass
class Dateless(FakeDrafter):
    """A drafter of a source with no publication date, and the events other files report."""

    known_events: list[dict[str, Any]] = field(default_factory=list)
    known_places: dict[str, set[str]] = field(default_factory=dict)
    known_dates: list[dict[str, Any]] = field(default_factory=list)
    known_ordinals: list[dict[str, Any]] = field(default_factory=list)
    yearless_dateline: tuple[str, int, int] | None = None
    published: dt.date | None = None
    dateline: str | None = None
    new_events: list[Any] = field(default_factory=list)
    skip: list[tuple[int, int]] = field(default_factory=list)
    anchor: dates.Anchor | None = None
    identified: list[Any] = field(default_factory=list)
    context_days: tuple[dt.date, dt.date] | None = None
    registries: Any = field(default_factory=lambda: SimpleNamespace(places=PLACES))

    body_sentences = Drafter.body_sentences

    def mentions(self, entries: Any, lo: int = 0, hi: int | None = None) -> list[Any]:
        return find_all(self.text, entries, lo, hi)

    def event_kind(self, event_id: str) -> str | None:
        return next((e["event_type"] for e in self.known_events if e["event_id"] == event_id), None)


TWO_PATROLS = [
    patrol("2024-07-24-air", "2024-07-24", "2024-07-24"),
    patrol("2023-12-14-air", "2023-12-14", "2023-12-14"),
]


def test_places_only_one_registered_patrol_went_through_give_its_year() -> None:
    d = Dateless(
        "Russian and Chinese bombers flew a joint patrol over the Bering Sea.",
        known_events=TWO_PATROLS,
        known_places={"2024-07-24-air": {"bering-sea"}, "2023-12-14-air": {"sea-of-japan"}},
    )
    lines = context_year.propose(d)  # type: ignore[arg-type]
    assert lines and lines[0].startswith("context_year: {year: 2024, note: ")
    assert "only 2024-07-24-air fits" in lines[0]
    assert d.anchor is not None and (d.anchor.year, d.anchor.date) == (2024, None)
    assert [(f.event_id, f.start) for f in d.identified] == [("2024-07-24-air", 0)]
    # the undated sentences are compared with the fortnight either side of that patrol
    assert d.context_days == (dt.date(2024, 7, 10), dt.date(2024, 8, 7))


def test_places_several_patrols_went_through_identify_none() -> None:
    d = Dateless(
        "The bombers flew a joint patrol over the Sea of Japan.",
        known_events=TWO_PATROLS,
        known_places={"2024-07-24-air": {"sea-of-japan"}, "2023-12-14-air": {"sea-of-japan"}},
    )
    assert context_year.propose(d) == []  # type: ignore[arg-type]
    assert d.anchor is None and d.context_days is None


def test_a_country_named_is_not_where_the_patrol_went() -> None:
    d = Dateless(
        "The bombers of China flew a joint patrol.",
        known_events=TWO_PATROLS,
        known_places={"2024-07-24-air": {"china"}, "2023-12-14-air": set()},
    )
    assert context_year.propose(d) == []  # type: ignore[arg-type]


def test_a_month_only_one_patrol_lies_in_gives_its_year() -> None:
    events = [patrol("2022-05-24-air", "2022-05-24", "2022-05-24"), *TWO_PATROLS]
    d = Dateless("The last time they conducted a joint air patrol was in May.", known_events=events)
    assert context_year.propose(d)[0].startswith("context_year: {year: 2022,")  # type: ignore[arg-type]
    # two patrols in May: the month tells neither apart
    events.append(patrol("2019-05-02-air", "2019-05-02", "2019-05-02"))
    d = Dateless("The last time they conducted a joint air patrol was in May.", known_events=events)
    assert context_year.propose(d) == []  # type: ignore[arg-type]


def test_a_weekday_tells_apart_patrols_over_the_same_sea() -> None:
    events = [
        patrol("2021-11-19-air", "2021-11-19", "2021-11-19"),  # a Friday
        patrol("2024-11-30-air", "2024-11-30", "2024-11-30"),  # a Saturday
    ]
    places = {e["event_id"]: {"sea-of-japan"} for e in events}
    d = Dateless(
        "On Friday, two bombers flew a joint patrol over the Sea of Japan.",
        known_events=events,
        known_places=places,
    )
    lines = context_year.propose(d)  # type: ignore[arg-type]
    assert lines[0].startswith("context_year: {year: 2021,")
    assert "dated 'On Friday'" in lines[0] or "dated 'Friday'" in lines[0]


def test_a_weekday_says_nothing_of_a_patrol_longer_than_a_week() -> None:
    events = [patrol("2025-12-air", "2025-12-01", "2025-12-09")]
    d = Dateless(
        "On Friday, two bombers flew a joint patrol over the Sea of Japan.",
        known_events=events,
        known_places={"2025-12-air": {"sea-of-japan"}},
    )
    # neither the weekday nor a sea many patrols cross tells it apart: a lone candidate
    # is not enough
    events.append(patrol("2024-11-30-air", "2024-11-30", "2024-11-30"))
    d.known_places["2024-11-30-air"] = {"sea-of-japan"}
    assert context_year.propose(d) == []  # type: ignore[arg-type]


def test_sentences_that_fit_events_of_two_years_give_no_year() -> None:
    events = [patrol("2022-05-24-air", "2022-05-24", "2022-05-24"), *TWO_PATROLS]
    d = Dateless(
        "The joint air patrol was in May. The bombers flew a joint patrol over the Bering Sea.",
        known_events=events,
        known_places={"2024-07-24-air": {"bering-sea"}},
    )
    lines = context_year.propose(d)  # type: ignore[arg-type]
    assert len(lines) == 1 and lines[0].startswith("# context_year: the sentences fit events")
    assert d.anchor is None


def test_the_latest_day_the_text_reports_places_its_undated_sentences() -> None:
    events = [patrol("2022-05-24-air", "2022-05-24", "2022-05-24"), *TWO_PATROLS]
    d = Dateless(
        "The warplanes flew on November 30. The last joint air patrol was in May.",
        known_events=events,
    )
    context_year.propose(d)  # type: ignore[arg-type]
    assert d.anchor is not None and d.anchor.year == 2022
    assert d.context_days == (dt.date(2022, 11, 16), dt.date(2022, 12, 14))


def test_a_dated_source_is_left_alone() -> None:
    anchor = dates.Anchor(dt.date(2024, 7, 26), 2024, "stated", "stated", "day", "stated")
    d = Dateless(
        "The bombers flew a joint patrol over the Bering Sea.",
        known_events=TWO_PATROLS,
        known_places={"2024-07-24-air": {"bering-sea"}},
        anchor=anchor,
    )
    assert context_year.propose(d) == []  # type: ignore[arg-type]
    assert d.anchor is anchor and d.identified == []


def test_a_count_another_file_gives_tells_the_patrol_apart() -> None:
    events = [
        patrol("2022-09-naval", "2022-09-03", "2022-09-30", "joint_naval_patrol"),
        patrol("2023-07-naval", "2023-07-20", "2023-07-28", "joint_naval_patrol"),
    ]
    d = Dateless(
        "The navies have completed their second joint naval patrol of the Pacific.",
        known_events=events,
        known_ordinals=[
            {"event_id": "2022-09-naval", "ordinal": 2, "scope": "overall"},
            {"event_id": "2023-07-naval", "ordinal": 3, "scope": "overall"},
        ],
    )
    lines = context_year.propose(d)  # type: ignore[arg-type]
    assert lines[0].startswith("context_year: {year: 2022,")
    assert "counted 'second joint naval patrol'" in lines[0]


def test_a_dateline_without_a_year_takes_the_year_of_the_reported_patrol() -> None:
    text = "MOSCOW, October 4. The navies completed their second joint naval patrol."
    d = Dateless(
        text,
        known_events=[patrol("2022-09-naval", "2022-09-03", "2022-09-30", "joint_naval_patrol")],
        known_ordinals=[{"event_id": "2022-09-naval", "ordinal": 2, "scope": "overall"}],
        yearless_dateline=("MOSCOW, October 4", 10, 4),
    )
    lines = context_year.propose(d)  # type: ignore[arg-type]
    assert lines[:3] == ["published_date:", "  value: 2022-10-04", "  basis: inferred"]
    assert d.published == dt.date(2022, 10, 4) and d.dateline == "MOSCOW, October 4"
    assert (0, len("MOSCOW, October 4")) in d.skip
    # a dateline months after the patrol is no report of it: the year alone is proposed
    d = Dateless(
        text,
        known_events=[patrol("2022-09-naval", "2022-03-03", "2022-03-30", "joint_naval_patrol")],
        known_ordinals=[{"event_id": "2022-09-naval", "ordinal": 2, "scope": "overall"}],
        yearless_dateline=("MOSCOW, October 4", 10, 4),
    )
    assert context_year.propose(d)[0].startswith("context_year: {year: 2022,")  # type: ignore[arg-type]
