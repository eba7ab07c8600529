"""Remarks (steps/statements.py): direct quotes and "X said (that) ..." paraphrases, each with
the speaker its speech tag names.

A sentence with a speech tag ("X said", "said X", "according to X", "X added", "the ministry
said in a statement") is a remark of the tag's speaker: the words inside its quotation marks
are `direct_quote` statements, and a sentence without quotation marks is one `paraphrase`
(the sentence, from the tag's subject when a clause of the writer's opens it, and without a
closing clause of the writer's: ", prompting Japan to scramble fighters"). The verbs of the
tags are `patterns.SPEECH_VERBS` and those the curated remarks use (`corpus.speech_verbs`).

The speaker is read by one of these rules, each measured on the curated files
(`corpus.Corpus.confirmed`): a rule the corpus confirms is asserted, any other is proposed
commented out with its measure, so that an article added to the corpus changes what is
asserted.
- `named`: a registered actor heads the tag's subject ("Russia's Pacific Fleet said");
  `spelling`: the same, written in a way the registry does not list ("Russia’s defense
  ministry" for "Russia’s Defense Ministry");
- `each speaker`: two named in one subject ("Moscow and Beijing said"): one remark each;
- `voice of`: a body's voice and the body ("the press office of Russia’s Pacific Fleet",
  "a spokesman for the Russian Pacific Fleet", "the statement issued by the ministry");
- `country's body`: a country word and the words of a body of that country, which one
  registered body's names hold ("the Russian ministry", "China’s Ministry of Defense");
- `same body`: a common noun ("the ministry", "the fleet’s press service"): the nearest actor
  named before whose names hold it;
- `voice`: a voice without its body ("the press office", "the spokesman"): the body that spoke
  last, else the `voice, body named before`;
- `pronoun`: "it", "he", "the statement": the speaker that spoke last (a person for "he");
- `subject`: quoted words in a sentence without a tag whose subject is an actor ("Murkowski
  expressed alarm ..., describing it as an “...”");
- `continues`: a sentence without a tag after a tagged one of its paragraph continues that
  account ("How far an attribution reaches");
- `no tag`: quoted words no one is said to speak: a scare quote, `speaker: null`.
A tag that names no one the registries know is commented out, and its subject is listed as
a spelling to add.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..normalize import country_words
from ..spans import occurrences
from . import actors
from .actors import Mention
from .document import Item, yaml_string
from .patterns import (
    ACCORDING_TO,
    BOTH_STATES,
    DATELINE_PREFIX,
    DEMONYMS,
    NAMING_WORDS,
    NOT_A_SUBJECT,
    PERSON_PRONOUN,
    PRONOUN_SUBJECT,
    QUOTED,
    REMARK_VERBS,
    REPORTED_BEFORE,
    REPORTED_BY,
    SENTENCE_OPENING,
    SPEECH_PARTICIPLE,
    SPEECH_VERBS,
    SUBJECT_TAIL,
    TRAILING_CLAUSE,
    VOICE_NOUNS,
    VOICE_OF,
    VOICE_WORDS,
    sentences,
    speech_tags,
)

if TYPE_CHECKING:
    from .corpus import Corpus
    from .proposals import Drafter

# the words that may open a clause before its subject ("particularly as both nations said")
_CONJUNCTION = re.compile(
    r"(?:\w+ly\s+)?(?:as|while|when|after|since|because|although|whereas|that)\s+"
)
# what ends the writer's words before a remark's subject: a comma, and a conjunction after it
# ("In a report published on Monday, the Pentagon", "..., particularly as both nations")
_AFTER_A_COMMA = re.compile(r",\s+(?:(?:\w+ly\s+)?(?:as|while|when|since|because)\s+)?$")
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
# quoted words that are a name ("“Maritime Security Belt 2026”", "“North. Interaction 2023”")
_TITLE = re.compile(r"(?:(?:[A-Z][\w.’'/-]*|\d[\w-]*)\s+)*(?:[A-Z][\w.’'/-]*|\d[\w-]*)")
# quoted words no tag speaks are a scare quote when they are this many words or fewer
_SCARE_QUOTE_WORDS = 4
# the rules that find no one speaks: a scare quote, a name, an unnamed source
_NO_ONE = ("no tag", "a name", "unnamed source")
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


@dataclass(frozen=True)
class Remark:
    """One statement the draft proposes: its span, its type and its speaker."""

    start: int
    end: int
    kind: str  # direct_quote | paraphrase
    speaker: Speaker
    span_rule: str = ""  # the rule that made the span, when not the speaker's tag alone

    @property
    def rule(self) -> str:
        """The rule whose measure decides the remark: the span's, else the speaker's."""
        return self.span_rule or self.speaker.rule


@dataclass(frozen=True)
class Tag:
    """A speech tag: where it is, its subject's span, and whether it reads "according to"."""

    at: int
    lo: int
    hi: int
    according: bool
    before: bool  # "X said": the subject before its verb
    verb_end: int = -1  # where the verb of "X said" ends


