"""The checks across tables, and `CHECKS`, the one list that wires them into `validate`.

A check reads the typed tables of a package and reports what breaks its rules; it never
raises on bad data (a crash is reported as `check_failed` by the caller). A new rule
across tables goes into the module of its family, its code, description and message
template into `rules.RULES`, and the check (if it is a new one) into `CHECKS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ..report import Report
from .aircraft import aircraft_country
from .aliases import alias_spellings
from .cells import text_cells
from .counts import count_spans
from .derived import derived_values
from .events import combined_dates, dates
from .evidence import claim_sources, evidence_targets, spans_show_claims
from .keys import foreign_keys, parents, row_order
from .numbers import finite_numbers
from .resources import resource_integrity
from .schema_drift import inline_schemas
from .sources import source_bodies, source_hashes
from .spans import verbatim_spans


@dataclass(frozen=True)
class Tables:
    """What the checks across tables see: the tables that could be read, typed."""

    frames: dict[str, pl.DataFrame]
    schemas: dict[str, dict[str, Any]]
    # The schema/ folder the inline schemas must equal; None: not compared.
    schema_dir: Path | None = None
    # The descriptor as read (for the rules of its resources list).
    descriptor: dict[str, Any] = field(default_factory=dict)
    # The tables whose rows were found in strictly ascending order of the primary key.
    ordered: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Check:
    """One check across tables: what it runs, and where a crash of it is reported."""

    table: str  # the table a crash is reported at
    what: str  # "the <what> check could not run"
    run: Callable[[Report, Tables], None]
    codes: tuple[str, ...]  # the rules (keys of RULES) it reports


CHECKS: list[Check] = [
    Check("datapackage", "foreign key", foreign_keys, ("foreign_key", "whitespace")),
    Check(
        "datapackage",
        "span",
        verbatim_spans,
        ("span_order", "span_range", "span_verbatim", "span_body"),
    ),
    Check("sources", "sha256", source_hashes, ("sha256",)),
    Check("sources", "article body", source_bodies, ("source_empty", "body_end")),
    Check("datapackage", "alias", alias_spellings, ("alias_invisible", "alias_twin")),
    Check("datapackage", "finite number", finite_numbers, ("not_finite",)),
    Check(
        "datapackage",
        "resource",
        resource_integrity,
        ("resource_duplicate", "integrity_missing", "resource_path"),
    ),
    Check("events", "date", dates, ("date_order", "date_precision", "date_basis")),
    Check("events", "combined dates", combined_dates, ("event_dates_combined",)),
    Check("aircraft", "country", aircraft_country, ("country_required",)),
    Check("datapackage", "parent", parents, ("parent_self", "parent_cycle")),
    Check("evidence", "evidence", evidence_targets, ("evidence_target", "evidence_missing")),
    Check("evidence", "claim sources", claim_sources, ("evidence_source", "dated_after_source")),
    Check("evidence", "spans show claims", spans_show_claims, ("evidence_claim",)),
    Check("datapackage", "schema", inline_schemas, ("schema_drift",)),
    Check("datapackage", "order", row_order, ("row_order",)),
    Check("datapackage", "text cells", text_cells, ("csv_formula_cell", "bidi_control")),
    Check("datapackage", "derived values", derived_values, ("derived_value",)),
    Check("datapackage", "count spans", count_spans, ("count_span",)),
]
