"""HTML page -> Article: body, comments, teasers, captions, provider, times.

One pipeline of plain functions over one lxml tree, parsed once:

1. read what the page declares (`metadata.read_metadata`: JSON-LD, OpenGraph, meta);
2. let readability-lxml find the body in the page as parsed (on its own copy of the tree:
   cutting regions out first changes which container it picks, as often for the worse
   as for the better; trafilatura's body when readability's is under a paragraph), and
   read the headline;
3. on the tree, find the furniture (share bars, cookie banners…), the reader-comment
   sections and the related-story blocks by their markup (class/id names, headings
   matched by the language's `PageWords`); read comments and teasers into their fields,
   figures into `images` (caption and credit apart, one image per picture) and the
   standfirst into `lead`, and cut each out, remembering its text;
4. clean the body: blocks (or parts of blocks) that are cut text leave it, and so do
   provider lines ("information fournie par AFP") and furniture lines; so comments,
   teasers and captions never reach the body whatever the extractor picked; nor do
   bylines;
5. authors and provider (JSON-LD, bylines, datelines), times (`dates.parse_date`).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from quotidien.extract import xpaths
from quotidien.extract.dates import find_date, parse_date
from quotidien.extract.html_tree import read_tree
from quotidien.extract.language import detect
from quotidien.extract.language import normalise as normalise_language
from quotidien.extract.metadata import PageMeta, agency, read_metadata
from quotidien.extract.published import DateReaders, evidence, settle
from quotidien.extract.zones import assumed_zone
from quotidien.lang import Language, all_languages, get
from quotidien.lang.page import PageWords
from quotidien.model import (
    Article,
    Block,
    BlockKind,
    Comment,
    Comments,
    Image,
    Source,
    Teaser,
    Timestamp,
)
from quotidien.settings import Settings

#: trafilatura's fast mode (no fallback extractors), for the fallback body.
FAST = False
#: trafilatura's favor_recall.
RECALL = False

_SPACE = re.compile(r"\s+")


@dataclass
class _Page:
    """What the steps share: the tree, the page's language data, where the article is."""

    tree: lxml.html.HtmlElement
    source: Source
    settings: Settings
    meta: PageMeta
    language: Language | None
    words: list[PageWords]
    base_url: str | None
    main: etree._Element | None
    #: Text of everything cut out of the working tree (comments, teasers, captions, the
    #: lead), one entry per element: body blocks found in it are dropped.
    cut: list[str] = field(default_factory=list)
    text_size: int | None = None


def extract_html(html: str, source: Source, settings: Settings) -> Article:
    tree, problems = read_tree(html, source.name())
    article = Article(source=source)
    for code, message in problems:
        article.warn(code, message)
    meta = read_metadata(tree)
    hint = normalise_language(meta.language)
    page = _Page(tree, source, settings, meta, get(hint), _words(hint), None, None)
    page.base_url = _base_url(tree, source, meta)
    # The page as parsed, before any cut: htmldate and trafilatura (which prune copies of
    # their own) and the headline (which may sit in a box cut as furniture).
    by_htmldate = _htmldate(page)
    article.blocks = _body(page)
    article.title = _title(page)
    _drop_invisible(tree)
    page.main = _main_container(tree)
    _cut_furniture(page)
    article.comments = _comments(page)
    article.teasers = _teasers(page)
    article.images = _images(page)
    article.lead = _lead(page)
    _clean_blocks(page, article)
    _byline(page, article)
    _times(page, article, by_htmldate)
    article.section = meta.section
    article.tags = list(dict.fromkeys(meta.tags + _visible_tags(tree)))
    article.canonical_url = _absolute(page, meta.canonical_url)
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
        return _joined(url or "", str(base[0]).strip()) or url
    return url


