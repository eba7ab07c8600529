"""Actor mentions: every registered spelling on word boundaries, never inside a longer
registered name. Proposed commented out: a name followed by a body or a title it is part of
("South Korea's presidential office", "NATO Secretary-General") or a noun it qualifies
("Russian military aircraft"), a body named after another country's word
("Chinese Defense Ministry" read as the Japanese "Defense Ministry"), and a place name after a
preposition (a location, not the actor).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .document import Item, quote_entry
from .patterns import LOCATIVE

if TYPE_CHECKING:
    from .proposals import Drafter


def propose(d: Drafter) -> None:
    places = {a for e in d.registries.places for a in e.aliases}
    for start, end, actor_id in d.mentions(d.registries.actors):
        line = [f"- {quote_entry(d.text, start, end)}   # {actor_id}"]
        before = d.text[max(0, start - 60) : start]
        other = d.other_country(start, actor_id)
        inside = d.inside_a_name(start, end, actor_id)
        if inside:
            why = f"part of {inside!r}: a body's name or a title (register it if it is one)"
            d.draft.items.append(Item("actors", line, why))
        elif other:
            why = f"{other!r} before it names another country's body than {actor_id}"
            d.draft.items.append(Item("actors", line, why))
        elif d.text[start:end] in places and LOCATIVE.search(before):
            why = "a place name after a preposition: probably a location, not the actor"
            d.draft.items.append(Item("actors", line, why))
        else:
            d.draft.items.append(Item("actors", line))
