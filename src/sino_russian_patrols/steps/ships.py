"""Ship claims: which navy sent which ship, or how many ships of which kind, as one source says.

Reads each annotation's `ships:` claims and `registries/ships.yaml`; each claim refers to an
event (events step) and is reported by an actor its source mentions (actors step). The
country, kind, name, class and count an editor writes must be written in the claim's words;
the kind of ship is read from the words (`normalize.ship_type`), and a named ship is one of the
registry, whose navy is the claim's country. A registered ship is used when a claim names it,
and each of its spellings must be quoted by one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from .. import normalize
from ..annotations import ShipEntry as ShipClaim
from ..citing import registry_index, resolve_alias, spans_of, word_span
from ..errors import Problems
from ..registries import ShipEntry
from ..yamlreader import Quote
from .base import Done, Inputs, Row, StepOutput, alias_rows
from .claims import Claims


def run(inputs: Inputs, done: Done) -> StepOutput:
    """Rows of ship_claims, and of ships and ship_aliases (the registered ships some claim
    names, with every spelling)."""
    claims, problems = Claims.of(inputs, done), inputs.problems
    ships = inputs.registries.ships
    index = registry_index(ships, "ship", problems)
    kinds_said: dict[str, set[str]] = defaultdict(set)  # ship id → the kinds claims give it
    classes_said: dict[str, set[str]] = defaultdict(set)  # ship id → the classes they give
    used_aliases: set[str] = set()
    named_ids: set[str] = set()
    rows: list[Row] = []
    for a in inputs.annotations:
        for c in a.ships:
            claim_id = f"{a.source_id}-{c.id}"
            what = f"ship claim {c.id}"
            if not claims.first(claim_id, c, "ship claim"):
                continue
            claims.refers(c, what, c.event)
            claims.attributed(a.source_id, c, reported_by=c.reported_by, operator=c.operator)
            spans = spans_of(claims.cite, a.source_id, [c.quote, *c.also, *c.attribution])
            if spans is None:
                continue
            written = (
                ("country", c.country),
                ("type", c.type),
                ("name", c.name),
                ("class", c.ship_class),
                ("count", c.count),
            )
            ok = claims.in_its_words(spans, c, what, written, c.reported_by)
            ok = claims.operated(spans, c, what, c.operator) and ok
            try:
                kind = normalize.ship_type(c.type)
                country = normalize.country_code(c.country) if c.country is not None else None
                country = claims.operator_country(c, what, c.operator, country)
                number, qualifier = (
                    normalize.count_phrase(c.count) if c.count is not None else (None, None)
                )
            except ValueError as exc:
                problems.add(c.file, c.line, "claim_value", what=what, detail=exc)
                continue
            if c.name in index:  # named, even if the claim is refused: no second problem
                named_ids.add(index[c.name].id)
            ship = _named_ship(c.name, index, what, country, c, problems)
            if not ok or (c.name is not None and ship is None):
                continue
            if ship is not None:
                named = word_span(spans, c.name)
                if named is None:  # written in the words, but inside a longer word
                    problems.add(
                        c.file,
                        c.line,
                        "value_not_written",
                        what=what,
                        key="name",
                        value=c.name,
                        quotes=repr(spans[0].quote),
                    )
                    continue
                claims.cite.cite("ships", ship.id, named)
                used_aliases.add(c.name)
                kinds_said[ship.id].add(kind)
                if c.ship_class is not None:
                    classes_said[ship.id].add(c.ship_class)
            row = {
                "ship_claim_id": claim_id,
                "event_id": c.event,
                "country": country,
                "ship_id": ship.id if ship else None,
                "name_as_reported": c.name,
                "ship_type": kind,
                "type_as_reported": c.type,
                "class_as_reported": c.ship_class,
                "count": number,
                "count_qualifier": qualifier,
                "is_total": c.total,
                "reported_by": c.reported_by,
                "operator": c.operator,
                "source_id": a.source_id,
            }
            claims.keep("ship_claims", claim_id, spans, rows, row)
    registry_rows, aliases = _registry_rows(
        [s for s in ships if s.id in kinds_said or s.id not in named_ids],
        kinds_said,
        classes_said,
        used_aliases,
        problems,
    )
    return claims.output({"ship_claims": rows, "ships": registry_rows, "ship_aliases": aliases})


def _named_ship(
    name: str | None,
    index: Mapping[str, ShipEntry],
    what: str,
    country: str | None,
    claim: ShipClaim,
    problems: Problems,
) -> ShipEntry | None:
    """The registered ship a claim names (None when it names none, or an unknown spelling,
    reported); a ship of another navy than the claim's country is reported too."""
    if name is None:
        return None
    spelled = Quote(name, None, claim.file, claim.line)
    ship = resolve_alias(index, spelled, "ship", "registries/ships.yaml", problems)
    if ship is None:
        return None
    if country is not None and country != ship.country:
        problems.add(
            claim.file,
            claim.line,
            "ship_country",
            what=what,
            ship=ship.id,
            navy=ship.country,
            country=country,
        )
        return None
    return ship


def _registry_rows(
    ships: list[ShipEntry],
    kinds_said: dict[str, set[str]],
    classes_said: dict[str, set[str]],
    used_aliases: set[str],
    problems: Problems,
) -> tuple[list[Row], list[Row]]:
    """The rows of the ships some claim names, and their spellings; a ship no claim names, or
    whose kind or class no claim gives (the registry says no more than the texts), is a
    problem at its registry line."""
    rows: list[Row] = []
    aliases: list[Row] = []
    for s in ships:
        if s.id not in kinds_said:
            problems.add(
                s.file,
                s.line,
                "never_mentioned",
                f"ship {s.id!r} is never named: name it in a ship claim (`name:`), or remove it",
            )
            continue
        if s.type not in kinds_said[s.id]:
            problems.add(
                s.file,
                s.line,
                "ship_type_unsaid",
                ship=s.id,
                type=s.type,
                said=", ".join(sorted(kinds_said[s.id])),
            )
        if s.ship_class is not None and s.ship_class not in classes_said[s.id]:
            problems.add(s.file, s.line, "ship_class_unsaid", ship=s.id, ship_class=s.ship_class)
        aliases += alias_rows(s, "ship", used_aliases, problems)
        rows.append(
            {
                "ship_id": s.id,
                "name": s.name,
                "country": s.country,
                "ship_type": s.type,
                "ship_class": s.ship_class,
                "hull_number": s.hull_number,
            }
        )
    return rows, aliases
