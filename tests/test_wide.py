"""The events_wide view against the normalised tables it is derived from."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

import sino_russian_patrols as srp
from sino_russian_patrols.wide import COLUMNS, SEP, UNATTRIBUTED, events_wide

POLARS_TYPES = {"string": pl.String, "date": pl.Date, "integer": pl.Int64, "number": pl.Float64}


@pytest.fixture(scope="module")
def wide() -> pl.DataFrame:
    return srp.load("events_wide")


def _row(wide: pl.DataFrame, event_id: str) -> dict:
    return wide.filter(pl.col("event_id") == event_id).row(0, named=True)


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


def test_2022_11_30_patrol_keeps_the_disagreeing_counts(wide: pl.DataFrame) -> None:
    row = _row(wide, "2022-11-30-joint-air-patrol")
    assert row["countries"] == "CHN; RUS"
    assert row["places"] == "East China Sea; Pacific Ocean; Sea of Japan"
    assert row["start_date"] == row["end_date"] == dt.date(2022, 11, 30)
    assert row["duration_hours"] == 8
    assert "RUS Tu-95" in row["aircraft_types"].split(SEP)
    assert "CHN H-6" in row["aircraft_types"].split(SEP)
    assert (row["count_min"], row["count_min_reported_by"]) == (2, "Japan; South Korea")
    assert (row["count_max"], row["count_max_reported_by"]) == (4, "South Korea")
    assert (row["total_aircraft_min"], row["total_aircraft_min_reported_by"]) == (4, "Japan")
    assert (row["total_aircraft_max"], row["total_aircraft_max_reported_by"]) == (8, "South Korea")
    assert row["n_sources"] == 1


def test_2022_11_30_counts_agree_with_the_aircraft_table(wide: pl.DataFrame) -> None:
    """Recompute the figures by hand from the aircraft table, independently of wide.py."""
    claims = srp.load("aircraft").filter(
        pl.col("event_id") == "2022-11-30-joint-air-patrol", pl.col("count").is_not_null()
    )
    counts = dict(zip(claims["aircraft_id"], claims["count"], strict=True))
    by = dict(zip(claims["aircraft_id"], claims["reported_by"], strict=True))
    four = [a for a, n in counts.items() if n == 4]
    assert len(four) == 1 and by[four[0]] == "south-korea"
    tu95 = claims.filter(pl.col("aircraft_id") == four[0]).row(0, named=True)
    assert (tu95["country"], tu95["aircraft_type"]) == ("RUS", "Tu-95")
    totals = {who: sum(n for a, n in counts.items() if by[a] == who) for who in set(by.values())}
    assert totals == {"japan": 4, "south-korea": 8}
    row = _row(wide, "2022-11-30-joint-air-patrol")
    assert row["count_min"] == min(counts.values())
    assert row["count_max"] == max(counts.values())
    assert row["total_aircraft_min"] == min(totals.values())
    assert row["total_aircraft_max"] == max(totals.values())


def test_2024_07_24_alaska_patrol(wide: pl.DataFrame) -> None:
    row = _row(wide, "2024-07-24-alaska-joint-air-patrol")
    assert row["n_sources"] == 3
    assert row["countries"] == "CHN; RUS"
    assert row["aircraft_types"] == "CHN H-6; RUS Tu-95MS"
    assert row["places"] == "Alaska; Bering Sea; North Pacific Ocean"
    # No article gives a number of aircraft: nothing is invented.
    assert row["count_min"] is None and row["count_max"] is None
    assert row["total_aircraft_min"] is None
    statements = srp.load("statements").filter(
        pl.col("event_id") == "2024-07-24-alaska-joint-air-patrol"
    )
    assert statements.height > row["n_remarks"] == statements["remark_id"].n_unique() == 3


def test_unattributed_claims_are_labelled(wide: pl.DataFrame) -> None:
    row = _row(wide, "2021-11-19-joint-air-patrol")
    assert (row["count_min"], row["count_max"]) == (2, 2)
    assert row["count_max_reported_by"] == UNATTRIBUTED
    assert row["total_aircraft_max"] == 4


def test_events_without_aircraft_or_remarks(wide: pl.DataFrame) -> None:
    row = _row(wide, "2022-05-joint-air-patrol")
    assert row["date_precision"] == "month"
    assert (row["start_date"], row["end_date"]) == (dt.date(2022, 5, 1), dt.date(2022, 5, 31))
    assert row["countries"] is None and row["aircraft_types"] is None
    assert row["count_min"] is None
    quiet = _row(wide, "2021-08-joint-war-games")
    assert quiet["n_remarks"] == 0
    assert quiet["n_sources"] >= 1


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


def test_the_view_is_derived_not_stored() -> None:
    """Changing a normalised table changes the view: nothing in it is typed in by hand."""
    tables = {name: srp.load(name) for name in srp.tables()}
    tables["aircraft"] = tables["aircraft"].with_columns(
        pl.when(pl.col("aircraft_id") == "004_5e20299e3f0de927-a08")
        .then(9)
        .otherwise(pl.col("count"))
        .alias("count")
    )
    row = events_wide(tables.__getitem__).filter(
        pl.col("event_id") == "2022-11-30-joint-air-patrol"
    )
    assert row["count_max"].item() == 9
    assert row["total_aircraft_max"].item() == 13


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
