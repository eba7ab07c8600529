"""Sources: each text is the one its SHA-256 names."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import polars as pl

from ..report import MAX_EXAMPLES, Report, key_expr, show

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
        actual = hashlib.sha256(text).hexdigest()
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
