"""Group articles into stories: articles about the same real-world event.

Same event, not same topic: two drone strikes a week apart are two stories,
and so are two rate decisions by two central banks on the same day. So an
article joins a story only when it is close in time (``--window``), shares
the story's wording (TF-IDF cosine of headline, lead and body terms) *and*
its names (people, places, organisations), not merely its subject.

The cost stays near-linear because nothing is compared all-against-all:
1. per article, once (at ingest): weighted terms, name-like tokens, and a
   MinHash of the heaviest terms (mostly headline and lead words);
2. per time block: candidates come from the MinHash/LSH index and from an
   inverted index of each article's rarest heavy terms, limited to the
   window; at most MAX_CANDIDATES of them are verified with the score. Blocks
   are independent, so the Ray engine scores them in parallel;
3. in (date, id) order, each unclustered article joins the story it is
   closest to (average over that story's most similar members in the
   window), or opens a new story. Old stories are never re-clustered, so
   adding articles later is incremental.

Step 2 depends on nothing but the features, and step 3 runs in one fixed
order, so every engine gives the same stories on the same input.

The weights were set on a labelled corpus of fictional stories with
same-topic distractors (tests/corpus), on SEESAW's same-story triplets and
on the synthetic stream of benchmarks/corpus.py.
"""

from __future__ import annotations

import inspect
import math
import re
import time
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import islice
from typing import Callable, Iterable, Iterator

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from parallax.corpus.store import FeatureRow, Store
from parallax.lexicons import stop_words
from parallax.limits import DEFAULT_CLUSTER_THRESHOLD, DEFAULT_WINDOW_DAYS
from parallax.ids import story_id_for
from parallax.model import Article

NUM_PERM = 128
# 32 bands of 4 rows over the 20 heaviest terms: articles sharing half of them
# (the same headline wording) are found 87% of the time, loosely related ones
# rarely. Different outlets word one event differently, so recall comes mostly
# from the key-term index beside it; the LSH stays strict to keep candidates few.
LSH_BANDS, LSH_ROWS = 32, 4
MINHASH_SEED = 11
MAX_TERMS = 150
MAX_NAMES = 40
LSH_TERMS = 20
KEY_TERMS = 5  # a query's rarest heavy terms, looked up in an inverted index beside the LSH
MAX_POSTINGS = 300  # a key term this common in one time block says little; skip it
MAX_CANDIDATES = 50  # verified per article at most (those sharing the most key terms)
LINK_TOP = 5  # a story's members an article is compared with (its most similar ones)
FLOOR_SHARE = 0.25  # pair scores under this share of the threshold are dropped as 0
TITLE_WEIGHT = 2.0
LEAD_WORDS = 60
BODY_WORDS = 1000
BODY_WEIGHT = 0.4
NAME_FLOOR, NAME_GAIN = 0.2, 3.0
BLOCK_DAYS = 7

STOPWORDS = stop_words("clustering")
CALENDAR = stop_words("calendar")  # a date says when, not what
_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*|\d+(?:[.,]\d+)*")
_SENTENCE_END = frozenset(".!?:;\"“”‘'(—–-")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")


@dataclass
class ClusterOptions:
    window_days: int = DEFAULT_WINDOW_DAYS
    threshold: float = DEFAULT_CLUSTER_THRESHOLD
    block_days: int = BLOCK_DAYS
    decay_per_day: float = 0.04  # similar events a few days apart need a little more evidence
    name_floor: float = NAME_FLOOR  # share of the score left when two articles share no names


@dataclass
class ClusterStats:
    articles: int = 0  # articles clustered in this run
    joined: int = 0  # of those, joined an existing or growing story
    opened: int = 0  # of those, opened a new story
    blocks: int = 0
    seconds: float = 0.0
    features_added: int = 0


# ---------------------------------------------------------------------------------- features


def parse_window(value: str | int) -> int:
    """'3d', '72h', '1w' or a number of days → whole days (at least 0)."""
    text = str(value).strip().lower()
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([dhw]?)", text)
    if not match:
        raise ValueError(f"window {value!r}: use days ('3d'), hours ('72h') or weeks ('1w')")
    amount, unit = float(match.group(1)), match.group(2) or "d"
    days = amount * {"d": 1, "h": 1 / 24, "w": 7}[unit]
    return max(0, math.ceil(days - 1e-9))


