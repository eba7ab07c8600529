"""Draft an annotation file for a new article: propose, let the editor confirm.

The draft proposes, from the article and the registries: the publication date and where it
came from; every actor and place mention, counted on word boundaries and never inside a
longer registered name; the known event that a patrol report most likely is; aircraft
claims read from phrases such as "two Russian Tu-95 bombers"; quoted remarks with the
speaker named next to them; designations the registry does not know. Whatever the draft is
unsure of is written commented out, with the reason. The draft is checked by the build's
own reader and assembler, and every item the build rejects is commented out with the
build's message, so that the draft builds as it is.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import dates, normalize
from .citing import NameIndex, is_word_at
from .errors import InputError

_PATROL = re.compile(
    r"\bjoint\s+(?:air\s+|aerial\s+|bomber\s+|strategic\s+)*(?:patrols?|flights?|operations?)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?](?=\s|$)|$)", re.MULTILINE)
_NUMBER = (
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
)
_QUALIFIER = r"(?:a total of |more than |at least |about |approximately |around |up to )?"
_COUNTRY = (
    r"(?:Russian|Chinese|Japanese|South Korean|American|U\.S\.|Russia[’']s|China[’']s|"
    r"Japan[’']s)"
)
_NOUN = (
    r"(?:strategic bombers?|bombers?|fighter jets?|fighters?|early warning (?:and control )?"
    r"(?:aircraft|planes?)|aircraft|warplanes?|planes?|jets?|missile carriers?)"
)
_DESIGNATION = r"(?:[A-Za-z\u0400-\u04ff]{1,3}[-\u2010\u2011 ]?\d{1,4}[A-Za-z\u0400-\u04ff]{0,3})"
# "[count] <country> [and <country>] [<designation>] [strategic] <noun>", or a designation
# without a noun ("Russian Tu-95МS and Chinese H-6K strategic bombers")
_AIRCRAFT = re.compile(
    rf"(?:(?<![\w.,])(?P<count>{_QUALIFIER}{_NUMBER})[ \u00a0]+(?:of[ \u00a0]+)?)?"
    rf"(?P<country>{_COUNTRY})(?:[ \u00a0]+and[ \u00a0]+(?P<country2>{_COUNTRY}))?[ \u00a0]+"
    rf"(?:(?:(?P<type>{_DESIGNATION})[ \u00a0]+)?(?:strategic[ \u00a0]+)?(?P<noun>{_NOUN})\b"
    rf"|(?P<bare>{_DESIGNATION})(?![\w-]))",
    re.IGNORECASE,
)
# a name used as a location ("an airfield in China", "near Japan") is a place, not an actor
# ("near South Korea and Japan", "in western Japan", "visited China")
_LOCATIVE = re.compile(
    r"(?:\b(?:in|near|over|around|off|toward|towards|from|visited|across|direction of) "
    r"(?:the )?(?:[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,2} ?(?:,|\band) )?"
    r"(?:(?:south|north|east|west)(?:ern|ernmost)? |central )?"
    r"|\b(?:south|north|east|west)(?:ern|ernmost) )$",
)
_SAID = r"(?:said|told|added|noted|stated|wrote)"
_QUOTED = re.compile(r"[“\"](?P<q>[^”\"\n]{12,}?)[”\"]")


@dataclass
class Item:
    """One proposed entry: its YAML lines, and why it is commented out (None: asserted)."""

    section: str
    lines: list[str]
    unsure: str | None = None
    note: str | None = None


@dataclass
class Draft:
    source_id: str
    items: list[Item] = field(default_factory=list)
    to_add: list[str] = field(default_factory=list)
    date_phrases: list[str] = field(default_factory=list)

    def render(self) -> tuple[str, dict[int, int]]:
        """The YAML text, and for each line number the index of the item it belongs to."""
        out = [
            f"# Draft annotations for articles/{self.source_id}.txt, written by "
            "`sino-russian-patrols draft`.",
            "# Confirm, complete and correct every entry; commented entries are proposals the",
            "# draft was unsure of, each with the reason. Quotes are verbatim; `occurrence` counts",
            "# every start position of the quote in the article, 1 = first.",
        ]
        for entry in self.to_add:
            out.append(f"# registry entry to add: {entry}")
        if self.date_phrases:
            out.append("# date phrases in the article, as the date rules read them:")
            out.extend(f"#   {line}" for line in self.date_phrases)
        owner: dict[int, int] = {}
        section = None
        for index, item in enumerate(self.items):
            if item.section != section:
                section = item.section
                out.append("")
                out.append(f"{section}:")
            if item.note:
                out.append(f"  # {item.note}")
            if item.unsure:
                out.append(f"  # unsure: {item.unsure}")
            for line in item.lines:
                out.append(("  # " + line) if item.unsure else ("  " + line))
                owner[len(out)] = index
        return "\n".join(out) + "\n", owner


def _q(text: str) -> str:
    """A YAML double-quoted string (JSON escapes are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _occurrences(text: str, quote: str) -> list[int]:
    found, i = [], text.find(quote)
    while i != -1:
        found.append(i)
        i = text.find(quote, i + 1)
    return found


def _quote(text: str, start: int, end: int) -> str:
    """`{quote: ..., occurrence: N}` for text[start:end], with N only when needed."""
    quote = text[start:end]
    starts = _occurrences(text, quote)
    if len(starts) == 1:
        return f"{{quote: {_q(quote)}}}"
    return f"{{quote: {_q(quote)}, occurrence: {starts.index(start) + 1}}}"


def _unique_around(text: str, start: int, end: int, limit: int) -> tuple[int, int] | None:
    """The shortest extension of text[start:end] by whole words that is unique in text."""
    lo, hi = start, end
    for _ in range(12):
        if len(_occurrences(text, text[lo:hi])) == 1:
            return lo, hi
        nxt = text.find(" ", hi + 1)
        hi = min(limit, len(text) if nxt == -1 else nxt)
    return None


class Drafter:
    """Proposes the entries of one article's annotation."""

    def __init__(self, root: Path, source_id: str) -> None:
        from .articles import read_articles
        from .errors import Problems
        from .registries import read_registries

        problems = Problems()
        self.root, self.source_id = root, source_id
        articles = {a.source_id: a for a in read_articles(root / "build" / "articles", problems)}
        if source_id not in articles:
            known = ", ".join(sorted(articles)) or "none"
            raise InputError(
                f"no article build/articles/{source_id}.txt in the manifest (articles: {known}); "
                "add it with `sino-russian-patrols add-article PATH`"
            )
        self.article = articles[source_id]
        self.text = self.article.text
        # nothing below the article body (articles.END_OF_ARTICLE, or the manifest's
        # body_ends_before) is proposed: the build refuses quotes from there
        end = self.article.body_end
        self.end = len(self.text) if end is None else end
        self.registries = read_registries(root / "build" / "registries", problems, root / "schema")
        self.names = NameIndex(
            [a for e in (*self.registries.actors, *self.registries.places) for a in e.aliases]
        )
        self.draft = Draft(source_id)
        self.anchor: dates.Anchor | None = None
        self.published: dt.date | None = None
        self.skip: list[tuple[int, int]] = []  # spans that are not mentions (the dateline)
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

    def _mentions(self, entries, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, str]]:
        hi = self.end if hi is None else hi
        found = []
        for e in entries:
            for alias in e.aliases:
                for start in _occurrences(self.text, alias):
                    end = start + len(alias)
                    if lo <= start and end <= hi and self._name_at(start, end):
                        found.append((start, end, e.id))
        return sorted(found)

    # -- sections ---------------------------------------------------------------------------
    def source(self) -> list[str]:
        record, text = self.article.archive, self.text
        lines = ["source_type: news_report"]
        title = record.title
        if title and title in text[: self.end]:
            starts = _occurrences(text, title)
            lines.append(f"title: {_q(title)}")
            if len(starts) > 1:
                lines.append("title_occurrence: 1")
        else:
            lines.append(
                "title: null                      # the archived page's headline is not in the text"
            )
        lines.append(
            "publisher: null                  # a quote only if the text names its publisher"
        )
        wire = self._wire()
        if wire:
            lines.append(f"wire: {wire}")
        return lines

    def _wire(self) -> str | None:
        head = self.text[: min(self.end, 400)]
        for e in self.registries.actors:
            if e.type != "media":
                continue
            for alias in e.aliases:
                m = re.search(rf"(?:\(\s*{re.escape(alias)}\s*\)|>>\s*{re.escape(alias)}\b)", head)
                if m:
                    start = m.start() + m.group(0).index(alias)
                    return _quote(self.text, start, start + len(alias))
        return None

    def _published(self) -> list[str]:
        record, text = self.article.archive, self.text
        for m in re.finditer(r"[^\n]+", text[: min(self.end, 600)]):
            line = m.group(0).strip()
            try:
                date = dates.parse_stated(line)
            except ValueError:
                date = None
            if date is not None and len(_occurrences(text, line)) == 1:
                self._anchor(date, "stated", f"the stated publication date {date.isoformat()}")
                return ["published_date:", f"  quote: {_q(line)}"]
            parsed = dates.parse_dateline(line)
            if parsed is not None:
                head = re.split(r"\s*(?:\(|--|—)", line, maxsplit=1)[0]
                month, day, year = parsed
                year = (
                    year
                    or (
                        record.page_date
                        or dates.date_from_url(record.url or "")
                        or dt.date(1, 1, 1)
                    ).year
                )
                if year > 1 and len(_occurrences(text, head)) == 1:
                    start = text.find(head)
                    self.skip.append((start, start + len(head)))
                    date = dt.date(year, month, day)
                    self._anchor(
                        date, "stated", f"the dateline publication date {date.isoformat()}"
                    )
                    return [f"published_date: {{quote: {_q(head)}, from: dateline}}"]
        if record.page_date is not None:
            self._anchor(record.page_date, "stated", "the publication date the page carried")
            return ["published_date: {from: page_record}   # the text gives no date"]
        url_date = dates.date_from_url(record.url or "")
        if url_date is not None:
            self._anchor(url_date, "stated", "the publication date in the page's URL")
            return ["published_date: {from: url}   # neither the text nor the page gives a date"]
        return [
            "# published_date: nothing gives it (text, dateline, page record, URL): add "
            "{value: YYYY-MM-DD, basis: inferred, note: why} if the text implies it"
        ]

    def _anchor(self, date: dt.date, derived: str, description: str) -> None:
        self.published = date
        self.anchor = dates.Anchor(date, date.year, derived, derived, "day", description)

    def actors(self) -> None:
        places = {a for e in self.registries.places for a in e.aliases}
        for start, end, actor_id in self._mentions(self.registries.actors):
            line = [f"- {_quote(self.text, start, end)}   # {actor_id}"]
            before = self.text[max(0, start - 60) : start]
            if self.text[start:end] in places and _LOCATIVE.search(before):
                why = "a place name after a preposition: probably a location, not the actor"
                self.draft.items.append(Item("actors", line, why))
            else:
                self.draft.items.append(Item("actors", line))

    def _date_quote(self, lo: int, hi: int) -> tuple[str, bool] | None:
        """A date phrase in text[lo:hi] that resolves, as a unique quote; and whether it is the
        day of a report ("said on Saturday"), which dates only the end."""
        for a, b in self.skip:  # the dateline dates the article, not the event
            if lo <= a < hi:
                lo = max(lo, b)
        found = dates.find_phrase(self.text[lo:hi])
        if found is None or self.anchor is None:
            return None
        start, end = lo + found[0], lo + found[1]
        if "Weekday" in found[2] and not re.search(dates._WEEKDAY, self.text[start:end]):
            w = re.search(dates._WEEKDAY, self.text[end:hi])
            if w is None:
                return None
            end += w.end()
        before = self.text[max(lo, start - 12) : start]
        if m := re.search(r"(?:\bearly |\blate )?\bon $", before):
            start -= len(m.group(0))
        report = re.search(rf"\b{_SAID}\s+(?:on\s+)?$", self.text[max(lo, start - 14) : start])
        if report:
            start -= len(report.group(0))
        span = _unique_around(self.text, start, end, hi)
        if span is None:
            return None
        quote = self.text[span[0] : span[1]]
        try:
            resolved = dates.resolve(quote, self.anchor)
        except ValueError:
            return None
        if resolved.start is not None and self.published and resolved.start > self.published:
            return None
        return quote, bool(report)

    def _known_event(self, when: dates.ResolvedDate | None) -> tuple[str | None, str]:
        """The registered joint air patrol whose dates lie within three days of `when`."""
        import polars as pl

        events_file = self.root / "dataset" / "parquet" / "events.parquet"
        if when is None or when.end is None or not events_file.is_file():
            return None, "no date to compare with the known patrols"
        events = pl.read_parquet(events_file).filter(pl.col("event_type") == "joint_air_patrol")
        window = dt.timedelta(days=3)
        low = (when.start or when.end - dt.timedelta(days=30)) - window
        high = when.end + window
        hits = [
            r["event_id"]
            for r in events.iter_rows(named=True)
            if (r["end_date"] is None or r["end_date"] >= low)
            and (
                (r["start_date"] or r["end_date"]) is None
                or (r["start_date"] or r["end_date"]) <= high
            )
        ]
        if len(hits) == 1:
            return hits[0], f"the known patrol {hits[0]} lies within three days of this date"
        if hits:
            return None, f"several known patrols fit the date: {', '.join(hits)}"
        return (
            None,
            "no known patrol within three days: define a new event in registries/events.yaml",
        )

    def events(self) -> str | None:
        """Mentions of the patrol the article reports; returns the linked event id."""
        linked = None
        for s in _SENTENCE.finditer(self.text[: self.end]):
            if not _PATROL.search(s.group(0)) or self._in_headline(s.start()):
                continue
            lo, hi = s.start(), s.end()
            sentence = s.group(0).strip()
            start = lo + s.group(0).index(sentence)
            span = _unique_around(self.text, start, start + len(sentence), hi)
            if span is None:
                continue
            dated = self._date_quote(lo, hi)
            when = None
            if dated is not None:
                when = dates.resolve(dated[0], self.anchor)
                if dated[1]:
                    when = dates.end_bound(when)
            event_id, why = self._known_event(when)
            lines = [f"- id: {event_id or 'NEW-EVENT-ID'}", f"  quote: {_q(sentence)}"]
            if dated is not None:
                end_only = ", end_only: true" if dated[1] else ""
                lines.append(f"  date: {{quote: {_q(dated[0])}{end_only}}}")
            places = self._mentions(self.registries.places, lo, hi)
            if places:
                lines.append("  places:")
                lines += [f"    - {_quote(self.text, a, b)}   # {pid}" for a, b, pid in places]
            unsure = None if event_id else why
            self.draft.items.append(Item("events", lines, unsure, None if unsure else why))
            linked = linked or event_id
        if not any(item.section == "events" for item in self.draft.items):
            self._first_report()
        return linked

    def _first_report(self) -> None:
        """No sentence names a joint patrol: propose the first sentence that counts aircraft
        as the report of an event to define (commented out: the editor decides what it is)."""
        for s in _SENTENCE.finditer(self.text[: self.end]):
            if self._in_headline(s.start()) or not _AIRCRAFT.search(s.group(0)):
                continue
            sentence = s.group(0).strip()
            start = s.start() + s.group(0).index(sentence)
            if _unique_around(self.text, start, start + len(sentence), s.end()) is None:
                continue
            lines = ["- id: NEW-EVENT-ID", f"  quote: {_q(sentence)}"]
            dated = self._date_quote(s.start(), s.end())
            if dated is not None:
                end_only = ", end_only: true" if dated[1] else ""
                lines.append(f"  date: {{quote: {_q(dated[0])}{end_only}}}")
            places = self._mentions(self.registries.places, s.start(), s.end())
            if places:
                lines.append("  places:")
                lines += [f"    - {_quote(self.text, a, b)}   # {pid}" for a, b, pid in places]
            why = (
                "no sentence names a joint patrol; if this reports a new event, define it in "
                "registries/events.yaml (id, type, summary) and use its id here"
            )
            self.draft.items.append(Item("events", lines, why))
            return

    def _in_headline(self, at: int) -> bool:
        return self.headline[0] <= at < self.headline[1]

    def aircraft(self, event_id: str | None) -> None:
        known = [t.designation for t in self.registries.aircraft_types]
        kinds = {t.designation: t.kind for t in self.registries.aircraft_types}
        number = 0
        for m in _AIRCRAFT.finditer(self.text[: self.end]):
            if self._in_headline(m.start()):
                continue
            raw_type = m.group("type") or m.group("bare") or m.group("noun")
            try:
                canonical = normalize.aircraft_type(raw_type, known)
            except ValueError:
                self.draft.to_add.append(f"aircraft type {raw_type!r} (in {m.group(0)!r})")
                continue
            noun = (m.group("noun") or "").casefold()
            if "early warning" in noun:
                role = "airborne_early_warning"
            elif "bomber" in noun or "missile carrier" in noun:
                role = "bomber"
            elif "fighter" in noun:
                role = "fighter"
            else:
                role = {"bomber": "bomber", "fighter": "fighter"}.get(
                    kinds.get(canonical, ""), "unspecified"
                )
            span = _unique_around(self.text, m.start(), m.end(), self.end)
            reporter = self._reporter(m.start())
            note = f"reported_by? the nearest attribution is {reporter!r}" if reporter else None
            unsure = None if event_id and span else "no known event to attach it to"
            if unsure is None and canonical == normalize.UNSPECIFIED and not m.group("count"):
                unsure = "a generic noun without a number: probably a claim made above again"
            singular = noun and not noun.endswith("s") and noun != "aircraft"
            if unsure is None and not m.group("count") and singular:
                unsure = "one aircraft named without a number (a photo caption?)"
            for country in filter(None, (m.group("country"), m.group("country2"))):
                number += 1
                lines = [
                    f"- id: a{number:02d}",
                    f"  event: {event_id or 'NEW-EVENT-ID'}",
                    f"  quote: {_q(self.text[span[0] : span[1]]) if span else _q(m.group(0))}",
                    f"  country: {_q(country)}",
                    f"  type: {_q(raw_type)}",
                ]
                if m.group("count"):
                    lines.append(f"  count: {_q(m.group('count'))}")
                lines.append(f"  role: {role}")
                self.draft.items.append(Item("aircraft", lines, unsure, note))

    def _reporter(self, at: int) -> str | None:
        """The attribution nearest after `at` in the same paragraph."""
        paragraph_end = self.text.find("\n", at)
        tail = self.text[at : paragraph_end if paragraph_end != -1 else self.end]
        m = re.search(rf"(?:according to [^,.]+|[A-Z][\w’' -]{{2,60}}\s+{_SAID})", tail)
        return m.group(0).strip() if m else None

    def statements(self, event_id: str | None) -> None:
        actors = {alias: e.id for e in self.registries.actors for alias in e.aliases}
        number = 0
        for m in _QUOTED.finditer(self.text[: self.end]):
            words = m.group("q").strip().rstrip(",")
            if len(words.split()) < 3:
                continue
            after = self.text[m.end() : m.end() + 80]
            before = self.text[max(0, m.start() - 80) : m.start()]
            speaker = None
            tag = re.match(rf"\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){{0,3}})\s+{_SAID}\b", after)
            if tag is None:
                tag = re.search(
                    rf"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){{0,3}})\s+{_SAID},?\s*$", before
                )
            if tag:
                speaker = next((actors[a] for a in actors if tag.group(1).endswith(a)), None)
                name = tag.group(1)
                entry = f"actor spelling {name!r} (speaks in the text; registries/actors.yaml)"
                if speaker is None and entry not in self.draft.to_add:
                    self.draft.to_add.append(entry)
            number += 1
            quote = m.group("q")
            lines = [
                f"- id: s{number:02d}",
                f"  speaker: {speaker or 'null'}",
            ]
            if event_id:
                lines.append(f"  event: {event_id}")
            lines += ["  type: direct_quote", f"  quote: {_q(quote)}"]
            slug = "-".join(re.findall(r"[a-z0-9]+", quote.casefold())[:5])
            lines.append(f"  remark: {speaker + '-' if speaker else ''}{slug}")
            unsure = (
                None
                if speaker
                else "no speaker named next to the quotation (a scare quote has speaker null)"
            )
            self.draft.items.append(Item("statements", lines, unsure))

    def unknown_designations(self) -> None:
        known = [t.designation for t in self.registries.aircraft_types]
        for start, end, canonical in normalize.aircraft_mentions(self.text[: self.end], known):
            if canonical is None:
                entry = f"aircraft type {self.text[start:end]!r} (registries/aircraft_types.yaml)"
                if entry not in self.draft.to_add:
                    self.draft.to_add.append(entry)

    def dates(self) -> None:
        """Every date phrase of the article with the date it resolves to, or why it cannot."""
        for s in _SENTENCE.finditer(self.text[: self.end]):
            lo = s.start()
            for a, b in self.skip:
                if lo <= a < s.end():
                    lo = max(lo, b)
            found = dates.find_phrase(self.text[lo : s.end()])
            if found is None:
                continue
            phrase = self.text[lo + found[0] : lo + found[1]]
            try:
                r = dates.resolve(phrase, self.anchor)
            except ValueError as exc:
                self.draft.date_phrases.append(f"{phrase!r}: cannot be read ({str(exc)[:120]})")
                continue
            when = (
                r.start.isoformat()
                if r.start == r.end and r.start
                else (f"{r.start or '…'}..{r.end or '…'}")
            )
            self.draft.date_phrases.append(f"{phrase!r} → {when} ({r.precision}, {r.basis})")

    def run(self) -> Draft:
        self.draft.items.append(Item("source", self.source()))
        # the publication date is an item of its own: if the build rejects it, it is
        # commented out with the reason and the draft still builds
        self.draft.items.append(Item("source", self._published()))
        self.actors()
        event_id = self.events()
        self.aircraft(event_id)
        self.statements(event_id)
        self.unknown_designations()
        self.dates()
        return self.draft


