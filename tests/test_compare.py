"""`sino-russian-patrols diff OLD NEW`: rows added, removed and changed per table, by primary
key, with the changed columns; text and JSON; run on edited copies of the real package."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from sino_russian_patrols.cli import main
from sino_russian_patrols.compare import diff_packages

ROOT = Path(__file__).resolve().parents[1]
ALASKA = "2024-07-24-alaska-joint-air-patrol"
GONE = "2021-08-joint-war-games"
NEW = "2025-01-01-new-joint-air-patrol"


def rows(table: str) -> int:
    """The number of rows of one table of the committed package."""
    return pl.read_parquet(ROOT / "dataset" / "parquet" / f"{table}.parquet").height


def edit(package: Path, table: str, change: pl.Expr | None = None, **columns: pl.Expr) -> None:
    """Rewrite one table's Parquet file (which diff reads) in the copied package."""
    file = package / "dataset" / "parquet" / f"{table}.parquet"
    frame = pl.read_parquet(file)
    if change is not None:
        frame = frame.filter(change)
    frame.with_columns(**columns).write_parquet(file)


@pytest.fixture
def edited(package_copy: Path) -> Path:
    """The package with one event removed, one added, one edited and one aircraft count changed."""
    events_file = package_copy / "dataset" / "parquet" / "events.parquet"
    events = pl.read_parquet(events_file)
    added = events.filter(pl.col("event_id") == ALASKA).with_columns(event_id=pl.lit(NEW))
    events = events.filter(pl.col("event_id") != GONE).with_columns(
        summary=pl.when(pl.col("event_id") == ALASKA)
        .then(pl.lit("An edited summary."))
        .otherwise("summary"),
        duration_hours=pl.when(pl.col("event_id") == ALASKA)
        .then(pl.lit(99.0))
        .otherwise("duration_hours"),
    )
    pl.concat([events, added]).sort("event_id").write_parquet(events_file)
    aircraft_file = package_copy / "dataset" / "parquet" / "aircraft.parquet"
    aircraft = pl.read_parquet(aircraft_file)
    first = aircraft["aircraft_id"][0]
    aircraft.with_columns(
        count=pl.when(pl.col("aircraft_id") == first).then(pl.lit(999)).otherwise("count")
    ).write_parquet(aircraft_file)
    return package_copy


def test_identical_packages(package_copy: Path, capsys: pytest.CaptureFixture) -> None:
    result = diff_packages(ROOT, package_copy / "datapackage.json")
    assert result.identical
    assert {t.status for t in result.tables} == {"unchanged"}
    assert main(["diff", str(ROOT), str(package_copy)]) == 0
    out = capsys.readouterr().out
    assert f"events: unchanged ({rows('events')} rows)" in out
    assert out.rstrip().endswith("identical")


def test_rows_added_removed_changed(edited: Path) -> None:
    result = diff_packages(ROOT / "datapackage.json", edited)
    assert not result.identical
    tables = {t.table: t for t in result.tables}
    events = tables["events"]
    assert events.status == "changed"
    assert events.primary_key == ["event_id"]
    assert events.added == [{"event_id": NEW}]
    assert events.removed == [{"event_id": GONE}]
    assert [c.key for c in events.changed] == [{"event_id": ALASKA}]
    changed = events.changed[0].columns
    assert set(changed) == {"summary", "duration_hours"}
    assert changed["summary"]["new"] == "An edited summary."
    assert changed["duration_hours"]["new"] == 99.0
    assert events.changed_columns == ["summary", "duration_hours"]
    assert (events.rows_old, events.rows_new) == (rows("events"), rows("events"))

    aircraft = tables["aircraft"]
    assert aircraft.added == [] and aircraft.removed == []
    assert len(aircraft.changed) == 1 and aircraft.changed_columns == ["count"]
    assert aircraft.changed[0].columns["count"]["new"] == 999
    assert all(
        t.status == "unchanged" for name, t in tables.items() if name not in ("events", "aircraft")
    )


