"""New actors (registries/actors.yaml): the entry a draft writes out for a person or a state
the article names that the registries do not know, so that its mentions, the remarks it
makes and the counts it reports are proposed like any registered actor's.

- A person is a name of two or three capitalised words that a title introduces: the words
  right before it ("Defense Minister Nobuo Kishi", "ministry spokesman Kim In-chul",
  "Colonel-General Yunus-bek Yevkurov", "U.S. Secretary of State Antony Blinken") or an
  apposition right after it ("Nikolai Patrushev, secretary of the Security Council"); or a
  name that speaks ("Lee Min-ho said", "said Lisa Murkowski"). Its id
  is the name as the registry writes ids ("nobuo-kishi"); its aliases the full name and,
  when the text names the person so again, the one word of it that stands alone elsewhere
  ("Kishi"; "Wei" for "Wei Fenghe"); its country the one country word of its title, if any;
  its title the title's words.
- A state is a country name ISO 3166 knows (pycountry) that no registered actor spells, for
  a state of a country no registered state holds ("Algeria", "Saudi Arabia").

A name the registries hold in part (a body's name, a place) is never a new actor, and
neither are weekdays, months or words of a body's name. `draft --registry` (or
`add-article`) appends the entries to the registry, as it does new events; without it the
actors are listed in the header as entries to add, and what refers to them is commented
out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import normalize
from ..citing import NameIndex
from ..registries import ActorEntry
from .document import yaml_string
from .new_ships import ship_id

if TYPE_CHECKING:
    from .proposals import Drafter

# a word of a person's name: "Kishi", "Eui-yong", "Yunus-bek", "O'Brien"
_NAME_WORD = r"[A-Z][a-z]+(?:[-'][A-Za-z][a-z]+)?"
# a run of them, one space apart, on word boundaries: a name ends it, its title may open it
# ("Defense Minister Nobuo Kishi")
_CAPITALISED_RUN = re.compile(rf"(?<![\w-]){_NAME_WORD}(?: {_NAME_WORD})+(?![\w-])")
# the words that make the capitalised words after them a person's name
TITLE_WORDS = frozenset((
    "minister", "president", "premier", "chancellor", "spokesman", "spokeswoman",
    "spokesperson", "ambassador", "secretary", "senator", "representative", "adviser",
    "advisor", "general", "admiral", "colonel", "captain", "commander", "chief", "director",
    "governor", "mission", "chairman", "chairwoman", "envoy", "lieutenant", "major", "officer",
    "attache", "attaché", "mayor", "king", "queen", "prince", "leader", "head", "commissioner",
    "marshal", "sergeant",
))  # fmt: skip
# words that are never part of a person's name
_NOT_A_NAME = frozenset((
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "The", "A", "An", "And", "Of", "In", "On", "At", "For", "By",
    "From", "To", "With", "Air", "Sea", "Navy", "Army", "Force", "Forces", "Fleet", "Ministry",
    "Defense", "Defence", "Office", "Staff", "Command", "Council", "Committee", "Agency",
    "News", "Times", "Post", "Institute", "Service", "Government", "Department", "Military",
    "Guard", "Press", "Joint", "Chiefs", "Self", "National", "Foreign", "State", "Security",
    "Strategic", "Northern", "Southern", "Eastern", "Western", "Central", "Pacific", "Ocean",
    "Island", "Islands", "Strait", "Peninsula", "Gulf", "Bay", "Zone", "Exercise", "Patrol",
    "Operation", "Board", "Bureau", "Commission", "Center", "Centre", "Corporation",
    "University", "Union", "Association", "Organization", "Organisation", "Party", "Group",
    "Administration", "Authority", "Authorities", "Academy", "Agency", "Company", "Network",
    "Broadcasting", "Television", "Radio", "Daily", "Herald", "Journal", "Review", "Institute",
    "Foundation", "Fund", "Bank", "Court", "Parliament", "Assembly", "Congress", "Senate",
    "Kremlin", "Pentagon", "House", "Headquarters", "Division", "Brigade", "Regiment", "Corps",
    "Flotilla", "Squadron", "Unit", "Base", "Port", "City", "Province", "Region", "Street",
))  # fmt: skip
# capitalised words that open a sentence, no title's
_OPENERS = frozenset((
    "But", "And", "It", "The", "A", "An", "In", "On", "While", "When", "As", "After", "Before",
))  # fmt: skip
# the clause's start before a title: a comma, a bracket, a sentence's end, a line break
_CLAUSE_START = re.compile(r"[,;:()\[\]\n.!?\u201c\u201d\"]")


@dataclass
class NewActor:
    """A registry entry the draft proposes for an actor the registries do not know."""

    id: str
    name: str
    type: str  # person or state
    country: str | None
    title: str | None
    aliases: tuple[str, ...]
    source_id: str

    def written(self) -> str:
        """The header line that says the entry was written into the registry."""
        return (
            f"actor {self.id} ({self.type}) in registries/actors.yaml: confirm its name, "
            "country, title, parent and aliases"
        )

    def to_add(self, why: str | None = None) -> str:
        """The header line that lists the entry as one to add."""
        return (
            f"actor {self.id} ({self.name!r}, {self.type}): `draft --registry` writes it into "
            "registries/actors.yaml" + (f" ({why})" if why else "")
        )

    def yaml_lines(self) -> list[str]:
        return [
            f"# drafted from {self.source_id}: confirm the name, country, title and parent",
            f"- id: {self.id}",
            f"  name: {yaml_string(self.name)}",
            f"  type: {self.type}",
            f"  country: {self.country or 'null'}",
            f"  title: {yaml_string(self.title) if self.title else 'null'}",
            "  parent: null",
            f"  aliases: [{', '.join(yaml_string(a) for a in self.aliases)}]",
        ]

    def entry(self) -> ActorEntry:
        """The actor as the drafter's registries hold it, so that the article's words name it."""
        return ActorEntry(
            self.id, self.name, self.type, self.country, self.title, None, self.aliases,
            "(draft)", None,
        )  # fmt: skip


def _is_title(word: str) -> bool:
    """A title word, also as the last part of a hyphenated one ("Colonel-General")."""
    return word.casefold().strip(".,") in TITLE_WORDS or word.split("-")[-1].casefold() in (
        TITLE_WORDS
    )


def _clause_before(text: str, start: int) -> str:
    """The words of the clause before `start`: back to a comma, a bracket, a quotation mark,
    a sentence's end or a line break, at most 80 characters."""
    lo = max(0, start - 80)
    clause = max((m.end() for m in _CLAUSE_START.finditer(text, lo, start)), default=lo)
    return text[clause:start]


