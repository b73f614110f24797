"""fr data: page."""

from quotidien.lang.page import PageWords

WORDS = PageWords()
