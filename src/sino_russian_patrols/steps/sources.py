"""The sources: one row per archived article, with its publication date and its basis.

Reads the articles and each annotation's `source:` section. A publication date is stated in
the text, read from a dateline, taken from the archive record or the page's URL, or inferred
from context; it anchors the source's relative dates ("on Tuesday", "last week"), which the
events and statements steps resolve.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from .. import dates
from ..annotations import Annotation
from ..articles import Article
from ..citing import Citations, resolve_alias
from .base import Done, Inputs, Row, StepOutput


@dataclass(frozen=True)
class SourcesOutput(StepOutput):
    anchors: Mapping[str, dates.Anchor | None]  # source id → what its relative dates count from
    published: Mapping[str, dt.date | None]  # source id → its publication date


def _published(
    a: Annotation, article: Article, cite: Citations
) -> tuple[dt.date | None, str, str | None, dates.Anchor | None]:
    """The publication date, its basis and note, and the anchor of the source's relative dates."""
    meta, record = a.meta, article.archive
    pub = meta.published
    if pub is None:
        return None, "unknown", None, None
    problems = cite.problems
    if pub.origin in ("stated", "dateline"):
        span = cite.span(a.source_id, pub.quote)
        if span is None:
            return None, "unknown", None, None
        try:
            if pub.origin == "stated":
                date = dates.parse_stated(span.quote)
                if date is None:
                    raise ValueError(f"no full date (day, month, year) in {span.quote!r}")
                note = f"Stated in the text: {span.quote!r}."
            else:
                date, note = _dateline(span.quote, article)
        except ValueError as exc:
            problems.add(a.file, pub.quote.line, "published_date", f"published_date: {exc}")
            return None, "unknown", None, None
        derived, description = "stated", f"the {pub.origin} publication date"
    elif pub.origin == "page_record":
        date = record.page_date
        if date is None:
            problems.add(
                a.file, 1, "published_date", "published_date: the archive record has no page_date"
            )
            return None, "unknown", None, None
        note = f"The archived page carried the date {date.isoformat()}; the text gives none."
        derived, description = "stated", "the publication date the archived page carried"
    elif pub.origin == "url":
        date = dates.date_from_url(record.url or "")
        if date is None:
            problems.add(
                a.file,
                1,
                "published_date",
                f"published_date: no date in the archive url {record.url!r}",
            )
            return None, "unknown", None, None
        note = f"The text and the page give no date; the page's URL has {date.isoformat()}."
        derived, description = "stated", "the publication date in the page's URL"
    else:
        date, note = pub.value, pub.note
        derived = "context"
        description = f"the publication date inferred from context ({(note or '').rstrip('.')})"
    if article.received is not None and date > article.received:
        line = pub.quote.line if pub.quote else 1
        problems.add(
            a.file,
            line,
            "published_after_received",
            f"published_date {date.isoformat()} is after {article.filename} was received "
            f"({article.received.isoformat()}, build/articles/manifest.yaml); a page is "
            "published before it is archived",
        )
        return None, "unknown", None, None
    if pub.note and pub.origin != "inferred":
        note = f"{note} {pub.note}"
    anchor = dates.Anchor(
        date,
        date.year,
        derived,
        derived,
        "day",
        f"{description} {date.isoformat()} of {a.source_id}",
    )
    return date, pub.origin, note, anchor


def _dateline(quote: str, article: Article) -> tuple[dt.date, str]:
    """A dateline gives month and day; the year comes from it or from the archive record."""
    parsed = dates.parse_dateline(quote)
    if parsed is None:
        raise ValueError(f"{quote!r} is not a dateline such as 'Tokyo, Dec. 10 (Jiji Press)'")
    month, day, year = parsed
    record = article.archive.page_date or dates.date_from_url(article.archive.url or "")
    where = "page record" if article.archive.page_date else "page's URL"
    if year is None:
        if record is None:
            raise ValueError(f"the dateline {quote!r} gives no year and the archive record none")
        year = record.year
        how = f"the year {year} from the {where}"
    else:
        how = "the year from the dateline"
    date = dt.date(year, month, day)
    if record is not None and record != date:
        raise ValueError(
            f"the dateline {quote!r} gives {date.isoformat()}, but the {where} says "
            f"{record.isoformat()}; check the archive record"
        )
    return date, f"The dateline {quote!r} gives the month and day; {how}."


def run(inputs: Inputs, done: Done) -> SourcesOutput:
    """Source rows; for each source the anchor of its relative dates and its publication date."""
    cite = inputs.citations()
    rows: list[Row] = []
    anchors: dict[str, dates.Anchor | None] = {}
    published: dict[str, dt.date | None] = {}
    for a in inputs.annotations:
        article, meta = cite.articles[a.source_id], a.meta
        title = cite.span(a.source_id, meta.title)
        publisher = cite.span(a.source_id, meta.publisher)
        date, basis, note, anchor = _published(a, article, cite)
        if anchor is None and meta.context_year is not None:
            anchor = dates.Anchor(
                None,
                meta.context_year,
                "context",
                "context",
                "year",
                # the note's own full stop would end the sentence inside the brackets
                f"the year {meta.context_year} from context "
                f"({(meta.context_note or '').rstrip().rstrip('.')})",
            )
        anchors[a.source_id], published[a.source_id] = anchor, date
        wire = None
        if meta.wire is not None:
            entry = resolve_alias(
                inputs.actor_index, meta.wire, "actor", "registries/actors.yaml", cite.problems
            )
            wire = entry.id if entry is not None else None
        rows.append(
            {
                "source_id": a.source_id,
                "title": title.quote if title else None,
                "publisher": publisher.quote if publisher else None,
                "published_date": date,
                "published_date_basis": basis,
                "published_date_note": note,
                "source_type": meta.source_type,
                "original_filename": article.filename,
                "sha256": article.sha256,
                "text": article.text,
                "archive_url": article.archive.url,
                "archive_title": article.archive.title,
                "archive_publisher": article.archive.publisher,
                "archive_page_date": article.archive.page_date,
                "wire_agency_id": wire,
                "body_end": article.body_end,
            }
        )
    return SourcesOutput({"sources": rows}, list(cite.evidence.values()), anchors, published)
