"""What the drafter learns from the curated annotations of the project it drafts in, so that
every article added makes the next draft better. A draft never learns from the article it
drafts: that article's own annotation, if there is one, is left out.

- The speech verbs the curated remarks are tagged with ("..., the statement read", "USNI
  pointed out that ..."), beside `patterns.SPEECH_VERBS`: the verb right after the curated
  speaker's name (or the words the file gives as `speaker_as_reported`, or "it", "he", "the
  statement") where a speech tag stands: after a closing quotation mark, at the end of the
  sentence, or before "that".
- How often each rule of the remarks proposer reads the curated remark (the same speaker, a
  span overlapping the curated one by at least half of their union): the measure that decides
  whether the draft asserts what a rule reads (Snorkel's empirical accuracy of a labeling
  function, on the curated files as the development set). Each curated article is read as it
  was when it was new: the registries without the spellings that no other article writes and
  without the actors that no other annotation names, as a new article's draft reads them.
- The remarks the curated files code, with their ids: the same remark reported by another
  source shares its `remark` id (build/README.md, "One remark per speaker"), so a drafted
  remark of the same speaker in nearly the same words takes that id.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..citing import NameIndex
from ..normalize import find_word
from ..spans import occurrences
from .document import Draft
from .patterns import SPEECH_VERBS, sentences

if TYPE_CHECKING:
    from ..articles import Article
    from ..registries import ActorEntry, Registries
    from ..yamlreader import Quote
    from .proposals import Drafter

# a rule is asserted when its precision on the curated files, counted with one right and one
# wrong proposal more (Laplace's rule of succession: 2 of 2 gives 0.75, 1 of 1 only 0.67, and
# 80 of 100 gives 0.79), is at least this
CONFIRMED_PRECISION = 0.75
# words that stand after a subject and are no speech verb ("the ministry will", "it has")
_NOT_A_VERB = frozenset(
    (
        "will", "would", "can", "could", "may", "might", "must", "shall", "should", "has",
        "have", "had", "is", "are", "was", "were", "be", "been", "did", "does", "do", "and",
        "or", "but", "also",
    )
)  # fmt: skip
# a drafted remark takes the id of a curated remark of its speaker in another source whose
# words overlap its own by this much (word Jaccard), or by the second when both are of one
# event (measured on the curated files, leave-one-out: at 0.5, 18 right of 19; at 0.4 with
# the same event, 8 of 8)
SAME_WORDS = 0.5
SAME_WORDS_SAME_EVENT = 0.4
# or by this much, when one source names the state and another its body (001 and 000: "China",
# "The Chinese foreign ministry", in the same words)
SAME_WORDS_KIN = 0.8
_POINTING_BACK = ("it", "he", "she", "they", "the statement", "the report")


@dataclass(frozen=True)
class CuratedRemark:
    """A remark a curated statement codes: who said it, of which event, its words, its id."""

    speaker: str
    event: str | None
    words: frozenset[str]
    remark: str


@dataclass(frozen=True)
class CuratedArticle:
    """One curated article as the drafter reads it, and its curated statements
    (start, end, speaker, the words `speaker_as_reported` quotes)."""

    view: Drafter
    statements: tuple[tuple[int, int, str | None, str | None], ...]
    remarks: tuple[CuratedRemark, ...] = ()


@dataclass
class Corpus:
    """The speech verbs and the measure of each remark rule that the curated files give."""

    verbs: tuple[str, ...] = SPEECH_VERBS
    rules: dict[str, tuple[int, int]] = field(default_factory=dict)  # rule: (right, proposed)
    remarks: tuple[CuratedRemark, ...] = ()  # the remarks the other curated files code

    @classmethod
    def of(cls, d: Drafter) -> Corpus:
        articles = curated_articles(d)
        verbs = speech_verbs(articles)
        remarks = tuple(r for a in articles for r in a.remarks)
        return cls(verbs, measure_rules(articles, verbs), remarks)

    def remark_of(
        self,
        speaker: str | None,
        event: str | None,
        words: str,
        kin: frozenset[str] = frozenset(),
    ) -> str | None:
        """The id another source's curated file gives the same remark: one of the same
        speaker, of an event of the same month, whose words overlap these (word Jaccard) by
        at least `SAME_WORDS`, or by `SAME_WORDS_SAME_EVENT` when it is of the same event;
        or of a speaker in `kin` (the state, where one source names its ministry: "China"
        and "the Chinese foreign ministry") by at least `SAME_WORDS_KIN`; the most
        overlapping, when no other remark id overlaps as much. None when no remark is close
        enough."""
        mine = remark_words(words)
        if speaker is None or not mine:
            return None
        scored: dict[str, float] = {}
        for r in self.remarks:
            if r.speaker != speaker and r.speaker not in kin:
                continue
            if not _same_time(event, r.event):
                continue
            overlap = len(mine & r.words) / len(mine | r.words)
            least = SAME_WORDS_SAME_EVENT if event is not None and r.event == event else SAME_WORDS
            least = least if r.speaker == speaker else SAME_WORDS_KIN
            if overlap >= least:
                scored[r.remark] = max(overlap, scored.get(r.remark, 0.0))
        ranked = sorted(scored.items(), key=lambda kv: -kv[1])
        if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return ranked[0][0]

    def confirms(self, rule: str) -> bool:
        right, proposed = self.rules.get(rule, (0, 0))
        return (right + 1) / (proposed + 2) >= CONFIRMED_PRECISION

    def measure(self, rule: str) -> str:
        right, proposed = self.rules.get(rule, (0, 0))
        if not proposed:
            return "never proposed on the curated files"
        return f"right for {right} of {proposed} on the curated files"


def _view(d: Drafter, article: Article, registries: Registries) -> Drafter:
    """The drafter as it reads another article: that article's text, and the registries
    given (as they stood when that article was new)."""
    from . import source

    view = copy.copy(d)
    view.registries = registries
    view.names = NameIndex([a for e in (*registries.actors, *registries.places) for a in e.aliases])
    view.source_id = article.source_id
    view.article = article
    view.text = article.text
    view.end = len(article.text) if article.body_end is None else article.body_end
    view.skip = []
    view.draft = Draft(article.source_id)
    title = article.archive.title
    first = article.text.find(title) if title else -1
    view.headline = (first, first + len(title)) if title and first != -1 else (0, 0)
    source.published_date(view)  # the dateline is no mention
    return view


def _span(text: str, quote: Quote | None) -> tuple[int, int] | None:
    if quote is None:
        return None
    starts = occurrences(text, quote.text)
    n = (quote.occurrence or 1) - 1
    return (starts[n], starts[n] + len(quote.text)) if 0 <= n < len(starts) else None


def curated_articles(d: Drafter) -> list[CuratedArticle]:
    """The curated articles of the project the drafter drafts in, but the one it drafts."""
    from ..errors import Problems
    from ..steps import read_inputs

    inputs = read_inputs(d.root, Problems())
    annotations = [
        a
        for a in inputs.annotations
        if a.source_id != d.source_id and a.source_id in inputs.articles
    ]
    texts = {sid: article.text for sid, article in inputs.articles.items()}
    written = {
        alias: {sid for sid, text in texts.items() if find_word(alias, text)}
        for e in d.registries.actors
        for alias in e.aliases
    }
    named: dict[str, set[str]] = {}  # actor: the annotations that name it
    for a in annotations:
        for quote in a.actors:
            entry = inputs.actor_index.get(quote.text)
            if entry is not None:
                named.setdefault(entry.id, set()).add(a.source_id)
    found = []
    for a in annotations:
        registries = dataclasses.replace(
            d.registries, actors=_as_new(d.registries.actors, a.source_id, written, named)
        )
        view = _view(d, inputs.articles[a.source_id], registries)
        statements, remarks = [], []
        for st in a.statements:
            span = _span(view.text, st.quote)
            if span is None:
                continue
            reported = st.speaker_as_reported.text if st.speaker_as_reported else None
            statements.append((*span, st.speaker, reported))
            if st.speaker is not None:
                words = remark_words(st.quote.text)
                remarks.append(CuratedRemark(st.speaker, st.event, words, st.remark))
        found.append(CuratedArticle(view, tuple(statements), tuple(remarks)))
    return found


def _same_time(event: str | None, other: str | None) -> bool:
    """Whether two events (either unknown) may be the occasion of one remark: a remark is
    made once, so reports of it are of events of one month (event ids open with the year and
    month they were held in: "2024-07-24-norad-intercept", "2024-07-22-pentagon-arctic-report")."""
    if event is None or other is None:
        return True
    return event[:7] == other[:7]


def remark_words(text: str) -> frozenset[str]:
    """The words of a remark as the remark ids are matched: casefolded letters and digits."""
    return frozenset(re.findall(r"[a-z0-9]+", text.casefold()))


def _as_new(
    actors: list[ActorEntry],
    source_id: str,
    written: dict[str, set[str]],
    named: dict[str, set[str]],
) -> list[ActorEntry]:
    """The actors as they were registered before `source_id` was added: without the actors
    only its annotation names, and without the spellings only its text writes (the first
    spelling stays when none other does)."""
    kept = []
    for e in actors:
        if named.get(e.id) == {source_id}:
            continue
        aliases = tuple(a for a in e.aliases if written.get(a, set()) - {source_id})
        kept.append(dataclasses.replace(e, aliases=aliases or e.aliases[:1]))
    return kept


def speech_verbs(articles: list[CuratedArticle]) -> tuple[str, ...]:
    """SPEECH_VERBS and the verbs the curated remarks' speech tags use."""
    learned: list[str] = []
    for article in articles:
        d = article.view
        aliases = {e.id: e.aliases for e in d.registries.actors}
        spans = sentences(d.text, 0, d.end)
        for start, end, speaker, reported in article.statements:
            around = [s for s in spans if s[0] < end and start < s[1]]
            if not around:
                continue
            lo, hi = around[0][0], around[-1][1]
            names = [*aliases.get(speaker or "", ()), *([reported] if reported else [])]
            names += [*_POINTING_BACK, *(n.capitalize() for n in _POINTING_BACK)]
            subject = "(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + ")"
            verb = r"(?:also\s+)?(?P<verb>[a-z]+)\b(?!\s+by\b)"
            sentence = d.text[lo:hi]
            for pattern in (
                rf"[”\"]\s+{subject}\s+{verb}",  # '..." the statement read'
                rf",\s+{subject}\s+{verb}[^,;”\"]*$",  # ', the ministry said on Monday.'
                rf"(?:^|[,—]\s+){subject}\s+{verb}(?:\s+out)?\s+that\b",  # 'USNI pointed out that'
            ):
                for m in re.finditer(pattern, sentence):
                    word = m.group("verb")
                    if word not in _NOT_A_VERB and word not in SPEECH_VERBS:
                        learned.append(word)
    return SPEECH_VERBS + tuple(dict.fromkeys(learned))


def measure_rules(
    articles: list[CuratedArticle], verbs: tuple[str, ...]
) -> dict[str, tuple[int, int]]:
    """For each speaker rule of the remarks proposer: (remarks it reads that a curated
    statement confirms, remarks it reads) over the curated articles."""
    from .remarks import Reader

    counts: dict[str, list[int]] = {}
    for article in articles:
        free = list(article.statements)
        for r in Reader(article.view, verbs).read():
            pair = counts.setdefault(r.rule, [0, 0])
            pair[1] += 1
            for curated in free:
                a, b, speaker = curated[:3]
                overlap = min(b, r.end) - max(a, r.start)
                union = max(b, r.end) - min(a, r.start)
                if speaker == r.speaker.actor and overlap > 0 and overlap * 2 >= union:
                    free.remove(curated)
                    pair[0] += 1
                    break
    return {rule: (right, proposed) for rule, (right, proposed) in counts.items()}
