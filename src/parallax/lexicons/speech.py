"""The reporting-cue, title and speaker lexicons (``reporting.tsv``, ``titles.tsv``,
``speakers.tsv``), read once.

Every stage that asks "is this a reporting verb?", "is this a word of office?"
or "can this noun speak?" reads these files through this module, so one list
serves the quote finder, the claim extractor and the entity resolver alike.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
import re
from functools import lru_cache

from parallax.lexicons import _rows


@dataclass(frozen=True, kw_only=True)
class ReportingLexicon:
    speech: frozenset[str]  # verb lemmas that report speech, writing, belief or stance
    weak: frozenset[str]
    denial: frozenset[str]
    accusation: frozenset[str]
    stance: frozenset[str]
    core: frozenset[str]
    belief: frozenset[str]
    attitude: frozenset[str]  # stances, wishes and intentions: reported speech only
    topic: frozenset[str]  # the object is the content ("cited rising costs")
    finding: frozenset[str]  # topic verbs of things, not people ("polls show …")
    view: frozenset[str]  # a view only as "X sees Y as Z"
    naming: frozenset[str]  # "X calls the media 'fake news'": the name given is X's words
    phrasal: frozenset[tuple[str, str]]  # (verb lemma, particle)
    nouns: frozenset[str]  # nouns of speech that carry a that-clause ("Moscow's claim that …")
    said_objects: frozenset[str]  # what a denial's object may name as said: the nouns of speech and "story", "account" …
    holder_adjectives: frozenset[str]  # "X is critical of Y", "X was worried about Y"
    holder_nouns: frozenset[str]  # "X is a staunch opponent of Y"
    saying: frozenset[str]  # plain verbs of saying that stand by themselves as an attribution ("…, she added")
    question: frozenset[str]  # verbs of asking
    rebuttal: frozenset[str]  # the narration reports a rebuttal ("X disputed the report that …")
    undoing: frozenset[str]  # above a disagreement, deny it ("denied clashing with")
    unnegated: frozenset[str]  # verbs of thought or speech whose negation is no denial ("I don't think")
    plain_forms: frozenset[str]  # written forms of plain verbs of saying ("said", "wrote", "tweeted")
    hedged_forms: frozenset[str]  # written forms of cues that distance the writer ("claimed", "alleges")


@lru_cache(maxsize=1)
def reporting() -> ReportingLexicon:
    classes: dict[str, set[str]] = {}
    forms: dict[str, set[str]] = {}  # class → written forms (rows of form "inflected")
    phrasal, nouns, holder_nouns, holder_adjectives, said_objects = set(), set(), set(), set(), set()
    for cue, form, kinds in _rows("reporting.tsv"):
        if form == "phrasal":
            verb, particle = cue.split()
            phrasal.add((verb, particle))
        elif form == "noun" and "holder" in kinds.split(","):
            holder_nouns.add(cue)
        elif form == "noun" and kinds == "object":
            said_objects.add(cue)
        elif form == "noun":
            nouns.add(cue)
        elif form == "adjective":
            holder_adjectives.add(cue)
        elif form == "inflected":
            for kind in kinds.split(","):
                forms.setdefault(kind, set()).add(cue)
        else:
            for kind in kinds.split(","):
                classes.setdefault(kind, set()).add(cue)

    def of(kind: str) -> frozenset[str]:
        return frozenset(classes.get(kind, ()))

    return ReportingLexicon(speech=of("speech"), weak=of("weak"), denial=of("denial"), accusation=of("accusation"),
                            stance=of("stance"), core=of("core"), belief=of("belief"), attitude=of("attitude"),
                            topic=of("topic"), finding=of("finding"), view=of("view"), naming=of("naming"),
                            phrasal=frozenset(phrasal), nouns=frozenset(nouns),
                            said_objects=frozenset(nouns | said_objects),
                            holder_adjectives=frozenset(holder_adjectives), holder_nouns=frozenset(holder_nouns),
                            saying=of("saying"), question=of("question"), rebuttal=of("rebuttal"),
                            undoing=of("undoing"), unnegated=of("unnegated"),
                            plain_forms=frozenset(forms.get("plain", ())), hedged_forms=frozenset(forms.get("hedged", ())))


@lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    """word of office (lower case) → "person" (names an office or honorific) or "part" (only qualifies one)."""
    return {word: kind for word, kind in _rows("titles.tsv")}


@dataclass(frozen=True, kw_only=True)
class SpeakerWords:
    """The classes of ``speakers.tsv`` (see its header): nouns of people, bodies and documents, and labels."""
    institution: frozenset[str]  # a body that speaks through its people ("the ministry said")
    collective: frozenset[str]  # a singular noun standing bare for a body of people ("police said")
    anonymous: frozenset[str]  # a description of an unnamed person ("the source said")
    female: frozenset[str]
    male: frozenset[str]
    role: frozenset[str]  # "according to officials": a person, so no hedge (plurals as written)
    document: frozenset[str]  # carries the words of whoever issued it
    not_speaker: frozenset[str]  # besides the documents, things that carry words but are nobody ("the ruling")
    not_source: frozenset[str]  # a name starting so cites no source ("officials", "photo")
    not_turn: frozenset[str]  # the last word of a paragraph's "Label:" that is no speaker's turn
    not_label: frozenset[str]  # a whole paragraph-opening "Label:" that names no speaker in a transcript
    question_label: frozenset[str]  # a transcript label of the one who asks ("Q", "interviewer")
    answer_label: frozenset[str]  # a transcript label of the one who answers ("A")
    people: frozenset[str]  # nouns of people that no other class names, "they" may stand for them ("experts")
    quantity: frozenset[str]  # a count of people, who speak themselves ("a number of pastors")
    bare_one: frozenset[str]  # one of something named before, standing alone as a subject ("another showed")


@lru_cache(maxsize=1)
def speaker_words() -> SpeakerWords:
    classes: dict[str, set[str]] = {f.name: set() for f in fields(SpeakerWords)}
    for word, kinds in _rows("speakers.tsv"):
        for kind in kinds.split(","):
            if kind not in classes:
                raise ValueError(f"speakers.tsv: unknown class {kind!r} for {word!r}")
            classes[kind].add(word)
    return SpeakerWords(**{kind: frozenset(words) for kind, words in classes.items()})


def title_words() -> frozenset[str]:
    return frozenset(titles())


def person_titles() -> frozenset[str]:
    return frozenset(w for w, kind in titles().items() if kind == "person")


def inflections(lemma: str) -> set[str]:
    """The regular inflections of an English verb: call → calls, called, calling; dub → dubbed; describe → described."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, lemma + "s", stem + "ed", stem + "ing"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # dubbed, labelled
    return forms


@lru_cache(maxsize=1)
def naming_verbs_pattern() -> re.Pattern:
    """Any form of a naming verb ("called", "dubs", "labelling")."""
    forms = sorted({f for lemma in reporting().naming for f in inflections(lemma)}, key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, forms))})\b", re.I)


@lru_cache(maxsize=1)
def reported_content_pattern() -> re.Pattern:
    """A verb or noun of speech with its that-clause opening ("said that", "issued a report that"):
    what follows is someone's words, not the narration's."""
    lexicon = reporting()
    verbs = {f for lemma in lexicon.speech | lexicon.core | lexicon.belief for f in inflections(lemma)}
    nouns = {f for noun in lexicon.nouns for f in (noun, noun + "s")}
    words = sorted(verbs | nouns, key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b[^.;:!?]{{0,60}}?\bthat\b", re.I)
