"""HTML page -> Article: body, comments, teasers, captions, provider, times.

One pipeline of plain functions over one lxml tree, parsed once:

1. read what the page declares (`metadata.read_metadata`: JSON-LD, OpenGraph, meta);
2. let readability-lxml find the body in the page as parsed (on its own copy of the tree:
   cutting regions out first changes which container it picks, as often for the worse
   as for the better; trafilatura's body when readability's is under a paragraph), and
   read the headline;
3. on the tree, find the furniture (share bars, cookie banners…), the reader-comment
   sections and the related-story blocks by their markup (class/id names, headings
   matched by the language's `PageWords`, a named anchor such as `<a name="comments">`
   after the article); read comments and teasers into their fields,
   figures into `images` (caption and credit apart, one image per picture) and the
   standfirst into `lead`, and cut each out, remembering the text it shows;
4. clean the body: blocks (or parts of blocks) that are cut text leave it, and so do
   provider lines ("information fournie par AFP") and furniture lines; so comments,
   teasers and captions never reach the body whatever the extractor picked; nor do
   bylines;
5. authors and provider (JSON-LD, bylines, datelines), the publication time from every
   reader's evidence (`published.settle`).

This module keeps the order of the steps and the lead, body, byline and times. The headline
is read in `html_title`, readability-lxml run in `html_readability`, comments read in
`html_comments`, teasers in `html_teasers`, images in `html_images`;
what the steps share (`HtmlPage`, the tree helpers, finding regions) is in `html_page`.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Iterator

import ahocorasick
import lxml.html
from lxml import etree

from quotidien.extract import xpaths
from quotidien.extract.dates import find_date, without_dates
from quotidien.extract.html_comments import read_comments
from quotidien.extract.html_images import read_images
from quotidien.extract.html_page import (
    HtmlPage,
    absolute,
    class_and_id,
    clean_text,
    contains,
    cut_out,
    holds_article,
    is_furniture,
    joined,
    outermost,
    parse_page_date,
    provider_in,
    provider_name,
    remove,
    set_telling,
    text_of,
)
from quotidien.extract.html_readability import readability_summary
from quotidien.extract.html_teasers import read_teasers
from quotidien.extract.html_title import read_title
from quotidien.extract.html_tree import read_tree
from quotidien.extract.language import detect
from quotidien.extract.language import normalise as normalise_language
from quotidien.extract.metadata import PageMeta, agency, read_metadata
from quotidien.extract.published import evidence, htmldate_evidence, settle
from quotidien.lang import all_languages, get
from quotidien.lang.page import PageWords
from quotidien.model import Article, Block, BlockKind, Source
from quotidien.settings import Settings

#: trafilatura's fast mode (no fallback extractors), for the fallback body.
FAST = False
#: trafilatura's favor_recall.
RECALL = False


def extract_html(html: str, source: Source, settings: Settings) -> Article:
    tree, problems = read_tree(html, source.name())
    article = Article(source=source)
    for code, message in problems:
        article.warn(code, message)
    meta = read_metadata(tree)
    hint = normalise_language(meta.language)
    page = HtmlPage(tree, source, settings, meta, get(hint), _words(hint), None, None)
    page.base_url = _base_url(tree, source, meta)
    # The page as parsed, before any cut: htmldate's date, if it is asked (a copy, read at
    # the end), trafilatura (which prunes a copy of its own) and the headline (which may
    # sit in a box cut as furniture).
    untouched = copy.deepcopy(tree)
    article.blocks = _body(page)
    set_telling(page, (b.text for b in article.blocks))
    article.title = read_title(page)
    _drop_invisible(tree)
    page.main = _main_container(tree)
    _cut_furniture(page)
    article.comments = read_comments(page)
    article.teasers = read_teasers(page)
    article.images = read_images(page)
    article.lead = _lead(page)
    # The tree is cut no further: its bylines are read once, for three uses.
    bylines = xpaths.bylines(tree)
    _clean_blocks(page, article, bylines)
    _byline(page, article, bylines)
    _times(page, article, untouched, bylines)
    article.section = meta.section
    article.tags = list(dict.fromkeys(meta.tags + _visible_tags(tree)))
    article.canonical_url = absolute(page, meta.canonical_url)
    article.site_name = meta.site_name or meta.publisher
    article.language = detect(article.body_text() or article.title or "", hint)
    return article


def _drop_invisible(tree: lxml.html.HtmlElement) -> None:
    # JSON-LD has been read by now; scripts, styles and controls hold no page text.
    etree.strip_elements(tree, *xpaths.INVISIBLE_TAGS, with_tail=False)


def _words(hint: str | None) -> list[PageWords]:
    """Page words of every language, the page's declared one first: furniture and
    headings of other languages do no harm (no French heading reads as English text)."""
    languages = all_languages()
    languages.sort(key=lambda lang: lang.code != hint)
    return [lang.page for lang in languages]


def _base_url(tree: lxml.html.HtmlElement, source: Source, meta: PageMeta) -> str | None:
    base = xpaths.BASE.strings(tree)
    url = source.url or meta.canonical_url
    if base:
        return joined(url or "", str(base[0]).strip()) or url
    return url


def _main_container(tree: lxml.html.HtmlElement) -> etree._Element | None:
    """The element holding most paragraph text: the article, roughly. Comment and
    teaser sections are never cut when they would take it with them."""
    for query in xpaths.ARTICLE_CONTAINERS:
        found = [e for e in query(tree) if len(text_of(e)) > 400]
        if len(found) == 1:
            return found[0]
    weight: dict[etree._Element, int] = {}
    for element in tree.iter(*xpaths.TEXT_BLOCK_TAGS):
        own = len(clean_text(element.text)) + sum(len(clean_text(c.tail)) for c in element)
        if own < 30:
            continue
        # Paragraphs count for the box around them; text written straight into a div
        # (old table-and-br layouts) for the div itself.
        box = element.getparent() if element.tag == "p" else element
        if box is not None:
            weight[box] = weight.get(box, 0) + own
    return max(weight, key=weight.__getitem__) if weight else None


def _cut_furniture(page: HtmlPage) -> None:
    """Cut share bars, cookie banners, kickers and the like (by their class and id names),
    remembering their text so that it never reaches a field."""
    found = []
    for element in page.tree.iter(*xpaths.REGION_TAGS, "p", "span", "a", "li"):
        if (
            xpaths.FURNITURE_NAMES.search(class_and_id(element))
            and not contains(element, page.main)
            and not holds_article(page, element)
        ):
            found.append(element)
    for element in outermost(found):
        cut_out(page, element)


# --- title, lead, body ---------------------------------------------------------------------


def _lead(page: HtmlPage) -> str | None:
    """The standfirst, taken out of the tree so that it is not read twice."""
    for element in xpaths.LEAD(page.tree):
        text = text_of(element)
        if 40 <= len(text) <= 800 and len(element) <= 3 and not contains(element, page.main):
            remove(element)
            return text
    return None


_BLOCK_KINDS: dict[str, BlockKind] = {
    "p": "paragraph",
    "head": "heading",
    "item": "list_item",
    "quote": "blockquote",
    "code": "paragraph",
    "row": "paragraph",
}


def _body(page: HtmlPage) -> list[Block]:
    """The body as readability-lxml finds it in the page as parsed, trafilatura's when
    readability's is too short to be the article (a teaser list or a caption picked).
    Both work on the page before any cut: cutting comment and teaser regions out first
    changes which container they pick, for the worse as often as for the better, so
    those are taken out of their output instead (`_clean_blocks`)."""
    blocks = _readability_body(page.tree)
    if _size(blocks) < xpaths.MIN_BODY_CHARS:
        fallback = _trafilatura_body(page)
        if _size(fallback) > _size(blocks):
            return fallback
    return blocks


def _size(blocks: list[Block]) -> int:
    return sum(len(b.text) for b in blocks)


def _readability_body(tree: lxml.html.HtmlElement) -> list[Block]:
    root = readability_summary(tree)
    return list(_flow(root, "paragraph")) if root is not None else []


def _flow(element: etree._Element, kind: BlockKind) -> Iterator[Block]:
    """Blocks of an HTML box in reading order: one per paragraph-like element or run of
    loose text, cut at line breaks; headings, list items and quotes keep their kind."""
    line = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            line.append(child.tail or "")
        elif child.tag == "br" or child.tag in xpaths.BODY_BLOCK_TAGS:
            yield from _line("".join(line), kind)
            line = []
            if child.tag != "br":
                yield from _flow(child, xpaths.BODY_BLOCK_KINDS.get(str(child.tag), kind))
            line = [child.tail or ""]
        else:
            line.append(" ".join(str(t) for t in child.itertext()) + (child.tail or ""))
    yield from _line("".join(line), kind)


def _line(text: str, kind: BlockKind) -> Iterator[Block]:
    if text := clean_text(text):
        yield Block(kind=kind, text=text)


def _trafilatura_body(page: HtmlPage) -> list[Block]:
    from trafilatura import bare_extraction

    document = bare_extraction(
        page.tree,
        url=page.source.url,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        with_metadata=False,
        favor_recall=RECALL,
        fast=FAST,
    )
    body = getattr(document, "body", None) if document is not None else None
    if body is None:
        return []
    return list(_blocks(body))


def _blocks(body: etree._Element) -> Iterator[Block]:
    for element in body:
        if element.tag in ("list", "quote", "table") and len(element):
            children = [c for c in element.iter("item", "p", "row") if c is not element]
            if children:
                kind: BlockKind = {"list": "list_item", "quote": "blockquote"}.get(
                    str(element.tag), "paragraph"
                )  # type: ignore[assignment]
                for child in outermost(children):
                    yield from _lines(child, kind)
                continue
        yield from _lines(element, _BLOCK_KINDS.get(str(element.tag), "paragraph"))


def _lines(element: etree._Element, kind: BlockKind) -> Iterator[Block]:
    """One block per line: a paragraph cut by line breaks is several paragraphs."""
    pieces = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            pieces.append(child.tail or "")
        else:
            pieces[-1] += text_of(child) + " " + (child.tail or "")
    for piece in pieces:
        if text := clean_text(piece):
            yield Block(kind=kind, text=text)


def _clean_blocks(page: HtmlPage, article: Article, bylines: list[etree._Element]) -> None:
    """Take out of the body what is not article text, putting it where it belongs."""
    kept: list[Block] = []
    pieces = set(page.cut)
    in_cut = _found_in("\n".join(page.cut), [b.text for b in article.blocks])
    # A short block found in the cut text (a commenter's name) goes with it when it comes
    # after cut text with no long block of the article between; elsewhere, short text is
    # too common to tell.
    after_cut = False
    byline_texts = {t for e in bylines if len(t := text_of(e)) <= 150}
    for block in article.blocks:
        text = block.text
        if text in (article.title, article.lead) or text in byline_texts:
            continue
        if is_furniture(page, text):
            continue
        if text in pieces or (text in in_cut and (len(text) >= 25 or after_cut)):
            after_cut = True
            continue
        after_cut = after_cut and len(text) < 25
        text = _without_cuts(page, text, article.title)
        if not text:
            continue
        block = block.model_copy(update={"text": text})
        if len(text) < 120 and (provider := _provider_line(page, text)):
            article.provider = article.provider or provider
            continue
        if kept and kept[-1].text == text:
            continue
        kept.append(block)
    article.blocks = kept


def _found_in(text: str, needles: list[str]) -> set[str]:
    """The needles that occur in `text`, in one pass over it (Aho-Corasick). Looking for
    each in turn costs needles × characters: seconds on a page of 20,000 captions, or on
    one whose readability box holds hundreds of comments."""
    if not text or not needles:
        return set()
    automaton = ahocorasick.Automaton()
    wanted = set(needles)
    for needle in wanted:
        automaton.add_word(needle, needle)
    automaton.make_automaton()
    found: set[str] = set()
    # Every occurrence is one step here: a short needle common in a huge text ("Paul" in
    # megabytes of comments) must not make it unbounded. Past the bound, what was found.
    for _, needle in itertools.islice(automaton.iter(text), MAX_OCCURRENCES):
        found.add(needle)
        if len(found) == len(wanted):
            break
    return found


#: Occurrences of body blocks in the cut text looked at, at most (about a second's work).
MAX_OCCURRENCES = 2_000_000


def _without_cuts(page: HtmlPage, text: str, title: str | None) -> str:
    """A block that swallowed a cut region (old layouts put the whole page in one box)
    loses the region's text, and the headline when it opens the block."""
    for piece in page.cut:
        if len(piece) >= 20 and piece in text:
            text = clean_text(text.replace(piece, " "))
    for piece in page.cut:
        if piece and text != piece and text.endswith(piece):
            text = clean_text(text[: -len(piece)])
    if title and text.startswith(title) and len(text) > len(title):
        text = text[len(title) :]
    return clean_text(text)


