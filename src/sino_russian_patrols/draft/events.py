"""Event mentions and their date claims (steps/events.py): the sentence that reports an
event, the known event it most likely is, and the date phrase next to it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .. import dates
from .document import Item, quote_entry, unique_around, yaml_string
from .patterns import AIRCRAFT, PATROL, SAID, SENTENCE

if TYPE_CHECKING:
    from .proposals import Drafter


def _date_quote(d: Drafter, lo: int, hi: int) -> tuple[str, bool] | None:
    """A date phrase in text[lo:hi] that resolves, as a unique quote; and whether it is the
    day of a report ("said on Saturday"), which dates only the end."""
    for a, b in d.skip:  # the dateline dates the article, not the event
        if lo <= a < hi:
            lo = max(lo, b)
    found = dates.find_phrase(d.text[lo:hi])
    if found is None or d.anchor is None:
        return None
    start, end = lo + found[0], lo + found[1]
    if "Weekday" in found[2] and not re.search(dates._WEEKDAY, d.text[start:end]):
        w = re.search(dates._WEEKDAY, d.text[end:hi])
        if w is None:
            return None
        end += w.end()
    before = d.text[max(lo, start - 12) : start]
    if m := re.search(r"(?:\bearly |\blate )?\bon $", before):
        start -= len(m.group(0))
    report = re.search(rf"\b{SAID}\s+(?:on\s+)?$", d.text[max(lo, start - 14) : start])
    if report:
        start -= len(report.group(0))
    span = unique_around(d.text, start, end, hi)
    if span is None:
        return None
    quote = d.text[span[0] : span[1]]
    try:
        resolved = dates.resolve(quote, d.anchor)
    except ValueError:
        return None
    if resolved.start is not None and d.published and resolved.start > d.published:
        return None
    return quote, bool(report)


def _known_event(d: Drafter, when: dates.ResolvedDate | None) -> tuple[str | None, str]:
    """The registered joint air patrol whose dates lie within three days of `when`."""
    if when is None or when.end is None:
        return None, "no date to compare with the known patrols"
    events = [r for r in d.known_events if r["event_type"] == "joint_air_patrol"]
    window = dt.timedelta(days=3)
    low = (when.start or when.end - dt.timedelta(days=30)) - window
    high = when.end + window
    hits = [
        r["event_id"]
        for r in events
        if (r["end_date"] is None or r["end_date"] >= low)
        and (
            (r["start_date"] or r["end_date"]) is None or (r["start_date"] or r["end_date"]) <= high
        )
    ]
    if len(hits) == 1:
        return hits[0], f"the known patrol {hits[0]} lies within three days of this date"
    if hits:
        return None, f"several known patrols fit the date: {', '.join(hits)}"
    return (
        None,
        "no known patrol within three days: define a new event in registries/events.yaml",
    )


def propose(d: Drafter) -> str | None:
    """Mentions of the patrol the article reports; returns the linked event id."""
    linked = None
    for s in SENTENCE.finditer(d.text[: d.end]):
        if not PATROL.search(s.group(0)) or d.in_headline(s.start()):
            continue
        sentence = _quotable(d, s)
        if sentence is None:
            continue
        dated = _date_quote(d, s.start(), s.end())
        when = None
        if dated is not None:
            when = dates.resolve(dated[0], d.anchor)
            if dated[1]:
                when = dates.end_bound(when)
        event_id, why = _known_event(d, when)
        lines = _mention(d, event_id or "NEW-EVENT-ID", sentence, dated, s)
        unsure = None if event_id else why
        d.draft.items.append(Item("events", lines, unsure, None if unsure else why))
        linked = linked or event_id
    if not any(item.section == "events" for item in d.draft.items):
        _first_report(d)
    return linked


def _first_report(d: Drafter) -> None:
    """No sentence names a joint patrol: propose the first sentence that counts aircraft
    as the report of an event to define (commented out: the editor decides what it is)."""
    for s in SENTENCE.finditer(d.text[: d.end]):
        if d.in_headline(s.start()) or not AIRCRAFT.search(s.group(0)):
            continue
        sentence = _quotable(d, s)
        if sentence is None:
            continue
        lines = _mention(d, "NEW-EVENT-ID", sentence, _date_quote(d, s.start(), s.end()), s)
        why = (
            "no sentence names a joint patrol; if this reports a new event, define it in "
            "registries/events.yaml (id, type, summary) and use its id here"
        )
        d.draft.items.append(Item("events", lines, why))
        return


def _quotable(d: Drafter, s: re.Match[str]) -> str | None:
    """The sentence `s` without the spaces around it, if words of it can be quoted
    uniquely; else None."""
    sentence = s.group(0).strip()
    start = s.start() + s.group(0).index(sentence)
    if unique_around(d.text, start, start + len(sentence), s.end()) is None:
        return None
    return sentence


def _mention(
    d, event_id: str, sentence: str, dated: tuple[str, bool] | None, s: re.Match[str]
) -> list[str]:
    """An event mention: the event, the sentence, its date phrase and the places it names."""
    lines = [f"- id: {event_id}", f"  quote: {yaml_string(sentence)}"]
    if dated is not None:
        end_only = ", end_only: true" if dated[1] else ""
        lines.append(f"  date: {{quote: {yaml_string(dated[0])}{end_only}}}")
    places = d.mentions(d.registries.places, s.start(), s.end())
    if places:
        lines.append("  places:")
        lines += [f"    - {quote_entry(d.text, a, b)}   # {pid}" for a, b, pid in places]
    return lines
