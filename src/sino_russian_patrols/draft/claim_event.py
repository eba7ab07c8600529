"""The event an aircraft or ship claim belongs to: the one its sentence reports, else the
first event of its kind the draft links (`Drafter.event_near`), unless the article reports an
event the registries do not know yet.

When the draft links a claim's sentence to no event, the fallback is the first linked event of
the claim's kind. That is right when the article reports one event of that kind; but when it
also reports one of that kind the registries do not know (a mention proposed as
`NEW-EVENT-ID`, whose words fit the claim's event types), the linked event is as likely a
background event ("after the exercise ..."), and the claim most likely belongs to the new one:
it is proposed with no event, commented out, until that event is defined (measured: the
fallback put 15 of 33 ship claims on a wrong event).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .patterns import EVENT_WORDS

if TYPE_CHECKING:
    from .proposals import Drafter

NEW_EVENT = "NEW-EVENT-ID"


def claim_event(
    d: Drafter,
    at: int,
    types: frozenset[str],
    wider: frozenset[str] = frozenset(),
    sentence_only: frozenset[str] = frozenset(),
) -> str | None:
    """The event of the claim at `at`, of one of `types`, or None (see the module).

    `wider` are the types tried after `types`, in the sentence and then as the fallback when
    the article links no event of `types` (aircraft over a joint naval exercise);
    `sentence_only` the types a claim belongs to only when its own sentence reports that event
    (an airspace violation, a landing at an airfield: a part of the patrol, never the
    article's event for a claim that names none)."""
    linked = [(lo, hi, e) for lo, hi, e in getattr(d, "event_sentences", ()) if lo <= at < hi]
    for kinds in (types, sentence_only, wider):
        for _, _, event in linked:  # a registered event, or one the draft writes out
            if d.event_kind(event) in kinds:
                return event
    for kinds in (types, wider):
        if not kinds:
            continue
        if any(_new_event(item) & kinds for item in d.draft.items):
            return None
        found = d.event_near(at, kinds)
        if found is not None:
            return found
    return None


def _new_event(item) -> frozenset[str]:  # type: ignore[no-untyped-def]
    """The event types a mention the draft proposes for an event to define may have (the
    types its sentence's words fit); empty for any other item."""
    if item.section != "events" or not item.lines or not item.lines[0].endswith(NEW_EVENT):
        return frozenset()
    quote = next((line for line in item.lines if line.startswith("  quote: ")), None)
    if quote is None:
        return frozenset()
    sentence = json.loads(quote.removeprefix("  quote: "))
    return frozenset(t for pattern, kinds in EVENT_WORDS if pattern.search(sentence) for t in kinds)
