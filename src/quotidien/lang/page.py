"""The type of per-language page knowledge (furniture, headings, provider lines)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: News agencies, written as pages write them (a proper name reads the same in every language).
AGENCIES: tuple[str, ...] = (
    "AFP", "Agence France-Presse", "Reuters", "AP", "Associated Press", "Bloomberg", "dpa",
    "ANSA", "EFE", "Xinhua", "Belga", "ATS", "Keystone-ATS", "Kyodo", "PA", "PA Media",
    "Press Association", "UPI", "Media Services", "Relaxnews", "APM", "Anadolu", "TASS",
    "Interfax", "CNA", "AAP", "CP", "The Canadian Press", "La Presse canadienne",
)  # fmt: skip


def patterns(*sources: str) -> tuple[re.Pattern[str], ...]:
    """Compile data patterns once, case-insensitively (lines are matched whole or searched)."""
    return tuple(re.compile(source, re.IGNORECASE) for source in sources)


@dataclass(frozen=True)
class PageWords:
    #: Whole lines/link texts that are page furniture, compared case-insensitively.
    furniture: frozenset[str] = frozenset()
    #: Patterns for furniture lines that vary ("Publié le …" is not furniture; "Partager sur X" is).
    furniture_patterns: tuple[re.Pattern[str], ...] = ()
    #: Heading that opens the reader comments; group "count" holds the declared count if any.
    comments_heading: tuple[re.Pattern[str], ...] = ()
    #: Headings that open related-story teasers ("A lire aussi", "Read more").
    teasers_heading: tuple[re.Pattern[str], ...] = ()
    #: Provider/agency lines; group "provider" holds the name ("information fournie par AFP").
    provider_patterns: tuple[re.Pattern[str], ...] = ()
    #: Byline patterns; group "author".
    byline_patterns: tuple[re.Pattern[str], ...] = ()
    #: Frequent short words, for guessing the language of a text.
    stop_words: frozenset[str] = field(default_factory=frozenset)
    # --- text pages (extract/text.py) ---
    #: Photo credits; group "credit", optional group "caption" for the rest of the line
    #: ("Photo: Jane Doe/Reuters", "(Photo by X/Getty Images)", "Crédit photo : X").
    credit_patterns: tuple[re.Pattern[str], ...] = ()
    #: Prefixes that mark a line as an image caption ("Image caption, ", "Légende :").
    caption_markers: tuple[re.Pattern[str], ...] = ()
    #: Labels of the update time ("Mis à jour le", "Updated"); a date after one is `updated`.
    updated_labels: tuple[re.Pattern[str], ...] = ()
    #: Lines that close an article without being its text ("Reporting by …; Editing by …").
    trailer_patterns: tuple[re.Pattern[str], ...] = ()
    #: Teaser lines inside the body ("Lire aussi | Titre", "READ MORE: Title"); group "title".
    inline_teaser_patterns: tuple[re.Pattern[str], ...] = ()
    #: Link text closing a teaser ("… Lire la suite", "Read more"), removed from the teaser.
    read_more: tuple[re.Pattern[str], ...] = ()
    #: Headings after which nothing belongs to the article ("Les plus lus", "Top stories").
    end_headings: tuple[re.Pattern[str], ...] = ()
