"""pandera (polars backend) models derived from the Table Schemas at run time.

Nothing here restates a column's type or constraint: each check is made from a field of
`schema/<table>.json`. Validate eager DataFrames only: on a LazyFrame pandera checks the
schema alone.
"""

from __future__ import annotations

from typing import Any

import pandera.polars as pa
import polars as pl

from .schema import polars_dtypes


def _pattern_check(pattern: str) -> pa.Check:
    """Table Schema patterns match the whole value."""
    anchored = f"^(?:{pattern})$"

    def check(data: Any) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col(data.key).str.contains(anchored))

    return pa.Check(check, name=f"pattern({pattern})", error=f"does not match {pattern}")


def field_checks(field: dict[str, Any]) -> list[pa.Check]:
    """The pandera checks of one Table Schema field's constraints."""
    constraints = field.get("constraints", {})
    checks = []
    if "enum" in constraints:
        checks.append(pa.Check.isin(constraints["enum"], name="enum"))
    if "pattern" in constraints:
        checks.append(_pattern_check(constraints["pattern"]))
    if "minimum" in constraints:
        checks.append(pa.Check.ge(constraints["minimum"], name="minimum"))
    if "maximum" in constraints:
        checks.append(pa.Check.le(constraints["maximum"], name="maximum"))
    if "minLength" in constraints:
        checks.append(pa.Check.str_length(min_value=constraints["minLength"], name="minLength"))
    if "maxLength" in constraints:
        checks.append(pa.Check.str_length(max_value=constraints["maxLength"], name="maxLength"))
    return checks


def dataframe_schema(schema: dict[str, Any], /, name: str = "") -> pa.DataFrameSchema:
    """A pandera DataFrameSchema equivalent to a Table Schema."""
    dtypes = polars_dtypes(schema)
    primary_key = schema.get("primaryKey", [])
    columns = {}
    for field in schema["fields"]:
        constraints = field.get("constraints", {})
        required = bool(constraints.get("required")) or field["name"] in primary_key
        columns[field["name"]] = pa.Column(
            dtypes[field["name"]],
            checks=field_checks(field),
            nullable=not required,
            unique=bool(constraints.get("unique")) or primary_key == [field["name"]],
            required=True,
            description=field.get("description"),
        )
    return pa.DataFrameSchema(
        columns,
        name=name or None,
        strict=True,
        ordered=True,
        unique=primary_key if len(primary_key) > 1 else None,
    )
