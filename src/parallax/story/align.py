"""The same proposition across articles: claim groups, the claim matrix and omissions.

1. Identity: each claim's holder is its quote's speaker entity (by quote id)
   and each argument its entity (by mention offsets); nothing is re-matched
   by name.
2. Retrieval and verification (``parallax.story.verify``): candidate pairs of
   claims of different articles, each given a calibrated probability that
   both state the same proposition.
3. Groups grow only by members verified against the group: a claim (or a
   group) joins another when its mean probability with every member of the
   other articles reaches the link threshold, so nothing chains through one
   similar member. Each group gets a confidence; groups below the confident
   threshold are shown as "possible".
4. Coverage: per article, reported / hedged / disputed (filled by
   ``disputes``) / omitted. "Omitted" is sure only when a recall-oriented
   search over every claim and sentence of that article finds nothing close
   to the group; otherwise it carries a low confidence and is never listed
   as an omission.

Questions, procedural chatter and the outlets' own evaluations never enter
the matrix.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from parallax import embed
from parallax.clustering import agglomerate
from parallax.ids import claim_group_id
from parallax.lexicons.speech import reporting
from parallax.model import Claim, ClaimGroup, EntityRef, StoryReport
from parallax.names import possessive_at
from parallax.story.verify import (ClaimTable, PairModel, attribution_frames, best_of_their_sentences, candidate_pairs, default_model, near,
                                   pair_features, sentences_of)
from parallax.text_similarity import content_words

MATRIX_KINDS = frozenset({"event", "statement"})
# An omission is sure only when nothing in the article comes this close to any member.
OMISSION_MAX_PROBABILITY = 0.12
OMISSION_MAX_SEMANTIC = 0.72
OMISSION_MAX_LEXICAL = 0.3
UNSURE_OMISSION = 0.3
# Two claims that differ only in a figure: this close in meaning and in words.
# a claim joins a further group (a sentence stating two propositions) only when it matches every
# member of the other articles at least this surely; chosen on the leave-one-story-out dev runs
SECOND_HOME_LINK = 0.8
CONFLICT_SEMANTIC = 0.8
CONFLICT_LEXICAL = 0.3


# --------------------------------------------------------------------------- identity


MENTION_REACH = 200  # no mention is longer than this many characters before the point looked at


class MentionIndex:
    """Entity mentions of each article by offset, for "who is named here"."""

    def __init__(self, report: StoryReport):
        by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for entity in report.entities:
            for mention in entity.mentions:
                by_article[mention.article_id].append((mention.start, mention.end, entity.id))
        self.spans = {a: sorted(v) for a, v in by_article.items()}
        self.starts = {a: [s for s, _, _ in v] for a, v in self.spans.items()}

    def overlapping(self, article_id: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """Mentions that share a character with [start, end) (a mention may take in "the" and "'s")."""
        spans = self.spans.get(article_id, [])
        at = bisect_left(self.starts.get(article_id, []), start - MENTION_REACH)
        out = []
        while at < len(spans) and spans[at][0] < end:
            if spans[at][1] > start:
                out.append(spans[at])
            at += 1
        return out

    def best_at(self, article_id: str, start: int, end: int, text: str | None = None) -> str | None:
        """The entity of the mention that overlaps [start, end) most (the later one on a tie); with the
        article's ``text``, an owner ("Mr. Pence's chief of staff, Marc Short") only when nobody else is named."""
        found = self.overlapping(article_id, start, end)
        if text is not None:
            found = [m for m in found if not possessive_at(text, m[1])] or found
        scored = [(min(e, end) - max(s, start), s, e, entity) for s, e, entity in found]
        return max(scored)[3] if scored else None


