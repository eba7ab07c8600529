"""Draft an annotation file for a new article: propose, let the editor confirm.

The draft proposes, from the article and the registries: the publication date and where it
came from; every actor and place mention, counted on word boundaries and never inside a
longer registered name; the known event that a patrol report most likely is; aircraft
claims read from phrases such as "two Russian Tu-95 bombers"; quoted remarks with the
speaker named next to them; designations the registry does not know. Whatever the draft is
unsure of is written commented out, with the reason. The draft is checked by the build's
own reader and steps, and every item the build rejects is commented out with the build's
message, so that the draft builds as it is.

The path of an article through it: `patterns` finds what the text says, `proposals` turns
it into items, `document` writes them as YAML, and `draft_annotation` checks that text with
the build until the build accepts it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from ..errors import InputError, Problem, Problems
from .document import yaml_string
from .new_aliases import with_aliases

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .new_actors import NewActor
    from .new_aliases import NewAlias, NewPlace
    from .new_events import NewEvent
    from .new_ships import NewShip
    from .proposals import Drafter

__all__ = ["draft_annotation"]


def draft_annotation(
    root: Path, source_id: str, /, *, rounds: int = 6, registry: bool = False
) -> str:
    """Draft `build/annotations/<source_id>.yaml`; every item the build rejects is commented
    out with the build's message, so that the returned draft builds.

    The events no registered event fits are written out as registry entries: with
    `registry`, appended to `build/registries/events.yaml` (the editor confirms them there);
    without, listed in the draft's header, and every proposal that refers to them is
    commented out with the reason. So are new ships (ships.yaml) and new zones (places.yaml),
    and the new spellings of registered places and actors, which go into their entries'
    aliases (draft/new_aliases.py)."""
    from ..extras import require_extra

    require_extra("build", "draft", "yaml", "pycountry")
    from ..steps import read_inputs, run_steps
    from .proposals import Drafter

    root = root.resolve()
    drafter = Drafter(root, source_id)
    draft = drafter.run()
    target = root / "build" / "annotations" / f"{source_id}.yaml"
    registries = root / "build" / "registries"
    events_file, ships_file = registries / "events.yaml", registries / "ships.yaml"
    places_file, actors_file = registries / "places.yaml", registries / "actors.yaml"
    if not registry:
        _defer_new_actors(drafter, drafter.new_actors)
        drafter.new_actors = []
        _defer_new_events(drafter, drafter.new_events)
        drafter.new_events = []
        _defer_new_ships(drafter, drafter.new_ships)
        drafter.new_ships = []
        _defer_new_aliases(drafter, drafter.new_aliases)
        drafter.new_aliases = []
        _defer_new_places(drafter, drafter.new_places)
        drafter.new_places = []
    # a name does not run across a line: such a spelling is never written into a registry
    broken = [a for a in drafter.new_aliases if re.search(r"[\r\n]", a.alias)]
    if broken:
        _defer_new_aliases(drafter, broken, "it runs across a line break")
        drafter.new_aliases = [a for a in drafter.new_aliases if a not in broken]
    # a new spelling of an actor the draft writes out is one of its entry's aliases
    new_ids = {a.id: a for a in drafter.new_actors}
    for a in [a for a in drafter.new_aliases if a.registry == "actors" and a.place_id in new_ids]:
        actor = new_ids[a.place_id]
        if a.alias not in actor.aliases:
            actor.aliases = (*actor.aliases, a.alias)
        drafter.new_aliases.remove(a)
    # the registries a new spelling goes into
    spelt_in = {
        "places": places_file,
        "actors": actors_file,
        "exercise_series": registries / "exercise_series.yaml",
    }
    for name, path in spelt_in.items():
        aliases = [a for a in drafter.new_aliases if a.registry == name]
        data = path.read_bytes() if path.exists() else b""
        if aliases and with_aliases(data, aliases) is None:
            _defer_new_aliases(drafter, aliases, "its entry lists its aliases otherwise")
            drafter.new_aliases = [a for a in drafter.new_aliases if a.registry != name]

    for _ in range(rounds):
        text, owner = draft.render()
        previous = target.read_bytes() if target.exists() else None
        # each registry the draft adds to: its bytes before, with the entries, and the
        # line after which the entries stand (None: nothing added)
        files = (events_file, ships_file, *spelt_in.values())
        before = {f: f.read_bytes() if f.exists() else None for f in files}
        entries = {events_file: _registry_text(drafter.new_events)}
        entries[ships_file] = _registry_text(drafter.new_ships)
        entries[places_file] = _registry_text(drafter.new_places)
        entries[actors_file] = _registry_text(drafter.new_actors)
        after = {f: _appended(before[f] or b"", e) if e else before[f] for f, e in entries.items()}
        added_from = {f: (before[f] or b"").count(b"\n") if e else None for f, e in entries.items()}
        for name, path in spelt_in.items():
            aliases = [a for a in drafter.new_aliases if a.registry == name]
            after.setdefault(path, before[path])
            if aliases:
                # the new spellings go into their entries first (checked above that they
                # can), the new entries after them
                spelled = with_aliases(before[path] or b"", aliases) or b""
                new = entries.get(path)
                after[path] = _appended(spelled, new) if new else spelled
                added_from[path] = spelled.count(b"\n") if new else None
        target.write_text(text, encoding="utf-8")
        _write(after)
        try:
            problems = Problems()
            inputs = read_inputs(root, problems)
            # the steps check the draft once it reads cleanly: an item it fails to read is
            # left out, and the steps would reject what refers to it
            mine = _in_draft(problems, target, added_from)
            if not mine:
                run_steps(inputs)
                mine = _in_draft(problems, target, added_from)
        finally:
            _write(before)
            if previous is None:
                target.unlink()
            else:
                target.write_bytes(previous)
        if not mine:
            if any(entries.values()) or drafter.new_aliases:
                _write(after)
                new = (
                    *drafter.new_events,
                    *drafter.new_ships,
                    *drafter.new_places,
                    *drafter.new_actors,
                )
                draft.written += [e.written() for e in new]
                draft.written += [a.written() for a in drafter.new_aliases]
                # a longer name the actors proposer saw is now a place's spelling
                spelled = tuple(f"name {a.alias!r}:" for a in drafter.new_aliases)
                draft.to_add = [e for e in draft.to_add if not e.startswith(spelled)]
                text = draft.render()[0]
            return text
        rejected = False
        for p in mine:
            path = Path(p.file).resolve()
            if path in (events_file, ships_file, places_file, actors_file):
                # a new entry the build refuses: it is left out, what refers to it commented out
                entry = _entry_at(after[path] or b"", p.line or 0)
                why = f"the build says: {p.message}"[:200]
                if path == events_file:
                    drafter.new_events, gone_events = _split(drafter.new_events, entry)
                    _defer_new_events(drafter, gone_events, why)
                    rejected = rejected or bool(gone_events)
                elif path == ships_file:
                    drafter.new_ships, gone_ships = _split(drafter.new_ships, entry)
                    _defer_new_ships(drafter, gone_ships, why)
                    rejected = rejected or bool(gone_ships)
                elif path == actors_file:
                    drafter.new_actors, gone_actors = _split(drafter.new_actors, entry)
                    _defer_new_actors(drafter, gone_actors, why)
                    rejected = rejected or bool(gone_actors)
                else:
                    drafter.new_places, gone_places = _split(drafter.new_places, entry)
                    _defer_new_places(drafter, gone_places, why)
                    rejected = rejected or bool(gone_places)
                continue
            index = owner.get(p.line or -1)
            if index is None:
                continue
            item = draft.items[index]
            if index > 0 and item.unsure is None:  # the source's own lines always stay
                item.unsure = f"the build says: {p.message}"[:300]
                rejected = True
        if not rejected:
            # a claim left on the placeholder of an event to define never builds
            for item in draft.items[1:]:
                if item.unsure is None and any("NEW-EVENT-ID" in line for line in item.lines):
                    item.unsure = "no event to attach it to: define the event, use its id"
                    rejected = True
        if not rejected:
            lines = "\n".join(f"  {p}" for p in mine)
            raise InputError(f"the draft of {source_id} does not build:\n{lines}")
    return draft.render()[0]


class _Entry(Protocol):
    id: str


_E = TypeVar("_E", bound=_Entry)


def _split(entries: list[_E], entry_id: str | None) -> tuple[list[_E], list[_E]]:
    """(the entries but the one of `entry_id`, that one): a new registry entry the build
    refuses is left out."""
    return [e for e in entries if e.id != entry_id], [e for e in entries if e.id == entry_id]


def _write(contents: dict[Path, bytes | None]) -> None:
    """Each file with its bytes; None: the file is not there."""
    for path, data in contents.items():
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(data)


def _appended(registry: bytes, entries: str) -> bytes:
    """The registry with the entries appended; an empty flow list ("[]") gives way to them."""
    text = registry.decode("utf-8")
    if re.fullmatch(r"(?:\s*#[^\n]*\n)*\s*\[\]\s*", text):
        text = re.sub(r"\[\]\s*$", "", text)
    elif text and not text.endswith("\n"):
        text += "\n"
    return (text + entries).encode("utf-8")


def _in_draft(
    problems: Problems, target: Path, added_from: dict[Path, int | None]
) -> list[Problem]:
    """The problems of the draft: in its file, or in the entries it appended to a registry
    (a registry's own problems are not the draft's)."""
    out = []
    for p in problems.items:
        path = Path(p.file).resolve()
        start = added_from.get(path)
        if path == target or (start is not None and (p.line or 0) > start):
            out.append(p)
    return out


def _entry_at(registry: bytes, line: int) -> str | None:
    """The id of the registry entry that holds `line` (1-based)."""
    found = None
    for number, text in enumerate(registry.decode("utf-8").splitlines(), start=1):
        if number > line:
            break
        if m := re.match(r"- id: (\S+)", text):
            found = m.group(1)
    return found


def _registry_text(entries: Sequence[NewEvent | NewShip | NewPlace | NewActor]) -> str:
    """The new entries as lines to append to their registry."""
    lines: list[str] = []
    for entry in entries:
        lines += ["", *entry.yaml_lines()]
    return "\n".join(lines) + "\n" if lines else ""


def _defer_new_events(drafter: Drafter, events: list[NewEvent], why: str | None = None) -> None:
    """New events not written into the registry (no `--registry`, or the build refuses the
    entry): listed in the header as entries to add, and every proposal that refers to one
    is commented out with the reason."""
    for event in events:
        drafter.draft.to_add.append(
            f"event {event.id} (type {event.type}"
            + (f", parent {event.parent}" if event.parent else "")
            + "): `draft --registry` writes it into registries/events.yaml"
            + (f" ({why})" if why else "")
        )
    _comment_out_referring(drafter, {e.id for e in events}, "event", "events")


def _defer_new_actors(drafter: Drafter, actors: list[NewActor], why: str | None = None) -> None:
    """New actors not written into the registry: listed in the header as entries to add, and
    every proposal that names one (a mention, a speaker, a reporter) is commented out."""
    drafter.draft.to_add += [a.to_add(why) for a in actors]
    _comment_out_referring(drafter, {a.id for a in actors}, "actor", "actors")


def _comment_out_referring(drafter: Drafter, ids: set[str], kind: str, registry: str) -> None:
    """Every proposal whose lines name one of the new entries' ids (as a value or in the
    comment that names a mention's actor) is commented out with the reason."""
    for item in drafter.draft.items:
        refers = {
            word for line in item.lines for word in line.replace(":", " ").split() if word in ids
        }
        if refers and item.unsure is None:
            item.unsure = (
                f"refers to the new {kind} {sorted(refers)[0]}, not in registries/{registry}.yaml "
                "yet: `draft --registry` writes it there"
            )


