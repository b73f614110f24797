"""A page already flattened to text -> article record.

Crawl dumps, WET records and `w3m -dump`/inscriptis output keep everything a browser
shows: menus, the title, bylines and dates, photo captions (often twice: alt text and
caption), the article, reader comments and "read also" teasers. Here the dump is cut into
classified lines (`extract/segment.py`), then:

1. the body is the best contiguous run of prose lines (a maximum-sum run: prose scores its
   length, furniture and short lines cost), never crossing a comments, teasers or
   end-of-article heading;
2. the title is the heading-like line before that run that best looks like one (close to
   the run, followed by a date or byline line);
3. the lead is a first paragraph set apart from the body by a byline, a date or a caption;
4. dates, bylines and providers are read from the lines between title and body; captions
   and credits anywhere in the article become images, one per distinct caption;
5. sections after the article become comments and teasers (`extract/text_sections.py`).

Words come from the language's `PageWords`; a language without data still gets the
structural rules (length, punctuation, repeats, position, bullets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from quotidien import lang
from quotidien.extract.dates import (
    SEPARATORS,
    DateMatch,
    find_date,
    find_dates,
    time_at,
    without_dates,
)
from quotidien.extract.language import detect
from quotidien.extract.segment import DATE_LIKE, Classifier, Line, first_match, split_lines
from quotidien.extract.text_sections import parse_sections
from quotidien.extract.zones import assumed_zone
from quotidien.lang.page import AGENCIES, PageWords
from quotidien.model import Article, Block, BlockKind, Image, Source, Teaser, Timestamp
from quotidien.settings import Settings

#: Kinds the body run never crosses.
_HARD = frozenset({"comments_heading", "teasers_heading", "end_heading"})
#: Kinds of the lines around the title that carry metadata.
_HEADER = frozenset({"dateline", "byline", "provider"})
#: "WASHINGTON (Reuters) -", "PARIS (AFP) —": a wire dateline opening the first paragraph.
_AGENCY = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))
_WIRE = re.compile(rf"^[^()]{{0,80}}?\(\s*(?P<provider>{_AGENCY})\s*\)\s*[-–—:]\s*\S")
#: A trailing "(avec AFP)" / "(with Reuters)": the agency the story comes from.
_TRAILING_AGENCY = re.compile(rf"\(\s*(?:\w+\s+)?(?P<provider>{_AGENCY})\s*\)\.?$")
#: A site name or address in a line ("thinkstock.com"): a credit or a link, not a title.
_DOMAIN = re.compile(r"\w\.(?:com|net|org|ru|ua|pl|gr|cn|fr|uk|de|info|az)\b|https?://|www\.", re.I)
_LIST_SPLIT = re.compile(r"\s*(?:,|;|&|\bet\b|\band\b)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Context:
    """What reading a page's dates and words needs."""

    language: lang.Language | None
    words: PageWords
    zone: str
    reference: datetime | None

    def find_date(self, text: str, reference: datetime | None = None) -> DateMatch | None:
        return find_date(
            text, language=self.language, reference=reference or self.reference, zone=self.zone
        )

    def find_dates(self, text: str, reference: datetime | None = None) -> list[DateMatch]:
        return find_dates(
            text, language=self.language, reference=reference or self.reference, zone=self.zone
        )


def extract_text(text: str, source: Source, settings: Settings) -> Article:
    """A flattened page -> its article record (see the module docstring for how)."""
    article = Article(source=source, language=None, provider=None)
    lines = split_lines(text)
    if not lines:
        article.warn("no-body", "the text holds no line")
        return article
    code = detect(_sample(lines))
    language = lang.get(code)
    article.language = code
    words = language.page if language else PageWords()
    if words == PageWords():  # no language data, or dates only
        article.warn("no-language-data", f"no page words for language {code!r}: structure only")
    ctx = Context(language, words, assumed_zone(source.url, language), source.retrieved)
    Classifier(words).classify(lines)
    _mark_repeated_captions(lines)
    _mark_header_lines(lines, ctx)
    run = body_run(lines)
    if run is None:
        article.warn("no-body", "no run of article text found in the page")
        return article
    start, end = through_boxes(lines, run)
    title_at = find_title(lines, start)
    if title_at is not None:
        article.title = lines[title_at].text
    top = title_at if title_at is not None else max(0, start - 1)
    lead_at = find_lead(lines, top, start, end)
    if lead_at is not None:
        article.lead = lines[lead_at].text
    first = _first_body_line(lines, start, end, lead_at)
    _read_header(article, lines[max(0, top - 3) : first], ctx)
    if article.published is None and article.updated is None:
        # Some pages print the date above the title or under the article.
        around = lines[max(0, top - 10) : max(0, top - 3)] + lines[end + 1 : end + 6]
        _read_header(article, [line for line in around if line.kind == "dateline"], ctx)
    article.blocks = body_blocks(lines, first, end, lead_at, settings)
    _read_provider_from_body(article, lines, first, end)
    article.images = images(lines[max(0, top - 3) : end + 1])
    article.teasers = [
        Teaser(title=line.extra["title"])
        for line in lines[first : end + 1]
        if line.kind == "inline_teaser"
    ]
    parse_sections(article, lines, top, end, ctx)
    _date_warnings(article, lines[max(0, top - 3) : first], ctx)
    return article


