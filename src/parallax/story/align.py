"""The same proposition across articles: claim groups, the claim matrix and omissions.

Claims are compared by meaning (sentence embeddings from the packaged
all-MiniLM-L6-v2 when the ``embed`` extra is installed, else TF-IDF cosine,
with a warning) combined with the overlap of the entities they mention.
Groups grow by average link above a threshold calibrated on the gold files
(``parallax evaluate``), never on the examples' answers.

An assertion and its denial ("Ukraine attacked the Kremlin" / "Ukraine had
nothing to do with it") usually land in one group: the group is the
proposition, and its denials make it disputed. A denial left on its own is
linked to the closest assertion group that shares its entities.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from parallax import embed
from parallax.model import Claim, ClaimGroup, EntityRef, StoryReport
from parallax.story.entities import normalize

EMBED_THRESHOLD = 0.55
LEXICAL_THRESHOLD = 0.34
LINK_THRESHOLD = 0.42
SELF_LINK_THRESHOLD = 0.2
ENTITY_WEIGHT = 0.25
COUNTED = re.compile(r"\b(?P<value>\d[\d,]*(?:\.\d+)?)\s+(?:[a-z-]+\s+)??(?P<noun>[a-z]{3,})\b(?<!\bwere)(?<!\bwas)(?<!\bhad)(?<!\band)", re.I)
WORD = re.compile(r"[a-z][a-z'-]+")


def group_id(claim_ids: list[str]) -> str:
    return "g" + hashlib.sha1(",".join(sorted(claim_ids)).encode()).hexdigest()[:12]


def content_words(text: str) -> list[str]:
    out = []
    for word in WORD.findall(text.lower()):
        if word in STOP_WORDS or len(word) < 3:
            continue
        out.append(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return out


def tfidf_similarity(texts: list[str]) -> np.ndarray:
    docs = [Counter(content_words(t)) for t in texts]
    df = Counter(w for d in docs for w in d)
    vocab = {w: i for i, w in enumerate(sorted(df))}
    matrix = np.zeros((len(texts), max(1, len(vocab))), dtype=np.float32)
    n = len(texts)
    for row, doc in enumerate(docs):
        for word, count in doc.items():
            matrix[row, vocab[word]] = (1 + math.log(count)) * math.log((1 + n) / (1 + df[word]) + 1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix = matrix / np.where(norms == 0, 1, norms)
    return matrix @ matrix.T


def claim_entities(report: StoryReport, claims: list[Claim]) -> list[set[str]]:
    """Entity ids mentioned inside each claim's span."""
    by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for entity in report.entities:
        for mention in entity.mentions:
            by_article[mention.article_id].append((mention.start, mention.end, entity.id))
    out = []
    for claim in claims:
        out.append({eid for s, e, eid in by_article.get(claim.article_id, []) if claim.start <= s and e <= claim.end})
    return out


def similarity_matrix(report: StoryReport, claims: list[Claim]) -> tuple[np.ndarray, float]:
    texts = [c.text for c in claims]
    vectors = embed.embed(texts)
    if vectors is None:
        if embed.UNAVAILABLE not in report.warnings:
            report.warnings.append(embed.UNAVAILABLE)
        semantic, threshold = tfidf_similarity(texts), LEXICAL_THRESHOLD
    else:
        semantic, threshold = vectors @ vectors.T, EMBED_THRESHOLD
    entities = claim_entities(report, claims)
    n = len(claims)
    overlap = np.zeros((n, n), dtype=np.float32)
    has = np.zeros(n, dtype=bool)
    for i in range(n):
        has[i] = bool(entities[i])
        for j in range(i + 1, n):
            if entities[i] and entities[j]:
                overlap[i, j] = overlap[j, i] = len(entities[i] & entities[j]) / len(entities[i] | entities[j])
    # shared entities raise a pair that already means much the same; they never make one
    both = np.outer(has, has) & (semantic >= threshold * 0.75)
    score = np.where(both, (1 - ENTITY_WEIGHT) * semantic + ENTITY_WEIGHT * overlap, semantic)
    return score, threshold


def cluster(score: np.ndarray, threshold: float, article_of: list[str]) -> list[list[int]]:
    """Average-link agglomeration, strongest pairs first; claims of one article join
    a group only through claims of other articles."""
    n = len(score)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    pairs = [(score[i, j], i, j) for i in range(n) for j in range(i + 1, n) if score[i, j] >= threshold and article_of[i] != article_of[j]]
    for _, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        a, b = owner[i], owner[j]
        if a == b:
            continue
        left, right = members[a], members[b]
        if score[np.ix_(left, right)].mean() < threshold:
            continue
        for k in right:
            owner[k] = a
        members[a] = left + right
        del members[b]
    return [sorted(m) for m in members.values()]


def coverage_of(claims: list[Claim], article_ids: list[str]) -> dict[str, str]:
    by_article = defaultdict(list)
    for claim in claims:
        by_article[claim.article_id].append(claim)
    asserted_holders = {c.holder.name for c in claims if c.polarity == "asserts"}
    coverage = {}
    for article_id in article_ids:
        own = by_article.get(article_id, [])
        if not own:
            coverage[article_id] = "omitted"
        elif any(c.polarity == "denies" for c in own) and asserted_holders - {c.holder.name for c in own if c.polarity == "denies"}:
            coverage[article_id] = "disputed"
        elif all(c.hedged for c in own):
            coverage[article_id] = "hedged"
        else:
            coverage[article_id] = "reported"
    return coverage


