"""Sources: each text is the one its SHA-256 names, an article that is not empty, and its
body ends within it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from ...hashes import bytes_sha256
from ..report import (
    MAX_EXAMPLES,
    Report,
    count_true,
    examples,
    key_expr,
    message,
    report_rows,
    show,
)

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
    wrong, count = [], 0
    for index, text, sha, key in data.iter_rows():
        if text is None:
            continue
        actual = bytes_sha256(text)
        if actual != sha:
            count += 1
            if count <= MAX_EXAMPLES:
                row = {"_key": key or f"data row {index + 1}", "actual": actual, "sha256": sha}
                wrong.append(row)
    report_rows(
        report,
        "sources",
        "sha256",
        "sha256",
        wrong,
        count,
        lambda r: message("sha256", actual=r["actual"], found=show(r["sha256"], 80)),
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
            lambda r: message(
                "source_empty",
                found=f"only white space {show(r['text'])}" if r["text"] else "empty",
            ),
        ),
        "body_end": (
            "body_end",
            (body_end < 0) | (body_end > length),
            lambda r: message("body_end", body_end=r["body_end"], length=len(r["text"] or "")),
        ),
    }
    counts = sources.select(count_true(mask, rule) for rule, (_, mask, _) in rules.items())
    for rule, (column, mask, describe) in rules.items():
        count = counts[rule].item()
        if count:
            rows = examples(sources, mask, ["source_id"])
            report_rows(report, "sources", rule, column, rows, count, describe)
