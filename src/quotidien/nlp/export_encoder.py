"""Exporting the fine-tuned attribution encoder to the int8 ONNX file that runs.

    python -m quotidien.nlp.export_encoder [--folder DIR] [--lang en]

reads `DIR/attribution-LANG.encoder.safetensors` (from `train_encoder.py`) over the installed
base weights, and writes beside it `attribution-LANG.encoder.onnx` — the whole token
classifier, its weights quantised to int8 per output channel (ONNX Runtime's dynamic
quantisation) — and `attribution-LANG.encoder.tokenizer.json`. DIR defaults to the shipped
models. Per channel, because one scale per matrix changed the best label of 4.4% of the
tokens of PolNeAR dev texts, per channel 1.5%. The CRF that reads the encoder is then
fitted on this file's output (`train.py --encoder`). Needs the `train` extra; seconds.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

from quotidien.errors import ModelUnavailableError
from quotidien.nlp import encoder, encoder_torch
from quotidien.nlp.attribution import MODELS

#: ONNX operator set of the export (ONNX Runtime 1.31 runs up to 23).
OPSET = 17
#: Metadata key of the exported file: the checksum of the weights it was exported from.
SOURCE_KEY = "source_sha256"
#: The inputs' and output's dimensions that vary: windows per batch, pieces per window.
AXES = {0: "windows", 1: "pieces"}


def export(tuned: Path, out: Path) -> None:
    """Write the int8 ONNX model of the tuned encoder `tuned` to `out`, and its tokenizer."""
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model = encoder_torch.read_tuned(tuned)
    # Plain attention: torch's fused kernel exports with NaN guards (IsNaN, Where) that
    # took a seventh of ONNX Runtime's time, for the same outputs.
    model.set_attn_implementation("eager")
    example = torch.ones((2, 16), dtype=torch.int64)
    with tempfile.TemporaryDirectory() as scratch:
        full = Path(scratch) / "full.onnx"
        with warnings.catch_warnings():  # the tracer's notes on BERT's masking code, and
            warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation
            _export(model, example, full)
        quantised = Path(scratch) / "int8.onnx"
        quantize_dynamic(full, quantised, weight_type=QuantType.QInt8, per_channel=True)
        graph = onnx.load(str(quantised))
        onnx.helper.set_model_props(graph, {SOURCE_KEY: encoder.checksum(tuned)})
        onnx.save(graph, str(out))
    shutil.copyfile(encoder_torch.base_folder() / "tokenizer.json", encoder.tokenizer_path(out))


def _export(model: object, example: object, path: Path) -> None:
    import torch

    torch.onnx.export(
        model,  # type: ignore[arg-type]
        (example, example),
        str(path),
        input_names=list(encoder.INPUTS),
        output_names=["logits"],
        dynamic_axes=dict.fromkeys((*encoder.INPUTS, "logits"), AXES),
        opset_version=OPSET,
        dynamo=False,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folder", type=Path, default=MODELS)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args(argv)
    tuned = args.folder / f"attribution-{args.lang}.encoder.safetensors"
    out = tuned.with_suffix(".onnx")
    try:
        export(tuned, out)
    except ModelUnavailableError as error:
        print(error, file=sys.stderr)
        return 2
    except ImportError as error:
        print(f"{error}; pip install 'quotidien[train]'", file=sys.stderr)
        return 2
    print(f"{out}: {out.stat().st_size >> 20} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
