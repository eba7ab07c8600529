"""The event an aircraft claim belongs to (draft/aircraft.py): the event of its kind its
sentence reports (draft/claim_event.py), with the kinds of event aircraft fly in
(schema/events.json).

The two countries' aircraft (and a total of both) belong to the joint air patrol its sentence
reports; else to a part of the patrol that is an event of its own when the sentence reports it
(an airspace violation, a landing at an airfield), or to the other joint events (a naval patrol
or exercise: "over 30 naval aircraft from both sides"), which are also the fallback when the
article links no air patrol. Another country's aircraft belong to its answer (a scramble, an
intercept, warning shots), or to its own flights or exercise when the sentence reports them.
Aircraft whose own words say they entered or violated a country's airspace ("a Russian
military aircraft that entered South Korean airspace") belong to the airspace violation the
article reports, whatever else their sentence reports. What aircraft named before were ("The
Russian aircraft was an A-50 ..."), in a sentence that reports no event, belongs to the event
of the aircraft of that country and role named last. A sentence that opens with "At that time"
speaks of the event the sentence before reports.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .claim_event import claim_event
from .patterns import EXERCISE_TYPES, JOINT_PATROLS, sentences

if TYPE_CHECKING:
    from .proposals import Drafter

PATROL_TYPES = frozenset({"joint_air_patrol"})
JOINT_TYPES = (JOINT_PATROLS | EXERCISE_TYPES) - PATROL_TYPES - {"exercise"}
VIOLATION = "airspace_violation"
PATROL_PARTS = frozenset({VIOLATION, "airfield_landing"})
ANSWER_TYPES = frozenset({"scramble", "intercept", "warning_shots"})
OWN_TYPES = frozenset({"exercise", "military_flights"})
# the countries whose aircraft fly the patrol; every other country's answer it
PATROL_COUNTRIES = frozenset({"RUS", "CHN"})
# after the claim's words: they entered a country's airspace (an air defence zone is no
# airspace: "entered the KADIZ", "South Korea's air defence identification zone")
ENTERED_AIRSPACE = re.compile(
    r"\s+(?:that|which)\s+(?:had\s+|has\s+)?(?:entered|violated|intruded\s+into|invaded)\s+"
    r"(?:the\s+)?(?:[\w’'-]+\s+){0,3}?(?:territorial\s+)?airspace\b",
    re.IGNORECASE,
)

# a sentence that opens so speaks of the time the sentence before names ("It has been about six
# months since ..., after December last year. At that time as well, nine Chinese and Russian
# military aircraft ...")
AT_THAT_TIME = re.compile(r"(?:At|By|Until)\s+that\s+time\b|On\s+that\s+occasion\b")

# each claim drafted before: its country, its role (an escort's a fighter's), its event
Named = list[tuple[str | None, str, str | None]]


def kind_of(role: str) -> str:
    """The role of an aircraft whatever it does in the patrol: an escort is a fighter."""
    return role.removesuffix("_escort")


def linked(d: Drafter, at: int) -> bool:
    """Whether the sentence that holds `at` reports an event the draft links."""
    return any(lo <= at < hi for lo, hi, _ in getattr(d, "event_sentences", ()))


def event_of(
    d: Drafter,
    span: tuple[int, int],
    code: str | None,
    total: bool,
    role: str,
    identified: bool,
    named: Named,
) -> str | None:
    """The event of the claim text[span] of country `code` (see the module)."""
    start, end = span
    if identified and not linked(d, start):
        kind = (code, kind_of(role))
        return next((e for *k, e in reversed(named) if tuple(k) == kind), None)
    if not (total or code in PATROL_COUNTRIES):
        return claim_event(d, start, ANSWER_TYPES, sentence_only=OWN_TYPES)
    before = _the_time_before(d, start)
    if before is not None:
        return before
    if ENTERED_AIRSPACE.match(d.text, end):
        violations = [e for e in getattr(d, "linked_events", ()) if d.event_kind(e) == VIOLATION]
        if violations:
            return violations[0]
    return claim_event(d, start, PATROL_TYPES, JOINT_TYPES, PATROL_PARTS)


def _the_time_before(d: Drafter, at: int) -> str | None:
    """The joint event the sentence before reports, when the sentence that holds `at` opens
    with "At that time" (the time the sentence before names); else None."""
    spans = sentences(d.text, 0, d.end)
    here = next((i for i, (lo, hi) in enumerate(spans) if lo <= at < hi), None)
    if not here or not AT_THAT_TIME.match(d.text, spans[here][0]):
        return None
    lo, hi = spans[here - 1]
    kinds = PATROL_TYPES | JOINT_TYPES
    linked = getattr(d, "event_sentences", ())
    return next((e for a, b, e in linked if a < hi and lo < b and d.event_kind(e) in kinds), None)
