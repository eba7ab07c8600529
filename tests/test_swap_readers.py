"""A reader never sees two builds: while it reads a project (validate, load_all, connect), the
swap of a new dataset waits, and a reader that comes while files move waits for the swap.

Two packages that differ in the first table (`sources`) and the last one (`evidence`) stand
for two builds: the readers read the descriptor first, then the tables in order, so a read
that mixed builds would show the first or the last of another build, or a hash that is not
its descriptor's. A swap needs a complete stage only, so a child swaps the two packages in
turn as fast as it can while this process reads; the deterministic tests hold one side of the
lock and watch the other wait, through events, not clocks.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

import sino_russian_patrols as srp
from helpers import package_hashes
from sino_russian_patrols import swap
from sino_russian_patrols.api import validate
from sino_russian_patrols.write import write_csv, write_descriptor, write_parquet

ROOT = Path(__file__).resolve().parents[1]
TITLE = "A title only the second build gives"
WAITED = 60  # seconds a test waits for an event that must come (a guard, never a measure)

# Run in a child: swap the two packages in turn into the project, until the stop file exists.
SWAPPER = r"""
import shutil, sys
from pathlib import Path
from sino_russian_patrols import swap

project, sides, stop = Path(sys.argv[1]), [Path(sys.argv[2]), Path(sys.argv[3])], Path(sys.argv[4])
swaps = 0
while not stop.exists() and swaps < 5000:
    side = sides[swaps % 2]
    with swap.build_lock(project):
        stage = swap.new_stage(project)
        shutil.copytree(side / "dataset", stage / "dataset")
        shutil.copy2(side / "datapackage.json", stage / "datapackage.json")
        swap.swap_in(stage, project)
    swaps += 1
print(swaps, flush=True)
"""


def _put(package: Path, name: str, frame: pl.DataFrame) -> None:
    write_csv(frame, package / "dataset" / "csv" / f"{name}.csv")
    write_parquet(frame, package / "dataset" / "parquet" / f"{name}.parquet")


@pytest.fixture
def builds(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A project holding build A (the committed package), build B (A with a title given to a
    source that has none and one evidence row of a twice-cited record dropped: valid, and
    different in the first and the last table), and B's package apart."""
    a, b = tmp_path / "a", tmp_path / "b"
    for side in (a, b):
        shutil.copytree(ROOT / "dataset", side / "dataset")
        shutil.copy2(ROOT / "datapackage.json", side / "datapackage.json")
    sources = pl.read_parquet(b / "dataset" / "parquet" / "sources.parquet")
    untitled = sources["title"].is_null().arg_true()[0]
    titles = sources["title"].scatter(untitled, TITLE)
    _put(b, "sources", sources.with_columns(titles))
    evidence = pl.read_parquet(b / "dataset" / "parquet" / "evidence.parquet").with_row_index()
    twice = pl.struct("record_table", "record_id").is_duplicated()
    dropped = evidence.filter(twice)["index"][-1]
    _put(b, "evidence", evidence.filter(pl.col("index") != dropped).drop("index"))
    write_descriptor(b, ROOT / "schema")
    project = tmp_path / "project"
    project.mkdir()
    (project / "build").mkdir()  # a project folder: its readers create the read lock
    shutil.copytree(ROOT / "schema", project / "schema")
    for name in ("dataset", "datapackage.json"):
        (shutil.copytree if (a / name).is_dir() else shutil.copy2)(a / name, project / name)
    for side in (a, b):
        assert validate(side).valid  # both builds are valid: a mix of them is not
    return project, a, b


def _which(titles: list[str | None], evidence: int, a_evidence: int) -> tuple[str, str]:
    """The build of the first table read (its titles) and of the last one (its rows)."""
    return "B" if TITLE in titles else "A", "A" if evidence == a_evidence else "B"


def _build_swap(package: Path, project: Path) -> None:
    """What a build does once its package is staged and valid: under the build lock (a stage
    without it is a killed build's, which readers remove), stage it and swap it in."""
    with swap.build_lock(project):
        stage = swap.new_stage(project)
        shutil.copytree(package / "dataset", stage / "dataset")
        shutil.copy2(package / "datapackage.json", stage / "datapackage.json")
        swap.swap_in(stage, project)


def _in_thread(work: Callable[[], object]) -> tuple[threading.Thread, list[object]]:
    """`work` started in a thread; the list receives its result or its exception."""
    out: list[object] = []

    def run() -> None:
        try:
            out.append(work())
        except BaseException as exc:  # handed to the test, which raises it
            out.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


def _watch_waits(monkeypatch: pytest.MonkeyPatch) -> dict[bool, threading.Event]:
    """Events set when a lock is found taken: [True] by a reader (shared), [False] by a swap
    or a build (exclusive)."""
    waits = {True: threading.Event(), False: threading.Event()}
    real = swap._try_lock

    def try_lock(fd: int, *, shared: bool = False) -> bool:
        had = real(fd, shared=shared)
        if not had:
            waits[shared].set()
        return had

    monkeypatch.setattr(swap, "_try_lock", try_lock)
    return waits


