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


def _requirement_names(extra: str, project: dict) -> set[str]:
    """The distributions an extra installs by name, following `sino-russian-patrols[x]`."""
    import re

    names: set[str] = set()
    for requirement in project["optional-dependencies"][extra]:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower().replace("_", "-")
        if name == "sino-russian-patrols":
            inner = re.search(r"\[([^\]]+)\]", requirement).group(1)
            for other in inner.split(","):
                names |= _requirement_names(other.strip(), project)
        else:
            names.add(name)
    return names


def _closure(names: set[str]) -> set[str]:
    """`names` and everything they require when installed (markers for extras skipped)."""
    import importlib.metadata
    import re

    todo, seen = list(names), set(names)
    while todo:
        try:
            requires = importlib.metadata.requires(todo.pop()) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        for requirement in requires:
            if "extra ==" in requirement:
                continue
            name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower().replace("_", "-")
            if name not in seen:
                seen.add(name)
                todo.append(name)
    return seen


def test_the_notebook_extra_installs_what_the_notebook_imports() -> None:
    """Every module the notebook imports comes with the package, the base, or the `notebook`
    extra and what it requires (the providing distribution, as the installed metadata says)."""
    import ast
    import importlib.metadata
    import json
    import sys

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    base = {d.split(">")[0].split("=")[0].split("[")[0].lower() for d in project["dependencies"]}
    given = base | _requirement_names("notebook", project) | {"sino-russian-patrols"}
    notebook = json.loads((ROOT / "examples" / "patrols.ipynb").read_text(encoding="utf-8"))
    modules: set[str] = set()
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        source = "\n".join(x for x in source.splitlines() if not x.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                modules |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module.split(".")[0])
    given = _closure(given)
    providers = importlib.metadata.packages_distributions()
    assert {"matplotlib", "sino_russian_patrols"} <= modules  # the imports were read
    for module in sorted(modules - set(sys.stdlib_module_names)):
        dists = {d.lower().replace("_", "-") for d in providers.get(module, [])}
        if module == "sino_russian_patrols":
            continue
        assert dists & given, f"the notebook imports {module} ({dists}), not in [notebook]"
