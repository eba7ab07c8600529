"""Values a forger could change while keeping every file consistent, re-derived from the
row's own words: what the package's rules derive from a span, `validate` derives again.

A self-consistent forgery (CSV and Parquet equal, hashes refreshed) passes every check of
form; it does not pass these. Each claim's value must be what its spans (evidence) say: an
aircraft type what its `type_as_reported` normalises to, a ship's kind what its words give,
a country named in its words, a reporter spelled in them, an ordinal what its
`ordinal_as_reported` reads, a duration what its words state, a stated date what its words
state. What the text cannot refute (a remark moved to another speaker, an event type
changed) the codebook lists as what validation cannot see.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import polars as pl

from ... import dates, normalize
from ..report import MAX_EXAMPLES, Report, message, show

if TYPE_CHECKING:
    from . import Tables

Row = dict[str, Any]


def record_spans(frames: dict[str, pl.DataFrame]) -> dict[tuple[str, str], list[str]] | None:
    """The quoted words of each row's spans, by (table, row id); None when the package has
    no readable evidence table (another rule reports that)."""
    evidence = frames.get("evidence")
    if evidence is None or not {"record_table", "record_id", "quote"} <= set(evidence.columns):
        return None
    spans: dict[tuple[str, str], list[str]] = defaultdict(list)
    for table, record, quote in evidence.select("record_table", "record_id", "quote").iter_rows():
        spans[table, record].append(quote or "")
    return spans


def derived_values(report: Report, tables: Tables) -> None:
    """Every claim's derivable values, each against its own spans."""
    frames = tables.frames
    spans = record_spans(frames)
    if spans is None:
        return
    aliases: dict[str, list[str]] = defaultdict(list)
    if "actor_aliases" in frames:
        for alias, actor in frames["actor_aliases"].select("alias", "actor_id").iter_rows():
            aliases[actor].append(alias)
    # the package's own names of each state, by country: "Japan" names JPN without pycountry
    state_names: dict[str, list[str]] = defaultdict(list)
    actors = frames.get("actors")
    if actors is not None and {"actor_id", "actor_type", "country"} <= set(actors.columns):
        for actor, code in (
            actors.filter(pl.col("actor_type") == "state").select("actor_id", "country").iter_rows()
        ):
            if code:
                state_names[code] += aliases.get(actor, [])
    known = []
    if "aircraft_types" in frames and "designation" in frames["aircraft_types"].columns:
        known = frames["aircraft_types"]["designation"].to_list()

    def check(table: str, key: str, column: str, wrong: Callable[[Row, list[str]], str | None]):
        frame = frames.get(table)
        if frame is None or not {key, column} <= set(frame.columns):
            return
        found = 0
        for row in frame.iter_rows(named=True):
            why = wrong(row, spans.get((table, row[key]), []))
            if why is None:
                continue
            found += 1
            if found <= MAX_EXAMPLES:
                report.add(table, "derived_value", why, column, row[key])

    def country(row: Row, quotes: list[str]) -> str | None:
        code = row.get("country")
        if code is None or row.get("operator") or not quotes:
            return None
        if any(normalize.names_country(q, code, state_names.get(code, ())) for q in quotes):
            return None
        return message("derived_value", "country", country=code)

    def reporter(field: str) -> Callable[[Row, list[str]], str | None]:
        def wrong(row: Row, quotes: list[str]) -> str | None:
            actor = row.get(field)
            if actor is None or not quotes or actor not in aliases:
                return None
            if any(normalize.word_in_text(a, q) for a in aliases[actor] for q in quotes):
                return None
            return message("derived_value", "reporter", field=field, actor=show(actor))

        return wrong

    def aircraft_type(row: Row, quotes: list[str]) -> str | None:
        reported = row.get("type_as_reported")
        if reported is None or row.get("aircraft_type") is None:
            return None
        try:
            canonical = normalize.aircraft_type(reported, known)
        except ValueError:
            canonical = None
        if canonical == row["aircraft_type"]:
            return None
        return message(
            "derived_value",
            "type",
            value=show(row["aircraft_type"]),
            words=show(reported),
            derived=show(canonical),
        )

    def ship_type(row: Row, quotes: list[str]) -> str | None:
        reported = row.get("type_as_reported")
        if reported is None:
            return None
        try:
            kind = normalize.ship_type(reported)
        except ValueError:
            kind = None
        if kind == row.get("ship_type"):
            return None
        return message(
            "derived_value",
            "type",
            value=show(row.get("ship_type")),
            words=show(reported),
            derived=show(kind),
        )

    def ordinal(row: Row, quotes: list[str]) -> str | None:
        written = row.get("ordinal_as_reported")
        if written is None or row.get("ordinal") is None:
            return None
        try:
            number = normalize.ordinal(written)
        except ValueError:
            try:
                number = int(written)
            except ValueError:
                number = None
        if number == row["ordinal"] and any(written in q for q in quotes):
            return None
        return message("derived_value", "ordinal", ordinal=row["ordinal"], words=show(written))

    def duration(row: Row, quotes: list[str]) -> str | None:
        hours = row.get("duration_hours")
        if hours is None or not quotes:
            return None
        stated = set()
        for q in quotes:
            try:
                stated.add(normalize.duration_phrase(q)[0])
            except ValueError:
                continue
        if hours in stated:
            return None
        return message("derived_value", "duration", hours=hours)

    def stated_date(row: Row, quotes: list[str]) -> str | None:
        if row.get("date_basis") != "stated" or row.get("date_precision") != "day":
            return None
        start, end = row.get("start_date"), row.get("end_date")
        said = set()
        for q in quotes:  # a stated date needs no anchor: the words give day, month and year
            try:
                read = dates.resolve(q, None)
            except ValueError:
                continue
            if read.basis == "stated":
                said.add((read.start, read.end))
        if not said or (start, end) in said:
            return None
        return message("derived_value", "date", start=start, end=end)

    for table, key in (("aircraft", "aircraft_id"), ("ship_claims", "ship_claim_id")):
        check(table, key, "country", country)
        check(table, key, "reported_by", reporter("reported_by"))
    check("airspace_claims", "airspace_claim_id", "reported_by", reporter("reported_by"))
    check("sequence_claims", "sequence_claim_id", "claimed_by", reporter("claimed_by"))
    check("aircraft", "aircraft_id", "aircraft_type", aircraft_type)
    check("ship_claims", "ship_claim_id", "ship_type", ship_type)
    check("sequence_claims", "sequence_claim_id", "ordinal", ordinal)
    check("event_durations", "duration_claim_id", "duration_hours", duration)
    check("event_dates", "date_claim_id", "start_date", stated_date)
