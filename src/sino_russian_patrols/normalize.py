"""Normalisation of spellings to canonical values: aircraft, countries, numbers.

Each function takes the text as an article writes it and returns the canonical value, or
raises `ValueError` with a message that says what is accepted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Cyrillic letters that look like Latin ones ("Tu-95\u041cS" with a Cyrillic Em).
_LOOKALIKES = str.maketrans("АВЕКМНОРСТХУаеорсхукм", "ABEKMHOPCTXYaeopcxykm")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe63\uff0d]")
_MANUFACTURERS = re.compile(r"^(xi'?an|tupolev|sukhoi)\s+", re.IGNORECASE)
_DESIGNATION = re.compile(r"^(tu|su|h)\s*-?\s*([0-9]+)\s*([a-z]*)$", re.IGNORECASE)
_PREFIX = {"tu": "Tu", "su": "Su", "h": "H"}
_GENERIC = re.compile(
    r"^(?:strategic\s+|military\s+)?(?:fighter\s+jets?|fighters?|bombers?|aircraft|warplanes?|"
    r"jets?|planes?)$",
    re.IGNORECASE,
)
UNSPECIFIED = "unspecified"


def fold_text(raw: str, /) -> str:
    """NFKC, Latin look-alikes for Cyrillic letters, plain hyphens, single spaces."""
    s = unicodedata.normalize("NFKC", raw).translate(_LOOKALIKES)
    return re.sub(r"\s+", " ", _DASHES.sub("-", s)).strip()


def aircraft_type(raw: str, known: Iterable[str], /) -> str:
    """Canonical designation (`TU-95MS` → `Tu-95MS`), or `unspecified` for a generic noun."""
    s = fold_text(raw)
    if _GENERIC.fullmatch(s):
        return UNSPECIFIED
    match = _DESIGNATION.fullmatch(_MANUFACTURERS.sub("", s))
    known = sorted(known)
    if match is None:
        raise ValueError(
            f"{raw!r} is neither an aircraft designation (such as {', '.join(known[:3])}) nor a "
            "generic noun (fighter jets, bombers, aircraft, warplanes)"
        )
    prefix, number, suffix = match.groups()
    canonical = f"{_PREFIX[prefix.lower()]}-{number}{suffix.upper()}"
    if canonical not in known:
        raise ValueError(
            f"{raw!r} normalises to {canonical!r}, which is not in "
            f"registries/aircraft_types.yaml (known: {', '.join(known)}); add it there"
        )
    return canonical


_COUNTRIES = {
    "RUS": ("russia", "russian", "russian federation"),
    "CHN": ("china", "chinese", "people's republic of china"),
    "USA": ("u.s.", "us", "united states", "american", "u.s.-canadian", "us-canadian"),
    "CAN": ("canada", "canadian"),
    "JPN": ("japan", "japanese"),
    "KOR": ("south korea", "korea", "south korean", "republic of korea"),
}
_COUNTRY_WORDS = {word: code for code, words in _COUNTRIES.items() for word in words}


def country_code(raw: str, /) -> str:
    """ISO 3166-1 alpha-3 code for a country name or demonym (`Russia's` → `RUS`).

    The possessive may carry a straight or a curly apostrophe, as the texts vary.
    """
    s = fold_text(raw).replace("\u2019", "'").casefold()
    s = re.sub(r"'s$", "", s)
    if s not in _COUNTRY_WORDS:
        raise ValueError(
            f"{raw!r} is not a known country name or adjective; known: "
            f"{', '.join(sorted(_COUNTRY_WORDS))} (extend normalize._COUNTRIES)"
        )
    return _COUNTRY_WORDS[s]


_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}


def count(raw: str, /) -> int:
    """A count as written (`two`, `10`) as an integer."""
    s = fold_text(raw).casefold()
    if s.isdigit():
        return int(s)
    if s in _NUMBER_WORDS:
        return _NUMBER_WORDS[s]
    raise ValueError(f"{raw!r} is not a number: write digits or a number word (one to twenty)")


_HOURS = re.compile(r"\b([0-9]+|[a-z]+)[- ]hours?\b", re.IGNORECASE)


def duration_hours(raw: str, /) -> float:
    """Hours from a phrase such as `eight-hour mission` or `10 hours`."""
    match = _HOURS.search(fold_text(raw))
    if match is None:
        raise ValueError(f"{raw!r} states no duration in hours (such as 'eight-hour', '10 hours')")
    return float(count(match.group(1)))
