"""Where a quotation's content starts and ends, once its cue and speaker are known.

Before the cue when the cue is an incise (`"…", a-t-il ajouté`, `…, said Smith`), with a
quotation resumed after the incise as a second quote (`incise`); the whole sentence around
an incise between a subject and its verb (`straddling`); after the cue: `que …`, `: "…"`,
the clause the parser hangs on the verb, the next paragraph after "added:" (`forward`).
A content is cut before a later incise, a closing attribution ("…, selon X."), the
speaker's next act or a content already taken (`forward_end`). Kept apart from the patterns
because each of them (cue verbs, cue prepositions, colon headlines) bounds its content
with these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotidien.lang.quotes import QuoteWords
from quotidien.nlp import quote_speakers as speakers
from quotidien.nlp.marks import CLOSING_TOKENS, OPENING_TOKENS, PAIRS, Segment
from quotidien.nlp.quote_context import (
    Context,
    FoundQuote,
    chars,
    inside_segment,
    is_aux_like,
    make,
    opens_paragraph,
    paragraph_end,
    preposition_at,
)
from quotidien.nlp.tokens import (
    STOPS,
    TokenRange,
    cue_phrase_partner,
    is_cue_verb,
    is_subject,
    lower,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Tokens that may stand between a cue verb and the start of its content
#: ("told reporters on Tuesday that", "a estimé mercredi que").
MAX_GAP = 8
#: Tokens a content may run over before a cut is looked for (bounds the work on run-on text).
MAX_CONTENT_TOKENS = 300
#: Dependency labels of a relative clause.
RELATIVE = ("relcl", "acl:relcl")


def filler(doc: Doc, tokens: TokenRange, words: QuoteWords) -> bool:
    """ "…, you know, …": words of the speaker's own, not an attribution."""
    return " ".join(lower(doc[k]) for k in range(*tokens)) in words.fillers


def _mark_at(text: str, position: int) -> bool:
    return text[position] in PAIRS or text.startswith(("''", "``"), position)


