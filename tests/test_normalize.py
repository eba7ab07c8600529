"""Spellings to canonical values: aircraft designations, countries, numbers, durations."""

from __future__ import annotations

import contextlib
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sino_russian_patrols import normalize
from sino_russian_patrols.schema import enum_values

KNOWN = ["Tu-95", "Tu-95MS", "H-6", "H-6K", "Su-30SM", "Su-35", "Su-35S"]
# The registry as it is expected to grow; the code must not need to change for it.
GROWN = [
    *KNOWN,
    *("Su-30", "A-50", "Y-9", "J-16", "J-11B", "J-15", "F-15", "F-16"),
]


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("TU-95MS", "Tu-95MS"),
        ("Tu-95MS", "Tu-95MS"),
        ("Tu-95\u041cS", "Tu-95MS"),  # Cyrillic capital Em
        ("\u0422u-95MS", "Tu-95MS"),  # Cyrillic capital Te
        ("Tu\u201195MS", "Tu-95MS"),  # non-breaking hyphen
        ("Tu 95MS", "Tu-95MS"),
        ("Xian H-6", "H-6"),
        ("H-6K", "H-6K"),
        ("Su-30sm", "Su-30SM"),
        ("Su-35s", "Su-35S"),
        ("Su-35", "Su-35"),
        ("Tu-95", "Tu-95"),
        ("fighter jets", "unspecified"),
        ("strategic bombers", "unspecified"),
        ("aircraft", "unspecified"),
    ],
)
def test_aircraft_designations(raw: str, canonical: str) -> None:
    assert normalize.aircraft_type(raw, KNOWN) == canonical


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        # manufacturer words before a designation are dropped
        ("Xian H-6", "H-6"),
        ("Xi'an H-6K", "H-6K"),
        ("Xi\u2019an H-6K", "H-6K"),
        ("Tupolev Tu-95", "Tu-95"),
        ("Beriev A-50", "A-50"),
        ("Shaanxi Y-9", "Y-9"),
        ("Shenyang J-16", "J-16"),
        # spelled-out prefixes
        ("Tupolev-95", "Tu-95"),
        ("Tupolev-95MS", "Tu-95MS"),
        ("Tupolev 95", "Tu-95"),
        ("Sukhoi-35", "Su-35"),
        ("Hong-6K", "H-6K"),
        ("Jian-11B", "J-11B"),
        ("Yun-9", "Y-9"),
        # case, Cyrillic look-alikes, separators, full-width forms
        ("TU-95\u041cS", "Tu-95MS"),
        ("Su-30sm", "Su-30SM"),
        ("Su-35s", "Su-35S"),
        ("Tu 95", "Tu-95"),
        ("Tu95", "Tu-95"),
        ("j-16", "J-16"),
        ("j11b", "J-11B"),
        ("\uff34\uff35\uff0d\uff19\uff15", "Tu-95"),
        ("  Su-30  ", "Su-30"),
        # plural s when only the singular is known
        ("Tu-95s", "Tu-95"),
        ("Tu-95MSs", "Tu-95MS"),
        ("J-16s", "J-16"),
        ("F-16s", "F-16"),
        ("H-6Ks", "H-6K"),
    ],
)
def test_aircraft_designations_over_a_grown_registry(raw: str, canonical: str) -> None:
    assert normalize.aircraft_type(raw, GROWN) == canonical


def test_plural_s_yields_to_a_known_s_variant() -> None:
    assert normalize.aircraft_type("Su-35s", GROWN) == "Su-35S"
    assert normalize.aircraft_type("Su-35s", ["Su-35"]) == "Su-35"


@pytest.mark.parametrize(
    "raw",
    [
        "fighter jets",
        "fighter jet",
        "fighters",
        "bombers",
        "strategic bombers",
        "strategic missile carriers",
        "aircraft",
        "military aircraft",
        "military planes",
        "warplanes",
        "planes",
        "jets",
        "drones",
        "early warning and control aircraft",
        "airborne early warning and control aircraft",
        "early warning aircraft",
        "early-warning aircraft",
        "early warning plane",
        "reconnaissance aircraft",
        "intelligence-gathering aircraft",
        "long-range bombers",
        "Strategic Long-Range Bombers",
        "military  warplanes",
        "helicopters",
        "aircraft and helicopters",
        "fixed-wing aircraft and helicopters",
        "deck-based anti-submarine and search/rescue helicopters",
        "fighter-interceptors",
        "anti-submarine warfare planes",
    ],
)
def test_generic_nouns_are_unspecified(raw: str) -> None:
    assert normalize.aircraft_type(raw, GROWN) == normalize.UNSPECIFIED == "unspecified"


