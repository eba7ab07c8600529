"""Remarks (steps/statements.py): direct quotes and "X said (that) ..." paraphrases, each with
the speaker its speech tag names.

A sentence with a speech tag ("X said", "said X", "according to X", "X added", "the ministry
said in a statement", "This was reported by X") is a remark of the tag's speaker: the words
inside its quotation marks are `direct_quote` statements, and a sentence without quotation
marks is one `paraphrase` (the sentence, from the tag's subject when a clause of the writer's
opens it, without a dateline before it or a closing clause of the writer's after it: ",
prompting Japan to scramble fighters"). The verbs of the tags are `patterns.SPEECH_VERBS`,
`patterns.REMARK_VERBS` and those the curated remarks use (`corpus.speech_verbs`).

Who speaks is read by the rules of `speakers`; this module adds the rules of quoted words
and of sentences without a tag:
- `subject`: quoted words in a sentence without a tag are its subject's ("Murkowski's
  characterization of the event as an “...”", "NATO issued a statement urging Beijing to
  “...”");
- `continues`: a sentence without a tag after a tagged one of its paragraph goes on with that
  account ("How far an attribution reaches"), and so do quoted words no tag speaks there;
- `a name`: quoted words after "codenamed", "dubbed": no one's; a name in title case quoted
  in a tagged sentence is the speaker's, and the sentence is also a paraphrase;
- `no tag`: a few quoted words no verb of speech reports: a scare quote, `speaker: null`
  (longer ones, or a verb of speech whose subject no rule reads, are left to the editor).
Each rule is measured on the curated files (`corpus.Corpus`): what a rule the corpus confirms
reads is asserted, anything else is proposed commented out with the rule's measure, so that
every article added to the corpus changes what the next draft asserts. A tag that names no
one the registries know is commented out, and its subject is listed as a spelling to add; so
is a remark whose speaker the draft names only in a spelling the registry does not list (the
build would refuse the speaker).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import dates
from ..spans import occurrences
from . import actors
from .document import Item, keyed_quote, yaml_string
from .patterns import (
    ACCORDING_TO,
    DATELINE_PREFIX,
    NAMING_WORDS,
    NOT_A_SUBJECT,
    PRONOUN_SUBJECT,
    QUOTED,
    REMARK_VERBS,
    REPORTED_BEFORE,
    REPORTED_BY,
    SPEECH_VERBS,
    TRAILING_CLAUSE,
    VOICE_OF,
    VOICE_WORDS,
    sentences,
    speech_tags,
)
from .relays import Relays
from .remark_event import remark_event
from .speakers import Speaker, Speakers

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
# quoted words that are a name ("“Maritime Security Belt 2026”", "“North. Interaction 2023”")
_TITLE = re.compile(r"(?:(?:[A-Z][\w.’'/-]*|\d[\w-]*)\s+)*(?:[A-Z][\w.’'/-]*|\d[\w-]*)")
# quoted words no tag speaks are a scare quote when they are this many words or fewer
_SCARE_QUOTE_WORDS = 4
# the rules that find no one speaks: a scare quote, a name, an unnamed source
_NO_ONE = ("no tag", "a name", "unnamed source")


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
        self.speakers = Speakers(self.d)
        self.mentions = self.speakers.mentions
        self.resolve = self.speakers.resolve
        self.tag_before, self.tag_after = speech_tags((*self.verbs, *REMARK_VERBS))

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
                PRONOUN_SUBJECT.fullmatch(self.speakers.words(t.lo, t.hi)) is not None,
                t.according,
                t.at,
            )
        )
        return found

    def _subject(self, lo: int, hi: int) -> bool:
        """Whether text[lo:hi] can be a speaker's words: no verb or relative in it, unless it
        is a body's voice and the body ("the statement issued by the ministry")."""
        words = self.text[lo:hi]
        named = [m for m in self.mentions if lo <= m.start and m.end <= hi]
        if named and VOICE_OF.search(self.text[lo : named[-1].start]):
            return True
        return not NOT_A_SUBJECT.search(words)

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
            self.speakers.spoken.extend(r.speaker for r in found)
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
        subject = self.speakers.subject_of(lo, quote.start())
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
            # the day after the verb is the tag's ("said late Tuesday, amid ..."): what
            # follows it is the remark only if no comma closes the tag there
            rest = _TAG_DAY.sub("", text[tag.verb_end : hi], count=1)
            if re.match(r"\s+that\b", rest) or (len(rest.split()) > 8 and rest[:1] != ","):
                lo = tag.lo
        closing = TRAILING_CLAUSE.search(text[lo:hi])
        if closing is not None and closing.start() > (tag.hi - lo):
            hi = lo + closing.start()
        return lo, hi


