"""Load the tables: polars first, pandas or pyarrow on request, DuckDB for SQL.

The data ships inside the package (no network). `version=` loads an older or newer
release fetched by `download`. Only polars is imported here at load time: pandas,
pyarrow and duckdb are imported by the calls that need them.

In a source checkout a build may swap a new dataset in at any moment: each call reads
under the project's read lock (`swap.reading`, via `_held`), so that the tables of one call
(`load_all`, `events_wide`, `describe`, `connect`) are of one build. The data of an installed
package and of a downloaded release never swap and are read without a lock.
"""

from __future__ import annotations

import atexit
import contextlib
import difflib
import json
from collections.abc import Iterator, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import polars as pl

from .schema import TABLES, TableName, installed_data, source_checkout

if TYPE_CHECKING:
    import duckdb
    import pandas
    import pyarrow

Backend = Literal["polars", "pandas", "pyarrow"]
DataFormat = Literal["parquet", "csv"]
LoadName = TableName | Literal["events_wide"]  # what `load` accepts: the tables and the view
Columns = str | Sequence[str]  # one column name, or several in the order wanted
_BACKENDS = ("polars", "pandas", "pyarrow")
_FORMATS = ("parquet", "csv")
_files = contextlib.ExitStack()
atexit.register(_files.close)


@cache
def _packaged_root() -> Path | None:
    """The data folder inside the installed package (a wheel's), if it holds the data."""
    packaged = installed_data()
    if packaged.joinpath("datapackage.json").is_file():
        # Zip-imported packages have no real paths: extract once for the process.
        return Path(_files.enter_context(resources.as_file(packaged)))
    return None


@cache
def _installed_root() -> Path:
    """The folder holding datapackage.json: inside the installed package, or the checkout."""
    packaged = _packaged_root()
    if packaged is not None:
        return packaged
    checkout = source_checkout()
    if checkout is not None:
        from .swap import JOURNAL_NAME, readable_package  # here: a wheel never needs them

        if (checkout / "datapackage.json").is_file() or (checkout / JOURNAL_NAME).is_file():
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
    from .fetch import download

    return download(version)


@contextlib.contextmanager
def one_build(version: str | None) -> Iterator[tuple[Path, bool]]:
    """The folder of `version`'s data, and whether its files stay as they are after the block.

    A checkout's data are held still for the block (`swap.reading`: a build swaps its new
    dataset in after it) and may change after it; the installed package's data and a
    downloaded release never swap, and are read without a lock (nothing is written into
    site-packages to lock it).
    """
    from . import __version__

    root = data_root(version)
    if (version is not None and version != __version__) or root == _packaged_root():
        yield root, True
        return
    from .swap import reading  # here: a wheel never needs it

    with reading(root) as where:
        yield where, False


def tables() -> tuple[TableName, ...]:
    """The names of the dataset's tables (the files of the package); `views()` names the
    derived views that `load` and `connect()` give beside them."""
    return TABLES


def views() -> tuple[str, ...]:
    """The derived views: `events_wide` (one row per event, with `load`) and, in `connect()`,
    `aircraft_counts` and `ship_counts` (as their functions give them)."""
    from .answers import VIEWS

    return VIEWS


def known_table(name: object, /, *, view: bool = False) -> TableName:
    """`name` if it is a table (or, with `view`, the events_wide view); else a ValueError that
    suggests the closest names ("event" -> "events") and lists them all."""
    names: tuple[str, ...] = (*TABLES, "events_wide") if view else TABLES
    if isinstance(name, str) and name in names:
        return name  # type: ignore[return-value]
    close = difflib.get_close_matches(str(name), names, n=2, cutoff=0.6)
    hint = f"did you mean {' or '.join(map(repr, close))}? " if close else ""
    raise ValueError(f"unknown table {name!r}; {hint}the tables are: {', '.join(names)}")


def path(name: TableName, /, format: DataFormat = "parquet", *, version: str | None = None) -> Path:
    """The file of one table, as a real path.

    In a source checkout a later build replaces the file: a reader of several files who
    needs them of one build reads them through `load_all` or `connect`, which hold them still.
    """
    known_table(name)
    if format not in _FORMATS:
        raise ValueError(f"unknown format {format!r}; choose one of: {', '.join(_FORMATS)}")
    with one_build(version) as (root, _):  # a swap a killed build began is finished first
        return _file(root, name, format)


def _file(root: Path, name: TableName, format: DataFormat = "parquet") -> Path:
    suffix = "parquet" if format == "parquet" else "csv"
    return root / "dataset" / format / f"{name}.{suffix}"


