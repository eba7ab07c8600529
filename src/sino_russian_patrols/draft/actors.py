"""Actor mentions: every registered spelling on word boundaries, never inside a longer
registered name. Proposed commented out: a name followed by a body or a title it is part of
("South Korea's presidential office", "NATO Secretary-General") or a noun it qualifies
("Russian military aircraft"), a body named after another country's word
("Chinese Defense Ministry" read as the Japanese "Defense Ministry"), and a place name after a
preposition (a location, not the actor) unless a possessive or a compound makes it a party
("from Russia’s Eastern Military District", "in the Russia-China drills").

A name the text writes in a way the registry does not list (another case after the first
letter, another apostrophe or dash, "US" for "U.S.", "Defence" for "Defense", look-alike
letters) is proposed with the text's own words as the quote. The build knows only registered
spellings: the spelling is written into the actor's aliases (`draft --registry`,
draft/new_aliases.py) and the mention asserted; a name in capitals ("TOKYO", as a dateline
writes its place) is commented out, the spelling listed to add. A body's name with its own
country's word right before it ("Japan's Defense Ministry", "Russian Pacific Fleet") is one
mention, as the curated files quote it, its spelling written in the same way. The remarks
proposer reads these spellings too, so that "Russia’s defense ministry said" names its
speaker.

A body's spelling the registry does not list is read from the ones it does
(draft/actor_forms.py): its country written another way ("Aerospace Forces of Russia" for
"Russian Aerospace Forces"), its head word moved ("Chinese Defense Ministry"), its name
without its country's word ("Air Self-Defense Force"), an acronym ("PLA Air Force", "ASDF",
"the Joint Chiefs of Staff (JCS)"), a state's first word as an initial ("S Korea"), and a
body named again by its demonym and head word ("The Russian ministry said"). Each is asserted
and its spelling written in, unless another country's word stands before it. When another
country's body writes its name the same way, the country word before it in the sentence
says whose it is. A body the curated files quote apart from its country's possessive
("Russia’s Pacific Fleet": "Russia", "Pacific Fleet") is quoted so.

A dateline is no mention ("Tokyo, June 8"), but the text after it on the same line is the
article's ("MOSCOW, October 14. /TASS/. The Russian and Chinese navies ..."), and so is a
line that states the date but for a place at its head ("Xinhua) 17:00, July 12, 2024").
"""

from __future__ import annotations

import copy
import functools
import re
from typing import TYPE_CHECKING, NamedTuple

from ..citing import is_word_at
from ..normalize import country_code, country_words, fold_chars
from ..spans import occurrences
from .actor_forms import (
    BRACKETED,
    acronym_forms,
    body_forms,
    demonym,
    government_forms,
    initial_forms,
    is_acronym_of,
    possessive_apart,
)
from .document import Item, quote_entry
from .new_aliases import NewAlias
from .patterns import DATELINE_HEAD, LOCATIVE, NOT_A_NAME_WORD

if TYPE_CHECKING:
    from .proposals import Drafter


class Mention(NamedTuple):
    """A name in the text: where, which actor, and the registered spelling it is written as
    (None when the text writes it exactly so); `by_country` when it is read through the
    country's words of a body's spelling ("China’s Ministry of Defense" for "Chinese
    Ministry of Defense", "the Russian ministry"), the speakers' `country's body` reading."""

    start: int
    end: int
    actor: str
    registered: str | None = None
    by_country: bool = False


# British and American spellings of one word ("Defence", "Defense", "organisation"): the
# letter that differs matches either
_VARIANT_LETTER = re.compile(r"(?i)(?<=defen)[cs](?=e)|(?<=offen)[cs](?=e)|(?<=organi)[sz]")
_APOSTROPHES = "’'‘`"
# a spelling that opens with a possessive ("Russia’s Pacific Fleet")
_POSSESSIVE = re.compile(r"(?:(?:South|North)\s+)?[A-Z][a-z]+[’']s\s")


