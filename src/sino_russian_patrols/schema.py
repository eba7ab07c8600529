"""The Table Schemas in `schema/`: the single source of types and constraints."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

TableName = Literal[
    "sources",
    "events",
    "aircraft",
    "actors",
    "actor_aliases",
    "statements",
    "places",
    "event_places",
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
