"""The events_wide view against the normalised tables it is derived from."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

import sino_russian_patrols as srp
from sino_russian_patrols.wide import COLUMNS, SEP, UNATTRIBUTED, events_wide

POLARS_TYPES = {
    "string": pl.String,
    "date": pl.Date,
    "integer": pl.Int64,
    "number": pl.Float64,
    "boolean": pl.Boolean,
}
NOV_2022 = "2022-11-30-joint-air-patrol"
ALASKA = "2024-07-24-alaska-joint-air-patrol"
USNI = "004_5e20299e3f0de927"  # the account of 30 November 2022 with Japan's and Korea's counts
SEED_ALASKA = ("000_6fdb1ee85ed25e2e", "001_8e58578bad5de279", "002_5c8dff17ab31933d")


@pytest.fixture(scope="module")
def wide() -> pl.DataFrame:
    return srp.load("events_wide")


@pytest.fixture(scope="module")
def tables() -> dict[str, pl.DataFrame]:
    return {name: srp.load(name) for name in srp.tables()}


def _row(wide: pl.DataFrame, event_id: str) -> dict:
    return wide.filter(pl.col("event_id") == event_id).row(0, named=True)


def _as_told_by(tables: dict[str, pl.DataFrame], *sources: str) -> pl.DataFrame:
    """The view computed from what some sources say: every row that a source attributes (a
    claim, a statement, a span) is kept only for those sources. Facts about one article's
    account stay true however many articles are added."""

    def table(name: str) -> pl.DataFrame:
        frame = tables[name]
        if "source_id" in frame.columns:
            frame = frame.filter(pl.col("source_id").is_in(list(sources)))
        return frame

    return events_wide(table)


def test_columns_and_types_are_the_documented_ones(wide: pl.DataFrame) -> None:
    assert wide.columns == list(COLUMNS)
    assert dict(wide.schema) == {name: POLARS_TYPES[kind] for name, (kind, _) in COLUMNS.items()}


def test_one_row_per_event(wide: pl.DataFrame) -> None:
    events = srp.load("events")
    assert wide["event_id"].to_list() == sorted(events["event_id"].to_list())
    same = ["event_type", "summary", "start_date", "end_date", "date_precision", "date_basis"]
    joined = wide.join(events, on="event_id", suffix="_events")
    for column in [*same, "duration_hours", "parent_event_id"]:
        assert joined[column].equals(joined[f"{column}_events"]), column


def test_2022_11_30_patrol_keeps_the_disagreeing_counts(tables: dict) -> None:
    row = _row(_as_told_by(tables, USNI), NOV_2022)
    assert row["countries"] == "CHN; RUS"
    # every source's places are the event's: another report may add one
    assert {"East China Sea", "Pacific Ocean", "Sea of Japan"} <= set(row["places"].split(SEP))
    assert row["start_date"] == row["end_date"] == dt.date(2022, 11, 30)
    assert row["duration_hours"] == 8
    assert "RUS Tu-95" in row["aircraft_types"].split(SEP)
    assert "CHN H-6" in row["aircraft_types"].split(SEP)
    assert (row["count_min"], row["count_min_reported_by"]) == (2, "Japan; South Korea")
    assert (row["count_max"], row["count_max_reported_by"]) == (4, "South Korea")
    assert (row["total_aircraft_min"], row["total_aircraft_min_reported_by"]) == (4, "Japan")
    assert (row["total_aircraft_max"], row["total_aircraft_max_reported_by"]) == (8, "South Korea")
    assert row["total_aircraft_reported"] is None  # nobody gives a total over types
    assert (row["n_sources"], row["n_date_claims"]) == (1, 1)
    # The full view keeps USNI's figures among all others.
    full = _row(srp.load("events_wide"), NOV_2022)
    assert full["count_max"] >= 4 and full["total_aircraft_max"] >= 8
    assert full["n_sources"] >= 1


def _by_hand(aircraft: pl.DataFrame, names: dict[str, str]) -> dict[str, dict]:
    """count_min/max, total_aircraft_min/max and total_aircraft_reported per event, recomputed
    row by row in plain Python, independently of wide.py."""
    out: dict[str, dict] = {}
    for claim in aircraft.iter_rows(named=True):
        if claim["count"] is None or claim["count_qualifier"] != "exact":
            continue
        event = out.setdefault(claim["event_id"], {"counts": [], "totals": {}, "stated": []})
        who = names.get(claim["reported_by"], UNATTRIBUTED)
        if claim["is_total"]:
            event["stated"].append(claim["count"])
            continue
        event["counts"].append(claim["count"])
        key = (who, claim["source_id"])
        event["totals"][key] = event["totals"].get(key, 0) + claim["count"]
    return {
        event_id: {
            "count_min": min(e["counts"], default=None),
            "count_max": max(e["counts"], default=None),
            "total_aircraft_min": min(e["totals"].values(), default=None),
            "total_aircraft_max": max(e["totals"].values(), default=None),
            "total_aircraft_reported": max(e["stated"], default=None),
        }
        for event_id, e in out.items()
    }


def test_counts_agree_with_the_aircraft_table(wide: pl.DataFrame) -> None:
    """Every event's figures, recomputed by hand from the aircraft table."""
    aircraft = srp.load("aircraft")
    names = dict(srp.load("actors").select("actor_id", "name").iter_rows())
    expected = _by_hand(aircraft, names)
    assert expected, "some claims give exact numbers"
    figures = list(next(iter(expected.values())))
    for row in wide.iter_rows(named=True):
        nothing = dict.fromkeys(figures)
        assert {f: row[f] for f in figures} == expected.get(row["event_id"], nothing), row[
            "event_id"
        ]
    # In USNI's account of 30 November 2022: one claim of four, South Korea's Tu-95s.
    usni = aircraft.filter(pl.col("event_id") == NOV_2022, pl.col("source_id") == USNI)
    four = usni.filter(pl.col("count") == 4)
    assert four.select("country", "aircraft_type", "reported_by").rows() == [
        ("RUS", "Tu-95", "south-korea")
    ]
    assert _by_hand(usni, names)[NOV_2022]["total_aircraft_max"] == 8


