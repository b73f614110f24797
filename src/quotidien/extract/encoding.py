"""Bytes -> text, in whatever encoding the page used, declared or not, right or wrong."""

from __future__ import annotations

import codecs
import re
import unicodedata

# Browsers read these labels as their supersets; so do we (WHATWG Encoding Standard).
_SUPERSETS = {
    "iso-8859-1": "windows-1252",
    "latin-1": "windows-1252",
    "latin1": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
    "iso-8859-9": "windows-1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "shift_jis": "cp932",
    "tis-620": "cp874",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.\-]+)""")

#: Magic numbers of formats that are not pages, to refuse them by name.
BINARY_SIGNATURES: dict[bytes, str] = {
    b"%PDF-": "a PDF document",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an office document)",
    b"\x1f\x8b": "gzip-compressed data",
    b"RIFF": "a RIFF media file",
    b"\x00\x00\x00": "binary data",
    b"ID3": "an MP3 file",
    b"OggS": "an Ogg media file",
    b"\x7fELF": "an executable",
}


def binary_kind(data: bytes) -> str | None:
    """What `data` is when it is plainly not a text page, else None."""
    sample = data[:4096]
    if _bom(sample) or wide_unicode(sample):
        return None
    head = data[:16]
    for magic, what in BINARY_SIGNATURES.items():
        if head.startswith(magic):
            return what
    # A stray NUL or two is a damaged page, not a binary file; a binary file is full of
    # control bytes that text never holds.
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample.count(b"\x00") > max(len(sample) // 100, 2) or controls > len(sample) // 20:
        return "binary data"
    return None


_CONTROL_BYTES = bytes([*range(9), *range(14, 32), 127])


#: Byte-order marks, the four-byte ones first (UTF-32-LE's starts with UTF-16-LE's).
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _bom(sample: bytes) -> str | None:
    return next((codec for bom, codec in _BOMS if sample.startswith(bom)), None)


def wide_unicode(sample: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where the zero bytes fall: in
    text that is mostly ASCII (markup is), each character's high bytes are zero."""
    sample = sample[: len(sample) // 4 * 4]
    if len(sample) < 16:
        return None
    for codec, width, zeros in (
        ("utf-32-le", 4, (1, 2, 3)), ("utf-32-be", 4, (0, 1, 2)),
        ("utf-16-le", 2, (1,)), ("utf-16-be", 2, (0,)),
    ):  # fmt: skip
        units = len(sample) // width
        if all(sample[at::width].count(0) >= 0.9 * units for at in zeros):
            others = [at for at in range(width) if at not in zeros]
            if all(sample[at::width].count(0) < 0.1 * units for at in others):
                return codec
    return None


def declared_encoding(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (meta tag or XML declaration)."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not match:
        return None
    return normalise(match.group(1).decode("ascii", "ignore"))


def normalise(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when Python knows no such codec."""
    if not label:
        return None
    label = label.strip().lower()
    label = _SUPERSETS.get(label, label)
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # rot-13, base64, hex, zlib… are codecs but not text encodings: no page is in them.
    return info.name if getattr(info, "_is_text_encoding", True) else None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str, str | None]:
    """Decode page bytes. Returns (text, encoding used, warning or None).

    Order: byte-order mark (or UTF-16/32 told by its zero bytes); strict UTF-8 (bytes that
    decode as UTF-8 and are not plain ASCII are UTF-8 whatever the page claims, the
    commonest wrong declaration); the
    declared charset (`declared`, e.g. from HTTP, else the page's own meta tag); detection
    by charset-normalizer; UTF-8 with replacement characters as the last resort.
    """
    if codec := _bom(data[:4]) or wide_unicode(data[:4096]):
        return data.decode(codec, errors="replace"), codec.replace("-sig", ""), None
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    claimed = normalise(declared) or declared_encoding(data)
    if claimed and claimed != "utf-8":
        try:
            return data.decode(claimed), claimed, None
        except UnicodeDecodeError:
            pass
    guessed = _best_guess(data, claimed)
    if guessed:
        warning = f"charset declared as {claimed} but read as {guessed}" if claimed else None
        return data.decode(guessed, errors="replace"), guessed, warning
    return data.decode("utf-8", errors="replace"), "utf-8", "undecodable bytes replaced"


# Western single-byte charsets: by far the commonest undeclared or misdeclared ones on
# French and English sites. charset-normalizer is unreliable on short pages, so these
# compete with its guess on how plausible the decoded text looks.
_WESTERN = ("windows-1252", "iso8859-15")
_UNLIKELY = set("¤¦¨´¸¼½¾\x80\x81\x8d\x8f\x90\x9d")


def _plausibility(text: str) -> float:
    odd = [ch for ch in text if ord(ch) > 127]
    if not odd:
        return 1.0
    good = sum(1 for ch in odd if ch.isalpha() or ch in "«»’‘“”–—…€°·•")
    bad = sum(1 for ch in odd if ch in _UNLIKELY or unicodedata.category(ch) == "Cc")
    return (good - 3 * bad) / len(odd)


def _accent_ratio(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if ord(ch) > 127) / len(letters) if letters else 0.0


def _best_guess(data: bytes, claimed: str | None) -> str | None:
    sample = data[:200_000]
    candidates = [c for c in (*_WESTERN, _detect(sample)) if c and c != claimed]
    scored = []
    for codec in dict.fromkeys(candidates):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if codec in _WESTERN and _accent_ratio(text) > 0.3:
            score -= 1.0  # Cyrillic or Greek bytes read as accented Latin letters
        scored.append((score, codec))
    return max(scored)[1] if scored else None


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return normalise(best.encoding) if best else None
