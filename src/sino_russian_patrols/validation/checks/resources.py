"""The descriptor's resources: one name each, and every file with the integrity it is
checked against.

frictionless skips its hash check when a resource has no `hash`, and its size check when
`bytes` is missing or 0; validate does not let a file go unchecked that way. (A `bytes`
that differs from the file, 0 for a file that is not empty included, is the `bytes` rule of
`read.read_file`; the `hash` rule is `read.check_hash`.)
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..report import Report, message

if TYPE_CHECKING:
    from . import Tables


def resource_integrity(report: Report, tables: Tables) -> None:
    """No two resources with one name; each file named with its `hash` and `bytes`."""
    resources = [r for r in tables.descriptor.get("resources", []) if isinstance(r, dict)]
    names = Counter(r.get("name") for r in resources if isinstance(r.get("name"), str))
    for name, count in names.items():
        if count > 1:
            report.add(
                name,
                "resource_duplicate",
                message("resource_duplicate", count=count, name=name),
            )
    for resource in resources:
        name = resource.get("name")
        if not isinstance(name, str):
            continue  # reported by validate as a descriptor problem
        parquet = resource.get("parquet")
        specs = [("CSV", resource)] + ([("Parquet", parquet)] if isinstance(parquet, dict) else [])
        # `load`, `path` and `connect` read each table at its conventional path: the files
        # validate checks must be those, or a descriptor could point validate at genuine
        # copies while a forged file sits where the readers look
        for label, spec, expected in (
            ("CSV", resource, f"dataset/csv/{name}.csv"),
            (
                "Parquet",
                parquet if isinstance(parquet, dict) else {},
                f"dataset/parquet/{name}.parquet",
            ),
        ):
            if "path" in spec and spec.get("path") != expected:
                report.add(
                    name,
                    "resource_path",
                    message("resource_path", label=label, path=spec.get("path"), expected=expected),
                )
        for label, spec in specs:
            lacking = [p for p in ("hash", "bytes") if spec.get(p) is None]
            if lacking:
                report.add(
                    name,
                    "integrity_missing",
                    message(
                        "integrity_missing",
                        label=label,
                        path=spec.get("path"),
                        lacking=" and no ".join(lacking),
                    ),
                )