def link_identities(report: StoryReport) -> None:
    """Holders from their quote's speaker, arguments from the entity mention they cover."""
    quotes = {q.id: q for q in report.quotes}
    for claim in report.claims:
        quote = quotes.get(claim.quote_id or "")
        if quote is not None and quote.speaker is not None:
            claim.holder = EntityRef(entity_id=quote.speaker.entity_id, name=quote.speaker.name)
    index = MentionIndex(report)
    names = {e.id: e.name for e in report.entities}
    entity_at = index.best_at

    texts = {a.id: a.text for a in report.articles}
    for claim in report.claims:
        if claim.holder_span is not None and claim.holder.entity_id is None:
            found = entity_at(claim.article_id, claim.holder_span.start, claim.holder_span.end, texts.get(claim.article_id))
            if found:
                claim.holder = EntityRef(entity_id=found, name=names[found])
        for argument in claim.arguments:
            if argument.kind in ("entity", "place"):
                argument.entity_id = entity_at(claim.article_id, argument.start, argument.end)


# --------------------------------------------------------------------------- grouping


def group_claims(table: ClaimTable, pairs: np.ndarray, probability: np.ndarray, link: float, opposed: np.ndarray,
                 frozen: frozenset[int] = frozenset()) -> list[list[int]]:
    """Constrained average-link agglomeration over verified pairs, strongest first
    (``parallax.clustering.agglomerate``).

    ``opposed`` (``never_together``) marks pairs that never share a group. Claims in ``frozen``
    (members of groups already made at a stricter link) take no part.
    """
    n = len(table)
    p = np.zeros((n, n), dtype=np.float32)
    if len(pairs):
        p[pairs[:, 0], pairs[:, 1]] = probability
        p[pairs[:, 1], pairs[:, 0]] = probability
    articles = table.article_of
    order = np.lexsort((pairs[:, 1], pairs[:, 0], -probability)) if len(pairs) else []
    strong = [(int(pairs[k, 0]), int(pairs[k, 1])) for k in order if probability[k] >= link]

    def may_join(left: list[int], right: list[int]) -> bool:
        if opposed[np.ix_(left, right)].any():
            return False  # one side negates or denies what the other asserts (a dispute), or both come from one sentence
        return verified_against(p, articles, left, right, link) and verified_against(p, articles, right, left, link)

    items = [i for i in range(n) if i not in frozen]
    owner = agglomerate(items, [(i, j) for i, j in strong if i not in frozen and j not in frozen], may_join)
    members: dict[int, list[int]] = defaultdict(list)
    for item in items:
        members[owner[item]].append(item)
    return [members[item] for item in items if owner[item] == item]


def tiered_groups(table: ClaimTable, pairs: np.ndarray, probability: np.ndarray, confident_link: float,
                  possible_link: float) -> list[tuple[list[int], str]]:
    """Confident groups at the strict link; then "possible" groups among the claims left over."""
    out = []
    opposed = never_together(table)
    confident = [m for m in group_claims(table, pairs, probability, confident_link, opposed) if spans_articles(table, m)]
    # (only its own sentence keeps a claim out: members of other speakers or polarity are matched pair by pair,
    # and joining those lost more true pairs than false ones on the dev stories)
    one_sentence = table.sentence_of[:, None] == table.sentence_of[None, :]
    confident = second_homes(table, pairs, probability, confident, max(SECOND_HOME_LINK, confident_link), one_sentence)
    confident = one_row_each(table, confident)
    out += [(m, "confident") for m in confident]
    taken = frozenset(x for m in confident for x in m)
    if possible_link < confident_link:
        out += [(m, "possible") for m in group_claims(table, pairs, probability, possible_link, opposed, taken) if spans_articles(table, m)]
    return out