def test_totals_and_qualified_counts_stay_out_of_per_type_figures(tables: dict) -> None:
    """'A total of 17 aircraft from both countries' is not a count of one type, and a number
    that is not exact is not added up."""
    december = _row(_as_told_by(tables, "009_8cee1cd0c1a63ce1"), "2023-12-14-joint-air-patrol")
    assert (december["count_min"], december["count_max"]) == (2, 2)
    assert december["total_aircraft_max"] == 4  # two H-6 and two Tu-95, by the Joint Staff
    assert december["total_aircraft_reported"] == 17
    # the article is the Defense Ministry's account throughout: the total is its claim
    assert december["total_aircraft_reported_by"] == "Ministry of Defense of Japan"
    assert december["countries"] == "CHN; RUS"  # the total names no country
    may = _row(_as_told_by(tables, "007_7afeb356ef33a806"), "2022-05-joint-air-patrol")
    assert (may["count_max"], may["total_aircraft_reported"]) == (2, 4)
    assert may["total_aircraft_reported_by"] == "Nobuo Kishi"

    # Derived, not stored: South Korea's 'four' made approximate leaves the per-type figures.
    approximate = dict(tables)
    approximate["aircraft"] = tables["aircraft"].with_columns(
        count_qualifier=pl.when(pl.col("aircraft_id") == f"{USNI}-a08")
        .then(pl.lit("approximately"))
        .otherwise("count_qualifier")
    )
    row = _row(_as_told_by(approximate, USNI), NOV_2022)
    assert (row["count_max"], row["total_aircraft_max"]) == (2, 4)
    # ... and a total over both countries never counts as one type.
    total = dict(tables)
    total["aircraft"] = tables["aircraft"].with_columns(
        is_total=pl.col("is_total") | (pl.col("aircraft_id") == f"{USNI}-a08"),
        country=pl.when(pl.col("aircraft_id") == f"{USNI}-a08").then(None).otherwise("country"),
    )
    row = _row(_as_told_by(total, USNI), NOV_2022)
    assert (row["count_max"], row["total_aircraft_reported"]) == (2, 4)
    assert row["total_aircraft_reported_by"] == "South Korea"


