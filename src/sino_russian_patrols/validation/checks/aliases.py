"""Aliases: each spelling is written once, in the form the articles use, and can be seen.

The same rules as the build's registries (`registries._aliases`, `registries._one_form_each`),
with the same helpers of `normalize`: an alias holds no invisible or control character, and no
two aliases of one table differ only by Unicode normalization or invisible characters (an
editor cannot tell them apart; a text matches one of them and silently misses the other).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from ...normalize import char_name, invisible, spelling_difference, spelling_key
from ..report import Report, examples, message, report_rows, show

if TYPE_CHECKING:
    from . import Tables

ALIAS_TABLES = ("actor_aliases", "place_aliases")


def alias_spellings(report: Report, tables: Tables) -> None:
    """No invisible characters in an alias, and no two aliases of a table that look the same."""
    for table in ALIAS_TABLES:
        frame = tables.frames.get(table)
        if frame is None or "alias" not in frame.columns:
            continue
        key = tables.schemas.get(table, {}).get("primaryKey", ["alias"])
        aliases = frame["alias"].to_list()
        # Printable ASCII has no invisible character and is its own spelling key: only the
        # other aliases are read character by character.
        plain = frame["alias"].str.contains(r"^[\x20-\x7e]*$").fill_null(True).to_list()
        hidden = [[] if p else invisible(a) for a, p in zip(aliases, plain, strict=True)]
        mask = pl.Series([bool(h) for h in hidden], dtype=pl.Boolean)
        if mask.any():
            rows = examples(frame.with_columns(_hidden=pl.Series(hidden)), pl.lit(mask), key)
            report_rows(
                report,
                table,
                "alias_invisible",
                "alias",
                rows,
                int(mask.sum()),
                lambda r: message(
                    "alias_invisible",
                    alias=show(r["alias"]),
                    characters=", ".join(map(char_name, r["_hidden"][:5])),
                ),
            )
        first: dict[str, str] = {}
        twins = [None] * len(aliases)
        for i, alias in enumerate(aliases):
            if alias is None:
                continue
            other = first.setdefault(alias if plain[i] else spelling_key(alias), alias)
            if other != alias:
                twins[i] = other
        mask = pl.Series([t is not None for t in twins], dtype=pl.Boolean)
        if mask.any():
            shown = frame.with_columns(_twin=pl.Series(twins, dtype=pl.String))
            report_rows(
                report,
                table,
                "alias_twin",
                "alias",
                examples(shown, pl.lit(mask), key),
                int(mask.sum()),
                lambda r: message(
                    "alias_twin",
                    alias=show(r["alias"]),
                    twin=show(r["_twin"]),
                    difference=spelling_difference(r["alias"], r["_twin"]),
                ),
            )
