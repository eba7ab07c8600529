"""One version number everywhere: pyproject.toml, sino_russian_patrols.__version__,
datapackage.json, CITATION.cff and the top CHANGELOG entry (the data contract's rule)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

import sino_russian_patrols
from sino_russian_patrols.release import project_versions

ROOT = Path(__file__).resolve().parents[1]


def _read(name: str) -> str:
    path = ROOT / name
    if not path.is_file():
        pytest.fail(f"{name} is missing: the data contract requires it and its version")
    return path.read_text(encoding="utf-8")


def versions() -> dict[str, str | None]:
    """Each place's version, read here independently of the release code."""
    changelog = re.search(
        r"^##\s+\[?v?(\d+\.\d+\.\d+[^\]\s]*)\]?", _read("CHANGELOG.md"), flags=re.MULTILINE
    )
    citation = yaml.safe_load(_read("CITATION.cff")) or {}
    return {
        "pyproject.toml": tomllib.loads(_read("pyproject.toml"))["project"]["version"],
        "sino_russian_patrols.__version__": sino_russian_patrols.__version__,
        "datapackage.json": json.loads(_read("datapackage.json"))["version"],
        "CITATION.cff": str(citation["version"]) if "version" in citation else None,
        "CHANGELOG.md": changelog[1] if changelog else None,
    }


def test_one_version_everywhere() -> None:
    found = versions()
    listing = ", ".join(f"{where}={v}" for where, v in found.items())
    assert len(set(found.values())) == 1, f"the versions differ: {listing}"
    assert re.fullmatch(r"\d+\.\d+\.\d+", sino_russian_patrols.__version__)


def test_release_reads_the_same_versions() -> None:
    """`release` refuses to run on disagreeing versions; it must read what this test reads."""
    assert project_versions(ROOT) == versions()


def test_installed_data_has_the_package_version() -> None:
    descriptor = sino_russian_patrols.data_root() / "datapackage.json"
    assert json.loads(descriptor.read_text("utf-8"))["version"] == sino_russian_patrols.__version__
