"""The checks across tables (validation/checks/): each declares the rules it reports, and
each reports a broken row at its table, column and row with its rule's message. Every check
is exercised by a corruption class of tests/test_validation_corruptions.py; the cases here
break the committed dataset, or check a message's values, one check module at a time.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import polars as pl

from helpers import Package, finding_keys, rule_codes, set_cell
from sino_russian_patrols.cli import main
from sino_russian_patrols.package import read_tables, write_package
from sino_russian_patrols.rules import RULES, message
from sino_russian_patrols.testing import generate
from sino_russian_patrols.validation import MAX_EXAMPLES, checks, validate_package
from sino_russian_patrols.validation.report import MORE_ROWS, show
from sino_russian_patrols.write import write_csv, write_parquet


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
        assert rule_codes(module.read_text(encoding="utf-8")) == declared, module.name
        assert set(check.codes) <= set(RULES), check.what


# keys: parents (and aircraft: a claim names its country) ------------------------------------


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
    assert total == message("country_required")
    for x, y in ((a, b), (b, a)):
        cycle = message("parent_cycle", column="parent_place_id", path=f"{x} → {y} → {x}")
        assert found["places", "parent_cycle", "parent_place_id", x] == cycle
    itself = message("parent_self", column="parent_place_id", value=show(c))
    assert found["places", "parent_self", "parent_place_id", c] == itself
    event = events["event_id"][0]
    itself = message("parent_self", column="parent_event_id", value=show(event))
    assert found["events", "parent_self", "parent_event_id", event] == itself
    assert len(found) == len(report.findings) == 5
    assert finding_keys(validate_package(tmp_path, engine="pandera")) == finding_keys(report)


# schema_drift and keys.row_order: the published form ---------------------------------------


def _rehash(package: Path) -> None:
    """Make datapackage.json's hash and bytes match the files again."""
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        for spec in (resource, resource["parquet"]):
            data = (package / spec["path"]).read_bytes()
            spec["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
            spec["bytes"] = len(data)
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def _problem(table: str, rule: str, text: str) -> dict[str, str | None]:
    """A problem of a whole table as the JSON report lists it."""
    return {"table": table, "rule": rule, "column": None, "row": None, "message": text}


def test_a_loosened_inline_schema_is_caught(package_copy: Path, capsys) -> None:
    path = package_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    field = next(f for f in events["schema"]["fields"] if f["name"] == "event_type")
    del field["constraints"]["enum"]
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    assert main(["validate", str(package_copy), "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    drift = message("schema_drift", file="events.json", where="field(s) event_type")
    assert _problem("events", "schema_drift", drift) in problems


def test_rows_out_of_key_order_are_caught(package_copy: Path, capsys) -> None:
    frame = pl.read_parquet(package_copy / "dataset" / "parquet" / "actors.parquet")
    reversed_rows = frame.reverse()
    write_csv(reversed_rows, package_copy / "dataset" / "csv" / "actors.csv")
    write_parquet(reversed_rows, package_copy / "dataset" / "parquet" / "actors.parquet")
    _rehash(package_copy)
    assert main(["validate", str(package_copy), "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert _problem("actors", "row_order", message("row_order", key="actor_id")) in problems


# evidence and aliases on the committed dataset ---------------------------------------------


def test_the_committed_dataset_passes_and_each_changed_count_is_caught(package_copy: Path) -> None:
    """The real annotations write each count in their spans ("two", "10", "a total of 17",
    "A separate ... aircraft"); a count raised by one is then written in none of them."""
    assert validate_package(package_copy).valid
    pkg = Package(package_copy)
    aircraft = pkg.tables["aircraft"]
    counted = [i for i, n in enumerate(aircraft["count"]) if n is not None]
    assert counted
    pkg.put("aircraft", aircraft.with_columns(pl.col("count") + 1))
    found = [
        f
        for f in validate_package(package_copy).findings
        if (f.table, f.rule, f.column) == ("aircraft", "evidence_claim", "count")
    ]
    ids = [aircraft["aircraft_id"][i] for i in counted]
    assert [f.row for f in found if f.row is not None] == ids[:MAX_EXAMPLES]
    if len(ids) > MAX_EXAMPLES:
        more = MORE_ROWS.format(more=len(ids) - MAX_EXAMPLES, listed=MAX_EXAMPLES)
        assert any(f.row is None and f.message == more for f in found)


def test_a_hidden_character_of_a_real_alias_is_named(package_copy: Path) -> None:
    pkg = Package(package_copy)
    places = pkg.tables["place_aliases"]
    alias = places["alias"][0]
    pkg.put("place_aliases", set_cell(places, "alias", 0, alias[:1] + "\u00ad" + alias[1:]))
    changed = alias[:1] + "\u00ad" + alias[1:]
    found = [f for f in validate_package(package_copy).findings if f.rule == "alias_invisible"]
    assert [(f.table, f.column, f.row) for f in found] == [("place_aliases", "alias", changed)]
    hidden = "SOFT HYPHEN (U+00AD)"
    assert found[0].message == message("alias_invisible", alias=show(changed), characters=hidden)


def test_formula_and_bidi_cells_are_notices_and_the_package_stays_valid() -> None:
    from sino_russian_patrols.validation.checks import Tables
    from sino_russian_patrols.validation.checks.cells import text_cells
    from sino_russian_patrols.validation.report import Report

    frame = pl.DataFrame(
        {
            "statement_id": ["s1", "s2", "s3", "s4"],
            "text": ['=HYPERLINK("x")', "a plain remark", "-5 degrees", "abc\u202edef"],
        }
    )
    report = Report("test")
    schemas = {"statements": {"primaryKey": ["statement_id"]}}
    text_cells(report, Tables({"statements": frame}, schemas))
    found = {(f.rule, f.row, f.severity) for f in report.findings}
    assert found == {
        ("csv_formula_cell", "s1", "notice"),
        ("csv_formula_cell", "s3", "notice"),
        ("bidi_control", "s4", "notice"),
    }
    assert report.valid and report.errors == []
    assert "notice: statements, row s1, column text" in report.text()
