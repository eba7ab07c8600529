"""The rules of the 0.2 annotation model, each shown by breaking it in a copy of the project:
vocabularies at their file and line, names as whole words, attributions named in the text,
events defined once and reported, dates no later than their source (how the date claims of
several sources combine into an event's dates is in test_step_events)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import digest_tree, replace_once
from sino_russian_patrols.annotations import Vocabularies, read_annotation
from sino_russian_patrols.errors import BuildError, Problems
from sino_russian_patrols.pipeline import build
from sino_russian_patrols.registries import read_registries
from sino_russian_patrols.yamlfile import load_yaml
from sino_russian_patrols.yamlreader import CONTROLLED, allowed

# (file under build/, text to replace, replacement, code of the rule broken, a value the
# problem names); the problem is reported at the file edited, except where REPORTED_AT names
# another
BROKEN = {
    "event_type_typo": (
        "registries/events.yaml",
        "  type: scramble\n",
        "  type: scrambel\n",
        "vocabulary",
        "'scrambel'",
    ),
    "role_typo": (
        "annotations/005_6bb20a2ae9d6e253.yaml",
        "    role: airborne_early_warning\n",
        "    role: airborne_early_warnin\n",
        "vocabulary",
        "'airborne_early_warnin'",
    ),
    "name_inside_a_longer_word": (
        "annotations/005_6bb20a2ae9d6e253.yaml",
        '{quote: "Russia", occurrence: 6}',
        '{quote: "Russia", occurrence: 5}',
        "name_part_of_word",
        "'Russian'",
    ),
    "name_inside_a_longer_name": (
        "annotations/006_881c97e2585dccbe.yaml",
        '{quote: "Japan", occurrence: 2}',
        '{quote: "Japan", occurrence: 3}',
        "name_part_of_name",
        "'Sea of Japan'",
    ),
    "reporter_not_named": (
        "annotations/004_5e20299e3f0de927.yaml",
        '    attribution: "Japan believed"\n',
        "",
        "attribution_not_named",
        "'japan'",
    ),
    "event_reported_by_no_article": (
        "registries/events.yaml",
        "- id: 2019-07-23-warning-shots\n",
        "- id: 2019-07-23-unreported\n  type: scramble\n  summary: x\n"
        "- id: 2019-07-23-warning-shots\n",
        "never_mentioned",
        "'2019-07-23-unreported'",
    ),
    "parent_cycle": (
        "registries/events.yaml",
        "- id: 2019-07-23-joint-air-patrol\n  type: joint_air_patrol\n",
        "- id: 2019-07-23-joint-air-patrol\n  type: joint_air_patrol\n"
        "  parent: 2019-07-23-warning-shots\n",
        "parent_cycle",
        "2019-07-23-joint-air-patrol → 2019-07-23-warning-shots",
    ),
    "place_parent_cycle": (
        "registries/places.yaml",
        '- id: pacific-ocean\n  name: "Pacific Ocean"\n  type: ocean\n',
        '- id: pacific-ocean\n  name: "Pacific Ocean"\n  type: ocean\n'
        "  parent: western-pacific-ocean\n",
        "parent_cycle",
        "pacific-ocean → western-pacific-ocean → pacific-ocean",
    ),
    "actor_parent_cycle": (
        "registries/actors.yaml",
        '- id: russia\n  name: "Russia"\n  type: state\n',
        '- id: russia\n  name: "Russia"\n  type: state\n  parent: security-council-of-russia\n',
        "parent_cycle",
        "russia → security-council-of-russia → russia",
    ),
    "place_its_own_parent": (
        "registries/places.yaml",
        '- id: pacific-ocean\n  name: "Pacific Ocean"\n  type: ocean\n',
        '- id: pacific-ocean\n  name: "Pacific Ocean"\n  type: ocean\n  parent: pacific-ocean\n',
        "parent_self",
        "'pacific-ocean' cannot be its own parent",
    ),
    "aircraft_type_twice": (
        "registries/aircraft_types.yaml",
        "- designation: H-6K\n",
        "- designation: H-6K\n  family: H-6\n  manufacturer: Xian\n  kind: bomber\n"
        "- designation: H-6K\n",
        "duplicate_id",
        "'H-6K' is defined twice",
    ),
    "aircraft_type_look_alike": (
        "registries/aircraft_types.yaml",
        "- designation: H-6K\n",
        # a Cyrillic К and a space: the same type to the normaliser
        "- designation: H 6\u041a\n  family: H\n  manufacturer: Xian\n  kind: bomber\n"
        "- designation: H-6K\n",
        "duplicate_id",
        "is the type 'H 6\u041a' of line",
    ),
    "dateline_against_page_record": (
        "articles/manifest.yaml",
        "page_date: '2023-06-08'",
        "page_date: '2023-06-09'",
        "published_date",
        "the page record says 2023-06-09",
    ),
    "event_after_its_source": (
        "annotations/005_6bb20a2ae9d6e253.yaml",
        '    date: {quote: "entered South Korean airspace on Tuesday"}\n',
        "    date: {same_as: 2023-12-14-joint-air-patrol, note: test}\n",
        "dated_after_source",
        "2023-12-14",
    ),
    "scope_without_its_place": (
        "annotations/011_6647d5349411bed7.yaml",
        '    place: "Shikoku region"\n',
        "",
        "keys_together",
        "`place`",
    ),
    "definition_key_in_a_mention": (
        "annotations/005_6bb20a2ae9d6e253.yaml",
        "  - id: 2019-07-23-joint-air-patrol\n",
        "  - id: 2019-07-23-joint-air-patrol\n    type: joint_air_patrol\n",
        "unknown_key",
        "'type'",
    ),
    "look_alike_letter": (
        "annotations/010_a0baf5f4f0f79089.yaml",
        '    quote: "Russian Tu-95\\u041cS"\n',
        '    quote: "Russian Tu-95MS"\n',
        "quote_not_found",
        "character 14 differs: the quote has 'M' (LATIN CAPITAL LETTER M), the article 'М' "
        "(CYRILLIC CAPITAL LETTER EM)",
    ),
    "unknown_place_spelling": (
        "annotations/011_6647d5349411bed7.yaml",
        '      - {between: ["Miyakojima"]}\n',
        '      - {between: ["Miyakojima islands"]}\n',
        "unknown_alias",
        "'Miyakojima islands'",
    ),
}


# the record disagrees with the dateline the annotation reads: the annotation's line is shown
REPORTED_AT = {"dateline_against_page_record": "008_6a68f60dfebcc2b0.yaml"}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_rule_is_reported_at_its_file_and_line(project_copy: Path, case: str) -> None:
    file, old, new, code, value = BROKEN[case]
    before = digest_tree(project_copy)
    replace_once(project_copy / "build" / file, old, new)
    with pytest.raises(BuildError) as caught:
        build(project_copy)
    found = [p for p in caught.value.problems if p.code == code and value in p.message]
    assert found, f"{code} {value!r} not among: {caught.value.problems}"
    assert found[0].file.endswith(REPORTED_AT.get(case, Path(file).name))
    assert found[0].line is not None and found[0].line > 0
    assert digest_tree(project_copy) == before


def test_one_unknown_spelling_gives_one_error(project_copy: Path) -> None:
    """A misspelt mention of the speaker of four statements: one problem, not five."""
    replace_once(
        project_copy / "build" / "annotations" / "007_7afeb356ef33a806.yaml",
        '  - {quote: "Kishi", occurrence: 2}',
        '  - {quote: "Kishi told", occurrence: 1}',
    )
    replace_once(
        project_copy / "build" / "annotations" / "007_7afeb356ef33a806.yaml",
        '  - {quote: "Nobuo Kishi"}',
        '  - {quote: "Nobuo  Kishi"}',
    )
    with pytest.raises(BuildError) as caught:
        build(project_copy)
    problems = caught.value.problems
    assert [p for p in problems if p.code == "unknown_alias" and "'Kishi told'" in p.message]
    assert not [p for p in problems if p.code == "actor_not_mentioned"], problems


ALIAS_BOMB = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


@pytest.mark.parametrize(
    ("text", "line", "code"),
    [
        (ALIAS_BOMB, 1, "yaml_alias"),
        ("source: &s {source_type: news_report}\nother: *s\n", 1, "yaml_alias"),
        ("deep: " + "[" * 300 + "]" * 300 + "\n", 1, "yaml_depth"),
    ],
)
def test_hostile_yaml_is_refused_at_its_line(
    tmp_path: Path, text: str, line: int, code: str
) -> None:

    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    assert load_yaml(path, problems) is None
    (problem,) = problems.items
    assert (problem.file, problem.line, problem.code) == (str(path), line, code)


def test_ampersands_and_asterisks_inside_quotes_are_text(tmp_path: Path) -> None:

    path = tmp_path / "fine.yaml"
    path.write_text('quote: "Russia &China *RussianArmy"\nlist: [[[[[[[[1]]]]]]]]\n')
    problems = Problems()
    assert load_yaml(path, problems) == {
        "quote": "Russia &China *RussianArmy",
        "list": [[[[[[[[1]]]]]]]],
    }
    assert not problems.items


@pytest.mark.parametrize("kind", ["directory", "fifo", "dangling link", "link out"])
def test_an_input_that_is_not_a_regular_file_is_refused(
    project_copy: Path, tmp_path: Path, kind: str
) -> None:
    """Never read, never waited on: a directory, a FIFO or a link where a file should be."""
    import os

    articles = project_copy / "build" / "articles"
    annotation = project_copy / "build" / "annotations" / "010_a0baf5f4f0f79089.yaml"
    article = articles / "010_a0baf5f4f0f79089.txt"
    outside = tmp_path / "outside.txt"
    outside.write_bytes(article.read_bytes())
    target = article if kind != "directory" else annotation
    target.unlink()
    if kind == "directory":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "dangling link":
        target.symlink_to(tmp_path / "nowhere.txt")
    else:
        target.symlink_to(outside)
    expected = {
        "directory": "a directory; inputs are regular files",
        "fifo": "not a regular file",
        "dangling link": "a dangling symbolic link",
        "link out": "a symbolic link out of the project",
    }[kind]
    with pytest.raises(BuildError) as caught:
        build(project_copy)
    found = [p for p in caught.value.problems if p.code == "input_file"]
    assert found and found[0].file.endswith(target.name), caught.value.problems
    assert expected in found[0].message  # what the path is, named


@pytest.mark.parametrize(
    "value",
    ["x" * 5_000_000, "it's " * 1_000_000, "both ' and \" " * 200_000, "\x00" * 100_000],
)
def test_a_problem_quotes_a_value_short_whatever_it_holds(value: str) -> None:
    """Messages quote values with repr; a value of megabytes is cut to 80 characters and the
    count of what was left out, and cutting twice changes nothing."""
    from sino_russian_patrols.errors import MAX_MESSAGE, Problem, shown

    for message in (f"quote not found in 000: {value!r} (hint)", f"`id` {shown(value)} is bad"):
        problem = Problem("a.yaml", 3, "quote_not_found", message)
        assert len(str(problem)) < 300
        assert "more characters)" in problem.message
        assert Problem(problem.file, problem.line, problem.code, problem.message) == problem
    unquoted = Problem("a.yaml", 3, "quote_not_found", "words " * 10_000)
    assert len(unquoted.message) < MAX_MESSAGE + 50
    assert Problem("a\x1b[2J.yaml", None, "yaml_syntax", "m").file == "a\\x1b[2J.yaml"


# A typo in each controlled value the annotation files and registries carry, keyed by the
# (what is read, key) of yamlreader.CONTROLLED: (file under build/, text, typo, key written,
# the typo as read, the value it should have been); a route leg's role is one of its keys.
TYPOS = {
    ("source", "source_type"): (
        "annotations/002_5c8dff17ab31933d.yaml",
        "source_type: analysis",
        "source_type: analysys",
        "source_type",
        "analysys",
        "analysis",
    ),
    ("source.published_date", "from"): (
        "annotations/007_7afeb356ef33a806.yaml",
        "{from: page_record}",
        "{from: page_recrd}",
        "from",
        "page_recrd",
        "page_record",
    ),
    ("source.published_date", "basis"): (
        "annotations/003_879c634248b507b8.yaml",
        "basis: inferred",
        "basis: infered",
        "basis",
        "infered",
        "inferred",
    ),
    ("route leg", "role"): (
        "annotations/008_6a68f60dfebcc2b0.yaml",
        "      - between: [",
        "      - betwen: [",
        "betwen",
        None,
        "between",
    ),
    ("aircraft claim", "role"): (
        "annotations/000_6fdb1ee85ed25e2e.yaml",
        "    role: bomber\n",
        "    role: bomer\n",
        "role",
        "bomer",
        "bomber",
    ),
    ("statement", "type"): (
        "annotations/000_6fdb1ee85ed25e2e.yaml",
        "    type: direct_quote\n",
        "    type: direct_qoute\n",
        "type",
        "direct_qoute",
        "direct_quote",
    ),
    ("statement", "medium"): (
        "annotations/006_881c97e2585dccbe.yaml",
        "medium: social_media_post",
        "medium: social_media_pots",
        "medium",
        "social_media_pots",
        "social_media_post",
    ),
    ("sequence claim", "scope"): (
        "annotations/000_6fdb1ee85ed25e2e.yaml",
        "scope: overall",
        "scope: overal",
        "scope",
        "overal",
        "overall",
    ),
    ("airspace claim", "kind"): (
        "annotations/000_6fdb1ee85ed25e2e.yaml",
        "kind: international_airspace",
        "kind: international_airspce",
        "kind",
        "international_airspce",
        "international_airspace",
    ),
    ("participant claim", "role"): (
        "annotations/033_ba7b27a486ac07bb.yaml",
        'role: "participant"',
        'role: "participant_"',
        "role",
        "participant_",
        "participant",
    ),
    ("ship", "type"): (
        "registries/ships.yaml",
        "  type: destroyer\n",
        "  type: destroyr\n",
        "type",
        "destroyr",
        "destroyer",
    ),
    ("event", "type"): (
        "registries/events.yaml",
        "  type: joint_air_patrol\n",
        "  type: joint_air_patrl\n",
        "type",
        "joint_air_patrl",
        "joint_air_patrol",
    ),
    ("actor", "type"): (
        "registries/actors.yaml",
        "  type: state\n",
        "  type: stat\n",
        "type",
        "stat",
        "state",
    ),
    ("place", "type"): (
        "registries/places.yaml",
        "  type: ocean\n",
        "  type: ocen\n",
        "type",
        "ocen",
        "ocean",
    ),
    ("aircraft type", "kind"): (
        "registries/aircraft_types.yaml",
        "  kind: bomber\n",
        "  kind: bomer\n",
        "kind",
        "bomer",
        "bomber",
    ),
}


def test_every_controlled_key_has_a_typo_case() -> None:
    assert set(TYPOS) == set(CONTROLLED)


def _key_lines(data: object, key: str, value: object) -> list[int]:
    """The lines where YAML mappings hold `key` (with `value`, when one is given)."""
    if isinstance(data, list):
        return [n for item in data for n in _key_lines(item, key, value)]
    if not isinstance(data, dict):
        return []
    here = [data.key_lines[key]] if key in data and (value is None or data[key] == value) else []
    return here + [n for v in data.values() for n in _key_lines(v, key, value)]


@pytest.mark.parametrize("field", sorted(TYPOS))
def test_a_mistyped_controlled_value_is_reported_at_its_file_and_line(
    root: Path, tmp_path: Path, field: tuple[str, str]
) -> None:
    """Read by the reader alone (no build): the problem names the file, the line of the typo
    (its key's line), the values the schema allows, and the closest of them."""
    name, old, new, key, typo, right = TYPOS[field]
    folder, file = name.split("/")
    shutil.copytree(root / "build" / folder, tmp_path / folder)
    path = tmp_path / folder / file
    replace_once(path, old, new)
    problems = Problems()
    if folder == "registries":
        read_registries(tmp_path / folder, problems, root / "schema")
    else:
        read_annotation(path, problems, Vocabularies.from_schema(root / "schema"))
    (problem,) = problems.items
    assert problem.file == str(path)
    assert problem.code == ("unknown_key" if typo is None else "vocabulary")
    assert [problem.line] == _key_lines(load_yaml(path, Problems()), key, typo)
    assert problem.message.endswith(f"; did you mean {right!r}?")
    values = allowed(*field, root / "schema")
    if typo is None:  # a route leg's roles are the keys of the leg
        assert f"unknown key {key!r}" in problem.message
        assert all(v in problem.message for v in values)
    else:  # the values listed are the schema's (less those the format writes otherwise)
        listed = problem.message.split(" is not one of: ")[1].split(";")[0].split(", ")
        assert right in listed and set(listed) <= set(values)


@pytest.mark.parametrize(
    ("new", "code"),
    [
        ("    role: [bomber]\n", "value_type"),  # a list where a word is expected
        ("    role: bomber\n    roll: bomber\n", "unknown_key"),  # a misspelt key
        ("    role: bomber\n    count: -1\n", "number_range"),  # a number out of its range
        ('    role: bomber\n    attribution: ""\n', "quote_empty"),  # an empty quote
    ],
)
def test_a_wrong_value_is_reported_at_its_own_line_not_its_items(
    root: Path, tmp_path: Path, new: str, code: str
) -> None:
    """A problem with one key of an item is reported at the line of that key (the first line
    that differs from the committed file), not the item's first line, so an editor goes
    straight to it."""
    path = tmp_path / "annotation.yaml"
    shutil.copy(root / "build" / "annotations" / "000_6fdb1ee85ed25e2e.yaml", path)
    before = path.read_text(encoding="utf-8").splitlines()
    replace_once(path, "    role: bomber\n", new)
    after = path.read_text(encoding="utf-8").splitlines()
    changed = next(n for n, (a, b) in enumerate(zip(before, after, strict=False), 1) if a != b)
    problems = Problems()
    read_annotation(path, problems, Vocabularies.from_schema(root / "schema"))
    assert [(p.code, p.line) for p in problems.items] == [(code, changed)]


def test_a_registry_value_is_reported_at_its_key_or_list_item_line(
    root: Path, tmp_path: Path
) -> None:
    """A wrong country at the `country:` line, a hidden character at its alias's own line of
    a list, a key named `null` at its line (None is a YAML key, not "no key")."""
    folder = tmp_path / "registries"
    shutil.copytree(root / "build" / "registries", folder)
    actors = folder / "actors.yaml"
    replace_once(
        actors,
        "  country: RUS\n  title: null\n  parent: russia\n"
        '  aliases: ["Security Council of Russia"]\n',
        "  country: XXX\n  null: 1\n  title: null\n  parent: russia\n"
        '  aliases:\n    - "Security Council of Russia"\n    - "Secu\\u200brity Council"\n',
    )
    lines = actors.read_text(encoding="utf-8").splitlines()

    def line_of(text: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if line.strip() == text)

    problems = Problems()
    read_registries(folder, problems, root / "schema")
    assert sorted((p.code, p.line) for p in problems.items) == sorted(
        [
            ("country_code", line_of("country: XXX")),
            ("unknown_key", line_of("null: 1")),
            ("alias_invisible", line_of('- "Secu\\u200brity Council"')),  # a YAML escape
        ]
    )


def test_an_actor_mention_in_a_list_carries_its_own_line(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "annotation.yaml"
    shutil.copy(root / "build" / "annotations" / "000_6fdb1ee85ed25e2e.yaml", path)
    replace_once(path, '  - {quote: "Russia", occurrence: 1}   # russia\n', "  - Russia\n")
    lines = path.read_text(encoding="utf-8").splitlines()
    problems = Problems()
    annotation = read_annotation(path, problems, Vocabularies.from_schema(root / "schema"))
    assert annotation is not None and problems.items == []
    assert [(q.text, q.line) for q in annotation.actors[:2]] == [
        ("China", lines.index('  - {quote: "China", occurrence: 1}   # china') + 1),
        ("Russia", lines.index("  - Russia") + 1),
    ]
