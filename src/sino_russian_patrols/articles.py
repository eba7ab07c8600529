"""Read the archived articles under `build/articles/`, exactly as received."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import Problems, shown
from .files import NotARegularFile, read_regular
from .hashes import bytes_sha256
from .normalize import char_name
from .yamlfile import load_yaml

SOURCE_ID_PATTERN = r"^[0-9]{3}_[0-9a-f]{16}$"

# Where an archived page stops being the article: the first line that opens the reader
# comments ("Comments / 12"), a link list ("Read more"), a newsletter box ("Sign up to
# receive ...") or the copyright line ("[Copyright The Jiji Press, Ltd.]"). Nothing from
# there on is annotated; a page this misses gets `body_ends_before` in the manifest.
END_OF_ARTICLE = re.compile(
    r"^(?:Comments\s*/\s*\d+|Read more|Sign up to receive|\[Copyright)", re.MULTILINE
)


@dataclass(frozen=True)
class ArchiveRecord:
    """What the stored web page gave besides the text: its address, the headline and the
    publisher it carried, and the date it carried (None where it carried none). These are
    facts about the page, not about the text, so they are kept apart from the quotes."""

    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    page_date: dt.date | None = None


@dataclass(frozen=True)
class Article:
    """One archived document: its id, file name, raw bytes, decoded text, archive record, and
    where its body ends (`body_end`, a code-point offset into `text` like every span; None
    when the whole text is the article). Quotes are taken only from the body."""

    source_id: str
    filename: str
    raw: bytes
    text: str
    archive: ArchiveRecord = ArchiveRecord()
    body_end: int | None = None
    received: dt.date | None = None

    @property
    def sha256(self) -> str:
        return bytes_sha256(self.raw)


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


# Control characters no text of a published page holds; tab, line feed, carriage return and
# form feed are layout. NUL ends a string in C readers of the tables, ESC drives terminals.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def control_character(text: str, /) -> tuple[int, str] | None:
    """The line and name of the first control character of `text` that is not layout, or
    None: an article holding one is refused, by the build and by add-article alike."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    return text.count("\n", 0, found.start()) + 1, char_name(found.group())


def body_end(text: str, /, before_line: str | None = None) -> int | None:
    """Where the article in `text` stops: the offset of the first line that `END_OF_ARTICLE`
    matches or, given `before_line`, of the first line that reads exactly `before_line`;
    None when no line does (the whole text is the article)."""
    if before_line is None:
        cut = END_OF_ARTICLE.search(text)
    else:
        cut = re.search(rf"^{re.escape(before_line)}\r?$", text, re.MULTILINE)
    return cut.start() if cut else None


def _body_end(
    item: dict[str, Any], article: Article, file: str, line: int | None, problems: Problems
) -> int | None:
    """The article's body end: by the shared rule, or by the entry's `body_ends_before` (the
    verbatim line the body ends before; null: the whole text is the article)."""
    if "body_ends_before" not in item:
        return article.body_end
    value = item["body_ends_before"]
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or "\n" in value:
        problems.add(
            file,
            line,
            "body_ends_before",
            f"{article.filename}: body_ends_before must be one line of the article copied "
            f"verbatim, or null (the whole text is the article), got {value!r}",
        )
        return article.body_end
    end = body_end(article.text, value)
    if end is None:
        problems.add(
            file,
            line,
            "body_ends_before",
            f"{article.filename}: body_ends_before {value!r} is not a whole line of the "
            "article; copy the first line of the comments or page furniture exactly",
        )
        return article.body_end
    return end