def test_never_more_specific_than_the_text() -> None:
    assert normalize.aircraft_type("Tu-95", KNOWN) == "Tu-95"
    assert normalize.aircraft_type("H-6", KNOWN) == "H-6"


def test_unknown_designation_names_the_registry() -> None:
    with pytest.raises(ValueError, match=r"'Tu-160'.*aircraft_types\.yaml.*Tu-95MS"):
        normalize.aircraft_type("Tu-160", KNOWN)
    with pytest.raises(ValueError, match="neither an aircraft designation"):
        normalize.aircraft_type("submarine", KNOWN)


@pytest.mark.parametrize(
    ("raw", "form"),
    [
        ("Tu-160", "Tu-160"),
        ("Tupolev-160", "Tu-160"),
        ("tu-22m3", "Tu-22M3"),
        ("kj-500", "KJ-500"),
        ("MiG-31", "MiG-31"),
        ("Il-78", "Il-78"),
        ("j-20", "J-20"),
        ("Xian H-20", "H-20"),
        ("B-52s", "B-52S"),
        ("Tu-22M3s", "Tu-22M3S"),  # the singular is unknown too, so the s stays a suffix
    ],
)
def test_unknown_designation_names_the_form_it_would_take(raw: str, form: str) -> None:
    with pytest.raises(ValueError) as info:
        normalize.aircraft_type(raw, GROWN)
    message = str(info.value)
    assert f"normalises to {form!r}" in message
    assert "add it there" in message
    assert "registries/aircraft_types.yaml" in message
    assert "J-11B" in message  # lists the known ones


@pytest.mark.parametrize(
    "raw",
    ["submarine", "", "   ", "!!!", "-", "H-6K bombers", "Tu-95 and H-6", "Tu-12345", "carriers"],
)
def test_not_designation_shaped_nor_generic(raw: str) -> None:
    with pytest.raises(ValueError) as info:
        normalize.aircraft_type(raw, GROWN)
    message = str(info.value)
    assert "neither an aircraft designation nor a generic noun" in message
    assert "1-3 letters" in message  # the accepted shape
    assert "Tupolev-95" in message
    assert "fighter jets" in message
    assert "registry alias cannot fix this" in message


def test_long_hostile_input_is_cut_short_in_the_message() -> None:
    with pytest.raises(ValueError) as info:
        normalize.aircraft_type("x" * 10_000, GROWN)
    assert len(str(info.value)) < 1_000


def test_aircraft_mentions_give_offsets_into_the_original_text() -> None:
    text = (
        "In 2019, two Tu\u201195\u041cS and Su-35s joined H-6K bombers and a 50-strong "
        "fleet in mid-2019; B-52 and F-16s, a Tu 95, j-16, Tupolev-95, COVID-19."
    )
    mentions = normalize.aircraft_mentions(text, GROWN)
    assert [(text[s:e], c) for s, e, c in mentions] == [
        ("Tu\u201195\u041cS", "Tu-95MS"),
        ("Su-35s", "Su-35S"),
        ("H-6K", "H-6K"),
        ("B-52", None),
        ("F-16s", "F-16"),
        ("Tu 95", "Tu-95"),
        ("j-16", "J-16"),
        ("Tupolev-95", "Tu-95"),
    ]
    assert mentions[0] == (13, 20, "Tu-95MS")


def test_aircraft_mentions_respect_word_boundaries() -> None:
    assert normalize.aircraft_mentions("XXTu-95 Tu-95_1 in 2019 at 10 a 10-hour", GROWN) == []
    assert normalize.aircraft_mentions("", GROWN) == []
    assert normalize.aircraft_mentions("(Tu-95).", GROWN) == [(1, 6, "Tu-95")]


def test_aircraft_mentions_keep_offsets_after_wide_characters() -> None:
    # "\ufb01" (fi ligature) folds to two characters, so it is kept and offsets do not move.
    text = "\ufb01ve \uff34\uff55\uff0d\uff19\uff15 and H-6"
    mentions = normalize.aircraft_mentions(text, GROWN)
    assert [(text[s:e], c) for s, e, c in mentions] == [
        ("\uff34\uff55\uff0d\uff19\uff15", "Tu-95"),
        ("H-6", "H-6"),
    ]


