"""The data card's coverage section is generated from the tables by the build."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polars as pl
import pytest

from sino_russian_patrols.datacard import COVERAGE_END, COVERAGE_START, coverage, write_datacard

ROOT = Path(__file__).resolve().parents[1]


def test_the_committed_card_holds_the_coverage_of_the_committed_tables() -> None:
    card = (ROOT / "docs" / "datacard.md").read_text(encoding="utf-8")
    assert f"{COVERAGE_START}\n\n{coverage(ROOT)}\n{COVERAGE_END}" in card


def test_every_event_is_counted_once_in_the_year_of_its_latest_possible_day() -> None:
    text = coverage(ROOT)
    first = text.split("\n\n")[1].splitlines()  # the table of events per type and year
    rows = [line for line in first[2:] if re.match(r"\| [a-z_]+ \| ", line)]
    events = pl.read_parquet(ROOT / "dataset" / "parquet" / "events.parquet")
    totals = {line.split(" | ")[0][2:]: int(line.rstrip(" |").split(" | ")[-1]) for line in rows}
    by_type = dict(events.group_by("event_type").len().iter_rows())
    assert {k: v for k, v in totals.items() if k in by_type} == by_type
    # a patrol dated only by its report is in a year, never "undated"
    report_dated = events.filter(pl.col("start_date").is_null(), pl.col("end_date").is_not_null())
    for event_id in report_dated["event_id"]:
        line = next((r for r in text.splitlines() if r.startswith(f"| {event_id} |")), None)
        assert line is None or "on or before" in line


def test_the_card_around_the_block_is_kept_and_a_card_without_it_refused(tmp_path: Path) -> None:
    template = tmp_path / "card.md"
    template.write_text(f"# Card\n\nbefore\n{COVERAGE_START}\nold\n{COVERAGE_END}\nafter\n")
    written = write_datacard(template, ROOT, tmp_path / "out.md").read_text(encoding="utf-8")
    assert written.startswith("# Card\n\nbefore\n") and written.endswith(f"{COVERAGE_END}\nafter\n")
    assert "old" not in written and "joint_air_patrol" in written
    template.write_text("# Card without the block\n")
    with pytest.raises(ValueError, match="coverage block is missing"):
        write_datacard(template, ROOT, tmp_path / "out.md")


def test_patrols_are_listed_by_latest_day_and_an_undated_one_last() -> None:
    from sino_russian_patrols.datacard import patrol_order

    day = dt.date
    events = [
        {"event_id": "undated", "start_date": None, "end_date": None},
        {"event_id": "b", "start_date": day(2024, 7, 1), "end_date": day(2024, 7, 9)},
        {"event_id": "report-dated", "start_date": None, "end_date": day(2023, 5, 2)},
    ]
    assert [e["event_id"] for e in sorted(events, key=patrol_order)] == [
        "report-dated",
        "b",
        "undated",
    ]
