"""Where an article stops, and what its places are called.

`sources.body_end` marks where the reader comments and page furniture below an article
begin; the build refuses any quote that reaches past it, and refuses an empty article.
`place_aliases` publishes every spelling of a place; a place's evidence quotes one of them.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from sino_russian_patrols.articles import END_OF_ARTICLE, body_end, read_articles
from sino_russian_patrols.errors import BuildError, Problems
from sino_russian_patrols.pipeline import build

ROOT = Path(__file__).resolve().parents[1]
COMMENTED = "003_879c634248b507b8"  # ends with "Comments / 28" and the readers' comments
PLAIN = "001_8e58578bad5de279"  # no comments, no furniture: the whole text is the article


def table(name: str, root: Path = ROOT) -> pl.DataFrame:
    return pl.read_parquet(root / "dataset" / "parquet" / f"{name}.parquet")


def _text(root: Path, source_id: str) -> str:
    return (root / "build" / "articles" / f"{source_id}.txt").read_text(encoding="utf-8")


# The rule ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Comments / 12",
        "Comments/0",
        "Read more",
        "Sign up to receive our latest news!",
        "[Copyright The Jiji Press, Ltd.]",
    ],
)
def test_the_body_ends_at_the_first_line_of_comments_or_furniture(line: str) -> None:
    text = f"Headline\n\nA paragraph — with “quotes”.\n\n{line}\n\nComments / 3\nA reader.\n"
    assert body_end(text) == text.index(line)
    assert END_OF_ARTICLE.search(text) is not None


def test_words_inside_a_line_do_not_end_the_body() -> None:
    assert body_end("He said: Read more about it.\nA reader's Comments / 2 ahead.\n") is None


def test_a_given_line_ends_the_body_only_where_it_is_a_whole_line() -> None:
    text = "Headline\nRelated stories and more\nRelated stories\r\nA link\n"
    assert body_end(text, "Related stories") == text.index("Related stories\r")
    assert body_end(text, "Related") is None


# The committed data ------------------------------------------------------------------------


def test_body_end_is_the_builds_rule_and_no_span_reaches_past_it() -> None:
    problems = Problems()
    articles = {a.source_id: a for a in read_articles(ROOT / "build" / "articles", problems)}
    assert not problems.items, problems
    sources = table("sources")
    assert sources["body_end"].null_count() < sources.height
    for source_id, text, end in sources.select("source_id", "text", "body_end").iter_rows():
        assert end == articles[source_id].body_end, source_id
        if end is None:
            continue
        assert 0 < end < len(text) and (text[end - 1] == "\n"), source_id
        for name in ("statements", "evidence"):
            spans = table(name).filter(pl.col("source_id") == source_id)
            assert (spans["char_end"] <= end).all(), (name, source_id)


def test_the_comments_of_an_article_lie_below_its_body_end() -> None:
    row = table("sources").filter(pl.col("source_id") == COMMENTED).row(0, named=True)
    assert row["text"][row["body_end"] :].startswith("Comments / 28\n")
    plain = table("sources").filter(pl.col("source_id") == PLAIN)
    assert plain["body_end"].item() is None


def test_a_place_span_is_one_of_its_spellings() -> None:
    aliases = table("place_aliases")
    places = table("places")
    assert set(aliases["place_id"]) == set(places["place_id"])  # every place has its spellings
    spelled = set(aliases.select("alias", "place_id").iter_rows())
    evidence = table("evidence").filter(pl.col("record_table") == "places")
    assert evidence.height > 0
    for quote, place_id in evidence.select("quote", "record_id").iter_rows():
        assert (quote, place_id) in spelled, (quote, place_id)
    assert set(evidence["quote"]) == set(aliases["alias"])  # every spelling is used
    north_pacific = set(aliases.filter(pl.col("place_id") == "north-pacific-ocean")["alias"])
    assert {"North Pacific Ocean", "North Pacific"} <= north_pacific


# What the build refuses ----------------------------------------------------------------------


def _refused(root: Path, code: str, value: str = "") -> list:
    """The problems of rule `code` (naming `value`) that the build of `root` refuses."""
    with pytest.raises(BuildError) as caught:
        build(root)
    found = [p for p in caught.value.problems if p.code == code and value in p.message]
    assert found, str(caught.value)
    return found


def _insert_after(path: Path, anchor: str, lines: str) -> int:
    """Insert `lines` after the first line equal to `anchor`; return the first one's number."""
    text = path.read_text(encoding="utf-8").split("\n")
    at = text.index(anchor) + 1
    text[at:at] = lines.rstrip("\n").split("\n")
    path.write_text("\n".join(text), encoding="utf-8")
    return at + 1


