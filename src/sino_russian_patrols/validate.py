"""Validate a built package: every file, every constraint, every key and every span.

Each check reports problems and goes on; nothing here stops at the first problem or raises
on bad input. The Table Schema constraints of each resource (types, required, unique,
primary keys, enums, patterns, minimum and maximum) are derived from its schema at run time
and checked in one vectorised pass per table (`engine="polars"`, the default), or by the
pandera models of `pandera_models` (`engine="pandera"`: the same rules, slower, kept as an
independent implementation that the tests compare with). What a Table Schema cannot express
(keys across tables, spans, hashes, CSV against Parquet, date logic, versions) is checked
here with polars.

Speed: every check is a polars expression over whole columns; Python loops run only over
the few example rows that a report shows (at most `MAX_EXAMPLES` per table, column and
rule; the rest are counted).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import polars as pl

from .schema import TABLES, polars_dtypes

KEY_SEPARATOR = "/"
MAX_EXAMPLES = 20
Engine = Literal["polars", "pandera"]

# What each rule means, in words for someone who did not write this code.
RULES: dict[str, str] = {
    "version": "datapackage.json `version` equals the version of the software validating it",
    "descriptor": "datapackage.json describes each resource as an object with a name",
    "resource_missing": "datapackage.json describes every table of the dataset",
    "schema": "each resource carries an inline Table Schema with a list of fields",
    "path": "a resource's path is a relative path inside the package folder",
    "file_missing": "every file that datapackage.json names exists and can be read",
    "hash": "the file's SHA-256 equals the `hash` that datapackage.json records",
    "bytes": "the file's size equals the `bytes` that datapackage.json records",
    "csv_empty": "a CSV file has at least a header row",
    "csv_encoding": "a CSV file is UTF-8 text without a byte-order mark",
    "csv_unreadable": "a CSV file can be parsed (RFC 4180: comma-separated, double quotes)",
    "columns_missing": "the CSV header names every column of the schema",
    "columns_extra": "the CSV header names no column that the schema does not define",
    "columns_order": "the CSV columns come in the schema's order",
    "empty": "every table has at least one row",
    "type": "each value has its column's type (integer, number, date as YYYY-MM-DD, ...)",
    "required": "a required column has a value in every row (an empty CSV field is no value)",
    "unique": "a unique column holds no value twice",
    "primary_key": "no two rows have the same primary key",
    "enum": "the value is one of the column's allowed values",
    "pattern": "the value matches the column's pattern (a regular expression)",
    "minimum": "the value is not below the column's minimum",
    "maximum": "the value is not above the column's maximum",
    "minLength": "the value is not shorter than the column's minimum length",
    "maxLength": "the value is not longer than the column's maximum length",
    "whitespace": "identifiers (key columns) have no leading or trailing white space",
    "foreign_key": "a reference names an existing row of the table it points to",
    "span_order": "a span's char_end is after its char_start",
    "span_range": "a span lies inside its source text",
    "span_verbatim": "sources.text[char_start:char_end] equals the quoted text exactly",
    "sha256": "sources.sha256 is the SHA-256 of the source text encoded as UTF-8",
    "date_order": "an event's (or date claim's) start_date is not after its end_date",
    "date_precision": (
        "an event's (or date claim's) dates fit date_precision (day: both known to the day, "
        "one day or several; month: both in one calendar month; year: both in one calendar year)"
    ),
    "date_basis": "a date with basis `stated` has precision `day` or `month`",
    "parent_self": "a row is not its own parent (an event does not answer itself, a place does "
    "not lie in itself)",
    "parent_cycle": "following a row's parents never leads back to the row (no cycle of parents)",
    "country_required": "an aircraft claim names its country; country may be null only for a "
    "total (is_total true) that the text does not split by country",
    "evidence_target": "an evidence row supports an existing row (record_table, record_id)",
    "evidence_source": "the evidence of a row that names its source lies in that source",
    "dated_after_source": "a date claim does not begin after the publication of its source",
    "evidence_claim": "a span shows what its row claims: an actor's span is one of the actor's "
    "spellings (actor_aliases); an aircraft claim's spans contain its type_as_reported",
    "evidence_missing": "every row of the tables that evidence supports has an evidence row (a "
    "row with its own span, such as a statement, has it in its own columns)",
    "parquet_missing": "each resource names its Parquet file",
    "parquet_unreadable": "the Parquet file can be read",
    "parquet_schema": "the Parquet file has the schema's columns, in order, with their types",
    "csv_parquet": "the CSV and Parquet files of a table hold the same rows and values",
    "schema_drift": "a resource's inline Table Schema is the one in schema/ of this version",
    "row_order": "rows are sorted by primary key (the published order)",
    "check_failed": "a check could not run: a bug in the validator (please report it)",
}


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where (table, column, row key) and which rule it breaks."""

    table: str
    rule: str
    column: str | None
    row: str | None
    message: str

    def __str__(self) -> str:
        where = [self.table]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message} [{self.rule}]"


class UnreadablePackage(Exception):
    """The descriptor itself cannot be read: there is nothing to validate."""


def _sort_key(finding: Finding) -> tuple:
    order = {"datapackage": -1, **{t: i for i, t in enumerate(TABLES)}}
    return (
        order.get(finding.table, len(order)),
        finding.table,
        finding.column or "",
        finding.rule,
        finding.row is None,
        finding.row or "",
        finding.message,
    )


@dataclass
class Report:
    path: str
    findings: list[Finding] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.findings

    def add(
        self,
        table: str,
        rule: str,
        message: str,
        column: str | None = None,
        row: str | None = None,
    ) -> None:
        self.findings.append(Finding(table, rule, column, row, message))

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=_sort_key)

    def text(self) -> str:
        tables = ", ".join(f"{t} {n}" for t, n in self.rows.items())
        if self.valid:
            return f"valid: {self.path} ({tables} rows)"
        n = len(self.findings)
        lines = [f"invalid: {n} problem{'s' if n != 1 else ''} in {self.path}"]
        lines += [f"  {f}" for f in self.sorted()]
        rules = sorted({f.rule for f in self.findings})
        width = max(len(r) for r in rules) + 2
        lines.append("what the rules in brackets mean:")
        lines += [f"  {'[' + r + ']':<{width}} {RULES.get(r, '')}".rstrip() for r in rules]
        return "\n".join(lines)

    def json(self) -> str:
        return json.dumps(
            {
                "path": self.path,
                "valid": self.valid,
                "count": len(self.findings),
                "rows": self.rows,
                "problems": [asdict(f) for f in self.sorted()],
            },
            indent=2,
            ensure_ascii=False,
        )


# Helpers ------------------------------------------------------------------------------------


