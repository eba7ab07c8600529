"""Attributed claims in one source: aircraft counts, remarks, sequence and airspace claims.

Each claim is tied to the words that support it: the values an editor writes (country,
type, count, ordinal) must be written inside the claim's spans, and whoever the claim is
attributed to must be named in them ("according to Russia", "Japan believed"), so that a
reader can check every attribution against the text.
"""

from __future__ import annotations

import re
from typing import Any

from . import dates, normalize
from .annotations import Annotation
from .citing import Citations, cite_place, word_in
from .registries import Registries
from .spans import Span
from .yamlreader import Quote

_QUOTE_MARKS = '"\u201c\u201d'
_ORDINALS = {
    w: i
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
        ],
        start=1,
    )
}
_TIMES = {"once": 1, "twice": 2, "thrice": 3}


def ordinal(raw: str, /) -> int:
    """`second`, `2nd`, `1st` → 2, 2, 1."""
    s = normalize.fold_text(raw).casefold()
    if s in _ORDINALS:
        return _ORDINALS[s]
    if m := re.fullmatch(r"([0-9]{1,3})(st|nd|rd|th)", s):
        return int(m.group(1))
    raise ValueError(f"{raw!r} is not an ordinal (first … twelfth, or 1st, 2nd, 3rd, 4th …)")


def _spans(cite: Citations, source_id: str, quotes: list[Quote | None]) -> list[Span] | None:
    found = [cite.span(source_id, q) for q in quotes if q is not None]
    return None if any(s is None for s in found) else [s for s in found if s is not None]


def _written_in(spans: list[Span], value: str, key: str, what: str, quote: Quote, cite) -> bool:
    if any(value in s.quote for s in spans):
        return True
    shown = " / ".join(repr(s.quote) for s in spans)
    cite.problems.add(
        quote.file, quote.line, f"{what}: `{key}` {value!r} is not written in its quote {shown}"
    )
    return False


def _named_in(
    spans: list[Span], actor: str | None, aliases: dict[str, tuple[str, ...]], what, q, cite
) -> bool:
    """Whoever a claim is attributed to must be named in one of its spans."""
    if actor is None or actor not in aliases:
        return True
    if any(word_in(alias, s.quote) for s in spans for alias in aliases[actor]):
        return True
    cite.problems.add(
        q.file,
        q.line,
        f"{what}: {actor!r} is not named in the claim's words; add `attribution:` with the "
        f"words that say whose claim it is (such as 'according to …', '… said'), naming one of: "
        f"{', '.join(aliases[actor])}",
    )
    return False


def assemble_aircraft(
    annotations: list[Annotation],
    reg: Registries,
    events: set[str],
    aliases: dict[str, tuple[str, ...]],
    cite: Citations,
) -> list[dict[str, Any]]:
    known = [t.designation for t in reg.aircraft_types]
    rows, seen = [], set()
    for a in annotations:
        for c in a.aircraft:
            aircraft_id = f"{a.source_id}-{c.id}"
            what = f"aircraft claim {c.id}"
            if aircraft_id in seen:
                cite.problems.add(c.file, c.line, f"duplicate aircraft claim id {c.id!r}")
                continue
            seen.add(aircraft_id)
            if c.event not in events:
                cite.problems.add(c.file, c.line, f"{what}: unknown event id {c.event!r}")
            cite.check_mentioned(a.source_id, c.reported_by, "reported_by", c.file, c.line)
            spans = _spans(cite, a.source_id, [c.quote, *c.also, *c.attribution])
            if spans is None:
                continue
            ok = all(
                [
                    _written_in(spans, v, k, what, c.quote, cite)
                    for k, v in (("country", c.country), ("type", c.type), ("count", c.count))
                    if v is not None
                ]
            ) and _named_in(spans, c.reported_by, aliases, what, c.quote, cite)
            try:
                canonical = normalize.aircraft_type(c.type, known)
                country = normalize.country_code(c.country) if c.country is not None else None
                number, qualifier = (
                    normalize.count_phrase(c.count) if c.count is not None else (None, None)
                )
            except ValueError as exc:
                cite.problems.add(c.file, c.line, f"{what}: {exc}")
                continue
            if not ok:
                continue
            for span in spans:
                cite.cite("aircraft", aircraft_id, span)
            rows.append(
                {
                    "aircraft_id": aircraft_id,
                    "event_id": c.event,
                    "country": country,
                    "aircraft_type": canonical,
                    "type_as_reported": c.type,
                    "role": c.role,
                    "count": number,
                    "count_qualifier": qualifier,
                    "is_total": c.total,
                    "part_of_flight": True if c.part_of_flight else None,
                    "reported_by": c.reported_by,
                    "source_id": a.source_id,
                }
            )
    return rows