@functools.cache
def spelling_pattern(alias: str) -> re.Pattern[str] | None:
    """The other ways a text may write a registered spelling, matched against
    `normalize.fold_chars(text)` (look-alike letters and dashes folded): any case after the
    first letter, any apostrophe, a dash or a space between words, the periods of an
    abbreviation left out ("US" for "U.S."), British or American spelling. None for a spelling
    of three characters or fewer ("US", "PLA"), which another case would make a common word."""
    folded = fold_chars(alias)
    if len(folded) <= 3:
        return None
    variant = {m.start(): m.group(0) for m in _VARIANT_LETTER.finditer(folded)}
    out = []
    for i, c in enumerate(folded):
        if i in variant:
            out.append("[cs]" if c.lower() in "cs" else "[sz]")
        elif c.isalpha():
            out.append(re.escape(c) if i == 0 else f"[{re.escape(c.lower() + c.upper())}]")
        elif c in _APOSTROPHES:
            out.append(f"[{_APOSTROPHES}]")
        elif c in "- ":
            out.append(r"[-\s]")
        elif c == ".":
            out.append(r"\.?")
        else:
            out.append(re.escape(c))
    return re.compile("".join(out))


# a place before a comma at the head of a line that states the date ("Moscow, 12 July 2024")
_PLACE_HEAD = re.compile(r"[A-Z][A-Za-z .’'-]{1,30},")


def past_dateline(d: Drafter) -> Drafter:
    """The drafter whose skipped spans are cut to the dateline itself, so that the text after
    it on its line is read ("MOSCOW, October 14. /TASS/. The Russian ... navies"). A line
    skipped because it states the date keeps only a place at its head skipped: the agency
    of a byline ("Xinhua) 17:00, July 12, 2024") is a mention, and so is every name of a
    subheading that ends with a date."""
    spans = []
    for lo, hi in d.skip:
        m = DATELINE_HEAD.match(d.text, lo, hi) or _PLACE_HEAD.match(d.text, lo, hi)
        spans.append((lo, m.end()) if m else (lo, lo))
    if spans == list(d.skip):
        return d
    view = copy.copy(d)
    view.skip = spans
    return view


def other_spellings(d: Drafter) -> list[Mention]:
    """Names written in a way the registry does not list, each with the registered spelling
    it matches; never inside a longer registered name, never over a registered spelling."""
    d = past_dateline(d)
    text = d.text
    folded = fold_chars(text[: d.end])
    registered = {a for e in (*d.registries.actors, *d.registries.places) for a in e.aliases}
    found: list[Mention] = []
    spellings = [(e.id, alias, alias, False) for e in d.registries.actors for alias in e.aliases]
    actors = tuple(d.registries.actors)
    spellings += [(a, form, alias, False) for form, (a, alias) in _forms(d).items()]
    spellings += [(a, form, alias, True) for form, (a, alias) in body_forms(actors).items()]
    for actor, spelling, alias, by_country in spellings:
        pattern = spelling_pattern(spelling)
        if pattern is not None:
            for m in pattern.finditer(folded):
                start, end = m.span()
                written = text[start:end]
                if written in registered or not is_word_at(text, start, end):
                    continue
                if any(lo <= start < hi for lo, hi in d.skip):
                    continue
                if d.names.covering(text, start, end) is not None:
                    continue
                found.append(Mention(start, end, actor, alias, by_country))
    exact = [Mention(*m) for m in d.mentions(d.registries.actors)]
    # a registered spelling of the body inside ("Pacific Fleet" in "Russia's Pacific Fleet")
    # names it: no reading through the country's words
    found = [
        m._replace(by_country=False)
        if any(m.start <= x.start and x.end <= m.end and x.actor == m.actor for x in exact)
        else m
        for m in found
    ]
    found += bracketed(d, [*exact, *found], registered)
    found += named_again(d, [*exact, *found], registered)
    # a body the curated files quote apart from its country's possessive ("Russia’s Pacific
    # Fleet"): the country and the body are two mentions, each read on its own
    apart = possessive_apart(d.root, d.source_id)
    found = [m for m in found if not (m.actor in apart and _POSSESSIVE.match(text, m.start, m.end))]
    # the longest at each place, and none over another
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in found:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def bracketed(d: Drafter, named: list[Mention], registered: set[str]) -> list[Mention]:
    """The acronym a text gives in brackets right after a body's name ("the Joint Chiefs of
    Staff (JCS)", "People's Liberation Army Navy (PLA Navy)"), where it writes it in brackets
    and wherever else: a spelling of that body (actor_forms.is_acronym_of)."""
    text, found = d.text, []
    for m in named:
        if d.actor_type.get(m.actor) in ("state", "person"):
            continue
        b = BRACKETED.match(text, m.end)
        acronym = b.group(1) if b else None
        if acronym is None or acronym in registered:
            continue
        if not is_acronym_of(acronym, text[m.start : m.end], d.actor_country.get(m.actor)):
            continue
        for start in occurrences(text[: d.end], acronym):
            end = start + len(acronym)
            if is_word_at(text, start, end) and d.names.covering(text, start, end) is None:
                found.append(Mention(start, end, m.actor, text[m.start : m.end]))
    return list(dict.fromkeys(found))


