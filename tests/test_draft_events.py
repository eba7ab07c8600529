"""The events proposer on small texts it writes: the words that give a sentence's event
types, the date claim's form its verbs give, and the one known event whose dates fit."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from sino_russian_patrols.draft.events import _form, _known_event, counted_event, event_types
from sino_russian_patrols.draft.patterns import EVENT_WORDS, REPORTED_ON


def types_of(sentence: str) -> set[str]:
    return {t for pattern, kinds in EVENT_WORDS for t in kinds if pattern.search(sentence)}


@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        ("Two bombers entered the KADIZ on Tuesday.", "joint_air_patrol", "joint_naval_patrol"),
        ("Ten warships sailed on a joint patrol.", "joint_naval_patrol", "scramble"),
        (
            "The destroyer and the replenishment ship had conducted a joint patrol.",
            "joint_naval_patrol",
            "scramble",
        ),
        ("The navies began the Joint Sea-2021 drills.", "joint_naval_exercise", "intercept"),
        ("Japan scrambled fighter jets.", "scramble", "joint_air_patrol"),
        # the two parties between "joint" and "patrol"
        (
            "The main goal of the fifth joint Russia-China patrol mission is cooperation.",
            "joint_naval_patrol",
            "joint_naval_exercise",
        ),
        (
            "Chinese and Russian warplanes on November 30 hovered over the Pacific Ocean.",
            "joint_air_patrol",
            "joint_naval_patrol",
        ),
    ],
)
def test_the_words_of_a_sentence_give_its_event_types(
    sentence: str, expected: str, absent: str
) -> None:
    found = types_of(sentence)
    assert expected in found and absent not in found


@pytest.mark.parametrize(
    ("sentence", "exercise"),
    [
        ("The two have partnered in other joint exercises.", False),
        ("The patrol is the latest in a series of collaborative military exercises.", False),
        ("Both countries have conducted military exercises independently.", False),
        ("The navies held joint exercises in the Sea of Japan.", True),
        # a name says which exercise, whatever the words around it
        ("Other drills followed the Joint Sea-2021 exercises.", True),
    ],
)
def test_exercises_in_passing_are_no_exercise_of_their_own(sentence: str, exercise: bool) -> None:
    from sino_russian_patrols.draft.events import event_types

    assert ("joint_naval_exercise" in event_types(sentence)) is exercise


@pytest.mark.parametrize(
    ("sentence", "protest"),
    [
        ("Through diplomatic channels, the government has conveyed its concerns.", True),
        ("The manoeuvre will likely reverberate through diplomatic channels.", False),
    ],
)
def test_diplomatic_channels_are_a_protest_only_when_used(sentence: str, protest: bool) -> None:
    assert ("diplomatic_protest" in types_of(sentence)) is protest


def test_one_countrys_warplanes_are_no_joint_flight() -> None:
    assert "joint_air_patrol" not in types_of("Japan's warplanes hovered over the sea.")
    assert "joint_air_patrol" not in types_of("Russian warplanes and Chinese ships met.")


@pytest.mark.parametrize(
    ("sentence", "form"),
    [
        ("The navies will hold drills in August.", "announced"),
        # the future of reported speech ("announced on July 26 that ... would soon conduct")
        ("The ministry said the navies would soon conduct joint patrols.", "announced"),
        ("The drills are scheduled to last until mid-July.", "announced"),
        # "scheduled" as an adjective: held to a plan, not announced
        ("The fleets had completed a routine, scheduled exercise.", "end_only"),
        ("The two navies concluded the patrol on Sunday.", "end_only"),
        ("The ships wrapped up their patrol last week.", "end_only"),
        ("The ships departed from Vladivostok on August 7.", "start_only"),
        ("Two bombers flew over the Sea of Japan on Tuesday.", None),
    ],
)
def test_the_verbs_give_the_date_claims_form(sentence: str, form: str | None) -> None:
    assert _form(sentence) == form


def test_a_report_day_is_read_before_the_date_phrase() -> None:
    assert REPORTED_ON.search("Zhang said at a press conference on ")
    assert REPORTED_ON.search("the ministry said ")
    assert not REPORTED_ON.search("the bombers flew ")


def event(event_id: str, kind: str, start: str | None, end: str | None) -> dict[str, object]:
    return {
        "event_id": event_id,
        "event_type": kind,
        "start_date": dt.date.fromisoformat(start) if start else None,
        "end_date": dt.date.fromisoformat(end) if end else None,
    }


KNOWN = [
    event("2023-06-06-air", "joint_air_patrol", "2023-06-06", "2023-06-07"),
    event("2023-07-naval", "joint_naval_patrol", "2023-07-28", "2023-08-10"),
    event("2023-07-other-naval", "joint_naval_patrol", "2023-07-20", "2023-07-30"),
    event("2023-06-06-scramble", "scramble", "2023-06-06", "2023-06-06"),
    event("2024-10-undated-naval", "joint_naval_patrol", None, None),
]
PARENTS = {"2023-06-06-scramble": "2023-06-06-air"}


class Known:
    """What the events proposer reads of a drafter: the known events, their date claims,
    the days their first reports were published, and the new events drafted so far."""

    def __init__(self, counted: list[dict[str, object]] | None = None) -> None:
        self.known_events = KNOWN
        self.known_dates: list[dict[str, object]] = []
        self.known_ordinals = counted or []
        self.reported_on = {"2024-10-undated-naval": [dt.date(2024, 9, 20)]}
        self.new_events: list[object] = []

    def event_kind(self, event_id: str) -> str | None:
        return next((e["event_type"] for e in KNOWN if e["event_id"] == event_id), None)  # type: ignore[misc]

    def event_parent(self, event_id: str) -> str | None:
        return PARENTS.get(event_id)


def day(text: str) -> tuple[dt.date, dt.date]:
    return dt.date.fromisoformat(text), dt.date.fromisoformat(text)


AIR = frozenset({"joint_air_patrol"})
NAVAL = frozenset({"joint_naval_patrol"})


def test_the_one_event_of_a_compatible_type_within_three_days_is_linked() -> None:
    d = Known()
    assert _known_event(d, AIR, day("2023-06-09"), "Bombers flew.", [])[0] == ["2023-06-06-air"]  # type: ignore[arg-type]
    assert _known_event(d, AIR, day("2023-06-20"), "Bombers flew.", [])[0] == []  # type: ignore[arg-type]


def test_two_events_that_fit_link_neither_and_say_so() -> None:
    events, why = _known_event(Known(), NAVAL, day("2023-07-29"), "Ships sailed.", [])  # type: ignore[arg-type]
    assert events == [] and "2023-07-naval" in why and "2023-07-other-naval" in why


def test_of_two_that_fit_the_one_the_article_already_links_is_taken() -> None:
    linked = ["2023-07-other-naval"]
    events, why = _known_event(Known(), NAVAL, day("2023-07-29"), "Ships sailed.", linked)  # type: ignore[arg-type]
    assert events == ["2023-07-other-naval"] and "already links" in why


def test_an_answer_is_linked_with_the_patrol_it_answers() -> None:
    both = AIR | {"scramble"}
    sentence = "Japan scrambled fighter jets after the bombers flew."
    events, _ = _known_event(Known(), both, day("2023-06-06"), sentence, [])  # type: ignore[arg-type]
    assert events == ["2023-06-06-air", "2023-06-06-scramble"]


def test_an_event_no_claim_dates_is_placed_by_its_first_report() -> None:
    # reported on 20 September without a date: a sentence of 1 October fits it
    events, _ = _known_event(Known(), NAVAL, day("2024-10-01"), "Ships sailed.", [])  # type: ignore[arg-type]
    assert events == ["2024-10-undated-naval"]
    assert _known_event(Known(), NAVAL, day("2025-01-15"), "Ships sailed.", [])[0] == []  # type: ignore[arg-type]


def test_an_ordinal_links_to_the_event_another_file_counts_so() -> None:
    counted: list[dict[str, object]] = [
        {"event_id": "2023-07-naval", "ordinal": 1, "scope": "overall", "series": "x"},
        {"event_id": "2023-06-06-air", "ordinal": 1, "scope": "overall", "series": "y"},
    ]
    d = Known(counted)
    sentence = "It was the first joint naval patrol of the two navies."
    assert counted_event(d, sentence, NAVAL)[0] == ["2023-07-naval"]  # type: ignore[arg-type]
    # "the first joint patrol" of warships: the kind comes from the sentence's types
    assert counted_event(d, "Warships held the first joint patrol.", NAVAL)[0] == [  # type: ignore[arg-type]
        "2023-07-naval"
    ]
    assert counted_event(d, "The third joint naval patrol began.", NAVAL)[0] == []  # type: ignore[arg-type]


def test_a_submarine_patrol_is_named_so() -> None:
    assert "joint_submarine_patrol" not in event_types("Ten warships sailed on a naval patrol.")
    assert "joint_submarine_patrol" in event_types("Two submarines held a joint submarine patrol.")


def test_a_running_event_is_read_as_announced() -> None:
    # "are running ... on October 14-17" published on the 14th: the days lie ahead
    assert _form("The drills are running in the Sea of Japan on October 14-17.") == "announced"


def test_a_vague_day_is_proposed_commented_out() -> None:
    from sino_russian_patrols.draft.event_dates import VAGUE_DATE

    assert VAGUE_DATE.search("on the morning of the same day")
    assert VAGUE_DATE.search("this year")
    assert not VAGUE_DATE.search("In June this year")  # a month, and a year: a date
    assert not VAGUE_DATE.search("on Tuesday")


@pytest.mark.parametrize(
    ("sentence", "bound"),
    [
        ("The navies concluded the patrol, the fleet said on Tuesday.", "end_only"),
        ("The bombers conducted a joint patrol, the ministry said on Saturday.", "end_only"),
        ("Ten ships entered the Sea of Japan, the ministry said on Friday.", "began_by"),
        ("The warships have begun joint patrols, the fleet said on Tuesday.", "began_by"),
    ],
)
def test_the_day_of_a_report_bounds_what_the_verbs_say(sentence: str, bound: str) -> None:
    from sino_russian_patrols.draft.event_dates import report_form

    assert report_form(sentence) == bound


def test_a_date_phrase_dates_the_event_whose_words_stand_before_it() -> None:
    from sino_russian_patrols.draft.events import _dated_event

    d = SimpleNamespace(event_kind={"p": "joint_naval_patrol", "x": "joint_naval_exercise"}.get)
    sentence = "The warships sailed on patrol on August 7, after the joint drills."
    assert _dated_event(d, ["x", "p"], sentence, ("on August 7", False)) == "p"  # type: ignore[arg-type]
    sentence = "The joint drills ended on August 5, and the warships sailed on patrol."
    assert _dated_event(d, ["p", "x"], sentence, ("on August 5", False)) == "x"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "joint", "edition"),
    [
        ("The two navies began joint naval drills near Zhanjiang.", True, None),
        ("China and Russia held combined exercises on Friday.", True, None),
        ("Both sides stepped up military exercises in recent years.", False, None),
        ("Vostok 2022 strategic military exercises kicked off.", False, "Vostok 2022"),
        ("The Maritime Security Belt 2026 drills opened in Iran.", False,
         "Maritime Security Belt 2026"),
    ],
)  # fmt: skip
def test_an_exercise_of_its_own_is_joint_or_named(
    sentence: str, joint: bool, edition: str | None
) -> None:
    from sino_russian_patrols.draft.events import EDITION, JOINT_DRILLS

    assert bool(JOINT_DRILLS.search(sentence)) is joint
    found = EDITION.search(sentence)
    assert (found.group(1) if found else None) == edition


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("South Korean jets fired warning shots at the aircraft.", "warning_shots"),
        ("The aircraft twice violated South Korean airspace.", "airspace_violation"),
        ("The bombers did not violate any country's airspace.", None),
        ("Seoul lodged a strong protest with Moscow.", "diplomatic_protest"),
        ("Japan relayed its concern through diplomatic channels.", "diplomatic_protest"),
        ("The ministry summoned the Russian ambassador.", "diplomatic_summons"),
        ("The bombers landed at an airfield in China.", "airfield_landing"),
    ],
)
def test_what_a_patrol_brings_about_has_its_words(sentence: str, kind: str | None) -> None:
    found = event_types(sentence) - {"joint_air_patrol"}
    assert found == ({kind} if kind else set())


def test_a_dateline_without_a_year_takes_the_latest_year_the_text_names() -> None:
    from sino_russian_patrols.draft.source import _year_of_dateline

    text = "MOSCOW, August 25. /TASS/. The ships took part in the 2025 drill, as in 2021."
    d = SimpleNamespace(text=text, end=len(text))
    assert _year_of_dateline(d, 8, 25) == dt.date(2025, 8, 25)  # type: ignore[arg-type]
    bare = SimpleNamespace(text="MOSCOW, August 25. The ships sailed.", end=36)
    assert _year_of_dateline(bare, 8, 25) is None  # type: ignore[arg-type]


def test_a_day_that_bounds_only_the_end_places_the_event_in_the_month_before() -> None:
    from sino_russian_patrols import dates
    from sino_russian_patrols.draft.event_dates import _window

    d = SimpleNamespace(published=dt.date(2025, 8, 25))
    day = dates.ResolvedDate(dt.date(2025, 8, 25), dt.date(2025, 8, 25), "day", "stated", "")
    assert _window(d, day, None) == (dt.date(2025, 8, 25), dt.date(2025, 8, 25))  # type: ignore[arg-type]
    assert _window(d, day, "end_only") == (dt.date(2025, 7, 26), dt.date(2025, 8, 25))  # type: ignore[arg-type]
    # no phrase: the fortnight up to the publication, or the three months after it
    assert _window(d, None, None) == (dt.date(2025, 8, 11), dt.date(2025, 8, 25))  # type: ignore[arg-type]
    assert _window(d, None, "announced") == (dt.date(2025, 8, 25), dt.date(2025, 11, 23))  # type: ignore[arg-type]


def test_an_undated_report_a_month_from_a_known_event_is_left_to_the_editor() -> None:
    from helpers import text_drafter
    from sino_russian_patrols.draft.events import _new_events

    text = "Russian and Chinese warships held a joint naval patrol."
    d = text_drafter(text, [])
    d.registries.events = []
    d.known_events = [event("2023-07-naval", "joint_naval_patrol", "2023-07-25", "2023-07-30")]
    d.known_dates, d.new_events, d.reported_on = [], [], {}
    d.published = dt.date(2023, 8, 18)
    near = (dt.date(2023, 8, 4), dt.date(2023, 8, 18))
    made, why = _new_events(d, (0, len(text)), NAVAL, None, near, 1, "", [])
    assert made == [] and "2023-07-naval lies within a month" in why
    far = (dt.date(2023, 10, 4), dt.date(2023, 10, 18))
    made, _ = _new_events(d, (0, len(text)), NAVAL, None, far, 1, "", [])
    assert made == ["2023-08-joint-naval-patrol"]  # named by the publication's month


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("At a recent summit in Washington, NATO issued a statement.", "summit"),
        ("In a report on Arctic security published on Monday, the Pentagon warned.",
         "report_publication"),
        ("Russia and China approved a roadmap on Tuesday.", "agreement"),
        ("It came after a meeting of NATO foreign ministers in Bucharest.",
         "ministerial_meeting"),
        ("Two bombers flew a joint patrol over the sea.", None),
    ],
)  # fmt: skip
def test_the_passing_events_a_report_names_have_their_words(
    sentence: str, kind: str | None
) -> None:
    from sino_russian_patrols.draft.patterns import PASSING_TYPES

    assert event_types(sentence) & PASSING_TYPES == ({kind} if kind else set())


@pytest.mark.parametrize(
    ("sentence", "submarines"),
    [
        (
            "Diesel-electric submarines of the Russian Navy and the Chinese Navy have conducted "
            "a joint patrol in the Asia-Pacific region for the first time.",
            True,
        ),
        ("The Gromky corvette provided support to the first submarine patrol.", True),
        ("The ships held anti-submarine drills before the joint patrol.", False),
        ("Warships of both navies conducted a joint patrol.", False),
    ],
)
def test_submarines_that_patrol_make_a_submarine_patrol(sentence: str, submarines: bool) -> None:
    from sino_russian_patrols.draft.events import SUBMARINE_PATROL

    assert bool(SUBMARINE_PATROL.search(sentence)) is submarines


def test_an_answer_shares_the_days_of_its_patrol_only_where_a_source_dates_it() -> None:
    from types import SimpleNamespace

    from sino_russian_patrols.draft.document import Draft, Item
    from sino_russian_patrols.draft.event_dates import _undated_parents

    def mention(event: str, date: str) -> Item:
        return Item("events", [f"- id: {event}", '  quote: "..."', f"  date: {date}"])

    same_as = '{same_as: %s, note: "during the patrol"}'
    draft = Draft("000_test")
    draft.items = [
        mention("new-patrol", '{quote: "on Monday"}'),  # dated here
        mention("new-scramble", same_as % "new-patrol"),
        mention("known-scramble", same_as % "2023-06-06-air"),  # dated by other sources
        mention("lost-scramble", same_as % "2024-10-undated-naval"),  # dated by none
    ]
    d = SimpleNamespace(draft=draft, known_events=KNOWN)
    _undated_parents(d)  # type: ignore[arg-type]
    dates = [next(line for line in i.lines if "date" in line) for i in draft.items]
    # the patrol other sources date, which this article does not: not the text's word
    assert [line.startswith("  date:") for line in dates] == [True, True, False, False]
    assert dates[2].endswith("only other sources date it")
    assert dates[3].endswith("# unsure: no source dates 2024-10-undated-naval: no days to share")


def test_a_claim_belongs_to_the_event_the_draft_writes_out_for_its_sentence() -> None:
    from helpers import text_drafter
    from sino_russian_patrols.draft.claim_event import claim_event
    from sino_russian_patrols.draft.new_events import NewEvent

    text = "The Air Self-Defense Force scrambled fighter jets."
    d = text_drafter(text, [])
    d.registries.events = []
    d.new_events = [NewEvent("2023-12-japan-scramble", "scramble", "...", None, None, "000")]
    d.event_sentences = [(0, len(text), "2023-12-japan-scramble")]
    d.linked_events = []
    assert claim_event(d, 4, frozenset({"scramble", "intercept"})) == "2023-12-japan-scramble"
    assert claim_event(d, 4, frozenset({"joint_air_patrol"})) is None


class Answering:
    """What `Drafter.answering_countries` reads: the text, the actor mentions, the states."""

    def __init__(self, text: str) -> None:
        from helpers import actor, find_all

        self.text = text
        states = [
            actor("japan", "JPN", "state", "Japan"),
            actor("south-korea", "KOR", "state", "South Korea"),
            actor("china", "CHN", "state", "China"),
        ]
        self.registries = SimpleNamespace(actors=states)
        self.actor_country = {a.id: a.country for a in states}
        self._found = find_all(text, states)

    def actor_mentions(self) -> list[tuple[int, int, str]]:
        return self._found


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("Japan scrambled fighter jets as China's bombers flew by.", ["japan"]),
        (
            "Japan and South Korea both said the bombers entered their zones, prompting "
            "their militaries to rush fighter jets.",
            ["japan", "south-korea"],
        ),
        # two countries named apart: whose jets answered is not said
        ("Japan said South Korea's jets were scrambled.", []),
    ],
)
def test_the_states_a_sentence_names_together_each_answer(text: str, states: list[str]) -> None:
    from sino_russian_patrols.draft.proposals import Drafter

    d = Answering(text)
    assert Drafter.answering_countries(d, 0, len(text)) == states  # type: ignore[arg-type]


SEQ_KINDS = {
    "p": "joint_naval_patrol",
    "x": "joint_naval_exercise",
    "s": "joint_submarine_patrol",
    "j": "scramble",
}


def ordered(sentence: str, events: list[str], linked: list[str]) -> object:
    from sino_russian_patrols.draft.event_dates import _sequence
    from sino_russian_patrols.draft.events import ORDERED_TYPES

    d = SimpleNamespace(event_kind=SEQ_KINDS.get)
    return _sequence(d, events, sentence, linked, ORDERED_TYPES, event_types)  # type: ignore[arg-type]


def test_the_words_after_after_name_the_earlier_event() -> None:
    sentence = "The joint patrol was held right after the joint naval drills of October 14 to 17."
    seq = ordered(sentence, ["p", "x"], [])
    assert (seq.later, seq.earlier) == ("p", "x")  # type: ignore[attr-defined]
    assert sentence[seq.at :].startswith("after")  # type: ignore[attr-defined]
    # "followed by" turns the order round: not read
    assert ordered("The joint drills were followed by a joint patrol.", ["x", "p"], []) is None
    # "after" with no event after it orders nothing
    assert ordered("The joint patrol began after midnight.", ["p"], ["p"]) is None


def test_the_later_event_is_the_one_the_article_links_of_the_kind_its_words_name() -> None:
    # the phrase's days are the exercise's: the patrol is the one the article linked before
    sentence = "The joint patrol was launched after the joint naval drills had concluded."
    seq = ordered(sentence, ["x"], ["x", "s", "p"])
    assert (seq.later, seq.earlier) == ("p", "x")  # type: ignore[attr-defined]
    # no event words before "follows": the article's own event, the first it links
    sentence = "The deployment follows the conclusion of the joint naval drills."
    seq = ordered(sentence, ["x"], ["s", "p", "x"])
    assert (seq.later, seq.earlier) == ("s", "x")  # type: ignore[attr-defined]
    # an answer's words before "after": not ordered
    sentence = "Japan scrambled fighter jets after the joint naval drills."
    assert ordered(sentence, ["x"], ["p"]) is None


def test_a_phrase_dates_the_side_of_after_it_stands_on_with_that_sides_verbs() -> None:
    from sino_russian_patrols.draft.event_dates import Sequence, dated_in_sequence

    sentence = "The joint patrol was launched in early August, after the drills had concluded."
    seq = Sequence("p", "x", sentence.index("after"))
    assert dated_in_sequence(seq, sentence, ("in early August", False), "end_only") == (
        "p",
        "start_only",
    )
    sentence = "The patrol began after the drills, which concluded on August 5."
    seq = Sequence("p", "x", sentence.index("after"))
    assert dated_in_sequence(seq, sentence, ("on August 5", False), None) == ("x", "end_only")
    # the day of a report dates the report of the sentence's own event
    assert dated_in_sequence(seq, sentence, ("on August 5", True), "began_by") == ("p", "began_by")


def test_the_words_after_after_are_quoted_as_a_mention_dated_after_the_earlier() -> None:
    from sino_russian_patrols.draft.event_dates import Sequence, after_clause

    text = "The patrol was launched on Monday, after the drills had concluded."
    d = SimpleNamespace(text=text)
    lines = after_clause(d, 0, len(text), Sequence("p", "x", text.index("after")))  # type: ignore[arg-type]
    assert lines is not None
    assert lines[:2] == ["- id: p", '  quote: "after the drills had concluded."']
    assert lines[2].startswith("  date: {after: x, note: ")
    twice = text + " " + text
    assert after_clause(SimpleNamespace(text=twice), 0, len(text), Sequence("p", "x", 34)) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "form", "bound"),
    [
        ("Submarines of both navies have conducted a joint patrol, the fleet said.", None,
         "end_only"),
        ("The navies have completed joint patrols, the press service reported.", "end_only",
         "end_only"),
        ("Warships have joined forces and entered the Sea of Japan, the fleet said.", None,
         "began_by"),
        ("The vessels have formed a detachment and departed for the Sea of Japan.",
         "start_only", "began_by"),
        ("The two navies held joint drills in the Sea of Japan.", None, None),
        ("The navies will have completed the drills by Friday.", "announced", None),
    ],
)  # fmt: skip
def test_the_dateline_bounds_what_the_lead_says_is_over_or_under_way(
    sentence: str, form: str | None, bound: str | None
) -> None:
    from sino_russian_patrols.draft.event_dates import dateline_form

    assert dateline_form(sentence, form) == bound


def test_a_report_before_the_events_own_later_day_bounds_its_start() -> None:
    from sino_russian_patrols.draft.event_dates import under_way_at_report

    said = ["- id: p", '  quote: "..."', '  date: {quote: "said on Tuesday", end_only: true}']
    under_way_at_report(
        {"p": [(said, dt.date(2023, 6, 6), False)]},
        {"p": [(dt.date(2023, 6, 7), None)]},  # Japan saw the bombers again on Wednesday
    )
    assert said[2] == '  date: {quote: "said on Tuesday", began_by: true}'
    # the event's own day is the report's: the report's end bound adds nothing to it
    same = ["- id: p", '  quote: "..."', '  date: {quote: "said on Tuesday", end_only: true}']
    under_way_at_report(
        {"p": [(same, dt.date(2023, 6, 6), False)]}, {"p": [(dt.date(2023, 6, 6), None)]}
    )
    assert same[2] == (
        '  # date: {quote: "said on Tuesday", end_only: true}   # unsure: the article dates '
        "the event itself elsewhere"
    )
    # a start of its own (departed on August 7) leaves the report's end standing
    left = ["- id: p", '  quote: "..."', '  date: {quote: "said on Tuesday", end_only: true}']
    under_way_at_report(
        {"p": [(left, dt.date(2023, 6, 6), False)]}, {"p": [(dt.date(2023, 6, 1), "start_only")]}
    )
    assert left[2].startswith("  date:")


def test_the_dateline_gives_way_to_an_earlier_end_the_article_gives() -> None:
    from sino_russian_patrols.draft.event_dates import under_way_at_report

    def claim(quote: str) -> list[str]:
        return ["- id: p", '  quote: "..."', f'  date: {{quote: "{quote}", end_only: true}}']

    lead, said = claim("Tokyo, Dec. 10"), claim("said Tuesday")
    reports = [(lead, dt.date(2025, 12, 10), True), (said, dt.date(2025, 12, 9), False)]
    under_way_at_report({"p": reports}, {})
    assert lead[2].startswith("  # date:") and said[2].startswith("  date:")
    # beside a start the article gives (departed on August 7), the dateline's end stays
    alone = claim("MOSCOW, August 25")
    under_way_at_report(
        {"p": [(alone, dt.date(2025, 8, 25), True)]}, {"p": [(dt.date(2025, 8, 7), "start_only")]}
    )
    assert alone[2].startswith("  date:")


def test_a_range_of_days_is_the_events_days_whatever_its_verb() -> None:
    from sino_russian_patrols import dates
    from sino_russian_patrols.draft.event_dates import range_form

    days = dates.ResolvedDate(dt.date(2021, 10, 14), dt.date(2021, 10, 17), "day", "stated", "")
    one = dates.ResolvedDate(dt.date(2021, 10, 17), dt.date(2021, 10, 17), "day", "stated", "")
    assert range_form(days, "end_only") is None
    assert range_form(one, "end_only") == "end_only"
    assert range_form(days, "announced") == "announced"


@pytest.mark.parametrize(
    ("kind", "sentence", "form"),
    [
        ("joint_naval_patrol", "The fleet entered the South China Sea on Sunday.", "began_by"),
        ("joint_naval_patrol", "Ten ships passed through the Soya Strait on Friday.", "began_by"),
        ("joint_naval_patrol", "The navies conducted the first joint patrol on Saturday.", None),
        ("joint_air_patrol", "Two bombers entered the KADIZ on Tuesday.", None),
    ],
)
def test_a_day_of_a_stage_of_a_ships_patrol_bounds_its_start(
    kind: str, sentence: str, form: str | None
) -> None:
    from sino_russian_patrols.draft.event_dates import stage_form

    assert stage_form(kind, sentence, None) == form


def test_a_report_day_after_the_speakers_name_and_a_dateline_in_capitals() -> None:
    from sino_russian_patrols.draft.patterns import DATELINE_PLACE

    assert REPORTED_ON.search(
        "according to a written statement released by the Chinese Ministry of National Defense "
    )
    assert REPORTED_ON.search("said a spokesperson for the Ministry of National Defense ")
    assert not REPORTED_ON.search("said two bombers flew over the Sea of Japan and then turned ")
    assert DATELINE_PLACE.fullmatch("ABOARD DESTROYER YINCHUAN, ")
    assert not DATELINE_PLACE.fullmatch("The navies sailed, ")


def test_an_answer_shares_no_days_of_a_patrol_the_article_bounds_only_by_its_start() -> None:
    from sino_russian_patrols.draft.document import Draft, Item
    from sino_russian_patrols.draft.event_dates import _undated_parents

    draft = Draft("000_test")
    draft.items = [
        Item(
            "events",
            ["- id: 2023-06-06-air", '  date: {quote: "said on the 27th", began_by: true}'],
        ),
        Item("events", ["- id: s", '  date: {same_as: 2023-06-06-air, note: "during it"}']),
    ]
    _undated_parents(SimpleNamespace(draft=draft, known_events=KNOWN))  # type: ignore[arg-type]
    assert draft.items[1].lines[1].startswith("  # date: {same_as: 2023-06-06-air")


def test_a_count_links_only_an_event_near_the_days_the_sentence_reports() -> None:
    counted = [
        {"event_id": "2023-07-naval", "ordinal": 5, "scope": "overall"},
    ]
    d = Known(counted)
    sentence = "The navies will conduct their fifth joint naval patrol."
    assert counted_event(d, sentence, NAVAL)[0] == ["2023-07-naval"]  # type: ignore[arg-type]
    a_year_later = (dt.date(2024, 7, 1), dt.date(2024, 9, 30))
    assert counted_event(d, sentence, NAVAL, a_year_later)[0] == []  # type: ignore[arg-type]
    # unless the sentence names the event's year
    named = "Their fifth joint naval patrol was conducted in 2023."
    assert counted_event(d, named, NAVAL, a_year_later)[0] == ["2023-07-naval"]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        (
            "Two bombers flew a joint patrol, the Pacific Fleet said in a statement.",
            "Two bombers flew a joint patrol",
        ),
        (
            "The ministry said on Tuesday that two bombers flew a joint patrol.",
            "two bombers flew a joint patrol",
        ),
        (
            "According to the ministry, two bombers flew a joint patrol.",
            "two bombers flew a joint patrol",
        ),
        (
            "TOKYO (Jiji Press) — Earlier this month, two bombers flew a joint patrol.",
            "two bombers flew a joint patrol",
        ),
        ("South Korea says two bombers flew a joint patrol.", "two bombers flew a joint patrol"),
        # datelines the publication date did not come from
        (
            "BEIJING, July 12 (Xinhua) -- Two bombers flew a joint patrol.",
            "Two bombers flew a joint patrol",
        ),
        ("MOSCOW - Two bombers flew a joint patrol.", "Two bombers flew a joint patrol"),
        # the words of a quotation, without its marks and who said them; an abbreviation
        # keeps its full stop
        ('"The joint patrol was held," the ministry said.', "The joint patrol was held"),
        (
            "The bombers flew a joint patrol near the U.S.",
            "The bombers flew a joint patrol near the U.S.",
        ),
    ],
)
def test_a_mention_quotes_the_sentence_without_who_reported_it(sentence: str, quote: str) -> None:
    from sino_russian_patrols.draft.mention_lines import mention_quote

    d = SimpleNamespace(text=sentence)
    assert mention_quote(d, 0, len(sentence)) == quote  # type: ignore[arg-type]


def test_a_mention_quote_that_is_not_unique_is_the_whole_sentence() -> None:
    from sino_russian_patrols.draft.mention_lines import mention_quote

    text = "Two bombers flew a joint patrol. Two bombers flew a joint patrol, Japan said."
    d = SimpleNamespace(text=text)
    second = text.index("Two bombers", 5)
    assert mention_quote(d, second, len(text)) == text[second:]  # type: ignore[arg-type]


def test_one_day_on_which_a_ships_patrol_was_held_bounds_its_end() -> None:
    from sino_russian_patrols import dates
    from sino_russian_patrols.draft.event_dates import stage_form

    anchor = dates.Anchor(dt.date(2021, 10, 23), 2021, "stated", "stated", "day", "stated")
    saturday = dates.resolve("on Saturday", anchor)
    days = dates.resolve("from October 17 to 23", anchor)
    sentence = "Russian and Chinese warships on Saturday conducted the first joint patrol."
    assert stage_form("joint_naval_patrol", sentence, None, saturday) == "end_only"
    assert stage_form("joint_naval_patrol", sentence, None, days) is None  # the whole patrol
    assert stage_form("joint_air_patrol", sentence, None, saturday) is None  # a day's flight


def test_a_joint_patrol_of_border_guards_is_no_military_patrol() -> None:
    from sino_russian_patrols.draft.events import sentence_types

    text = (
        "Bombers flew a joint air patrol. "
        "Last month, Russian and Chinese border guards held their first joint patrol."
    )
    d = SimpleNamespace(text=text, end=len(text))
    second = text.index("Last month")
    assert "joint_air_patrol" in sentence_types(d, 0, second - 1)  # type: ignore[arg-type]
    assert not sentence_types(d, second, len(text)) & {"joint_air_patrol", "joint_naval_patrol"}  # type: ignore[arg-type]


def test_an_adjective_between_joint_and_patrol_is_no_pair_of_parties() -> None:
    from sino_russian_patrols.draft.patterns import GENERIC_PATROL

    assert GENERIC_PATROL.search("They held a joint long-range patrol.") is None
    assert GENERIC_PATROL.search("They held a joint Russian-Chinese patrol.") is not None


def test_a_sentence_after_a_stated_date_and_a_dateline_is_read_after_both() -> None:
    from sino_russian_patrols.draft.events import _DATELINE_HEAD

    text = "BEIJING, July 12 (Xinhua) -- Chinese and Russian forces started a joint exercise."
    assert text[_DATELINE_HEAD.match(text).end() :].startswith("Chinese")  # type: ignore[union-attr]
    # a sentence that opens with words in capitals is no dateline without its dash
    assert _DATELINE_HEAD.match("NATO said the drills began.") is None


def test_a_stated_date_at_the_head_of_an_indented_line_is_skipped_where_it_stands() -> None:
    from helpers import text_drafter
    from sino_russian_patrols.draft.source import published_date

    # the line's weekday is another day's: the line as a whole states no date
    text = " date 2024-07-26 MOSCOW - Russia and China flew a joint patrol on Wednesday."
    d = text_drafter(text, [])
    d.article = SimpleNamespace(archive=SimpleNamespace(page_date=None, url=None))
    assert published_date(d) == ["published_date:", '  quote: "2024-07-26"']
    assert [text[a:b] for a, b in d.skip] == ["2024-07-26"]


def test_a_yearless_dateline_takes_the_one_year_its_report_day_falls_on_that_weekday() -> None:
    from helpers import text_drafter
    from sino_russian_patrols.draft.source import published_date

    text = (
        "VLADIVOSTOK, October 4. /TASS/. The navies wrapped up their joint patrol, the "
        "ministry reported on Tuesday.\n"
    )
    d = text_drafter(text, [])
    d.article = SimpleNamespace(archive=SimpleNamespace(page_date=None, url=None))
    d.known_events = [
        {"event_id": "a", "start_date": dt.date(2019, 7, 23), "end_date": dt.date(2019, 7, 23)},
        {"event_id": "b", "start_date": dt.date(2025, 8, 1), "end_date": dt.date(2025, 8, 5)},
    ]
    d.yearless_dateline = None
    lines = published_date(d)
    # 4 October was a Tuesday in 2022 alone of 2019-2026
    assert lines[1:3] == ["  value: 2022-10-04", "  basis: inferred"]
    assert "October 4 is the Tuesday the lead reports on" in lines[3]
    # a weekday that fits several years gives none: 4 October was a Sunday in 2020 and 2026
    known = d.known_events
    d = text_drafter(text.replace("Tuesday", "Sunday"), [])
    d.article = SimpleNamespace(archive=SimpleNamespace(page_date=None, url=None))
    d.known_events, d.yearless_dateline = known, None
    assert published_date(d)[0].startswith("# published_date: nothing gives it")


def test_a_country_before_a_possessive_and_a_name_is_no_place() -> None:
    from sino_russian_patrols.draft.mention_lines import _a_place_here

    text = "They patrolled in the Pacific Ocean, Russia’s Defense Ministry said, and in Russia."
    d = SimpleNamespace(
        text=text, registries=SimpleNamespace(places=[SimpleNamespace(id="russia", type="country")])
    )
    first, last = text.index("Russia"), text.rindex("Russia")
    assert not _a_place_here(d, first, first + 6, "russia")  # type: ignore[arg-type]
    assert _a_place_here(d, last, last + 6, "russia")  # type: ignore[arg-type]
