"""Who relays a remark (`relayed_by`, `relay:`), for the remarks proposer.

"According to the Associated Press, the Russian Ministry of Defense said ...", "'...,' the
press service said, according to TASS": the speaker is the one whose words they are, and
the one "according to" names beside that speaker's tag carries them (build/README.md: a
statement's relayer must be named in its `relay:` quote). The relay reaches the remarks of
the same speaker later in the paragraph, and those that point back to the relayed one ("The
statement claimed ...", "it said"), which go on with the relayed account.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .document import keyed_quote
from .patterns import ACCORDING_TO

if TYPE_CHECKING:
    from .remarks import Reader, Remark


@dataclass
class Relays:
    """The relays read so far in one article: (paragraph start, speaker) -> (relayer, the
    relay's span), and each speaker's last."""

    reader: Reader
    found: dict[tuple[int, str], tuple[str, int, int]] = field(default_factory=dict)
    last: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # by speaker

    def lines(self, r: Remark, around: list[tuple[int, int]]) -> list[str]:
        """The `relayed_by` and `relay` lines of the remark `r` (whose sentences are
        `around`), or none."""
        who = r.speaker.actor
        at = r.speaker.at
        if who is None:
            return []
        text = self.reader.text
        paragraph = text.rfind("\n", 0, r.start) + 1
        relay = None
        for lo, hi in around:
            if not lo <= at < hi:
                continue
            for m in ACCORDING_TO.finditer(text, lo, hi):
                if m.start() <= at < m.end():
                    continue  # "according to X" is the speaker's own tag
                relayers = {s.actor for s in self.reader.resolve(m.start("who"), m.end("who"))}
                if len(relayers) == 1 and None not in relayers and who not in relayers:
                    relay = (relayers.pop(), m.start(), m.end("who"))
        if relay is not None:
            self.found[(paragraph, who)] = self.last[who] = relay
        relay = self.found.get((paragraph, who))
        if relay is None and r.speaker.rule == "pronoun":
            relay = self.last.get(who)  # "The statement claimed": the relayed one goes on
        if relay is None:
            return []
        relayer, lo, hi = relay
        return [f"  relayed_by: {relayer}", *keyed_quote("relay", text, lo, hi)]
