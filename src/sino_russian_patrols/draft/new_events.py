"""New events (registries/events.yaml): the entry a draft writes out when a sentence reports
an event no registered event fits, with its type, its summary, its parent and an id made by
the registry's convention (the event's date as far as the text gives it, and a short name).

A new event is proposed, not guessed: its id, type and summary are the editor's to confirm,
and `draft --registry` (or `add-article`) writes the entries into the registry so that the
draft builds as it is. Without `--registry`, the entries are listed in the draft's header and
every proposal that refers to them is commented out with the reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .document import yaml_string

if TYPE_CHECKING:
    from .proposals import Drafter

# the words that make an exercise's type more specific than "exercise" (schema/events.json)
_EXERCISE_KIND: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"(?i)\b(?:anti-?missile|missile[- ]defen[cs]e)\b"),
        "joint_missile_defense_exercise",
    ),
    (re.compile(r"(?i)\bstrategic\b"), "strategic_exercise"),
    (
        re.compile(r"(?i)\b(?:naval|navies|navy|maritime|sea|warships?|vessels)\b"),
        "joint_naval_exercise",
    ),
    (re.compile(r"(?i)\b(?:joint|bilateral|combined)\b"), "joint_exercise"),
)  # fmt: skip
# the short name of each type in an id ("2026-06-27-joint-air-patrol")
_SLUG = {
    "joint_missile_defense_exercise": "anti-missile-exercise",
    "strategic_exercise": "strategic-exercise",
    "joint_naval_exercise": "joint-naval-exercise",
    "multinational_naval_exercise": "naval-exercise",
    "joint_exercise": "joint-exercise",
}


@dataclass
class NewEvent:
    """A registry entry the draft proposes: id, type, summary, parent; and the days the
    sentence that made it allows, so that later sentences can be linked to it."""

    id: str
    type: str
    summary: str
    parent: str | None
    window: tuple[dt.date, dt.date] | None
    source_id: str
    name: str | None = None  # the series and edition it is named by ("vostok2022")

    def written(self) -> str:
        """The header line that says the entry was written into the registry."""
        return (
            f"event {self.id} ({self.type}) in registries/events.yaml: confirm its id, type "
            "and summary"
        )

    def yaml_lines(self) -> list[str]:
        lines = [
            f"# drafted from {self.source_id}: confirm the id, type and summary",
            f"- id: {self.id}",
            f"  type: {self.type}",
            f"  summary: {yaml_string(f'(drafted from {self.source_id}) {self.summary}')}",
        ]
        if self.parent:
            lines.append(f"  parent: {self.parent}")
        return lines


def name_key(name: str) -> str:
    """A series name and edition as one key, whatever the spacing and hyphens."""
    return re.sub(r"[\W_]+", "", name).casefold()


def exercise_type(sentence: str) -> str:
    """The most specific exercise type the sentence's words give."""
    for pattern, kind in _EXERCISE_KIND:
        if pattern.search(sentence):
            return kind
    return "exercise"


def new_id(d: Drafter, kind: str, when: tuple[dt.date, dt.date] | None, name: str) -> str:
    """An id by the registry's convention: the day (or month) the text gives, else the
    month of the publication, then a short name; never one in use."""
    if when is not None and when[0] == when[1]:
        stamp = when[0].isoformat()
    elif when is not None and (when[0].year, when[0].month) == (when[1].year, when[1].month):
        stamp = f"{when[0]:%Y-%m}"
    elif d.published is not None:
        stamp = f"{d.published:%Y-%m}"
    else:
        stamp = "undated"
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or _SLUG.get(kind, kind)
    base = f"{stamp}-{slug}"
    taken = {e.id for e in d.registries.events} | {e.id for e in d.new_events}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def slug_of(kind: str) -> str:
    return _SLUG.get(kind, kind.replace("_", "-"))
