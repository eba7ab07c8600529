"""The source section: headline, wire and the publication date with where it came from.

The publication date is the anchor of every relative date the other proposers read, so it
is proposed first and recorded on the drafter.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING

from .. import dates
from ..spans import occurrences
from .document import quote_entry, yaml_string

if TYPE_CHECKING:
    from .proposals import Drafter


def propose(d: Drafter) -> list[str]:
    record, text = d.article.archive, d.text
    lines = ["source_type: news_report"]
    title = record.title
    if title and title in text[: d.end]:
        starts = occurrences(text, title)
        lines.append(f"title: {yaml_string(title)}")
        if len(starts) > 1:
            lines.append("title_occurrence: 1")
    else:
        lines.append(
            "title: null                      # the archived page's headline is not in the text"
        )
    lines.append("publisher: null                  # a quote only if the text names its publisher")
    wire = _wire(d)
    if wire:
        lines.append(f"wire: {wire}")
    return lines


def _wire(d: Drafter) -> str | None:
    head = d.text[: min(d.end, 400)]
    for e in d.registries.actors:
        if e.type != "media":
            continue
        for alias in e.aliases:
            # "(Reuters)", ">> TASS", "MOSCOW, July 23. /TASS/."
            name = re.escape(alias)
            m = re.search(rf"\(\s*{name}\s*\)|>>\s*{name}\b|/\s*{name}\s*/", head)
            if m:
                start = m.start() + m.group(0).index(alias)
                return quote_entry(d.text, start, start + len(alias))
    return None


# an agency's tag after a dateline: ". /TASS/."
_AGENCY_TAG = re.compile(r"\.?[ \t]*/[A-Za-z][\w .-]{0,20}/\.?")
# an ISO date among the first words of the text ("date 2024-07-26 MOSCOW - ...")
STATED_AT_HEAD = re.compile(r"\W*(?:\w+\s+){0,2}?(?P<d>(?:19|20)\d\d-\d\d-\d\d)\b")


def published_date(d: Drafter) -> list[str]:
    """The publication date and where it comes from: a stated date, the dateline, the page
    record, the URL; the anchor of every relative date the other proposers read."""
    record, text = d.article.archive, d.text
    for m in re.finditer(r"[^\n]+", text[: min(d.end, 600)]):
        line = m.group(0).strip()
        try:
            date = dates.parse_stated(line)
        except ValueError:
            date = None
        if date is not None and len(occurrences(text, line)) == 1:
            d.skip.append((m.start() + m.group(0).find(line), m.end()))  # dates the article
            _anchor(d, date, "stated", f"the stated publication date {date.isoformat()}")
            return ["published_date:", f"  quote: {yaml_string(line)}"]
        # "date 2024-07-26 MOSCOW - ...": a full date at the head of the first line
        head = STATED_AT_HEAD.match(line)
        if head is not None and m.start() == 0 and len(occurrences(text, head.group("d"))) == 1:
            try:
                date = dates.parse_stated(head.group("d"))
            except ValueError:
                date = None
            if date is not None:
                at = m.start() + m.group(0).find(line)  # the line without its leading spaces
                d.skip.append((at + head.start("d"), at + head.end("d")))
                _anchor(d, date, "stated", f"the stated publication date {date.isoformat()}")
                return ["published_date:", f"  quote: {yaml_string(head.group('d'))}"]
        parsed = dates.parse_dateline(line)
        if parsed is not None:
            # the dateline's own words ("MOSCOW, October 14"), not the paragraph it opens
            found = dates._DATELINE.match(line)
            head = (
                line[: found.end()].rstrip(" .,:")
                if found
                else re.split(r"\s*(?:\(|--|—)", line, maxsplit=1)[0]
            )
            # the agency's tag is the dateline's ("MOSCOW, July 23. /TASS/.")
            if found and (tag := _AGENCY_TAG.match(line, len(head))):
                head = line[: tag.end()]
            month, day, year = parsed
            year = (
                year
                or (
                    record.page_date or dates.date_from_url(record.url or "") or dt.date(1, 1, 1)
                ).year
            )
            if len(occurrences(text, head)) != 1:
                continue  # a dateline is quoted by its words alone
            if year > 1:
                start = text.find(head)
                d.skip.append((start, start + len(head)))
                d.dateline = head
                date = dt.date(year, month, day)
                _anchor(d, date, "stated", f"the dateline publication date {date.isoformat()}")
                return [f"published_date: {{quote: {yaml_string(head)}, from: dateline}}"]
            inferred = _year_of_dateline(d, month, day)
            if inferred is not None:
                return _inferred_dateline(d, head, inferred, "the latest the text names")
            reported = _year_of_report_day(d, head, month, day)
            if reported is not None:
                date, weekday = reported
                why = f"the one in which {date:%B} {date.day} is the {weekday} the lead reports on"
                return _inferred_dateline(d, head, date, why)
            # the year may come from the event the text reports (context_year.py)
            d.yearless_dateline = (head, month, day)
    if record.page_date is not None:
        _anchor(d, record.page_date, "stated", "the publication date the page carried")
        return ["published_date: {from: page_record}   # the text gives no date"]
    url_date = dates.date_from_url(record.url or "")
    if url_date is not None:
        _anchor(d, url_date, "stated", "the publication date in the page's URL")
        return ["published_date: {from: url}   # neither the text nor the page gives a date"]
    return [
        "# published_date: nothing gives it (text, dateline, page record, URL): add "
        "{value: YYYY-MM-DD, basis: inferred, note: why} if the text implies it"
    ]


def _year_of_dateline(d: Drafter, month: int, day: int) -> dt.date | None:
    """A dateline without a year ("MOSCOW, August 25. /TASS/."), no archive record dating the
    page: the year is the latest the body names (a report names the year of its events, not
    a later one); None when the body names none."""
    years = [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", d.text[: d.end])]
    if not years:
        return None
    try:
        return dt.date(max(years), month, day)
    except ValueError:
        return None


# the day a report was made, in the sentence the dateline opens: "reported on Tuesday"
_REPORTED_ON_WEEKDAY = re.compile(
    r"\b(?:said|reported|announced|stated|told\s+[\w ]{1,30}?)\s+(?:on\s+)?"
    rf"(?P<w>{'|'.join(calendar.day_name)})\b"
)


def _year_of_report_day(d: Drafter, head: str, month: int, day: int) -> tuple[dt.date, str] | None:
    """A dateline without a year whose lead says the report was made on a weekday
    ("VLADIVOSTOK, October 4. ... Russia's Defense Ministry reported on Tuesday"): the one
    year, among those of the registered events and the year after the last, in which the
    dateline's day is that weekday (a wire's dateline is the day of the report it carries);
    None when none or several are."""
    at = d.text.find(head) + len(head)
    end = d.text.find("\n", at)
    lead = d.text[at : end if end >= 0 else d.end]
    m = _REPORTED_ON_WEEKDAY.search(lead)
    years = {
        day.year
        for r in d.known_events
        for day in (r["start_date"], r["end_date"])
        if day is not None
    }
    if m is None or not years:
        return None
    weekday = list(calendar.day_name).index(m["w"])
    found = []
    for year in range(min(years), max(years) + 2):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if date.weekday() == weekday:
            found.append(date)
    return (found[0], m["w"]) if len(found) == 1 else None


def dateline_in(d: Drafter, year: int) -> list[str]:
    """The publication date of a dateline without a year ("VLADIVOSTOK, October 4"), in a
    year the text's events give (context_year.py)."""
    assert d.yearless_dateline is not None
    head, month, day = d.yearless_dateline
    return _inferred_dateline(
        d, head, dt.date(year, month, day), "that of the events the text reports"
    )


def _inferred_dateline(d: Drafter, head: str, date: dt.date, year_from: str) -> list[str]:
    """The publication date a dateline without a year gives in an inferred year, with the
    note that says where the year comes from; the drafter's anchor becomes that day."""
    start = d.text.find(head)
    d.skip.append((start, start + len(head)))
    d.dateline = head
    _anchor(d, date, "inferred", f"the dateline {head!r}, its year {year_from}")
    note = (
        f"The dateline {head!r} gives the month and day; no archive record gives the "
        f"year. The year {date.year} is {year_from}."
    )
    return [
        "published_date:",
        f"  value: {date.isoformat()}",
        "  basis: inferred",
        f"  note: {yaml_string(note)}",
    ]


def _anchor(d: Drafter, date: dt.date, derived: str, description: str) -> None:
    d.published = date
    d.anchor = dates.Anchor(date, date.year, derived, derived, "day", description)
