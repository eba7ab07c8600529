"""New ships (registries/ships.yaml): the entry a draft writes out for a ship the article
names that the registry does not know ("the destroyers Kunming and Nanchang", "the Pechenga
tanker"), with its navy's country and its kind as the words beside the name give them.

A ship is written out only when the words give both: one country ("the Chinese destroyers
Kunming and Nanchang", or the country the clause names for the group) and a kind more
specific than "warship". Its id is the name written as the registry writes ids
("ust-bolsheretsk"); its one alias the spelling the article uses. `draft --registry` (or
`add-article`) appends the entries to the registry, as it does new events, so that the draft's
claims that name the ship build; without it the ships are listed in the header as entries to
add, and the claims that name them are commented out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import normalize
from ..registries import ShipEntry
from .document import yaml_string


@dataclass
class NewShip:
    """A registry entry the draft proposes for a ship the registry does not know."""

    id: str
    name: str
    country: str
    type: str
    source_id: str

    def written(self) -> str:
        """The header line that says the entry was written into the registry."""
        return (
            f"ship {self.id} ({self.country}, {self.type}) in registries/ships.yaml: confirm its "
            "name, country and type"
        )

    def yaml_lines(self) -> list[str]:
        return [
            f"# drafted from {self.source_id}: confirm the name, country and type",
            f"- id: {self.id}",
            f"  name: {yaml_string(self.name)}",
            f"  country: {self.country}",
            f"  type: {self.type}",
            "  class: null",
            "  hull_number: null",
            f"  aliases: [{yaml_string(self.name)}]",
        ]

    def entry(self) -> ShipEntry:
        """The ship as the drafter's registries hold it, so that the article's words name it."""
        return ShipEntry(
            self.id, self.name, self.country, self.type, None, None, (self.name,), "(draft)", None
        )


def ship_id(name: str) -> str:
    """The registry's id for a ship's name: lower case, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", normalize.fold_text(name).casefold()).strip("-")


def kind_of(words: str) -> str | None:
    """The kind of ship the words give (`normalize.ship_type`), None if they give none."""
    try:
        return normalize.ship_type(words)
    except ValueError:
        return None


def new_ship(name: str, kind: str, country: str | None, source_id: str) -> NewShip | None:
    """The entry for a ship named `name` beside the words `kind`, of `country`; None when the
    words give no country or no kind of ship more specific than "warship"."""
    ship_type = kind_of(kind)
    if country is None or ship_type is None or ship_type == "warship" or not ship_id(name):
        return None
    return NewShip(ship_id(name), name, country, ship_type, source_id)
