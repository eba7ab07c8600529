"""`sino-russian-patrols release`: wheel, sdist, data zip and SHA256SUMS, byte-identical on
every rebuild, and the registry of releases kept equal to what `release` produces."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

from sino_russian_patrols import __version__
from sino_russian_patrols.cli import main
from sino_russian_patrols.fetch import data_zip_name, read_registry_file
from sino_russian_patrols.release import (
    DEFAULT_EPOCH,
    REGISTRY,
    ReleaseError,
    changelog_version,
    check_versions,
    data_files,
    record_release,
    release,
    source_date_epoch,
    write_data_zip,
)

ROOT = Path(__file__).resolve().parents[1]
PROJECT_ITEMS = (
    "src", "schema", "dataset", "build", "tests", "docs", "examples", "benchmarks",
    "datapackage.json", "CHANGELOG.md", "CITATION.cff", "README.md", "LICENSE", "Makefile",
    "constraints.txt", "pyproject.toml", ".gitignore", "LICENSE-DATA.md", "croissant.json",
    ".zenodo.json",
)  # fmt: skip
STUB_CITATION = (
    "cff-version: 1.2.0\nmessage: test stub\ntitle: Sino-Russian Joint Patrols\n"
    f"version: {__version__}\n"
)


def copy_project(target: Path) -> Path:
    """A snapshot of the checkout, safe to release from (CITATION.cff stubbed if missing)."""
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".pytest_cache")
    for name in PROJECT_ITEMS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, target / name)
    if not (target / "CITATION.cff").is_file():
        (target / "CITATION.cff").write_text(STUB_CITATION, encoding="utf-8")
    return target


def disturb(root: Path) -> None:
    """Change what git does not keep: modification times, and read/write bits (umask)."""
    for i, file in enumerate(sorted(p for p in root.rglob("*") if p.is_file())):
        os.utime(file, (1_700_000_000 + i, 1_700_000_000 + i))
        executable = file.stat().st_mode & 0o100
        file.chmod((0o700 if executable else 0o600) if i % 2 else (0o775 if executable else 0o664))


def test_changelog_version() -> None:
    assert changelog_version("# Changelog\n\n## 0.1.0 — 2026-11-22\n\n## 0.0.1\n") == "0.1.0"
    assert changelog_version("## [Unreleased]\n\n## [1.2.3] - 2025-01-01\n") == "1.2.3"
    assert changelog_version("## v2.0.0rc1 (2025)\n") == "2.0.0rc1"
    assert changelog_version("") is None
    assert changelog_version("# Changelog\n\nNothing yet.\n") is None


def test_data_zip_is_reproducible_and_complete(tmp_path: Path) -> None:
    first = copy_project(tmp_path / "a")
    second = copy_project(tmp_path / "b")
    disturb(second)
    sha_a = write_data_zip(first, tmp_path / "a.zip", __version__)
    sha_b = write_data_zip(second, tmp_path / "b.zip", __version__)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    assert sha_a == sha_b == hashlib.sha256((tmp_path / "a.zip").read_bytes()).hexdigest()

    folder = data_zip_name(__version__).removesuffix(".zip")
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos)
        assert all(i.external_attr >> 16 == 0o100644 for i in infos)
        inside = {n.removeprefix(folder + "/") for n in names}
        assert all(n.startswith(folder + "/") for n in names)
        assert (first / "datapackage.json").read_bytes() == archive.read(
            f"{folder}/datapackage.json"
        )
    expected = {  # the data and what a reader needs beside it
        "datapackage.json",
        "README.md",
        "docs/codebook.md",
        "docs/datacard.md",
        "docs/r.md",
        "croissant.json",
        "CHANGELOG.md",
        "CITATION.cff",
        "LICENSE-DATA.md",
    }
    expected |= {f"dataset/csv/{p.name}" for p in (first / "dataset" / "csv").glob("*.csv")}
    expected |= {f"dataset/parquet/{p.name}" for p in (first / "dataset/parquet").glob("*")}
    assert inside == expected == set(data_files(first))


def test_data_zip_ignores_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data zip's sha256 is in releases.json: only the content may change it."""
    project = copy_project(tmp_path / "p")
    plain = write_data_zip(project, tmp_path / "plain.zip", __version__)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(DEFAULT_EPOCH + 86_400 * 365 * 20))
    assert write_data_zip(project, tmp_path / "epoch.zip", __version__) == plain


