"""The aircraft proposer on small texts it writes: where a claim's count, country, type and
role come from, which claims are totals, and which are proposed commented out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers import FakeDrafter, actor, assert_actor_mentions, fields_of, find_all
from sino_russian_patrols.draft import aircraft
from sino_russian_patrols.registries import AircraftType


def _type(designation: str, kind: str) -> AircraftType:
    return AircraftType(designation, designation.split("-")[0], "maker", kind, "t.yaml", 1)


TYPES = [
    _type("Tu-95MS", "bomber"),
    _type("Tu-95", "bomber"),
    _type("H-6K", "bomber"),
    _type("H-6", "bomber"),
    _type("Su-30", "fighter"),
    _type("A-50", "airborne_early_warning"),
]


ACTORS = [
    actor("russia", "RUS", "state", "Russia", "Moscow"),
    actor("china", "CHN", "state", "China", "Beijing"),
    actor("japan", "JPN", "state", "Japan", "Tokyo"),
    actor("south-korea", "KOR", "state", "South Korea", "Seoul"),
    actor("asdf", "JPN", "military", "Air Self-Defense Force", "ASDF"),
    actor("pla-air-force", "CHN", "military", "PLA Air Force"),
    actor("pacific-fleet", "RUS", "military", "Pacific Fleet"),
    actor("chinese-navy", "CHN", "military", "Chinese navy"),
    actor("jso", "JPN", "military", "Joint Staff Office"),
    actor("kishi", "JPN", "person", "Kishi"),
    actor("ap", None, "media", "Associated Press"),  # type: ignore[arg-type]
]
KINDS = {"patrol": "joint_air_patrol", "scramble": "scramble"}


@dataclass
class Drafter(FakeDrafter):
    """What the aircraft proposer reads of the drafter."""

    registries: SimpleNamespace = field(
        default_factory=lambda: SimpleNamespace(aircraft_types=TYPES, actors=ACTORS)
    )

    def actor_mentions(self) -> list[tuple[int, int, str]]:
        return find_all(self.text, ACTORS)

    def event_near(self, at: int, types: frozenset[str]) -> str | None:
        return next((e for e, kind in KINDS.items() if kind in types), None)

    def event_kind(self, event_id: str) -> str | None:
        return KINDS.get(event_id)


def claims(text: str) -> list[tuple[dict[str, str], str | None]]:
    d = Drafter(text)
    aircraft.propose(d)  # type: ignore[arg-type]
    return [
        ({k: v.strip('"') for k, v in fields_of(item).items()}, item.unsure)
        for item in d.draft.items
    ]


def asserted(text: str) -> list[tuple[str | None, str, str | None, str | None]]:
    """(country or operator, type, count, total) of each asserted claim."""
    return [
        (f.get("country") or f.get("operator"), f["type"], f.get("count"), f.get("total"))
        for f, unsure in claims(text)
        if unsure is None
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a manufacturer before the designation, a force's possessive before it
        (
            "Russian TU-95MS strategic missile carriers and the Chinese air force’s Xian H-6 "
            "strategic bombers were deployed.",
            [("Russian", "TU-95MS", None, None), ("Chinese", "Xian H-6", None, None)],
        ),
        # a count with words between it and the country, "two of Russia’s"
        (
            "Japan saw two presumably new Chinese bombers and two of Russia’s Tu-95 bombers.",
            [("Chinese", "bombers", "two", None), ("Russia’s", "Tu-95", "two", None)],
        ),
        # digits, a qualifier, and "a" as a count
        (
            "Over 30 Russian bombers flew, and a Russian military aircraft entered airspace.",
            [("Russian", "bombers", "Over 30", None), ("Russian", "military aircraft", "a", None)],
        ),
        # a designation with a Cyrillic look-alike letter and a non-breaking hyphen
        (
            "Russian Tu\u201195\u041cS and Chinese H-6K strategic bombers flew.",
            [
                ("Russian", "Tu\u201195\u041cS", None, None),
                ("Chinese", "H-6K", None, None),
            ],
        ),
        # one country for two types: "Russia's Su-30 fighters and A-50 early warning plane"
        (
            "The office said Russia's Su-30 fighters and A-50 early warning plane were spotted.",
            [("Russia's", "Su-30", None, None), ("Russia's", "A-50", None, None)],
        ),
    ],
)
def test_count_and_country_come_from_the_words_before_the_head(
    text: str, expected: list[tuple[str | None, str, str | None, str | None]]
) -> None:
    assert asserted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the country or force after the head
        (
            "Two H-6K strategic bombers of the PLA Air Force flew over the sea.",
            [("pla-air-force", "H-6K", "Two", None)],
        ),
        # the subject of a verb that sends them
        ("Russia sent two Tu-95MS over the Sea of Japan.", [("Russia", "Tu-95MS", "two", None)]),
        (
            "The Air Self-Defense Force scrambled fighter jets in response.",
            [("asdf", "fighter jets", None, None)],
        ),
        ("It prompted Seoul to scramble fighters.", [("south-korea", "fighters", None, None)]),
        # a body's country owns "its" aircraft
        (
            "The Russian Ministry of Defense said its Tu-95MS bombers flew.",
            [("Russian", "Tu-95MS", None, None)],
        ),
    ],
)
def test_country_or_force_from_the_words_after_or_the_sender(
    text: str, expected: list[tuple[str | None, str, str | None, str | None]]
) -> None:
    assert asserted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one number for two countries
        (
            "More than 10 Chinese and Russian military aircraft entered the zone.",
            [(None, "military aircraft", "More than 10", "true")],
        ),
        (
            "A total of 17 aircraft from both countries flew.",
            [(None, "aircraft", "A total of 17", "true")],
        ),
        ("The four bombers flew south.", [(None, "bombers", "four", "true")]),
        (
            "12 aircraft and helicopters of the Pacific Fleet and the Chinese navy took part.",
            [(None, "aircraft and helicopters", "12", "true")],
        ),
        # the parts of a total listed after it
        (
            "The drills involved over 30 naval aircraft from both sides, including "
            "anti-submarine warfare planes and fighter-interceptors.",
            [
                (None, "naval aircraft", "over 30", "true"),
                (None, "anti-submarine warfare planes", None, "true"),
                (None, "fighter-interceptors", None, "true"),
            ],
        ),
    ],
)
def test_totals(text: str, expected: list[tuple[str | None, str, str | None, str | None]]) -> None:
    assert asserted(text) == expected


def test_a_phrase_for_two_countries_without_a_number_is_one_claim_each() -> None:
    assert asserted("Chinese and Russian bombers flew a joint patrol.") == [
        ("Chinese", "bombers", None, None),
        ("Russian", "bombers", None, None),
    ]


def test_a_generic_noun_is_commented_out_where_the_article_counts_them_elsewhere() -> None:
    found = claims(
        "Chinese and Russian bombers flew together. Two Chinese H-6 bombers and two Russian "
        "Tu-95 bombers were seen. The Russian aircraft turned back."
    )
    unsure = {(f["country"], f["type"]): why for f, why in found}
    assert unsure[("Chinese", "bombers")] is not None
    assert unsure[("Chinese", "H-6")] is None and unsure[("Russian", "Tu-95")] is None
    assert "'the'" in (unsure[("Russian", "aircraft")] or "")


def test_roles_escorts_and_scrambles() -> None:
    found = {
        f["type"]: (f["role"], f.get("part_of_flight"))
        for f, _ in claims(
            "Two Chinese H-6 bombers flew. During the flight, they were joined by Chinese "
            "Su-30 fighters. Japan scrambled fighter jets."
        )
    }
    assert found == {
        "H-6": ("bomber", None),
        "Su-30": ("fighter_escort", "true"),
        "fighter jets": ("fighter", None),
    }


def test_what_is_no_claim() -> None:
    # a noun that qualifies another, a caption with its credit, a country's body, time words
    text = (
        "China and Russia held a joint bomber patrol.\n"
        "Chinese H-6K bomber, flies with Russian aircraft, Dec. 22. (Russian Ministry of Defence)\n"
        "It has been about six months since the patrol."
    )
    assert claims(text) == []


def test_a_designation_with_no_country_is_commented_out() -> None:
    [(fields, unsure)] = claims("The bombers were two Tu-95MS, the ministry said.")
    assert fields["type"] == "Tu-95MS" and unsure is not None and "no country" in unsure


@pytest.mark.parametrize(
    ("lead", "asserted_generic"),
    [
        ("Japan's Defense Ministry spotted Chinese bombers near Japan.", True),
        ("Chinese bombers flew near Japan, according to the ministry.", True),
        ("Japan scrambled fighter jets after Chinese bombers flew, the ministry said.", False),
        ("Chinese bombers flew near Japan.", False),
    ],
)
def test_a_generic_noun_a_report_gives_is_asserted(lead: str, asserted_generic: bool) -> None:
    found = claims(lead + " Two Chinese H-6 bombers were seen.")
    [unsure] = [why for f, why in found if f["type"] == "bombers"]
    assert (unsure is None) is asserted_generic


def reported(text: str) -> list[tuple[str, str | None, str | None]]:
    """(type, reported_by, attribution) of each claim, with every actor the text names
    asserted as mentioned (the build takes no other reporter)."""

    d = Drafter(text)
    assert_actor_mentions(d)
    aircraft.propose(d)  # type: ignore[arg-type]
    out = []
    for item in d.draft.items:
        if item.section == "aircraft":
            fields = fields_of(item)
            out.append(
                (fields["type"].strip('"'), fields.get("reported_by"), fields.get("attribution"))
            )
    return out


def test_who_reports_a_claim() -> None:
    text = (
        "Chinese bombers flew near Japan, according to the Defense Ministry's Joint Staff "
        "Office, the Associated Press said.\n"
        "The office said Tuesday that two Chinese H-6 bombers flew. Japan believed two Russian "
        "Tu-95 bombers joined them.\n"
        '"Two Chinese H-6K bombers followed," Kishi told a news conference.'
    )
    assert reported(text) == [
        # "according to": the Associated Press wrote the article, it is no reporter
        ("bombers", "jso", '"according to the Defense Ministry\'s Joint Staff Office"'),
        # "The office said": the office named before, with the attribution that named it
        (
            "H-6",
            "jso",
            '["The office said Tuesday", "according to the Defense Ministry\'s Joint Staff '
            'Office"]',
        ),
        ("Tu-95", "japan", '"Japan believed"'),  # a verb of those who watch
        # the speaker after the quotation, with whom it told
        ("H-6K", "kishi", '"Kishi told a news conference"'),
    ]


def test_the_verbs_of_attributions_are_learned_from_the_curated_files(tmp_path: Path) -> None:
    from sino_russian_patrols.draft.document import Item
    from sino_russian_patrols.draft.reporter import learned_verbs

    annotations = tmp_path / "build" / "annotations"
    annotations.mkdir(parents=True)
    (annotations / "001_a.yaml").write_text(
        "aircraft:\n  - {id: a01, attribution: 'South Korea noticed'}\n", encoding="utf-8"
    )
    (annotations / "002_b.yaml").write_text(  # the article drafted: not learned from
        "aircraft:\n  - {id: a01, attribution: ['Japan recorded']}\n", encoding="utf-8"
    )
    text = "South Korea noticed two Chinese H-6 bombers."
    d = Drafter(text, root=tmp_path, source_id="002_b")
    assert learned_verbs(d) == {"noticed"}  # type: ignore[arg-type]
    d.draft.items.append(Item("actors", ['- {quote: "South Korea"}   # south-korea']))
    aircraft.propose(d)  # type: ignore[arg-type]
    assert "  reported_by: south-korea" in d.draft.items[-1].lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two Chinese and four Russian bombers flew.",
            [("Chinese", "bombers", "Two", None), ("Russian", "bombers", "four", None)],
        ),
        (
            "A pair of Russian Tu-95MS bombers flew, and 2 Chinese H-6K bombers joined them.",
            [("Russian", "Tu-95MS", "A pair of", None), ("Chinese", "H-6K", "2", None)],
        ),
    ],
)
def test_counts_of_each_country_and_counts_as_words_or_digits(
    text: str, expected: list[tuple[str | None, str, str | None, str | None]]
) -> None:
    assert asserted(text) == expected


def test_the_owner_after_a_head_stops_at_the_next_claim() -> None:
    assert asserted(
        "The group included two H-6K bombers of the PLA Air Force and four Russian Tu-95 bombers."
    ) == [("pla-air-force", "H-6K", "two", None), ("Russian", "Tu-95", "four", None)]


@dataclass
class EventDrafter(Drafter):
    """A drafter whose events are `kinds` (id: type), each sentence in `event_sentences`
    linked to its event."""

    kinds: dict[str, str] = field(default_factory=dict)

    def event_kind(self, event_id: str) -> str | None:
        return self.kinds.get(event_id)

    @property
    def linked_events(self) -> list[str]:
        return list(dict.fromkeys(e for _, _, e in self.event_sentences))

    def event_near(self, at: int, types: frozenset[str]) -> str | None:
        for lo, hi, event in self.event_sentences:
            if lo <= at < hi and self.kinds.get(event) in types:
                return event
        return next((e for e, kind in self.kinds.items() if kind in types), None)


def events_of(text: str, kinds: dict[str, str], linked: dict[str, str]) -> list[tuple]:
    """(country or operator, type, event, unsure) of each claim; `linked` links the sentence
    that holds each key's words to its event."""
    d = EventDrafter(text, kinds=kinds)
    for words, event in linked.items():
        lo = text.index(words)
        d.event_sentences.append((lo, lo + len(words), event))
    aircraft.propose(d)  # type: ignore[arg-type]
    out = []
    for item in d.draft.items:
        f = {k: v.strip('"') for k, v in fields_of(item).items()}
        out.append((f.get("country") or f.get("operator"), f["type"], f["event"], item.unsure))
    return out


