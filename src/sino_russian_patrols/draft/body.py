"""Where an article's body ends (articles.body_end): the page furniture after it, such as a
site's list of related or most-read stories, proposed as the manifest's `body_ends_before`
when the shared rule (`articles.END_OF_ARTICLE`) does not already cut the text there.

The words are those of section headings sites put below a story; a heading is proposed only
as a short line of its own, below the article's first lines, so that a sentence of the story
that happens to say "related news" is never taken for one.
"""

from __future__ import annotations

import re

from ..articles import END_OF_ARTICLE

FURNITURE = re.compile(
    r"(?i)^\W*(?:\"?[\w ]{1,20}\"?\s+)?(?:related\s+(?:news|articles?|stories|posts|content)"
    r"|(?:most\s+)?popular\s+(?:articles?|stories|news|posts)|most\s+(?:read|viewed|popular)"
    r"|read\s+(?:also|next)|also\s+read|recommended(?:\s+for\s+you)?|trending(?:\s+now)?"
    r"|more\s+(?:from|stories|news|on\s+this)|latest\s+(?:news|stories)"
    r"|you\s+(?:may|might)\s+also\s+like|top\s+stories|editor'?s\s+picks?)\W*$"
)
_LONGEST = 60  # a heading, not a sentence
_LEAD_LINES = 2  # the headline and the first paragraph are never furniture


def furniture_line(text: str) -> str | None:
    """The first line of page furniture below the body, verbatim, when the shared rule does
    not cut the text at or before it; None when there is none."""
    cut = END_OF_ARTICLE.search(text)
    lines = [m for m in re.finditer(r"[^\r\n]+", text) if m.group(0).strip()]
    for m in lines[_LEAD_LINES:]:
        if cut is not None and m.start() >= cut.start():
            return None
        line = m.group(0)
        if len(line.strip()) <= _LONGEST and FURNITURE.match(line.strip()):
            return line
    return None
