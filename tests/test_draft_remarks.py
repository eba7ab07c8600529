"""The remarks proposer on small texts it writes: sentences, speech tags, the speaker each rule
reads, the span of a paraphrase, and what the curated files confirm (a rule is asserted when
the corpus confirms it, else commented out with its measure)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import actor, fields_of, text_drafter
from sino_russian_patrols.draft.corpus import Corpus
from sino_russian_patrols.draft.patterns import (
    ACCORDING_TO,
    REPORTED_BY,
    SPEECH_TAG_AFTER,
    SPEECH_TAG_BEFORE,
    SPEECH_VERBS,
    sentences,
    speech_tags,
)
from sino_russian_patrols.draft.remarks import Reader, propose

ACTORS = [
    actor("russia", "RUS", "state", "Russia", "Moscow"),
    actor("china", "CHN", "state", "China", "Beijing"),
    actor("japan", "JPN", "state", "Japan", "Tokyo"),
    actor("japan-mod", "JPN", "government_body", "Defense Ministry", "Japanese Defense Ministry"),
    actor("russian-mod", "RUS", "government_body", "Russian Ministry of Defence"),
    actor("china-mod", "CHN", "government_body", "Chinese Ministry of National Defense"),
    actor("fleet", "RUS", "military", "Pacific Fleet", "Russian Pacific Fleet"),
    actor("peskov", "RUS", "person", "Dmitry Peskov", "Peskov"),
    actor("norad", None, "military", "North American Aerospace Defense Command", "NORAD"),
]
# every rule the proposer has, confirmed: what each reads is asserted
ALL_CONFIRMED = Corpus(
    SPEECH_VERBS,
    {
        rule: (10, 10)
        for rule in (
            "named", "both", "voice of", "country's body", "same body", "voice", "pronoun",
            "subject", "continues", "no tag", "a name",
        )
    },
)  # fmt: skip


def remarks(text: str) -> list[tuple[str | None, str, str, str]]:
    """(speaker, type, span, rule) of each remark the proposer reads in `text`."""
    d = text_drafter(text, ACTORS)
    return [
        (r.speaker.actor, r.kind, text[r.start : r.end], r.speaker.rule) for r in Reader(d).read()
    ]


def statements(text: str, corpus: Corpus = ALL_CONFIRMED) -> list[tuple[str, str, str, str | None]]:
    """(speaker, type, quote, why unsure) of each statement the proposer writes, with every
    actor of the text asserted as a mention."""
    from sino_russian_patrols.draft import actors

    d = text_drafter(text, ACTORS)
    actors.propose(d)
    propose(d, None, corpus)
    out = []
    for item in d.draft.items:
        if item.section != "statements":
            continue
        fields = fields_of(item)
        out.append((fields["speaker"], fields["type"], fields["quote"].strip('"'), item.unsure))
    return out


def test_sentences_are_not_cut_after_an_abbreviation_or_an_initial() -> None:
    text = "The U.S. Air Force said so on Dec. 9. Gen. J. Smith agreed! Next line\nNew para."
    assert [text[a:b] for a, b in sentences(text, 0, len(text))] == [
        "The U.S. Air Force said so on Dec. 9.",
        "Gen. J. Smith agreed!",
        "Next line",
        "New para.",
    ]


@pytest.mark.parametrize(
    ("pattern", "text", "who"),
    [
        (SPEECH_TAG_BEFORE, "The ships sailed east, the ministry said.", "the ministry"),
        (
            SPEECH_TAG_BEFORE,
            "Russia’s Pacific Fleet also reported on Tuesday",
            "Russia’s Pacific Fleet",
        ),
        (SPEECH_TAG_AFTER, "It was routine, said Dmitry Peskov on Monday.", "Dmitry Peskov"),
        (
            ACCORDING_TO,
            "Ten ships sailed, according to the U.S. Naval Institute.",
            "the U.S. Naval Institute",
        ),
        (
            REPORTED_BY,
            "This was reported by the Ministry of Defense of China.",
            "the Ministry of Defense of China",
        ),
    ],
)
def test_each_speech_tag_reads_its_subject(pattern: re.Pattern[str], text: str, who: str) -> None:
    m = pattern.search(text)
    assert m is not None and m.group("who") == who


def test_a_learned_verb_makes_a_tag_and_a_clause_after_a_conjunction_has_its_subject() -> None:
    before, _ = speech_tags((*SPEECH_VERBS, "read"))
    m = before.search('"The ships sailed," the statement read.')
    assert m is not None and m.group("who") == "the statement"
    m = before.search(
        "The flight of the four bombers came right after China's ministry said that it ended."
    )
    assert m is not None and m.group("who") == "China's ministry"
    # a participle with "by" is no speech tag ("the statement issued by ...")
    assert before.search("the statement issued by the ministry") is None


def test_a_named_subject_gives_a_paraphrase_of_the_whole_sentence() -> None:
    text = "Two bombers flew over the sea, the Russian Ministry of Defence said."
    assert statements(text) == [("russian-mod", "paraphrase", text, None)]


def test_the_writers_clauses_around_a_subject_first_remark_are_left_out() -> None:
    text = (
        "In a report published on Monday, the Russian Ministry of Defence predicted that the "
        "patrols would increase, potentially altering the balance in the region."
    )
    [(speaker, kind, span, rule)] = remarks(text)
    assert (speaker, kind, rule) == ("russian-mod", "paraphrase", "named")
    assert span == ("the Russian Ministry of Defence predicted that the patrols would increase")


def test_a_dateline_is_no_part_of_the_first_remark() -> None:
    text = "BEIJING, July 26 -- The navies will sail soon, the Russian Ministry of Defence said."
    [(_, _, span, _)] = remarks(text)
    assert span == "The navies will sail soon, the Russian Ministry of Defence said."
    # two places and a spaced hyphen; the day after the verb and a clause of the writer's
    text = (
        "TOKYO/MOSCOW (Reuters) - The navies will sail soon, the Russian Ministry of Defence "
        "said late Tuesday, amid rising tensions between Tokyo and Beijing."
    )
    [(_, _, span, _)] = remarks(text)
    assert span == "The navies will sail soon, the Russian Ministry of Defence said late Tuesday"
    text = "Tokyo, Dec. 10 (Jiji Press)--The navies will sail soon, the Ministry of Defence said."
    [(_, _, span, _)] = remarks(text)
    assert span == "The navies will sail soon, the Ministry of Defence said."


def test_a_quotation_takes_the_speaker_of_the_nearest_tag_before_it() -> None:
    text = (
        'Peskov said it was "a routine flight of two bombers", '
        'while China said it was "not aimed at anyone".'
    )
    assert [(s[0], s[2]) for s in remarks(text)] == [
        ("peskov", "a routine flight of two bombers"),
        ("china", "not aimed at anyone"),
    ]


def test_the_ministry_is_the_body_named_before_whose_names_hold_it() -> None:
    text = (
        "The Russian Ministry of Defence announced the patrol.\n"
        "Japan watched.\n"
        "The bombers flew for eight hours, the ministry added."
    )
    assert remarks(text)[-1][0::3] == ("russian-mod", "same body")


def test_a_country_word_and_a_bodys_words_name_that_countrys_body() -> None:
    # "Russian ministry" is no registered spelling; one Russian body has "ministry" in its names
    text = "The flights broke no rule, the Russian ministry said."
    assert remarks(text)[0][0::3] == ("russian-mod", "country's body")
    # "Chinese Defense Ministry" is not Japan's "Defense Ministry"
    text = "The ships were spotted, the Chinese Defense Ministry said."
    assert remarks(text)[0][0] == "china-mod"


def test_a_spelling_the_registry_does_not_list_names_the_speaker_by_its_new_spelling() -> None:
    text = "Two bombers flew, the Russian Ministry of Defense said."  # registered: "Defence"
    d = text_drafter(text, ACTORS)
    [remark] = Reader(d).read()
    assert (remark.speaker.actor, remark.rule) == ("russian-mod", "named")
    assert "Russian Ministry of Defence" in remark.speaker.how
    # its only mention is the spelling the draft writes into the registry (draft/actors.py):
    # asserted, and so is the statement it speaks
    [(speaker, _, _, unsure)] = statements(text)
    assert (speaker, unsure) == ("russian-mod", None)


def test_a_voice_speaks_for_the_body_named_with_it_and_then_for_the_body_that_spoke() -> None:
    text = (
        "The ships sailed, the press office of the Russian Pacific Fleet reported.\n"
        '"The drills are running," the press office said.'
    )
    got = remarks(text)
    assert [(s[0], s[3]) for s in got] == [("fleet", "voice of"), ("fleet", "voice")]


def test_a_pronoun_points_at_the_person_named_last_or_the_body_that_spoke_last() -> None:
    text = "Dmitry Peskov, however, rejected these concerns. He said it was a routine flight."
    assert remarks(text)[-1][0::3] == ("peskov", "pronoun")
    text = 'Japan said the bombers came close. "It was provocative," it said.'
    assert remarks(text)[-1][0::3] == ("japan", "pronoun")


def test_two_speakers_in_one_subject_make_one_remark_each() -> None:
    text = 'Moscow and Beijing said it was "not aimed at any third party".'
    assert [(s[0], s[2]) for s in remarks(text)] == [
        ("russia", "not aimed at any third party"),
        ("china", "not aimed at any third party"),
    ]


def test_an_abbreviation_in_brackets_is_the_name_again() -> None:
    text = (
        "The U.S.-Canadian North American Aerospace Defense Command (NORAD) said the bombers "
        "remained in international airspace."
    )
    assert remarks(text)[0][0::3] == ("norad", "named")


def test_this_was_reported_by_reaches_back_to_the_sentence_before() -> None:
    text = (
        "In early December, Russia and China held drills. This was reported by the Chinese "
        "Ministry of National Defense, according to Reuters."
    )
    [(speaker, _, span, _)] = remarks(text)
    assert speaker == "china-mod"
    assert span == text[: text.index(", according")]


def test_quoted_words_in_the_writers_closing_clause_are_no_ones() -> None:
    text = (
        "Japan scrambled fighters, Peskov said, in an apparent provocation as leaders of "
        '"the Quad" met in Tokyo.'
    )
    [paraphrase, quote] = remarks(text)
    assert paraphrase[0] == "peskov" and quote[0::3] == (None, "no tag")


def test_the_sentence_after_a_tagged_one_continues_its_account() -> None:
    text = "The patrol ended, the Russian Ministry of Defence said. The ships sailed home."
    assert remarks(text)[-1][0::3] == ("russian-mod", "continues")


def test_a_quotation_no_one_speaks_is_a_scare_quote() -> None:
    [(speaker, kind, quote, rule)] = remarks('Ties are a "strategic partnership" now.')
    assert (speaker, kind, quote, rule) == (None, "direct_quote", "strategic partnership", "no tag")


def test_a_rule_the_curated_files_do_not_confirm_is_commented_out_with_its_measure() -> None:
    text = "Peskov spoke on Monday. It was a routine flight of two bombers, he said."
    doubtful = Corpus(SPEECH_VERBS, {"named": (9, 10), "pronoun": (2, 5)})
    [(speaker, _, _, unsure)] = statements(text, doubtful)
    assert speaker == "peskov" and unsure is not None
    assert "pronoun rule" in unsure and "right for 2 of 5" in unsure
    # the precision is counted with one right and one wrong proposal more: one proposal
    # confirms nothing, two right ones do, and so do 9 of 10
    assert not Corpus(SPEECH_VERBS, {"pronoun": (1, 1)}).confirms("pronoun")
    assert Corpus(SPEECH_VERBS, {"pronoun": (2, 2)}).confirms("pronoun")
    assert Corpus(SPEECH_VERBS, {"pronoun": (9, 10)}).confirms("pronoun")
    assert not Corpus(SPEECH_VERBS, {"pronoun": (7, 10)}).confirms("pronoun")


def test_an_unknown_speaker_is_commented_out_and_listed_to_add() -> None:
    d = text_drafter("Two bombers flew, Kremlin aide Yuri Ushakov said.", ACTORS)
    propose(d, None, ALL_CONFIRMED)
    [item] = d.draft.items
    assert item.unsure is not None and "do not know" in item.unsure
    assert any("Kremlin aide Yuri Ushakov" in line for line in d.draft.to_add)


def test_the_draft_header_counts_asserted_and_commented_proposals() -> None:
    d = text_drafter(
        'Two bombers flew, the Russian Ministry of Defence said. Ties are a "new era" now.',
        ACTORS,
    )
    from sino_russian_patrols.draft import actors

    actors.propose(d)
    propose(d, None, Corpus(SPEECH_VERBS, {"named": (10, 10)}))
    assert "# proposals: statements 1 asserted, 1 commented out" in d.draft.summary()


@pytest.mark.parametrize(
    ("name", "after", "inside"),
    [
        ("South Korea", "'s presidential office said", True),
        ("U.S.", " Secretary of State Antony Blinken", True),
        ("Russian military", " aircraft entered", True),
        ("Russia", "’s Su-30SM fighters", False),
        ("Russia", " and China held drills", False),
    ],
)
def test_a_name_inside_a_body_or_title_is_not_a_mention(
    name: str, after: str, inside: bool
) -> None:
    from sino_russian_patrols.draft.patterns import INSIDE_A_NAME

    assert (INSIDE_A_NAME.match(name + after, len(name)) is not None) is inside


def test_a_series_name_with_a_period_is_not_cut() -> None:
    text = 'The drills codenamed "North. Interaction 2023" ended on Sunday. Ships sailed home.'
    assert len(sentences(text, 0, len(text))) == 2


def test_both_nations_speak_for_the_two_states_named_before() -> None:
    text = "Russia and China held drills. Both nations said the drills were routine."
    assert [(s[0], s[3]) for s in remarks(text)] == [("russia", "both"), ("china", "both")]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ('Dmitry Peskov’s characterization of it as a "routine flight" stood.', ["peskov"]),
        ('Peskov dismissed this, saying it was a "routine flight" near Japan.', ["peskov"]),
        (
            'Moscow and Beijing downplayed it, asserting it was "not aimed at anyone".',
            ["russia", "china"],
        ),
        ('Aides cheered Dmitry Peskov, who has called the drills "a routine flight".', ["peskov"]),
    ],
)
def test_the_subject_of_a_sentence_without_a_tag_speaks_its_quoted_words(
    text: str, speakers: list[str]
) -> None:
    got = remarks(text)
    assert [s[0] for s in got] == speakers and {s[3] for s in got} == {"subject"}


def test_a_quoted_name_is_no_ones_and_the_sentence_is_the_tags_paraphrase() -> None:
    text = 'The drills codenamed "Joint Sea" ended, the Russian Ministry of Defence said.'
    got = remarks(text)
    assert got[0][:2] == ("russian-mod", "paraphrase")
    assert got[1] == (None, "direct_quote", "Joint Sea", "a name")


def test_quoted_words_no_tag_speaks_are_a_scare_quote_only_when_short_and_unreported() -> None:
    assert remarks('Ties are a "strategic partnership" now.')[0][3] == "no tag"
    long = '"The ships sailed east and then turned north for the second time," it was added.'
    assert remarks("The patrol went on. " + long)[-1][0::3] == (None, "unknown")


def project(root: Path, articles: dict[str, tuple[str, str | None]]) -> dict[str, str]:
    """A project of articles (name: (text, annotation body or None)) whose registries know
    one actor, the Russian ministry, by two spellings; returns name: source id."""
    import hashlib
    import shutil

    (root / "build" / "annotations").mkdir(parents=True)
    (root / "build" / "articles").mkdir()
    (root / "build" / "registries").mkdir()
    manifest, ids = [], {}
    for number, (name, (text, annotation)) in enumerate(articles.items(), start=1):
        raw = text.encode()
        digest = hashlib.sha256(raw).hexdigest()
        ids[name] = source_id = f"{number:03d}_{digest[:16]}"
        (root / "build" / "articles" / f"{source_id}.txt").write_bytes(raw)
        manifest.append(
            f"- file: {source_id}.txt\n  sha256: {digest}\n  bytes: {len(raw)}\n"
            "  received: 2026-01-01\n  origin: a test\n"
        )
        if annotation is not None:
            (root / "build" / "annotations" / f"{source_id}.yaml").write_text(
                "source:\n  source_type: news_report\n  title: null\n  publisher: null\n"
                + annotation
            )
    (root / "build" / "articles" / "manifest.yaml").write_text("".join(manifest))
    for name in ("events", "places", "aircraft_types"):
        (root / "build" / "registries" / f"{name}.yaml").write_text("[]\n")
    (root / "build" / "registries" / "actors.yaml").write_text(
        "- id: russian-mod\n  name: Russian Ministry of Defence\n  type: government_body\n"
        "  country: RUS\n  title: null\n"
        '  aliases: ["Russian Ministry of Defence", "Russian Defence Ministry"]\n'
    )
    shutil.copytree(Path(__file__).resolve().parents[1] / "schema", root / "schema")
    return ids


def statement(number: int, kind: str, quote: str) -> str:
    return (
        f"  - id: s{number:02d}\n    speaker: russian-mod\n    type: {kind}\n"
        f"    quote: {json.dumps(quote)}\n    remark: r{number}\n"
    )


def test_the_corpus_learns_verbs_and_measures_rules_on_the_curated_files_as_new(
    tmp_path: Path,
) -> None:
    from sino_russian_patrols.draft.proposals import Drafter

    first = "The ships sailed east, the Russian Ministry of Defence said."
    second = "The bombers flew, the Russian Defence Ministry said."
    ids = project(
        tmp_path,
        {
            "a": (
                f'{first}\n"The drills went well," the statement read.\n',
                '\nactors:\n  - {quote: "Russian Ministry of Defence"}\n\nstatements:\n'
                + statement(1, "paraphrase", first)
                + statement(2, "direct_quote", "The drills went well,"),
            ),
            "b": (
                f"{second}\n",
                '\nactors:\n  - {quote: "Russian Defence Ministry"}\n\nstatements:\n'
                + statement(1, "paraphrase", second),
            ),
            "c": ("Two ships arrived, the Russian Ministry of Defence said.\n", None),
        },
    )
    corpus = Corpus.of(Drafter(tmp_path, ids["c"]))
    assert "read" in corpus.verbs and "read" not in SPEECH_VERBS  # '," the statement read'
    # b is read as it was new: its spelling "Russian Defence Ministry" was not yet registered,
    # and its remark is read by the country's body rule, not by the named rule
    assert corpus.rules == {"named": (1, 1), "pronoun": (1, 1), "country's body": (1, 1)}
    assert not corpus.confirms("named")  # one article is too few to confirm a rule


def test_an_unnamed_source_speaks_as_no_one() -> None:
    text = "The bombers flew east, according to Russian sources."
    assert remarks(text)[0][0::3] == (None, "unnamed source")
    d = text_drafter(text, ACTORS)
    propose(d, None, Corpus(SPEECH_VERBS, {**ALL_CONFIRMED.rules, "unnamed source": (5, 5)}))
    [item] = d.draft.items
    assert item.unsure is None and '  speaker_as_reported: "Russian sources"' in item.lines


def test_a_body_of_another_country_than_the_subject_names_is_not_the_speaker() -> None:
    # "Ministry of National Defence" is China's ministry spelled otherwise; "in Seoul" says
    # the subject is another country's
    text = "Bombers entered, an official at the Ministry of National Defence in Seoul said."
    assert remarks(text)[0][0] is None


def test_the_body_after_its_owners_possessive_heads_the_subject() -> None:
    text = "The ships sailed, Russia's Pacific Fleet said."
    assert remarks(text)[0][0::3] == ("fleet", "named")


def test_a_name_in_a_tagged_sentence_is_the_speakers_and_the_sentence_a_paraphrase() -> None:
    text = 'Ships will join the "Maritime Security Belt 2026" drills, Peskov said.'
    assert [(s[0], s[1]) for s in remarks(text)] == [
        ("peskov", "paraphrase"),
        ("peskov", "direct_quote"),
    ]


def test_the_medium_is_the_statement_or_press_conference_the_sentence_names() -> None:
    from sino_russian_patrols.draft import actors

    text = (
        "The bombers flew over the sea, the Pacific Fleet said in a statement. "
        '"We will continue," Peskov told a press conference. '
        "Japan said the flights were a concern."
    )
    d = text_drafter(text, ACTORS)
    actors.propose(d)
    propose(d, None, ALL_CONFIRMED)
    media = [
        (fields_of(item)["speaker"], fields_of(item).get("medium"))
        for item in d.draft.items
        if item.section == "statements"
    ]
    assert media == [("fleet", "statement"), ("peskov", "press_conference"), ("japan", None)]


def test_the_day_of_a_remark_is_the_day_its_speech_verb_names() -> None:
    import datetime as dt

    from sino_russian_patrols import dates
    from sino_russian_patrols.draft import actors

    text = (
        '"We will continue," Peskov told a press conference Wednesday. '
        "The bombers flew over the sea, the Pacific Fleet said. "
        "Japan said on Saturday, after a long pause, that the flights were a concern."
    )
    d = text_drafter(text, ACTORS)
    d.anchor = dates.Anchor(dt.date(2024, 7, 26), 2024, "stated", "stated", "day", "published")
    actors.propose(d)
    propose(d, None, ALL_CONFIRMED)
    said = [fields_of(i).get("said") for i in d.draft.items if i.section == "statements"]
    # a day the verb names, quoted from the verb; none where no day follows it, or where
    # a clause stands between them
    assert said == ['"told a press conference Wednesday"', None, '"said on Saturday"']
