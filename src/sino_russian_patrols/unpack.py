"""Unpack a release zip into the cache within its size budget, and re-check it on every use.

A cached release is only as good as the bytes on disk, which anything may change after
the download: a user tidying the cache, a full disk, a tampering process. So each use
checks it against its own `datapackage.json` (every resource's `bytes` and `hash`), and
the descriptor itself against the sha256 recorded at unpacking time in the `.complete`
marker, so that a rewritten descriptor cannot vouch for rewritten tables. Sizes are
checked on every call; a file's sha256 is computed once per process for a given path, size
and modification time.

The unpacked size is capped twice: by the member sizes the zip declares, before anything
is written, and by the bytes actually written, since a zip's headers can lie.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import zipfile
import zlib
from errno import EEXIST, EISDIR, ENAMETOOLONG, ENOTDIR
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import shorten
from .fetch import DEFAULT_UNPACKED_CAP, DownloadError, UnsafeArchiveError
from .hashes import bytes_sha256, file_sha256_once, recorded_digest

COMPLETE = ".complete"
# Written first into every folder an unpack makes beside a release (its staging folder, the
# folder a damaged copy is moved aside to), with the pid of the process: a folder that holds
# it and whose process is gone was left by a killed download, and is the package's to delete.
STAGING = ".sino-russian-patrols-staging"
MAX_MEMBERS = 10_000  # a release holds a few dozen files; 100,000 empty ones fill inodes
_CHUNK = 1 << 20
# What a zip's own names can cause when written (a name too long, a file where a folder goes),
# as against the cache's faults (no space, no permission).
_ARCHIVE_FAULTS = (ENAMETOOLONG, EISDIR, ENOTDIR, EEXIST)


def unpacked_size(zip_file: Path, /) -> int:
    """The unpacked size a zip declares: the sum of its member sizes (recorded in releases.json
    as `unpacked_bytes`)."""
    with zipfile.ZipFile(zip_file) as archive:
        return sum(info.file_size for info in archive.infolist())


def descriptor_sha256(zip_file: Path, /) -> str:
    """The sha256 of the release zip's datapackage.json (recorded in releases.json as
    `datapackage_sha256`): the package itself then vouches for the descriptor, so a cache
    whose marker, descriptor and tables were all rewritten is still caught."""
    with zipfile.ZipFile(zip_file) as archive:
        top = [n for n in archive.namelist() if PurePosixPath(n).parts[1:] == ("datapackage.json",)]
        if len(top) != 1:
            raise UnsafeArchiveError(f"{zip_file}: no single <folder>/datapackage.json")
        return bytes_sha256(archive.read(top[0]))


def _member_parts(info: zipfile.ZipInfo, where: str) -> tuple[str, ...]:
    """The path of a zip entry as folder names, refusing any that would land outside the
    target folder (absolute, a drive, '..') or that is a link."""
    name = info.filename
    parts = PurePosixPath(name.replace("\\", "/")).parts
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR, stat.S_IFLNK):  # a device, FIFO, socket
        raise UnsafeArchiveError(
            f"{where}: refusing zip entry {name!r}: it is not a file or a folder; the file is "
            "not a genuine release, delete it and report where it came from"
        )
    if (
        not name
        or name.startswith(("/", "\\"))
        or (len(name) > 1 and name[1] == ":")
        or ".." in parts
        or stat.S_ISLNK(info.external_attr >> 16)
    ):
        raise UnsafeArchiveError(
            f"{where}: refusing zip entry {name!r}: it would be written outside the "
            "release folder (absolute path, '..' or a link); the file is not a genuine "
            "release, delete it and report where it came from"
        )
    return parts


def package_folder(folder: Path, /) -> Path:
    """The folder holding datapackage.json: the unpacked root, or its single top folder."""
    if (folder / "datapackage.json").is_file():
        return folder
    inner = [p for p in folder.iterdir() if p.is_dir()]
    if len(inner) == 1 and (inner[0] / "datapackage.json").is_file():
        return inner[0]
    raise DownloadError(f"{folder}: the release zip holds no datapackage.json")


def _extract(archive: zipfile.ZipFile, staging: Path, where: str, cap: int) -> None:
    """Write every member under `staging`, refusing the archive once `cap` bytes are
    declared or written."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UnsafeArchiveError(
            f"{where}: refusing to unpack: {len(infos):,} entries, more than the {MAX_MEMBERS:,} "
            "a release can have; the file is not a genuine release, delete it and report where "
            "it came from"
        )
    members = [(info, _member_parts(info, where)) for info in infos]
    seen: set[tuple[str, ...]] = set()
    for info, parts in members:
        if parts in seen and not info.is_dir():  # the later copy would silently win
            raise UnsafeArchiveError(
                f"{where}: refusing to unpack: the entry {info.filename!r} is in the zip twice; "
                "the file is not a genuine release, delete it and report where it came from"
            )
        seen.add(parts)
    declared = sum(info.file_size for info, _ in members)
    if declared > cap:
        raise UnsafeArchiveError(
            f"{where}: refusing to unpack: its members declare {declared:,} bytes, more than "
            f"the {cap:,} bytes the release registry allows; the file is not a genuine "
            "release, delete it and report where it came from"
        )
    written = 0
    for info, parts in members:
        if info.is_dir() or not parts:
            continue
        dest = staging.joinpath(*parts)
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            out = dest.open("wb")
        except OSError as exc:
            if exc.errno not in _ARCHIVE_FAULTS:
                raise  # a full or read-only cache: the caller names the cache
            raise UnsafeArchiveError(
                f"{where}: refusing zip entry {shorten(info.filename)!r}: it cannot be a "
                f"file of the release ({exc.strerror}); delete the file and report where it "
                "came from"
            ) from None
        with archive.open(info) as source, out:
            while chunk := source.read(_CHUNK):
                written += len(chunk)
                if written > cap:
                    raise UnsafeArchiveError(
                        f"{where}: refusing to unpack: {info.filename!r} expands beyond the "
                        f"{cap:,} bytes the release registry allows (its headers lie about "
                        "its size); delete the file and report where it came from"
                    )
                out.write(chunk)


