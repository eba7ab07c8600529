"""What a rule is: a code, the sentence the legend prints for it, and its message templates."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rule:
    """A rule a finding can break: its code (what a finding carries and a test asserts), the
    sentence the legend prints for it, and the pattern of its findings' messages (fields in
    braces, filled by `message`; empty: the message is written by the check, as it depends on
    more than a few values).

    `forms`: a rule whose findings come in several forms (a file with no path, or a path
    leading outside the package) has one template per form, by name, each filled by
    `message(code, form, ...)`. `pandera`: the names of the pandera checks (without their
    arguments) that stand for the rule when `validate --engine pandera` checks a table.
    """

    code: str
    description: str
    template: str = ""
    forms: dict[str, str] = field(default_factory=dict)
    pandera: tuple[str, ...] = ()


def registry(*rules: Rule) -> dict[str, Rule]:
    """Rules by code, in the order given. A code given twice is refused: in a plain dict the
    second rule would silently replace the first, and findings would be explained wrongly."""
    by_code: dict[str, Rule] = {}
    for rule in rules:
        if rule.code in by_code:
            raise ValueError(f"rule code {rule.code!r} is defined twice; give each rule its own")
        by_code[rule.code] = rule
    return by_code
