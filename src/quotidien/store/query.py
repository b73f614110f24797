"""Turning a user's words into a safe FTS5 query, and names into comparison keys.

User text is never passed to FTS5 as syntax: every word becomes a quoted string, so
`AND`, `NEAR`, `*`, `:`, parentheses and stray quotes are searched for as text. Text in
double quotes stays a phrase; a word ending in `*` is a prefix search.
"""

from __future__ import annotations

import re
import unicodedata

from quotidien.errors import QuotidienError

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
        raise QuotidienError(f"nothing to search for in {text!r}: give at least one word")
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