def draft_annotation(root: Path, source_id: str, /, *, rounds: int = 6) -> str:
    """Draft `build/annotations/<source_id>.yaml`; every item the build rejects is commented
    out with the build's message, so that the returned draft builds."""
    from .extras import require_extra

    require_extra("build", "draft", "yaml", "pycountry")
    from .annotations import Vocabularies, read_annotations
    from .articles import read_articles
    from .assemble import assemble
    from .errors import Problems
    from .registries import read_registries

    root = root.resolve()
    draft = Drafter(root, source_id).run()
    target = root / "build" / "annotations" / f"{source_id}.yaml"
    for _ in range(rounds):
        text, owner = draft.render()
        previous = target.read_bytes() if target.exists() else None
        target.write_text(text, encoding="utf-8")
        try:
            problems = Problems()
            vocab = Vocabularies.from_schema(root / "schema")
            articles = read_articles(root / "build" / "articles", problems)
            annotations = read_annotations(root / "build" / "annotations", problems, vocab)
            registries = read_registries(root / "build" / "registries", problems, root / "schema")
            if not problems.items:
                assemble(articles, annotations, registries, problems)
        finally:
            if previous is None:
                target.unlink()
            else:
                target.write_bytes(previous)
        mine = [p for p in problems.items if Path(p.file).resolve() == target]
        if not mine:
            return text
        rejected = False
        for p in mine:
            index = owner.get(p.line or -1)
            if index is None:
                continue
            item = draft.items[index]
            if index > 0 and item.unsure is None:  # the source's own lines always stay
                item.unsure = f"the build says: {p.message}"[:300]
                rejected = True
        if not rejected:
            lines = "\n".join(f"  {p}" for p in mine)
            raise InputError(f"the draft of {source_id} does not build:\n{lines}")
    return draft.render()[0]
