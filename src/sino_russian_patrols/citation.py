"""How to cite the dataset: CITATION.cff as BibTeX, APA or the file itself.

CITATION.cff ships in the wheel (as `data/CITATION.cff`) so that an installed package cites
the version it holds. It is YAML, but pyyaml is an optional extra: `read_cff` reads the part
of YAML a citation file uses (top-level keys with plain, quoted or folded values, lists of
values and lists of flat mappings) and names the line of anything else, so citing needs no
dependency. The tests compare it with pyyaml on the shipped file.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any, Literal

CitationFormat = Literal["bibtex", "apa", "cff"]
FORMATS: tuple[CitationFormat, ...] = ("bibtex", "apa", "cff")
CFF_FILE = "CITATION.cff"
_KEY = re.compile(r"([A-Za-z][\w-]*):(?:\s+(.*))?$")


def citation_text() -> str:
    """The text of CITATION.cff: the installed package's copy, else the source checkout's."""
    shipped = resources.files("sino_russian_patrols") / "data" / CFF_FILE
    if shipped.is_file():
        return shipped.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parents[2] / CFF_FILE
    try:
        return checkout.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{CFF_FILE} is missing from this installation; reinstall the package "
            "(pip install --force-reinstall sino-russian-patrols)"
        ) from None


def _scalar(text: str, where: str) -> str:
    """A plain or quoted YAML scalar as text (a citation's values are all read as text)."""
    text = text.strip()
    if text.startswith('"'):
        try:
            return str(json.loads(text))
        except json.JSONDecodeError:
            raise ValueError(f"{where}: a double-quoted value must close on its line") from None
    if text.startswith("'"):
        if len(text) < 2 or not text.endswith("'"):
            raise ValueError(f"{where}: a single-quoted value must close on its line")
        return text[1:-1].replace("''", "'")
    if text[:1] in ("[", "{", "&", "*", "!", "|", ">"):
        raise ValueError(f"{where}: {text[:1]!r} values are not supported in {CFF_FILE}")
    return re.sub(r"\s+#.*$", "", text)


def _block(lines: list[str], start: int, style: str) -> tuple[str, int]:
    """A folded (>) or literal (|) block scalar from line `start`; the text and the next line."""
    body: list[str] = []
    i = start
    while i < len(lines) and (not lines[i].strip() or lines[i].startswith(" ")):
        body.append(lines[i].strip())
        i += 1
    while body and not body[-1]:
        body.pop()
    if style.startswith("|"):
        text = "\n".join(body)
    else:  # folded: lines join with spaces, an empty line is a line break
        text = "\n".join(" ".join(part.split("\n")) for part in "\n".join(body).split("\n\n"))
    return text + ("" if style.endswith("-") else "\n"), i


def read_cff(text: str, /, where: str = CFF_FILE) -> dict[str, Any]:
    """The top-level fields of a citation file; every value is text, a list of text or a
    list of mappings of text. Anything else is refused, naming its line."""
    lines = text.splitlines()
    fields: dict[str, Any] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        at = f"{where}:{i}"
        match = _KEY.match(line)
        if line.startswith(" ") or match is None:
            raise ValueError(f"{at}: expected a top-level `key: value`, got {line.strip()!r}")
        key, value = match[1], (match[2] or "").strip()
        if value[:1] in (">", "|"):
            fields[key], i = _block(lines, i, value)
        elif value:
            fields[key] = _scalar(value, at)
        else:
            fields[key], i = _items(lines, i, where)
    return fields


def _items(lines: list[str], i: int, where: str) -> tuple[list[Any], int]:
    """The indented `- value` or `- key: value` items from line `i`, and the next line."""
    items: list[Any] = []
    while i < len(lines) and (not lines[i].strip() or lines[i].startswith(" ")):
        stripped = lines[i].strip()
        at = f"{where}:{i + 1}"
        i += 1
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("- "):
            entry = stripped[2:].strip()
            match = _KEY.match(entry)
            if match is None:
                items.append(_scalar(entry, at))
                continue
            items.append({match[1]: _scalar(match[2] or "", at)})
        elif (match := _KEY.match(stripped)) and items and isinstance(items[-1], dict):
            items[-1][match[1]] = _scalar(match[2] or "", at)
        else:
            raise ValueError(f"{at}: expected a list item `- ...`, got {stripped!r}")
    return items, i


def _people(fields: dict[str, Any]) -> list[dict[str, str]]:
    return [a for a in fields.get("authors", []) if isinstance(a, dict)]


def _bibtex_name(author: dict[str, str]) -> str:
    if "family-names" in author:
        given = author.get("given-names", "")
        return f"{author['family-names']}, {given}".rstrip(", ")
    return "{" + author.get("name", "") + "}"  # a team: braces keep it one name


def _apa_name(author: dict[str, str]) -> str:
    if "family-names" in author:
        initials = " ".join(f"{g[0]}." for g in author.get("given-names", "").split() if g)
        return f"{author['family-names']}, {initials}".rstrip(", ")
    return author.get("name", "")


def _link(fields: dict[str, Any]) -> str | None:
    if fields.get("doi"):
        return f"https://doi.org/{fields['doi']}"
    return fields.get("url") or fields.get("repository-code")


def bibtex(fields: dict[str, Any], /) -> str:
    """A BibTeX entry (@misc, with biblatex's `version`) for the citation `fields`."""
    version = fields.get("version", "")
    entry = {
        "author": " and ".join(_bibtex_name(a) for a in _people(fields)),
        "title": "{" + fields.get("title", "") + "}",
        "year": str(fields.get("date-released", ""))[:4],
        "version": version,
        "note": f"Dataset, version {version}" if version else "Dataset",
        "doi": fields.get("doi"),
        "url": _link(fields) if not fields.get("doi") else None,
    }
    key = "sino_russian_patrols_" + re.sub(r"\W", "_", version)
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in entry.items() if v)
    return f"@misc{{{key},\n{body}\n}}\n"


def apa(fields: dict[str, Any], /) -> str:
    """An APA 7 reference for a data set, as plain text."""
    names = [_apa_name(a) for a in _people(fields)]
    authors = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
    year = str(fields.get("date-released", ""))[:4] or "n.d."
    version = f" (Version {fields['version']})" if fields.get("version") else ""
    text = f"{authors}. ({year}). {fields.get('title', '')}{version} [Data set]."
    link = _link(fields)
    return text + (f" {link}" if link else "") + "\n"


def cite(format: CitationFormat = "bibtex") -> str:
    """How to cite the installed version: "bibtex", "apa" or "cff" (CITATION.cff itself)."""
    if format not in FORMATS:
        raise ValueError(f"unknown citation format {format!r}; choose one of: {', '.join(FORMATS)}")
    text = citation_text()
    if format == "cff":
        return text
    fields = read_cff(text)
    return bibtex(fields) if format == "bibtex" else apa(fields)
