"""Writing small brat corpora from inline markup, for the training and reading tests.

`[S1 Haley Morris] [C1 says] [Q1 the campaign is lean]`: S source, C cue, Q content, the
digit tying the parts of one attribution; pieces sharing a digit and role form one
discontinuous span.
"""

from __future__ import annotations

import re
from pathlib import Path

MARK = re.compile(r"\[([SCQ])(\d+) ([^\]]+)\]")
ROLES = {"S": "Source", "C": "Cue", "Q": "Content"}


def parse(markup: str) -> tuple[str, dict[tuple[str, str], list[tuple[int, int]]]]:
    """The plain text and, per (attribution number, role), its character ranges."""
    text, spans, last = "", {}, 0
    for match in MARK.finditer(markup):
        text += markup[last : match.start()]
        start = len(text)
        text += match.group(3)
        spans.setdefault((match.group(2), ROLES[match.group(1)]), []).append((start, len(text)))
        last = match.end()
    return text + markup[last:], spans


def write(folder: Path, name: str, markup: str, annotator: str = "a1") -> str:
    """Write `text/NAME.txt` and `attributions/NAME_ANNOTATOR.ann`; return the text."""
    text, spans = parse(markup)
    (folder / "text").mkdir(parents=True, exist_ok=True)
    (folder / "attributions").mkdir(parents=True, exist_ok=True)
    (folder / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    lines, ids = [], {}
    for n, ((number, role), ranges) in enumerate(sorted(spans.items()), start=1):
        chunk = ";".join(f"{a} {b}" for a, b in ranges)
        covered = " ".join(text[a:b] for a, b in ranges)
        lines.append(f"T{n}\t{role} {chunk}\t{covered}")
        ids.setdefault(number, []).append(f"{role}:T{n}")
    for k, parts in enumerate((ids[number] for number in sorted(ids)), start=1):
        lines.append(f"E{k}\t{' '.join(parts)}")
    (folder / "attributions" / f"{name}_{annotator}.ann").write_text(
        "\n".join(lines) + "\n", encoding="utf-8"
    )
    return text
