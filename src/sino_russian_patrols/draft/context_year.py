"""The year of a source that gives no date (`context_year`, steps/sources.py), read from the
one registered event its words fit.

An analysis piece or a reposted wire story may carry no date at all: no stated date, no
dateline, no page record, no date in its URL. Without an anchor no relative date resolves, no
mention can be compared with the known events' dates, and the draft links nothing. The
editors then date such a text from what it reports ("the patrol of November 30 followed the
NATO meeting in Romania": 2022). The drafter does the part a rule can: a sentence that reports
a joint patrol or exercise, with a day, a month, a weekday or the seas it crossed, may fit one
registered event only. Its year becomes the context year (so "in May" and "November 30"
resolve), the sentence is linked to it, and the sentences that give no date are compared
with that event's days, as they would be with the publication's fortnight.

A count another annotation gives ("their second joint patrol") tells an event apart too; and
a dateline without a year ("VLADIVOSTOK, October 4") then takes the event's year, as an
inferred publication date.

A proposal is made only when every sentence that fits one event fits one of the same year;
several years, or several events for every sentence, and the draft says so instead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import dates
from .document import yaml_string
from .patterns import EXERCISE_TYPES, JOINT_PATROLS, ORDINAL_SERIES, ORDINALS, sentences

if TYPE_CHECKING:
    from .proposals import Drafter

# the kinds of event whose report dates an article: the patrols and exercises it is about
_DATING_TYPES = JOINT_PATROLS | EXERCISE_TYPES
# the scopes of a count that number an event among all of its kind
_COUNTS = ("overall", "area")
# places that name a party or a capital rather than where an event went
_NOT_WHERE = frozenset({"country", "city"})
# how far a dateless article's report may lie from the event it is anchored on: the
# fortnight a publication date would give, on either side (the report follows the event)
_REPORT_SLACK = dt.timedelta(days=14)
# how long after its event a report with a dateline may be published
_REPORT_AFTER = dt.timedelta(days=60)


@dataclass(frozen=True)
class Identified:
    """A sentence whose words fit one registered event, and why."""

    start: int
    end: int
    event_id: str
    year: int
    why: str


def propose(d: Drafter) -> list[str]:
    """The `context_year` line of a source with no date, from the registered events its
    sentences fit (none when the source is dated or nothing fits one event); sets the
    drafter's anchor, the sentences it links and the event dateless sentences are compared
    with."""
    if d.anchor is not None:
        return []
    found = identify(d)
    if not found:
        return []
    years = sorted({f.year for f in found})
    if len(years) > 1:
        listed = "; ".join(f"{f.event_id} ({f.why})" for f in found)
        return [f"# context_year: the sentences fit events of several years: {listed}"]
    first = found[0]
    d.identified = found
    dated = _dateline_year(d, first)
    if dated is not None:
        from .source import dateline_in

        return dateline_in(d, dated)
    note = (
        f"The text gives no date. It reports {first.why}: of the registered events, only "
        f"{first.event_id} fits, so the year is {first.year}."
    )
    d.anchor = dates.Anchor(
        None, first.year, "context", "context", "year", f"the year {first.year} from context"
    )
    d.context_days = _reported_days(d, found)
    return [f"context_year: {{year: {first.year}, note: {yaml_string(note)}}}"]


def _dateline_year(d: Drafter, found: Identified) -> int | None:
    """The year that puts a dateline without a year ("VLADIVOSTOK, October 4") on or after
    the start of the event the text reports, and within two months of its end: a report
    follows its event."""
    window = _days(d, found.event_id)
    if d.yearless_dateline is None or window is None:
        return None
    _, month, day = d.yearless_dateline
    for year in range(window[0].year, window[1].year + 2):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if window[0] <= date <= window[1] + _REPORT_AFTER:
            return year
    return None


def _reported_days(d: Drafter, found: list[Identified]) -> tuple[dt.date, dt.date]:
    """The days a dateless source's sentences with no date of their own may report: the
    fortnight either side of the latest day it reports (an identified event's last day, or a
    date phrase of the context year: "November 30"), as the fortnight before a publication
    date would be. A report follows what it reports, so the latest day is nearest to it."""
    assert d.anchor is not None
    latest = max(w[1] for f in found if (w := _days(d, f.event_id)) is not None)
    for lo, hi in sentences(d.text, 0, d.end):
        phrase = dates.find_phrase(d.text[lo:hi])
        if phrase is None or any(a <= lo + phrase[0] < b for a, b in d.skip):
            continue
        try:
            r = dates.resolve(d.text[lo + phrase[0] : lo + phrase[1]], d.anchor)
        except ValueError:
            continue
        if r.end is not None and r.end.year == d.anchor.year and r.precision != "unknown":
            latest = max(latest, r.end)
    return latest - _REPORT_SLACK, latest + _REPORT_SLACK


def identify(d: Drafter) -> list[Identified]:
    """Each body sentence reporting a joint patrol or exercise whose date phrase and places
    fit exactly one registered event of its kind."""
    from .events import sentence_types

    where = {p.id for p in d.registries.places if p.type not in _NOT_WHERE}
    found: list[Identified] = []
    for lo, hi in d.body_sentences():
        types = sentence_types(d, lo, hi) & _DATING_TYPES
        if not types:
            continue
        sentence = d.text[lo:hi]
        places = {p for _, _, p in d.mentions(d.registries.places, lo, hi) if p in where}
        phrase = dates.find_phrase(sentence)
        quote = sentence[phrase[0] : phrase[1]] if phrase else None
        kin = [r["event_id"] for r in d.known_events if r["event_type"] in types]
        # the events other annotations count as the Nth, as this sentence counts its own
        counted = ORDINAL_SERIES.search(sentence)
        ordinal = ORDINALS.get(counted.group("ordinal").casefold()) if counted else None
        by_count = {
            r["event_id"]
            for r in d.known_ordinals
            if ordinal is not None and r["ordinal"] == ordinal and r["scope"] in _COUNTS
        }
        # the events the places fit; they tell one event apart only if no other went there
        by_place = [e for e in kin if places & d.known_places.get(e, set())]
        fitting = []
        for event_id in kin:
            window = _days(d, event_id)
            if window is None or (places and event_id not in by_place):
                continue
            if by_count and event_id not in by_count:
                continue
            by_date = _date_fits(quote, window) if quote else None
            told_apart = by_date or by_place == [event_id] or by_count == {event_id}
            if by_date is False or not told_apart:
                continue
            fitting.append((event_id, window, by_date))
        if len(fitting) != 1:
            continue
        event_id, window, by_date = fitting[0]
        what = [f"a {r_type(d, event_id)}"]
        if by_count:
            what.append(f"counted {counted.group(0)!r}")  # type: ignore[union-attr]
        if by_date:
            what.append(f"dated {quote!r}")
        if places:
            what.append("over " + " and ".join(sorted(places)))
        found.append(Identified(lo, hi, event_id, window[0].year, " ".join(what)))
    return found


def r_type(d: Drafter, event_id: str) -> str:
    """An event's type in words ("joint air patrol")."""
    return (d.event_kind(event_id) or "event").replace("_", " ")


