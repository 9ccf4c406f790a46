"""The sentence-level alignment scorer, its TF-IDF baseline and the verifier's packaged model."""

import json
from pathlib import Path

import numpy as np
import pytest

from parallax.evaluation.alignment import GoldStory, best_tfidf, load_gold, party_matches, score_story, tfidf_scores, to_raw
from parallax.model import Article, Claim, ClaimGroup, Dispute, EntityRef, StoryReport
from parallax.story.verify import FEATURES, MODEL_PATH, PairModel

CORPUS_GOLD = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "alignment" / "seesaw-dev.json"


@pytest.fixture()
def tiny(tmp_path):
    records = [
        {"id": "A", "text": "The bridge closed on Tuesday. The mayor blamed the dam. Nothing else happened."},
        {"id": "B", "text": "On Tuesday the bridge was shut. Officials blamed the dam operator."},
    ]
    (tmp_path / "story.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    gold = {"S": {"input": "story.jsonl",
                  "sentences": {"A#0": [0, 29], "A#1": [30, 55], "A#2": [56, 79], "B#0": [0, 31], "B#1": [32, 65]},
                  "propositions": [{"id": "P1", "gist": "bridge closed", "sentences": ["A#0", "B#0"], "denies": []},
                                   {"id": "P2", "gist": "dam blamed", "sentences": ["A#1", "B#1"], "denies": []}],
                  "disputes": [{"gist": "who is to blame", "asserted_by": ["Jan Brandt"], "denied_by": ["Hydra Power"],
                                "assert_sentences": ["A#1"], "deny_sentences": ["B#1"]}]}}
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return load_gold(path)[0], records


def report_with(groups: list[tuple[list[tuple[str, int, int]], str]], records) -> StoryReport:
    articles = [Article(id=r["id"].lower(), source_id=r["id"], text=r["text"]) for r in records]
    claims, claim_groups = [], []
    for k, (members, level) in enumerate(groups):
        ids = []
        for record, start, end in members:
            cid = f"c{record}{start}"
            text = next(r["text"] for r in records if r["id"] == record)
            claims.append(Claim(id=cid, article_id=record.lower(), start=start, end=end, text=text[start:end],
                                holder=EntityRef(name="x"), voice="own", polarity="asserts", group_id=f"g{k}"))
            ids.append(cid)
        claim_groups.append(ClaimGroup(id=f"g{k}", label="", claim_ids=ids, confidence_level=level))
    return StoryReport(articles=articles, claims=claims, claim_groups=claim_groups)


def test_pairs_are_scored_per_sentence_and_tier(tiny):
    story, records = tiny
    assert story.pairs() == {frozenset(("A#0", "B#0")), frozenset(("A#1", "B#1"))}
    report = report_with([([("A", 0, 29), ("B", 0, 31)], "confident"),
                          ([("A", 56, 79), ("B", 32, 65)], "possible")], records)
    scores = score_story(story, report)
    assert scores["alignment"] == {"tp": 1, "fp": 0, "fn": 1}
    assert scores["alignment+possible"] == {"tp": 1, "fp": 1, "fn": 1}


def test_disputes_score_by_the_parties_named(tiny):
    story, records = tiny
    report = report_with([], records)
    report.disputes = [Dispute(id="d1", asserted_by=["Mayor Jan Brandt"], denied_by=["Hydra"]),
                       Dispute(id="d2", asserted_by=["Someone Else"], denied_by=["Hydra"])]
    assert score_story(story, report)["disputes"] == {"tp": 1, "fp": 1, "fn": 0}
    assert party_matches(["Special counsel Robert Mueller's office"], ["Special counsel Robert S. Mueller III’s office"])
    assert not party_matches(["Democratic National Committee"], ["Republican National Committee"])


def test_tfidf_baseline_finds_its_best_threshold(tiny):
    story, _ = tiny
    scores = {pair: score for score, pair in tfidf_scores(story)}
    assert len(scores) == 6  # every cross-article pair, never two sentences of one article
    gold = story.pairs()
    # the sentences sharing words ("bridge", "Tuesday"; "blamed", "dam") outscore every other pair
    assert min(scores[p] for p in gold) > max(s for p, s in scores.items() if p not in gold) == 0.0
    best = best_tfidf([story])
    assert (best["tp"], best["fp"], best["fn"], best["f1"]) == (2, 0, 0, 1.0)
    assert best["threshold"] <= min(scores[p] for p in gold)


def test_offsets_map_back_through_the_source_map():
    article = Article(id="a", text="Hello world", source_map=[(0, 3, 5), (6, 12, 5)])
    assert to_raw(article, 0) == 3 and to_raw(article, 7) == 13


def test_packaged_model_matches_the_features_and_says_how_it_was_measured():
    model = PairModel.load(MODEL_PATH)
    assert model.features == list(FEATURES)
    assert 0 < model.link <= model.confident < 1
    assert "leave one story out" in model.meta["held_out"]["method"]
    # the same sentence in two outlets: every similarity high, the same quote, each the other's best match
    strong = np.zeros((1, len(FEATURES)), dtype=np.float32)
    for name in ("semantic", "token_match", "lexical", "sentence_lexical", "shared_weight"):
        strong[0, FEATURES.index(name)] = 0.95
    strong[0, FEATURES.index("same_quote")] = 1
    strong[0, FEATURES.index("lead")] = 1
    weak = np.zeros((1, len(FEATURES)), dtype=np.float32)
    weak[0, FEATURES.index("semantic")] = 0.1
    weak[0, FEATURES.index("mutual_rank")] = 5
    assert model.probability(strong)[0] > model.confident > model.probability(weak)[0]


@pytest.mark.skipif(not CORPUS_GOLD.exists(), reason="shared alignment gold absent")
def test_corpus_gold_loads():
    stories = load_gold(CORPUS_GOLD)
    assert len(stories) == 8 and all(isinstance(s, GoldStory) and s.pairs() for s in stories)
