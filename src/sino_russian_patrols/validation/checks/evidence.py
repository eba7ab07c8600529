"""Evidence ties each row to a span of a source: it exists, lies in the row's source, and
shows what the row claims.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from ...normalize import counts_in
from ..report import (
    KEY_SEPARATOR,
    MAX_EXAMPLES,
    Report,
    examples,
    message,
    report_all,
    report_rows,
    show,
)

if TYPE_CHECKING:
    from . import Tables


def record_id(primary_key: list[str]) -> pl.Expr:
    """A row's key as evidence.record_id writes it: its parts joined by KEY_SEPARATOR."""
    if len(primary_key) == 1:
        return pl.col(primary_key[0]).cast(pl.String)
    return pl.concat_str([pl.col(c).cast(pl.String) for c in primary_key], separator=KEY_SEPARATOR)


def claim_sources(report: Report, tables: Tables) -> None:
    """A claim is tied to its source: its evidence lies in the source it names, and a date
    claim does not begin after that source was published."""
    frames, schemas = tables.frames, tables.schemas
    evidence = frames.get("evidence")
    if evidence is not None and {"record_table", "record_id", "source_id"} <= set(evidence.columns):
        for table, frame in frames.items():
            key = schemas.get(table, {}).get("primaryKey")
            if table == "evidence" or not key or "source_id" not in frame.columns:
                continue
            rows = (
                frame.lazy()
                .with_row_index("_index")
                .select("_index", record_id(key).alias("_id"), pl.col("source_id").alias("_own"))
            )
            cited = evidence.lazy().filter(pl.col("record_table") == table)
            wrong = (
                rows.join(
                    cited.select("record_id", "source_id"), left_on="_id", right_on="record_id"
                )
                .filter(pl.col("source_id") != pl.col("_own"))
                .unique("_index", keep="first", maintain_order=True)
                .collect()
            )
            if wrong.height:
                shown = wrong.head(MAX_EXAMPLES).with_columns(pl.col("_id").alias("_key"))
                report_rows(
                    report,
                    table,
                    "evidence_source",
                    "source_id",
                    shown.to_dicts(),
                    wrong.height,
                    lambda r: message(
                        "evidence_source", cited=show(r["source_id"]), own=show(r["_own"])
                    ),
                )
    claims, sources = frames.get("event_dates"), frames.get("sources")
    needed = {"date_claim_id", "source_id", "start_date"}
    if claims is None or sources is None or not needed <= set(claims.columns):
        return
    if not {"source_id", "published_date"} <= set(sources.columns):
        return
    dated = claims.with_row_index("_index").join(
        sources.select("source_id", "published_date"), on="source_id", how="left"
    )
    mask = pl.col("start_date") > pl.col("published_date")
    if "announced" in claims.columns:  # a source may announce an event ahead of it
        mask = mask & ~pl.col("announced").fill_null(False)
    count = dated.select(mask.fill_null(False).sum()).item()
    if count:
        report_rows(
            report,
            "event_dates",
            "dated_after_source",
            "start_date",
            examples(dated, mask, ["date_claim_id"]),
            count,
            lambda r: message(
                "dated_after_source", start=r["start_date"], published=r["published_date"]
            ),
        )


# The tables whose rows are named things: an evidence span of a row is one of its spellings.
_SPELLINGS = (
    ("actors", "actor_aliases", "actor_id", "actor"),
    ("places", "place_aliases", "place_id", "place"),
)


def spans_show_claims(report: Report, tables: Tables) -> None:
    """A span is not any verbatim words: it shows what its row claims, where the text can.

    An actor's or a place's span is one of its spellings; an aircraft claim's spans contain
    its type_as_reported and, when it gives a count, write that number (in digits or words,
    as `normalize.counts_in` reads them).
    """
    frames = tables.frames
    evidence = frames.get("evidence")
    if evidence is None or not {"record_table", "record_id", "quote"} <= set(evidence.columns):
        return
    evidence_key = tables.schemas.get("evidence", {}).get("primaryKey", [])
    for table, aliases_table, id_column, noun in _SPELLINGS:
        aliases = frames.get(aliases_table)
        if aliases is None or not {"alias", id_column} <= set(aliases.columns):
            continue
        named = evidence.with_row_index("_index").filter(pl.col("record_table") == table)
        wrong = named.join(
            aliases.select(pl.col(id_column).alias("record_id"), pl.col("alias").alias("quote")),
            on=["record_id", "quote"],
            how="anti",
        )
        report_all(
            report,
            "evidence",
            "evidence_claim",
            "quote",
            wrong,
            evidence_key,
            lambda r, n=noun, a=aliases_table: message(
                "evidence_claim",
                "spelling",
                quote=show(r["quote"]),
                noun=n,
                record=show(r["record_id"]),
                aliases=a,
            ),
        )
    aircraft = frames.get("aircraft")
    if aircraft is None or "aircraft_id" not in aircraft.columns:
        return
    spans = evidence.filter(pl.col("record_table") == "aircraft").select(
        pl.col("record_id").alias("aircraft_id"), "quote"
    )
    if "type_as_reported" in aircraft.columns:
        shown = (
            aircraft.with_row_index("_index")
            .join(spans, on="aircraft_id", how="inner")
            .group_by("_index", "aircraft_id", "type_as_reported", maintain_order=True)
            .agg(pl.col("quote").str.contains(pl.col("type_as_reported"), literal=True).any())
            .filter(~pl.col("quote"))
        )
        report_all(
            report,
            "aircraft",
            "evidence_claim",
            "type_as_reported",
            shown,
            ["aircraft_id"],
            lambda r: message("evidence_claim", "type", reported=show(r["type_as_reported"])),
        )
    if "count" in aircraft.columns:
        _counts_written(report, aircraft, spans)


