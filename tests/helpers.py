"""Helpers that several test modules share, so that no test module imports another.

Release zips of the committed data; ways to break a copy of the shipped package and to read
the report of `validate` on it; a generated package that the property tests corrupt; and
what the rules' registry promises of a finding. Fixtures are in conftest.py.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from sino_russian_patrols import fetch
from sino_russian_patrols.cli import main
from sino_russian_patrols.package import read_tables
from sino_russian_patrols.release import EXTRA_FILES, write_data_zip
from sino_russian_patrols.rules import RULES, Rule
from sino_russian_patrols.schema import default_schema_dir
from sino_russian_patrols.validation import Finding, Report
from sino_russian_patrols.validation.report import MORE_ROWS
from sino_russian_patrols.write import write_csv, write_descriptor, write_parquet

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_DIR = default_schema_dir()

# Releases ------------------------------------------------------------------------------------

OTHER = "0.0.9"  # a version the package does not ship


def release_zip(folder: Path, version: str) -> Path:
    """A release zip of the committed data labelled `version`, written by the release code
    (what a download of another release fetches, for the tests of the API and the command)."""
    package = folder / f"package-{version}"
    shutil.copytree(ROOT / "dataset", package / "dataset")
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["version"] = version
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    for name in EXTRA_FILES:
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, package / name)
    out = folder / fetch.data_zip_name(version)
    write_data_zip(package, out, version)
    return out


# Running `validate` on a copy of the package, and reading its report --------------------------


def run_validate(
    path: Path, *options: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    """The exit code, standard output and standard error of `validate PATH OPTIONS`, run
    through the command's `main` in this process."""
    code = main(["validate", str(path), *options])
    out, err = capsys.readouterr()
    return code, out, err


def line_for(out: str, table: str, rule: str, column: str | None, row: str | None) -> str:
    """The report line of this problem; the location reads `table, row R, column C:`."""
    where = table + (f", row {row}" if row else "") + (f", column {column}" if column else "")
    found = [line for line in out.splitlines() if line.strip().startswith(where + ":")]
    found = [line for line in found if line.endswith(f"[{rule}]")]
    assert found, f"no line for {where} [{rule}] in:\n{out}"
    return found[0]


def message_of(line: str) -> str:
    """The message of a report line `table, row R, column C: message [rule]`."""
    return line.strip().split(": ", 1)[1].rsplit(" [", 1)[0]


def assert_no_traceback(out: str, err: str) -> None:
    """Garbage is reported, not raised: no traceback printed and no check crashed on it."""
    assert "Traceback" not in out + err and "check_failed" not in out, (out + err)[-3000:]


def finding_keys(report: Report) -> set[tuple]:
    """Every finding of a report as (table, rule, column, row, message), to compare two
    reports of the same package whatever their order."""
    return {(f.table, f.rule, f.column, f.row, f.message) for f in report.findings}


# Breaking a copy of the shipped package (never the real files) -------------------------------


def csv_file(package: Path, table: str) -> Path:
    """The CSV file of a table in a package folder."""
    return package / "dataset" / "csv" / f"{table}.csv"


def parquet_file(package: Path, table: str) -> Path:
    """The Parquet file of a table in a package folder."""
    return package / "dataset" / "parquet" / f"{table}.parquet"


def rewrite_csv(package: Path, table: str, change: Callable[[pl.DataFrame], pl.DataFrame]) -> None:
    """Rewrite a table's CSV file (read as strings) through `change`; its Parquet file and the
    descriptor's hashes stay as they were."""
    path = csv_file(package, table)
    frame = pl.read_csv(path, infer_schema=False)
    change(frame).write_csv(path, line_terminator="\n")


def set_first_cell(p: Path, table: str, column: str, value: str) -> None:
    """Put `value` in the first row's cell of `column` in a table's CSV file."""
    rewrite_csv(
        p,
        table,
        lambda f: f.with_columns(
            pl.when(pl.int_range(pl.len()) == 0).then(pl.lit(value)).otherwise(column).alias(column)
        ),
    )


