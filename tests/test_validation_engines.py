"""The engines of the Table Schema constraints (validation/engines.py, pandera_models.py):
every constraint in schema/ is enforced by the pandera models and by the polars engine, and
the two engines report the same problems.

The list of constraints is read from the schema files here, not written down: a new
constraint in a schema is tested without editing this file, and a new kind of constraint
fails `test_every_constraint_kind_has_a_violation` until a violation is written for it.
Frames are eager DataFrames (pandera checks only the schema of a LazyFrame), validated
with lazy=True so that every failure is collected.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandera.errors
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing.parametric import column, dataframes

from sino_russian_patrols.cli import main
from sino_russian_patrols.pandera_models import dataframe_schema, rule_of
from sino_russian_patrols.rules import RULES
from sino_russian_patrols.schema import TABLES, default_schema_dir, polars_dtypes, read_schema
from sino_russian_patrols.testing import rows
from sino_russian_patrols.validation import Report, constraints, validate_package
from sino_russian_patrols.validation.engines import pandera_constraints, polars_constraints
from sino_russian_patrols.write import to_frame

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_DIR = default_schema_dir()
SCHEMAS = {name: read_schema(SCHEMA_DIR, name) for name in TABLES}
KINDS = {
    "type",
    "required",
    "unique",
    "primary_key",
    "enum",
    "pattern",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
}


def schema_constraints() -> list[tuple[str, str, str, Any]]:
    """(table, kind, column, value) of every constraint the schema files state."""
    out = []
    for table, schema in SCHEMAS.items():
        primary_key = schema.get("primaryKey", [])
        for field in schema["fields"]:
            name, c = field["name"], field.get("constraints", {})
            out.append((table, "type", name, field["type"]))
            if c.get("required") or name in primary_key:
                out.append((table, "required", name, True))
            if c.get("unique") and primary_key != [name]:
                out.append((table, "unique", name, True))
            for kind, value in c.items():
                if kind not in ("required", "unique"):
                    out.append((table, kind, name, value))
        if primary_key:
            out.append((table, "primary_key", ", ".join(primary_key), primary_key))
    return out


CONSTRAINTS = schema_constraints()


@pytest.fixture(scope="module")
def frames() -> dict[str, pl.DataFrame]:
    """Valid frames of every table (a small synthetic package), at least two rows each."""
    tables = rows(40, seed=11, per_source=10)
    out = {name: to_frame(name, tables[name], SCHEMA_DIR) for name in TABLES}
    assert all(f.height >= 2 for f in out.values())
    return out


def _set(frame: pl.DataFrame, name: str, index: int, value: Any) -> pl.DataFrame:
    series = frame[name].scatter(index, pl.Series([value], dtype=frame.schema[name]))
    return frame.with_columns(series.alias(name))


def violate(frame: pl.DataFrame, kind: str, name: str, value: Any) -> tuple[pl.DataFrame, set[int]]:
    """`frame` broken in exactly one constraint, and the rows that break it."""
    if kind == "type":  # a column of another type than the schema's
        other = pl.Int64 if frame.schema[name] == pl.String else pl.String
        return frame.with_columns(pl.int_range(pl.len()).cast(other).alias(name)), set()
    if kind == "required":
        return _set(frame, name, 0, None), {0}
    if kind == "unique":
        return _set(frame, name, 1, frame[name][0]), {0, 1}
    if kind == "primary_key":
        if len(value) == 1:
            return _set(frame, value[0], 1, frame[value[0]][0]), {0, 1}
        return pl.concat([frame, frame.head(1)]), {0, frame.height}
    if kind == "enum":
        return _set(frame, name, 0, "not-an-allowed-value"), {0}
    if kind == "pattern":
        bad = next(v for v in ("Not A Match!", "~", "0") if not re.fullmatch(value, v))
        return _set(frame, name, 0, bad), {0}
    if kind in ("minimum", "maximum"):
        step = -1 if kind == "minimum" else 1
        if frame.schema[name] == pl.Float64:
            return _set(frame, name, 0, value + step * 0.5), {0}
        return _set(frame, name, 0, value + step), {0}
    if kind == "minLength":
        return _set(frame, name, 0, "x" * (value - 1)), {0}
    if kind == "maxLength":
        return _set(frame, name, 0, "x" * (value + 1)), {0}
    raise AssertionError(f"no violation written for constraint kind {kind!r}")


def pandera_failures(frame: pl.DataFrame, table: str) -> set[tuple[str, str, int | None]]:
    """(rule, column, row index) of every failure pandera reports; empty when valid."""
    schema = SCHEMAS[table]
    try:
        dataframe_schema(schema, table).validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        primary_key = ", ".join(schema.get("primaryKey", []))
        return {
            (
                rule_of(c["check"], c["column"], schema),
                primary_key if c["column"] == table else c["column"],
                c["index"],
            )
            for c in exc.failure_cases.iter_rows(named=True)
        }
    return set()


def test_every_constraint_kind_has_a_violation() -> None:
    kinds = {kind for _, kind, _, _ in CONSTRAINTS}
    assert kinds <= KINDS, f"write a violation for: {sorted(kinds - KINDS)}"
    # the kinds the dataset's schemas use today, composite primary keys included
    assert {"type", "required", "unique", "primary_key", "enum", "pattern", "minimum"} <= kinds
    assert any(kind == "primary_key" and len(v) > 1 for _, kind, _, v in CONSTRAINTS)


def test_the_valid_frames_pass(frames: dict[str, pl.DataFrame]) -> None:
    for table, frame in frames.items():
        assert pandera_failures(frame, table) == set(), table
        report = Report("frames")
        polars_constraints(report, table, frame, SCHEMAS[table], {})
        assert report.valid, report.text()


@pytest.mark.parametrize(
    ("table", "kind", "name", "value"),
    CONSTRAINTS,
    ids=[f"{t}.{n}:{k}" for t, k, n, _ in CONSTRAINTS],
)
def test_pandera_enforces_each_constraint(
    frames: dict[str, pl.DataFrame], table: str, kind: str, name: str, value: Any
) -> None:
    frame, bad_rows = violate(frames[table], kind, name, value)
    failures = pandera_failures(frame, table)
    assert {(r, c) for r, c, _ in failures if r == kind and c == name}, failures
    if kind == "type":  # other checks of that column may fail on the wrong type too
        assert {c for _, c, _ in failures} == {name}
        return
    # exactly this constraint, at exactly these rows
    assert {(r, c) for r, c, _ in failures} == {(kind, name)}
    assert {i for _, _, i in failures} == bad_rows


@pytest.mark.parametrize(
    ("table", "kind", "name", "value"),
    [c for c in CONSTRAINTS if c[1] != "type"],  # types are checked while parsing the CSV
    ids=[f"{t}.{n}:{k}" for t, k, n, _ in CONSTRAINTS if k != "type"],
)
def test_the_polars_engine_enforces_each_constraint(
    frames: dict[str, pl.DataFrame], table: str, kind: str, name: str, value: Any
) -> None:
    frame, bad_rows = violate(frames[table], kind, name, value)
    broken = {
        (c.rule, c.column): set(frame.select(c.violation.fill_null(False).arg_true()).to_series())
        for c in constraints(SCHEMAS[table])
    }
    broken = {k: v for k, v in broken.items() if v}
    # duplicates are reported once, at the first row of each duplicated value
    expected = {min(bad_rows)} if kind in ("unique", "primary_key") else bad_rows
    assert broken == {(kind, name): expected}


# Property: for any frame, pandera and the polars engine report the same problems -----------


def _valid(field: dict[str, Any]) -> st.SearchStrategy[Any]:
    c, kind = field.get("constraints", {}), field["type"]
    if "enum" in c:
        return st.sampled_from(c["enum"])
    if "pattern" in c:
        return st.from_regex(c["pattern"], fullmatch=True)
    if kind == "integer":
        return st.integers(c.get("minimum", -(2**40)), c.get("maximum", 2**40))
    if kind == "number":
        low = c.get("minimum")
        return st.floats(min_value=low, max_value=1e9, allow_nan=False, allow_infinity=False)
    if kind == "date":
        return st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
    if kind == "boolean":
        return st.booleans()
    # identifiers carry no surrounding white space (the validator's whitespace rule)
    text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1)
    return text.filter(lambda v: v == v.strip())


def _loose(field: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Valid values, values near the bounds, and values breaking enums and patterns."""
    kind = field["type"]
    if kind == "integer":
        other: st.SearchStrategy[Any] = st.integers(-3, 3)
    elif kind == "number":
        other = st.floats(-3, 3)
    elif kind == "string":
        other = st.text("aZ9 -_.", max_size=4)
    else:
        return _valid(field)
    return st.one_of(_valid(field), other)


