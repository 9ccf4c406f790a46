"""Does claim A of one article state the same proposition as claim B of another?

Alignment is retrieval plus verification. ``ClaimTable`` indexes a story's
claims once (sentence embeddings, TF-IDF rows, content words, entity ids,
holders, quote groups, numbers, positions); ``candidate_pairs`` retrieves
the pairs of different articles worth a look; ``pair_features`` describes
each pair; ``PairModel`` turns the features into a calibrated probability
with a logistic model fitted on hand-aligned gold (``scripts/fit_alignment.py``
writes ``data/alignment_model.json``, with the data it was fitted on and its
held-out scores).
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

import numpy as np

from parallax.embed import Encoded, token_match
from parallax.model import Claim
from parallax.text_similarity import content_words, tfidf_rows

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "alignment_model.json"
# Retrieval keeps a pair when either similarity passes its floor (recall first; verification decides).
RETRIEVE_SEMANTIC = 0.54  # static-vector cosine of sentences (about the share of pairs MiniLM claim cosine 0.25 kept)
RETRIEVE_LEXICAL = 0.08
RETRIEVE_TOP = 3  # and each claim's best few matches in every other article
RETRIEVE_MUTUAL = 0.45  # when their similarity passes this floor
RETRIEVE_PER_CLAIM = 10  # a pair is kept when it is among the closest this many of either claim
PARTITION_ROWS = 256  # rows of the claim × claim scores partitioned at once

FEATURES = (
    "semantic",  # cosine of the embeddings of the claims' sentences (sentence TF-IDF cosine without the model)
    "token_match",  # content word pieces of one sentence matched to their closest in the other's (likewise)
    "lexical",  # TF-IDF cosine of the claims, IDF over the story's claims
    "sentence_lexical",  # TF-IDF cosine of the claims' sentences
    "claim_semantic",  # cosine of the claims' own embeddings: tells apart two claims of one sentence
    "claim_token_match",
    "rare_shared",  # IDF of the rarest content word both share
    "shared_weight",  # IDF-weighted share of content words in common
    "entities_shared",  # entity ids both mention
    "entities_jaccard",
    "same_holder",  # both attributed to the same speaker entity
    "other_holders",  # both attributed, to different speakers
    "holder_mentioned",  # one attributes it to X, the other mentions X
    "same_quote",  # both carry the same quotation (one quote group)
    "numbers_agree",  # a figure with the same unit and value in both
    "numbers_differ",  # a figure with the same unit and another value
    "negation_differs",  # one negates the main verb, the other does not
    "same_predicate",  # the same main verb lemma
    "mutual_rank",  # 0 when each is the other's best match in its article, larger otherwise
    "lead",  # how early the earlier of the two comes in its article (1 = first)
    "length",  # log of the shorter claim's words
)


@dataclass
class ClaimTable:
    """A story's claims, indexed once for retrieval and verification."""

    claims: list[Claim]
    article_of: np.ndarray  # article index per claim
    semantic: np.ndarray  # claim × claim cosine of their sentences' embeddings
    lexical: np.ndarray  # claim × claim TF-IDF cosine
    sentence_lexical: np.ndarray  # TF-IDF cosine of their sentences
    claim_semantic: np.ndarray  # cosine of the claims' own embeddings
    sentence_of: np.ndarray  # per claim: an id of its sentence, unique across articles (claims of one sentence share it)
    words: list[set[str]]
    sentence_words: list[frozenset[str]]  # content words of each claim's sentence (claims of one sentence share it)
    idf: dict[str, float]
    numbers: list[dict[str, set[str]]]
    negated: np.ndarray
    predicates: list[str | None]
    position: np.ndarray  # 0 at the article's start, 1 at its end
    embedded: bool = True
    tokens: list[np.ndarray] | None = None  # content-piece vectors of each claim's sentence (with the model)
    claim_tokens: list[np.ndarray] | None = None  # and of the claim itself
    top: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=bool))  # top[i, j]: best_match_rank(i, j) < RETRIEVE_TOP
    # identities, filled by ``link`` once the story's entities are resolved
    entities: list[frozenset[str]] = field(default_factory=list)
    holders: list[str | None] = field(default_factory=list)  # speaker entity id (quoted claims)
    quote_groups: list[str | None] = field(default_factory=list)

    @classmethod
    def build(cls, claims: list[Claim], article_ids: list[str], article_length: dict[str, int],
              encode: Callable[[list[str]], Encoded | None] | None, quote_group_of: dict[str, str],
              sentences: list[str] | None = None) -> "ClaimTable":
        """Index the claims: their words (``from_texts``), then their identities (``link``)."""
        table = cls.from_texts(claims, article_ids, article_length, encode, sentences)
        table.link(quote_group_of)
        return table

    @classmethod
    def from_texts(cls, claims: list[Claim], article_ids: list[str], article_length: dict[str, int],
                   encode: Callable[[list[str]], Encoded | None] | None, sentences: list[str] | None = None) -> "ClaimTable":
        """Index what the claims' words and places say; nothing here reads an entity, so it can run
        while the entities are being resolved. ``sentences`` holds each claim's sentence: embeddings
        and the sentence TF-IDF compare whole sentences (each embedded once), since a claim cut from
        a longer sentence often states less than the sentence that agrees with another outlet's."""
        index = {a: i for i, a in enumerate(article_ids)}
        article_of = np.array([index[c.article_id] for c in claims], dtype=np.int32)
        bags = [Counter(content_words(c.text)) for c in claims]
        rows = tfidf_rows(bags)
        lexical = np.asarray((rows @ rows.T).todense(), dtype=np.float32)
        sentences = sentences if sentences is not None else [c.text for c in claims]
        distinct = sorted(set(sentences))
        row_of = {text: k for k, text in enumerate(distinct)}
        rows_of_claims = [row_of[text] for text in sentences]
        sentence_bags = [Counter(content_words(text)) for text in distinct]
        sentence_rows = tfidf_rows(sentence_bags)
        sentence_sets = [frozenset(bag) for bag in sentence_bags]
        sentence_lexical = np.asarray((sentence_rows @ sentence_rows.T).todense(), dtype=np.float32)[np.ix_(rows_of_claims, rows_of_claims)]
        claim_texts = [c.text for c in claims]
        encoded = encode(distinct + claim_texts) if encode is not None and claims else None
        tokens: list[np.ndarray] | None = None
        claim_tokens: list[np.ndarray] | None = None
        if encoded is not None:
            vectors = encoded.vectors[rows_of_claims]
            semantic = vectors @ vectors.T
            tokens = [encoded.tokens[k] for k in rows_of_claims]
            own = encoded.vectors[len(distinct):]
            claim_semantic = own @ own.T
            claim_tokens = encoded.tokens[len(distinct):]
        else:  # without the model, the TF-IDF cosines stand in for the embeddings
            semantic, claim_semantic = sentence_lexical.copy(), lexical.copy()
        n = max(1, len(claims))
        df = Counter(w for bag in bags for w in bag)
        table = cls(
            claims=claims,
            article_of=article_of,
            semantic=np.asarray(semantic, dtype=np.float32),
            lexical=lexical,
            sentence_lexical=sentence_lexical,
            claim_semantic=np.asarray(claim_semantic, dtype=np.float32),
            sentence_of=np.unique(np.stack([article_of, np.array(rows_of_claims, dtype=np.int32)], axis=1), axis=0,
                                  return_inverse=True)[1].reshape(-1).astype(np.int32),
            words=[set(bag) for bag in bags],
            sentence_words=[sentence_sets[row] for row in rows_of_claims],
            idf={w: math.log((1 + n) / (1 + f)) + 1 for w, f in df.items()},
            numbers=[numbers_of(c) for c in claims],
            negated=np.array([bool(c.predicate and c.predicate.negated) for c in claims]),
            predicates=[c.predicate.lemma if c.predicate else None for c in claims],
            position=np.array([c.start / max(1, article_length.get(c.article_id, 1)) for c in claims], dtype=np.float32),
            embedded=encoded is not None,
            tokens=tokens,
            claim_tokens=claim_tokens,
        )
        table.top = best_matches(table)
        return table

    def link(self, quote_group_of: dict[str, str]) -> None:
        """The entities each claim names, its holder and its quote group (claims' identities linked)."""
        self.entities = [frozenset(a.entity_id for a in c.arguments if a.entity_id and a.kind in ("entity", "place"))
                         for c in self.claims]
        self.holders = [c.holder.entity_id if c.voice == "quoted" else None for c in self.claims]
        self.quote_groups = [quote_group_of.get(c.quote_id or "") for c in self.claims]

    def __len__(self) -> int:
        return len(self.claims)

    @property
    def retrieval(self) -> np.ndarray:
        return np.maximum(self.semantic, self.lexical)

    @property
    def closeness(self) -> np.ndarray:
        """How close two claims are, for keeping each claim's closest candidates."""
        return self.retrieval + self.sentence_lexical


