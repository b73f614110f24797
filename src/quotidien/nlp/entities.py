"""Entities: people, organisations, places and other names, with all their mentions, and
the quotes' speakers resolved to them.

From the pipeline's named entities, cleaned of what models get wrong on news pages (verbs,
page furniture, the "Défense" of "ministre de la Défense" as a place). A person is one
entity whatever the form: full name, surname, title + name ("le président Vladimir
Poutine"), role phrase ("le président russe", matched by title to a person named with that
title before), and subject pronouns, resolved to the last person who was the subject of a
clause, of a compatible gender. Language knowledge comes from `QuoteWords` only.

This module is the entry point (`find_entities`) and the records it returns. The names are
gathered in `entity_names.py`; titles, roles and appositions are read in `entity_titles.py`;
pronouns, role phrases and speakers are resolved in `entity_references.py`; what they all
share (the entity as it is gathered, the person mentions in text order, the state) is in
`entity_state.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotidien.lang.quotes import QuoteWords
from quotidien.model import Entity, Mention, Quote, Span
from quotidien.nlp.entity_names import collect_names, unbulleted
from quotidien.nlp.entity_references import check_person, merge_forward_roles, walk
from quotidien.nlp.entity_state import Gathered, State
from quotidien.nlp.entity_titles import add_titles
from quotidien.nlp.marks import PARAGRAPH
from quotidien.nlp.quotes import FoundQuote
from quotidien.nlp.tokens import TokenRange

if TYPE_CHECKING:
    from spacy.tokens import Doc


def find_entities(
    doc: Doc, words: QuoteWords, found: list[FoundQuote]
) -> tuple[list[Entity], list[Quote]]:
    """The entities of `doc` and the quotes with their speakers resolved."""
    text = doc.text  # built anew on every access: read it once
    state = State(doc, words, breaks=[m.start() for m in PARAGRAPH.finditer(text)])
    collect_names(state)
    add_titles(state, [q.cue for q in found if q.cue is not None])
    speakers = walk(state, found)
    merged = merge_forward_roles(state)
    speakers = {n: (rng, merged.get(id(e), e)) for n, (rng, e) in speakers.items()}
    entities = [e for e in state.entities if e.mentions]
    for entity in entities:
        check_person(entity, speakers)
    entities.sort(key=lambda e: e.first)
    ids = {id(e): f"e{n}" for n, e in enumerate(entities, 1)}
    quotes = [_quote(doc, text, quote, speakers.get(n), ids) for n, quote in enumerate(found)]
    return [_entity(text, e, ids[id(e)]) for e in entities], quotes


# -- records ----------------------------------------------------------------------------


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _entity(text: str, entity: Gathered, entity_id: str) -> Entity:
    names = sorted(entity.names, key=lambda n: (-len(n.split()), -len(n)))
    spans = [(e - len(unbulleted(text[s:e])), e, kind) for (s, e), kind in entity.mentions.items()]
    mentions = [Mention(start=s, end=e, text=text[s:e], kind=kind) for s, e, kind in sorted(spans)]
    role = entity.appositive_role or entity.role
    return Entity(
        id=entity_id,
        kind=entity.kind,
        name=names[0] if names else mentions[0].text,
        role=role,
        mentions=mentions,
    )


def _quote(
    doc: Doc,
    text: str,
    quote: FoundQuote,
    speaker: tuple[TokenRange, Gathered | None] | None,
    ids: dict[int, str],
) -> Quote:
    speaker_span = None
    entity_id = name = None
    if speaker is not None:
        rng, entity = speaker
        start, end = doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1].text)
        written = text[start:end]  # "-t-il": the pronoun only; "-Nate Cohn" (a list item)
        bare = written[3:] if written.startswith("-t-") else written.lstrip("-")
        start += len(written) - len(bare)
        speaker_span = _span(text, start, end)
        if entity is not None and id(entity) in ids:
            entity_id = ids[id(entity)]
            name = (
                sorted(entity.names, key=lambda n: (-len(n.split()), -len(n)))[0]
                if entity.names
                else speaker_span.text
            )
        elif quote.referent is not None:  # the name inside a longer mention, say
            first, last = doc[quote.referent[0]], doc[quote.referent[1] - 1]
            name = text[first.idx : last.idx + len(last.text)]
        else:
            name = speaker_span.text
    cue = _span(text, *quote.cue) if quote.cue else None
    return Quote(
        kind=quote.kind,
        content=_span(text, *quote.content),
        cue=cue,
        speaker=speaker_span,
        speaker_entity=entity_id,
        speaker_name=name,
    )
