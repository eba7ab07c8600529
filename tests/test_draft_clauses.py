"""The clause of a sentence an event mention quotes (draft/clauses.py), on small sentences:
where a sentence opens another clause, which clause holds the event's words, and what is
left out of it (a leading adverbial, who reported it, a closing date phrase)."""

from __future__ import annotations

import re

from sino_russian_patrols.draft.clauses import (
    clause_bounds,
    event_clause,
    ordered_clauses,
    verb_before,
)


def quoted(sentence: str, words: str | None = None, **kw: bool) -> str:
    """The clause event_clause picks for the event whose words are `words` (a pattern)."""
    anchors = [m.span() for m in re.finditer(words, sentence)] if words else []
    a, b = event_clause(sentence, anchors, **kw)
    return sentence[a:b]


def test_a_leading_adverbial_is_left_out():
    s = "In a bold display of cooperation, China and Russia have executed a joint bomber patrol"
    assert quoted(s, "bomber") == "China and Russia have executed a joint bomber patrol"
    assert quoted("In response, ASDF fighters were scrambled", "scrambl") == (
        "ASDF fighters were scrambled"
    )
    assert quoted("Furthermore, the navy will join the drills", "drills") == (
        "the navy will join the drills"
    )
    assert quoted("According to the JCS, on the morning of the same day, ten jets entered") == (
        "ten jets entered"
    )


def test_a_leading_phrase_holding_the_event_words_stays():
    s = "At a recent summit in Washington, NATO countries issued a joint statement"
    assert quoted(s, "summit") == s
    # an event named in passing is quoted by the leading phrase that names it
    s = "In a report published on Monday, the Pentagon predicted closer ties"
    assert quoted(s, "report", passing=True) == "In a report published on Monday"
    assert quoted(s, "report") == s


def test_a_dateline_is_left_out():
    s = "ABOARD DESTROYER YINCHUAN, July 15, (Xinhua/GNA) — The navies conducted a joint patrol"
    assert quoted(s, "patrol") == "The navies conducted a joint patrol"


def test_who_reported_it_is_left_out():
    s = "the Joint Chiefs of Staff said on the 27th that ten aircraft entered the KADIZ"
    assert quoted(s, "KADIZ") == "ten aircraft entered the KADIZ"
    s = "The JCS disputed it, saying Chinese aircraft had entered the KADIZ"
    assert quoted(s, "KADIZ") == "Chinese aircraft had entered the KADIZ"
    s = "Japan is vigilant, believing that the ships have shifted to joint sailing"
    assert quoted(s, "sailing") == "the ships have shifted to joint sailing"
    s = "The office explained that it saw the aircraft and that it deployed fighter jets"
    assert quoted(s, "deployed") == "it deployed fighter jets"


def test_a_participle_after_a_comma_opens_a_clause():
    s = "Bombers flew a joint patrol over the sea, prompting Seoul to scramble fighter jets"
    assert quoted(s, "scrambl") == "prompting Seoul to scramble fighter jets"
    assert quoted(s, "patrol") == "Bombers flew a joint patrol over the sea"
    # "during", "including": prepositions, not participles
    s = "Ships sailed together, including destroyers, during the patrol"
    assert clause_bounds(s) == [(0, len(s))]


def test_each_event_of_a_clause_after_after_has_its_own_clause():
    s = "Japan scrambled fighter jets after Chinese and Russian bombers conducted joint flights"
    assert quoted(s, "scrambl") == "Japan scrambled fighter jets"
    assert quoted(s, "bombers") == "Chinese and Russian bombers conducted joint flights"
    # where the sentence orders two events it links, "after" stays
    s = "The patrol was held after China and Russia wrapped up a joint naval exercise"
    assert quoted(s, "patrol", after=False) == s


def test_the_words_that_open_another_clause():
    # (the clause, the words that follow it in the sentence)
    for clause, rest in (
        ("NORAD intercepted the bombers", " but noted they stayed away"),
        ("Bombers flew a patrol near Japan", " in a show of growing ties"),
        ("Bombers flew near Japan", " in what Tokyo sees as a threat"),
        ("Warplanes hovered over the ocean", " amid tension with the West"),
        ("NATO issued a statement", " accusing China of help"),
        ("An aircraft violated airspace over Dokdo", " - an island claimed by Japan"),
        ("Bombers flew near Japan", ", the minister said, in an apparent provocation"),
        ("The ships passed the strait", ", which lies north"),
        ("Air forces conducted a joint air patrol", " #RussianArmy #China"),
        ("The navies conducted a joint patrol", ", and entered the South China Sea"),
        ('"Warships have begun their joint patrol', '," the press service said'),
        ('"Tugs supported the first submarine patrol', '," the statement notes'),
        ("The first joint patrol took place in 2021", " and has been conducted annually since"),
        ("Vostok 2022 will be held in the east", ", and will last until September 7"),
        ("The minister announced the exercise", ", followed by remarks of the commanders"),
        (
            "The navies will hold a joint exercise",
            ", said Zhang Xiaogang, spokesperson for the MND",
        ),
    ):
        assert quoted(clause + rest, "^.") == clause.lstrip('"')


