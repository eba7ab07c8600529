"""Property tests: every class of corruption of a valid package is caught, with its rule.

Hypothesis generates a valid synthetic package (size, seed and shape vary), then one
corruption of a class below, drawn at random (which table, column, row and bad value). The
validator must report the expected rule at the expected table, column and row. Where a
Table Schema can express the rule (type, required, enum, pattern, unique and primary keys,
foreign keys, minimum, hash and bytes), the real frictionless validator must reject the
same package too. Each class is one test: it fails if the validator stops catching it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers import SCHEMA_DIR, Package, follows_its_template, set_cell
from sino_russian_patrols import __version__
from sino_russian_patrols.schema import TABLES, read_schema
from sino_russian_patrols.testing import generate
from sino_russian_patrols.validation import KEY_SEPARATOR, Report, validate_package

SCHEMAS = {name: read_schema(SCHEMA_DIR, name) for name in TABLES}
EXAMPLES = settings(max_examples=10, deadline=None)


def _fields(predicate: Callable[[str, dict[str, Any]], bool]) -> list[tuple[str, str]]:
    """(table, column) of every field of the schemas that `predicate(table, field)` accepts."""
    return [
        (table, f["name"])
        for table, schema in SCHEMAS.items()
        for f in schema["fields"]
        if predicate(table, f)
    ]


def _constraint(table: str, column: str) -> dict[str, Any]:
    field = next(f for f in SCHEMAS[table]["fields"] if f["name"] == column)
    return field.get("constraints", {})


def _is_required(table: str, f: dict[str, Any]) -> bool:
    primary_key = SCHEMAS[table]["primaryKey"]
    return bool(f.get("constraints", {}).get("required")) or f["name"] in primary_key


TYPED = _fields(lambda t, f: f["type"] != "string")
REQUIRED = _fields(_is_required)
ENUMS = _fields(lambda t, f: "enum" in f.get("constraints", {}))
PATTERNS = _fields(lambda t, f: "pattern" in f.get("constraints", {}))
# offsets below their minimum break spans first; they are checked in test_validation_engines
MINIMUMS = _fields(
    lambda t, f: (
        "minimum" in f.get("constraints", {}) and f["name"] not in ("char_start", "char_end")
    )
)
FOREIGN_KEYS = [
    (table, fk["fields"][0], fk["reference"]["resource"] or table)
    for table, schema in SCHEMAS.items()
    for fk in schema.get("foreignKeys", [])
]
KEY_COLUMNS = sorted(
    {(t, c) for t, s in SCHEMAS.items() for c in s["primaryKey"]}
    | {(t, fk_column) for t, fk_column, _ in FOREIGN_KEYS}
)
STRING_KEY_COLUMNS = [
    (t, c)
    for t, c in KEY_COLUMNS
    if next(f for f in SCHEMAS[t]["fields"] if f["name"] == c)["type"] == "string"
]


# The row key of a corrupted row (the package a corruption edits: helpers.Package) -------------


def key_of(table: str, frame: pl.DataFrame, index: int) -> str:
    """The row key the validator shows for row `index` of `frame`."""
    values = [frame[c][index] for c in SCHEMAS[table]["primaryKey"]]
    if any(v is None for v in values):
        return f"data row {index + 1}"
    return KEY_SEPARATOR.join(str(v) for v in values)


@dataclass(frozen=True)
class Expected:
    table: str
    rules: tuple[str, ...]  # any of these
    column: str | None = None  # None: any column
    row: str | None = None  # None: any row (or a file-level problem)
    frictionless: tuple[str, ...] = ()  # error types of frictionless, any of these


def bad_text(pattern: str | None = None, avoid: tuple[str, ...] = ()) -> st.SearchStrategy[str]:
    """Printable values without surrounding white space that break `pattern` / avoid values."""
    strategy = st.from_regex(
        r"[A-Za-z0-9_.:-][A-Za-z0-9 _.:-]{0,14}[A-Za-z0-9_.:-]", fullmatch=True
    )
    if pattern is not None:
        strategy = strategy.filter(lambda v: re.fullmatch(pattern, v) is None)
    return strategy.filter(lambda v: v not in avoid)


# The corruptions ------------------------------------------------------------------------------
# Each draws what to break from `data`, breaks it in `pkg`, and says what must be reported.


def type_error(pkg: Package, data: st.DataObject) -> Expected:
    table, column = data.draw(st.sampled_from(TYPED), label="column")
    assume(pkg.tables[table].height > 0)
    index = data.draw(st.integers(0, pkg.tables[table].height - 1), label="row")
    # letters without i and n: never 'nan', 'inf', 'infinity' or a date; nor a boolean
    letters = st.text("abcdefghjklmopqrsuvwxyz", min_size=1, max_size=8)
    value = data.draw(letters.filter(lambda v: v not in ("true", "false")), label="value")
    raw = pkg.tables[table].with_columns(pl.all().cast(pl.String))
    raw = set_cell(raw, column, index, value)
    pkg.put_csv_text(table, raw)
    return Expected(table, ("type",), column, key_of(table, raw, index), ("type-error",))


def required_null(pkg: Package, data: st.DataObject) -> Expected:
    table, column = data.draw(st.sampled_from(REQUIRED), label="column")
    assume(pkg.tables[table].height > 0)
    index = data.draw(st.integers(0, pkg.tables[table].height - 1), label="row")
    frame = set_cell(pkg.tables[table], column, index, None)
    pkg.put(table, frame)
    return Expected(
        table,
        ("required",),
        column,
        key_of(table, frame, index),
        ("constraint-error", "primary-key"),
    )


def enum_violation(pkg: Package, data: st.DataObject) -> Expected:
    table, column = data.draw(st.sampled_from(ENUMS), label="column")
    index = data.draw(st.integers(0, pkg.tables[table].height - 1), label="row")
    allowed = tuple(_constraint(table, column)["enum"])
    value = data.draw(bad_text(avoid=allowed), label="value")
    frame = set_cell(pkg.tables[table], column, index, value)
    pkg.put(table, frame)
    return Expected(table, ("enum",), column, key_of(table, frame, index), ("constraint-error",))


def pattern_violation(pkg: Package, data: st.DataObject) -> Expected:
    table, column = data.draw(st.sampled_from(PATTERNS), label="column")
    frame = pkg.tables[table]
    candidates = [i for i, v in enumerate(frame[column]) if v is not None]
    assume(candidates)
    index = data.draw(st.sampled_from(candidates), label="row")
    pattern = _constraint(table, column)["pattern"]
    value = data.draw(bad_text(pattern, avoid=tuple(frame[column].drop_nulls())), label="value")
    frame = set_cell(frame, column, index, value)
    pkg.put(table, frame)
    return Expected(table, ("pattern",), column, key_of(table, frame, index), ("constraint-error",))


def duplicate_primary_key(pkg: Package, data: st.DataObject) -> Expected:
    table = data.draw(st.sampled_from([t for t in TABLES if pkg.tables[t].height > 1]))
    frame = pkg.tables[table]
    primary_key = SCHEMAS[table]["primaryKey"]
    i, j = data.draw(
        st.lists(st.integers(0, frame.height - 1), min_size=2, max_size=2, unique=True)
    )
    first = min(i, j)
    if len(primary_key) == 1:
        frame = set_cell(frame, primary_key[0], max(i, j), frame[primary_key[0]][first])
    else:  # the same row twice
        frame = pl.concat([frame, frame.slice(first, 1)])
    pkg.put(table, frame)
    return Expected(
        table,
        ("primary_key",),
        ", ".join(primary_key),
        key_of(table, frame, first),
        ("primary-key", "unique-error"),
    )


def duplicate_unique_value(pkg: Package, data: st.DataObject) -> Expected:
    frame = pkg.tables["sources"]
    if frame.height < 2:  # a second source with its own id, text and hash
        extra = frame.with_columns(
            source_id=pl.lit("999_ffffffffffffffff"), sha256=pl.lit("f" * 64)
        )
        frame = pl.concat([frame, extra])
    i, j = data.draw(
        st.lists(st.integers(0, frame.height - 1), min_size=2, max_size=2, unique=True)
    )
    frame = set_cell(frame, "original_filename", max(i, j), frame["original_filename"][min(i, j)])
    pkg.put("sources", frame)
    return Expected(
        "sources", ("unique",), "original_filename", key_of("sources", frame, min(i, j)),
        ("unique-error",),
    )  # fmt: skip


def dangling_foreign_key(pkg: Package, data: st.DataObject) -> Expected:
    table, column, _parent = data.draw(st.sampled_from(FOREIGN_KEYS), label="foreign key")
    frame = pkg.tables[table]
    assume(frame.height > 0)
    index = data.draw(st.integers(0, frame.height - 1), label="row")
    value = "missing-" + data.draw(st.from_regex(r"[a-z0-9]{1,10}", fullmatch=True))
    frame = set_cell(frame, column, index, value)
    pkg.put(table, frame)
    return Expected(table, ("foreign_key",), column, key_of(table, frame, index), ("foreign-key",))


def missing_parent_event(pkg: Package, data: st.DataObject) -> Expected:
    frame = pkg.tables["events"]
    index = data.draw(st.integers(0, frame.height - 1), label="row")
    value = "no-such-event-" + data.draw(st.from_regex(r"[a-z0-9]{1,10}", fullmatch=True))
    frame = set_cell(frame, "parent_event_id", index, value)
    pkg.put("events", frame)
    return Expected(
        "events", ("foreign_key",), "parent_event_id", key_of("events", frame, index),
        ("foreign-key",),
    )  # fmt: skip


def reordered_columns(pkg: Package, data: st.DataObject) -> Expected:
    table = data.draw(st.sampled_from(TABLES), label="table")
    columns = pkg.tables[table].columns
    order = data.draw(st.permutations(columns).filter(lambda p: list(p) != columns))
    pkg.put_csv_text(table, pkg.tables[table].select(order))
    return Expected(table, ("columns_order",), None, None, ("incorrect-label",))


def padded_identifier(pkg: Package, data: st.DataObject) -> Expected:
    table, column = data.draw(st.sampled_from(STRING_KEY_COLUMNS), label="column")
    frame = pkg.tables[table]
    candidates = [i for i, v in enumerate(frame[column]) if v is not None]
    assume(candidates)
    index = data.draw(st.sampled_from(candidates), label="row")
    pad = data.draw(st.sampled_from([" ", "  ", "\t", "\u00a0"]), label="pad")
    value = frame[column][index]
    value = data.draw(st.sampled_from([pad + value, value + pad, pad + value + pad]))
    frame = set_cell(frame, column, index, value)
    pkg.put(table, frame)
    return Expected(table, ("whitespace",), column, key_of(table, frame, index))


def changed_quote(pkg: Package, data: st.DataObject) -> Expected:
    table, column = data.draw(st.sampled_from([("statements", "text"), ("evidence", "quote")]))
    frame = pkg.tables[table]
    index = data.draw(st.integers(0, frame.height - 1), label="row")
    quoted = frame[column][index]
    at = data.draw(st.integers(0, len(quoted) - 1), label="position")
    char = data.draw(
        st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")).filter(
            lambda c: c != quoted[at]
        ),
        label="character",
    )
    changed = quoted[:at] + char + quoted[at + 1 :]
    assume(changed.strip() == changed)  # a quote is never padded; keep it a value
    frame = set_cell(frame, column, index, changed)
    pkg.put(table, frame)
    return Expected(table, ("span_verbatim",), column, key_of(table, frame, index))


def shifted_span(pkg: Package, data: st.DataObject) -> Expected:
    table, column = data.draw(st.sampled_from([("statements", "text"), ("evidence", "quote")]))
    frame = pkg.tables[table]
    index = data.draw(st.integers(0, frame.height - 1), label="row")
    source, start, end, quoted = (
        frame[c][index] for c in ("source_id", "char_start", "char_end", column)
    )
    texts = dict(pkg.tables["sources"].select("source_id", "text").iter_rows())
    assume(texts[source][start + 1 : end + 1] != quoted)  # a periodic quote may still match
    frame = set_cell(frame, "char_start", index, start + 1)
    frame = set_cell(frame, "char_end", index, end + 1)
    pkg.put(table, frame)
    return Expected(table, ("span_verbatim", "span_range"), None, key_of(table, frame, index))


def reversed_span(pkg: Package, data: st.DataObject) -> Expected:
    table = data.draw(st.sampled_from(["statements", "evidence"]))
    frame = pkg.tables[table]
    index = data.draw(st.integers(0, frame.height - 1), label="row")
    start = frame["char_start"][index]
    end = data.draw(st.integers(0, start), label="char_end")
    frame = set_cell(frame, "char_end", index, end)
    pkg.put(table, frame)
    return Expected(table, ("span_order",), "char_end", key_of(table, frame, index))


def sha256_mismatch(pkg: Package, data: st.DataObject) -> Expected:
    frame = pkg.tables["sources"]
    index = data.draw(st.integers(0, frame.height - 1), label="row")
    other = hashlib.sha256(data.draw(st.binary(min_size=1), label="bytes")).hexdigest()
    assume(other not in set(frame["sha256"]))
    frame = set_cell(frame, "sha256", index, other)
    pkg.put("sources", frame)
    return Expected("sources", ("sha256",), "sha256", key_of("sources", frame, index))


def dates_reversed(pkg: Package, data: st.DataObject) -> Expected:
    frame = pkg.tables["events"]
    index = data.draw(st.integers(0, frame.height - 1), label="row")
    end = frame["end_date"][index] or dt.date(2022, 6, 1)
    start = end + dt.timedelta(days=data.draw(st.integers(1, 800), label="days"))
    frame = set_cell(set_cell(frame, "start_date", index, start), "end_date", index, end)
    pkg.put("events", frame)
    return Expected("events", ("date_order",), "start_date", key_of("events", frame, index))


def misfit_dates(frame: pl.DataFrame, index: int, data: st.DataObject) -> pl.DataFrame:
    """Row `index` with dates that its precision does not allow (start never after end).

    Precision day needs both bounds (an event over several days may span them); month and
    year need both bounds in one calendar month or year.
    """
    precision = data.draw(st.sampled_from(["day", "month", "year"]), label="precision")
    end = data.draw(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), label="end")
    if precision == "day":
        days = data.draw(st.integers(0, 30), label="days")
        bounds = {"start_date": end - dt.timedelta(days=days), "end_date": end}
        bounds[data.draw(st.sampled_from(sorted(bounds)), label="unknown bound")] = None
    else:
        width = {"month": (32, 300), "year": (367, 3000)}[precision]
        start = end - dt.timedelta(days=data.draw(st.integers(*width), label="days"))
        bounds = {"start_date": start, "end_date": end}
    for column, value in bounds.items():
        frame = set_cell(frame, column, index, value)
    return set_cell(frame, "date_precision", index, precision)


def dates_do_not_fit_precision(pkg: Package, data: st.DataObject) -> Expected:
    frame = pkg.tables["events"]
    index = data.draw(st.integers(0, frame.height - 1), label="row")
    frame = misfit_dates(frame, index, data)
    pkg.put("events", frame)
    return Expected("events", ("date_precision",), "date_precision", key_of("events", frame, index))


def date_claim_breaks_date_rules(pkg: Package, data: st.DataObject) -> Expected:
    """A row of event_dates (a source's claim of an event's dates) that breaks a date rule."""
    frame = pkg.tables["event_dates"]
    index = data.draw(st.integers(0, frame.height - 1), label="row")
    rule = data.draw(st.sampled_from(["date_order", "date_precision", "date_basis"]), label="rule")
    if rule == "date_order":
        end = frame["end_date"][index] or dt.date(2022, 6, 1)
        start = end + dt.timedelta(days=data.draw(st.integers(1, 800), label="days"))
        frame = set_cell(set_cell(frame, "start_date", index, start), "end_date", index, end)
        column = "start_date"
    elif rule == "date_precision":
        frame, column = misfit_dates(frame, index, data), "date_precision"
    else:  # a stated date is known to the day or to the month, never only to a year or less
        precision = data.draw(st.sampled_from(["year", "unknown"]), label="precision")
        frame = set_cell(frame, "date_precision", index, precision)
        frame, column = set_cell(frame, "date_basis", index, "stated"), "date_basis"
    pkg.put("event_dates", frame)
    return Expected("event_dates", (rule,), column, key_of("event_dates", frame, index))


def evidence_in_another_source(pkg: Package, data: st.DataObject) -> Expected:
    """An evidence row moved to another source: the row it supports names its own source,
    which no longer holds that evidence."""
    evidence = pkg.tables["evidence"]
    owned = [
        t
        for t, f in pkg.tables.items()
        if t != "evidence" and "source_id" in f.columns and SCHEMAS[t].get("primaryKey")
    ]
    candidates = evidence.with_row_index("_i").filter(pl.col("record_table").is_in(owned))
    sources = pkg.tables["sources"]["source_id"].to_list()
    assume(len(sources) > 1 and candidates.height > 0)
    row = candidates.row(data.draw(st.integers(0, candidates.height - 1), label="row"), named=True)
    other = data.draw(st.sampled_from([s for s in sources if s != row["source_id"]]))
    pkg.put("evidence", set_cell(evidence, "source_id", row["_i"], other))
    return Expected(row["record_table"], ("evidence_source",), "source_id", row["record_id"])


def date_claim_after_its_source(pkg: Package, data: st.DataObject) -> Expected:
    """A date claim that begins after the publication of the source that makes it."""
    claims = pkg.tables["event_dates"]
    published = dict(pkg.tables["sources"].select("source_id", "published_date").iter_rows())
    dated = [i for i, source in enumerate(claims["source_id"]) if published.get(source)]
    assume(dated)
    index = data.draw(st.sampled_from(dated), label="row")
    days = data.draw(st.integers(1, 400), label="days")
    later = published[claims["source_id"][index]] + dt.timedelta(days=days)
    frame = set_cell(set_cell(claims, "start_date", index, later), "end_date", index, later)
    frame = set_cell(frame, "date_precision", index, "day")
    pkg.put("event_dates", frame)
    return Expected(
        "event_dates", ("dated_after_source",), "start_date", key_of("event_dates", frame, index)
    )


def span_of_another_actor(pkg: Package, data: st.DataObject) -> Expected:
    """An actor's evidence moved to another actor: a verbatim span, but not that actor's name."""
    evidence = pkg.tables["evidence"]
    aliases = pkg.tables["actor_aliases"]
    spellings: dict[str, set[str]] = {}
    for alias, actor in aliases.select("alias", "actor_id").iter_rows():
        spellings.setdefault(actor, set()).add(alias)
    cited = evidence.with_row_index("_i").filter(pl.col("record_table") == "actors")
    assume(cited.height > 0 and len(spellings) > 1)
    row = cited.row(data.draw(st.integers(0, cited.height - 1), label="row"), named=True)
    others = sorted(a for a, names in spellings.items() if row["quote"] not in names)
    assume(others)
    other = data.draw(st.sampled_from(others), label="actor")
    frame = set_cell(evidence, "record_id", row["_i"], other)
    pkg.put("evidence", frame)
    return Expected("evidence", ("evidence_claim",), "quote")


def aircraft_span_without_its_type(pkg: Package, data: st.DataObject) -> Expected:
    """An aircraft claim whose type_as_reported is written in none of its spans."""
    evidence = pkg.tables["evidence"]
    aircraft = pkg.tables["aircraft"]
    index = data.draw(st.integers(0, aircraft.height - 1), label="row")
    claim = aircraft.row(index, named=True)
    spans = evidence.with_row_index("_i").filter(
        (pl.col("record_table") == "aircraft") & (pl.col("record_id") == claim["aircraft_id"])
    )
    assume(spans.height > 0)
    frame = set_cell(aircraft, "type_as_reported", index, claim["type_as_reported"] + " Zq-999")
    pkg.put("aircraft", frame)
    return Expected("aircraft", ("evidence_claim",), "type_as_reported", claim["aircraft_id"])


def aircraft_count_not_in_its_spans(pkg: Package, data: st.DataObject) -> Expected:
    """An aircraft claim's count changed to a number that none of its spans writes."""
    aircraft, evidence = pkg.tables["aircraft"], pkg.tables["evidence"]
    spans = evidence.filter(pl.col("record_table") == "aircraft")
    cited = set(spans["record_id"])
    counted = [i for i, (a, n) in enumerate(aircraft.select("aircraft_id", "count").iter_rows())
               if n is not None and a in cited]  # fmt: skip
    assume(counted)
    index = data.draw(st.sampled_from(counted), label="row")
    claim = aircraft["aircraft_id"][index]
    quotes = spans.filter(pl.col("record_id") == claim)["quote"].to_list()
    # the generator writes counts up to eight in words: from nine on, only digits can show it
    value = data.draw(st.integers(9, 9_999), label="count")
    assume(not any(re.search(rf"\b{value}\b", q) for q in quotes))
    frame = set_cell(aircraft, "count", index, value)
    pkg.put("aircraft", frame)
    return Expected("aircraft", ("evidence_claim",), "count", claim)