def label_of(claims: list[Claim]) -> str:
    """The group's most typical wording: an assertion from the most common holder, shortest first."""
    pool = [c for c in claims if c.polarity == "asserts"] or claims
    text = min(pool, key=lambda c: (c.voice != "own", len(c.text), c.id)).text
    return text if len(text) <= 140 else text[:137].rsplit(" ", 1)[0] + "…"


def link_holders(report: StoryReport) -> None:
    """Quoted claims name their holder as the resolved entity ("Varga" → Aleksandr Varga)."""
    by_variant = {}
    for entity in report.entities:
        for variant in entity.variants:
            by_variant.setdefault(normalize(variant).lower(), entity)
    for claim in report.claims:
        entity = by_variant.get(normalize(claim.holder.name).lower())
        if entity is not None and claim.voice == "quoted":
            claim.holder = EntityRef(entity_id=entity.id, name=entity.name)


def number_conflicts(claims: list[Claim], outlet_of: dict[str, str]) -> list[str]:
    """Figures for the same thing that differ between articles ("14 vessels" / "12 vessels")."""
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for claim in claims:
        for match in COUNTED.finditer(claim.text):
            noun = match.group("noun").lower()
            noun = noun[:-1] if noun.endswith("s") and len(noun) > 3 else noun
            seen[noun][match.group("value").replace(",", "")].add(outlet_of.get(claim.article_id, claim.article_id))
    conflicts = []
    for noun, values in sorted(seen.items()):
        if len(values) > 1:
            conflicts.append(" vs ".join(f"{v} {noun} ({', '.join(sorted(o))})" for v, o in sorted(values.items())))
    return conflicts


def align_claims(articles, analyses, report: StoryReport) -> list[ClaimGroup]:
    link_holders(report)
    claims = report.claims
    article_ids = [a.id for a in articles]
    if not claims or len(articles) < 2:
        return []
    outlet_of = {a.id: a.outlet or a.id for a in articles}
    score, threshold = similarity_matrix(report, claims)
    article_of = [c.article_id for c in claims]
    groups = [g for g in cluster(score, threshold, article_of)]
    by_id = {c.id: c for c in claims}
    result: list[ClaimGroup] = []
    index_of = {c.id: i for i, c in enumerate(claims)}
    assertion_groups: list[tuple[ClaimGroup, list[int]]] = []
    for members in groups:
        member_claims = [claims[i] for i in members]
        if len({c.article_id for c in member_claims}) < 2:
            continue
        gid = group_id([c.id for c in member_claims])
        group = ClaimGroup(id=gid, label=label_of(member_claims), claim_ids=sorted(c.id for c in member_claims),
                           coverage=coverage_of(member_claims, article_ids),
                           conflicts=number_conflicts(member_claims, outlet_of))
        for claim in member_claims:
            claim.group_id = gid
            if claim.polarity == "denies" and any(c.polarity == "asserts" and c.holder.name != claim.holder.name for c in member_claims):
                claim.denies_group_id = gid
        result.append(group)
        if any(c.polarity == "asserts" for c in member_claims):
            assertion_groups.append((group, members))
    # A denial outside any assertion group denies the closest one that shares its entities.
    entities = claim_entities(report, claims)
    names = {e.name.lower(): e.id for e in report.entities if e.type in ("GPE", "ORG", "NORP")}
    for claim in claims:
        if claim.polarity != "denies" or claim.denies_group_id:
            continue
        i = index_of[claim.id]
        # who denies usually denies something said about them: "Dostria's foreign ministry" speaks for Dostria
        speaks_for = {names[w.lower()] for w in re.findall(r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*", re.sub(r"(?:'s|’s)\b", "", claim.holder.name)) if w.lower() in names}
        if claim.holder.entity_id:
            speaks_for.add(claim.holder.entity_id)
        best = None
        for group, members in assertion_groups:
            shared = any(entities[i] & entities[m] for m in members)
            about_them = any(speaks_for & entities[m] for m in members)
            if not shared and not about_them:
                continue
            if all(by_id[claims[m].id].holder.name == claim.holder.name for m in members):
                continue
            value = float(score[i, members].max())
            # a party denying what is said about it needs less textual evidence than a bystander
            if value >= (SELF_LINK_THRESHOLD if about_them else LINK_THRESHOLD) and (best is None or value > best[0]):
                best = (value, group)
        if best is not None:
            group = best[1]
            claim.denies_group_id = group.id
            if group.coverage.get(claim.article_id) in ("reported", "hedged", "omitted"):
                group.coverage[claim.article_id] = "disputed"
    result.sort(key=lambda g: (-sum(v != "omitted" for v in g.coverage.values()), g.label))
    fill_omissions(report, result)
    return result


def fill_omissions(report: StoryReport, groups: list[ClaimGroup]) -> None:
    """framing[].omitted_claim_groups: groups most other articles report that this one leaves out."""
    n = len(report.articles)
    framing_of = {f.article_id: f for f in report.framing}
    for group in groups:
        carried = [a for a, v in group.coverage.items() if v != "omitted"]
        if len(carried) < max(2, math.ceil(0.6 * (n - 1))):
            continue
        for article_id, value in group.coverage.items():
            if value == "omitted" and article_id in framing_of:
                framing_of[article_id].omitted_claim_groups.append(group.id)
    for framing in report.framing:
        framing.omitted_claim_groups = sorted(set(framing.omitted_claim_groups))
