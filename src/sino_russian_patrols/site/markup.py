"""The HTML of the evidence browser: escaping, links, the page frame and date wording.

Every page is built from these strings, so that escaping happens in one place (the stdlib
`html.escape`, quotes included) and every page has the same frame: lang, viewport, one h1,
a skip link and the same navigation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from html import escape

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_NOT_ID = re.compile(r"[^A-Za-z0-9_-]+")


def esc(value: object) -> str:
    """Text safe in an element or a quoted attribute."""
    return escape("" if value is None else str(value), quote=True)


def anchor_id(*parts: object) -> str:
    """An id (and #fragment) made of `parts`: characters other than letters, digits, `_`
    and `-` become `-`, so that composite keys (`a/b/1`) are usable in a URL unquoted."""
    return _NOT_ID.sub("-", "-".join(str(p) for p in parts)).strip("-")


def link(href: str, text: str, /, **attributes: str) -> str:
    """An <a> with escaped text; `attributes` (class_ for class) are escaped too."""
    extra = "".join(f' {k.rstrip("_")}="{esc(v)}"' for k, v in sorted(attributes.items()))
    return f'<a href="{esc(href)}"{extra}>{esc(text)}</a>'


def label(value: str | None) -> str:
    """A vocabulary value as words: `joint_air_patrol` -> `joint air patrol`."""
    return "" if value is None else value.replace("_", " ")


def date_text(day: dt.date | None, /) -> str:
    return "" if day is None else f"{day.day} {day:%B} {day.year}"


def date_range(start: dt.date | None, end: dt.date | None, precision: str | None) -> str:
    """A date as a reader says it, at its precision: 30 November 2022, 6–7 June 2023,
    May 2022, 2019; `on or before 30 November 2024` or `on or after 7 August 2025` with one
    bound only; `between 1 and 27 August 2025` for other spans; `date unknown` without any."""
    if start is None and end is None:
        return "date unknown"
    if start is None:
        return f"on or before {date_text(end)}"
    if end is None:
        return f"on or after {date_text(start)}"
    if precision == "unknown":
        if (start.year, start.month) == (end.year, end.month):
            return f"between {start.day} and {end.day} {end:%B} {end.year}"
        return f"between {date_text(start)} and {date_text(end)}"
    if precision == "year":
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if precision == "month":
        if (start.year, start.month) == (end.year, end.month):
            return f"{start:%B} {start.year}"
        return f"{start:%B} {start.year} – {end:%B} {end.year}"
    if start == end:
        return date_text(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B} {end.year}"
    return f"{date_text(start)} – {date_text(end)}"


def row_dates(row: dict, /) -> str:
    """The dates of an event or a date claim (its `start_date`, `end_date` and
    `date_precision`) as `date_range` words them."""
    return date_range(row["start_date"], row["end_date"], row["date_precision"])


def definitions(pairs: Iterable[tuple[str, str]], /) -> str:
    """A <dl> of (term, HTML) pairs; pairs whose HTML is empty are left out."""
    items = "".join(f"<dt>{esc(t)}</dt><dd>{d}</dd>" for t, d in pairs if d)
    return f'<dl class="facts">{items}</dl>' if items else ""


def table(caption: str, head: list[str], rows: list[list[str]], /, cls: str = "") -> str:
    """A table in a scrolling wrapper (phones); cells are HTML, headers text."""
    if not rows:
        return ""
    ths = "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    klass = f' class="{esc(cls)}"' if cls else ""
    return (
        f'<div class="scroll" role="region" aria-label="{esc(caption)}" tabindex="0">'
        f"<table{klass}><caption>{esc(caption)}</caption><thead><tr>{ths}</tr></thead>"
        f"<tbody>{body}</tbody></table></div>"
    )


NAV = (
    ("index.html", "Events"),
    ("sources/index.html", "Sources"),
    ("actors/index.html", "Actors"),
    ("places/index.html", "Places"),
    ("codebook.html", "Codebook"),
    ("datacard.html", "Data card"),
)


def page(title: str, body: str, /, *, depth: int, version: str, script: bool = False) -> str:
    """A whole page: `body` holds the page's one h1. `depth` is how many folders below the
    site's root the page lies, so that every link is relative and the site works from a
    file:// URL or a zip unpacked anywhere."""
    up = "../" * depth
    nav = "".join(f"<li>{link(up + href, text)}</li>" for href, text in NAV)
    js = f'<script src="{up}filter.js" defer></script>' if script else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} · Sino-Russian Joint Patrols {esc(version)}</title>\n"
        f'<link rel="stylesheet" href="{up}style.css">{js}\n</head>\n<body>\n'
        '<a class="skip" href="#main">Skip to content</a>\n'
        f'<header><p class="brand">{link(up + "index.html", "Sino-Russian Joint Patrols")} '
        f'<span class="version">{esc(version)}</span></p>'
        f'<nav aria-label="Site"><ul>{nav}</ul></nav></header>\n'
        f'<main id="main">\n{body}\n</main>\n'
        "<footer><p>Every claim links to the words of the archived article it rests on. "
        "Data: CC BY 4.0.</p></footer>\n</body>\n</html>\n"
    )
