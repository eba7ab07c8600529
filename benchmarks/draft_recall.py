"""How much of each curated annotation the drafter recovers, leave-one-out.

For every curated article, the project is copied and made to stand as it would before that
article was added: its annotation is removed, and every registry entry (event, actor, place,
ship, exercise series, aircraft type) whose every use is in that article is dropped, as is
every alias of a kept entry that no other article's text contains. Anything the drafter
learns from the curated annotations is learned from the copy, so it never sees the article's
own. `draft --registry` then writes the annotation (and the new events it proposes into the
copy's registry, as `add-article` does), and the rows the build assembles from the draft are
compared with the rows it assembles from the curated file, per kind of fact:

- event links: the registered events the article mentions;
- date claims: (event, start, end, bound);
- aircraft claims: (event, country, type, count);
- ship claims: (event, country, ship or ship type, count);
- remarks: a statement of the right speaker whose span overlaps a curated one's by at least
  half of their union (a paraphrase's clause may be quoted a few words longer or shorter);
- zone claims: (event, kind, zone);
- actors: the mentions (actor, span) of actors the reduced registries still know;
- participants: (event, actor, role);
- sequence claims: (event, ordinal, scope);
- names: (event, series, where the name starts).

A new event the draft writes out stands for the left-out event whose curated mentions its
own mentions overlap most (one to one, by characters in common): the editor confirms it and
gives it the registry's id. A new event that overlaps none counts as wrong.

Only what the draft asserts counts; commented proposals do not. The editor's remaining work
is the share of the curated file's lines (neither blank nor comment) that the draft's
asserted lines do not already hold, compared line by line after stripping spaces, a line that
reads alone as a YAML mapping by the value it holds (quoted or not). A label that names a thing
only inside its file (a statement's `s03`, a claim's `a01`, a new remark's or new event's id)
is read as the label the curated file gives the same thing (`align_labels`: rows paired by the
fields they share and the words they quote): a draft that numbers its statements from one
where the curated file skips one leaves the editor nothing to renumber. The figure with the
labels compared as written is printed beside it. The run also checks that every draft is
accepted by the build's reader and steps (keep it 0).

Run from the project folder: `PYTHONPATH=src python benchmarks/draft_recall.py`; with
`--show KIND` (events, dates, ...) it also prints, per article, the curated facts of that kind
the draft missed and the asserted ones that are wrong; with `--only PREFIX[,PREFIX...]` it
drafts only the sources whose id starts so (the totals are then of those alone); with
`--save DIR` it writes each draft and its curated file to DIR (`<source>.draft.yaml`,
`<source>.curated.yaml`) for reading side by side.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from sino_russian_patrols.assemble import assemble
from sino_russian_patrols.draft import draft_annotation
from sino_russian_patrols.errors import Problems
from sino_russian_patrols.steps import read_project

ROOT = Path(__file__).resolve().parents[1]
KINDS = (
    "events",
    "dates",
    "aircraft",
    "ships",
    "remarks",
    "zones",
    "actors",
    "participants",
    "sequence",
    "names",
)
# registry file -> the key that names an entry
REGISTRIES = {
    "events.yaml": "id",
    "actors.yaml": "id",
    "places.yaml": "id",
    "ships.yaml": "id",
    "exercise_series.yaml": "id",
    "aircraft_types.yaml": "designation",
}

Rows = dict[str, list[dict[str, Any]]]
Remark = tuple[int, int, str | None]


def build_rows(root: Path) -> tuple[Rows, list[str]]:
    """The rows the build assembles for the project at `root`, and its problems."""
    problems = Problems()
    rows = assemble(*read_project(root, problems), problems)
    return rows, [str(p) for p in problems.items]


def facts(rows: Rows, source_id: str) -> dict[str, set[Any]]:
    """Each kind of fact one source gives, as comparable tuples."""

    def of(table: str) -> list[dict[str, Any]]:
        return [r for r in rows.get(table, []) if r.get("source_id") == source_id]

    evidence = of("evidence")
    return {
        "events": {e["record_id"] for e in evidence if e["record_table"] == "events"},
        "dates": {
            (d["event_id"], d["start_date"], d["end_date"], d["bound"]) for d in of("event_dates")
        },
        "aircraft": {
            (a["event_id"], a["country"], a["aircraft_type"], a["count"]) for a in of("aircraft")
        },
        "ships": {
            (s["event_id"], s["country"], s["ship_id"] or s["ship_type"], s["count"])
            for s in of("ship_claims")
        },
        "remarks": {(s["char_start"], s["char_end"], s["actor_id"]) for s in of("statements")},
        "zones": {
            (z["event_id"], z["claim_type"], z["zone_place_id"]) for z in of("airspace_claims")
        },
        "actors": {
            (e["record_id"], e["char_start"], e["char_end"])
            for e in evidence
            if e["record_table"] == "actors"
        },
        "participants": {
            (p["event_id"], p["actor_id"], p["role"]) for p in of("event_participants")
        },
        "sequence": {(q["event_id"], q["ordinal"], q["scope"]) for q in of("sequence_claims")},
        "names": {
            (n["event_id"], n["series_id"], e["char_start"])
            for n in of("event_names")
            for e in evidence
            if e["record_table"] == "event_names" and e["record_id"] == n["name_claim_id"]
        },
    }


def event_spans(rows: Rows, source_id: str) -> dict[str, list[tuple[int, int]]]:
    """The spans of each event's mentions in one source."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for e in rows.get("evidence", []):
        if e["source_id"] == source_id and e["record_table"] == "events":
            spans[e["record_id"]].append((e["char_start"], e["char_end"]))
    return spans


