"""Article identity and the worker side of ingest."""

from __future__ import annotations

from quotidien.ingest.pool import Extracted, Failed, article_id, configure, identity, process
from quotidien.ingest.sources import Input
from quotidien.model import Article, Block, Page, Source
from quotidien.settings import DEFAULT


def art(canonical: str | None = None, url: str | None = None, text: str = "Un texte.") -> Article:
    return Article(canonical_url=canonical, source=Source(url=url), blocks=[Block(text=text)])


def test_identity_prefers_the_canonical_url_normalised() -> None:
    a = art("HTTPS://WWW.Lemonde.fr/a/1.html?utm_source=x&id=3#top", "https://m.lemonde.fr/x")
    assert identity(a) == "url:https://www.lemonde.fr/a/1.html?id=3"


def test_a_home_page_canonical_is_not_an_identity() -> None:
    assert identity(art("https://www.lemonde.fr/", "https://www.lemonde.fr/a/2")) == (
        "url:https://www.lemonde.fr/a/2"
    )


def test_without_url_identity_is_the_text_hash() -> None:
    assert identity(art(text="Même texte.")) == identity(art(text="Même texte."))
    assert identity(art(text="Même texte.")) != identity(art(text="Autre texte."))
    assert identity(art(text="x")).startswith("sha1:")
    assert len(article_id("url:x")) == 16


def test_process_never_raises_for_bad_pages() -> None:
    configure(DEFAULT, nlp=False)
    chunk = [
        Input("k1", Page(data=b"", source=Source(path="empty.html")), None),
        Input(
            "k2", Page(data=b"\x89PNG\r\n\x1a\n" + bytes(200), source=Source(path="x.png")), None
        ),
        Input(
            "k3",
            Page(
                data="<html><body><p>Bonjour à tous, voici un article.</p></body></html>",
                source=Source(path="ok.html"),
            ),
            "html",
        ),
    ]
    outcomes = process(chunk)
    failed = [o for o in outcomes if isinstance(o, Failed)]
    done = [o for o in outcomes if isinstance(o, Extracted)]
    assert [f.key for f in failed] == ["k1", "k2"]
    assert [d.key for d in done] == ["k3"]
