"""Read the registries under `build/registries/`: events, actors, places, aircraft types,
ships and exercise series.

A registry defines each thing once, whatever article reports it: an event is a real-world
event with an id, type and summary (the articles' accounts of it are claims about it);
an actor or a place has a canonical name and every spelling the texts use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problems, shown
from .normalize import char_name, designation_key, invisible, spelling_difference, spelling_key
from .yamlfile import load_yaml
from .yamlreader import Reader, item_line, item_reader


@dataclass(frozen=True)
class EventDefinition:
    id: str
    type: str
    summary: str
    parent: str | None
    file: str
    line: int | None


@dataclass(frozen=True)
class ActorEntry:
    id: str
    name: str
    type: str
    country: str | None
    title: str | None
    parent: str | None
    aliases: tuple[str, ...]
    file: str
    line: int | None


@dataclass(frozen=True)
class PlaceEntry:
    id: str
    name: str
    type: str
    parent: str | None
    aliases: tuple[str, ...]
    file: str
    line: int | None


@dataclass(frozen=True)
class AircraftType:
    designation: str
    family: str
    manufacturer: str
    kind: str
    file: str
    line: int | None


@dataclass(frozen=True)
class ShipEntry:
    """A ship the texts name: its navy's country, kind, class and hull number as a text gives
    them, and every spelling of its name (transliterations differ between reports)."""

    id: str
    name: str
    country: str
    type: str
    ship_class: str | None
    hull_number: str | None
    aliases: tuple[str, ...]
    file: str
    line: int | None


@dataclass(frozen=True)
class SeriesEntry:
    """A series of exercises, with every name it carries (each side's, each spelling):
    the Chinese "Joint Sea" and the Russian "Maritime Interaction" are one series."""

    id: str
    name: str
    aliases: tuple[str, ...]
    file: str
    line: int | None


@dataclass
class Registries:
    events: list[EventDefinition]
    actors: list[ActorEntry]
    places: list[PlaceEntry]
    aircraft_types: list[AircraftType]
    ships: list[ShipEntry] = field(default_factory=list)
    series: list[SeriesEntry] = field(default_factory=list)


def _items(path: Path, problems: Problems, what: str, keys: set[str]) -> Iterator[Reader]:
    """A `Reader` of each entry of the registry at `path` (a list of mappings), its keys
    checked; an entry that is no mapping, or a file that is no list, is reported and passed."""
    data = load_yaml(path, problems)
    if data is None:
        return
    if not isinstance(data, list):
        problems.add(str(path), 1, "value_type", "expected a list of entries")
        return
    for item in data:
        r = item_reader(item, str(path), what, problems, keys)
        if r is not None:
            yield r


def _named(r: Reader, schema_dir: Path) -> dict[str, Any]:
    """What every named entry (an actor, a place) gives: its id, name, type and parent."""
    return dict(
        id=r.slug("id", required=True),
        name=r.get("name", str, required=True),
        type=r.choice("type", schema_dir),
        parent=r.slug("parent"),
    )


def _complete(values: dict[str, Any], *keys: str) -> bool:
    """Whether every value an entry needs (`keys`, else every one) is there: a missing one
    is reported already, and the entry is left out."""
    return all(values[k] is not None for k in keys or values)


def _aliases(r: Reader) -> tuple[str, ...] | None:
    aliases = r.get("aliases", list, required=True)
    if aliases is None:
        return None
    if not all(isinstance(a, str) and a.strip() for a in aliases):
        r.error("value_type", "every alias must be non-empty text", at="aliases")
        return None
    hiding = [(i, alias, hidden) for i, alias in enumerate(aliases) if (hidden := invisible(alias))]
    for i, alias, hidden in hiding:
        r.problems.add(
            r.file,
            item_line(aliases, i, r.line_of("aliases")),
            "alias_invisible",
            f"{r.what}: alias {shown(alias)} contains {', '.join(map(char_name, hidden))}: write "
            "the spelling as the articles show it, without invisible or control characters",
        )
    return None if hiding else tuple(aliases)


def _one_form_each(entries: list[Any], problems: Problems) -> None:
    """Two aliases that differ only by Unicode normalization (NFC or NFD, a compatibility
    form) look the same to an editor and are one spelling written twice: refused."""
    seen: dict[str, tuple[str, str]] = {}
    for e in entries:
        for alias in e.aliases:
            other, owner = seen.setdefault(spelling_key(alias), (alias, e.id))
            if other != alias:
                problems.add(
                    e.file,
                    e.line,
                    "alias_twin",
                    f"alias {shown(alias)} of {e.id!r} differs from the alias {shown(other)} of "
                    f"{owner!r} only by Unicode normalization ({spelling_difference(alias, other)})"
                    ": write each spelling once, in the form the articles use",
                )


def _events(path: Path, problems: Problems, schema_dir: Path) -> list[EventDefinition]:
    found = []
    for r in _items(path, problems, "event", {"id", "type", "summary", "parent"}):
        values = dict(
            id=r.slug("id", required=True),
            type=r.choice("type", schema_dir),
            summary=r.get("summary", str, required=True),
            parent=r.slug("parent"),
        )
        if _complete(values, "id", "type", "summary"):
            found.append(EventDefinition(file=r.file, line=r.line, **values))
    return found


def _actors(path: Path, problems: Problems, schema_dir: Path) -> list[ActorEntry]:
    found = []
    keys = {"id", "name", "type", "country", "title", "parent", "aliases"}
    for r in _items(path, problems, "actor", keys):
        aliases = _aliases(r)
        values = _named(r, schema_dir) | dict(country=_country(r), title=r.get("title", str))
        if aliases is not None and _complete(values, "id", "name", "type"):
            found.append(ActorEntry(aliases=aliases, file=r.file, line=r.line, **values))
    _one_form_each(found, problems)
    return found


def _places(path: Path, problems: Problems, schema_dir: Path) -> list[PlaceEntry]:
    found = []
    for r in _items(path, problems, "place", {"id", "name", "type", "parent", "aliases"}):
        aliases = _aliases(r)
        values = _named(r, schema_dir)
        if aliases is not None and _complete(values, "id", "name", "type"):
            found.append(PlaceEntry(aliases=aliases, file=r.file, line=r.line, **values))
    _one_form_each(found, problems)
    return found


def _aircraft_types(path: Path, problems: Problems, schema_dir: Path) -> list[AircraftType]:
    found = []
    keys = {"designation", "family", "manufacturer", "kind"}
    seen: dict[str, tuple[str, int | None]] = {}  # designation key → (designation, line)
    for r in _items(path, problems, "aircraft type", keys):
        values = {
            k: r.get(k, str, required=True) for k in ("designation", "family", "manufacturer")
        }
        values["kind"] = r.choice("kind", schema_dir)
        designation, family = values["designation"], values["family"]
        if designation is not None:
            key = designation_key(designation)
            if key in seen:
                first, line = seen[key]
                again = (
                    f"designation {shown(designation)} is defined twice (also line {line})"
                    if designation == first
                    else f"designation {shown(designation)} is the type {shown(first)} of line "
                    f"{line}: case, spaces, hyphens and look-alike letters do not tell types apart"
                )
                r.error("duplicate_id", again, at="designation")
                continue
            seen[key] = (designation, r.line_of("designation"))
        if designation is not None and family is not None and not designation.startswith(family):
            # a family is the base design its designations extend (Tu-95 for Tu-95MS): a
            # family no designation starts with is a typo that would group nothing
            r.error(
                "aircraft_family",
                f"family {shown(family)} is not the base of designation {shown(designation)} "
                "(a designation starts with its family, as Tu-95MS with Tu-95)",
                at="family",
            )
            values["family"] = None
        if _complete(values):
            found.append(AircraftType(file=r.file, line=r.line, **values))
    return found


def _country(r: Reader, *, required: bool = False) -> str | None:
    """`country`: the ISO 3166-1 alpha-3 code of a current country, or a problem at its line."""
    code = r.get("country", str, required=required)
    if code is not None and not _is_country(code):
        r.error(
            "country_code",
            f"country {shown(code)} is not an ISO 3166-1 alpha-3 code of a current country "
            "(such as RUS; not a user-assigned code like XXX nor a former one like SUN)",
            at="country",
        )
        return None
    return code


def _ships(path: Path, problems: Problems, schema_dir: Path) -> list[ShipEntry]:
    found = []
    keys = {"id", "name", "country", "type", "class", "hull_number", "aliases"}
    for r in _items(path, problems, "ship", keys):
        aliases = _aliases(r)
        values = dict(
            id=r.slug("id", required=True),
            name=r.get("name", str, required=True),
            country=_country(r, required=True),
            type=r.choice("type", schema_dir),
        )
        if aliases is not None and _complete(values):
            found.append(
                ShipEntry(
                    ship_class=r.get("class", str),
                    hull_number=r.get("hull_number", str),
                    aliases=aliases,
                    file=r.file,
                    line=r.line,
                    **values,
                )
            )
    _one_form_each(found, problems)
    return found


def _series(path: Path, problems: Problems) -> list[SeriesEntry]:
    found = []
    for r in _items(path, problems, "exercise series", {"id", "name", "aliases"}):
        aliases = _aliases(r)
        values = dict(id=r.slug("id", required=True), name=r.get("name", str, required=True))
        if aliases is not None and _complete(values):
            found.append(SeriesEntry(aliases=aliases, file=r.file, line=r.line, **values))
    _one_form_each(found, problems)
    return found


def _is_country(code: str, /) -> bool:
    """Whether `code` is the ISO 3166-1 alpha-3 code of a current country (pycountry, of the
    build extra): the pattern alone lets through XXX and SUN, which name no country."""
    import pycountry

    return (
        bool(re.fullmatch(r"[A-Z]{3}", code)) and pycountry.countries.get(alpha_3=code) is not None
    )


def read_registries(registries_dir: Path, problems: Problems, schema_dir: Path, /) -> Registries:
    """Read every registry; each wrong entry is a problem at its file and line."""
    return Registries(
        events=_events(registries_dir / "events.yaml", problems, schema_dir),
        actors=_actors(registries_dir / "actors.yaml", problems, schema_dir),
        places=_places(registries_dir / "places.yaml", problems, schema_dir),
        aircraft_types=_aircraft_types(
            registries_dir / "aircraft_types.yaml", problems, schema_dir
        ),
        # the registries of 0.3 are optional: a project without ships or series has none
        ships=_optional(registries_dir / "ships.yaml", _ships, problems, schema_dir),
        series=_optional(registries_dir / "exercise_series.yaml", _series, problems),
    )


def _optional(path: Path, read: Any, problems: Problems, *args: Any) -> list[Any]:
    """The entries of a registry a project may leave out; a path that exists in any form (a
    link, a folder) is read, so that the reader refuses what is not a regular file."""
    if not path.exists() and not path.is_symlink():
        return []
    return read(path, problems, *args)
