"""Read the curated annotation files under `build/annotations/` into typed records.

One file per article says what that article says: the events it reports (with the dates,
durations, places and routes it gives), the aircraft it counts, the remarks it reports, the
sequence claims ("the second joint patrol") and the airspace claims (zone entries,
violations, denials of violations). Every record keeps the file and line it came from, so
that later steps can point the data editor at the exact place to fix. Controlled values are
checked against the vocabularies of `schema/` here, at their file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problems, shown
from .normalize import count_phrase
from .schema import bounds, check_schemas
from .yamlfile import load_yaml
from .yamlreader import Quote, Reader, allowed, number_problem, read_quote

__all__ = ["Annotation", "Quote", "read_annotation", "read_annotations"]


@dataclass(frozen=True)
class DateSpec:
    """A date claim: a phrase to resolve (`quote`), or the dates of another event (`same_as`),
    or an upper bound set by another event (`before`). `end_only`: the phrase dates only the
    event's end or the day it was reported, so the start has no bound."""

    quote: Quote | None
    anchor: str | None
    same_as: str | None
    before: str | None
    end_only: bool
    note: str | None
    line: int | None


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
    reported_by: str | None
    attribution: tuple[Quote, ...]
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
        )


def _number_or_text(r: Reader, key: str, limits: tuple[int, int]) -> str | None:
    """`key` as written: text (read later as a phrase), or a whole number within `limits`."""
    value = r.data.get(key)
    if value is None or isinstance(value, str):
        return value
    number = r.number(key, limits)
    return None if number is None else str(number)


def _count(r: Reader, key: str, limits: tuple[int, int]) -> str | None:
    """A count as written (`two`, `more than 10`, 3) whose number is within `limits`; a phrase
    that is no count at all is left to the assembly, which names the claim and the words."""
    value = _number_or_text(r, key, limits)
    try:
        number = None if value is None else count_phrase(value)[0]
    except ValueError:
        return value
    if number is not None and (wrong := number_problem(number, limits)):
        r.error("number_range", f"`{key}` {shown(value)} counts {number:,}, which {wrong}")
        return None
    return value


ITEM_ID = {
    "aircraft": re.compile(r"^a[0-9]{2,}$"),
    "statements": re.compile(r"^s[0-9]{2,}$"),
    "sequence": re.compile(r"^q[0-9]{2,}$"),
    "airspace": re.compile(r"^z[0-9]{2,}$"),
}
# The bases of a publication date that `from:` does not name, as they are written otherwise:
# `stated` is a `quote` alone, `inferred` a `value`, `unknown` no published_date at all.
NOT_FROM = ("stated", "inferred", "unknown")


def _read_published(raw: Any, file: str, problems: Problems, line: int | None, vocab: Vocabularies):
    p = Reader(raw, file, "source.published_date", problems, line)
    if not p.ok:
        return None
    p.check_keys({"quote", "occurrence", "from", "value", "basis", "note"})
    origin = p.choice("from", vocab.schema_dir, required=False, written_otherwise=NOT_FROM)
    if origin is None and p.data.get("from") is not None:
        return None  # reported: a mistyped `from` says nothing more about the date
    if "quote" in p.data:
        quote = p.quote("quote", required=True, occurrence_key="occurrence")
        if origin not in (None, "dateline"):
            p.error(
                "published_date_form",
                "`quote` goes with `from: dateline` or with no `from` (stated in the text)",
            )
            return None
        return PublishedDate(origin or "stated", quote, None, p.get("note", str)) if quote else None
    if origin is not None:
        if origin == "dateline":
            p.error("published_date_form", "`from: dateline` needs the dateline as `quote`")
            return None
        return PublishedDate(origin, None, None, p.get("note", str))
    value = p.data.get("value")
    date = None
    if isinstance(value, str):
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            date = None
    if date is None:
        p.error(
            "published_date_form",
            f"{value!r} is not a date; give `quote` (stated in the text), `quote` with "
            "`from: dateline`, `from: page_record`, `from: url`, or `value` as YYYY-MM-DD "
            "with `basis: inferred` and a `note`",
        )
        return None
    basis = p.choice("basis", vocab.schema_dir)
    if basis not in (None, "inferred"):
        p.error("published_date_form", f"`basis` of a `value` is `inferred`, not {shown(basis)}")
        basis = None
    note = p.get("note", str, required=True)
    return PublishedDate("inferred", None, date, note) if basis and note else None