def second_homes(table: ClaimTable, pairs: np.ndarray, probability: np.ndarray, groups: list[list[int]],
                 link: float, opposed: np.ndarray) -> list[list[int]]:
    """A sentence may state what two groups state ("the House will vote on Thursday on rules for public
    hearings"): a claim also joins a group whose every member of other articles it matches at ``link``
    or above (each pair, not on average), when no member is ``opposed`` to it (from its own sentence)."""
    strong = probability >= link
    neighbours: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), value in zip(pairs[strong], probability[strong]):
        neighbours[int(i)][int(j)] = neighbours[int(j)][int(i)] = float(value)
    articles = table.article_of
    out = []
    for members in groups:
        inside = set(members)
        added = []
        for x in sorted({y for m in members for y in neighbours.get(m, ())} - inside):
            others = [m for m in members if articles[m] != articles[x]]
            if others and all(m in neighbours[x] for m in others) and not opposed[x, members].any():
                added.append(x)
        out.append(sorted(members + added))
    return out


def one_row_each(table: ClaimTable, groups: list[list[int]]) -> list[list[int]]:
    """Two groups that share members of two articles or more (after second homes) are one
    proposition told twice over: they become one group, not two rows of the same words."""
    out: list[list[int]] = []
    for members in groups:
        merged = set(members)
        for k in range(len(out) - 1, -1, -1):
            shared = merged & set(out[k])
            if len({int(table.article_of[m]) for m in shared}) >= 2:
                merged |= set(out.pop(k))
        out.append(sorted(merged))
    return out


def figure_conflicts(table: ClaimTable, pairs: np.ndarray, grouped: list[tuple[list[int], str]]) -> list[tuple[list[int], str]]:
    """The same report with another figure ("300 residents were evacuated" / "350 residents …") is one
    proposition whose figures conflict: such a claim joins its counterpart's group, or the two make one."""
    owner = {m: k for k, (members, _) in enumerate(grouped) for m in members}
    out = [(list(members), level) for members, level in grouped]
    for i, j in pairs:
        i, j = int(i), int(j)
        units = set(table.numbers[i]) & set(table.numbers[j])
        if not units or all(table.numbers[i][u] & table.numbers[j][u] for u in units):
            continue
        if table.semantic[i, j] < CONFLICT_SEMANTIC or table.lexical[i, j] < CONFLICT_LEXICAL:
            continue
        if i in owner and j in owner:
            continue
        if i in owner or j in owner:
            k, newcomer = (owner[i], j) if i in owner else (owner[j], i)
            out[k][0].append(newcomer)
            owner[newcomer] = k
        else:
            out.append(([i, j], "conflict"))
            owner[i] = owner[j] = len(out) - 1
    return [(sorted(members), level) for members, level in out]


def spans_articles(table: ClaimTable, members: list[int]) -> bool:
    return len({int(table.article_of[m]) for m in members}) >= 2


def never_together(table: ClaimTable) -> np.ndarray:
    """claim × claim: pairs that are two propositions whatever their words share."""
    denies = np.array([c.polarity == "denies" for c in table.claims], dtype=bool)
    # one side negates or denies what the other asserts (a dispute, not an agreement)
    opposed = (table.negated[:, None] != table.negated[None, :]) | (denies[:, None] != denies[None, :])
    # claims split from one sentence are different propositions by construction
    opposed |= table.sentence_of[:, None] == table.sentence_of[None, :]
    # what one speaker said and what another said are two statements
    opposed |= speakers_differ(table)
    np.fill_diagonal(opposed, False)
    return opposed


