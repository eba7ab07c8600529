"""The registry of rules: every code a finding or a build problem can carry, with the sentence
the legend prints for it and the template of its messages.

One registry serves the validator (its findings and the text report's legend), the build (its
problems) and the codebook, so a rule is named, described and worded in one place and tests
assert codes, not wording. A new rule adds its code here first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .build import BUILD_ALSO, BUILD_RULES
from .rule import Rule, registry
from .validator import VALIDATION_RULES

__all__ = ["BUILD_ALSO", "BUILD_RULES", "RULES", "VALIDATION_RULES", "Rule", "legend", "message"]

# One registry: a build code is never a validation code (`registry` refuses a code given twice).
RULES: dict[str, Rule] = registry(*VALIDATION_RULES.values(), *BUILD_RULES.values())


def message(code: str, form: str = "", /, **fields: Any) -> str:
    """The message of a finding of rule `code`: its template (or the template of its `form`)
    filled with `fields`."""
    rule = RULES[code]
    return (rule.forms[form] if form else rule.template).format(**fields)


def legend(codes: Iterable[str], /) -> list[str]:
    """What the codes in brackets mean, one line each: how the text report of `validate` and a
    failed build end, so a reader never needs the codebook to read a code."""
    codes = sorted(set(codes))
    if not codes:
        return []
    width = max(map(len, codes)) + 2
    lines = ["what the rules in brackets mean:"]
    lines += [
        f"  {'[' + c + ']':<{width}} {RULES[c].description if c in RULES else ''}".rstrip()
        for c in codes
    ]
    return lines
