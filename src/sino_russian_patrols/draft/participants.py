"""Participant claims (steps/participants.py): the countries and forces a report says took
part in an event, hosted it or watched it.

A claim is read where the words name the parties together, in a sentence whose mention of a
joint patrol or exercise the draft asserts: "China and Russia have executed their first joint
bomber patrol", "the Russia-China joint naval drills", "the Chinese and Russian militaries
conducted", "Warships of the Russian Navy and the Navy of the People's Liberation Army of
China", "Naval units from Russia, China and Iran". A party is a state (its name, or its
demonym: "Chinese" is China) or a military force the registries know ("Russia's Pacific
Fleet", "the Chinese navy"); a state's name before its own force's ("Russia's Pacific Fleet")
names the force. The group must name both Russia and China: two other countries named
together ("Japan and South Korea scrambled jets") answer the patrol, they do not take part.

One party alone, or a list of parties without both Russia and China, takes part where the
words say so ("Russia was represented by ...", "the Chinese navy will participate in ...",
"China, Algeria, India ... have sent troops to participate in the exercise"). Roles: a party
followed by "will host", "hosts" or "hosted", or a state on whose territory the drills are
held ("drills on Chinese territory", "the exercises kicked off in Russia"), hosts the event;
a group after "observers from" watches it. A list of members ("the BRICS group, which
includes Brazil, India, China, Russia ...") names no parties. Each claim
carries the sentence's reporter as `reported_by`, as an aircraft claim does (`reporter`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..normalize import country_code
from .actors import asserted
from .claim_patterns import country_names
from .document import Item, quote_lines
from .events import kind_words
from .patterns import EXERCISE_TYPES, JOINT_PATROLS
from .reporter import reporter_of

if TYPE_CHECKING:
    from .proposals import Drafter

# the events whose parties a report names: joint patrols and exercises
PARTY_EVENTS = EXERCISE_TYPES | JOINT_PATROLS
PARTY_TYPES = frozenset({"state", "military"})
# what joins two parties named together: "and", a comma, a hyphen or a slash
_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|[-\u2010\u2011\u2013/])\s*(?:the\s+)?")
# a state's name before its own force's: "Russia's Pacific Fleet"
_OWNS = re.compile(r"[’']s\s+$")
_HOST = re.compile(r"\s+(?:will\s+|would\s+)?host(?:s|ed)?\b")
# a host named as the place: "drills on Chinese territory", "on Russian soil"
_HOST_LAND = re.compile(r"(?i)\bon\s+(?:the\s+)?$")
_LAND = re.compile(r"\s+(?:territory|soil)\b")
# one party that takes part: "Russia was represented by", "The Russian Navy took part"
_TAKES_PART = re.compile(
    r"\s+(?:(?:was|were|is|are|will\s+be)\s+represented|(?:took|take|takes|will\s+take)\s+part"
    r"|(?:will\s+)?(?:participate[sd]?|join(?:ed|s)?)\s+(?:in|the)\b)"
)
# parties that send their forces to take part: "China, Algeria, India ... and other
# countries have sent troops to participate in the exercise"
_SEND_TO_TAKE_PART = re.compile(
    r"\s+(?:and\s+other\s+(?:countries|states|nations)\s+)?(?:have\s+|has\s+|will\s+)?"
    r"(?:sent|send|sends|dispatched|dispatch|dispatches|deployed|deploy)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:troops|forces|servicemen|units|contingents?|ships|warships|aircraft)\s+to\s+"
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
_OBSERVERS = re.compile(r"(?i)\bobservers\s+(?:from\s+)?$")

_THE = re.compile(r"\b[Tt]he\s+$")
_NEAR = 40  # characters between the parties and the event's words, at most, in one quote
Party = tuple[int, int, str]  # start, end, actor id


def propose(d: Drafter) -> None:
    """Append one participant claim per party each sentence names together (see the module)."""
    reporter, reader = reporter_of(d), _Parties(d)
    number = 0
    seen: set[tuple[int, int]] = set()
    for lo, hi, event in d.event_sentences:
        if (lo, hi) in seen or d.event_kind(event) not in PARTY_EVENTS:
            continue
        seen.add((lo, hi))
        parties = reader.in_sentence(lo, hi)
        matches = [(lo + m.start(), lo + m.end()) for m in kind_words(d, event, d.text[lo:hi])]
        groups = _groups(d, parties)
        # a state that hosts is not also one of the parties ("China and Russia held the
        # exercises on Russian territory": Russia hosts)
        hosts = {p[2] for group, role in groups if role == "host" for p in group}
        for group, role in groups:
            start, end = group[0][0], group[-1][1]  # the words that name them together
            if role == "host" and (land := _LAND.match(d.text, end)) is not None:
                end = land.end()  # "on Russian territory"
            if role == "participant":
                group = [p for p in group if p[2] not in hosts]
            if role == "participant" and (told := _told_part(d, end)) is not None:
                end = told  # "... and other countries have sent troops to participate"
            # the event's words nearest the parties, after them first ("Moscow and Beijing
            # fly their 11th joint air patrol"), else before ("the patrol by China and Russia")
            words = min(matches, key=lambda w: (w[0] < start, _gap(w, (start, end))), default=None)
            if words is not None and role != "observer" and _near(words, (start, end)):
                start, end = min(start, words[0]), max(end, words[1])
            if (the := _THE.search(d.text, max(lo, start - 4), start)) is not None:
                start = the.start()  # "the Chinese and Russian militaries"
            # parties named together stand together: a group one of whose parties the
            # article's actors do not mention ("Russian and Chinese warships" where China
            # is never named) is proposed commented out, as the curated files leave it
            named = {p[2] for p in group}
            missing = sorted(named - asserted(d)) if role == "participant" else []
            for actor in dict.fromkeys(p[2] for p in group):
                number += 1
                lines = [
                    f"- id: p{number:02d}",
                    f"  event: {event}",
                    *quote_lines(d.text, start, end),
                    f"  who: {actor}",
                    f"  role: {role}",
                ]
                # a claim no one is named for is the article's own: `reported_by: null`
                lines += (not d.in_headline(start) and reporter.lines(start, end)) or [
                    "  reported_by: null"
                ]
                why = None
                if len(named) > 1 and missing and actor not in missing:
                    why = f"named together with {', '.join(missing)}, which no mention names"
                d.draft.items.append(Item("participants", lines, why))


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """The characters between two spans (0 when they overlap)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _told_part(d: Drafter, end: int) -> int | None:
    """Where the words that say a list of parties takes part end ("..., Mongolia and other
    countries have sent troops to participate"), or None."""
    tail = _MORE_NAMES.match(d.text, end)
    at = tail.end() if tail else end
    for pattern in (_SEND_TO_TAKE_PART, _TAKES_PART):
        m = pattern.match(d.text, at)
        if m is not None:
            return m.end()
    return None


