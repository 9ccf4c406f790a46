"""The neutral summary: an extractive multi-source summary.

Sentences come from the articles themselves. Claim groups are ranked by how
many outlets carry them; for each, the sentence chosen is the one in the
plainest wording (fewest loaded terms, no hedging markers needed) that keeps
its attribution. A group that is disputed is only ever stated through
attributed sentences ("X said …"), and its denial follows it, so no summary
sentence presents one side's contested claim as fact. Every sentence lists
its sources: the claims of its group in every article.
"""

from __future__ import annotations

import re

from parallax.model import Span, StoryReport, SummarySentence

MAX_WORDS = 60
PRONOUN_START = re.compile(r"^(?:He|She|They|It|This|That|These|Those|But|And|So|Also)\b")


def sentence_spans(analyses) -> dict[str, list[tuple[int, int]]]:
    return {a.article_id: a.sentences for a in analyses}


def sentence_of(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    hits = [(s, e) for s, e in spans if s < end and start < e]
    return (hits[0][0], hits[-1][1]) if hits else None


def summarize(articles, analyses, report: StoryReport, n_sentences: int) -> list[SummarySentence]:
    if n_sentences <= 0 or not report.claim_groups:
        return []
    text_of = {a.id: a.text for a in articles}
    posts = {a.id: a.embedded_posts for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    spans = sentence_spans(analyses)
    claims = {c.id: c for c in report.claims}
    quotes_by_article: dict[str, list] = {}
    for quote in report.quotes:
        quotes_by_article.setdefault(quote.article_id, []).append(quote)
    loaded = {}
    for framing in report.framing:
        loaded[framing.article_id] = [(t.start, t.score) for t in framing.loaded_terms if t.voice == "own"]
    disputed = {d.claim_group_id: d for d in report.disputes}
    denials: dict[str, list] = {}
    for claim in report.claims:
        if claim.polarity == "denies" and claim.denies_group_id and claim.voice == "quoted":
            denials.setdefault(claim.denies_group_id, []).append(claim)

    def attributed(claim, start: int, end: int) -> bool:
        """The sentence names who says it: a quote's cue lies inside it."""
        return any(q.cue_span and start <= q.cue_span.start < end for q in quotes_by_article.get(claim.article_id, []))

    def candidates(group_claims, contested: bool):
        out = []
        for claim in group_claims:
            bounds = sentence_of(spans.get(claim.article_id, []), claim.start, claim.end)
            if bounds is None:
                continue
            start, end = bounds
            if any(p.start < end and start < (p.end or p.start) for p in posts.get(claim.article_id, [])):
                continue  # a pasted post speaks for its author, not for the story
            sentence = text_of[claim.article_id][start:end].strip()
            words = len(sentence.split())
            if words < 6 or words > MAX_WORDS or sentence.endswith(("?", ":")) or "\n" in sentence:
                continue
            if start == 0 or PRONOUN_START.match(sentence) or sentence.count("“") != sentence.count("”") or sentence.count('"') % 2:
                continue  # headlines, sentences that lean on the one before, broken quotes
            is_attributed = claim.voice == "quoted" and attributed(claim, start, end)
            if contested and not is_attributed:
                continue
            charge = sum(score for at, score in loaded.get(claim.article_id, []) if start <= at < end)
            charge += 0.5 * bool(re.search(r"[!]|\[", sentence))
            out.append((charge, not is_attributed, words, order[claim.article_id], start, claim, sentence, (start, end)))
        return sorted(out, key=lambda c: c[:5])

    length = {a.id: max(1, len(a.text)) for a in articles}

    def lead(group) -> float:
        """How early the group's claims come in their articles: news puts the main facts first."""
        places = [claims[c].start / length[claims[c].article_id] for c in group.claim_ids if c in claims]
        return sum(places) / len(places) if places else 1.0

    ranked = sorted(
        report.claim_groups,
        key=lambda g: (-sum(v != "omitted" for v in g.coverage.values()), round(lead(g), 1), g.id not in disputed, g.id),
    )
    chosen: list[tuple[int, int, SummarySentence]] = []
    used_sentences: set[tuple[str, int]] = set()
    for group in ranked:
        if len(chosen) >= n_sentences:
            break
        group_claims = [claims[c] for c in group.claim_ids if c in claims]
        contested = group.id in disputed
        pool = [c for c in group_claims if c.polarity == "asserts"] if contested else group_claims
        options = [o for o in candidates(pool, contested) if (o[5].article_id, o[7][0]) not in used_sentences]
        if not options:
            continue
        best = options[0]
        sources = sorted(
            {(c.article_id, c.start, c.end): Span(article_id=c.article_id, start=c.start, end=c.end, text=c.text) for c in group_claims}.values(),
            key=lambda s: (order[s.article_id], s.start),
        )
        used_sentences.add((best[5].article_id, best[7][0]))
        chosen.append((order[best[5].article_id], best[7][0], SummarySentence(text=" ".join(best[6].split()), sources=sources)))
        if contested and len(chosen) < n_sentences:
            # the other side, in its own attributed words, right after
            answers = [o for o in candidates(denials.get(group.id, []), True) if (o[5].article_id, o[7][0]) not in used_sentences]
            if answers:
                reply = answers[0]
                used_sentences.add((reply[5].article_id, reply[7][0]))
                reply_sources = [Span(article_id=c.article_id, start=c.start, end=c.end, text=c.text) for c in denials[group.id]]
                chosen.append((order[best[5].article_id], best[7][0] + 0.5, SummarySentence(
                    text=" ".join(reply[6].split()), sources=sorted(reply_sources, key=lambda s: (order[s.article_id], s.start)))))
    # keep the order in which the story unfolds in the articles
    return [sentence for _, _, sentence in sorted(chosen, key=lambda c: (c[0], c[1]))]
