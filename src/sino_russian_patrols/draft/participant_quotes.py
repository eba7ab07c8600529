"""The words a participant claim quotes, as the curated files quote them: the clause that says
the parties took part, from the start of the noun phrase that names them to the end of the
event's words ("China and Russia have executed their first joint bomber patrol", "nine
Chinese and Russian military aircraft participating in the combined drills", "the ongoing
China-Russia combined air drills"), or from the start of the event's noun phrase to the
parties when the event is named first ("The recent joint bomber patrol staged by China and
Russia", "joint naval maneuvers by Russian and Chinese warships").

The noun phrase opens with its determiner, number and adjectives ("the", "A total of 10",
"The recent joint", "their fourth"), or with the forces it names the parties' units by at
the start of a clause ("Warships of the Russian Navy and ...", "Naval units from Russia,
China and Iran", "the naval forces of Russia and China"); parties named by their demonyms
end with the noun they qualify ("Russian and Chinese warships"). The event's words count
within a clause: a comma, a bracket or a long stretch between them and the parties ends it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .patterns import DEMONYMS

if TYPE_CHECKING:
    from .proposals import Drafter

Span = tuple[int, int]

_NUMBER = (
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"more\s+than\s+[\w,]+|over\s+[\w,]+|dozens\s+of|several)"
)
_ORDINAL = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\d+(?:st|nd|rd|th))"
)
_ADJECTIVE = (
    r"(?:ongoing|recent|upcoming|latest|planned|annual|joint|combined|large-scale|major|"
    r"previous|last|next|naval|air|aerial|military|maritime|sea|strategic|bomber|bilateral|"
    r"trilateral|anti-[\w-]+)"
)
# an adjective after a determiner, by its ending: "an obvious", "the massive", "the historic"
_DESCRIBED = r"(?:[a-z]+(?:ous|ful|al|ive|ic|ent|ant|ary|ing)\s+)"
# an exercise's name and edition: "Vostok 2022", "Joint Sea-2021"
_EDITION = r"(?:[A-Z][\w./]*(?:\s+|[-\u2010\u2011]))+(?:19|20)\d\d"
# the opening of a noun phrase, right before the words it opens: "the ongoing ", "A total of
# 10 ", "The recent joint ", "their fourth ", "nine "
_OPENING = re.compile(
    rf"(?:\b(?:[Tt]he|[Aa]n?|[Tt]heir|[Ii]ts)\s+{_DESCRIBED}?)?(?:total\s+of\s+)?"
    rf"(?:\b(?:(?i:{_NUMBER}|{_ORDINAL}|{_ADJECTIVE})|{_EDITION})\s+)*$"
)
# the units and forces a clause names the parties' by ("Warships of", "Naval units from", "A
# joint detachment of ships from", "the naval forces of")
FORCE_NOUNS = (
    r"(?:warships|ships|vessels|units|sailors|submarines|forces|aircraft|planes|warplanes|"
    r"bombers|fighters|jets|troops|detachments?|groups?|fleets|navies|militaries|crews|"
    r"personnel|servicemen|contingents?|destroyers|frigates|corvettes|formations?)"
)
_UNITS_OF = re.compile(
    rf"(?:(?:[Tt]he|[Aa])\s+)?(?:[\w-]+\s+){{0,2}}?(?:[\w-]+\s+of\s+)?{FORCE_NOUNS}\s+"
    r"(?:of|from)\s+(?:the\s+)?$"
)
# one unit, named by its kind and its name, of a party: "the Admiral Tributs large
# anti-submarine warfare ship of the", "The diesel-electric submarine Volkhov of the"
_UNIT_OF = re.compile(
    r"(?:[Tt]he|[Aa])\s+(?:[\w’'-]+\s+){0,6}?(?:ship|warship|submarine|destroyer|frigate|"
    r"corvette|vessel|cruiser)(?:\s+[A-Z][\w-]*){0,2}\s+of\s+(?:the\s+)?$"
)
# where a clause may open: the sentence's start, after a comma, a colon or "that"
_CLAUSE_OPENS = re.compile(r"(?:^|[,:;]\s+|\bthat\s+|\bwhile\s+|\bwhen\s+)$")
# the noun parties named by their demonyms qualify: "Russian and Chinese warships", "Chinese
# and Russian naval vessels", "the Chinese and Russian militaries"
_HEAD_NOUN = re.compile(
    rf"(?:\s+(?!and\b)[a-z][\w-]*){{0,2}}?\s+(?:{FORCE_NOUNS}|armed\s+forces)\b"
)
# what ends a clause between the parties and the event's words
_CLAUSE_BREAK = re.compile(r"[,;()\u2014]|\b(?:that|which|while|who|when|after|before)\b")
# the words that name a joint event of any kind, beside the words of the event's own kind
EVENT_NOUN = re.compile(
    r"(?i)\b(?:patrols?|drills?|exercises?|maneuvers|manoeuvres|war\s*games|flights?|"
    r"operations?|sailing|missions?|passed|sailed|demonstrations?|shows?\s+of\s+force)\b"
)
_FAR = 60  # characters between the parties and the event's words, at most, in one quote


def opening(d: Drafter, lo: int, start: int) -> int:
    """Where the noun phrase whose words start at `start` opens: its determiner, number and
    adjectives, or the units it names the parties by at a clause's start."""
    before = d.text[lo:start]
    units = _UNITS_OF.search(before) or _UNIT_OF.search(before)
    if units is not None and _CLAUSE_OPENS.search(before, 0, units.start()):
        head = _OPENING.search(before, 0, units.start())
        return lo + (head.start() if head is not None else units.start())
    m = _OPENING.search(before)
    return lo + m.start() if m is not None else start


