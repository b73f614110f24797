"""The type of per-language date knowledge."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DateWords:
    #: Month names and abbreviations (lower case, without trailing dot) -> month number.
    months: dict[str, int] = field(default_factory=dict)
    #: Weekday names and abbreviations (lower case), to be skipped when reading a date.
    weekdays: frozenset[str] = frozenset()
    #: Relative-time patterns ("il y a 3 heures", "2 hours ago"); groups "n" and "unit".
    relative: tuple[re.Pattern[str], ...] = ()
    #: Unit words -> seconds per unit.
    units: dict[str, int] = field(default_factory=dict)
    #: Words for today / yesterday -> days back.
    days_back: dict[str, int] = field(default_factory=dict)
    #: Day-first (08/11/2023 is 8 November) or month-first (11/08/2023).
    day_first: bool = True
