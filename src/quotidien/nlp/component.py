"""quotidien's quotation finder as a spaCy pipeline component: who said what on any `Doc`.

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("quotidien_quotes")
    doc = nlp(text)
    doc._.quotes    # [DocQuote(kind, content, cue, speaker, speaker_name), ...]
    doc._.speakers  # {"Vladimir Poutine": [DocQuote, ...], ...}

The factory is registered through the `spacy_factories` entry point, so `add_pipe` finds it
without an import. It runs what `pipeline.fill` runs on a page's text (the quote rules, the
trained tagger and its encoder where the language ships them, the entity grouping that
gives each speaker one name) on the `Doc` it is given, so it reads that pipeline's parse,
lemmas and entities: it goes last, after the parser and the entity recogniser.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from quotidien import lang
from quotidien.model import Article, Block, Quote, Span
from quotidien.settings import DEFAULT, Settings

if TYPE_CHECKING:
    from spacy.language import Language as SpacyPipeline
    from spacy.tokens import Doc
    from spacy.tokens import Span as DocSpan

NAME = "quotidien_quotes"


@dataclass(frozen=True)
class DocQuote:
    """One quotation of a `Doc`, as spaCy spans (`content` may hold an incise's break)."""

    kind: str  # "direct", "indirect" or "mixed"
    content: DocSpan
    cue: DocSpan | None
    speaker: DocSpan | None
    #: The speaker's canonical name, gathered across the mentions ("Vladimir Poutine" for
    #: "il", "le président russe"), where it resolves to a person or a body.
    speaker_name: str | None


class QuotesComponent:
    """Sets `doc._.quotes` and `doc._.speakers` (see the module's doc)."""

    def __init__(self, code: str, settings: Settings = DEFAULT) -> None:
        if lang.get(code) is None:
            known = ", ".join(language.code for language in lang.all_languages())
            raise ValueError(f"{NAME}: no quotation rules for language {code!r} (known: {known})")
        self.code = code
        self.settings = settings

    def __call__(self, doc: Doc) -> Doc:
        if not (doc.has_annotation("DEP") and doc.has_annotation("LEMMA")):
            raise ValueError(
                f"{NAME} reads the parse and the lemmas: add it after the parser and the "
                "lemmatizer of a pipeline that has them"
            )
        from quotidien.nlp.pipeline import fill  # spaCy imports this module at every load

        article = Article(language=self.code, blocks=[Block(text=doc.text)] if doc.text else [])
        fill(article, doc, self.code, self.settings)
        quotes = [_doc_quote(doc, quote) for quote in article.quotes]
        doc._.quotes = quotes
        speakers: dict[str, list[DocQuote]] = {}
        for quote in quotes:
            if quote.speaker_name:
                speakers.setdefault(quote.speaker_name, []).append(quote)
        doc._.speakers = speakers
        return doc


def _doc_quote(doc: Doc, quote: Quote) -> DocQuote:
    return DocQuote(
        kind=quote.kind,
        content=_span(doc, quote.content),
        cue=None if quote.cue is None else _span(doc, quote.cue),
        speaker=None if quote.speaker is None else _span(doc, quote.speaker),
        speaker_name=quote.speaker_name,
    )


def _span(doc: Doc, span: Span) -> DocSpan:
    found = doc.char_span(span.start, span.end, alignment_mode="expand")
    assert found is not None  # "expand" always gives the tokens a character range touches
    return found


def make_quotes(
    nlp: SpacyPipeline, name: str, use_model: bool = True, use_encoder: bool = True
) -> QuotesComponent:
    """The factory behind `nlp.add_pipe("quotidien_quotes", config={...})`: `use_model`
    False keeps to the rules, `use_encoder` False to the CRF without its encoder."""
    register_extensions()
    return QuotesComponent(
        nlp.lang or "", Settings(quote_model=use_model, quote_encoder=use_encoder)
    )


def register_extensions() -> None:
    from spacy.tokens import Doc

    for extension in ("quotes", "speakers"):
        if not Doc.has_extension(extension):
            Doc.set_extension(extension, default=None)


def _register_factory() -> None:
    from spacy.language import Language

    if not Language.has_factory(NAME):
        Language.factory(
            NAME,
            default_config={"use_model": True, "use_encoder": True},
            requires=["token.dep", "token.lemma", "doc.ents"],
            assigns=["doc._.quotes", "doc._.speakers"],
        )(make_quotes)


_register_factory()
