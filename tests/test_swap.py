"""The swap of a new dataset is atomic in effect: a build killed at any step of it leaves the
old complete package or the new complete one (never a mix, never none, no stray folder),
builds of one project run one at a time, and a build that fails leaves the dataset as it was.

The kills are real: a child process counts every call of the swap that changes the file
system (creating the journal, renames, replaces, mkdir, each unlink and rmdir of a tree
removal) and sends itself SIGKILL at call number k, for k = 0, 1, ... until a swap
completes.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import package_hashes
from sino_russian_patrols import swap
from sino_russian_patrols.errors import BuildError
from sino_russian_patrols.pipeline import build

ROOT = Path(__file__).resolve().parents[1]
SWAP_PY = ROOT / "src" / "sino_russian_patrols" / "swap.py"
_PACKAGE = ["dataset", "datapackage.json", "docs"]  # what the swap changes in a project
_USES = ("load", "validate", "build")

# Run in a child: count the file-system changes of `swap_in`, SIGKILL at call number k.
# mode "swap": swap the staged package in (swap.py alone, loaded from its file: fast);
# mode "build": a whole `build`, whose swap is counted the same way.
KILLER = r"""
import importlib.util, os, shutil, signal, sys
from pathlib import Path

root, k, mode = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
calls, active = 0, False

def counted(fn):
    def wrapper(*args, **kwargs):
        global calls
        if active:
            if calls == k:
                os.kill(os.getpid(), signal.SIGKILL)
            calls += 1
        return fn(*args, **kwargs)
    return wrapper

for name in ("rename", "replace", "mkdir", "unlink", "remove", "rmdir", "link"):
    setattr(os, name, counted(getattr(os, name)))
shutil.rmtree = counted(shutil.rmtree)
real_open = os.open
def open_(path, flags, *args, **kwargs):
    return (counted(real_open) if flags & os.O_CREAT else real_open)(path, flags, *args, **kwargs)
os.open = open_

if mode == "swap":
    # named in its package, so that its imports of the package resolve
    spec = importlib.util.spec_from_file_location("sino_russian_patrols.swap", sys.argv[4])
    swap = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(swap)
    stage = next(root.glob(swap.STAGE_PREFIX + "*"))
    with swap.build_lock(root):
        active = True
        swap.swap_in(stage, root)
else:
    from sino_russian_patrols import pipeline
    real_swap_in = pipeline.swap_in
    def swap_in(stage, root):
        global active
        active = True
        real_swap_in(stage, root)
    pipeline.swap_in = swap_in
    pipeline.build(root)
"""

# Run in a fresh child whose package is the copy's own src/: load (which reads the copy as
# its checkout), then validate one crashed copy and build another, as a user would.
VERIFIER = r"""
import contextlib, io, json, sys
import sino_russian_patrols as srp
from sino_russian_patrols.cli import main

found = {"load_root": str(srp.data_root()), "events": srp.load("events").height}
runs = {"validate": ["validate", sys.argv[1]], "build": ["build", "--root", sys.argv[2]]}
for key, argv in runs.items():
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        found[key] = main(argv)
    found[key + "_stderr"] = err.getvalue()