def test_a_claim_belongs_to_the_part_of_the_patrol_its_sentence_reports() -> None:
    text = (
        "Two Chinese H-6K bombers and two Russian Tu-95MS bombers flew a joint patrol. "
        "The Russian aircraft landed at an airfield in China."
    )
    kinds = {"patrol": "joint_air_patrol", "landing": "airfield_landing"}
    last = "The Russian aircraft landed at an airfield in China."
    # "The Russian aircraft": those of the patrol, but the claim of the landing, asserted
    assert events_of(text, kinds, {last: "landing"})[-1] == ("Russian", "aircraft", "landing", None)
    # without the landing linked, the aircraft named before, said again: commented out
    [*_, (_, _, event, unsure)] = events_of(text, kinds, {})
    assert event == "patrol" and unsure is not None and "'the'" in unsure


def test_a_claim_of_a_naval_exercise_or_an_answer_the_sentence_reports() -> None:
    text = (
        "The drills involved over 30 naval aircraft from both sides. "
        "South Korean warplanes fired warning shots."
    )
    kinds = {"drills": "joint_naval_exercise", "shots": "warning_shots"}
    # the article links no air patrol: the total is the naval exercise's
    assert events_of(text, kinds, {"South Korean warplanes fired": "shots"}) == [
        (None, "naval aircraft", "drills", None),
        ("South Korean", "warplanes", "shots", None),
    ]
    # an air patrol linked: a claim whose sentence reports none belongs to it
    kinds = {"patrol": "joint_air_patrol", **kinds}
    assert events_of(text, kinds, {})[0][2] == "patrol"


