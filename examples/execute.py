"""Execute patrols.ipynb so that it can be committed with its outputs and compared.

The notebook is committed executed, its figures inline, so that it shows something where
people browse it. `make notebook` (this script) re-executes it in place after the dataset or
the notebook changes; tests/test_notebook.py runs the same `execute` on a copy and compares
the outputs with the committed ones. Nothing that changes between two runs is kept: no
execution timing, no kernel or Python version, and the figures are saved without metadata.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbclient
import nbformat

HERE = Path(__file__).resolve().parent
NAME = "patrols.ipynb"
KERNEL = "sino-russian-patrols-notebook"
METADATA = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


@contextmanager
def _kernel() -> Iterator[str]:
    """A kernelspec that runs this interpreter, whatever `python` is first on PATH."""
    saved = {key: os.environ.get(key) for key in ("JUPYTER_PATH", "MPLBACKEND")}
    with tempfile.TemporaryDirectory() as data_dir:
        spec = Path(data_dir) / "kernels" / KERNEL
        spec.mkdir(parents=True)
        argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
        kernel = {"argv": argv, "display_name": "Python 3", "language": "python"}
        (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
        os.environ["JUPYTER_PATH"] = data_dir
        os.environ["MPLBACKEND"] = "Agg"
        try:
            yield KERNEL
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def execute(folder: Path = HERE) -> nbformat.NotebookNode:
    """Run folder/patrols.ipynb in folder (its figures land in folder/figures) and return it.

    The returned notebook carries only what a run determines: outputs and execution counts,
    the committed notebook-level metadata, and no per-cell timing.
    """
    notebook = nbformat.read(folder / NAME, as_version=4)
    with _kernel() as kernel:
        client = nbclient.NotebookClient(
            notebook,
            kernel_name=kernel,
            timeout=600,
            record_timing=False,
            resources={"metadata": {"path": str(folder)}},
        )
        client.execute()
    notebook.metadata = nbformat.from_dict(METADATA)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    nbformat.validate(notebook)
    return notebook


def main() -> int:
    """Execute the notebook in examples/ and write it back in place."""
    notebook = execute(HERE)
    nbformat.write(notebook, HERE / NAME)
    print(f"executed {HERE / NAME} and wrote its figures to {HERE / 'figures'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
