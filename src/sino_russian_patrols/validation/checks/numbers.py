"""Numbers: every value of a number column is finite.

Table Schema's `number` type admits NaN and infinities ("NaN", "INF", "-INF" in CSV; a
float column of a Parquet file holds them too), and no comparison with a minimum or maximum
rules them out reliably; no hour count or measure of this dataset is ever one of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from ..report import Report, count_true, examples, message, report_rows

if TYPE_CHECKING:
    from . import Tables


def finite_numbers(report: Report, tables: Tables) -> None:
    """No NaN, infinity or minus infinity in a float column of any table."""
    for table, frame in tables.frames.items():
        floats = [c for c, dtype in frame.schema.items() if dtype.is_float()]
        if not floats:
            continue
        masks = {c: pl.col(c).is_nan() | pl.col(c).is_infinite() for c in floats}
        counts = frame.select(count_true(m, c) for c, m in masks.items()).row(0, named=True)
        key = tables.schemas.get(table, {}).get("primaryKey", [])
        for column, count in counts.items():
            if count:
                report_rows(
                    report,
                    table,
                    "not_finite",
                    column,
                    examples(frame, masks[column], key),
                    count,
                    lambda r, c=column: message("not_finite", value=_named(r[c])),
                )


def _named(value: float) -> str:
    """NaN, infinity or minus infinity, as a reader calls them (Python prints nan and inf)."""
    if value != value:
        return "NaN (not a number)"
    return "infinity" if value > 0 else "minus infinity"