def _comment_occurrence(text: str, word: str) -> int:
    """The occurrence number (every start position counts) of `word`'s first use in the
    comments, standing as a word of its own."""
    end, starts, i = body_end(text), [], text.find(word)
    assert end is not None
    while i != -1:
        starts.append(i)
        i = text.find(word, i + 1)
    return next(
        n
        for n, s in enumerate(starts, 1)
        if s >= end and not text[s + len(word)].isalnum() and not text[s - 1].isalnum()
    )


@pytest.mark.parametrize("section", ["actors", "statements"])
def test_a_quote_from_the_reader_comments_is_refused_at_its_line(
    project_copy: Path, section: str
) -> None:
    annotation = project_copy / "build" / "annotations" / f"{COMMENTED}.yaml"
    if section == "actors":
        number = _comment_occurrence(_text(project_copy, COMMENTED), "Russia")
        line = _insert_after(
            annotation, "actors:", f'  - {{quote: "Russia", occurrence: {number}}}'
        )
    else:
        entry = (
            "  - id: s99\n    speaker: null\n    type: paraphrase\n"
            '    quote: "Are you serious?"\n    remark: reader-are-you-serious'
        )
        # the line of the entry's `quote:` key, its fourth line
        line = _insert_after(annotation, "statements:", entry) + 3
    before = (project_copy / "datapackage.json").read_bytes()
    (problem,) = _refused(project_copy, "quote_below_body")
    assert problem.file.endswith(f"{COMMENTED}.yaml") and problem.line == line
    assert "'Comments / 28'" in problem.message
    assert (project_copy / "datapackage.json").read_bytes() == before


def test_the_manifest_can_end_the_body_earlier(project_copy: Path) -> None:
    manifest = project_copy / "build" / "articles" / "manifest.yaml"
    paragraph = (
        "Earlier this month, Moscow and Beijing wrapped up their fourth joint naval patrol in "
        "the northern and western Pacific Ocean."
    )
    assert f"\n{paragraph}\n" in _text(project_copy, PLAIN)
    _insert_after(manifest, f"- file: {PLAIN}.txt", f'  body_ends_before: "{paragraph}"')
    found = _refused(project_copy, "quote_below_body")
    assert all(p.file.endswith(f"{PLAIN}.yaml") for p in found)
    assert any("northern and western Pacific Ocean" in p.message for p in found)


def test_a_body_end_that_is_not_a_line_of_the_article_is_refused(project_copy: Path) -> None:
    manifest = project_copy / "build" / "articles" / "manifest.yaml"
    line = _insert_after(manifest, f"- file: {PLAIN}.txt", '  body_ends_before: "Comments"') - 1
    (problem,) = _refused(project_copy, "body_ends_before", "'Comments'")
    assert problem.file.endswith("manifest.yaml") and problem.line == line
    assert f"{PLAIN}.txt" in problem.message


def test_the_manifest_can_say_the_whole_text_is_the_article(project_copy: Path) -> None:
    manifest = project_copy / "build" / "articles" / "manifest.yaml"
    _insert_after(manifest, f"- file: {COMMENTED}.txt", "  body_ends_before: null")
    build(project_copy)
    sources = table("sources", project_copy)
    assert sources.filter(pl.col("source_id") == COMMENTED)["body_end"].item() is None
    committed = table("sources").filter(pl.col("source_id") != COMMENTED)
    assert sources.filter(pl.col("source_id") != COMMENTED)["body_end"].equals(
        committed["body_end"]
    )


@pytest.mark.parametrize("content", [b"", b" \n\t\r\n\xc2\xa0\n"])
def test_an_empty_article_is_refused_naming_the_file(project_copy: Path, content: bytes) -> None:
    article = project_copy / "build" / "articles" / "002_5c8dff17ab31933d.txt"
    article.write_bytes(content)
    size = "empty (0 bytes)" if not content else f"only whitespace ({len(content)} bytes)"
    (problem,) = _refused(project_copy, "article_empty", size)
    assert problem.file.endswith("002_5c8dff17ab31933d.txt")


def test_a_place_spelling_that_no_mention_uses_is_refused(project_copy: Path) -> None:
    places = project_copy / "build" / "registries" / "places.yaml"
    text = places.read_text(encoding="utf-8")
    old = 'aliases: ["Bering Sea"]'
    assert text.count(old) == 1
    places.write_text(text.replace(old, 'aliases: ["Bering Sea", "Beringsea"]'), encoding="utf-8")
    (problem,) = _refused(project_copy, "alias_unused", "'Beringsea'")
    assert problem.file.endswith("places.yaml") and problem.line is not None
