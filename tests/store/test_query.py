from __future__ import annotations

import pytest

from quotidien.errors import QueryError, QuotidienError
from quotidien.store.query import fts_query, norm


def test_every_word_is_quoted() -> None:
    assert fts_query("Choïgou Otan") == '"Choïgou" "Otan"'


def test_phrases_prefixes_and_syntax() -> None:
    assert fts_query('"wire story" AND') == '"wire story" "AND"'
    assert fts_query("escal*") == '"escal" *'
    assert fts_query("l'Otan \"x") == '"l\'Otan" "x"'
    assert fts_query("NEAR(a b)") == '"NEAR(a" "b)"'


def test_no_words_is_an_error() -> None:
    with pytest.raises(QuotidienError):
        fts_query(' * "" ( ) ')


def test_norm_folds_case_accents_and_spaces() -> None:
    assert norm("  Sergueï   CHOÏGOU ") == "serguei choigou"
    assert norm("l’Otan") == "l'otan"


def test_column_searches() -> None:
    assert fts_query("title:Obama") == 'title : "Obama"'
    assert fts_query("Lead:élu* body:vote") == 'lead : "élu" * body : "vote"'
    assert fts_query("10:30 x:y") == '"10:30" "x:y"'  # not a column: searched as written


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("oba\udcffma", "not UTF-8"),
        ("a\x00b", "NUL"),
        ("x" * 1001, "longer than"),
        ("a* " * 100, "prefix"),
        ("a " * 40, "more than 32"),
        ("b*", "2 letters"),
    ],
)
def test_queries_that_cannot_run_are_refused(query: str, reason: str) -> None:
    with pytest.raises(QueryError, match=reason):
        fts_query(query)
