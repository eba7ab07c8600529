"""Ship claims (steps/ships.py): the ships of the registry a sentence names, and the ships it
counts or names by kind ("two coastal-type minesweepers", "Chinese destroyers", "10 Chinese and
Russian naval vessels").

A phrase is a kind of ship and the registered names next to it ("the destroyers Qiqihar and
Guiyang", "the Tongling and Rizhao corvettes", "Russia’s Admiral Tributs large anti-submarine
ship"), or a kind with the count before it. Its country is, in this order: the country word
before it ("the Chinese destroyer Shaoxing", "a Russian frigate"); the country or force after
it ("a submarine of the Chinese People's Liberation Army Navy", "of the Pacific Fleet", "from
the Chinese side"); the country the clause opens with, when it names one only ("The Russian
Navy is represented in the drills by ..., two coastal-type minesweepers, ... a missile boat
and a rescue tug"); for a registered ship, the word after it in its clause that names the
registry's country ("the Shaoxing destroyer would command the Chinese group").

As for aircraft (build/README.md, "One row per country"): one number for two countries, or
ships "from both nations", make one claim with `total: true` and no country, as do the kinds a
total lists ("Of the 10 vessels including destroyers and replenishment ships").

Asserted are a registered ship whose country is the registry's, and counted ships or ships of
a named kind with their country. Commented out: a ship whose words name another country or
several, a count with no country, and warships of no stated kind without a number where the
article says more of that country's ships (as the curated files code them); each claim
belongs to the naval event its sentence mentions, else the first the draft links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .. import normalize
from .claim_event import claim_event
from .claim_patterns import (
    BELONGS_TO,
    BODY_AFTER,
    BOTH_SIDES,
    CAPTION,
    CLAIM_COUNT,
    CLAUSE_BREAK,
    CLAUSE_END,
    INCLUDING,
    MODIFIER,
    NAME_GAP,
    NOUN_AS_MODIFIER,
    SENDING,
    SHIP_ADJECTIVE,
    SHIP_CLASS,
    THE_COUNT,
    country_list,
    country_names,
    country_pattern,
    ship_kind,
)
from .document import Item, claim_lines, unique_around, yaml_string
from .new_ships import kind_of, new_ship
from .patterns import sentences
from .reporter import Reporter, reporter_of

if TYPE_CHECKING:
    from .proposals import Drafter

NAVAL_TYPES = frozenset(
    {
        "joint_naval_patrol",
        "joint_submarine_patrol",
        "joint_naval_exercise",
        "multinational_naval_exercise",
        "joint_exercise",
        "strategic_exercise",
    }
)
_SUBMARINE_PATROL = frozenset({"joint_submarine_patrol"})
Word = tuple[int, int, str]  # start, end, the words (a country word, a name)


# the forces demonyms qualify after a ship's kind: "of the Russian and Chinese navies"
_FORCES_NOUN = re.compile(r"\s+(?:navies|navy|fleets?|(?:armed\s+)?forces|militaries)\b", re.I)


@dataclass
class Phrase:
    """A kind of ship and what the words around it say: the names, count, country."""

    start: int  # the phrase's words: text[start:end]
    end: int
    type: str  # the kind as written ("large anti-submarine warfare ship")
    kind: tuple[int, int]  # where the kind is written
    names: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, ship id
    unknown: list[str] = field(default_factory=list)  # names the registry does not know
    count: str | None = None
    ship_class: str | None = None
    countries: list[Word] = field(default_factory=list)
    operator: str | None = None
    total: bool = False
    covers: frozenset[str] = frozenset()  # a total's countries
    counts: dict[int, str] = field(default_factory=dict)  # a country word's own count
    definite: bool = False
    unsure: str | None = None

    @property
    def generic(self) -> bool:
        return normalize.ship_type(self.type) == "warship"

    @property
    def plural(self) -> bool:
        return self.type.endswith("s")


class _Reader:
    """The ship phrases of one article."""

    def __init__(self, d: Drafter) -> None:
        self.d = d
        self.ships = {s.id: s for s in d.registries.ships}
        states = ((a.country, a.aliases) for a in d.registries.actors if a.type == "state")
        self.country = country_pattern(country_names(states))
        c = self.country.pattern
        self.before = re.compile(
            rf"(?:(?P<count>{CLAIM_COUNT})\s+(?:of\s+)?(?:{MODIFIER}\s+){{0,2}})?"
            rf"(?P<countries>{country_list(c)})\s+(?:the\s+)?$",
            re.IGNORECASE,
        )
        # a count may stand before words the type does not keep ("two coastal-type ...")
        self.pair = re.compile(
            rf"(?P<count>{CLAIM_COUNT})\s+(?:of\s+)?(?P<country>{c})\s*(?:,\s*|,?\s+and\s+)$",
            re.IGNORECASE,
        )
        self.count_only = re.compile(
            rf"(?P<count>{CLAIM_COUNT})\s+(?:{SHIP_ADJECTIVE}\s+){{0,2}}$", re.IGNORECASE
        )
        self.kind = ship_kind(learned_modifiers(d))
        self.forces = {
            (a, b): actor
            for a, b, actor in d.actor_mentions()
            if d.actor_type.get(actor) == "military" and d.actor_country.get(actor)
        }
        # words that name no country of ships: inside a place's or a ship's name ("Sea of
        # Japan", "Hero of the Russian Federation Aldar Tsydenzhapov")
        self.inside = [(a, b) for a, b, _ in d.mentions(d.registries.places)] + [
            (a, b) for a, b, _ in d.mentions(d.registries.ships)
        ]

    def code(self, word: str) -> str | None:
        """The country a country word names, or None."""
        try:
            return normalize.country_code(word)
        except ValueError:
            return None

    def countries_in(self, lo: int, hi: int) -> list[Word]:
        """The country words of text[lo:hi] that may say whose ships: not inside a longer
        name, not a body's ("the Russian defence ministry said")."""
        text = self.d.text
        return [
            (m.start(), m.end(), m.group(0))
            for m in self.country.finditer(text, lo, hi)
            if not any(
                a <= m.start() and m.end() <= b and (a, b) != m.span() for a, b in self.inside
            )
            and not BODY_AFTER.match(text, m.end())
        ]

    def phrases(self, lo: int, hi: int) -> list[Phrase]:
        """The ship phrases of the sentence text[lo:hi], each with its names and country."""
        text = self.d.text
        kinds = [
            m for m in self.kind.finditer(text, lo, hi) if not NOUN_AS_MODIFIER.match(text, m.end())
        ]
        found = self.d.mentions(self.d.registries.ships, lo, hi)
        # a name inside a longer one is that one ("Aldar Tsydenzhapov" in "Hero of the Russian
        # Federation Aldar Tsydenzhapov")
        names = [
            n for n in found if not any(o[0] <= n[0] and n[1] <= o[1] and o != n for o in found)
        ]
        phrases: list[Phrase] = []
        taken: set[int] = set()
        for k in kinds:
            p = Phrase(k.start(), k.end(), k.group(0), k.span())
            after = _name_list(text, names, k.end(), forward=True)
            before = [] if after else _name_list(text, names, k.start(), forward=False)
            p.names = after or before
            taken.update(n[0] for n in p.names)
            if p.names:
                p.start, p.end = min(p.start, p.names[0][0]), max(p.end, p.names[-1][1])
            else:
                p.unknown = self._unknown_names(k.start(), k.end(), hi)
            cls = SHIP_CLASS.search(text, lo, p.start)
            if cls is not None:
                p.ship_class = cls.group(0).strip()
                p.start = cls.start()
            phrases.append(p)
        for start, end, ship_id in names:  # a name no kind stands next to: the last kind before
            if start in taken:
                continue
            kind = next((k for k in reversed(kinds) if k.end() <= start), None)
            if kind is not None:
                named = Phrase(
                    kind.start(), end, kind.group(0), kind.span(), [(start, end, ship_id)]
                )
                phrases.append(named)
        phrases.sort(key=lambda p: p.start)
        for p in phrases:
            self._own(p, lo)
        for p in phrases:
            self._place(p, phrases, lo, hi)
        return _with_parts(text, phrases, hi)

    def _unknown_names(self, start: int, end: int, hi: int) -> list[str]:
        """Capitalised words right after a kind ("the destroyers Kunming and Nanchang") or
        between "the" and it ("the Pechenga tanker") that name no country, actor or place:
        ships the registry does not know, listed for the editor to add."""
        text, found = self.d.text, []
        after = re.compile(
            r"\s+([A-Z][a-z][\w’'-]*(?: [A-Z][\w’'-]+){0,3})(?:(?:,? and |, )([A-Z][a-z][\w’'-]*))?"
        )
        m = after.match(text, end, hi)
        if m is not None:
            found = [n for n in m.groups() if n]
        else:
            before = re.search(
                r"\bthe\s+([A-Z][a-z][\w’'-]*(?: [A-Z][\w’'-]+){0,2})\s+$", text[:start]
            )
            if before is not None and not before.group(1).endswith(("’s", "'s")):
                found = [before.group(1)]
        registries = self.d.registries
        known = {
            n
            for e in (*registries.actors, *registries.places, *registries.ships)
            for n in e.aliases
        }
        return [n for n in found if n not in known and not self.country.fullmatch(n)]

    def _own(self, p: Phrase, lo: int) -> None:
        """The country words right before the phrase ("the Chinese destroyer Shaoxing", "a
        Russian frigate", "seven Chinese and Russian ships"), with the count before them."""
        text = self.d.text
        m = self.before.search(text, max(lo, p.start - 120), p.start)
        if m is not None:
            p.countries = [
                (m.start("countries") + c.start(), m.start("countries") + c.end(), c.group(0))
                for c in self.country.finditer(m["countries"])
            ]
            p.count = None if p.names else m["count"]
            p.start = m.start() if p.count else m.start("countries")
            while p.count and (pair := self.pair.search(text, max(lo, p.start - 60), p.start)):
                # "two Russian and three Chinese destroyers": each country its own count
                p.counts.setdefault(p.countries[-1][0], p.count)
                at = pair.start("country")
                p.countries.insert(0, (at, pair.end("country"), pair["country"]))
                p.counts[at], p.start = pair["count"], pair.start()
        p.definite = bool(re.search(r"(?i)\b(?:the|these|those)\s+$", text[lo : p.start]))
        if m is None and not p.names:
            the = THE_COUNT.search(text, max(lo, p.start - 30), p.start)
            count = the or self.count_only.search(text, max(lo, p.start - 30), p.start)
            if count is not None:
                p.count, p.start, p.definite = count["count"], count.start(), the is not None

    def _place(self, p: Phrase, phrases: list[Phrase], lo: int, hi: int) -> None:
        """The country of a phrase that has none of its own (see the module's docstring)."""
        text = self.d.text
        if not p.countries:
            self._after(p, hi)
        if p.countries or p.total or (p.definite and p.count):
            pass  # "the 10 vessels": those counted before, a total
        elif p.names or p.count or not p.generic:
            self._clause(p, phrases, lo, hi)
        else:  # warships of no stated kind, uncounted: only whose a verb sends them
            self._sender(p, lo)
        codes = {self.code(w) for _, _, w in p.countries} - {None}
        if len(codes) > 1 and p.count and not p.counts:
            p.total, p.covers, p.countries = True, frozenset(c for c in codes if c), []
        elif not p.countries and p.operator is None and not p.total:
            the_total = p.count and re.match(r"(?i)(?:the|a\s+total\s+of)\b", text[p.start :])
            if the_total:
                p.total = True
        for _, _, ship_id in p.names:
            navy = self.ships[ship_id].country
            found = {self.code(w) for _, _, w in p.countries}
            if p.countries and navy not in found:
                p.unsure = f"{p.countries[0][2]!r} is not the country of {ship_id} in the registry"
            elif p.countries:  # the word that names the ship's own country
                p.countries = [w for w in p.countries if self.code(w[2]) == navy][:1]

    def _after(self, p: Phrase, hi: int) -> None:
        """The country or force named after the phrase ("of the Russian Navy", "of the
        Pacific Fleet"), or "from both nations" (a total)."""
        text = self.d.text
        # "diesel-electric submarines and naval aircraft from both countries"
        both = re.compile(rf"(?:\s+and\s+(?:[\w-]+\s+){{0,3}}?[\w-]+)?{BOTH_SIDES.pattern}", re.I)
        m = both.match(text, p.end, hi)
        if m is not None:
            if m.group(0).lstrip().startswith("and"):
                p.total = True  # the words after the kind stay out of its quote
            else:
                p.total, p.end = True, m.end()
            return
        link = BELONGS_TO.match(text, p.end, hi)
        if link is None:
            return
        stop = CLAUSE_END.search(text, link.end(), hi)
        window = (link.end(), stop.start() if stop else hi)
        words = self.countries_in(*window)
        forces = [
            (a, b, actor)
            for (a, b), actor in self.forces.items()
            if window[0] <= a and b <= window[1] and not any(s <= a < e for s, e, _ in words)
        ]
        if words:
            p.countries, p.end = words, words[-1][1]
            # "Ships of the Russian and Chinese navies": the force the demonyms qualify
            if (noun := _FORCES_NOUN.match(text, p.end, window[1])) is not None:
                p.end = noun.end()
        elif forces:
            p.operator, p.end = forces[0][2], forces[0][1]

    def _sender(self, p: Phrase, lo: int) -> None:
        """ "Russia, China and Iran have deployed naval vessels": the countries that send."""
        m = SENDING.search(self.d.text, max(lo, p.start - 80), p.start)
        if m is None:
            return
        words = self.countries_in(lo, m.start())
        if words and words[-1][1] >= m.start() - 1:
            p.countries = _list_ending(self.d.text, words)

    def _clause(self, p: Phrase, phrases: list[Phrase], lo: int, hi: int) -> None:
        """The country the phrase's clause names before it: the one country it names, or the
        list that ends there ("Russia, China and Iran have deployed naval vessels"), but not
        another phrase's own word when the clause names several ("China’s Shaoxing destroyer,
        and the Qiandaohu supply ship": the Qiandaohu's country is not said). For a registered
        ship, else the word after it in its clause that names its registry's country; for
        counted ships, "from the Chinese side"."""
        text = self.d.text
        start = lo
        for m in CLAUSE_BREAK.finditer(text, lo, p.start):
            start = m.end()
        words = self.countries_in(start, p.start)
        if len({self.code(w[2]) for w in words}) == 1:
            p.countries = [words[-1]]
            return
        if words:
            own = {w[0] for q in phrases if q is not p for w in q.countries}
            free = [w for w in words if w[0] not in own]
            if free and free[-1] == words[-1]:
                p.countries = _list_ending(text, free)
            else:
                p.unsure = "the clause names several countries: whose ships are these?"
            return
        stop = CLAUSE_BREAK.search(text, p.end, hi)
        rest = (p.end, stop.start() if stop else hi)
        if p.names:
            navy = self.ships[p.names[0][2]].country
            after = [w for w in self.countries_in(*rest) if self.code(w[2]) == navy]
            p.countries = after[:1]
        else:
            side = re.compile(rf"\bfrom\s+(?:the\s+)?(?P<c>{self.country.pattern})", re.I)
            m = side.search(text, *rest)
            if m is not None:
                p.countries = [(m.start("c"), m.end("c"), m["c"])]


