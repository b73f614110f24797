"""Bytes -> text in whatever encoding a page used, declared or not, right or wrong."""

from __future__ import annotations

import codecs

import pytest

from conftest import DATA
from quotidien.extract import encoding

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
