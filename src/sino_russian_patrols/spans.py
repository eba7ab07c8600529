"""Locate quotes in article texts: offsets are found by code, never typed by hand."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .yamlreader import Quote
from .errors import Problems


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


def line_at(text: str, offset: int, /) -> int:
    return text.count("\n", 0, offset) + 1


def locate(text: str, source_id: str, quote: Quote, problems: Problems, /) -> Span | None:
    """Find `quote` in `text`; record a problem naming the file and line when it cannot."""
    starts = occurrences(text, quote.text)
    if not starts:
        hint = ""
        if _fold(quote.text) in _fold(text):
            hint = (
                " (it is there with different quotation marks, dashes, spaces or case: "
                "copy the characters exactly from the article)"
            )
        problems.add(
            quote.file, quote.line, f"quote not found in {source_id}: {quote.text!r}{hint}"
        )
        return None
    if quote.occurrence is None and len(starts) > 1:
        where = ", ".join(f"line {line_at(text, s)} (offset {s})" for s in starts)
        problems.add(
            quote.file,
            quote.line,
            f"quote is ambiguous in {source_id}: {quote.text!r} occurs {len(starts)} times, at "
            f"{where}; add `occurrence: N` (1 to {len(starts)}) or quote more words",
        )
        return None
    index = (quote.occurrence or 1) - 1
    if index >= len(starts):
        problems.add(
            quote.file,
            quote.line,
            f"occurrence {quote.occurrence} of {quote.text!r} asked, but {source_id} has only "
            f"{len(starts)}",
        )
        return None
    start = starts[index]
    return Span(source_id, start, start + len(quote.text), quote.text)
