"""Make a release: wheel, sdist, data zip and site zip in dist/, byte-identical on every rebuild.

Reproducibility: the data zip has sorted entries, fixed timestamps (1980-01-01, the earliest
a zip can record) and permissions and no directory entries; the wheel and sdist are built by
hatchling with SOURCE_DATE_EPOCH set (default 1980-01-01; an exported SOURCE_DATE_EPOCH wins).
The data zip's sha256 is recorded in the package's registry of releases (releases.json)
before the wheel is built, so the wheel of a version can verify that version's zip.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import PatrolsError
from .fetch import data_zip_name, read_registry_file
from .hashes import file_sha256
from .unpack import descriptor_sha256, unpacked_size

DEFAULT_EPOCH = 315_532_800  # 1980-01-01T00:00:00Z
REGISTRY = Path("src/sino_russian_patrols/releases.json")
EXTRA_FILES = (  # what a reader of the data needs beside it: no code
    "README.md",
    "docs/codebook.md",
    "docs/datacard.md",
    "docs/r.md",
    "croissant.json",
    "CHANGELOG.md",
    "CITATION.cff",
    "LICENSE-DATA.md",
)
_FILE_MODE = 0o644


class ReleaseError(PatrolsError):
    """The project is not ready to release; the message says what to fix."""


@dataclass
class ReleaseResult:
    version: str
    files: dict[str, str]  # file name -> sha256, in dist/
    notes: list[str] = field(default_factory=list)


def source_date_epoch() -> int:
    """The timestamp written into every archive: $SOURCE_DATE_EPOCH, not before 1980."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return DEFAULT_EPOCH
    if not value.isdigit():
        raise ReleaseError(f"SOURCE_DATE_EPOCH={value!r} is not a number of seconds; unset it")
    return max(int(value), DEFAULT_EPOCH)


# -- versions ------------------------------------------------------------------------------

_CHANGELOG_HEADING = re.compile(r"^##\s+\[?v?(?P<version>\d+(?:\.\d+)+[0-9A-Za-z.+-]*?)\]?(?:\s|$)")


def changelog_version(text: str, /) -> str | None:
    """The version of the top released CHANGELOG entry (`## [1.2.0] - date`); Unreleased skipped."""
    for line in text.splitlines():
        match = _CHANGELOG_HEADING.match(line)
        if match:
            return match["version"]
    return None


def project_versions(root: Path, /) -> dict[str, str | None]:
    """Every place the version is written, read from the project at `root` (None: missing)."""
    found: dict[str, str | None] = {}
    pyproject = root / "pyproject.toml"
    found["pyproject.toml"] = (
        tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {}).get("version")
        if pyproject.is_file()
        else None
    )
    init = root / "src" / "sino_russian_patrols" / "__init__.py"
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', init.read_text("utf-8"), re.M)
    found["sino_russian_patrols.__version__"] = match[1] if match else None
    descriptor = root / "datapackage.json"
    found["datapackage.json"] = (
        json.loads(descriptor.read_text(encoding="utf-8")).get("version")
        if descriptor.is_file()
        else None
    )
    citation = root / "CITATION.cff"
    if citation.is_file():
        import yaml

        data = yaml.safe_load(citation.read_text(encoding="utf-8")) or {}
        value = data.get("version") if isinstance(data, dict) else None
        found["CITATION.cff"] = None if value is None else str(value)
    else:
        found["CITATION.cff"] = None
    changelog = root / "CHANGELOG.md"
    found["CHANGELOG.md"] = (
        changelog_version(changelog.read_text(encoding="utf-8")) if changelog.is_file() else None
    )
    return found


def check_versions(root: Path, /) -> str:
    """The one version of the project; raise listing every place when they disagree."""
    found = project_versions(root)
    values = set(found.values())
    if len(values) != 1 or None in values:
        listing = "\n".join(f"  {where}: {v or 'missing'}" for where, v in found.items())
        raise ReleaseError(
            "the version must be the same everywhere (CHANGELOG.md: a top entry "
            f"'## [X.Y.Z] - YYYY-MM-DD'; CITATION.cff: 'version: X.Y.Z'):\n{listing}"
        )
    return values.pop()  # type: ignore[return-value]


