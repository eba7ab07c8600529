"""How much of each curated annotation the drafting tool recovers.

For every article, the curated annotation is set aside, `draft` writes one from the article
and the registries, and the rows the build assembles from the draft are compared with the
rows it assembles from the curated file: actor mentions (spans), aircraft claims (country,
type, count), date claims (event, start, end) and remarks (spans). Only what the draft
asserts counts; commented proposals do not. Prints recall and precision per kind, overall and
per article, and checks that every draft is accepted by the build's reader and build steps.

Run from the project folder: `python benchmarks/draft_recall.py`.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

from sino_russian_patrols.assemble import assemble
from sino_russian_patrols.draft import draft_annotation
from sino_russian_patrols.errors import Problems
from sino_russian_patrols.steps import read_project

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("actors", "aircraft", "dates", "remarks")


def facts(root: Path, source_id: str) -> tuple[dict[str, set], list[str]]:
    """What the build assembles for one source, and the problems in its annotation file."""
    problems = Problems()
    rows = assemble(*read_project(root, problems), problems)
    mine = [str(p) for p in problems.items if source_id in p.file]
    found = {
        "actors": {
            (e["record_id"], e["char_start"], e["char_end"])
            for e in rows["evidence"]
            if e["record_table"] == "actors" and e["source_id"] == source_id
        },
        "aircraft": {
            (a["event_id"], a["country"], a["aircraft_type"], a["count"])
            for a in rows["aircraft"]
            if a["source_id"] == source_id
        },
        "dates": {
            (d["event_id"], d["start_date"], d["end_date"])
            for d in rows["event_dates"]
            if d["source_id"] == source_id
        },
        "remarks": {
            (s["char_start"], s["char_end"])
            for s in rows["statements"]
            if s["source_id"] == source_id
        },
    }
    return found, mine


def main() -> int:
    totals: Counter[str] = Counter()
    failures = 0
    sources = sorted(p.stem for p in (ROOT / "build" / "annotations").glob("*.yaml"))
    print(f"{'source':24} " + " ".join(f"{k:>18}" for k in KINDS))
    for source_id in sources:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp) / "project"
            project.mkdir()
            for name in ("build", "schema", "dataset"):
                shutil.copytree(ROOT / name, project / name)
            curated, _ = facts(project, source_id)
            annotation = project / "build" / "annotations" / f"{source_id}.yaml"
            annotation.unlink()
            annotation.write_text(draft_annotation(project, source_id), encoding="utf-8")
            drafted, problems = facts(project, source_id)
        if problems:
            failures += 1
            print(f"{source_id}: the draft does not build: {problems[:3]}")
        cells = []
        for kind in KINDS:
            hit = len(curated[kind] & drafted[kind])
            totals[f"{kind}:hit"] += hit
            totals[f"{kind}:curated"] += len(curated[kind])
            totals[f"{kind}:drafted"] += len(drafted[kind])
            cells.append(f"{hit:>3}/{len(curated[kind]):<3} ({len(drafted[kind]):>3} drafted)")
        print(f"{source_id:24} " + " ".join(f"{c:>18}" for c in cells))
    print()
    print(f"{'kind':10} {'recall':>8} {'precision':>10}   (asserted draft entries only)")
    for kind in KINDS:
        hit, cur, dra = (totals[f"{kind}:{x}"] for x in ("hit", "curated", "drafted"))
        recall = hit / cur if cur else 1.0
        precision = hit / dra if dra else 1.0
        print(
            f"{kind:10} {recall:>8.0%} {precision:>10.0%}   ({hit} of {cur} curated, {dra} drafted)"
        )
    print(f"drafts that do not build: {failures} of {len(sources)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
