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
from typing import TYPE_CHECKING

from ..errors import InputError, Problem, Problems

if TYPE_CHECKING:
    from .new_events import NewEvent
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
    commented out with the reason."""
    from ..extras import require_extra

    require_extra("build", "draft", "yaml", "pycountry")
    from ..steps import read_inputs, run_steps
    from .proposals import Drafter

    root = root.resolve()
    drafter = Drafter(root, source_id)
    draft = drafter.run()
    target = root / "build" / "annotations" / f"{source_id}.yaml"
    events_file = root / "build" / "registries" / "events.yaml"
    if drafter.new_events and not registry:
        _defer_new_events(drafter, drafter.new_events)
        drafter.new_events = []

    for _ in range(rounds):
        text, owner = draft.render()
        previous = target.read_bytes() if target.exists() else None
        registry_before = events_file.read_bytes()
        entries = _registry_text(drafter)
        with_entries = _appended(registry_before, entries) if entries else registry_before
        added_from = registry_before.count(b"\n") if entries else None
        target.write_text(text, encoding="utf-8")
        events_file.write_bytes(with_entries)
        try:
            problems = Problems()
            inputs = read_inputs(root, problems)
            # the steps check the draft once it reads cleanly: an item it fails to read is
            # left out, and the steps would reject what refers to it
            mine = _in_draft(problems, target, events_file, added_from)
            if not mine:
                run_steps(inputs)
                mine = _in_draft(problems, target, events_file, added_from)
        finally:
            events_file.write_bytes(registry_before)
            if previous is None:
                target.unlink()
            else:
                target.write_bytes(previous)
        if not mine:
            if entries:
                events_file.write_bytes(with_entries)
                draft.written += [
                    f"event {e.id} ({e.type}) in registries/events.yaml: confirm its id, "
                    "type and summary"
                    for e in drafter.new_events
                ]
                text = draft.render()[0]
            return text
        rejected = False
        for p in mine:
            if Path(p.file).resolve() == events_file:
                # a new entry the build refuses: it is left out, its mentions commented out
                event = _entry_at(with_entries, p.line or 0)
                gone = [e for e in drafter.new_events if e.id == event]
                drafter.new_events = [e for e in drafter.new_events if e.id != event]
                _defer_new_events(drafter, gone, f"the build says: {p.message}"[:200])
                rejected = rejected or bool(gone)
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


def _appended(registry: bytes, entries: str) -> bytes:
    """The registry with the entries appended; an empty flow list ("[]") gives way to them."""
    text = registry.decode("utf-8")
    if re.fullmatch(r"(?:\s*#[^\n]*\n)*\s*\[\]\s*", text):
        text = re.sub(r"\[\]\s*$", "", text)
    elif text and not text.endswith("\n"):
        text += "\n"
    return (text + entries).encode("utf-8")


def _in_draft(
    problems: Problems, target: Path, events_file: Path, added_from: int | None
) -> list[Problem]:
    """The problems of the draft: in its file, or in the entries it appended to the registry
    (the registry's own problems are not the draft's)."""
    return [
        p
        for p in problems.items
        if Path(p.file).resolve() == target
        or (
            added_from is not None
            and Path(p.file).resolve() == events_file
            and (p.line or 0) > added_from
        )
    ]


def _entry_at(registry: bytes, line: int) -> str | None:
    """The id of the registry entry that holds `line` (1-based)."""
    found = None
    for number, text in enumerate(registry.decode("utf-8").splitlines(), start=1):
        if number > line:
            break
        if m := re.match(r"- id: (\S+)", text):
            found = m.group(1)
    return found


def _registry_text(drafter: Drafter) -> str:
    """The new events as lines to append to registries/events.yaml."""
    lines: list[str] = []
    for event in drafter.new_events:
        lines += ["", *event.yaml_lines()]
    return "\n".join(lines) + "\n" if lines else ""


def _defer_new_events(drafter: Drafter, events: list[NewEvent], why: str | None = None) -> None:
    """New events not written into the registry (no `--registry`, or the build refuses the
    entry): listed in the header as entries to add, and every proposal that refers to one
    is commented out with the reason."""
    new = {e.id for e in events}
    for event in events:
        drafter.draft.to_add.append(
            f"event {event.id} (type {event.type}"
            + (f", parent {event.parent}" if event.parent else "")
            + "): `draft --registry` writes it into registries/events.yaml"
            + (f" ({why})" if why else "")
        )
    for item in drafter.draft.items:
        refers = {
            word for line in item.lines for word in line.replace(":", " ").split() if word in new
        }
        if refers and item.unsure is None:
            item.unsure = (
                f"refers to the new event {sorted(refers)[0]}, not in registries/events.yaml "
                "yet: `draft --registry` writes it there"
            )