def _enclosed_in_quotation_marks(text: str, start: int, end: int) -> bool:
    """True when text[start:end] lies between a pair of quotation marks in one paragraph."""
    before = max(text.rfind(m, 0, start) for m in _QUOTE_MARKS)
    after = [i for i in (text.find(m, end) for m in _QUOTE_MARKS) if i != -1]
    if before == -1 or not after:
        return False
    inside = text[before + 1 : min(after)]
    return "\n" not in inside and not any(m in text[start:end] for m in _QUOTE_MARKS)


def assemble_statements(
    annotations: list[Annotation],
    events: set[str],
    aliases: dict[str, tuple[str, ...]],
    anchors: dict[str, dates.Anchor | None],
    cite: Citations,
) -> list[dict[str, Any]]:
    rows, seen = [], set()
    for a in annotations:
        text = cite.articles[a.source_id].text
        for st in a.statements:
            statement_id = f"{a.source_id}-{st.id}"
            what = f"statement {st.id}"
            if statement_id in seen:
                cite.problems.add(st.file, st.line, f"duplicate statement id {st.id!r}")
                continue
            seen.add(statement_id)
            cite.check_mentioned(a.source_id, st.speaker, "speaker", st.file, st.line)
            cite.check_mentioned(a.source_id, st.relayed_by, "relayed_by", st.file, st.line)
            if st.event is not None and st.event not in events:
                cite.problems.add(st.file, st.line, f"{what}: unknown event id {st.event!r}")
            span = cite.span(a.source_id, st.quote)
            extra = _spans(cite, a.source_id, [st.speaker_as_reported, st.relay, st.said])
            if span is None or extra is None:
                continue
            if st.relay is not None:  # the relay's span is among `extra`, located once
                relay = next(s for s in extra if s.quote == st.relay.text)
                _named_in([relay], st.relayed_by, aliases, what, st.quote, cite)
            if st.type == "direct_quote" and not _enclosed_in_quotation_marks(
                text, span.start, span.end
            ):
                cite.problems.add(
                    st.file,
                    st.line,
                    f"{what}: a direct_quote must be the words inside quotation marks; "
                    f"{span.quote!r} is not (use paraphrase, or quote the words only)",
                )
            said = None
            if st.said is not None:
                try:
                    said = dates.resolve(st.said.text, anchors.get(a.source_id))
                except ValueError as exc:
                    cite.problems.add(st.file, st.line, f"{what}: `said`: {exc}")
                if said is not None and (said.start is None or said.start != said.end):
                    cite.problems.add(
                        st.file, st.line, f"{what}: `said` must give one day, not {st.said.text!r}"
                    )
                    said = None
            for s in extra:  # the statement's own span is in its own columns
                cite.cite("statements", statement_id, s)
            rows.append(
                {
                    "statement_id": statement_id,
                    "actor_id": st.speaker,
                    "speaker_as_reported": st.speaker_as_reported.text
                    if st.speaker_as_reported
                    else None,
                    "event_id": st.event,
                    "text": span.quote,
                    "statement_type": st.type,
                    "source_id": a.source_id,
                    "char_start": span.start,
                    "char_end": span.end,
                    "remark_id": st.remark,
                    "relayed_by": st.relayed_by,
                    "medium": st.medium,
                    "said_date": said.start if said else None,
                    "said_date_basis": said.basis if said else None,
                    "said_date_note": said.note if said else None,
                }
            )
    return rows