def day_number(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """A crude, fast normal form: lower case, no possessive, no plural s."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'-")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 17)
def _content(token: str) -> str | None:
    """The stem of a token worth counting, or None for stopwords, dates and short words."""
    word = stem(token)
    return word if len(word) > 2 and word not in STOPWORDS and word not in CALENDAR else None


def _tokens(text: str) -> Iterator[str]:
    return (match.group() for match in _TOKEN.finditer(text))


def _starts_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\xa0":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _damped(weights: dict[str, float], limit: int) -> dict[str, float]:
    """1 + log w (so one repeated word cannot dominate), heaviest ``limit`` kept."""
    ranked = [(1.0 + math.log(w) if w >= 1.0 else w, term) for term, w in weights.items()]
    ranked.sort(key=lambda item: (-item[0], item[1]))
    return {term: round(weight, 4) for weight, term in ranked[:limit]}


def article_features(title: str | None, text: str) -> tuple[dict[str, float], dict[str, float]]:
    """(terms, names): what says *which* event an article is about.

    Terms: headline words count most, then the lead, then the rest of the
    first ~1000 words; numbers (casualties, amounts) count as terms too.
    Inverse document frequency, applied at clustering time, makes rare
    words count and everyday ones (a president who is in every story) count
    little.

    Names: tokens capitalised inside a sentence, as ``@stem``. Same event
    means same people and places: two rate decisions on one day share all
    their vocabulary but not the country or the governor. A sentence-initial
    capital counts only if the word is capitalised elsewhere too, so
    "Officials said" does not make "officials" a name.
    """
    terms: dict[str, float] = {}
    capitalised: list[tuple[str, bool]] = []
    for token in _tokens(title or ""):
        word = _content(token)
        if word and not token[0].isdigit():
            terms[word] = terms.get(word, 0.0) + TITLE_WEIGHT
    for index, match in enumerate(islice(_TOKEN.finditer(text), BODY_WORDS)):
        token = match.group()
        if token[0].isdigit():
            number = token.replace(",", "")
            if not _YEAR.match(number) and number not in {"0", "1", "2"}:
                terms["#" + number] = terms.get("#" + number, 0.0) + 1.0
            continue
        word = _content(token)
        if word:
            terms[word] = terms.get(word, 0.0) + (1.0 if index < LEAD_WORDS else BODY_WEIGHT)
            if token[0].isupper():
                capitalised.append((token, _starts_sentence(text, match.start())))
    inside = {token for token, initial in capitalised if not initial}
    names: dict[str, float] = {}
    for token, initial in capitalised:
        if not initial or token in inside:
            key = "@" + _content(token)
            names[key] = names.get(key, 0.0) + 1.0
    for token in _tokens(title or ""):
        word = _content(token)
        if word and token[0].isupper() and "@" + word in names:
            names["@" + word] += 1.0
    return _damped(terms, MAX_TERMS), _damped(names, MAX_NAMES)


def lsh_terms(terms: dict[str, float]) -> list[str]:
    """The heaviest terms (headline and lead words, mostly): what the MinHash is made of."""
    return [term for term, _ in sorted(terms.items(), key=lambda item: (-item[1], item[0]))[:LSH_TERMS]]


# datasketch 2 names its permutation scheme and wants it named when sketches are
# rebuilt from stored values; 1.x has one scheme and no such argument.
_SCHEME = {"scheme": "affine32"} if "scheme" in inspect.signature(MinHash.__init__).parameters else {}
# Bump FEATURE_VERSION whenever article_terms changes: stored features are then rebuilt.
FEATURE_VERSION = "4"
SIGNATURE_KIND = f"v{FEATURE_VERSION}-minhash-{NUM_PERM}-{MINHASH_SEED}-{_SCHEME.get('scheme', 'legacy')}"


@lru_cache(maxsize=1)
def _permutations():
    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, **_SCHEME).permutations


def signature_of(terms: Iterable[str]) -> bytes:
    minhash = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, permutations=_permutations(), **_SCHEME)
    minhash.update_batch([term.encode("utf-8") for term in sorted(terms)])
    return minhash.hashvalues.astype(np.uint64).tobytes()


def features_of(article: Article) -> FeatureRow:
    """The clustering features of one article (picklable, so Ray workers can build them)."""
    body = article.text
    if article.title and body.startswith(article.title):
        body = body[len(article.title):]
    terms, names = article_features(article.title, body)
    return FeatureRow(article.id, day_number(article.published), signature_of(lsh_terms(terms)), terms, names)


# ---------------------------------------------------------------------------------- scoring


def idf_table(df: dict[str, int], documents: int) -> dict[str, float]:
    """Smoothed inverse document frequency of every known term."""
    return {term: math.log((documents + 1) / (count + 1)) + 1.0 for term, count in df.items()}


Vector = dict[str, float]  # term → tf-idf weight, scaled to unit length


def _vector(weights: dict[str, float], idf: dict[str, float], default_idf: float) -> Vector:
    vector = {term: weight * idf.get(term, default_idf) for term, weight in weights.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {term: v / norm for term, v in vector.items()}


def cosine(a: Vector, b: Vector) -> float:
    # fsum is exact, so the result does not depend on set order (which varies
    # between processes): Ray workers and the local engine agree to the bit.
    return math.fsum(a[t] * b[t] for t in a.keys() & b.keys())


def pair_score(a: FeatureRow, b: FeatureRow, va: tuple[Vector, Vector], vb: tuple[Vector, Vector], options: ClusterOptions) -> float:
    """TF-IDF cosine of the terms, scaled by how far the names agree and the days apart.

    Names decide between two same-topic events: with no shared names the
    score falls to ``name_floor`` (a fifth); sharing about a third of the
    weighted names keeps it whole. Articles without any name (a script
    without capitals) are not penalised.
    """
    score = cosine(va[0], vb[0])
    if a.names and b.names:
        score *= options.name_floor + (1.0 - options.name_floor) * min(1.0, NAME_GAIN * cosine(va[1], vb[1]))
    if a.day is not None and b.day is not None:
        score *= max(0.0, 1.0 - options.decay_per_day * abs(a.day - b.day))
    return score


def score_block(
    query_ids: list[str], rows: list[FeatureRow], idf: dict[str, float], default_idf: float, options: ClusterOptions
) -> list[tuple[str, list[tuple[str, float]]]]:
    """Verified partners of each query article among ``rows`` (which hold the queries too).

    Candidates come from two cheap signals: the MinHash/LSH index over the
    heaviest terms, and an inverted index hit on one of the query's rarest
    heavy terms (a name or number few other articles of the block carry).
    Those sharing the most are verified with the cosine, at most
    MAX_CANDIDATES per article. A pure function of its inputs: the local
    engine calls it in a loop, the Ray engine in remote tasks.
    """
    by_id = {row.article_id: row for row in rows}
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(LSH_BANDS, LSH_ROWS))
    postings: dict[str, list[str]] = {}
    with lsh.insertion_session() as session:
        for row in rows:
            session.insert(row.article_id, _lean(row.signature), check_duplication=False)
            for term in lsh_terms(row.terms):
                postings.setdefault(term, []).append(row.article_id)
    vectors: dict[str, tuple[Vector, Vector]] = {}

    def vector(row: FeatureRow) -> tuple[Vector, Vector]:
        if row.article_id not in vectors:
            vectors[row.article_id] = (_vector(row.terms, idf, default_idf), _vector(row.names, idf, default_idf))
        return vectors[row.article_id]

    out = []
    floor = options.threshold * FLOOR_SHARE
    for article_id in query_ids:
        query = by_id[article_id]
        shared: dict[str, int] = {other: 1 for other in lsh.query(_lean(query.signature))}
        for term in key_terms(query, idf, default_idf):
            posting = postings.get(term, ())
            if len(posting) <= MAX_POSTINGS:
                for other in posting:
                    shared[other] = shared.get(other, 0) + 1
        shared.pop(article_id, None)
        in_window = [
            (count, other) for other, count in shared.items()
            if _within(query.day, by_id[other].day, options.window_days)
        ]
        in_window.sort(key=lambda item: (-item[0], item[1]))
        partners = []
        for _, other_id in in_window[:MAX_CANDIDATES]:
            other = by_id[other_id]
            score = pair_score(query, other, vector(query), vector(other), options)
            if score >= floor:
                partners.append((other_id, round(score, 6)))
        partners.sort(key=lambda item: item[0])
        out.append((article_id, partners))
    return out


def key_terms(row: FeatureRow, idf: dict[str, float], default_idf: float) -> list[str]:
    """The terms that are both heavy in this article and rare in the corpus."""
    ranked = sorted(row.terms.items(), key=lambda item: (-item[1] * idf.get(item[0], default_idf), item[0]))
    return [term for term, _ in ranked[:KEY_TERMS]]


def _lean(signature: bytes) -> LeanMinHash:
    return LeanMinHash(seed=MINHASH_SEED, hashvalues=np.frombuffer(signature, dtype=np.uint64), **_SCHEME)


# ---------------------------------------------------------------------------------- the run


@dataclass
class Block:
    """Unclustered articles of a run of days, with every article their window can reach."""

    query_ids: list[str]
    first_day: int | None
    last_day: int | None
    rows: list[FeatureRow] = field(default_factory=list)


def plan_blocks(store: Store, options: ClusterOptions) -> Iterator[Block]:
    """Partition the unclustered articles by time; each block loads its window's rows."""
    days, undated = store.pending_days()
    undated_rows = store.undated_features()
    start = 0
    while start < len(days):
        first = days[start]
        end = start
        while end + 1 < len(days) and days[end + 1] < first + options.block_days:
            end += 1
        last = days[end]
        rows = store.features_between(first - options.window_days, last + options.window_days) + undated_rows
        yield Block(store.pending_ids(first, last), first, last, rows)
        start = end + 1
    if undated:
        yield Block(store.pending_ids(None, None), None, None, store.all_features())


def assign_block(store: Store, block: Block, scored: list[tuple[str, list[tuple[str, float]]]], options: ClusterOptions, stats: ClusterStats) -> None:
    """Step 3 for one block: in order, join the closest story or open one.

    Closeness to a story is average-link over its members within the window
    (the LINK_TOP most similar of them; members that were not even
    candidates count as 0). Averaging, not the single best pair, is what
    keeps a same-topic article from another event out: it resembles one
    member by vocabulary but not the story as a whole.
    """
    day_of = {row.article_id: row.day for row in block.rows}
    assigned = store.assignments(day_of)
    members: dict[str, list[str]] = {}
    for article_id, story in assigned.items():
        members.setdefault(story, []).append(article_id)
    with store.transaction():
        for article_id, pairs in scored:
            day = day_of[article_id]
            score_of = dict(pairs)
            best: dict[str, float] = {}
            for story in sorted({assigned[other] for other, _ in pairs if other in assigned}):
                near = [score_of.get(m, 0.0) for m in members[story] if _within(day, day_of[m], options.window_days)]
                top = sorted(near, reverse=True)[:LINK_TOP]
                best[story] = sum(top) / len(top)
            choice = min(best.items(), key=lambda item: (-item[1], item[0])) if best else None
            if choice and choice[1] >= options.threshold:
                story, score = choice[0], round(choice[1], 6)
                stats.joined += 1
            else:
                story, score = story_id_for(article_id), None
                stats.opened += 1
            store.assign(article_id, story, score, seed=score is None)
            assigned[article_id] = story
            members.setdefault(story, []).append(article_id)
            stats.articles += 1


def _within(a: int | None, b: int | None, window: int) -> bool:
    return a is None or b is None or abs(a - b) <= window


def check_feature_kind(store: Store) -> None:
    """Drop features made by another feature version, so all stored ones stay comparable."""
    kind = store.get_meta("signature_kind")
    if kind != SIGNATURE_KIND:
        if store.feature_count():
            store.drop_features()
        store.set_meta("signature_kind", SIGNATURE_KIND)


def ensure_features(store: Store) -> int:
    """Compute features for articles stored without them (added by the web app, or outdated)."""
    check_feature_kind(store)
    added = 0
    with store.transaction():
        for article in store.articles_without_features():
            store.add_features(features_of(article))
            added += 1
    return added


Scored = list[tuple[str, list[tuple[str, float]]]]
ScoreRunner = Callable[[Iterator[Block], dict[str, float], float, ClusterOptions], Iterator[tuple[Block, Scored]]]


def local_runner(blocks: Iterator[Block], idf: dict[str, float], default_idf: float, options: ClusterOptions) -> Iterator[tuple[Block, Scored]]:
    for block in blocks:
        yield block, score_block(block.query_ids, block.rows, idf, default_idf, options)


def cluster_store(
    store: Store,
    options: ClusterOptions | None = None,
    runner: ScoreRunner = local_runner,
    on_block: Callable[[int], None] | None = None,
) -> ClusterStats:
    """Put every unclustered article of the store into a story (incrementally)."""
    options = options or ClusterOptions()
    started = time.perf_counter()
    stats = ClusterStats(features_added=ensure_features(store))
    documents = store.feature_count()
    idf = idf_table(store.document_frequencies(), documents)
    default_idf = math.log(documents + 1) + 1.0
    for block, scored in runner(plan_blocks(store, options), idf, default_idf, options):
        assign_block(store, block, scored, options, stats)
        stats.blocks += 1
        if on_block:
            on_block(len(scored))
    stats.seconds = time.perf_counter() - started
    return stats
