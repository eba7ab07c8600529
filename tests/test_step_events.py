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


def _claim(
    source: str,
    start: D | None,
    end: D | None,
    precision: str,
    basis: str,
    bound: str = "within",
) -> DateClaim:
    date = ResolvedDate(start, end, precision, basis, f"note of {source}")
    day_known = precision == "day" or (bound != "within" and end is not None)
    return DateClaim(f"{source}-e-d1", "e", source, date, bound, day_known)


def test_the_event_lies_within_the_tightest_bounds_every_claim_allows() -> None:
    # a true "December last year" beside "Dec. 9" dates the event to the day, not the month
    found = combine_dates(
        [
            _claim("a", D(2025, 12, 1), D(2025, 12, 31), "month", "relative_phrase"),
            _claim("b", D(2025, 12, 9), D(2025, 12, 9), "day", "stated"),
        ]
    )
    r = found.date
    assert (r.start, r.end, r.precision, r.basis, found.conflict) == (
        D(2025, 12, 9),
        D(2025, 12, 9),
        "day",
        "stated",
        False,
    )
    assert "note of a" in r.note and "note of b" in r.note and "b-e-d1" in r.note


def test_a_report_made_while_the_event_went_on_does_not_cut_it_short() -> None:
    # two days of flights, and a ministry's report of the first day (began_by)
    found = combine_dates(
        [
            _claim("a", D(2023, 6, 6), D(2023, 6, 7), "day", "weekday_relative"),
            _claim("b", None, D(2023, 6, 6), "unknown", "weekday_relative", "began_by"),
        ]
    )
    assert (found.date.start, found.date.end, found.date.precision) == (
        D(2023, 6, 6),
        D(2023, 6, 7),
        "day",
    )
    assert not found.conflict
    # an event that began after a source saw it under way cannot be
    late = combine_dates(
        [
            _claim("a", D(2023, 6, 8), D(2023, 6, 8), "day", "stated"),
            _claim("b", None, D(2023, 6, 6), "unknown", "weekday_relative", "began_by"),
        ]
    )
    assert late.conflict and "b-e-d1" in late.date.note


def test_claims_that_cannot_all_hold_are_kept_and_the_event_spans_them() -> None:
    found = combine_dates(
        [
            _claim("a", D(2023, 6, 6), D(2023, 6, 6), "day", "weekday_relative"),
            _claim("b", D(2023, 6, 7), D(2023, 6, 7), "day", "stated"),
        ]
    )
    r = found.date
    assert found.conflict
    assert (r.start, r.end, r.precision) == (D(2023, 6, 6), D(2023, 6, 7), "day")
    assert r.basis == "weekday_relative"  # only as well founded as its weakest claim
    assert "cannot all hold" in r.note and "a-e-d1" in r.note and "b-e-d1" in r.note


def test_an_end_bound_tightens_and_no_claim_is_unknown() -> None:
    found = combine_dates(
        [
            _claim("a", None, D(2024, 11, 30), "unknown", "weekday_relative", "ended_by"),
            _claim("b", None, D(2024, 11, 29), "unknown", "relative_phrase", "ended_by"),
        ]
    )
    r = found.date
    assert (r.start, r.end, r.precision, r.basis) == (
        None,
        D(2024, 11, 29),
        "unknown",
        "relative_phrase",
    )
    empty = combine_dates([]).date
    assert (empty.start, empty.end, empty.precision, empty.basis) == (
        None,
        None,
        "unknown",
        "unknown",
    )


def test_month_claims_of_two_months_conflict_and_keep_only_the_year() -> None:
    found = combine_dates(
        [
            _claim("a", D(2021, 10, 1), D(2021, 10, 31), "month", "relative_phrase"),
            _claim("b", D(2021, 11, 1), D(2021, 11, 30), "month", "relative_phrase"),
        ]
    )
    r = found.date
    assert found.conflict
    # both bounds lie in one calendar year, not in one month
    assert (r.start, r.end, r.precision) == (D(2021, 10, 1), D(2021, 11, 30), "year")


