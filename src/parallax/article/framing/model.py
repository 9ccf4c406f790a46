"""The packaged loaded-language model: per-token probabilities for the framing
techniques of the Propaganda Techniques Corpus, the spans they form, and a
per-sentence "opinionated / loaded" probability.

Two logistic models fitted by ``scripts/train_loaded_language.py`` (scikit-learn,
at training time only) and stored as plain arrays in
``parallax/data/loaded_language.npz``; inference is a few numpy operations:

- token heads (``loaded``: Loaded_Language, Name_Calling/Labeling or
  Exaggeration/Minimisation; plus one head per technique) over the token
  features of ``features.py``;
- a sentence head over aggregates of the token probabilities and of the
  lexicons (``sentence_features``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat
from pathlib import Path

import numpy as np

from parallax.article.framing.features import (
    FEATURE_VERSION, FeatureGroups, TokenTable, generation, group_count, group_strings, token_feature_groups,
)

MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "loaded_language.npz"
FIRST_PERSON = frozenset("i me my mine we us our ours".split())
MODALS = frozenset("should must might may could ought would".split())
SENTENCE_FEATURES = (
    "max_loaded", "top2_loaded", "n_loaded", "max_doubt",
    "vader_share", "strong_vader", "subjective_share", "label_hits", "intensifiers", "hedge_hits",
    "exclaim", "question", "first_person", "modal", "superlative", "adj_share", "adv_share",
    "quoted_share", "log_length",
)


@dataclass(frozen=True)
class TokenScores:
    """Per-token probabilities of each head, aligned with the doc's tokens."""

    heads: tuple[str, ...]
    probs: np.ndarray  # (n_tokens, n_heads)
    table: TokenTable
    flags: np.ndarray  # (n_tokens, len(FLAG_FEATURES)): the lexicon features the sentence head reads

    def head(self, name: str) -> np.ndarray:
        return self.probs[:, self.heads.index(name)]


