"""A flattened page cut into lines, each classified by what it looks like.

The text extractor (`extract/text.py`) never looks at raw characters: it reads `Line`s.
A line is one paragraph of the dump (hard-wrapped dumps, like `w3m -dump`, are unwrapped
first), with its bullet and indentation noted and a `kind` telling what it most likely is:
furniture, a section heading (comments, teasers, end of article), a caption or credit, a
date/byline/provider line, a closing trailer, an inline teaser, or text (`prose`/`short`).

Word-based kinds come from the language's `PageWords`; structure-based ones (length,
sentence punctuation, repeated lines, bullets, "( AGENCY / Name )" credits) work for
every language.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property

from quotidien.lang.page import AGENCIES, PageWords

#: Bullets that renderers put before list items.
_BULLET = re.compile(r"^\s*(?:[•·▪◦●■□▶►‣⁃*+\-–—]|\d{1,2}[.)])\s+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ufeff]")
#: Sentence ends, any script: a final stop, possibly inside closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?。！？…:;]['\"”’»)\]]*\s*$")
_TRUNCATED = re.compile(r"(?:\.\.\.|…)\s*[\]).»”]?\s*$")
_STAMPED = re.compile(r"^(?:\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?\s+)?\d{1,2}[:.]\d{2}\b(?!\.\d)")
#: Numeric dates and times in any language: "2012-01-12", "12.01.2012", "2012年01月", "15:45".
DATE_LIKE = re.compile(
    r"(?:19|20)\d{2}\s*[-年/.]\s*\d{1,2}|\b\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d{2}\b|\b\d{1,2}:\d{2}\b"
)
_LETTER = re.compile(r"[^\W\d_]")
_WORDISH = re.compile(r"[\w ]")
_WIDE = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff]")
#: A trailing credit in brackets with a slash: "( POOL / Gavriil GRIGOROV )", "(AFP/Getty)".
_BRACKET_CREDIT = re.compile(
    r"^(?P<caption>.*?\S)\s*[(\[]\s*(?P<credit>[^()\[\]]{2,80}/[^()\[\]]{1,80}?)\s*[)\]]\s*$"
)
#: A trailing agency in brackets: "… le 8 novembre ( AFP )".
_AGENCY = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))
_BRACKET_AGENCY = re.compile(
    rf"^(?P<caption>.*?\S)\s*[(\[]\s*(?P<credit>(?:{_AGENCY})(?:\s*[/,-]\s*[^()\[\]]{{1,60}})?)\s*[)\]]\s*$"
)
#: A trailing credit in capitals after the caption's full stop: "… le 7 mars. LUDOVIC MARIN / AFP".
_CAPITAL_CREDIT = re.compile(
    r"^(?P<caption>.*?[.!?])\s+(?P<credit>[A-ZÀ-Þ][A-ZÀ-Þ.'’ -]{2,60}/\s*[\w.'’ -]{2,40})$"
)
_COPYRIGHT = re.compile(
    r"^(?P<caption>.*?)[\s.,;(]*(?:©|\(c\)|copyright)\s*(?P<credit>[^()©]{2,80}?)\s*\)?$",
    re.IGNORECASE,
)
#: Navigation bars flattened on one line: "Home | News | Sport | Weather".
_NAV_SEPARATORS = re.compile(r"\s[|•·>»/]\s")


@dataclass
class Line:
    """One paragraph of the dump."""

    index: int
    text: str
    bullet: bool = False
    indent: int = 0
    #: Blank lines before it (a new paragraph group starts).
    gap: bool = False
    kind: str = "prose"
    #: Name of the section heading's match, e.g. the declared comment count.
    count: int | None = None
    #: Filled for captions/credits: (caption, credit).
    caption: str | None = None
    credit: str | None = None
    #: Times the same text appears on the page.
    repeats: int = 1
    extra: dict[str, str] = field(default_factory=dict)

    @cached_property
    def weight(self) -> int:
        """Length in Latin-letter units: a CJK character weighs about a word."""
        wide = len(_WIDE.findall(self.text)) if not self.text.isascii() else 0
        return len(self.text) + 2 * wide

    @property
    def sentence(self) -> bool:
        return bool(_SENTENCE_END.search(self.text))

    @cached_property
    def words(self) -> int:
        return len(self.text.split()) + (self.weight - len(self.text)) // 3


def clean(text: str) -> str:
    """Spaces normalised (non-breaking, thin, tabs) and control characters dropped."""
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip()


def split_lines(text: str) -> list[Line]:
    """The dump as paragraphs: blank-line groups, unwrapped when the dump is hard-wrapped."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    width = _wrap_width(raw)
    lines: list[Line] = []
    gap = True
    pending: Line | None = None
    last = ""  # the previous row as written: a joined line's length is not the row's
    for row in raw:
        body = clean(row)
        if not body:
            gap = True
            pending = None
            continue
        bullet = bool(_BULLET.match(row)) and len(body) > 2
        if bullet:
            body = clean(_BULLET.sub("", row, count=1))
        indent = len(row) - len(row.lstrip(" \t\u00a0"))
        if pending is not None and width and not bullet and _continues(pending, last, row, width):
            pending.text = f"{pending.text} {body}"
            last = row
            continue
        last = row
        line = Line(index=len(lines), text=body, bullet=bullet, indent=indent, gap=gap)
        lines.append(line)
        pending = line
        gap = False
    return lines


