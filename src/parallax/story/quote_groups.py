"""The same utterance as carried by several outlets.

Quotes by the same speaker entity in different articles are linked when
their wordings match closely (a trimmed version, a second translation, a
paraphrase of the same sentence). Every variant keeps its outlet and the
word-level differences from the fullest wording; editorial insertions inside
a quote ("[Nukes.]", "(the attack)") and changes that alter the meaning (a
negation or a number present in one wording only) are flagged.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from rapidfuzz import fuzz

from parallax.clustering import agglomerate
from parallax.ids import quote_group_id
from parallax.lexicons import stop_words
from parallax.model import Quote, QuoteGroup, QuoteVariant
from parallax.outlets import outlet_labels

# Similarity (0-100) above which two wordings are the same utterance.
SAME_UTTERANCE = 62
TRIMMED_UTTERANCE = 85  # one wording contained in the other
MAY_JOIN = SAME_UTTERANCE * 0.8  # every pair across two groups that join is at least this similar
MIN_WORDS = 4
INSERTION_RE = re.compile(
    r"\[[^\]]{1,80}\]|\((?:the|a|an|this|that|these|those|he|she|they|it|his|her|their|i\.e\.|sic)\b[^)]{0,60}\)", re.I
)
NEGATIONS = frozenset({"not", "no", "never", "nothing", "none", "neither", "nor", "without", "n't", "cannot"})
_WORD = re.compile(r"[\w’'-]+|[^\w\s]")
_NUMBER = re.compile(r"\d[\d,.]*")
STOP = stop_words("quote_wording")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=16384)  # a quote is compared with every other quote of its speaker
def content_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)) - STOP


def similarity(a: str, b: str) -> float:
    """Wording similarity: token sets for reordering and translation, partial match for trimming.

    Exact from ``MAY_JOIN`` up, where grouping reads the value; below it, some value below it
    (rapidfuzz stops early at a ``score_cutoff`` the score cannot reach)."""
    ta, tb = a.lower(), b.lower()
    wa, wb = content_words(a), content_words(b)
    overlap = len(wa & wb) / max(1, min(len(wa), len(wb)))
    # a partial match counts only from TRIMMED_UTTERANCE up; the token-set ratio only where
    # ratio * 0.5 + overlap * 50 can reach MAY_JOIN (a hundredth of a point of slack for rounding)
    partial = fuzz.partial_ratio(ta, tb, score_cutoff=TRIMMED_UTTERANCE) if min(len(ta), len(tb)) >= 25 else 0
    token_set = fuzz.token_set_ratio(ta, tb, score_cutoff=max(0.0, 2 * (MAY_JOIN - overlap * 50) - 0.01))
    return max(token_set * 0.5 + overlap * 50, partial if partial >= TRIMMED_UTTERANCE else 0)


def negations(text: str) -> int:
    lowered = text.lower().replace("n’t", " n't").replace("n't", " n't")
    return sum(1 for w in lowered.split() if w in NEGATIONS or w.endswith("n't"))


def meaning_changes(reference: str, variant: str) -> list[str]:
    """Negations or numbers that differ where the two wordings overlap.

    Leading and trailing differences are trimming (an outlet quoting less),
    not a change of meaning, so only interior differences count.
    """
    ops = word_diff(reference, variant)
    equal_at = [i for i, (op, _, _) in enumerate(ops) if op == "equal"]
    if not equal_at:
        return []
    interior = ops[equal_at[0] + 1:equal_at[-1]]
    changes = []
    for op, ref_words, var_words in interior:
        if op == "equal":
            continue
        ref_words, var_words = ref_words.strip(), var_words.strip()
        if (negations(ref_words) > 0) != (negations(var_words) > 0):
            changes.append(f"negation differs: '{ref_words}' vs '{var_words}'")
        ref_numbers, var_numbers = set(_NUMBER.findall(ref_words)), set(_NUMBER.findall(var_words))
        if (ref_numbers or var_numbers) and ref_numbers != var_numbers:
            changes.append(f"number differs: '{ref_words}' vs '{var_words}'")
    return changes


def pieces(text: str) -> list[tuple[str, str]]:
    """(word, the word with the spacing that follows it): joined, the pieces give back the text."""
    matches = list(_WORD.finditer(text))
    out = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        out.append((match.group(), text[match.start():end]))
    return out


def word_diff(reference: str, variant: str) -> list[tuple[str, str, str]]:
    """Word-level opcodes whose texts keep the original spacing ("accident. Our", not "accident . Our")."""
    ref, var = pieces(reference), pieces(variant)
    matcher = difflib.SequenceMatcher(a=[w.lower() for w, _ in ref], b=[w.lower() for w, _ in var], autojunk=False)
    return [(op, "".join(p for _, p in ref[i1:i2]), "".join(p for _, p in var[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes()]


def group_quotes(articles, report) -> list[QuoteGroup]:
    outlets = outlet_labels(articles)
    candidates = [q for q in report.quotes if q.speaker is not None and len(q.text.split()) >= MIN_WORDS]
    by_speaker: dict[str, list[Quote]] = {}
    for quote in candidates:
        key = quote.speaker.entity_id or quote.speaker.name.lower()
        by_speaker.setdefault(key, []).append(quote)

    # Greedy agglomeration, strongest pairs first: two groups join only when they
    # come from different articles and every cross pair is similar enough, so one
    # speaker's different statements never chain into one group.
    by_qid = {q.id: q for q in candidates}
    scores: dict[tuple[str, str], float] = {}
    pairs = []
    for quotes in by_speaker.values():
        for i, a in enumerate(quotes):
            for b in quotes[i + 1:]:
                if a.article_id == b.article_id:
                    continue
                score = similarity(a.text, b.text)
                scores[(a.id, b.id)] = scores[(b.id, a.id)] = score
                if score >= SAME_UTTERANCE:
                    pairs.append((-score, a.id, b.id))

    def may_join(ga: list[str], gb: list[str]) -> bool:
        if {by_qid[x].article_id for x in ga} & {by_qid[y].article_id for y in gb}:
            return False
        return all(scores.get((x, y), 0) >= MAY_JOIN for x in ga for y in gb)

    group_of = agglomerate(by_qid, ((a, b) for _, a, b in sorted(pairs)), may_join)
    members: dict[str, list[Quote]] = {}
    for quote in candidates:
        members.setdefault(group_of[quote.id], []).append(quote)
    groups = []
    by_id = {q.id: q for q in report.quotes}
    for quotes in members.values():
        if len({q.article_id for q in quotes}) < 2:
            continue
        quotes.sort(key=lambda q: (q.article_id, q.start))
        reference = max(quotes, key=lambda q: (len(q.text), q.id))
        group_id = quote_group_id([q.id for q in quotes])
        variants = []
        for quote in quotes:
            variants.append(
                QuoteVariant(
                    quote_id=quote.id,
                    article_id=quote.article_id,
                    outlet=outlets.get(quote.article_id),
                    text=quote.text,
                    diff=[] if quote is reference else word_diff(reference.text, quote.text),
                    insertions=INSERTION_RE.findall(quote.text),
                    meaning_changes=[] if quote is reference else meaning_changes(reference.text, quote.text),
                )
            )
            by_id[quote.id].group_id = group_id
        groups.append(
            QuoteGroup(
                id=group_id,
                speaker=reference.speaker.name if reference.speaker else None,
                quote_ids=[q.id for q in quotes],
                article_ids=sorted({q.article_id for q in quotes}),
                variants=variants,
            )
        )
    groups.sort(key=lambda g: (-len(g.article_ids), g.speaker or "", g.id))
    return groups