def test_a_country_after_a_dash_of_two_hyphens() -> None:
    # a dateline's dash is no hyphen that joins words ("China-Russian" would be)
    assert asserted("Tokyo (Jiji Press)--Chinese and Russian bombers flew, the office said.") == [
        ("Chinese", "bombers", None, None),
        ("Russian", "bombers", None, None),
    ]
    assert asserted("China-Russian bombers flew, the office said.") == []


def test_what_the_aircraft_named_before_were() -> None:
    text = (
        "Chinese and Russian military aircraft flew a joint patrol. The Chinese and Russian "
        "military aircraft that entered the zone were bombers and fighters."
    )
    second = text[text.index("The Chinese") :]
    found = events_of(text, {"patrol": "joint_air_patrol"}, {second: "patrol"})
    # one claim per country and noun, asserted: the kinds of the aircraft named before
    assert [(who, kind, unsure) for who, kind, _, unsure in found[-4:]] == [
        ("Chinese", "bombers", None),
        ("Russian", "bombers", None),
        ("Chinese", "fighters", None),
        ("Russian", "fighters", None),
    ]
    # a designation with "an" as its count; commented out where the sentence reports no event
    [*_, (fields, unsure)] = claims("The Russian aircraft was an A-50 early warning aircraft.")
    assert (fields["country"], fields["type"], fields["count"]) == ("Russian", "A-50", "an")
    assert unsure is not None and "give the event" in unsure


