"""Parquet: each table's Parquet file has the schema's columns and the CSV file's rows.

Checked per table, as the table is read (see `validate._table`), not across tables.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from ...schema import polars_dtypes
from ..report import (
    MAX_EXAMPLES,
    Report,
    examples,
    first_line,
    key_expr,
    message,
    report_rows,
    show,
)


def compare_parquet(
    report: Report,
    table: str,
    file: Path,
    csv_frame: pl.DataFrame | None,
    schema: dict[str, Any],
    path: str | None,
    type_errors: dict[str, pl.Series],
) -> None:
    """The Parquet file has the schema's columns and the CSV file's rows and values.

    `path`: the file's path as datapackage.json gives it (messages name it). Cells of the CSV
    with a type error are not compared (the type rule reports them).
    """
    try:
        frame = pl.read_parquet(file)
    except Exception as exc:  # truncated or foreign bytes raise several types
        report.add(
            table,
            "parquet_unreadable",
            message("parquet_unreadable", path=path, error=first_line(exc)),
        )
        return
    expected = polars_dtypes(schema)
    actual = dict(frame.schema)
    if actual != expected:
        problems = []
        for name, dtype in expected.items():
            if name not in actual:
                problems.append(f"column {name} is missing")
            elif actual[name] != dtype:
                problems.append(f"column {name} is {actual[name]}, the schema says {dtype}")
        extra = [c for c in actual if c not in expected]
        if extra:
            problems.append(f"column(s) {', '.join(extra)} are not in the schema")
        if not problems:
            problems.append(f"the columns are in the order {', '.join(actual)}")
        # Each problem of the schema is one part of the message: their number varies.
        found = "; ".join(problems)
        report.add(table, "parquet_schema", message("parquet_schema", path=path, problems=found))
        return
    if csv_frame is None or frame.equals(csv_frame, null_equal=True):
        return
    primary_key = schema.get("primaryKey", [])
    if frame.height != csv_frame.height:
        if primary_key and frame.height and csv_frame.height:
            keyed = [
                f.with_row_index("_index").with_columns(
                    key_expr(primary_key, f.columns).alias("_key")
                )
                for f in (csv_frame, frame)
            ]
            for (this, that), (a, b) in (
                (("CSV", "Parquet"), (keyed[0], keyed[1])),
                (("Parquet", "CSV"), (keyed[1], keyed[0])),
            ):
                only = a.join(b.select("_key"), on="_key", how="anti")
                rows = only.head(MAX_EXAMPLES).to_dicts()
                report_rows(
                    report,
                    table,
                    "csv_parquet",
                    None,
                    rows,
                    only.height,
                    lambda r, x=this, y=that: message("csv_parquet", "row", here=x, there=y),
                )
        report.add(
            table,
            "csv_parquet",
            message("csv_parquet", "rows", csv=csv_frame.height, parquet=frame.height),
        )
        return
    both = csv_frame.with_columns([pl.Series(f"_parquet_{c}", frame[c]) for c in frame.columns])
    masks = {c: ~pl.col(c).eq_missing(pl.col(f"_parquet_{c}")) for c in frame.columns}
    for name, bad in type_errors.items():
        masks[name] = masks[name] & ~pl.lit(bad)
    counts = both.select([m.sum().alias(c) for c, m in masks.items()]).row(0, named=True)
    for name, count in counts.items():
        if count:
            rows = examples(both, masks[name], primary_key)
            report_rows(
                report,
                table,
                "csv_parquet",
                name,
                rows,
                count,
                lambda r, n=name: message(
                    "csv_parquet", "value", csv=show(r[n]), parquet=show(r[f"_parquet_{n}"])
                ),
            )
