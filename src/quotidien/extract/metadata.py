"""Page metadata from markup: JSON-LD (via extruct), OpenGraph and meta tags, microdata.

Everything here reads what the page *declares*; what it shows (bylines, visible dates)
is read in `html.py`. Each field takes the first source that has it, in the order
JSON-LD, OpenGraph/article:*, other meta tags, microdata: the order of how carefully
publishers fill them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from quotidien.extract import xpaths

#: JSON-LD types that describe the article itself.
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "blogposting",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "liveblogposting",
        "scholarlyarticle",
        "report",
        "webpage",
        "socialmediaposting",
        "techarticle",
    }
)

#: News agencies by the names pages write them under -> the name a record gives them.
AGENCIES: dict[str, str] = {
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "bloomberg": "Bloomberg",
    "dpa": "dpa",
    "ansa": "ANSA",
    "efe": "EFE",
    "pa": "PA",
    "press association": "PA",
    "pa media": "PA",
    "xinhua": "Xinhua",
    "belga": "Belga",
    "ats": "ATS",
    "kyodo": "Kyodo",
    "upi": "UPI",
    "relaxnews": "Relaxnews",
    "aps": "APS",
    "anp": "ANP",
    "tass": "TASS",
    "ria novosti": "RIA Novosti",
    "interfax": "Interfax",
    "pap": "PAP",
    "ana-mpa": "ANA-MPA",
}


def agency(name: str | None) -> str | None:
    """The agency `name` stands for ("Agence France-Presse" -> "AFP"), else None."""
    if not name:
        return None
    key = re.sub(r"\s+", " ", name).strip(" .,;:()[]-—–").lower()
    return AGENCIES.get(key)


@dataclass
class PageMeta:
    """What the page declares about itself. Times are raw strings, read by `dates`."""

    title: str | None = None
    description: str | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    #: The organisation that wrote the story when it is not the publisher (JSON-LD
    #: sourceOrganization, an agency named as author).
    provider: str | None = None
    published: str | None = None
    updated: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    #: (url, caption) of images the page declares (og:image, JSON-LD image).
    images: list[tuple[str, str | None]] = field(default_factory=list)
    comment_count: int | None = None


def read_metadata(tree: etree._Element) -> PageMeta:
    meta = PageMeta()
    _from_json_ld(meta, tree)
    _from_meta_tags(meta, tree)
    _from_markup(meta, tree)
    meta.authors = _unique(meta.authors)
    meta.tags = _unique(meta.tags)
    if not meta.provider:
        meta.provider = next((a for a in map(agency, meta.authors) if a), None)
    return meta


# --- JSON-LD ------------------------------------------------------------------------------


def json_ld_items(tree: etree._Element) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, @graph members flattened; broken scripts skipped."""
    from extruct.jsonld import JsonLdExtractor

    extractor = JsonLdExtractor()
    items: list[dict[str, Any]] = []
    for script in xpaths.JSON_LD(tree):
        try:
            found = extractor.extract_items(script)
        except Exception:  # extruct's many parse errors: try the text without its wrapping
            found = _unwrapped_json(script.text or "")
        items.extend(_flatten(found))
    return items


#: Wrapping some sites put around JSON-LD: a CDATA section, possibly commented out.
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")


def _unwrapped_json(text: str) -> Any:
    """The JSON inside a CDATA section (`<![CDATA[ [...] ]]>`), or [] if it is not JSON."""
    try:
        return json.loads(_CDATA.sub("", text.strip()))
    except ValueError:
        return []


def _flatten(items: Any) -> Iterator[dict[str, Any]]:
    for item in items if isinstance(items, list) else [items]:
        if not isinstance(item, dict):
            continue
        yield item
        if isinstance(item.get("@graph"), list):
            yield from _flatten(item["@graph"])


def _types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds}


def _from_json_ld(meta: PageMeta, tree: etree._Element) -> None:
    items = json_ld_items(tree)
    articles = [i for i in items if _types(i) & ARTICLE_TYPES]
    # A NewsArticle beats a WebPage describing the same page.
    articles.sort(key=lambda i: "webpage" in _types(i))
    for item in articles[:1]:
        meta.title = _text(item.get("headline")) or _text(item.get("name"))
        meta.description = _text(item.get("description"))
        meta.published = _text(item.get("datePublished")) or _text(item.get("dateCreated"))
        meta.updated = _text(item.get("dateModified"))
        meta.section = _first_text(item.get("articleSection"))
        meta.tags.extend(_keywords(item.get("keywords")))
        meta.authors.extend(_names(item.get("author")))
        meta.publisher = _first(_names(item.get("publisher")))
        meta.provider = _first(_names(item.get("sourceOrganization")))
        meta.images.extend(_images(item.get("image")))
        meta.language = _text(item.get("inLanguage"))
        count = item.get("commentCount")
        if isinstance(count, int | str) and str(count).strip().isdigit():
            meta.comment_count = int(str(count).strip())
    if not meta.publisher:
        orgs = [i for i in items if _types(i) & {"organization", "newsmediaorganization"}]
        meta.publisher = _first(_names(orgs[:1]))


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None or isinstance(value, dict | list):
        return None
    text = _clean(str(value))
    return text or None


