"""pandera (polars backend) models derived from the Table Schemas at run time.

Nothing here restates a column's type or constraint: each check is made from a field of
`schema/<table>.json`. Validate eager DataFrames only: on a LazyFrame pandera checks the
schema alone. `rule_of` names the validator rule a pandera check stands for, so that
`validate_package(..., engine="pandera")` reports exactly as the default engine does.

    >>> from pathlib import Path
    >>> import sino_russian_patrols as srp
    >>> from sino_russian_patrols.pandera_models import dataframe_schema
    >>> from sino_russian_patrols.schema import read_schema
    >>> model = dataframe_schema(read_schema(Path("schema"), "events"), "events")
    >>> model.validate(srp.load("events"), lazy=True)  # doctest: +SKIP

A failing frame raises `pandera.errors.SchemaErrors`, whose `failure_cases` list every
failure (check, column, row index, value).
"""

from __future__ import annotations

from typing import Any

import pandera.polars as pa
import polars as pl

from .rules import RULES
from .schema import polars_dtypes


def _pattern_check(pattern: str) -> pa.Check:
    """Table Schema patterns match the whole value."""
    anchored = f"^(?:{pattern})$"

    def check(data: Any) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col(data.key).str.contains(anchored))

    return pa.Check(check, name=f"pattern({pattern})")


def field_checks(field: dict[str, Any]) -> list[pa.Check]:
    """The pandera checks of one Table Schema field's constraints.

    pandera's own checks (isin, ge, le) where it has one, so that they are an independent
    implementation of the rules; `rule_of` maps their names back to the rules.
    """
    constraints = field.get("constraints", {})
    checks = []
    if "enum" in constraints:
        checks.append(pa.Check.isin(constraints["enum"]))
    if "pattern" in constraints:
        checks.append(_pattern_check(constraints["pattern"]))
    if "minimum" in constraints:
        checks.append(pa.Check.ge(constraints["minimum"]))
    if "maximum" in constraints:
        checks.append(pa.Check.le(constraints["maximum"]))
    for rule, op in (("minLength", "ge"), ("maxLength", "le")):
        if rule in constraints:
            checks.append(_length_check(rule, op, constraints[rule]))
    return checks


def _length_check(rule: str, op: str, bound: int) -> pa.Check:
    def check(data: Any) -> pl.LazyFrame:
        return data.lazyframe.select(getattr(pl.col(data.key).str.len_chars(), op)(bound))

    return pa.Check(check, name=f"{rule}({bound})")


# Each rule of the registry names the pandera checks that stand for it (`Rule.pandera`).
_CHECKS = {check: rule.code for rule in RULES.values() for check in rule.pandera}


def rule_of(check: str, column: str | None, schema: dict[str, Any], /) -> str:
    """The validator's rule (see `rules.RULES`) that a pandera check name stands for: the
    rule whose `pandera` names the check (its name without arguments, such as `isin` of
    `isin(['a', 'b'])`). A column that is the whole primary key is unique as the primary
    key; a check no rule names is reported under its own name."""
    rule = _CHECKS.get(check.split("(", 1)[0], check)
    if rule == "unique" and schema.get("primaryKey", []) == [column]:
        return "primary_key"
    return rule


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
