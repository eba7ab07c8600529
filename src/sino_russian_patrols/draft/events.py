"""Event mentions and their date claims (steps/events.py): the sentence that reports an
event, the known event it most likely is, and the date phrase next to it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .. import dates
from .document import Item, quote_entry, unique_around, yaml_string
from .patterns import (
    AIRCRAFT,
    DATE_FORMS,
    EVENT_WORDS,
    EXERCISE_TYPES,
    GENERIC_PATROL,
    ORDINAL_SERIES,
    ORDINALS,
    REPORTED_ON,
    sentences,
)

if TYPE_CHECKING:
    from .proposals import Drafter


def _date_quote(d: Drafter, lo: int, hi: int, *, ahead: bool = False) -> tuple[str, bool] | None:
    """A date phrase in text[lo:hi] that resolves, as a unique quote; and whether it is the
    day of a report ("said on Saturday"), which dates only the end."""
    for a, b in d.skip:  # the dateline dates the article, not the event
        if lo <= a < hi:
            lo = max(lo, b)
    # any dateline ("BEIJING, July 30 (Xinhua) --") dates the article, even when the
    # publication date came from elsewhere
    line_start = d.text.rfind("\n", 0, lo) + 1
    dateline = dates._DATELINE.match(d.text, line_start)
    if dateline is not None and lo <= dateline.end() < hi:
        lo = max(lo, dateline.end())
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
    report = REPORTED_ON.search(d.text[max(lo, start - 60) : start])
    if report:
        start -= len(report.group(0))
    span = unique_around(d.text, start, end, hi)
    if span is None:
        return None
    quote = d.text[span[0] : span[1]]
    try:
        resolved = dates.resolve(quote, d.anchor, ahead=ahead)
    except ValueError:
        return None
    if not ahead and resolved.start is not None and d.published and resolved.start > d.published:
        return None
    return quote, bool(report)


# phrases the curated files do not take as an event's own date ("that day" of a sighting
# reported during the patrol, "this year" beside "In June")
VAGUE_DATE = re.compile(r"(?i)\b(?:that day|the same day|this year|earlier this year)\b")
# the date forms whose claims are asserted (measured with benchmarks/draft_recall.py)
ASSERTED_DATE_FORMS: frozenset[str | None] = frozenset({None, "announced"})


def _window(
    d: Drafter, when: dates.ResolvedDate | None, announced: bool
) -> tuple[dt.date, dt.date] | None:
    """The days an event a sentence reports may lie in: its date phrase's days, else (no
    phrase) the fortnight up to the publication, or the three months after it for an event
    the sentence announces."""
    if when is not None and when.end is not None:
        return (when.start or when.end - dt.timedelta(days=30), when.end)
    if d.published is None:
        return None
    if announced:
        return d.published, d.published + dt.timedelta(days=90)
    return d.published - dt.timedelta(days=14), d.published


def _known_event(
    d: Drafter, types: frozenset[str], window: tuple[dt.date, dt.date] | None
) -> tuple[str | None, str]:
    """The one registered event of a compatible type whose dates come within three days of
    the window, with the reason; None with the reason when none or several do."""
    if window is None:
        return None, "no date to compare with the known events"
    slack = dt.timedelta(days=3)
    low, high = window[0] - slack, window[1] + slack
    hits = []
    for r in d.known_events:
        start, end = r["start_date"], r["end_date"]
        if r["event_type"] not in types or (start is None and end is None):
            continue
        start, end = start or end, end or start
        if end >= low and start <= high:
            hits.append(r["event_id"])
    kinds = "/".join(sorted(types))
    if len(hits) == 1:
        return hits[0], f"the known {kinds} {hits[0]} lies within three days of this date"
    if hits:
        return None, f"several known events fit the date: {', '.join(hits)}"
    return (
        None,
        f"no known patrol within three days (of type {kinds}): define a new event in "
        "registries/events.yaml",
    )


def _form(sentence: str) -> str | None:
    """The date claim's form the sentence's verbs give: announced, end_only, start_only."""
    for form, pattern in DATE_FORMS:
        if pattern.search(sentence):
            return form
    return None


def _named_event(d: Drafter, sentence: str) -> tuple[str | None, str]:
    """The known event a sentence names by its series and edition ("Joint Sea-2021",
    "Maritime Interaction 2025"), as another annotation names it."""
    found: set[str] = set()
    named: list[str] = []
    series_ids: set[str] = set()
    for series in d.registries.series:
        for alias in series.aliases:
            for m in re.finditer(
                rf"(?<!\w){re.escape(alias)}[-\s\u2010\u2011]?(?P<year>20\d\d)\b", sentence
            ):
                year = int(m.group("year"))
                named.append(m.group(0))
                series_ids.add(series.id)
                found |= {
                    r["event_id"]
                    for r in d.known_names
                    if r["series_id"] == series.id and r["edition"] == year
                }
    if len(found) == 1:
        event = found.pop()
        return event, f"the exercise {event} is named so in another annotation"
    if named and not found:
        # no annotation names it: the one exercise of that year no other name claims
        year = int(named[0][-4:])
        other_series = {r["event_id"] for r in d.known_names if r["series_id"] not in series_ids}
        hits = [
            r["event_id"]
            for r in d.known_events
            if r["event_type"] in EXERCISE_TYPES
            and r["event_id"] not in other_series
            and any(
                day is not None and day.year == year for day in (r["start_date"], r["end_date"])
            )
        ]
        if len(hits) == 1:
            return hits[0], f"the one exercise of {year} no other series names: {hits[0]}"
    if named:
        return None, f"names {named[0]!r}, which no known event is named: a new event"
    return None, ""


def _counted_event(d: Drafter, sentence: str) -> tuple[str | None, str]:
    """The known event a sentence counts as the Nth of its series ("the first joint naval
    patrol"), as another annotation counts it (scope overall)."""
    m = ORDINAL_SERIES.search(sentence)
    if m is None:
        return None, ""
    ordinal = ORDINALS.get(m.group("ordinal").casefold())
    kind = m.group("kind").casefold()
    found = {
        r["event_id"]
        for r in d.known_ordinals
        if r["ordinal"] == ordinal and r["scope"] == "overall" and kind in r["series"].casefold()
    }
    if len(found) == 1:
        event = found.pop()
        return event, f"another annotation counts {event} as the {m.group('ordinal')} {kind} patrol"
    return None, ""


def event_types(text: str, *, specific: bool = False) -> frozenset[str]:
    """The event types the words of `text` fit; `specific`: leave out the words that fit
    more than one kind ("joint patrol")."""
    return frozenset(
        t
        for pattern, kinds in EVENT_WORDS
        if not (specific and pattern is GENERIC_PATROL)
        for t in kinds
        if pattern.search(text)
    )


def propose(d: Drafter) -> str | None:
    """A mention of each sentence that reports an event of a kind the patterns know (joint
    patrols, drills, scrambles ...), linked to the one known event of a compatible type whose
    dates fit the sentence's date phrase (or, without one, the publication's fortnight), with
    that phrase as its date claim. Returns the first event linked."""
    linked: list[str] = []
    for lo, hi in sentences(d.text, 0, d.end):
        if d.in_headline(lo):
            continue
        sentence = d.text[lo:hi]
        types = event_types(sentence)
        if types and not event_types(sentence, specific=True):
            # "staged a joint patrol": the paragraph's words say of aircraft or of ships
            line = d.text[d.text.rfind("\n", 0, lo) + 1 : d.text.find("\n", hi) % (d.end + 1)]
            types = event_types(line, specific=True) or types
        if not types or unique_around(d.text, lo, hi, hi) != (lo, hi):
            continue
        form = _form(sentence)
        dated = _date_quote(d, lo, hi, ahead=form == "announced")
        when = None
        if dated is not None:
            when = dates.resolve(dated[0], d.anchor, ahead=form == "announced")
            if dated[1]:
                form = form or "end_only"
        event_id, why = _named_event(d, sentence)
        if event_id is None and not why:
            event_id, why = _counted_event(d, sentence)
        if event_id is None and not why:
            event_id, why = _known_event(d, types, _window(d, when, form == "announced"))
        lines = _mention(d, event_id or "NEW-EVENT-ID", sentence, dated, form, lo, hi)
        if event_id is None:  # a proposal for the editor: a new event, or one to pick
            d.draft.items.append(Item("events", lines, why))
            continue
        d.draft.items.append(Item("events", lines, None, why))
        linked.append(event_id)
        d.event_sentences.append((lo, hi, event_id))
    d.linked_events = list(dict.fromkeys(linked))
    if not any(item.section == "events" for item in d.draft.items):
        _first_report(d)
    return linked[0] if linked else None


def _first_report(d: Drafter) -> None:
    """No sentence names a joint patrol: propose the first sentence that counts aircraft
    as the report of an event to define (commented out: the editor decides what it is)."""
    for lo, hi in sentences(d.text, 0, d.end):
        sentence = d.text[lo:hi]
        if d.in_headline(lo) or not AIRCRAFT.search(sentence):
            continue
        if unique_around(d.text, lo, hi, hi) != (lo, hi):
            continue
        dated = _date_quote(d, lo, hi)
        lines = _mention(d, "NEW-EVENT-ID", sentence, dated, _form(sentence), lo, hi)
        why = (
            "no sentence names a joint patrol; if this reports a new event, define it in "
            "registries/events.yaml (id, type, summary) and use its id here"
        )
        d.draft.items.append(Item("events", lines, why))
        return


def _date_unsure(d: Drafter, dated: tuple[str, bool], form: str | None) -> str | None:
    """Why a date claim is proposed commented out, or None: asserted are the forms the
    curated corpus confirms (`ASSERTED_DATE_FORMS`); the day of a report ("said on
    Saturday") dates the end of a completed event but only the start of one still going on,
    which the words do not tell."""
    if dated[1]:
        return "the day of a report: end_only if the event was over by then, else began_by"
    if VAGUE_DATE.search(dated[0]):
        return "a phrase that relates the event to another day, not its date: check the day"
    if form not in ASSERTED_DATE_FORMS:
        return f"the verb suggests {form}, a form the curated files do not confirm here"
    resolved = dates.resolve(dated[0], d.anchor, ahead=form == "announced")
    if resolved.start is None:
        return "the phrase gives no earlier bound (began_by or before: an event?)"
    return None


def _mention(
    d: Drafter,
    event_id: str,
    sentence: str,
    dated: tuple[str, bool] | None,
    form: str | None,
    lo: int,
    hi: int,
) -> list[str]:
    """An event mention: the event, the sentence, its date phrase with its form, and the
    places it names."""
    lines = [f"- id: {event_id}", f"  quote: {yaml_string(sentence)}"]
    if dated is not None:
        flag = f", {form}: true" if form else ""
        line = f"  date: {{quote: {yaml_string(dated[0])}{flag}}}"
        why = _date_unsure(d, dated, form)
        lines.append(f"  # {line.strip()}   # unsure: {why}" if why else line)
    places = d.mentions(d.registries.places, lo, hi)
    if places:
        lines.append("  places:")
        lines += [f"    - {quote_entry(d.text, a, b)}   # {pid}" for a, b, pid in places]
    return lines
