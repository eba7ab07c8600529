"""The `sino-russian-patrols` command: build, validate, release, diff, download and cache,
and the data editor's add-article, draft and ids."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .errors import PatrolsError


@dataclass(frozen=True)
class _Failure:
    """How a command reports an error (a PatrolsError).

    `headline` comes before the message (`{outcome}` in it: what became of the dataset, as a
    BuildError says); `exit_code`, when set, replaces the error's own, for a command whose
    exit 1 means a result (invalid, differ); `fields`, when set, are written as a JSON object
    with the error under --format json, so that a script reading stdout always gets one."""

    headline: str = "error: "
    exit_code: int | None = None
    fields: Callable[[argparse.Namespace], dict[str, object]] | None = None


def _failed(args: argparse.Namespace, exc: PatrolsError) -> int:
    """Print `exc` as the command reports its errors; return the exit code. A missing extra
    stops a command before it begins, so it is said the same way by every command."""
    from .extras import MissingExtraError

    failure = _Failure() if isinstance(exc, MissingExtraError) else args.failure
    outcome = getattr(exc, "outcome", "nothing was changed")
    print(f"{failure.headline.format(outcome=outcome)}{exc}", file=sys.stderr)
    if failure.fields is not None and args.format == "json":
        print(json.dumps({**failure.fields(args), "error": str(exc)}, indent=2, ensure_ascii=False))
    return failure.exit_code or exc.exit_code


def _build(args: argparse.Namespace) -> int:
    from .pipeline import build

    result = build(Path(args.root))
    rows = ", ".join(f"{name} {n}" for name, n in result.rows.items())
    print(f"built {result.root / 'datapackage.json'}: {rows}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from .api import validate

    report = validate(args.path, engine=args.engine)
    print(report.json() if args.format == "json" else report.text())
    return 0 if report.valid else 1


def _release(args: argparse.Namespace) -> int:
    from .release import release

    result = release(Path(args.root), args.outdir, update_registry=args.update_registry)
    for note in result.notes:
        print(note)
    out = Path(args.outdir) if args.outdir else Path(args.root) / "dist"
    for name, digest in sorted(result.files.items()):
        print(f"{digest}  {out / name}")
    print(f"released {result.version}: checksums in {out / 'SHA256SUMS'}")
    return 0


def _diff(args: argparse.Namespace) -> int:
    from .api import diff

    result = diff(args.old, args.new)
    print(result.json() if args.format == "json" else result.text())
    return 0 if result.identical else 1


def _download(args: argparse.Namespace) -> int:
    from .fetch import download

    folder = download(args.version, base_url=args.base_url, progressbar=args.progress)
    print(f"release {args.version}: {folder}")
    return 0


def _cache(args: argparse.Namespace) -> int:
    from .api import versions
    from .fetch import cache_dir, clear_cache

    if args.action == "list":
        known = versions()
        print(f"cache: {cache_dir()}")
        for v in known:
            where = "installed" if v.installed else "cached" if v.cached else "not downloaded"
            released = "released" if v.released else "unreleased"
            print(f"{v.version}\t{released}\t{where}" + (f"\t{v.path}" if v.path else ""))
        return 0
    removed = clear_cache(args.version)
    if args.version is not None and not removed:
        print(f"release {args.version} is not in the cache {cache_dir()}")
    for version in removed:
        print(f"removed release {version} from {cache_dir()}")
    if args.version is None:
        print(f"cleared the downloads of {cache_dir()}")
    return 0


def _add_article(args: argparse.Namespace) -> int:
    from .editor import add_article

    added = add_article(
        Path(args.root),
        Path(args.path),
        url=args.url,
        title=args.title,
        publisher=args.publisher,
        page_date=args.page_date,
    )
    root = Path(args.root).resolve()
    print(f"added {added.source_id}")
    print(f"  article:    {added.article.relative_to(root)}")
    print(f"  annotation: {added.annotation.relative_to(root)} (a draft: review it)")
    if added.review:
        print("to review:")
        for line in added.review:
            print(f"  - {line}")
    print("then run `sino-russian-patrols build` and `sino-russian-patrols validate`")
    return 0


def _draft(args: argparse.Namespace) -> int:
    from .draft import draft_annotation

    root = Path(args.root).resolve()
    target = root / "build" / "annotations" / f"{args.source_id}.yaml"
    out = None if args.output == "-" else Path(args.output) if args.output else target
    # never replace a file (the reviewed annotation, or any other) without --force
    if out is not None and (out.exists() or out.is_symlink()) and not args.force:
        shown = out.relative_to(root) if out.is_relative_to(root) else out
        print(
            f"{shown} exists: pass --force to replace it, choose another --output, or "
            "--output - to print the draft",
            file=sys.stderr,
        )
        return 1
    text = draft_annotation(root, args.source_id, registry=args.registry)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}")
        # what is left to review: the counts per section, as the draft's header gives them
        for line in text.splitlines():
            if line.startswith(("# proposals:", "# registry entry")):
                print(line.removeprefix("# "))
    return 0


def _ids(args: argparse.Namespace) -> int:
    from .ids import list_ids

    rows = list_ids(Path(args.root).resolve(), args.kind, args.match)
    for row in rows:
        print(f"{row.id}\t{row.what}\t{row.where}")
    if not rows:
        print(
            f"no {args.kind} ids" + (f" match {args.match!r}" if args.match else ""),
            file=sys.stderr,
        )
    return 0


def _site(args: argparse.Namespace) -> int:
    from .site import build_site

    result = build_site(Path(args.out), args.package)
    index = (result.out / "index.html").resolve()
    print(f"wrote {result.pages} files ({result.bytes:,} bytes) of {result.version}: {index}")
    return 0


_PACKAGE = "a folder holding datapackage.json, the file itself, a release zip or a version number"


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
    b.set_defaults(func=_build, failure=_Failure("build failed; {outcome}.\n"))
    v = sub.add_parser(
        "validate",
        help="validate a package (default: the project here in a source checkout, else the "
        "installed dataset); exit 0 valid, 1 invalid, 2 unreadable",
    )
    v.add_argument("path", nargs="?", help=_PACKAGE + " (default: see above)")
    v.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="json: a JSON object on stdout, also when the package cannot be read",
    )
    v.add_argument(
        "--engine",
        choices=("polars", "pandera"),
        default="polars",
        help="who checks the Table Schema constraints: vectorised polars (default, fast) or "
        "the pandera models derived from schema/",
    )
    v.set_defaults(
        func=_validate,
        failure=_Failure(exit_code=2, fields=lambda a: {"path": a.path, "valid": False}),
    )
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
    r.set_defaults(func=_release, failure=_Failure("release failed: ", exit_code=1))
    d = sub.add_parser(
        "diff",
        help="compare two packages by primary key (exit 0: identical, 1: differ, 2: error)",
    )
    d.add_argument("old", help="the old package: " + _PACKAGE)
    d.add_argument("new", help="the new package: " + _PACKAGE)
    d.add_argument("--format", choices=("text", "json"), default="text")
    d.set_defaults(
        func=_diff,
        failure=_Failure(
            exit_code=2,
            fields=lambda a: {"old": a.old, "new": a.new, "identical": False},
        ),
    )
    dl = sub.add_parser(
        "download",
        help="fetch a released version into the cache, verified by its sha256; print its folder",
    )
    dl.add_argument("version", help="a released version, e.g. 0.1.0 (see `cache list`)")
    dl.add_argument(
        "--base-url",
        help="the folder (URL) holding the release zips (default: $SINO_RUSSIAN_PATROLS_BASE_URL, "
        "else the registry's)",
    )
    dl.add_argument("--progress", action="store_true", help="show a progress bar (needs tqdm)")
    dl.set_defaults(func=_download, failure=_Failure("download failed: "))
    c = sub.add_parser("cache", help="the downloaded releases: list them, or clear the cache")
    cache_sub = c.add_subparsers(dest="action", required=True, metavar="ACTION")
    cache_sub.add_parser("list", help="every known version: released, installed or cached")
    clear = cache_sub.add_parser("clear", help="delete one cached release, or all of them")
    clear.add_argument("version", nargs="?", help="the version to delete (default: all)")
    c.set_defaults(func=_cache, failure=_Failure(exit_code=2))
    a = sub.add_parser(
        "add-article",
        help="archive a new article under a new source id, record it and draft its annotation",
        description="Copy the article byte for byte into build/articles/ as NNN_<first 16 hex "
        "digits of its sha256>.txt (NNN: the next free number), record it in the manifest with "
        "its archive record, sha256 and size, and write a draft annotation to review.",
    )
    a.add_argument("path", help="the article: a UTF-8 text file")
    a.add_argument("--url", help="the address of the archived page")
    a.add_argument("--title", help="the headline the archived page carried")
    a.add_argument("--publisher", help="the publisher (site) of the archived page")
    a.add_argument("--page-date", help="the date the archived page carried (YYYY-MM-DD)")
    a.add_argument("--root", default=".", help="the project folder (default: the current one)")
    a.set_defaults(
        func=_add_article, failure=_Failure("add-article failed; nothing was changed.\n")
    )
    dr = sub.add_parser("draft", help="(re)write the draft annotation of an archived article")
    dr.add_argument("source_id", help="the article's source id (NNN_<16 hex digits>)")
    dr.add_argument("--root", default=".", help="the project folder (default: the current one)")
    dr.add_argument("--output", help="write here instead (- for standard output)")
    dr.add_argument("--force", action="store_true", help="replace an existing annotation file")
    dr.add_argument(
        "--registry",
        action="store_true",
        help="write the new events and ships the draft proposes into build/registries/"
        "events.yaml and ships.yaml (without it they are listed in the draft's header and what "
        "refers to them is commented out)",
    )
    dr.set_defaults(func=_draft, failure=_Failure("draft failed: "))
    i = sub.add_parser("ids", help="the ids in use: events, actors, places or remarks")
    i.add_argument(
        "kind", nargs="?", default="events", choices=("events", "actors", "places", "remarks")
    )
    i.add_argument("--match", help="only ids whose id or description contains this text")
    i.add_argument("--root", default=".", help="the project folder (default: the current one)")
    i.set_defaults(func=_ids, failure=_Failure())
    st = sub.add_parser(
        "site",
        help="write the evidence browser, a static site, into OUT (default: site/)",
        description="Write a static site (HTML and CSS, no server, no network) in which every "
        "event, aircraft claim and remark links to the highlighted words it rests on. OUT is "
        "replaced whole only when it holds a site this package wrote (its marker lists every "
        "file); a folder holding anything else is refused.",
    )
    st.add_argument("out", nargs="?", default="site", help="the folder to write (default: site/)")
    st.add_argument("--package", help=_PACKAGE + " (default: the project here, else installed)")
    st.set_defaults(func=_site, failure=_Failure("site failed; nothing was changed.\n"))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from .errors import PatrolsError

    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except PatrolsError as exc:  # every error a user can act on; its message says what to fix
        return _failed(args, exc)


if __name__ == "__main__":
    sys.exit(main())