def speakers_differ(table: ClaimTable) -> np.ndarray:
    """claim × claim: both are quoted statements whose speakers are two entities, neither naming the
    other's words ("Reznikov: they can accuse themselves" / "Russia accused the US")."""
    from scipy.sparse import csr_matrix

    n = len(table)
    ids = {e: k for k, e in enumerate(sorted({h for h in table.holders if h} | {e for es in table.entities for e in es}))}
    holder = np.array([ids[h] if h else -1 for h in table.holders])
    quoted = (holder >= 0) & np.array([c.kind == "statement" for c in table.claims], dtype=bool)
    differ = quoted[:, None] & quoted[None, :] & (holder[:, None] != holder[None, :])
    # "Kirby: the US had no part" / "the US denies it": a statement naming the other speaker may be its report
    rows = [x for x in range(n) for _ in table.entities[x]]
    named = csr_matrix((np.ones(len(rows)), (rows, [ids[e] for x in range(n) for e in table.entities[x]])), shape=(n, max(len(ids), 1)))
    speaker = csr_matrix((np.ones(int(quoted.sum())), (np.flatnonzero(quoted), holder[quoted])), shape=(n, max(len(ids), 1)))
    names_other = np.zeros((n, n), dtype=bool)  # filled from the sparse product, not a dense copy of it
    product = (speaker @ named.T).tocoo()
    names_other[product.row, product.col] = product.data > 0
    return differ & ~names_other & ~names_other.T


def verified_against(p: np.ndarray, articles: np.ndarray, newcomers: list[int], group: list[int], link: float) -> bool:
    """Every newcomer agrees on average with the group's members of other articles."""
    group_articles = articles[group]
    checked = False
    for x in newcomers:
        others = [g for g, art in zip(group, group_articles) if art != articles[x]]
        if not others:
            continue
        checked = True
        if p[x, others].mean() < link:
            return False
    return checked


def group_confidence(p_of, members: list[int], articles: np.ndarray) -> tuple[float, dict[int, float]]:
    """Mean probability over pairs of members of different articles, and each member's own mean."""
    values, per_member = [], {}
    for x in members:
        mine = [p_of(x, y) for y in members if articles[y] != articles[x]]
        per_member[x] = float(np.mean(mine)) if mine else 0.0
        values.extend(p_of(x, y) for y in members if y > x and articles[y] != articles[x])
    return (float(np.mean(values)) if values else 0.0), per_member


# --------------------------------------------------------------------------- the matrix


def group_kind(kinds: Counter) -> str:
    """The kind most members have; on a tie, what someone said before an event (a quote one outlet
    printed without its marks is still the speaker's)."""
    return max(sorted(kinds), key=lambda kind: (kinds[kind], kind != "event"))


def coverage_of(claims: list[Claim], article_ids: list[str]) -> dict[str, str]:
    by_article = defaultdict(list)
    for claim in claims:
        by_article[claim.article_id].append(claim)
    coverage = {}
    for article_id in article_ids:
        own = by_article.get(article_id, [])
        if not own:
            coverage[article_id] = "omitted"
        elif all(c.hedged or (c.predicate and c.predicate.modality == "hedged") for c in own):
            coverage[article_id] = "hedged"
        else:
            coverage[article_id] = "reported"
    return coverage


def label_of(claims: list[Claim], confidence: dict[str, float]) -> Claim:
    """The group's plainest wording: one that reads as a whole statement (not a clause cut from a
    sentence: "who led much of the opposition"), an unhedged assertion, the outlet's own words
    before a quote's, well verified, short."""
    pool = [c for c in claims if c.polarity == "asserts"] or claims
    return min(pool, key=lambda c: (not reads_whole(c.text), c.hedged, c.voice != "own", -round(confidence.get(c.id, 0.0), 1),
                                    len(c.text), c.id))


# "LOS ANGELES (Reuters) - ", "WASHINGTON – ": where the wire filed from, not what it says
DATELINE = re.compile(r"^[A-Z][A-Z.’'-]+(?:\s+[A-Z][A-Z.’'-]+){0,3},?\s*(?:\([^)]{2,40}\)\s*)?[-–—]+\s+")
# a clause cut before its end: "… was 14 years, and"
DANGLING_END = re.compile(r"(?:,|[,;]?\s+\b(?:and|but|or|while|as|because|that|which|who))\W*$", re.I)


def opens_sentence(text: str) -> bool:
    """The first letter after any opening mark is a capital or a digit."""
    first = text.lstrip("“\"‘'(")[:1]
    return bool(first) and (first.isupper() or first.isdigit())


