"""The date phrases of one sentence, where it has two: which one dates the event the sentence
reports, with what form, and the other claim it makes beside it (build/README.md, "Date
rules"). A sentence may give the event's own day and the day of its report ("started a joint
exercise ... in early July, said a spokesperson ... on Friday"), a day of each of two
clauses ("recently conducted their patrol ..., and entered the South China Sea on Sunday"),
or a month beside a vague year ("In June this year").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import dates
from .document import Item, unique_around
from .event_dates import VAGUE_DATE, _form, date_quote, report_form
from .mention_lines import mention_lines
from .patterns import ANAPHORIC_EVENT, PRONOUN_REPORT, UNTIL, sentences

if TYPE_CHECKING:
    from .proposals import Drafter


@dataclass(frozen=True)
class Claim:
    """A further date claim of a sentence: the words its mention quotes (text[lo:hi]), the
    date phrase (and whether it is the day of a report), its form."""

    lo: int
    hi: int
    dated: tuple[str, bool]
    form: str | None


@dataclass(frozen=True)
class SentenceDates:
    """The sentence's own date phrase and its form (as `date_quote` and `_form` give them,
    or as two phrases settle them), why it is proposed commented out (or None), and the
    sentence's other claim."""

    dated: tuple[str, bool] | None
    form: str | None
    unsure: str | None = None
    other: Claim | None = None


def date_quotes(
    d: Drafter, lo: int, hi: int, *, ahead: bool = False
) -> list[tuple[int, tuple[str, bool]]]:
    """Every date phrase of text[lo:hi] `date_quote` reads, with where it starts, in order:
    the one it picks first, then those before and after it."""
    found = date_quote(d, lo, hi, ahead=ahead)
    if found is None:
        return []
    at = d.text.find(found[0], lo, hi)
    if at < 0:
        return []
    before = date_quotes(d, lo, at, ahead=ahead)
    after = date_quotes(d, at + len(found[0]), hi, ahead=ahead)
    return [*before, (at, found), *after]


# a second clause of the same subject, in the past tense ("..., and entered a specific area of
# the South China Sea on Sunday"): its day is of its own clause
CLAUSE_AND = re.compile(r",\s+and\s+(?:then\s+)?(?=[a-z]+ed\b)")


def _resolve(d: Drafter, quote: str, ahead: bool) -> dates.ResolvedDate | None:
    """The days a phrase resolves to, or None where no date rule reads it (two phrases are
    compared only when both are read)."""
    try:
        return dates.resolve(quote, d.anchor, ahead=ahead)
    except ValueError:
        return None


def _report_before(d: Drafter, lo: int) -> tuple[str, bool] | None:
    """The day of the report the sentence before (in the same paragraph) ends with ("Kihara
    told a press conference Wednesday."): the day a pronoun's report ("..., he noted.") was
    made, when that sentence gives no other day."""
    line_start = d.text.rfind("\n", 0, lo) + 1
    before = [s for s in sentences(d.text, line_start, lo) if s[1] <= lo]
    if not before:
        return None
    found = date_quotes(d, *before[-1])
    return found[0][1] if len(found) == 1 and found[0][1][1] else None


def sentence_dates(d: Drafter, lo: int, hi: int) -> SentenceDates:
    """The date claims of text[lo:hi] (`_claims`), a day the event lasts "until" bounding
    its end: `end_only` ("the drills lasted until Sunday"), or for an event the sentence
    announces, its announced last day (`announced_end`: "will last until September 7")."""
    found = _claims(d, lo, hi)
    if found.dated is None or found.dated[1] or found.form not in (None, "announced"):
        return found
    at = d.text.find(found.dated[0], lo, hi)
    if at < 0 or not UNTIL.search(d.text, lo, at):
        return found
    form = "announced_end" if found.form == "announced" else "end_only"
    return SentenceDates(found.dated, form, found.unsure, found.other)


