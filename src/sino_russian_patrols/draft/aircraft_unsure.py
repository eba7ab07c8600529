"""Which aircraft claims the draft proposes commented out, and why (draft/aircraft.py): the
forms the curated files code are asserted; a generic noun without a number is asserted where
the article says nothing more of that country's aircraft of that role in that event."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import normalize
from .aircraft_event import kind_of
from .patterns import NO_ROLE

if TYPE_CHECKING:
    from .aircraft import Claim

# (country, role, event) of each claim that counts its aircraft or names their type
Specific = set[tuple[str | None, str, str | None]]


def unsure_form(claim: Claim, span: tuple[int, int] | None) -> str | None:
    """Why the claim is proposed commented out, or None: the forms the curated files code
    are asserted."""
    if span is None:
        return "the words occur more than once: quote a longer span"
    if not claim.countries and claim.operator is None and not claim.total:
        return "the words name no country: add the country, or the force flying them"
    if claim.generic and not claim.count and claim.definite:
        return "'the' and a generic noun without a number: a claim made above again"
    if claim.singular and not claim.count:
        return "one aircraft named without a number (a photo caption?)"
    return None


def _counted(code: str, role: str, event: str | None, specific: Specific) -> bool:
    """Whether the article counts or names the type of `code`'s aircraft of `role` in `event`:
    the same role, or aircraft of no role said (which may be any); for a noun of no role,
    any. Aircraft of another event ("Russian and Chinese warships and aircraft" of last
    month's naval drills, beside the bombers counted of the patrol) are not those."""
    if role == NO_ROLE:
        return any(c == code and e == event for c, _, e in specific)
    return (code, kind_of(role), event) in specific or (code, NO_ROLE, event) in specific


def unsure_generic(
    claim: Claim, who: str | None, event: str | None, specific: Specific
) -> str | None:
    """A generic noun without a number ("Chinese and Russian bombers") is asserted when the
    curated files code it: what a report says ("Japan's Defense Ministry spotted Chinese and
    Russian bombers", "..., according to the Joint Staff Office"), the aircraft a verb sends
    ("Japan scrambled fighter jets"), or the article's only words on that country's aircraft of
    that role ("fighter jets from both countries" beside the bombers it names).
    Otherwise (the article's own lead, an aside such as "after Chinese and Russian bombers
    conducted ...") it is as often the aircraft of that role counted elsewhere, said again
    (about 1 right of 2), and is commented out."""
    if not claim.generic or claim.count or claim.total or claim.identified or claim.headline:
        return None  # "were bombers and fighters" says what kinds they were, not said again
    code = normalize.country_code(who) if who else None
    if (
        claim.sent
        or claim.reported
        or (code is not None and not _counted(code, claim.role, event, specific))
    ):
        return None
    return "a generic noun without a number, where the article counts them elsewhere"
