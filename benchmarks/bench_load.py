"""How much does the package cost over plain polars? The ratio of two cold starts.

A: a new interpreter runs `import sino_russian_patrols; sino_russian_patrols.load("events")`.
B: a new interpreter runs `import polars; polars.read_parquet(<the same events.parquet>)`.

Runs alternate (A, B, A, B, ...) so that drift in machine load hits both alike; the figure
is median(A) / median(B). The target is at most 1.2: the loader must add little beyond
polars itself (no pandas, pandera or frictionless on the load path).

    python benchmarks/bench_load.py [--runs 40] [--max 1.2]

Exits 1 when the ratio is above --max. Timings are wall-clock per subprocess, in ms.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PACKAGE = "import sino_russian_patrols as srp; srp.load('events')"
POLARS = "import polars as pl; pl.read_parquet({path!r})"


def cold_run(code: str, cwd: str) -> float:
    """Seconds for one new interpreter to run `code`."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=cwd, check=True)
    return time.perf_counter() - start


def measure(runs: int, warmup: int = 3) -> tuple[list[float], list[float], Path]:
    import sino_russian_patrols as srp

    parquet = srp.path("events")
    baseline = POLARS.format(path=str(parquet))
    package: list[float] = []
    polars: list[float] = []
    with tempfile.TemporaryDirectory() as cwd:  # outside the source tree
        for _ in range(warmup):  # fill the OS file cache for both
            cold_run(PACKAGE, cwd)
            cold_run(baseline, cwd)
        for _ in range(runs):
            package.append(cold_run(PACKAGE, cwd))
            polars.append(cold_run(baseline, cwd))
    return package, polars, parquet


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="runs of each (default 40)")
    parser.add_argument("--max", type=float, default=1.2, help="highest acceptable ratio")
    args = parser.parse_args(argv)

    package, polars, parquet = measure(args.runs)
    med_a, med_b = statistics.median(package), statistics.median(polars)
    ratio = med_a / med_b
    print(f"file: {parquet}")
    print(f"python: {sys.executable}")
    for label, times in (("package import + load", package), ("polars import + read", polars)):
        q = statistics.quantiles(times, n=4)
        print(
            f"{label:<22} median {statistics.median(times) * 1e3:7.1f} ms  "
            f"(q1 {q[0] * 1e3:.1f}, q3 {q[2] * 1e3:.1f}, n={len(times)})"
        )
    verdict = "ok" if ratio <= args.max else f"TOO SLOW (target <= {args.max})"
    print(f"ratio {ratio:.3f}  {verdict}")
    return 0 if ratio <= args.max else 1


if __name__ == "__main__":
    sys.exit(main())
