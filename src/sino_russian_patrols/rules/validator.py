"""The validator's rules: what `validate` checks in a built package, each finding's code."""

from __future__ import annotations

from .rule import Rule, registry

# Every rule, in words for someone who did not write this code: the legend of the text
# report and of the codebook, and the messages of the checks. A new rule is added here first.
VALIDATION_RULES = registry(
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
        "resource_path",
        "each table's files are at the conventional paths (dataset/csv/<table>.csv, "
        "dataset/parquet/<table>.parquet), the files `load`, `path` and `connect` read: what "
        "validate passes is what they return",
        "datapackage.json names the {label} file {path!r}, but the readers read {expected}",
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
        "derived_value",
        "a claim's value is what its own words (its evidence spans) give, as the build derives "
        "it: the aircraft type from type_as_reported, a ship's kind from its words, the country "
        "named in them, the reporter spelled in them, the ordinal written, the duration and a "
        "stated date as the words state them",
        forms={
            "country": "country {country} is not named in the claim's words",
            "reporter": "{field} {actor} is not spelled in the claim's words",
            "type": "{value} is not what the words {words} give ({derived})",
            "ordinal": "ordinal {ordinal} is not what {words} in the claim's words reads",
            "duration": "{hours:g} hours is not a duration the claim's words state",
            "date": "the stated date {start} to {end} is not the date the claim's words state",
        },
    ),
    Rule(
        "count_span",
        "a count's span is no wider than its claim: in each span of an aircraft or ship claim "
        "that writes its type_as_reported, the number that governs the type (the last count "
        "phrase before it, with no other claim's type between them; in a partitive, the part) "
        "is the claim's count",
        forms={
            "governs": "count {count} is not the number {type} has in {quote} ({number})",
            "none": "count {count}: no number stands before {type} in {quote}",
            "crossed": "the number {number} before {type} is another claim's: {other} stands "
            "between them",
            "unwritten": "no span of the claim writes its type_as_reported {type}, so its count "
            "cannot be read",
        },
    ),
    Rule(
        "csv_formula_cell",
        "a notice, not a fault: a text cell begins with =, +, - or @ (a verbatim quote may); "
        "a spreadsheet that opens the CSV runs it as a formula unless the column is imported "
        "as text (see the codebook)",
        "{value} begins like a spreadsheet formula: import this column as text",
    ),
    Rule(
        "bidi_control",
        "a notice, not a fault: a text cell holds a bidirectional control character (U+202A-"
        "U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), which reorders what a viewer shows",
        "{value} holds a bidirectional control character: what a viewer shows may not be the "
        "order of the characters",
    ),
    Rule(
        "event_dates_combined",
        "an event's dates are what its date claims give: the tightest bounds every claim "
        "allows, date_conflict false; or, when the claims cannot all hold, date_conflict true "
        "and the span of every claim",
        "start_date {start}, end_date {end}, date_conflict {conflict}: its date claims "
        "(event_dates) give {expected_start} to {expected_end}, date_conflict "
        "{expected_conflict}",
    ),
    Rule(
        "dated_after_source",
        "a date claim does not begin after the publication of its source, unless the source "
        "announces the event ahead of it (announced)",
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
        "the inline schema differs from {file} in {where}; rebuild datapackage.json from schema/",
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
