"""Scorer for claim alignment and disputes against sentence-level gold.

The gold format (``corpora/alignment/seesaw-dev.json`` and files like it):
one entry per story with its JSONL ``input``, ``sentences`` (sentence id →
character offsets into that record's raw ``text``), ``propositions`` (each
with every sentence, in any article, that states, reports or denies it, and
the subset that denies it) and ``disputes`` (named parties asserting and
denying, with their sentences).

Scores, micro-averaged over stories:
- alignment: two sentences of different articles are aligned when claims of
  theirs share a claim group; pairwise precision/recall/F1 against the pairs
  of sentences that share a gold proposition. Confident groups only, and
  confident plus "possible" groups, reported apart.
- a TF-IDF cosine baseline over the gold sentences at its best threshold,
  computed in the same run.
- disputes: a predicted dispute is right when one of its asserting parties
  and one of its denying parties name parties of one gold dispute.
- omissions: an "omitted" mark on a group that matches a gold proposition is
  right when the proposition has no sentence in that article.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import numpy as np

from parallax.model import Article, StoryReport
from parallax.spans import overlap, raw_offset
from parallax.story.entities import names_match, normalize
from parallax.text_similarity import content_words, tfidf_rows


@dataclass
class GoldSentence:
    id: str
    record_id: str
    start: int
    end: int


@dataclass
class GoldStory:
    name: str
    input: Path
    sentences: dict[str, GoldSentence]
    propositions: list[dict]
    disputes: list[dict]

    def pairs(self) -> set[frozenset[str]]:
        """Gold aligned pairs: sentences of different articles sharing a proposition."""
        out = set()
        for proposition in self.propositions:
            for a, b in combinations(sorted(set(proposition["sentences"])), 2):
                if self.sentences[a].record_id != self.sentences[b].record_id:
                    out.add(frozenset((a, b)))
        return out


def load_gold(path: Path) -> list[GoldStory]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    stories = []
    for name, entry in sorted(data.items()):
        sentences = {}
        for sid, (start, end) in entry["sentences"].items():
            sentences[sid] = GoldSentence(sid, sid.rsplit("#", 1)[0], start, end)
        stories.append(GoldStory(name, (Path(path).parent / entry["input"]).resolve(), sentences,
                                 entry.get("propositions", []), entry.get("disputes", [])))
    return stories


# --------------------------------------------------------------------------- claims → gold sentences


def to_raw(article: Article, offset: int) -> int:
    """A clean-text offset in the raw record text (the article's source map)."""
    return raw_offset(article.source_map, offset)


@dataclass
class SentenceIndex:
    """The gold sentences of one record, looked up by raw offsets."""

    sentences: list[GoldSentence] = field(default_factory=list)

    def covering(self, start: int, end: int) -> list[str]:
        """Gold sentences holding most of [start, end) or mostly held by it."""
        out = []
        for sentence in self.sentences:
            shared = overlap(start, end, sentence.start, sentence.end)
            if shared <= 0:
                continue
            if shared >= 0.5 * (end - start) or shared >= 0.5 * (sentence.end - sentence.start):
                out.append(sentence.id)
        return out


def claim_sentences(story: GoldStory, report: StoryReport) -> dict[str, list[str]]:
    """Claim id → the gold sentence ids it lies in."""
    by_record: dict[str, SentenceIndex] = {}
    for sentence in story.sentences.values():
        by_record.setdefault(sentence.record_id, SentenceIndex()).sentences.append(sentence)
    articles = {a.id: a for a in report.articles}
    out = {}
    for claim in report.claims:
        article = articles[claim.article_id]
        index = by_record.get(article.source_id or "")
        if index is None:
            continue
        out[claim.id] = index.covering(to_raw(article, claim.start), to_raw(article, claim.end))
    return out


def predicted_pairs(story: GoldStory, report: StoryReport, include_possible: bool) -> set[frozenset[str]]:
    located = claim_sentences(story, report)
    record_of = {sid: s.record_id for sid, s in story.sentences.items()}
    members: dict[str, set[str]] = {}
    shown = {g.id for g in report.claim_groups if include_possible or getattr(g, "confidence_level", "confident") == "confident"}
    # a group's members are its claim_ids (a claim whose sentence states two propositions is in both)
    for group in report.claim_groups:
        if group.id in shown:
            for claim_id in group.claim_ids:
                members.setdefault(group.id, set()).update(located.get(claim_id, ()))
    out = set()
    for sentences in members.values():
        for a, b in combinations(sorted(sentences), 2):
            if record_of[a] != record_of[b]:
                out.add(frozenset((a, b)))
    return out


# --------------------------------------------------------------------------- baseline


def record_texts(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            out[str(record["id"])] = record["text"]
    return out


def tfidf_scores(story: GoldStory) -> list[tuple[float, frozenset[str]]]:
    """Cosine of TF-IDF vectors (IDF over the story's sentences) for every cross-article pair."""
    texts = record_texts(story.input)
    ids = sorted(story.sentences)
    spans = [story.sentences[sid] for sid in ids]
    rows = tfidf_rows([Counter(content_words(texts[s.record_id][s.start:s.end])) for s in spans], dtype=np.float64)
    cosine = (rows @ rows.T).toarray()
    return [(float(cosine[i, j]), frozenset((ids[i], ids[j])))
            for i, j in combinations(range(len(ids)), 2) if spans[i].record_id != spans[j].record_id]


def best_tfidf(stories: list[GoldStory]) -> dict:
    """The TF-IDF baseline at the threshold that maximises its F1 over all stories."""
    scored = [(score, story.name, pair) for story in stories for score, pair in tfidf_scores(story)]
    gold = {(story.name, pair) for story in stories for pair in story.pairs()}
    scored.sort(key=lambda x: -x[0])
    tp = fp = 0
    best = {"threshold": 1.0, "tp": 0, "fp": 0, "fn": len(gold), "f1": 0.0}
    for index, (score, name, pair) in enumerate(scored):
        if (name, pair) in gold:
            tp += 1
        else:
            fp += 1
        if index + 1 < len(scored) and scored[index + 1][0] == score:
            continue
        f1 = 2 * tp / (2 * tp + fp + (len(gold) - tp))
        if f1 > best["f1"]:
            best = {"threshold": round(score, 3), "tp": tp, "fp": fp, "fn": len(gold) - tp, "f1": f1}
    return best


# --------------------------------------------------------------------------- disputes and omissions


GENERIC_PARTY_WORDS = frozenset("""the of and office department house senate committee news party state states united
white national council court courts federal government administration report story spokesman spokeswoman
president senator sen rep leader minister special counsel republican republicans democrat democrats""".split())


def party_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'’-]+", normalize(name).lower().replace("’s", "").replace("'s", ""))
            if len(w) >= 4 and w not in GENERIC_PARTY_WORDS}


def party_matches(wanted: list[str], names: list[str]) -> bool:
    """A predicted party names a gold party: the same name, or a distinctive name word in common."""
    for w in wanted:
        for n in names:
            a, b = normalize(w).lower(), normalize(n).lower()
            if a == b or names_match(normalize(w), normalize(n)) or party_words(w) & party_words(n):
                return True
    return False


def score_disputes(story: GoldStory, report: StoryReport) -> dict[str, int]:
    matched_gold = set()
    correct = 0
    for dispute in report.disputes:
        hits = [i for i, g in enumerate(story.disputes)
                if party_matches(g["asserted_by"], dispute.asserted_by) and party_matches(g["denied_by"], dispute.denied_by)]
        correct += bool(hits)
        matched_gold.update(hits)
    return {"tp": correct, "fp": len(report.disputes) - correct, "fn": len(story.disputes) - len(matched_gold)}


def score_omissions(story: GoldStory, report: StoryReport) -> dict[str, int]:
    """Omission marks on groups that match a gold proposition (most shared sentences)."""
    located = claim_sentences(story, report)
    by_group: dict[str, set[str]] = {}
    for group in report.claim_groups:
        for claim_id in group.claim_ids:
            by_group.setdefault(group.id, set()).update(located.get(claim_id, ()))
    record_of = {a.id: a.source_id for a in report.articles}
    correct = total = 0
    for framing in report.framing:
        for group_id in framing.omitted_claim_groups:
            sentences = by_group.get(group_id, set())
            best = max(story.propositions, key=lambda p: len(sentences & set(p["sentences"])), default=None)
            if best is None or not sentences & set(best["sentences"]):
                continue  # the group matches no gold proposition: not checkable here
            total += 1
            record = record_of[framing.article_id]
            correct += not any(story.sentences[s].record_id == record for s in best["sentences"])
    return {"correct": correct, "total": total}


# --------------------------------------------------------------------------- the run


def prf(counts: dict[str, int]) -> dict[str, float]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def score_story(story: GoldStory, report: StoryReport) -> dict[str, dict[str, int]]:
    gold = story.pairs()
    out = {}
    for name, include in (("alignment", False), ("alignment+possible", True)):
        predicted = predicted_pairs(story, report, include)
        out[name] = {"tp": len(predicted & gold), "fp": len(predicted - gold), "fn": len(gold - predicted)}
    out["disputes"] = score_disputes(story, report)
    out["omissions"] = score_omissions(story, report)
    return out


def evaluate_alignment(path: Path, report_of=None) -> dict:
    """Run Parallax on every gold story and score it; ``report_of(story)`` may supply reports."""
    stories = load_gold(path)
    if report_of is None:
        from parallax.api import compare

        def report_of(story: GoldStory) -> StoryReport:
            return compare([str(story.input)])

    totals: dict[str, dict[str, int]] = {}
    per_story = {}
    for story in stories:
        scores = score_story(story, report_of(story))
        per_story[story.name] = scores
        for metric, counts in scores.items():
            bucket = totals.setdefault(metric, {})
            for key, value in counts.items():
                bucket[key] = bucket.get(key, 0) + value
    metrics = {}
    for metric, counts in totals.items():
        metrics[metric] = dict(counts, **(prf(counts) if "tp" in counts else
                                          {"accuracy": round(counts["correct"] / counts["total"], 3) if counts["total"] else 0.0}))
    baseline = best_tfidf(stories)
    metrics["tfidf baseline (best threshold)"] = dict(
        {k: baseline[k] for k in ("tp", "fp", "fn", "threshold")}, **prf(baseline))
    return {"gold": str(path), "stories": [s.name for s in stories], "metrics": metrics, "per_story": per_story}


def print_alignment(scores: dict, console) -> None:
    from rich.table import Table

    table = Table(title=f"Claim alignment on {Path(scores['gold']).name} ({len(scores['stories'])} stories)")
    for column in ("metric", "precision", "recall", "f1", "accuracy", "counts"):
        table.add_column(column, justify="left" if column in ("metric", "counts") else "right", no_wrap=column == "metric")
    for metric, values in scores["metrics"].items():
        counts = ", ".join(f"{k}={v}" for k, v in values.items() if k in ("tp", "fp", "fn", "correct", "total", "threshold"))
        table.add_row(metric, *(f"{values[k]:.3f}" if k in values else "" for k in ("precision", "recall", "f1", "accuracy")), counts)
    console.print(table)
    console.print("alignment: confident groups; +possible: all groups; pairs of sentences of different articles "
                  "(tp/fp/fn); disputes by the parties named; omissions: marks on groups matching a gold proposition.")