def _nearest(tags: list[Tag], at: int) -> Tag:
    """The tag that speaks a quotation at `at`: the nearest before it, else the first after."""
    before = [t for t in tags if t.at < at]
    if before:
        return max(before, key=lambda t: t.at)
    return min(tags, key=lambda t: t.at)


def propose(d: Drafter, event_id: str | None, corpus: Corpus | None = None) -> None:
    """Append one statement item per remark the article's text gives."""
    if corpus is None:
        from .corpus import Corpus

        corpus = Corpus.of(d)
    mentioned = actors.asserted(d)
    reader = Reader(d, corpus.verbs)
    remarks = reader.read()
    spans = sentences(d.text, 0, d.end)  # where each remark's medium and day are read
    relays = Relays(reader)
    for number, r in enumerate(remarks, start=1):
        speaker = r.speaker
        who = speaker.actor
        lines = [f"- id: s{number:02d}", f"  speaker: {who or 'null'}"]
        unnamed = speaker.rule == "unnamed source" or (
            VOICE_WORDS.search(speaker.words) and who is not None
        )
        if unnamed and speaker.at >= 0:
            lines += keyed_quote(
                "speaker_as_reported", d.text, speaker.at, speaker.at + len(speaker.words)
            )
        around = _remark_sentences(spans, r)
        lines += relays.lines(r, around)
        key = (who, speaker.words)
        # the remarks of other speakers (one the registries do not know, or no one, too)
        others = [(o.start, o.end) for o in remarks if (o.speaker.actor, o.speaker.words) != key]
        event = remark_event(d, r, around, reader.mentions, event_id, others)
        if event:
            lines.append(f"  event: {event}")
        medium = _medium(d, around)
        if medium:
            lines.append(f"  medium: {medium}")
        said = _said(d, around)
        if said:
            lines.append(f"  said: {yaml_string(said)}")
        lines.append(f"  type: {r.kind}")
        lines += keyed_quote("quote", d.text, r.start, r.end)
        words = d.text[r.start : r.end]
        slug = "-".join(re.findall(r"[a-z0-9]+", words.casefold())[:5])
        shared = corpus.remark_of(who, event, words, _kin(d, who))
        lines.append(f"  remark: {shared or (who + '-' if who else '') + slug}")
        unsure, note = _confidence(d, r, corpus, mentioned)
        d.draft.items.append(Item("statements", lines, unsure, note))


_TAG_DAY = re.compile(
    r"^\s+(?:(?:late|early)\s+)?(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
)


def _kin(d: Drafter, who: str | None) -> frozenset[str]:
    """The speakers that may give a remark of `who` in other sources: a state's bodies, or a
    body's state (the curated files share one remark id between them)."""
    country, kind = d.actor_country.get(who or ""), d.actor_type.get(who or "")
    if not country or kind == "person":  # a person speaks for themself
        return frozenset()
    if kind == "state":
        return frozenset(
            a
            for a, c in d.actor_country.items()
            if c == country and d.actor_type.get(a) not in ("state", "person")
        )
    return frozenset(
        a for a, c in d.actor_country.items() if c == country and d.actor_type.get(a) == "state"
    )


