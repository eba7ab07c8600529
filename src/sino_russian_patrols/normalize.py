"""Normalisation of spellings to canonical values: aircraft, countries, numbers, durations.

Each function takes the text as an article writes it and returns the canonical value, or
raises `ValueError` with a message that says what is accepted, so that an annotator can fix
the annotation (or the registry) from the message alone.
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from collections.abc import Iterable

from .errors import shown
from .schema import enum_values

# Cyrillic letters that look like Latin ones ("Tu-95\u041cS" with a Cyrillic Em).
_LOOKALIKES = str.maketrans("АВЕКМНОРСТХУаеорсхукм", "ABEKMHOPCTXYaeopcxykm")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe63\uff0d]")
UNSPECIFIED = "unspecified"


# Characters a reader cannot see or that are not text: controls (NUL, escape), format
# characters (zero-width space and joiners, soft hyphen, byte-order mark, bidi controls),
# line and paragraph separators, surrogates, private-use and unassigned code points.
_INVISIBLE = ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")


def char_name(c: str, /) -> str:
    """A character as a message names it: `ZERO WIDTH SPACE (U+200B)`."""
    return f"{unicodedata.name(c, 'control character')} (U+{ord(c):04X})"


def invisible(raw: str, /) -> list[str]:
    """The distinct invisible or control characters of `raw`, in order of appearance."""
    return list(dict.fromkeys(c for c in raw if unicodedata.category(c) in _INVISIBLE))


def spelling_key(raw: str, /) -> str:
    """What two spellings share when they differ only by Unicode normalization (NFC or NFD,
    compatibility forms such as full-width letters) or by invisible characters."""
    return unicodedata.normalize("NFKC", "".join(c for c in raw if c not in invisible(raw)))


def spelling_difference(a: str, b: str, /) -> str:
    """Where two spellings differ, each character named: `it has X (U+..) where the other
    has Y (U+..)` (what a reader cannot see in the YAML file)."""
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1

    def names(s: str) -> str:
        return ", ".join(map(char_name, s[:5])) + (", …" if len(s) > 5 else "") or "nothing"

    return f"it has {names(a[start : len(a) - end])} where the other has " + names(
        b[start : len(b) - end]
    )


def fold_text(raw: str, /) -> str:
    """NFKC, Latin look-alikes for Cyrillic letters, plain hyphens, single spaces."""
    s = unicodedata.normalize("NFKC", raw).translate(_LOOKALIKES)
    return re.sub(r"\s+", " ", _DASHES.sub("-", s)).strip()


def fold_chars(raw: str, /) -> str:
    """`fold_text` with every offset kept (one character for one): the text a spelling is
    matched in when it may write a name with look-alike letters or another dash."""
    return _fold_chars(raw)


def _fold_chars(raw: str, /) -> str:
    """`fold_text` one character at a time, so that offsets into the result are offsets into
    `raw` (a character whose NFKC form is longer than one character is kept as it is)."""
    out = []
    for c in raw:
        n = unicodedata.normalize("NFKC", c)
        c = n if len(n) == 1 else c
        out.append(" " if c.isspace() else _DASHES.sub("-", c.translate(_LOOKALIKES)))
    return "".join(out)


# --- aircraft -------------------------------------------------------------------------------

# Designation letters as articles spell them out (pinyin for Chinese types, the design bureau
# for Russian ones): "Tupolev-95MS" is a Tu-95MS, "Hong-6K" an H-6K, "Jian-11B" a J-11B.
_SPELLED_OUT = {
    "tupolev": "Tu",
    "sukhoi": "Su",
    "ilyushin": "Il",
    "hong": "H",
    "jian": "J",
    "yun": "Y",
    "kongjing": "KJ",
}
# Prefixes written in mixed case, for naming an unknown designation the way the registry would.
_MIXED_CASE = {p.casefold(): p for p in ("Tu", "Su", "Il", "MiG", "Yak", "An", "Be", "Ka", "Mi")}
# Manufacturer words dropped before a designation ("Xian H-6", "Shenyang J-16"); public so
# that the drafter reads a designation with the same words before it as the build does.
MANUFACTURERS = (
    r"xi'?an|tupolev|sukhoi|beriev|ilyushin|mikoyan|shaanxi|shenyang|chengdu|harbin|"
    r"boeing|lockheed(?: martin)?|northrop(?: grumman)?|general dynamics|mcdonnell douglas"
)
_MANUFACTURERS = re.compile(rf"^(?:{MANUFACTURERS}) (?=[a-z]+ ?-? ?[0-9])", re.IGNORECASE)
# Letters (1-3, or a spelled-out prefix), an optional space or hyphen, digits, a letter suffix
# (which may carry a version number: Tu-22M3).
_SHAPE = (
    rf"(?:(?P<word>{'|'.join(_SPELLED_OUT)})|(?P<letters>[a-z]{{1,3}}))"
    r"(?P<sep> ?-? ?)(?P<digits>[0-9]{1,4})(?P<suffix>(?:[a-z]+(?:[0-9]+[a-z]*)?)?)"
)
_DESIGNATION = re.compile(_SHAPE, re.IGNORECASE)
_MENTION = re.compile(rf"(?<![\w-]){_SHAPE}(?!\w)", re.IGNORECASE)
# Nouns that name aircraft without a designation: [adjectives] [role] head.
_GENERIC = re.compile(
    r"(?:(?:strategic|military|long-range|long range|airborne|unmanned|combat|naval|"
    r"deck-based|fixed-wing|anti-submarine(?: warfare)?|search(?:/| and )rescue|"
    r"(?:anti-submarine|search(?:/| and )rescue) and (?:anti-submarine|search(?:/| and )rescue)"
    r") )*"
    r"(?:(?:fighter|bomber|early[- ]warning(?: and control)?|reconnaissance|surveillance|"
    r"intelligence[- ]gathering|patrol|transport|tanker) )?"
    r"(?:(?:aircraft|air ?planes?|planes?) and helicopters|aircraft|air ?planes?|planes?|jets?|"
    r"warplanes?|fighters?|fighter-interceptors?|bombers?|missile carriers?|drones?|"
    r"helicopters?)",
    re.IGNORECASE,
)
# the generic nouns as a pattern, for the drafter: a noun it proposes is one the build reads
GENERIC_AIRCRAFT = _GENERIC.pattern
_SHAPES_HELP = (
    "a designation is 1-3 letters, an optional hyphen or space, 1-4 digits and an optional "
    "letter suffix (Tu-95MS, H-6K, J-16, Su-35s, Tu-22M3), optionally after a manufacturer "
    "(Xian H-6) or with its prefix spelled out (Tupolev-95, Hong-6K, Jian-11B)"
)


def _key(letters: str, digits: str, suffix: str) -> str:
    return f"{letters}{digits}{suffix}".casefold()


def designation_key(designation: str, /) -> str:
    """What a designation is matched by: without case, spaces, hyphens or look-alike letters
    (`TU-95МS`, `Tu 95ms` and `Tu-95MS` are one). Two registry entries with one key would be
    one type: the registry refuses them."""
    return re.sub(r"[ -]", "", fold_text(designation)).casefold()


def _registry(known: Iterable[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Known designations by case- and hyphen-free key, and their prefixes by casefolded key."""
    by_key: dict[str, str] = {}
    prefixes = dict(_MIXED_CASE)
    for designation in known:
        folded = fold_text(designation)
        by_key[designation_key(designation)] = designation
        match = _DESIGNATION.fullmatch(folded)
        if match is not None and match["letters"]:
            prefixes[match["letters"].casefold()] = match["letters"]
    return by_key, prefixes


