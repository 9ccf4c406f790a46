"""The hand-checked gold: the pipeline keeps the scores it reaches today (a regression floor)."""

import pytest

from parallax.evaluation import default_gold_files, evaluate_files

FLOORS = {
    "reading.boilerplate lines": ("f1", 0.95),
    "quotes.found": ("f1", 0.90),
    "quotes.speaker (matched)": ("accuracy", 0.85),
    "entities.merge (pairwise)": ("f1", 0.90),
    "entities.role": ("accuracy", 0.85),
    "framing.hedges": ("f1", 0.85),
    # the seed story's gold now holds every own-voice loaded term a reader marked (35), not the 13
    # the curated lexicons were written around; the PTC-trained model reaches 0.35 there (VADER: 0.05)
    "framing.loaded_own": ("f1", 0.35),
    "framing.rhetorical_questions": ("f1", 0.8),
    "framing.insertions": ("f1", 0.85),
    "framing.cited_sources": ("f1", 0.6),
    "claims.alignment (pairwise)": ("f1", 0.75),
    "disputes.recall": ("accuracy", 0.8),
    "timeline.date accuracy": ("accuracy", 0.9),
}


@pytest.fixture(scope="module")
def scores():
    files = default_gold_files()
    result = evaluate_files(files)
    if not result["gold_files"]:
        pytest.skip("gold inputs absent")
    return result["metrics"]


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_gold_floor(scores, metric):
    measure, floor = FLOORS[metric]
    assert scores[metric][measure] >= floor, f"{metric} {measure} fell to {scores[metric][measure]}"
