"""Reporting cues: which tokens report speech, their subjects, the speaker
phrase at a cue, and the channel named beside it ("in an interview with CNN").

The verbs and nouns come from the one reporting lexicon
(``parallax/lexicons/reporting.tsv``); words of office from ``titles.tsv``,
nouns of documents from ``speakers.tsv``.
"""

from __future__ import annotations

import re

from parallax.lexicons.speech import person_titles, reporting, speaker_words, title_words

_LEXICON = reporting()
SPEECH_VERBS = _LEXICON.speech
# Verbs that take a speaker only with a speech-like complement (avoid "X called Y a hero" without quotes).
WEAK_VERBS = _LEXICON.weak
DENIAL_VERBS = _LEXICON.denial
ACCUSATION_VERBS = _LEXICON.accusation
# Verbs whose object is the stance itself ("X condemned the strike", "Y praised the deal").
STANCE_OBJECT_VERBS = _LEXICON.stance
# Plain verbs of saying: inside another cue's complement they start another speaker's report.
REPORTING_CORE = _LEXICON.core
# Phrasal reporting verbs: "Trump went on", "she shot back", "he pointed out".
PHRASAL_CUES = _LEXICON.phrasal
NOUN_CUES = _LEXICON.nouns
# Predicates whose subject holds a view of their object ("critical of", "a staunch opponent of").
HOLDER_ADJECTIVES = _LEXICON.holder_adjectives
HOLDER_NOUNS = _LEXICON.holder_nouns
# Stances, wishes and intentions ("X wants to …", "Y would support …"): reported speech only.
ATTITUDE_VERBS = _LEXICON.attitude
# Verbs whose object is what is reported ("cited rising costs", "likened him to a snake").
TOPIC_VERBS = _LEXICON.topic
FINDING_VERBS = _LEXICON.finding
# Verbs of belief and inference ("the emails suggest", "the study found"): what a document holds, not says.
BELIEF_VERBS = _LEXICON.belief
VIEW_VERBS = _LEXICON.view
# Words of office that spaCy often folds into a PERSON entity ("Spokeswoman Irina Solak").
TITLE_WORDS = title_words()
PERSON_TITLES = person_titles()

# nouns of documents and messages: they carry the words of whoever issued them
DOCUMENT_NOUNS = speaker_words().document

FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "mine", "ours", "myself", "ourselves"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
GROUP_PRONOUNS = frozenset({"they", "them", "it"})
SPEAKER_LABELS = {"PERSON", "ORG", "GPE", "NORP"}

# "would respond", "will say", "to comment": speech that has not happened is no cue.
UNREALIZED_MARKERS = {"would", "will", "could", "should", "may", "might", "can", "must", "'ll", "to"}


def is_cue(token, attitude: bool = False) -> bool:
    """A reporting verb; with ``attitude``, stance and intention verbs too (reported speech only),
    which a modal does not cancel ("Sanders would support the plan")."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.tag_ == "VBG" and token.i > 0 and token.doc[token.i - 1].lower_ == "no":
        return False  # "there's no denying the impact", "no telling what …": an idiom, nobody's words
    lemma = token.lemma_.lower()
    if attitude and lemma in ATTITUDE_VERBS:
        return not any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children)
    if attitude and lemma in TOPIC_VERBS and lemma not in SPEECH_VERBS:
        return not any(child.dep_ == "aux" and child.lower_ in UNREALIZED_MARKERS for child in token.children)
    # (the particle is sometimes parsed as an adverb: "Rubio fired back forcefully")
    if lemma not in SPEECH_VERBS and not any((lemma, c.lower_) in PHRASAL_CUES for c in token.children if c.dep_ in ("prt", "advmod")) \
            and not puts_it(token):
        return False
    return not any(child.dep_ == "aux" and child.lower_ in UNREALIZED_MARKERS for child in token.children)


def puts_it(token) -> bool:
    """"as Rosenthal put it, …": the idiom reports its subject's words."""
    return token.lemma_.lower() == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children) \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)


