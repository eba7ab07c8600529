"""The steps of joint activity at sea: ship claims and the ship registry, participants, and
the names of exercises with their series, each rule checked on a small project made here."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import tiny_project
from sino_russian_patrols.errors import Problems
from sino_russian_patrols.normalize import ship_type
from sino_russian_patrols.steps import read_inputs, run_steps

TEXT = (
    "MOSCOW, July 23. The Russian Navy was represented by the large anti-submarine warfare "
    "ships Admiral Tributs and Admiral Panteyelev, and the Chinese Navy by the destroyers "
    "Qiqihar and Guiyang. A total of 10 Chinese and Russian naval vessels passed through the "
    "Soya Strait, the Russian Pacific Fleet said. The Joint Sea 2021 drills, which Russia calls "
    "Maritime Interaction-2021, involved Iran with more than 200 sailors.\n"
)
EVENTS = "- id: e1\n  type: joint_naval_patrol\n  summary: a patrol\n"
ACTORS = """
- {id: russia, name: Russia, type: state, country: RUS, aliases: [Russian]}
- {id: china, name: China, type: state, country: CHN, aliases: [Chinese]}
- {id: iran, name: Iran, type: state, country: IRN, aliases: [Iran]}
- {id: fleet, name: Pacific Fleet, type: military, country: RUS, aliases: [Russian Pacific Fleet]}
"""
SHIPS = """
- id: admiral-tributs
  name: Admiral Tributs
  country: RUS
  type: anti_submarine_ship
  aliases: [Admiral Tributs]
- id: admiral-panteleyev
  name: Admiral Panteleyev
  country: RUS
  type: anti_submarine_ship
  aliases: [Admiral Panteyelev]
- id: qiqihar
  name: Qiqihar
  country: CHN
  type: destroyer
  aliases: [Qiqihar]
"""
SERIES = """
- id: joint-sea
  name: Joint Sea
  aliases: [Joint Sea, Maritime Interaction]
"""
ANNOTATION = """
actors:
  - {quote: "Russian", occurrence: 1}
  - {quote: "Chinese", occurrence: 1}
  - {quote: "Iran"}
  - {quote: "Russian Pacific Fleet"}
events:
  - {id: e1, quote: "passed through the Soya Strait"}
