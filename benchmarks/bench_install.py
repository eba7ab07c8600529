"""What does installing the package cost? Installed size and package count of the base and of
each extra, as a user gets them: the wheel in a fresh virtual environment, its dependencies
resolved from the package index.

    python benchmarks/bench_install.py [--extras pandas,sql] [--no-constraints] [--keep DIR]

Builds the wheel, then for the base and for base + each extra creates a new venv, runs
`pip install 'sino_russian_patrols-<version>-py3-none-any.whl[<extra>]'` and prints one line
per environment: the packages installed (pip and setuptools, which every venv has, left
out) and their size on disk in MB (the files of their RECORD, bytecode included). With
constraints.txt (the default) the versions are those of the development venv, so the
figures can be reproduced; --no-constraints takes the newest versions, as a user would.

The tests (tests/test_install.py) use the same functions to prove what each extra enables.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_COUNTED = frozenset({"pip", "setuptools"})  # in every venv, whatever is installed

# Runs inside a venv: every installed distribution but pip and setuptools, with its size.
_INSTALLED = f"""
import importlib.metadata as md, json, os
NOT_COUNTED = {sorted(NOT_COUNTED)!r}
found = {{}}
for dist in md.distributions():
    name = dist.metadata["Name"]
    if name.lower() in NOT_COUNTED:
        continue
    paths = (dist.locate_file(f) for f in dist.files or ())
    found[name] = sum(os.path.getsize(p) for p in paths if os.path.isfile(p))
print(json.dumps(found))
"""


def extras() -> list[str]:
    """The extras declared in pyproject.toml, in their order."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return list(project.get("optional-dependencies", {}))


def clean_env(cache: Path | None = None) -> dict[str, str]:
    """The environment for a venv's commands: no trace of the calling venv or of the
    project's settings, pip's cache shared across venvs (installing pyarrow once is enough)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env = {k: v for k, v in env.items() if not k.startswith("SINO_RUSSIAN_PATROLS")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    if cache is not None:
        env["PIP_CACHE_DIR"] = str(cache)
    return env


def build_wheel(outdir: Path, /) -> Path:
    """Build the project's wheel into `outdir` with PyPA build; its path."""
    done = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(outdir), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"building the wheel failed:\n{done.stdout}{done.stderr}")
    (wheel,) = outdir.glob("sino_russian_patrols-*.whl")
    return wheel


def create_venv(folder: Path, /) -> Path:
    """A fresh venv with pip and nothing else; its python."""
    venv.EnvBuilder(with_pip=True, system_site_packages=False, clear=True).create(folder)
    return folder / "bin" / "python"


def pip_install(
    python: Path,
    wheel: Path,
    extra: str | None = None,
    /,
    *,
    env: dict[str, str],
    constraints: bool = True,
) -> None:
    """Install the wheel (with `extra`) into the venv of `python`, dependencies resolved from
    the index; run outside the source tree so that nothing of the checkout is picked up."""
    target = f"{wheel}[{extra}]" if extra else str(wheel)
    command = [str(python), "-m", "pip", "install", "--quiet", target]
    if constraints:
        command[4:4] = ["-c", str(ROOT / "constraints.txt")]
    done = subprocess.run(
        command, capture_output=True, text=True, cwd=wheel.parent, env=env, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")


def installed(python: Path, /) -> dict[str, int]:
    """The distributions installed in the venv of `python` (pip and setuptools left out),
    with their size in bytes."""
    done = subprocess.run(
        [str(python), "-c", _INSTALLED], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extras", help="comma-separated extras (default: all of them)")
    parser.add_argument("--no-constraints", action="store_true", help="newest versions")
    parser.add_argument("--keep", type=Path, help="build the venvs here and keep them")
    args = parser.parse_args(argv)
    chosen = args.extras.split(",") if args.extras else extras()
    with tempfile.TemporaryDirectory(prefix="srp-install-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        env = clean_env(work / "pip-cache")
        wheel = build_wheel(work / "dist")
        print(f"{wheel.name}, {'newest versions' if args.no_constraints else 'constraints.txt'}")
        print(f"{'install':<12} {'packages':>8} {'MB':>8}  largest")
        for extra in [None, *chosen]:
            python = create_venv(work / f"venv-{extra or 'base'}")
            pip_install(python, wheel, extra, env=env, constraints=not args.no_constraints)
            found = installed(python)
            size = sum(found.values())
            largest = sorted(found, key=lambda n: -found[n])[:3]
            top = ", ".join(f"{n} {found[n] / 1e6:.1f}" for n in largest)
            label = "base" if extra is None else f"[{extra}]"
            print(f"{label:<12} {len(found):>8} {size / 1e6:>8.1f}  {top}", flush=True)
            if extra is None:
                print(f"{'':<12} {'':>8} {'':>8}  base packages: {', '.join(sorted(found))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
