"""Finding quotations: cue, content, speaker mention and kind (direct, indirect, mixed).

Language-neutral rules over a parsed spaCy Doc; everything language-specific (cue lemmas,
inversion pronouns, complementizers, "selon"/"according to") comes from `QuoteWords`.

Three patterns, tried in this order, a token belonging to at most one quote content:
1. a cue verb with its speaker: content after it (`X a estimé que …`, `X said: "…"`,
   `X urged Y to …`) or before it when it is an incise (`"…", a-t-il ajouté`,
   `…, said Smith`), with a quote resumed after the incise as a second quote;
2. a cue preposition (`selon X, …`, `…, according to X`);
3. a quoted sentence right after a direct quote, without a cue of its own: the same speaker
   goes on (`"…," she said. "…"`).
Quoted words with no cue (scare quotes, titles of works) are not quotations.
Speakers are mention spans here; `entities.py` resolves them to entities.

This module is the entry point (`find_quotes`), the units the rules read, and pattern 1's
cue verbs. The speaker of a cue is found in `quote_speakers.py`, a content's bounds in
`quote_contents.py`; pattern 2 is in `quote_prepositions.py`, pattern 3 and the quotations
a page's layout attributes (headlines, transcripts, credits, interviews) in
`quote_layouts.py`; what they all share (`FoundQuote`, the context, `make`) in
`quote_context.py`.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import TYPE_CHECKING

from quotidien.lang.quotes import QuoteWords
from quotidien.nlp import interviews
from quotidien.nlp import quote_contents as contents
from quotidien.nlp import quote_layouts as layouts
from quotidien.nlp import quote_prepositions as prepositions
from quotidien.nlp import quote_speakers as speakers
from quotidien.nlp.marks import CLOSING_TOKENS, OPENING_TOKENS, Segment, find_segments
from quotidien.nlp.quote_contents import RELATIVE
from quotidien.nlp.quote_context import (
    Context,
    FoundQuote,
    Taken,
    chars,
    inside_segment,
    is_aux_like,
    is_inverted,
    make,
    segment_around,
    trimmed,
)
from quotidien.nlp.quote_layouts import CREDIT_DASHES
from quotidien.nlp.quote_speakers import relative_antecedent
from quotidien.nlp.tokens import (
    STOPS,
    cue_phrase_partner,
    is_cue_verb,
    is_present_participle,
    is_subject,
    lower,
    noun_phrase,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from quotidien.nlp.tokens import TokenRange

# what other modules import from here (the names moved with their rules)
__all__ = ["CREDIT_DASHES", "RELATIVE", "FoundQuote", "find_quotes", "relative_antecedent"]


def find_quotes(doc: Doc, words: QuoteWords) -> list[FoundQuote]:
    """Every attribution found in `doc`, in text order."""
    text = doc.text  # built anew on every access: read it once
    segments = find_segments(text)
    context = Context(doc, words, segments, _units(doc, segments), Taken(), text)
    asked = interviews.interview(text, words)
    for question in asked.questions if asked else []:
        context.taken.append(question)  # the interviewer's lines are no one's quotation
    found: list[FoundQuote] = layouts.turns(context) + layouts.credits(context)
    found += _inner_incises(context)
    for unit in context.units:
        found.extend(_verb_quotes(context, unit))
        found.extend(_misread_cue_quotes(context, unit))
    for unit in context.units:
        found.extend(prepositions.preposition_quotes(context, unit))
    for unit in context.units:
        found.extend(layouts.colon_quotes(context, unit))
    found.extend(layouts.continuations(context, found))
    found.extend(layouts.answers(context, asked))  # where no other quotation is
    found = layouts.narrative_speakers(context, sorted(found, key=lambda quote: quote.content))
    return [_without_inverted_pronoun(doc, quote, words) for quote in found]


def _without_inverted_pronoun(doc: Doc, quote: FoundQuote, words: QuoteWords) -> FoundQuote:
    """An inverted incise's cue without its pronoun: the verb written after it ("a-t-elle
    ajouté" -> "ajouté"), else the verb before it ("assure-t-elle" -> "assure"). The pronoun
    is the speaker (or stands for the source after it), and a cue and its speaker do not
    overlap (PolNeAR's rule, the French set's guide). The rules read the whole group while
    they look for the speaker; the record gives the verb."""
    if quote.cue is None:
        return quote
    tokens = list(doc.char_span(*quote.cue, alignment_mode="expand") or [])
    pronouns = [token.i for token in tokens if is_inverted(token, words)]
    if not pronouns:
        return quote
    kept = [t for t in tokens if t.i > pronouns[-1]] or [
        t for t in tokens if t.i < pronouns[0] and t.text != "-t"
    ]
    if not kept:
        return quote
    return replace(quote, cue=(kept[0].idx, kept[-1].idx + len(kept[-1].text)))


# -- units: sentences, merged where a quotation runs over them ---------------------------


def _units(doc: Doc, segments: list[Segment]) -> list[TokenRange]:
    """Sentences cut at paragraph breaks, then merged where a quoted segment spans them."""
    pieces: list[TokenRange] = []
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if "\n" in token.text and token.is_space:
                if token.i > start:
                    pieces.append((start, token.i))
                start = token.i + 1
        if sent.end > start:
            pieces.append((start, sent.end))
    merged: list[TokenRange] = []
    for piece in pieces:
        if merged and (
            _segment_crosses(doc, segments, merged[-1], piece)
            or (_same_paragraph(doc, merged[-1], piece) and not _ends_sentence(doc, merged[-1]))
        ):
            merged[-1] = (merged[-1][0], piece[1])
        else:
            merged.append(piece)
    return merged


def _same_paragraph(doc: Doc, left: TokenRange, right: TokenRange) -> bool:
    return left[1] == right[0]


def _ends_sentence(doc: Doc, piece: TokenRange) -> bool:
    """The parser splits sentences at odd places ("russo-chinoises"); a sentence ends
    at final punctuation, possibly followed by a closing quotation mark."""
    last = piece[1] - 1
    while last > piece[0] and (doc[last].text in CLOSING_TOKENS or doc[last].is_space):
        last -= 1
    return doc[last].text[-1:] in STOPS or doc[last].text[-1:] in "!?"


def _segment_crosses(
    doc: Doc, segments: list[Segment], left: TokenRange, right: TokenRange
) -> bool:
    boundary = doc[right[0]].idx
    left_start = doc[left[0]].idx
    return any(seg.start < boundary < seg.end and seg.end > left_start for seg in segments)


# -- 1. cue verbs -------------------------------------------------------------------------


def _verb_quotes(context: Context, unit: TokenRange) -> list[FoundQuote]:
    doc, words = context.doc, context.words
    out: list[FoundQuote] = []
    main_speaker: tuple[TokenRange | None, bool] | None = None
    for i in range(*unit):
        token = doc[i]
        cue_verb = (
            is_cue_verb(token, words)
            or _free_incise_verb(context, i, unit)
            or _hearsay(context, i, unit)
        )
        if not cue_verb or inside_segment(context, token.idx):
            continue
        if (
            token.dep_ == "xcomp"
            and token.head.lemma_.lower() in words.infinitive_content_cues
            and is_cue_verb(token.head, words)
        ):
            continue  # "craindre" in "a assuré ne pas craindre une motion": the content
        cue = _cue_group(doc, i, words, unit)
        speaker, pronoun, after = context.next_acts.get(i) or speakers.speaker(
            context, i, cue, unit
        )
        if (
            main_speaker
            and _is_gerund(doc, i, words, cue)
            and not any(is_subject(child) for child in token.children)  # "critics saying"
        ):
            speaker, pronoun = main_speaker  # "« … », a réagi la ministre, assurant que …"
        back = _referred_back(context, i)
        if back is not None:  # "« … » C'est par ces mots que le ministre a annoncé …"
            out.append(FoundQuote("direct", back, chars(doc, cue), speaker, pronoun))
            context.taken.append(back)
            continue
        straddling = contents.straddling(context, unit, cue, speaker, pronoun)
        quotes = [straddling] if straddling else []
        if not quotes and after:
            quotes = contents.incise(context, unit, cue, speaker, pronoun)
        if not quotes:
            quote = contents.forward(context, unit, i, cue, speaker, pronoun)
            quotes = [quote] if quote else []
        if not quotes and speaker and speakers.follows_break(doc, speaker[0], unit):
            # '"…," Smith told reporters in Sacramento.'
            quotes = contents.incise(context, unit, cue, speaker, pronoun)
        for quote in quotes:
            context.taken.append(quote.content)
        out.extend(quotes)
        if quotes and main_speaker is None:
            main_speaker = (speaker, pronoun)
    return out


def _referred_back(context: Context, verb: int) -> tuple[int, int] | None:
    """The quotation a cleft's "ces mots" points back at, for its cue verb, if any."""
    doc, words = context.doc, context.words
    noun = doc[verb].head
    if not words.back_references or noun.i < 1 or doc[verb].dep_ not in ("acl:relcl", "acl"):
        return None
    if f"{lower(doc[noun.i - 1])} {lower(noun)}" not in words.back_references:
        return None
    before = [seg for seg in context.segments if seg.end <= doc[noun.i - 1].idx]
    if not before or len(context.text[before[-1].end : doc[noun.i - 1].idx].split()) > 4:
        return None
    seg = before[-1]
    return (seg.inner_start, seg.inner_end) if context.free(seg.start, seg.end) else None


