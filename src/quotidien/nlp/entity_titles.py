"""Titles, roles and appositions: what the words around a person's name tell of them.

A title before the name ("le ministre russe de la Défense" before his name), a role phrase
the name is set in apposition to ("Le gouverneur de la Banque de France, François Villeroy
de Galhau, juge") and a role after the name (", vice-président de la Commission militaire
centrale,") each give the person titles, the domains of those titles ("ministre de
l'Intérieur" -> "intérieur"), a gender (`learn`) and a role to show; a cue is no title
("« … », juge Marie Dupont"). Kept apart from the names because it reads a name's
surroundings, not the name, and from the walk through the text, which asks it what a role
phrase tells (`learn`, `domains`, `without_determiners`, `title_after_comma`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotidien.lang.quotes import QuoteWords
from quotidien.nlp.entity_names import tokens_text
from quotidien.nlp.entity_state import Gathered, MentionKind, State
from quotidien.nlp.tokens import TokenRange, is_role_link, is_title, lower

if TYPE_CHECKING:
    from spacy.tokens import Doc


def add_titles(state: State, cues: list[tuple[int, int]]) -> None:
    """Each person's title, role in apposition and role after the name; a cue is no title
    ("« … », juge Marie Dupont")."""
    doc, words = state.doc, state.words
    for rng, entity in list(state.names.items()):
        if entity.kind != "person":
            continue
        title = _title_before(doc, rng, words)
        if title is not None and any(s <= doc[title[0]].idx < e for s, e in cues):
            title = None
        if title is not None:
            start, role = title
            entity.add(doc[start].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1].text), "title")
            learn(entity, doc, (start, rng[0]), words)
            if role and entity.role is None:
                entity.role = role
        before = _apposed_to_role(doc, rng, words)
        if before is not None:
            _record_phrase(entity, doc, before, "role")
            learn(entity, doc, before, words)
            if entity.role is None:
                entity.role = without_determiners(doc, before, words)
        apposition = _apposition_after(doc, rng, words)
        if apposition and entity.appositive_role is None:
            entity.appositive_role = tokens_text(doc, apposition)
            learn(entity, doc, apposition, words)


def _title_before(doc: Doc, rng: TokenRange, words: QuoteWords) -> tuple[int, str | None] | None:
    """Start token of "le ministre russe de la Défense" before a name, and the role text;
    None in "l'avocat de Jean Martin" (the name is the title's domain, not its holder)."""
    k = rng[0] - 1
    if k >= 0 and is_role_link(lower(doc[k]), words):
        return None
    title_at: int | None = None
    honorific_at: int | None = None
    while k >= 0 and rng[0] - k <= 7:
        token = doc[k]
        if is_title(token, words):
            title_at = k
        elif lower(token) in words.honorifics:
            honorific_at = k
        elif is_role_link(lower(token), words) and k + 1 in (
            title_at,
            honorific_at,
        ):
            break  # "aide to Senator Smith": "Senator" is his, "aide" someone else's
        elif not (token.pos_ in ("ADJ", "PROPN", "NOUN") or lower(token) in words.role_links):
            break
        if token.is_punct or token.is_space:
            break
        k -= 1
    first = title_at if title_at is not None else honorific_at
    if first is None:
        return None
    role = tokens_text(doc, (first, rng[0])) if title_at is not None else None
    start = first - 1 if first > 0 and lower(doc[first - 1]) in words.determiners else first
    return start, role


def _apposed_to_role(doc: Doc, rng: TokenRange, words: QuoteWords) -> TokenRange | None:
    """ "Le gouverneur de la Banque de France, François Villeroy de Galhau, juge": the role
    phrase opening the clause, a name in apposition to it (not "Selon le ministre, Jean …")."""
    comma = rng[0] - 1
    while comma > 0 and lower(doc[comma]) in words.honorifics:
        comma -= 1  # "Son avocat, Me Paul Durand,"
    if comma < 1 or doc[comma].text != "," or rng[1] >= len(doc):
        return None
    if not (doc[rng[1]].text in (",", ".") or doc[rng[1]].pos_ in ("VERB", "AUX")):
        return None
    k = comma
    while k > 0 and not (doc[k - 1].is_punct or doc[k - 1].is_space or doc[k - 1].is_sent_end):
        token = doc[k - 1]
        if _object_role_at(doc, k - 1, words):
            return k - 1, comma  # "a annoncé le départ de son entraîneur, Luis Fernández,"
        if (
            token.pos_ not in ("NOUN", "PROPN", "ADJ", "DET")
            and lower(token) not in words.role_links
        ):
            return None
        k -= 1
    head = k + 1 if lower(doc[k]) in words.determiners else k
    if head >= comma or not is_title(doc[head], words):
        return None
    return k, comma


def _object_role_at(doc: Doc, k: int, words: QuoteWords) -> bool:
    """A determiner and a title at token k, after a verb or a role link: a role phrase
    inside the clause, not opening it."""
    if k < 1 or k + 1 >= len(doc) or lower(doc[k]) not in words.determiners:
        return False
    before = doc[k - 1]
    linked = lower(before) in words.role_links or before.pos_ in ("VERB", "AUX")
    return linked and is_title(doc[k + 1], words)


def _record_phrase(entity: Gathered, doc: Doc, rng: TokenRange, kind: MentionKind) -> None:
    entity.add(doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1].text), kind)


