"""The validator's rules in the registry (rules/validator.py): every code a check writes into a
finding has a record there, with the sentence of the legend and the templates of its messages, and
every finding's message is its rule's template filled. The report's legend, the codebook's
and the checks' declarations (`checks.CHECKS`) name the same codes.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest

from helpers import ROOT, follows_its_template, rule_codes, templates
from sino_russian_patrols.rules import BUILD_RULES, RULES, VALIDATION_RULES, Rule, message
from sino_russian_patrols.validation import checks, validate_package


def test_every_rule_code_of_a_finding_has_a_legend_entry() -> None:
    package = Path(checks.__file__).parents[1]  # the validate package
    modules = {p: rule_codes(p.read_text(encoding="utf-8")) for p in package.rglob("*.py")}
    used = set().union(*modules.values())
    assert used - set(RULES) == set(), "add these codes to RULES"
    assert used & set(BUILD_RULES) == set(), "a validation code is not a build code"
    # and the legend explains no rule that nothing reports (the scan misses none)
    assert set(VALIDATION_RULES) - used == set()


def test_every_rule_is_a_record_with_a_description_and_a_template_it_can_fill() -> None:
    for code, rule in RULES.items():
        assert isinstance(rule, Rule) and rule.code == code
        assert rule.description.strip(), code
        for form, template in {"": rule.template, **rule.forms}.items():
            fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
            # a template names its values by keyword; the message has nothing left in braces
            assert all(f.isidentifier() for f in fields), (code, fields)
            message(code, form, **dict.fromkeys(fields, 7))  # fills, whatever the values
    # every message of the validator comes from its rule's templates
    assert [c for c, r in VALIDATION_RULES.items() if not templates(r)] == []
    with pytest.raises(KeyError):
        message("no_such_rule")
    with pytest.raises(KeyError):
        message("path", "no_such_form")


def test_the_codebook_legend_lists_every_rule() -> None:
    from sino_russian_patrols.codebook import render

    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    codebook = render(descriptor)
    legend = codebook.split("## Validation rules", 1)[1].split("\n## ", 1)[0]
    listed = {line.split("`")[1] for line in legend.splitlines() if line.startswith("| `")}
    assert listed == set(VALIDATION_RULES)
    for rule in VALIDATION_RULES.values():
        assert f"| `{rule.code}` | " in legend


def test_findings_of_a_template_read_as_the_template_says(broken: Path) -> None:
    """A finding is one of its rule's templates filled: nothing left in braces, and its fixed
    words all there (the corruption classes check this of every rule they break)."""
    report = validate_package(broken)
    assert report.findings
    for finding in report.findings:
        assert finding.rule in VALIDATION_RULES
        assert follows_its_template(finding), finding


def test_a_code_given_twice_is_refused_by_the_registry() -> None:
    from sino_russian_patrols.rules.rule import registry

    first, second = Rule("same", "one rule"), Rule("same", "another rule")
    assert registry(first, Rule("other", "a third")) == {
        "same": first,
        "other": Rule("other", "a third"),
    }
    with pytest.raises(ValueError, match="rule code 'same' is defined twice"):
        registry(first, second)
