"""A pretrained encoder fine-tuned to tag attributions, mixed into the CRF's decoding.

all-MiniLM-L6-v2 (a 6-layer BERT, hidden size 384, uncased wordpieces) reads every spaCy
token in a window of about 250 wordpieces and gives a distribution over the CRF's BIO
labels. Its context reaches where the CRF's features do not: reported speech with no
quotation mark and no common cue verb. The encoder's labels and how sure it is of them are
features of a CRF (`features.py`, trained by `train.py --encoder`), which weighs them
against the parse, the quotation marks and the rules.

It is fine-tuned with torch (`train_encoder.py`, over the base weights of `encoder_torch.py`)
and then exported (`export_encoder.py`) as ONNX with its weights quantised to int8
(`NAME.encoder.onnx`, its tokenizer beside it). At run time ONNX Runtime runs that file: about
1.8 times as fast as torch on one core, and no torch in the process. The CRF that reads it is
fitted on that int8 model's output, so what it learned is what it is given.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from quotidien.errors import ModelUnavailableError

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from tokenizers import Tokenizer

#: The labels in the order of the encoder's outputs (the CRF knows the same ones).
LABELS = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON")
#: Wordpieces of a window whose tokens get labels, and of context before them.
CORE = 200
CONTEXT = 48
#: A token longer than this (a URL, a number run) is cut: only its first pieces matter.
MAX_PIECES = 8
CLS, SEP = "[CLS]", "[SEP]"
#: What the encoder reads for a spaCy whitespace token (paragraph breaks matter to quotes).
BREAK = "¶"
#: The exported model's inputs, in order.
INPUTS = ("input_ids", "attention_mask")
#: Threads of one encoder (see `read_encoder`).
THREADS = 1


@dataclass(frozen=True)
class Window:
    """Token range [context, end) fed at once; labels are read for [start, end)."""

    context: int
    start: int
    end: int


@dataclass(frozen=True)
class Encoder:
    tokenizer: Tokenizer
    #: Logits for a batch of windows: (input ids, attention mask) -> (rows, pieces, labels).
    logits: Callable[[np.ndarray, np.ndarray], np.ndarray]

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


def padded(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Input ids and attention mask (int64 arrays) for rows of different lengths."""
    longest = max(len(row) for row in rows)
    ids = np.zeros((len(rows), longest), dtype=np.int64)
    mask = np.zeros((len(rows), longest), dtype=np.int64)
    for k, row in enumerate(rows):
        ids[k, : len(row)] = row
        mask[k, : len(row)] = 1
    return ids, mask


def probabilities(encoder: Encoder, words: Sequence[str], starts: Sequence[bool]) -> np.ndarray:
    """One row per word: the encoder's distribution over `LABELS`. Each window is its own
    forward pass: padding a batch to its longest window cost more than the batching saved
    (the 520 windows of PolNeAR dev, one core: 13.6 s one by one, 18.5 s in padded batches
    of a text's windows), and a window's labels then do not depend on its batchmates
    (dynamic quantisation scales each input as a whole)."""
    out = np.zeros((len(words), len(LABELS)), dtype=np.float32)
    pieces = word_pieces(encoder.tokenizer, words) if words else []
    for window in windows([len(p) for p in pieces], starts):
        ids, firsts = window_input(encoder.tokenizer, pieces, window)
        row = softmax(encoder.logits(*padded([ids])))[0]
        out[window.start : window.end] = row[firsts]
    return out


def softmax(logits: np.ndarray) -> np.ndarray:
    exp = np.exp(logits - logits.max(axis=-1, keepdims=True))
    rows: np.ndarray = exp / exp.sum(axis=-1, keepdims=True)
    return rows


# -- loading ----------------------------------------------------------------------------


def checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tokenizer_path(model: Path) -> Path:
    """Where the tokenizer of the exported encoder `model` (`NAME.encoder.onnx`) is."""
    return model.with_suffix(".tokenizer.json")


def read_encoder(path: Path) -> Encoder:
    """The exported encoder at `path` (`NAME.encoder.onnx`, its tokenizer beside it), run by
    ONNX Runtime on one thread (a worker's share of the machine: the ingest pool runs one
    worker per core). Whatever goes wrong is a `ModelUnavailableError` naming it."""
    tokens = tokenizer_path(path)
    if not path.is_file() or not tokens.is_file():
        raise ModelUnavailableError(f"attribution encoder {path} (and {tokens.name}) not found")
    try:
        import onnxruntime
    except ImportError as error:
        raise ModelUnavailableError(f"{error}; pip install 'quotidien[encoder]'") from error
    try:
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = 1
        session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )
        tokenizer = read_tokenizer(tokens)
    except Exception as error:  # a damaged file: ONNX Runtime and tokenizers raise their own
        raise ModelUnavailableError(f"{path}: unreadable ({error})") from error
    if [i.name for i in session.get_inputs()] != list(INPUTS):
        raise ModelUnavailableError(f"{path}: not an exported attribution encoder")

    def logits(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        out: np.ndarray = session.run(None, {INPUTS[0]: ids, INPUTS[1]: mask})[0]
        return out

    return Encoder(tokenizer, logits)


def read_tokenizer(path: Path) -> Tokenizer:
    """The wordpiece tokenizer in the file `path`, without its truncation and padding."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()  # the sentence model's file caps at 128 pieces
    tokenizer.no_padding()
    return tokenizer
