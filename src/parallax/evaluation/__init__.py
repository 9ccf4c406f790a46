"""``parallax evaluate``: score the pipeline on hand-checked gold files.

A gold file (docs/gold-format.md) names its inputs and holds one section per
capability (``quotes``, ``entities``, ``framing``, ``claims``, ``disputes``,
``timeline``, ...). Each section has a scorer registered in SCORERS that
returns counts; counts are summed over files and turned into
precision/recall/F1 or accuracy, so several gold files micro-average.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rich.console import Console
from rich.table import Table

from parallax.model import Article, StoryReport


@dataclass
class GoldContext:
    """What a scorer needs besides the report: article lookup by gold name."""

    path: Path
    report: StoryReport
    by_name: dict[str, Article] = field(default_factory=dict)

    def article(self, name: str) -> Article | None:
        return self.by_name.get(name) or self.by_name.get(Path(name).name)


# section name → scorer(gold_section, context) -> {metric: {"tp","fp","fn"} | {"correct","total"}}
Scorer = Callable[[object, GoldContext], dict[str, dict[str, int]]]
SCORERS: dict[str, Scorer] = {}


def scorer(section: str):
    def register(fn: Scorer) -> Scorer:
        SCORERS[section] = fn
        return fn

    return register


def _load_scorers() -> None:
    """Import the scorer modules; each registers its sections."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


def default_gold_files() -> list[Path]:
    for base in (Path.cwd(), *Path.cwd().parents):
        folder = base / "tests" / "gold"
        if folder.is_dir():
            return sorted(folder.glob("*.json"))
    return []


def run_gold(path: Path) -> GoldContext | None:
    """Run the pipeline on a gold file's inputs; None when the inputs are absent."""
    from parallax.api import compare
    from parallax.read import ReadOptions

    gold = json.loads(path.read_text(encoding="utf-8"))
    inputs = [(path.parent / p).resolve() for p in gold["inputs"]]
    if not all(p.exists() for p in inputs):
        return None
    outlets = {str((path.parent / k).resolve()): v for k, v in gold.get("outlets", {}).items()}
    report = compare([str(p) for p in inputs], ReadOptions(outlets=outlets))
    by_name = {Path(a.path).name: a for a in report.articles if a.path}
    return GoldContext(path=path, report=report, by_name=by_name)


def evaluate_files(files: list[Path]) -> dict:
    _load_scorers()
    totals: dict[str, dict[str, int]] = {}
    used, skipped = [], []
    for path in files:
        context = run_gold(Path(path))
        if context is None:
            skipped.append(str(path))
            continue
        used.append(str(path))
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
        for section, fn in sorted(SCORERS.items()):
            if section not in gold:
                continue
            for metric, counts in fn(gold[section], context).items():
                bucket = totals.setdefault(metric, {})
                for key, value in counts.items():
                    bucket[key] = bucket.get(key, 0) + value
    return {"gold_files": used, "skipped_gold_files": skipped, "metrics": {m: finish(c) for m, c in sorted(totals.items())}}


def finish(counts: dict[str, int]) -> dict[str, float | int]:
    out: dict[str, float | int] = dict(counts)
    if {"tp", "fp", "fn"} <= counts.keys():
        tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        out["precision"] = round(precision, 3)
        out["recall"] = round(recall, 3)
        out["f1"] = round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0
    if {"correct", "total"} <= counts.keys():
        out["accuracy"] = round(counts["correct"] / counts["total"], 3) if counts["total"] else 0.0
    return out


def print_scores(scores: dict, console: Console) -> None:
    table = Table(title=scores.get("title", "Parallax evaluation"))
    for column in ("metric", "precision", "recall", "f1", "accuracy", "counts"):
        table.add_column(column, justify="left" if column in ("metric", "counts") else "right", no_wrap=column == "metric")
    for metric, values in scores["metrics"].items():
        counts = ", ".join(f"{k}={v}" for k, v in values.items() if k in ("tp", "fp", "fn", "correct", "total"))
        table.add_row(
            metric,
            *(f"{values[k]:.3f}" if k in values else "" for k in ("precision", "recall", "f1", "accuracy")),
            counts,
        )
    console.print(table)
    if "gold_files" in scores:
        console.print(f"gold files: {len(scores['gold_files'])}; skipped (inputs absent): {len(scores['skipped_gold_files'])}")
