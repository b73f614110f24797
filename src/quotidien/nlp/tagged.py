"""What the grouping of tagged spans shares with the rules' share of it: the tagger's spans
and the character ranges they are compared by.

`Tagged` is a stretch of tokens the tagger gave one role, and `spans` reads them from a BIO
sequence; `char_range` and `token_span` go between token and character spans, `within` says
whether one character range holds another, and `Disjoint` answers whether a range overlaps
one already taken. The decoding is in `grouping.py`, what the rules' own quotes give it in
`grouping_rules.py`; this module imports neither, so that both can import it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc


class Disjoint:
    """Non-overlapping character ranges, sorted, answering "does this overlap one?" fast."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, chars: tuple[int, int]) -> bool:
        k = bisect.bisect_right(self.starts, chars[0])
        before = k > 0 and self.ends[k - 1] > chars[0]
        after = k < len(self.starts) and self.starts[k] < chars[1]
        return before or after

    def add(self, chars: tuple[int, int]) -> None:
        k = bisect.bisect_right(self.starts, chars[0])
        self.starts.insert(k, chars[0])
        self.ends.insert(k, chars[1])


@dataclass
class Tagged:
    """A stretch of tokens the tagger gave one role ("SRC", "CUE", "CON")."""

    role: str
    start: int  # token indices, end exclusive
    end: int


def spans(labels: list[str]) -> list[Tagged]:
    """The labelled spans of a BIO sequence (an I- after another role opens a span)."""
    out: list[Tagged] = []
    for k, label in enumerate(labels):
        if label == "O":
            continue
        prefix, role = label.split("-", 1)
        last = out[-1] if out else None
        if prefix == "I" and last is not None and last.role == role and last.end == k:
            last.end = k + 1
        else:
            out.append(Tagged(role, k, k + 1))
    return out


def token_span(doc: Doc, chars: tuple[int, int], role: str) -> Tagged | None:
    span = doc.char_span(chars[0], chars[1], alignment_mode="expand")
    return None if span is None else Tagged(role, span.start, span.end)


def within(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def char_range(doc: Doc, span: Tagged) -> tuple[int, int]:
    first, last = doc[span.start], doc[span.end - 1]
    return first.idx, last.idx + len(last.text)