print(json.dumps(found))
"""


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    return target


def _git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _strays(folder: Path, *, git: bool = True) -> list[str]:
    """What a swap may leave behind, on disk and in `git status`: none after recovery."""
    locks = (swap.LOCK_NAME, swap.READ_LOCK_NAME)  # kept: removing one would split its holders
    on_disk = [p.name for p in folder.glob(".dataset*") if p.name not in locks]
    if not git:
        return on_disk
    status = _git(folder, "status", "--porcelain", "--untracked-files=all").splitlines()
    return on_disk + [line for line in status if line.startswith("??")]


@pytest.fixture(scope="module")
def sides(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A project (a git checkout with its src/) whose inputs differ from its built dataset,
    the packages before and after its build, and the stage of that build, complete."""
    tmp = tmp_path_factory.mktemp("swap")
    base = tmp / "base"
    base.mkdir()
    for name in ("build", "schema", "dataset", "docs"):
        shutil.copytree(ROOT / name, base / name)
    shutil.copytree(ROOT / "src", base / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("datapackage.json", ".gitignore"):
        shutil.copy2(ROOT / name, base / name)
    actors = base / "build" / "registries" / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    assert '  name: "Russia"\n' in text
    actors.write_text(text.replace('  name: "Russia"\n', '  name: "Russian Federation"\n'))
    _git(base, "init", "-q")
    _git(base, "add", "-A")
    _git(base, "commit", "-qm", "before")
    old = package_hashes(base)
    reference = _copy(base, tmp / "reference")
    build(reference)
    new = package_hashes(reference)
    assert new != old and new.keys() == old.keys()
    # A whole build killed at the first change its swap makes: the stage is complete.
    staged = _copy(base, tmp / "staged")
    done = _kill(staged, 0, "build")
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert package_hashes(staged) == old and not (staged / swap.JOURNAL_NAME).exists()
    (stage,) = staged.glob(swap.STAGE_PREFIX + "*")
    assert package_hashes(stage) == new
    return {
        "base": base,
        "stage": stage,
        "old": old,
        "new": new,
        "codebook": (reference / "docs" / "codebook.md").read_bytes(),
    }


def _kill(root: Path, k: int, mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", KILLER, str(root), str(k), mode, str(SWAP_PY)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def _side(folder: Path | None, old: dict[str, str], new: dict[str, str]) -> str:
    if folder is None or not folder.exists():
        return "-"
    package = package_hashes(folder)
    return {json.dumps(old): "old", json.dumps(new): "new"}.get(json.dumps(package), "partial")


def _shape(root: Path, old: dict[str, str], new: dict[str, str]) -> tuple[str, ...]:
    """Which package each folder holds: the kind of state a kill left, not its details."""
    stage = next(root.glob(swap.STAGE_PREFIX + "*"), None)
    previous = next(root.glob(swap.OLD_PREFIX + "*"), None)
    return (
        "journal" if (root / swap.JOURNAL_NAME).exists() else "-",
        "tmp" if (root / (swap.JOURNAL_NAME + ".tmp")).exists() else "-",
        _side(root, old, new),
        _side(stage, old, new),
        _side(previous, old, new),
    )


@pytest.mark.slow
def test_a_swap_killed_at_every_step_leaves_the_old_or_the_new_package(
    sides: dict[str, object], tmp_path: Path
) -> None:
    base, stage = Path(str(sides["base"])), Path(str(sides["stage"]))
    old, new = sides["old"], sides["new"]
    assert isinstance(old, dict) and isinstance(new, dict)
    running: list[tuple[tuple[str, ...], Path, subprocess.Popen[str]]] = []
    verified: set[tuple[str, ...]] = set()
    k = 0
    while True:
        crashed = tmp_path / f"k{k}"  # what the swap touches: the package, docs, the stage
        for name in ("dataset", "docs"):
            shutil.copytree(base / name, crashed / name)
        shutil.copy2(base / "datapackage.json", crashed / "datapackage.json")
        shutil.copytree(stage, crashed / stage.name)
        done = _kill(crashed, k, "swap")
        if done.returncode == 0:
            assert package_hashes(crashed) == new and _strays(crashed, git=False) == []
            break
        assert done.returncode == -signal.SIGKILL, (k, done.stderr)
        shape = _shape(crashed, old, new)
        # Read-only readers: one whole side, found without changing anything.
        untouched = package_hashes(crashed)
        assert package_hashes(swap._complete_side(crashed)) in (old, new), (k, shape)
        assert package_hashes(crashed) == untouched
        if shape not in verified:  # each kind of state once through real commands
            verified.add(shape)
            while len(running) >= 2:
                _check_fresh_processes(*running.pop(0), sides)
            prefix = tmp_path / f"k{k}-"
            running.append((shape, prefix, _start_fresh_processes(base, crashed, prefix)))
        shutil.rmtree(crashed)
        k += 1
    for shape, prefix, process in running:
        _check_fresh_processes(shape, prefix, process, sides)
    # Every change the swap makes was a kill point: the journal, the moves, the removals.
    assert k > 10, k
    assert {s[0] for s in verified} == {"journal", "-"}


def _start_fresh_processes(base: Path, crashed: Path, prefix: Path) -> subprocess.Popen[str]:
    """The next load, validate and build, each on its own copy of the state a kill left."""
    copies = []
    for use in _USES:
        target = Path(f"{prefix}{use}")
        shutil.copytree(
            base, target, symlinks=True, ignore=lambda d, _: _PACKAGE if Path(d) == base else []
        )
        for entry in crashed.iterdir():
            (shutil.copytree if entry.is_dir() else shutil.copy2)(entry, target / entry.name)
        copies.append(target)
    return subprocess.Popen(
        [sys.executable, "-c", VERIFIER, str(copies[1]), str(copies[2])],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(copies[0] / "src")},
        cwd=copies[0],
    )


def _check_fresh_processes(
    shape: tuple[str, ...], prefix: Path, process: subprocess.Popen[str], sides: dict[str, object]
) -> None:
    old, new = sides["old"], sides["new"]
    to_load, to_validate, to_build = (Path(f"{prefix}{use}") for use in _USES)
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, (shape, stderr)
    found = json.loads(stdout.splitlines()[-1])
    assert Path(found["load_root"]) == to_load, shape
    assert found["events"] > 0
    assert found["validate"] == 0, (shape, found["validate_stderr"])
    assert found["build"] == 0, (shape, found["build_stderr"])
    assert "Error" not in found["build_stderr"] + found["validate_stderr"], shape
    assert package_hashes(to_load) in (old, new), shape
    assert package_hashes(to_validate) in (old, new), shape
    assert package_hashes(to_build) == new, shape
    assert (to_build / "docs" / "codebook.md").read_bytes() == sides["codebook"], shape
    for folder in (to_load, to_validate, to_build):
        assert _strays(folder) == [], (shape, folder.name)
        shutil.rmtree(folder)


@pytest.mark.slow
def test_concurrent_builds_of_one_project_run_one_after_the_other(
    sides: dict[str, object], tmp_path: Path
) -> None:
    project = _copy(Path(str(sides["base"])), tmp_path / "project")
    command = [sys.executable, "-m", "sino_russian_patrols", "build", "--root", str(project)]
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    waited = [e for e in errors if f"another build of {project} is running (pid " in e]
    assert len(waited) == 1, errors
    assert "waiting for it to finish" in waited[0]
    assert not any("Traceback" in e or "OSError" in e for e in errors), errors
    assert package_hashes(project) == sides["new"]
    assert _strays(project) == []


def test_a_build_gives_up_waiting_with_a_clear_message(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from sino_russian_patrols import swap\n"
            "with swap.build_lock(Path(sys.argv[1])):\n    print('held', flush=True)\n"
            "    time.sleep(60)",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        assert (tmp_path / swap.LOCK_NAME).read_text().strip() == str(holder.pid)
        started = time.monotonic()
        refused = pytest.raises(swap.SwapError, match=rf"another build .*\(pid {holder.pid}\)")
        with refused, swap.build_lock(tmp_path, timeout=0.5, poll=0.05):
            pass
        assert time.monotonic() - started >= 0.5
    finally:
        holder.kill()
        holder.wait()
    with swap.build_lock(tmp_path):  # the holder is gone: the lock is free again
        assert (tmp_path / swap.LOCK_NAME).read_text().strip() == str(os.getpid())


@pytest.mark.parametrize("step", ["codebook", "validation"])
def test_a_build_that_fails_after_staging_leaves_the_dataset_byte_identical(
    sides: dict[str, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    project = _copy(Path(str(sides["base"])), tmp_path / "project")
    before = package_hashes(project)
    codebook = (project / "docs" / "codebook.md").read_bytes()
    if step == "codebook":

        def fail(*_: object) -> None:
            raise RuntimeError("the codebook step failed")

        monkeypatch.setattr("sino_russian_patrols.codebook.write_codebook", fail)
        with pytest.raises(RuntimeError, match="codebook step"):
            build(project)
    else:
        from sino_russian_patrols import pipeline

        real = pipeline.write_descriptor

        def write_then_corrupt(stage: Path, schema_dir: Path) -> None:
            real(stage, schema_dir)  # the stage's events.csv then no longer matches its hash
            with (stage / "dataset" / "csv" / "events.csv").open("a", encoding="utf-8") as f:
                f.write("an,extra,row\n")

        monkeypatch.setattr(pipeline, "write_descriptor", write_then_corrupt)
        with pytest.raises(BuildError, match="built dataset"):
            build(project)
    assert package_hashes(project) == before
    assert (project / "docs" / "codebook.md").read_bytes() == codebook
    assert _strays(project) == []


def test_recovery_removes_the_folders_of_a_killed_build(tmp_path: Path) -> None:
    (tmp_path / (swap.STAGE_PREFIX + "x") / "dataset").mkdir(parents=True)
    (tmp_path / (swap.OLD_PREFIX + "123") / "dataset").mkdir(parents=True)
    (tmp_path / (swap.JOURNAL_NAME + ".tmp")).write_text("{")
    swap.recover(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [swap.LOCK_NAME]


def test_a_journal_that_is_not_a_builds_is_refused_by_name(package_copy: Path) -> None:
    (package_copy / swap.JOURNAL_NAME).write_text('{"stage": "../elsewhere", "old": 1}')
    with pytest.raises(swap.SwapError, match=r"\.dataset-swap\.json: not a journal"):
        swap.recover(package_copy)
    done = subprocess.run(
        [sys.executable, "-m", "sino_russian_patrols", "validate", str(package_copy)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "not a journal written by a build" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_move_that_stops_midway_says_the_next_command_finishes_it(
    sides: dict[str, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """An OS error during the moves (not a kill): the command says the new dataset is not yet
    in place, not that the previous one is unchanged, and the next build finishes the swap."""
    from sino_russian_patrols.cli import main

    project = _copy(Path(str(sides["base"])), tmp_path / "project")
    real = os.replace
    calls = {"n": 0}

    def replace_once_then_fail(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(swap.os, "replace", replace_once_then_fail)
    assert main(["build", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert "the new dataset is complete but not yet in place" in err
    assert "previous dataset is unchanged" not in err and "No space left" in err
    assert (project / swap.JOURNAL_NAME).exists()
    monkeypatch.setattr(swap.os, "replace", real)
    assert main(["build", "--root", str(project)]) == 0
    assert package_hashes(project) == sides["new"] and _strays(project) == []


@pytest.mark.slow
def test_validate_given_the_descriptor_path_finishes_a_journaled_swap(
    sides: dict[str, object], tmp_path: Path
) -> None:
    """After a build killed while its swap had moved datapackage.json aside, `validate
    path/to/datapackage.json` finishes the swap, as it does for the project folder, instead
    of saying "no such file"."""
    from sino_russian_patrols.api import validate

    base, stage = Path(str(sides["base"])), Path(str(sides["stage"]))
    for k in range(40):
        crashed = tmp_path / f"k{k}"
        for name in ("dataset", "docs"):
            shutil.copytree(base / name, crashed / name)
        shutil.copy2(base / "datapackage.json", crashed / "datapackage.json")
        shutil.copytree(stage, crashed / stage.name)
        done = _kill(crashed, k, "swap")
        moved = not (crashed / "datapackage.json").exists()
        if done.returncode == -signal.SIGKILL and moved and (crashed / swap.JOURNAL_NAME).exists():
            report = validate(crashed / "datapackage.json")
            assert report.valid, report.text()
            assert (crashed / "datapackage.json").is_file()
            assert not (crashed / swap.JOURNAL_NAME).exists()
            assert package_hashes(crashed) == sides["new"]
            return
        shutil.rmtree(crashed)
    pytest.fail("no kill point left datapackage.json moved aside under a journal")
