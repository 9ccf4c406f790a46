"""Disagreements the writer states between two named parties.

Many disputes are never worded as a denial: "Navarro was at odds with medical
experts like Dr. Fauci", "Despite the warnings from Navarro, Trump claimed
that …", "the senator contradicted the ambassador's account". The sentence
itself says who stands on which side. This stage finds such sentences in the
parse (the words are in ``lexicons/disagreements.tsv``) and returns each with
the two parties' mentions; the story stage turns them into disputes once the
mentions are entities.

Only what the parse ties together counts: both parties are named entities
(a person, an organisation, a group or a country), never a pronoun or an
unnamed "critics"; a negated, questioned or denied relation ("denied being at
odds with …") is no disagreement.
"""

from __future__ import annotations

from dataclasses import dataclass

from bisect import bisect_right

import numpy as np

from parallax.lexicons import disagreement_words, held_positions
from parallax.lexicons.speech import person_titles, reporting
from parallax.model import Quote, Span

PARTY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# physical clashes are fought by countries and forces; a clash of views is between people and bodies
NO_COUNTRIES = frozenset({"clash"})
# "medical experts like Dr. Fauci", "some Republicans, including Liz Cheney": the named member speaks
EXAMPLE_PREPOSITIONS = frozenset({"like", "including", "as"})
UNDOING_HEADS = reporting().undoing


@dataclass(frozen=True, kw_only=True)
class Party:
    """One side: where it is named, or the quote whose speaker it is ("I disagree with …")."""

    mention: Span | None = None
    speaker_of: str | None = None  # a quote id


@dataclass(frozen=True, kw_only=True)
class Disagreement:
    """One sentence saying that two named parties disagree: ``asserting`` holds a position that
    ``denying`` rejects, contradicts or argues against (for symmetric words, the subject asserts)."""

    article_id: str
    sentence: Span
    cue: Span  # the word that says it: "odds", "contradicted", "despite"
    asserting: Party
    denying: Party
    topic: Span | None = None  # "over whether the drug works": what they disagree about, when said
    answers: Span | None = None  # the earlier sentence with the attack a defence answers (``attacks``)


# "That account differs from …": the account given by the quote that ended at most this far before
RECENT_QUOTE_REACH = 300
OFFICE_WORDS = 3  # "Director", "Deputy Director", "Acting Deputy Director"


def officer_named(ent, parties):
    """The person an organisation's office names right after it ("contradicted Centers for Disease
    Control and Prevention Director Robert Redfield" is Redfield's dispute), else the organisation."""
    if ent.label_ != "ORG":
        return ent
    doc, k = ent.doc, ent.end
    while k < len(doc) and k - ent.end < OFFICE_WORDS and doc[k].lower_ in person_titles():
        k += 1
    person = parties.of_token.get(k) if k > ent.end else None
    return person if person is not None and person.label_ == "PERSON" and person.start == k else ent


@dataclass
class Parties:
    """Who a token stands for: entity tokens, and the quotes a first person may speak in."""

    of_token: dict
    quotes: list[Quote]  # with a speaker, by start
    quote_starts: list[int]

    @classmethod
    def of(cls, ents, quotes) -> "Parties":
        of_token = {token.i: ent for ent in ents if ent.label_ in PARTY_LABELS for token in ent}
        ordered = sorted((q for q in quotes if q.speaker is not None), key=lambda q: (q.start, q.end))
        return cls(of_token, ordered, [q.start for q in ordered])

    def quote_at(self, offset: int) -> Quote | None:
        """The direct quote the offset lies in ("I disagree …" is its speaker's)."""
        k = bisect_right(self.quote_starts, offset) - 1
        while k >= 0:
            quote = self.quotes[k]
            if quote.end > offset and quote.kind in ("direct", "unmarked"):
                return quote
            if offset - quote.start > 5000:
                return None
            k -= 1
        return None

    def quote_before(self, offset: int) -> Quote | None:
        """The latest quote that ends before the offset, not too far before it."""
        k = bisect_right(self.quote_starts, offset) - 1
        best = None
        for quote in self.quotes[max(0, k - 5):k + 1]:
            if quote.end <= offset and offset - quote.end <= RECENT_QUOTE_REACH and (best is None or quote.end > best.end):
                best = quote
        return best