_CYRILLIC = dict(zip("ABEKMHOPCTXYaeopcxykm", "АВЕКМНОРСТХУаеорсхукм", strict=True))
_SEPARATORS = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\uff0d", " ", ""]


@st.composite
def _spelling(draw: st.DrawFn, designation: str) -> str:
    """`designation` as a careless text might write it: any case, Cyrillic or full-width
    letters, any dash or none."""
    out = []
    for c in designation:
        if c == "-":
            out.append(draw(st.sampled_from(_SEPARATORS)))
            continue
        if c.isalpha():
            c = draw(st.sampled_from([c.lower(), c.upper()]))
            choices = [c, chr(ord(c) + 0xFEE0)] + ([_CYRILLIC[c]] if c in _CYRILLIC else [])
        else:
            choices = [c, chr(ord(c) + 0xFEE0)]
        out.append(draw(st.sampled_from(choices)))
    return "".join(out)


@given(st.sampled_from(GROWN).flatmap(lambda d: st.tuples(st.just(d), _spelling(d))))
def test_any_spelling_of_a_known_designation_normalises_back(pair: tuple[str, str]) -> None:
    designation, spelling = pair
    assert normalize.aircraft_type(spelling, GROWN) == designation
    text = f"On Tuesday two {spelling} flew."
    assert normalize.aircraft_mentions(text, GROWN) == [(15, 15 + len(spelling), designation)]


@given(st.text(max_size=40))
def test_any_text_gives_a_value_or_a_value_error(raw: str) -> None:
    for call in (
        lambda: normalize.aircraft_type(raw, GROWN),
        lambda: normalize.country_code(raw),
        lambda: normalize.count_phrase(raw),
        lambda: normalize.duration_phrase(raw),
    ):
        with contextlib.suppress(ValueError):
            call()
    for start, end, _ in normalize.aircraft_mentions(raw, GROWN):
        assert 0 <= start < end <= len(raw)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Russian", "RUS"),
        ("Russia\u2019s", "RUS"),
        ("Russia's", "RUS"),
        ("Chinese", "CHN"),
        ("South Korea", "KOR"),
        ("Korea", "KOR"),
        ("Japan", "JPN"),
        ("U.S.", "USA"),
    ],
)
def test_country_codes(raw: str, code: str) -> None:
    assert normalize.country_code(raw) == code


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        # pycountry names
        ("Russian Federation", "RUS"),
        ("China", "CHN"),
        ("People's Republic of China", "CHN"),
        ("Canada", "CAN"),
        ("Ukraine", "UKR"),
        ("Australia", "AUS"),
        ("India", "IND"),
        ("North Korea", "PRK"),
        ("Vietnam", "VNM"),
        ("Taiwan", "TWN"),
        ("United Kingdom", "GBR"),
        # common names pycountry lacks or names otherwise
        ("Russia", "RUS"),
        ("RUSSIA", "RUS"),
        ("Korea", "KOR"),
        ("South Korea\u2019s", "KOR"),
        ("US", "USA"),
        ("United States", "USA"),
        ("U.S.-Canadian", "USA"),
        ("Britain", "GBR"),
        # demonyms
        ("American", "USA"),
        ("Japanese", "JPN"),
        ("South Korean", "KOR"),
        ("Korean", "KOR"),
        ("Canadian", "CAN"),
        ("Ukrainian", "UKR"),
        ("Australian", "AUS"),
        ("Indian", "IND"),
        # possessives and case
        ("Japan's", "JPN"),
        ("japan\u2019s", "JPN"),
        ("  china  ", "CHN"),
    ],
)
def test_country_codes_via_pycountry_and_tables(raw: str, code: str) -> None:
    assert normalize.country_code(raw) == code


def test_a_demonym_made_of_a_name_ending_in_a_reads_as_its_country() -> None:
    assert normalize.country_code("South African") == "ZAF"
    assert normalize.country_code("Algerian") == "DZA"
    assert normalize.country_words("ZAF") == ("South African",)
    # not for a country the tables give a demonym, nor for a word that names no country
    for raw in ("Chinan", "Asian", "Republic of South African"):
        with pytest.raises(ValueError):
            normalize.country_code(raw)
    assert "Chinan" not in normalize.country_words("CHN")


def test_unknown_country_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"known: .*russian"):
        normalize.country_code("Atlantis")


