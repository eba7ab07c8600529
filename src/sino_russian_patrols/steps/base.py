"""What a build step reads and what it returns.

Every step reads the same `Inputs` (the articles, the annotations, the registries and their
indexes) and the outputs of the steps it declares in `STEPS`; it returns its tables' rows and
the evidence rows that cite them, plus what a later step needs from it (the actors each source
mentions, the events defined…), as fields of its own frozen output. Nothing is shared by being
changed: the only thing every step adds to is the list of problems, which is sorted before it
is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TypeVar

from ..annotations import Annotation, Vocabularies, read_annotations
from ..articles import Article, read_articles
from ..citing import Citations, NameIndex, registry_index
from ..errors import Problems
from ..registries import ActorEntry, PlaceEntry, Registries, read_registries

Row = dict[str, Any]


@dataclass(frozen=True)
class Inputs:
    """What every step may read: the articles by source id, the annotations of those
    articles, the registries, and the indexes built once from them."""

    articles: Mapping[str, Article]
    annotations: tuple[Annotation, ...]
    registries: Registries
    problems: Problems
    names: NameIndex  # every registered actor and place spelling, to find longer names
    actor_index: Mapping[str, Any]  # actor spelling → registry entry
    place_index: Mapping[str, Any]  # place spelling → registry entry
    # every aircraft claim id an annotation declares, valid or not: a route leg or an
    # airspace claim refers to one, and a claim the build rejects is reported once, not twice
    aircraft_claims: frozenset[str]
    ship_claims: frozenset[str] = frozenset()  # likewise, the ship claims an airspace claim names

    def citations(self) -> Citations:
        """A step's own quoting, with its own evidence rows."""
        return Citations(self.articles, self.problems, self.names, self.place_index)

    def actor_aliases(self) -> dict[str, tuple[str, ...]]:
        """actor id → its spellings: a claim attributed to an actor names one of them."""
        return {e.id: e.aliases for e in self.registries.actors}


@dataclass(frozen=True)
class StepOutput:
    """A step's rows per table and the evidence rows that cite them."""

    rows: Mapping[str, list[Row]]
    evidence: list[Row]


Done = Mapping[str, StepOutput]  # the outputs of the steps a step declares it needs
Output = TypeVar("Output", bound=StepOutput)


@dataclass(frozen=True)
class Step:
    """One step: its function, and the steps whose outputs it reads."""

    run: Callable[[Inputs, Done], StepOutput]
    needs: tuple[str, ...] = ()


def needed(done: Done, name: str, kind: type[Output]) -> Output:
    """The output of step `name`; a step reads only what `STEPS` says it needs."""
    if name not in done:
        raise KeyError(
            f"the output of step {name!r} is not among the step's declared needs "
            f"({', '.join(done) or 'none'}): add {name!r} to its `needs` in STEPS"
        )
    found = done[name]
    if not isinstance(found, kind):
        raise TypeError(f"step {name!r} returned {type(found).__name__}, not {kind.__name__}")
    return found


def cited(outputs: Mapping[str, StepOutput], table: str) -> list[Row]:
    """The evidence rows the given outputs cite for `table`."""
    return [e for out in outputs.values() for e in out.evidence if e["record_table"] == table]


def alias_rows(
    entry: ActorEntry | PlaceEntry, kind: str, used: Collection[str], problems: Problems
) -> list[Row]:
    """The `<kind>_aliases` rows of a registered actor or place, one a spelling; a spelling
    that no mention quotes (`used`) is a problem: a typo, or a leftover."""
    rows: list[Row] = []
    for alias in entry.aliases:
        if alias not in used:
            problems.add(
                entry.file, entry.line, "alias_unused", what=kind, entry=entry.id, alias=alias
            )
        rows.append({"alias": alias, f"{kind}_id": entry.id})
    return rows


class Parented(Protocol):
    """A registry entry that may name a parent of its own kind (an event, an actor, a place)."""

    id: str
    parent: str | None
    file: str
    line: int | None


def check_parents(entries: Iterable[Parented], kind: str, problems: Problems) -> None:
    """Each entry's parent is another entry of its registry, and following the parents from an
    entry never leads back to it: reported at the entry's line, in the rules the validator
    checks the built table by (`unknown_parent`, `parent_self`, `parent_cycle`), where only a
    row can be named. Every entry is checked, a duplicate id's too (the first of an id is the
    one its children's parent means)."""
    entries = list(entries)
    by_id: dict[str, Parented] = {}
    for e in entries:
        by_id.setdefault(e.id, e)
    for e in entries:
        if e.parent is None:
            continue
        if e.parent == e.id:
            problems.add(e.file, e.line, "parent_self", f"{kind} {e.id!r} cannot be its own parent")
        elif e.parent not in by_id:
            problems.add(
                e.file,
                e.line,
                "unknown_parent",
                f"{kind} {e.id!r}: parent {e.parent!r} is not in the registry",
            )
        else:
            path, parent = [e.id], e.parent
            while parent is not None and parent in by_id and parent not in path:
                path.append(parent)
                parent = by_id[parent].parent
            if parent == e.id:  # back at the start: the entry is on a cycle
                cycle = " → ".join((*path, e.id))
                problems.add(
                    e.file, e.line, "parent_cycle", f"parent {kind}s form a cycle: {cycle}"
                )


def prepare(
    articles: list[Article],
    annotations: list[Annotation],
    registries: Registries,
    problems: Problems,
) -> Inputs:
    """The steps' inputs: each annotation paired with its article (a missing one on either
    side is a problem), and the registries indexed by spelling (checking ids and aliases)."""
    by_id = {a.source_id: a for a in articles}
    for a in annotations:
        if a.source_id not in by_id:
            problems.add(a.file, 1, "article_missing", source=a.source_id)
    annotated = {a.source_id for a in annotations}
    for source_id in sorted(set(by_id) - annotated):
        problems.add(
            f"build/annotations/{source_id}.yaml",
            None,
            "annotation_missing",
            "missing: every article needs an annotation file (at least its `source:` section)",
        )
    paired = tuple(a for a in annotations if a.source_id in by_id)
    names = [n for e in (*registries.actors, *registries.places) for n in e.aliases]
    return Inputs(
        articles=by_id,
        annotations=paired,
        registries=registries,
        problems=problems,
        names=NameIndex(names),
        actor_index=registry_index(registries.actors, "actor", problems),
        place_index=registry_index(registries.places, "place", problems),
        aircraft_claims=frozenset(f"{a.source_id}-{c.id}" for a in paired for c in a.aircraft),
        ship_claims=frozenset(f"{a.source_id}-{c.id}" for a in paired for c in a.ships),
    )


class ProjectFiles(NamedTuple):
    """What the build reads from a project's `build/` folder, before the steps' indexes."""

    articles: list[Article]
    annotations: list[Annotation]
    registries: Registries


def read_project(root: Path, problems: Problems) -> ProjectFiles:
    """The articles, annotations and registries of the project at `root`, each wrong value a
    problem at its file and line: the one reading of them that the build, the drafting tool
    and the steps' inputs share."""
    build_dir, schema_dir = root / "build", root / "schema"
    articles = read_articles(build_dir / "articles", problems)
    vocabularies = Vocabularies.from_schema(schema_dir)
    annotations = read_annotations(build_dir / "annotations", problems, vocabularies)
    registries = read_registries(build_dir / "registries", problems, schema_dir)
    return ProjectFiles(articles, annotations, registries)


def read_inputs(root: Path, problems: Problems) -> Inputs:
    """The steps' inputs of the project at `root`, read as the build reads them."""
    return prepare(*read_project(root, problems), problems)