def test_registry_entry_equals_what_release_produces(tmp_path: Path) -> None:
    """A published version's data zip never changes: releases.json holds the sha256 of the
    zip `release` builds now. An unpublished version (the data editors are still adding
    articles) must be registered under its file name; `release --update-registry` refreshes
    its sha256 when it is released."""
    missing = [n for n in ("CITATION.cff", "CHANGELOG.md") if not (ROOT / n).is_file()]
    assert not missing, f"{', '.join(missing)} missing: the data zip cannot be built"
    entry = read_registry_file(ROOT / REGISTRY)["releases"].get(__version__)
    assert entry is not None and entry["file"] == data_zip_name(__version__), (
        f"{REGISTRY} has no entry for {__version__}: run `sino-russian-patrols release "
        "--update-registry`"
    )
    if entry.get("published"):
        sha = write_data_zip(ROOT, tmp_path / data_zip_name(__version__), __version__)
        assert entry["sha256"] == sha, (
            f"{__version__} is published, but the data zip built now has sha256 {sha}: a "
            "published release never changes; raise the version"
        )


def test_a_published_entry_is_never_replaced(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    registry = project / REGISTRY
    data = json.loads(registry.read_text(encoding="utf-8"))
    data["releases"][__version__] = {
        "file": data_zip_name(__version__),
        "sha256": "0" * 64,
        "published": True,
    }
    registry.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ReleaseError, match="is published, but the data zip built now has"):
        record_release(project, __version__, data_zip_name(__version__), "1" * 64, replace=True)
    unpublished = {"file": data_zip_name(__version__), "sha256": "0" * 64}
    data["releases"][__version__] = unpublished
    registry.write_text(json.dumps(data), encoding="utf-8")
    note = record_release(project, __version__, data_zip_name(__version__), "1" * 64, replace=True)
    assert "recorded" in note
    assert read_registry_file(registry)["releases"][__version__]["sha256"] == "1" * 64


