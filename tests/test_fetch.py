"""download(): fetched over real HTTP from 127.0.0.1, verified, unpacked safely, cached.

Extra versions are registered through $SINO_RUSSIAN_PATROLS_REGISTRY (a registry file whose
versions are added to the shipped ones) and the cache is a temporary folder
($SINO_RUSSIAN_PATROLS_CACHE), so nothing here touches the user's cache or the network.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import resource as rlimits
import shutil
import signal
import subprocess
import sys
import threading
import time
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import polars as pl
import pytest

import sino_russian_patrols as srp
from sino_russian_patrols import fetch as dl  # the module; the package exports `download`
from sino_russian_patrols.release import EXTRA_FILES, write_data_zip

ROOT = Path(__file__).resolve().parents[1]
VERSION = "0.0.9"  # a version the package does not ship


def installed_events() -> int:
    """The number of events of the installed (committed) package."""
    return pl.read_parquet(ROOT / "dataset" / "parquet" / "events.parquet").height


@dataclass
class Server:
    """A real HTTP server on an ephemeral port, serving `files` and logging every GET."""

    url: str
    files: dict[str, bytes] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    trickle: float | None = None  # seconds between single bytes, for a server that stalls
    trickle_headers: bool = False  # the status line and headers too, a byte at a time


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            body = state.files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            if state.trickle_headers:  # never silent long enough for requests' read timeout
                head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n\r\n".encode()
                for i in range(len(head)):
                    try:
                        self.wfile.write(head[i : i + 1])
                        self.wfile.flush()
                    except OSError:
                        return
                    time.sleep(state.trickle or 0.1)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if state.trickle is None:
                self.wfile.write(body)
                return
            for i in range(min(len(body), 200)):  # a byte at a time, until the client leaves
                try:
                    self.wfile.write(body[i : i + 1])
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(state.trickle)

        def log_message(self, *args: object) -> None:  # keep the test output clean
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/releases/v{{version}}/"
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache and an empty extra registry; returns the registry file."""
    monkeypatch.setenv(dl.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(dl.BASE_URL_ENV, raising=False)
    registry = tmp_path / "registry.json"
    registry.write_text(json.dumps({"releases": {}}), encoding="utf-8")
    monkeypatch.setenv(dl.REGISTRY_ENV, str(registry))
    return registry


def register(
    registry: Path,
    version: str,
    data: bytes,
    *,
    sha: str | None = None,
    unpacked: int | None = None,
) -> None:
    """Add `version` (the zip `data`) to the extra registry; `unpacked`: its unpacked_bytes."""
    reg = json.loads(registry.read_text(encoding="utf-8"))
    reg["releases"][version] = {
        "file": dl.data_zip_name(version),
        "sha256": sha or hashlib.sha256(data).hexdigest(),
    }
    if unpacked is not None:
        reg["releases"][version]["unpacked_bytes"] = unpacked
    registry.write_text(json.dumps(reg), encoding="utf-8")


@pytest.fixture(scope="module")
def release_zip(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A data zip of version 0.0.9: the real package with one event fewer."""
    package = tmp_path_factory.mktemp("package")
    shutil.copytree(ROOT / "dataset", package / "dataset")
    shutil.copytree(ROOT / "docs", package / "docs")
    events = package / "dataset" / "parquet" / "events.parquet"
    pl.read_parquet(events).head(installed_events() - 1).write_parquet(events)
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["version"] = VERSION
    for resource in descriptor["resources"]:  # the descriptor vouches for the new file
        if resource["parquet"]["path"] == "dataset/parquet/events.parquet":
            data = events.read_bytes()
            resource["parquet"]["bytes"] = len(data)
            resource["parquet"]["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (package / "CHANGELOG.md").write_text(f"# Changelog\n\n## {VERSION} - 2020-01-01\n")
    (package / "CITATION.cff").write_text(f"cff-version: 1.2.0\nversion: {VERSION}\n")
    for name in EXTRA_FILES:  # the other files a data zip carries (licence, data card...)
        if not (package / name).exists():
            (package / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, package / name)
    out = package / dl.data_zip_name(VERSION)
    write_data_zip(package, out, VERSION)
    return out.read_bytes()


def serve(server: Server, version: str, data: bytes) -> str:
    path = f"/releases/v{version}/{dl.data_zip_name(version)}"
    server.files[path] = data
    return path


def test_download_verifies_unpacks_and_loads(server: Server, env: Path, release_zip: bytes) -> None:
    register(env, VERSION, release_zip)
    serve(server, VERSION, release_zip)
    folder = dl.download(VERSION, base_url=server.url)
    assert (folder / "datapackage.json").is_file()
    assert folder.is_relative_to(Path(dl.cache_dir()))
    assert json.loads((folder / "datapackage.json").read_bytes())["version"] == VERSION
    assert len(server.requests) == 1

    # load(version=...) reads the cached release: one event fewer than the installed one.
    assert srp.load("events", version=VERSION).height == installed_events() - 1
    assert srp.load("events").height == installed_events()
    assert srp.path("events", version=VERSION).is_relative_to(folder)
    assert srp.describe("events", version=VERSION).height > 0
    assert len(server.requests) == 1


def test_a_killed_download_s_staging_folder_is_removed_by_the_next_one(
    server: Server, env: Path, release_zip: bytes
) -> None:
    """A download killed while it unpacks leaves its staging folder; the next download
    removes it, and leaves alone the staging folder of a download still running."""
    cache = dl.cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    make = (
        "import sys, time; from pathlib import Path; from sino_russian_patrols import unpack\n"
        "print(unpack._made_folder(Path(sys.argv[1]), '.x-'), flush=True)\n"
        "if sys.argv[2] == 'live': time.sleep(120)\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", make, str(cache), "killed"], capture_output=True, text=True
    )
    assert killed.returncode == 0, killed.stderr
    left = Path(killed.stdout.strip())  # its process is gone: nothing will finish it
    running = subprocess.Popen(
        [sys.executable, "-c", make, str(cache), "live"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert running.stdout is not None
        busy = Path(running.stdout.readline().strip())
        register(env, VERSION, release_zip)
        serve(server, VERSION, release_zip)
        assert (dl.download(VERSION, base_url=server.url) / "datapackage.json").is_file()
        assert not left.exists()
        assert busy.is_dir()  # a running download's folder is its own
    finally:
        running.kill()
        running.wait()


def test_second_call_is_served_from_the_cache(
    server: Server, env: Path, release_zip: bytes
) -> None:
    register(env, VERSION, release_zip)
    serve(server, VERSION, release_zip)
    first = dl.download(VERSION, base_url=server.url)
    server.files.clear()  # the server could not answer a second request
    second = dl.download(VERSION, base_url=server.url)
    assert first == second
    assert len(server.requests) == 1


def test_base_url_from_the_environment(
    server: Server, env: Path, release_zip: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    register(env, VERSION, release_zip)
    serve(server, VERSION, release_zip)
    monkeypatch.setenv(dl.BASE_URL_ENV, server.url)
    assert srp.load("events", version=VERSION).height == installed_events() - 1


def test_tampered_file_is_refused_and_not_kept(
    server: Server, env: Path, release_zip: bytes
) -> None:
    register(env, VERSION, release_zip)
    tampered = bytearray(release_zip)
    tampered[len(tampered) // 2] ^= 0xFF
    serve(server, VERSION, bytes(tampered))
    with pytest.raises(dl.ChecksumError) as caught:
        dl.download(VERSION, base_url=server.url)
    message = str(caught.value)
    assert VERSION in message
    assert hashlib.sha256(release_zip).hexdigest() in message
    assert not any(dl.cache_dir().rglob("*.zip"))
    assert not (dl.cache_dir() / VERSION).exists()


def test_missing_file_names_url_and_version(server: Server, env: Path, release_zip: bytes) -> None:
    register(env, VERSION, release_zip)
    with pytest.raises(dl.DownloadError) as caught:
        dl.download(VERSION, base_url=server.url)
    message = str(caught.value)
    assert "404" in message
    assert VERSION in message
    assert server.url.replace("{version}", VERSION) + dl.data_zip_name(VERSION) in message


def test_unknown_version_lists_the_known_ones(env: Path, release_zip: bytes) -> None:
    register(env, VERSION, release_zip)
    with pytest.raises(dl.UnknownVersionError) as caught:
        dl.download("7.7.7")
    message = str(caught.value)
    assert "'7.7.7'" in message
    assert VERSION in message
    for shipped in dl.registry(env)["releases"]:
        assert shipped in message
    with pytest.raises(ValueError, match=r"7\.7\.7"):
        srp.load("events", version="7.7.7")


@pytest.mark.parametrize(
    ("entry", "symlink"),
    [
        ("../evil.txt", False),
        ("sino-russian-patrols-data-0.0.9/../../evil.txt", False),
        ("/tmp/evil.txt", False),
        ("evil-link", True),
    ],
)
def test_zip_slip_entry_is_refused(
    server: Server, env: Path, release_zip: bytes, tmp_path: Path, entry: str, symlink: bool
) -> None:
    bad = tmp_path / "bad.zip"
    shutil.copyfile(_zip_file(tmp_path, release_zip), bad)
    with zipfile.ZipFile(bad, "a") as archive:
        info = zipfile.ZipInfo(entry, date_time=(1980, 1, 1, 0, 0, 0))
        info.create_system = 3
        info.external_attr = (0o120777 if symlink else 0o100644) << 16
        archive.writestr(info, "../../../../etc/passwd" if symlink else "pwned")
    data = bad.read_bytes()
    register(env, VERSION, data)
    serve(server, VERSION, data)
    with pytest.raises(dl.UnsafeArchiveError, match="refusing zip entry"):
        dl.download(VERSION, base_url=server.url)
    cache = dl.cache_dir()
    assert not (cache / VERSION).exists()
    assert not (cache.parent / "evil.txt").exists()
    assert not (tmp_path / "evil.txt").exists()
    assert [p.name for p in cache.iterdir()] == ["downloads"]  # no staging left behind


def _zip_file(folder: Path, data: bytes) -> Path:
    file = folder / "good.zip"
    file.write_bytes(data)
    return file


def test_extra_registry_cannot_change_a_shipped_checksum(env: Path) -> None:
    shipped = json.loads((Path(dl.__file__).parent / dl.REGISTRY_FILE).read_text("utf-8"))
    if not shipped["releases"]:
        pytest.skip("the shipped registry is empty")
    version = next(iter(shipped["releases"]))
    register(env, version, b"something else")
    with pytest.raises(dl.DownloadError, match="already registered"):
        dl.registry()


def test_shipped_registry_is_well_formed() -> None:
    shipped = dl.read_registry_file(Path(dl.__file__).parent / dl.REGISTRY_FILE)
    for version, entry in shipped["releases"].items():
        assert entry["file"] == dl.data_zip_name(version)
        assert all(c in "0123456789abcdef" for c in entry["sha256"])
        assert entry["unpacked_bytes"] > 0  # the cap on what its download may unpack
    # No public host is recorded yet: an address must then be given explicitly.
    assert shipped["base_url"] is None or "{version}" in shipped["base_url"]


def test_download_without_an_address_says_how_to_give_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(dl.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(dl.BASE_URL_ENV, raising=False)
    shipped = dl.read_registry_file(Path(dl.__file__).parent / dl.REGISTRY_FILE)
    if shipped["base_url"] is not None:
        pytest.skip("the shipped registry records a download address")
    version = next(iter(shipped["releases"]))
    with pytest.raises(
        dl.DownloadError,
        match=r"base_url= in Python, --base-url on the command line.*SINO_RUSSIAN_PATROLS_BASE_URL",
    ):
        dl.download(version)


def test_cache_dir_default_and_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(dl.CACHE_ENV, str(tmp_path / "here"))
    assert dl.cache_dir() == tmp_path / "here"
    monkeypatch.delenv(dl.CACHE_ENV)
    import platformdirs

    assert dl.cache_dir() == Path(platformdirs.user_cache_dir("sino-russian-patrols", False))


def test_installed_version_needs_no_download(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> Path:
        raise AssertionError("the installed version must not be downloaded")

    monkeypatch.setattr(dl, "download", refuse)
    assert srp.load("events", version=srp.__version__).height == installed_events()


@pytest.mark.parametrize(
    ("version", "entry", "message"),
    [
        ("../../x", {"file": "x.zip", "sha256": "a" * 64}, "not a version number"),
        ("1.0.0", {"file": "x.zip", "sha256": "A" * 64}, "64 lowercase hex digits"),
        ("1.0.0", {"file": "../x.zip", "sha256": "a" * 64}, "a plain file name"),
        ("1.0.0", {"sha256": "a" * 64}, "needs 'file'"),
        ("1.0.0", {"file": "x.zip", "sha256": "a" * 64, "unpacked_bytes": -1}, "unpacked_bytes"),
        ("1.0.0", {"file": "x.zip", "sha256": "a" * 64, "unpacked_bytes": True}, "unpacked_bytes"),
        ("1.0.0", {"file": "x.zip", "sha256": "a" * 64, "unpacked_bytes": 10**30}, "from 1 to"),
        ("1.0.0", {"file": "..", "sha256": "a" * 64}, "a plain file name"),
        ("1.0.0", {"file": "", "sha256": "a" * 64}, "a plain file name"),
        ("1.0.0", {"file": "a\0b.zip", "sha256": "a" * 64}, "a plain file name"),
        ("1.0.0", {"file": "a\x1b[2J.zip", "sha256": "a" * 64}, "a plain file name"),
        ("1.0.0", {"file": "a" * 300 + ".zip", "sha256": "a" * 64}, "at most 200"),
        ("1.0.0\0", {"file": "x.zip", "sha256": "a" * 64}, "not a version number"),
    ],
)
def test_a_malformed_registry_is_refused(
    env: Path, version: str, entry: dict[str, str], message: str
) -> None:
    env.write_text(json.dumps({"releases": {version: entry}}), encoding="utf-8")
    with pytest.raises(dl.DownloadError, match=message):
        dl.download(version)


# -- the cache re-checks -------------------------------------------------------------------


def cached(version: str = VERSION) -> Path:
    """The unpacked release folder in the cache (the zip's single top folder)."""
    return dl.cache_dir() / version / dl.data_zip_name(version).removesuffix(".zip")


def tamper(file: Path) -> None:
    """Flip one byte, keeping the size. The pause first lets the file's modification time
    move on even on a coarse file-system clock, as it would for a change made later on."""
    time.sleep(0.03)
    data = bytearray(file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    file.write_bytes(bytes(data))


def downloaded(server: Server, env: Path, release_zip: bytes) -> Path:
    """Release VERSION served, registered with its unpacked size, and downloaded once."""
    with zipfile.ZipFile(io.BytesIO(release_zip)) as archive:
        unpacked = sum(i.file_size for i in archive.infolist())
    register(env, VERSION, release_zip, unpacked=unpacked)
    serve(server, VERSION, release_zip)
    return dl.download(VERSION, base_url=server.url)


@pytest.mark.parametrize(
    "name", ["dataset/parquet/events.parquet", "dataset/csv/events.csv", "datapackage.json"]
)
def test_a_tampered_cached_file_is_repaired_from_the_cached_zip(
    server: Server, env: Path, release_zip: bytes, name: str
) -> None:
    folder = downloaded(server, env, release_zip)
    original = (folder / name).read_bytes()
    tamper(folder / name)
    assert srp.load("events", version=VERSION).height == installed_events() - 1
    assert (folder / name).read_bytes() == original
    assert len(server.requests) == 1  # unpacked again from the verified zip, not downloaded


def _shorten_events_and_vouch(folder: Path) -> None:
    """Cut the cached events.parquet to one row and rewrite the descriptor to vouch for it."""
    events = folder / "dataset" / "parquet" / "events.parquet"
    time.sleep(0.03)  # the mtime moves on: the per-process hash memo sees a new file
    pl.read_parquet(events).head(1).write_parquet(events)
    descriptor = json.loads((folder / "datapackage.json").read_bytes())
    for resource in descriptor["resources"]:
        if resource["name"] == "events":
            resource["parquet"]["bytes"] = events.stat().st_size
            resource["parquet"]["hash"] = (
                "sha256:" + hashlib.sha256(events.read_bytes()).hexdigest()
            )
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


def test_a_tampered_descriptor_cannot_vouch_for_a_tampered_table(
    server: Server, env: Path, release_zip: bytes
) -> None:
    folder = downloaded(server, env, release_zip)
    events = folder / "dataset" / "parquet" / "events.parquet"
    original = events.read_bytes()
    _shorten_events_and_vouch(folder)
    assert srp.load("events", version=VERSION).height == installed_events() - 1
    assert events.read_bytes() == original


def test_a_tampered_file_and_zip_are_downloaded_again(
    server: Server, env: Path, release_zip: bytes
) -> None:
    folder = downloaded(server, env, release_zip)
    tamper(folder / "dataset" / "parquet" / "events.parquet")
    tamper(dl.cache_dir() / "downloads" / dl.data_zip_name(VERSION))
    assert dl.download(VERSION, base_url=server.url) == folder
    assert len(server.requests) == 2
    assert (dl.cache_dir() / "downloads" / dl.data_zip_name(VERSION)).read_bytes() == release_zip
    assert pl.read_parquet(folder / "dataset" / "parquet" / "events.parquet").height == (
        installed_events() - 1
    )


@pytest.mark.parametrize("damage", ["deleted", "truncated", "old marker"])
def test_an_emptied_cache_entry_recovers(
    server: Server, env: Path, release_zip: bytes, damage: str
) -> None:
    folder = downloaded(server, env, release_zip)
    files = [p for p in folder.rglob("*") if p.is_file()]
    if damage == "old marker":  # written by earlier versions: the descriptor is unvouched
        (dl.cache_dir() / VERSION / ".complete").write_text(VERSION + "\n", encoding="utf-8")
    for file in files if damage != "old marker" else []:
        if damage == "deleted":
            file.unlink()
        else:
            file.write_bytes(b"")
    assert (dl.cache_dir() / VERSION / ".complete").is_file()
    assert srp.load("events", version=VERSION).height == installed_events() - 1
    assert all(file.stat().st_size > 0 for file in files)
    assert len(server.requests) == 1
    assert sorted(p.name for p in dl.cache_dir().iterdir()) == [VERSION, "downloads"]


def test_a_damaged_cache_without_an_address_says_how_to_fix_it(
    server: Server, env: Path, release_zip: bytes
) -> None:
    folder = downloaded(server, env, release_zip)
    (dl.cache_dir() / "downloads" / dl.data_zip_name(VERSION)).unlink()
    events = folder / "dataset" / "csv" / "events.csv"
    original = events.read_bytes()
    tamper(events)
    with pytest.raises(dl.DownloadError) as caught:
        srp.load("events", version=VERSION)  # no base_url: the repair cannot download
    message = str(caught.value)
    assert str(events) in message
    assert f"clear_cache('{VERSION}')" in message
    assert "base_url=" in message
    assert dl.BASE_URL_ENV in message
    # Given an address, the same call repairs it.
    assert dl.download(VERSION, base_url=server.url) == folder
    assert events.read_bytes() == original


# -- a download has a deadline ---------------------------------------------------------------


@pytest.mark.parametrize("how", ["argument", "environment"])
def test_a_trickling_server_meets_the_total_deadline(
    server: Server,
    env: Path,
    release_zip: bytes,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    register(env, VERSION, release_zip)
    path = serve(server, VERSION, release_zip)
    server.trickle = 0.1  # one byte every 0.1 s: never silent long enough for a read timeout
    if how == "environment":
        monkeypatch.setenv(dl.TIMEOUT_ENV, "0.5")
    start = time.monotonic()
    with pytest.raises(dl.DownloadError) as caught:
        dl.download(VERSION, base_url=server.url, timeout=0.5 if how == "argument" else None)
    assert time.monotonic() - start < 5
    message = str(caught.value)
    assert server.url.replace("/releases/v{version}/", "") + path in message
    assert "deadline of 0.5 s" in message
    assert dl.TIMEOUT_ENV in message
    assert not any(p.is_file() for p in dl.cache_dir().rglob("*"))  # no partial file kept


def test_a_server_trickling_its_headers_meets_the_total_deadline(
    server: Server, env: Path, release_zip: bytes
) -> None:
    """The headers a byte every 0.1 s: requests' timeouts between reads never expire, the
    total deadline does, and nothing is left in the cache, then or later."""
    register(env, VERSION, release_zip)
    serve(server, VERSION, release_zip)
    server.trickle_headers, server.trickle = True, 0.1
    start = time.monotonic()
    with pytest.raises(dl.DownloadError, match=r"deadline of 0\.5 s"):
        dl.download(VERSION, base_url=server.url, timeout=0.5)
    assert time.monotonic() - start < 3
    time.sleep(1.5)  # the worker may still hear from the server: it writes nothing
    assert not any(p.is_file() for p in dl.cache_dir().rglob("*"))


@pytest.mark.parametrize("value", ["soon", "0", "-3", "inf"])
def test_a_wrong_deadline_is_refused(
    env: Path, release_zip: bytes, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    register(env, VERSION, release_zip)
    monkeypatch.setenv(dl.TIMEOUT_ENV, value)
    with pytest.raises(dl.DownloadError, match="seconds"):
        dl.download(VERSION, base_url="http://127.0.0.1:9/")


def test_progressbar_without_tqdm_warns_and_downloads(
    server: Server, env: Path, release_zip: bytes
) -> None:
    register(env, VERSION, release_zip)
    serve(server, VERSION, release_zip)
    try:
        import tqdm  # noqa: F401
    except ImportError:
        with pytest.warns(UserWarning, match="tqdm"):
            folder = dl.download(VERSION, base_url=server.url, progressbar=True)
    else:
        folder = dl.download(VERSION, base_url=server.url, progressbar=True)
    assert (folder / "datapackage.json").is_file()


# -- the unpacked size is capped ------------------------------------------------------------

BOMB_BYTES = 2 << 30  # 2 GiB of zeros in a zip of about 2 MB


def add_raw_member(zip_file: Path, name: str, stream: bytes, size: int, crc: int) -> None:
    """Append a deflated member whose compressed `stream` is given, declaring `size` and
    `crc` in its headers (true or not), without compressing anything here."""
    with zipfile.ZipFile(zip_file, "a") as archive:
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.file_size, info.compress_size, info.CRC = size, len(stream), crc
        info.header_offset = archive.start_dir
        archive.fp.seek(archive.start_dir)
        archive.fp.write(info.FileHeader(zip64=size > zipfile.ZIP64_LIMIT))
        archive.fp.write(stream)
        archive.start_dir = archive.fp.tell()
        archive.filelist.append(info)
        archive.NameToInfo[name] = info
        archive._didModify = True


def zeros_deflated(size: int) -> tuple[bytes, int]:
    """The deflate stream of `size` zero bytes (a multiple of 16 MiB), and their CRC-32."""
    block = bytes(16 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    one = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size // len(block)):
        crc = zlib.crc32(block, crc)
    return one * (size // len(block)) + compressor.flush(), crc


@pytest.fixture(scope="module")
def bomb_zip(release_zip: bytes, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The real release plus a member of 2 GiB of zeros: a zip of about 2 MB."""
    file = tmp_path_factory.mktemp("bomb") / "bomb.zip"
    file.write_bytes(release_zip)
    stream, crc = zeros_deflated(BOMB_BYTES)
    add_raw_member(file, "sino-russian-patrols-data-0.0.9/zeros.bin", stream, BOMB_BYTES, crc)
    return file.read_bytes()


def honest_size(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(i.file_size for i in archive.infolist())


def test_a_zip_bomb_is_refused_before_unpacking(
    server: Server, env: Path, release_zip: bytes, bomb_zip: bytes
) -> None:
    assert len(bomb_zip) < 4 << 20 and honest_size(bomb_zip) > BOMB_BYTES
    # The registry records the genuine release's size; the bomb sits in the cache folder
    # (as a hand-copied file would), so only the unpacking stands in its way.
    register(env, VERSION, bomb_zip, unpacked=honest_size(release_zip))
    zip_file = dl.cache_dir() / "downloads" / dl.data_zip_name(VERSION)
    zip_file.parent.mkdir(parents=True)
    zip_file.write_bytes(bomb_zip)
    with pytest.raises(dl.UnsafeArchiveError, match="declare") as caught:
        dl.download(VERSION)
    assert str(zip_file) in str(caught.value)
    assert f"{honest_size(release_zip):,} bytes" in str(caught.value)
    assert sorted(p.name for p in dl.cache_dir().iterdir()) == ["downloads"]
    # Served, the same zip is larger than its release can be: it is not even kept.
    zip_file.unlink()
    serve(server, VERSION, bomb_zip)
    with pytest.raises(dl.DownloadError, match="more than"):
        dl.download(VERSION, base_url=server.url)
    assert not any(p.is_file() for p in dl.cache_dir().rglob("*"))


def test_a_zip_bomb_without_a_recorded_size_meets_the_fixed_cap(
    server: Server, env: Path, bomb_zip: bytes
) -> None:
    register(env, VERSION, bomb_zip)  # an entry without unpacked_bytes
    serve(server, VERSION, bomb_zip)
    with pytest.raises(dl.UnsafeArchiveError, match="declare") as caught:
        dl.download(VERSION, base_url=server.url)
    assert dl.data_zip_name(VERSION) in str(caught.value)
    assert f"{dl.DEFAULT_UNPACKED_CAP:,} bytes" in str(caught.value)
    assert not (dl.cache_dir() / VERSION).exists()


def test_a_zip_that_lies_about_its_sizes_is_refused(
    server: Server, env: Path, release_zip: bytes, tmp_path: Path
) -> None:
    """A member declaring 1,000 bytes whose data expands to 16 MiB: never written whole."""
    liar = tmp_path / "liar.zip"
    liar.write_bytes(release_zip)
    stream, crc = zeros_deflated(16 << 20)
    add_raw_member(liar, "sino-russian-patrols-data-0.0.9/small.bin", stream, 1000, crc)
    data = liar.read_bytes()
    register(env, VERSION, data, unpacked=honest_size(data))
    serve(server, VERSION, data)
    with pytest.raises(dl.UnsafeArchiveError, match="lies") as caught:
        dl.download(VERSION, base_url=server.url)
    assert dl.data_zip_name(VERSION) in str(caught.value)
    assert sorted(p.name for p in dl.cache_dir().iterdir()) == ["downloads"]


# -- a cache folder that cannot be written ---------------------------------------------------


@pytest.mark.parametrize("where", ["a file", "under /proc", "read-only /sys"])
def test_an_unwritable_cache_says_where_and_how_to_fix_it(
    server: Server,
    env: Path,
    release_zip: bytes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    if where == "a file":
        cache = tmp_path / "cache-file"
        cache.write_text("not a folder\n", encoding="utf-8")
    else:
        cache = Path("/proc/self/srp-cache" if where == "under /proc" else "/sys/srp-cache")
    monkeypatch.setenv(dl.CACHE_ENV, str(cache))
    register(env, VERSION, release_zip)
    serve(server, VERSION, release_zip)
    with pytest.raises(dl.DownloadError) as caught:
        dl.download(VERSION, base_url=server.url)
    message = str(caught.value)
    assert f"download cache {cache}" in message
    assert f"set ${dl.CACHE_ENV}" in message


CHILD = """
import sys
from sino_russian_patrols.fetch import DownloadError, download
try:
    download(sys.argv[1])
except DownloadError as exc:
    print(exc, file=sys.stderr)
    sys.exit(1)
"""


def run_with_file_size_limit(limit: int) -> subprocess.CompletedProcess[str]:
    """Download VERSION in a child process that may write no file larger than `limit` bytes:
    writes beyond it fail with EFBIG, as on a full disk (SIGXFSZ ignored, so no kill)."""

    def limit_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        rlimits.setrlimit(rlimits.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-c", CHILD, VERSION],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit_files,
    )


@pytest.mark.parametrize("step", ["download", "unpack"])
def test_a_full_cache_says_where_and_how_to_fix_it(
    server: Server,
    env: Path,
    release_zip: bytes,
    monkeypatch: pytest.MonkeyPatch,
    step: str,
) -> None:
    register(env, VERSION, release_zip)
    serve(server, VERSION, release_zip)
    monkeypatch.setenv(dl.BASE_URL_ENV, server.url)
    zip_file = dl.cache_dir() / "downloads" / dl.data_zip_name(VERSION)
    if step == "unpack":  # the zip is there: the unpacked files are what does not fit
        zip_file.parent.mkdir(parents=True)
        zip_file.write_bytes(release_zip)
    done = run_with_file_size_limit(4096)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert f"download cache {dl.cache_dir()}" in done.stderr
    assert "File too large" in done.stderr
    assert dl.CACHE_ENV in done.stderr
    assert not (dl.cache_dir() / VERSION).exists()
    # With room again, the same cache works, and nothing half-written is left in it.
    assert srp.load("events", version=VERSION).height == installed_events() - 1
    assert sorted(p.name for p in dl.cache_dir().iterdir()) == [VERSION, "downloads"]
    assert sorted(p.name for p in zip_file.parent.iterdir()) == [zip_file.name]


def test_a_cache_rewritten_whole_is_caught_by_the_registrys_descriptor_hash(
    server: Server, env: Path, release_zip: bytes, tmp_path: Path
) -> None:
    """Marker, descriptor and table all rewritten to agree with each other: the registry that
    ships with the package records the descriptor's sha256, so the copy is still repaired."""
    from sino_russian_patrols.unpack import COMPLETE, descriptor_sha256

    (tmp_path / "release.zip").write_bytes(release_zip)
    folder = downloaded(server, env, release_zip)
    reg = json.loads(env.read_text(encoding="utf-8"))
    reg["releases"][VERSION]["datapackage_sha256"] = descriptor_sha256(tmp_path / "release.zip")
    env.write_text(json.dumps(reg), encoding="utf-8")
    events = folder / "dataset" / "parquet" / "events.parquet"
    original = events.read_bytes()
    _shorten_events_and_vouch(folder)
    marker_file = dl.cache_dir() / VERSION / COMPLETE
    marker = json.loads(marker_file.read_text(encoding="utf-8"))
    marker["datapackage_sha256"] = hashlib.sha256(
        (folder / "datapackage.json").read_bytes()
    ).hexdigest()
    marker_file.write_text(json.dumps(marker) + "\n", encoding="utf-8")
    assert srp.load("events", version=VERSION).height == installed_events() - 1
    assert events.read_bytes() == original


def test_the_shipped_registry_records_each_releases_descriptor_hash() -> None:
    for version, entry in dl.registry()["releases"].items():
        assert len(entry.get("datapackage_sha256", "")) == 64, version


@pytest.mark.parametrize(
    ("text", "message"),
    [("[" * 100_000 + "]" * 100_000, "nested too deeply"), ("\ufeff\udc80", "not UTF-8")],
)
def test_a_registry_nested_too_deep_or_not_utf8_is_refused(
    env: Path, text: str, message: str
) -> None:
    env.write_bytes(text.encode("utf-8", "surrogateescape"))
    with pytest.raises(dl.DownloadError, match=message):
        dl.download(VERSION)


def _served_badly(status: int, headers: dict[str, str], body: bytes) -> Iterator[str]:
    """A server that answers every GET with `status`, `headers` and `body` (whatever the
    headers claim), then closes the connection."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value.replace("{port}", str(httpd.server_address[1])))
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.mark.parametrize(
    ("status", "headers", "body", "message"),
    [
        (200, {"Content-Length": "100000"}, b"PK" * 10, "IncompleteRead"),
        (200, {"Content-Encoding": "gzip", "Content-Length": "40"}, b"\x1f\x8b" * 20, "gzip"),
        (200, {"Content-Type": "text/html", "Content-Length": "6"}, b"<html>", "sha256"),
        (301, {"Location": "/again", "Content-Length": "0"}, b"", "TooManyRedirects"),
        (301, {"Location": "file:///etc/passwd", "Content-Length": "0"}, b"", "InvalidSchema"),
        (500, {"Content-Length": "0"}, b"", "HTTP 500"),
    ],
)
def test_a_misbehaving_server_gets_a_message_not_a_traceback(
    env: Path, release_zip: bytes, status: int, headers: dict[str, str], body: bytes, message: str
) -> None:
    register(env, VERSION, release_zip)
    for url in _served_badly(status, headers, body):
        with pytest.raises(dl.DownloadError, match=message):
            dl.download(VERSION, base_url=url)
    assert not (dl.cache_dir() / VERSION).exists()


def _rewrite(
    release_zip: bytes, tmp_path: Path, change: Callable[[dict[str, bytes]], None]
) -> bytes:
    """The release zip with its members (name -> bytes) changed by `change`."""
    with zipfile.ZipFile(io.BytesIO(release_zip)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


def _descriptor(members: dict[str, bytes]) -> str:
    return next(n for n in members if n.endswith("/datapackage.json"))


def _set_descriptor(value: object) -> Callable[[dict[str, bytes]], None]:
    def change(members: dict[str, bytes]) -> None:
        name = _descriptor(members)
        if callable(value):
            descriptor = json.loads(members[name])
            descriptor.update(value(descriptor))
            members[name] = json.dumps(descriptor).encode()
        else:
            members[name] = value if isinstance(value, bytes) else json.dumps(value).encode()

    return change


def _add(
    name: str, data: bytes = b"x", mode: int | None = None
) -> Callable[[dict[str, bytes]], None]:
    def change(members: dict[str, bytes]) -> None:
        top = _descriptor(members).split("/")[0]
        members[f"{top}/{name}"] = data

    return change


HOSTILE_ZIPS = {
    "descriptor_not_json": (_set_descriptor(b"{not json"), "is not valid JSON"),
    "descriptor_nested_100000_deep": (
        _set_descriptor(b"[" * 100_000 + b"]" * 100_000),
        "nested too deeply",
    ),
    "descriptor_a_list": (_set_descriptor([1]), "lists no resources"),
    "resources_not_a_list": (_set_descriptor(lambda d: {"resources": "x"}), "lists no resources"),
    "resource_path_a_number": (
        _set_descriptor(lambda d: {"resources": [{"name": "x", "path": 5}]}),
        "is not a relative path inside the release",
    ),
    "resource_path_with_nul": (
        _set_descriptor(lambda d: {"resources": [{"name": "x", "path": "a\0b", "bytes": 1}]}),
        "is not a relative path inside the release",
    ),
    "resource_path_absolute": (
        _set_descriptor(lambda d: {"resources": [{"name": "x", "path": "/etc/passwd"}]}),
        "is not a relative path inside the release",
    ),
    "resource_path_out_of_the_folder": (
        _set_descriptor(lambda d: {"resources": [{"name": "x", "path": "../../../../etc/passwd"}]}),
        "is not a relative path inside the release",
    ),
    "a_file_where_a_folder_goes": (_add("dataset"), "it cannot be a file of the release"),
    "a_name_of_300_characters": (_add("a" * 300), "it cannot be a file of the release"),
    "two_top_folders": (
        lambda m: m.__setitem__("other/datapackage.json", b"{}"),
        "holds no datapackage.json",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_ZIPS))
def test_a_hostile_release_zip_is_refused_with_a_message(
    server: Server, env: Path, release_zip: bytes, tmp_path: Path, case: str
) -> None:
    change, message = HOSTILE_ZIPS[case]
    data = _rewrite(release_zip, tmp_path, change)
    register(env, VERSION, data)
    serve(server, VERSION, data)
    with pytest.raises(dl.DownloadError, match=re.escape(message)):
        dl.download(VERSION, base_url=server.url)
    assert not (dl.cache_dir() / VERSION).exists()


def _zip_with(release_zip: bytes, add: Callable[[zipfile.ZipFile, str], None]) -> bytes:
    out = io.BytesIO(release_zip)
    with zipfile.ZipFile(out, "a") as archive:
        add(archive, archive.namelist()[0].split("/")[0])
    return out.getvalue()


def _member(name: str, mode: int) -> Callable[[zipfile.ZipFile, str], None]:
    def add(archive: zipfile.ZipFile, top: str) -> None:
        info = zipfile.ZipInfo(f"{top}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
        info.create_system = 3
        info.external_attr = mode << 16
        archive.writestr(info, b"")

    return add


def _many(archive: zipfile.ZipFile, top: str) -> None:
    for i in range(10_001):
        archive.writestr(zipfile.ZipInfo(f"{top}/x/{i}", (1980, 1, 1, 0, 0, 0)), b"")


@pytest.mark.parametrize(
    ("add", "message"),
    [
        (_member("fifo", 0o010644), "it is not a file or a folder"),
        (_member("device", 0o020644), "it is not a file or a folder"),
        (_member("datapackage.json", 0o100644), "is in the zip twice"),
        (_many, "more than the 10,000 a release can have"),
    ],
    ids=["fifo", "device", "duplicate_descriptor", "10001_members"],
)
def test_special_duplicate_and_countless_members_are_refused(
    server: Server,
    env: Path,
    release_zip: bytes,
    add: Callable[[zipfile.ZipFile, str], None],
    message: str,
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name it is told to write
        data = _zip_with(release_zip, add)
    register(env, VERSION, data)
    serve(server, VERSION, data)
    with pytest.raises(dl.UnsafeArchiveError, match=re.escape(message)):
        dl.download(VERSION, base_url=server.url)
    assert not (dl.cache_dir() / VERSION).exists()
