"""The evidence browser: a static site (HTML, CSS, a little JavaScript) made from a built
package, in which every event, aircraft claim and remark links to the highlighted words of
the archived article it rests on.

    sino-russian-patrols site [OUT] [--package PATH]

Pages: `index.html` (counts, timeline, filters), `events/<event_id>.html`,
`sources/<source_id>.html`, `actors/<actor_id>.html`, `places/<place_id>.html`,
`codebook.html` and `datacard.html`. Every link is relative, so the site opens from a
file:// URL or an unpacked zip, with no server and no network. The output is the same bytes
on every build of the same package: rows are visited in primary-key order, nothing records
a time. The site is written into a staging folder beside OUT and moved into place whole,
so a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .docs import doc_pages
from .entities import entity_pages
from .events import event_pages, index_page
from .model import Rows, SiteError, read_rows
from .sources import source_pages

__all__ = ["SiteError", "SiteResult", "build_site", "read_rows", "site_files"]
ASSETS = ("style.css", "filter.js")


@dataclass(frozen=True)
class SiteResult:
    out: Path
    version: str
    pages: int
    bytes: int


def site_files(rows: Rows, /) -> dict[str, bytes]:
    """Every file of the site, by path relative to its root, in sorted order."""
    pages: dict[str, str] = {"index.html": index_page(rows)}
    pages |= event_pages(rows)
    pages |= source_pages(rows)
    pages |= entity_pages(rows)
    pages |= doc_pages(rows)
    files = {name: text.encode("utf-8") for name, text in pages.items()}
    here = resources.files(__name__)
    for asset in ASSETS:
        files[asset] = here.joinpath(asset).read_bytes()
    return dict(sorted(files.items()))


def _is_site(folder: Path) -> bool:
    return (folder / "index.html").is_file() and (folder / "style.css").is_file()


def write_site(files: dict[str, bytes], out: Path, /) -> None:
    """Write `files` into `out`, replacing a site there; refuse a folder that holds
    anything else (nothing of the user's is deleted)."""
    out = out.absolute()
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out}: exists and is not a folder; choose another output folder")
    if out.is_dir() and any(out.iterdir()) and not _is_site(out):
        raise SiteError(
            f"{out}: a folder that is not empty and holds no site (index.html and style.css); "
            "choose an empty or new folder"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-staging-", dir=out.parent))
    try:
        for name, data in files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        os.chmod(staging, 0o755)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
            os.replace(out, old / "site")
            os.replace(staging, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def build_site(out: Path | str, /, package: str | Path | None = None) -> SiteResult:
    """Write the site of `package` (a folder, datapackage.json, release zip or version;
    default: the checkout here, else the installed dataset) into `out`.

    Raises SiteError naming the file or folder when the package cannot be read or `out`
    cannot be written.
    """
    from ..api import located
    from ..fetch import DownloadError
    from ..package import UnreadablePackage

    try:
        with located(package) as where:
            rows = read_rows(where.path)
            files = site_files(rows)
    except (UnreadablePackage, DownloadError) as exc:
        raise SiteError(str(exc)) from None
    try:
        write_site(files, Path(out))
    except OSError as exc:
        raise SiteError(f"{out}: cannot write the site ({exc})") from None
    return SiteResult(Path(out), rows.version, len(files), sum(map(len, files.values())))
