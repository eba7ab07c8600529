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

- `SINO_RUSSIAN_PATROLS_DOWNLOAD_TIMEOUT`: the total deadline of one download in seconds
  (default 300), however slowly the server sends.

A release is unpacked only up to the size its registry entry records (`unpacked_bytes`, the
sum of its member sizes; DEFAULT_UNPACKED_CAP for an entry without it), and a cached release
is re-checked on every use and repaired when damaged (see `unpack`).

pooch (and requests) are imported only when a file must actually be fetched.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import threading
import time
import warnings
from importlib import resources
from pathlib import Path
from typing import Any, NotRequired, TypedDict

from .errors import PatrolsError

CACHE_ENV = "SINO_RUSSIAN_PATROLS_CACHE"
BASE_URL_ENV = "SINO_RUSSIAN_PATROLS_BASE_URL"
REGISTRY_ENV = "SINO_RUSSIAN_PATROLS_REGISTRY"
TIMEOUT_ENV = "SINO_RUSSIAN_PATROLS_DOWNLOAD_TIMEOUT"
REGISTRY_FILE = "releases.json"
DEFAULT_TIMEOUT = 300.0  # seconds for a whole download: minutes for a release of megabytes
READ_TIMEOUT = 30.0  # seconds a silent server is waited on, if the deadline is further
# The unpacked size allowed to a registry entry without `unpacked_bytes`: far above any
# release so far (0.2.0 unpacks to 0.4 MB), far below a disk-filling zip bomb.
DEFAULT_UNPACKED_CAP = 256 * 1024 * 1024
_ZIP_OVERHEAD = 1 << 20  # a zip is at most its members plus headers
_CHUNK = 1 << 16
# A release file's name: no folder, no '..', no control character, short enough for any disk.
_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,199}")
MAX_UNPACKED = 1 << 40  # the most `unpacked_bytes` may say: a terabyte is no data release
_VERSION = re.compile(r"[0-9]+(\.[0-9A-Za-z]+)*([-+][0-9A-Za-z.]+)?")


class Release(TypedDict):
    file: str
    sha256: str
    unpacked_bytes: NotRequired[int]  # the sum of the zip's member sizes
    datapackage_sha256: NotRequired[str]  # the sha256 of the zip's datapackage.json
    published: NotRequired[bool]


class DownloadError(PatrolsError):
    """A release could not be fetched, verified or unpacked; the message says how to fix it."""


class UnknownVersionError(DownloadError, ValueError):
    """The version is not in the registry of released versions, or is no version number: a
    usage error (exit code 2)."""

    exit_code = 2


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
    except UnicodeDecodeError as exc:
        raise DownloadError(
            f"{path}: the release registry is not UTF-8 ({exc.reason} at byte {exc.start})"
        ) from None
    return _parse_registry(text, str(path))


def _parse_registry(text: str, where: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DownloadError(f"{where}: the release registry is not valid JSON ({exc})") from None
    except RecursionError:
        raise DownloadError(f"{where}: the release registry is nested too deeply") from None
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
            and _FILE_NAME.fullmatch(entry["file"])
            and isinstance(entry.get("published", False), bool)
            and _positive_int(entry.get("unpacked_bytes", 1))
            and entry.get("unpacked_bytes", 1) <= MAX_UNPACKED
            and re.fullmatch(r"[0-9a-f]{64}", str(entry.get("datapackage_sha256", "0" * 64)))
        ):
            raise DownloadError(
                f"{where}: release {version!r} needs 'file' (a plain file name: letters, "
                "digits, '.', '_', '+', '-', at most 200) and 'sha256' (64 lowercase hex "
                "digits); 'published' may only be true or false, 'unpacked_bytes' only a "
                f"whole number from 1 to {MAX_UNPACKED:,}, and 'datapackage_sha256' "
                "only 64 lowercase hex digits"
            )
    return data


def _positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


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


def is_version(text: object, /) -> bool:
    """`text` is a version number like 1.2.0 (also a safe name for a cache folder)."""
    return isinstance(text, str) and _VERSION.fullmatch(text) is not None


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


def download_timeout(timeout: float | None = None, /) -> float:
    """The total deadline of one download in seconds: `timeout`, else
    $SINO_RUSSIAN_PATROLS_DOWNLOAD_TIMEOUT, else DEFAULT_TIMEOUT."""
    if timeout is None:
        text = os.environ.get(TIMEOUT_ENV, "").strip()
        try:
            timeout = float(text) if text else DEFAULT_TIMEOUT
        except ValueError:
            raise DownloadError(
                f"${TIMEOUT_ENV}={text!r} is not a number of seconds; unset it or give e.g. 600"
            ) from None
    if not timeout > 0 or timeout == float("inf"):
        raise DownloadError(
            f"the download deadline must be a positive number of seconds, not {timeout!r}"
        )
    return timeout


