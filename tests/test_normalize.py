"""Spellings to canonical values: aircraft designations, countries, numbers, durations."""

from __future__ import annotations

import pytest

from sino_russian_patrols import normalize

KNOWN = ["Tu-95", "Tu-95MS", "H-6", "H-6K", "Su-30SM", "Su-35", "Su-35S"]


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


def test_never_more_specific_than_the_text() -> None:
    assert normalize.aircraft_type("Tu-95", KNOWN) == "Tu-95"
    assert normalize.aircraft_type("H-6", KNOWN) == "H-6"


def test_unknown_designation_names_the_registry() -> None:
    with pytest.raises(ValueError, match=r"'Tu-160'.*aircraft_types\.yaml.*Tu-95MS"):
        normalize.aircraft_type("Tu-160", KNOWN)
    with pytest.raises(ValueError, match="neither an aircraft designation"):
        normalize.aircraft_type("submarine", KNOWN)


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


def test_unknown_country_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"known: .*russian"):
        normalize.country_code("Atlantis")


def test_counts_and_durations() -> None:
    assert normalize.count("two") == 2
    assert normalize.count("10") == 10
    assert normalize.duration_hours("The eight-hour mission") == 8.0
    with pytest.raises(ValueError, match="not a number"):
        normalize.count("several")
    with pytest.raises(ValueError, match="no duration"):
        normalize.duration_hours("a long mission")
