"""Names of events (steps/names.py): each name and edition of a registered exercise series
that the article's body writes ("Joint Sea-2021", "Maritime Interaction 2025", "2025 Maritime
Interaction", "Beibu/Interaction - 2024"), one `names:` entry each, and the known event a
name and edition points to (`named_event`, which the events proposer also links by).

The build accepts a name only in a spelling a registered series has (`steps.names.series_of`):
a name and edition the registry does not spell ("Vostok 2022" before the series is registered)
is listed as a registry entry to add, not proposed. A name's event is the one other annotations
name by that series and edition; else the exercise the draft links in the name's sentence;
else the one exercise of that year no other series names, or the event this article writes
out under that name. A name with no such event is proposed commented out.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..registries import SeriesEntry
from ..spans import occurrences
from .document import Item, yaml_string
from .new_aliases import NewAlias
from .new_events import name_key
from .patterns import DRILL_NOUNS, EDITION, EXERCISE_TYPES

if TYPE_CHECKING:
    from .proposals import Drafter

# the capitalised words before a name that are not of it ("The Vostok 2022 exercises")
_NAMED = re.compile(
    rf"(?:\b{DRILL_NOUNS}|\b(?:code-?named|dubbed|called|named))\s+[\"“'‘]?"
    r"(?P<name>(?:[A-Z][\w./-]*\s*(?:-\s*)?){1,4}?(?:19|20)\d\d)(?!\d)"
)
_NOT_THE_NAME = re.compile(r"^(?:(?:The|A|An|Exercise|Exercises|Operation|Drills?)\s+)+")


@dataclass(frozen=True)
class SeriesName:
    """A name and edition of a registered exercise series in a text: where it stands, the
    series whose spelling it uses, and the edition's year."""

    start: int
    end: int
    series: SeriesEntry
    year: int


def series_names(
    series: list[SeriesEntry], text: str, lo: int = 0, hi: int | None = None
) -> list[SeriesName]:
    """Each name and edition of a registered series in text[lo:hi], the spelling a series
    registers and the year after it ("Joint Sea-2021", "Beibu/Interaction - 2024") or
    before it ("2025 Maritime Interaction"), in order; of two that overlap, the longer."""
    hi = len(text) if hi is None else hi
    found: list[SeriesName] = []
    for entry in series:
        for alias in entry.aliases:
            name = re.escape(alias)
            for pattern in (
                rf"(?<!\w){name}(?:\s*[-\u2010\u2011]\s*|\s+)?(?P<year>(?:19|20)\d\d)(?!\d)",
                rf"(?<![\w-])(?P<year>(?:19|20)\d\d)\s+{name}(?!\w)",
            ):
                for m in re.finditer(pattern, text[:hi]):
                    if m.start() >= lo:
                        found.append(SeriesName(m.start(), m.end(), entry, int(m["year"])))
    found.sort(key=lambda n: (n.start, -n.end))
    kept: list[SeriesName] = []
    for n in found:
        if not any(k.start < n.end and n.start < k.end for k in kept):
            kept.append(n)
    return kept


def named_so(d: Drafter, series_id: str, year: int) -> set[str]:
    """The events other annotations name by this series and edition."""
    return {
        r["event_id"] for r in d.known_names if r["series_id"] == series_id and r["edition"] == year
    }


def named_event(d: Drafter, sentence: str) -> tuple[list[str], str]:
    """The known event a sentence names by its series and edition ("Joint Sea-2021",
    "Maritime Interaction 2025"), as another annotation names it."""
    found: set[str] = set()
    named: list[str] = []
    series_ids: set[str] = set()
    years: list[int] = []
    for name in series_names(d.registries.series, sentence):
        named.append(sentence[name.start : name.end])
        series_ids.add(name.series.id)
        years.append(name.year)
        found |= named_so(d, name.series.id, name.year)
    if len(found) == 1:
        event = found.pop()
        return [event], f"the exercise {event} is named so in another annotation"
    if named and not found:
        # no annotation names it: the one exercise of that year no other name claims
        year = years[0]
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
            return [hits[0]], f"the one exercise of {year} no other series names: {hits[0]}"
    if not named and (edition := EDITION.search(sentence)) is not None:
        named.append(edition.group(1))  # a name and edition no registered series spells
    if named:
        earlier = [e.id for e in d.new_events if e.name == name_key(named[0])]
        if earlier:
            return earlier[:1], f"names {named[0]!r}, as this article's new event {earlier[0]}"
        return [], f"names {named[0]!r}, which no known event is named: a new event"
    return [], ""


def propose(d: Drafter) -> None:
    """One `names:` entry per name and edition of a registered series in the body; each
    name and edition no series spells, a new spelling of the series of the event its
    sentence links (`_new_spellings`), else a registry entry to add."""
    _new_spellings(d)
    number = 0
    for lo, hi in d.body_sentences():
        found = series_names(d.registries.series, d.text, lo, hi)
        for name in found:
            number += 1
            event, unsure = _event(d, name, (lo, hi))
            quote = d.text[name.start : name.end]
            lines = [f"- id: n{number:02d}", f"  event: {event or 'NEW-EVENT-ID'}"]
            lines.append(f"  quote: {yaml_string(quote)}")
            starts = occurrences(d.text, quote)
            if len(starts) > 1:
                lines.append(f"  occurrence: {starts.index(name.start) + 1}")
            d.draft.items.append(Item("names", lines, unsure))
        _unknown_names(d, lo, hi, found)


