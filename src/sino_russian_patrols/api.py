"""The public functions beyond loading: validate, diff, versions, and where a package is.

A package is named the same way everywhere (these functions and the command line): a
folder holding datapackage.json, the file itself, a release zip, or a version number (the
installed one, or a released one fetched by `download`). An existing path wins over a
version number. Validating and diffing import their machinery only when called, so that
`import sino_russian_patrols` stays as light as loading a table.
"""

from __future__ import annotations

import contextlib
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .fetch import DEFAULT_UNPACKED_CAP, DownloadError, is_version
from .package import UnreadablePackage
from .swap import JOURNAL_NAME, reading

if TYPE_CHECKING:
    from .compare import PackageDiff
    from .validation import Report

PackageSpec = str | Path  # a folder, a datapackage.json, a release zip or a version number
Engine = Literal["polars", "pandera"]


def is_checkout(folder: Path, /) -> bool:
    """`folder` is a source checkout of the project: build/ and schema/ beside its
    datapackage.json (or the journal of a build that is swapping it)."""
    return (
        (folder / "build").is_dir()
        and (folder / "schema").is_dir()
        and ((folder / "datapackage.json").is_file() or (folder / JOURNAL_NAME).is_file())
    )


def checkout_around(folder: Path | None = None, /) -> Path | None:
    """The source checkout that holds `folder` (default: the current folder), if any."""
    here = (folder or Path.cwd()).resolve()
    return next((p for p in (here, *here.parents) if is_checkout(p)), None)


def default_package() -> Path:
    """What `validate` checks when given no path: inside a source checkout the project
    there (what its build just wrote), elsewhere the installed package; `swap.reading` says
    where in it to read."""
    from .load import data_root

    checkout = checkout_around()
    return checkout if checkout is not None else data_root()


@dataclass(frozen=True)
class Located:
    """Where a named package can be read (`path`), and how to name it in a report."""

    path: Path
    shown: str


@contextlib.contextmanager
def located(spec: PackageSpec | None, /) -> Iterator[Located]:
    """The package `spec` names, readable for the duration of the `with` block (a release
    zip is unpacked into a temporary folder, deleted afterwards), and held still: a build of
    that project swaps its new dataset in only after the block (`swap.reading`).

    Raises UnreadablePackage for a zip that cannot be unpacked, DownloadError for a version
    that cannot be fetched; a missing path is left to the reader to report.
    """
    if spec is None:
        with reading(default_package()) as where:
            yield Located(where, str(where))
        return
    if not isinstance(spec, str | Path):
        raise TypeError(f"a package is a path or a version number, not {type(spec).__name__}")
    given = Path(spec)
    if given.is_file() and given.suffix.lower() == ".zip":
        with _unzipped(given) as folder:
            yield Located(folder, str(given))
        return
    if not given.exists() and is_version(str(spec)):
        from .load import data_root

        path = data_root(str(spec))
        with reading(path) as where:
            yield Located(where, str(where))
        return
    # a datapackage.json that a killed build's swap moved aside is found through its journal
    journaled = given.name == "datapackage.json" and (given.parent / JOURNAL_NAME).is_file()
    if not (given.exists() or journaled):
        yield Located(given, str(given))  # the reader reports what is missing
        return
    with reading(given) as where:  # no swap moves its files while the caller reads them
        yield Located(where, str(where))


@contextlib.contextmanager
def _unzipped(zip_file: Path) -> Iterator[Path]:
    """A release zip unpacked into a temporary folder, refusing what `download` refuses
    (entries outside the folder, links, more than DEFAULT_UNPACKED_CAP bytes)."""
    from .unpack import _extract, package_folder

    with tempfile.TemporaryDirectory(prefix="srp-zip-") as tmp:
        try:
            with zipfile.ZipFile(zip_file) as archive:
                _extract(archive, Path(tmp), str(zip_file), DEFAULT_UNPACKED_CAP)
            folder = package_folder(Path(tmp))
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise UnreadablePackage(f"{zip_file}: not a readable zip file ({exc})") from None
        except DownloadError as exc:
            raise UnreadablePackage(str(exc).replace(tmp, str(zip_file))) from None
        yield folder


def schemas_for(package: Path, /) -> Path:
    """The schema/ folder a package is held to: a checkout's own, else the installed one's."""
    folder = package.parent if package.name == "datapackage.json" else package
    if is_checkout(folder):
        return folder / "schema"
    from .load import data_root

    home = data_root()  # a checkout cut short mid-swap and read-only: a folder inside it
    return home / "schema" if (home / "schema").is_dir() else home.parent / "schema"


def validate(path: PackageSpec | None = None, /, *, engine: Engine = "polars") -> Report:
    """Validate a package: every file, constraint, key, span and hash (see `Report`).

    path: a folder, a datapackage.json, a release zip or a version number; by default the
    project in the current folder when inside a source checkout, else the installed package.
    Problems of the data are findings of the report (`report.valid`, `report.text()`);
    raises UnreadablePackage only when there is no descriptor to read.
    """
    from .validation import validate_package

    with located(path) as where:
        report = validate_package(where.path, engine=engine, schema_dir=schemas_for(where.path))
    if where.shown != str(where.path):  # a zip: name it, not the temporary folder
        report.path = where.shown
    return report


def diff(old: PackageSpec, new: PackageSpec, /) -> PackageDiff:
    """Compare two packages table by table, row by row, by primary key.

    Each is a folder, a datapackage.json, a release zip or a version number (the installed
    one, or a released one: downloaded once, then cached). `result.identical`,
    `result.text()`, `result.json()` and `result.tables` say what changed.
    """
    from .compare import diff_packages

    with located(old) as a, located(new) as b:
        result = diff_packages(a.path, b.path)
    for info, where in ((result.old, a), (result.new, b)):
        if where.shown != str(where.path):
            info["path"] = where.shown
    return result


@dataclass(frozen=True)
class VersionInfo:
    """One version of the data: installed with the package, released, and/or cached."""

    version: str
    installed: bool  # the version whose data ship inside this package
    released: bool  # in the registry of released versions (releases.json)
    cached: bool  # unpacked in the download cache
    path: Path | None  # where its data are (None: not on this machine yet)


def versions() -> list[VersionInfo]:
    """Every version this package knows, oldest first: the installed one and the released
    ones, each marked installed, released and cached (`load(..., version=)` of a released
    version that is not cached downloads it)."""
    from . import __version__
    from .fetch import cache_dir, cached_versions, known_versions, registry
    from .load import data_root
    from .unpack import package_folder

    released = set(registry()["releases"])
    cached = set(cached_versions())
    everything = known_versions({"releases": dict.fromkeys({*released, *cached, __version__})})
    found = []
    for version in everything:
        if version == __version__:
            path: Path | None = data_root()
        elif version in cached:
            try:
                path = package_folder(cache_dir() / version)
            except (OSError, DownloadError):
                path = None
        else:
            path = None
        found.append(
            VersionInfo(
                version, version == __version__, version in released, version in cached, path
            )
        )
    return found
