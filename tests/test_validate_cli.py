"""`sino-russian-patrols validate` on broken copies of the shipped package.

It never stops at the first problem and never crashes on garbage: each case breaks a copy
(in tmp_path; the real files are never touched) and checks the exit code and the report
line, which names the table, the column and row where there is one, and the rule.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from sino_russian_patrols.cli import main
from sino_russian_patrols.validation import MAX_EXAMPLES, RULES

ROOT = Path(__file__).resolve().parents[1]
COMMAND = Path(sys.executable).parent / "sino-russian-patrols"


@pytest.fixture
def package(package_copy: Path) -> Path:
    """A copy of the shipped package: datapackage.json and dataset/."""
    return package_copy


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


# (break, table, rule, column, row); column and row are None for problems of a whole file
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


@pytest.mark.parametrize(
    ("damage", "table", "rule", "column", "row"),
    CASES,
    ids=[f"{c[0].__name__}-{c[2]}" for c in CASES],
)
def test_garbage_is_reported_not_raised(
    package: Path,
    capsys: pytest.CaptureFixture[str],
    damage: Callable[[Path], None],
    table: str,
    rule: str,
    column: str | None,
    row: str | None,
) -> None:
    damage(package)
    code, out, err = run(package, capsys=capsys)
    assert code == 1, out + err
    assert out.startswith("invalid: ")
    line_for(out, table, rule, column, row)
    assert "check_failed" not in out  # no check crashed on the garbage
    assert "Traceback" not in out + err


def test_every_break_at_once_is_reported(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
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
        damage(package)
    code, out, _ = run(package, capsys=capsys)
    assert code == 1
    for damage, table, rule, column, row in CASES:
        if damage in damages:
            line_for(out, table, rule, column, row)


def test_the_installed_command_reports_through_a_subprocess(package: Path) -> None:
    bad_integer(package)
    truncate_parquet(package)
    result = subprocess.run(
        [str(COMMAND), "validate", str(package)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 1, result.stderr
    line_for(result.stdout, "aircraft", "type", "count", "000_6fdb1ee85ed25e2e-a01")
    line_for(result.stdout, "events", "parquet_unreadable", None, None)
    valid = subprocess.run(
        [str(COMMAND), "validate", str(ROOT / "datapackage.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert valid.returncode == 0, valid.stdout + valid.stderr
    assert valid.stdout.startswith("valid: ")


@pytest.mark.parametrize(
    "content",
    [None, b"", b"{not json", b"\xff\xfe", b"[]", b'{"resources": 3}'],
    ids=["missing", "empty", "not-json", "not-utf8", "a-list", "no-resource-list"],
)
def test_an_unreadable_descriptor_exits_2(
    package: Path, capsys: pytest.CaptureFixture[str], content: bytes | None
) -> None:
    descriptor = package / "datapackage.json"
    if content is None:
        descriptor.unlink()
    else:
        descriptor.write_bytes(content)
    code, out, err = run(package, capsys=capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("error: ") and "datapackage.json" in err


def test_a_valid_copy_exits_0(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(package / "datapackage.json", capsys=capsys)
    assert code == 0
    assert out.startswith("valid: ") and "statements" in out


def test_json_output_parses_and_counts_its_problems(
    package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for damage in (bad_integer, truncate_parquet, reordered_columns, header_only):
        damage(package)
    code, out, _ = run(package, "--format", "json", capsys=capsys)
    assert code == 1
    report = json.loads(out)
    assert report["valid"] is False
    assert report["count"] == len(report["problems"]) > 0
    for problem in report["problems"]:
        assert set(problem) == {"table", "rule", "column", "row", "message"}
        assert problem["rule"] in RULES
    assert {
        "table": "aircraft",
        "rule": "type",
        "column": "count",
        "row": "000_6fdb1ee85ed25e2e-a01",
    }.items() <= next(p for p in report["problems"] if p["rule"] == "type").items()


def test_json_output_of_a_valid_package(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(package, "--format", "json", capsys=capsys)
    report = json.loads(out)
    assert code == 0
    assert report == {**report, "valid": True, "count": 0, "problems": []}
    assert report["rows"]["statements"] > 0


def test_many_broken_rows_are_counted_not_all_listed(
    package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rewrite_csv(package, "evidence", lambda f: f.with_columns(pl.lit("???").alias("record_table")))
    _, out, _ = run(package, "--format", "json", capsys=capsys)
    report = json.loads(out)
    enum = [p for p in report["problems"] if p["rule"] == "enum"]
    assert len(enum) == MAX_EXAMPLES + 1
    rows = pl.read_csv(csv_file(package, "evidence"), infer_schema=False).height
    assert f"and {rows - MAX_EXAMPLES:,} more rows break this rule" in enum[-1]["message"]
    assert report["count"] == len(report["problems"])


def test_the_text_report_reads_well(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad_integer(package)
    reordered_columns(package)
    code, out, _ = run(package, capsys=capsys)
    assert code == 1
    lines = out.splitlines()
    # the verdict first, one indented line per problem, then what each rule means
    assert "what the rules in brackets mean:" in lines
    problems = lines[1 : lines.index("what the rules in brackets mean:")]
    assert lines[0] == f"invalid: {len(problems)} problems in {package / 'datapackage.json'}"
    assert all(line.startswith("  ") and line.endswith("]") for line in problems)
    legend = lines[lines.index("what the rules in brackets mean:") + 1 :]
    assert {line.split()[0] for line in legend} == {"[" + p.rsplit("[", 1)[1] for p in problems}
    assert any(
        line.strip().startswith("[type]") and RULES["type"].description in line for line in legend
    )
    assert "aircraft, row 000_6fdb1ee85ed25e2e-a01, column count: 'two' is not an integer" in out


# Hostile packages: small files that once crashed or hung `validate`, and huge ones that must
# be refused before they are read. Each exits 1 (a finding) or 2 (nothing to validate) with a
# message naming the file, never a traceback.


def _no_traceback(out: str, err: str) -> None:
    assert "Traceback" not in out + err and "check_failed" not in out, (out + err)[-3000:]


def test_a_nul_byte_in_a_resource_path_is_a_finding(
    package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _descriptor(package, lambda d: _resource(d, "events").update(path="dataset/csv/ev\0ents.csv"))
    code, out, err = run(package, capsys=capsys)
    assert code == 1
    assert "NUL byte" in line_for(out, "events", "path", None, None)
    _no_traceback(out, err)


@pytest.mark.parametrize("where", ["top", "resource"])
def test_a_descriptor_nested_too_deep_exits_2(
    package: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    descriptor = package / "datapackage.json"
    if where == "top":  # deeper than the JSON parser's own recursion
        descriptor.write_text('{"resources": ' + "[" * 1200 + "]" * 1200 + "}", encoding="utf-8")
    else:  # parsed, then refused
        _descriptor(
            package, lambda d: d["resources"][0].update(x=json.loads("[" * 200 + "]" * 200))
        )
    code, out, err = run(package, capsys=capsys)
    assert code == 2 and out == ""
    assert "datapackage.json" in err and "nested more than 64 levels deep" in err
    _no_traceback(out, err)


def test_a_huge_descriptor_is_refused_unread(
    package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sino_russian_patrols.package import MAX_DESCRIPTOR_BYTES

    with (package / "datapackage.json").open("r+b") as f:
        f.truncate(MAX_DESCRIPTOR_BYTES + 1)  # sparse: costs no disk; read, it would be parsed
    code, out, err = run(package, capsys=capsys)
    assert code == 2 and out == ""
    assert "datapackage.json" in err and f"larger than {MAX_DESCRIPTOR_BYTES:,} bytes" in err
    _no_traceback(out, err)


def test_a_descriptor_that_is_a_fifo_is_refused_not_waited_on(
    package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (package / "datapackage.json").unlink()
    os.mkfifo(package / "datapackage.json")
    code, _, err = run(package, capsys=capsys)
    assert code == 2 and "datapackage.json" in err and "not a regular file" in err


@pytest.mark.parametrize("declared", [True, False], ids=["bytes-declared", "no-bytes"])
@pytest.mark.parametrize("kind", ["CSV", "Parquet"])
def test_a_sparse_2_gb_file_is_refused_unread(
    package: Path, capsys: pytest.CaptureFixture[str], kind: str, declared: bool
) -> None:
    """Its size is compared before it is hashed or parsed: 2 GB are never read."""
    file = csv_file(package, "statements") if kind == "CSV" else parquet_file(package, "statements")
    with file.open("r+b") as f:
        f.truncate(2 * 10**9)
    if not declared:
        spec = (lambda d: _resource(d, "statements")) if kind == "CSV" else None

        def drop(d: dict) -> None:
            (spec(d) if spec else _resource(d, "statements")["parquet"]).pop("bytes")

        _descriptor(package, drop)
    code, out, err = run(package, capsys=capsys)
    assert code == 1
    if declared:
        line = line_for(out, "statements", "bytes", None, None)
        assert "2,000,000,000 bytes" in line and "not read" in line
    else:
        line = line_for(out, "statements", "file_missing", None, None)
        assert "2,000,000,000 bytes" in line and "the largest file validate reads" in line
    assert "[hash]" not in out  # never hashed
    _no_traceback(out, err)


def test_a_resource_file_that_is_a_fifo_is_refused_not_waited_on(
    package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file(package, "places").unlink()
    os.mkfifo(csv_file(package, "places"))
    code, out, err = run(package, capsys=capsys)
    assert code == 1
    assert "is not a file" in line_for(out, "places", "file_missing", None, None)
    _no_traceback(out, err)


def _first_cell(package: Path, table: str, column: str, value: str) -> None:
    """Set one cell and record the file's new size and hash, as a build would."""
    set_first_cell(package, table, column, value)
    data = csv_file(package, table).read_bytes()
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    _descriptor(package, lambda d: _resource(d, table).update(bytes=len(data), hash=digest))


