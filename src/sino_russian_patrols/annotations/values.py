"""What a value in an annotation file may be, beyond its type: the vocabularies and bounds of
`schema/`, the form of an item's id, and a count written as a number or as words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import shown
from ..normalize import count_phrase
from ..schema import bounds, check_schemas
from ..yamlreader import Reader, number_problem

__all__ = ["ITEM_ID", "Vocabularies", "count", "number_or_text"]


@dataclass(frozen=True)
class Vocabularies:
    """The controlled values an annotation may use, read from `schema/`: the `enum` of each
    field (through `yamlreader.CONTROLLED`, in `schema_dir`) and the bounds of its numbers."""

    schema_dir: Path
    # The whole numbers a count, a number of entries, an ordinal and a year may be: a value
    # outside is refused at its line, never left to overflow a column.
    count: tuple[int, int]
    entries: tuple[int, int]
    ordinal: tuple[int, int]
    year: tuple[int, int]
    ships: tuple[int, int]
    personnel: tuple[int, int]

    @classmethod
    def from_schema(cls, schema_dir: Path) -> Vocabularies:
        """Every file of `schema/` is checked first: a broken one is a SchemaError naming it."""
        check_schemas(schema_dir)
        year = bounds(schema_dir, "sequence_claims", "scope_year")
        return cls(
            schema_dir=schema_dir,
            count=bounds(schema_dir, "aircraft", "count"),
            entries=bounds(schema_dir, "airspace_claims", "entries"),
            ordinal=bounds(schema_dir, "sequence_claims", "ordinal"),
            # a year is also a date's year (the context year dates phrases): 1 to 9999
            year=(max(year[0], dt.MINYEAR), min(year[1], dt.MAXYEAR)),
            ships=bounds(schema_dir, "ship_claims", "count"),
            personnel=bounds(schema_dir, "event_participants", "personnel"),
        )


# The id of an item of each section, unique within its file: a letter for the section and a
# number (a01, s01, q01, z01); the build prefixes it with the source id.
ITEM_ID = {
    "aircraft": re.compile(r"^a[0-9]{2,}$"),
    "statements": re.compile(r"^s[0-9]{2,}$"),
    "sequence": re.compile(r"^q[0-9]{2,}$"),
    "airspace": re.compile(r"^z[0-9]{2,}$"),
    "ships": re.compile(r"^v[0-9]{2,}$"),
    "participants": re.compile(r"^p[0-9]{2,}$"),
    "names": re.compile(r"^n[0-9]{2,}$"),
}


def number_or_text(r: Reader, key: str, limits: tuple[int, int]) -> str | None:
    """`key` as written: text (read later as a phrase), or a whole number within `limits`."""
    value = r.data.get(key)
    if value is None or isinstance(value, str):
        return value
    number = r.number(key, limits)
    return None if number is None else str(number)


def count(r: Reader, key: str, limits: tuple[int, int]) -> str | None:
    """A count as written (`two`, `more than 10`, 3) whose number is within `limits`; a phrase
    that is no count at all is left to the aircraft step, which names the claim and the words."""
    value = number_or_text(r, key, limits)
    try:
        number = None if value is None else count_phrase(value)[0]
    except ValueError:
        return value
    if number is not None and (wrong := number_problem(number, limits)):
        r.error("number_range", f"`{key}` {shown(value)} counts {number:,}, which {wrong}", at=key)
        return None
    return value