def subject_of(verb):
    """The subject of a reporting verb, climbing from a non-finite cue to the clause that has
    one: "X said ... and added ...", "He did not provide evidence, saying ...", "Clinton seemed
    ready to riff on it, telling the crowd ...", "Obama ended by saying ..."."""
    doc = verb.doc
    start = verb
    if verb.tag_ == "VBG" and verb.dep_ in ("xcomp", "acl") and verb.i > 0:
        # "footage of Hillary Clinton asking, '…'", "caught him saying": the person right before the
        # participle is the one speaking, not the subject of the clause above it ("the ad uses …")
        before = doc[verb.i - 1]
        if before.dep_ in ("pobj", "dobj") and (before.ent_type_ == "PERSON" or before.lower_ in ("him", "her")):
            return before
    conjoined = False  # climbed from a verb coordinated with this one: they share its subject
    for _ in range(6):
        # the parser sometimes hangs a headline's subject on the cue too ("20,000 soldiers killed …, US says"):
        # the subject nearest the verb is the speaker
        subjects = [child for child in verb.children if child.dep_ == "nsubj"]
        if not subjects and verb.i != start.i:
            # "Silverman was joined on stage by Al Franken and joked, '…'", "Silverman was booed by supporters
            # after telling them …": the passive subject of the verb climbed to, not its agent
            subjects = [child for child in verb.children if child.dep_ == "nsubjpass"]
        if conjoined and verb.dep_ == "ccomp" and not is_cue(verb) and is_cue(verb.head) \
                and any(c.dep_ == "cc" and c.i < start.i for c in verb.children) \
                and (start.lemma_.lower() in REPORTING_CORE or not subjects or subjects[0].pos_ == "PRON"
                                                                                      and subjects[0].lower_ in ("it", "there", "this")
                                                                                      or subjects[0].dep_ == "nsubjpass"):
            # "De Blasio said the move was made by Bratton and said, '…'", "Suu Kyi said it was too early
            # but added, '…'": the parser hangs the second cue on the reported clause; it is the speaker's
            verb = verb.head
            conjoined = False
            continue
        if conjoined and verb.dep_ == "acl" and verb.head.lemma_.lower() in NOUN_CUES and is_cue(verb.head.head) \
                and start.i >= 2 and doc[start.i - 1].dep_ == "cc" and doc[start.i - 2].text == ",":
            # "Kirby denied Russia's claim that the US ordered the attack, and accused …": the parser hangs
            # the second act on the verb of the claim the speaker rejects; it is the speaker's
            verb = verb.head.head
            conjoined = False
            continue
        if subjects:
            return min(subjects, key=lambda child: abs(child.i - verb.i))
        if verb.i != start.i and verb.dep_ == "conj" and verb.head.i != verb.i:
            # "was booed and shouted down by supporters after telling them …": the subject the coordinated
            # verbs share, not the agent of the one climbed to
            verb = verb.head
            continue
        for child in verb.children:
            if child.dep_ == "agent":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
        head = verb.head
        if head.i == verb.i:  # the root (spaCy makes a new Token object on every access: compare positions)
            return None
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ == "PROPN" and head.i < verb.i:
            return head  # "footage of Hillary Clinton asking, '…'": the name the participle describes speaks
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ == "NOUN" and head.i < verb.i and head.lemma_.lower() in DOCUMENT_NOUNS:
            return head  # "tweets urging people to attend and saying …": the document speaks, for whoever issued it
        if verb.dep_ in ("conj", "xcomp", "acomp"):
            conjoined = verb.dep_ == "conj"
            verb = head
        elif verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > head.i:
            verb = head
        elif verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("by", "before", "after", "while", "upon", "on", "in", "without") and head.head.i != head.i:
            verb = head.head
        elif verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_.lower() in ("quote", "report", "cite"):
            # "X was quoted as saying …": the one quoted speaks
            quoted = next((c for c in head.head.children if c.dep_ == "nsubjpass"), None)
            return quoted
        else:
            return None
    return None


