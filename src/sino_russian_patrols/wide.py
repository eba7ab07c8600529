"""The analysis-ready view: one row per event, derived from the normalised tables."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

_SEP = "; "


def events_wide(table: Callable[[str], pl.DataFrame], /) -> pl.DataFrame:
    """One row per event with its dates, places, countries, aircraft summary and counts.

    `table(name)` returns a normalised table; nothing here is stored by hand. Aircraft
    counts: per event, the lowest and highest count any claim gives, with who claimed it
    (several claimants are joined by '; ').
    """
    events, aircraft, statements = table("events"), table("aircraft"), table("statements")
    places = table("event_places").join(table("places"), on="place_id")
    evidence = table("evidence").filter(pl.col("record_table") == "events")
    actors = table("actors").select("actor_id", pl.col("name").alias("reporter"))

    place_names = places.group_by("event_id").agg(
        pl.col("name").unique().sort().str.join(_SEP).alias("places")
    )
    claims = aircraft.join(actors, left_on="reported_by", right_on="actor_id", how="left").with_columns(
        pl.col("reporter").fill_null("unattributed")
    )
    per_event = claims.group_by("event_id").agg(
        pl.col("country").unique().sort().str.join(_SEP).alias("countries"),
        (pl.col("country") + " " + pl.col("aircraft_type"))
        .unique()
        .sort()
        .str.join(_SEP)
        .alias("aircraft_types"),
        pl.col("count").min().alias("count_min"),
        pl.col("count").max().alias("count_max"),
        pl.col("source_id").unique().alias("_aircraft_sources"),
    )
    counted = claims.drop_nulls("count")
    total = counted.group_by("event_id", "reporter", "source_id").agg(pl.col("count").sum().alias("_total"))
    lowest = (
        claims.drop_nulls("count")
        .join(per_event.select("event_id", "count_min"), on="event_id")
        .filter(pl.col("count") == pl.col("count_min"))
        .group_by("event_id")
        .agg(pl.col("reporter").unique().sort().str.join(_SEP).alias("count_min_reported_by"))
    )
    highest = (
        claims.drop_nulls("count")
        .join(per_event.select("event_id", "count_max"), on="event_id")
        .filter(pl.col("count") == pl.col("count_max"))
        .group_by("event_id")
        .agg(pl.col("reporter").unique().sort().str.join(_SEP).alias("count_max_reported_by"))
    )
    totals = total.group_by("event_id").agg(
        pl.col("_total").min().alias("total_aircraft_min"),
        pl.col("_total").max().alias("total_aircraft_max"),
    )
    remark_counts = statements.drop_nulls("event_id").group_by("event_id").agg(
        pl.col("remark_id").n_unique().alias("n_remarks"),
        pl.col("source_id").unique().alias("_statement_sources"),
    )
    source_sets = evidence.group_by(pl.col("record_id").alias("event_id")).agg(
        pl.col("source_id").unique().alias("_event_sources")
    )
    wide = (
        events.join(place_names, on="event_id", how="left")
        .join(per_event, on="event_id", how="left")
        .join(lowest, on="event_id", how="left")
        .join(highest, on="event_id", how="left")
        .join(totals, on="event_id", how="left")
        .join(remark_counts, on="event_id", how="left")
        .join(source_sets, on="event_id", how="left")
    )
    sources = pl.concat_list(
        [pl.col(c).fill_null(pl.lit([], pl.List(pl.String))) for c in ("_event_sources", "_aircraft_sources", "_statement_sources")]
    ).list.unique()
    return (
        wide.with_columns(
            sources.list.len().cast(pl.Int64).alias("n_sources"),
            pl.col("n_remarks").fill_null(0).cast(pl.Int64),
        )
        .select(
            "event_id", "event_type", "summary", "start_date", "end_date", "date_precision",
            "date_basis", "parent_event_id", "places", "countries", "aircraft_types",
            "count_min", "count_min_reported_by", "count_max", "count_max_reported_by",
            "total_aircraft_min", "total_aircraft_max", "n_sources", "n_remarks",
        )
        .sort("event_id")
    )
