"""What every quote stage reads about one article, indexed once.

Sentences, paragraphs, quotation-mark spans, entities and posts are looked up
by offset with ``bisect`` over lists built once per article (the parse's from
the article's ``ParsedArticle``), so each lookup costs O(log n) and a whole
article stays linear in its length.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field

from parallax.article.parsed import ParsedArticle
from parallax.model import Article


class Ranges:
    """Character ranges with fast overlap queries (ranges may overlap each other)."""

    def __init__(self, ranges=()):
        self._items: list[tuple[int, int]] = sorted((a, b) for a, b in ranges)
        self._longest = max((b - a for a, b in self._items), default=0)

    def add(self, start: int, end: int) -> None:
        insort(self._items, (start, end))
        self._longest = max(self._longest, end - start)

    def __iter__(self):
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """Ranges that intersect [start, end)."""
        low = bisect_left(self._items, (start - self._longest, -1))
        high = bisect_left(self._items, (end, -1))
        return [(a, b) for a, b in self._items[low:high] if b > start and a < end]

    def covered(self, start: int, end: int, share: float = 0.5) -> bool:
        """At least ``share`` of [start, end) lies in the ranges (overlaps summed, as before)."""
        length = max(1, end - start)
        inside = sum(min(end, b) - max(start, a) for a, b in self.overlapping(start, end))
        return inside / length >= share

    def contains(self, offset: int) -> bool:
        return bool(self.overlapping(offset, offset + 1))

    def any_within(self, start: int, end: int) -> bool:
        """Some range lies wholly inside [start, end]."""
        return any(start <= a and b <= end for a, b in self.overlapping(start, end + 1))


def covered(ranges, start: int, end: int, share: float = 0.5) -> bool:
    """``covered`` for a plain list of ranges or a :class:`Ranges`."""
    if isinstance(ranges, Ranges):
        return ranges.covered(start, end, share)
    length = max(1, end - start)
    overlap = sum(max(0, min(end, b) - max(start, a)) for a, b in ranges)
    return overlap / length >= share


@dataclass(kw_only=True)
class ArticleContext:
    """One article's parse with its lookups; the people and roles found in it."""

    article: Article
    doc: object
    parsed: ParsedArticle | None = None  # the article's index of ``doc``, built here when not given
    sentences: list = field(init=False, default_factory=list)
    paragraphs: list[tuple[int, int]] = field(init=False, default_factory=list)
    people: dict[str, str] = field(default_factory=dict)  # surname (lower) → fullest name
    # surname (lower) → {full name: offsets where a mention of that person starts}
    namesakes: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    # surname (lower) → (offset, full name) of each full-name mention that is a main clause's subject, in text order
    lead_mentions: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)  # fullest name → role
    genders: dict[str, str] = field(default_factory=dict)  # fullest name → "m" / "f", from evidence in the text
    given_names: dict[str, set[str]] = field(default_factory=dict)  # given name (lower) → full names that have it
    role_sets: dict[str, list[str]] = field(default_factory=dict)  # fullest name → every role written with it
    person_names: set[tuple[int, int]] = field(default_factory=set)  # entity spans spaCy mislabelled that name people
    posts: list = field(default_factory=list)
    marked: Ranges = field(default_factory=Ranges)  # quotation-mark spans (outer)

    def __post_init__(self) -> None:
        if self.parsed is None:
            self.parsed = ParsedArticle(self.doc)
        parsed = self.parsed  # its lists are shared with the later stages: read, never changed
        self.sentences = parsed.sentences
        self.paragraphs = parsed.paragraphs
        self._sentence_starts = parsed.sentence_starts
        self._paragraph_starts = parsed.paragraph_starts
        self.ents = parsed.ents
        self._ent_of_token = parsed.ent_of_token  # token index → the entity holding it
        self._ent_ends = parsed.ent_ends
        self._token_starts = parsed.token_starts
        self._lemma_tokens: dict[str, list[int]] = {}
        self._name_positions: dict[str, list[int]] = {}
        self.posts = [p for p in self.posts]
        self._post_starts = sorted((p.start, p.end, n) for n, p in enumerate(self.posts) if p.start is not None and p.end is not None)

    # ----------------------------------------------------------------- lookups

    def quoted(self, offset: int) -> bool:
        return self.marked.contains(offset)

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the last one past the end, -1 when none)."""
        if not self.sentences:
            return -1
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end_char:
            return i
        if i < 0:
            # before the first sentence (leading whitespace): the first sentence, as a scan would find
            return 0 if offset < self.sentences[0].end_char else len(self.sentences) - 1
        return len(self.sentences) - 1

    def sentence_at(self, offset: int):
        i = self.sentence_index(offset)
        return self.sentences[i] if i >= 0 else None

    def sentences_between(self, start: int, end: int) -> list:
        """Sentences that start at or after ``start`` and start before ``end``."""
        low = bisect_left(self._sentence_starts, start)
        high = bisect_left(self._sentence_starts, end)
        return self.sentences[low:high]

    def paragraph_of(self, offset: int) -> int:
        # paragraphs are closed ranges here: an offset at a paragraph's end still belongs to it
        i = bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0 and offset <= self.paragraphs[i][1]:
            return i
        return -1

    def post_at(self, offset: int):
        for start, end, n in self._post_starts:
            if start <= offset < end:
                return self.posts[n]
            if start > offset:
                break
        return None

    def token_from(self, offset: int):
        """The first token starting at or after ``offset`` (None past the end)."""
        i = bisect_left(self._token_starts, offset)
        return self.doc[i] if i < len(self._token_starts) else None

    def entity_of(self, token):
        index = self._ent_of_token[token.i]
        return self.ents[index] if index >= 0 else None

    def ents_before(self, offset: int):
        """Entities ending at or before ``offset``, nearest first."""
        i = bisect_right(self._ent_ends, offset)
        for index in range(i - 1, -1, -1):
            yield self.ents[index]

    def tokens_with_lemma(self, lemma: str) -> list[int]:
        if not self._lemma_tokens:
            for token in self.doc:
                self._lemma_tokens.setdefault(token.lemma_.lower(), []).append(token.i)
        return self._lemma_tokens.get(lemma, [])

    def name_positions(self, name: str) -> list[int]:
        """Every offset where ``name`` occurs in the text (computed once per name)."""
        positions = self._name_positions.get(name)
        if positions is None:
            text = self.article.text
            positions = []
            at = text.find(name)
            while at >= 0:
                positions.append(at)
                at = text.find(name, at + 1)
            self._name_positions[name] = positions
        return positions

    def first_position(self, name: str, start: int = 0) -> int:
        """``text.find(name, start)`` from the index."""
        positions = self.name_positions(name)
        i = bisect_left(positions, start)
        return positions[i] if i < len(positions) else -1
