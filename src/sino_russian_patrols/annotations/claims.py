"""The claim sections of an annotation file: `aircraft:`, `statements:`, `sequence:`,
`airspace:`, `ships:`, `participants:` and `names:`.

A claim is what one article says of an event: the aircraft a country flew, a remark an actor
made, the place of the event in a series ("the ninth joint patrol"), an entry into a zone.
Every claim has an id of its section's form (a01, s01, q01, z01), the event it is about and
the words that say it (`quote`, with `occurrence` when they stand more than once); each
section adds its own keys.
"""

from __future__ import annotations

from typing import Any

from ..yamlreader import Reader
from .records import (
    AircraftEntry,
    AirspaceEntry,
    NameEntry,
    ParticipantEntry,
    SequenceEntry,
    ShipEntry,
    StatementEntry,
)
from .values import ITEM_ID, Vocabularies, count, number_or_text

__all__ = [
    "read_aircraft",
    "read_airspace",
    "read_name",
    "read_participant",
    "read_sequence",
    "read_ship",
    "read_statement",
]

# The keys an item of each claim section may have: those of every claim, and its own.
CLAIM_KEYS = frozenset({"id", "event", "quote", "occurrence"})
ATTRIBUTED = {"attribution"}  # the words that say whose claim it is
AIRCRAFT_KEYS = CLAIM_KEYS | ATTRIBUTED | {"also", "country", "type", "count", "role"}
AIRCRAFT_KEYS |= {"total", "part_of_flight", "reported_by", "operator"}
STATEMENT_KEYS = CLAIM_KEYS | {"speaker", "speaker_as_reported", "relayed_by", "relay"}
STATEMENT_KEYS |= {"medium", "said", "type", "remark"}
SEQUENCE_KEYS = CLAIM_KEYS | ATTRIBUTED | {"ordinal", "series", "scope", "place", "year"}
SEQUENCE_KEYS |= {"since", "claimed_by"}
AIRSPACE_KEYS = CLAIM_KEYS | ATTRIBUTED | {"kind", "zone", "aircraft", "country", "entries"}
AIRSPACE_KEYS |= {"time", "reported_by", "ship"}
SHIP_KEYS = CLAIM_KEYS | ATTRIBUTED | {"country", "type", "name", "class", "count", "total"}
SHIP_KEYS |= {"reported_by", "operator", "also"}
PARTICIPANT_KEYS = CLAIM_KEYS | ATTRIBUTED | {"who", "role", "personnel", "reported_by"}
NAME_KEYS = CLAIM_KEYS | {"series"}


def _claim(r: Reader, section: str, *, event: bool = True) -> dict[str, Any]:
    """What every claim gives: its id (of `section`'s form), its event (required unless
    `event` is False) and its quote."""
    return dict(
        id=r.slug("id", required=True, pattern=ITEM_ID[section]),
        event=r.slug("event", required=event),
        quote=r.quote("quote", required=True, occurrence_key="occurrence"),
    )


def _incomplete(values: dict[str, Any], *keys: str) -> bool:
    """Whether a value the record needs (`keys`, else every one) is missing: reported already."""
    return any(values[k] is None for k in keys or values)


def _where(r: Reader) -> dict[str, Any]:
    """The file and line a record keeps."""
    return {"file": r.file, "line": r.line}


def _attributed(r: Reader) -> dict[str, Any]:
    """How a claim attributed to someone ends: the words that say whose claim it is, and the
    file and line it keeps."""
    return {"attribution": r.quote_list("attribution"), **_where(r)}


def read_aircraft(r: Reader, vocab: Vocabularies) -> AircraftEntry | None:
    """One item of `aircraft:`: a country's aircraft of one type, as the article counts them."""
    number = count(r, "count", vocab.count)
    total = r.flag("total")
    operator = r.slug("operator")
    values = _claim(r, "aircraft") | dict(
        country=r.get("country", str, required=not (total or operator)),
        type=r.get("type", str, required=True),
        role=r.choice("role", vocab.schema_dir),
        reported_by=r.slug("reported_by"),
    )
    if _incomplete(values, "id", "event", "quote", "type", "role"):
        return None
    if values["country"] is None and not (total or operator):
        return None
    return AircraftEntry(
        operator=operator,
        also=tuple(r.quotes("also")),
        count=number,
        total=total,
        part_of_flight=r.flag("part_of_flight"),
        **_attributed(r),
        **values,
    )