def span_of_another_place(pkg: Package, data: st.DataObject) -> Expected:
    """A place's evidence moved to another place: a verbatim span, but not that place's name."""
    evidence = pkg.tables["evidence"]
    spellings: dict[str, set[str]] = {}
    for alias, place in pkg.tables["place_aliases"].select("alias", "place_id").iter_rows():
        spellings.setdefault(place, set()).add(alias)
    cited = [i for i, t in enumerate(evidence["record_table"]) if t == "places"]
    assume(cited and len(spellings) > 1)
    index = data.draw(st.sampled_from(cited), label="row")
    quote = evidence["quote"][index]
    others = sorted(p for p, names in spellings.items() if quote not in names)
    assume(others)
    frame = set_cell(evidence, "record_id", index, data.draw(st.sampled_from(others)))
    pkg.put("evidence", frame)
    return Expected("evidence", ("evidence_claim",), "quote", key_of("evidence", frame, index))


def statement_text_of_another_statement(pkg: Package, data: st.DataObject) -> Expected:
    """A statement's text replaced by another statement's: verbatim words, not its span."""
    frame = pkg.tables["statements"]
    i, j = data.draw(
        st.lists(st.integers(0, frame.height - 1), min_size=2, max_size=2, unique=True)
    )
    assume(frame["text"][i] != frame["text"][j])
    frame = set_cell(frame, "text", i, frame["text"][j])
    pkg.put("statements", frame)
    return Expected("statements", ("span_verbatim",), "text", key_of("statements", frame, i))


