"""How the outlet names people, places, groups and the event in its own voice:
the raw rows that ``parallax.story.framing`` turns into naming choices once
entities are resolved across articles."""

from __future__ import annotations

import re

from parallax.article.quotes.cues import TITLE_WORDS
from parallax.article.framing.voice import Voice

GOVERNMENT_NOUNS = frozenset(
    """regime government authorities administration junta leadership forces army military troops officials
    propaganda machine militants clique""".split()
)
# what the event itself is called ("terrorist attack", "alleged drone attack", "false flag", "special
# operation" / "invasion"); not "war" or "conflict", which name the wider situation in any story
EVENT_HEADS = frozenset(
    """attack strike assault raid incident attempt assassination act plot provocation operation invasion
    aggression blackout outage cyberattack hack explosion shooting coup flag hoax stunt ploy sabotage""".split()
)
DROP_FROM_EVENT = frozenset("DATE TIME CARDINAL ORDINAL QUANTITY".split())
# quantifiers and deictic words: "the whole incident", "more incidents" name nothing new
NOT_NAMING = frozenset("whole more most such this that these those other another any some all every each same latest recent new".split())
TITLES = {w.rstrip(".") for w in TITLE_WORDS}


def naming_mentions(parsed: ParsedArticle, others: Voice) -> list[list[str]]:
    """Own-voice names with the noun they label ("Kiev regime"), and how events are named.
    Rows: [entity text, label, term] for entities; ["", "EVENT:" + head, term] for events."""
    doc = parsed.doc
    rows = []
    for ent in parsed.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP") or others.quoted(ent.start_char):
            continue
        term = re.sub(r"(?:'s|’s)$", "", ent.text.strip())
        if ent.label_ == "PERSON":
            words = term.split()
            while len(words) > 2 and words[0].lower().rstrip(".") in TITLES:
                words = words[1:]  # "Spokeswoman Irina Solak" is named Irina Solak
            term = " ".join(words)
        head = ent.root.head
        if ent.root.dep_ in ("compound", "poss", "amod", "nmod") and head.lemma_.lower() in GOVERNMENT_NOUNS and head.i >= ent.end:
            term = doc[ent.start:head.i + 1].text
            term = re.sub(r"^(?:the|a|an)\s+", "", term, flags=re.I)
        rows.append([ent.text, ent.label_, term])
    for chunk in doc.noun_chunks:
        lemma = chunk.root.lemma_.lower()
        if lemma not in EVENT_HEADS or others.quoted(chunk.start_char):
            continue
        if lemma == "flag" and not any(t.lower_ == "false" for t in chunk):
            continue
        # "Wednesday's alleged drone attack" is named "alleged drone attack": dates and owners are not names
        words = [t for t in chunk if t.dep_ not in ("det", "poss", "predet", "case") and t.pos_ != "PRON" and not t.is_punct
                 and t.ent_type_ not in DROP_FROM_EVENT and not any(a.dep_ in ("poss", "case") for a in t.ancestors if a in chunk)]
        words = [t for t in words if t.i >= max((w.i for w in chunk if w.dep_ in ("poss", "case")), default=-1)
                 and t.lower_ not in NOT_NAMING]
        if not words:
            continue
        term = " ".join(t.lemma_.lower() if t.i == chunk.root.i else t.text if t.ent_type_ or t.pos_ == "PROPN" and not t.is_title
                        else t.lower_ for t in words)
        rows.append(["", "EVENT:" + lemma, term.strip(" \"“”‘’'")])
    return rows
