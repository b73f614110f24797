"""Quotation marks: which stretches of a text are in quotes.

Pairs « », “ ”, „ “, ‘ ’, ‹ › and straight " (also typed as two apostrophes, ''…'', as
in news archives, or ``…'') within a paragraph (paragraphs are separated
by a blank line, as in `Article.text()`). A quote left open at the end of a paragraph
continues only when the next paragraph opens with a quotation mark again (the news
convention for a quotation running over several paragraphs) or its first mark closes it (the
mark not repeated); otherwise it is dropped, so an unbalanced mark never swallows the rest of
the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Opening mark -> closing marks that may end it.
PAIRS: dict[str, str] = {
    "«": "»",
    "“": "”“",  # “…” and the German-style „…“ closer
    "„": "“”",
    "‘": "’",
    "‹": "›",
    '"': '"',
}
CLOSERS = frozenset('»”“’›"')
#: Token texts that are quotation marks, as a spaCy pipeline splits them (two-character
#: marks are one token).
OPENING_TOKENS = frozenset(PAIRS) | {"''", "``"}
CLOSING_TOKENS = CLOSERS | {"''"}
PARAGRAPH = re.compile(r"\n\s*\n")
#: A straight double quotation mark typed as two characters: ''…'' or ``…''.
TWO_CHARACTER_MARK = re.compile(r"``|(?<!')''(?!')")
#: Stands for the first character of a two-character mark while pairing marks.
_HALF = "\x01"
#: A wire dateline opening a paragraph: "PARADISE, Calif. (AP) — ", "PARIS (Reuters) - ",
#: "Moscou (AFP) - ", "WASHINGTON — ". Language-neutral: a place in capitals, or any
#: capitalised place followed by an agency in brackets, then a dash.
_PLACE = r"[A-ZÀ-Ý][\w'’.\-]*(?:[ \t][A-ZÀ-Ý][\w'’.\-]*){0,3}"
_REGION = r"(?:,[ \t]*[A-Z][\w.]*(?:[ \t][A-Z][\w.]*){0,2})?"
_AGENCY = r"[ \t]*\([A-Za-z][\w&.\-]{1,15}(?:[ \t][A-Z][\w&.\-]*)?\)"
_CAPITALS = r"[A-ZÀ-Ý][A-ZÀ-Ý'’.\-]{2,}(?:[ \t][A-ZÀ-Ý][A-ZÀ-Ý'’.\-]+){0,3}"
DATELINE = re.compile(
    rf"(?:{_CAPITALS}{_REGION}(?:{_AGENCY})?|{_PLACE}{_REGION}{_AGENCY})[ \t]*(?:—|–|--?)[ \t]+"
)


@dataclass(frozen=True)
class Segment:
    """A quoted stretch: `start`/`end` include the marks, `inner_*` exclude marks and spaces."""

    start: int
    end: int
    inner_start: int
    inner_end: int

    def words(self, text: str) -> int:
        return len(text[self.inner_start : self.inner_end].split())


def find_segments(text: str) -> list[Segment]:
    """The outermost quoted stretches of `text`, in order."""
    return list(_segments_of(text))


@lru_cache(maxsize=4)
def _segments_of(text: str) -> tuple[Segment, ...]:
    """Cached: the rules, the CRF's features and the grouping each ask for one document's."""
    if "''" in text or "``" in text:
        # pair a two-character mark as one straight mark on its second character
        work = TWO_CHARACTER_MARK.sub(_HALF + '"', text)
        return tuple(_widened(seg, work) for seg in _find_segments(work))
    return tuple(_find_segments(text))


def _widened(seg: Segment, work: str) -> Segment:
    """A segment found on the rewritten text, its opening mark given back its first half."""
    start = seg.start - 1 if seg.start > 0 and work[seg.start - 1] == _HALF else seg.start
    return Segment(start, seg.end, seg.inner_start, seg.inner_end)


def _find_segments(text: str) -> list[Segment]:
    segments: list[Segment] = []
    paragraphs = paragraph_spans(text)
    carried: tuple[int, str] | None = None  # an opener left open by the previous paragraph
    for index, (start, end) in enumerate(paragraphs):
        open_at, opener = _scan(text, start, end, carried, segments)
        carried = None
        if open_at is not None and opener is not None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if following and (
                _opens_with(text, following[0], opener) or _closes_first(text, following, opener)
            ):
                carried = (open_at, opener)
    return segments


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Each paragraph's span, blank lines between them left out, empty ones dropped."""
    out, start = [], 0
    for match in PARAGRAPH.finditer(text):
        out.append((start, match.start()))
        start = match.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _opens_with(text: str, start: int, opener: str) -> bool:
    stripped = text[start : start + 3].lstrip().lstrip(_HALF)
    return bool(stripped) and stripped[0] in (opener, "«", "“", '"', "„")


