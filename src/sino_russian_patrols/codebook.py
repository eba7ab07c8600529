"""The codebook: a Markdown data dictionary generated from datapackage.json, never by hand.

`render(descriptor)` is a pure function of the descriptor (whose table schemas are the files
of `schema/`), of the documented columns of the events_wide view (`wide.COLUMNS`) and of
the registry of rules (`rules.RULES`: the validator's and the build's). The build writes it
to `docs/codebook.md`; a test keeps that file equal to `render`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .schema import enum_of
from .wide import COLUMNS as WIDE_COLUMNS

HEADER = """# Codebook: Sino-Russian Joint Patrols {version}

Generated from `datapackage.json` and `schema/` by `sino-russian-patrols build`; do not
edit by hand. CSV files: UTF-8, header row, `\\n` line ends, RFC 4180 quoting, ISO 8601
dates, `true`/`false`; **an empty field is null** (CSV cannot tell null from an empty
string; no value in this dataset is an empty string). Parquet files hold the same rows,
typed, sorted by primary key.

Provenance: a span is `(source_id, char_start, char_end)`, offsets in Unicode code points
into `sources.text`, end exclusive; `sources.text[char_start:char_end]` equals the quoted
text. Rows of `events`, `aircraft`, `actors`, `places` and `event_places` are supported by
rows of `evidence`; each row of `statements` carries its own span.

In the column tables, *required* means the value is never null and *nullable* that it may
be; every controlled vocabulary (`one of: …`) is listed with the meaning of each value
below its table.
"""

WIDE_INTRO = """\
The analysis-ready view, not a file: `load("events_wide")` in Python, or the view
`events_wide` of `connect()` in SQL. One row per event, computed on load from the tables
above (nothing in it is stored by hand). Lists are sorted and joined by `; `. Aircraft
counts keep disagreement visible: the lowest and highest number any single claim gives, and
the lowest and highest total one reporter gives in one source, each with who reported it.
"""

RULES_INTRO = """\
What `sino-russian-patrols validate` (and `validate()` in Python) checks in a package. Each
problem it reports says where it is (the table, and the row and column when it has them)
and carries the code of the rule it breaks, in brackets (`rule` with `--format json`).
"""


BUILD_RULES_INTRO = """\
What `sino-russian-patrols build` checks in its inputs (`build/articles/`,
`build/annotations/`, `build/registries/`, `schema/`) before it writes a table. Each problem
it reports names the file and, when it has one, the line, and ends with the code of the rule
it breaks, in brackets; nothing is written until every problem is fixed. The problems of the
built dataset (when its validation fails) carry the code of the validation rule.
"""


def _cell(text: Any) -> str:
    """Text safe inside a Markdown table cell: pipes escaped, no line breaks."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _foreign_keys(resource: dict[str, Any]) -> list[tuple[str, str, list[str], list[str]]]:
    """(child, parent, child fields, parent fields) of each foreign key of `resource`."""
    return [
        (
            resource["name"],
            fk["reference"]["resource"] or resource["name"],
            fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]],
            fk["reference"]["fields"]
            if isinstance(fk["reference"]["fields"], list)
            else [fk["reference"]["fields"]],
        )
        for fk in resource["schema"].get("foreignKeys", [])
    ]


def _required(field: dict[str, Any], primary_key: list[str]) -> bool:
    return bool(field.get("constraints", {}).get("required")) or field["name"] in primary_key


def _constraints(field: dict[str, Any], primary_key: list[str]) -> str:
    c = field.get("constraints", {})
    parts = []
    if field["name"] in primary_key:
        parts.append("primary key" if len(primary_key) == 1 else "part of primary key")
    parts.append("required" if _required(field, primary_key) else "nullable")
    if c.get("unique"):
        parts.append("unique")
    if "pattern" in c:
        parts.append(f"pattern `{c['pattern']}`")
    if "minimum" in c:
        parts.append(f"≥ {c['minimum']}")
    if "maximum" in c:
        parts.append(f"≤ {c['maximum']}")
    if "minLength" in c:
        parts.append(f"length ≥ {c['minLength']}")
    if "maxLength" in c:
        parts.append(f"length ≤ {c['maxLength']}")
    if values := enum_of(field):
        parts.append("one of: " + ", ".join(f"`{v}`" for v in values))
    return "; ".join(parts)


