"""Disputes: one named party asserts a proposition, another denies or contradicts it.

A denial is a claim that rejects a proposition: a denial speech act ("X
denied that …", "Y called the report false", "Mueller's office disputed the
report that …"), a disclaimer in the first person ("we did not attack",
"we had nothing to do with it"), or a statement negating what another party
asserts with the same verb ("she will not run" / "she will run again").
Each denial is verified against the assertions it may answer with the
claim-pair verifier; a denial answers an assertion when they agree on what
is at stake (a lower bar when the assertion is about the denier itself).

Both sides must be entities: a speaker resolved to a person or an
organisation, never the outlet's narration or an unresolved description
("the aide"). When the denial is the outlet's own ("there is no evidence
that …", "the false claim that …"), the dispute is kept apart as
``kind="outlet"``. Each dispute says which outlets carry which side: an
outlet that reports only the accusation is telling.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

import numpy as np

from parallax.article.claims import DENIAL_CUES as DENIAL_CUE, denial_match
from parallax.ids import dispute_id
from parallax.lexicons import accusation_patterns, denial_words, judged_thing_patterns
from parallax.lexicons.speech import reporting
from parallax.model import Claim, Dispute, Entity, StoryReport
from parallax.names import possessive_at
from parallax.story.align import PLAIN_SPEECH, Alignment, MentionIndex, label_text
from parallax.story.verify import RETRIEVE_PER_CLAIM, best_of_their_sentences, default_model, near, pair_features
from parallax.text_similarity import content_words

PARTY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# A denial answers an assertion it matches this well...
DENIAL_LINK = 0.5
# ...or this well when both name the same entity...
SHARED_DENIAL_LINK = 0.4
# ...or this well when the assertion is about the denier itself ("Ukraine was behind it" / Ukraine denies).
SELF_DENIAL_LINK = 0.25
# A bare denial answers an accusation at most this many characters before it in its article,
GENERIC_REACH = 600
# or, in another article, one it matches at least this well.
GENERIC_FLOOR = 0.05
# A plain negation contradicts an assertion only with the same verb and this close a match.
CONTRADICTION_LINK = 0.55
# A denial matched by its words shares at least this many content words with what it answers: short
# claims sharing one word ("We are not those people" / "These people are there for us") look alike to
# the verifier and state two things.
MATCHED_WORDS = 2
FIRST_PERSON = re.compile(r"^(?:\W*)(?:we|i)\b|\b(?:we|i)\s+(?:did|do|have|had|are|were|was|am|will|would)\s*(?:not|n't|never)\b", re.I)
# "accusations that it was behind …", "the claim that we ordered …": the denier speaks of itself
SELF_REFERENCE = re.compile(r"\bthat\s+(?:it|we|they)\b", re.I)
# Mental and speech verbs whose negation is no denial ("I don't think", "we did not say").
NOT_DENIAL_VERBS = reporting().unnegated


def party_of(claim: Claim, entities: dict[str, Entity]) -> tuple[str, str] | None:
    """The claim's holder as a party: a speaker resolved to a person or an organisation."""
    if claim.voice != "quoted" or not claim.holder.entity_id:
        return None
    entity = entities.get(claim.holder.entity_id)
    if entity is None or entity.type not in PARTY_TYPES:
        return None
    return entity.id, entity.name


def same_person(a: str, b: str) -> bool:
    """Two names that end in the same surname-like word (titles and suffixes aside)."""
    def last(name: str) -> str:
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]+", name) if w.lower().rstrip(".") not in ("jr", "sr", "ii", "iii", "iv")]
        return re.sub(r"(?:'s|’s)$", "", words[-1]).lower() if words else ""
    return len(last(a)) > 2 and last(a) == last(b)


def denial_strength(claim: Claim) -> str | None:
    """How a claim denies: "act" (a denial speech act or dismissal), "disclaimer" (we did not …),
    "negation" (a plain negated statement, which contradicts only a close match), or None."""
    if claim.kind != "statement" and not (claim.voice == "own" and claim.polarity == "denies"):
        return None
    if claim.polarity == "denies":
        return None if opposes_a_thing(claim) else "act"
    predicate = claim.predicate
    if predicate is None or not predicate.negated or predicate.modality in ("questioned", "hedged"):
        return None
    if predicate.lemma.split()[0] in NOT_DENIAL_VERBS:
        return None
    if FIRST_PERSON.search(claim.text):
        # "we did not …" disclaims a deed; "we will not respond …" announces an intention and denies nothing
        return None if predicate.modality == "predicted" else "disclaimer"
    return "negation"


OPPOSED_THING = re.compile(r"^\W*(?:(?:reject|dismiss)\w*\s+)?(?:(?:the|a|an|this|that|his|her|its|their)\s+)?"
                           r"(?:[\w’'-]+\s+){0,2}?(?P<head>[\w-]+)\W*$", re.I)


