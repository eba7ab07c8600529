"""Assemble the dataset's tables from articles, annotations and registries.

Input: what `articles`, `annotations` and `registries` read. Output: one list of row dicts
per table (`write.to_frame` sorts them by primary key). Each family of tables is built by a
step of `steps` (sources, actors, events, aircraft, statements, sequence and airspace claims,
places), run in the order their declared dependencies give; the evidence rows of every step
are gathered into one table. Every problem found is recorded with the file and line to fix;
the caller stops the build if there are any.
"""

from __future__ import annotations

from typing import Any

from .annotations import Annotation
from .articles import Article
from .errors import Problems
from .registries import Registries
from .schema import TABLES
from .steps import prepare, run_steps

Rows = dict[str, list[dict[str, Any]]]
_EVIDENCE_KEY = ("record_table", "record_id", "source_id", "char_start", "char_end")


def assemble(
    articles: list[Article],
    annotations: list[Annotation],
    registries: Registries,
    problems: Problems,
    /,
) -> Rows:
    """Build every table's rows; problems are recorded, not raised."""
    outputs = run_steps(prepare(articles, annotations, registries, problems))
    rows: Rows = {}
    evidence: dict[tuple, dict[str, Any]] = {}
    for name, out in outputs.items():
        for table, table_rows in out.rows.items():
            if table in rows:
                raise ValueError(f"step {name!r} builds table {table!r}, which another step built")
            rows[table] = table_rows
        for e in out.evidence:  # a span cited by two steps for one record is one row
            evidence[tuple(e[k] for k in _EVIDENCE_KEY)] = e
    rows["evidence"] = list(evidence.values())
    return {name: rows[name] for name in TABLES}