def truncate_parquet(p: Path) -> None:
    """Cut the events' Parquet file in half: unreadable."""
    data = parquet_file(p, "events").read_bytes()
    parquet_file(p, "events").write_bytes(data[: len(data) // 2])


def header_only(p: Path) -> None:
    """Leave the actor aliases' CSV file with its header and no row."""
    first = csv_file(p, "actor_aliases").read_bytes().split(b"\n")[0]
    csv_file(p, "actor_aliases").write_bytes(first + b"\n")


def reordered_columns(p: Path) -> None:
    """Reverse the order of the statements' CSV columns."""
    rewrite_csv(p, "statements", lambda f: f.select(reversed(f.columns)))


def bad_integer(p: Path) -> None:
    """Put a word in the first aircraft row's integer `count`."""
    set_first_cell(p, "aircraft", "count", "two")


def edit_descriptor(p: Path, change: Callable[[dict], None]) -> None:
    """Change a package's datapackage.json in place through `change`, which edits the dict."""
    path = p / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor), encoding="utf-8")


def resource_of(descriptor: dict, name: str) -> dict:
    """The resource of a descriptor named `name`."""
    return next(r for r in descriptor["resources"] if r["name"] == name)


# A generated package that a property test corrupts --------------------------------------------


class Package:
    """A generated package in a temporary folder, with helpers to corrupt it consistently."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tables = read_tables(root)

    @property
    def descriptor_path(self) -> Path:
        return self.root / "datapackage.json"

    def put(
        self, name: str, frame: pl.DataFrame, *, csv: bool = True, parquet: bool = True
    ) -> None:
        """Write a table's files (both by default) and refresh the descriptor's hashes."""
        if csv:
            write_csv(frame, self.root / "dataset" / "csv" / f"{name}.csv")
        if parquet:
            write_parquet(frame, self.root / "dataset" / "parquet" / f"{name}.parquet")
        self.tables[name] = frame
        write_descriptor(self.root, SCHEMA_DIR)

    def put_csv_text(self, name: str, frame: pl.DataFrame) -> None:
        """Write a frame of strings as the table's CSV only (Parquet cannot hold the values)."""
        write_csv(frame, self.root / "dataset" / "csv" / f"{name}.csv")
        write_descriptor(self.root, SCHEMA_DIR)

    def descriptor(self) -> dict[str, Any]:
        return json.loads(self.descriptor_path.read_text(encoding="utf-8"))

    def put_descriptor(self, descriptor: dict[str, Any]) -> None:
        self.descriptor_path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def set_cell(frame: pl.DataFrame, column: str, index: int, value: Any) -> pl.DataFrame:
    """The frame with `value` in row `index` of `column`, in the column's own type (a
    corruption of one cell)."""
    dtype = frame.schema[column]
    series = frame[column].scatter(index, pl.Series([value], dtype=dtype))
    return frame.with_columns(series.alias(column))


# What the rules' registry promises of a finding -----------------------------------------------


def templates(rule: Rule) -> dict[str, str]:
    """A rule's templates by form ("" for its template)."""
    return {"": rule.template, **rule.forms} if rule.template else dict(rule.forms)


def follows_its_template(finding: Finding) -> bool:
    """Whether a finding's message is one of its rule's templates filled (nothing left in
    braces, every fixed word there), or the count of the rows a report does not list."""
    rule = RULES[finding.rule]
    forms = [*templates(rule).values()] + ([MORE_ROWS] if finding.row is None else [])
    return any(
        re.fullmatch(".*".join(map(re.escape, re.split(r"\{[^}]*\}", t))), finding.message, re.S)
        for t in forms
    )


