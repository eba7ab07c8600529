"""The synthetic package generator: valid by construction, seeded, any size."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sino_russian_patrols.articles import body_end
from sino_russian_patrols.package import read_tables, write_package
from sino_russian_patrols.schema import TABLES, default_schema_dir, enum_values, read_schema
from sino_russian_patrols.testing import generate, plan, rows
from sino_russian_patrols.validation import validate_package


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_a_generated_package_is_valid_and_has_the_planned_size(tmp_path: Path) -> None:
    descriptor = generate(tmp_path, 120, seed=7, per_source=25)
    report = validate_package(descriptor)
    assert report.valid, report.text()
    size = plan(120, per_source=25)
    assert report.rows["statements"] == 120
    assert report.rows["sources"] == size.sources == 5
    assert report.rows["events"] == size.events
    assert report.rows["aircraft"] == 2 * size.events
    assert report.rows["actors"] == size.actors
    assert report.rows["places"] == size.places
    assert report.rows["event_dates"] == size.events  # one date claim per event
    assert set(report.rows) == set(TABLES)
    assert all(report.rows[t] > 0 for t in TABLES), report.rows  # rows in every table


@pytest.mark.parametrize("statements", [1, 2, 13])
def test_even_the_smallest_package_has_rows_in_every_table(tmp_path: Path, statements: int) -> None:
    report = validate_package(generate(tmp_path, statements, seed=statements, per_source=1))
    assert report.valid, report.text()
    assert {t for t, n in report.rows.items() if n == 0} == set()


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_bytes(tmp_path: Path) -> None:
    a, b, c = (tmp_path / n for n in "abc")
    generate(a, 60, seed=1)
    generate(b, 60, seed=1)
    generate(c, 60, seed=2)
    assert _files(a) == _files(b)
    assert _files(a)["dataset/csv/sources.csv"] != _files(c)["dataset/csv/sources.csv"]


def test_spans_are_verbatim_in_code_points_and_texts_are_not_ascii(tmp_path: Path) -> None:
    tables = read_tables(generate(tmp_path, 80, seed=3).parent)
    texts = dict(tables["sources"].select("source_id", "text").iter_rows())
    assert any(not t.isascii() for t in texts.values())  # code points and bytes differ
    for table, column in (("statements", "text"), ("evidence", "quote")):
        for source, start, end, quoted in (
            tables[table].select("source_id", "char_start", "char_end", column).iter_rows()
        ):
            assert texts[source][start:end] == quoted
    for source_id, text, sha in tables["sources"].select("source_id", "text", "sha256").rows():
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == sha, source_id


def test_every_row_the_evidence_supports_has_evidence(tmp_path: Path) -> None:
    tables = read_tables(generate(tmp_path, 40, seed=4, per_source=10).parent)
    cited = set(tables["evidence"].select("record_table", "record_id").iter_rows())
    schema_dir = default_schema_dir()
    supported = enum_values("evidence", "record_table", schema_dir)
    assert set(supported) < set(TABLES)
    own_span = {"source_id", "char_start", "char_end"}
    for table in supported:
        key = read_schema(schema_dir, table)["primaryKey"]
        assert tables[table].height > 0, table
        if own_span <= set(tables[table].columns):
            continue  # a statement's own span is its evidence; evidence rows only add to it
        for values in tables[table].select(key).iter_rows():
            assert (table, "/".join(str(v) for v in values)) in cited, (table, values)


def test_the_new_claims_are_consistent(tmp_path: Path) -> None:
    """Totals without a country, places inside larger places, date claims of each event."""
    tables = read_tables(generate(tmp_path, 400, seed=8, per_source=20).parent)
    aircraft = tables["aircraft"]
    assert aircraft.filter(pl.col("country").is_null()).height > 0
    assert aircraft.filter(pl.col("country").is_null() & ~pl.col("is_total")).height == 0
    parents = dict(tables["places"].select("place_id", "parent_place_id").iter_rows())
    assert any(parents.values())
    for place in parents:  # every chain of parents ends
        seen = {place}
        while (place := parents[place]) is not None:
            assert place not in seen
            seen.add(place)
    claims = tables["event_dates"].join(tables["events"], on="event_id", suffix="_event")
    for column in ("start_date", "end_date", "date_precision", "date_basis"):
        assert claims[column].equals(claims[f"{column}_event"]), column
    day = tables["events"].filter(pl.col("date_precision") == "day")
    assert (day["start_date"] < day["end_date"]).any()  # events over several days
    stated = tables["events"].filter(pl.col("date_basis") == "stated")
    assert set(stated["date_precision"]) == {"day", "month"}


def test_place_spans_are_spellings_and_reader_comments_lie_below_the_body(
    tmp_path: Path,
) -> None:
    """A place's evidence quotes one of its place_aliases (some a second spelling); articles
    with reader comments have a body_end, found by the build's rule, that no span passes."""
    tables = read_tables(generate(tmp_path, 200, seed=11, per_source=20).parent)
    spelled = set(tables["place_aliases"].select("alias", "place_id").iter_rows())
    cited = tables["evidence"].filter(pl.col("record_table") == "places")
    quoted = set(cited.select("quote", "record_id").iter_rows())
    assert quoted <= spelled
    assert len({q for q, _ in quoted}) > len({p for _, p in quoted})  # second spellings too
    sources = tables["sources"]
    assert 0 < sources["body_end"].null_count() < sources.height
    for source_id, text, end in sources.select("source_id", "text", "body_end").iter_rows():
        assert end == body_end(text), source_id
        if end is not None:
            assert text[end:].startswith("Comments / ")
            for name in ("statements", "evidence"):
                spans = tables[name].filter(pl.col("source_id") == source_id)
                assert (spans["char_end"] <= end).all(), (name, source_id)