def test_2024_07_24_alaska_patrol(tables: dict, wide: pl.DataFrame) -> None:
    row = _row(_as_told_by(tables, *SEED_ALASKA), ALASKA)
    assert row["n_sources"] == 3
    assert row["countries"] == "CHN; RUS"
    assert row["aircraft_types"] == "CHN H-6; RUS Tu-95MS"
    assert row["places"] == "Alaska; Bering Sea; North Pacific Ocean"
    # No article of July 2024 gives a number of aircraft: nothing is invented.
    assert row["count_min"] is None and row["count_max"] is None
    assert row["total_aircraft_min"] is None and row["total_aircraft_reported"] is None
    full = _row(wide, ALASKA)
    assert full["n_sources"] >= 3
    assert {"CHN H-6", "RUS Tu-95MS"} <= set(full["aircraft_types"].split(SEP))
    assert {"Alaska", "Bering Sea", "North Pacific Ocean"} <= set(full["places"].split(SEP))
    statements = srp.load("statements").filter(pl.col("event_id") == ALASKA)
    # Several sources report the same remarks: each remark counts once.
    assert statements.height > full["n_remarks"] == statements["remark_id"].n_unique()
    assert set(statements["remark_id"]) >= {
        "murkowski-unprecedented-provocation",
        "russia-not-aimed-at-third-party",
        "china-not-aimed-at-third-party",
    }


def test_unattributed_claims_are_labelled(tables: dict) -> None:
    row = _row(_as_told_by(tables, "003_879c634248b507b8"), "2021-11-19-joint-air-patrol")
    assert (row["count_min"], row["count_max"]) == (2, 2)
    assert row["count_max_reported_by"] == UNATTRIBUTED
    assert row["total_aircraft_max"] == 4


def test_the_may_2022_patrol_dated_to_the_day(wide: pl.DataFrame) -> None:
    """USNI's 'in May' (0.1.0) and the Japan Times' Tuesday: the day claim decides."""
    row = _row(wide, "2022-05-joint-air-patrol")
    assert row["date_precision"] == "day"
    assert row["start_date"] == row["end_date"] == dt.date(2022, 5, 24)
    assert row["n_date_claims"] >= 2
    assert {"CHN", "RUS"} <= set(row["countries"].split(SEP))


def test_events_without_aircraft_or_remarks(wide: pl.DataFrame) -> None:
    """An event no aircraft claim names has no aircraft figures; one nobody speaks about has
    no remarks; one no source dates has no date claims."""
    aircraft, statements = srp.load("aircraft"), srp.load("statements")
    plain = wide.filter(~pl.col("event_id").is_in(aircraft["event_id"].implode()))
    assert plain.height > 0
    figures = ["countries", "aircraft_types", "count_min", "count_max", "total_aircraft_max"]
    for column in [*figures, "total_aircraft_reported"]:
        assert plain[column].null_count() == plain.height, column
    quiet = wide.filter(~pl.col("event_id").is_in(statements["event_id"].drop_nulls().implode()))
    assert quiet.height > 0 and set(quiet["n_remarks"]) == {0}
    assert (quiet["n_sources"] >= 1).all()
    undated = wide.filter(pl.col("n_date_claims") == 0)
    assert undated["start_date"].null_count() == undated["end_date"].null_count() == undated.height


def test_n_date_claims_counts_each_sources_claims(tables: dict, wide: pl.DataFrame) -> None:
    claims = srp.load("event_dates").group_by("event_id").agg(pl.len().alias("claims"))
    joined = wide.join(claims, on="event_id", how="left").with_columns(
        pl.col("claims").fill_null(0)
    )
    assert joined["n_date_claims"].equals(joined["claims"].cast(pl.Int64), check_names=False)
    # American Military News both states 'Dec. 22, 2020' and says Tuesday: several claims.
    december = _row(_as_told_by(tables, "006_881c97e2585dccbe"), "2020-12-22-joint-air-patrol")
    assert december["n_date_claims"] >= 2
    assert december["date_basis"] == "stated"


