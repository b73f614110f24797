"""WARC and WET archives (gzip or not) read record by record, as pages.

`response` records with HTML bodies become HTML pages (the HTTP headers give the content
type and charset), `resource` records with an HTML type too, and WET `conversion` records
become text pages. A damaged archive is reported where it is damaged and read on: a
truncated record, a gzip member that lies about its size or is corrupt, bytes between
records that are not a record. Records are read one at a time: memory stays flat.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import BinaryIO

from quotidien.errors import InputError
from quotidien.ingest.gzip_members import CRC_FAILED, GzipMembers
from quotidien.ingest.inflate import GZIP, RAW, ZLIB, inflate
from quotidien.model import Page, PageKind, Source
from quotidien.settings import DEFAULT

#: Records larger than this are skipped (videos, archives), not read into memory.
MAX_RECORD_BYTES = 50_000_000
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_LINE_LIMIT = 1 << 16
_VERSION_LINE = re.compile(rb"WARC/1\.\d\r?\n$")
_NEXT_RECORD = re.compile(rb"WARC/1\.\d\r?\n[A-Za-z-]+:")


def is_archive(name: str) -> bool:
    lower = name.lower().removesuffix(".gz")
    return lower.endswith((".warc", ".wet", ".arc.warc"))


def read_warc(
    raw: BinaryIO, name: str, gzipped: bool | None = None, limit: int = DEFAULT.max_page_bytes
) -> Iterator[Page | InputError]:
    """Every page in a WARC/WET stream, with an InputError in place of each bad record; an
    HTTP body is inflated up to `limit` bytes."""
    if gzipped is None:
        gzipped = name.lower().endswith(".gz")
    members = GzipMembers(raw) if gzipped else None
    stream = _Stream(members.read if members else (lambda: raw.read(1 << 16)))
    said = False  # anything at all: a record, or a reason
    while True:
        start, record = _next_record(stream, name)
        offset = _offset(start, members)
        damage = list(_drain(members, name)) if members else []
        yield from damage
        said = said or bool(damage) or record is not None
        if record is None:
            if not said:
                yield InputError(name, "no WARC record in this file (empty, or not an archive)")
            return
        if isinstance(record, InputError):
            yield InputError(f"{name}#{offset}", record.reason)
            continue
        if any(e.name == f"{name}#{offset}" and e.reason == CRC_FAILED for e in damage):
            continue  # its gzip member failed its checksum: its bytes cannot be trusted
        headers, block = record
        page = _page(headers, block, name, offset, limit)
        if page is not None:
            yield page


def _offset(pos: int, members: GzipMembers | None) -> int:
    """A record's offset: in the file for plain archives, its gzip member's for gzipped ones."""
    if members is None:
        return pos
    offset = 0
    for produced, raw in members.starts:
        if produced > pos:
            break
        offset = raw
    # Keep only the member the next record can start in.
    while len(members.starts) > 1 and members.starts[1][0] <= pos:
        members.starts.pop(0)
    return offset


def _drain(members: GzipMembers, name: str) -> Iterator[InputError]:
    while members.errors:
        offset, reason = members.errors.pop(0)
        yield InputError(f"{name}#{offset}", reason)


class _Stream:
    """Buffered bytes with readline, read and unread, over a chunk source."""

    def __init__(self, chunks: Callable[[], bytes]) -> None:
        self.chunks = chunks
        self.buf = bytearray()
        self.pos = 0  # offset of buf[0] in the (decompressed) stream
        self.done = False

    def _fill(self) -> bool:
        if self.done:
            return False
        chunk = self.chunks()
        if not chunk:
            self.done = True
            return False
        self.buf += chunk
        return True

    def _take(self, count: int) -> bytes:
        data = bytes(self.buf[:count])
        del self.buf[:count]
        self.pos += len(data)
        return data

    def readline(self) -> bytes:
        while True:
            end = self.buf.find(b"\n", 0, _LINE_LIMIT)
            if end >= 0:
                return self._take(end + 1)
            if len(self.buf) >= _LINE_LIMIT or not self._fill():
                return self._take(min(len(self.buf), _LINE_LIMIT))

    def read(self, count: int) -> bytes:
        while len(self.buf) < count and self._fill():
            pass
        return self._take(count)

    def skip(self, count: int) -> int:
        skipped = 0
        while skipped < count:
            if not self.buf and not self._fill():
                break
            skipped += len(self._take(min(count - skipped, len(self.buf))))
        return skipped

    def unread(self, data: bytes) -> None:
        self.buf[:0] = data
        self.pos -= len(data)


Record = tuple[dict[str, str], bytes]


def _next_record(stream: _Stream, name: str) -> tuple[int, Record | InputError | None]:
    """Where the next record starts, and its headers and block (an error for a damaged
    stretch, None at the end of the stream)."""
    line = stream.readline()
    while line in (b"\r\n", b"\n"):
        line = stream.readline()
    start = stream.pos - len(line)
    return start, _read_record(stream, line, name)


def _read_record(stream: _Stream, line: bytes, name: str) -> Record | InputError | None:
    if not line:
        return None
    if not line.startswith(b"WARC/"):
        skipped = len(line) + _skip_to_record(stream)
        return InputError(name, f"not a WARC record here; {skipped} bytes skipped")
    headers = _read_headers(stream)
    if headers is None:
        return InputError(name, "truncated record: its headers are cut short")
    length = headers.get("content-length", "")
    if not length.isdigit():
        return InputError(name, "WARC record headers damaged: no valid Content-Length")
    if int(length) > MAX_RECORD_BYTES:
        stream.skip(int(length))
        return InputError(name, f"record of {length} bytes skipped (larger than the limit)")
    block = stream.read(int(length))
    if len(block) < int(length):
        return InputError(name, f"truncated record: {len(block)} of {length} bytes")
    return _check_end(stream, headers, block, name)


def _check_end(
    stream: _Stream, headers: dict[str, str], block: bytes, name: str
) -> Record | InputError:
    """A record ends with a blank line; when the next record starts inside the block instead,
    this record was cut short and the next one ran into it: give the next one back."""
    tail = stream.read(4)
    if tail == b"\r\n\r\n" or not tail:
        return headers, block
    data = block + tail
    found = _NEXT_RECORD.search(data)
    if found:
        cut = found.start()
        stream.unread(data[cut:])
        return InputError(name, f"truncated record: the next record starts after {cut} bytes")
    stream.unread(tail)
    return headers, block


def _skip_to_record(stream: _Stream) -> int:
    skipped = 0
    while True:
        line = stream.readline()
        if not line:
            return skipped
        if line.startswith(b"WARC/1."):
            stream.unread(line)
            return skipped
        skipped += len(line)


def _read_headers(stream: _Stream) -> dict[str, str] | None:
    """The record's headers, None when the next record starts before they end."""
    headers: dict[str, str] = {}
    while True:
        line = stream.readline()
        if line in (b"\r\n", b"\n", b""):
            return headers
        cut = line.find(b"WARC/1.")
        if cut >= 0 and _VERSION_LINE.match(line, cut):
            stream.unread(line[cut:])  # a record cut mid-line, the next one glued to it
            return None
        key, _, value = line.decode("utf-8", "replace").partition(":")
        headers[key.strip().lower()] = value.strip()