def learned_modifiers(d: Drafter) -> set[str]:
    """The words the project's curated ship claims keep before the kind in their `type`
    ("coastal-type minesweepers", "comprehensive supply ship"), from every annotation but the
    one being drafted: what an editor writes teaches the next draft."""
    kinds = re.compile(
        rf"(?i)(?<![\w-])(?:{'|'.join(p for p, _ in normalize.SHIP_WORDS)})(?![\w-])"
    )
    words: set[str] = set()
    for path in sorted((Path(d.root) / "build" / "annotations").glob("*.yaml")):
        if path.stem == d.source_id:
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            continue
        for claim in data.get("ships") or [] if isinstance(data, dict) else []:
            written = claim.get("type") if isinstance(claim, dict) else None
            kind = kinds.search(written) if isinstance(written, str) else None
            if kind is not None:
                words.update(
                    w for w in written[: kind.start()].split() if re.fullmatch(r"[\w-]+", w)
                )
    return words


def _name_list(
    text: str, names: list[tuple[int, int, str]], at: int, *, forward: bool
) -> list[tuple[int, int, str]]:
    """The registered names that stand in a list right after (or before) `at`: "destroyers
    Qiqihar and Guiyang", "Tongling and Rizhao corvettes"."""
    found: list[tuple[int, int, str]] = []
    ordered = names if forward else list(reversed(names))
    for start, end, ship_id in ordered:
        gap = text[at:start] if forward else text[end:at]
        first = not found
        if (first and re.fullmatch(r"\s+", gap)) or (not first and NAME_GAP.fullmatch(gap)):
            found.append((start, end, ship_id))
            at = end if forward else start
        elif (forward and start >= at) or (not forward and end <= at):
            break
    return found if forward else list(reversed(found))