def named_again(d: Drafter, named: list[Mention], registered: set[str]) -> list[Mention]:
    """A body named again by its country's demonym and its head word in lower case ("The
    Russian ministry said", after "the Russian Defence Ministry"): the one body of that
    country the text named before with a spelling that ends in that word."""
    text, found = d.text, []
    for m in re.finditer(r"\b((?:South |North )?[A-Z][a-z]+) ([a-z]+)\b", text[: d.end]):
        start, end = m.span()
        if m.group(0) in registered or d.names.covering(text, start, end) is not None:
            continue
        if any(lo <= start < hi for lo, hi in d.skip):
            continue
        country = next((c for c in d.actor_country.values() if c and demonym(m[1], c)), None)
        if country is None:
            continue
        before = {
            n.actor
            for n in named
            if n.end <= start
            and d.actor_country.get(n.actor) == country
            and d.actor_type.get(n.actor) not in ("state", "person")
            and text[n.start : n.end].split()[-1].casefold() == m[2]
        }
        if len(before) == 1:
            actor = before.pop()
            first = next(n for n in named if n.actor == actor and n.end <= start)
            found.append(Mention(start, end, actor, text[first.start : first.end], True))
    return found


def _forms(d: Drafter) -> dict[str, tuple[str, str]]:
    """The acronyms, initials and governments the registered names give
    (draft/actor_forms.py), with the actor and the registered spelling each comes from."""
    actors = tuple(d.registries.actors)
    return {**initial_forms(actors), **acronym_forms(actors), **government_forms(actors)}


def speaker_mentions(d: Drafter) -> list[Mention]:
    """The actors a speech tag may name: registered spellings that no country word before
    contradicts and that are not part of a longer name, and the spellings the registry does
    not list (a registered name inside one of those is part of it: "Russia" in "Russia’s
    defense ministry")."""
    view = past_dateline(d)
    others = other_spellings(d)
    exact = [
        Mention(*m)
        for m in view.mentions(d.registries.actors)
        if not d.other_country(m[0], m[2]) and not d.inside_a_name(*m)
    ]
    exact = [m for m in exact if not any(o.start <= m.start and m.end <= o.end for o in others)]
    return sorted([*exact, *others])


def asserted(d: Drafter) -> set[str]:
    """The actors the draft's asserted mentions name (a claim may name only those)."""
    ids = set()
    for item in d.draft.items:
        if item.section == "actors" and item.unsure is None:
            ids.add(item.lines[0].rsplit("# ", 1)[-1].strip())
    return ids


def _is_a_party(text: str, end: int) -> bool:
    """A possessive or a compound after a name makes the state a party, not a location
    ("from Russia’s Eastern Military District", "in the Russia-China drills")."""
    return re.match(r"[’']s\b|-[A-Z]", text[end : end + 3]) is not None


def _title_case(line: str) -> bool:
    """A headline or a subheading: no closing period, most of its longer words capitalised."""
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", line) if len(w) > 3]
    if line.rstrip().endswith((".", "”", '"')):
        return False
    return len(words) >= 2 and sum(w[0].isupper() for w in words) * 3 >= len(words) * 2


