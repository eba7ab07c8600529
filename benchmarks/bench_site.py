"""How long the evidence browser takes to build, and how large it is, for the current dataset.

Builds the site of the package in this checkout (or --package) --repeat times into a
temporary folder with `build_site` (reading the package, making every page, writing the
files) and prints the median, best and worst build time, the number of files and their
total size. The targets are under 5 s and under 5 MB; the script prints whether each is met
and never fails on timing (a shared machine's load is not the code's).

    python benchmarks/bench_site.py [--repeat 5] [--package PATH]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from sino_russian_patrols.site import build_site

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 5.0
TARGET_BYTES = 5_000_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--package", default=str(ROOT))
    args = parser.parse_args()
    times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        for n in range(args.repeat):
            start = time.perf_counter()
            result = build_site(Path(tmp) / f"site-{n}", args.package)
            times.append(time.perf_counter() - start)
        on_disk = sum(p.stat().st_size for p in result.out.rglob("*") if p.is_file())
    median = statistics.median(times)
    print(f"site of {result.version}: {result.pages} files, {on_disk:,} bytes")
    print(
        f"build: median {median:.2f} s, best {min(times):.2f} s, worst {max(times):.2f} s "
        f"over {args.repeat} builds"
    )
    print(f"target under {TARGET_SECONDS:g} s: {'met' if median < TARGET_SECONDS else 'NOT met'}")
    print(
        f"target under {TARGET_BYTES / 1e6:g} MB: {'met' if on_disk < TARGET_BYTES else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
