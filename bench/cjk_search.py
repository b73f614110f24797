"""Search recall on Chinese words inside runs of characters (issue 22, point 6).

    .venv/bin/python bench/cjk_search.py

The Chinese DAniEL pages (../shared/data/daniel) are ingested without nlp into a fresh
corpus; for each word, the articles whose stored text holds it are the truth, and the
articles `search` (all pages of it, every copy) returns are compared with them.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from daniel import pages
from quotidien.corpus import Corpus

HOLDING = (
    "SELECT id FROM articles WHERE "
    "instr(coalesce(title, '') || ' ' || coalesce(lead, '') || ' ' || coalesce(body, ''), ?) > 0"
)
WORDS = ["政府", "中国", "北京", "经济", "美国", "记者", "发展", "国家主席"]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for page in pages(languages={"zh"}):
            (folder / f"{page.name}.html").write_bytes(page.html)
        with Corpus(Path(tmp) / "zh.db") as corpus:
            report = corpus.ingest([str(folder)], nlp=False, workers=2)
            print(f"{report.added} Chinese DAniEL articles stored ({report.failed} failed).\n")
            print("| word | articles holding it | found | recall | precision |")
            print("|---|---|---|---|---|")
            with sqlite3.connect(Path(tmp) / "zh.db") as db:
                for word in WORDS:
                    truth = {row[0] for row in db.execute(HOLDING, (word,))}
                    found = {stored.id for stored in corpus.selection("articles", word)}
                    hit = len(truth & found)
                    recall = hit / len(truth) if truth else 1.0
                    precision = hit / len(found) if found else 1.0
                    print(
                        f"| {word} | {len(truth)} | {len(found)} | {recall:.3f} | {precision:.3f} |"
                    )


if __name__ == "__main__":
    main()
