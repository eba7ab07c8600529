"""The build: vendored articles, verbatim spans, the questions the tables must answer,
determinism, and clear errors on bad input that leave the previous dataset intact."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from sino_russian_patrols.errors import BuildError
from sino_russian_patrols.pipeline import build

ROOT = Path(__file__).resolve().parents[1]
SEED_SHA256 = {
    "000_6fdb1ee85ed25e2e.txt": "d11a808097efcfad1291b79c2c797db010bddce5b54f6e04adec683641e38efc",
    "001_8e58578bad5de279.txt": "7888aae06d4daabb0b99d5e144fbcdca0bfe48fa202da1980ec5f47bf84c907a",
    "002_5c8dff17ab31933d.txt": "7164c4f009bdd74b010f3f3d70ba3a8fe4f8f5b039dcf8e583573a053d79350d",
    "003_879c634248b507b8.txt": "03a443dd015ec2f0b4e15b49dd00d976efc00c80badcb7b64236f5532f662e8b",
    "004_5e20299e3f0de927.txt": "8a725f30c66659e169a51848df41d4efbd9997177d43d138bc02f9f7f0d20081",
}
ANNOTATIONS = ROOT / "build" / "annotations"


def table(name: str, root: Path = ROOT) -> pl.DataFrame:
    return pl.read_parquet(root / "dataset" / "parquet" / f"{name}.parquet")


def test_articles_are_vendored_byte_for_byte() -> None:
    files = sorted(p.name for p in (ROOT / "build" / "articles").glob("*.txt"))
    assert files == sorted(SEED_SHA256)
    for name, digest in SEED_SHA256.items():
        raw = (ROOT / "build" / "articles" / name).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == digest
        seed = ROOT.parent / "shared" / "seeds" / name
        if seed.exists():
            assert seed.read_bytes() == raw


def test_sources_text_is_the_raw_file() -> None:
    sources = table("sources")
    for row in sources.iter_rows(named=True):
        raw = (ROOT / "build" / "articles" / row["original_filename"]).read_bytes()
        assert row["text"].encode("utf-8") == raw
        assert row["sha256"] == hashlib.sha256(raw).hexdigest()


def test_every_span_reads_back_verbatim() -> None:
    texts = dict(table("sources").select("source_id", "text").iter_rows())
    statements = table("statements")
    evidence = table("evidence")
    assert statements.height > 0 and evidence.height > 0
    for source_id, start, end, quote in statements.select(
        "source_id", "char_start", "char_end", "text"
    ).iter_rows():
        assert texts[source_id][start:end] == quote
    for source_id, start, end, quote in evidence.select(
        "source_id", "char_start", "char_end", "quote"
    ).iter_rows():
        assert texts[source_id][start:end] == quote


def test_every_row_cites_a_span() -> None:
    evidence = table("evidence")
    cited = {(t, r) for t, r in evidence.select("record_table", "record_id").iter_rows()}
    for name, key in (
        ("events", "event_id"),
        ("aircraft", "aircraft_id"),
        ("actors", "actor_id"),
        ("places", "place_id"),
    ):
        missing = [k for k in table(name)[key] if (name, k) not in cited]
        assert missing == [], f"{name} rows without evidence: {missing}"
    links = table("event_places").select(pl.concat_str("event_id", "place_id", separator="/"))
    assert all(("event_places", k) in cited for k in links.to_series())


def test_aircraft_by_country_and_reporter_on_each_patrol() -> None:
    claims = (
        table("aircraft")
        .join(table("events"), on="event_id")
        .filter(pl.col("event_type") == "joint_air_patrol")
        .join(
            table("actors").select("actor_id", "name"),
            left_on="reported_by",
            right_on="actor_id",
            how="left",
        )
    )
    nov_2022 = claims.filter(pl.col("event_id") == "2022-11-30-joint-air-patrol")
    korea = {
        (c, t, n)
        for c, t, n in nov_2022.filter(pl.col("reported_by") == "south-korea")
        .select("country", "aircraft_type", "count")
        .iter_rows()
    }
    japan = {
        (c, t, n)
        for c, t, n in nov_2022.filter(pl.col("reported_by") == "japan")
        .select("country", "aircraft_type", "count")
        .iter_rows()
    }
    assert korea == {("CHN", "H-6", 2), ("RUS", "Tu-95", 4), ("RUS", "Su-35", 2)}
    assert japan == {("CHN", "H-6", 2), ("RUS", "unspecified", 2)}
    russia = set(
        nov_2022.filter(pl.col("reported_by") == "russian-ministry-of-defence")["aircraft_type"]
    )
    assert {"Tu-95MS", "H-6K"} <= russia
    alaska = set(
        claims.filter(pl.col("event_id") == "2024-07-24-alaska-joint-air-patrol")
        .select("country", "aircraft_type")
        .iter_rows()
    )
    assert alaska == {("RUS", "Tu-95MS"), ("CHN", "H-6")}
    assert set(claims["event_id"]) >= {
        "2021-11-19-joint-air-patrol",
        "2022-11-30-joint-air-patrol",
        "2024-07-24-alaska-joint-air-patrol",
    }


def test_who_said_unprecedented_provocation_and_where() -> None:
    said = table("statements").filter(
        pl.col("text").str.contains("unprecedented provocation by our adversaries", literal=True)
    )
    assert set(said["actor_id"]) == {"lisa-murkowski"}
    assert set(said["source_id"]) == {"000_6fdb1ee85ed25e2e", "001_8e58578bad5de279"}
    remark = said["remark_id"].unique().to_list()
    assert len(remark) == 1
    everywhere = table("statements").filter(pl.col("remark_id") == remark[0])
    assert "002_5c8dff17ab31933d" in set(everywhere["source_id"])


def test_patrols_over_the_sea_of_japan() -> None:
    crossed = (
        table("events")
        .filter(pl.col("event_type") == "joint_air_patrol")
        .join(table("event_places"), on="event_id")
        .join(table("places"), on="place_id")
        .filter(pl.col("name") == "Sea of Japan")
    )
    assert sorted(crossed["event_id"]) == [
        "2021-11-19-joint-air-patrol",
        "2022-11-30-joint-air-patrol",
    ]


def test_all_four_joint_air_patrols_with_honest_dates() -> None:
    patrols = {
        r["event_id"]: r
        for r in table("events")
        .filter(pl.col("event_type") == "joint_air_patrol")
        .iter_rows(named=True)
    }
    assert len(patrols) == 4
    alaska = patrols["2024-07-24-alaska-joint-air-patrol"]
    assert (alaska["start_date"], alaska["end_date"]) == (dt.date(2024, 7, 24),) * 2
    assert alaska["date_basis"] == "weekday_relative" and "Wednesday" in alaska["date_note"]
    may = patrols["2022-05-joint-air-patrol"]
    assert (may["start_date"], may["end_date"], may["date_precision"]) == (
        dt.date(2022, 5, 1),
        dt.date(2022, 5, 31),
        "month",
    )
    assert may["date_basis"] == "context"
    nov = patrols["2022-11-30-joint-air-patrol"]
    assert nov["date_basis"] == "context" and "2022" in nov["date_note"]
    assert nov["duration_hours"] == 8.0
    assert patrols["2021-11-19-joint-air-patrol"]["date_basis"] == "context"
    # Nothing is stated that the text does not state with day, month and year.
    assert table("events").filter(pl.col("date_basis") == "stated").height == 0


def test_intercepts_and_scrambles_answer_their_patrols() -> None:
    events = table("events")
    answers = events.filter(pl.col("event_type").is_in(["intercept", "scramble"]))
    assert answers.height == 4
    assert answers["parent_event_id"].null_count() == 0
    assert set(answers["parent_event_id"]) <= set(events["event_id"])


def test_spellings_fold_into_one_actor() -> None:
    aliases = table("actor_aliases")
    pentagon = set(aliases.filter(pl.col("actor_id") == "us-department-of-defense")["alias"])
    assert {"Pentagon", "U.S. Department of Defense", "US Department of Defence"} <= pentagon
    types = set(table("aircraft")["aircraft_type"])
    assert {"Tu-95MS", "H-6K", "Su-30SM", "Su-35S"} <= types
    assert "TU-95MS" in set(table("aircraft")["type_as_reported"])


def test_reader_comments_are_not_data() -> None:
    text = table("sources").filter(pl.col("source_id") == "003_879c634248b507b8")["text"].item()
    comments = text.index("Comments / 28")
    for name in ("statements", "evidence"):
        spans = table(name).filter(pl.col("source_id") == "003_879c634248b507b8")
        assert spans["char_end"].max() <= comments
    names = " ".join(table("actors")["name"])
    for commenter in ("Adam Stephens", "Ronnie James", "Carol Kidd"):
        assert commenter not in names


def _digest_tree(root: Path) -> dict[str, str]:
    files = [root / "datapackage.json", *sorted((root / "dataset").rglob("*.*"))]
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def test_build_reproduces_the_committed_files_byte_for_byte(project_copy: Path) -> None:
    before = _digest_tree(ROOT)
    build(project_copy)
    assert _digest_tree(project_copy) == before
    build(project_copy)
    assert _digest_tree(project_copy) == before
    assert (project_copy / "docs" / "codebook.md").read_bytes() == (
        ROOT / "docs" / "codebook.md"
    ).read_bytes()


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BAD_INPUTS = {
    "quote_not_in_article": (
        "001_8e58578bad5de279.yaml",
        "unprecedented provocation by our adversaries",
        "unprecedented provocation by our enemies",
        "quote not found",
    ),
    "ambiguous_quote": ("000_6fdb1ee85ed25e2e.yaml", "title_occurrence: 1\n", "\n", "ambiguous"),
    "unknown_actor_id": (
        "001_8e58578bad5de279.yaml",
        "speaker: lisa-murkowski",
        "speaker: lisa-murkowsky",
        "'lisa-murkowsky' is not mentioned",
    ),
    "unknown_event_id": (
        "001_8e58578bad5de279.yaml",
        "event: 2024-07-24-alaska-joint-air-patrol",
        "event: 2024-07-24-alaska-joint-air-patrl",
        "unknown event id",
    ),
    "malformed_date": (
        "003_879c634248b507b8.yaml",
        "value: 2021-11-23",
        "value: 2021-13-45",
        "YYYY-MM-DD",
    ),
    "duplicate_id": (
        "001_8e58578bad5de279.yaml",
        "- id: s02",
        "- id: s01",
        "duplicate statement id",
    ),
    "yaml_syntax_error": (
        "002_5c8dff17ab31933d.yaml",
        "statements:",
        "statements: [",
        "YAML syntax error",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_names_file_and_line_and_keeps_the_dataset(project_copy: Path, case: str) -> None:
    file, old, new, expected = BAD_INPUTS[case]
    before = _digest_tree(project_copy)
    _replace(project_copy / "build" / "annotations" / file, old, new)
    with pytest.raises(BuildError) as caught:
        build(project_copy)
    message = str(caught.value)
    assert expected in message
    problem = next(p for p in caught.value.problems if expected in p.message)
    assert problem.file.endswith(file)
    assert problem.line is not None and problem.line > 0
    assert _digest_tree(project_copy) == before
    assert not list(project_copy.glob(".dataset-*"))


def test_article_that_is_not_utf8_is_rejected_with_its_line(project_copy: Path) -> None:
    article = project_copy / "build" / "articles" / "002_5c8dff17ab31933d.txt"
    raw = article.read_bytes()
    article.write_bytes(raw.replace(b"joint bomber patrol", b"joint b\xf6mber patrol", 1))
    with pytest.raises(BuildError) as caught:
        build(project_copy)
    problem = next(p for p in caught.value.problems if "not UTF-8" in p.message)
    assert problem.file.endswith("002_5c8dff17ab31933d.txt")
    assert problem.line == 3


def test_edited_article_is_caught_by_the_manifest(project_copy: Path) -> None:
    article = project_copy / "build" / "articles" / "000_6fdb1ee85ed25e2e.txt"
    article.write_bytes(article.read_bytes().replace(b"bold display", b"bald display"))
    with pytest.raises(BuildError, match="archived articles are never edited"):
        build(project_copy)


def test_command_exits_non_zero_and_prints_the_problem(project_copy: Path) -> None:
    _replace(
        project_copy / "build" / "annotations" / "004_5e20299e3f0de927.yaml",
        'quote: "routine joint aerial strategic patrol."',
        'quote: "routine patrol."',
    )
    done = subprocess.run(
        [sys.executable, "-m", "sino_russian_patrols", "build", "--root", str(project_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "004_5e20299e3f0de927.yaml:" in done.stderr
    assert "'routine patrol.'" in done.stderr
    assert "previous dataset is unchanged" in done.stderr