def sentences_of(claims: list[Claim], texts: dict[str, str], sentences: dict[str, list[tuple[int, int]]],
                 frames: dict[str, list[tuple[int, int]]] | None = None) -> list[str]:
    """The text of the sentence each claim lies in (by bisect over its article's sentence starts),
    without the spans ``frames`` names for it (claim id → spans): who holds a claim states nothing of
    the proposition, holders are compared on their own, and a name two sentences share would
    otherwise pass for agreement."""
    starts = {article: [start for start, _ in spans] for article, spans in sentences.items()}
    frames = frames or {}
    out = []
    for claim in claims:
        spans = sentences.get(claim.article_id) or []
        k = bisect_right(starts.get(claim.article_id, []), claim.start) - 1
        if k < 0 or spans[k][1] < claim.end:
            out.append(claim.text)  # a claim across sentence bounds stands for itself
            continue
        start, end = spans[k]
        text, kept, at = texts[claim.article_id], [], start
        for cut_start, cut_end in sorted(frames.get(claim.id, ())):
            if at <= cut_start and cut_end <= end and not (claim.start < cut_end and cut_start < claim.end):
                kept.append(text[at:cut_start])
                at = cut_end
        out.append("".join(kept) + text[at:end])
    return out


def attribution_frames(claims: list[Claim]) -> dict[str, list[tuple[int, int]]]:
    """claim id → where its sentence names who holds it, for a rebuttal the narration reports
    ("Mr. Pence's chief of staff, Marc Short, dismissed the criticism that …"). Cutting the
    speaker's name out of quoted claims' sentences as well scored worse on the dev gold."""
    return {c.id: [(c.holder_span.start, c.holder_span.end)] for c in claims
            if c.holder_span is not None and c.holder_span.article_id == c.article_id}


