"""Bytes -> text in whatever encoding a page used, declared or not, right or wrong."""

from __future__ import annotations

import codecs

import pytest

from conftest import DATA
from quotidien.extract import encoding
from quotidien.extract.encoding import binary_kind, decode

FR_WORDS = ("équipe", "cœur de budget", "4,8 M€", "Œdipe Lefèvre", "« de résistance »")
EN_WORDS = ("Café owners", "“too late”", "José Ortiz", "Renée Walsh")


@pytest.mark.parametrize(
    ("name", "codec", "warned"),
    [
        ("fr-windows-1252.html", "cp1252", False),
        ("fr-iso-8859-15.html", "iso8859-15", False),
        ("fr-utf8-undeclared.html", "utf-8", False),
        ("fr-declared-utf8-is-1252.html", "cp1252", True),
        ("en-declared-latin1-is-utf8.html", "utf-8", False),
        ("en-windows-1252-undeclared.html", "cp1252", False),
    ],
)
def test_fixture_pages_decode_without_mojibake(name: str, codec: str, warned: bool) -> None:
    text, used, warning = encoding.decode((DATA / "html" / name).read_bytes())
    assert codecs.lookup(used).name == codecs.lookup(codec).name
    assert (warning is not None) is warned
    words = FR_WORDS if name.startswith("fr") else EN_WORDS
    for word in words:
        assert word in text, word
    assert "Ã" not in text
    assert "â€" not in text
    assert "\ufffd" not in text


def test_declared_encoding_labels() -> None:
    assert encoding.declared_encoding(b'<meta charset="ISO-8859-1">') == "cp1252"
    http_equiv = b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">'
    assert encoding.declared_encoding(http_equiv) == "iso8859-15"
    assert encoding.declared_encoding(b'<?xml version="1.0" encoding="UTF-8"?>') == "utf-8"
    assert encoding.declared_encoding(b"<meta charset='x-unknown-thing'>") is None


def test_byte_order_mark_wins() -> None:
    data = codecs.BOM_UTF16_LE + "<p>Été</p>".encode("utf-16-le")
    text, used, _ = encoding.decode(data, "windows-1252")
    assert "Été" in text
    assert used == "utf-16"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.4", "PDF"),
        (b"\xff\xd8\xff\xe0", "JPEG"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"<html>\x00\x00\x00</html>", "binary"),
    ],
)
def test_binary_kind(data: bytes, what: str) -> None:
    kind = encoding.binary_kind(data)
    assert kind is not None
    assert what in kind


def test_text_is_not_binary() -> None:
    assert encoding.binary_kind("<html><p>Été</p></html>".encode()) is None


BODY = (
    "<html><head>{meta}</head><body><article><h1>Été à Noël</h1><p>"
    + "Le texte de l'article est assez long pour être lu, même décodé. " * 5
    + "</p></article></body></html>"
)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-32"])
def test_wide_unicode_with_and_without_byte_order_mark(codec: str) -> None:
    """Browsers read them; so does quotidien (issue 22, point 10)."""
    data = BODY.format(meta="").encode(codec)
    text, used, _ = decode(data)
    assert "Été à Noël" in text
    assert used.startswith(codec[:6])
    assert binary_kind(data) is None


@pytest.mark.parametrize("label", ["rot-13", "base64", "hex", "zlib", "uu"])
def test_a_codec_that_is_no_text_encoding_is_ignored(label: str) -> None:
    data = BODY.format(meta=f'<meta charset="{label}">').encode("windows-1252")
    text, used, _ = decode(data)
    assert "Été à Noël" in text
    assert used in ("cp1252", "windows-1252")


def test_a_stray_nul_is_not_binary_but_many_are() -> None:
    page = BODY.format(meta="").encode()
    assert binary_kind(page[:40] + b"\x00" + page[40:]) is None
    assert binary_kind(bytes(range(256)) * 16) == "binary data"
