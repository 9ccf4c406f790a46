"""Sentence embeddings: model2vec's own sentence vectors and unit content pieces, and each text's
vectors do not depend on the texts encoded beside it."""

from __future__ import annotations

import numpy as np
import pytest

from parallax import embed

pytestmark = pytest.mark.skipif(not embed.available(), reason="the distilled embedding model is not built")

TEXTS = [
    "The ministry said on Tuesday that 14 vessels had been stopped.",
    "“We will not back down,” Zelenskyy’s spokesman told reporters in Kyiv.",
    "",
    " ",
    "...",
    "of the and",
    "[UNK] tokens and a naïve café",
    "x" * 5000,  # longer than model2vec's cut in characters
    "word " * 800,  # and than its cut in pieces
]


def test_sentence_vectors_are_model2vecs() -> None:
    model = embed._model()
    expected = embed._unit(np.asarray(model.encode(TEXTS, show_progress_bar=False), dtype=np.float32))
    assert np.array_equal(embed.encode(TEXTS).vectors, expected)


def test_content_pieces_are_unit_rows_of_the_text_pieces() -> None:
    model = embed._model()
    encoded = embed.encode(TEXTS)
    for text, tokens in zip(TEXTS, encoded.tokens):
        encoding = model.tokenizer.encode(text, add_special_tokens=False)
        keep = [i for i, piece in zip(encoding.ids, encoding.tokens) if piece.isalnum() and piece.lower() not in embed.STOP_WORDS]
        keep = keep or encoding.ids[:1]
        if not keep:
            assert tokens.shape == (1, embed.DIMENSIONS) and not tokens.any()
            continue
        expected = embed._unit(np.asarray(model.embedding[keep], dtype=np.float32))
        assert np.array_equal(tokens, expected)


def test_each_text_alone() -> None:
    together = embed.encode(TEXTS)
    for k, text in enumerate(TEXTS):
        alone = embed.encode([text])
        assert np.array_equal(alone.vectors[0], together.vectors[k])
        assert np.array_equal(alone.tokens[0], together.tokens[k])
