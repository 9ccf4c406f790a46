"""Which way a clause points in time, read from the article's one spaCy parse.

A time expression modifies a verb; the verb's tense (and its auxiliaries)
says whether "Thursday" is the one before publication or the one after:
"the minister resigned on Thursday" looks back, "the vote will take place
as early as Thursday" and "talks are scheduled for Thursday" look forward.
"""

from __future__ import annotations

from typing import Literal

Tense = Literal["past", "present", "future", "unknown", "perfect"]  # "perfect" only inside this module

FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d", "could", "may", "might", "should", "must", "can", "ca"}
# verbs whose complement happens later than the verb itself: "plans to meet Thursday"
PROSPECTIVE = {"plan", "expect", "schedule", "hope", "intend", "aim", "want", "seek", "propose", "prepare",
               "promise", "threaten", "vow", "pledge", "agree", "decide", "set", "due", "likely", "poised",
               "scheduled", "expected", "slate", "slated", "try", "attempt", "go", "need", "wish", "offer", "ask", "urge"}
# nouns and adjectives that look ahead: "the vote scheduled for Thursday", "a deadline of Friday"
AHEAD_WORDS = {"scheduled", "upcoming", "planned", "slated", "forthcoming"}


def governing_verb(token):
    """The verb the expression hangs from (or None): climb heads to the first verb or auxiliary."""
    seen = 0
    while token is not None and seen < 12:
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod",):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
        seen += 1
    return None


def explicit_past(verb) -> bool:
    """A past form or a past auxiliary ("was due", "had planned"); a bare participle is not.
    An adjective takes its verb's: "had been due to expire"."""
    if verb.pos_ == "ADJ" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
    return verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBD" or c.lower_ == "had") for c in verb.children)


def verb_tense(verb) -> Tense:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in aux}
    if words & FUTURE_AUX:
        # "may have been responsible on Wednesday", "should have left Friday": a modal perfect looks back
        return "past" if "have" in words and verb.tag_ == "VBN" else "future"
    # "is going to", "plans to meet", "is to resume": the head looks ahead, unless it is itself past
    # ("had been due to expire Friday"); any other infinitive takes its head's tense
    if "to" in words and verb.head.i != verb.i:
        head = verb.head
        head_tense = verb_tense(head) if head.pos_ in ("VERB", "AUX") else "unknown"
        if head.lemma_.lower() in PROSPECTIVE or head.lower_ in PROSPECTIVE or (head.lemma_ == "be" and verb.dep_ == "xcomp"):
            return "unknown" if explicit_past(head) else "future"
        if head.pos_ in ("ADJ",) and head.head.i != head.i and head.head.pos_ in ("VERB", "AUX"):
            return "unknown" if verb_tense(head.head) == "past" else "future" if head.lower_ in PROSPECTIVE else verb_tense(head.head)
        return head_tense
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return "past"
    if verb.tag_ == "VBN":
        if any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in aux) and not any(a.tag_ == "MD" for a in aux):
            # English puts no named past day on a present perfect ("has prompted ... on May 9" is
            # a misattached date): only "since" ties one to it
            return "perfect"
        if any(a.lemma_ == "have" for a in aux):
            return "past"
        if any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in aux):
            return "future" if verb.lower_ in PROSPECTIVE else "present"  # "is expected in December"
        if verb.dep_ in ("acl", "amod") and verb.lower_ in AHEAD_WORDS:
            return "future"
        return "past" if aux or verb.dep_ in ("acl", "relcl") else "unknown"
    if verb.tag_ == "VBG":
        if any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in aux):
            return "future"  # present progressive with a date is an arrangement: "is meeting on Thursday"
        if any(a.tag_ == "VBD" for a in aux):
            return "past"
        return "unknown"
    if verb.tag_ in ("VBZ", "VBP"):
        if verb.lemma_ == "be" and any(c.lower_ in AHEAD_WORDS for c in verb.children):
            return "future"
        if verb.lemma_.lower() in PROSPECTIVE and verb.lemma_ != "go":
            return "future"  # "with a memo on Monday, he plans to ..."
        return "present"
    return "unknown"


