"""Read the curated annotation files and registries under `build/` into typed records.

Every record keeps the file and line it came from, so that later steps can point the data
editor at the exact place to fix. Unknown keys are errors: a typo must not drop a fact.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problems
from .yamlfile import load_yaml

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Quote:
    """A verbatim quote in one article, and where the editor wrote it."""

    text: str
    occurrence: int | None
    file: str
    line: int | None


@dataclass(frozen=True)
class DateSpec:
    """A date rule: a phrase to resolve (`quote`), or the dates of another event (`same_as`),
    or an upper bound set by another event (`before`)."""

    quote: Quote | None
    anchor: str | None
    same_as: str | None
    before: str | None
    note: str | None
    line: int | None


@dataclass(frozen=True)
class PublishedDate:
    quote: Quote | None
    value: dt.date | None
    basis: str
    note: str | None


@dataclass(frozen=True)
class SourceMeta:
    source_type: str
    title: Quote | None
    publisher: Quote | None
    published: PublishedDate | None
    context_year: int | None
    context_note: str | None


@dataclass(frozen=True)
class EventEntry:
    id: str
    quote: Quote
    type: str | None
    summary: str | None
    date: DateSpec | None
    duration: Quote | None
    parent: str | None
    places: tuple[Quote, ...]
    file: str
    line: int | None

    @property
    def is_definition(self) -> bool:
        return self.type is not None


@dataclass(frozen=True)
class AircraftEntry:
    id: str
    event: str
    quote: Quote
    country: str
    type: str
    count: str | None
    role: str
    reported_by: str | None
    file: str
    line: int | None


@dataclass(frozen=True)
class StatementEntry:
    id: str
    speaker: str | None
    event: str | None
    type: str
    quote: Quote
    remark: str
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


@dataclass(frozen=True)
class ActorEntry:
    id: str
    name: str
    type: str
    country: str | None
    title: str | None
    parent: str | None
    aliases: tuple[str, ...]
    file: str
    line: int | None


@dataclass(frozen=True)
class PlaceEntry:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    file: str
    line: int | None


@dataclass(frozen=True)
class AircraftType:
    designation: str
    family: str
    manufacturer: str
    kind: str


@dataclass
class Registries:
    actors: list[ActorEntry]
    places: list[PlaceEntry]
    aircraft_types: list[AircraftType]


class _Reader:
    """Reads one mapping, checking keys and types and recording problems."""

    def __init__(self, data: Any, file: str, what: str, problems: Problems, line: int | None):
        self.file, self.what, self.problems = file, what, problems
        self.line = getattr(data, "line", line)
        self.ok = isinstance(data, dict)
        self.data: dict[str, Any] = data if self.ok else {}
        if not self.ok:
            problems.add(file, self.line, f"{what}: expected a mapping, got {type(data).__name__}")

    def check_keys(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                choices = ", ".join(sorted(allowed))
                self.problems.add(
                    self.file, self.line, f"{self.what}: unknown key {key!r} (allowed: {choices})"
                )

    def get(self, key: str, kind: type | tuple[type, ...], *, required: bool = False) -> Any:
        value = self.data.get(key)
        if value is None:
            if required and self.ok:
                self.problems.add(self.file, self.line, f"{self.what}: `{key}` is required")
            return None
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.problems.add(
                self.file,
                self.line,
                f"{self.what}: `{key}` must be {_kind_name(kind)}, got {value!r}",
            )
            return None
        return value

    def slug(self, key: str, *, required: bool = False, pattern: re.Pattern[str] = SLUG) -> Any:
        value = self.get(key, str, required=required)
        if value is not None and not pattern.fullmatch(value):
            self.problems.add(
                self.file,
                self.line,
                f"{self.what}: `{key}` {value!r} must match {pattern.pattern}",
            )
            return None
        return value

    def choice(self, key: str, choices: tuple[str, ...], *, required: bool = True) -> Any:
        value = self.get(key, str, required=required)
        if value is not None and value not in choices:
            self.problems.add(
                self.file,
                self.line,
                f"{self.what}: `{key}` {value!r} is not one of: {', '.join(choices)}",
            )
            return None
        return value

    def quote(self, key: str, *, required: bool = False, occurrence_key: str = "") -> Quote | None:
        """A quote given as a string, or as {quote, occurrence}."""
        value = self.data.get(key)
        if value is None:
            if required and self.ok:
                self.problems.add(self.file, self.line, f"{self.what}: `{key}` is required")
            return None
        return read_quote(
            value,
            self.file,
            self.problems,
            f"{self.what} `{key}`",
            self.line,
            occurrence=self.data.get(occurrence_key) if occurrence_key else None,
        )


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "a whole number", list: "a list", dict: "a mapping"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def read_quote(
    value: Any,
    file: str,
    problems: Problems,
    what: str,
    line: int | None,
    *,
    occurrence: Any = None,
) -> Quote | None:
    """Read `"text"` or `{quote: "text", occurrence: N}`."""
    if isinstance(value, dict):
        reader = _Reader(value, file, what, problems, line)
        reader.check_keys({"quote", "occurrence"})
        text = reader.get("quote", str, required=True)
        occurrence = reader.get("occurrence", int)
        line = reader.line
    elif isinstance(value, str):
        text = value
    else:
        problems.add(file, line, f"{what}: expected a quote (text), got {value!r}")
        return None
    if text is None:
        return None
    if not text.strip():
        problems.add(file, line, f"{what}: the quote is empty")
        return None
    if occurrence is not None and (not isinstance(occurrence, int) or occurrence < 1):
        problems.add(
            file, line, f"{what}: occurrence must be a whole number from 1, got {occurrence!r}"
        )
        return None
    return Quote(text, occurrence, file, line)


SOURCE_TYPES = ("news_report", "analysis")
ROLES = ("bomber", "fighter", "fighter_escort", "unspecified")
STATEMENT_TYPES = ("direct_quote", "paraphrase")
ACTOR_TYPES = (
    "state",
    "government_body",
    "military",
    "international_organization",
    "person",
    "media",
)
PLACE_TYPES = ("sea", "ocean", "region", "city", "country")
ITEM_ID = {"aircraft": re.compile(r"^a[0-9]{2,}$"), "statements": re.compile(r"^s[0-9]{2,}$")}


def _read_meta(data: Any, file: str, problems: Problems) -> SourceMeta:
    r = _Reader(data, file, "source", problems, 1)
    r.check_keys(
        {"source_type", "title", "title_occurrence", "publisher", "published_date", "context_year"}
    )
    published = None
    raw_pub = r.data.get("published_date")
    if raw_pub is not None:
        p = _Reader(raw_pub, file, "source.published_date", problems, r.line)
        p.check_keys({"quote", "occurrence", "value", "basis", "note"})
        if "quote" in p.data:
            quote = p.quote("quote", required=True, occurrence_key="occurrence")
            if quote is not None:
                published = PublishedDate(quote, None, "stated", None)
        else:
            value = p.data.get("value")
            if isinstance(value, str):
                try:
                    value = dt.date.fromisoformat(value)
                except ValueError:
                    value = None
            if not isinstance(value, dt.date):
                problems.add(
                    file,
                    p.line,
                    f"published_date: {p.data.get('value')!r} is not a date; give `quote` (stated "
                    "in the text) or `value` as YYYY-MM-DD",
                )
            basis = p.choice("basis", ("inferred",))
            note = p.get("note", str, required=True)
            if isinstance(value, dt.date) and basis:
                published = PublishedDate(None, value, basis, note)
    context_year = context_note = None
    raw_ctx = r.data.get("context_year")
    if raw_ctx is not None:
        c = _Reader(raw_ctx, file, "source.context_year", problems, r.line)
        c.check_keys({"year", "note"})
        context_year = c.get("year", int, required=True)
        context_note = c.get("note", str, required=True)
    return SourceMeta(
        source_type=r.choice("source_type", SOURCE_TYPES) or "news_report",
        title=r.quote("title", occurrence_key="title_occurrence"),
        publisher=r.quote("publisher"),
        published=published,
        context_year=context_year,
        context_note=context_note,
    )


def _read_date(data: Any, file: str, problems: Problems, line: int | None) -> DateSpec | None:
    r = _Reader(data, file, "event date", problems, line)
    if not r.ok:
        return None
    r.check_keys({"quote", "occurrence", "anchor", "same_as", "before", "note"})
    quote = r.quote("quote", occurrence_key="occurrence")
    same_as, before = r.slug("same_as"), r.slug("before")
    if sum(x is not None for x in (quote, same_as, before)) != 1:
        problems.add(file, r.line, "event date: give exactly one of `quote`, `same_as` or `before`")
        return None
    if quote is None and not r.data.get("note"):
        problems.add(file, r.line, "event date: `same_as` and `before` need a `note` saying why")
    return DateSpec(quote, r.slug("anchor"), same_as, before, r.get("note", str), r.line)


def _read_event(data: Any, file: str, problems: Problems) -> EventEntry | None:
    r = _Reader(data, file, "event", problems, None)
    if not r.ok:
        return None
    r.check_keys(
        {"id", "type", "summary", "quote", "occurrence", "date", "duration", "parent", "places"}
    )
    event_id = r.slug("id", required=True)
    quote = r.quote("quote", required=True, occurrence_key="occurrence")
    places = []
    for item in r.get("places", list) or []:
        q = read_quote(item, file, problems, "event place", r.line)
        if q is not None:
            places.append(q)
    etype = r.get("type", str)
    if etype is not None and not r.data.get("summary"):
        problems.add(file, r.line, f"event {event_id}: a definition (with `type`) needs `summary`")
    if etype is None:
        for key in ("summary", "date", "duration", "parent"):
            if key in r.data:
                problems.add(
                    file,
                    r.line,
                    f"event {event_id}: `{key}` given without `type`; an event mention carries "
                    "only id, quote and places, the definition carries the rest",
                )
    date = _read_date(r.data["date"], file, problems, r.line) if "date" in r.data else None
    duration = None
    if "duration" in r.data:
        d = _Reader(r.data["duration"], file, "event duration", problems, r.line)
        d.check_keys({"quote", "occurrence"})
        duration = d.quote("quote", required=True, occurrence_key="occurrence")
    if event_id is None or quote is None:
        return None
    return EventEntry(
        id=event_id,
        quote=quote,
        type=etype,
        summary=r.get("summary", str),
        date=date,
        duration=duration,
        parent=r.slug("parent"),
        places=tuple(places),
        file=file,
        line=r.line,
    )


def _read_aircraft(data: Any, file: str, problems: Problems) -> AircraftEntry | None:
    r = _Reader(data, file, "aircraft claim", problems, None)
    if not r.ok:
        return None
    r.check_keys(
        {"id", "event", "quote", "occurrence", "country", "type", "count", "role", "reported_by"}
    )
    count = r.data.get("count")
    if isinstance(count, int) and not isinstance(count, bool):
        count = str(count)
    values = dict(
        id=r.slug("id", required=True, pattern=ITEM_ID["aircraft"]),
        event=r.slug("event", required=True),
        quote=r.quote("quote", required=True, occurrence_key="occurrence"),
        country=r.get("country", str, required=True),
        type=r.get("type", str, required=True),
        role=r.choice("role", ROLES),
        reported_by=r.slug("reported_by"),
    )
    if count is not None and not isinstance(count, str):
        problems.add(
            file, r.line, f"aircraft claim: `count` must be text or a number, got {count!r}"
        )
        count = None
    if any(values[k] is None for k in ("id", "event", "quote", "country", "type", "role")):
        return None
    return AircraftEntry(count=count, file=file, line=r.line, **values)


def _read_statement(data: Any, file: str, problems: Problems) -> StatementEntry | None:
    r = _Reader(data, file, "statement", problems, None)
    if not r.ok:
        return None
    r.check_keys({"id", "speaker", "event", "type", "quote", "occurrence", "remark"})
    if "speaker" not in r.data:
        problems.add(
            file, r.line, "statement: `speaker` is required (null only when the text names nobody)"
        )
    values = dict(
        id=r.slug("id", required=True, pattern=ITEM_ID["statements"]),
        speaker=r.slug("speaker"),
        event=r.slug("event"),
        type=r.choice("type", STATEMENT_TYPES),
        quote=r.quote("quote", required=True, occurrence_key="occurrence"),
        remark=r.slug("remark", required=True),
    )
    if any(values[k] is None for k in ("id", "type", "quote", "remark")):
        return None
    return StatementEntry(file=file, line=r.line, **values)


def read_annotation(path: Path, problems: Problems, /) -> Annotation | None:
    """Read one `annotations/<source_id>.yaml` file."""
    data = load_yaml(path, problems)
    if data is None:
        return None
    file = str(path)
    r = _Reader(data, file, "annotation file", problems, 1)
    if not r.ok:
        return None
    r.check_keys({"source", "actors", "events", "aircraft", "statements"})
    if "source" not in r.data:
        problems.add(file, 1, "annotation file: the `source:` section is required")
        return None
    annotation = Annotation(path.stem, file, _read_meta(r.data["source"], file, problems))
    for item in r.get("actors", list) or []:
        q = read_quote(item, file, problems, "actor mention", getattr(item, "line", None))
        if q is not None:
            annotation.actors.append(q)
    for key, reader, target in (
        ("events", _read_event, annotation.events),
        ("aircraft", _read_aircraft, annotation.aircraft),
        ("statements", _read_statement, annotation.statements),
    ):
        for item in r.get(key, list) or []:
            record = reader(item, file, problems)
            if record is not None:
                target.append(record)
    return annotation


def read_annotations(annotations_dir: Path, problems: Problems, /) -> list[Annotation]:
    return [
        a
        for path in sorted(annotations_dir.glob("*.yaml"))
        if (a := read_annotation(path, problems)) is not None
    ]


def _read_registry(path: Path, problems: Problems) -> list[Any]:
    data = load_yaml(path, problems)
    if data is None:
        return []
    if not isinstance(data, list):
        problems.add(str(path), 1, "expected a list of entries")
        return []
    return data


def read_registries(registries_dir: Path, problems: Problems, /) -> Registries:
    """Read actors, places and aircraft types."""
    actors: list[ActorEntry] = []
    path = registries_dir / "actors.yaml"
    for item in _read_registry(path, problems):
        r = _Reader(item, str(path), "actor", problems, None)
        r.check_keys({"id", "name", "type", "country", "title", "parent", "aliases"})
        aliases = r.get("aliases", list, required=True) or []
        values = dict(
            id=r.slug("id", required=True),
            name=r.get("name", str, required=True),
            type=r.choice("type", ACTOR_TYPES),
            country=r.get("country", str),
            title=r.get("title", str),
            parent=r.slug("parent"),
        )
        if values["country"] is not None and not re.fullmatch(r"[A-Z]{3}", values["country"]):
            problems.add(
                str(path), r.line, f"actor: country {values['country']!r} is not ISO alpha-3"
            )
        if not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.add(str(path), r.line, "actor: every alias must be non-empty text")
            continue
        if all(values[k] is not None for k in ("id", "name", "type")):
            actors.append(ActorEntry(aliases=tuple(aliases), file=str(path), line=r.line, **values))
    places: list[PlaceEntry] = []
    path = registries_dir / "places.yaml"
    for item in _read_registry(path, problems):
        r = _Reader(item, str(path), "place", problems, None)
        r.check_keys({"id", "name", "type", "aliases"})
        aliases = r.get("aliases", list, required=True) or []
        values = dict(
            id=r.slug("id", required=True),
            name=r.get("name", str, required=True),
            type=r.choice("type", PLACE_TYPES),
        )
        if all(values[k] is not None for k in values) and all(isinstance(a, str) for a in aliases):
            places.append(PlaceEntry(aliases=tuple(aliases), file=str(path), line=r.line, **values))
    types: list[AircraftType] = []
    path = registries_dir / "aircraft_types.yaml"
    for item in _read_registry(path, problems):
        r = _Reader(item, str(path), "aircraft type", problems, None)
        r.check_keys({"designation", "family", "manufacturer", "kind"})
        values = {
            k: r.get(k, str, required=True)
            for k in ("designation", "family", "manufacturer", "kind")
        }
        if all(v is not None for v in values.values()):
            types.append(AircraftType(**values))
    return Registries(actors, places, types)
