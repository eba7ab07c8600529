"""Event mentions and their date claims (steps/events.py): the sentence that reports an
event, the known event it most likely is, and the date phrase next to it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .. import dates
from .document import Item, unique_around
from .event_dates import (
    ANNOUNCED_FORMS,
    _comment_date,
    _form,
    _sequence,
    _undated_parents,
    _window,
    after_clause,
    date_quote,
    dated_in_sequence,
    dateline_form,
    days_within_a_span,
    kind_words,
    range_form,
    report_form,
    stage_form,
    under_way_at_report,
)
from .mention_lines import mention_lines, mention_quote, other_claim
from .names import named_event
from .new_events import NewEvent, exercise_type, name_key, new_id, slug_of
from .patterns import (
    AIRCRAFT,
    DATELINE_WORDS,
    DRILL_NOUNS,
    EDITION,
    EVENT_WORDS,
    EXERCISE_TYPES,
    GENERIC_PATROL,
    JOINT_PATROLS,
    ORDINAL_SERIES,
    ORDINALS,
    PASSING_DRILLS,
    PASSING_TYPES,
    sentences,
)
from .sentence_dates import sentence_dates, the_event_before

if TYPE_CHECKING:
    from .proposals import Drafter

# the events that answer a patrol or happen within it: linked beside it, written out with
# it as their parent; those marked with a country are named after the one that answers
ANSWER_TYPES = frozenset(
    {
        "scramble",
        "intercept",
        "warning_shots",
        "airspace_violation",
        "diplomatic_protest",
        "diplomatic_summons",
        "airfield_landing",
    }
)
_ANSWERED_BY_A_COUNTRY = frozenset(
    {"scramble", "intercept", "warning_shots", "diplomatic_protest", "diplomatic_summons"}
)


def known_window(d: Drafter, event_id: str) -> tuple[dt.date, dt.date] | None:
    """The days a registered event may lie in: its combined dates, else every day its date
    claims name (a report gives only a bound), else None (an undated event)."""
    for r in d.known_events:
        if r["event_id"] == event_id and r["start_date"] and r["end_date"]:
            return r["start_date"], r["end_date"]
    days = [
        day
        for r in d.known_dates
        if r["event_id"] == event_id
        for day in (r["start_date"], r["end_date"])
        if day is not None
    ]
    for r in d.known_events:
        if r["event_id"] == event_id:
            days += [day for day in (r["start_date"], r["end_date"]) if day is not None]
    return (min(days), max(days)) if days else None


def reported_window(d: Drafter, event_id: str) -> tuple[dt.date, dt.date] | None:
    """For an event no claim dates: the month either side of the first report of it (a
    source reports an event it dates no nearer than that, or announces it)."""
    days = d.reported_on.get(event_id)
    if not days:
        return None
    first = min(days)
    return first - dt.timedelta(days=30), first + dt.timedelta(days=30)


def fits(
    event: tuple[dt.date, dt.date] | None, window: tuple[dt.date, dt.date], slack: int = 3
) -> bool:
    """The event's days overlap the window widened by `slack` days on each side."""
    if event is None:
        return False
    margin = dt.timedelta(days=slack)
    return event[1] >= window[0] - margin and event[0] <= window[1] + margin


def candidates(
    d: Drafter, types: frozenset[str], window: tuple[dt.date, dt.date] | None
) -> list[str]:
    """The registered and newly drafted events of a compatible type whose days come within
    three days of the window."""
    if window is None:
        return []
    found = [
        r["event_id"]
        for r in d.known_events
        if r["event_type"] in types and fits(known_window(d, r["event_id"]), window)
    ]
    found += [e.id for e in d.new_events if e.type in types and fits(e.window, window)]
    if not found:  # the events no claim dates, placed by their first report
        found = [
            r["event_id"]
            for r in d.known_events
            if r["event_type"] in types
            and known_window(d, r["event_id"]) is None
            and fits(reported_window(d, r["event_id"]), window, slack=0)
        ]
    return list(dict.fromkeys(found))


