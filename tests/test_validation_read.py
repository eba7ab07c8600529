"""Reading a resource's files (validation/read.py): paths, sizes and hashes against the
descriptor, the CSV file's encoding, syntax and header, and each value's type.

Each case breaks a copy of the shipped package (in tmp_path; the real files are never
touched) and checks the exit code of `validate` and the report line, which names the table,
the column and row where there is one, and the rule. Hostile files (a NUL byte in a path, a
FIFO, a sparse 2 GB file) are refused before they are read. The breaks that the tests of the
command and of the report use too are in helpers.py.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from helpers import (
    ROOT,
    assert_no_traceback,
    bad_integer,
    csv_file,
    edit_descriptor,
    header_only,
    line_for,
    message_of,
    parquet_file,
    reordered_columns,
    resource_of,
    rewrite_csv,
    run_validate,
    set_first_cell,
    truncate_parquet,
)
from sino_russian_patrols.rules import message
from sino_russian_patrols.validation import validate_package
from sino_russian_patrols.validation.read import MAX_FILE_BYTES
from sino_russian_patrols.validation.report import show


def junk_in_csv(p: Path) -> None:
    data = csv_file(p, "actors").read_bytes()
    csv_file(p, "actors").write_bytes(data[:200] + bytes(range(256)) + data[200:])


def csv_missing(p: Path) -> None:
    csv_file(p, "places").unlink()


def parquet_missing(p: Path) -> None:
    parquet_file(p, "places").unlink()


def zero_bytes(p: Path) -> None:
    csv_file(p, "event_places").write_bytes(b"")


def extra_column(p: Path) -> None:
    rewrite_csv(p, "aircraft", lambda f: f.with_columns(pl.lit("x").alias("notes")))


def missing_column(p: Path) -> None:
    rewrite_csv(p, "evidence", lambda f: f.drop("quote"))


def ragged_row(p: Path) -> None:
    header = csv_file(p, "places").read_bytes().split(b"\n")[0]
    with csv_file(p, "places").open("ab") as f:  # one field more than the header
        f.write(b",".join([b"a"] * (len(header.split(b",")) + 1)) + b"\n")


def unclosed_quote(p: Path) -> None:
    with csv_file(p, "places").open("ab") as f:
        f.write(b'"unterminated,x\n')


def parquet_is_not_parquet(p: Path) -> None:
    shutil.copy(csv_file(p, "places"), parquet_file(p, "places"))


def byte_order_mark(p: Path) -> None:
    csv_file(p, "places").write_bytes(b"\xef\xbb\xbf" + csv_file(p, "places").read_bytes())


def resource_missing(p: Path) -> None:
    edit_descriptor(p, lambda d: d["resources"].remove(resource_of(d, "aircraft")))


def schema_missing(p: Path) -> None:
    edit_descriptor(p, lambda d: resource_of(d, "actors").pop("schema"))


def path_outside(p: Path) -> None:
    edit_descriptor(p, lambda d: resource_of(d, "actor_aliases").update(path="../../etc/passwd"))


def resource_not_an_object(p: Path) -> None:
    edit_descriptor(p, lambda d: d["resources"].append("junk"))


CASES = [
    (truncate_parquet, "events", "parquet_unreadable", None, None),
    (junk_in_csv, "actors", "csv_encoding", None, None),
    (csv_missing, "places", "file_missing", None, None),
    (parquet_missing, "places", "file_missing", None, None),
    (header_only, "actor_aliases", "empty", None, None),
    (header_only, "actor_aliases", "csv_parquet", None, None),
    (zero_bytes, "event_places", "csv_empty", None, None),
    (extra_column, "aircraft", "columns_extra", None, None),
    (missing_column, "evidence", "columns_missing", None, None),
    (reordered_columns, "statements", "columns_order", None, None),
    (ragged_row, "places", "csv_unreadable", None, None),
    (unclosed_quote, "places", "csv_unreadable", None, None),
    (parquet_is_not_parquet, "places", "parquet_unreadable", None, None),
    (byte_order_mark, "places", "csv_encoding", None, None),
    (bad_integer, "aircraft", "type", "count", "000_6fdb1ee85ed25e2e-a01"),
    (resource_missing, "aircraft", "resource_missing", None, None),
    (schema_missing, "actors", "schema", None, None),
    (path_outside, "actor_aliases", "path", None, None),
    (resource_not_an_object, "datapackage", "descriptor", None, None),
]


@pytest.mark.parametrize(
    ("damage", "table", "rule", "column", "row"),
    CASES,
    ids=[f"{c[0].__name__}-{c[2]}" for c in CASES],
)
def test_garbage_is_reported_not_raised(
    package_copy: Path,
    capsys: pytest.CaptureFixture[str],
    damage: Callable[[Path], None],
    table: str,
    rule: str,
    column: str | None,
    row: str | None,
) -> None:
    damage(package_copy)
    code, out, err = run_validate(package_copy, capsys=capsys)
    assert code == 1, out + err
    assert out.startswith("invalid: ")
    line_for(out, table, rule, column, row)
    assert "check_failed" not in out  # no check crashed on the garbage
    assert "Traceback" not in out + err


def test_every_break_at_once_is_reported(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # every damage to the files (a damaged descriptor would hide the files it no longer names)
    descriptor_damages = {resource_missing, schema_missing, path_outside, resource_not_an_object}
    damages = {c[0] for c in CASES} - {
        csv_missing,
        parquet_missing,
        unclosed_quote,
        byte_order_mark,
    }
    damages -= descriptor_damages
    for damage in sorted(damages, key=lambda d: d.__name__):
        damage(package_copy)
    code, out, _ = run_validate(package_copy, capsys=capsys)
    assert code == 1
    for damage, table, rule, column, row in CASES:
        if damage in damages:
            line_for(out, table, rule, column, row)


def test_a_schema_with_an_unknown_type_is_reported(broken: Path) -> None:
    path = broken / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    aircraft = next(r for r in descriptor["resources"] if r["name"] == "aircraft")
    aircraft["schema"]["fields"][0]["type"] = "geopoint"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    report = validate_package(broken)
    assert ("aircraft", "schema") in {(f.table, f.rule) for f in report.findings}
    assert "check_failed" not in {f.rule for f in report.findings}


# Hostile files: refused before they are read, each with a finding naming the file ------------


def test_a_nul_byte_in_a_resource_path_is_a_finding(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_descriptor(
        package_copy, lambda d: resource_of(d, "events").update(path="dataset/csv/ev\0ents.csv")
    )
    code, out, err = run_validate(package_copy, capsys=capsys)
    assert code == 1
    line = line_for(out, "events", "path", None, None)
    path = show("dataset/csv/ev\0ents.csv")
    reason = "it holds a NUL byte"
    assert message_of(line) == message("path", "unusable", label="CSV", path=path, reason=reason)
    assert_no_traceback(out, err)


@pytest.mark.parametrize("declared", [True, False], ids=["bytes-declared", "no-bytes"])
@pytest.mark.parametrize("kind", ["CSV", "Parquet"])
def test_a_sparse_2_gb_file_is_refused_unread(
    package_copy: Path, capsys: pytest.CaptureFixture[str], kind: str, declared: bool
) -> None:
    """Its size is compared before it is hashed or parsed: 2 GB are never read."""
    file = (
        csv_file(package_copy, "statements")
        if kind == "CSV"
        else parquet_file(package_copy, "statements")
    )
    with file.open("r+b") as f:
        f.truncate(2 * 10**9)

    def spec(d: dict) -> dict:
        resource = resource_of(d, "statements")
        return resource if kind == "CSV" else resource["parquet"]

    recorded = spec(json.loads((package_copy / "datapackage.json").read_text(encoding="utf-8")))
    if not declared:
        edit_descriptor(package_copy, lambda d: spec(d).pop("bytes"))
    code, out, err = run_validate(package_copy, capsys=capsys)
    assert code == 1
    where = {"label": kind, "name": recorded["path"], "size": 2 * 10**9}
    if declared:  # more than twice the size recorded: not read
        line = line_for(out, "statements", "bytes", None, None)
        said = f"{recorded['bytes']:,}"
        assert message_of(line) == message("bytes", "unread", **where, declared=said)
    else:  # larger than any file validate reads
        line = line_for(out, "statements", "file_missing", None, None)
        expected = message("file_missing", "too_large", **where, limit=MAX_FILE_BYTES)
        assert message_of(line) == expected and MAX_FILE_BYTES < 2 * 10**9
    assert "[hash]" not in out  # never hashed
    assert_no_traceback(out, err)


def test_a_resource_file_that_is_a_fifo_is_refused_not_waited_on(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file(package_copy, "places").unlink()
    os.mkfifo(csv_file(package_copy, "places"))
    code, out, err = run_validate(package_copy, capsys=capsys)
    assert code == 1
    line = line_for(out, "places", "file_missing", None, None)
    name = "dataset/csv/places.csv"
    assert message_of(line) == message(
        "file_missing", label="CSV", name=name, reason="is not a file"
    )
    assert_no_traceback(out, err)


def test_a_count_beyond_64_bits_is_a_type_finding(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_first_cell(package_copy, "aircraft", "count", "99999999999999999999")
    code, out, err = run_validate(package_copy, capsys=capsys)
    assert code == 1
    line = line_for(out, "aircraft", "type", "count", "000_6fdb1ee85ed25e2e-a01")
    assert message_of(line) == message(
        "type", value=show("99999999999999999999"), type="an integer"
    )
    assert_no_traceback(out, err)


@pytest.mark.parametrize("value", ["2021-8-01", "2021-08-1", " 2021-08-01", "2021/08/01"])
def test_a_csv_date_is_exactly_yyyy_mm_dd(
    package_copy: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    """Other readers (R, spreadsheets, frictionless) read only YYYY-MM-DD: a looser form
    that one parser accepts is a type finding, not a date."""
    set_first_cell(package_copy, "event_dates", "end_date", value)
    code, out, err = run_validate(package_copy, capsys=capsys)
    assert code == 1
    first = sorted(
        pl.read_csv(package_copy / "dataset" / "csv" / "event_dates.csv", infer_schema=False)[
            "date_claim_id"
        ]
    )[0]
    line = line_for(out, "event_dates", "type", "end_date", first)
    assert message_of(line) == message("type", value=show(value), type="a date (YYYY-MM-DD)")
    assert_no_traceback(out, err)


def test_a_broken_schema_file_is_named_and_nothing_is_validated(
    package_copy: Path, tmp_path: Path
) -> None:
    from sino_russian_patrols.validation import UnreadablePackage

    schemas = tmp_path / "schema"
    shutil.copytree(ROOT / "schema", schemas)
    (schemas / "events.json").write_text('{"fields": [', encoding="utf-8")
    with pytest.raises(UnreadablePackage, match=r"schema/events.json:1: not valid JSON"):
        validate_package(package_copy, schema_dir=schemas)
    (schemas / "events.json").unlink()
    (schemas / "events.json").mkdir()
    with pytest.raises(UnreadablePackage, match=r"schema/events.json: a directory"):
        validate_package(package_copy, schema_dir=schemas)
