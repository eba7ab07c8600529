"""A count's span is no wider than its claim: the count is the number that governs the claim's
words in its own span, not any number the span reaches.

`evidence_claim` asks only that some span of a counted claim write the number. A forger who
changes a count can then widen the span until it reaches a number of the new value: "two
Chinese H-6K bombers, and four" claiming four, or a span stretched back over another claim
("two Russian Tu-95 bombers and Chinese H-6K bombers" giving the H-6K a count). The build
never cites so: a claim's words are its count phrase, a few words that qualify the aircraft
or ships, and its `type_as_reported`. So in every span that writes the type, the count
phrase that governs it is the last number before it, with no other claim's type between
them (the words of another claim: "two Russian Tu-95 bombers and Chinese H-6K"), and the
claim's count is that number.

One span may hold several numbers and other claims' words after the type: a total cites the
parts it lists ("a total of four aircraft - two ... and two Russian bombers"), and claims of
one list cite the list up to their own words ("... 21 fixed-wing aircraft and helicopters,
and three ships"). A partitive names the whole before the part: in "Of the 10 vessels ...,
nine were" and "nine of the 10 vessels" the claim counts nine, so after "of the N <type>" the
count may be the number just before "of the" or the first one after the type.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ...normalize import count_words, word_in_text
from ..report import MAX_EXAMPLES, Report, message, show
from .derived import record_spans

if TYPE_CHECKING:
    from . import Tables

_COUNTED = (("aircraft", "aircraft_id"), ("ship_claims", "ship_claim_id"))
_OF_THE = re.compile(r"(?<!\w)of\s+the\s+$", re.IGNORECASE)  # "of the " ending a text


def count_spans(report: Report, tables: Tables) -> None:
    """Each counted aircraft or ship claim: its count governs its type in each span that
    writes the type (see the module's docstring)."""
    frames = tables.frames
    spans = record_spans(frames)
    if spans is None:
        return
    needed = {"count", "type_as_reported", "source_id"}
    claims = {
        (table, key): frame
        for table, key in _COUNTED
        if (frame := frames.get(table)) is not None and needed | {key} <= set(frame.columns)
    }
    types: dict[str, set[str]] = defaultdict(set)  # source: the types its claims report
    for frame in claims.values():
        for source, reported in frame.select("source_id", "type_as_reported").iter_rows():
            if reported:
                types[source].add(reported)
    for (table, key), frame in claims.items():
        found = 0
        for row in frame.drop_nulls(["count", "type_as_reported"]).iter_rows(named=True):
            quotes = spans.get((table, row[key]), [])
            why = _wrong(row, quotes, types.get(row["source_id"], set()), table == "ship_claims")
            if why is None:
                continue
            found += 1
            if found <= MAX_EXAMPLES:
                report.add(table, "count_span", why, "count", row[key])


def _wrong(row: dict[str, Any], quotes: list[str], types: set[str], own: bool) -> str | None:
    """Why the claim's count is not the number that governs its type in its spans, or None.

    `own`: report a claim none of whose spans writes its type (for aircraft claims
    `evidence_claim` reports that already).
    """
    reported = row["type_as_reported"]
    word = re.compile(rf"(?<!\w){re.escape(reported)}(?!\w)")
    cited = [q for q in quotes if word.search(q)]
    if not cited:
        return message("count_span", "unwritten", type=show(reported)) if own else None
    others = sorted(t for t in types if t != reported)
    for quote in cited:
        numbers = count_words(quote)
        for at in word.finditer(quote):
            why = _at(row["count"], reported, quote, numbers, at, others)
            if why is not None:
                return why
    return None


def _at(
    count: int,
    reported: str,
    quote: str,
    numbers: list[tuple[int, int, int]],
    at: re.Match[str],
    others: list[str],
) -> str | None:
    """Why `count` is not the number that governs the type standing at `at` in `quote`."""
    fields: dict[str, Any] = {"count": count, "type": show(reported), "quote": show(quote)}
    before = [n for n in numbers if n[1] <= at.start()]
    if not before:
        return message("count_span", "none", **fields)
    fields["number"] = before[-1][2]
    between = quote[before[-1][1] : at.start()].casefold()
    crossed = next((t for t in others if word_in_text(t.casefold(), between)), None)
    if crossed is not None:
        return message("count_span", "crossed", other=show(crossed), **fields)
    if count not in _governing(quote, numbers, before[-1], at.end()):
        return message("count_span", "governs", **fields)
    return None


def _governing(
    quote: str, numbers: list[tuple[int, int, int]], last: tuple[int, int, int], after: int
) -> set[int]:
    """The counts a claim may give whose type ends at `after`, `last` the number before it:
    that number, or in a partitive ("nine of the 10 vessels", "Of the 10 vessels, nine")
    the part: the number just before "of the", or the first number after the type."""
    start, _, number = last
    allowed = {number}
    if _OF_THE.search(quote[:start]):
        part = [n for n in numbers if n[1] <= start]
        if part and re.fullmatch(r"\s+of\s+the\s+", quote[part[-1][1] : start], re.IGNORECASE):
            allowed.add(part[-1][2])
        later = [n for n in numbers if n[0] >= after]
        if later:
            allowed.add(later[0][2])
    return allowed
