"""quotidien: news pages in, structured records out.

>>> import quotidien
>>> article = quotidien.extract(open("page.html", "rb").read(), url="https://…")
>>> article.title, article.published, [q.speaker_name for q in article.quotes]
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

# The subpackage `quotidien.extract` is loaded first so that the function `extract` below,
# defined after it, is what `quotidien.extract` names (importing a submodule binds it on the
# parent package only when it is first loaded).
import quotidien.extract as _extract_package  # noqa: F401
from quotidien.errors import InputError, NoArticleError, QuotidienError
from quotidien.model import Article, Page, PageKind, Source
from quotidien.settings import DEFAULT, Settings

if TYPE_CHECKING:
    from quotidien.corpus import Corpus

__all__ = [
    "Article",
    "Corpus",
    "InputError",
    "NoArticleError",
    "Page",
    "QuotidienError",
    "Settings",
    "Source",
    "analyze",
    "extract",
]
__version__ = "0.1.0"


def extract(
    data: bytes | str,
    *,
    url: str | None = None,
    kind: PageKind | None = None,
    path: str | None = None,
    retrieved: datetime | None = None,
    nlp: bool = False,
    settings: Settings = DEFAULT,
) -> Article:
    """One page (HTML or flattened text, bytes in any encoding) -> its article record.

    `kind` is sniffed when not given. `retrieved` anchors relative dates ("il y a 3
    heures"). With `nlp=True` the record also gets entities and quotes.
    """
    from quotidien.extract.core import extract_page

    source = Source(url=url, path=path, retrieved=retrieved, kind=kind or "html")
    article = extract_page(Page(data=data, source=source), settings, kind)
    return analyze(article, settings=settings) if nlp else article


def analyze(article: Article, *, settings: Settings = DEFAULT) -> Article:
    """Add entities and quotes to an article (spaCy pipeline chosen by its language)."""
    from quotidien.nlp.pipeline import analyze as _analyze

    return _analyze(article, settings)


def __getattr__(name: str) -> object:
    if name == "Corpus":  # lazy: the store is not needed to extract one page
        from quotidien.corpus import Corpus

        return Corpus
    raise AttributeError(name)
