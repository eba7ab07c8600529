"""The data ships inside the wheel: a fresh virtual environment with only the wheel (and its
dependencies) installed loads every table offline, from outside the source tree.

Slow (about 20 s: a wheel build, a venv and an install from the configured index), but part
of the default run: it is the only test that sees the package as users get it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import polars as pl

import sino_russian_patrols as srp

ROOT = Path(__file__).resolve().parents[1]

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
    "heavy": sorted(m for m in ("pandas", "pandera", "frictionless") if m in sys.modules),
}))
"""


def _clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env = {k: v for k, v in env.items() if not k.startswith("SINO_RUSSIAN_PATROLS")}
    env["SINO_RUSSIAN_PATROLS_CACHE"] = str(tmp_path / "cache")
    return env


def test_fresh_venv_with_the_wheel_loads_every_table_offline(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = dist.glob("sino_russian_patrols-*.whl")

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
    python = env_dir / "bin" / "python"
    env = _clean_env(tmp_path)
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-c", str(ROOT / "constraints.txt"),
         str(wheel)],
        capture_output=True, text=True, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert install.returncode == 0, install.stdout + install.stderr

    run = subprocess.run(
        [str(python), "-c", OFFLINE_LOAD], capture_output=True, text=True, cwd=tmp_path, env=env
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
