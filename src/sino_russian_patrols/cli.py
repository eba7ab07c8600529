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
    from .validate import UnreadablePackage, validate_package

    target = args.path
    if target is None:
        from .load import data_root

        target = data_root()
    try:
        report = validate_package(Path(target))
    except UnreadablePackage as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report.json() if args.format == "json" else report.text())
    return 0 if report.valid else 1


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
    v.set_defaults(func=_validate)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