def rule_codes(source: str) -> set[str]:
    """The rule codes a module's source writes into findings (to hold them against the
    registry and against what each check declares).

    They are the `rule` argument of `report.add`, `report_rows`, `Constraint`, `message` and
    the codes of `Check`, or the values a variable named `rule`/`rules` takes (a literal, a dict of
    rules, the first items of the tuples a `for rule, ...` loop runs over).
    """

    def strings(node: ast.AST | None, first: bool = False) -> set[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.Dict):
            return set().union(*(strings(k) for k in node.keys))
        if isinstance(node, ast.IfExp):
            return strings(node.body) | strings(node.orelse)
        if isinstance(node, ast.Tuple | ast.List):
            items = [e.elts[0] if first and isinstance(e, ast.Tuple) else e for e in node.elts]
            return set().union(*(strings(e) for e in items))
        return set()

    positions = {"add": 1, "report_rows": 2, "Constraint": 0, "Check": 3, "message": 0}
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            at = positions.get(name)
            if at is not None and len(node.args) > at:
                found |= strings(node.args[at])
        elif isinstance(node, ast.Assign):
            if any(isinstance(t, ast.Name) and t.id in ("rule", "rules") for t in node.targets):
                found |= strings(node.value)
        elif isinstance(node, ast.For) and isinstance(node.target, ast.Tuple):
            head = node.target.elts[0]
            if isinstance(head, ast.Name) and head.id == "rule":
                found |= strings(node.iter, first=True)
    return found


def replace_once(path: Path, old: str, new: str) -> None:
    """Edit a copied project file: the first `old` becomes `new` (the test fails, naming the
    file, when `old` is not there, so an edit never silently misses)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def digest_tree(root: Path) -> dict[str, str]:
    """The sha256 of every file of a project's built dataset (dataset/ and datapackage.json),
    by path relative to `root`: equal digests, a byte-identical dataset."""
    files = [root / "datapackage.json", *sorted((root / "dataset").rglob("*"))]
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in files
        if p.is_file()
    }


def tiny_project(root: Path, text: str, annotation: str, registries: dict[str, str]) -> Path:
    """A project of one article (`text`), its annotation (YAML text, without the `source:`
    section) and the registries given (file name → YAML text; the others empty), with the
    schema of this checkout: for the tests of a build rule on a small case they make."""
    import hashlib
    import shutil

    raw = text.encode()
    digest = hashlib.sha256(raw).hexdigest()
    source_id = f"001_{digest[:16]}"
    articles = root / "build" / "articles"
    articles.mkdir(parents=True)
    (articles / f"{source_id}.txt").write_bytes(raw)
    (articles / "manifest.yaml").write_text(
        f"- file: {source_id}.txt\n  sha256: {digest}\n  bytes: {len(raw)}\n"
        "  received: 2026-01-01\n  origin: a test\n"
    )
    (root / "build" / "annotations").mkdir()
    (root / "build" / "annotations" / f"{source_id}.yaml").write_text(
        "source:\n  source_type: news_report\n  title: null\n  publisher: null\n" + annotation
    )
    (root / "build" / "registries").mkdir()
    for name in ("events", "actors", "places", "aircraft_types"):
        (root / "build" / "registries" / f"{name}.yaml").write_text("[]\n")
    for name, body in registries.items():
        (root / "build" / "registries" / f"{name}.yaml").write_text(body)
    shutil.copytree(Path(__file__).resolve().parents[1] / "schema", root / "schema")
    return root


def text_drafter(text: str, actors: list[Any], places: list[Any] | None = None) -> Any:
    """A drafter of one text with the registries given (ActorEntry, PlaceEntry) and nothing
    else: no project, no known events, no publication date. The proposers' own methods run on
    it, for the tests of a proposer's rules on a small text they write."""
    from types import SimpleNamespace

    from sino_russian_patrols.citing import NameIndex
    from sino_russian_patrols.draft.document import Draft
    from sino_russian_patrols.draft.proposals import Drafter

    d = Drafter.__new__(Drafter)
    d.root, d.source_id, d.text, d.end, d.skip = None, "000_test", text, len(text), []
    places = places or []
    d.registries = SimpleNamespace(actors=list(actors), places=list(places))
    d.names = NameIndex([a for e in (*actors, *places) for a in e.aliases])
    d.actor_country = {e.id: e.country for e in actors}
    d.actor_type = {e.id: e.type for e in actors}
    d.draft = Draft("000_test")
    d.headline = (0, 0)
    d.new_aliases = []  # the spellings the draft writes into the registries
    d.anchor, d.published = None, None  # no publication date: no day to resolve against
    # no other annotation: no events, dates or counts known
    d.known_events, d.known_dates, d.known_ordinals = [], [], []
    return d


