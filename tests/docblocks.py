"""The fenced code blocks of the README and docs/, what each needs, and what kind of block it
is, for the test that runs them as written (tests/test_docs_examples.py).

A block says what it needs in its first line, a comment that readers see too:

    # needs: the pandas extra
    # needs: the download extra, and the release zips at $SINO_RUSSIAN_PATROLS_BASE_URL
    # needs: the build extra, the package index (the wheel's build fetches hatchling), in a
    #   source checkout

A block without that line runs on the base install, offline, in an empty folder. The
package index is the real one (only `release` needs it, to build the wheel in isolation); the
release zips are served on 127.0.0.1. The kind of a
block comes from its language and its lines; a block that cannot be given one, or whose needs
cannot be read, raises Unclassified, so that a new block can never be skipped unseen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sino_russian_patrols.extras import EXTRAS

ROOT = Path(__file__).resolve().parents[1]
Kind = Literal["python", "shell", "sql", "pip", "make", "r", "mermaid"]
SHELLS = ("sh", "shell", "bash", "console")
R_DOCUMENT = "docs/r.md"  # its one R block is run by tests/test_r.py
BASE_URL_ENV = "SINO_RUSSIAN_PATROLS_BASE_URL"


class Unclassified(Exception):
    """A block the tests cannot run or check: its message says which and why."""


@dataclass(frozen=True)
class Block:
    document: str  # the Markdown file, relative to the project
    line: int  # the line of its opening fence, 1-based
    language: str  # the first word after the fence, lowercased ('' for none)
    text: str  # its lines, each ending in a newline

    @property
    def where(self) -> str:
        return f"{self.document}:{self.line}"


@dataclass(frozen=True)
class Needs:
    """What a block needs: extras installed, the release zips served, the package index, a
    source checkout."""

    extras: frozenset[str] = frozenset()
    network: bool = False
    checkout: bool = False
    index: bool = False


def documents(root: Path = ROOT) -> list[Path]:
    """The Markdown files whose blocks the tests run: README.md and every file of docs/."""
    return [root / "README.md", *sorted((root / "docs").glob("*.md"))]


_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


def blocks(text: str, document: str) -> list[Block]:
    """The fenced code blocks of Markdown `text`, in order (CommonMark's fences: three or
    more backticks or tildes, closed by at least as many of the same)."""
    found: list[Block] = []
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i].rstrip("\n"))
        if opening is None:
            i += 1
            continue
        fence = opening["fence"]
        closing = re.compile(rf"^ {{0,3}}{fence[0]}{{{len(fence)},}}\s*$")
        end = next((j for j in range(i + 1, len(lines)) if closing.match(lines[j])), None)
        if end is None:
            raise Unclassified(f"{document}:{i + 1}: a code block that is never closed")
        info = opening["info"].strip().split()
        language = info[0].lower() if info else ""
        found.append(Block(document, i + 1, language, "".join(lines[i + 1 : end])))
        i = end + 1
    return found


def all_blocks(root: Path = ROOT) -> list[Block]:
    return [
        block
        for path in documents(root)
        for block in blocks(path.read_text(encoding="utf-8"), path.relative_to(root).as_posix())
    ]


_NEEDS = re.compile(r"^(?:#|--)\s*needs:\s*(?P<items>.*\S)\s*$")
_EXTRA = re.compile(r"\b([a-z]+)(?: and ([a-z]+))? extras?\b")


def needs(block: Block) -> Needs:
    """What the block's first line says it needs (nothing: the base install, offline)."""
    first = block.text.split("\n", 1)[0]
    declared = _NEEDS.match(first)
    if declared is None:
        if re.match(r"^(?:#|--)\s*needs\b", first):
            raise Unclassified(f"{block.where}: write the needs as '# needs: ...', not {first!r}")
        return Needs()
    extras: set[str] = set()
    network = checkout = index = False
    for item in _items(declared["items"]):
        named = {name for pair in _EXTRA.findall(item) for name in pair if name}
        unknown = sorted(named - set(EXTRAS))
        if unknown:
            raise Unclassified(
                f"{block.where}: no extra is called {', '.join(unknown)}; the extras are "
                f"{', '.join(EXTRAS)}"
            )
        extras |= named
        network |= f"${BASE_URL_ENV}" in item
        checkout |= "source checkout" in item
        index |= "package index" in item
        if not named and not any(
            word in item for word in (f"${BASE_URL_ENV}", "source checkout", "package index")
        ):
            raise Unclassified(
                f"{block.where}: cannot read the need {item!r}: a need is 'the X extra' (or 'the "
                f"X and Y extras'), 'the release zips at ${BASE_URL_ENV}', 'the package index' "
                "or 'in a source checkout'"
            )
    return Needs(frozenset(extras), network, checkout, index)


def _items(text: str) -> list[str]:
    """`text` split at its commas outside parentheses."""
    items, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            items.append(current.strip())
            current = ""
        else:
            current += char
    return [item for item in (*items, current.strip()) if item]


def commands(block: Block) -> list[str]:
    """The command lines of a shell block: continued lines joined, comment lines and blank
    lines left out."""
    joined = block.text.replace("\\\n", " ")
    return [s for s in (line.strip() for line in joined.splitlines()) if s and s[0] != "#"]


def kind(block: Block) -> Kind:
    """How the tests take the block: run (python, shell, sql), check (pip, make: what they
    name must exist; the mermaid diagram against datapackage.json), or leave to
    tests/test_r.py (the R block of docs/r.md)."""
    language = block.language
    if language in ("python", "py"):
        return "python"
    if language == "sql":
        return "sql"
    if language == "r":
        if block.document != R_DOCUMENT:
            raise Unclassified(
                f"{block.where}: an R block outside {R_DOCUMENT}; tests/test_r.py runs only "
                "that one"
            )
        return "r"
    if language == "mermaid":
        return "mermaid"
    if language in SHELLS:
        lines = commands(block)
        if not lines:
            raise Unclassified(f"{block.where}: a shell block without a command")
        for word, name in (("pip install ", "pip"), ("make ", "make")):
            if any(line.startswith(word) for line in lines):
                if not all(line.startswith(word) for line in lines):
                    raise Unclassified(
                        f"{block.where}: `{word.strip()}` lines are checked, not run; keep "
                        "them in a block of their own, apart from the commands that run"
                    )
                return name  # type: ignore[return-value]
        return "shell"
    shown = f"```{language}" if language else "a block without a language"
    raise Unclassified(
        f"{block.where}: {shown}: the tests run python, sh, sql and r blocks and check "
        "mermaid ones; give the block one of these languages"
    )
