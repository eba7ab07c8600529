"""YAML reading that keeps line numbers, so every error can name its line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .errors import Problems
from .extras import require_extra
from .files import NotARegularFile, read_regular
from .normalize import char_name
from .rules import message

require_extra("build", "reading the YAML files of build/", "yaml")
import yaml  # noqa: E402 - after the check, so that a missing PyYAML names its extra


class Mapping(dict):
    """A YAML mapping that remembers the line it starts on and the line of each key, so that a
    wrong value is reported at its own line, not only at its item's."""

    line: int | None = None
    key_lines: dict[Any, int] = {}  # noqa: RUF012 - replaced per mapping, never mutated


class Sequence(list):
    """A YAML sequence that remembers the line of each item, so that a wrong item of a list
    (a quote among several) is reported at its own line."""

    item_lines: list[int] = []  # noqa: RUF012 - replaced per sequence, never mutated


_C_LOADER = hasattr(yaml, "CSafeLoader")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml: several times faster
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    keys = [loader.construct_object(k, deep=True) for k, _ in node.value]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise yaml.constructor.ConstructorError(
            None, None, f"duplicate key {sorted(map(str, duplicates))[0]!r}", node.start_mark
        )
    mapping = Mapping(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {
        k: n.start_mark.line + 1 for k, (n, _) in zip(keys, node.value, strict=True)
    }
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> Sequence:
    items = Sequence(loader.construct_sequence(node, deep=True))
    items.item_lines = [item.start_mark.line + 1 for item in node.value]
    return items


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> str:
    """Keep dates as text: the build parses them itself and reports bad ones with the line."""
    return loader.construct_scalar(node)


# No value of the dataset needs more digits; a longer number is refused at its line rather
# than converted (Python refuses to convert an integer of more than 4,300 digits).
MAX_DIGITS = 30


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    digits = sum(c.isdigit() for c in loader.construct_scalar(node))
    if digits > MAX_DIGITS:
        raise yaml.constructor.ConstructorError(
            None, None, f"a number of {digits:,} digits (at most {MAX_DIGITS})", node.start_mark
        )
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


MAX_DEPTH = 40
# Cheap signs that a text may hold an anchor, an alias or deep nesting; only then are its
# parse events read to be sure (a plain build input has none of them).
_SUSPECT = re.compile(r"[&*][\w-]|[\[{]{8,}|^[ \t]{80,}\S", re.MULTILINE)


def _refused(text: str) -> tuple[int | None, str, str] | None:
    """An anchor or alias (an alias bomb of a few hundred bytes expands to gigabytes), or
    nesting deeper than MAX_DEPTH: the line, the rule and the reason, before anything is
    built."""
    if not _SUSPECT.search(text):
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return (
                    line,
                    "yaml_alias",
                    (
                        "YAML anchors and aliases (&name, *name) are not allowed in build inputs: "
                        "write each value out"
                    ),
                )
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return (
                        line,
                        "yaml_depth",
                        f"nested deeper than {MAX_DEPTH} levels; a build input is flat",
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # the load below reports the syntax error with its line
    return None


# The longest value of the build inputs (a note, a statement) is a few hundred characters.
MAX_TEXT = 10_000
# What an escape in a double-quoted string ("\\0", "\\e", "\\x07") can put in a value although
# the file itself holds no such character: refused like a raw one. Tab and newline are layout.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _value_problem(data: Any, line: int | None) -> tuple[int | None, str, str] | None:
    """The first text (key or value) that holds a control character or is longer than
    MAX_TEXT: the line of the mapping it is in, the rule and the message."""
    line = getattr(data, "line", line)
    if isinstance(data, str):
        if (found := _CONTROL_CHARS.search(data)) is not None:
            return (
                line,
                "control_character",
                (
                    f"{char_name(found.group())} (written as an escape) is not allowed in a value; "
                    "remove it"
                ),
            )
        if len(data) > MAX_TEXT:
            return (
                line,
                "value_too_long",
                message("value_too_long", length=len(data), limit=MAX_TEXT),
            )
        return None
    items = list(data.items()) if isinstance(data, dict) else data if isinstance(data, list) else []
    for item in items:
        for part in item if isinstance(data, dict) else (item,):
            if (found := _value_problem(part, line)) is not None:
                return found
    return None


def load_yaml(path: Path, problems: Problems, /) -> Any:
    """Parse a YAML file; on a syntax error record it with its line and return None."""
    try:
        raw = read_regular(path)
        text = raw.decode("utf-8")
    except NotARegularFile as exc:
        problems.add(str(path), None, "input_file", str(exc))
        return None
    except UnicodeDecodeError as exc:
        problems.add(str(path), None, "not_utf8", reason=exc.reason, start=exc.start)
        return None
    refused = _refused(text)
    if refused is not None:
        problems.add(str(path), *refused)
        return None
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: say which
        # libyaml counts the position in bytes, the Python reader in characters
        newlines = (
            raw.count(b"\n", 0, exc.position) if _C_LOADER else text.count("\n", 0, exc.position)
        )
        line = newlines + 1
        name = char_name(chr(exc.character)) if isinstance(exc.character, int) else "a character"
        problems.add(
            str(path), line, "control_character", f"{name} is not allowed in YAML; remove it"
        )
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problems.add(str(path), line, "yaml_syntax", detail=exc.problem or exc)
        return None
    except yaml.YAMLError as exc:
        problems.add(str(path), None, "yaml_syntax", f"YAML error: {exc}")
        return None
    if (found := _value_problem(data, 1)) is not None:
        problems.add(str(path), *found)
        return None
    return data
