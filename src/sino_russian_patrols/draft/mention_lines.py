"""The lines of an event mention (the event, the words it quotes, its date claim, the
places it names), the words it quotes (the sentence without who reported it), and the
mention of a sentence's other date claim (sentence_dates).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .. import dates
from .clauses import event_clause, ordered_clauses
from .document import Item, quote_entry, unique_around, yaml_string
from .event_dates import AFTER, _date_unsure, kind_words, range_form, stage_form
from .patterns import ATTRIBUTION_HEAD, ATTRIBUTION_TAIL, LOCATIVE, PASSING_TYPES

if TYPE_CHECKING:
    from .event_dates import Sequence
    from .proposals import Drafter
    from .sentence_dates import Claim

# what happens within a patrol, dated by it when the sentence gives no day of its own
DATED_BY_THE_PATROL = frozenset({"scramble", "intercept", "airfield_landing"})


def other_claim(
    d: Drafter,
    event_id: str,
    other: Claim,
    why: str,
    ahead: bool,
    report_days: dict[str, list[tuple[list[str], dt.date, bool]]],
    own_ends: dict[str, list[tuple[dt.date, str | None]]],
) -> None:
    """A mention of the event a sentence dates, for the sentence's other date claim (the day
    of its report, or the day of its other clause), quoting the words of that claim; its
    day is kept beside the others the article gives the event (`under_way_at_report`)."""
    when = dates.resolve(other.dated[0], d.anchor, ahead=ahead)
    form = other.form
    if not other.dated[1]:
        form = stage_form(d.event_kind(event_id), d.text[other.lo : other.hi], form, when)
        form = range_form(when, form)
    quote = d.text[other.lo : other.hi]
    lines = mention_lines(d, event_id, quote, other.dated, form, other.lo, other.hi)
    d.draft.items.append(Item("events", lines, None, why))
    if when.end is None:
        return
    if other.dated[1]:
        report_days.setdefault(event_id, []).append((lines, when.end, False))
    else:
        own_ends.setdefault(event_id, []).append((when.end, form))


def _a_place_here(d: Drafter, start: int, end: int, place_id: str) -> bool:
    """A country is where the event was only after a word of place ("in China", "over
    Japan"): "China's Defense Ministry" names a party, not a place."""
    kind = next((p.type for p in d.registries.places if p.id == place_id), None)
    if kind != "country":
        return True
    if re.match(r"[’']s\s+[A-Z]", d.text[end : end + 4]):
        return False  # "in the Pacific Ocean, Russia’s Defense Ministry reported": a body
    return LOCATIVE.search(d.text[max(0, start - 40) : start]) is not None


def mention_lines(
    d: Drafter,
    event_id: str,
    sentence: str,
    dated: tuple[str, bool] | None,
    form: str | None,
    lo: int,
    hi: int,
    beside: list[str] | None = None,
    after: str | None = None,
) -> list[str]:
    """An event mention: the event, the sentence, its date phrase with its form (or, for
    what happens within a patrol the article links, the patrol's dates), and the places it
    names."""
    lines = [f"- id: {event_id}", f"  quote: {yaml_string(sentence)}"]
    parent = d.event_parent(event_id) if event_id != "NEW-EVENT-ID" else None
    if d.event_kind(event_id) in DATED_BY_THE_PATROL and parent in (beside or []):
        note = f"The text gives it no day of its own; it happened during {parent}."
        lines.append(f"  date: {{same_as: {parent}, note: {yaml_string(note)}}}")
    elif after is not None:
        note = f"The text says it came after {after}: it began no earlier than that ended."
        lines.append(f"  date: {{after: {after}, note: {yaml_string(note)}}}")
    elif dated is not None:
        flag = f", {form}: true" if form else ""
        if form == "announced_end":  # the announced last day
            flag = ", end_only: true, announced: true"
        line = f"  date: {{quote: {yaml_string(dated[0])}{flag}}}"
        why = _date_unsure(d, dated, form)
        lines.append(f"  # {line.strip()}   # unsure: {why}" if why else line)
    places = [p for p in d.mentions(d.registries.places, lo, hi) if _a_place_here(d, *p)]
    if places:
        lines.append("  places:")
        lines += [f"    - {quote_entry(d.text, a, b)}   # {pid}" for a, b, pid in places]
    return lines


def mention_quote(
    d: Drafter, lo: int, hi: int, event_id: str | None = None, seq: Sequence | None = None
) -> str:
    """The words of a sentence an event mention quotes, as the editors quote them: without
    who reported it ("The ministry said on Tuesday that", ", the fleet said in a
    statement.") and without the final full stop; of those, the clause that names the event
    (`clauses`: the one holding the words of its kind), when it is unique in the text and
    holds the event's words; else the words without who reported it, else the whole
    sentence. Where the sentence orders two events (`seq`), each is quoted by its part of
    it (`ordered_clauses`), and " after <clause>" opens no clause of its own."""
    sentence = d.text[lo:hi]
    start, end = lo, hi
    if (tail := ATTRIBUTION_TAIL.search(sentence)) is not None:
        end = lo + tail.start()
    if (head := ATTRIBUTION_HEAD.match(sentence)) is not None and lo + head.end() < end:
        start = lo + head.end()
    if re.search(r"[a-z0-9)]\.$", d.text[start:end]):
        end -= 1
    words = d.text[start:end]
    fallback = words if (start, end) != (lo, hi) and _quotable(d, start, end) else sentence
    a, b = _clause(d, words, event_id, seq, lo + seq.at - start if seq else 0, tail is not None)
    a, b = start + a, start + b
    while b > a and d.text[b - 1] in " ,;:":
        b -= 1
    if (a, b) != (start, end) and _quotable(d, a, b):
        return d.text[a:b]
    return fallback


def _clause(
    d: Drafter, words: str, event_id: str | None, seq: Sequence | None, at: int, more: bool
) -> tuple[int, int]:
    """The span of `words` the event's mention quotes (`clauses`); `at`: where the words
    that order the sentence's two events (`seq`) stand in them."""
    anchors = _anchors(d, words, event_id)
    marker = AFTER.match(words, at) if seq is not None and at >= 0 else None
    if seq is None or marker is None or event_id not in (seq.later, seq.earlier):
        passing = d.event_kind(event_id) in PASSING_TYPES if event_id else False
        return event_clause(words, anchors, after=seq is None, more=more, passing=passing)
    later, earlier = ordered_clauses(
        words, marker.span(), _words_end(d, seq.earlier, words, marker.end())
    )
    if event_id == seq.earlier:
        return earlier
    part = words[: later[1]]
    cut = later[1] < len(words) and not words[later[1] :].lstrip().startswith(",")
    return event_clause(part, [a for a in anchors if a[1] <= later[1]], after=False, more=cut)


def _words_end(d: Drafter, event_id: str, words: str, at: int) -> int | None:
    """The end of the event's first words after `at`, with those that follow on at once
    ("Maritime Interaction-2025 exercises")."""
    found = sorted(m.span() for m in kind_words(d, event_id, words) if m.start() >= at)
    if not found:
        return None
    end = found[0][1]
    for a, b in found[1:]:
        if a <= end + 1:
            end = max(end, b)
    return end


def _anchors(d: Drafter, words: str, event_id: str | None) -> list[tuple[int, int]]:
    """Where the words of the event's kind stand in `words`; none for an event to define."""
    if event_id is None or d.event_kind(event_id) is None:
        return []
    return [m.span() for m in kind_words(d, event_id, words)]


def _quotable(d: Drafter, start: int, end: int) -> bool:
    """The words name an event, cut no quotation in two, and are unique in the text."""
    from .events import event_types  # events writes the mentions: imported when drafting

    words = d.text[start:end]
    if not event_types(words):
        return False
    if words.count("“") != words.count("”") or words.count('"') % 2:
        return False  # a quotation cut in two
    return unique_around(d.text, start, end, end) == (start, end)
