"""R users' path (docs/r.md): the R code block of the docs, run as written with Debian's R
and readr, reads every table and checks every span with `substr`. Skipped, with what is
missing, where R is not installed (`make r` installs it from Debian's packages)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polars as pl
import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "r.md"


def _r_block() -> str:
    blocks = re.findall(r"```r\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) == 1, "docs/r.md holds one R code block"
    return blocks[0]


def _rscript() -> str:
    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("R is not installed: run `make r` (apt-get install r-base-core r-cran-readr)")
    probe = subprocess.run(
        [rscript, "-e", "library(readr); library(jsonlite)"], capture_output=True, text=True
    )
    if probe.returncode != 0:
        pytest.skip(f"readr or jsonlite is missing for R: {probe.stderr.strip()[:200]}")
    return rscript


def _run(rscript: str, script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [rscript, "-e", script], capture_output=True, text=True, cwd=ROOT, timeout=600
    )


def test_the_docs_r_block_reads_every_table_and_checks_every_span() -> None:
    rscript = _rscript()
    done = _run(rscript, _r_block())
    assert done.returncode == 0, done.stderr[-2000:]
    counted = dict(re.findall(r"^(\w+) (\d+) $", done.stdout, flags=re.M))
    for name in counted:
        csv = ROOT / "dataset" / "csv" / f"{name}.csv"
        assert int(counted[name]) == pl.read_csv(csv, infer_schema=False).height, name
    assert len(counted) == len(list((ROOT / "dataset" / "csv").glob("*.csv")))
    for what in ("statement", "evidence"):
        checked, total = re.search(rf"{what} spans checked: (\d+) of (\d+)", done.stdout).groups()
        assert checked == total and int(total) > 0, done.stdout


def test_readr_s_default_trimming_breaks_spans_with_outer_whitespace() -> None:
    """Why the docs say trim_ws = FALSE: with readr's default, a source text that begins
    with whitespace loses it, and every span of that source is shifted; so is a quoted text
    that begins or ends with whitespace."""
    rscript = _rscript()
    trimmed = _r_block().replace("trim_ws = FALSE", "trim_ws = TRUE")
    done = _run(rscript, trimmed)
    assert done.returncode == 0, done.stderr[-2000:]
    csv = ROOT / "dataset" / "csv"
    sources = pl.read_csv(csv / "sources.csv", infer_schema=False)
    shifted = sources.filter(pl.col("text") != pl.col("text").str.strip_chars_start())
    statements = pl.read_csv(csv / "statements.csv", infer_schema=False)
    broken = statements.filter(
        pl.col("source_id").is_in(shifted["source_id"].implode())
        | (pl.col("text") != pl.col("text").str.strip_chars())
    ).height
    checked, total = re.search(r"statement spans checked: (\d+) of (\d+)", done.stdout).groups()
    assert int(total) - int(checked) == broken
