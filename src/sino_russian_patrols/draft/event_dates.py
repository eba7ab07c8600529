"""The date claims of event mentions (the `date:` of build/README.md, "Date rules"): the date
phrase a sentence gives and the bound its verbs put on it, the day of a report (or of the
dateline) made while the event went on or after it ended, and the order of two events a
sentence gives ("the patrol began after the drills"), which dates the later by the earlier.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import yaml

from .. import dates
from .context_year import report_window
from .document import unique_around, unique_before, yaml_string
from .patterns import (
    DATE_FORMS,
    DATELINE_PLACE,
    EVENT_WORDS,
    JOINT_PATROLS,
    PASSING_TYPES,
    RECENTLY,
    REPORTED_ON,
    TIME_ZONE_ASIDE,
    VOYAGE_HELD,
    VOYAGE_STAGE,
)

if TYPE_CHECKING:
    from .proposals import Drafter


def local_days(text: str) -> str:
    """The text with the times it converts to another zone blanked out ("just after 9 a.m.
    (midnight GMT Monday)"): the day in brackets is Greenwich's, the day before the local
    one, and the date rules read the weekday as the place's own. The length is kept, so
    that offsets still point into the text."""
    return TIME_ZONE_ASIDE.sub(lambda m: " " * len(m.group(0)), text)


def date_quote(d: Drafter, lo: int, hi: int, *, ahead: bool = False) -> tuple[str, bool] | None:
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
    found = dates.find_phrase(local_days(d.text[lo:hi]))
    if found is not None and DATELINE_PLACE.fullmatch(d.text, line_start, lo + found[0]):
        # a dateline the build does not read as one still dates the article: the phrase
        # after it is the event's
        lo += found[1]
        found = dates.find_phrase(local_days(d.text[lo:hi]))
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
    # a range's "from" and a weekday's part of the day are the phrase's, as the curated
    # files quote them ("from October 14 to 17", "on Wednesday morning")
    if RANGE.search(d.text, start, end) and d.text[max(lo, start - 5) : start] == "from ":
        start -= 5
    if (part := DAY_PART.match(d.text, end, hi)) and re.search(dates._WEEKDAY, d.text[start:end]):
        end = part.end()
    # "recent" is no day of a report: "issued a statement at the end of a recent summit"
    # dates the summit
    recent = RECENTLY.fullmatch(d.text, start, end)
    report = None if recent else REPORTED_ON.search(d.text[max(lo, start - 90) : start])
    if report:
        start -= len(report.group(0))
    span = unique_before(d.text, start, end, lo) or unique_around(d.text, start, end, hi)
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


# a range of days: "October 14 to 17", "July 20 through 23", "August 1-5"
RANGE = re.compile(r"\d\s*(?:-|–|\bto\b|\bthrough\b)\s*\w")
# the part of a day after a weekday: "Wednesday morning"
DAY_PART = re.compile(r" (?:morning|afternoon|evening|night)\b")
# phrases the curated files do not take as an event's own date ("that day" of a sighting
# reported during the patrol, "this year" beside "In June")
VAGUE_DATE = re.compile(r"(?i)\b(?:that day|the same day|earlier this year)\b|^(?:this year)$")
# the date forms whose claims are asserted (measured with benchmarks/draft_recall.py)
ASSERTED_DATE_FORMS: frozenset[str | None] = frozenset(
    {None, "announced", "announced_end", "end_only", "start_only", "began_by"}
)
# the forms of an event still to come, whose phrase is read ahead of the publication:
# `announced_end` is its announced last day ("will last until September 7"), written
# `end_only: true, announced: true`
ANNOUNCED_FORMS = frozenset({"announced", "announced_end"})
# a report made while the event went on: it had begun by the report's day (build/README.md,
# "A phrase that dates only the end or the report")
UNDER_WAY = re.compile(
    r"(?i)\b(?:began|begun|kicked off|launched|started|(?:are|is|were|was) (?:\w+ing)|"
    r"entered|spotted|sighted|identified|detected)\b"
)
# the present perfect of a report: what is over by its day ("have conducted a joint patrol,
# the fleet said"), and what is under way by it ("have joined forces and entered the Sea of
# Japan", "have begun joint patrols")
DONE_BY_NOW = re.compile(
    r"(?i)\b(?:have|has)\s+(?:\w+\s+)?(?:completed|concluded|conducted|held|carried\s+out|"
    r"wrapped\s+up|finished|ended)\b"
)
UNDER_WAY_NOW = re.compile(
    r"(?i)\b(?:have|has)\s+(?:\w+\s+)?(?:begun|started|launched|kicked\s+off|entered|"
    r"joined\s+forces|set\s+off|set\s+sail|departed)\b"
)


def dateline_form(sentence: str, form: str | None) -> str | None:
    """The bound the dateline's day puts on the event a sentence of the article's lead
    reports without a day of its own: the end of what the verbs say is over by then (a
    concluding verb, or the present perfect "have conducted"), the start of what they say
    is under way or begun ("have joined forces and entered", "departed for the Sea of
    Japan": it had begun by then, not on that day); else None (the dateline dates only the
    article)."""
    if form == "end_only" or (form is None and DONE_BY_NOW.search(sentence)):
        return "end_only"
    if form == "start_only" or (form is None and UNDER_WAY_NOW.search(sentence)):
        return "began_by"
    return None


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
        if form in ("end_only", "began_by", "announced_end"):
            return when.end - month, when.end
        return (when.start or when.end - month, when.end)
    if d.published is None:
        return report_window(d)  # a dateless source: the days it reports (context_year)
    if form == "announced":
        return d.published, d.published + dt.timedelta(days=90)
    return d.published - dt.timedelta(days=14), d.published


def _form(sentence: str) -> str | None:
    """The date claim's form the sentence's verbs give: announced, end_only, start_only."""
    for form, pattern in DATE_FORMS:
        if pattern.search(sentence):
            return form
    return None


# the words that put what stands before them after what follows them ("the patrol was held
# right after the drills", "the deployment follows the conclusion of the exercises", "departed
# on August 7, having first participated in the drill"); "followed by" turns the order round
# and is left out
AFTER = re.compile(
    r"(?i)\b(?:after|following|follows|followed(?!\s+by\b)|upon completion of|"
    r"on completion of|having first (?:participated|taken part|joined))\b"
)


@dataclass(frozen=True)
class Sequence:
    """Two events a sentence orders: `later` came after `earlier`; `at` is where the words
    that order them start in the sentence (what stands before them is of the later one)."""

    later: str
    earlier: str
    at: int


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


def _sequence(
    d: Drafter,
    events: list[str],
    sentence: str,
    linked: list[str],
    kinds: frozenset[str],
    types_of: Callable[[str], frozenset[str]],
) -> Sequence | None:
    """The order the sentence gives its events: the words of the later one, "after" (or
    "following", "follows", "having first participated in"), then the earlier one's, of the
    `kinds` that can be ordered (patrols, exercises, summits: not the answers to a patrol).
    The later one need not be among the sentence's events: its words before "after" name a
    kind the article links already ("the patrol was conducted after a joint exercise ...
    from Aug. 1 to 5", whose days are the exercise's, not the patrol's), the one of that kind
    linked last; and where they name no event at all ("The deployment follows the
    conclusion of the exercises"), the sentence tells of the article's own event, the first
    one it links of those kinds."""
    m = AFTER.search(sentence)
    if m is None or not sentence[: m.start()].strip():
        return None
    at = {e: _words_at(d, e, sentence) for e in events if d.event_kind(e) in kinds}
    later = [e for e, p in at.items() if p is not None and p < m.start()]
    earlier = [e for e, p in at.items() if p is not None and p >= m.end()]
    if len(earlier) != 1 or len(later) > 1:
        return None
    if not later:
        named = types_of(sentence[: m.start()])
        if named - kinds:
            return None  # the words before "after" are of an answer (a scramble): not ordered
        if named & JOINT_PATROLS:  # "the joint patrol": of aircraft, ships or submarines
            named |= JOINT_PATROLS
        pool = list(reversed(linked)) if named else list(linked)
        own = named or kinds - PASSING_TYPES
        later = [e for e in dict.fromkeys(pool) if d.event_kind(e) in own]
        later = [e for e in later if e != earlier[0]][:1]
    return Sequence(later[0], earlier[0], m.start()) if later else None


def range_form(when: dates.ResolvedDate | None, form: str | None) -> str | None:
    """The form of a phrase that gives a range of days: the event's days ("wrapped up a
    joint naval exercise from October 14 to 17" dates the whole exercise, not only its
    end), so a verb of ending or beginning does not narrow it to one bound."""
    if form not in ("end_only", "start_only") or when is None or when.precision != "day":
        return form
    if when.start is not None and when.end is not None and when.start < when.end:
        return None
    return form


# the patrols of ships, which last weeks: a day of theirs is seldom the whole patrol
VOYAGES = frozenset({"joint_naval_patrol", "joint_submarine_patrol"})


def stage_form(
    kind: str | None, sentence: str, form: str | None, when: dates.ResolvedDate | None = None
) -> str | None:
    """The form of a day of a ships' patrol on which the words tell a stage of its voyage
    ("entered a specific area of the South China Sea on Sunday", "passed through the Soya
    Strait from Friday to Saturday"): the patrol was under way that day, and had begun by it
    (`began_by`); the day is not the whole patrol, which lasts weeks. One day on which the
    words say the patrol was held ("warships on Saturday conducted the first joint
    patrol") is not the whole patrol either: it was over by then (`end_only`)."""
    if form is not None or kind not in VOYAGES:
        return form
    if VOYAGE_STAGE.search(sentence):
        return "began_by"
    one_day = when is not None and when.precision == "day" and when.start == when.end
    if one_day and VOYAGE_HELD.search(sentence):
        return "end_only"
    return form


def dated_in_sequence(
    seq: Sequence, sentence: str, dated: tuple[str, bool], form: str | None
) -> tuple[str, str | None]:
    """The event a sentence that orders two events dates by its phrase, and the phrase's
    form: the day of a report dates the report of the later one (the sentence's own event);
    a phrase before the words that order them dates the later one, after them the earlier
    one, each with the form the verbs of its own part give ("launched in early August, after
    the drills had concluded": the start of the patrol, not the end of the drills)."""
    if dated[1]:
        return seq.later, form
    at = sentence.find(dated[0])
    if 0 <= at < seq.at:
        return seq.later, _form(sentence[: seq.at])
    return seq.earlier, _form(sentence[seq.at :])


def after_clause(d: Drafter, lo: int, hi: int, seq: Sequence) -> list[str] | None:
    """A mention of the later event quoting the words that put it after the earlier one
    ("after the drills had concluded"), dated `after` it: written beside the sentence's own
    mention when that one carries the later event's own date phrase. None when the words
    are not unique in the text."""
    start = lo + seq.at
    if unique_around(d.text, start, hi, hi) != (start, hi):
        return None
    note = f"The text says it came after {seq.earlier}: it began no earlier than that ended."
    return [
        f"- id: {seq.later}",
        f"  quote: {yaml_string(d.text[start:hi])}",
        f"  date: {{after: {seq.earlier}, note: {yaml_string(note)}}}",
    ]


def under_way_at_report(
    report_days: dict[str, list[tuple[list[str], dt.date, bool]]],
    own_ends: dict[str, list[tuple[dt.date, str | None]]],
) -> None:
    """The days of reports beside the event's own days, settled once the article is read
    (the mentions' lines are rewritten in place):

    - where the article dates the event later than a report (Japan saw the bombers again
      the day after China said they had conducted a joint patrol), the event went on after
      the report, whose day bounds its start (`began_by`), not its end;
    - a report's day that bounds only the end adds nothing where the article dates the
      event itself (a day, a range, a concluding day): left to the editor (commented out);
    - the dateline's day is only the latest possible end of what the lead says is over: an
      earlier report's day says more, and the dateline's claim is left to the editor.
    A day that bounds only the start (`start_only`, "departed on August 7") leaves the
    report's end bound standing."""
    for event_id, mentions in report_days.items():
        ends = own_ends.get(event_id, [])
        for lines, day, dateline in mentions:
            if any(end > day for end, form in ends if form in (None, "end_only", "began_by")):
                for i, line in enumerate(lines):
                    if line.startswith("  date: {quote: ") and ", end_only: true" in line:
                        lines[i] = line.replace(", end_only: true", ", began_by: true")
            if not any(
                line.startswith("  date: {quote: ") and ", end_only: true" in line for line in lines
            ):
                continue
            if any(form in (None, "end_only") for _, form in ends):
                _comment_date(lines, "the article dates the event itself elsewhere")
            elif dateline and any(other < day for _, other, by in mentions if not by):
                _comment_date(lines, "the article gives an earlier end than the dateline's")


def days_within_a_span(d: Drafter) -> None:
    """A day the article gives an event (no verb bounds it) that lies within the days it
    gives the same event elsewhere ("for the second straight day on Wednesday" is Tuesday
    and Wednesday; "reached the Pacific around Wednesday afternoon"): one day of several,
    on which the event was under way, so it had begun by then (`began_by`), not the whole
    event. Read once the article's claims are drafted (the lines are rewritten in place)."""
    claims: dict[str, list[tuple[list[str], int, dates.ResolvedDate]]] = {}
    for item in d.draft.items:
        if item.section != "events" or item.unsure is not None:
            continue
        for i, line in enumerate(item.lines):
            if not line.startswith("  date: {quote: "):
                continue
            claim = yaml.safe_load(line.strip().removeprefix("date: "))
            if set(claim) != {"quote"}:
                continue  # a bound, or an announced event
            try:
                when = dates.resolve(claim["quote"], d.anchor)
            except ValueError:
                continue
            event_id = item.lines[0].removeprefix("- id: ")
            claims.setdefault(event_id, []).append((item.lines, i, when))
    for found in claims.values():
        spans = [
            (w.start, w.end)
            for _, _, w in found
            if w.precision == "day" and w.start and w.end and w.start < w.end
        ]
        for lines, i, w in found:
            one_day = w.precision == "day" and w.start is not None and w.start == w.end
            if one_day and any(a <= w.start <= b for a, b in spans):  # type: ignore[operator]
                lines[i] = lines[i].removesuffix("}") + ", began_by: true}"


def _date_unsure(d: Drafter, dated: tuple[str, bool], form: str | None) -> str | None:
    """Why a date claim is proposed commented out, or None: asserted are the forms the
    curated corpus confirms (`ASSERTED_DATE_FORMS`), the day of a report with the bound
    `report_form` reads from the verbs."""
    if VAGUE_DATE.search(dated[0]):
        return "a phrase that relates the event to another day, not its date: check the day"
    if form not in ASSERTED_DATE_FORMS:
        return f"the verb suggests {form}, a form the curated files do not confirm here"
    resolved = dates.resolve(dated[0], d.anchor, ahead=form in ANNOUNCED_FORMS)
    if resolved.start is None and not (form is None and RECENTLY.fullmatch(dated[0])):
        # "recently conducted" is all the text says: on or before the publication, as the
        # date rules read it; "before" wants the event it is before, "by" a bound
        return "the phrase gives no earlier bound (began_by or before: an event?)"
    return None


def _undated_parents(d: Drafter) -> None:
    """An answer dated `same_as` its patrol shares the patrol's days: where neither this
    article (by a phrase of its own) nor the other sources date the patrol, there is nothing to
    share, and the claim would date nothing (commented out). Nor is there where this article
    bounds only the patrol's start (`began_by`: it had begun by a day), which leaves it no
    earliest and no latest day. And the editors date an answer so only where the article
    dates the patrol itself: the days other sources give it are not this text's word on when
    the answer came (proposed commented out)."""
    mentions = [i for i in d.draft.items if i.section == "events" and i.unsure is None]
    claims: dict[str, list[str]] = {}
    for i in mentions:
        for line in i.lines:
            if line.startswith("  date: {quote: "):
                claims.setdefault(i.lines[0].removeprefix("- id: "), []).append(line)
    dated = set(claims) | {
        e["event_id"] for e in d.known_events if e["start_date"] or e["end_date"]
    }
    for item in mentions:
        for line in item.lines:
            m = _SAME_AS.match(line)
            if m is None:
                continue
            here = claims.get(m.group(1), [])
            if m.group(1) not in dated:
                _comment_date(item.lines, f"no source dates {m.group(1)}: no days to share")
            elif not here:
                why = f"this article gives {m.group(1)} no day: only other sources date it"
                _comment_date(item.lines, why)
            elif here and all(", began_by: true" in c for c in here):
                why = (
                    f"this article gives {m.group(1)} only a day it had begun by: no days to share"
                )
                _comment_date(item.lines, why)


_SAME_AS = re.compile(r"  date: \{same_as: ([\w-]+),")


def _comment_date(lines: list[str], why: str) -> None:
    """Comment out the asserted date line of a mention's lines, with the reason."""
    for i, line in enumerate(lines):
        if line.startswith("  date: "):
            lines[i] = f"  # {line.strip()}   # unsure: {why}"
