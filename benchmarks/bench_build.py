"""How fast is the build as the corpus grows: 10, 100 and 1,000 articles?

Each corpus is a project written from scratch: unique article texts (each with its own
dates, names, quotes and ids, not copies of one file), one annotation file per article
(actor mentions, an event report with a weekday date, two aircraft claims with their
attribution, a direct quote), registries that define every event and actor once, the
manifest with each article's sha256, and this project's `schema/`. `pipeline.build` runs on
it in a fresh interpreter, so that every import counts, and the whole command is timed;
a second timing inside the process shows the build without start-up.

    python benchmarks/bench_build.py                 # 10, 100, 1000 articles
    python benchmarks/bench_build.py --sizes 10 100

Prints seconds per build and per article. No target is asserted: the figures are for reading.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import hashlib
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IN_PROCESS = """
import sys, time
start = time.perf_counter()
from sino_russian_patrols.pipeline import build
result = build(__import__("pathlib").Path(sys.argv[1]))
print(time.perf_counter() - start, sum(result.rows.values()))
"""
SURNAMES = [
    "Lee",
    "Kim",
    "Park",
    "Sato",
    "Suzuki",
    "Tanaka",
    "Ivanov",
    "Petrov",
    "Wang",
    "Zhang",
    "Liu",
    "Chen",
]


def _article(i: int, published: dt.date) -> tuple[str, str, str]:
    """The text, the annotation and the weekday phrase of article number i."""
    event_day = published - dt.timedelta(days=i % 3)
    weekday = calendar.day_name[event_day.weekday()]
    name = f"Officer {SURNAMES[i % len(SURNAMES)]} {i}"
    stated = f"{published.day} {calendar.month_name[published.month]} {published.year}"
    text = (
        f"Patrol report {i}: bombers over the Sea of Japan\n\n"
        f"Published: {stated}\n\n"
        f"Two Russian Tu-95 bombers and four Chinese H-6K bombers flew a joint air patrol "
        f"number {i} over the Sea of Japan on {weekday}, the Ministry of Defence said.\n\n"
        f'"Report {i} shows the patrol stayed {i % 7 + 2} hours near the coast," {name} said.\n\n'
        f"The {i % 9 + 4}-hour flight {i} went from the Sea of Japan to the Pacific Ocean, the "
        f"second such patrol of report {i}. The bombers did not violate Japanese airspace in "
        f"flight {i}.\n"
    )
    slug = f"synthetic-{i:04d}-joint-air-patrol"
    annotation = f"""source:
  source_type: news_report
  title: "Patrol report {i}: bombers over the Sea of Japan"
  publisher: null
  published_date: {{quote: "Published: {stated}"}}
actors:
  - {{quote: "Ministry of Defence"}}
  - {{quote: "{name}"}}
events:
  - id: {slug}
    quote: "flew a joint air patrol number {i}"
    date: {{quote: "on {weekday}"}}
    duration: {{quote: "The {i % 9 + 4}-hour flight {i}"}}
    places:
      - {{quote: "Sea of Japan", occurrence: 2}}
    route:
      - {{from: {{quote: "Sea of Japan", occurrence: 3}}, to: "Pacific Ocean"}}
aircraft:
  - id: a01
    event: {slug}
    quote: "Two Russian Tu-95 bombers"
    country: "Russian"
    type: "Tu-95"
    count: "Two"
    role: bomber
    reported_by: ministry-of-defence
    attribution: "the Ministry of Defence said"
  - id: a02
    event: {slug}
    quote: "four Chinese H-6K bombers"
    country: "Chinese"
    type: "H-6K"
    count: "four"
    role: bomber
    reported_by: ministry-of-defence
    attribution: "the Ministry of Defence said"
statements:
  - id: s01
    speaker: officer-{SURNAMES[i % len(SURNAMES)].lower()}-{i}
    event: {slug}
    type: direct_quote
    quote: "Report {i} shows the patrol stayed {i % 7 + 2} hours near the coast,"
    remark: report-{i}
sequence:
  - id: q01
    event: {slug}
    quote: "the second such patrol of report {i}"
    ordinal: second
    series: joint air patrol
    scope: overall
    claimed_by: null
airspace:
  - id: z01
    event: {slug}
    quote: "did not violate Japanese airspace in flight {i}"
    kind: no_airspace_violation
"""
    return text, annotation, slug


def write_corpus(root: Path, articles: int) -> None:
    """A project of `articles` articles under root (at most 1,000: ids are NNN_<hex>)."""
    if not 1 <= articles <= 1000:
        raise ValueError("a corpus has 1 to 1,000 articles (source ids are numbered 000-999)")
    shutil.copytree(ROOT / "schema", root / "schema")
    folders = {name: root / "build" / name for name in ("articles", "annotations", "registries")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    shutil.copy2(ROOT / "build/registries/aircraft_types.yaml", folders["registries"])
    manifest, events = [], []
    actors = [
        "- id: ministry-of-defence\n  name: Ministry of Defence\n  type: government_body\n"
        '  aliases: ["Ministry of Defence"]\n'
    ]
    first = dt.date(2019, 1, 1)
    for i in range(articles):
        published = first + dt.timedelta(days=3 * i)
        text, annotation, slug = _article(i, published)
        raw = text.encode("utf-8")
        sha = hashlib.sha256(raw).hexdigest()
        source_id = f"{i:03d}_{sha[:16]}"
        (folders["articles"] / f"{source_id}.txt").write_bytes(raw)
        (folders["annotations"] / f"{source_id}.yaml").write_text(annotation, encoding="utf-8")
        manifest.append(f"- file: {source_id}.txt\n  sha256: {sha}\n  bytes: {len(raw)}\n")
        events.append(f"- id: {slug}\n  type: joint_air_patrol\n  summary: Synthetic patrol {i}.\n")
        surname = SURNAMES[i % len(SURNAMES)]
        actors.append(
            f"- id: officer-{surname.lower()}-{i}\n  name: Officer {surname} {i}\n  type: person\n"
            f'  aliases: ["Officer {surname} {i}"]\n'
        )
    (folders["articles"] / "manifest.yaml").write_text("".join(manifest), encoding="utf-8")
    (folders["registries"] / "events.yaml").write_text("".join(events), encoding="utf-8")
    (folders["registries"] / "actors.yaml").write_text("".join(actors), encoding="utf-8")
    (folders["registries"] / "places.yaml").write_text(
        '- id: sea-of-japan\n  name: Sea of Japan\n  type: sea\n  aliases: ["Sea of Japan"]\n'
        '- id: pacific-ocean\n  name: Pacific Ocean\n  type: ocean\n  aliases: ["Pacific Ocean"]\n',
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    args = parser.parse_args(argv)
    print("| articles | command s | in-process s | s per article (command) | rows |")
    print("|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp) / "project"
            write_corpus(project, size)
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", IN_PROCESS, str(project)],
                capture_output=True,
                text=True,
                check=False,
            )
            wall = time.perf_counter() - start
            if done.returncode != 0:
                print(f"the build of {size} articles failed:\n{done.stderr[-3000:]}")
                return 1
            inside, rows = done.stdout.split()
            print(f"| {size:,} | {wall:.2f} | {float(inside):.2f} | {wall / size:.4f} | {rows} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
