"""The date phrases of the article as the date rules read them, listed in the header of
the draft for the editor (no entry is asserted from them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import dates
from .patterns import SENTENCE

if TYPE_CHECKING:
    from .proposals import Drafter


def propose(d: Drafter) -> None:
    """Every date phrase of the article with the date it resolves to, or why it cannot."""
    for s in SENTENCE.finditer(d.text[: d.end]):
        lo = s.start()
        for a, b in d.skip:
            if lo <= a < s.end():
                lo = max(lo, b)
        found = dates.find_phrase(d.text[lo : s.end()])
        if found is None:
            continue
        phrase = d.text[lo + found[0] : lo + found[1]]
        try:
            r = dates.resolve(phrase, d.anchor)
        except ValueError as exc:
            d.draft.date_phrases.append(f"{phrase!r}: cannot be read ({str(exc)[:120]})")
            continue
        when = (
            r.start.isoformat()
            if r.start == r.end and r.start
            else (f"{r.start or '…'}..{r.end or '…'}")
        )
        d.draft.date_phrases.append(f"{phrase!r} → {when} ({r.precision}, {r.basis})")