def _plain_order_reports_nothing(
    context: Context, cue: TokenRange, speaker: TokenRange | None
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


def incise(
    context: Context, unit: TokenRange, cue: TokenRange, speaker: TokenRange | None, pronoun: bool
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
    cue_chars = chars(doc, cue)
    end = doc[end_token].idx + len(doc[end_token].text)
    start = content_start(context, unit, end)
    opening = doc.char_span(start, end, alignment_mode="expand")
    if opening is not None and preposition_at(context, opening.start) is not None:
        return []  # "D'après un sondage, 62 % des Français jugent …": an attribution itself
    quote = make(context, start, end, cue_chars, speaker, pronoun)
    if quote is None or (quote.kind == "indirect" and not has_verb(doc, quote.content)):
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


def straddling(
    context: Context, unit: TokenRange, cue: TokenRange, speaker: TokenRange | None, pronoun: bool
) -> FoundQuote | None:
    """An incise between a subject and its verb, outside quotation marks ("The museum, Mr.
    Obama said, would make visitors face hard truths"): the whole sentence is the content,
    incise included, since the subject alone says nothing."""
    doc = context.doc
    if speaker is None or any(
        speakers.passive_agent(doc, k, unit) is not None for k in range(*cue)
    ):
        return None  # "Le projet, salué par l'opposition, prévoit …": no incise
    first, last = min(cue[0], speaker[0]), max(cue[1], speaker[1])
    if first - 1 <= unit[0] or last + 1 >= unit[1]:
        return None
    if doc[first - 1].text != "," or doc[last].text != ",":
        return None
    if doc[last + 1].pos_ not in ("AUX", "VERB") or inside_segment(context, doc[first].idx):
        return None
    if filler(doc, (first, last), context.words):  # "The economy, you know, is …"
        return None
    if any(doc[k].pos_ in ("VERB", "AUX") or doc[k].text in STOPS for k in range(unit[0], first)):
        return None
    if any(is_cue_verb(doc[k], context.words) for k in range(last + 1, unit[1])):
        return None  # "…, the senator said" later in the sentence: that is the attribution
    start = _skip_openers(doc, doc[unit[0]].idx, doc[first].idx, context.words)
    end = forward_end(context, unit, doc[last + 1].idx)
    return make(context, start, end, chars(doc, cue), speaker, pronoun)


def has_verb(doc: Doc, chars: tuple[int, int]) -> bool:
    span = doc.char_span(*chars, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def content_start(context: Context, unit: TokenRange, end: int) -> int:
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


def _quotation_after_stop(context: Context, k: int) -> bool:
    """Token k opens a quotation that starts a new sentence: no content runs into it."""
    token = context.doc[k]
    return (
        token.text in OPENING_TOKENS
        and _segment_at(context, token.idx) is not None
        and _stop_before(context.text, token.idx)
    )


def _resumed_segment(context: Context, tail: int, unit: TokenRange) -> Segment | None:
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


def forward(
    context: Context,
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
    if start > chars(doc, unit)[1]:  # the words are the paragraph after "… added:"
        seg = _segment_at(context, start)
        end = seg.end if seg is not None else paragraph_end(context.text, start)
        block = make(context, start, end, chars(doc, cue), speaker, pronoun)
        if block is not None and block.kind == "indirect":
            block.kind = "direct"  # a quotation set apart as a paragraph of its own
        return block
    end = forward_end(context, unit, start)
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
    return make(context, start, end, chars(doc, cue), speaker, pronoun)


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


def _object_before(context: Context, verb: int, k: int, mark: int) -> bool:
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


def _modifier_quoted(context: Context, k: int, mark: int) -> bool:
    """The quotation at token `mark` right after a noun phrase opening at token k, quoting
    a modifier ("un relogement « dans les plus brefs délais »"), not a clause, after a noun
    that is no day ("a déclaré mardi « nous … »")."""
    doc = context.doc
    if lower(doc[k]) in context.words.not_names or mark + 1 >= len(doc):
        return False
    if any(doc[j].is_punct for j in range(k, mark)):
        return False
    seg = _segment_at(context, doc[mark].idx)
    if seg is None or has_verb(doc, (seg.inner_start, seg.inner_end)):
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


def _forward_start(context: Context, verb: int, begin: int, unit: TokenRange) -> int | None:
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


def _after_colon(context: Context, k: int, unit: TokenRange, right_after: bool) -> int | None:
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
    if right_after and opens_paragraph(doc, nxt):
        while nxt < len(doc) - 1 and doc[nxt].text in OPENING_TOKENS:
            nxt += 1  # a mark that pairs with nothing is not part of the words
        return doc[nxt].idx
    return None


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


def _segment_at(context: Context, position: int) -> Segment | None:
    return context.starts.get(position)


def forward_end(context: Context, unit: TokenRange, start: int) -> int:
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


def _second_cue_after_quotation(context: Context, k: int, unit: TokenRange) -> bool:
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


def _closing_attribution(context: Context, k: int, unit: TokenRange) -> bool:
    """ ", selon une transcription de ses propos." up to the end of the unit."""
    match = preposition_at(context, k)
    if match is None:
        return False
    doc = context.doc
    return all(doc[j].text not in (",", ";") for j in range(k + match, unit[1]))


def _incise_cue_at(context: Context, k: int, unit: TokenRange) -> bool:
    """ ", a-t-il ajouté" / ", tout en assurant" / ", a-t-on appris": another cue starts
    here."""
    doc, words = context.doc, context.words
    for j in range(k, min(unit[1], k + 4)):
        if is_cue_verb(doc[j], words) or _hearsay_incise(doc, words, (k, j)):
            return True
        if doc[j].pos_ not in ("AUX", "ADV", "PRON", "SCONJ", "ADP") and not is_aux_like(
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
    context: Context, k: int, unit: TokenRange, juxtaposed: bool = True
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
