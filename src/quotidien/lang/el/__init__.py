"""Greek: date words only (see `Language.dates_only`)."""

from quotidien.lang import Language
from quotidien.lang.el import dates

LANGUAGE = Language.dates_only("el", "Greek", "Europe/Athens", dates.WORDS)
