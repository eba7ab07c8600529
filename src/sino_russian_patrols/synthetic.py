"""A seeded generator of synthetic packages of any size, valid by construction.

    >>> from sino_russian_patrols.synthetic import generate
    >>> generate("/tmp/synthetic", statements=100_000, seed=1)  # doctest: +SKIP

writes `dataset/` and `datapackage.json` under the folder with the project's own schemas and
writer (`write.to_frame`, `write_csv`, `write_parquet`, `write_descriptor`), so that
`sino-russian-patrols validate` and `frictionless validate` accept it. It is made for
benchmarks and for tests that corrupt a valid package; the texts are nonsense assembled from a
small vocabulary, not news.

What a package of S statements holds (`plan` gives the exact counts): ceil(S / per_source)
sources, each an archived "article" whose text contains every quoted span of its rows;
per_source // 10 events per source (at least one), each citing one or two places; two
aircraft claims per event; a pool of actors with one or two aliases each, every actor
mentioned in some text; and an evidence row for every span that supports an event, aircraft
claim, actor, place or event-place link. Texts include non-ASCII characters (curly quotes,
dashes, Cyrillic and Chinese) so that offsets in code points and in bytes differ.

The same arguments give byte-identical files.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from .schema import TABLES
from .write import to_frame, write_csv, write_descriptor, write_parquet

Rows = dict[str, list[dict[str, Any]]]

_VOCABULARY = (
    "air defence patrol bombers strategic cooperation region security pacific maritime "
    "flight exercise partners allies stability mission routine coordination airspace "
    "international waters escort fighters navy drills readiness ministry command forces "
    "zone identification response joint long range partnership military deterrence threat "
    "provocation peace order sovereignty transparency trust escalation observation"
)
_WORDS = tuple(_VOCABULARY.split())
_FOREIGN_WORDS = ("Москва", "北京", "Пекин", "東京", "naïve", "Séoul", "über")
_STATES = (
    ("Russia", "RUS"),
    ("China", "CHN"),
    ("Japan", "JPN"),
    ("South Korea", "KOR"),
    ("United States", "USA"),
)
_ACTOR_KINDS = ("person", "government_body", "military", "media", "international_organization")
_SURNAME_LIST = (
    "Ivanova Petrov Zhang Wang Tanaka Kim Smith Sokolov Li Chen Sato Park Miller Orlova Liu "
    "Yamada Choi Brown Volkov Zhao"
)
_SURNAMES = tuple(_SURNAME_LIST.split())
_PLACES = (
    ("Sea of Japan", "sea"),
    ("East China Sea", "sea"),
    ("Bering Sea", "sea"),
    ("North Pacific Ocean", "ocean"),
    ("Yellow Sea", "sea"),
    ("Philippine Sea", "sea"),
    ("Sea of Okhotsk", "sea"),
    ("Arctic", "region"),
    ("Alaska", "region"),
    ("Tsushima Strait", "region"),
    ("Vladivostok", "city"),
    ("Okinawa", "region"),
)
_EVENT_TYPES = (
    "joint_air_patrol",
    "joint_naval_patrol",
    "joint_exercise",
    "intercept",
    "scramble",
    "exercise",
    "ministerial_meeting",
)
_EVENT_PHRASES = {
    "joint_air_patrol": "Russian and Chinese strategic bombers flew a joint patrol over the",
    "joint_naval_patrol": "Russian and Chinese warships sailed a joint patrol through the",
    "joint_exercise": "Russian and Chinese forces held joint exercises near the",
    "intercept": "fighter jets intercepted the bombers above the",
    "scramble": "the air force scrambled fighters toward the",
    "exercise": "the navy held a drill of its own in the",
    "ministerial_meeting": "defence ministers met to discuss patrols over the",
}
_AIRCRAFT = (
    # country, adjective, canonical type, as reported, role, noun
    ("RUS", "Russian", "Tu-95MS", "TU-95MS", "bomber", "strategic bombers"),
    ("RUS", "Russian", "Su-35S", "Su-35S", "fighter_escort", "escort fighters"),
    ("CHN", "Chinese", "H-6K", "H-6K", "bomber", "bombers"),
    ("CHN", "Chinese", "H-6", "Xian H-6", "bomber", "bombers"),
    ("JPN", "Japanese", "F-15J", "F-15J", "fighter", "fighter jets"),
    ("KOR", "South Korean", "unspecified", "warplanes", "unspecified", ""),
)
_NUMBERS = ("two", "three", "four", "six", "eight")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Plan:
    """How many rows of each kind a package of `statements` statements gets."""

    statements: int
    sources: int
    events_per_source: int
    actors: int
    places: int

    @property
    def events(self) -> int:
        return self.sources * self.events_per_source


def plan(statements: int, /, *, per_source: int = 50) -> Plan:
    """The sizes of a synthetic package with `statements` statements (at least 1)."""
    if statements < 1 or per_source < 1:
        raise ValueError("a synthetic package needs at least one statement and one per source")
    sources = math.ceil(statements / per_source)
    events_per_source = max(1, per_source // 10)
    speakers = min(8, per_source)
    actors = max(len(_STATES), min(max(8, statements // 500), sources * speakers))
    places = min(40, sources * events_per_source)
    return Plan(statements, sources, events_per_source, actors, places)


def default_schema_dir() -> Path:
    """The project's `schema/`: in the source checkout, else the copy inside the package."""
    here = Path(__file__).resolve()
    for candidate in (here.parents[2] / "schema", here.parent / "data" / "schema"):
        if (candidate / "sources.json").is_file():
            return candidate
    raise FileNotFoundError("cannot find the schema/ folder; pass schema_dir=")


