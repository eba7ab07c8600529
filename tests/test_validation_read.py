"""Reading a resource's files (validation/read.py): paths, sizes and hashes against the
descriptor, the CSV file's encoding, syntax and header, and each value's type.

Each case breaks a copy of the shipped package (in tmp_path; the real files are never
touched) and checks the exit code of `validate` and the report line, which names the table,
the column and row where there is one, and the rule. Hostile files (a NUL byte in a path, a
FIFO, a sparse 2 GB file) are refused before they are read. The helpers that break a copy
serve the tests of the command and of the report too.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from sino_russian_patrols.cli import main
from sino_russian_patrols.rules import message
from sino_russian_patrols.validation import validate_package
from sino_russian_patrols.validation.read import MAX_FILE_BYTES
from sino_russian_patrols.validation.report import show

ROOT = Path(__file__).resolve().parents[1]


def run(path: Path, *options: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["validate", str(path), *options])
    out, err = capsys.readouterr()
    return code, out, err


def csv_file(package: Path, table: str) -> Path:
    return package / "dataset" / "csv" / f"{table}.csv"


def parquet_file(package: Path, table: str) -> Path:
    return package / "dataset" / "parquet" / f"{table}.parquet"


def rewrite_csv(package: Path, table: str, change: Callable[[pl.DataFrame], pl.DataFrame]) -> None:
    path = csv_file(package, table)
    frame = pl.read_csv(path, infer_schema=False)
    change(frame).write_csv(path, line_terminator="\n")


def truncate_parquet(p: Path) -> None:
    data = parquet_file(p, "events").read_bytes()
    parquet_file(p, "events").write_bytes(data[: len(data) // 2])


def junk_in_csv(p: Path) -> None:
    data = csv_file(p, "actors").read_bytes()
    csv_file(p, "actors").write_bytes(data[:200] + bytes(range(256)) + data[200:])


def csv_missing(p: Path) -> None:
    csv_file(p, "places").unlink()


def parquet_missing(p: Path) -> None:
    parquet_file(p, "places").unlink()


def header_only(p: Path) -> None:
    first = csv_file(p, "actor_aliases").read_bytes().split(b"\n")[0]
    csv_file(p, "actor_aliases").write_bytes(first + b"\n")


def zero_bytes(p: Path) -> None:
    csv_file(p, "event_places").write_bytes(b"")


def extra_column(p: Path) -> None:
    rewrite_csv(p, "aircraft", lambda f: f.with_columns(pl.lit("x").alias("notes")))


def missing_column(p: Path) -> None:
    rewrite_csv(p, "evidence", lambda f: f.drop("quote"))


def reordered_columns(p: Path) -> None:
    rewrite_csv(p, "statements", lambda f: f.select(reversed(f.columns)))


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


def set_first_cell(p: Path, table: str, column: str, value: str) -> None:
    rewrite_csv(
        p,
        table,
        lambda f: f.with_columns(
            pl.when(pl.int_range(pl.len()) == 0).then(pl.lit(value)).otherwise(column).alias(column)
        ),
    )


def bad_integer(p: Path) -> None:
    set_first_cell(p, "aircraft", "count", "two")


def _descriptor(p: Path, change: Callable[[dict], None]) -> None:
    path = p / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor), encoding="utf-8")


def _resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def resource_missing(p: Path) -> None:
    _descriptor(p, lambda d: d["resources"].remove(_resource(d, "aircraft")))


def schema_missing(p: Path) -> None:
    _descriptor(p, lambda d: _resource(d, "actors").pop("schema"))


def path_outside(p: Path) -> None:
    _descriptor(p, lambda d: _resource(d, "actor_aliases").update(path="../../etc/passwd"))


def resource_not_an_object(p: Path) -> None:
    _descriptor(p, lambda d: d["resources"].append("junk"))


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


def line_for(out: str, table: str, rule: str, column: str | None, row: str | None) -> str:
    """The report line of this problem; the location reads `table, row R, column C:`."""
    where = table + (f", row {row}" if row else "") + (f", column {column}" if column else "")
    found = [line for line in out.splitlines() if line.strip().startswith(where + ":")]
    found = [line for line in found if line.endswith(f"[{rule}]")]
    assert found, f"no line for {where} [{rule}] in:\n{out}"
    return found[0]


def message_of(line: str) -> str:
    """The message of a report line `table, row R, column C: message [rule]`."""
    return line.strip().split(": ", 1)[1].rsplit(" [", 1)[0]


def _no_traceback(out: str, err: str) -> None:
    assert "Traceback" not in out + err and "check_failed" not in out, (out + err)[-3000:]


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
    code, out, err = run(package_copy, capsys=capsys)
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
    code, out, _ = run(package_copy, capsys=capsys)
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
    _descriptor(
        package_copy, lambda d: _resource(d, "events").update(path="dataset/csv/ev\0ents.csv")
    )
    code, out, err = run(package_copy, capsys=capsys)
    assert code == 1
    line = line_for(out, "events", "path", None, None)
    path = show("dataset/csv/ev\0ents.csv")
    reason = "it holds a NUL byte"
    assert message_of(line) == message("path", "unusable", label="CSV", path=path, reason=reason)
    _no_traceback(out, err)


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
        resource = _resource(d, "statements")
        return resource if kind == "CSV" else resource["parquet"]

    recorded = spec(json.loads((package_copy / "datapackage.json").read_text(encoding="utf-8")))
    if not declared:
        _descriptor(package_copy, lambda d: spec(d).pop("bytes"))
    code, out, err = run(package_copy, capsys=capsys)
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
    _no_traceback(out, err)


def test_a_resource_file_that_is_a_fifo_is_refused_not_waited_on(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file(package_copy, "places").unlink()
    os.mkfifo(csv_file(package_copy, "places"))
    code, out, err = run(package_copy, capsys=capsys)
    assert code == 1
    line = line_for(out, "places", "file_missing", None, None)
    name = "dataset/csv/places.csv"
    assert message_of(line) == message(
        "file_missing", label="CSV", name=name, reason="is not a file"
    )
    _no_traceback(out, err)


def test_a_count_beyond_64_bits_is_a_type_finding(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_first_cell(package_copy, "aircraft", "count", "99999999999999999999")
    code, out, err = run(package_copy, capsys=capsys)
    assert code == 1
    line = line_for(out, "aircraft", "type", "count", "000_6fdb1ee85ed25e2e-a01")
    assert message_of(line) == message(
        "type", value=show("99999999999999999999"), type="an integer"
    )
    _no_traceback(out, err)


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
