"""Polish: date words only (no page or quotation data, no spaCy pipeline), so that dates on
Polish pages are read; its pages get no entities or quotes."""

from quotidien.lang import Language
from quotidien.lang.page import PageWords
from quotidien.lang.pl import dates
from quotidien.lang.quotes import QuoteWords

LANGUAGE = Language(
    code="pl",
    name="Polish",
    default_zone="Europe/Warsaw",
    spacy_model=None,
    page=PageWords(),
    dates=dates.WORDS,
    quotes=QuoteWords(),
)
