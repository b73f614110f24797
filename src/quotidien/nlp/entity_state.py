"""What the entity modules share while they read one Doc: the entity as it is gathered, the
person mentions in text order, the state they pass along, and `is_plural`, which both the
names and the walk through the text read.

`Gathered` is an entity as it is gathered across mentions: its names, its mentions
(character spans and their kind), what its titles tell (titles, domains, gender, role);
`entities.py` makes the record (`quotidien.model.Entity`) of it. `Event` is a person
mention in text order, for pronoun and role resolution. `State` carries the Doc, the
language's `QuoteWords`, the entities, the name mentions and what the walk through the text
has seen so far. The work is done in `entities.py` (the entry point and the records),
`entity_names.py`, `entity_titles.py` and `entity_references.py`; this module imports none
of them, so that each of them can import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from quotidien.lang.quotes import QuoteWords
from quotidien.model import EntityKind
from quotidien.nlp.tokens import TokenRange

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MentionKind = Literal["name", "surname", "title", "role", "pronoun", "other"]


@dataclass
class Gathered:
    kind: EntityKind
    names: list[str] = field(default_factory=list)
    mentions: dict[tuple[int, int], MentionKind] = field(default_factory=dict)
    titles: set[str] = field(default_factory=set)
    #: What its titles are of ("ministre du Travail" -> "travail"): another minister's
    #: role phrase ("le ministre de l'Intérieur") is not this person.
    domains: set[str] = field(default_factory=set)
    role: str | None = None
    appositive_role: str | None = None
    gender: str | None = None

    def add(self, start: int, end: int, kind: MentionKind) -> None:
        if (start, end) not in self.mentions or kind in ("title", "role"):
            self.mentions[(start, end)] = kind

    @property
    def first(self) -> int:
        return min(start for start, _ in self.mentions)


@dataclass
class Event:
    """A person mention in text order, for pronoun and role resolution."""

    position: int
    entity: Gathered
    subject: bool
    sentence: int


@dataclass
class State:
    doc: Doc
    words: QuoteWords
    entities: list[Gathered] = field(default_factory=list)
    #: (start token, end token) of each kept name mention -> its entity
    names: dict[TokenRange, Gathered] = field(default_factory=dict)
    history: list[Event] = field(default_factory=list)
    #: Plural subject and speaker phrases seen so far, for "ils"/"eux"/"they".
    plurals: list[TokenRange] = field(default_factory=list)
    #: Where each paragraph break starts in the text.
    breaks: list[int] = field(default_factory=list)
    #: Bodies quoted so far (position, entity, grammatical gender, sentence), for an
    #: "elle" no person fits ("la préfecture a demandé …. Selon elle, …").
    bodies: list[tuple[int, Gathered, str | None, int]] = field(default_factory=list)
    #: Speaker phrases already resolved, and the entity each stands for.
    resolved: dict[TokenRange, Gathered | None] = field(default_factory=dict)


def is_plural(token: Token) -> bool:
    return "Plur" in token.morph.get("Number", []) or token.tag_ in ("NNS", "NNPS")