def span_below_the_body(pkg: Package, data: st.DataObject) -> Expected:
    """A source whose body ends one character before its last span ends (that span quotes the
    comments). The last span: so that only the spans ending there break the rule, and the
    drawn row is among the rows the report lists."""
    table = data.draw(st.sampled_from(["statements", "evidence"]), label="table")
    frame = pkg.tables[table]
    spans = pl.concat(
        [pkg.tables[t].select("source_id", "char_end") for t in ("statements", "evidence")]
    )
    last = spans.group_by("source_id").agg(pl.col("char_end").max().alias("_last"))
    candidates = (
        frame.with_row_index("_index")
        .join(last, on="source_id")
        .filter(pl.col("char_end") == pl.col("_last"))["_index"]
        .sort()
        .to_list()
    )
    assume(candidates)
    index = data.draw(st.sampled_from(candidates), label="row")
    source, end = frame["source_id"][index], frame["char_end"][index]
    sources = pkg.tables["sources"]
    at = sources["source_id"].to_list().index(source)
    pkg.put("sources", set_cell(sources, "body_end", at, end - 1))
    return Expected(table, ("span_body",), "char_end", key_of(table, frame, index))


def body_end_beyond_the_text(pkg: Package, data: st.DataObject) -> Expected:
    sources = pkg.tables["sources"]
    index = data.draw(st.integers(0, sources.height - 1), label="row")
    beyond = len(sources["text"][index]) + data.draw(st.integers(1, 10**6), label="beyond")
    frame = set_cell(sources, "body_end", index, beyond)
    pkg.put("sources", frame)
    return Expected("sources", ("body_end",), "body_end", key_of("sources", frame, index))


