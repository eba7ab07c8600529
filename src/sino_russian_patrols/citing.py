"""What every assembly step shares: the articles, the problems, and the evidence being cited.

A row is only as good as the spans it cites. `Citations` finds each quote in its article
(`spans.locate`), checks that a name is quoted as a whole word and not as part of a longer
name ("Russia" in "Russian", "Japan" in "Sea of Japan"), and records the evidence rows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .articles import Article
from .errors import Problems
from .spans import Span, line_at, locate
from .yamlreader import Quote

KEY_SEPARATOR = "/"


def is_word_at(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not glued to a letter or digit on either side."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def word_in(name: str, text: str) -> bool:
    """`name` occurs in `text` as a whole word (case-sensitive, as aliases are)."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


class NameIndex:
    """Where the registered names (actor and place spellings) occur in each text, so that a
    mention can be checked in one lookup: is it covered by a longer registered name?

    One pass of one regular expression per text: at each position the longest name wins, so
    "Sea of Japan" is found where "Japan" would be.
    """

    def __init__(self, names: list[str]) -> None:
        longest_first = sorted(set(names), key=len, reverse=True)
        self._pattern = (
            re.compile("|".join(map(re.escape, longest_first))) if longest_first else None
        )
        self._found: dict[int, list[tuple[int, int]]] = {}

    def covering(self, text: str, start: int, end: int) -> str | None:
        """The longer registered name that covers text[start:end], if any."""
        if self._pattern is None:
            return None
        key = id(text)
        if key not in self._found:
            self._found[key] = [m.span() for m in self._pattern.finditer(text)]
        for lo, hi in self._found[key]:
            if lo > start:
                break
            if hi >= end and hi - lo > end - start:
                return text[lo:hi]
        return None


@dataclass
class Citations:
    articles: dict[str, Article]
    problems: Problems
    names: NameIndex = field(default_factory=lambda: NameIndex([]))
    evidence: dict[tuple, dict[str, Any]] = field(default_factory=dict)
    mentioned: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # sources with an actor spelling the registry does not know, and the registered actor ids:
    # a known actor not mentioned there is most likely that spelling, already reported once
    unresolved: set[str] = field(default_factory=set)
    known_actors: set[str] = field(default_factory=set)
    places: dict[str, Any] = field(default_factory=dict)  # place spelling → registry entry

    def span(self, source_id: str, quote: Quote | None) -> Span | None:
        """The span of a quote in the article's body; a quote from the reader comments or
        page furniture below it (`Article.body_end`) is refused, whatever section it is in."""
        if quote is None:
            return None
        article = self.articles[source_id]
        span = locate(article.text, source_id, quote, self.problems)
        end = article.body_end
        if span is None or end is None or span.end <= end:
            return span
        furniture = article.text[end:].split("\n", 1)[0]
        self.problems.add(
            quote.file,
            quote.line,
            f"quote {quote.text!r} at line {line_at(article.text, span.start)} (offset "
            f"{span.start}) of {source_id} is in the reader-comment/furniture part of the "
            f"article, which begins at line {line_at(article.text, end)} ({furniture!r}): "
            "reader comments and page furniture are not data; quote the article itself",
        )
        return None

    def name_span(self, source_id: str, quote: Quote, what: str) -> Span | None:
        """The span of a name (an actor or place alias): a whole word, not part of a longer
        registered name that covers the same characters."""
        span = self.span(source_id, quote)
        if span is None:
            return None
        text = self.articles[source_id].text
        if not is_word_at(text, span.start, span.end):
            lo, hi = span.start, span.end
            while lo > 0 and text[lo - 1].isalnum():
                lo -= 1
            while hi < len(text) and text[hi].isalnum():
                hi += 1
            self.problems.add(
                quote.file,
                quote.line,
                f"{what} {quote.text!r} (occurrence {quote.occurrence or 1}) is part of the word "
                f"{text[lo:hi]!r} at offset {span.start} in {source_id}: choose the occurrence "
                "that stands as a word of its own",
            )
            return None
        name = self.names.covering(text, span.start, span.end)
        if name is not None:
            self.problems.add(
                quote.file,
                quote.line,
                f"{what} {quote.text!r} (occurrence {quote.occurrence or 1}) at offset "
                f"{span.start} in {source_id} is part of the name {name!r}: it is not a "
                "mention of its own; choose another occurrence or quote the longer name",
            )
            return None
        return span

    def cite(self, table: str, record_id: str, span: Span | None) -> None:
        if span is None:
            return
        key = (table, record_id, span.source_id, span.start, span.end)
        self.evidence[key] = {
            "record_table": table,
            "record_id": record_id,
            "source_id": span.source_id,
            "char_start": span.start,
            "char_end": span.end,
            "quote": span.quote,
        }

    def check_mentioned(
        self, source_id: str, actor: str | None, what: str, file: str, line: int | None
    ) -> bool:
        if actor is not None and actor not in self.mentioned[source_id]:
            if actor in self.known_actors and source_id in self.unresolved:
                return False  # one unknown spelling gives one error, not a cascade
            self.problems.add(
                file,
                line,
                f"{what} {actor!r} is not mentioned in {source_id}: unknown actor id, or add its "
                "mention under `actors:` in this file",
            )
            return False
        return True


def registry_index(entries: list[Any], what: str, problems: Problems) -> dict[str, Any]:
    """alias → entry, checking that ids and aliases are unique."""
    by_id: dict[str, Any] = {}
    by_alias: dict[str, Any] = {}
    for e in entries:
        if e.id in by_id:
            problems.add(
                e.file, e.line, f"duplicate {what} id {e.id!r} (also line {by_id[e.id].line})"
            )
        by_id[e.id] = e
        for alias in e.aliases:
            other = by_alias.get(alias)
            if other is not None and other.id != e.id:
                problems.add(
                    e.file, e.line, f"alias {alias!r} belongs to both {other.id!r} and {e.id!r}"
                )
            by_alias[alias] = e
    return by_alias


def resolve_alias(
    index: dict[str, Any], quote: Quote, what: str, registry: str, problems: Problems
) -> Any:
    entry = index.get(quote.text)
    if entry is None:
        close = [a for a in index if a.casefold() == quote.text.casefold()]
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        problems.add(
            quote.file,
            quote.line,
            f"unknown {what} spelling {quote.text!r}{hint}: add it to the aliases of the right "
            f"entry in {registry}",
        )
    return entry


def cite_place(
    cite: Citations, source_id: str, quote: Quote, used: set[str]
) -> tuple[str, Span] | None:
    """Resolve a place named in a source, check it is a name of its own, cite it for the
    place's row and record it as used; None (with the problem recorded) when it cannot be."""
    place = resolve_alias(cite.places, quote, "place", "registries/places.yaml", cite.problems)
    span = cite.name_span(source_id, quote, "place")
    if place is None or span is None:
        return None
    used.add(place.id)
    cite.cite("places", place.id, span)
    return place.id, span
