"""Chinese and Japanese in the search index. Their words are not separated by spaces, so a
word tokenizer makes a whole run of characters one token, and 政府 inside 中国政府发布 is
never found. Such runs are indexed a second time as overlapping pairs of characters
(中国 国政 政府 府发 发布) in a table of their own, and a query's runs become phrases of
pairs: a word of two characters or more is found wherever it stands."""

from __future__ import annotations

import re

from quotidien.store.base import MARK_END, MARK_START

#: Kana, CJK ideographs (with extension A and compatibility ideographs), bopomofo.
_RUN = re.compile(r"[\u3040-\u30ff\u3105-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def has_cjk(text: str) -> bool:
    return _RUN.search(text) is not None


def bigrams(text: str) -> str:
    """The pairs of every run of `text`, separated by spaces ("" when there is no run)."""
    return " ".join(pair for run in _RUN.findall(text) for pair in pairs(run))


def pairs(run: str) -> list[str]:
    return [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]


def split_query(text: str) -> tuple[str, list[str]]:
    """`text` without its CJK runs, and an FTS5 phrase of pairs for each run (a lone
    character: the pairs it starts)."""
    phrases = []
    for run in _RUN.findall(text):
        two = pairs(run)
        phrases.append(f'"{two[0]}" *' if len(run) == 1 else '"' + " ".join(two) + '"')
    return _RUN.sub(" ", text), phrases


def runs(text: str) -> list[str]:
    return _RUN.findall(text)


def snippet(text: str, runs: list[str], width: int = 40) -> str:
    """Some characters around the first run found in `text`, every run marked."""
    places = [at for run in runs if (at := text.find(run)) >= 0]
    if not places:
        return ""
    start = max(min(places) - width, 0)
    piece = " ".join(text[start : min(places) + width * 2].split())
    for run in sorted(set(runs), key=len, reverse=True):
        piece = piece.replace(run, f"{MARK_START}{run}{MARK_END}")
    return ("…" if start else "") + piece + "…"