def empty_source_text(pkg: Package, data: st.DataObject) -> Expected:
    """A source whose text is white space only (its sha256 made to match: still no article)."""
    sources = pkg.tables["sources"]
    index = data.draw(st.integers(0, sources.height - 1), label="row")
    blank = data.draw(st.sampled_from([" ", "\n", "  \n\t ", "\u3000", "\u00a0 \n"]))
    frame = set_cell(sources, "text", index, blank)
    digest = hashlib.sha256(blank.encode("utf-8")).hexdigest()
    frame = set_cell(frame, "sha256", index, digest)
    pkg.put("sources", frame)
    return Expected("sources", ("source_empty",), "text", key_of("sources", frame, index))


# Characters an editor cannot see: zero-width space and joiner, soft hyphen, byte-order
# mark, bidi controls, C0 and C1 controls.
HIDDEN = ["\u200b", "\u200d", "\u00ad", "\ufeff", "\u202e", "\u2066", "\x07", "\x1b", "\x9f"]


def alias_with_a_hidden_character(pkg: Package, data: st.DataObject) -> Expected:
    table = data.draw(st.sampled_from(["actor_aliases", "place_aliases"]), label="table")
    frame = pkg.tables[table]
    index = data.draw(st.integers(0, frame.height - 1), label="row")
    alias = frame["alias"][index]
    assume(len(alias) > 1)
    at = data.draw(st.integers(1, len(alias) - 1), label="position")
    hidden = data.draw(st.sampled_from(HIDDEN), label="character")
    frame = set_cell(frame, "alias", index, alias[:at] + hidden + alias[at:])
    pkg.put(table, frame)
    return Expected(table, ("alias_invisible",), "alias", key_of(table, frame, index))


