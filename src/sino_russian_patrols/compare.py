"""Compare two data packages table by table, row by row, by primary key.

Rows are matched on the primary key of the NEW package's Table Schema, so an edited row
shows up as changed (with the columns that changed) rather than as removed and added.
Tables are read from Parquet when the descriptor names a Parquet file, else from the CSV,
typed by the package's own schema.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from .package import read_descriptor, read_table

_NEW = "__new"
MAX_LISTED = 50


@dataclass
class ChangedRow:
    key: dict[str, Any]
    columns: dict[str, dict[str, Any]]  # column -> {"old": value, "new": value}


@dataclass
class TableDiff:
    table: str
    status: str  # "added" | "removed" | "changed" | "unchanged" | "incomparable"
    primary_key: list[str]
    rows_old: int = 0
    rows_new: int = 0
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[ChangedRow] = field(default_factory=list)
    changed_columns: list[str] = field(default_factory=list)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    note: str | None = None


@dataclass
class PackageDiff:
    old: dict[str, Any]
    new: dict[str, Any]
    tables: list[TableDiff]

    @property
    def identical(self) -> bool:
        return all(t.status == "unchanged" for t in self.tables)

    def json(self) -> str:
        body = {
            "old": self.old,
            "new": self.new,
            "identical": self.identical,
            "tables": {
                t.table: {k: v for k, v in asdict(t).items() if k != "table"} for t in self.tables
            },
        }
        return json.dumps(body, indent=2, ensure_ascii=False, default=str)

    def text(self) -> str:
        lines = [
            f"old: {self.old['path']} (version {self.old['version']})",
            f"new: {self.new['path']} (version {self.new['version']})",
        ]
        for t in self.tables:
            lines.append(_table_line(t))
            for key in t.added[:MAX_LISTED]:
                lines.append(f"  + {_key_text(key)}")
            for key in t.removed[:MAX_LISTED]:
                lines.append(f"  - {_key_text(key)}")
            for row in t.changed[:MAX_LISTED]:
                lines.append(f"  ~ {_key_text(row.key)}: {', '.join(row.columns)}")
            hidden = sum(max(0, len(x) - MAX_LISTED) for x in (t.added, t.removed, t.changed))
            if hidden:
                lines.append(f"  ... and {hidden} more (see --format json)")
        lines.append("identical" if self.identical else "packages differ")
        return "\n".join(lines)


def _key_text(key: dict[str, Any]) -> str:
    return "/".join(str(v) for v in key.values())


def _table_line(t: TableDiff) -> str:
    if t.status in ("added", "removed"):
        rows = t.rows_new if t.status == "added" else t.rows_old
        return f"{t.table}: table {t.status} ({rows} rows)"
    if t.status == "incomparable":
        return f"{t.table}: not compared: {t.note}"
    parts = [f"+{len(t.added)} added", f"-{len(t.removed)} removed", f"~{len(t.changed)} changed"]
    if t.status == "unchanged":
        line = f"{t.table}: unchanged ({t.rows_new} rows)"
    else:
        line = f"{t.table}: {', '.join(parts)} ({t.rows_old} -> {t.rows_new} rows)"
    if t.changed_columns:
        line += f" (columns: {', '.join(t.changed_columns)})"
    if t.columns_added:
        line += f"; new columns: {', '.join(t.columns_added)}"
    if t.columns_removed:
        line += f"; dropped columns: {', '.join(t.columns_removed)}"
    return line


@dataclass
class _Package:
    path: Path
    root: Path
    descriptor: dict[str, Any]

    @property
    def resources(self) -> dict[str, dict[str, Any]]:
        return {r["name"]: r for r in self.descriptor.get("resources", []) if "name" in r}


def _primary_key(resource: dict[str, Any]) -> list[str]:
    key = resource.get("schema", {}).get("primaryKey", [])
    return [key] if isinstance(key, str) else list(key)


def _open(path: Path | str) -> _Package:
    file, descriptor = read_descriptor(Path(path))  # UnreadablePackage names the file
    return _Package(file, file.parent, descriptor)


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _compare(name: str, old: pl.DataFrame, new: pl.DataFrame, key: list[str]) -> TableDiff:
    result = TableDiff(name, "unchanged", key, rows_old=old.height, rows_new=new.height)
    result.columns_added = [c for c in new.columns if c not in old.columns]
    result.columns_removed = [c for c in old.columns if c not in new.columns]
    missing = [c for c in key if c not in old.columns]
    if not key or missing:
        result.status = "incomparable"
        result.note = (
            "the new package gives this table no primary key"
            if not key
            else f"the old table lacks the key column(s) {', '.join(missing)}"
        )
        return result
    for label, frame in (("old", old), ("new", new)):
        dupes = frame.select(key).is_duplicated().sum()
        if dupes:
            result.status = "incomparable"
            result.note = f"{dupes} rows of the {label} table share a primary key; validate it"
            return result
    retyped = [pl.col(c).cast(pl.String) for c in key if old.schema[c] != new.schema[c]]
    old_k, new_k = old.with_columns(retyped), new.with_columns(retyped)
    result.added = _keys(new_k.join(old_k, on=key, how="anti"), key)
    result.removed = _keys(old_k.join(new_k, on=key, how="anti"), key)
    common = [c for c in new.columns if c in old.columns and c not in key]
    both = old_k.select(key + common).join(new_k.select(key + common), on=key, suffix=_NEW)
    differs: dict[str, pl.Expr] = {}
    for c in common:
        a, b = pl.col(c), pl.col(c + _NEW)
        if old.schema[c] != new.schema[c]:
            a, b = a.cast(pl.String), b.cast(pl.String)
        differs[c] = ~a.eq_missing(b)
    if differs:
        flagged = (
            both.with_columns(**{f"_d_{c}": e for c, e in differs.items()})
            .filter(pl.any_horizontal(f"_d_{c}" for c in differs))
            .sort(key)
        )
        for row in flagged.iter_rows(named=True):
            cols = {
                c: {"old": _plain(row[c]), "new": _plain(row[c + _NEW])}
                for c in common
                if row[f"_d_{c}"]
            }
            result.changed.append(ChangedRow({k: _plain(row[k]) for k in key}, cols))
        result.changed_columns = [c for c in common if flagged[f"_d_{c}"].any()]
    if (
        result.added
        or result.removed
        or result.changed
        or result.columns_added
        or result.columns_removed
    ):
        result.status = "changed"
    return result


def _keys(frame: pl.DataFrame, key: list[str]) -> list[dict[str, Any]]:
    return [
        {k: _plain(v) for k, v in row.items()}
        for row in frame.select(key).sort(key).iter_rows(named=True)
    ]


def _one_sided(name: str, package: _Package, /, *, added: bool) -> TableDiff:
    """A table only one package has: all its rows and columns added (`added`, in the new
    package) or removed (in the old), listed by primary key."""
    frame = read_table(package.root, package.resources[name])
    key = _primary_key(package.resources[name])
    keys = _keys(frame, key) if key else []
    if added:
        return TableDiff(
            name, "added", key, rows_new=frame.height, added=keys, columns_added=frame.columns
        )
    return TableDiff(
        name, "removed", key, rows_old=frame.height, removed=keys, columns_removed=frame.columns
    )


def diff_packages(old_path: Path | str, new_path: Path | str, /) -> PackageDiff:
    """Compare the packages at `old_path` and `new_path` (datapackage.json files or folders).

    Raises UnreadablePackage when either descriptor cannot be read. `diff` (the public
    function) also takes version numbers and release zips.
    """
    old, new = _open(old_path), _open(new_path)
    old_res, new_res = old.resources, new.resources
    names = list(new_res) + [n for n in old_res if n not in new_res]
    tables: list[TableDiff] = []
    for name in names:
        if name not in old_res or name not in new_res:
            tables.append(_one_sided(name, new if name in new_res else old, added=name in new_res))
            continue
        key = _primary_key(new_res[name])
        tables.append(
            _compare(
                name, read_table(old.root, old_res[name]), read_table(new.root, new_res[name]), key
            )
        )
    info = [{"path": str(p.path), "version": p.descriptor.get("version")} for p in (old, new)]
    return PackageDiff(info[0], info[1], tables)
