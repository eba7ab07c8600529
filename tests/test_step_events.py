"""The events step: events from the registry, each source's date and duration claims, places
and routes; and the rule that combines the date claims of several sources into an event's
dates."""

from __future__ import annotations

import datetime as dt

import pytest

from sino_russian_patrols.dates import ResolvedDate
from sino_russian_patrols.schema import TableName, enum_values
from sino_russian_patrols.steps import STEPS, Inputs, run_steps
from sino_russian_patrols.steps.events import (
    BASIS_RANK,
    PRECISION_RANK,
    UNKNOWN,
    DateClaim,
    EventsOutput,
    combine_dates,
    run,
)

D = dt.date


def _run(inputs: Inputs) -> EventsOutput:
    out = run(inputs, run_steps(inputs, STEPS["events"].needs))
    assert inputs.problems.items == []
    return out


def test_an_event_spans_the_days_its_sources_give(build_inputs: Inputs) -> None:
    out = _run(build_inputs)
    event = {r["event_id"]: r for r in out.rows["events"]}["2023-06-06-joint-air-patrol"]
    assert (event["event_type"], event["start_date"], event["end_date"]) == (
        "joint_air_patrol",
        D(2023, 6, 6),
        D(2023, 6, 7),
    )
    assert (event["date_precision"], event["date_basis"]) == ("day", "weekday_relative")
    claims = {r["date_claim_id"]: r for r in out.rows["event_dates"]}
    first = claims["008_6a68f60dfebcc2b0-2023-06-06-joint-air-patrol-d1"]
    assert (first["start_date"], first["end_date"]) == (D(2023, 6, 6), D(2023, 6, 7))
    assert first["source_id"] == "008_6a68f60dfebcc2b0"


def test_every_claim_place_and_route_refers_to_a_defined_event(build_inputs: Inputs) -> None:
    out = _run(build_inputs)
    assert "2024-07-24-alaska-joint-air-patrol" in out.event_ids
    assert {r["event_id"] for r in out.rows["events"]} == out.event_ids
    for table in ("event_dates", "event_durations", "event_places", "event_routes"):
        assert {r["event_id"] for r in out.rows[table]} <= out.event_ids, table
    # a place of an event is cited where the source names it, for the places step
    placed = {(e["record_id"], e["quote"]) for e in out.evidence if e["record_table"] == "places"}
    assert ("north-pacific-ocean", "North Pacific Ocean") in placed
    assert {r["place_id"] for r in out.rows["event_places"]} == {p for p, _ in placed}


def test_each_cited_span_is_the_text_of_its_source(build_inputs: Inputs) -> None:
    out = _run(build_inputs)
    for e in out.evidence:
        text = build_inputs.articles[e["source_id"]].text
        assert text[e["char_start"] : e["char_end"]] == e["quote"]
    assert {e["record_table"] for e in out.evidence} >= {"events", "event_dates", "event_places"}


def _claim(source: str, start: D | None, end: D | None, precision: str, basis: str) -> DateClaim:
    return DateClaim(f"{source}-e-d1", "e", source, ResolvedDate(start, end, precision, basis, ""))


def test_day_claims_of_two_days_give_a_span_of_days() -> None:
    r = combine_dates(
        [
            _claim("a", D(2023, 6, 6), D(2023, 6, 6), "day", "weekday_relative"),
            _claim("b", D(2023, 6, 7), D(2023, 6, 7), "day", "stated"),
        ]
    )
    assert (r.start, r.end, r.precision) == (D(2023, 6, 6), D(2023, 6, 7), "day")
    assert r.basis == "weekday_relative"  # the span is only as well founded as its weakest part
    assert "[a]" in r.note and "[b]" in r.note


def test_agreeing_claims_keep_the_strongest_basis_and_the_finest_precision_wins() -> None:
    r = combine_dates(
        [
            _claim("a", D(2022, 5, 1), D(2022, 5, 31), "month", "context"),
            _claim("b", D(2022, 5, 24), D(2022, 5, 24), "day", "weekday_relative"),
            _claim("c", D(2022, 5, 24), D(2022, 5, 24), "day", "stated"),
        ]
    )
    assert (r.start, r.end, r.precision, r.basis) == (
        D(2022, 5, 24),
        D(2022, 5, 24),
        "day",
        "stated",
    )


def test_an_open_bound_stays_open_and_no_claim_is_unknown() -> None:
    r = combine_dates(
        [
            _claim("a", None, D(2024, 11, 30), "unknown", "weekday_relative"),
            _claim("b", None, D(2024, 11, 29), "unknown", "weekday_relative"),
        ]
    )
    assert (r.start, r.end, r.precision) == (None, D(2024, 11, 30), "unknown")
    empty = combine_dates([])
    assert (empty.start, empty.end, empty.precision) == (None, None, "unknown")


def test_month_claims_over_two_months_lose_month_precision() -> None:
    r = combine_dates(
        [
            _claim("a", D(2021, 10, 1), D(2021, 10, 31), "month", "relative_phrase"),
            _claim("b", D(2021, 11, 1), D(2021, 11, 30), "month", "relative_phrase"),
        ]
    )
    assert (r.start, r.end, r.precision) == (D(2021, 10, 1), D(2021, 11, 30), "unknown")


@pytest.mark.parametrize("table", ["events", "event_dates"])
def test_the_ranks_of_the_rule_rank_exactly_the_values_of_the_schema(table: TableName) -> None:
    """A precision or basis added to (or renamed in) schema/ must be ranked here too: the
    rule would otherwise fail on it, or rank a value no row can hold."""
    for column, rank in (("date_precision", PRECISION_RANK), ("date_basis", BASIS_RANK)):
        assert set(rank) == set(enum_values(table, column)), (table, column)
        assert len(set(rank.values())) == len(rank), column  # no two values rank alike
    assert UNKNOWN.precision in PRECISION_RANK and UNKNOWN.basis in BASIS_RANK