def _page(
    headers: dict[str, str], block: bytes, archive: str, offset: int, limit: int
) -> Page | InputError | None:
    kind_of_record = headers.get("warc-type", "").lower()
    url = headers.get("warc-target-uri", "").strip("<>") or None
    name = url or f"{archive}#{offset}"
    when = iso_time(headers.get("warc-date"))
    source = Source(path=f"{archive}#{offset}", url=url, retrieved=when, kind="html", encoding=None)
    if kind_of_record == "conversion":
        return _make(block, source, "text", "utf-8")
    if kind_of_record == "resource":
        content_type, charset = _content_type(headers.get("content-type", ""))
        if content_type not in HTML_TYPES:
            return InputError(name, f"not HTML: content type {content_type or 'missing'}")
        return _make(block, source, "html", charset)
    if kind_of_record != "response" or (url or "").startswith("dns:"):
        return None  # requests, metadata, warcinfo, revisits: no page in them
    return _http_page(block, source, name, limit)


def _http_page(block: bytes, source: Source, name: str, limit: int) -> Page | InputError:
    head, separator, body = block.partition(b"\r\n\r\n")
    if not separator:
        head, separator, body = block.partition(b"\n\n")
    lines = head.decode("latin-1").splitlines()
    status = lines[0].split() if lines else []
    if len(status) < 2 or not status[0].startswith("HTTP/"):
        return InputError(name, "response record without an HTTP status line")
    if not status[1].startswith("2"):
        return InputError(name, f"HTTP status {status[1]}")
    http = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
    content_type, charset = _content_type(http.get("content-type", ""))
    if content_type and content_type not in HTML_TYPES:
        return InputError(name, f"not HTML: content type {content_type}")
    try:
        body, cut = _decode_transfer(body, http, limit)
    except (ValueError, zlib.error) as error:
        return InputError(name, f"cannot decode the HTTP body: {error}")
    return _make(body, source, "html", charset, cut)


def _make(
    data: bytes, source: Source, kind: PageKind, charset: str | None, cut: bool = False
) -> Page:
    update = {"kind": kind, "encoding": charset}
    return Page(data=data, source=source.model_copy(update=update), truncated=cut)


def _content_type(value: str) -> tuple[str, str | None]:
    main, *params = value.split(";")
    charset = None
    for param in params:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip(" \"'"):
            charset = val.strip(" \"'").lower()
    return main.strip().lower(), charset


def _decode_transfer(body: bytes, http: dict[str, str], limit: int) -> tuple[bytes, bool]:
    """The HTTP body as the server meant it, inflated up to `limit` bytes, and whether it
    was cut there."""
    if "chunked" in http.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    encoding = http.get("content-encoding", "").lower()
    if encoding in ("gzip", "x-gzip"):
        return inflate([body], GZIP, limit)
    if encoding == "deflate":
        try:
            return inflate([body], ZLIB, limit)
        except zlib.error:
            return inflate([body], RAW, limit)
    if encoding not in ("", "identity"):
        raise ValueError(f"unsupported content encoding {encoding}")
    return body, False


def _dechunk(body: bytes) -> bytes:
    out, at = bytearray(), 0
    while True:
        end = body.find(b"\r\n", at)
        if end < 0:
            raise ValueError("bad chunked encoding")
        size = int(body[at:end].split(b";")[0].strip() or b"0", 16)
        if size == 0:
            return bytes(out)
        out += body[end + 2 : end + 2 + size]
        at = end + 2 + size + 2


def iso_time(value: object) -> datetime | None:
    """An ISO 8601 time of a record header ("2024-05-02T10:00:00Z"), read as UTC when it
    names no zone; None when absent or unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
