"""The type of per-language page knowledge (furniture, headings, provider lines)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


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
