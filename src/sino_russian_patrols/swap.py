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
touches a running build's stage.

Readers are isolated from the swap by a second lock, `<root>/.dataset-read.lock`: the build
lock is held for a whole build (minutes), the read lock only while files move. `reading`
holds it shared for the duration of one read of a project folder (`validate`, `diff`,
`site --package`, `load`, `load_all`, `describe`, `connect`), and the swap holds it
exclusive from before its journal is written until the journal is removed: a reader sees
the descriptor and the tables of one build, never a mix. A reader that finds a journal
under its shared lock knows its swap was killed (a live swap holds the lock exclusive), and
finishes it before it reads. A reader creates the lock file only in a writable project
folder (build/ and schema/ beside the package), the only place a build swaps; elsewhere
(an installed package, the download cache, a read-only checkout) it takes the lock if the
file is there and reads as before if not, and nothing is written into site-packages.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import PatrolsError

LOCK_NAME = ".dataset.lock"
READ_LOCK_NAME = ".dataset-read.lock"  # shared by readers, exclusive while a swap moves files
JOURNAL_NAME = ".dataset-swap.json"
STAGE_PREFIX = ".dataset-staging-"
OLD_PREFIX = ".dataset-old-"
LOCK_TIMEOUT = 600.0  # seconds a build waits for another one before it gives up
_PACKAGE = ("datapackage.json", "dataset")  # what a reader needs, in one folder
# The roots whose build lock this thread holds: the lock is reentrant for its holder only (a
# thread's build and another thread's recovery of the same project must exclude each other).
_local = threading.local()
POLL = 0.02  # seconds between two tries of the read lock (a swap holds it for milliseconds)
# folder -> [readers in this process, the descriptor holding the shared lock]: the threads
# and nested calls of one process share one lock (a second descriptor would also do, but one
# released while another reader of the process still reads would not)
_readers: dict[Path, list[int]] = {}
_readers_guard = threading.Lock()


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
    held: set[Path] = _local.__dict__.setdefault("held", set())
    if root in held:
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
        held.add(root)
        try:
            yield
        finally:
            held.discard(root)
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing the last descriptor releases the lock


def _try_lock(fd: int, *, shared: bool = False) -> bool:
    import fcntl  # POSIX only: imported by the build, never by `load` on an installed package

    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EACCES):
            return False
        raise
    return True


def _wait_for_lock(fd: int, *, shared: bool, timeout: float, poll: float) -> bool:
    """Take the lock of `fd` (shared or exclusive), trying every `poll` seconds for at most
    `timeout` seconds; False when it was not had in time.

    Polled, not blocking, so that the wait has an end whatever the holder does (a process
    stopped in a debugger holds its lock for ever).
    """
    deadline = time.monotonic() + timeout
    while not _try_lock(fd, shared=shared):
        if time.monotonic() >= deadline:
            return False
        time.sleep(poll)
    return True


def _open_read_lock(folder: Path, *, create: bool) -> int | None:
    """A descriptor of `folder`'s read lock file, or None when there is none to lock.

    Opened read-only when it exists (a shared flock needs no write access), created only when
    `create` says so. A lock file that is not a regular file (a FIFO a hostile package put
    there would block the open) is not used; neither is any on a system without flock.
    """
    try:
        import fcntl  # noqa: F401  # only to know whether locks exist here
    except ImportError:  # pragma: no cover - Windows: no flock, no lock
        return None
    path = folder / READ_LOCK_NAME
    flags = os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, os.O_RDONLY | flags)
    except FileNotFoundError:
        if not create:
            return None
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | flags, 0o644)
        except OSError:
            return None
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    return fd


