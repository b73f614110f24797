"""Reading concatenated gzip members one by one, surviving damaged ones.

Python's gzip module stops at the first bad member. Web archives are written as one gzip
member per record precisely so that a reader can skip a damaged one: this reader inflates
member after member, checks each trailer (CRC and size) itself, reports a member whose
trailer lies or whose data is corrupt, and carries on with the next member.
"""

from __future__ import annotations

import zlib
from typing import BinaryIO

_MAGIC = b"\x1f\x8b\x08"
_CHUNK = 1 << 16
_FEXTRA, _FNAME, _FCOMMENT, _FHCRC = 4, 8, 16, 2


#: The reason given for a member whose bytes do not match their checksum: what it holds
#: cannot be trusted (a size that disagrees, with a good CRC, leaves the bytes trusted).
CRC_FAILED = "gzip member fails its CRC check"


class GzipMembers:
    """Decompressed bytes of every member in order; problems go to `errors` (offset, reason)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.pending = b""
        self.raw_pos = 0  # file offset of pending[0]
        self.eof = False
        self.inflater: zlib._Decompress | None = None
        self.member_start = 0
        self.crc = 0
        self.size = 0
        self.errors: list[tuple[int, str]] = []
        #: (uncompressed offset, file offset) of each member started, for record offsets.
        self.starts: list[tuple[int, int]] = []
        self.produced = 0

    def read(self) -> bytes:
        """The next decompressed chunk; b"" at the end of the file."""
        while True:
            if self.inflater is None and not self._start_member():
                return b""
            out = self._inflate()
            if out:
                self.produced += len(out)
                return out
            if self.inflater is not None and not self.pending and self.eof:
                self.errors.append(
                    (self.member_start, "file ends inside a gzip member (truncated)")
                )
                self.inflater = None
                return b""

    def _fill(self, want: int) -> bool:
        while len(self.pending) < want and not self.eof:
            chunk = self.raw.read(_CHUNK)
            if not chunk:
                self.eof = True
            self.pending += chunk
        return len(self.pending) >= want

    def _drop(self, count: int) -> None:
        self.pending = self.pending[count:]
        self.raw_pos += count

    def _start_member(self) -> bool:
        if not self._fill(10):
            if self.pending.strip(b"\x00"):
                self.errors.append((self.raw_pos, "trailing bytes that are not gzip data"))
            return False
        if not self.pending.startswith(_MAGIC):
            return self._resync("not a gzip member")
        length = self._header_length()
        if length is None:
            return self._resync("damaged gzip header")
        self.member_start = self.raw_pos
        self.starts.append((self.produced, self.raw_pos))
        self._drop(length)
        self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        self.crc, self.size = 0, 0
        return True

    def _header_length(self) -> int | None:
        self._fill(_CHUNK)
        data, flags, at = self.pending, self.pending[3], 10
        if flags & _FEXTRA:
            if len(data) < at + 2:
                return None
            at += 2 + int.from_bytes(data[at : at + 2], "little")
        for flag in (_FNAME, _FCOMMENT):
            if flags & flag:
                end = data.find(b"\x00", at)
                if end < 0:
                    return None
                at = end + 1
        if flags & _FHCRC:
            at += 2
        return at if at <= len(data) else None

    def _resync(self, reason: str) -> bool:
        """Skip to the next gzip magic number, reporting the skipped stretch."""
        start = self.raw_pos
        while True:
            found = self.pending.find(_MAGIC, 1)
            if found > 0:
                self._drop(found)
                break
            if self.eof:
                self._drop(len(self.pending))
                break
            self._drop(max(len(self.pending) - 2, 0))
            self._fill(_CHUNK)
        self.errors.append((start, f"{reason}; {self.raw_pos - start} bytes skipped"))
        return self._start_member() if self.pending else False

    def _inflate(self) -> bytes:
        assert self.inflater is not None
        if not self.pending:
            self._fill(1)
        data, self.pending = self.pending, b""
        self.raw_pos += len(data)
        try:
            out = self.inflater.decompress(data)
        except zlib.error as error:
            self.inflater = None
            self.pending = data[1:]
            self.raw_pos -= len(data) - 1
            self._resync(f"corrupt gzip data ({error})")
            return b""
        self.crc = zlib.crc32(out, self.crc)
        self.size += len(out)
        if self.inflater.eof:
            self._end_member(self.inflater.unused_data)
        return out

    def _end_member(self, rest: bytes) -> None:
        self.inflater = None
        self.pending = rest + self.pending
        self.raw_pos -= len(rest)
        self._fill(8)
        trailer = self.pending[:8]
        self._drop(len(trailer))
        if len(trailer) < 8:
            self.errors.append((self.member_start, "gzip member without its trailer"))
            return
        crc, size = int.from_bytes(trailer[:4], "little"), int.from_bytes(trailer[4:], "little")
        if crc != self.crc:
            self.errors.append((self.member_start, CRC_FAILED))
        elif size != self.size & 0xFFFFFFFF:
            self.errors.append(
                (self.member_start, f"gzip member claims {size} bytes but holds {self.size}")
            )
