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
import hashlib
import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from .articles import body_end
from .schema import TABLES, vocabulary
from .write import to_frame, write_csv, write_descriptor, write_parquet

Rows = dict[str, list[dict[str, Any]]]
Speaker = tuple[str, tuple[str, ...]]  # actor_id, aliases
Place = tuple[str, str, str]  # place_id, name, place_type

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
# media second, so that a package of seven actors or more has a news agency
_ACTOR_KINDS = ("person", "media", "government_body", "military", "international_organization")
_SURNAME_LIST = (
    "Ivanova Petrov Zhang Wang Tanaka Kim Smith Sokolov Li Chen Sato Park Miller Orlova Liu "
    "Yamada Choi Brown Volkov Zhao"
)
_SURNAMES = tuple(_SURNAME_LIST.split())
_ADIZ = "air_defense_identification_zone"
_PLACES = (
    # name, place type, the larger place it lies in (a parent is listed before its children)
    ("North Pacific Ocean", "ocean", None),
    ("Sea of Japan", "sea", "North Pacific Ocean"),
    ("Japan Air Defense Identification Zone", _ADIZ, None),
    ("East China Sea", "sea", "North Pacific Ocean"),
    ("Bering Sea", "sea", "North Pacific Ocean"),
    ("Tsushima Strait", "strait", "Sea of Japan"),
    ("Yellow Sea", "sea", None),
    ("Korea Air Defense Identification Zone", _ADIZ, None),
    ("Philippine Sea", "sea", "North Pacific Ocean"),
    ("Sea of Okhotsk", "sea", "North Pacific Ocean"),
    ("Arctic", "region", None),
    ("Alaska", "region", None),
    ("Okinawa", "prefecture", None),
    ("Miyako Island", "island", "Okinawa"),
    ("Vladivostok", "city", None),
    ("Japan", "country", None),
    ("Japanese airspace", "airspace", "Japan"),
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
_ANSWERS = ("intercept", "scramble")  # event types that answer the source's first event
_AIRCRAFT = (
    # country, adjective, canonical type, as reported, role, noun
    ("RUS", "Russian", "Tu-95MS", "TU-95MS", "bomber", "strategic bombers"),
    ("RUS", "Russian", "Su-35S", "Su-35S", "fighter_escort", "escort fighters"),
    ("RUS", "Russian", "A-50", "A-50", "airborne_early_warning", "early warning aircraft"),
    ("CHN", "Chinese", "H-6K", "H-6K", "bomber", "bombers"),
    ("CHN", "Chinese", "H-6", "Xian H-6", "bomber", "bombers"),
    ("CHN", "Chinese", "Y-9", "Y-9", "intelligence_gathering", "intelligence-gathering aircraft"),
    ("JPN", "Japanese", "F-15J", "F-15J", "fighter", "fighter jets"),
    ("KOR", "South Korean", "unspecified", "warplanes", "unspecified", ""),
)
_AIRCRAFT_TYPES = {
    # designation: family, manufacturer, kind
    "A-50": ("A-50", "Beriev", "airborne_early_warning"),
    "F-15J": ("F-15", "Mitsubishi", "fighter"),
    "H-6": ("H-6", "Xian", "bomber"),
    "H-6K": ("H-6", "Xian", "bomber"),
    "Il-76": ("Il-76", "Ilyushin", "transport"),
    "Su-35S": ("Su-35", "Sukhoi", "fighter"),
    "Tu-95MS": ("Tu-95", "Tupolev", "bomber"),
    "Y-9": ("Y-9", "Shaanxi", "intelligence_gathering"),
}
_NUMBERS = ("two", "three", "four", "six", "eight")
_NUMBERS_VALUE = {"two": 2, "three": 3, "four": 4, "six": 6, "eight": 8}
_ORDINAL_WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth"
_ORDINALS = tuple(_ORDINAL_WORDS.split())
_TIMES = {1: "once", 2: "twice", 3: "three times"}
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_UNNAMED = ("A spokesperson", "An official", "A military source")
# The words for values of the vocabularies (a value without words here gets generic ones).
_QUALIFIER_WORDS = {"more_than": "more than", "at_least": "at least", "approximately": "about"}
_QUALIFIER_WORDS |= {"up_to": "up to", "exact": ""}
_MEDIUM_WORDS = {
    "press_conference": "at a press conference",
    "statement": "in a statement",
    "social_media_post": "in a social media post",
    "text_message": "in a text message",
    "interview": "in an interview",
    "report": "in a report",
    "diplomatic_channel": "through diplomatic channels",
}
_SCOPE_WORDS = {
    "overall": "",
    "area": " over the {place}",
    "year": " in {year}",
    "since": " since event {since}",
    "consecutive_days": " in as many consecutive days",
    "day": " that day",
}
_AIRSPACE_WORDS = {
    "adiz_entry": "entered the {zone}",
    "airspace_violation": "violated the airspace of Japan",
    "no_airspace_violation": "did not violate any country's airspace",
    "international_airspace": "stayed in international airspace",
}
_PUBLISHED_NOTES = {
    "dateline": "The dateline gives day and month; the year comes from the archive record.",
    "page_record": "The archived page carried the date (archive_page_date).",
    "url": "The page's URL has the date (archive_url).",
    "inferred": "inferred from the events the article reports",
}


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


def _day_month_year(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


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

        def words(table: str, column: str) -> tuple[str, ...]:
            return vocabulary(schema_dir, table, column)

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
        words = self.rng.choices(_WORDS, k=self.rng.randint(5, 12))
        if self.rng.random() < 0.2:
            words.insert(self.rng.randrange(len(words)), self.rng.choice(_FOREIGN_WORDS))
        words[0] = words[0].capitalize()
        return " ".join(words)

    def _count(self) -> tuple[int | None, str | None, str]:
        """A count, its qualifier and the words for them ("about six"); or no number."""
        rng = self.rng
        counted = [q for q in self.qualifiers if q != "unspecified"]
        draw = rng.random()
        if draw < 0.6 and counted:
            qualifier = (
                "exact" if "exact" in counted and rng.random() < 0.6 else rng.choice(counted)
            )
            number = rng.choice(_NUMBERS)
            words = _QUALIFIER_WORDS.get(qualifier, qualifier.replace("_", " "))
            return _NUMBERS_VALUE[number], qualifier, f"{words} {number}".strip()
        if draw < 0.7 and "unspecified" in self.qualifiers:
            return None, "unspecified", "an unspecified number of"
        return None, None, ""

    # registries -----------------------------------------------------------------------------
    def actors(self) -> list[Speaker]:
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
            self.kinds[actor_id] = kind
            out.append((actor_id, aliases))
        return out

    def places(self) -> list[Place]:
        """Rows of places and place_aliases; a parent only where the larger place is in the
        package too."""
        out = []
        listed = {name for name, _, _ in _PLACES[: self.size.places]}
        for i in range(self.size.places):
            if i < len(_PLACES):
                name, kind, parent = _PLACES[i]
            else:
                name, kind, parent = f"Patrol Sector {i}", "region", None
            self.rows["places"].append(
                {
                    "place_id": _slug(name),
                    "name": name,
                    "place_type": kind,
                    "parent_place_id": _slug(parent) if parent in listed else None,
                }
            )
            aliases = (name, name.upper()) if i % 3 == 0 else (name,)
            for alias in aliases:
                self.rows["place_aliases"].append({"alias": alias, "place_id": _slug(name)})
            self.place_aliases[_slug(name)] = aliases
            out.append((_slug(name), name, kind))
        return out

    def aircraft_types(self) -> None:
        for designation, (family, manufacturer, kind) in _AIRCRAFT_TYPES.items():
            self.rows["aircraft_types"].append(
                {
                    "designation": designation,
                    "family": family,
                    "manufacturer": manufacturer,
                    "kind": kind,
                }
            )

    # one article ----------------------------------------------------------------------------
    def _cite(self, table: str, record_id: str, span: tuple[int, int]) -> None:
        """An evidence row for the span; its quote is read from the finished text."""
        self.cites.append((table, record_id, span[0], span[1]))

    def _dates(self, anchor: dt.date) -> tuple[dict[str, Any], str, str]:
        """Dates of one event with a precision and basis that fit each other.

        Returns the date columns, the words of the text that give them and the note of
        the date claim (the event's date_note is null for a stated date).
        """
        rng = self.rng
        precision = rng.choice(("day", "day", "month", "year", "unknown"))
        day = anchor - dt.timedelta(days=rng.randint(0, 6))
        if precision == "day":
            basis = rng.choice(("stated", "weekday_relative"))
            # an event over two days now and then
            start = day - dt.timedelta(days=1) if rng.random() < 0.25 else day
            end = day
            if basis == "stated":
                if start == end:
                    words = f"On {_day_month_year(day)}"
                else:
                    words = f"From {_day_month_year(start)} to {_day_month_year(end)}"
                note = f"Stated in the text: '{words}'."
            else:
                names = dict.fromkeys(_DAY_NAMES[d.weekday()] for d in (start, end))
                words = "On " + " and ".join(names)
                note = f"'{words}': the latest such weekday on or before {anchor}."
        elif precision == "month":
            basis = rng.choice(("stated", "relative_phrase"))
            start = day.replace(day=1)
            end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
            if basis == "stated":
                words = f"In {calendar.month_name[day.month]} {day.year}"
                note = f"Stated in the text: '{words}' (month and year)."
            else:
                words = "Earlier this month"
                note = f"'this month', against the publication date {anchor}"
        elif precision == "year":
            basis, words = "context", "That year"
            start, end = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
            note = f"the year {day.year} comes from the context of the article"
        else:
            basis, words = "relative_phrase", "Recently"
            start, end = None, anchor
            note = f"'recently': no earlier bound, at the latest {anchor}"
        dates = {
            "start_date": start,
            "end_date": end,
            "date_precision": precision,
            "date_basis": basis,
        }
        return dates, words, note

    def source(
        self, index: int, statements: int, actors: list[Speaker], places: list[Place]
    ) -> None:
        rng, size = self.rng, self.size
        digest = hashlib.sha256(f"{self.seed}/{index}".encode()).hexdigest()
        source_id = f"{index % 1000:03d}_{digest[:16]}"
        published = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
        basis = "stated" if rng.random() < 0.5 else rng.choice(self.published_bases)
        self.cites = []
        text = _Text()

        # The speakers of this article, each mentioned once by name (the actors' evidence).
        speakers = [actors[(index * 8 + j) % len(actors)] for j in range(min(8, len(actors)))]
        speakers = list(dict.fromkeys(speakers))
        agencies = [s for s in speakers if self.kinds[s[0]] == "media"]
        wire = agencies[0] if agencies and rng.random() < 0.5 else None

        title = f"{rng.choice(_WORDS).capitalize()} {rng.choice(_WORDS)} report number {index}"
        text.add(title + "\n")
        stated = f"{_DAY_NAMES[published.weekday()]} {_day_month_year(published)}"
        if basis == "stated":
            text.add(stated + "\n")
        elif basis == "dateline":
            text.add(f"MOSCOW, {calendar.month_abbr[published.month]}. {published.day} –\n")
        text.add("\n")
        publisher = None
        if index % 4 == 0:
            publisher = f"The {rng.choice(_SURNAMES)} Gazette"
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
            reader = f"{rng.choice(_SURNAMES)} {rng.choice(_SURNAMES)}"
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
                    else _PUBLISHED_NOTES.get(basis)
                ),
                "source_type": self.source_types[0] if index % 5 else self.source_types[-1],
                "original_filename": f"{source_id}.txt",
                "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
                "text": body,
                "archive_url": (
                    f"https://archive.example.org/{source_id}/news.example/"
                    + (f"{published:%Y/%m/%d}/" if basis == "url" else "")
                    + _slug(title)
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

    def _event(
        self,
        source_id: str,
        number: int,
        kind: str,
        published: dt.date,
        cited: list[Place],
        events: list[str],
        text: _Text,
    ) -> str:
        """One event in one sentence: its date (a date claim), what, where, for how long."""
        rng = self.rng
        event_id = f"{published:%Y-%m}-{_slug(kind)}-{number}"
        hours = None
        if not events or rng.random() < 0.4:  # the source's first event always
            hours = rng.choice((4.0, 8.0, 10.0, 12.5))
        dates, date_words, date_note = self._dates(published)
        quote_start, _ = span = text.add(date_words)
        self._cite("event_dates", f"{source_id}-{event_id}-d1", span)
        what = _EVENT_PHRASES.get(kind, f"the {kind.replace('_', ' ')} took place near the")
        text.add(f", {what} ")
        for m, (place_id, _, _) in enumerate(cited):
            aliases = self.place_aliases[place_id]
            span = text.add(aliases[rng.randrange(len(aliases))])
            self._cite("places", place_id, span)
            self._cite("event_places", f"{event_id}/{place_id}", span)
            self.rows["event_places"].append({"event_id": event_id, "place_id": place_id})
            if m < len(cited) - 1:
                text.add(" and the ")
        if hours is not None:
            text.add(" ")
            self._duration(source_id, event_id, hours, text)
        self._cite("events", event_id, (quote_start, text.length))
        text.add(".\n")
        self.rows["events"].append(
            {
                "event_id": event_id,
                "event_type": kind,
                "summary": f"Synthetic {kind.replace('_', ' ')} number {number}.",
                **dates,
                "date_note": None if dates["date_basis"] == "stated" else date_note,
                "duration_hours": hours,
                "parent_event_id": events[0] if kind in _ANSWERS and events else None,
            }
        )
        self.rows["event_dates"].append(
            {
                "date_claim_id": f"{source_id}-{event_id}-d1",
                "event_id": event_id,
                "source_id": source_id,
                **dates,
                "date_note": date_note,
            }
        )
        self.event_ids.append(event_id)
        return event_id

    def _duration(self, source_id: str, event_id: str, hours: float, text: _Text) -> None:
        qualifier = self.rng.choice(self.durations)
        words = ("for", _QUALIFIER_WORDS.get(qualifier, qualifier.replace("_", " ")), f"{hours:g}")
        claim_id = f"{source_id}-{event_id}-h1"
        self._cite(
            "event_durations", claim_id, text.add(" ".join(w for w in words if w) + " hours")
        )
        self.rows["event_durations"].append(
            {
                "duration_claim_id": claim_id,
                "event_id": event_id,
                "source_id": source_id,
                "duration_hours": hours,
                "duration_qualifier": qualifier,
            }
        )

    def _aircraft(
        self,
        source_id: str,
        event_id: str,
        number: int,
        total: bool,
        speakers: list[Speaker],
        text: _Text,
    ) -> None:
        """One aircraft claim: a type flown by one country, or a total over several."""
        rng = self.rng
        reporter = rng.choice(speakers) if rng.random() < 0.6 else None
        text.add(f"{reporter[1][0]} said " if reporter else "Reports said ")
        count, qualifier, count_words = self._count()
        if total:
            country, canonical, reported, role = None, "unspecified", "aircraft", "unspecified"
            claim = " ".join(w for w in ("a total of", count_words, reported) if w)
            if not count_words:
                claim = "a number of aircraft"
        else:
            country, adjective, canonical, reported, role, noun = rng.choice(_AIRCRAFT)
            claim = " ".join(w for w in (count_words, adjective, reported, noun) if w)
        part = rng.choice((True, False, None)) if role == "fighter_escort" else None
        aircraft_id = f"{source_id}-a{number:02d}"
        self._cite("aircraft", aircraft_id, text.add(claim))
        ending = {True: " joined for part of the flight", False: " flew the whole way"}
        text.add(ending.get(part, " took part") + ".\n")
        self.rows["aircraft"].append(
            {
                "aircraft_id": aircraft_id,
                "event_id": event_id,
                "country": country,
                "aircraft_type": canonical,
                "type_as_reported": reported,
                "role": role,
                "count": count,
                "count_qualifier": qualifier,
                "is_total": total,
                "part_of_flight": part,
                "reported_by": reporter[0] if reporter else None,
                "source_id": source_id,
            }
        )

    def _route(
        self,
        source_id: str,
        event_id: str,
        cited: list[Place],
        aircraft_id: str | None,
        text: _Text,
    ) -> None:
        """One leg: from one place to another, between two, or via one."""
        text.add("The aircraft flew ")
        if len(cited) == 1:
            legs = [("via", cited[0], text.add(f"via the {cited[0][1]}"))]
        elif self.rng.random() < 0.3:
            span = text.add(f"between the {cited[0][1]} and the {cited[1][1]}")
            legs = [("between", place, span) for place in cited]
        else:
            legs = [("from", cited[0], text.add(f"from the {cited[0][1]}"))]
            text.add(" ")
            legs.append(("to", cited[1], text.add(f"to the {cited[1][1]}")))
        text.add(".\n")
        for role, (place_id, _, _), span in legs:
            self._cite("event_routes", f"{source_id}/{event_id}/1/{role}/{place_id}", span)
            self.rows["event_routes"].append(
                {
                    "source_id": source_id,
                    "event_id": event_id,
                    "leg": 1,
                    "role": role,
                    "place_id": place_id,
                    "aircraft_id": aircraft_id,
                }
            )

    def _sequence(
        self,
        claim_id: str,
        source_id: str,
        event_id: str,
        kind: str,
        cited: list[Place],
        published: dt.date,
        speakers: list[Speaker],
        text: _Text,
    ) -> None:
        """A claim that the event is the n-th of a series ("the third joint air patrol")."""
        rng = self.rng
        scope = rng.choice(self.scopes)
        since = None
        if scope == "since":
            if len(self.event_ids) > 1:  # any earlier event (the last one is this event)
                since = self.event_ids[rng.randrange(len(self.event_ids) - 1)]
            else:
                scope = self.scopes[0]
        claimer = rng.choice(speakers) if rng.random() < 0.6 else None
        ordinal = rng.randint(1, len(_ORDINALS))
        series = kind.replace("_", " ")
        scope_words = _SCOPE_WORDS.get(scope, f" ({scope.replace('_', ' ')})").format(
            place=cited[0][1], year=published.year, since=since
        )
        text.add(f"{claimer[1][0]} said it was " if claimer else "It was ")
        span = text.add(f"the {_ORDINALS[ordinal - 1]} {series}{scope_words}")
        text.add(".\n")
        self._cite("sequence_claims", claim_id, span)
        self.rows["sequence_claims"].append(
            {
                "sequence_claim_id": claim_id,
                "event_id": event_id,
                "ordinal": ordinal,
                "ordinal_as_reported": _ORDINALS[ordinal - 1],
                "series": series,
                "scope": scope,
                "scope_place_id": cited[0][0] if scope == "area" else None,
                "scope_year": published.year if scope == "year" else None,
                "since_event_id": since,
                "claimed_by": claimer[0] if claimer else None,
                "source_id": source_id,
            }
        )

    def _airspace(
        self,
        claim_id: str,
        source_id: str,
        event_id: str,
        aircraft_id: str,
        places: list[Place],
        speakers: list[Speaker],
        text: _Text,
    ) -> None:
        """A claim about zones and airspace: an ADIZ entered, airspace (not) violated."""
        rng = self.rng
        claim_type = rng.choice(self.claim_types)
        zones = [p for p in places if p[2] == _ADIZ]
        zone = rng.choice(zones) if zones and claim_type == "adiz_entry" else None
        entries = rng.randint(1, 3) if claim_type == "adiz_entry" and rng.random() < 0.7 else None
        time = rng.choice((None, "at about 9 a.m.", "shortly after noon", "at 14:30 local time"))
        country, adjective = rng.choice((("RUS", "Russian"), ("CHN", "Chinese")))
        reporter = rng.choice(speakers) if rng.random() < 0.7 else None
        what = _AIRSPACE_WORDS.get(claim_type, claim_type.replace("_", " ")).format(
            zone=zone[1] if zone else "air defense identification zone"
        )
        words = (f"the {adjective} aircraft {what}", _TIMES.get(entries or 0, ""), time or "")
        text.add(f"{reporter[1][0]} said " if reporter else "Reports said ")
        self._cite("airspace_claims", claim_id, text.add(" ".join(w for w in words if w)))
        text.add(".\n")
        self.rows["airspace_claims"].append(
            {
                "airspace_claim_id": claim_id,
                "event_id": event_id,
                "claim_type": claim_type,
                "zone_place_id": zone[0] if zone else None,
                "aircraft_id": aircraft_id if rng.random() < 0.5 else None,
                "country": country,
                "entries": entries,
                "time_as_reported": time,
                "reported_by": reporter[0] if reporter else None,
                "source_id": source_id,
            }
        )

    def _statement(
        self,
        n: int,
        source_id: str,
        published: dt.date | None,
        speakers: list[Speaker],
        events: list[str],
        text: _Text,
    ) -> None:
        """A direct quote in curly quotation marks, or a paraphrase; some relayed or dated."""
        rng = self.rng
        statement_id = f"{source_id}-s{n:02d}"
        remark = rng.randrange(len(self.remarks))
        words = self.remarks[remark]
        speaker = speakers[n % len(speakers)] if n % 7 else None
        agencies = [s for s in speakers if self.kinds[s[0]] == "media" and s != speaker]
        relayer = agencies[0] if agencies and n % 11 == 5 else None
        unnamed = None if speaker else _UNNAMED[n % len(_UNNAMED)]
        if relayer:
            text.add("According to ")
            self._cite("statements", statement_id, text.add(relayer[1][0]))
            text.add(", ")
        if speaker:
            text.add(speaker[1][0])
        else:
            self._cite("statements", statement_id, text.add(unnamed))
        text.add(" said")
        said = None
        if published is not None and n % 13 == 4:
            said = published - dt.timedelta(days=rng.randint(0, 6))
            day_words = f"on {_DAY_NAMES[said.weekday()]}"
            text.add(" ")
            self._cite("statements", statement_id, text.add(day_words))
        medium = rng.choice(self.media) if n % 6 == 1 else None
        if medium:
            text.add(" " + _MEDIUM_WORDS.get(medium, f"by {medium.replace('_', ' ')}"))
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
                "statement_id": statement_id,
                "actor_id": speaker[0] if speaker else None,
                "speaker_as_reported": unnamed,
                "event_id": events[n % len(events)] if n % 5 else None,
                "text": quoted,
                "statement_type": kind,
                "source_id": source_id,
                "char_start": span[0],
                "char_end": span[1],
                "remark_id": f"remark-{remark}",
                "relayed_by": relayer[0] if relayer else None,
                "medium": medium,
                "said_date": said,
                "said_date_basis": "weekday_relative" if said else None,
                "said_date_note": (
                    f"'{day_words}': the latest {_DAY_NAMES[said.weekday()]} on or before the "
                    f"publication date {published}"
                    if said
                    else None
                ),
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
    schema_dir = schema_dir or default_schema_dir()
    tables = rows(statements, seed=seed, per_source=per_source, schema_dir=schema_dir)
    # each table's row dicts are let go as soon as its frame is made: less memory at the peak
    frames = {name: to_frame(name, tables.pop(name), schema_dir) for name in TABLES}
    return write_package(root, frames, schema_dir=schema_dir)
