"""The neutral summary: extractive, multi-source, every sentence naming its sources.

- Only confident claim groups are summarised; a group's sources are its
  verified member claims, so an outlet is named only where it was checked
  to say the same.
- It leads with the news: the event most outlets report (the earliest in
  their articles among equals), then the other groups by how many outlets
  carry them and how early.
- For each group it picks the plainest sentence that states it: no loaded
  own-voice terms, no charged reporting verbs ("slammed", "touted"), no
  hedging, a complete sentence that does not lean on the one before.
- A disputed proposition is stated as "A says P; B denies it.", with the
  sources of both sides.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from parallax.lexicons import political_labels
from parallax.model import Claim, ClaimGroup, Dispute, Span, StoryReport, SummarySentence

MAX_WORDS = 60
MIN_WORDS = 6
MAX_LOADED = 0.3  # a sentence whose own-voice loaded terms score more is never used
# The neutral verb for what a side does, by the cue it was reported with ("accused Ukraine of …").
NEUTRAL_CUES = (("accus", "accuse"), ("blam", "blame"), ("charg", "charge"), ("alleg", "allege"), ("claim", "claim"))
SPEAKER_PRONOUNS = frozenset({"he", "she"})
SENTENCE_OPENERS = frozenset({"The", "A", "An", "It", "Its", "There", "This", "These", "Those", "That", "Some", "Many", "No"})
LEANS_ON_BEFORE = re.compile(r"^\W*(?:He|She|They|It|This|That|These|Those|But|And|So|Also|However|Meanwhile|Still|Yet|The latter|Such|"
                             r"Which|Who|Whom|Whose|(?:All|Some|Many|Most|None|Each|One|Both|Neither|Either) of (?:whom|which|them|those|these))\b")


@dataclass
class Candidate:
    claim: Claim
    start: int
    end: int
    sentence: str
    charge: float  # loaded own-voice terms and charged verbs: lower is plainer


def charged_verbs() -> re.Pattern:
    terms = sorted((t for t, (_, kind) in political_labels().items() if kind == "charged-verb"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\b", re.I) if terms else re.compile(r"(?!)")


class Sentences:
    """Sentence bounds per article, looked up by offset."""

    def __init__(self, analyses):
        self.spans = {a.article_id: a.sentences for a in analyses}
        self.starts = {k: [s for s, _ in v] for k, v in self.spans.items()}

    def around(self, article_id: str, start: int, end: int) -> tuple[int, int] | None:
        spans = self.spans.get(article_id)
        if not spans:
            return None
        first = max(0, bisect_right(self.starts[article_id], start) - 1)
        last = max(first, bisect_right(self.starts[article_id], max(start, end - 1)) - 1)
        return spans[first][0], spans[last][1]


def summarize(articles, analyses, report: StoryReport, n_sentences: int) -> list[SummarySentence]:
    groups = [g for g in report.claim_groups if g.confidence_level == "confident"]
    if n_sentences <= 0 or not groups:
        return []
    text_of = {a.id: a.text for a in articles}
    titles = {a.id: (a.title or "").strip() for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    length = {a.id: max(1, len(a.text)) for a in articles}
    posts = {a.id: [(p.start, p.end) for p in a.embedded_posts if p.start is not None] for a in articles}
    claims = {c.id: c for c in report.claims}
    quotes = {q.id: q for q in report.quotes}
    loaded = {f.article_id: [(t.start, t.score) for t in f.loaded_terms if t.voice == "own"] for f in report.framing}
    sentences = Sentences(analyses)
    verbs = charged_verbs()
    disputes: dict[str, Dispute] = {d.claim_group_id: d for d in report.disputes if d.kind == "parties" and d.claim_group_id}

    def candidates(members: list[Claim]) -> list[Candidate]:
        out = []
        for claim in members:
            bounds = sentences.around(claim.article_id, claim.start, claim.end)
            if bounds is None:
                continue
            start, end = bounds
            if any(a < end and start < b for a, b in posts[claim.article_id]):
                continue  # a pasted post speaks for its author, not for the story
            raw = text_of[claim.article_id][start:end]
            quote = quotes.get(claim.quote_id or "")
            said_by = quote.speaker_span if quote is not None and claim.voice == "quoted" else None
            if said_by is not None and start <= said_by.start < said_by.end <= end and said_by.text.lower() in SPEAKER_PRONOUNS \
                    and claim.holder.name.split()[-1] not in raw:
                # '"…," he said' names its speaker in the sentences before, which the summary leaves out
                raw = raw[:said_by.start - start] + claim.holder.name + raw[said_by.end - start:]
            sentence = " ".join(raw.split())
            words = len(sentence.split())
            if not MIN_WORDS <= words <= MAX_WORDS or sentence.endswith(("?", ":")) or sentence == titles[claim.article_id]:
                continue
            if LEANS_ON_BEFORE.match(sentence) or sentence.count("“") != sentence.count("”") or sentence.count('"') % 2:
                continue  # sentences that lean on the one before, broken quotes
            if claim.voice == "quoted" and not re.search(re.escape(claim.holder.name.split()[-1]), sentence) and not quote_cue_inside(claim, start, end):
                continue  # a quote whose speaker is named elsewhere reads as the outlet's own claim
            loaded_here = sum(score for at, score in loaded.get(claim.article_id, []) if start <= at < end)
            if loaded_here > MAX_LOADED or verbs.search(sentence):
                continue  # the outlet's loaded words or charged verbs are no neutral summary
            charge = loaded_here + 0.5 * bool(claim.hedged) + 0.5 * bool(re.search(r"!|\[", sentence))
            out.append(Candidate(claim, start, end, sentence, charge))
        # the plainest, then the surest member of the group, the outlet's own words before a quote, short
        return sorted(out, key=lambda c: (round(c.charge, 1), -round(c.claim.group_confidence or 0.0, 1), c.claim.voice != "own",
                                          len(c.sentence), order[c.claim.article_id], c.start))

    def quote_cue_inside(claim: Claim, start: int, end: int) -> bool:
        quote = quotes.get(claim.quote_id or "")
        return bool(quote and quote.cue_span and start <= quote.cue_span.start < end)

    def reports_an_event(group: ClaimGroup) -> bool:
        """An outlet tells it as an event in its own voice (the others may attribute it: "police say …")."""
        members = [claims[c] for c in group.claim_ids if c in claims]
        return 3 * sum(c.kind == "event" and c.voice == "own" for c in members) >= len(members)

    def lead(group: ClaimGroup) -> float:
        places = [claims[c].start / length[claims[c].article_id] for c in group.claim_ids if c in claims]
        return sum(places) / len(places) if places else 1.0

    def carried(group: ClaimGroup) -> int:
        return sum(v != "omitted" for v in group.coverage.values())

    ranked = sorted(groups, key=lambda g: (-carried(g), round(lead(g), 1), -g.confidence, g.id))
    # the news first: the most widely carried event (what happened, not what someone said about it), the
    # earliest among equals; without one, the most widely carried claim
    events = [g for g in ranked if reports_an_event(g) and g.id not in disputes and carried(g) >= 2]
    if events:
        first = min(events, key=lambda g: (-carried(g), round(lead(g), 1), -g.confidence, g.id))
        ranked.remove(first)
        ranked.insert(0, first)

    out: list[SummarySentence] = []
    used: set[tuple[str, int]] = set()
    for group in ranked:
        if len(out) >= n_sentences:
            break
        members = [claims[c] for c in group.claim_ids if c in claims]
        sources = spans_of(members, order)
        dispute = disputes.get(group.id)
        if dispute is not None:
            sentence = disputed_sentence(dispute, claims, quotes)
            if sentence:
                denial_sources = spans_of([claims[c] for c in dispute.denial_claim_ids if c in claims], order)
                out.append(SummarySentence(text=sentence, sources=sorted({(s.article_id, s.start): s for s in sources + denial_sources}.values(),
                                                                         key=lambda s: (order[s.article_id], s.start))))
                continue
        options = [c for c in candidates(members) if (c.claim.article_id, c.start) not in used]
        if not options:
            continue
        best = options[0]
        used.add((best.claim.article_id, best.start))
        out.append(SummarySentence(text=best.sentence, sources=sources))
    return out


def spans_of(members: list[Claim], order: dict[str, int]) -> list[Span]:
    return sorted({(c.article_id, c.start, c.end): Span(article_id=c.article_id, start=c.start, end=c.end, text=c.text)
                   for c in members}.values(), key=lambda s: (order[s.article_id], s.start))


def disputed_sentence(dispute: Dispute, claims: dict[str, Claim], quotes: dict) -> str | None:
    """"A says P; B denies it." in the asserting side's words."""
    assertions = [claims[c] for c in dispute.assertion_claim_ids if c in claims]
    if not assertions or not dispute.denied_by:
        return None
    claim = min(assertions, key=lambda c: (len(c.text), c.id))
    quote = quotes.get(claim.quote_id or "")
    content = claim.text.rstrip(".!;, ")
    if quote is not None and quote.kind in ("direct", "unmarked"):
        content = f"“{content}”"
    elif content.split()[0] in SENTENCE_OPENERS:
        content = content[0].lower() + content[1:]  # "The plan failed" → "… says the plan failed"
    verb = next((v for stem, v in NEUTRAL_CUES if quote is not None and (quote.cue or "").lower().startswith(stem)), "say")
    plural = len(dispute.asserted_by) > 1
    return f"{join_names(dispute.asserted_by)} {verb if plural else verb + 's'} {content}; " \
           f"{join_names(dispute.denied_by)} {'deny' if len(dispute.denied_by) > 1 else 'denies'} it."


def join_names(names: list[str]) -> str:
    names = list(names)[:3]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