def unpack(zip_file: Path, target: Path, version: str, entry: dict[str, Any], /) -> None:
    """Unpack into a temporary folder beside `target` and move it into place only when
    complete, replacing a damaged earlier copy; a concurrent download that won is kept."""
    where = f"release {version} ({zip_file})"
    cap = entry.get("unpacked_bytes", DEFAULT_UNPACKED_CAP)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(target.parent)
    staging = _made_folder(target.parent, f".{target.name}-")
    try:
        try:
            with zipfile.ZipFile(zip_file) as archive:
                _extract(archive, staging, where, cap)
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
            # RuntimeError: an encrypted entry; NotImplementedError: an unknown compression
            raise UnsafeArchiveError(
                f"{where}: the zip is damaged or lies about its contents ({exc}); delete it "
                "and download the release again"
            ) from None
        descriptor_file = package_folder(staging) / "datapackage.json"
        descriptor = read_descriptor(descriptor_file)
        if isinstance(descriptor, str):
            raise UnsafeArchiveError(f"{where}: {descriptor}; the release is faulty, report it")
        if descriptor.get("version") != version:
            raise DownloadError(
                f"{zip_file.name} holds data version {descriptor.get('version')!r}, "
                f"not {version!r}; the registry entry for {version} is wrong"
            )
        marker = {
            "version": version,
            "sha256": entry["sha256"],
            "datapackage_sha256": file_sha256_once(descriptor_file),
        }
        (staging / COMPLETE).write_text(json.dumps(marker) + "\n", encoding="utf-8")
        (staging / STAGING).unlink()  # from here on, a release folder
        _move_into_place(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _made_folder(parent: Path, prefix: str) -> Path:
    """A new temporary folder in `parent`, marked as this process's staging folder."""
    folder = Path(tempfile.mkdtemp(dir=parent, prefix=prefix))
    (folder / STAGING).write_text(f"{os.getpid()}\n", encoding="utf-8")
    return folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by another user
        return True
    return True


def remove_stale_staging(folder: Path, /) -> list[Path]:
    """Delete the staging folders that killed downloads left in `folder` (those holding the
    STAGING marker of a process that is gone); never a folder without the marker."""
    removed = []
    for child in folder.iterdir() if folder.is_dir() else ():
        marker = child / STAGING
        if not child.name.startswith(".") or child.is_symlink() or not marker.is_file():
            continue
        try:
            pid = int(marker.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            continue
        if pid == os.getpid() or not _alive(pid):
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child)
    return removed


def _move_into_place(staging: Path, target: Path) -> None:
    """Rename `staging` to `target`; an existing `target` (damaged, or left half-made by an
    interrupted run) is renamed aside first and deleted after."""
    old = None
    if target.exists():
        old = _made_folder(target.parent, f".{target.name}-old-")
        target.rename(old / "release")
    try:
        staging.rename(target)
    except OSError:
        if not (target / COMPLETE).is_file():  # not a concurrent download that won
            raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def problem(target: Path, entry: dict[str, Any], /) -> str | None:
    """What is wrong with the unpacked release in `target` (None: it is intact).

    The descriptor must be the one unpacked from the registered zip (its sha256 as the
    registry records it, or, for an entry without it, as the marker does); every resource
    file must have the `bytes` and `hash` the descriptor gives.
    """
    try:
        marker = json.loads((target / COMPLETE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        marker = None
    if not isinstance(marker, dict) or marker.get("sha256") != entry["sha256"]:
        return f"{target / COMPLETE} does not record the release's sha256 {entry['sha256']}"
    try:
        folder = package_folder(target)
    except (OSError, DownloadError):
        return f"{target} holds no datapackage.json"
    descriptor_file = folder / "datapackage.json"
    expected = entry.get("datapackage_sha256") or marker.get("datapackage_sha256")
    if file_sha256_once(descriptor_file) != expected:
        return f"{descriptor_file} is not the one the release zip holds"
    descriptor = read_descriptor(descriptor_file)
    if isinstance(descriptor, str):
        return descriptor
    for resource in descriptor["resources"]:
        for spec in (resource, resource.get("parquet")):
            if spec is not None:
                wrong = _file_problem(folder, spec)
                if wrong:
                    return wrong
    return None


def read_descriptor(file: Path, /) -> dict[str, Any] | str:
    """The release's datapackage.json, or what is wrong with it: not JSON, nested too deep,
    or resources that are not a list of mappings whose `path` (and `parquet.path`) is a
    relative path inside the release (no '..', no NUL): checked before the release is moved
    into place. Each resource file is then checked against it."""
    where = f"{file}"
    try:
        descriptor = json.loads(file.read_bytes())
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        reason = "nested too deeply" if isinstance(exc, RecursionError) else shorten(str(exc))
        return f"{where} is not valid JSON ({reason})"
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not resources:
        return f"{where} lists no resources (a non-empty `resources` list)"
    for resource in resources:
        parquet = resource.get("parquet") if isinstance(resource, dict) else None
        for spec in (resource,) if parquet is None else (resource, parquet):
            path = spec.get("path") if isinstance(spec, dict) else None
            if (
                not isinstance(path, str)
                or not path
                or "\0" in path
                or path.startswith(("/", "\\"))
                or ".." in PurePosixPath(path.replace("\\", "/")).parts
            ):
                return (
                    f"{where}: a resource whose `path` is not a relative path inside the "
                    f"release: {shorten(repr(spec))}"
                )
    return descriptor


def _file_problem(folder: Path, spec: dict[str, Any]) -> str | None:
    """What is wrong with one resource file: missing, not `bytes` long, or not `hash`."""
    file = folder / spec["path"]
    if not file.resolve().is_relative_to(folder.resolve()):
        return f"{file} lies outside the release folder"
    try:
        size = os.stat(file).st_size
    except OSError:
        return f"{file} is missing"
    if isinstance(spec.get("bytes"), int) and size != spec["bytes"]:
        return f"{file} has {size:,} bytes, not the {spec['bytes']:,} of the release"
    expected = recorded_digest(spec.get("hash", ""))
    if expected is not None and file_sha256_once(file) != expected:
        return f"{file} does not have the release's sha256 {expected}"
    return None