@functools.cache
def _body_words(actors: tuple) -> frozenset[str]:
    """The capitalised words of the registered names of bodies (ministries, forces, media):
    "Forces", "Navy", "Ministry", "Defense" ..."""
    words = set()
    for e in actors:
        if e.type not in ("state", "person"):
            for name in (e.name, *e.aliases):
                words |= {w for w in re.findall(r"[A-Z][a-z]+", name)}
    return frozenset(words - NOT_A_NAME_WORD)


def longer_name(d: Drafter, start: int, end: int, actor_id: str) -> str | None:
    """The words around a body's or a state's name that make it part of a longer name the
    registry does not know, or None: a capitalised word right after it ("the Korea Air
    Defence Identification Zone", "the U.S. Naval Institute") or right before it ("the
    Japanese Defense Ministry", "China's National Defense Ministry"), or a body's word and
    "of" before it ("Aerospace Forces of Russia", "the Ministry of Defense of China"), a title
    and "of" ("Commander of the Pacific Fleet’s flotilla"), or a zone of the state's after it
    ("Japan’s territorial airspace", a place's name). A
    person's title is no part of the name; a headline capitalises every word; a possessive
    ("Russia’s Pacific Fleet"), the body's own country ("the Japanese Defense Ministry") and a
    compound of countries ("U.S.-Canadian") are parties. A
    one-word spelling of a person followed by a capitalised word is another person's name
    ("Zhang" in "Zhang Long")."""
    text = d.text
    person = d.actor_type.get(actor_id) == "person"
    if person and " " in text[start:end]:
        return None
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    if _title_case(text[lo : len(text) if hi == -1 else hi]):
        return None
    after = re.match(r"[ \u00a0]([A-Z][\w’'.-]*)", text[end : end + 40])
    if after and after.group(1).rstrip(".") not in NOT_A_NAME_WORD:
        # the whole name: every capitalised word after ("the Korea Air Defence
        # Identification Zone")
        run = re.match(r"(?:[ \u00a0][A-Z][\w’'-]*(?:\.(?=\w))?)+", text[end : end + 80])
        return text[start : end + (run.end() if run else after.end())]
    if person:  # "Zhang Long" is not Zhang; a title before a name is no part of it
        return None
    before = re.search(r"(?:^|[^\w’'.-])([A-Z][\w.]*)[ \u00a0]$", text[max(lo, start - 40) : start])
    if (
        before
        and before.group(1).rstrip(".") not in NOT_A_NAME_WORD
        and not _own_country(d, before.group(1), actor_id)
    ):
        # the whole name: the capitalised words before, a possessive among them ("China's
        # National Defense Ministry")
        run = re.search(r"(?:[A-Z][\w.’']*[ \u00a0])+$", text[max(lo, start - 80) : start])
        words = run.group(0).split() if run else [before.group(1)]
        while words and words[0].rstrip(".") in NOT_A_NAME_WORD:
            words = words[1:]
        return " ".join((*words, text[start:end])) if words else text[start:end]
    of = re.search(r"\b([A-Z][a-z]+)\s+of\s+(?:the\s+)?$", text[max(lo, start - 60) : start])
    if of and of.group(1) in _body_words(tuple(d.registries.actors)) | _TITLES:
        return text[start - len(of.group(0)) : end]
    zone = _ZONE.match(text, end)
    if zone and d.actor_type.get(actor_id) == "state":
        return text[start : zone.end()]
    return None


# a title before "of" ("Commander of the Pacific Fleet’s flotilla"): the name is the title's
_TITLES = frozenset(
    ("Commander", "Chief", "Head", "Director", "Minister", "Secretary", "Chairman", "President")
)
# a state's zone or airspace ("Japan’s territorial airspace", "South Korea's air defence
# identification zone"): a place's name, not the state
_ZONE = re.compile(
    r"[’']s\s+(?:territorial\s+)?(?:airspace|air\s+defen[cs]e(?:\s+identification)?\s+zone)\b",
    re.IGNORECASE,
)


def _own_country(d: Drafter, word: str, actor_id: str) -> bool:
    """Whether `word` names the actor's own country ("Japanese" before Japan's "Defense
    Ministry"): the body of that country, as "Japan's Defense Ministry" is."""
    country = d.actor_country.get(actor_id)
    return country is not None and word in country_words(country)