def assemble_sequence(
    annotations: list[Annotation],
    events: set[str],
    aliases: dict[str, tuple[str, ...]],
    cite: Citations,
    places_used: set[str],
) -> list[dict[str, Any]]:
    rows = []
    for a in annotations:
        for q in a.sequence:
            claim_id = f"{a.source_id}-{q.id}"
            what = f"sequence claim {q.id}"
            for ref in (q.event, q.since):
                if ref is not None and ref not in events:
                    cite.problems.add(q.file, q.line, f"{what}: unknown event id {ref!r}")
            cite.check_mentioned(a.source_id, q.claimed_by, "claimed_by", q.file, q.line)
            spans = _spans(cite, a.source_id, [q.quote, *q.attribution])
            if spans is None:
                continue
            try:
                number = ordinal(q.ordinal)
            except ValueError as exc:
                cite.problems.add(q.file, q.line, f"{what}: {exc}")
                continue
            ok = _written_in(spans[:1], q.ordinal, "ordinal", what, q.quote, cite) and _named_in(
                spans, q.claimed_by, aliases, what, q.quote, cite
            )
            needs = {"area": q.place, "year": q.year, "since": q.since}
            for scope, value in needs.items():
                if (q.scope == scope) != (value is not None):
                    key = {"area": "place", "year": "year", "since": "since"}[scope]
                    cite.problems.add(
                        q.file, q.line, f"{what}: `{key}` goes with scope {scope}, and only with it"
                    )
                    ok = False
            place_id = None
            if q.place is not None:
                named = cite_place(cite, a.source_id, q.place, places_used)
                if named is None:
                    continue
                place_id = named[0]
                spans.append(named[1])
            if not ok:
                continue
            for span in spans:
                cite.cite("sequence_claims", claim_id, span)
            rows.append(
                {
                    "sequence_claim_id": claim_id,
                    "event_id": q.event,
                    "ordinal": number,
                    "ordinal_as_reported": q.ordinal,
                    "series": q.series,
                    "scope": q.scope,
                    "scope_place_id": place_id,
                    "scope_year": q.year,
                    "since_event_id": q.since,
                    "claimed_by": q.claimed_by,
                    "source_id": a.source_id,
                }
            )
    return rows


def _entries(raw: str) -> int:
    word = normalize.fold_text(raw).casefold()
    if word in _TIMES:
        return _TIMES[word]
    number, qualifier = normalize.count_phrase(raw)
    if number is None or qualifier != "exact":
        raise ValueError(f"`entries` {raw!r} is not an exact number (once, twice, two, 3)")
    return number


def assemble_airspace(
    annotations: list[Annotation],
    events: set[str],
    aircraft_ids: set[str],
    aliases: dict[str, tuple[str, ...]],
    cite: Citations,
    places_used: set[str],
) -> list[dict[str, Any]]:
    rows = []
    for a in annotations:
        for z in a.airspace:
            claim_id = f"{a.source_id}-{z.id}"
            what = f"airspace claim {z.id}"
            if z.event not in events:
                cite.problems.add(z.file, z.line, f"{what}: unknown event id {z.event!r}")
            aircraft_id = f"{a.source_id}-{z.aircraft}" if z.aircraft else None
            if aircraft_id is not None and aircraft_id not in aircraft_ids:
                cite.problems.add(z.file, z.line, f"{what}: no aircraft claim {z.aircraft!r}")
            cite.check_mentioned(a.source_id, z.reported_by, "reported_by", z.file, z.line)
            spans = _spans(cite, a.source_id, [z.quote, *z.attribution, z.time])
            if spans is None:
                continue
            ok = all(
                [
                    _written_in(spans, v, k, what, z.quote, cite)
                    for k, v in (("country", z.country), ("entries", z.entries))
                    if v is not None
                ]
            ) and _named_in(spans, z.reported_by, aliases, what, z.quote, cite)
            try:
                country = normalize.country_code(z.country) if z.country else None
                entries = _entries(z.entries) if z.entries else None
            except ValueError as exc:
                cite.problems.add(z.file, z.line, f"{what}: {exc}")
                continue
            zone_id = None
            if z.zone is not None:
                named = cite_place(cite, a.source_id, z.zone, places_used)
                if named is None:
                    continue
                zone_id = named[0]
                spans.append(named[1])
            if not ok:
                continue
            for span in spans:
                cite.cite("airspace_claims", claim_id, span)
            rows.append(
                {
                    "airspace_claim_id": claim_id,
                    "event_id": z.event,
                    "claim_type": z.kind,
                    "zone_place_id": zone_id,
                    "aircraft_id": aircraft_id,
                    "country": country,
                    "entries": entries,
                    "time_as_reported": z.time.text if z.time else None,
                    "reported_by": z.reported_by,
                    "source_id": a.source_id,
                }
            )
    return rows
