"""An archived text with its evidence spans as <mark> elements, overlaps made well-formed.

Spans nest when one lies inside another. When two spans cross (each holds a part of the
other), the inner one is closed where the outer one ends and reopened at once as a
continuation (`<mark class="cont">`, without an id): the same text stays highlighted and
the tags stay balanced. The order is fixed (by start, longer first, then by end), so that
two builds give the same bytes. Only the first piece of a span carries its id, `s-START-END`,
the target of every link to the span; after its last piece comes a numbered link to the
span's entry in the list of what it supports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .markup import esc

Span = tuple[int, int]  # (char_start, char_end): code points into the text, end exclusive


def span_id(span: Span, /) -> str:
    return f"s-{span[0]}-{span[1]}"


def entry_id(span: Span, /) -> str:
    return f"e-{span[0]}-{span[1]}"


def highlighted(
    text: str,
    spans: Sequence[Span],
    lo: int,
    hi: int,
    /,
    *,
    after: Callable[[Span], str],
    shown: set[Span],
) -> str:
    """HTML of `text[lo:hi]` with every span of `spans` that reaches into it marked.

    `after(span)` is the HTML put right after a span's last piece (its reference link);
    `shown` collects the spans whose id has been written, so that a span cut by two calls
    (one per part of a text) keeps one id.
    """
    inside = sorted(
        {(s, e) for s, e in spans if s < hi and e > lo and e > s}, key=lambda x: (x[0], -x[1])
    )
    cuts = sorted({lo, hi, *(max(s, lo) for s, _ in inside), *(min(e, hi) for _, e in inside)})
    starting: dict[int, list[Span]] = {}
    for span in inside:
        starting.setdefault(max(span[0], lo), []).append(span)
    out: list[str] = []
    stack: list[Span] = []

    def open_mark(span: Span, first: bool) -> None:
        depth = f" d{min(len(stack), 3)}" if stack else ""
        if first and span not in shown:
            shown.add(span)
            out.append(f'<mark id="{span_id(span)}" class="ev{depth}">')
        else:
            out.append(f'<mark class="ev cont{depth}">')
        stack.append(span)

    for here, there in zip(cuts, [*cuts[1:], None], strict=True):
        ending = [i for i, span in enumerate(stack) if min(span[1], hi) == here]
        if ending:
            keep = stack[ending[0] :]
            del stack[ending[0] :]
            for span in reversed(keep):
                out.append("</mark>")
                if min(span[1], hi) == here and span[1] <= hi:
                    out.append(after(span))
            for span in keep:
                if min(span[1], hi) != here:
                    open_mark(span, first=False)
        for span in starting.get(here, ()):
            open_mark(span, first=span[0] >= lo)
        if there is not None:
            out.append(esc(text[here:there]))
    return "".join(out)
