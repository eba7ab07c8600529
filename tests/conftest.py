"""Shared fixtures (the project root, throwaway copies of the project or package), the
Hypothesis profiles and the `slow` marks of tests in files that mark none themselves.

`make test` runs `pytest -m "not slow" --hypothesis-profile=fast`: every module with its fast
tests, property tests with a few examples. `make test-all` (and CI) runs everything with the
`full` profile, the one loaded when no profile is named.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]

# Timing is not what these tests check, and a shared machine makes it vary: no deadline.
# A test that sets its own max_examples keeps it under both profiles.
settings.register_profile("full", deadline=None)
settings.register_profile("fast", max_examples=10, deadline=None)
settings.load_profile("full")

# Slow tests (see `markers` in pyproject.toml) of modules that keep fast tests beside them,
# by test function: each runs many examples of a whole synthetic package through both
# validators, or frictionless over every corruption class.
SLOW = {
    "tests/test_validation_corruptions.py::test_each_corruption_is_caught",
    "tests/test_validation_corruptions.py::test_generated_valid_packages_pass_both_validators",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.split("[")[0] in SLOW:
            item.add_marker(pytest.mark.slow)


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


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A synthetic package with a dangling reference and a bad enum value (for the tests of
    the validator)."""
    import polars as pl

    from sino_russian_patrols.package import read_tables, write_package
    from sino_russian_patrols.testing import generate

    generate(tmp_path, 40, seed=31, per_source=10)
    tables = read_tables(tmp_path)
    statements = tables["statements"].with_columns(
        pl.when(pl.int_range(pl.len()) == 3)
        .then(pl.lit("missing-event"))
        .otherwise("event_id")
        .alias("event_id"),
        pl.when(pl.int_range(pl.len()) == 5)
        .then(pl.lit("rumour"))
        .otherwise("statement_type")
        .alias("statement_type"),
    )
    write_package(tmp_path, {"statements": statements})
    return tmp_path


@pytest.fixture(scope="session")
def build_inputs():  # -> sino_russian_patrols.steps.Inputs
    """The project's build inputs, read as the build reads them, for the build steps' tests
    (which run on the real data and must find no problem in it)."""
    from sino_russian_patrols.errors import Problems
    from sino_russian_patrols.steps import read_inputs

    problems = Problems()
    inputs = read_inputs(ROOT, problems)
    assert problems.items == []
    return inputs
