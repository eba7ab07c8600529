"""The report of a validation: findings, the rules they break, and how they are shown.

`RULES` is the registry of rules: every code a finding can carry, with the sentence the
legend prints for it and the template of its messages. A new rule adds its code here first.
The helpers below turn the breaking rows of a polars query into findings, at most
`MAX_EXAMPLES` per table, column and rule (the rest are counted), and keep a crashed check
from stopping the others.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import polars as pl

from ..errors import MAX_QUOTED, short_message, shorten, shown
from ..schema import TABLES

KEY_SEPARATOR = "/"
MAX_EXAMPLES = 20
MAX_WHERE = 200  # characters of a finding's table, column or row key kept


@dataclass(frozen=True)
class Rule:
    """A rule a finding can break: its code (what a finding carries and a test asserts), the
    sentence the legend prints for it, and the pattern of its findings' messages (fields in
    braces, filled by `message`; empty: the message is written by the check, as it depends on
    more than a few values)."""

    code: str
    description: str
    template: str = ""


# Every rule, in words for someone who did not write this code: the legend of the text
# report and of the codebook, and the messages of the checks. A new rule is added here first.
RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "version", "datapackage.json `version` equals the version of the software validating it"
        ),
        Rule("descriptor", "datapackage.json describes each resource as an object with a name"),
        Rule("resource_missing", "datapackage.json describes every table of the dataset"),
        Rule("schema", "each resource carries an inline Table Schema with a list of fields"),
        Rule("path", "a resource's path is a relative path inside the package folder"),
        Rule("file_missing", "every file that datapackage.json names exists and can be read"),
        Rule("hash", "the file's SHA-256 equals the `hash` that datapackage.json records"),
        Rule("bytes", "the file's size equals the `bytes` that datapackage.json records"),
        Rule(
            "integrity_missing",
            "datapackage.json gives every file its `hash` and `bytes` (without them its content "
            "goes unchecked)",
        ),
        Rule(
            "resource_duplicate",
            "no two resources of datapackage.json have one name",
            "datapackage.json describes {count} resources named {name!r}: only the first is "
            "validated, and a reader may take any of them",
        ),
        Rule("csv_empty", "a CSV file has at least a header row"),
        Rule("csv_encoding", "a CSV file is UTF-8 text without a byte-order mark"),
        Rule(
            "csv_unreadable", "a CSV file can be parsed (RFC 4180: comma-separated, double quotes)"
        ),
        Rule("columns_missing", "the CSV header names every column of the schema"),
        Rule("columns_extra", "the CSV header names no column that the schema does not define"),
        Rule("columns_order", "the CSV columns come in the schema's order"),
        Rule("empty", "every table has at least one row"),
        Rule("type", "each value has its column's type (integer, number, date as YYYY-MM-DD, ...)"),
        Rule(
            "required",
            "a required column has a value in every row (an empty CSV field is no value)",
        ),
        Rule("unique", "a unique column holds no value twice"),
        Rule("primary_key", "no two rows have the same primary key"),
        Rule("enum", "the value is one of the column's allowed values"),
        Rule("pattern", "the value matches the column's pattern (a regular expression)"),
        Rule("minimum", "the value is not below the column's minimum"),
        Rule("maximum", "the value is not above the column's maximum"),
        Rule("minLength", "the value is not shorter than the column's minimum length"),
        Rule("maxLength", "the value is not longer than the column's maximum length"),
        Rule(
            "whitespace",
            "identifiers (key columns) have no leading or trailing white space",
            "identifier {value} has leading or trailing white space",
        ),
        Rule(
            "foreign_key",
            "a reference names an existing row of the table it points to",
            "{value} matches no row of {target}",
        ),
        Rule(
            "span_order",
            "a span's char_end is after its char_start",
            "char_end {end} is not after char_start {start}",
        ),
        Rule(
            "span_range",
            "a span lies inside its source text",
            "the span {start}:{end} lies outside the text of source {source}, which has "
            "{length:,} characters",
        ),
        Rule(
            "span_verbatim",
            "sources.text[char_start:char_end] equals the quoted text exactly",
            "source {source} at {start}:{end} reads {found}, but {column} is {quoted} (first "
            "difference at character {differ} of the span); {where}",
        ),
        Rule(
            "span_body",
            "a span ends at or before sources.body_end: reader comments and page furniture below "
            "the article's body are not data",
            "the span {start}:{end} reaches past the end of the article's body in source {source} "
            "at {body_end:,}: below it are reader comments or page furniture",
        ),
        Rule("sha256", "sources.sha256 is the SHA-256 of the source text encoded as UTF-8"),
        Rule("source_empty", "a source's text is an article: not empty, not white space only"),
        Rule(
            "body_end",
            "sources.body_end lies within the text (0 <= body_end <= its length in characters)",
        ),
        Rule(
            "alias_invisible",
            "an alias (actor_aliases, place_aliases) holds no invisible or control character "
            "(zero-width space or joiner, soft hyphen, byte-order mark, bidi control, ...)",
        ),
        Rule(
            "alias_twin",
            "no two aliases of a table differ only by Unicode normalization (NFKC) or invisible "
            "characters",
        ),
        Rule(
            "not_finite",
            "a number is finite: not NaN, infinity or minus infinity",
            "{value} is not a finite number",
        ),
        Rule(
            "date_order",
            "an event's (or date claim's) start_date is not after its end_date",
            "start_date is after end_date (start_date {start}, end_date {end})",
        ),
        Rule(
            "date_precision",
            "an event's (or date claim's) dates fit date_precision (day: both known to the day, "
            "one day or several; month: both in one calendar month; year: both in one calendar "
            "year)",
            "date_precision {precision} needs {needs}, but the row has start_date {start}, "
            "end_date {end}",
        ),
        Rule(
            "date_basis",
            "a date with basis `stated` has precision `day` or `month`",
            "date_basis stated means the text gives day, month and year (or month and year), so "
            "date_precision must be day or month, not {precision}",
        ),
        Rule(
            "parent_self",
            "a row is not its own parent (an event does not answer itself, a place does not lie "
            "in itself)",
            "{column} names the row itself ({value}): it cannot be its own parent",
        ),
        Rule(
            "parent_cycle",
            "following a row's parents never leads back to the row (no cycle of parents)",
            "{column} leads back to this row: {path}",
        ),
        Rule(
            "country_required",
            "an aircraft claim names its country; country may be null only for a total (is_total "
            "true) that the text does not split by country",
            "country is null, but country may be null only for a total (is_total true) that the "
            "text does not split by country; this row has is_total false",
        ),
        Rule(
            "evidence_target", "an evidence row supports an existing row (record_table, record_id)"
        ),
        Rule("evidence_source", "the evidence of a row that names its source lies in that source"),
        Rule(
            "dated_after_source", "a date claim does not begin after the publication of its source"
        ),
        Rule(
            "evidence_claim",
            "a span shows what its row claims: an actor's or place's span is one of its spellings "
            "(actor_aliases, place_aliases); an aircraft claim's spans contain its "
            "type_as_reported and, when it gives a count, write that number (in digits or words)",
        ),
        Rule(
            "evidence_missing",
            "every row of the tables that evidence supports has an evidence row (a row with its "
            "own span, such as a statement, has it in its own columns)",
        ),
        Rule("parquet_missing", "each resource names its Parquet file"),
        Rule("parquet_unreadable", "the Parquet file can be read"),
        Rule(
            "parquet_schema",
            "the Parquet file has the schema's columns, in order, with their types",
        ),
        Rule("csv_parquet", "the CSV and Parquet files of a table hold the same rows and values"),
        Rule(
            "schema_drift",
            "a resource's inline Table Schema is the one in schema/ of this version",
            "the inline schema differs from {file} in {where}; rebuild datapackage.json from "
            "schema/",
        ),
        Rule(
            "row_order",
            "rows are sorted by primary key (the published order)",
            "rows are not sorted by {key}",
        ),
        Rule(
            "check_failed",
            "a check could not run: a bug in the validator (please report it)",
            "the {what} check could not run ({error}: {detail})",
        ),
    )
}


def message(code: str, /, **fields: Any) -> str:
    """The message of a finding of rule `code`: its template filled with `fields`."""
    return RULES[code].template.format(**fields)


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where (table, column, row key) and which rule it breaks."""

    table: str
    rule: str
    column: str | None
    row: str | None
    message: str

    def __str__(self) -> str:
        where = [self.table]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message} [{self.rule}]"


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
        return not self.findings

    def add(
        self,
        table: str,
        rule: str,
        message: str,
        column: str | None = None,
        row: str | None = None,
    ) -> None:
        # Hostile input: a message quoting megabytes would print them; cut it (`show`).
        table, column, row = (
            None if x is None else shorten(x, MAX_WHERE) for x in (table, column, row)
        )
        self.findings.append(Finding(table, rule, column, row, short_message(message)))

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=_sort_key)

    def text(self) -> str:
        tables = ", ".join(f"{shorten(t, MAX_WHERE)} {n}" for t, n in self.rows.items())
        if self.valid:
            return f"valid: {self.path} ({tables} rows)"
        n = len(self.findings)
        lines = [f"invalid: {n} problem{'s' if n != 1 else ''} in {self.path}"]
        lines += [f"  {f}" for f in self.sorted()]
        rules = sorted({f.rule for f in self.findings})
        width = max(len(r) for r in rules) + 2
        lines.append("what the rules in brackets mean:")
        lines += [
            f"  {'[' + r + ']':<{width}} {RULES[r].description if r in RULES else ''}".rstrip()
            for r in rules
        ]
        return "\n".join(lines)

    def json(self) -> str:
        return json.dumps(
            {
                "path": self.path,
                "valid": self.valid,
                "count": len(self.findings),
                "rows": self.rows,
                "problems": [asdict(f) for f in self.sorted()],
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
        report.add(
            table,
            rule,
            f"and {count - len(rows):,} more rows break this rule (the first {len(rows)} are "
            "listed)",
            column,
        )


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
