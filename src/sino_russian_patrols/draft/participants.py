"""Participant claims (steps/participants.py): the countries and forces a report says took
part in an event, hosted it or watched it.

A claim is read where the words name the parties together, in a sentence whose mention of a
joint patrol or exercise the draft asserts: "China and Russia have executed their first joint
bomber patrol", "the Russia-China joint naval drills", "the Chinese and Russian militaries
conducted", "Warships of the Russian Navy and the Navy of the People's Liberation Army of
China", "Naval units from Russia, China and Iran". A party is a state (its name, or its
demonym: "Chinese" is China) or a military force the registries know, or whose spelling the
draft writes into them ("PLA Air Force"); a state's name before its own force's ("Russia's
Pacific Fleet") names the force. The group must name both Russia and China: two other
countries named together ("Japan and South Korea scrambled jets") answer the patrol, they do
not take part, nor do parties named as a place ("along the borders of Russia and China") or
as those words are addressed to ("its concerns ... to China and Russia"). A headline that
names the parties is a claim of the event the body reports first.

One party alone, or a list of parties without both Russia and China, takes part where the
words say so ("Russia was represented by ...", "the Chinese navy will participate in ...",
"China, Algeria, India ... have sent troops to participate in the exercise"), with the force
it is represented by ("by 10 ships of the Pacific Fleet"). Roles: a party followed by "will
host", "hosts" or "hosted", after "organized by", one another joins ("Russia to join China
in ... drills"), one whose own exercise it is ("participate in Russia's "Ocean-2024"
exercise"), or a state on whose territory the drills are held ("drills on Chinese
territory", "the exercises kicked off in Russia"), hosts the event; a group after "observers
from" watches it. A list of members ("the BRICS group, which includes Brazil, India, China,
Russia ...") names no parties.

The curated files code a party once per event, role and reporter (a headline beside), where
the words say they held the event: a sentence that names them only by their aircraft or
ships ("more than 10 Chinese and Russian military aircraft entered the KADIZ") gives no claim
when another names them with the event's words. The quote is the clause
(participant_quotes). Each claim carries the sentence's reporter as `reported_by`, as an
aircraft claim does (`reporter`), `null` when none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..normalize import country_code
from .actors import asserted
from .claim_patterns import country_names
from .document import Item, quote_lines
from .events import counted_event, kind_words, known_window
from .participant_quotes import (
    EVENT_NOUN,
    FORCE_NOUNS,
    Span,
    closed,
    core,
    head_noun_end,
    in_clause,
    named_by_demonym,
    on_land,
    opening,
)
from .patterns import DEMONYMS, EXERCISE_TYPES, JOINT_PATROLS, ORDINAL_SERIES
from .reporter import reporter_of

if TYPE_CHECKING:
    from .proposals import Drafter

# the events whose parties a report names: joint patrols and exercises
PARTY_EVENTS = EXERCISE_TYPES | JOINT_PATROLS
PARTY_TYPES = frozenset({"state", "military"})
# what joins two parties named together: "and", a comma, a hyphen or a slash
_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|[-\u2010\u2011\u2013/])\s*(?:the\s+)?")
# parties named by their units, each "<units> of" its force: "the Admiral Tributs ... ship of
# the Pacific Fleet, and the Shaoxing destroyer and the Qiandaohu replenishment ship of the
# Chinese People's Liberation Army Navy had conducted a joint patrol"
_JOIN_UNITS = re.compile(
    r",?\s+and\s+(?:(?:the|a|an|two|three|four)\s+)?(?:[\w’'-]+\s+){0,6}?"
    r"(?:ships?|warships?|vessels?|submarines?|destroyers?|frigates?|corvettes?|units?|"
    r"aircraft|bombers?|fighters?|planes?|warplanes?)\s+of\s+(?:the\s+)?"
)
_HYPHENS = frozenset("-\u2010\u2011\u2013/")
# a state's name before its own force's: "Russia's Pacific Fleet"
_OWNS = re.compile(r"[’']s\s+$")
_HOSTED_BY = re.compile(r"\b(?:organi[sz]ed|hosted)\s+by\s+(?:the\s+)?$")
_HOST = re.compile(r"\s+(?:will\s+|would\s+)?host(?:s|ed)?\b")
# a host named as the place: "drills on Chinese territory", "on Russian soil"
_HOST_LAND = re.compile(r"(?i)\bon\s+(?:the\s+)?$")
_LAND = re.compile(r"\s+(?:territory|soil)\b")
# one party that takes part: "Russia was represented by", "The Russian Navy took part"
_TAKES_PART = re.compile(
    r"\s+(?:(?:was|were|is|are|will\s+be)\s+represented|(?:took|take|takes|will\s+take)\s+part"
    r"|(?:will\s+)?(?:participate[sd]?|join(?:ed|s)?)\s+(?:in|the)\b"
    r"|(?:is|are|was|were)\s+(?:expected|set|due|scheduled)\s+to\s+(?:participate|take\s+part)\b"
    r"|(?:participating|taking\s+part)\b)"
)
# the words that say so end a quote, unless the event's words or the force follow them
# ("Russia was represented by 10 ships", "will join the drills")
_OPEN_ENDED = re.compile(r"(?i)\b(?:represented|join(?:ed|s)?\s+(?:in|the))$")
# parties that send their forces to take part: "China, Algeria, India ... and other
# countries have sent troops to participate in the exercise"
_SEND_TO_TAKE_PART = re.compile(
    r"\s+(?:and\s+other\s+(?:countries|states|nations)\s+)?(?:have\s+|has\s+|will\s+)?"
    r"(?:sent|send|sends|dispatched|dispatch|dispatches|deployed|deploy)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:troops|forces|servicemen|units|contingents?|ships|warships|vessels|aircraft)\s+"
    r"(?:in\s+[A-Z]\w+\s+)?to\s+"
    r"(?:participate|take\s+part|join)\b"
)
# a state in which the drills are held: "Vostok 2022 strategic military exercises kicked off
# in Russia", "the drills will be held in China"
_HELD_IN = re.compile(
    r"(?i)\b(?:kicked\s+off|began|begun|started|opened|(?:was|were|is|are|will\s+be)\s+held|"
    r"took\s+place|take\s+place|takes\s+place)\s+in\s+$"
)
# more names in a list: ", Algeria, India, Belarus", ", Algeria and Egypt"
_NAME = r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}"
_LIST_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"  # ", ", ", and ", " and "
_MORE_NAMES = re.compile(rf"(?:(?:,\s*(?:and\s+)?|\s+and\s+){_NAME})*")
# names the registries do not know between two parties of a list: ", Algeria and "
_NAMES_BETWEEN = re.compile(rf"{_LIST_SEP}(?:{_NAME}{_LIST_SEP})+")
# a list that names members, not parties: "the BRICS group, which includes Brazil, India ..."
_MEMBERS = re.compile(
    r"\b(?:[Ii]ncludes|[Ii]ncluding|such\s+as|members?\s+(?:are|include))\s+"
    r"(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*,\s*)*$"
)
# the words between "represented" (and the event's words) and the force: " by 10 ships of
# the ", " in the drills by the "
_BY_FORCE = re.compile(
    r"(?:\s+in\s+the\s+(?:[\w-]+\s+){0,3}?[\w-]+)?\s+by\s+(?:the\s+)?"
    rf"(?:(?:[\w-]+\s+){{0,3}}?{FORCE_NOUNS}\s+of\s+(?:the\s+)?)?"
)
# the force's own units after it: "'s ASW destroyers", "’s large anti-submarine warfare ships"
_FORCE_OWNS = re.compile(rf"[’']s\s+(?:[\w-]+\s+){{0,4}}?{FORCE_NOUNS}\b")
# one party joins another's drills, which that one hosts: "Russia to join China in upcoming
# military drills"
_JOINS_BEFORE = re.compile(r"\bjoin(?:s|ed)?\s+(?:the\s+)?$")
_JOINS = re.compile(
    r"\s+(?:will\s+|to\s+|would\s+)?join(?:s|ed)?\s+(?:the\s+)?[A-Z][\w’'-]*"
    r"(?:\s+[A-Z][\w-]*)?\s+in\b"
)
# a state's own event: "Russia's "Ocean-2024" strategic exercise"
_OWN_EVENT = re.compile(
    r"[’']s\s+(?:[\"“][^\"”]{1,40}[\"”]\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:drills?|exercises?|maneuvers|manoeuvres|war\s*games|patrols?)\b"
)
# parties named as a place or as those the words are addressed to, not as those who held
# the event: "along the borders of Russia and China", "conveyed its concerns to China and Russia"
_NOT_AGENTS = re.compile(
    r"\b(?:(?:borders?|coasts?|shores|territories)\s+(?:of|between)|to|against|towards?)"
    r"\s+(?:the\s+)?$"
)
_OBSERVERS = re.compile(r"(?i)\bobservers\s+(?:from\s+)?$")

Party = tuple[int, int, str]  # start, end, actor id


def propose(d: Drafter) -> None:
    """Append one participant claim per party each sentence names together (see the module).
    An event some claim names by its words ("China and Russia conducted a joint patrol")
    takes no claim from a sentence that names the parties only by their aircraft or ships
    ("more than 10 Chinese and Russian military aircraft entered the KADIZ"): the curated
    files quote the parties where the words say they held the event."""
    reporter, reader = reporter_of(d), _Parties(d)
    sentences: dict[tuple[int, int], list[str]] = {}
    for lo, hi, event in d.event_sentences:
        if d.event_kind(event) in PARTY_EVENTS and event not in sentences.get((lo, hi), []):
            sentences.setdefault((lo, hi), []).append(event)
    claims = _headline_claims(d, reader, sentences)
    claims += [
        c for (lo, hi), events in sentences.items() for c in _claims(d, reader, lo, hi, events)
    ]
    worded = {c.event for c in claims if c.worded}
    number = 0
    said: set[tuple[str, str, str, str, bool]] = set()
    for c in claims:
        if c.event in worded and not c.worded:
            continue
        # the reporter's lines: the curated files write every participant claim's reporter,
        # null when the words name none (a headline, the article's own account)
        headline = d.in_headline(c.start)
        told = ([] if headline else reporter.lines(c.start, c.end)) or ["  reported_by: null"]
        # parties named together stand together: a group one of whose parties the
        # article's actors do not mention ("Russian and Chinese warships" where China
        # is never named) is proposed commented out, as the curated files leave it
        named = {p[2] for p in c.group}
        missing = sorted(named - asserted(d)) if c.role == "participant" else []
        for actor in dict.fromkeys(p[2] for p in c.group):
            # one claim per party, role and reporter of the event in the body, the first:
            # the curated files do not code a party again for each sentence that repeats
            # what the same reporter said ("The Russia-China joint naval maneuvers ...",
            # "The Russia-China naval exercises ..."); a headline's claim stands beside them
            key = (c.event, actor, c.role, told[0], headline)
            if key in said:
                continue
            said.add(key)
            number += 1
            lines = [
                f"- id: p{number:02d}",
                f"  event: {c.event}",
                *quote_lines(d.text, c.start, c.end),
                f"  who: {actor}",
                f"  role: {c.role}",
            ]
            lines += told
            why = None
            if len(named) > 1 and missing and actor not in missing:
                why = f"named together with {', '.join(missing)}, which no mention names"
            d.draft.items.append(Item("participants", lines, why))


def _headline_claims(
    d: Drafter, reader: _Parties, sentences: dict[tuple[int, int], list[str]]
) -> list[_Claim]:
    """The parties a headline names together ("China, Russia hold joint exercise", "Moscow
    and Beijing fly their 11th joint air patrol, drawing Seoul into ..."): parties of the
    event the body reports first, quoting the headline up to a clause of its own (a comma
    before a word in lower case)."""
    lo, hi = d.headline
    if hi <= lo or not sentences or any(a < hi and lo < b for a, b in sentences):
        return []
    first = min(sentences)
    claims = _claims(d, reader, lo, hi, sentences[first][:1])
    clause = re.compile(r",\s+[a-z]")
    out = []
    for c in claims:
        cut = clause.search(d.text, c.end, hi)
        end = cut.start() if cut is not None else hi
        out.append(_Claim(c.event, c.group, c.role, lo, end, True))
    return out


@dataclass(frozen=True)
class _Claim:
    """Parties a sentence names together in one role, the event and the words it quotes."""

    event: str
    group: list[Party]
    role: str
    start: int
    end: int
    worded: bool  # the quote holds the event's own words, not only the parties' aircraft


def _claims(d: Drafter, reader: _Parties, lo: int, hi: int, events: list[str]) -> list[_Claim]:
    """The claims of one sentence whose mentions of `events` the draft asserts."""
    sentence = d.text[lo:hi]
    matches = {
        e: [(lo + m.start(), lo + m.end()) for m in kind_words(d, e, sentence)] for e in events
    }
    generic = [(lo + m.start(), lo + m.end()) for m in EVENT_NOUN.finditer(sentence)]
    parties = reader.in_sentence(lo, hi)
    groups = _groups(d, parties)
    # a state that hosts is not also one of the parties ("China and Russia held the
    # exercises on Russian territory": Russia hosts)
    hosts = {p[2] for group, role in groups if role == "host" for p in group}
    out = []
    for group, role in groups:
        start, end = group[0][0], group[-1][1]  # the words that name them together
        if role == "host" and (land := _LAND.match(d.text, end)) is not None:
            end = land.end()  # "on Russian territory"
        if role == "participant":
            group = [p for p in group if p[2] not in hosts]
        stops = told = False
        if role == "participant" and (part := _told_part(d, end)) is not None:
            # "... and other countries have sent troops to participate": the quote ends there
            (end, stops), told = part, True
        event, words = _event_words(d, events, matches, generic, (start, end))
        if words is not None:  # with the ordinal that opens the words ("the first ...")
            event = _counted(d, event, (opening(d, lo, min(start, words[0])), max(end, words[1])))
        if role == "observer" or (stops and words is not None and words[0] >= end):
            words = None
        worded = words is not None and EVENT_NOUN.search(d.text, *words) is not None
        demonym = named_by_demonym(d, group[-1][0], group[-1][1])
        if words is None or words[0] < start:
            # the parties alone, or after the event's words ("the patrol staged by China
            # and Russia", "maneuvers by Russian and Chinese warships")
            first = start if words is None else words[0]
            start = opening(d, lo, first)
            if demonym and role == "participant":
                end = head_noun_end(d, end, hi)
        else:
            start, end = opening(d, lo, start), closed(d, start, max(end, words[1]))
            end = on_land(d, end) if role == "participant" else end
        if told and (force := _represented_by(d, end, parties, hi)) is not None:
            group, end = [*group, force[0]], force[1]
        worded = worded or told or role != "participant"
        out.append(_Claim(event, group, role, start, end, worded))
    return out


def _represented_by(
    d: Drafter, end: int, parties: list[Party], hi: int
) -> tuple[Party, int] | None:
    """The force a party is represented by, and where the words that name it end ("Russia
    was represented by 10 ships of the Pacific Fleet", "Russia is represented by the Pacific
    Fleet's ASW destroyers"): a party too, quoted with it; or None."""
    if "represented" not in d.text[max(0, end - 60) : end]:
        return None
    force = next((p for p in parties if p[0] >= end), None)
    if force is None or d.actor_type.get(force[2]) != "military":
        return None
    if _BY_FORCE.fullmatch(d.text, end, force[0]) is None:
        return None
    own = _FORCE_OWNS.match(d.text, force[1], hi)
    return force, own.end() if own is not None else force[1]


def _event_words(
    d: Drafter,
    events: list[str],
    matches: dict[str, list[Span]],
    generic: list[Span],
    parties: Span,
) -> tuple[str, Span | None]:
    """The event the parties are named for and its words in their clause, nearest them,
    after them first ("Moscow and Beijing fly their 11th joint air patrol"), else before
    ("the patrol by China and Russia"); words that name any joint event ("the ongoing
    China-Russia combined air drills") when the event's own words are not in the clause."""
    best: tuple[tuple[bool, int], str, Span] | None = None
    for event in events:
        for w in matches[event]:
            w = core(d, parties, w)
            if in_clause(d, parties, w):
                key = (w[0] < parties[0], _gap(w, parties))
                if best is None or key < best[0]:
                    best = (key, event, w)
    near = [w for w in generic if in_clause(d, parties, w)]
    near.sort(key=lambda w: (w[0] < parties[0], _gap(w, parties)))
    if best is not None:
        # words that name the event only by its aircraft ("nine Chinese and Russian military
        # aircraft") give way to a noun of the event after them ("... participating in the
        # combined drills")
        after = [w for w in near if w[0] >= best[2][1]]
        if after and EVENT_NOUN.search(d.text, *best[2]) is None:
            return best[1], (best[2][0], after[0][1])
        return best[1], best[2]
    return events[0], (near[0] if near else None)


def _counted(d: Drafter, event: str, span: Span) -> str:
    """The event the parties' words count ("the first Russian-Chinese joint naval patrol"),
    as another annotation counts it, of the kind of `event`, where the sentence links
    another ("annual patrols that began with the first ... patrol in 2021"); else `event`."""
    words = d.text[span[0] : span[1]]
    if ORDINAL_SERIES.search(words) is None:
        return event
    # only with the year the sentence names after the words ("... in 2021"): two sources
    # may count one patrol differently
    end = d.text.find(".", span[1])
    words = d.text[span[0] : end if end >= 0 else d.end]
    found, _ = counted_event(d, words, frozenset({d.event_kind(event)}))
    days = known_window(d, found[0]) if found else None
    if days is None or not re.search(rf"\b(?:{days[0].year}|{days[1].year})\b", words):
        return event
    return found[0]


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """The characters between two spans (0 when they overlap)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _told_part(d: Drafter, end: int) -> tuple[int, bool] | None:
    """Where the words that say a list of parties takes part end ("..., Mongolia and other
    countries have sent troops to participate"), and whether the quote ends with them; or
    None."""
    tail = _MORE_NAMES.match(d.text, end)
    at = tail.end() if tail else end
    for pattern in (_SEND_TO_TAKE_PART, _TAKES_PART):
        m = pattern.match(d.text, at)
        if m is not None and _OPEN_ENDED.search(m.group()) is None:
            # "are expected to participate", not "... to participate in"
            return m.start() + len(re.sub(r"\s+(?:in|the)$", "", m.group())), True
        if m is not None:
            return m.end(), False
    return None


class _Parties:
    """The states and forces an article names, read once for all its sentences."""

    def __init__(self, d: Drafter) -> None:
        self.d = d
        self.states: dict[str, str] = {}  # country -> its state's actor id
        for e in d.registries.actors:
            if e.type == "state" and e.country:
                self.states.setdefault(e.country, e.id)
        # the registered spellings, and those the draft writes into the registry ("PLA Air
        # Force", "Russia's Aerospace Forces"): an editor confirms those as mentions too
        found = [*d.actor_mentions(), *d.written_actor_mentions()]
        self.mentions = [
            m
            for m in found
            if d.actor_type.get(m[2]) in PARTY_TYPES
            and not any(o[0] <= m[0] and m[1] <= o[1] and o[:2] != m[:2] for o in found)
        ]
        words = country_names(
            (e.country, tuple(e.aliases)) for e in d.registries.actors if e.type == "state"
        )
        # unlike patterns.country_pattern, a name joined by a hyphen counts: "Russia-China"
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        self.country = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if words else None

    def in_sentence(self, lo: int, hi: int) -> list[Party]:
        """The states and forces the sentence text[lo:hi] names, in order: registered actor
        mentions of a state or force, and demonyms ("Chinese") as their state; a state's name
        before its own force's is the force."""
        d = self.d
        found = [m for m in self.mentions if lo <= m[0] and m[1] <= hi]
        last = -1  # where the last country word ended
        for m in self.country.finditer(d.text, lo, hi) if self.country else ():
            after_hyphen = d.text[m.start() - 1 : m.start()] in _HYPHENS
            last, before = m.end(), last
            if any(a < m.end() and m.start() < b for a, b, _ in found):
                continue
            if (
                after_hyphen
                and before != m.start() - 1
                and not any(b == m.start() - 1 for _, b, _ in found)
            ):
                continue  # a hyphen joins it to a word that names no party ("Sino-Russian")
            try:
                state = self.states.get(country_code(m.group(0)))
            except ValueError:
                continue
            if state is not None:
                found.append((m.start(), m.end(), state))
        found.sort()
        parties: list[Party] = []
        for party in found:
            if parties and d.actor_type.get(parties[-1][2]) == "state":
                prev = parties[-1]
                gap = d.text[prev[1] : party[0]]
                same = d.actor_country.get(prev[2]) == d.actor_country.get(party[2])
                if same and (_OWNS.fullmatch(gap) or (gap == "" and prev[1] == party[0])):
                    parties[-1] = (prev[0], party[1], party[2])
                    continue
                if self._sharing_head(prev, party, gap):
                    # "Russian and Chinese Navy vessels": the Russian Navy, which the words
                    # do not spell, not Russia: no party the build can quote
                    parties.pop()
            parties.append(party)
        return parties

    def _sharing_head(self, prev: Party, party: Party, gap: str) -> bool:
        """A state's demonym shares the next force's head ("Russian and Chinese Navy": the
        Russian Navy and the Chinese Navy)."""
        d = self.d
        first, second = d.text[prev[0] : prev[1]], d.text[party[0] : party[1]]
        if gap.strip() != "and" or d.actor_type.get(party[2]) != "military":
            return False
        head = re.match(r"(\w+)\s+\w", second)
        return head is not None and head.group(1) in DEMONYMS and first in DEMONYMS


def _groups(d: Drafter, parties: list[Party]) -> list[tuple[list[Party], str]]:
    """The runs of parties named together, each with its role: of two or more that name both
    Russia and China (participants), after "observers from" (observers), and a party that
    hosts."""
    runs: list[list[Party]] = []
    for party in parties:
        gap = d.text[runs[-1][-1][1] : party[0]] if runs else ""
        joined = _JOIN.fullmatch(gap) or _NAMES_BETWEEN.fullmatch(gap)
        if runs and (joined or _JOIN_UNITS.fullmatch(gap)):
            runs[-1].append(party)
        else:
            runs.append([party])
    out: list[tuple[list[Party], str]] = []
    for run in runs:
        role = _role(d, run)
        if role is not None:
            out.append((run, role))
    return out


def _role(d: Drafter, run: list[Party]) -> str | None:
    """The role the words give a run of parties named together, or None: they are not named
    as parties of the event."""
    before = d.text[max(0, run[0][0] - 80) : run[0][0]]
    after = run[-1][1]
    if _MEMBERS.search(before) or _NOT_AGENTS.search(before):
        return None
    if _OBSERVERS.search(before):
        return "observer"
    # the list may go on with names the registries do not know ("China, Algeria, India ...")
    tail = after + _MORE_NAMES.match(d.text, after).end() - after  # type: ignore[union-attr]
    takes_part = any(
        p.match(d.text, at) for p in (_TAKES_PART, _SEND_TO_TAKE_PART) for at in {after, tail}
    )
    if len(run) >= 2:
        countries = {d.actor_country.get(p[2]) for p in run}
        return "participant" if {"RUS", "CHN"} <= countries or takes_part else None
    if _HOST.match(d.text, after) or _HOSTED_BY.search(before):
        return "host"
    state = d.actor_type.get(run[0][2]) == "state"
    if state and _HOST_LAND.search(before) and _LAND.match(d.text, after):
        return "host"
    if state and _HELD_IN.search(before[-40:]):
        return "host"
    # "Russia to join China in upcoming military drills": the one joined hosts
    if _JOINS_BEFORE.search(before) and re.match(r"\s+in\b", d.text[after : after + 4]):
        return "host"
    # "will participate in Russia's "Ocean-2024" strategic exercise": the owner hosts
    if state and re.search(r"\b(?:in|at)\s+$", before) and _OWN_EVENT.match(d.text, after):
        return "host"
    return "participant" if takes_part or _JOINS.match(d.text, after) else None