def _apposition_after(doc: Doc, rng: TokenRange, words: QuoteWords) -> TokenRange | None:
    """ ", vice-président de la Commission militaire centrale," after a name."""
    k = title_after_comma(doc, rng, words)
    if k is None:
        return None
    end = k + 1
    while end < len(doc) and not (
        doc[end].is_punct or doc[end].is_space or doc[end].pos_ in ("VERB", "AUX")
    ):
        if lower(doc[end]) in words.complementizers and doc[end].pos_ == "SCONJ":
            return None  # "…, juge pour sa part qu'une baisse …": a verb, not a role
        end += 1
    return k, end


def learn(entity: Gathered, doc: Doc, rng: TokenRange, words: QuoteWords) -> None:
    """Titles and gender a title phrase tells about a person."""
    for k in range(*rng):
        word = lower(doc[k])
        gender = words.titles.get(word) or words.honorifics.get(word)
        if is_title(doc[k], words):
            entity.titles.add(doc[k].lemma_.lower())
            entity.titles.add(word)
        if gender in ("m", "f") and entity.gender is None:
            entity.gender = gender
    entity.domains |= domains(doc, rng, words)


def domains(doc: Doc, rng: TokenRange, words: QuoteWords) -> set[str]:
    """What sets a title apart: the nouns completing it through "de"/"of" ("le ministre
    de l'Intérieur" -> {"intérieur"}) and a rank word just before it ("le Premier
    ministre" -> {"premier"}); none in "le président russe"."""
    out: set[str] = set()
    titled = linked = False
    for k in range(*rng):
        token = doc[k]
        if is_title(token, words):
            if k > rng[0] and doc[k - 1].lemma_.lower() in words.rank_words:
                out.add(doc[k - 1].lemma_.lower())
            titled = True
        elif titled and lower(token) in words.role_links:
            linked = True
        elif linked and token.pos_ in ("NOUN", "PROPN"):
            out.add(lower(token))
        elif token.is_punct:
            break
    return out


def title_after_comma(doc: Doc, rng: TokenRange, words: QuoteWords) -> int | None:
    """The title opening an apposition after a name (", l'avocat de …"), if any."""
    k = rng[1]
    if k >= len(doc) or doc[k].text != ",":
        return None
    k += 1
    while k < len(doc) and lower(doc[k]) in words.determiners:
        k += 1
    return k if k < len(doc) and is_title(doc[k], words) else None


def without_determiners(doc: Doc, rng: TokenRange, words: QuoteWords) -> str:
    start = rng[0]
    while start < rng[1] - 1 and lower(doc[start]) in words.determiners | words.indefinite_articles:
        if lower(doc[start + 1]) in words.role_links:
            break  # "Un des avocats": one of them
        start += 1
    return tokens_text(doc, (start, rng[1]))