def reads_whole(text: str) -> bool:
    """Starts as a sentence starts and does not stop on a comma or a conjunction."""
    body = DATELINE.sub("", text.strip())
    return opens_sentence(body) and not body.startswith(("”", "’")) and not DANGLING_END.search(body)


# a reporting verb that reads on into the words it reports ("accusing the majority leader of lying",
# "want Congress to …"); not one whose object is the hearer ("told reporters …")
CUE_VERB = re.compile(r"^(?!tell|told|according)[a-z]+$")
PLAIN_SPEECH = reporting().plain_forms  # "said", "wrote": their words may start as a sentence does


def label_text(claim: Claim, cue: str | None = None) -> str:
    """The wording shown for a group: without the dateline or a dangling conjunction; the outlet's
    own words marked with "…" where they start inside a sentence; reported words that start inside
    their sentence after the verb that reports them ("Ted Cruz accused the majority leader of lying")."""
    body = DANGLING_END.sub("", DATELINE.sub("", claim.text.strip())).strip()
    if claim.voice != "own":
        reads_on = body[:1].islower() or cue not in PLAIN_SPEECH  # "accused Rep. Adam Schiff …", not "said The …"
        if cue and CUE_VERB.match(cue) and reads_on and not body.lower().startswith(cue):
            return shortened(f"{claim.holder.name} {cue} {body}")
        return shortened(f"{claim.holder.name}: {body}")  # the holder's name leads: "McCabe: denied misleading anyone"
    return shortened(body if not body.lstrip("“\"‘'(") or opens_sentence(body) else "… " + body)


def shortened(text: str) -> str:
    return text if len(text) <= 160 else text[:157].rsplit(" ", 1)[0] + "…"


def number_conflicts(claims: list[Claim], outlet_of: dict[str, str]) -> list[str]:
    """Figures for the same thing that differ between articles ("14 vessels" / "12 vessels")."""
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for claim in claims:
        for argument in claim.arguments:
            if argument.kind == "number" and argument.unit and argument.value and argument.unit not in ("percent",):
                seen[argument.unit][argument.value].add(outlet_of.get(claim.article_id, claim.article_id))
    conflicts = []
    for unit, values in sorted(seen.items()):
        outlets_per_value = [o for o in values.values()]
        if len(values) > 1 and len(set().union(*outlets_per_value)) > 1:
            conflicts.append(" vs ".join(f"{v} {unit} ({', '.join(sorted(o))})" for v, o in sorted(values.items(), key=lambda x: float(x[0]))))
    return conflicts


# --------------------------------------------------------------------------- omissions