# -- the data zip --------------------------------------------------------------------------


def data_files(root: Path, /) -> list[str]:
    """The files of the data zip, relative to `root`: the descriptor, every CSV and Parquet it
    names, the README, codebook, data card, CHANGELOG, citation and data licence."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    names = {"datapackage.json", *EXTRA_FILES}
    for resource in descriptor.get("resources", []):
        names.add(resource["path"])
        if isinstance(resource.get("parquet"), dict):
            names.add(resource["parquet"]["path"])
    missing = sorted(n for n in names if not (root / n).is_file())
    if missing:
        raise ReleaseError(
            f"cannot release: missing {', '.join(missing)} in {root} (build the dataset with "
            "`sino-russian-patrols build`; CHANGELOG.md and CITATION.cff are written by hand)"
        )
    return sorted(names)


def write_data_zip(root: Path, out: Path, version: str, /) -> str:
    """Write the data zip (entries under `sino-russian-patrols-data-<version>/`); its sha256.

    Its timestamps are always 1980-01-01, whatever SOURCE_DATE_EPOCH says, so that its
    sha256 (recorded in releases.json) depends on the content alone.
    """
    folder = data_zip_name(version).removesuffix(".zip")
    return write_zip(out, folder, ((name, (root / name).read_bytes()) for name in data_files(root)))


def write_zip(out: Path, folder: str, members: Iterable[tuple[str, bytes]], /) -> str:
    """Write `members` (name, bytes) under `folder/` into the zip `out`, in the order given,
    with fixed timestamps (1980-01-01) and permissions and no directory entries; its sha256."""
    stamp = _zip_time(DEFAULT_EPOCH)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the permission bits below are read
            info.external_attr = (0o100000 | _FILE_MODE) << 16
            archive.writestr(info, data, compresslevel=9)
    return file_sha256(out)


def site_zip_name(version: str, /) -> str:
    return f"sino-russian-patrols-site-{version}.zip"


def write_site_zip(root: Path, out: Path, version: str, /) -> str:
    """Write the evidence browser of the package at `root` as a zip (entries sorted, under
    `sino-russian-patrols-site-<version>/`, timestamps as the data zip's); its sha256."""
    from .site import SiteError, read_rows, site_files

    try:
        files = site_files(read_rows(root))
    except SiteError as exc:
        raise ReleaseError(f"the evidence browser cannot be built: {exc}") from None
    return write_zip(out, site_zip_name(version).removesuffix(".zip"), sorted(files.items()))


def _zip_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    import time

    t = time.gmtime(max(epoch, DEFAULT_EPOCH))
    return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)


# -- the registry --------------------------------------------------------------------------


def record_release(
    root: Path,
    version: str,
    file: str,
    sha256: str,
    /,
    *,
    replace: bool,
    unpacked_bytes: int | None = None,
    datapackage_sha256: str | None = None,
) -> str:
    """Put `version` in the project's releases.json; a changed entry needs `replace`, and an
    entry marked `"published": true` (its zip is on the release host) never changes.

    `unpacked_bytes` (the sum of the zip's member sizes) caps what `download` unpacks, and
    `datapackage_sha256` (the sha256 of its datapackage.json) is what a cached copy is checked
    against; both follow from the zip's bytes, so they may be added to an entry whose sha256
    is unchanged.
    """
    path = root / REGISTRY
    data = read_registry_file(path) if path.is_file() else {"base_url": None, "releases": {}}
    old = data["releases"].get(version)
    same_zip = old is not None and old["file"] == file and old["sha256"] == sha256
    entry: dict[str, Any] = {"file": file, "sha256": sha256}
    for key, value in (
        ("unpacked_bytes", unpacked_bytes),
        ("datapackage_sha256", datapackage_sha256),
    ):
        if value is not None:
            entry[key] = value
        elif same_zip and key in old:
            entry[key] = old[key]
    if old is not None and old.get("published"):
        entry["published"] = True
    if old == entry:
        return f"releases.json already records {file} ({sha256})"
    # Same zip: only the unpacked size is added or corrected, the released bytes are the same.
    if not same_zip and old is not None and old.get("published"):
        raise ReleaseError(
            f"{REGISTRY} records {old['file']} with sha256 {old['sha256']} for {version}, and "
            f"{version} is published, but the data zip built now has {sha256}. A published "
            "release never changes: raise the version (pyproject.toml, __init__.py, "
            "CITATION.cff, a new CHANGELOG entry) and release that."
        )
    if not same_zip and old is not None and not replace:
        raise ReleaseError(
            f"{REGISTRY} records {old['file']} with sha256 {old['sha256']} for {version}, but "
            f"the data zip built now has {sha256}. A published release must never change: "
            f"bump the version. If {version} is not published yet, run "
            "`sino-russian-patrols release --update-registry`."
        )
    data["releases"][version] = entry
    from .fetch import known_versions

    data["releases"] = {v: data["releases"][v] for v in known_versions(data)}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return f"recorded {version}: {file} sha256 {sha256} in {REGISTRY} (commit it)"


