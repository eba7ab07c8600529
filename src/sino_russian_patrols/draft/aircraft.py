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


PATROL_TYPES = frozenset({"joint_air_patrol"})
ANSWER_TYPES = frozenset({"scramble", "intercept"})


def propose(d: Drafter) -> None:
    """Append the aircraft claims of phrases such as "two Russian Tu-95 bombers", each with
    the event its sentence mentions (else the first linked event of its kind)."""
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
        unsure = None if span else "the words occur more than once: quote a longer span"
        if unsure is None and canonical == normalize.UNSPECIFIED and not m.group("count"):
            unsure = "a generic noun without a number: probably a claim made above again"
        singular = noun and not noun.endswith("s") and noun != "aircraft"
        if unsure is None and not m.group("count") and singular:
            unsure = "one aircraft named without a number (a photo caption?)"
        country, country2, count = m.group("country"), m.group("country2"), m.group("count")
        # "four Chinese and Russian bombers": one number for both countries is one total
        # claim with no country; without a number, one claim per country
        rows: list[str | None] = [None] if country2 and count else [country, country2]
        for who in rows:
            if who is None and not (country2 and count):
                continue
            event = d.event_near(m.start(), _event_types(who or country))
            number += 1
            lines = [
                f"- id: a{number:02d}",
                f"  event: {event or 'NEW-EVENT-ID'}",
                f"  quote: {yaml_string(d.text[span[0] : span[1]] if span else m.group(0))}",
            ]
            if who is not None:
                lines.append(f"  country: {yaml_string(who)}")
            lines.append(f"  type: {yaml_string(raw_type)}")
            if count:
                lines.append(f"  count: {yaml_string(count)}")
            if who is None:
                lines.append("  total: true")
            lines.append(f"  role: {role}")
            why = unsure or (None if event else "no known event to attach it to")
            d.draft.items.append(Item("aircraft", lines, why, note))


def _event_types(country: str) -> frozenset[str]:
    """The events a country's aircraft fly in: the patrol for Russia's and China's, the
    answer to it (a scramble, an intercept) for every other country's."""
    if re.match(r"(?i)russia|chin", country):
        return PATROL_TYPES
    return ANSWER_TYPES


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