def _wrap_width(rows: list[str]) -> int:
    """The column a hard-wrapped dump breaks at, or 0 when lines are not wrapped."""
    lengths = [len(r.rstrip()) for r in rows if len(r.strip()) > 20]
    if len(lengths) < 8:
        return 0
    widest = max(lengths)
    if widest > 160:
        return 0
    near = sum(1 for n in lengths if n >= widest - 15)
    return widest if near >= len(lengths) / 3 else 0


def _continues(previous: Line, last: str, row: str, width: int) -> bool:
    """Whether `row` goes on the line `previous`, whose last row was `last`. A wrapper broke
    the row when the next word would not fit in the width (unless a sentence ends there and
    the next begins with a capital: a paragraph may end just as well); a wrapper that breaks
    short of the width (fmt), when the row came near it and the next starts lower case or
    continues a sentence."""
    reach = len(last.rstrip())
    first = row.split()[0]
    if reach + 1 + len(first) > width and not (previous.sentence and first[:1].isupper()):
        return True
    return (reach >= width - 20 and not first[:1].isupper()) or (
        reach >= width - 12 and not previous.sentence
    )


@cache
def _furniture_pattern(phrases: frozenset[str]) -> re.Pattern[str] | None:
    """One pattern for all furniture phrases, longest first; built once per language."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile("|".join(re.escape(p) for p in ordered), re.IGNORECASE) if ordered else None


class Classifier:
    """Gives each line its `kind`, from the language's words and structural cues."""

    def __init__(self, words: PageWords) -> None:
        self.words = words
        self._furniture = _furniture_pattern(words.furniture)

    def classify(self, lines: list[Line]) -> None:
        counts = Counter(line.text for line in lines)
        for line in lines:
            line.repeats = counts[line.text]
            line.kind = self.kind(line)

    def kind(self, line: Line) -> str:
        text = line.text
        if not _LETTER.search(text) or _letter_share(text) < 0.6:
            return "junk"
        if line.weight <= 300:
            heading = self._heading(line)
            if heading:
                return heading
            if self.is_furniture(text):
                return "furniture"
            if first_match(self.words.trailer_patterns, text):
                return "trailer"
            if self._caption(line):
                return "caption"
            if (m := first_match(self.words.inline_teaser_patterns, text)) and m.group("title"):
                line.extra["title"] = m.group("title").strip()
                return "inline_teaser"
        if _looks_like_navigation(text):
            return "furniture"
        if first_match(self.words.read_more, text[-60:]):
            line.extra["read_more"] = "1"
        return "prose" if is_prose(line) else "short"

    def is_furniture(self, text: str) -> bool:
        key = _key(text)
        if key in self.words.furniture:
            return True
        if first_match(self.words.furniture_patterns, text):
            return True
        # Glued menus are short and are not sentences (the phrase search is the costly part).
        if self._furniture is None or len(text) > 160 or self._sentence_like(text):
            return False
        # Several furniture phrases glued on one line ("Aller au contenu principal Activer
        # le contraste adaptéDésactiver le contraste adapté").
        rest = self._furniture.sub(" ", key)
        return not _LETTER.search(rest) or len(rest.strip(" |•·-:")) <= 2

    @staticmethod
    def _sentence_like(text: str) -> bool:
        return bool(_SENTENCE_END.search(text)) and len(text.split()) >= 6

    def _heading(self, line: Line) -> str | None:
        text = line.text.rstrip(" :")
        # A list item is a link in a toolbar ("• Comments (352)"), not a section heading.
        if line.words > 12 or line.bullet:
            return None
        for kind, found in (
            ("comments_heading", self.words.comments_heading),
            ("teasers_heading", self.words.teasers_heading),
            ("end_heading", self.words.end_headings),
        ):
            match = first_match(found, text)
            if match:
                count = match.groupdict().get("count")
                line.count = int(count) if count and count.strip().isdigit() else None
                return kind
        return None

    def _caption(self, line: Line) -> bool:
        text = line.text
        for marker in self.words.caption_markers:
            found = marker.match(text)
            if found:
                line.caption = text[found.end() :].strip() or None
                return True
        credit = self.split_credit(text)
        if credit is None:
            return False
        caption, who = credit
        # A sentence of the article that happens to end in brackets is no caption: a
        # caption seldom ends its text with a full stop before the credit.
        if caption and len(caption) > 250:
            return False
        line.caption, line.credit = caption, who
        return True

    def split_credit(self, text: str) -> tuple[str | None, str] | None:
        """(caption, credit) when the line ends with or is a photo credit."""
        for pattern in (
            *self.words.credit_patterns,
            _BRACKET_CREDIT,
            _BRACKET_AGENCY,
            _CAPITAL_CREDIT,
            _COPYRIGHT,
        ):
            found = pattern.match(text)
            if found:
                credit = found.group("credit").strip(" .;,")
                # A credit names someone: "(≤1500/920000)" in a table is no credit.
                if not credit or len(credit.split()) > 10 or _letter_share(credit) < 0.6:
                    continue
                if len(_LETTER.findall(credit)) < 0.5 * len(credit.replace(" ", "")):
                    continue
                groups = found.groupdict()
                caption = (groups.get("caption") or "").strip(" .;,-–—") or None
                return caption, credit
        return None


