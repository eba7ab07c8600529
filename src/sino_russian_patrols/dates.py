"""Resolve the date phrases of the texts into date bounds, precision, basis and a note.

The rules are the table in `build/README.md`. `resolve` tries them in the order they are
registered below with `@_rule`, the most specific phrase first, so that a phrase containing a
shorter one ("July last year" holds "last year", "the day before" holds "before", "for the
second straight day on Wednesday" holds "Wednesday") is read whole. The order: since <Month>
<year>; day ranges (month first, then day first); a full date; <Month> <year>; for the <Nth>
straight day ... <Weekday>; <Month> <day>; <Month> last year; on the <Nth>; later this month;
(earlier) this month; last month; the past month; (earlier) this year; last year; earlier this
week; last week; the day before yesterday; a week earlier/ago/before; yesterday, a day earlier,
the previous day, the day before; today; a weekday; in <Month>; that day; recent(ly), before.

A date is `stated` only when the text gives day, month and year (or month and year, with
precision `month`); when the anchor of a relative phrase is itself not stated (an inferred
publication date, a year from context), the result has basis `context`. Precision `day`
means both bounds are known to the day (a multi-day event may have start < end); `month`
and `year` mean both bounds lie in one calendar month or year; `unknown` anything else.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

_MONTHS = {m.casefold(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.casefold(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.casefold(): i for i, d in enumerate(calendar.day_name)}
# A month name or abbreviation, optionally with a period ("Dec. 9"). The initial must be a
# capital even when matching ignores case, because "may" and "march" are also English words.
_MONTH = (
    r"\b(?:"
    + "|".join(f"(?-i:{n[0].upper()}){n[1:]}" for n in sorted(_MONTHS, key=len, reverse=True))
    + r")(?![\w-])\.?"
)
_WEEKDAY = r"\b(?P<w>" + "|".join(calendar.day_name) + r")\b"
_DAY = r"(?<!\d)(?:3[01]|[12][0-9]|0?[1-9])(?!\d)"  # 1 to 31, so "Tu-95" is no day
_ORD = r"(?:st|nd|rd|th)?"
_DASH = r"[-\u2010-\u2015\u2212]"  # hyphen, non-breaking hyphen, figure/en/em dash, minus
_LINK = rf"(?:\s*{_DASH}\s*|\s+(?:and|to|through)\s+)"
_YEAR_OR_REL = r"(?:,?\s+(?P<y>\d{4})(?!\d)|,?\s+(?P<rel>last|this)\s+year\b)?"
_ORDINALS = dict(zip(("first", "second", "third", "fourth", "fifth"), range(1, 6), strict=True))
_ORDINALS |= dict(zip(("sixth", "seventh", "eighth", "ninth", "tenth"), range(6, 11), strict=True))
_NTH = r"(?P<n>" + "|".join(_ORDINALS) + r"|[1-9][0-9]?(?:st|nd|rd|th))"
_STATED = (
    rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH}),?\s+(?P<y>\d{{4}})(?!\d)",
    rf"(?P<m>{_MONTH})\s*(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})(?!\d)",
    r"(?<!\d)(?P<y>\d{4})(?P<sep>[-./])(?P<mn>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)",
)


@dataclass(frozen=True)
class Anchor:
    """What a relative phrase is resolved against.

    `date` may be None when only a year is known (`context_year`). `derived` is `stated`
    when the anchor goes back to a date the text states, else `context`. `basis` is the
    anchor's own basis, used by `that day`.
    """

    date: dt.date | None
    year: int
    derived: str
    basis: str
    precision: str
    description: str


@dataclass(frozen=True)
class ResolvedDate:
    start: dt.date | None
    end: dt.date | None
    precision: str
    basis: str
    note: str


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").casefold()]


def _date(year: int, month: int, day: int, phrase: str) -> dt.date:
    """A date, or a ValueError that names the phrase it was read from."""
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{phrase!r} is not a valid date ({exc})") from None


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _on_or_before(day: dt.date, weekday: str) -> dt.date:
    """The latest `weekday` on or before `day`: a report describes the past."""
    return day - dt.timedelta(days=(day.weekday() - _WEEKDAYS[weekday.casefold()]) % 7)


def _find_stated(text: str) -> re.Match[str] | None:
    for pattern in _STATED:
        if match := re.search(pattern, text, re.IGNORECASE):
            return match
    return None


def _stated_date(match: re.Match[str], text: str) -> dt.date:
    """The date of a `_STATED` match, checked against any weekday the text writes."""
    parts = match.groupdict()
    month = int(parts["mn"]) if parts.get("mn") else _month(parts["m"])
    date = _date(int(parts["y"]), month, int(parts["d"]), match.group(0))
    weekday = re.search(_WEEKDAY, text, re.IGNORECASE)
    if weekday and _WEEKDAYS[weekday["w"].casefold()] != date.weekday():
        raise ValueError(
            f"{match.group(0)!r} is a {calendar.day_name[date.weekday()]}, "
            f"but the text says {weekday['w']!r}"
        )
    return date


def parse_stated(text: str, /) -> dt.date | None:
    """A full date written in the text (`Thursday 25 July 2024`, `23 Jul 2019`, `Dec. 22, 2020`,
    `Sep 3 2021`, `2024-07-26`, `2020.12.23`, `2020/12/23`).

    Raises ValueError when a weekday is written and does not match the date.
    """
    match = _find_stated(text)
    return None if match is None else _stated_date(match, text)


@dataclass(frozen=True)
class _Context:
    """The quote and anchor of one `resolve` call, and how its results are worded."""

    quote: str
    anchor: Anchor | None
    ahead: bool = False  # the source announces the event: a day without a year lies ahead

    def known(self) -> Anchor:
        if self.anchor is None:
            raise ValueError(
                f"{self.quote!r} is relative, but the source has no publication date or context "
                "year to resolve it against; give `anchor: <event id>` or the source's "
                "`context_year`"
            )
        return self.anchor

    def day(self, phrase: str) -> dt.date:
        anchor = self.known()
        if anchor.date is None:
            raise ValueError(
                f"{phrase!r} needs an anchor with a known day, but {anchor.description} gives "
                "only the year; anchor the date on a dated event (`anchor:`)"
            )
        return anchor.date

    def out(
        self,
        start: dt.date | None,
        end: dt.date | None,
        precision: str,
        note: str,
        weekday: bool = False,
    ) -> ResolvedDate:
        """A result derived from the anchor: basis `context` unless the anchor is stated."""
        anchor = self.known()
        stated = anchor.derived == "stated"
        basis = ("weekday_relative" if weekday else "relative_phrase") if stated else "context"
        return ResolvedDate(start, end, precision, basis, f"{note}, against {anchor.description}.")


_Apply = Callable[[re.Match[str], _Context], ResolvedDate]
_RULES: list[tuple[str, Callable[[str], re.Match[str] | None], _Apply]] = []


def _rule(
    label: str, pattern: str | Callable[[str], re.Match[str] | None]
) -> Callable[[_Apply], _Apply]:
    """Register a rule; `resolve` tries them in registration order."""
    find = re.compile(pattern, re.IGNORECASE).search if isinstance(pattern, str) else pattern

    def register(apply: _Apply) -> _Apply:
        _RULES.append((label, find, apply))
        return apply

    return register


def _year(c: _Context, m: re.Match[str], month: int, day: int) -> tuple[int, str]:
    """The year of a day written without one (or with one), and the note saying how."""
    parts = m.groupdict()
    if parts.get("y"):
        return int(parts["y"]), "stated"
    anchor = c.known()
    if parts.get("rel"):
        year = anchor.year - (parts["rel"].casefold() == "last")
        return year, f"the year is {year}, '{parts['rel']} year' from the anchor's year"
    year = anchor.year
    if c.ahead:
        if anchor.date is not None and _date(year, month, day, m.group(0)) < anchor.date:
            year += 1
        return year, "the year is that of the anchor, or the year after if earlier (announced)"
    if anchor.date is not None and _date(year, month, day, m.group(0)) > anchor.date:
        year -= 1
    return year, "the year is that of the anchor, or the year before if later than the anchor"


@_rule(
    "since <Month> [<day>,] <year>",
    rf"\bsince\s+(?:(?P<d0>{_DAY})\s+)?(?P<m>{_MONTH})\s*(?:(?P<d>{_DAY}){_ORD},?\s+)?"
    r"(?P<y>\d{4})(?!\d)",
)
def _since(m: re.Match[str], c: _Context) -> ResolvedDate:
    start = _date(int(m["y"]), _month(m["m"]), int(m["d0"] or m["d"] or 1), m.group(0))
    end = c.day(m.group(0))
    if start > end:
        raise ValueError(f"{m.group(0)!r} begins after the anchor {end.isoformat()}")
    return c.out(start, end, "unknown", f"{m.group(0)!r}: from {start} to the anchor's date")


def _range(m: re.Match[str], c: _Context) -> ResolvedDate:
    """Days in one month ("October 17-23"), or across two ("June 30-July 2")."""
    parts = m.groupdict()
    m1, m2 = _month(parts.get("m1") or parts["m2"]), _month(parts["m2"] or parts["m1"])
    year, how = _year(c, m, m2, int(m["d2"]))
    end = _date(year, m2, int(m["d2"]), m.group(0))
    start = _date(year - (m1 > m2), m1, int(m["d1"]), m.group(0))  # "Dec. 30-Jan. 2"
    if start >= end:
        raise ValueError(f"{m.group(0)!r} is not a range of days running forwards")
    if how == "stated":
        note = f"Stated in the text: {m.group(0)!r}, the days {start} to {end}."
        return ResolvedDate(start, end, "day", "stated", note)
    return c.out(start, end, "day", f"{m.group(0)!r}: the days {start} to {end}; {how}")


_rule(
    "<Month> <day>-<day>, <Month> <day> and <day>, <Month> <day>-<Month> <day> [<year>]",
    rf"(?P<m1>{_MONTH})\s*(?P<d1>{_DAY}){_ORD}{_LINK}(?:(?P<m2>{_MONTH})\s*)?(?P<d2>{_DAY}){_ORD}"
    rf"\b{_YEAR_OR_REL}",
)(_range)
_rule(
    "<day>-<day> <Month> [<year>]",
    rf"(?P<d1>{_DAY}){_ORD}{_LINK}(?P<d2>{_DAY}){_ORD}\s+(?:of\s+)?(?P<m2>{_MONTH}){_YEAR_OR_REL}",
)(_range)


@_rule("a full date (25 July 2024, Dec. 22, 2020, 2024-07-26, 2020.12.23)", _find_stated)
def _stated(m: re.Match[str], c: _Context) -> ResolvedDate:
    date = _stated_date(m, c.quote)
    return ResolvedDate(date, date, "day", "stated", f"Stated in the text: {c.quote!r}.")


@_rule("[in] <Month> <year>", rf"(?P<m>{_MONTH}),?\s+(?P<y>\d{{4}})(?!\d)")
def _month_year(m: re.Match[str], c: _Context) -> ResolvedDate:
    start, end = _month_bounds(int(m["y"]), _month(m["m"]))
    note = f"Stated in the text: {m.group(0)!r}, month and year without a day: the whole month."
    return ResolvedDate(start, end, "month", "stated", note)


@_rule(
    "for the <Nth> straight/consecutive day ... <Weekday>",
    rf"\bfor\s+(?:the|a)\s+{_NTH}\s+(?:straight|consecutive|successive)\s+day\b",
)
def _straight_days(m: re.Match[str], c: _Context) -> ResolvedDate:
    w = re.search(_WEEKDAY, c.quote, re.IGNORECASE)
    if w is None:
        raise ValueError(f"{m.group(0)!r} needs a weekday in the quote to say when the run ended")
    n = _ORDINALS.get(m["n"].casefold()) or int(m["n"][:-2])
    day = c.day(m.group(0))
    end = _on_or_before(day, w["w"])
    start = end - dt.timedelta(days=n - 1)
    note = (
        f"{m.group(0)!r} {w['w']!r}: {n} consecutive days ending on the latest "
        f"{w['w'].capitalize()} on or before the anchor ({calendar.day_name[day.weekday()]} "
        f"{day.isoformat()})"
    )
    return c.out(start, end, "day", note, weekday=True)


@_rule(
    "<Month> <day>, <day> <Month> [last year / this year] (no year)",
    rf"(?:(?P<m>{_MONTH})\s*(?P<d>{_DAY}){_ORD}\b|\b(?P<d2>{_DAY}){_ORD}\s+(?P<m2>{_MONTH}))"
    r"(?!,?\s*\d{4})(?:,?\s+(?P<rel>last|this)\s+year\b)?",
)
def _month_day(m: re.Match[str], c: _Context) -> ResolvedDate:
    month, day = _month(m["m"] or m["m2"]), int(m["d"] or m["d2"])
    year, how = _year(c, m, month, day)
    date = _date(year, month, day, m.group(0))
    return c.out(date, date, "day", f"{m.group(0)!r} gives day and month without a year; {how}")


@_rule("[in] <Month> last year", rf"(?P<m>{_MONTH})\s+last\s+year\b")
def _month_last_year(m: re.Match[str], c: _Context) -> ResolvedDate:
    start, end = _month_bounds(c.known().year - 1, _month(m["m"]))
    return c.out(start, end, "month", f"{m.group(0)!r}: that month of the year before the anchor's")


@_rule(
    "on the <Nth> (no month)",
    rf"\bon\s+the\s+(?P<d>{_DAY})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?{_MONTH})",
)
def _ordinal_day(m: re.Match[str], c: _Context) -> ResolvedDate:
    anchor, d = c.day(m.group(0)), int(m["d"])
    first = anchor.replace(day=1)
    if d > anchor.day:
        first = (first - dt.timedelta(days=1)).replace(day=1)
    date = _date(first.year, first.month, d, m.group(0))
    return c.out(
        date,
        date,
        "day",
        f"{m.group(0)!r}: that day of the anchor's month, or of the month before if later",
    )


@_rule("later this month", r"\blater\s+this\s+month\b")
def _later_this_month(m: re.Match[str], c: _Context) -> ResolvedDate:
    day = c.day(m.group(0))
    end = _month_bounds(day.year, day.month)[1]
    return c.out(day, end, "month", f"{m.group(0)!r}: from the anchor's day to its month's end")


@_rule("this month, earlier this month", r"\b(?:earlier\s+)?this\s+month\b")
def _this_month(m: re.Match[str], c: _Context) -> ResolvedDate:
    day = c.day(m.group(0))
    note = f"{m.group(0)!r}: the anchor's month up to the anchor's day (a report follows its event)"
    return c.out(day.replace(day=1), day, "month", note)


@_rule("last month", r"\blast\s+month\b")
def _last_month(m: re.Match[str], c: _Context) -> ResolvedDate:
    previous = c.day(m.group(0)).replace(day=1) - dt.timedelta(days=1)
    start, end = _month_bounds(previous.year, previous.month)
    return c.out(start, end, "month", f"{m.group(0)!r}: the month before the anchor's")


@_rule("over the past month, in the past month", r"\b(?:over|in)\s+the\s+past\s+month\b")
def _past_month(m: re.Match[str], c: _Context) -> ResolvedDate:
    day = c.day(m.group(0))
    start = day - dt.timedelta(days=30)
    return c.out(start, day, "unknown", f"{m.group(0)!r}: the 30 days up to the anchor")


@_rule(
    "this year, earlier this year, earlier in the year",
    r"\b(?:earlier\s+)?this\s+year\b|\bearlier\s+in\s+the\s+year\b",
)
def _this_year(m: re.Match[str], c: _Context) -> ResolvedDate:
    anchor = c.known()
    start = dt.date(anchor.year, 1, 1)
    if anchor.date is None:
        end, why = dt.date(anchor.year, 12, 31), "the anchor's whole year (its day is unknown)"
    else:
        end, why = anchor.date, "1 January of the anchor's year to the anchor's day"
    return c.out(start, end, "year", f"{m.group(0)!r}: {why}")


@_rule("last year", r"\blast\s+year\b")
def _last_year(m: re.Match[str], c: _Context) -> ResolvedDate:
    year = c.known().year - 1
    note = f"{m.group(0)!r}: the whole calendar year before the anchor's"
    return c.out(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", note)


def _week(m: re.Match[str], c: _Context, monday: dt.date, end: dt.date, what: str) -> ResolvedDate:
    """Days of one week; a weekday written in the same quote picks its day of that week."""
    w = re.search(_WEEKDAY, c.quote, re.IGNORECASE)
    if w is None:
        return c.out(monday, end, "unknown", f"{m.group(0)!r}: {what}, {monday} to {end}")
    date = monday + dt.timedelta(days=_WEEKDAYS[w["w"].casefold()])
    if date > end:
        raise ValueError(f"{w['w']!r} is not {what} ({monday} to {end})")
    note = f"{w['w']!r} {m.group(0)!r}: the {w['w'].capitalize()} of {what}"
    return c.out(date, date, "day", note, weekday=True)


@_rule("earlier this week [<Weekday>]", r"\bearlier\s+this\s+week\b")
def _earlier_this_week(m: re.Match[str], c: _Context) -> ResolvedDate:
    day = c.day(m.group(0))
    if day.weekday() == 0:
        raise ValueError(
            f"{m.group(0)!r} cannot be resolved: the anchor {day.isoformat()} is a Monday, so "
            "its week has no earlier day"
        )
    monday = day - dt.timedelta(days=day.weekday())
    what = "the anchor's week (from Monday) before the anchor's day"
    return _week(m, c, monday, day - dt.timedelta(days=1), what)


@_rule("last week [<Weekday>]", r"\blast\s+week\b")
def _last_week(m: re.Match[str], c: _Context) -> ResolvedDate:
    day = c.day(m.group(0))
    monday = day - dt.timedelta(days=day.weekday() + 7)
    what = "the week (Monday to Sunday) before the anchor's"
    return _week(m, c, monday, monday + dt.timedelta(days=6), what)


# Phrases a fixed number of days before the anchor, the longest phrase first.
_DAYS_BEFORE = {
    "the day before yesterday": (
        r"the\s+day\s+before\s+yesterday",
        2,
        "two days before the anchor",
    ),
    "a week earlier, a week ago, a week before": (
        r"a\s+week\s+(?:earlier|ago|before)",
        7,
        "taken as exactly seven days before the anchor",
    ),
    "yesterday, a day earlier, the previous day, the day before": (
        r"yesterday|a\s+day\s+earlier|the\s+previous\s+day|the\s+day\s+before",
        1,
        "the day before the anchor",
    ),
    "today": ("today", 0, "the anchor's day"),
}


def _days_before(days: int, why: str) -> _Apply:
    def apply(m: re.Match[str], c: _Context) -> ResolvedDate:
        date = c.day(m.group(0)) - dt.timedelta(days=days)
        return c.out(date, date, "day", f"{m.group(0)!r}: {why}")

    return apply


for _label, (_pattern, _days, _why) in _DAYS_BEFORE.items():
    _rule(_label, rf"\b(?:{_pattern})\b")(_days_before(_days, _why))


@_rule("<Weekday>", _WEEKDAY)
def _weekday(m: re.Match[str], c: _Context) -> ResolvedDate:
    day = c.day(m.group(0))
    date = _on_or_before(day, m["w"])
    note = (
        f"{m['w']!r}: the latest {m['w'].capitalize()} on or before the anchor "
        f"({calendar.day_name[day.weekday()]} {day.isoformat()})"
    )
    return c.out(date, date, "day", note, weekday=True)


@_rule(
    "in <Month>, in early/mid/late <Month> (no year)",
    rf"\bin\s+(?:(?:early|mid|late)[- ]?\s*)?(?P<m>{_MONTH})",
)
def _in_month(m: re.Match[str], c: _Context) -> ResolvedDate:
    anchor, month = c.known(), _month(m["m"])
    year = anchor.year
    if anchor.date is not None and c.ahead and month < anchor.date.month:
        year += 1
    elif anchor.date is not None and not c.ahead and month > anchor.date.month:
        year -= 1
    start, end = _month_bounds(year, month)
    if anchor.date is not None and c.ahead and start < anchor.date:
        start = anchor.date  # an announced event lies ahead of its announcement
    elif anchor.date is not None and not c.ahead and end > anchor.date:
        end = anchor.date
    name = calendar.month_name[month]
    which = "the first " + name + " not before" if c.ahead else "the latest " + name + " not after"
    return c.out(start, end, "month", f"{m.group(0)!r}: {which} the anchor")


@_rule("that day, the same day", r"\bthat\s+day\b|\bthe\s+same\s+day\b")
def _that_day(m: re.Match[str], c: _Context) -> ResolvedDate:
    day, anchor = c.day(m.group(0)), c.known()
    note = f"{m.group(0)!r}: the anchor's date, against {anchor.description}."
    # the phrase relates the event to the anchor: the text does not state the event's date,
    # so a stated anchor (or one read from a URL or a page record) gives relative_phrase
    basis = "relative_phrase" if anchor.basis == "stated" else anchor.basis
    return ResolvedDate(day, day, anchor.precision, basis, note)


@_rule("recent, recently, before", r"\brecent(?:ly)?\b|\bbefore\b")
def _recent(m: re.Match[str], c: _Context) -> ResolvedDate:
    day = c.day(m.group(0))
    note = f"{m.group(0)!r}: no earlier bound is given; the anchor is the latest possible date"
    return c.out(None, day, "unknown", note)


def resolve(quote: str, anchor: Anchor | None, /, *, ahead: bool = False) -> ResolvedDate:
    """Resolve the date phrase inside `quote` by the first rule that fits.

    `ahead`: the source announces the event, so a day or month written without a year is the
    next one on or after the anchor, not the latest one before it.

    Raise ValueError listing every rule, in order, when none fits, so that the editor can
    reword the quote rather than guess a date.
    """
    context = _Context(quote, anchor, ahead)
    for _, find, apply in _RULES:
        if (match := find(quote)) is not None:
            return apply(match, context)
    raise ValueError(
        f"no date phrase found in {quote!r}; the rules know, in this order: "
        + "; ".join(label for label, _, _ in _RULES)
        + " (see build/README.md)"
    )


def find_phrase(text: str, /) -> tuple[int, int, str] | None:
    """Where in `text` the phrase lies that `resolve` would read, and the rule's label; None
    when no rule fits. Used to propose date quotes: the quote is the phrase itself."""
    for label, find, _ in _RULES:
        if (match := find(text)) is not None:
            return match.start(), match.end(), label
    return None


def end_bound(r: ResolvedDate, why: str = "") -> ResolvedDate:
    """Keep only the end of `r`, for a phrase that dates the event's end, not the event.

    "concluded earlier this month" or "the ministry said on Saturday" date the conclusion or
    the report: the event may have begun any time before, so no earlier bound is claimed.
    """
    note = (
        f"{r.note} The phrase dates only the end of the event (its conclusion or its report), "
        "so there is no earlier bound."
    )
    return ResolvedDate(None, r.end, "unknown", r.basis, f"{note} {why}".strip())


def began_bound(r: ResolvedDate) -> ResolvedDate:
    """Keep only the end of `r` as the day by which the event had begun, for a phrase that
    dates a report made while the event went on ("the ministry said on Tuesday" of a patrol
    that flew again on Wednesday): neither bound of the event is claimed, only that it had
    begun by then."""
    note = (
        f"{r.note} The phrase dates a report made while the event went on: it had begun by "
        "this day and may have gone on after it."
    )
    return ResolvedDate(None, r.end, "unknown", r.basis, note)


def start_bound(r: ResolvedDate) -> ResolvedDate:
    """`r` as the days the event began on, for a phrase that dates only its beginning
    ("departed from Vladivostok on August 7", "launched on Saturday"): the event may have gone
    on after them, so its precision is `unknown` unless a later claim bounds the end."""
    note = f"{r.note} The phrase dates only the beginning of the event; it may have gone on after."
    return ResolvedDate(r.start, r.end, "unknown", r.basis, note)


_PLACE = r"[^\W\d_]+(?:[ .'’-]+[^\W\d_]+)*\.?"
_DATELINE = re.compile(
    rf"^[ \t]*{_PLACE}(?:,[ \t]*{_PLACE})?,[ \t]*(?P<m>{_MONTH})[ \t]*(?P<d>{_DAY})"
    rf"(?:,?[ \t]+(?P<y>\d{{4}})(?!\d))?[ \t]*(?=[(/.:]|{_DASH}|$)",
    re.IGNORECASE | re.MULTILINE,
)


def parse_dateline(text: str) -> tuple[int, int, int | None] | None:
    """Month, day and year (None when absent) of a news dateline ("SEOUL, July 23 (Reuters)").

    A dateline is a line starting with a place name in letters, a comma, a month and a day,
    optionally a year, then an agency in brackets, a slash, a dash or the line's end. Its
    year is often left out, so the caller decides where a year comes from.
    """
    match = _DATELINE.search(text)
    if match is None:
        return None
    month, day = _month(match["m"]), int(match["d"])
    year = int(match["y"]) if match["y"] else None
    _date(year or 2000, month, day, match.group(0).strip())  # 2000: a leap year
    return month, day, year


_URL_DATES = (
    r"(?<!\d)(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?=[/.?#]|$)",  # /2019/07/23/
    r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)",  # /2019-07-23-slug
    r"(?<!\d)(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})",  # /20231215-155839/, /yjj2023060800036/
)


def date_from_url(url: str) -> dt.date | None:
    """The publication date written in a news URL's path or query, if it writes exactly one.

    Only valid dates from 1990 to 2100 count; candidates that disagree, or a year and month
    without a day ("/2020/12/slug"), give None rather than a guess.
    """
    parts = urlsplit(url)
    path = f"{parts.path}?{parts.query}"  # not the host, whose digits are no date
    found = set()
    for pattern in _URL_DATES:
        for m in re.finditer(pattern, path):
            try:
                date = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
            if 1990 <= date.year <= 2100:
                found.add(date)
    return found.pop() if len(found) == 1 else None
