"""What the quotation rules share while they read one Doc: the quote they make, the context
they pass along, and the small helpers that more than one of their modules needs.

`FoundQuote` is a quotation as found. `Context` carries the Doc, the language's
`QuoteWords`, the quoted segments, the units and `Taken`: the character ranges already
given to a content, since a token belongs to at most one quote content. `make` turns a
content's span into a quote of its kind (direct, indirect, mixed). The rules are in
`quotes.py` (the entry point and the cue verbs), `quote_speakers.py`, `quote_contents.py`,
`quote_prepositions.py` and `quote_layouts.py`; this module imports none of them, so that
each of them can import it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quotidien.lang.quotes import QuoteWords
from quotidien.model import QuoteKind
from quotidien.nlp.marks import CLOSING_TOKENS, PARAGRAPH, Segment, after_dateline
from quotidien.nlp.tokens import STOPS, TokenRange, lower

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class FoundQuote:
    """A quotation as found in the Doc: character spans and the speaker's token range."""

    kind: QuoteKind
    content: tuple[int, int]  # characters
    cue: tuple[int, int] | None  # characters
    speaker: TokenRange | None  # tokens (entities.py resolves it)
    #: The speaker mention is the subject of its clause (salient for pronoun resolution).
    speaker_is_pronoun: bool = False
    #: Tokens to resolve the speaker by, when not the mention itself: the noun a relative
    #: pronoun stands for, a name without the relative clause after it.
    referent: TokenRange | None = None


@dataclass
class Context:
    doc: Doc
    words: QuoteWords
    segments: list[Segment]
    units: list[TokenRange]
    taken: Taken  # character ranges already given to a content
    text: str
    starts: dict[int, Segment] = field(default_factory=dict)
    bounds: list[int] = field(default_factory=list)  # sorted segment starts
    # verbs cut from a content as the speaker's next act, with that speaker
    next_acts: dict[int, tuple[TokenRange | None, bool, bool]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.starts = {seg.start: seg for seg in self.segments}
        self.bounds = [seg.start for seg in self.segments]

    def free(self, start: int, end: int) -> bool:
        return self.taken.free(start, end)


class Taken:
    """Character ranges given to contents, kept sorted and disjoint (overlapping ones
    merged), so that each question costs a binary search, not a scan."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def append(self, chars: tuple[int, int]) -> None:
        start, end = chars
        k = bisect.bisect_right(self.starts, start)
        if k > 0 and self.ends[k - 1] > start:  # overlaps the range before: merge
            k -= 1
            start = self.starts[k]
        last = k
        while last < len(self.starts) and self.starts[last] < end:
            last += 1  # ranges it overlaps after it: merge
        if last > k:
            end = max(end, self.ends[last - 1])
        self.starts[k:last] = [start]
        self.ends[k:last] = [end]

    def free(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start)
        before = k > 0 and self.ends[k - 1] > start
        after = k < len(self.starts) and self.starts[k] < end
        return not (before or after)

    def first_start(self, start: int, end: int) -> int | None:
        """The first range start strictly between `start` and `end`."""
        k = bisect.bisect_right(self.starts, start)
        return self.starts[k] if k < len(self.starts) and self.starts[k] < end else None

    def last_end(self, start: int, end: int) -> int | None:
        """The last range end from `start` to `end` (both included)."""
        k = bisect.bisect_right(self.ends, end) - 1
        return self.ends[k] if k >= 0 and self.ends[k] >= start else None


def make(
    context: Context,
    start: int,
    end: int,
    cue: tuple[int, int] | None,
    speaker: TokenRange | None,
    pronoun: bool,
) -> FoundQuote | None:
    """A quote with its kind, or None when the content is too short or already taken."""
    text = context.text
    start = after_dateline(text, start, end)  # "PARIS (Reuters) - …, officials said."
    if end - start < 3 or len(text[start:end].split()) < 2 or not context.free(start, end):
        return None
    inside = [seg for seg in context.segments if start <= seg.start and seg.end <= end]
    if len(inside) == 1 and inside[0].start == start and inside[0].end >= end - 1:
        seg = inside[0]
        return FoundQuote("direct", (seg.inner_start, seg.inner_end), cue, speaker, pronoun)
    kind: QuoteKind = "mixed" if inside else "indirect"
    return FoundQuote(kind, (start, end), cue, speaker, pronoun)


def chars(doc: Doc, tokens: TokenRange) -> tuple[int, int]:
    return doc[tokens[0]].idx, doc[tokens[1] - 1].idx + len(doc[tokens[1] - 1].text)


def trimmed(text: str, chars: tuple[int, int]) -> tuple[int, int]:
    start, end = chars
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def inside_segment(context: Context, position: int) -> bool:
    return segment_around(context, position) is not None


def segment_around(context: Context, position: int) -> Segment | None:
    """The quoted stretch `position` lies strictly inside, if any."""
    index = bisect.bisect_left(context.bounds, position) - 1
    if index >= 0 and context.segments[index].start < position < context.segments[index].end:
        return context.segments[index]
    return None


def is_aux_like(token: Token, words: QuoteWords) -> bool:
    return lower(token) in ("se", "s'") or token.text == "-t" or is_inverted(token, words)


def is_inverted(token: Token, words: QuoteWords) -> bool:
    return lower(token) in words.inverted_pronouns


def preposition_at(
    context: Context, k: int, phrases: tuple[tuple[str, ...], ...] | None = None
) -> int | None:
    """Number of tokens of a cue preposition starting at token k, or None."""
    doc = context.doc
    for phrase in context.words.cue_prepositions if phrases is None else phrases:
        if k + len(phrase) <= len(doc) and all(
            lower(doc[k + j]) == word.replace("’", "'") for j, word in enumerate(phrase)
        ):
            return len(phrase)
    return None


def ends_unit(doc: Doc, k: int, unit: TokenRange) -> bool:
    return all(
        doc[j].text in STOPS or doc[j].is_space or doc[j].text in CLOSING_TOKENS
        for j in range(k, unit[1])
    )


def opens_paragraph(doc: Doc, k: int) -> bool:
    return k == 0 or "\n" in doc[k - 1].text_with_ws


def paragraph_end(text: str, position: int) -> int:
    """Where the paragraph holding `position` ends (before its blank line)."""
    brk = PARAGRAPH.search(text, position)
    return len(text.rstrip()) if brk is None else brk.start()
