"""Problems found in input, collected so that one run reports all of them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, located as precisely as the input allows."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


class BuildError(Exception):
    """The build's inputs are wrong; nothing was written. Carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the build inputs:\n{lines}")


@dataclass
class Problems:
    """Collects problems; `raise_if_any` stops the build once a stage is done."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int | None, message: str) -> None:
        self.items.append(Problem(file, line, message))

    def raise_if_any(self) -> None:
        if self.items:
            raise BuildError(self.items)