def _metonyms(d: Drafter) -> frozenset[str]:
    """A state's one-word spellings other than its name: its capital ("Tokyo", "Seoul"),
    a place where it stands after a preposition ("met in Tokyo")."""
    return frozenset(
        a
        for e in d.registries.actors
        if e.type == "state"
        for a in e.aliases
        if a != e.name and re.fullmatch(r"[A-Z][a-z]+", a)
    )


def propose(d: Drafter) -> None:
    places = {a for e in d.registries.places for a in e.aliases} | _metonyms(d)
    view = past_dateline(d)
    others = other_spellings(d)
    for start, end, actor_id in view.mentions(d.registries.actors):
        if any(o.start <= start and end <= o.end for o in others):
            continue  # "Russia" in "Russia's Aerospace Forces": part of the body's name
        line = [f"- {quote_entry(d.text, start, end)}   # {actor_id}"]
        before = d.text[max(0, start - 60) : start]
        other = d.other_country(start, actor_id)
        inside = d.inside_a_name(start, end, actor_id)
        if compound := _compound(d, start, end):
            why = f"part of the word {compound!r}, no name"
            d.draft.items.append(Item("actors", line, why))
        elif inside:
            why = f"part of {inside!r}: a body's name or a title (register it if it is one)"
            d.draft.items.append(Item("actors", line, why))
        elif other:
            why = f"{other!r} before it names another country's body than {actor_id}"
            d.draft.items.append(Item("actors", line, why))
        elif shared := _sharing_body(d, start, end, actor_id):
            why = (
                f"{shared[1]!r} before it in the sentence names the body of another country "
                f"that writes its name so ({shared[0]})"
            )
            d.draft.items.append(Item("actors", line, why))
        elif longer := longer_name(d, start, end, actor_id):
            why = f"part of {longer!r}, a longer name the registry does not know (register it)"
            d.draft.items.append(Item("actors", line, why))
            entry = (
                f"name {longer!r}: an actor or a place the registries do not know "
                "(registries/actors.yaml or places.yaml)"
            )
            if entry not in d.draft.to_add:
                d.draft.to_add.append(entry)
        elif (
            d.text[start:end] in places and LOCATIVE.search(before) and not _is_a_party(d.text, end)
        ):
            why = "a place name after a preposition: probably a location, not the actor"
            d.draft.items.append(Item("actors", line, why))
        elif (owner := _owner_before(d, start, actor_id)) is not None:
            # "Japan's Defense Ministry", "Russian Pacific Fleet": the curated files quote the
            # body with its country's word (68 of 72 such mentions)
            d.draft.items.append(
                Item("actors", [f"- {quote_entry(d.text, owner, end)}   # {actor_id}"])
            )
            alias = NewAlias(actor_id, d.text[owner:end], "actors")
            if alias not in d.new_aliases:
                d.new_aliases.append(alias)
        else:
            d.draft.items.append(Item("actors", line))
    for m in others:
        written = d.text[m.start : m.end]
        line = [f"- {quote_entry(d.text, m.start, m.end)}   # {m.actor}"]
        if other := d.other_country(m.start, m.actor):
            why = f"{other!r} before it names another country's body than {m.actor}"
            d.draft.items.append(Item("actors", line, why))
            continue
        if compound := _compound(d, m.start, m.end):
            d.draft.items.append(Item("actors", line, f"part of the word {compound!r}, no name"))
            continue
        if not _shouted(written, m.registered or written):
            # the registered name in another case, apostrophe, dash or British spelling:
            # asserted, its spelling written into the registry (draft/new_aliases.py)
            d.draft.items.append(Item("actors", line))
            alias = NewAlias(m.actor, written, "actors")
            if alias not in d.new_aliases:
                d.new_aliases.append(alias)
            continue
        why = (
            f"{written!r} is not a registered spelling of {m.actor} (registered: "
            f"{m.registered!r}): add it to its aliases in registries/actors.yaml"
        )
        d.draft.items.append(Item("actors", line, why))
        entry = f"actor spelling {written!r} for {m.actor} (registries/actors.yaml)"
        if entry not in d.draft.to_add:
            d.draft.to_add.append(entry)


