"""The `events:` section of an annotation file: the article's reports of registered events.

Each item names an event of `registries/events.yaml` and quotes the words that report it; it
may give a date claim (`date:`: a phrase to resolve, or the dates of another event), a
duration, the places named and a route (legs of places under the roles of `event_routes`).
"""

from __future__ import annotations

from typing import Any

from ..errors import Problems
from ..yamlreader import Reader, allowed, item_line, item_reader, read_quote
from .records import DateSpec, EventEntry, RoutePoint
from .values import ITEM_ID, Vocabularies

__all__ = ["read_event"]

EVENT_KEYS = frozenset({"id", "quote", "occurrence", "date", "duration", "places", "route"})
DATE_KEYS = {"quote", "occurrence", "anchor", "same_as", "before", "after", "end_only", "note"}
DATE_KEYS |= {"began_by", "start_only", "announced"}


def _read_date(data: Any, file: str, problems: Problems, line: int | None) -> DateSpec | None:
    r = item_reader(data, file, "event date", problems, DATE_KEYS, line)
    if r is None:
        return None
    quote = r.quote("quote", occurrence_key="occurrence")
    same_as, before, after = r.slug("same_as"), r.slug("before"), r.slug("after")
    if sum(x is not None for x in (quote, same_as, before, after)) != 1:
        r.error("date_claim_form", "give exactly one of `quote`, `same_as`, `before` or `after`")
        return None
    if quote is None and not r.data.get("note"):
        r.error("date_claim_form", "`same_as`, `before` and `after` need a `note` saying why")
    end_only = r.flag("end_only")
    if end_only and quote is None:
        r.error(
            "date_claim_form",
            "`end_only` goes with a `quote` (a phrase that dates only the end or the report)",
        )
    began_by = r.flag("began_by")
    if began_by and (quote is None or end_only):
        r.error(
            "date_claim_form",
            "`began_by` goes with a `quote` and without `end_only` (a phrase that dates a report "
            "made while the event went on: it had begun by that day)",
        )
    start_only = r.flag("start_only")
    if start_only and (quote is None or end_only or began_by):
        r.error(
            "date_claim_form",
            "`start_only` goes with a `quote` and without `end_only` or `began_by` (a phrase "
            "that dates only the beginning: the event began on those days)",
        )
    announced = r.flag("announced")
    if announced and quote is None:
        r.error("date_claim_form", "`announced` goes with a `quote` (the dates of a plan)")
    return DateSpec(
        quote,
        r.slug("anchor"),
        same_as,
        before,
        end_only,
        r.get("note", str),
        r.line,
        began_by,
        after=after,
        announced=announced,
        start_only=start_only,
    )


def _read_route(
    items: Any, file: str, problems: Problems, vocab: Vocabularies, line: int | None
) -> list[RoutePoint]:
    """`route:` is a list of legs; each leg names places under the roles of `event_routes`."""
    points: list[RoutePoint] = []
    if items is None:
        return points
    if not isinstance(items, list):
        problems.add(
            file, line, "value_type", f"event route: expected a list of legs, got {items!r}"
        )
        return points
    roles = allowed("route leg", "role", vocab.schema_dir)
    for leg, item in enumerate(items, start=1):
        r = Reader(item, file, "route leg", problems, line)
        r.check_keys({*roles, "aircraft"})
        aircraft = r.slug("aircraft", pattern=ITEM_ID["aircraft"])
        for role in roles:
            if role not in r.data:
                continue
            values = r.data[role] if isinstance(r.data[role], list) else [r.data[role]]
            for i, value in enumerate(values):
                at = item_line(values, i, r.line_of(role))
                q = read_quote(value, file, problems, f"route leg `{role}`", at)
                if q is not None:
                    points.append(RoutePoint(leg, role, q, aircraft))
        if not any(role in r.data for role in roles):
            r.error("route_leg", roles=", ".join(roles))
    return points


def read_event(r: Reader, vocab: Vocabularies) -> EventEntry | None:
    """One item of `events:`; None (reported) when it lacks its id or quote."""
    file, problems = r.file, r.problems
    event_id = r.slug("id", required=True)
    quote = r.quote("quote", required=True, occurrence_key="occurrence")
    places = r.quotes("places")
    date = (
        _read_date(r.data["date"], file, problems, r.line_of("date")) if "date" in r.data else None
    )
    duration = None
    if "duration" in r.data:
        d = Reader(r.data["duration"], file, "event duration", problems, r.line_of("duration"))
        d.check_keys({"quote", "occurrence"})
        duration = d.quote("quote", required=True, occurrence_key="occurrence")
    route = _read_route(r.data.get("route"), file, problems, vocab, r.line_of("route"))
    if event_id is None or quote is None:
        return None
    return EventEntry(event_id, quote, date, duration, tuple(places), tuple(route), file, r.line)
