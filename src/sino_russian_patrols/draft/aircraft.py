"""Aircraft claims (steps/aircraft.py) read around their head: a designation the registry
knows ("Tu-95MS", "Xian H-6", "Tu-95МS" with a Cyrillic letter) or a generic noun the build
reads ("fighter jets", "military aircraft"); and the designations the registry does not know.

The words before the head give the claim's count and country: "two Russian Tu-95 bombers",
"two of Russia’s Tu-95 bombers", "A separate Russian early warning and control aircraft",
"the Chinese air force’s Xian H-6 strategic bombers", "Russia's Su-30 fighters and A-50 early
warning plane" (the country shared by both). Else the words after it do ("two H-6K bombers of
the PLA Air Force": a force named is the claim's operator), or the subject of a verb that sends
them ("Japan scrambled fighter jets", "Russia sent two Tu-95MS"), or the subject of a
sentence that says what aircraft named before were ("The Chinese and Russian military aircraft
... were bombers and fighters") or what a country's forces are composed of. One number for two
countries is one claim with `total: true` and no country (build/README.md, "One row per
country"), as is a number "from both countries", "a total of" aircraft no country is named
for, and "the four bombers" (a count of those reported before); "fighter jets from both
countries" without a number is one claim per country the words before name.

Asserted are the claims with a country or force and a number or a designation, and totals:
the forms the curated files code. A generic noun without a number is asserted where a report
gives it, a verb sends it, or the article says nothing more of that country's aircraft of that
role in that event (see draft/aircraft_unsure.py). Commented out, with the reason: other generic
nouns without a number (often the claim made above again), "the Russian aircraft" (those named
before), one aircraft named without a number (a caption), and a claim whose words name no
country (a force the registries do not know sends them). Photo captions
are skipped. Each claim carries who reports it (draft/reporter.py) and belongs to the event
of its kind its sentence reports (draft/aircraft_event.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .. import normalize
from .aircraft_event import PATROL_COUNTRIES, PATROL_PARTS, Named, event_of, kind_of
from .aircraft_unsure import Specific, unsure_form, unsure_generic
from .claim_patterns import (
    ASIDE,
    BELONGS_TO,
    BODY_AFTER,
    BOTH_SIDES,
    CAPTION,
    CLAIM_COUNT,
    CLAUSE_END,
    COUNTRY_FORCE,
    ESCORT_WORDS,
    INCLUDING,
    ITS,
    MODIFIER,
    NOUN_AS_MODIFIER,
    PART_OF_FLIGHT,
    REPORTED,
    SENDING,
    THE_COUNT,
    country_list,
    country_names,
    country_pattern,
)
from .document import Item, claim_lines, quote_entry, unique_around, yaml_string
from .patterns import role_of, sentences
from .reporter import Reporter, reporter_of

if TYPE_CHECKING:
    from .proposals import Drafter


_NOUN = rf"(?:{normalize.GENERIC_AIRCRAFT})"
_NOUN_RE = re.compile(rf"(?<![\w-]){_NOUN}(?![\w-])", re.IGNORECASE)
# the noun after a designation ("Tu-95MS strategic bombers"), which gives the claim's role
_NOUN_AFTER = re.compile(rf"\s+(?:strategic\s+)?(?P<noun>{_NOUN})(?![\w-])", re.IGNORECASE)
# a head as a list names it: a designation (with its noun) or a generic noun
_HEAD = (
    rf"(?:[\w\u0400-\u04ff]{{1,8}}[-\u2010\u2011 ]?\d{{1,4}}[\w\u0400-\u04ff]*)(?:\s+{_NOUN})?"
    rf"|{_NOUN}"
)
# two kinds listed as one noun, parts of a total: each a part of its own
_TWO_PARTS = re.compile(r"(?P<first>.+?(?:aircraft|planes?))\s+and\s+(?P<second>helicopters)", re.I)
# the force a country word qualifies ("the Chinese navy")
_FORCE_AFTER = re.compile(r"\s+(?:navy|air\s+force|military|army|armed\s+forces|side)\b", re.I)
# a country's forces, and the verbs that say what they are made of
_FORCES = r"troops|forces|contingent|units|side|military|army|navy|air\s+force|delegation"
_COMPOSED = (
    r"(?:composed\s+of|consist(?:s|ed)?\s+of|compris(?:e|es|ed|ing)|includ(?:e|es|ed|ing)|"
    r"represented\s+by|made\s+up\s+of)"
)
# a name of capitalised words or an acronym, right before a verb ("Air Self-Defense Force",
# "ASDF"), not the article or a pronoun before it
_NAME_BEFORE = re.compile(
    r"(?<![\w-])(?!(?:The|It|They|He|She|We)\b)(?:[A-Z][\w-]*\s+){1,4}[A-Z][\w-]*$|(?<![\w-])[A-Z]{2,6}$"
)
_MANUFACTURER = re.compile(rf"(?<![\w-])(?:{normalize.MANUFACTURERS})\s+$", re.IGNORECASE)


@dataclass
class Claim:
    """One aircraft claim as the words give it, before it is written."""

    start: int  # the claim's words: text[start:end]
    end: int
    type: str  # as written
    role: str
    countries: tuple[str, ...] = ()  # country words as written
    operator: str | None = None  # the force flying them, an actor id
    count: str | None = None
    total: bool = False
    part_of_flight: bool = False
    singular: bool = False
    generic: bool = False  # a noun, no designation
    definite: bool = False  # "the Russian aircraft": those named before
    headline: bool = False  # the headline's subject
    also: tuple[tuple[int, int], ...] = ()  # words outside the quote that name its countries
    identified: bool = False  # what aircraft named before were ("The Russian aircraft was an A-50")
    sent: bool = False  # the object of a verb that sends them ("Japan scrambled fighter jets")
    reported: bool = False  # what a report says: its sentence names who, it heads no aside
    code: str | None = None  # the country's code, for the event it belongs to
    covers: frozenset[str] = frozenset()  # a total's countries, as codes
    counts: dict[str, str] = field(default_factory=dict)  # a country's own count, when given


class _Reader:
    """The patterns of one article: its country words, its forces (military actors with a
    country), the designations its registry knows."""

    def __init__(self, d: Drafter) -> None:
        self.d = d
        self.known = [t.designation for t in d.registries.aircraft_types]
        self.kinds = {t.designation: t.kind for t in d.registries.aircraft_types}
        states = ((a.country, a.aliases) for a in d.registries.actors if a.type == "state")
        self.country = country_pattern(country_names(states))
        c = self.country.pattern
        self.before = re.compile(
            rf"(?:(?P<count>{CLAIM_COUNT})\s+(?:of\s+)?(?P<adj>(?:{MODIFIER}\s+){{0,2}}))?"
            rf"(?P<countries>{country_list(c)}){COUNTRY_FORCE}\s+"
            rf"(?P<filler>(?:{MODIFIER}\s+){{0,2}}|(?:warships?|ships|vessels)\s+and\s+)"
            rf"(?P<prev>(?:(?:[\w\u0400-\u04ff]{{1,8}}[-\u2010\u2011 ]?\d{{1,4}}[\w\u0400-\u04ff]*)"
            rf"(?:\s+{_NOUN})?|{_NOUN})\s*(?:,\s*|,?\s+and\s+))?$",
            re.IGNORECASE,
        )
        self.count_only = re.compile(rf"(?P<count>{CLAIM_COUNT})\s+$", re.IGNORECASE)
        self.pair = re.compile(
            rf"(?P<count>{CLAIM_COUNT})\s+(?:of\s+)?(?P<country>{c})\s*(?:,\s*|,?\s+and\s+)$",
            re.IGNORECASE,
        )
        self.predicate = re.compile(
            rf"(?<![\w-])(?:the|these|those)\s+(?P<countries>{country_list(c)}){COUNTRY_FORCE}\s+"
            rf"(?:{MODIFIER}\s+){{0,2}}?{_NOUN}(?:\s+(?:that|which)\s+[^,.;:]{{1,80}}?)?"
            rf"\s+(?:was|were)\s+(?:(?P<count>{CLAIM_COUNT})\s+)?"
            rf"(?P<prev>(?:(?:{_HEAD})\s*(?:,\s*|,?\s+and\s+)){{1,2}})?$",
            re.IGNORECASE,
        )
        self.spans = sentences(d.text, 0, d.end)
        # a sentence whose subject is a country's forces and whose verb lists what they are
        self.composed = re.compile(
            rf"(?:The\s+)?(?P<country>{c})(?:\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:{_FORCES}))?\s+"
            rf"(?:(?:is|are|was|were|will\s+be)\s+)?(?:mainly\s+|mostly\s+)?{_COMPOSED}\b"
        )
        self.forces = {
            (start, end): actor
            for start, end, actor in d.actor_mentions()
            if d.actor_type.get(actor) == "military" and d.actor_country.get(actor)
        }
        self.states = {
            (start, end): actor
            for start, end, actor in d.actor_mentions()
            if d.actor_type.get(actor) == "state" and d.actor_country.get(actor)
        }

    def code(self, word: str) -> str | None:
        """The country a country word names, or None."""
        try:
            return normalize.country_code(word)
        except ValueError:
            return None

    def heads(self, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
        """(start, end, type as written, noun) of each head in text[lo:hi]: a known designation
        with the manufacturer before it and the noun after it, else a generic noun."""
        text, found = self.d.text, []
        for a, b, canonical in normalize.aircraft_mentions(text[lo:hi], self.known):
            start, end = lo + a, lo + b
            if canonical is None:
                entry = f"aircraft type {text[start:end]!r} (registries/aircraft_types.yaml)"
                if entry not in self.d.draft.to_add:
                    self.d.draft.to_add.append(entry)
                continue
            maker = _MANUFACTURER.search(text, lo, start)
            if maker is not None:
                start = maker.start()
            after = _NOUN_AFTER.match(text, end, hi)
            head_type = text[start:end]
            found.append(
                (start, after.end() if after else end, head_type, after["noun"] if after else "")
            )
        for m in _NOUN_RE.finditer(text, lo, hi):
            if any(a <= m.start() < b or m.start() <= a < m.end() for a, b, _, _ in found):
                continue
            if NOUN_AS_MODIFIER.match(text, m.end()):
                continue
            found.append((m.start(), m.end(), m.group(0), m.group(0)))
        return sorted(found)

    def claims(self, lo: int, hi: int) -> list[Claim]:
        """The claims of the sentence text[lo:hi]."""
        text = self.d.text
        out: list[Claim] = []
        parts: int | None = None  # where the parts of a total are listed
        for start, end, written, noun in self.heads(lo, hi):
            canonical = normalize.aircraft_type(written, self.known)
            role = role_of(noun, self.kinds.get(canonical))
            sentence = text[lo:hi]
            if (
                role == "fighter"
                and ESCORT_WORDS.search(sentence)
                and not SENDING.search(text, lo, start)
            ):
                role = "fighter_escort"
            claim = Claim(start, end, written, role)
            claim.generic = canonical == normalize.UNSPECIFIED
            claim.singular = (
                bool(noun) and not noun.endswith(("s", "S")) and "aircraft" not in noun.casefold()
            )
            claim.reported = bool(REPORTED.search(sentence))
            if role == "fighter_escort" and PART_OF_FLIGHT.search(sentence):
                claim.part_of_flight = True
            if parts is not None and re.fullmatch(r"(?:\s*,\s*|,?\s+and\s+)?", text[parts:start]):
                # a part of the total listed before: "including ... planes and helicopters"
                claim.start, claim.total, parts = out[-1].start, True, end
                pair = _TWO_PARTS.fullmatch(written)
                if pair is not None:  # "anti-submarine warfare planes and helicopters": two parts
                    first = replace(claim, end=start + pair.end("first"), type=pair["first"])
                    out.append(first)
                    claim.type = pair["second"]
                out.append(claim)
                continue
            parts = None
            placed = (
                self._before(claim, lo)
                or self._after(claim, lo, hi)
                or self._sender(claim, lo)
                or self._its(claim, lo)
                or self._identified(claim, lo)
                or self._composed_of(claim, lo)
            )
            # a designation is proposed even when no country is found (commented out)
            if not placed and claim.generic and not self._total(claim, lo, hi):
                continue
            # "after Chinese and Russian bombers conducted ...": the reason of what is reported
            claim.reported = claim.reported and not ASIDE.search(text, lo, claim.start)
            out.append(claim)
            listed = INCLUDING.match(text, claim.end, hi) if claim.total else None
            parts = listed.end() if listed else None
        return out

    def _before(self, claim: Claim, lo: int) -> bool:
        """Count and country in the words before the head, or a force named right there
        ("ASDF fighters")."""
        text = self.d.text
        m = self.before.search(text, max(lo, claim.start - 160), claim.start)
        if m is not None:
            countries = tuple(c.group(0) for c in self.country.finditer(m["countries"]))
            if BODY_AFTER.match(text, m.start("countries") + len(m["countries"])):
                return False
            claim.start = m.start()
            claim.count = None if m["prev"] else m["count"]
            claim.singular = claim.singular and not m["prev"]  # one of a list, no caption
            claim.definite = bool(re.search(r"(?i)\b(?:the|these|those)\s+$", text[lo : m.start()]))
            if claim.count is None and m["count"]:
                claim.start = m.start("countries")
            if claim.count and len(countries) == 1:
                # "two Chinese and two Russian bombers": each country with its own count
                while (
                    pair := self.pair.search(text, max(lo, claim.start - 60), claim.start)
                ) is not None:
                    claim.counts[pair["country"]] = pair["count"]
                    countries = (pair["country"], *countries)
                    claim.start = pair.start()
                if claim.counts:
                    claim.counts[countries[-1]] = claim.count
                    claim.countries, claim.code = countries, self.code(countries[0])
                    return True
            return self._countries(claim, countries)
        for (a, b), actor in self.forces.items():
            if lo <= a and b <= claim.start and not text[b : claim.start].strip():
                claim.start, claim.operator = a, actor
                claim.code = self.d.actor_country.get(actor)
                count = self.count_only.search(text, max(lo, a - 30), a)
                if count is not None:
                    claim.start, claim.count = count.start(), count["count"]
                return True
        return False

    def _countries(self, claim: Claim, countries: tuple[str, ...]) -> bool:
        """The claim's countries, or one total for a number given for several."""
        codes = {self.code(c) for c in countries} - {None}
        if not codes:
            return False
        if len(countries) > 1 and claim.count:
            claim.total, claim.covers = True, frozenset(codes)  # one number for both: a total
        else:
            claim.countries = countries
        claim.code = min(codes & PATROL_COUNTRIES or codes)
        return True

    def _after(self, claim: Claim, lo: int, hi: int) -> bool:
        """The country or force named after the head ("of the PLA Air Force", "from Russia"),
        or "from both countries" (a total)."""
        text = self.d.text
        count = self.count_only.search(text, max(0, claim.start - 30), claim.start)
        both = BOTH_SIDES.match(text, claim.end, hi)
        if both is not None:
            if count is None:
                return self._both(claim, lo, both.end())
            claim.start, claim.end, claim.count = count.start(), both.end(), count["count"]
            claim.total = True
            return True
        link = BELONGS_TO.match(text, claim.end, hi)
        if link is None:
            return False
        stop = CLAUSE_END.search(text, link.end(), hi)
        window_end = stop.start() if stop else hi
        named: list[tuple[int, int, str | None, str | None]] = []  # start, end, word, force
        for m in self.country.finditer(text, link.end(), window_end):
            named.append((m.start(), m.end(), m.group(0), None))
        for (a, b), actor in self.forces.items():
            inside = any(s <= a < e for s, e, _, _ in named)
            if link.end() <= a and b <= window_end and not inside:
                named.append((a, b, None, actor))
        if not named:
            return False
        if count is not None:
            claim.start, claim.count = count.start(), count["count"]
        claim.end = max(e for _, e, _, _ in named)
        # "of the Pacific Fleet’s naval aviation and the Chinese navy": the force the country
        # word qualifies ends the words
        force = _FORCE_AFTER.match(text, claim.end, window_end)
        claim.end = force.end() if force else claim.end
        codes = {self.code(w) if w else self.d.actor_country.get(f or "") for _, _, w, f in named}
        codes.discard(None)
        if len(codes) > 1:
            if claim.count is None:
                words = tuple(w for _, _, w, _ in sorted(named) if w)
                return bool(words) and self._countries(claim, words)
            claim.total, claim.covers = True, frozenset(c for c in codes if c)
            return True
        _, _, word, force = min(named)
        if word is not None:
            return self._countries(claim, (word,))
        claim.operator, claim.code = force, self.d.actor_country.get(force or "")
        return True

    def _both(self, claim: Claim, lo: int, end: int) -> bool:
        """ "fighter jets from both countries", no number: one claim per country (build/README.md,
        "One row per country"), the two countries the words before name: in the sentence
        ("Russian Tu-95МS and Chinese H-6K strategic bombers conducted an eight-hour patrol
        accompanied by fighter jets from both countries", quoted from the first), else in the
        sentence before ("the group of Russian ships ... the Chinese group", quoted as `also`).
        Two countries, no more and no fewer, or no claim."""
        text = self.d.text
        before = [s for s in self.spans if s[1] <= lo]
        for a, b, inside in ((lo, claim.start, True), (*(before[-1] if before else (0, 0)), False)):
            words = [m for m in self.country.finditer(text, a, b) if self.code(m.group(0))]
            codes = {self.code(m.group(0)) for m in words}
            if len(codes) == 1 or len(codes) > 2:
                return False
            if len(codes) == 2:
                firsts = [next(m for m in words if self.code(m.group(0)) == c) for c in codes]
                firsts.sort(key=lambda m: m.start())
                claim.countries = tuple(m.group(0) for m in firsts)
                claim.code = min(codes & PATROL_COUNTRIES or codes)  # type: ignore[type-var]
                claim.end = end
                if inside:
                    claim.start = firsts[0].start()
                else:
                    claim.also = tuple(m.span() for m in firsts)
                return True
        return False

    def _sender(self, claim: Claim, lo: int) -> bool:
        """The subject of a verb that sends the aircraft: a state named as a country ("Japan
        scrambled fighter jets", "prompting South Korea to scramble") or a force ("The Air
        Self-Defense Force scrambled fighter jets")."""
        text = self.d.text
        m = SENDING.search(text, max(lo, claim.start - 80), claim.start)
        if m is None:
            return False
        subject = text[max(lo, m.start() - 60) : m.start()]
        word = re.search(rf"(?:{self.country.pattern})$", subject)
        if word is not None and (code := self.code(word.group(0))) is not None:
            claim.start, claim.countries, claim.code = (
                m.start() - len(word.group(0)),
                (word.group(0),),
                code,
            )
        else:
            force = next(
                ((a, actor) for (a, b), actor in self.forces.items() if b == m.start() and a >= lo),
                None,
            )
            if force is None:  # a state named otherwise than as a country ("Seoul")
                force = next(
                    ((a, actor) for (a, b), actor in self.states.items() if b == m.start()),
                    None,
                )
            if force is None:
                return self._unregistered_sender(claim, m)
            claim.start, claim.operator = force
            claim.code = self.d.actor_country.get(force[1])
        claim.count, claim.sent = m["count"], True
        if claim.role == "fighter_escort":
            claim.role = "fighter"
        return True

    def _unregistered_sender(self, claim: Claim, m: re.Match[str]) -> bool:
        """A name the registries do not know as the subject ("The Air Self-Defense Force
        scrambled fighter jets" where only "ASDF" is registered): the claim is proposed with no
        country (commented out), and the name listed as a registry entry to add."""
        name = _NAME_BEFORE.search(self.d.text, max(0, m.start() - 60), m.start())
        if name is None:
            return False
        entry = (
            f"actor spelling {name.group(0)!r} (sends aircraft in the text; registries/actors.yaml)"
        )
        if entry not in self.d.draft.to_add:
            self.d.draft.to_add.append(entry)
        claim.start, claim.count, claim.sent = name.start(), m["count"], True
        return True

    def _its(self, claim: Claim, lo: int) -> bool:
        """ "the Russian Ministry of Defense said its Tu-95MS bombers": the country of the body
        that says so, the last country word before "its" in the sentence."""
        its = ITS.search(self.d.text, max(lo, claim.start - 10), claim.start)
        if its is None:
            return False
        words = list(self.country.finditer(self.d.text, lo, its.start()))
        if not words:
            return False
        claim.start = words[-1].start()
        return self._countries(claim, (words[-1].group(0),))

    def _identified(self, claim: Claim, lo: int) -> bool:
        """What the country's aircraft named before were: "The Chinese and Russian military
        aircraft that entered the KADIZ that day were bombers and fighters" (one claim per
        country and noun), "The Russian aircraft was an A-50 airborne early warning and control
        aircraft" (the curated files code both so)."""
        m = self.predicate.search(self.d.text, max(lo, claim.start - 200), claim.start)
        if m is None:
            return False
        countries = tuple(c.group(0) for c in self.country.finditer(m["countries"]))
        claim.start, claim.identified = m.start(), True
        claim.count = None if m["prev"] else m["count"]
        return self._countries(claim, countries)

    def _composed_of(self, claim: Claim, lo: int) -> bool:
        """A count of the aircraft that a country's forces, the sentence's subject, are made
        of: "The Chinese participating troops are mainly composed of ..., 21 fixed-wing
        aircraft and helicopters, and three ships" (the country quoted as `also`). No other
        country may be named between."""
        text = self.d.text
        m = self.composed.match(text, lo)
        count = self.count_only.search(text, max(lo, claim.start - 30), claim.start)
        if m is None or count is None or self.country.search(text, m.end(), claim.start):
            return False
        claim.start, claim.count = count.start(), count["count"]
        claim.also = (m.span("country"),)
        return self._countries(claim, (m["country"],))

    def _total(self, claim: Claim, lo: int, hi: int) -> bool:
        """A number no country is named for: "a total of 17 aircraft", "the four bombers"."""
        text = self.d.text
        the = THE_COUNT.search(text, max(lo, claim.start - 40), claim.start)
        count = self.count_only.search(text, max(lo, claim.start - 40), claim.start)
        if the is not None:
            claim.start, claim.count = the.start(), the["count"]
        elif count is not None and re.match(r"(?i)a\s+total\s+of\b", count["count"]):
            claim.start, claim.count = count.start(), count["count"]
        else:
            return False
        claim.total = True
        return True


