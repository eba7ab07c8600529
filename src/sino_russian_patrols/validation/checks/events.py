"""Dates of events and date claims: in order, fit their precision and their basis."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

from ..report import MAX_EXAMPLES, Report, count_true, examples, message, report_rows

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


def combined_dates(report: Report, tables: Tables) -> None:
    """An event's dates are what its date claims give (dates as constraints): with claims that
    can all hold, start_date is the latest start of a `within` or `began_on` claim and end_date
    the earliest end of a `within` or `ended_by` claim, and date_conflict is false; with claims
    that cannot (a lower bound after an upper one, or an event that began after a `began_by` or
    `began_on` claim's end), date_conflict is true and the event spans every claim. An event
    without claims keeps what it has."""
    frames = tables.frames
    events, claims = frames.get("events"), frames.get("event_dates")
    needed = {"event_id", "start_date", "end_date", "date_conflict"}
    if events is None or claims is None or not needed <= set(events.columns):
        return
    if not {"event_id", "start_date", "end_date", "bound"} <= set(claims.columns):
        return
    start, end, bound = pl.col("start_date"), pl.col("end_date"), pl.col("bound")
    derived = claims.group_by("event_id").agg(
        start.filter(bound.is_in(["within", "began_on"])).max().alias("_lo"),
        end.filter(bound.is_in(["within", "ended_by"])).min().alias("_hi"),
        end.filter(bound.is_in(["began_by", "began_on"])).min().alias("_began"),
        start.min().alias("_first"),
        end.max().alias("_last"),
        start.null_count().alias("_open_start"),
        end.null_count().alias("_open_end"),
    )
    lo, hi = pl.col("_lo"), pl.col("_hi")
    conflict = ((lo > hi) | (lo > pl.col("_began"))).fill_null(False)
    # with a conflict, the event spans every claim: an open bound of any claim stays open
    spans_all = (
        pl.when(pl.col("_open_start") > 0).then(None).otherwise(pl.col("_first")),
        pl.when(pl.col("_open_end") > 0).then(None).otherwise(pl.col("_last")),
    )
    expected = derived.with_columns(
        conflict.alias("_conflict"),
        pl.when(conflict).then(spans_all[0]).otherwise(lo).alias("_start"),
        pl.when(conflict).then(spans_all[1]).otherwise(hi).alias("_end"),
    )
    joined = events.with_row_index("_index").join(expected, on="event_id", how="inner")
    wrong = joined.filter(
        (pl.col("date_conflict") != pl.col("_conflict"))
        | ~start.eq_missing(pl.col("_start"))
        | ~end.eq_missing(pl.col("_end"))
    )
    if wrong.height == 0:
        return
    shown = wrong.sort("_index").head(MAX_EXAMPLES).with_columns(pl.col("event_id").alias("_key"))
    report_rows(
        report,
        "events",
        "event_dates_combined",
        "start_date",
        shown.to_dicts(),
        wrong.height,
        lambda r: message(
            "event_dates_combined",
            start=r["start_date"],
            end=r["end_date"],
            conflict=str(r["date_conflict"]).lower(),
            expected_start=r["_start"],
            expected_end=r["_end"],
            expected_conflict=str(r["_conflict"]).lower(),
        ),
    )
