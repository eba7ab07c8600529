"""Other ways a text writes a registered body's name: its country said another way, its head
word moved, an acronym. Each article writes a country's body its own way ("Russian Aerospace
Forces", "Russia's Aerospace Forces", "Aerospace Forces of Russia"; "Chinese Ministry of
Defense", "Chinese Defense Ministry"), and the registry lists only the spellings the curated
articles wrote; these readings let a new article's spelling name the registered body, so that
the draft asserts it and writes the spelling into the actor's aliases (draft/actors.py).

- The country: a spelling that opens with the body's own country's demonym ("Russian X"),
  with its name and a possessive ("Russia's X") or ends with "of" and its name ("X of
  Russia") is written in the two other ways too (the country's name is the registered state's
  of that country: normalize gives the demonyms).
- The head word: "Ministry of Defense" is "Defense Ministry", "Department of Defense" is
  "Defense Department", either way round.
- A state's name with its first word cut to its initial, as a headline writes it ("S Korea").
- A state's demonym before the words for its government ("South African authorities").
- A registered acronym of one body in the name of another ("PLA Air Force" for "People's
  Liberation Army Air Force", where "PLA" is the People's Liberation Army's), and a bare
  acronym in capitals that is the capitals of one body's name only ("ASDF" of "Air
  Self-Defense Force").
- An acronym in brackets right after a name ("the Joint Chiefs of Staff (JCS)", "The Chinese
  People's Liberation Army Navy (PLA Navy)") is that body's, wherever the article writes it:
  the capitals of its words are the name's, or the name's without its country's words.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from ..normalize import country_code, demonyms, fold_chars

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from ..registries import ActorEntry

# the head words whose qualifier stands after "of" or before them
_HEADS = ("Ministry", "Department", "ministry", "department")


def country_names(actors: Iterable[ActorEntry]) -> dict[str, tuple[str, ...]]:
    """The names of the registered states by country ("China" for CHN): a body's country as
    a text writes it before a possessive or after "of"."""
    names: dict[str, list[str]] = {}
    for e in actors:
        if e.type == "state" and e.country:
            names.setdefault(e.country, []).append(e.name)
    return {code: tuple(found) for code, found in names.items()}


def demonym(word: str, country: str) -> bool:
    """Whether `word` is a demonym of the country ("Russian", "South Korean"), not its name."""
    return word in demonyms(country) or (
        country == "USA" and word in ("U.S.", "US")  # "U.S. Navy": the name as a demonym
    )


def _split(alias: str, country: str, names: tuple[str, ...]) -> str | None:
    """The body's words of a spelling that names its country ("Russian X", "Russia's X",
    "X of Russia", "X of the Russian Federation" → X), or None."""
    for name in sorted(names, key=len, reverse=True):
        for possessive in (f"{name}'s ", f"{name}’s "):
            if alias.startswith(possessive):
                return alias[len(possessive) :]
        m = re.fullmatch(rf"(.+?) of (?:the )?{re.escape(name)}", alias)
        if m:
            return m.group(1)
    words = alias.split(" ")
    for n in (2, 1):  # "South Korean X" before "Korean X"
        if len(words) > n and demonym(" ".join(words[:n]), country):
            return " ".join(words[n:])
    for name in names:  # the name as a noun before a name: "Japan Air Self-Defense Force"
        if re.match(rf"{re.escape(name)} [A-Z]", alias):
            return alias[len(name) + 1 :]
    return None


# the words of a body's name that a body of any country has: "Ministry of Defense" or
# "Foreign Ministry" alone may be any country's, "Aerospace Forces" is the one registered
_GENERIC = re.compile(r"\b(?:Ministry|Department|Office|Council|Government|Affairs)\b")


def bare_form(alias: str, country: str | None, names: tuple[str, ...]) -> str | None:
    """The body's own name without its country's word at the head ("Air Self-Defense Force"
    of "Japan Air Self-Defense Force", "Aerospace Forces" of "Russian Aerospace Forces"):
    two capitalised words or more, none a word any country's body has ("Ministry")."""
    if not country or not names or alias.endswith(tuple(f" {n}" for n in names)):
        return None
    body = _split(alias, country, names)
    if body is None or "’s" in alias or "'s " in alias or _GENERIC.search(body):
        return None
    words = body.split(" ")
    return body if len(words) >= 2 and all(w[:1].isupper() for w in words) else None


def _heads_moved(words: str) -> set[str]:
    """The body's words with its head word moved: "Ministry of National Defense" ↔ "National
    Defense Ministry"."""
    out = {words}
    for head in _HEADS:
        m = re.fullmatch(rf"{head} of ((?:[A-Z][\w-]*\s)*[A-Z][\w-]*)", words)
        if m:
            out.add(f"{m.group(1)} {head}")
        m = re.fullmatch(rf"((?:[A-Z][\w-]*\s)*[A-Z][\w-]*) {head}", words)
        if m:
            out.add(f"{head} of {m.group(1)}")
    return out