def alias_twin_by_normalization(pkg: Package, data: st.DataObject) -> Expected:
    """A second alias that looks like an existing one: a full-width letter or a hidden
    character is the only difference."""
    table = data.draw(st.sampled_from(["actor_aliases", "place_aliases"]), label="table")
    frame = pkg.tables[table]
    index = data.draw(st.integers(0, frame.height - 1), label="row")
    alias = frame["alias"][index]
    letters = [i for i, c in enumerate(alias) if "!" <= c <= "~"]
    assume(letters)
    at = data.draw(st.sampled_from(letters), label="position")
    if data.draw(st.booleans(), label="full-width"):
        twin = alias[:at] + chr(ord(alias[at]) + 0xFEE0) + alias[at + 1 :]
    else:
        twin = alias[:at] + data.draw(st.sampled_from(HIDDEN)) + alias[at:]
    assume(twin.strip() == twin)
    frame = pl.concat([frame, set_cell(frame.slice(index, 1), "alias", 0, twin)])
    pkg.put(table, frame)
    return Expected(table, ("alias_twin",), "alias", twin)


NUMBERS = _fields(lambda t, f: f["type"] == "number")


def number_not_finite(pkg: Package, data: st.DataObject) -> Expected:
    table, column = data.draw(st.sampled_from(NUMBERS), label="column")
    frame = pkg.tables[table]
    index = data.draw(st.integers(0, frame.height - 1), label="row")
    value = data.draw(st.sampled_from([float("nan"), float("inf"), float("-inf")]))
    frame = set_cell(frame, column, index, value)
    pkg.put(table, frame)
    return Expected(table, ("not_finite",), column, key_of(table, frame, index))