# ---------------------------------------------------------------------------------------
# Line marks


def _sample(lines: list[Line]) -> str:
    """The longest lines, for guessing the language (menus say little)."""
    longest = sorted(lines, key=lambda line: line.weight, reverse=True)[:30]
    return "\n".join(line.text for line in longest)[:5000]


def _mark_repeated_captions(lines: list[Line]) -> None:
    # A caption is often shown twice in a row (image alt text, then caption): the same
    # line repeated within a few lines, outside any sentence flow.
    seen: dict[str, int] = {}
    for line in lines:
        if line.repeats > 1 and line.kind in ("prose", "short") and line.weight <= 400:
            before = seen.get(line.text)
            if before is not None and line.index - before <= 3:
                for twin in (lines[before], line):
                    twin.kind = "caption"
                    twin.caption = twin.caption or twin.text
        seen[line.text] = line.index


def _mark_header_lines(lines: list[Line], ctx: Context) -> None:
    """Short lines holding a date, a byline or a provider become header lines."""
    for line in lines:
        if line.kind not in ("short", "prose", "furniture") or line.weight > 220:
            continue
        found = ctx.find_dates(line.text)
        rest = without_dates(line.text, found)
        if found and len(rest.split()) <= 12:
            line.kind = "dateline"
        elif _unresolved_date(line, ctx) or (line.weight <= 100 and DATE_LIKE.search(line.text)):
            # A date in a language without date words ("2012年01月12日 15:45"): the line
            # still marks the article's header, though no date is read from it.
            line.kind = "dateline"
        if len(rest.split()) > 14:
            continue
        provider = first_match(ctx.words.provider_patterns, rest.strip(SEPARATORS))
        byline = first_match(ctx.words.byline_patterns, rest.strip(SEPARATORS))
        if provider and line.kind != "furniture":
            line.kind = "provider" if not found else "dateline"
        elif (byline and not line.sentence) or (byline and found):
            line.kind = "byline" if not found else "dateline"


def _unresolved_date(line: Line, ctx: Context) -> bool:
    """Whether the line holds a relative or year-less date, readable only given a
    reference time that the page did not come with ("3 hours ago")."""
    if ctx.reference is not None or line.weight > 80:
        return False
    found = ctx.find_dates(line.text, reference=datetime.now(UTC))
    if found and len(without_dates(line.text, found).split()) <= 4:
        line.extra["unresolved"] = line.text
        return True
    return False


# ---------------------------------------------------------------------------------------
# Body, title, lead


def _score(line: Line) -> float:
    kind = line.kind
    if kind in _HARD:
        return -1e9
    if kind == "prose" and "read_more" in line.extra:
        return -10  # "… Read more": a teaser linking to another story
    if kind == "prose":
        weight = min(line.weight, 800)
        # Article paragraphs end their sentences; headlines set side by side do not.
        score = weight if line.sentence else _UNENDED * weight
        return score / line.repeats
    if kind == "short" and line.bullet:
        # A list inside an article reads as sentences; a list of headlines does not.
        return 0.3 * line.weight if line.sentence and line.words >= 6 else -15
    if kind in ("caption", "inline_teaser"):
        return -10
    if kind in _HEADER:
        return -20
    return -25


_UNENDED = 0.6
#: A run after a comments or teasers heading is the article only when nothing else is.
_AFTER_SECTION = 0.5


