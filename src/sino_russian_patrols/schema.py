"""The Table Schemas in `schema/`: the single source of types and constraints."""

from __future__ import annotations

import json
import math
import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal, get_args

from .errors import Problem, SchemaError
from .files import NotARegularFile, read_regular

TableName = Literal[
    "sources",
    "events",
    "event_dates",
    "event_durations",
    "event_routes",
    "aircraft",
    "aircraft_types",
    "actors",
    "actor_aliases",
    "statements",
    "places",
    "place_aliases",
    "event_places",
    "sequence_claims",
    "airspace_claims",
    "ship_claims",
    "ships",
    "ship_aliases",
    "event_participants",
    "event_names",
    "exercise_series",
    "series_aliases",
    "evidence",
]
TABLES: tuple[TableName, ...] = get_args(TableName)


def check_table_name(name: str, /) -> TableName:
    """Return `name` if it is a table of the dataset, else raise listing the valid names."""
    if name not in TABLES:
        valid = ", ".join(TABLES)
        raise ValueError(f"unknown table {name!r}; the tables are: {valid}")
    return name  # type: ignore[return-value]


FIELD_TYPES = ("string", "integer", "number", "date", "boolean")
INT64 = (-(2**63), 2**63 - 1)  # what an integer column can hold


def _line_of(text: str, message: str) -> int | None:
    """The line of the field a message is about (`field 'x': ...`), when it names one."""
    named = re.match(r"field '([^'\\]+)'", message)
    found = named and re.search(r'"name"\s*:\s*' + re.escape(json.dumps(named[1])), text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _field_problems(f: Any, i: int) -> list[str]:
    """What is wrong with field number `i` (from 1) of a Table Schema."""
    if not isinstance(f, dict):
        return [f"field {i} is not an object with `name` and `type`"]
    what = f"field {f.get('name')!r}" if isinstance(f.get("name"), str) else f"field {i}"
    found = []
    if not isinstance(f.get("name"), str) or not f["name"]:
        found.append(f"{what}: `name` must be non-empty text")
    if f.get("type") not in FIELD_TYPES:
        found.append(f"{what}: `type` {f.get('type')!r} is not one of: {', '.join(FIELD_TYPES)}")
    c = f.get("constraints", {})
    if not isinstance(c, dict):
        return [*found, f"{what}: `constraints` must be an object"]
    enum = c.get("enum")
    if "enum" in c and (not isinstance(enum, list) or not enum):
        found.append(f"{what}: `enum` must be a non-empty list of values, got {enum!r}")
    elif "enum" in c and f.get("type") == "string" and not all(isinstance(v, str) for v in enum):
        found.append(f"{what}: every value of `enum` must be text")
    for key in ("minimum", "maximum"):
        bound = c.get(key)
        if key in c and (
            isinstance(bound, bool)
            or not isinstance(bound, (int, float))
            or not math.isfinite(bound)
        ):
            found.append(f"{what}: `{key}` must be a finite number, got {bound!r}")
    for key in ("required", "unique"):
        if key in c and not isinstance(c[key], bool):
            found.append(f"{what}: `{key}` must be true or false, got {c[key]!r}")
    if "pattern" in c:
        try:
            re.compile(c["pattern"])
        except (TypeError, re.error) as exc:
            found.append(f"{what}: `pattern` {c['pattern']!r} is not a regular expression ({exc})")
    if not isinstance(f.get("enumDescriptions", {}), dict):
        found.append(f"{what}: `enumDescriptions` must be an object")
    return found


def _schema_problems(schema: Any) -> list[str]:
    """What keeps `schema` from being a Table Schema the build can use (empty when nothing)."""
    if not isinstance(schema, dict):
        return [f"not a Table Schema: a JSON {type(schema).__name__}, not an object"]
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return ["not a Table Schema: `fields` must be a non-empty list of fields"]
    found = [m for i, f in enumerate(fields, start=1) for m in _field_problems(f, i)]
    names = [f.get("name") for f in fields if isinstance(f, dict)]
    found += [
        f"field {n!r} is defined twice"
        for n in sorted({n for n in names if isinstance(n, str) and names.count(n) > 1})
    ]
    key = schema.get("primaryKey")
    keys = [key] if isinstance(key, str) else key
    if not isinstance(keys, list) or not keys or not all(k in names for k in keys):
        found.append(f"`primaryKey` {key!r} must name fields of this table")
    links = schema.get("foreignKeys", [])
    if not isinstance(links, list) or not all(
        isinstance(fk, dict)
        and isinstance(fk.get("fields"), list)
        and all(k in names for k in fk["fields"])
        and isinstance(fk.get("reference"), dict)
        for fk in links
    ):
        found.append("`foreignKeys` must be a list of {fields, reference} naming fields")
    return found


@cache
def read_schema(schema_dir: Path, name: str, /) -> dict[str, Any]:
    """Read one Table Schema file, checked: a missing file, invalid JSON or a file that is not
    a Table Schema raises SchemaError naming the file (and line) and what is wrong."""
    path = schema_dir / f"{name}.json"
    shown = f"{schema_dir.name}/{name}.json"  # as the project names it: schema/<table>.json

    def broken(line: int | None, message: str) -> SchemaError:
        return SchemaError([Problem(shown, line, "schema_file", message)])

    try:
        text = read_regular(path).decode("utf-8")
        schema = json.loads(text)
    except NotARegularFile as exc:
        raise broken(None, f"{exc}; schema/ holds the Table Schema of each table") from None
    except UnicodeDecodeError as exc:
        raise broken(None, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise broken(exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise broken(None, "nested too deeply to be a Table Schema") from None
    found = _schema_problems(schema)
    if found:
        raise SchemaError([Problem(shown, _line_of(text, m), "schema_file", m) for m in found])
    return schema


def check_schemas(schema_dir: Path, /) -> None:
    """Read every table's schema; raise one SchemaError listing every broken file."""
    problems: list[Problem] = []
    for name in TABLES:
        try:
            read_schema(schema_dir, name)
        except SchemaError as exc:
            problems += exc.problems
    if problems:
        raise SchemaError(problems)


def field_names(schema: dict[str, Any], /) -> list[str]:
    return [f["name"] for f in schema["fields"]]


def polars_dtypes(schema: dict[str, Any], /) -> dict[str, Any]:
    """Map Table Schema field types to polars dtypes."""
    import polars as pl

    mapping = {
        "string": pl.String,
        "integer": pl.Int64,
        "number": pl.Float64,
        "date": pl.Date,
        "boolean": pl.Boolean,
    }
    return {f["name"]: mapping[f["type"]] for f in schema["fields"]}


def installed_data() -> Traversable:
    """The folder a wheel ships the dataset and `schema/` in, inside the package (`data/`).
    A zip-imported package gives a Traversable that is no real path."""
    return resources.files("sino_russian_patrols") / "data"


def source_checkout() -> Path | None:
    """The source checkout the package runs from (the folder with `schema/` above
    `src/sino_russian_patrols`), or None for an installed package."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "schema").is_dir() else None


def default_schema_dir() -> Path:
    """The project's `schema/`: in the source checkout, else the copy inside the package."""
    checkout = source_checkout()
    packaged = installed_data() / "schema"
    for candidate in (checkout and checkout / "schema", packaged):
        if isinstance(candidate, Path) and (candidate / "sources.json").is_file():
            return candidate
    raise FileNotFoundError("cannot find the schema/ folder; pass schema_dir=")


@cache
def enum_values(table: TableName, field: str, schema_dir: Path | None = None) -> tuple[str, ...]:
    """The `enum` of one field: the one list of the values a controlled field may take.

    Read from `schema/` (default: the project's), so that the annotation reader, the drafting
    tool, the codebook, the synthetic generator and the validator share one list, and a value
    added to the schema is accepted everywhere at once. A field with no `enum` gives `()`; a
    field the table does not have raises SchemaError naming the schema file.
    """
    where = default_schema_dir() if schema_dir is None else schema_dir
    return enum_of(_field(where, table, field))


def enum_of(field: dict[str, Any], /) -> tuple[str, ...]:
    """The `enum` of one Table Schema field (`()` when it has none), as a schema or a
    datapackage.json resource writes it: the one reading of a vocabulary from a field."""
    return tuple(field.get("constraints", {}).get("enum", ()))


def bounds(schema_dir: Path, table: str, column: str, /) -> tuple[int, int]:
    """The whole numbers an integer column accepts: its `minimum` and `maximum` constraints,
    else what an Int64 column can hold, so a value read from an annotation never overflows."""
    c = _field(schema_dir, table, column).get("constraints", {})
    low, high = c.get("minimum", INT64[0]), c.get("maximum", INT64[1])
    return max(math.ceil(low), INT64[0]), min(math.floor(high), INT64[1])


def _field(schema_dir: Path, table: str, column: str) -> dict[str, Any]:
    for f in read_schema(schema_dir, table)["fields"]:
        if f["name"] == column:
            return f
    file = f"{schema_dir.name}/{table}.json"
    raise SchemaError(
        [Problem(file, None, "schema_file", f"no column {column!r}; the build writes it")]
    )
