"""Sources: each text is the one its SHA-256 names, an article that is not empty, and its
body ends within it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from ...hashes import bytes_sha256
from ..report import MAX_EXAMPLES, Report, count_true, examples, key_expr, report_rows, show

if TYPE_CHECKING:
    from . import Tables


def source_hashes(report: Report, tables: Tables) -> None:
    """sources.sha256 is the SHA-256 of the text (the raw file's bytes)."""
    frames = tables.frames
    sources = frames.get("sources")
    if sources is None or sources.height == 0:
        return
    data = sources.with_row_index("_index").select(
        "_index",
        pl.col("text").cast(pl.Binary),
        "sha256",
        key_expr(["source_id"], sources.columns),
    )
    shown = 0
    for index, text, sha, key in data.iter_rows():
        if text is None:
            continue
        actual = bytes_sha256(text)
        if actual != sha:
            shown += 1
            if shown <= MAX_EXAMPLES:
                report.add(
                    "sources",
                    "sha256",
                    f"the SHA-256 of the text is {actual}, but the row says {show(sha, 80)}",
                    "sha256",
                    key or f"data row {index + 1}",
                )
    if shown > MAX_EXAMPLES:
        report.add(
            "sources",
            "sha256",
            f"and {shown - MAX_EXAMPLES:,} more rows break this rule (the first {MAX_EXAMPLES} "
            "are listed)",
            "sha256",
        )


def source_bodies(report: Report, tables: Tables) -> None:
    """A source has an article: its text is not empty or white space only, and its body ends
    within the text (0 <= body_end <= the text's length in characters)."""
    sources = tables.frames.get("sources")
    if sources is None or "text" not in sources.columns:
        return
    length = pl.col("text").str.len_chars()
    body_end = pl.col("body_end") if "body_end" in sources.columns else pl.lit(None, pl.Int64)
    rules = {
        "source_empty": (
            "text",
            pl.col("text").is_not_null() & (pl.col("text").str.strip_chars() == ""),
            lambda r: (
                "the text is "
                + (f"only white space {show(r['text'])}" if r["text"] else "empty")
                + ": a source is an article"
            ),
        ),
        "body_end": (
            "body_end",
            (body_end < 0) | (body_end > length),
            lambda r: (
                f"body_end {r['body_end']:,} lies outside the text, which has "
                f"{len(r['text'] or ''):,} characters"
            ),
        ),
    }
    counts = sources.select(count_true(mask, rule) for rule, (_, mask, _) in rules.items())
    for rule, (column, mask, describe) in rules.items():
        count = counts[rule].item()
        if count:
            rows = examples(sources, mask, ["source_id"])
            report_rows(report, "sources", rule, column, rows, count, describe)
