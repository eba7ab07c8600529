"""Aircraft claims: a claim names its country unless it is a total over countries."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from ..report import Report, count_true, examples, message, report_rows

if TYPE_CHECKING:
    from . import Tables


def aircraft_country(report: Report, tables: Tables) -> None:
    """An aircraft claim names its country, unless it is a total over several countries."""
    frames = tables.frames
    aircraft = frames.get("aircraft")
    if aircraft is None or not {"aircraft_id", "country", "is_total"} <= set(aircraft.columns):
        return
    mask = pl.col("country").is_null() & ~pl.col("is_total")
    count = aircraft.select(count_true(mask, "n")).item()
    if count:
        report_rows(
            report,
            "aircraft",
            "country_required",
            "country",
            examples(aircraft, mask, ["aircraft_id"]),
            count,
            lambda r: message("country_required"),
        )