def _known_event(
    d: Drafter,
    types: frozenset[str],
    window: tuple[dt.date, dt.date] | None,
    sentence: str,
    linked: list[str],
) -> tuple[list[str], str]:
    """The events of a compatible type whose dates come within three days of the window,
    with the reason: one that fits; else, of several, the one the article already links,
    the one of the type the sentence's own words name, or an answer (a scramble) with the
    patrol it answers; none with the reason when none or several fit."""
    if window is None:
        return [], "no date to compare with the known events"
    hits = candidates(d, types, window)
    kinds = "/".join(sorted(types))
    if len(hits) == 1:
        return hits, f"the {kinds} {hits[0]} lies within three days of this date"
    if not hits:
        # an event this article links already, which no claim dates: its later sentences
        undated = [
            e
            for e in dict.fromkeys(linked)
            if d.event_kind(e) in types
            and known_window(d, e) is None
            and e not in {n.id for n in d.new_events}
        ]
        if len(undated) == 1:
            return undated, f"{undated[0]}: the one undated {kinds} this article links already"
        return [], f"no known {kinds} within three days"
    kind_of = d.event_kind
    specific = event_types(sentence, specific=True)
    answers = [h for h in hits if kind_of(h) in ANSWER_TYPES and kind_of(h) in specific]
    if len(answers) == 1:
        parent = d.event_parent(answers[0])
        pair = [parent, answers[0]] if parent in hits else answers
        return pair, f"{' and '.join(pair)}: the answer and the event it answers fit this date"
    for narrowed, why in (
        ([h for h in hits if h in linked], "the one of them this article already links"),
        ([h for h in hits if kind_of(h) in specific], "the one of the type the words name"),
        (
            [h for h in hits if kind_of(h) not in ANSWER_TYPES and h in linked[:1]],
            "the article's first event",
        ),
    ):
        if len(narrowed) == 1:
            return narrowed, f"{narrowed[0]}: {why} of those that fit ({', '.join(hits)})"
    return [], f"several known events fit the date: {', '.join(hits)}"


def _identified(d: Drafter, lo: int, hi: int, why: str) -> tuple[list[str], str]:
    """The event a dateless source's sentence fits alone (context_year), with the reason."""
    for found in d.identified:
        if found.start < hi and lo < found.end:
            return [found.event_id], f"{found.why}: only {found.event_id} fits"
    return [], why


def _named_otherwise(d: Drafter, event_id: str) -> bool:
    """Another annotation gives the event a series name."""
    return any(r["event_id"] == event_id for r in d.known_names)


# how far from the days the sentence may report an event counted the same way may lie: the
# counts of two sources differ ("the fifth patrol" of 2024 and of 2025)
_COUNT_SLACK = 45


def counted_event(
    d: Drafter,
    sentence: str,
    types: frozenset[str],
    window: tuple[dt.date, dt.date] | None = None,
) -> tuple[list[str], str]:
    """The known event a sentence counts as the Nth of its kind ("the first joint naval
    patrol", "their fifth joint patrol" of ships), as another annotation counts it (scope
    overall), of a type the sentence's words fit, and (given the days the sentence may
    report) dated within a month and a half of them or in a year the sentence names ("The
    first joint patrol was conducted in 2021")."""
    m = ORDINAL_SERIES.search(sentence)
    if m is None:
        return [], ""
    ordinal = ORDINALS.get(m.group("ordinal").casefold())
    found = {
        r["event_id"]
        for r in d.known_ordinals
        if r["ordinal"] == ordinal
        and r["scope"] in ("overall", "area")
        and d.event_kind(r["event_id"]) in types
        and (
            window is None
            or (days := known_window(d, r["event_id"])) is None
            or fits(days, window, _COUNT_SLACK)
            or re.search(rf"\b(?:{days[0].year}|{days[1].year})\b", sentence) is not None
        )
    }
    if len(found) == 1:
        event = found.pop()
        return [event], f"another annotation counts {event} as the {m.group(0)!r}"
    return [], ""