def resource_named_twice(pkg: Package, data: st.DataObject) -> Expected:
    """A second resource under the name of another: one of them goes unvalidated."""
    descriptor = pkg.descriptor()
    resources = descriptor["resources"]
    i, j = data.draw(st.lists(st.integers(0, len(resources) - 1), min_size=2, max_size=2))
    name = resources[i]["name"]
    resources.insert(data.draw(st.integers(0, len(resources)), label="position"),
                     dict(resources[j], name=name))  # fmt: skip
    pkg.put_descriptor(descriptor)
    return Expected(name, ("resource_duplicate",))


def file_without_integrity(pkg: Package, data: st.DataObject) -> Expected:
    """A file whose hash or size datapackage.json does not give (or gives as 0): frictionless
    then skips that check; validate must not."""
    descriptor = pkg.descriptor()
    resource = data.draw(st.sampled_from(descriptor["resources"]), label="resource")
    spec = resource["parquet"] if data.draw(st.booleans(), label="parquet") else resource
    how = data.draw(st.sampled_from(["no hash", "null hash", "no bytes", "bytes 0"]))
    if how == "bytes 0":
        spec["bytes"] = 0  # every file of a package has at least a header
        rules: tuple[str, ...] = ("bytes",)
    else:
        prop = how.split()[1]
        if how.startswith("null"):
            spec[prop] = None
        else:
            del spec[prop]
        rules = ("integrity_missing",)
    pkg.put_descriptor(descriptor)
    return Expected(resource["name"], rules)


def count_not_positive(pkg: Package, data: st.DataObject) -> Expected:
    table, column = data.draw(st.sampled_from(MINIMUMS), label="column")
    frame = pkg.tables[table]
    index = data.draw(st.integers(0, frame.height - 1), label="row")
    minimum = _constraint(table, column)["minimum"]
    value = data.draw(st.integers(-10_000, int(minimum) - 1), label="value")
    if frame.schema[column] == pl.Float64:
        value = float(value) - 0.5
    frame = set_cell(frame, column, index, value)
    pkg.put(table, frame)
    return Expected(table, ("minimum",), column, key_of(table, frame, index), ("constraint-error",))


