"""Replace the built dataset of a project atomically in effect, one build at a time.

A build writes its complete, validated package (`dataset/`, `datapackage.json`, `docs/`) to
a staging folder `<root>/.dataset-staging-*`. Until the swap begins nothing in the project
has changed, so a build that fails or is killed before it leaves the dataset as it was.

The swap first writes an intent journal, `<root>/.dataset-swap.json` (a temporary file,
fsynced, then renamed: it exists whole or not at all), naming the stage and the folder that
receives the old package, `<root>/.dataset-old-*`. Then, by renames only: the old
`datapackage.json` and `dataset/` move into the old folder, the new `dataset/`,
`datapackage.json` and docs move into the project, and the old folder, the stage and the
journal are removed. At every instant one side is whole in one folder: the new package in
the stage until its first part moves, the old package in the old folder from then on, the
new package in the project once its parts have moved. A swap cut short (a crash, SIGKILL,
power loss after the journal reached the disk) is rolled forward by `recover`: each step
checks whether it is done already, so recovery can itself be interrupted and repeated.
With no journal, `recover` removes the stray staging and old folders a killed build left.

Builds are serialized by `fcntl.flock` on `<root>/.dataset.lock`, which holds the holder's
pid. A second build says on stderr that another build (pid N) is running and waits for it,
for at most `LOCK_TIMEOUT` seconds (10 minutes), then gives up with a SwapError (the build
command exits 1 and the dataset is unchanged). Recovery takes the lock too, so it never
touches a running build's stage. Readers (`validate`, `load`) do not take the lock unless a
journal is present: a reader running while a swap is in progress is not isolated from it.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import PatrolsError

LOCK_NAME = ".dataset.lock"
JOURNAL_NAME = ".dataset-swap.json"
STAGE_PREFIX = ".dataset-staging-"
OLD_PREFIX = ".dataset-old-"
LOCK_TIMEOUT = 600.0  # seconds a build waits for another one before it gives up
_PACKAGE = ("datapackage.json", "dataset")  # what a reader needs, in one folder
_held: set[Path] = set()  # roots whose lock this process holds (the lock is reentrant)


class SwapError(PatrolsError):
    """The swap cannot proceed: the lock is held too long, or the journal is unreadable; the
    dataset cannot be read until it is fixed (exit code 2)."""

    exit_code = 2


class SwapInterrupted(SwapError):
    """Moving a complete new dataset into place stopped midway; the journal records it, so the
    next build, validate or load finishes the swap (the dataset is not the previous one)."""


def new_stage(root: Path) -> Path:
    """A fresh, empty staging folder in `root` (same filesystem, so moves are renames)."""
    return Path(tempfile.mkdtemp(dir=root, prefix=STAGE_PREFIX))


@contextlib.contextmanager
def build_lock(root: Path, *, timeout: float = LOCK_TIMEOUT, poll: float = 0.2) -> Iterator[None]:
    """Hold the build lock of `root`; wait (saying so on stderr) while another process has it.

    Raises SwapError when the other holder keeps it longer than `timeout` seconds. The lock
    file stays in place (removing it would let two processes lock two different files).
    """
    root = root.resolve()
    if root in _held:
        yield
        return
    path = root / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _try_lock(fd):
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            if timeout <= 0:
                raise SwapError(f"{path}: another build of this project (pid {holder}) runs")
            print(
                f"another build of {root} is running (pid {holder}); waiting for it to finish "
                f"(at most {timeout:.0f} s)",
                file=sys.stderr,
                flush=True,
            )
            deadline = time.monotonic() + timeout
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    raise SwapError(
                        f"{path}: another build of this project (pid {holder}) still runs after "
                        f"{timeout:.0f} s of waiting; try again when it has finished"
                    )
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        _held.add(root)
        try:
            yield
        finally:
            _held.discard(root)
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing the last descriptor releases the lock


def _try_lock(fd: int) -> bool:
    import fcntl  # POSIX only: imported by the build, never by `load` on an installed package

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EACCES):
            return False
        raise
    return True


def swap_in(stage: Path, root: Path) -> None:
    """Replace the package of `root` by the one in `stage`; the caller holds the build lock.

    `stage` must be complete and valid: the journal written here tells `recover` to finish
    the swap from any point, and recovery never looks at the stage's contents again.
    """
    files = sorted(
        p.relative_to(stage).as_posix()
        for p in stage.rglob("*")
        if p.is_file() and p.relative_to(stage).parts[0] != "dataset"
    )
    journal = {
        "stage": stage.name,
        "old": OLD_PREFIX + stage.name.removeprefix(STAGE_PREFIX),
        "files": files,
    }
    _sync_tree(stage)  # the stage is on disk before the journal says it is complete
    _write_atomically(root / JOURNAL_NAME, json.dumps(journal, indent=1) + "\n")
    try:
        _roll_forward(root, journal)
    except OSError as exc:
        raise SwapInterrupted(
            f"{root}: moving the new dataset into place stopped ({exc}); {JOURNAL_NAME} records "
            "the swap, and the next build, validate or load finishes it"
        ) from None


def discard_stage(root: Path, stage: Path) -> None:
    """Remove the stage of a build that stopped before its swap began (no journal names it)."""
    journal = _read_journal(root)
    if journal is None or journal["stage"] != stage.name:
        shutil.rmtree(stage, ignore_errors=True)


def recover(root: Path) -> None:
    """Finish an interrupted swap of `root`, or remove the stray folders of a killed build."""
    with build_lock(root):
        recover_locked(root)


def recover_locked(root: Path) -> None:
    """`recover`, for a caller that holds the build lock already."""
    journal = _read_journal(root)
    if journal is not None:
        _roll_forward(root, journal)
        return
    for stray in _strays(root):
        if stray.is_dir() and not stray.is_symlink():
            shutil.rmtree(stray)
        else:
            stray.unlink()


def _strays(root: Path) -> list[Path]:
    """What a build killed before its journal was whole leaves behind."""
    temporary = _temporary(root / JOURNAL_NAME)
    found = [*root.glob(STAGE_PREFIX + "*"), *root.glob(OLD_PREFIX + "*")]
    return [*found, temporary] if temporary.exists() else found


def readable_package(path: Path) -> Path:
    """Where to read the package at `path` (a project folder or its datapackage.json).

    Without a journal: `path` itself (a writable folder is rid of a killed build's strays
    when no build runs). With one, the interrupted swap is finished first when the folder is
    writable; otherwise the folder holding a whole side (old or new) is named, in the form
    `path` was given in.
    """
    folder = path.parent if path.name == "datapackage.json" else path
    journal = (folder / JOURNAL_NAME).is_file()
    if not journal and not _strays(folder):
        return path
    if _writable(folder):
        if journal:  # waits for a build that is swapping right now
            recover(folder)
        else:  # the stray folders of a killed build; a running build's stage is left alone
            with contextlib.suppress(SwapError), build_lock(folder, timeout=0):
                recover_locked(folder)
        return path
    if not journal:
        return path
    side = _complete_side(folder)
    return side / "datapackage.json" if path.name == "datapackage.json" else side


def _writable(folder: Path) -> bool:
    """Recovery may run here: a writable folder, never inside an installed package."""
    return os.access(folder, os.W_OK) and "site-packages" not in folder.resolve().parts


def _complete_side(root: Path) -> Path:
    """The folder that holds one whole package while a swap is cut short (read-only)."""
    journal = _read_journal(root)
    if journal is None:  # finished meanwhile
        return root
    stage, old = root / journal["stage"], root / journal["old"]
    if all((stage / name).exists() for name in _PACKAGE):
        return stage
    if not any((stage / name).exists() for name in _PACKAGE):
        return root
    if all((old / name).exists() for name in _PACKAGE):
        return old
    raise SwapError(
        f"{root / JOURNAL_NAME}: a swap of the dataset was interrupted and neither the old nor "
        "the new package is whole; run `sino-russian-patrols build` in this folder"
    )


def _roll_forward(root: Path, journal: dict[str, object]) -> None:
    """Do each remaining step of the swap the journal describes; done steps are skipped."""
    stage, old = root / str(journal["stage"]), root / str(journal["old"])
    files = [str(f) for f in journal["files"]]  # type: ignore[attr-defined]
    new_in_stage = [name for name in _PACKAGE if (stage / name).exists()]
    if len(new_in_stage) == len(_PACKAGE):  # nothing new has moved: the old may move out
        old.mkdir(exist_ok=True)
        for name in _PACKAGE:
            if (root / name).exists():
                os.rename(root / name, old / name)
    for name in ("dataset", *files):
        if (stage / name).exists():
            if not (root / name).parent.is_dir():
                (root / name).parent.mkdir(parents=True)
            os.replace(stage / name, root / name)
    _sync_dir(root)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(stage, ignore_errors=True)
    (root / JOURNAL_NAME).unlink(missing_ok=True)
    _sync_dir(root)


def _read_journal(root: Path) -> dict[str, object] | None:
    path = root / JOURNAL_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise SwapError(f"{path}: cannot read the journal of an interrupted swap: {exc}") from None
    try:
        journal = json.loads(text)
        stage, old, files = journal["stage"], journal["old"], journal["files"]
        names_ok = (
            isinstance(stage, str)
            and isinstance(old, str)
            and stage.startswith(STAGE_PREFIX)
            and old.startswith(OLD_PREFIX)
            and "/" not in stage + old
            and isinstance(files, list)
            and all(isinstance(f, str) and _inside(f) for f in files)
        )
    except (ValueError, TypeError, KeyError):
        names_ok = False
    if not names_ok:
        raise SwapError(
            f"{path}: not a journal written by a build (it must name a {STAGE_PREFIX}* and a "
            f"{OLD_PREFIX}* folder and the files to move); remove it only if no build was "
            "interrupted, then build again"
        )
    return journal


def _inside(relative: str) -> bool:
    parts = Path(relative).parts
    return bool(parts) and not Path(relative).is_absolute() and ".." not in parts


def _temporary(path: Path) -> Path:
    return path.with_name(path.name + ".tmp")


def _write_atomically(path: Path, text: str) -> None:
    """Write `path` so that it exists whole or not at all, and is on disk when this returns."""
    temporary = _temporary(path)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temporary, path)
    _sync_dir(path.parent)


def _sync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        else:
            _sync_dir(path)
    _sync_dir(folder)


def _sync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
