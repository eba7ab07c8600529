"""`validate_package` (validation/__init__.py): it reads the descriptor and every table, runs
every check, and reports each problem as a finding with its rule's code; a crashing check is
a finding too. The independent check: the real frictionless validator agrees with it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest

from helpers import finding_keys
from sino_russian_patrols.rules import message
from sino_russian_patrols.testing import generate
from sino_russian_patrols.validation import checks, validate_package
from sino_russian_patrols.validation.report import show

ROOT = Path(__file__).resolve().parents[1]
FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def test_a_crashing_check_is_reported_and_the_others_still_run(
    broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object) -> None:
        raise RuntimeError("boom")

    spans = [replace(c, run=explode) if c.what == "span" else c for c in checks.CHECKS]
    monkeypatch.setattr(checks, "CHECKS", spans)
    report = validate_package(broken)
    failed = [f for f in report.findings if f.rule == "check_failed"]
    assert len(failed) == 1
    assert (failed[0].table, failed[0].column, failed[0].row) == ("datapackage", None, None)
    assert failed[0].message == message(
        "check_failed", what="span", error="RuntimeError", detail="boom"
    )
    assert {"foreign_key", "enum"} <= {f.rule for f in report.findings}


def test_one_thread_and_two_give_the_same_report(broken: Path) -> None:
    one = validate_package(broken, threads=1)
    two = validate_package(broken, threads=2)
    assert finding_keys(one) == finding_keys(two) != set()
    assert one.text() == two.text()
    assert one.rows == two.rows


def test_the_expected_version_can_be_given(broken: Path) -> None:
    report = validate_package(broken, expected_version="9.9.9")
    (finding,) = [f for f in report.findings if f.rule == "version"]
    assert finding.table == "datapackage"
    found = json.loads((broken / "datapackage.json").read_text(encoding="utf-8"))["version"]
    assert finding.message == message("version", found=show(found), version="9.9.9")


def test_an_extra_resource_is_validated_by_its_own_schema(tmp_path: Path) -> None:
    generate(tmp_path, 20, seed=32)
    frame = pl.DataFrame({"note_id": ["a", "a"], "stars": [3, -1]})
    frame.write_csv(tmp_path / "dataset" / "csv" / "notes.csv")
    frame.write_parquet(tmp_path / "dataset" / "parquet" / "notes.parquet")
    path = tmp_path / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    schema = {
        "fields": [
            {"name": "note_id", "type": "string"},
            {"name": "stars", "type": "integer", "constraints": {"minimum": 0}},
        ],
        "primaryKey": ["note_id"],
    }
    descriptor["resources"].append(
        {
            "name": "notes",
            "path": "dataset/csv/notes.csv",
            "schema": schema,
            "parquet": {"path": "dataset/parquet/notes.parquet"},
        }
    )
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    report = validate_package(tmp_path)
    assert {(f.table, f.rule, f.row) for f in report.findings} == {
        ("notes", "primary_key", "a"),
        ("notes", "minimum", "a"),
        ("notes", "integrity_missing", None),  # its files have no hash and no bytes
    }
    assert report.rows["notes"] == 2


# The independent check: frictionless -------------------------------------------------------


def _frictionless_cli(descriptor: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", descriptor.name],
        cwd=descriptor.parent,
        capture_output=True,
        text=True,
        check=False,
    )


def test_frictionless_validates_the_shipped_package() -> None:
    result = _frictionless_cli(ROOT / "datapackage.json")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["valid"] is True
    names = {task["name"] for task in report["tasks"]}
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert names == {r["name"] for r in descriptor["resources"]}
    assert all(task["valid"] for task in report["tasks"])


def test_frictionless_python_api_agrees_with_our_validator_on_the_shipped_package() -> None:
    from frictionless import validate

    report = validate(str(ROOT / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    assert validate_package(ROOT).valid


def test_frictionless_validates_a_synthetic_package(tmp_path: Path) -> None:
    descriptor = generate(tmp_path, 200, seed=21)
    result = _frictionless_cli(descriptor)
    assert result.returncode == 0, result.stdout[-3000:]
    assert validate_package(descriptor).valid


def test_a_descriptor_pointing_readers_elsewhere_is_refused(package_copy: Path) -> None:
    """A descriptor that names genuine copies in another folder, beside a forged file at the
    path `load` reads, does not validate: the files validate checks are the ones load reads."""
    import shutil

    elsewhere = package_copy / "genuine"
    elsewhere.mkdir()
    shutil.copy2(package_copy / "dataset" / "parquet" / "aircraft.parquet", elsewhere)
    path = package_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    aircraft = next(r for r in descriptor["resources"] if r["name"] == "aircraft")
    aircraft["parquet"]["path"] = "genuine/aircraft.parquet"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    report = validate_package(package_copy)
    found = {(f.table, f.rule) for f in report.findings}
    assert ("aircraft", "resource_path") in found and not report.valid
