"""Token features for the loaded-language model, shared by its training script
(``scripts/train_loaded_language.py``) and by inference, so the two can never
drift apart.

A token is described by its own form, its parse (part of speech, dependency,
head), a window of neighbours, the framing lexicons (VADER valence, Pattern
subjectivity, the curated labels and hedges) and spaCy's 96-number contextual
vector (``doc.tensor``). The sparse part is a list of feature strings; the
dense part is the vector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.attrs import (
    DEP, ENT_TYPE, HEAD, IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LENGTH, LOWER, ORTH, POS, SENT_START, SPACY, TAG,
)

from parallax.article.quotes.marks import find_marked_spans
from parallax.lexicons import hedge_entries, hedge_matches, intensifiers, multiword_labels, political_labels, subjectivity, valence

QUOTE_CHARS = frozenset("\"“”„«»'’‘‹›")
FEATURE_VERSION = "1"


@lru_cache(maxsize=4096)
def _word_lexicon(lower: str, lemma: str) -> tuple[str, ...]:
    """Lexicon features of one word form (cached: news repeats its words)."""
    out = []
    vader = valence().get(lower, valence().get(lemma))
    if vader is not None:
        size = abs(vader)
        out.append("vad")
        out.append("vad>=1.5" if size >= 1.5 else "vad<1.5")
        if size >= 2.5:
            out.append("vad>=2.5")
        out.append("vad-" if vader < 0 else "vad+")
    subj = subjectivity().get(lower) or subjectivity().get(lemma)
    if subj is not None:
        polarity, subjective = subj
        out.append(f"subj{int(subjective * 4)}")
        if abs(polarity) >= 0.5:
            out.append("subjpol")
    label = political_labels().get(lower) or political_labels().get(lemma)
    if label is not None:
        out.append("lab=" + label[1])
        out.append("lab>=.7" if label[0] >= 0.7 else "lab<.7")
    if lower in intensifiers() or lemma in intensifiers():
        out.append("intens")
    return tuple(out)


# spaCy's string hashes are a function of the string alone, so one table serves every vocab
_STRINGS: dict[int, str] = {}


@dataclass
class TokenTable:
    """The token attributes framing reads, taken from the doc in one pass (spaCy builds a
    Python object for every token access, so reading each attribute once matters)."""

    starts: np.ndarray
    ends: np.ndarray
    texts: list[str]
    lowers: list[str]
    lemmas: list[str]
    pos: list[str]
    tags: list[str]
    deps: list[str]
    heads: np.ndarray
    ents: list[str]
    stop: np.ndarray
    alpha: np.ndarray
    words: np.ndarray  # not punctuation or space

    sentences: list[tuple[int, int]]  # token ranges of the doc's sentences
    text: str  # the doc's text (``doc.text`` builds a Python object per token each time it is read)

    @classmethod
    def of(cls, doc) -> "TokenTable":
        n = len(doc)
        if not n:
            empty = np.zeros(0, dtype=np.int64)
            return cls(empty, empty, [], [], [], [], [], [], empty, [], empty.astype(bool), empty.astype(bool),
                       empty.astype(bool), [], doc.text)
        raw = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, ENT_TYPE, IS_STOP, IS_ALPHA, IS_PUNCT, IS_SPACE,
                            IDX, LENGTH, SENT_START, SPACY])
        columns = raw.view(np.int64)  # string hashes stay unsigned (raw); offsets and flags read signed
        store = doc.vocab.strings
        names = _STRINGS
        if len(names) > 500_000:
            names.clear()

        def text_of(column: int) -> list[str]:
            out = []
            for key in raw[:, column].tolist():
                value = names.get(key)
                if value is None:
                    value = names[key] = store[key] if key else ""
                out.append(value)
            return out

        texts = text_of(0)
        lemmas = [lemma.lower() for lemma in text_of(2)]
        starts = columns[:, 12].copy()
        sentence_starts = [i for i, flag in enumerate(columns[:, 14].tolist()) if flag == 1 or i == 0]
        return cls(
            starts=starts, ends=starts + columns[:, 13], texts=texts, lowers=text_of(1), lemmas=lemmas,
            pos=text_of(3), tags=text_of(4), deps=text_of(5), heads=np.arange(n, dtype=np.int64) + columns[:, 6],
            ents=text_of(7), stop=columns[:, 8] == 1, alpha=columns[:, 9] == 1,
            words=(columns[:, 10] != 1) & (columns[:, 11] != 1),
            sentences=list(zip(sentence_starts, sentence_starts[1:] + [n])),
            text="".join(t + " " if space else t for t, space in zip(texts, columns[:, 15].tolist())),
        )


def _span_flags(starts: np.ndarray, spans) -> np.ndarray:
    """Per token: True where one of the (start, end) character spans covers the token's first character."""
    bounds = np.array(list(spans), dtype=np.int64).reshape(-1, 2)
    bounds = bounds[bounds[:, 1] > bounds[:, 0]]
    cover = np.zeros(len(starts) + 1, dtype=np.int64)
    np.add.at(cover, np.searchsorted(starts, bounds[:, 0]), 1)
    np.add.at(cover, np.searchsorted(starts, bounds[:, 1]), -1)
    return np.cumsum(cover[:-1]) > 0


