"""Russian: date words only (no page or quotation data, no spaCy pipeline), so that dates on
Russian pages are read; its pages get no entities or quotes."""

from quotidien.lang import Language
from quotidien.lang.page import PageWords
from quotidien.lang.quotes import QuoteWords
from quotidien.lang.ru import dates

LANGUAGE = Language(
    code="ru",
    name="Russian",
    default_zone="Europe/Moscow",
    spacy_model=None,
    page=PageWords(),
    dates=dates.WORDS,
    quotes=QuoteWords(),
)
