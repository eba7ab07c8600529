"""Draft an annotation file for a new article: propose, let the editor confirm.

The draft proposes, from the article and the registries: the publication date and where it
came from; every actor and place mention, counted on word boundaries and never inside a
longer registered name; the known event that a patrol report most likely is; aircraft
claims read from phrases such as "two Russian Tu-95 bombers"; quoted remarks with the
speaker named next to them; designations the registry does not know. Whatever the draft is
unsure of is written commented out, with the reason. The draft is checked by the build's
own reader and steps, and every item the build rejects is commented out with the build's
message, so that the draft builds as it is.

The path of an article through it: `patterns` finds what the text says, `proposals` turns
it into items, `document` writes them as YAML, and `draft_annotation` checks that text with
the build until the build accepts it.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem, Problems

__all__ = ["draft_annotation"]


def draft_annotation(root: Path, source_id: str, /, *, rounds: int = 6) -> str:
    """Draft `build/annotations/<source_id>.yaml`; every item the build rejects is commented
    out with the build's message, so that the returned draft builds."""
    from ..extras import require_extra

    require_extra("build", "draft", "yaml", "pycountry")
    from ..steps import read_inputs, run_steps
    from .proposals import Drafter

    root = root.resolve()
    draft = Drafter(root, source_id).run()
    target = root / "build" / "annotations" / f"{source_id}.yaml"

    def in_draft(problems: Problems) -> list[Problem]:
        return [p for p in problems.items if Path(p.file).resolve() == target]

    for _ in range(rounds):
        text, owner = draft.render()
        previous = target.read_bytes() if target.exists() else None
        target.write_text(text, encoding="utf-8")
        try:
            problems = Problems()
            inputs = read_inputs(root, problems)
            # the steps check the draft once it reads cleanly: an item it fails to read is
            # left out, and the steps would reject what refers to it
            if not in_draft(problems):
                run_steps(inputs)
        finally:
            if previous is None:
                target.unlink()
            else:
                target.write_bytes(previous)
        mine = in_draft(problems)
        if not mine:
            return text
        rejected = False
        for p in mine:
            index = owner.get(p.line or -1)
            if index is None:
                continue
            item = draft.items[index]
            if index > 0 and item.unsure is None:  # the source's own lines always stay
                item.unsure = f"the build says: {p.message}"[:300]
                rejected = True
        if not rejected:
            lines = "\n".join(f"  {p}" for p in mine)
            raise InputError(f"the draft of {source_id} does not build:\n{lines}")
    return draft.render()[0]