def match_new_events(
    curated: dict[str, list[tuple[int, int]]],
    drafted: dict[str, list[tuple[int, int]]],
    new: set[str],
    dropped: set[str],
) -> dict[str, str]:
    """Each new drafted event -> the left-out curated event whose mentions overlap its own
    most, one to one."""

    def overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
        return sum(max(0, min(y, d) - max(x, c)) for x, y in a for c, d in b)

    pairs = sorted(
        ((overlap(drafted[n], curated[c]), n, c) for n in new for c in dropped if c in curated),
        reverse=True,
    )
    mapping: dict[str, str] = {}
    for score, n, c in pairs:
        if score > 0 and n not in mapping and c not in mapping.values():
            mapping[n] = c
    return mapping


def rename(found: dict[str, set[Any]], mapping: dict[str, str]) -> dict[str, set[Any]]:
    """The facts with every new event id replaced by the curated id it stands for."""

    def one(value: Any) -> Any:
        if isinstance(value, tuple):
            return tuple(mapping.get(v, v) if isinstance(v, str) else v for v in value)
        return mapping.get(value, value) if isinstance(value, str) else value

    return {kind: {one(v) for v in values} for kind, values in found.items()}


def remark_hits(curated: Iterable[Remark], drafted: Iterable[Remark]) -> int:
    """Curated remarks matched one to one by a drafted remark of the same speaker whose span
    overlaps it by at least half of their union."""
    free = list(drafted)
    hits = 0
    for a, b, speaker in curated:
        for candidate in free:
            c, d, who = candidate
            overlap = min(b, d) - max(a, c)
            if who == speaker and overlap > 0 and overlap * 2 >= max(b, d) - min(a, c):
                free.remove(candidate)
                hits += 1
                break
    return hits


def known_remarks(used: dict[str, set[str]], source_id: str) -> set[str]:
    """Every label another article's rows hold (a remark id among them)."""
    return {value for value, sources in used.items() if sources - {source_id}}


def usage(rows: Rows) -> dict[str, set[str]]:
    """For every value a sourced row holds (an event, actor, place, ship, series id or an
    aircraft designation), the sources whose rows hold it."""
    used: dict[str, set[str]] = defaultdict(set)
    for table in rows.values():
        for row in table:
            source = row.get("source_id")
            if not source:
                continue
            for value in row.values():
                if isinstance(value, str):
                    used[value].add(source)
    return used