@pytest.mark.slow
def test_release_twice_gives_identical_files(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    project = copy_project(tmp_path / "project")
    first = release(project, tmp_path / "one", update_registry=True)
    disturb(project)
    assert main(["release", "--root", str(project), "--outdir", str(tmp_path / "two")]) == 0
    assert "SHA256SUMS" in capsys.readouterr().out

    one, two = tmp_path / "one", tmp_path / "two"
    names = sorted(p.name for p in one.iterdir())
    zip_name = data_zip_name(__version__)
    wheel = f"sino_russian_patrols-{__version__}-py3-none-any.whl"
    sdist = f"sino_russian_patrols-{__version__}.tar.gz"
    site = f"sino-russian-patrols-site-{__version__}.zip"  # the evidence browser
    assert names == sorted(["SHA256SUMS", zip_name, site, wheel, sdist])
    assert names == sorted(p.name for p in two.iterdir())
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), f"{name} differs"

    sums = (one / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert sums == [f"{first.files[n]}  {n}" for n in sorted(first.files)]
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((one / name).read_bytes()).hexdigest() == digest

    # The wheel carries the data and a registry that knows this zip.
    with zipfile.ZipFile(one / wheel) as archive:
        inside = set(archive.namelist())
        assert "sino_russian_patrols/data/datapackage.json" in inside
        assert "sino_russian_patrols/data/dataset/parquet/events.parquet" in inside
        assert "sino_russian_patrols/data/schema/events.json" in inside
        shipped = json.loads(archive.read("sino_russian_patrols/releases.json"))
        (metadata,) = [n for n in inside if n.endswith(".dist-info/METADATA")]
        headers = archive.read(metadata).decode("utf-8").split("\n\n")[0].splitlines()
        licences = {n.split("/")[-1] for n in inside if "/licenses/" in n}
    assert shipped["releases"][__version__]["sha256"] == first.files[zip_name]
    # Both licences: the code's (MIT) and the data's (CC BY 4.0), named and shipped.
    assert "License-Expression: MIT AND CC-BY-4.0" in headers
    assert {"License-File: LICENSE", "License-File: LICENSE-DATA.md"} <= set(headers)
    assert licences == {"LICENSE", "LICENSE-DATA.md"}
    with tarfile.open(one / sdist) as archive:
        members = archive.getmembers()
        assert {m.mtime for m in members} == {source_date_epoch()}
        assert any(m.name.endswith("/datapackage.json") for m in members)


def test_release_refuses_disagreeing_versions(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text("utf-8").replace(f'version = "{__version__}"', 'version = "9.0.0"'),
        encoding="utf-8",
    )
    with pytest.raises(ReleaseError) as caught:
        check_versions(project)
    message = str(caught.value)
    assert "pyproject.toml: 9.0.0" in message
    assert f"datapackage.json: {__version__}" in message
    assert main(["release", "--root", str(project), "--outdir", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()


def test_release_refuses_a_missing_file(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "codebook.md").unlink()
    with pytest.raises(ReleaseError, match=r"missing docs/codebook\.md"):
        release(project, tmp_path / "out")


def test_a_recorded_checksum_is_not_silently_replaced(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    record_release(project, "0.0.1", data_zip_name("0.0.1"), "a" * 64, replace=True)
    with pytest.raises(ReleaseError, match="must never change"):
        record_release(project, "0.0.1", data_zip_name("0.0.1"), "b" * 64, replace=False)
    assert "recorded" in record_release(
        project, "0.0.1", data_zip_name("0.0.1"), "b" * 64, replace=True
    )
    releases = read_registry_file(project / REGISTRY)["releases"]
    assert releases["0.0.1"]["sha256"] == "b" * 64
    assert list(releases) == sorted(releases, key=lambda v: [int(p) for p in v.split(".")])


@pytest.mark.slow
def test_the_registry_records_the_unpacked_size(tmp_path: Path) -> None:
    """`unpacked_bytes` caps what `download` unpacks: `release` writes the sum of the zip's
    member sizes, and adding it to an entry (even a published one) changes no sha256."""
    project = copy_project(tmp_path / "project")
    zip_file = tmp_path / data_zip_name(__version__)
    sha = write_data_zip(project, zip_file, __version__)
    with zipfile.ZipFile(zip_file) as archive:
        size = sum(i.file_size for i in archive.infolist())
    registry = project / REGISTRY
    data = json.loads(registry.read_text(encoding="utf-8"))
    data["releases"]["0.0.1"] = {"file": data_zip_name("0.0.1"), "sha256": sha, "published": True}
    registry.write_text(json.dumps(data), encoding="utf-8")
    note = record_release(
        project, "0.0.1", data_zip_name("0.0.1"), sha, replace=False, unpacked_bytes=size
    )
    assert "recorded" in note
    entry = read_registry_file(registry)["releases"]["0.0.1"]
    assert entry == {
        "file": data_zip_name("0.0.1"),
        "sha256": sha,
        "unpacked_bytes": size,
        "published": True,
    }
    # Recording the same zip again without a size keeps the recorded one.
    assert "already records" in record_release(
        project, "0.0.1", data_zip_name("0.0.1"), sha, replace=False
    )
    release(project, tmp_path / "out", update_registry=True, validate=False)
    assert read_registry_file(registry)["releases"][__version__]["unpacked_bytes"] == size