def _show(value: Any, limit: int = 60) -> str:
    """A value as a report shows it: strings quoted (white space visible), long ones cut."""
    if value is None:
        return "null"
    if isinstance(value, str):
        if len(value) > limit:
            value = value[: limit - 1] + "…"
        return repr(value)
    return str(value)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _key_expr(primary_key: list[str], columns: list[str]) -> pl.Expr:
    """A readable key per row: the primary key values, or the data row number when missing."""
    number = pl.lit("data row ") + (pl.col("_index") + 1).cast(pl.String)
    if primary_key and all(c in columns for c in primary_key):
        parts = [pl.col(c).cast(pl.String) for c in primary_key]
        return pl.coalesce(pl.concat_str(parts, separator=KEY_SEPARATOR), number)
    return number


def _examples(
    frame: pl.DataFrame,
    mask: pl.Expr,
    primary_key: list[str],
    extra: dict[str, pl.Expr] | None = None,
) -> list[dict[str, Any]]:
    """The first rows where `mask` holds, with `_key` (their readable key) and `extra`.

    A frame that already has `_index` (its rows' numbers in the table) keeps it.
    """
    lf = frame.lazy()
    if "_index" not in frame.columns:
        lf = lf.with_row_index("_index")
    if extra:
        lf = lf.with_columns(**extra)
    lf = lf.filter(mask.fill_null(False)).head(MAX_EXAMPLES)
    return lf.with_columns(_key_expr(primary_key, frame.columns).alias("_key")).collect().to_dicts()


def _report_rows(
    report: Report,
    table: str,
    rule: str,
    column: str | None,
    rows: list[dict[str, Any]],
    count: int,
    describe: Callable[[dict[str, Any]], str],
) -> None:
    """Report each example row, and how many more rows break the rule."""
    for row in rows:
        report.add(table, rule, describe(row), column, row["_key"])
    if count > len(rows):
        report.add(
            table,
            rule,
            f"and {count - len(rows):,} more rows break this rule (the first {len(rows)} are "
            "listed)",
            column,
        )


def _guard(report: Report, table: str, what: str, check: Callable[..., Any], *args: Any) -> Any:
    """Run one check; a crash of the check is reported, never raised."""
    try:
        return check(*args)
    except Exception as exc:  # the validator must report on any input, never crash
        report.add(
            table,
            "check_failed",
            f"the {what} check could not run ({type(exc).__name__}: {_first_line(exc)})",
        )
        return None


# Descriptor and files -----------------------------------------------------------------------


def _read_descriptor(path: Path) -> tuple[Path, dict[str, Any]]:
    if path.is_dir():
        path = path / "datapackage.json"
    try:
        descriptor = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise UnreadablePackage(
            f"{path}: no such file; give a datapackage.json or its folder"
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnreadablePackage(f"{path}: not a JSON datapackage descriptor ({exc})") from None
    except OSError as exc:
        raise UnreadablePackage(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise UnreadablePackage(f"{path}: a datapackage descriptor needs a `resources` list")
    return path, descriptor


def _read_file(
    report: Report, table: str, root: Path, spec: dict[str, Any], label: str
) -> Path | None:
    """The file `spec` names, checked against its `hash` and `bytes`.

    The file is hashed as a stream and parsed later from its path (polars maps it into
    memory): no copy of a large file is held in Python.
    """
    relative = spec.get("path")
    if not isinstance(relative, str) or not relative:
        report.add(table, "path", f"the {label} file has no path in datapackage.json")
        return None
    file = (root / relative).resolve()
    if Path(relative).is_absolute() or not file.is_relative_to(root.resolve()):
        report.add(table, "path", f"the {label} path {relative!r} leads outside the package folder")
        return None
    try:
        if not file.is_file():
            raise FileNotFoundError(relative) if not file.exists() else IsADirectoryError(relative)
        with file.open("rb") as stream:
            digest = hashlib.file_digest(stream, "sha256").hexdigest()
        size = file.stat().st_size
    except OSError as exc:
        reason = "does not exist" if isinstance(exc, FileNotFoundError) else "is not a file"
        if not isinstance(exc, FileNotFoundError | IsADirectoryError):
            reason = str(exc.strerror or exc)
        report.add(table, "file_missing", f"the {label} file {relative} cannot be read: {reason}")
        return None
    expected = spec.get("hash")
    if expected is not None:
        actual = "sha256:" + digest
        if str(expected) != actual and str(expected) != actual.removeprefix("sha256:"):
            report.add(
                table,
                "hash",
                f"the {label} file {relative} changed after datapackage.json was written: its "
                f"hash is {actual}, datapackage.json says {expected}",
            )
    if "bytes" in spec and spec["bytes"] != size:
        report.add(
            table,
            "bytes",
            f"the {label} file {relative} has {size:,} bytes, but datapackage.json says "
            + (f"{spec['bytes']:,}" if isinstance(spec["bytes"], int) else _show(spec["bytes"])),
        )
    return file


# CSV ----------------------------------------------------------------------------------------

_BOM = b"\xef\xbb\xbf"
_TYPE_HINTS = {
    "integer": "an integer",
    "number": "a number",
    "date": "a date (YYYY-MM-DD)",
    "boolean": "a boolean (true or false)",
}


def _encoding_problem(data: bytes) -> str | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.start + 4]
        return f"the file is not UTF-8 text: byte 0x{bad[:1].hex()} at line {line} ({exc.reason})"
    return None


def _syntax_problem(data: bytes) -> str | None:
    """Where a CSV file that polars cannot parse breaks RFC 4180 (read again, row by row)."""
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), strict=True)
    width = None
    try:
        for row in reader:
            if width is None:
                width = len(row)
            elif row and len(row) > width:
                return f"line {reader.line_num} has {len(row)} fields, the header {width}"
    except csv.Error as exc:
        return f"line {reader.line_num}: {exc}"
    return None


