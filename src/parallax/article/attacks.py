"""Attacks on a named party, and the defences that answer them.

Some disputes are told as an attack and an answer, often in two sentences:
"The DNC knocked Christie for … . Ted Cruz … jumped to Christie's defense";
"Trump allies, including Laura Ingraham, sought to attack Vindman's
integrity. Biden, however, … calling attacks on the officer's character
'despicable'". The attacker holds a position (Christie's stance is junk
science) that the defender rejects: one dispute, attacker against defender.

An attack on what makes a party believable ("lashed out about … Cohen's
credibility") disputes what that party says, and is a disagreement by itself.

A defence answers the latest attack before it (in its own sentence or the
few before) on the party it defends; one that names no party ("the line of
attack was rejected by …") answers the latest attack of the sentence before
or its own. Both sides are named parties, as for every stated disagreement;
words are in ``lexicons/attacks.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass

from parallax.article.disagreements import (EXAMPLE_PREPOSITIONS, Disagreement, Parties, party_at, party_ref, same_party,
                                            span_of, undone)
from parallax.lexicons import attack_words
from parallax.model import Quote, Span

# a defence of a named party answers an attack on it at most this many sentences before it
NAMED_REACH = 4
# one that names nobody ("the line of attack was rejected …") answers only the sentence before
UNNAMED_REACH = 1
PHRASAL_PREPOSITIONS = frozenset({"at", "about", "against", "on"})


@dataclass(frozen=True)
class Attack:
    attacker: object  # a spaCy entity span or a Quote (a first person inside a quote)
    target: object | None
    sentence: int  # the sentence's position in the article
    at: int  # character offset of the cue
    sentence_span: Span


def find_answered_attacks(article_id: str, text: str, sentences, ents, quotes=()) -> list[Disagreement]:
    """Attacks answered by a defence, and attacks on a party's credibility, as disagreements."""
    parties = Parties.of(ents, quotes)
    words = attack_words()
    attacks: list[Attack] = []
    out: list[Disagreement] = []
    for position, sentence in enumerate(sentences):
        if sentence.text.rstrip().endswith("?"):
            continue
        here = span_of(article_id, text, sentence.start_char, sentence.end_char)
        for token in sentence:
            found = attacks_at(token, parties, words)
            defence = defence_at(token, parties, words)
            if (found or defence) and undone(token):
                continue  # "did not criticize", "refused to defend"
            for attacker, target, trait in found:
                if trait in words["credibility"] and target is not None and not same_party(attacker, target):
                    out.append(Disagreement(article_id=article_id, sentence=here, cue=cue_of(article_id, text, token),
                                            asserting=party_ref(article_id, text, target),
                                            denying=party_ref(article_id, text, attacker)))
                attacks.append(Attack(attacker, target, position, token.idx, here))
            if defence is None:
                continue
            defender, defended = defence
            answered = answered_attack(attacks, defender, defended, position, token.idx)
            if answered is None:
                continue
            out.append(Disagreement(article_id=article_id, sentence=here, cue=cue_of(article_id, text, token),
                                    asserting=party_ref(article_id, text, answered.attacker),
                                    denying=party_ref(article_id, text, defender),
                                    answers=answered.sentence_span if answered.sentence != position else None))
    return out


def cue_of(article_id: str, text: str, token) -> Span:
    return span_of(article_id, text, token.idx, token.idx + len(token))


def answered_attack(attacks: list[Attack], defender, defended, position: int, at: int) -> Attack | None:
    """The latest attack before the defence that it answers (see the module's docstring)."""
    reach = NAMED_REACH if defended is not None else UNNAMED_REACH
    for attack in reversed(attacks):
        if attack.sentence < position - reach:
            return None
        if attack.at >= at or same_party(attack.attacker, defender):
            continue
        if defended is None or (attack.target is not None and same_name(attack.target, defended)):
            return attack
    return None


def same_name(a, b) -> bool:
    """Two mentions of one party: the same entity, or names ending in the same word ("Joe Biden" / "Biden")."""
    if same_party(a, b):
        return True
    if isinstance(a, Quote) or isinstance(b, Quote):
        return False
    last = lambda ent: ent.text.lower().removesuffix("'s").removesuffix("’s").split()[-1:]
    return bool(last(a)) and last(a) == last(b)


# --------------------------------------------------------------------------- attacks


def attacks_at(token, parties: Parties, words) -> list[tuple[object, object | None, str | None]]:
    """(attacker, target, the trait attacked) for an attack verb: "knocked Christie", "sought to
    attack Vindman's integrity", "lashed out about the report and Cohen's credibility"."""
    if token.pos_ != "VERB":
        return []
    lemma = token.lemma_.lower()
    phrasal = any(c.dep_ == "prt" and f"{lemma} {c.lower_}" in words["phrasal"] for c in token.children)
    if not (phrasal or lemma in words["attack"] or lemma in words["trait-attack"]):
        return []
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
    if passive:
        # "Christie was criticized by the DNC"
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        attacker = party_at(next((c for c in agent.children if c.dep_ == "pobj"), None), parties) if agent is not None else None
        objects = [c for c in token.children if c.dep_ == "nsubjpass"]
    else:
        attacker = attacker_of(token, parties)
        if phrasal:
            objects = [o for c in token.children if c.dep_ == "prep" and c.lower_ in PHRASAL_PREPOSITIONS
                       for o in c.children if o.dep_ == "pobj"]
        else:
            objects = [c for c in token.children if c.dep_ == "dobj"]
    if attacker is None:
        return []
    out = []
    for obj in [o for first in objects for o in (first, *conjuncts(first))]:
        lemma_of = obj.lemma_.lower()
        if lemma_of in words["trait"] or lemma_of in words["credibility"]:
            out.append((attacker, owner_of(obj, parties), lemma_of))
        elif lemma in words["trait-attack"]:
            continue  # "questioned Christie": an interview, not an attack
        elif obj.pos_ != "PRON":
            target = party_at(obj, parties)
            if target is not None:
                out.append((attacker, target, None))
    return out