def download(
    version: str,
    /,
    base_url: str | None = None,
    *,
    registry_file: Path | str | None = None,
    progressbar: bool = False,
    timeout: float | None = None,
) -> Path:
    """Fetch release `version`, verify its sha256, unpack it into the cache; return its folder.

    The folder holds datapackage.json, dataset/csv and dataset/parquet. A version already in
    the cache is checked against its descriptor (sizes on every call, sha256 once per process)
    and returned without network access; a damaged one is unpacked again from the cached zip,
    or downloaded again. base_url: where the release files live (default:
    $SINO_RUSSIAN_PATROLS_BASE_URL, else the registry's base_url). timeout: the total deadline
    of the download in seconds (default: $SINO_RUSSIAN_PATROLS_DOWNLOAD_TIMEOUT, else 300).
    """
    from .hashes import file_sha256_once
    from .unpack import COMPLETE, package_folder, problem, unpack

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
    zip_file = root / "downloads" / entry["file"]
    base = base_url or os.environ.get(BASE_URL_ENV) or reg.get("base_url")
    try:
        damage = problem(target, entry) if (target / COMPLETE).is_file() else None
        if (target / COMPLETE).is_file() and damage is None:
            return package_folder(target)
        if not (zip_file.is_file() and file_sha256_once(zip_file) == entry["sha256"]):
            if not base:
                raise DownloadError(_no_address(version, entry, damage))
            url = _release_url(base, version, entry["file"])
            deadline = download_timeout(timeout)
            _fetch(url, version, entry, zip_file.parent, progressbar, deadline)
        unpack(zip_file, target, version, entry)
        damage = problem(target, entry)
    except OSError as exc:
        raise DownloadError(
            f"cannot use the download cache {root}: {exc.strerror or exc}"
            + (f" ({exc.filename})" if exc.filename else "")
            + f". Make it a writable folder with free space, or set ${CACHE_ENV} to one"
        ) from None
    if damage is not None:  # unpacked from the registered zip, yet wrong: a broken release
        raise DownloadError(
            f"release {version} does not match its own datapackage.json: {damage}; the "
            "release is faulty, report it"
        )
    return package_folder(target)


def _no_address(version: str, entry: Release, damage: str | None) -> str:
    """Why release `version` cannot be fetched, and how to fix it."""
    if damage is None:
        return (
            f"no download address for release {version}: the package records none; give the "
            f"address of the folder that holds {entry['file']} (base_url= in Python, "
            f"--base-url on the command line) or set ${BASE_URL_ENV}"
        )
    return (
        f"the cached release {version} is damaged: {damage}. It cannot be repaired without "
        f"downloading it again: give the address of the folder that holds {entry['file']} "
        f"(base_url= in Python, --base-url on the command line) or set ${BASE_URL_ENV}; or "
        f"delete it (clear_cache({version!r}), or `cache clear {version}`) and download it again"
    )


def _fetch(
    url: str, version: str, entry: Release, folder: Path, progressbar: bool, deadline: float
) -> Path:
    """Download with pooch; pooch keeps a file only when its sha256 matches."""
    from .extras import require_extra

    require_extra("download", f"downloading release {version}", "pooch", "requests")
    import pooch
    import requests
    import urllib3

    folder.mkdir(parents=True, exist_ok=True)
    logger = pooch.get_logger()
    level = logger.level
    logger.setLevel("WARNING")
    limit = entry.get("unpacked_bytes", DEFAULT_UNPACKED_CAP) + _ZIP_OVERHEAD
    try:
        fetched = pooch.retrieve(
            url,
            known_hash=f"sha256:{entry['sha256']}",
            fname=entry["file"],
            path=folder,
            downloader=_Downloader(version, deadline, limit, progressbar),
        )
    except requests.HTTPError as exc:
        status = exc.response.status_code if exc.response is not None else "?"
        raise DownloadError(
            f"release {version}: {url} answered HTTP {status}; check base_url (or "
            f"${BASE_URL_ENV}) points at the folder holding {entry['file']}"
        ) from None
    except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
        # urllib3's own errors (a body shorter than its Content-Length, a body that is not
        # the gzip it claims) come through the raw reads of _Downloader
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


