"""The report of a validation: findings, the rules they break, and how they are shown.

The rules a finding can break are `rules.RULES`, the one registry the build, the validator and
the codebook share. The helpers below turn the breaking rows of a polars query into findings,
at most `MAX_EXAMPLES` per table, column and rule (the rest are counted), and keep a crashed
check from stopping the others.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import polars as pl

from ..errors import MAX_QUOTED, short_message, shorten, shown
from ..rules import legend, message
from ..schema import TABLES

KEY_SEPARATOR = "/"
MAX_EXAMPLES = 20
MAX_WHERE = 200  # characters of a finding's table, column or row key kept
# The last finding of a rule broken by more rows than a report lists, whatever the rule: it
# carries the rule's code, with no row.
MORE_ROWS = "and {more:,} more rows break this rule (the first {listed} are listed)"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where (table, column, row key) and which rule it breaks."""

    table: str
    rule: str
    column: str | None
    row: str | None
    message: str
    # `notice`: worth knowing but no fault of the package (a verbatim quote that begins like a
    # spreadsheet formula): reported, and the package stays valid
    severity: str = "error"

    def __str__(self) -> str:
        where = [self.table]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message} [{self.rule}]"


def _fields(finding: Finding) -> dict[str, Any]:
    """A finding as the JSON report lists it (its severity is the list it is in)."""
    fields = asdict(finding)
    del fields["severity"]
    return fields


def _sort_key(finding: Finding) -> tuple:
    order = {"datapackage": -1, **{t: i for i, t in enumerate(TABLES)}}
    return (
        order.get(finding.table, len(order)),
        finding.table,
        finding.column or "",
        finding.rule,
        finding.row is None,
        finding.row or "",
        finding.message,
    )


@dataclass
class Report:
    path: str
    findings: list[Finding] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def notices(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "error"]

    def add(
        self,
        table: str,
        rule: str,
        message: str,
        column: str | None = None,
        row: str | None = None,
        severity: str = "error",
    ) -> None:
        # Hostile input: a message quoting megabytes would print them; cut it (`show`).
        table, column, row = (
            None if x is None else shorten(x, MAX_WHERE) for x in (table, column, row)
        )
        finding = Finding(table, rule, column, row, short_message(message), severity)
        self.findings.append(finding)

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=_sort_key)

    def text(self) -> str:
        tables = ", ".join(f"{shorten(t, MAX_WHERE)} {n}" for t, n in self.rows.items())
        notes = [f"  notice: {f}" for f in sorted(self.notices, key=_sort_key)]
        if self.valid:
            head = f"valid: {self.path} ({tables} rows)"
            return (
                "\n".join([head, *notes, *legend(f.rule for f in self.notices)]) if notes else head
            )
        n = len(self.errors)
        lines = [f"invalid: {n} problem{'s' if n != 1 else ''} in {self.path}"]
        lines += [f"  {f}" for f in self.sorted() if f.severity == "error"]
        lines += notes
        lines += legend(f.rule for f in self.findings)
        return "\n".join(lines)

    def json(self) -> str:
        return json.dumps(
            {
                "path": self.path,
                "valid": self.valid,
                "count": len(self.errors),
                "rows": self.rows,
                "problems": [_fields(f) for f in self.sorted() if f.severity == "error"],
                "notices": [_fields(f) for f in self.sorted() if f.severity != "error"],
            },
            indent=2,
            ensure_ascii=False,
        )


# Helpers ------------------------------------------------------------------------------------


def show(value: Any, limit: int = MAX_QUOTED) -> str:
    """A value as a report shows it: strings quoted (white space visible), long ones cut.

    The one place that cuts what a finding quotes (cells, column names, paths, descriptor
    values, exception texts): at most `limit` characters of a value, then how many more
    there were, as `errors.shown` does for the build. `Report.add` cuts whole messages too.
    """
    if value is None:
        return "null"
    if isinstance(value, str):
        return shown(value) if limit == MAX_QUOTED else shorten(repr(value), limit)
    return shorten(str(value), limit)


def first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return shorten(text[0], MAX_WHERE) if text else type(exc).__name__


def key_expr(primary_key: list[str], columns: list[str]) -> pl.Expr:
    """A readable key per row: the primary key values, or the data row number when missing."""
    number = pl.lit("data row ") + (pl.col("_index") + 1).cast(pl.String)
    if primary_key and all(c in columns for c in primary_key):
        parts = [pl.col(c).cast(pl.String) for c in primary_key]
        return pl.coalesce(pl.concat_str(parts, separator=KEY_SEPARATOR), number)
    return number


def examples(
    frame: pl.DataFrame,
    mask: pl.Expr,
    primary_key: list[str],
    extra: dict[str, pl.Expr] | None = None,
) -> list[dict[str, Any]]:
    """The first rows where `mask` holds, with `_key` (their readable key) and `extra`.

    A frame that already has `_index` (its rows' numbers in the table) keeps it.
    """
    lf = frame.lazy()
    if "_index" not in frame.columns:
        lf = lf.with_row_index("_index")
    if extra:
        lf = lf.with_columns(**extra)
    lf = lf.filter(mask.fill_null(False)).head(MAX_EXAMPLES)
    return lf.with_columns(key_expr(primary_key, frame.columns).alias("_key")).collect().to_dicts()


def report_rows(
    report: Report,
    table: str,
    rule: str,
    column: str | None,
    rows: list[dict[str, Any]],
    count: int,
    describe: Callable[[dict[str, Any]], str],
) -> None:
    """Report each example row, and how many more rows break the rule."""
    for row in rows:
        report.add(table, rule, describe(row), column, row["_key"])
    if count > len(rows):
        report.add(table, rule, MORE_ROWS.format(more=count - len(rows), listed=len(rows)), column)


def report_all(
    report: Report,
    table: str,
    rule: str,
    column: str | None,
    breaking: pl.DataFrame,
    primary_key: list[str],
    describe: Callable[[dict[str, Any]], str],
) -> None:
    """Report a frame whose every row breaks `rule` (a check's anti join or filter): its
    first rows as examples, and how many more there are."""
    if breaking.height:
        rows = examples(breaking, pl.lit(True), primary_key)
        report_rows(report, table, rule, column, rows, breaking.height, describe)


def guard(report: Report, table: str, what: str, check: Callable[..., Any], *args: Any) -> Any:
    """Run one check; a crash of the check is reported, never raised."""
    try:
        return check(*args)
    except Exception as exc:  # the validator must report on any input, never crash
        report.add(
            table,
            "check_failed",
            message("check_failed", what=what, error=type(exc).__name__, detail=first_line(exc)),
        )
        return None


def count_true(mask: pl.Expr, name: str) -> pl.Expr:
    return mask.fill_null(False).sum().alias(name)


def in_order(columns: list[str], /, *, strict: bool) -> pl.Expr:
    """An aggregate that is true when the rows are sorted by `columns` (compared in turn, as
    a sort does), each row after the one before (`strict`: no two rows equal): one linear
    pass, where a sort or a hash of every key costs far more. A null that the order depends
    on makes it false (not known): the caller then checks exactly."""
    after = pl.lit(not strict)  # rows equal in every column: in order unless strict
    for column in reversed(columns):
        this, before = pl.col(column), pl.col(column).shift(1)
        after = (this > before) | ((this == before) & after)
    return after.slice(1).fill_null(False).all()


def is_padded(column: str) -> pl.Expr:
    return pl.col(column).str.len_bytes() != pl.col(column).str.strip_chars().str.len_bytes()
