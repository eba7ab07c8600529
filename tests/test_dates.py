"""Date phrases resolved by the documented rules, with precision, basis and a note."""

from __future__ import annotations

import datetime as dt

import pytest

from sino_russian_patrols.dates import Anchor, parse_stated, resolve

D = dt.date
STATED = Anchor(D(2024, 7, 26), 2024, "stated", "stated", "day", "the dateline 2024-07-26")
INFERRED = Anchor(D(2021, 11, 23), 2021, "context", "context", "day", "an inferred date")
YEAR_ONLY = Anchor(None, 2022, "context", "context", "year", "the year 2022 from context")


def test_stated_dates_and_weekday_check() -> None:
    assert parse_stated("Thursday 25 July 2024 - 15:35") == D(2024, 7, 25)
    assert parse_stated(" date 2024-07-26 MOSCOW") == D(2024, 7, 26)
    assert parse_stated("July 25, 2024") == D(2024, 7, 25)
    assert parse_stated("on Wednesday") is None
    with pytest.raises(ValueError, match="is a Thursday, but the text says 'Friday'"):
        parse_stated("Friday 25 July 2024")


def test_weekday_before_a_stated_dateline() -> None:
    r = resolve("Wednesday’s joint patrol", STATED)
    assert (r.start, r.end, r.precision, r.basis) == (
        D(2024, 7, 24),
        D(2024, 7, 24),
        "day",
        "weekday_relative",
    )
    assert "Wednesday" in r.note and "2024-07-26" in r.note
    assert resolve("published on Monday", STATED).start == D(2024, 7, 22)


def test_weekday_equal_to_the_anchor_is_the_anchor_day() -> None:
    r = resolve("approved of a roadmap on Tuesday", INFERRED)
    assert r.start == D(2021, 11, 23)
    assert r.basis == "context"


def test_month_phrases() -> None:
    r = resolve("Earlier this month", STATED)
    assert (r.start, r.end, r.precision, r.basis) == (
        D(2024, 7, 1),
        D(2024, 7, 26),
        "month",
        "relative_phrase",
    )
    r = resolve("last month", INFERRED)
    assert (r.start, r.end, r.precision, r.basis) == (
        D(2021, 10, 1),
        D(2021, 10, 31),
        "month",
        "context",
    )
    r = resolve("In August", INFERRED)
    assert (r.start, r.end) == (D(2021, 8, 1), D(2021, 8, 31))


def test_month_later_than_the_anchor_is_last_year() -> None:
    r = resolve("in December", STATED)
    assert (r.start, r.end) == (D(2023, 12, 1), D(2023, 12, 31))


def test_day_and_month_without_year_take_the_context_year() -> None:
    r = resolve("warplanes on November 30 hovered", YEAR_ONLY)
    assert (r.start, r.end, r.precision, r.basis) == (
        D(2022, 11, 30),
        D(2022, 11, 30),
        "day",
        "context",
    )
    assert "2022" in r.note


def test_relative_phrase_needs_a_day_to_anchor_on() -> None:
    with pytest.raises(ValueError, match="only the year"):
        resolve("on Friday", YEAR_ONLY)
    with pytest.raises(ValueError, match="no publication date"):
        resolve("on Friday", None)
    with pytest.raises(ValueError, match="no date phrase found"):
        resolve("a patrol", STATED)


def test_bounds_only() -> None:
    r = resolve("At a recent summit in Washington", STATED)
    assert (r.start, r.end, r.precision) == (None, D(2024, 7, 26), "unknown")
    r = resolve("over the past month", INFERRED)
    assert (r.start, r.end, r.precision) == (D(2021, 10, 24), D(2021, 11, 23), "unknown")
