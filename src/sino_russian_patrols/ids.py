"""The ids in use, for a data editor: events with their dates, types, sources and where each
is defined; actors, places and remarks with where they come from.

Read from the build inputs (`build/registries/`, `build/annotations/`) and, for dates and
sources, from the built tables, so that an editor can link a new report to an existing event
instead of inventing a duplicate id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from .errors import Problems
from .yamlfile import load_yaml

Kind = Literal["events", "actors", "places", "remarks"]
KINDS: tuple[Kind, ...] = get_args(Kind)


@dataclass(frozen=True)
class IdRow:
    id: str
    what: str
    where: str


def _registry(path: Path, label: str, problems: Problems) -> list[tuple[str, dict, int | None]]:
    data = load_yaml(path, problems)
    if not isinstance(data, list):
        return []
    return [(str(e.get("id")), e, getattr(e, "line", None)) for e in data if isinstance(e, dict)]


def _event_facts(root: Path) -> dict[str, tuple[str, str]]:
    """event id → (dates as built, sources that report it), from the committed tables."""
    import polars as pl

    parquet = root / "dataset" / "parquet"
    if not (parquet / "events.parquet").is_file():
        return {}
    events = pl.read_parquet(parquet / "events.parquet")
    facts = {}
    evidence = (
        pl.read_parquet(parquet / "evidence.parquet")
        .filter(pl.col("record_table") == "events")
        .group_by("record_id")
        .agg(pl.col("source_id").unique().sort())
    )
    sources = {r["record_id"]: r["source_id"] for r in evidence.iter_rows(named=True)}
    for r in events.iter_rows(named=True):
        start = r["start_date"].isoformat() if r["start_date"] else "?"
        end = r["end_date"].isoformat() if r["end_date"] else "?"
        when = start if start == end else f"{start}..{end}"
        facts[r["event_id"]] = (
            f"{when} ({r['date_precision']})",
            ", ".join(sources.get(r["event_id"], [])),
        )
    return facts


def list_ids(root: Path, kind: Kind, match: str | None = None, /) -> list[IdRow]:
    """The ids of one kind, optionally only those whose id or description contains `match`."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose one of: {', '.join(KINDS)}")
    problems = Problems()
    registries = root / "build" / "registries"
    rows: list[IdRow] = []
    if kind == "events":
        facts = _event_facts(root)
        for event_id, e, line in _registry(registries / "events.yaml", "event", problems):
            when, sources = facts.get(event_id, ("not built yet", ""))
            what = f"{e.get('type')} · {when} · sources: {sources or '-'} · {e.get('summary')}"
            rows.append(IdRow(event_id, what, f"build/registries/events.yaml:{line}"))
    elif kind in ("actors", "places"):
        for entry_id, e, line in _registry(registries / f"{kind}.yaml", kind, problems):
            aliases = ", ".join(map(str, e.get("aliases") or []))
            what = f"{e.get('type')} · {e.get('name')} · spellings: {aliases}"
            rows.append(IdRow(entry_id, what, f"build/registries/{kind}.yaml:{line}"))
    else:
        seen: dict[str, IdRow] = {}
        for path in sorted((root / "build" / "annotations").glob("*.yaml")):
            data = load_yaml(path, problems)
            if not isinstance(data, dict):
                continue
            for st in data.get("statements") or []:
                if not isinstance(st, dict) or not isinstance(st.get("remark"), str):
                    continue
                remark = st["remark"]
                where = f"build/annotations/{path.name}:{getattr(st, 'line', '?')}"
                if remark in seen:
                    old = seen[remark]
                    seen[remark] = IdRow(remark, old.what, f"{old.where}; {where}")
                else:
                    what = f"{st.get('speaker')} · {str(st.get('quote'))[:70]}"
                    seen[remark] = IdRow(remark, what, where)
        rows = list(seen.values())
    if match:
        needle = match.casefold()
        rows = [r for r in rows if needle in r.id.casefold() or needle in r.what.casefold()]
    return sorted(rows, key=lambda r: r.id)
