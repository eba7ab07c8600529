"""The extras as users read of them: every extra the package's hints name is declared in
pyproject.toml and explained in the README's install section (the slow tests in test_wheel.py
install each one and check what it enables)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sino_russian_patrols.extras import EXTRAS, MissingExtraError, install_hint, require_extra

ROOT = Path(__file__).resolve().parents[1]


def test_the_extras_of_the_readme_are_those_of_the_package() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = set(project["optional-dependencies"]) - {"dev"}
    assert set(EXTRAS) == declared
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    install = readme[readme.index("## Install and use") : readme.index("## Contribute")]
    for extra in declared:
        assert f"| `{extra}` |" in install, extra
        assert install_hint(extra) == f"pip install 'sino-russian-patrols[{extra}]'"
    assert "pip install 'sino-russian-patrols[pandas]'" in install.replace("\n", " ")
    assert "make dataset" in readme[readme.index("## Contribute") :]


def test_a_missing_module_names_its_extra() -> None:
    with pytest.raises(MissingExtraError) as caught:
        require_extra("sql", "connect()", "sino_russian_patrols_no_such_module")
    assert str(caught.value) == (
        "connect() needs sino_russian_patrols_no_such_module, which is not installed: "
        "pip install 'sino-russian-patrols[sql]'"
    )
    assert isinstance(caught.value, ImportError)
    require_extra("build", "reading", "json")  # installed: nothing raised
    with pytest.raises(ValueError, match="unknown extra"):
        install_hint("pandsa")
