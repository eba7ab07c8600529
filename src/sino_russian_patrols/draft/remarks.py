"""Remarks (steps/statements.py): direct quotes and "X said (that) ..." paraphrases, each with
the speaker its speech tag names.

A sentence with a speech tag ("X said", "said X", "according to X", "X added", "the ministry
said in a statement") is a remark of the tag's speaker: the words inside its quotation marks
are `direct_quote` statements, and a sentence without quotation marks is one `paraphrase`
(the whole sentence, as the curated files quote it). Quoted words in a sentence with no tag
take the speaker of a tag right after the closing mark ('"...," the ministry said') or have
none (a scare quote, `speaker: null`).

The speaker is read in three ways, each a rule of its own with its own confidence:
- `named`: a registered actor is named inside the tag's subject ("Russia's Pacific Fleet
  said"): asserted;
- `same body`: the subject is a common noun ("the ministry said", "the press office said")
  and the nearest actor named before it, in this paragraph or the previous one, has that
  word in its name: asserted, as the coding rules carry an attribution on the article's
  account ("How far an attribution reaches");
- `body's voice` ("the press office said", "the spokesman said"): the nearest body named
  before, proposed commented out (the corpus confirms it for few of its proposals);
- `pronoun` ("it said", "she added"): the speaker of the previous remark, proposed
  commented out: a pronoun can point at anyone named in between.
- a quotation in a sentence with no speech tag whose subject, at its start, is a registered
  actor ("Lisa Murkowski expressed alarm ..., describing it as an “...”") takes that subject
  as its tag, read by the `named` rule;
A sentence whose tag names no one the registries know is commented out, and its subject is
listed as a spelling to add.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..spans import occurrences
from .document import Item, yaml_string
from .patterns import (
    ACCORDING_TO,
    DEMONYMS,
    NOT_A_SUBJECT,
    PRONOUN_SUBJECT,
    QUOTED,
    REPORTED_BY,
    SENTENCE_OPENING,
    SPEECH_TAG_AFTER,
    SPEECH_TAG_BEFORE,
    SUBJECT_TAIL,
    sentences,
)

if TYPE_CHECKING:
    from .proposals import Drafter

# rules whose speaker is asserted; the others are written commented out with the reason
# ("body's voice" measured 1 right of 7 on the curated corpus: proposed commented out)
ASSERTED_RULES = frozenset({"named", "same body"})
# the words of a subject that speak for a body ("the press office", "the spokesman")
VOICE_OF_A_BODY = frozenset({"office", "service", "spokesman", "spokesperson", "spokeswoman"})


@dataclass(frozen=True)
class Speaker:
    """Who a speech tag names, by which rule, and the words of the tag's subject."""

    actor: str | None
    rule: str
    words: str


def _subject_span(d: Drafter, lo: int, hi: int) -> str:
    return d.text[lo:hi].strip(" ,\n")


def resolve_speaker(
    d: Drafter, lo: int, hi: int, mentions: list[tuple[int, int, str]], previous: str | None
) -> Speaker:
    """The speaker that the subject text[lo:hi] of a speech tag names."""
    words = _subject_span(d, lo, hi)
    inside = [m for m in mentions if lo <= m[0] and m[1] <= hi]
    countries = _countries(d, words, inside)
    if len({m[2] for m in inside}) > 1 and re.search(r"\band\b", words):
        # "Moscow and Beijing said": one remark per speaker, the editor splits it
        return Speaker(None, "two speakers", words)
    if inside:
        actor = inside[-1][2]
        rest = d.text[inside[-1][1] : hi]
        if re.search(r"\b(?:in|at|of|from|for|with)\s+(?:the\s+)?$", d.text[lo : inside[-1][0]]):
            # "officials in Seoul", "the Ministry of Defense of China": a place or an owner
            return Speaker(None, "not the head", words)
        if not SUBJECT_TAIL.fullmatch(rest):
            # "South Korea's top security adviser Chung Eui-yong": the name is not the head
            return Speaker(None, "not the head", words)
        if countries and _country(d, actor) not in countries:
            # "Russia's Defense Ministry" read as another country's "Defense Ministry"
            return Speaker(None, "country conflict", words)
        return Speaker(actor, "named", words)
    if PRONOUN_SUBJECT.fullmatch(words):
        if previous is None:  # no remark before: the nearest actor named before
            floor = _previous_paragraph(d.text, lo)
            before = [m for m in mentions if floor <= m[0] < lo]
            previous = before[-1][2] if before else None
        return Speaker(previous, "pronoun", words)
    head = re.findall(r"[A-Za-z]+", words)
    if head and words[:4].casefold() == "the ":
        noun = head[-1].casefold()
        # the nearest actor named before, in this paragraph or the previous one
        floor = _previous_paragraph(d.text, lo)
        names = {e.id: " ".join((*e.aliases, e.name)).casefold() for e in d.registries.actors}
        for start, _end, actor in reversed(mentions):
            if start < lo and start >= floor and noun in names.get(actor, ""):
                return Speaker(actor, "same body", words)
        if noun in VOICE_OF_A_BODY:
            # "the press office said": the voice of the body named last before it
            kinds = {e.id: e.type for e in d.registries.actors}
            for start, _end, actor in reversed(mentions):
                if floor <= start < lo and kinds.get(actor) not in ("state", "person", "media"):
                    return Speaker(actor, "body's voice", words)
    return Speaker(None, "unknown", words)