def leave_out(project: Path, source_id: str, used: dict[str, set[str]]) -> list[str]:
    """Make the registries of `project` stand as they would without `source_id`: drop the
    entries only it uses (unless a kept entry refers to one), and the aliases of kept entries
    that no other article's text contains. Returns what was dropped."""
    articles = project / "build" / "articles"
    others = [p.read_text(encoding="utf-8") for p in articles.glob("*.txt") if p.stem != source_id]

    def elsewhere(alias: str) -> bool:
        pattern = re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)")
        return any(pattern.search(text) for text in others)

    dropped: list[str] = []
    for name, key in REGISTRIES.items():
        path = project / "build" / "registries" / name
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        ids = [str(e[key]) for e in entries]
        only_here = {i for i in ids if used.get(i) and used[i] <= {source_id}}
        # a kept entry's parent (or any other reference) stays
        referred = {
            str(v)
            for e in entries
            if str(e[key]) not in only_here
            for k, v in e.items()
            if k != key
        }
        gone = only_here - referred
        kept = [e for e in entries if str(e[key]) not in gone]
        for e in kept:
            aliases = e.get("aliases")
            if isinstance(aliases, list) and aliases:
                e["aliases"] = [a for a in aliases if elsewhere(str(a))] or aliases[:1]
        dropped += sorted(gone)
        path.write_text(yaml.safe_dump(kept, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dropped


def content_lines(text: str) -> list[str]:
    """The lines of an annotation that carry data: stripped, neither blank nor comments, each
    as the value it holds (`id: "v01"` and `id: v01` are one line to an editor)."""
    lines = (line.split(" # ")[0].strip() for line in text.splitlines())
    return [_value(line) for line in lines if line and not line.startswith("#")]


def _value(line: str) -> str:
    """A line that reads alone as a YAML mapping (`key: value`, `- {quote: ...}`), written
    in one canonical form; any other line as it is."""
    item = line.startswith("- ")
    try:
        value = yaml.safe_load(line[2:] if item else line)
    except yaml.YAMLError:
        return line
    if not isinstance(value, dict):
        return line
    return ("- " if item else "") + json.dumps(
        value, sort_keys=True, default=str, ensure_ascii=False
    )


# the tables whose rows carry a label the annotation coins (`id: a01`), and that label's column
LOCAL_IDS = {
    "statements": "statement_id",
    "aircraft": "aircraft_id",
    "ship_claims": "ship_claim_id",
    "event_participants": "participant_claim_id",
    "sequence_claims": "sequence_claim_id",
    "airspace_claims": "airspace_claim_id",
    "event_names": "name_claim_id",
}
# the annotation keys whose values are labels: of its own rows, of events, of remarks
LABEL_KEYS = frozenset(
    {"id", "event", "aircraft", "ship", "remark", "same_as", "after", "before", "since", "anchor"}
)


def _spans(rows: Rows, source_id: str, table: str, key: str) -> dict[str, set[int]]:
    """Each row of `table` in one source -> the characters its quotes cover."""
    covered: dict[str, set[int]] = defaultdict(set)
    for row in rows.get(table, []):
        if row.get("source_id") == source_id and row.get("char_start") is not None:
            covered[row[key]].update(range(row["char_start"], row["char_end"]))
    for e in rows.get("evidence", []):
        if e["source_id"] == source_id and e["record_table"] == table:
            covered[e["record_id"]].update(range(e["char_start"], e["char_end"]))
    return covered


def align_labels(
    curated: Rows, drafted: Rows, source_id: str, events: dict[str, str], known_remarks: set[str]
) -> dict[str, str]:
    """The labels the draft coins -> the labels the curated file coins for the same thing.

    A label names a thing only inside its file (`s03`, a new remark's id, a new event's id):
    a draft that numbers its statements from one where the curated file skips one, or calls a
    remark `norad-not-a-threat` where the draft calls it `norad-were-not-perceived`, leaves the
    editor nothing to write. Rows of one table are paired one to one, most shared fields first,
    then most characters quoted in common (at least one); a remark's id is paired with the id
    of its paired statement's remark when neither id is one another article uses. Registered
    events and remarks keep their ids: linking the wrong one is the editor's to correct."""
    mapping = dict(events)
    prefix = f"{source_id}-"
    for table, key in LOCAL_IDS.items():
        mine = {r[key]: r for r in curated.get(table, []) if r.get("source_id") == source_id}
        theirs = {r[key]: r for r in drafted.get(table, []) if r.get("source_id") == source_id}
        cspans = _spans(curated, source_id, table, key)
        dspans = _spans(drafted, source_id, table, key)

        pairs = sorted(
            (
                (_shared(mine[c], theirs[d], key, mapping), len(cspans[c] & dspans[d]), d, c)
                for c in mine
                for d in theirs
                if cspans[c] & dspans[d]
            ),
            reverse=True,
        )
        paired: dict[str, str] = {}
        for _, _, d, c in pairs:
            if d not in paired and c not in paired.values():
                paired[d] = c
        for d, c in paired.items():
            mapping[d.removeprefix(prefix)] = c.removeprefix(prefix)
            if table == "statements":
                dr, cr = theirs[d].get("remark_id"), mine[c].get("remark_id")
                if dr and cr and dr not in known_remarks and cr not in known_remarks:
                    mapping.setdefault(dr, cr)
    return mapping


def _shared(
    curated: dict[str, Any], drafted: dict[str, Any], key: str, labels: dict[str, str]
) -> int:
    """How many fields two rows hold alike, besides their own label and source."""
    return sum(
        1
        for k, v in curated.items()
        if k not in (key, "source_id") and labels.get(str(drafted.get(k)), drafted.get(k)) == v
    )


def _relabel(value: Any, mapping: dict[str, str], key: str | None = None) -> Any:
    """`value` (a line read as YAML) with every label the mapping knows replaced."""
    if isinstance(value, dict):
        return {k: _relabel(v, mapping, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_relabel(v, mapping, key) for v in value]
    if key in LABEL_KEYS and isinstance(value, str):
        return mapping.get(value, value)
    return value


def relabel_lines(lines: list[str], mapping: dict[str, str]) -> list[str]:
    """Lines as `content_lines` gives them, with the draft's labels read as the curated
    file's."""
    out = []
    for line in lines:
        item = line.startswith("- ")
        body = line[2:] if item else line
        if body.startswith("{"):
            value = _relabel(json.loads(body), mapping)
            body = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
        out.append(("- " if item else "") + body)
    return out


def remaining_work(
    curated: str, draft: str, labels: dict[str, str] | None = None
) -> tuple[int, int]:
    """(curated lines the draft's asserted lines do not hold, curated lines), the draft's
    labels read through `labels` (see `align_labels`)."""
    offered = Counter(relabel_lines(content_lines(draft), labels or {}))
    todo = 0
    lines = content_lines(curated)
    for line in lines:
        if offered[line] > 0:
            offered[line] -= 1
        else:
            todo += 1
    return todo, len(lines)


def _option(name: str) -> str | None:
    """The value given after `name` on the command line, if any."""
    if name not in sys.argv[:-1]:
        return None
    return sys.argv[sys.argv.index(name) + 1]


def main() -> int:
    show = _option("--show")
    only = tuple(_option("--only").split(",")) if _option("--only") else ("",)
    save = Path(_option("--save")) if _option("--save") else None
    totals: Counter[str] = Counter()
    failures = 0
    full_rows, _ = build_rows(ROOT)
    used = usage(full_rows)
    sources = sorted(
        p.stem for p in (ROOT / "build" / "annotations").glob("*.yaml") if p.stem.startswith(only)
    )
    print(f"{'source':22} " + " ".join(f"{k[:8]:>9}" for k in KINDS) + "  work")
    for source_id in sources:
        curated = facts(full_rows, source_id)
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp) / "project"
            project.mkdir()
            for name in ("build", "schema"):
                shutil.copytree(ROOT / name, project / name)
            annotation = project / "build" / "annotations" / f"{source_id}.yaml"
            curated_text = annotation.read_text(encoding="utf-8")
            annotation.unlink()
            dropped = set(leave_out(project, source_id, used))
            reduced = read_project(project, Problems()).registries
            registered = {e.id for e in reduced.events}
            # the actors the reduced registries know, before the draft writes out new ones
            known = {a.id for a in reduced.actors}
            draft = draft_annotation(project, source_id, registry=True)
            annotation.write_text(draft, encoding="utf-8")
            if save:
                save.mkdir(parents=True, exist_ok=True)
                (save / f"{source_id}.draft.yaml").write_text(draft, encoding="utf-8")
                (save / f"{source_id}.curated.yaml").write_text(curated_text, encoding="utf-8")
            rows, problems = build_rows(project)
            mine = [p for p in problems if source_id in p]
            drafted_spans = event_spans(rows, source_id)
            new = set(drafted_spans) - registered
            mapping = match_new_events(
                event_spans(full_rows, source_id), drafted_spans, new, dropped
            )
            drafted = rename(facts(rows, source_id), mapping)
            others = known_remarks(used, source_id)
            labels = align_labels(full_rows, rows, source_id, mapping, others)
        # actors the reduced registries know, on both sides: the new ones the draft writes
        # out are the editor's to confirm, as new events are
        curated["actors"] = {a for a in curated["actors"] if a[0] in known}
        drafted["actors"] = {a for a in drafted["actors"] if a[0] in known}
        if mine:
            failures += 1
            print(f"{source_id}: the draft does not build: {mine[:3]}")
        cells = []
        for kind in KINDS:
            if kind == "remarks":
                hit = remark_hits(curated[kind], drafted[kind])
            else:
                hit = len(curated[kind] & drafted[kind])
            totals[f"{kind}:hit"] += hit
            totals[f"{kind}:curated"] += len(curated[kind])
            totals[f"{kind}:drafted"] += len(drafted[kind])
            cells.append(f"{hit:>2}/{len(curated[kind]):<2}+{len(drafted[kind]) - hit:<2}")
            if kind == show and kind != "remarks":
                for fact in sorted(curated[kind] - drafted[kind], key=str):
                    print(f"  {source_id} missed: {fact}")
                for fact in sorted(drafted[kind] - curated[kind], key=str):
                    print(f"  {source_id} wrong:  {fact}")
        todo, lines = remaining_work(curated_text, draft, labels)
        totals["work:todo"] += todo
        totals["work:lines"] += lines
        totals["work:unaligned"] += remaining_work(curated_text, draft)[0]
        print(f"{source_id:22} " + " ".join(f"{c:>9}" for c in cells) + f"  {todo / lines:.0%}")
    print("(each cell: curated facts recovered / curated + asserted facts that are wrong)")
    print()
    print(f"{'kind':10} {'recall':>8} {'precision':>10}   (asserted draft entries only)")
    for kind in KINDS:
        hit, cur, dra = (totals[f"{kind}:{x}"] for x in ("hit", "curated", "drafted"))
        recall = hit / cur if cur else 1.0
        precision = hit / dra if dra else 1.0
        print(
            f"{kind:10} {recall:>8.0%} {precision:>10.0%}   ({hit} of {cur} curated, {dra} drafted)"
        )
    todo, lines = totals["work:todo"], totals["work:lines"]
    print(f"editor's remaining work: {todo / lines:.0%} ({todo} of {lines} lines written by hand)")
    raw = totals["work:unaligned"]
    print(f"  (labels compared as written: {raw / lines:.0%}, {raw} lines)")
    print(f"drafts that do not build: {failures} of {len(sources)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
