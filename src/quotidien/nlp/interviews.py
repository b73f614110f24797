"""Interviews: the answers under question lines.

A printed interview sets each question in a paragraph of its own, ending with a question
mark (after "Question :" or in bold, which a text dump loses), and the interviewee's answer
in the paragraph after it, with no quotation mark, cue or name: the lead has said who
answers. Each answer is the interviewee's own words with no speaker in the text, a content
alone (the French set's guide, `data/quotes-fr/README.md`). A report or a column asks
rhetorical questions and answers them too, in paragraphs of the same shape; what tells an
interview is that its questions address someone ("Avez-vous pensé à partir ?", "What do you
make of it?"): two of them at least must (`QuoteWords.second_person`). Paragraphs, question
marks and that word list are all it reads.
"""

from __future__ import annotations

import re
from itertools import pairwise

from quotidien.lang.quotes import QuoteWords
from quotidien.nlp.marks import OPENING_TOKENS, PARAGRAPH

#: A question line is a short paragraph: a longer one ending with "?" is prose.
QUESTION_WORDS = 40
#: What ends a question, in the scripts with their own question mark too.
QUESTION_MARKS = ("?", "？")
#: Questions that address someone, each with an answer, needed to call a text an interview.
MIN_ADDRESSED = 2
_WORD = re.compile(r"\w+")


def answers(text: str, words: QuoteWords) -> list[tuple[int, int]]:
    """The character spans of the answers of an interview in `text`, in order (none when
    the text is no interview)."""
    paragraphs = _paragraphs(text)[1:]  # the first is the title: a question there heads it
    pairs = [
        (question, answer)
        for question, answer in pairwise(paragraphs)
        if _is_question(text, question) and not _is_question(text, answer)
    ]
    addressed = sum(1 for question, _ in pairs if _addresses(text, question, words))
    return [answer for _, answer in pairs] if addressed >= MIN_ADDRESSED else []


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Each paragraph's span, white space trimmed, empty ones left out."""
    out, start = [], 0
    for brk in [*PARAGRAPH.finditer(text), None]:
        end = len(text) if brk is None else brk.start()
        piece = text[start:end]
        if piece.strip():
            left = start + len(piece) - len(piece.lstrip())
            out.append((left, start + len(piece.rstrip())))
        if brk is not None:
            start = brk.end()
    return out


def _is_question(text: str, span: tuple[int, int]) -> bool:
    """A short paragraph ending with a question mark and not in quotation marks (a quoted
    question is someone's words, not the interviewer's line)."""
    paragraph = text[span[0] : span[1]]
    if paragraph[:1] in OPENING_TOKENS or paragraph[:2] in OPENING_TOKENS:
        return False
    return paragraph.endswith(QUESTION_MARKS) and len(paragraph.split()) <= QUESTION_WORDS


def _addresses(text: str, span: tuple[int, int], words: QuoteWords) -> bool:
    found = _WORD.findall(text[span[0] : span[1]].lower())
    return any(word in words.second_person for word in found)