def test_megabytes_in_one_value_print_a_few_characters(
    package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cell, a row key, a column name, a path and descriptor values of 3 MB each: every
    message quotes at most 80 characters of each, and says how many more there were."""
    huge = "x" * 3_000_000
    _first_cell(package, "actors", "actor_id", huge)  # a row key too
    _first_cell(package, "aircraft", "count", huge)
    _first_cell(package, "statements", "text", huge)  # a span that no longer matches
    header = csv_file(package, "places").read_bytes().split(b"\n", 1)
    csv_file(package, "places").write_bytes(header[0] + b"," + huge.encode() + b"\n" + header[1])

    def change(d: dict) -> None:
        d["version"] = huge
        _resource(d, "event_routes").update(path=huge)
        _resource(d, "sources")["parquet"].update(hash=huge)
        _resource(d, "places").pop("bytes")

    _descriptor(package, change)
    for form in ("text", "json"):
        code, out, err = run(package, "--format", form, capsys=capsys)
        assert code == 1
        assert len(out) + len(err) < 200_000, len(out)
        assert f"… ({3_000_000 - 80:,} more characters)" in out
        _no_traceback(out, err)
    code, out, _ = run(package, capsys=capsys)
    cut = "'" + "x" * 80 + "'… (2,999,920 more characters)"
    row = "000_6fdb1ee85ed25e2e-a01"
    assert f"{cut} is not an integer" in line_for(out, "aircraft", "type", "count", row)
    assert "x" * 201 not in out  # a row key is cut too


def test_a_broken_schema_file_is_named_and_nothing_is_validated(
    package: Path, tmp_path: Path
) -> None:
    from sino_russian_patrols.validation import UnreadablePackage, validate_package

    schemas = tmp_path / "schema"
    shutil.copytree(ROOT / "schema", schemas)
    (schemas / "events.json").write_text('{"fields": [', encoding="utf-8")
    with pytest.raises(UnreadablePackage, match=r"schema/events.json:1: not valid JSON"):
        validate_package(package, schema_dir=schemas)
    (schemas / "events.json").unlink()
    (schemas / "events.json").mkdir()
    with pytest.raises(UnreadablePackage, match=r"schema/events.json: a directory"):
        validate_package(package, schema_dir=schemas)


def test_a_count_beyond_64_bits_is_a_type_finding(
    package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_first_cell(package, "aircraft", "count", "99999999999999999999")
    code, out, err = run(package, capsys=capsys)
    assert code == 1
    line = line_for(out, "aircraft", "type", "count", "000_6fdb1ee85ed25e2e-a01")
    assert "'99999999999999999999' is not an integer" in line
    _no_traceback(out, err)
