"""The questions people ask of the dataset, each answered in one call, on the rules the data
card states: how many aircraft (or ships) each country sent to each event and who counted
them, which counts disagree, and the words behind any row.

A naive sum double-counts: a total ("a total of 17 aircraft from both countries") is not to be
added to its parts, an approximate number ("more than 10") is not an exact one, and two
reporters' counts of one patrol are two claims, not one larger count. These functions keep
them apart: counts are summed per event, country, reporter and source over exact per-type
claims only; stated totals are given beside them; and `disagrees` flags an event and country
whose reporters' sums differ.
"""

from __future__ import annotations

from typing import Literal

import polars as pl

from .load import load, one_build, source_text

UNATTRIBUTED = "unattributed"


def _counts(claims: pl.DataFrame, what: str) -> pl.DataFrame:
    """Per event, country, reporter and source: the sum of exact per-kind counts, how many
    claims gave no number or an inexact one, and whether reporters disagree."""
    claims = claims.with_columns(pl.col("reported_by").fill_null(UNATTRIBUTED))
    exact = (pl.col("count_qualifier") == "exact") & pl.col("count").is_not_null()
    parts = claims.filter(~pl.col("is_total"))
    grouped = parts.group_by("event_id", "country", "reported_by", "source_id").agg(
        # null, not 0, when no claim of the group gives an exact number
        pl.when(exact.any()).then(pl.col("count").filter(exact).sum()).cast(pl.Int64).alias(what),
        exact.not_().sum().cast(pl.Int64).alias("claims_without_exact_count"),
        pl.len().cast(pl.Int64).alias("claims"),
    )
    totals = (
        claims.filter(pl.col("is_total") & exact)
        .group_by("event_id", "reported_by", "source_id")
        .agg(pl.col("count").max().cast(pl.Int64).alias("stated_total"))
    )
    spread = grouped.group_by("event_id", "country").agg(
        (pl.col(what).drop_nulls().n_unique() > 1).alias("disagrees")
    )
    return (
        grouped.join(totals, on=["event_id", "reported_by", "source_id"], how="left")
        .join(spread, on=["event_id", "country"], how="left")
        .sort("event_id", "country", "reported_by", "source_id", nulls_last=True)
    )


def aircraft_counts(*, version: str | None = None) -> pl.DataFrame:
    """Aircraft per event, country, reporter and source.

    `aircraft`: the sum of the exact counts of the per-type claims (is_total false,
    count_qualifier exact), null when none gives one; `claims_without_exact_count`: the
    claims of the group that give no number or an inexact one (left out of the sum);
    `stated_total`: the largest total the same reporter states in the same source for the
    whole event (both countries); `disagrees`: reporters give different sums for this event
    and country (a group without an exact number does not count as disagreeing). Never add
    `stated_total` to `aircraft`, nor sum the rows of several reporters.
    """
    return _counts(load("aircraft", version=version), "aircraft")


def ship_counts(*, version: str | None = None) -> pl.DataFrame:
    """Ships per event, country, reporter and source, on the rules of `aircraft_counts`;
    a named ship (a claim with `ship_id`) counts as one exact ship."""
    claims = load("ship_claims", version=version).with_columns(
        pl.when(pl.col("ship_id").is_not_null()).then(1).otherwise(pl.col("count")).alias("count"),
        pl.when(pl.col("ship_id").is_not_null())
        .then(pl.lit("exact"))
        .otherwise(pl.col("count_qualifier"))
        .alias("count_qualifier"),
    )
    return _counts(claims, "ships")


def evidence(
    table: str, record_id: str, /, *, context: int = 80, version: str | None = None
) -> pl.DataFrame:
    """The spans a row rests on, with the words around each: `source_id`, `char_start`,
    `char_end`, `quote` (the verbatim span) and `before` / `after` (up to `context`
    characters of the source on either side). A statement's own span comes first."""
    with one_build(version):  # the rows and the texts of one build
        return _evidence(table, record_id, context, version)


def _evidence(table: str, record_id: str, context: int, version: str | None) -> pl.DataFrame:
    rows = (
        load("evidence", version=version)
        .filter(pl.col("record_table") == table, pl.col("record_id") == record_id)
        .select("source_id", "char_start", "char_end", "quote")
    )
    if table == "statements":
        own = (
            load("statements", version=version)
            .filter(pl.col("statement_id") == record_id)
            .select("source_id", "char_start", "char_end", pl.col("text").alias("quote"))
        )
        rows = pl.concat([own, rows]).unique(maintain_order=True)
    if rows.height == 0:
        raise KeyError(
            f"no evidence for {table} {record_id!r}: give a table that evidence supports "
            "(events, aircraft, ship_claims, statements, …) and the row's id as evidence "
            "writes it (a composite key joined by '/')"
        )
    texts = {s: source_text(s, version=version) for s in rows["source_id"].unique()}
    return rows.with_columns(
        pl.struct("source_id", "char_start")
        .map_elements(
            lambda r: texts[r["source_id"]][max(0, r["char_start"] - context) : r["char_start"]],
            return_dtype=pl.String,
        )
        .alias("before"),
        pl.struct("source_id", "char_end")
        .map_elements(
            lambda r: texts[r["source_id"]][r["char_end"] : r["char_end"] + context],
            return_dtype=pl.String,
        )
        .alias("after"),
    )


View = Literal["events_wide", "aircraft_counts", "ship_counts"]
VIEWS: tuple[View, ...] = ("events_wide", "aircraft_counts", "ship_counts")