def _misread_cue_quotes(context: Context, unit: TokenRange) -> list[FoundQuote]:
    """ "La ministre juge que …", "Marine Le Pen juge la mesure « scandaleuse »": a cue the
    tagger takes for a noun (`noun_tagged_cues`) right after its subject, in a parse that
    is then no help: the subject is the phrase before it (or before the comma closing an
    apposition: "…, François Villeroy de Galhau, juge"), the content the clause after."""
    doc, words = context.doc, context.words
    out: list[FoundQuote] = []
    for k in range(unit[0] + 2, unit[1] - 2):
        begin = _misread_cue_content(doc, k, words)
        if begin is None or inside_segment(context, doc[k].idx):
            continue
        last = k - 2 if doc[k - 1].text == "," else k - 1
        speaker = noun_phrase(doc, last, words, (unit[0], last + 1))
        start = speaker[0]
        while start > unit[0] and speakers.name_part(doc[start - 1]):
            start -= 1  # "Marine Le Pen", whether the tagger saw the name or not
        if start > unit[0] and not doc[start - 1].is_punct:
            continue  # not the subject opening its clause
        content = doc[begin].idx
        quote = make(
            context,
            content,
            contents.forward_end(context, unit, content),
            chars(doc, (k, k + 1)),
            (start, speaker[1]),
            False,
        )
        if quote is not None:
            context.taken.append(quote.content)
            out.append(quote)
    return out