def _list_ending(text: str, words: list[Word]) -> list[Word]:
    """The country words that end `words` as one list ("Russia, China and Iran")."""
    out = [words[-1]]
    for w in reversed(words[:-1]):
        if NAME_GAP.fullmatch(text[w[1] : out[0][0]]):
            out.insert(0, w)
        else:
            break
    return out


def _with_parts(text: str, phrases: list[Phrase], hi: int) -> list[Phrase]:
    """The kinds listed after a total ("Of the 10 vessels including destroyers and
    replenishment ships") are totals too: no country, no count."""
    out: list[Phrase] = []
    parts: int | None = None
    for p in phrases:
        if (
            parts is not None
            and not p.countries
            and re.fullmatch(r"(?:\s*,\s*|,?\s+and\s+)?", text[parts : p.start])
        ):
            p.total, p.start, parts = True, out[-1].start, p.end
            out.append(p)
            continue
        out.append(p)
        listed = INCLUDING.match(text, p.end, hi) if p.total else None
        parts = listed.end() if listed else None
    return out


def propose(d: Drafter) -> None:
    """Append one ship claim per registered ship named, and per counted group or kind of
    ships and country."""
    reader, reporter = _Reader(d), reporter_of(d)
    phrases = _phrases(d, reader)
    if _write_out(d, reader, phrases):  # the names of the new ships are read as names now
        reader = _Reader(d)
        phrases = _phrases(d, reader)
    specific = {code for p in phrases for code in p.covers} | {
        reader.code(w)
        for p in phrases
        if p.names or p.count or not p.generic
        for _, _, w in p.countries
    }
    for p in phrases:
        for unknown in p.unknown:
            entry = f"ship {unknown!r} (registries/ships.yaml)"
            if entry not in d.draft.to_add:
                d.draft.to_add.append(entry)
    number = 0
    for p in phrases:
        rows: list[tuple[Word | None, tuple[int, int, str] | None]]
        if p.names:
            rows = [(p.countries[0] if p.countries else None, n) for n in p.names]
        elif p.total:
            rows = [(None, None)]
        else:
            rows = [(w, None) for w in p.countries] or [(None, None)]
        for country, name in rows:
            row = replace(p, count=p.counts.get(country[0], p.count)) if country else p
            unsure = _unsure(row, country, name, specific, reader)
            if unsure == "skip":
                continue
            number += 1
            d.draft.items.append(_item(d, row, country, name, number, unsure, reporter))


