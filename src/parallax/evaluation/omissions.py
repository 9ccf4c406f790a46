"""Scorer for omission marks against a hand-checked sample.

An omission mark (``framing[].omitted_claim_groups``) says an outlet leaves
out a proposition the other outlets carry. A sample file (``tests/gold/
omissions-sample.json``; format in docs/gold-format.md) lists marks Parallax
made on real stories, each judged by reading the omitting article in full:
``omitted`` when the article truly does not state it (in its own voice, a
quote, reported speech or the headline), ``reported`` when it does.

Re-running Parallax on the sample's stories, each mark it makes is matched to
a judged mark of the same story and outlet whose evidence one of the group's
member claims repeats. Judged ``omitted`` marks count as right, judged
``reported`` ones as wrong; marks that match no judged one are counted apart
as unjudged (judge them and add them to the sample).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from parallax.model import StoryReport

# A member claim repeats a judged piece of evidence when one contains the other this closely.
EVIDENCE_MATCH = 90.0


@dataclass
class JudgedMark:
    story: str
    input: Path
    outlet: str  # the outlet marked as omitting
    proposition: str
    evidence: list[str]  # member wordings from the outlets that carry it
    verdict: str  # "omitted" (the mark is right) or "reported" (the outlet does carry it)
    note: str = ""


@dataclass
class OmissionScores:
    correct: int = 0
    wrong: int = 0
    unjudged: list[tuple[str, str, str]] = field(default_factory=list)  # (story, outlet, group label)
    wrong_marks: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        judged = self.correct + self.wrong
        return round(self.correct / judged, 3) if judged else 0.0


def load_sample(path: Path) -> list[JudgedMark]:
    data = json.loads(path.read_text(encoding="utf-8"))
    base = path.parent
    marks = []
    for item in data["marks"]:
        if item["verdict"] not in ("omitted", "reported"):
            raise ValueError(f"verdict must be 'omitted' or 'reported', not {item['verdict']!r}")
        marks.append(JudgedMark(story=item["story"], input=(base / item["input"]).resolve(), outlet=item["outlet"],
                                proposition=item["proposition"], evidence=list(item["evidence"]),
                                verdict=item["verdict"], note=item.get("note", "")))
    return marks


def marks_of(report: StoryReport) -> list[tuple[str, str, list[str]]]:
    """Every omission mark of a report: (omitting outlet, group label, member claim texts)."""
    outlet_of = {a.id: a.outlet or a.id for a in report.articles}
    groups = {g.id: g for g in report.claim_groups}
    texts = {c.id: c.text for c in report.claims}
    out = []
    for framing in report.framing:
        for group_id in framing.omitted_claim_groups:
            group = groups.get(group_id)
            if group is not None:
                out.append((outlet_of[framing.article_id], group.label, [texts[i] for i in group.claim_ids if i in texts]))
    return out


def repeats(member: str, evidence: str) -> bool:
    return fuzz.partial_ratio(member, evidence) >= EVIDENCE_MATCH


def score_story(story: str, report: StoryReport, judged: list[JudgedMark], scores: OmissionScores) -> None:
    mine = [j for j in judged if j.story == story]
    for outlet, label, members in marks_of(report):
        match = next((j for j in mine if j.outlet == outlet
                      and any(repeats(m, e) for m in members for e in j.evidence)), None)
        if match is None:
            scores.unjudged.append((story, outlet, label))
        elif match.verdict == "omitted":
            scores.correct += 1
        else:
            scores.wrong += 1
            scores.wrong_marks.append((story, outlet, label))


def evaluate_omissions(path: Path, report_of=None, stories: list[str] | None = None) -> OmissionScores:
    """Run Parallax on the sample's stories (or the named ones) and score its omission marks."""
    judged = load_sample(path)
    if report_of is None:
        from parallax.api import compare

        def report_of(source: Path) -> StoryReport:
            return compare([str(source)])

    scores = OmissionScores()
    inputs = {j.story: j.input for j in judged}
    for story in sorted(inputs):
        if stories is None or story in stories:
            score_story(story, report_of(inputs[story]), judged, scores)
    return scores
