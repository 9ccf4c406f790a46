"""One article's parse, indexed once and read by every per-article stage.

spaCy rebuilds ``doc.sents`` and ``doc.ents`` on every access and makes a new
Python object on every token read, so the lookups the stages share
(sentences, paragraphs and entities by character offset, the entity holding
each token, token offsets, per-token parse columns) live here, each computed
on first use and kept. ``analyze_article`` builds one per article and hands
it to each stage; a stage called without it builds its own.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from parallax.spans import paragraph_spans


@dataclass
class ParsedArticle:
    """Lookups over one Doc, each built once: sentences, paragraphs, entities and tokens by character offset."""

    doc: object
    # claims' clause cuts per sentence, (sentence start, end) → offsets: kept with the parse, found once
    cuts: dict[tuple[int, int], list[int]] = field(default_factory=dict, repr=False)

    @cached_property
    def text(self) -> str:
        return self.doc.text  # ``Doc.text`` joins every token each time it is read

    @cached_property
    def sentences(self) -> list:
        """spaCy sentence spans in order."""
        return list(self.doc.sents)

    @cached_property
    def sentence_spans(self) -> list[tuple[int, int]]:
        """Each sentence's (start, end) character range."""
        return [(s.start_char, s.end_char) for s in self.sentences]

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentence_spans]

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        return paragraph_spans(self.text)

    @cached_property
    def paragraph_starts(self) -> list[int]:
        return [p[0] for p in self.paragraphs]

    @cached_property
    def ents(self) -> list:
        """``doc.ents`` in order."""
        return list(self.doc.ents)

    @cached_property
    def ent_starts(self) -> list[int]:
        return [e.start_char for e in self.ents]

    @cached_property
    def ent_ends(self) -> list[int]:
        return [e.end_char for e in self.ents]

    @cached_property
    def ent_of_token(self) -> list[int]:
        """Per token, the index in ``ents`` of the entity holding it, -1 for none (spaCy entities never overlap)."""
        index = [-1] * len(self.doc)
        for n, ent in enumerate(self.ents):
            for i in range(ent.start, ent.end):
                index[i] = n
        return index

    @cached_property
    def token_starts(self) -> list[int]:
        return self._offsets[0]

    @cached_property
    def token_ends(self) -> list[int]:
        return self._offsets[1]

    @cached_property
    def _offsets(self) -> tuple[list[int], list[int]]:
        # read from the doc's arrays: iterating the doc builds a Token object per token
        if not len(self.doc):
            return [], []
        columns = self.doc.to_array(["IDX", "LENGTH"]).astype("int64")
        return columns[:, 0].tolist(), (columns[:, 0] + columns[:, 1]).tolist()

    @cached_property
    def tokens(self) -> "TokenColumns":
        return TokenColumns.of(self.doc)

    def token_at(self, offset: int):
        """The token covering a character offset (the next one when it falls between tokens)."""
        i = bisect_right(self.token_ends, offset)
        return self.doc[i] if i < len(self.token_ends) else None

    def sentences_in(self, start: int, end: int) -> list:
        """Sentences that overlap [start, end)."""
        first = max(0, bisect_right(self.sentence_starts, start) - 1)
        last = bisect_left(self.sentence_starts, end)
        return [s for s in self.sentences[first:last] if s.end_char > start and s.start_char < end]

    def ents_in(self, start: int, end: int) -> list:
        """Entities that start at or after ``start`` and end by ``end``."""
        first = bisect_left(self.ent_starts, start)
        last = bisect_left(self.ent_starts, end)
        return [e for e in self.ents[first:last] if e.end_char <= end]


@dataclass(frozen=True)
class TokenColumns:
    """Per token of a doc, what the clause and head searches test on every token, read from the doc's
    arrays once (a spaCy token object is built on every access): verb or auxiliary, the head's index,
    a coordinated dependent, a semicolon."""

    verbal: list[bool]
    heads: list[int]
    conj: list[bool]
    semicolon: list[bool]

    @classmethod
    def of(cls, doc) -> "TokenColumns":
        from spacy.attrs import DEP, HEAD, ORTH, POS
        from spacy.symbols import AUX, VERB

        n = len(doc)
        columns = doc.to_array([POS, DEP, HEAD, ORTH]).reshape(n, 4)
        signed = columns.view("int64")
        pos = columns[:, 0].tolist()
        strings = doc.vocab.strings
        return cls(verbal=[p == VERB or p == AUX for p in pos],
                   heads=[i + offset for i, offset in enumerate(signed[:, 2].tolist())],
                   conj=(columns[:, 1] == strings["conj"]).tolist(),
                   semicolon=(columns[:, 3] == strings[";"]).tolist())