class OmissionSearch:
    """Recall-oriented search of one article for anything that states a group's proposition."""

    def __init__(self, report: StoryReport, analyses, table: ClaimTable, p_of):
        self.table = table
        self.p_of = p_of
        self.index_of = {c.id: i for i, c in enumerate(table.claims)}
        self.by_article: dict[str, list[int]] = defaultdict(list)
        for i, claim in enumerate(table.claims):
            self.by_article[claim.article_id].append(i)
        # every sentence and every claim of any kind, the title too, as bags of content words
        self.texts: dict[str, list[Counter]] = defaultdict(list)
        text_of = {a.id: a.text for a in report.articles}
        for analysis in analyses:
            text = text_of.get(analysis.article_id, "")
            for start, end in analysis.sentences:
                self.texts[analysis.article_id].append(Counter(content_words(text[start:end])))
        for claim in report.claims:
            self.texts[claim.article_id].append(Counter(content_words(claim.text)))
        for article in report.articles:
            if article.title:
                self.texts[article.id].append(Counter(content_words(article.title)))
        self.idf = table.idf
        self.norms: dict[str, list[float]] = {}

    def weight(self, bag: Counter) -> float:
        return math.sqrt(sum((self.idf.get(w, 2.0) * (1 + math.log(c))) ** 2 for w, c in bag.items())) or 1.0

    def lexical(self, member: Counter, other: Counter, norms: tuple[float, float] | None = None) -> float:
        shared = member.keys() & other.keys()
        if not shared:
            return 0.0
        dot = sum(self.idf.get(w, 2.0) ** 2 * (1 + math.log(member[w])) * (1 + math.log(other[w])) for w in shared)
        a, b = norms or (self.weight(member), self.weight(other))
        return dot / (a * b)

    def confidence(self, members: list[int], article_id: str) -> float:
        """How sure it is that the article does not state the proposition (0..1)."""
        candidates = self.by_article.get(article_id, [])
        best_p = max((self.p_of(m, c) for m in members for c in candidates), default=0.0)
        best_semantic = max((float(self.table.semantic[m, c]) for m in members for c in candidates), default=0.0)
        bags = [(bag, self.weight(bag)) for bag in (Counter(content_words(self.table.claims[m].text)) for m in members)]
        texts = self.texts.get(article_id, [])
        norms = self.norms.setdefault(article_id, [self.weight(o) for o in texts])
        best_lexical = max((self.lexical(b, o, (wb, wo)) for b, wb in bags for o, wo in zip(texts, norms)), default=0.0)
        if best_p < OMISSION_MAX_PROBABILITY and best_semantic < OMISSION_MAX_SEMANTIC and best_lexical < OMISSION_MAX_LEXICAL:
            return round(1.0 - max(best_p, best_semantic / 2, best_lexical / 2), 3)
        return UNSURE_OMISSION


# --------------------------------------------------------------------------- the stage


@dataclass
class Alignment:
    """What alignment produces: the groups, and the verified pairs later stages reuse."""

    groups: list[ClaimGroup] = field(default_factory=list)
    table: ClaimTable | None = None
    p_of: Callable[[int, int], float] = lambda x, y: 0.0
    model: PairModel | None = None
    near: np.ndarray | None = None  # verify.near(table), which disputes reads too
    pairs: np.ndarray | None = None  # the verified pairs and their pair_features rows, reused by disputes
    features: np.ndarray | None = None


def eligible_claims(articles, claims: list[Claim]) -> list[Claim]:
    """The claims alignment compares; none when fewer than two articles have any."""
    eligible = [c for c in claims if c.kind in MATRIX_KINDS]
    if len(articles) < 2 or len({c.article_id for c in eligible}) < 2:
        return []
    return eligible


def index_claims(articles, analyses, claims: list[Claim], encode=None) -> ClaimTable:
    """The text part of the claim table (embeddings, TF-IDF, ranks): it reads no entity, so it may be
    built while the entities are resolved. ``encode`` stands in for the sentence model (a cache)."""
    frames = attribution_frames(claims)
    sentences = sentences_of(claims, {a.id: a.text for a in articles}, {a.article_id: a.sentences for a in analyses}, frames)
    return ClaimTable.from_texts(claims, [a.id for a in articles], {a.id: len(a.text) for a in articles},
                                 encode or embed.encode, sentences)


