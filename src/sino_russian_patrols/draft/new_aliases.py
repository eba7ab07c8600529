"""New spellings of registered airspaces (registries/places.yaml): "Japan’s territorial
airspace" for the airspace registered as "Japanese territorial airspace" / "Japanese airspace".

A zone claim must name its zone by a registered spelling (steps/airspace.py), and every
article writes a country's airspace its own way ("Japanese airspace", "Japan's territorial
airspace", "South Korea's airspace"). Words that name a country's airspace name the one
registered airspace of that country: the country is read from the words before "airspace"
(a country's name, demonym or possessive, normalize.country_code), and a registered airspace's
country from its name and spellings the same way. When exactly one registered airspace is of
the words' country, the words are proposed as a new spelling of it: `draft --registry` (or
`add-article`) adds them to its aliases, as it writes new events and ships, so that the claim
builds; without it the spelling is listed in the header and the claim is commented out.

A zone the registry does not know at all (a strait "passed through the Soya Strait", a
country's airspace when no airspace of that country is registered) is written out as a new
place, as new ships are (draft/new_ships.py): its name the article's words, its id those words
as the registry writes ids ("soya-strait", "south-korean-airspace"), its type the claim's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import normalize
from ..registries import PlaceEntry
from .document import yaml_string

if TYPE_CHECKING:
    from collections.abc import Iterable


# a country's airspace: "Japan’s territorial airspace", "South Korean airspace"; the country's
# words are capitalised and stand right before it
COUNTRY_AIRSPACE = re.compile(
    r"((?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*(?:[’']s)?)\s+"
    r"(?:(?:territorial|national|sovereign)\s+)?air\s?space\b"
)


@dataclass(frozen=True)
class NewAlias:
    """A spelling the draft proposes to add to a registered entry's aliases: a place's
    (zones), an actor's (draft/actors.py: "Russia’s defense ministry"), or an exercise
    series' (draft/names.py: "North. Interaction")."""

    place_id: str  # the entry's id
    alias: str
    registry: str = "places"  # registries/<registry>.yaml

    @property
    def what(self) -> str:
        return {"places": "place", "actors": "actor"}.get(self.registry, "series")

    def written(self) -> str:
        """The header line that says the spelling was added to the registry."""
        return (
            f"{self.what} spelling {self.alias!r} for {self.place_id} in "
            f"registries/{self.registry}.yaml: confirm it"
        )

    def to_add(self, why: str | None = None) -> str:
        """The header line for a spelling not written into the registry."""
        return (
            f"{self.what} spelling {self.alias!r} for {self.place_id}: `draft --registry` adds it "
            f"to its aliases in registries/{self.registry}.yaml" + (f" ({why})" if why else "")
        )


@dataclass(frozen=True)
class NewPlace:
    """A registry entry the draft proposes for a zone the registry does not know."""

    id: str
    name: str
    type: str
    source_id: str

    def written(self) -> str:
        """The header line that says the entry was written into the registry."""
        return f"place {self.id} ({self.type}) in registries/places.yaml: confirm its name and type"

    def yaml_lines(self) -> list[str]:
        return [
            f"# drafted from {self.source_id}: confirm the name and type",
            f"- id: {self.id}",
            f"  name: {yaml_string(self.name)}",
            f"  type: {self.type}",
            f"  aliases: [{yaml_string(self.name)}]",
        ]

    def entry(self) -> PlaceEntry:
        """The place as the drafter's registries hold it, so that the article's words name it."""
        return PlaceEntry(self.id, self.name, self.type, None, (self.name,), "(draft)", None)


def place_id(words: str) -> str:
    """The registry's id for a zone's words: lower case, words joined by hyphens, without a
    possessive or "territorial" ("Japan's territorial airspace" → "japan-airspace")."""
    words = re.sub(r"[’']s\b|\bterritorial\s+", "", normalize.fold_text(words))
    return re.sub(r"[^a-z0-9]+", "-", words.casefold()).strip("-")


def words_country(words: str) -> str | None:
    """The country whose airspace the words name ("Japan’s territorial airspace" → JPN),
    from the longest run of capitalised words before "airspace" that names a country."""
    m = COUNTRY_AIRSPACE.search(words)
    if m is None:
        return None
    parts = m.group(1).split()
    for i in range(len(parts)):  # "Russian South Korean airspace": the words nearest it
        try:
            return normalize.country_code(" ".join(parts[i:]))
        except ValueError:
            continue
    return None


def airspaces_of(places: Iterable[PlaceEntry], country: str) -> list[PlaceEntry]:
    """The registered airspaces of the country (their name and spellings name that country
    only)."""
    found = []
    for p in places:
        if p.type != "airspace":
            continue
        codes = {words_country(w) for w in (p.name, *p.aliases)} - {None}
        if codes == {country}:
            found.append(p)
    return found


def airspace_of(places: Iterable[PlaceEntry], country: str) -> PlaceEntry | None:
    """The one registered airspace of the country, else None."""
    found = airspaces_of(places, country)
    return found[0] if len(found) == 1 else None


def with_aliases(registry: bytes, aliases: Iterable[NewAlias]) -> bytes | None:
    """The places registry with each spelling added to its entry's aliases, written as the
    entry writes them (a flow list `aliases: [...]`, or one `- item` a line); None when an
    entry is not there or lists its aliases otherwise."""
    text = registry.decode("utf-8")
    for a in aliases:
        entry = re.search(rf"^- id: {re.escape(a.place_id)}[ \t]*$", text, re.MULTILINE)
        if entry is None:
            return None
        following = re.compile(r"^-", re.MULTILINE).search(text, entry.end())
        end = following.start() if following else len(text)
        spelling = yaml_string(a.alias)
        flow = _FLOW.search(text, entry.end(), end)
        block = _BLOCK.search(text, entry.end(), end)
        if flow is not None:
            sep = "" if flow.group(1).rstrip().endswith("[") else ", "
            text = text[: flow.end(1)] + sep + spelling + text[flow.end(1) :]
        elif block is not None:
            indent = block.group(2)
            text = text[: block.end()] + f"\n{indent}- {spelling}" + text[block.end() :]
        else:
            return None
    return text.encode("utf-8")


# `  aliases: ["A", "B"]`: what stands before the closing bracket
_FLOW = re.compile(r"^([ \t]+aliases:[ \t]*\[.*?)[ \t]*\][ \t]*$", re.MULTILINE)
# `  aliases:` and its items, one a line (`  - A`): the last item's end
_BLOCK = re.compile(
    r"^[ \t]+aliases:[ \t]*((?:\n([ \t]*)-[ \t]+[^\n]*)(?:\n\2-[ \t]+[^\n]*)*)", re.MULTILINE
)