def find_disagreements(article_id: str, text: str, sentences, ents, quotes: list[Quote] = ()) -> list[Disagreement]:
    """Disagreements in the parsed sentences (``ents``: the Doc's entities, for party lookups;
    ``quotes``: the article's quotes, whose speakers a first person inside them stands for)."""
    parties = Parties.of(ents, quotes)
    words = disagreement_words()
    out = []
    listed = listed_tokens(sentences[0].doc, words) if sentences else None
    for sentence in sentences:
        if text[sentence.start_char:sentence.end_char].rstrip().endswith("?"):
            continue
        doc = sentence.doc
        for i in np.flatnonzero(listed[sentence.start:sentence.end]).tolist():
            token = doc[sentence.start + i]
            lemma = token.lemma_.lower()
            found = None
            if token.pos_ == "VERB" and (lemma, "quoted-claim") in words:
                found = quoted_claim(token, parties)
            elif token.pos_ in ("VERB", "AUX") and any((lemma, form) in words for form in VERB_FORMS):
                found = verb_relation(token, lemma, words, parties)
            elif token.pos_ == "VERB" and any(c.lower_ == "back" for c in token.children) and (f"{lemma} back", "phrasal") in words:
                found = phrasal_relation(token, words[(f"{lemma} back", "phrasal")], parties)
            elif token.pos_ in ("NOUN", "PROPN") and (lemma, "noun-with") in words or token.lower_ == "odds":
                found = noun_relation(token, words, parties)
            elif (token.lower_, "concession") in words and token.dep_ in ("prep", "advmod", "advcl", "mark", "amod"):
                found = concession(token, parties)
            if found is None:
                continue
            asserting, denying, topic = found
            if same_party(asserting, denying) or undone(token):
                continue
            out.append(Disagreement(
                article_id=article_id,
                sentence=span_of(article_id, text, sentence.start_char, sentence.end_char),
                cue=span_of(article_id, text, token.idx, token.idx + len(token)),
                asserting=party_ref(article_id, text, asserting),
                denying=party_ref(article_id, text, denying),
                topic=topic and span_of(article_id, text, *topic),
            ))
    return out


def listed_tokens(doc, words) -> np.ndarray:
    """Per token: could it be a cue (its lemma or its form is a word of ``disagreements.tsv``, or it
    is "odds")? Read from the doc's arrays, so only these tokens become spaCy objects."""
    from spacy.attrs import LEMMA, LOWER

    listed = {word for word, _ in words} | {"odds"}
    strings = doc.vocab.strings
    columns = doc.to_array([LEMMA, LOWER]).reshape(-1, 2)
    lemmas = {key: strings[key].lower() for key in set(columns[:, 0].tolist())}
    cue_lemmas = [key for key, lemma in lemmas.items() if lemma in listed or lemma + " back" in listed]
    cue_forms = [key for key in set(columns[:, 1].tolist()) if strings[key] in listed]
    return np.isin(columns[:, 0], np.array(cue_lemmas, dtype=np.uint64)) | np.isin(columns[:, 1], np.array(cue_forms, dtype=np.uint64))


def party_ref(article_id: str, text: str, found) -> Party:
    if isinstance(found, Quote):
        return Party(speaker_of=found.id)
    return Party(mention=span_of(article_id, text, found.start_char, found.end_char))


def same_party(a, b) -> bool:
    if isinstance(a, Quote) or isinstance(b, Quote):
        return a is b
    bare = lambda ent: ent.text.lower().removesuffix("'s").removesuffix("’s")
    return a.start == b.start or bare(a) == bare(b)


