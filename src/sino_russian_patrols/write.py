"""Write the tables as CSV and Parquet and the Frictionless descriptor, byte for byte the same
on every build.

Determinism: rows sorted by primary key, one chunk, fixed Parquet row-group size and
compression, no timestamps anywhere, keys of JSON in a fixed order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl

from . import __version__
from .hashes import file_sha256
from .schema import TABLES, polars_dtypes, read_schema

ROW_GROUP_SIZE = 65_536
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 9,
    "statistics": True,
    "row_group_size": ROW_GROUP_SIZE,
    "data_page_size": 1 << 20,
}
LICENSES = [
    {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0 (annotations and derived tables)",
    }
]
PACKAGE_DESCRIPTION = (
    "Sino-Russian joint military activity (the joint strategic bomber patrols near Alaska, over "
    "the Sea of Japan and the East China Sea, related exercises, intercepts and meetings), the "
    "aircraft flown, the actors involved and what they said, normalised from archived news "
    "articles. Every row cites a verbatim span of an archived text. CSV: empty field = null "
    "(CSV cannot tell null from an empty string). The archived article texts keep their "
    "publishers' rights and are quoted for research."
)


def to_frame(name: str, rows: list[dict[str, Any]], schema_dir: Path, /) -> pl.DataFrame:
    """Rows as a typed frame in schema column order, sorted by primary key, in one chunk."""
    schema = read_schema(schema_dir, name)
    dtypes = polars_dtypes(schema)
    frame = pl.DataFrame(rows, schema=dtypes, orient="row") if rows else pl.DataFrame(schema=dtypes)
    return frame.sort(schema["primaryKey"], nulls_last=True, maintain_order=True).rechunk()


def write_csv(frame: pl.DataFrame, path: Path, /) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.write_csv(
        path,
        line_terminator="\n",
        quote_style="necessary",
        date_format="%Y-%m-%d",
        null_value="",
        include_bom=False,
    )


def write_parquet(frame: pl.DataFrame, path: Path, /) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.rechunk().write_parquet(path, **PARQUET_OPTIONS)


def file_digest(path: Path, /) -> tuple[str, int]:
    """A written file's SHA-256 and size, as its descriptor records them."""
    return file_sha256(path), path.stat().st_size


def descriptor(root: Path, schema_dir: Path, /) -> dict[str, Any]:
    """The datapackage.json content for the files under `root/dataset`."""
    resources = []
    for name in TABLES:
        csv_path = f"dataset/csv/{name}.csv"
        parquet_path = f"dataset/parquet/{name}.parquet"
        csv_hash, csv_bytes = file_digest(root / csv_path)
        pq_hash, pq_bytes = file_digest(root / parquet_path)
        schema = read_schema(schema_dir, name)
        resources.append(
            {
                "name": name,
                "path": csv_path,
                "profile": "tabular-data-resource",
                "title": name.replace("_", " ").capitalize(),
                "description": schema.get("description", ""),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "hash": f"sha256:{csv_hash}",
                "bytes": csv_bytes,
                "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
                "schema": {k: v for k, v in schema.items() if k != "description"},
                "parquet": {"path": parquet_path, "hash": f"sha256:{pq_hash}", "bytes": pq_bytes},
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "sino-russian-patrols",
        "title": "Sino-Russian Joint Patrols",
        "description": PACKAGE_DESCRIPTION,
        "version": __version__,
        "licenses": LICENSES,
        "keywords": ["China", "Russia", "joint bomber patrol", "military cooperation"],
        "resources": resources,
    }


def write_descriptor(root: Path, schema_dir: Path, /) -> Path:
    path = root / "datapackage.json"
    text = json.dumps(descriptor(root, schema_dir), indent=2, ensure_ascii=False) + "\n"
    path.write_bytes(text.encode("utf-8"))
    return path
