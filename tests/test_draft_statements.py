"""The statement lines the drafter writes beside a remark's speaker and words: the event the
remark is about, how it was made (`medium`), its day (`said`), its relayer, and the remark id
shared with other sources (draft/remark_event.py, draft/remarks.py)."""

from __future__ import annotations

from types import SimpleNamespace

from helpers import actor, fields_of, text_drafter
from sino_russian_patrols.draft import actors
from sino_russian_patrols.draft.corpus import Corpus
from sino_russian_patrols.draft.patterns import SPEECH_VERBS, sentences
from sino_russian_patrols.draft.remarks import propose

ACTORS = [
    actor("russia", "RUS", "state", "Russia", "Moscow"),
    actor("china", "CHN", "state", "China", "Beijing"),
    actor("japan", "JPN", "state", "Japan", "Tokyo"),
    actor("japan-mod", "JPN", "government_body", "Japanese Defense Ministry"),
    actor("norad", None, "military", "NORAD"),
    actor("pentagon", "USA", "government_body", "Pentagon"),
    actor("peskov", "RUS", "person", "Dmitry Peskov", "Peskov"),
]
CONFIRMED = Corpus(
    SPEECH_VERBS,
    {
        rule: (10, 10)
        for rule in (
            "named",
            "pronoun",
            "subject",
            "continues",
            "no tag",
            "a name",
            "voice",
            "voice of",
        )
    },
)
PATROL, INTERCEPT, SCRAMBLE, REPORT = (
    "2024-07-24-patrol", "2024-07-24-intercept", "2024-07-24-scramble", "2024-07-22-report",
)  # fmt: skip
EVENTS = {
    PATROL: "joint_air_patrol",
    INTERCEPT: "intercept",
    SCRAMBLE: "scramble",
    REPORT: "report_publication",
}


def drafted(text: str, linked: dict[int, list[str]], corpus: Corpus = CONFIRMED) -> list[dict]:
    """The fields of each statement the proposer writes for `text`, whose n-th sentence the
    draft's events section links to the events `linked[n]`; the main event is PATROL."""
    d = text_drafter(text, ACTORS)
    d.new_events = []
    d.registries.events = [SimpleNamespace(id=i, type=t, parent=None) for i, t in EVENTS.items()]
    spans = sentences(text, 0, len(text))
    d.event_sentences = [(*spans[n], e) for n, events in linked.items() for e in events]
    actors.propose(d)
    propose(d, PATROL, corpus)
    return [fields_of(i) for i in d.draft.items if i.section == "statements"]


def test_a_remark_is_of_the_event_its_own_words_name_or_of_its_sentences_patrol() -> None:
    text = (
        "China and Russia flew a joint bomber patrol, Moscow said. "
        "Moscow said it was “not aimed at any third party”, while NORAD said the bombers, "
        "which it intercepted, were “not seen as a threat”. "
        "The Japanese Defense Ministry said the bombers entered the zone, prompting Japan to "
        "scramble fighter jets. "
        "In a report published on Monday, the Pentagon predicted that cooperation would grow. "
        "The Pentagon said the two countries were in “growing alignment”. "
        "Peskov said ties were good.\n"
        "Cooperation brings “stability and predictability”."
    )
    linked = {0: [PATROL], 1: [PATROL, INTERCEPT], 2: [PATROL, SCRAMBLE], 3: [REPORT]}
    events = [(s["speaker"], s.get("event")) for s in drafted(text, linked)]
    assert events == [
        ("russia", PATROL),
        ("russia", PATROL),  # Moscow's words hold no "intercepted"
        ("norad", INTERCEPT),  # NORAD's do
        ("japan-mod", PATROL),  # the scramble is the writer's closing clause
        ("pentagon", REPORT),
        ("pentagon", REPORT),  # no event in its sentence: the report the Pentagon made
        ("peskov", PATROL),  # no event and no occasion of Peskov's: the main event
        ("null", None),  # a scare quote whose sentence mentions no event is of none
    ]


def test_a_remark_takes_the_id_another_source_gives_the_same_speakers_same_words() -> None:
    from sino_russian_patrols.draft.corpus import CuratedRemark, remark_words

    def curated(speaker: str, event: str | None, words: str, remark: str) -> CuratedRemark:
        return CuratedRemark(speaker, event, remark_words(words), remark)

    corpus = Corpus(
        CONFIRMED.verbs,
        CONFIRMED.rules,
        (
            curated("norad", INTERCEPT, "were not seen as a threat", "norad-not-a-threat"),
            # the same words, another speaker: not the same remark
            curated("russia", PATROL, "not seen as a threat", "russia-no-threat"),
            # half the words, of the same event: the same remark
            curated("pentagon", PATROL, "the bombers flew over the sea", "dod-bombers-flew"),
            # fewer than half the words, of another event: not close enough
            curated("peskov", REPORT, "ties with China were good", "peskov-good-ties"),
            # the same words of an event of another month: a remark made another time
            curated("japan-mod", "2019-07-23-patrol", "the bombers turned north", "mod-2019-north"),
        ),
    )
    text = (
        "NORAD said the bombers were “not seen as a threat”. "
        "The Pentagon said the bombers flew over the Bering Sea for hours. "
        "Peskov said ties with China were good, strong and growing each year. "
        "The Japanese Defense Ministry said “the bombers turned north”."
    )
    remarks = [s["remark"] for s in drafted(text, {}, corpus)]
    assert remarks == [
        "norad-not-a-threat",
        "dod-bombers-flew",
        "peskov-peskov-said-ties-with-china",  # its own words
        "japan-mod-the-bombers-turned-north",
    ]


