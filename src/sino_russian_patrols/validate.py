"""Validate a built package: every file, every constraint, every key and every span.

Each check reports problems and goes on; nothing here stops at the first problem or raises
on bad input. Table Schema constraints are checked by pandera models derived from the
schemas; what pandera cannot express (keys across tables, spans, hashes, CSV against
Parquet, date logic, versions) is checked here with polars.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from .schema import TABLES, polars_dtypes

KEY_SEPARATOR = "/"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where (table, column, row key) and which rule it breaks."""

    table: str
    rule: str
    column: str | None
    row: str | None
    message: str

    def __str__(self) -> str:
        where = self.table + (f".{self.column}" if self.column else "")
        row = f" [{self.row}]" if self.row else ""
        return f"{where}{row}: {self.rule}: {self.message}"


class UnreadablePackage(Exception):
    """The descriptor itself cannot be read: there is nothing to validate."""


@dataclass
class Report:
    path: str
    findings: list[Finding] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.findings

    def add(self, table: str, rule: str, message: str, column: str | None = None, row: str | None = None) -> None:
        self.findings.append(Finding(table, rule, column, row, message))

    def text(self) -> str:
        lines = [str(f) for f in sorted(self.findings)]
        tables = ", ".join(f"{t} {n}" for t, n in self.rows.items())
        if self.valid:
            lines.append(f"valid: {self.path} ({tables} rows)")
        else:
            lines.append(f"invalid: {len(self.findings)} problem(s) in {self.path}")
        return "\n".join(lines)

    def json(self) -> str:
        return json.dumps(
            {
                "path": self.path,
                "valid": self.valid,
                "count": len(self.findings),
                "rows": self.rows,
                "problems": [asdict(f) for f in sorted(self.findings)],
            },
            indent=2,
            ensure_ascii=False,
        )


def _read_descriptor(path: Path) -> tuple[Path, dict[str, Any]]:
    if path.is_dir():
        path = path / "datapackage.json"
    try:
        descriptor = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise UnreadablePackage(f"{path}: no such file; give a datapackage.json or its folder") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnreadablePackage(f"{path}: not a JSON datapackage descriptor ({exc})") from None
    except OSError as exc:
        raise UnreadablePackage(f"{path}: cannot be read ({exc})") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise UnreadablePackage(f"{path}: a datapackage descriptor needs a `resources` list")
    return path, descriptor


def _digest_check(report: Report, table: str, file: Path, spec: dict[str, Any], label: str) -> bytes | None:
    try:
        data = file.read_bytes()
    except OSError as exc:
        report.add(table, "file_missing", f"{label} {file} cannot be read ({exc.strerror or exc})")
        return None
    expected = str(spec.get("hash", ""))
    actual = "sha256:" + hashlib.sha256(data).hexdigest()
    if expected and expected != actual:
        report.add(table, "hash", f"{label} {file.name} has {actual}, datapackage.json says {expected}")
    if "bytes" in spec and spec["bytes"] != len(data):
        report.add(table, "bytes", f"{label} {file.name} has {len(data)} bytes, datapackage.json says {spec['bytes']}")
    return data


def _row_keys(frame: pl.DataFrame, primary_key: list[str]) -> pl.Series:
    """A readable key per row: the primary key values, or the CSV line when a key is missing."""
    if all(c in frame.columns for c in primary_key):
        parts = [pl.col(c).cast(pl.String) for c in primary_key]
        key = pl.concat_str(parts, separator=KEY_SEPARATOR)
    else:
        key = pl.lit(None, pl.String)
    line = pl.lit("line ") + (pl.int_range(pl.len()) + 2).cast(pl.String)
    return frame.select(pl.coalesce(key, line).alias("key")).to_series()


def _parse_csv(report: Report, table: str, data: bytes, schema: dict[str, Any]) -> pl.DataFrame | None:
    """Read CSV bytes as text, check the header, and convert each column to its schema type."""
    names = [f["name"] for f in schema["fields"]]
    try:
        raw = pl.read_csv(data, infer_schema=False, encoding="utf8", raise_if_empty=False)
    except Exception as exc:  # polars raises several types on garbage input
        report.add(table, "csv_unreadable", f"the CSV cannot be parsed: {str(exc).splitlines()[0]}")
        return None
    if raw.columns != names:
        missing = [c for c in names if c not in raw.columns]
        extra = [c for c in raw.columns if c not in names]
        if missing:
            report.add(table, "columns_missing", f"missing column(s): {', '.join(missing)}")
        if extra:
            report.add(table, "columns_extra", f"unexpected column(s): {', '.join(extra)}")
        if not missing and not extra:
            report.add(table, "columns_order", f"columns in the order {raw.columns}, the schema says {names}")
        if missing:
            return None
        raw = raw.select(names)
    dtypes = polars_dtypes(schema)
    keys = _row_keys(raw, schema.get("primaryKey", []))
    converted = []
    for name, dtype in dtypes.items():
        col = pl.col(name)
        if dtype == pl.String:
            converted.append(col)
            continue
        if dtype == pl.Date:
            expr = col.str.to_date("%Y-%m-%d", strict=False)
        elif dtype == pl.Boolean:
            expr = pl.when(col == "true").then(True).when(col == "false").then(False)
        else:
            expr = col.cast(dtype, strict=False)
        converted.append(expr.alias(name))
        bad = raw.with_columns(expr.alias("_parsed"), keys.alias("_key")).filter(
            pl.col(name).is_not_null() & pl.col("_parsed").is_null()
        )
        for row in bad.head(50).iter_rows(named=True):
            report.add(table, "type", f"{row[name]!r} is not a valid {schema_type(schema, name)}", name, row["_key"])
    return raw.select(converted)