@pytest.mark.parametrize("raw", ["Atlantis", "", "'s", "in", "to", "RU", "!!!", "x" * 5_000])
def test_unknown_country_says_how_to_fix(raw: str) -> None:
    with pytest.raises(ValueError) as info:
        normalize.country_code(raw)
    message = str(info.value)
    assert "is not a country name" in message
    assert "extend normalize._COUNTRY_NAMES or normalize._DEMONYMS" in message
    assert len(message) < 2_000


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("two", (2, "exact")),
        ("2", (2, "exact")),
        ("Two", (2, "exact")),
        ("a", (1, "exact")),
        ("an", (1, "exact")),
        ("A", (1, "exact")),
        ("one", (1, "exact")),
        ("single", (1, "exact")),
        ("a single", (1, "exact")),
        ("a pair of", (2, "exact")),
        ("A pair of", (2, "exact")),
        ("A total of 17", (17, "exact")),
        ("a total of seventeen", (17, "exact")),
        ("more than 10", (10, "more_than")),
        ("More than ten", (10, "more_than")),
        ("over 10", (10, "more_than")),
        ("at least 6", (6, "at_least")),
        ("about 8", (8, "approximately")),
        ("approximately eight", (8, "approximately")),
        ("around 8", (8, "approximately")),
        ("some 8", (8, "approximately")),
        ("up to 4", (4, "up_to")),
        ("as many as 4", (4, "up_to")),
        ("an unspecified number", (None, "unspecified")),
        ("unspecified number", (None, "unspecified")),
        ("An unspecified number of", (None, "unspecified")),
        ("twenty-one", (21, "exact")),
        ("twenty one", (21, "exact")),
        ("Twenty\u2013One", (21, "exact")),
        ("forty", (40, "exact")),
        ("ninety-nine", (99, "exact")),
        ("1,200", (1200, "exact")),
        ("10,000", (10_000, "exact")),
        ("0", (0, "exact")),
    ],
)
def test_count_phrases(raw: str, expected: tuple[int | None, str]) -> None:
    result = normalize.count_phrase(raw)
    assert result == expected
    assert result[1] in normalize.count_qualifiers()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("99999999999999999999", "not a plausible count of aircraft"),
        ("10,001", "not a plausible count of aircraft"),
        ("more than 10001", "not a plausible count of aircraft"),
        ("9" * 5_000, "not a plausible count of aircraft"),
        ("", "not a number of aircraft"),
        ("!!!", "not a number of aircraft"),
        ("several", "not a number of aircraft"),
        ("hundred", "not a number of aircraft"),
        ("-3", "not a number of aircraft"),
        ("1,00", "not a number of aircraft"),
        ("two bombers", "not a number of aircraft"),
        ("8.5", "not a whole number of aircraft"),
    ],
)
def test_count_phrase_rejects(raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        normalize.count_phrase(raw)


def _words(n: int) -> str:
    """A reference spelling of 0-99, written apart from the code under test."""
    units = [
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
    tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    if n < 20:
        return units[n]
    return tens[n // 10 - 2] + (f"-{units[n % 10]}" if n % 10 else "")


@given(st.integers(min_value=0, max_value=99))
def test_every_number_word_counts(n: int) -> None:
    assert normalize.count_phrase(_words(n)) == (n, "exact")
    assert normalize.count_phrase(_words(n).replace("-", " ").upper()) == (n, "exact")


@given(st.integers(min_value=0, max_value=10_000), st.booleans())
def test_every_plausible_digit_count(n: int, separated: bool) -> None:
    written = f"{n:,}" if separated else str(n)
    assert normalize.count_phrase(written) == (n, "exact")
    assert normalize.count_phrase(f"at least {written}") == (n, "at_least")


@given(st.integers(min_value=10_001))
def test_every_implausible_digit_count_raises(n: int) -> None:
    with pytest.raises(ValueError, match="not a plausible count of aircraft"):
        normalize.count_phrase(str(n))


def test_count_takes_exact_numbers_only() -> None:
    assert normalize.count("two") == 2
    assert normalize.count("10") == 10
    assert normalize.count("A total of 17") == 17
    assert normalize.count("an") == 1
    with pytest.raises(ValueError, match="not a number"):
        normalize.count("several")
    with pytest.raises(ValueError, match=r"not an exact number \(more_than\).*count_phrase"):
        normalize.count("more than 10")
    with pytest.raises(ValueError, match=r"not an exact number \(unspecified\)"):
        normalize.count("an unspecified number")
    with pytest.raises(ValueError, match="not a plausible count"):
        normalize.count("99999999999999999999")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The eight-hour mission", (8.0, "exact")),
        ("eight-hour mission", (8.0, "exact")),
        ("10 hours", (10.0, "exact")),
        ("a 10-hour flight", (10.0, "exact")),
        ("approximately eight hours", (8.0, "approximately")),
        ("about eight hours", (8.0, "approximately")),
        ("some 8 hours", (8.0, "approximately")),
        ("around 8 hours", (8.0, "approximately")),
        ("more than eight hours", (8.0, "more_than")),
        ("flew for over 10 hours", (10.0, "more_than")),
        ("eight and a half hours", (8.5, "exact")),
        ("an eight-and-a-half-hour patrol", (8.5, "exact")),
        ("about eight and a half hours", (8.5, "approximately")),
        ("8.5 hours", (8.5, "exact")),
        ("more than an hour", (1.0, "more_than")),
        ("a twenty-four-hour flight", (24.0, "exact")),
        ("The patrol lasted Eight Hours.", (8.0, "exact")),
        ("a 1\u2011hour leg", (1.0, "exact")),
    ],
)
def test_duration_phrases(raw: str, expected: tuple[float, str]) -> None:
    result = normalize.duration_phrase(raw)
    assert result == expected
    assert result[1] in normalize.duration_qualifiers()
    assert normalize.duration_hours(raw) == expected[0]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("a long mission", "no duration"),
        ("", "no duration"),
        ("!!!", "no duration"),
        ("hours", "no duration"),
        ("eight o'clock", "no duration"),
        ("99999999999999999999 hours", "not a plausible duration in hours"),
        ("9000 hours", "not a plausible duration in hours"),
        ("at least six hours", r"as at_least, which a duration cannot hold"),
        ("up to 12 hours", r"as up_to, which a duration cannot hold \(one of exact, approx"),
    ],
)
def test_duration_phrase_rejects(raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        normalize.duration_phrase(raw)


def test_counts_and_durations() -> None:
    assert normalize.count("two") == 2
    assert normalize.count("10") == 10
    assert normalize.duration_hours("The eight-hour mission") == 8.0
    with pytest.raises(ValueError, match="not a number"):
        normalize.count("several")
    with pytest.raises(ValueError, match="no duration"):
        normalize.duration_hours("a long mission")


def test_the_qualifiers_are_the_schemas_and_the_words_give_each_of_them() -> None:
    """The qualifiers are read from schema/, and the qualifier words give every one of them
    and nothing else: a qualifier added, renamed or dropped in schema/ fails here."""
    assert normalize.count_qualifiers() == enum_values("aircraft", "count_qualifier")
    assert normalize.duration_qualifiers() == enum_values("event_durations", "duration_qualifier")
    counts = {normalize.count_phrase(f"{words} 5")[1] for words in normalize.QUALIFYING_WORDS}
    counts |= {normalize.count_phrase("5")[1], normalize.count_phrase("an unknown number")[1]}
    assert counts == set(normalize.count_qualifiers())
    hours = {normalize.duration_phrase("5 hours")[1]}
    for words, qualifier in normalize.QUALIFYING_WORDS.items():
        if qualifier in normalize.duration_qualifiers():
            assert normalize.duration_phrase(f"{words} 5 hours") == (5.0, qualifier)
            hours.add(qualifier)
        else:  # "at least", "up to" hours: a duration cannot hold them
            with pytest.raises(ValueError, match="which a duration cannot hold"):
                normalize.duration_phrase(f"{words} 5 hours")
    assert hours == set(normalize.duration_qualifiers())


def test_a_derived_demonym_is_read_without_pycountry(monkeypatch: pytest.MonkeyPatch) -> None:
    # the validator runs without the build extra: the package's own names of the state serve
    caches = (normalize._pycountry_names, normalize._derived_demonyms)
    for cache in caches:
        cache.cache_clear()
    monkeypatch.setitem(sys.modules, "pycountry", None)  # `import pycountry` raises ImportError
    try:
        assert normalize.names_country("South African authorities said", "ZAF", ["South Africa"])
        assert not normalize.names_country("South African authorities said", "ZAF", ["Pretoria"])
        assert normalize.country_words("ZAF") == ()
    finally:
        for cache in caches:
            cache.cache_clear()
