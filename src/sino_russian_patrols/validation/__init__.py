"""Validate a built package: every file, every constraint, every key and every span.

Each check reports problems and goes on; nothing here stops at the first problem or raises
on bad input. Where each part lives:

- `report`: findings, their text and JSON forms, and how rows become findings;
- `read`: a resource's files (path, hash, bytes) and its CSV (encoding, header, types);
- `engines`: the Table Schema constraints of one table (types, required, unique, primary
  keys, enums, patterns, minimum and maximum), derived from its schema at run time and
  checked in one vectorised pass (`engine="polars"`, the default) or by the pandera models
  of `pandera_models` (`engine="pandera"`: the same rules, kept as an independent
  implementation that the tests compare with);
- `checks`: what a Table Schema cannot express (keys across tables, spans, evidence,
  hashes of sources, date logic, schema drift, row order), one module per family, wired by
  `checks.CHECKS`; `checks.parquet` compares each table's Parquet file with its CSV file.

This module reads the descriptor, reads and checks each table (two at a time), then runs
the checks across tables. Speed: every check is a polars expression over whole columns;
Python loops run only over the few example rows that a report shows (at most
`MAX_EXAMPLES` per table, column and rule; the rest are counted).
"""

from __future__ import annotations

import os
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal

import polars as pl

from ..package import UnreadablePackage, read_descriptor
from ..rules import RULES
from ..schema import TABLES
from . import checks
from .checks import Tables
from .checks.parquet import compare_parquet
from .engines import ENGINES, constraints, whitespace_constraints
from .read import check_hash, check_schema_dir, parse_csv, read_file, schema_ok
from .report import KEY_SEPARATOR, MAX_EXAMPLES, Finding, Report, guard, message, show

__all__ = [
    "KEY_SEPARATOR",
    "MAX_EXAMPLES",
    "RULES",
    "Engine",
    "Finding",
    "Report",
    "UnreadablePackage",
    "constraints",
    "validate_package",
    "whitespace_constraints",
]

Engine = Literal["polars", "pandera"]


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
    from .. import __version__

    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose {' or '.join(ENGINES)}")
    if engine == "pandera":
        from ..extras import require_extra

        require_extra("validate", "validate --engine pandera", "pandera")
    check_schema_dir(schema_dir)
    descriptor_path, descriptor = read_descriptor(Path(path))
    root = descriptor_path.parent
    report = Report(str(descriptor_path))
    version = expected_version or __version__
    if descriptor.get("version") != version:
        report.add(
            "datapackage",
            "version",
            message("version", found=show(descriptor.get("version")), version=version),
        )
    resources: dict[str, dict[str, Any]] = {}
    for position, resource in enumerate(descriptor["resources"]):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            report.add(
                "datapackage",
                "descriptor",
                message("descriptor", number=position + 1),
            )
            continue
        resources.setdefault(resource["name"], resource)
    names = list(TABLES) + [n for n in resources if n not in TABLES]
    for table in names:
        if table not in resources:
            report.add(table, "resource_missing", message("resource_missing"))
    present = sorted(
        (n for n in names if n in resources),
        key=lambda n: -_size(resources[n]),  # the largest first, to balance the threads
    )
    workers = threads or min(2, os.cpu_count() or 1)
    pool = ThreadPoolExecutor(max_workers=workers) if workers > 1 else None
    each = pool.map if pool is not None else map  # one thread: no pool at all
    # Files are hashed one at a time by a thread of their own, while the tables are parsed
    # and checked: hashlib releases the interpreter's lock on large reads.
    hashing = ThreadPoolExecutor(max_workers=1)
    try:
        tables = list(
            each(lambda n: _table(report, root, n, resources[n], engine, hashing), present)
        )
        results = dict(zip(present, tables, strict=True))
        schemas = {n: r[0] for n, r in results.items() if r[0] is not None}
        frames = {n: r[1] for n in names if n in results and (r := results[n])[1] is not None}
        ordered = frozenset(n for n, r in results.items() if r[2])
        report.rows = {n: f.height for n, f in frames.items()}
        drift = schema_dir if descriptor.get("version") == version else None
        package = Tables(frames, schemas, drift, descriptor, ordered)
        list(each(lambda c: guard(report, c.table, c.what, c.run, report, package), checks.CHECKS))
    finally:
        hashing.shutdown()  # every hash is checked before the report is returned
        if pool is not None:
            pool.shutdown()
    return report


def _size(resource: dict[str, Any]) -> int:
    size = resource.get("bytes")
    return size if isinstance(size, int) else 0


def _table(
    report: Report,
    root: Path,
    table: str,
    resource: dict[str, Any],
    engine: Engine,
    hashing: Executor,
) -> tuple[dict[str, Any] | None, pl.DataFrame | None, bool]:
    """Read and check one resource: its files, types and constraints, CSV against Parquet.

    Returns its schema, its typed rows, and whether the rows were found in strictly
    ascending order of the primary key (unique and sorted: not checked again).
    """
    schema = resource.get("schema")
    if not isinstance(schema, dict) or not schema_ok(schema):
        report.add(table, "schema", message("schema"))
        return None, None, False
    file = read_file(report, table, root, resource, "CSV")
    parsed = None
    if file is not None:
        hashing.submit(
            guard, report, table, "hash", check_hash, report, table, file, resource, "CSV"
        )
        parsed = guard(report, table, "CSV", parse_csv, report, table, file, schema)
    frame, type_errors = parsed if parsed is not None else (None, {})
    ordered = False
    if frame is not None:
        if frame.height == 0:
            report.add(table, "empty", message("empty"))
        for what, check in ENGINES[engine]:
            args = (report, table, frame, schema, type_errors)
            ordered = guard(report, table, what, check, *args) is True or ordered
    parquet = resource.get("parquet")
    if isinstance(parquet, dict):
        file = read_file(report, table, root, parquet, "Parquet")
        if file is not None:
            args = (report, table, file, parquet, "Parquet")
            hashing.submit(guard, report, table, "hash", check_hash, *args)
            args = (report, table, file, frame, schema, parquet.get("path"), type_errors)
            guard(report, table, "Parquet", compare_parquet, *args)
    else:
        report.add(table, "parquet_missing", message("parquet_missing"))
    return schema, frame, ordered
