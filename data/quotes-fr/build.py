"""Build the brat standoff files of the French attribution set from its inline sources.

    .venv/bin/python data/quotes-fr/build.py [--check]

Each `inline/NAME.txt` is an article whose attributions are marked in place:
`[[S1:source]]`, `[[V1:cue]]`, `[[C1:content]]` (S source, V cue, C content; the number ties
the three roles of one attribution; a role written twice under one number is one
discontinuous span, as a content interrupted by its incise). The build writes
`text/NAME.txt` (the article without the marks) and `attributions/NAME_quotidien.ann`
(PolNeAR's layout: Source, Cue and Content text-bound spans and an Attribution event tying
them), which `quotidien.nlp.brat.documents` reads. `--check` fails when a committed file
differs from what the sources give.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\[\[([SVC])(\d+):(.*?)\]\]", re.DOTALL)
ROLES = {"S": "Source", "V": "Cue", "C": "Content"}


class SourceError(ValueError):
    """An inline source that cannot be turned into brat, with the file and the reason."""


def parse(name: str, marked: str) -> tuple[str, dict[int, dict[str, list[tuple[int, int]]]]]:
    """The plain text of `marked` and each attribution's spans by role letter."""
    text: list[str] = []
    length = 0
    spans: dict[int, dict[str, list[tuple[int, int]]]] = {}
    position = 0
    for match in MARK.finditer(marked):
        before = marked[position : match.start()]
        text.append(before)
        length += len(before)
        role, number, inner = match.group(1), int(match.group(2)), match.group(3)
        if "[[" in inner or not inner.strip() or inner != inner.strip():
            raise SourceError(f"{name}: mark {match.group(0)[:40]!r} is empty, nested or padded")
        spans.setdefault(number, {}).setdefault(role, []).append((length, length + len(inner)))
        text.append(inner)
        length += len(inner)
        position = match.end()
    text.append(marked[position:])
    plain = "".join(text)
    if "[[" in plain or "]]" in plain:
        raise SourceError(f"{name}: a mark is not closed or not of the form [[S1:…]]")
    for number, roles in spans.items():
        if "C" not in roles:
            raise SourceError(f"{name}: attribution {number} has no content")
        for role in ("S", "V"):
            if len(roles.get(role, [])) > 1:
                raise SourceError(f"{name}: attribution {number} has two {ROLES[role]} spans")
    return plain, spans


def ann(plain: str, spans: dict[int, dict[str, list[tuple[int, int]]]]) -> str:
    lines: list[str] = []
    count = 0
    for number in sorted(spans):
        args = []
        for role in ("S", "V", "C"):
            ranges = spans[number].get(role)
            if not ranges:
                continue
            count += 1
            where = ";".join(f"{a} {b}" for a, b in ranges)
            shown = " ".join(plain[a:b] for a, b in ranges).replace("\n", " ")
            lines.append(f"T{count}\t{ROLES[role]} {where}\t{shown}")
            args.append(f"{ROLES[role]}:T{count}")
        lines.append(f"E{number}\tAttribution:T{count} {' '.join(args)}")
    return "\n".join(lines) + "\n"


def outputs() -> dict[Path, str]:
    out: dict[Path, str] = {}
    for path in sorted((HERE / "inline").glob("*.txt")):
        plain, spans = parse(path.name, path.read_text(encoding="utf-8"))
        out[HERE / "text" / path.name] = plain
        out[HERE / "attributions" / f"{path.stem}_quotidien.ann"] = ann(plain, spans)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    try:
        built = outputs()
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    stale = [p for p, t in built.items() if not p.exists() or p.read_text(encoding="utf-8") != t]
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(HERE)}", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(exist_ok=True)
        path.write_text(built[path], encoding="utf-8")
    anns = [text for path, text in built.items() if path.suffix == ".ann"]
    attributions = sum(line.startswith("E") for text in anns for line in text.splitlines())
    print(f"{len(built) // 2} articles, {attributions} attributions; {len(stale)} files written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
