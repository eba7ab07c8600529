"""The claims of one event, each written into its article and cited as evidence: its dates,
duration, aircraft, route, sequence and airspace claims, and the statements about it.

`Claims` holds the methods; the generator in `synthetic.py` holds the state they share (the
random source, the rows so far, the evidence of the current article) and calls them while it
writes each source.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from typing import Any

from .words import (
    ADIZ,
    AIRCRAFT,
    AIRSPACE_WORDS,
    ANSWERS,
    DAY_NAMES,
    EVENT_PHRASES,
    MEDIUM_WORDS,
    NUMBERS,
    NUMBERS_VALUE,
    ORDINALS,
    QUALIFIER_WORDS,
    SCOPE_WORDS,
    SERIES,
    SHIPS,
    TIMES,
    UNNAMED,
    Text,
    day_month_year,
    slug,
)

Rows = dict[str, list[dict[str, Any]]]
Speaker = tuple[str, tuple[str, ...]]  # actor_id, aliases
Place = tuple[str, str, str]  # place_id, name, place_type


class Claims:
    """What an event's claims are written from: the generator's state, set by its __init__."""

    rng: random.Random
    rows: Rows
    remarks: list[str]
    kinds: dict[str, str]  # actor_id: actor_type
    place_aliases: dict[str, tuple[str, ...]]  # place_id: spellings
    event_ids: list[str]  # every event so far, for sequence claims `since`
    cites: list[tuple[str, str, int, int]]  # the evidence of the current source
    qualifiers: tuple[str, ...]
    durations: tuple[str, ...]
    media: tuple[str, ...]
    scopes: tuple[str, ...]
    claim_types: tuple[str, ...]
    named_ships: set[str]  # the ships and series some claim has named so far
    named_series: set[str]

    def _count(self) -> tuple[int | None, str | None, str]:
        """A count, its qualifier and the words for them ("about six"); or no number."""
        rng = self.rng
        counted = [q for q in self.qualifiers if q != "unspecified"]
        draw = rng.random()
        if draw < 0.6 and counted:
            qualifier = (
                "exact" if "exact" in counted and rng.random() < 0.6 else rng.choice(counted)
            )
            number = rng.choice(NUMBERS)
            words = QUALIFIER_WORDS.get(qualifier, qualifier.replace("_", " "))
            return NUMBERS_VALUE[number], qualifier, f"{words} {number}".strip()
        if draw < 0.7 and "unspecified" in self.qualifiers:
            return None, "unspecified", "an unspecified number of"
        return None, None, ""

    def _said(
        self, speaker: Speaker | None, text: Text, unsaid: str = "Reports said "
    ) -> tuple[int, int] | None:
        """ "X said " before a claim: the span of X's name (cited with the claim, so that its
        reporter is spelled in its words), or `unsaid` and None when nobody is named."""
        if speaker is None:
            text.add(unsaid)
            return None
        span = text.add(speaker[1][0])
        text.add(" said ")
        return span

    # registries -----------------------------------------------------------------------------
    def _cite(self, table: str, record_id: str, span: tuple[int, int]) -> None:
        """An evidence row for the span; its quote is read from the finished text."""
        self.cites.append((table, record_id, span[0], span[1]))

    def _dates(self, anchor: dt.date) -> tuple[dict[str, Any], str, str]:
        """Dates of one event with a precision and basis that fit each other.

        Returns the date columns, the words of the text that give them and the note of
        the date claim (the event's date_note is null for a stated date).
        """
        rng = self.rng
        precision = rng.choice(("day", "day", "month", "year", "unknown"))
        day = anchor - dt.timedelta(days=rng.randint(0, 6))
        if precision == "day":
            basis = rng.choice(("stated", "weekday_relative"))
            # an event over two days now and then (within one year: a range names its year once)
            start = day - dt.timedelta(days=1) if rng.random() < 0.25 else day
            start = start if start.year == day.year else day
            end = day
            if basis == "stated":
                if start == end:
                    words = f"On {day_month_year(day)}"
                else:  # a range the date rules read whole, as the texts write it
                    first = f"{calendar.month_name[start.month]} {start.day}"
                    last = (
                        str(end.day)
                        if start.month == end.month
                        else (f"{calendar.month_name[end.month]} {end.day}")
                    )
                    words = f"On {first}-{last}, {end.year}"
                note = f"Stated in the text: '{words}'."
            else:
                names = dict.fromkeys(DAY_NAMES[d.weekday()] for d in (start, end))
                words = "On " + " and ".join(names)
                note = f"'{words}': the latest such weekday on or before {anchor}."
        elif precision == "month":
            basis = rng.choice(("stated", "relative_phrase"))
            start = day.replace(day=1)
            end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
            if basis == "stated":
                words = f"In {calendar.month_name[day.month]} {day.year}"
                note = f"Stated in the text: '{words}' (month and year)."
            else:
                words = "Earlier this month"
                note = f"'this month', against the publication date {anchor}"
        elif precision == "year":
            basis, words = "context", "That year"
            start, end = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
            note = f"the year {day.year} comes from the context of the article"
        else:
            basis, words = "relative_phrase", "Recently"
            start, end = None, anchor
            note = f"'recently': no earlier bound, at the latest {anchor}"
        dates = {
            "start_date": start,
            "end_date": end,
            "date_precision": precision,
            "date_basis": basis,
        }
        return dates, words, note

    def _event(
        self,
        source_id: str,
        number: int,
        kind: str,
        published: dt.date,
        cited: list[Place],
        events: list[str],
        text: Text,
    ) -> str:
        """One event in one sentence: its date (a date claim), what, where, for how long."""
        rng = self.rng
        event_id = f"{published:%Y-%m}-{slug(kind)}-{number}"
        hours = None
        if not events or rng.random() < 0.4:  # the source's first event always
            hours = rng.choice((4.0, 8.0, 10.0, 12.5))
        dates, date_words, date_note = self._dates(published)
        quote_start, _ = span = text.add(date_words)
        self._cite("event_dates", f"{source_id}-{event_id}-d1", span)
        what = EVENT_PHRASES.get(kind, f"the {kind.replace('_', ' ')} took place near the")
        text.add(f", {what} ")
        for m, (place_id, _, _) in enumerate(cited):
            aliases = self.place_aliases[place_id]
            span = text.add(aliases[rng.randrange(len(aliases))])
            self._cite("places", place_id, span)
            self._cite("event_places", f"{event_id}/{place_id}", span)
            self.rows["event_places"].append({"event_id": event_id, "place_id": place_id})
            if m < len(cited) - 1:
                text.add(" and the ")
        if hours is not None:
            text.add(" ")
            self._duration(source_id, event_id, hours, text)
        self._cite("events", event_id, (quote_start, text.length))
        text.add(".\n")
        self.rows["events"].append(
            {
                "event_id": event_id,
                "event_type": kind,
                "summary": f"Synthetic {kind.replace('_', ' ')} number {number}.",
                **dates,
                "date_note": None if dates["date_basis"] == "stated" else date_note,
                "date_conflict": False,
                "duration_hours": hours,
                "parent_event_id": events[0] if kind in ANSWERS and events else None,
            }
        )
        self.rows["event_dates"].append(
            {
                "date_claim_id": f"{source_id}-{event_id}-d1",
                "event_id": event_id,
                "source_id": source_id,
                **dates,
                "date_note": date_note,
                "bound": "within",
                "announced": False,
            }
        )
        self.event_ids.append(event_id)
        return event_id

    def _duration(self, source_id: str, event_id: str, hours: float, text: Text) -> None:
        qualifier = self.rng.choice(self.durations)
        words = ("for", QUALIFIER_WORDS.get(qualifier, qualifier.replace("_", " ")), f"{hours:g}")
        claim_id = f"{source_id}-{event_id}-h1"
        self._cite(
            "event_durations", claim_id, text.add(" ".join(w for w in words if w) + " hours")
        )
        self.rows["event_durations"].append(
            {
                "duration_claim_id": claim_id,
                "event_id": event_id,
                "source_id": source_id,
                "duration_hours": hours,
                "duration_qualifier": qualifier,
            }
        )

    def _aircraft(
        self,
        source_id: str,
        event_id: str,
        number: int,
        total: bool,
        speakers: list[Speaker],
        text: Text,
    ) -> None:
        """One aircraft claim: a type flown by one country, or a total over several."""
        rng = self.rng
        reporter = rng.choice(speakers) if rng.random() < 0.6 else None
        said = self._said(reporter, text)  # the reporter's name, cited with the claim
        count, qualifier, count_words = self._count()
        if total:
            country, canonical, reported, role = None, "unspecified", "aircraft", "unspecified"
            claim = " ".join(w for w in ("a total of", count_words, reported) if w)
            if not count_words:
                claim = "a number of aircraft"
        else:
            country, adjective, canonical, reported, role, noun = rng.choice(AIRCRAFT)
            claim = " ".join(w for w in (count_words, adjective, reported, noun) if w)
        part = rng.choice((True, False, None)) if role == "fighter_escort" else None
        aircraft_id = f"{source_id}-a{number:02d}"
        self._cite("aircraft", aircraft_id, text.add(claim))
        if said:
            self._cite("aircraft", aircraft_id, said)
        ending = {True: " joined for part of the flight", False: " flew the whole way"}
        text.add(ending.get(part, " took part") + ".\n")
        self.rows["aircraft"].append(
            {
                "aircraft_id": aircraft_id,
                "event_id": event_id,
                "country": country,
                "aircraft_type": canonical,
                "type_as_reported": reported,
                "role": role,
                "count": count,
                "count_qualifier": qualifier,
                "is_total": total,
                "part_of_flight": part,
                "reported_by": reporter[0] if reporter else None,
                "source_id": source_id,
            }
        )

    def _route(
        self,
        source_id: str,
        event_id: str,
        cited: list[Place],
        aircraft_id: str | None,
        text: Text,
    ) -> None:
        """One leg: from one place to another, between two, or via one."""
        text.add("The aircraft flew ")
        if len(cited) == 1:
            legs = [("via", cited[0], text.add(f"via the {cited[0][1]}"))]
        elif self.rng.random() < 0.3:
            span = text.add(f"between the {cited[0][1]} and the {cited[1][1]}")
            legs = [("between", place, span) for place in cited]
        else:
            legs = [("from", cited[0], text.add(f"from the {cited[0][1]}"))]
            text.add(" ")
            legs.append(("to", cited[1], text.add(f"to the {cited[1][1]}")))
        text.add(".\n")
        for role, (place_id, _, _), span in legs:
            self._cite("event_routes", f"{source_id}/{event_id}/1/{role}/{place_id}", span)
            self.rows["event_routes"].append(
                {
                    "source_id": source_id,
                    "event_id": event_id,
                    "leg": 1,
                    "role": role,
                    "place_id": place_id,
                    "aircraft_id": aircraft_id,
                }
            )

    def _sequence(
        self,
        claim_id: str,
        source_id: str,
        event_id: str,
        kind: str,
        cited: list[Place],
        published: dt.date,
        speakers: list[Speaker],
        text: Text,
    ) -> None:
        """A claim that the event is the n-th of a series ("the third joint air patrol")."""
        rng = self.rng
        scope = rng.choice(self.scopes)
        since = None
        if scope == "since":
            if len(self.event_ids) > 1:  # any earlier event (the last one is this event)
                since = self.event_ids[rng.randrange(len(self.event_ids) - 1)]
            else:
                scope = self.scopes[0]
        claimer = rng.choice(speakers) if rng.random() < 0.6 else None
        ordinal = rng.randint(1, len(ORDINALS))
        series = kind.replace("_", " ")
        scope_words = SCOPE_WORDS.get(scope, f" ({scope.replace('_', ' ')})").format(
            place=cited[0][1], year=published.year, since=since
        )
        said = self._said(claimer, text, "It was ")
        if said:
            text.add("it was ")
        span = text.add(f"the {ORDINALS[ordinal - 1]} {series}{scope_words}")
        text.add(".\n")
        self._cite("sequence_claims", claim_id, span)
        if said:
            self._cite("sequence_claims", claim_id, said)
        self.rows["sequence_claims"].append(
            {
                "sequence_claim_id": claim_id,
                "event_id": event_id,
                "ordinal": ordinal,
                "ordinal_as_reported": ORDINALS[ordinal - 1],
                "series": series,
                "scope": scope,
                "scope_place_id": cited[0][0] if scope == "area" else None,
                "scope_year": published.year if scope == "year" else None,
                "since_event_id": since,
                "claimed_by": claimer[0] if claimer else None,
                "source_id": source_id,
            }
        )

    def _at_sea(
        self, source_id: str, event_id: str, number: int, speakers: list[Speaker], text: Text
    ) -> None:
        """The ships of an event (a named ship, and a count of warships), a participant, and
        the event's name in a series: each row of the 0.3 model once, with its registry rows
        written when a claim first names them."""
        rng = self.rng
        ship_id, name, country, adjective, kind, words = SHIPS[number % len(SHIPS)]
        claim_id = f"{source_id}-v{2 * number + 1:02d}"
        text.add(f"The {adjective} {words} ")
        start = text.length - len(f"The {adjective} {words} ")
        name_span = text.add(name)
        self._cite("ship_claims", claim_id, (start, name_span[1]))
        self._cite("ships", ship_id, name_span)
        count, qualifier, count_words = self._count()
        reporter = rng.choice(speakers) if rng.random() < 0.5 else None
        text.add(" sailed beside ")
        counted = text.add(" ".join(w for w in (count_words, "warships") if w))
        text.add(f", {reporter[1][0]} said.\n" if reporter else ".\n")
        total_id = f"{source_id}-v{2 * number + 2:02d}"
        self._cite("ship_claims", total_id, counted)
        if reporter:
            self._cite("ship_claims", total_id, (counted[1] + 2, text.length - 2))
        if ship_id not in self.named_ships:
            self.named_ships.add(ship_id)
            self.rows["ships"].append(
                {"ship_id": ship_id, "name": name, "country": country, "ship_type": kind}
            )
            self.rows["ship_aliases"].append({"alias": name, "ship_id": ship_id})
        for row_id, named, total in ((claim_id, True, False), (total_id, False, True)):
            self.rows["ship_claims"].append(
                {
                    "ship_claim_id": row_id,
                    "event_id": event_id,
                    "country": country if named else None,
                    "ship_id": ship_id if named else None,
                    "name_as_reported": name if named else None,
                    "ship_type": kind if named else "warship",
                    "type_as_reported": words if named else "warships",
                    "count": None if named else count,
                    "count_qualifier": None if named else qualifier,
                    "is_total": total,
                    "reported_by": reporter[0] if reporter and not named else None,
                    "source_id": source_id,
                }
            )
        series_id, series_name, names = SERIES[number % len(SERIES)]
        spelling = names[number % len(names)]
        year = 2019 + number % 8
        text.add("The drills were called ")
        name_claim = f"{source_id}-n{number + 1:02d}"
        self._cite("event_names", name_claim, text.add(f"{spelling} {year}"))
        text.add(".\n")
        if series_id not in self.named_series:
            self.named_series.add(series_id)
            self.rows["exercise_series"].append({"series_id": series_id, "name": series_name})
            self.rows["series_aliases"].extend(
                {"alias": alias, "series_id": series_id} for alias in names
            )
        self.rows["event_names"].append(
            {
                "name_claim_id": name_claim,
                "event_id": event_id,
                "series_id": series_id,
                "name_as_reported": f"{spelling} {year}",
                "edition": year,
                "source_id": source_id,
            }
        )
        actor_id, aliases = rng.choice(speakers)
        text.add("Taking part was ")
        participant = f"{source_id}-p{number + 1:02d}"
        self._cite("event_participants", participant, text.add(aliases[0]))
        text.add(".\n")
        self.rows["event_participants"].append(
            {
                "participant_claim_id": participant,
                "event_id": event_id,
                "actor_id": actor_id,
                "role": "participant",
                "source_id": source_id,
            }
        )

    def _airspace(
        self,
        claim_id: str,
        source_id: str,
        event_id: str,
        aircraft_id: str,
        places: list[Place],
        speakers: list[Speaker],
        text: Text,
    ) -> None:
        """A claim about zones and airspace: an ADIZ entered, airspace (not) violated."""
        rng = self.rng
        claim_type = rng.choice(self.claim_types)
        zones = [p for p in places if p[2] == ADIZ]
        zone = rng.choice(zones) if zones and claim_type == "adiz_entry" else None
        entries = rng.randint(1, 3) if claim_type == "adiz_entry" and rng.random() < 0.7 else None
        time = rng.choice((None, "at about 9 a.m.", "shortly after noon", "at 14:30 local time"))
        country, adjective = rng.choice((("RUS", "Russian"), ("CHN", "Chinese")))
        reporter = rng.choice(speakers) if rng.random() < 0.7 else None
        what = AIRSPACE_WORDS.get(claim_type, claim_type.replace("_", " ")).format(
            zone=zone[1] if zone else "air defense identification zone"
        )
        words = (f"the {adjective} aircraft {what}", TIMES.get(entries or 0, ""), time or "")
        said = self._said(reporter, text)
        self._cite("airspace_claims", claim_id, text.add(" ".join(w for w in words if w)))
        if said:
            self._cite("airspace_claims", claim_id, said)
        text.add(".\n")
        self.rows["airspace_claims"].append(
            {
                "airspace_claim_id": claim_id,
                "event_id": event_id,
                "claim_type": claim_type,
                "zone_place_id": zone[0] if zone else None,
                "aircraft_id": aircraft_id if rng.random() < 0.5 else None,
                "country": country,
                "entries": entries,
                "time_as_reported": time,
                "reported_by": reporter[0] if reporter else None,
                "source_id": source_id,
            }
        )

    def _statement(
        self,
        n: int,
        source_id: str,
        published: dt.date | None,
        speakers: list[Speaker],
        events: list[str],
        text: Text,
    ) -> None:
        """A direct quote in curly quotation marks, or a paraphrase; some relayed or dated."""
        rng = self.rng
        statement_id = f"{source_id}-s{n:02d}"
        remark = rng.randrange(len(self.remarks))
        words = self.remarks[remark]
        speaker = speakers[n % len(speakers)] if n % 7 else None
        agencies = [s for s in speakers if self.kinds[s[0]] == "media" and s != speaker]
        relayer = agencies[0] if agencies and n % 11 == 5 else None
        unnamed = None if speaker else UNNAMED[n % len(UNNAMED)]
        if relayer:
            text.add("According to ")
            self._cite("statements", statement_id, text.add(relayer[1][0]))
            text.add(", ")
        if speaker:
            text.add(speaker[1][0])
        else:
            self._cite("statements", statement_id, text.add(unnamed))
        text.add(" said")
        said = None
        if published is not None and n % 13 == 4:
            said = published - dt.timedelta(days=rng.randint(0, 6))
            day_words = f"on {DAY_NAMES[said.weekday()]}"
            text.add(" ")
            self._cite("statements", statement_id, text.add(day_words))
        medium = rng.choice(self.media) if n % 6 == 1 else None
        if medium:
            text.add(" " + MEDIUM_WORDS.get(medium, f"by {medium.replace('_', ' ')}"))
        if n % 3:
            kind = "direct_quote"
            text.add(": “")
            span = text.add(words)
            text.add("”.\n")
            quoted = words
        else:
            kind = "paraphrase"
            quoted = f"that {words[0].lower()}{words[1:]}"
            text.add(" ")
            span = text.add(quoted)
            text.add(".\n")
        self.rows["statements"].append(
            {
                "statement_id": statement_id,
                "actor_id": speaker[0] if speaker else None,
                "speaker_as_reported": unnamed,
                "event_id": events[n % len(events)] if n % 5 else None,
                "text": quoted,
                "statement_type": kind,
                "source_id": source_id,
                "char_start": span[0],
                "char_end": span[1],
                "remark_id": f"remark-{remark}",
                "relayed_by": relayer[0] if relayer else None,
                "medium": medium,
                "said_date": said,
                "said_date_basis": "weekday_relative" if said else None,
                "said_date_note": (
                    f"'{day_words}': the latest {DAY_NAMES[said.weekday()]} on or before the "
                    f"publication date {published}"
                    if said
                    else None
                ),
            }
        )
