"""The codebook and the data card as pages: a small Markdown reader for what those two
files use (headings, paragraphs, lists, tables, fenced code, `code`, **bold** and links).

Links to a heading of the same page are kept when the heading exists, web links are kept,
and links to other files of the repository become plain text (they are not in the site).
When the package has no docs/ folder (an installed wheel), the codebook is rendered from
the descriptor by the same code the build uses, and the data card page says where it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from .markup import esc, page
from .model import Rows

_INLINE = re.compile(r"`([^`]*)`|\[([^\]]+)\]\(([^)\s]+)\)|\*\*(.+?)\*\*")
_SLUG_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


def slug(heading: str, /) -> str:
    """A heading's anchor as GitHub makes it (so that the files' own links keep working)."""
    return _SLUG_DROP.sub("", heading.strip().lower()).replace(" ", "-")


def _inline(text: str, ids: set[str]) -> str:
    out: list[str] = []
    last = 0
    for m in _INLINE.finditer(text):
        out.append(esc(text[last : m.start()]))
        code, words, target, strong = m.groups()
        if code is not None:
            out.append(f"<code>{esc(code)}</code>")
        elif strong is not None:
            out.append(f"<strong>{_inline(strong, ids)}</strong>")
        elif (target.startswith("#") and target[1:] in ids) or target.startswith(
            ("https://", "http://")
        ):
            out.append(f'<a href="{esc(target)}">{_inline(words, ids)}</a>')
        else:
            out.append(_inline(words, ids))
        last = m.end()
    out.append(esc(text[last:]))
    return "".join(out)


def _cells(line: str) -> list[str]:
    inner = line.strip().removeprefix("|").removesuffix("|")
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]


def _headings(lines: list[str]) -> list[tuple[int, int, str, str]]:
    """(line number, level, text, id) of every heading outside code, levels made to step
    down one at a time, one h1."""
    found: list[tuple[int, int, str, str]] = []
    used: dict[str, int] = {}
    fenced = False
    previous = 0
    for n, line in enumerate(lines):
        if line.startswith("```"):
            fenced = not fenced
        m = None if fenced else re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            level = min(len(m[1]), previous + 1) if found else 1
            level = max(level, 2) if found else 1
            ident = slug(m[2])
            if ident in used:
                used[ident] += 1
                ident = f"{ident}-{used[ident]}"
            else:
                used[ident] = 0
            found.append((n, level, m[2].strip(), ident))
            previous = level
    return found


def markdown(text: str, /) -> tuple[str, str]:
    """(title, HTML) of a Markdown document: the title is its first heading."""
    lines = text.splitlines()
    heads = {n: (level, words, ident) for n, level, words, ident in _headings(lines)}
    ids = {ident for _, _, ident in heads.values()}
    title = next(iter(heads.values()))[1] if heads else "Document"
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            out.append(f"<pre><code>{esc(chr(10).join(lines[i + 1 : j]))}</code></pre>")
            i = j + 1
        elif i in heads:
            level, words, ident = heads[i]
            out.append(f'<h{level} id="{esc(ident)}">{_inline(words, ids)}</h{level}>')
            i += 1
        elif line.startswith("|"):
            j = i
            while j < len(lines) and lines[j].startswith("|"):
                j += 1
            head, *rest = [_cells(x) for x in lines[i:j]]
            rows = [r for r in rest if not all(re.fullmatch(r":?-{3,}:?", c) for c in r)]
            ths = "".join(f'<th scope="col">{_inline(c, ids)}</th>' for c in head)
            trs = "".join(
                "<tr>" + "".join(f"<td>{_inline(c, ids)}</td>" for c in r) + "</tr>" for r in rows
            )
            out.append(
                f'<div class="scroll" tabindex="0" role="region" aria-label="table">'
                f"<table><thead><tr>{ths}</tr></thead><tbody>{trs}</tbody></table></div>"
            )
            i = j
        elif re.match(r"^\s*(- |\d+\. )", line):
            ordered = bool(re.match(r"^\s*\d+\. ", line))
            items: list[str] = []
            while i < len(lines) and lines[i].strip() and not lines[i].startswith(("|", "#")):
                m = re.match(r"^\s*(?:- |\d+\. )(.*)$", lines[i])
                if m:
                    items.append(m[1])
                else:
                    items[-1] += " " + lines[i].strip()
                i += 1
            tag = "ol" if ordered else "ul"
            lis = "".join(f"<li>{_inline(x, ids)}</li>" for x in items)
            out.append(f"<{tag}>{lis}</{tag}>")
        elif line.strip():
            j = i
            while (
                j < len(lines)
                and lines[j].strip()
                and j not in heads
                and not lines[j].startswith(("|", "```"))
                and not re.match(r"^\s*(- |\d+\. )", lines[j])
            ):
                j += 1
            out.append(f"<p>{_inline(' '.join(x.strip() for x in lines[i:j]), ids)}</p>")
            i = j
        else:
            i += 1
    return title, "\n".join(out)


def doc_pages(rows: Rows) -> dict[str, str]:
    """codebook.html and datacard.html from the package's docs/, or stand-ins without it."""
    pages: dict[str, str] = {}
    for name, file in (("codebook", "codebook.md"), ("datacard", "datacard.md")):
        path: Path = rows.root / "docs" / file
        if path.is_file():
            text = path.read_text(encoding="utf-8")
        elif name == "codebook":
            from ..codebook import render

            text = render(rows.descriptor)
        else:
            text = (
                "# Data card\n\nThe data card (docs/datacard.md) ships with the release zip "
                "and the source checkout; this package has no docs/ folder.\n"
            )
        title, body = markdown(text)
        pages[f"{name}.html"] = page(
            title, f'<div class="doc">{body}</div>', depth=0, version=rows.version
        )
    return pages