@overload
def load(
    name: LoadName,
    /,
    *,
    backend: Literal["polars"] = ...,
    lazy: Literal[False] = ...,
    columns: Columns | None = ...,
    version: str | None = ...,
) -> pl.DataFrame: ...
@overload
def load(
    name: LoadName,
    /,
    *,
    backend: Literal["polars"] = ...,
    lazy: Literal[True],
    columns: Columns | None = ...,
    version: str | None = ...,
) -> pl.LazyFrame: ...
@overload
def load(
    name: LoadName,
    /,
    *,
    backend: Literal["pandas"],
    lazy: Literal[False] = ...,
    columns: Columns | None = ...,
    version: str | None = ...,
) -> pandas.DataFrame: ...
@overload
def load(
    name: LoadName,
    /,
    *,
    backend: Literal["pyarrow"],
    lazy: Literal[False] = ...,
    columns: Columns | None = ...,
    version: str | None = ...,
) -> pyarrow.Table: ...
def load(
    name: LoadName,
    /,
    *,
    backend: Backend = "polars",
    lazy: bool = False,
    columns: Columns | None = None,
    version: str | None = None,
) -> Any:
    """Load one table (see `tables()`); `events_wide` is the analysis-ready view of events.

    backend: "polars" (default), "pandas" or "pyarrow". lazy=True returns a polars
    LazyFrame (in a source checkout, of the rows read now: a build may replace the file
    before a lazy scan would read it). columns: a subset of columns, in that order.
    """
    if backend not in _BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of: {', '.join(_BACKENDS)}")
    if lazy and backend != "polars":
        raise ValueError("lazy=True is available with backend='polars' only")
    known_table(name, view=True)
    if isinstance(columns, str):  # one column, not its letters
        columns = [columns]
    with one_build(version) as (root, still):
        if name == "events_wide":
            from .wide import events_wide

            frame = events_wide(lambda table: load(known_table(table), version=version)).lazy()
        else:
            frame = pl.scan_parquet(_file(root, name))
        if columns is not None:
            columns = list(columns)
            available = frame.collect_schema().names()
            unknown = [c for c in columns if not isinstance(c, str) or c not in available]
            if unknown:
                raise ValueError(
                    f"unknown column(s) {unknown} for table {name!r}; its columns are: "
                    f"{', '.join(available)}"
                )
            frame = frame.select(columns)
        if lazy:
            return frame if still else frame.collect().lazy()
        result = frame.collect()
    if backend == "polars":
        return result
    from .extras import require_extra

    require_extra(backend, f"load(backend={backend!r})")  # the extras are named as the backends
    if backend == "pandas":
        return _to_pandas(result)
    return result.to_arrow()


def _to_pandas(frame: pl.DataFrame) -> pandas.DataFrame:
    """The frame in pandas' nullable types: an integer column with gaps stays integer
    (Int64, not float64 with NaN), a boolean with gaps stays boolean, and dates are
    datetime64 (not Python objects), so that a pandas user gets the codebook's types."""
    import pandas as pd
    import pyarrow as pa

    nullable = {
        pa.int8(): pd.Int8Dtype(),
        pa.int16(): pd.Int16Dtype(),
        pa.int32(): pd.Int32Dtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.uint8(): pd.UInt8Dtype(),
        pa.uint16(): pd.UInt16Dtype(),
        pa.uint32(): pd.UInt32Dtype(),
        pa.uint64(): pd.UInt64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
    }
    return frame.to_arrow().to_pandas(types_mapper=nullable.get, date_as_object=False)


def load_all(**options: Any) -> dict[TableName, Any]:
    """Every table, by name, all of one build; options as for `load`."""
    with one_build(options.get("version")):
        return {name: load(name, **options) for name in TABLES}


def _descriptor(root: Path) -> dict[str, Any]:
    """The descriptor at `root`, read again only when a build has replaced it."""
    file = root / "datapackage.json"
    info = file.stat()
    return _read_descriptor(file, (info.st_ino, info.st_mtime_ns, info.st_size))


@cache
def _read_descriptor(file: Path, _stamp: tuple[int, int, int]) -> dict[str, Any]:
    return json.loads(file.read_text(encoding="utf-8"))


