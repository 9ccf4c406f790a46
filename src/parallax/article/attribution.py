"""Who said it: reporting cues, their subjects, channels, and speaker resolution.

Works on the one spaCy parse of the article. A speaker is resolved to the
fullest name this article uses for that person (pronouns and role nouns such
as "the spokesman" go back to the nearest compatible earlier speaker).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Reporting verbs of English news (lemmas). Speech, writing, claims and denials.
SPEECH_VERBS = frozenset(
    """say tell add state stress warn tweet write claim insist argue explain note announce declare reply respond
    ask accuse deny reject dismiss call describe emphasize emphasise assert acknowledge admit confirm suggest urge
    comment continue conclude recall remark report post retort quip complain predict vow promise pledge threaten
    caution allege maintain contend charge blame criticize criticise praise concede observe point reiterate repeat
    testify tout boast brag joke lament mention muse reveal speculate concur disagree agree counter rebut shout
    scream yell whisper cry demand inform assure affirm signal estimate forecast
    elaborate clarify underline underscore highlight opine question wonder told
    believe think feel hope fear expect worry doubt suspect recognize recognise find show suggest indicate
    condemn welcome defend support applaud slam""".split()
)
# Verbs that take a speaker only with a speech-like complement (avoid "X called Y a hero" without quotes).
WEAK_VERBS = frozenset({"call", "describe", "continue", "point", "ask", "question", "wonder", "signal", "repeat"})
DENIAL_VERBS = frozenset({"deny", "reject", "dismiss", "rebut", "refute", "disagree", "counter"})
ACCUSATION_VERBS = frozenset({"accuse", "blame", "charge", "allege"})
# Verbs whose object is the stance itself ("X condemned the strike", "Y praised the deal").
STANCE_OBJECT_VERBS = frozenset({"condemn", "criticize", "criticise", "praise", "welcome", "defend", "support", "applaud",
                                 "slam", "question", "urge", "demand", "call"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "mine", "ours", "myself", "ourselves"})
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
GROUP_PRONOUNS = frozenset({"they", "them", "it"})
SPEAKER_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
# Words of office that spaCy often folds into a PERSON entity ("Spokeswoman Irina Solak").
TITLE_WORDS = frozenset(
    """spokesman spokeswoman spokesperson minister president secretary senator sen. governor gov. mayor general gen.
    chancellor prime deputy chief director ambassador adviser advisor leader chairman chairwoman chair commissioner
    premier king queen prince judge justice officer commander lieutenant colonel captain sergeant admiral mr. mrs. ms.
    dr. prof. professor rep. representative congressman congresswoman lawmaker mp envoy head foreign defense defence
    interior finance energy health vice former acting press national security state""".split()
)

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


@dataclass
class Attribution:
    cue: str  # the cue as written ("said", "according to", ":")
    cue_start: int
    cue_end: int
    speaker_text: str | None  # the speaker as written at the cue
    speaker_start: int | None
    speaker_end: int | None
    speaker_token: object | None = None  # spaCy token heading the speaker phrase


# "would respond", "will say", "to comment": speech that has not happened is no cue.
UNREALIZED_MARKERS = {"would", "will", "could", "should", "may", "might", "can", "must", "'ll", "to"}


# Phrasal reporting verbs: "Trump went on", "she shot back", "he pointed out".
PHRASAL_CUES = frozenset({("go", "on"), ("chime", "in"), ("shoot", "back"), ("fire", "back"), ("hit", "back"),
                          ("point", "out"), ("speak", "out"), ("weigh", "in"), ("spell", "out"), ("lash", "out")})


def is_cue(token) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if lemma not in SPEECH_VERBS and not any((lemma, c.lower_) in PHRASAL_CUES for c in token.children if c.dep_ == "prt"):
        return False
    return not any(child.dep_ == "aux" and child.lower_ in UNREALIZED_MARKERS for child in token.children)


def subject_of(verb):
    """The subject of a reporting verb (climbing conjunctions: "X said ... and added ...")."""
    # the parser sometimes hangs a headline's subject on the cue too ("20,000 soldiers killed …, US says"):
    # the subject nearest the verb is the speaker
    subjects = [child for child in verb.children if child.dep_ == "nsubj"]
    if subjects:
        return min(subjects, key=lambda child: abs(child.i - verb.i))
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    if verb.dep_ == "conj" and verb.head is not verb:
        return subject_of(verb.head)
    # "He did not provide evidence, saying ...": a participle speaks with its clause's subject
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head is not verb and verb.i > verb.head.i:
        return subject_of(verb.head)
    return None


def phrase_span(token) -> tuple[int, int]:
    """Character span of a speaker phrase: the token with its compounds, titles and names."""
    doc = token.doc
    if token.ent_type_ and token.ent_iob_ != "O":
        for ent in doc.ents:
            if ent.start <= token.i < ent.end:
                left = ent.start
                # pull in titles and roles before the name ("Kremlin spokesman Dmitry Peskov")
                while left > 0 and doc[left - 1].dep_ in ("compound", "amod", "nmod") and doc[left - 1].head.i >= left - 1 and doc[left - 1].head.i < ent.end:
                    left -= 1
                return doc[left].idx, ent.end_char
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


def entity_at(doc, token):
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def speaker_head(token):
    """For "spokesman Dmitry Peskov" spaCy heads the name; for "Peskov, the spokesman" keep the name."""
    return token


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