class _Downloader:
    """A pooch downloader with a total deadline and a size limit.

    requests' timeouts apply between two reads, so a server sending a byte every few
    seconds would be waited on without end: the deadline is checked at every read, and
    every read waits at most the time left (capped at READ_TIMEOUT).
    """

    def __init__(self, version: str, deadline: float, limit: int, progressbar: bool) -> None:
        self.version = version
        self.deadline = deadline
        self.limit = limit
        self.progressbar = progressbar

    def __call__(self, url: str, output_file: str, pooch: object = None) -> None:
        """Download in a worker thread and wait for it at most the deadline: a server that
        trickles its headers a byte a second never lets requests' own timeouts expire, but
        it cannot hold this call past the deadline (the worker is told to stop, and the file
        it was writing is pooch's temporary one, removed when this raises)."""
        start = time.monotonic()
        stop = threading.Event()
        outcome: list[BaseException | None] = []

        def work() -> None:
            try:
                self._download(url, output_file, start, stop)
                outcome.append(None)
            except BaseException as exc:  # handed to the caller below
                outcome.append(exc)

        worker = threading.Thread(target=work, name="srp-download", daemon=True)
        worker.start()
        worker.join(self.deadline)
        if worker.is_alive():
            stop.set()
            raise DownloadError(
                f"release {self.version}: {url} did not arrive within the download deadline of "
                f"{self.deadline:g} s. Check the network or the server, or allow more time: "
                f"timeout= or ${TIMEOUT_ENV}"
            )
        if outcome and outcome[0] is not None:
            raise outcome[0]

    def _download(self, url: str, output_file: str, start: float, stop: threading.Event) -> None:
        import requests

        wait = min(READ_TIMEOUT, self.deadline)
        with requests.get(url, stream=True, timeout=(wait, wait)) as response:
            if stop.is_set():  # the caller has given up: write nothing
                return
            response.raise_for_status()
            raw = response.raw
            read = getattr(raw, "read1", None) or (lambda n, **kw: raw.read(min(n, 8192), **kw))
            bar = self._bar(int(response.headers.get("Content-Length") or 0))
            received = 0
            try:
                with open(output_file, "wb") as out:
                    while chunk := read(_CHUNK, decode_content=True):
                        received += len(chunk)
                        if stop.is_set() or time.monotonic() - start > self.deadline:
                            raise DownloadError(
                                f"release {self.version}: {url} did not arrive within the "
                                f"download deadline of {self.deadline:g} s ({received:,} bytes "
                                f"received). Check the network or the server, or allow more "
                                f"time: timeout= or ${TIMEOUT_ENV}"
                            )
                        if received > self.limit:
                            raise DownloadError(
                                f"release {self.version}: {url} sends more than the "
                                f"{self.limit:,} bytes its release can have; it is not the "
                                "released file: check base_url"
                            )
                        out.write(chunk)
                        if bar is not None:
                            bar.update(len(chunk))
            finally:
                if bar is not None:
                    bar.close()
                if stop.is_set():  # given up while writing: leave no partial file behind
                    Path(output_file).unlink(missing_ok=True)

    def _bar(self, total: int) -> Any:
        """A tqdm progress bar, or None (no bar asked for, or tqdm not installed)."""
        if not self.progressbar:
            return None
        try:
            from tqdm import tqdm
        except ImportError:
            from .extras import install_hint

            warnings.warn(
                f"progressbar=True needs tqdm, which is not installed ({install_hint('download')}"
                "); downloading without a progress bar",
                stacklevel=5,
            )
            return None
        return tqdm(total=total or None, unit="B", unit_scale=True, leave=True)


def cached_versions() -> list[str]:
    """The releases unpacked completely in the cache, oldest first (not re-checked here:
    `download` re-checks a release when it is used)."""
    from .unpack import COMPLETE

    root = cache_dir()
    found = [p.name for p in (root.iterdir() if root.is_dir() else ()) if (p / COMPLETE).is_file()]
    return known_versions({"releases": dict.fromkeys(v for v in found if is_version(v))})


def clear_cache(version: str | None = None, /) -> list[str]:
    """Delete one cached release (or all of them): the next `download` fetches it again.

    Only what `download` wrote is deleted: release folders it marked complete, the zips of
    the registry's releases, and the staging folders of killed downloads (marked by the
    process that made them); never anything else a shared cache folder may hold. Returns
    the versions whose folders were deleted.
    """
    from .unpack import COMPLETE, remove_stale_staging

    root = cache_dir()
    if version is not None and not is_version(version):
        raise UnknownVersionError(f"{version!r} is not a version number like 1.2.0")
    if not root.is_dir():
        return []
    remove_stale_staging(root)  # what killed downloads left
    # a release folder is the package's when `download` marked it complete; a folder of the
    # same name without the marker (someone else's "2024" or "1.0") is left alone
    candidates = [root / version] if version is not None else list(root.iterdir())
    folders = [
        p
        for p in candidates
        if is_version(p.name) and p.is_dir() and not p.is_symlink() and (p / COMPLETE).is_file()
    ]
    try:
        releases = registry()["releases"]
    except DownloadError:
        releases = {}
    files = {
        entry["file"]
        for v, entry in releases.items()
        if version is None or v == version
        if isinstance(entry, dict) and isinstance(entry.get("file"), str)
    }
    for name in files:  # only the zips `download` fetched, never the rest of downloads/
        zip_file = root / "downloads" / name
        if zip_file.is_file() and not zip_file.is_symlink():
            zip_file.unlink()
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    with contextlib.suppress(OSError):  # downloads/ goes only when nothing else is in it
        (root / "downloads").rmdir()
    return known_versions({"releases": dict.fromkeys(p.name for p in folders)})