def _parse_csv(
    report: Report, table: str, file: Path, schema: dict[str, Any]
) -> tuple[pl.DataFrame, dict[str, pl.Series]] | None:
    """Read a CSV file as text, check its header, and convert each column to its schema type.

    Returns the typed frame and, per column with values of the wrong type, which rows they
    are in (those cells are null in the frame: other rules do not report them again).
    """
    names = [f["name"] for f in schema["fields"]]
    with file.open("rb") as stream:
        head = stream.read(4096)
    source: Path | bytes = file
    if not head.strip():
        data = file.read_bytes()
        if not data.strip():
            report.add(table, "csv_empty", "the CSV file is empty: not even a header row")
            return None
    if head.startswith(_BOM):
        report.add(table, "csv_encoding", "the CSV file starts with a byte-order mark (BOM)")
        source = file.read_bytes()[len(_BOM) :]
    try:
        raw = pl.read_csv(source, infer_schema=False, raise_if_empty=False, encoding="utf8")
    except Exception as exc:  # polars raises several types on garbage input
        data = file.read_bytes()
        problem = _encoding_problem(data)
        if problem:
            report.add(table, "csv_encoding", problem)
        else:
            where = _syntax_problem(data) or _first_line(exc)
            report.add(table, "csv_unreadable", f"the CSV file cannot be parsed: {where}")
        return None
    if raw.columns != names:
        missing = [c for c in names if c not in raw.columns]
        extra = [c for c in raw.columns if c not in names]
        if missing:
            report.add(
                table, "columns_missing", f"the CSV header lacks column(s): {', '.join(missing)}"
            )
        if extra:
            report.add(
                table,
                "columns_extra",
                f"the CSV header has column(s) the schema does not define: {', '.join(extra)}",
            )
        if not missing and not extra:
            report.add(
                table,
                "columns_order",
                f"the CSV columns are in the order {', '.join(raw.columns)}; the schema's order "
                f"is {', '.join(names)}",
            )
        if missing:
            return None
        raw = raw.select(names)
    dtypes = polars_dtypes(schema)
    types = {f["name"]: f["type"] for f in schema["fields"]}
    converted = []
    for name, dtype in dtypes.items():
        col = pl.col(name)
        if dtype == pl.String:
            converted.append(col)
        elif dtype == pl.Date:
            converted.append(col.str.to_date("%Y-%m-%d", strict=False))
        elif dtype == pl.Boolean:
            converted.append(
                pl.when(col == "true").then(True).when(col == "false").then(False).alias(name)
            )
        else:
            converted.append(col.cast(dtype, strict=False))
    frame = raw.select(converted)
    typed = [n for n, d in dtypes.items() if d != pl.String]
    type_errors: dict[str, pl.Series] = {}
    if typed:
        bad = {n: raw[n].is_not_null() & frame[n].is_null() for n in typed}
        counts = {n: int(mask.sum()) for n, mask in bad.items()}
        for name, count in counts.items():
            if not count:
                continue
            type_errors[name] = bad[name]
            shown = raw.with_columns(bad[name].alias("_bad"))
            rows = _examples(shown, pl.col("_bad"), schema.get("primaryKey", []))
            hint = _TYPE_HINTS.get(types[name], types[name])
            _report_rows(
                report,
                table,
                "type",
                name,
                rows,
                count,
                lambda r, n=name, h=hint: f"{_show(r[n])} is not {h}",
            )
    return frame, type_errors


# Table Schema constraints (polars engine) ---------------------------------------------------


@dataclass(frozen=True)
class Constraint:
    """One Table Schema constraint as a polars expression that is true on breaking rows."""

    rule: str
    column: str
    violation: pl.Expr
    describe: Callable[[dict[str, Any]], str]
    extra: dict[str, pl.Expr] = field(default_factory=dict)
    # An aggregate that is true when no row can break the rule: a cheaper first test.
    quick: pl.Expr | None = None


def _duplicates(value: str, row: dict[str, Any]) -> str:
    numbers = row["_rows"]
    shown = ", ".join(str(n) for n in numbers[:5]) + (", …" if len(numbers) > 5 else "")
    return f"{value} occurs in {len(numbers)} rows (data rows {shown}); it must be unique"


def constraints(
    schema: dict[str, Any], /, type_errors: dict[str, pl.Series] | None = None
) -> list[Constraint]:
    """Every constraint of a Table Schema, derived from the schema at run time.

    Duplicates are reported once per duplicated value (at its first row). Cells listed in
    `type_errors` (null because their text was not of the column's type) are not reported
    again as missing.
    """
    dtypes = polars_dtypes(schema)
    primary_key = schema.get("primaryKey", [])
    type_errors = type_errors or {}
    out: list[Constraint] = []
    for f in schema["fields"]:
        name, c = f["name"], f.get("constraints", {})
        col = pl.col(name)
        if c.get("required") or name in primary_key:
            missing = col.is_null()
            if name in type_errors:
                missing = missing & ~pl.lit(type_errors[name])
            out.append(
                Constraint("required", name, missing, lambda r: "no value, but one is required")
            )
        if primary_key == [name] or c.get("unique"):
            rule = "primary_key" if primary_key == [name] else "unique"
            out.append(
                Constraint(
                    rule,
                    name,
                    col.is_not_null() & col.is_duplicated() & col.is_first_distinct(),
                    lambda r, n=name: _duplicates(_show(r[n]), r),
                    {"_rows": (pl.col("_index") + 1).over(name, mapping_strategy="join")},
                    # distinct hashes mean distinct values; equal ones are checked exactly
                    col.drop_nulls().hash().n_unique() == col.count(),
                )
            )
        if "enum" in c:
            allowed = c["enum"]
            listed = ", ".join(str(v) for v in allowed)
            out.append(
                Constraint(
                    "enum",
                    name,
                    ~col.is_in(pl.Series(allowed, dtype=dtypes[name]).implode()),
                    lambda r, n=name, a=listed: (
                        f"{_show(r[n])} is not one of the allowed values: {a}"
                    ),
                )
            )
        if "pattern" in c and dtypes[name] == pl.String:
            pattern = c["pattern"]
            out.append(
                Constraint(
                    "pattern",
                    name,
                    ~col.str.contains(f"^(?:{pattern})$"),
                    lambda r, n=name, p=pattern: f"{_show(r[n])} does not match the pattern {p}",
                )
            )
        for rule, op, word in (("minimum", "lt", "below"), ("maximum", "gt", "above")):
            if rule in c:
                bound = c[rule]
                out.append(
                    Constraint(
                        rule,
                        name,
                        getattr(col, op)(bound),
                        lambda r, n=name, b=bound, w=word, k=rule: f"{r[n]} is {w} the {k} {b}",
                    )
                )
        for rule, op, word in (("minLength", "lt", "shorter"), ("maxLength", "gt", "longer")):
            if rule in c and dtypes[name] == pl.String:
                bound = c[rule]
                out.append(
                    Constraint(
                        rule,
                        name,
                        getattr(col.str.len_chars(), op)(bound),
                        lambda r, n=name, b=bound, w=word: (
                            f"{_show(r[n])} is {w} than {b} characters"
                        ),
                    )
                )
    if len(primary_key) > 1:
        label = ", ".join(primary_key)
        key = pl.struct(primary_key)
        out.append(
            Constraint(
                "primary_key",
                label,
                key.is_duplicated() & key.is_first_distinct(),
                lambda r: _duplicates(f"the primary key ({label})", r),
                {"_rows": (pl.col("_index") + 1).over(primary_key, mapping_strategy="join")},
                key.hash().n_unique() == pl.len(),
            )
        )
    return out