def event_types(text: str, *, specific: bool = False) -> frozenset[str]:
    """The event types the words of `text` fit; `specific`: leave out the words that fit
    more than one kind ("joint patrol")."""
    found = frozenset(
        t
        for pattern, kinds in EVENT_WORDS
        if not (specific and pattern is GENERIC_PATROL)
        for t in kinds
        if pattern.search(text)
    )
    if not SUBMARINE.search(text):  # a submarine patrol is named so
        found -= {"joint_submarine_patrol"}
    if found & EXERCISE_TYPES and _in_passing(text):
        found -= EXERCISE_TYPES
    return found


_DRILL = re.compile(rf"(?i)\b{DRILL_NOUNS}\b")


def _in_passing(text: str) -> bool:
    """Every exercise the words name is one in passing ("other joint exercises", "a series
    of military exercises"): no exercise of its own to link or write out, unless a name
    ("Joint Sea-2021") says which."""
    if EDITION.search(text):
        return False
    passing = [m.span() for m in PASSING_DRILLS.finditer(text)]
    drills = list(_DRILL.finditer(text))
    return bool(drills) and all(
        any(a <= m.start() and m.end() <= b for a, b in passing) for m in drills
    )


def propose(d: Drafter) -> str | None:
    """A mention of each sentence that reports an event of a kind the patterns know (joint
    patrols, drills, scrambles ...), linked to the event of a compatible type whose dates fit
    the sentence's date phrase (or, without one, the publication's fortnight), with that
    phrase as its date claim; where no registered event fits, a new event written out
    (`new_events`). Returns the first event linked."""
    linked: list[str] = []
    lead = 0  # the body sentences read so far: the lead reports the article's own event
    # the mentions' lines whose date is the day of a report (with that day, and whether it is
    # the dateline's), and the last days of the event its own phrases give, with their form
    report_days: dict[str, list[tuple[list[str], dt.date, bool]]] = {}
    own_ends: dict[str, list[tuple[dt.date, str | None]]] = {}
    for lo, hi in d.body_sentences():
        for a, b in d.skip:  # a sentence that opens with the dateline is quoted after it
            if a <= lo < b or (lo < a and d.text[lo:a].strip() in ("", "date")):
                lo = b + _DATELINE_TAIL.match(d.text, b, hi).end() - b  # type: ignore[union-attr]
        if (dateline := _DATELINE_HEAD.match(d.text, lo, hi)) is not None:
            lo = dateline.end()  # one the publication date did not come from
        sentence = d.text[lo:hi]
        lead += 1
        types = sentence_types(d, lo, hi)
        if not types and (item := the_event_before(d, lo, hi)) is not None:
            d.draft.items.append(item)  # "This move, which took place on Wednesday, ..."
        if not types or unique_around(d.text, lo, hi, hi) != (lo, hi):
            continue
        claims = sentence_dates(d, lo, hi)
        form, dated = claims.form, claims.dated
        when = None
        if dated is not None:
            when = dates.resolve(dated[0], d.anchor, ahead=form in ANNOUNCED_FORMS)
            if dated[1] and form == "announced":
                dated, when = None, None  # the day it was announced dates nothing of it
            elif dated[1]:
                form = report_form(sentence)
        by_dateline = None
        if dated is None and (lead <= 3 or form == "end_only"):
            by_dateline = dateline_form(sentence, form)
        if by_dateline is not None and d.dateline and d.anchor is not None:
            # "have completed the patrol, the fleet reported": over by the report's day
            dated, when = (d.dateline, True), dates.resolve(d.dateline, d.anchor)
            form = by_dateline
        window = _window(d, when, form)
        events, why = named_event(d, sentence)
        named = why
        if not events:
            events, why = _identified(d, lo, hi, why)
        if not events and not why:
            events, why = counted_event(d, sentence, types, window)
        if not events and (not why or named):
            # each kind of event the words name is linked on its own ("the patrol followed
            # the drills" mentions both)
            reasons, open_kinds = [], []
            # an edition no registered series spells ("Russia's "Ocean-2024" exercise") is not
            # an exercise the other annotations name otherwise
            edition = EDITION.search(sentence) if not named else None
            for family in _families(types):
                found, reason = _known_event(d, family, window, sentence, linked)
                if edition is not None and family <= EXERCISE_TYPES:
                    kept = [e for e in found if not _named_otherwise(d, e)]
                    if kept != found:
                        found, reason = kept, f"{reason}; but it is not named {edition.group(1)!r}"
                events += [e for e in found if e not in events]
                reasons.append(reason)
                if not found and not reason.startswith("several"):
                    open_kinds.append(family)
            if any(d.event_kind(e) not in ANSWER_TYPES for e in events):
                # a sentence reports one event: beside one it links, another kind of event
                # it names is linked only if registered
                open_kinds = [f for f in open_kinds if f <= ANSWER_TYPES]
            why = "; ".join(reasons)
            if open_kinds:
                new, new_why = _new_events(
                    d,
                    (lo, hi),
                    frozenset().union(*open_kinds),
                    when,
                    window,
                    lead,
                    named,
                    linked + events,
                )
                if new:
                    events += new
                    why = new_why if not events[: -len(new)] else f"{why}; {new_why}"
                elif new_why:
                    why = f"{why}; {new_why}"
        if not events:  # a proposal for the editor: a new event, or one to pick
            quote = mention_quote(d, lo, hi)
            lines = mention_lines(d, "NEW-EVENT-ID", quote, dated, form, lo, hi)
            d.draft.items.append(Item("events", lines, why))
            continue
        seq = _sequence(d, events, sentence, linked, ORDERED_TYPES, event_types)
        if seq is not None and seq.later not in events:
            events.insert(0, seq.later)  # "the patrol was conducted after the drills ..."
        dated_event = _dated_event(d, events, sentence, dated)
        if seq is not None and dated is not None:
            dated_event, form = dated_in_sequence(seq, sentence, dated, form)
        for event_id in events:
            own = dated if event_id == dated_event else None
            after = seq.earlier if seq is not None and seq.later == event_id else None
            # a report is published on its day: "published on Monday" dates it, not its end
            own_form = None if d.event_kind(event_id) == "report_publication" else form
            if own is not None and not own[1]:
                own_form = range_form(when, own_form)
                own_form = stage_form(d.event_kind(event_id), sentence, own_form, when)
            lines = mention_lines(
                d,
                event_id,
                mention_quote(d, lo, hi, event_id, seq),
                own,
                own_form,
                lo,
                hi,
                events + linked,
                after if own is None else None,
            )
            d.draft.items.append(Item("events", lines, None, why))
            if own is not None and claims.unsure is not None:
                _comment_date(lines, claims.unsure)
            if own is not None and claims.other is not None and seq is None:
                ahead = form in ANNOUNCED_FORMS
                other_claim(d, event_id, claims.other, why, ahead, report_days, own_ends)
            if own is not None and seq is not None and after is not None:
                clause = after_clause(d, lo, hi, seq)
                if clause is not None:
                    d.draft.items.append(Item("events", clause, None, why))
            if own is not None and when is not None and when.end is not None:
                if own[1]:
                    report = (lines, when.end, by_dateline is not None)
                    report_days.setdefault(event_id, []).append(report)
                elif any(line.startswith("  date: {quote: ") for line in lines):
                    own_ends.setdefault(event_id, []).append((when.end, own_form))
            linked.append(event_id)
            d.event_sentences.append((lo, hi, event_id))
    under_way_at_report(report_days, own_ends)
    days_within_a_span(d)
    _undated_parents(d)
    d.linked_events = list(dict.fromkeys(linked))
    if not any(item.section == "events" for item in d.draft.items):
        _first_report(d)
    return linked[0] if linked else None


