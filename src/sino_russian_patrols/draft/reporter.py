"""Who reports an aircraft, ship, zone or participant claim (`reported_by`) or claims a count
of a series (`claimed_by`), with the words that name it (`attribution`), as build/README.md
says an attribution reaches: "X said" or "according to X" covers its own sentence and the
sentences after it that go on telling X's account; background is the article's own.

An attribution is a registered actor the draft asserts as mentioned, followed by a verb of
report ("the defence ministry said", "Japan believed", "Japan's Defense Ministry spotted"),
after "according to" ("according to the ministry’s Joint Staff Office") or after its verb
('"...," said a spokesperson for the Ministry', "This was reported by the Ministry"). The verbs
are the speech verbs of `patterns`, the verbs of those who watch ("spotted", "detected"), and
the verbs the curated files' own attributions use after the actor they name, learned from the
annotations of the project the draft is written in, so that an editor's new attribution
("South Korea's Joint Chiefs of Staff disputed ...") teaches the next draft. Its words are
those an editor quotes: who speaks for the actor ("the press office of", "a spokesman for"),
its possessor ("South Korea's"), whom it told and how ("told reporters", "in a statement")
and the day after the verb ("on Tuesday", "on the 27th").

Words that name no actor ("The office said", "the statement reads", "it said", "According to
the press service") continue the account of the one named before them: the attribution is a
list of those words and the words that named it.

A claim's reporter is the attribution of its own sentence, the nearest before the claim, else
the first after it ('"... two Russian TU-95 bombers ...," Kishi told a news conference'), or
a "This was reported by ..." that follows; else the last one before its sentence in the
article, unless the sentence has its words from an unnamed source ("reportedly") or reports
another event than that account.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

from ..spans import occurrences
from .document import keyed_quote, quote_entry, yaml_string
from .patterns import SPEECH_VERBS, sentences

if TYPE_CHECKING:
    from .proposals import Drafter

# those who watch report what they saw: "Japan's Defense Ministry spotted Chinese bombers"
WATCH_VERBS = ("spotted", "detected", "observed", "identified", "tracked", "monitored", "saw")
# and those who answer another's account: "South Korea's Joint Chiefs of Staff disputed ..."
ANSWER_VERBS = ("disputed", "denied", "rejected", "countered")
# the words before an actor's name that an attribution quotes with it: who speaks for it ("the
# press office of", "a spokesman for", "the statement issued by"), "the", a possessor
# ("Russia's Pacific Fleet", "South Korea's Joint Chiefs of Staff", "the ministry's Joint
# Staff Office")
_ROLE = (
    r"(?:\b(?:[Tt]he|[Aa]n?)\s+)(?:[a-z]+\s+)?(?:office|service|spokes(?:man|woman|person)|"
    r"officials?|representatives?|statement)(?:\s+(?:issued|released|published))?"
    r"\s+(?:of|for|at|by|from)\s+"
)
_HEAD = re.compile(
    rf"(?:{_ROLE})?(?:\b[Tt]he\s+)?(?:(?:\b[A-Z][\w.-]*\s+)?(?:\b[A-Z][\w.-]*|\bministry|\bfleet)"
    r"[’']s\s+)?\Z"
)
# and after its verb: whom it told ("told reporters", "told a news conference"), how ("in a
# statement", "at a press conference") and the day ("on Tuesday", "Saturday", "on the 27th",
# "on July 26")
_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_DAY = rf"(?:on\s+{_DAYS}|{_DAYS}|on\s+the\s+\d{{1,2}}(?:st|nd|rd|th)|on\s+{_MONTHS}\s+\d{{1,2}})\b"
_TAIL = re.compile(
    r"(?:\s+(?:reporters|journalists|(?:a|the)\s+(?:news|press)\s+(?:conference|briefing)))?"
    r"(?:\s+(?:in\s+a\s+(?:written\s+)?statement|at\s+a\s+(?:news|press)\s+(?:conference|briefing)))?"
    rf"(?:\s+{_DAY})?"
)
# what a statement does in the present tense: "the statement reads", "the statement notes"
_PRESENT = "read|reads|notes|states|stresses|adds|says"
# an actor named after its verb: '"...," said a spokesperson for the Ministry of National
# Defense', "This was reported by the Ministry of Defense of China"
_INVERTED = re.compile(
    rf"(?:(?<=[,”\"]\s)(?:said|says|told|added|announced|reported|stated)\s+(?:{_ROLE})?"
    r"|\bThis\s+was\s+(?:reported|announced|stated|confirmed)\s+by\s+)(?:the\s+)?$"
)
# the words that name no actor but continue the account of one named before: "The office
# said", "the statement reads", "The press service added", "it said", "ministry officials
# said", "According to the press service"
_GENERIC = {"statement", "press service", "press office", "spokesman", "spokeswoman"}
_GENERIC |= {"spokesperson", "it", "officials", "service"}


class Found(NamedTuple):
    """An attribution: where its words are, the actor it names, and, for words that name no
    actor ("The office said"), where the words are that named it before."""

    start: int
    end: int
    actor: str
    name: tuple[int, int]  # the actor's name in the words, or those of the words named before
    refers: tuple[int, int] | None = None


class Reporter:
    """The attributions of one article, and the reporter of a claim at a position."""

    def __init__(self, d: Drafter) -> None:
        self.d = d
        asserted = _asserted_actors(d)
        found_at = {*d.actor_mentions(), *d.written_actor_mentions()}
        # a spelling inside a longer one is not a mention of its own
        mentions = sorted(
            m
            for m in found_at
            if m[2] in asserted
            and not any(o[0] <= m[0] and m[1] <= o[1] and o[:2] != m[:2] for o in found_at)
        )
        verbs = {*SPEECH_VERBS, *WATCH_VERBS, *ANSWER_VERBS, *learned_verbs(d)}
        self.verb = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
        after = re.compile(
            r"(?:[’']s(?:\s+(?:press\s+(?:service|office)|spokes\w+|statement|officials?))?)?"
            r"(?:\s*\([^()]{1,20}\))?(?:\s+(?:authorities|officials|government))?"
            r"(?:\s+in\s+[A-Z][\w-]+)?\s*,?\s+(?:(?:also|"
            rf"further|later|then|separately|has|have|had|reportedly)\s+)*(?:{self.verb}|{_PRESENT})\b"
        )
        before = re.compile(r"\b[Aa]ccording\s+to\s+(?:the\s+)?(?:[\w’'.-]+\s+){0,6}$")
        # the name ends what "according to" names ("according to the Chinese military
        # experts" names experts); a name after "in" or "from" is a place ("officials in Seoul")
        ends = re.compile(
            r"(?:\s*\([^()]{1,20}\))?\s*(?:[,.;:)]|$|\s+(?:on|in|at|which|that|who)\b)"
        )
        located = re.compile(r"\b(?:in|at|from|near|over|off)\s+(?:the\s+)?$")
        found: list[Found] = []
        for start, end, actor in mentions:
            if d.in_headline(start) or located.search(d.text, max(0, start - 12), start):
                continue
            m = after.match(d.text, end, d.end)
            if m is not None:
                # the words as an editor quotes them: "the press office of Russia's Pacific
                # Fleet reported", "a spokesman for the Russian Pacific Fleet told reporters",
                # "Russia's Pacific Fleet said in a statement on Tuesday"
                head = _HEAD.search(d.text, max(0, start - 80), start)
                tail = _TAIL.match(d.text, m.end(), d.end)
                lo = head.start() if head else start
                hi = tail.end() if tail else m.end()
                found.append(Found(lo, hi, actor, (start, end)))
                continue
            close = ends.match(d.text, end)
            if close is None:
                continue
            b = before.search(d.text, max(0, start - 80), start)
            b = b or _INVERTED.search(d.text, max(0, start - 80), start)
            if b is not None:  # with the name's short form: "the Joint Chiefs of Staff (JCS)"
                short = re.match(r"\s*\([^()]{1,20}\)", d.text[end:])
                hi = end + short.end() if short else end
                found.append(Found(b.start(), hi, actor, (start, end)))
        # a news outlet that relays another's account ("according to the Associated Press,
        # the ministry said") or writes the article reports nothing of its own in it; only
        # an outlet the sentence names alone is the source ("Global Times reported")
        self.sentences = sentences(d.text, 0, d.end)
        self.found = self._with_anaphors(sorted(found), mentions)
        self.found = [
            f
            for f in self.found
            if not self._outlet(f)
            or not any(self._same(f, g) for g in self.found if not self._outlet(g))
        ]

    def _sentence(self, at: int) -> tuple[int, int]:
        return next(((a, b) for a, b in self.sentences if a <= at < b), (at, at))

    def _outlet(self, f: Found) -> bool:
        """Whether the attribution names a news outlet."""
        return self.d.actor_type.get(f.actor) == "media"

    def _same(self, f: Found, g: Found) -> bool:
        """Whether two attributions stand in one sentence."""
        return self._sentence(f.start) == self._sentence(g.start)

    def _with_anaphors(
        self, named: list[Found], mentions: list[tuple[int, int, str]]
    ) -> list[Found]:
        """The attributions, and the words that continue the account of one named before
        ("The ministry said", "the statement reads"): their reporter is the latest named
        attribution before them whose name has their noun as its head ("the Defense Ministry
        said", not "the ministry's Joint Staff Office"), or for a word any body may use ("the
        statement", "it", "officials") the latest that holds the word ("said in a statement"),
        else the latest named, else, in an article that opens with them, the one named next;
        else the latest mention of an actor whose name has that head ("The office said" after
        "the Joint Staff Office"). A news outlet is no one's antecedent."""
        d, text = self.d, self.d.text
        anaphor = re.compile(
            r"(?:\b[Tt]he\s+(?P<noun>(?:[a-z]+\s+)?(?!also\b)[a-z]+)|(?<=,\s)it|\bIt"
            r"|\b(?P<officials>(?:[a-z]+\s+)?officials))"
            rf"\s+(?:also\s+)?(?:{self.verb}|{_PRESENT})\b"
            r"|\b[Aa]ccording\s+to\s+the\s+(?P<source>(?:[a-z]+\s+)?[a-z]+)(?=\s*,)"
        )
        out = list(named)
        sources = [f for f in named if not self._outlet(f)]  # an outlet relays, it speaks for none
        for m in anaphor.finditer(text, 0, d.end):
            if d.in_headline(m.start()) or any(f.start <= m.start() < f.end for f in named):
                continue
            if m["officials"]:  # "ministry officials said": the ministry's
                noun = m["officials"].split()[0] if " " in m["officials"] else "officials"
            else:
                noun = m["noun"] or m["source"] or "it"
            word = noun.split()[-1].lower()  # "ministry", "service", "it"
            before = [f for f in sources if f.end <= m.start()]
            holding = [f for f in before if _head(text, *f.name) == word]
            end = m.end()
            if m["source"] is None:
                tail = _TAIL.match(text, end, d.end)
                end = tail.end() if tail else end
            if not holding and noun in _GENERIC:
                # "the statement reads": the latest that made a statement, else the latest
                said = [f for f in before if re.search(rf"(?i)\b{word}\b", text[f.start : f.end])]
                # an article that opens with the words names the body after them
                holding = said or before or [f for f in sources if f.start >= m.end()][:1]
            if holding:
                f = holding[-1]
                out.append(Found(m.start(), end, f.actor, f.name, f[:2]))
                continue
            earlier = [x for x in mentions if x[1] <= m.start() and _head(text, *x[:2]) == word]
            if earlier:
                x = earlier[-1]
                # the words of the attribution that holds the name, else the name alone
                words = next((f[:2] for f in named if f.start <= x[0] and x[1] <= f.end), x[:2])
                out.append(Found(m.start(), end, x[2], x[:2], words))
        return sorted(out)

    def lines(self, start: int, end: int, *, carried: bool = True) -> list[str]:
        """The `reported_by` and `attribution` lines of a claim quoting text[start:end] (no
        attribution when the claim's words hold it); with `carried` false, only an
        attribution of the claim's own sentence counts."""
        found = self.of(start, carried=carried)
        if found is None:
            return []
        lines = [f"  reported_by: {found.actor}"]
        spans = [found[:2]] + ([found.refers] if found.refers else [])
        spans = [(x, y) for x, y in spans if not (start <= x and y <= end)]
        if len(spans) == 1:
            lines += keyed_quote("attribution", self.d.text, *spans[0])
        elif spans:
            entries = ", ".join(_list_entry(self.d.text, x, y) for x, y in spans)
            lines.append(f"  attribution: [{entries}]")
        return lines

    def of(self, at: int, *, carried: bool = True) -> Found | None:
        """The attribution of the claim at `at`: the nearest before it in its sentence, else
        the first after it there; else the latest before its sentence (as README's "How far
        an attribution reaches"), unless the sentence says its words come from someone it
        does not name ("reportedly") or it reports another event than the account's (the
        background: "Moscow and Beijing wrapped up their fourth joint naval patrol")."""
        lo, hi = self._sentence(at)
        here = [f for f in self.found if lo <= f.start < hi]
        before = [f for f in here if f.start < at]
        if before or here:
            return before[-1] if before else here[0]
        # "This was reported by ..." opens the next sentence and attributes this one
        then = [f for f in self.found if f.start >= hi]
        if (
            then
            and _THIS.match(self.d.text, then[0].start)
            and not self.d.text[hi : then[0].start].strip()
        ):
            return then[0]
        if not carried or _UNNAMED.search(self.d.text, lo, hi):
            return None
        earlier = [f for f in self.found if f.end <= lo]
        if not earlier:
            return None
        linked = getattr(self.d, "event_sentences", ())
        told = {e for a, b, e in linked if a <= earlier[-1].start < b}
        reported = {e for a, b, e in linked if a <= at < b}
        if told and reported and not told & reported:
            return None
        # words that close a paragraph of the account ('"...," the statement reads') carry
        # within it; past the paragraph, the account goes on as the one who was named
        last = earlier[-1]
        if last.refers and "\n" in self.d.text[last.end : lo]:
            return next((f for f in earlier if f[:2] == last.refers), last)
        return last


def _head(text: str, start: int, end: int) -> str:
    """The head noun of the name text[start:end], lowercased: "office" of "Joint Staff
    Office", "ministry" of "Ministry of National Defense" and of "Defense Ministry"."""
    words = re.split(r"\s+of\s+", text[start:end])[0].split()
    return words[-1].lower() if words else ""


_THIS = re.compile(r"This\s+was\s+")
# the sentence's words come from a source it does not name
_UNNAMED = re.compile(r"\b(?:reportedly|allegedly|it\s+is\s+(?:reported|believed|said))\b")


def _list_entry(text: str, start: int, end: int) -> str:
    """One quote of an attribution list: the words alone, or with their occurrence when they
    occur more than once."""
    if len(occurrences(text, text[start:end])) > 1:
        return quote_entry(text, start, end)
    return yaml_string(text[start:end])


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
