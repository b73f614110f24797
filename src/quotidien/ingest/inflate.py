"""Decompression that stops at a size limit: a small file that inflates to gigabytes (a
"zip bomb", or a crawler's honest mistake) costs at most the limit in memory."""

from __future__ import annotations

import zlib
from collections.abc import Iterable

GZIP = 16 + zlib.MAX_WBITS  # gzip header and trailer
ZLIB = zlib.MAX_WBITS
RAW = -zlib.MAX_WBITS  # bare deflate data, as some servers send "deflate"


def inflate(chunks: Iterable[bytes], wbits: int, limit: int) -> tuple[bytes, bool]:
    """The decompressed bytes, at most `limit` of them, and whether more were left out.
    Gzip data may hold several members one after the other: all are read."""
    out = bytearray()
    inflater = zlib.decompressobj(wbits)
    for chunk in chunks:
        data = chunk
        while data:
            out += inflater.decompress(data, limit + 1 - len(out))
            if len(out) > limit:
                return bytes(out[:limit]), True
            data = inflater.unconsumed_tail
            if inflater.eof:  # a member ended: another may follow
                data = inflater.unused_data + data
                if not data.startswith(b"\x1f\x8b"):
                    return bytes(out), False
                inflater = zlib.decompressobj(wbits)
    return bytes(out), False
