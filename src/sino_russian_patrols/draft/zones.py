"""Zone claims (steps/airspace.py): entries into an air defense identification zone ("entered
the KADIZ"), passages through a strait ("passed through the Soya Strait"), violations of
airspace, denials of one ("no airspace violation") and flights in international airspace.

A claim is read from a sentence's verb and the zone the registries know after it: an entry
needs a registered air defense identification zone, a passage a registered strait; a denial
or international airspace needs no zone. The claim belongs to the event the draft links of
the claim's kind (an air patrol for zones and airspace, a naval event for straits), and is
commented out when the draft links none.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .document import Item, quote_entry, unique_around, yaml_string
from .patterns import ADIZ_WORDS, ZONE_CLAIMS, sentences

if TYPE_CHECKING:
    from .proposals import Drafter

AIR_TYPES = frozenset({"joint_air_patrol"})
# the words between "entered" and a zone's words that make it one zone, not any: "entered its",
# "their", "the", "the country's", "Japan's" (not "entering an air defense zone")
_OWNED = re.compile(r"\s+(?:its|their|the(?:\s+country[’']s)?|[A-Z][\w.-]*[’']s)\s+")
# an airspace a country's words name ("Japan’s territorial airspace"): a zone to register
_NAMED_AIRSPACE = re.compile(r"(?:[A-Z][\w.-]*(?:[’']s)?\s+)(?:[a-z]+\s+)?airspace$")
# the event a claim belongs to, by kind, as the curated files code it: a strait passage is a
# stage of a naval patrol, a violation of airspace an event of its own; the rest the air patrol's
EVENT_OF_CLAIM = {
    "strait_transit": frozenset({"joint_naval_patrol", "joint_submarine_patrol"}),
    "airspace_violation": frozenset({"airspace_violation"}),
}
# the place type each kind of claim needs after its verb (None: no zone needed)
ZONE_TYPE = {
    "adiz_entry": "air_defense_identification_zone",
    "strait_transit": "strait",
    "airspace_violation": "airspace",
    "no_airspace_violation": None,
    "international_airspace": None,
}


def propose(d: Drafter) -> None:
    """Append one zone claim per sentence and kind of claim its words make."""
    place_type = {p.id: p.type for p in d.registries.places}
    number = 0
    for lo, hi in sentences(d.text, 0, d.end):
        if d.in_headline(lo):
            continue
        places = d.mentions(d.registries.places, lo, hi)
        for kind, pattern in ZONE_CLAIMS:
            m = pattern.search(d.text, lo, hi)
            if m is None:
                continue
            wanted = ZONE_TYPE[kind]
            zone = None
            if wanted is not None:
                zone = next(
                    (p for p in places if p[0] >= m.start() and place_type.get(p[2]) == wanted),
                    None,
                )
                if zone is None and not (
                    kind == "adiz_entry" and ADIZ_WORDS.search(d.text, m.end(), hi)
                ):
                    continue  # no registered zone of that kind after the verb
            else:  # "did not violate Japanese airspace": the airspace named in the words
                zone = next(
                    (
                        p
                        for p in places
                        if m.start() <= p[0] < m.end() + 30 and place_type.get(p[2]) == "airspace"
                    ),
                    None,
                )
            adiz = ADIZ_WORDS.search(d.text, m.end(), hi) if zone is None else None
            if (
                kind == "adiz_entry"
                and adiz is not None
                and _OWNED.fullmatch(d.text, m.end(), adiz.start())
            ):
                # "entered its air defence identification zone": a zone the words do not
                # name, as the curated files code it (no zone), quoted with its words
                end = adiz.end()
            else:
                end = zone[1] if zone else m.end()
            span = unique_around(d.text, m.start(), end, hi)
            if span is None:
                continue
            types = EVENT_OF_CLAIM.get(kind, AIR_TYPES)
            event = d.event_near(m.start(), types)
            number += 1
            lines = [
                f"- id: z{number:02d}",
                f"  event: {event or 'NEW-EVENT-ID'}",
                f"  quote: {yaml_string(d.text[span[0] : span[1]])}",
                f"  kind: {kind}",
            ]
            if zone:
                lines.append(f"  zone: {quote_entry(d.text, zone[0], zone[1])}")
            unsure = None if event else "no linked event of this kind to attach it to"
            if unsure is None and zone is None and _NAMED_AIRSPACE.search(d.text, m.start(), end):
                unsure = "the airspace its words name is no registered spelling: add one"
            if unsure is None and wanted is not None and zone is None and end == m.end():
                unsure = "the zone's words are no registered spelling: add one, or quote it"
            d.draft.items.append(Item("airspace", lines, unsure))
            if kind in ("no_airspace_violation", "airspace_violation"):
                break  # "did not violate ... airspace" is no entry as well
