"""One page per source: the archived text with every evidence span highlighted, each
highlight numbered and listed with links to the rows it supports; the part below the
article (reader comments, page furniture: after `sources.body_end`) set apart under its own
heading."""

from __future__ import annotations

from .events import actor_link, event_title, remarks_list, source_link
from .highlight import Span, entry_id, highlighted, span_id
from .links import describe_row, href
from .markup import date_range, definitions, esc, label, link, page
from .model import Rows, page_name

UP = "../"
BELOW = "Below the article: reader comments and page furniture"


def _archive_link(url: str | None) -> str:
    """The archived page's address as a link, only for a web address (http or https): an
    address of another scheme (javascript:, file:) from a package is shown, never followed."""
    if not url:
        return ""
    if url.startswith(("https://", "http://")):
        return link(url, url, rel="noopener noreferrer nofollow", class_="archive")
    return f"<code>{esc(url)}</code>"


def source_page(rows: Rows, source: dict, supported: dict[Span, list[tuple[str, str]]]) -> str:
    sid = source["source_id"]
    text: str = source["text"]
    end = source.get("body_end")
    end = len(text) if end is None else min(max(end, 0), len(text))
    spans = sorted(supported, key=lambda s: (s[0], -s[1]))
    number = {span: n for n, span in enumerate(spans, 1)}

    def after(span: Span) -> str:
        n = number[span]
        return (
            f'<a class="ref" href="#{entry_id(span)}" aria-label="what highlight {n} supports">'
            f"<sup>{n}</sup></a>"
        )

    shown: set[Span] = set()
    body_html = highlighted(text, spans, 0, end, after=after, shown=shown)
    below_html = highlighted(text, spans, end, len(text), after=after, shown=shown)
    entries = []
    for span in spans:
        targets = "".join(
            f"<li>{link(href(rows, t, r, UP), describe_row(rows, t, r))}</li>"
            for t, r in supported[span]
            if r in rows.by_id.get(t, {})
        )
        entries.append(
            f'<li id="{entry_id(span)}" value="{number[span]}"><p>'
            f"{link('#' + span_id(span), '“' + text[span[0] : span[1]] + '”')} "
            f'<span class="where">({span[0]}–{span[1]})</span> supports:</p>'
            f'<ul class="supports">{targets}</ul></li>'
        )
    events = sorted(
        {
            r["event_id"]
            for t in ("event_dates", "aircraft", "ship_claims", "event_participants")
            for r in rows.tables[t]
            if r["source_id"] == sid
        }
    )
    facts = [
        ("Source id", f"<code>{esc(sid)}</code>"),
        ("Publisher", esc(source.get("publisher") or source.get("archive_publisher") or "")),
        (
            "Published",
            esc(date_range(source["published_date"], source["published_date"], "day"))
            + f" ({esc(label(source['published_date_basis']))})"
            if source.get("published_date")
            else f"not known ({esc(label(source['published_date_basis']))})",
        ),
        ("Date note", esc(source.get("published_date_note") or "")),
        ("Type", esc(label(source.get("source_type")))),
        ("Wire agency", actor_link(rows, source.get("wire_agency_id"), UP)),
        ("Archived page", _archive_link(source.get("archive_url"))),
        ("File", f"<code>{esc(source['original_filename'])}</code>"),
        ("SHA-256", f'<code class="hash">{esc(source["sha256"])}</code>'),
        (
            "Events",
            "<br>".join(
                link(f"{UP}events/{page_name(e)}.html", event_title(rows.by_id["events"][e]))
                for e in events
            ),
        ),
    ]
    loose = [
        s
        for s in rows.tables["statements"]
        if s["source_id"] == sid and not s.get("event_id") and not s.get("actor_id")
    ]
    loose_html = (
        '<section aria-labelledby="h-loose">'
        '<h2 id="h-loose">Remarks about no event, by no one named</h2>'
        f'<ul class="claims">{"".join(remarks_list(rows, loose))}</ul></section>'
        if loose
        else ""
    )
    below = (
        f'<section class="below" aria-labelledby="h-below"><h2 id="h-below">{esc(BELOW)}</h2>'
        "<p>Not part of the article: nothing in the dataset rests on these lines.</p>"
        f'<div class="text">{below_html}</div></section>'
        if end < len(text)
        else ""
    )
    title = source.get("title") or source.get("archive_title") or sid
    body = (
        f"<h1>{esc(title)}</h1>"
        + definitions(facts)
        + '<section aria-labelledby="h-text"><h2 id="h-text">The archived text</h2>'
        "<p>Highlighted: words a row of the dataset rests on; the number after each leads to "
        "the rows.</p>"
        f'<div class="text">{body_html}</div></section>'
        + below
        + '<section aria-labelledby="h-evidence">'
        '<h2 id="h-evidence">What each highlight supports</h2>'
        f'<ol class="entries">{"".join(entries)}</ol></section>' + loose_html
    )
    return page(title, body, depth=1, version=rows.version)


def source_pages(rows: Rows) -> dict[str, str]:
    supported = rows.supported()
    pages = {
        f"sources/{page_name(s['source_id'])}.html": source_page(
            rows, s, supported.get(s["source_id"], {})
        )
        for s in rows.tables["sources"]
    }
    items = "".join(
        f"<li>{source_link(rows, s['source_id'], UP)} "
        f'<span class="where">({len(supported.get(s["source_id"], {}))} highlights)</span></li>'
        for s in rows.tables["sources"]
    )
    body = (
        "<h1>Sources</h1><p>The archived articles, each with the words the dataset rests on "
        f'highlighted.</p><ul class="plain">{items}</ul>'
    )
    pages["sources/index.html"] = page("Sources", body, depth=1, version=rows.version)
    return pages
