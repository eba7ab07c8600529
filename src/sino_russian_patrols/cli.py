"""The `sino-russian-patrols` command: build, validate, release, diff."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def _build(args: argparse.Namespace) -> int:
    from .errors import BuildError
    from .pipeline import build

    try:
        result = build(Path(args.root))
    except BuildError as exc:
        print(f"build failed; the previous dataset is unchanged.\n{exc}", file=sys.stderr)
        return 1
    rows = ", ".join(f"{name} {n}" for name, n in result.rows.items())
    print(f"built {result.root / 'datapackage.json'}: {rows}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from .load import data_root
    from .validate import UnreadablePackage, validate_package

    target = args.path if args.path is not None else data_root()
    try:
        # A package of this version must carry this version's schemas inline.
        report = validate_package(
            Path(target), engine=args.engine, schema_dir=data_root() / "schema"
        )
    except UnreadablePackage as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report.json() if args.format == "json" else report.text())
    return 0 if report.valid else 1


def _release(args: argparse.Namespace) -> int:
    from .download import DownloadError
    from .release import ReleaseError, release

    try:
        result = release(Path(args.root), args.outdir, update_registry=args.update_registry)
    except (ReleaseError, DownloadError) as exc:
        print(f"release failed: {exc}", file=sys.stderr)
        return 1
    for note in result.notes:
        print(note)
    out = Path(args.outdir) if args.outdir else Path(args.root) / "dist"
    for name, digest in sorted(result.files.items()):
        print(f"{digest}  {out / name}")
    print(f"released {result.version}: checksums in {out / 'SHA256SUMS'}")
    return 0


def _diff(args: argparse.Namespace) -> int:
    from .diff import diff_packages

    try:
        result = diff_packages(Path(args.old), Path(args.new))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(result.json() if args.format == "json" else result.text())
    return 0 if result.identical else 1


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="sino-russian-patrols",
        description="Sino-Russian joint military activity as provenance-checked tables.",
    )
    from . import __version__

    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = sub.add_parser("build", help="build dataset/ and datapackage.json from build/")
    b.add_argument("--root", default=".", help="the project folder (default: the current one)")
    b.set_defaults(func=_build)
    v = sub.add_parser("validate", help="validate a package (default: the installed dataset)")
    v.add_argument("path", nargs="?", help="a datapackage.json or the folder that holds it")
    v.add_argument("--format", choices=("text", "json"), default="text")
    v.add_argument(
        "--engine",
        choices=("polars", "pandera"),
        default="polars",
        help="who checks the Table Schema constraints: vectorised polars (default, fast) or "
        "the pandera models derived from schema/",
    )
    v.set_defaults(func=_validate)
    r = sub.add_parser(
        "release",
        help="write the wheel, sdist, data zip and SHA256SUMS to dist/ (reproducibly)",
        description="Check versions and validate, then write the wheel, the sdist, "
        "sino-russian-patrols-data-<version>.zip and SHA256SUMS. Timestamps come from "
        "SOURCE_DATE_EPOCH (default 1980-01-01), so a rebuild gives identical bytes.",
    )
    r.add_argument("--root", default=".", help="the project folder (default: the current one)")
    r.add_argument("--outdir", help="where to write (default: ROOT/dist)")
    r.add_argument(
        "--update-registry",
        action="store_true",
        help="replace this version's sha256 in releases.json (only for an unpublished version)",
    )
    r.set_defaults(func=_release)
    d = sub.add_parser(
        "diff",
        help="compare two packages by primary key (exit 0: identical, 1: differ, 2: error)",
    )
    d.add_argument("old", help="the old datapackage.json or the folder that holds it")
    d.add_argument("new", help="the new datapackage.json or the folder that holds it")
    d.add_argument("--format", choices=("text", "json"), default="text")
    d.set_defaults(func=_diff)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