def propose(d: Drafter) -> None:
    """Append the aircraft claims of every sentence but the headline, each with the event its
    sentence mentions (else the first linked event of its kind)."""
    reader, reporter = _Reader(d), reporter_of(d)
    captions = [m.span() for m in CAPTION.finditer(d.text, 0, d.end)]
    claims = [
        claim
        for lo, hi in sentences(d.text, 0, d.end)
        if not d.in_headline(lo) and not any(a <= lo < b for a, b in captions)
        for claim in reader.claims(lo, hi)
    ]
    claims[:0] = _headline(d, reader)
    named: Named = []
    rows = []
    for claim in claims:
        for who in list(claim.countries) or [None]:
            row = replace(claim, count=claim.counts.get(who or "", claim.count))
            code = (normalize.country_code(who) if who else None) or claim.code
            span = (row.start, row.end)
            event = event_of(d, span, code, row.total, row.role, row.identified, named)
            named.append((code, kind_of(row.role), event))
            rows.append((row, who, event))
    # the countries, roles and events of which the article says more than a generic noun
    # without a number: a count (a total's too) or a designation
    specific: Specific = {
        (code, kind_of(row.role), event)
        for row, who, event in rows
        if row.count or not row.generic
        for code in (row.covers if row.total else {normalize.country_code(who) if who else None})
    }
    for number, (row, who, event) in enumerate(rows, 1):
        d.draft.items.append(_item(d, row, who, number, event, specific, reporter))


