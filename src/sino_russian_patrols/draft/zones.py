"""Zone claims (steps/airspace.py): entries into an air defense identification zone ("entered
the KADIZ"), passages through a strait ("passed through the Soya Strait"), violations of
airspace ("entered South Korean airspace"), denials of one ("no airspace violation", "avoided
the airspaces of other countries") and flights in international airspace.

A claim is read from a sentence's verb and the zone the registries know after it: an entry
needs a registered air defense identification zone, a passage a registered strait (a passage
"from the Tsugaru Strait ... to the Osumi Strait" is one claim per strait); a denial or
international airspace needs no zone. A country's airspace written otherwise than the registry
spells it ("Japan's territorial airspace") names the one registered airspace of that country,
its words proposed as a new spelling (draft/new_aliases.py). The claim belongs to the event the
draft links of the claim's kind (an air patrol for zones and airspace, a naval event for
straits), unless the sentence's own date phrase puts it at another registered event's days
("since September last year, when seven ships traveled ..."); it is commented out when the
draft links none, or the date fits none.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .. import dates
from .document import Item, quote_entry, unique_around, yaml_string
from .event_dates import date_quote
from .events import candidates, fits, known_window, reported_window
from .new_aliases import (
    COUNTRY_AIRSPACE,
    NewAlias,
    NewPlace,
    airspaces_of,
    place_id,
    words_country,
)
from .patterns import ADIZ_WORDS, ZONE_CLAIMS, sentences
from .reporter import reporter_of

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
    """Append one zone claim per sentence and kind of claim its words make (a passage from
    one strait to another: one per strait)."""
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
            claims = _claims(d, kind, m, places, place_type, hi)
            if not claims:
                continue
            event, why = claim_event(d, lo, hi, m.start(), EVENT_OF_CLAIM.get(kind, AIR_TYPES))
            for end, zone, unsure in claims:
                span = unique_around(d.text, m.start(), end, hi)
                if span is None:
                    continue
                number += 1
                lines = [
                    f"- id: z{number:02d}",
                    f"  event: {event or 'NEW-EVENT-ID'}",
                    f"  quote: {yaml_string(d.text[span[0] : span[1]])}",
                    f"  kind: {kind}",
                ]
                if zone:
                    lines.append(f"  zone: {quote_entry(d.text, zone[0], zone[1])}")
                    if not (why or unsure):
                        _register(d, zone, ZONE_TYPE[kind] or "airspace")
                lines += reporter_of(d).lines(*span)
                d.draft.items.append(Item("airspace", lines, why or unsure))
            if kind in ("no_airspace_violation", "airspace_violation"):
                break  # "did not violate ... airspace" is no entry as well


Zone = tuple[int, int, str]


def _claims(
    d: Drafter,
    kind: str,
    m: re.Match[str],
    places: list[Zone],
    place_type: dict[str, str],
    hi: int,
) -> list[tuple[int, Zone | None, str | None]]:
    """The claims the verb `m` makes: (where its quote ends, its zone, why it is unsure).
    None when the words name no zone of the kind the claim needs."""
    wanted = ZONE_TYPE[kind]
    zone = None
    if wanted is not None:
        zone = next(
            (p for p in places if p[0] >= m.start() and place_type.get(p[2]) == wanted), None
        )
        named = _NAMED_AIRSPACE.search(d.text, m.start(), m.end())
        if zone is None and kind == "airspace_violation" and named is not None:
            # "entered South Korean airspace": an airspace of no registered spelling
            zone = new_spelling(d, m.start(), m.end())
            return [(m.end(), zone, None if zone else _UNREGISTERED_AIRSPACE)]
        if zone is None and kind == "strait_transit":
            # "passed through the Soya Strait": a strait the registry does not know
            strait = _STRAIT_NAME.match(d.text, m.end(), hi)
            if strait is not None:
                zone = (strait.start(1), strait.end(1), place_id(strait.group(1)))
        if zone is None and not (kind == "adiz_entry" and ADIZ_WORDS.search(d.text, m.end(), hi)):
            return []  # no registered zone of that kind after the verb
    else:  # "did not violate Japanese airspace": the airspace named in the words
        zone = next(
            (
                p
                for p in places
                if m.start() <= p[0] < m.end() + 30 and place_type.get(p[2]) == "airspace"
            ),
            None,
        ) or new_spelling(d, m.start(), m.end())
    adiz = ADIZ_WORDS.search(d.text, m.end(), hi) if zone is None else None
    if (
        kind == "adiz_entry"
        and adiz is not None
        and _OWNED.fullmatch(d.text, m.end(), adiz.start())
    ):
        # "entered its air defence identification zone": a zone the words do not name, as
        # the curated files code it (no zone), quoted with its words
        end = adiz.end()
    else:
        end = zone[1] if zone else m.end()
    unsure = None
    if zone is None and _NAMED_AIRSPACE.search(d.text, m.start(), end):
        unsure = _UNREGISTERED_AIRSPACE
    if unsure is None and wanted is not None and zone is None and end == m.end():
        unsure = "the zone's words are no registered spelling: add one, or quote it"
    claims = [(end, zone, unsure)]
    if kind == "strait_transit" and zone is not None:
        # "traveled from the Tsugaru Strait ... to the Osumi Strait": each strait passed
        last = zone
        for p in places:
            if p[0] < last[1] or place_type.get(p[2]) != wanted or p[2] == last[2]:
                continue
            if not _NEXT_STRAIT.fullmatch(d.text, last[1], p[0]):
                break
            claims.append((p[1], p, None))
            last = p
    return claims


def claim_event(
    d: Drafter, lo: int, hi: int, at: int, types: frozenset[str]
) -> tuple[str | None, str | None]:
    """The event of a claim in the sentence text[lo:hi] and why it is unsure: the event of
    its kind the sentence reports; else the first the draft links (Drafter.event_near),
    unless the sentence's own date phrase puts it elsewhere ("since September last year,
    when seven ships traveled from the Tsugaru Strait"): then the one registered event of
    the kind in the phrase's days."""
    for a, b, event in d.event_sentences:
        if a <= at < b and d.event_kind(event) in types:
            return event, None
    fallback = d.event_near(at, types)
    window = _sentence_days(d, lo, hi)
    if window is None:
        return fallback, _NO_EVENT if fallback is None else None
    days = _event_days(d, fallback) if fallback else None
    if fallback is not None and days is not None and fits(days, window):
        return fallback, None
    found = candidates(d, types, window)
    if len(found) == 1:
        return found[0], None
    if fallback is not None and days is None and not found:
        return fallback, None  # an undated event: its days do not say it is another
    return None, "its sentence's date fits no linked event of its kind, nor one registered"


