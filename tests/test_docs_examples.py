"""Every code block of README.md and docs/*.md, run as written on the install it names.

A block's first line says what it needs (`# needs: the pandas extra`, `... the release zips
at $SINO_RUSSIAN_PATROLS_BASE_URL`, `... in a source checkout`; see docblocks.py); it runs in
a virtual environment holding the base install and those extras only (docenv.py), in an empty
folder or a copy of the checkout, with the release zips of earlier versions (rebuilt from
their commits, checked against releases.json) served on 127.0.0.1 when it needs them. Python
blocks run as a script, SQL blocks through `connect()`, shell blocks line by line; `pip
install` and `make` lines are checked (the file, extras and targets they name exist, and CI
runs the make lines), the mermaid diagram of the codebook against datapackage.json, and the
R block of docs/r.md is left to tests/test_r.py. A block none of these fits fails.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import polars as pl
import pytest

import sino_russian_patrols as srp
from docblocks import (
    BASE_URL_ENV,
    Block,
    Needs,
    Unclassified,
    all_blocks,
    blocks,
    commands,
    documents,
    kind,
    needs,
)
from docenv import make_install, rebuild_data_zip, release_commits, serve
from sino_russian_patrols.fetch import data_zip_name, registry

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = all_blocks()
CHECKOUT_ITEMS = (
    "src", "schema", "dataset", "build", "tests", "docs", "examples", "benchmarks",
    "datapackage.json", "CHANGELOG.md", "CITATION.cff", "README.md", "LICENSE", "Makefile",
    "constraints.txt", "pyproject.toml", ".gitignore", "LICENSE-DATA.md", "croissant.json",
    ".zenodo.json",
)  # fmt: skip
SITE_FROM = (0, 2, 0)  # the first release the evidence browser renders (0.1.0 had no event_dates)


# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def installs(tmp_path_factory: pytest.TempPathFactory) -> Callable[[frozenset[str]], Path]:
    """The python of an install with exactly the given extras, made once per set."""
    made: dict[frozenset[str], Path] = {}

    def install(extras: frozenset[str]) -> Path:
        if extras not in made:
            folder = tmp_path_factory.mktemp("venv-" + ("-".join(sorted(extras)) or "base"))
            made[extras] = make_install(folder / "venv", extras)
        return made[extras]

    return install


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a folder on 127.0.0.1 holding the data zip of every release the README
    names a commit for, rebuilt from that commit and checked against releases.json."""
    folder = tmp_path_factory.mktemp("served")
    releases = registry()["releases"]
    for version, commit in release_commits((ROOT / "README.md").read_text("utf-8")).items():
        assert version in releases, f"the README names a commit for {version}, not released"
        sha = rebuild_data_zip(commit, version, folder / data_zip_name(version))
        assert sha == releases[version]["sha256"], (
            f"the data zip of {version} rebuilt from {commit} has sha256 {sha}, but "
            f"releases.json records {releases[version]['sha256']}: the README's commit is wrong"
        )
    with serve(folder) as url:
        yield url


# -- checking what is not run ---------------------------------------------------------------