def parquet_differs(pkg: Package, data: st.DataObject) -> Expected:
    table = data.draw(st.sampled_from(TABLES), label="table")
    frame = pkg.tables[table]
    column = data.draw(st.sampled_from(frame.columns), label="column")
    index = data.draw(st.integers(0, frame.height - 1), label="row")
    value, dtype = frame[column][index], frame.schema[column]
    if dtype == pl.String:
        new: Any = (value or "") + "x"
    elif dtype == pl.Date:
        new = (value or dt.date(2020, 1, 1)) + dt.timedelta(days=1)
    elif dtype == pl.Float64:
        new = (value or 0.0) + 1.5
    elif dtype == pl.Boolean:
        new = not value
    else:
        new = (value or 0) + 1
    pkg.put(table, set_cell(frame, column, index, new), csv=False)
    return Expected(table, ("csv_parquet",), column, key_of(table, pkg_csv(pkg, table), index))


def pkg_csv(pkg: Package, table: str) -> pl.DataFrame:
    return pl.read_csv(pkg.root / "dataset" / "csv" / f"{table}.csv", infer_schema=False)


def descriptor_hash_or_bytes(pkg: Package, data: st.DataObject) -> Expected:
    descriptor = pkg.descriptor()
    position = data.draw(st.integers(0, len(descriptor["resources"]) - 1), label="resource")
    resource = descriptor["resources"][position]
    which = data.draw(st.sampled_from(["hash", "bytes"]), label="property")
    parquet = data.draw(st.booleans(), label="parquet")
    spec = resource["parquet"] if parquet else resource
    if which == "hash":
        digest = hashlib.sha256(data.draw(st.binary(), label="bytes")).hexdigest()
        assume(spec["hash"] != f"sha256:{digest}")
        spec["hash"] = f"sha256:{digest}"
    else:
        # frictionless skips its byte check when bytes is 0 (falsy): draw from 1
        size = data.draw(st.integers(1, 10**9), label="size")
        assume(size != spec["bytes"])
        spec["bytes"] = size
    pkg.put_descriptor(descriptor)
    # frictionless knows the CSV files only
    by_frictionless = {"hash": ("hash-count",), "bytes": ("byte-count",)}[which]
    return Expected(resource["name"], (which,), None, None, () if parquet else by_frictionless)


