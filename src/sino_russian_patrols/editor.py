"""Add an article to the build inputs: archive it, record it, and draft its annotation.

`add_article` copies the file byte for byte into `build/articles/` under a new source id,
appends its entry (sha256, bytes, received date, origin, archive record) to the manifest,
and writes a draft annotation. It refuses what cannot be a new article (missing, not a
regular file, empty, not UTF-8, already archived) and changes nothing then; if drafting
fails, what it had written is removed again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .articles import body_end, control_character
from .errors import PatrolsError, SchemaError, shorten
from .files import NotARegularFile, read_regular
from .hashes import bytes_sha256, file_sha256
from .normalize import char_name
from .rules import legend
from .schema import check_schemas
from .yamlfile import MAX_TEXT


class AddArticleError(PatrolsError):
    """The article cannot be added; nothing was changed."""


@dataclass(frozen=True)
class Added:
    source_id: str
    article: Path
    annotation: Path
    review: list[str]


def _read_new_article(path: Path) -> bytes:
    try:
        raw = read_regular(path)
    except NotARegularFile as exc:
        raise AddArticleError(f"{path}: {exc}; give the article's own text file") from None
    if not raw.strip():
        raise AddArticleError(f"{path}: the file is empty")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise AddArticleError(
            f"{path}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "convert it to UTF-8 first"
        ) from None
    text = raw.decode("utf-8")
    if (control := control_character(text)) is not None:
        raise AddArticleError(
            f"{path}:{control[0]}: contains {control[1]}, a control character no article "
            "text holds; remove it first"
        )
    end = body_end(text)
    if end is not None and not text[:end].strip():
        raise AddArticleError(
            f"{path}: no article text before the page furniture line "
            f"{shorten(text[end:].splitlines()[0])!r}; archive the page's article text"
        )
    return raw


def _check_record(record: dict[str, str | None]) -> None:
    """The archive record's values as the manifest can hold them: one line of text each,
    no longer than a YAML value may be, and a url of the web (http or https)."""
    for key, value in record.items():
        if value is None:
            continue
        flag = f"--{key.replace('_', '-')}"
        if len(value) > MAX_TEXT:
            raise AddArticleError(f"{flag}: {len(value):,} characters (at most {MAX_TEXT:,})")
        if not value.isprintable():
            bad = next(c for c in value if not c.isprintable())
            raise AddArticleError(f"{flag} {shorten(repr(value))}: contains {char_name(bad)}")
    url = record.get("url")
    if url is not None and not re.fullmatch(r"https?://[^\s/]+\S*", url):
        raise AddArticleError(
            f"--url {shorten(repr(url))}: give the web address of the archived page (http or https)"
        )


def _existing(articles: Path) -> tuple[dict[str, str], int]:
    """sha256 → source id of every archived article, and the next free number."""
    digests, numbers = {}, [-1]
    for file in articles.glob("*.txt"):
        if m := re.fullmatch(r"([0-9]{3})_[0-9a-f]{16}", file.stem):
            numbers.append(int(m.group(1)))
            digests[file_sha256(file)] = file.stem
    return digests, max(numbers) + 1


def _manifest_entry(
    file: str,
    raw: bytes,
    origin: str,
    record: dict[str, str | None],
    today: dt.date,
    body_ends_before: str | None = None,
) -> str:
    def value(v: str | None) -> str:
        return "null" if v is None else json.dumps(v, ensure_ascii=False)

    lines = [
        f"- file: {file}",
        f"  sha256: {bytes_sha256(raw)}",
        f"  bytes: {len(raw)}",
        f"  received: {today.isoformat()}",
        f"  origin: {value(origin)}",
        "  archive:",
        *(f"    {key}: {value(record[key])}" for key in ("url", "title", "publisher", "page_date")),
    ]
    if body_ends_before is not None:
        lines.append(f"  body_ends_before: {value(body_ends_before)}   # proposed: confirm it")
    return "\n".join(lines) + "\n"


def add_article(
    root: Path,
    path: Path,
    /,
    *,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    page_date: str | None = None,
    today: dt.date | None = None,
) -> Added:
    """Archive `path` as a new source of the project at `root` and draft its annotation."""
    from .extras import require_extra

    require_extra("build", "add-article", "yaml", "pycountry")  # before anything is written
    from .draft import draft_annotation
    from .draft.body import furniture_line

    root = root.resolve()
    articles = root / "build" / "articles"
    manifest = articles / "manifest.yaml"
    if not manifest.is_file():
        raise AddArticleError(f"{root}: not a project folder (no build/articles/manifest.yaml)")
    _check_record({"url": url, "title": title, "publisher": publisher, "page_date": page_date})
    if page_date is not None:
        try:
            dt.date.fromisoformat(page_date)
        except ValueError:
            raise AddArticleError(f"--page-date {page_date!r}: give YYYY-MM-DD") from None
    try:  # the draft reads the vocabularies of schema/: a broken file is named before anything
        check_schemas(root / "schema")
    except SchemaError as exc:
        lines = "\n".join([*map(str, exc.problems), *legend(p.code for p in exc.problems)])
        raise AddArticleError(f"the project's schema/ is broken:\n{lines}") from None
    raw = _read_new_article(Path(path))
    digests, number = _existing(articles)
    sha = bytes_sha256(raw)
    if sha in digests:
        raise AddArticleError(
            f"{path}: already archived as {digests[sha]} (same sha256); nothing was added"
        )
    if number > 999:
        raise AddArticleError("the source numbers 000 to 999 are all used")
    source_id = f"{number:03d}_{sha[:16]}"
    target = articles / f"{source_id}.txt"
    annotation = root / "build" / "annotations" / f"{source_id}.yaml"
    record = {"url": url, "title": title, "publisher": publisher, "page_date": page_date}
    # page furniture below the body (a list of most-read stories) ends it
    furniture = furniture_line(raw.decode("utf-8"))
    entry = _manifest_entry(
        target.name,
        raw,
        f"added with add-article from {Path(path).name}",
        record,
        today or dt.date.today(),
        furniture,
    )
    before = manifest.read_bytes()
    # the registries, as they were: the draft writes new entries (events, ships, places) and
    # new spellings (of places, actors, exercise series) into them
    registries = sorted((root / "build" / "registries").glob("*.yaml"))
    registries_before = {r: r.read_bytes() for r in registries}
    try:
        target.write_bytes(raw)
        separator = b"" if before.endswith(b"\n\n") or not before else b"\n"
        manifest.write_bytes(before + separator + entry.encode("utf-8"))
        # what the registries do not know is written into them, to confirm
        text = draft_annotation(root, source_id, registry=True)
        tmp = annotation.with_suffix(".yaml.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, annotation)
    except BaseException:
        target.unlink(missing_ok=True)
        manifest.write_bytes(before)
        for registry, data in registries_before.items():
            registry.write_bytes(data)
        annotation.with_suffix(".yaml.tmp").unlink(missing_ok=True)
        raise
    review = [] if furniture is None else [f"the body ends before {furniture!r} (manifest)"]
    review += [
        line.strip().removeprefix("# ")
        for line in text.splitlines()
        if line.lstrip().startswith(("# proposals:", "# unsure:", "# registry entry"))
    ]
    return Added(source_id, target, annotation, review)