def _resolve(
    match: re.Match[str], by_key: dict[str, str], prefixes: dict[str, str]
) -> tuple[str | None, str]:
    """(canonical or None, the form it would take) for a designation-shaped match."""
    letters = _SPELLED_OUT[match["word"].casefold()] if match["word"] else match["letters"]
    digits, suffix = match["digits"], match["suffix"]
    key = _key(letters, digits, suffix)
    if key not in by_key and suffix[-1:] in ("s", "S") and key[:-1] in by_key:
        key, suffix = key[:-1], suffix[:-1]  # plural: "Tu-95s", "J-16s"
    prefix = prefixes.get(letters.casefold(), letters.upper())
    return by_key.get(key), f"{prefix}-{digits}{suffix.upper()}"


def aircraft_type(raw: str, known: Iterable[str], /) -> str:
    """Canonical designation (`TU-95MS` → `Tu-95MS`), or `unspecified` for a generic noun.

    Matching is generic over the registry `known` (case, hyphen and Cyrillic look-alikes do not
    matter), so a new type needs only a registry entry, never a code change.
    """
    s = fold_text(raw).replace("\u2019", "'")
    if _GENERIC.fullmatch(s):
        return UNSPECIFIED
    known = sorted(known)
    by_key, prefixes = _registry(known)
    match = _DESIGNATION.fullmatch(_MANUFACTURERS.sub("", s))
    if match is None:
        raise ValueError(
            f"{shown(raw)} is neither an aircraft designation nor a generic noun: {_SHAPES_HELP}; "
            "generic nouns (bombers, fighter jets, warplanes, early warning aircraft, drones) "
            f"give {UNSPECIFIED!r}. Only designation-shaped names are looked up in "
            "registries/aircraft_types.yaml, so a registry alias cannot fix this: rewrite the "
            "annotation as the designation the text gives"
        )
    canonical, form = _resolve(match, by_key, prefixes)
    if canonical is None:
        raise ValueError(
            f"{shown(raw)} normalises to {form!r}, which is not in registries/aircraft_types.yaml "
            f"(known: {', '.join(known)}); add it there"
        )
    return canonical