REPORTING = {"say", "tell", "announce", "report", "add", "state", "claim", "confirm", "deny", "warn", "insist", "argue",
             "write", "tweet", "declare", "acknowledge", "admit", "explain", "note", "predict", "promise", "suggest"}


def reporting_clause(span):
    """The reporting verb a date stands with when it falls between that verb and what was reported.

    "The mayor said at a news conference Monday the president will visit":
    "Monday" dates the saying, whatever the parser attached it to, because it
    comes before the reported clause begins (its "that" or its subject).
    """
    for token in span.sent:
        if token.i >= span.start:
            break
        if token.lemma_.lower() not in REPORTING or token.pos_ != "VERB":
            continue
        for clause in token.children:
            if clause.dep_ != "ccomp" or clause.i < span.end:
                continue
            starts = [c.left_edge.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "mark", "expl")]
            if starts and span.end <= min(starts):
                return token
    return None


def tense_at(doc, start: int, end: int, modifier_unknown: bool = False, arrangement: bool = False) -> Tense:
    """The tense of the clause the character span [start, end) belongs to.

    With ``modifier_unknown``, a date that modifies a noun ("an Aug. 8
    email", "the June agreement") has no tense: the noun's time is its own.
    With ``arrangement`` (a weekday), the simple present of anything but
    reporting is a plan: "the two leaders meet Monday", "the deadline is
    Friday"; "the minister says Tuesday" stays the news' present of a report.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "unknown"
    root = span.root
    if modifier_unknown and root.dep_ in ("compound", "nmod", "poss", "amod") and root.head.pos_ in ("NOUN", "PROPN"):
        return "unknown"
    reporting = reporting_clause(span)
    if reporting is not None:
        return verb_tense(reporting)
    tense = _clause_tense(span, root)
    if arrangement and tense == "present":
        verb = governing_verb(root)
        if verb is not None and not _reports(verb) and not (verb.tag_ == "VBP" and verb.lower_ in SAME_IN_PAST):
            return "future"
    return tense


# verbs whose past is their present: "stocks hurt the index on Friday" is as likely a report as a plan
SAME_IN_PAST = {"hurt", "put", "set", "cut", "hit", "cost", "let", "quit", "spread", "shut", "bet", "cast", "burst", "split",
                "read", "upset", "broadcast", "forecast", "bid", "rid", "thrust", "shed", "beat", "slit", "wed"}


def _reports(verb) -> bool:
    """A reporting verb with what it reports: "says the talks failed", "tells reporters that"."""
    if verb.lemma_.lower() not in REPORTING:
        return False
    objects = ("ccomp", "parataxis", "dobj") if verb.lemma_.lower() == "tell" else ("ccomp", "parataxis")
    return any(c.dep_ in objects for c in verb.children) or verb.dep_ in ("parataxis", "ccomp")


def _clause_tense(span, root) -> Tense:
    # "the meeting scheduled for Thursday", "due on Friday": a forward-looking word on the way up
    token, steps, via_noun = root.head, 0, False
    while token is not None and steps < 6 and token.pos_ not in ("VERB", "AUX"):
        if token.lower_ in AHEAD_WORDS:
            return "future"
        via_noun = via_noun or (token.pos_ in ("NOUN", "PROPN") and token.i not in range(span.start, span.end))
        token, steps = (None if token.head.i == token.i else token.head), steps + 1
    verb = governing_verb(root)
    if verb is None:
        return "unknown"
    if any(c.dep_ == "mark" and c.i >= span.end for c in verb.children):
        # the verb's clause begins ("that ...") after the date: the parser hung the date on the wrong clause
        return "unknown"
    tense = verb_tense(verb)
    if tense == "perfect":
        tense = "past" if span.start and span.doc[span.start - 1].lower_ in ("since", "from") else "unknown"
    # a date on a noun times that thing, not the verb: "prompted the scaling down of the celebrations on
    # May 9" says nothing of when May 9 is; a future verb still carries its noun forward
    if via_noun and tense == "past":
        return "unknown"
    return tense
