"""The event a remark is about (`event:` of a statement), for the remarks proposer.

An editor links a remark to the event its own sentence is about, not to the article's main
event: NORAD's words on the bombers "which it intercepted" to the intercept, a ministry's
account of warning shots to the warning shots, the words of a summit's statement to the
summit. Read in this order:
- a scare quote (words no one speaks) is about the event its own clause names ("Chinese and
  Russian warplanes ... hovered over the Pacific Ocean in a display of strengthened “mutual
  trust”"), else none ("near-Arctic"; "..., Kishi said, in an apparent provocation as leaders
  of “the Quad” grouping met": the clause after the speaker's remark names no event);
- an event the draft links in the remark's sentence whose own words (an intercept, a
  scramble, a protest through diplomatic channels, a summit, a report) stand in the remark:
  from the sentence's start (or the end of another speaker's remark before it) to the
  remark's end, so that a closing clause of the writer's (", prompting both to scramble
  fighter jets") and another speaker's clause ("..., while NORAD said the bombers, which it
  intercepted, ...") are left out;
- else the patrol or exercise the sentence mentions;
- else the one occasion of speech (a summit, a report, an agreement, a ministers' meeting)
  whose sentences name the speaker first (their subject): the Pentagon's words about the
  two countries' alignment are of the report the Pentagon published (a scramble is the
  speaker's act too, but what the speaker says of the patrol is about the patrol);
- else the article's main event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .events import event_types
from .patterns import EXERCISE_TYPES, JOINT_PATROLS, PASSING_TYPES

if TYPE_CHECKING:
    from .actors import Mention
    from .proposals import Drafter
    from .remarks import Remark

# the kinds of event the two countries hold together: a remark about one names no one's act
_JOINT = JOINT_PATROLS | EXERCISE_TYPES


def remark_event(
    d: Drafter,
    r: Remark,
    around: list[tuple[int, int]],
    mentions: list[Mention],
    main: str | None,
    others: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> str | None:
    """The event of the remark `r` whose sentences are `around` (see the module); `main`
    is the article's main event, `mentions` the actors the text names."""
    linked: list[tuple[int, int, str]] = getattr(d, "event_sentences", [])
    here = list(
        dict.fromkeys(e for lo, hi, e in linked if any(lo < b and a < hi for a, b in around))
    )
    lo = next((a for a, b in around if a <= r.start < b), r.start)
    # from the sentence's start, or from the end of another speaker's remark before
    start = max([lo, *(b for a, b in others if lo <= b <= r.start)])
    named = event_types(d.text[start : r.end], specific=True)
    if r.speaker.actor is None and r.speaker.rule == "no tag":
        return next((e for e in here if d.event_kind(e) in named), None)
    own = [e for e in here if d.event_kind(e) not in _JOINT and d.event_kind(e) in named]
    if own:
        return own[0]
    joint = [e for e in here if d.event_kind(e) in _JOINT]
    if joint:
        return joint[0]
    if r.speaker.actor is not None:
        acts = list(
            dict.fromkeys(
                e
                for lo, hi, e in linked
                if d.event_kind(e) in PASSING_TYPES
                and _subject(mentions, lo, hi) == r.speaker.actor
            )
        )
        if len(acts) == 1:
            return acts[0]
    return main


def _subject(mentions: list[Mention], lo: int, hi: int) -> str | None:
    """The first actor a sentence names: its subject ("In a report published on Monday, the
    Pentagon predicted ..."), not the one it names after ("... accusing China of ...")."""
    here = [m for m in mentions if lo <= m.start < hi]
    return min(here, key=lambda m: m.start).actor if here else None
