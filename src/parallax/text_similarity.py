"""Lexical text similarity: content words and TF-IDF cosine.

One home for the bag-of-words view of a sentence, used by claim alignment
(retrieval and its fallback without embeddings) and by the scorers'
baselines.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
from scipy import sparse

from parallax.lexicons import stop_words

STOP_WORDS = stop_words("english")
WORD = re.compile(r"[a-z][a-z'-]+")


def content_words(text: str) -> list[str]:
    """Lower-cased words that are not stop words, with a crude plural fold."""
    out = []
    for word in WORD.findall(text.lower()):
        if word in STOP_WORDS or len(word) < 3:
            continue
        out.append(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return out


def tfidf_rows(bags: list[Counter], dtype=np.float32) -> sparse.csr_matrix:
    """Row-normalised sparse TF-IDF vectors (sublinear tf, smoothed idf over these bags)."""
    df = Counter(w for bag in bags for w in bag)
    vocab = {w: i for i, w in enumerate(sorted(df))}
    n = len(bags)
    rows, cols, values = [], [], []
    for row, bag in enumerate(bags):
        weights = {vocab[w]: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w]) + 1) for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        for col, value in sorted(weights.items()):
            rows.append(row)
            cols.append(col)
            values.append(value / norm)
    return sparse.csr_matrix((np.array(values, dtype=dtype), (rows, cols)), shape=(n, max(1, len(vocab))))