# --- authors, provider ---------------------------------------------------------------------


def _provider_line(page: HtmlPage, text: str) -> str | None:
    """The provider when `text` is nothing but a provider line ("information fournie par AFP")."""
    for words in page.words:
        for pattern in words.provider_patterns:
            match = pattern.fullmatch(text.strip(" .")) or pattern.fullmatch(text.strip())
            if match:
                return provider_name(page, match.group("provider"))
    return None


def _byline(page: HtmlPage, article: Article, bylines: list[etree._Element]) -> None:
    authors = list(page.meta.authors)
    provider = page.meta.provider
    for element in bylines:
        text = text_of(element)
        if not text or len(text) > 150:
            continue
        names, found = _read_byline(page, text)
        provider = provider or found
        if not page.meta.authors:
            authors.extend(names)
    agencies = [a for a in authors if agency(a)]
    authors = [a for a in authors if not agency(a) and not a.startswith("http")]
    provider = provider or (agency(agencies[0]) if agencies else None)
    first = article.blocks[0].text if article.blocks else ""
    provider = provider or article.provider or provider_in(page, first)
    article.authors = list(dict.fromkeys(authors))
    article.provider = agency(provider) or provider


def _read_byline(page: HtmlPage, text: str) -> tuple[list[str], str | None]:
    provider = provider_in(page, text)
    undated = _without_time(page, text)
    for words in page.words:
        for pattern in words.byline_patterns:
            match = pattern.search(undated)
            if match:
                names = re.split(r",| and | et ", match.group("author"))
                names = [clean_text(n) for n in names if clean_text(n)]
                provider = provider or next((agency(n) for n in names if agency(n)), None)
                return [n for n in names if not agency(n)], provider
    if agency(text):
        return [], agency(text)
    return ([text] if len(text) < 60 and not any(ch.isdigit() for ch in text) else []), provider


