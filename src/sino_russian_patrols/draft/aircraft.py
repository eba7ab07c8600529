"""Aircraft claims (steps/aircraft.py) read from phrases such as "two Russian Tu-95
bombers", and the designations the registry does not know.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import normalize
from .document import Item, unique_around, yaml_string
from .patterns import AIRCRAFT, SAID, role_of

if TYPE_CHECKING:
    from .proposals import Drafter


def propose(d: Drafter, event_id: str | None) -> None:
    known = [t.designation for t in d.registries.aircraft_types]
    kinds = {t.designation: t.kind for t in d.registries.aircraft_types}
    number = 0
    for m in AIRCRAFT.finditer(d.text[: d.end]):
        if d.in_headline(m.start()):
            continue
        raw_type = m.group("type") or m.group("bare") or m.group("noun")
        try:
            canonical = normalize.aircraft_type(raw_type, known)
        except ValueError:
            d.draft.to_add.append(f"aircraft type {raw_type!r} (in {m.group(0)!r})")
            continue
        noun = (m.group("noun") or "").casefold()
        role = role_of(noun, kinds.get(canonical))
        span = unique_around(d.text, m.start(), m.end(), d.end)
        reporter = _reporter(d, m.start())
        note = f"reported_by? the nearest attribution is {reporter!r}" if reporter else None
        unsure = None if event_id and span else "no known event to attach it to"
        if unsure is None and canonical == normalize.UNSPECIFIED and not m.group("count"):
            unsure = "a generic noun without a number: probably a claim made above again"
        singular = noun and not noun.endswith("s") and noun != "aircraft"
        if unsure is None and not m.group("count") and singular:
            unsure = "one aircraft named without a number (a photo caption?)"
        for country in filter(None, (m.group("country"), m.group("country2"))):
            number += 1
            lines = [
                f"- id: a{number:02d}",
                f"  event: {event_id or 'NEW-EVENT-ID'}",
                f"  quote: {yaml_string(d.text[span[0] : span[1]] if span else m.group(0))}",
                f"  country: {yaml_string(country)}",
                f"  type: {yaml_string(raw_type)}",
            ]
            if m.group("count"):
                lines.append(f"  count: {yaml_string(m.group('count'))}")
            lines.append(f"  role: {role}")
            d.draft.items.append(Item("aircraft", lines, unsure, note))


def _reporter(d: Drafter, at: int) -> str | None:
    """The attribution nearest after `at` in the same paragraph."""
    paragraph_end = d.text.find("\n", at)
    tail = d.text[at : paragraph_end if paragraph_end != -1 else d.end]
    m = re.search(rf"(?:according to [^,.]+|[A-Z][\w’' -]{{2,60}}\s+{SAID})", tail)
    return m.group(0).strip() if m else None


def unknown_designations(d: Drafter) -> None:
    known = [t.designation for t in d.registries.aircraft_types]
    for start, end, canonical in normalize.aircraft_mentions(d.text[: d.end], known):
        if canonical is None:
            entry = f"aircraft type {d.text[start:end]!r} (registries/aircraft_types.yaml)"
            if entry not in d.draft.to_add:
                d.draft.to_add.append(entry)
