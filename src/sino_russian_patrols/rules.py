"""The registry of rules: every code a finding or a build problem can carry, with the sentence
the legend prints for it and the template of its messages.

One registry serves the validator (its findings and the text report's legend), the build (its
problems) and the codebook, so a rule is named, described and worded in one place and tests
assert codes, not wording. A new rule adds its code here first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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
