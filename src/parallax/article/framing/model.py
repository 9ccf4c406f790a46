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
from pathlib import Path

import numpy as np

from parallax.article.framing.features import FEATURE_VERSION, token_features

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
    rows: list[list[str]]  # the feature strings (reused by the sentence features)

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

    def token_scores(self, doc) -> TokenScores:
        rows, tensor = token_features(doc)
        return TokenScores(self.heads, self.score_rows(rows, tensor), rows)

    def score_rows(self, rows: list[list[str]], tensor: np.ndarray) -> np.ndarray:
        if not rows:
            return np.zeros((0, len(self.heads)), dtype=np.float32)
        index = self.index
        ids, owners = [], []
        for i, row in enumerate(rows):
            for feature in row:
                j = index.get(feature)
                if j is not None:
                    ids.append(j)
                    owners.append(i)
        logits = np.zeros((len(rows), len(self.heads)), dtype=np.float32)
        if ids:
            np.add.at(logits, np.asarray(owners), self.w_sparse[np.asarray(ids)])
        logits += ((tensor - self.dense_mean) / self.dense_scale) @ self.w_dense
        logits += self.bias
        return 1.0 / (1.0 + np.exp(-logits))

    def sentence_probability(self, features: np.ndarray) -> np.ndarray:
        """P(the sentence carries loaded or opinionated language) for rows of ``sentence_features``."""
        z = ((features - self.sentence_mean) / self.sentence_scale) @ self.sentence_w + self.sentence_b
        return 1.0 / (1.0 + np.exp(-z))


@lru_cache(maxsize=1)
def get_model() -> LoadedLanguageModel:
    return LoadedLanguageModel()


EDGE_POS = frozenset("DET ADP CCONJ SCONJ PART PRON PUNCT SPACE AUX".split())


def span_edges(doc) -> np.ndarray:
    """Tokens a loaded phrase may start or end with: not "the", "of", "and", "'s" or punctuation."""
    return np.array([t.pos_ not in EDGE_POS and not (t.is_punct or t.is_space) for t in doc], dtype=bool)


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


def sentence_features(doc, scores: TokenScores, start: int, end: int, on: dict[str, float]) -> np.ndarray:
    """Aggregates over tokens ``start:end`` of ``doc`` (a sentence), in SENTENCE_FEATURES order."""
    n = max(1, end - start)
    probs = scores.probs[start:end]
    rows = scores.rows[start:end]
    tokens = doc[start:end]
    loaded = probs[:, scores.heads.index("loaded")] if len(probs) else np.zeros(1)
    top = np.sort(loaded)[::-1]

    def peak(name: str) -> float:
        return float(probs[:, scores.heads.index(name)].max()) if len(probs) else 0.0

    def count(feature: str) -> int:
        return sum(feature in row for row in rows)

    words = [t for t in tokens if t.is_alpha]
    n_words = max(1, len(words))
    last = tokens[-1].text if len(tokens) else ""
    values = {
        "max_loaded": float(top[0]) if len(top) else 0.0,
        "top2_loaded": float(top[:2].mean()) if len(top) else 0.0,
        "n_loaded": float((loaded >= on["loaded"]).sum()),
        "max_doubt": peak("Doubt"),
        "vader_share": count("vad>=1.5") / n_words,
        "strong_vader": float(count("vad>=2.5")),
        "subjective_share": (count("subj3") + count("subj4")) / n_words,
        "label_hits": float(count("in-label") + sum(any(f.startswith("lab=") for f in row) for row in rows)),
        "intensifiers": float(count("intens")),
        "hedge_hits": float(count("in-hedge")),
        "exclaim": float("!" in last),
        "question": float("?" in last),
        "first_person": float(sum(t.lower_ in FIRST_PERSON for t in words)),
        "modal": float(sum(t.lower_ in MODALS for t in words)),
        "superlative": float(sum(t.tag_ in ("JJS", "RBS") for t in words)),
        "adj_share": sum(t.pos_ == "ADJ" for t in words) / n_words,
        "adv_share": sum(t.pos_ == "ADV" for t in words) / n_words,
        "quoted_share": count("quoted") / n,
        "log_length": float(np.log1p(n_words)),
    }
    return np.array([values[name] for name in SENTENCE_FEATURES], dtype=np.float64)
