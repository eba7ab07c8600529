"""The actors and their spellings: every registered actor some article mentions.

Reads each annotation's `actors:` mentions (and its wire agency) and `registries/actors.yaml`.
Besides its rows it gives the later steps `Mentions`: which actors each source names, so that
a claim is attributed only to an actor its source mentions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from ..citing import resolve_alias
from ..errors import Problems
from .base import Done, Inputs, Row, StepOutput, alias_rows, check_parents


@dataclass(frozen=True)
class Mentions:
    """The actor ids each source mentions."""

    by_source: Mapping[str, frozenset[str]]
    # sources with an actor spelling the registry does not know, and the registered actor ids:
    # a known actor not mentioned there is most likely that spelling, already reported once
    unresolved: frozenset[str]
    known: frozenset[str]

    def check(
        self,
        problems: Problems,
        source_id: str,
        actor: str | None,
        what: str,
        file: str,
        line: int | None,
    ) -> bool:
        """True when `actor` (if any) is mentioned in the source; otherwise a problem."""
        if actor is None or actor in self.by_source.get(source_id, ()):
            return True
        if actor in self.known and source_id in self.unresolved:
            return False  # one unknown spelling gives one error, not a cascade
        problems.add(
            file,
            line,
            "actor_not_mentioned",
            f"{what} {actor!r} is not mentioned in {source_id}: unknown actor id, or add its "
            "mention under `actors:` in this file",
        )
        return False


@dataclass(frozen=True)
class ActorsOutput(StepOutput):
    mentions: Mentions


def run(inputs: Inputs, done: Done) -> ActorsOutput:
    """Rows of actors and actor_aliases; each actor cited where it is mentioned."""
    cite, reg, problems = inputs.citations(), inputs.registries, inputs.problems
    by_id = {a.id: a for a in reg.actors}
    check_parents(reg.actors, "actor", problems)
    mentioned: dict[str, set[str]] = defaultdict(set)
    unresolved: set[str] = set()
    used_aliases: set[str] = set()
    for a in inputs.annotations:
        for quote in [*a.actors, *([a.meta.wire] if a.meta.wire else [])]:
            entry = resolve_alias(
                inputs.actor_index, quote, "actor", "registries/actors.yaml", problems
            )
            if entry is None:
                unresolved.add(a.source_id)
            span = cite.name_span(a.source_id, quote, "actor")
            if entry is not None and span is not None:
                mentioned[a.source_id].add(entry.id)
                cite.cite("actors", entry.id, span)
                used_aliases.add(quote.text)
    everywhere = set().union(*mentioned.values())
    rows: list[Row] = []
    aliases: list[Row] = []
    for e in reg.actors:
        if e.id not in everywhere:
            problems.add(
                e.file,
                e.line,
                "never_mentioned",
                f"actor {e.id!r} is never mentioned: list a mention under `actors:` in an "
                "annotation, or remove it from the registry",
            )
            continue
        if e.title is not None and not any(
            e.title in inputs.articles[src].text for src, ids in mentioned.items() if e.id in ids
        ):
            problems.add(e.file, e.line, "title_not_written", entry=e.id, title=e.title)
        aliases += alias_rows(e, "actor", used_aliases, problems)
        rows.append(
            {
                "actor_id": e.id,
                "name": e.name,
                "actor_type": e.type,
                "country": e.country,
                "title": e.title,
                "parent_actor_id": e.parent,
            }
        )
    mentions = Mentions(
        {src: frozenset(ids) for src, ids in mentioned.items()},
        frozenset(unresolved),
        frozenset(by_id),
    )
    return ActorsOutput(
        {"actors": rows, "actor_aliases": aliases}, list(cite.evidence.values()), mentions
    )