def _polymorphic_parents(resource: dict[str, Any], names: list[str]) -> list[str]:
    """Tables that a `record_table` / `record_id` pair of `resource` may point to."""
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    if "record_table" not in fields or "record_id" not in fields:
        return []
    values = enum_of(fields["record_table"])
    return [v for v in values if v in names]


def _diagram(resources: list[dict[str, Any]]) -> list[str]:
    """A mermaid entity-relationship diagram: keys of each table and every relationship."""
    names = [r["name"] for r in resources]
    lines = ["```mermaid", "erDiagram"]
    for r in resources:
        pk = r["schema"].get("primaryKey", [])
        fk_fields = {f for _, _, fields, _ in _foreign_keys(r) for f in fields}
        keyed = [f for f in r["schema"]["fields"] if f["name"] in pk or f["name"] in fk_fields]
        lines.append(f"    {r['name']} {{")
        for f in keyed:
            keys = [k for k, on in (("PK", f["name"] in pk), ("FK", f["name"] in fk_fields)) if on]
            lines.append(f"        {f['type']} {f['name']} {', '.join(keys)}")
        lines.append("    }")
    for r in resources:
        fields = {f["name"]: f for f in r["schema"]["fields"]}
        pk = r["schema"].get("primaryKey", [])
        for child, parent, child_fields, _ in _foreign_keys(r):
            mandatory = all(_required(fields[f], pk) for f in child_fields)
            left = "||" if mandatory else "|o"
            lines.append(f'    {parent} {left}--o{{ {child} : "{", ".join(child_fields)}"')
        for parent in _polymorphic_parents(r, names):
            lines.append(f'    {parent} ||..o{{ {r["name"]} : "record_id (record_table={parent})"')
    lines.append("```")
    return lines


def _licences(descriptor: dict[str, Any]) -> list[str]:
    licences = descriptor.get("licenses", [])
    if not licences:
        return []
    out = ["## Licence", ""]
    for item in licences:
        name = item.get("name") or item.get("title", "")
        title = f" — {item['title']}" if item.get("title") and item.get("name") else ""
        link = f"[{name}]({item['path']})" if item.get("path") else name
        out.append(f"- {link}{title}")
    out += [
        "",
        "Code: MIT (`LICENSE`). The archived article texts (`sources.text`, `build/articles/`)",
        "and the verbatim quotes taken from them keep their publishers' rights: they are",
        "archived for research and are not relicensed (see `LICENSE-DATA.md`).",
        "",
    ]
    return out


def _meaning(field: dict[str, Any], value: str, names: list[str]) -> str:
    """The documented meaning of an enum value; a value naming a table links to it."""
    meaning = field.get("enumDescriptions", {}).get(value)
    if meaning:
        return meaning
    if value in names:
        return f"A row of [`{value}`](#{value})."
    return "(no description)"


def _table_section(r: dict[str, Any], names: list[str]) -> list[str]:
    schema = r["schema"]
    pk = schema.get("primaryKey", [])
    out = [f"## {r['name']}", "", r.get("description", ""), ""]
    files = f"`{r['path']}`"
    if "parquet" in r:
        files += f", `{r['parquet']['path']}`"
    out += [f"Files: {files}. Primary key: `{', '.join(pk)}`.", ""]
    out += ["| column | type | constraints | description |", "| --- | --- | --- | --- |"]
    for f in schema["fields"]:
        out.append(
            f"| `{f['name']}` | {f['type']} | {_cell(_constraints(f, pk))} "
            f"| {_cell(f.get('description', ''))} |"
        )
    foreign_keys = _foreign_keys(r)
    if foreign_keys:
        out += ["", "Foreign keys:", ""]
        out += [
            f"- `{', '.join(fields)}` → [`{parent}`](#{parent}).`{', '.join(parent_fields)}`"
            for _, parent, fields, parent_fields in foreign_keys
        ]
    for f in schema["fields"]:
        values = enum_of(f)
        if not values:
            continue
        out += ["", f"Values of `{f['name']}`:", "", "| value | meaning |", "| --- | --- |"]
        out += [f"| `{v}` | {_cell(_meaning(f, v, names))} |" for v in values]
    out.append("")
    return out