def _absolute(page: _Page, url: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    if url.startswith(("javascript:", "data:", "#", "mailto:")):
        return None
    return _joined(page.base_url, url) if page.base_url else url


def _joined(base: str, url: str) -> str | None:
    """`url` made absolute against `base`; None when either is not a URL at all (a host
    such as `[::1` with its bracket unclosed): a page's bad link is dropped, not fatal."""
    try:
        return urljoin(base, url)
    except ValueError:
        return None


def clean_text(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def _text(element: etree._Element) -> str:
    return clean_text(" ".join(str(t) for t in element.itertext()))


def _main_container(tree: lxml.html.HtmlElement) -> etree._Element | None:
    """The element holding most paragraph text: the article, roughly. Comment and
    teaser sections are never cut when they would take it with them."""
    for query in xpaths.ARTICLE_CONTAINERS:
        found = [e for e in query(tree) if len(_text(e)) > 400]
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


def _contains(outer: etree._Element, inner: etree._Element | None) -> bool:
    """Whether `inner` is `outer` or inside it."""
    while inner is not None:
        if inner is outer:
            return True
        inner = inner.getparent()
    return False


def _names(element: etree._Element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}".lower()


def _cut(page: _Page, element: etree._Element) -> None:
    """Cut a region that is not article text, remembering its text."""
    if text := _text(element):
        page.cut.append(text)
    _remove(element)


def _remove(element: etree._Element) -> None:
    """Cut an element out of the tree, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _cut_furniture(page: _Page) -> None:
    """Cut share bars, cookie banners, kickers and the like (by their class and id names),
    remembering their text so that it never reaches a field."""
    found = []
    for element in page.tree.iter(*xpaths.REGION_TAGS, "p", "span", "a", "li"):
        if (
            xpaths.FURNITURE_NAMES.search(_names(element))
            and not _contains(element, page.main)
            and not _holds_article(page, element)
        ):
            found.append(element)
    for element in _outermost(found):
        _cut(page, element)


# --- regions: comment sections and teaser blocks ------------------------------------------


def _regions(
    page: _Page,
    names: re.Pattern[str],
    headings: Iterable[re.Pattern[str]],
) -> list[etree._Element]:
    """Outermost elements marked by `names` in their class/id, or opened by one of
    `headings`; never the article itself or anything holding it."""
    found: list[etree._Element] = []
    for element in page.tree.iter(*xpaths.REGION_TAGS):
        if (
            names.search(_names(element))
            and not _contains(element, page.main)
            and not _holds_article(page, element)
        ):
            found.append(element)
    patterns = list(headings)
    if patterns:
        for heading in xpaths.HEADINGS(page.tree):
            text = _text(heading)
            if len(text) < 80 and any(p.search(text) for p in patterns):
                found.extend(_heading_region(page, heading))
    return _outermost(found)


def _holds_article(page: _Page, element: etree._Element) -> bool:
    """Whether a region holds most of the page's text: then it is no side block."""
    if page.text_size is None:
        page.text_size = len(_text(page.tree))
    return len(_text(element)) > 0.5 * page.text_size


def _heading_region(page: _Page, heading: etree._Element) -> list[etree._Element]:
    """The section a heading opens: its parent when that is a small box of its own,
    else the heading and its following siblings up to the next heading."""
    parent = heading.getparent()
    if (
        parent is not None
        and parent.tag not in ("body", "html")
        and not _contains(parent, page.main)
        and len(parent) < 60
        and not _holds_article(page, parent)
    ):
        return [parent]
    region = [heading]
    for sibling in heading.itersiblings():
        if sibling.tag in ("h1", "h2", "h3", "h4") or _contains(sibling, page.main):
            break
        region.append(sibling)
    return region


def _innermost(elements: list[etree._Element]) -> list[etree._Element]:
    """Those of `elements` that hold none of the others (`comment-content` inside
    `comment-body`: the content, not the box with the author and the buttons)."""
    return [e for e in elements if not any(o is not e and _contains(e, o) for o in elements)]


def _outermost(elements: list[etree._Element]) -> list[etree._Element]:
    chosen = set(elements)
    out = []
    for element in elements:
        parent = element.getparent()
        while parent is not None and parent not in chosen:
            parent = parent.getparent()
        if parent is None and element not in out:
            out.append(element)
    return out


# --- comments -----------------------------------------------------------------------------


def _comments(page: _Page) -> Comments:
    regions = _regions(
        page, xpaths.COMMENT_NAMES_RE, (p for w in page.words for p in w.comments_heading)
    )
    comments = Comments(declared_count=page.meta.comment_count)
    for region in regions:
        if comments.declared_count is None:
            comments.declared_count = _declared_count(page, region)
        comments.items.extend(_comment_items(page, region))
    if comments.declared_count is None:
        comments.declared_count = _count_in_links(page)
    for region in regions:
        _cut(page, region)
    return comments


def _declared_count(page: _Page, region: etree._Element) -> int | None:
    for element in region.iter():
        if not isinstance(element.tag, str) or len(element) > 3:
            continue
        count = _count(page, _text(element))
        if count is not None:
            return count
    return None


def _count_in_links(page: _Page) -> int | None:
    for link in page.tree.iter("a"):
        if "comment" in (link.get("href") or "") or xpaths.COMMENT_NAMES_RE.search(_names(link)):
            count = _count(page, _text(link))
            if count is not None:
                return count
    return None


def _count(page: _Page, text: str) -> int | None:
    if not text or len(text) > 60:
        return None
    for words in page.words:
        for pattern in words.comments_heading:
            match = pattern.search(text)
            if match and "count" in pattern.groupindex and match.group("count"):
                return int(match.group("count"))
    return None


def _comment_items(page: _Page, region: etree._Element) -> Iterator[Comment]:
    items = [e for e in region.iter() if isinstance(e.tag, str) and _is_comment_item(e)]
    if not items:
        yield from _unmarked_comments(page, region)
        return
    for item in items:
        comment = _comment(page, item, items)
        if comment is not None:
            yield comment


def _unmarked_comments(page: _Page, region: etree._Element) -> Iterator[Comment]:
    """Comments in markup that does not name them: one per list item or child box, the
    author in bold at its start, the time read from its text."""
    boxes = [e for e in region.iter("li", "dl") if _text(e)]
    if not boxes:
        box = region
        while len(box) == 1:
            box = box[0]
        boxes = [c for c in box if isinstance(c.tag, str) and c.tag not in xpaths.HEADING_TAGS]
    for box in boxes:
        text = _text(box)
        if len(text) < 15 or _is_furniture(page, text):
            continue
        bold = next(iter(xpaths.BOLD(box)), None)
        author = _text(bold) if bold is not None and len(_text(bold)) < 60 else None
        if author and text.startswith(author):
            text = text[len(author) :]
        found = find_date(
            text[:80], language=page.language, reference=_reference(page), zone=_zone(page)
        )
        if found:
            text = text[found.end :] if found.start < 25 else text
        text = text.strip(" -–—,:|")
        if text:
            yield Comment(author=author, posted=found.timestamp if found else None, text=text)


def _is_comment_item(element: etree._Element) -> bool:
    itemtype = element.get("itemtype") or ""
    if element.get("itemprop") == "comment" or "schema.org/Comment" in itemtype:
        return True
    if element.tag not in ("li", "article", "div", "section"):
        return False
    classes = set((element.get("class") or "").lower().split())
    return bool(classes & xpaths.COMMENT_ITEM_CLASSES) or bool(
        xpaths.COMMENT_ITEM_ID.match(element.get("id") or "")
    )


def _own(element: etree._Element, item: etree._Element, items: list[etree._Element]) -> bool:
    """Whether `element` belongs to `item` rather than to a reply nested inside it."""
    parent: etree._Element | None = element
    while parent is not None and parent is not item:
        if parent in items:
            return False
        parent = parent.getparent()
    return True


def _comment(page: _Page, item: etree._Element, items: list[etree._Element]) -> Comment | None:
    author = next(
        (
            _text(e)
            for e in xpaths.COMMENT_AUTHOR(item)
            if _own(e, item, items) and 0 < len(_text(e)) < 60
        ),
        None,
    )
    time_element = next((e for e in xpaths.COMMENT_TIME(item) if _own(e, item, items)), None)
    texts = _innermost([e for e in xpaths.COMMENT_TEXT(item) if _own(e, item, items)])
    if texts:
        text = "\n".join(_text(e) for e in texts)
    else:
        skip = {author, _text(time_element) if time_element is not None else None}
        text = "\n".join(t for t in _own_lines(item, items) if t not in skip)
    text = "\n".join(line for line in text.split("\n") if not _is_furniture(page, line))
    if not text.strip():
        return None
    posted = _comment_time(page, time_element)
    return Comment(author=author, posted=posted, text=text.strip())


def _own_lines(item: etree._Element, items: list[etree._Element]) -> list[str]:
    lines: list[str] = []
    for element in item.iter("p", "div", "span", "blockquote"):
        if element is not item and len(element) == 0 and _own(element, item, items):
            lines.append(_text(element))
    if not lines:
        lines.append(_text(item))
    return [line for line in lines if line]


def _comment_time(page: _Page, element: etree._Element | None) -> Timestamp | None:
    if element is None:
        return None
    raw = element.get("datetime") or element.get("title") or _text(element)
    return _parse_date(page, raw, _reference(page))


def _reference(page: _Page) -> datetime | None:
    return page.source.retrieved or _article_reference(page)


def _article_reference(page: _Page) -> datetime | None:
    """The article's own time, so that a comment's "08 novembre 18:25" takes its year."""
    published = _parse_date(page, page.meta.published, None) if page.meta.published else None
    return published.value if published else None


# --- teasers ------------------------------------------------------------------------------


def _teasers(page: _Page) -> list[Teaser]:
    regions = _regions(
        page, xpaths.TEASER_NAMES_RE, (p for w in page.words for p in w.teasers_heading)
    )
    teasers: list[Teaser] = []
    for region in regions:
        teasers.extend(_teaser_items(page, region))
    teasers.extend(_inline_teasers(page))
    for region in regions:
        _cut(page, region)
    return _unique_teasers(teasers)


def _teaser_items(page: _Page, region: etree._Element) -> Iterator[Teaser]:
    for link in region.iter("a"):
        title = _text(link)
        url = _absolute(page, link.get("href"))
        if len(title) < 15 or not url or _is_furniture(page, title):
            continue
        item = _teaser_box(link, region)
        yield _teaser(page, item, link, title, url)


def _teaser_box(link: etree._Element, region: etree._Element) -> etree._Element:
    """The smallest box around a teaser link that holds no other teaser link."""
    box = link
    parent = link.getparent()
    while parent is not None and parent is not region:
        links = [
            a for a in parent.iter("a") if len(_text(a)) >= 15 and a.get("href") != link.get("href")
        ]
        if links:
            break
        box = parent
        parent = parent.getparent()
    return box


def _teaser(page: _Page, box: etree._Element, link: etree._Element, title: str, url: str) -> Teaser:
    heading = next((e for e in box.iter("h2", "h3", "h4", "h5") if _text(e)), None)
    if heading is not None:
        title = _text(heading)
    texts = [_without_read_more(page, _text(e)) for e in xpaths.TEASER_TEXT(box)]
    text = next((t for t in texts if t and t != title and title not in t), None)
    provider_el = next(iter(xpaths.TEASER_PROVIDER(box)), None)
    provider = _text(provider_el) if provider_el is not None else None
    if provider and heading is None and _contains(link, provider_el):
        title = clean_text(title.replace(provider, " "))
    box_text = _text(box)
    provider = provider or _provider_in(page, box_text)
    provider = agency(provider) or provider
    time_element = next(box.iter("time"), None)
    published = (
        _comment_time(page, time_element)
        if time_element is not None
        else _date_in(page, box_text.replace(title, " "))
    )
    image = next((_image(page, img, _image_box(img, box)) for img in box.iter("img")), None)
    return Teaser(
        title=title, text=text, url=url, provider=provider or None, published=published, image=image
    )


def _without_read_more(page: _Page, text: str) -> str:
    """A teaser text without its closing link ("… Lire la suite", "Read more")."""
    for words in page.words:
        for pattern in words.read_more:
            text = pattern.sub("", text)
    return text.strip()


def _image_box(img: etree._Element, box: etree._Element) -> etree._Element:
    """The figure around a teaser's picture, else the picture alone: the teaser's own
    source line is no photo credit."""
    figure = next(iter(xpaths.FIGURE_ANCESTOR(img)), None)
    return figure if figure is not None and _contains(box, figure) else img


def _inline_teasers(page: _Page) -> list[Teaser]:
    """Paragraphs in the body that point to another story ("Lire aussi : …"): a short
    box around a single link, its text opened by a teaser phrase."""
    patterns = [p for w in page.words for p in w.inline_teaser_patterns]
    found: list[Teaser] = []
    if not patterns:
        return found
    for link in list(page.tree.iter("a")):
        box = _inline_teaser_box(link, patterns)
        if box is None:
            continue
        element, match = box
        title = match.group("title") if "title" in match.re.groupindex else _text(link)
        found.append(
            Teaser(title=clean_text(title) or _text(link), url=_absolute(page, link.get("href")))
        )
        _cut(page, element)
    return found


def _inline_teaser_box(
    link: etree._Element,
    patterns: list[re.Pattern[str]],
) -> tuple[etree._Element, re.Match[str]] | None:
    element = link.getparent()
    for _ in range(2):
        if element is None or element.tag not in xpaths.INLINE_TEASER_TAGS:
            return None
        text = _text(element)
        if len(text) > 250:
            return None
        match = next((m for p in patterns if (m := p.match(text))), None)
        if match is not None:
            return (element, match) if len(xpaths.LINKS(element)) == 1 else None
        element = element.getparent()
    return None


def _unique_teasers(teasers: list[Teaser]) -> list[Teaser]:
    seen: set[str] = set()
    out = []
    for teaser in teasers:
        key = teaser.url or teaser.title or ""
        if key in seen:
            continue
        seen.add(key)
        out.append(teaser)
    return out


# --- images -------------------------------------------------------------------------------


def _images(page: _Page) -> list[Image]:
    """Figures of the article: one image per picture, caption and credit apart."""
    scope = page.tree
    images: list[Image] = []
    for figure in list(xpaths.FIGURES(scope)):
        if xpaths.SIDE_ANCESTOR(figure):
            continue
        img = next(figure.iter("img"), None)
        if img is not None or xpaths.CAPTION(figure):
            images.append(_image(page, img, figure))
        _cut(page, figure)
    for caption in list(xpaths.CAPTION(scope)):
        box = caption.getparent()
        img = next(box.iter("img"), None) if box is not None else None
        if img is not None and box is not None:
            images.append(_image(page, img, box))
        _cut(page, caption)
    images = _unique_images(images)
    if not images:
        images = [
            Image(url=_absolute(page, url), caption=caption)
            for url, caption in page.meta.images[:1]
        ]
    return images


def _image(page: _Page, img: etree._Element | None, box: etree._Element) -> Image:
    url = None
    if img is not None:
        url = next((img.get(a) for a in xpaths.IMAGE_SRC_ATTRS if img.get(a)), None)
    credit_el = next(iter(xpaths.CREDIT(box)), None)
    credit = _text(credit_el) if credit_el is not None else None
    caption_el = next(iter(xpaths.CAPTION(box)), None)
    caption = None
    if caption_el is not None:
        if credit_el is not None and _contains(caption_el, credit_el):
            _remove(credit_el)
        caption = _text(caption_el)
    elif img is not None and len(clean_text(img.get("alt"))) > 15:
        caption = clean_text(img.get("alt"))
    caption, found_credit = _split_credit(page, caption)
    credit = _strip_credit_label(page, credit or found_credit)
    return Image(url=_absolute(page, url), caption=caption or None, credit=credit or None)


def _split_credit(page: _Page, caption: str | None) -> tuple[str | None, str | None]:
    """Caption and credit from a caption line carrying its credit ("… ( AFP / X )")."""
    if not caption:
        return caption, None
    patterns = [*xpaths.CREDIT_PATTERNS, *(p for w in page.words for p in w.credit_patterns)]
    for pattern in patterns:
        match = pattern.search(caption)
        if match:
            rest = (caption[: match.start()] + " " + caption[match.end() :]).strip(" -–—,.")
            groups = match.groupdict()
            caption = clean_text(groups.get("caption") or rest) or None
            return caption, clean_text(match.group("credit"))
    return caption, None


def _strip_credit_label(page: _Page, credit: str | None) -> str | None:
    if not credit:
        return credit
    credit = xpaths.CREDIT_LABEL.sub("", credit).strip(" ()")
    return credit or None


def _unique_images(images: list[Image]) -> list[Image]:
    """One image per URL and per caption, in order, a twin's missing parts filled in (by
    dictionaries: a page of 50,000 figures is read in linear time)."""
    out: list[Image] = []
    by_url: dict[str, Image] = {}
    by_caption: dict[str, Image] = {}
    for image in images:
        twin = (image.url and by_url.get(image.url)) or (
            image.caption and by_caption.get(image.caption)
        )
        if not twin:
            out.append(image)
            twin = image
        else:
            twin.url = twin.url or image.url
            twin.caption = twin.caption or image.caption
            twin.credit = twin.credit or image.credit
        for key, index in ((twin.url, by_url), (twin.caption, by_caption)):
            if key:
                index.setdefault(key, twin)
    return out


# --- title, lead, body ---------------------------------------------------------------------


#: A headline longer than this is markup gone wrong, not a headline.
MAX_TITLE_CHARS = 400


def _title(page: _Page) -> str | None:
    """The headline: the h1 when the declared titles confirm it (a page has h1s for its
    logo and widgets too), else the declared title, else the <title> without the site."""
    declared = page.meta.title
    tree = page.tree
    titles = xpaths.TITLE(tree)
    whole = _text(titles[0]) if titles else ""
    if len(whole) > MAX_TITLE_CHARS:  # a <title> left open runs on into the page's scripts
        whole = ""
    tag = _strip_site(whole, page.meta.site_name)
    # the site's own name, as meta data or the <title> give it, is the h1 of a logo
    sites = {n.lower() for n in (page.meta.site_name, _site_part(whole, tag)) if n}
    for h1 in (t for e in xpaths.H1(tree) if (t := _text(e)) and len(t) <= MAX_TITLE_CHARS):
        if h1.lower() not in sites and any(_similar(h1, o) for o in (declared, tag) if o):
            return h1
    if declared and (not tag or _similar(declared, tag)):
        return _strip_site(declared, page.meta.site_name)
    return tag or declared or next((t for e in xpaths.H1(tree) if (t := _text(e))), None)


def _similar(a: str, b: str) -> bool:
    """Whether two titles say the same: one inside the other, or most character pairs
    shared (pairs, not words, so that it holds for scripts written without spaces)."""
    a, b = a.lower(), b.lower()
    if a in b or b in a:
        return True
    left, right = _pairs(a), _pairs(b)
    return bool(left) and len(left & right) / min(len(left), len(right) or 1) > 0.6


def _pairs(text: str) -> set[str]:
    text = re.sub(r"\W+", " ", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _site_part(title: str, stripped: str) -> str:
    """What `_strip_site` took off `title` ("Site" of "Headline | Site"), without the mark."""
    if stripped == title or not title.startswith(stripped):
        return ""
    return title[len(stripped) :].strip(" |–—:-·»")


def _strip_site(title: str, site: str | None) -> str:
    """ "Headline | Site" -> "Headline"."""
    parts = re.split(r"\s+[|–—:·»-]\s+", title)
    if len(parts) > 1 and ((site and parts[-1].lower() in site.lower()) or len(parts[-1]) < 25):
        return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
    return title


def _lead(page: _Page) -> str | None:
    """The standfirst, taken out of the tree so that it is not read twice."""
    for element in xpaths.LEAD(page.tree):
        text = _text(element)
        if 40 <= len(text) <= 800 and len(element) <= 3 and not _contains(element, page.main):
            _remove(element)
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


def _body(page: _Page) -> list[Block]:
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
    from readability import Document  # type: ignore[import-untyped]

    try:
        # readability drops hidden elements from the tree it is given: give it a copy.
        summary = Document(copy.deepcopy(tree)).summary(html_partial=True)
        root = lxml.html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # readability raises its own Unparseable and lxml's errors
        return []
    return list(_flow(root, "paragraph"))


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


def _trafilatura_body(page: _Page) -> list[Block]:
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
                for child in _outermost(children):
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
            pieces[-1] += _text(child) + " " + (child.tail or "")
    for piece in pieces:
        if text := clean_text(piece):
            yield Block(kind=kind, text=text)


def _clean_blocks(page: _Page, article: Article) -> None:
    """Take out of the body what is not article text, putting it where it belongs."""
    kept: list[Block] = []
    cut = "\n".join(page.cut)
    pieces = set(page.cut)
    # Looking for each block inside all the cut text costs blocks × cut characters: on a page
    # of 20,000 captions, seconds. Past a bound, only blocks cut whole are recognised.
    inside = len(cut) * len(article.blocks) <= 50_000_000
    bylines = {t for e in xpaths.BYLINE(page.tree) if len(t := _text(e)) <= 150}
    for block in article.blocks:
        text = block.text
        if text in (article.title, article.lead) or text in bylines or _is_furniture(page, text):
            continue
        if text in pieces or (inside and len(text) >= 25 and text in cut):
            continue
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


def _without_cuts(page: _Page, text: str, title: str | None) -> str:
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


def _is_furniture(page: _Page, text: str) -> bool:
    line = text.strip()
    if len(line) > 200:
        return False
    for words in page.words:
        if (
            line.lower() in words.furniture
            or any(p.search(line) for p in words.furniture_patterns)
            or any(p.fullmatch(line) for p in words.read_more)
        ):
            return True
    return False


# --- authors, provider ---------------------------------------------------------------------


def _provider_line(page: _Page, text: str) -> str | None:
    """The provider when `text` is nothing but a provider line ("information fournie par AFP")."""
    for words in page.words:
        for pattern in words.provider_patterns:
            match = pattern.fullmatch(text.strip(" .")) or pattern.fullmatch(text.strip())
            if match:
                return _provider_name(page, match.group("provider"))
    return None


def _provider_name(page: _Page, raw: str) -> str | None:
    """ "AFP 08.11.2023 15:35" -> "AFP": the name without the time stamped beside it."""
    found = find_date(raw, language=page.language)
    name = clean_text(raw[: found.start] if found else raw).strip(" -–—,.;:()")
    return agency(name) or name or None


def _provider_in(page: _Page, text: str) -> str | None:
    for words in page.words:
        for pattern in words.provider_patterns:
            match = pattern.search(text)
            if match:
                return _provider_name(page, match.group("provider"))
    match = xpaths.DATELINE.search(text[:300])
    if match and agency(match.group("provider")):
        return agency(match.group("provider"))
    return None


def _byline(page: _Page, article: Article) -> None:
    authors = list(page.meta.authors)
    provider = page.meta.provider
    for element in xpaths.BYLINE(page.tree):
        text = _text(element)
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
    provider = provider or article.provider or _provider_in(page, first)
    article.authors = list(dict.fromkeys(authors))
    article.provider = agency(provider) or provider


def _read_byline(page: _Page, text: str) -> tuple[list[str], str | None]:
    provider = _provider_in(page, text)
    for words in page.words:
        for pattern in words.byline_patterns:
            match = pattern.search(text)
            if match:
                names = re.split(r",| and | et ", match.group("author"))
                names = [clean_text(n) for n in names if clean_text(n)]
                provider = provider or next((agency(n) for n in names if agency(n)), None)
                return [n for n in names if not agency(n)], provider
    if agency(text):
        return [], agency(text)
    return ([text] if len(text) < 60 and not any(ch.isdigit() for ch in text) else []), provider


# --- times ---------------------------------------------------------------------------------


def _zone(page: _Page) -> str | None:
    return assumed_zone(page.source.url or page.meta.canonical_url, page.language)


def _parse_date(page: _Page, raw: str | None, reference: datetime | None) -> Timestamp | None:
    if not raw:
        return None
    return parse_date(raw, language=page.language, reference=reference, zone=_zone(page))


def _date_in(page: _Page, text: str) -> Timestamp | None:
    found = find_date(
        text, language=page.language, reference=page.source.retrieved, zone=_zone(page)
    )
    return found.timestamp if found else None


def _times(page: _Page, article: Article, by_htmldate: Timestamp | None) -> None:
    reference = page.source.retrieved
    article.updated = _parse_date(page, page.meta.updated, reference)
    readers = DateReaders(
        parse=lambda raw: _parse_date(page, raw, reference),
        find=lambda text: _date_in(page, text),
    )
    url = page.source.url or page.meta.canonical_url
    found = evidence(page.tree, page.meta.published, url, readers, by_htmldate)
    article.published = settle(list(found))
    if article.published is None:
        article.warn("no-date", "no publication date found")


def _htmldate(page: _Page) -> Timestamp | None:
    """htmldate's extensive search for the original publication date."""
    from htmldate import find_date as htmldate_find

    try:
        found = htmldate_find(
            page.tree,
            extensive_search=True,
            original_date=True,
            url=page.source.url or page.meta.canonical_url,
            outputformat="%Y-%m-%d",
        )
    except Exception:  # htmldate's own failures on odd markup: no evidence from it
        return None
    return _parse_date(page, found, None) if found else None


def _visible_tags(tree: lxml.html.HtmlElement) -> list[str]:
    return [t for a in xpaths.TAG_LINKS(tree) if (t := _text(a)) and len(t) < 50]
