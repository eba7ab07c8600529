"""Self-consistent forgeries (CSV and Parquet equal, hashes refreshed) that the text refutes:
each is caught by `validate` with the rule `derived_value`, at its table, column and row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from sino_russian_patrols.package import read_tables, write_package
from sino_russian_patrols.validation import validate_package


def _forge(
    package: Path, table: str, key: str, pick: pl.Expr, column: str, value: Callable[[Any], Any]
) -> str:
    """Change `column` of the first row `pick` selects to `value(old)`, in both files; return
    the row's key."""
    frame = read_tables(package)[table]
    index = frame.with_row_index("_i").filter(pick)["_i"][0]
    old = frame[column][index]
    frame = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == index)
        .then(pl.lit(value(old), dtype=frame.schema[column]))
        .otherwise(pl.col(column))
        .alias(column)
    )
    write_package(package, {table: frame})
    return frame[key][index]


FORGERIES = {
    "country flipped": (
        "aircraft",
        "aircraft_id",
        pl.col("country") == "CHN",
        "country",
        lambda _: "RUS",
    ),
    "reporter swapped": (
        "aircraft",
        "aircraft_id",
        pl.col("reported_by").is_not_null(),
        "reported_by",
        lambda old: "china" if old != "china" else "russia",
    ),
    "designation": (
        "aircraft",
        "aircraft_id",
        pl.col("aircraft_type") == "Tu-95MS",
        "aircraft_type",
        lambda _: "H-6K",
    ),
    "ordinal": (
        "sequence_claims",
        "sequence_claim_id",
        pl.col("ordinal_as_reported") == "first",
        "ordinal",
        lambda _: 3,
    ),
    "duration": (
        "event_durations",
        "duration_claim_id",
        pl.col("duration_hours") == 8.0,
        "duration_hours",
        lambda _: 9.0,
    ),
    "stated date": (
        "event_dates",
        "date_claim_id",
        (pl.col("date_basis") == "stated")
        & (pl.col("start_date") == pl.col("end_date"))
        & (pl.col("date_precision") == "day"),
        "start_date",
        lambda old: old + dt.timedelta(days=1),
    ),
    "ship kind": (
        "ship_claims",
        "ship_claim_id",
        pl.col("ship_type") == "destroyer",
        "ship_type",
        lambda _: "frigate",
    ),
}


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_a_forgery_the_text_refutes_is_caught(package_copy: Path, forgery: str) -> None:
    table, key, pick, column, value = FORGERIES[forgery]
    row = _forge(package_copy, table, key, pick, column, value)
    if forgery == "stated date":  # the whole day moved, so that its start and end agree
        _forge(package_copy, table, key, pl.col(key) == row, "end_date", value)
    report = validate_package(package_copy)
    found = {(f.table, f.rule, f.column, f.row) for f in report.findings}
    assert (table, "derived_value", column, row) in found, report.text()
    assert not report.valid


def test_event_dates_a_year_away_from_every_claim_are_caught(package_copy: Path) -> None:
    """An event's dates moved a year (both bounds, both files, hashes refreshed) are not
    what its date claims allow: `event_dates_combined` at the event."""
    claimed = read_tables(package_copy)["event_dates"]["event_id"]
    pick = (
        pl.col("event_id").is_in(claimed.implode())
        & pl.col("start_date").is_not_null()
        & pl.col("end_date").is_not_null()
    )
    row = _forge(package_copy, "events", "event_id", pick, "start_date", _a_year_later)
    _forge(package_copy, "events", "event_id", pl.col("event_id") == row, "end_date", _a_year_later)
    report = validate_package(package_copy)
    found = {(f.table, f.rule, f.row) for f in report.findings}
    assert ("events", "event_dates_combined", row) in found, report.text()


def _a_year_later(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=365)


def test_the_package_as_built_derives_every_value() -> None:
    root = Path(__file__).resolve().parents[1]
    report = validate_package(root)
    assert [f for f in report.findings if f.rule == "derived_value"] == []


# A count's span no wider than its claim (count_span) ----------------------------------------

