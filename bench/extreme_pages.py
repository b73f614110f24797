"""The extreme single pages of issue 22, point 4: seconds and memory of one `extract` each.

    .venv/bin/python bench/extreme_pages.py [NAME…]

No time budget (`page_seconds=0`), so the figures are the extractor's own.
"""

from __future__ import annotations

import resource
import sys
import time

import quotidien
from quotidien.settings import Settings

S = Settings(page_seconds=0)
text = "<p>" + "Un texte assez long pour un article de presse régionale. " * 20 + "</p>"
cases = {
    "script4MB": f"<html><body><article><h1>T</h1>{text}<script>" + "var a = 1;\n" * 400000,
    "style4MB": f"<html><body><article><h1>T</h1>{text}<style>" + "a{color:red}\n" * 300000,
    "imgs50k": f"<html><body><article><h1>T</h1>{text}"
    + "".join(f"<img src='/i{n}.jpg' alt='x'>" for n in range(50000))
    + "</article></body></html>",
    "figs20k": f"<html><body><article><h1>T</h1>{text}"
    + "".join(
        f"<figure><img src='/i{n}.jpg'><figcaption>Légende {n} (Photo X)</figcaption></figure>"
        for n in range(20000)
    )
    + "</article></body></html>",
    "attrs100k": "<html><body><article><h1 "
    + " ".join(f"a{n}='v'" for n in range(100000))
    + f">T</h1>{text}</article></body></html>",
    "br1M": f"<html><body><article><h1>T</h1>{text}"
    + "<br>" * 1000000
    + "</article></body></html>",
    "repeat290k": "<html><body>"
    + (f"<div class='x'><h2>Titre</h2>{text}<a href='/a'>Lire la suite</a></div>" * 250)
    + "</body></html>",
}
for name in sys.argv[1:] or cases:
    page = cases[name]
    t = time.time()
    try:
        a = quotidien.extract(page.encode(), settings=S)
        r = f"{len(a.blocks)} blocks"
    except Exception as e:
        r = f"{type(e).__name__}: {str(e)[:60]}"
    print(
        name,
        f"{len(page) / 1e6:.1f}MB",
        round(time.time() - t, 1),
        "s",
        r,
        f"rss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}MB",
        flush=True,
    )
