"""Options, travelling as one object instead of keyword arguments threaded down the stack."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    #: spaCy pipeline per language, overriding the language data's default
    #: (`--model en=en_core_web_trf`).
    models: dict[str, str] = field(default_factory=dict)
    #: Pages larger than this (bytes) are cut before parsing, with a warning.
    max_page_bytes: int = 20_000_000
    #: Seconds one page may take to be extracted, and again to be analysed (`quotidien.budget`):
    #: past them, extraction reports the page and analysis keeps it without entities and
    #: quotes, with a warning. 0: no limit.
    page_seconds: float = 30.0
    #: Timeout and size cap for fetching URLs.
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 20_000_000
    #: Fetch from loopback, private and link-local addresses too (off: only public hosts).
    fetch_private: bool = False
    #: Keep body blocks shorter than this only when they look like article text.
    min_block_chars: int = 15
    #: Find quotations with the language's trained attribution model where it has one
    #: (`quotidien.nlp.attribution`); False keeps to the rules alone.
    quote_model: bool = True
    #: A folder of attribution models to use instead of the shipped ones (NAME.crfsuite and
    #: NAME.json, as `python -m quotidien.nlp.train … --out FOLDER` writes them), for each
    #: language whose model it holds (the others keep theirs). A language that ships none
    #: uses `attribution-CODE` from it where it is there.
    quote_models: Path | None = None
    #: Mix the fine-tuned encoder shipped beside a model (`quotidien.nlp.encoder`) into its
    #: labels, where the `encoder` extra is installed; False keeps to the CRF (faster).
    quote_encoder: bool = True

    def with_models(self, models: dict[str, str]) -> Settings:
        return replace(self, models={**self.models, **models})


DEFAULT = Settings()