class LoadedLanguageModel:
    def __init__(self, path: Path = MODEL_PATH):
        data = np.load(path, allow_pickle=False)
        if str(data["feature_version"]) != FEATURE_VERSION:
            raise ValueError(f"{path}: model built for features v{data['feature_version']}, code has v{FEATURE_VERSION}")
        self.heads = tuple(str(h) for h in data["heads"])
        self.index = {str(f): i for i, f in enumerate(data["vocab"])}
        self.w_sparse = data["w_sparse"].astype(np.float32)
        self.w_dense = data["w_dense"].astype(np.float32)
        self.dense_mean = data["dense_mean"].astype(np.float32)
        self.dense_scale = data["dense_scale"].astype(np.float32)
        self.bias = data["bias"].astype(np.float32)
        self.prior = dict(zip(self.heads, data["prior"].tolist()))  # share of training tokens of each head
        self.span_on = dict(zip(self.heads, data["span_on"].tolist()))
        self.span_extend = dict(zip(self.heads, data["span_extend"].tolist()))
        self.sentence_w = data["sentence_w"].astype(np.float64)
        self.sentence_b = float(data["sentence_b"])
        self.sentence_mean = data["sentence_mean"].astype(np.float64)
        self.sentence_scale = data["sentence_scale"].astype(np.float64)
        self.sentence_threshold = float(data["sentence_threshold"])
        self.metadata = {k[5:]: str(data[k]) for k in data.files if k.startswith("meta_")}
        self.clear_pool()

    def clear_pool(self) -> None:
        """Forget the summed weights of the feature groups seen so far (after the weights change)."""
        self._pool_row = np.full(0, -1, dtype=np.int64)  # group number -> row of the pools, -1 not yet summed
        self._pool = np.zeros((0, len(self.heads)), dtype=np.float32)  # a group's summed weights
        self._pool_flags = np.zeros((0, len(FLAG_FEATURES)))  # a group's lexicon flags
        self._pool_generation = generation()

    def token_scores(self, doc) -> TokenScores:
        table = TokenTable.of(doc)
        groups, tensor = token_feature_groups(doc, table)
        probs, flags = self.score_groups(groups, tensor)
        return TokenScores(self.heads, probs, table, flags)

    def _pool_rows(self, numbers: np.ndarray) -> np.ndarray:
        """Rows of the pools for group ``numbers``, summing the groups not seen before."""
        if len(self._pool_row) < group_count():
            self._pool_row = np.concatenate([self._pool_row, np.full(group_count() - len(self._pool_row), -1, dtype=np.int64)])
        new = np.unique(numbers[self._pool_row[numbers] < 0]).tolist()
        if new:
            strings = [group_strings(k) for k in new]
            # every new group's known feature ids in one flat array, summed per group by one reduceat
            # (row after row, the order a per-group sum takes, so the pooled weights are the same)
            known = [[j for j in map(self.index.get, group) if j is not None] for group in strings]
            lengths = np.fromiter(map(len, known), dtype=np.int64, count=len(known))
            weights = np.zeros((len(new), len(self.heads)), dtype=np.float32)
            present = lengths > 0
            if present.any():
                ids = np.fromiter(chain.from_iterable(known), dtype=np.int64, count=int(lengths.sum()))
                starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])[present]
                weights[present] = np.add.reduceat(self.w_sparse[ids], starts, axis=0)
            self._pool_row[new] = np.arange(len(self._pool), len(self._pool) + len(new))
            self._pool = np.concatenate([self._pool, weights])
            self._pool_flags = np.concatenate([self._pool_flags, feature_flags(strings)])
        return self._pool_row[numbers]

    def score_groups(self, groups: FeatureGroups, tensor: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Token probabilities and lexicon flags from the features of ``token_feature_groups``."""
        n = len(groups.offsets) - 1
        if not n:
            return np.zeros((0, len(self.heads)), dtype=np.float32), np.zeros((0, len(FLAG_FEATURES)))
        if groups.generation != generation():
            raise ValueError("feature groups of an older numbering: score a doc's features before featurizing more")
        if self._pool_generation != generation():
            self.clear_pool()
        rows = self._pool_rows(groups.numbers)
        starts = groups.offsets[:-1]  # every token has at least one group, so no segment is empty
        logits = np.add.reduceat(self._pool[rows], starts, axis=0)
        logits += ((tensor - self.dense_mean) / self.dense_scale) @ self.w_dense
        logits += self.bias
        flags = np.minimum(np.add.reduceat(self._pool_flags[rows], starts, axis=0), 1.0)
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30))), flags

    def score_rows(self, rows: list[list[str]], tensor: np.ndarray) -> np.ndarray:
        if not rows:
            return np.zeros((0, len(self.heads)), dtype=np.float32)
        # every row has the "bias" feature, so every token keeps at least one known feature
        lengths = np.fromiter((len(row) for row in rows), dtype=np.int64, count=len(rows))
        ids = np.fromiter(map(self.index.get, chain.from_iterable(rows), repeat(-1)), dtype=np.int64, count=int(lengths.sum()))
        owners = np.repeat(np.arange(len(rows)), lengths)
        known = ids >= 0
        ids, owners = ids[known], owners[known]
        logits = np.zeros((len(rows), len(self.heads)), dtype=np.float32)
        if len(ids):
            starts = np.searchsorted(owners, np.arange(len(rows)))
            present = np.bincount(owners, minlength=len(rows)) > 0
            sums = np.add.reduceat(self.w_sparse[ids], np.minimum(starts, len(ids) - 1), axis=0)
            logits[present] = sums[present]
        logits += ((tensor - self.dense_mean) / self.dense_scale) @ self.w_dense
        logits += self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))

    def sentence_probability(self, features: np.ndarray) -> np.ndarray:
        """P(the sentence carries loaded or opinionated language) for rows of ``sentence_features``."""
        z = ((features - self.sentence_mean) / self.sentence_scale) @ self.sentence_w + self.sentence_b
        return 1.0 / (1.0 + np.exp(-z))


@lru_cache(maxsize=1)
def get_model() -> LoadedLanguageModel:
    return LoadedLanguageModel()


EDGE_POS = frozenset("DET ADP CCONJ SCONJ PART PRON PUNCT SPACE AUX".split())


def span_edges(table: TokenTable) -> np.ndarray:
    """Tokens a loaded phrase may start or end with: not "the", "of", "and", "'s" or punctuation."""
    return np.array([p not in EDGE_POS for p in table.pos], dtype=bool) & table.words


def decode_spans(probs: np.ndarray, on: float, extend: float, words: np.ndarray,
                 edges: np.ndarray | None = None) -> list[tuple[int, int, float]]:
    """Token runs (start, end exclusive, peak probability): a run starts at a token at
    or above ``on`` and grows over neighbours at or above ``extend``; it starts and ends
    on ``edges`` tokens (content words; punctuation when ``edges`` is not given)."""
    edges = words if edges is None else edges & words
    spans = []
    n = len(probs)
    i = 0
    while i < n:
        if probs[i] >= on and edges[i]:
            lo, hi = i, i + 1
            while lo > 0 and probs[lo - 1] >= extend:
                lo -= 1
            while hi < n and probs[hi] >= extend:
                hi += 1
            while lo < i and not edges[lo]:
                lo += 1
            while hi > i + 1 and not edges[hi - 1]:
                hi -= 1
            spans.append((lo, hi, float(probs[lo:hi].max())))
            i = max(hi, i + 1)
        else:
            i += 1
    return spans


FLAG_FEATURES = ("vad>=1.5", "vad>=2.5", "subj3", "subj4", "in-label", "lab=", "intens", "in-hedge", "quoted")


def feature_flags(rows: list[list[str]]) -> np.ndarray:
    """(n_tokens, len(FLAG_FEATURES)) counts of the lexicon features the sentence head reads."""
    index = {f: k for k, f in enumerate(FLAG_FEATURES)}
    flags = np.zeros((len(rows), len(FLAG_FEATURES)), dtype=np.float64)
    for i, row in enumerate(rows):
        for f in row:
            k = index.get(f)
            if k is not None:
                flags[i, k] = 1.0
            elif f.startswith("lab="):
                flags[i, index["lab="]] = 1.0
    return flags


def sentence_features(doc, scores: TokenScores, start: int, end: int, on: dict[str, float],
                      flags: np.ndarray | None = None) -> np.ndarray:
    """Aggregates over tokens ``start:end`` of ``doc`` (a sentence), in SENTENCE_FEATURES order;
    ``flags`` replaces ``scores.flags`` when given (own-voice masking)."""
    n = max(1, end - start)
    probs = scores.probs[start:end]
    table = scores.table
    counts = dict(zip(FLAG_FEATURES, (scores.flags if flags is None else flags)[start:end].sum(axis=0).tolist()))
    loaded = probs[:, scores.heads.index("loaded")] if len(probs) else np.zeros(1)
    top = np.sort(loaded)[::-1]
    words = [i for i in range(start, end) if table.alpha[i]]
    n_words = max(1, len(words))
    last = table.texts[end - 1] if end > start else ""
    values = {
        "max_loaded": float(top[0]) if len(top) else 0.0,
        "top2_loaded": float(top[:2].mean()) if len(top) else 0.0,
        "n_loaded": float((loaded >= on["loaded"]).sum()),
        "max_doubt": float(probs[:, scores.heads.index("Doubt")].max()) if len(probs) else 0.0,
        "vader_share": counts["vad>=1.5"] / n_words,
        "strong_vader": counts["vad>=2.5"],
        "subjective_share": (counts["subj3"] + counts["subj4"]) / n_words,
        "label_hits": counts["in-label"] + counts["lab="],
        "intensifiers": counts["intens"],
        "hedge_hits": counts["in-hedge"],
        "exclaim": float("!" in last),
        "question": float("?" in last),
        "first_person": float(sum(table.lowers[i] in FIRST_PERSON for i in words)),
        "modal": float(sum(table.lowers[i] in MODALS for i in words)),
        "superlative": float(sum(table.tags[i] in ("JJS", "RBS") for i in words)),
        "adj_share": sum(table.pos[i] == "ADJ" for i in words) / n_words,
        "adv_share": sum(table.pos[i] == "ADV" for i in words) / n_words,
        "quoted_share": counts["quoted"] / n,
        "log_length": float(np.log1p(n_words)),
    }
    return np.array([values[name] for name in SENTENCE_FEATURES], dtype=np.float64)
