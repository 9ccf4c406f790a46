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

    @classmethod
    def of(cls, doc) -> "TokenTable":
        n = len(doc)
        texts, lowers, lemmas, pos, tags, deps, ents = [], [], [], [], [], [], []
        starts = np.zeros(n, dtype=np.int64)
        stop = np.zeros(n, dtype=bool)
        alpha = np.zeros(n, dtype=bool)
        words = np.zeros(n, dtype=bool)
        for i, t in enumerate(doc):
            texts.append(t.text)
            lowers.append(t.lower_)
            lemmas.append(t.lemma_.lower())
            pos.append(t.pos_)
            tags.append(t.tag_)
            deps.append(t.dep_)
            ents.append(t.ent_type_)
            starts[i] = t.idx
            stop[i], alpha[i], words[i] = t.is_stop, t.is_alpha, not (t.is_punct or t.is_space)
        heads = np.arange(n, dtype=np.int64) + (doc.to_array(["HEAD"]).view(np.int64) if n else np.zeros(0, dtype=np.int64))
        ends = starts + np.array([len(x) for x in texts], dtype=np.int64)
        return cls(starts, ends, texts, lowers, lemmas, pos, tags, deps, heads, ents, stop, alpha, words)


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


# Feature strings are built once per distinct word and reused: the same string objects keep
# their hashes, so the model's lookups stay cheap.
_END = {mark: "end=" + mark for mark in ".!?"}
_EDGE = {offset: f"w{offset:+d}=<edge>" for offset in (-2, -1, 1, 2)}


@lru_cache(maxsize=65536)
def _own(lower: str, lemma: str, text: str) -> tuple[str, ...]:
    return ("bias", "w=" + lower, "l=" + lemma, "sh=" + _shape(text), "suf=" + lower[-3:])


@lru_cache(maxsize=65536)
def _syntax(pos: str, tag: str, dep: str, head_lemma: str, head_pos: str) -> tuple[str, ...]:
    return ("p=" + pos, "t=" + tag, "d=" + dep, "hl=" + head_lemma, "hp=" + head_pos, "d|hp=" + dep + "|" + head_pos)


@lru_cache(maxsize=65536)
def _neighbour(offset: int, lower: str, pos: str, lex: tuple[str, ...]) -> tuple[str, ...]:
    return (f"w{offset:+d}=" + lower, f"p{offset:+d}=" + pos,
            *(f"{offset:+d}" + x for x in lex if not x.startswith("subj") or offset in (-1, 1)))


@lru_cache(maxsize=4096)
def _pair(prefix: str, a: str, b: str) -> str:
    return prefix + a + "|" + b


@lru_cache(maxsize=16384)
def _lexical(lex: tuple[str, ...], pos: str) -> tuple[str, ...]:
    return (*lex, *(x + "|" + pos for x in lex))


def token_features(doc, table: TokenTable | None = None) -> tuple[list[list[str]], np.ndarray]:
    """Feature strings and the contextual vector of every token of ``doc``."""
    table = table or TokenTable.of(doc)
    text = doc.text
    n = len(doc)
    labels = _char_flags(text, table.starts, [multiword_labels()])
    hedges = _char_flags(text, table.starts, [p for p, kind in hedge_patterns() if kind == "hedge"])
    quoted = _inside_quotes(text, table.starts)
    lowers, lemmas, pos, heads = table.lowers, table.lemmas, table.pos, table.heads
    lex = [_word_lexicon(lowers[i], lemmas[i]) if table.alpha[i] else () for i in range(n)]
    sentence_end = ["."] * n
    for sent in doc.sents:
        last = table.texts[sent.end - 1]
        mark = "!" if "!" in last else "?" if "?" in last else "."
        sentence_end[sent.start:sent.end] = [mark] * (sent.end - sent.start)
    rows: list[list[str]] = []
    for i in range(n):
        h = heads[i]
        f = [*_own(lowers[i], lemmas[i], table.texts[i]), *_syntax(pos[i], table.tags[i], table.deps[i], lemmas[h], pos[h]),
             "ent=" + (table.ents[i] or "O"), _END[sentence_end[i]]]
        if table.stop[i]:
            f.append("stop")
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                f.extend(_neighbour(offset, lowers[j], pos[j], lex[j]))
            else:
                f.append(_EDGE[offset])
        f.append(_pair("p-1|p=", pos[i - 1] if i else "<s>", pos[i]))
        f.append(_pair("p|p+1=", pos[i], pos[i + 1] if i + 1 < n else "</s>"))
        f.extend(_lexical(lex[i], pos[i]))
        if labels[i]:
            f.append("in-label")
        if hedges[i]:
            f.append("in-hedge")
        if quoted[i]:
            f.append("quoted")
            if i and table.texts[i - 1] in QUOTE_CHARS or i + 1 < n and table.texts[i + 1] in QUOTE_CHARS:
                f.append("quote-edge")
        rows.append(f)
    tensor = doc.tensor if doc.tensor is not None and len(doc.tensor) == n else np.zeros((n, 96), dtype=np.float32)
    return rows, np.asarray(tensor, dtype=np.float32)
