"""What the draft looks for in an article, as patterns: sentences, joint patrols, dates'
forms, locations, quotations and who said them; and the roles that the words of an
aircraft claim give (the words of the claims themselves are in `claim_patterns`).

The words are English and live here; the values they give are the schema's: every role is
one of the `role` enum of schema/aircraft.json and every kind one of the `kind` enum of
schema/aircraft_types.json (tests/test_draft.py checks both against schema/), so that a value
renamed in the schema cannot leave the draft proposing what the build rejects.
"""

from __future__ import annotations

import re

# The words that say a sentence reports an event, and the event types they fit: a sentence
# is linked to the one known event of those types whose dates fit its date phrase.
_AIR = frozenset({"joint_air_patrol"})
_NAVAL_PATROL = frozenset({"joint_naval_patrol", "joint_submarine_patrol"})
# the joint patrols, by air, by sea and of submarines
JOINT_PATROLS = frozenset({"joint_air_patrol", "joint_naval_patrol", "joint_submarine_patrol"})
EXERCISE_TYPES = _EXERCISE = frozenset(
    {
        "joint_naval_exercise",
        "joint_exercise",
        "strategic_exercise",
        "multinational_naval_exercise",
        "joint_missile_defense_exercise",
        "exercise",
    }
)
# the nouns of an exercise, for the patterns that look for one
DRILL_NOUNS = r"(?:drills?|exercises?|maneuvers|manoeuvres|war\s*games)"
# exercises in passing, not one of them: "other joint exercises", "a series of collaborative
# military exercises", "have conducted military exercises independently"
PASSING_DRILLS = re.compile(
    r"(?i)\b(?:other|previous|past|earlier|several|many|numerous|various|series\s+of|"
    r"regular|frequent|shared|collaborative|separate)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:drills|exercises|maneuvers|manoeuvres|war\s*games)\b"
    r"|\b(?:drills|exercises|maneuvers|manoeuvres)\s+(?:independently|separately|on\s+their\s+own)\b"
)
# "a joint patrol": of aircraft or of ships, which the words around tell
# "joint patrols", "the fifth joint Russia-China patrol mission"
GENERIC_PATROL = re.compile(
    r"\bjoint\s+(?-i:[A-Z]\w*[-\u2010\u2011\u2013/][A-Z]\w*\s+)?patrols?\b", re.IGNORECASE
)
# an exercise's name and edition the series registry may not know ("Vostok 2022")
EDITION = re.compile(
    r"(?<![\w-])((?:[A-Z][\w./-]*?(?:\s*[-\u2010\u2011]\s*|\s+)){1,3}?(?:19|20)\d\d)\b(?=[^.]{0,40}"
    rf"\b{DRILL_NOUNS}\b)"
)
EVENT_WORDS: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (
        re.compile(
            r"\b(?:(?:air|aerial|bomber|strategic)\s+(?:strategic\s+)?patrols?|bombers?|"
            r"joint\s+flights?|K?ADIZ|air\s+defen[cs]e\s+(?:identification\s+)?zone)\b",
            re.IGNORECASE,
        ),
        _AIR,
    ),
    # the two countries' aircraft named together fly together ("Chinese and Russian
    # warplanes on November 30 hovered over the Pacific Ocean")
    (
        re.compile(
            r"\b(?:Chinese|Russian)\s+and\s+(?:Chinese|Russian)\s+(?:military\s+)?"
            r"(?:warplanes|aircraft|planes|jets)\b"
        ),
        _AIR,
    ),
    (
        re.compile(
            r"\b(?:(?:naval|maritime|sea|submarine)\s+patrols?|(?:warships?|ships?|vessels?|navies|"
            r"destroyers?|frigates?|corvettes?)\b[^.]{0,80}\bpatrol|joint\s+sailing|"
            r"(?:warships|vessels)\s+(?:passed|sailed))",
            re.IGNORECASE,
        ),
        _NAVAL_PATROL,
    ),
    (
        re.compile(
            rf"\b{DRILL_NOUNS}\b|"
            r"\b(?:Joint Sea|Maritime Interaction|Northern/Interaction|Vostok|Ocean)[- ]?20\d\d"
        ),
        _EXERCISE,
    ),
    (GENERIC_PATROL, _AIR | _NAVAL_PATROL),
    (
        re.compile(
            r"\bscrambl|\b(?:deployed|dispatched|sent|rush(?:ed|ing)?)\b[^.]{0,30}\bfighter",
            re.IGNORECASE,
        ),
        frozenset({"scramble"}),
    ),
    (re.compile(r"\bintercept", re.IGNORECASE), frozenset({"intercept"})),
    # what a patrol may bring about, each an event of its own beside it
    (re.compile(r"\bwarning\s+shots\b", re.IGNORECASE), frozenset({"warning_shots"})),
    (
        # not when the words deny it ("did not violate any airspace")
        re.compile(
            r"^(?!.*\b(?:not|no|never|without)\b[^.]{0,30}\bviolat)"
            r".*(?:\bviolat\w*\b[^.]{0,50}\bairspace\b|\bairspace\s+violation)",
            re.IGNORECASE | re.DOTALL,
        ),
        frozenset({"airspace_violation"}),
    ),
    (
        re.compile(
            r"\b(?:lodged|filed)\b[^.]{0,60}\b(?:protests?|objections?)\b"
            # not what may come ("will reverberate through diplomatic channels")
            r"|^(?![^.]*\b(?:will|would|could|might|may)\b[^.]{0,60}\bdiplomatic\s+channels?)"
            r".*\bdiplomatic\s+channels?\b",
            re.IGNORECASE | re.DOTALL,
        ),
        frozenset({"diplomatic_protest"}),
    ),
    (re.compile(r"\bsummon(?:ed|s|ing)?\b", re.IGNORECASE), frozenset({"diplomatic_summons"})),
    (
        re.compile(r"\b(?:landed|landing|land|took\s+off)\b[^.]{0,60}\bairfields?\b", re.I),
        frozenset({"airfield_landing"}),
    ),
    # the passing events a report sets the patrol beside
    (re.compile(r"\bsummit\b", re.IGNORECASE), frozenset({"summit"})),
    (
        re.compile(
            r"\b(?:report|white\s+paper)\b[^.]{0,80}\b(?:published|released|issued)\b"
            r"|\b(?:published|released|issued)\b[^.]{0,40}\b(?:report|white\s+paper)\b",
            re.IGNORECASE,
        ),
        frozenset({"report_publication"}),
    ),
    (
        re.compile(
            r"\b(?:approved|signed|adopted)\b[^.]{0,50}\b(?:roadmap|agreement|accord|"
            r"memorandum|treaty)\b",
            re.IGNORECASE,
        ),
        frozenset({"agreement"}),
    ),
    (
        re.compile(
            r"\b(?:foreign|defen[cs]e)\s+ministers?[’']?\s+meeting\b"
            r"|\bmeeting\b[^.]{0,60}\b(?:foreign|defen[cs]e)\s+ministers\b",
            re.IGNORECASE,
        ),
        frozenset({"ministerial_meeting"}),
    ),
)
# the passing events: linked when registered, written out only when the words date them
PASSING_TYPES = frozenset({"summit", "report_publication", "agreement", "ministerial_meeting"})
ORDINALS = {
    word: n
    for n, words in enumerate(
        (
            ("first", "1st"), ("second", "2nd"), ("third", "3rd"), ("fourth", "4th"),
            ("fifth", "5th"), ("sixth", "6th"), ("seventh", "7th"), ("eighth", "8th"),
            ("ninth", "9th"), ("tenth", "10th"), ("eleventh", "11th"), ("twelfth", "12th"),
        ),
        start=1,
    )
    for word in words
}  # fmt: skip
# "the first joint naval patrol", "their fifth joint maritime patrol", "11th joint strategic
# air patrol", "the first joint patrol": an ordinal, then the kind of patrol if the words say
ORDINAL_SERIES = re.compile(
    rf"\b(?P<ordinal>{'|'.join(ORDINALS)})\s+(?:round\s+of\s+)?"
    r"(?:[A-Z][\w]*-[A-Z][\w]*\s+)?joint\s+(?:strategic\s+)?"
    r"(?:[A-Z][\w]*-[A-Z][\w]*\s+)?(?:(?P<kind>naval|air|aerial|bomber|maritime|submarine)"
    r"\s+)?patrol",
    re.IGNORECASE,
)
# The verbs that give a date claim its form (build/README.md, "Coding rules"): an event the
# sentence announces, one whose end or report the phrase dates, one whose start it dates.
# "Scheduled" announces only as a verb ("is scheduled", "scheduled to last until"): "a
# routine, scheduled exercise" describes one held to a plan, maybe over already.
DATE_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "announced",
        re.compile(
            r"\b(?:will|to be held|is to|are to|plans? to|(?:is|are|was|were|been) scheduled|"
            r"scheduled (?:to|for)|(?:are|is) (?:running|being "
            r"held|taking place|under way|underway)|would (?:soon )?(?:conduct|hold|carry out|"
            r"take part|participate|begin|start|launch))\b"
        ),
    ),
    (
        "end_only",
        re.compile(r"\b(?:concluded|completed|wrapped up|ended|finished|came to an end)\b"),
    ),
    (
        "start_only",
        re.compile(r"\b(?:began|begun|kicked off|launched|departed|started|set off|opened)\b"),
    ),
)
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?](?=\s|$)|$)", re.MULTILINE)
_NUMBER = (
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
)
_QUALIFIER = r"(?:a total of |more than |at least |about |approximately |around |up to )?"
_COUNTRY = (
    r"(?:Russian|Chinese|Japanese|South Korean|American|U\.S\.|Russia[’']s|China[’']s|"
    r"Japan[’']s)"
)
_NOUN = (
    r"(?:strategic bombers?|bombers?|fighter jets?|fighters?|early warning (?:and control )?"
    r"(?:aircraft|planes?)|aircraft|warplanes?|planes?|jets?|missile carriers?)"
)
_DESIGNATION = r"(?:[A-Za-z\u0400-\u04ff]{1,3}[-\u2010\u2011 ]?\d{1,4}[A-Za-z\u0400-\u04ff]{0,3})"
# "[count] <country> [and <country>] [<designation>] [strategic] <noun>", or a designation
# without a noun ("Russian Tu-95МS and Chinese H-6K strategic bombers")
AIRCRAFT = re.compile(
    rf"(?:(?<![\w.,])(?P<count>{_QUALIFIER}{_NUMBER})[ \u00a0]+(?:of[ \u00a0]+)?)?"
    rf"(?P<country>{_COUNTRY})(?:[ \u00a0]+and[ \u00a0]+(?P<country2>{_COUNTRY}))?[ \u00a0]+"
    rf"(?:(?:(?P<type>{_DESIGNATION})[ \u00a0]+)?(?:strategic[ \u00a0]+)?(?P<noun>{_NOUN})\b"
    rf"|(?P<bare>{_DESIGNATION})(?![\w-]))",
    re.IGNORECASE,
)
# Zone claims (steps/airspace.py): an entry into an air defense identification zone, a
# passage through a strait, a violation of airspace, a denial of one, international airspace.
ADIZ_WORDS = re.compile(r"\b(?:[A-Z]?ADIZ|air defen[cs]e(?: identification)? zone)\b", re.I)
# "airspace" as the articles spell it ("air space", and the slip "airpaces")
AIRSPACE = r"air\s?s?paces?"
ZONE_CLAIMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "no_airspace_violation",
        re.compile(
            rf"\bno (?:airspace )?(?:violation|intrusion)s?\b|\b(?:did not|didn[’']t|not) "
            rf"(?:violate|intrude|enter|breach)\w*\s+(?:[\w’'-]+\s+){{0,3}}?{AIRSPACE}\b"
            # "avoided the airspaces of other countries"
            rf"|\bavoid(?:ed|ing|s)?\s+(?:[\w’'-]+\s+){{0,2}}?{AIRSPACE}\b"
            # "no foreign airspace had been breached"
            rf"|\bno\s+(?:foreign\s+|other\s+)?{AIRSPACE}\s+(?:had|has|have|was|were)\s+"
            r"(?:been\s+)?(?:breached|violated|intruded|entered)",
            re.IGNORECASE,
        ),
    ),
    (
        "international_airspace",
        re.compile(r"\b(?:remained|stayed|were|was|flew)\s+in\s+international\s+airspace", re.I),
    ),
    (
        "airspace_violation",
        re.compile(
            r"\b(?:violated|intruded into)\b[^.]{0,60}\bairspace"
            # "entered South Korean airspace", "entering Japan's territorial airspace": a
            # country's airspace, not an air defense identification zone
            r"|\b(?:entered|entering|breached)\s+(?-i:[A-Z][\w.’'-]*\s+){1,3}"
            r"(?:territorial\s+)?airspace\b",
            re.I,
        ),
    ),
    ("adiz_entry", re.compile(r"\b(?:entered|entering|enter|flew into|strayed into)\b", re.I)),
    (
        "strait_transit",
        re.compile(
            r"\b(?:(?:passed|passing|sailed|transited|moved|traveled|travelled)\s+"
            r"(?:east\s+|west\s+|south\s+|north\s+)?(?:through|via|from)|crossed)\b",
            re.I,
        ),
    ),
)
# What after a name makes it part of a longer name or a modifier, not a mention of the actor
# (build/README.md: "South Korea" in "South Korea's presidential office", "U.S." in "U.S.
# Secretary of State", "NATO" in "NATO Secretary-General"): a body, a title, or a noun the
# name qualifies ("Russian military aircraft").
INSIDE_A_NAME = re.compile(
    r"(?:[’']s)?\s+(?:(?:foreign|defen[cs]e|national|presidential|top|security|deputy|prime|"
    r"state|air|naval|armed)\s+)*(?:ministry|office|secretary|secretary-general|spokesman|"
    r"spokeswoman|spokesperson|president|leader|minister|adviser|advisor|joint\s+chiefs|"
    r"aircraft|planes?|jets?|collaboration|cooperation|forces?|navy|ambassador)\b",
    re.IGNORECASE,
)
# a name used as a location ("an airfield in China", "near Japan") is a place, not an actor
# ("near South Korea and Japan", "in western Japan", "visited China"); "from" is not one of
# them: the curated files read "units from Russia, China and Iran", "no comment from Russia",
# "flew from the direction of China" as the states
LOCATIVE = re.compile(
    r"(?:\b(?:in|near|over|around|off|toward|towards|visited|across) "
    r"(?:the )?(?:[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,2} ?(?:,|\band) )?"
    r"(?:(?:south|north|east|west)(?:ern|ernmost)? |central )?"
    r"|\b(?:south|north|east|west)(?:ern|ernmost) |(?:south|north)(?:east|west)ern )$",
)
SAID = r"(?:said|told|added|noted|stated|wrote)"
# a quotation: the words between an opening and the next closing mark, on one line
QUOTED = re.compile(r"[“\"](?P<q>[^“”\"\n]{2,}?)[”\"]")

