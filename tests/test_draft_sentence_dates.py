"""The date claims of a sentence with two date phrases (draft/sentence_dates.py), on small
texts the tests write: which phrase dates the event, with what form, and the other claim."""

from __future__ import annotations

import datetime as dt
from typing import Any

from helpers import text_drafter
from sino_russian_patrols import dates
from sino_russian_patrols.draft.sentence_dates import SentenceDates, sentence_dates

# Friday 12 July 2024
PUBLISHED = dt.date(2024, 7, 12)


def drafter(text: str) -> Any:
    d = text_drafter(text, [])
    d.published = PUBLISHED
    d.anchor = dates.Anchor(PUBLISHED, 2024, "stated", "stated", "day", "stated")
    return d


def claims(text: str, sentence: str | None = None) -> SentenceDates:
    d = drafter(text)
    lo = text.index(sentence) if sentence else 0
    return sentence_dates(d, lo, lo + len(sentence or text))


def test_the_events_own_day_dates_it_and_the_report_day_the_whole_sentence() -> None:
    text = (
        "The navies started a joint exercise near Zhanjiang in early July, "
        "said a spokesperson for the ministry on Friday."
    )
    found = claims(text)
    assert found.dated == ("in early July", False) and found.form == "start_only"
    assert found.other is not None
    assert found.other.dated == ("said a spokesperson for the ministry on Friday", True)
    assert (found.other.lo, found.other.hi, found.other.form) == (0, len(text), "began_by")


def test_an_announced_event_is_dated_by_its_own_phrase_not_the_day_it_was_announced() -> None:
    text = "The navy will dispatch ships in September to join the drills, the ministry said Monday."
    found = claims(text)
    assert found.dated == ("in September", False) and found.form == "announced"
    assert found.other is None


def test_an_own_day_later_than_the_report_day_is_left_to_the_editor() -> None:
    # Friday 12 July: "through Thursday" read from the publication is the 11th, after the
    # report of Wednesday the 10th: the text counts it from the report
    text = "The ships joined the drills held through Thursday, the office said Wednesday."
    found = claims(text)
    assert found.dated == ("said Wednesday", True)
    assert found.unsure is not None and "'Thursday'" in found.unsure and found.other is None


def test_a_vague_year_gives_way_to_the_month_beside_it() -> None:
    found = claims("In June this year, the bombers flew near Japan for two days in a row.")
    assert found.dated == ("In June", False)


def test_each_clause_with_a_day_of_its_own_dates_the_event() -> None:
    text = (
        "The navies recently conducted their fourth joint patrol in the Pacific, "
        "and entered the South China Sea on Sunday."
    )
    found = claims(text)
    assert found.dated == ("on Sunday", False)
    assert found.other is not None and found.other.dated == ("recently", False)
    clause = text[found.other.lo : found.other.hi]
    assert clause == "The navies recently conducted their fourth joint patrol in the Pacific"
    assert found.other.form is None


def test_a_pronouns_report_takes_the_day_of_the_report_before_it() -> None:
    sentence = "The government has expressed its concern to Beijing, he noted."
    text = f"'It is coercion,' Kihara told a press conference Wednesday. {sentence}"
    assert claims(text, sentence).dated == ("told a press conference Wednesday", True)
    # a speaker named again gives the sentence no day of the sentence before
    other = "The government has expressed its concern to Beijing, the minister noted."
    text = f"'It is coercion,' Kihara told a press conference Wednesday. {other}"
    assert claims(text, other).dated is None


def test_recently_is_asserted_as_no_later_than_the_publication() -> None:
    from sino_russian_patrols.draft.event_dates import _date_unsure

    d = drafter("The navies recently conducted a patrol.")
    assert _date_unsure(d, ("recently", False), None) is None
    assert dates.resolve("recently", d.anchor).end == PUBLISHED
    # "before" wants the event it is before; a bound form wants its verb
    assert _date_unsure(d, ("before", False), None) is not None
    assert _date_unsure(d, ("recently", False), "began_by") is not None


def test_a_day_converted_to_greenwich_time_dates_nothing() -> None:
    from sino_russian_patrols.draft.event_dates import date_quote

    text = "A plane violated the airspace just after 9 a.m. (midnight GMT Thursday)."
    assert date_quote(drafter(text), 0, len(text)) is None
    text = "A plane violated the airspace on Friday (midnight GMT Thursday)."
    assert date_quote(drafter(text), 0, len(text)) == ("on Friday", False)