def frames_of(table: str, *, valid: bool) -> st.SearchStrategy[pl.DataFrame]:
    """Frames of `table`'s columns and types (polars.testing.parametric), valid or loose."""
    schema = SCHEMAS[table]
    primary_key = schema.get("primaryKey", [])
    dtypes = polars_dtypes(schema)
    cols = []
    for field in schema["fields"]:
        c = field.get("constraints", {})
        required = bool(c.get("required")) or field["name"] in primary_key
        unique = bool(c.get("unique")) or primary_key == [field["name"]]
        cols.append(
            column(
                field["name"],
                dtype=dtypes[field["name"]],
                strategy=_valid(field) if valid else _loose(field),
                allow_null=not required if valid else True,
                unique=unique and valid,
            )
        )
    strategy = dataframes(cols, min_size=0 if not valid else 1, max_size=6, allow_chunks=False)
    if valid and len(primary_key) > 1:
        strategy = strategy.map(lambda f: f.unique(primary_key, maintain_order=True))
    return strategy


def _findings(check: Any, table: str, frame: pl.DataFrame) -> set[tuple]:
    report = Report("frame")
    check(report, table, frame, SCHEMAS[table], {})
    return {(f.rule, f.column, f.row) for f in report.findings}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), table=st.sampled_from(TABLES))
