"""The build's rules: what `build` checks in its inputs, each problem's code."""

from __future__ import annotations

from .rule import Rule, registry

# What `sino-russian-patrols build` checks in its inputs (build/articles/, build/annotations/,
# build/registries/ and schema/) before any table is written. Every problem of the build
# carries one of these codes, or a validation rule (validator.py) that the build checks in its
# inputs too (`BUILD_ALSO`). A template starting with `{what}: ` names the record being read
# (such as `event` or `aircraft claim a01`).
BUILD_RULES = registry(
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
    Rule("quote_empty", "a quote is not empty or white space only", "{what}: the quote is empty"),
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
        "relative_to_undated",
        "an event dated by another (`same_as`, `before`, `after`) names one that some claim dates",
        "event {event!r} is dated by no claim: date this event by its own words, or date "
        "{event!r} first",
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
        "an id is defined once: a registry entry in its registry, a claim or statement in its file",
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
        "answer_parent",
        "an event that answers another (an intercept, a scramble) names it as its parent",
        "event {event!r} is a {type}: give it `parent:`, the event it answered",
    ),
    Rule(
        "unknown_ship_claim",
        "a ship claim that an airspace (zone) claim names is one of its file",
    ),
    Rule(
        "ship_country",
        "a ship claim that names a registered ship gives the country of that ship's navy",
        "{what}: ship {ship!r} belongs to the navy of {navy}, not {country}: correct the "
        "claim's country or the ship's name",
    ),
    Rule(
        "ship_type_unsaid",
        "a registered ship's kind is the kind some claim naming it gives (the registry says "
        "no more than the texts)",
        "ship {ship!r}: type {type!r} is not the kind any claim naming it gives ({said})",
    ),
    Rule(
        "ship_class_unsaid",
        "a registered ship's class is the class some claim naming it writes",
        "ship {ship!r}: class {ship_class!r} is not written by any claim naming it: quote it "
        "in a claim's `class:`, or set it to null",
    ),
    Rule(
        "operator_not_named",
        "the force a claim says flies or sails the aircraft or ships (`operator`) is named in "
        "the claim's words; its country is the claim's country",
        "{what}: operator {actor!r} is not named in the claim's words; quote words naming one "
        "of: {names}",
    ),
    Rule(
        "participant_not_named",
        "the participant of a participant claim is named in the claim's words",
        "{what}: {actor!r} is not named in the claim's words; quote words naming one of: {names}",
    ),
    Rule(
        "series_name",
        "an event's name contains the name of exactly one registered exercise series (and the "
        "series given, if any, is that one)",
        "{what}: {name!r} names the series {found} (given: {given}); add the series' name to "
        "its aliases in registries/exercise_series.yaml, or correct the quote",
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

# Validation rules the build checks in its inputs too: the same rule, caught at its line
# before a row exists. Problems of the built dataset carry the code of the finding.
BUILD_ALSO = ("alias_invisible", "alias_twin", "parent_self", "parent_cycle", "dated_after_source")
