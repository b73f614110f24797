"""A user's words as PostgreSQL text search: conditions, rank and snippets.

The words are parsed and bounded exactly as for SQLite (`query.terms`); each becomes a
`tsquery` operand written from its letters and digits alone, so no text the user types is
ever read as `tsquery` syntax. Every row is searched with its own language's configuration
(`postgres_schema.CONFIGS`): the operands are stemmed by `to_tsquery` with that
configuration. Runs of Chinese or Japanese characters are searched as phrases of character
pairs (`store/cjk.py`), indexed in the same vector with the `simple` configuration.
Statements use `?` placeholders, like the rest of the shared SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from quotidien import lang
from quotidien.errors import QueryError
from quotidien.store import cjk
from quotidien.store.base import MARK_END, MARK_START
from quotidien.store.postgres_schema import CONFIGS
from quotidien.store.query import Term, checked, terms

SIMPLE = "quotidien_simple"
_TOKEN = re.compile(r"[^\W_]+")
_WEIGHT = {"title": "A", "lead": "B", "body": "D"}
#: Highlighting options of ts_headline: about SQLite's snippet of 24 words.
HEADLINE = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, "
    "MaxFragments=1, FragmentDelimiter=…"
)
#: Characters of an article's text that a snippet is looked for in.
HEADLINE_CHARS = 100_000
#: Characters of a part (title, lead, body) indexed; tsvector holds at most 1 MB.
INDEXED_CHARS = 300_000
#: Characters of the body in the vector that ranks. Ranking reads the vector of every
#: matching row; the whole body's (often over 10 kB, kept out of line) made a common word's
#: search read hundreds of MB. A news story says what it is about in its first paragraphs.
RANK_CHARS = 1_000


def config_of(language: str | None) -> str:
    """The text search configuration of articles in `language`."""
    found = lang.get(language)
    name = found.text_search if found else None
    return f"quotidien_{name}" if name in CONFIGS else SIMPLE


@dataclass(frozen=True)
class TextQuery:
    """The words of a query as `tsquery` text (stemmed per configuration), and its runs of
    Chinese or Japanese as pair phrases (searched as they are)."""

    words: str
    pairs: str
    runs: list[str]

    @classmethod
    def of(cls, text: str) -> TextQuery:
        rest, _ = cjk.split_query(checked(text))
        runs = cjk.runs(text)
        operands = terms(rest) if not runs or _has_words(rest) else []
        words = " & ".join(o for term in operands if (o := _operand(term)))
        pairs = " & ".join(_pair_phrase(run) for run in runs)
        if not words and not pairs:
            raise QueryError(f"nothing to search for in {text[:80]!r}: give at least one word")
        return cls(words, pairs, runs)

    def tsquery(self, config: str) -> tuple[str, list[Any]]:
        """The `tsquery` expression for rows of `config`."""
        parts, params = [], []
        if self.words:
            parts.append(f"to_tsquery('{config}', ?)")
            params.append(self.words)
        if self.pairs:
            parts.append(f"to_tsquery('{SIMPLE}', ?)")
            params.append(self.pairs)
        return " && ".join(parts), params

    def any_config(self) -> tuple[str, list[Any]]:
        """The query as every configuration reads it, joined by OR: one `tsquery` that the
        GIN index answers alone. (Matching each row in its own configuration only meant
        reading every matching row's whole vector again; a word whose stem in one language
        is a word of another may match across languages, which a search of all of them
        asks for anyway.)"""
        queries, params = [], []
        for config in _configs():
            query, more = self.tsquery(config)
            queries.append(f"({query})")
            params.extend(more)
        return "(" + " || ".join(queries) + ")", params

    def condition(self, alias: str) -> tuple[str, list[Any]]:
        """Rows of table `alias` holding every word and run."""
        query, params = self.any_config()
        return f"{alias}.search @@ {query}", params

    def rank(self, alias: str) -> tuple[str, list[Any]]:
        """The rank of a row of `alias` (higher is better; length-normalised), by its title,
        lead and the beginning of its body (RANK_CHARS)."""
        query, params = self.any_config()
        return f"ts_rank({alias}.rank, {query}, 1)::float8", params

    def headline(self, alias: str) -> tuple[str, list[Any]]:
        """A snippet of the row's text with the words found marked (words only)."""
        text = f"left(concat_ws(' ', {alias}.title, {alias}.lead, {alias}.body), {HEADLINE_CHARS})"
        cases, params = [], []
        for config in _configs():
            cases.append(f"WHEN '{config}' THEN ts_headline('{config}', {text}, "
                         f"to_tsquery('{config}', ?), ?)")  # fmt: skip
            params.extend([self.words, HEADLINE])
        return f"CASE {alias}.config {' '.join(cases)} END", params


def vector(parts: list[tuple[str | None, str]], config: str, pairs: str) -> tuple[str, list[Any]]:
    """The SQL of a row's tsvector: each (text, weight) part in `config`, then the pairs."""
    pieces = [f"setweight(to_tsvector('{config}', ?), '{weight}')" for _, weight in parts]
    params: list[Any] = [(text or "")[:INDEXED_CHARS] for text, _ in parts]
    pieces.append(f"to_tsvector('{SIMPLE}', ?)")
    params.append(pairs)
    return " || ".join(pieces), params


def _configs() -> list[str]:
    return [f"quotidien_{name}" for name in CONFIGS]


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _operand(term: Term) -> str | None:
    """A term as a `tsquery` operand: its letters and digits, phrases joined by <->."""
    tokens = _TOKEN.findall(term.text)
    if not tokens:
        return None
    labels = [_WEIGHT.get(term.column or "", "")] * len(tokens)
    if term.prefix:
        labels[-1] = "*" + labels[-1]
    return (
        "("
        + " <-> ".join(t + (f":{x}" if x else "") for t, x in zip(tokens, labels, strict=True))
        + ")"
    )


def _pair_phrase(run: str) -> str:
    """A run as a phrase of its pairs; a lone character: the pairs it starts."""
    return f"{run}:*" if len(run) == 1 else "(" + " <-> ".join(cjk.pairs(run)) + ")"