def _new_spellings(d: Drafter) -> None:
    """A name and edition no registered series spells ("North. Interaction 2023"), in a
    sentence the draft links to one exercise that other annotations name by a series, of the
    edition's year: the series' new spelling. It is added to the drafter's series (so the
    name is proposed) and, by `draft --registry`, to the series' aliases in
    registries/exercise_series.yaml (draft/new_aliases.py)."""
    from .events import known_window  # events reads names: imported when drafting

    for lo, hi in d.body_sentences():
        found = series_names(d.registries.series, d.text, lo, hi)
        linked = {e for a, b, e in d.event_sentences if a < hi and lo < b}
        exercises = [e for e in linked if d.event_kind(e) in EXERCISE_TYPES]
        if len(exercises) != 1:
            continue
        series = {r["series_id"] for r in d.known_names if r["event_id"] == exercises[0]}
        # the exercise's years: its known days, else (no source dates it) the publication's
        days = known_window(d, exercises[0])
        years = {days[0].year, days[1].year} if days else set()
        if not years and d.published is not None:
            years = {d.published.year}
        if len(series) > 1 or not years:
            continue
        for start, end in _unknown_spans(d, lo, hi, found):
            written = _NOT_THE_NAME.sub("", d.text[start:end])
            year = re.search(r"(?:19|20)\d\d$", written)
            spelling = re.sub(r"[-\s\u2010\u2011]*(?:19|20)\d\d$", "", written).strip()
            # the series other files name the event by, else the one the words abbreviate
            # the series other files name the event by, if the words share one of its names'
            # words ("Beibu/Interaction" of "Northern/Interaction"); else the one the words
            # abbreviate ("North. Interaction")
            entry = next(
                (
                    s
                    for s in d.registries.series
                    if (s.id in series and any(_shares_a_word(spelling, a) for a in s.aliases))
                    or (not series and any(_abbreviates(spelling, a) for a in (s.name, *s.aliases)))
                ),
                None,
            )
            if entry is None or year is None or not spelling:
                continue
            if int(year.group(0)) not in years:
                continue
            if spelling not in entry.aliases:
                grown = dataclasses.replace(entry, aliases=(*entry.aliases, spelling))
                d.registries.series = [grown if s is entry else s for s in d.registries.series]
                d.new_aliases.append(NewAlias(entry.id, spelling, "exercise_series"))
                entry = grown


def _shares_a_word(spelling: str, alias: str) -> bool:
    """A word of three letters or more is in both."""
    words = {w.casefold() for w in re.findall(r"\w{3,}", alias)}
    return any(w.casefold() in words for w in re.findall(r"\w{3,}", spelling))


def _abbreviates(spelling: str, alias: str) -> bool:
    """The words of `spelling` are those of `alias`, some cut short with a full stop
    ("North. Interaction" of "Northern/Interaction")."""
    short = re.findall(r"\w+\.?", spelling)
    full = re.findall(r"\w+", alias)
    return (
        len(short) == len(full)
        and any(w.endswith(".") for w in short)
        and all(
            f.casefold().startswith(w.rstrip(".").casefold())
            and (w.endswith(".") or w.casefold() == f.casefold())
            for w, f in zip(short, full, strict=True)
        )
    )


def _unknown_spans(d: Drafter, lo: int, hi: int, found: list[SeriesName]) -> list[tuple[int, int]]:
    """Where text[lo:hi] names an exercise and edition no registered series spells: a
    capitalised name and a year before a drill noun (`patterns.EDITION`), or after one or
    after the words that name it (`_NAMED`)."""
    spans = [m.span(1) for m in EDITION.finditer(d.text, lo, hi)]
    spans += [m.span("name") for m in _NAMED.finditer(d.text, lo, hi)]
    return [
        (start, end)
        for start, end in sorted(set(spans))
        if not any(n.start < end and start < n.end for n in found)
    ]


def _unknown_names(d: Drafter, lo: int, hi: int, found: list[SeriesName]) -> None:
    """Each name and edition in text[lo:hi] that no registered series spells, as a registry
    entry to add: a capitalised name and a year before a drill noun ("Vostok 2022 strategic
    exercises", `patterns.EDITION`), or after one or after the words that name it ("naval
    exercises North. Interaction 2023", "dubbed Exercise WILL FOR PEACE 2026")."""
    for start, end in _unknown_spans(d, lo, hi, found):
        written = _NOT_THE_NAME.sub("", d.text[start:end])
        spelling = re.sub(r"[-\s\u2010\u2011]*(?:19|20)\d\d$", "", written).strip()
        entry = (
            f"exercise series {spelling!r} (registries/exercise_series.yaml), or the "
            f"spelling as an alias of its series: the article names {written!r}"
        )
        if spelling and entry not in d.draft.to_add:
            d.draft.to_add.append(entry)


def _event(
    d: Drafter, name: SeriesName, sentence: tuple[int, int]
) -> tuple[str | None, str | None]:
    """The event a name names, and why it is unsure (None: a rule gives it)."""
    named = named_so(d, name.series.id, name.year)
    if len(named) == 1:
        return named.pop(), None
    lo, hi = sentence
    exercises = [e for a, b, e in d.event_sentences if a < hi and lo < b]
    here = [e for e in exercises if d.event_kind(e) in EXERCISE_TYPES]
    if len(dict.fromkeys(here)) == 1:
        return here[0], None
    events, why = named_event(d, d.text[name.start : name.end])
    if events:
        return events[0], None
    return None, why or "no exercise linked in its sentence: give the event"
