"""Disputes: a claim group asserted by one party and denied by another, with the
outlets that carry each side (an outlet that reports only the accusation and
not the denial is telling)."""

from __future__ import annotations

import hashlib
from collections import defaultdict

from parallax.model import Dispute, StoryReport


def parties(claims) -> list[str]:
    """The speakers on one side; the outlets themselves only when nobody is quoted."""
    quoted = sorted({c.holder.name for c in claims if c.voice == "quoted"})
    # a named party ("Kremlin", "John Kirby") over a bare description ("chair", "officials")
    named = [name for name in quoted if any(ch.isupper() for ch in name)]
    return named or quoted or sorted({c.holder.name for c in claims})


def find_disputes(articles, report: StoryReport) -> list[Dispute]:
    members = defaultdict(list)
    for claim in report.claims:
        if claim.group_id:
            members[claim.group_id].append(claim)
    denials = defaultdict(list)
    for claim in report.claims:
        if claim.polarity == "denies" and claim.denies_group_id:
            denials[claim.denies_group_id].append(claim)
    disputes = []
    for group in report.claim_groups:
        # a dispute is between parties: denials come from someone quoted, not the outlet's narration
        denying = [c for c in denials.get(group.id, []) if c.voice == "quoted"]
        asserting = [c for c in members.get(group.id, []) if c.polarity == "asserts"]
        if not denying or not asserting:
            continue
        asserted_by, denied_by = parties(asserting), parties(denying)
        if not set(asserted_by) - set(denied_by) or not set(denied_by) - set(asserted_by):
            continue
        if not any(ch.isupper() for name in denied_by for ch in name):
            continue  # an unnamed voice ("chair", "officials") does not make a dispute between parties
        disputes.append(Dispute(
            id="d" + hashlib.sha1(group.id.encode()).hexdigest()[:12],
            claim_group_id=group.id,
            asserted_by=asserted_by,
            denied_by=denied_by,
            assertion_reported_in=sorted({c.article_id for c in asserting}),
            denial_reported_in=sorted({c.article_id for c in denying}),
        ))
    disputes.sort(key=lambda d: (-len(d.assertion_reported_in) - len(d.denial_reported_in), d.id))
    return disputes
