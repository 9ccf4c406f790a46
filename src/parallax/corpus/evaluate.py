"""Score story clustering against hand labels with B-cubed precision/recall/F1.

B-cubed judges every article by its own neighbourhood: precision is the share
of its predicted story that truly belongs with it, recall the share of its
true story that was put with it. Unlike pair counting, one huge story cannot
dominate the score, which matters when most stories have 2-5 articles.

LABELS.csv: a header, then one row per article: its id or source_id (column
``id``, ``source_id``, ``article_id`` or the first column) and its story
(column ``label``, ``story`` or ``cluster``, else the second column).
Only labelled articles are scored.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Mapping

from parallax.corpus.store import Store
from parallax.errors import InputError

ID_COLUMNS = ("id", "source_id", "article_id", "article")
LABEL_COLUMNS = ("label", "story", "cluster", "story_label", "event")


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    articles: int  # labelled articles found in the store and scored
    gold_stories: int
    predicted_stories: int
    missing: list[str] = field(default_factory=list)  # labelled keys not in the store

    def to_dict(self) -> dict:
        return asdict(self)


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) over the items present in both mappings."""
    items = [item for item in gold if item in predicted]
    if not items:
        return 0.0, 0.0, 0.0
    pair_counts = Counter((predicted[i], gold[i]) for i in items)
    predicted_sizes = Counter(predicted[i] for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    precision = recall = 0.0
    for item in items:
        both = pair_counts[(predicted[item], gold[item])]
        precision += both / predicted_sizes[predicted[item]]
        recall += both / gold_sizes[gold[item]]
    precision /= len(items)
    recall /= len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def read_labels(path: str | Path) -> dict[str, str]:
    """key (article id or source_id) → gold story label."""
    try:
        handle = open(path, newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from exc
    with handle:
        reader = csv.reader(handle)
        header = [name.strip().lower() for name in next(reader, [])]
        if len(header) < 2:
            raise InputError(str(path), "expected a header with an id column and a label column")
        key_col = next((header.index(c) for c in ID_COLUMNS if c in header), 0)
        label_col = next((header.index(c) for c in LABEL_COLUMNS if c in header), 1 if key_col != 1 else 0)
        labels: dict[str, str] = {}
        for row in reader:
            if len(row) <= max(key_col, label_col) or not row[key_col].strip():
                continue
            labels[row[key_col].strip()] = row[label_col].strip()
    if not labels:
        raise InputError(str(path), "no labelled rows")
    return labels


def evaluate_store(store: Store, labels: Mapping[str, str]) -> Scores:
    """Compare the store's stories with ``labels`` (keys: article ids or source ids)."""
    story_of = dict(store.story_assignments())
    by_source = store.ids_for_source_ids()
    predicted: dict[str, str] = {}
    gold: dict[str, str] = {}
    missing: list[str] = []
    for key, label in labels.items():
        article_ids = [key] if key in story_of else [i for i in by_source.get(key, []) if i in story_of]
        if not article_ids:
            missing.append(key)
        for article_id in article_ids:
            predicted[article_id] = story_of[article_id]
            gold[article_id] = label
    precision, recall, f1 = bcubed(predicted, gold)
    groups: dict[str, set[str]] = defaultdict(set)
    for article_id in gold:
        groups[predicted[article_id]].add(article_id)
    return Scores(
        precision=round(precision, 4), recall=round(recall, 4), f1=round(f1, 4), articles=len(gold),
        gold_stories=len(set(gold.values())), predicted_stories=len(groups), missing=sorted(missing),
    )