def aircraft_mentions(text: str, known: Iterable[str], /) -> list[tuple[int, int, str | None]]:
    """Every designation-shaped token in `text` as (start, end, canonical or None if unknown).

    Offsets index the original `text`. To keep prose such as "in 2019" or "a 50-strong" out,
    a token spelled with a space ("Tu 95") counts only when it is a known designation, and an
    unknown one only when its prefix starts with a capital ("B-52" yes, "mid-2019" no).
    """
    by_key, prefixes = _registry(known)
    folded = _fold_chars(text)
    found: list[tuple[int, int, str | None]] = []
    for match in _MENTION.finditer(folded):
        canonical, _ = _resolve(match, by_key, prefixes)
        spaced = " " in match["sep"]
        if spaced and (canonical is None or re.match(r"-\w", folded[match.end() :])):
            continue
        if canonical is None and not (match["word"] or match["letters"][0].isupper()):
            continue
        found.append((match.start(), match.end(), canonical))
    return found


# --- ships ----------------------------------------------------------------------------------

# The words that give a ship's kind (schema/ship_claims.json, ship_type), most specific first:
# "large anti-submarine warfare ship" is the Russian class before it is a ship, "submarine"
# comes after "anti-submarine", a "rescue tug" is a rescue vessel. A kind is read from the
# words the text uses, so that `ship_type` never says more than they do.
SHIP_WORDS: tuple[tuple[str, str], ...] = (
    (r"anti-submarine(?: warfare)? ships?", "anti_submarine_ship"),
    (r"destroyers?", "destroyer"),
    (r"frigates?", "frigate"),
    (r"corvettes?", "corvette"),
    (r"submarines?", "submarine"),
    (r"minesweepers?", "minesweeper"),
    (r"missile boats?", "missile_boat"),
    (r"rescue (?:tugs?|tugboats?|vessels?|ships?)", "rescue_vessel"),
    (r"(?:supply|replenishment|support) (?:ships?|vessels?)|tankers?", "supply_ship"),
    (r"battleships?", "battleship"),
    (r"warships?|(?:naval )?vessels?|ships?", "warship"),
)


