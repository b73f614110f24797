"""Russian: date words only (see `Language.dates_only`)."""

from quotidien.lang import Language
from quotidien.lang.ru import dates

LANGUAGE = Language.dates_only("ru", "Russian", "Europe/Moscow", dates.WORDS)