def country_forms(alias: str, country: str | None, names: tuple[str, ...]) -> set[str]:
    """The other spellings of a body's spelling that names its country: the country written
    as a demonym, a possessive or after "of", the head word moved (not the spelling itself)."""
    if not country or not names:
        return set()
    body = _split(alias, country, names)
    if body is None or not re.search(r"[a-z]", body):
        return set()
    demonyms = [w for w in _demonyms(country) if not any(w == n for n in names)]
    out = set()
    for words in _heads_moved(body):
        out |= {f"{d} {words}" for d in demonyms}
        out |= {f"{n}'s {words}" for n in names}
        if words[0].isupper():
            out |= {f"{words} of {n}" for n in names}
    return out - {alias}


def _demonyms(country: str) -> tuple[str, ...]:
    words = demonyms(country)
    # "South Korean", not "Korean", which a North Korean body is too
    return tuple(w for w in words if not any(o != w and o.endswith(f" {w}") for o in words))


@functools.cache
def body_forms(actors: tuple[ActorEntry, ...]) -> dict[str, tuple[str, str]]:
    """Every other spelling the registered bodies' spellings (and names) give, with the actor
    and the registered spelling it comes from; a spelling two actors give is neither's, and
    none is a spelling the registry lists."""
    names = country_names(actors)
    keys = {_key(a) for e in actors for a in e.aliases}
    found: dict[str, tuple[str, str]] = {}
    shared: set[str] = set()
    for e in actors:
        if e.type in ("state", "person") or not e.country:
            continue
        for alias in dict.fromkeys((*e.aliases, e.name)):
            own = names.get(e.country, ())
            bare = bare_form(alias, e.country, own) if e.type != "media" else None
            forms = country_forms(alias, e.country, own) if e.type != "media" else set()
            for form in forms | ({bare} if bare else set()):
                if _key(form) in keys:
                    continue
                if form in found and found[form][0] != e.id:
                    shared.add(_key(form))
                found.setdefault(form, (e.id, alias))
    return {form: v for form, v in found.items() if _key(form) not in shared}


def _key(spelling: str) -> str:
    """A spelling as actors.spelling_pattern reads it: its case, apostrophe and British or
    American letters aside."""
    key = fold_chars(spelling).casefold().replace("’", "'")
    key = re.sub(r"(?<=defen)c(?=e)|(?<=offen)c(?=e)", "s", key)
    return re.sub(r"(?<=organi)s", "z", key)


def initial_forms(actors: Iterable[ActorEntry]) -> dict[str, tuple[str, str]]:
    """A state's name of two words or more with its first word cut to its initial, as
    headlines write it ("S Korea", "S. Korea" for "South Korea"), with the state and its
    name; a form two states give is neither's."""
    found: dict[str, tuple[str, str]] = {}
    shared: set[str] = set()
    for e in actors:
        first, _, rest = e.name.partition(" ")
        if e.type != "state" or not rest or not first[:1].isupper():
            continue
        form = f"{first[0]}. {rest}"  # its period may be left out (actors.spelling_pattern)
        if form in found and found[form][0] != e.id:
            shared.add(form)
        found.setdefault(form, (e.id, e.name))
    return {form: v for form, v in found.items() if form not in shared}


def government_forms(actors: Iterable[ActorEntry]) -> dict[str, tuple[str, str]]:
    """A state named by its demonym before the words for its government ("South African
    authorities", "Japanese government"), with the state and its name: the curated files
    code the state as the one that speaks or is named so."""
    taken = {_key(a) for e in actors for a in e.aliases}
    found: dict[str, tuple[str, str]] = {}
    for e in actors:
        if e.type != "state" or not e.country:
            continue
        for word in demonyms(e.country):
            for noun in ("authorities", "government"):
                form = f"{word} {noun}"
                if _key(form) not in taken:
                    found.setdefault(form, (e.id, e.name))
    return found


def capitals(name: str) -> str:
    """The capitals an acronym of the name is made of: each word's first letter, and each
    capitalised part's after a hyphen ("Self-Defense" → SD); an acronym stays whole."""
    out = []
    for word in re.findall(r"[A-Za-z][\w.’'-]*", name):
        if word.isupper():
            out.append(word.replace(".", ""))
            continue
        for part in word.split("-"):
            if part[:1].isupper():
                out.append(part[0])
    return "".join(out)


