"""Greek: date words only (no page or quotation data, no spaCy pipeline), so that dates on
Greek pages are read; its pages get no entities or quotes."""

from quotidien.lang import Language
from quotidien.lang.el import dates
from quotidien.lang.page import PageWords
from quotidien.lang.quotes import QuoteWords

LANGUAGE = Language(
    code="el",
    name="Greek",
    default_zone="Europe/Athens",
    spacy_model=None,
    page=PageWords(),
    dates=dates.WORDS,
    quotes=QuoteWords(),
)
