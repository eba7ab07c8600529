"""The codebook: a Markdown data dictionary generated from datapackage.json, never by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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
"""


def _constraints(field: dict[str, Any], primary_key: list[str]) -> str:
    c = field.get("constraints", {})
    parts = []
    if field["name"] in primary_key:
        parts.append("primary key" if len(primary_key) == 1 else "part of primary key")
    if c.get("required") or field["name"] in primary_key:
        parts.append("required")
    if c.get("unique"):
        parts.append("unique")
    if "pattern" in c:
        parts.append(f"pattern `{c['pattern']}`")
    if "minimum" in c:
        parts.append(f"≥ {c['minimum']}")
    if "maximum" in c:
        parts.append(f"≤ {c['maximum']}")
    if "enum" in c:
        parts.append("one of: " + ", ".join(f"`{v}`" for v in c["enum"]))
    return "; ".join(parts) or "nullable"


def _diagram(resources: list[dict[str, Any]]) -> list[str]:
    lines = ["```mermaid", "erDiagram"]
    for r in resources:
        for fk in r["schema"].get("foreignKeys", []):
            parent = fk["reference"]["resource"] or r["name"]
            label = ", ".join(fk["fields"])
            lines.append(f'    {parent} ||--o{{ {r["name"]} : "{label}"')
    lines.append("```")
    return lines


def render(descriptor: dict[str, Any], /) -> str:
    resources = descriptor["resources"]
    out = [HEADER.format(version=descriptor["version"]), "## Tables", ""]
    out += [f"- [`{r['name']}`](#{r['name']}): {r.get('description', '')}" for r in resources]
    out += ["", "## Relationships", "", *_diagram(resources), ""]
    for r in resources:
        schema = r["schema"]
        pk = schema.get("primaryKey", [])
        out += [f"## {r['name']}", "", r.get("description", ""), ""]
        out += [f"Files: `{r['path']}`, `{r['parquet']['path']}`. Primary key: `{', '.join(pk)}`.", ""]
        out += ["| column | type | constraints | description |", "| --- | --- | --- | --- |"]
        for f in schema["fields"]:
            out.append(f"| `{f['name']}` | {f['type']} | {_constraints(f, pk)} | {f.get('description', '')} |")
        for fk in schema.get("foreignKeys", []):
            parent = fk["reference"]["resource"] or r["name"]
            out.append("")
            out.append(
                f"Foreign key: `{', '.join(fk['fields'])}` → `{parent}.{', '.join(fk['reference']['fields'])}`."
            )
        for f in schema["fields"]:
            meanings = f.get("enumDescriptions")
            if meanings:
                out += ["", f"Values of `{f['name']}`:", "", "| value | meaning |", "| --- | --- |"]
                out += [f"| `{value}` | {meaning} |" for value, meaning in meanings.items()]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def write_codebook(descriptor_path: Path, target: Path, /) -> Path:
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(render(descriptor).encode("utf-8"))
    return target
