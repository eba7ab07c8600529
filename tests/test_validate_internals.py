"""The validator's own guarantees: no crash, engines and threads agree, pandera stays lazy."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest

from sino_russian_patrols.package import read_tables, write_package
from sino_russian_patrols.testing import generate
from sino_russian_patrols.validation import RULES, Report, checks, validate_package

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A synthetic package with a dangling reference and a bad enum value."""
    generate(tmp_path, 40, seed=31, per_source=10)
    tables = read_tables(tmp_path)
    statements = tables["statements"].with_columns(
        pl.when(pl.int_range(pl.len()) == 3)
        .then(pl.lit("missing-event"))
        .otherwise("event_id")
        .alias("event_id"),
        pl.when(pl.int_range(pl.len()) == 5)
        .then(pl.lit("rumour"))
        .otherwise("statement_type")
        .alias("statement_type"),
    )
    write_package(tmp_path, {"statements": statements})
    return tmp_path


def _found(report: Report) -> set[tuple]:
    return {(f.table, f.rule, f.column, f.row, f.message) for f in report.findings}


def test_a_crashing_check_is_reported_and_the_others_still_run(
    broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object) -> None:
        raise RuntimeError("boom")

    spans = [replace(c, run=explode) if c.what == "span" else c for c in checks.CHECKS]
    monkeypatch.setattr(checks, "CHECKS", spans)
    report = validate_package(broken)
    failed = [f for f in report.findings if f.rule == "check_failed"]
    assert len(failed) == 1
    assert failed[0].message == "the span check could not run (RuntimeError: boom)"
    assert {"foreign_key", "enum"} <= {f.rule for f in report.findings}


def test_one_thread_and_two_give_the_same_report(broken: Path) -> None:
    one = validate_package(broken, threads=1)
    two = validate_package(broken, threads=2)
    assert _found(one) == _found(two) != set()
    assert one.text() == two.text()
    assert one.rows == two.rows


def test_the_pandera_engine_finds_the_same_problems(broken: Path) -> None:
    def where(report: Report) -> set[tuple]:  # the wording of the messages differs
        return {f[:4] for f in _found(report)}

    assert where(validate_package(broken, engine="pandera")) == where(validate_package(broken))


def test_an_unknown_engine_is_refused(broken: Path) -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        validate_package(broken, engine="great-expectations")  # type: ignore[arg-type]