def body_run(lines: list[Line]) -> tuple[int, int] | None:
    """First and last index of the article's run of prose.

    Each stretch between section headings gets its best run (a maximum-sum subarray of
    line scores); of those, the run wins that has the most text in full sentences,
    counted down when it follows a comments or teasers heading.
    """
    best, best_run = 0.0, None
    for first, last in _stretches(lines):
        found = _best_run(lines, first, last)
        if found is None:
            continue
        value = _run_value(lines, first, *found)
        if value > best:
            best, best_run = value, found
    return best_run


#: Headlines a "read also" box set inside the article may hold.
_BOX_LINES = 3


def through_boxes(lines: list[Line], run: tuple[int, int]) -> tuple[int, int]:
    """The body run carried past each "read also" box set inside the article: a teasers
    heading, one to `_BOX_LINES` headlines, then at least two paragraphs of prose (a list of
    teasers with their summaries alternates headline and paragraph). The box's headlines
    become inline teasers, its heading furniture."""
    start, end = run
    while end + 1 < len(lines) and lines[end + 1].kind == "teasers_heading":
        head = end + 1
        k = head + 1
        while k < len(lines) and k - head <= _BOX_LINES and _box_headline(lines[k]):
            k += 1
        if k == head + 1 or not all(_paragraph(lines, i) for i in (k, k + 1)):
            break
        bound = next((i for i in range(k, len(lines)) if lines[i].kind in _HARD), len(lines))
        found = _best_run(lines, k, bound - 1)
        if found is None or found[0] != k:
            break
        lines[head].kind = "furniture"
        for line in lines[head + 1 : k]:
            line.kind, line.extra["title"] = "inline_teaser", line.text
        end = found[1]
    return start, end


def _box_headline(line: Line) -> bool:
    return line.kind in ("short", "inline_teaser") and not line.sentence


def _paragraph(lines: list[Line], i: int) -> bool:
    return i < len(lines) and lines[i].kind == "prose" and lines[i].sentence


def _stretches(lines: list[Line]) -> list[tuple[int, int]]:
    """Index ranges between hard headings (each range starts at its heading, if any)."""
    bounds = [i for i, line in enumerate(lines) if line.kind in _HARD]
    starts = [0, *bounds]
    ends = [*(b - 1 for b in bounds), len(lines) - 1]
    return [(s, e) for s, e in zip(starts, ends, strict=True) if e >= s]


def _best_run(lines: list[Line], first: int, last: int) -> tuple[int, int] | None:
    best, best_run = 0.0, None
    total, start = 0.0, first
    streak = 0
    for i in range(first, last + 1):
        if total <= 0:
            total, start = 0.0, i
        score = _score(lines[i]) if lines[i].kind not in _HARD else -25
        # A long stretch of non-article lines (a list of stories, a footer) costs more
        # line by line than a caption or subheading between two paragraphs.
        streak = streak + 1 if score <= 0 else 0
        total += score * min(1 + 0.5 * max(0, streak - 1), 6) if score <= 0 else score
        if total > best:
            best, best_run = total, (start, i)
    if best_run is None or best < 40:
        return None
    start, end = best_run
    while start < end and lines[start].kind != "prose":
        start += 1
    return start, end


def _run_value(lines: list[Line], first: int, start: int, end: int) -> float:
    value = sum(
        min(line.weight, 800) / line.repeats
        for line in lines[start : end + 1]
        if line.kind == "prose" and line.sentence and "read_more" not in line.extra
    )
    heading = lines[first]
    between = lines[first + 1 : start]
    # A box of related links set inside the article ("Related Stories" and a few bulleted
    # headlines) ends with its list: the text after it is the article again.
    link_box = bool(between) and all(line.bullet and line.kind == "short" for line in between)
    if heading.kind in ("comments_heading", "teasers_heading") and not link_box:
        value *= _AFTER_SECTION
    return value


def _title_like(line: Line) -> bool:
    if line.kind not in ("short", "prose") or line.bullet:
        return False
    if line.kind == "prose" and (line.weight > 250 or line.text.endswith(".")):
        return False
    return 2 <= line.words <= 40 and 8 <= line.weight <= 300