def test_the_vocabularies_come_from_the_schemas(tmp_path: Path) -> None:
    """A value added to an enum in schema/ is generated without changing the generator."""
    schema_dir = tmp_path / "schema"
    shutil.copytree(default_schema_dir(), schema_dir)
    path = schema_dir / "statements.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    medium = next(f for f in schema["fields"] if f["name"] == "medium")
    medium["constraints"]["enum"].append("carrier_pigeon")
    path.write_text(json.dumps(schema), encoding="utf-8")
    tables = rows(600, seed=9, schema_dir=schema_dir)
    assert "carrier_pigeon" in {r["medium"] for r in tables["statements"]}
    report = validate_package(generate(tmp_path / "package", 600, seed=9, schema_dir=schema_dir))
    assert report.valid, report.text()


def test_write_package_round_trips_frames(tmp_path: Path) -> None:
    generate(tmp_path / "a", 30, seed=5)
    tables = read_tables(tmp_path / "a")
    write_package(tmp_path / "b", tables)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_row_dicts_are_typed_by_the_project_writer() -> None:
    tables = rows(12, seed=6, per_source=4)
    assert {"statement_id", "char_start", "char_end"} <= set(tables["statements"][0])
    assert isinstance(tables["statements"][0]["char_start"], int)
    assert default_schema_dir().joinpath("statements.json").is_file()


@pytest.mark.parametrize("bad", [0, -3])
def test_a_package_needs_a_statement(bad: int) -> None:
    with pytest.raises(ValueError, match="at least one statement"):
        plan(bad)


@pytest.mark.slow
@settings(max_examples=15, deadline=None)
@given(
    statements=st.integers(1, 150),
    seed=st.integers(0, 2**32 - 1),
    per_source=st.integers(1, 60),
)
def test_generated_packages_of_any_shape_are_valid(
    statements: int, seed: int, per_source: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("synthetic")
    report = validate_package(generate(root, statements, seed=seed, per_source=per_source))
    assert report.valid, report.text()
    assert report.rows["statements"] == statements
    frame = pl.read_csv(root / "dataset" / "csv" / "statements.csv", infer_schema=False)
    assert frame.height == statements
