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
from spacy.lang.en.stop_words import STOP_WORDS

WORD = re.compile(r"[a-z][a-z'-]+")


def content_words(text: str) -> list[str]:
    """Lower-cased words that are not stop words, with a crude plural fold."""
    out = []
    for word in WORD.findall(text.lower()):
        if word in STOP_WORDS or len(word) < 3:
            continue
        out.append(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return out


def tfidf_matrix(bags: list[Counter]) -> np.ndarray:
    """Row-normalised TF-IDF vectors (sublinear tf, smoothed idf over these bags)."""
    df = Counter(w for bag in bags for w in bag)
    vocab = {w: i for i, w in enumerate(sorted(df))}
    matrix = np.zeros((len(bags), max(1, len(vocab))), dtype=np.float32)
    n = len(bags)
    for row, bag in enumerate(bags):
        for word, count in bag.items():
            matrix[row, vocab[word]] = (1 + math.log(count)) * math.log((1 + n) / (1 + df[word]) + 1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def tfidf_similarity(texts: list[str]) -> np.ndarray:
    matrix = tfidf_matrix([Counter(content_words(t)) for t in texts])
    return matrix @ matrix.T