def whitespace_constraints(schema: dict[str, Any], /) -> list[Constraint]:
    """Identifiers (primary key and unique columns) carry no leading or trailing white space.

    References (foreign key columns) padded with white space dangle: `_foreign_keys`
    checks the dangling ones, which is cheaper than checking every row.
    """
    dtypes = polars_dtypes(schema)
    key_columns = set(schema.get("primaryKey", []))
    key_columns.update(
        f["name"] for f in schema["fields"] if f.get("constraints", {}).get("unique")
    )
    return [
        Constraint(
            "whitespace",
            name,
            _padded(name),
            lambda r, n=name: f"identifier {_show(r[n])} has leading or trailing white space",
        )
        for name in sorted(key_columns)
        if dtypes.get(name) == pl.String
    ]


def _run(report: Report, table: str, frame: pl.DataFrame, schema: dict[str, Any], checks) -> None:
    """Count each check's breaking rows in one pass; show examples of those that have any."""
    if not checks or frame.height == 0:
        return
    first = frame.select(
        [
            c.quick.alias(f"q{i}") if c.quick is not None else _count(c.violation, f"c{i}")
            for i, c in enumerate(checks)
        ]
    ).row(0, named=True)
    counts = {i: first[f"c{i}"] for i, c in enumerate(checks) if c.quick is None}
    unsure = [i for i, c in enumerate(checks) if c.quick is not None and not first[f"q{i}"]]
    if unsure:
        exact = frame.select([_count(checks[i].violation, f"c{i}") for i in unsure])
        counts.update({i: exact[f"c{i}"].item() for i in unsure})
    primary_key = schema.get("primaryKey", [])
    for i, count in sorted(counts.items()):
        if count:
            check = checks[i]
            rows = _examples(frame, check.violation, primary_key, check.extra)
            _report_rows(report, table, check.rule, check.column, rows, count, check.describe)


def _count(mask: pl.Expr, name: str) -> pl.Expr:
    return mask.fill_null(False).sum().alias(name)


def _constraints(
    report: Report,
    table: str,
    frame: pl.DataFrame,
    schema: dict[str, Any],
    type_errors: dict[str, pl.Series],
) -> None:
    checks = constraints(schema, type_errors) + whitespace_constraints(schema)
    _run(report, table, frame, schema, checks)


def _pandera(
    report: Report,
    table: str,
    frame: pl.DataFrame,
    schema: dict[str, Any],
    type_errors: dict[str, pl.Series],
) -> None:
    """The same constraints, checked by the pandera model derived from the schema.

    Reported as the polars engine reports them: duplicates once per value, and no cell
    with a type error again as missing.
    """
    import pandera.errors

    from .pandera_models import dataframe_schema, rule_of

    try:
        dataframe_schema(schema, table).validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        primary_key = schema.get("primaryKey", [])
        cases = exc.failure_cases
        pairs = cases.select("check", "column").unique().iter_rows()
        rules = {(check, column): rule_of(check, column, schema) for check, column in pairs}
        keys = frame.with_row_index("_index").select(_key_expr(primary_key, frame.columns))
        for (check, column), group in cases.group_by("check", "column", maintain_order=True):
            rule = rules[check, column]
            if rule in ("unique", "primary_key"):
                group = group.sort("index").unique(
                    "failure_case", keep="first", maintain_order=True
                )
            if rule == "required" and column in type_errors:
                typed_away = type_errors[column].arg_true()
                group = group.filter(~pl.col("index").is_in(typed_away.implode()))
            if group.height == 0:
                continue
            rows = []
            for case in group.head(MAX_EXAMPLES).iter_rows(named=True):
                index = case.get("index")
                in_range = index is not None and 0 <= index < frame.height
                rows.append(
                    {
                        "_key": keys.item(index, 0) if in_range else None,
                        "value": case["failure_case"],
                    }
                )
            _report_rows(
                report,
                table,
                rule,
                ", ".join(primary_key) if column == table else column,
                rows,
                group.height,
                lambda r, c=check: f"{_show(r['value'])} fails the pandera check {c}",
            )


def _whitespace(report: Report, table: str, frame: pl.DataFrame, schema: dict[str, Any]) -> None:
    _run(report, table, frame, schema, whitespace_constraints(schema))


# Checks across tables -----------------------------------------------------------------------


def _padded(column: str) -> pl.Expr:
    return pl.col(column).str.len_bytes() != pl.col(column).str.strip_chars().str.len_bytes()


def _foreign_keys(
    report: Report, frames: dict[str, pl.DataFrame], schemas: dict[str, dict[str, Any]]
) -> None:
    """Every reference names an existing row; a dangling one padded with white space says so."""
    queries = []
    for table, frame in frames.items():
        for fk in schemas[table].get("foreignKeys", []):
            parent = fk["reference"]["resource"] or table
            if parent not in frames:
                continue
            child_cols, parent_cols = list(fk["fields"]), list(fk["reference"]["fields"])
            referenced = (
                frames[parent]
                .lazy()
                .select([pl.col(p).alias(c) for p, c in zip(parent_cols, child_cols, strict=True)])
                .unique()
            )
            dangling = (
                frame.lazy()
                .with_row_index("_index")
                .drop_nulls(child_cols)
                .join(referenced, on=child_cols, how="anti", nulls_equal=False)
            )
            queries.append((table, child_cols, f"{parent} ({', '.join(parent_cols)})", dangling))
    counts = pl.collect_all([q[3].select(pl.len()) for q in queries])
    for (table, child_cols, target, dangling), count in zip(queries, counts, strict=True):
        if not count.item():
            continue
        primary_key = schemas[table].get("primaryKey", [])
        rows = _examples(dangling.collect(), pl.lit(True), primary_key)
        _report_rows(
            report,
            table,
            "foreign_key",
            ", ".join(child_cols),
            rows,
            count.item(),
            lambda r, c=child_cols, t=target: (
                f"{_show(KEY_SEPARATOR.join(str(r[x]) for x in c))} matches no row of {t}"
            ),
        )
        # A reference padded with white space dangles: say why.
        for column in child_cols:
            if frames[table].schema[column] != pl.String:
                continue
            padded = dangling.filter(_padded(column)).collect()
            if padded.height:
                _report_rows(
                    report,
                    table,
                    "whitespace",
                    column,
                    _examples(padded, pl.lit(True), primary_key),
                    padded.height,
                    lambda r, n=column: (
                        f"identifier {_show(r[n])} has leading or trailing white space"
                    ),
                )


