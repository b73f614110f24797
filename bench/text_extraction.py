"""Text pages: body F1 from pages flattened to text against the same pages' HTML path.

Each development page (`devsets.py`: DAniEL, L3S-GN1, Dragnet, Readability) is flattened
with inscriptis (a text renderer that keeps captions and list bullets as a browser shows
them), then read by quotidien's text extractor; the same page's HTML goes through
quotidien's HTML extractor in the same run. Both are scored as `extraction.py` scores a
tool (`score`: primary F1, title + body where the reference holds the headline), per set
and per language; the goal is the text path within 0.05 of the HTML path everywhere.

    flock /tmp/quotidien-heavy.lock .venv/bin/python bench/text_extraction.py
        [--sets daniel,l3s-gn1,dragnet,readability] [--limit N] [--wrap COLUMNS]

`--wrap N` hard-wraps the flattened text at N columns (as `fold -s` or a mail client
writes text); `--limit N` takes N pages of each set, spread over it.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
import time
import warnings
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inscriptis import get_text
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.model.config import ParserConfig

import devsets
from extraction import Output, Score, output, primary_f1, score
from quotidien.errors import InputError
from quotidien.extract.core import extract_page, page_text
from quotidien.model import Page, Source

_CONFIG = ParserConfig(css=CSS_PROFILES["relaxed"], display_images=False)
PATHS = ("text", "html")
_XML_DECLARATION = re.compile(r"<\?xml[^>]*\?>")


def flatten(html: bytes) -> str:
    text, _, _ = page_text(Page(data=html, source=Source(kind="html")))
    # lxml refuses a decoded string that still declares its encoding (XHTML pages), even
    # a declaration gone wrong (one L3S-GN1 page's runs on into its keywords)
    text = _XML_DECLARATION.sub("", text)
    try:
        return get_text(text, _CONFIG)
    except ValueError:
        return get_text(text[text.find(">") + 1 :], _CONFIG)


def read(data: str | bytes, kind: str) -> Output:
    try:
        return output(extract_page(Page(data=data, source=Source(kind=kind)), kind=kind))  # type: ignore[arg-type]
    except InputError:
        return Output()


def run(sets: list[str], limit: int | None, wrap: int) -> None:
    scores: dict[tuple[str, str, str], list[Score]] = defaultdict(list)
    seconds: dict[str, float] = defaultdict(float)
    pages: dict[str, int] = defaultdict(int)
    for name in sets:
        for page in devsets.pages(name, limit):
            pages[name] += 1
            flat = flatten(page.html)
            if wrap:
                flat = "\n".join(textwrap.fill(line, wrap) for line in flat.split("\n"))
            for path, data in (("text", flat), ("html", page.html)):
                begin = time.perf_counter()
                out = read(data, path)
                seconds[path] += time.perf_counter() - begin
                scored = score(f"quotidien {path}", page, out)
                scores[path, name, page.language].append(scored)
                scores[path, name, "all"].append(scored)
    report(scores, seconds, pages)


def report(
    scores: dict[tuple[str, str, str], list[Score]],
    seconds: dict[str, float],
    pages: dict[str, int],
) -> None:
    print("| set | language | pages | text path F1 | HTML path F1 | text − HTML |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    groups = sorted({(s, g) for _, s, g in scores}, key=lambda k: (k[0], k[1] != "all", k[1]))
    for name, group in groups:
        text = primary_f1(scores["text", name, group])
        html = primary_f1(scores["html", name, group])
        size = len(scores["text", name, group])
        print(f"| {name} | {group} | {size} | {text:.3f} | {html:.3f} | {text - html:+.3f} |")
    total = sum(pages.values())
    print()
    for path in PATHS:
        print(f"quotidien {path} path: {seconds[path]:.1f} s, {total / seconds[path]:.1f} pages/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="daniel,l3s-gn1,dragnet,readability")
    parser.add_argument("--limit", type=int, default=None, help="N pages of each set")
    parser.add_argument("--wrap", type=int, default=0, help="hard-wrap the text at N columns")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")  # dateutil's and others' warnings on odd pages
    run(args.sets.split(","), args.limit, args.wrap)


if __name__ == "__main__":
    main()
