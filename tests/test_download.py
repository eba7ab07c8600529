"""download(): fetched over real HTTP from 127.0.0.1, verified, unpacked safely, cached.

Extra versions are registered through $SINO_RUSSIAN_PATROLS_REGISTRY (a registry file whose
versions are added to the shipped ones) and the cache is a temporary folder
($SINO_RUSSIAN_PATROLS_CACHE), so nothing here touches the user's cache or the network.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import shutil
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import polars as pl
import pytest

import sino_russian_patrols as srp
from sino_russian_patrols.release import EXTRA_FILES, write_data_zip

# The module, even if the package re-exports the function `download` under the same name.
dl = importlib.import_module("sino_russian_patrols.download")

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
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

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


def register(registry: Path, version: str, data: bytes, *, sha: str | None = None) -> None:
    reg = json.loads(registry.read_text(encoding="utf-8"))
    reg["releases"][version] = {
        "file": dl.data_zip_name(version),
        "sha256": sha or hashlib.sha256(data).hexdigest(),
    }
    registry.write_text(json.dumps(reg), encoding="utf-8")


@pytest.fixture(scope="module")
def release_zip(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A data zip of version 0.0.9: the real package with one event fewer."""
    package = tmp_path_factory.mktemp("package")
    shutil.copytree(ROOT / "dataset", package / "dataset")
    shutil.copytree(ROOT / "docs", package / "docs")
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["version"] = VERSION
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    events = package / "dataset" / "parquet" / "events.parquet"
    pl.read_parquet(events).head(installed_events() - 1).write_parquet(events)
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
    with pytest.raises(dl.DownloadError, match=r"pass base_url=.*SINO_RUSSIAN_PATROLS_BASE_URL"):
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
    ],
)
def test_a_malformed_registry_is_refused(
    env: Path, version: str, entry: dict[str, str], message: str
) -> None:
    env.write_text(json.dumps({"releases": {version: entry}}), encoding="utf-8")
    with pytest.raises(dl.DownloadError, match=message):
        dl.download(version)
