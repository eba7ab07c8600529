"""The build: vendored articles, verbatim spans, the questions the tables must answer,
determinism, and clear errors on bad input that leave the previous dataset intact."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
import yaml

from helpers import digest_tree, replace_once
from sino_russian_patrols.articles import read_articles
from sino_russian_patrols.dates import ResolvedDate, date_from_url
from sino_russian_patrols.errors import BuildError, Problems
from sino_russian_patrols.pipeline import build
from sino_russian_patrols.steps.events import DateClaim, combine_dates

ROOT = Path(__file__).resolve().parents[1]
# The five seed articles of 0.1.0: archived once, never edited.
SEED_SHA256 = {
    "000_6fdb1ee85ed25e2e.txt": "d11a808097efcfad1291b79c2c797db010bddce5b54f6e04adec683641e38efc",
    "001_8e58578bad5de279.txt": "7888aae06d4daabb0b99d5e144fbcdca0bfe48fa202da1980ec5f47bf84c907a",
    "002_5c8dff17ab31933d.txt": "7164c4f009bdd74b010f3f3d70ba3a8fe4f8f5b039dcf8e583573a053d79350d",
    "003_879c634248b507b8.txt": "03a443dd015ec2f0b4e15b49dd00d976efc00c80badcb7b64236f5532f662e8b",
    "004_5e20299e3f0de927.txt": "8a725f30c66659e169a51848df41d4efbd9997177d43d138bc02f9f7f0d20081",
}
ANNOTATIONS = ROOT / "build" / "annotations"
ARTICLES = ROOT / "build" / "articles"
ALASKA = "2024-07-24-alaska-joint-air-patrol"
NOV_2022 = "2022-11-30-joint-air-patrol"
MAY_2022 = "2022-05-joint-air-patrol"


def table(name: str, root: Path = ROOT) -> pl.DataFrame:
    return pl.read_parquet(root / "dataset" / "parquet" / f"{name}.parquet")


def test_articles_are_vendored_byte_for_byte() -> None:
    manifest = yaml.safe_load((ARTICLES / "manifest.yaml").read_text(encoding="utf-8"))
    listed = {entry["file"]: entry for entry in manifest}
    files = sorted(p.name for p in ARTICLES.glob("*.txt"))
    assert files == sorted(listed), "every archived article is in the manifest, and only those"
    assert set(SEED_SHA256) <= set(files)
    for name in files:
        raw = (ARTICLES / name).read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        assert digest == listed[name]["sha256"] and len(raw) == listed[name]["bytes"], name
        assert digest == SEED_SHA256.get(name, digest), name
        received = ROOT.parent / "shared" / "seeds" / name
        origin = listed[name].get("origin", "")
        if "(shared/articles/" in origin:
            received = ROOT.parent / origin.split("(", 1)[1].split(")", 1)[0]
        if received.exists():
            assert received.read_bytes() == raw, name


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
        ("event_dates", "date_claim_id"),
        ("event_durations", "duration_claim_id"),
        ("sequence_claims", "sequence_claim_id"),
        ("airspace_claims", "airspace_claim_id"),
    ):
        assert table(name).height > 0, name
        missing = [k for k in table(name)[key] if (name, k) not in cited]
        assert missing == [], f"{name} rows without evidence: {missing}"
    links = table("event_places").select(pl.concat_str("event_id", "place_id", separator="/"))
    assert all(("event_places", k) in cited for k in links.to_series())
    legs = table("event_routes").select(
        pl.concat_str(
            "source_id",
            "event_id",
            pl.col("leg").cast(pl.String),
            "role",
            "place_id",
            separator="/",
        )
    )
    assert legs.height > 0
    assert all(("event_routes", k) in cited for k in legs.to_series())


def test_claims_are_cited_in_their_own_source() -> None:
    """A claim attributed to a source is backed by a span of that source."""
    evidence = table("evidence").select("record_table", "record_id", "source_id")
    for name, key in (
        ("aircraft", "aircraft_id"),
        ("event_dates", "date_claim_id"),
        ("event_durations", "duration_claim_id"),
        ("sequence_claims", "sequence_claim_id"),
        ("airspace_claims", "airspace_claim_id"),
    ):
        own = table(name).join(
            evidence.filter(pl.col("record_table") == name),
            left_on=[key, "source_id"],
            right_on=["record_id", "source_id"],
            how="anti",
        )
        assert own.height == 0, f"{name} claims without a span of their source: {own[key]}"


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
    # USNI's account of 30 November 2022 (source 004) keeps South Korea's and Japan's
    # differing counts side by side.
    nov_2022 = claims.filter(
        pl.col("event_id") == NOV_2022, pl.col("source_id") == "004_5e20299e3f0de927"
    )

    def said_by(actor: str) -> set[tuple[str, str, int]]:
        rows = nov_2022.filter(pl.col("reported_by") == actor)
        return set(rows.select("country", "aircraft_type", "count").iter_rows())

    assert said_by("south-korea") == {("CHN", "H-6", 2), ("RUS", "Tu-95", 4), ("RUS", "Su-35", 2)}
    assert said_by("japan") == {("CHN", "H-6", 2), ("RUS", "unspecified", 2)}
    russia = set(
        nov_2022.filter(pl.col("reported_by") == "russian-ministry-of-defence")["aircraft_type"]
    )
    assert {"Tu-95MS", "H-6K"} <= russia
    alaska = claims.filter(pl.col("event_id") == ALASKA)
    assert set(alaska.select("country", "aircraft_type").iter_rows()) >= {
        ("RUS", "Tu-95MS"),
        ("CHN", "H-6"),
    }
    # The three articles of July 2024 give no number of aircraft: none is invented.
    seeds = alaska.filter(pl.col("source_id").is_in([n.removesuffix(".txt") for n in SEED_SHA256]))
    assert seeds.height > 0 and seeds["count"].null_count() == seeds.height
    assert set(claims["event_id"]) >= {
        "2021-11-19-joint-air-patrol",
        NOV_2022,
        ALASKA,
    }


def test_aircraft_rules() -> None:
    """Rules for any correct data: a claim without a country is a total; a count has a
    qualifier and a qualifier a count; every designation is in aircraft_types."""
    aircraft = table("aircraft")
    no_country = aircraft.filter(pl.col("country").is_null())
    assert no_country.height > 0
    assert no_country["is_total"].all()
    assert aircraft.filter(
        pl.col("count").is_null() != pl.col("count_qualifier").is_null()
    ).is_empty()
    assert aircraft.filter(pl.col("count") < 1).is_empty()
    types = set(table("aircraft_types")["designation"])
    assert set(aircraft.filter(pl.col("aircraft_type") != "unspecified")["aircraft_type"]) <= types


def test_who_said_unprecedented_provocation_and_where() -> None:
    said = table("statements").filter(
        pl.col("text").str.contains("unprecedented provocation by our adversaries", literal=True)
    )
    assert set(said["actor_id"]) == {"lisa-murkowski"}
    assert set(said["source_id"]) >= {"000_6fdb1ee85ed25e2e", "001_8e58578bad5de279"}
    remark = said["remark_id"].unique().to_list()
    assert len(remark) == 1
    everywhere = table("statements").filter(pl.col("remark_id") == remark[0])
    assert "002_5c8dff17ab31933d" in set(everywhere["source_id"])


def test_patrols_over_the_sea_of_japan() -> None:
    crossed = set(
        table("events")
        .filter(pl.col("event_type") == "joint_air_patrol")
        .join(table("event_places"), on="event_id")
        .join(table("places"), on="place_id")
        .filter(pl.col("name") == "Sea of Japan")["event_id"]
    )
    assert crossed >= {
        "2020-12-22-joint-air-patrol",
        "2021-11-19-joint-air-patrol",
        MAY_2022,
        NOV_2022,
        "2023-06-06-joint-air-patrol",
        "2023-12-14-joint-air-patrol",
        "2024-11-30-joint-air-patrol",
        "2025-12-09-joint-air-patrol",
    }
    assert ALASKA not in crossed


def test_every_joint_patrol_with_date_claims_is_dated() -> None:
    """A joint patrol that some source dates has at least one bound; no date is invented for
    one that no source dates."""
    events = table("events").filter(pl.col("event_type").str.starts_with("joint_"))
    claimed = set(table("event_dates")["event_id"])
    for row in events.iter_rows(named=True):
        bounded = row["start_date"] is not None or row["end_date"] is not None
        assert bounded == (row["event_id"] in claimed), row["event_id"]


def test_stated_dates_are_stated_in_the_text() -> None:
    """`stated` only when the text states day, month and year (or month and year, with
    precision month): the note quotes the words, which carry the year."""
    claims = table("event_dates")
    stated = claims.filter(pl.col("date_basis") == "stated")
    assert stated.height > 0
    for row in stated.iter_rows(named=True):
        assert row["date_precision"] in ("day", "month"), row["date_claim_id"]
        assert str(row["end_date"].year) in row["date_note"], row["date_claim_id"]
    # An event is `stated` only when one of its claims is.
    events = table("events").filter(pl.col("date_basis") == "stated")
    assert set(events["event_id"]) <= set(stated["event_id"])


def test_event_dates_combine_the_claims_of_every_source() -> None:
    """The rule of the codebook, recomputed here from the published rows alone: each event's
    dates are what `combine_dates` gives for the claims `event_dates` lists (their dates and
    bounds), with the same conflict flag."""
    claims = table("event_dates")
    events = {r["event_id"]: r for r in table("events").iter_rows(named=True)}
    assert set(claims["event_id"]) <= set(events)
    for (event_id,), group in claims.group_by("event_id"):
        found = combine_dates(
            [
                DateClaim(
                    r["date_claim_id"],
                    event_id,
                    r["source_id"],
                    ResolvedDate(
                        r["start_date"],
                        r["end_date"],
                        r["date_precision"],
                        r["date_basis"],
                        r["date_note"],
                    ),
                    r["bound"],
                )
                for r in group.iter_rows(named=True)
            ]
        )
        event = events[event_id]
        expected = (found.date.start, found.date.end, found.conflict)
        assert (event["start_date"], event["end_date"], event["date_conflict"]) == expected
    undated = table("events").filter(~pl.col("event_id").is_in(claims["event_id"].implode()))
    assert undated["start_date"].null_count() == undated["end_date"].null_count() == undated.height
    assert set(undated["date_precision"]) <= {"unknown"}
    assert set(undated["date_basis"]) <= {"unknown"}


# The date claims the archived articles make about the patrols they report (the analysis 002
# dates neither itself nor the patrol: it has none). A new article may report a patrol without
# dating it, so this is a list of facts, not a rule over every source.
PATROL_DATE_CLAIMS = {
    ("2019-07-23-joint-air-patrol", "005_6bb20a2ae9d6e253"),
    ("2020-12-22-joint-air-patrol", "006_881c97e2585dccbe"),
    ("2021-11-19-joint-air-patrol", "003_879c634248b507b8"),
    (MAY_2022, "004_5e20299e3f0de927"),
    (MAY_2022, "007_7afeb356ef33a806"),
    ("2022-11-30-joint-air-patrol", "004_5e20299e3f0de927"),
    ("2023-06-06-joint-air-patrol", "008_6a68f60dfebcc2b0"),
    ("2023-12-14-joint-air-patrol", "009_8cee1cd0c1a63ce1"),
    (ALASKA, "000_6fdb1ee85ed25e2e"),
    # 'Wednesday's joint patrol' under the dateline 2024-07-26 is a claim of its own.
    (ALASKA, "001_8e58578bad5de279"),
    ("2024-11-30-joint-air-patrol", "010_a0baf5f4f0f79089"),
    ("2025-12-09-joint-air-patrol", "011_6647d5349411bed7"),
}


def test_the_patrols_are_dated_by_the_sources_that_date_them() -> None:
    dated = set(table("event_dates").select("event_id", "source_id").iter_rows())
    assert dated >= PATROL_DATE_CLAIMS
    # a date claim is made by a source that reports the event
    evidence = table("evidence").filter(pl.col("record_table") == "events")
    reports = set(evidence.select("record_id", "source_id").iter_rows())
    assert dated <= reports


def test_intercepts_and_scrambles_answer_their_patrols() -> None:
    events = table("events")
    answers = events.filter(pl.col("event_type").is_in(["intercept", "scramble"]))
    assert answers.height > 0
    assert answers["parent_event_id"].null_count() == 0
    patrols = set(events.filter(pl.col("event_type").str.starts_with("joint_"))["event_id"])
    top = _answers_to()
    assert {top[e] for e in answers["event_id"]} <= patrols
    assert set(events.drop_nulls("parent_event_id")["parent_event_id"]) <= set(events["event_id"])
    answered = set(answers.select("event_id", "parent_event_id").iter_rows())
    assert answered >= {
        ("2024-07-24-norad-intercept", ALASKA),
        ("2022-11-30-japan-scramble", NOV_2022),
        ("2022-11-30-south-korea-scramble", NOV_2022),
    }


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


# What the 0.2 tables hold: each phenomenon of the texts is a value in a column, found by a
# query. Facts about the committed data that adding an article cannot make untrue.


def _row(name: str, key: str, value: str) -> dict:
    return table(name).filter(pl.col(key) == value).row(0, named=True)


def _answers_to() -> dict[str, str]:
    """Each event with a parent: the event at the top of its chain (the patrol it answered)."""
    parent = dict(
        table("events")
        .drop_nulls("parent_event_id")
        .select("event_id", "parent_event_id")
        .iter_rows()
    )
    top = {}
    for event in parent:
        seen, step = {event}, parent[event]
        while step in parent:
            assert step not in seen, f"parent_event_id cycle through {step}"
            seen.add(step)
            step = parent[step]
        top[event] = step
    return top


def test_publication_date_from_a_dateline_the_page_record_or_the_url() -> None:
    sources = table("sources")
    basis = dict(sources.select("source_id", "published_date_basis").iter_rows())
    assert basis["005_6bb20a2ae9d6e253"] == "stated"  # 'Published: 23 Jul 2019'
    dateline = sources.filter(pl.col("published_date_basis") == "dateline")
    assert set(dateline.select("source_id", "published_date").iter_rows()) >= {
        ("008_6a68f60dfebcc2b0", dt.date(2023, 6, 8)),  # 'Tokyo, June 8 (Jiji Press)'
        ("011_6647d5349411bed7", dt.date(2025, 12, 10)),  # 'Tokyo, Dec. 10 (Jiji Press)'
    }
    assert "Tokyo, June 8" in _row("sources", "source_id", "008_6a68f60dfebcc2b0")["text"]
    record = sources.filter(pl.col("published_date_basis") == "page_record")
    assert "007_7afeb356ef33a806" in set(record["source_id"])
    assert _row("sources", "source_id", "007_7afeb356ef33a806")["published_date"] == dt.date(
        2022, 5, 24
    )
    # The page record's date is the publication date it gives.
    assert record.filter(pl.col("published_date") != pl.col("archive_page_date")).is_empty()
    url = sources.filter(pl.col("published_date_basis") == "url")
    yomiuri = url.filter(pl.col("source_id") == "009_8cee1cd0c1a63ce1").row(0, named=True)
    assert yomiuri["published_date"] == dt.date(2023, 12, 15)
    assert yomiuri["archive_page_date"] is None
    for row in url.iter_rows(named=True):  # the URL carries the date it gives, in any form
        assert date_from_url(row["archive_url"]) == row["published_date"], row["source_id"]


def test_wire_agency_of_a_source() -> None:
    sources = table("sources").drop_nulls("wire_agency_id")
    wires = set(sources.select("source_id", "wire_agency_id").iter_rows())
    assert wires >= {
        ("005_6bb20a2ae9d6e253", "reuters"),
        ("008_6a68f60dfebcc2b0", "jiji-press"),
        ("011_6647d5349411bed7", "jiji-press"),
    }
    # A wire agency is a media actor that the text names.
    agencies = sources.join(
        table("actors"), left_on="wire_agency_id", right_on="actor_id", how="left"
    )
    assert set(agencies["actor_type"]) == {"media"}
    for text, name in agencies.select("text", "name").iter_rows():
        assert name in text


def test_a_two_day_patrol() -> None:
    patrols = table("events").filter(
        pl.col("event_type") == "joint_air_patrol",
        pl.col("date_precision") == "day",
        pl.col("end_date") > pl.col("start_date"),
    )
    june = patrols.filter(pl.col("event_id") == "2023-06-06-joint-air-patrol")
    assert june.select("start_date", "end_date").row(0) == (
        dt.date(2023, 6, 6),
        dt.date(2023, 6, 7),
    )
    # The claim that spans the two days: Jiji's 'for the second straight day on Wednesday'.
    claims = table("event_dates").filter(
        pl.col("event_id") == "2023-06-06-joint-air-patrol", pl.col("date_precision") == "day"
    )
    two_days = claims.filter(pl.col("end_date") - pl.col("start_date") == dt.timedelta(days=1))
    assert two_days["source_id"].to_list() == ["008_6a68f60dfebcc2b0"]
    assert "second straight day" in two_days["date_note"].item()


def test_two_date_claims_for_one_event() -> None:
    claims = table("event_dates")
    per_event = claims.group_by("event_id").agg(pl.len().alias("n"))
    several = set(per_event.filter(pl.col("n") >= 2)["event_id"])
    assert {"2020-12-22-joint-air-patrol", MAY_2022} <= several
    # One source, two claims: American Military News states 'Dec. 22, 2020' and says Tuesday.
    dec = claims.filter(
        pl.col("event_id") == "2020-12-22-joint-air-patrol",
        pl.col("source_id") == "006_881c97e2585dccbe",
    )
    assert set(dec["date_basis"]) >= {"stated", "weekday_relative"}
    stated = dec.filter(pl.col("date_basis") == "stated").row(0, named=True)
    assert (stated["start_date"], stated["end_date"], stated["date_precision"]) == (
        dt.date(2020, 12, 22),
        dt.date(2020, 12, 22),
        "day",
    )
    assert "Dec. 22, 2020" in stated["date_note"]
    # Two sources, two precisions: USNI's 'in May' and the Japan Times' Tuesday.
    may = {
        r["source_id"]: r
        for r in claims.filter(pl.col("event_id") == MAY_2022).iter_rows(named=True)
    }
    usni, japan_times = may["004_5e20299e3f0de927"], may["007_7afeb356ef33a806"]
    assert (usni["start_date"], usni["end_date"], usni["date_precision"]) == (
        dt.date(2022, 5, 1),
        dt.date(2022, 5, 31),
        "month",
    )
    assert (japan_times["start_date"], japan_times["date_precision"]) == (
        dt.date(2022, 5, 24),
        "day",
    )


def test_sequence_claims_with_their_scope_and_claimant() -> None:
    claims = table("sequence_claims")
    second = claims.filter(
        pl.col("event_id") == "2020-12-22-joint-air-patrol", pl.col("ordinal") == 2
    ).row(0, named=True)
    assert second["ordinal_as_reported"] == "second"
    assert second["series"] == "joint air patrol"
    assert second["claimed_by"] == "russian-ministry-of-defence"
    december = claims.filter(pl.col("event_id") == "2023-12-14-joint-air-patrol")
    since = december.filter(pl.col("scope") == "since").row(0, named=True)
    assert (since["ordinal"], since["since_event_id"]) == (1, "2023-06-06-joint-air-patrol")
    year = december.filter(pl.col("scope") == "year").row(0, named=True)
    assert (year["ordinal"], year["ordinal_as_reported"], year["scope_year"]) == (3, "third", 2023)
    shikoku = claims.filter(
        pl.col("event_id") == "2025-12-09-joint-air-patrol", pl.col("scope") == "area"
    ).row(0, named=True)
    assert (shikoku["ordinal"], shikoku["scope_place_id"]) == (1, "shikoku")
    assert shikoku["claimed_by"] == "japan-joint-staff-office"
    # Alaska 2024 was the first joint bomber patrol in that area, not the first ever.
    alaska = claims.filter(pl.col("event_id") == ALASKA, pl.col("ordinal") == 1)
    assert alaska.height > 0
    assert set(alaska["scope"]) == {"area"}
    assert set(alaska["scope_place_id"]) == {"north-pacific-ocean"}
    # Each scope carries exactly the column it needs.
    for scope, column in (
        ("area", "scope_place_id"),
        ("year", "scope_year"),
        ("since", "since_event_id"),
    ):
        has = pl.col(column).is_not_null()
        assert claims.filter((pl.col("scope") == scope) != has).is_empty(), scope


def test_air_defense_zone_entry_and_airspace_violation() -> None:
    claims = table("airspace_claims").filter(pl.col("source_id") == "005_6bb20a2ae9d6e253")
    entry = claims.filter(
        pl.col("claim_type") == "adiz_entry", pl.col("zone_place_id") == "kadiz"
    ).row(0, named=True)
    assert entry["event_id"] == "2019-07-23-joint-air-patrol"
    assert entry["time_as_reported"] == "early on Tuesday"
    assert _row("places", "place_id", "kadiz")["place_type"] == "air_defense_identification_zone"
    violation = claims.filter(pl.col("claim_type") == "airspace_violation").row(0, named=True)
    assert violation["zone_place_id"] == "south-korean-airspace"
    assert violation["entries"] == 2  # 'twice violated'
    assert violation["time_as_reported"] == "just after 9 a.m. (midnight GMT Monday)"
    assert (violation["country"], violation["reported_by"]) == ("RUS", "south-korean-military")
    assert _answers_to().get(violation["event_id"], violation["event_id"]) == (
        "2019-07-23-joint-air-patrol"
    )
    plane = _row("aircraft", "aircraft_id", violation["aircraft_id"])
    assert (plane["aircraft_type"], plane["role"]) == ("A-50", "airborne_early_warning")
    # The time of day is the text's own words.
    texts = dict(table("sources").select("source_id", "text").iter_rows())
    timed = table("airspace_claims").drop_nulls("time_as_reported")
    for source_id, time in timed.select("source_id", "time_as_reported").iter_rows():
        assert time in texts[source_id]


def test_claims_of_no_airspace_violation() -> None:
    claims = table("airspace_claims").filter(pl.col("claim_type") == "no_airspace_violation")
    by_event = set(claims.select("event_id", "reported_by").iter_rows())
    assert by_event >= {
        (NOV_2022, "russian-ministry-of-defence"),
        ("2020-12-22-joint-air-patrol", "russian-ministry-of-defence"),
        ("2024-11-30-joint-air-patrol", "russian-ministry-of-defence"),
    }
    zones = set(claims.drop_nulls("zone_place_id").select("event_id", "zone_place_id").iter_rows())
    assert zones >= {
        ("2023-12-14-joint-air-patrol", "japanese-airspace"),
        ("2025-12-09-joint-air-patrol", "japanese-airspace"),
    }


def test_a_total_across_countries() -> None:
    totals = table("aircraft").filter(pl.col("is_total"))
    seventeen = totals.filter(
        pl.col("event_id") == "2023-12-14-joint-air-patrol",
        pl.col("source_id") == "009_8cee1cd0c1a63ce1",
    ).row(0, named=True)
    assert seventeen["country"] is None
    assert (seventeen["count"], seventeen["count_qualifier"]) == (17, "exact")
    # The per-type claims of the same patrol do not add up to the total: it is kept apart.
    per_type = table("aircraft").filter(
        pl.col("event_id") == "2023-12-14-joint-air-patrol",
        pl.col("source_id") == "009_8cee1cd0c1a63ce1",
        pl.col("role") != "fighter",  # the scramble's fighters are another event's
        ~pl.col("is_total"),
    )
    assert per_type["count"].sum() < 17


def test_count_qualifiers() -> None:
    aircraft = table("aircraft")
    qualifiers = set(aircraft["count_qualifier"].drop_nulls())
    allowed = {"exact", "more_than", "at_least", "approximately", "up_to", "unspecified"}
    assert "exact" in qualifiers and qualifiers <= allowed
    numbered = aircraft.drop_nulls("count")
    assert numbered["count_qualifier"].null_count() == 0
    assert "unspecified" not in set(numbered["count_qualifier"])
    # No number, no qualifier beyond 'unspecified': the Alaska articles give none.
    silent = aircraft.filter(pl.col("count").is_null())
    assert set(silent["count_qualifier"].drop_nulls()) <= {"unspecified"}
    korea = aircraft.filter(
        pl.col("event_id") == NOV_2022,
        pl.col("reported_by") == "south-korea",
        pl.col("aircraft_type") == "Tu-95",
    ).row(0, named=True)
    assert (korea["count"], korea["count_qualifier"]) == (4, "exact")


def test_aircraft_types_a50_j16_and_a_cyrillic_m() -> None:
    aircraft = table("aircraft")
    top = _answers_to()
    a50 = aircraft.filter(pl.col("aircraft_type") == "A-50").with_columns(
        patrol=pl.col("event_id").replace(top)
    )
    assert set(a50.select("patrol", "country", "role").iter_rows()) >= {
        ("2019-07-23-joint-air-patrol", "RUS", "airborne_early_warning"),  # over Dokdo
        ("2025-12-09-joint-air-patrol", "RUS", "airborne_early_warning"),
    }
    j16 = aircraft.filter(pl.col("aircraft_type") == "J-16").row(0, named=True)
    assert (j16["event_id"], j16["country"]) == ("2025-12-09-joint-air-patrol", "CHN")
    # Newsmax writes 'Tu-95МS' with a Cyrillic М (U+041C): the designation is Tu-95MS.
    cyrillic = aircraft.filter(pl.col("type_as_reported").str.contains("\u041c", literal=True))
    assert cyrillic.height > 0
    assert set(cyrillic["aircraft_type"]) == {"Tu-95MS"}
    assert set(cyrillic["source_id"]) >= {"010_a0baf5f4f0f79089"}
    assert all(t.isascii() for t in aircraft["aircraft_type"])


def test_roles_early_warning_and_escort_for_part_of_the_flight() -> None:
    aircraft = table("aircraft")
    assert "airborne_early_warning" in set(aircraft["role"])
    partly = aircraft.filter(pl.col("part_of_flight"))
    assert set(partly["role"]) == {"fighter_escort"}
    assert set(partly.select("event_id", "country", "aircraft_type").iter_rows()) >= {
        ("2023-12-14-joint-air-patrol", "CHN", "unspecified"),  # 'joined ... for part of the
        ("2023-12-14-joint-air-patrol", "RUS", "unspecified"),  # flight'
        ("2025-12-09-joint-air-patrol", "CHN", "J-16"),
    }
    # part_of_flight is true or unsaid (null), never false.
    assert set(aircraft["part_of_flight"].drop_nulls()) <= {True}


def test_a_route_with_its_legs() -> None:
    routes = table("event_routes")
    shikoku = routes.filter(
        pl.col("event_id") == "2025-12-09-joint-air-patrol",
        pl.col("source_id") == "011_6647d5349411bed7",
    )
    leg = {(r, p): n for n, r, p in shikoku.select("leg", "role", "place_id").iter_rows()}
    # From the Sea of Japan, via the East China Sea, between the Okinawa islands, turning
    # round over the Pacific off Shikoku, back to the East China Sea.
    assert (
        leg["from", "sea-of-japan"]
        < leg["via", "east-china-sea"]
        < leg["between", "miyako-island"]
        < leg["turnaround", "pacific-ocean"]
        < leg["to", "east-china-sea"]
    )
    first = shikoku.filter(pl.col("role") == "from", pl.col("place_id") == "sea-of-japan")
    assert first["aircraft_id"].item() == "011_6647d5349411bed7-a01"  # the Tu-95s' own leg
    june = routes.filter(
        pl.col("event_id") == "2023-06-06-joint-air-patrol", pl.col("role") == "between"
    )
    assert set(june["place_id"]) >= {"okinawa-main-island", "miyako-island"}
    # Legs are numbered 1, 2, ... in each source's account.
    for (source, event), legs in routes.group_by("source_id", "event_id"):
        numbers = sorted(set(legs["leg"]))
        assert numbers == list(range(1, len(numbers) + 1)), (source, event)


def test_places_in_larger_places() -> None:
    places = table("places")
    parent = dict(
        places.drop_nulls("parent_place_id").select("place_id", "parent_place_id").iter_rows()
    )
    assert parent["miyako-island"] == "okinawa-prefecture"
    assert parent["okinawa-main-island"] == "okinawa-prefecture"
    assert parent["okinawa-prefecture"] == "japan"
    assert set(parent.values()) <= set(places["place_id"])
    for place in parent:  # no cycles
        seen = {place}
        while place in parent:
            place = parent[place]
            assert place not in seen
            seen.add(place)


def test_unnamed_speakers_relays_media_and_the_day_of_a_remark() -> None:
    statements = table("statements")
    texts = dict(table("sources").select("source_id", "text").iter_rows())
    unnamed = statements.drop_nulls("speaker_as_reported")
    assert set(unnamed.select("actor_id", "speaker_as_reported").iter_rows()) >= {
        (
            "south-korea-ministry-of-national-defense",
            "an official at the Ministry of National Defence in Seoul",
        ),
        ("japan-ministry-of-defense", "ministry officials"),
    }
    # an unnamed speaker speaks for the body the text names, or for none (speaker null)
    for source_id, words in unnamed.select("source_id", "speaker_as_reported").iter_rows():
        assert words in texts[source_id]
    relayed = set(statements.drop_nulls("relayed_by").select("actor_id", "relayed_by").iter_rows())
    assert relayed >= {
        ("chung-eui-yong", "south-korea-presidential-office"),  # 'Chung said, according to ...'
        ("japan", "minoru-kihara"),
    }
    said = set(
        statements.drop_nulls("medium").select("actor_id", "medium", "said_date").iter_rows()
    )
    assert said >= {
        ("russian-ministry-of-defence", "social_media_post", dt.date(2020, 12, 22)),  # a tweet
        ("nobuo-kishi", "press_conference", dt.date(2022, 5, 24)),
        ("minoru-kihara", "press_conference", dt.date(2025, 12, 10)),
    }
    # A said_date always says how it was obtained.
    dated = pl.col("said_date").is_not_null()
    assert statements.filter(dated != pl.col("said_date_basis").is_not_null()).is_empty()


def test_warning_shots_protests_summons_and_airfield_landings() -> None:
    events = table("events")
    top = _answers_to()
    kinds = {(e, t, top.get(e)) for e, t in events.select("event_id", "event_type").iter_rows()}
    july_2019 = "2019-07-23-joint-air-patrol"
    assert kinds >= {
        ("2019-07-23-warning-shots", "warning_shots", july_2019),
        ("2019-07-23-chung-patrushev-objection", "diplomatic_protest", july_2019),
        ("2019-07-23-diplomats-summoned", "diplomatic_summons", july_2019),
        ("2022-11-30-reciprocal-airfield-landings", "airfield_landing", NOV_2022),
        ("2024-11-30-airfield-landing", "airfield_landing", "2024-11-30-joint-air-patrol"),
        (
            "2025-12-japan-diplomatic-concern",
            "diplomatic_protest",
            "2025-12-09-joint-air-patrol",
        ),
    }
    shots = events.filter(pl.col("event_id") == "2019-07-23-warning-shots").row(0, named=True)
    assert shots["start_date"] == shots["end_date"] == dt.date(2019, 7, 23)


def test_aircraft_types_group_designations_into_families() -> None:
    types = table("aircraft_types")
    family = dict(types.select("designation", "family").iter_rows())
    assert family["H-6"] == family["H-6K"] == "H-6"
    assert family["Tu-95"] == family["Tu-95MS"] == "Tu-95"
    # By family, the Russian ministry's H-6K and Japan's H-6 of 30 November 2022 are one type.
    nov = (
        table("aircraft")
        .filter(pl.col("event_id") == NOV_2022, pl.col("country") == "CHN")
        .join(types, left_on="aircraft_type", right_on="designation")
    )
    assert set(nov["aircraft_type"]) >= {"H-6", "H-6K"}
    assert set(nov["family"]) == {"H-6"}


def test_build_reproduces_the_committed_files_byte_for_byte(project_copy: Path) -> None:
    before = digest_tree(ROOT)
    build(project_copy)
    assert digest_tree(project_copy) == before
    build(project_copy)
    assert digest_tree(project_copy) == before
    assert (project_copy / "docs" / "codebook.md").read_bytes() == (
        ROOT / "docs" / "codebook.md"
    ).read_bytes()


BAD_INPUTS = {
    "quote_not_in_article": (
        "001_8e58578bad5de279.yaml",
        "unprecedented provocation by our adversaries",
        "unprecedented provocation by our enemies",
        "'unprecedented provocation by our enemies'",
    ),
    "ambiguous_quote": (
        "000_6fdb1ee85ed25e2e.yaml",
        "title_occurrence: 1\n",
        "\n",
        "occurs 2 times",
    ),
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
        "'2024-07-24-alaska-joint-air-patrl'",
    ),
    "malformed_date": (
        "003_879c634248b507b8.yaml",
        "value: 2021-11-23",
        "value: 2021-13-45",
        "'2021-13-45' is not a date",
    ),
    "duplicate_id": (
        "001_8e58578bad5de279.yaml",
        "- id: s02",
        "- id: s01",
        "'s01'",
    ),
    "yaml_syntax_error": (
        "002_5c8dff17ab31933d.yaml",
        "statements:",
        "statements: [",
        "",
    ),
    # Numbers: refused at their line with the range the column holds, never left to overflow.
    **{
        f"count_{name}": (
            "003_879c634248b507b8.yaml",
            'count: "10"',
            f"count: {value}",
            "`count` must be a whole number from 1 to 9,223,372,036,854,775,807",
        )
        for name, value in [
            ("20_digits", "99999999999999999999"),
            ("negative", "-3"),
            ("fraction", "2.5"),
            ("bool", "true"),
            ("nan", ".nan"),
            ("infinite", ".inf"),
            ("overflowing_float", "1.0e+400"),
        ]
    },
    "count_zero_as_text": (
        "003_879c634248b507b8.yaml",
        'count: "10"',
        'count: "zero"',
        "counts 0, which must be a whole number from 1",
    ),
    "count_of_5000_digits": (
        "003_879c634248b507b8.yaml",
        'count: "10"',
        "count: " + "9" * 5_000,
        "a number of 5,000 digits (at most 30)",
    ),
    "entries_infinite": (
        "004_5e20299e3f0de927.yaml",
        'entries: "two"',
        "entries: -.inf",
        "`entries` must be a whole number from 1",
    ),
    "scope_year_20_digits": (
        "009_8cee1cd0c1a63ce1.yaml",
        "year: 2023",
        "year: 99999999999999999999",
        "`year` must be a whole number from 1 to 9,999",
    ),
    "context_year_negative": (
        "004_5e20299e3f0de927.yaml",
        "year: 2022,",
        "year: -2022,",
        "`year` must be a whole number from 1 to 9,999",
    ),
    "occurrence_nan": (
        "000_6fdb1ee85ed25e2e.yaml",
        "title_occurrence: 1",
        "title_occurrence: .nan",
        "occurrence must be a whole number from 1",
    ),
    "ordinal_bool": (
        "000_6fdb1ee85ed25e2e.yaml",
        "ordinal: first",
        "ordinal: false",
        "`ordinal` must be a whole number from 1",
    ),
    # Ids: NUL and control characters, and ids of megabytes.
    "nul_in_statement_id": (
        "001_8e58578bad5de279.yaml",
        "- id: s02",
        '- id: "s0\\0"',
        "control character (U+0000) (written as an escape) is not allowed in a value",
    ),
    "control_character_in_event_id": (
        "001_8e58578bad5de279.yaml",
        "event: 2024-07-24-alaska-joint-air-patrol",
        'event: "2024-07-24-alaska-joint-air-patrol\\e"',
        "control character (U+001B) (written as an escape)",
    ),
    "zero_width_space_in_actor_id": (
        "001_8e58578bad5de279.yaml",
        "speaker: lisa-murkowski",
        'speaker: "lisa-murkowski\\u200b"',
        "'lisa-murkowski\\u200b'",
    ),
    "id_of_a_megabyte": (
        "001_8e58578bad5de279.yaml",
        "- id: s02",
        "- id: s" + "0" * 1_000_000,
        "a value of 1,000,001 characters (at most 10,000)",
    ),
    # Found by an outside red team: escapes, tags, keys and values no real input holds.
    "nul_escape_in_a_note": (
        "003_879c634248b507b8.yaml",
        'note: "The article',
        'note: "\\0The article',
        "control character (U+0000) (written as an escape) is not allowed in a value",
    ),
    "note_of_100000_characters": (
        "003_879c634248b507b8.yaml",
        'note: "The article',
        'note: "' + "x" * 100_000,
        "a value of 100,",
    ),
    "lone_surrogate_escape": (
        "003_879c634248b507b8.yaml",
        '{quote: "Sergei Shoigu"}',
        '{quote: "Sergei \\ud800Shoigu"}',
        "invalid Unicode character escape",
    ),
    "python_object_tag": (
        "003_879c634248b507b8.yaml",
        'title: "U.S. Bomber Flights Prompt Russia, China to Announce Military Cooperation"',
        'title: !!python/object/apply:os.system ["echo x"]',
        "python/object/apply:os.system",
    ),
    "custom_tag": ("003_879c634248b507b8.yaml", "value: 2021-11-23", "value: !foo x", "!foo"),
    "duplicate_key": (
        "003_879c634248b507b8.yaml",
        "  source_type: news_report",
        "  source_type: news_report\n  source_type: press_release",
        "duplicate key 'source_type'",
    ),
    "list_as_a_key": (
        "003_879c634248b507b8.yaml",
        "  source_type: news_report",
        "  source_type: news_report\n  ? [a, b]\n  : x",
        "unhashable key",
    ),
    "quote_that_is_a_list": (
        "003_879c634248b507b8.yaml",
        '{quote: "Sergei Shoigu"}',
        '{quote: ["Sergei Shoigu"]}',
        "['Sergei Shoigu']",
    ),
    "quote_of_whitespace": (
        "003_879c634248b507b8.yaml",
        '{quote: "Sergei Shoigu"}',
        '{quote: "   "}',
        "",
    ),
    "second_document": (
        "003_879c634248b507b8.yaml",
        "actors:",
        "---\nactors:",
        "another document",
    ),
    "published_after_received": (
        "003_879c634248b507b8.yaml",
        "value: 2021-11-23",
        "value: 9999-12-31",
        "published_date 9999-12-31 is after 003_879c634248b507b8.txt was received (2026-11-22",
    ),
    "impossible_date": (
        "003_879c634248b507b8.yaml",
        "value: 2021-11-23",
        "value: 2023-02-30",
        "'2023-02-30' is not a date",
    ),
    "raw_nul_byte": (
        "001_8e58578bad5de279.yaml",
        "speaker: lisa-murkowski",
        "speaker: lisa-murkowski\0",
        "control character (U+0000) is not allowed in YAML",
    ),
}


# The rule each bad input breaks (its code); the problem names the value above.
BAD_INPUT_CODES = {
    "quote_not_in_article": "quote_not_found",
    "ambiguous_quote": "quote_ambiguous",
    "unknown_actor_id": "actor_not_mentioned",
    "unknown_event_id": "unknown_event",
    "malformed_date": "published_date_form",
    "duplicate_id": "duplicate_id",
    "yaml_syntax_error": "yaml_syntax",
    **{case: "number_range" for case in BAD_INPUTS if case.startswith("count_")},
    "count_of_5000_digits": "yaml_syntax",  # refused by the YAML reader, before any field
    "entries_infinite": "number_range",
    "scope_year_20_digits": "number_range",
    "context_year_negative": "number_range",
    "occurrence_nan": "number_range",
    "ordinal_bool": "number_range",
    "nul_in_statement_id": "control_character",
    "control_character_in_event_id": "control_character",
    "zero_width_space_in_actor_id": "id_format",
    "id_of_a_megabyte": "value_too_long",
    "nul_escape_in_a_note": "control_character",
    "note_of_100000_characters": "value_too_long",
    "lone_surrogate_escape": "yaml_syntax",
    "python_object_tag": "yaml_syntax",
    "custom_tag": "yaml_syntax",
    "duplicate_key": "yaml_syntax",
    "list_as_a_key": "yaml_syntax",
    "quote_that_is_a_list": "value_type",
    "quote_of_whitespace": "quote_empty",
    "second_document": "yaml_syntax",
    "published_after_received": "published_after_received",
    "impossible_date": "published_date_form",
    "raw_nul_byte": "control_character",
}


def test_every_bad_input_names_its_rule() -> None:
    assert set(BAD_INPUT_CODES) == set(BAD_INPUTS)


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_names_file_and_line_and_keeps_the_dataset(project_copy: Path, case: str) -> None:
    file, old, new, expected = BAD_INPUTS[case]
    code = BAD_INPUT_CODES[case]
    before = digest_tree(project_copy)
    replace_once(project_copy / "build" / "annotations" / file, old, new)
    with pytest.raises(BuildError) as caught:
        build(project_copy)
    message = str(caught.value)
    problem = next(p for p in caught.value.problems if p.code == code and expected in p.message)
    assert f"{problem.message} [{code}]" in message
    assert problem.file.endswith(file)
    assert problem.line is not None and problem.line > 0
    assert len(message) < 10_000
    assert digest_tree(project_copy) == before
    assert not list(project_copy.glob(".dataset-*"))


REGISTRY_BAD_INPUTS = {
    "nfd_twin": (
        "actors.yaml",
        'aliases: ["Russia", "Moscow"]',
        'aliases: ["Russia", "Moscow", "Caf\\u00e9", "Cafe\\u0301"]',
        "only by Unicode normalization (it has LATIN SMALL LETTER E (U+0065), COMBINING ACUTE "
        "ACCENT (U+0301) where the other has LATIN SMALL LETTER E WITH ACUTE (U+00E9))",
    ),
    "full_width_twin_of_another_entry": (
        "actors.yaml",
        'aliases: ["China", "Beijing"]',
        'aliases: ["China", "Beijing", "\\uff32ussia"]',
        "the alias 'Russia' of 'russia' only by Unicode normalization (it has FULLWIDTH LATIN "
        "CAPITAL LETTER R (U+FF32)",
    ),
    "zero_width_space": (
        "actors.yaml",
        'aliases: ["Russia", "Moscow"]',
        'aliases: ["Russia", "Mos\\u200bcow"]',
        "contains ZERO WIDTH SPACE (U+200B)",
    ),
    "soft_hyphen_bom_and_bidi": (
        "places.yaml",
        'aliases: ["northern and western Pacific Ocean"]',
        'aliases: ["northern and western Pacific Ocean", "Ar\\u00adctic\\ufeff\\u202e"]',
        "contains SOFT HYPHEN (U+00AD), ZERO WIDTH NO-BREAK SPACE (U+FEFF), RIGHT-TO-LEFT "
        "OVERRIDE (U+202E)",
    ),
    "country_not_assigned": ("actors.yaml", "country: RUS", "country: XXX", "'XXX' is not an ISO"),
    "country_former": ("actors.yaml", "country: RUS", "country: SUN", "'SUN' is not an ISO"),
    "aircraft_family_of_no_designation": (
        "aircraft_types.yaml",
        "- designation: Tu-95MS\n  family: Tu-95",
        "- designation: Tu-95MS\n  family: Tu-96",
        "family 'Tu-96' is not the base of designation 'Tu-95MS'",
    ),
    "event_its_own_parent": (
        "events.yaml",
        "  parent: 2024-07-24-alaska-joint-air-patrol",
        "  parent: 2024-07-24-norad-intercept",
        "event '2024-07-24-norad-intercept' cannot be its own parent",
    ),
    "control_character": (
        "places.yaml",
        'aliases: ["northern and western Pacific Ocean"]',
        'aliases: ["northern and western Pacific Ocean", "Sea\\tof Japan"]',
        "contains control character (U+0009)",
    ),
}


REGISTRY_CODES = {
    "nfd_twin": "alias_twin",
    "full_width_twin_of_another_entry": "alias_twin",
    "zero_width_space": "alias_invisible",
    "soft_hyphen_bom_and_bidi": "alias_invisible",
    "country_not_assigned": "country_code",
    "country_former": "country_code",
    "aircraft_family_of_no_designation": "aircraft_family",
    "event_its_own_parent": "parent_self",
    "control_character": "alias_invisible",
}


@pytest.mark.parametrize("case", sorted(REGISTRY_BAD_INPUTS))
def test_registry_aliases_that_look_alike_or_hide_characters_are_refused(
    project_copy: Path, case: str
) -> None:
    file, old, new, expected = REGISTRY_BAD_INPUTS[case]
    code = REGISTRY_CODES[case]
    before = digest_tree(project_copy)
    replace_once(project_copy / "build" / "registries" / file, old, new)
    with pytest.raises(BuildError) as caught:
        build(project_copy)
    problem = next(p for p in caught.value.problems if p.code == code and expected in p.message)
    assert problem.file == f"build/registries/{file}" and problem.line is not None
    assert digest_tree(project_copy) == before


_ENTRY_003 = "- file: 003_879c634248b507b8.txt\n"
_SHA_003 = "03a443dd015ec2f0b4e15b49dd00d976efc00c80badcb7b64236f5532f662e8b"


def _rehash_003(articles: Path) -> None:
    """Record the changed article 003 in the manifest, so that only its content is wrong."""
    raw = (articles / "003_879c634248b507b8.txt").read_bytes()
    replace_once(articles / "manifest.yaml", _SHA_003, hashlib.sha256(raw).hexdigest())
    replace_once(articles / "manifest.yaml", "bytes: 3885", f"bytes: {len(raw)}")


def _edit_003(change: object) -> object:
    def edit(articles: Path) -> None:
        file = articles / "003_879c634248b507b8.txt"
        file.write_bytes(change(file.read_bytes()))  # type: ignore[operator]
        _rehash_003(articles)

    return edit


def _manifest(old: str, new: str) -> object:
    return lambda articles: replace_once(articles / "manifest.yaml", old, new)


def _twin(articles: Path) -> None:
    raw = (articles / "001_8e58578bad5de279.txt").read_bytes()
    (articles / "012_7888aae06d4daabb.txt").write_bytes(raw)
    with (articles / "manifest.yaml").open("a", encoding="utf-8") as manifest:
        digest = hashlib.sha256(raw).hexdigest()
        manifest.write(f"\n- file: 012_7888aae06d4daabb.txt\n  sha256: {digest}\n")


# The manifest and the articles as read, without a build (cheap): each hostile entry or
# text is named at its file, never a traceback, never accepted.
ARTICLE_BAD_INPUTS = {
    "file_with_dotdot": (
        _manifest(_ENTRY_003, "- file: ../articles/003_879c634248b507b8.txt\n"),
        "must be the name of a file of build/articles/",
    ),
    "file_absolute": (
        _manifest(_ENTRY_003, "- file: /etc/passwd\n"),
        "'/etc/passwd' must be the name of a file",
    ),
    "entry_twice": (
        _manifest(_ENTRY_003, _ENTRY_003 + "  sha256: 0\n- file: 003_879c634248b507b8.txt\n"),
        "003_879c634248b507b8.txt is listed twice",
    ),
    "entry_for_a_missing_file": (
        _manifest(_ENTRY_003, "- file: 099_0000000000000000.txt\n  sha256: x\n" + _ENTRY_003),
        "099_0000000000000000.txt is listed but there is no such file",
    ),
    "bytes_as_text": (_manifest("bytes: 3885", 'bytes: "3885"'), "`bytes` must be a whole number"),
    "bytes_negative": (_manifest("bytes: 3885", "bytes: -3885"), "the manifest says -3885"),
    "sha256_in_capitals": (_manifest(_SHA_003, _SHA_003.upper()), "the manifest says 03A443DD"),
    "received_impossible": (
        _manifest("bytes: 3885\n  received: 2026-11-22", "bytes: 3885\n  received: 2026-02-30"),
        "received '2026-02-30' is not a YYYY-MM-DD date",
    ),
    "received_in_the_future": (
        _manifest("bytes: 3885\n  received: 2026-11-22", "bytes: 3885\n  received: 9999-12-31"),
        "received 9999-12-31 is after today",
    ),
    "manifest_a_mapping": (
        lambda a: (a / "manifest.yaml").write_text("a: b\n"),
        "expected a list of articles",
    ),
    "same_text_twice": (_twin, "the same text as 001_8e58578bad5de279.txt"),
    "nul_byte": (
        _edit_003(lambda b: b[:100] + b"\0" + b[100:]),
        "contains control character (U+0000)",
    ),
    "escape_character": (_edit_003(lambda b: b + b"\x1b[2J"), "control character (U+001B)"),
    "utf_16": (_edit_003(lambda b: b.decode().encode("utf-16")), "not UTF-8"),
    "only_page_furniture": (
        _edit_003(lambda b: b"Read more\nSign up to receive\n"),
        "no article text before the page furniture line 'Read more'",
    ),
}


ARTICLE_CODES = {
    "file_with_dotdot": "file_name",
    "file_absolute": "file_name",
    "entry_twice": "manifest_duplicate",
    "entry_for_a_missing_file": "manifest_listing",
    "bytes_as_text": "value_type",
    "bytes_negative": "manifest_digest",
    "sha256_in_capitals": "manifest_digest",
    "received_impossible": "date_format",
    "received_in_the_future": "received_future",
    "manifest_a_mapping": "value_type",
    "same_text_twice": "article_twice",
    "nul_byte": "control_character",
    "escape_character": "control_character",
    "utf_16": "not_utf8",
    "only_page_furniture": "article_empty",
}


@pytest.mark.parametrize("case", sorted(ARTICLE_BAD_INPUTS))
def test_a_hostile_manifest_entry_or_article_is_named(tmp_path: Path, case: str) -> None:
    change, expected = ARTICLE_BAD_INPUTS[case]
    articles = tmp_path / "build" / "articles"
    shutil.copytree(ROOT / "build" / "articles", articles)
    change(articles)  # type: ignore[operator]
    problems = Problems()
    read_articles(articles, problems)
    code = ARTICLE_CODES[case]
    assert any(p.code == code and expected in p.message for p in problems.items), problems.items
    assert all(p.file.startswith(str(articles)) for p in problems.items)
    str(BuildError(problems.items))  # problems with and without a line sort together


def _truncate(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8")[:-20], encoding="utf-8")


def _set_enum(path: Path) -> None:
    path.write_text(
        path.read_text(encoding="utf-8").replace('"enum": [', '"enum": "news_report", "x": [', 1)
    )


BROKEN_SCHEMAS = {
    "invalid_json": ("aircraft", _truncate, "not valid JSON"),
    "not_a_table_schema": ("events", lambda p: p.write_text("[1, 2]"), "not a Table Schema"),
    "missing": ("evidence", Path.unlink, "file not found"),
    "enum_not_a_list": ("sources", _set_enum, "`enum` must be a non-empty list of values"),
    "nested_100000_deep": (
        "statements",
        lambda p: p.write_text("[" * 100_000 + "]" * 100_000),
        "nested too deeply",
    ),
    "field_without_type": (
        "actors",
        lambda p: p.write_text('{"fields": [{"name": "x"}], "primaryKey": "x"}'),
        "field 'x': `type` None is not one of",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN_SCHEMAS))
def test_a_broken_schema_file_is_named(project_copy: Path, case: str) -> None:
    table, breaks, expected = BROKEN_SCHEMAS[case]
    before = digest_tree(project_copy)
    breaks(project_copy / "schema" / f"{table}.json")
    with pytest.raises(BuildError) as caught:
        build(project_copy)
    problem = next(p for p in caught.value.problems if expected in p.message)
    assert (problem.file, problem.code) == (f"schema/{table}.json", "schema_file")
    assert digest_tree(project_copy) == before


def _run_build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sino_russian_patrols", "build", "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_huge_values_are_quoted_short(project_copy: Path) -> None:
    """A count, a quote and an unknown spelling just under the length a YAML value may have
    (a longer one, and an id of a megabyte, are in BAD_INPUTS): each message stays small."""
    huge = "x" * 9_000
    annotations = project_copy / "build" / "annotations"
    replace_once(annotations / "003_879c634248b507b8.yaml", 'count: "10"', f'count: "{huge}"')
    replace_once(
        annotations / "004_5e20299e3f0de927.yaml",
        'quote: "routine joint aerial strategic patrol."',
        f'quote: "routine {huge}"',
    )
    replace_once(annotations / "000_6fdb1ee85ed25e2e.yaml", '{quote: "China"', f'{{quote: "{huge}"')
    done = _run_build(project_copy)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    problems = [line for line in done.stderr.splitlines() if ".yaml:" in line]
    assert len(problems) >= 3
    assert all(len(line) < 10_000 for line in problems)
    assert len(done.stderr) < 10_000 * len(problems)
    assert "(8,9" in done.stderr  # how much was left out is said


def test_a_file_above_the_size_limit_is_refused_unread(project_copy: Path) -> None:
    annotation = project_copy / "build" / "annotations" / "003_879c634248b507b8.yaml"
    with annotation.open("a", encoding="utf-8") as file:
        file.write("#" * 5_000_001 + "\n")
    article = project_copy / "build" / "articles" / "002_5c8dff17ab31933d.txt"
    with article.open("ab") as file:
        file.truncate(6_000_000)  # sparse: a size, no data to read
    done = _run_build(project_copy)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    for path in (annotation, article):
        name = str(path.relative_to(project_copy))
        assert f"{name}: " in done.stderr
        line = next(x for x in done.stderr.splitlines() if x.startswith(name))
        assert "the limit of an input file" in line and "5,000,000 bytes" in line


def test_a_broken_schema_exits_2_without_a_traceback(project_copy: Path) -> None:
    """A broken schema/ is a broken project, not a wrong input: exit 2, as `validate` does."""
    (project_copy / "schema" / "statements.json").write_text('{"fields": [', encoding="utf-8")
    done = _run_build(project_copy)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "schema/statements.json:1: not valid JSON" in done.stderr
    assert "[schema_file]" in done.stderr


def test_article_that_is_not_utf8_is_rejected_with_its_line(project_copy: Path) -> None:
    article = project_copy / "build" / "articles" / "002_5c8dff17ab31933d.txt"
    raw = article.read_bytes()
    article.write_bytes(raw.replace(b"joint bomber patrol", b"joint b\xf6mber patrol", 1))
    with pytest.raises(BuildError) as caught:
        build(project_copy)
    problem = next(p for p in caught.value.problems if p.code == "not_utf8")
    assert problem.file.endswith("002_5c8dff17ab31933d.txt")
    assert problem.line == 3


def test_edited_article_is_caught_by_the_manifest(project_copy: Path) -> None:
    article = project_copy / "build" / "articles" / "000_6fdb1ee85ed25e2e.txt"
    article.write_bytes(article.read_bytes().replace(b"bold display", b"bald display"))
    with pytest.raises(BuildError) as caught:
        build(project_copy)
    (problem,) = caught.value.problems
    assert (problem.file, problem.code) == ("build/articles/manifest.yaml", "manifest_digest")
    assert "000_6fdb1ee85ed25e2e.txt: sha256 is" in problem.message


def test_command_exits_non_zero_and_prints_the_problem(project_copy: Path) -> None:
    replace_once(
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
    assert "'routine patrol.'" in done.stderr and "[quote_not_found]" in done.stderr
    assert "previous dataset is unchanged" in done.stderr


def test_an_unreadable_file_stops_the_build_before_the_steps(project_copy: Path) -> None:
    """A file that cannot be read is reported once: the steps, which would report the
    annotation as missing for its article, do not run."""
    path = sorted((project_copy / "build" / "annotations").glob("*.yaml"))[0]
    path.write_text("source: [\n", encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(project_copy)
    codes = {p.code for p in caught.value.problems}
    assert "yaml_syntax" in codes and "annotation_missing" not in codes