def _near(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two spans of a sentence at most a few words apart: the parties and the event's words
    make one quote ("China and Russia have executed their first joint bomber patrol"), else
    the parties alone are quoted."""
    return max(a[0], b[0]) - min(a[1], b[1]) <= _NEAR


class _Parties:
    """The states and forces an article names, read once for all its sentences."""

    def __init__(self, d: Drafter) -> None:
        self.d = d
        self.states: dict[str, str] = {}  # country -> its state's actor id
        for e in d.registries.actors:
            if e.type == "state" and e.country:
                self.states.setdefault(e.country, e.id)
        self.mentions = [m for m in d.actor_mentions() if d.actor_type.get(m[2]) in PARTY_TYPES]
        words = country_names(
            (e.country, tuple(e.aliases)) for e in d.registries.actors if e.type == "state"
        )
        # unlike patterns.country_pattern, a name joined by a hyphen counts: "Russia-China"
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        self.country = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])") if words else None

    def in_sentence(self, lo: int, hi: int) -> list[Party]:
        """The states and forces the sentence text[lo:hi] names, in order: registered actor
        mentions of a state or force, and demonyms ("Chinese") as their state; a state's name
        before its own force's is the force."""
        d = self.d
        found = [m for m in self.mentions if lo <= m[0] and m[1] <= hi]
        for m in self.country.finditer(d.text, lo, hi) if self.country else ():
            if any(a < m.end() and m.start() < b for a, b, _ in found):
                continue
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
            parties.append(party)
        return parties


def _groups(d: Drafter, parties: list[Party]) -> list[tuple[list[Party], str]]:
    """The runs of parties named together, each with its role: of two or more that name both
    Russia and China (participants), after "observers from" (observers), and a party that
    hosts."""
    runs: list[list[Party]] = []
    for party in parties:
        gap = d.text[runs[-1][-1][1] : party[0]] if runs else ""
        if runs and (_JOIN.fullmatch(gap) or _NAMES_BETWEEN.fullmatch(gap)):
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
    if _MEMBERS.search(before):
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
    if _HOST.match(d.text, after):
        return "host"
    state = d.actor_type.get(run[0][2]) == "state"
    if state and _HOST_LAND.search(before) and _LAND.match(d.text, after):
        return "host"
    if state and _HELD_IN.search(before[-40:]):
        return "host"
    return "participant" if takes_part else None
