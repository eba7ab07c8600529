"""Sino-Russian joint military activity as provenance-checked tables.

    >>> import sino_russian_patrols as srp
    >>> events = srp.load("events")

Heavy dependencies (pandas, pandera, duckdb, pooch) are imported only by the functions
that need them, so that importing the package and loading a table stays fast; `Report`
(what `validate` returns) and the errors are imported on first use for the same reason. Every
error a user can act on is a `PatrolsError`, whose `exit_code` the command exits with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.3.0"

from .load import (
    connect,
    data_root,
    describe,
    load,
    load_all,
    path,
    source_text,
    tables,
    views,
)
from .schema import TableName

if TYPE_CHECKING:
    from .api import VersionInfo, diff, validate, versions
    from .citation import cite
    from .compare import PackageDiff
    from .errors import BuildError, PatrolsError, SchemaError, SwapIncomplete
    from .fetch import (
        ChecksumError,
        DownloadError,
        UnknownVersionError,
        UnsafeArchiveError,
        cache_dir,
        clear_cache,
        download,
    )
    from .package import UnreadablePackage
    from .release import ReleaseError
    from .swap import SwapError
    from .validation import Finding, Report

__all__ = [
    "BuildError",
    "ChecksumError",
    "DownloadError",
    "Finding",
    "PackageDiff",
    "PatrolsError",
    "ReleaseError",
    "Report",
    "SchemaError",
    "SwapError",
    "SwapIncomplete",
    "TableName",
    "UnknownVersionError",
    "UnreadablePackage",
    "UnsafeArchiveError",
    "VersionInfo",
    "__version__",
    "aircraft_counts",
    "cache_dir",
    "cite",
    "clear_cache",
    "connect",
    "data_root",
    "describe",
    "diff",
    "download",
    "evidence",
    "load",
    "load_all",
    "path",
    "ship_counts",
    "source_text",
    "tables",
    "validate",
    "versions",
    "views",
]

# Imported on first use, so that `import sino_russian_patrols` + `load(...)` costs little more
# than importing polars: the module that defines each name.
_LAZY = {
    **dict.fromkeys(("VersionInfo", "diff", "validate", "versions"), "api"),
    "cite": "citation",
    **dict.fromkeys(("aircraft_counts", "ship_counts", "evidence"), "answers"),
    "PackageDiff": "compare",
    **dict.fromkeys(("BuildError", "PatrolsError", "SchemaError", "SwapIncomplete"), "errors"),
    **dict.fromkeys(
        (
            "ChecksumError",
            "DownloadError",
            "UnknownVersionError",
            "UnsafeArchiveError",
            "cache_dir",
            "clear_cache",
            "download",
        ),
        "fetch",
    ),
    "UnreadablePackage": "package",
    "ReleaseError": "release",
    "SwapError": "swap",
    **dict.fromkeys(("Finding", "Report"), "validation"),
}


def __getattr__(name: str) -> Any:
    """The names of `_LAZY`, imported from their module on first use."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """Completion in notebooks lists the lazy names too."""
    return sorted(set(globals()) | set(__all__))