def actor(actor_id: str, country: str | None, kind: str, *aliases: str) -> Any:
    """A registry actor (ActorEntry) for the drafter's tests: named by its first alias."""
    from sino_russian_patrols.registries import ActorEntry

    return ActorEntry(actor_id, aliases[0], kind, country, None, None, aliases, "actors.yaml", 1)


@dataclass
class FakeDrafter:
    """What the claim proposers (aircraft, ships, zones) read of the drafter, for their tests
    on small texts: the text, the draft, the sentences' events, no curated files to learn
    from. Each test's drafter adds its registries (`registries`) and how it finds mentions
    and events; the actors' types and countries are its registries'."""

    text: str
    draft: Any = field(default_factory=lambda: _draft())
    event_sentences: list[tuple[int, int, str]] = field(default_factory=list)
    new_ships: list[Any] = field(default_factory=list)  # ships the draft writes out
    root: Path = Path("/nonexistent")  # no curated annotations to learn from
    source_id: str = "000_test"

    @property
    def end(self) -> int:
        return len(self.text)

    @property
    def headline(self) -> tuple[int, int]:
        return (0, 0)  # no headline

    def in_headline(self, at: int) -> bool:
        return False

    def written_actor_mentions(self) -> list[tuple[int, int, str]]:
        return []  # the small texts' drafters write no new spellings

    @property
    def actor_type(self) -> dict[str, str]:
        return {a.id: a.type for a in self.registries.actors}  # type: ignore[attr-defined]

    @property
    def actor_country(self) -> dict[str, str | None]:
        return {a.id: a.country for a in self.registries.actors}  # type: ignore[attr-defined]


def _draft() -> Any:
    from sino_russian_patrols.draft.document import Draft

    return Draft("000_test")


def fields_of(item: Any) -> dict[str, str]:
    """The `key: value` lines of a draft entry (document.Item), the values as written."""
    return dict(line.strip("- ").split(": ", 1) for line in item.lines if ": " in line)


def find_all(text: str, entries: Any, lo: int = 0, hi: int | None = None) -> list[Any]:
    """(start, end, id) of every occurrence of every alias of `entries` in text[lo:hi]."""
    hi = len(text) if hi is None else hi
    found = []
    for e in entries:
        for alias in e.aliases:
            at = text.find(alias, lo)
            while at != -1 and at + len(alias) <= hi:
                found.append((at, at + len(alias), e.id))
                at = text.find(alias, at + 1)
    return sorted(found)


def assert_actor_mentions(d: Any) -> None:
    """Add to the draft, as asserted, every actor mention the drafter finds: a claim's
    reporter must be one of them."""
    from sino_russian_patrols.draft.document import Item

    for start, end, who in d.actor_mentions():
        d.draft.items.append(Item("actors", [f'- {{quote: "{d.text[start:end]}"}}   # {who}']))


def package_hashes(folder: Path) -> dict[str, str]:
    """sha256 of each file of the package in `folder` (datapackage.json and dataset/)."""
    files = [folder / "datapackage.json", *sorted((folder / "dataset").rglob("*"))]
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in files
        if p.is_file()
    }
