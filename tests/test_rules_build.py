"""Every problem the build reports carries a rule code of the one registry (`rules.RULES`):
each code written at a build site is a rule with a description, and a problem prints its code
as a finding of `validate` does."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from sino_russian_patrols.errors import BuildError, Problem, Problems
from sino_russian_patrols.rules import BUILD_ALSO, BUILD_RULES, RULES, VALIDATION_RULES

SRC = Path(__file__).resolve().parents[1] / "src" / "sino_russian_patrols"
# The modules of the build (the validator's findings are checked by its own tests).
BUILD_MODULES = sorted(p for p in SRC.rglob("*.py") if "validation" not in p.parts)


def _codes_at_sites() -> list[tuple[str, int, ast.expr]]:
    """(file, line, code argument) of every problem a build module records: `problems.add`
    (the code is the third argument), `Reader.error` (the first), `Problem(...)` (the third),
    and the (line, code, message) tuples the YAML reader returns for `problems.add(*found)`."""
    found = []
    for path in BUILD_MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and not any(
                isinstance(a, ast.Starred) for a in node.args
            ):
                f, index = node.func, None
                if isinstance(f, ast.Attribute) and f.attr == "add":
                    if ast.unparse(f.value).endswith("problems"):
                        index = 2
                elif isinstance(f, ast.Attribute) and f.attr == "error":
                    index = 0
                elif isinstance(f, ast.Name) and f.id == "Problem":
                    index = 2
                if index is not None and len(node.args) > index:
                    found.append((path.name, node.lineno, node.args[index]))
            returns_found = path.name == "yamlfile.py" and isinstance(node, ast.Return)
            if returns_found and isinstance(node.value, ast.Tuple):
                items = node.value.elts
                if len(items) == 3 and isinstance(items[1], ast.Constant):
                    found.append((path.name, node.lineno, items[1]))
    return found


def test_every_code_written_at_a_build_site_is_a_rule() -> None:
    sites = _codes_at_sites()
    literal = [(f, n, a.value) for f, n, a in sites if isinstance(a, ast.Constant)]
    unknown = [(f, n, code) for f, n, code in literal if code not in RULES]
    assert unknown == []
    # a code that is not written out is passed through: a problem's own, a finding's rule
    passed = sorted({(f, ast.unparse(a)) for f, _, a in sites if not isinstance(a, ast.Constant)})
    assert passed == [
        ("errors.py", "code"),
        ("pipeline.py", "f.rule"),
        ("yamlreader.py", "code"),
    ]
    # every build rule is used somewhere, and only build rules and those it shares
    used = {code for _, _, code in literal}
    assert set(BUILD_RULES) <= used
    assert used - set(BUILD_RULES) == set(BUILD_ALSO)


def test_build_rules_are_described_and_apart_from_the_validation_rules() -> None:
    for rule in BUILD_RULES.values():
        assert rule.description and rule.description[0].islower(), rule.code
        assert RULES[rule.code] is rule
    assert set(BUILD_RULES) & set(VALIDATION_RULES) == set()  # the merge into RULES loses none
    assert RULES == {**VALIDATION_RULES, **BUILD_RULES}
    assert all(code in VALIDATION_RULES and code not in BUILD_RULES for code in BUILD_ALSO)


def test_a_problem_prints_its_code_and_the_error_its_legend() -> None:
    problems = Problems()
    problems.add("a.yaml", 3, "quote_not_found", source="000", quote="Moscow", hint="")
    problems.add("a.yaml", None, "yaml_syntax", detail="found a tab")
    (first, second) = problems.items
    assert str(first) == "a.yaml:3: quote not found in 000: 'Moscow' [quote_not_found]"
    assert str(second) == "a.yaml: YAML syntax error: found a tab [yaml_syntax]"
    error = str(BuildError(problems.items))
    assert error.splitlines()[1:] == [
        str(second),
        str(first),
        "what the rules in brackets mean:",
        f"  [quote_not_found] {RULES['quote_not_found'].description}",
        f"  [yaml_syntax]     {RULES['yaml_syntax'].description}",
    ]


def test_a_problem_without_a_rule_of_the_registry_is_refused() -> None:
    with pytest.raises(KeyError, match=r"add it to rules\.RULES"):
        Problem("a.yaml", 1, "no_such_rule", "a message")