def _char_flags(text: str, starts: np.ndarray, patterns) -> np.ndarray:
    """Per token: True where a pattern's match covers the token's first character."""
    return _span_flags(starts, (match.span() for pattern in patterns for match in pattern.finditer(text)))


def _inside_quotes(text: str, starts: np.ndarray) -> np.ndarray:
    return _span_flags(starts, ((span.start, span.end) for span in find_marked_spans(text)))


def _shape(text: str) -> str:
    if text.isupper() and len(text) > 1:
        return "CAPS"
    if text[:1].isupper():
        return "Cap"
    if text.isalpha():
        return "low"
    return re.sub(r"\d+", "0", re.sub(r"[A-Za-z]+", "a", text))[:4]


# Feature strings are built once per distinct word and grouped in cached tuples, each with
# a number: a token's features are a few group numbers, and the model sums each group's
# weights once (``LoadedLanguageModel.score_groups``).
_GROUPS: list[tuple[str, ...]] = []  # group number -> its feature strings
_GROUP_NUMBERS: dict[tuple[str, ...], int] = {}
MAX_GROUPS = 500_000  # then the numbering starts again (a long-running server meets ever new words)
_generation = 0  # how often it did; numbers of different generations do not mix


def _number(group: tuple[str, ...]) -> int:
    k = _GROUP_NUMBERS.get(group)
    if k is None:
        k = _GROUP_NUMBERS[group] = len(_GROUPS)
        _GROUPS.append(group)
    return k


def group_strings(number: int) -> tuple[str, ...]:
    return _GROUPS[number]


def group_count() -> int:
    return len(_GROUPS)


def generation() -> int:
    return _generation


# the fixed groups are numbered first, so they keep their numbers in every generation
_END = {mark: _number(("end=" + mark,)) for mark in ".!?"}
_EDGE = {offset: _number((f"w{offset:+d}=<edge>",)) for offset in (-2, -1, 1, 2)}
_FLAGS = {name: _number((name,)) for name in ("stop", "in-label", "in-hedge", "quoted", "quote-edge")}
_FIXED = len(_GROUPS)


def _renumber_if_full() -> None:
    global _generation
    if len(_GROUPS) <= MAX_GROUPS:
        return
    for group in _GROUPS[_FIXED:]:
        del _GROUP_NUMBERS[group]
    del _GROUPS[_FIXED:]
    for cached in (_own, _syntax, _ent, _neighbour, _pair, _lexical):
        cached.cache_clear()
    _generation += 1


@lru_cache(maxsize=65536)
def _own(lower: str, lemma: str, text: str) -> int:
    return _number(("bias", "w=" + lower, "l=" + lemma, "sh=" + _shape(text), "suf=" + lower[-3:]))


@lru_cache(maxsize=65536)
def _syntax(pos: str, tag: str, dep: str, head_lemma: str, head_pos: str) -> int:
    return _number(("p=" + pos, "t=" + tag, "d=" + dep, "hl=" + head_lemma, "hp=" + head_pos, "d|hp=" + dep + "|" + head_pos))


@lru_cache(maxsize=1024)
def _ent(ent: str) -> int:
    return _number(("ent=" + (ent or "O"),))


@lru_cache(maxsize=65536)
def _neighbour(lower: str, pos: str, lex: tuple[str, ...]) -> tuple[int, int, int, int]:
    """The word as the neighbour at -2, -1, +1 and +2 of another token."""
    return tuple(_number((f"w{offset:+d}=" + lower, f"p{offset:+d}=" + pos,
                          *(f"{offset:+d}" + x for x in lex if not x.startswith("subj") or offset in (-1, 1))))
                 for offset in (-2, -1, 1, 2))


@lru_cache(maxsize=4096)
def _pair(prefix: str, a: str, b: str) -> int:
    return _number((prefix + a + "|" + b,))


