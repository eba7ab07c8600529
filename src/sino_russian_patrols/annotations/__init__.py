"""Read the curated annotation files under `build/annotations/` into typed records.

One file per article says what that article says: the events it reports (with the dates,
durations, places and routes it gives), the aircraft it counts, the remarks it reports, the
sequence claims ("the second joint patrol") and the airspace claims (zone entries,
violations, denials of violations). Every record keeps the file and line it came from, so
that later steps can point the data editor at the exact place to fix. Controlled values are
checked against the vocabularies of `schema/` here, at their file and line.

Along the path of the data: `reader` reads a file and hands each section to its reader
(`source`, `events`, `claims`), which check values against `values` (the vocabularies and
bounds of `schema/`) and build the `records`.
"""

from __future__ import annotations

from .reader import read_annotation, read_annotations
from .records import (
    AircraftEntry,
    AirspaceEntry,
    Annotation,
    DateSpec,
    EventEntry,
    NameEntry,
    ParticipantEntry,
    PublishedDate,
    Quote,
    RoutePoint,
    SequenceEntry,
    ShipEntry,
    SourceMeta,
    StatementEntry,
)
from .values import Vocabularies

__all__ = [
    "AircraftEntry",
    "AirspaceEntry",
    "Annotation",
    "DateSpec",
    "EventEntry",
    "NameEntry",
    "ParticipantEntry",
    "PublishedDate",
    "Quote",
    "RoutePoint",
    "SequenceEntry",
    "ShipEntry",
    "SourceMeta",
    "StatementEntry",
    "Vocabularies",
    "read_annotation",
    "read_annotations",
]
