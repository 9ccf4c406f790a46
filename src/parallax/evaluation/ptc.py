"""The Propaganda Techniques Corpus (SemEval-2020 Task 11, training partition)
as training and held-out data for the loaded-language model.

- ``load_ptc``: articles and their technique spans (character offsets).
- ``split_of``: the fixed split by article id, from a hash of the id (so it
  never depends on file order): ``heldout`` (about one article in five) is
  never seen in training or tuning; the rest is ``train``.
- ``span_scores``: span-level precision / recall / F1 two ways: one-to-one
  overlap matching (how ``parallax evaluate`` scores loaded terms) and the
  SemEval-2020 Task 11 partial-overlap measure (Da San Martino et al. 2020).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from parallax.evaluation.framing import match_spans
from parallax.spans import overlap

FRAMING_TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling", "Exaggeration,Minimisation", "Doubt")
LOADED_TECHNIQUES = FRAMING_TECHNIQUES[:3]  # what Parallax shows as loaded terms


@dataclass
class PtcArticle:
    id: str
    text: str
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # technique -> spans


def split_of(article_id: str) -> str:
    """'heldout' for about one article id in five, else 'train' (fixed, hash-based)."""
    digest = int(hashlib.sha256(article_id.encode()).hexdigest(), 16)
    return "heldout" if digest % 5 == 0 else "train"


def fold_of(article_id: str, folds: int) -> int:
    """A second, independent hash for cross-fitting inside the training part."""
    return int(hashlib.sha256(("fold:" + article_id).encode()).hexdigest(), 16) % folds


def load_ptc(root: Path) -> list[PtcArticle]:
    """Articles of ``root/train-articles`` with the spans of ``root/train-task2-TC.labels``."""
    articles_dir = root / "train-articles"
    labels = root / "train-task2-TC.labels"
    if not articles_dir.is_dir() or not labels.is_file():
        raise FileNotFoundError(f"{root}: not a PTC folder (needs train-articles/ and train-task2-TC.labels)")
    articles = {}
    for path in sorted(articles_dir.glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        articles[article_id] = PtcArticle(article_id, path.read_text(encoding="utf-8"))
    for number, line in enumerate(labels.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 4 or parts[0] not in articles:
            raise ValueError(f"{labels}:{number}: expected article_id, technique, start, end")
        article_id, technique, start, end = parts[0], parts[1], int(parts[2]), int(parts[3])
        articles[article_id].spans.setdefault(technique, []).append((start, end))
    return list(articles.values())


def gold_spans(article: PtcArticle, techniques) -> list[tuple[int, int]]:
    return sorted({s for t in techniques for s in article.spans.get(t, [])})


def overlap_counts(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> dict[str, float]:
    """One-to-one overlap matching, as the project's framing scorer does; plus the
    SemEval partial-credit sums (precision and recall numerators)."""
    counts = match_spans(gold, predicted)
    # SemEval-2020 Task 11 (SI): C(s, t, h) = |s ∩ t| / h, summed over overlapping pairs
    credit_p = sum(overlap(s, e, gs, ge) / max(1, e - s) for s, e in predicted for gs, ge in gold)
    credit_r = sum(overlap(s, e, gs, ge) / max(1, ge - gs) for s, e in predicted for gs, ge in gold)
    return {**counts, "n_pred": len(predicted), "n_gold": len(gold),
            "credit_p": min(credit_p, len(predicted)), "credit_r": min(credit_r, len(gold))}


def add_counts(total: dict[str, float], counts: dict[str, float]) -> None:
    for key, value in counts.items():
        total[key] = total.get(key, 0) + value


def span_scores(total: dict[str, float]) -> dict[str, float]:
    """P/R/F1 by overlap matching and the SemEval partial-overlap P/R/F1."""
    tp, fp, fn = total.get("tp", 0), total.get("fp", 0), total.get("fn", 0)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    sp = total.get("credit_p", 0) / total["n_pred"] if total.get("n_pred") else 0.0
    sr = total.get("credit_r", 0) / total["n_gold"] if total.get("n_gold") else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "semeval_p": sp, "semeval_r": sr, "semeval_f1": 2 * sp * sr / (sp + sr) if sp + sr else 0.0}


def macro_f1(gold: list[bool], predicted: list[bool], balanced: bool = False) -> float:
    """Macro-averaged F1 of a binary labelling (both classes weigh the same). With
    ``balanced``, every item is weighted so that both gold classes carry the same total
    weight: the score the labelling would get on data where half the items are positive."""
    n_pos = sum(gold)
    n_neg = len(gold) - n_pos
    w_pos = 0.5 / n_pos if balanced and n_pos else 1.0
    w_neg = 0.5 / n_neg if balanced and n_neg else 1.0
    scores = []
    for cls in (True, False):
        tp = sum((w_pos if g else w_neg) for g, p in zip(gold, predicted) if g == cls and p == cls)
        fp = sum((w_pos if g else w_neg) for g, p in zip(gold, predicted) if g != cls and p == cls)
        fn = sum((w_pos if g else w_neg) for g, p in zip(gold, predicted) if g == cls and p != cls)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / 2
