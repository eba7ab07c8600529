"""The package as users get it: the wheel in a fresh virtual environment, its dependencies
resolved from the package index, used from outside the source tree.

The base install is light (at most 8 packages) and loads every table offline; each extra
enables exactly what the README says, and a feature whose extra is missing says which one to
install. Slow (a wheel build, two venvs, an install per extra; pip's cache is shared), so
marked `slow`: the only tests that see the package as users get it.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType

import polars as pl
import pytest

import sino_russian_patrols as srp
from sino_russian_patrols.extras import install_hint
from sino_russian_patrols.release import data_files, write_data_zip
from sino_russian_patrols.unpack import unpacked_size

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
MAX_BASE_PACKAGES = 8
HEAVY = ("pandas", "pyarrow", "pandera", "frictionless", "yaml", "pooch", "requests", "duckdb")


def _bench_install() -> ModuleType:
    """benchmarks/bench_install.py: the wheel, venv and install steps it measures."""
    spec = importlib.util.spec_from_file_location(
        "bench_install", ROOT / "benchmarks" / "bench_install.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench_install()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bench.build_wheel(tmp_path_factory.mktemp("dist"))


OFFLINE_LOAD = """
import json, socket, sys

def refuse(*args, **kwargs):
    raise OSError("network access is disabled in this test")

socket.socket.connect = refuse
socket.create_connection = refuse

import sino_russian_patrols as srp

print(json.dumps({
    "file": srp.__file__,
    "root": str(srp.data_root()),
    "version": srp.__version__,
    "rows": {name: srp.load(name).height for name in srp.tables()},
    "csv_rows": {name: len(srp.path(name, "csv").read_text("utf-8").splitlines()) - 1
                 for name in ("events", "places", "actor_aliases")},
    "wide": srp.load("events_wide").height,
    "alaska": "2024-07-24-alaska-joint-air-patrol" in srp.load("events")["event_id"].to_list(),
    "describe": srp.describe("events").height,
    "heavy": sorted(m for m in sys.argv[1:] if m in sys.modules),
}))
"""


def test_fresh_venv_with_the_wheel_loads_every_table_offline(wheel: Path, tmp_path: Path) -> None:
    env = bench.clean_env()
    env["SINO_RUSSIAN_PATROLS_CACHE"] = str(tmp_path / "cache")
    env_dir = tmp_path / "venv"
    python = bench.create_venv(env_dir)
    bench.pip_install(python, wheel, env=env)
    packages = bench.installed(python)
    assert len(packages) <= MAX_BASE_PACKAGES, sorted(packages)
    assert "sino-russian-patrols" in packages
    assert not {"pandera", "PyYAML", "pooch", "requests", "pycountry"} & set(packages)

    run = subprocess.run(
        [str(python), "-c", OFFLINE_LOAD, *HEAVY],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    site = env_dir.resolve()
    assert Path(result["file"]).resolve().is_relative_to(site)
    assert Path(result["root"]).resolve().is_relative_to(site)
    assert not Path(result["root"]).resolve().is_relative_to(ROOT)
    assert result["version"] == srp.__version__
    expected = {
        name: pl.read_parquet(ROOT / "dataset" / "parquet" / f"{name}.parquet").height
        for name in srp.tables()
    }
    assert result["rows"] == expected
    assert result["rows"]["events"] > 0
    assert all(result["csv_rows"][name] == expected[name] for name in result["csv_rows"])
    assert result["wide"] == expected["events"]  # one row per event
    assert result["alaska"] is True
    assert result["describe"] > 0
    assert result["heavy"] == []

    # The command is installed too, and the shipped data validates where it was installed.
    validate = subprocess.run(
        [str(env_dir / "bin" / "sino-russian-patrols"), "validate", "--format", "json"],
        capture_output=True, text=True, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert validate.returncode == 0, validate.stdout + validate.stderr
    report = json.loads(validate.stdout)
    assert report["valid"] is True
    assert Path(report["path"]).resolve().is_relative_to(site)


# Features used from Python; each prints "ok" or the error that names the missing extra.
PROBE = """
import json, sys
import sino_russian_patrols as srp

def attempt(feature):
    try:
        feature()
    except ImportError as exc:
        return str(exc)
    return "ok"

def sql():
    assert srp.connect().sql("SELECT count(*) FROM events").fetchall()[0][0] > 0

