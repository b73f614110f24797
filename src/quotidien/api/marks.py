"""An article's text cut into pieces for display, each piece knowing which quotation's
content, cue or speaker it is part of: what the web page needs to mark every quotation in
the body and name its speaker beside it, from the spans' offsets into `Article.text()`."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from quotidien.model import PART_SEPARATOR, Article, Quote, Span


@dataclass
class Piece:
    text: str
    #: Index in `article.quotes` of the quotation whose content this piece is in.
    content: int | None = None
    #: Index of the quotation whose cue (or speaker mention) this piece is.
    cue: int | None = None
    speaker: int | None = None
    #: Quotations whose content starts with this piece (an anchor to link to goes here).
    starts: list[int] = field(default_factory=list)
    #: Quotations whose content ends with this piece: their speaker is named after it.
    ends: list[int] = field(default_factory=list)


@dataclass
class Part:
    """The title, the lead, or one body block ("paragraph", "heading", "list_item", …)."""

    kind: str
    pieces: list[Piece]


def marked_parts(article: Article) -> list[Part]:
    """The article's parts in reading order, each cut at every quotation span's edge."""
    spans = _spans(article.quotes)
    parts: list[Part] = []
    start = 0
    for name, index, text in article.parts():
        kind = article.blocks[index].kind if index is not None else name
        parts.append(Part(kind, _pieces(text, start, spans)))
        start += len(text) + len(PART_SEPARATOR)
    return parts


def _spans(quotes: list[Quote]) -> list[tuple[int, int, str, int]]:
    """(start, end, role, quote index) of every content, cue and speaker span."""
    found: list[tuple[int, int, str, int]] = []
    for i, quote in enumerate(quotes):
        roles: list[tuple[str, Span | None]] = [
            ("content", quote.content), ("cue", quote.cue), ("speaker", quote.speaker),
        ]  # fmt: skip
        found += [(span.start, span.end, role, i) for role, span in roles if span]
    return found


def _pieces(text: str, offset: int, spans: list[tuple[int, int, str, int]]) -> list[Piece]:
    end = offset + len(text)
    inside = [s for s in spans if s[0] < end and s[1] > offset]
    cuts = sorted({offset, end, *(max(s[0], offset) for s in inside),
                   *(min(s[1], end) for s in inside)})  # fmt: skip
    pieces = []
    for left, right in pairwise(cuts):
        piece = Piece(text[left - offset : right - offset])
        for start, stop, role, i in inside:
            if start <= left and right <= stop and getattr(piece, role) is None:
                setattr(piece, role, i)
            if role == "content" and start == left:
                piece.starts.append(i)
            if role == "content" and stop == right:
                piece.ends.append(i)
        pieces.append(piece)
    return pieces
