"""The Table Schemas in `schema/`: the single source of types and constraints."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

TableName = Literal[
    "sources",
    "events",
    "event_dates",
    "event_durations",
    "event_routes",
    "aircraft",
    "aircraft_types",
    "actors",
    "actor_aliases",
    "statements",
    "places",
    "place_aliases",
    "event_places",
    "sequence_claims",
    "airspace_claims",
    "evidence",
]
TABLES: tuple[TableName, ...] = get_args(TableName)


def check_table_name(name: str, /) -> TableName:
    """Return `name` if it is a table of the dataset, else raise listing the valid names."""
    if name not in TABLES:
        valid = ", ".join(TABLES)
        raise ValueError(f"unknown table {name!r}; the tables are: {valid}")
    return name  # type: ignore[return-value]


@cache
def read_schema(schema_dir: Path, name: str, /) -> dict[str, Any]:
    """Read one Table Schema file."""
    return json.loads((schema_dir / f"{name}.json").read_text(encoding="utf-8"))


def field_names(schema: dict[str, Any], /) -> list[str]:
    return [f["name"] for f in schema["fields"]]


def polars_dtypes(schema: dict[str, Any], /) -> dict[str, Any]:
    """Map Table Schema field types to polars dtypes."""
    import polars as pl

    mapping = {
        "string": pl.String,
        "integer": pl.Int64,
        "number": pl.Float64,
        "date": pl.Date,
        "boolean": pl.Boolean,
    }
    return {f["name"]: mapping[f["type"]] for f in schema["fields"]}


def vocabulary(schema_dir: Path, table: str, column: str, /) -> tuple[str, ...]:
    """The `enum` of one column: the controlled vocabulary the annotations are checked against.

    Read from `schema/`, so that the annotation reader, the codebook and the validator share
    one list and a value added to the schema is accepted everywhere at once.
    """
    for f in read_schema(schema_dir, table)["fields"]:
        if f["name"] == column:
            return tuple(f.get("constraints", {}).get("enum", ()))
    raise KeyError(f"schema/{table}.json has no column {column!r}")