def check_pip(block: Block) -> None:
    """Each `pip install` names this version's wheel, the project folder `.` of a clone, or
    the project by name, with extras the project declares, quoted when it has brackets."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wheel = f"{project['name'].replace('-', '_')}-{srp.__version__}-py3-none-any.whl"
    for line in commands(block):
        words = shlex.split(line, comments=True)
        assert words[:2] == ["pip", "install"] and len(words) == 3, f"{block.where}: {line}"
        target = re.fullmatch(r"(?P<what>[^\[\]]+)(?:\[(?P<extras>[a-z,]+)\])?", words[2])
        assert target is not None, f"{block.where}: cannot read {words[2]!r}"
        assert target["what"] in (wheel, ".", project["name"]), (
            f"{block.where}: installs {target['what']!r}; the wheel of {srp.__version__} is {wheel}"
        )
        extras = (target["extras"] or "").split(",") if target["extras"] else []
        unknown = set(extras) - set(project["optional-dependencies"])
        assert not unknown, f"{block.where}: {line}: no extra {', '.join(sorted(unknown))}"
        if extras:
            assert f"'{words[2]}'" in line, f"{block.where}: quote {words[2]} (the shell's [])"


def check_make(block: Block) -> None:
    """Each `make` target exists, and CI (.ci/run) runs that very line."""
    makefile = (ROOT / "Makefile").read_text("utf-8")
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text("utf-8").splitlines()]
    for line in commands(block):
        command = line.split("#", 1)[0].strip()
        target = command.removeprefix("make ").strip()
        assert re.search(rf"^{re.escape(target)}:", makefile, re.M), f"{block.where}: {line}"
        assert command in ci, f"{block.where}: CI (.ci/run) does not run `{command}`"


def check_mermaid(block: Block) -> None:
    """The codebook's diagram says what datapackage.json says: every table with its keys,
    every foreign key as a solid line, nothing else."""
    descriptor = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    lines = [line.strip() for line in block.text.splitlines()]
    assert lines[0] == "erDiagram", block.where
    entities = re.findall(r"^\s*(\w+) \{$", block.text, re.M)
    assert sorted(entities) == sorted(resources), block.where
    solid = set(re.findall(r"^\s*(\w+) (?:\|\||\|o)--o\{ (\w+) : \"([\w, ]+)\"$", block.text, re.M))
    keys = set()
    for name, resource in resources.items():
        for key in resource["schema"].get("foreignKeys", []):
            fields = key["fields"] if isinstance(key["fields"], list) else [key["fields"]]
            parent = key["reference"]["resource"] or name
            keys.add((parent, name, ", ".join(fields)))
    assert solid == keys, (block.where, solid ^ keys)
    for parent, child, _ in re.findall(r"^\s*(\w+) \S+ (\w+) : \"(.*)\"$", block.text, re.M):
        assert parent in resources and child in resources, (block.where, parent, child)


def check_r(block: Block) -> None:
    """The R block of docs/r.md is run by tests/test_r.py (where R is installed)."""
    runner = (ROOT / "tests" / "test_r.py").read_text("utf-8")
    assert block.document == "docs/r.md" and '"r.md"' in runner and "```r" in runner


# -- running --------------------------------------------------------------------------------

SQL_RUNNER = """
import sys
import sino_russian_patrols as srp

con = srp.connect()
for statement in filter(str.strip, open(sys.argv[1], encoding="utf-8").read().split(";")):
    print(con.sql(statement))
"""


def environment(python: Path, tmp: Path, base_url: str | None) -> dict[str, str]:
    """The environment of a user of the install at `python`: its bin/ first on PATH, a cache
    of its own, the address of the release zips only when the block says it needs them."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("SINO_RUSSIAN_PATROLS_") and k not in ("PYTHONPATH", "PYTHONHOME")
    }
    env["PATH"] = f"{python.parent}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(python.parent.parent)
    env["SINO_RUSSIAN_PATROLS_CACHE"] = str(tmp / "cache")
    if base_url is not None:
        env[BASE_URL_ENV] = base_url
    return env


def workdir(tmp: Path, checkout: bool) -> Path:
    """An empty folder, or a copy of the source checkout for a block that runs in one."""
    folder = tmp / ("checkout" if checkout else "work")
    folder.mkdir(parents=True)
    if checkout:
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", "dist", "site")
        for name in CHECKOUT_ITEMS:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, folder / name, ignore=ignore)
            elif source.is_file():
                shutil.copy2(source, folder / name)
    return folder


def run_block(
    block: Block, python: Path, tmp: Path, base_url: str | None, checkout: bool = False
) -> list[subprocess.CompletedProcess[str]]:
    """Run `block` as a user of the install at `python` would; the processes it ran. A python
    or SQL block must exit 0; each line of a shell block must exit 0 (or 1 for a `diff` that
    found differences, its documented result, with nothing on stderr) and never print a
    traceback."""
    env = environment(python, tmp, base_url)
    cwd = workdir(tmp, checkout)
    script = tmp / ("block.sql" if block.language == "sql" else "block.py")

    def run(args: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, capture_output=True, text=True, cwd=cwd, env=env, timeout=900)

    if block.language in ("python", "py", "sql"):
        script.write_text(block.text, encoding="utf-8")
        args = [str(python), str(script)] if script.suffix == ".py" else [str(python)]
        done = run(args if script.suffix == ".py" else [*args, "-c", SQL_RUNNER, str(script)])
        assert done.returncode == 0, f"{block.where} failed:\n{done.stderr[-3000:]}"
        return [done]
    ran = []
    for line in commands(block):
        done = run(["bash", "-c", line])
        assert "Traceback" not in done.stderr, f"{block.where}: {line}\n{done.stderr[-3000:]}"
        differ = line.split()[:2] == ["sino-russian-patrols", "diff"] and not done.stderr
        assert done.returncode == 0 or (done.returncode == 1 and differ), (
            f"{block.where}: `{line}` exited {done.returncode}:\n{done.stderr[-3000:]}"
        )
        ran.append(done)
    return ran