@contextlib.contextmanager
def _gate(folder: Path, *, shared: bool, timeout: float) -> Iterator[None]:
    """The swap goes before readers that come after it: a swap holds the flock of the project
    folder itself exclusive while it waits for the readers and moves files, and a reader
    takes it shared for an instant before the read lock, so that a stream of readers cannot
    hold a swap off for ever. Only fairness rests on this: where a folder cannot be locked
    (a file system that refuses it) there is no gate, and the read lock alone still keeps
    every read to one build.
    """
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield
        return
    try:
        try:
            had = _try_lock(fd, shared=shared) or _wait_for_lock(
                fd, shared=shared, timeout=timeout, poll=POLL
            )
        except OSError:
            had = True  # no lock on folders here: no gate
        if not had:
            raise SwapError(
                f"{folder}: a swap of the dataset has gone on for {timeout:.0f} s; "
                + ("the dataset was not read" if shared else "the new dataset was not swapped in")
            )
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def _swapping(root: Path, *, timeout: float = LOCK_TIMEOUT, poll: float = POLL) -> Iterator[None]:
    """Hold the read lock of `root` exclusive: no reader reads while files move.

    Waits (saying so on stderr) for the readers reading now, at most `timeout` seconds, then
    raises SwapError; the caller has changed nothing yet. Readers who come meanwhile wait
    behind the swap (`_gate`).
    """
    with _gate(root, shared=False, timeout=timeout):
        fd = os.open(root / READ_LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if not _try_lock(fd):
                print(
                    f"{root} is being read; the swap of the new dataset waits for the readers "
                    f"(at most {timeout:.0f} s)",
                    file=sys.stderr,
                    flush=True,
                )
                if not _wait_for_lock(fd, shared=False, timeout=timeout, poll=poll):
                    raise SwapError(
                        f"{root / READ_LOCK_NAME}: readers of the dataset still read after "
                        f"{timeout:.0f} s of waiting; the new dataset was not swapped in"
                    )
            yield
        finally:
            os.close(fd)  # releases the lock


@contextlib.contextmanager
def reading(path: Path, *, timeout: float = LOCK_TIMEOUT) -> Iterator[Path]:
    """Where to read the package at `path` (a folder or its datapackage.json), held still:
    no swap moves its files until the `with` block ends.

    The read lock of the folder is held shared for the block (see the module's docstring);
    a swap a killed build began is finished first, outside the lock. Nested and concurrent
    readers of one folder in one process share one lock. Where no lock can be had (no lock
    file and no right to create one, no flock) this is `readable_package`, as before.
    Raises SwapError when a swap holds the lock longer than `timeout` seconds.
    """
    folder = path.parent if path.name == "datapackage.json" else path
    key = Path(os.path.realpath(folder))
    with _readers_guard:
        entry = _readers.get(key)
        if entry is not None:
            entry[0] += 1
    if entry is None:
        fd = _lock_shared(path, folder, timeout)
        if fd is None:  # unlocked, as before the lock existed (any killed swap is finished)
            yield _located(path)
            return
        with _readers_guard:
            entry = _readers.get(key)
            if entry is None:
                entry = _readers[key] = [0, fd]
            else:  # another thread took it meanwhile: share that one
                os.close(fd)
            entry[0] += 1
    try:
        yield _located(path)  # under the lock: nothing moves, and no recovery is due
    finally:
        with _readers_guard:
            entry[0] -= 1
            if entry[0] == 0:
                del _readers[key]
                os.close(entry[1])


def _lock_shared(path: Path, folder: Path, timeout: float) -> int | None:
    """The descriptor holding `folder`'s read lock shared, with no killed swap pending there;
    None when no lock can be had here (the package is then made readable as before).

    The lock is taken first: a swap that is running holds it, and its journal is gone when
    the lock is had. A journal found under the lock is a killed swap's: it is finished (under
    the build lock) before the lock is taken again.
    """
    while True:
        create = _writable(folder) and (folder / "build").is_dir() and (folder / "schema").is_dir()
        fd = _open_read_lock(folder, create=create)
        if fd is None:
            readable_package(path)
            return None
        try:
            with _gate(folder, shared=True, timeout=timeout):  # behind a swap that waits
                had = _try_lock(fd, shared=True) or _wait_for_lock(
                    fd, shared=True, timeout=timeout, poll=POLL
                )
        except BaseException:
            os.close(fd)
            raise
        if not had:
            os.close(fd)
            raise SwapError(
                f"{folder / READ_LOCK_NAME}: a swap of the dataset has held it for "
                f"{timeout:.0f} s; the dataset was not read"
            )
        if not _writable(folder):
            return fd  # nothing to finish here: read a whole side (`_located`)
        if not (folder / JOURNAL_NAME).is_file():
            _remove_strays(folder)  # no journal can appear while the lock is held shared
            return fd
        os.close(fd)
        recover(folder)  # takes the lock exclusive: released first


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
    began = False
    try:
        with _swapping(root):  # the readers of now finish before anything moves
            began = True
            _write_atomically(root / JOURNAL_NAME, json.dumps(journal, indent=1) + "\n")
            try:
                _roll_forward(root, journal)
            except OSError as exc:
                raise SwapInterrupted(
                    f"{root}: moving the new dataset into place stopped ({exc}); {JOURNAL_NAME} "
                    "records the swap, and the next build, validate or load finishes it"
                ) from None
    except SwapError:
        if not began:  # the readers held the lock too long: nothing has changed
            shutil.rmtree(stage, ignore_errors=True)
        raise


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
        with _swapping(root):
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
        else:
            _remove_strays(folder)
        return path
    return _located(path)


def _remove_strays(folder: Path) -> None:
    """Remove the stray folders of a killed build, if any, when no build runs (a running
    build's stage is left alone); the caller has seen no journal."""
    if _strays(folder):
        with contextlib.suppress(SwapError), build_lock(folder, timeout=0):
            recover_locked(folder)


def _located(path: Path) -> Path:
    """Where the package at `path` is whole, changing nothing: `path` itself, or while a
    swap is cut short the side (old or new) that one folder holds whole, in `path`'s form."""
    folder = path.parent if path.name == "datapackage.json" else path
    if not (folder / JOURNAL_NAME).is_file():
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