def test_generated_valid_frames_pass_both_engines(data: st.DataObject, table: str) -> None:
    frame = data.draw(frames_of(table, valid=True))
    assert pandera_failures(frame, table) == set()
    assert _findings(polars_constraints, table, frame) == set()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), table=st.sampled_from(TABLES))
def test_both_engines_report_the_same_problems(data: st.DataObject, table: str) -> None:
    frame = data.draw(frames_of(table, valid=False))
    by_polars = {f for f in _findings(polars_constraints, table, frame) if f[0] != "whitespace"}
    assert _findings(pandera_constraints, table, frame) == by_polars


# The engines through validate_package and the command ------------------------------------


def test_the_pandera_engine_finds_the_same_problems(broken: Path) -> None:
    def where(report: Report) -> set[tuple]:  # the wording of the messages differs
        return {(f.table, f.rule, f.column, f.row) for f in report.findings}

    assert where(validate_package(broken, engine="pandera")) == where(validate_package(broken))


def test_an_unknown_engine_is_refused(broken: Path) -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        validate_package(broken, engine="great-expectations")  # type: ignore[arg-type]


def test_the_default_engine_does_not_import_pandera() -> None:
    code = (
        "import sys; from sino_russian_patrols.validation import validate_package; "
        f"assert validate_package({str(ROOT)!r}).valid; print('pandera' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("check", "rule"),
    [
        ("not_nullable", "required"),
        ("field_uniqueness", "primary_key"),  # column a is the whole primary key
        ("multiple_fields_uniqueness", "primary_key"),
        ("isin(['a', 'b'])", "enum"),
        ("pattern(^[a-z]+$)", "pattern"),
        ("greater_than_or_equal_to(0)", "minimum"),
        ("less_than_or_equal_to(9)", "maximum"),
        ("minLength(1)", "minLength"),
        ("maxLength(9)", "maxLength"),
        ("dtype('Int64')", "type"),
        ("column_in_schema", "columns_extra"),
        ("column_in_dataframe", "columns_missing"),
        ("column_ordered", "columns_order"),
    ],
)
def test_each_pandera_check_stands_for_an_explained_rule(check: str, rule: str) -> None:
    """The registry names the pandera checks of each rule (`Rule.pandera`)."""
    schema = {"fields": [{"name": "a", "type": "string"}], "primaryKey": ["a"]}
    assert rule_of(check, "a", schema) == rule
    assert rule in RULES and RULES[rule].description
    unique = {"fields": [{"name": "a", "type": "string"}, {"name": "b", "type": "string"}]}
    assert rule_of("field_uniqueness", "a", {**unique, "primaryKey": ["a", "b"]}) == "unique"


def test_the_shipped_package_passes_both_engines(root: Path) -> None:
    assert main(["validate", str(root)]) == 0
    assert main(["validate", str(root), "--engine", "pandera"]) == 0
