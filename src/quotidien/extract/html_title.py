"""The headline of an HTML page.

A page states its title several times, none of them reliably the headline: the `<title>`
(with the site's name, the section, the site's slogan around it), the declared title
(OpenGraph, JSON-LD), the h1 (also used for logos and widgets). Each is checked against the
others and against the page as shown.
"""

from __future__ import annotations

import re

from quotidien.extract import xpaths
from quotidien.extract.html_page import HtmlPage, clean_text, text_of

#: A headline longer than this is markup gone wrong, not a headline.
MAX_TITLE_CHARS = 400


def read_title(page: HtmlPage) -> str | None:
    """The headline: the h1 when the declared titles confirm it (a page has h1s for its
    logo and widgets too), else the declared title, else the <title> without the site
    (the part of it the page shows, else without its last short part)."""
    declared = page.meta.title
    tree = page.tree
    titles = xpaths.TITLE(tree)
    whole = text_of(titles[0]) if titles else ""
    if len(whole) > MAX_TITLE_CHARS:  # a <title> left open runs on into the page's scripts
        whole = ""
    stripped = _strip_site(whole, page.meta.site_name)
    # the site's own name, as meta data or the <title> give it, is the h1 of a logo
    sites = {n.lower() for n in (page.meta.site_name, _site_part(whole, stripped)) if n}
    tag = _shown_part(whole, _shown_text(page), sites | _home_names(page)) or stripped
    for h1 in (t for e in xpaths.H1(tree) if (t := text_of(e)) and len(t) <= MAX_TITLE_CHARS):
        if h1.lower() not in sites and any(_similar(h1, o) for o in (declared, tag) if o):
            return h1
    if declared and (not tag or _similar(declared, tag)):
        return _strip_site(declared, page.meta.site_name)
    return tag or declared or next((t for e in xpaths.H1(tree) if (t := text_of(e))), None)


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


#: What separates a title's parts: "Headline | Site", "Site - Section - Headline",
#: "Headline: Sport: Rugby: Site", "Site » Headline", "Headline / Site".
_PARTS = re.compile(r"\s*[|·»]\s+|\s+(?:[–—>/]|-{1,2}|::?)\s+|:\s+")
#: A shown part shorter than this could be any word of the page.
MIN_SHOWN_PART = 12
#: Titles of more parts are not searched (each run of parts is looked for in the page's text).
MAX_TITLE_PARTS = 8


def _shown_part(title: str, shown: str, sites: set[str]) -> str | None:
    """The longest run of the title's parts that the page shows as text, when it is not the
    whole title nor in a site's name and no part left out is longer: "Site - Section -
    Headline" -> "Headline" (a page shows its headline, seldom its title's string of
    names); None when no such run of some length is shown."""
    parts = _PARTS.split(title)
    if not 2 <= len(parts) <= MAX_TITLE_PARTS:
        return None
    separators = [m.group() for m in _PARTS.finditer(title)]
    best: str | None = None
    for i in range(len(parts)):
        for j in range(i + 1, len(parts) + 1):
            run = parts[i] + "".join(separators[k] + parts[k + 1] for k in range(i, j - 1))
            left_out = parts[:i] + parts[j:]
            if (
                (best is None or len(run) > len(best))
                and len(run) >= max(map(len, left_out), default=0)
                and not any(run.lower() in site for site in sites)
                and _shows(shown, run)
            ):
                best = run
    if best is None or best == title or len(best) < MIN_SHOWN_PART:
        return None
    return best


def _shows(shown: str, text: str) -> bool:
    return clean_text(text).lower() in shown


def _shown_text(page: HtmlPage) -> str:
    """The text of the page's body as parsed (the `<title>` is in its head), lower-cased."""
    body = page.tree.find("body")
    return text_of(body).lower() if body is not None else ""


def _home_names(page: HtmlPage) -> set[str]:
    """How the page names its site on links to its home page (text, title, logo's alt)."""
    names: set[str] = set()
    for link in xpaths.HOME_LINKS(page.tree):
        labels = [text_of(link), link.get("title"), *(i.get("alt") for i in link.iter("img"))]
        names.update(label.lower() for label in labels if label)
    return names
