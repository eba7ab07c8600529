"""Sino-Russian joint military activity as provenance-checked tables.

    >>> import sino_russian_patrols as srp
    >>> events = srp.load("events")

Heavy dependencies (pandas, pandera, duckdb, pooch) are imported only by the functions
that need them, so that importing the package and loading a table stays fast.
"""

from __future__ import annotations

__version__ = "0.2.0"

from .download import download
from .load import connect, data_root, describe, load, load_all, path, source_text, tables

__all__ = [
    "__version__",
    "connect",
    "data_root",
    "describe",
    "download",
    "load",
    "load_all",
    "path",
    "source_text",
    "tables",
]
