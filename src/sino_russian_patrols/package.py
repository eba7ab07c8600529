"""Read a data package: its descriptor, and its tables typed by their own Table Schema.

Shared by `validate` (which reports every problem it meets on the way) and `diff` (which
compares two packages and needs only their typed rows), so that a CSV file is read and typed
one way everywhere.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl

from .schema import polars_dtypes


class UnreadablePackage(Exception):
    """The descriptor itself cannot be read: there is nothing to validate."""


def read_descriptor(path: Path) -> tuple[Path, dict[str, Any]]:
    """The descriptor at `path` (a datapackage.json or its folder) and the file it came from.

    Raises UnreadablePackage, naming the file, when there is no descriptor with a
    `resources` list to read.
    """
    if path.is_dir():
        path = path / "datapackage.json"
    try:
        descriptor = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise UnreadablePackage(
            f"{path}: no such file; give a datapackage.json or its folder"
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnreadablePackage(f"{path}: not a JSON datapackage descriptor ({exc})") from None
    except OSError as exc:
        raise UnreadablePackage(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise UnreadablePackage(f"{path}: a datapackage descriptor needs a `resources` list")
    return path, descriptor


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
        elif dtype == pl.Date:
            typed.append(col.str.to_date("%Y-%m-%d", strict=False))
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


def read_table(root: Path, resource: dict[str, Any], /) -> pl.DataFrame:
    """A resource's rows: from its Parquet file when it names one that exists, else its CSV."""
    parquet = resource.get("parquet")
    if isinstance(parquet, dict) and (root / parquet["path"]).is_file():
        return pl.read_parquet(root / parquet["path"])
    return read_typed_csv(root / resource["path"], resource.get("schema", {}))
