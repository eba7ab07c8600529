"""Remarks (steps/statements.py): quotations and who said them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .document import Item, yaml_string
from .patterns import QUOTED, SAID

if TYPE_CHECKING:
    from .proposals import Drafter


def propose(d: Drafter, event_id: str | None) -> None:
    actors = {alias: e.id for e in d.registries.actors for alias in e.aliases}
    number = 0
    for m in QUOTED.finditer(d.text[: d.end]):
        words = m.group("q").strip().rstrip(",")
        if len(words.split()) < 3:
            continue
        after = d.text[m.end() : m.end() + 80]
        before = d.text[max(0, m.start() - 80) : m.start()]
        speaker = None
        tag = re.match(rf"\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){{0,3}})\s+{SAID}\b", after)
        if tag is None:
            tag = re.search(rf"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){{0,3}})\s+{SAID},?\s*$", before)
        if tag:
            speaker = next((actors[a] for a in actors if tag.group(1).endswith(a)), None)
            name = tag.group(1)
            entry = f"actor spelling {name!r} (speaks in the text; registries/actors.yaml)"
            if speaker is None and entry not in d.draft.to_add:
                d.draft.to_add.append(entry)
        number += 1
        quote = m.group("q")
        lines = [
            f"- id: s{number:02d}",
            f"  speaker: {speaker or 'null'}",
        ]
        if event_id:
            lines.append(f"  event: {event_id}")
        lines += ["  type: direct_quote", f"  quote: {yaml_string(quote)}"]
        slug = "-".join(re.findall(r"[a-z0-9]+", quote.casefold())[:5])
        lines.append(f"  remark: {speaker + '-' if speaker else ''}{slug}")
        unsure = (
            None
            if speaker
            else "no speaker named next to the quotation (a scare quote has speaker null)"
        )
        d.draft.items.append(Item("statements", lines, unsure))
