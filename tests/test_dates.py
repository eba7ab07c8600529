"""Date phrases resolved by the documented rules, with precision, basis and a note."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sino_russian_patrols.dates import (
    Anchor,
    ResolvedDate,
    date_from_url,
    end_bound,
    parse_dateline,
    parse_stated,
    resolve,
)

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


# --- the rules added with abbreviated months, ranges, years, weeks and fixed day offsets ---

MONDAY = Anchor(D(2024, 7, 22), 2024, "stated", "stated", "day", "the dateline 2024-07-22")


def expect(
    quote: str,
    anchor: Anchor | None,
    start: dt.date | None,
    end: dt.date | None,
    precision: str,
    basis: str,
    *words: str,
) -> ResolvedDate:
    """Resolve `quote` and check every field; the note must name the words given."""
    r = resolve(quote, anchor)
    assert (r.start, r.end, r.precision, r.basis) == (start, end, precision, basis), r.note
    for word in words:
        assert word in r.note, (word, r.note)
    return r


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("23 Jul 2019", D(2019, 7, 23)),
        ("Published: 23 Jul 2019 01:20 PM BdST", D(2019, 7, 23)),
        ("Dec. 22, 2020", D(2020, 12, 22)),
        ("Sept. 3, 2021", D(2021, 9, 3)),
        ("Sep 3 2021", D(2021, 9, 3)),
        ("updated 2020.12.23", D(2020, 12, 23)),
        ("2020/12/23", D(2020, 12, 23)),
        ("2024-07-26T15:35:00Z", D(2024, 7, 26)),
    ],
)
def test_stated_abbreviated_and_dotted_dates(text: str, date: dt.date) -> None:
    assert parse_stated(text) == date


def test_stated_dates_still_check_the_weekday_and_ignore_lowercase_may() -> None:
    with pytest.raises(ValueError, match="is a Tuesday, but the text says 'Monday'"):
        parse_stated("Monday, Dec. 22, 2020")
    with pytest.raises(ValueError, match="not a valid date"):
        parse_stated("2020.02.30")
    # "may" and "march" are words: a month needs its capital initial.
    assert parse_stated("they may 12 2020 march") is None


@pytest.mark.parametrize("quote", ["Dec. 9", "Dec 9", "on December 9th"])
def test_abbreviated_month_day_behaves_like_month_day(quote: str) -> None:
    # December 9 would lie after the anchor 2024-07-26, so it is the year before.
    expect(quote, STATED, D(2023, 12, 9), D(2023, 12, 9), "day", "relative_phrase", "2024-07-26")
    expect("Sept. 30", YEAR_ONLY, D(2022, 9, 30), D(2022, 9, 30), "day", "context", "2022")


@pytest.mark.parametrize("dash", ["-", "–", "\u2011", "—"])
def test_day_range_in_one_month_any_dash(dash: str) -> None:
    expect(
        f"from October 17{dash}23",
        STATED,
        D(2023, 10, 17),
        D(2023, 10, 23),
        "day",
        "relative_phrase",
        f"October 17{dash}23",
        "the days",
        "year before if later than the anchor",
        "the dateline 2024-07-26",
    )


def test_day_ranges() -> None:
    expect("on June 6 and 7", STATED, D(2024, 6, 6), D(2024, 6, 7), "day", "relative_phrase")
    expect("Dec. 9-10", INFERRED, D(2020, 12, 9), D(2020, 12, 10), "day", "context")
    r = expect("October 17-23, 2024", None, D(2024, 10, 17), D(2024, 10, 23), "day", "stated")
    assert r.note.startswith("Stated in the text")
    # a stated day-first range is not mistaken for its last day
    expect("6 and 7 June 2024", None, D(2024, 6, 6), D(2024, 6, 7), "day", "stated")
    expect("June 30-July 2", STATED, D(2024, 6, 30), D(2024, 7, 2), "day", "relative_phrase")
    expect("July 3-5 last year", STATED, D(2023, 7, 3), D(2023, 7, 5), "day", "relative_phrase")
    with pytest.raises(ValueError, match="not a range of days running forwards"):
        resolve("October 23-17", STATED)


def test_month_and_year_is_stated_with_month_precision() -> None:
    for quote in ("December 2020", "in Dec. 2020"):
        r = expect(quote, None, D(2020, 12, 1), D(2020, 12, 31), "month", "stated", "whole month")
        assert "Dec" in r.note


def test_since_month_year_runs_to_the_anchor() -> None:
    expect(
        "patrols since December 2020",
        STATED,
        D(2020, 12, 1),
        D(2024, 7, 26),
        "unknown",
        "relative_phrase",
        "'since December 2020'",
        "to the anchor's date",
        "the dateline 2024-07-26",
    )
    expect("since December 2020", INFERRED, D(2020, 12, 1), D(2021, 11, 23), "unknown", "context")
    # a full date after "since" is the start, not the event's single day
    expect(
        "since July 3, 2024", STATED, D(2024, 7, 3), D(2024, 7, 26), "unknown", "relative_phrase"
    )
    with pytest.raises(ValueError, match="only the year"):
        resolve("since December 2020", YEAR_ONLY)


def test_month_last_year_and_years() -> None:
    expect(
        "in July last year",
        STATED,
        D(2023, 7, 1),
        D(2023, 7, 31),
        "month",
        "relative_phrase",
        "year before the anchor's",
        "the dateline 2024-07-26",
    )
    expect("December last year", YEAR_ONLY, D(2021, 12, 1), D(2021, 12, 31), "month", "context")
    expect("on July 3 last year", STATED, D(2023, 7, 3), D(2023, 7, 3), "day", "relative_phrase")
    expect(
        "last year",
        STATED,
        D(2023, 1, 1),
        D(2023, 12, 31),
        "year",
        "relative_phrase",
        "calendar year before",
    )
    for quote in ("this year", "Earlier this year"):
        expect(quote, STATED, D(2024, 1, 1), D(2024, 7, 26), "year", "relative_phrase", "1 January")
    # with only a year known, "this year" is that whole year
    expect("this year", YEAR_ONLY, D(2022, 1, 1), D(2022, 12, 31), "year", "context", "2022")


def test_ordinal_day_without_month() -> None:
    expect(
        "on the 3rd",
        STATED,
        D(2024, 7, 3),
        D(2024, 7, 3),
        "day",
        "relative_phrase",
        "anchor's month",
        "the dateline 2024-07-26",
    )
    # the 27th would lie after 2024-07-26: the month before
    expect("on the 27th", STATED, D(2024, 6, 27), D(2024, 6, 27), "day", "relative_phrase")
    with pytest.raises(ValueError, match="not a valid date"):
        resolve("on the 31st", Anchor(D(2024, 3, 5), 2024, "stated", "stated", "day", "x"))
    # "the 27th of June" names its month: it is not read as a day of the anchor's month
    with pytest.raises(ValueError, match="no date phrase found"):
        resolve("on the 27th of June", STATED)


def test_this_month_runs_to_the_anchor_not_the_month_end() -> None:
    # Changed rule: "this month" used to run to the month's end (2024-07-31). An event
    # reported in the past tense cannot lie after its report, so it now ends on the anchor,
    # exactly like "earlier this month".
    for quote in ("This month, during the exercise", "earlier this month"):
        expect(
            quote,
            STATED,
            D(2024, 7, 1),
            D(2024, 7, 26),
            "month",
            "relative_phrase",
            "up to the anchor's day",
            "the dateline 2024-07-26",
        )
    expect(
        "later this month",
        STATED,
        D(2024, 7, 26),
        D(2024, 7, 31),
        "month",
        "relative_phrase",
        "month's end",
    )


def test_weeks() -> None:
    # 2024-07-26 is a Friday: its week began on Monday 2024-07-22.
    expect(
        "earlier this week",
        STATED,
        D(2024, 7, 22),
        D(2024, 7, 25),
        "unknown",
        "relative_phrase",
        "before the anchor's day",
        "the dateline 2024-07-26",
    )
    expect("last week", STATED, D(2024, 7, 15), D(2024, 7, 21), "unknown", "relative_phrase")
    expect("last week", MONDAY, D(2024, 7, 15), D(2024, 7, 21), "unknown", "relative_phrase")
    # a weekday in the same quote picks its day of that week
    expect(
        "on Wednesday last week", STATED, D(2024, 7, 17), D(2024, 7, 17), "day", "weekday_relative"
    )
    expect(
        "on Tuesday earlier this week",
        STATED,
        D(2024, 7, 23),
        D(2024, 7, 23),
        "day",
        "weekday_relative",
    )
    with pytest.raises(ValueError, match="'Saturday' is not the anchor's week"):
        resolve("on Saturday earlier this week", STATED)


def test_earlier_this_week_on_a_monday_cannot_be_resolved() -> None:
    with pytest.raises(ValueError, match="is a Monday, so its week has no earlier day"):
        resolve("earlier this week", MONDAY)


@pytest.mark.parametrize(
    ("quote", "days", "words"),
    [
        ("a week earlier", 7, "exactly seven days"),
        ("a week ago", 7, "exactly seven days"),
        ("a week before the exercise", 7, "exactly seven days"),
        ("yesterday", 1, "the day before the anchor"),
        ("a day earlier", 1, "the day before the anchor"),
        ("the previous day", 1, "the day before the anchor"),
        ("the day before", 1, "the day before the anchor"),
        ("the day before yesterday", 2, "two days before"),
        ("today", 0, "the anchor's day"),
    ],
)
def test_fixed_day_offsets(quote: str, days: int, words: str) -> None:
    date = D(2024, 7, 26) - dt.timedelta(days=days)
    expect(quote, STATED, date, date, "day", "relative_phrase", words, "the dateline 2024-07-26")
    date = D(2021, 11, 23) - dt.timedelta(days=days)
    expect(quote, INFERRED, date, date, "day", "context", "an inferred date")


@pytest.mark.parametrize(
    ("quote", "start", "end"),
    [
        ("for the second straight day on Wednesday", D(2024, 7, 23), D(2024, 7, 24)),
        ("for a second consecutive day on Wednesday", D(2024, 7, 23), D(2024, 7, 24)),
        ("for the third straight day ... Friday", D(2024, 7, 24), D(2024, 7, 26)),
        ("On Thursday, for the 4th straight day", D(2024, 7, 22), D(2024, 7, 25)),
    ],
)
def test_nth_straight_day(quote: str, start: dt.date, end: dt.date) -> None:
    expect(quote, STATED, start, end, "day", "weekday_relative", "consecutive days", "2024-07-26")
    r = resolve(quote, INFERRED)
    assert r.basis == "context" and (r.end - r.start) == (end - start)


def test_nth_straight_day_needs_a_weekday() -> None:
    with pytest.raises(ValueError, match="needs a weekday"):
        resolve("for the second straight day", STATED)


def test_unknown_phrase_lists_every_rule_in_order() -> None:
    with pytest.raises(ValueError, match="no date phrase found in 'a patrol'") as info:
        resolve("a patrol", STATED)
    listed = str(info.value).split("in this order: ")[1].removesuffix(" (see build/README.md)")
    assert listed.split("; ") == [
        "since <Month> [<day>,] <year>",
        "<Month> <day>-<day>, <Month> <day> and <day>, <Month> <day>-<Month> <day> [<year>]",
        "<day>-<day> <Month> [<year>]",
        "a full date (25 July 2024, Dec. 22, 2020, 2024-07-26, 2020.12.23)",
        "[in] <Month> <year>",
        "for the <Nth> straight/consecutive day ... <Weekday>",
        "<Month> <day>, <day> <Month> [last year / this year] (no year)",
        "[in] <Month> last year",
        "on the <Nth> (no month)",
        "later this month",
        "this month, earlier this month",
        "last month",
        "over the past month, in the past month",
        "this year, earlier this year, earlier in the year",
        "last year",
        "earlier this week [<Weekday>]",
        "last week [<Weekday>]",
        "the day before yesterday",
        "a week earlier, a week ago, a week before",
        "yesterday, a day earlier, the previous day, the day before",
        "today",
        "<Weekday>",
        "in <Month>, in early/mid/late <Month> (no year)",
        "that day, the same day",
        "recent, recently, before",
    ]


@pytest.mark.parametrize(
    "quote",
    [
        "on the 3rd",
        "earlier this week",
        "last week",
        "a week ago",
        "yesterday",
        "today",
        "later this month",
        "for the second straight day on Wednesday",
        "since May 2020",
    ],
)
def test_relative_phrases_need_a_day_anchor(quote: str) -> None:
    with pytest.raises(ValueError, match="only the year"):
        resolve(quote, YEAR_ONLY)
    with pytest.raises(ValueError, match="no publication date"):
        resolve(quote, None)


def test_end_bound_keeps_only_the_end() -> None:
    r = end_bound(resolve("concluded earlier this month", STATED), "The drills ran for days.")
    assert (r.start, r.end, r.precision, r.basis) == (
        None,
        D(2024, 7, 26),
        "unknown",
        "relative_phrase",
    )
    assert r.note.startswith("'earlier this month': the anchor's month")
    assert "dates only the end" in r.note and "no earlier bound" in r.note
    assert r.note.endswith("The drills ran for days.")
    r = end_bound(resolve("the ministry said on Saturday", INFERRED), "")
    assert (r.start, r.end, r.basis) == (None, D(2021, 11, 20), "context")
    assert r.note.endswith("no earlier bound.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tokyo, Dec. 10 (Jiji Press)", (12, 10, None)),
        ("Tokyo, June 8 (Jiji Press)--Japan's", (6, 8, None)),
        ("SEOUL, July 23 (Reuters)", (7, 23, None)),
        ("MOSCOW, Dec 22, 2020 (AP)", (12, 22, 2020)),
        ("Headline\nBEIJING, July 25 /Xinhua/ -- China", (7, 25, None)),
        ("WASHINGTON, D.C., Sept. 3 (AP) -", (9, 3, None)),
        ("Two bombers flew on July 23 (local time)", None),
        ("In Tokyo, July 23 marks the day", None),
        ("no dateline", None),
    ],
)
def test_parse_dateline(text: str, expected: tuple[int, int, int | None] | None) -> None:
    assert parse_dateline(text) == expected


def test_parse_dateline_rejects_an_impossible_day() -> None:
    with pytest.raises(ValueError, match="not a valid date"):
        parse_dateline("SEOUL, Feb. 30 (Yonhap)")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/2019/07/23/bombers/", D(2019, 7, 23)),
        ("https://www.japantimes.co.jp/news/2022/05/24/national/joint-flight/", D(2022, 5, 24)),
        ("https://the-japan-news.com/news/article/20231215-155839/", D(2023, 12, 15)),
        ("https://sp.m.jiji.com/english/show/yjj2023060800036/", D(2023, 6, 8)),
        ("https://www.jiji.com/jc/article?k=2023060800036&g=pol", D(2023, 6, 8)),
        ("https://www.newsmax.com/world/2024/11/30/id/1189862/", D(2024, 11, 30)),
        ("https://example.com/2020/12/bombers", None),  # year and month only
        ("https://example.com/2020/12/23/x-20201224", None),  # two dates disagree
        ("https://example.com/1889/07/23/x", None),  # out of range
        ("https://example.com/2019/02/30/x", None),  # no such day
        ("https://example.com/article/1189862", None),
    ],
)
def test_date_from_url(url: str, expected: dt.date | None) -> None:
    assert date_from_url(url) == expected


# --- properties ---

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
ORDINALS += ("tenth",)
DAYS = st.dates(min_value=D(1991, 1, 1), max_value=D(2099, 12, 31))


def anchor_on(day: dt.date) -> Anchor:
    return Anchor(day, day.year, "stated", "stated", "day", f"the date {day.isoformat()}")


@given(day=DAYS, weekday=st.sampled_from(list(calendar.day_name)))
def test_weekday_is_the_latest_on_or_before_the_anchor(day: dt.date, weekday: str) -> None:
    r = resolve(f"on {weekday}", anchor_on(day))
    assert r.start == r.end
    assert day - dt.timedelta(days=7) < r.start <= day
    assert calendar.day_name[r.start.weekday()] == weekday


@given(day=DAYS)
def test_this_month_ends_on_the_anchor(day: dt.date) -> None:
    r = resolve("this month", anchor_on(day))
    assert (r.start, r.end) == (day.replace(day=1), day)


@given(day=DAYS, n=st.integers(1, 10), weekday=st.sampled_from(list(calendar.day_name)))
def test_nth_straight_day_spans_n_days_ending_by_the_anchor(
    day: dt.date, n: int, weekday: str
) -> None:
    r = resolve(f"for the {ORDINALS[n - 1]} straight day on {weekday}", anchor_on(day))
    assert r.end <= day and (r.end - r.start).days == n - 1


@given(day=DAYS)
def test_weeks_lie_before_the_anchor(day: dt.date) -> None:
    r = resolve("last week", anchor_on(day))
    assert r.start.weekday() == 0 and (r.end - r.start).days == 6 and r.end < day
    if day.weekday() == 0:
        return
    r = resolve("earlier this week", anchor_on(day))
    assert r.start.weekday() == 0 and r.start <= r.end < day


@given(
    day=DAYS, style=st.sampled_from(["/{:%Y/%m/%d}/", "/{:%Y%m%d}-123456/", "/yjj{:%Y%m%d}00036/"])
)
def test_date_from_url_reads_back_the_date(day: dt.date, style: str) -> None:
    assert date_from_url("https://example.com/news" + style.format(day) + "slug") == day


@given(day=DAYS, with_year=st.booleans())
def test_parse_dateline_reads_back_month_and_day(day: dt.date, with_year: bool) -> None:
    year = f", {day.year}" if with_year else ""
    text = f"MOSCOW, {day:%b}. {day.day}{year} (TASS) -"
    assert parse_dateline(text) == (day.month, day.day, day.year if with_year else None)


def test_a_range_through_a_day_and_a_month_with_its_part() -> None:
    day = Anchor(dt.date(2023, 7, 23), 2023, "stated", "stated", "day", "the dateline")
    held = resolve("which were held from July 20 through 23", day)
    assert (held.start, held.end, held.precision) == (
        dt.date(2023, 7, 20),
        dt.date(2023, 7, 23),
        "day",
    )
    early = resolve("In early July, the drills began", day)
    assert (early.start, early.end, early.precision) == (
        dt.date(2023, 7, 1),
        dt.date(2023, 7, 23),
        "month",
    )


def test_an_announced_event_lies_ahead_of_its_announcement() -> None:
    """`ahead`: a day or month without a year is the next one, never the latest before."""
    day = Anchor(dt.date(2025, 7, 30), 2025, "stated", "stated", "day", "the dateline")
    drills = resolve("will host the drills on August 1-5", day, ahead=True)
    assert (drills.start, drills.end) == (dt.date(2025, 8, 1), dt.date(2025, 8, 5))
    month = resolve("will hold a joint exercise in August", day, ahead=True)
    assert (month.start, month.end, month.precision) == (
        dt.date(2025, 8, 1),
        dt.date(2025, 8, 31),
        "month",
    )
    later = resolve("to run on July 29", day, ahead=True)  # earlier in the year: the next year's
    assert later.start == dt.date(2026, 7, 29)
    this_month = resolve("later in July", day, ahead=True)
    assert (this_month.start, this_month.end) == (dt.date(2025, 7, 30), dt.date(2025, 7, 31))
    # the same words in a report look back
    assert resolve("held the drills on August 1-5", day).start == dt.date(2024, 8, 1)