def test_a_date_closing_a_cut_clause_is_left_out():
    s = "Russian and Chinese bombers flew a joint patrol near Japan on Tuesday in a show of ties"
    assert quoted(s, "bombers") == "Russian and Chinese bombers flew a joint patrol near Japan"
    s = "Two bombers entered the KADIZ together early on Tuesday"
    assert quoted(s, "bombers", more=True) == "Two bombers entered the KADIZ together"
    s = "Ships arrived at the bay on October 13"
    assert quoted(s, "Ships", more=True) == "Ships arrived at the bay"
    s = "The bombers reached the Pacific Ocean around Wednesday afternoon"
    assert quoted(s, "bombers", more=True) == "The bombers reached the Pacific Ocean"


def test_a_count_closing_the_clause_is_left_to_the_sequence_claim():
    s = "The warships passed through the Tsugaru Strait for the first time"
    assert quoted(s, "warships") == "The warships passed through the Tsugaru Strait"
    s = "Submarines conducted a joint patrol for the first time in history"
    assert quoted(s, "patrol") == s


def test_a_dash_within_a_name_opens_no_clause():
    s = "Ships departed for the Beibu/Interaction - 2024 naval drills"
    assert clause_bounds(s) == [(0, len(s))]


def test_a_date_that_ends_the_sentence_or_a_range_stays():
    s = "Vostok 2022 exercises kicked off in Russia on August 31"
    assert quoted(s, "exercises") == s
    s = "Ten vessels passed through the strait from Friday to Saturday"
    assert quoted(s, "vessels", more=True) == s
    # a relative clause closed by a comma is an aside within the clause
    s = "The exercises, which were held from July 20 through 23, ended in the Sea of Japan"
    assert quoted(s, "exercises") == s
    s = "China and Russia wrapped up an exercise from October 14 to 17"
    assert quoted(s, "exercise", more=True) == s
    # a date inside the clause stays
    s = "Chinese and Russian warplanes on November 30 hovered over the Pacific Ocean amid tension"
    assert quoted(s, "warplanes") == s.removesuffix(" amid tension")


def test_the_verb_a_count_is_the_object_of():
    for text, verb in (
        ("China and Russia have executed their first joint patrol", "have executed "),
        ("The navies recently conducted their fourth joint patrol", "recently conducted "),
        ("The fleets will conduct their fifth joint patrol", "will conduct "),
        ("Moscow and Beijing wrapped up their fourth joint patrol", "wrapped up "),
    ):
        at = text.index("their")
        assert text[verb_before(text, 0, at) : at] == verb
    # no verb right before it, or a participle that names it: the count alone
    for text in ("The goal of the fifth joint patrol", "The drills dubbed the fifth joint patrol"):
        at = text.index("the fifth")
        assert verb_before(text, 0, at) == at


def test_a_quotation_mark_opening_a_quotation_that_closes_after_the_clause_is_left_out():
    assert quoted('"Ships have completed their joint patrol', "patrol") == (
        "Ships have completed their joint patrol"
    )
    s = '"Joint Sea" drills began in the Sea of Japan'
    assert quoted(s, "drills") == s


def ordered(sentence: str, marker: str, earlier: str) -> tuple[str, str]:
    """The later and the earlier event's words of a sentence that orders them."""
    at = sentence.index(marker)
    end = sentence.index(earlier, at) + len(earlier)
    later, first = ordered_clauses(sentence, (at, at + len(marker)), end)
    return sentence[later[0] : later[1]], sentence[first[0] : first[1]]


def test_a_sentence_that_orders_two_events_quotes_each_by_its_part():
    s = "The patrol was conducted after a joint exercise by the navies, which ended on Aug. 5"
    assert ordered(s, "after", "exercise") == (
        "The patrol was conducted after a joint exercise",
        "a joint exercise by the navies, which ended on Aug. 5",
    )
    s = "The deployment follows the conclusion of the Interaction-2025 exercises held in August"
    assert ordered(s, "follows", "exercises") == (
        "The deployment follows the conclusion of the Interaction-2025 exercises",
        "the Interaction-2025 exercises held in August",
    )
    s = "Ships departed on August 7, having first participated in the naval drill"
    assert ordered(s, "having first participated", "drill") == (
        "Ships departed on August 7",
        "having first participated in the naval drill",
    )
    # a comma sets the later event's own clause off
    s = "The joint patrol was launched in early August, after the drills had concluded"
    assert ordered(s, "after", "drills") == (
        "The joint patrol was launched in early August",
        "the drills had concluded",
    )