def test_countries_name_only_countries(wide: pl.DataFrame) -> None:
    """A total not split by country adds no country: no empty or 'null' entries."""
    for value in wide["countries"].drop_nulls():
        parts = value.split(SEP)
        assert all(len(p) == 3 and p.isupper() for p in parts), value
    for value in wide["aircraft_types"].drop_nulls():
        assert all(len(p.split(" ", 1)[0]) == 3 for p in value.split(SEP)), value


def test_a_release_without_the_0_2_tables_still_gives_the_view(tables: dict) -> None:
    """load("events_wide", version="0.1.0") reads a package without the claim tables and
    without aircraft.is_total / count_qualifier: the view still works."""
    new_tables = {
        "event_dates",
        "event_durations",
        "event_routes",
        "aircraft_types",
        "sequence_claims",
        "airspace_claims",
    }

    def old(name: str) -> pl.DataFrame:
        if name in new_tables:
            raise FileNotFoundError(name)
        frame = (
            tables[name].filter(pl.col("source_id") == USNI) if name == "aircraft" else tables[name]
        )
        return frame.drop("is_total", "count_qualifier", "part_of_flight", strict=False)

    row = _row(events_wide(old), NOV_2022)
    assert (row["count_max"], row["total_aircraft_max"]) == (4, 8)
    assert row["n_date_claims"] == 0 and row["total_aircraft_reported"] is None


def test_n_sources_counts_every_citing_source(wide: pl.DataFrame) -> None:
    evidence = srp.load("evidence")
    for row in wide.iter_rows(named=True):
        event = row["event_id"]
        own = (pl.col("record_table") == "events") & (pl.col("record_id") == event)
        places = (pl.col("record_table") == "event_places") & pl.col("record_id").str.starts_with(
            f"{event}/"
        )
        cited = set(evidence.filter(own | places)["source_id"])
        cited |= set(srp.load("aircraft").filter(pl.col("event_id") == event)["source_id"])
        cited |= set(srp.load("statements").filter(pl.col("event_id") == event)["source_id"])
        assert row["n_sources"] == len(cited), event


def test_the_view_is_derived_not_stored(tables: dict) -> None:
    """Changing a normalised table changes the view: nothing in it is typed in by hand."""
    changed = dict(tables)
    changed["aircraft"] = tables["aircraft"].with_columns(
        pl.when(pl.col("aircraft_id") == f"{USNI}-a08")
        .then(9)
        .otherwise(pl.col("count"))
        .alias("count")
    )
    row = _row(_as_told_by(changed, USNI), NOV_2022)
    assert row["count_max"] == 9
    assert row["total_aircraft_max"] == 13
    full = events_wide(changed.__getitem__).filter(pl.col("event_id") == NOV_2022)
    assert full["count_max"].item() >= 9


def test_backends_and_sql(wide: pl.DataFrame) -> None:
    assert srp.load("events_wide", backend="pandas").shape == wide.shape
    assert srp.load("events_wide", columns=["event_id", "n_sources"]).columns == [
        "event_id",
        "n_sources",
    ]
    con = srp.connect()
    patrols = con.sql(
        "SELECT event_id, n_sources FROM events_wide "
        "WHERE event_type = 'joint_air_patrol' ORDER BY event_id"
    ).fetchall()
    assert (
        patrols
        == wide.filter(pl.col("event_type") == "joint_air_patrol")
        .select("event_id", "n_sources")
        .rows()
    )


def test_an_event_counts_in_the_year_of_its_latest_possible_day(wide: pl.DataFrame) -> None:
    """analysis_year: the year of end_date, else of start_date; a report-dated event (no
    start) is never dropped from a count by year."""
    for row in wide.iter_rows(named=True):
        latest = row["end_date"] or row["start_date"]
        assert row["analysis_year"] == (latest.year if latest else None), row["event_id"]
    report_dated = wide.filter(pl.col("start_date").is_null(), pl.col("end_date").is_not_null())
    assert report_dated["analysis_year"].null_count() == 0
