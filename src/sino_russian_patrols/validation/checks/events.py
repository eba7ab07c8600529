"""Dates of events and date claims: in order, fit their precision and their basis."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

from ..report import Report, count_true, examples, message, report_rows

if TYPE_CHECKING:
    from . import Tables


_PRECISION_NEEDS = {
    "day": "start_date and end_date both known to the day (a span of days for an event over "
    "several days)",
    "month": "start_date and end_date in one calendar month",
    "year": "start_date and end_date in one calendar year",
}


def _event_message(rule: str, r: dict[str, Any]) -> str:
    precision = r["date_precision"]
    return message(
        rule,
        start=r["start_date"],
        end=r["end_date"],
        precision=precision,
        needs=_PRECISION_NEEDS.get(precision, ""),
    )


def dates(report: Report, tables: Tables) -> None:
    """Event dates and date claims fit their precision and basis."""
    frames = tables.frames
    for table, key in (("events", "event_id"), ("event_dates", "date_claim_id")):
        _dated(report, table, key, frames.get(table))


def _dated(report: Report, table: str, key: str, events: pl.DataFrame | None) -> None:
    needed = {key, "start_date", "end_date", "date_precision", "date_basis"}
    if events is None or events.height == 0 or not needed <= set(events.columns):
        return
    start, end, precision = pl.col("start_date"), pl.col("end_date"), pl.col("date_precision")
    some_null = start.is_null() | end.is_null()
    same_year = start.dt.year() == end.dt.year()
    same_month = same_year & (start.dt.month() == end.dt.month())
    rules = {
        "date_order": (start > end, "start_date"),
        "date_precision": (
            ((precision == "day") & some_null)
            | ((precision == "month") & (some_null | ~same_month))
            | ((precision == "year") & (some_null | ~same_year)),
            "date_precision",
        ),
        "date_basis": (
            (pl.col("date_basis") == "stated") & ~precision.is_in(["day", "month"]),
            "date_basis",
        ),
    }
    counts = events.select([count_true(mask, rule) for rule, (mask, _) in rules.items()]).row(
        0, named=True
    )
    for rule, (mask, column) in rules.items():
        if counts[rule]:
            rows = examples(events, mask, [key])
            report_rows(
                report,
                table,
                rule,
                column,
                rows,
                counts[rule],
                lambda r, k=rule: _event_message(k, r),
            )
