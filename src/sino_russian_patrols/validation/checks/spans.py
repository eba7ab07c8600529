"""Spans are verbatim: the characters a row points at in its source are the text it quotes,
and they lie in the article's body, above its reader comments and page furniture."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

from ..report import MAX_EXAMPLES, Report, count_true, key_expr, message, report_rows, show

if TYPE_CHECKING:
    from . import Tables


def verbatim_spans(report: Report, tables: Tables) -> None:
    """Every span must be verbatim: sources.text[char_start:char_end] equals the quoted text,
    and end at or before the end of the article's body (sources.body_end; null: the whole text).

    The texts join the span rows as views (no copy of a text per row); the source frame is
    rechunked first, as a join that gathers from a many-chunk text column copies the texts.
    """
    frames, schemas = tables.frames, tables.schemas
    sources = frames.get("sources")
    if sources is None or "text" not in sources.columns:
        return
    texts = (
        sources.select(
            "source_id",
            pl.col("text").alias("_source_text"),
            pl.col("text").str.len_chars().alias("_text_length"),
            (pl.col("body_end") if "body_end" in sources.columns else pl.lit(None, pl.Int64))
            .cast(pl.Int64)
            .alias("_body_end"),
        )
        .rechunk()
        .lazy()
    )
    start, end, length = pl.col("char_start"), pl.col("char_end"), pl.col("_text_length")
    queries = []
    for table, column in (("statements", "text"), ("evidence", "quote")):
        frame = frames.get(table)
        needed = {"source_id", "char_start", "char_end", column}
        if frame is None or frame.height == 0 or not needed <= set(frame.columns):
            continue
        checked = (
            frame.lazy()
            .with_row_index("_index")
            .join(texts, on="source_id", how="inner")
            .with_columns(
                pl.col("_source_text")
                .str.slice(start.clip(lower_bound=0), (end - start).clip(lower_bound=0))
                .alias("_slice")
            )
        )
        inside = (start >= 0) & (end <= length)
        rules = {
            "span_order": (end <= start, "char_end"),
            "span_range": ((end > start) & ~inside, "char_end"),
            "span_verbatim": (
                (end > start) & inside & (pl.col("_slice") != pl.col(column)),
                column,
            ),
            "span_body": ((end > start) & inside & (end > pl.col("_body_end")), "char_end"),
        }
        queries.append((table, column, checked, rules))
    counts = pl.collect_all(
        [q[2].select([count_true(m, r) for r, (m, _) in q[3].items()]) for q in queries]
    )
    for (table, column, checked, rules), count in zip(queries, counts, strict=True):
        primary_key = schemas[table].get("primaryKey", [])
        for rule, (mask, shown) in rules.items():
            n = count[rule].item()
            if not n:
                continue
            rows = (
                checked.filter(mask.fill_null(False))
                .head(MAX_EXAMPLES)
                .with_columns(key_expr(primary_key, frames[table].columns).alias("_key"))
                .collect()
                .to_dicts()
            )
            report_rows(
                report,
                table,
                rule,
                shown,
                rows,
                n,
                lambda r, rule=rule, c=column: _span_message(rule, r, c),
            )


def _span_message(rule: str, row: dict[str, Any], column: str) -> str:
    where = {"start": row["char_start"], "end": row["char_end"], "source": row["source_id"]}
    if rule != "span_verbatim":
        return message(rule, **where, length=row["_text_length"], body_end=row["_body_end"])
    found, quoted, text = row["_slice"], row[column], row["_source_text"]
    differ = next(
        (i for i, (a, b) in enumerate(zip(found, quoted, strict=False)) if a != b),
        min(len(found), len(quoted)),
    )
    at = text.find(quoted) if quoted else -1
    return message(
        rule,
        **where,
        found=show(found),
        column=column,
        quoted=show(quoted),
        differ=differ,
        where=f"the quoted text is at {at}:{at + len(quoted)}"
        if at >= 0
        else "the quoted text is nowhere in the source",
    )
