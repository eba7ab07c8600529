"""The words of aircraft and ship claims (draft/aircraft.py, draft/ships.py), as patterns:
counts, countries, the nouns and modifiers of a claim's head, what sends or owns the
aircraft and ships, and where a claim's clause ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..normalize import QUALIFYING_WORDS, SHIP_WORDS, country_code, country_words
from .patterns import DEMONYMS, SPEECH_VERB

# --- the words of aircraft and ship claims (draft/aircraft.py, draft/ships.py) -------------
# A claim is read around its head: a designation ("Tu-95MS"), a generic noun ("fighter jets",
# "naval vessels") or a registered ship's name. The words before the head give its count and
# country ("two of Russia’s", "A separate Russian", "Chinese and Russian"); the words after
# it may give them instead ("of the PLA Air Force", "from both countries").

# Counts as the build reads them (normalize.count_phrase): a qualifier the build knows, then
# digits or a number word up to ninety-nine, or "a", "an", "a single", "a pair of".
_UNIT_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TEN_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_COUNT_NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,4}}|(?:{'|'.join(_TEN_WORDS)})(?:[- ](?:"
    rf"{'|'.join(_UNIT_WORDS[:9])}))?|{'|'.join(sorted(_UNIT_WORDS, key=len, reverse=True))})"
)
_COUNT_QUALIFIER = "|".join(
    re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUALIFYING_WORDS, key=len, reverse=True)
)
CLAIM_COUNT = (
    rf"(?<![\w-])(?:(?:(?:{_COUNT_QUALIFIER})\s+)?{_COUNT_NUMBER}|a\s+single|a\s+pair\s+of|an?)"
    r"(?![\w-])"
)
# Verbs whose subject sends the aircraft or ships that follow ("Japan scrambled fighter jets",
# "prompting South Korea to scramble fighters", "Russia sent two Tu-95MS").
SENDING_VERBS = (
    "scrambled", "scramble", "scrambles", "scrambling", "sent", "send", "sends", "sending",
    "deployed", "deploy", "deploys", "deploying", "dispatched", "dispatch", "dispatches",
    "rushed", "rush", "mobilized", "mobilised", "fielded", "flew", "fly", "launched",
)  # fmt: skip
# Words that end the phrase of a claim: a count's adjectives and the filler between a country
# and its noun are words other than these ("two presumably new Chinese bombers", "Russian and
# Chinese naval aviation aircraft").
_NOT_A_MODIFIER = (
    r"(?:and|or|of|the|to|with|by|in|on|at|from|for|that|which|who|were|was|are|is|be|been|"
    r"have|has|had|will|would|its|their|his|her|as|than|while|but|both|each|all|since|ago|"
    r"times?|months?|years?|days?|weeks?|hours?|minutes?|miles?|kilomet\w+)"
)
# (nor a number, a verb that sends, or a past tense: "Russia sent two", "Japan scrambled")
MODIFIER = (
    rf"(?-i:(?!(?:{_NOT_A_MODIFIER}|{_COUNT_NUMBER}|{'|'.join(SENDING_VERBS)})\b)"
    r"(?![a-z]+ed\b)[a-z][\w-]*)"
)
# what may stand between a country word and its aircraft: the country's force ("the Chinese
# air force’s Xian H-6 strategic bombers")
COUNTRY_FORCE = r"(?:\s+(?:air\s+force|navy|military|army|armed\s+forces)[’']s?)?"
# a generic noun used as a modifier is no claim ("a bomber patrol", "fighter pilots")
NOUN_AS_MODIFIER = re.compile(
    r"\s+(?:patrols?|flights?|forces?|missions?|units?|groups?|formations?|crews?|pilots?|"
    r"bases?|airfields?|regiments?|divisions?|drills?|exercises?|operations?|carriers?)\b",
    re.IGNORECASE,
)
SENDING = re.compile(
    rf"(?:\s+(?:has|have|had|also|then|later|quickly|immediately|reportedly))*\s+(?:to\s+)?"
    rf"(?P<verb>{'|'.join(SENDING_VERBS)})\s+(?:(?P<count>{CLAIM_COUNT})\s+(?:of\s+)?)?"
    r"(?:(?:its|their|the)\s+)?$",
    re.IGNORECASE,
)
# after a head: the country or force it belongs to ("of the PLA Air Force", "from the Chinese
# side"), up to the end of the clause
BELONGS_TO = re.compile(r"\s*,?\s+(?:of|from)\s+(?:the\s+)?", re.IGNORECASE)
CLAUSE_END = re.compile(
    r"[,;:.()“”\"]|\s(?:are|is|were|was|will|would|have|has|had|that|which|who|took|take|"
    r"including|while|whereas)\b"
    # "two H-6 bombers of the Chinese air force and four Russian Tu-95 bombers", "Su-30 fighters
    # of the Russian Aerospace Forces and J-16 fighters of ...": the next claim
    rf"|\s+and\s+(?={CLAIM_COUNT}\s|[A-Za-z]{{1,8}}[-\u2010\u2011 ]?\d)"
)
# "from both countries", "of both sides": a number for two countries together, a total
BOTH_SIDES = re.compile(
    r"\s*,?\s+(?:from|of)\s+both\s+(?:countries|sides|nations|navies|militaries)\b", re.I
)
# "the four bombers", "the 10 vessels": a count of what the text reported before, a total
THE_COUNT = re.compile(rf"\bthe\s+(?P<count>{CLAIM_COUNT})\s+$", re.IGNORECASE)
# words after a body's or a state's name that make it a body, not the country of what follows
BODY_AFTER = re.compile(
    r"(?:[’']s)?\s+(?:(?:foreign|defen[cs]e|national|presidential|state|security)\s+)*"
    r"(?:ministry|office|secretary|spokes\w+|president|leader|minister|government|embassy|"
    r"ambassador|media|officials?|press|news|statement|side\s+said)\b",
    re.IGNORECASE,
)
# an aircraft claim's words that say its fighters fly with the bombers, or join for part of
# the flight (build/README.md: role fighter_escort, part_of_flight)
ESCORT_WORDS = re.compile(r"\b(?:escort\w*|accompan\w*|joined|bombers?)\b", re.IGNORECASE)
PART_OF_FLIGHT = re.compile(r"\b(?:part of the (?:flight|route|mission)|joined by)\b", re.I)


def country_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """The country words (names and demonyms: "Russia", "Chinese", "South Korea") as whole
    words, with a possessive, but not joined by a hyphen to another word ("China-Russia
    drills", "Sino-Russian": an adjective of the event, not whose the aircraft are). Two
    hyphens are a dash ("Tokyo, Dec. 10 (Jiji Press)--Chinese and Russian bombers")."""
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?:(?<![\w-])|(?<=--))(?:{alternatives})(?:[’']s)?(?![\w-])")


def country_list(country: str) -> str:
    """One, two or three countries in a row ("Chinese and Russian", "Russia, China and
    Iran"), for a pattern built from `country_pattern`'s words."""
    return rf"(?:{country})(?:\s*,\s*(?:{country})){{0,3}}(?:,?\s+and\s+(?:{country}))?"


# a photo caption restates the report: a short line that ends with a picture's credit in
# brackets ("... with Russian aircraft, Dec. 22, 2020. (Russian Ministry of Defence)"); a
# paragraph that ends with the agency's sign-off ("... the Russian military. (ANI)") is longer
CAPTION = re.compile(r"^[^\n]{0,200}\([A-Z][^()\n]{2,60}\)[ \t]*$", re.MULTILINE)
# a sentence that says who reports what it counts: a speech verb, "according to", or an
# observer's verb ("Japan's Defense Ministry spotted Chinese and Russian bombers")
REPORTED = re.compile(
    rf"\b(?:{SPEECH_VERB}|according to|spotted|detected|observed|identified|tracked|confirmed)\b",
    re.IGNORECASE,
)
# the words that open an aside about what a report says ("Japan scrambled fighter jets after
# Chinese and Russian bombers conducted ...", "..., with Chinese bombers also entering ...")
ASIDE = re.compile(
    r"\b(?:after|with|before|when|while|as|because|since|following|amid|until)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "its Tu-95MS bombers" after "<country's body> said": the body's country owns them
ITS = re.compile(r"\b(?:its|their)\s+$", re.IGNORECASE)
# the parts of a total listed after it ("over 30 naval aircraft from both sides, including
# anti-submarine warfare planes and helicopters and fighter-interceptors")
INCLUDING = re.compile(r"\s*,?\s+(?:including|among them|such as)\s+", re.IGNORECASE)


def country_names(states: Iterable[tuple[str | None, tuple[str, ...]]]) -> set[str]:
    """The words that name a country, for `country_pattern`: the demonyms above, and for each
    registered state (its country, its aliases) the names and demonyms the build reads as that
    country ("Russia", "Russian") and the aliases that are country names ("South Korea", not
    "Seoul")."""
    words = set(DEMONYMS)
    for country, aliases in states:
        if not country:
            continue
        words.update(country_words(country))
        for alias in aliases:
            try:
                country_code(alias)
            except ValueError:
                continue
            words.add(alias)
    return words


# Ships: a kind of ship the build reads (normalize.SHIP_WORDS) and the words before it that the
# type keeps ("large anti-submarine warfare ship", "missile corvettes", "Navy vessels"); the
# class before them ("the Project 20380 corvettes"). The words the curated files keep in a ship's
# type ("coastal-type minesweepers") are learned from them (draft/ships.py).
SHIP_MODIFIERS = (
    "large", "small", "big", "missile", "guided-missile", "diesel", "diesel-electric",
    "nuclear", "nuclear-powered", "coastal", "ASW", "Navy", "navy", "naval", "escort",
    "amphibious", "landing", "patrol", "logistics", "surface", "attack", "multipurpose",
    "multi-purpose", "combat", "military", "hospital", "training", "research", "intelligence",
    "reconnaissance",
)  # fmt: skip


def ship_kind(modifiers: Iterable[str] = ()) -> re.Pattern[str]:
    """A kind of ship with up to three of these words before it, and `modifiers` (learned)."""
    words = sorted({*SHIP_MODIFIERS, *modifiers}, key=len, reverse=True)
    return re.compile(
        rf"(?<![\w-])(?:(?i:{'|'.join(re.escape(w) for w in words)})\s+){{0,3}}"
        rf"(?i:{'|'.join(pattern for pattern, _ in SHIP_WORDS)})(?![\w-])"
    )


SHIP_KIND = ship_kind()
# the words between a count and the kind of ship that the type need not keep ("two
# coastal-type minesweepers", "an integrated supply ship"): adjectives, not another kind
SHIP_ADJECTIVE = (
    rf"(?-i:(?!(?:{_NOT_A_MODIFIER}|including|such|among)\b)"
    rf"(?!(?:{'|'.join(pattern for pattern, _ in SHIP_WORDS)})\b)[a-z][\w-]*)"
)
SHIP_CLASS = re.compile(r"\bProject\s+\d{2,5}[A-Z]?\s+$")
# where a country word stops reaching over the ships after it: the next clause ("Russia was
# represented by 10 ships of the Pacific Fleet, while five vessels took part ...")
CLAUSE_BREAK = re.compile(r";|,?\s+(?:while|whereas|but|although)\s+|\.\s")
# between the names of a list ("the destroyers Qiqihar and Guiyang", "Tongling and Rizhao")
NAME_GAP = re.compile(r"\s*(?:,\s*|,?\s+and\s+(?:the\s+)?)")