def numbers_of(claim: Claim) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for argument in claim.arguments:
        if argument.kind == "number" and argument.unit and argument.value:
            out.setdefault(argument.unit, set()).add(argument.value)
    return out


def match_score(table: ClaimTable, rows: np.ndarray | slice, columns: np.ndarray | slice) -> np.ndarray:
    """What ranks the matches of a claim: the mean of semantic and lexical similarity (rows × columns)."""
    if isinstance(rows, np.ndarray) and isinstance(columns, np.ndarray):
        rows, columns = rows[:, None], columns[None, :]
    return (table.semantic[rows, columns] + table.lexical[rows, columns]) / 2


def article_columns(table: ClaimTable) -> list[tuple[int, np.ndarray | slice]]:
    """Each article's claims as columns: a slice when they are consecutive (as a story lists them)."""
    out = []
    for article in np.unique(table.article_of):
        columns = np.flatnonzero(table.article_of == article)
        consecutive = columns[-1] - columns[0] + 1 == len(columns)
        out.append((int(article), slice(int(columns[0]), int(columns[-1]) + 1) if consecutive else columns))
    return out


def best_match_rank(table: ClaimTable, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """rank of j among i's matches: how many claims of j's article match i better than j does (0 = j is
    i's best; ties go to the earlier claim), for index arrays i and j, without ranking every pair."""
    rank = np.zeros(len(i), dtype=np.float32)
    articles = table.article_of[j]
    for article, columns in article_columns(table):
        at = np.flatnonzero(articles == article)
        if not len(at):
            continue
        x, y = i[at], j[at]
        block = match_score(table, x, columns)
        own = ((table.semantic[x, y] + table.lexical[x, y]) / 2)[:, None]
        index = np.arange(table.article_of.size)[columns]
        rank[at] = (block > own).sum(axis=1) + ((block == own) & (index[None, :] < y[:, None])).sum(axis=1)
    return rank


def best_matches(table: ClaimTable) -> np.ndarray:
    """claim × claim: j is among the RETRIEVE_TOP best matches of i in j's article (best_match_rank below it)."""
    n = len(table)
    top = np.zeros((n, n), dtype=bool)
    for _, columns in article_columns(table):
        block = match_score(table, slice(None), columns)
        if block.shape[1] <= RETRIEVE_TOP:
            top[:, columns] = True
            continue
        # the RETRIEVE_TOP-th best score of each row: above it a claim is in, below it out, and on
        # it the claims that match as well and come earlier decide
        cut = -np.partition(-block, RETRIEVE_TOP - 1, axis=1)[:, RETRIEVE_TOP - 1:RETRIEVE_TOP]
        tied = block == cut
        better = (block > cut).sum(axis=1, keepdims=True)
        top[:, columns] = (block > cut) | (tied & (better + np.cumsum(tied, axis=1) - 1 < RETRIEVE_TOP))
    return top


def near(table: ClaimTable) -> np.ndarray:
    """claim × claim: similar enough to be worth verifying (recall first; verification decides)."""
    close = (table.semantic >= RETRIEVE_SEMANTIC) | (table.lexical >= RETRIEVE_LEXICAL)
    mutual = table.top & table.top.T
    mutual &= (table.semantic > RETRIEVE_MUTUAL) | (table.lexical > RETRIEVE_MUTUAL)  # retrieval above it, without its matrix
    close |= mutual
    number = {g: k + 1 for k, g in enumerate(sorted({g for g in table.quote_groups if g}))}
    groups = np.array([number.get(g, 0) if g else 0 for g in table.quote_groups])
    close |= (groups[:, None] == groups[None, :]) & (groups[:, None] != 0)
    return close


def candidate_pairs(table: ClaimTable, close: np.ndarray | None = None) -> np.ndarray:
    """Pairs (i < j) of claims of different articles worth verifying, as an array of index pairs:
    near ones, at most RETRIEVE_PER_CLAIM per claim (the most similar), so that a comparison of many
    articles verifies a number of pairs linear in its claims, not quadratic. ``close`` is
    ``near(table)`` when the caller has it already."""
    n = len(table)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    keep = table.article_of[:, None] != table.article_of[None, :]
    keep &= near(table) if close is None else close
    if n > RETRIEVE_PER_CLAIM:
        # closeness where kept, -inf elsewhere, built in place (the claim × claim matrices are the
        # story stage's largest objects); each row's RETRIEVE_PER_CLAIM-th largest, a few rows at a time
        score = np.maximum(table.semantic, table.lexical)
        score += table.sentence_lexical
        score[~keep] = -np.inf
        floor = np.empty(n, dtype=score.dtype)
        for first in range(0, n, PARTITION_ROWS):
            block = score[first:first + PARTITION_ROWS]
            floor[first:first + PARTITION_ROWS] = np.partition(block, n - RETRIEVE_PER_CLAIM, axis=1)[:, n - RETRIEVE_PER_CLAIM]
        keep &= (score >= floor[:, None]) | (score >= floor[None, :])
    return np.argwhere(np.triu(keep, k=1))


def best_of_their_sentences(table: ClaimTable, pairs: np.ndarray) -> np.ndarray:
    """Per pair: is each claim, of the claims split from its sentence, the one closest to the other?

    The similarity features compare whole sentences, so every claim of "Engineers found malicious code,
    and the trail leads to Dostria" looks alike to a claim elsewhere; only the sibling whose own words
    match best may take the sentence's evidence."""
    if not len(pairs):
        return np.zeros(0, dtype=bool)
    i, j = pairs[:, 0], pairs[:, 1]

    def own(x, y):  # how close claim x's own words come to claim y (claim embeddings plus TF-IDF)
        return table.claim_semantic[x, y] + table.lexical[x, y]

    def best(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """The closest any claim of x's sentence comes to y, for the pairs (x, y) only."""
        out = own(x, y)
        sentence_of_x = table.sentence_of[x]
        shared = np.flatnonzero(np.bincount(table.sentence_of)[sentence_of_x] > 1)  # x's sentence has other claims
        if len(shared):
            members: dict[int, list[int]] = {}
            for claim, sentence in enumerate(table.sentence_of.tolist()):
                members.setdefault(sentence, []).append(claim)
            order = shared[np.argsort(sentence_of_x[shared], kind="stable")]
            sentences, starts = np.unique(sentence_of_x[order], return_index=True)
            for sentence, at in zip(sentences.tolist(), np.split(order, starts[1:])):
                out[at] = own(np.array(members[sentence])[:, None], y[at][None, :]).max(axis=0)
        return out

    return (own(i, j) >= best(i, j) - 1e-6) & (own(j, i) >= best(j, i) - 1e-6)


def pair_features(table: ClaimTable, pairs: np.ndarray, known: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """One row of FEATURES per pair: matrix look-ups for whole columns, a loop only for the set-valued ones.
    ``known`` holds pairs of this table and their rows, computed before: a row depends on its pair
    alone, so those are copied, not computed again."""
    if known is not None and len(pairs) and len(known[0]):
        row_of = {(int(x), int(y)): k for k, (x, y) in enumerate(known[0])}
        found = [row_of.get((int(x), int(y)), -1) for x, y in pairs]
        new = [k for k, f in enumerate(found) if f < 0]
        rows = np.zeros((len(pairs), len(FEATURES)), dtype=np.float32)
        old = [k for k, f in enumerate(found) if f >= 0]
        rows[old] = known[1][[found[k] for k in old]]
        if new:
            rows[new] = pair_features(table, pairs[new])
        return rows
    rows = np.zeros((len(pairs), len(FEATURES)), dtype=np.float32)
    if not len(pairs):
        return rows
    i, j = pairs[:, 0], pairs[:, 1]
    column = {name: k for k, name in enumerate(FEATURES)}
    # two claims of one sentence (a report and the denial it quotes): the sentence says nothing
    one_sentence = table.sentence_of[i] == table.sentence_of[j]
    # claims of one sentence share its piece vectors: each pair of vectors is matched once
    matched: dict[tuple[int, int], float] = {}

    def match(a: np.ndarray, b: np.ndarray) -> float:
        key = (id(a), id(b))
        value = matched.get(key)
        if value is None:
            value = matched[key] = token_match(a, b)
        return value

    words, idf, entities, holders, numbers = table.words, table.idf, table.entities, table.holders, table.numbers
    tokens, claim_tokens = table.tokens, table.claim_tokens
    loop = []
    for (x, y), alone in zip(pairs.tolist(), one_sentence.tolist()):
        shared = words[x] & words[y]
        weights = [idf[w] for w in shared]
        total = sum([idf[w] for w in words[x] | words[y]]) or 1.0
        ents_x, ents_y = entities[x], entities[y]
        common = len(ents_x & ents_y)
        hx, hy = holders[x], holders[y]
        agree = differ = 0.0
        if numbers[x] and numbers[y]:
            for unit, values in numbers[x].items():
                other = numbers[y].get(unit)
                if other:
                    agree += bool(values & other)
                    differ += not (values & other)
        own_match = token_match(claim_tokens[x], claim_tokens[y]) if claim_tokens is not None else table.lexical[x, y]
        if alone:
            sentence_match = own_match
        else:
            sentence_match = match(tokens[x], tokens[y]) if tokens is not None else table.sentence_lexical[x, y]
        loop.append((sentence_match, own_match, max(weights, default=0.0), sum(weights) / total, common,
                     common / len(ents_x | ents_y) if ents_x or ents_y else 0.0,
                     float((hx is not None and hx in ents_y) or (hy is not None and hy in ents_x)), agree, differ))
    looped = np.array(loop, dtype=np.float32)
    for k, name in enumerate(("token_match", "claim_token_match", "rare_shared", "shared_weight", "entities_shared",
                              "entities_jaccard", "holder_mentioned", "numbers_agree", "numbers_differ")):
        rows[:, column[name]] = looped[:, k]
    own_semantic = table.claim_semantic[i, j]
    rows[:, column["semantic"]] = np.where(one_sentence, own_semantic, table.semantic[i, j])
    rows[:, column["lexical"]] = table.lexical[i, j]
    rows[:, column["sentence_lexical"]] = np.where(one_sentence, table.lexical[i, j], table.sentence_lexical[i, j])
    rows[:, column["claim_semantic"]] = own_semantic
    holder = np.array([h if h is not None else "" for h in table.holders], dtype=object)
    has_holder = holder != ""
    rows[:, column["same_holder"]] = has_holder[i] & (holder[i] == holder[j])
    rows[:, column["other_holders"]] = has_holder[i] & has_holder[j] & (holder[i] != holder[j])
    quote_group = np.array([g or "" for g in table.quote_groups], dtype=object)
    rows[:, column["same_quote"]] = (quote_group[i] != "") & (quote_group[i] == quote_group[j])
    rows[:, column["negation_differs"]] = table.negated[i] != table.negated[j]
    predicate = np.array([p or "" for p in table.predicates], dtype=object)
    rows[:, column["same_predicate"]] = (predicate[i] != "") & (predicate[i] == predicate[j])
    rank_ij, rank_ji = best_match_rank(table, i, j), best_match_rank(table, j, i)
    rows[:, column["mutual_rank"]] = np.log1p(np.minimum(rank_ij, rank_ji)) + np.log1p(np.maximum(rank_ij, rank_ji))
    rows[:, column["lead"]] = 1.0 - np.minimum(table.position[i], table.position[j])
    words = np.array([len(c.text.split()) for c in table.claims])
    rows[:, column["length"]] = np.log1p(np.minimum(words[i], words[j]))
    return rows


@dataclass
class PairModel:
    """A logistic model over FEATURES; thresholds for groups chosen on held-out gold."""

    features: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    link: float  # a claim joins a "possible" group when its mean probability with the group reaches this
    confident: float  # ... and a confident group at this stricter link
    meta: dict

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "PairModel":
        data = json.loads(path.read_text(encoding="utf-8"))
        if list(data["features"]) != list(FEATURES):
            raise ValueError(f"{path}: features do not match this version of Parallax; refit with scripts/fit_alignment.py")
        return cls(list(data["features"]), np.array(data["mean"]), np.array(data["scale"]), np.array(data["coef"]),
                   float(data["intercept"]), float(data["thresholds"]["link"]), float(data["thresholds"]["confident"]),
                   {k: v for k, v in data.items() if k not in ("mean", "scale", "coef", "intercept")})

    def probability(self, features: np.ndarray) -> np.ndarray:
        if not len(features):
            return np.zeros(0, dtype=np.float32)
        z = ((features - self.mean) / self.scale) @ self.coef + self.intercept
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)


@lru_cache(maxsize=1)
def default_model() -> PairModel:
    return PairModel.load()
