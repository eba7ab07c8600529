"""Load the tables: polars first, pandas or pyarrow on request, DuckDB for SQL.

The data ships inside the package (no network). `version=` loads an older or newer
release fetched by `download`. Only polars is imported here at load time: pandas,
pyarrow and duckdb are imported by the calls that need them.
"""

from __future__ import annotations

import atexit
import contextlib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import polars as pl

from .schema import TABLES, TableName, check_table_name
from .swap import JOURNAL_NAME, readable_package

if TYPE_CHECKING:
    import duckdb
    import pandas
    import pyarrow

Backend = Literal["polars", "pandas", "pyarrow"]
DataFormat = Literal["parquet", "csv"]
LoadName = TableName | Literal["events_wide"]  # what `load` accepts: the tables and the view
_BACKENDS = ("polars", "pandas", "pyarrow")
_FORMATS = ("parquet", "csv")
_files = contextlib.ExitStack()
atexit.register(_files.close)


@cache
def _installed_root() -> Path:
    """The folder holding datapackage.json: inside the installed package, or the checkout."""
    packaged = resources.files("sino_russian_patrols") / "data"
    if packaged.joinpath("datapackage.json").is_file():
        # Zip-imported packages have no real paths: extract once for the process.
        return Path(_files.enter_context(resources.as_file(packaged)))
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "schema").is_dir() and (
        (checkout / "datapackage.json").is_file() or (checkout / JOURNAL_NAME).is_file()
    ):
        return readable_package(checkout)  # a swap a killed build began is finished first
    raise FileNotFoundError(
        "the dataset files are missing from this installation; reinstall the package "
        "(pip install --force-reinstall sino-russian-patrols) or build them with "
        "`sino-russian-patrols build` in a source checkout"
    )


def data_root(version: str | None = None, /) -> Path:
    """The folder that holds `datapackage.json` for `version` (default: the installed one)."""
    from . import __version__

    if version is None or version == __version__:
        return _installed_root()
    from .download import download

    return download(version)


def tables() -> tuple[TableName, ...]:
    """The names of the dataset's tables."""
    return TABLES


def path(name: TableName, /, format: DataFormat = "parquet", *, version: str | None = None) -> Path:
    """The file of one table, as a real path."""
    check_table_name(name)
    if format not in _FORMATS:
        raise ValueError(f"unknown format {format!r}; choose one of: {', '.join(_FORMATS)}")
    suffix = "parquet" if format == "parquet" else "csv"
    return data_root(version) / "dataset" / format / f"{name}.{suffix}"


@overload
def load(
    name: LoadName,
    /,
    *,
    backend: Literal["polars"] = ...,
    lazy: Literal[False] = ...,
    columns: list[str] | None = ...,
    version: str | None = ...,
) -> pl.DataFrame: ...
@overload
def load(
    name: LoadName,
    /,
    *,
    backend: Literal["polars"] = ...,
    lazy: Literal[True],
    columns: list[str] | None = ...,
    version: str | None = ...,
) -> pl.LazyFrame: ...
@overload
def load(
    name: LoadName,
    /,
    *,
    backend: Literal["pandas"],
    lazy: Literal[False] = ...,
    columns: list[str] | None = ...,
    version: str | None = ...,
) -> pandas.DataFrame: ...
@overload
def load(
    name: LoadName,
    /,
    *,
    backend: Literal["pyarrow"],
    lazy: Literal[False] = ...,
    columns: list[str] | None = ...,
    version: str | None = ...,
) -> pyarrow.Table: ...
def load(
    name: LoadName,
    /,
    *,
    backend: Backend = "polars",
    lazy: bool = False,
    columns: list[str] | None = None,
    version: str | None = None,
) -> Any:
    """Load one table (see `tables()`); `events_wide` is the analysis-ready view of events.

    backend: "polars" (default), "pandas" or "pyarrow". lazy=True returns a polars
    LazyFrame. columns: a subset of columns, in that order.
    """
    if backend not in _BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of: {', '.join(_BACKENDS)}")
    if lazy and backend != "polars":
        raise ValueError("lazy=True is available with backend='polars' only")
    if name not in TABLES and name != "events_wide":
        valid = ", ".join((*TABLES, "events_wide"))
        raise ValueError(f"unknown table {name!r}; the tables are: {valid}")
    if name == "events_wide":
        from .wide import events_wide

        frame = events_wide(lambda table: load(check_table_name(table), version=version)).lazy()
    else:
        frame = pl.scan_parquet(path(name, version=version))
    if columns is not None:
        available = frame.collect_schema().names()
        unknown = [c for c in columns if c not in available]
        if unknown:
            raise ValueError(
                f"unknown column(s) {unknown} for table {name!r}; its columns are: "
                f"{', '.join(available)}"
            )
        frame = frame.select(columns)
    if lazy:
        return frame
    result = frame.collect()
    if backend == "polars":
        return result
    from .extras import require_extra

    require_extra(backend, f"load(backend={backend!r})")  # the extras are named as the backends
    if backend == "pandas":
        return result.to_pandas(use_pyarrow_extension_array=False)
    return result.to_arrow()


