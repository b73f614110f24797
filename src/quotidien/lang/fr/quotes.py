"""fr data: quotes."""

from quotidien.lang.quotes import QuoteWords

WORDS = QuoteWords()
