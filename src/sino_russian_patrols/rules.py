"""The registry of rules: every code a finding or a build problem can carry, with the sentence
the legend prints for it and the template of its messages.

One registry serves the validator (its findings and the text report's legend), the build (its
problems) and the codebook, so a rule is named, described and worded in one place and tests
assert codes, not wording. A new rule adds its code here first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Rule:
    """A rule a finding can break: its code (what a finding carries and a test asserts), the
    sentence the legend prints for it, and the pattern of its findings' messages (fields in
    braces, filled by `message`; empty: the message is written by the check, as it depends on
    more than a few values).

    `forms`: a rule whose findings come in several forms (a file with no path, or a path
    leading outside the package) has one template per form, by name, each filled by
    `message(code, form, ...)`. `pandera`: the names of the pandera checks (without their
    arguments) that stand for the rule when `validate --engine pandera` checks a table.
    """

    code: str
    description: str
    template: str = ""
    forms: dict[str, str] = field(default_factory=dict)
    pandera: tuple[str, ...] = ()


# Every rule, in words for someone who did not write this code: the legend of the text
# report and of the codebook, and the messages of the checks. A new rule is added here first.
RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "version",
            "datapackage.json `version` equals the version of the software validating it",
            "the data version is {found}, but the software is version {version!r}: data "
            "and code are released together with one version",
        ),
        Rule(
            "descriptor",
            "datapackage.json describes each resource as an object with a name",
            "resource number {number} is not an object with a name",
        ),
        Rule(
            "resource_missing",
            "datapackage.json describes every table of the dataset",
            "datapackage.json has no resource of this name",
        ),
        Rule(
            "schema",
            "each resource carries an inline Table Schema with a list of fields",
            "the resource has no usable inline Table Schema",
        ),
        Rule(
            "path",
            "a resource's path is a relative path inside the package folder",
            forms={
                "none": "the {label} file has no path in datapackage.json",
                "unusable": "the {label} path {path} is unusable: {reason}",
                "outside": "the {label} path {path} leads outside the package folder",
            },
        ),
        Rule(
            "file_missing",
            "every file that datapackage.json names exists and can be read",
            "the {label} file {name} cannot be read: {reason}",
            forms={
                "too_large": "the {label} file {name} cannot be read: {size:,} bytes, more than "
                "{limit:,}, the largest file validate reads",
            },
        ),
        Rule(
            "hash",
            "the file's SHA-256 equals the `hash` that datapackage.json records",
            "the {label} file {name} changed after datapackage.json was written: its hash "
            "is {actual}, datapackage.json says {expected}",
        ),
        Rule(
            "bytes",
            "the file's size equals the `bytes` that datapackage.json records",
            "the {label} file {name} has {size:,} bytes, but datapackage.json says {declared}",
            forms={
                "unread": "the {label} file {name} has {size:,} bytes, but datapackage.json says "
                "{declared}; not read: more than twice the size recorded",
            },
        ),
        Rule(
            "integrity_missing",
            "datapackage.json gives every file its `hash` and `bytes` (without them its content "
            "goes unchecked)",
            "datapackage.json gives the {label} file {path} no {lacking}: its content "
            "would go unchecked",
        ),
        Rule(
            "resource_duplicate",
            "no two resources of datapackage.json have one name",
            "datapackage.json describes {count} resources named {name!r}: only the first is "
            "validated, and a reader may take any of them",
        ),
        Rule(
            "csv_empty",
            "a CSV file has at least a header row",
            "the CSV file is empty: not even a header row",
        ),
        Rule(
            "csv_encoding",
            "a CSV file is UTF-8 text without a byte-order mark",
            forms={
                "bom": "the CSV file starts with a byte-order mark (BOM)",
                "utf8": "the file is not UTF-8 text: byte 0x{byte} at line {line} ({reason})",
            },
        ),
        Rule(
            "csv_unreadable",
            "a CSV file can be parsed (RFC 4180: comma-separated, double quotes)",
            "the CSV file cannot be parsed: {where}",
        ),
        Rule(
            "columns_missing",
            "the CSV header names every column of the schema",
            "the CSV header lacks column(s): {columns}",
            pandera=("column_in_dataframe",),
        ),
        Rule(
            "columns_extra",
            "the CSV header names no column that the schema does not define",
            "the CSV header has column(s) the schema does not define: {columns}",
            pandera=("column_in_schema",),
        ),
        Rule(
            "columns_order",
            "the CSV columns come in the schema's order",
            "the CSV columns are in the order {found}; the schema's order is {expected}",
            pandera=("column_ordered",),
        ),
        Rule(
            "empty",
            "every table has at least one row",
            "the table has no rows, only a header",
        ),
        Rule(
            "type",
            "each value has its column's type (integer, number, date as YYYY-MM-DD, ...)",
            "{value} is not {type}",
            pandera=("dtype",),
        ),
        Rule(
            "required",
            "a required column has a value in every row (an empty CSV field is no value)",
            "no value, but one is required",
            pandera=("not_nullable",),
        ),
        Rule(
            "unique",
            "a unique column holds no value twice",
            "{value} occurs in {count} rows (data rows {rows}); it must be unique",
            pandera=("field_uniqueness",),
        ),
        Rule(
            "primary_key",
            "no two rows have the same primary key",
            "{value} occurs in {count} rows (data rows {rows}); it must be unique",
            pandera=("multiple_fields_uniqueness",),
        ),
        Rule(
            "enum",
            "the value is one of the column's allowed values",
            "{value} is not one of the allowed values: {allowed}",
            pandera=("isin",),
        ),
        Rule(
            "pattern",
            "the value matches the column's pattern (a regular expression)",
            "{value} does not match the pattern {pattern}",
            pandera=("pattern",),
        ),
        Rule(
            "minimum",
            "the value is not below the column's minimum",
            "{value} is below the minimum {bound}",
            pandera=("greater_than_or_equal_to",),
        ),
        Rule(
            "maximum",
            "the value is not above the column's maximum",
            "{value} is above the maximum {bound}",
            pandera=("less_than_or_equal_to",),
        ),
        Rule(
            "minLength",
            "the value is not shorter than the column's minimum length",
            "{value} is shorter than {bound} characters",
            pandera=("minLength",),
        ),
        Rule(
            "maxLength",
            "the value is not longer than the column's maximum length",
            "{value} is longer than {bound} characters",
            pandera=("maxLength",),
        ),
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
        Rule(
            "sha256",
            "sources.sha256 is the SHA-256 of the source text encoded as UTF-8",
            "the SHA-256 of the text is {actual}, but the row says {found}",
        ),
        Rule(
            "source_empty",
            "a source's text is an article: not empty, not white space only",
            "the text is {found}: a source is an article",
        ),
        Rule(
            "body_end",
            "sources.body_end lies within the text (0 <= body_end <= its length in characters)",
            "body_end {body_end:,} lies outside the text, which has {length:,} characters",
        ),
        Rule(
            "alias_invisible",
            "an alias (actor_aliases, place_aliases) holds no invisible or control character "
            "(zero-width space or joiner, soft hyphen, byte-order mark, bidi control, ...)",
            "the alias {alias} contains {characters}: a spelling is written as the "
            "articles show it, without invisible or control characters",
        ),
        Rule(
            "alias_twin",
            "no two aliases of a table differ only by Unicode normalization (NFKC) or invisible "
            "characters",
            "the alias {alias} differs from the alias {twin} only by Unicode normalization "
            "or invisible characters ({difference}): one spelling written twice",
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
            "evidence_target",
            "an evidence row supports an existing row (record_table, record_id)",
            "{table} has no row {record} to support",
        ),
        Rule(
            "evidence_source",
            "the evidence of a row that names its source lies in that source",
            "evidence cites {cited}, but the row's source is {own}",
        ),
        Rule(
            "dated_after_source",
            "a date claim does not begin after the publication of its source",
            "the claim begins on {start}, after its source was published on {published}",
        ),
        Rule(
            "evidence_claim",
            "a span shows what its row claims: an actor's or place's span is one of its spellings "
            "(actor_aliases, place_aliases); an aircraft claim's spans contain its "
            "type_as_reported and, when it gives a count, write that number (in digits or words)",
            forms={
                "spelling": "{quote} is not a spelling of {noun} {record} ({aliases})",
                "type": "no span of this claim contains its type_as_reported {reported}",
                "count": "count is {count}, but no span of this claim writes that number (in "
                "digits or words); its spans write {numbers}",
            },
        ),
        Rule(
            "evidence_missing",
            "every row of the tables that evidence supports has an evidence row (a row with its "
            "own span, such as a statement, has it in its own columns)",
            "no evidence row cites a span of a source for this row",
        ),
        Rule(
            "parquet_missing",
            "each resource names its Parquet file",
            "the resource names no Parquet file",
        ),
        Rule(
            "parquet_unreadable",
            "the Parquet file can be read",
            "the Parquet file {path} cannot be read: {error}",
        ),
        Rule(
            "parquet_schema",
            "the Parquet file has the schema's columns, in order, with their types",
            "the Parquet file {path}: {problems}",
        ),
        Rule(
            "csv_parquet",
            "the CSV and Parquet files of a table hold the same rows and values",
            forms={
                "value": "the CSV file has {csv}, the Parquet file {parquet}",
                "rows": "the CSV file has {csv:,} rows, the Parquet file {parquet:,}",
                "row": "the row is in the {here} file but not in the {there} file",
            },
        ),
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


def message(code: str, form: str = "", /, **fields: Any) -> str:
    """The message of a finding of rule `code`: its template (or the template of its `form`)
    filled with `fields`."""
    rule = RULES[code]
    return (rule.forms[form] if form else rule.template).format(**fields)


# Build rules ------------------------------------------------------------------------------
# What `sino-russian-patrols build` checks in its inputs (build/articles/, build/annotations/,
# build/registries/ and schema/) before any table is written. Every problem of the build
# carries one of these codes, or a validation rule above that the build checks in its inputs
# too (`BUILD_ALSO`). A template starting with `{what}: ` names the record being read (such as
# `event` or `aircraft claim a01`).
BUILD_RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "project_folder",
            "the build runs on a project folder: one holding build/ and schema/",
            "not a project folder: build/ and schema/ are required",
        ),
        Rule(
            "schema_file",
            "each file of schema/ is a Table Schema the build can use: it exists, is UTF-8 JSON, "
            "and its fields, primary key, foreign keys and vocabularies are well formed",
        ),
        Rule(
            "input_file",
            "a build input is a regular file of the project (not a folder, a device or a link "
            "out of it) that can be read and is not larger than the limit of an input file",
        ),
        Rule(
            "not_utf8",
            "a build input (a YAML file, an archived article, a schema file) is UTF-8 text",
            "not UTF-8 ({reason} at byte {start})",
        ),
        Rule(
            "control_character",
            "a build input holds no control character (tab and line ends are layout), neither "
            "as it is nor written as an escape in a YAML string",
        ),
        Rule(
            "yaml_syntax",
            "a YAML file is one document of valid YAML: no duplicate key, no tag beyond the "
            "plain ones, keys that are text, numbers of at most 30 digits",
            "YAML syntax error: {detail}",
        ),
        Rule(
            "yaml_alias",
            "a YAML file has no anchors or aliases (&name, *name): each value is written out",
        ),
        Rule("yaml_depth", "a YAML file is nested at most 40 levels deep (a build input is flat)"),
        Rule(
            "value_too_long",
            "a value of a YAML file (a key, a quote, a note) has at most 10,000 characters",
            "a value of {length:,} characters (at most {limit:,})",
        ),
        Rule(
            "value_type",
            "a value has the kind the format gives its key: text, a whole number, a list, a "
            "mapping or true",
            "{what}: `{key}` must be {kind}, got {value}",
        ),
        Rule(
            "unknown_key",
            "a mapping has only the keys its format allows (a typo must not drop a fact); the "
            "message lists the allowed keys and the closest one",
            "{what}: unknown key {key} (allowed: {allowed}){hint}",
        ),
        Rule(
            "key_required",
            "a mapping has every key its format requires (some may be null, but not left out)",
            "{what}: `{key}` is required",
        ),
        Rule(
            "number_range",
            "a count, number of entries, ordinal, year or occurrence is a whole number within "
            "the bounds of its column",
        ),
        Rule(
            "id_format",
            "an id or reference is lowercase letters, digits and hyphens (a claim's id: a, s, q "
            "or z and two or more digits)",
            "{what}: `{key}` {value} must match {pattern}",
        ),
        Rule(
            "id_length",
            "an id has at most 100 characters",
            "{what}: `{key}` {value} is longer than {limit} characters",
        ),
        Rule(
            "vocabulary",
            "a controlled value is one of the values schema/ lists for its column; the message "
            "lists them and the closest one",
            "{what}: `{key}` {value} is not one of: {choices}{hint}",
        ),
        Rule(
            "quote_empty", "a quote is not empty or white space only", "{what}: the quote is empty"
        ),
        Rule(
            "file_name",
            "an input file has the name its folder expects: an article NNN_<16 hex digits>.txt "
            "(its source_id), an annotation <source_id>.yaml",
        ),
        Rule(
            "manifest_listing",
            "build/articles/manifest.yaml lists exactly the articles of build/articles/",
        ),
        Rule(
            "manifest_duplicate",
            "build/articles/manifest.yaml lists each article once",
            "{name} is listed twice (also at line {other}); keep one entry",
        ),
        Rule(
            "manifest_digest",
            "an archived article's SHA-256 and size in bytes equal what its manifest entry "
            "records: archived articles are never edited",
        ),
        Rule(
            "article_empty",
            "an archived article holds the text of a published page: not empty, not white "
            "space only, not only page furniture",
        ),
        Rule(
            "article_twice",
            "an article is archived once: no two files of build/articles/ hold the same text",
        ),
        Rule(
            "body_ends_before",
            "a manifest entry's `body_ends_before` is one whole line of the article, copied "
            "verbatim (or null: the whole text is the article)",
        ),
        Rule("date_format", "a date is written YYYY-MM-DD and exists in the calendar"),
        Rule(
            "received_future",
            "the day an article was received (archived) is not after today",
            "{file}: received {value} is after today; give the day it was archived",
        ),
        Rule(
            "article_missing",
            "every annotation file has its article in build/articles/",
            "no article build/articles/{source}.txt for this annotation",
        ),
        Rule(
            "annotation_missing",
            "every article has an annotation file (at least its `source:` section)",
        ),
        Rule(
            "published_date_form",
            "a source's `published_date` takes one of its forms: `quote` (stated in the text), "
            "`quote` with `from: dateline`, `from: page_record`, `from: url`, or `value` "
            "(YYYY-MM-DD) with `basis: inferred` and a `note`",
        ),
        Rule(
            "published_date",
            "a source's publication date can be read where it says it comes from: a full date "
            "in the quote, a dateline that agrees with the archive record, the archive record's "
            "page_date, a date in the page's URL",
        ),
        Rule(
            "published_after_received",
            "a source is published on or before the day its article was received (archived)",
        ),
        Rule(
            "date_claim_form",
            "an event's `date` gives exactly one of `quote`, `same_as` or `before`; `same_as` "
            "and `before` carry a `note` saying why; `end_only` goes with a `quote`",
        ),
        Rule(
            "date_phrase",
            "a date phrase (an event's date, when a statement was said) can be read against "
            "the source's anchor, and gives one day where one day is needed",
        ),
        Rule(
            "anchor_day",
            "an event that anchors another's date phrase has a single-day date",
            "anchor event {event!r} has no single-day date",
        ),
        Rule(
            "date_cycle",
            "events do not date each other in a circle (`same_as`, `before`, `anchor`)",
            "event dates refer in a circle: {path}",
        ),
        Rule(
            "duration_phrase",
            "an event's duration quote can be read as a number of hours",
        ),
        Rule(
            "route_leg",
            "a route leg names at least one place under one of its roles",
            "{what}: a leg names at least one of: {roles}",
        ),
        Rule(
            "keys_together",
            "keys that depend on each other are given together: `relayed_by` with `relay`; a "
            "sequence claim's `place`, `year` and `since` with scope area, year and since",
        ),
        Rule(
            "quote_not_found",
            "a quote is in its article, character for character (the message says which "
            "character differs when the article has it with a look-alike)",
            "quote not found in {source}: {quote!r}{hint}",
        ),
        Rule(
            "quote_ambiguous",
            "a quote found more than once in its article says which (`occurrence: N`)",
        ),
        Rule(
            "quote_occurrence",
            "a quote's `occurrence` is not beyond the number of times the article has it",
            "occurrence {occurrence} of {quote!r} asked, but {source} has only {count}",
        ),
        Rule(
            "quote_below_body",
            "a quote lies in the article's body, above the reader comments and page furniture "
            "(`body_ends_before`, `body_end`)",
        ),
        Rule(
            "name_part_of_word",
            "a quoted name (an actor or place spelling) stands as a word of its own, not inside "
            "a longer word",
        ),
        Rule(
            "name_part_of_name",
            "a quoted name is not part of a longer registered name covering the same characters "
            "(Japan in Sea of Japan)",
        ),
        Rule(
            "duplicate_id",
            "an id is defined once: a registry entry in its registry, a claim or statement in "
            "its file",
        ),
        Rule(
            "alias_shared",
            "a spelling belongs to one registry entry",
            "alias {alias!r} belongs to both {other!r} and {entry!r}",
        ),
        Rule(
            "unknown_alias",
            "a spelling quoted for an actor or place is an alias of a registry entry",
            "unknown {what} spelling {quote!r}{hint}: add it to the aliases of the right entry "
            "in {registry}",
        ),
        Rule(
            "unknown_event",
            "an event id named by a mention, a claim, a statement or a date is defined in "
            "registries/events.yaml",
        ),
        Rule(
            "unknown_parent",
            "a parent (of an event, actor or place) is an entry of the same registry",
        ),
        Rule(
            "unknown_aircraft_claim",
            "an aircraft claim that a route leg or airspace claim names is one of its file",
        ),
        Rule(
            "actor_not_mentioned",
            "an actor a claim or statement names (speaker, relay, reporter, claimer) is "
            "mentioned under `actors:` in its file",
        ),
        Rule(
            "never_mentioned",
            "every registry entry (event, actor, place) is reported or named by some article",
        ),
        Rule(
            "alias_unused",
            "every alias of an actor or place is quoted by some mention",
            "{what} {entry!r}: alias {alias!r} is never used in a mention; mention it or remove it",
        ),
        Rule(
            "title_not_written",
            "an actor's title is written in an article that mentions the actor",
            "actor {entry!r}: title {title!r} is not written in any article that mentions the "
            "actor; titles are copied from the texts",
        ),
        Rule(
            "value_not_written",
            "a value an editor writes for a claim (country, type, count, entries, ordinal) is "
            "written in the claim's quoted words",
            "{what}: `{key}` {value!r} is not written in its quote {quotes}",
        ),
        Rule(
            "attribution_not_named",
            "whoever a claim is attributed to is named in the claim's words or its `attribution:`",
        ),
        Rule(
            "claim_value",
            "a claim's written value can be read as its column holds it: a country name, a "
            "registered aircraft type, a count, an ordinal, a number of entries",
            "{what}: {detail}",
        ),
        Rule(
            "direct_quote_marks",
            "a statement of type direct_quote is the words inside quotation marks",
        ),
        Rule(
            "country_code",
            "an actor's country is the ISO 3166-1 alpha-3 code of a current country",
        ),
        Rule(
            "aircraft_family",
            "an aircraft type's family is the base its designation extends (Tu-95 of Tu-95MS)",
        ),
        Rule(
            "swap",
            "the new dataset is moved into place whole: one build at a time, and a move that "
            "stopped midway is finished by the next build, validate or load",
        ),
    )
}
# Validation rules the build checks in its inputs too: the same rule, caught at its line
# before a row exists. Problems of the built dataset carry the code of the finding.
BUILD_ALSO = ("alias_invisible", "alias_twin", "parent_self", "parent_cycle", "dated_after_source")
RULES.update(BUILD_RULES)  # one registry: a build code is never a validation code (tested)


def legend(codes: Iterable[str], /) -> list[str]:
    """What the codes in brackets mean, one line each: how the text report of `validate` and a
    failed build end, so a reader never needs the codebook to read a code."""
    codes = sorted(set(codes))
    if not codes:
        return []
    width = max(map(len, codes)) + 2
    lines = ["what the rules in brackets mean:"]
    lines += [
        f"  {'[' + c + ']':<{width}} {RULES[c].description if c in RULES else ''}".rstrip()
        for c in codes
    ]
    return lines
