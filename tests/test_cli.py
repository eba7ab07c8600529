"""The command line beyond build: download and cache (over real HTTP from 127.0.0.1), diff of
versions and zips, and validate's default package and JSON output, through the installed
command in real subprocesses."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import sino_russian_patrols as srp
from helpers import OTHER, release_zip
from sino_russian_patrols import fetch

COMMAND = Path(sys.executable).parent / "sino-russian-patrols"


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """A real HTTP server serving release OTHER, and the environment of a private cache and
    a registry that lists OTHER."""
    served = tmp_path / "served"
    served.mkdir()
    zip_file = release_zip(served, OTHER)
    registry = tmp_path / "registry.json"
    entry = {"file": zip_file.name, "sha256": hashlib.sha256(zip_file.read_bytes()).hexdigest()}
    registry.write_text(json.dumps({"releases": {OTHER: entry}}), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SINO_RUSSIAN_PATROLS")}
    env |= {fetch.CACHE_ENV: str(tmp_path / "cache"), fetch.REGISTRY_ENV: str(registry)}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(served)))
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/", env
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def run(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(COMMAND), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_download_then_list_and_clear_the_cache(mirror: tuple[str, dict[str, str]]) -> None:
    url, env = mirror
    listed = run("cache", "list", env=env)
    assert listed.returncode == 0
    assert f"{OTHER}\treleased\tnot downloaded" in listed.stdout
    assert f"{srp.__version__}\treleased\tinstalled" in listed.stdout

    got = run("download", OTHER, "--base-url", url, env=env)
    assert got.returncode == 0, got.stderr
    folder = Path(got.stdout.strip().split(": ", 1)[1])
    assert (folder / "datapackage.json").is_file()
    assert json.loads((folder / "datapackage.json").read_text("utf-8"))["version"] == OTHER
    assert f"{OTHER}\treleased\tcached\t{folder}" in run("cache", "list", env=env).stdout

    unknown = run("download", "9.9.9", "--base-url", url, env=env)
    assert unknown.returncode == 2 and "unknown release '9.9.9'" in unknown.stderr
    refused = run("cache", "clear", "../..", env=env)
    assert refused.returncode == 2 and "not a version number" in refused.stderr

    cleared = run("cache", "clear", OTHER, env=env)
    assert cleared.returncode == 0 and f"removed release {OTHER}" in cleared.stdout
    assert not folder.exists()
    assert f"{OTHER}\treleased\tnot downloaded" in run("cache", "list", env=env).stdout
    again = run("cache", "clear", OTHER, env=env)
    assert again.returncode == 0 and "is not in the cache" in again.stdout


def test_diff_takes_versions_and_zips(
    mirror: tuple[str, dict[str, str]], package_copy: Path, tmp_path: Path
) -> None:
    url, env = mirror
    env[fetch.BASE_URL_ENV] = url
    same = run("diff", OTHER, srp.__version__, "--format", "json", env=env)
    assert same.returncode == 0, same.stderr
    assert json.loads(same.stdout)["identical"] is True
    zip_file = release_zip(tmp_path, srp.__version__)
    (package_copy / "dataset" / "parquet" / "places.parquet").unlink()  # read from its CSV
    by_zip = run("diff", str(zip_file), str(package_copy), env=env)
    assert by_zip.returncode == 0, by_zip.stdout + by_zip.stderr
    assert f"old: {zip_file}" in by_zip.stdout
    missing = run("diff", str(tmp_path / "gone.zip"), OTHER, "--format", "json", env=env)
    assert missing.returncode == 2
    assert "no such file" in json.loads(missing.stdout)["error"]


def test_validate_json_is_always_json_on_stdout(tmp_path: Path) -> None:
    for target in (tmp_path / "nowhere", tmp_path / "bad.zip"):
        if target.suffix == ".zip":
            target.write_bytes(b"PK not really")
        done = run("validate", str(target), "--format", "json")
        assert done.returncode == 2
        body = json.loads(done.stdout)
        assert body["valid"] is False and body["path"] == str(target)
        assert str(target) in body["error"] and body["error"] in done.stderr


def test_validate_defaults_to_the_checkout_it_runs_in(project_copy: Path, tmp_path: Path) -> None:
    inside = run("validate", "--format", "json", cwd=project_copy / "schema")
    assert inside.returncode == 0, inside.stdout + inside.stderr
    assert json.loads(inside.stdout)["path"] == str(project_copy / "datapackage.json")
    (project_copy / "dataset" / "csv" / "events.csv").write_text("broken\n", encoding="utf-8")
    broken = run("validate", cwd=project_copy)
    assert broken.returncode == 1 and str(project_copy) in broken.stdout
    elsewhere = run("validate", "--format", "json", cwd=tmp_path)
    assert elsewhere.returncode == 0
    assert json.loads(elsewhere.stdout)["path"] == str(srp.data_root() / "datapackage.json")


# Every error family of the package and the exit code it documents: one base class, so that
# the command catches it once and a new error is never a traceback.
ERROR_FAMILIES = {
    "sino_russian_patrols.errors.BuildError": 1,
    "sino_russian_patrols.errors.SchemaError": 2,
    "sino_russian_patrols.errors.SwapIncomplete": 1,
    "sino_russian_patrols.errors.InputError": 1,
    "sino_russian_patrols.package.UnreadablePackage": 2,
    "sino_russian_patrols.fetch.DownloadError": 1,
    "sino_russian_patrols.fetch.UnknownVersionError": 2,
    "sino_russian_patrols.fetch.ChecksumError": 1,
    "sino_russian_patrols.fetch.UnsafeArchiveError": 1,
    "sino_russian_patrols.release.ReleaseError": 1,
    "sino_russian_patrols.swap.SwapError": 2,
    "sino_russian_patrols.swap.SwapInterrupted": 2,
    "sino_russian_patrols.extras.MissingExtraError": 1,
    "sino_russian_patrols.editor.AddArticleError": 1,
    "sino_russian_patrols.site.model.SiteError": 2,
}


@pytest.mark.parametrize(("name", "exit_code"), ERROR_FAMILIES.items())
def test_every_error_family_is_a_patrols_error_with_its_exit_code(
    name: str, exit_code: int
) -> None:
    import importlib

    module, _, cls = name.rpartition(".")
    error = getattr(importlib.import_module(module), cls)
    assert issubclass(error, srp.PatrolsError)
    assert error.exit_code == exit_code


def test_errors_keep_the_builtin_classes_callers_catch() -> None:
    from sino_russian_patrols.errors import InputError
    from sino_russian_patrols.extras import MissingExtraError

    assert issubclass(MissingExtraError, ImportError)
    assert issubclass(srp.UnknownVersionError, ValueError)
    assert issubclass(InputError, ValueError)
    assert srp.PatrolsError.exit_code == 1 and "PatrolsError" in srp.__all__


def test_a_malformed_version_to_clear_exits_2(mirror: tuple[str, dict[str, str]]) -> None:
    _, env = mirror
    done = subprocess.run(
        [COMMAND, "cache", "clear", "not-a-version"], capture_output=True, text=True, env=env
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr == "error: 'not-a-version' is not a version number like 1.2.0\n"


def test_a_missing_article_to_draft_exits_1(project_copy: Path) -> None:
    done = subprocess.run(
        [COMMAND, "draft", "999_0000000000000000", "--root", project_copy, "--output", "-"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("draft failed: no article build/articles/999_0000000000000000")
    assert "Traceback" not in done.stderr


def test_draft_never_overwrites_a_file_without_force(project_copy: Path, tmp_path: Path) -> None:
    """`draft --output PATH` keeps an existing PATH (a reviewed annotation, or any file) unless
    --force says to replace it; a new path is written."""
    source_id = "006_881c97e2585dccbe"
    reviewed = project_copy / "build" / "annotations" / f"{source_id}.yaml"
    mine = tmp_path / "thesis.tex"
    mine.write_text("my own work\n")
    before = reviewed.read_bytes()
    for output in (str(reviewed), str(mine)):
        done = subprocess.run(
            [COMMAND, "draft", source_id, "--root", project_copy, "--output", output],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 1, done.stderr
        assert "exists: pass --force" in done.stderr
    assert reviewed.read_bytes() == before and mine.read_text() == "my own work\n"
    fresh = tmp_path / "draft.yaml"
    done = subprocess.run(
        [COMMAND, "draft", source_id, "--root", project_copy, "--output", fresh],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert fresh.read_text().startswith("# Draft annotations")
    forced = subprocess.run(
        [COMMAND, "draft", source_id, "--root", project_copy, "--output", mine, "--force"],
        capture_output=True,
        text=True,
    )
    assert forced.returncode == 0 and mine.read_text().startswith("# Draft annotations")


def test_cache_clear_deletes_only_what_download_wrote(mirror: tuple[str, dict[str, str]]) -> None:
    """A cache folder shared with other files: `cache clear` removes the release it unpacked
    and its zip, and a killed download's staging folder, never a folder or file it did not
    write ("2024" is not a version; "1.0.0" without the completion marker is not its own)."""
    url, env = mirror
    cache = Path(env[fetch.CACHE_ENV])
    assert run("download", OTHER, "--base-url", url, env=env).returncode == 0
    theirs = [cache / "2024" / "notes.txt", cache / "1.0.0" / "keep.txt"]
    theirs += [cache / "downloads" / "other.zip", cache / ".hidden" / "x"]
    for path in theirs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("not the package's", encoding="utf-8")
    # a staging folder left by a killed download: marked by a process that is gone
    from sino_russian_patrols.unpack import STAGING

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    stale = cache / f".{OTHER}-abc123"
    stale.mkdir()
    (stale / STAGING).write_text(dead + "\n", encoding="utf-8")
    (stale / "datapackage.json").write_text("{}", encoding="utf-8")

    cleared = run("cache", "clear", env=env)
    assert cleared.returncode == 0, cleared.stderr
    assert not (cache / OTHER).exists() and not stale.exists()
    assert not any(
        p.name.endswith(".zip") and p.name != "other.zip" for p in (cache / "downloads").iterdir()
    )
    for path in theirs:
        assert path.read_text(encoding="utf-8") == "not the package's", path
    named = run("cache", "clear", "2024", env=env)  # a folder named like a version
    assert "not in the cache" in named.stdout and (cache / "2024" / "notes.txt").exists()