def ship_type(raw: str, /) -> str:
    """The kind of ship (`destroyer`, `supply_ship`, `warship` …) that the words `raw` give,
    such as "missile corvettes" → corvette, "Qiandaohu replenishment ship" → supply_ship."""
    words = fold_text(raw).casefold()
    for pattern, kind in SHIP_WORDS:
        if re.search(rf"(?<![\w-])(?:{pattern})(?![\w-])", words):
            return kind
    kinds = ", ".join(kind.replace("_", " ") for _, kind in SHIP_WORDS)
    raise ValueError(
        f"{shown(raw)} names no kind of ship the build reads (a {kinds}, in the singular or "
        "plural): quote the words that say what the ship is, or extend normalize.SHIP_WORDS "
        "and the ship_type enum"
    )


# --- countries ------------------------------------------------------------------------------

# What pycountry lacks or names otherwise ("Russia" is "Russian Federation" there).
_COUNTRY_NAMES = {
    "RUS": ("russia",),
    "KOR": ("korea", "south korea", "republic of korea"),
    "USA": (
        "u.s.",
        "us",
        "u.s.a.",
        "usa",
        "america",
        "united states",
        "u.s.-canadian",
        "us-canadian",
    ),
    "GBR": ("britain", "great britain", "uk", "u.k."),
    "TUR": ("turkey",),
}
_DEMONYMS = {
    "RUS": ("russian",),
    "CHN": ("chinese",),
    "USA": ("american",),
    "JPN": ("japanese",),
    "KOR": ("south korean", "korean"),
    "PRK": ("north korean",),
    "CAN": ("canadian",),
    "UKR": ("ukrainian",),
    "AUS": ("australian",),
    "IND": ("indian",),
    "TWN": ("taiwanese",),
    "GBR": ("british",),
    "FRA": ("french",),
    "DEU": ("german",),
    "TUR": ("turkish",),
    "IRN": ("iranian",),
    "BLR": ("belarusian",),
    "MNG": ("mongolian",),
    "VNM": ("vietnamese",),
    "PHL": ("philippine", "filipino"),
}
_COUNTRY_WORDS = {
    word: code
    for table in (_COUNTRY_NAMES, _DEMONYMS)
    for code, words in table.items()
    for word in words
}


def demonyms(code: str, /) -> tuple[str, ...]:
    """The demonyms this module reads as the country `code` ("South Korean", "Korean" for
    KOR), capitalised as a text writes them: the words that qualify a body ("Russian Navy")
    where its name takes a possessive ("Russia's Navy")."""
    return tuple(w.title() for w in _DEMONYMS.get(code, ()) or _derived_demonyms(code))


@functools.cache  # read for every claim the validator re-reads: one lookup per country
def _derived_demonyms(code: str) -> tuple[str, ...]:
    """For a country the tables give no demonym, the demonyms its names ending in "a" make
    with "n" ("South Africa": "south african", "Algeria": "algerian"), as English forms
    them; none for a country the tables give one ("China": "chinese", never "chinan")."""
    if code in _DEMONYMS:
        return ()
    names = [w for c, words in _COUNTRY_NAMES.items() if c == code for w in words]
    try:
        import pycountry  # of the build extra, as _pycountry_names
    except ImportError:  # validating needs no pycountry: the tables' names serve
        country = None
    else:
        country = pycountry.countries.get(alpha_3=code)
    for attr in ("name", "common_name"):  # not the official name ("Republic of ...")
        value = getattr(country, attr, None) if country is not None else None
        if value:
            names.append(fold_text(value).casefold())
    return demonyms_of_names(names)


def demonyms_of_names(names: Iterable[str]) -> tuple[str, ...]:
    """The demonyms English makes of country names ending in "a" ("south africa": "south
    african"), casefolded."""
    folded = (fold_text(n).casefold() for n in names)
    return tuple(dict.fromkeys(n + "n" for n in folded if n.endswith("a") and "," not in n))


def _of_derived_demonym(word: str) -> str | None:
    """The country whose derived demonym `word` is (casefolded), or None."""
    if not word.endswith("an"):
        return None
    code = _COUNTRY_WORDS.get(word[:-1]) or _pycountry_names().get(word[:-1])
    return code if code is not None and word in _derived_demonyms(code) else None


