"""Fine-tuning the attribution encoder of a language (see `encoder.py`).

    python -m quotidien.nlp.train_encoder ../shared/data/polnear/train --lang en

reads the corpus as `train.py` does (same spaCy tokens, same gold BIO labels), fine-tunes
the installed MiniLM's layers (not its word embeddings) as a token classifier, and writes
`src/quotidien/models/attribution-LANG.encoder.safetensors` (the tuned layers, half
precision) and `.encoder.json` (how it was made, the base weights' checksum); then
`python -m quotidien.nlp.export_encoder` writes the int8 ONNX file that runs, and
`python -m quotidien.nlp.train … --encoder` fits the CRF that reads it. Needs the `train`
extra. About an hour and a half on PolNeAR train with two cores (three epochs); a checkpoint
is written every `SAVE_EVERY` steps and a stopped run started again with the same arguments
goes on from it.

`--layers 3 --teacher FILE.safetensors` trains a smaller student of a tuned six-layer
encoder instead: it starts from the teacher's every other layer and learns the teacher's
distributions beside the gold labels (`--distil`, the teacher's share of the loss);
`--transfer DIR` adds plain texts (`*.txt`, no annotation) on which it learns the teacher's
distributions alone, more of what the teacher knows than the corpus shows. Half
the layers run in half the time, but on PolNeAR dev such a student of the shipped encoder
scored lower on every F1 and on speaker accuracy, with or without 614 news texts to transfer
(bench/RESULTS.md, eighteenth session), so it is not what ships.
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quotidien import lang
from quotidien.errors import ModelUnavailableError
from quotidien.nlp import encoder, encoder_torch, train

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from tokenizers import Tokenizer

#: Steps between checkpoints.
SAVE_EVERY = 50


@dataclass(frozen=True)
class Settings:
    #: Three: on the held-out fifth of PolNeAR train they beat two on every measure
    #: (exact source F1 +0.010, content F1 +0.004; bench/RESULTS.md, eighth session).
    epochs: float = 3.0
    #: Bottom layers left as they are (of 6); the others and the classifier are tuned.
    #: All six are tuned: on a held-out fifth of PolNeAR train that beat tuning the top
    #: three by 0.015 content F1 and 0.011 speaker accuracy (bench/RESULTS.md).
    frozen_layers: int = 0
    learning_rate: float = 1e-4
    batch: int = 16
    seed: int = 0
    #: Layers of the model (of the base's 6, evenly spaced: 3 keeps 0, 2 and 4).
    layers: int = 6
    #: A tuned encoder (`.safetensors`) to distil: the model starts from its layers and
    #: learns its distributions as well as the gold labels. Empty: from the base weights.
    teacher: str = ""
    #: With a teacher, the share of the loss that is matching it (the rest is the gold).
    distil: float = 0.5
    #: With a teacher, a folder of plain texts (`*.txt`, no annotation) it labels for the
    #: student beside the corpus: more of what the teacher knows to learn from.
    transfer: str = ""


#: The label of a token's first piece in a text with no annotation (`--transfer`): the
#: teacher's distribution is learned there, no gold label.
UNLABELLED = -1


def samples(
    examples: list[train.Example], tokenizer: Tokenizer
) -> list[tuple[list[int], list[int]]]:
    """(wordpiece ids, label per piece; -100 where no label is learned) per window."""
    out: list[tuple[list[int], list[int]]] = []
    for example in examples:
        labels = [encoder.LABELS.index(label) for label in example.labels]
        out.extend(_windows(example.doc, labels, tokenizer))
    return out


def transfer_samples(
    folder: Path, code: str, tokenizer: Tokenizer
) -> list[tuple[list[int], list[int]]]:
    """The windows of the texts in `folder`, their tokens' first pieces `UNLABELLED`."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]
    out: list[tuple[list[int], list[int]]] = []
    for doc in train.parse(texts, code):
        out.extend(_windows(doc, [UNLABELLED] * len(doc), tokenizer))
    return out


def _windows(
    doc: Doc, labels: list[int], tokenizer: Tokenizer
) -> Iterator[tuple[list[int], list[int]]]:
    pieces = encoder.word_pieces(tokenizer, [token.text for token in doc])
    for window in encoder.windows([len(p) for p in pieces], encoder.sentence_starts(doc)):
        ids, firsts = encoder.window_input(tokenizer, pieces, window)
        row = [-100] * len(ids)
        for position, token in zip(firsts, range(window.start, window.end), strict=True):
            row[position] = labels[token]
        yield ids, row


