"""What the tests run the README's and docs' blocks in (tests/test_docs_examples.py).

- An install with exactly the extras a block names: a virtual environment holding the
  package's base requirements and those of the extras, linked from the environment the tests
  run in (no index needed, and nothing else importable), the package from this checkout's
  src/ (as an editable install has it) and its `sino-russian-patrols` command. A block that
  uses an extra it does not name fails there as it would for a user.
- The release zips of earlier versions. None is hosted; each is rebuilt from the commit the
  README names for it (the files of the data zip at that commit, zipped as `release` zips
  them), must have the sha256 the package's releases.json records, and is served over HTTP
  on 127.0.0.1: the address a block's $SINO_RUSSIAN_PATROLS_BASE_URL is set to.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import io
import json
import re
import subprocess
import sysconfig
import tarfile
import threading
import tomllib
import venv
from collections.abc import Iterable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from sino_russian_patrols.fetch import data_zip_name
from sino_russian_patrols.release import write_zip

ROOT = Path(__file__).resolve().parents[1]
PROJECT = "sino-russian-patrols"
VERSIONS_HEADING = "## Versions, releases and downloads"

# -- installs ----------------------------------------------------------------------------


def requirements(extras: Iterable[str], root: Path = ROOT) -> list[metadata.Distribution]:
    """The installed distributions that the base install plus `extras` of the project at
    `root` consist of: its requirements and theirs, markers evaluated (a requirement's own
    extras included), as pip would resolve them here."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    optional = project["optional-dependencies"]
    todo: list[tuple[str, frozenset[str]]] = [(r, frozenset()) for r in project["dependencies"]]
    for extra in extras:
        todo += [(r, frozenset()) for r in optional[extra]]
    found: dict[str, metadata.Distribution] = {}
    done: set[tuple[str, frozenset[str]]] = set()
    while todo:
        text, wanted_by = todo.pop()
        requirement = Requirement(text)
        marker = requirement.marker
        if marker is not None and not any(marker.evaluate({"extra": e}) for e in (*wanted_by, "")):
            continue
        name = canonicalize_name(requirement.name)
        with_extras = frozenset(requirement.extras)
        if name == PROJECT:  # `sino-russian-patrols[pandas,sql]` inside an extra
            todo += [(r, frozenset()) for e in with_extras for r in optional[e]]
            continue
        if (name, with_extras) in done:
            continue
        done.add((name, with_extras))
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            raise AssertionError(
                f"{name} (required by the install under test) is not installed where the "
                "tests run: install the dev extra (make venv)"
            ) from None
        found[name] = dist
        todo += [(r, with_extras) for r in dist.requires or ()]
    return sorted(found.values(), key=lambda d: canonicalize_name(d.metadata["Name"]))


def make_install(folder: Path, extras: Iterable[str]) -> Path:
    """A virtual environment at `folder` with the base install and `extras`, the package from
    this checkout's src/ and its command in bin/; returns its python."""
    venv.EnvBuilder(symlinks=True, with_pip=False).create(folder)
    python = folder / "bin" / "python"
    purelib = Path(sysconfig.get_path("purelib", vars={"base": folder, "platbase": folder}))
    assert purelib.is_dir(), purelib
    for dist in requirements(extras):
        home = Path(str(dist.locate_file("")))
        tops = {Path(str(f)).parts[0] for f in dist.files or () if not str(f).startswith("..")}
        for top in sorted(tops - {"__pycache__"}):
            if not top.endswith(".pth") and not (purelib / top).exists():
                (purelib / top).symlink_to(home / top)
    (purelib / "sino_russian_patrols.pth").write_text(f"{ROOT / 'src'}\n", encoding="utf-8")
    command = folder / "bin" / PROJECT
    command.write_text(
        f"#!{python}\nimport sys\n\nfrom sino_russian_patrols.cli import main\n\n"
        "sys.exit(main())\n",
        encoding="utf-8",
    )
    command.chmod(0o755)
    return python


# -- release zips rebuilt from their commits -----------------------------------------------


def release_commits(readme: str) -> dict[str, str]:
    """The README's table of the commits earlier releases were made from: version -> commit."""
    section = readme[readme.index(VERSIONS_HEADING) :].split("\n## ", 1)[0]
    row = re.compile(r"^\|\s*`([0-9][0-9A-Za-z.+-]*)`\s*\|\s*`([0-9a-f]{7,40})`\s*\|", re.M)
    return dict(row.findall(section))


def _git(*args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, timeout=120)
    except FileNotFoundError:
        raise AssertionError("rebuilding the release zips needs git") from None
    if done.returncode != 0:
        raise AssertionError(
            f"git {' '.join(args)}: {done.stderr.decode(errors='replace').strip()}; rebuilding "
            "the release zips needs the repository's history (a clone, not an sdist; "
            "`git fetch --unshallow` in a shallow one)"
        )
    return done.stdout


def rebuild_data_zip(commit: str, version: str, out: Path) -> str:
    """The data zip of `version` as `release` made it at `commit`: the files its release code
    listed then (EXTRA_FILES of that commit's release.py, the descriptor, every table it
    names), zipped as `release` zips them; returns its sha256."""
    with tarfile.open(fileobj=io.BytesIO(_git("archive", "--format=tar", commit))) as archive:
        files: dict[str, bytes] = {}
        for member in archive.getmembers():
            handle = archive.extractfile(member) if member.isfile() else None
            if handle is not None:
                files[member.name] = handle.read()
    names = {"datapackage.json", *_extra_files(files["src/sino_russian_patrols/release.py"])}
    for resource in json.loads(files["datapackage.json"])["resources"]:
        names.add(resource["path"])
        if isinstance(resource.get("parquet"), dict):
            names.add(resource["parquet"]["path"])
    folder = data_zip_name(version).removesuffix(".zip")
    return write_zip(out, folder, ((name, files[name]) for name in sorted(names)))


def _extra_files(release_py: bytes) -> tuple[str, ...]:
    """The EXTRA_FILES tuple of a release.py, read without running it."""
    for node in ast.parse(release_py).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "EXTRA_FILES" for t in node.targets
        ):
            return tuple(ast.literal_eval(node.value))
    raise AssertionError("that commit's release.py has no EXTRA_FILES")


class _Quiet(SimpleHTTPRequestHandler):
    """Serves files without a log line per request on the tests' stderr."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """`folder` over HTTP on 127.0.0.1 for the duration; yields its address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
