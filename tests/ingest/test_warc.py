"""WARC/WET reading, including damaged archives: report the damage, keep the rest."""

from __future__ import annotations

import gzip
import io
import struct
import zlib

from quotidien.errors import InputError
from quotidien.ingest.warc import is_archive, read_warc
from quotidien.model import Page

PAGE = "<html><head><title>Été</title></head><body><p>Le café numéro {n}.</p></body></html>"


def http(
    body: bytes,
    ctype: str = "text/html; charset=iso-8859-1",
    status: str = "200 OK",
    extra: str = "",
) -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{extra}\r\n".encode() + body


def record(url: str, block: bytes, kind: str = "response", ctype: str | None = None) -> bytes:
    ctype = ctype or ("application/http; msgtype=response" if kind == "response" else "text/plain")
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\n"
        f"WARC-Date: 2024-01-02T03:04:05Z\r\nWARC-Record-ID: <urn:uuid:{abs(hash(url))}>\r\n"
        f"Content-Type: {ctype}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def pages_of(n: int) -> list[bytes]:
    return [
        record(f"https://ex.fr/{i}", http(PAGE.format(n=i).encode("latin-1"))) for i in range(n)
    ]


def read(data: bytes, name: str = "a.warc") -> list[Page | InputError]:
    return list(read_warc(io.BytesIO(data), name))


def ok(items: list[Page | InputError]) -> list[str | None]:
    return [item.source.url for item in items if isinstance(item, Page)]


def bad(items: list[Page | InputError]) -> list[str]:
    return [item.reason for item in items if isinstance(item, InputError)]


def test_plain_archive_pages_with_http_charset() -> None:
    items = read(b"".join(pages_of(3)))
    assert ok(items) == ["https://ex.fr/0", "https://ex.fr/1", "https://ex.fr/2"]
    page = items[1]
    assert isinstance(page, Page)
    assert page.source.encoding == "iso-8859-1"
    assert page.source.kind == "html"
    assert page.source.retrieved is not None
    assert page.source.retrieved.year == 2024
    assert page.data == PAGE.format(n=1).encode("latin-1")
    assert page.source.path == f"a.warc#{len(pages_of(1)[0])}"


def test_gzip_members_and_offsets() -> None:
    members = [gzip.compress(r) for r in pages_of(3)]
    items = read(b"".join(members), "a.warc.gz")
    assert ok(items) == ["https://ex.fr/0", "https://ex.fr/1", "https://ex.fr/2"]
    assert [i.source.path for i in items if isinstance(i, Page)][2] == (
        f"a.warc.gz#{len(members[0]) + len(members[1])}"
    )


def test_one_gzip_stream_for_the_whole_file() -> None:
    assert len(ok(read(gzip.compress(b"".join(pages_of(3))), "a.warc.gz"))) == 3


def test_truncated_last_record() -> None:
    data = b"".join(pages_of(2))
    items = read(data[:-60])
    assert ok(items) == ["https://ex.fr/0"]
    assert bad(items)
    assert "truncated" in bad(items)[0]


def test_record_cut_in_the_middle_of_the_file_keeps_the_next_ones() -> None:
    first, second, third = pages_of(3)
    for cut in (150, len(second) - 40):  # inside the headers, inside the body
        items = read(first + second[:cut] + third)
        assert ok(items) == ["https://ex.fr/0", "https://ex.fr/2"], cut
        assert len(bad(items)) == 1
        assert "truncated" in bad(items)[0]


def test_gzip_member_lying_about_its_size() -> None:
    records = pages_of(3)
    members = [bytearray(gzip.compress(r)) for r in records]
    members[1][-4:] = struct.pack("<I", 99999)
    items = read(b"".join(bytes(m) for m in members), "a.warc.gz")
    assert ok(items) == ["https://ex.fr/0", "https://ex.fr/1", "https://ex.fr/2"]
    assert bad(items) == [f"gzip member claims 99999 bytes but holds {len(records[1])}"]


def test_corrupt_gzip_member_is_skipped() -> None:
    members = [bytearray(gzip.compress(r)) for r in pages_of(3)]
    members[1][20:40] = b"\xff" * 20
    items = read(b"".join(bytes(m) for m in members), "a.warc.gz")
    assert ok(items)[0] == "https://ex.fr/0"
    assert ok(items)[-1] == "https://ex.fr/2"
    assert bad(items)