def _title_before(text: str, start: int) -> str | None:
    """The title right before a name at `start`: the capitalised words, "of" and title words
    back from it ("U.S. Secretary of State", "ministry spokesman", "Lieutenant Colonel"), if
    they hold a title word; else None."""
    run: list[str] = []
    # a title set off by a comma: "China's leader, Xi Jinping"
    comma = re.search(r"(\S+),[ \t]+$", text[max(0, start - 40) : start])
    if comma and not _clause_before(text, start).strip() and _is_title(comma.group(1)):
        start -= len(comma.group()) - len(comma.group(1))
    for word in reversed(_clause_before(text, start).split()):
        if word in _OPENERS or not (word[:1].isupper() or word == "of" or _is_title(word)):
            break
        run.insert(0, word)
    while run and run[0] == "of":
        run.pop(0)
    return " ".join(run) if any(_is_title(w) for w in run) else None


def _apposition_after(text: str, end: int) -> str | None:
    """The apposition after a name that holds a title (", secretary of the Security Council
    of Russia"): its words to the clause's end, else None."""
    m = re.match(r",\s+(?:(?:the|a|an|its|their)\s+)?([\w-]+(?:\s+[\w-]+){0,3})", text[end:])
    if not m or not any(_is_title(w) for w in m.group(1).split()):
        return None
    rest = text[end + 1 : end + 81]
    stop = _CLAUSE_START.search(rest)
    return rest[: stop.start()] if stop else rest


def _speaks(text: str, start: int, end: int) -> bool:
    """The name is the subject of a speech verb: "Lee Min-ho said", ", said Lee Min-ho."."""
    from .patterns import SPEECH_VERB

    after = re.match(rf"\s+(?:also\s+|later\s+)?{SPEECH_VERB}\b", text[end : end + 40])
    before = re.search(rf"\b{SPEECH_VERB}\s+$", text[max(0, start - 30) : start])
    return bool(after or before)


def _country_of(title: str) -> str | None:
    """The one country the title's words name ("Russian Defense Minister": RUS)."""
    from .patterns import DEMONYMS

    codes = set()
    for word, code in DEMONYMS.items():
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", title):
            codes.add(code)
    words = title.split()
    for n in (1, 2):
        for i in range(len(words) - n + 1):
            try:
                codes.add(normalize.country_code(" ".join(words[i : i + n])))
            except ValueError:
                continue
    return codes.pop() if len(codes) == 1 else None