def _first_text(value: Any) -> str | None:
    return _text(value[0] if isinstance(value, list) and value else value)


def _names(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    out = []
    for item in values:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, list):
            name = name[0] if name else None
        if isinstance(name, str) and _clean(name):
            out.append(_clean(name))
    return out


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return [k.strip() for k in value.split(",") if k.strip()]
    if isinstance(value, list):
        return [k.strip() for k in value if isinstance(k, str) and k.strip()]
    return []


def _images(value: Any) -> Iterator[tuple[str, str | None]]:
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and item.strip():
            yield item.strip(), None
        elif isinstance(item, dict):
            url = item.get("url") or item.get("contentUrl")
            if isinstance(url, str) and url.strip():
                yield url.strip(), _text(item.get("caption")) or _text(item.get("description"))


def _first(values: list[str]) -> str | None:
    return values[0] if values else None


# --- meta tags (OpenGraph, article:*, Dublin Core, plain names) ---------------------------

#: meta name/property -> field; earlier names win within a field.
_META_FIELDS: dict[str, str] = {
    "og:title": "title",
    "twitter:title": "title",
    "dc.title": "title",
    "og:description": "description",
    "description": "description",
    "twitter:description": "description",
    "og:site_name": "site_name",
    "application-name": "site_name",
    "og:url": "canonical_url",
    "og:locale": "language",
    "content-language": "language",
    "dc.language": "language",
    "language": "language",
    "article:published_time": "published",
    "og:article:published_time": "published",
    "datepublished": "published",
    "pubdate": "published",
    "publishdate": "published",
    "publish-date": "published",
    "date": "published",
    "dc.date": "published",
    "dc.date.issued": "published",
    "dcterms.created": "published",
    "sailthru.date": "published",
    "article:modified_time": "updated",
    "og:updated_time": "updated",
    "last-modified": "updated",
    "dcterms.modified": "updated",
    "article:section": "section",
    "og:article:section": "section",
    "section": "section",
    "article:tag": "tags",
    "keywords": "tags",
    "news_keywords": "tags",
    "og:image": "images",
    "og:image:url": "images",
    "twitter:image": "images",
    "author": "authors",
    "article:author": "authors",
    "dc.creator": "authors",
    "byl": "authors",
    "sailthru.author": "authors",
    "parsely-author": "authors",
    "article:author_name": "authors",
    "dc:creator": "authors",
    "dcterms.creator": "authors",
}


def _from_meta_tags(meta: PageMeta, tree: etree._Element) -> None:
    seen_tags_field = bool(meta.tags)
    for element in xpaths.META(tree):
        key = (
            (
                element.get("property")
                or element.get("name")
                or element.get("itemprop")
                or element.get("http-equiv")
                or ""
            )
            .strip()
            .lower()
        )
        name = _META_FIELDS.get(key)
        content = _clean(element.get("content") or "")
        if not name or not content:
            continue
        if name == "tags":
            if not seen_tags_field:
                meta.tags.extend(k.strip() for k in content.split(",") if k.strip())
        elif name == "authors":
            if not meta.authors and not content.startswith("http"):
                meta.authors.extend(
                    a.strip() for a in re.split(r",| and | et ", content) if a.strip()
                )
        elif name == "images":
            if content.startswith(("http", "/")) and all(u != content for u, _ in meta.images):
                meta.images.append((content, None))
        elif getattr(meta, name) is None:
            setattr(meta, name, content)
    if not meta.canonical_url:
        hrefs = xpaths.CANONICAL.strings(tree)
        meta.canonical_url = _clean(str(hrefs[0])) if hrefs else meta.canonical_url


def _from_markup(meta: PageMeta, tree: etree._Element) -> None:
    if not meta.language:
        langs = xpaths.HTML_LANG.strings(tree)
        meta.language = _clean(str(langs[0])) if langs else None
    for element in xpaths.ITEMPROP(tree):
        prop = element.get("itemprop")
        value = _clean(element.get("datetime") or element.get("content") or _element_text(element))
        if not value:
            continue
        if prop == "datePublished" and not meta.published:
            meta.published = value
        elif prop == "dateModified" and not meta.updated:
            meta.updated = value
        elif prop == "headline" and not meta.title:
            meta.title = value
        elif prop == "articleSection" and not meta.section:
            meta.section = value
    if meta.comment_count is None:
        for element in xpaths.COMMENT_COUNT(tree):
            value = (element.get("content") or _element_text(element) or "").strip()
            if value.isdigit():
                meta.comment_count = int(value)
                break


def _element_text(element: etree._Element) -> str:
    return " ".join(str(t) for t in element.itertext())


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
