"""Pairing quotation marks."""

from __future__ import annotations

from quotidien.nlp.marks import find_segments


def _inner(text: str) -> list[str]:
    return [text[s.inner_start : s.inner_end] for s in find_segments(text)]


def test_kinds_of_marks_and_nesting() -> None:
    text = 'Il a dit « oui “vraiment” oui » puis “yes” et ‘maybe’ et „ja“ et "ok".'
    assert _inner(text) == ["oui “vraiment” oui", "yes", "maybe", "ja", "ok"]


def test_apostrophes_are_not_quotes() -> None:
    assert _inner("L’Otan et l’Europe, it’s ‘fine’ and rock ’n’ roll.") == ["fine"]


def test_unclosed_quote_is_dropped_at_paragraph_end() -> None:
    text = 'He said "it will never end.\n\nNext paragraph "closed" here.'
    assert _inner(text) == ["closed"]


def test_quote_over_paragraphs_when_each_reopens() -> None:
    text = "« Premier paragraphe.\n\n« Deuxième. » Fin."
    assert _inner(text) == ["Premier paragraphe.\n\n« Deuxième."]


def test_writer_comma_left_out() -> None:
    assert _inner('"We waited," she said.') == ["We waited"]


def test_two_apostrophes_and_backticks_are_one_mark() -> None:
    # news archives (and LaTeX-style text) type the double quotation mark as two characters
    text = (
        "''Some courses are adapting,'' said Paul Chipok. The players' lounge is new. "
        "``Old style,'' she said.\n\n''First part.\n\n''Second part,'' he added."
    )
    segments = find_segments(text)
    assert _inner(text) == [
        "Some courses are adapting",
        "Old style",
        "First part.\n\n''Second part",
    ]
    assert [text[s.start : s.start + 2] for s in segments] == ["''", "``", "''"]
    assert all(text[s.end - 2 : s.end] == "''" for s in segments)


def test_three_apostrophes_are_not_a_mark() -> None:
    assert _inner("The word '''bold''' is wiki markup.") == []


def test_two_apostrophes_after_a_letter_open_nothing() -> None:
    text = "The O''Brien family said ''we are fine,'' and a 12''x8'' frame."
    assert _inner(text) == ["we are fine"]