# a country's word right before a name: "Japan's ", "South Korean ", "Russia’s "
# (on its line: a name does not run across a line break, and "$" would match before one)
_COUNTRY_BEFORE = re.compile(r"(?:(?:South|North)[^\S\n]+)?[A-Z][a-z]+(?:[’']s)?[^\S\n]\Z")


def _owner_before(d: Drafter, start: int, actor_id: str) -> int | None:
    """Where the word of a body's own country right before its name starts ("Japan's" before
    Japan's "Defense Ministry"), else None; never for a state, a person or a body of no
    country."""
    country = d.actor_country.get(actor_id)
    if country is None or d.actor_type.get(actor_id) in ("state", "person"):
        return None
    m = _COUNTRY_BEFORE.search(d.text, max(0, start - 20), start)
    apart = actor_id in possessive_apart(d.root, d.source_id)
    if m is None or (apart and re.search(r"[’']s\s\Z", m.group(0))):
        return None
    try:
        code = country_code(m.group(0).strip())
    except ValueError:
        return None
    return m.start() if code == country else None


def _sharing_body(d: Drafter, start: int, end: int, actor_id: str) -> tuple[str, str] | None:
    """When another country's body writes its name the same way but for a letter or the case
    ("Ministry of National Defence" of South Korea, "Ministry of National Defense" of China)
    and the country word nearest before the name, among the eight words before it in its
    sentence, is that other body's country ("The Chinese statement, carried by the Ministry
    of National Defence"; not "China" in the name "East China Sea"): that body
    and the word; else None (the registered spelling's own body)."""
    own = d.actor_country.get(actor_id)
    if own is None or d.actor_type.get(actor_id) in ("state", "person"):
        return None
    written = fold_chars(d.text[start:end])
    sharing = {}
    for e in d.registries.actors:
        if e.id == actor_id or e.country in (None, own) or e.type in ("state", "person"):
            continue
        for alias in e.aliases:
            pattern = spelling_pattern(alias)
            if pattern is not None and pattern.fullmatch(written):
                sharing.setdefault(e.country, e.id)
    if not sharing:
        return None
    lo = max(d.text.rfind(". ", 0, start), d.text.rfind("\n", 0, start)) + 1
    # the last eight words before it: the clause that names it, not the sentence's subject
    close = [m.start() + lo for m in re.finditer(r"\S+", d.text[lo:start])][-8:]
    lo = close[0] if close else start
    nearest = None
    for m in re.finditer(r"(?:(?:South|North)\s)?[A-Z][\w.]*", d.text[lo:start]):
        a, b = lo + m.start(), lo + m.end()
        if d.names.covering(d.text, a, b) is not None:
            continue  # "China" in "the East China Sea"
        try:
            code = country_code(m.group(0).rstrip("."))
        except ValueError:
            continue
        if code == own or code in sharing:
            nearest = (code, m.group(0))
    if nearest is None or nearest[0] == own:
        return None
    return sharing[nearest[0]], nearest[1]


def _compound(d: Drafter, start: int, end: int) -> str | None:
    """The word a name is the second part of, when the first is no name of its own
    ("Sino-Russian military": "Sino-Russian"), else None; "Russia-China drills" names both."""
    m = re.search(r"\b([A-Za-z]+)-$", d.text[max(0, start - 20) : start])
    if m is None or any(m.group(1) in e.aliases for e in d.registries.actors):
        return None
    first = m.group(1)
    try:
        country_code(first)
    except ValueError:
        word = re.match(r"[\w.]+", d.text[start:end])
        return f"{m.group(0)}{word.group(0) if word else ''}"
    return None


def _shouted(written: str, registered: str) -> bool:
    """A name written in capitals the registry writes otherwise ("TOKYO", "MOSCOW"): as
    datelines write their place, which is no mention of the actor."""
    letters = [c for c in written if c.isalpha()]
    same = letters == [c.upper() for c in registered if c.isalpha()]  # not an acronym of it
    return len(letters) > 1 and all(c.isupper() for c in letters) and same
