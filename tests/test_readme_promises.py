"""The README's table of promises names, for each promise, the tests that keep it: every test
it names must exist, so that a renamed or deleted test cannot leave a promise unbacked."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADING = "## What the package promises, and the test that keeps each promise"


def _promises() -> list[tuple[str, list[tuple[str, str]]]]:
    """(promise, [(test file, test name)]) for each row; `::name` continues the last file."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index(HEADING) :].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) != 2 or not cells[1].startswith("`tests/"):
            continue
        tests, last = [], ""
        for m in re.finditer(r"`(tests/[\w/]+\.py)?::(test_\w+)`", cells[1]):
            last = m.group(1) or last
            tests.append((last, m.group(2)))
        rows.append((cells[0], tests))
    return rows


def test_every_promise_of_the_readme_names_tests_that_exist() -> None:
    rows = _promises()
    assert len(rows) >= 10  # the table is found and read, not silently empty
    for promise, tests in rows:
        assert tests, promise
        for file, name in tests:
            tree = ast.parse((ROOT / file).read_text(encoding="utf-8"))
            names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
            assert name in names, f"README promise {promise!r}: {file}::{name} does not exist"
