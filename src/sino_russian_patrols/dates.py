"""Resolve the date phrases of the texts into date bounds, precision, basis and a note.

The rules are the table in `build/README.md`. A date is `stated` only when the text gives
day, month and year; when the anchor of a relative phrase is itself not stated (an inferred
publication date, a year from context), the result has basis `context`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {m.casefold(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.casefold(): i for i, m in enumerate(calendar.month_abbr) if m})
_WEEKDAYS = {d.casefold(): i for i, d in enumerate(calendar.day_name)}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAY = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


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


def parse_stated(text: str, /) -> dt.date | None:
    """A full date written in the text (`Thursday 25 July 2024`, `2024-07-26`, `July 25, 2024`).

    Raises ValueError when a weekday is written and does not match the date.
    """
    patterns = (
        (rf"\b([0-9]{{1,2}}) {_MONTH},? ([0-9]{{4}})\b", ("d", "m", "y")),
        (rf"\b{_MONTH} ([0-9]{{1,2}}),? ([0-9]{{4}})\b", ("m", "d", "y")),
        (r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b", ("y", "mn", "d")),
    )
    for pattern, order in patterns:
        match = re.search(pattern, text, re.IGNORECASE)
        if match is None:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = int(parts["mn"]) if "mn" in parts else _MONTHS[parts["m"].casefold()]
        try:
            date = dt.date(int(parts["y"]), month, int(parts["d"]))
        except ValueError as exc:
            raise ValueError(f"{match.group(0)!r} is not a valid date ({exc})") from None
        weekday = re.search(rf"\b{_WEEKDAY}\b", text, re.IGNORECASE)
        if weekday and _WEEKDAYS[weekday.group(1).casefold()] != date.weekday():
            raise ValueError(
                f"{match.group(0)!r} is a {calendar.day_name[date.weekday()]}, "
                f"but the text says {weekday.group(1)!r}"
            )
        return date
    return None


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _need_day(anchor: Anchor, phrase: str) -> dt.date:
    if anchor.date is None:
        raise ValueError(
            f"{phrase!r} needs an anchor with a known day, but {anchor.description} gives only "
            "the year; anchor the date on a dated event (`anchor:`)"
        )
    return anchor.date


def resolve(quote: str, anchor: Anchor | None, /) -> ResolvedDate:
    """Resolve the date phrase inside `quote`; raise ValueError naming the rules if none fits."""
    stated = parse_stated(quote)
    if stated is not None:
        return ResolvedDate(stated, stated, "day", "stated", f"Stated in the text: {quote!r}.")
    if anchor is None:
        raise ValueError(
            f"{quote!r} is relative, but the source has no publication date or context year to "
            "resolve it against; give `anchor: <event id>` or the source's `context_year`"
        )
    relative = "relative_phrase" if anchor.derived == "stated" else "context"
    weekday_basis = "weekday_relative" if anchor.derived == "stated" else "context"
    on = f"against {anchor.description}"

    if m := re.search(rf"\b{_MONTH} ([0-9]{{1,2}})\b(?!,? [0-9]{{4}})", quote, re.IGNORECASE):
        month, day = _MONTHS[m.group(1).casefold()], int(m.group(2))
        year = anchor.year
        if anchor.date is not None and dt.date(year, month, day) > anchor.date:
            year -= 1
        date = dt.date(year, month, day)
        return ResolvedDate(
            date,
            date,
            "day",
            relative,
            f"{m.group(0)!r} gives day and month without a year; the year is that of the anchor, "
            f"{on}.",
        )
    if m := re.search(r"\bearlier this month\b|\bthis month\b", quote, re.IGNORECASE):
        day = _need_day(anchor, m.group(0))
        start, end = _month_bounds(day.year, day.month)
        if m.group(0).casefold().startswith("earlier"):
            end = day
        return ResolvedDate(
            start, end, "month", relative, f"{m.group(0)!r}: the anchor's month, {on}."
        )
    if m := re.search(r"\blast month\b", quote, re.IGNORECASE):
        day = _need_day(anchor, m.group(0))
        previous = day.replace(day=1) - dt.timedelta(days=1)
        start, end = _month_bounds(previous.year, previous.month)
        return ResolvedDate(
            start, end, "month", relative, f"{m.group(0)!r}: the month before the anchor's, {on}."
        )
    if m := re.search(r"\bover the past month\b|\bin the past month\b", quote, re.IGNORECASE):
        day = _need_day(anchor, m.group(0))
        return ResolvedDate(
            day - dt.timedelta(days=30),
            day,
            "unknown",
            relative,
            f"{m.group(0)!r}: the 30 days up to the anchor, {on}.",
        )
    if m := re.search(rf"\b{_WEEKDAY}\b", quote, re.IGNORECASE):
        day = _need_day(anchor, m.group(0))
        back = (day.weekday() - _WEEKDAYS[m.group(1).casefold()]) % 7
        date = day - dt.timedelta(days=back)
        return ResolvedDate(
            date,
            date,
            "day",
            weekday_basis,
            f"{m.group(1)!r}: the latest {m.group(1).capitalize()} on or before the anchor "
            f"({calendar.day_name[day.weekday()]} {day.isoformat()}), {on}.",
        )
    if m := re.search(rf"\bin {_MONTH}\b", quote, re.IGNORECASE):
        month = _MONTHS[m.group(1).casefold()]
        year = anchor.year
        if anchor.date is not None and month > anchor.date.month:
            year -= 1
        start, end = _month_bounds(year, month)
        if anchor.date is not None and end > anchor.date:
            end = anchor.date
        return ResolvedDate(
            start,
            end,
            "month",
            relative,
            f"{m.group(0)!r}: the latest {m.group(1).capitalize()} not after the anchor, {on}.",
        )
    if m := re.search(r"\bthat day\b|\bthe same day\b", quote, re.IGNORECASE):
        day = _need_day(anchor, m.group(0))
        return ResolvedDate(
            day, day, anchor.precision, anchor.basis, f"{m.group(0)!r}: the anchor's date, {on}."
        )
    if m := re.search(r"\brecent(?:ly)?\b|\bbefore\b", quote, re.IGNORECASE):
        day = _need_day(anchor, m.group(0))
        return ResolvedDate(
            None,
            day,
            "unknown",
            relative,
            f"{m.group(0)!r}: no earlier bound is given; the anchor is the latest possible date, "
            f"{on}.",
        )
    raise ValueError(
        f"no date phrase found in {quote!r}; the rules know a full date, a weekday, "
        "'<Month> <day>', 'in <Month>', 'this month', 'earlier this month', 'last month', "
        "'over the past month', 'that day', 'recent' and 'before' (see build/README.md)"
    )