def country_words(code: str, /) -> tuple[str, ...]:
    """The common names and demonyms this module reads as the country `code` ("Chinese",
    "China" for CHN), capitalised as a text writes them."""
    words = [w for w, c in _COUNTRY_WORDS.items() if c == code] + list(_derived_demonyms(code))
    return tuple(w.upper() if len(w) <= 3 else w.title() for w in words)


@functools.cache
def _pycountry_names() -> dict[str, str]:
    """Casefolded ISO 3166 names (name, common and official name) → alpha-3; codes are left
    out on purpose, as two-letter codes collide with words ("in", "to")."""
    import pycountry  # of the build extra: validating and loading never need it

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[fold_text(value).replace("\u2019", "'").casefold()] = country.alpha_3
    return names


def country_of_name(raw: str, /) -> str | None:
    """ISO 3166-1 alpha-3 code for a country's name as a text writes it ("Saudi Arabia",
    "Russia"), not a demonym; None for any other words."""
    s = fold_text(raw).replace("\u2019", "'").casefold()
    names = {w: c for c, words in _COUNTRY_NAMES.items() for w in words}
    return names.get(s) or _pycountry_names().get(s)


def country_code(raw: str, /) -> str:
    """ISO 3166-1 alpha-3 code for a country name or demonym (`Russia's` → `RUS`).

    The possessive may carry a straight or a curly apostrophe, as the texts vary.
    """
    s = re.sub(r"'s$", "", fold_text(raw).replace("\u2019", "'").casefold())
    code = _COUNTRY_WORDS.get(s) or _pycountry_names().get(s) or _of_derived_demonym(s)
    if code is None:
        raise ValueError(
            f"{shown(raw)} is not a country name (ISO 3166 names via pycountry, such as 'Japan' or "
            f"'Russian Federation') nor a known common name or demonym; known: "
            f"{', '.join(sorted(_COUNTRY_WORDS))}. Fix the annotation, or extend "
            "normalize._COUNTRY_NAMES or normalize._DEMONYMS"
        )
    return code


# --- counts and durations -------------------------------------------------------------------

_UNITS = [
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
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS)} | {
    f"{tens}{sep}{_UNITS[unit]}" if unit else tens: 20 + 10 * i + unit
    for i, tens in enumerate(_TENS)
    for unit in range(10)
    for sep in ("-", " ")
}
_NUMBER_WORD = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_DIGITS = r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?"
# Qualifiers before a number, as written → the qualifier returned. The words are English and
# live here; the qualifiers are the schema's (count_qualifiers, duration_qualifiers), and
# tests/test_normalize.py checks that the words give each of them and nothing else.
QUALIFYING_WORDS = {
    "a total of": "exact",
    "total of": "exact",
    "more than": "more_than",
    "over": "more_than",
    "at least": "at_least",
    "approximately": "approximately",
    "about": "approximately",
    "around": "approximately",
    "roughly": "approximately",
    "some": "approximately",
    "up to": "up_to",
    "as many as": "up_to",
}
_QUALIFIER = "|".join(sorted(QUALIFYING_WORDS, key=len, reverse=True))
_MAX_COUNT = 10_000
_MAX_HOURS = 366 * 24  # a year: the longest plausible duration of a patrol or exercise
_COUNT = re.compile(
    rf"(?:(?P<q>{_QUALIFIER}) )?(?P<n>an?|a single|single|a pair of|{_NUMBER_WORD}|{_DIGITS})"
)
# The same numbers inside a longer text: whole words, not preceded by a designation's hyphen.
_COUNTS = re.compile(rf"(?<![\w-])(?P<n>a pair of|an?|a single|single|{_NUMBER_WORD}|{_DIGITS})\b")
_UNSPECIFIED_COUNT = re.compile(r"(?:an? )?(?:unspecified|unknown|undisclosed) number(?: of)?")
_HOURS = re.compile(
    rf"\b(?:(?P<q>{_QUALIFIER}) )?(?P<n>an?|{_NUMBER_WORD}|{_DIGITS})"
    r"(?P<half>[- ]and[- ]a[- ]half)?[- ](?P<unit>hours?|hrs?|days?|weeks?)\b",
    re.IGNORECASE,
)
_HOURS_IN = {"h": 1, "d": 24, "w": 7 * 24}  # by the unit's first letter: hours, days, weeks
_COUNT_HELP = (
    "write digits (17, 1,200), a number word (one to ninety-nine), 'a', 'an', 'single' or "
    "'a pair of', "
    f"optionally after a qualifier ({', '.join(QUALIFYING_WORDS)}), or 'an unspecified number'"
)