def entity_bounds(token) -> tuple[int, int] | None:
    """Token range [start, end) of the named entity holding ``token``, from its IOB tags."""
    if not token.ent_type_ or token.ent_iob_ == "O":
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def phrase_span(token) -> tuple[int, int]:
    """Character span of a speaker phrase: the token with its compounds, titles and names."""
    doc = token.doc
    bounds = entity_bounds(token)
    if bounds is not None:
        left, ent_end = bounds
        # pull in titles and roles before the name ("Kremlin spokesman Dmitry Peskov")
        while left > 0 and doc[left - 1].dep_ in ("compound", "amod", "nmod") and left - 1 <= doc[left - 1].head.i < ent_end:
            left -= 1
        last = doc[ent_end - 1]
        return doc[left].idx, last.idx + len(last.text)
    left_edge = token
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod") and child.i < token.i:
            left_edge = child if child.i < left_edge.i else left_edge
            for sub in child.subtree:
                if sub.i < left_edge.i:
                    left_edge = sub
            break
    right = token.i + 1
    # "the Mayor of Moscow", "the head of the agency": an office is named with its place or body
    if token.lower_ in TITLE_WORDS:
        of = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and any(t.pos_ == "PROPN" for t in of.subtree):
            right = max(t.i for t in of.subtree) + 1
    return doc[left_edge.i].idx, doc[right - 1].idx + len(doc[right - 1].text)


def cues_in(sent, exclude, attitude: bool = False):
    """Reporting cues in a sentence that lie outside the excluded (quoted) ranges."""
    contains = exclude.contains if hasattr(exclude, "contains") else (lambda i: any(a <= i < b for a, b in exclude))
    for token in sent:
        if is_cue(token, attitude) and not contains(token.idx):
            yield token


def according_to(sent, exclude):
    """"according to X" → (token 'according', speaker head token)."""
    contains = exclude.contains if hasattr(exclude, "contains") else (lambda i: any(a <= i < b for a, b in exclude))
    for token in sent:
        if token.lower_ == "according" and not contains(token.idx):
            for child in token.children:
                if child.lower_ == "to":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            return token, obj
    return None


CHANNEL_PATTERNS = [
    re.compile(r"\b(?:in|during) an? (?:(?:exclusive|televised|recent|live|phone|radio|TV|video) )?"
               r"(?:interview|conversation|appearance|podcast|op-ed|speech|address|statement|post|video|briefing|"
               r"news conference|press conference|event|broadcast|op-ed)(?: (?:with|on|to|for|at|in) [^,.;:\"“”]{2,60})?", re.I),
    re.compile(r"\b(?:at|during) (?:an?|the|his|her|their) [^,.;:\"“”]{0,40}?(?:news conference|press conference|briefing|"
               r"summit|meeting|rally|hearing|event|forum|session)(?: (?:in|at|on) [^,.;:\"“”]{2,40})?", re.I),
    re.compile(r"\bon (?:his|her|their|its|the) (?:official )?(?:[A-Z][\w]+ )?(?:channel|account|page|feed|blog|website|show|program(?:me)?)"
               r"(?: [^,.;:\"“”]{0,30})?", re.I),
    re.compile(r"\b(?:in|on) (?:a|an|his|her|their) (?:Telegram|Twitter|X|Facebook|Instagram|TikTok|YouTube|VKontakte|Truth Social) "
               r"(?:post|video|message|channel|thread)\b", re.I),
    re.compile(r"\b(?:told|telling|addressing) (?:a|an|the) (?:[a-z]+ )?(?:news conference|press conference|briefing|rally|meeting|"
               r"summit|hearing|forum|audience|crowd|parliament|congress|committee)(?: (?:in|at|on) [^,.;:\"“”]{2,40})?", re.I),
    re.compile(r"\b(?:told|telling|speaking to|speaking with|said on|said in|writing in|wrote in) (?:the )?"
               r"(?:[A-Z][\w'’.&-]*(?: [A-Z][\w'’.&-]*){0,4}(?:'s| ’s)?(?: [a-z]+ service)?)"),
    re.compile(r"\bin a (?:written )?statement\b", re.I),
]
NOT_CHANNELS = re.compile(
    r"^(?:told|telling|speaking to|speaking with) (?:the )?(?:reporters|journalists|him|her|them|us|me)$|"
    r"\b(?:on|in) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|\d)",
    re.I,
)


def find_channel(sentence_text: str, skip: tuple[int, int] | None = None) -> str | None:
    """A channel named in the attribution part of the sentence ("in an interview with Channel 1")."""
    text = sentence_text
    if skip:
        a, b = skip
        text = text[:a] + " " * (b - a) + text[b:]
    for pattern in CHANNEL_PATTERNS:
        match = pattern.search(text)
        if match:
            value = match.group().strip(" ,")
            if NOT_CHANNELS.search(value):
                continue
            return value
    return None
