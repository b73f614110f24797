"""Bad input through `quotidien.extract`: a record with warnings or a clear error, never a
traceback, never a hang."""

from __future__ import annotations

from pathlib import Path

import pytest

import quotidien
from conftest import DATA, assert_valid_record
from quotidien.errors import InputError, NoArticleError
from quotidien.settings import Settings

#: Byte sequences that betray text decoded with the wrong charset.
MOJIBAKE = ("Ã©", "Ã¨", "Ã", "â€™", "â€œ", "Å“", "Â«", "Â»", "\ufffd")

PARAGRAPHS = "".join(
    f"<p>Paragraphe {i} : le conseil municipal a débattu du budget de la ville pendant "
    f"plusieurs heures, sans parvenir à un accord sur la rénovation des écoles.</p>"
    for i in range(12)
)
PAGE = (
    f"<html lang='fr'><head><title>Budget municipal</title></head><body><article>"
    f"<h1>Budget municipal : pas d'accord</h1>{PARAGRAPHS}</article></body></html>"
)


def test_empty_input_is_an_error_naming_it() -> None:
    with pytest.raises(InputError, match=r"vide\.html: empty input"):
        quotidien.extract(b"", path="vide.html")
    with pytest.raises(InputError, match="empty input"):
        quotidien.extract(b"  \n\t ", path="blanc.html")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(200),
            "JPEG",
        ),
    ],
)
def test_binary_given_as_html_is_refused_by_name(data: bytes, what: str) -> None:
    with pytest.raises(InputError, match=f"rapport.html: not a web page: looks like .*{what}"):
        quotidien.extract(data, path="rapport.html", kind="html")


def test_page_without_text_is_no_article() -> None:
    html = "<html><body><nav><a href='/'>Accueil</a></nav><script>x()</script></body></html>"
    with pytest.raises(NoArticleError, match=r"menu\.html"):
        quotidien.extract(html.encode(), path="menu.html")


def test_truncated_html_still_gives_a_record() -> None:
    article = quotidien.extract((DATA / "html" / "en-truncated.html").read_bytes())
    assert_valid_record(article)
    assert article.title == "Café owners say new rent rules came “too late” for Main Street"
    assert len(article.blocks) == 3
    assert article.blocks[-1].text.startswith("The ordinance limits yearly increases")


def test_fifty_megabyte_page_is_cut_with_a_warning() -> None:
    paragraph = (
        "<p>{}: le conseil municipal a débattu du budget de la ville pendant plusieurs "
        "heures, sans parvenir à un accord.</p>\n"
    )
    count = 50_000_000 // len(paragraph)
    html = (
        "<html><head><title>Une très grande page</title></head><body><article>"
        + "".join(paragraph.format(i) for i in range(count))
        + "</article></body></html>"
    )
    assert len(html) >= 50_000_000
    article = quotidien.extract(html.encode())
    assert "page-truncated" in {w.code for w in article.warnings}
    assert article.blocks
    assert article.blocks[0].text.startswith("0: le conseil municipal")


def test_page_cut_at_the_settings_limit() -> None:
    article = quotidien.extract(PAGE.encode(), settings=Settings(max_page_bytes=1_000))
    assert "page-truncated" in {w.code for w in article.warnings}
    assert 0 < len(article.blocks) < 12


def test_markup_nested_100000_deep() -> None:
    html = PAGE.replace(
        "</body>", "<div>" * 100_000 + "<p>Au fond.</p>" + "</div>" * 100_000 + "</body>"
    )
    article = quotidien.extract(html.encode(), path="profond.html")
    assert_valid_record(article)
    assert len(article.blocks) == 13  # the deep paragraph too, read without its wrappers
    assert article.blocks[-1].text == "Au fond."
    assert "markup-too-deep" in {w.code for w in article.warnings}


def test_only_deep_markup_is_read_without_its_wrappers() -> None:
    html = "<html><body>" + "<div>" * 100_000 + "<p>Texte.</p>" + "</div>" * 100_000
    article = quotidien.extract(html.encode(), path="gouffre.html")
    assert article.body_text() == "Texte."
    assert "markup-too-deep" in {w.code for w in article.warnings}


def test_charset_declared_wrong_is_read_right_and_said() -> None:
    article = quotidien.extract((DATA / "html" / "fr-declared-utf8-is-1252.html").read_bytes())
    assert_valid_record(article)
    assert article.source.encoding in ("cp1252", "windows-1252")
    assert "charset" in {w.code for w in article.warnings}
    assert "cœur de budget" in article.text()


@pytest.mark.parametrize("path", sorted((DATA / "html").glob("*.html")), ids=lambda p: p.name)
def test_mojibake_never_reaches_a_record(path: Path) -> None:
    article = quotidien.extract(path.read_bytes(), path=path.name)
    assert_valid_record(article)
    record = article.model_dump_json()
    for sequence in MOJIBAKE:
        assert sequence not in record, sequence


def test_control_characters_do_not_lose_the_page() -> None:
    # A stray backspace once made the body vanish (the tree serialiser refuses it).
    html = PAGE.replace("Paragraphe 3", "Paragraphe\x08 3")
    article = quotidien.extract(html.encode())
    assert len(article.blocks) == 12
    assert "\x08" not in article.text()


def test_broken_markup_everywhere() -> None:
    html = (
        "<html><head><title>Titre</title><body><article><h1>Titre cassé<p>"
        + PARAGRAPHS.replace("</p>", "")
        + "<div><span><b>fin"
    )
    article = quotidien.extract(html.encode())
    assert_valid_record(article)
    assert "Paragraphe 11" in article.text()