def _headline(d: Drafter, reader: _Reader) -> list[Claim]:
    """The claim a headline opens with, its subject: "China, Russia Military Aircraft Fly Over
    ...", "Russian and Chinese Bombers Conduct Joint Air Patrol", one row per country and no
    source, as the curated files code them; not the aircraft a headline names otherwise ("S
    Korea fires ... at Russian military plane", "Russia releases video of Russian, Chinese
    bombers"), which the curated files leave to the body."""
    lo, hi = d.headline
    if hi <= lo:
        return []
    found = [c for c in reader.claims(lo, hi) if c.start == lo and c.countries and not c.count]
    for claim in found[:1]:
        claim.headline, claim.reported = True, False
    return found[:1]


def _item(
    d: Drafter,
    claim: Claim,
    who: str | None,
    number: int,
    event: str | None,
    specific: Specific,
    reporter: Reporter,
) -> Item:
    """The claim of one country (`who`, None for a total or a force's) of `event` as a draft
    entry."""
    span = unique_around(d.text, claim.start, claim.end, d.end)
    quote = d.text[span[0] : span[1]] if span else d.text[claim.start : claim.end]
    lines = claim_lines(f"a{number:02d}", event, quote, who, claim.operator, claim.type)
    if claim.also:  # the country words outside the quote (the sentence before)
        also = ", ".join(quote_entry(d.text, a, b) for a, b in claim.also)
        lines.insert(3, f"  also: [{also}]")
    if claim.count:
        lines.append(f"  count: {yaml_string(claim.count)}")
    if claim.total:
        lines.append("  total: true")
    lines.append(f"  role: {claim.role}")
    if claim.part_of_flight:
        lines.append("  part_of_flight: true")
    if not claim.headline:  # a headline names no source
        lines += reporter.lines(*(span or (claim.start, claim.end)))
    if claim.identified and event is None:
        # the aircraft named before, identified where no event is reported and no aircraft of
        # that country and role were named before
        unsure = "what aircraft named before were: give the event they flew in"
    elif event is not None and d.event_kind(event) in PATROL_PARTS:
        # "The Russian aircraft took off from and landed at an airfield in China": the
        # aircraft named before, in a part of the patrol its sentence reports, are a claim of
        # that event, which no other claim counts (the curated files code it so)
        unsure = unsure_form(replace(claim, definite=False), span)
    else:
        unsure = unsure_form(claim, span) or unsure_generic(claim, who, event, specific)
    if unsure is None and event is None:
        unsure = "no known event to attach it to"
    return Item("aircraft", lines, unsure)


def unknown_designations(d: Drafter) -> None:
    known = [t.designation for t in d.registries.aircraft_types]
    for start, end, canonical in normalize.aircraft_mentions(d.text[: d.end], known):
        if canonical is None:
            entry = f"aircraft type {d.text[start:end]!r} (registries/aircraft_types.yaml)"
            if entry not in d.draft.to_add:
                d.draft.to_add.append(entry)
