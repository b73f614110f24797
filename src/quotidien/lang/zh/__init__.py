"""Chinese: date words only (see `Language.dates_only`)."""

from quotidien.lang import Language
from quotidien.lang.zh import dates

LANGUAGE = Language.dates_only("zh", "Chinese", "Asia/Shanghai", dates.WORDS)
