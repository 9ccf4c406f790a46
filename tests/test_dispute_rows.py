"""One row per dispute: one denial answering two assertions of a party is one dispute."""

from parallax.model import Dispute
from parallax.story.disputes import one_per_denial


def dispute(did: str, assertions: list[str], denials: list[str], confidence: float, denied_by=("e-trump",)) -> Dispute:
    return Dispute(id=did, kind="parties", label=did, asserted_by=["Cohen"], denied_by=["Trump"], asserted_by_ids=["e-cohen"],
                   denied_by_ids=list(denied_by), assertion_claim_ids=assertions, denial_claim_ids=denials, confidence=confidence,
                   assertion_reported_in=["a1"], denial_reported_in=[d.split(":")[0] for d in denials])


def test_disputes_of_the_same_parties_sharing_a_denial_or_an_assertion_are_one():
    merged = one_per_denial([dispute("d1", ["c1"], ["a2:n1"], 0.56), dispute("d2", ["c1", "c2"], ["a3:n2"], 0.85),
                             dispute("d3", ["c9"], ["a3:n2"], 0.5)])
    assert len(merged) == 1
    assert merged[0].label == "d2" and merged[0].confidence == 0.85  # worded by the surer
    assert merged[0].assertion_claim_ids == ["c1", "c2", "c9"] and merged[0].denial_reported_in == ["a2", "a3"]


def test_other_parties_or_unrelated_claims_stay_apart():
    kept = one_per_denial([dispute("d1", ["c1"], ["a2:n1"], 0.6), dispute("d2", ["c2"], ["a2:n2"], 0.6),
                           dispute("d3", ["c1"], ["a2:n1"], 0.6, denied_by=("e-giuliani",))])
    assert len(kept) == 3