def _spans(
    report: Report, frames: dict[str, pl.DataFrame], schemas: dict[str, dict[str, Any]]
) -> None:
    """Every span must be verbatim: sources.text[char_start:char_end] equals the quoted text.

    The texts join the span rows as views (no copy of a text per row); the source frame is
    rechunked first, as a join that gathers from a many-chunk text column copies the texts.
    """
    sources = frames.get("sources")
    if sources is None or "text" not in sources.columns:
        return
    texts = (
        sources.select(
            "source_id",
            pl.col("text").alias("_source_text"),
            pl.col("text").str.len_chars().alias("_text_length"),
        )
        .rechunk()
        .lazy()
    )
    start, end, length = pl.col("char_start"), pl.col("char_end"), pl.col("_text_length")
    queries = []
    for table, column in (("statements", "text"), ("evidence", "quote")):
        frame = frames.get(table)
        needed = {"source_id", "char_start", "char_end", column}
        if frame is None or frame.height == 0 or not needed <= set(frame.columns):
            continue
        checked = (
            frame.lazy()
            .with_row_index("_index")
            .join(texts, on="source_id", how="inner")
            .with_columns(
                pl.col("_source_text")
                .str.slice(start.clip(lower_bound=0), (end - start).clip(lower_bound=0))
                .alias("_slice")
            )
        )
        inside = (start >= 0) & (end <= length)
        rules = {
            "span_order": (end <= start, "char_end"),
            "span_range": ((end > start) & ~inside, "char_end"),
            "span_verbatim": (
                (end > start) & inside & (pl.col("_slice") != pl.col(column)),
                column,
            ),
        }
        queries.append((table, column, checked, rules))
    counts = pl.collect_all(
        [q[2].select([_count(m, r) for r, (m, _) in q[3].items()]) for q in queries]
    )
    for (table, column, checked, rules), count in zip(queries, counts, strict=True):
        primary_key = schemas[table].get("primaryKey", [])
        for rule, (mask, shown) in rules.items():
            n = count[rule].item()
            if not n:
                continue
            rows = (
                checked.filter(mask.fill_null(False))
                .head(MAX_EXAMPLES)
                .with_columns(_key_expr(primary_key, frames[table].columns).alias("_key"))
                .collect()
                .to_dicts()
            )
            _report_rows(
                report,
                table,
                rule,
                shown,
                rows,
                n,
                lambda r, rule=rule, c=column: _span_message(rule, r, c),
            )


def _span_message(rule: str, row: dict[str, Any], column: str) -> str:
    start, end, source = row["char_start"], row["char_end"], row["source_id"]
    if rule == "span_order":
        return f"char_end {end} is not after char_start {start}"
    if rule == "span_range":
        return (
            f"the span {start}:{end} lies outside the text of source {source}, which has "
            f"{row['_text_length']:,} characters"
        )
    found, quoted, text = row["_slice"], row[column], row["_source_text"]
    message = (
        f"source {source} at {start}:{end} reads {_show(found)}, but {column} is {_show(quoted)}"
    )
    differ = next(
        (i for i, (a, b) in enumerate(zip(found, quoted, strict=False)) if a != b),
        min(len(found), len(quoted)),
    )
    message += f" (first difference at character {differ} of the span)"
    at = text.find(quoted) if quoted else -1
    if at >= 0:
        message += f"; the quoted text is at {at}:{at + len(quoted)}"
    else:
        message += "; the quoted text is nowhere in the source"
    return message


def _sources(report: Report, frames: dict[str, pl.DataFrame]) -> None:
    """sources.sha256 is the SHA-256 of the text (the raw file's bytes)."""
    sources = frames.get("sources")
    if sources is None or sources.height == 0:
        return
    data = sources.with_row_index("_index").select(
        "_index",
        pl.col("text").cast(pl.Binary),
        "sha256",
        _key_expr(["source_id"], sources.columns),
    )
    shown = 0
    for index, text, sha, key in data.iter_rows():
        if text is None:
            continue
        actual = hashlib.sha256(text).hexdigest()
        if actual != sha:
            shown += 1
            if shown <= MAX_EXAMPLES:
                report.add(
                    "sources",
                    "sha256",
                    f"the SHA-256 of the text is {actual}, but the row says {_show(sha, 80)}",
                    "sha256",
                    key or f"data row {index + 1}",
                )
    if shown > MAX_EXAMPLES:
        report.add(
            "sources",
            "sha256",
            f"and {shown - MAX_EXAMPLES:,} more rows break this rule (the first {MAX_EXAMPLES} "
            "are listed)",
            "sha256",
        )


_PRECISION_NEEDS = {
    "day": "start_date and end_date both known to the day (a span of days for an event over "
    "several days)",
    "month": "start_date and end_date in one calendar month",
    "year": "start_date and end_date in one calendar year",
}


def _event_message(rule: str, r: dict[str, Any]) -> str:
    dates = f"start_date {r['start_date']}, end_date {r['end_date']}"
    if rule == "date_order":
        return f"start_date is after end_date ({dates})"
    if rule == "date_precision":
        needs = _PRECISION_NEEDS.get(r["date_precision"], "")
        return f"date_precision {r['date_precision']} needs {needs}, but the row has {dates}"
    return (
        f"date_basis stated means the text gives day, month and year (or month and year), "
        f"so date_precision must be day or month, not {r['date_precision']}"
    )


def _events(report: Report, frames: dict[str, pl.DataFrame]) -> None:
    """Event dates and date claims fit their precision and basis."""
    for table, key in (("events", "event_id"), ("event_dates", "date_claim_id")):
        _dated(report, table, key, frames.get(table))


def _dated(report: Report, table: str, key: str, events: pl.DataFrame | None) -> None:
    needed = {key, "start_date", "end_date", "date_precision", "date_basis"}
    if events is None or events.height == 0 or not needed <= set(events.columns):
        return
    start, end, precision = pl.col("start_date"), pl.col("end_date"), pl.col("date_precision")
    some_null = start.is_null() | end.is_null()
    same_year = start.dt.year() == end.dt.year()
    same_month = same_year & (start.dt.month() == end.dt.month())
    rules = {
        "date_order": (start > end, "start_date"),
        "date_precision": (
            ((precision == "day") & some_null)
            | ((precision == "month") & (some_null | ~same_month))
            | ((precision == "year") & (some_null | ~same_year)),
            "date_precision",
        ),
        "date_basis": (
            (pl.col("date_basis") == "stated") & ~precision.is_in(["day", "month"]),
            "date_basis",
        ),
    }
    counts = events.select([_count(mask, rule) for rule, (mask, _) in rules.items()]).row(
        0, named=True
    )
    for rule, (mask, column) in rules.items():
        if counts[rule]:
            rows = _examples(events, mask, [key])
            _report_rows(
                report,
                table,
                rule,
                column,
                rows,
                counts[rule],
                lambda r, k=rule: _event_message(k, r),
            )


