"""Turning a user's words into a safe FTS5 query, and names into comparison keys.

User text is never passed to FTS5 as syntax: every word becomes a quoted string, so
`AND`, `NEAR`, `*`, `:`, parentheses and stray quotes are searched for as text. Text in
double quotes stays a phrase; a word ending in `*` is a prefix search; `title:word`
(`lead:`, `body:`) looks in that part of the article only. A query is bounded (length,
words, prefixes: a prefix of one letter expands to most of the vocabulary), and text that
is not valid (a NUL, a lone surrogate left by bytes that were not UTF-8) is refused.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from quotidien.errors import QueryError

_TOKENS = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w", re.UNICODE)
_COLUMN = re.compile(r"(title|lead|body):(.+)", re.IGNORECASE)
_UNSAFE = re.compile(r"[\x00\ud800-\udfff]")

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32
MAX_PREFIXES = 4
#: A prefix shorter than this would stand for too much of the vocabulary.
MIN_PREFIX_CHARS = 2


def checked(text: str, what: str = "query") -> str:
    """`text`, or QueryError when it is no text a search can take (NUL, lone surrogates
    from bytes that were not UTF-8, or longer than MAX_QUERY_CHARS)."""
    if _UNSAFE.search(text):
        raise QueryError(f"the {what} holds a NUL or bytes that are not UTF-8 text")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the {what} is longer than {MAX_QUERY_CHARS} characters")
    return text


@dataclass(frozen=True)
class Term:
    """One word or phrase of a query: its text, the article part it must be in (None: any),
    and whether it is a prefix (`word*`)."""

    text: str
    column: str | None = None
    prefix: bool = False


def terms(text: str) -> list[Term]:
    """The words and phrases of `text`, every limit checked (QueryError otherwise)."""
    found: list[Term] = []
    for phrase, word in _TOKENS.findall(checked(text)):
        if phrase and _WORD.search(phrase):
            found.append(Term(phrase))
        elif word:
            found.extend(_word_term(word))
    if not found:
        raise QueryError(f"nothing to search for in {text[:80]!r}: give at least one word")
    if len(found) > MAX_TERMS:
        raise QueryError(f"more than {MAX_TERMS} words or phrases: narrow the query")
    if sum(term.prefix for term in found) > MAX_PREFIXES:
        raise QueryError(f"more than {MAX_PREFIXES} prefix searches (word*) in one query")
    return found


def fts_query(text: str) -> str:
    """A FTS5 MATCH expression finding every word (and phrase) of `text`."""
    return " ".join(_fts_term(term) for term in terms(text))


def _fts_term(term: Term) -> str:
    column = f"{term.column} : " if term.column else ""
    return column + _quoted(term.text) + (" *" if term.prefix else "")


def _word_term(word: str) -> list[Term]:
    column = None
    if found := _COLUMN.fullmatch(word):
        column, word = found.group(1).lower(), found.group(2)
    prefix = word.endswith("*")
    core = word.rstrip("*").replace('"', " ").strip()
    if not _WORD.search(core):
        return []
    if prefix and len(core) < MIN_PREFIX_CHARS:
        raise QueryError(f"{word!r}: a prefix search needs {MIN_PREFIX_CHARS} letters or more")
    return [Term(core, column, prefix)]


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
