"""fr data: dates."""

from quotidien.lang.dates import DateWords

WORDS = DateWords()
