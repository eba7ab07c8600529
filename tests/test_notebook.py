"""The example notebook runs headless, in examples/, and writes readable PNG figures."""

from __future__ import annotations

import json
import struct
import sys
import time
import zlib
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NOTEBOOK = EXAMPLES / "patrols.ipynb"
FIGURES = ("patrol_timeline", "aircraft_by_country", "who_said_what")
KERNEL = "sino-russian-patrols-test"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The (type, payload) chunks of a PNG file, each CRC checked."""
    assert data[:8] == PNG_SIGNATURE, "not a PNG file"
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        payload = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert zlib.crc32(kind + payload) == crc, f"bad CRC in chunk {kind!r}"
        chunks.append((kind, payload))
        offset += 12 + length
    assert chunks[-1][0] == b"IEND"
    return chunks


def _pixels(chunks: list[tuple[bytes, bytes]]) -> tuple[int, int, bytes]:
    width, height, depth, colour = struct.unpack(">IIBB", chunks[0][1][:10])
    assert chunks[0][0] == b"IHDR" and depth == 8 and colour in (2, 6)
    raw = zlib.decompress(b"".join(payload for kind, payload in chunks if kind == b"IDAT"))
    return width, height, raw


@pytest.fixture(scope="module")
def kernel(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A kernelspec that runs this interpreter (the venv's), whatever else is installed."""
    data_dir = tmp_path_factory.mktemp("jupyter")
    spec = data_dir / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel_json = {"argv": argv, "display_name": "Python 3 (test)", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel_json), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(data_dir))
        patch.setenv("MPLBACKEND", "Agg")
        yield KERNEL


@pytest.fixture(scope="module")
def executed(kernel: str) -> nbformat.NotebookNode:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    notebook.metadata["started_ns"] = time.time_ns()
    client = nbclient.NotebookClient(
        notebook,
        kernel_name=kernel,
        timeout=300,
        resources={"metadata": {"path": str(EXAMPLES)}},
    )
    client.execute()
    return notebook


def test_notebook_is_committed_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_notebook_installs_nothing() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    source = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    for forbidden in ("pip install", "%pip", "!pip", "conda install", "urllib", "requests."):
        assert forbidden not in source


def test_notebook_runs_without_errors(executed: nbformat.NotebookNode) -> None:
    for cell in executed.cells:
        if cell.cell_type == "code":
            assert not [o for o in cell.outputs if o.output_type == "error"]
    shown = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    assert sum("image/png" in o.get("data", {}) for o in shown) == len(FIGURES)


@pytest.mark.parametrize("name", FIGURES)
def test_figures_are_non_trivial_pngs(executed: nbformat.NotebookNode, name: str) -> None:
    path = EXAMPLES / "figures" / f"{name}.png"
    assert path.is_file(), f"the notebook did not write {path}"
    assert path.stat().st_mtime_ns >= executed.metadata["started_ns"] - 2_000_000_000, (
        f"{path} was not written by this run of the notebook"
    )
    data = path.read_bytes()
    assert len(data) > 20_000
    chunks = _chunks(data)
    width, height, raw = _pixels(chunks)
    assert 800 <= width <= 3000 and 400 <= height <= 4000
    # Not blank: a good share of distinct bytes and of non-white rows of pixels.
    assert len(set(raw)) > 50
    channels = {2: 3, 6: 4}[chunks[0][1][9]]
    stride = 1 + width * channels
    rows = [raw[i * stride + 1 : (i + 1) * stride] for i in range(height)]
    inked = sum(any(b < 200 for b in row) for row in rows)
    assert inked > height // 4
    # Deterministic: no text chunks with a date or the software version.
    text = b"".join(payload for kind, payload in chunks if kind in (b"tEXt", b"iTXt", b"zTXt"))
    assert b"Software" not in text and b"Creation" not in text
    assert not any(kind == b"tIME" for kind, _ in chunks)
