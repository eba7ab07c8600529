"""The data editor's tools: add-article archives and records a new article and drafts its
annotation; the draft builds as it is and asserts only what the text says; ids lists what is
in use. Bad input is refused with nothing changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sino_russian_patrols.draft import draft_annotation
from sino_russian_patrols.editor import AddArticleError, add_article
from sino_russian_patrols.ids import list_ids
from sino_russian_patrols.pipeline import build

ARTICLE = (
    "Seoul, March 3 (Reuters) -- Two Russian Tu-95 bombers and four Chinese J-16 fighter jets "
    "flew a joint air patrol over the East China Sea on Monday, the Ministry of National "
    "Defence said.\n\n"
    '"We take a very grave view of this," Chung said.\n'
)


def _inputs(root: Path) -> dict[str, str]:
    files = sorted((root / "build").rglob("*"))
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.is_file()}


def _write(tmp_path: Path, text: str | bytes, name: str = "article.txt") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_add_article_archives_records_and_drafts(project_copy: Path, tmp_path: Path) -> None:
    source = _write(tmp_path, ARTICLE)
    added = add_article(
        project_copy,
        source,
        url="https://example.org/2025/03/03/patrol",
        page_date="2025-03-03",
        today=dt.date(2026, 1, 2),
    )
    sha = hashlib.sha256(ARTICLE.encode()).hexdigest()
    numbers = [int(p.name[:3]) for p in (project_copy / "build" / "articles").glob("*.txt")]
    assert added.source_id == f"{max(numbers):03d}_{sha[:16]}"
    assert added.article.read_bytes() == ARTICLE.encode()
    manifest = yaml.safe_load((project_copy / "build/articles/manifest.yaml").read_text())
    entry = next(e for e in manifest if e["file"] == added.article.name)
    assert entry["sha256"] == sha and entry["bytes"] == len(ARTICLE.encode())
    assert str(entry["received"]) == "2026-01-02"
    assert entry["archive"]["page_date"] == "2025-03-03"
    draft = yaml.safe_load(added.annotation.read_text(encoding="utf-8"))
    # the dateline gives the day and month, the page record the year
    assert draft["source"]["published_date"] == {"quote": "Seoul, March 3", "from": "dateline"}
    assert draft["source"]["wire"] == {"quote": "Reuters"}
    # the draft builds as it is
    build(project_copy)


def test_the_draft_asserts_what_the_text_says_and_comments_out_the_rest(
    project_copy: Path, tmp_path: Path
) -> None:
    added = add_article(project_copy, _write(tmp_path, ARTICLE), page_date="2025-03-03")
    text = added.annotation.read_text(encoding="utf-8")
    draft = yaml.safe_load(text)
    # no registered patrol on that day: a new event, written into the registry with its id
    # by convention (the day, a short name), and the aircraft claims attached to it
    assert [e["id"] for e in draft["events"]] == ["2025-03-03-joint-air-patrol"]
    assert draft["events"][0]["quote"].startswith("Two Russian Tu-95 bombers")  # no dateline
    assert {(a["type"], a["count"], a["event"]) for a in draft["aircraft"]} == {
        ("Tu-95", "Two", "2025-03-03-joint-air-patrol"),
        ("J-16", "four", "2025-03-03-joint-air-patrol"),
    }
    registry = yaml.safe_load((project_copy / "build/registries/events.yaml").read_text())
    assert {"id": "2025-03-03-joint-air-patrol", "type": "joint_air_patrol"}.items() <= (
        registry[-1].items()
    )
    assert "# registry entry written: event 2025-03-03-joint-air-patrol" in text
    build(project_copy)  # the draft and the entry build as they are
    # "Chung" is registered: the remark is proposed with its speaker
    quotes = [s for s in draft["statements"] if s["type"] == "direct_quote"]
    assert [(s["speaker"], s["quote"]) for s in quotes] == [
        ("chung-eui-yong", "We take a very grave view of this,")
    ]
    # "Ministry of National Defence" is a registered spelling, counted as a mention
    assert {"quote": "Ministry of National Defence"} in draft["actors"]
    # every date phrase with the date it resolves to: Monday 3 March 2025, the dateline's day
    assert "#   'Monday' → 2025-03-03 (day, weekday_relative)" in text


def test_without_registry_a_new_event_is_listed_and_its_mentions_commented_out(
    project_copy: Path, tmp_path: Path
) -> None:
    added = add_article(project_copy, _write(tmp_path, ARTICLE), page_date="2025-03-03")
    events = project_copy / "build" / "registries" / "events.yaml"
    before = events.read_text().split("\n# drafted from")[0].rstrip("\n") + "\n"
    events.write_text(before)  # the registry as it was before add-article wrote the event
    text = draft_annotation(project_copy, added.source_id)
    assert events.read_text() == before  # draft without --registry writes no registry
    assert "# registry entry to add: event 2025-03-03-joint-air-patrol" in text
    assert "# unsure: refers to the new event 2025-03-03-joint-air-patrol" in text
    assert not (yaml.safe_load(text).get("events") or [])


def test_a_speaker_the_registry_does_not_know_is_written_out_or_listed_to_add(
    project_copy: Path, tmp_path: Path
) -> None:
    text = (
        "Seoul, March 3 (Reuters) -- Four Chinese J-16 fighter jets were seen.\n\n"
        '"It is a grave provocation of the region," Lee Min-ho said.\n\n'
        '"We are watching closely," the Haenam Maritime Board said.\n'
    )
    added = add_article(project_copy, _write(tmp_path, text), page_date="2025-03-03")
    draft = added.annotation.read_text(encoding="utf-8")
    # a person's name that speaks: a new actor, and the speaker of the remark
    assert "# registry entry written: actor lee-min-ho (person)" in draft
    assert any(s["speaker"] == "lee-min-ho" for s in yaml.safe_load(draft)["statements"])
    # a body the registries do not know: its spelling listed for the editor
    assert "# registry entry to add: actor spelling 'the Haenam Maritime Board'" in draft
    assert any("actor spelling 'the Haenam Maritime Board'" in line for line in added.review)
    build(project_copy)


def test_a_second_report_of_a_known_patrol_links_to_it(project_copy: Path, tmp_path: Path) -> None:
    text = (
        "Tokyo, Dec. 15 (Jiji Press)--Chinese and Russian bombers flew a joint air operation "
        "over the Sea of Japan on Thursday, the Defense Ministry said.\n"
    )
    added = add_article(project_copy, _write(tmp_path, text), page_date="2023-12-15")
    draft = yaml.safe_load(added.annotation.read_text(encoding="utf-8"))
    mention = draft["events"][0]
    assert mention["id"] == "2023-12-14-joint-air-patrol"
    assert mention["date"] == {"quote": "on Thursday"}
    assert {"quote": "Sea of Japan"} in [
        {k: v for k, v in p.items() if k == "quote"} for p in mention["places"]
    ]
    build(project_copy)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"Joint patrol \xff\xfe over the sea\n", "not UTF-8"),
        (b"a\x00b joint patrol\n", r"contains control character \(U\+0000\)"),
        (b"Joint patrol \x1b[2J over the sea\n", r"control character \(U\+001B\)"),
        (b"Read more\nSign up to receive\n", "no article text before the page furniture line"),
    ],
)
def test_bad_articles_are_refused_with_nothing_changed(
    project_copy: Path, tmp_path: Path, content: bytes, expected: str
) -> None:
    before = _inputs(project_copy)
    with pytest.raises(AddArticleError, match=expected):
        add_article(project_copy, _write(tmp_path, content))
    assert _inputs(project_copy) == before


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"url": "javascript:alert(1)"}, "give the web address of the archived page"),
        ({"url": "https://example.org/a\n  sha256: 0"}, r"control character \(U\+000A\)"),
        ({"title": "x" * 100_000}, "--title: 100,000 characters"),
        ({"publisher": "a\x1bb"}, r"--publisher .*control character \(U\+001B\)"),
        ({"page_date": "2023-02-30"}, "give YYYY-MM-DD"),
    ],
)
def test_a_hostile_archive_record_is_refused_with_nothing_changed(
    project_copy: Path, tmp_path: Path, record: dict[str, str], expected: str
) -> None:
    before = _inputs(project_copy)
    with pytest.raises(AddArticleError, match=expected):
        add_article(project_copy, _write(tmp_path, ARTICLE), **record)
    assert _inputs(project_copy) == before


@pytest.mark.parametrize("path", ["/dev/zero", "/proc/self/mem"])
def test_a_device_or_a_process_file_is_refused(project_copy: Path, path: str) -> None:
    before = _inputs(project_copy)
    with pytest.raises(AddArticleError, match=path):
        add_article(project_copy, Path(path))
    assert _inputs(project_copy) == before


def test_a_directory_a_link_and_a_known_article_are_refused(
    project_copy: Path, tmp_path: Path
) -> None:
    before = _inputs(project_copy)
    with pytest.raises(AddArticleError, match="a directory; inputs are regular files"):
        add_article(project_copy, tmp_path)
    link = tmp_path / "link.txt"
    link.symlink_to(_write(tmp_path, ARTICLE))
    with pytest.raises(AddArticleError, match="symbolic link"):
        add_article(project_copy, link)
    known = project_copy / "build" / "articles" / "010_a0baf5f4f0f79089.txt"
    with pytest.raises(AddArticleError, match="already archived as 010_a0baf5f4f0f79089"):
        add_article(project_copy, _write(tmp_path, known.read_bytes(), "copy.txt"))
    with pytest.raises(AddArticleError, match="give YYYY-MM-DD"):
        add_article(project_copy, _write(tmp_path, ARTICLE), page_date="30/11/2024")
    assert _inputs(project_copy) == before


def test_an_article_above_the_size_limit_is_refused_unread(
    project_copy: Path, tmp_path: Path
) -> None:
    before = _inputs(project_copy)
    big = tmp_path / "big.txt"
    with big.open("wb") as file:
        file.truncate(5_000_001)  # sparse: refused by its size, never read
    with pytest.raises(AddArticleError, match="larger than 5,000,000 bytes"):
        add_article(project_copy, big)
    assert _inputs(project_copy) == before


@pytest.mark.parametrize(
    ("table", "content", "expected"),
    [
        ("statements", '{"fields": [', "schema/statements.json:1: not valid JSON"),
        ("events", "[]", "schema/events.json: not a Table Schema"),
        ("actors", None, "schema/actors.json: file not found"),
        (
            "aircraft",
            '{"fields": [{"name": "role", "type": "string", "constraints": {"enum": "x"}}],'
            ' "primaryKey": "role"}',
            "field 'role': `enum` must be a non-empty list of values",
        ),
    ],
)
def test_a_broken_schema_is_named_and_nothing_is_added(
    project_copy: Path, tmp_path: Path, table: str, content: str | None, expected: str
) -> None:
    path = project_copy / "schema" / f"{table}.json"
    path.unlink() if content is None else path.write_text(content, encoding="utf-8")
    before = _inputs(project_copy)
    with pytest.raises(AddArticleError, match="schema/ is broken") as caught:
        add_article(project_copy, _write(tmp_path, ARTICLE))
    assert expected in str(caught.value)
    assert _inputs(project_copy) == before
    done = subprocess.run(
        [sys.executable, "-m", "sino_russian_patrols", "add-article",
         str(_write(tmp_path, ARTICLE)), "--root", str(project_copy)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert expected in done.stderr


def test_drafts_of_the_archived_articles_build(project_copy: Path) -> None:
    """Each curated annotation set aside and drafted again: the build accepts the draft."""
    from sino_russian_patrols.assemble import assemble
    from sino_russian_patrols.errors import Problems
    from sino_russian_patrols.steps import read_project

    annotations = project_copy / "build" / "annotations"
    for source in ("005_6bb20a2ae9d6e253", "009_8cee1cd0c1a63ce1", "010_a0baf5f4f0f79089"):
        curated = (annotations / f"{source}.yaml").read_bytes()
        (annotations / f"{source}.yaml").unlink()
        (annotations / f"{source}.yaml").write_text(draft_annotation(project_copy, source))
        problems = Problems()
        assemble(*read_project(project_copy, problems), problems)
        assert not [p for p in problems.items if source in p.file], source
        (annotations / f"{source}.yaml").write_bytes(curated)


def test_ids_lists_events_with_dates_sources_and_where_defined(project_copy: Path) -> None:
    rows = {r.id: r for r in list_ids(project_copy, "events", "2023-06")}
    patrol = rows["2023-06-06-joint-air-patrol"]
    assert "2023-06-06..2023-06-07" in patrol.what
    assert "008_6a68f60dfebcc2b0" in patrol.what
    assert patrol.where.startswith("build/registries/events.yaml:")
    remarks = {r.id: r for r in list_ids(project_copy, "remarks", "norad")}
    assert remarks["norad-not-a-threat"].where.count(";") >= 2  # reported by three sources
    with pytest.raises(ValueError, match="choose one of: events, actors, places, remarks"):
        list_ids(project_copy, "event")  # type: ignore[arg-type]


def test_the_commands_exit_non_zero_on_refusal(project_copy: Path, tmp_path: Path) -> None:
    empty = _write(tmp_path, b"")
    done = subprocess.run(
        [sys.executable, "-m", "sino_russian_patrols", "add-article", str(empty),
         "--root", str(project_copy)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "nothing was changed" in done.stderr and "the file is empty" in done.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "sino_russian_patrols", "ids", "actors", "--match", "kishi",
         "--root", str(project_copy)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert listed.stdout.startswith("nobuo-kishi\t")


def test_a_publication_date_the_build_rejects_is_commented_out(
    project_copy: Path, tmp_path: Path
) -> None:
    """The dateline says 3 March, the page record 4 March: the draft keeps the disagreement
    for the editor and still builds."""
    added = add_article(project_copy, _write(tmp_path, ARTICLE), page_date="2025-03-04")
    text = added.annotation.read_text(encoding="utf-8")
    assert (
        "  # unsure: the build says: published_date: the dateline 'Seoul, March 3' gives " in text
    )
    assert '  # published_date: {quote: "Seoul, March 3", from: dateline}' in text
    build(project_copy)


def test_page_furniture_below_the_body_is_proposed_as_its_end(
    project_copy: Path, tmp_path: Path
) -> None:
    furniture = "\n\nMost Read\nChina, Russia hold joint naval drills near Japan\nUnrelated story\n"
    added = add_article(project_copy, _write(tmp_path, ARTICLE + furniture), page_date="2025-03-03")
    manifest = yaml.safe_load((project_copy / "build/articles/manifest.yaml").read_text())
    entry = next(e for e in manifest if e["file"] == added.article.name)
    assert entry["body_ends_before"] == "Most Read"
    assert "the body ends before 'Most Read' (manifest)" in added.review
    # nothing below it is proposed: the story listed there is no event mention
    draft = yaml.safe_load(added.annotation.read_text(encoding="utf-8"))
    assert all("naval drills" not in e["quote"] for e in draft.get("events") or [])
    build(project_copy)


@pytest.mark.parametrize(
    ("tail", "found"),
    [
        ("Related News\nA headline", "Related News"),
        ('"Politics" POPULAR ARTICLE\n-\nA headline', '"Politics" POPULAR ARTICLE'),
        ("Trending now\nA headline", "Trending now"),
        # a sentence of the story that speaks of related news is no heading
        ("Officials said related news would follow later this week.\n", None),
        # the shared rule cuts earlier: nothing to propose
        ("Comments / 3\nRelated News\n", None),
    ],
)
def test_furniture_is_a_short_heading_line_the_shared_rule_does_not_cut(
    tail: str, found: str | None
) -> None:
    from sino_russian_patrols.draft.body import furniture_line

    text = "Headline\nByline\n\nFirst paragraph of the story.\n\nSecond paragraph.\n" + tail
    assert furniture_line(text) == found


NAVAL = (
    "Vladivostok, Aug. 5 (TASS) -- The Chinese destroyer Zhuhai and the Russian corvette "
    "Sovershenny began a joint naval patrol in the Sea of Japan on Monday, the Pacific Fleet "
    "said.\n"
)


def test_a_ship_the_registry_does_not_know_is_written_into_it_and_claimed_by_name(
    project_copy: Path, tmp_path: Path
) -> None:
    added = add_article(project_copy, _write(tmp_path, NAVAL), page_date="2025-08-05")
    text = added.annotation.read_text(encoding="utf-8")
    ships = yaml.safe_load((project_copy / "build/registries/ships.yaml").read_text())
    written = {s["id"]: (s["country"], s["type"], s["aliases"]) for s in ships[-2:]}
    assert written == {
        "zhuhai": ("CHN", "destroyer", ["Zhuhai"]),
        "sovershenny": ("RUS", "corvette", ["Sovershenny"]),
    }
    assert "# registry entry written: ship zhuhai (CHN, destroyer)" in text
    claims = yaml.safe_load(text)["ships"]
    assert {(c["country"], c["name"]) for c in claims} == {
        ("Chinese", "Zhuhai"),
        ("Russian", "Sovershenny"),
    }
    build(project_copy)  # the draft and the entries build as they are


def test_add_article_that_fails_leaves_the_registries_as_they_were(
    project_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sino_russian_patrols.draft as draft

    def failing(root: Path, source_id: str, **_: object) -> str:
        # the draft wrote its entries, then something went wrong
        # every registry the draft writes into: new entries, new spellings
        for path in (root / "build" / "registries").glob("*.yaml"):
            with path.open("a", encoding="utf-8") as f:
                f.write("\n- id: drafted-then-failed\n")
        raise RuntimeError("interrupted")

    before = _inputs(project_copy)
    monkeypatch.setattr(draft, "draft_annotation", failing)
    with pytest.raises(RuntimeError, match="interrupted"):
        add_article(project_copy, _write(tmp_path, NAVAL), page_date="2025-08-05")
    assert _inputs(project_copy) == before


REPORT = (
    "Washington, July 24 (AP) -- In a report on Arctic security published on Monday, the "
    "Pentagon predicted that military cooperation between Russia and China would grow.\n"
)


def test_a_report_published_on_a_day_is_dated_to_that_day(
    project_copy: Path, tmp_path: Path
) -> None:
    added = add_article(project_copy, _write(tmp_path, REPORT), page_date="2024-07-24")
    events = yaml.safe_load(added.annotation.read_text(encoding="utf-8"))["events"]
    dated = [e for e in events if "date" in e]
    assert [e["date"] for e in dated] == [{"quote": "published on Monday"}]
    registry = yaml.safe_load((project_copy / "build/registries/events.yaml").read_text())
    kinds = {e["id"]: e["type"] for e in registry}
    assert kinds[dated[0]["id"]] == "report_publication"
    build(project_copy)


def test_an_agency_tag_after_the_dateline_is_the_wire_and_part_of_the_dateline(
    project_copy: Path, tmp_path: Path
) -> None:
    text = (
        "MOSCOW, August 5. /TASS/. Russian and Chinese warships began a joint naval patrol in "
        "the Sea of Japan, the Pacific Fleet said.\n"
    )
    added = add_article(project_copy, _write(tmp_path, text), page_date="2025-08-05")
    source = yaml.safe_load(added.annotation.read_text(encoding="utf-8"))["source"]
    assert source["wire"] == {"quote": "TASS"}
    assert source["published_date"] == {"quote": "MOSCOW, August 5. /TASS/.", "from": "dateline"}
    build(project_copy)