def is_prose(line: Line) -> bool:
    """Article-like text: long enough, ending a sentence, or long without ending one.

    A line cut short ("…", "...") or opening with a time stamp ("17:20 Title") is a
    teaser in a list of stories, not article text.
    """
    weight = line.weight
    if weight < 400 and (_TRUNCATED.search(line.text) or _STAMPED.match(line.text)):
        return False
    if weight > 1.5 * len(line.text) and _spaced_out(line.text):
        return False
    if weight < 400 and not line.sentence and DATE_LIKE.search(line.text):
        return False  # a dated headline in a list: "Title (29/12 - 10:50)"
    if weight >= 40 and line.sentence and line.words >= 6:
        return True
    return weight >= 120 and line.words >= 15


def _spaced_out(text: str) -> bool:
    # Chinese or Japanese prose runs without spaces; headlines set side by side are
    # separated by them ("法國打折季首日 慎入！非洲非法野味市場 延展閱讀").
    gaps = text.count(" ") + text.count("‧")
    return gaps >= 3 and len(text) / (gaps + 1) < 25


def _letter_share(text: str) -> float:
    sample = text[:400]
    letters = len(_WORDISH.findall(sample))
    return letters / max(1, len(sample))


def _looks_like_navigation(text: str) -> bool:
    parts = _NAV_SEPARATORS.split(text)
    if len(parts) < 4:
        return False
    return statistics.mean(len(p.split()) for p in parts) <= 3


def _key(text: str) -> str:
    return text.lower().replace("’", "'").strip(" :.|•·>-–—")


def first_match(found: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    """The first of `found` that matches in `text` (searched)."""
    for pattern in found:
        match = pattern.search(text)
        if match:
            return match
    return None