def _short_form(d: Drafter, name: str, taken: set[str]) -> str | None:
    """The one word of the name the text also names the person by alone ("Kishi"), the last
    word before the first; None if the text never does."""
    body = d.text[: d.end]
    full = [(m.start(), m.end()) for m in re.finditer(re.escape(name), body)]
    words = name.split()
    for word in (words[-1], words[0]):
        if word in taken:
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", body):
            inside = any(lo <= m.start() < hi for lo, hi in full)
            # not before another capitalised word: "Wei Fenghe" is not "Wei" alone
            if not inside and not re.match(r" [A-Z]", body[m.end() : m.end() + 2]):
                return word
    return None


def people(d: Drafter) -> list[NewActor]:
    """The persons the body names with a title whom no registered actor spells."""
    taken = {a for e in d.registries.actors for a in e.aliases}
    found: dict[str, NewActor] = {}
    for m in _CAPITALISED_RUN.finditer(d.text, 0, d.end):
        run = m.group().split()
        # the name is the run's last words that are neither title nor other words: two or
        # three of them ("General Jens Stoltenberg": "Jens Stoltenberg")
        words: list[str] = []
        for word in reversed(run):
            if _is_title(word) or word in _NOT_A_NAME or len(words) == 3:
                break
            words.insert(0, word)
        if len(words) < 2:
            continue
        name = " ".join(words)
        start = m.end() - len(name)
        end = m.end()
        if name in found or name in taken or d.in_headline(start):
            continue
        if any(d.names.covering(d.text, lo, hi) for lo, hi in _word_spans(start, words)):
            continue
        # a country's name, or one inside the run ("South Africa emphasized"), is no person's
        spans = [(i, j) for i in range(len(words)) for j in range(i + 1, len(words) + 1)]
        if any(normalize.country_of_name(" ".join(words[i:j])) for i, j in spans):
            continue
        title = _title_before(d.text, start)
        apposition = None if title else _apposition_after(d.text, end)
        if title is None and apposition is None and not _speaks(d.text, start, end):
            continue
        if title is None and re.search(r"(?<![\w-])[Tt]he\s+$", d.text[max(0, start - 5) : start]):
            continue  # "the Haenam Maritime Board": a body's name, not a person's
        short = _short_form(d, name, taken)
        aliases = (name, short) if short else (name,)
        taken.update(aliases)  # one spelling, one actor: two new persons never share one
        # the one country the clause before the name names ("South Korea's top security
        # adviser"), else none
        country = (
            _country_of(apposition)
            if apposition
            else _country_of(title or "") or _country_of(_clause_before(d.text, start))
        )
        found[name] = NewActor(ship_id(name), name, "person", country, title, aliases,
                               d.source_id)  # fmt: skip
    return list(found.values())


def _word_spans(start: int, words: list[str]) -> list[tuple[int, int]]:
    spans, at = [], start
    for word in words:
        spans.append((at, at + len(word)))
        at += len(word) + 1
    return spans


def states(d: Drafter) -> list[NewActor]:
    """The states the body names by a country name that no registered actor spells, of a
    country no registered state holds, and not only as a place ("ministers in Romania")."""
    from .patterns import LOCATIVE

    held = {e.country for e in d.registries.actors if e.type == "state"}
    taken = {a for e in d.registries.actors for a in e.aliases}
    found: dict[str, NewActor] = {}
    for m in re.finditer(r"(?<![\w-])[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?![\w-])", d.text[: d.end]):
        # the longest country name the capitalised words start with ("Saudi Arabia")
        words = m.group().split()
        for n in range(len(words), 0, -1):
            spelling = " ".join(words[:n])
            code = normalize.country_of_name(spelling)
            if code is None:
                continue
            at = m.start()
            if (
                code in held
                or spelling in taken
                or d.names.covering(d.text, at, at + len(spelling)) is not None
                or d.in_headline(at)
            ):
                break
            if not LOCATIVE.search(d.text[max(0, at - 60) : at]) and spelling not in found:
                found[spelling] = NewActor(ship_id(spelling), spelling, "state", code, None,
                                           (spelling,), d.source_id)  # fmt: skip
            break
    return list(found.values())


def propose(d: Drafter) -> None:
    """Write out the persons and states the registries do not know, and add them to the
    drafter's registries so that every proposer reads them as known."""
    new = [*people(d), *states(d)]
    ids = {e.id for e in d.registries.actors}
    new = [a for a in new if a.id not in ids]
    if not new:
        return
    d.new_actors += new
    d.registries.actors = [*d.registries.actors, *(a.entry() for a in new)]
    for a in new:
        d.actor_country[a.id] = a.country
        d.actor_type[a.id] = a.type
    d.names = NameIndex(
        [a for e in (*d.registries.actors, *d.registries.places) for a in e.aliases]
    )
