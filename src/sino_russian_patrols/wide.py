"""The analysis-ready view: one row per event, derived from the normalised tables.

Nothing here is stored by hand: every value is computed from events, event_dates,
event_places, places, aircraft, actors, statements, the other claim tables and evidence.
Lists are joined into one string with `SEP` ("; "), sorted, so that the view has one flat
row per event. `COLUMNS` documents each column; the codebook prints it and a test keeps it
equal to the computed frame.

Aircraft figures: the per-type figures (count_min/max, total_aircraft_min/max) use only the
claims that give an exact number for one type (`is_total` false, `count_qualifier` `exact`):
a total over types or countries would double count if added to them, and "more than 10" is
not 10. The totals the texts state outright are `total_aircraft_reported`.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

SEP = "; "
UNATTRIBUTED = "unattributed"

# name: (Table Schema type, meaning). The codebook's section on events_wide is made from this.
COLUMNS: dict[str, tuple[str, str]] = {
    "event_id": ("string", "The event (events.event_id)."),
    "event_type": ("string", "As events.event_type."),
    "summary": ("string", "As events.summary."),
    "start_date": ("date", "Earliest possible date, as events.start_date."),
    "end_date": ("date", "Latest possible date, as events.end_date."),
    "analysis_year": (
        "integer",
        "The year an analysis by year counts the event in: the year of its latest possible day "
        "(end_date), so that an event dated only by the report of it ('on or before 30 "
        "November 2024') counts in 2024; the year of start_date when only that bound is known; "
        "null when the texts give no date.",
    ),
    "date_precision": ("string", "As events.date_precision (`day`, `month`, `year`, `unknown`)."),
    "date_basis": ("string", "As events.date_basis: how the date was obtained."),
    "date_conflict": (
        "boolean",
        "As events.date_conflict: the date claims cannot all hold (null in releases before 0.3.0).",
    ),
    "duration_hours": ("number", "As events.duration_hours."),
    "parent_event_id": ("string", "As events.parent_event_id: the patrol an intercept answered."),
    "places": ("string", "Names of the event's places (event_places), sorted, joined by '; '."),
    "countries": (
        "string",
        "ISO alpha-3 codes of the countries whose aircraft the aircraft claims name for the "
        "event, sorted, joined by '; '; null when no aircraft claim names a country for the "
        "event (a total not split by country names none).",
    ),
    "aircraft_types": (
        "string",
        "Distinct 'COUNTRY aircraft_type' pairs of the event's aircraft claims that name a "
        "country, sorted, joined by '; ' (e.g. 'CHN H-6; RUS Tu-95').",
    ),
    "count_min": (
        "integer",
        "The lowest number any single per-type aircraft claim about the event gives: claims "
        "with is_total false and count_qualifier `exact`; null when no such claim gives a "
        "number.",
    ),
    "count_min_reported_by": (
        "string",
        "Names of the actors whose claims give count_min, joined by '; ' "
        "('unattributed' for a claim the source makes without naming anyone).",
    ),
    "count_max": (
        "integer",
        "The highest number any single per-type aircraft claim about the event gives (is_total "
        "false, count_qualifier `exact`).",
    ),
    "count_max_reported_by": ("string", "Names of the actors whose claims give count_max."),
    "total_aircraft_min": (
        "integer",
        "The lowest total over reporters: for each reporter in each source, the sum of the "
        "numbers its per-type aircraft claims give (is_total false, count_qualifier `exact`; "
        "claims without a number, totals and approximate numbers are left out).",
    ),
    "total_aircraft_min_reported_by": (
        "string",
        "Names of the reporters whose total is total_aircraft_min.",
    ),
    "total_aircraft_max": ("integer", "The highest such total."),
    "total_aircraft_max_reported_by": (
        "string",
        "Names of the reporters whose total is total_aircraft_max.",
    ),
    "total_aircraft_reported": (
        "integer",
        "The highest total a text states outright for the event ('a total of 17 aircraft'): "
        "the largest count among its aircraft claims with is_total true and count_qualifier "
        "`exact`; null when no source states one.",
    ),
    "total_aircraft_reported_by": (
        "string",
        "Names of the actors whose stated total is total_aircraft_reported, joined by '; ' "
        "('unattributed' for a total the source gives without naming anyone).",
    ),
    "names": (
        "string",
        "The names the sources give the event (event_names.name_as_reported: 'Joint Sea "
        "2021', 'Maritime Interaction-2021'), sorted, joined by '; '.",
    ),
    "participants": (
        "string",
        "Names of the actors any source says took part in the event (event_participants, "
        "every role), sorted, joined by '; '.",
    ),
    "ships": (
        "string",
        "Names of the registered ships any ship claim about the event names, sorted, joined "
        "by '; '.",
    ),
    "n_ship_claims": ("integer", "Number of ship claims about the event (ship_claims rows)."),
    "n_sources": (
        "integer",
        "Number of distinct sources that cite the event: evidence spans of the event or of "
        "its places, and its aircraft claims, statements, date and duration claims, routes, "
        "sequence claims and airspace claims.",
    ),
    "n_remarks": (
        "integer",
        "Number of distinct remarks (statements.remark_id) about the event; a remark reported "
        "by several sources counts once.",
    ),
    "n_date_claims": (
        "integer",
        "Number of date claims about the event (event_dates rows: one per source's reading "
        "of a date); 0 when no source dates it.",
    ),
}


def _joined(column: str) -> pl.Expr:
    """The distinct values of `column` in a group, sorted, as one string."""
    return pl.col(column).unique().sort().str.join(SEP)


def _extremes(frame: pl.DataFrame, value: str, name: str) -> pl.DataFrame:
    """Per event: the lowest and highest `value`, each with the reporters who gave it."""
    result = frame.group_by("event_id").agg(
        pl.col(value).min().alias(f"{name}_min"), pl.col(value).max().alias(f"{name}_max")
    )
    for end in ("min", "max"):
        who = (
            frame.join(result.select("event_id", f"{name}_{end}"), on="event_id")
            .filter(pl.col(value) == pl.col(f"{name}_{end}"))
            .group_by("event_id")
            .agg(_joined("reporter").alias(f"{name}_{end}_reported_by"))
        )
        result = result.join(who, on="event_id", how="left")
    return result


def _claims(table: Callable[[str], pl.DataFrame], name: str) -> pl.DataFrame:
    """event_id and source_id of a claim table; empty for a release that predates it (0.1.0)."""
    try:
        return table(name).select("event_id", "source_id")
    except FileNotFoundError:
        return pl.DataFrame(schema={"event_id": pl.String, "source_id": pl.String})


# The 0.3.0 tables, with the columns events_wide reads: empty for a release before them.
_OPTIONAL = {
    "event_names": {"event_id": pl.String, "source_id": pl.String, "name_as_reported": pl.String},
    "event_participants": {"event_id": pl.String, "source_id": pl.String, "actor_id": pl.String},
    "ship_claims": {"event_id": pl.String, "source_id": pl.String, "ship_id": pl.String},
    "ships": {"ship_id": pl.String, "name": pl.String},
}


def _optional(table: Callable[[str], pl.DataFrame], name: str) -> pl.DataFrame:
    """A table of 0.3.0 (names, participants, ship claims, ships); empty for an older release."""
    try:
        return table(name)
    except FileNotFoundError:
        return pl.DataFrame(schema=_OPTIONAL[name])


def _aircraft(aircraft: pl.DataFrame) -> pl.DataFrame:
    """The aircraft claims with is_total and count_qualifier, which 0.1.0 did not have: there
    every claim was about one type, and a number was an exact count."""
    if "is_total" not in aircraft.columns:
        aircraft = aircraft.with_columns(is_total=pl.lit(False))
    if "count_qualifier" not in aircraft.columns:
        exact = pl.when(pl.col("count").is_not_null()).then(pl.lit("exact"))
        aircraft = aircraft.with_columns(count_qualifier=exact)
    return aircraft


def events_wide(table: Callable[[str], pl.DataFrame], /) -> pl.DataFrame:
    """One row per event with its dates, places, countries, aircraft summary and counts.

    `table(name)` returns a normalised table. Aircraft counts: per event, the lowest and
    highest count any single per-type claim gives, and the lowest and highest total that one
    reporter gives in one source by adding its per-type claims, each with who reported it
    (several reporters joined by '; '); per-type claims are those with is_total false and
    count_qualifier `exact`. The totals the texts state (is_total) are reported apart.
    """
    events, statements = table("events"), table("statements")
    aircraft = _aircraft(table("aircraft"))
    evidence = table("evidence")
    reporters = table("actors").select("actor_id", pl.col("name").alias("reporter"))

    places = (
        table("event_places")
        .join(table("places"), on="place_id")
        .group_by("event_id")
        .agg(_joined("name").alias("places"))
    )

    claims = aircraft.join(
        reporters, left_on="reported_by", right_on="actor_id", how="left"
    ).with_columns(pl.col("reporter").fill_null(UNATTRIBUTED))
    kinds = (
        claims.drop_nulls("country")
        .group_by("event_id")
        .agg(
            _joined("country").alias("countries"),
            (pl.col("country") + " " + pl.col("aircraft_type"))
            .unique()
            .sort()
            .str.join(SEP)
            .alias("aircraft_types"),
        )
    )
    exact = claims.drop_nulls("count").filter(pl.col("count_qualifier") == "exact")
    per_type = exact.filter(~pl.col("is_total"))
    counts = _extremes(per_type, "count", "count")
    totals = _extremes(
        per_type.group_by("event_id", "reporter", "source_id").agg(pl.col("count").sum()),
        "count",
        "total_aircraft",
    )
    stated = _extremes(exact.filter(pl.col("is_total")), "count", "stated_total").select(
        "event_id",
        pl.col("stated_total_max").alias("total_aircraft_reported"),
        pl.col("stated_total_max_reported_by").alias("total_aircraft_reported_by"),
    )

    names = (
        _optional(table, "event_names")
        .group_by("event_id")
        .agg(_joined("name_as_reported").alias("names"))
    )
    participants = (
        _optional(table, "event_participants")
        .join(table("actors").select("actor_id", "name"), on="actor_id")
        .group_by("event_id")
        .agg(_joined("name").alias("participants"))
    )
    ship_claims = _optional(table, "ship_claims")
    ships = (
        ship_claims.drop_nulls("ship_id")
        .join(
            _optional(table, "ships").select("ship_id", pl.col("name").alias("ship")), on="ship_id"
        )
        .group_by("event_id")
        .agg(_joined("ship").alias("ships"))
    )
    n_ships = ship_claims.group_by("event_id").agg(pl.len().alias("n_ship_claims"))

    claim_tables = (
        "event_durations",
        "event_routes",
        "sequence_claims",
        "airspace_claims",
        "ship_claims",
        "event_participants",
        "event_names",
    )
    dated = _claims(table, "event_dates")
    cited = pl.concat(
        [
            evidence.filter(pl.col("record_table") == "events").select(
                pl.col("record_id").alias("event_id"), "source_id"
            ),
            evidence.filter(pl.col("record_table") == "event_places").select(
                pl.col("record_id").str.split("/").list.first().alias("event_id"), "source_id"
            ),
            aircraft.select("event_id", "source_id"),
            statements.drop_nulls("event_id").select("event_id", "source_id"),
            dated,
            *(_claims(table, name) for name in claim_tables),
        ]
    )
    n_sources = cited.group_by("event_id").agg(pl.col("source_id").n_unique().alias("n_sources"))
    n_remarks = (
        statements.drop_nulls("event_id")
        .group_by("event_id")
        .agg(pl.col("remark_id").n_unique().alias("n_remarks"))
    )
    n_date_claims = dated.group_by("event_id").agg(pl.len().alias("n_date_claims"))

    wide = events
    if "date_conflict" not in wide.columns:  # a release before 0.3.0
        wide = wide.with_columns(date_conflict=pl.lit(None, pl.Boolean))
    parts = (places, kinds, counts, totals, stated, names, participants, ships, n_ships)
    for part in (*parts, n_sources, n_remarks, n_date_claims):
        wide = wide.join(part, on="event_id", how="left")
    return (
        wide.with_columns(
            pl.col("n_sources", "n_remarks", "n_date_claims", "n_ship_claims")
            .fill_null(0)
            .cast(pl.Int64),
            pl.col("duration_hours").cast(pl.Float64),
            pl.coalesce("end_date", "start_date").dt.year().cast(pl.Int64).alias("analysis_year"),
        )
        .select(list(COLUMNS))
        .sort("event_id")
    )