def opposes_a_thing(claim: Claim) -> bool:
    """"rejected the legislation", "dismissed the offer": opposition to a thing, not the denial of
    anything said; "rejected the accusations" or "dismissed the report" still denies."""
    if not re.match(r"^\W*(?:reject|dismiss)", claim.text, re.I) and not (claim.predicate and claim.predicate.lemma in ("reject", "dismiss")):
        return False
    match = OPPOSED_THING.match(claim.text)
    if match is None:
        return False
    head = match.group("head").lower()
    return head not in DENIAL_VOCABULARY and not names_something_said(head)


def is_assertion(claim: Claim, entities: dict[str, Entity]) -> bool:
    predicate = claim.predicate
    return (claim.polarity == "asserts" and claim.kind == "statement" and party_of(claim, entities) is not None
            and not (predicate and (predicate.negated or predicate.modality in ("questioned", "hedged"))) and not claim.hedged)


class Kinship:
    """Which places and bodies an entity's name belongs to: "Dostria's foreign ministry" and
    "Dostrian officials" speak for Dostria; "the Kremlin press service" for the Kremlin."""

    def __init__(self, entities: dict[str, Entity]):
        bodies = [e for e in entities.values() if e.type in ("GPE", "ORG", "NORP")]
        self.entities = entities
        named: dict[str, set[str]] = defaultdict(set)
        for b in bodies:
            # by its name and by the other names the story gives it ("DHS" for the Department of
            # Homeland Security), so that "a DHS spokesman" speaks for the department
            for name in {b.name, *b.variants}:
                named[name.lower().strip()].add(b.id)
        # look each name's word runs up instead of trying every body on every name (linear in entities)
        self.named = named
        self.of: dict[str, set[str]] = {e.id: {e.id} | {i for i in bodies_named_in(e.name, named) if i != e.id}
                                        for e in entities.values()}
        self.spoken_for: dict[str, set[str]] = {}

    def expand(self, ids) -> set[str]:
        return set().union(*(self.of.get(i, {i}) for i in ids)) if ids else set()

    def speaks_for(self, claim: Claim) -> set[str]:
        """The denier and the bodies it speaks for (a spokesman's government, a minister's country)."""
        if not claim.holder.entity_id:
            return set()
        key = claim.holder.entity_id
        if key not in self.spoken_for:
            out = self.expand({key})
            entity = self.entities.get(key)
            if entity is not None and entity.affiliation:
                affiliation = entity.affiliation.lower().strip()
                out |= self.named.get(affiliation, set()) | bodies_named_in(affiliation, self.named)
            self.spoken_for[key] = out
        return set(self.spoken_for[key])


DEMONYM_ENDINGS = ("", "n", "ns", "ian", "ians", "'s", "’s")


