"""The type of per-language quotation knowledge."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class QuoteWords:
    #: Lemmas of verbs that introduce reported speech or thought ("dire", "say").
    cue_verbs: frozenset[str] = frozenset()
    #: Prepositional cues ("selon", "d'après", "according to").
    cue_prepositions: tuple[str, ...] = ()
    #: Subject pronouns -> grammatical gender ("m", "f", "n", "p" plural).
    pronouns: dict[str, str] = field(default_factory=dict)
    #: Titles and roles that may stand for a person ("président", "ministre", "president").
    titles: frozenset[str] = frozenset()
