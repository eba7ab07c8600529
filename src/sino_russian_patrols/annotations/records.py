"""The records an annotation file is read into: what one article says, line by line.

`Annotation` holds one article's `source:` section (`SourceMeta`, with its `PublishedDate`),
its actor mentions, and one entry per item of its sections: `EventEntry` (with its `DateSpec`
and `RoutePoint`s), `AircraftEntry`, `StatementEntry`, `SequenceEntry`, `AirspaceEntry`,
`ShipEntry`, `ParticipantEntry` and `NameEntry`.
Every entry keeps the file and line it came from, so that the build steps can point the data
editor at the exact place to fix. The readers that build them are `source`, `events` and
`claims`; `reader` reads a whole file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..yamlreader import Quote


@dataclass(frozen=True)
class DateSpec:
    """A date claim: a phrase to resolve (`quote`), or the dates of another event (`same_as`),
    or an upper bound set by another event (`before`). `end_only`: the phrase dates only the
    event's end or the day a completed event was reported, so the start has no bound.
    `began_by`: the phrase dates a report made while the event went on ("the ministry said on
    Tuesday" of a patrol that flew again on Wednesday): it had begun by that day."""

    quote: Quote | None
    anchor: str | None
    same_as: str | None
    before: str | None
    end_only: bool
    note: str | None
    line: int | None
    began_by: bool = False
    after: str | None = None  # no earlier than the end of this event
    announced: bool = False  # the source announces the event: its dates may lie ahead
    start_only: bool = False  # the phrase dates only the event's beginning


@dataclass(frozen=True)
class PublishedDate:
    """Where the publication date comes from: `stated` (a quote with day, month and year),
    `dateline` (a quote with month and day; the year from the archive record), `page_record`
    or `url` (the archive record), or `inferred` (a value with a note)."""

    origin: str
    quote: Quote | None
    value: dt.date | None
    note: str | None


@dataclass(frozen=True)
class SourceMeta:
    source_type: str
    title: Quote | None
    publisher: Quote | None
    wire: Quote | None
    published: PublishedDate | None
    context_year: int | None
    context_note: str | None


@dataclass(frozen=True)
class RoutePoint:
    leg: int
    role: str
    place: Quote
    aircraft: str | None


@dataclass(frozen=True)
class EventEntry:
    """One report of an event in one article; the event itself is defined in the registry."""

    id: str
    quote: Quote
    date: DateSpec | None
    duration: Quote | None
    places: tuple[Quote, ...]
    route: tuple[RoutePoint, ...]
    file: str
    line: int | None


@dataclass(frozen=True)
class AircraftEntry:
    id: str
    event: str
    quote: Quote
    also: tuple[Quote, ...]
    country: str | None
    type: str
    count: str | None
    role: str
    total: bool
    part_of_flight: bool
    reported_by: str | None
    attribution: tuple[Quote, ...]
    file: str
    line: int | None
    operator: str | None = None  # the force flying them, named in the words ("ASDF fighters")


@dataclass(frozen=True)
class StatementEntry:
    id: str
    speaker: str | None
    speaker_as_reported: Quote | None
    relayed_by: str | None
    relay: Quote | None
    medium: str | None
    said: Quote | None
    event: str | None
    type: str
    quote: Quote
    remark: str
    file: str
    line: int | None


@dataclass(frozen=True)
class SequenceEntry:
    id: str
    event: str
    quote: Quote
    ordinal: str
    series: str
    scope: str
    place: Quote | None
    year: int | None
    since: str | None
    claimed_by: str | None
    attribution: tuple[Quote, ...]
    file: str
    line: int | None


@dataclass(frozen=True)
class AirspaceEntry:
    id: str
    event: str
    quote: Quote
    kind: str
    zone: Quote | None
    aircraft: str | None
    country: str | None
    entries: str | None
    time: Quote | None
    ship: str | None
    reported_by: str | None
    attribution: tuple[Quote, ...]
    file: str
    line: int | None


@dataclass(frozen=True)
class ShipEntry:
    """A ship claim: a named ship, or a number of ships of one kind, as one article says."""

    id: str
    event: str
    quote: Quote
    country: str | None
    type: str
    name: str | None
    ship_class: str | None
    count: str | None
    total: bool
    reported_by: str | None
    attribution: tuple[Quote, ...]
    file: str
    line: int | None
    also: tuple[Quote, ...] = ()  # further spans of the same claim
    operator: str | None = None  # the force sailing them, named in the words ("Pacific Fleet's")


@dataclass(frozen=True)
class ParticipantEntry:
    """That a country or force took part in an event (as participant, observer or host), with
    the personnel the article gives for it."""

    id: str
    event: str
    quote: Quote
    who: str
    role: str
    personnel: str | None
    reported_by: str | None
    attribution: tuple[Quote, ...]
    file: str
    line: int | None


@dataclass(frozen=True)
class NameEntry:
    """A name an article gives an event ("Joint Sea 2021"): its series is found from the
    name's words, its edition is the year the name carries."""

    id: str
    event: str
    quote: Quote
    series: str | None
    file: str
    line: int | None


@dataclass
class Annotation:
    """What one article says, as the editors annotated it."""

    source_id: str
    file: str
    meta: SourceMeta
    actors: list[Quote] = field(default_factory=list)
    events: list[EventEntry] = field(default_factory=list)
    aircraft: list[AircraftEntry] = field(default_factory=list)
    statements: list[StatementEntry] = field(default_factory=list)
    sequence: list[SequenceEntry] = field(default_factory=list)
    airspace: list[AirspaceEntry] = field(default_factory=list)
    ships: list[ShipEntry] = field(default_factory=list)
    participants: list[ParticipantEntry] = field(default_factory=list)
    names: list[NameEntry] = field(default_factory=list)