def schema_type(schema: dict[str, Any], name: str) -> str:
    return next(f["type"] for f in schema["fields"] if f["name"] == name)


def _pandera(report: Report, table: str, frame: pl.DataFrame, schema: dict[str, Any]) -> None:
    import pandera.errors
    import pandera.polars  # noqa: F401 - registers the polars backend

    from .pandera_models import dataframe_schema

    try:
        dataframe_schema(schema, table).validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        keys = _row_keys(frame, schema.get("primaryKey", []))
        for case in cases.iter_rows(named=True):
            index = case.get("index")
            row = keys[index] if index is not None and 0 <= index < len(keys) else None
            check = str(case["check"])
            rule = {"not_nullable": "required", "field_uniqueness": "unique"}.get(check, check)
            if check.startswith("pattern("):
                rule = "pattern"
            value = case["failure_case"]
            report.add(table, rule, f"value {value!r} breaks {check}", case.get("column"), row)


def _whitespace(report: Report, table: str, frame: pl.DataFrame, schema: dict[str, Any]) -> None:
    """Identifiers (key columns) must not carry leading or trailing white space."""
    key_columns = set(schema.get("primaryKey", []))
    for fk in schema.get("foreignKeys", []):
        key_columns.update(fk["fields"])
    keys = _row_keys(frame, schema.get("primaryKey", []))
    for name in sorted(key_columns):
        if frame.schema.get(name) != pl.String:
            continue
        bad = frame.with_columns(keys.alias("_key")).filter(pl.col(name) != pl.col(name).str.strip_chars())
        for row in bad.head(50).iter_rows(named=True):
            report.add(table, "whitespace", f"identifier {row[name]!r} has leading or trailing white space", name, row["_key"])


def _foreign_keys(report: Report, frames: dict[str, pl.DataFrame], schemas: dict[str, dict]) -> None:
    for table, frame in frames.items():
        keys = _row_keys(frame, schemas[table].get("primaryKey", []))
        for fk in schemas[table].get("foreignKeys", []):
            parent = fk["reference"]["resource"] or table
            if parent not in frames:
                continue
            child_cols, parent_cols = fk["fields"], fk["reference"]["fields"]
            children = frame.with_columns(keys.alias("_key")).drop_nulls(child_cols)
            referenced = frames[parent].select(
                [pl.col(p).alias(c) for p, c in zip(parent_cols, child_cols, strict=True)]
            ).unique()
            dangling = children.join(referenced, on=child_cols, how="anti", nulls_equal=False)
            for row in dangling.head(100).iter_rows(named=True):
                value = KEY_SEPARATOR.join(str(row[c]) for c in child_cols)
                report.add(
                    table, "foreign_key",
                    f"{value!r} has no match in {parent}.{', '.join(parent_cols)}",
                    ", ".join(child_cols), row["_key"],
                )


def _spans(report: Report, frames: dict[str, pl.DataFrame]) -> None:
    """Every span must be verbatim: sources.text[char_start:char_end] equals the quoted text."""
    sources = frames.get("sources")
    if sources is None:
        return
    texts = sources.select("source_id", pl.col("text").alias("_source_text"))
    for table, column, key in (("statements", "text", "statement_id"), ("evidence", "quote", None)):
        frame = frames.get(table)
        if frame is None:
            continue
        keys = _row_keys(frame, ["statement_id"] if key else ["record_table", "record_id", "source_id", "char_start", "char_end"])
        checked = (
            frame.with_columns(keys.alias("_key"))
            .join(texts, on="source_id", how="inner")
            .with_columns(
                pl.col("_source_text")
                .str.slice(pl.col("char_start"), pl.col("char_end") - pl.col("char_start"))
                .alias("_slice")
            )
        )
        bad_order = checked.filter(pl.col("char_end") <= pl.col("char_start"))
        for row in bad_order.head(50).iter_rows(named=True):
            report.add(table, "span_order", f"char_end {row['char_end']} is not after char_start {row['char_start']}", "char_end", row["_key"])
        bad = checked.filter((pl.col("char_end") > pl.col("char_start")) & (pl.col("_slice") != pl.col(column)))
        for row in bad.head(100).iter_rows(named=True):
            report.add(
                table, "span_verbatim",
                f"{row['source_id']}[{row['char_start']}:{row['char_end']}] is {row['_slice']!r}, not {row[column]!r}",
                column, row["_key"],
            )