def report_window(d: Drafter) -> tuple[dt.date, dt.date] | None:
    """For a dateless source given a context year: the days a sentence with no date of its
    own may report (`_reported_days`); None otherwise."""
    return d.context_days


def _days(d: Drafter, event_id: str) -> tuple[dt.date, dt.date] | None:
    from .events import known_window

    return known_window(d, event_id)


def _date_fits(quote: str, window: tuple[dt.date, dt.date]) -> bool | None:
    """Whether a date phrase can name a day of the event's window: read against the year of
    the window's start or end ("November 30", "in May"); a bare weekday ("On Friday") fits a
    window of a week or less that holds that weekday. None when the phrase needs a day to
    resolve against ("last month", "recently"): it says nothing here."""
    resolved = False
    for year in sorted({window[0].year, window[1].year}):
        anchor = dates.Anchor(None, year, "context", "context", "year", f"the year {year}")
        try:
            r = dates.resolve(quote, anchor)
        except ValueError:
            continue
        if r.start is None or r.end is None:
            return None
        if r.end >= window[0] and r.start <= window[1]:
            return True
        resolved = True
    if resolved:
        return False  # a day or month the event's days do not hold
    weekday = re.fullmatch(rf"(?i)(?:on\s+)?{dates._WEEKDAY}", quote.strip())
    if weekday is None or (window[1] - window[0]).days > 6:
        return None
    wanted = dates._WEEKDAYS[weekday.group("w").casefold()]
    days = (window[0] + dt.timedelta(days=i) for i in range((window[1] - window[0]).days + 1))
    return any(day.weekday() == wanted for day in days)
