"""What the draft proposes, section by section, from the article and the registries: the
source and its publication date, actor and place mentions, the event a patrol report most
likely is, aircraft claims, quoted remarks with their speakers, designations to register, and
the date phrases as the date rules read them. Whatever is unsure is proposed commented out,
with the reason.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .. import dates, normalize
from ..citing import is_word_at
from ..errors import InputError
from ..spans import occurrences
from .document import Draft, Item, quote_entry, unique_around, yaml_string
from .patterns import AIRCRAFT, LOCATIVE, PATROL, QUOTED, SAID, SENTENCE, role_of


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

        self.known_events: list[dict] = run_steps(inputs, ["events"])["events"].rows["events"]
        self.names = inputs.names  # every registered actor and place spelling
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
                for start in occurrences(self.text, alias):
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
            starts = occurrences(text, title)
            lines.append(f"title: {yaml_string(title)}")
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
                    return quote_entry(self.text, start, start + len(alias))
        return None

    def _published(self) -> list[str]:
        record, text = self.article.archive, self.text
        for m in re.finditer(r"[^\n]+", text[: min(self.end, 600)]):
            line = m.group(0).strip()
            try:
                date = dates.parse_stated(line)
            except ValueError:
                date = None
            if date is not None and len(occurrences(text, line)) == 1:
                self._anchor(date, "stated", f"the stated publication date {date.isoformat()}")
                return ["published_date:", f"  quote: {yaml_string(line)}"]
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
                if year > 1 and len(occurrences(text, head)) == 1:
                    start = text.find(head)
                    self.skip.append((start, start + len(head)))
                    date = dt.date(year, month, day)
                    self._anchor(
                        date, "stated", f"the dateline publication date {date.isoformat()}"
                    )
                    return [f"published_date: {{quote: {yaml_string(head)}, from: dateline}}"]
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
            line = [f"- {quote_entry(self.text, start, end)}   # {actor_id}"]
            before = self.text[max(0, start - 60) : start]
            if self.text[start:end] in places and LOCATIVE.search(before):
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
        report = re.search(rf"\b{SAID}\s+(?:on\s+)?$", self.text[max(lo, start - 14) : start])
        if report:
            start -= len(report.group(0))
        span = unique_around(self.text, start, end, hi)
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
        if when is None or when.end is None:
            return None, "no date to compare with the known patrols"
        events = [r for r in self.known_events if r["event_type"] == "joint_air_patrol"]
        window = dt.timedelta(days=3)
        low = (when.start or when.end - dt.timedelta(days=30)) - window
        high = when.end + window
        hits = [
            r["event_id"]
            for r in events
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
        for s in SENTENCE.finditer(self.text[: self.end]):
            if not PATROL.search(s.group(0)) or self._in_headline(s.start()):
                continue
            sentence = self._quotable(s)
            if sentence is None:
                continue
            dated = self._date_quote(s.start(), s.end())
            when = None
            if dated is not None:
                when = dates.resolve(dated[0], self.anchor)
                if dated[1]:
                    when = dates.end_bound(when)
            event_id, why = self._known_event(when)
            lines = self._mention(event_id or "NEW-EVENT-ID", sentence, dated, s)
            unsure = None if event_id else why
            self.draft.items.append(Item("events", lines, unsure, None if unsure else why))
            linked = linked or event_id
        if not any(item.section == "events" for item in self.draft.items):
            self._first_report()
        return linked

    def _first_report(self) -> None:
        """No sentence names a joint patrol: propose the first sentence that counts aircraft
        as the report of an event to define (commented out: the editor decides what it is)."""
        for s in SENTENCE.finditer(self.text[: self.end]):
            if self._in_headline(s.start()) or not AIRCRAFT.search(s.group(0)):
                continue
            sentence = self._quotable(s)
            if sentence is None:
                continue
            lines = self._mention("NEW-EVENT-ID", sentence, self._date_quote(s.start(), s.end()), s)
            why = (
                "no sentence names a joint patrol; if this reports a new event, define it in "
                "registries/events.yaml (id, type, summary) and use its id here"
            )
            self.draft.items.append(Item("events", lines, why))
            return

    def _quotable(self, s: re.Match[str]) -> str | None:
        """The sentence `s` without the spaces around it, if words of it can be quoted
        uniquely; else None."""
        sentence = s.group(0).strip()
        start = s.start() + s.group(0).index(sentence)
        if unique_around(self.text, start, start + len(sentence), s.end()) is None:
            return None
        return sentence

    def _mention(
        self, event_id: str, sentence: str, dated: tuple[str, bool] | None, s: re.Match[str]
    ) -> list[str]:
        """An event mention: the event, the sentence, its date phrase and the places it names."""
        lines = [f"- id: {event_id}", f"  quote: {yaml_string(sentence)}"]
        if dated is not None:
            end_only = ", end_only: true" if dated[1] else ""
            lines.append(f"  date: {{quote: {yaml_string(dated[0])}{end_only}}}")
        places = self._mentions(self.registries.places, s.start(), s.end())
        if places:
            lines.append("  places:")
            lines += [f"    - {quote_entry(self.text, a, b)}   # {pid}" for a, b, pid in places]
        return lines

    def _in_headline(self, at: int) -> bool:
        return self.headline[0] <= at < self.headline[1]

    def aircraft(self, event_id: str | None) -> None:
        known = [t.designation for t in self.registries.aircraft_types]
        kinds = {t.designation: t.kind for t in self.registries.aircraft_types}
        number = 0
        for m in AIRCRAFT.finditer(self.text[: self.end]):
            if self._in_headline(m.start()):
                continue
            raw_type = m.group("type") or m.group("bare") or m.group("noun")
            try:
                canonical = normalize.aircraft_type(raw_type, known)
            except ValueError:
                self.draft.to_add.append(f"aircraft type {raw_type!r} (in {m.group(0)!r})")
                continue
            noun = (m.group("noun") or "").casefold()
            role = role_of(noun, kinds.get(canonical))
            span = unique_around(self.text, m.start(), m.end(), self.end)
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
                    f"  quote: {yaml_string(self.text[span[0] : span[1]] if span else m.group(0))}",
                    f"  country: {yaml_string(country)}",
                    f"  type: {yaml_string(raw_type)}",
                ]
                if m.group("count"):
                    lines.append(f"  count: {yaml_string(m.group('count'))}")
                lines.append(f"  role: {role}")
                self.draft.items.append(Item("aircraft", lines, unsure, note))

    def _reporter(self, at: int) -> str | None:
        """The attribution nearest after `at` in the same paragraph."""
        paragraph_end = self.text.find("\n", at)
        tail = self.text[at : paragraph_end if paragraph_end != -1 else self.end]
        m = re.search(rf"(?:according to [^,.]+|[A-Z][\w’' -]{{2,60}}\s+{SAID})", tail)
        return m.group(0).strip() if m else None

    def statements(self, event_id: str | None) -> None:
        actors = {alias: e.id for e in self.registries.actors for alias in e.aliases}
        number = 0
        for m in QUOTED.finditer(self.text[: self.end]):
            words = m.group("q").strip().rstrip(",")
            if len(words.split()) < 3:
                continue
            after = self.text[m.end() : m.end() + 80]
            before = self.text[max(0, m.start() - 80) : m.start()]
            speaker = None
            tag = re.match(rf"\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){{0,3}})\s+{SAID}\b", after)
            if tag is None:
                tag = re.search(
                    rf"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){{0,3}})\s+{SAID},?\s*$", before
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
            lines += ["  type: direct_quote", f"  quote: {yaml_string(quote)}"]
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
        for s in SENTENCE.finditer(self.text[: self.end]):
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
