"""Self-consistent forgeries (CSV and Parquet equal, hashes refreshed) that the text refutes:
each is caught by `validate` with the rule `derived_value`, at its table, column and row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from sino_russian_patrols.package import read_tables, write_package
from sino_russian_patrols.validation import validate_package


def _forge(
    package: Path, table: str, key: str, pick: pl.Expr, column: str, value: Callable[[Any], Any]
) -> str:
    """Change `column` of the first row `pick` selects to `value(old)`, in both files; return
    the row's key."""
    frame = read_tables(package)[table]
    index = frame.with_row_index("_i").filter(pick)["_i"][0]
    old = frame[column][index]
    frame = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == index)
        .then(pl.lit(value(old), dtype=frame.schema[column]))
        .otherwise(pl.col(column))
        .alias(column)
    )
    write_package(package, {table: frame})
    return frame[key][index]


FORGERIES = {
    "country flipped": (
        "aircraft",
        "aircraft_id",
        pl.col("country") == "CHN",
        "country",
        lambda _: "RUS",
    ),
    "reporter swapped": (
        "aircraft",
        "aircraft_id",
        pl.col("reported_by").is_not_null(),
        "reported_by",
        lambda old: "china" if old != "china" else "russia",
    ),
    "designation": (
        "aircraft",
        "aircraft_id",
        pl.col("aircraft_type") == "Tu-95MS",
        "aircraft_type",
        lambda _: "H-6K",
    ),
    "ordinal": (
        "sequence_claims",
        "sequence_claim_id",
        pl.col("ordinal_as_reported") == "first",
        "ordinal",
        lambda _: 3,
    ),
    "duration": (
        "event_durations",
        "duration_claim_id",
        pl.col("duration_hours") == 8.0,
        "duration_hours",
        lambda _: 9.0,
    ),
    "stated date": (
        "event_dates",
        "date_claim_id",
        (pl.col("date_basis") == "stated")
        & (pl.col("start_date") == pl.col("end_date"))
        & (pl.col("date_precision") == "day"),
        "start_date",
        lambda old: old + dt.timedelta(days=1),
    ),
    "ship kind": (
        "ship_claims",
        "ship_claim_id",
        pl.col("ship_type") == "destroyer",
        "ship_type",
        lambda _: "frigate",
    ),
}


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_a_forgery_the_text_refutes_is_caught(package_copy: Path, forgery: str) -> None:
    table, key, pick, column, value = FORGERIES[forgery]
    row = _forge(package_copy, table, key, pick, column, value)
    if forgery == "stated date":  # the whole day moved, so that its start and end agree
        _forge(package_copy, table, key, pl.col(key) == row, "end_date", value)
    report = validate_package(package_copy)
    found = {(f.table, f.rule, f.column, f.row) for f in report.findings}
    assert (table, "derived_value", column, row) in found, report.text()
    assert not report.valid


def test_the_package_as_built_derives_every_value() -> None:
    root = Path(__file__).resolve().parents[1]
    report = validate_package(root)
    assert [f for f in report.findings if f.rule == "derived_value"] == []
