"""Fetch another release of the data, verify it, unpack it safely and cache it.

The installed package carries its own data; `download` is for other versions
(`load("events", version="0.1.0")`). What may be downloaded is fixed by the registry of
released versions shipped in the package (`releases.json`: version -> file and sha256), so a
download is accepted only when its bytes are exactly the released ones.

Environment variables:
- `SINO_RUSSIAN_PATROLS_CACHE`: the cache folder (default: the platform's user cache dir).
- `SINO_RUSSIAN_PATROLS_BASE_URL`: where release files live (default: `base_url` of the
  registry); `{version}` in it is replaced by the version.
- `SINO_RUSSIAN_PATROLS_REGISTRY`: a JSON file in the registry's format whose versions are
  added to the shipped ones. Meant for tests and private mirrors; it cannot change the
  checksum of a version the package ships.

pooch (and requests) are imported only when a file must actually be fetched.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any, TypedDict

CACHE_ENV = "SINO_RUSSIAN_PATROLS_CACHE"
BASE_URL_ENV = "SINO_RUSSIAN_PATROLS_BASE_URL"
REGISTRY_ENV = "SINO_RUSSIAN_PATROLS_REGISTRY"
REGISTRY_FILE = "releases.json"
_COMPLETE = ".complete"
_VERSION = re.compile(r"[0-9]+(\.[0-9A-Za-z]+)*([-+][0-9A-Za-z.]+)?")


class Release(TypedDict):
    file: str
    sha256: str


class DownloadError(Exception):
    """A release could not be fetched, verified or unpacked; the message says how to fix it."""


class UnknownVersionError(DownloadError, ValueError):
    """The version is not in the registry of released versions."""


class ChecksumError(DownloadError):
    """The downloaded bytes are not the released ones."""


class UnsafeArchiveError(DownloadError):
    """A zip entry would be written outside the release's folder (zip-slip) or is a link."""


def data_zip_name(version: str, /) -> str:
    """The file name of a release's data zip."""
    return f"sino-russian-patrols-data-{version}.zip"


def read_registry_file(path: Path, /) -> dict[str, Any]:
    """Read and check one registry file: {"base_url": ..., "releases": {version: Release}}."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DownloadError(f"cannot read the release registry {path}: {exc}") from None
    return _parse_registry(text, str(path))


def _parse_registry(text: str, where: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DownloadError(f"{where}: the release registry is not valid JSON ({exc})") from None
    releases = data.get("releases") if isinstance(data, dict) else None
    if not isinstance(releases, dict):
        raise DownloadError(f"{where}: a release registry needs a 'releases' object")
    for version, entry in releases.items():
        if not _VERSION.fullmatch(version):
            raise DownloadError(f"{where}: {version!r} is not a version number like 1.2.0")
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("file"), str)
            and isinstance(entry.get("sha256"), str)
            and re.fullmatch(r"[0-9a-f]{64}", entry["sha256"])
            and "/" not in entry["file"]
            and "\\" not in entry["file"]
            and isinstance(entry.get("published", False), bool)
        ):
            raise DownloadError(
                f"{where}: release {version!r} needs 'file' (a plain file name) and "
                "'sha256' (64 lowercase hex digits), and 'published' may only be true or false"
            )
    return data


def registry(extra: Path | str | None = None, /) -> dict[str, Any]:
    """The shipped registry, plus the versions of `extra` (or of $SINO_RUSSIAN_PATROLS_REGISTRY).

    Extra versions may be added, but a shipped version's checksum cannot be replaced.
    """
    shipped = resources.files("sino_russian_patrols").joinpath(REGISTRY_FILE)
    data = _parse_registry(
        shipped.read_text(encoding="utf-8"), f"sino_russian_patrols/{REGISTRY_FILE}"
    )
    extra = extra if extra is not None else os.environ.get(REGISTRY_ENV) or None
    if extra is None:
        return data
    more = read_registry_file(Path(extra))
    releases = dict(data["releases"])
    for version, entry in more["releases"].items():
        if version in releases and releases[version] != entry:
            raise DownloadError(
                f"{extra}: release {version} is already registered by the package with a "
                "different file or sha256; give the extra registry a different version"
            )
        releases[version] = entry
    return {**data, "base_url": more.get("base_url") or data.get("base_url"), "releases": releases}


def known_versions(reg: dict[str, Any], /) -> list[str]:
    """The registered versions, oldest first (numeric parts compared as numbers)."""

    def key(version: str) -> tuple[tuple[int, int | str], ...]:
        parts = version.replace("-", ".").split(".")
        return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)

    return sorted(reg["releases"], key=key)


def cache_dir() -> Path:
    """Where downloaded releases are kept: $SINO_RUSSIAN_PATROLS_CACHE or the user cache dir."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("sino-russian-patrols", appauthor=False))


def _release_url(base_url: str, version: str, file: str) -> str:
    base = base_url.replace("{version}", version)
    return base if base.endswith(file) else base.rstrip("/") + "/" + file