def bodies_named_in(name: str, named: dict[str, set[str]]) -> set[str]:
    """The bodies whose name is a whole-word run inside ``name`` (or the stem of a demonym in it)."""
    lowered = name.lower()
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\W_][\w.'’&-]*", lowered)]
    found: set[str] = set()
    for i in range(len(spans)):
        for j in range(i, len(spans)):
            run = lowered[spans[i][0]:spans[j][1]]
            for ending in DEMONYM_ENDINGS:
                stem = run[: len(run) - len(ending)] if ending and run.endswith(ending) else run if not ending else None
                if stem and stem != lowered.strip() and stem in named and names_within(stem, lowered):
                    found |= named[stem]
    return found


def names_within(body: str, name: str) -> bool:
    """``body`` is named inside ``name``: a whole word or words, or the stem of a demonym ("Dostria" in "Dostrian")."""
    body, name = body.lower().strip(), name.lower()
    if len(body) < 3 or body == name:
        return False
    return bool(re.search(rf"(?<!\w){re.escape(body)}(?:n|ns|ian|ians|'s|’s)?(?!\w)", name))


def find_disputes(articles, report: StoryReport, alignment: Alignment, analyses=()) -> list[Dispute]:
    """Disputes from what the parties say (assertions answered by denials), then those the
    outlets state in so many words ("X was at odds with Y"), joined when they name the same parties."""
    entities = {e.id: e for e in report.entities}
    kin = Kinship(entities)
    found = claimed_disputes(articles, report, alignment, entities, kin)
    disagreements = [d for a in analyses for d in a.disagreements]
    if disagreements:
        found = with_stated(found, disagreements, report, entities, kin)
    return sorted(found, key=lambda d: (d.kind != "parties", -len(set(d.assertion_reported_in) | set(d.denial_reported_in)),
                                        -d.confidence, d.id))


def claimed_disputes(articles, report: StoryReport, alignment: Alignment, entities: dict[str, Entity], kin: Kinship) -> list[Dispute]:
    table = alignment.table
    if table is None or not len(table):
        return []
    outlet_of = {a.id: a.outlet or a.id for a in articles}
    claims = table.claims
    cues = {q.id: q.cue for q in report.quotes}
    denials = [(i, strength) for i, c in enumerate(claims) if (strength := denial_strength(c))]
    assertions = [i for i, c in enumerate(claims) if is_assertion(c, entities)]
    if not denials or not assertions:
        return []

    subjects_of = {d: denial_subjects(claims[d], entities, kin) if strength != "negation" else (None, set())
                   for d, strength in denials}
    # a denial that names no fact ("denied any involvement", "X is lying") answers by names
    by_names = {d for d, strength in denials if strength != "negation" and (
        is_generic(claims[d], entities) or (subjects_of[d][0] == "dismissal" and subjects_of[d][1]))}
    # "denied any involvement", "X had nothing to do with it": an answer to the accusations that
    # name the denier (or the body named as the subject of the disclaimer), however they are worded;
    # "X is lying" (whatever words come before it): an answer to what X asserts
    targets_of: dict[int, list[int]] = {}
    for d in by_names:
        kind, subjects = subjects_of[d]
        if kind == "dismissal" and subjects:
            targets_of[d] = [a for a in assertions if subjects & kin.speaks_for(claims[a]) and not same_holder(claims[d], claims[a])]
        else:
            accused = kin.speaks_for(claims[d]) | subjects
            # an accusation names the denier; a subject that merely is the denier counts only with
            # something at stake in common ("We can't have that" answers no "Trump will always fight …")
            targets_of[d] = [a for a in assertions
                             if accused & kin.expand(accused_in(claims[a], cues.get(claims[a].quote_id),
                                                                strict=not at_stake_in_common(table, d, a)))
                             and not same_holder(claims[d], claims[a])
                             and not accused & kin.speaks_for(claims[a])]  # an ally repeating the accusation is no accuser
    # "X disputed BuzzFeed's report that …": the rejection names whose words it rejects; it answers
    # what that party asserts, and stands as a dispute of its own when the story quotes no such assertion
    quotes = {q.id: q for q in report.quotes}
    mentions = MentionIndex(report)
    texts = {a.id: a.text for a in articles}
    owners_of: dict[int, set[str]] = {}
    for d, _ in denials:
        if party_of(claims[d], entities) is None:
            continue
        owners = rejected_owner(claims[d], quotes.get(claims[d].quote_id or ""), texts.get(claims[d].article_id, ""), mentions, entities)
        owners -= kin.speaks_for(claims[d])
        if owners:
            owners_of[d] = owners
            targets_of[d] = [a for a in assertions if kin.expand(owners) & kin.speaks_for(claims[a]) and not same_holder(claims[d], claims[a])]
    # verify (denial, assertion) pairs, within an article too ("X said P. Y denied it."): the
    # near ones, and for a denial answering by names the assertions its names point to
    close = alignment.near if alignment.near is not None else near(table)
    asserting = np.array(assertions)
    score = table.closeness

    def nearest(d: int) -> set[int]:
        """The assertions near a denial, at most RETRIEVE_PER_CLAIM of them (the closest)."""
        candidates = asserting[close[d, asserting]]
        if len(candidates) > RETRIEVE_PER_CLAIM:
            candidates = candidates[np.argsort(-score[d, candidates], kind="stable")[:RETRIEVE_PER_CLAIM]]
        return {int(a) for a in candidates}

    pairs = np.array(sorted({(min(d, a), max(d, a)) for d, _ in denials for a in set(targets_of.get(d, ())) | nearest(d)
                             if d != a and not same_holder(claims[d], claims[a])}),
                     dtype=np.int64).reshape(-1, 2)
    model = alignment.model or default_model()
    known = (alignment.pairs, alignment.features) if alignment.features is not None else None
    probability = model.probability(pair_features(table, pairs, known)) if len(pairs) else np.zeros(0)
    verified = {(int(i), int(j)): float(p) for (i, j), p in zip(pairs, probability)}
    # a denial matched by its words answers the claim of a sentence that is closest to it, not its
    # siblings ("The US dismissed Russia's accusations …, as Moscow warned of open conflict")
    closest = best_of_their_sentences(table, pairs) if len(pairs) else np.zeros(0, dtype=bool)
    matched = {key: value for key, value, keep in zip(verified, probability, closest) if keep}
    links: dict[int, list[tuple[int, float]]] = defaultdict(list)
    reported: dict[int, set[str]] = {}  # rejections whose rejected words the story does not quote
    for d, strength in denials:
        mine = kin.speaks_for(claims[d])
        kind, subjects = subjects_of[d]
        if d in owners_of:
            # the party's own words when the story quotes them and they match; else the rejection stands
            # alone, as a rejected call or demand always does (it answers no statement of its owner's)
            scored = [] if proposal_pattern().match(claims[d].text) else [
                (value, a) for a in targets_of[d] if (value := verified.get((min(d, a), max(d, a)), 0.0)) >= SHARED_DENIAL_LINK]
            if scored:
                value, a = max(scored)
                links[d].append((a, value))
            else:
                reported[d] = owners_of[d]
            continue
        if d in by_names:
            targets = targets_of[d]
            if kind == "dismissal" and subjects:
                answer = dismissed_claim(table, d, targets, report, verified)
            else:
                answer = generic_answer(table, d, targets, verified)
            if answer is not None:
                links[d].append(answer)
                continue
            if is_generic(claims[d], entities):
                continue  # words that name no fact ("We can't have that") match nothing by their words
        for a in assertions:
            value = matched.get((min(d, a), max(d, a)))
            if value is None:
                continue
            if mine & kin.speaks_for(claims[a]):
                continue  # one side: a spokesman and the body he speaks for ("a DHS spokesman" / DHS)
            if not enough_words_in_common(table, d, a):
                continue
            if strength == "negation":
                if claims[d].predicate.lemma != claims[a].predicate.lemma or value < CONTRADICTION_LINK:
                    continue
            else:
                about_them = bool(mine & kin.expand(table.entities[a]))
                if mine & kin.expand(table.entities[d]) and not about_them:
                    continue  # "the US had no role": an answer only to what is said about the US
                named = that_subject(claims[d])
                if named and not kin.expand(named) & kin.expand(table.entities[a]):
                    continue  # "the claim that the US ordered it" answers only an assertion about the US
                # "accusations that it was behind …" speaks of the denier: names shared with the accusation are no help
                shared = (bool(kin.expand(table.entities[d]) & kin.expand(table.entities[a]))
                          and not SELF_REFERENCE.search(claims[d].text))
                # the low bar for an answer about the denier itself needs something at stake in common
                # besides names ("We can't have that" answers no "Trump will always fight for …")
                low_bar = about_them and at_stake_in_common(table, d, a)
                if value < (SELF_DENIAL_LINK if low_bar else SHARED_DENIAL_LINK if shared or about_them else DENIAL_LINK):
                    continue
            links[d].append((a, value))

    # one dispute per proposition: denials whose best answer lies in one claim group (or is one claim)
    groups_of = {g.id: g for g in report.claim_groups}
    clusters: dict[str, list[int]] = defaultdict(list)
    for d, found in links.items():
        if not found:
            continue
        best = max(found, key=lambda x: (x[1], -x[0]))[0]
        clusters[claims[best].group_id if claims[best].group_id in groups_of else claims[best].id].append(d)

    groups = {g.id: g for g in report.claim_groups}
    disputes = []
    for key, ds in sorted(clusters.items()):
        scored = {}
        for d in ds:
            for a, value in links[d]:
                # the proposition's own assertions, and others only when they match the denial closely
                if claims[a].group_id == key or claims[a].id == key or value >= DENIAL_LINK:
                    scored[a] = max(scored.get(a, 0.0), value)
        asserting = sorted(scored, key=lambda a: (-scored[a], claims[a].id))
        pro = {party_of(claims[a], entities) for a in asserting}
        quoted_denials = [d for d in ds if party_of(claims[d], entities)]
        con = {party_of(claims[d], entities) for d in quoted_denials}
        con = {p for p in con if not any(same_person(p[1], q[1]) for q in pro)}
        pro = {p for p in pro if p not in con}
        own = [d for d in ds if claims[d].voice == "own"]
        if pro and con:
            kind, deniers = "parties", quoted_denials
            denied_by, denied_ids = sorted({n for _, n in con}), sorted({i for i, _ in con})
        elif pro and own:
            kind, deniers = "outlet", own
            denied_by, denied_ids = sorted({outlet_of.get(claims[d].article_id, claims[d].article_id) for d in own}), []
        else:
            continue
        deniers = [d for d in deniers if claims[d].voice == "own" or party_of(claims[d], entities) in con]
        lead = claims[asserting[0]]
        group_id = next((claims[a].group_id for a in asserting if claims[a].group_id in groups), None)
        for d in deniers:
            claims[d].denies_group_id = group_id
        dispute = Dispute(
            id=dispute_id([claims[a].id for a in asserting], [claims[d].id for d in deniers]),
            claim_group_id=group_id,
            kind=kind,
            label=label_text(lead, (cues.get(lead.quote_id) or "").lower() or None),
            asserted_by=sorted({n for _, n in pro}),
            denied_by=denied_by,
            asserted_by_ids=sorted({i for i, _ in pro}),
            denied_by_ids=denied_ids,
            assertion_claim_ids=sorted(claims[a].id for a in asserting),
            denial_claim_ids=sorted(claims[d].id for d in deniers),
            confidence=round(max(scored.values()), 3),
            assertion_reported_in=sorted({claims[a].article_id for a in asserting}),
            denial_reported_in=sorted({claims[d].article_id for d in deniers}),
        )
        disputes.append(dispute)
        for gid in {claims[a].group_id for a in asserting if claims[a].group_id in groups}:
            group = groups[gid]
            for article_id in dispute.denial_reported_in:
                if group.coverage.get(article_id) in ("reported", "hedged", "omitted"):
                    group.coverage[article_id] = "disputed"
                    group.coverage_confidence[article_id] = dispute.confidence
    return one_per_denial(disputes) + reported_rejections(claims, reported, entities, {a.id: a.text for a in articles})


def one_per_denial(disputes: list[Dispute]) -> list[Dispute]:
    """One denial answering two assertions of one party ("I never directed Michael Cohen to break the
    law" / Cohen's "to break the law" and "they were directed by Trump"), or two outlets' copies of it
    answering one assertion, is one dispute, not two rows: disputes of the same parties sharing a
    denial or an assertion become one, worded by the surer."""
    out: list[Dispute] = []
    for dispute in sorted(disputes, key=lambda d: (-d.confidence, d.id)):
        twin = next((d for d in out if d.kind == dispute.kind and d.asserted_by_ids == dispute.asserted_by_ids
                     and d.denied_by_ids == dispute.denied_by_ids
                     and (set(d.denial_claim_ids) & set(dispute.denial_claim_ids)
                          or set(d.assertion_claim_ids) & set(dispute.assertion_claim_ids))), None)
        if twin is None:
            out.append(dispute)
            continue
        twin.assertion_claim_ids = sorted(set(twin.assertion_claim_ids) | set(dispute.assertion_claim_ids))
        twin.denial_claim_ids = sorted(set(twin.denial_claim_ids) | set(dispute.denial_claim_ids))
        twin.assertion_reported_in = sorted(set(twin.assertion_reported_in) | set(dispute.assertion_reported_in))
        twin.denial_reported_in = sorted(set(twin.denial_reported_in) | set(dispute.denial_reported_in))
    return sorted(out, key=lambda d: d.id)


# --------------------------------------------------------------------------- disagreements the outlets state

# how sure a sentence saying that two named parties disagree is: the words say it, but not what about
STATED_CONFIDENCE = 0.6


def with_stated(disputes: list[Dispute], disagreements, report: StoryReport, entities: dict[str, Entity],
                kin: Kinship) -> list[Dispute]:
    """Add the stated disagreements: to a dispute between the same two parties as its evidence,
    else as a dispute of their own, one per pair of parties (the side most sentences give as the
    asserting one asserts; on a tie, the first sentence's)."""
    mentions = MentionIndex(report)
    speakers = {q.id: q.speaker.entity_id for q in report.quotes if q.speaker is not None}
    by_pair: dict[frozenset[str], list[tuple[str, str, object]]] = defaultdict(list)
    for found in disagreements:
        sides = []
        for party in (found.asserting, found.denying):
            if party.speaker_of is not None:
                entity_id = speakers.get(party.speaker_of)
            else:
                entity_id = mentions.best_at(found.article_id, party.mention.start, party.mention.end)
            sides.append(entity_id if entity_id in entities and entities[entity_id].type in PARTY_TYPES else None)
        asserting, denying = sides
        if asserting is None or denying is None or kin.expand({asserting}) & kin.expand({denying}):
            continue
        by_pair[frozenset((asserting, denying))].append((asserting, denying, found))
    out = list(disputes)
    for pair, found in sorted(by_pair.items(), key=lambda kv: sorted(kv[0])):
        # a defence's evidence includes the attack it answers, told sentences before it
        told = [s for _, _, f in found for s in (f.sentence, f.answers) if s is not None]
        sentences = sorted({(s.article_id, s.start): s for s in told}.values(), key=lambda s: (s.article_id, s.start))
        # the same two parties, by kinship either way ("BuzzFeed News" / "BuzzFeed")
        existing = next((d for d in out if d.kind == "parties" and all(
            kin.expand({p}) & kin.expand(set(d.asserted_by_ids) | set(d.denied_by_ids)) for p in pair)), None)
        if existing is not None:
            existing.stated_in = sorted({(s.article_id, s.start): s for s in existing.stated_in + sentences}.values(),
                                        key=lambda s: (s.article_id, s.start))
            continue
        votes: dict[str, int] = defaultdict(int)
        for asserting, _, _ in found:
            votes[asserting] += 1
        first = found[0][0]
        asserting = max(sorted(pair), key=lambda e: (votes[e], e == first))
        denying = next(e for e in pair if e != asserting)
        lead = found[0][2]
        in_sentences = [c for c in report.claims if any(c.article_id == s.article_id and s.start <= c.start and c.end <= s.end
                                                        for s in sentences)]
        articles = sorted({s.article_id for s in sentences})
        out.append(Dispute(
            id=dispute_id([f"{asserting}:stated"], [f"{s.article_id}:{s.start}" for s in sentences]),
            kind="parties",
            label=re.sub(r"^(?:over|about|on)\s+", "", lead.topic.text) if lead.topic is not None else lead.sentence.text,
            asserted_by=[entities[asserting].name],
            denied_by=[entities[denying].name],
            asserted_by_ids=[asserting],
            denied_by_ids=[denying],
            assertion_claim_ids=sorted(c.id for c in in_sentences if c.holder.entity_id == asserting),
            denial_claim_ids=sorted(c.id for c in in_sentences if c.holder.entity_id == denying),
            confidence=STATED_CONFIDENCE,
            assertion_reported_in=articles,
            denial_reported_in=articles,
            stated_in=sentences,
        ))
    return out


# --------------------------------------------------------------------------- rejections that name whose words they reject

# how sure a rejection that names both sides in one sentence is ("X disputed Y's report that …"):
# the words say it, but only the denier's side is quoted
REPORTED_REJECTION_CONFIDENCE = 0.6


ACCUSED_PRONOUN = re.compile(r"^(it|they|he|she)\b", re.I)
ACCUSING_NOUN = re.compile(r"\b(?:accusations?|allegations?|charges?|suggestions?)\b", re.I)


def accused_named(content: str, denier: Entity, owners: list[Entity], rejection: Claim, texts: dict[str, str]) -> str:
    """The rejected words with the accused named: "The United States dismissed Russia's accusations
    that it was behind the attack" rejects that the United States was behind it. The pronoun opening
    the content stands for the denier when it fits the denier (it, they: a body; he, she: a person)
    and either fits no owner or the rejected words are an accusation. The denier is named as the
    article last named it before ("the United States")."""
    found = ACCUSED_PRONOUN.match(content)
    if found is None:
        return content

    def fits(entity: Entity) -> bool:
        return (entity.type == "PERSON") == (found.group(1).lower() in ("he", "she"))

    owned = rejection.text[:len(rejection.text) - len(content)]
    if not fits(denier) or (any(fits(o) for o in owners) and not ACCUSING_NOUN.search(owned)):
        return content
    text = texts.get(rejection.article_id, "")
    before = [m for m in denier.mentions if m.article_id == rejection.article_id and m.end <= rejection.start]
    latest = max(before, key=lambda m: m.start) if before else None
    name = latest.text if latest is not None else denier.name
    if latest is not None and denier.type != "PERSON" and text[max(0, latest.start - 4):latest.start].lower() == "the ":
        name = "the " + name
    return name + content[found.end():]


def reported_rejections(claims: list[Claim], reported: dict[int, set[str]], entities: dict[str, Entity],
                        texts: dict[str, str]) -> list[Dispute]:
    """One dispute per (owner, denier) pair from rejections whose rejected words are only named."""
    by_parties: dict[tuple[tuple[str, ...], str], list[int]] = defaultdict(list)
    for d, owners in reported.items():
        denier = party_of(claims[d], entities)
        by_parties[(tuple(sorted(owners)), denier[0])].append(d)
    out = []
    for (owners, denier_id), ds in sorted(by_parties.items()):
        ds = sorted(ds, key=lambda d: claims[d].id)
        # the fullest wording: a short one may be cut by a sentence split ("the false story that Pres.")
        lead = max((claims[d] for d in ds), key=lambda c: (len(c.text), c.id))
        content = re.split(r"\bthat\s+", lead.text, maxsplit=1)[-1]
        owner_names = sorted({entities[o].name for o in owners})
        # "disputed the report that P": P is what the owner said; "deny that there is any truth to X's
        # claim" names the claim without saying it, so the denial's own words are the label
        proposed = proposal_pattern().match(lead.text)
        if proposed is not None:
            label = f"{owner_names[0]}: {proposed.group('proposal')}"  # "X's call for outright dismissal …"
        elif owned_said_pattern().search(content):
            label = f"{entities[denier_id].name}: {lead.text}"
        else:
            label = f"{owner_names[0]}: {accused_named(content, entities[denier_id], [entities[o] for o in owners], lead, texts)}"
        out.append(Dispute(
            id=dispute_id([f"{o}:named" for o in owners], [claims[d].id for d in ds]),
            kind="parties",
            label=label,
            asserted_by=owner_names,
            denied_by=[entities[denier_id].name],
            asserted_by_ids=sorted(owners),
            denied_by_ids=[denier_id],
            assertion_claim_ids=[],
            denial_claim_ids=[claims[d].id for d in ds],
            confidence=REPORTED_REJECTION_CONFIDENCE,
            assertion_reported_in=sorted({claims[d].article_id for d in ds}),
            denial_reported_in=sorted({claims[d].article_id for d in ds}),
        ))
    return out




@lru_cache(maxsize=1)
def said_nouns() -> str:
    """The nouns of something said, as one alternation (longest first)."""
    return "|".join(sorted((re.escape(n) for n in reporting().said_objects), key=len, reverse=True))


@lru_cache(maxsize=1)
def said_object_pattern() -> re.Pattern:
    """The object of a rejection that names something said: "a report from X that …", "X's story"."""
    nouns = said_nouns()
    return re.compile(r"^\W*(?:(?:the|a|an|this|that|these|those)\s+)?(?P<mods>(?:[\w’'.&-]+\s+){0,4}?)"
                      rf"(?P<noun>(?:{nouns}))(?:s|es)?\b(?P<after>\s+(?:by|from|of)\s+)?", re.I)


@lru_cache(maxsize=1)
def owned_said_pattern() -> re.Pattern:
    """Someone's said thing anywhere in a denial: "… any truth to the merits of Mr. Murphy's claim"."""
    nouns = said_nouns()
    return re.compile(rf"['’]s\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})(?:s|es)?\b", re.I)


@lru_cache(maxsize=1)
def proposal_pattern() -> re.Pattern:
    """A rejected object that is someone's proposal, not a statement: "President Trump's call for
    outright dismissal of the charges" (what was proposed reads from the noun on)."""
    nouns = said_nouns()
    return re.compile(rf"^\W*(?:the\s+)?(?:[\w.’'-]+\s+){{0,4}}?[\w.-]+['’]s\s+(?:[\w-]+\s+){{0,2}}?"
                      rf"(?P<proposal>(?:{nouns})(?:s|es)?\s+(?:for|to)\s.+)$", re.I)


def names_something_said(word: str) -> bool:
    """"report", "claims", "account": a noun of speech or another name for what someone said."""
    said = reporting().said_objects
    return word in said or word.rstrip("s") in said


def rejected_owner(claim: Claim, quote, text: str, mentions: MentionIndex, entities: dict[str, Entity]) -> set[str]:
    """Whose words a denial names as what it rejects, when it names them at its object: "disputed a
    report from BuzzFeed News that …", "dismissed the Republican argument that …", "BuzzFeed's
    description … is not accurate", "correcting the BuzzFeed false story". Parties only."""
    if claim.polarity != "denies" or claim.voice != "quoted":
        return set()
    found = denial_match(claim.text)
    cue_span = quote.cue_span if quote is not None else None
    # (start, end, first_only) of the words that may name the owner; first_only: "a report from X", X at once
    spans: list[tuple[int, int, bool]] = []
    after_cue = (cue_span is not None and cue_span.end <= claim.start and claim.start - cue_span.end <= 120
                 and DENIAL_CUE.match((quote.cue or "").lower()))
    rebuttal = quote is None and claim.holder_span is not None  # the narration's "X disputed the report that …"
    if after_cue or rebuttal or (found and found[0] == "dismissal"):
        start = cue_span.end if after_cue else claim.start
        window = text[start:min(claim.end, start + 200)]
        match = said_object_pattern().match(window)
        if match and not re.search(r"[,;:—–]", match.group("mods")):
            spans.append((start + match.start("mods"), start + match.start("noun"), False))
            if match.group("after"):
                spans.append((start + match.end("after"), start + match.end("after") + 60, True))
    if found and found[0] == "act" and quote is not None:
        # "We flatly deny that there is any truth to … Mr. Murphy's claim": whose claim the denial names
        for owned in owned_said_pattern().finditer(claim.text):
            at = claim.start + owned.start()
            spans.append((at - 1, at, False))  # the name that ends at the possessive
    for judged in (m for pattern in judged_thing_patterns() for m in pattern.finditer(claim.text)):
        at = claim.start + judged.start()
        words_before = re.search(r"(?:[\w’'.&-]+\s+){0,3}$", text[max(0, at - 60):at])
        spans.append((at - len(words_before.group(0)), at, False))
    owners: set[str] = set()
    for a, b, first_only in spans:
        named = mentions.overlapping(claim.article_id, a, b)
        if first_only:
            named = [m for m in named if m[0] <= a + 1][:1]
        owners |= {entity_id for _, _, entity_id in named if entities.get(entity_id) and entities[entity_id].type in PARTY_TYPES}
    return owners


DENIAL_VOCABULARY = denial_words()


def that_subject(claim: Claim) -> set[str]:
    """The bodies named as the subject of what is denied: "the claim that the US ordered …" → the US."""
    return {a.entity_id for a in claim.arguments if a.entity_id
            and re.search(r"\bthat\s+(?:the\s+)?$", claim.text[: a.start - claim.start])}


def denial_subjects(claim: Claim, entities: dict[str, Entity], kin: Kinship) -> tuple[str | None, set[str]]:
    """The denial's kind and the bodies named before its denial words ("Ukraine had nothing to do with …")."""
    found = denial_match(claim.text)
    if found is None:
        return None, set()
    kind, at = found
    # "Russia's ridiculous claim": a possessive names whose claim it is, not who is accused
    named = {a.entity_id for a in claim.arguments if a.entity_id and a.start - claim.start < at
             and not possessive_at(claim.text, a.end - claim.start)}
    return kind, kin.expand(named)


ACCUSATION_CUES = re.compile(r"^(?:accus|blam|charg|alleg|suspect)", re.I)


def accused_in(claim: Claim, cue: str | None, strict: bool = False) -> set[str]:
    """Who the claim holds responsible: anyone it names when it accuses ("accused hackers working for
    Dostria of carrying it out", "X was behind the attack"), else (unless ``strict``) the subject of its verb."""
    if ACCUSATION_CUES.match(cue or "") or accusation_patterns().search(claim.text):
        return {a.entity_id for a in claim.arguments if a.entity_id}
    subject = claim.predicate.subject if claim.predicate else None
    if subject is None or strict:
        return set()
    return {a.entity_id for a in claim.arguments if a.entity_id and subject.start <= a.start and a.end <= subject.end}


def generic_answer(table, d: int, targets: list[int], verified: dict) -> tuple[int, float] | None:
    """What a bare denial answers: the closest accusation before it in its own article ("Russia accused
    Ukraine … Kyiv denied any involvement"), else one in another article that matches it at least a little."""
    claims = table.claims
    before = [a for a in targets if table.article_of[a] == table.article_of[d] and claims[a].end <= claims[d].start
              and claims[d].start - claims[a].end <= GENERIC_REACH]
    if before:
        a = max(before, key=lambda a: claims[a].end)
        return a, SELF_DENIAL_LINK
    scored = [(verified.get((min(d, a), max(d, a)), 0.0), a) for a in targets]
    scored = [(value, a) for value, a in scored if value >= GENERIC_FLOOR]
    if not scored:
        return None
    value, a = max(scored)
    return a, max(value, SELF_DENIAL_LINK)


def dismissed_claim(table, d: int, targets: list[int], report: StoryReport,
                    verified: dict[tuple[int, int], float]) -> tuple[int, float] | None:
    """What "X is lying" answers: X's most widely reported assertion (the one the story is about),
    the nearest before the dismissal in its own article on a tie. A dismissal that says what it
    dismisses ("X's ridiculous accusations that we were behind the attack") answers the assertions
    that match those words, when any does."""
    claims = table.claims
    reach = {g.id: sum(v in ("reported", "hedged") for v in g.coverage.values()) for g in report.claim_groups}

    def rank(a: int):
        same = table.article_of[a] == table.article_of[d] and claims[a].end <= claims[d].start
        return (reach.get(claims[a].group_id, 1), same, claims[a].end if same else -claims[a].start)

    # an assertion before the dismissal in its own article, or one that more than one outlet reports
    ranked = {a: rank(a) for a in targets}
    eligible = [a for a in targets if ranked[a][1] or ranked[a][0] >= 2]
    if not eligible:
        return None
    matching = [a for a in eligible if verified.get((min(a, d), max(a, d)), 0.0) >= SHARED_DENIAL_LINK]
    if matching:
        eligible = matching
    return max(eligible, key=ranked.__getitem__), SELF_DENIAL_LINK


def is_generic(claim: Claim, entities: dict[str, Entity]) -> bool:
    """A denial that names no particular fact: its words are denial words, names and function words."""
    names = {w.lower() for a in claim.arguments for w in re.findall(r"\w+", a.text)}
    words = [w for w in content_words(claim.text) if w not in DENIAL_VOCABULARY and w not in names]
    if not words:
        return True
    if len(words) > 1:
        return False
    found = denial_match(claim.text)
    if found is not None and found[0] == "disclaimer":
        return True  # "Kyiv was not involved in the drone attack"
    # one more word: "denied wrongdoing" denies a fact; "rejected the legislation" opposes a bill and
    # denies nothing, so rejecting and dismissing take only something said ("dismissed the account")
    return bool(re.search(r"\bden(?:y|ied|ies|ying|ial)\b", claim.text, re.I)) or names_something_said(words[0])


def at_stake_in_common(table, d: int, a: int) -> bool:
    """The two claims share a content word that is not part of a name they mention."""
    names = {w for claim in (table.claims[d], table.claims[a]) for arg in claim.arguments
             if arg.kind in ("entity", "place") for w in content_words(arg.text)}
    return bool(table.words[d] & table.words[a] - names)


def enough_words_in_common(table, d: int, a: int) -> bool:
    """The claims, or the sentences they come from, share MATCHED_WORDS content words besides verbs of
    saying (a claim cut to "rejected the President's arguments" keeps its sentence's "that …"). Unlike
    ``at_stake_in_common``, names count: this asks whether the words match at all, not what besides names."""
    shared = (table.words[d] & table.words[a]) | (table.sentence_words[d] & table.sentence_words[a])
    return len(shared - PLAIN_SPEECH) >= MATCHED_WORDS


def same_holder(a: Claim, b: Claim) -> bool:
    if a.holder.entity_id and b.holder.entity_id:
        return a.holder.entity_id == b.holder.entity_id
    return a.holder.name == b.holder.name
