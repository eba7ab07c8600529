"""The example notebook is committed executed, and a fresh run gives the committed outputs.

The fast tests read the committed notebook and figures; the slow one executes the notebook
headless on a copy of examples/ (examples/execute.py, what `make notebook` runs) and compares:
text outputs exactly, images by their decoded pixels.
"""

from __future__ import annotations

import base64
import csv
import importlib.util
import io
import shutil
import struct
import zlib
from pathlib import Path
from types import ModuleType

import pytest

import sino_russian_patrols as srp

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")
PIL_Image = pytest.importorskip("PIL.Image")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NOTEBOOK = EXAMPLES / "patrols.ipynb"
POINTS = EXAMPLES / "place_points.csv"
# In the order the notebook shows them.
FIGURES = ("patrol_timeline", "patrol_areas_by_year", "aircraft_by_country", "who_said_what")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
REGENERATE = "run `make notebook` after changing the dataset or the notebook, and commit both"


def _execute_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("execute_notebook", EXAMPLES / "execute.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def _pixels(data: bytes) -> tuple[tuple[int, int], bytes]:
    """Size and RGBA pixels of a PNG: what a reader sees, whatever the encoder's choices."""
    with PIL_Image.open(io.BytesIO(data)) as image:
        return image.size, image.convert("RGBA").tobytes()


def _images(notebook: nbformat.NotebookNode) -> list[bytes]:
    return [
        base64.b64decode(output["data"]["image/png"])
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if "image/png" in output.get("data", {})
    ]


def _outputs(outputs: list[nbformat.NotebookNode]) -> list[dict[str, object]]:
    """A cell's outputs as `_comparable` gives them, with the consecutive chunks of one stream
    joined: the kernel sends a cell's printed text in as many chunks as the flushes its timing
    makes (one on a quiet machine, two on a busy one), and the text is what the notebook
    promises."""
    joined: list[dict[str, object]] = []
    for output in outputs:
        found = _comparable(output)
        last = joined[-1] if joined else None
        if (
            last is not None
            and found.get("output_type") == last.get("output_type") == "stream"
            and found.get("name") == last.get("name")
        ):
            last["text"] = f"{last['text']}{found['text']}"
        else:
            joined.append(found)
    return joined


def _comparable(output: nbformat.NotebookNode) -> dict[str, object]:
    """An output with its images as decoded pixels, everything else as it is."""
    found = dict(output)
    if "data" in found:
        data = dict(found["data"])
        if "image/png" in data:
            data["image/png"] = _pixels(base64.b64decode(data["image/png"]))
        found["data"] = data
    return found


@pytest.fixture(scope="module")
def committed() -> nbformat.NotebookNode:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    return notebook


def test_notebook_installs_nothing(committed: nbformat.NotebookNode) -> None:
    source = "\n".join(cell.source for cell in committed.cells if cell.cell_type == "code")
    for forbidden in ("pip install", "%pip", "!pip", "conda install", "urllib", "requests."):
        assert forbidden not in source


def test_the_notebook_is_committed_executed_without_what_varies(
    committed: nbformat.NotebookNode,
) -> None:
    code = [cell for cell in committed.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1)), REGENERATE
    for cell in code:
        assert cell.outputs, f"a cell without output: {REGENERATE}\n{cell.source[:200]}"
        for output in cell.outputs:
            assert output.output_type != "error", output
            assert output.get("name") != "stderr", output
        assert "execution" not in cell.metadata, "per-cell timing is committed"
    assert committed.metadata == _execute_module().METADATA


def test_the_inline_figures_are_the_committed_files(committed: nbformat.NotebookNode) -> None:
    shown = _images(committed)
    assert len(shown) == len(FIGURES), REGENERATE
    for name, data in zip(FIGURES, shown, strict=True):
        assert data == (EXAMPLES / "figures" / f"{name}.png").read_bytes(), f"{name}: {REGENERATE}"


@pytest.mark.parametrize("name", FIGURES)
def test_figures_are_non_trivial_pngs_without_metadata(name: str) -> None:
    data = (EXAMPLES / "figures" / f"{name}.png").read_bytes()
    assert len(data) > 20_000
    chunks = _chunks(data)
    (width, height), rgba = _pixels(data)
    assert 800 <= width <= 3000 and 400 <= height <= 4000
    # Not blank: many distinct colours, and ink on a good share of the rows.
    assert len(set(rgba[i : i + 4] for i in range(0, len(rgba), 4 * 97))) > 50
    stride = 4 * width
    inked = sum(
        any(b < 200 for i, b in enumerate(rgba[y * stride : (y + 1) * stride]) if i % 4 != 3)
        for y in range(0, height, 4)
    )
    assert inked > height // 16
    # Deterministic: no text chunks with a date or the software version, no time chunk.
    text = b"".join(payload for kind, payload in chunks if kind in (b"tEXt", b"iTXt", b"zTXt"))
    assert b"Software" not in text and b"Creation" not in text
    assert not any(kind == b"tIME" for kind, _ in chunks)


def test_the_map_points_are_well_formed_and_each_is_a_place() -> None:
    """place_points.csv is a drawing aid beside the notebook, not data: a place with no point
    is left off the map (the notebook says which), so a new article never breaks it; a point
    must still be well formed and name a place."""
    with POINTS.open(encoding="utf-8", newline="") as handle:
        points = {row["place_id"]: row for row in csv.DictReader(handle)}
    for row in points.values():
        assert -90 <= float(row["latitude"]) <= 90 and -180 <= float(row["longitude"]) <= 180, row
        assert row["point"] in ("centre", "label point"), row
        assert row["label_side"] in ("right", "left", "above", "below"), row
    assert set(points) <= set(srp.load("places")["place_id"]), "a point for no place"


@pytest.mark.slow
def test_a_fresh_run_gives_the_committed_outputs(
    committed: nbformat.NotebookNode, tmp_path: Path
) -> None:
    folder = tmp_path / "examples"
    folder.mkdir()
    for name in (NOTEBOOK.name, POINTS.name):
        shutil.copy2(EXAMPLES / name, folder / name)
    fresh = _execute_module().execute(folder)

    assert len(fresh.cells) == len(committed.cells)
    for new, old in zip(fresh.cells, committed.cells, strict=True):
        assert new.source == old.source
        if new.cell_type == "code":
            assert new.execution_count == old.execution_count
            assert _outputs(new.outputs) == _outputs(old.outputs), (
                f"the outputs differ from the committed ones ({REGENERATE}):\n{new.source[:300]}"
            )
    for name in FIGURES:
        written = (folder / "figures" / f"{name}.png").read_bytes()
        assert _pixels(written) == _pixels((EXAMPLES / "figures" / f"{name}.png").read_bytes()), (
            f"{name}: {REGENERATE}"
        )
        assert not any(kind in (b"tEXt", b"tIME") for kind, _ in _chunks(written))