def version_differs(pkg: Package, data: st.DataObject) -> Expected:
    descriptor = pkg.descriptor()
    version = data.draw(st.from_regex(r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}", fullmatch=True))
    assume(version != __version__)
    descriptor["version"] = version
    pkg.put_descriptor(descriptor)
    return Expected("datapackage", ("version",))


def evidence_for_nothing(pkg: Package, data: st.DataObject) -> Expected:
    frame = pkg.tables["evidence"]
    index = data.draw(st.integers(0, frame.height - 1), label="row")
    value = "no-such-record-" + data.draw(st.from_regex(r"[a-z0-9]{1,10}", fullmatch=True))
    frame = set_cell(frame, "record_id", index, value)
    pkg.put("evidence", frame)
    return Expected("evidence", ("evidence_target",), "record_id", key_of("evidence", frame, index))


def row_without_evidence(pkg: Package, data: st.DataObject) -> Expected:
    """A row stripped of its evidence, in a table whose rows have no span of their own."""
    evidence = pkg.tables["evidence"]
    own_span = {"source_id", "char_start", "char_end"}
    needing = [t for t in pkg.tables if not own_span <= set(pkg.tables[t].columns)]
    cited = evidence.filter(pl.col("record_table").is_in(needing))
    table, record_id = data.draw(
        st.sampled_from(sorted(set(cited.select("record_table", "record_id").iter_rows())))
    )
    frame = evidence.filter((pl.col("record_table") != table) | (pl.col("record_id") != record_id))
    pkg.put("evidence", frame)
    return Expected(table, ("evidence_missing",), None, record_id)


def evidence_for_a_missing_record(pkg: Package, data: st.DataObject) -> Expected:
    """An evidence row naming a row that does not exist, in any table evidence supports.

    The record_id is the key of an existing row with its last part changed, so that a
    composite key (event_routes: its parts joined by KEY_SEPARATOR) keeps its form.
    """
    table = data.draw(st.sampled_from(_constraint("evidence", "record_table")["enum"]))
    target = pkg.tables[table]
    row = data.draw(st.integers(0, target.height - 1), label="record")
    parts = [str(target[c][row]) for c in SCHEMAS[table]["primaryKey"]]
    parts[-1] = "no-such-" + data.draw(st.from_regex(r"[a-z0-9]{1,10}", fullmatch=True))
    frame = pkg.tables["evidence"]
    index = data.draw(st.integers(0, frame.height - 1), label="row")
    frame = set_cell(frame, "record_table", index, table)
    frame = set_cell(frame, "record_id", index, KEY_SEPARATOR.join(parts))
    pkg.put("evidence", frame)
    return Expected("evidence", ("evidence_target",), "record_id", key_of("evidence", frame, index))


def aircraft_without_country_not_a_total(pkg: Package, data: st.DataObject) -> Expected:
    """country may be null only for a total that the text does not split (is_total true)."""
    frame = pkg.tables["aircraft"]
    index = data.draw(st.integers(0, frame.height - 1), label="row")
    frame = set_cell(set_cell(frame, "country", index, None), "is_total", index, False)
    pkg.put("aircraft", frame)
    return Expected("aircraft", ("country_required",), "country", key_of("aircraft", frame, index))


def place_inside_itself(pkg: Package, data: st.DataObject) -> Expected:
    """A place whose parent is itself, or places whose parents go round in a cycle."""
    frame = pkg.tables["places"]
    rows = st.integers(0, frame.height - 1)
    cycle = data.draw(st.lists(rows, min_size=1, max_size=min(5, frame.height), unique=True))
    ids = [frame["place_id"][i] for i in cycle]
    for i, parent in zip(cycle, ids[1:] + ids[:1], strict=True):
        frame = set_cell(frame, "parent_place_id", i, parent)
    pkg.put("places", frame)
    rule = "parent_self" if len(cycle) == 1 else "parent_cycle"
    # every place of the cycle is reported; the first in the table's order is listed first
    return Expected("places", (rule,), "parent_place_id", key_of("places", frame, min(cycle)))


CORRUPTIONS: dict[str, Callable[[Package, st.DataObject], Expected]] = {
    f.__name__: f
    for f in (
        type_error,
        required_null,
        enum_violation,
        pattern_violation,
        duplicate_primary_key,
        duplicate_unique_value,
        dangling_foreign_key,
        missing_parent_event,
        reordered_columns,
        padded_identifier,
        changed_quote,
        shifted_span,
        reversed_span,
        sha256_mismatch,
        dates_reversed,
        dates_do_not_fit_precision,
        date_claim_breaks_date_rules,
        count_not_positive,
        parquet_differs,
        descriptor_hash_or_bytes,
        version_differs,
        evidence_for_nothing,
        row_without_evidence,
        evidence_for_a_missing_record,
        aircraft_without_country_not_a_total,
        place_inside_itself,
        evidence_in_another_source,
        date_claim_after_its_source,
        span_of_another_actor,
        aircraft_span_without_its_type,
        aircraft_count_not_in_its_spans,
        span_of_another_place,
        statement_text_of_another_statement,
        span_below_the_body,
        body_end_beyond_the_text,
        empty_source_text,
        alias_with_a_hidden_character,
        alias_twin_by_normalization,
        number_not_finite,
        resource_named_twice,
        file_without_integrity,
    )
}
# The Table Schema rules: pandera must find what the polars engine finds.
CONSTRAINT_RULES = {"required", "unique", "primary_key", "enum", "pattern", "minimum", "whitespace"}

packages = st.fixed_dictionaries(
    {
        "statements": st.integers(2, 60),
        "seed": st.integers(0, 2**32 - 1),
        "per_source": st.integers(2, 30),
    }
)


def _matches(report: Report, expected: Expected) -> bool:
    return any(
        f.table == expected.table
        and f.rule in expected.rules
        and (expected.column is None or f.column == expected.column)
        and (expected.row is None or f.row == expected.row)
        for f in report.findings
    )


def _frictionless_errors(descriptor: Path) -> set[tuple[str, str]]:
    from frictionless import validate

    report = validate(str(descriptor))
    return {(task.name, error.type) for task in report.tasks for error in task.errors}


@pytest.mark.parametrize("name", list(CORRUPTIONS))
@EXAMPLES
@given(shape=packages, data=st.data())
def test_each_corruption_is_caught(name: str, shape: dict[str, int], data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(root, **shape)
        pkg = Package(root)
        expected = CORRUPTIONS[name](pkg, data)
        report = validate_package(root)
        assert not report.valid
        assert _matches(report, expected), f"{expected} not in:\n{report.text()}"
        # every message is its rule's template filled
        assert [f for f in report.findings if not follows_its_template(f)] == []
        # the pandera engine reports the Table Schema rules exactly as the default engine
        if set(expected.rules) & CONSTRAINT_RULES:
            by_pandera = validate_package(root, engine="pandera")

            def constraint_findings(r: Report) -> set[tuple]:
                return {
                    (f.table, f.rule, f.column, f.row)
                    for f in r.findings
                    if f.rule in CONSTRAINT_RULES
                }

            assert constraint_findings(by_pandera) == constraint_findings(report)
        if expected.frictionless:
            errors = _frictionless_errors(pkg.descriptor_path)
            table_errors = {t for n, t in errors if n == expected.table}
            assert table_errors & set(expected.frictionless), (expected, errors)


@settings(max_examples=15, deadline=None)
@given(shape=packages)
def test_generated_valid_packages_pass_both_validators(shape: dict[str, int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        descriptor = generate(Path(folder), **shape)
        report = validate_package(descriptor)
        assert report.valid, report.text()
        assert not _frictionless_errors(descriptor)


def test_there_are_at_least_fifteen_classes_of_corruption() -> None:
    assert len(CORRUPTIONS) >= 15
