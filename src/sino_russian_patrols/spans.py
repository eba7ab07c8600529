"""Locate quotes in article texts: offsets are found by code, never typed by hand."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .errors import Problems
from .yamlreader import Quote


@dataclass(frozen=True)
class Span:
    """`text[start:end] == quote`, offsets in Unicode code points, end exclusive."""

    source_id: str
    start: int
    end: int
    quote: str


def occurrences(text: str, quote: str, /) -> list[int]:
    """Every start position of `quote` in `text`, overlapping ones included."""
    found, i = [], text.find(quote)
    while i != -1:
        found.append(i)
        i = text.find(quote, i + 1)
    return found


def _fold(s: str) -> str:
    """Loose form used only to explain a miss: quotes, dashes, spaces and case folded."""
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"[\u2018\u2019\u201b`]", "'", s)
    s = re.sub(r"[\u201c\u201d\u201e]", '"', s)
    s = re.sub(r"[\u2010-\u2015]", "-", s)
    return re.sub(r"\s+", " ", s).casefold()


# One character for one: Cyrillic look-alikes, quotation marks, dashes and spaces.
_ONE_FOR_ONE = str.maketrans(
    {
        **dict(zip("АВЕКМНОРСТХУаеорсхукм", "ABEKMHOPCTXYaeopcxykm", strict=True)),
        **dict.fromkeys("\u2018\u2019\u201b`", "'"),
        **dict.fromkeys("\u201c\u201d\u201e", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u00a0\u2009\u202f", " "),
    }
)


def _fold_chars(s: str) -> str:
    """Look-alike letters, quotation marks, dashes and spaces folded and case ignored, one
    character for one, so that an offset in the folded text is an offset in the original."""
    return "".join(c.casefold() if len(c.casefold()) == 1 else c for c in s.translate(_ONE_FOR_ONE))


def _differs(text: str, quote: str) -> str:
    """Where the article has the quote but for look-alike characters: which one differs."""
    at = _fold_chars(text).find(_fold_chars(quote))
    if at == -1:
        return ""
    for i, (mine, theirs) in enumerate(zip(quote, text[at : at + len(quote)], strict=True)):
        if mine != theirs:
            return (
                f" (it is at line {line_at(text, at)}, offset {at}, but character {i + 1} "
                f"differs: the quote has {mine!r} ({unicodedata.name(mine, hex(ord(mine)))}), "
                f"the article {theirs!r} ({unicodedata.name(theirs, hex(ord(theirs)))}); copy "
                f"it exactly, in YAML as \\u{ord(theirs):04x} inside double quotes)"
            )
    return ""


def line_at(text: str, offset: int, /) -> int:
    return text.count("\n", 0, offset) + 1


def locate(text: str, source_id: str, quote: Quote, problems: Problems, /) -> Span | None:
    """Find `quote` in `text`; record a problem naming the file and line when it cannot."""
    starts = occurrences(text, quote.text)
    if not starts:
        hint = _differs(text, quote.text)
        if not hint and _fold(quote.text) in _fold(text):
            hint = (
                " (it is there with different quotation marks, dashes, spaces or case: "
                "copy the characters exactly from the article)"
            )
        problems.add(
            quote.file, quote.line, "quote_not_found", source=source_id, quote=quote.text, hint=hint
        )
        return None
    if quote.occurrence is None and len(starts) > 1:
        where = ", ".join(f"line {line_at(text, s)} (offset {s})" for s in starts)
        problems.add(
            quote.file,
            quote.line,
            "quote_ambiguous",
            f"quote is ambiguous in {source_id}: {quote.text!r} occurs {len(starts)} times, at "
            f"{where}; add `occurrence: N` (1 to {len(starts)}) or quote more words",
        )
        return None
    index = (quote.occurrence or 1) - 1
    if index >= len(starts):
        problems.add(
            quote.file,
            quote.line,
            "quote_occurrence",
            occurrence=quote.occurrence,
            quote=quote.text,
            source=source_id,
            count=len(starts),
        )
        return None
    start = starts[index]
    return Span(source_id, start, start + len(quote.text), quote.text)
