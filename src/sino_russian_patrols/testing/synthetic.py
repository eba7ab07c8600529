"""A seeded generator of synthetic packages of any size, valid by construction.

    >>> from sino_russian_patrols.testing import generate
    >>> generate("/tmp/synthetic", statements=100_000, seed=1)  # doctest: +SKIP

writes `dataset/` and `datapackage.json` under the folder with the project's own schemas and
writer (`write.to_frame`, `write_csv`, `write_parquet`, `write_descriptor`), so that
`sino-russian-patrols validate` and `frictionless validate` accept it. It is made for
benchmarks and for tests that corrupt a valid package; the texts are nonsense assembled from a
small vocabulary, not news.

What a package of S statements holds (`plan` gives the exact counts): ceil(S / per_source)
sources, each an archived "article" whose text contains every quoted span of its rows;
per_source // 10 events per source (at least one), each citing one or two places, dated by one
date claim of its source, and with two aircraft claims (the first event of a package: a
per-type claim and a total that the text does not split by country); a pool of actors with one
or two aliases each, every actor mentioned in some text; a registry of places (some inside a
larger place) with one or two spellings each, and of aircraft types. The first event of each
source also gets a duration claim, a route, a sequence claim and an airspace claim; later
events get them at random, so these tables grow with the events, not with the statements.
Every row of each table that evidence supports (the values of `evidence.record_table`) has an
evidence row whose quote is the verbatim span of its source text; a statement's evidence is
its own span and the words that name its unnamed speaker, its relayer or its day; a place's
evidence quotes one of its spellings. Every third article ends with reader comments below its
body (`sources.body_end`, found by the build's own rule `articles.body_end`), which no span
reaches. Texts include non-ASCII characters (curly quotes, dashes, Cyrillic and Chinese) so
that offsets in code points and in bytes differ. Controlled vocabularies (event types,
qualifiers, media, claim types, scopes, date bases) are read from `schema/`, so a value added
there is generated too.

The same arguments give byte-identical files.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import random
from dataclasses import dataclass
from pathlib import Path

from ..articles import body_end
from ..hashes import bytes_sha256
from ..package import write_package
from ..schema import TABLES, TableName, default_schema_dir, enum_values
from ..write import to_frame
from .claims import Claims, Place, Rows, Speaker
from .words import (
    ACTOR_KINDS,
    AIRCRAFT_TYPES,
    DAY_NAMES,
    FOREIGN_WORDS,
    PLACES,
    PUBLISHED_NOTES,
    STATES,
    SURNAMES,
    WORDS,
    Text,
    day_month_year,
    slug,
)


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
    actors = max(len(STATES), min(max(8, statements // 500), sources * speakers))
    places = min(40, sources * events_per_source)
    return Plan(statements, sources, events_per_source, actors, places)


class _Generator(Claims):
    """Writes the rows of a whole package: the registries, then one source at a time."""

    def __init__(self, size: Plan, seed: int, schema_dir: Path) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.seed = seed
        self.rows: Rows = {name: [] for name in TABLES}
        self.remarks = [self._remark() for _ in range(max(1, size.statements // 4))]
        self.kinds: dict[str, str] = {}  # actor_id: actor_type
        self.place_aliases: dict[str, tuple[str, ...]] = {}  # place_id: spellings
        self.event_ids: list[str] = []  # every event so far, for sequence claims `since`
        self.cites: list[tuple[str, str, int, int]] = []  # the evidence of the current source
        self.named_ships: set[str] = set()
        self.named_series: set[str] = set()

        def words(table: TableName, column: str) -> tuple[str, ...]:
            return enum_values(table, column, schema_dir)

        self.event_types = words("events", "event_type")
        self.qualifiers = words("aircraft", "count_qualifier")
        self.durations = words("event_durations", "duration_qualifier")
        self.media = words("statements", "medium")
        self.scopes = words("sequence_claims", "scope")
        self.claim_types = words("airspace_claims", "claim_type")
        self.published_bases = words("sources", "published_date_basis")
        self.source_types = words("sources", "source_type")
        self.route_roles = words("event_routes", "role")

    # vocabulary ---------------------------------------------------------------------------
    def _remark(self) -> str:
        words = self.rng.choices(WORDS, k=self.rng.randint(5, 12))
        if self.rng.random() < 0.2:
            words.insert(self.rng.randrange(len(words)), self.rng.choice(FOREIGN_WORDS))
        words[0] = words[0].capitalize()
        return " ".join(words)

    def actors(self) -> list[Speaker]:
        """Rows of actors and actor_aliases; returns (actor_id, aliases) per actor."""
        out = []
        for i in range(self.size.actors):
            if i < len(STATES):
                name, country = STATES[i]
                kind, title, parent = "state", None, None
            else:
                kind = ACTOR_KINDS[i % len(ACTOR_KINDS)]
                name = f"{SURNAMES[i % len(SURNAMES)]} {kind.split('_')[0].capitalize()} {i}"
                country = STATES[i % len(STATES)][1] if kind != "media" else None
                title = "spokesperson" if kind == "person" else None
                parent = slug(STATES[i % len(STATES)][0]) if country else None
            actor_id = slug(name)
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
            self.kinds[actor_id] = kind
            out.append((actor_id, aliases))
        return out

    def places(self) -> list[Place]:
        """Rows of places and place_aliases; a parent only where the larger place is in the
        package too."""
        out = []
        listed = {name for name, _, _ in PLACES[: self.size.places]}
        for i in range(self.size.places):
            if i < len(PLACES):
                name, kind, parent = PLACES[i]
            else:
                name, kind, parent = f"Patrol Sector {i}", "region", None
            self.rows["places"].append(
                {
                    "place_id": slug(name),
                    "name": name,
                    "place_type": kind,
                    "parent_place_id": slug(parent) if parent in listed else None,
                }
            )
            aliases = (name, name.upper()) if i % 3 == 0 else (name,)
            for alias in aliases:
                self.rows["place_aliases"].append({"alias": alias, "place_id": slug(name)})
            self.place_aliases[slug(name)] = aliases
            out.append((slug(name), name, kind))
        return out

    def aircraft_types(self) -> None:
        for designation, (family, manufacturer, kind) in AIRCRAFT_TYPES.items():
            self.rows["aircraft_types"].append(
                {
                    "designation": designation,
                    "family": family,
                    "manufacturer": manufacturer,
                    "kind": kind,
                }
            )

    # one article ----------------------------------------------------------------------------
    def source(
        self, index: int, statements: int, actors: list[Speaker], places: list[Place]
    ) -> None:
        rng, size = self.rng, self.size
        digest = bytes_sha256(f"{self.seed}/{index}".encode())
        source_id = f"{index % 1000:03d}_{digest[:16]}"
        published = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
        basis = "stated" if rng.random() < 0.5 else rng.choice(self.published_bases)
        self.cites = []
        text = Text()

        # The speakers of this article, each mentioned once by name (the actors' evidence).
        speakers = [actors[(index * 8 + j) % len(actors)] for j in range(min(8, len(actors)))]
        speakers = list(dict.fromkeys(speakers))
        agencies = [s for s in speakers if self.kinds[s[0]] == "media"]
        wire = agencies[0] if agencies and rng.random() < 0.5 else None

        title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} report number {index}"
        text.add(title + "\n")
        stated = f"{DAY_NAMES[published.weekday()]} {day_month_year(published)}"
        if basis == "stated":
            text.add(stated + "\n")
        elif basis == "dateline":
            text.add(f"MOSCOW, {calendar.month_abbr[published.month]}. {published.day} –\n")
        text.add("\n")
        publisher = None
        if index % 4 == 0:
            publisher = f"The {rng.choice(SURNAMES)} Gazette"
            text.add(f"Published by {publisher}.\n\n")
        if wire is not None:
            text.add(f"Copy of {wire[1][0]}.\n\n")

        text.add("Those quoted include ")
        for j, (actor_id, aliases) in enumerate(speakers):
            self._cite("actors", actor_id, text.add(aliases[j % len(aliases)]))
            text.add(", " if j < len(speakers) - 1 else ".\n\n")

        events: list[str] = []
        counters = {"a": 0, "q": 0, "z": 0}
        for k in range(size.events_per_source):
            number = index * size.events_per_source + k
            first = k == 0
            kind = "joint_air_patrol" if first else rng.choice(self.event_types)
            cited = [places[number % len(places)]]
            if rng.random() < 0.5 and len(places) > 1:
                cited.append(places[(number + 1) % len(places)])
            event_id = self._event(source_id, number, kind, published, cited, events, text)
            events.append(event_id)
            if first:  # every source's first event: its ships, a participant, its name
                self._at_sea(source_id, event_id, number, speakers, text)

            first_aircraft = f"{source_id}-a{counters['a'] + 1:02d}"
            for j in range(2):
                counters["a"] += 1
                total = j == 1 and (number == 0 or rng.random() < 0.2)
                self._aircraft(source_id, event_id, counters["a"], total, speakers, text)
            if first or (len(cited) > 1 and rng.random() < 0.5):
                aircraft_id = first_aircraft if rng.random() < 0.5 else None
                self._route(source_id, event_id, cited, aircraft_id, text)
            if first or rng.random() < 0.2:
                counters["q"] += 1
                claim_id = f"{source_id}-q{counters['q']:02d}"
                self._sequence(
                    claim_id, source_id, event_id, kind, cited, published, speakers, text
                )
            if first or rng.random() < 0.2:
                counters["z"] += 1
                claim_id = f"{source_id}-z{counters['z']:02d}"
                self._airspace(
                    claim_id, source_id, event_id, first_aircraft, places, speakers, text
                )
        text.add("\n")

        anchor = published if basis != "unknown" else None  # what a statement is dated by
        for n in range(1, statements + 1):
            self._statement(n, source_id, anchor, speakers, events, text)
        if index % 3 == 0:  # reader comments below the article: not data
            reader = f"{rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"
            text.add(f"\nComments / 1\n\n{reader}\n\n{self._remark()}\n")

        body = text.value()
        self.rows["evidence"].extend(
            {
                "record_table": table,
                "record_id": record_id,
                "source_id": source_id,
                "char_start": start,
                "char_end": end,
                "quote": body[start:end],
            }
            for table, record_id, start, end in self.cites
        )
        archived = basis == "url" or index % 2 == 0
        self.rows["sources"].append(
            {
                "source_id": source_id,
                "title": title,
                "publisher": publisher,
                "published_date": published if basis != "unknown" else None,
                "published_date_basis": basis,
                "published_date_note": (
                    f"Stated in the text: '{stated}'."
                    if basis == "stated"
                    else PUBLISHED_NOTES.get(basis)
                ),
                "source_type": self.source_types[0] if index % 5 else self.source_types[-1],
                "original_filename": f"{source_id}.txt",
                "sha256": bytes_sha256(body.encode("utf-8")),
                "text": body,
                "archive_url": (
                    f"https://archive.example.org/{source_id}/news.example/"
                    + (f"{published:%Y/%m/%d}/" if basis == "url" else "")
                    + slug(title)
                    if archived
                    else None
                ),
                "archive_title": title if archived else None,
                "archive_publisher": (publisher or "News Example") if archived else None,
                "archive_page_date": (
                    published
                    if basis == "page_record"
                    or (archived and index % 3 == 0 and basis != "unknown")
                    else None
                ),
                "wire_agency_id": wire[0] if wire else None,
                "body_end": body_end(body),
            }
        )

    def run(self) -> Rows:
        actors = self.actors()
        places = self.places()
        self.aircraft_types()
        remaining = self.size.statements
        per_source = math.ceil(self.size.statements / self.size.sources)
        for index in range(self.size.sources):
            count = min(per_source, remaining - (self.size.sources - index - 1))
            count = max(1, count)
            self.source(index, count, actors, places)
            remaining -= count
        return self.rows


def rows(
    statements: int,
    /,
    *,
    seed: int = 0,
    per_source: int = 50,
    schema_dir: Path | None = None,
) -> Rows:
    """The rows of every table of a synthetic package (dicts, as the build assembles them).

    The vocabularies come from the schemas in `schema_dir` (default: the project's).
    """
    size = plan(statements, per_source=per_source)
    return _Generator(size, seed, schema_dir or default_schema_dir()).run()


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
    schema_dir = schema_dir or default_schema_dir()
    tables = rows(statements, seed=seed, per_source=per_source, schema_dir=schema_dir)
    # each table's row dicts are let go as soon as its frame is made: less memory at the peak
    frames = {name: to_frame(name, tables.pop(name), schema_dir) for name in TABLES}
    return write_package(root, frames, schema_dir=schema_dir)
