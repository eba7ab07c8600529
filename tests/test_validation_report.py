"""The report of a validation (validation/report.py): findings in a stable order, the text
report (one line per problem, then what each rule means), the JSON report, at most
MAX_EXAMPLES rows listed per table, column and rule (the rest counted), and every value a
message quotes cut short.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import polars as pl
import pytest

from helpers import (
    assert_no_traceback,
    bad_integer,
    csv_file,
    edit_descriptor,
    header_only,
    line_for,
    message_of,
    reordered_columns,
    resource_of,
    rewrite_csv,
    run_validate,
    set_first_cell,
    truncate_parquet,
)
from sino_russian_patrols.rules import message
from sino_russian_patrols.validation import MAX_EXAMPLES, RULES, Report
from sino_russian_patrols.validation.report import MORE_ROWS, show


def test_findings_are_sorted_by_table_then_column() -> None:
    report = Report("x")
    report.add("evidence", "type", "m", "char_start", "k")
    report.add("datapackage", "version", "m")
    report.add("sources", "sha256", "m", "sha256", "s")
    report.add("sources", "hash", "m")
    assert [f.table for f in report.sorted()] == ["datapackage", "sources", "sources", "evidence"]
    assert [f.rule for f in report.sorted()][1] == "hash"  # a whole file before its columns


def test_the_text_report_reads_well(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad_integer(package_copy)
    reordered_columns(package_copy)
    code, out, _ = run_validate(package_copy, capsys=capsys)
    assert code == 1
    lines = out.splitlines()
    # the verdict first, one indented line per problem, then what each rule means
    assert "what the rules in brackets mean:" in lines
    problems = lines[1 : lines.index("what the rules in brackets mean:")]
    assert lines[0] == f"invalid: {len(problems)} problems in {package_copy / 'datapackage.json'}"
    assert all(line.startswith("  ") and line.endswith("]") for line in problems)
    legend = lines[lines.index("what the rules in brackets mean:") + 1 :]
    assert {line.split()[0] for line in legend} == {"[" + p.rsplit("[", 1)[1] for p in problems}
    assert any(
        line.strip().startswith("[type]") and RULES["type"].description in line for line in legend
    )
    typed = message("type", value=show("two"), type="an integer")
    assert f"  aircraft, row 000_6fdb1ee85ed25e2e-a01, column count: {typed} [type]" in lines


def test_json_output_parses_and_counts_its_problems(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for damage in (bad_integer, truncate_parquet, reordered_columns, header_only):
        damage(package_copy)
    code, out, _ = run_validate(package_copy, "--format", "json", capsys=capsys)
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


def test_json_output_of_a_valid_package(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_validate(package_copy, "--format", "json", capsys=capsys)
    report = json.loads(out)
    assert code == 0
    assert report == {**report, "valid": True, "count": 0, "problems": []}
    assert report["rows"]["statements"] > 0


def test_many_broken_rows_are_counted_not_all_listed(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rewrite_csv(
        package_copy, "evidence", lambda f: f.with_columns(pl.lit("???").alias("record_table"))
    )
    _, out, _ = run_validate(package_copy, "--format", "json", capsys=capsys)
    report = json.loads(out)
    enum = [p for p in report["problems"] if p["rule"] == "enum"]
    assert len(enum) == MAX_EXAMPLES + 1
    rows = pl.read_csv(csv_file(package_copy, "evidence"), infer_schema=False).height
    assert (enum[-1]["column"], enum[-1]["row"]) == ("record_table", None)
    assert enum[-1]["message"] == MORE_ROWS.format(more=rows - MAX_EXAMPLES, listed=MAX_EXAMPLES)
    assert report["count"] == len(report["problems"])


def _first_cell(package: Path, table: str, column: str, value: str) -> None:
    """Set one cell and record the file's new size and hash, as a build would."""
    set_first_cell(package, table, column, value)
    data = csv_file(package, table).read_bytes()
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    edit_descriptor(package, lambda d: resource_of(d, table).update(bytes=len(data), hash=digest))


def test_megabytes_in_one_value_print_a_few_characters(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cell, a row key, a column name, a path and descriptor values of 3 MB each: every
    message quotes at most 80 characters of each, and says how many more there were."""
    huge = "x" * 3_000_000
    _first_cell(package_copy, "actors", "actor_id", huge)  # a row key too
    _first_cell(package_copy, "aircraft", "count", huge)
    _first_cell(package_copy, "statements", "text", huge)  # a span that no longer matches
    header = csv_file(package_copy, "places").read_bytes().split(b"\n", 1)
    csv_file(package_copy, "places").write_bytes(
        header[0] + b"," + huge.encode() + b"\n" + header[1]
    )

    def change(d: dict) -> None:
        d["version"] = huge
        resource_of(d, "event_routes").update(path=huge)
        resource_of(d, "sources")["parquet"].update(hash=huge)
        resource_of(d, "places").pop("bytes")

    edit_descriptor(package_copy, change)
    for form in ("text", "json"):
        code, out, err = run_validate(package_copy, "--format", form, capsys=capsys)
        assert code == 1
        assert len(out) + len(err) < 200_000, len(out)
        assert f"… ({3_000_000 - 80:,} more characters)" in out
        assert_no_traceback(out, err)
    code, out, _ = run_validate(package_copy, capsys=capsys)
    cut = "'" + "x" * 80 + "'… (2,999,920 more characters)"
    row = "000_6fdb1ee85ed25e2e-a01"
    line = line_for(out, "aircraft", "type", "count", row)
    assert message_of(line) == message("type", value=cut, type="an integer")
    assert "x" * 201 not in out  # a row key is cut too