def count_qualifiers() -> tuple[str, ...]:
    """How exact a count of aircraft may be: the `enum` of count_qualifier in
    schema/aircraft.json."""
    return enum_values("aircraft", "count_qualifier")


def duration_qualifiers() -> tuple[str, ...]:
    """How exact a duration may be: the `enum` of duration_qualifier in
    schema/event_durations.json ("at least" or "up to" hours are refused)."""
    return enum_values("event_durations", "duration_qualifier")


def _number(word: str, raw: str, limit: int, what: str) -> float:
    """The value of a number as written; above `limit` it is a typo or hostile, not data."""
    word = word.casefold()
    if word in ("a", "an", "single", "a single"):
        return 1
    if word == "a pair of":  # "a pair of Tu-95MS bombers"
        return 2
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    digits = word.replace(",", "")
    if len(digits.partition(".")[0]) > len(str(limit)) or float(digits) > limit:
        raise ValueError(f"{shown(raw)} is not a plausible {what} (at most {limit:,})")
    return float(digits) if "." in digits else int(digits)


def count_phrase(raw: str, /) -> tuple[int | None, str]:
    """The number of aircraft as written and how exact it is: `more than 10` → (10, more_than).

    The qualifier is one of `count_qualifiers()`; the number is None only for `unspecified`.
    Claims keep the qualifier so that "more than 10" is never stored as exactly 10.
    """
    s = fold_text(raw).casefold()
    if _UNSPECIFIED_COUNT.fullmatch(s):
        return None, "unspecified"
    match = _COUNT.fullmatch(s)
    if match is None:
        raise ValueError(f"{shown(raw)} is not a number of aircraft: {_COUNT_HELP}")
    number = _number(match["n"], raw, _MAX_COUNT, "count of aircraft")
    if not float(number).is_integer():
        raise ValueError(f"{shown(raw)} is not a whole number of aircraft: {_COUNT_HELP}")
    qualifier = QUALIFYING_WORDS.get(match["q"] or "", "exact")
    if qualifier not in count_qualifiers():
        raise ValueError(
            f"{shown(raw)} gives a count as {qualifier}, which schema/aircraft.json does not "
            f"list (one of {', '.join(count_qualifiers())})"
        )
    return int(number), qualifier


def counts_in(text: str, /) -> set[int]:
    """Every whole number a text writes as a count ("two", "17", "a", "a total of four"), so
    that a claimed count can be looked up in the words that support it."""
    return {number for _, _, number in count_words(text)}


# `_COUNTS` on a text folded one character at a time (`_fold_chars`), so that offsets are the
# text's own: any case, and any run of spaces inside "twenty one" or "a single".
_COUNTS_AT = re.compile(_COUNTS.pattern.replace(" ", r"\s+"), re.IGNORECASE)


def count_words(text: str, /) -> list[tuple[int, int, int]]:
    """Each whole number `text` writes as a count, in order, with where it stands: (start,
    end, number), offsets into `text`. A number inside a designation (the 6 of "H-6", the 95
    of "Tu-95") is not a count; the A of "A-50" is read as one, as `counts_in` reads it."""
    found = []
    for match in _COUNTS_AT.finditer(_fold_chars(text)):
        word = " ".join(match["n"].split())
        try:
            number = _number(word, word, _MAX_COUNT, "count of aircraft")
        except ValueError:  # implausibly large: not a count
            continue
        if float(number).is_integer():
            found.append((match.start(), match.end(), int(number)))
    return found