def _defer_new_ships(drafter: Drafter, ships: list[NewShip], why: str | None = None) -> None:
    """New ships not written into the registry: listed in the header as entries to add, and
    every claim that names one is commented out with the reason."""
    for ship in ships:
        drafter.draft.to_add.append(
            f"ship {ship.id} ({ship.name!r}, {ship.country}, {ship.type}): `draft --registry` "
            "writes it into registries/ships.yaml" + (f" ({why})" if why else "")
        )
        named = f"  name: {yaml_string(ship.name)}"
        for item in drafter.draft.items:
            if item.section == "ships" and item.unsure is None and named in item.lines:
                item.unsure = (
                    f"names the new ship {ship.id}, not in registries/ships.yaml yet: "
                    "`draft --registry` writes it there"
                )


def _defer_new_aliases(drafter: Drafter, aliases: list[NewAlias], why: str | None = None) -> None:
    """New spellings not written into the registry: listed in the header as spellings to
    add, and every zone claim, actor mention or name that quotes one is commented out."""
    for alias in aliases:
        drafter.draft.to_add.append(alias.to_add(why))
        quoted = f"{{quote: {yaml_string(alias.alias)}"
        for item in drafter.draft.items:
            zone = any(line.startswith("  zone: ") and quoted in line for line in item.lines)
            mention = item.section == "actors" and quoted in item.lines[0]
            # a name quotes its spelling with the edition: "North. Interaction 2023"
            name = item.section == "names" and any(
                line.startswith("  quote: ") and alias.alias in line for line in item.lines
            )
            if item.unsure is None and ((item.section == "airspace" and zone) or mention or name):
                item.unsure = (
                    f"names {alias.place_id} by the new spelling {alias.alias!r}, not in "
                    f"registries/{alias.registry}.yaml yet: `draft --registry` adds it"
                )


def _defer_new_places(drafter: Drafter, places: list[NewPlace], why: str | None = None) -> None:
    """New places not written into the registry: listed in the header as entries to add,
    and every zone claim that quotes one as its zone is commented out."""
    for place in places:
        drafter.draft.to_add.append(
            f"place {place.id} ({place.name!r}, {place.type}): `draft --registry` writes it "
            "into registries/places.yaml" + (f" ({why})" if why else "")
        )
        quoted = f"{{quote: {yaml_string(place.name)}"
        for item in drafter.draft.items:
            zone = any(line.startswith("  zone: ") and quoted in line for line in item.lines)
            if item.section == "airspace" and item.unsure is None and zone:
                item.unsure = (
                    f"names the new place {place.id}, not in registries/places.yaml yet: "
                    "`draft --registry` writes it there"
                )
