"""The build: read articles and annotations, assemble the tables, write, validate, swap in.

Each step reads the same way: load inputs, process, save outputs. The result is written to
a staging folder and moved into place only when it is complete and valid, so a failing
build leaves the previous dataset as it was; a build killed during the swap is finished by
the next one (see `swap`). One build of a project runs at a time: a second one waits.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .assemble import assemble
from .errors import BuildError, Problem, Problems, SwapIncomplete
from .schema import TABLES
from .steps import read_project
from .swap import (
    SwapError,
    SwapInterrupted,
    build_lock,
    discard_stage,
    new_stage,
    recover_locked,
    swap_in,
)
from .validation import validate_package
from .validation.report import Finding
from .write import to_frame, write_csv, write_descriptor, write_parquet


@dataclass(frozen=True)
class BuildResult:
    root: Path
    rows: dict[str, int]


def build(root: Path, /) -> BuildResult:
    """Build the dataset of the project at `root`; raise BuildError listing every problem.

    Problems name files relative to `root`, as a data editor sees them in the project.
    """
    from .extras import require_extra

    root = root.resolve()
    try:
        # outside a project there is nothing to build, whatever is installed: say that first
        if not (root / "build").is_dir() or not (root / "schema").is_dir():
            problems = Problems()
            problems.add(str(root), None, "project_folder")
            problems.raise_if_any()
        require_extra("build", "sino-russian-patrols build", "yaml", "pycountry", "pandera")
        with build_lock(root):
            recover_locked(root)  # a swap a killed build began is finished first
            return _build(root)
    except SwapInterrupted as exc:
        raise SwapIncomplete([Problem(str(root), None, "swap", str(exc))]) from None
    except SwapError as exc:
        raise BuildError([Problem(str(root), None, "swap", str(exc))]) from None
    except BuildError as exc:  # the same kind of error, its files named from the project
        raise type(exc)([_relative(p, root) for p in exc.problems]) from None


def _relative(problem: Problem, root: Path) -> Problem:
    path = Path(problem.file)
    if path.is_absolute() and path.is_relative_to(root):
        return replace(problem, file=str(path.relative_to(root)))
    return problem


def _without_code(finding: Finding) -> str:
    """A finding as the validator prints it, but for its code (the problem prints that)."""
    return str(finding).removesuffix(f" [{finding.rule}]")


def _build(root: Path) -> BuildResult:
    schema_dir = root / "schema"

    # Load inputs: a file that cannot be read stops the build before the steps, which would
    # report its absence again.
    problems = Problems()
    files = read_project(root, problems)
    problems.raise_if_any()

    # Process.
    rows = assemble(*files, problems)
    problems.raise_if_any()
    frames = {name: to_frame(name, rows[name], schema_dir) for name in TABLES}

    # Save outputs: staged, validated, swapped in.
    stage = new_stage(root)
    try:
        for name, frame in frames.items():
            write_csv(frame, stage / "dataset" / "csv" / f"{name}.csv")
            write_parquet(frame, stage / "dataset" / "parquet" / f"{name}.parquet")
        write_descriptor(stage, schema_dir)
        from .codebook import write_codebook

        write_codebook(stage / "datapackage.json", stage / "docs" / "codebook.md")
        cff = root / "CITATION.cff"
        if cff.is_file():  # Croissant and Zenodo metadata of this package, from the same sources
            from .croissant import write_metadata

            write_metadata(
                stage / "datapackage.json", cff, stage / "croissant.json", stage / ".zenodo.json"
            )
        card = root / "docs" / "datacard.md"
        if card.is_file():  # its coverage section is the tables' own
            from .datacard import write_datacard

            write_datacard(card, stage, stage / "docs" / "datacard.md")
        # The build checks with the pandera models; `validate` defaults to the polars engine.
        report = validate_package(stage, engine="pandera", schema_dir=schema_dir)
        if not report.valid:
            # each finding with the code of the validation rule it breaks
            found = [
                Problem("built dataset", None, f.rule, _without_code(f)) for f in report.errors
            ]
            raise BuildError(found)
    except BaseException:
        discard_stage(root, stage)  # the swap has not begun: the project is unchanged
        raise
    swap_in(stage, root)
    return BuildResult(root, {name: frame.height for name, frame in frames.items()})