# Speech tags. The verbs a speaker's words are reported with, as data: a verb found in the
# curated remarks is a line here. The subject of "X said" is the clause before the verb,
# from the sentence's start, a comma or a closing quotation mark, at most eight words.
SPEECH_VERBS = (
    "said", "says", "told", "added", "adds", "noted", "stated", "wrote", "announced",
    "reported", "emphasized", "emphasised", "explained", "pointed out", "specified",
    "stressed", "claimed", "alleged", "confirmed", "warned", "insisted", "underlined",
    "highlighted", "asserted", "argued", "called", "described", "accused", "urged",
    "declared", "revealed", "disclosed", "informed", "believed", "believes", "claims",
    "predicted", "expressed",
)  # fmt: skip
SPEECH_VERB = "(?:" + "|".join(re.escape(v) for v in SPEECH_VERBS) + ")"
_SUBJECT_WORD = r"[\w’'().-]+"
SPEECH_TAG_BEFORE = re.compile(
    rf"(?:^|(?<=,\s)|(?<=[”\"]\s)|(?<=^[“\"]))(?P<who>(?:{_SUBJECT_WORD}\s){{0,7}}?{_SUBJECT_WORD})"
    rf"\s+(?:also\s+|further\s+|later\s+|then\s+|separately\s+)?(?P<verb>{SPEECH_VERB})\b"
)
SPEECH_TAG_AFTER = re.compile(
    rf"(?<=[,”\"]\s)(?:{SPEECH_VERB})\s+(?P<who>(?:the\s+)?[A-Z][^,.;:“”\"]{{1,60}}?)"
    r"(?=\s*[,.;]|\s+(?:on|in|at|that|during)\b|\s*$)"
)
# what the editors leave out of an event mention's quote: who said it, before or after the
# report ("The ministry said on Tuesday that ...", "..., the Pacific Fleet said in a
# statement.", "According to the ministry, ..."), and the final full stop
# a dateline the publication date did not come from ("TOKYO (Jiji Press) — ", "BEIJING, July
# 12 (Xinhua) -- ", "date 2024-07-26 MOSCOW - ")
DATELINE_WORDS = (
    r"(?:date\s+(?:19|20)\d\d-\d\d-\d\d\s+)?"
    r"[A-Z][A-Z .'’-]{2,60}(?:,[^\n,]{1,20}?)?\s*(?:\([^()\n]{1,30}\))?\s*(?:--|—|–|\s-)\s*"
)
ATTRIBUTION_HEAD = re.compile(
    rf"^(?:{DATELINE_WORDS})?"
    # a time before the clause ("Earlier this month, ", "In early December, ")
    r"(?:(?:Earlier|Later)\s+(?:this|last|that)\s+\w+,\s+"
    r"|In\s+(?:early\s+|mid-|late\s+)?[A-Z][a-z]+,\s+)?"
    r"(?:According\s+to\s+[^,“”\"]{1,80},\s+"
    rf"|[A-Z][^,“”\"]{{0,80}}?\b{SPEECH_VERB}\b(?:\s+[^,“”\"]{{1,40}}?)?\s+that\s+"
    r"|[A-Z][^,“”\"]{0,60}?\bsays\s+)?"
)
ATTRIBUTION_TAIL = re.compile(
    rf",\s+(?:according\s+to\s+[^,“”\"]+|[^,“”\"]{{0,80}}?\b{SPEECH_VERB}\b[^,“”\"]{{0,60}}?)\.?$"
)
# a date phrase that dates a report ("the ministry said on Saturday", "announced on July 26")
# ("Zhang said at a press conference on Wednesday"): a speech verb earlier in the clause
# the day of a report: a speech verb, then up to 40 characters or the speaker's name ("said
# a spokesperson for the Ministry of National Defense on Friday", "released by the Chinese
# Ministry of National Defense on Wednesday")
_SPEAKER_WORD = (
    r"(?:by|a|an|the|of|for|[A-Z][\w’'-]*|spokesperson|spokesman|spokeswoman|official|"
    r"officials|press|service|office)"
)
REPORTED_ON = re.compile(
    rf"\b(?:{SPEECH_VERB}|released|issued|published)\b(?:[^,.;“”\"]{{0,40}}?|(?:\s+{_SPEAKER_WORD}){{1,10}})"
    r"\s(?:(?:early|late)\s+)?(?:on\s+)?$"
)
# a report a pronoun makes at the sentence's end (", he noted."): the speaker, and the day,
# of the sentence before
PRONOUN_REPORT = re.compile(rf",\s+(?:he|she|they)\s+(?:also\s+)?{SPEECH_VERB}\.?$")
# a time converted to another zone, in brackets: "(midnight GMT Monday)", "(0100 UTC)"
TIME_ZONE_ASIDE = re.compile(r"\([^()\n]{0,40}?\b(?:GMT|UTC|Zulu)\b[^()\n]{0,40}\)")
# a sentence whose subject is the event the sentence before reports: "This unprecedented
# move, which took place on Wednesday, ...", "It was held on Tuesday"
ANAPHORIC_EVENT = re.compile(
    r"^(?:This|That|It)\b[^,.;:]{0,60}?(?:,\s*which\s+|\s+)(?:took\s+place|happened|"
    r"occurred|was\s+held|was\s+conducted|was\s+carried\s+out)\b"
)
# the word before a day that ends what lasts until it ("will last until September 7")
UNTIL = re.compile(r"\b(?:until|till)\s+(?:on\s+)?$")
# "recently" alone: an event on or before the day of publication, no earlier bound
RECENTLY = re.compile(r"(?i)recent(?:ly)?")
# the words of a stage of a voyage: where the ships were on a day, not the whole voyage
VOYAGE_STAGE = re.compile(
    r"(?i)\b(?:entered|passed|passing|sailed|sailing|transited|transiting|crossed|spotted|"
    r"sighted)\b"
)
# the words that say a patrol was held (in the past), not where the ships were on a day
VOYAGE_HELD = re.compile(r"(?i)\b(?:conducted|held|carried\s+out|staged|performed)\b")
# a dateline's place before the date phrase, in capitals ("ABOARD DESTROYER YINCHUAN, July
# 15, (Xinhua/GNA) --"): the phrase dates the article, not the event
DATELINE_PLACE = re.compile(r"[ \t]*[A-Z][A-Z .'’-]{2,60},[ \t]*")
# the passive "This was reported by the Ministry of Defense of China"
REPORTED_BY = re.compile(
    r"\b(?:reported|announced|stated|said|confirmed)\s+by\s+"
    r"(?P<who>(?:the\s+)?[A-Z][^,.;:“”\"\n]{1,70}?)(?=\s*(?:[,.;:]|$))"
)
ACCORDING_TO = re.compile(
    r"\b[Aa]ccording to (?P<who>(?:[^,.;:“”\"\n]|(?<=\b[A-Z])\.){2,80}?)"
    r"(?<!\b[A-Z])(?=\s*(?:[,;:]|\.(?=\s|$)|$)|\s+(?:on|in|which|that|who|at)\b)"
)
# a clause that is no speaker's name: it holds a verb, a relative or a pronoun other than
# the subject's own ("Wei praised Russia for countering what he described as ...")
NOT_A_SUBJECT = re.compile(
    r"\b(?:[a-z]+(?:ed|ing)|that|which|who|what|whom|was|is|were|are|has|have|had|it\s+\w+)\b"
    r"|\b(?:praised|told|saw)\b"
)
# what may follow the name that heads a speech tag's subject: an abbreviation in brackets,
# the body's spokesman or press office ("Russia's Pacific Fleet press service")
SUBJECT_TAIL = re.compile(
    r"(?:[’']s)?(?:\s*\([^)]{1,12}\))?(?:\s+(?:press|service|office|spokesman|spokeswoman|"
    r"spokesperson|official|officials|statement))*\s*"
)
# the country a subject's adjective names ("the Russian defence ministry")
DEMONYMS = {
    "Russian": "RUS", "Russia’s": "RUS", "Russia's": "RUS", "Chinese": "CHN",
    "China’s": "CHN", "China's": "CHN", "Japanese": "JPN", "Japan’s": "JPN", "Japan's": "JPN",
    "South Korean": "KOR", "South Korea’s": "KOR", "South Korea's": "KOR", "American": "USA",
    "U.S.": "USA", "Canadian": "CAN",
}  # fmt: skip
# the words a sentence may open with before its subject
SENTENCE_OPENING = re.compile(r"(?:(?:But|And|However|Meanwhile|Separately),?\s+)?(?:[Tt]he\s+)?")
# a subject that points back at the speaker named before
PRONOUN_SUBJECT = re.compile(
    r"(?i)(?:it|he|she|they|the (?:\w+ )?(?:statement|report|press release|release))"
)
# the word before a period that does not end a sentence
_ABBREVIATIONS = frozenset(
    [
        "U.S",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Gen",
        "Lt",
        "Col",
        "Adm",
        "Capt",
        "Rep",
        "Sen",
        "St",
        "No",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "a.m",
        "p.m",
        "vs",
        "etc",
        "Maj",
        "Sgt",
        "Gov",
        "Prof",
        "Inc",
        "Co",
        "Corp",
        "Jr",
        "North",  # "North. Interaction 2023": the Russian name of a series
    ]
)
_SENTENCE_END = re.compile(r"[.!?][”\"’']?(?=\s+[“\"‘(\[A-Z0-9]|\s*$)")