def _read_meta(data: Any, file: str, problems: Problems, vocab: Vocabularies) -> SourceMeta:
    r = Reader(data, file, "source", problems, 1)
    r.check_keys(
        {
            "source_type",
            "title",
            "title_occurrence",
            "publisher",
            "wire",
            "published_date",
            "context_year",
        }
    )
    published = None
    if r.data.get("published_date") is not None:
        published = _read_published(r.data["published_date"], file, problems, r.line, vocab)
    context_year = context_note = None
    if r.data.get("context_year") is not None:
        c = Reader(r.data["context_year"], file, "source.context_year", problems, r.line)
        c.check_keys({"year", "note"})
        context_year = c.number("year", vocab.year, required=True)
        context_note = c.get("note", str, required=True)
    return SourceMeta(
        source_type=r.choice("source_type", vocab.schema_dir) or "news_report",
        title=r.quote("title", occurrence_key="title_occurrence"),
        publisher=r.quote("publisher"),
        wire=r.quote("wire"),
        published=published,
        context_year=context_year,
        context_note=context_note,
    )


def _read_date(data: Any, file: str, problems: Problems, line: int | None) -> DateSpec | None:
    r = Reader(data, file, "event date", problems, line)
    if not r.ok:
        return None
    r.check_keys({"quote", "occurrence", "anchor", "same_as", "before", "end_only", "note"})
    quote = r.quote("quote", occurrence_key="occurrence")
    same_as, before = r.slug("same_as"), r.slug("before")
    if sum(x is not None for x in (quote, same_as, before)) != 1:
        r.error("date_claim_form", "give exactly one of `quote`, `same_as` or `before`")
        return None
    if quote is None and not r.data.get("note"):
        r.error("date_claim_form", "`same_as` and `before` need a `note` saying why")
    end_only = r.flag("end_only")
    if end_only and quote is None:
        r.error(
            "date_claim_form",
            "`end_only` goes with a `quote` (a phrase that dates only the end or the report)",
        )
    return DateSpec(quote, r.slug("anchor"), same_as, before, end_only, r.get("note", str), r.line)


def _read_route(items: Any, file: str, problems: Problems, vocab: Vocabularies, line):
    """`route:` is a list of legs; each leg names places under the roles of `event_routes`."""
    points: list[RoutePoint] = []
    if items is None:
        return points
    if not isinstance(items, list):
        problems.add(
            file, line, "value_type", f"event route: expected a list of legs, got {items!r}"
        )
        return points
    roles = allowed("route leg", "role", vocab.schema_dir)
    for leg, item in enumerate(items, start=1):
        r = Reader(item, file, "route leg", problems, line)
        r.check_keys({*roles, "aircraft"})
        aircraft = r.slug("aircraft", pattern=ITEM_ID["aircraft"])
        for role in roles:
            if role not in r.data:
                continue
            values = r.data[role] if isinstance(r.data[role], list) else [r.data[role]]
            for value in values:
                q = read_quote(value, file, problems, f"route leg `{role}`", r.line)
                if q is not None:
                    points.append(RoutePoint(leg, role, q, aircraft))
        if not any(role in r.data for role in roles):
            r.error("route_leg", roles=", ".join(roles))
    return points


