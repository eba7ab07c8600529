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

import json
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


# The marker a site folder gets: the package replaces a folder only when the marker it wrote
# there lists every file the folder holds, so a folder of the user's (photos, a thesis beside an
# index.html) is never deleted, whatever its other files are called.
MARKER = ".sino-russian-patrols-site.json"


def _foreign(folder: Path) -> list[str]:
    """The files and folders of `folder` that the package's marker does not list (all of
    them when there is no marker, or one the package did not write); [] for a site of ours."""
    present = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if (p.is_file() or p.is_symlink()) and p.name != MARKER
    )
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        listed = (
            set(marker["files"]) if marker.get("generator") == "sino-russian-patrols" else set()
        )
    except (OSError, ValueError, KeyError, TypeError):
        listed = set()
    empty_dirs = [
        p.relative_to(folder).as_posix() + "/"
        for p in folder.rglob("*")
        if p.is_dir() and not p.is_symlink() and not any(p.iterdir())
    ]
    return [name for name in present if name not in listed] + empty_dirs


def write_site(files: dict[str, bytes], out: Path, /) -> None:
    """Write `files` into `out`, replacing a site this package wrote there; refuse a folder
    that holds anything its marker does not list (nothing of the user's is deleted)."""
    out = out.absolute()
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out}: exists and is not a folder; choose another output folder")
    if out.is_dir() and any(out.iterdir()):
        foreign = _foreign(out)
        if foreign:
            shown = ", ".join(foreign[:5]) + (
                f" and {len(foreign) - 5} more" if len(foreign) > 5 else ""
            )
            raise SiteError(
                f"{out}: holds files this package did not write ({shown}); it replaces only a "
                f"site it wrote itself (listed in {MARKER}): choose an empty or new folder"
            )
    files = files | {
        MARKER: (
            json.dumps({"generator": "sino-russian-patrols", "files": sorted(files)}, indent=1)
            + "\n"
        ).encode("utf-8")
    }
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