@lru_cache(maxsize=16384)
def _lexical(lex: tuple[str, ...], pos: str) -> int:
    return _number((*lex, *(x + "|" + pos for x in lex)))


@dataclass(frozen=True)
class FeatureGroups:
    """Token i's features: the strings of groups ``numbers[offsets[i]:offsets[i + 1]]``."""

    numbers: np.ndarray  # int64
    offsets: np.ndarray  # int64, n_tokens + 1; every token has at least one group
    generation: int  # of the numbering

    def strings(self, i: int) -> list[str]:
        return [f for k in self.numbers[self.offsets[i]:self.offsets[i + 1]].tolist() for f in _GROUPS[k]]


def token_feature_groups(doc, table: TokenTable | None = None) -> tuple[FeatureGroups, np.ndarray]:
    """Every token's features as group numbers; and the contextual vectors."""
    table = table or TokenTable.of(doc)
    _renumber_if_full()  # between docs, never inside one
    text = table.text
    n = len(doc)
    labels = _char_flags(text, table.starts, [multiword_labels()])
    hedges = _span_flags(table.starts, [span for (_, kind, _), spans in zip(hedge_entries(), hedge_matches(text))
                                        if kind == "hedge" for span in spans])
    quoted = _inside_quotes(text, table.starts)
    lowers, lemmas, pos, heads, texts = table.lowers, table.lemmas, table.pos, table.heads, table.texts
    lex = [_word_lexicon(lowers[i], lemmas[i]) if table.alpha[i] else () for i in range(n)]
    sentence_end = ["."] * n
    for start, end in table.sentences:
        last = texts[end - 1]
        mark = "!" if "!" in last else "?" if "?" in last else "."
        sentence_end[start:end] = [mark] * (end - start)
    around = [_neighbour(lowers[j], pos[j], lex[j]) for j in range(n)]
    # one column per slot of a token's groups, in their fixed order, -1 where a token has none:
    # the rows flattened are every token's groups in order (no per-token appends)
    slots = np.full((n, 16), -1, dtype=np.int64)
    slots[:, 0] = [_own(lowers[i], lemmas[i], texts[i]) for i in range(n)]
    slots[:, 1] = [_syntax(pos[i], table.tags[i], table.deps[i], lemmas[h], pos[h]) for i, h in enumerate(heads.tolist())]
    slots[:, 2] = [_ent(ent) for ent in table.ents]
    slots[:, 3] = [_END[mark] for mark in sentence_end]
    slots[table.stop, 4] = _FLAGS["stop"]
    for k, offset in enumerate((-2, -1, 1, 2)):
        slots[:, 5 + k] = _EDGE[offset]
        first, last = max(0, -offset), n - max(0, offset)  # the tokens whose neighbour at ``offset`` exists
        if first < last:
            slots[first:last, 5 + k] = [around[i + offset][k] for i in range(first, last)]
    slots[:, 9] = [_pair("p-1|p=", left, right) for left, right in zip(["<s>"] + pos[:-1], pos)]
    slots[:, 10] = [_pair("p|p+1=", left, right) for left, right in zip(pos, pos[1:] + ["</s>"])]
    slots[:, 11] = [_lexical(lex[i], pos[i]) if lex[i] else -1 for i in range(n)]
    slots[labels, 12] = _FLAGS["in-label"]
    slots[hedges, 13] = _FLAGS["in-hedge"]
    slots[quoted, 14] = _FLAGS["quoted"]
    marks = np.array([t in QUOTE_CHARS for t in texts], dtype=bool)
    beside_mark = np.zeros(n, dtype=bool)
    beside_mark[1:] |= marks[:-1]
    beside_mark[:-1] |= marks[1:]
    slots[quoted & beside_mark, 15] = _FLAGS["quote-edge"]
    present = slots >= 0
    numbers = slots[present]
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(present.sum(axis=1), out=offsets[1:])
    tensor = doc.tensor if doc.tensor is not None and len(doc.tensor) == n else np.zeros((n, 96), dtype=np.float32)
    groups = FeatureGroups(numbers, offsets, _generation)
    return groups, np.asarray(tensor, dtype=np.float32)


def token_features(doc, table: TokenTable | None = None) -> tuple[list[list[str]], np.ndarray]:
    """Feature strings and the contextual vector of every token of ``doc`` (what training reads)."""
    groups, tensor = token_feature_groups(doc, table)
    return [groups.strings(i) for i in range(len(groups.offsets) - 1)], tensor