def sentences(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The sentences of text[lo:hi] as (start, end), spaces stripped: a paragraph (a line) is
    split after a period, "!" or "?" (and a closing mark) that a capital, a digit or an
    opening mark follows, unless the word before the period is an abbreviation ("U.S.",
    "Gen.", "Dec.") or a single capital (an initial)."""
    found: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text[lo:hi]):
        start = lo + para.start()
        end_of_para = lo + para.end()
        for m in _SENTENCE_END.finditer(text, start, end_of_para):
            word = re.search(r"([\w.]+)$", text[start : m.start()])
            if (
                word
                and text[m.start()] == "."
                and (
                    word.group(1).rstrip(".") in _ABBREVIATIONS
                    or re.fullmatch(r"[A-Z]", word.group(1).split(".")[-1] or "")
                )
            ):
                continue
            found.append((start, m.end()))
            start = m.end()
        if text[start:end_of_para].strip():
            found.append((start, end_of_para))
    out = []
    for a, b in found:
        chunk = text[a:b]
        a += len(chunk) - len(chunk.lstrip())
        b -= len(chunk) - len(chunk.rstrip())
        if a < b:
            out.append((a, b))
    return out


# The words of a claim's noun that give its role, the first found wins ("early warning
# aircraft", "bombers", "missile carriers", "fighter jets").
ROLE_WORDS = (
    ("early warning", "airborne_early_warning"),
    ("bomber", "bomber"),
    ("missile carrier", "bomber"),
    ("fighter", "fighter"),
)
# A noun without those words ("aircraft", "jets"): the role of the type's kind in
# registries/aircraft_types.yaml, where a kind says what the aircraft does in a patrol.
ROLE_OF_KIND = {"bomber": "bomber", "fighter": "fighter"}
NO_ROLE = "unspecified"


def role_of(noun: str, kind: str | None) -> str:
    """The role of an aircraft claim from its noun as written, else from its type's kind."""
    noun = noun.casefold()
    for words, role in ROLE_WORDS:
        if words in noun:
            return role
    return ROLE_OF_KIND.get(kind or "", NO_ROLE)


# -- Remarks: the speech tags for a list of verbs, and what a tag's subject may say ---------
# The verbs of the tags are SPEECH_VERBS and those the curated remarks use (draft/corpus.py
# learns them), so the patterns are built for a list of verbs; the constants above are the
# same patterns for SPEECH_VERBS alone.
# a clause's subject may follow a conjunction ("came after China's ministry said", "while
# NORAD said")
_CONJUNCTIONS = ("while", "when", "after", "as", "but", "because", "since", "although", "that")
_AFTER_A_CONJUNCTION = "|".join(rf"(?<=\b{w}\s)" for w in _CONJUNCTIONS)


def speech_tags(verbs: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(X said, said X) for `verbs`: SPEECH_TAG_BEFORE and SPEECH_TAG_AFTER with those verbs.
    "X said" is found from every place a subject may start (the sentence's start, a comma, a
    closing quotation mark, a conjunction), overlapping: the reader keeps, for each verb, the
    shortest subject that can name a speaker ("The flight came after [China's ministry] said",
    "At a summit in Washington, [NATO countries] issued")."""
    verb = "(?:" + "|".join(re.escape(v) for v in sorted(set(verbs), key=len, reverse=True)) + ")"
    before = re.compile(
        rf"(?=(?:^|(?<=,\s)|(?<=[”\"]\s)|(?<=^[“\"])|{_AFTER_A_CONJUNCTION})"
        rf"(?P<who>(?:{_SUBJECT_WORD}\s){{0,9}}?"
        rf"{_SUBJECT_WORD})\s+(?:(?:has|have|had)\s+)?(?:also\s+|further\s+|later\s+|then\s+|"
        rf"separately\s+|similarly\s+)?(?P<verb>{verb})\b(?!\s+by\b))"
    )
    after = re.compile(
        rf"(?<=[,”\"]\s)(?:{verb})\s+(?P<who>(?:the\s+)?(?:[A-Z][^,.;:“”\"]{{1,60}}?|"
        r"(?:[a-z]+\s+)?(?:statement|report|ministry|spokes(?:man|woman|person))))"
        r"(?=\s*[,.;]|\s+(?:on|in|at|that|during)\b|\s*$)"
    )
    return before, after


# the subject of a tag that is a body's voice: its press office, its spokesman, its statement
# ("the press office of Russia’s Pacific Fleet", "a spokesman for the Russian Pacific Fleet",
# "the statement issued by the Russian Defence Ministry"): the body named after it speaks
VOICE_OF = re.compile(
    r"(?i)^(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){0,2}?(?:press\s+office|press\s+service|"
    r"spokes(?:man|woman|person)|officials?|statements?|reports?)\s+(?:(?:issued|released|"
    r"published|carried)\s+by|of|for|from|by|at)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+)?$"
)
# the words of a subject that speak for a body ("the press office", "the spokesman")
VOICE_WORDS = re.compile(
    r"(?i)\b(?:press\s+office|press\s+service|spokes(?:man|woman|person)|officials|an?\s+official)\b"
)
# "he", "she": a person spoke; "it", "the statement": the body that spoke before
PERSON_PRONOUN = re.compile(r"(?i)he|she")
# a dateline that opens a paragraph ("BEIJING, July 26 -- ", "Tokyo, Dec. 10 (Jiji Press)--",
# "TOKYO (Jiji Press) — "): not part of the first sentence's remark
DATELINE_PREFIX = re.compile(
    r"[A-Z][A-Za-z .’'/-]{1,30}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*(?:\([^()\n]{1,30}\))?(?:\s*(?:--|—|–)\s*|(?<=\))\s+-\s+)"
)
# the dateline itself, at the head of a line: place, comma, month and day, a year
# ("MOSCOW, October 14.", "Tokyo, June 8"); what follows it on the line is the article's text
DATELINE_HEAD = re.compile(
    r"[A-Z][A-Za-z .’'-]{1,30},\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?\.?"
)
# a clause that closes a sentence after the remark and is the writer's, not the speaker's
# (", potentially altering ...", ", prompting their military to ...", ", which included ...",
# ", with Chinese bombers also ...", ", in an apparent provocation ...", ", amid rising tensions")
TRAILING_CLAUSE = re.compile(
    r",\s+(?:(?:potentially|thereby|further)\s+)?(?:(?!(?:during|including|according|regarding|"
    r"concerning|following|saying)\b)[a-z]+ing|with|amid|in\s+an?\s+apparent|followed\s+by)\b"
    r"[^,]*$"
    r"|,\s+which\b.*$"
)
# capitalised words that do not continue a name: a sentence's first words, days and months
# ("The Defense Ministry", "Japan Tuesday")
NOT_A_NAME_WORD = frozenset(
    (
        "The", "A", "An", "And", "But", "Or", "In", "On", "At", "Of", "For", "From", "By",
        "With", "To", "As", "After", "Before", "Meanwhile", "However", "According", "Also",
        "While", "When", "Last", "This", "That", "These", "Those", "Both", "Its", "Their",
        "His", "Her", "Our", "Some", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr",
        "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    )
)  # fmt: skip
# "This was reported by the ministry": the sentence before is the ministry's report
REPORTED_BEFORE = re.compile(
    r"(?:This|That|It)\s+(?:was|has\s+been)\s+(?:reported|announced|stated|said|confirmed)\s+by\b"
)
# Verbs that report speech in the present or that only a remark's subject has ("Reports from
# the Pentagon express concerns", "Peskov rejected these concerns"), beside SPEECH_VERBS: the
# remarks proposer reads them, the date proposer does not
REMARK_VERBS = (
    "express", "expresses", "describe", "describes", "warns", "stresses", "emphasizes",
    "insists", "notes", "announces", "reject", "rejected", "disputed", "relayed", "accuses",
    "urges",
)  # fmt: skip
# the words before a quotation that make it a name, not a remark ("codenamed “North.
# Interaction 2023”", "an exercise dubbed “Joint Sea”")
NAMING_WORDS = re.compile(r"(?i)\b(?:code-?named|dubbed|named|titled|known\s+as|called)\s*$")
# a subject that names the two states of the account ("both nations", "the two countries")
BOTH_STATES = re.compile(
    r"(?i)(?:both|the\s+two)\s+(?:nations|countries|capitals|governments|sides|states|powers)"
)
# a participle that reports the speech of its clause's subject ("..., saying", "..., urging")
SPEECH_PARTICIPLE = re.compile(
    r",\s+(?:and\s+)?(?:saying|adding|stating|describing|calling|accusing|urging|noting|"
    r"warning|stressing|emphasi[sz]ing|insisting|claiming|arguing|citing|asserting)\b"
)
# the nouns of a subject's possessive that make its owner the speaker ("Lisa Murkowski’s
# characterization of the event as an “...”", "the Department of Defense’s report citing")
VOICE_NOUNS = re.compile(
    r"[’']s\s+(?:\w+\s+){0,2}?(?:characterization|description|statement|report|remarks?|words|"
    r"comments?|warning|criticism)\b"
)