def _aircraft(report: Report, frames: dict[str, pl.DataFrame]) -> None:
    """An aircraft claim names its country, unless it is a total over several countries."""
    aircraft = frames.get("aircraft")
    if aircraft is None or not {"aircraft_id", "country", "is_total"} <= set(aircraft.columns):
        return
    mask = pl.col("country").is_null() & ~pl.col("is_total")
    count = aircraft.select(_count(mask, "n")).item()
    if count:
        _report_rows(
            report,
            "aircraft",
            "country_required",
            "country",
            _examples(aircraft, mask, ["aircraft_id"]),
            count,
            lambda r: (
                "country is null, but country may be null only for a total (is_total "
                "true) that the text does not split by country; this row has is_total false"
            ),
        )


def _parents(
    report: Report, frames: dict[str, pl.DataFrame], schemas: dict[str, dict[str, Any]]
) -> None:
    """In a table whose foreign key points at itself, no row is its own parent or ancestor.

    Cycles are found by following every row's parent one step per round (one join of the
    walks still going), so valid data costs as many rounds as its deepest chain of parents.
    """
    for table, frame in frames.items():
        key = schemas[table].get("primaryKey", [])
        for fk in schemas[table].get("foreignKeys", []):
            column = fk["fields"][0]
            if fk["reference"]["resource"] or fk["reference"]["fields"] != key or len(key) != 1:
                continue
            if len(fk["fields"]) != 1 or not {key[0], column} <= set(frame.columns):
                continue
            links = (
                frame.select(pl.col(key[0]).alias("_id"), pl.col(column).alias("_up"))
                .drop_nulls()
                .filter(pl.col("_id") != pl.col("_up"))
                .unique()
            )
            walk, cyclic = links.rename({"_id": "_from"}), [links["_id"].clear()]
            for _ in range(links.height):
                walk = walk.join(links, left_on="_up", right_on="_id").select(
                    "_from", pl.col("_up_right").alias("_up")
                )
                back = pl.col("_from") == pl.col("_up")
                cyclic.append(walk.filter(back)["_from"])
                walk = walk.filter(~back).unique()
                if walk.is_empty():
                    break
            rules = {
                "parent_self": pl.col(column) == pl.col(key[0]),
                "parent_cycle": pl.col(key[0]).is_in(pl.concat(cyclic).implode()),
            }
            for rule, mask in rules.items():
                count = frame.select(_count(mask, "n")).item()
                if count:
                    parents = dict(links.iter_rows()) if rule == "parent_cycle" else {}
                    _report_rows(
                        report,
                        table,
                        rule,
                        column,
                        _examples(frame, mask, key),
                        count,
                        lambda r, x=(rule, column, key[0], parents): _parent_message(r, *x),
                    )


def _parent_message(
    row: dict[str, Any], rule: str, column: str, key: str, parents: dict[str, str]
) -> str:
    if rule == "parent_self":
        return f"{column} names the row itself ({_show(row[column])}): it cannot be its own parent"
    path = [row[key]]
    while (up := parents.get(path[-1])) not in (None, row[key]) and len(path) <= len(parents):
        path.append(up)
    return f"{column} leads back to this row: {' → '.join([*path, row[key]])}"


def _record_id(primary_key: list[str]) -> pl.Expr:
    """A row's key as evidence.record_id writes it: its parts joined by KEY_SEPARATOR."""
    if len(primary_key) == 1:
        return pl.col(primary_key[0]).cast(pl.String)
    return pl.concat_str([pl.col(c).cast(pl.String) for c in primary_key], separator=KEY_SEPARATOR)


def _claim_sources(
    report: Report, frames: dict[str, pl.DataFrame], schemas: dict[str, dict[str, Any]]
) -> None:
    """A claim is tied to its source: its evidence lies in the source it names, and a date
    claim does not begin after that source was published."""
    evidence = frames.get("evidence")
    if evidence is not None and {"record_table", "record_id", "source_id"} <= set(evidence.columns):
        for table, frame in frames.items():
            key = schemas.get(table, {}).get("primaryKey")
            if table == "evidence" or not key or "source_id" not in frame.columns:
                continue
            rows = (
                frame.lazy()
                .with_row_index("_index")
                .select("_index", _record_id(key).alias("_id"), pl.col("source_id").alias("_own"))
            )
            cited = evidence.lazy().filter(pl.col("record_table") == table)
            wrong = (
                rows.join(
                    cited.select("record_id", "source_id"), left_on="_id", right_on="record_id"
                )
                .filter(pl.col("source_id") != pl.col("_own"))
                .unique("_index", keep="first", maintain_order=True)
                .collect()
            )
            if wrong.height:
                shown = wrong.head(MAX_EXAMPLES).with_columns(pl.col("_id").alias("_key"))
                _report_rows(
                    report,
                    table,
                    "evidence_source",
                    "source_id",
                    shown.to_dicts(),
                    wrong.height,
                    lambda r: (
                        f"evidence cites {_show(r['source_id'])}, but the row's source is "
                        f"{_show(r['_own'])}"
                    ),
                )
    claims, sources = frames.get("event_dates"), frames.get("sources")
    needed = {"date_claim_id", "source_id", "start_date"}
    if claims is None or sources is None or not needed <= set(claims.columns):
        return
    if not {"source_id", "published_date"} <= set(sources.columns):
        return
    dated = claims.with_row_index("_index").join(
        sources.select("source_id", "published_date"), on="source_id", how="left"
    )
    mask = pl.col("start_date") > pl.col("published_date")
    count = dated.select(mask.fill_null(False).sum()).item()
    if count:
        _report_rows(
            report,
            "event_dates",
            "dated_after_source",
            "start_date",
            _examples(dated, mask, ["date_claim_id"]),
            count,
            lambda r: (
                f"the claim begins on {r['start_date']}, after its source was published "
                f"on {r['published_date']}"
            ),
        )


def _spans_show_claims(report: Report, frames: dict[str, pl.DataFrame]) -> None:
    """A span is not any verbatim words: it shows what its row claims, where the text can."""
    evidence = frames.get("evidence")
    if evidence is None or not {"record_table", "record_id", "quote"} <= set(evidence.columns):
        return
    aliases = frames.get("actor_aliases")
    if aliases is not None and {"alias", "actor_id"} <= set(aliases.columns):
        named = evidence.with_row_index("_index").filter(pl.col("record_table") == "actors")
        wrong = named.join(
            aliases.select(pl.col("actor_id").alias("record_id"), pl.col("alias").alias("quote")),
            on=["record_id", "quote"],
            how="anti",
        )
        if wrong.height:
            _report_rows(
                report,
                "evidence",
                "evidence_claim",
                "quote",
                _examples(wrong, pl.lit(True), ["record_table", "record_id"]),
                wrong.height,
                lambda r: f"{_show(r['quote'])} is not a spelling of actor {_show(r['record_id'])}",
            )
    aircraft = frames.get("aircraft")
    if aircraft is not None and {"aircraft_id", "type_as_reported"} <= set(aircraft.columns):
        spans = evidence.filter(pl.col("record_table") == "aircraft").select(
            pl.col("record_id").alias("aircraft_id"), "quote"
        )
        shown = (
            aircraft.with_row_index("_index")
            .join(spans, on="aircraft_id", how="inner")
            .group_by("_index", "aircraft_id", "type_as_reported", maintain_order=True)
            .agg(pl.col("quote").str.contains(pl.col("type_as_reported"), literal=True).any())
            .filter(~pl.col("quote"))
        )
        if shown.height:
            _report_rows(
                report,
                "aircraft",
                "evidence_claim",
                "type_as_reported",
                _examples(shown, pl.lit(True), ["aircraft_id"]),
                shown.height,
                lambda r: (
                    f"no span of this claim contains its type_as_reported "
                    f"{_show(r['type_as_reported'])}"
                ),
            )


