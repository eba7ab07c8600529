"""The codebook: generated, complete, and failing when the schema changes without a rebuild."""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from sino_russian_patrols.codebook import render
from sino_russian_patrols.wide import COLUMNS as WIDE_COLUMNS
from sino_russian_patrols.write import descriptor as make_descriptor

ROOT = Path(__file__).resolve().parents[1]
CODEBOOK = ROOT / "docs" / "codebook.md"
REGENERATE = "regenerate it with `sino-russian-patrols build` (or `make dataset`)"


def _committed_descriptor() -> dict[str, Any]:
    return json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))


def _codebook_is_current(descriptor: dict[str, Any], codebook: Path) -> bool:
    return codebook.read_text(encoding="utf-8") == render(descriptor)


def test_codebook_equals_the_rendering_of_datapackage_json() -> None:
    assert _codebook_is_current(_committed_descriptor(), CODEBOOK), (
        f"docs/codebook.md is not what codebook.render makes of datapackage.json: {REGENERATE}"
    )


def test_codebook_equals_the_rendering_of_the_schema_files() -> None:
    """schema/ is the source of truth: an edit there without a rebuild is caught here too."""
    current = make_descriptor(ROOT, ROOT / "schema")
    assert _codebook_is_current(current, CODEBOOK), (
        f"docs/codebook.md does not match schema/: {REGENERATE}"
    )


def test_a_changed_description_in_datapackage_json_makes_the_check_fail(tmp_path: Path) -> None:
    changed = copy.deepcopy(_committed_descriptor())
    events = next(r for r in changed["resources"] if r["name"] == "events")
    field = next(f for f in events["schema"]["fields"] if f["name"] == "summary")
    field["description"] = "A changed description of the summary column."
    (tmp_path / "datapackage.json").write_text(json.dumps(changed), encoding="utf-8")
    reread = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert "A changed description of the summary column." in render(reread)
    assert not _codebook_is_current(reread, CODEBOOK)


def test_a_changed_description_in_schema_makes_the_check_fail(tmp_path: Path) -> None:
    schema_dir = tmp_path / "schema"
    shutil.copytree(ROOT / "schema", schema_dir)
    path = schema_dir / "aircraft.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    role = next(f for f in schema["fields"] if f["name"] == "role")
    role["enumDescriptions"]["bomber"] = "A changed meaning of bomber."
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    changed = make_descriptor(ROOT, schema_dir)
    assert "| `bomber` | A changed meaning of bomber. |" in render(changed)
    assert not _codebook_is_current(changed, CODEBOOK)


@pytest.fixture(scope="module")
def codebook() -> str:
    return render(_committed_descriptor())


def _section(codebook: str, name: str) -> str:
    match = re.search(rf"^## {name}\n(.*?)(?=^## |\Z)", codebook, re.M | re.S)
    assert match, f"no section for {name}"
    return match.group(1)


def test_every_table_and_column_is_documented(codebook: str) -> None:
    for resource in _committed_descriptor()["resources"]:
        section = _section(codebook, resource["name"])
        assert resource["description"] in section
        for field in resource["schema"]["fields"]:
            assert field.get("description"), f"{resource['name']}.{field['name']} undocumented"
            row = next(
                line for line in section.splitlines() if line.startswith(f"| `{field['name']}` |")
            )
            assert f"| {field['type']} |" in row


def test_every_controlled_vocabulary_value_has_a_meaning(codebook: str) -> None:
    tables = {r["name"] for r in _committed_descriptor()["resources"]}
    for resource in _committed_descriptor()["resources"]:
        section = _section(codebook, resource["name"])
        for field in resource["schema"]["fields"]:
            values = field.get("constraints", {}).get("enum")
            if not values:
                continue
            name = f"{resource['name']}.{field['name']}"
            meanings = field.get("enumDescriptions", {})
            assert set(meanings) <= set(values), f"{name}: meanings of values it does not allow"
            assert f"Values of `{field['name']}`:" in section
            for value in values:
                if value in tables:  # a value naming a table links to that table's section
                    meaning = meanings.get(value) or f"A row of [`{value}`](#{value})."
                else:
                    meaning = meanings.get(value, "")
                    assert meaning.strip(), f"{name}: the value {value!r} has no meaning"
                assert f"| `{value}` | {meaning} |" in section


def test_tables_have_the_right_number_of_cells(codebook: str) -> None:
    """A pipe in a pattern or description must not split a Markdown table cell."""
    widths: list[int] = []
    for line in codebook.splitlines():
        if not line.startswith("|"):
            widths.clear()
            continue
        cells = len(re.findall(r"(?<!\\)\|", line)) - 1
        if widths:
            assert cells == widths[0], line
        widths.append(cells)


def test_relationships_diagram_shows_every_foreign_key(codebook: str) -> None:
    diagram = re.search(r"```mermaid\nerDiagram\n(.*?)```", codebook, re.S)
    assert diagram
    for resource in _committed_descriptor()["resources"]:
        assert f"    {resource['name']} {{" in diagram.group(1)
        for fk in resource["schema"].get("foreignKeys", []):
            parent = fk["reference"]["resource"] or resource["name"]
            pattern = rf'{parent} \|[|o]--o\{{ {resource["name"]} : "{", ".join(fk["fields"])}"'
            assert re.search(pattern, diagram.group(1)), pattern
    for table in ("events", "aircraft", "actors", "places", "event_places"):
        assert f"{table} ||..o{{ evidence" in diagram.group(1)


def test_events_wide_is_documented(codebook: str) -> None:
    section = _section(codebook, "events_wide")
    for name, (kind, _) in WIDE_COLUMNS.items():
        assert f"| `{name}` | {kind} |" in section


def test_the_legends_list_every_rule_under_its_heading(codebook: str) -> None:
    """The legends are generated from the registry of rules: every validation rule under
    Validation rules, every build rule under Build rules, each with its description."""
    from sino_russian_patrols.rules import BUILD_ALSO, BUILD_RULES, RULES

    legends = {
        "Validation rules": [r for code, r in RULES.items() if code not in BUILD_RULES],
        "Build rules": list(BUILD_RULES.values()),
    }
    for heading, rules in legends.items():
        rows = [line for line in _section(codebook, heading).splitlines() if line.startswith("| `")]
        assert [row.split("`")[1] for row in rows] == [rule.code for rule in rules], heading
    assert all(f"`{code}`" in _section(codebook, "Build rules") for code in BUILD_ALSO)
