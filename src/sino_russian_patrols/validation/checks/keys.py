"""Keys across and within tables: references, parents and the published row order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

from ..report import (
    KEY_SEPARATOR,
    Report,
    count_true,
    examples,
    in_order,
    is_padded,
    message,
    report_all,
    report_rows,
    show,
)

if TYPE_CHECKING:
    from . import Tables


def foreign_keys(report: Report, tables: Tables) -> None:
    """Every reference names an existing row; a dangling one padded with white space says so."""
    frames, schemas = tables.frames, tables.schemas
    queries = []
    for table, frame in frames.items():
        for fk in schemas[table].get("foreignKeys", []):
            parent = fk["reference"]["resource"] or table
            if parent not in frames:
                continue
            child_cols, parent_cols = list(fk["fields"]), list(fk["reference"]["fields"])
            referenced = (
                frames[parent]
                .lazy()
                .select([pl.col(p).alias(c) for p, c in zip(parent_cols, child_cols, strict=True)])
            )  # an anti join needs no unique right side
            dangling = (
                frame.lazy()
                .with_row_index("_index")
                .drop_nulls(child_cols)
                .join(referenced, on=child_cols, how="anti", nulls_equal=False)
            )
            count = dangling.select(pl.len())
            child, up = frame.schema.get(child_cols[0]), frames[parent].schema.get(parent_cols[0])
            if len(child_cols) == 1 and child is not None and child == up:
                # counted by a lookup in the parent's values, cheaper than a join
                values = frames[parent][parent_cols[0]].implode()
                column = pl.col(child_cols[0])
                count = frame.lazy().select((column.is_not_null() & ~column.is_in(values)).sum())
            target = f"{parent} ({', '.join(parent_cols)})"
            queries.append((table, child_cols, target, dangling, count))
    counts = pl.collect_all([q[4] for q in queries])
    for (table, child_cols, target, dangling, _), count in zip(queries, counts, strict=True):
        if not count.item():
            continue
        primary_key = schemas[table].get("primaryKey", [])
        rows = examples(dangling.collect(), pl.lit(True), primary_key)
        report_rows(
            report,
            table,
            "foreign_key",
            ", ".join(child_cols),
            rows,
            count.item(),
            lambda r, c=child_cols, t=target: message(
                "foreign_key", value=show(KEY_SEPARATOR.join(str(r[x]) for x in c)), target=t
            ),
        )
        # A reference padded with white space dangles: say why.
        for column in child_cols:
            if frames[table].schema[column] != pl.String:
                continue
            report_all(
                report,
                table,
                "whitespace",
                column,
                dangling.filter(is_padded(column)).collect(),
                primary_key,
                lambda r, n=column: message("whitespace", value=show(r[n])),
            )


def parents(report: Report, tables: Tables) -> None:
    """In a table whose foreign key points at itself, no row is its own parent or ancestor.

    Cycles are found by following every row's parent one step per round (one join of the
    walks still going), so valid data costs as many rounds as its deepest chain of parents.
    """
    frames, schemas = tables.frames, tables.schemas
    for table, frame in frames.items():
        key = schemas[table].get("primaryKey", [])
        for fk in schemas[table].get("foreignKeys", []):
            column = fk["fields"][0]
            if fk["reference"]["resource"] or fk["reference"]["fields"] != key or len(key) != 1:
                continue
            if len(fk["fields"]) != 1 or not {key[0], column} <= set(frame.columns):
                continue
            links = (
                frame.select(pl.col(key[0]).alias("_id"), pl.col(column).alias("_up"))
                .drop_nulls()
                .filter(pl.col("_id") != pl.col("_up"))
                .unique()
            )
            walk, cyclic = links.rename({"_id": "_from"}), [links["_id"].clear()]
            for _ in range(links.height):
                walk = walk.join(links, left_on="_up", right_on="_id").select(
                    "_from", pl.col("_up_right").alias("_up")
                )
                back = pl.col("_from") == pl.col("_up")
                cyclic.append(walk.filter(back)["_from"])
                walk = walk.filter(~back).unique()
                if walk.is_empty():
                    break
            rules = {
                "parent_self": pl.col(column) == pl.col(key[0]),
                "parent_cycle": pl.col(key[0]).is_in(pl.concat(cyclic).implode()),
            }
            for rule, mask in rules.items():
                count = frame.select(count_true(mask, "n")).item()
                if count:
                    parents = dict(links.iter_rows()) if rule == "parent_cycle" else {}
                    report_rows(
                        report,
                        table,
                        rule,
                        column,
                        examples(frame, mask, key),
                        count,
                        lambda r, x=(rule, column, key[0], parents): _parent_message(r, *x),
                    )


def _parent_message(
    row: dict[str, Any], rule: str, column: str, key: str, parents: dict[str, str]
) -> str:
    if rule == "parent_self":
        return message(rule, column=column, value=show(row[column]))
    path = [row[key]]
    while (up := parents.get(path[-1])) not in (None, row[key]) and len(path) <= len(parents):
        path.append(up)
    return message(rule, column=column, path=" → ".join([*path, row[key]]))


def row_order(report: Report, tables: Tables) -> None:
    """Rows come sorted by primary key (nulls last). A table whose keys the constraint check
    found strictly ascending is sorted; others are checked in one linear pass, and only a
    key with nulls, or rows out of order, is sorted to compare exactly."""
    frames, schemas = tables.frames, tables.schemas
    for table, frame in frames.items():
        if table in tables.ordered:
            continue
        key = schemas.get(table, {}).get("primaryKey", [])
        if not key or not all(k in frame.columns for k in key) or frame.height < 2:
            continue
        keys = frame.select(key)
        if keys.select(in_order(key, strict=False)).item():
            continue
        if not keys.equals(keys.sort(key, nulls_last=True, maintain_order=True)):
            report.add(table, "row_order", message("row_order", key=", ".join(key)))