def _safe_members(archive: zipfile.ZipFile, where: str) -> list[zipfile.ZipInfo]:
    """The entries of `archive`, refusing any that would land outside the target folder."""
    members = []
    for info in archive.infolist():
        name = info.filename
        parts = PurePosixPath(name.replace("\\", "/")).parts
        mode = info.external_attr >> 16
        if (
            not name
            or name.startswith(("/", "\\"))
            or (len(name) > 1 and name[1] == ":")
            or ".." in parts
            or stat.S_ISLNK(mode)
        ):
            raise UnsafeArchiveError(
                f"{where}: refusing zip entry {name!r}: it would be written outside the "
                "release folder (absolute path, '..' or a link); the file is not a genuine "
                "release, delete it and report where it came from"
            )
        members.append(info)
    return members


def _package_folder(folder: Path) -> Path:
    """The folder holding datapackage.json: the unpacked root, or its single top folder."""
    if (folder / "datapackage.json").is_file():
        return folder
    inner = [p for p in folder.iterdir() if p.is_dir()]
    if len(inner) == 1 and (inner[0] / "datapackage.json").is_file():
        return inner[0]
    raise DownloadError(f"{folder}: the release zip holds no datapackage.json")


def _unpack(zip_file: Path, target: Path, version: str) -> None:
    """Unpack into a temporary folder and move it into place only when complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-"))
    try:
        with zipfile.ZipFile(zip_file) as archive:
            for info in _safe_members(archive, f"release {version} ({zip_file.name})"):
                archive.extract(info, staging)
        descriptor = json.loads((_package_folder(staging) / "datapackage.json").read_bytes())
        if descriptor.get("version") != version:
            raise DownloadError(
                f"{zip_file.name} holds data version {descriptor.get('version')!r}, "
                f"not {version!r}; the registry entry for {version} is wrong"
            )
        (staging / _COMPLETE).write_text(version + "\n", encoding="utf-8")
        if target.exists() and not (target / _COMPLETE).is_file():
            shutil.rmtree(target)  # left over from an interrupted run
        try:
            staging.rename(target)
        except OSError:
            if not (target / _COMPLETE).is_file():  # not a concurrent download that won
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def download(
    version: str,
    /,
    base_url: str | None = None,
    *,
    registry_file: Path | str | None = None,
    progressbar: bool = False,
) -> Path:
    """Fetch release `version`, verify its sha256, unpack it into the cache; return its folder.

    The folder holds datapackage.json, dataset/csv and dataset/parquet. A version already in
    the cache is returned without any network access. base_url: where the release files
    live (default: $SINO_RUSSIAN_PATROLS_BASE_URL, else the registry's base_url).
    """
    reg = registry(registry_file)
    releases: dict[str, Release] = reg["releases"]
    if version not in releases:
        known = ", ".join(known_versions(reg)) or "none"
        raise UnknownVersionError(
            f"unknown release {version!r}; the released versions known to this package are: "
            f"{known}. A newer release needs a newer package: "
            "pip install --upgrade sino-russian-patrols"
        )
    entry = releases[version]
    root = cache_dir()
    target = root / version
    if (target / _COMPLETE).is_file():
        return _package_folder(target)

    base = base_url or os.environ.get(BASE_URL_ENV) or reg.get("base_url")
    if not base:
        raise DownloadError(
            f"no download address for release {version}: the package records none; pass "
            f"base_url= (the folder that holds {entry['file']}) or set ${BASE_URL_ENV}"
        )
    url = _release_url(base, version, entry["file"])
    zip_file = _fetch(url, version, entry, root / "downloads", progressbar)
    _unpack(zip_file, target, version)
    return _package_folder(target)


def _fetch(url: str, version: str, entry: Release, folder: Path, progressbar: bool) -> Path:
    """Download with pooch; pooch keeps a file only when its sha256 matches."""
    import pooch
    import requests

    folder.mkdir(parents=True, exist_ok=True)
    logger = pooch.get_logger()
    level = logger.level
    logger.setLevel("WARNING")
    try:
        fetched = pooch.retrieve(
            url,
            known_hash=f"sha256:{entry['sha256']}",
            fname=entry["file"],
            path=folder,
            progressbar=progressbar,
        )
    except requests.HTTPError as exc:
        status = exc.response.status_code if exc.response is not None else "?"
        raise DownloadError(
            f"release {version}: {url} answered HTTP {status}; check base_url (or "
            f"${BASE_URL_ENV}) points at the folder holding {entry['file']}"
        ) from None
    except requests.RequestException as exc:
        raise DownloadError(
            f"release {version}: cannot fetch {url} ({type(exc).__name__}: {exc}); check the "
            "network and base_url, or copy the file into " + str(folder)
        ) from None
    except ValueError as exc:
        if "hash" not in str(exc).lower():
            raise
        raise ChecksumError(
            f"release {version}: {url} does not have the released sha256 {entry['sha256']}; "
            "the download was deleted. The file on the server is corrupt or not the "
            "released one: try again, or fetch it from the official release page"
        ) from None
    finally:
        logger.setLevel(level)
    return Path(fetched)


def clear_cache(version: str | None = None, /) -> None:
    """Delete one cached release (or all of them): the next `download` fetches it again."""
    root = cache_dir()
    if version is None:
        shutil.rmtree(root, ignore_errors=True)
        return
    shutil.rmtree(root / version, ignore_errors=True)
    with contextlib.suppress(KeyError, DownloadError):
        (root / "downloads" / registry()["releases"][version]["file"]).unlink(missing_ok=True)