def test_aircraft_from_both_countries_without_a_number_are_one_claim_each() -> None:
    # the two countries of the sentence, quoted from the first; an escort the article does not
    # count otherwise (it names the bombers' types only) is asserted
    text = (
        "Russian Tu-95MS and Chinese H-6K bombers flew a patrol accompanied by fighter jets "
        "from both countries."
    )
    found = [(f, why) for f, why in claims(text) if f["type"] == "fighter jets"]
    assert [(f["country"], f["role"], why) for f, why in found] == [
        ("Russian", "fighter_escort", None),
        ("Chinese", "fighter_escort", None),
    ]
    assert found[0][0]["quote"] == text.removesuffix(".")
    # the two countries of the sentence before, quoted as `also`
    text = (
        "The group of Russian ships will be led by a destroyer, which will command the Chinese "
        "group too. The drills will involve naval aircraft from both countries."
    )
    [(first, _), (second, _)] = claims(text)
    assert (first["country"], second["country"]) == ("Russian", "Chinese")
    assert first["quote"] == "naval aircraft from both countries"
    assert first["also"] == '[{quote: "Russian"}, {quote: "Chinese"}]'
    # one country named before: no claim
    assert claims("Russian ships sailed. Naval aircraft from both countries flew.") == []


def test_a_generic_noun_is_counted_elsewhere_only_in_its_role() -> None:
    found = claims(
        "Two Chinese H-6 bombers flew. Chinese fighters and Chinese bombers joined them later."
    )
    unsure = {f["type"]: why for f, why in found if f["quote"].startswith("Chinese")}
    assert unsure["fighters"] is None and unsure["bombers"] is not None