def read_statement(r: Reader, vocab: Vocabularies) -> StatementEntry | None:
    """One item of `statements:`: what an actor said, and who relayed it."""
    if "speaker" not in r.data:
        r.error("key_required", "`speaker` is required (null only when the text names nobody)")
    values = _claim(r, "statements", event=False) | dict(
        speaker=r.slug("speaker"),
        type=r.choice("type", vocab.schema_dir),
        remark=r.slug("remark", required=True),
    )
    relayed_by, relay = r.slug("relayed_by"), r.quote("relay")
    if (relayed_by is None) != (relay is None):
        r.error(
            "keys_together",
            "`relayed_by` (an actor id) and `relay` (the words that name it) go together",
        )
    if _incomplete(values, "id", "type", "quote", "remark"):
        return None
    return StatementEntry(
        speaker_as_reported=r.quote("speaker_as_reported"),
        relayed_by=relayed_by,
        relay=relay,
        medium=r.choice("medium", vocab.schema_dir, required=False),
        said=r.quote("said"),
        **_where(r),
        **values,
    )


def read_sequence(r: Reader, vocab: Vocabularies) -> SequenceEntry | None:
    """One item of `sequence:`: the event's place in a series, and the series' scope."""
    if "claimed_by" not in r.data:
        r.error("key_required", "`claimed_by` is required (null only when the text names nobody)")
    values = _claim(r, "sequence") | dict(
        ordinal=number_or_text(r, "ordinal", vocab.ordinal),
        series=r.get("series", str, required=True),
        scope=r.choice("scope", vocab.schema_dir),
    )
    if r.data.get("ordinal") is None:
        r.error("key_required", key="ordinal")
    if _incomplete(values):
        return None
    return SequenceEntry(
        place=r.quote("place"),
        year=r.number("year", vocab.year),
        since=r.slug("since"),
        claimed_by=r.slug("claimed_by"),
        **_attributed(r),
        **values,
    )


def read_airspace(r: Reader, vocab: Vocabularies) -> AirspaceEntry | None:
    """One item of `airspace:`: an entry into a zone or airspace, or a denial of one."""
    entries = count(r, "entries", vocab.entries)
    values = _claim(r, "airspace") | dict(kind=r.choice("kind", vocab.schema_dir))
    if _incomplete(values):
        return None
    return AirspaceEntry(
        zone=r.quote("zone"),
        aircraft=r.slug("aircraft", pattern=ITEM_ID["aircraft"]),
        country=r.get("country", str),
        entries=entries,
        time=r.quote("time"),
        ship=r.slug("ship", pattern=ITEM_ID["ships"]),
        reported_by=r.slug("reported_by"),
        **_attributed(r),
        **values,
    )


def read_ship(r: Reader, vocab: Vocabularies) -> ShipEntry | None:
    """One item of `ships:`: a named ship, or a number of ships of one kind and country."""
    number = count(r, "count", vocab.ships)
    total = r.flag("total")
    operator = r.slug("operator")
    values = _claim(r, "ships") | dict(
        country=r.get("country", str, required=not (total or operator)),
        type=r.get("type", str, required=True),
    )
    name = r.get("name", str)
    if name is not None and number is not None:
        r.error("keys_together", "a named ship is one ship: give `name` or `count`, not both")
        return None
    if _incomplete(values, "id", "event", "quote", "type"):
        return None
    if values["country"] is None and not (total or operator):
        return None
    return ShipEntry(
        also=tuple(r.quotes("also")),
        operator=operator,
        name=name,
        ship_class=r.get("class", str),
        count=number,
        total=total,
        reported_by=r.slug("reported_by"),
        **_attributed(r),
        **values,
    )


def read_participant(r: Reader, vocab: Vocabularies) -> ParticipantEntry | None:
    """One item of `participants:`: a country or force that took part in an event."""
    personnel = count(r, "personnel", vocab.personnel)
    values = _claim(r, "participants") | dict(
        who=r.slug("who", required=True),
        role=r.choice("role", vocab.schema_dir),
    )
    if _incomplete(values):
        return None
    return ParticipantEntry(
        personnel=personnel, reported_by=r.slug("reported_by"), **_attributed(r), **values
    )


def read_name(r: Reader, vocab: Vocabularies) -> NameEntry | None:
    """One item of `names:`: the name an article gives an event, edition included."""
    values = _claim(r, "names")
    if _incomplete(values):
        return None
    return NameEntry(series=r.slug("series"), **_where(r), **values)