# the kinds of event a sentence may put one after another ("the patrol followed the drills")
ORDERED_TYPES = JOINT_PATROLS | EXERCISE_TYPES | PASSING_TYPES
# the kinds of event a report is of; an answer (a scramble) is written out only beside one
_PRIMARY_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"joint_air_patrol"}),
    frozenset({"joint_naval_patrol", "joint_submarine_patrol"}),
    EXERCISE_TYPES,
)


_DATELINE_HEAD = re.compile(rf"\s*{DATELINE_WORDS}")
# what follows a dateline before the report: the wire in brackets or slashes, a dash
_DATELINE_TAIL = re.compile(
    r"[.,]?\s*(?:\([^)\n]{1,40}\)|/[^/\n]{1,20}/)?\.?\s*(?:--|[-\u2013\u2014:])?\s*"
)
# an exercise of its own: joint drills, not "military exercises" in passing
JOINT_DRILLS = re.compile(
    r"(?i)\b(?:joint|combined|bilateral)\b(?:\s+[\w-]+){0,3}?\s+"
    rf"{DRILL_NOUNS}\b"
)
# submarines, not "anti-submarine" drills
SUBMARINE = re.compile(r"(?i)(?<!anti-)(?<!anti )\bsubmarines?\b")
# submarines that patrol: "Diesel-electric submarines ... have conducted a joint patrol", "the
# first submarine patrol"
SUBMARINE_PATROL = re.compile(
    r"(?i)(?<!anti-)(?<!anti )\bsubmarines?\s+patrols?\b|(?<!anti-)(?<!anti )\bsubmarines\b"
    r"[^.]{0,100}?\b(?:conducted|conduct|held|hold|began|launched|carried\s+out)\b[^.]{0,30}?"
    r"\bpatrols?\b"
)