def _country(d: Drafter, actor: str) -> str | None:
    return next((e.country for e in d.registries.actors if e.id == actor), None)


def _countries(d: Drafter, words: str, inside: list[tuple[int, int, str]]) -> set[str]:
    """The countries the subject of a tag names: its demonyms and the states it names."""
    found = {
        code
        for word, code in DEMONYMS.items()
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", words)
    }
    states = {e.id: e.country for e in d.registries.actors if e.type == "state"}
    found |= {states[a] for _, _, a in inside if states.get(a)}
    return {c for c in found if c}


def _previous_paragraph(text: str, at: int) -> int:
    """Where the paragraph before the one holding `at` begins (paragraphs are lines)."""
    lines = [m.start() for m in re.finditer(r"[^\n]+", text[:at])]
    return lines[-2] if len(lines) >= 2 else 0


Tag = tuple[int, int, int, bool]  # (where the tag is, its subject's start and end, "according to")


def _tags(d: Drafter, lo: int, hi: int) -> list[Tag]:
    """The speech tags of the sentence text[lo:hi] whose subject can name a speaker, the
    preferred first: one whose subject names someone before one reading a pronoun, and
    "X said" or "reported by X" before "according to Y" (Y relays X's words: "According to
    the AP, the ministry said ...")."""
    sentence = d.text[lo:hi]
    found: list[Tag] = []
    for m in ACCORDING_TO.finditer(sentence):
        found.append((lo + m.start(), lo + m.start("who"), lo + m.end("who"), True))
    for pattern in (SPEECH_TAG_BEFORE, SPEECH_TAG_AFTER, REPORTED_BY):
        for m in pattern.finditer(sentence):
            found.append((lo + m.start("who"), lo + m.start("who"), lo + m.end("who"), False))
    found = [f for f in found if not NOT_A_SUBJECT.search(d.text[f[1] : f[2]])]
    found.sort(
        key=lambda f: (PRONOUN_SUBJECT.fullmatch(d.text[f[1] : f[2]]) is not None, f[3], f[0])
    )
    return found


def _nearest(tags: list[Tag], at: int) -> Tag:
    """The tag that speaks a quotation at `at`: the nearest before it, else the first after."""
    before = [t for t in tags if t[0] < at]
    if before:
        return max(before, key=lambda t: t[0])
    return min(tags, key=lambda t: t[0])


def _quote_lines(d: Drafter, start: int, end: int) -> list[str]:
    quote = d.text[start:end]
    lines = [f"  quote: {yaml_string(quote)}"]
    starts = occurrences(d.text, quote)
    if len(starts) > 1:
        lines.append(f"  occurrence: {starts.index(start) + 1}")
    return lines


def propose(d: Drafter, event_id: str | None) -> None:
    """Append one statement item per quotation and per tagged sentence without quotation."""
    mentions = d.actor_mentions()
    number = 0
    previous: str | None = None
    quotes = [m for m in QUOTED.finditer(d.text, 0, d.end) if len(m.group("q").split()) >= 2]
    for lo, hi in sentences(d.text, 0, d.end):
        if d.in_headline(lo):
            continue
        # a quotation belongs to the sentence its closing mark stands in, where its tag is
        quoted = [m for m in quotes if lo < m.end() <= hi + 1]
        tags = _tags(d, lo, hi)
        spans: list[tuple[int, int, str, Speaker | None]] = []
        if quoted and not tags:
            # "Murkowski expressed alarm ..., describing it as an “...”": the sentence's subject
            opening = SENTENCE_OPENING.match(d.text, lo, hi)
            if opening is not None:
                head = [m for m in mentions if m[0] == opening.end()]
                if head:
                    tags = [(head[0][0], head[0][0], head[0][1], False)]
        if quoted:
            for m in quoted:
                tag = _nearest(tags, m.start()) if tags else None
                who = resolve_speaker(d, tag[1], tag[2], mentions, previous) if tag else None
                spans.append((m.start("q"), m.end("q"), "direct_quote", who))
        elif tags:
            who = resolve_speaker(d, tags[0][1], tags[0][2], mentions, previous)
            spans.append((lo, hi, "paraphrase", who))
        for start, end, kind, speaker in spans:
            number += 1
            who = speaker.actor if speaker else None
            lines = [f"- id: s{number:02d}", f"  speaker: {who or 'null'}"]
            if event_id:
                lines.append(f"  event: {event_id}")
            lines.append(f"  type: {kind}")
            lines += _quote_lines(d, start, end)
            slug = "-".join(re.findall(r"[a-z0-9]+", d.text[start:end].casefold())[:5])
            lines.append(f"  remark: {who + '-' if who else ''}{slug}")
            unsure = None
            note = None
            if speaker is None:
                unsure = "no speaker named next to the quotation (a scare quote has speaker null)"
            elif speaker.actor is None:
                unsure = f"the speech tag names {speaker.words!r}, whom the registries do not know"
                entry = (
                    f"actor spelling {speaker.words!r} (speaks in the text; registries/actors.yaml)"
                )
                if entry not in d.draft.to_add:
                    d.draft.to_add.append(entry)
            elif speaker.rule not in ASSERTED_RULES:
                unsure = f"speaker read from {speaker.words!r} by the {speaker.rule} rule"
            else:
                note = f"speaker: {speaker.rule} rule ({speaker.words!r})"
            d.draft.items.append(Item("statements", lines, unsure, note))
            if speaker is not None and speaker.actor is not None:
                previous = speaker.actor