def _phrases(d: Drafter, reader: _Reader) -> list[Phrase]:
    """The ship phrases of every sentence but the headline and photo captions."""
    captions = [m.span() for m in CAPTION.finditer(d.text, 0, d.end)]
    return [
        p
        for lo, hi in sentences(d.text, 0, d.end)
        if not d.in_headline(lo) and not any(a <= lo < b for a, b in captions)
        for p in reader.phrases(lo, hi)
    ]


def _write_out(d: Drafter, reader: _Reader, phrases: list[Phrase]) -> bool:
    """Register, in the drafter's registries, each ship the article names that the registry
    does not know, where the words give its country and kind (`new_ships`); True if any."""
    taken = {s.id for s in d.registries.ships}
    added = False
    for p in phrases:
        codes = {reader.code(w[2]) for w in p.countries} - {None}
        if p.operator is not None:
            codes.add(d.actor_country.get(p.operator))
        country = codes.pop() if len(codes) == 1 else None
        for name in p.unknown:
            ship = new_ship(name, p.type, country, d.source_id)
            if ship is None or ship.id in taken:
                continue
            taken.add(ship.id)
            d.new_ships.append(ship)
            d.registries.ships.append(ship.entry())
            added = True
    return added


def _unsure(
    p: Phrase,
    country: Word | None,
    name: tuple[int, int, str] | None,
    specific: set[str | None],
    reader: _Reader,
) -> str | None:
    """Why the claim is commented out; None: asserted; "skip": no claim at all (a ship the
    text names by kind alone, once: "the submarine covered 2,000 miles")."""
    if p.unsure:
        return p.unsure
    if name is None and p.unknown:
        return f"names ships the registry does not know ({', '.join(p.unknown)}): add them"
    if name is None and not p.count and not p.total and not p.plural:
        return "skip"
    if country is None and p.operator is None and not p.total:
        if name is None and not p.count:
            return "skip"
        return "the words name no country: add the country, or the navy sailing them"
    if name is None and p.generic and not p.count and p.total:
        return "ships of no stated kind and no number for both countries: a claim above again?"
    if name is None and p.generic and not p.count:
        if p.definite:
            return "'the' and ships of no stated kind: the ships named above again"
        if country is not None and reader.code(country[2]) in specific:
            return "ships of no stated kind, without a number, where the article says more"
    return None


