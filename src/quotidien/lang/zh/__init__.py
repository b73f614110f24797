"""Chinese: date words only (no page or quotation data, no spaCy pipeline), so that dates on
Chinese pages are read; its pages get no entities or quotes."""

from quotidien.lang import Language
from quotidien.lang.page import PageWords
from quotidien.lang.quotes import QuoteWords
from quotidien.lang.zh import dates

LANGUAGE = Language(
    code="zh",
    name="Chinese",
    default_zone="Asia/Shanghai",
    spacy_model=None,
    page=PageWords(),
    dates=dates.WORDS,
    quotes=QuoteWords(),
)