def teacher_targets(data: list[tuple[list[int], list[int]]], teacher: Path) -> list[Any]:
    """The teacher's distribution over `LABELS` at each labelled piece of each window
    (zeros elsewhere), computed before the student's training (again when it resumes)."""
    import torch

    logits = encoder_torch.as_encoder(encoder_torch.read_tuned(teacher)).logits
    out = []
    for ids, labels in data:
        rows = torch.from_numpy(encoder.softmax(logits(*encoder.padded([ids])))[0])
        rows[torch.tensor(labels) == -100] = 0.0
        out.append(rows)
    return out


def fine_tune(
    data: list[tuple[list[int], list[int]]],
    settings: Settings,
    checkpoint: Path,
    run: dict[str, object] | None = None,
    targets: list[Any] | None = None,
) -> Any:
    """The fine-tuned model. `run` names the data (corpus, held-out share): a checkpoint is
    resumed only by a run with the same data and settings. With `targets` (the teacher's
    distributions, `teacher_targets`), a student of `settings.teacher`."""
    import torch
    from rich.progress import Progress

    torch.manual_seed(settings.seed)
    start = Path(settings.teacher) if settings.teacher else None
    model = encoder_torch.new_model(encoder_torch.base_folder(), settings.layers, start)
    tuned = _tuned_parameters(model, settings.frozen_layers)
    optimizer = torch.optim.AdamW(tuned, lr=settings.learning_rate, weight_decay=0.01)
    total = math.ceil(len(data) / settings.batch * settings.epochs)
    warmup = max(1, int(0.06 * total))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, step / warmup) * max(0.0, 1 - step / total)
    )
    identity = {**asdict(settings), **(run or {}), "samples": len(data), "steps": total}
    step = _resume(checkpoint, model, optimizer, schedule, identity)
    order = _batches(len(data), settings, total)
    model.train()
    with Progress() as progress:
        task = progress.add_task("fine-tuning", total=total, completed=step)
        for batch in order[step:]:
            loss = _loss(model, data, batch, targets, settings.distil)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(tuned, 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            progress.update(task, advance=1, description=f"fine-tuning, loss {loss.item():.3f}")
            if step % SAVE_EVERY == 0 and step < total:
                _save_checkpoint(checkpoint, model, optimizer, schedule, identity, step)
                if not progress.console.is_terminal:  # a log file sees no bar
                    train.say(f"step {step} of {total}, loss {loss.item():.3f}, checkpoint saved")
    model.eval()
    return model


def _loss(
    model: Any,
    data: list[tuple[list[int], list[int]]],
    batch: list[int],
    targets: list[Any] | None,
    distil: float,
) -> Any:
    """The batch's cross-entropy with the gold labels, mixed with the Kullback-Leibler
    divergence from the teacher's distributions when there are `targets` (on unlabelled
    texts, that divergence alone)."""
    import torch

    ids, mask = (torch.from_numpy(a) for a in encoder.padded([data[i][0] for i in batch]))
    labels = torch.from_numpy(encoder.padded([data[i][1] for i in batch])[0])
    labels[mask == 0] = -100
    logits = model(input_ids=ids, attention_mask=mask).logits
    gold = labels >= 0
    fitting = torch.nn.functional.cross_entropy(logits[gold], labels[gold])
    if targets is None:
        return fitting
    wanted = torch.zeros(logits.shape)
    for row, i in enumerate(batch):
        wanted[row, : len(targets[i])] = targets[i]
    known = labels != -100
    matching = torch.nn.functional.kl_div(
        torch.log_softmax(logits[known], dim=-1), wanted[known], reduction="batchmean"
    )
    if not gold.any():  # a batch of unlabelled texts only
        return matching
    return (1 - distil) * fitting + distil * matching


def _tuned_parameters(model: Any, frozen_layers: int) -> list[Any]:
    for parameter in model.bert.embeddings.parameters():
        parameter.requires_grad = False
    for layer in model.bert.encoder.layer[:frozen_layers]:
        for parameter in layer.parameters():
            parameter.requires_grad = False
    return [parameter for parameter in model.parameters() if parameter.requires_grad]


def _batches(size: int, settings: Settings, total: int) -> list[list[int]]:
    """Every step's sample indices, drawn epoch by epoch in a seeded order, so a resumed run
    sees the same batches as an uninterrupted one."""
    rng = random.Random(settings.seed)
    steps: list[list[int]] = []
    while len(steps) < total:
        order = list(range(size))
        rng.shuffle(order)
        steps.extend(order[i : i + settings.batch] for i in range(0, size, settings.batch))
    return steps[:total]


def _resume(
    path: Path, model: Any, optimizer: Any, schedule: Any, identity: dict[str, object]
) -> int:
    import torch

    if not path.is_file():
        return 0
    state = torch.load(path, weights_only=False)
    if state["identity"] != identity:
        train.say(f"{path}: made with other data or settings, starting over")
        return 0
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    schedule.load_state_dict(state["schedule"])
    torch.set_rng_state(state["rng"])
    train.say(f"resuming at step {state['step']} from {path}")
    return int(state["step"])


def _save_checkpoint(
    path: Path, model: Any, optimizer: Any, schedule: Any, identity: dict[str, object], step: int
) -> None:
    import torch

    state = {
        "identity": identity,
        "step": step,
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "schedule": schedule.state_dict(),
        "rng": torch.get_rng_state(),
    }
    torch.save(state, path.with_suffix(".tmp"))
    path.with_suffix(".tmp").replace(path)  # a run stopped mid-write keeps the last one


def save(model: Any, settings: Settings, path: Path) -> None:
    """The tuned weights only (half precision): the rest is the installed base. A student's
    frozen layers are its teacher's, not the base's: they are saved too."""
    from safetensors.torch import save_file

    frozen_base = 0 if settings.teacher else settings.frozen_layers
    frozen = {f"bert.encoder.layer.{i}." for i in range(frozen_base)}
    tuned = {
        name: tensor.detach().half().contiguous()
        for name, tensor in model.state_dict().items()
        if not name.startswith("bert.embeddings.")
        and not any(name.startswith(prefix) for prefix in frozen)
    }
    save_file(tuned, str(path))


def main(argv: list[str] | None = None) -> int:
    parser = train.corpus_parser(__doc__.split("\n")[0])
    for field, default in asdict(Settings()).items():
        parser.add_argument(f"--{field.replace('_', '-')}", type=type(default), default=default)
    args = parser.parse_args(argv)
    problem = train.corpus_problem(args)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    settings = Settings(**{field: getattr(args, field) for field in asdict(Settings())})
    if settings.transfer and not settings.teacher:
        print(
            "--transfer: the texts are labelled by a --teacher, and none was given", file=sys.stderr
        )
        return 2
    # one spelling of each path, so that a resumed run recognises them
    teacher, transfer = (
        str(Path(p).resolve()) if p else "" for p in (settings.teacher, settings.transfer)
    )
    settings = replace(settings, teacher=teacher, transfer=transfer)
    if lang.get(args.lang) is None:
        print(f"no language data for {args.lang!r}", file=sys.stderr)
        return 2
    try:
        base = encoder_torch.base_folder()
        tokenizer = encoder.read_tokenizer(base / "tokenizer.json")
        import torch  # noqa: F401  (fail here, not after the parse)
    except ImportError as error:
        print(f"{error}; pip install 'quotidien[train]'", file=sys.stderr)
        return 2
    except ModelUnavailableError as error:
        print(error, file=sys.stderr)
        return 2
    started = time.perf_counter()
    documents = train.training_documents(args)
    data = samples(train.examples(documents, args.lang), tokenizer)
    if settings.transfer:
        data += transfer_samples(Path(settings.transfer), args.lang, tokenizer)
    name = f"attribution-{args.lang}.encoder"
    args.out.mkdir(parents=True, exist_ok=True)
    train.say(f"{len(data)} windows")
    run: dict[str, object] = {
        "corpus": str(args.corpus.resolve()),
        "hold_out": args.hold_out,
        "lang": args.lang,
    }
    targets, teacher_sha256 = None, None
    if settings.teacher:
        train.say(f"the teacher {settings.teacher} reads the {len(data)} windows")
        targets = teacher_targets(data, Path(settings.teacher))
        run["teacher_sha256"] = teacher_sha256 = encoder.checksum(Path(settings.teacher))
    model = fine_tune(data, settings, args.out / f"{name}.checkpoint", run, targets)
    save(model, settings, args.out / f"{name}.safetensors")
    meta = {
        **train.provenance(args, documents),
        "base_package": encoder_torch.BASE_PACKAGE,
        "base_version": _version(encoder_torch.BASE_PACKAGE.replace("_", "-")),
        "base_sha256": encoder.checksum(base / "model.safetensors"),
        "labels": list(encoder.LABELS),
        **asdict(settings),
        "teacher_sha256": teacher_sha256,
    }
    (args.out / f"{name}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    (args.out / f"{name}.checkpoint").unlink(missing_ok=True)
    print(f"{name}: {len(documents)} documents, {time.perf_counter() - started:.0f} s")
    return 0


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


if __name__ == "__main__":
    sys.exit(main())