def _sources(report: Report, frames: dict[str, pl.DataFrame]) -> None:
    sources = frames.get("sources")
    if sources is None:
        return
    for source_id, text, sha in sources.select("source_id", "text", "sha256").iter_rows():
        if text is None:
            continue
        actual = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if actual != sha:
            report.add("sources", "sha256", f"the text hashes to {actual}, the row says {sha}", "sha256", source_id)


def _events(report: Report, frames: dict[str, pl.DataFrame]) -> None:
    events = frames.get("events")
    if events is None:
        return
    start, end, precision = pl.col("start_date"), pl.col("end_date"), pl.col("date_precision")
    rules = {
        "date_order": (start > end, "start_date is after end_date"),
        "date_precision": (
            ((precision == "day") & (start.is_null() | (start != end)))
            | ((precision == "month") & (start.is_null() | end.is_null() | (start.dt.year() != end.dt.year()) | (start.dt.month() != end.dt.month())))
            | ((precision == "year") & (start.is_null() | end.is_null() | (start.dt.year() != end.dt.year()))),
            "the dates do not fit date_precision",
        ),
        "date_basis": (
            (pl.col("date_basis") == "stated") & (precision != "day"),
            "a stated date gives day, month and year: precision must be day",
        ),
        "parent_self": (pl.col("parent_event_id") == pl.col("event_id"), "an event cannot answer itself"),
    }
    for rule, (condition, message) in rules.items():
        for row in events.filter(condition.fill_null(False)).head(50).iter_rows(named=True):
            report.add(
                "events", rule,
                f"{message} (start {row['start_date']}, end {row['end_date']}, precision {row['date_precision']}, basis {row['date_basis']})",
                None, row["event_id"],
            )


def _parquet(report: Report, table: str, file: Path, csv_frame: pl.DataFrame | None, schema: dict[str, Any]) -> None:
    try:
        frame = pl.read_parquet(file)
    except Exception as exc:  # truncated or foreign bytes raise several types
        report.add(table, "parquet_unreadable", f"{file.name} cannot be read: {str(exc).splitlines()[0]}")
        return
    expected = polars_dtypes(schema)
    actual = dict(frame.schema)
    if actual != expected:
        report.add(table, "parquet_schema", f"{file.name} has columns {actual}, the schema says {expected}")
        return
    if csv_frame is None:
        return
    if frame.height != csv_frame.height:
        report.add(table, "csv_parquet", f"CSV has {csv_frame.height} rows, Parquet {frame.height}")
        return
    if not frame.equals(csv_frame, null_equal=True):
        keys = _row_keys(csv_frame, schema.get("primaryKey", []))
        for name in frame.columns:
            differs = ~frame[name].eq_missing(csv_frame[name])
            for key in keys.filter(differs).head(20):
                report.add(table, "csv_parquet", "CSV and Parquet hold different values", name, key)


def validate_package(path: Path | str, /, *, expected_version: str | None = None) -> Report:
    """Validate the package at `path` (a datapackage.json or its folder).

    Raises UnreadablePackage only when the descriptor itself cannot be read.
    """
    from . import __version__

    descriptor_path, descriptor = _read_descriptor(Path(path))
    root = descriptor_path.parent
    report = Report(str(descriptor_path))
    version = expected_version or __version__
    if descriptor.get("version") != version:
        report.add("datapackage", "version", f"data version {descriptor.get('version')!r} differs from package version {version!r}")
    resources = {r.get("name"): r for r in descriptor["resources"] if isinstance(r, dict)}
    frames: dict[str, pl.DataFrame] = {}
    schemas: dict[str, dict[str, Any]] = {}
    for table in TABLES:
        resource = resources.get(table)
        if resource is None:
            report.add(table, "resource_missing", "datapackage.json has no resource of this name")
            continue
        schema = resource.get("schema")
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            report.add(table, "schema", "the resource has no inline Table Schema")
            continue
        schemas[table] = schema
        data = _digest_check(report, table, root / str(resource.get("path", "")), resource, "CSV")
        frame = _parse_csv(report, table, data, schema) if data is not None else None
        if frame is not None:
            frames[table] = frame
            report.rows[table] = frame.height
            _pandera(report, table, frame, schema)
            _whitespace(report, table, frame, schema)
        parquet = resource.get("parquet")
        if isinstance(parquet, dict):
            file = root / str(parquet.get("path", ""))
            if _digest_check(report, table, file, parquet, "Parquet") is not None:
                _parquet(report, table, file, frame, schema)
        else:
            report.add(table, "parquet_missing", "the resource names no Parquet file")
    _foreign_keys(report, frames, schemas)
    _spans(report, frames)
    _sources(report, frames)
    _events(report, frames)
    return report
