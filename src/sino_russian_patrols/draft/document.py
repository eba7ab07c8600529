"""The draft as a document: its items (an entry of one section, asserted or commented out
with the reason), the YAML text they make, and the quotes they hold, written so that the build
finds each in the article once (`occurrence` when a quote occurs more than once).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ..spans import occurrences

# the first line of a claim's entry, whose id the draft numbers: "- id: a01"
_CLAIM_ID = re.compile(r"- id: ([a-z])\d{2,}")


@dataclass
class Item:
    """One proposed entry: its YAML lines, and why it is commented out (None: asserted)."""

    section: str
    lines: list[str]
    unsure: str | None = None
    note: str | None = None


@dataclass
class Draft:
    source_id: str
    items: list[Item] = field(default_factory=list)
    to_add: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # registry entries the draft wrote
    date_phrases: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        """One line per section: how many proposals are asserted and how many commented
        out, so that the editor sees at once what is left to review."""
        counts: dict[str, list[int]] = {}
        for item in self.items:
            if item.section == "source":
                continue
            pair = counts.setdefault(item.section, [0, 0])
            pair[1 if item.unsure else 0] += 1
        return [
            f"# proposals: {section} {asserted} asserted, {commented} commented out"
            for section, (asserted, commented) in counts.items()
        ]

    def render(self) -> tuple[str, dict[int, int]]:
        """The YAML text, and for each line number the index of the item it belongs to."""
        out = [
            f"# Draft annotations for articles/{self.source_id}.txt, written by "
            "`sino-russian-patrols draft`.",
            "# Confirm, complete and correct every entry; commented entries are proposals the",
            "# draft was unsure of, each with the reason. Quotes are verbatim; `occurrence` counts",
            "# every start position of the quote in the article, 1 = first.",
        ]
        out.extend(self.summary())
        for entry in self.written:
            out.append(f"# registry entry written: {entry}")
        for entry in self.to_add:
            out.append(f"# registry entry to add: {entry}")
        if self.date_phrases:
            out.append("# date phrases in the article, as the date rules read them:")
            out.extend(f"#   {line}" for line in self.date_phrases)
        owner: dict[int, int] = {}
        section = None
        ids = self._claim_ids()
        for index, item in enumerate(self.items):
            if item.section != section:
                section = item.section
                out.append("")
                out.append(f"{section}:")
            if item.note:
                out.append(f"  # {item.note}")
            if item.unsure:
                out.append(f"  # unsure: {item.unsure}")
            for number, line in enumerate(item.lines):
                if number == 0 and index in ids:
                    line = f"- id: {ids[index]}"
                out.append(("  # " + line) if item.unsure else ("  " + line))
                owner[len(out)] = index
        return "\n".join(out) + "\n", owner

    def _claim_ids(self) -> dict[int, str]:
        """The claim ids (`a01`, `s02` ...) numbered in each section, the asserted entries
        first: the editor who keeps what the draft asserts keeps ids that run without gaps,
        and a commented entry taken in keeps an id of its own."""
        ids: dict[int, str] = {}
        counts: dict[str, int] = {}
        ordered = sorted(enumerate(self.items), key=lambda pair: pair[1].unsure is not None)
        for index, item in ordered:
            m = _CLAIM_ID.fullmatch(item.lines[0]) if item.lines else None
            if m is None:
                continue
            counts[item.section] = counts.get(item.section, 0) + 1
            ids[index] = f"{m.group(1)}{counts[item.section]:02d}"
        return ids


def claim_lines(
    claim_id: str,
    event: str | None,
    quote: str,
    country: str | None,
    operator: str | None,
    kind: str,
) -> list[str]:
    """The head of an aircraft or ship claim's entry: id, event, quote, country, operator
    and the type as the text writes it (the rest is each kind's own)."""
    lines = [
        f"- id: {claim_id}",
        f"  event: {event or 'NEW-EVENT-ID'}",
        f"  quote: {yaml_string(quote)}",
    ]
    if country is not None:
        lines.append(f"  country: {yaml_string(country)}")
    if operator is not None:
        lines.append(f"  operator: {operator}")
    lines.append(f"  type: {yaml_string(kind)}")
    return lines


def yaml_string(text: str) -> str:
    """A YAML double-quoted string (JSON escapes are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def quote_entry(text: str, start: int, end: int) -> str:
    """`{quote: ..., occurrence: N}` for text[start:end], with N only when needed."""
    quote = text[start:end]
    starts = occurrences(text, quote)
    if len(starts) == 1:
        return f"{{quote: {yaml_string(quote)}}}"
    return f"{{quote: {yaml_string(quote)}, occurrence: {starts.index(start) + 1}}}"


def quote_lines(text: str, start: int, end: int) -> list[str]:
    """The `quote:` line of an entry quoting text[start:end], and its `occurrence:` line when
    the quote occurs more than once."""
    quote = text[start:end]
    starts = occurrences(text, quote)
    lines = [f"  quote: {yaml_string(quote)}"]
    if len(starts) > 1:
        lines.append(f"  occurrence: {starts.index(start) + 1}")
    return lines


def keyed_quote(key: str, text: str, start: int, end: int) -> list[str]:
    """The lines of a quoted key: `quote:` with its `occurrence:` line (`quote_lines`), any
    other key as a plain string, or as `{quote: ..., occurrence: N}` when the words occur more
    than once."""
    if key == "quote":
        return quote_lines(text, start, end)
    if len(occurrences(text, text[start:end])) > 1:
        return [f"  {key}: {quote_entry(text, start, end)}"]
    return [f"  {key}: {yaml_string(text[start:end])}"]


# the capitalised words of a name before a word that opens one: "Security Council of "
_NAME_BEFORE = re.compile(r"(?:\b[A-Z][\w'’-]*\s+(?:of\s+(?:the\s+)?)?)+\Z")


def unique_before(text: str, start: int, end: int, limit: int) -> tuple[int, int] | None:
    """The shortest extension of text[start:end] by whole words before it, not before
    `limit`, that is unique in text: a date phrase is quoted with the words it dates, as the
    curated files quote it ("entered South Korean airspace on Tuesday"), not with the words
    after it ("on Tuesday, defence")."""
    lo = start
    for _ in range(12):
        if len(occurrences(text, text[lo:end])) == 1:
            if lo < start and text[lo].isupper():  # a name in full: "Qiu Guohong on ..."
                name = _NAME_BEFORE.search(text, limit, lo)
                lo = name.start() if name is not None else lo
            return lo, end
        space = text.rfind(" ", limit, max(limit, lo - 1))
        if space < limit or lo <= limit:
            return None
        lo = space + 1
    return None


def unique_around(text: str, start: int, end: int, limit: int) -> tuple[int, int] | None:
    """The shortest extension of text[start:end] by whole words that is unique in text."""
    lo, hi = start, end
    for _ in range(12):
        if len(occurrences(text, text[lo:hi])) == 1:
            return lo, hi
        nxt = text.find(" ", hi + 1)
        hi = min(limit, len(text) if nxt == -1 else nxt)
    return None