TEXT = (
    "SEOUL, May 24, 2022. South Korea said two Chinese H-6K bombers and four Russian Tu-95MS "
    "bombers entered its air defense zone, and Chinese Xian H-6 bombers followed them.\n"
)
REGISTRIES = {
    "events": "- id: e1\n  type: joint_air_patrol\n  summary: a patrol\n",
    "actors": "- {id: south-korea, name: South Korea, type: state, country: KOR, "
    "aliases: [South Korea]}\n",
    "aircraft_types": "- {designation: H-6K, family: H-6, manufacturer: Xian, kind: bomber}\n"
    "- {designation: H-6, family: H-6, manufacturer: Xian, kind: bomber}\n"
    "- {designation: Tu-95MS, family: Tu-95, manufacturer: Tupolev, kind: bomber}\n",
}
ANNOTATION = """
actors:
  - {quote: "South Korea"}
events:
  - {id: e1, quote: "entered its air defense zone"}
aircraft:
  - {id: a01, event: e1, quote: "two Chinese H-6K bombers", country: Chinese, type: H-6K,
     count: two, role: bomber, reported_by: south-korea, attribution: ["South Korea said"]}
  - {id: a02, event: e1, quote: "four Russian Tu-95MS bombers", country: Russian,
     type: Tu-95MS, count: four, role: bomber, reported_by: south-korea,
     attribution: ["South Korea said"]}
  - {id: a03, event: e1, quote: "Chinese Xian H-6 bombers", country: Chinese, type: Xian H-6,
     role: bomber, reported_by: south-korea, attribution: ["South Korea said"]}
"""


def _small_package(tmp_path: Path) -> tuple[Path, str]:
    """The package the build's steps make of one small article (three aircraft claims: two,
    four and no number), written with the project's writer; and its source id."""
    from helpers import tiny_project
    from sino_russian_patrols.assemble import assemble
    from sino_russian_patrols.errors import Problems
    from sino_russian_patrols.schema import TABLES
    from sino_russian_patrols.steps import read_project

    root = tiny_project(tmp_path / "project", TEXT, ANNOTATION, REGISTRIES)
    problems = Problems()
    rows = assemble(*read_project(root, problems), problems)
    assert problems.items == []
    package = tmp_path / "package"
    write_package(package, {name: rows[name] for name in TABLES})
    return package, rows["sources"][0]["source_id"]


def _count_findings(package: Path) -> set[tuple]:
    report = validate_package(package)
    return {(f.table, f.rule, f.column, f.row) for f in report.findings if f.table == "aircraft"}


def _widen(package: Path, record: str, quote: str, count: int) -> None:
    """The forgery: claim `record`'s count set to `count` and its claim span widened to
    `quote` (words of the text), in both files of both tables, hashes refreshed."""
    tables = read_tables(package)
    aircraft = tables["aircraft"].with_columns(
        pl.when(pl.col("aircraft_id") == record).then(count).otherwise("count").alias("count")
    )
    start = TEXT.index(quote)
    claim = (pl.col("record_id") == record) & pl.col("quote").str.contains("bombers")
    evidence = tables["evidence"].with_columns(
        pl.when(claim).then(start).otherwise("char_start").alias("char_start"),
        pl.when(claim).then(start + len(quote)).otherwise("char_end").alias("char_end"),
        pl.when(claim).then(pl.lit(quote)).otherwise("quote").alias("quote"),
    )
    write_package(package, {"aircraft": aircraft, "evidence": evidence})


@pytest.mark.parametrize(
    ("claim", "quote", "count"),
    [
        # two H-6K claimed as four: the span runs on to the next claim's number
        ("a01", "two Chinese H-6K bombers and four", 4),
        # no number for the Xian H-6 given one: the span reaches back over another claim
        (
            "a03",
            "four Russian Tu-95MS bombers entered its air defense zone, and Chinese Xian H-6 "
            "bombers",
            4,
        ),
    ],
)
def test_a_count_whose_span_was_widened_to_reach_its_number_is_caught(
    tmp_path: Path, claim: str, quote: str, count: int
) -> None:
    package, source = _small_package(tmp_path)
    assert not {f for f in _count_findings(package) if f[1] in ("count_span", "evidence_claim")}
    _widen(package, f"{source}-{claim}", quote, count)
    found = _count_findings(package)
    assert ("aircraft", "count_span", "count", f"{source}-{claim}") in found
    # the number is written in the span: only count_span refutes the forgery
    assert not {f for f in found if f[1] == "evidence_claim"}