def _slug(text: str) -> str:
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)


class _Text:
    """An article being written: appends pieces and returns their code-point offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def value(self) -> str:
        return "".join(self.parts)


class _Generator:
    def __init__(self, size: Plan, seed: int) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.seed = seed
        self.rows: Rows = {name: [] for name in TABLES}
        self.remarks = [self._remark() for _ in range(max(1, size.statements // 4))]

    # vocabulary ---------------------------------------------------------------------------
    def _remark(self) -> str:
        words = self.rng.choices(_WORDS, k=self.rng.randint(5, 12))
        if self.rng.random() < 0.2:
            words.insert(self.rng.randrange(len(words)), self.rng.choice(_FOREIGN_WORDS))
        words[0] = words[0].capitalize()
        return " ".join(words)

    # registries -----------------------------------------------------------------------------
    def actors(self) -> list[tuple[str, tuple[str, ...]]]:
        """Rows of actors and actor_aliases; returns (actor_id, aliases) per actor."""
        out = []
        for i in range(self.size.actors):
            if i < len(_STATES):
                name, country = _STATES[i]
                kind, title, parent = "state", None, None
            else:
                kind = _ACTOR_KINDS[i % len(_ACTOR_KINDS)]
                name = f"{_SURNAMES[i % len(_SURNAMES)]} {kind.split('_')[0].capitalize()} {i}"
                country = _STATES[i % len(_STATES)][1] if kind != "media" else None
                title = "spokesperson" if kind == "person" else None
                parent = _slug(_STATES[i % len(_STATES)][0]) if country else None
            actor_id = _slug(name)
            aliases = (name, name.upper()) if i % 3 == 0 else (name,)
            self.rows["actors"].append(
                {
                    "actor_id": actor_id,
                    "name": name,
                    "actor_type": kind,
                    "country": country,
                    "title": title,
                    "parent_actor_id": parent,
                }
            )
            for alias in aliases:
                self.rows["actor_aliases"].append({"alias": alias, "actor_id": actor_id})
            out.append((actor_id, aliases))
        return out

    def places(self) -> list[tuple[str, str]]:
        out = []
        for i in range(self.size.places):
            if i < len(_PLACES):
                name, kind = _PLACES[i]
            else:
                name, kind = f"Patrol Sector {i}", "region"
            self.rows["places"].append({"place_id": _slug(name), "name": name, "place_type": kind})
            out.append((_slug(name), name))
        return out

    # one article ----------------------------------------------------------------------------
    def _cite(
        self, table: str, record_id: str, source: str, span: tuple[int, int], quote: str
    ) -> None:
        self.rows["evidence"].append(
            {
                "record_table": table,
                "record_id": record_id,
                "source_id": source,
                "char_start": span[0],
                "char_end": span[1],
                "quote": quote,
            }
        )

    def _dates(self, anchor: dt.date) -> dict[str, Any]:
        """Dates of one event with a precision and basis that fit each other."""
        precision = self.rng.choice(("day", "day", "month", "year", "unknown"))
        day = anchor - dt.timedelta(days=self.rng.randint(0, 6))
        if precision == "day":
            basis = self.rng.choice(("stated", "weekday_relative"))
            start = end = day
            note = (
                None if basis == "stated" else f"'on {_DAY_NAMES[day.weekday()]}' before {anchor}"
            )
        elif precision == "month":
            basis = "relative_phrase"
            start = day.replace(day=1)
            end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
            note = f"'this month', against the publication date {anchor}"
        elif precision == "year":
            basis = "context"
            start, end = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
            note = f"the year {day.year} comes from the context of the article"
        else:
            basis = "relative_phrase"
            start, end = None, anchor
            note = f"'recently': no earlier bound, at the latest {anchor}"
        return {
            "start_date": start,
            "end_date": end,
            "date_precision": precision,
            "date_basis": basis,
            "date_note": note,
        }

    def source(
        self,
        index: int,
        statements: int,
        actors: list[tuple[str, tuple[str, ...]]],
        places: list[tuple[str, str]],
    ) -> None:
        rng, size = self.rng, self.size
        digest = hashlib.sha256(f"{self.seed}/{index}".encode()).hexdigest()
        source_id = f"{index % 1000:03d}_{digest[:16]}"
        published = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
        basis = rng.choice(("stated", "stated", "stated", "inferred", "unknown"))
        text = _Text()

        title = f"{rng.choice(_WORDS).capitalize()} {rng.choice(_WORDS)} report number {index}"
        text.add(title + "\n")
        if basis == "stated":
            text.add(
                f"{_DAY_NAMES[published.weekday()]} {published.day} "
                f"{calendar.month_name[published.month]} {published.year}\n"
            )
        text.add("\n")
        publisher = None
        if index % 4 == 0:
            publisher = f"The {rng.choice(_SURNAMES)} Gazette"
            text.add(f"Published by {publisher}.\n\n")

        # The speakers of this article, each mentioned once by name (the actors' evidence).
        speakers = [actors[(index * 8 + j) % len(actors)] for j in range(min(8, len(actors)))]
        speakers = list(dict.fromkeys(speakers))
        text.add("Those quoted include ")
        for j, (actor_id, aliases) in enumerate(speakers):
            alias = aliases[j % len(aliases)]
            self._cite("actors", actor_id, source_id, text.add(alias), alias)
            text.add(", " if j < len(speakers) - 1 else ".\n\n")

        # Events, each with one or two places and two aircraft claims.
        events: list[str] = []
        event_quotes: list[tuple[str, int, int]] = []
        aircraft_number = 0
        for k in range(size.events_per_source):
            number = index * size.events_per_source + k
            kind = _EVENT_TYPES[0] if k == 0 else rng.choice(_EVENT_TYPES)
            dates = self._dates(published)
            period = published.strftime("%Y-%m")
            event_id = f"{period}-{_slug(kind)}-{number}"
            parent = events[0] if kind in ("intercept", "scramble") and events else None
            quote_start, _ = text.add(f"{rng.choice(('On', 'Earlier,', 'Then'))} ")
            text.add(_EVENT_PHRASES[kind] + " ")
            cited_places = [places[number % len(places)]]
            if rng.random() < 0.5 and len(places) > 1:
                cited_places.append(places[(number + 1) % len(places)])
            for m, (place_id, name) in enumerate(cited_places):
                span = text.add(name)
                self._cite("places", place_id, source_id, span, name)
                self._cite("event_places", f"{event_id}/{place_id}", source_id, span, name)
                self.rows["event_places"].append({"event_id": event_id, "place_id": place_id})
                if m < len(cited_places) - 1:
                    text.add(" and the ")
            quote_end = text.length
            text.add(".\n")
            self.rows["events"].append(
                {
                    "event_id": event_id,
                    "event_type": kind,
                    "summary": f"Synthetic {kind.replace('_', ' ')} number {number}.",
                    **dates,
                    "duration_hours": rng.choice((None, None, 8.0, 12.5)),
                    "parent_event_id": parent,
                }
            )
            events.append(event_id)
            event_quotes.append((event_id, quote_start, quote_end))

            for _ in range(2):
                aircraft_number += 1
                country, adjective, canonical, reported, role, noun = rng.choice(_AIRCRAFT)
                reporter = rng.choice(speakers) if rng.random() < 0.6 else None
                text.add(f"{reporter[1][0]} said " if reporter else "Reports said ")
                number_word = rng.choice(_NUMBERS) if rng.random() < 0.7 else None
                claim = " ".join(w for w in (number_word, adjective, reported, noun) if w)
                span = text.add(claim)
                text.add(" took part.\n")
                aircraft_id = f"{source_id}-a{aircraft_number:02d}"
                self._cite("aircraft", aircraft_id, source_id, span, claim)
                self.rows["aircraft"].append(
                    {
                        "aircraft_id": aircraft_id,
                        "event_id": event_id,
                        "country": country,
                        "aircraft_type": canonical,
                        "type_as_reported": reported,
                        "role": role,
                        "count": _NUMBERS_VALUE[number_word] if number_word else None,
                        "reported_by": reporter[0] if reporter else None,
                        "source_id": source_id,
                    }
                )
        text.add("\n")

        # Statements: direct quotes in curly quotation marks, or paraphrases.
        for n in range(1, statements + 1):
            remark = rng.randrange(len(self.remarks))
            words = self.remarks[remark]
            speaker = speakers[n % len(speakers)] if n % 7 else None
            text.add(f"{speaker[1][0]} said" if speaker else "A spokesperson said")
            if n % 3:
                kind = "direct_quote"
                text.add(": “")
                span = text.add(words)
                text.add("”.\n")
                quoted = words
            else:
                kind = "paraphrase"
                quoted = f"that {words[0].lower()}{words[1:]}"
                text.add(" ")
                span = text.add(quoted)
                text.add(".\n")
            self.rows["statements"].append(
                {
                    "statement_id": f"{source_id}-s{n:02d}",
                    "actor_id": speaker[0] if speaker else None,
                    "event_id": events[n % len(events)] if n % 5 else None,
                    "text": quoted,
                    "statement_type": kind,
                    "source_id": source_id,
                    "char_start": span[0],
                    "char_end": span[1],
                    "remark_id": f"remark-{remark}",
                }
            )

        body = text.value()
        for event_id, start, end in event_quotes:
            self._cite("events", event_id, source_id, (start, end), body[start:end])
        self.rows["sources"].append(
            {
                "source_id": source_id,
                "title": title,
                "publisher": publisher,
                "published_date": published if basis != "unknown" else None,
                "published_date_basis": basis,
                "published_date_note": (
                    "inferred from the events the article reports" if basis == "inferred" else None
                ),
                "source_type": "news_report" if index % 5 else "analysis",
                "original_filename": f"{source_id}.txt",
                "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
                "text": body,
            }
        )

    def run(self) -> Rows:
        actors = self.actors()
        places = self.places()
        remaining = self.size.statements
        per_source = math.ceil(self.size.statements / self.size.sources)
        for index in range(self.size.sources):
            count = min(per_source, remaining - (self.size.sources - index - 1))
            count = max(1, count)
            self.source(index, count, actors, places)
            remaining -= count
        return self.rows


_NUMBERS_VALUE = {"two": 2, "three": 3, "four": 4, "six": 6, "eight": 8}


def rows(statements: int, /, *, seed: int = 0, per_source: int = 50) -> Rows:
    """The rows of every table of a synthetic package (dicts, as the build assembles them)."""
    return _Generator(plan(statements, per_source=per_source), seed).run()


def write_package(
    root: Path | str,
    tables: Mapping[str, list[dict[str, Any]] | pl.DataFrame],
    /,
    *,
    schema_dir: Path | None = None,
) -> Path:
    """Write `tables` as a package under `root`; return its datapackage.json.

    Each table is a list of row dicts (sorted and typed by `write.to_frame`) or a DataFrame,
    written as it is: a test can corrupt a frame and write it back. The descriptor is
    written last, so its hashes and sizes match the files.
    """
    root = Path(root)
    schema_dir = schema_dir or default_schema_dir()
    for name, table in tables.items():
        frame = table if isinstance(table, pl.DataFrame) else to_frame(name, table, schema_dir)
        write_csv(frame, root / "dataset" / "csv" / f"{name}.csv")
        write_parquet(frame, root / "dataset" / "parquet" / f"{name}.parquet")
    return write_descriptor(root, schema_dir)


def read_tables(root: Path | str, /) -> dict[str, pl.DataFrame]:
    """Every table of the package under `root`, read from its Parquet files."""
    root = Path(root)
    return {
        name: pl.read_parquet(root / "dataset" / "parquet" / f"{name}.parquet") for name in TABLES
    }


def generate(
    root: Path | str,
    /,
    statements: int = 1000,
    *,
    seed: int = 0,
    per_source: int = 50,
    schema_dir: Path | None = None,
) -> Path:
    """Write a valid synthetic package of `statements` statements under `root`.

    Returns the path of its datapackage.json. The same arguments give the same bytes.
    """
    tables = rows(statements, seed=seed, per_source=per_source)
    return write_package(root, tables, schema_dir=schema_dir)