def _said(d: Drafter, around: list[tuple[int, int]]) -> str | None:
    """The words that give the day of the remark ("said on Tuesday", "told a press
    conference Wednesday"): a speech verb of its sentence and, within a few words, a date
    phrase that resolves to one day, quoted from the verb; None when there are none or the
    words are not unique in the text."""
    if d.anchor is None:
        return None
    for lo, hi in around:
        for verb in _SAID_VERB.finditer(d.text, lo, hi):
            window = d.text[verb.end() : min(hi, verb.end() + 120)]
            found = dates.find_phrase(window)
            if found is None or re.search(r"[,;“”\"]", window[: found[0]]):
                continue
            named = _AFTER_THE_SPEAKER.fullmatch(window[: found[0]])
            if named is not None:
                # "said a spokesperson for the Ministry of National Defense on Friday": the
                # day after the speaker's name is quoted alone ("on Friday")
                start = verb.end() + named.end("on")
            elif found[0] <= 30:
                start = verb.start()
            else:
                continue
            quote = d.text[start : verb.end() + found[1]]
            try:
                day = dates.resolve(quote, d.anchor)
            except ValueError:
                continue
            if day.precision == "day" and len(occurrences(d.text, quote)) == 1:
                return quote
    return None


# how a remark was made, as the words name it (statements.medium): the first that fits, the
# channel before the words it carries ("through diplomatic channels relayed its concern",
# "In a text message sent to the press corps, the JCS explained", "announced ... in a tweet",
# "In a report published on Monday, the Pentagon predicted"); measured on the sentences of
# the curated remarks: right for 42, wrong for 3, and 9 media a sentence does not name
MEDIA: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("diplomatic_channel", re.compile(r"(?i)\bdiplomatic\s+channels?\b")),
    ("text_message", re.compile(r"(?i)\btext\s+messages?\b")),
    (
        "social_media_post",
        re.compile(
            r"(?i)\b(?:tweet(?:s|ed)?|Twitter|Telegram\s+(?:channel|post)|Weibo|"
            r"social\s+media\s+post)\b"
        ),
    ),
    (
        "press_conference",
        re.compile(r"(?i)\b(?:press|news)\s+(?:conference|briefing)|\bbriefing\b"),
    ),
    ("interview", re.compile(r"(?i)\binterview\b")),
    # a report, not "reports that", "reports said" (what a medium reports)
    ("report", re.compile(r"(?i)\breports?\b(?!\s+(?:said|say|says|that))")),
    ("statement", re.compile(r"(?i)\bstatement\b")),
)
# the verbs a remark's day follows ("said on Tuesday", "told a press conference Wednesday",
# "released by the Chinese Ministry of National Defense on Wednesday")
_SAID_VERB = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|noted|published|tweeted|released|"
    r"issued)\b"
)
# the speaker's name between the verb and the day: "said a spokesperson for the Ministry of
# National Defense on Friday", "released by the Chinese Ministry of National Defense on"
_AFTER_THE_SPEAKER = re.compile(
    r"(?:\s+(?:by|a|an|the|of|for|[A-Z][\w’'-]*|spokesperson|spokesman|spokeswoman|"
    r"official|officials|press|service|office))*?\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
    r"(?P<on>\s+)(?:on\s+)?"
)


def _remark_sentences(spans: list[tuple[int, int]], r: Remark) -> list[tuple[int, int]]:
    """Of the article's sentences, those of the remark's start and of its speaker's tag."""
    at = [r.start] + ([r.speaker.at] if r.speaker.at >= 0 else [])
    return [(lo, hi) for lo, hi in spans if any(lo <= a < hi for a in at)]


def _medium(d: Drafter, around: list[tuple[int, int]]) -> str | None:
    """How the remark was made, where its sentence, or its tag's, says so: "said in a
    statement" (a statement), "told a press conference", "at a briefing" (a press conference),
    "through diplomatic channels", "In a text message", "in a tweet", "In a report" (the
    patterns `MEDIA`, with their measure on the curated remarks)."""
    words = " ".join(d.text[lo:hi] for lo, hi in around)
    for medium, pattern in MEDIA:
        if pattern.search(words):
            return medium
    return None


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