def test_a_swap_waits_for_the_reader_that_is_reading(
    builds: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    project, a, b = builds
    waits = _watch_waits(monkeypatch)
    with swap.reading(project) as where:
        thread, out = _in_thread(lambda: _build_swap(b, project))
        assert waits[False].wait(WAITED), "the swap never waited for the reader"
        # the swap waits, and has not begun: no journal, the reader's package is whole
        assert not (project / swap.JOURNAL_NAME).exists()
        assert where == project and package_hashes(project) == package_hashes(a)
        assert validate(project).valid  # the reader's own reads meet no lock of theirs
    thread.join(WAITED)
    assert out == [None], out
    assert package_hashes(project) == package_hashes(b)
    assert "the swap of the new dataset waits for the readers" in capsys.readouterr().err


def test_a_reader_waits_for_the_swap_that_is_moving_files(
    builds: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, _, b = builds
    waits = _watch_waits(monkeypatch)
    holding, go = threading.Event(), threading.Event()
    real = swap._write_atomically

    def write_atomically(path: Path, text: str) -> None:
        holding.set()  # the swap holds the read lock and is about to write its journal
        assert go.wait(WAITED)
        real(path, text)

    monkeypatch.setattr(swap, "_write_atomically", write_atomically)

    def read() -> dict[str, str]:
        with swap.reading(project) as where:
            return package_hashes(where)

    swapper, swapped = _in_thread(lambda: _build_swap(b, project))
    assert holding.wait(WAITED)
    reader, read_out = _in_thread(read)
    assert waits[True].wait(WAITED), "the reader never waited for the swap"
    assert read_out == []  # it waits: it has read nothing
    go.set()
    swapper.join(WAITED)
    reader.join(WAITED)
    assert swapped == [None] and read_out == [package_hashes(b)]


def test_readers_running_beside_a_swapping_build_see_one_build_each(
    builds: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Real processes: a child swaps A and B in turn while this process validates the
    project, loads every table and connects to it, again and again; each read is all A or
    all B, and every validation passes."""
    project, a, b = builds
    a_evidence = pl.read_parquet(a / "dataset" / "parquet" / "evidence.parquet").height
    loading = importlib.import_module("sino_russian_patrols.load")  # the module, not `load`
    monkeypatch.setattr(loading, "_installed_root", lambda: project)
    stop = tmp_path / "stop"
    child = subprocess.Popen(
        [sys.executable, "-c", SWAPPER, str(project), str(b), str(a), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    seen: set[str] = set()
    reads = 0
    try:
        started = time.monotonic()
        # a few seconds of reading, longer only until both builds were read (a slow start)
        while time.monotonic() - started < 3 or (len(seen) < 2 and time.monotonic() - started < 60):
            if reads % 4 == 0:  # a validation takes ten times as long as a load_all
                report = validate(project)
                assert report.valid, report.text()
            tables = srp.load_all()
            titles, evidence = tables["sources"]["title"].to_list(), tables["evidence"].height
            first, last = _which(titles, evidence, a_evidence)
            assert first == last, f"load_all read sources of {first} and evidence of {last}"
            seen.add(first)
            if reads % 8 == 0 and _has_duckdb():
                con = srp.connect()
                titles = [r[0] for r in con.sql("SELECT title FROM sources").fetchall()]
                [(evidence,)] = con.sql("SELECT count(*) FROM evidence").fetchall()
                first, last = _which(titles, evidence, a_evidence)
                assert first == last, f"connect read sources of {first} and evidence of {last}"
            reads += 1
            assert child.poll() is None, child.communicate()
    finally:
        stop.touch()
        out, err = child.communicate(timeout=WAITED)
    assert child.returncode == 0, err
    assert seen == {"A", "B"}, (seen, reads, out)  # the reads did meet swaps
    assert not (project / swap.JOURNAL_NAME).exists()


def _has_duckdb() -> bool:
    try:
        import duckdb  # noqa: F401
    except ImportError:
        return False
    return True


def _interrupted(project: Path, package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A swap of `package` into `project` stopped midway, as a kill leaves it: the journal
    written, the new dataset/ moved in, datapackage.json still in the stage."""
    real = os.replace
    calls = {"n": 0}

    def replace_twice_then_fail(src: object, dst: object) -> None:
        calls["n"] += 1  # 1: the journal; 2: dataset/; 3: datapackage.json
        if calls["n"] == 3:
            raise OSError(5, "Input/output error")
        real(src, dst)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(swap.os, "replace", replace_twice_then_fail)
        with pytest.raises(swap.SwapInterrupted):
            _build_swap(package, project)
    assert (project / swap.JOURNAL_NAME).exists()
    assert not (project / "datapackage.json").exists() and (project / "dataset").is_dir()


@pytest.mark.parametrize("entry", ["load_all", "describe", "connect", "validate_descriptor"])
def test_every_reader_finishes_a_swap_cut_short_and_reads_the_new_build(
    builds: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch, entry: str
) -> None:
    """A swap cut short in a process that lives on (the checkout's folder is known to `load`
    already): the next read of any kind finishes it, and reads the new build whole."""
    project, a, b = builds
    a_evidence = pl.read_parquet(a / "dataset" / "parquet" / "evidence.parquet").height
    loading = importlib.import_module("sino_russian_patrols.load")
    monkeypatch.setattr(loading, "_installed_root", lambda: project)
    _interrupted(project, b, monkeypatch)
    if entry == "load_all":
        tables = srp.load_all()
        titles, evidence = tables["sources"]["title"].to_list(), tables["evidence"].height
        assert _which(titles, evidence, a_evidence) == ("B", "B")
    elif entry == "describe":
        overview = srp.describe()
        rows = dict(zip(overview["table"], overview["rows"], strict=True))
        assert rows["evidence"] == a_evidence - 1
    elif entry == "connect":
        pytest.importorskip("duckdb")
        con = srp.connect()
        titles = [r[0] for r in con.sql("SELECT title FROM sources").fetchall()]
        [(evidence,)] = con.sql("SELECT count(*) FROM evidence").fetchall()
        assert _which(titles, evidence, a_evidence) == ("B", "B")
    else:
        assert validate(project / "datapackage.json").valid
    assert not (project / swap.JOURNAL_NAME).exists()
    assert package_hashes(project) == package_hashes(b)
