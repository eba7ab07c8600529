"""Read one resource's files as validation sees them: every problem is a finding.

A file is checked against the `hash` and `bytes` of the descriptor, a CSV file for its
encoding, syntax and header, and each of its values for its column's type. The typing itself
is `package.typed_columns`, shared with `diff`.
"""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path
from typing import Any

import polars as pl

from ..errors import SchemaError, shorten
from ..hashes import file_sha256, matches
from ..package import UnreadablePackage, typed_columns
from ..rules import legend
from ..schema import check_schemas, polars_dtypes
from .report import Report, examples, first_line, message, report_rows, show


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


# A file is never read (hashed or parsed) when it is larger than this, or larger than
# MAX_GROWTH times the `bytes` that datapackage.json records plus GROWTH_SLACK: its size is
# compared first, and a file of gigabytes would take all memory to parse. A million
# statements make files of about 200 MB.
MAX_FILE_BYTES = 2**30
MAX_GROWTH, GROWTH_SLACK = 2, 1_000_000


def check_schema_dir(schema_dir: Path | None) -> None:
    """A broken file in schema/ breaks the project, not the package: raise UnreadablePackage
    naming each broken file (exit code 2), before the package is read."""
    if schema_dir is None or not schema_dir.is_dir():
        return
    try:
        check_schemas(schema_dir)
    except SchemaError as exc:
        lines = [*map(str, exc.problems), *legend(p.code for p in exc.problems)]
        problems = "\n".join(f"  {line}" for line in lines)
        raise UnreadablePackage(
            f"the Table Schemas in {schema_dir} are broken; restore them (git checkout "
            f"schema/) or fix them:\n{problems}"
        ) from None


def read_file(
    report: Report, table: str, root: Path, spec: dict[str, Any], label: str
) -> Path | None:
    """The file `spec` names, checked against its `bytes` (not yet its `hash`: `check_hash`).

    Its size is compared with `bytes` before anything is read: a file much larger than
    datapackage.json says, or above MAX_FILE_BYTES, is reported and not read at all (nor
    hashed). A file returned here is parsed from its path (polars maps it into memory) while
    another thread hashes it: no copy of a large file is held in Python.
    """
    relative = spec.get("path")
    if not isinstance(relative, str) or not relative:
        report.add(table, "path", message("path", "none", label=label))
        return None
    name = shorten(relative)  # as messages name it
    try:
        if "\0" in relative:
            raise ValueError("it holds a NUL byte")
        file = (root / relative).resolve()
    except (OSError, ValueError, RuntimeError) as exc:  # NUL, a loop of links, too long
        report.add(
            table, "path", message("path", "unusable", label=label, path=show(relative), reason=exc)
        )
        return None
    if Path(relative).is_absolute() or not file.is_relative_to(root.resolve()):
        report.add(table, "path", message("path", "outside", label=label, path=show(relative)))
        return None
    try:
        info = file.stat()
        if not stat.S_ISREG(info.st_mode):  # a folder, a FIFO (read forever), a device
            raise IsADirectoryError(relative)
    except OSError as exc:
        reason = "does not exist" if isinstance(exc, FileNotFoundError) else "is not a file"
        if not isinstance(exc, FileNotFoundError | IsADirectoryError):
            reason = str(exc.strerror or exc)
        report.add(
            table, "file_missing", message("file_missing", label=label, name=name, reason=reason)
        )
        return None
    size, declared = info.st_size, spec.get("bytes")
    if "bytes" in spec and declared != size:
        report.add(
            table,
            "bytes",
            message(
                "bytes",
                "unread" if _much_larger(size, declared) else "",
                label=label,
                name=name,
                size=size,
                declared=f"{declared:,}" if _is_int(declared) else show(declared),
            ),
        )
    if _much_larger(size, declared):
        return None
    if size > MAX_FILE_BYTES:
        report.add(
            table,
            "file_missing",
            message(
                "file_missing", "too_large", label=label, name=name, size=size, limit=MAX_FILE_BYTES
            ),
        )
        return None
    return file


def check_hash(report: Report, table: str, file: Path, spec: dict[str, Any], label: str) -> None:
    """The file's SHA-256 is the `hash` that `spec` records, read as a stream (other threads
    run meanwhile: the file is parsed while it is hashed)."""
    name = shorten(str(spec.get("path")))
    try:
        digest = file_sha256(file)
    except OSError as exc:
        reason = str(exc.strerror or exc)
        report.add(
            table, "file_missing", message("file_missing", label=label, name=name, reason=reason)
        )
        return
    expected = spec.get("hash")
    if expected is not None:
        actual = "sha256:" + digest
        if not matches(digest, expected):
            report.add(
                table,
                "hash",
                message("hash", label=label, name=name, actual=actual, expected=show(expected)),
            )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _much_larger(size: int, declared: Any) -> bool:
    return _is_int(declared) and size > MAX_GROWTH * max(declared, 0) + GROWTH_SLACK


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
        return message("csv_encoding", "utf8", byte=bad[:1].hex(), line=line, reason=exc.reason)
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
            report.add(table, "csv_empty", message("csv_empty"))
            return None
    if head.startswith(_BOM):
        report.add(table, "csv_encoding", message("csv_encoding", "bom"))
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
            report.add(table, "csv_unreadable", message("csv_unreadable", where=where))
        return None
    if raw.columns != names:
        missing = [c for c in names if c not in raw.columns]
        extra = [c for c in raw.columns if c not in names]
        if missing:
            report.add(
                table, "columns_missing", message("columns_missing", columns=_names(missing))
            )
        if extra:
            report.add(
                table,
                "columns_extra",
                message("columns_extra", columns=_names(extra)),
            )
        if not missing and not extra:
            report.add(
                table,
                "columns_order",
                message("columns_order", found=_names(raw.columns), expected=_names(names)),
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
                lambda r, n=name, h=hint: message("type", value=show(r[n]), type=h),
            )
    return frame, type_errors


def _names(columns: list[str]) -> str:
    """Column names as a message lists them, each cut (a header may be hostile)."""
    return ", ".join(shorten(c) for c in columns)