def describe(name: LoadName | None = None, /, *, version: str | None = None) -> pl.DataFrame:
    """The codebook of one table (or of `events_wide`): one row per column, with type,
    constraints and meaning. Without a name, the overview of the dataset: one row per
    table, with its title, rows, columns and primary key."""
    if name is None:
        return _overview(version)
    known_table(name, view=True)
    if name == "events_wide":
        from .wide import COLUMNS

        schema: dict[str, Any] = {
            "fields": [{"name": n, "type": t, "description": d} for n, (t, d) in COLUMNS.items()],
            "primaryKey": ["event_id"],
        }
    else:
        with one_build(version) as (root, _):
            descriptor = _descriptor(root)
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


def _overview(version: str | None) -> pl.DataFrame:
    """One row per table: name, title, rows (from the Parquet metadata, no data read),
    columns, primary key and description; the descriptor and the files of one build."""
    rows = []
    with one_build(version) as (root, _):
        resources = {r["name"]: r for r in _descriptor(root)["resources"]}
        for name in TABLES:
            resource = resources.get(name, {})
            key = resource.get("schema", {}).get("primaryKey", [])
            rows.append(
                {
                    "table": name,
                    "title": resource.get("title"),
                    "rows": pl.scan_parquet(_file(root, name)).select(pl.len()).collect().item(),
                    "columns": len(resource.get("schema", {}).get("fields", [])),
                    "primary_key": [key] if isinstance(key, str) else list(key),
                    "description": resource.get("description"),
                }
            )
    return pl.DataFrame(
        rows,
        schema={
            "table": pl.String,
            "title": pl.String,
            "rows": pl.Int64,
            "columns": pl.Int64,
            "primary_key": pl.List(pl.String),
            "description": pl.String,
        },
    )


def source_text(source_id: str, /, *, version: str | None = None) -> str:
    """The full archived text of one source; span offsets index this string."""
    if not isinstance(source_id, str):
        raise TypeError(
            f"source_id must be text like '001_8e58578bad5de279' (see load('sources')), "
            f"not {type(source_id).__name__} {source_id!r}"
        )
    with one_build(version) as (root, _):
        sources = pl.scan_parquet(_file(root, "sources"))
        found = sources.filter(pl.col("source_id") == source_id).select("text").collect()
        if found.height == 0:
            known = sources.select("source_id").collect()["source_id"].to_list()
            raise KeyError(f"unknown source_id {source_id!r}; the sources are: {', '.join(known)}")
    return found.item()


def connect(*, version: str | None = None) -> duckdb.DuckDBPyConnection:
    """An in-process DuckDB connection with every table (`tables()`) and every derived view
    (`views()`: events_wide, aircraft_counts, ship_counts) as a view.

    In a source checkout the views read copies of the tables' files, all of one build, made
    once per build for the process: a view reads its file at each query, and a later build
    replaces the checkout's files.
    """
    from .extras import require_extra

    require_extra("sql", "connect()")
    import duckdb

    con = duckdb.connect(":memory:")
    with one_build(version) as (root, still):
        info = (root / "datapackage.json").stat()
        stamp = (info.st_ino, info.st_mtime_ns, info.st_size)  # a new build: new copies
        files = root if still else _snapshot(root, stamp)
        for name in TABLES:
            file = _sql_string(_file(files, name))
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet({file})")
        # the views are computed by polars; handing them over as Parquet needs no pyarrow.
        for view in views():
            file = _sql_string(_view_file(view, version, stamp))
            con.execute(f"CREATE VIEW {view} AS SELECT * FROM read_parquet({file})")
    return con


def _temporary_folder() -> Path:
    """A temporary folder that lives as long as the process."""
    import tempfile

    return Path(_files.enter_context(tempfile.TemporaryDirectory(prefix="srp-")))


@cache
def _snapshot(root: Path, _stamp: tuple[int, int, int]) -> Path:
    """A copy of the Parquet files of the build at `root` (its descriptor's `_stamp`), in a
    temporary folder that lives as long as the process; the caller holds the build still."""
    import shutil

    folder = _temporary_folder()
    for name in TABLES:
        copy = _file(folder, name)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_file(root, name), copy)
    return folder


@cache
def _view_file(view: str, version: str | None, _stamp: tuple[int, int, int]) -> Path:
    """A derived view as a Parquet file in a temporary folder that lives as long as the
    process, computed again for a new build (`_stamp` is its descriptor's)."""
    from . import answers

    file = _temporary_folder() / f"{view}.parquet"
    frame = (
        load("events_wide", version=version)
        if view == "events_wide"
        else getattr(answers, view)(version=version)
    )
    frame.write_parquet(file)
    return file


def _sql_string(value: Path) -> str:
    return "'" + str(value).replace("'", "''") + "'"