def _misread_cue_content(doc: Doc, k: int, words: QuoteWords) -> int | None:
    """Where the content starts, if token k is such a cue: after a noun (or a noun and a
    comma), before a clause, a determiner or a quotation, maybe past a short adverbial
    ("juge pour sa part qu'une baisse …")."""
    token = doc[k]
    before = doc[k - 2] if doc[k - 1].text == "," else doc[k - 1]
    if token.pos_ != "NOUN" or lower(token) not in words.noun_tagged_cues:
        return None
    if before.pos_ not in ("NOUN", "PROPN"):
        return None
    after = doc[k + 1]
    if lower(after) in words.complementizers:
        return k + 1
    if doc[k - 1].text != "," and (after.pos_ == "DET" or after.text in OPENING_TOKENS):
        return k + 1  # (after a comma, "…, juge des enfants à Lille, …" is a role)
    for j in range(k + 1, min(k + 5, len(doc))):
        if lower(doc[j]) in words.complementizers and doc[j].pos_ == "SCONJ":
            return j
        if doc[j].pos_ in ("VERB", "AUX", "PUNCT"):
            return None
    return None


def _free_incise_verb(context: Context, verb: int, unit: TokenRange) -> bool:
    """A verb of any meaning inverted right after a closing quotation mark, with a name or
    title after it ("« … », soupire Nadia", "« … » s'agace le ministre"), in a language whose
    incises say so (`QuoteWords.any_verb_incise`)."""
    doc = context.doc
    if not context.words.any_verb_incise or not doc[verb].is_lower:
        return False
    if doc[verb].pos_ not in ("VERB", "NOUN", "ADJ", "X"):  # the parser's noun "soupire"
        return False
    k = verb - 1
    while k > unit[0] and (doc[k].text == "," or doc[k].pos_ == "PRON"):
        k -= 1  # the comma, a reflexive "s'"
    if doc[k].text not in CLOSING_TOKENS or verb - k > 3:
        return False
    seg = segment_around(context, doc[k].idx)
    if seg is None or any(
        not (t.is_punct or t.is_space) for t in doc[unit[0] : k] if t.idx < seg.start
    ):
        return False  # "Les « insoumis » attaquent Gabriel Attal": a term, no quotation
    if set(doc[verb].morph.get("VerbForm", [])) & {"Part", "Inf", "Ger"}:
        return False  # "« Je reviendrai », interprétée par Céline Dion"
    name = speakers.name_after(context, (verb, verb + 1), unit)
    if name is None or any(doc[j].pos_ == "ADP" for j in range(verb + 1, name)):
        return False  # "« Les Misérables », roman de Victor Hugo"
    return doc[verb].pos_ == "VERB" or name == verb + 1


def _hearsay(context: Context, verb: int, unit: TokenRange) -> bool:
    """A verb of learning that reports what a named source said ("…, a-t-on appris auprès
    du parquet"): inverted after an impersonal pronoun, the source after it."""
    doc, words = context.doc, context.words
    if doc[verb].lemma_.lower() not in words.hearsay_verbs:
        return False
    return speakers.source_after(context, _cue_group(doc, verb, words, unit), unit) is not None


