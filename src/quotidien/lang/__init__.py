"""Per-language knowledge, one package per language (`lang/fr/`, `lang/en/`).

The algorithms never branch on a language code: they ask `get(code)` for a `Language` and
read its data. Each concern has its own data type and its own file in every language
package (spaCy's layout):

- `page.py`   -> `PageWords`: page furniture, comment and teaser headings, provider lines;
- `dates.py`  -> `DateWords`: month and weekday names, relative-time phrases, date patterns;
- `quotes.py` -> `QuoteWords`: cue verbs and prepositions, inversion, pronouns, titles.

Adding a language means adding one package with those three files and naming it in
`SUPPORTED`. Russian, Greek, Polish and Chinese have dates only so far (their pages and
quotations use the empty defaults).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache

from quotidien.lang.dates import DateWords
from quotidien.lang.page import PageWords
from quotidien.lang.quotes import QuoteWords

#: Languages with a data package, in the order they are tried when a guess is needed.
SUPPORTED: tuple[str, ...] = ("fr", "en", "ru", "el", "pl", "zh")


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    #: Zone assumed for local times on pages of this language when nothing else tells.
    default_zone: str | None
    #: spaCy pipeline package used when settings name none.
    spacy_model: str | None
    page: PageWords
    dates: DateWords
    quotes: QuoteWords
    #: Other packages providing the same pipeline, tried in order when `spacy_model` is
    #: not installed and the settings name none (e.g. a re-upload of the official one).
    spacy_fallbacks: tuple[str, ...] = ()
    #: Trained attribution model shipped in `quotidien/models/` (name without suffix), used
    #: on top of the quote rules; None: the rules alone.
    attribution_model: str | None = None
    #: PostgreSQL's text search configuration for this language's stemming and stop words
    #: (the PostgreSQL store's full-text index); None: words kept as written.
    text_search: str | None = None

    @classmethod
    def dates_only(cls, code: str, name: str, default_zone: str, dates: DateWords) -> Language:
        """A language whose dates are read and nothing else: no page or quotation words,
        no spaCy pipeline (its pages get no entities or quotes)."""
        return cls(code, name, default_zone, None, PageWords(), dates, QuoteWords())


@cache
def get(code: str | None) -> Language | None:
    """The data for language `code` (ISO 639-1), or None when quotidien has none."""
    if not code or code not in SUPPORTED:
        return None
    module = importlib.import_module(f"quotidien.lang.{code}")
    language: Language = module.LANGUAGE
    return language


def all_languages() -> list[Language]:
    return [lang for code in SUPPORTED if (lang := get(code)) is not None]