def test_what_aircraft_were_belongs_to_the_event_of_those_named_before() -> None:
    text = (
        "Two Russian bombers flew a patrol. A separate Russian early warning aircraft violated "
        "the airspace. The Russian aircraft was an A-50 early warning aircraft."
    )
    kinds = {"patrol": "joint_air_patrol", "violation": "airspace_violation"}
    linked = {"Two Russian bombers flew a patrol.": "patrol", "A separate": "violation"}
    *_, (who, kind, event, unsure) = events_of(text, kinds, linked)
    # the early warning aircraft named last, not the bombers nor the patrol of the article
    assert (who, kind, event, unsure) == ("Russian", "A-50", "violation", None)


def test_aircraft_that_entered_airspace_belong_to_the_violation_the_article_reports() -> None:
    text = (
        "Warplanes fired warning shots at a Russian military aircraft that entered South "
        "Korean airspace, with two Chinese bombers that entered the air defence zone. It was "
        "the first violation of South Korean airspace, the ministry said."
    )
    kinds = {"patrol": "joint_air_patrol", "violation": "airspace_violation"}
    linked = {"Warplanes fired": "patrol", "It was the first": "violation"}
    assert [(who, event) for who, _, event, _ in events_of(text, kinds, linked)] == [
        ("Russian", "violation"),  # its words say it entered a country's airspace
        ("Chinese", "patrol"),  # an air defence zone is no airspace
    ]


def test_a_force_the_registries_do_not_know_that_scrambles_fighters() -> None:
    d = Drafter("The Japan Coast Air Wing scrambled fighter jets in response.")
    aircraft.propose(d)  # type: ignore[arg-type]
    [item] = d.draft.items
    fields = fields_of(item)
    assert fields["quote"] == '"Japan Coast Air Wing scrambled fighter jets"'
    assert "country" not in fields and item.unsure is not None and "no country" in item.unsure
    assert d.draft.to_add == [
        "actor spelling 'Japan Coast Air Wing' (sends aircraft in the text; registries/actors.yaml)"
    ]