def _without_time(page: HtmlPage, text: str) -> str:
    """A byline without the date and time written beside the name ("By Jane Doe March
    25, 2015 3:46 PM" -> "By Jane Doe"); the date is read as evidence of its own."""
    found = find_date(text, language=page.language)
    return without_dates(text, [found]).strip(_BYLINE_SEPARATORS) if found else text


#: What is left around a byline's name once its date is cut out: fewer than
#: `dates.SEPARATORS`, without the colon and the closing parenthesis a byline may end on
#: ("David Lassen (Contact)").
_BYLINE_SEPARATORS = " ,;|·•-–—/("


# --- times ---------------------------------------------------------------------------------


def _times(
    page: HtmlPage,
    article: Article,
    untouched: lxml.html.HtmlElement,
    bylines: list[etree._Element],
) -> None:
    reference = page.source.retrieved
    article.updated = parse_page_date(page, page.meta.updated, reference)
    pieces = list(evidence(page, bylines))
    article.published = settle(pieces, lambda: htmldate_evidence(page, untouched))
    if article.published is None:
        article.warn("no-date", "no publication date found")


def _visible_tags(tree: lxml.html.HtmlElement) -> list[str]:
    return [t for a in xpaths.TAG_LINKS(tree) if (t := text_of(a)) and len(t) < 50]