def _closes_first(text: str, paragraph: tuple[int, int], opener: str) -> bool:
    """Whether the first quotation mark of `paragraph` closes `opener`, opens nothing and
    has the speaker's incise after it (a quotation run over a paragraph break without the
    mark repeated: "« … ¶ … », a-t-il déclaré")."""
    for position in range(*paragraph):
        char = text[position]
        if char in PAIRS or char in CLOSERS:
            closes = char in PAIRS[opener]
            opens = char in PAIRS and _may_open(text, position, *paragraph)
            return closes and not opens and text[position + 1 : position + 3].strip()[:1] == ","
    return False


def _scan(
    text: str, start: int, end: int, carried: tuple[int, str] | None, out: list[Segment]
) -> tuple[int | None, str | None]:
    """Pair marks in one paragraph; returns the opener left open, if any."""
    open_at, opener = carried if carried else (None, None)
    inner_opener: str | None = None  # a quote of another kind inside the open one
    position = start
    if carried and _opens_with(text, start, carried[1]):
        # the paragraph's own opening mark only repeats the carried quote
        body = text[start:end]
        position = start + len(body) - len(body.lstrip().lstrip(_HALF)) + 1
    while position < end:
        char = text[position]
        if opener is None:
            if char in PAIRS and _may_open(text, position, start, end):
                open_at, opener = position, char
        elif inner_opener is not None and char in PAIRS[inner_opener]:
            inner_opener = None  # a quote inside the quote closes
        elif char in PAIRS[opener] and (opener != "‘" or _may_close(text, position, end)):
            assert open_at is not None
            out.append(_segment(text, open_at, position + 1))
            open_at, opener = None, None
        elif char in PAIRS and _may_open(text, position, start, end):
            inner_opener = char
        position += 1
    return open_at, opener


def _may_open(text: str, position: int, start: int, end: int) -> bool:
    """An opening mark stands before a word, not after one (apostrophes are not quotes)."""
    k = position - 1
    if k >= start and text[k] == _HALF:  # a two-character mark: what stands before it
        k -= 1
    before = text[k] if k >= start else " "
    after = text[position + 1] if position + 1 < end else " "
    if text[position] in '‘"':
        return not before.isalnum() and not after.isspace()
    return not after.isspace() or text[position] == "«"


def _may_close(text: str, position: int, end: int) -> bool:
    after = text[position + 1] if position + 1 < end else " "
    return not after.isalnum()  # ’ inside a word is an apostrophe


def _segment(text: str, start: int, end: int) -> Segment:
    inner_start, inner_end = start + 1, end - 1
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    # '"We waited too long," she said': the comma is the writer's, not the speaker's.
    # (and the first half of a two-character mark)
    while inner_end > inner_start and (
        text[inner_end - 1].isspace() or text[inner_end - 1] in "," + _HALF
    ):
        inner_end -= 1
    return Segment(start, end, inner_start, inner_end)


def after_dateline(text: str, start: int, end: int) -> int:
    """`start` moved past a wire dateline opening a paragraph there, if any."""
    if start > 0 and text[start - 1] != "\n":
        return start
    match = DATELINE.match(text, start, end)
    return match.end() if match else start
