"""Croissant and Zenodo metadata, generated from `datapackage.json` and CITATION.cff by the
build, never by hand.

`croissant.json` (MLCommons Croissant 1.0, JSON-LD) describes the CSV files as file objects
with their sha256, and each table as a record set whose fields name their column, type and
description, with the table's primary key; search engines, Hugging Face, Kaggle and OpenML
read it. `.zenodo.json` gives Zenodo the title, version, licence, creators and keywords for
a DOI when the repository is archived. Both are pure functions of the descriptor and the
citation file, so that they never drift from the data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .citation import read_cff

CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
# Table Schema types as Croissant (schema.org) data types.
DATA_TYPES = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "number": "sc:Float",
    "date": "sc:Date",
    "boolean": "sc:Boolean",
}
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"


def _citation(cff: dict[str, Any]) -> str:
    """A short citation of the version, as CITATION.cff gives its parts."""
    authors = "; ".join(a.get("name", "") for a in cff.get("authors", []) if isinstance(a, dict))
    year = str(cff.get("date-released", ""))[:4]
    return f"{authors} ({year}). {cff.get('title', '')}, version {cff.get('version', '')}."


def croissant(descriptor: dict[str, Any], cff: dict[str, Any], /) -> dict[str, Any]:
    """The Croissant 1.0 description of the package whose descriptor is `descriptor`."""
    resources = [r for r in descriptor.get("resources", []) if isinstance(r, dict)]
    files, records = [], []
    for r in resources:
        name = r["name"]
        files.append(
            {
                "@type": "cr:FileObject",
                "@id": f"{name}.csv",
                "name": f"{name}.csv",
                "description": f"The table {name} as CSV (UTF-8, header row; an empty field "
                "is null).",
                "contentUrl": r["path"],
                "contentSize": f"{r.get('bytes', 0)} B",
                "encodingFormat": "text/csv",
                "sha256": str(r.get("hash", "")).removeprefix("sha256:"),
            }
        )
        schema = r.get("schema", {})
        fields = [
            {
                "@type": "cr:Field",
                "@id": f"{name}/{f['name']}",
                "name": f["name"],
                "description": f.get("description", f["name"]),
                "dataType": DATA_TYPES[f["type"]],
                "source": {"fileObject": {"@id": f"{name}.csv"}, "extract": {"column": f["name"]}},
            }
            for f in schema.get("fields", [])
        ]
        record: dict[str, Any] = {
            "@type": "cr:RecordSet",
            "@id": name,
            "name": name,
            "description": schema.get("description") or r.get("description") or name,
            "field": fields,
        }
        key = schema.get("primaryKey") or []
        if key:
            keys = [{"@id": f"{name}/{k}"} for k in ([key] if isinstance(key, str) else key)]
            record["key"] = keys[0] if len(keys) == 1 else keys
        records.append(record)
    where = cff.get("repository-code") or cff.get("url")
    return {
        "@context": CONTEXT,
        **({"url": where} if where else {}),
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": descriptor.get("name", "sino-russian-patrols"),
        "description": cff.get("abstract", descriptor.get("description", "")),
        "version": str(cff.get("version", descriptor.get("version", ""))),
        "datePublished": str(cff.get("date-released", "")),
        "license": LICENSE_URL,
        "citeAs": _citation(cff),
        "keywords": [str(k) for k in cff.get("keywords", [])],
        "creator": [
            {"@type": "sc:Organization", "name": a.get("name", "")}
            for a in cff.get("authors", [])
            if isinstance(a, dict)
        ],
        "distribution": files,
        "recordSet": records,
    }


def zenodo(cff: dict[str, Any], /) -> dict[str, Any]:
    """`.zenodo.json`: what Zenodo asks of a dataset when the repository is archived."""
    return {
        "title": cff.get("title", ""),
        "description": cff.get("abstract", ""),
        "version": str(cff.get("version", "")),
        "publication_date": str(cff.get("date-released", "")),
        "upload_type": "dataset",
        "license": "cc-by-4.0",
        "creators": [
            {"name": a.get("name", "")} for a in cff.get("authors", []) if isinstance(a, dict)
        ],
        "keywords": [str(k) for k in cff.get("keywords", [])],
    }


def write_metadata(
    descriptor_path: Path, cff_path: Path, croissant_path: Path, zenodo_path: Path, /
) -> None:
    """Write croissant.json and .zenodo.json for the descriptor at `descriptor_path`."""
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    cff = read_cff(cff_path.read_text(encoding="utf-8"), where=str(cff_path))
    for path, data in ((croissant_path, croissant(descriptor, cff)), (zenodo_path, zenodo(cff))):
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