def _inner_incises(context: Context) -> list[FoundQuote]:
    """An incise inside one pair of marks: `« Nous ne céderons pas, a-t-il déclaré, à la
    pression »`, `« La réforme sera votée, assure Élisabeth Borne. Il n'y a pas d'autre
    voie. »`: the quoted words on each side are two quotes of the incise's speaker."""
    doc, words = context.doc, context.words
    out: list[FoundQuote] = []
    starts = [token.idx for token in doc]
    for seg in context.segments:
        if not context.free(seg.start, seg.end):
            continue
        first = bisect.bisect_right(starts, seg.inner_start)
        last = bisect.bisect_left(starts, seg.inner_end)
        for i in range(first, last):
            if not is_cue_verb(doc[i], words) or (unit := _unit_of(context, i)) is None:
                continue
            cue = _cue_group(doc, i, words, unit)
            speaker, pronoun, _ = speakers.speaker(context, i, cue, unit)
            incise = _incise_bounds(doc, cue, speaker, seg)
            if speaker is None or incise is None or contents.filler(doc, incise, words):
                continue
            head = (seg.inner_start, doc[incise[0] - 1].idx)
            tail = (doc[incise[1]].idx + 1, seg.inner_end)
            quotes = [
                FoundQuote("direct", trimmed(context.text, part), chars(doc, cue), speaker, pronoun)
                for part in (head, tail)
                if len(context.text[part[0] : part[1]].split()) >= 2
            ]
            if quotes:
                out.extend(quotes)
                context.taken.append((seg.start, seg.end))
                break
    return out


def _incise_bounds(
    doc: Doc, cue: TokenRange, speaker: TokenRange | None, seg: Segment
) -> TokenRange | None:
    """The tokens of an incise made of the cue and its speaker alone, in either order,
    between a comma and a comma or full stop inside the quoted stretch (", a-t-il déclaré,",
    ", assure Élisabeth Borne.", ", she said,")."""
    if speaker is None:
        return None
    first, last = min(cue[0], speaker[0]), max(cue[1], speaker[1])
    inverted = cue[0] <= speaker[0] and speaker[1] <= cue[1]  # "a-t-il déclaré"
    apart = last - first == (cue[1] - cue[0]) + (speaker[1] - speaker[0])
    if not (inverted or apart) or first == 0:
        return None
    if doc[first - 1].text != "," or last >= len(doc) or doc[last].idx >= seg.inner_end:
        return None
    return (first, last) if doc[last].text in ",.;" else None


def _unit_of(context: Context, token: int) -> TokenRange | None:
    """The unit holding `token` (units are in text order and do not overlap)."""
    k = bisect.bisect_right(context.units, (token, len(context.doc))) - 1
    return context.units[k] if k >= 0 and token < context.units[k][1] else None


def _cue_group(doc: Doc, verb: int, words: QuoteWords, unit: TokenRange) -> TokenRange:
    """The verb with its auxiliaries, reflexive and inverted pronouns ("s'est réjoui",
    "a-t-il ajouté", "has said"); up to three short words between an auxiliary and the verb
    ("avait lui aussi assuré"); both verbs of a two-verb cue ("a fait savoir")."""
    partner = cue_phrase_partner(doc[verb], words)
    if partner is not None and partner < verb:
        verb, partner = partner, verb  # the auxiliaries are found before the first verb
    start = verb
    probe = verb - 1
    while probe >= unit[0] and verb - probe <= 5:
        token = doc[probe]
        if token.pos_ == "AUX" or token.dep_.startswith("aux") or is_aux_like(token, words):
            start = probe
        elif token.text == "," or token.dep_ == "fixed" or doc[probe + 1].dep_ == "fixed":
            pass  # "a, lui, estimé", "a d'ailleurs appelé"
        elif token.pos_ not in ("ADV", "PRON") or token.is_punct:
            break
        probe -= 1
    while (
        start < verb and doc[start].pos_ in ("ADV", "PRON") and not is_aux_like(doc[start], words)
    ):
        start += 1
    end = max(verb, partner or verb) + 1
    while end < unit[1] and (doc[end].text == "-t" or is_inverted(doc[end], words)):
        end += 1
    return start, end


def _is_gerund(doc: Doc, verb: int, words: QuoteWords, cue: TokenRange) -> bool:
    before = [lower(doc[k]) for k in range(max(0, cue[0] - 2), cue[0])]
    if any(word in words.gerund_markers for word in before):
        return True
    return is_present_participle(doc[verb])  # ", estimant que …", ", arguing that …"