# -- the blocks of the README and docs/ -----------------------------------------------------


def _param(block: Block) -> object:
    try:
        slow = "build" in needs(block).extras  # builds and releases: seconds to minutes
    except Unclassified:
        slow = False  # the test reports it
    return pytest.param(block, id=block.where, marks=[pytest.mark.slow] if slow else [])


@pytest.mark.parametrize("block", [_param(b) for b in BLOCKS])
def test_every_block_runs_as_written(
    block: Block,
    installs: Callable[[frozenset[str]], Path],
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    what = kind(block)
    wanted = needs(block)
    checks = {"pip": check_pip, "make": check_make, "mermaid": check_mermaid, "r": check_r}
    if what in checks:
        assert wanted == Needs(), f"{block.where}: a {what} block is checked, not run: no needs"
        checks[what](block)
        return
    base_url = request.getfixturevalue("served") if wanted.network else None
    run_block(block, installs(wanted.extras), tmp_path, base_url, wanted.checkout)


def test_every_block_of_every_document_is_found() -> None:
    """The reader finds every fence (counted here on its own), so none is skipped unseen."""
    for path in documents():
        text = path.read_text("utf-8")
        fences = len(re.findall(r"^ {0,3}(?:```|~~~)", text, re.M))
        assert 2 * len(blocks(text, path.name)) == fences, path
    found = {(b.document, kind(b)) for b in BLOCKS}
    for expected in ("python", "shell", "pip", "make"):
        assert ("README.md", expected) in found, expected
    assert ("docs/r.md", "r") in found and ("docs/codebook.md", "mermaid") in found


# -- what the runner refuses and catches ----------------------------------------------------


def _one(markdown: str) -> Block:
    (block,) = blocks(markdown, "example.md")
    return block


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("```yaml\nkey: value\n```\n", "```yaml"),
        ("```\nsino-russian-patrols validate\n```\n", "without a language"),
        ("```r\nlibrary(readr)\n```\n", "outside docs/r.md"),
        ("```sh\npip install .\nsino-russian-patrols validate\n```\n", "block of their own"),
        ("```python\n# needs: the pandsa extra\n```\n", "no extra is called pandsa"),
        ("```python\n# needs: a fast machine\n```\n", "cannot read the need"),
        ("```python\n# needs pandas\n```\n", "# needs: ..."),
        ("```python\nprint(1)\n", "never closed"),
    ],
)
def test_a_block_the_tests_cannot_classify_fails(markdown: str, message: str) -> None:
    with pytest.raises(Unclassified, match=re.escape(message)):
        block = _one(markdown)
        kind(block)
        needs(block)


def test_needs_are_read_from_the_first_line() -> None:
    block = _one(
        "```sh\n# needs: the build and download extras, the release zips at "
        f"${BASE_URL_ENV}, the package index (for hatchling, of course), in a source checkout\n"
        "sino-russian-patrols build\n```\n"
    )
    assert needs(block) == Needs(frozenset({"build", "download"}), True, True, True)
    assert needs(_one("```python\nimport sino_russian_patrols\n```\n")) == Needs()
    assert commands(_one("```sh\n# a comment\nmake \\\n  test  # why\n\n```\n")) == [
        "make    test  # why"
    ]


@pytest.mark.parametrize(
    "line",
    [
        "pip install sino_russian_patrols-0.0.1-py3-none-any.whl",  # not this version's wheel
        "pip install '.[pandsa]'",  # no such extra
        "pip install .[pandas]",  # brackets unquoted: a glob in zsh
        "pip install pandas",  # not the project
    ],
)
def test_a_wrong_pip_line_fails(line: str) -> None:
    with pytest.raises(AssertionError):
        check_pip(_one(f"```sh\n{line}\n```\n"))