features = {
    "pandas": lambda: srp.load("aircraft", backend="pandas").shape,
    "pyarrow": lambda: srp.load("aircraft", backend="pyarrow").num_rows,
    "sql": sql,
    "download": lambda: srp.load("events", version=sys.argv[1]).height,
}
print(json.dumps({name: attempt(feature) for name, feature in features.items()}))
"""
VERSION = "0.0.1"  # a release known only to the test's registry, served on 127.0.0.1


@pytest.fixture
def release_server(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A data zip of this dataset as release VERSION, served over HTTP; the environment
    that points a package at it."""
    package = tmp_path / "package"  # this dataset, labelled VERSION
    for name in data_files(ROOT):
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, package / name)
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    (package / "datapackage.json").write_text(json.dumps({**descriptor, "version": VERSION}))
    served = tmp_path / "served"
    zip_file = served / f"sino-russian-patrols-data-{VERSION}.zip"
    sha = write_data_zip(package, zip_file, VERSION)
    entry = {"file": zip_file.name, "sha256": sha, "unpacked_bytes": unpacked_size(zip_file)}
    registry = tmp_path / "registry.json"
    registry.write_text(json.dumps({"base_url": None, "releases": {VERSION: entry}}), "utf-8")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(served))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield {
            "SINO_RUSSIAN_PATROLS_REGISTRY": str(registry),
            "SINO_RUSSIAN_PATROLS_BASE_URL": f"http://127.0.0.1:{server.server_port}/",
            "SINO_RUSSIAN_PATROLS_CACHE": str(tmp_path / "cache"),
        }
    finally:
        server.shutdown()
        server.server_close()


# What each extra enables, as the README says; `pandas` brings pyarrow too.
ENABLES = {
    "pyarrow": {"pyarrow"},
    "pandas": {"pandas", "pyarrow"},
    "sql": {"sql"},
    "download": {"download"},
    "validate": {"validate"},
    "build": {"build", "validate"},  # the build validates with the pandera engine
}
FEATURE_EXTRA = {"pandas": "pandas", "pyarrow": "pyarrow", "sql": "sql", "download": "download"}
FEATURE_EXTRA |= {"validate": "validate", "build": "build"}


def test_each_extra_enables_what_the_readme_says(
    wheel: Path, tmp_path: Path, release_server: dict[str, str]
) -> None:
    env = bench.clean_env() | release_server
    python = bench.create_venv(tmp_path / "venv")
    command = tmp_path / "venv" / "bin" / "sino-russian-patrols"
    project = tmp_path / "project"  # build inputs to build from, outside the source tree
    for name in ("build", "schema"):
        shutil.copytree(ROOT / name, project / name)
    work = tmp_path / "work"
    work.mkdir()

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(command), *args], capture_output=True, text=True, cwd=work, env=env
        )

    def features() -> dict[str, str]:
        probe = subprocess.run(
            [str(python), "-c", PROBE, VERSION], capture_output=True, text=True, cwd=work, env=env
        )
        assert probe.returncode == 0, probe.stderr
        found = json.loads(probe.stdout)
        for name, args in (
            ("validate", ("validate", "--engine", "pandera")),
            ("build", ("build", "--root", str(project))),
        ):
            done = cli(*args)
            assert "Traceback" not in done.stderr, done.stderr
            assert done.returncode in (0, 1), done.stderr
            found[name] = "ok" if done.returncode == 0 else done.stderr
        return found

    bench.pip_install(python, wheel, env=env)
    # Every command of the build extra says so at once, before it changes anything.
    article = work / "article.txt"
    article.write_text("Two Russian Tu-95 bombers and two Chinese H-6K flew.\n", "utf-8")
    for args in (
        ("release", "--root", str(project), "--outdir", str(work / "dist")),
        ("add-article", str(article), "--root", str(project)),
        ("draft", "001_0000000000000000", "--root", str(project), "--output", "-"),
        ("ids", "--root", str(project)),
    ):
        done = cli(*args)
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert install_hint("build") in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    assert not (work / "dist").exists()
    assert sorted(p.name for p in project.iterdir()) == ["build", "schema"]

    enabled: set[str] = set()
    for extra in (None, *ENABLES):
        if extra is not None:
            bench.pip_install(python, wheel, extra, env=env)
            enabled |= ENABLES[extra]
        found = features()
        for feature, outcome in found.items():
            if feature in enabled:
                assert outcome == "ok", (extra, feature, outcome)
            else:
                assert install_hint(FEATURE_EXTRA[feature]) in outcome, (extra, feature, outcome)
    assert (project / "datapackage.json").is_file()  # built by the last step