def named_by_demonym(d: Drafter, start: int, end: int) -> bool:
    """The party at text[start:end] is named by its demonym ("Chinese"), not its name."""
    return d.text[start:end] in DEMONYMS and not d.text[start:end].endswith("s")


def head_noun_end(d: Drafter, end: int, hi: int) -> int:
    """Where the noun that demonyms qualify ends ("Russian and Chinese warships"), or `end`."""
    m = _HEAD_NOUN.match(d.text, end, hi)
    return m.end() if m is not None else end


def core(d: Drafter, parties: Span, words: Span) -> Span:
    """The event's noun after the parties stands for words that run to it from their ships
    or from before them ("warships, which met in July, later began a joint patrol", "ships
    of the Pacific Fleet, while China joined the patrol")."""
    nouns = list(EVENT_NOUN.finditer(d.text, *words))
    if nouns and parties[1] <= nouns[-1].start():
        return nouns[-1].span()
    return words


def in_clause(d: Drafter, parties: Span, words: Span) -> bool:
    """The parties and the event's words stand in one clause: close, with no comma, bracket
    or relative word between them ("China and Russia held the third round of joint
    anti-missile exercises"; not "Chinese and Russian aircraft, which joined the drills")."""
    words = core(d, parties, words)
    a, b = sorted((parties, words))
    if b[0] < a[1]:
        return True
    between = d.text[a[1] : b[0]]
    return len(between) <= _FAR and _CLAUSE_BREAK.search(between) is None


# where the event is held, right after its words: "exercises on Russian territory"
_ON_LAND = re.compile(r"\s+on\s+(?:the\s+)?[A-Z][\w-]*\s+(?:territory|soil)\b")


def on_land(d: Drafter, end: int) -> int:
    """The end of the words that say on whose territory the event's words are held, right
    after them ("held joint anti-missile exercises on Russian territory"), or `end`."""
    m = _ON_LAND.match(d.text, end)
    return m.end() if m is not None else end


# the noun a patrol's words may qualify: "the fifth joint Russia-China patrol mission"
_PATROL_NOUN = re.compile(r"(?<=patrol)\s+(?:missions?|flights?)\b")


# the exercise's name and edition right after its words
_NAME_AFTER = re.compile(rf"\s+{_EDITION}\b")


def closed(d: Drafter, start: int, end: int) -> int:
    """The end of a quote, past the noun a patrol qualifies ("patrol mission"), the name
    that follows the event's words ("drills Maritime Interaction 2025") and the closing
    quotation mark of a name it opens ('conducted a "joint aerial strategic
    patrol"')."""
    if (noun := _PATROL_NOUN.match(d.text, end)) is not None:
        return noun.end()
    if (name := _NAME_AFTER.match(d.text, end)) is not None:
        return name.end()  # "the Russian-Chinese drills Maritime Interaction 2025"
    words = d.text[start:end]
    if (words.count('"') % 2 or words.count("“") > words.count("”")) and d.text[end : end + 1] in (
        '"',
        "”",
    ):
        return end + 1
    return end
