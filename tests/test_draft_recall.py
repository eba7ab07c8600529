"""The benchmark's count of the editor's remaining work (benchmarks/draft_recall.py): lines
compared by the value they hold, a file's own labels read as the curated file's."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import draft_recall

CURATED = """statements:
  - id: s01
    speaker: norad
    quote: "not a threat"
    remark: norad-not-a-threat
aircraft:
  - id: a01
    event: 2024-07-24-patrol
"""
# the draft numbers its statement s02 (it proposed another before it, not asserted) and
# coins its own remark id and event id
DRAFT = """statements:
  - id: s02
    speaker: norad
    quote: not a threat
    remark: norad-were-not-seen
aircraft:
  - id: a01
    event: 2024-07-new-patrol
"""


def test_lines_are_compared_by_the_value_they_hold() -> None:
    todo, lines = draft_recall.remaining_work(CURATED, DRAFT)
    # the quote is the same value quoted or not; the three labels differ as written
    assert (todo, lines) == (3, 8)


def test_the_drafts_own_labels_are_read_as_the_curated_files() -> None:
    labels = {"s02": "s01", "norad-were-not-seen": "norad-not-a-threat"}
    assert draft_recall.remaining_work(CURATED, DRAFT, labels) == (1, 8)
    labels["2024-07-new-patrol"] = "2024-07-24-patrol"
    assert draft_recall.remaining_work(CURATED, DRAFT, labels) == (0, 8)
    # a label read through the mapping only where its key names a label
    assert draft_recall.relabel_lines(['{"quote": "s02"}'], labels) == ['{"quote": "s02"}']
