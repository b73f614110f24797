"""The DAniEL development pages (../shared/data/daniel): page bytes, reference text, language."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
DANIEL = ROOT.parent / "shared" / "data" / "daniel"

LANGS = {"English": "en", "Chinese": "zh", "Polish": "pl", "Greek": "el", "Russian": "ru"}


@dataclass(frozen=True)
class DanielPage:
    name: str
    language: str
    html: bytes
    reference: str


def reference_text(path: Path) -> str:
    """The reference's paragraphs as text, one per line (tags stripped)."""
    raw = path.read_bytes()
    if not raw.strip():
        return ""
    tree = lxml.html.fromstring(raw.decode("utf-8", errors="replace"))
    paragraphs = [re.sub(r"\s+", " ", p.text_content()).strip() for p in tree.iter("p")]
    text = "\n".join(p for p in paragraphs if p)
    return text or re.sub(r"\s+", " ", tree.text_content()).strip()


def pages(limit: int | None = None, languages: set[str] | None = None) -> Iterator[DanielPage]:
    if not DANIEL.exists():
        raise SystemExit(f"DAniEL data not found at {DANIEL} (it lives in ../shared/)")
    langs = json.loads((DANIEL / "doc_lg.json").read_text())
    count = 0
    for path in sorted((DANIEL / "html").glob("*.html.gz")):
        name = path.name.removesuffix(".html.gz")
        lang = LANGS.get(langs.get(name, ""), "other")
        if languages and lang not in languages:
            continue
        ref = DANIEL / "reference" / f"{name}.html"
        if not ref.exists():
            continue
        yield DanielPage(name, lang, gzip.decompress(path.read_bytes()), reference_text(ref))
        count += 1
        if limit and count >= limit:
            return
