"""Ship claims (steps/ships.py): the ships of the registry named in the text, and counted
ships of a country ("two Russian corvettes", "10 Chinese and Russian naval vessels").

A named ship is proposed with the country word and the kind of ship the words before its name
give in the same sentence ("The Chinese Navy was represented by the destroyers Qiqihar"); it
is asserted when that country is the registry's country of the ship, and commented out when
the sentence names no country or another one. A count given for two countries together is one
claim with `total: true` and no country (the coding rule "One row per country"). Every claim
belongs to the naval event its sentence mentions, else the first the draft links; with none,
it is commented out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import normalize
from .document import Item, unique_around, yaml_string
from .patterns import COUNTED_SHIPS, COUNTRY_WORD, SHIP_NOUN, sentences

if TYPE_CHECKING:
    from .proposals import Drafter

NAVAL_TYPES = frozenset(
    {
        "joint_naval_patrol",
        "joint_submarine_patrol",
        "joint_naval_exercise",
        "multinational_naval_exercise",
        "joint_exercise",
        "strategic_exercise",
    }
)


def _country_code(word: str) -> str | None:
    from .patterns import DEMONYMS

    word = word.strip()
    for name, code in DEMONYMS.items():
        if word == name or word == name.rstrip("’'s").rstrip("’'"):
            return code
    return {"Russia": "RUS", "China": "CHN"}.get(word)


def propose(d: Drafter) -> None:
    """Append one ship claim per registered ship named and per counted group of ships."""
    number = 0
    ships = {s.id: s for s in d.registries.ships}
    bounds = sentences(d.text, 0, d.end)

    def sentence_of(at: int) -> tuple[int, int]:
        return next(((a, b) for a, b in bounds if a <= at < b), (at, at))

    def add(at: int, lines: list[str], unsure: str | None, note: str | None = None) -> None:
        nonlocal number
        event = d.event_near(at, NAVAL_TYPES)
        number += 1
        head = [f"- id: v{number:02d}", f"  event: {event or 'NEW-EVENT-ID'}"]
        if event is None:
            unsure = unsure or "no naval event linked to attach it to"
        d.draft.items.append(Item("ships", head + lines, unsure, note))

    for start, end, ship_id in d.mentions(d.registries.ships):
        lo, _ = sentence_of(start)
        before = d.text[lo:start]
        kinds = list(SHIP_NOUN.finditer(before))
        countries = list(COUNTRY_WORD.finditer(before))
        if not kinds or not countries:
            continue  # nothing in the sentence says what or whose the ship is
        kind, country = kinds[-1], countries[-1]
        first = min(kind.start(), country.start())
        span = unique_around(d.text, lo + first, end, d.end)
        if span is None:
            continue
        code = _country_code(country.group(0))
        unsure = None
        if code != ships[ship_id].country:
            unsure = f"{country.group(0)!r} is not the country of {ship_id} in the registry"
        add(
            start,
            [
                f"  quote: {yaml_string(d.text[span[0] : span[1]])}",
                f"  country: {yaml_string(country.group(0))}",
                f"  type: {yaml_string(kind.group(0))}",
                f"  name: {yaml_string(d.text[start:end])}",
            ],
            unsure,
        )
    for m in COUNTED_SHIPS.finditer(d.text, 0, d.end):
        if d.in_headline(m.start()):
            continue
        span = unique_around(d.text, m.start(), m.end(), d.end)
        if span is None:
            continue
        try:
            normalize.ship_type(m.group("noun"))
        except ValueError:
            continue
        lines = [f"  quote: {yaml_string(d.text[span[0] : span[1]])}"]
        if m.group("country2"):
            lines += [f"  type: {yaml_string(m.group('noun'))}"]
            lines += [f"  count: {yaml_string(m.group('count'))}", "  total: true"]
        else:
            lines += [f"  country: {yaml_string(m.group('country'))}"]
            lines += [f"  type: {yaml_string(m.group('noun'))}"]
            lines += [f"  count: {yaml_string(m.group('count'))}"]
        add(m.start(), lines, None)
