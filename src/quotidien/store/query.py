"""Turning a user's words into a safe FTS5 query, and names into comparison keys.

User text is never passed to FTS5 as syntax: every word becomes a quoted string, so
`AND`, `NEAR`, `*`, `:`, parentheses and stray quotes are searched for as text. Text in
double quotes stays a phrase; a word ending in `*` is a prefix search.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import unicodedata
from typing import Any

from quotidien.errors import QueryError

_TOKENS = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w", re.UNICODE)


def fts_query(text: str) -> str:
    """A FTS5 MATCH expression finding every word (and phrase) of `text`."""
    terms: list[str] = []
    for phrase, word in _TOKENS.findall(text):
        if phrase and _WORD.search(phrase):
            terms.append(_quoted(phrase))
        elif word:
            terms.extend(_word_term(word))
    if not terms:
        raise QueryError(f"nothing to search for in {text!r}: give at least one word")
    return " ".join(terms)


def _word_term(word: str) -> list[str]:
    prefix = word.endswith("*")
    core = word.rstrip("*").replace('"', " ").strip()
    if not _WORD.search(core):
        return []
    return [_quoted(core) + (" *" if prefix else "")]


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def norm(name: str) -> str:
    """A name folded for comparison: case, accents and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.replace("’", "'").split())


def encode_cursor(values: list[Any]) -> str:
    """An opaque, URL-safe cursor holding where a page of results ended."""
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, types: tuple[type | tuple[type, ...], ...]) -> list[Any]:
    """The values of a cursor made by `encode_cursor`, checked against `types`."""
    values = None
    if len(cursor) <= 1000:
        try:
            padded = cursor + "=" * (-len(cursor) % 4)
            values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        except (ValueError, binascii.Error, UnicodeError, RecursionError):
            values = None
    ok = isinstance(values, list) and len(values) == len(types)
    if not ok or not all(_fits(v, t) for v, t in zip(values or [], types, strict=False)):
        raise QueryError(f"cursor {cursor[:40]!r} is not one this corpus gave out")
    return list(values or [])


def _fits(value: Any, kind: type | tuple[type, ...]) -> bool:
    if isinstance(value, bool):
        return False
    if kind is float:
        return isinstance(value, int | float) and abs(value) < 1e300
    if isinstance(value, int):  # SQLite integers are 64-bit
        return isinstance(value, kind) and -(2**63) <= value < 2**63
    return isinstance(value, kind)
