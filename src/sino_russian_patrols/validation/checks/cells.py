"""Text cells a reader should open with care: verbatim quotes are kept as the texts write
them, even when they begin like a spreadsheet formula or hold a bidirectional control."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from ..report import MAX_EXAMPLES, Report, message, show

if TYPE_CHECKING:
    from . import Tables

# A cell that a spreadsheet runs as a formula when the CSV is opened (=, +, -, @, or a tab or
# carriage return before them); and the characters that reorder text when it is displayed.
FORMULA = r"^[=+\-@\t\r]"
BIDI = "[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"


def text_cells(report: Report, tables: Tables) -> None:
    """Notices (the package stays valid): every string cell that begins like a formula, or
    that holds a bidirectional control character, with its table, column and row."""
    for table, frame in tables.frames.items():
        key = tables.schemas.get(table, {}).get("primaryKey") or []
        for column, dtype in frame.schema.items():
            if dtype != pl.String:
                continue
            for rule, pattern in (("csv_formula_cell", FORMULA), ("bidi_control", BIDI)):
                hits = frame.filter(pl.col(column).str.contains(pattern))
                for row in hits.head(MAX_EXAMPLES).iter_rows(named=True):
                    where = "/".join(str(row[k]) for k in key) if key else None
                    report.add(
                        table,
                        rule,
                        message(rule, value=show(row[column])),
                        column,
                        where,
                        severity="notice",
                    )