def _claims(d: Drafter, lo: int, hi: int) -> SentenceDates:
    """The date claims of text[lo:hi]. With one phrase (or more than two), the one
    `date_quote` picks, with the form of the sentence's verbs. With two:

    - a vague one ("this year" beside "In June") gives way to the other;
    - the day of a report beside the event's own day: the own day dates the event, with the
      form of the verbs (an announced event too: the day it was announced dates nothing of
      it), and the report's day is a claim of the whole sentence, bounded as `report_form`
      reads the verbs (the editors quote the sentence with who reported it). An own day
      that reads later than the report's (a weekday read from the publication, "held
      through Sunday, ... said Saturday") is relative to the report, which no date rule
      reads: the report's day places the event (its claim proposed commented out, with
      the reason);
    - two clauses joined by ", and" and a verb in the past tense, each with its day: each
      day dates the event with the form of its own clause's verbs, the other quoting its
      clause.

    With none, in a sentence a pronoun reports (", he noted."): the day of the report of
    the sentence before, if it gives only that.
    """
    sentence = d.text[lo:hi]
    form = _form(sentence)
    ahead = form == "announced"
    found = date_quotes(d, lo, hi, ahead=ahead)
    first = date_quote(d, lo, hi, ahead=ahead)
    if not found and PRONOUN_REPORT.search(sentence):
        return SentenceDates(_report_before(d, lo), form)
    if len(found) != 2 or first is None:
        return SentenceDates(first, form)
    (at1, p1), (at2, p2) = found
    vague = [bool(VAGUE_DATE.search(p[0])) for p in (p1, p2)]
    if vague[0] != vague[1]:
        return SentenceDates(p2 if vague[0] else p1, form)
    if p1[1] != p2[1]:  # the day of a report and the event's own
        own, report = (p2, p1) if p1[1] else (p1, p2)
        if form == "announced":
            return SentenceDates(own, form)
        own_day, report_day = _resolve(d, own[0], False), _resolve(d, report[0], False)
        if own_day is None or report_day is None:
            return SentenceDates(first, form)
        if own_day.start is not None and report_day.end and own_day.start > report_day.end:
            why = (
                f"{own[0]!r} reads later than the report's day: it counts from the report, "
                "which no date rule reads"
            )
            return SentenceDates(report, form, why)
        return SentenceDates(own, form, None, Claim(lo, hi, report, report_form(sentence)))
    if p1[1] or p2[1]:
        return SentenceDates(first, form)
    between = CLAUSE_AND.search(d.text, at1 + len(p1[0]), at2)
    if between is None:
        return SentenceDates(first, form)
    end = hi - 1 if d.text[hi - 1] == "." else hi
    clauses = [(lo, between.start()), (between.end(), end)]
    mine = 0 if first == p1 else 1
    other_lo, other_hi = clauses[1 - mine]
    if unique_around(d.text, other_lo, other_hi, other_hi) != (other_lo, other_hi):
        return SentenceDates(first, form)
    own_form = _form(d.text[slice(*clauses[mine])])
    other_form = _form(d.text[other_lo:other_hi])
    other = Claim(other_lo, other_hi, p2 if mine == 0 else p1, other_form)
    return SentenceDates(first, own_form, None, other)


def the_event_before(d: Drafter, lo: int, hi: int) -> Item | None:
    """A mention, dated by its phrase, of the event the sentence before (in the same
    paragraph) reports, for a sentence that names no event but whose subject is that event
    ("... have executed their first joint bomber patrol. This unprecedented move, which took
    place on Wednesday, marks ..."); None when the sentence is not such, gives no day, or the
    sentence before reports no event or several."""
    sentence = d.text[lo:hi]
    if not ANAPHORIC_EVENT.match(sentence):
        return None
    dated = date_quote(d, lo, hi)
    if dated is None or dated[1] or unique_around(d.text, lo, hi, hi) != (lo, hi):
        return None
    line_start = d.text.rfind("\n", 0, lo) + 1
    before = [s for s in sentences(d.text, line_start, lo) if s[1] <= lo]
    if not before:
        return None
    events = {e for a, b, e in d.event_sentences if (a, b) == before[-1]}
    if len(events) != 1:
        return None
    end = hi - 1 if sentence.endswith(".") else hi
    lines = mention_lines(d, events.pop(), d.text[lo:end], dated, _form(sentence), lo, end)
    return Item("events", lines, None, "its subject is the event the sentence before reports")
