"""Images of an HTML page: figures and captioned pictures, caption and credit apart.

One image per picture (a twin found by URL or caption fills in the other's missing
parts); a credit written into the caption ("… ( AFP / X )") is split off it. A page with
no figure gets the image its metadata declares. Figures and captions are cut out of the tree.
"""

from __future__ import annotations

from lxml import etree

from quotidien.extract import xpaths
from quotidien.extract.html_page import (
    HtmlPage,
    absolute,
    clean_text,
    contains,
    cut_out,
    remove,
    text_of,
)
from quotidien.model import Image


def read_images(page: HtmlPage) -> list[Image]:
    """Figures of the article: one image per picture, caption and credit apart."""
    scope = page.tree
    images: list[Image] = []
    for figure in list(xpaths.FIGURES(scope)):
        if xpaths.SIDE_ANCESTOR(figure):
            continue
        img = next(figure.iter("img"), None)
        if img is not None or xpaths.CAPTION(figure):
            images.append(read_image(page, img, figure))
        cut_out(page, figure)
    for caption in list(xpaths.CAPTION(scope)):
        box = caption.getparent()
        img = next(box.iter("img"), None) if box is not None else None
        if img is not None and box is not None:
            images.append(read_image(page, img, box))
        cut_out(page, caption)
    images = _unique_images(images)
    if not images:
        images = [
            Image(url=absolute(page, url), caption=caption) for url, caption in page.meta.images[:1]
        ]
    return images


def read_image(page: HtmlPage, img: etree._Element | None, box: etree._Element) -> Image:
    url = None
    if img is not None:
        url = next((img.get(a) for a in xpaths.IMAGE_SRC_ATTRS if img.get(a)), None)
    credit_el = next(iter(xpaths.CREDIT(box)), None)
    credit = text_of(credit_el) if credit_el is not None else None
    caption_el = next(iter(xpaths.CAPTION(box)), None)
    caption = None
    if caption_el is not None:
        if credit_el is not None and contains(caption_el, credit_el):
            remove(credit_el)
        caption = text_of(caption_el)
    elif img is not None and len(clean_text(img.get("alt"))) > 15:
        caption = clean_text(img.get("alt"))
    caption, found_credit = _split_credit(page, caption)
    credit = _strip_credit_label(page, credit or found_credit)
    return Image(url=absolute(page, url), caption=caption or None, credit=credit or None)


def _split_credit(page: HtmlPage, caption: str | None) -> tuple[str | None, str | None]:
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


def _strip_credit_label(page: HtmlPage, credit: str | None) -> str | None:
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