def _wide_section() -> list[str]:
    out = ["## events_wide", "", WIDE_INTRO]
    out += ["| column | type | description |", "| --- | --- | --- |"]
    out += [f"| `{name}` | {kind} | {_cell(text)} |" for name, (kind, text) in WIDE_COLUMNS.items()]
    out.append("")
    return out


COUNTS = """\
## aircraft_counts and ship_counts

Views, not files: `aircraft_counts()` and `ship_counts()` in Python, or the views of the same
names in `connect()`. One row per event, country, reporter (`reported_by`, `unattributed`
when the source names nobody) and source, on the rules of this codebook: `aircraft` (or
`ships`) is the sum of the exact counts of the per-type claims (`is_total` false,
`count_qualifier` `exact`; a named ship counts one), null when no claim of the group gives an
exact number; `claims_without_exact_count` counts the claims left out of that sum (no number,
or an approximate one); `claims` counts every claim of the group; `stated_total` is the
largest total the same reporter states in the same source for the whole event (never to be
added to the sums); `disagrees` is true when reporters give different sums for the event and
country. Rows of several reporters are claims side by side, never to be added up. The year to
count an event in is `events_wide.analysis_year`; `evidence(table, record_id)` gives the spans
behind any row with the words around them.
"""

UNSEEN = """\
### What validation cannot see

`validate` re-derives from each row's own words what the package's rules derive
(`derived_value`: an aircraft type from its `type_as_reported`, a ship's kind, the country
named in the words, a reporter's spelling, an ordinal, a duration, a stated date; a count
from the number that governs the claim's words, `count_span`, so that a span widened to
reach another number refutes itself; the event's dates from its date claims,
`event_dates_combined`). Some changes leave the words as they are and no rule can refute
them from the text: a remark moved to another speaker who is also named near it, an
`event_type` or `summary` changed, a `remark_id` shared or split, a `role` of an aircraft
claim, a place linked to another event of the same article, a count qualifier where the
words allow both. Compare such a package with a release you trust
(`sino-russian-patrols diff`), and open the CSV files with text columns imported as text:
a verbatim quote may begin like a spreadsheet formula (`=`, `+`, `-`, `@`; the notice
`csv_formula_cell`) or hold a bidirectional control (`bidi_control`).
"""


def _legend(rules: list[Any]) -> list[str]:
    out = ["| code | rule |", "| --- | --- |"]
    out += [f"| `{rule.code}` | {_cell(rule.description)} |" for rule in rules]
    return out


def _rules_section() -> list[str]:
    """The legends of `validate` and of `build`: every rule of the registry, by its code."""
    from .rules import BUILD_ALSO, BUILD_RULES, VALIDATION_RULES

    out = ["## Validation rules", "", RULES_INTRO]
    out += _legend(list(VALIDATION_RULES.values()))
    out += ["", UNSEEN]
    out += ["## Build rules", "", BUILD_RULES_INTRO]
    out += _legend(list(BUILD_RULES.values()))
    also = ", ".join(f"`{code}`" for code in BUILD_ALSO)
    out += ["", f"The build also checks these validation rules in its inputs: {also}.", ""]
    return out


def render(descriptor: dict[str, Any], /) -> str:
    """The codebook of `descriptor` (the content of datapackage.json) as Markdown."""
    resources = descriptor["resources"]
    out = [HEADER.format(version=descriptor["version"]), "## Tables", ""]
    out += [f"- [`{r['name']}`](#{r['name']}): {r.get('description', '')}" for r in resources]
    out.append(
        "- [`events_wide`](#events_wide): the analysis-ready view, one row per event "
        "(derived on load, not a file)."
    )
    out += ["", "## Relationships", ""]
    out += [
        "Solid lines are foreign keys (the table on the `||` side is referenced; `|o`: the",
        "reference is nullable). Dotted lines: `evidence.record_id` names a row of the table",
        "given by `evidence.record_table`.",
        "",
        *_diagram(resources),
        "",
    ]
    names = [r["name"] for r in resources]
    for r in resources:
        out += _table_section(r, names)
    out += _wide_section()
    out += [COUNTS]
    out += _rules_section()
    out += _licences(descriptor)
    return "\n".join(out).rstrip() + "\n"


def write_codebook(descriptor_path: Path, target: Path, /) -> Path:
    """Render the codebook of the descriptor at `descriptor_path` into `target`."""
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(render(descriptor).encode("utf-8"))
    return target
