"""The questions answered in one call: counts per event, country and reporter that never add
a total to its parts nor several reporters together; the words behind a row."""

from __future__ import annotations

import polars as pl
import pytest

import sino_russian_patrols as srp
from sino_russian_patrols.answers import _counts


def _claims(*rows: tuple) -> pl.DataFrame:
    columns = ["event_id", "country", "reported_by", "source_id", "count", "count_qualifier"]
    return pl.DataFrame(
        [dict(zip([*columns, "is_total"], r, strict=True)) for r in rows],
        schema={**dict.fromkeys(columns, pl.String), "count": pl.Int64, "is_total": pl.Boolean},
    )


def test_a_total_is_kept_apart_and_inexact_numbers_are_not_summed() -> None:
    counts = _counts(
        _claims(
            ("e", "RUS", "japan", "s1", 2, "exact", False),
            ("e", "RUS", "japan", "s1", 4, "exact", False),
            ("e", "RUS", "japan", "s1", 10, "more_than", False),
            ("e", "CHN", "japan", "s1", 2, "exact", False),
            ("e", None, "japan", "s1", 17, "exact", True),  # a total of both countries
        ),
        "aircraft",
    )
    rus = counts.filter(pl.col("country") == "RUS").row(0, named=True)
    assert (rus["aircraft"], rus["claims_without_exact_count"], rus["claims"]) == (6, 1, 3)
    assert rus["stated_total"] == 17  # beside the sum, never added to it
    assert counts["aircraft"].sum() == 8  # the total is no row of its own


def test_reporters_stay_apart_and_their_disagreement_is_flagged() -> None:
    counts = _counts(
        _claims(
            ("e", "RUS", "japan", "s1", 2, "exact", False),
            ("e", "RUS", "south-korea", "s1", 6, "exact", False),
            ("e", "RUS", None, "s2", None, None, False),  # no number: no disagreement
            ("f", "CHN", "japan", "s1", 2, "exact", False),
            ("f", "CHN", "south-korea", "s1", 2, "exact", False),
        ),
        "aircraft",
    )
    by = {(r["event_id"], r["reported_by"]): r for r in counts.iter_rows(named=True)}
    assert (by["e", "japan"]["aircraft"], by["e", "south-korea"]["aircraft"]) == (2, 6)
    assert by["e", "japan"]["disagrees"] and by["e", "unattributed"]["aircraft"] is None
    assert not by["f", "japan"]["disagrees"]


def test_the_published_counts_follow_the_same_rules() -> None:
    aircraft = srp.load("aircraft")
    counts = srp.aircraft_counts()
    exact = aircraft.filter(~pl.col("is_total"), pl.col("count_qualifier") == "exact")
    assert counts["aircraft"].sum() == exact["count"].sum()
    ships = srp.ship_counts()
    assert set(ships.columns) >= {"event_id", "country", "reported_by", "ships", "disagrees"}


def test_the_words_behind_a_row() -> None:
    evidence = srp.load("evidence").row(0, named=True)
    found = srp.evidence(evidence["record_table"], evidence["record_id"])
    assert evidence["quote"] in found["quote"].to_list()
    text = srp.source_text(evidence["source_id"])
    row = found.filter(pl.col("char_start") == evidence["char_start"]).row(0, named=True)
    assert text[row["char_start"] - len(row["before"]) : row["char_end"] + len(row["after"])] == (
        row["before"] + row["quote"] + row["after"]
    )
    statement = srp.load("statements").row(0, named=True)
    own = srp.evidence("statements", statement["statement_id"]).row(0, named=True)
    assert own["quote"] == statement["text"]
    with pytest.raises(KeyError, match="no evidence for"):
        srp.evidence("aircraft", "no-such-id")


def test_connect_has_every_table_and_every_view() -> None:
    pytest.importorskip("duckdb")
    con = srp.connect()
    names = {r[0] for r in con.sql("select table_name from information_schema.tables").fetchall()}
    assert names == set(srp.tables()) | set(srp.views())
    [(total,)] = con.sql("select sum(aircraft) from aircraft_counts").fetchall()
    assert total == srp.aircraft_counts()["aircraft"].sum()