# a joint patrol of border or coast guards is none of the military patrols the dataset holds
GUARDS = re.compile(r"(?i)\b(?:border|coast)\s+guards?\b")


def sentence_types(d: Drafter, lo: int, hi: int) -> frozenset[str]:
    """The event types a sentence's words fit. "A joint patrol" is of aircraft or of ships:
    the sentence's own words say which, else its paragraph's, else the article's."""
    sentence = d.text[lo:hi]
    specific = event_types(sentence, specific=True)
    if SUBMARINE_PATROL.search(sentence):
        # submarines that patrol make a submarine patrol, not a patrol of warships
        return (specific - {"joint_naval_patrol"}) | {"joint_submarine_patrol"}
    if not GENERIC_PATROL.search(sentence) or specific & JOINT_PATROLS:
        return specific
    if GUARDS.search(sentence):
        return specific  # border or coast guards on a joint patrol: no patrol of the armies
    line = d.text[d.text.rfind("\n", 0, lo) + 1 : d.text.find("\n", hi) % (d.end + 1)]
    for context in (line, d.text[: d.end]):
        patrols = event_types(context, specific=True) & JOINT_PATROLS
        if len(patrols - {"joint_submarine_patrol"}) == 1:
            return specific | patrols
    return specific | (event_types(sentence) & JOINT_PATROLS)


def _dated_event(
    d: Drafter, events: list[str], sentence: str, dated: tuple[str, bool] | None
) -> str | None:
    """Of the events a sentence links, the one its date phrase dates: the one whose words
    stand nearest before the phrase ("departed on August 7, having first taken part in the
    drill" dates the departure), else the first."""
    if dated is None or not events:
        return None
    if len(events) == 1:
        return events[0]
    at = sentence.find(dated[0])
    best, best_distance = events[0], None
    for event in events:
        positions = [m.end() for m in kind_words(d, event, sentence)]
        before = [p for p in positions if p <= at] if at >= 0 else []
        if not before and positions and at >= 0:
            continue  # its words all follow the phrase: not what the phrase dates
        distance = at - max(before) if before else len(sentence)
        if best_distance is None or distance < best_distance:
            best, best_distance = event, distance
    return best if best_distance is not None else None


def _families(types: frozenset[str]) -> list[frozenset[str]]:
    """The kinds of event the types hold: each primary family, and each answer alone."""
    found = [types & f for f in _PRIMARY_FAMILIES if types & f]
    return found + [frozenset({t}) for t in sorted(types & (ANSWER_TYPES | PASSING_TYPES))]


def _new_type(types: frozenset[str], sentence: str) -> str | None:
    """The one primary type a new event of this sentence has, else None."""
    families = [f for f in _PRIMARY_FAMILIES if types & f]
    if len(families) != 1:
        return None
    family = families[0]
    if family is EXERCISE_TYPES:
        return exercise_type(sentence)
    if "joint_submarine_patrol" in family:
        return "joint_submarine_patrol" if SUBMARINE.search(sentence) else ("joint_naval_patrol")
    return next(iter(family))


