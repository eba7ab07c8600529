"""Schema drift: a package of this version carries exactly the schemas of schema/."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ...schema import TABLES
from ..report import Report, message

if TYPE_CHECKING:
    from . import Tables


def inline_schemas(report: Report, tables: Tables) -> None:
    """The inline schemas must be the files of schema/: a loosened descriptor is caught."""
    schemas, schema_dir = tables.schemas, tables.schema_dir
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
            message("schema_drift", file=file.name, where=where),
        )