VERB_FORMS = ("verb-with", "verb-from", "verb-object", "verb-said")


def span_of(article_id: str, text: str, start: int, end: int) -> Span:
    return Span(article_id=article_id, start=start, end=end, text=text[start:end])


def verb_relation(verb, lemma: str, words, parties):
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("PROPN", "NOUN"):
        subject = verb.head  # "Fauci, who disputed …"
    if subject is None:
        return None
    for form in VERB_FORMS:
        side = words.get((lemma, form))
        if side is None:
            continue
        if passive:
            # "X's account was contradicted by Y": Y denies what X holds
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            other = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            mine, theirs = party_at(subject, parties, said_owner=True), party_at(other, parties)
            if side == "other" and mine and theirs and allowed(lemma, mine, theirs):
                return mine, theirs, topic_of(verb)
            continue
        if form in ("verb-with", "verb-from"):
            word = form.split("-")[1]
            prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == word), None)
            other = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        else:
            other = next((c for c in verb.children if c.dep_ == "dobj"), None)
        mine = party_at(subject, parties, said_owner=True)
        theirs = party_at(other, parties, said_owner=True, said_only=form == "verb-said")
        if mine is None or theirs is None or not allowed(lemma, mine, theirs):
            continue
        return (mine, theirs, topic_of(verb)) if side == "subject" else (theirs, mine, topic_of(verb))
    return None


