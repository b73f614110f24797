"""Interviews: the answers under question lines.

A printed interview sets each question in a paragraph of its own, ending with a question
mark (after "Question :" or in bold, which a text dump loses), and the interviewee's answer
in the paragraph after it, with no quotation mark, cue or name: the lead has said who
answers. Each answer is the interviewee's own words with no speaker in the text, a content
alone (the French set's guide, `data/quotes-fr/README.md`). Reports, columns and
explainers ask questions in paragraphs of the same shape ("Êtes-vous concerné ?", "Why
does it matter?"); what tells an interview is that its questions address someone and its
answers speak in the first person ("Avez-vous pensé à partir ?" / "Tous les jours. Moi, je
reste …"): two of each at least (`QuoteWords.second_person`, `first_person`). The question
lines themselves are the interviewer's, no one's quotation. Paragraphs, question marks and
those word lists are all this reads; the first paragraph is taken for the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from quotidien.lang.quotes import QuoteWords
from quotidien.nlp.marks import OPENING_TOKENS, paragraph_spans
from quotidien.nlp.quote_context import trimmed

#: A question line is a short paragraph: a longer one ending with "?" is prose.
QUESTION_WORDS = 40
#: What ends a question (the full-width mark too).
QUESTION_MARKS = ("?", "？")
#: Questions that address someone, and answers in the first person, needed to call a text
#: an interview.
MIN_PAIRS = 2
_WORD = re.compile(r"\w+")

Span = tuple[int, int]


@dataclass(frozen=True)
class Interview:
    """Character spans of an interview's question lines and of the answers under them."""

    questions: tuple[Span, ...]
    answers: tuple[Span, ...]


def interview(text: str, words: QuoteWords) -> Interview | None:
    """The questions and answers of `text`, if it is an interview (asked by the rules and
    again by the grouping of the tagger's labels, for the same text: the last few kept)."""
    return _interview(text, words.second_person, words.first_person)


@lru_cache(maxsize=4)
def _interview(text: str, second: frozenset[str], first: frozenset[str]) -> Interview | None:
    paragraphs = [trimmed(text, span) for span in paragraph_spans(text)]
    paragraphs = paragraphs[1:]  # the first is the title: a question there heads it
    pairs = [
        (question, answer)
        for question, answer in pairwise(paragraphs)
        if _is_question(text, question) and not _is_question(text, answer)
    ]
    addressed = sum(1 for q, _ in pairs if _holds(text, q, second))
    answered = sum(1 for _, a in pairs if _holds(text, a, first))
    if addressed < MIN_PAIRS or answered < MIN_PAIRS:
        return None
    return Interview(tuple(q for q, _ in pairs), tuple(a for _, a in pairs))


def _is_question(text: str, span: Span) -> bool:
    """A short paragraph ending with a question mark and not in quotation marks (a quoted
    question is someone's words, not the interviewer's line)."""
    paragraph = text[span[0] : span[1]]
    if paragraph[:1] in OPENING_TOKENS or paragraph[:2] in OPENING_TOKENS:
        return False
    return paragraph.endswith(QUESTION_MARKS) and len(paragraph.split()) <= QUESTION_WORDS


def _holds(text: str, span: Span, wanted: frozenset[str]) -> bool:
    return any(word in wanted for word in _WORD.findall(text[span[0] : span[1]].lower()))