def find_title(lines: list[Line], start: int) -> int | None:
    """Index of the title: the heading-like line before the body that best looks like one."""
    best, best_at = 0.0, None
    seen = 0
    for i in range(start - 1, -1, -1):
        line = lines[i]
        # A teasers heading may head a box of links inside the article; comments and
        # the page's end never come between a title and its text.
        if line.kind in ("comments_heading", "end_heading") and i < start - 1:
            break
        seen += 1
        if seen > 30:
            break
        if not _title_like(line):
            continue
        score = 2.0 - 0.12 * seen
        after = lines[i + 1 : i + 5]
        if any(other.kind in _HEADER for other in after):
            score += 3
        if i > 0 and lines[i - 1].kind in _HEADER:
            score += 1.5
        if 20 <= line.weight <= 200:
            score += 1
        if line.words >= 4:
            score += 1
        if _DOMAIN.search(line.text):
            score -= 2
        if line.text.endswith("."):
            score -= 1.5
        if any(line.text in other.text for other in lines[:i] if other is not line):
            score += 1.5
        if score > best:
            best, best_at = score, i
    return best_at


def find_lead(lines: list[Line], top: int, start: int, end: int) -> int | None:
    """Index of the lead: the first paragraph, set apart from the body that follows."""
    for i in range(top + 1, start):
        line = lines[i]
        if line.kind == "prose" and line.weight <= 800:
            return i
    prose = [i for i in range(start, end + 1) if lines[i].kind == "prose"]
    if len(prose) < 3:
        return None
    first, second = prose[0], prose[1]
    between = lines[first + 1 : second]
    if lines[first].weight <= 800 and any(
        line.kind in _HEADER or line.kind == "caption" for line in between
    ):
        return first
    return None


def _first_body_line(lines: list[Line], start: int, end: int, lead_at: int | None) -> int:
    if lead_at is None or lead_at < start:
        return start
    for i in range(lead_at + 1, end + 1):
        if lines[i].kind == "prose":
            return i
    return end


def body_blocks(
    lines: list[Line], first: int, end: int, lead_at: int | None, settings: Settings
) -> list[Block]:
    """The body's blocks, in order: furniture, captions, header lines and trailers left out."""
    run = lines[first : end + 1]
    # Trailing credits ("Reporting by …") and furniture are not the article's last words.
    while run and run[-1].kind not in ("prose", "short"):
        run.pop()
    blocks: list[Block] = []
    for pos, line in enumerate(run):
        if line.index == lead_at:
            continue
        kind = _block_kind(line, run[pos + 1] if pos + 1 < len(run) else None, settings)
        if kind is not None:
            blocks.append(Block(kind=kind, text=line.text))
    while blocks and blocks[-1].kind == "heading":
        blocks.pop()
    # A page may hold the article twice (a print version, a hidden slide): keep it once.
    seen: set[str] = set()
    unique = []
    for block in blocks:
        if block.kind == "heading" or block.text not in seen:
            unique.append(block)
            seen.add(block.text)
    return unique


def _block_kind(line: Line, following: Line | None, settings: Settings) -> BlockKind | None:
    if line.kind == "prose":
        return "list_item" if line.bullet else "paragraph"
    if line.kind != "short" or (line.weight < settings.min_block_chars and not line.sentence):
        return None
    if line.bullet:
        return "list_item"
    if (
        not line.sentence
        and line.words <= 20
        and following is not None
        and following.kind == "prose"
    ):
        return "heading"
    return "paragraph" if line.sentence else None


# ---------------------------------------------------------------------------------------
# Header: dates, bylines, provider


def _read_header(article: Article, header: list[Line], ctx: Context) -> None:
    for line in header:
        if line.kind not in _HEADER:
            continue
        found = ctx.find_dates(line.text)
        _read_dates(article, line.text, found, ctx)
        _read_update_time(article, line.text, ctx)
        rest = without_dates(line.text, found)
        for label in ctx.words.updated_labels:
            rest = label.sub(" ", rest)
        rest = _strip_date_labels(rest).strip(SEPARATORS)
        if not rest:
            continue
        provider = first_match(ctx.words.provider_patterns, rest)
        if provider and not article.provider:
            article.provider = provider.group("provider").strip(SEPARATORS)
            continue
        byline = first_match(ctx.words.byline_patterns, rest)
        if byline and not article.authors:
            _read_byline(article, byline.group("author"))


def _strip_date_labels(text: str) -> str:
    # "Publié le", "Published on": what is left of a date line once the date is cut out.
    words = text.split()
    while words and _is_label(words[-1]):
        words.pop()
    while words and _is_label(words[0]):
        words.pop(0)
    return " ".join(words)


