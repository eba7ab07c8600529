"""Who reports an aircraft or ship claim (`reported_by`), with the words that name it
(`attribution`), as build/README.md says an attribution reaches: "X said" or "according to X"
covers its own sentence and the sentences after it that go on telling X's account.

An attribution is a registered actor the draft asserts as mentioned, followed by a verb of
report ("the defence ministry said", "Japan believed", "Japan's Defense Ministry spotted") or
after "according to" ("according to the ministry’s Joint Staff Office"). The verbs are the
speech verbs of `patterns`, the verbs of those who watch ("spotted", "detected"), and the
verbs the curated files' own attributions use after the actor they name, learned from the
annotations of the project the draft is written in, so that an editor's new attribution
("South Korea's Joint Chiefs of Staff disputed ...") teaches the next draft.

A claim's reporter is the attribution of its own sentence, the nearest before the claim, else
the first after it ('"... two Russian TU-95 bombers ...," Kishi told a news conference'); else
the last one before its sentence in the article. A subject that names no actor ("The office
said", "the statement reads") is no attribution: the reporter is the one named before.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .document import keyed_quote, quote_entry
from .patterns import SPEECH_VERBS, sentences

if TYPE_CHECKING:
    from .proposals import Drafter

# those who watch report what they saw: "Japan's Defense Ministry spotted Chinese bombers"
WATCH_VERBS = ("spotted", "detected", "observed", "identified", "tracked", "monitored", "saw")
# and those who answer another's account: "South Korea's Joint Chiefs of Staff disputed ..."
ANSWER_VERBS = ("disputed", "denied", "rejected", "countered")
# the words before an actor's name that an attribution quotes with it: "the", a possessor
# ("Russia's Pacific Fleet", "the ministry's Joint Staff Office")
_HEAD = re.compile(r"(?:\b[Tt]he\s+)?(?:(?:[A-Z][\w.-]*|ministry|fleet)[’']s\s+)?$")
# and after its verb: "in a statement", the day ("on Tuesday", "Saturday")
_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TAIL = re.compile(rf"\s+(?:in\s+a\s+statement|on\s+{_DAYS}|{_DAYS})\b")
_ACTOR_WORD = re.compile(r"[A-Za-z][\w’'-]*")


class Reporter:
    """The attributions of one article, and the reporter of a claim at a position."""

    def __init__(self, d: Drafter) -> None:
        self.d = d
        asserted = _asserted_actors(d)
        # a news agency writes the article, it reports no claim of its own in it
        mentions = [
            m for m in d.actor_mentions() if m[2] in asserted and d.actor_type.get(m[2]) != "media"
        ]
        verbs = {*SPEECH_VERBS, *WATCH_VERBS, *ANSWER_VERBS, *learned_verbs(d)}
        verb = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
        after = re.compile(
            r"(?:[’']s(?:\s+(?:press\s+(?:service|office)|spokes\w+|statement|officials?))?)?"
            r"(?:\s*\([^()]{1,20}\))?(?:\s+in\s+[A-Z][\w-]+)?\s*,?\s+(?:(?:also|"
            rf"further|later|then|separately|has|have|had|reportedly)\s+)*(?:{verb})\b"
        )
        before = re.compile(r"\b[Aa]ccording\s+to\s+(?:the\s+)?(?:[\w’'.-]+\s+){0,3}$")
        # the name ends what "according to" names ("according to the Chinese military
        # experts" names experts); a name after "in" or "from" is a place ("officials in Seoul")
        ends = re.compile(
            r"(?:\s*\([^()]{1,20}\))?\s*(?:[,.;:)]|$|\s+(?:on|in|at|which|that|who)\b)"
        )
        located = re.compile(r"\b(?:in|at|from|near|over|off)\s+(?:the\s+)?$")
        self.found: list[tuple[int, int, str]] = []  # start, end of the words, actor
        self.antecedent: dict[int, tuple[int, int]] = {}  # "The office said" → the office
        for start, end, actor in mentions:
            if d.in_headline(start) or located.search(d.text, max(0, start - 12), start):
                continue
            m = after.match(d.text, end, d.end)
            if m is not None:
                # the words as an editor quotes them: "the Russian defence ministry said on
                # Tuesday", "Russia's Pacific Fleet said in a statement"
                head = _HEAD.search(d.text, max(0, start - 30), start)
                tail = _TAIL.match(d.text, m.end(), d.end)
                self.found.append(
                    (head.start() if head else start, tail.end() if tail else m.end(), actor)
                )
                continue
            b = before.search(d.text, max(0, start - 60), start)
            if b is not None and ends.match(d.text, end):
                self.found.append((b.start(), end, actor))
        # "The office said", "The ministry said the same day": the body named before whose
        # name holds that noun ("the Defense Ministry's Joint Staff Office")
        back = re.compile(rf"\b[Tt]he\s+(?P<noun>[a-z]+)\s+(?:also\s+)?(?:{verb})\b")
        for m in back.finditer(d.text, 0, d.end):
            noun = re.compile(rf"(?i)\b{m['noun']}\b")
            named = [
                (start, end, actor)
                for start, end, actor in mentions
                if end <= m.start() and noun.search(d.text, start, end)
            ]
            if named and not any(a <= m.start() < b for a, b, _ in self.found):
                self.found.append((m.start(), m.end(), named[-1][2]))
                self.antecedent[m.start()] = named[-1][:2]  # its words must name the actor
        self.found.sort()
        self.sentences = sentences(d.text, 0, d.end)

    def lines(self, start: int, end: int) -> list[str]:
        """The `reported_by` and `attribution` lines of a claim quoting text[start:end] (no
        attribution when the claim's words hold it)."""
        found = self.of(start)
        if found is None:
            return []
        actor, (a, b) = found
        lines = [f"  reported_by: {actor}"]
        spans = [(a, b)] + ([self.antecedent[a]] if a in self.antecedent else [])
        spans = [(x, y) for x, y in spans if not (start <= x and y <= end)]
        if len(spans) == 1:
            lines += keyed_quote("attribution", self.d.text, *spans[0])
        elif spans:
            entries = ", ".join(quote_entry(self.d.text, x, y) for x, y in spans)
            lines.append(f"  attribution: [{entries}]")
        return lines

    def of(self, at: int) -> tuple[str, tuple[int, int]] | None:
        """(actor id, where its attribution's words are) for the claim at `at`, or None."""
        lo, hi = next(((a, b) for a, b in self.sentences if a <= at < b), (at, at))
        here = [f for f in self.found if lo <= f[0] < hi]
        before = [f for f in here if f[0] < at]
        found = before[-1] if before else (here[0] if here else None)
        if found is None:
            earlier = [f for f in self.found if f[1] <= lo]
            found = earlier[-1] if earlier else None
        if found is None:
            return None
        start, end, actor = found
        return actor, (start, end)


def reporter_of(d: Drafter) -> Reporter:
    """The article's reporter, made once per drafter: the aircraft, ship, participant and
    sequence proposers all read it, after the actors are proposed (it reads the curated
    files' attributions, and the actor mentions the draft asserts)."""
    made: Reporter | None = getattr(d, "_reporter", None)
    if made is None:
        made = Reporter(d)
        d._reporter = made  # type: ignore[attr-defined]
    return made


def _asserted_actors(d: Drafter) -> set[str]:
    """The actors the draft asserts as mentioned (the build accepts no other reporter)."""
    ids = set()
    for item in d.draft.items:
        if item.section == "actors" and item.unsure is None:
            for line in item.lines:
                if "   # " in line:
                    ids.add(line.rsplit("   # ", 1)[1].strip())
    return ids


def learned_verbs(d: Drafter) -> set[str]:
    """The verbs the project's curated attributions put after the actor they name ("Korea
    claimed", "The Pacific Fleet pointed out", "Japan believed"), from every annotation but the
    one being drafted."""
    aliases = sorted((a for e in d.registries.actors for a in e.aliases), key=len, reverse=True)
    if not aliases:
        return set()
    name = re.compile(
        rf"(?<!\w)(?:{'|'.join(re.escape(a) for a in aliases)})(?:[’']s)?\s+(?P<verb>[a-z]+)\b"
    )
    verbs = set()
    for quote in _attributions(Path(d.root), d.source_id):
        for m in name.finditer(quote):
            word = m["verb"]
            if word == "according":
                continue
            if (len(word) > 3 and word.endswith(("ed", "s", "ing"))) or word in ("told", "saw"):
                verbs.add(word)
    return verbs


def _attributions(root: Path, source_id: str) -> list[str]:
    """The attribution quotes of every aircraft, ship, sequence and zone claim in the
    project's annotations but `source_id`'s."""
    out: list[str] = []
    for path in sorted((root / "build" / "annotations").glob("*.yaml")):
        if path.stem == source_id:
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            continue
        for section in ("aircraft", "ships", "sequence", "airspace"):
            for claim in data.get(section) or []:
                if isinstance(claim, dict):
                    out.extend(_quotes(claim.get("attribution")))
    return out


def _quotes(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _quotes(value.get("quote"))
    if isinstance(value, list):
        return [q for v in value for q in _quotes(v)]
    return []
