"""Read one resource's files as validation sees them: every problem is a finding.

A file is checked against the `hash` and `bytes` of the descriptor, a CSV file for its
encoding, syntax and header, and each of its values for its column's type. The typing itself
is `package.typed_columns`, shared with `diff`.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path
from typing import Any

import polars as pl

from ..package import typed_columns
from ..schema import polars_dtypes
from .report import Report, examples, first_line, report_rows, show


def schema_ok(schema: dict[str, Any]) -> bool:
    """Enough of a Table Schema to validate against: named, typed fields."""
    fields = schema.get("fields")
    known = {"string", "integer", "number", "date", "boolean"}
    return (
        isinstance(fields, list)
        and bool(fields)
        and all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields)
        and all(f.get("type") in known for f in fields)
    )


def read_file(
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
            + (f"{spec['bytes']:,}" if isinstance(spec["bytes"], int) else show(spec["bytes"])),
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


def parse_csv(
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
            where = _syntax_problem(data) or first_line(exc)
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
    frame = raw.select(typed_columns(schema, raw.columns))
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
            rows = examples(shown, pl.col("_bad"), schema.get("primaryKey", []))
            hint = _TYPE_HINTS.get(types[name], types[name])
            report_rows(
                report,
                table,
                "type",
                name,
                rows,
                count,
                lambda r, n=name, h=hint: f"{show(r[n])} is not {h}",
            )
    return frame, type_errors