# an acronym in brackets: "(JCS)", "(PLA Navy)"
BRACKETED = re.compile(r"\s?\(([A-Z]{2,}(?:\s[A-Z][a-z]+)*)\)")


def is_acronym_of(acronym: str, name: str, country: str | None) -> bool:
    """Whether the words in brackets are an acronym of the name: its capitals, or those of
    the name without its country's words at the head ("PLA Navy" of "Chinese People's
    Liberation Army Navy", "ASDF" of "Japan Air Self-Defense Force")."""
    short = capitals(acronym)
    if len(short) < 2:
        return False
    full = capitals(name)
    if short == full:
        return True
    words = name.split(" ")
    for n in (1, 2):
        head = " ".join(words[:n])
        try:
            own = country is not None and country_code(head) == country
        except ValueError:
            own = False
        if own and short == capitals(" ".join(words[n:])):
            return True
    return False


def possessive_apart(root: Path | None, source_id: str) -> frozenset[str]:
    """The bodies the curated files (all but `source_id`'s) quote apart from their country's
    possessive more often than with it ("Russia’s Pacific Fleet" as "Russia" and "Pacific
    Fleet", where "Japan's Defense Ministry" is one mention): the draft quotes them so too.
    None without curated files (a drafter of no project)."""
    if root is None or not (root / "build" / "annotations").is_dir():
        return frozenset()
    joined: dict[str, int] = {}
    apart: dict[str, int] = {}
    for source, actor_id, together in _possessive_quotes(root):
        if source != source_id:
            counts = joined if together else apart
            counts[actor_id] = counts.get(actor_id, 0) + 1
    return frozenset(i for i, count in apart.items() if count > joined.get(i, 0))


@functools.cache
def _possessive_quotes(root: Path) -> tuple[tuple[str, str, bool], ...]:
    """(source, body, whether quoted with it) of each curated mention of a body whose
    country's possessive stands before it or opens its quote; read once per project."""
    from ..errors import Problems
    from ..spans import occurrences
    from ..steps import read_inputs

    inputs = read_inputs(root, Problems())
    names = country_names(inputs.registries.actors)
    found = []
    for a in inputs.annotations:
        article = inputs.articles.get(a.source_id)
        if article is None:
            continue
        for quote in a.actors:
            entry = inputs.actor_index.get(quote.text)
            if entry is None or entry.type in ("state", "person") or not entry.country:
                continue
            owners = "|".join(re.escape(n) for n in names.get(entry.country, ()))
            if not owners:
                continue
            starts = occurrences(article.text, quote.text)
            n = (quote.occurrence or 1) - 1
            if not 0 <= n < len(starts):
                continue
            if re.match(rf"(?:{owners})[’']s\s", quote.text):
                found.append((a.source_id, entry.id, True))
            elif re.search(rf"\b(?:{owners})[’']s\s$", article.text[: starts[n]]):
                found.append((a.source_id, entry.id, False))
    return tuple(found)


@functools.cache
def acronym_forms(actors: tuple[ActorEntry, ...]) -> dict[str, tuple[str, str]]:
    """The names of bodies with another body's name inside written as its registered acronym
    ("PLA Air Force"), and the acronyms of the bodies' names and spellings of three capitals
    or more ("ASDF"), each with the actor and the spelling it comes from; a form two actors
    give is neither's, and none is a spelling the registry lists."""
    registered = {a for e in actors for a in e.aliases}
    bodies = [e for e in actors if e.type not in ("state", "person")]
    found: dict[str, tuple[str, str]] = {}
    shared: set[str] = set()

    def add(form: str, actor_id: str, source: str) -> None:
        if form in registered:
            return
        if form in found and found[form][0] != actor_id:
            shared.add(form)
        found.setdefault(form, (actor_id, source))

    for p in bodies:
        acronyms = [a for a in p.aliases if a.isupper() and is_acronym_of(a, p.name, p.country)]
        for e in bodies:
            for spelling in dict.fromkeys((e.name, *e.aliases)):
                if e.id == p.id or not re.search(rf"\b{re.escape(p.name)}\b", spelling):
                    continue
                for acronym in acronyms:
                    add(spelling.replace(p.name, acronym), e.id, spelling)
    for e in bodies:
        for spelling in dict.fromkeys((e.name, *e.aliases)):
            words = [w for w in spelling.split(" ") if w not in ("of", "the", "and", "for")]
            if len(words) < 2 or "'s" in spelling or "’s" in spelling:
                continue
            if demonym(words[0], e.country or "") or not all(w[0].isupper() for w in words):
                continue  # "RAF" is no acronym of "Russian Aerospace Forces"
            short = capitals(" ".join(words))
            if len(short) >= 3 and short.isalpha():
                add(short, e.id, spelling)
    return {form: v for form, v in found.items() if form not in shared}