def _is_label(word: str) -> bool:
    bare = word.rstrip(":,").lower()
    return bare in _DATE_LABELS or (word.islower() and len(bare) <= 3)


#: Words that label a date ("Publié le", "Posted on"), cut off around a byline or provider.
_DATE_LABELS = frozenset({"publié", "publiée", "published", "posted", "updated"})


def _read_dates(article: Article, text: str, found: list[DateMatch], ctx: Context) -> None:
    previous = 0
    for match in found:
        label = text[previous : match.start]
        previous = match.end
        updated = first_match(ctx.words.updated_labels, label) is not None
        if updated or (
            article.published is not None
            and article.updated is None
            and match.timestamp.value > article.published.value
        ):
            if article.updated is None:
                article.updated = match.timestamp
        elif article.published is None:
            article.published = match.timestamp


def _read_update_time(article: Article, text: str, ctx: Context) -> None:
    """ "Publié le 02/12/2026 à 18h05 · Mis à jour à 19h30": an update given as a time of
    day alone is on the day of publication."""
    published = article.published
    label = first_match(ctx.words.updated_labels, text)
    if article.updated is not None or published is None or label is None:
        return
    found = time_at(text, label.end(), ctx.language)  # right after the label: no date between
    if found is None:
        return
    clock, raw = found
    value = published.value.replace(hour=clock.hour, minute=clock.minute, second=0, microsecond=0)
    if value > published.value:
        article.updated = Timestamp(value=value, zone_assumed=published.zone_assumed, raw=raw)


def _agency_in(name: str) -> str | None:
    """The agency a byline part names: "AFP", "Associated Press", "avec AFP"."""
    words = name.split()
    for k in range(len(words)):
        agency = " ".join(words[k:])
        linked = all(word.islower() for word in words[:k])
        if linked and (agency in AGENCIES or agency.upper() in AGENCIES):
            return agency
    return None


def _read_byline(article: Article, authors: str) -> None:
    for name in _LIST_SPLIT.split(authors):
        name = name.strip(SEPARATORS)
        if not name:
            continue
        agency = _agency_in(name)
        if agency is not None:
            article.provider = article.provider or agency
        elif len(name.split()) <= 5:
            article.authors.append(name)


def _read_provider_from_body(article: Article, lines: list[Line], first: int, end: int) -> None:
    if article.provider:
        return
    if article.blocks:
        wire = _WIRE.match(article.blocks[0].text)
        if wire:
            article.provider = wire.group("provider")
            return
    # Closing lines: "(avec AFP)", trailers naming an agency.
    for line in lines[max(first, end - 3) : end + 1]:
        found = _TRAILING_AGENCY.search(line.text)
        if found:
            article.provider = found.group("provider")
            return


def _date_warnings(article: Article, header: list[Line], ctx: Context) -> None:
    if article.published is None and article.updated is not None:
        # Only an update time shown: the best bound we have on publication, said as such.
        article.published = article.updated
        article.warn("published-from-updated", "only an update time is shown; used as published")
    if article.published is not None:
        return
    if any("unresolved" in line.extra for line in header):
        article.warn(
            "relative-date-unresolved",
            "the page gives a relative or year-less date and the retrieval time is unknown",
        )
    article.warn("no-date", "no publication date found")


# ---------------------------------------------------------------------------------------
# Images


def images(lines: list[Line]) -> list[Image]:
    """One image per distinct caption; a credit line joins the caption next to it."""
    out: list[Image] = []
    seen: set[str] = set()
    pending_credit: str | None = None
    for pos, line in enumerate(lines):
        if line.kind != "caption":
            continue
        if line.caption is None and line.credit:
            following = lines[pos + 1] if pos + 1 < len(lines) else None
            # "Image source, X" then "Image caption, Y" (credit first), or a caption
            # then "Photo: X" (credit after).
            credit_first = following is not None and following.kind == "caption"
            if not credit_first and out and out[-1].credit is None:
                out[-1].credit = line.credit
            else:
                pending_credit = line.credit
            continue
        key = (line.caption or "").casefold()
        if key in seen:
            continue
        seen.add(key)
        out.append(Image(caption=line.caption, credit=line.credit or pending_credit))
        pending_credit = None
    return out
