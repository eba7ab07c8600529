"""The sources step: one row per article, its publication date with the basis of it, and the
anchor each source's relative dates count from."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from sino_russian_patrols.steps import Inputs, run_steps
from sino_russian_patrols.steps.sources import SourcesOutput, run


def _run(inputs: Inputs) -> SourcesOutput:
    out = run(inputs, run_steps(inputs, ()))
    assert inputs.problems.items == []
    return out


def test_a_stated_date_is_quoted_in_the_note(build_inputs: Inputs) -> None:
    rows = {r["source_id"]: r for r in _run(build_inputs).rows["sources"]}
    alaska = rows["000_6fdb1ee85ed25e2e"]
    assert alaska["title"] == "China and Russia Conduct First Joint Bomber Patrol Near Alaska"
    assert (alaska["published_date"], alaska["published_date_basis"]) == (
        dt.date(2024, 7, 25),
        "stated",
    )
    assert alaska["published_date_note"] == "Stated in the text: 'Thursday 25 July 2024'."


def test_a_dateline_takes_its_year_from_the_page_record(build_inputs: Inputs) -> None:
    rows = {r["source_id"]: r for r in _run(build_inputs).rows["sources"]}
    tokyo = rows["008_6a68f60dfebcc2b0"]
    assert (tokyo["published_date"], tokyo["published_date_basis"]) == (
        dt.date(2023, 6, 8),
        "dateline",
    )
    assert "'Tokyo, June 8'" in tokyo["published_date_note"]
    url = rows["009_8cee1cd0c1a63ce1"]
    assert (url["published_date"], url["published_date_basis"]) == (dt.date(2023, 12, 15), "url")


def test_each_row_is_its_article_and_each_date_anchors_its_source(
    build_inputs: Inputs, root: Path
) -> None:
    out = _run(build_inputs)
    assert {r["source_id"] for r in out.rows["sources"]} == set(build_inputs.articles)
    for r in out.rows["sources"]:
        article = build_inputs.articles[r["source_id"]]
        assert r["text"] == article.text and r["original_filename"] == article.filename
        raw = (root / "build" / "articles" / article.filename).read_bytes()
        assert r["sha256"] == hashlib.sha256(raw).hexdigest()
        date = out.published[r["source_id"]]
        assert date == r["published_date"]
        anchor = out.anchors[r["source_id"]]
        if date is not None:
            assert anchor is not None and anchor.date == date and anchor.precision == "day"
    assert out.evidence == []  # a source is its whole text: it cites no span