def conjuncts(token) -> list:
    out, frontier = [], [token]
    while frontier:
        found = [c for t in frontier for c in t.children if c.dep_ == "conj"]
        out += found
        frontier = found
    return out


def owner_of(noun, parties: Parties):
    """Whose trait it is: "Vindman's integrity", "the integrity of the judge"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return party_at(child, parties)
        if child.dep_ == "prep" and child.lower_ == "of":
            return party_at(next((c for c in child.children if c.dep_ == "pobj"), None), parties)
    return None


def attacker_of(verb, parties: Parties):
    """The subject of an attack verb, through "sought to attack" and "… and questioned", never out
    of an evaluation ("it was shameful to criticize his patriotism") or a reported clause."""
    clause = verb
    for _ in range(4):
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return named_example(subject, parties) or party_at(subject, parties)
        if clause.dep_ == "relcl" and clause.head.pos_ in ("PROPN", "NOUN"):
            return named_example(clause.head, parties) or party_at(clause.head, parties)
        if clause.dep_ == "conj" or (clause.dep_ == "xcomp" and clause.head.pos_ == "VERB"):
            clause = clause.head
            continue
        return None
    return None


def named_example(token, parties: Parties):
    """"some Republicans, including Rep. Liz Cheney": the named person speaks for the group."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in EXAMPLE_PREPOSITIONS:
            found = next((c for c in prep.children if c.dep_ == "pobj" and c.i in parties.of_token), None)
            if found is not None and parties.of_token[found.i].label_ == "PERSON":
                return parties.of_token[found.i]
    return None


# --------------------------------------------------------------------------- defences


def defence_at(token, parties: Parties, words) -> tuple[object, object | None] | None:
    """(defender, the party defended or None) for "defended Schiff", "jumped to Christie's
    defense", "rejected the line of attack", "calling attacks on the officer's character 'despicable'"."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in words["defend"]:
        target = next((c for c in token.children if c.dep_ == "dobj"), None)
        defender = defender_of(token, parties)
        if defender is None or target is None:
            return None
        if target.pos_ == "PRON":
            return (defender, defender) if target.lower_.endswith(("self", "selves")) else None
        defended = party_at(target, parties)
        return (defender, defended) if defended is not None else None
    if token.pos_ == "NOUN" and lemma in words["defence-noun"]:
        # "jumped to Christie's defense", "came to the defense of the judge"
        if not (token.dep_ == "pobj" and token.head.lower_ == "to"):
            return None
        defended = owner_of(token, parties)
        defender = defender_of(token.head.head, parties) if token.head.head.pos_ == "VERB" else None
        return (defender, defended) if defender is not None and defended is not None else None
    if token.pos_ == "VERB" and lemma in words["rebuff"]:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
        objects = [c for c in token.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
        attack = next((o for o in objects if is_attack_noun(o, words)), None)
        if attack is None:
            return None
        if passive:
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            defender = (named_example(by, parties) or party_at(by, parties)) if by is not None else None
        else:
            defender = defender_of(token, parties)
        if defender is None:
            return None
        return defender, attacked_in(attack, parties, words)
    return None


def is_attack_noun(noun, words) -> bool:
    """"the attacks", "criticism of …", "the line of attack"."""
    lemma = noun.lemma_.lower()
    if lemma in words["attack-noun"]:
        return True
    return lemma == "line" and any(c.dep_ == "prep" and c.lower_ == "of" and any(o.lemma_.lower() in words["attack-noun"] for o in c.children)
                                   for c in noun.children)


def attacked_in(noun, parties: Parties, words):
    """Who an attack noun names as attacked: "attacks on Schiff", "criticism of Vindman's loyalty"."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "of", "against"):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None or obj.lemma_.lower() == "attack":
                continue
            if obj.lemma_.lower() in words["trait"] or obj.lemma_.lower() in words["credibility"]:
                return owner_of(obj, parties)
            return party_at(obj, parties) if obj.pos_ != "PRON" else None
    return None


def defender_of(verb, parties: Parties):
    """The subject of a defence, through coordination, "calling …" after the main verb and the
    clause a report hangs it on ("Cruz told reporters that … and also jumped to Christie's defense")."""
    clause = verb
    for _ in range(4):
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            found = named_example(subject, parties) or party_at(subject, parties)
            if found is not None or clause.dep_ != "ccomp":
                return found
        elif clause.dep_ == "relcl" and clause.head.pos_ in ("PROPN", "NOUN"):
            return named_example(clause.head, parties) or party_at(clause.head, parties)
        if clause.dep_ in ("conj", "advcl", "xcomp", "ccomp") and clause.head.i != clause.i:
            clause = clause.head
            continue
        return None
    return None
