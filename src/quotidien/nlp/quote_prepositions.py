"""Quotations attributed by a cue preposition, pattern 2 of `quotes.py`: "selon X, …",
"…, according to X", and a view given with "Pour X, …" opening its sentence, in a language
that lists such prepositions (`QuoteWords.opinion_prepositions`). The speaker is the phrase
after the preposition, with a name or a role set in apposition after it; the content is the
rest of the sentence, after the phrase or before the preposition.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotidien.nlp import quote_contents as contents
from quotidien.nlp import quote_speakers as speakers
from quotidien.nlp.quote_context import (
    Context,
    FoundQuote,
    chars,
    ends_unit,
    inside_segment,
    make,
    preposition_at,
)
from quotidien.nlp.tokens import STOPS, TokenRange, is_title, lower, phrase_head

if TYPE_CHECKING:
    from spacy.tokens import Doc


def preposition_quotes(context: Context, unit: TokenRange) -> list[FoundQuote]:
    doc = context.doc
    out: list[FoundQuote] = []
    for k in range(*unit):
        size = preposition_at(context, k)
        opinion = False
        if size is None:  # "Pour la ministre, …": opening a sentence, and someone with a view
            size = preposition_at(context, k, context.words.opinion_prepositions)
            opinion = size is not None
            if opinion and not only_openers_before(doc, unit, k):
                continue
        if size is None or inside_segment(context, doc[k].idx):
            continue
        np_start = k + size
        np_end = np_start
        while (
            np_end < unit[1]
            and doc[np_end].text not in (",", ";", ":")
            and doc[np_end].text not in STOPS
        ):
            np_end += 1
        if np_end == np_start or (opinion and not _holds_views(context, (np_start, np_end))):
            continue
        own = lower(doc[np_start]) in context.words.own_sourcing
        if own and not any(doc[j].text[:1].isupper() for j in range(np_start + 1, np_end)):
            continue  # "Selon nos informations"; but "nos confrères du Progrès" name one
        speaker = _speaker_in(context, (np_start, np_end))
        if _bare_role(context, (np_start, np_end)) and (
            name := speakers.apposed_name(doc, np_end, unit)
        ):
            speaker, np_end = (np_start, name[1]), name[1]  # "Selon le ministre, O. Dussopt, …"
        elif (role := _apposed_role(context, np_end, unit)) is not None:
            np_end = role[1]  # "Pour Isabel Schnabel, membre du directoire, une baisse …"
        pronoun = lower(doc[speaker[0]]) in context.words.pronouns
        cue = chars(doc, (k, k + size))
        quote = None
        if only_openers_before(doc, unit, k):
            if np_end < unit[1] and doc[np_end].text == ",":
                start = doc[np_end + 1].idx if np_end + 1 < unit[1] else None
                if start is not None:
                    quote = make(
                        context,
                        start,
                        contents.forward_end(context, unit, start),
                        cue,
                        speaker,
                        pronoun,
                    )
        elif k > unit[0] and doc[k - 1].text == "," and ends_unit(doc, np_end, unit):
            end = doc[k - 1].idx
            quote = make(
                context, contents.content_start(context, unit, end), end, cue, speaker, pronoun
            )
        if quote:
            context.taken.append(quote.content)
            out.append(quote)
    return out


def _apposed_role(context: Context, comma: int, unit: TokenRange) -> TokenRange | None:
    """A role set between commas after a name: ", membre du directoire," (a title first,
    no verb) or ", de la banque Oddo," (where they work), or None."""
    doc, words = context.doc, context.words
    if comma >= unit[1] or doc[comma].text != ",":
        return None
    start = comma + 1
    first = start + 1 if start < unit[1] and lower(doc[start]) in words.determiners else start
    if first >= unit[1]:
        return None
    if not (is_title(doc[first], words) or lower(doc[start]) in words.affiliation_links):
        return None
    for end in range(first + 1, min(unit[1], first + 8)):
        if doc[end].text == ",":
            return start, end
        if doc[end].pos_ in ("VERB", "AUX") or doc[end].text in STOPS:
            return None
    return None


def _holds_views(context: Context, tokens: TokenRange) -> bool:
    """A person, a pronoun, a role or a body: "la ministre", "lui", "Mme Borne", "le
    syndicat"; not "la première fois"."""
    doc, words = context.doc, context.words
    if tokens[1] - tokens[0] > 8 or "Ind" in doc[tokens[0]].morph.get("Definite", []):
        return False  # "Pour un joueur de son calibre, …" is no one in particular
    head = doc[phrase_head(doc, tokens)]  # "Pour la visite d'Emmanuel Macron": "visite"
    if head.ent_type_ in ("PER", "PERSON", "ORG") or lower(head) in words.pronouns:
        return True
    named = any(  # "Pour le consultant de RMC Jérôme Rothen"
        doc[k].dep_ == "appos" and doc[k].head.i == head.i and doc[k].ent_type_ in ("PER", "PERSON")
        for k in range(*tokens)
    )
    return named or is_title(head, words) or head.lemma_.lower() in words.organisation_nouns


def _bare_role(context: Context, tokens: TokenRange) -> bool:
    """ "le ministre du Travail": a title and no name, so a name may follow in apposition."""
    doc = context.doc
    return any(is_title(doc[k], context.words) for k in range(*tokens)) and not any(
        doc[k].ent_type_ in ("PER", "PERSON") for k in range(*tokens)
    )  # the tagger often calls a role an organisation ("ministre du Travail")


def only_openers_before(doc: Doc, unit: TokenRange, k: int) -> bool:
    """Nothing but conjunctions and adverbs between token k and the start of its unit or
    the colon before it ("…, s'est montrée plus nuancée : selon elle, …")."""
    start = unit[0]
    for j in range(unit[0], k):
        if doc[j].text in (":", ";"):
            start = j + 1
    return all(doc[j].is_punct or doc[j].pos_ in ("CCONJ", "ADV") for j in range(start, k))


def _speaker_in(context: Context, tokens: TokenRange) -> TokenRange:
    """The speaker phrase of "selon X": the whole phrase up to the comma, when short."""
    doc, words = context.doc, context.words
    for k in range(*tokens):
        if lower(doc[k]) in words.pronouns:
            return k, k + 1
    end = tokens[0]
    while end < min(tokens[1], tokens[0] + 8) and lower(doc[end]) not in words.relative_pronouns:
        end += 1
    return tokens[0], max(end, tokens[0] + 1)