def registry_entry(root: Path, version: str, /) -> dict[str, Any] | None:
    path = root / REGISTRY
    return read_registry_file(path)["releases"].get(version) if path.is_file() else None


# -- wheel and sdist -----------------------------------------------------------------------


def build_dists(root: Path, outdir: Path, /, *, epoch: int | None = None) -> list[Path]:
    """Build the wheel and the sdist with `python -m build`, SOURCE_DATE_EPOCH set."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(source_date_epoch() if epoch is None else epoch)}
    command = [sys.executable, "-m", "build", "--wheel", "--sdist", "--outdir", str(outdir), "."]
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
        raise ReleaseError(f"building the wheel and sdist failed:\n{tail}")
    return sorted(p for p in outdir.iterdir() if p.suffix in (".whl", ".gz"))


# -- the release ---------------------------------------------------------------------------


def release(
    root: Path | str = ".",
    /,
    outdir: Path | str | None = None,
    *,
    update_registry: bool = False,
    validate: bool = True,
) -> ReleaseResult:
    """Check the project, then write the wheel, sdist, data and site zips and SHA256SUMS.

    The project's versions must agree and its package must validate. A version new to
    releases.json is recorded there; a recorded version whose zip changed is an error unless
    `update_registry` (for a version not yet published).
    """
    from .extras import require_extra

    require_extra("build", "sino-russian-patrols release", "yaml", "build")
    root = Path(root).resolve()
    if not (root / "pyproject.toml").is_file() or not (root / "datapackage.json").is_file():
        raise ReleaseError(
            f"{root} is not a source checkout (pyproject.toml and datapackage.json needed); "
            "run the command in the project folder or pass --root"
        )
    out = Path(outdir) if outdir is not None else root / "dist"
    version = check_versions(root)
    data_files(root)  # fail early on missing files
    if validate:
        from .validation import validate_package

        report = validate_package(root, expected_version=version)
        if not report.valid:
            raise ReleaseError(f"the package does not validate:\n{report.text()}")
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="srp-release-") as tmp:
        staging = Path(tmp)
        zip_name = data_zip_name(version)
        sha = write_data_zip(root, staging / zip_name, version)
        notes.append(
            record_release(
                root,
                version,
                zip_name,
                sha,
                replace=update_registry,
                unpacked_bytes=unpacked_size(staging / zip_name),
                datapackage_sha256=descriptor_sha256(staging / zip_name),
            )
        )
        write_site_zip(root, staging / site_zip_name(version), version)
        build_dists(root, staging)
        out.mkdir(parents=True, exist_ok=True)
        files: dict[str, str] = {}
        for made in sorted(staging.iterdir()):
            shutil.move(made, out / made.name)
            files[made.name] = file_sha256(out / made.name)
    sums = "".join(f"{digest}  {name}\n" for name, digest in sorted(files.items()))
    (out / "SHA256SUMS").write_text(sums, encoding="utf-8")
    return ReleaseResult(version, files, notes)
