from __future__ import annotations

import pytest

from quotidien.errors import QuotidienError
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
