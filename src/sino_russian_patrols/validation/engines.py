"""The Table Schema constraints of a table, checked by one of two engines (`ENGINES`).

`polars` (the default) derives each constraint of a schema as a polars expression that is
true on breaking rows (`constraints`) and counts them all in one pass over the table.
`pandera` checks the same rules with the models of `pandera_models`: slower, kept as an
independent implementation that the tests compare with. A new Table Schema constraint is
added to `constraints` (and to `pandera_models`), its rule to `rules.RULES` (with the names
of the pandera checks that stand for it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ..schema import polars_dtypes
from .report import (
    MAX_EXAMPLES,
    Report,
    count_true,
    examples,
    in_order,
    is_padded,
    key_expr,
    message,
    report_rows,
    show,
)

# The message of a finding of the pandera engine, whatever its rule: pandera reports the
# failing value and the check it fails, not the values a rule's template names (the rows of a
# duplicate, the allowed values of an enum), so the wording is pandera's own, not the rule's.
# The tests compare the engines by table, rule, column and row.
PANDERA_MESSAGE = "{value} fails the pandera check {check}"


@dataclass(frozen=True)
class Constraint:
    """One Table Schema constraint as a polars expression that is true on breaking rows."""

    rule: str
    column: str
    violation: pl.Expr
    describe: Callable[[dict[str, Any]], str]
    extra: dict[str, pl.Expr] = field(default_factory=dict)
    # An aggregate that is true when no row can break the rule: a cheaper first test.
    quick: pl.Expr | None = None


def _duplicates(rule: str, value: str, row: dict[str, Any]) -> str:
    numbers = row["_rows"]
    shown = ", ".join(str(n) for n in numbers[:5]) + (", …" if len(numbers) > 5 else "")
    return message(rule, value=value, count=len(numbers), rows=shown)


def constraints(
    schema: dict[str, Any], /, type_errors: dict[str, pl.Series] | None = None
) -> list[Constraint]:
    """Every constraint of a Table Schema, derived from the schema at run time.

    Duplicates are reported once per duplicated value (at its first row). Cells listed in
    `type_errors` (null because their text was not of the column's type) are not reported
    again as missing.
    """
    dtypes = polars_dtypes(schema)
    primary_key = schema.get("primaryKey", [])
    type_errors = type_errors or {}
    out: list[Constraint] = []
    for f in schema["fields"]:
        name, c = f["name"], f.get("constraints", {})
        col = pl.col(name)
        if c.get("required") or name in primary_key:
            missing = col.is_null()
            if name in type_errors:
                missing = missing & ~pl.lit(type_errors[name])
            out.append(Constraint("required", name, missing, lambda r: message("required")))
        if primary_key == [name] or c.get("unique"):
            rule = "primary_key" if primary_key == [name] else "unique"
            out.append(
                Constraint(
                    rule,
                    name,
                    col.is_not_null() & col.is_duplicated() & col.is_first_distinct(),
                    lambda r, n=name, k=rule: _duplicates(k, show(r[n]), r),
                    {"_rows": (pl.col("_index") + 1).over(name, mapping_strategy="join")},
                    # a key in strictly ascending order (as published) is unique;
                    # otherwise distinct hashes mean distinct values; equal ones are
                    # checked exactly
                    in_order([name], strict=True)
                    if rule == "primary_key"
                    else col.drop_nulls().hash().n_unique() == col.count(),
                )
            )
        if "enum" in c:
            allowed = c["enum"]
            listed = ", ".join(str(v) for v in allowed)
            out.append(
                Constraint(
                    "enum",
                    name,
                    ~col.is_in(pl.Series(allowed, dtype=dtypes[name]).implode()),
                    lambda r, n=name, a=listed: message("enum", value=show(r[n]), allowed=a),
                )
            )
        if "pattern" in c and dtypes[name] == pl.String:
            pattern = c["pattern"]
            out.append(
                Constraint(
                    "pattern",
                    name,
                    ~col.str.contains(f"^(?:{pattern})$"),
                    lambda r, n=name, p=pattern: message("pattern", value=show(r[n]), pattern=p),
                )
            )
        for rule, op in (("minimum", "lt"), ("maximum", "gt")):
            if rule in c:
                bound = c[rule]
                out.append(
                    Constraint(
                        rule,
                        name,
                        getattr(col, op)(bound),
                        lambda r, n=name, b=bound, k=rule: message(k, value=r[n], bound=b),
                    )
                )
        for rule, op in (("minLength", "lt"), ("maxLength", "gt")):
            if rule in c and dtypes[name] == pl.String:
                bound = c[rule]
                out.append(
                    Constraint(
                        rule,
                        name,
                        getattr(col.str.len_chars(), op)(bound),
                        lambda r, n=name, b=bound, k=rule: message(k, value=show(r[n]), bound=b),
                    )
                )
    if len(primary_key) > 1:
        label = ", ".join(primary_key)
        key = pl.struct(primary_key)
        out.append(
            Constraint(
                "primary_key",
                label,
                key.is_duplicated() & key.is_first_distinct(),
                lambda r: _duplicates("primary_key", f"the primary key ({label})", r),
                {"_rows": (pl.col("_index") + 1).over(primary_key, mapping_strategy="join")},
                in_order(primary_key, strict=True),
            )
        )
    return out


def whitespace_constraints(schema: dict[str, Any], /) -> list[Constraint]:
    """Identifiers (primary key and unique columns) carry no leading or trailing white space.

    References (foreign key columns) padded with white space dangle: `checks.keys.foreign_keys`
    checks the dangling ones, which is cheaper than checking every row.
    """
    dtypes = polars_dtypes(schema)
    key_columns = set(schema.get("primaryKey", []))
    key_columns.update(
        f["name"] for f in schema["fields"] if f.get("constraints", {}).get("unique")
    )
    return [
        Constraint(
            "whitespace",
            name,
            is_padded(name),
            lambda r, n=name: message("whitespace", value=show(r[n])),
        )
        for name in sorted(key_columns)
        if dtypes.get(name) == pl.String
    ]


def _run(
    report: Report, table: str, frame: pl.DataFrame, schema: dict[str, Any], checks
) -> set[str]:
    """Count each check's breaking rows in one pass; show examples of those that have any.

    Returns the rules whose quick test held (no row can break them).
    """
    if not checks or frame.height == 0:
        return set()
    first = frame.select(
        [
            c.quick.alias(f"q{i}") if c.quick is not None else count_true(c.violation, f"c{i}")
            for i, c in enumerate(checks)
        ]
    ).row(0, named=True)
    counts = {i: first[f"c{i}"] for i, c in enumerate(checks) if c.quick is None}
    unsure = [i for i, c in enumerate(checks) if c.quick is not None and not first[f"q{i}"]]
    if unsure:
        exact = frame.select([count_true(checks[i].violation, f"c{i}") for i in unsure])
        counts.update({i: exact[f"c{i}"].item() for i in unsure})
    primary_key = schema.get("primaryKey", [])
    for i, count in sorted(counts.items()):
        if count:
            check = checks[i]
            rows = examples(frame, check.violation, primary_key, check.extra)
            report_rows(report, table, check.rule, check.column, rows, count, check.describe)
    return {c.rule for i, c in enumerate(checks) if c.quick is not None and first[f"q{i}"]}


def polars_constraints(
    report: Report,
    table: str,
    frame: pl.DataFrame,
    schema: dict[str, Any],
    type_errors: dict[str, pl.Series],
) -> bool:
    """Every constraint of the schema and the white space of identifiers, in one pass.

    Returns whether the rows are in strictly ascending order of the primary key: the quick
    test of its uniqueness, which also tells `checks.keys.row_order` that they are sorted.
    """
    checks = constraints(schema, type_errors) + whitespace_constraints(schema)
    return "primary_key" in _run(report, table, frame, schema, checks)


def pandera_constraints(
    report: Report,
    table: str,
    frame: pl.DataFrame,
    schema: dict[str, Any],
    type_errors: dict[str, pl.Series],
) -> None:
    """The same constraints, checked by the pandera model derived from the schema.

    Reported as the polars engine reports them: duplicates once per value, and no cell
    with a type error again as missing.
    """
    import pandera.errors

    from ..pandera_models import dataframe_schema, rule_of

    try:
        dataframe_schema(schema, table).validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        primary_key = schema.get("primaryKey", [])
        cases = exc.failure_cases
        pairs = cases.select("check", "column").unique().iter_rows()
        rules = {(check, column): rule_of(check, column, schema) for check, column in pairs}
        keys = frame.with_row_index("_index").select(key_expr(primary_key, frame.columns))
        for (check, column), group in cases.group_by("check", "column", maintain_order=True):
            rule = rules[check, column]
            if rule in ("unique", "primary_key"):
                group = group.sort("index").unique(
                    "failure_case", keep="first", maintain_order=True
                )
            if rule == "required" and column in type_errors:
                typed_away = type_errors[column].arg_true()
                group = group.filter(~pl.col("index").is_in(typed_away.implode()))
            if group.height == 0:
                continue
            rows = []
            for case in group.head(MAX_EXAMPLES).iter_rows(named=True):
                index = case.get("index")
                in_range = index is not None and 0 <= index < frame.height
                rows.append(
                    {
                        "_key": keys.item(index, 0) if in_range else None,
                        "value": case["failure_case"],
                    }
                )
            report_rows(
                report,
                table,
                rule,
                ", ".join(primary_key) if column == table else column,
                rows,
                group.height,
                lambda r, c=check: PANDERA_MESSAGE.format(value=show(r["value"]), check=c),
            )


def whitespace(
    report: Report, table: str, frame: pl.DataFrame, schema: dict[str, Any], *_: object
) -> None:
    """White space around identifiers, which the pandera models do not check."""
    _run(report, table, frame, schema, whitespace_constraints(schema))


# An engine checks a table's Table Schema constraints: its steps run one after another,
# each named for the report if it crashes ("the constraint check could not run"). A step
# that returns True has found the rows in strictly ascending order of the primary key.
TableCheck = Callable[[Report, str, pl.DataFrame, dict[str, Any], dict[str, pl.Series]], Any]
ENGINES: dict[str, tuple[tuple[str, TableCheck], ...]] = {
    "polars": (("constraint", polars_constraints),),
    "pandera": (("constraint", pandera_constraints), ("white space", whitespace)),
}