def read_article(path: Path, problems: Problems, /) -> Article | None:
    """Decode one article as strict UTF-8 (bytes, so that no newline is translated)."""
    try:
        raw = read_regular(path, within=path.parent.parent.parent)
    except NotARegularFile as exc:
        problems.add(
            str(path), None, "input_file", f"{exc}: an archived article is the file itself"
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(
            str(path),
            _line_of(raw, exc.start),
            "not_utf8",
            f"not UTF-8: byte 0x{raw[exc.start]:02x} at byte offset {exc.start} ({exc.reason}); "
            "convert the file to UTF-8 before adding it",
        )
        return None
    if (control := control_character(text)) is not None:
        problems.add(
            str(path),
            control[0],
            "control_character",
            f"contains {control[1]}, a control character no article text holds; archive the "
            "page's text without it",
        )
        return None
    if not text.strip():
        what = "empty (0 bytes)" if not raw else f"only whitespace ({len(raw)} bytes)"
        problems.add(
            str(path),
            None,
            "article_empty",
            f"the article is {what}: an archived article is the text of a published page; "
            "archive the page's text, or remove the file and its manifest entry",
        )
        return None
    return Article(path.stem, path.name, raw, text, body_end=body_end(text))


_ARCHIVE_KEYS = ("url", "title", "publisher", "page_date")


def _archive_record(
    item: dict[str, Any], file: str, line: int | None, problems: Problems
) -> ArchiveRecord:
    """Read the optional `archive:` mapping of a manifest entry."""
    raw = item.get("archive")
    if raw is None:
        return ArchiveRecord()
    if not isinstance(raw, dict):
        problems.add(
            file,
            line,
            "value_type",
            "`archive` must be a mapping of url, title, publisher, page_date",
        )
        return ArchiveRecord()
    unknown = sorted(set(raw) - set(_ARCHIVE_KEYS))
    if unknown:
        problems.add(
            file,
            line,
            "unknown_key",
            f"archive: unknown key {unknown[0]!r} (allowed: {', '.join(_ARCHIVE_KEYS)})",
        )
    values: dict[str, Any] = {}
    for key in _ARCHIVE_KEYS:
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            problems.add(
                file, line, "value_type", f"archive: `{key}` must be text or null, got {value!r}"
            )
            value = None
        values[key] = value
    if values["page_date"] is not None:
        try:
            values["page_date"] = dt.date.fromisoformat(values["page_date"])
        except ValueError:
            problems.add(
                file,
                line,
                "date_format",
                f"archive: page_date {values['page_date']!r} is not YYYY-MM-DD",
            )
            values["page_date"] = None
    return ArchiveRecord(**values)


def _received(
    item: dict[str, Any], article: Article, file: str, line: int | None, problems: Problems
) -> dt.date | None:
    """The entry's `received` date: a real date, not after today (a publication date after it
    is then caught by the build)."""
    value = item.get("received")
    if value is None:
        return None
    try:
        received = dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        received = None
    if received is None:
        problems.add(
            file,
            line,
            "date_format",
            f"{article.filename}: received {shown(value)} is not a YYYY-MM-DD date",
        )
        return None
    if received > dt.date.today():
        problems.add(file, line, "received_future", file=article.filename, value=value)
        return None
    return received


def read_articles(articles_dir: Path, problems: Problems, /) -> list[Article]:
    """Read every `*.txt` article and check it against `manifest.yaml` (name, sha256, bytes);
    each article's body end is found by the shared rule or the entry's `body_ends_before`."""
    manifest_path = articles_dir / "manifest.yaml"
    known = len(problems.items)
    manifest = load_yaml(manifest_path, problems)
    # a manifest that cannot be read lists nothing: one problem, not one per article
    unreadable = len(problems.items) > known
    entries = {}
    if manifest is not None:
        if not isinstance(manifest, list):
            problems.add(str(manifest_path), 1, "value_type", "expected a list of articles")
            unreadable = True
        else:
            for item in manifest:
                line = getattr(item, "line", None)
                if not isinstance(item, dict) or "file" not in item or "sha256" not in item:
                    problems.add(
                        str(manifest_path),
                        line,
                        "key_required",
                        "each entry needs `file` and `sha256`",
                    )
                    continue
                name = item["file"]
                if not isinstance(name, str) or not re.fullmatch(
                    SOURCE_ID_PATTERN[:-1] + r"\.txt$", name
                ):
                    problems.add(
                        str(manifest_path),
                        line,
                        "file_name",
                        f"`file` {shown(name)} must be the name of a file of build/articles/, "
                        "NNN_<16 hex digits>.txt (no folder, no path)",
                    )
                    continue
                if name in entries:
                    problems.add(
                        str(manifest_path),
                        line,
                        "manifest_duplicate",
                        name=name,
                        other=entries[name][1],
                    )
                    continue
                entries[name] = (item, line)
    articles = []
    for path in sorted(articles_dir.glob("*.txt")):
        if not re.fullmatch(SOURCE_ID_PATTERN, path.stem):
            problems.add(
                str(path),
                None,
                "file_name",
                "file name must be NNN_<16 hex digits>.txt (it is the source_id)",
            )
            continue
        article = read_article(path, problems)
        entry = entries.pop(path.name, None)
        if entry is None:
            if not unreadable:
                problems.add(
                    str(manifest_path),
                    None,
                    "manifest_listing",
                    f"{path.name} is not listed; add file, sha256 and bytes",
                )
        elif article is not None:
            item, line = entry
            if item["sha256"] != article.sha256:
                problems.add(
                    str(manifest_path),
                    line,
                    "manifest_digest",
                    f"{path.name}: sha256 is {article.sha256}, the manifest says {item['sha256']}; "
                    "archived articles are never edited",
                )
            size = item.get("bytes")
            if "bytes" in item and (not isinstance(size, int) or isinstance(size, bool)):
                problems.add(
                    str(manifest_path),
                    line,
                    "value_type",
                    f"{path.name}: `bytes` must be a whole number, got {shown(size)}",
                )
            elif "bytes" in item and size != len(article.raw):
                problems.add(
                    str(manifest_path),
                    line,
                    "manifest_digest",
                    f"{path.name}: {len(article.raw)} bytes, the manifest says {item['bytes']}",
                )
        if article is not None and entry is not None:
            item, line = entry
            record = _archive_record(item, str(manifest_path), line, problems)
            end = _body_end(item, article, str(manifest_path), line, problems)
            received = _received(item, article, str(manifest_path), line, problems)
            article = replace(article, archive=record, body_end=end, received=received)
            if end is not None and not article.text[:end].strip():
                problems.add(
                    str(path),
                    None,
                    "article_empty",
                    "no article text before the page furniture line "
                    f"{shown(article.text[end:].splitlines()[0])}; an archived article is the "
                    "text of a published page (or give `body_ends_before` in the manifest)",
                )
        if article is not None:
            twin = next((a for a in articles if a.raw == article.raw), None)
            if twin is not None:
                problems.add(
                    str(path),
                    None,
                    "article_twice",
                    f"the same text as {twin.filename} (sha256 {article.sha256}); an article "
                    "is archived once: annotate the other file, and remove this one and its "
                    "manifest entry",
                )
            articles.append(article)
    for name, (_, line) in sorted(entries.items()):
        problems.add(
            str(manifest_path),
            line,
            "manifest_listing",
            f"{name} is listed but there is no such file",
        )
    return articles