def test_truncated_gzip_file() -> None:
    data = b"".join(gzip.compress(r) for r in pages_of(3))
    items = read(data[:-30], "a.warc.gz")
    assert ok(items) == ["https://ex.fr/0", "https://ex.fr/1"]
    assert any("gzip" in reason for reason in bad(items))


def test_non_html_bodies_and_http_errors_are_reported() -> None:
    data = b"".join(
        [
            record("https://ex.fr/logo.png", http(b"\x89PNG...", "image/png")),
            record("https://ex.fr/missing", http(b"<html>gone</html>", status="404 Not Found")),
            record("https://ex.fr/ok", http(b"<html><p>ok</p></html>")),
            record("https://ex.fr/", b"GET / HTTP/1.1\r\n\r\n", kind="request"),
        ]
    )
    items = read(data)
    assert ok(items) == ["https://ex.fr/ok"]
    assert bad(items) == ["not HTML: content type image/png", "HTTP status 404"]


def test_chunked_and_gzip_encoded_http_bodies() -> None:
    body = PAGE.format(n=7).encode()
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    encoded = zlib.compress(body, wbits=31)
    data = record("https://ex.fr/c", http(chunked, extra="Transfer-Encoding: chunked\r\n"))
    data += record("https://ex.fr/g", http(encoded, extra="Content-Encoding: gzip\r\n"))
    items = read(data)
    assert [i.data for i in items if isinstance(i, Page)] == [body, body]


def test_wet_conversion_records_are_text_pages() -> None:
    text = b"Titre\nUn article en texte brut, sans balises.\n"
    data = record("https://ex.fr/t", text, kind="conversion") + record(
        "urn:info", b"software: x", kind="warcinfo"
    )
    items = read(data, "a.wet")
    assert len(items) == 1
    assert isinstance(items[0], Page)
    assert items[0].source.kind == "text"
    assert items[0].data == text


def test_garbage_between_records_is_skipped_and_reported() -> None:
    first, second = pages_of(2)
    items = read(first + b"some junk line\r\nmore junk\r\n" + second)
    assert ok(items) == ["https://ex.fr/0", "https://ex.fr/1"]
    assert "not a WARC record" in bad(items)[0]


def test_archive_names() -> None:
    assert is_archive("x.warc")
    assert is_archive("CC-x.warc.wet.gz")
    assert is_archive("a.WARC.GZ")
    assert not is_archive("page.html")
    assert not is_archive("x.jsonl")


def test_a_member_failing_its_crc_is_reported_not_kept() -> None:
    """The bytes of a member whose checksum fails are not trusted: its record is reported
    and left out, its neighbours kept (issue 22, point 7)."""
    records = pages_of(3)
    members = [bytearray(gzip.compress(r)) for r in records]
    members[1][-8] ^= 0xFF  # the stored CRC no longer matches the data
    items = read(b"".join(bytes(m) for m in members), "a.warc.gz")
    assert ok(items) == ["https://ex.fr/0", "https://ex.fr/2"]
    assert bad(items) == ["gzip member fails its CRC check"]


def test_a_compressed_http_body_inflates_only_to_the_limit() -> None:
    """1 GB of zeros behind `Content-Encoding: gzip` takes the limit, not 1 GB (point 5)."""
    inflater = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1 << 20)
    bomb = inflater.compress(b"<html><body><p>Texte.</p>")
    bomb += b"".join(inflater.compress(zeros) for _ in range(1024)) + inflater.flush()
    assert len(bomb) < 2_000_000
    body = http(bomb, extra="Content-Encoding: gzip\r\n")
    [page] = read_warc(io.BytesIO(record("https://ex.fr/bomb", body)), "b.warc", limit=100_000)
    assert isinstance(page, Page)
    assert len(page.data) == 100_000
    assert page.truncated


def test_an_empty_or_foreign_archive_is_reported() -> None:
    for data, name in [(b"", "a.warc"), (b"", "a.warc.gz"), (b"\x00" * 10, "b.warc.gz")]:
        assert bad(read(data, name)), name
    assert bad(read(b"", "a.warc")) == ["no WARC record in this file (empty, or not an archive)"]