@dataclass
class Reader:
    """Reads the remarks of one article, sentence by sentence, keeping the speakers read so
    far for the rules that point back ("it said", "the press office said")."""

    d: Drafter
    verbs: tuple[str, ...] = SPEECH_VERBS
    remarks: list[Remark] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text = self.d.text
        self.mentions: list[Mention] = actors.speaker_mentions(self.d)
        self.tag_before, self.tag_after = speech_tags((*self.verbs, *REMARK_VERBS))
        entries = self.d.registries.actors
        self.kind = {e.id: e.type for e in entries}
        self.country = {e.id: e.country for e in entries}
        self.names = {e.id: _fold(" ".join((e.name, *e.aliases))) for e in entries}
        self.countries = _country_words(entries)

    # -- speech tags ------------------------------------------------------------------------
    def tags(self, lo: int, hi: int) -> list[Tag]:
        """The speech tags of the sentence text[lo:hi] whose subject can name a speaker, the
        preferred first: one whose subject names someone before one reading a pronoun, and
        "X said" or "reported by X" before "according to Y" (Y relays X's words: "According
        to the AP, the ministry said ...")."""
        sentence = self.text[lo:hi]
        found: list[Tag] = []
        for m in ACCORDING_TO.finditer(sentence):
            found.append(Tag(lo + m.start(), lo + m.start("who"), lo + m.end("who"), True, False))
        shortest: dict[int, Tag] = {}  # "X said" by its verb: the shortest subject that names
        for m in self.tag_before.finditer(sentence):
            who = (lo + m.start("who"), lo + m.end("who"))
            if self._subject(*who):
                shortest[m.end("verb")] = Tag(who[0], *who, False, True, lo + m.end("verb"))
        found += shortest.values()
        for m in self.tag_after.finditer(sentence):
            who = (lo + m.start("who"), lo + m.end("who"))
            found.append(Tag(who[0], *who, False, False))
        for m in REPORTED_BY.finditer(sentence):
            found.append(
                Tag(lo + m.start("who"), lo + m.start("who"), lo + m.end("who"), False, False)
            )
        for i, t in enumerate(found):
            # "particularly as both nations reject": the subject after the conjunction
            opening = _CONJUNCTION.match(self.text, t.lo, t.hi)
            if opening is not None and opening.end() < t.hi:
                found[i] = Tag(t.at, opening.end(), t.hi, t.according, t.before, t.verb_end)
        found = [t for t in found if self._subject(t.lo, t.hi)]
        found.sort(
            key=lambda t: (
                PRONOUN_SUBJECT.fullmatch(self._words(t.lo, t.hi)) is not None,
                t.according,
                t.at,
            )
        )
        return found

    def _words(self, lo: int, hi: int) -> str:
        return self.text[lo:hi].strip(" ,\n")

    def _subject(self, lo: int, hi: int) -> bool:
        """Whether text[lo:hi] can be a speaker's words: no verb or relative in it, unless it
        is a body's voice and the body ("the statement issued by the ministry")."""
        words = self.text[lo:hi]
        named = [m for m in self.mentions if lo <= m.start and m.end <= hi]
        if named and VOICE_OF.search(self.text[lo : named[-1].start]):
            return True
        return not NOT_A_SUBJECT.search(words)

    # -- speakers ---------------------------------------------------------------------------
    def resolve(self, lo: int, hi: int) -> list[Speaker]:
        """The speakers the subject text[lo:hi] of a speech tag names (one, or one for each
        of two named together)."""
        words = self._words(lo, hi)
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
            return [Speaker(m.actor, "named", words, at, how)]
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
            named += [(r.speaker.at, r.speaker.actor) for r in self.remarks if r.speaker.actor]
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
        countries = {
            c for w, c in self.countries if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", before)
        }
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
        named = {c for w, c in self.countries if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", rest)}
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
            for r in reversed(self.remarks):
                if r.speaker.actor is not None and self.kind.get(r.speaker.actor) == "person":
                    return Speaker(r.speaker.actor, "pronoun", words, at)
            return Speaker(None, "pronoun", words, at)
        for r in reversed(self.remarks):
            actor = r.speaker.actor
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
        for r in reversed(self.remarks):
            actor = r.speaker.actor
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
        for word, code in self.countries:
            w = re.escape(word)
            m = (
                re.match(rf"(?:[Tt]he\s+)?{w}\s+(?P<body>[A-Za-z][\w\s-]*)$", words)
                or re.match(
                    rf"(?P<body>[a-z][\w\s-]*?)\s+(?:officials|spokes\w+)\s+(?:in|of|from)\s+{w}$",
                    words,
                )
                or re.match(rf"(?:[Tt]he\s+)?(?P<body>[A-Z][\w\s-]*?)\s+of\s+{w}$", words)
            )
            if m is None:
                continue
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

    # -- the article ------------------------------------------------------------------------
    def read(self) -> list[Remark]:
        """Every remark of the article, in order."""
        d, text = self.d, self.text
        quotes = list(QUOTED.finditer(text, 0, d.end))
        paragraphs: dict[int, list[tuple[int, int]]] = {}
        for lo, hi in sentences(text, 0, d.end):
            if not d.in_headline(lo):
                paragraphs.setdefault(text.rfind("\n", 0, lo) + 1, []).append((lo, hi))
        for spans in paragraphs.values():
            self._paragraph(spans, quotes)
        return self.remarks

    def _paragraph(self, spans: list[tuple[int, int]], quotes: list[re.Match[str]]) -> None:
        """The remarks of one paragraph. Quoted words are the remark of the tag nearest them,
        but for a name in quotation marks ("codenamed “North. Interaction 2023”") and words in
        the writer's closing clause, which are no one's; a tagged sentence whose quotations
        are all no one's is the tag's paraphrase; a sentence without a tag after a tagged one
        goes on with that account (`continues`)."""
        text = self.text
        account: list[Speaker] = []  # who the paragraph's account is of
        previous = -1  # where the sentence before starts
        for lo, hi in spans:
            quoted = [m for m in quotes if lo < m.end() <= hi + 1]
            inside = any(m.start() <= lo < m.end() - 1 for m in quotes)
            tags = self.tags(lo, hi)
            found: list[Remark] = []
            closing = TRAILING_CLAUSE.search(text, tags[0].hi if tags else hi, hi)
            if closing is not None and re.match(r",\s+(?:[a-z]+ing|which)\b", closing.group(0)):
                # "..., describing it as an “...”", "..., which it intercepted, were “...”":
                # the speaker's account goes on
                closing = None
            spoken = []
            speaking = [t for t in tags if any(s.actor for s in self.resolve(t.lo, t.hi))]
            for m in quoted:
                tag = _nearest(speaking or tags, m.start()) if tags else None
                if NAMING_WORDS.search(text, lo, m.start()):
                    speakers = [Speaker(None, "a name")]
                elif tag is not None and closing is not None and m.start() > closing.start():
                    # "..., Kishi said, in an apparent provocation as “the Quad” met"
                    speakers = [Speaker(None, "no tag")]
                elif tag is not None:
                    speakers = self.resolve(tag.lo, tag.hi)
                    if not _TITLE.fullmatch(m.group("q")):
                        # a name the speaker uses ("the upcoming “Maritime Security Belt
                        # 2026” exercises") leaves the sentence a paraphrase too
                        spoken.append(m)
                else:
                    speakers = self._untagged(lo, hi, m, account)
                found += [Remark(m.start("q"), m.end("q"), "direct_quote", s) for s in speakers]
            if inside and not quoted:
                pass  # the first sentences of a quotation that closes in a later one
            elif tags and (not quoted or not spoken):
                tag, speakers = self._choose(tags)
                start, end = self._clause(lo, hi, tag)
                if previous >= 0 and REPORTED_BEFORE.match(text, lo, hi):
                    # "In early December, ... held drills. This was reported by the ministry"
                    start, end = previous, tag.hi
                found[:0] = [Remark(start, end, "paraphrase", s) for s in speakers]
            elif account and not quoted:
                found = [
                    Remark(lo, hi, "paraphrase", Speaker(s.actor, "continues", s.words, s.at))
                    for s in account
                ]
            self.remarks.extend(found)
            named = [
                r.speaker
                for r in found
                if r.speaker.actor is not None and r.speaker.rule != "continues"
            ]
            if named:
                account = list({s.actor: s for s in named}.values())
            previous = lo

    def _choose(self, tags: list[Tag]) -> tuple[Tag, list[Speaker]]:
        """The first tag (in the order of preference) whose subject names a speaker the
        registries know, else the first tag ("according to the annual cooperation plan ...,
        according to a written statement released by the ministry")."""
        for tag in tags:
            speakers = self.resolve(tag.lo, tag.hi)
            if any(s.actor for s in speakers):
                return tag, speakers
        return tags[0], self.resolve(tags[0].lo, tags[0].hi)

    def _untagged(
        self, lo: int, hi: int, quote: re.Match[str], paragraph_speakers: list[Speaker]
    ) -> list[Speaker]:
        """The speaker of quoted words in a sentence without a speech tag: the actors whose
        words the sentence says they are (its subject), the speaker of the paragraph's
        account, no one for a few words no verb of speech reports (a scare quote), else
        someone the editor must name (a sentence of quoted words, or a verb of speech whose
        subject the tags do not read)."""
        subject = self._subject_of(lo, quote.start())
        if subject:
            words = self.text[subject[0].start : subject[-1].end]
            return [Speaker(m.actor, "subject", words, subject[0].start) for m in subject]
        if paragraph_speakers:
            return [Speaker(s.actor, "continues", s.words, s.at) for s in paragraph_speakers]
        spoken = self.tag_before.search(self.text, lo, hi) or self.tag_after.search(
            self.text, lo, hi
        )
        if len(quote.group("q").split()) > _SCARE_QUOTE_WORDS or spoken:
            return [Speaker(None, "unknown")]
        return [Speaker(None, "no tag")]

    def _subject_of(self, lo: int, at: int) -> list[Mention]:
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

    def _clause(self, lo: int, hi: int, tag: Tag) -> tuple[int, int]:
        """The span of a paraphrase: the sentence without a dateline before it, from the
        tag's subject when the writer's words open the sentence ("In a report published on
        Monday, the Pentagon predicted ..."), and without a closing clause of the writer's
        (", potentially altering the balance")."""
        text = self.text
        prefix = DATELINE_PREFIX.match(text, lo, hi)
        if prefix is not None:
            lo = prefix.end()
        if tag.before and tag.lo > lo and _AFTER_A_COMMA.search(text, lo, tag.lo):
            # "In a report ..., the Pentagon predicted that ...", not "..., the ministry said."
            rest = text[tag.verb_end : hi]
            if re.match(r"\s+that\b", rest) or (len(rest.split()) > 8 and rest[:1] != ","):
                lo = tag.lo
        closing = TRAILING_CLAUSE.search(text[lo:hi])
        if closing is not None and closing.start() > (tag.hi - lo):
            hi = lo + closing.start()
        return lo, hi


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


def _nearest(tags: list[Tag], at: int) -> Tag:
    """The tag that speaks a quotation at `at`: the nearest before it, else the first after."""
    before = [t for t in tags if t.at < at]
    if before:
        return max(before, key=lambda t: t.at)
    return min(tags, key=lambda t: t.at)


def _quote_lines(key: str, text: str, start: int, end: int) -> list[str]:
    quote = text[start:end]
    starts = occurrences(text, quote)
    if key != "quote":
        if len(starts) > 1:
            return [
                f"  {key}: {{quote: {yaml_string(quote)}, occurrence: {starts.index(start) + 1}}}"
            ]
        return [f"  {key}: {yaml_string(quote)}"]
    lines = [f"  quote: {yaml_string(quote)}"]
    if len(starts) > 1:
        lines.append(f"  occurrence: {starts.index(start) + 1}")
    return lines


def propose(d: Drafter, event_id: str | None, corpus: Corpus | None = None) -> None:
    """Append one statement item per remark the article's text gives."""
    if corpus is None:
        from .corpus import Corpus

        corpus = Corpus.of(d)
    mentioned = actors.asserted(d)
    remarks = Reader(d, corpus.verbs).read()
    for number, r in enumerate(remarks, start=1):
        speaker = r.speaker
        who = speaker.actor
        lines = [f"- id: s{number:02d}", f"  speaker: {who or 'null'}"]
        unnamed = speaker.rule == "unnamed source" or (
            VOICE_WORDS.search(speaker.words) and who is not None
        )
        if unnamed and speaker.at >= 0:
            lines += _quote_lines(
                "speaker_as_reported", d.text, speaker.at, speaker.at + len(speaker.words)
            )
        if event_id:
            lines.append(f"  event: {event_id}")
        lines.append(f"  type: {r.kind}")
        lines += _quote_lines("quote", d.text, r.start, r.end)
        slug = "-".join(re.findall(r"[a-z0-9]+", d.text[r.start : r.end].casefold())[:5])
        lines.append(f"  remark: {who + '-' if who else ''}{slug}")
        unsure, note = _confidence(d, r, corpus, mentioned)
        d.draft.items.append(Item("statements", lines, unsure, note))


def _confidence(
    d: Drafter, remark: Remark, corpus: Corpus, mentioned: set[str]
) -> tuple[str | None, str]:
    """(why the remark is commented out, or None; the note that names the rule and its
    measure on the curated files)."""
    speaker, rule = remark.speaker, remark.rule
    measure = corpus.measure(rule)
    words = f"{speaker.words!r}" if speaker.words else ""
    how = "; ".join(w for w in (words, speaker.how, measure) if w)
    note = f"speaker: the {rule} rule ({how})"
    if speaker.actor is None and speaker.rule not in _NO_ONE:
        entry = f"actor spelling {speaker.words!r} (speaks in the text; registries/actors.yaml)"
        if re.search(r"[A-Z]", speaker.words) and entry not in d.draft.to_add:
            d.draft.to_add.append(entry)
        return f"the speech tag names {speaker.words!r}, whom the registries do not know", note
    if not corpus.confirms(rule):
        if speaker.rule == "unnamed source":
            why = f"{speaker.words!r} names no one (an unnamed source has speaker null)"
        elif speaker.actor is None:
            why = "no speaker named next to the quotation (a scare quote has speaker null)"
        else:
            why = f"speaker read from {speaker.words!r} by the {rule} rule"
        return f"{why}, which the curated files do not confirm ({measure})", note
    if speaker.actor is not None and speaker.actor not in mentioned:
        return (
            f"{speaker.actor} is not among the asserted actor mentions: register the "
            f"spelling {speaker.words!r} and list the mention",
            note,
        )
    return None, note
