"""The drafter: what every proposer shares (the article, its body's end, the registries, the
known events, the publication date as the anchor of relative dates, and name mentions on word
boundaries), and the order in which the proposers run.

The proposers mirror the build's steps, one module per kind of fact: `source` (the source and
its publication date), `actors`, `events` (event mentions and their date claims), `aircraft`,
`remarks`, `ships`, `zones` (airspace and zone claims), `participants` (the countries and
forces named as parties), `sequence` (ordinal and sequence claims: "their fifth joint maritime
patrol", "for the first time", "the third time this year"), `names` (an exercise's name and
edition: "Joint Sea-2021"), `date_phrases` (the header list for the editor). Each module has
`propose(d)`, its patterns in `patterns`, and its confidence rule: what it is unsure of is
proposed commented out, with the reason.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from pathlib import Path

from .. import dates
from ..citing import is_word_at
from ..errors import InputError
from ..spans import occurrences
from .context_year import Identified
from .document import Draft, Item
from .new_actors import NewActor
from .new_aliases import NewAlias, NewPlace
from .new_events import NewEvent
from .new_ships import NewShip


class Drafter:
    """Proposes the entries of one article's annotation."""

    def __init__(self, root: Path, source_id: str) -> None:
        from ..errors import Problems
        from ..steps import read_inputs

        inputs = read_inputs(root, Problems())  # read as the build reads them
        self.root, self.source_id = root, source_id
        if source_id not in inputs.articles:
            known = ", ".join(sorted(inputs.articles)) or "none"
            raise InputError(
                f"no article build/articles/{source_id}.txt in the manifest (articles: {known}); "
                "add it with `sino-russian-patrols add-article PATH`"
            )
        self.article = inputs.articles[source_id]
        self.text = self.article.text
        # nothing below the article body (articles.END_OF_ARTICLE, or the manifest's
        # body_ends_before) is proposed: the build refuses quotes from there
        end = self.article.body_end
        self.end = len(self.text) if end is None else end
        self.registries = inputs.registries
        # the events as the build combines them from the other annotations, so that a draft
        # links to what the registries and the curated files say now, not to a stale dataset
        from ..steps import run_steps

        done = run_steps(inputs, ["events", "names", "sequence"])
        self.known_events: list[dict] = done["events"].rows["events"]
        # the places each event went through, as the other annotations name them: a dateless
        # article's event is told apart by them (context_year)
        self.known_places: dict[str, set[str]] = {}
        for table in ("event_places", "event_routes"):
            for r in done["events"].rows[table]:
                if r["place_id"]:
                    self.known_places.setdefault(r["event_id"], set()).add(r["place_id"])
        # each source's date claims: an event dated by a bound alone is still placed by them
        self.known_dates: list[dict] = done["events"].rows["event_dates"]
        # the days the sources reporting each event were published: an event no claim
        # dates is placed by its first report
        published = {r["source_id"]: r["published_date"] for r in done["sources"].rows["sources"]}
        self.reported_on: dict[str, list[dt.date]] = {}
        for annotation in inputs.annotations:
            day = published.get(annotation.source_id)
            for mention in annotation.events if day else ():
                self.reported_on.setdefault(mention.id, []).append(day)
        self.new_events: list[NewEvent] = []  # events no registered event fits, written out
        self.new_ships: list[NewShip] = []  # ships the registry does not know, written out
        # spellings of registered places the registry does not hold yet, written in
        self.new_aliases: list[NewAlias] = []
        self.new_places: list[NewPlace] = []  # zones the registry does not know, written out
        self.new_actors: list[NewActor] = []  # persons and states it does not know, written out
        self.registries.ships = list(self.registries.ships)  # the new ones are added to it
        # what the other annotations name ("Joint Sea 2021") and count ("the first joint
        # naval patrol"): a sentence that names or counts an event the same way links to it
        self.known_names: list[dict] = done["names"].rows["event_names"]
        self.known_ordinals: list[dict] = done["sequence"].rows["sequence_claims"]
        self.actor_country = {e.id: e.country for e in self.registries.actors}
        self.actor_type = {e.id: e.type for e in self.registries.actors}
        self.linked_events: list[str] = []  # the events the draft links, in order
        # (start, end, event) of each sentence whose mention the draft asserts
        self.event_sentences: list[tuple[int, int, str]] = []
        self.names = inputs.names  # every registered actor and place spelling
        self.draft = Draft(source_id)
        self.anchor: dates.Anchor | None = None
        # a dateless source: the sentences that fit one registered event, and the days its
        # undated sentences may report (context_year)
        self.identified: list[Identified] = []
        self.context_days: tuple[dt.date, dt.date] | None = None
        self.published: dt.date | None = None
        self.skip: list[tuple[int, int]] = []  # spans that are not mentions (the dateline)
        self.dateline: str | None = None  # the dateline's words, when they date the article
        # a dateline without a year no text or record completes: (its words, month, day)
        self.yearless_dateline: tuple[str, int, int] | None = None
        title = self.article.archive.title
        first = self.text.find(title) if title else -1
        # the headline repeats the report: no event mention or aircraft claim is read from it
        self.headline = (first, first + len(title)) if title and first != -1 else (0, 0)

    # -- names ------------------------------------------------------------------------------
    def _name_at(self, start: int, end: int) -> bool:
        """A whole word, not inside a longer registered name, not in a skipped span."""
        if not is_word_at(self.text, start, end) or end > self.end:
            return False
        if any(lo <= start and end <= hi for lo, hi in self.skip):
            return False
        return self.names.covering(self.text, start, end) is None

    def mentions(self, entries, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, str]]:
        hi = self.end if hi is None else hi
        found = []
        for e in entries:
            for alias in e.aliases:
                for start in occurrences(self.text, alias):
                    end = start + len(alias)
                    if lo <= start and end <= hi and self._name_at(start, end):
                        found.append((start, end, e.id))
        return sorted(found)

    def other_country(self, start: int, actor_id: str) -> str | None:
        """The country named right before an actor mention when it is not the actor's own:
        "Chinese" before the Japanese ministry's alias "Defense Ministry" says the words name
        another body, one the registries do not know by these words."""
        from .patterns import DEMONYMS

        country = self.actor_country.get(actor_id)
        if country is None or self.actor_type.get(actor_id) == "state":
            return None
        before = self.text[max(0, start - 20) : start]
        for word, code in DEMONYMS.items():
            if before.rstrip().endswith(word) and before[-1:].isspace() and code != country:
                return word
        return None

    def event_kind(self, event_id: str) -> str | None:
        """The type of a registered event or of one the draft writes out."""
        for e in self.new_events:
            if e.id == event_id:
                return e.type
        return next((e.type for e in self.registries.events if e.id == event_id), None)

    def event_parent(self, event_id: str) -> str | None:
        for e in self.new_events:
            if e.id == event_id:
                return e.parent
        return next((e.parent for e in self.registries.events if e.id == event_id), None)

    def answering_countries(self, sentence_start: int, sentence_end: int) -> list[str]:
        """The ids of the states other than Russia and China whose bodies or names a
        sentence names, whose forces answer a patrol ("the Air Self-Defense Force scrambled
        fighter jets", "South Korea summoned the ambassadors"): the one state it names; the
        states it names together ("Japan and South Korea both alleged ..., prompting their
        military to rush fighter jets"), each answering on its own; else none."""
        named = [
            (lo, hi, self.actor_country.get(actor))
            for lo, hi, actor in self.actor_mentions()
            if self.actor_country.get(actor) not in (None, "RUS", "CHN")
        ]
        here = sorted(m for m in named if sentence_start <= m[0] < sentence_end)
        countries = list(dict.fromkeys(c for _, _, c in here))
        if not countries:
            # the sentence names no one ("ASDF fighters were scrambled"): the one other
            # country the article names most, if it names it most by far
            counts = Counter(c for _, _, c in named)
            ranked = counts.most_common(2)
            if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
                countries = [ranked[0][0]]
        if len(countries) == 2:
            # named together: "Japan and South Korea", not "Japan said South Korea's jets"
            together = any(
                a[2] != b[2] and re.fullmatch(r"\s+(?:and|&)\s+", self.text[a[1] : b[0]])
                for a, b in itertools.pairwise(here)
            )
            if not together:
                return []
        elif len(countries) != 1:
            return []
        states = []
        for country in countries:
            ids = [
                e.id for e in self.registries.actors if e.type == "state" and e.country == country
            ]
            if len(ids) != 1:
                return []
            states.append(ids[0])
        return states

    def event_near(self, at: int, types: frozenset[str]) -> str | None:
        """The event of one of `types` that the sentence holding `at` mentions, else the
        first such event the draft links: a claim belongs to the event its sentence reports."""
        for lo, hi, event in self.event_sentences:
            if lo <= at < hi and self.event_kind(event) in types:
                return event
        return next((e for e in self.linked_events if self.event_kind(e) in types), None)

    def inside_a_name(self, start: int, end: int, actor_id: str) -> str | None:
        """The words after a state's or body's name that make it part of a longer name or
        a modifier ("South Korea's presidential office"), or None."""
        from .patterns import INSIDE_A_NAME

        if self.actor_type.get(actor_id) == "person":
            return None
        m = INSIDE_A_NAME.match(self.text, end)
        return self.text[start : m.end()] if m else None

    def actor_mentions(self) -> list[tuple[int, int, str]]:
        """The actor mentions that no country word right before contradicts, and that are
        not part of a longer name."""
        return [
            m
            for m in self.mentions(self.registries.actors)
            if not self.other_country(m[0], m[2]) and not self.inside_a_name(*m)
        ]

    def written_actor_mentions(self) -> list[tuple[int, int, str]]:
        """The mentions by the spellings the draft writes into the actors' aliases ("PLA Air
        Force", "China's Ministry of National Defence"): an editor confirms those as mentions
        too, so what reads mentions (parties, reporters) reads them beside the registered."""
        return [
            (start, start + len(a.alias), a.place_id)
            for a in self.new_aliases
            if a.registry == "actors"
            for start in occurrences(self.text[: self.end], a.alias)
            if is_word_at(self.text, start, start + len(a.alias))
        ]

    # -- sections ---------------------------------------------------------------------------

    def in_headline(self, at: int) -> bool:
        return self.headline[0] <= at < self.headline[1]

    def body_sentences(self) -> list[tuple[int, int]]:
        """The body's sentences a proposer reads for what they report: not the headline's,
        none inside a skipped span (the dateline). Read when asked: the skipped spans grow
        as the publication date is found."""
        from .patterns import sentences

        return [
            (lo, hi)
            for lo, hi in sentences(self.text, 0, self.end)
            if not self.in_headline(lo) and not any(a <= lo and hi <= b for a, b in self.skip)
        ]

    def run(self) -> Draft:
        from . import (
            actors,
            aircraft,
            context_year,
            date_phrases,
            events,
            names,
            new_actors,
            participants,
            remarks,
            sequence,
            ships,
            source,
            zones,
        )

        self.draft.items.append(Item("source", source.propose(self)))
        # the publication date is an item of its own: if the build rejects it, it is
        # commented out with the reason and the draft still builds
        published = Item("source", source.published_date(self))
        self.draft.items.append(published)
        year = context_year.propose(self)
        if year and year[0].startswith("published_date"):
            published.lines = year  # the dateline's year, from the events it reports
        elif year:
            self.draft.items.append(Item("source", year))
        new_actors.propose(self)
        actors.propose(self)
        event_id = events.propose(self)
        aircraft.propose(self)
        remarks.propose(self, event_id)
        ships.propose(self)
        zones.propose(self)
        participants.propose(self)
        sequence.propose(self)
        names.propose(self)
        aircraft.unknown_designations(self)
        date_phrases.propose(self)
        return self.draft
