"""The optional parts of the package, and the one error that names the extra to install.

The base install loads tables with polars alone. What else a feature needs comes with an
extra (`pip install 'sino-russian-patrols[<extra>]'`, see the README); a feature whose extra
is missing raises MissingExtraError with that exact command, and the CLI prints it and exits 1.
"""

from __future__ import annotations

import importlib.util

from .errors import PatrolsError

# Each extra of pyproject.toml and the modules the package imports from it.
EXTRAS: dict[str, tuple[str, ...]] = {
    "pandas": ("pandas", "pyarrow"),
    "pyarrow": ("pyarrow",),
    "sql": ("duckdb",),
    "download": ("pooch", "requests", "tqdm"),
    "validate": ("pandera",),
    "build": ("yaml", "pycountry", "pandera", "build"),
    "notebook": (
        *("matplotlib", "mpl_toolkits.basemap_data", "pandas", "pyarrow", "duckdb"),
        *("IPython", "ipykernel", "nbclient"),
    ),
}


class MissingExtraError(PatrolsError, ImportError):
    """A feature needs an optional dependency that is not installed; the message says which
    extra brings it. Also an ImportError, for callers that catch that."""

    def __init__(self, extra: str, what: str, missing: list[str]) -> None:
        self.extra = extra
        super().__init__(
            f"{what} needs {', '.join(missing)}, which {'is' if len(missing) == 1 else 'are'} "
            f"not installed: {install_hint(extra)}",
            name=missing[0],
        )


def install_hint(extra: str, /) -> str:
    """The command that installs `extra`, written as the README writes it."""
    if extra not in EXTRAS:
        raise ValueError(f"unknown extra {extra!r}; the extras are: {', '.join(EXTRAS)}")
    return f"pip install 'sino-russian-patrols[{extra}]'"


def require_extra(extra: str, what: str, /, *modules: str) -> None:
    """Raise MissingExtraError unless `modules` (default: every module of `extra`) can be
    imported; checked before any work starts, so nothing is left half done. Nothing is
    imported here: finding a module is cheap, importing pandera is not."""
    wanted = modules or EXTRAS[extra]
    missing = [m for m in wanted if importlib.util.find_spec(m) is None]
    if missing:
        raise MissingExtraError(extra, what, missing)
