"""The reader of the annotation files: `build/annotations/<source_id>.yaml`, one an article.

A file has a `source:` section (`source`), the article's actor mentions (`actors:`) and one
list per section of items (`events`, and the claims of `claims`); `SECTIONS` says which
reader reads which. A wrong item is reported at its file and line and left out, so that one
run reports every problem.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import Problems
from ..yamlfile import load_yaml
from ..yamlreader import Reader, item_line, item_reader, read_quote
from .claims import (
    AIRCRAFT_KEYS,
    AIRSPACE_KEYS,
    NAME_KEYS,
    PARTICIPANT_KEYS,
    SEQUENCE_KEYS,
    SHIP_KEYS,
    STATEMENT_KEYS,
    read_aircraft,
    read_airspace,
    read_name,
    read_participant,
    read_sequence,
    read_ship,
    read_statement,
)
from .events import EVENT_KEYS, read_event
from .records import Annotation
from .source import read_source
from .values import Vocabularies

__all__ = ["SECTIONS", "Section", "read_annotation", "read_annotations"]


class Section(NamedTuple):
    """One list of an annotation file: how a problem names its items, the keys an item may
    have, and the reader of an item (given once its keys are checked)."""

    what: str
    keys: frozenset[str]
    read: Callable[[Reader, Vocabularies], Any]


# Each list of an annotation file, in the order they are read.
SECTIONS = {
    "events": Section("event", EVENT_KEYS, read_event),
    "aircraft": Section("aircraft claim", AIRCRAFT_KEYS, read_aircraft),
    "statements": Section("statement", STATEMENT_KEYS, read_statement),
    "sequence": Section("sequence claim", SEQUENCE_KEYS, read_sequence),
    "airspace": Section("airspace claim", AIRSPACE_KEYS, read_airspace),
    "ships": Section("ship claim", SHIP_KEYS, read_ship),
    "participants": Section("participant claim", PARTICIPANT_KEYS, read_participant),
    "names": Section("event name", NAME_KEYS, read_name),
}


def read_annotation(path: Path, problems: Problems, vocab: Vocabularies, /) -> Annotation | None:
    """Read one `annotations/<source_id>.yaml` file."""
    data = load_yaml(path, problems)
    if data is None:
        return None
    file = str(path)
    r = Reader(data, file, "annotation file", problems, 1)
    if not r.ok:
        return None
    r.check_keys({"source", "actors", *SECTIONS})
    if "source" not in r.data:
        problems.add(file, 1, "key_required", "annotation file: the `source:` section is required")
        return None
    annotation = Annotation(path.stem, file, read_source(r.data["source"], file, problems, vocab))
    mentions = r.get("actors", list) or []
    for i, item in enumerate(mentions):
        line = item_line(mentions, i, r.line_of("actors"))
        q = read_quote(item, file, problems, "actor mention", line)
        if q is not None:
            annotation.actors.append(q)
    for key, section in SECTIONS.items():
        target = getattr(annotation, key)
        for item in r.get(key, list) or []:
            reader = item_reader(item, file, section.what, problems, section.keys)
            record = None if reader is None else section.read(reader, vocab)
            if record is not None:
                target.append(record)
    return annotation


def read_annotations(
    annotations_dir: Path, problems: Problems, vocab: Vocabularies, /
) -> list[Annotation]:
    """Every `*.yaml` annotation; a file named like one but spelt otherwise (`.yml`, `.YAML`)
    would be passed over without a word, so it is refused."""
    for path in sorted(annotations_dir.glob("*")):
        if path.suffix != ".yaml" and path.suffix.lower() in (".yaml", ".yml"):
            problems.add(
                str(path),
                None,
                "file_name",
                "annotation files end in `.yaml`: rename it, or it is not read",
            )
    return [
        a
        for path in sorted(annotations_dir.glob("*.yaml"))
        if (a := read_annotation(path, problems, vocab)) is not None
    ]
