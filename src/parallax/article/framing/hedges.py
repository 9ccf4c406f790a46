"""Hedges in the outlet's own voice, and the stance they add up to.

Three kinds:
- lexical (``hedges.tsv``): "alleged", "reportedly", "could not be independently
  verified", "if we are to believe this", "seemed to" …;
- attribution: the outlet leaves a statement about the event to its source
  ("Russia claimed …", "what the Kremlin called …", "according to the Kremlin, …");
- a headline that asks a question about the event.

Inside direct quotes, posts and transcripts nothing hedges the outlet. Inside
the content of reported speech, evidential hedges ("alleged") are still the
outlet's wording, epistemic ones ("may have") are the speaker's.
"""

from __future__ import annotations

from dataclasses import dataclass

from parallax.article.quotes.cues import ACCUSATION_VERBS, DENIAL_VERBS, SPEECH_VERBS
from parallax.article.framing.voice import Voice
from parallax.lexicons import hedge_entries, hedge_matches
from parallax.lexicons.speech import speaker_words
from parallax.model import Article, Hedge

EVENT_LEMMAS = frozenset(
    """attack strike assault raid incident attempt assassination act plot provocation operation invasion war conflict
    aggression blackout outage cyberattack hack explosion shooting coup offensive counteroffensive drone drones
    bombing blast sabotage""".split()
)
# what the story's event is called, as opposed to the wider war it is part of: a scare-quoted
# "attack" distances the outlet from the event, a scare-quoted "counteroffensive" from someone's word
CORE_EVENT_LEMMAS = EVENT_LEMMAS - frozenset("act war conflict offensive counteroffensive invasion aggression".split())
ATTRIBUTION_VERBS = frozenset("claim allege insist purport".split())
PERSON_ROLES = speaker_words().role
# a clause already reporting a statement: its "according to X" names the statement's source, not a hedge
REPORTING_LEMMAS = SPEECH_VERBS | DENIAL_VERBS | ACCUSATION_VERBS | frozenset(
    "speak talk comment post tweet quote cite interview".split())


@dataclass
class HedgeCounts:
    hedge: int = 0
    fabrication: int = 0
    certainty: int = 0


def _sentence_mentions_event(sent) -> bool:
    return any(t.lemma_.lower() in EVENT_LEMMAS for t in sent)


def attribution_hedges(doc, others: Voice) -> list[tuple[int, int, str]]:
    """"X claimed …" / "X alleges …" and "according to X, …" about the event, in the own voice."""
    out = []
    candidates = [t for t in doc if t.lemma_.lower() in ATTRIBUTION_VERBS or t.lower_ == "according"]
    for token in candidates:
        sent = token.sent
        if others.quoted(token.idx) or not _sentence_mentions_event(sent):
            continue
        lemma = token.lemma_.lower()
        if lemma in ATTRIBUTION_VERBS and token.pos_ == "VERB" and token.tag_ != "VBN":
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects and subjects[0].pos_ != "PRON":
                subject = subjects[0]
                start = min(t.idx for t in subject.subtree if t.i >= subject.left_edge.i)
                if token.i - subject.left_edge.i <= 8:
                    out.append((start, token.idx + len(token.text), "attribution"))
        elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            obj = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            if obj is None or obj.ent_type_ == "PERSON" or obj.lemma_.lower() in PERSON_ROLES:
                continue  # "according to Podolyak": a person's account is reported speech, not the outlet's hedge
            # "Ryabkov told Channel 1, according to TASS": the source of a statement, not a hedge on the event
            head = token.head
            clause = [t for t in sent if t.head.i == head.i or t.i == head.i]
            if any(t.lemma_.lower() in REPORTING_LEMMAS and t.pos_ == "VERB" for t in clause):
                continue
            if any(others.quoted(t.idx) for t in head.subtree if t.i != token.i):
                continue
            out.append((token.idx, obj.idx + len(obj.text) if obj.i >= token.i else token.idx + 9, "attribution"))
    return out


def scare_quoted_events(article: Article, doc, scare: list[tuple[int, int]], others: Voice) -> list[tuple[int, int, str]]:
    """The outlet puts the event's name in scare quotes: the 'assassination attempt'."""
    out = []
    for start, end in scare:
        outer_start, outer_end = max(0, start - 1), min(len(article.text), end + 1)
        inner = doc.char_span(start, end, alignment_mode="expand")
        if inner is None or len(inner) > 6 or not any(t.lemma_.lower() in CORE_EVENT_LEMMAS for t in inner):
            continue
        out.append((outer_start, outer_end, "scare quote"))
    return out


def find_hedges(article: Article, doc, others: Voice, reported: Voice, scare: list[tuple[int, int]] = (),
                questions: list = ()) -> tuple[list[Hedge], HedgeCounts]:
    """Own-voice hedges with their kind, and counts of hedge / fabrication / certainty markers."""
    text = article.text
    hedges: list[Hedge] = []
    counts = HedgeCounts()
    seen: list[tuple[int, int]] = []

    def add(start: int, end: int, kind: str) -> None:
        seen.append((start, end))
        counts.hedge += 1
        hedges.append(Hedge(article_id=article.id, start=start, end=end, text=text[start:end], kind=kind))

    for (_, kind, scope), matches in zip(hedge_entries(), hedge_matches(text)):
        for start, end in matches:
            if others.quoted(start) or any(s < end and start < e for s, e in seen):
                continue
            if scope == "epistemic" and reported.quoted(start):
                continue  # "Podolyak said it may have been staged": the speaker's doubt
            if kind == "hedge":
                add(start, end, "epistemic" if scope == "epistemic" else "evidential")
            else:
                seen.append((start, end))
                setattr(counts, kind, getattr(counts, kind) + 1)
    for start, end, kind in attribution_hedges(doc, others) + scare_quoted_events(article, doc, list(scare), others):
        if not any(s < end and start < e for s, e in seen):
            add(start, end, kind)
    for question in questions:
        # a question the outlet asks about the event ("Was the attack staged?") hedges it
        inner = doc.char_span(question.start, question.end, alignment_mode="expand")
        if inner is not None and any(t.lemma_.lower() in CORE_EVENT_LEMMAS for t in inner) \
                and not any(s < question.end and question.start < e for s, e in seen):
            add(question.start, question.end, "question")
    title = (article.title or "").strip()
    if title.endswith("?"):
        at = text.find(title)
        if at >= 0 and not any(s < at + len(title) and at < e for s, e in seen):
            add(at, at + len(title), "question")
    hedges.sort(key=lambda h: (h.start, h.end))
    return hedges, counts


def stance_of(counts: HedgeCounts, words: int) -> str:
    """Fact, allegation or fabrication, from the own voice's markers (per 1,000 words)."""
    per_k = 1000 / max(words, 200)
    hedges, fabrication = counts.hedge * per_k, counts.fabrication * per_k
    if fabrication >= 2 and fabrication >= hedges / 2:
        return "fabrication"
    if hedges >= 2:
        return "allegation"
    if counts.hedge == 0 and counts.fabrication == 0:
        return "fact"
    return "unclear"
