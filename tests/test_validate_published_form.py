"""Two properties of the published form: inline schemas equal schema/, rows in key order."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import polars as pl

from sino_russian_patrols.cli import main
from sino_russian_patrols.write import write_csv, write_parquet


def _rehash(package: Path) -> None:
    """Make datapackage.json's hash and bytes match the files again."""
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        for spec in (resource, resource["parquet"]):
            data = (package / spec["path"]).read_bytes()
            spec["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
            spec["bytes"] = len(data)
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def test_a_loosened_inline_schema_is_caught(package_copy: Path, capsys) -> None:
    path = package_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    field = next(f for f in events["schema"]["fields"] if f["name"] == "event_type")
    del field["constraints"]["enum"]
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    assert main(["validate", str(package_copy)]) == 1
    out = capsys.readouterr().out
    assert "events" in out and "[schema_drift]" in out and "event_type" in out


def test_rows_out_of_key_order_are_caught(package_copy: Path, capsys) -> None:
    frame = pl.read_parquet(package_copy / "dataset" / "parquet" / "actors.parquet")
    reversed_rows = frame.reverse()
    write_csv(reversed_rows, package_copy / "dataset" / "csv" / "actors.csv")
    write_parquet(reversed_rows, package_copy / "dataset" / "parquet" / "actors.parquet")
    _rehash(package_copy)
    assert main(["validate", str(package_copy)]) == 1
    out = capsys.readouterr().out
    assert "actors" in out and "[row_order]" in out and "sorted by actor_id" in out


def test_the_shipped_package_passes_both_engines(root: Path) -> None:
    assert main(["validate", str(root)]) == 0
    assert main(["validate", str(root), "--engine", "pandera"]) == 0
