"""Names of events: an exercise's name and edition as each source gives it.

Reads each annotation's `names:` claims and `registries/exercise_series.yaml`. A name's series
is the registered series one of whose names stands in its words ("Joint Sea" in "Exercise
Joint Sea-2024", "Maritime Interaction" in "Maritime Interaction 2025": one series under the
Chinese and the Russian name), its edition the year the name carries. A series is used when a
name belongs to it, and each of its names must stand in one.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..citing import registry_index, word_in
from ..registries import SeriesEntry
from .base import Done, Inputs, Row, StepOutput, alias_rows
from .claims import Claims

_EDITION = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")


def series_of(name: str, series: list[SeriesEntry]) -> list[tuple[str, SeriesEntry]]:
    """The (spelling, series) pairs whose spelling stands in `name` as whole words, longest
    spelling first."""
    found = [(alias, s) for s in series for alias in s.aliases if word_in(alias, name)]
    return sorted(found, key=lambda pair: -len(pair[0]))


def edition(name: str) -> int | None:
    """The year a name carries as its edition (2021 in "Joint Sea 2021"), if one."""
    years = {int(y) for y in _EDITION.findall(name)}
    return years.pop() if len(years) == 1 else None


def run(inputs: Inputs, done: Done) -> StepOutput:
    """Rows of event_names, and of exercise_series and series_aliases (the series some name
    belongs to, with every name of it)."""
    claims, problems = Claims.of(inputs, done), inputs.problems
    series = inputs.registries.series
    registry_index(series, "exercise series", problems)
    used: dict[str, set[str]] = defaultdict(set)  # series id → the spellings names use
    rows: list[Row] = []
    for a in inputs.annotations:
        for n in a.names:
            claim_id = f"{a.source_id}-{n.id}"
            what = f"event name {n.id}"
            if not claims.first(claim_id, n, "event name"):
                continue
            claims.refers(n, what, n.event)
            span = claims.cite.span(a.source_id, n.quote)
            if span is None:
                continue
            found = series_of(span.quote, series)
            ids = {s.id for _, s in found}
            if not found or len(ids) > 1 or (n.series is not None and n.series not in ids):
                problems.add(
                    n.file,
                    n.line,
                    "series_name",
                    what=what,
                    name=span.quote,
                    found=", ".join(sorted(ids)) or "none",
                    given=n.series or "none",
                )
                continue
            spelling, entry = found[0]
            used[entry.id].add(spelling)
            row = {
                "name_claim_id": claim_id,
                "event_id": n.event,
                "series_id": entry.id,
                "name_as_reported": span.quote,
                "edition": edition(span.quote),
                "source_id": a.source_id,
            }
            claims.keep("event_names", claim_id, [span], rows, row)
    series_rows: list[Row] = []
    aliases: list[Row] = []
    spellings = set().union(*used.values())
    for s in series:
        if s.id not in used:
            problems.add(
                s.file,
                s.line,
                "never_mentioned",
                f"exercise series {s.id!r} is never named: name it under `names:` in "
                "an annotation, or remove it",
            )
            continue
        aliases += alias_rows(s, "series", spellings, problems)
        series_rows.append({"series_id": s.id, "name": s.name})
    tables = {"event_names": rows, "exercise_series": series_rows, "series_aliases": aliases}
    return claims.output(tables)
