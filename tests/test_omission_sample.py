"""Omission marks against the hand-checked sample in tests/samples/omissions.json."""

from pathlib import Path

import pytest

from parallax.evaluation.omissions import OmissionScores, load_sample, score_story
from parallax.model import Article, Claim, ClaimGroup, EntityRef, Framing, StoryReport

SAMPLE = Path(__file__).parent / "samples" / "omissions.json"


def report_with_mark(outlet: str, member_text: str) -> StoryReport:
    articles = [Article(id="a0", outlet="Carrier", text=member_text), Article(id="a1", outlet=outlet, text="Something else.")]
    claim = Claim(id="c0", article_id="a0", start=0, end=len(member_text), text=member_text,
                  holder=EntityRef(entity_id=None, name="Carrier"), voice="own", polarity="asserts", group_id="g0")
    group = ClaimGroup(id="g0", label=member_text, claim_ids=["c0"], coverage={"a0": "reported", "a1": "omitted"})
    return StoryReport(articles=articles, claims=[claim], claim_groups=[group],
                       framing=[Framing(article_id="a0"), Framing(article_id="a1", omitted_claim_groups=["g0"])])


def test_sample_is_judged_and_mostly_right():
    marks = load_sample(SAMPLE)
    assert len(marks) >= 10
    right = sum(m.verdict == "omitted" for m in marks)
    assert right / len(marks) >= 0.9
    assert all(m.evidence and m.note for m in marks)


def test_marks_match_judged_ones_by_story_outlet_and_evidence():
    marks = load_sample(SAMPLE)
    judged = marks[0]
    scores = OmissionScores()
    score_story(judged.story, report_with_mark(judged.outlet, judged.evidence[0]), marks, scores)
    assert (scores.correct, scores.wrong, scores.unjudged) == (1, 0, [])
    # the same words marked as omitted by an outlet nobody judged are unjudged, not right
    score_story(judged.story, report_with_mark("Elsewhere Daily", judged.evidence[0]), marks, scores)
    assert scores.correct == 1 and len(scores.unjudged) == 1


def test_a_mark_judged_reported_counts_as_wrong(tmp_path):
    sample = tmp_path / "sample.json"
    sample.write_text('{"marks": [{"story": "S", "input": "s.jsonl", "outlet": "Daily", "proposition": "p", '
                      '"evidence": ["The bridge stays closed for two weeks"], "verdict": "reported", "note": "in a quote"}]}')
    scores = OmissionScores()
    score_story("S", report_with_mark("Daily", "The bridge stays closed for two weeks."), load_sample(sample), scores)
    assert (scores.correct, scores.wrong) == (0, 1) and scores.accuracy == 0.0


def test_marks_made_now_on_a_sample_story():
    marks = load_sample(SAMPLE)
    story = "TRIPLET_055"
    source = next(m.input for m in marks if m.story == story)
    if not source.is_file():
        pytest.skip("seesaw corpus absent")
    from parallax.evaluation.omissions import evaluate_omissions

    scores = evaluate_omissions(SAMPLE, stories=[story])
    # the sample records one known false mark on this story ("nearly $1.4 billion" vs "$1.375 billion")
    assert not scores.unjudged, scores.unjudged
    assert scores.correct >= 1 and scores.wrong <= 1, scores.wrong_marks
