"""YAML reading that keeps line numbers, so every error can name its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Problems


class Mapping(dict):
    """A YAML mapping that remembers the line it starts on."""

    line: int | None = None


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
    return mapping


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> str:
    """Keep dates as text: the build parses them itself and reports bad ones with the line."""
    return loader.construct_scalar(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(path: Path, problems: Problems, /) -> Any:
    """Parse a YAML file; on a syntax error record it with its line and return None."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        problems.add(str(path), None, "file not found")
        return None
    except UnicodeDecodeError as exc:
        problems.add(str(path), None, f"not UTF-8 ({exc.reason} at byte {exc.start})")
        return None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problems.add(str(path), line, f"YAML syntax error: {exc.problem or exc}")
        return None
    except yaml.YAMLError as exc:
        problems.add(str(path), None, f"YAML error: {exc}")
        return None