def _evidence(
    report: Report, frames: dict[str, pl.DataFrame], schemas: dict[str, dict[str, Any]]
) -> None:
    """Evidence rows point at existing rows, and every row they can support has one, unless
    the row carries its own verbatim span (statements: source_id, char_start, char_end), where
    evidence only adds the words that name a relayer, an unnamed speaker or the day.

    The tables evidence supports are the values of its record_table enum; a record_id is
    the supported row's primary key, its parts joined by KEY_SEPARATOR.
    """
    evidence = frames.get("evidence")
    if evidence is None or not {"record_table", "record_id"} <= set(evidence.columns):
        return
    field_ = next((f for f in schemas["evidence"]["fields"] if f["name"] == "record_table"), {})
    supported = [
        t
        for t in field_.get("constraints", {}).get("enum", [])
        if t in frames and schemas[t].get("primaryKey")
    ]
    cited = evidence.lazy().with_row_index("_index")
    queries = []
    for table in supported:
        key = _record_id(schemas[table]["primaryKey"])
        ids = frames[table].lazy().with_row_index("_index").select("_index", key.alias("_id"))
        citing = cited.filter(pl.col("record_table") == table)
        orphans = citing.join(ids, left_on="record_id", right_on="_id", how="anti")
        missing = ids.join(
            citing.select("record_id"), left_on="_id", right_on="record_id", how="anti"
        )
        if {"source_id", "char_start", "char_end"} <= set(frames[table].columns):
            missing = missing.head(0)  # the row's own span is its evidence
        queries.append((table, orphans, missing))
    counts = pl.collect_all(
        [q.select(pl.len()) for _, orphans, missing in queries for q in (orphans, missing)]
    )
    evidence_key = schemas["evidence"].get("primaryKey", [])
    for i, (table, orphans, missing) in enumerate(queries):
        n_orphans, n_missing = counts[2 * i].item(), counts[2 * i + 1].item()
        if n_orphans:
            _report_rows(
                report,
                "evidence",
                "evidence_target",
                "record_id",
                _examples(orphans.collect(), pl.lit(True), evidence_key),
                n_orphans,
                lambda r: f"{r['record_table']} has no row {_show(r['record_id'])} to support",
            )
        if n_missing:
            rows = [{"_key": k} for k in missing.head(MAX_EXAMPLES).collect()["_id"]]
            _report_rows(
                report,
                table,
                "evidence_missing",
                None,
                rows,
                n_missing,
                lambda r: "no evidence row cites a span of a source for this row",
            )


# Parquet ------------------------------------------------------------------------------------


def _parquet(
    report: Report,
    table: str,
    file: Path,
    csv_frame: pl.DataFrame | None,
    schema: dict[str, Any],
    label: str,
    type_errors: dict[str, pl.Series],
) -> None:
    """The Parquet file has the schema's columns and the CSV file's rows and values.

    Cells of the CSV with a type error are not compared (the type rule reports them).
    """
    try:
        frame = pl.read_parquet(file)
    except Exception as exc:  # truncated or foreign bytes raise several types
        report.add(table, "parquet_unreadable", f"{label} cannot be read: {_first_line(exc)}")
        return
    expected = polars_dtypes(schema)
    actual = dict(frame.schema)
    if actual != expected:
        problems = []
        for name, dtype in expected.items():
            if name not in actual:
                problems.append(f"column {name} is missing")
            elif actual[name] != dtype:
                problems.append(f"column {name} is {actual[name]}, the schema says {dtype}")
        extra = [c for c in actual if c not in expected]
        if extra:
            problems.append(f"column(s) {', '.join(extra)} are not in the schema")
        if not problems:
            problems.append(f"the columns are in the order {', '.join(actual)}")
        report.add(table, "parquet_schema", f"{label}: {'; '.join(problems)}")
        return
    if csv_frame is None or frame.equals(csv_frame, null_equal=True):
        return
    primary_key = schema.get("primaryKey", [])
    if frame.height != csv_frame.height:
        if primary_key and frame.height and csv_frame.height:
            keyed = [
                f.with_row_index("_index").with_columns(
                    _key_expr(primary_key, f.columns).alias("_key")
                )
                for f in (csv_frame, frame)
            ]
            for (this, that), (a, b) in (
                (("CSV", "Parquet"), (keyed[0], keyed[1])),
                (("Parquet", "CSV"), (keyed[1], keyed[0])),
            ):
                only = a.join(b.select("_key"), on="_key", how="anti")
                rows = only.head(MAX_EXAMPLES).to_dicts()
                _report_rows(
                    report,
                    table,
                    "csv_parquet",
                    None,
                    rows,
                    only.height,
                    lambda r, x=this, y=that: f"the row is in the {x} file but not in the {y} file",
                )
        report.add(
            table,
            "csv_parquet",
            f"the CSV file has {csv_frame.height:,} rows, the Parquet file {frame.height:,}",
        )
        return
    both = csv_frame.with_columns([pl.Series(f"_parquet_{c}", frame[c]) for c in frame.columns])
    masks = {c: ~pl.col(c).eq_missing(pl.col(f"_parquet_{c}")) for c in frame.columns}
    for name, bad in type_errors.items():
        masks[name] = masks[name] & ~pl.lit(bad)
    counts = both.select([m.sum().alias(c) for c, m in masks.items()]).row(0, named=True)
    for name, count in counts.items():
        if count:
            rows = _examples(both, masks[name], primary_key)
            _report_rows(
                report,
                table,
                "csv_parquet",
                name,
                rows,
                count,
                lambda r, n=name: (
                    f"the CSV file has {_show(r[n])}, the Parquet file {_show(r[f'_parquet_{n}'])}"
                ),
            )


# The package --------------------------------------------------------------------------------