def test_the_default_engine_does_not_import_pandera() -> None:
    code = (
        "import sys; from sino_russian_patrols.validation import validate_package; "
        f"assert validate_package({str(ROOT)!r}).valid; print('pandera' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_a_schema_with_an_unknown_type_is_reported(broken: Path) -> None:
    path = broken / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    aircraft = next(r for r in descriptor["resources"] if r["name"] == "aircraft")
    aircraft["schema"]["fields"][0]["type"] = "geopoint"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    report = validate_package(broken)
    assert ("aircraft", "schema") in {(f.table, f.rule) for f in report.findings}
    assert "check_failed" not in {f.rule for f in report.findings}


def test_the_expected_version_can_be_given(broken: Path) -> None:
    report = validate_package(broken, expected_version="9.9.9")
    (finding,) = [f for f in report.findings if f.rule == "version"]
    assert finding.table == "datapackage"
    assert "'9.9.9'" in finding.message


def test_an_extra_resource_is_validated_by_its_own_schema(tmp_path: Path) -> None:
    generate(tmp_path, 20, seed=32)
    frame = pl.DataFrame({"note_id": ["a", "a"], "stars": [3, -1]})
    frame.write_csv(tmp_path / "dataset" / "csv" / "notes.csv")
    frame.write_parquet(tmp_path / "dataset" / "parquet" / "notes.parquet")
    path = tmp_path / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    schema = {
        "fields": [
            {"name": "note_id", "type": "string"},
            {"name": "stars", "type": "integer", "constraints": {"minimum": 0}},
        ],
        "primaryKey": ["note_id"],
    }
    descriptor["resources"].append(
        {
            "name": "notes",
            "path": "dataset/csv/notes.csv",
            "schema": schema,
            "parquet": {"path": "dataset/parquet/notes.parquet"},
        }
    )
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    report = validate_package(tmp_path)
    assert {(f.table, f.rule, f.row) for f in report.findings} == {
        ("notes", "primary_key", "a"),
        ("notes", "minimum", "a"),
        ("notes", "integrity_missing", None),  # its files have no hash and no bytes
    }
    assert report.rows["notes"] == 2


def test_findings_are_sorted_by_table_then_column() -> None:
    report = Report("x")
    report.add("evidence", "type", "m", "char_start", "k")
    report.add("datapackage", "version", "m")
    report.add("sources", "sha256", "m", "sha256", "s")
    report.add("sources", "hash", "m")
    assert [f.table for f in report.sorted()] == ["datapackage", "sources", "sources", "evidence"]
    assert [f.rule for f in report.sorted()][1] == "hash"  # a whole file before its columns


@pytest.mark.parametrize(
    "check",
    [
        "not_nullable",
        "field_uniqueness",
        "multiple_fields_uniqueness",
        "isin(['a', 'b'])",
        "pattern(^[a-z]+$)",
        "greater_than_or_equal_to(0)",
        "less_than_or_equal_to(9)",
        "minLength(1)",
        "maxLength(9)",
        "dtype('Int64')",
        "column_in_schema",
        "column_in_dataframe",
        "column_ordered",
    ],
)
def test_each_pandera_check_stands_for_an_explained_rule(check: str) -> None:
    from sino_russian_patrols.pandera_models import rule_of

    schema = {"fields": [{"name": "a", "type": "string"}], "primaryKey": ["a"]}
    assert rule_of(check, "a", schema) in RULES


def test_the_rules_of_totals_and_parents_say_what_is_wrong(tmp_path: Path) -> None:
    generate(tmp_path, 60, seed=33, per_source=10)
    tables = read_tables(tmp_path)
    first = pl.int_range(pl.len()) == 0
    aircraft = tables["aircraft"].with_columns(
        pl.when(first).then(None).otherwise("country").alias("country"),
        pl.when(first).then(False).otherwise("is_total").alias("is_total"),
    )
    places = tables["places"]
    a, b, c = places["place_id"][:3]
    parents = {a: b, b: a, c: c}  # a cycle of two, and a place inside itself
    places = places.with_columns(
        pl.col("place_id")
        .replace_strict(parents, default=pl.col("parent_place_id"))
        .alias("parent_place_id")
    )
    events = tables["events"].with_columns(
        pl.when(first)
        .then(pl.col("event_id"))
        .otherwise("parent_event_id")
        .alias("parent_event_id")
    )
    write_package(tmp_path, {"aircraft": aircraft, "places": places, "events": events})
    report = validate_package(tmp_path)
    found = {(f.table, f.rule, f.column, f.row): f.message for f in report.findings}
    total = found["aircraft", "country_required", "country", aircraft["aircraft_id"][0]]
    assert "country may be null only for a total (is_total true)" in total
    assert found["places", "parent_cycle", "parent_place_id", a].endswith(f"{a} → {b} → {a}")
    assert found["places", "parent_cycle", "parent_place_id", b].endswith(f"{b} → {a} → {b}")
    assert "cannot be its own parent" in found["places", "parent_self", "parent_place_id", c]
    event = events["event_id"][0]
    assert "cannot be its own parent" in found["events", "parent_self", "parent_event_id", event]
    assert len(found) == len(report.findings) == 5
    assert _found(validate_package(tmp_path, engine="pandera")) == _found(report)


def _rule_codes(source: str) -> set[str]:
    """The rule codes a module's source writes into findings.

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


def test_every_rule_code_of_a_finding_has_a_legend_entry() -> None:
    package = Path(checks.__file__).parents[1]  # the validate package
    modules = {p: _rule_codes(p.read_text(encoding="utf-8")) for p in package.rglob("*.py")}
    used = set().union(*modules.values())
    assert used - set(RULES) == set(), "add these codes to RULES"
    # and the legend explains no rule that nothing reports (the scan misses none)
    assert set(RULES) - used == set()


def test_every_rule_is_a_record_with_a_description_and_a_template_it_can_fill() -> None:
    import string

    from sino_russian_patrols.rules import Rule, message

    for code, rule in RULES.items():
        assert isinstance(rule, Rule) and rule.code == code
        assert rule.description.strip(), code
        fields = {f for _, f, _, _ in string.Formatter().parse(rule.template) if f}
        # a template names its values by keyword; the message has nothing left in braces
        assert all(f.isidentifier() for f in fields), (code, fields)
        message(code, **dict.fromkeys(fields, 7))  # fills, whatever the values
    with pytest.raises(KeyError):
        message("no_such_rule")


def test_the_codebook_legend_lists_every_rule() -> None:
    from sino_russian_patrols.codebook import render

    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    codebook = render(descriptor)
    legend = codebook.split("## Validation rules", 1)[1].split("\n## ", 1)[0]
    listed = {line.split("`")[1] for line in legend.splitlines() if line.startswith("| `")}
    assert listed == set(RULES)
    for rule in RULES.values():
        assert f"| `{rule.code}` | " in legend


def test_findings_of_a_template_read_as_the_template_says(broken: Path) -> None:
    """A finding of a rule with a template is the template filled: nothing left in braces,
    and its fixed words all there."""
    import re

    report = validate_package(broken)
    assert report.findings
    for finding in report.findings:
        assert finding.rule in RULES
        template = RULES[finding.rule].template
        if not template or finding.message.startswith("and "):
            continue
        pattern = ".*".join(map(re.escape, re.split(r"\{[^}]*\}", template)))
        assert re.fullmatch(pattern, finding.message, flags=re.S), finding


def test_each_check_declares_the_rules_it_reports() -> None:
    package = Path(checks.__file__).parent
    for check in checks.CHECKS:
        module = package / f"{check.run.__module__.rsplit('.', 1)[-1]}.py"
        declared = {
            c
            for other in checks.CHECKS
            for c in other.codes
            if other.run.__module__ == check.run.__module__
        }
        assert _rule_codes(module.read_text(encoding="utf-8")) == declared, module.name
        assert set(check.codes) <= set(RULES), check.what
