"""Who speaks: the speaker a speech tag's subject names, by which rule (each measured on the
curated files by `corpus`), for the remarks proposer.

- `named`: a registered actor heads the subject ("Russia's Pacific Fleet said"), also when the
  text spells it otherwise than the registry ("Russia’s defense ministry"), and each of two
  named together ("Moscow and Beijing said": one remark each);
- `both`: "both nations", "the two countries": the two states named last;
- `voice of`: a body's voice and the body ("the press office of Russia’s Pacific Fleet",
  "a spokesman for the Russian Pacific Fleet", "the statement issued by the ministry");
- `country's body`: a country word and the words of a body of that country, which one
  registered body's names hold ("the Russian ministry", "China’s Ministry of Defense",
  "defence officials in Seoul");
- `same body`: a common noun ("the ministry", "the fleet’s press service"): the nearest actor
  named or heard before whose names hold it;
- `voice`: a voice without its body ("the press office", "the spokesman"): the body that spoke
  last, else the `voice, body named before`;
- `pronoun`: "it", "he", "the statement": the person named last for "he", the body or state
  that spoke last for "it";
- `unnamed source`: "Russian sources", "Officials": no one the text names (speaker null);
- `subject` (`Speakers.subject_of`): quoted words in a sentence without a tag, given to the
  actor whose words the sentence says they are.
A subject that names no one the registries know reads as `unknown`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..normalize import country_words
from . import actors
from .actors import Mention
from .patterns import (
    BOTH_STATES,
    DEMONYMS,
    PERSON_PRONOUN,
    PRONOUN_SUBJECT,
    SENTENCE_OPENING,
    SPEECH_PARTICIPLE,
    SUBJECT_TAIL,
    VOICE_NOUNS,
    VOICE_OF,
    VOICE_WORDS,
)

if TYPE_CHECKING:
    from .proposals import Drafter

# a person's name at the end of a subject ("ministry spokesman Kim In-chul"), not a body's
# ("the Chinese Defense Ministry")
_UNREGISTERED_NAME = re.compile(
    r"\b(?![\w\s-]*\b(?:Ministry|Fleet|Forces?|Navy|Army|Office|Command|Council|Committee|"
    r"Agency|News|Times|Institute|Service|Government|Department|Military|Staff|Guard|Press|"
    r"Authorit(?:y|ies)|Defen[cs]e)\b)[A-Z][a-z]+(?:-[a-z]+)?(?:[ -][A-Z][a-z]+(?:-[a-z]+)?)+$"
)
# the words of a source the text does not name ("Russian sources", "the Chinese military
# experts", "official statements", "Officials")
_UNNAMED_SOURCE = re.compile(
    r"(?:[Tt]he\s+)?(?:[\w-]+\s+){0,2}(?:sources|experts|analysts|observers|officials|statements)",
    re.IGNORECASE,
)
# the kinds of actor that speak through a press office or a spokesman
_NOT_A_BODY = ("state", "person", "media")


@dataclass(frozen=True)
class Speaker:
    """Who a speech tag names, by which rule, and the words of the tag's subject."""

    actor: str | None
    rule: str
    words: str = ""
    at: int = -1  # where the words start in the text
    how: str = ""  # what the note adds ("two speakers", "a spelling the registry lacks")