def test_a_bodys_remark_takes_the_id_another_source_gives_its_state_in_the_same_words() -> None:
    from sino_russian_patrols.draft.corpus import CuratedRemark, remark_words

    corpus = Corpus(
        CONFIRMED.verbs,
        CONFIRMED.rules,
        (
            CuratedRemark("japan", PATROL, remark_words("the bombers turned south"), "j-south"),
            CuratedRemark("russia", PATROL, remark_words("ties were good"), "russia-ties"),
        ),
    )
    text = (
        "The Japanese Defense Ministry said “the bombers turned south”. "
        "Peskov said “ties were good”."
    )
    remarks = [s["remark"] for s in drafted(text, {}, corpus)]
    # Peskov speaks for himself, not as Russia
    assert remarks == ["j-south", "peskov-ties-were-good"]


def test_the_medium_is_the_channel_the_remarks_sentence_names() -> None:
    text = (
        "Japan through diplomatic channels relayed its strong concern. "
        "In a text message, the Japanese Defense Ministry said fighters were scrambled. "
        "Moscow announced the patrol in a tweet on Tuesday. "
        "In a report published on Monday, the Pentagon predicted that cooperation would grow. "
        "Reports that the Pentagon said the ties would grow were denied. "
        "NORAD said in a statement that the bombers stayed in international airspace. "
        "Peskov said ties were good."
    )
    media = [(s["speaker"], s.get("medium")) for s in drafted(text, {})]
    assert media == [
        ("japan", "diplomatic_channel"),
        ("japan-mod", "text_message"),
        ("russia", "social_media_post"),
        ("pentagon", "report"),
        ("pentagon", None),  # "Reports that": what others report, no report of the speaker's
        ("norad", "statement"),
        ("peskov", None),
    ]


def test_the_one_according_to_names_beside_the_speakers_tag_relays_the_remark() -> None:
    text = (
        "According to NORAD, the Japanese Defense Ministry said the bombers flew east. "
        "The bombers turned north, the Japanese Defense Ministry said.\n"
        "Two fighters followed them. The statement said they stayed in international airspace.\n"
        "The bombers flew west, according to NORAD.\n"
        "Japan said the flights were a concern, according to Peskov."
    )
    relays = [(s["speaker"], s.get("relayed_by"), s.get("relay")) for s in drafted(text, {})]
    assert relays == [
        ("japan-mod", "norad", '"According to NORAD"'),
        ("japan-mod", "norad", '"According to NORAD"'),  # later in the paragraph
        ("japan-mod", "norad", '"According to NORAD"'),  # "The statement" points back to it
        ("norad", None, None),  # NORAD's own words: "according to" is the speaker's tag
        ("japan", "peskov", '"according to Peskov"'),
    ]


def test_the_day_after_the_speakers_name_is_quoted_alone() -> None:
    import datetime as dt

    from sino_russian_patrols import dates

    text = (
        "The ships will sail in August, said Japanese Defense Ministry spokesman Kenji "
        "Tanaka on Friday.\n"
        "The bombers flew, according to a statement released by the Pentagon on Wednesday.\n"
        "Peskov said on Tuesday that ties were good."
    )
    d = text_drafter(text, ACTORS)
    d.anchor = dates.Anchor(dt.date(2024, 7, 26), 2024, "stated", "stated", "day", "published")
    actors.propose(d)
    propose(d, None, CONFIRMED)
    said = [fields_of(i).get("said") for i in d.draft.items if i.section == "statements"]
    assert said == ['"on Friday"', '"on Wednesday"', '"said on Tuesday"']


def test_a_scare_quote_is_of_the_event_its_own_clause_names() -> None:
    text = (
        "Chinese and Russian warplanes flew over the sea in a display of “mutual trust”.\n"
        "Japan scrambled fighter jets after the bombers flew, Peskov said, in an apparent "
        "provocation as leaders of “the Quad” grouping met in Tokyo."
    )
    events = [(s["speaker"], s.get("event")) for s in drafted(text, {0: [PATROL], 1: [PATROL]})]
    assert events == [("null", PATROL), ("peskov", PATROL), ("null", None)]
