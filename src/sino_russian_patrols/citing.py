"""What every build step shares: the articles, the problems, and the evidence being cited.

A row is only as good as the spans it cites. `Citations` finds each quote in its article
(`spans.locate`), checks that a name is quoted as a whole word and not as part of a longer
name ("Russia" in "Russian", "Japan" in "Sea of Japan"), and records the evidence rows of one
step. The checks every attributed claim shares (its values written in its words, whoever it is
attributed to named there) are here too, so that each step applies the same rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .articles import Article
from .errors import Problems
from .normalize import find_word, word_in_text
from .spans import Span, line_at, locate
from .yamlreader import Quote

KEY_SEPARATOR = "/"


def is_word_at(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not glued to a letter or digit on either side."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


word_in = word_in_text  # `name` occurs in `text` as a whole word (normalize.find_word)


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
        # the spans found in each text, by the text's id; the text is kept with them, so that
        # a text read later at the address of one freed since is never given its spans
        self._found: dict[int, tuple[str, list[tuple[int, int]]]] = {}

    def covering(self, text: str, start: int, end: int) -> str | None:
        """The longer registered name that covers text[start:end], if any."""
        if self._pattern is None:
            return None
        key = id(text)
        if key not in self._found or self._found[key][0] is not text:
            self._found[key] = (text, [m.span() for m in self._pattern.finditer(text)])
        for lo, hi in self._found[key][1]:
            if lo > start:
                break
            if hi >= end and hi - lo > end - start:
                return text[lo:hi]
        return None


@dataclass
class Citations:
    """One step's quoting: the spans it locates and the evidence rows it cites."""

    articles: Mapping[str, Article]
    problems: Problems
    names: NameIndex = field(default_factory=lambda: NameIndex([]))
    places: Mapping[str, Any] = field(default_factory=dict)  # place spelling → registry entry
    evidence: dict[tuple, dict[str, Any]] = field(default_factory=dict)

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
            "quote_below_body",
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
                "name_part_of_word",
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
                "name_part_of_name",
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


def registry_index(entries: list[Any], what: str, problems: Problems) -> dict[str, Any]:
    """alias → entry, checking that ids and aliases are unique."""
    by_id: dict[str, Any] = {}
    by_alias: dict[str, Any] = {}
    for e in entries:
        if e.id in by_id:
            problems.add(
                e.file,
                e.line,
                "duplicate_id",
                f"duplicate {what} id {e.id!r} (also line {by_id[e.id].line})",
            )
        by_id[e.id] = e
        for alias in e.aliases:
            other = by_alias.get(alias)
            if other is not None and other.id != e.id:
                problems.add(
                    e.file, e.line, "alias_shared", alias=alias, other=other.id, entry=e.id
                )
            by_alias[alias] = e
    return by_alias


def resolve_alias(
    index: Mapping[str, Any], quote: Quote, what: str, registry: str, problems: Problems
) -> Any:
    entry = index.get(quote.text)
    if entry is None:
        close = [a for a in index if a.casefold() == quote.text.casefold()]
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        problems.add(
            quote.file,
            quote.line,
            "unknown_alias",
            what=what,
            quote=quote.text,
            hint=hint,
            registry=registry,
        )
    return entry


def cite_place(cite: Citations, source_id: str, quote: Quote) -> tuple[str, Span] | None:
    """Resolve a place named in a source, check it is a name of its own and cite it for the
    place's row (which marks the place as used); None (with the problem recorded) when it
    cannot be."""
    place = resolve_alias(cite.places, quote, "place", "registries/places.yaml", cite.problems)
    span = cite.name_span(source_id, quote, "place")
    if place is None or span is None:
        return None
    cite.cite("places", place.id, span)
    return place.id, span


def spans_of(cite: Citations, source_id: str, quotes: list[Quote | None]) -> list[Span] | None:
    """The spans of a claim's quotes (None for an absent one); None when one is not found."""
    found = [cite.span(source_id, q) for q in quotes if q is not None]
    return None if any(s is None for s in found) else [s for s in found if s is not None]


def word_span(spans: list[Span], name: str) -> Span | None:
    """The first place `name` stands as a whole word in one of `spans`, as a span of its own
    (a ship's name inside the claim's words), or None."""
    for s in spans:
        found = find_word(name, s.quote)
        if found:
            return Span(s.source_id, s.start + found.start(), s.start + found.end(), name)
    return None


def written_in(
    spans: list[Span], value: str, key: str, what: str, quote: Quote, problems: Problems
) -> bool:
    """A value an editor writes (country, type, count…) must be written in the claim's spans."""
    if any(value in s.quote for s in spans):
        return True
    quotes = " / ".join(repr(s.quote) for s in spans)
    problems.add(
        quote.file, quote.line, "value_not_written", what=what, key=key, value=value, quotes=quotes
    )
    return False


def named_in(
    spans: list[Span],
    actor: str | None,
    aliases: Mapping[str, tuple[str, ...]],
    what: str,
    quote: Quote,
    problems: Problems,
) -> bool:
    """Whoever a claim is attributed to must be named in one of its spans."""
    if actor is None or actor not in aliases:
        return True
    if any(word_in(alias, s.quote) for s in spans for alias in aliases[actor]):
        return True
    problems.add(
        quote.file,
        quote.line,
        "attribution_not_named",
        f"{what}: {actor!r} is not named in the claim's words; add `attribution:` with the "
        f"words that say whose claim it is (such as 'according to …', '… said'), naming one of: "
        f"{', '.join(aliases[actor])}",
    )
    return False
