"""The clause of a sentence that names an event, as the editors quote it in an event
mention: not the whole sentence, but the words that tell what happened, cut where the
sentence goes on to something else.

A sentence is cut into clauses at the words that open another one (`_OPENS`): ", which"
to the sentence's end, " but ", a participle after a comma (", prompting South Korea to
scramble ...", ", skirting the coast"), a second predicate (", and entered ..."), " in a
show of", " in what", " amid ", " accusing", ", saying", "and that", who said it (", the
minister said, ...", '," the press service said'), a dash aside, and " after <clause>" (each
event of "Japan scrambled fighter jets after Chinese and Russian bombers conducted joint
flights" is quoted by its own clause). The clause quoted is the one holding the words that
made the event match (the scramble words for a scramble, the patrol words for the patrol).
From it are dropped:

- a dateline, and a leading adverbial before the subject ("In a bold display of military
  cooperation, ", "In response, ", "On Friday, ", "Furthermore, "), unless it holds the
  event's words ("At a recent summit in Washington, NATO countries issued a joint
  statement"); an event named in passing in such a phrase is quoted by it ("In a report on
  Arctic security published on Monday");
- "X said (on ...) that" (who reported it), and the opening mark of a quotation that
  closes after the clause;
- a date phrase that ends a clause the sentence goes on after ("... together early on
  Tuesday, the defence ministry said"): the date is the `date:` claim's quote, not the
  mention's; a date at the sentence's own end, or a range of days, stays;
- a closing "for the first time": the sequence claim's quote.

A sentence that puts one event after another quotes each by its part (`ordered_clauses`);
a count of patrols is quoted with the verb it is the object of (`verb_before`, used by the
sequence proposer: "have executed their first joint bomber patrol").

Functions of plain text, so that the rules are tested on small sentences.
"""

from __future__ import annotations

import re

from .patterns import SPEECH_VERB