def phrasal_relation(verb, side: str, parties):
    """"Republicans pushed back against Schiff": the object of "against" / "on" is the other party."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    back = next(c for c in verb.children if c.lower_ == "back")
    prep = next((c for c in list(verb.children) + list(back.children) if c.dep_ == "prep" and c.lower_ in ("against", "on")), None)
    other = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    mine, theirs = party_at(subject, parties), party_at(other, parties, said_owner=True)
    if mine is None or theirs is None:
        return None
    return (mine, theirs, topic_of(verb)) if side == "subject" else (theirs, mine, topic_of(verb))


def quoted_claim(verb, parties: Parties):
    """"The State Department claims that the threat will deter Russia. It just doesn't make sense,"
    said Engel: a party's claim, named inside another party's direct quote."""
    quote = parties.quote_at(verb.idx)
    if quote is None or not any(c.dep_ == "ccomp" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON" or subject.i not in parties.of_token:
        return None
    return parties.of_token[subject.i], quote, None


def noun_relation(noun, words, parties):
    """"X had an argument with Y (over P)", "X was at odds with Y", "X's dispute with Y"."""
    lemma = "odds" if noun.lower_ == "odds" else noun.lemma_.lower()
    if lemma == "odds" and not (noun.dep_ == "pobj" and noun.head.lower_ == "at"):
        return None
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "with"), None)
    other = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    theirs = party_at(other, parties)
    if theirs is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        # the subject of the verb the noun (or "at odds") hangs on: "X had an argument", "X was at odds"
        governor = noun.head.head if lemma == "odds" else noun.head
        while governor.dep_ in ("prep", "pobj", "dobj", "attr") and governor.head.i != governor.i:
            governor = governor.head
        owner = next((c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    mine = party_at(owner, parties)
    if mine is None or not allowed(lemma, mine, theirs):
        return None
    return mine, theirs, topic_of(noun) or topic_of(noun.head)


def concession(word, parties):
    """"Despite the warnings from Y, X claimed …", "contrary to Y's assurances, X said …"."""
    said = next((c for c in word.subtree if c.dep_ == "pobj" and c.head.i in (word.i, *(t.i for t in word.children))), None)
    if said is None or not says_something(said):
        return None
    owner = said_thing_owner(said, parties)
    governor = word.head
    while governor.pos_ not in ("VERB", "AUX") and governor.head.i != governor.i:
        governor = governor.head
    subject = next((c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    mine = party_at(subject, parties)
    if owner is None or mine is None:
        return None
    return mine, owner, None


def says_something(token) -> bool:
    """A noun of speech or a held position ("the report", "her warnings", "the CDC's recommendations")."""
    lemma = token.lemma_.lower()
    return lemma in reporting().said_objects or lemma in held_positions()


def said_thing_owner(token, parties):
    """Whose said thing it is: "Y's warnings", "warnings from / by Y"."""
    for child in token.children:
        if child.dep_ == "poss":
            return party_at(child, parties)
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            found = party_at(next((c for c in child.children if c.dep_ == "pobj"), None), parties)
            if found is not None:
                return found
    return None


def party_at(token, parties, said_owner: bool = False, said_only: bool = False):
    """The named party a token stands for: the name itself, a named example of a common noun
    ("experts like Dr. Fauci"), or, with ``said_owner``, the owner of a said thing ("Y's account")."""
    if token is None:
        return None
    if token.pos_ == "PRON":
        return pronoun_party(token, parties)
    if said_owner and says_something(token):
        owner = said_thing_owner(token, parties)
        if owner is None and any(c.dep_ == "det" and c.lower_ in ("that", "this") for c in token.children):
            return parties.quote_before(token.idx)  # "That account differs from …": the account just quoted
        return owner
    if said_only:
        return None
    if token.i in parties.of_token:
        return officer_named(parties.of_token[token.i], parties)
    # "differs from Sondland's, a wealthy businessman": whose (account) the possessive names
    owner = next((c for c in token.children if c.dep_ == "poss" and c.i in parties.of_token), None)
    if said_owner and owner is not None:
        return parties.of_token[owner.i]
    if token.pos_ == "NOUN":
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in EXAMPLE_PREPOSITIONS:
                found = next((c for c in prep.children if c.dep_ == "pobj" and c.i in parties.of_token), None)
                if found is not None:
                    return parties.of_token[found.i]
    return None


def allowed(lemma: str, mine, theirs) -> bool:
    labels = {getattr(p, "label_", "PERSON") for p in (mine, theirs)}  # a quote's speaker is a person or a body
    return not (lemma in NO_COUNTRIES and "GPE" in labels)


def undone(cue) -> bool:
    """The relation is negated, hypothetical or denied: "are not at odds", "denied clashing with"."""
    token = cue
    for _ in range(6):
        if any(c.dep_ == "neg" for c in token.children):
            return True
        if token.lemma_.lower() in UNDOING_HEADS and token.i != cue.i:
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in token.children):
            return True
        if token.head.i == token.i:  # (spaCy makes a new Token object on every access: compare positions)
            break
        token = token.head
    return False


def topic_of(token) -> tuple[int, int] | None:
    """"over whether P" / "over P" / "about P": what the parties disagree about."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("over", "about", "on"):
            tokens = list(child.subtree)
            if any(t.ent_type_ in ("DATE", "TIME") for t in tokens):
                continue  # "on Friday": when, not what about
            return tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return None


FIRST_PERSON = frozenset({"i", "we"})
THIRD_PERSON = frozenset({"he", "she", "they"})
EMBEDDING_DEPS = frozenset({"ccomp", "advcl", "xcomp", "conj"})


def pronoun_party(token, parties: Parties):
    """"I disagree with …" inside a quote: its speaker; "Trump said he disagreed with …": the
    subject of the verb that reports the clause. Any other pronoun stays unresolved."""
    word = token.lower_
    if word in FIRST_PERSON and token.dep_ in ("nsubj", "nsubjpass"):
        return parties.quote_at(token.idx)
    if word not in THIRD_PERSON or token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = token.head
    for _ in range(3):
        if clause.dep_ not in EMBEDDING_DEPS or clause.head.i == clause.i:
            return None
        clause = clause.head
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            if subject.pos_ == "PRON" or subject.i not in parties.of_token:
                return None
            ent = parties.of_token[subject.i]
            # "she" for a person, "they" for a body or a group; not "he" for a country
            fits = ent.label_ == "PERSON" if word in ("he", "she") else True
            return ent if fits else None
    return None
