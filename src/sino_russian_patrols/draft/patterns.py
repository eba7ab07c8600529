"""What the draft looks for in an article, as patterns: sentences, joint patrols, aircraft
claims ("two Russian Tu-95 bombers"), locations, quotations and who said them; and the
roles that the words of an aircraft claim give.

The words are English and live here; the values they give are the schema's: every role is
one of the `role` enum of schema/aircraft.json and every kind one of the `kind` enum of
schema/aircraft_types.json (tests/test_draft.py checks both against schema/), so that a value
renamed in the schema cannot leave the draft proposing what the build rejects.
"""

from __future__ import annotations

import re

PATROL = re.compile(
    r"\bjoint\s+(?:air\s+|aerial\s+|bomber\s+|strategic\s+)*(?:patrols?|flights?|operations?)\b",
    re.IGNORECASE,
)
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?](?=\s|$)|$)", re.MULTILINE)
_NUMBER = (
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
)
_QUALIFIER = r"(?:a total of |more than |at least |about |approximately |around |up to )?"
_COUNTRY = (
    r"(?:Russian|Chinese|Japanese|South Korean|American|U\.S\.|Russia[’']s|China[’']s|"
    r"Japan[’']s)"
)
_NOUN = (
    r"(?:strategic bombers?|bombers?|fighter jets?|fighters?|early warning (?:and control )?"
    r"(?:aircraft|planes?)|aircraft|warplanes?|planes?|jets?|missile carriers?)"
)
_DESIGNATION = r"(?:[A-Za-z\u0400-\u04ff]{1,3}[-\u2010\u2011 ]?\d{1,4}[A-Za-z\u0400-\u04ff]{0,3})"
# "[count] <country> [and <country>] [<designation>] [strategic] <noun>", or a designation
# without a noun ("Russian Tu-95МS and Chinese H-6K strategic bombers")
AIRCRAFT = re.compile(
    rf"(?:(?<![\w.,])(?P<count>{_QUALIFIER}{_NUMBER})[ \u00a0]+(?:of[ \u00a0]+)?)?"
    rf"(?P<country>{_COUNTRY})(?:[ \u00a0]+and[ \u00a0]+(?P<country2>{_COUNTRY}))?[ \u00a0]+"
    rf"(?:(?:(?P<type>{_DESIGNATION})[ \u00a0]+)?(?:strategic[ \u00a0]+)?(?P<noun>{_NOUN})\b"
    rf"|(?P<bare>{_DESIGNATION})(?![\w-]))",
    re.IGNORECASE,
)
# a name used as a location ("an airfield in China", "near Japan") is a place, not an actor
# ("near South Korea and Japan", "in western Japan", "visited China")
LOCATIVE = re.compile(
    r"(?:\b(?:in|near|over|around|off|toward|towards|from|visited|across|direction of) "
    r"(?:the )?(?:[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,2} ?(?:,|\band) )?"
    r"(?:(?:south|north|east|west)(?:ern|ernmost)? |central )?"
    r"|\b(?:south|north|east|west)(?:ern|ernmost) )$",
)
SAID = r"(?:said|told|added|noted|stated|wrote)"
QUOTED = re.compile(r"[“\"](?P<q>[^”\"\n]{12,}?)[”\"]")


# The words of a claim's noun that give its role, the first found wins ("early warning
# aircraft", "bombers", "missile carriers", "fighter jets").
ROLE_WORDS = (
    ("early warning", "airborne_early_warning"),
    ("bomber", "bomber"),
    ("missile carrier", "bomber"),
    ("fighter", "fighter"),
)
# A noun without those words ("aircraft", "jets"): the role of the type's kind in
# registries/aircraft_types.yaml, where a kind says what the aircraft does in a patrol.
ROLE_OF_KIND = {"bomber": "bomber", "fighter": "fighter"}
NO_ROLE = "unspecified"


def role_of(noun: str, kind: str | None) -> str:
    """The role of an aircraft claim from its noun as written, else from its type's kind."""
    noun = noun.casefold()
    for words, role in ROLE_WORDS:
        if words in noun:
            return role
    return ROLE_OF_KIND.get(kind or "", NO_ROLE)
