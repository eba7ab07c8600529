"""The places and their spellings: every registered place some source names.

Reads `registries/places.yaml` and the places the other steps cited: an event's places and
route (events step), a sequence claim's area (sequence step), an airspace claim's zone
(airspace step). A place is used when one of them cites it, and each of its spellings must be
quoted by one of those citations.
"""

from __future__ import annotations

from .base import Done, Inputs, Row, StepOutput, alias_rows, check_parents, cited


def run(inputs: Inputs, done: Done) -> StepOutput:
    """Rows of places and place_aliases: every place named in some source, with every
    spelling of it, each spelling used in some mention (a place's evidence quotes one)."""
    problems, reg = inputs.problems, inputs.registries
    named = cited(done, "places")
    used = {e["record_id"] for e in named}
    used_aliases = {e["quote"] for e in named}
    check_parents(reg.places, "place", problems)
    rows: list[Row] = []
    aliases: list[Row] = []
    for p in reg.places:
        if p.id not in used:
            problems.add(
                p.file,
                p.line,
                "never_mentioned",
                f"place {p.id!r} is never mentioned: name it in an event's `places:` or "
                "`route:`, a zone or a scope, or remove it",
            )
            continue
        aliases += alias_rows(p, "place", used_aliases, problems)
        rows.append(
            {"place_id": p.id, "name": p.name, "place_type": p.type, "parent_place_id": p.parent}
        )
    return StepOutput({"places": rows, "place_aliases": aliases}, [])
