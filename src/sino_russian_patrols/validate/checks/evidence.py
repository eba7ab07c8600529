"""Evidence ties each row to a span of a source: it exists, lies in the row's source, and
shows what the row claims.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from ..report import KEY_SEPARATOR, MAX_EXAMPLES, Report, examples, report_rows, show

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
                    lambda r: (
                        f"evidence cites {show(r['source_id'])}, but the row's source is "
                        f"{show(r['_own'])}"
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
    count = dated.select(mask.fill_null(False).sum()).item()
    if count:
        report_rows(
            report,
            "event_dates",
            "dated_after_source",
            "start_date",
            examples(dated, mask, ["date_claim_id"]),
            count,
            lambda r: (
                f"the claim begins on {r['start_date']}, after its source was published "
                f"on {r['published_date']}"
            ),
        )


def spans_show_claims(report: Report, tables: Tables) -> None:
    """A span is not any verbatim words: it shows what its row claims, where the text can."""
    frames = tables.frames
    evidence = frames.get("evidence")
    if evidence is None or not {"record_table", "record_id", "quote"} <= set(evidence.columns):
        return
    aliases = frames.get("actor_aliases")
    if aliases is not None and {"alias", "actor_id"} <= set(aliases.columns):
        named = evidence.with_row_index("_index").filter(pl.col("record_table") == "actors")
        wrong = named.join(
            aliases.select(pl.col("actor_id").alias("record_id"), pl.col("alias").alias("quote")),
            on=["record_id", "quote"],
            how="anti",
        )
        if wrong.height:
            report_rows(
                report,
                "evidence",
                "evidence_claim",
                "quote",
                examples(wrong, pl.lit(True), ["record_table", "record_id"]),
                wrong.height,
                lambda r: f"{show(r['quote'])} is not a spelling of actor {show(r['record_id'])}",
            )
    aircraft = frames.get("aircraft")
    if aircraft is not None and {"aircraft_id", "type_as_reported"} <= set(aircraft.columns):
        spans = evidence.filter(pl.col("record_table") == "aircraft").select(
            pl.col("record_id").alias("aircraft_id"), "quote"
        )
        shown = (
            aircraft.with_row_index("_index")
            .join(spans, on="aircraft_id", how="inner")
            .group_by("_index", "aircraft_id", "type_as_reported", maintain_order=True)
            .agg(pl.col("quote").str.contains(pl.col("type_as_reported"), literal=True).any())
            .filter(~pl.col("quote"))
        )
        if shown.height:
            report_rows(
                report,
                "aircraft",
                "evidence_claim",
                "type_as_reported",
                examples(shown, pl.lit(True), ["aircraft_id"]),
                shown.height,
                lambda r: (
                    f"no span of this claim contains its type_as_reported "
                    f"{show(r['type_as_reported'])}"
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
                lambda r: f"{r['record_table']} has no row {show(r['record_id'])} to support",
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
                lambda r: "no evidence row cites a span of a source for this row",
            )