def load_all(**options: Any) -> dict[TableName, Any]:
    """Every table, by name; options as for `load`."""
    return {name: load(name, **options) for name in TABLES}


@cache
def _descriptor(root: Path) -> dict[str, Any]:
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))


def describe(name: LoadName, /, *, version: str | None = None) -> pl.DataFrame:
    """The codebook of one table (or of `events_wide`): one row per column, with type,
    constraints and meaning."""
    if name == "events_wide":
        from .wide import COLUMNS

        schema: dict[str, Any] = {
            "fields": [{"name": n, "type": t, "description": d} for n, (t, d) in COLUMNS.items()],
            "primaryKey": ["event_id"],
        }
    else:
        check_table_name(name)
        descriptor = _descriptor(data_root(version))
        schema = next(r for r in descriptor["resources"] if r["name"] == name)["schema"]
    pk = schema.get("primaryKey", [])
    rows = []
    for f in schema["fields"]:
        c = f.get("constraints", {})
        meanings = f.get("enumDescriptions", {})
        rows.append(
            {
                "column": f["name"],
                "type": f["type"],
                "required": bool(c.get("required")) or f["name"] in pk,
                "unique": bool(c.get("unique")),
                "primary_key": f["name"] in pk,
                "pattern": c.get("pattern"),
                "minimum": c.get("minimum"),
                "values": [f"{v}: {meanings.get(v, '')}".rstrip(": ") for v in c.get("enum", [])],
                "description": f.get("description", ""),
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "column": pl.String,
            "type": pl.String,
            "required": pl.Boolean,
            "unique": pl.Boolean,
            "primary_key": pl.Boolean,
            "pattern": pl.String,
            "minimum": pl.Float64,
            "values": pl.List(pl.String),
            "description": pl.String,
        },
    )


def source_text(source_id: str, /, *, version: str | None = None) -> str:
    """The full archived text of one source; span offsets index this string."""
    found = (
        pl.scan_parquet(path("sources", version=version))
        .filter(pl.col("source_id") == source_id)
        .select("text")
        .collect()
    )
    if found.height == 0:
        known = load("sources", columns=["source_id"], version=version)["source_id"].to_list()
        raise KeyError(f"unknown source_id {source_id!r}; the sources are: {', '.join(known)}")
    return found.item()


def connect(*, version: str | None = None) -> duckdb.DuckDBPyConnection:
    """An in-process DuckDB connection with every table (and events_wide) as a view."""
    from .extras import require_extra

    require_extra("sql", "connect()")
    import duckdb

    con = duckdb.connect(":memory:")
    for name in TABLES:
        file = _sql_string(path(name, version=version))
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet({file})")
    # events_wide is computed by polars; handing it over as Parquet needs no pyarrow.
    wide = _events_wide_file(version)
    con.execute(f"CREATE VIEW events_wide AS SELECT * FROM read_parquet({wide})")
    return con


@cache
def _events_wide_file(version: str | None) -> str:
    """events_wide as a Parquet file in a temporary folder that lives as long as the process."""
    import tempfile

    folder = Path(_files.enter_context(tempfile.TemporaryDirectory(prefix="srp-")))
    file = folder / "events_wide.parquet"
    load("events_wide", version=version).write_parquet(file)
    return _sql_string(file)


def _sql_string(value: Path) -> str:
    return "'" + str(value).replace("'", "''") + "'"
