"""Loaded terms from the lexicons alone: curated political labels and charged
words, VADER valence and Pattern subjectivity, with the everyday evaluative and
event words of plain reporting left out. This is the lexicon-only baseline the
model is measured against, and one of the model's inputs.
"""

from __future__ import annotations

from dataclasses import dataclass

from parallax.lexicons import multiword_labels, political_labels, subjectivity, valence

# Everyday evaluative words of plain reporting that lexicons score but that carry no framing.
PLAIN_WORDS = frozenset(
    """good great best better well important major top free safe clear sure ready true real able new largest large big
    main key high low strong cold dark warm hot significant serious senior special public general common certain full whole fair like
    please thank thanks help support protect security peace agree agreed agreement ok okay yes no super""".split()
)
# Event vocabulary of neutral reporting: scored by sentiment lexicons, but naming what happened is not loaded.
EVENT_WORDS = frozenset(
    """kill killed killing kills death deaths dead die died dying attack attacks attacked war wars injure injured injury
    injuries wound wounded crisis conflict violence fire fires explosion explosions bomb bombs bombing damage damaged
    destroy destroyed threat threats fight fighting fought arrest arrested prison accident victim victims disaster
    emergency shooting shot crash crashed fear feared loss losses lost suffer suffered risk risks problem problems
    failure failed fail blackout outage cut cuts hack hacked hackers cyberattack protest protests strike strikes
    accuse accused accusation accusations deny denied denies blame blamed blames criticize criticized criticism
    warn warned warning reject rejected dismiss dismissed charge charged allegation allegations claim claims
    terrorism drone drones missile missiles weapons weapon army military troops soldiers enemy hostile assassination
    attacker attackers assassinate assassinated ban banned banning heart freedom celebrate celebrated powerful latest huge own""".split()
)


@dataclass(frozen=True)
class LexiconTerm:
    start: int
    end: int
    score: float  # intensity 0..1
    kind: str  # the lexicon's kind: label, dysphemism, charged, charged-verb, euphemism, sentiment


def token_score(token) -> tuple[float, str]:
    """Intensity 0..1 of a single word's judgement and the lexicon that gives it, or (0, "")."""
    lower = token.lower_
    labels = political_labels()
    if lower in PLAIN_WORDS:
        return 0.0, ""
    lemma = token.lemma_.lower()
    for key in (lower, lemma):
        if key in labels:
            return labels[key][0], labels[key][1]
    if token.pos_ == "PROPN" or token.ent_type_ or not token.is_alpha or len(lower) < 3:
        return 0.0, ""
    if lemma in EVENT_WORDS or lower in EVENT_WORDS:
        return 0.0, ""
    vader = valence().get(lower, valence().get(lemma, 0.0))
    if token.pos_ in ("ADJ", "ADV"):
        polarity, subjective = subjectivity().get(lower, subjectivity().get(lemma, (0.0, 0.0)))
        score = max(abs(vader) / 4 if abs(vader) >= 2.0 else 0.0,
                    subjective * abs(polarity) if subjective >= 0.8 and abs(polarity) >= 0.5 else 0.0)
        return round(min(score, 1.0), 2), "sentiment"
    if token.pos_ in ("NOUN", "VERB") and abs(vader) >= 2.5:
        return round(min(abs(vader) / 4, 1.0), 2), "sentiment"
    return 0.0, ""


def strong_labels(doc, table, kinds: frozenset[str], minimum: float) -> list[LexiconTerm]:
    """Curated labels of the given kinds and at least ``minimum`` intensity (multi-word ones
    first), read from a ``TokenTable``; the fast path of ``lexicon_terms`` for the labels alone."""
    labels = political_labels()
    out = []
    taken = bytearray(len(table.text) + 1)
    for match in multiword_labels().finditer(table.text):
        score, kind = labels[match.group().lower()]
        if kind in kinds and score >= minimum:
            out.append(LexiconTerm(match.start(), match.end(), score, kind))
        taken[match.start():match.end()] = b"\x01" * (match.end() - match.start())
    for i, start in enumerate(table.starts.tolist()):
        if taken[start]:
            continue
        hit = labels.get(table.lowers[i]) or labels.get(table.lemmas[i])
        if hit is not None and hit[1] in kinds and hit[0] >= minimum and table.lowers[i] not in PLAIN_WORDS:
            out.append(LexiconTerm(start, int(table.ends[i]), hit[0], hit[1]))
    return sorted(out, key=lambda t: (t.start, t.end))


def lexicon_terms(doc) -> list[LexiconTerm]:
    """Every lexicon hit in ``doc``, whoever's voice it is in; an adjective is shown
    with the noun it judges ("ridiculous accusations")."""
    text = doc.text
    labels = political_labels()
    terms: dict[tuple[int, int], LexiconTerm] = {}
    taken = bytearray(len(text) + 1)  # characters inside a multi-word label
    for match in multiword_labels().finditer(text):
        score, kind = labels[match.group().lower()]
        terms[(match.start(), match.end())] = LexiconTerm(match.start(), match.end(), score, kind)
        taken[match.start():match.end()] = b"\x01" * (match.end() - match.start())
    for token in doc:
        start = token.idx
        if taken[start]:
            continue
        score, kind = token_score(token)
        if score <= 0:
            continue
        end = start + len(token.text)
        head = token.head
        if token.dep_ == "amod" and head.pos_ == "NOUN" and head.i == token.i + 1:
            end = head.idx + len(head.text)
        terms[(start, end)] = LexiconTerm(start, end, score, kind)
    return sorted(terms.values(), key=lambda t: (t.start, t.end))
