"""el data: dates ("8 Νοεμβρίου 2023, 15:35", "πριν από 3 ώρες", "χθες στις 18:00").

Month and weekday names are given with and without their accents: pages written in
capitals drop them ("8 ΝΟΕΜΒΡΙΟΥ 2023" reads as "8 νοεμβριου 2023" in lower case)."""

import unicodedata

from quotidien.lang.dates import COMMON_ZONES, DateWords


def _with_bare(words: dict[str, int]) -> dict[str, int]:
    """`words` and the same words without their accents."""
    bare = {
        "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c)): n
        for w, n in words.items()
    }
    return {**bare, **words}


_MONTHS = _with_bare({
    "ιανουαρίου": 1, "ιανουάριος": 1, "ιαν": 1,
    "φεβρουαρίου": 2, "φεβρουάριος": 2, "φεβ": 2,
    "μαρτίου": 3, "μάρτιος": 3, "μαρ": 3,
    "απριλίου": 4, "απρίλιος": 4, "απρ": 4,
    "μαΐου": 5, "μαίου": 5, "μάιος": 5, "μαϊ": 5,
    "ιουνίου": 6, "ιούνιος": 6, "ιουν": 6,
    "ιουλίου": 7, "ιούλιος": 7, "ιουλ": 7,
    "αυγούστου": 8, "αύγουστος": 8, "αυγ": 8,
    "σεπτεμβρίου": 9, "σεπτέμβριος": 9, "σεπ": 9,
    "οκτωβρίου": 10, "οκτώβριος": 10, "οκτ": 10,
    "νοεμβρίου": 11, "νοέμβριος": 11, "νοε": 11,
    "δεκεμβρίου": 12, "δεκέμβριος": 12, "δεκ": 12,
})  # fmt: skip

_WEEKDAYS = _with_bare({
    "δευτέρα": 0, "τρίτη": 1, "τετάρτη": 2, "πέμπτη": 3, "παρασκευή": 4, "σάββατο": 5,
    "κυριακή": 6,
})  # fmt: skip

_MINUTE, _HOUR, _DAY = 60, 3600, 86400

_UNITS = _with_bare({
    "δευτερόλεπτα": 1, "δευτερόλεπτο": 1,
    "λεπτά": _MINUTE, "λεπτό": _MINUTE,
    "ώρα": _HOUR, "ώρες": _HOUR,
    "ημέρα": _DAY, "ημέρες": _DAY, "μέρα": _DAY, "μέρες": _DAY,
    "εβδομάδα": 7 * _DAY, "εβδομάδες": 7 * _DAY,
    "μήνα": 30 * _DAY, "μήνες": 30 * _DAY,
    "χρόνο": 365 * _DAY, "χρόνια": 365 * _DAY,
})  # fmt: skip

WORDS = DateWords(
    months=_MONTHS,
    weekdays=_WEEKDAYS,
    units=_UNITS,
    days_back=_with_bare({"σήμερα": 0, "χθες": 1, "χτες": 1, "προχθές": 2}),
    day_first=True,
    numbers=_with_bare({"μία": 1, "ένα": 1, "δύο": 2, "τρεις": 3, "τρία": 3}),
    ago_before=("πριν από", "πριν απο", "πριν"),
    time_connectors=("στις", "και ώρα"),
    zones=dict(COMMON_ZONES),
)