def test_a_generic_noun_is_counted_elsewhere_only_in_its_event() -> None:
    text = "Two Chinese H-6 bombers flew a patrol. Chinese bombers joined last month's drills."
    kinds = {"patrol": "joint_air_patrol", "drills": "joint_naval_exercise"}
    # the bombers of the drills are not those counted of the patrol
    linked = {"Two Chinese": "patrol", "Chinese bombers joined": "drills"}
    assert events_of(text, kinds, linked)[-1] == ("Chinese", "bombers", "drills", None)
    # of the same patrol, they are
    [*_, (_, _, event, unsure)] = events_of(text, kinds, {"Two Chinese": "patrol"})
    assert event == "patrol" and unsure is not None and "elsewhere" in unsure


def test_at_that_time_speaks_of_the_event_of_the_sentence_before() -> None:
    text = (
        "More than 10 Chinese and Russian military aircraft entered the zone today. It was six "
        "months after the December patrol. At that time as well, nine Chinese and Russian "
        "military aircraft entered the zone."
    )
    kinds = {"june": "joint_air_patrol", "december": "joint_air_patrol"}
    linked = {"More than 10": "june", "It was six months": "december", "At that time": "june"}
    found = events_of(text, kinds, linked)
    assert [(kind, event) for _, kind, event, _ in found] == [
        ("military aircraft", "june"),
        ("military aircraft", "december"),
    ]


def test_a_count_of_what_a_countrys_forces_are_composed_of() -> None:
    [(fields, unsure)] = claims(
        "The Chinese participating troops are mainly composed of army units, with 300 vehicles, "
        "21 fixed-wing aircraft and helicopters, and three ships."
    )
    assert (fields["country"], fields["count"], fields["quote"]) == (
        "Chinese",
        "21",
        "21 fixed-wing aircraft and helicopters",
    )
    assert fields["also"] == '[{quote: "Chinese"}]' and unsure is None
    # another country named between: whose they are is not said
    assert claims("The Chinese troops include units sent with Russia's help and 21 aircraft.") == []


def test_the_words_after_the_head_end_with_the_force_a_country_word_qualifies() -> None:
    [(fields, _)] = claims("12 aircraft of the Pacific Fleet and the Russian navy took part.")
    assert fields["quote"] == "12 aircraft of the Pacific Fleet and the Russian navy"


def test_planes_and_helicopters_listed_as_parts_of_a_total_are_two_parts() -> None:
    found = claims(
        "The drills involved over 30 naval aircraft from both sides, including anti-submarine "
        "warfare planes and helicopters and fighter-interceptors."
    )
    assert [(f["type"], f["quote"].split(", including ")[-1]) for f, _ in found[1:]] == [
        ("anti-submarine warfare planes", "anti-submarine warfare planes"),
        ("helicopters", "anti-submarine warfare planes and helicopters"),
        (
            "fighter-interceptors",
            "anti-submarine warfare planes and helicopters and fighter-interceptors",
        ),
    ]
    # counted, one noun: "12 aircraft and helicopters" stays one claim
    assert [
        f["type"] for f, _ in claims("12 aircraft and helicopters of the Pacific Fleet flew.")
    ] == ["aircraft and helicopters"]


@dataclass
class HeadlineDrafter(Drafter):
    """A drafter whose text opens with a headline line."""

    @property
    def headline(self) -> tuple[int, int]:
        return (0, self.text.index("\n"))

    def in_headline(self, at: int) -> bool:
        return at < self.headline[1]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        # the headline's subject: one row per country, no source, asserted
        ("China, Russia Military Aircraft Fly Over Sea of Japan", ["China", "Russia"]),
        ("Russian and Chinese Bombers Conduct Joint Air Patrol", ["Russian", "Chinese"]),
        # aircraft the headline names otherwise: left to the body
        ("Russia releases video of Russian, Chinese bombers flying together", []),
        ("S Korea fires warning shots at Russian military plane", []),
    ],
)
def test_a_headline_that_opens_with_the_aircraft(headline: str, expected: list[str]) -> None:
    d = HeadlineDrafter(headline + "\nTwo Chinese H-6 bombers and two Russian Tu-95 bombers flew.")
    aircraft.propose(d)  # type: ignore[arg-type]
    found = [fields_of(i) for i in d.draft.items if i.unsure is None]
    countries = [
        f["country"].strip('"') for f in found if f["quote"].startswith(f'"{headline[:5]}')
    ]
    assert countries == expected
    assert not any("reported_by" in f for f in found[: len(expected)])
