"""Read a data package: its descriptor, and its tables typed by their own Table Schema.

Shared by `validate` (which reports every problem it meets on the way) and `diff` (which
compares two packages and needs only their typed rows), so that a CSV file is read and typed
one way everywhere. `write_package` and `read_tables` write and read a whole package
with the project's writer, for the tests and benchmarks that make or corrupt one.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import polars as pl

from .errors import PatrolsError, shorten
from .files import NotARegularFile, read_regular
from .schema import TABLES, default_schema_dir, polars_dtypes
from .write import to_frame, write_csv, write_descriptor, write_parquet

# A descriptor above this size is refused unread (the dataset's is a few hundred kilobytes;
# one of a million statements is the same: it describes files, it does not hold them).
MAX_DESCRIPTOR_BYTES = 50_000_000
# Objects and lists nested deeper than this are refused (a Table Schema needs about 8).
MAX_DESCRIPTOR_DEPTH = 64


class UnreadablePackage(PatrolsError):
    """What validation starts from cannot be read: the descriptor, or the schemas in schema/
    that a package of this version must carry. There is nothing to validate (exit code 2)."""

    exit_code = 2


def read_descriptor(path: Path) -> tuple[Path, dict[str, Any]]:
    """The descriptor at `path` (a datapackage.json or its folder) and the file it came from.

    Raises UnreadablePackage, naming the file, when there is no descriptor with a
    `resources` list to read. A hostile descriptor is refused before it is parsed when it is
    not a regular file (a FIFO would be waited on forever) or is larger than
    MAX_DESCRIPTOR_BYTES, and after it when it nests deeper than MAX_DESCRIPTOR_DEPTH.
    """
    try:
        if path.is_dir():
            path = path / "datapackage.json"
        # a link to a descriptor is fine: read what it points to, as a regular file
        data = read_regular(Path(os.path.realpath(path)), limit=MAX_DESCRIPTOR_BYTES)
        descriptor = json.loads(data.decode("utf-8"))
    except NotARegularFile as exc:
        if str(exc) == "file not found":
            raise UnreadablePackage(
                f"{path}: no such file; give a datapackage.json or its folder"
            ) from None
        raise UnreadablePackage(f"{path}: not read: {exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnreadablePackage(f"{path}: not a JSON datapackage descriptor ({exc})") from None
    except RecursionError:
        raise UnreadablePackage(f"{path}: {_too_deep}") from None
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte in it
        raise UnreadablePackage(f"{path}: cannot be read ({shorten(str(exc))})") from None
    if _depth(descriptor) > MAX_DESCRIPTOR_DEPTH:
        raise UnreadablePackage(f"{path}: {_too_deep}")
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise UnreadablePackage(f"{path}: a datapackage descriptor needs a `resources` list")
    return path, descriptor


_too_deep = (
    f"objects or lists nested more than {MAX_DESCRIPTOR_DEPTH} levels deep: not a datapackage "
    "descriptor"
)


def _depth(value: Any) -> int:
    """How deep objects and lists nest in `value` (without recursion), stopping early."""
    deepest, stack = 0, [(value, 1)]
    while stack and deepest <= MAX_DESCRIPTOR_DEPTH:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in children)
    return deepest


def typed_columns(schema: dict[str, Any], columns: list[str], /) -> list[pl.Expr]:
    """Each schema column among `columns` (read from CSV as text) converted to its type.

    A cell whose text is not of the column's type becomes null: the caller compares with
    the text to find those cells. Booleans are only `true` and `false`, dates YYYY-MM-DD,
    as the package writes them.
    """
    typed = []
    for name, dtype in polars_dtypes(schema).items():
        if name not in columns:
            continue
        col = pl.col(name)
        if dtype == pl.String:
            typed.append(col)
        elif dtype == pl.Date:  # exactly YYYY-MM-DD: "2021-8-01" is no date of the package
            exact = col.str.contains(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
            typed.append(pl.when(exact).then(col.str.to_date("%Y-%m-%d", strict=False)).alias(name))
        elif dtype == pl.Boolean:
            typed.append(
                pl.when(col == "true").then(True).when(col == "false").then(False).alias(name)
            )
        else:
            typed.append(col.cast(dtype, strict=False))
    return typed


def read_typed_csv(file: Path, schema: dict[str, Any], /) -> pl.DataFrame:
    """A CSV file's rows, its schema's columns typed (other columns kept as text)."""
    raw = pl.read_csv(file, infer_schema=False, raise_if_empty=False)
    return raw.with_columns(typed_columns(schema, raw.columns))


# The largest table file a reader of outside packages opens (validate's limit too).
MAX_TABLE_BYTES = 2**30


def confined_file(root: Path, relative: Any, /, what: str = "file") -> Path:
    """The regular file a descriptor names by `relative`, inside the package folder `root`.

    A package from outside (a folder, a zip, a downloaded version) names its files; a path
    that is absolute, climbs out with `..`, holds a NUL, or leads out through a link (to a
    private key, to /proc/self/cwd/.env) is refused, and so is a file that is not a regular
    file or is larger than MAX_TABLE_BYTES: UnreadablePackage (exit code 2), naming the path.
    Every reader of packages (diff, site, load of a release) opens files through this.
    """
    if not isinstance(relative, str) or not relative or "\0" in relative:
        raise UnreadablePackage(f"{root}: the {what} path {shorten(repr(relative))} is not usable")
    try:
        file = (root / relative).resolve()
        inside = not Path(relative).is_absolute() and file.is_relative_to(root.resolve())
    except (OSError, ValueError, RuntimeError) as exc:
        raise UnreadablePackage(
            f"{root}: the {what} path {relative!r} is not usable ({exc})"
        ) from None
    if not inside:
        raise UnreadablePackage(
            f"{root}: the {what} path {shorten(repr(relative))} leads outside the package; not read"
        )
    try:
        info = file.stat()
    except OSError as exc:
        raise UnreadablePackage(
            f"{root}: the {what} {relative!r} cannot be read ({exc.strerror or exc})"
        ) from None
    if not stat.S_ISREG(info.st_mode):
        raise UnreadablePackage(f"{root}: the {what} {relative!r} is not a regular file; not read")
    if info.st_size > MAX_TABLE_BYTES:
        raise UnreadablePackage(
            f"{root}: the {what} {relative!r} has {info.st_size:,} bytes, more than a reader "
            f"opens ({MAX_TABLE_BYTES:,})"
        )
    return file


def read_table(root: Path, resource: dict[str, Any], /) -> pl.DataFrame:
    """A resource's rows: from its Parquet file when it names one, else its CSV; each file
    confined to the package (`confined_file`), and one that cannot be parsed is an
    UnreadablePackage naming it, never a traceback."""
    parquet = resource.get("parquet")
    name = resource.get("name")
    try:
        # a Parquet file the descriptor names but the folder lacks: the CSV file serves
        if isinstance(parquet, dict) and (root / str(parquet.get("path"))).exists():
            return pl.read_parquet(confined_file(root, parquet["path"], f"Parquet file of {name}"))
        file = confined_file(root, resource.get("path"), f"CSV file of {name}")
        return read_typed_csv(file, resource.get("schema", {}))
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise UnreadablePackage(
            f"{root}: the table {name!r} cannot be read ({shorten(str(exc))})"
        ) from None


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
