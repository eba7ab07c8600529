"""The independent check: the real frictionless validator accepts the shipped package."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sino_russian_patrols.testing import generate
from sino_russian_patrols.validation import validate_package

ROOT = Path(__file__).resolve().parents[1]
FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def _frictionless_cli(descriptor: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", descriptor.name],
        cwd=descriptor.parent,
        capture_output=True,
        text=True,
        check=False,
    )


def test_frictionless_validates_the_shipped_package() -> None:
    result = _frictionless_cli(ROOT / "datapackage.json")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["valid"] is True
    names = {task["name"] for task in report["tasks"]}
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert names == {r["name"] for r in descriptor["resources"]}
    assert all(task["valid"] for task in report["tasks"])


def test_frictionless_python_api_agrees_with_our_validator_on_the_shipped_package() -> None:
    from frictionless import validate

    report = validate(str(ROOT / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    assert validate_package(ROOT).valid


def test_frictionless_validates_a_synthetic_package(tmp_path: Path) -> None:
    descriptor = generate(tmp_path, 200, seed=21)
    result = _frictionless_cli(descriptor)
    assert result.returncode == 0, result.stdout[-3000:]
    assert validate_package(descriptor).valid
