"""Sequence claims (steps/sequence.py): a source's count of an event in a series ("their
fifth joint maritime patrol", "for the first time", "the third time this year", "for the
second straight day"), with the scope the words give the count (build/README.md, "Firsts are
scoped as the text scopes them").

The forms the words take, each read by a pattern of its own:

- a count of a patrol: an ordinal, then the kind of patrol ("the first joint naval patrol",
  "an 11th joint strategic patrol", "the fifth joint Russian-Chinese patrol"); a place right
  after it ("in the Asia-Pacific region", "of the Pacific Ocean") scopes it to that area;
- a patrol that "was the first" ("The 27 June flight is the eleventh");
- "for the first time", "the first time ...": scoped to the place the clause names, to the
  year ("this year") or to the time since an earlier event ("since June");
- "for the second straight day": consecutive days.

The event is the one the draft links in the claim's sentence, when its type fits the kind of
patrol the words count (air, naval, submarine); else the one the other annotations count with
this ordinal ("the first joint naval patrol" of 2021, named again in the background of a later
report); else, after "This is" or "It was", the event of the sentence before; the headline
counts the article's own event. Where the other annotations count the same event with the same
ordinal, they give the scope (the curated files code "their fourth joint naval patrol in the
northern and western Pacific Ocean" as a count overall).

What is asserted: a count of a joint patrol whose event and scope these rules give. What is
commented out, with the reason: a series that is no patrol (an exercise, an airspace
violation: the series is the editor's words), a claim whose sentence links no event, a scope
`since` whose earlier event the words do not date, a scope to an area the words do not name.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import dates
from ..spans import occurrences
from .clauses import verb_before
from .document import Item, quote_entry, unique_around, yaml_string
from .events import event_types, fits, known_window, sentence_types
from .patterns import DRILL_NOUNS, EXERCISE_TYPES, ORDINALS, sentences
from .reporter import Reporter, reporter_of

if TYPE_CHECKING:
    from .proposals import Drafter

# the kinds of patrol a series counts, and its name in the dataset's words
PATROL_SERIES = {
    "joint_air_patrol": "joint air patrol",
    "joint_naval_patrol": "joint naval patrol",
    "joint_submarine_patrol": "joint submarine patrol",
}
PATROLS = frozenset(PATROL_SERIES)

_ORDINAL = "|".join(sorted(ORDINALS, key=len, reverse=True))
# the words between an ordinal and the noun it counts: "joint", the kind, the two countries
_MODIFIER = (
    r"(?:joint|strategic|air|aerial|naval|maritime|sea|bomber|submarine|"
    r"[a-z]+-[a-z]+)"  # "Russian-Chinese", "China-Russia", "anti-missile"
)
COUNTED = re.compile(
    rf"\b(?:(?:the|their|its|an?)\s+[\"“]?)?(?P<ordinal>{_ORDINAL})\s+(?:round\s+of\s+)?"
    rf"(?P<words>(?:{_MODIFIER}\s+){{1,4}})"
    rf"(?P<noun>patrol|flight|{DRILL_NOUNS})(?:s\b)?(?:\s+mission)?\b",
    re.IGNORECASE,
)
# "The 27 June flight is the eleventh", "Wednesday's joint patrol was the first that ..."
IS_THE = re.compile(
    rf"\b(?P<noun>patrol|flight|mission)\s+(?:was|is)\s+the\s+(?P<ordinal>{_ORDINAL})\b"
    r"(?!\s+(?:time|round|day|joint)\b)",
    re.IGNORECASE,
)
# "for the first time (in history)", "This is the first time since June", "the third time
# this year"
TIME = re.compile(
    rf"(?:\b(?P<for>for)\s+|\b(?P<subject>(?:This|It|this|it)\s+(?:is|was|marks|marked)\s+))?"
    rf"\bthe\s+(?P<ordinal>{_ORDINAL})\s+time\b"
    r"(?P<tail>\s+in\s+history|\s+this\s+year|\s+since\s+(?P<since>[^,.;]{1,40}?)"
    r"(?=\s+(?:and|that|when|as)\b|[,.;]|$))?",
)
# "for the second straight day"
CONSECUTIVE = re.compile(
    rf"\bfor\s+(?:the|a)\s+(?P<ordinal>{_ORDINAL})\s+(?:straight|consecutive|successive|"
    r"running)\s+days?\b",
    re.IGNORECASE,
)
# "the first China-Russia joint naval vessel sailing near Japan since September last year"
SINCE_COUNT = re.compile(
    rf"\bthe\s+(?P<ordinal>{_ORDINAL})\s+(?P<words>[^,.;]{{1,80}}?)\s+since\s+"
    r"(?P<since>[^,.;]{1,40}?)(?=\s+(?:and|that|when|as)\b|[,.;]|$)",
)
# after a count, the words that put it in a place: "in the western and northern waters of the"
_TO_PLACE = re.compile(
    r"\s+(?:in|of|over|off|near|around|across|through)\s+(?:the\s+)?"
    r"(?:[\w’'-]+\s+){0,6}$"
)
# before a place in a clause: the preposition that makes it where the count holds
_LOCATIVE = re.compile(
    r"\b(?:in|of|over|off|near|around|across|through|into)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}$"
)
# words that scope a count to an area they do not name
_THIS_AREA = re.compile(r"\b(?:in|over)\s+(?:this|that|the)\s+(?:particular\s+)?(?:area|region)\b")
_SINCE = re.compile(r"\s+since\s+(?P<since>[^,.;]{1,40}?)(?=\s+(?:and|that|when|as)\b|[,.;]|$)")
_BOMBERS = re.compile(r"(?i)\bbombers?\b")
_CLAUSE_MARK = re.compile(r"--|[,;:“”\"—–(]")
_KINDS = (
    (re.compile(r"(?i)\bsubmarine"), frozenset({"joint_submarine_patrol"})),
    (re.compile(r"(?i)\b(?:naval|maritime|sea)\b"), frozenset({"joint_naval_patrol"})),
    (re.compile(r"(?i)\b(?:air|aerial|bomber|strategic)\b"), frozenset({"joint_air_patrol"})),
)


@dataclass
class Count:
    """One ordinal the words give: where its quote lies, the ordinal as written, the event
    types its words fit (None: any event, the clause names no patrol), its scope, and what
    that scope needs (a place's span, the words after "since")."""

    start: int
    end: int
    ordinal: str
    types: frozenset[str] | None
    scope: str
    place: tuple[int, int] | None = None
    since: str | None = None
    unsure: str | None = None
    series: str | None = None  # the series when the words, not the event, give it
    noun: str = "patrol"
    bombers: bool = False  # the words count bombers: "joint bomber patrol"
    bare_end: int | None = None  # the end of the count without the place after it


def propose(d: Drafter) -> None:
    """Append one `sequence:` entry per ordinal the article's words give an event."""
    reporter = reporter_of(d)
    number = 0
    for lo, hi in sentences(d.text, 0, d.end):
        if any(a <= lo and hi <= b for a, b in d.skip):
            continue
        for count in counts(d, lo, hi):
            number += 1
            d.draft.items.append(_item(d, count, number, (lo, hi), reporter))


def counts(d: Drafter, lo: int, hi: int) -> list[Count]:
    """The counts a sentence's words give, in order, one per ordinal."""
    found: list[Count] = []
    taken: list[tuple[int, int]] = []

    def add(count: Count, at: tuple[int, int]) -> None:
        if not any(a < at[1] and at[0] < b for a, b in taken):
            taken.append(at)
            count.bombers = _BOMBERS.search(d.text, count.start, count.end) is not None
            found.append(count)

    text = d.text
    for m in COUNTED.finditer(text, lo, hi):
        add(_counted(d, m, lo, hi), m.span("ordinal"))
    for m in IS_THE.finditer(text, lo, hi):
        start = _subject_start(text, lo, m.start())
        place = _place_in(d, m.end(), _clause_end(text, m.end(), hi))
        count = Count(start, place[1] if place else m.end(), m["ordinal"], _kinds(m["noun"]), "")
        count.scope, count.place = ("area", place) if place else ("overall", None)
        count.noun = m["noun"].casefold()
        add(count, m.span("ordinal"))
    for m in CONSECUTIVE.finditer(text, lo, hi):
        start = _clause_start(text, lo, m.start())
        types = _clause_types(text[start : m.end()])
        add(Count(start, m.end(), m["ordinal"], types, "consecutive_days"), m.span("ordinal"))
    for m in TIME.finditer(text, lo, hi):
        add(_time(d, m, lo, hi), m.span("ordinal"))
    for m in SINCE_COUNT.finditer(text, lo, hi):
        types = _clause_types(m[0])
        count = Count(m.start(), m.end(), m["ordinal"], types, "since", since=m["since"])
        add(count, m.span("ordinal"))
    return sorted(found, key=lambda c: c.start)


def _counted(d: Drafter, m: re.Match[str], lo: int, hi: int) -> Count:
    """A count of patrols (or of exercises: no patrol series) with the verb it is the object
    of ("have conducted their fifth joint patrol"; in the headline, from its start: "China,
    Russia to hold third joint naval patrol"), and the place right after it or the words
    "since ..." that scope it."""
    noun = m["noun"].casefold()
    if noun not in ("patrol", "flight"):
        count = Count(m.start(), m.end(), m["ordinal"], EXERCISE_TYPES, "overall")
        count.series = f"{m['words'].strip()} {noun.rstrip('s')}"
        count.unsure = "a count of exercises, not of patrols: check the series' words"
        return count
    start = verb_before(d.text, lo, m.start())
    if d.in_headline(m.start()) and start < m.start():
        start = max(lo, d.headline[0])
    end = m.end()
    if re.search(r"[\"“]", m[0]) and d.text[end : end + 1] in ('"', "”"):
        end += 1  # the count is a quotation: 'the "11th joint strategic air patrol"'
    count = Count(start, end, m["ordinal"], _kinds(m["words"] + noun), "overall")
    count.bare_end = end
    count.noun = noun
    since = _SINCE.match(d.text, m.end(), hi)
    if since is not None and not re.fullmatch(r"(?:19|20)\d\d", since["since"]):
        # "since 2021", the year the series began, counts it overall (the curated files)
        count.scope, count.since, count.end = "since", since["since"], since.end()
        return count
    place = _place_after(d, m.end(), hi)
    if place is not None:
        count.scope, count.place, count.end = "area", place, place[1]
    return count


def _time(d: Drafter, m: re.Match[str], lo: int, hi: int) -> Count:
    """ "for the first time", "the third time this year", "the first time since June"."""
    text = d.text
    clause_start = _clause_start(text, lo, m.start())
    start = clause_start if m["for"] else m.start()
    end = m.end()
    tail = (m["tail"] or "").strip()
    if not m["for"] and (not tail or (tail == "this year" and text.startswith(" that ", m.end()))):
        # "the first time their bomber forces have operated together in this area", "the
        # third time this year that China and Russia conducted ...": to the clause's end,
        # short of the next count
        clause_end = _clause_end(text, m.end(), hi)
        nxt = TIME.search(text, m.end(), clause_end)
        end = _trim(text, m.end(), nxt.start() if nxt else clause_end)
    count = Count(start, end, m["ordinal"], _clause_types(text[clause_start:end]), "overall")
    if tail.startswith("this"):
        count.scope = "year"
    elif tail.startswith("since"):
        count.scope, count.since = "since", m["since"]
    else:
        place = _place_in(d, start, end)
        if place is not None:
            count.scope, count.place = "area", place
        elif _THIS_AREA.search(text, start, end):
            count.scope = "area"
            count.unsure = "the words scope it to an area they do not name here: give the place"
    return count


def _item(d: Drafter, c: Count, number: int, sentence: tuple[int, int], reporter: Reporter) -> Item:
    """The claim as a draft entry, asserted or commented out with the reason."""
    event, unsure = _event(d, c, sentence)
    unsure = unsure or c.unsure
    kind = d.event_kind(event) if event else None
    scope, place = c.scope, c.place
    if event is not None and scope in ("overall", "area") and not d.in_headline(c.start):
        known = _known_scope(d, event, c.ordinal)
        if known == "overall" and scope == "area":
            scope, place = "overall", None  # the place is where it was, not what it counts
            c.end = c.bare_end or c.end
        elif known == "area" and scope == "overall":
            unsure = unsure or "other annotations scope this count to an area: give the place"
    span = unique_around(d.text, c.start, c.end, sentence[1])
    lines = [f"- id: q{number:02d}", f"  event: {event or 'NEW-EVENT-ID'}"]
    if span is None:
        quote = d.text[c.start : c.end]
        lines.append(f"  quote: {yaml_string(quote)}")
        lines.append(f"  occurrence: {occurrences(d.text, quote).index(c.start) + 1}")
    else:
        lines.append(f"  quote: {yaml_string(d.text[span[0] : span[1]])}")
    lines.append(f"  ordinal: {c.ordinal}")
    series = c.series or _series(c, kind)
    if series is None:
        what = (kind or "event").replace("_", " ")
        unsure = unsure or f"counts no patrol (the event is a {what}): write the series"
    lines.append(f"  series: {yaml_string(series) if series else 'NEW-SERIES'}")
    lines.append(f"  scope: {scope}")
    if place is not None:
        lines.append(f"  place: {quote_entry(d.text, *place)}")
    if scope == "year":
        year = d.published.year if d.published else None
        lines.append(f"  year: {year or 'YEAR'}")
        if year is None:
            unsure = unsure or "no publication date gives the year of 'this year'"
    if scope == "since":
        since = _since_event(d, c, event)
        lines.append(f"  since: {since or 'EVENT-ID'}")
        if since is None:
            unsure = unsure or f"'since {c.since}': no one known event of its kind is dated so"
    lines += _claimed_by(d, c, span or (c.start, c.end), reporter)
    return Item("sequence", lines, unsure)


def _event(d: Drafter, c: Count, sentence: tuple[int, int]) -> tuple[str | None, str | None]:
    """The event a count is of, and why it is unsure (None: a rule gives it)."""
    lo, hi = sentence
    types = c.types
    if types == PATROLS:  # "a joint patrol": the sentence's words, or the article's, say which
        types = (sentence_types(d, lo, hi) & PATROLS) or PATROLS

    def fits(event: str) -> bool:
        return types is None or d.event_kind(event) in types

    # the mentions of the sentence (one quoted after its dateline starts within it)
    here = [e for a, b, e in d.event_sentences if a < hi and lo < b and fits(e)]
    # the events other annotations count so, for a count of a series (not "this year")
    counted = _counted_so(d, c.ordinal, types) if c.scope in ("overall", "area") else []
    if here:
        event = here[0]
        if len(counted) == 1 and counted[0] != event and _counted_otherwise(d, event, c.ordinal):
            # "annual patrols that began with the first joint naval patrol in 2021": the
            # sentence's event is counted otherwise, the one counted so is an earlier one
            return counted[0], None
        return event, None
    linked = [e for e in d.linked_events if fits(e)]
    counted = _narrowed(d, counted, linked, d.text[lo:hi])
    if len(counted) == 1:
        return counted[0], None
    if d.in_headline(c.start) and linked:
        return linked[0], None  # the headline reports the article's own event
    if re.match(r"\s*(?:This|It)\s+(?:is|was|marks|marked)\b", d.text[lo:hi]):
        # "This is the first time ...": the event of the sentence before
        before = sorted({(a, b) for a, b, _ in d.event_sentences if b <= lo})
        if before:
            prior = [e for a, b, e in d.event_sentences if (a, b) == before[-1] and fits(e)]
            if len(prior) == 1:
                return prior[0], None
    if not linked:
        return None, "no event of its kind linked: give the event"
    return linked[0], f"its sentence links no event: the article's first of its kind, {linked[0]}?"


def _narrowed(d: Drafter, counted: list[str], linked: list[str], sentence: str) -> list[str]:
    """Of the events other annotations count so, for a sentence that links none: those the
    article links; else those of the year the sentence names ("was conducted in 2021"); else
    those within a month and a half of the publication. None else: "the first" counts many
    series, and China and Russia count one patrol differently."""
    years = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", sentence)}
    around = None
    if d.published is not None:
        margin = dt.timedelta(days=45)
        around = (d.published - margin, d.published + margin)
    for keep in (
        lambda e: e in linked,
        lambda e: bool(years) and _in_years(known_window(d, e), years),
        lambda e: around is not None and fits(known_window(d, e), around, 0),
    ):
        narrowed = [e for e in counted if keep(e)]
        if narrowed:
            return narrowed
    return []


def _in_years(window: tuple[dt.date, dt.date] | None, years: set[int]) -> bool:
    return window is not None and any(window[0].year <= y <= window[1].year for y in years)


def _counted_so(d: Drafter, ordinal: str, types: frozenset[str] | None) -> list[str]:
    """The events of `types` other annotations count with this ordinal, overall or in an
    area."""
    n = _number(ordinal)
    found = [
        r["event_id"]
        for r in d.known_ordinals
        if r["ordinal"] == n
        and r["scope"] in ("overall", "area")
        and (types is None or d.event_kind(r["event_id"]) in types)
    ]
    return list(dict.fromkeys(found))


def _counted_otherwise(d: Drafter, event: str, ordinal: str) -> bool:
    """Other annotations count `event` with another ordinal, overall or in an area."""
    n = _number(ordinal)
    return any(
        r["event_id"] == event and r["ordinal"] != n and r["scope"] in ("overall", "area")
        for r in d.known_ordinals
    )


def _known_scope(d: Drafter, event: str, ordinal: str) -> str | None:
    """The scope other annotations give this count of `event`, when they agree on one."""
    n = _number(ordinal)
    scopes = {
        r["scope"]
        for r in d.known_ordinals
        if r["event_id"] == event and r["ordinal"] == n and r["scope"] in ("overall", "area")
    }
    return scopes.pop() if len(scopes) == 1 else None


def _number(ordinal: str) -> int:
    return ORDINALS[ordinal.casefold()]


def _series(c: Count, kind: str | None) -> str | None:
    """The series in the dataset's words: the kind of patrol the event is ("joint bomber
    patrol" when the words say bombers, "joint flight" when they count flights); None for
    an event that is no patrol."""
    if kind not in PATROL_SERIES:
        return None
    if c.noun == "flight" and kind == "joint_air_patrol":
        return "joint flight"
    if kind == "joint_air_patrol" and c.bombers:
        return "joint bomber patrol"
    return PATROL_SERIES[kind]


def _since_event(d: Drafter, c: Count, event: str | None) -> str | None:
    """The one known event of the count's kind that the words after "since" date ("since
    June": the joint air patrol of that June), else None."""
    if c.since is None or d.anchor is None or event is None:
        return None
    when = None
    for phrase in (c.since, f"in {c.since}"):
        try:
            when = dates.resolve(phrase, d.anchor)
        except ValueError:
            continue
        break
    if when is None or when.start is None or when.end is None:
        return None
    kind = d.event_kind(event)
    # a fortnight either side: an event dated only by a report of its end ("said on October
    # 4") is still the one of "since September"
    hits = [
        r["event_id"]
        for r in d.known_events
        if r["event_type"] == kind
        and r["event_id"] != event
        and fits(known_window(d, r["event_id"]), (when.start, when.end), 15)
    ]
    return hits[0] if len(hits) == 1 else None


def _claimed_by(d: Drafter, c: Count, span: tuple[int, int], reporter: Reporter) -> list[str]:
    """`claimed_by` (and `attribution`) from the reporter of aircraft and ship claims; none
    for the headline, whose claim is the article's own."""
    if d.in_headline(c.start):
        return ["  claimed_by: null"]
    # a count carries no account from the sentences before: it is the article's context
    # ("This is the first time since June") unless its own sentence names who counts it
    lines = reporter.lines(*span, carried=False)
    if not lines:
        return ["  claimed_by: null"]
    return [line.replace("  reported_by: ", "  claimed_by: ", 1) for line in lines]


# -- where the words stand ------------------------------------------------------------------


def _kinds(words: str) -> frozenset[str]:
    """The kinds of patrol a count's words name; all three for "a joint patrol"."""
    for pattern, kinds in _KINDS:
        if pattern.search(words):
            return kinds
    if re.search(r"(?i)\bflights?\b", words):
        return frozenset({"joint_air_patrol"})
    return PATROLS


def _clause_types(clause: str) -> frozenset[str] | None:
    """The kinds of patrol a clause's words name, or None (any event: "It was the first
    time a Russian military aircraft had violated South Korean airspace")."""
    found = event_types(clause) & PATROLS
    if "joint_submarine_patrol" in found:
        return frozenset({"joint_submarine_patrol"})
    return found or None


def _clause_start(text: str, lo: int, at: int) -> int:
    """Where the clause holding `at` begins: after the last comma, colon, dash or quotation
    mark before it in its sentence, spaces skipped."""
    start = lo
    for m in _CLAUSE_MARK.finditer(text, lo, at):
        start = m.end()
    while start < at and text[start].isspace():
        start += 1
    return start


def _clause_end(text: str, at: int, hi: int) -> int:
    """Where the clause holding `at` ends, its closing punctuation left out."""
    m = re.compile(r"[,;:“”\"—(]|--").search(text, at, hi)
    return _trim(text, at, m.start() if m else hi)


def _trim(text: str, lo: int, hi: int) -> int:
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ".!?"):
        hi -= 1
    return hi


def _subject_start(text: str, lo: int, at: int) -> int:
    """The start of the noun phrase a count's sentence opens with ("The 27 June flight"),
    after a leading conjunction."""
    start = _clause_start(text, lo, at)
    m = re.match(r"(?:But|And|Yet|So)\s+", text[start:at])
    return start + (m.end() if m else 0)


def _place_after(d: Drafter, at: int, hi: int) -> tuple[int, int] | None:
    """The place named right after a count ("in the Asia-Pacific region", "of the Pacific
    Ocean", "in the western and northern waters of the Pacific Ocean")."""
    for start, end, _ in d.mentions(d.registries.places, at, hi):
        if _TO_PLACE.fullmatch(d.text, at, start):
            return start, end
        return None
    return None


def _place_in(d: Drafter, lo: int, hi: int) -> tuple[int, int] | None:
    """The first place a clause names as where it happens ("passed through the Tsugaru
    Strait", "in the Asia-Pacific region")."""
    for start, end, _ in d.mentions(d.registries.places, lo, hi):
        if _LOCATIVE.search(d.text, lo, start):
            return start, end
    return None
