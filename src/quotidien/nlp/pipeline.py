"""Choosing and running the spaCy pipeline, then the entity and quote rules on top.

Each pipeline is loaded once per process (cached by package name). Texts go through
`nlp.pipe` in batches; a language without data or without an installed pipeline leaves
entities and quotes empty and says so in the record's warnings.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import islice, pairwise
from typing import TYPE_CHECKING

from quotidien import lang
from quotidien.errors import ModelUnavailableError
from quotidien.model import Article
from quotidien.nlp.attribution import find_attributions
from quotidien.nlp.attribution import load as load_attribution_model
from quotidien.nlp.entities import find_entities
from quotidien.nlp.marks import PARAGRAPH
from quotidien.nlp.quotes import find_quotes
from quotidien.settings import DEFAULT, Settings

if TYPE_CHECKING:
    from pathlib import Path

    from spacy.language import Language as SpacyPipeline
    from spacy.tokens import Doc

#: Texts longer than this (characters) are cut before parsing, with a warning. A page of
#: 10,000 quoted paragraphs took 29 s and 1.97 GB in `quotidien extract --nlp` cut at
#: 300,000; 20 s and 1.23 GB at 100,000 (an ordinary article: 0.82 GB, the models).
MAX_CHARS = 100_000


def candidate_packages(code: str, settings: Settings = DEFAULT) -> tuple[str, ...]:
    """Package names to try for language `code`, in order (empty: no pipeline known)."""
    if code in settings.models:  # a user's explicit choice: no silent substitute
        return (settings.models[code],)
    language = lang.get(code)
    if language is None or language.spacy_model is None:
        return ()
    return (language.spacy_model, *language.spacy_fallbacks)


@cache
def load(package: str) -> SpacyPipeline:
    """The spaCy pipeline installed as `package`, loaded once per process."""
    if importlib.util.find_spec(package) is None:
        raise ModelUnavailableError(f"spaCy pipeline {package!r} is not installed")
    import spacy

    try:
        return spacy.load(package)
    except OSError as error:
        raise ModelUnavailableError(
            f"spaCy pipeline {package!r} cannot be loaded: {error}"
        ) from error


def pipeline_for(code: str, settings: Settings = DEFAULT) -> SpacyPipeline:
    """The first installed pipeline among the candidates for `code`."""
    names = candidate_packages(code, settings)
    if not names:
        raise ModelUnavailableError(f"no spaCy pipeline configured for language {code!r}")
    for name in names:
        try:
            return load(name)
        except ModelUnavailableError:
            continue
    raise ModelUnavailableError(f"none of the spaCy pipelines {', '.join(names)} is installed")


def parse_many(nlp: SpacyPipeline, texts: list[str], batch_size: int = 32) -> Iterator[Doc]:
    """`nlp.pipe` over `texts`, each parsed in pieces cut after every paragraph that ends on a
    word (a headline, a heading, a caption) and joined again, so that such a paragraph is a
    sentence of its own. Left to itself the parser runs it into the next paragraph and takes
    its noun for the subject there ("Des lits fermés ¶ La directrice …, a reconnu …").
    Presetting the sentence start instead throws the parser off (it then cuts the next
    words into sentences of one token)."""
    from spacy.tokens import Doc

    pieces = [_pieces(text) for text in texts]
    docs = nlp.pipe((piece for parts in pieces for piece in parts), batch_size=batch_size)
    for parts in pieces:
        parsed = [next(docs) for _ in parts]
        yield parsed[0] if len(parsed) == 1 else Doc.from_docs(parsed, ensure_whitespace=False)


def _pieces(text: str) -> list[str]:
    """`text` cut after each paragraph break that follows a word, breaks kept."""
    cuts = [m.end() for m in PARAGRAPH.finditer(text) if text[m.start() - 1 : m.start()].isalnum()]
    edges = [0, *cuts, len(text)]
    return [text[a:b] for a, b in pairwise(edges) if b > a] or [text]


def analyze(article: Article, settings: Settings = DEFAULT) -> Article:
    """Fill `article.entities` and `article.quotes` (in place; the article is returned)."""
    return next(analyze_many([article], settings, batch_size=1))


def analyze_many(
    articles: Iterable[Article], settings: Settings = DEFAULT, batch_size: int = 32
) -> Iterator[Article]:
    """Analyze many articles, batching texts of one language through `nlp.pipe`, in order."""
    iterator = iter(articles)
    while batch := list(islice(iterator, max(1, batch_size))):
        yield from _analyze_batch(batch, settings, batch_size)


def _analyze_batch(batch: list[Article], settings: Settings, batch_size: int) -> list[Article]:
    by_language: dict[str, list[Article]] = {}
    for article in batch:
        article.entities, article.quotes = [], []
        code = article.language
        if code is None or lang.get(code) is None:
            article.warn("no-pipeline", f"no language data for {code or 'unknown language'!r}")
            continue
        by_language.setdefault(code, []).append(article)
    for code, articles in by_language.items():
        try:
            nlp = pipeline_for(code, settings)
        except ModelUnavailableError as error:
            for article in articles:
                article.warn("no-pipeline", str(error))
            continue
        texts = [_text_for(article) for article in articles]
        for article, doc in zip(articles, parse_many(nlp, texts, batch_size), strict=True):
            fill(article, doc, code, settings)
    return batch


def _text_for(article: Article) -> str:
    text = article.text()
    if len(text) > MAX_CHARS:
        article.warn(
            "nlp-truncated",
            f"text of {len(text)} characters cut to {MAX_CHARS} for entity and quote finding",
        )
        return text[:MAX_CHARS]
    return text


def model_name(code: str, settings: Settings = DEFAULT) -> str | None:
    """The attribution model of language `code`: the one it ships, else, from a folder of
    models the user gives, `attribution-CODE` if that folder holds one."""
    language = lang.get(code)
    if language is not None and language.attribution_model:
        return language.attribution_model
    name = f"attribution-{code}"
    return name if model_folder(name, settings) is not None else None


def model_folder(name: str, settings: Settings = DEFAULT) -> Path | None:
    """Where the model `name` is read from: the user's folder of models where it holds that
    model, else the shipped ones (None): a folder with an English model only leaves French
    its own."""
    folder = settings.quote_models
    return folder if folder is not None and (folder / f"{name}.crfsuite").is_file() else None


def fill(article: Article, doc: Doc, code: str, settings: Settings = DEFAULT) -> None:
    """Entities and quotes of the parsed `doc` (the text of `article`) into `article`: the
    work done on top of spaCy."""
    language = lang.get(code)
    if language is None or not any(not token.is_space for token in doc):
        return
    words = language.quotes
    quotes = None
    # (model_name looks for a file: not for every document when models are off)
    name = model_name(code, settings) if settings.quote_model else None
    if name:
        try:
            folder = model_folder(name, settings)
            model = load_attribution_model(name, folder, settings.quote_encoder)
            if model.encoder_missing:
                article.warn("no-quote-encoder", f"{model.encoder_missing}; quotes by the CRF")
            quotes = find_attributions(doc, words, model)
        except ModelUnavailableError as error:
            article.warn("no-quote-model", f"{error}; quotes found by the rules alone")
    if quotes is None:
        quotes = find_quotes(doc, words)
    article.entities, article.quotes = find_entities(doc, words, quotes)
