"""What a page declares about itself: JSON-LD, OpenGraph and meta tags, microdata."""

from __future__ import annotations

import lxml.html
import pytest

from quotidien.extract.metadata import PageMeta, agency, json_ld_items, read_metadata


def meta_of(head: str, body: str = "") -> PageMeta:
    return read_metadata(
        lxml.html.document_fromstring(
            f"<html lang='fr-FR'><head>{head}</head><body>{body}</body></html>"
        )
    )


def test_json_ld_article_in_a_graph() -> None:
    meta = meta_of("""<script type="application/ld+json">
        {"@context": "https://schema.org", "@graph": [
          {"@type": "WebPage", "name": "Page"},
          {"@type": ["NewsArticle"], "headline": "Le titre",
           "datePublished": "2023-11-08T15:35:00+01:00",
           "dateModified": "2023-11-08T16:00:00+01:00", "articleSection": ["Monde", "Asie"],
           "keywords": "Chine, Russie", "author": [{"@type": "Person", "name": "Anne Roy"},
           {"@type": "Person", "name": "Paul Li"}], "publisher": {"name": "Le Journal"},
           "sourceOrganization": {"name": "Agence France-Presse"}, "commentCount": 4,
           "image": [{"@type": "ImageObject", "url": "https://x.fr/a.jpg", "caption": "Légende"}]}
        ]}</script>""")
    assert meta.title == "Le titre"
    assert meta.published == "2023-11-08T15:35:00+01:00"
    assert meta.updated == "2023-11-08T16:00:00+01:00"
    assert meta.section == "Monde"
    assert meta.tags == ["Chine", "Russie"]
    assert meta.authors == ["Anne Roy", "Paul Li"]
    assert meta.publisher == "Le Journal"
    assert meta.provider == "Agence France-Presse"
    assert meta.comment_count == 4
    assert meta.images == [("https://x.fr/a.jpg", "Légende")]


def test_broken_json_ld_is_skipped_not_fatal() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle",, }</script>'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bon"}'
        "</script>"
    )
    assert meta_of(head).title == "Bon"
    tree = lxml.html.document_fromstring(f"<html><head>{head}</head></html>")
    assert [i.get("headline") for i in json_ld_items(tree)] == ["Bon"]


def test_open_graph_and_meta_tags() -> None:
    meta = meta_of("""
        <meta property="og:title" content="Titre OG">
        <meta property="og:site_name" content="Le Site">
        <meta property="og:image" content="https://x.fr/b.jpg">
        <meta property="article:published_time" content="2023-11-08T10:00:00Z">
        <meta property="article:tag" content="Un"><meta property="article:tag" content="Deux">
        <meta name="author" content="Anne Roy et Paul Li">
        <link rel="canonical" href="https://x.fr/article">""")
    assert (meta.title, meta.site_name, meta.canonical_url) == (
        "Titre OG",
        "Le Site",
        "https://x.fr/article",
    )
    assert meta.published == "2023-11-08T10:00:00Z"
    assert meta.tags == ["Un", "Deux"]
    assert meta.authors == ["Anne Roy", "Paul Li"]
    assert meta.images == [("https://x.fr/b.jpg", None)]
    assert meta.language == "fr-FR"


@pytest.mark.parametrize(
    "name", ["parsely-author", "article:author_name", "dc:creator", "dcterms.creator"]
)
def test_author_meta_tags_of_analytics_and_dublin_core(name: str) -> None:
    meta = meta_of(f'<meta name="{name}" content="Hazel Sheffield">')
    assert meta.authors == ["Hazel Sheffield"]


def test_microdata() -> None:
    meta = meta_of(
        "",
        """<article itemscope itemtype="https://schema.org/NewsArticle">
        <h1 itemprop="headline">Titre micro</h1>
        <time itemprop="datePublished" datetime="2023-11-08T09:00:00+01:00">8 nov.</time>
        <meta itemprop="commentCount" content="7"></article>""",
    )
    assert meta.title == "Titre micro"
    assert meta.published == "2023-11-08T09:00:00+01:00"
    assert meta.comment_count == 7


def test_agency_named_as_author_is_the_provider() -> None:
    meta = meta_of('<meta name="author" content="AFP">')
    assert meta.provider == "AFP"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Agence France-Presse", "AFP"),
        ("AFP", "AFP"),
        ("The Associated Press", "AP"),
        ("Reuters", "Reuters"),
        (" (AP) ", "AP"),
        ("Anne Roy", None),
        (None, None),
    ],
)
def test_agency_names(name: str | None, expected: str | None) -> None:
    assert agency(name) == expected
