"""Errors quotidien raises. Each names the input and the reason, for one clear line."""

from __future__ import annotations


class QuotidienError(Exception):
    """Base class: something about an input or a setting that a user can act on."""


class InputError(QuotidienError):
    """An input could not be turned into a record."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class NoArticleError(InputError):
    """The input was read, but holds no article text."""


class ModelUnavailableError(QuotidienError):
    """A spaCy pipeline named in the settings is not installed."""


class QueryError(QuotidienError):
    """A query cannot be run as given: nothing to search for, a damaged cursor, too long."""


class QueryTimeout(QueryError):
    """A query ran past the time it was given (`Store.time_limit`)."""

    @classmethod
    def after(cls, seconds: float) -> QueryTimeout:
        return cls(f"the query took longer than {seconds:g} s: narrow it")
