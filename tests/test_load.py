"""The loading API on the real data: load, load_all, tables, describe, source_text, path,
connect; errors that list the valid choices; and imports kept light (no timing here: the
speed ratio is measured by benchmarks/bench_load.py)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

import sino_russian_patrols as srp
from sino_russian_patrols.schema import TABLES, polars_dtypes, read_schema

ROOT = Path(__file__).resolve().parents[1]
ALASKA = "2024-07-24-alaska-joint-air-patrol"
# The tables the data contract names; 0.2 adds more.
CONTRACT_TABLES = {
    "sources", "events", "aircraft", "actors", "actor_aliases", "statements",
    "places", "event_places", "evidence",
}  # fmt: skip
PATROLS = {
    "2019-07-23-joint-air-patrol", "2020-12-22-joint-air-patrol", "2021-11-19-joint-air-patrol",
    "2022-05-joint-air-patrol", "2022-11-30-joint-air-patrol", "2023-06-06-joint-air-patrol",
    "2023-12-14-joint-air-patrol", ALASKA, "2024-11-30-joint-air-patrol",
    "2025-12-09-joint-air-patrol",
}  # fmt: skip


def _rows_in_csv(name: str) -> int:
    return pl.read_csv(ROOT / "dataset" / "csv" / f"{name}.csv", infer_schema=False).height


def test_tables_lists_the_contract_tables() -> None:
    assert srp.tables() == TABLES
    assert set(srp.tables()) >= CONTRACT_TABLES
    assert len(set(srp.tables())) == len(srp.tables())
    schemas = {p.stem for p in (ROOT / "schema").glob("*.json")}
    descriptor = json.loads((srp.data_root() / "datapackage.json").read_text("utf-8"))
    assert set(srp.tables()) == schemas == {r["name"] for r in descriptor["resources"]}


def test_load_events() -> None:
    events = srp.load("events")
    assert isinstance(events, pl.DataFrame)
    assert events.height == _rows_in_csv("events")
    assert events["event_id"].is_unique().all()
    assert events["event_id"].to_list() == sorted(events["event_id"].to_list())
    alaska = events.filter(pl.col("event_id") == ALASKA).row(0, named=True)
    assert alaska["event_type"] == "joint_air_patrol"
    assert alaska["start_date"] == dt.date(2024, 7, 24)
    assert alaska["date_precision"] == "day"
    assert events.schema["start_date"] == pl.Date
    assert set(events.filter(pl.col("event_type") == "joint_air_patrol")["event_id"]) >= PATROLS


def test_load_every_table_with_typed_columns() -> None:
    frames = srp.load_all()
    assert tuple(frames) == srp.tables()
    rows = {name: frame.height for name, frame in frames.items()}
    assert all(n > 0 for n in rows.values())
    assert rows == {name: _rows_in_csv(name) for name in srp.tables()}
    # One source per archived article.
    assert rows["sources"] == len(list((ROOT / "build" / "articles").glob("*.txt")))
    for name, frame in frames.items():
        assert dict(frame.schema) == polars_dtypes(read_schema(ROOT / "schema", name)), name
    assert frames["aircraft"].schema["count"] == pl.Int64
    assert frames["aircraft"].schema["is_total"] == pl.Boolean
    assert frames["statements"].schema["char_start"] == pl.Int64
    assert frames["statements"].schema["said_date"] == pl.Date
    descriptor = json.loads((srp.data_root() / "datapackage.json").read_text("utf-8"))
    for resource in descriptor["resources"]:
        names = [f["name"] for f in resource["schema"]["fields"]]
        assert frames[resource["name"]].columns == names


def test_columns_lazy_and_backends() -> None:
    picked = srp.load("events", columns=["start_date", "event_id"])
    assert picked.columns == ["start_date", "event_id"]
    lazy = srp.load("events", lazy=True)
    assert isinstance(lazy, pl.LazyFrame)
    patrols = lazy.filter(pl.col("event_type") == "joint_air_patrol").collect()
    assert set(patrols["event_id"]) >= PATROLS
    events = srp.load("events")
    assert patrols.equals(events.filter(pl.col("event_type") == "joint_air_patrol"))

    assert srp.load("events", columns="event_id").columns == ["event_id"]  # not its letters
    assert srp.load("events", columns=("event_id",), lazy=True).collect().columns == ["event_id"]

    pandas = pytest.importorskip("pandas")
    frame = srp.load("events", backend="pandas")
    assert isinstance(frame, pandas.DataFrame)
    assert len(frame) == events.height and ALASKA in set(frame["event_id"])
    pyarrow = pytest.importorskip("pyarrow")
    table = srp.load("aircraft", backend="pyarrow", columns=["aircraft_id", "count"])
    assert isinstance(table, pyarrow.Table)
    assert table.column_names == ["aircraft_id", "count"]


def test_pandas_keeps_nullable_integers_booleans_and_dates() -> None:
    pytest.importorskip("pandas")
    for name in srp.tables():
        frame = srp.load(name, backend="pandas")
        for column, dtype in srp.load(name).schema.items():
            kind = str(frame[column].dtype)
            if dtype.is_integer():
                assert kind == str(dtype), (name, column, kind)  # Int64: nulls stay <NA>
            elif dtype == pl.Boolean:
                assert kind == "boolean", (name, column, kind)
            elif dtype == pl.Date:
                assert kind.startswith("datetime64"), (name, column, kind)
    aircraft = srp.load("aircraft", backend="pandas")
    polars_counts = srp.load("aircraft")["count"]
    assert aircraft["count"].isna().sum() == polars_counts.null_count()
    assert aircraft["count"].dropna().tolist() == polars_counts.drop_nulls().to_list()
    events = srp.load("events", backend="pandas").set_index("event_id")
    assert events.loc[ALASKA, "start_date"].date() == dt.date(2024, 7, 24)


def test_events_wide_view() -> None:
    wide = srp.load("events_wide")
    assert wide.height == srp.load("events").height
    assert wide["event_id"].to_list() == srp.load("events")["event_id"].to_list()
    alaska = wide.filter(pl.col("event_id") == ALASKA).row(0, named=True)
    assert "Bering Sea" in (alaska["places"] or "")
    assert set((alaska["countries"] or "").split("; ")) >= {"CHN", "RUS"}


def test_unknown_names_list_the_valid_choices() -> None:
    with pytest.raises(ValueError, match="unknown table 'event'; did you mean 'events'") as caught:
        srp.load("event")  # type: ignore[call-overload]
    for name in (*srp.tables(), "events_wide"):
        assert name in str(caught.value)
    with pytest.raises(ValueError, match="did you mean 'places'"):
        srp.describe("place")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="did you mean 'aircraft'"):
        srp.path("aircrafts")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown table 'nope'; the tables are: sources, events"):
        srp.describe("nope")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="the tables are"):
        srp.path("nope")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown column"):
        srp.load("events", columns="colour")
    with pytest.raises(ValueError, match="choose one of: polars, pandas, pyarrow"):
        srp.load("events", backend="spark")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="choose one of: parquet, csv"):
        srp.path("events", "xlsx")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="its columns are: event_id"):
        srp.load("events", columns=["event_id", "colour"])
    with pytest.raises(ValueError, match="backend='polars' only"):
        srp.load("events", backend="pandas", lazy=True)  # type: ignore[call-overload]


def test_describe_is_the_codebook_of_a_table() -> None:
    codebook = srp.describe("events")
    assert codebook.columns[:3] == ["column", "type", "required"]
    assert codebook["column"].to_list() == srp.load("events").columns
    event_id = codebook.filter(pl.col("column") == "event_id").row(0, named=True)
    assert event_id["primary_key"] and event_id["required"]
    values = codebook.filter(pl.col("column") == "date_precision")["values"].item().to_list()
    assert [v.split(":")[0] for v in values] == ["day", "month", "year", "unknown"]


def test_source_text_and_spans() -> None:
    text = srp.source_text("001_8e58578bad5de279")
    assert isinstance(text, str) and len(text) > 100
    statements = srp.load("statements").filter(pl.col("source_id") == "001_8e58578bad5de279")
    for row in statements.iter_rows(named=True):
        assert text[row["char_start"] : row["char_end"]] == row["text"]
    with pytest.raises(KeyError, match="the sources are: 000_6fdb1ee85ed25e2e"):
        srp.source_text("999_0000000000000000")
    with pytest.raises(TypeError, match=r"source_id must be text like .*, not int 1"):
        srp.source_text(1)  # type: ignore[arg-type]


def test_path_points_at_real_files() -> None:
    for name in srp.tables():
        parquet, csv = srp.path(name), srp.path(name, "csv")
        assert parquet.is_file() and parquet.suffix == ".parquet"
        assert csv.is_file() and csv.suffix == ".csv"
        assert pl.read_csv(csv).height == srp.load(name).height
    assert (srp.data_root() / "datapackage.json").is_file()


def test_connect_answers_which_patrols_crossed_the_sea_of_japan() -> None:
    pytest.importorskip("duckdb")
    con = srp.connect()
    patrols = con.sql(
        """
        SELECT DISTINCT e.event_id
        FROM events e JOIN event_places ep USING (event_id) JOIN places p USING (place_id)
        WHERE e.event_type = 'joint_air_patrol' AND p.name = 'Sea of Japan'
        ORDER BY e.event_id
        """
    ).fetchall()
    crossed = [r[0] for r in patrols]
    assert set(crossed) >= {"2021-11-19-joint-air-patrol", "2022-11-30-joint-air-patrol"}
    assert ALASKA not in crossed
    # The same question asked of the polars tables gives the same answer.
    expected = (
        srp.load("events")
        .filter(pl.col("event_type") == "joint_air_patrol")
        .join(srp.load("event_places"), on="event_id")
        .join(srp.load("places"), on="place_id")
        .filter(pl.col("name") == "Sea of Japan")["event_id"]
        .unique()
        .sort()
        .to_list()
    )
    assert crossed == expected
    views = {r[0] for r in con.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal")
             .fetchall()}  # fmt: skip
    assert views == {*srp.tables(), *srp.views()}
    for name in srp.tables():
        assert con.sql(f"SELECT count(*) FROM {name}").fetchall() == [(srp.load(name).height,)]
    events = srp.load("events").height
    assert con.sql("SELECT count(*) FROM events_wide").fetchall() == [(events,)]


def test_import_and_load_stay_light() -> None:
    """import + load("events") must not pull pandas, pandera, frictionless (nor the optional
    duckdb, pyarrow, pooch): they would cost a cold start far more than reading the table."""
    code = (
        "import sys, json; import sino_russian_patrols as srp; srp.load('events');"
        "srp.load('events', columns=['event_id']); srp.path('events', 'csv');"
        "print(json.dumps(sorted(sys.modules)))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    modules = {m.split(".")[0] for m in json.loads(run.stdout)}
    heavy = {"pandas", "pandera", "frictionless", "duckdb", "pyarrow", "pooch", "requests"}
    assert modules.isdisjoint(heavy), sorted(modules & heavy)
    assert "polars" in modules


def test_describe_covers_the_view_too() -> None:
    wide = srp.describe("events_wide")
    assert wide["column"].to_list() == srp.load("events_wide").columns
    assert wide.filter(pl.col("column") == "event_id")["primary_key"].item() is True
