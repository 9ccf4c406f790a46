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
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LENGTH, LOWER, ORTH, POS, SENT_START, TAG

from parallax.article.quote_marks import find_marked_spans
from parallax.lexicons import hedge_patterns, intensifiers, multiword_labels, political_labels, subjectivity, valence

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

    @classmethod
    def of(cls, doc) -> "TokenTable":
        n = len(doc)
        if not n:
            empty = np.zeros(0, dtype=np.int64)
            return cls(empty, empty, [], [], [], [], [], [], empty, [], empty.astype(bool), empty.astype(bool),
                       empty.astype(bool), [])
        raw = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, ENT_TYPE, IS_STOP, IS_ALPHA, IS_PUNCT, IS_SPACE,
                            IDX, LENGTH, SENT_START])
        columns = raw.view(np.int64)  # string hashes stay unsigned (raw); offsets and flags read signed
        store = doc.vocab.strings
        names: dict[int, str] = {}

        def text_of(column: int) -> list[str]:
            out = []
            for key in raw[:, column].tolist():
                value = names.get(key)
                if value is None:
                    value = names[key] = store[key] if key else ""
                out.append(value)
            return out

        lemmas = [lemma.lower() for lemma in text_of(2)]
        starts = columns[:, 12].copy()
        sentence_starts = [i for i, flag in enumerate(columns[:, 14].tolist()) if flag == 1 or i == 0]
        return cls(
            starts=starts, ends=starts + columns[:, 13], texts=text_of(0), lowers=text_of(1), lemmas=lemmas,
            pos=text_of(3), tags=text_of(4), deps=text_of(5), heads=np.arange(n, dtype=np.int64) + columns[:, 6],
            ents=text_of(7), stop=columns[:, 8] == 1, alpha=columns[:, 9] == 1,
            words=(columns[:, 10] != 1) & (columns[:, 11] != 1),
            sentences=list(zip(sentence_starts, sentence_starts[1:] + [n])),
        )


def _char_flags(text: str, starts: np.ndarray, patterns) -> np.ndarray:
    """Per token: 1 where a pattern's match covers the token's first character."""
    flags = np.zeros(len(starts), dtype=bool)
    for pattern in patterns:
        for match in pattern.finditer(text):
            lo, hi = np.searchsorted(starts, [match.start(), match.end()])
            flags[lo:hi] = True
    return flags


def _inside_quotes(text: str, starts: np.ndarray) -> np.ndarray:
    flags = np.zeros(len(starts), dtype=bool)
    for span in find_marked_spans(text):
        lo, hi = np.searchsorted(starts, [span.start, span.end])
        flags[lo:hi] = True
    return flags


def _shape(text: str) -> str:
    if text.isupper() and len(text) > 1:
        return "CAPS"
    if text[:1].isupper():
        return "Cap"
    if text.isalpha():
        return "low"
    return re.sub(r"\d+", "0", re.sub(r"[A-Za-z]+", "a", text))[:4]


# Feature strings are built once per distinct word and grouped in cached tuples: the model
# sums each group's weights once, and the strings keep their hashes.
_END = {mark: ("end=" + mark,) for mark in ".!?"}
_EDGE = {offset: (f"w{offset:+d}=<edge>",) for offset in (-2, -1, 1, 2)}
_FLAGS = {name: (name,) for name in ("stop", "in-label", "in-hedge", "quoted", "quote-edge")}


@lru_cache(maxsize=65536)
def _own(lower: str, lemma: str, text: str) -> tuple[str, ...]:
    return ("bias", "w=" + lower, "l=" + lemma, "sh=" + _shape(text), "suf=" + lower[-3:])


@lru_cache(maxsize=65536)
def _syntax(pos: str, tag: str, dep: str, head_lemma: str, head_pos: str) -> tuple[str, ...]:
    return ("p=" + pos, "t=" + tag, "d=" + dep, "hl=" + head_lemma, "hp=" + head_pos, "d|hp=" + dep + "|" + head_pos)


@lru_cache(maxsize=1024)
def _ent(ent: str) -> tuple[str, ...]:
    return ("ent=" + (ent or "O"),)


@lru_cache(maxsize=65536)
def _neighbour(offset: int, lower: str, pos: str, lex: tuple[str, ...]) -> tuple[str, ...]:
    return (f"w{offset:+d}=" + lower, f"p{offset:+d}=" + pos,
            *(f"{offset:+d}" + x for x in lex if not x.startswith("subj") or offset in (-1, 1)))


@lru_cache(maxsize=4096)
def _pair(prefix: str, a: str, b: str) -> tuple[str, ...]:
    return (prefix + a + "|" + b,)


@lru_cache(maxsize=16384)
def _lexical(lex: tuple[str, ...], pos: str) -> tuple[str, ...]:
    return (*lex, *(x + "|" + pos for x in lex))


def token_feature_groups(doc, table: TokenTable | None = None) -> tuple[list[list[tuple[str, ...]]], np.ndarray]:
    """Per token, its feature strings in cached groups; and the contextual vectors."""
    table = table or TokenTable.of(doc)
    text = doc.text
    n = len(doc)
    labels = _char_flags(text, table.starts, [multiword_labels()])
    hedges = _char_flags(text, table.starts, [p for p, kind in hedge_patterns() if kind == "hedge"])
    quoted = _inside_quotes(text, table.starts)
    lowers, lemmas, pos, heads, texts = table.lowers, table.lemmas, table.pos, table.heads, table.texts
    lex = [_word_lexicon(lowers[i], lemmas[i]) if table.alpha[i] else () for i in range(n)]
    sentence_end = ["."] * n
    for start, end in table.sentences:
        last = texts[end - 1]
        mark = "!" if "!" in last else "?" if "?" in last else "."
        sentence_end[start:end] = [mark] * (end - start)
    rows: list[list[tuple[str, ...]]] = []
    for i in range(n):
        h = heads[i]
        g = [_own(lowers[i], lemmas[i], texts[i]), _syntax(pos[i], table.tags[i], table.deps[i], lemmas[h], pos[h]),
             _ent(table.ents[i]), _END[sentence_end[i]]]
        if table.stop[i]:
            g.append(_FLAGS["stop"])
        for offset in (-2, -1, 1, 2):
            j = i + offset
            g.append(_neighbour(offset, lowers[j], pos[j], lex[j]) if 0 <= j < n else _EDGE[offset])
        g.append(_pair("p-1|p=", pos[i - 1] if i else "<s>", pos[i]))
        g.append(_pair("p|p+1=", pos[i], pos[i + 1] if i + 1 < n else "</s>"))
        if lex[i]:
            g.append(_lexical(lex[i], pos[i]))
        if labels[i]:
            g.append(_FLAGS["in-label"])
        if hedges[i]:
            g.append(_FLAGS["in-hedge"])
        if quoted[i]:
            g.append(_FLAGS["quoted"])
            if i and texts[i - 1] in QUOTE_CHARS or i + 1 < n and texts[i + 1] in QUOTE_CHARS:
                g.append(_FLAGS["quote-edge"])
        rows.append(g)
    tensor = doc.tensor if doc.tensor is not None and len(doc.tensor) == n else np.zeros((n, 96), dtype=np.float32)
    return rows, np.asarray(tensor, dtype=np.float32)


def token_features(doc, table: TokenTable | None = None) -> tuple[list[list[str]], np.ndarray]:
    """Feature strings and the contextual vector of every token of ``doc`` (what training reads)."""
    groups, tensor = token_feature_groups(doc, table)
    return [[f for group in token for f in group] for token in groups], tensor
