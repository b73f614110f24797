"""Polish: date words only (see `Language.dates_only`)."""

from quotidien.lang import Language
from quotidien.lang.pl import dates

LANGUAGE = Language.dates_only("pl", "Polish", "Europe/Warsaw", dates.WORDS)