@pytest.mark.parametrize("table", ["events", "event_dates"])
def test_the_ranks_of_the_rule_rank_exactly_the_values_of_the_schema(table: TableName) -> None:
    """A precision or basis added to (or renamed in) schema/ must be ranked here too: the
    rule would otherwise fail on it, or rank a value no row can hold."""
    # every value is ranked; only an event, never a claim, can be undated (basis unknown)
    values = set(enum_values(table, "date_basis"))
    assert values <= set(BASIS_RANK) and set(BASIS_RANK) - values <= {"unknown"}, table
    assert len(set(BASIS_RANK.values())) == len(BASIS_RANK)  # no two values rank alike
    assert UNKNOWN.basis in BASIS_RANK


def test_before_and_after_bound_by_what_the_other_event_allows(tmp_path) -> None:
    """`after: X` starts no earlier than X's earliest possible end: X's end when X is known to
    the day, else its start; `before: X` ends no later than X's latest possible start."""
    from helpers import tiny_project
    from sino_russian_patrols.errors import Problems
    from sino_russian_patrols.steps import read_inputs

    text = "MOSCOW. The drills were held in September 2024. The patrol followed. It ended.\n"
    events = "".join(
        f"- id: {i}\n  type: joint_naval_patrol\n  summary: {i}\n" for i in ("x", "p", "q")
    )
    annotation = """
events:
  - {id: x, quote: "The drills", date: {quote: "in September 2024"}}
  - {id: p, quote: "The patrol followed", date: {after: x, note: "after the drills"}}
  - {id: q, quote: "It ended", date: {before: x, note: "before the drills"}}
"""
    root = tiny_project(tmp_path / "p", text, annotation, {"events": events})
    problems = Problems()
    inputs = read_inputs(root, problems)
    rows = {r["event_id"]: r for r in run(inputs, run_steps(inputs, ("sources",))).rows["events"]}
    assert problems.items == []
    assert (rows["p"]["start_date"], rows["p"]["end_date"]) == (D(2024, 9, 1), None)
    assert (rows["q"]["start_date"], rows["q"]["end_date"]) == (None, D(2024, 9, 30))
    assert rows["p"]["date_basis"] == rows["q"]["date_basis"] == "relative_phrase"


def test_a_bound_is_known_to_the_day_when_one_claim_giving_it_is() -> None:
    found = combine_dates(
        [
            _claim("a", D(2025, 8, 1), D(2025, 8, 5), "day", "stated"),
            _claim("b", D(2025, 8, 1), D(2025, 8, 31), "month", "relative_phrase"),
        ]
    )
    assert (found.date.start, found.date.end, found.date.precision) == (
        D(2025, 8, 1),
        D(2025, 8, 5),
        "day",
    )


def test_an_event_dated_by_an_undated_one_is_a_problem_at_its_line(tmp_path) -> None:
    from helpers import tiny_project
    from sino_russian_patrols.errors import Problems
    from sino_russian_patrols.steps import read_inputs

    text = "MOSCOW. The patrol sailed. Japan scrambled jets.\n"
    events = (
        "- {id: p, type: joint_naval_patrol, summary: p}\n"
        "- {id: s, type: scramble, summary: s, parent: p}\n"
    )
    annotation = """
events:
  - {id: p, quote: "The patrol sailed"}
  - {id: s, quote: "Japan scrambled jets", date: {same_as: p, note: "during the patrol"}}
"""
    root = tiny_project(tmp_path / "p", text, annotation, {"events": events})
    problems = Problems()
    inputs = read_inputs(root, problems)
    run(inputs, run_steps(inputs, ("sources",)))
    assert [(p.code, p.line) for p in problems.items] == [("relative_to_undated", 8)]
    assert "event 'p' is dated by no claim" in problems.items[0].message
