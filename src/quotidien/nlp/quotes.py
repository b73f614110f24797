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
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from quotidien.lang.quotes import QuoteWords
from quotidien.model import QuoteKind
from quotidien.nlp import interviews
from quotidien.nlp.marks import (
    CLOSING_TOKENS,
    OPENING_TOKENS,
    PAIRS,
    PARAGRAPH,
    Segment,
    after_dateline,
    find_segments,
)
from quotidien.nlp.tokens import (
    STOPS,
    TokenRange,
    cue_phrase_partner,
    is_cue_verb,
    is_impersonal,
    is_subject,
    is_title,
    lower,
    noun_phrase,
    opens_addressee,
    phrase_head,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Tokens that may stand between a cue verb and the start of its content
#: ("told reporters on Tuesday that", "a estimé mercredi que").
MAX_GAP = 8
#: Tokens a content may run over before a cut is looked for (bounds the work on run-on text).
MAX_CONTENT_TOKENS = 300
#: Tokens searched for an inverted or missing subject around the cue.
SPEAKER_WINDOW = 10
#: Words that may follow a speaker after the cue before the clause ends ("la direction du
#: groupe mardi.", "the ministry in a statement.").
QUIET_TAIL = 8
#: Dependency labels of a relative clause.
RELATIVE = ("relcl", "acl:relcl")
#: The dashes that credit a quotation to a name after them (a horizontal bar, an em dash).
CREDIT_DASHES = frozenset("―—")
CREDIT_DASH = re.compile(rf"[^\S\n]*[{''.join(sorted(CREDIT_DASHES))}][^\S\n]*")
#: What may follow the credited name.
CREDIT_ENDS = OPENING_TOKENS | {".", ";"}
#: An initial inside a name ("Oscar P. Quintero").
INITIAL = re.compile(r"[A-ZÀ-Ý][a-z]?\.")


@dataclass
class FoundQuote:
    """A quotation as found in the Doc: character spans and the speaker's token range."""

    kind: QuoteKind
    content: tuple[int, int]  # characters
    cue: tuple[int, int] | None  # characters
    speaker: TokenRange | None  # tokens (entities.py resolves it)
    #: The speaker mention is the subject of its clause (salient for pronoun resolution).
    speaker_is_pronoun: bool = False
    #: Tokens to resolve the speaker by, when not the mention itself: the noun a relative
    #: pronoun stands for, a name without the relative clause after it.
    referent: TokenRange | None = None


@dataclass
class _Context:
    doc: Doc
    words: QuoteWords
    segments: list[Segment]
    units: list[TokenRange]
    taken: _Taken  # character ranges already given to a content
    text: str
    starts: dict[int, Segment] = field(default_factory=dict)
    bounds: list[int] = field(default_factory=list)  # sorted segment starts
    # verbs cut from a content as the speaker's next act, with that speaker
    next_acts: dict[int, tuple[TokenRange | None, bool, bool]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.starts = {seg.start: seg for seg in self.segments}
        self.bounds = [seg.start for seg in self.segments]

    def free(self, start: int, end: int) -> bool:
        return self.taken.free(start, end)


class _Taken:
    """Character ranges given to contents, kept sorted and disjoint (overlapping ones
    merged), so that each question costs a binary search, not a scan."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def append(self, chars: tuple[int, int]) -> None:
        start, end = chars
        k = bisect.bisect_right(self.starts, start)
        if k > 0 and self.ends[k - 1] > start:  # overlaps the range before: merge
            k -= 1
            start = self.starts[k]
        last = k
        while last < len(self.starts) and self.starts[last] < end:
            last += 1  # ranges it overlaps after it: merge
        if last > k:
            end = max(end, self.ends[last - 1])
        self.starts[k:last] = [start]
        self.ends[k:last] = [end]

    def free(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start)
        before = k > 0 and self.ends[k - 1] > start
        after = k < len(self.starts) and self.starts[k] < end
        return not (before or after)

    def first_start(self, start: int, end: int) -> int | None:
        """The first range start strictly between `start` and `end`."""
        k = bisect.bisect_right(self.starts, start)
        return self.starts[k] if k < len(self.starts) and self.starts[k] < end else None

    def last_end(self, start: int, end: int) -> int | None:
        """The last range end from `start` to `end` (both included)."""
        k = bisect.bisect_right(self.ends, end) - 1
        return self.ends[k] if k >= 0 and self.ends[k] >= start else None


def find_quotes(doc: Doc, words: QuoteWords) -> list[FoundQuote]:
    """Every attribution found in `doc`, in text order."""
    text = doc.text  # built anew on every access: read it once
    segments = find_segments(text)
    context = _Context(doc, words, segments, _units(doc, segments), _Taken(), text)
    found: list[FoundQuote] = _turns(context) + _answers(context)
    found += _credits(context) + _inner_incises(context)
    for unit in context.units:
        found.extend(_verb_quotes(context, unit))
        found.extend(_misread_cue_quotes(context, unit))
    for unit in context.units:
        found.extend(_preposition_quotes(context, unit))
    for unit in context.units:
        found.extend(_colon_quotes(context, unit))
    found.extend(_continuations(context, found))
    found = _narrative_speakers(context, sorted(found, key=lambda quote: quote.content))
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
    pronouns = [token.i for token in tokens if _is_inverted(token, words)]
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


def _verb_quotes(context: _Context, unit: TokenRange) -> list[FoundQuote]:
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
        if not cue_verb or _inside_segment(context, token.idx):
            continue
        if (
            token.dep_ == "xcomp"
            and token.head.lemma_.lower() in words.infinitive_content_cues
            and is_cue_verb(token.head, words)
        ):
            continue  # "craindre" in "a assuré ne pas craindre une motion": the content
        cue = _cue_group(doc, i, words, unit)
        speaker, pronoun, after = context.next_acts.get(i) or _speaker(context, i, cue, unit)
        if (
            main_speaker
            and _is_gerund(doc, i, words, cue)
            and not any(is_subject(child) for child in token.children)  # "critics saying"
        ):
            speaker, pronoun = main_speaker  # "« … », a réagi la ministre, assurant que …"
        back = _referred_back(context, i)
        if back is not None:  # "« … » C'est par ces mots que le ministre a annoncé …"
            out.append(FoundQuote("direct", back, _chars(doc, cue), speaker, pronoun))
            context.taken.append(back)
            continue
        straddling = _straddling(context, unit, cue, speaker, pronoun)
        quotes = [straddling] if straddling else []
        if not quotes and after:
            quotes = _incise(context, unit, cue, speaker, pronoun)
        if not quotes:
            quote = _forward(context, unit, i, cue, speaker, pronoun)
            quotes = [quote] if quote else []
        if not quotes and speaker and _follows_break(doc, speaker[0], unit):
            # '"…," Smith told reporters in Sacramento.'
            quotes = _incise(context, unit, cue, speaker, pronoun)
        for quote in quotes:
            context.taken.append(quote.content)
        out.extend(quotes)
        if quotes and main_speaker is None:
            main_speaker = (speaker, pronoun)
    return out


def _referred_back(context: _Context, verb: int) -> tuple[int, int] | None:
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


def _misread_cue_quotes(context: _Context, unit: TokenRange) -> list[FoundQuote]:
    """ "La ministre juge que …", "Marine Le Pen juge la mesure « scandaleuse »": a cue the
    tagger takes for a noun (`noun_tagged_cues`) right after its subject, in a parse that
    is then no help: the subject is the phrase before it (or before the comma closing an
    apposition: "…, François Villeroy de Galhau, juge"), the content the clause after."""
    doc, words = context.doc, context.words
    out: list[FoundQuote] = []
    for k in range(unit[0] + 2, unit[1] - 2):
        begin = _misread_cue_content(doc, k, words)
        if begin is None or _inside_segment(context, doc[k].idx):
            continue
        last = k - 2 if doc[k - 1].text == "," else k - 1
        speaker = noun_phrase(doc, last, words, (unit[0], last + 1))
        start = speaker[0]
        while start > unit[0] and _name_part(doc[start - 1]):
            start -= 1  # "Marine Le Pen", whether the tagger saw the name or not
        if start > unit[0] and not doc[start - 1].is_punct:
            continue  # not the subject opening its clause
        content = doc[begin].idx
        quote = _make(
            context,
            content,
            _forward_end(context, unit, content),
            _chars(doc, (k, k + 1)),
            (start, speaker[1]),
            False,
        )
        if quote is not None:
            context.taken.append(quote.content)
            out.append(quote)
    return out


def _name_part(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.text[:1].isupper()


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


def _free_incise_verb(context: _Context, verb: int, unit: TokenRange) -> bool:
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
    seg = _segment_around(context, doc[k].idx)
    if seg is None or any(
        not (t.is_punct or t.is_space) for t in doc[unit[0] : k] if t.idx < seg.start
    ):
        return False  # "Les « insoumis » attaquent Gabriel Attal": a term, no quotation
    if set(doc[verb].morph.get("VerbForm", [])) & {"Part", "Inf", "Ger"}:
        return False  # "« Je reviendrai », interprétée par Céline Dion"
    name = _name_after(context, (verb, verb + 1), unit)
    if name is None or any(doc[j].pos_ == "ADP" for j in range(verb + 1, name)):
        return False  # "« Les Misérables », roman de Victor Hugo"
    return doc[verb].pos_ == "VERB" or name == verb + 1


def _hearsay(context: _Context, verb: int, unit: TokenRange) -> bool:
    """A verb of learning that reports what a named source said ("…, a-t-on appris auprès
    du parquet"): inverted after an impersonal pronoun, the source after it."""
    doc, words = context.doc, context.words
    if doc[verb].lemma_.lower() not in words.hearsay_verbs:
        return False
    return _source_after(context, _cue_group(doc, verb, words, unit), unit) is not None


def _source_after(context: _Context, cue: TokenRange, unit: TokenRange) -> TokenRange | None:
    """The source an incise with an impersonal pronoun names after the cue, past adverbs,
    days and phrases that name no one ("a-t-on appris dans la nuit auprès du parquet",
    "confie-t-on à l'AFP dans l'entourage du ministre")."""
    doc, words = context.doc, context.words
    if not any(lower(doc[k]) in words.impersonal_pronouns for k in range(*cue)):
        return None
    return _source_in(context, cue[1], min(unit[1], cue[1] + SPEAKER_WINDOW), unit)


def _fronted_source(context: _Context, subject: int, unit: TokenRange) -> TokenRange | None:
    """The source a phrase before the comma names for a plain "on" right after it ("Du côté
    de l'ARS, on indique que …", "À Matignon, on assure que …")."""
    doc, words = context.doc, context.words
    if lower(doc[subject]) not in words.unnamed_subjects:
        return None
    comma = subject - 1
    if comma > unit[0] and lower(doc[comma]) in words.determiners:
        comma -= 1  # "…, l'on estime"
    if comma > unit[0] and "Rel" in doc[comma].morph.get("PronType", []):
        comma -= 1  # "Chez Natixis, où l'on estime"
    if comma <= unit[0] or doc[comma].text != ",":
        return None
    # a body or a source, not a mere place ("À Kiev, on craint …": its people)
    return _source_in(context, unit[0], comma, unit, places=False)


def _source_in(
    context: _Context, k: int, stop: int, unit: TokenRange, places: bool = True
) -> TokenRange | None:
    """The first source a link names from token k on, before `stop` (see `_source_after`);
    a place alone only with `places`."""
    doc, words = context.doc, context.words
    place = None  # "à Matignon"; but "au Parisien dans l'entourage du président": whom to
    while k < stop:
        token = doc[k]
        if token.is_punct or token.pos_ in ("VERB", "AUX", "SCONJ"):
            break
        anyone = _preposition_at(context, k, words.source_links) or 0
        link = anyone or _preposition_at(context, k, words.place_links) or 0
        nouns = [j for j in range(k + link, unit[1]) if doc[j].pos_ in ("NOUN", "PROPN")]
        if not link or not nouns:
            k += 1
            continue
        if nouns[0] <= k + link + 2 and (anyone or _names_a_source(doc[nouns[0]], words)):
            found = noun_phrase(doc, nouns[0], words, unit)
            if anyone or not _only_a_place(doc[nouns[0]], words):
                return found
            place = place or found
        k = nouns[0] + 1  # "dans la nuit", "à l'AFP", "au sein du …": past it
    return place if places else None


def _only_a_place(token: Token, words: QuoteWords) -> bool:
    """A name the tagger calls a place and nothing else says is a source."""
    lemma = token.lemma_.lower()
    return lemma not in words.organisation_nouns | words.source_nouns and (
        lower(token) not in words.source_nouns
    )


def _names_a_source(token: Token, words: QuoteWords) -> bool:
    """A place name or a body after a place link: "à Matignon", "au ministère"."""
    lemma = token.lemma_.lower()
    return (
        token.ent_type_ == "LOC"
        or lemma in words.organisation_nouns
        or lemma in words.source_nouns
        or lower(token) in words.source_nouns
    )


def _inner_incises(context: _Context) -> list[FoundQuote]:
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
            speaker, pronoun, _ = _speaker(context, i, cue, unit)
            incise = _incise_bounds(doc, cue, speaker, seg)
            if speaker is None or incise is None or _filler(doc, incise, words):
                continue
            head = (seg.inner_start, doc[incise[0] - 1].idx)
            tail = (doc[incise[1]].idx + 1, seg.inner_end)
            quotes = [
                FoundQuote(
                    "direct", _trimmed(context.text, part), _chars(doc, cue), speaker, pronoun
                )
                for part in (head, tail)
                if len(context.text[part[0] : part[1]].split()) >= 2
            ]
            if quotes:
                out.extend(quotes)
                context.taken.append((seg.start, seg.end))
                break
    return out


def _filler(doc: Doc, tokens: TokenRange, words: QuoteWords) -> bool:
    """ "…, you know, …": words of the speaker's own, not an attribution."""
    return " ".join(lower(doc[k]) for k in range(*tokens)) in words.fillers


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


def _unit_of(context: _Context, token: int) -> TokenRange | None:
    """The unit holding `token` (units are in text order and do not overlap)."""
    k = bisect.bisect_right(context.units, (token, len(context.doc))) - 1
    return context.units[k] if k >= 0 and token < context.units[k][1] else None


def _trimmed(text: str, chars: tuple[int, int]) -> tuple[int, int]:
    start, end = chars
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _mark_at(text: str, position: int) -> bool:
    return text[position] in PAIRS or text.startswith(("''", "``"), position)


def _inside_segment(context: _Context, position: int) -> bool:
    return _segment_around(context, position) is not None


def _segment_around(context: _Context, position: int) -> Segment | None:
    """The quoted stretch `position` lies strictly inside, if any."""
    index = bisect.bisect_left(context.bounds, position) - 1
    if index >= 0 and context.segments[index].start < position < context.segments[index].end:
        return context.segments[index]
    return None


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
        if token.pos_ == "AUX" or token.dep_.startswith("aux") or _is_aux_like(token, words):
            start = probe
        elif token.text == "," or token.dep_ == "fixed" or doc[probe + 1].dep_ == "fixed":
            pass  # "a, lui, estimé", "a d'ailleurs appelé"
        elif token.pos_ not in ("ADV", "PRON") or token.is_punct:
            break
        probe -= 1
    while (
        start < verb and doc[start].pos_ in ("ADV", "PRON") and not _is_aux_like(doc[start], words)
    ):
        start += 1
    end = max(verb, partner or verb) + 1
    while end < unit[1] and (doc[end].text == "-t" or _is_inverted(doc[end], words)):
        end += 1
    return start, end


def _is_aux_like(token: Token, words: QuoteWords) -> bool:
    return lower(token) in ("se", "s'") or token.text == "-t" or _is_inverted(token, words)


def _is_inverted(token: Token, words: QuoteWords) -> bool:
    return lower(token) in words.inverted_pronouns


def _is_gerund(doc: Doc, verb: int, words: QuoteWords, cue: TokenRange) -> bool:
    before = [lower(doc[k]) for k in range(max(0, cue[0] - 2), cue[0])]
    if any(word in words.gerund_markers for word in before):
        return True
    morph = doc[verb].morph
    if "Part" in morph.get("VerbForm", []) and "Pres" in morph.get("Tense", []):
        return True  # ", estimant que …"
    return "Ger" in morph.get("VerbForm", []) or doc[verb].tag_ == "VBG"


def _speaker(
    context: _Context, verb: int, cue: TokenRange, unit: TokenRange
) -> tuple[TokenRange | None, bool, bool]:
    """(speaker tokens, is a pronoun, stands after the verb = incise position)."""
    doc, words = context.doc, context.words
    for k in range(*cue):
        if _is_inverted(doc[k], words):
            source = _source_after(context, cue, unit)  # "indique-t-on à Matignon"
            return (source, False, True) if source else ((k, k + 1), True, True)
    agent = _agent(doc, verb, unit)
    if agent is not None:  # "une information démentie par la direction"
        span = noun_phrase(doc, agent, words, unit)
        return span, lower(doc[agent]) in words.pronouns, False
    subject = _subject(doc, verb, words, unit)
    if (
        subject is not None
        and subject < cue[0]
        and not _titled_or_named(doc[subject], words)
        and (inverted := _inverted_incise(context, cue, unit))
    ):
        # "Le texte, a estimé la ministre, sera voté": the parser takes the noun before the
        # incise for its subject; the name after the cue is the speaker
        return inverted, False, True
    if subject is not None and (fronted := _fronted_source(context, subject, unit)):
        return fronted, False, False
    if subject is not None:
        span = noun_phrase(doc, subject, words, unit)
        pronoun = lower(doc[subject]) in words.pronouns
        return span, pronoun, subject > verb or _after_break(doc, cue, span, unit)
    governor = _governing_subject(doc, verb, words, unit)
    if governor is not None and governor < cue[0] and "Inf" in doc[verb].morph.get("VerbForm", []):
        # "Il a tenu à saluer son gardien : « … »": the noun after is the object
        span = noun_phrase(doc, governor, words, unit)
        return span, lower(doc[governor]) in words.pronouns, False
    name = _name_before(doc, cue, unit)
    if name is not None:
        return name, False, False
    head = _name_after(context, cue, unit)
    if head is not None:
        return noun_phrase(doc, head, words, (cue[1], unit[1])), False, True
    if governor is not None:  # "…, telling reporters that …" / "refused to say whether …"
        span = noun_phrase(doc, governor, words, unit)
        return span, lower(doc[governor]) in words.pronouns, False
    before = cue[0] - 1
    if (
        before >= unit[0]
        and lower(doc[before]) in words.pronouns.keys() - words.clitic_objects
        and _opens_clause(doc, before)
    ):
        return (before, cue[0]), True, False  # "Elle juge …", the parser's "Elle" a determiner
    opening = _opening_phrase(doc, cue, unit)
    if opening is not None:
        return noun_phrase(doc, opening, words, (unit[0], cue[0])), False, False
    return None, False, False


def _name_before(doc: Doc, cue: TokenRange, unit: TokenRange) -> TokenRange | None:
    """A person's name right before the cue, opening its clause, that the parser did not
    make the subject ("Roberto De Zerbi s'est félicité …", "De Zerbi" parsed a modifier)."""
    last = cue[0] - 1
    if last < unit[0] or doc[last].ent_type_ not in ("PER", "PERSON"):
        return None
    start = last
    while start > unit[0] and (
        doc[start - 1].ent_type_ in ("PER", "PERSON") or _name_part(doc[start - 1])
    ):
        start -= 1  # "Roberto", the tagger's noun
    if start > unit[0] and not doc[start - 1].is_punct:
        return None
    return start, last + 1


def _opening_phrase(doc: Doc, cue: TokenRange, unit: TokenRange) -> int | None:
    """The noun opening the unit when only names, nouns and commas stand between it and the
    cue: the subject the parser hung on a headline without a full stop ("Titre¶Sa voisine,
    Fatima, assure …")."""
    start = unit[0]
    while start < cue[0] and doc[start].is_space:
        start += 1
    if _past_fronted_participle(doc, start, cue[0]) is not None:
        start += 2  # "Contactée, Nantes Métropole assure"
    end = _before_aside(doc, start, cue[0])
    tokens = doc[start:end]
    if not tokens or any(
        t.pos_ not in ("DET", "NOUN", "PROPN", "ADJ", "NUM") and t.text != "," for t in tokens
    ):
        return None
    commas = [t.i for t in tokens if t.text == ","]
    if commas and commas[-1] < cue[0] - 1:
        tokens = doc[commas[-1] + 1 : cue[0]]  # "Côté patronat, le Medef juge": the last group
    return next((t.i for t in tokens if t.pos_ in ("NOUN", "PROPN")), None)


def _before_aside(doc: Doc, start: int, end: int) -> int:
    """Where the words before `end` stop short of an aside closing them (", de son côté,",
    ", pour sa part,", ", elle aussi,")."""
    commas = [k for k in range(start, end) if doc[k].text == ","]
    if len(commas) < 2 or commas[-1] != end - 1 or commas[-1] - commas[-2] > 5:
        return end
    opener = doc[commas[-2] + 1]
    return commas[-2] if opener.pos_ in ("ADP", "ADV", "PRON") else end


def _opens_clause(doc: Doc, k: int) -> bool:
    return k == 0 or doc[k - 1].is_punct or doc[k - 1].is_space or bool(doc[k].is_sent_start)


def _agent(doc: Doc, verb: int, unit: TokenRange) -> int | None:
    """Who speaks in the passive: "démentie par la direction", "told by officials"."""
    for child in doc[verb].children:
        if child.dep_ == "obl:agent" and unit[0] <= child.i < unit[1]:
            return int(child.i)
        if child.dep_ == "agent":  # English: the noun hangs on "by"
            for noun in child.children:
                if noun.dep_ == "pobj" and unit[0] <= noun.i < unit[1]:
                    return int(noun.i)
    return None


def _inverted_incise(context: _Context, cue: TokenRange, unit: TokenRange) -> TokenRange | None:
    """The subject of an inverted incise between commas (", a estimé la ministre,", ", said
    the mayor,"); not of a participle (", telling CNN that …")."""
    doc, words = context.doc, context.words
    if cue[0] <= unit[0] or doc[cue[0] - 1].text != ",":
        return None
    if _is_gerund_form(doc, cue):
        return None
    head = _name_after(context, cue, unit)
    if head is None:
        return None
    span = noun_phrase(doc, head, words, (cue[1], unit[1]))
    if span[1] < unit[1] and doc[span[1]].text == ",":
        return span
    # "Une peine « … », a estimé la procureure dans son réquisitoire.": the sentence ends
    # (not in English, where ", told The Huffington Post." names whom it was told)
    quiet = _ends_clause_quietly(doc, span[1], unit, full_stop=True)
    return span if words.inverted_incise_only and quiet else None


def _governing_subject(doc: Doc, verb: int, words: QuoteWords, unit: TokenRange) -> int | None:
    """The subject of the clause a participle, gerund or infinitive cue hangs on."""
    token = doc[verb]
    if token.dep_.startswith("flat"):
        return None  # "le Medef juge …" parsed as one name: no clause to climb to
    for _ in range(3):
        if token.head.i == token.i or token.dep_ in ("ccomp", "relcl", "acl:relcl"):
            return None
        token = token.head
        subject = _subject(doc, token.i, words, unit)
        if subject is not None:
            return subject
    return None


def _subject(doc: Doc, verb: int, words: QuoteWords, unit: TokenRange) -> int | None:
    token = doc[verb]
    candidates = [child for child in token.children if is_subject(child)]
    later = [c for c in candidates[1:] if c.i < verb and _clause_between(doc, candidates[0], c)]
    if later:
        # "The economy, you know, is doing fine, the senator said" / "l'accès y est régulé …,
        # et la direction reconnaît": the parser gives the verb the subject of the clause
        # before too; the one nearest the verb is its own
        candidates.insert(0, later[-1])
    for child in candidates:
        if not unit[0] <= child.i < unit[1] or child.pos_ == "SCONJ":
            continue
        if child.tag_ in ("WP", "WDT") or lower(child) in words.relative_pronouns:
            if token.dep_ in ("relcl", "acl:relcl", "acl") and token.head.i < verb:
                return relative_antecedent(doc, child.i, token.head.i, words, unit)
            continue
        if lower(child) in words.expletive_subjects and is_impersonal(child, words):
            continue
        if lower(child) in words.clitic_objects and child.i < verb:
            continue  # "lui a rétorqué": to whom
        if any(other.i == child.i + 1 for other in candidates):
            continue  # "où l'on reconnaît": the parser makes both words subjects
        after = _past_fronted_participle(doc, child.i, verb)
        return after if after is not None else _name_after_fronted(doc, child.i, verb, words)
    return None


def _clause_between(doc: Doc, first: Token, later: Token) -> bool:
    """A clause of its own (a verb, then a comma or a conjunction) stands between subject
    `first` and the phrase of `later`, and no comma after that phrase (an apposition: "Le
    chef du parti, Marc Delorme, a …"; "Le maire et, avec lui, l'opposition ont …": one)."""
    between = doc[first.i + 1 : later.left_edge.i]
    apposed = any(t.text == "," for t in doc[later.i + 1 : later.head.i])
    verb = any(t.pos_ in ("VERB", "AUX") for t in between)
    return not apposed and verb and any(t.text == "," or t.pos_ == "CCONJ" for t in between)


def _past_fronted_participle(doc: Doc, subject: int, verb: int) -> int | None:
    """ "Contactée, Nantes Métropole assure …": a participle before a comma the parser made
    the subject; the noun after the comma is (None if that is not the case)."""
    token = doc[subject]
    if "Part" not in token.morph.get("VerbForm", []) or doc[subject + 1].text != ",":
        return None
    after = [k for k in range(subject + 2, verb) if doc[k].pos_ in ("NOUN", "PROPN", "PRON")]
    return after[0] if after else None


def _titled_or_named(token: Token, words: QuoteWords) -> bool:
    """A title or part of a person's name: a subject that is someone, not a thing."""
    return is_title(token, words) or token.ent_type_ in ("PER", "PERSON")


def _name_after_fronted(doc: Doc, subject: int, verb: int, words: QuoteWords) -> int:
    """ "Côté monégasque, Adi Hütter regrettait": a person's name alone between a comma and
    the verb is the subject, not the phrase before the comma the parser chose (unless
    that is a title the name is in apposition to)."""
    if _titled_or_named(doc[subject], words):
        return subject
    comma = next((k for k in range(subject + 1, verb) if doc[k].text == ","), None)
    if comma is None or comma + 1 >= verb:
        return subject
    name = range(comma + 1, verb)
    if all(doc[k].ent_type_ in ("PER", "PERSON") for k in name):
        return comma + 1
    return subject


def relative_antecedent(
    doc: Doc, pronoun: int, parsed: int, words: QuoteWords, unit: TokenRange
) -> int:
    """The noun a subject relative pronoun stands for ("Smith, who said …"): the noun phrase
    right before it (past a comma and an age, "Tom Hadley, 71, who"), climbed up to the
    noun it completes through "de"/"of" ("the head of Acme, who said" -> head). The parser
    often hangs a clause after a comma on an earlier noun ("vigilance orange aux orages par
    Météo-France, qui annonce" -> "orange"), so its attachment is only the fallback."""
    k = pronoun - 1
    while k >= unit[0] and pronoun - k <= 4 and (doc[k].is_punct or doc[k].pos_ == "NUM"):
        k -= 1
    if k < unit[0] or doc[k].pos_ not in ("NOUN", "PROPN", "PRON") or doc[k].is_punct:
        return parsed
    for _ in range(4):  # up a name's parts and "de"/"of" complements
        head = doc[k].head
        if head.i == k or not unit[0] <= head.i < k:
            break
        if head.pos_ not in ("NOUN", "PROPN"):
            break  # "…, lance Jean-Luc Mélenchon, qui …": the parser hangs the name on the verb
        linked = any(lower(c) in words.role_links for c in doc[k].children if c.dep_ == "case")
        name_part = doc[k].dep_ in ("flat", "flat:name", "compound") or head.dep_ == "compound"
        if not (linked or name_part):
            break
        k = head.i
    while k > unit[0] and doc[k].ent_iob_ == "I":
        k -= 1  # the start of a name the parser split ("Météo - France")
    if lower(doc[pronoun]) not in words.person_relatives:
        return k  # "…, chief executive of Acme Corp, which warned": the company
    return _apposed_to_person(doc, k, (unit[0], pronoun)) or k


def _apposed_to_person(doc: Doc, k: int, within: TokenRange) -> int | None:
    """The person a role in apposition describes, when token k ends that role ("Mark Zandi,
    chief economist at Moody's Analytics, who …": Zandi, not Analytics)."""
    token = doc[k]
    for _ in range(5):
        head = token.head
        if head.i == token.i or not within[0] <= head.i < within[1]:
            return None
        if token.dep_ == "appos" and head.ent_type_ in ("PER", "PERSON"):
            return int(head.i)
        if token.dep_ not in ("pobj", "prep", "poss", "compound", "nmod", "appos", "case"):
            return None
        token = head
    return None


def _after_break(doc: Doc, cue: TokenRange, speaker: TokenRange, unit: TokenRange) -> bool:
    """ "…, Smith said." : a subject after a comma or closing mark, right before the cue,
    with nothing but the end of the sentence or a comma after the cue."""
    if speaker[1] > cue[0] or speaker[0] == unit[0]:
        return False
    if not _follows_break(doc, speaker[0], unit):
        return False
    nxt = doc[cue[1]] if cue[1] < unit[1] else None
    return nxt is None or nxt.text in (",", ".", "—", "–") or nxt.is_space


def _follows_break(doc: Doc, k: int, unit: TokenRange) -> bool:
    """Token k comes right after a comma, dash or closing quotation mark."""
    if k <= unit[0]:
        return False
    before = doc[k - 1]
    return before.text in (",", "—", "–") or before.text in CLOSING_TOKENS


def _after_quotation(doc: Doc, k: int, unit: TokenRange) -> bool:
    """Token k comes right after a closing quotation mark, or after it and a comma."""
    j = k - 1 if k - 1 > unit[0] and doc[k - 1].text == "," else k
    return j > unit[0] and doc[j - 1].text in CLOSING_TOKENS


def _name_after(context: _Context, cue: TokenRange, unit: TokenRange) -> int | None:
    """An inverted subject the parser missed: the first name or title after the cue
    ("s'est réjoui mercredi 8 novembre le président Vladimir Poutine")."""
    doc, words = context.doc, context.words
    past = cue[1]  # whom it was said to: "a déclaré à l'AFP le lieutenant-colonel …"
    for k in range(cue[1], min(unit[1], cue[1] + SPEAKER_WINDOW)):
        token = doc[k]
        if k < past:
            continue
        if opens_addressee(doc, k, words):
            past = _addressee_end(doc, k, words)
            continue
        if token.text == "," and k > cue[1] and _only_pronoun(doc, (cue[1], k)):
            name = _apposed_name(doc, k, unit, last=True)  # "explique l'un d'eux, X. Ragot."
            return name[0] if name else None
        if token.text in (",", ":", ";") or token.text in STOPS or token.text in OPENING_TOKENS:
            return None
        if token.pos_ in ("VERB", "SCONJ") or lower(token) in words.complementizers:
            return None
        if lower(token) in words.not_names:
            continue  # "mardi" that the tagger took for a name
        if k == cue[1] and token.pos_ == "PROPN" and _follows_break(doc, cue[0], unit):
            return k  # "», soupire Nadia": a first name the tagger calls MISC
        if token.ent_type_ in ("PER", "PERSON", "ORG") or is_title(token, words):
            return k
        if _body_closing_incise(context, cue, k, unit):
            return k  # "», a déclaré la direction.", '", said the ministry.'
        if token.ent_type_ == "MISC" and all(
            lower(doc[j]) in words.determiners for j in range(cue[1], k)
        ):
            return k  # a title of the press the tagger calls MISC: "rapporte Le Progrès"
    return None


def _addressee_end(doc: Doc, k: int, words: QuoteWords) -> int:
    """Past whom it was said to, opening at token k ("à l'AFP", "aux journalistes")."""
    j = k + 1
    while j < len(doc) and lower(doc[j]) in words.determiners:
        j += 1
    j += 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1  # "au New York Times"
    return j


def _body_closing_incise(context: _Context, cue: TokenRange, k: int, unit: TokenRange) -> bool:
    """A body noun ("la direction", "the ministry") right after an incise cue (after a comma
    or a closing mark, not a participle), or any noun with its determiner right after a
    quotation's incise ("», estime l'ancien milieu de terrain"), its phrase ending the
    clause."""
    doc, words = context.doc, context.words
    if doc[k].pos_ != "NOUN" or cue[0] <= unit[0] or _is_gerund_form(doc, cue):
        return False
    if _after_quotation(doc, cue[0], unit):  # '», estime l'ancien milieu de terrain.'
        if doc[k].dep_.startswith("obl"):
            return False  # "prévient ce week-end le président", "chaque semaine"
        j = k - 1
        while j > cue[1] and doc[j].pos_ == "ADJ":
            j -= 1
        if j < cue[1] or doc[j].pos_ != "DET":
            return False  # "mercredi 8 novembre": a date, not someone
    elif doc[k].lemma_.lower() not in words.organisation_nouns or not _follows_break(
        doc, cue[0], unit
    ):
        return False
    if any(doc[j].pos_ == "ADP" for j in range(cue[1], k)):
        return False  # "…, a demandé à la police": an object, not the speaker
    return _ends_clause_quietly(doc, noun_phrase(doc, k, words, unit)[1], unit)


def _ends_clause_quietly(doc: Doc, k: int, unit: TokenRange, *, full_stop: bool = False) -> bool:
    """Nothing but a few words without a verb, a subordinator or a pronoun from token k to
    the end of the clause ("du groupe mardi", "in a statement"); with `full_stop`, to the
    end of the sentence, no other punctuation between ("dans son réquisitoire.")."""
    for j in range(k, min(unit[1], k + QUIET_TAIL + 1)):
        token = doc[j]
        if token.is_punct or token.is_space:
            return token.text in STOPS if full_stop else True
        if token.pos_ in ("VERB", "AUX", "SCONJ", "PRON") or j == k + QUIET_TAIL:
            return False
    return True


def _plain_order_reports_nothing(
    context: _Context, cue: TokenRange, speaker: TokenRange | None
) -> bool:
    """In a language whose incises are inverted, subject then cue after a clause reports
    it only with a pronoun standing for it ("…, le gouvernement l'assure")."""
    plain_order = speaker is not None and speaker[1] <= cue[0]
    inverted_only = context.words.inverted_incise_only
    return plain_order and inverted_only and not _object_pronoun_before(context.doc, cue)


def _object_pronoun_before(doc: Doc, cue: TokenRange) -> bool:
    """ "Le calendrier sera tenu, le gouvernement l'assure": a pronoun object of the cue,
    before it, stands for the clause reported."""
    verbs = [doc[k] for k in range(*cue) if doc[k].pos_ in ("VERB", "AUX", "ADJ")]
    return any(
        child.dep_ == "obj" and child.pos_ == "PRON" and child.i < verb.i
        for verb in verbs
        for child in verb.children
    )


def _is_gerund_form(doc: Doc, cue: TokenRange) -> bool:
    """A gerund among the cue's tokens (", telling CNN that …"); narrower than `_is_gerund`,
    which also takes "en"/"while" before the cue and French present participles."""
    return any(
        doc[k].tag_ == "VBG" or "Ger" in doc[k].morph.get("VerbForm", []) for k in range(*cue)
    )


# -- contents ---------------------------------------------------------------------------


def _incise(
    context: _Context, unit: TokenRange, cue: TokenRange, speaker: TokenRange | None, pronoun: bool
) -> list[FoundQuote]:
    """Content before the cue: `"…", a-t-il ajouté` / `…, said Smith`; a quote resumed
    right after the incise is a second quote of the same speaker."""
    doc = context.doc
    first = min(cue[0], speaker[0]) if speaker else cue[0]
    while first - 1 > unit[0] and lower(doc[first - 1]) in context.words.clitic_objects:
        first -= 1  # "», lui a rétorqué la présidente"
    end_token = first - 1
    while end_token >= unit[0] and doc[end_token].text in (",", "—", "–", "-"):
        end_token -= 1
    if end_token < unit[0] or (
        end_token == first - 1 and doc[end_token].text not in CLOSING_TOKENS
    ):
        return []  # the cue opens the sentence or follows a word: not an incise
    cue_chars = _chars(doc, cue)
    end = doc[end_token].idx + len(doc[end_token].text)
    start = _content_start(context, unit, end)
    opening = doc.char_span(start, end, alignment_mode="expand")
    if opening is not None and _preposition_at(context, opening.start) is not None:
        return []  # "D'après un sondage, 62 % des Français jugent …": an attribution itself
    quote = _make(context, start, end, cue_chars, speaker, pronoun)
    if quote is None or (quote.kind == "indirect" and not _has_verb(doc, quote.content)):
        return []  # "During a stop in Iowa, Trump repeated …": no clause, no content
    if quote.kind == "indirect" and _plain_order_reports_nothing(context, cue, speaker):
        return []  # "La BCE marque une pause, les marchés saluent"
    quotes = [quote]
    tail = max(cue[1], speaker[1] if speaker else 0)
    resumed = _resumed_segment(context, tail, unit)
    if resumed is not None and context.free(resumed.start, resumed.end):
        quotes.append(
            FoundQuote(
                "direct", (resumed.inner_start, resumed.inner_end), cue_chars, speaker, pronoun
            )
        )
    return quotes


def _straddling(
    context: _Context, unit: TokenRange, cue: TokenRange, speaker: TokenRange | None, pronoun: bool
) -> FoundQuote | None:
    """An incise between a subject and its verb, outside quotation marks ("The museum, Mr.
    Obama said, would make visitors face hard truths"): the whole sentence is the content,
    incise included, since the subject alone says nothing."""
    doc = context.doc
    if speaker is None or any(_agent(doc, k, unit) is not None for k in range(*cue)):
        return None  # "Le projet, salué par l'opposition, prévoit …": no incise
    first, last = min(cue[0], speaker[0]), max(cue[1], speaker[1])
    if first - 1 <= unit[0] or last + 1 >= unit[1]:
        return None
    if doc[first - 1].text != "," or doc[last].text != ",":
        return None
    if doc[last + 1].pos_ not in ("AUX", "VERB") or _inside_segment(context, doc[first].idx):
        return None
    if _filler(doc, (first, last), context.words):  # "The economy, you know, is …"
        return None
    if any(doc[k].pos_ in ("VERB", "AUX") or doc[k].text in STOPS for k in range(unit[0], first)):
        return None
    if any(is_cue_verb(doc[k], context.words) for k in range(last + 1, unit[1])):
        return None  # "…, the senator said" later in the sentence: that is the attribution
    start = _skip_openers(doc, doc[unit[0]].idx, doc[first].idx, context.words)
    end = _forward_end(context, unit, doc[last + 1].idx)
    return _make(context, start, end, _chars(doc, cue), speaker, pronoun)


def _has_verb(doc: Doc, chars: tuple[int, int]) -> bool:
    span = doc.char_span(*chars, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def _content_start(context: _Context, unit: TokenRange, end: int) -> int:
    """Start of a content ending at `end`: the unit's start, after any content already
    taken in the unit, and at the opening mark of a segment that began before the unit."""
    doc = context.doc
    start = doc[unit[0]].idx
    taken_end = context.taken.last_end(start, end)
    if taken_end is not None:
        start = taken_end
    for seg in context.segments:
        if seg.start < start < seg.end <= end:
            start = seg.start
        elif start < seg.start and seg.end == end and _stop_before(context.text, seg.start, ":"):
            # "Il nie. « On nous a laissés seuls »", poursuit l'élu; "Urgences : « On ne
            # tiendra pas »", alertent les soignants (a headline's topic before a colon)
            start = seg.start
    while start < end and not (context.text[start].isalnum() or _mark_at(context.text, start)):
        start += 1
    return start


def _stop_before(text: str, position: int, also: str = "") -> bool:
    """A full stop (not ";"), or one of `also`, is the last thing before `position`, spaces
    apart; walks back instead of copying the text, since it runs for quotation marks on long
    pages."""
    k = position - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k >= 0 and ((text[k] in STOPS and text[k] != ";") or text[k] in also)


def _quotation_after_stop(context: _Context, k: int) -> bool:
    """Token k opens a quotation that starts a new sentence: no content runs into it."""
    token = context.doc[k]
    return (
        token.text in OPENING_TOKENS
        and _segment_at(context, token.idx) is not None
        and _stop_before(context.text, token.idx)
    )


def _resumed_segment(context: _Context, tail: int, unit: TokenRange) -> Segment | None:
    doc = context.doc
    k = tail
    while k < len(doc) and doc[k].text in (",", "—", "–", ":") and k < unit[1] + 2:
        k += 1
    if k >= len(doc) or k == tail:
        return None
    for seg in context.segments:
        if seg.start == doc[k].idx:
            return seg
    return None


def _forward(
    context: _Context,
    unit: TokenRange,
    verb: int,
    cue: TokenRange,
    speaker: TokenRange | None,
    pronoun: bool,
) -> FoundQuote | None:
    """Content after the cue: `que …`, `: "…"`, `"…"`, `X à …`, or the clause the parser
    hangs on the verb (`said the plan was dead`)."""
    doc, words = context.doc, context.words
    begin = cue[1]
    if speaker and speaker[0] >= cue[1] and speaker[0] - cue[1] <= 3:
        begin = speaker[1]  # "a déclaré le ministre : « … »"
    start = _forward_start(context, verb, begin, unit)
    if start is None:
        return None
    if start > _chars(doc, unit)[1]:  # the words are the paragraph after "… added:"
        seg = _segment_at(context, start)
        end = seg.end if seg is not None else _paragraph_end(context.text, start)
        block = _make(context, start, end, _chars(doc, cue), speaker, pronoun)
        if block is not None and block.kind == "indirect":
            block.kind = "direct"  # a quotation set apart as a paragraph of its own
        return block
    end = _forward_end(context, unit, start)
    coordinated = _coordinated_verb(doc, verb, start)
    if coordinated is not None:
        end = min(end, coordinated)
    next_act = _coordinated_in_content(doc, verb, cue, start)
    if next_act is not None and doc[next_act].idx < end:
        end = doc[next_act].left_edge.idx
        context.next_acts[next_act] = (speaker, pronoun, False)
    conjunction = next((k for k in range(*unit) if doc[k].idx >= end), None)
    if conjunction is not None and _second_cue_after_quotation(context, conjunction, unit):
        # "assure que « … » et reconnaît que …": the same speaker's next act
        context.next_acts[conjunction + 1] = (speaker, pronoun, False)
    while end > start and context.text[end - 1] in " ,;":
        end -= 1
    if doc[verb].dep_ in RELATIVE and _segment_at(context, start) is None:
        # "Smith, who said the dam could fail, left": the content ends with the clause.
        end = min(end, _main_clause_back(doc, verb, unit))
    if end - start < 2:
        return None
    start = _skip_openers(doc, start, end, words)
    return _make(context, start, end, _chars(doc, cue), speaker, pronoun)


def _coordinated_verb(doc: Doc, verb: int, start: int) -> int | None:
    """Where a verb coordinated with the cue begins ("Elle juge … « … » et réclame un
    débat"): the cue's content does not run into it."""
    for child in doc[verb].children:
        reported = any(c.dep_ == "mark" for c in child.children)  # "…, mais que …"
        if child.dep_ == "conj" and child.pos_ == "VERB" and child.idx > start and not reported:
            links = [c for c in child.children if c.dep_ == "cc" and c.idx > start]
            if links and links[0].i == child.left_edge.i:
                return int(links[0].idx)
    return None


def _coordinated_in_content(doc: Doc, verb: int, cue: TokenRange, start: int) -> int | None:
    """A verb the parser coordinated with the content's, but in the cue's compound tense
    and without a subject: the speaker's next act ("a estimé que le gouvernement « n'avait
    … » et a appelé à …"), for reported words shift their tense."""
    auxiliaries = {lower(doc[k]) for k in range(*cue) if doc[k].dep_ == "aux:tense"}
    content = [c for c in doc[verb].children if c.dep_ == "ccomp" and c.idx >= start]
    if not auxiliaries or not content:
        return None
    head = content[0]
    if not _tense_shifted(head):
        return None  # "que son client est innocent et a toujours nié": his, perhaps
    for conj in head.children:
        if conj.dep_ != "conj" or conj.pos_ != "VERB":
            continue
        if any(is_subject(c) or c.dep_ == "aux:pass" for c in conj.children):
            continue  # "qu'il était connu et a déjà été condamné": the man's
        same_tense = {lower(c) for c in conj.children if c.dep_ == "aux:tense"} & auxiliaries
        linked = any(c.dep_ == "cc" and c.i == conj.left_edge.i for c in conj.children)
        if same_tense and linked:
            return int(conj.i)
    return None


def _tense_shifted(verb: Token) -> bool:
    """A reported clause in the tense reported words shift to: imperfect, pluperfect or
    conditional ("qu'il était", "qu'il avait vu", "qu'il viendrait")."""
    forms = [verb, *(c for c in verb.children if c.dep_ in ("aux:tense", "cop", "aux"))]
    return any("Imp" in t.morph.get("Tense", []) or "Cnd" in t.morph.get("Mood", []) for t in forms)


def _object_before(context: _Context, verb: int, k: int, mark: int) -> bool:
    """Token k opens the verb's object, which the quotation at token `mark` qualifies:
    the parser hangs the noun on the verb as object (or, as it often does before a
    quotation, as a modifier), and no noun follows the quotation, which would be the
    object ("a estimé la semaine dernière « inacceptable » la décision")."""
    doc = context.doc
    noun = doc[k].head if doc[k].pos_ == "DET" else doc[k]
    if noun.head.i != verb or noun.dep_ not in ("obj", "nmod") or noun.pos_ != "NOUN":
        return False
    seg = _segment_at(context, doc[mark].idx)
    after = doc.char_span(seg.end, len(context.text), alignment_mode="expand") if seg else None
    return not after or after[0].pos_ not in ("DET", "NOUN", "PROPN")


def _modifier_quoted(context: _Context, k: int, mark: int) -> bool:
    """The quotation at token `mark` right after a noun phrase opening at token k, quoting
    a modifier ("un relogement « dans les plus brefs délais »"), not a clause, after a noun
    that is no day ("a déclaré mardi « nous … »")."""
    doc = context.doc
    if lower(doc[k]) in context.words.not_names or mark + 1 >= len(doc):
        return False
    if any(doc[j].is_punct for j in range(k, mark)):
        return False
    seg = _segment_at(context, doc[mark].idx)
    if seg is None or _has_verb(doc, (seg.inner_start, seg.inner_end)):
        return False  # "a répété la semaine dernière « Très clairement, nous ne céderons pas »"
    return doc[mark + 1].pos_ in ("ADP", "ADJ", "ADV")


def _main_clause_back(doc: Doc, verb: int, unit: TokenRange) -> int:
    """Where the main clause resumes after a relative clause between commas ("Le maire,
    qui a estimé que …, a voté contre"): a comma followed by a finite verb; the parser
    often hangs that verb inside the relative clause."""
    for k in range(verb + 1, unit[1] - 1):
        if doc[k].text != ",":
            continue
        nxt = doc[k + 1]
        finite = "Fin" in nxt.morph.get("VerbForm", []) or nxt.tag_ in ("VBD", "VBZ", "VBP", "MD")
        if nxt.pos_ == "AUX" or (nxt.pos_ == "VERB" and finite):
            return doc[k].idx
    return doc[unit[1] - 1].idx + len(doc[unit[1] - 1].text)


def _forward_start(context: _Context, verb: int, begin: int, unit: TokenRange) -> int | None:
    doc, words = context.doc, context.words
    lemma = doc[verb].lemma_.lower()
    clause_heads = {
        child.left_edge.i
        for child in doc[verb].children
        if child.i > verb
        and (
            child.dep_ in ("ccomp", "parataxis")
            or (
                child.dep_ == "xcomp"  # "dit ne pas croire à …", "nie avoir été prévenu"
                and lemma in words.infinitive_content_cues
                and any("Inf" in t.morph.get("VerbForm", []) for t in (child, *child.children))
            )
        )
    }
    for k in range(begin, min(unit[1], begin + MAX_GAP)):
        token = doc[k]
        text = lower(token)
        if token.text in STOPS or token.is_space:
            return None
        if token.dep_ == "fixed" and token.pos_ == "SCONJ":
            return None  # "…, tandis que …": a conjunction, no reported clause
        if text in words.complementizers and token.pos_ in ("SCONJ", "ADP", "PRON", "ADV"):
            return token.idx
        if token.text == ":":
            return _after_colon(context, k, unit, k == begin)
        if token.text in OPENING_TOKENS and _segment_at(context, token.idx) is not None:
            if cue_phrase_partner(doc[verb], words) is not None:
                return None  # "ont fait valoir leur « droit de retrait »": no clause
            qualifies = lemma in words.predicative_cues or _modifier_quoted(context, begin, k)
            if qualifies and _object_before(context, verb, begin, k):
                # "juge les prévisions « trop optimistes »", "a promis un relogement « dans
                # les plus brefs délais »": the object with the words quoted about it
                return doc[begin].idx
            return token.idx
        if (
            text in words.infinitive_markers
            and lemma in words.object_infinitive_cues
            and token.pos_ != "DET"  # "promet de nouvelles économies": a partitive
        ):
            return doc[begin].idx if k > begin else token.idx
        if k in clause_heads and k > begin - 1:
            return token.idx
        if text in words.content_openers and k == begin:
            return token.idx
        if token.pos_ in ("VERB", "AUX") and token.i != verb:
            return None
    return None


def _after_colon(context: _Context, k: int, unit: TokenRange, right_after: bool) -> int | None:
    """Content after "a déclaré :", possibly a quotation opening the next paragraph, or the
    whole next paragraph when the colon follows the cue (and speaker) at once ("The
    governor added:"; not "announced the following measures:")."""
    doc = context.doc
    if k + 1 < unit[1]:
        return doc[k + 1].idx
    nxt = k + 1
    while nxt < len(doc) and doc[nxt].is_space:
        nxt += 1
    if nxt >= len(doc):
        return None
    if _segment_at(context, doc[nxt].idx) is not None:
        return doc[nxt].idx
    if right_after and _opens_paragraph(doc, nxt):
        while nxt < len(doc) - 1 and doc[nxt].text in OPENING_TOKENS:
            nxt += 1  # a mark that pairs with nothing is not part of the words
        return doc[nxt].idx
    return None


def _opens_paragraph(doc: Doc, k: int) -> bool:
    return k == 0 or "\n" in doc[k - 1].text_with_ws


def _skip_openers(doc: Doc, start: int, end: int, words: QuoteWords) -> int:
    """Past a leading ":" or "d'" ("se réjouit d'une coopération")."""
    token = doc.char_span(start, end, alignment_mode="expand")
    if token is None or not len(token):
        return start
    first = token[0]
    if lower(first) in words.content_openers and first.i + 1 < len(doc):
        following = doc[first.i + 1]
        return following.idx if following.idx < end else start
    return start


def _segment_at(context: _Context, position: int) -> Segment | None:
    return context.starts.get(position)


def _forward_end(context: _Context, unit: TokenRange, start: int) -> int:
    """The unit's end, cut before a later cue incise (", a-t-il dit") or a closing
    attribution (", selon X." / ", according to X."), and before taken contents."""
    doc = context.doc
    seg = _segment_at(context, start)
    end = _words_end(doc, unit[0], unit[1] - 1)
    if seg is not None and (seg.end >= end - 1 or _new_clause_after(doc, seg.end, unit)):
        return seg.end  # "a salué « … », tandis que son homologue …": the quotation only
    first = doc.char_span(start, end, alignment_mode="expand")
    from_token = first.start if first is not None else unit[0]
    # "que, si rien ne change, les salariés dénonceront …": in a reported clause the parse
    # cannot tell a juxtaposed clause from the clause's own main verb
    clause = lower(doc[from_token]) in context.words.complementizers
    for k in range(from_token, min(unit[1], from_token + MAX_CONTENT_TOKENS)):
        token = doc[k]
        if token.idx > start and _quotation_after_stop(context, k):
            end = min(end, _words_end(doc, from_token, k - 1))  # "… à temps. « On nous …"
            break
        if token.idx > start and _second_cue_after_quotation(context, k, unit):
            end = min(end, token.idx)  # "assure que « … » et promet une réunion"
            break
        if token.idx <= start or token.text != ",":
            continue
        if (
            _closing_attribution(context, k + 1, unit)
            or _incise_cue_at(context, k + 1, unit)
            or _coordinated_cue_at(context, k + 1, unit, juxtaposed=not clause)
        ):
            end = min(end, token.idx)
            break
    taken_start = context.taken.first_start(start, end)
    if taken_start is not None:
        end = taken_start
    text = context.text
    while end > start and text[end - 1] in " ,;":
        end -= 1
    return end


def _second_cue_after_quotation(context: _Context, k: int, unit: TokenRange) -> bool:
    """A conjunction right after a closing mark, then a cue verb: the speaker's next act."""
    doc = context.doc
    return (
        doc[k].pos_ == "CCONJ"
        and k + 1 < unit[1]
        and doc[k - 1].text in CLOSING_TOKENS
        and is_cue_verb(doc[k + 1], context.words)
    )


def _words_end(doc: Doc, low: int, last: int) -> int:
    """Where the words up to token `last` end, final stops and spaces left out."""
    while last > low and (doc[last].text in STOPS or doc[last].is_space):
        last -= 1
    return int(doc[last].idx + len(doc[last].text))


def _new_clause_after(doc: Doc, position: int, unit: TokenRange) -> bool:
    """A comma then a conjunction after `position`: ", tandis que", ", mais", ", while"."""
    last = doc[unit[1] - 1]
    span = doc.char_span(position, last.idx + len(last.text), alignment_mode="expand")
    if span is None or len(span) < 3 or span[0].text != ",":
        return False
    if span[1].pos_ in ("SCONJ", "CCONJ"):
        return True
    return span[1].pos_ == "ADV" and span[2].pos_ == "SCONJ"


def _closing_attribution(context: _Context, k: int, unit: TokenRange) -> bool:
    """ ", selon une transcription de ses propos." up to the end of the unit."""
    match = _preposition_at(context, k)
    if match is None:
        return False
    doc = context.doc
    return all(doc[j].text not in (",", ";") for j in range(k + match, unit[1]))


def _incise_cue_at(context: _Context, k: int, unit: TokenRange) -> bool:
    """ ", a-t-il ajouté" / ", tout en assurant" / ", a-t-on appris": another cue starts
    here."""
    doc, words = context.doc, context.words
    for j in range(k, min(unit[1], k + 4)):
        if is_cue_verb(doc[j], words) or _hearsay_incise(doc, words, (k, j)):
            return True
        if doc[j].pos_ not in ("AUX", "ADV", "PRON", "SCONJ", "ADP") and not _is_aux_like(
            doc[j], words
        ):
            return False
    return False


def _hearsay_incise(doc: Doc, words: QuoteWords, tokens: TokenRange) -> bool:
    """Token `tokens[1]` a verb of learning with an impersonal pronoun next to it, from
    `tokens[0]` on ("a-t-on appris", "apprend-on")."""
    start, verb = tokens
    if doc[verb].lemma_.lower() not in words.hearsay_verbs:
        return False
    return any(
        lower(doc[i]) in words.impersonal_pronouns for i in range(start, min(len(doc), verb + 2))
    )


def _coordinated_cue_at(
    context: _Context, k: int, unit: TokenRange, juxtaposed: bool = True
) -> bool:
    """ ", but officials warned …" / ", mais la police affirme …": a coordinated clause
    with a speaker and a cue of its own starts here; without the conjunction too in a
    language whose incises are inverted (", l'opposition dénonce …" is no incise there)."""
    doc, words = context.doc, context.words
    if k >= unit[1]:
        return False
    if doc[k].pos_ == "CCONJ":
        first = k + 2
    elif k + 1 < unit[1] and doc[k + 1].dep_ == "fixed" and doc[k + 1].pos_ == "SCONJ":
        first = k + 3  # ", tandis que les syndicats dénonçaient …"
    elif words.inverted_incise_only and juxtaposed:
        first = k + 1
    else:
        return False
    for j in range(first, min(unit[1], k + 7)):
        if doc[j].is_punct:
            return False
        if is_cue_verb(doc[j], words):
            return any(is_subject(c) and k < c.i < j for c in doc[j].children)
    return False


def _make(
    context: _Context,
    start: int,
    end: int,
    cue: tuple[int, int] | None,
    speaker: TokenRange | None,
    pronoun: bool,
) -> FoundQuote | None:
    """A quote with its kind, or None when the content is too short or already taken."""
    text = context.text
    start = after_dateline(text, start, end)  # "PARIS (Reuters) - …, officials said."
    if end - start < 3 or len(text[start:end].split()) < 2 or not context.free(start, end):
        return None
    inside = [seg for seg in context.segments if start <= seg.start and seg.end <= end]
    if len(inside) == 1 and inside[0].start == start and inside[0].end >= end - 1:
        seg = inside[0]
        return FoundQuote("direct", (seg.inner_start, seg.inner_end), cue, speaker, pronoun)
    kind: QuoteKind = "mixed" if inside else "indirect"
    return FoundQuote(kind, (start, end), cue, speaker, pronoun)


def _chars(doc: Doc, tokens: TokenRange) -> tuple[int, int]:
    return doc[tokens[0]].idx, doc[tokens[1] - 1].idx + len(doc[tokens[1] - 1].text)


# -- 2. cue prepositions ----------------------------------------------------------------


def _preposition_at(
    context: _Context, k: int, phrases: tuple[tuple[str, ...], ...] | None = None
) -> int | None:
    """Number of tokens of a cue preposition starting at token k, or None."""
    doc = context.doc
    for phrase in context.words.cue_prepositions if phrases is None else phrases:
        if k + len(phrase) <= len(doc) and all(
            lower(doc[k + j]) == word.replace("’", "'") for j, word in enumerate(phrase)
        ):
            return len(phrase)
    return None


def _preposition_quotes(context: _Context, unit: TokenRange) -> list[FoundQuote]:
    doc = context.doc
    out: list[FoundQuote] = []
    for k in range(*unit):
        size = _preposition_at(context, k)
        opinion = False
        if size is None:  # "Pour la ministre, …": opening a sentence, and someone with a view
            size = _preposition_at(context, k, context.words.opinion_prepositions)
            opinion = size is not None
            if opinion and not _only_openers_before(doc, unit, k):
                continue
        if size is None or _inside_segment(context, doc[k].idx):
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
        if _bare_role(context, (np_start, np_end)) and (name := _apposed_name(doc, np_end, unit)):
            speaker, np_end = (np_start, name[1]), name[1]  # "Selon le ministre, O. Dussopt, …"
        elif (role := _apposed_role(context, np_end, unit)) is not None:
            np_end = role[1]  # "Pour Isabel Schnabel, membre du directoire, une baisse …"
        pronoun = lower(doc[speaker[0]]) in context.words.pronouns
        cue = _chars(doc, (k, k + size))
        quote = None
        if _only_openers_before(doc, unit, k):
            if np_end < unit[1] and doc[np_end].text == ",":
                start = doc[np_end + 1].idx if np_end + 1 < unit[1] else None
                if start is not None:
                    quote = _make(
                        context, start, _forward_end(context, unit, start), cue, speaker, pronoun
                    )
        elif k > unit[0] and doc[k - 1].text == "," and _ends_unit(doc, np_end, unit):
            end = doc[k - 1].idx
            quote = _make(context, _content_start(context, unit, end), end, cue, speaker, pronoun)
        if quote:
            context.taken.append(quote.content)
            out.append(quote)
    return out


def _apposed_role(context: _Context, comma: int, unit: TokenRange) -> TokenRange | None:
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


def _only_pronoun(doc: Doc, tokens: TokenRange) -> bool:
    """ "l'un d'eux", "l'une d'entre elles", "one of them": no noun, no name."""
    return any(doc[k].pos_ == "PRON" for k in range(*tokens)) and all(
        doc[k].pos_ in ("PRON", "DET", "ADP", "NUM") for k in range(*tokens)
    )


def _holds_views(context: _Context, tokens: TokenRange) -> bool:
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


def _bare_role(context: _Context, tokens: TokenRange) -> bool:
    """ "le ministre du Travail": a title and no name, so a name may follow in apposition."""
    doc = context.doc
    return any(is_title(doc[k], context.words) for k in range(*tokens)) and not any(
        doc[k].ent_type_ in ("PER", "PERSON") for k in range(*tokens)
    )  # the tagger often calls a role an organisation ("ministre du Travail")


def _apposed_name(
    doc: Doc, comma: int, unit: TokenRange, *, last: bool = False
) -> TokenRange | None:
    """The name set between commas after a role: ", Olivier Dussopt," (the tokens of one
    person entity), or None; `last`: or closing the sentence (", Xavier Ragot.")."""
    if comma >= unit[1] or doc[comma].text != ",":
        return None
    start = end = comma + 1
    while end < unit[1] and doc[end].ent_type_ in ("PER", "PERSON"):
        end += 1
    if end == start or end - start > 5:
        return None
    if end < unit[1] and doc[end].text == ",":
        return start, end
    return (start, end) if last and _ends_unit(doc, end, unit) else None


def _only_openers_before(doc: Doc, unit: TokenRange, k: int) -> bool:
    """Nothing but conjunctions and adverbs between token k and the start of its unit or
    the colon before it ("…, s'est montrée plus nuancée : selon elle, …")."""
    start = unit[0]
    for j in range(unit[0], k):
        if doc[j].text in (":", ";"):
            start = j + 1
    return all(doc[j].is_punct or doc[j].pos_ in ("CCONJ", "ADV") for j in range(start, k))


def _ends_unit(doc: Doc, k: int, unit: TokenRange) -> bool:
    return all(
        doc[j].text in STOPS or doc[j].is_space or doc[j].text in CLOSING_TOKENS
        for j in range(k, unit[1])
    )


def _speaker_in(context: _Context, tokens: TokenRange) -> TokenRange:
    """The speaker phrase of "selon X": the whole phrase up to the comma, when short."""
    doc, words = context.doc, context.words
    for k in range(*tokens):
        if lower(doc[k]) in words.pronouns:
            return k, k + 1
    end = tokens[0]
    while end < min(tokens[1], tokens[0] + 8) and lower(doc[end]) not in words.relative_pronouns:
        end += 1
    return tokens[0], max(end, tokens[0] + 1)


# -- colon headlines ----------------------------------------------------------------------


def _colon_quotes(context: _Context, unit: TokenRange) -> list[FoundQuote]:
    """A headline or lead in the form "Name: what they said" ("Graham: Trump's rhetoric
    destroys the party"): a short name, nothing but names, before a colon opening the unit."""
    doc = context.doc
    colon = _colon_at(doc, unit, 7)
    if colon is None:
        return []
    head = range(unit[0], colon)
    if not all(
        doc[k].pos_ in ("PROPN", "NOUN", "PART") or doc[k].text in ("'s", "’s") for k in head
    ):
        return []
    if not any(doc[k].ent_type_ in ("PER", "PERSON", "ORG") for k in head):
        return []
    end = _forward_end(context, unit, doc[colon + 1].idx)
    quote = _make(
        context, doc[colon + 1].idx, end, _chars(doc, (colon, colon + 1)), (unit[0], colon), False
    )
    if quote is None:
        return []
    context.taken.append(quote.content)
    return [quote]


def _colon_at(doc: Doc, unit: TokenRange, within: int) -> int | None:
    """A colon among the first `within` tokens of the unit, not first, with words after."""
    colon = next(
        (k for k in range(unit[0], min(unit[1], unit[0] + within)) if doc[k].text == ":"), None
    )
    return None if colon is None or colon == unit[0] or colon + 2 >= unit[1] else colon


def _turns(context: _Context) -> list[FoundQuote]:
    """A transcript: paragraphs opening with a name in capitals and a colon ("WALLACE: …",
    "MR. TRUMP: …", "Q: …"), one name at least twice, so that "US: …" and "UPDATE: …"
    headlines are not taken for one. Each turn is a direct quote of that name, to its
    paragraph's end."""
    doc, text = context.doc, context.text
    turns = []
    for start in _paragraph_starts(doc):
        # some pages open every turn with a stray quotation mark ('"WALLACE: …'), which
        # also makes the quotation-mark pairing run over paragraphs: go by paragraphs
        first = start + 1 if doc[start].text in OPENING_TOKENS else start
        colon = _colon_at(doc, (first, len(doc)), 5)
        if colon is not None and _is_turn(doc, first, colon):
            turns.append((first, colon))
    names = [doc[first:colon].text for first, colon in turns]
    if len(set(names)) == len(names):  # nobody speaks twice: headlines, not a conversation
        return []
    out = []
    for first, colon in turns:
        end = _paragraph_end(text, doc[colon].idx)
        cue = _chars(doc, (colon, colon + 1))
        quote = _make(context, doc[colon + 1].idx, end, cue, (first, colon), False)
        if quote is not None:
            quote.kind = "direct"  # a transcript gives the speaker's own words
            context.taken.append(quote.content)
            out.append(quote)
    return out


def _answers(context: _Context) -> list[FoundQuote]:
    """An interview's answers (`interviews.py`): each the interviewee's own words, with no
    cue or speaker in the text."""
    out = []
    for start, end in interviews.answers(context.text, context.words):
        if context.free(start, end):
            out.append(FoundQuote("direct", (start, end), None, None))
            context.taken.append((start, end))
    return out


def _credits(context: _Context) -> list[FoundQuote]:
    """A quotation credited after a dash, as in epigraphs and readers' voices
    ('"Trump must stop portraying Latinos as gangsters." ― Carla Sanchez').
    The name must end its sentence or paragraph."""
    doc, text = context.doc, context.text
    out = []
    starts = [token.idx for token in doc]
    for seg in context.segments:
        dash = CREDIT_DASH.match(text, seg.end)
        if dash is None or seg.words(text) < 2 or not context.free(seg.start, seg.end):
            continue
        if not _is_sentence(context, seg):  # 'She called it "a disaster" — Trump, …'
            continue
        if not _says_something(doc, text, seg):  # '"The Road" — Cormac McCarthy': a title
            continue
        first = bisect.bisect_left(starts, dash.end())
        name = first
        while name < min(len(doc), first + 5) and (
            doc[name].pos_ == "PROPN" or INITIAL.fullmatch(doc[name].text)
        ):
            name += 1
        if name == first or doc[first].idx != dash.end() or not _credit_ends(doc, name):
            continue
        cue = _trimmed(text, (dash.start(), dash.end()))
        quote = FoundQuote("direct", (seg.inner_start, seg.inner_end), cue, (first, name))
        context.taken.append((seg.start, seg.end))
        out.append(quote)
    return out


def _says_something(doc: Doc, text: str, seg: Segment) -> bool:
    """Quoted words that make a statement: a verb, or a sentence's final punctuation."""
    if text[seg.inner_start : seg.inner_end].rstrip()[-1:] in (".", "!", "?", "…"):
        return True
    return _has_verb(doc, (seg.inner_start, seg.inner_end))


def _credit_ends(doc: Doc, k: int) -> bool:
    """The credited name ends there: at the paragraph's end, a full stop, the next quote,
    or a short verbless addition ("― Oscar Quintero, Texas")."""
    if k == len(doc) or doc[k].is_space or doc[k].text in CREDIT_ENDS:
        return True
    if doc[k].text != ",":
        return False
    for j in range(k + 1, min(len(doc), k + 6)):
        if doc[j].pos_ in ("VERB", "AUX"):
            return False
        if doc[j].is_space or doc[j].text in STOPS:
            return True
    return k + 6 >= len(doc)


def _paragraph_starts(doc: Doc) -> list[int]:
    """The first token of every paragraph."""
    return [token.i for token in doc if not token.is_space and _opens_paragraph(doc, token.i)]


def _paragraph_end(text: str, position: int) -> int:
    """Where the paragraph holding `position` ends (before its blank line)."""
    brk = PARAGRAPH.search(text, position)
    return len(text.rstrip()) if brk is None else brk.start()


def _is_turn(doc: Doc, start: int, colon: int) -> bool:
    """A speaker's name in capitals before a colon ("PENCE:", "MR. TRUMP:", "Q:"), or a
    person's name as the tagger finds it ("Agnès Pannier-Runacher :" in an interview)."""
    tokens = range(start, colon)
    if colon - start <= 3 and all(doc[k].text.isupper() or doc[k].text == "." for k in tokens):
        return True
    return colon - start <= 5 and all(
        doc[k].ent_type_ in ("PER", "PERSON") and doc[k].ent_iob_ != "O" for k in tokens
    )


# -- 3. continued direct quotes ---------------------------------------------------------


def _continuations(context: _Context, found: list[FoundQuote]) -> list[FoundQuote]:
    """A quoted sentence with no cue of its own right after a direct or mixed quote: the
    same speaker goes on. Short quoted words (scare quotes, titles) never qualify."""

    out: list[FoundQuote] = []
    ordered = sorted(found, key=lambda quote: quote.content)
    for seg in context.segments:
        if seg.words(context.text) < 4 or not context.free(seg.start, seg.end):
            continue
        previous = [q for q in ordered + out if q.content[1] <= seg.start and q.kind != "indirect"]
        if not previous or previous[-1].speaker is None:
            continue
        before = previous[-1]
        gap = context.text[before.content[1] : seg.start]
        if gap.count("\n\n") > 1 or _segments_between(context, before.content[1], seg.start):
            continue
        if not _is_sentence(context, seg):
            continue
        quote = FoundQuote(
            "direct",
            (seg.inner_start, seg.inner_end),
            None,
            before.speaker,
            before.speaker_is_pronoun,
        )
        context.taken.append((seg.start, seg.end))
        out.append(quote)
    return out


def _narrative_speakers(context: _Context, found: list[FoundQuote]) -> list[FoundQuote]:
    """ "Et d'ajouter : « … »": a narrative infinitive opening its sentence has the speaker
    of the quote before it, in the same or the previous paragraph."""
    out: list[FoundQuote] = []
    for quote in found:
        before = next((q for q in reversed(out) if q.speaker is not None), None)
        if quote.speaker is None and before is not None and _narrative_cue(context, quote):
            gap = context.text[before.content[1] : quote.content[0]]
            if gap.count("\n\n") <= 1:
                quote = replace(
                    quote,
                    speaker=before.speaker,
                    speaker_is_pronoun=before.speaker_is_pronoun,
                    referent=before.referent,
                )
        out.append(quote)
    return out


def _narrative_cue(context: _Context, quote: FoundQuote) -> bool:
    doc, words = context.doc, context.words
    if quote.cue is None or not words.narrative_infinitive:
        return False
    cue = doc.char_span(*quote.cue, alignment_mode="expand")
    if cue is None or "Inf" not in cue[0].morph.get("VerbForm", []) or cue.start == 0:
        return False
    marker = doc[cue.start - 1]
    if lower(marker) not in words.narrative_infinitive:
        return False
    unit = (marker.sent.start, marker.i)
    return _only_openers_before(doc, unit, marker.i)


def _segments_between(context: _Context, start: int, end: int) -> bool:
    return any(start < seg.start and seg.end < end for seg in context.segments)


def _is_sentence(context: _Context, seg: Segment) -> bool:
    """The quote stands as a sentence: it opens its sentence/paragraph."""
    text = context.text
    before = text[max(0, seg.start - 3) : seg.start]
    if "\n" in before:  # it opens a paragraph (the last one may end without a stop)
        return True
    before = before.strip()
    return before == "" or before[-1] in ".!?:…"
