"""The words a synthetic article is made of: nonsense vocabulary, states, places, aircraft,
phrases for each event type and the words for the values of the controlled vocabularies.

A value of a vocabulary that has no words here gets generic ones, so a value added to
`schema/` is still generated.
"""

from __future__ import annotations

import calendar
import datetime as dt

VOCABULARY = (
    "air defence patrol bombers strategic cooperation region security pacific maritime "
    "flight exercise partners allies stability mission routine coordination airspace "
    "international waters escort fighters navy drills readiness ministry command forces "
    "zone identification response joint long range partnership military deterrence threat "
    "provocation peace order sovereignty transparency trust escalation observation"
)
WORDS = tuple(VOCABULARY.split())
FOREIGN_WORDS = ("Москва", "北京", "Пекин", "東京", "naïve", "Séoul", "über")
STATES = (
    ("Russia", "RUS"),
    ("China", "CHN"),
    ("Japan", "JPN"),
    ("South Korea", "KOR"),
    ("United States", "USA"),
)
# media second, so that a package of seven actors or more has a news agency
ACTOR_KINDS = ("person", "media", "government_body", "military", "international_organization")
SURNAME_LIST = (
    "Ivanova Petrov Zhang Wang Tanaka Kim Smith Sokolov Li Chen Sato Park Miller Orlova Liu "
    "Yamada Choi Brown Volkov Zhao"
)
SURNAMES = tuple(SURNAME_LIST.split())
ADIZ = "air_defense_identification_zone"
PLACES = (
    # name, place type, the larger place it lies in (a parent is listed before its children)
    ("North Pacific Ocean", "ocean", None),
    ("Sea of Japan", "sea", "North Pacific Ocean"),
    ("Japan Air Defense Identification Zone", ADIZ, None),
    ("East China Sea", "sea", "North Pacific Ocean"),
    ("Bering Sea", "sea", "North Pacific Ocean"),
    ("Tsushima Strait", "strait", "Sea of Japan"),
    ("Yellow Sea", "sea", None),
    ("Korea Air Defense Identification Zone", ADIZ, None),
    ("Philippine Sea", "sea", "North Pacific Ocean"),
    ("Sea of Okhotsk", "sea", "North Pacific Ocean"),
    ("Arctic", "region", None),
    ("Alaska", "region", None),
    ("Okinawa", "prefecture", None),
    ("Miyako Island", "island", "Okinawa"),
    ("Vladivostok", "city", None),
    ("Japan", "country", None),
    ("Japanese airspace", "airspace", "Japan"),
)
EVENT_PHRASES = {
    "joint_air_patrol": "Russian and Chinese strategic bombers flew a joint patrol over the",
    "joint_naval_patrol": "Russian and Chinese warships sailed a joint patrol through the",
    "joint_exercise": "Russian and Chinese forces held joint exercises near the",
    "intercept": "fighter jets intercepted the bombers above the",
    "scramble": "the air force scrambled fighters toward the",
    "exercise": "the navy held a drill of its own in the",
    "ministerial_meeting": "defence ministers met to discuss patrols over the",
}
ANSWERS = ("intercept", "scramble")  # event types that answer the source's first event
AIRCRAFT = (
    # country, adjective, canonical type, as reported, role, noun
    ("RUS", "Russian", "Tu-95MS", "TU-95MS", "bomber", "strategic bombers"),
    ("RUS", "Russian", "Su-35S", "Su-35S", "fighter_escort", "escort fighters"),
    ("RUS", "Russian", "A-50", "A-50", "airborne_early_warning", "early warning aircraft"),
    ("CHN", "Chinese", "H-6K", "H-6K", "bomber", "bombers"),
    ("CHN", "Chinese", "H-6", "Xian H-6", "bomber", "bombers"),
    ("CHN", "Chinese", "Y-9", "Y-9", "intelligence_gathering", "intelligence-gathering aircraft"),
    ("JPN", "Japanese", "F-15J", "F-15J", "fighter", "fighter jets"),
    ("KOR", "South Korean", "unspecified", "warplanes", "unspecified", ""),
)
SHIPS = (
    # ship_id, name, country, adjective, ship_type, words for its kind
    (
        "admiral-tributs",
        "Admiral Tributs",
        "RUS",
        "Russian",
        "anti_submarine_ship",
        "large anti-submarine ship",
    ),
    ("gromky", "Gromky", "RUS", "Russian", "corvette", "corvette"),
    ("shaoxing", "Shaoxing", "CHN", "Chinese", "destroyer", "destroyer"),
    ("qiandaohu", "Qiandaohu", "CHN", "Chinese", "supply_ship", "supply ship"),
)
SERIES = (
    # series_id, name, its names in the texts
    ("joint-sea", "Joint Sea", ("Joint Sea", "Maritime Interaction")),
    ("northern-interaction", "Northern/Interaction", ("Northern/Interaction",)),
)
AIRCRAFT_TYPES = {
    # designation: family, manufacturer, kind
    "A-50": ("A-50", "Beriev", "airborne_early_warning"),
    "F-15J": ("F-15", "Mitsubishi", "fighter"),
    "H-6": ("H-6", "Xian", "bomber"),
    "H-6K": ("H-6", "Xian", "bomber"),
    "Il-76": ("Il-76", "Ilyushin", "transport"),
    "Su-35S": ("Su-35", "Sukhoi", "fighter"),
    "Tu-95MS": ("Tu-95", "Tupolev", "bomber"),
    "Y-9": ("Y-9", "Shaanxi", "intelligence_gathering"),
}
NUMBERS = ("two", "three", "four", "six", "eight")
NUMBERS_VALUE = {"two": 2, "three": 3, "four": 4, "six": 6, "eight": 8}
ORDINAL_WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth"
ORDINALS = tuple(ORDINAL_WORDS.split())
TIMES = {1: "once", 2: "twice", 3: "three times"}
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
UNNAMED = ("A spokesperson", "An official", "A military source")
# The words for values of the vocabularies (a value without words here gets generic ones).
QUALIFIER_WORDS = {"more_than": "more than", "at_least": "at least", "approximately": "about"}
QUALIFIER_WORDS |= {"up_to": "up to", "exact": ""}
MEDIUM_WORDS = {
    "press_conference": "at a press conference",
    "statement": "in a statement",
    "social_media_post": "in a social media post",
    "text_message": "in a text message",
    "interview": "in an interview",
    "report": "in a report",
    "diplomatic_channel": "through diplomatic channels",
}
SCOPE_WORDS = {
    "overall": "",
    "area": " over the {place}",
    "year": " in {year}",
    "since": " since event {since}",
    "consecutive_days": " in as many consecutive days",
    "day": " that day",
}
AIRSPACE_WORDS = {
    "adiz_entry": "entered the {zone}",
    "airspace_violation": "violated the airspace of Japan",
    "no_airspace_violation": "did not violate any country's airspace",
    "international_airspace": "stayed in international airspace",
    "international_waters": "sailed in international waters",
    "territorial_waters": "entered the territorial waters of Japan",
    "strait_transit": "passed through the {zone}",
}
PUBLISHED_NOTES = {
    "dateline": "The dateline gives day and month; the year comes from the archive record.",
    "page_record": "The archived page carried the date (archive_page_date).",
    "url": "The page's URL has the date (archive_url).",
    "inferred": "inferred from the events the article reports",
}


def slug(text: str) -> str:
    """An id made of the ASCII letters and digits of `text`, joined by dashes."""
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)


def day_month_year(day: dt.date) -> str:
    """A date as an article writes it: "4 June 2024"."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


class Text:
    """An article being written: appends pieces and returns their code-point offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def value(self) -> str:
        return "".join(self.parts)