def align_claims(articles, analyses, report: StoryReport, model: PairModel | None = None,
                 indexed: ClaimTable | None = None) -> Alignment:
    """Claim groups. ``indexed`` is ``index_claims`` of the eligible claims when built beforehand."""
    link_identities(report)
    article_ids = [a.id for a in articles]
    eligible = eligible_claims(articles, report.claims)
    if not eligible:
        return Alignment()
    model = model or default_model()
    if not embed.available() and embed.UNAVAILABLE not in report.warnings:
        report.warnings.append(embed.UNAVAILABLE)
    quote_group_of = {q.id: q.group_id for q in report.quotes if q.group_id}
    table = indexed if indexed is not None and indexed.claims == eligible else index_claims(articles, analyses, eligible)
    table.link(quote_group_of)
    close = near(table)
    pairs = candidate_pairs(table, close)
    features = pair_features(table, pairs)
    probability = model.probability(features) * best_of_their_sentences(table, pairs)
    verified = {(int(i), int(j)): float(v) for (i, j), v in zip(pairs, probability)}

    def p_of(x: int, y: int) -> float:
        return verified.get((x, y) if x < y else (y, x), 0.0)

    outlet_of = {a.id: a.outlet or a.id for a in articles}
    cue_of = {q.id: (q.cue or "").lower() for q in report.quotes if q.kind == "indirect"}
    search = OmissionSearch(report, analyses, table, p_of)
    groups: list[ClaimGroup] = []
    for members, level in figure_conflicts(table, pairs, tiered_groups(table, pairs, probability, model.confident, model.link)):
        member_claims = [table.claims[m] for m in members]
        confidence, per_member = group_confidence(p_of, members, table.article_of)
        if level == "conflict":
            # two reports of one event that differ in a figure: as sure as they are alike apart from it
            confidence = float(table.semantic[members[0], members[1]])
            per_member = {m: confidence for m in members}
            level = "confident"
        gid = claim_group_id([c.id for c in member_claims])
        by_claim = {table.claims[m].id: per_member[m] for m in members}
        for claim in member_claims:
            if claim.group_id is None:
                claim.group_id = gid
                claim.group_confidence = round(by_claim[claim.id], 3)
            else:  # its sentence states this group's proposition too
                claim.also_in_group_ids.append(gid)
        label = label_of(member_claims, by_claim)
        coverage = coverage_of(member_claims, article_ids)
        coverage_confidence = {}
        # only a group carried widely enough to be called omitted elsewhere is worth the search
        searched = sum(v != "omitted" for v in coverage.values()) >= omission_quorum(len(articles))
        for article_id, value in coverage.items():
            if value == "omitted":
                coverage_confidence[article_id] = search.confidence(members, article_id) if searched else UNSURE_OMISSION
            else:
                coverage_confidence[article_id] = round(max(by_claim[c.id] for c in member_claims if c.article_id == article_id), 3)
        kinds = Counter(c.kind for c in member_claims)
        groups.append(ClaimGroup(
            id=gid, label=label_text(label, cue_of.get(label.quote_id or "")), label_claim_id=label.id, kind=group_kind(kinds),
            claim_ids=sorted(c.id for c in member_claims), coverage=coverage, coverage_confidence=coverage_confidence,
            confidence=round(confidence, 3), confidence_level=level,
            conflicts=number_conflicts(member_claims, outlet_of),
        ))
    groups.sort(key=lambda g: (g.confidence_level != "confident", -sum(v != "omitted" for v in g.coverage.values()),
                               -g.confidence, g.label))
    return Alignment(groups, table, p_of, model, close, pairs, features)


def omission_quorum(articles: int) -> int:
    """How many articles must carry a proposition before the others can be said to leave it out."""
    return max(2, math.ceil(0.6 * (articles - 1)))


def fill_omissions(report: StoryReport) -> None:
    """framing[].omitted_claim_groups: confident groups most other articles carry that this one surely leaves out."""
    n = len(report.articles)
    framing_of = {f.article_id: f for f in report.framing}
    for framing in report.framing:
        framing.omitted_claim_groups = []
    for group in report.claim_groups:
        if group.confidence_level != "confident":
            continue
        carried = [a for a, v in group.coverage.items() if v != "omitted"]
        if len(carried) < omission_quorum(n):
            continue
        for article_id, value in group.coverage.items():
            if value == "omitted" and group.coverage_confidence.get(article_id, 0.0) > UNSURE_OMISSION and article_id in framing_of:
                framing_of[article_id].omitted_claim_groups.append(group.id)
    for framing in report.framing:
        framing.omitted_claim_groups = sorted(set(framing.omitted_claim_groups))
