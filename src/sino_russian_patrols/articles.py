"""Read the archived articles under `build/articles/`, exactly as received."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import Problems
from .yamlfile import load_yaml

SOURCE_ID_PATTERN = r"^[0-9]{3}_[0-9a-f]{16}$"


@dataclass(frozen=True)
class Article:
    """One archived document: its id, file name, raw bytes and decoded text."""

    source_id: str
    filename: str
    raw: bytes
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def read_article(path: Path, problems: Problems, /) -> Article | None:
    """Decode one article as strict UTF-8 (bytes, so that no newline is translated)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(
            str(path),
            _line_of(raw, exc.start),
            f"not UTF-8: byte 0x{raw[exc.start]:02x} at byte offset {exc.start} ({exc.reason}); "
            "convert the file to UTF-8 before adding it",
        )
        return None
    return Article(source_id=path.stem, filename=path.name, raw=raw, text=text)


def read_articles(articles_dir: Path, problems: Problems, /) -> list[Article]:
    """Read every `*.txt` article and check it against `manifest.yaml` (name, sha256, bytes)."""
    import re

    manifest_path = articles_dir / "manifest.yaml"
    manifest = load_yaml(manifest_path, problems)
    entries = {}
    if manifest is not None:
        if not isinstance(manifest, list):
            problems.add(str(manifest_path), 1, "expected a list of articles")
        else:
            for item in manifest:
                line = getattr(item, "line", None)
                if not isinstance(item, dict) or "file" not in item or "sha256" not in item:
                    problems.add(str(manifest_path), line, "each entry needs `file` and `sha256`")
                    continue
                entries[str(item["file"])] = (item, line)
    articles = []
    for path in sorted(articles_dir.glob("*.txt")):
        if not re.fullmatch(SOURCE_ID_PATTERN, path.stem):
            problems.add(
                str(path), None, "file name must be NNN_<16 hex digits>.txt (it is the source_id)"
            )
            continue
        article = read_article(path, problems)
        entry = entries.pop(path.name, None)
        if entry is None:
            problems.add(
                str(manifest_path), None, f"{path.name} is not listed; add file, sha256 and bytes"
            )
        elif article is not None:
            item, line = entry
            if item["sha256"] != article.sha256:
                problems.add(
                    str(manifest_path),
                    line,
                    f"{path.name}: sha256 is {article.sha256}, the manifest says {item['sha256']}; "
                    "archived articles are never edited",
                )
            if "bytes" in item and item["bytes"] != len(article.raw):
                problems.add(
                    str(manifest_path),
                    line,
                    f"{path.name}: {len(article.raw)} bytes, the manifest says {item['bytes']}",
                )
        if article is not None:
            articles.append(article)
    for name, (_, line) in sorted(entries.items()):
        problems.add(str(manifest_path), line, f"{name} is listed but there is no such file")
    return articles