def _new_events(
    d: Drafter,
    span: tuple[int, int],
    types: frozenset[str],
    when: dates.ResolvedDate | None,
    window: tuple[dt.date, dt.date] | None,
    lead: int,
    named: str,
    linked: list[str],
) -> tuple[list[str], str]:
    """New events for a sentence no registered event fits: the event it reports (when its
    words give one primary type and it is dated, named, or in the article's lead), and the
    answer it tells of (a scramble, an intercept) beside the patrol it answers."""
    made: list[str] = []
    sentence = d.text[span[0] : span[1]]
    days = (when.start, when.end) if when is not None and when.start and when.end else None
    kind = _new_type(types, sentence)
    series = re.search(r"names '([^']+)'", named)
    if kind in EXERCISE_TYPES and series is None:
        series = EDITION.search(sentence)  # a name the series registry does not know yet
        if series is not None:
            earlier = [e.id for e in d.new_events if e.name == name_key(series.group(1))]
            if earlier:
                return earlier[:1], f"names {series.group(1)!r}, as this article's new event"
    if kind in EXERCISE_TYPES and not series and not JOINT_DRILLS.search(sentence):
        kind = None  # "military exercises" in passing: no exercise of its own
    if kind is not None and days is None and not series and window is not None:
        near = [
            r["event_id"]
            for r in d.known_events
            if r["event_type"] == kind and fits(known_window(d, r["event_id"]), window, 30)
        ]
        if near:  # an undated report a month from a known one: the editor decides
            return [], f"no day of its own, and {', '.join(near)} lies within a month: the same?"
    # a dateless source given a context year places its events by the days it reports
    placed = d.published is not None or d.context_days is not None
    if kind is not None and placed and (days is not None or series or lead <= 3):
        name = series.group(1) if series else slug_of(kind)
        event_id = new_id(d, kind, days, name)
        key = name_key(series.group(1)) if series else None
        d.new_events.append(NewEvent(event_id, kind, sentence, None, window, d.source_id, key))
        made.append(event_id)
    specific = event_types(sentence, specific=True)
    parent = (
        made[0]
        if made
        else next((e for e in reversed(linked) if d.event_kind(e) not in ANSWER_TYPES), None)
    )
    for answer in sorted(specific & ANSWER_TYPES):
        if parent is None or any(
            d.event_kind(e) == answer and d.event_parent(e) == parent for e in linked + made
        ):
            continue
        answering: list[str | None] = list(d.answering_countries(*span))
        if not answering:
            if answer in _ANSWERED_BY_A_COUNTRY:
                continue
            answering = [None]
        for who in answering:  # each country's scramble is an event of its own
            name = f"{who}-{slug_of(answer)}" if who else slug_of(answer)
            event_id = new_id(d, answer, days, name)
            d.new_events.append(NewEvent(event_id, answer, sentence, parent, window, d.source_id))
            made.append(event_id)
    for passing in sorted(types & PASSING_TYPES) if days is not None else ():
        # a summit, a report, an agreement the words date: an event of its own
        event_id = new_id(d, passing, days, slug_of(passing))
        d.new_events.append(NewEvent(event_id, passing, sentence, None, window, d.source_id))
        made.append(event_id)
    why = "no registered event fits: a new event, written out for the registry"
    return made, why


def _first_report(d: Drafter) -> None:
    """No sentence names a joint patrol: propose the first sentence that counts aircraft
    as the report of an event to define (commented out: the editor decides what it is)."""
    for lo, hi in sentences(d.text, 0, d.end):
        sentence = d.text[lo:hi]
        if d.in_headline(lo) or not AIRCRAFT.search(sentence):
            continue
        if unique_around(d.text, lo, hi, hi) != (lo, hi):
            continue
        dated = date_quote(d, lo, hi)
        lines = mention_lines(d, "NEW-EVENT-ID", sentence, dated, _form(sentence), lo, hi)
        why = (
            "no sentence names a joint patrol; if this reports a new event, define it in "
            "registries/events.yaml (id, type, summary) and use its id here"
        )
        d.draft.items.append(Item("events", lines, why))
        return
