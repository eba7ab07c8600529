"""Shared fixtures: the project root and throwaway copies of the project or package."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the inputs and outputs of the build, safe to edit and rebuild."""
    target = tmp_path / "project"
    target.mkdir()
    for name in ("build", "schema", "dataset", "docs"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, target / name)
    shutil.copy2(ROOT / "datapackage.json", target / "datapackage.json")
    return target


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of the built package (datapackage.json and dataset/), safe to corrupt."""
    target = tmp_path / "package"
    target.mkdir()
    shutil.copytree(ROOT / "dataset", target / "dataset")
    shutil.copy2(ROOT / "datapackage.json", target / "datapackage.json")
    return target