def test_text_and_json_output(edited: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["diff", str(ROOT), str(edited)]) == 1
    text = capsys.readouterr().out
    n = rows("events")
    assert f"events: +1 added, -1 removed, ~1 changed ({n} -> {n} rows)" in text
    assert "(columns: summary, duration_hours)" in text
    assert f"  + {NEW}" in text
    assert f"  - {GONE}" in text
    assert f"  ~ {ALASKA}: summary, duration_hours" in text
    assert "aircraft: +0 added, -0 removed, ~1 changed" in text
    assert f"sources: unchanged ({rows('sources')} rows)" in text

    assert main(["diff", str(ROOT), str(edited / "datapackage.json"), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["identical"] is False
    assert report["old"]["version"] == report["new"]["version"]
    events = report["tables"]["events"]
    assert events["added"] == [{"event_id": NEW}]
    assert events["removed"] == [{"event_id": GONE}]
    assert events["changed"][0]["key"] == {"event_id": ALASKA}
    assert events["changed"][0]["columns"]["summary"]["new"] == "An edited summary."
    assert report["tables"]["sources"]["status"] == "unchanged"


def test_composite_keys_dates_and_csv_only_packages(package_copy: Path) -> None:
    """evidence has a five-column key; a package without Parquet is read from its CSV."""
    descriptor_file = package_copy / "datapackage.json"
    descriptor = json.loads(descriptor_file.read_text("utf-8"))
    for resource in descriptor["resources"]:
        resource.pop("parquet", None)
    descriptor["version"] = "0.2.0"
    descriptor_file.write_text(json.dumps(descriptor), encoding="utf-8")
    shutil.rmtree(package_copy / "dataset" / "parquet")
    csv = package_copy / "dataset" / "csv" / "evidence.csv"
    lines = csv.read_text("utf-8").splitlines(keepends=True)
    dropped = lines.pop(1)
    csv.write_text("".join(lines), encoding="utf-8")
    events_csv = package_copy / "dataset" / "csv" / "events.csv"
    events = pl.read_csv(events_csv, infer_schema=False)
    events.with_columns(
        end_date=pl.when(pl.col("event_id") == ALASKA)
        .then(pl.lit("2024-07-25"))
        .otherwise("end_date")
    ).write_csv(events_csv)

    result = diff_packages(ROOT, package_copy)
    assert result.new["version"] == "0.2.0"
    tables = {t.table: t for t in result.tables}
    evidence = tables["evidence"]
    assert evidence.primary_key == [
        "record_table",
        "record_id",
        "source_id",
        "char_start",
        "char_end",
    ]
    assert len(evidence.removed) == 1 and not evidence.added and not evidence.changed
    removed = evidence.removed[0]
    assert dropped.startswith(f"{removed['record_table']},{removed['record_id']},")
    events_diff = tables["events"]
    assert events_diff.changed_columns == ["end_date"]
    assert events_diff.changed[0].columns["end_date"] == {"old": "2024-07-24", "new": "2024-07-25"}
    assert tables["aircraft"].status == "unchanged"  # CSV typed like the Parquet


def test_tables_and_columns_added_or_removed(package_copy: Path) -> None:
    descriptor_file = package_copy / "datapackage.json"
    descriptor = json.loads(descriptor_file.read_text("utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "places"]
    descriptor_file.write_text(json.dumps(descriptor), encoding="utf-8")
    edit(package_copy, "actors", note=pl.lit("new column"))

    tables = {t.table: t for t in diff_packages(ROOT, package_copy).tables}
    assert tables["places"].status == "removed"
    assert len(tables["places"].removed) == tables["places"].rows_old == rows("places") > 0
    assert tables["actors"].status == "changed"
    assert tables["actors"].columns_added == ["note"]
    assert tables["actors"].changed == []

    back = {t.table: t for t in diff_packages(package_copy, ROOT).tables}
    assert back["places"].status == "added"
    assert back["actors"].columns_removed == ["note"]


def test_unreadable_package_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["diff", str(ROOT), str(tmp_path / "nowhere")]) == 2
    assert "no such file; give a datapackage.json or its folder" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["outside", "absolute", "missing", "link"])
def test_a_hostile_resource_path_is_refused_and_nothing_of_it_printed(
    package_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture, where: str
) -> None:
    """`diff` and `site --package` read a package from outside through one confined reader:
    a resource path to a private file is refused (exit 2), its lines never printed; a
    missing file is an error naming it, not a traceback read as "differ"."""
    secret = tmp_path / "id_rsa"
    secret.write_text("id,key\nPRIVATE,KEY-LINE-SHOULD-NOT-SHOW\n", encoding="utf-8")
    path = package_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    actors = next(r for r in descriptor["resources"] if r["name"] == "actors")
    actors.pop("parquet", None)
    link = package_copy / "dataset" / "csv" / "link.csv"
    link.symlink_to(secret)
    actors["path"] = {
        "outside": "../id_rsa",
        "absolute": str(secret),
        "missing": "dataset/csv/nothing.csv",
        "link": "dataset/csv/link.csv",
    }[where]
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert main(["diff", str(ROOT), str(package_copy)]) == 2
    out, err = capsys.readouterr()
    assert "KEY-LINE" not in out + err and "PRIVATE" not in out + err
    assert "Traceback" not in err and "actors" in err
    assert main(["site", str(tmp_path / "site"), "--package", str(package_copy)]) == 2
    out, err = capsys.readouterr()
    assert "KEY-LINE" not in out + err and not (tmp_path / "site").exists()