def _counts_written(report: Report, aircraft: pl.DataFrame, spans: pl.DataFrame) -> None:
    """An aircraft claim with a count has a span that writes that number.

    Each distinct quote is read once (`normalize.counts_in`); the claims then join the
    numbers their quotes write.
    """
    counted = aircraft.with_row_index("_index").filter(pl.col("count").is_not_null())
    cited = spans.join(counted.select("aircraft_id"), on="aircraft_id", how="semi")
    if cited.height == 0:
        return
    quotes = cited["quote"].drop_nulls().unique().to_list()
    written = pl.DataFrame(
        {"quote": quotes, "_written": [sorted(counts_in(q)) for q in quotes]},
        schema={"quote": pl.String, "_written": pl.List(pl.Int64)},
    )
    wrong = (
        counted.select("_index", "aircraft_id", pl.col("count").cast(pl.Int64))
        .join(cited.join(written, on="quote", how="left"), on="aircraft_id", how="inner")
        .group_by("_index", "aircraft_id", "count", maintain_order=True)
        .agg(
            pl.col("_written").list.contains(pl.col("count")).any().alias("_shown"),
            pl.col("_written")
            .list.explode(keep_nulls=False, empty_as_null=False)
            .unique()
            .sort()
            .alias("_numbers"),
        )
        .filter(~pl.col("_shown"))
    )
    report_all(
        report,
        "aircraft",
        "evidence_claim",
        "count",
        wrong,
        ["aircraft_id"],
        lambda r: message(
            "evidence_claim",
            "count",
            count=r["count"],
            numbers=", ".join(map(str, r["_numbers"][:5])) if r["_numbers"] else "no number",
        ),
    )


def evidence_targets(report: Report, tables: Tables) -> None:
    """Evidence rows point at existing rows, and every row they can support has one, unless
    the row carries its own verbatim span (statements: source_id, char_start, char_end), where
    evidence only adds the words that name a relayer, an unnamed speaker or the day.

    The tables evidence supports are the values of its record_table enum; a record_id is
    the supported row's primary key, its parts joined by KEY_SEPARATOR.
    """
    frames, schemas = tables.frames, tables.schemas
    evidence = frames.get("evidence")
    if evidence is None or not {"record_table", "record_id"} <= set(evidence.columns):
        return
    field_ = next((f for f in schemas["evidence"]["fields"] if f["name"] == "record_table"), {})
    supported = [
        t
        for t in field_.get("constraints", {}).get("enum", [])
        if t in frames and schemas[t].get("primaryKey")
    ]
    cited = evidence.lazy().with_row_index("_index")
    queries = []
    for table in supported:
        key = record_id(schemas[table]["primaryKey"])
        ids = frames[table].lazy().with_row_index("_index").select("_index", key.alias("_id"))
        citing = cited.filter(pl.col("record_table") == table)
        orphans = citing.join(ids, left_on="record_id", right_on="_id", how="anti")
        missing = ids.join(
            citing.select("record_id"), left_on="_id", right_on="record_id", how="anti"
        )
        if {"source_id", "char_start", "char_end"} <= set(frames[table].columns):
            missing = missing.head(0)  # the row's own span is its evidence
        queries.append((table, orphans, missing))
    counts = pl.collect_all(
        [q.select(pl.len()) for _, orphans, missing in queries for q in (orphans, missing)]
    )
    evidence_key = schemas["evidence"].get("primaryKey", [])
    for i, (table, orphans, missing) in enumerate(queries):
        n_orphans, n_missing = counts[2 * i].item(), counts[2 * i + 1].item()
        if n_orphans:
            report_rows(
                report,
                "evidence",
                "evidence_target",
                "record_id",
                examples(orphans.collect(), pl.lit(True), evidence_key),
                n_orphans,
                lambda r: message(
                    "evidence_target", table=r["record_table"], record=show(r["record_id"])
                ),
            )
        if n_missing:
            rows = [{"_key": k} for k in missing.head(MAX_EXAMPLES).collect()["_id"]]
            report_rows(
                report,
                table,
                "evidence_missing",
                None,
                rows,
                n_missing,
                lambda r: message("evidence_missing"),
            )
