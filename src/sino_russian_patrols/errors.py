"""Problems found in input, collected so that one run reports all of them.

Every problem carries the code of the rule it breaks (a key of `rules.RULES`, the registry the
validator and the codebook share): tests assert the code, and the printed problem ends with it
in brackets, as a finding of `validate` does.

A message quotes what the input says, and the input may be hostile: a quote of megabytes
would be printed whole. `Problem` shortens every quoted value in its message and the message
itself (the one place that does), so a report stays readable whatever the input holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .rules import RULES, legend
from .rules import message as rule_message

MAX_QUOTED = 80  # characters of a quoted value kept in a message
MAX_MESSAGE = 2_000  # characters of a whole message kept
# A value quoted in a message as `repr` writes it: '...' or "...", escapes included.
_LONG = MAX_QUOTED + 1
_QUOTED = re.compile(
    rf"""(?<!\w)(?:'((?:[^'\\\n]|\\.){{{_LONG},}})'|"((?:[^"\\\n]|\\.){{{_LONG},}})")(?!\w)"""
)


def shorten(text: str, /, limit: int = MAX_QUOTED) -> str:
    """`text` cut to its first `limit` characters, saying how many were left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def shown(value: Any, /) -> str:
    """`value` as a message quotes it (its repr), at most MAX_QUOTED characters of it."""
    if isinstance(value, str) and len(value) > MAX_QUOTED:
        return f"{value[:MAX_QUOTED]!r}… ({len(value) - MAX_QUOTED:,} more characters)"
    return shorten(repr(value))


def _short_quote(match: re.Match[str]) -> str:
    mark = "'" if match[1] is not None else '"'
    inner = match[1] if match[1] is not None else match[2]
    return f"{mark}{inner[:MAX_QUOTED]}{mark}… ({len(inner) - MAX_QUOTED:,} more characters)"


def short_message(message: str, /) -> str:
    """`message` with every quoted value longer than MAX_QUOTED characters cut, and at most
    MAX_MESSAGE characters long."""
    return shorten(_QUOTED.sub(_short_quote, message), MAX_MESSAGE)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, located as precisely as the input allows, and the
    code of the rule it breaks."""

    file: str
    line: int | None
    code: str
    message: str

    def __post_init__(self) -> None:
        if self.code not in RULES:  # a rule is named in the registry before it is used
            raise KeyError(f"unknown rule code {self.code!r}: add it to rules.RULES")
        object.__setattr__(self, "message", short_message(self.message))
        # a file name may hold control characters (a terminal escape): print them escaped
        file = "".join(c if c.isprintable() else repr(c)[1:-1] for c in self.file)
        object.__setattr__(self, "file", shorten(file, MAX_MESSAGE))

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message} [{self.code}]"


class PatrolsError(Exception):
    """Every error of the package that a user can act on: its message says what to fix, and
    `exit_code` is what the command exits with (1 the input is wrong, 2 the command cannot
    start on it). The CLI catches this one class, so a new error is never a traceback."""

    exit_code = 1


class InputError(PatrolsError, ValueError):
    """An argument a command was given cannot be used (an unknown source id, a draft that does
    not build); also a ValueError, for callers that catch that."""


class BuildError(PatrolsError):
    """The build's inputs are wrong; nothing was written. Carries every problem found.

    `exit_code` and `outcome` are what the command reports: what is wrong decides the code,
    and what became of the dataset is said in words a data editor can act on.
    """

    exit_code = 1
    outcome = "the previous dataset is unchanged"

    def __init__(self, problems: list[Problem]) -> None:
        # a file's problems without a line come first (None does not compare with a number)
        self.problems = sorted(
            set(problems), key=lambda p: (p.file, p.line or 0, p.message, p.code)
        )
        lines = [f"{len(self.problems)} problem(s) in the build inputs:"]
        lines += [str(p) for p in self.problems]
        super().__init__("\n".join(lines + legend({p.code for p in self.problems})))


class SchemaError(BuildError):
    """A file of `schema/` is missing or is not a Table Schema the build can use: the project
    itself is broken, whatever the inputs say (the command exits with 2)."""

    exit_code = 2


class SwapIncomplete(BuildError):
    """The new dataset was complete and valid, but moving it into place stopped midway; the
    next build, validate or load finishes the move (never a mix of the two)."""

    outcome = (
        "the new dataset is complete but not yet in place; the next build, validate or load "
        "finishes moving it"
    )


@dataclass
class Problems:
    """Collects problems; `raise_if_any` stops the build once a stage is done."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self, file: str, line: int | None, code: str, message: str | None = None, /, **fields: Any
    ) -> None:
        """Record a problem of rule `code`: its `message`, or else the rule's template filled
        with `fields` (so that the wording of a rule lives in the registry)."""
        text = rule_message(code, **fields) if message is None else message
        self.items.append(Problem(file, line, code, text))

    def raise_if_any(self) -> None:
        if self.items:
            raise BuildError(self.items)