# where a sentence opens another clause: each pattern spans the words between two clauses;
# a marker that belongs to the clause it opens is looked ahead at ("..., prompting South
# Korea to scramble" keeps "prompting"), one that does not is spanned (" but ", "saying").
_OPENS: tuple[re.Pattern[str], ...] = (
    # a relative clause to the sentence's end (one closed by a comma is an aside within it:
    # "The exercises, which were held from July 20 through 23, ended")
    re.compile(r",\s+(?=which\b[^,]*$)"),
    re.compile(r",?\s+but\s+"),
    # a participle after a comma: ", prompting ...", ", skirting ...", ", marking ..."; not
    # the prepositions that end in -ing ("during", "including", "according")
    re.compile(
        r",\s+(?=(?!(?:during|including|according|regarding|concerning|following|"
        r"saying|bring|string|thing|spring|king|morning|evening)\b)[a-z]+ing\b)"
    ),
    # a second predicate of the subject: "The navies conducted a patrol ..., and entered"
    re.compile(
        r",\s+and\s+(?=(?:then\s+|later\s+|also\s+)?[a-z]+ed\b|(?:will|would|is|are|was|were)\b)"
    ),
    re.compile(r",\s+(?=followed\s+by\b)"),
    # who said it, after the clause: ", said Zhang Xiaogang, spokesperson for the ministry"
    re.compile(rf",\s+{SPEECH_VERB}\s+(?=(?:an?|the)\s|[A-Z])[^“”\"]*$"),
    # what has been since: "took place in 2021 and has been conducted annually since then"
    re.compile(r",?\s+and\s+(?=(?:has|have)\s+(?:since|been)\b)"),
    re.compile(r",\s+saying\s+(?:that\s+)?"),
    re.compile(r"\s+(?=in\s+(?:a|an)\s+(?:show|display|demonstration)\s+of\b)"),
    re.compile(r"\s+(?=in\s+what\b)"),
    re.compile(r",?\s+(?=amid\b)"),
    re.compile(r",?\s+(?=accusing\b)"),
    re.compile(r",?\s+and\s+that\s+"),
    # the hashtags closing a post: "... in the Asia-Pacific region #RussianArmy"
    re.compile(r"\s+(?=#\w)"),
    # an aside set off by dashes: "over Dokdo - an island that is occupied by ..."
    re.compile(r"\s+[-–—]\s+(?=[a-z])|—(?=[a-z])"),
    # who reported it, within the sentence: "..., Defense Minister Nobuo Kishi said, in an
    # apparent provocation ...", "..., according to the ministry, ..."
    re.compile(
        rf",\s+(?:according\s+to\s+[^,“”\"]{{1,60}}|[^,“”\"]{{1,60}}?\b{SPEECH_VERB})"
        r"(?:\s+(?:on\s+)?[A-Z]\w+)?,\s+"
    ),
    # who said the quoted words, after them: '... in the Pacific," the press service said'
    re.compile(rf"[,.]?[”\"]\s+[^“”\"]{{0,80}}?\b(?:{SPEECH_VERB}|notes|reads)\b[^“”\"]*$"),
)
_OPENING_MARKS = '"“‘'
# "after" followed by a clause of its own (a subject, then a verb within a few words):
# "after Chinese and Russian bombers conducted joint flight operations"
AFTER_CLAUSE = re.compile(
    r"\s+after\s+(?=(?:[\w’'().-]+\s+){1,7}?(?:had\s+|have\s+|has\s+)?"
    r"(?:[a-z]+ed|flew|met|made|took|sent|ran|began|held)\b)"
)
# a leading adverbial set off by a comma before the subject: a time, a connective, a manner
LEADING = re.compile(
    r"(?:(?:[Ii]n\s+response|Meanwhile|However|Furthermore|Moreover|Separately|Also|Additionally|"
    r"In\s+addition|At\s+that\s+time(?:\s+as\s+well)?|At\s+the\s+same\s+time|This\s+time|"
    r"(?:Earlier|Later)\s+(?:this|last|that)\s+\w+|Last\s+\w+|This\s+\w+|"
    r"On\s+[A-Z]\w+(?:\s+\d{1,2})?|In\s+(?:early\s+|mid-|late\s+)?[A-Z][a-z]+(?:\s+\d{4})?|"
    r"(?:[Oo]n|[Ii]n)\s+(?:a|an|the)\s+[^,“”\"]{1,60}?|According\s+to\s+[^,“”\"]{1,80}?),\s+)+"
)
# a dateline before the report: "ABOARD DESTROYER YINCHUAN, July 15, (Xinhua/GNA) — "
DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,60}(?:,[^\n—–]{1,40}?)?\s*(?:--|—|–)\s*")
# who reported it, before the clause: "the Joint Chiefs of Staff (JCS) said on the 27th that "
REPORTED_THAT = re.compile(
    rf"[^,“”\"]{{0,80}}?\b(?:{SPEECH_VERB}|believing|noting|stating|adding)\b(?:\s+[^,“”\"]{{1,40}}?)?\s+that\s+(?=\S)"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# one day, week or month ending a clause: " early on Tuesday", " on October 13", " in early
# July", " last month", " on the 27th", " that day"; not a range ("from October 14 to 17")
TRAILING_DATE = re.compile(
    r"\s+(?:(?:early|late)\s+)?(?:(?:on|in|around|by)\s+)?(?:(?:early|late)\s+|mid-)?"
    rf"(?:{_WEEKDAY}|{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?"
    rf"|{_MONTH}(?:\s+\d{{4}})?|the\s+\d{{1,2}}(?:st|nd|rd|th)|(?:last|this|that)\s+"
    r"(?:week|month|year|day))(?:\s+(?:morning|afternoon|evening|night))?$"
)

# a count closing the clause: "passed through the Tsugaru Strait for the first time"; not
# "for the first time in history"
FOR_THE_NTH_TIME = re.compile(r",?\s+for\s+the\s+[a-z]+\s+time$")

# the end of a range a trailing day may close: "from Friday to Saturday"
RANGE_BEFORE = re.compile(r"\b(?:to|through|until|till|and|from|between)$")


def clause_bounds(sentence: str, *, after: bool = True) -> list[tuple[int, int]]:
    """The clauses of a sentence as spans, in order; `after`: " after <clause>" opens one
    (not where the sentence orders two events of its own: "The patrol was conducted after
    a joint exercise")."""
    cuts: list[tuple[int, int]] = []
    for pattern in _OPENS:
        cuts += [m.span() for m in pattern.finditer(sentence)]
    if after:
        cuts += [m.span() for m in AFTER_CLAUSE.finditer(sentence)]
    spans: list[tuple[int, int]] = []
    start = 0
    for a, b in sorted(cuts, key=lambda cut: (cut[0], -cut[1])):  # the longest first
        if a < start:
            continue  # within a cut already made
        spans.append((start, a))
        start = b
    spans.append((start, len(sentence)))
    return [(a, b) for a, b in spans if b > a]


def event_clause(
    sentence: str,
    anchors: list[tuple[int, int]],
    *,
    after: bool = True,
    more: bool = False,
    passing: bool = False,
) -> tuple[int, int]:
    """The span of the clause that names the event whose words stand at `anchors` (spans in
    the sentence, the first taken), its leading adverbial, its "X said that" and its
    closing date phrase left out; the first clause when no anchor is given. `more`: the
    sentence went on after these words (who reported it was cut off). `passing`: an event
    named in passing (a report, a summit), quoted by the leading phrase that names it ("In
    a report on Arctic security published on Monday, the Pentagon predicted ...")."""
    spans = clause_bounds(sentence, after=after)
    anchor = min(anchors) if anchors else None
    if anchor is None:
        lo, hi = spans[0]
    else:
        lo, hi = next(((a, b) for a, b in spans if a <= anchor[0] < b), spans[0])
        # the event's words run on past a cut: the clause reaches to their end
        hi = max(hi, next((b for a, b in spans if a < anchor[1] <= b), hi))
    lead = LEADING.match(sentence, lo) if passing and anchor is not None else None
    if lead is not None and anchor is not None and anchor[1] <= lead.end():
        return lo, lo + len(lead.group().rstrip(", "))
    start = lo + _lead(sentence[lo:hi], anchor[0] - lo if anchor else None)
    if start < hi and sentence[start] in _OPENING_MARKS and _unclosed(sentence[start:hi]):
        start += 1  # the quotation it opens closes after the clause: the words alone
    words = sentence[start:hi]
    m = TRAILING_DATE.search(words) if more or hi < len(sentence) else None
    if (
        m is not None
        and (anchor is None or start + m.start() >= anchor[1])
        and not RANGE_BEFORE.search(words, 0, m.start())
    ):
        hi = start + m.start()
    if (m := FOR_THE_NTH_TIME.search(sentence, start, hi)) is not None:
        hi = m.start()  # the count is the sequence claim's quote
    return start, hi


def _unclosed(words: str) -> bool:
    """The quotation mark opening `words` is not closed within them."""
    mark = words[0]
    if mark == '"':
        return words.count('"') % 2 == 1
    return words.count("”" if mark == "“" else "’") == 0


def _lead(clause: str, anchor: int | None) -> int:
    """Where the clause's own words begin: after a dateline, a leading adverbial and "X said
    that", unless the event's words stand within them."""
    at = 0
    for pattern in (DATELINE, LEADING, REPORTED_THAT):
        m = pattern.match(clause, at)
        if m is not None and (anchor is None or m.end() <= anchor):
            at = m.end()
    return at


# the verb a count of patrols is the object of, with its auxiliary and adverb, right before
# it: "have executed", "had completed", "recently conducted", "will conduct", "wrapped up";
# not a participle that names the event ("dubbed", "codenamed")
VERB_GROUP = re.compile(
    r"(?:\b(?:have|has|had|will|would|to)\s+)?(?:\b(?:recently|already|also|successfully)\s+)?"
    r"\b(?:(?!(?:dubbed|named|codenamed|called|titled|planned|scheduled)\b)[a-z]+ed(?:\s+up)?"
    r"|conduct|hold|held|fly|flew|stage|complete|launch|begin|began|carry\s+out|wrap\s+up|"
    r"undertake|undertook|make|made|finish)\s+$"
)


def verb_before(text: str, lo: int, at: int) -> int:
    """Where the verb group that takes the words at `at` as its object begins ("concluded
    their fourth joint naval patrol": the editors quote the verb with its object), searched
    from `lo`; `at` when none stands right before them."""
    m = VERB_GROUP.search(text, max(lo, at - 40), at)
    return m.start() if m is not None else at


# what stands between "after" and the earlier event: "follows the conclusion of the drills"
_CONCLUSION_OF = re.compile(r"\s*(?:the\s+)?(?:conclusion|end|completion)\s+of\s+|\s*")
# a marker the editors quote with the earlier event: a participle ("having first participated
# in the drill", "after participating in the exercise", "following joint drills")
_PARTICIPIAL = re.compile(r"(?i)having\b|following\b|after\s+[a-z]+ing\b")


def ordered_clauses(
    sentence: str, marker: tuple[int, int], earlier_end: int | None
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The spans a sentence that puts one event after another ("after", "followed", at
    `marker`) quotes for each: the later one from the start to the end of the earlier one's
    words (`earlier_end`: "The bomber patrol followed joint naval maneuvers"), or to the
    marker where a comma sets it off ("The joint patrol was launched in early August, after
    ..."); the earlier one from after the marker ("the conclusion of" left out; a
    participle kept: "having first participated in the drill") to the end, its days with it
    ("a joint exercise ..., which took place from Aug. 1 to 5")."""
    a, b = marker
    before = sentence[:a].rstrip()
    if before.endswith(","):
        later = (0, len(before) - 1)
    else:
        later = (0, earlier_end if earlier_end is not None and earlier_end > b else len(sentence))
    if _PARTICIPIAL.match(sentence, a):
        return later, (a, len(sentence))
    return later, (_CONCLUSION_OF.match(sentence, b).end(), len(sentence))  # type: ignore[union-attr]
