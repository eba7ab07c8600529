"""Typed reading of one YAML mapping: keys, types, vocabularies and quotes, with file and line.

The annotation files and the registries are read through the same `Reader`, so that every
wrong value is reported the same way: at its file and line, with the valid choices listed.
Unknown keys are errors: a typo must not drop a fact.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Problems, shown
from .schema import TableName, enum_values

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ID = 100  # characters of an id; the longest event id is under 50

# Which key of the annotation files and of the registries holds a value of which schema field:
# the one map from what an editor writes to the `enum` of `schema/` it is checked against.
# Keyed by (what is read, key); a route leg's roles are its keys, listed here as `role`.
CONTROLLED: dict[tuple[str, str], tuple[TableName, str]] = {
    ("source", "source_type"): ("sources", "source_type"),
    ("source.published_date", "from"): ("sources", "published_date_basis"),
    ("source.published_date", "basis"): ("sources", "published_date_basis"),
    ("route leg", "role"): ("event_routes", "role"),
    ("aircraft claim", "role"): ("aircraft", "role"),
    ("statement", "type"): ("statements", "statement_type"),
    ("statement", "medium"): ("statements", "medium"),
    ("sequence claim", "scope"): ("sequence_claims", "scope"),
    ("airspace claim", "kind"): ("airspace_claims", "claim_type"),
    ("participant claim", "role"): ("event_participants", "role"),
    ("event", "type"): ("events", "event_type"),  # registries/events.yaml
    ("actor", "type"): ("actors", "actor_type"),  # registries/actors.yaml
    ("place", "type"): ("places", "place_type"),  # registries/places.yaml
    ("aircraft type", "kind"): ("aircraft_types", "kind"),  # registries/aircraft_types.yaml
    ("ship", "type"): ("ships", "ship_type"),  # registries/ships.yaml
}


def allowed(what: str, key: str, schema_dir: Path | None, /) -> tuple[str, ...]:
    """The values `key` of `what` may take: the `enum` of its schema field (CONTROLLED)."""
    table, name = CONTROLLED[what, key]
    return enum_values(table, name, schema_dir)


def did_you_mean(value: str, choices: Any, /) -> str:
    """`; did you mean 'x'?` naming the closest of `choices` to a mistyped `value`, or ''."""
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f"; did you mean {shown(close[0])}?" if close else ""


@dataclass(frozen=True)
class Quote:
    """A verbatim quote in one article, and where the editor wrote it."""

    text: str
    occurrence: int | None
    file: str
    line: int | None


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {
        str: "a string",
        int: "a whole number",
        list: "a list",
        dict: "a mapping",
        bool: "true",
    }
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


_NO_KEY = object()  # `Reader.error` given no key (None is a key YAML can hold: `null:`)


class Reader:
    """Reads one mapping, checking keys and types and recording problems."""

    def __init__(
        self, data: Any, file: str, what: str, problems: Problems, line: int | None
    ) -> None:
        self.file, self.what, self.problems = file, what, problems
        self.line = getattr(data, "line", line)
        self.ok = isinstance(data, dict)
        self.data: dict[str, Any] = data if self.ok else {}
        if not self.ok:
            problems.add(
                file,
                self.line,
                "value_type",
                f"{what}: expected a mapping, got {type(data).__name__}",
            )

    def line_of(self, key: Any) -> int | None:
        """The line of `key` in this mapping (the mapping's own line when it is not there)."""
        return getattr(self.data, "key_lines", {}).get(key, self.line)

    def error(
        self, code: str, message: str | None = None, /, *, at: Any = _NO_KEY, **fields: Any
    ) -> None:
        """A problem of rule `code` at the line of key `at` (else of the `key` field, else of
        this mapping): `message` after the name of what is read, or else the rule's template
        filled with `fields` (and `what`)."""
        key = fields.get("key", _NO_KEY) if at is _NO_KEY else at
        line = self.line if key is _NO_KEY else self.line_of(key)
        if message is None:
            self.problems.add(self.file, line, code, what=self.what, **fields)
        else:
            self.problems.add(self.file, line, code, f"{self.what}: {message}")

    def check_keys(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                hint = did_you_mean(key, allowed) if isinstance(key, str) else ""
                self.error(
                    "unknown_key",
                    at=key,
                    key=shown(key),
                    allowed=", ".join(sorted(allowed)),
                    hint=hint,
                )

    def get(self, key: str, kind: type | tuple[type, ...], *, required: bool = False) -> Any:
        value = self.data.get(key)
        if value is None:
            if required and self.ok:
                self.error("key_required", key=key)
            return None
        wrong_bool = isinstance(value, bool) and bool not in (
            kind if isinstance(kind, tuple) else (kind,)
        )
        if not isinstance(value, kind) or wrong_bool:
            self.error("value_type", key=key, kind=_kind_name(kind), value=shown(value))
            return None
        return value

    def number(self, key: str, bounds: tuple[int, int], *, required: bool = False) -> Any:
        """A whole number from `bounds[0]` to `bounds[1]`, or None (reported) for anything
        else: a bool, a fraction, NaN, an infinity or a number the column cannot hold."""
        value = self.data.get(key)
        if value is None:
            return self.get(key, int, required=required)
        wrong = number_problem(value, bounds)
        if wrong is not None:
            self.error("number_range", f"`{key}` {wrong}", at=key)
            return None
        return value

    def flag(self, key: str) -> bool:
        """An optional `key: true`."""
        return self.get(key, bool) is True

    def slug(self, key: str, *, required: bool = False, pattern: re.Pattern[str] = SLUG) -> Any:
        value = self.get(key, str, required=required)
        if value is not None and len(value) > MAX_ID:
            self.error("id_length", key=key, value=shown(value), limit=MAX_ID)
            return None
        if value is not None and not pattern.fullmatch(value):
            self.error("id_format", key=key, value=shown(value), pattern=pattern.pattern)
            return None
        return value

    def choice(
        self,
        key: str,
        schema_dir: Path | None,
        *,
        required: bool = True,
        written_otherwise: tuple[str, ...] = (),
    ) -> Any:
        """A value of the schema field `key` holds (CONTROLLED), else None and a problem at
        this line listing the values and the closest one. `written_otherwise`: values of the
        field that this key does not take, as the format says them another way."""
        value = self.get(key, str, required=required)
        choices = [v for v in allowed(self.what, key, schema_dir) if v not in written_otherwise]
        if value is not None and value not in choices:
            hint = did_you_mean(value, choices)
            self.error(
                "vocabulary", key=key, value=shown(value), choices=", ".join(choices), hint=hint
            )
            return None
        return value

    def quote(self, key: str, *, required: bool = False, occurrence_key: str = "") -> Quote | None:
        """A quote given as a string, or as {quote, occurrence}."""
        value = self.data.get(key)
        if value is None:
            if required and self.ok:
                self.error("key_required", key=key)
            return None
        return read_quote(
            value,
            self.file,
            self.problems,
            f"{self.what} `{key}`",
            self.line_of(key),
            occurrence=self.data.get(occurrence_key) if occurrence_key else None,
        )

    def quote_list(self, key: str) -> tuple[Quote, ...]:
        """An optional quote, or a list of quotes (words spread over two sentences)."""
        value = self.data.get(key)
        if isinstance(value, list):
            return tuple(self.quotes(key))
        quote = self.quote(key)
        return () if quote is None else (quote,)

    def quotes(self, key: str) -> list[Quote]:
        """An optional list of quotes."""
        found = []
        items = self.get(key, list) or []
        for i, item in enumerate(items):
            line = item_line(items, i, self.line_of(key))
            q = read_quote(item, self.file, self.problems, f"{self.what} `{key}`", line)
            if q is not None:
                found.append(q)
        return found


def item_line(items: Any, index: int, default: int | None) -> int | None:
    """The line of item `index` of a list read from YAML (`yamlfile.Sequence` records them;
    `default` for any other list)."""
    lines = getattr(items, "item_lines", [])
    return lines[index] if index < len(lines) else default


def item_reader(
    data: Any, file: str, what: str, problems: Problems, keys: set[str], line: int | None = None
) -> Reader | None:
    """A `Reader` of one item (an annotation's claim, a registry's entry) with its keys checked
    against `keys`, or None when the item is no mapping (reported at its line)."""
    r = Reader(data, file, what, problems, line)
    if not r.ok:
        return None
    r.check_keys(keys)
    return r


def number_problem(value: Any, bounds: tuple[int, int], /) -> str | None:
    """Why `value` is not a whole number within `bounds` (None when it is)."""
    low, high = bounds
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return None
    return f"must be a whole number from {low:,} to {high:,}, got {shown(value)}"


# An occurrence counts the places a quote is in an article: from 1, at most an Int64.
OCCURRENCE = (1, 2**63 - 1)


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
        reader = Reader(value, file, what, problems, line)
        reader.check_keys({"quote", "occurrence"})
        text = reader.get("quote", str, required=True)
        occurrence = reader.data.get("occurrence")
        line = reader.line
    elif isinstance(value, str):
        text = value
    else:
        problems.add(
            file, line, "value_type", f"{what}: expected a quote (text), got {shown(value)}"
        )
        return None
    if text is None:
        return None
    if not text.strip():
        problems.add(file, line, "quote_empty", what=what)
        return None
    if occurrence is not None and (wrong := number_problem(occurrence, OCCURRENCE)):
        problems.add(file, line, "number_range", f"{what}: occurrence {wrong}")
        return None
    return Quote(text, occurrence, file, line)