def test_a_make_line_ci_does_not_run_fails() -> None:
    check_make(_one("```sh\nmake test-all  # every test\n```\n"))
    with pytest.raises(AssertionError, match="does not run"):
        check_make(_one("```sh\nmake benchmark\n```\n"))


def test_a_block_runs_only_with_the_extras_it_names(
    installs: Callable[[frozenset[str]], Path], tmp_path: Path
) -> None:
    code = 'import sino_russian_patrols as srp\nprint(srp.load("events", backend="pandas").shape)\n'
    base = _one(f"```python\n{code}```\n")
    with pytest.raises(AssertionError, match=re.escape("sino-russian-patrols[pandas]")):
        run_block(base, installs(needs(base).extras), tmp_path / "base", None)
    named = _one(f"```python\n# needs: the pandas extra\n{code}```\n")
    (done,) = run_block(named, installs(needs(named).extras), tmp_path / "pandas", None)
    assert done.stdout.strip() == str(srp.load("events").shape)


def test_a_block_that_downloads_without_saying_so_fails(
    installs: Callable[[frozenset[str]], Path], tmp_path: Path
) -> None:
    block = _one("```sh\nsino-russian-patrols download 0.2.0\n```\n")
    with pytest.raises(AssertionError, match=re.escape("no download address for release 0.2.0")):
        run_block(block, installs(frozenset({"download"})), tmp_path, None)


def test_a_command_that_fails_fails_its_block(
    installs: Callable[[frozenset[str]], Path], tmp_path: Path
) -> None:
    """A line that exits 2 fails the block, though the lines around it work."""
    block = _one(
        "```sh\nsino-russian-patrols cache list\nsino-russian-patrols validate no-such-folder\n"
        "sino-russian-patrols --version\n```\n"
    )
    with pytest.raises(AssertionError, match="validate no-such-folder` exited 2"):
        run_block(block, installs(frozenset()), tmp_path, None)


def test_an_sql_block_runs_through_connect(
    installs: Callable[[frozenset[str]], Path], tmp_path: Path
) -> None:
    block = _one("```sql\n-- needs: the sql extra\nSELECT count(*) AS n FROM events;\n```\n")
    (done,) = run_block(block, installs(needs(block).extras), tmp_path / "sql", None)
    assert str(srp.load("events").height) in done.stdout
    broken = _one("```sql\nSELECT nothing FROM no_such_table\n```\n")
    with pytest.raises(AssertionError, match="no_such_table"):
        run_block(broken, installs(frozenset({"sql"})), tmp_path / "broken", None)


# -- the released versions ------------------------------------------------------------------


def test_every_released_version_is_fetched_loaded_diffed_and_rendered(
    served: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each version releases.json lists, but the installed one, has a commit in the README,
    rebuilds from it to its recorded sha256 (the `served` fixture), and is downloaded, loaded,
    diffed and rendered as the README says: the evidence browser from 0.2.0 on."""
    from sino_russian_patrols.cli import main

    commits = release_commits((ROOT / "README.md").read_text("utf-8"))
    assert set(registry()["releases"]) - {srp.__version__} == set(commits)
    monkeypatch.setenv(BASE_URL_ENV, served)
    monkeypatch.setenv("SINO_RUSSIAN_PATROLS_CACHE", str(tmp_path / "cache"))
    for version in commits:
        folder = srp.download(version)
        events = srp.load("events", version=version)
        assert events.height == pl.read_csv(folder / "dataset" / "csv" / "events.csv").height > 0
        changes = srp.diff(version, srp.__version__)
        assert not changes.identical and changes.old["version"] == version
        descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
        lacking = set(srp.tables()) - {r["name"] for r in descriptor["resources"]}
        assert lacking and {t.table for t in changes.tables if t.status == "added"} == lacking
        for name in lacking:  # the README: a table a release lacks raises FileNotFoundError
            with pytest.raises(FileNotFoundError):
                srp.load(name, version=version)
        rendered = main(["site", str(tmp_path / f"site-{version}"), "--package", version])
        parts = tuple(int(p) for p in version.split("."))
        assert (rendered == 0) == (parts >= SITE_FROM), version
        assert (tmp_path / f"site-{version}" / "index.html").is_file() == (parts >= SITE_FROM)