def _read_event(data: Any, file: str, problems: Problems, vocab: Vocabularies):
    r = Reader(data, file, "event", problems, None)
    if not r.ok:
        return None
    r.check_keys({"id", "quote", "occurrence", "date", "duration", "places", "route"})
    event_id = r.slug("id", required=True)
    quote = r.quote("quote", required=True, occurrence_key="occurrence")
    places = r.quotes("places")
    date = _read_date(r.data["date"], file, problems, r.line) if "date" in r.data else None
    duration = None
    if "duration" in r.data:
        d = Reader(r.data["duration"], file, "event duration", problems, r.line)
        d.check_keys({"quote", "occurrence"})
        duration = d.quote("quote", required=True, occurrence_key="occurrence")
    route = _read_route(r.data.get("route"), file, problems, vocab, r.line)
    if event_id is None or quote is None:
        return None
    return EventEntry(event_id, quote, date, duration, tuple(places), tuple(route), file, r.line)


def _read_aircraft(data: Any, file: str, problems: Problems, vocab: Vocabularies):
    r = Reader(data, file, "aircraft claim", problems, None)
    if not r.ok:
        return None
    r.check_keys(
        {
            "id",
            "event",
            "quote",
            "occurrence",
            "also",
            "country",
            "type",
            "count",
            "role",
            "total",
            "part_of_flight",
            "reported_by",
            "attribution",
        }
    )
    count = _count(r, "count", vocab.count)
    total = r.flag("total")
    values = dict(
        id=r.slug("id", required=True, pattern=ITEM_ID["aircraft"]),
        event=r.slug("event", required=True),
        quote=r.quote("quote", required=True, occurrence_key="occurrence"),
        country=r.get("country", str, required=not total),
        type=r.get("type", str, required=True),
        role=r.choice("role", vocab.schema_dir),
        reported_by=r.slug("reported_by"),
    )
    if any(values[k] is None for k in ("id", "event", "quote", "type", "role")):
        return None
    if values["country"] is None and not total:
        return None
    return AircraftEntry(
        also=tuple(r.quotes("also")),
        count=count,
        total=total,
        part_of_flight=r.flag("part_of_flight"),
        attribution=r.quote_list("attribution"),
        file=file,
        line=r.line,
        **values,
    )


def _read_statement(data: Any, file: str, problems: Problems, vocab: Vocabularies):
    r = Reader(data, file, "statement", problems, None)
    if not r.ok:
        return None
    r.check_keys(
        {
            "id",
            "speaker",
            "speaker_as_reported",
            "relayed_by",
            "relay",
            "medium",
            "said",
            "event",
            "type",
            "quote",
            "occurrence",
            "remark",
        }
    )
    if "speaker" not in r.data:
        r.error("key_required", "`speaker` is required (null only when the text names nobody)")
    values = dict(
        id=r.slug("id", required=True, pattern=ITEM_ID["statements"]),
        speaker=r.slug("speaker"),
        event=r.slug("event"),
        type=r.choice("type", vocab.schema_dir),
        quote=r.quote("quote", required=True, occurrence_key="occurrence"),
        remark=r.slug("remark", required=True),
    )
    relayed_by, relay = r.slug("relayed_by"), r.quote("relay")
    if (relayed_by is None) != (relay is None):
        r.error(
            "keys_together",
            "`relayed_by` (an actor id) and `relay` (the words that name it) go together",
        )
    if any(values[k] is None for k in ("id", "type", "quote", "remark")):
        return None
    return StatementEntry(
        speaker_as_reported=r.quote("speaker_as_reported"),
        relayed_by=relayed_by,
        relay=relay,
        medium=r.choice("medium", vocab.schema_dir, required=False),
        said=r.quote("said"),
        file=file,
        line=r.line,
        **values,
    )


