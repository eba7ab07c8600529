"""The `source:` section of an annotation file: what the article is, and when it was published.

It gives the source's type, title, publisher and wire agency as quotes of the article, its
publication date (`published_date`, stated in the text, from the dateline or the archive
record, or inferred with a note) and the year that dates its relative phrases when the text
gives none (`context_year`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import Problems, shown
from ..yamlreader import Reader, item_reader
from .records import PublishedDate, SourceMeta
from .values import Vocabularies

__all__ = ["read_source"]

# The bases of a publication date that `from:` does not name, as they are written otherwise:
# `stated` is a `quote` alone, `inferred` a `value`, `unknown` no published_date at all.
NOT_FROM = ("stated", "inferred", "unknown")


def _read_published(
    raw: Any, file: str, problems: Problems, line: int | None, vocab: Vocabularies
) -> PublishedDate | None:
    keys = {"quote", "occurrence", "from", "value", "basis", "note"}
    p = item_reader(raw, file, "source.published_date", problems, keys, line)
    if p is None:
        return None
    origin = p.choice("from", vocab.schema_dir, required=False, written_otherwise=NOT_FROM)
    if origin is None and p.data.get("from") is not None:
        return None  # reported: a mistyped `from` says nothing more about the date
    if "quote" in p.data:
        quote = p.quote("quote", required=True, occurrence_key="occurrence")
        if origin not in (None, "dateline"):
            p.error(
                "published_date_form",
                "`quote` goes with `from: dateline` or with no `from` (stated in the text)",
            )
            return None
        return PublishedDate(origin or "stated", quote, None, p.get("note", str)) if quote else None
    if origin is not None:
        if origin == "dateline":
            p.error("published_date_form", "`from: dateline` needs the dateline as `quote`")
            return None
        return PublishedDate(origin, None, None, p.get("note", str))
    value = p.data.get("value")
    date = None
    if isinstance(value, str):
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            date = None
    if date is None:
        p.error(
            "published_date_form",
            f"{value!r} is not a date; give `quote` (stated in the text), `quote` with "
            "`from: dateline`, `from: page_record`, `from: url`, or `value` as YYYY-MM-DD "
            "with `basis: inferred` and a `note`",
            at="value",
        )
        return None
    basis = p.choice("basis", vocab.schema_dir)
    if basis not in (None, "inferred"):
        p.error(
            "published_date_form",
            f"`basis` of a `value` is `inferred`, not {shown(basis)}",
            at="basis",
        )
        basis = None
    note = p.get("note", str, required=True)
    return PublishedDate("inferred", None, date, note) if basis and note else None


def read_source(data: Any, file: str, problems: Problems, vocab: Vocabularies) -> SourceMeta:
    """The `source:` section; a wrong value is reported at its line and left out."""
    r = Reader(data, file, "source", problems, 1)
    r.check_keys(
        {
            "source_type",
            "title",
            "title_occurrence",
            "publisher",
            "wire",
            "published_date",
            "context_year",
        }
    )
    published = None
    if r.data.get("published_date") is not None:
        published = _read_published(
            r.data["published_date"], file, problems, r.line_of("published_date"), vocab
        )
    context_year = context_note = None
    if r.data.get("context_year") is not None:
        c = Reader(
            r.data["context_year"], file, "source.context_year", problems, r.line_of("context_year")
        )
        c.check_keys({"year", "note"})
        context_year = c.number("year", vocab.year, required=True)
        context_note = c.get("note", str, required=True)
    return SourceMeta(
        source_type=r.choice("source_type", vocab.schema_dir) or "news_report",
        title=r.quote("title", occurrence_key="title_occurrence"),
        publisher=r.quote("publisher"),
        wire=r.quote("wire"),
        published=published,
        context_year=context_year,
        context_note=context_note,
    )
