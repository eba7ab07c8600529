"""What the claim steps check of each claim alike: aircraft, statements, sequence and
airspace claims.

A claim is one source's account of an event: it refers to events the events step defines, is
attributed to actors its source mentions (actors step) and names there, and every value an
editor writes of it must be written in its words. `Claims` holds what a claim step needs for
that (its citations, the events, the mentions and the actors' spellings) and makes each check
once; the steps differ only in what they read of a claim and the row they write.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..citing import Citations, cite_place, named_in, word_in, written_in
from ..errors import Problems
from ..spans import Span
from ..yamlreader import Quote
from .actors import ActorsOutput, Mentions
from .base import Done, Inputs, Row, StepOutput, needed
from .events import EventsOutput


class Claim(Protocol):
    """What every claim record has: its id, the words that say it, and where it is written."""

    id: str
    quote: Quote
    file: str
    line: int | None


@dataclass(frozen=True)
class Claims:
    """One claim step's checks, over the outputs of the steps it needs (events, actors)."""

    cite: Citations
    problems: Problems
    events: frozenset[str]
    mentions: Mentions
    aliases: Mapping[str, tuple[str, ...]]
    countries: Mapping[str, str | None] = field(default_factory=dict)  # actor id → country
    seen: set[str] = field(default_factory=set)  # the claim ids kept so far

    @classmethod
    def of(cls, inputs: Inputs, done: Done) -> Claims:
        return cls(
            inputs.citations(),
            inputs.problems,
            needed(done, "events", EventsOutput).event_ids,
            needed(done, "actors", ActorsOutput).mentions,
            inputs.actor_aliases(),
            {e.id: e.country for e in inputs.registries.actors},
        )

    def first(self, claim_id: str, claim: Claim, kind: str) -> bool:
        """True the first time a claim id comes; again, it is a problem (the claim is left
        out)."""
        if claim_id in self.seen:
            self.problems.add(
                claim.file, claim.line, "duplicate_id", f"duplicate {kind} id {claim.id!r}"
            )
            return False
        self.seen.add(claim_id)
        return True

    def refers(self, claim: Claim, what: str, *events: str | None) -> None:
        """Every event the claim refers to (None: none) is a defined one, or a problem."""
        for ref in events:
            if ref is not None and ref not in self.events:
                self.problems.add(
                    claim.file, claim.line, "unknown_event", f"{what}: unknown event id {ref!r}"
                )

    def attributed(self, source_id: str, claim: Claim, **actors: str | None) -> None:
        """Every actor the claim names (by its key: `reported_by=…`) is one its source
        mentions, or a problem."""
        for key, actor in actors.items():
            self.mentions.check(self.problems, source_id, actor, key, claim.file, claim.line)

    def in_its_words(
        self,
        spans: list[Span],
        claim: Claim,
        what: str,
        values: Iterable[tuple[str, str | None]],
        by: str | None,
    ) -> bool:
        """True when each value given (key, value) is written in the claim's spans and the
        actor it is attributed to (`by`) is named there; otherwise problems, every value's."""
        written = all(
            [
                written_in(spans, v, k, what, claim.quote, self.problems)
                for k, v in values
                if v is not None
            ]
        )
        return written and named_in(spans, by, self.aliases, what, claim.quote, self.problems)

    def unnamed(
        self, spans: list[Span], actor: str | None, also: Iterable[str] = ()
    ) -> tuple[str, ...]:
        """The spellings of an actor the claim puts in its own words (the force that flies or
        sails, a participant) when none of them, nor `also` (a state's demonym), stands there;
        () when one does, or the actor is unknown (reported elsewhere)."""
        if actor is None or actor not in self.aliases:
            return ()
        names = (*self.aliases[actor], *also)
        return () if any(word_in(n, s.quote) for s in spans for n in names) else names

    def operated(self, spans: list[Span], claim: Claim, what: str, operator: str | None) -> bool:
        """The force a claim says flies or sails (`operator`) is named in the claim's words."""
        names = self.unnamed(spans, operator)
        if names:
            self.problems.add(
                claim.file,
                claim.line,
                "operator_not_named",
                what=what,
                actor=operator,
                names=", ".join(names),
            )
        return not names

    def operator_country(
        self, claim: Claim, what: str, operator: str | None, country: str | None
    ) -> str | None:
        """The claim's country: the one written, else the registry's country of its operator;
        a written country that is not the operator's is a problem (ValueError)."""
        if operator is None or operator not in self.countries:
            return country
        own = self.countries[operator]
        if own is None:
            raise ValueError(f"operator {operator!r} has no country in registries/actors.yaml")
        if country is not None and country != own:
            raise ValueError(f"country {country} is not the country {own} of operator {operator!r}")
        return own

    def place(self, source_id: str, quote: Quote | None, spans: list[Span]) -> tuple[bool, Any]:
        """(True, the id of the place `quote` names, or None for no quote), its span added to
        `spans`; (False, None) when it names no registered place as a name of its own
        (reported)."""
        if quote is None:
            return True, None
        named = cite_place(self.cite, source_id, quote)
        if named is None:
            return False, None
        spans.append(named[1])
        return True, named[0]

    def keep(
        self, table: str, claim_id: str, spans: Iterable[Span], rows: list[Row], row: Row
    ) -> None:
        """The claim's row, with its spans cited as its evidence."""
        for span in spans:
            self.cite.cite(table, claim_id, span)
        rows.append(row)

    def output(self, tables: Mapping[str, list[Row]]) -> StepOutput:
        """The step's rows and the evidence it cited."""
        return StepOutput(tables, list(self.cite.evidence.values()))