ships:
  - {id: v01, event: e1, country: Russian, name: Admiral Tributs,
     type: "large anti-submarine warfare ships",
     quote: "Russian Navy was represented by the large anti-submarine warfare ships
       Admiral Tributs"}
  - {id: v02, event: e1, country: Russian, name: Admiral Panteyelev,
     type: "large anti-submarine warfare ships",
     quote: "Russian Navy was represented by the large anti-submarine warfare ships
       Admiral Tributs and Admiral Panteyelev"}
  - {id: v03, event: e1, quote: "the Chinese Navy by the destroyers Qiqihar",
     country: Chinese, type: destroyers, name: Qiqihar}
  - {id: v04, event: e1, quote: "A total of 10 Chinese and Russian naval vessels",
     type: naval vessels, count: "10", total: true,
     reported_by: fleet, attribution: "the Russian Pacific Fleet said"}
participants:
  - {id: p01, event: e1, quote: "involved Iran with more than 200 sailors", who: iran,
     role: participant, personnel: "more than 200"}
names:
  - {id: n01, event: e1, quote: "Joint Sea 2021"}
  - {id: n02, event: e1, quote: "Maritime Interaction-2021"}
"""


def _build(tmp_path: Path, annotation: str = ANNOTATION, **registries: str):
    regs = {"events": EVENTS, "actors": ACTORS, "ships": SHIPS, "exercise_series": SERIES}
    root = tiny_project(tmp_path / "p", TEXT, annotation, regs | registries)
    problems = Problems()
    inputs = read_inputs(root, problems)
    outputs = run_steps(inputs, ("ships", "participants", "names"))
    rows = {t: r for out in outputs.values() for t, r in out.rows.items()}
    return rows, problems.items, outputs


def test_ship_claims_fold_spellings_into_one_registered_ship(tmp_path: Path) -> None:
    rows, problems, _ = _build(tmp_path)
    assert problems == []
    claims = {r["ship_claim_id"].rsplit("-", 1)[1]: r for r in rows["ship_claims"]}
    assert claims["v02"]["ship_id"] == "admiral-panteleyev"
    assert claims["v02"]["name_as_reported"] == "Admiral Panteyelev"
    assert (claims["v01"]["country"], claims["v01"]["ship_type"]) == ("RUS", "anti_submarine_ship")
    assert (claims["v03"]["country"], claims["v03"]["ship_type"]) == ("CHN", "destroyer")
    total = claims["v04"]
    assert (total["count"], total["count_qualifier"], total["is_total"]) == (10, "exact", True)
    assert (total["country"], total["ship_id"], total["reported_by"]) == (None, None, "fleet")
    assert {r["alias"]: r["ship_id"] for r in rows["ship_aliases"]} == {
        "Admiral Tributs": "admiral-tributs",
        "Admiral Panteyelev": "admiral-panteleyev",
        "Qiqihar": "qiqihar",
    }


def test_a_ship_s_evidence_is_its_name_in_the_claim(tmp_path: Path) -> None:
    _, _, outputs = _build(tmp_path)
    cited = {
        (e["record_id"], e["quote"])
        for e in outputs["ships"].evidence
        if e["record_table"] == "ships"
    }
    assert ("admiral-panteleyev", "Admiral Panteyelev") in cited
    for e in outputs["ships"].evidence:
        assert TEXT[e["char_start"] : e["char_end"]] == e["quote"]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (
            (
                "country: Chinese, type: destroyers",
                "country: Russian, type: destroyers",
            ),
            "value_not_written",
        ),
        (("name: Qiqihar}", "name: Guiyang}"), "unknown_alias"),
        (("type: destroyers, name", "type: destroyer boats, name"), "value_not_written"),
        (('count: "10"', 'count: "12"'), "value_not_written"),
        (("{id: v03, event: e1", "{id: v01, event: e1"), "duplicate_id"),
    ],
)
def test_a_ship_claim_is_refused_at_its_line_when_its_words_do_not_say_it(
    tmp_path: Path, change: tuple[str, str], code: str
) -> None:
    assert change[0] in ANNOTATION
    _, problems, _ = _build(tmp_path, ANNOTATION.replace(*change))
    assert code in {p.code for p in problems}, problems
    assert all(p.file.endswith(".yaml") and p.line for p in problems if p.code == code)


def test_a_named_ship_of_another_navy_is_refused(tmp_path: Path) -> None:
    text = ANNOTATION.replace(
        "country: Chinese, type: destroyers, name: Qiqihar}",
        "country: Chinese, type: destroyers, name: Qiqihar}\n"
        '  - {id: v05, event: e1, quote: "the Chinese Navy by the destroyers Qiqihar and Guiyang",'
        " country: Chinese, type: destroyers, name: Guiyang}",
    )
    ships = (
        SHIPS
        + "- {id: guiyang, name: Guiyang, country: RUS, type: destroyer, aliases: [Guiyang]}\n"
    )
    _, problems, _ = _build(tmp_path, text, ships=ships)
    assert [p.code for p in problems] == ["ship_country"], problems


def test_the_registry_says_no_more_than_the_claims(tmp_path: Path) -> None:
    ships = (
        SHIPS.replace("type: destroyer\n", "type: frigate\n").replace(
            "name: Qiqihar\n", "name: Qiqihar\n  class: Type 052D\n"
        )
        + "- {id: unused, name: Unused, country: CHN, type: frigate, aliases: [Unused]}\n"
    )
    _, problems, _ = _build(tmp_path, ships=ships)
    assert sorted(p.code for p in problems) == [
        "never_mentioned",
        "ship_class_unsaid",
        "ship_type_unsaid",
    ]


def test_a_participant_and_its_personnel(tmp_path: Path) -> None:
    rows, problems, _ = _build(tmp_path)
    assert problems == []
    [p] = rows["event_participants"]
    assert (p["actor_id"], p["role"], p["personnel"], p["personnel_qualifier"]) == (
        "iran",
        "participant",
        200,
        "more_than",
    )
    _, problems, _ = _build(tmp_path / "2", ANNOTATION.replace("who: iran", "who: china"))
    assert [p.code for p in problems] == ["participant_not_named"]


def test_names_of_one_series_in_both_languages(tmp_path: Path) -> None:
    rows, problems, _ = _build(tmp_path)
    assert problems == []
    names = {r["name_as_reported"]: (r["series_id"], r["edition"]) for r in rows["event_names"]}
    assert names == {
        "Joint Sea 2021": ("joint-sea", 2021),
        "Maritime Interaction-2021": ("joint-sea", 2021),
    }
    assert {r["alias"] for r in rows["series_aliases"]} == {"Joint Sea", "Maritime Interaction"}
    _, problems, _ = _build(
        tmp_path / "2", exercise_series=SERIES.replace(", Maritime Interaction", "")
    )
    assert [p.code for p in problems] == ["series_name"]


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("large anti-submarine warfare ship", "anti_submarine_ship"),
        ("diesel-electric submarine", "submarine"),
        ("Project 20380 corvettes", "corvette"),
        ("the Pechenga tanker", "supply_ship"),
        ("integrated supply ship", "supply_ship"),
        ("rescue tugboat", "rescue_vessel"),
        ("warships", "warship"),
        ("naval vessels", "warship"),
    ],
)
def test_the_kind_of_ship_is_read_from_its_words(words: str, kind: str) -> None:
    assert ship_type(words) == kind


def test_words_that_name_no_ship_are_refused_with_the_kinds_read() -> None:
    with pytest.raises(ValueError, match=r"names no kind of ship.*destroyer"):
        ship_type("boats")


def test_an_operator_gives_the_country_and_must_be_named(tmp_path: Path) -> None:
    operated = ANNOTATION.replace(
        "participants:",
        '  - {id: v05, event: e1, type: "naval vessels", operator: fleet,\n'
        '     quote: "naval vessels passed through the Soya Strait, the Russian Pacific Fleet"}\n'
        "participants:",
    )
    rows, problems, _ = _build(tmp_path, operated)
    assert problems == []
    claim = next(r for r in rows["ship_claims"] if r["ship_claim_id"].endswith("-v05"))
    assert (claim["country"], claim["operator"], claim["ship_type"]) == ("RUS", "fleet", "warship")
    unnamed = operated.replace(', the Russian Pacific Fleet"}', '"}')
    _, problems, _ = _build(tmp_path / "2", unnamed)
    assert [p.code for p in problems] == ["operator_not_named"]


def test_an_answer_names_the_event_it_answered(tmp_path: Path) -> None:
    events = EVENTS + "- id: e2\n  type: scramble\n  summary: fighters scrambled\n"
    annotation = ANNOTATION.replace(
        "ships:", '  - {id: e2, quote: "passed through the Soya Strait"}\nships:', 1
    )
    _, problems, _ = _build(tmp_path, annotation, events=events)
    assert [(p.code, p.line) for p in problems] == [("answer_parent", 4)]
