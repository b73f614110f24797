"""Which language a text is in."""

from __future__ import annotations

import re
from functools import cache

_LANG_ATTR = re.compile(r"^([a-z]{2,3})\b", re.IGNORECASE)


def normalise(code: str | None) -> str | None:
    """'fr-FR', 'FR', 'fr_CA' -> 'fr'; anything unreadable -> None."""
    if not code:
        return None
    match = _LANG_ATTR.match(code.strip().replace("_", "-"))
    return match.group(1).lower() if match else None


@cache
def _identifier() -> object:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    # The model ships inside the package: nothing is downloaded.
    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect(text: str, hint: str | None = None) -> str | None:
    """The language of `text`: the identifier's guess, or `hint` when the text is too short.

    `hint` (e.g. the page's `lang` attribute) wins when the identifier is unsure, since
    pages declare their language correctly far more often than not.
    """
    hint = normalise(hint)
    sample = text[:5000]
    if len(sample.split()) < 8:
        return hint
    code, prob = _identifier().classify(sample)  # type: ignore[attr-defined]
    if hint and (prob < 0.9 or code == hint):
        return hint
    return str(code)