def test_a_day_within_the_days_the_article_gives_the_event_is_a_day_it_was_under_way() -> None:
    from sino_russian_patrols.draft.document import Item
    from sino_russian_patrols.draft.event_dates import days_within_a_span

    d = drafter("...")  # Friday 12 July 2024
    d.draft.items = [
        Item("events", ["- id: p", '  date: {quote: "for the second straight day on Thursday"}']),
        Item("events", ["- id: p", '  date: {quote: "Thursday afternoon"}']),
        Item("events", ["- id: p", '  date: {quote: "on Monday"}']),  # outside the two days
        Item("events", ["- id: q", '  date: {quote: "Wednesday"}']),  # another event
    ]
    days_within_a_span(d)
    dates_ = [item.lines[1] for item in d.draft.items]
    assert dates_ == [
        '  date: {quote: "for the second straight day on Thursday"}',
        '  date: {quote: "Thursday afternoon", began_by: true}',
        '  date: {quote: "on Monday"}',
        '  date: {quote: "Wednesday"}',
    ]


def test_a_sentence_whose_subject_is_the_event_before_dates_it() -> None:
    from sino_russian_patrols.draft.sentence_dates import the_event_before

    first = "China and Russia have executed their first joint bomber patrol near Alaska."
    second = "This unprecedented move, which took place on Wednesday, drew attention."
    text = f"{first} {second}"
    d = drafter(text)
    d.registries.events, d.new_events = [], []
    d.event_sentences = [(0, len(first), "2024-07-10-air")]
    lo = len(first) + 1
    item = the_event_before(d, lo, len(text))
    assert item is not None and item.lines[0] == "- id: 2024-07-10-air"
    assert item.lines[2] == '  date: {quote: "on Wednesday"}'
    # a sentence about something else, though it gives a day
    other = f"{first} The minister spoke on Wednesday about the flights."
    d = drafter(other)
    d.event_sentences = [(0, len(first), "2024-07-10-air")]
    assert the_event_before(d, lo, len(other)) is None


def test_a_day_the_event_lasts_until_bounds_its_end() -> None:
    from sino_russian_patrols.draft.mention_lines import mention_lines

    text = "The drills will be held in the east, and will last until July 20, the army said."
    found = claims(text)
    assert found.dated == ("July 20", False) and found.form == "announced_end"
    d = drafter(text)
    d.registries.events, d.new_events = [], []
    lines = mention_lines(d, "x", text, found.dated, found.form, 0, len(text))
    assert lines[2] == '  date: {quote: "July 20", end_only: true, announced: true}'
    found = claims("The navies held the drills until Tuesday.")
    assert found.dated == ("Tuesday", False) and found.form == "end_only"


def test_recent_is_no_day_of_a_report() -> None:
    from sino_russian_patrols.draft.event_dates import date_quote

    text = "Nato countries issued a joint statement at the end of a recent summit in Washington."
    assert date_quote(drafter(text), 0, len(text)) == ("recent", False)


def test_a_ranges_from_and_a_weekdays_part_of_the_day_are_quoted_with_the_phrase() -> None:
    from sino_russian_patrols.draft.event_dates import date_quote

    for text, quote in [
        ("The drills were held from July 1 to 5 in the Sea of Japan.", "from July 1 to 5"),
        ("The drills ran from July 1 through 5.", "from July 1 through 5"),
        ("The fleet sailed on Wednesday morning toward the strait.", "on Wednesday morning"),
        # "from" before a single day is no range's: it stays out
        ("The ships sailed from July 1 on.", "July 1"),
    ]:
        assert date_quote(drafter(text), 0, len(text)) == (quote, False)


def test_a_phrase_the_text_repeats_is_quoted_with_the_words_before_it() -> None:
    from sino_russian_patrols.draft.event_dates import date_quote

    text = (
        "Ships sailed on Tuesday. Jets entered South Korean airspace on Tuesday, officials said. "
        "He met the Security Council of Russia on Tuesday to protest."
    )
    second = text.index("Jets")
    assert date_quote(drafter(text), second, text.index(" He")) == ("airspace on Tuesday", False)
    # a name is quoted in full
    third = text.index("He met")
    assert date_quote(drafter(text), third, len(text)) == (
        "Security Council of Russia on Tuesday",
        False,
    )