def new_spelling(d: Drafter, start: int, end: int) -> Zone | None:
    """The words of text[start:end] that name a country's airspace the registries know by
    other spellings only ("Japan’s territorial airspace" for "Japanese airspace"), as a zone,
    their spelling proposed for the registry (draft/new_aliases.py); else None."""
    m = COUNTRY_AIRSPACE.search(d.text, start, end)
    country = words_country(m.group(0)) if m else None
    if m is None or country is None:
        return None
    found = airspaces_of(d.registries.places, country)
    if len(found) > 1:
        return None
    # none registered: a new place of the words ("South Korean airspace")
    return m.start(), m.end(), found[0].id if found else place_id(m.group(0))


def _register(d: Drafter, zone: Zone, kind: str) -> None:
    """An asserted claim names its zone by a registered spelling: the zone's words as a new
    spelling of its registered place, or a new place (draft/new_aliases.py)."""
    words = d.text[zone[0] : zone[1]]
    place = next((p for p in d.registries.places if p.id == zone[2]), None)
    if place is None:
        if all(p.id != zone[2] for p in d.new_places):
            d.new_places.append(NewPlace(zone[2], words, kind, d.source_id))
        return
    alias = NewAlias(place.id, words)
    if alias.alias not in place.aliases and alias not in d.new_aliases:
        d.new_aliases.append(alias)


# a strait's name right after a passage's verb: "through the Soya Strait"
_STRAIT_NAME = re.compile(r"\s+(?:the\s+)?((?:[A-Z][\w’'-]*\s+){1,3}Straits?)\b")
_NO_EVENT = "no linked event of this kind to attach it to"
_UNREGISTERED_AIRSPACE = "the airspace its words name is no registered spelling: add one"
# what joins one strait passed to the next: "from the A Strait (between X and Y) to the B
# Strait", "through the A Strait and the B Strait" (no new clause, no other verb)
_NEXT_STRAIT = re.compile(
    r"(?:\s+(?:between|off|near|in|of)\s+[^,;.]{0,60}?)?\s*,?\s+(?:and\s+)?(?:then\s+)?"
    r"(?:to|into|through|via|and)\s+(?:the\s+)?"
)


def _sentence_days(d: Drafter, lo: int, hi: int) -> tuple[dt.date, dt.date] | None:
    """The days the sentence's own date phrase names, or None (no phrase, or only the day
    of a report: "the ministry said Saturday")."""
    if d.anchor is None:
        return None
    found = date_quote(d, lo, hi)
    if found is None or found[1]:
        return None
    try:
        when = dates.resolve(found[0], d.anchor)
    except ValueError:
        return None
    if when.end is None:
        return None
    return when.start or when.end, when.end


def _event_days(d: Drafter, event_id: str) -> tuple[dt.date, dt.date] | None:
    """The days of a registered event (its dates, else the month either side of its first
    report), or of one the draft writes out; None: undated."""
    new = next((e for e in d.new_events if e.id == event_id), None)
    if new is not None:
        return new.window
    return known_window(d, event_id) or reported_window(d, event_id)