def count(raw: str, /) -> int:
    """A count as written (`two`, `10`) as an integer; only exact counts, as a column of plain
    integers cannot say "more than" (use `count_phrase` for those)."""
    number, qualifier = count_phrase(raw)
    if number is None or qualifier != "exact":
        raise ValueError(
            f"{shown(raw)} is not an exact number ({qualifier}); count() takes exact counts only "
            "(two, 10, a total of 17): use count_phrase() to keep the qualifier"
        )
    return number


def duration_phrase(raw: str, /) -> tuple[float, str]:
    """Hours and how exact they are, from a phrase such as `more than eight hours` → (8.0,
    more_than) or `a 15-day patrol` → (360.0, exact): a day is 24 hours, a week 168. The
    qualifier is one of `duration_qualifiers()`. The first duration wins."""
    match = _HOURS.search(fold_text(raw))
    if match is None:
        raise ValueError(
            f"{shown(raw)} states no duration in hours, days or weeks (such as 'eight-hour', "
            "'10 hours', 'about eight hours', 'eight and a half hours', '15-day', 'three weeks')"
        )
    hours = float(_number(match["n"], raw, _MAX_HOURS, "duration in hours"))
    if match["half"]:
        hours += 0.5
    hours *= _HOURS_IN[match["unit"].casefold().rstrip("s")[:1]]  # a day is 24 hours
    if hours > _MAX_HOURS:
        raise ValueError(
            f"{shown(raw)} is not a plausible duration in hours (at most {_MAX_HOURS:,})"
        )
    qualifier = QUALIFYING_WORDS.get((match["q"] or "").casefold(), "exact")
    if qualifier not in duration_qualifiers():
        raise ValueError(
            f"{shown(raw)} gives a duration as {qualifier}, which a duration cannot hold "
            f"(one of {', '.join(duration_qualifiers())}); quote a phrase that states the hours"
        )
    return hours, qualifier


def duration_hours(raw: str, /) -> float:
    """Hours from a phrase such as `eight-hour mission` or `10 hours`."""
    return duration_phrase(raw)[0]


# --- ordinals and countries in a text -------------------------------------------------------

_ORDINALS = {
    w: i
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
        ],
        start=1,
    )
}


def ordinal(raw: str, /) -> int:
    """`second`, `2nd`, `1st` → 2, 2, 1."""
    s = fold_text(raw).casefold()
    if s in _ORDINALS:
        return _ORDINALS[s]
    if m := re.fullmatch(r"([0-9]{1,3})(st|nd|rd|th)", s):
        return int(m.group(1))
    raise ValueError(f"{raw!r} is not an ordinal (first … twelfth, or 1st, 2nd, 3rd, 4th …)")


def find_word(name: str, text: str, /) -> re.Match[str] | None:
    """Where `name` first stands in `text` as a whole word (case-sensitive, as spellings
    are): the one matcher of names in words, for the build and the validator alike."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)


def word_in_text(name: str, text: str, /) -> bool:
    """`name` stands in `text` as a whole word."""
    return find_word(name, text) is not None


def names_country(text: str, code: str, /, names: Iterable[str] = ()) -> bool:
    """Whether `text` names the country `code` as a word: one of its common names or
    demonyms ("Chinese", "Russia's"), one of `names` (a package's own spellings of the state,
    such as its actor aliases "Japan", "Tokyo"), or, where pycountry is installed, an ISO 3166
    name. The validator re-reads a claim's country from its words with this, and needs no
    pycountry (of the build extra) for it: the package's names serve."""
    names = tuple(names)
    words = {w.casefold() for w in (*country_words(code), *names)}
    if code not in _DEMONYMS:  # "South African" of the package's own "South Africa"
        words |= set(demonyms_of_names(names))
    with contextlib.suppress(ImportError):
        words |= {name for name, c in _pycountry_names().items() if c == code}
    folded = fold_text(text).replace("\u2019", "'").casefold()
    return any(re.search(rf"(?<![\w-]){re.escape(w)}(?:'s)?(?![\w])", folded) for w in words)