def _read_sequence(data: Any, file: str, problems: Problems, vocab: Vocabularies):
    r = Reader(data, file, "sequence claim", problems, None)
    if not r.ok:
        return None
    r.check_keys(
        {
            "id",
            "event",
            "quote",
            "occurrence",
            "ordinal",
            "series",
            "scope",
            "place",
            "year",
            "since",
            "claimed_by",
            "attribution",
        }
    )
    if "claimed_by" not in r.data:
        r.error("key_required", "`claimed_by` is required (null only when the text names nobody)")
    values = dict(
        id=r.slug("id", required=True, pattern=ITEM_ID["sequence"]),
        event=r.slug("event", required=True),
        quote=r.quote("quote", required=True, occurrence_key="occurrence"),
        ordinal=_number_or_text(r, "ordinal", vocab.ordinal),
        series=r.get("series", str, required=True),
        scope=r.choice("scope", vocab.schema_dir),
    )
    if r.data.get("ordinal") is None:
        r.error("key_required", key="ordinal")
    if any(v is None for v in values.values()):
        return None
    return SequenceEntry(
        place=r.quote("place"),
        year=r.number("year", vocab.year),
        since=r.slug("since"),
        claimed_by=r.slug("claimed_by"),
        attribution=r.quote_list("attribution"),
        file=file,
        line=r.line,
        **values,
    )


def _read_airspace(data: Any, file: str, problems: Problems, vocab: Vocabularies):
    r = Reader(data, file, "airspace claim", problems, None)
    if not r.ok:
        return None
    r.check_keys(
        {
            "id",
            "event",
            "quote",
            "occurrence",
            "kind",
            "zone",
            "aircraft",
            "country",
            "entries",
            "time",
            "reported_by",
            "attribution",
        }
    )
    entries = _count(r, "entries", vocab.entries)
    values = dict(
        id=r.slug("id", required=True, pattern=ITEM_ID["airspace"]),
        event=r.slug("event", required=True),
        quote=r.quote("quote", required=True, occurrence_key="occurrence"),
        kind=r.choice("kind", vocab.schema_dir),
    )
    if any(v is None for v in values.values()):
        return None
    return AirspaceEntry(
        zone=r.quote("zone"),
        aircraft=r.slug("aircraft", pattern=ITEM_ID["aircraft"]),
        country=r.get("country", str),
        entries=entries,
        time=r.quote("time"),
        reported_by=r.slug("reported_by"),
        attribution=r.quote_list("attribution"),
        file=file,
        line=r.line,
        **values,
    )


_SECTIONS = {
    "events": _read_event,
    "aircraft": _read_aircraft,
    "statements": _read_statement,
    "sequence": _read_sequence,
    "airspace": _read_airspace,
}


def read_annotation(path: Path, problems: Problems, vocab: Vocabularies, /) -> Annotation | None:
    """Read one `annotations/<source_id>.yaml` file."""
    data = load_yaml(path, problems)
    if data is None:
        return None
    file = str(path)
    r = Reader(data, file, "annotation file", problems, 1)
    if not r.ok:
        return None
    r.check_keys({"source", "actors", *_SECTIONS})
    if "source" not in r.data:
        problems.add(file, 1, "key_required", "annotation file: the `source:` section is required")
        return None
    annotation = Annotation(path.stem, file, _read_meta(r.data["source"], file, problems, vocab))
    for item in r.get("actors", list) or []:
        q = read_quote(item, file, problems, "actor mention", getattr(item, "line", None))
        if q is not None:
            annotation.actors.append(q)
    for key, reader in _SECTIONS.items():
        target = getattr(annotation, key)
        for item in r.get(key, list) or []:
            record = reader(item, file, problems, vocab)
            if record is not None:
                target.append(record)
    return annotation


def read_annotations(
    annotations_dir: Path, problems: Problems, vocab: Vocabularies, /
) -> list[Annotation]:
    """Every `*.yaml` annotation; a file named like one but spelt otherwise (`.yml`, `.YAML`)
    would be passed over without a word, so it is refused."""
    for path in sorted(annotations_dir.glob("*")):
        if path.suffix != ".yaml" and path.suffix.lower() in (".yaml", ".yml"):
            problems.add(
                str(path),
                None,
                "file_name",
                "annotation files end in `.yaml`: rename it, or it is not read",
            )
    return [
        a
        for path in sorted(annotations_dir.glob("*.yaml"))
        if (a := read_annotation(path, problems, vocab)) is not None
    ]