@dataclass
class Speakers:
    """The speakers one article's speech tags name: its actor mentions (registered and
    otherwise spelled), the registries' kinds, countries and names, and the speakers heard so
    far, for the rules that point back ("it said", "the press office said")."""

    d: Drafter
    spoken: list[Speaker] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text = self.d.text
        self.mentions: list[Mention] = actors.speaker_mentions(self.d)
        entries = self.d.registries.actors
        self.kind = {e.id: e.type for e in entries}
        self.country = {e.id: e.country for e in entries}
        self.names = {e.id: _fold(" ".join((e.name, *e.aliases))) for e in entries}
        countries = _country_words(entries)
        self.country_of_word = dict(countries)
        words = "|".join(re.escape(w) for w, _ in countries)  # longest first
        self.country_word = re.compile(rf"(?<!\w)(?:{words})(?!\w)")
        # "the Russian ministry", "defence officials in Seoul", "the Ministry of Defense of
        # China": a country word and a body's words
        self.body_of_country = (
            re.compile(rf"(?:[Tt]he\s+)?(?P<country>{words})\s+(?P<body>[A-Za-z][\w\s-]*)"),
            re.compile(
                rf"(?P<body>[a-z][\w\s-]*?)\s+(?:officials|spokes\w+)\s+(?:in|of|from)\s+"
                rf"(?P<country>{words})"
            ),
            re.compile(rf"(?:[Tt]he\s+)?(?P<body>[A-Z][\w\s-]*?)\s+of\s+(?P<country>{words})"),
        )

    def words(self, lo: int, hi: int) -> str:
        return self.text[lo:hi].strip(" ,\n")

    def resolve(self, lo: int, hi: int) -> list[Speaker]:
        """The speakers the subject text[lo:hi] of a speech tag names (one, or one for each
        of two named together)."""
        words = self.words(lo, hi)
        at = lo + self.text[lo:hi].index(words) if words else lo
        inside = [m for m in self.mentions if lo <= m.start and m.end <= hi]
        # "the Joint Chiefs of Staff (JCS)": the abbreviation is the name again
        inside = [
            m
            for i, m in enumerate(inside)
            if not (i and inside[i - 1].actor == m.actor and self.text[m.start - 1] == "(")
        ]
        ids = list(dict.fromkeys(m.actor for m in inside))
        if len(ids) > 1 and re.search(r"\band\b", words):
            # "Moscow and Beijing said": one remark per speaker
            heads = [m for m in inside if self._heads(m, hi, lo, inside)]
            if len(heads) == len(inside):
                return [Speaker(a, "named", words, at, "one of two speakers") for a in ids]
            return [Speaker(None, "unknown", words, at)]
        if inside:
            # "the press office of Russia’s Pacific Fleet": the body after a voice; "UNN with
            # reference to Reuters": the first name heads the subject
            voiced = [m for m in inside if VOICE_OF.search(self.text[lo : m.start])]
            # "the US-Canadian NORAD": a name before a hyphen qualifies the next one
            heads = [m for m in inside if self.text[m.end : m.end + 1] != "-"] or inside
            m = voiced[-1] if voiced else heads[0]
            if self._other_country(m, lo, hi, inside):
                # "an official at the Ministry of National Defence in Seoul" is not China's
                # "Ministry of National Defense"
                body = self._country_body(words)
                return [Speaker(body, "country's body" if body else "unknown", words, at)]
            for owned in heads[heads.index(m) + 1 :] if m in heads else []:
                # "Russia's Pacific Fleet", "the Defense Ministry's Joint Staff Office": the
                # body the owner's name is followed by heads the subject
                if not re.fullmatch(r"[’']s\s+", self.text[m.end : owned.start]):
                    break
                m = owned
            if VOICE_OF.search(self.text[lo : m.start]):
                return [Speaker(m.actor, "voice of", words, at)]
            if not self._heads(m, hi, lo, inside):
                body = self._country_body(words)  # "defence officials in Seoul"
                return [Speaker(body, "country's body" if body else "unknown", words, at)]
            how = "" if m.registered is None else f"written as registered {m.registered!r}"
            # a body's spelling read through its country's words is the country's body
            rule = "country's body" if m.by_country else "named"
            return [Speaker(m.actor, rule, words, at, how)]
        if PRONOUN_SUBJECT.fullmatch(words):
            return [self._pointed_back(words, at)]
        if _UNREGISTERED_NAME.search(words):
            # "ministry spokesman Kim In-chul": a person the registries do not know
            return [Speaker(None, "unknown", words, at)]
        if BOTH_STATES.fullmatch(words):
            return self._both(words, at)
        body = self._country_body(words)
        if body is not None:
            return [Speaker(body, "country's body", words, at)]
        nouns = self._common_noun(words)
        if nouns:
            named = [(m.start, m.actor) for m in self.mentions if m.start < lo]
            named += [(s.at, s.actor) for s in self.spoken if s.actor]
            for _, actor in sorted(named, reverse=True):
                if all(re.search(rf"\b{n}\b", self.names.get(actor or "", "")) for n in nouns):
                    return [Speaker(actor, "same body", words, at)]
        if VOICE_WORDS.search(words):
            return [self._voice(words, at)]
        if _UNNAMED_SOURCE.fullmatch(words):
            # "according to Russian sources", "Officials describe": no one the text names
            return [Speaker(None, "unnamed source", words, at)]
        return [Speaker(None, "unknown", words, at)]

    def _heads(self, m: Mention, hi: int, lo: int, inside: list[Mention]) -> bool:
        """Whether the mention heads the subject: not after "in", "of" (a place or an owner:
        "officials in Seoul"), followed by nothing but a possessive, an abbreviation or the
        body's voice, and of no other country than the subject's adjective names."""
        before = self.text[lo : m.start]
        if re.search(r"\b(?:in|at|of|from|for|with)\s+(?:the\s+)?$", before):
            return False
        following = [o for o in inside if o.start >= m.end]
        rest_end = following[0].start if following else hi
        rest = self.text[m.end : rest_end]
        if following:
            rest = re.sub(r"\s*(?:,|\band\b)\s*(?:both\s*)?$", "", rest)
        else:
            # "Japan and South Korea both", "the Japanese government through diplomatic channels"
            rest = re.sub(r"\s+(?:both|(?:through|via|in|on|at)\s+[a-z][a-z\s-]*)$", "", rest)
        if not SUBJECT_TAIL.fullmatch(rest):
            return False
        countries = {self.country_of_word[w] for w in self.country_word.findall(before)}
        # "the U.S.-Canadian NORAD": a body of no one country may have any adjective
        country = self.country.get(m.actor)
        return not countries or self.kind.get(m.actor) == "state" or country in (None, *countries)

    def _other_country(self, m: Mention, lo: int, hi: int, inside: list[Mention]) -> bool:
        """Whether the subject's other words name a country that is not the actor's own (a
        body of one country only; a state and an international body have none)."""
        country = self.country.get(m.actor)
        if country is None or self.kind.get(m.actor) == "state":
            return False
        rest = "".join(
            " " if any(o.start <= i < o.end for o in inside if o.actor == m.actor) else c
            for i, c in enumerate(self.text[lo:hi], start=lo)
        )
        named = {self.country_of_word[w] for w in self.country_word.findall(rest)}
        return bool(named) and country not in named

    def _pointed_back(self, words: str, at: int) -> Speaker:
        """ "he said": the person named last in this paragraph or the one before, else the
        person who spoke last; "it said", "the statement says": the body or state that spoke
        last, else the one named last."""
        if PERSON_PRONOUN.fullmatch(words):
            floor = _previous_paragraph(self.text, at)
            named = [m for m in self.mentions if floor <= m.start < at]
            for m in reversed(named):
                if self.kind.get(m.actor) == "person":
                    return Speaker(m.actor, "pronoun", words, at)
            for spoke in reversed(self.spoken):
                if spoke.actor is not None and self.kind.get(spoke.actor) == "person":
                    return Speaker(spoke.actor, "pronoun", words, at)
            return Speaker(None, "pronoun", words, at)
        for spoke in reversed(self.spoken):
            actor = spoke.actor
            if actor is not None and self.kind.get(actor) != "person":
                return Speaker(actor, "pronoun", words, at)
        for m in reversed(self.mentions):
            if m.start < at and self.kind.get(m.actor) != "person":
                return Speaker(m.actor, "pronoun", words, at)
        return Speaker(None, "pronoun", words, at)

    def _both(self, words: str, at: int) -> list[Speaker]:
        """ "both nations", "the two countries": the last two states named before, in this
        paragraph or the one before (one remark each)."""
        floor = _previous_paragraph(self.text, at)
        states: list[str] = []
        for m in reversed(self.mentions):
            state = self.kind.get(m.actor) == "state"
            if floor <= m.start < at and state and m.actor not in states:
                states.append(m.actor)
        if len(states) < 2:
            return [Speaker(None, "unknown", words, at)]
        return [Speaker(a, "both", words, at) for a in reversed(states[:2])]

    def _voice(self, words: str, at: int) -> Speaker:
        """ "the press office said": the body that spoke last; "the spokesperson said": the
        person or body that spoke last; else the body named last before."""
        spokesperson = re.search(r"(?i)\bspokes", words) is not None
        for spoke in reversed(self.spoken):
            actor = spoke.actor
            kind = self.kind.get(actor or "")
            if actor is not None and (
                kind not in _NOT_A_BODY or (spokesperson and kind == "person")
            ):
                return Speaker(actor, "voice", words, at)
        for m in reversed(self.mentions):
            if m.start < at and self.kind.get(m.actor) not in _NOT_A_BODY:
                return Speaker(m.actor, "voice, body named before", words, at)
        return Speaker(None, "unknown", words, at)

    def _country_body(self, words: str) -> str | None:
        """ "the Russian ministry", "China’s Ministry of Defense", "defence officials in
        Seoul": the one body of that country whose registered names hold every word of the
        subject but the country's and the voice's ("officials")."""
        for pattern in self.body_of_country:
            m = pattern.fullmatch(words)
            if m is None:
                continue
            code = self.country_of_word[m.group("country")]
            if VOICE_WORDS.search(m.group("body")):
                return None
            body = [
                w
                for w in re.findall(r"[a-z]+", _fold(m.group("body")))
                if w not in ("of", "the", "and")
            ]
            found = {
                actor
                for actor, names in self.names.items()
                if self.country.get(actor) == code
                and self.kind.get(actor) not in ("state", "person")
                and all(re.search(rf"\b{w}\b", names) for w in body)
            }
            return found.pop() if body and len(found) == 1 else None
        return None

    @staticmethod
    def _common_noun(words: str) -> list[str]:
        """The words of the body a subject such as "the ministry", "the defence ministry",
        "ministry officials" or "the fleet’s press service" names ([] for "the press office"
        alone, a voice without a body)."""
        bare = VOICE_WORDS.sub("", words)
        bare = re.sub(r"[’']s\b", "", bare).strip()
        if PRONOUN_SUBJECT.fullmatch(bare):
            return []
        m = re.fullmatch(r"(?:[Tt]he\s+|[Aa]n?\s+)?((?:[a-z]+\s+)?[a-z]{4,})", bare)
        return _fold(m.group(1)).split() if m else []

    def subject_of(self, lo: int, at: int) -> list[Mention]:
        """The actor a sentence without a speech tag gives words at `at` to: the one whose
        characterization or report they are ("Lisa Murkowski’s characterization of the
        event as an “...”"), the subject of a participle of speech ("NATO countries issued a
        statement accusing China of being a “...”", "Peskov rejected this, saying ..."), the
        one a relative clause of speech follows ("Donald Trump, who has called the grouping
        “...”"), or the actor that opens the sentence ("Murkowski described it as an “...”");
        with the one named after it and "and" ("Moscow and Beijing were quick to downplay
        ..., asserting that it was “...”")."""
        text = self.text
        before = [m for m in self.mentions if lo <= m.start and m.end <= at]
        for m in before:
            voice = VOICE_NOUNS.match(text, m.end)
            if voice is not None and voice.end() <= at:
                return [m]
        spoken = re.search(
            rf"\b(?:issued|released|published)\b|{SPEECH_PARTICIPLE.pattern}", text[lo:at]
        )
        if spoken is not None:
            for m in before:
                ahead = text[max(lo, m.start - 12) : m.start]
                possessive = re.match(r"[’']s\b", text[m.end : m.end + 2])
                if not possessive and not re.search(
                    r"\b(?:in|at|of|from|to|on|by|with|near)\s+(?:the\s+)?$", ahead
                ):
                    return self._and_the_next(m, before)
        relative = [
            m
            for m in before
            if re.match(r",?\s+who\s+(?:has\s+|had\s+)?(?:also\s+)?\w+", text[m.end : at])
        ]
        if relative:
            return [relative[-1]]
        opening = SENTENCE_OPENING.match(text, lo, at)
        if opening is not None:
            head = [m for m in before if m.start == opening.end()]
            if head and not re.match(r"[’']s\b", text[head[0].end : head[0].end + 2]):
                return self._and_the_next(head[0], before)
        return []

    def _and_the_next(self, m: Mention, named: list[Mention]) -> list[Mention]:
        """The mention, and the one right after it joined by "and" ("Moscow and Beijing")."""
        after = [o for o in named if o.start > m.end and o.actor != m.actor]
        if after and re.fullmatch(r"\s+and\s+", self.text[m.end : after[0].start]):
            return [m, after[0]]
        return [m]


def _previous_paragraph(text: str, at: int) -> int:
    """Where the paragraph before the one holding `at` begins (paragraphs are lines)."""
    lines = [m.start() for m in re.finditer(r"[^\n]+", text[:at])]
    return lines[-2] if len(lines) >= 2 else 0


def _fold(text: str) -> str:
    """Casefolded, "defence" as "defense", one space between words: how a subject's words
    are compared with the registered names."""
    folded = re.sub(r"defenc", "defens", text.casefold())
    return re.sub(r"[\s\u00a0]+", " ", folded)


def _country_words(entries: object) -> list[tuple[str, str]]:
    """(word, country) for each word that names a country before a body: demonyms,
    registered names of states and their possessives, longest first."""
    words: dict[str, str] = dict(DEMONYMS)
    for e in entries:  # type: ignore[attr-defined]
        if e.type != "state" or not e.country:
            continue
        for name in (*e.aliases, *country_words(e.country)):
            words.setdefault(name, e.country)
            words.setdefault(name + "’s", e.country)
            words.setdefault(name + "'s", e.country)
    return sorted(words.items(), key=lambda w: -len(w[0]))