def _schema_drift(
    report: Report, schemas: dict[str, dict[str, Any]], schema_dir: Path | None
) -> None:
    """The inline schemas must be the files of schema/: a loosened descriptor is caught."""
    if schema_dir is None:
        return
    for table, inline in schemas.items():
        file = schema_dir / f"{table}.json"
        if table not in TABLES or not file.is_file():
            continue
        expected = json.loads(file.read_text(encoding="utf-8"))
        expected.pop("description", None)
        if inline == expected:
            continue
        inline_fields = {f.get("name"): f for f in inline.get("fields", [])}
        differing = [
            f["name"] for f in expected.get("fields", []) if inline_fields.get(f["name"]) != f
        ]
        where = f"field(s) {', '.join(differing)}" if differing else "its keys or options"
        report.add(
            table,
            "schema_drift",
            f"the inline schema differs from {file.name} in {where}; rebuild datapackage.json "
            "from schema/",
        )


def _row_order(
    report: Report, frames: dict[str, pl.DataFrame], schemas: dict[str, dict[str, Any]]
) -> None:
    for table, frame in frames.items():
        key = schemas.get(table, {}).get("primaryKey", [])
        if not key or not all(k in frame.columns for k in key) or frame.height < 2:
            continue
        keys = frame.select(key)
        if not keys.equals(keys.sort(key, nulls_last=True, maintain_order=True)):
            report.add(table, "row_order", f"rows are not sorted by {', '.join(key)}")


def validate_package(
    path: Path | str,
    /,
    *,
    expected_version: str | None = None,
    engine: Engine = "polars",
    threads: int | None = None,
    schema_dir: Path | None = None,
) -> Report:
    """Validate the package at `path` (a datapackage.json or its folder).

    Raises UnreadablePackage only when the descriptor itself cannot be read; every other
    problem is a finding of the report. `engine` chooses who checks the Table Schema
    constraints: "polars" (vectorised, the default) or "pandera" (the derived models).
    Tables are read and checked `threads` at a time (default: 2, or 1 on a single core).
    `schema_dir`: the schema/ folder of this version; a package of this version must carry
    exactly those schemas inline (None, or a package of another version: not compared).
    """
    from . import __version__

    if engine not in ("polars", "pandera"):
        raise ValueError(f"unknown engine {engine!r}; choose polars or pandera")
    descriptor_path, descriptor = _read_descriptor(Path(path))
    root = descriptor_path.parent
    report = Report(str(descriptor_path))
    version = expected_version or __version__
    if descriptor.get("version") != version:
        report.add(
            "datapackage",
            "version",
            f"the data version is {_show(descriptor.get('version'))}, but the software is "
            f"version {version!r}: data and code are released together with one version",
        )
    resources: dict[str, dict[str, Any]] = {}
    for position, resource in enumerate(descriptor["resources"]):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            report.add(
                "datapackage",
                "descriptor",
                f"resource number {position + 1} is not an object with a name",
            )
            continue
        resources.setdefault(resource["name"], resource)
    names = list(TABLES) + [n for n in resources if n not in TABLES]
    for table in names:
        if table not in resources:
            report.add(table, "resource_missing", "datapackage.json has no resource of this name")
    present = sorted(
        (n for n in names if n in resources),
        key=lambda n: -_size(resources[n]),  # the largest first, to balance the threads
    )
    workers = threads or min(2, os.cpu_count() or 1)
    pool = ThreadPoolExecutor(max_workers=workers) if workers > 1 else None
    each = pool.map if pool is not None else map  # one thread: no pool at all
    try:
        tables = list(each(lambda n: _table(report, root, n, resources[n], engine), present))
        results = dict(zip(present, tables, strict=True))
        schemas = {n: r[0] for n, r in results.items() if r[0] is not None}
        frames = {n: r[1] for n in names if n in results and (r := results[n])[1] is not None}
        report.rows = {n: f.height for n, f in frames.items()}
        checks = [
            ("datapackage", "foreign key", _foreign_keys, report, frames, schemas),
            ("datapackage", "span", _spans, report, frames, schemas),
            ("sources", "sha256", _sources, report, frames),
            ("events", "date", _events, report, frames),
            ("aircraft", "country", _aircraft, report, frames),
            ("datapackage", "parent", _parents, report, frames, schemas),
            ("evidence", "evidence", _evidence, report, frames, schemas),
            ("evidence", "claim sources", _claim_sources, report, frames, schemas),
            ("evidence", "spans show claims", _spans_show_claims, report, frames),
            (
                "datapackage",
                "schema",
                _schema_drift,
                report,
                schemas,
                schema_dir if descriptor.get("version") == version else None,
            ),
            ("datapackage", "order", _row_order, report, frames, schemas),
        ]
        list(each(lambda c: _guard(report, *c), checks))
    finally:
        if pool is not None:
            pool.shutdown()
    return report


def _size(resource: dict[str, Any]) -> int:
    size = resource.get("bytes")
    return size if isinstance(size, int) else 0


def _table(
    report: Report, root: Path, table: str, resource: dict[str, Any], engine: Engine
) -> tuple[dict[str, Any] | None, pl.DataFrame | None]:
    """Read and check one resource: its files, types and constraints, CSV against Parquet."""
    schema = resource.get("schema")
    if not isinstance(schema, dict) or not _schema_ok(schema):
        report.add(table, "schema", "the resource has no usable inline Table Schema")
        return None, None
    file = _read_file(report, table, root, resource, "CSV")
    parsed = None
    if file is not None:
        parsed = _guard(report, table, "CSV", _parse_csv, report, table, file, schema)
    frame, type_errors = parsed if parsed is not None else (None, {})
    if frame is not None:
        if frame.height == 0:
            report.add(table, "empty", "the table has no rows, only a header")
        check = _pandera if engine == "pandera" else _constraints
        _guard(report, table, "constraint", check, report, table, frame, schema, type_errors)
        if engine == "pandera":
            _guard(report, table, "white space", _whitespace, report, table, frame, schema)
    parquet = resource.get("parquet")
    if isinstance(parquet, dict):
        label = f"the Parquet file {parquet.get('path')}"
        file = _read_file(report, table, root, parquet, "Parquet")
        if file is not None:
            args = (report, table, file, frame, schema, label, type_errors)
            _guard(report, table, "Parquet", _parquet, *args)
    else:
        report.add(table, "parquet_missing", "the resource names no Parquet file")
    return schema, frame


def _schema_ok(schema: dict[str, Any]) -> bool:
    """Enough of a Table Schema to validate against: named, typed fields."""
    fields = schema.get("fields")
    known = {"string", "integer", "number", "date", "boolean"}
    return (
        isinstance(fields, list)
        and bool(fields)
        and all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields)
        and all(f.get("type") in known for f in fields)
    )