def _item(
    d: Drafter,
    p: Phrase,
    country: Word | None,
    name: tuple[int, int, str] | None,
    number: int,
    unsure: str | None,
    reporter: Reporter,
) -> Item:
    """The claim as a draft entry: its quote runs from the country word, with the article
    before it ("the Chinese destroyer Shaoxing", "The Russian Navy was represented by ..."),
    to the end of the phrase: every ship of a list the kind opens has the list's words ("the
    destroyers Qiqihar and Guiyang"), as the curated files quote them."""
    start, end = p.start, p.end
    if country is not None:
        start, end = min(start, country[0]), max(end, country[1])
    if the := re.search(r"(?<![\w-])[Tt]he\s$", d.text[max(0, start - 4) : start]):
        start -= len(the.group())
    # a submarine patrol is of submarines: the ships that escort or support it, or a
    # sentence's other ships, belong to a patrol of warships
    submarine = kind_of(p.type) == "submarine"
    event = claim_event(d, start, NAVAL_TYPES if submarine else NAVAL_TYPES - _SUBMARINE_PATROL)
    span = unique_around(d.text, start, end, d.end)
    if span is None:
        unsure = unsure or "the words occur more than once: quote a longer span"
    quote = d.text[span[0] : span[1]] if span else d.text[start:end]
    who = country[2] if country is not None else None
    lines = claim_lines(f"v{number:02d}", event, quote, who, p.operator, p.type)
    if name is not None:
        lines.append(f"  name: {yaml_string(d.text[name[0] : name[1]])}")
    if p.ship_class is not None:
        lines.append(f"  class: {yaml_string(p.ship_class)}")
    if p.count and name is None:
        lines.append(f"  count: {yaml_string(p.count)}")
    if p.total:
        lines.append("  total: true")
    lines += reporter.lines(*(span or (start, end)))
    if event is None:
        unsure = unsure or "no naval event linked to attach it to"
    return Item("ships", lines, unsure)
