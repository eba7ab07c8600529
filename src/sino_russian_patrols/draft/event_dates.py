"""The date claims of event mentions (the `date:` of build/README.md, "Date rules"): the date
phrase a sentence gives and the bound its verbs put on it, the day of a report (or of the
dateline) made while the event went on or after it ended, and the order of two events a
sentence gives ("the patrol began after the drills"), which dates the later by the earlier.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .. import dates
from .document import unique_around
from .patterns import DATE_FORMS, EVENT_WORDS, REPORTED_ON

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
VAGUE_DATE = re.compile(r"(?i)\b(?:that day|the same day|earlier this year)\b|^(?:this year)$")
# the date forms whose claims are asserted (measured with benchmarks/draft_recall.py)
ASSERTED_DATE_FORMS: frozenset[str | None] = frozenset(
    {None, "announced", "end_only", "start_only", "began_by"}
)
# a report made while the event went on: it had begun by the report's day (build/README.md,
# "A phrase that dates only the end or the report")
UNDER_WAY = re.compile(
    r"(?i)\b(?:began|begun|kicked off|launched|started|(?:are|is|were|was) (?:\w+ing)|"
    r"entered|spotted|sighted|identified|passed|passing|sailing|flying|detected)\b"
)


def report_form(sentence: str) -> str:
    """The bound the day of a report gives ("the ministry said on Saturday that ..."): the
    end of an event the words say is over (concluded, conducted, flew), else the start of
    one they say is under way or seen (began, entered, spotted)."""
    if _form(sentence) == "end_only":
        return "end_only"
    return "began_by" if UNDER_WAY.search(sentence) else "end_only"


def _window(
    d: Drafter, when: dates.ResolvedDate | None, form: str | None
) -> tuple[dt.date, dt.date] | None:
    """The days an event a sentence reports may lie in: its date phrase's days (the month
    before a day that bounds only its end or its report), else (no phrase) the fortnight up
    to the publication, or the three months after it for an event the sentence announces."""
    month = dt.timedelta(days=30)
    if when is not None and when.end is not None:
        if form in ("end_only", "began_by"):
            return when.end - month, when.end
        return (when.start or when.end - month, when.end)
    if d.published is None:
        return None
    if form == "announced":
        return d.published, d.published + dt.timedelta(days=90)
    return d.published - dt.timedelta(days=14), d.published


def _form(sentence: str) -> str | None:
    """The date claim's form the sentence's verbs give: announced, end_only, start_only."""
    for form, pattern in DATE_FORMS:
        if pattern.search(sentence):
            return form
    return None


# the words that put one event after another ("the patrol was held right after the drills")
_AFTER = re.compile(r"(?i)\b(?:after|following|followed|upon completion of|on completion of)\b")


def kind_words(d: Drafter, event: str, sentence: str) -> list[re.Match[str]]:
    """The words of an event's kind in the sentence (EVENT_WORDS), pattern by pattern."""
    kind = d.event_kind(event)
    return [
        m for pattern, kinds in EVENT_WORDS if kind in kinds for m in pattern.finditer(sentence)
    ]


def _words_at(d: Drafter, event: str, sentence: str) -> int | None:
    """Where the words of an event's kind first stand in the sentence."""
    found = [m.start() for m in kind_words(d, event, sentence)]
    return min(found) if found else None


def _sequence(d: Drafter, events: list[str], sentence: str) -> tuple[str, str] | None:
    """(later, earlier) when the sentence puts one of its two events after the other: the
    words of the later one, then "after" (or "following", "followed"), then the other's."""
    if len(events) != 2:
        return None
    at = {e: _words_at(d, e, sentence) for e in events}
    if None in at.values():
        return None
    first, second = sorted(events, key=lambda e: at[e])  # type: ignore[arg-type,return-value]
    between = sentence[at[first] : at[second]]  # type: ignore[misc]
    return (first, second) if _AFTER.search(between) else None


def _date_unsure(d: Drafter, dated: tuple[str, bool], form: str | None) -> str | None:
    """Why a date claim is proposed commented out, or None: asserted are the forms the
    curated corpus confirms (`ASSERTED_DATE_FORMS`), the day of a report with the bound
    `report_form` reads from the verbs."""
    if VAGUE_DATE.search(dated[0]):
        return "a phrase that relates the event to another day, not its date: check the day"
    if form not in ASSERTED_DATE_FORMS:
        return f"the verb suggests {form}, a form the curated files do not confirm here"
    resolved = dates.resolve(dated[0], d.anchor, ahead=form == "announced")
    if resolved.start is None:
        return "the phrase gives no earlier bound (began_by or before: an event?)"
    return None


def _undated_parents(d: Drafter) -> None:
    """An answer dated `same_as` its patrol shares the patrol's days: where neither this
    article (by a phrase of its own) nor the other sources date the patrol, there is nothing to
    share, and the claim would date nothing (commented out)."""
    mentions = [i for i in d.draft.items if i.section == "events" and i.unsure is None]
    dated = {
        i.lines[0].removeprefix("- id: ")
        for i in mentions
        if any(line.startswith("  date: {quote: ") for line in i.lines)
    } | {e["event_id"] for e in d.known_events if e["start_date"] or e["end_date"]}
    for item in mentions:
        for line in item.lines:
            m = _SAME_AS.match(line)
            if m is not None and m.group(1) not in dated:
                _comment_date(item.lines, f"no source dates {m.group(1)}: no days to share")


_SAME_AS = re.compile(r"  date: \{same_as: ([\w-]+),")


def _comment_date(lines: list[str], why: str) -> None:
    """Comment out the asserted date line of a mention's lines, with the reason."""
    for i, line in enumerate(lines):
        if line.startswith("  date: "):
            lines[i] = f"  # {line.strip()}   # unsure: {why}"
