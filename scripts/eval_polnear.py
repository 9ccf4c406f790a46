"""Score quote extraction on PolNeAR (human-annotated attributions in political news).

PolNeAR attributions are a superset of quotes (they include paraphrase and
reported beliefs). Mapping used here:
- gold direct quote: an attribution whose content sits inside quotation marks;
- gold indirect: every other attribution with an explicit cue.
Direct-quote P/R/F1 is overlap-based (>= 50% of the shorter span) and exact
(same text after trimming marks and whitespace); speaker accuracy is measured
on matched direct quotes (the predicted speaker shares a name word with the
gold source; gold pronoun sources are resolved to the last named gold source
before them, which is wrong when the person was introduced without an
attribution of their own, so a third figure counts only gold sources that are
names); indirect recall counts gold non-direct attributions overlapped
by any predicted quote.

    .venv/bin/python scripts/eval_polnear.py [--split dev] [--limit N]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from parallax.article import analyze_article
from parallax.model import Article
from parallax.nlp import get_nlp

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "polnear"
MARKS = "\"“”'‘’"
PRONOUNS = {"he", "she", "they", "it", "his", "her", "their", "we", "i", "him", "them"}


def load_attributions(path: Path) -> list[dict]:
    spans, events = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, info, text = line.split("\t", 2)
            label, offsets = info.split(" ", 1)
            parts = [tuple(map(int, p.split())) for p in offsets.split(";")]
            spans[tid] = (label, parts[0][0], parts[-1][1], text)
        elif line.startswith("E"):
            _, body = line.split("\t", 1)
            roles = dict(item.split(":") for item in body.split())
            events.append(roles)
    out = []
    for roles in events:
        content = spans.get(roles.get("Content"))
        if not content:
            continue
        source = spans.get(roles.get("Source"))
        cue = spans.get(roles.get("Cue"))
        out.append({"start": content[1], "end": content[2], "source": source[3] if source else None,
                    "source_start": source[1] if source else None, "cue": cue[3] if cue else None})
    return out


def is_marked(text: str, start: int, end: int) -> bool:
    inner = text[start:end].strip()
    before = text[max(0, start - 2):start]
    after = text[end:end + 2]
    opens = inner[:1] in MARKS or any(c in MARKS for c in before)
    closes = inner[-1:] in MARKS or inner[-2:-1] in MARKS or any(c in MARKS for c in after)
    return opens and closes


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    shorter = max(1, min(a[1] - a[0], b[1] - b[0]))
    return inter / shorter


def is_description(source: str) -> bool:
    """A role description with no name in it ("the president", "the 34-year-old mother of three")."""
    return source.lower().startswith(("the ", "a ", "an ")) and not any(w[:1].isupper() for w in source.split()[1:])


def norm(text: str) -> str:
    return " ".join(text.strip(MARKS + " ,.").split()).lower()


# capitalised words that are no name: a sentence-initial article or possessive ("The actress", "His aide")
NOT_NAME_WORDS = frozenset({"the", "a", "an", "his", "her", "its", "their", "this", "that", "these", "those", "one", "some"})


def name_words(name: str | None, strict: bool = False) -> set[str]:
    words = {w.lower().strip(".,’'s") for w in re.findall(r"[A-Za-z][\w.’']+", name or "") if w[0].isupper()}
    return words - NOT_NAME_WORDS if strict else words


def resolve_gold_sources(gold: list[dict], strict: bool) -> None:
    """Gold pronoun and description sources point to the last named gold source before them.

    ``strict`` (the corrected reading): "The actress" or "His aide" is a description, not a
    name, because its only capitalised word is an article or possessive. The original reading
    counted such sources as names (and matched any speaker starting with "The")."""
    key = "resolved_strict" if strict else "resolved"
    named = []
    for g in sorted(gold, key=lambda g: g["source_start"] or 0):
        if g["source"] and g["source"].lower() not in PRONOUNS and name_words(g["source"], strict):
            named.append(g)
        elif g["source"] and (g["source"].lower() in PRONOUNS or is_description(g["source"])) and named:
            # "he", "the president": the last named source before it
            g[key] = named[-1]["source"]


def same_speaker(source: str, predicted: str | None, strict: bool) -> bool:
    predicted_name = norm(re.sub(r"^(the|a|an)\s+", "", predicted, flags=re.I)) if predicted else ""
    gold_name = norm(re.sub(r"^(the|a|an)\s+", "", source, flags=re.I))
    return bool(name_words(source, strict) & name_words(predicted, strict)) or bool(
        predicted_name and (predicted_name in gold_name or gold_name in predicted_name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--offset", type=int, default=0, help="skip the first N articles of the split")
    parser.add_argument("--show", action="store_true", help="print false positives")
    parser.add_argument("--per-article", action="store_true", help="print speaker accuracy per article")
    parser.add_argument("--show-speakers", action="store_true", help="print speaker mismatches")
    parser.add_argument("--context", type=int, default=0, help="with --show-speakers: characters of text to print around each mismatch")
    parser.add_argument("--show-missed", action="store_true", help="print gold direct quotes not found")
    parser.add_argument("--show-indirect", action="store_true", help="print gold indirect attributions not found")
    args = parser.parse_args()
    folder = CORPUS / args.split
    if not folder.is_dir():
        raise SystemExit(f"{folder}: PolNeAR not present")
    nlp = get_nlp()
    counts = Counter()
    texts = sorted((folder / "text").glob("*.txt"))
    texts = texts[args.offset:]
    if args.limit:
        texts = texts[: args.limit]
    for text_path in texts:
        annotations = sorted((folder / "attributions").glob(text_path.stem + "_*.ann"))
        if not annotations:
            continue
        text = text_path.read_text(encoding="utf-8")
        # Annotators split or overlap their work: the union of their attributions is the gold.
        gold = []
        for annotation in annotations:
            for item in load_attributions(annotation):
                if not any(overlap((item["start"], item["end"]), (g["start"], g["end"])) >= 0.8 for g in gold):
                    gold.append(item)
        article = Article(id=text_path.stem[:20], text=text)
        analysis = analyze_article(article, nlp(text))
        predicted = analysis.quotes
        gold_direct = [g for g in gold if is_marked(text, g["start"], g["end"])]
        gold_other = [g for g in gold if g not in gold_direct]
        pred_direct = [q for q in predicted if q.kind == "direct"]
        resolve_gold_sources(gold, strict=False)
        resolve_gold_sources(gold, strict=True)
        # A gold attribution may hold several quoted pieces ("...," he said, "..."): a
        # prediction is right when it lies within a gold quote; a gold quote is found
        # when at least one prediction does.
        matched_gold = set()
        before = (counts["speaker_correct_strict"], counts["speaker_total_strict"])
        for q in pred_direct:
            hit = next((i for i, g in enumerate(gold_direct) if overlap((q.start, q.end), (g["start"], g["end"])) >= 0.5), None)
            if hit is None and any(overlap((q.start, q.end), (g["start"], g["end"])) >= 0.5 for g in gold_other):
                # a marked phrase inside a gold paraphrase ("called it 'pathetic'"): right, but not a gold direct quote
                counts["direct_tp_pred"] += 1
                continue
            if hit is None:
                counts["direct_fp"] += 1
                if args.show:
                    print("FP", repr(q.text[:100]), "|", q.speaker.name if q.speaker else None)
                continue
            matched_gold.add(hit)
            counts["direct_tp_pred"] += 1
            g = gold_direct[hit]
            if norm(text[g["start"]:g["end"]]) == norm(q.text):
                counts["exact_tp"] += 1
            predicted_speaker = q.speaker.name if q.speaker else None
            for strict, suffix in ((False, ""), (True, "_strict")):
                source = g.get("resolved_strict" if strict else "resolved") or g["source"]
                # some gold sources are the cue itself ("said"): nothing to compare a speaker with
                if not source or source.lower() in ("said", "says", "told", "added", "wrote"):
                    continue
                counts["speaker_total" + suffix] += 1
                # the same on gold sources that name someone themselves (no pronoun or description for the
                # scorer to resolve, so no error of its own resolution counts against the system)
                named = strict and g["source"] and g["source"].lower() not in PRONOUNS and name_words(g["source"], True) \
                    and not is_description(g["source"])
                counts["speaker_total_named"] += bool(named)
                if same_speaker(source, predicted_speaker, strict):
                    counts["speaker_correct" + suffix] += 1
                    counts["speaker_correct_named"] += bool(named)
                elif args.show_speakers and strict:
                    print("SPK", text_path.stem, repr(source), "vs", repr(predicted_speaker), "|", q.cue, "|", repr(q.text[:60]))
                    if args.context:
                        print("   ", repr(text[max(0, q.start - args.context):q.end + args.context]))
        if args.per_article:
            print("ARTICLE", text_path.stem, counts["speaker_correct_strict"] - before[0], counts["speaker_total_strict"] - before[1])
        counts["direct_fn"] += len(gold_direct) - len(matched_gold)
        if args.show_missed:
            for i, g in enumerate(gold_direct):
                if i not in matched_gold:
                    near = [q for q in predicted if overlap((q.start, q.end), (g["start"], g["end"])) > 0]
                    print("MISSED", repr(text[max(0, g["start"] - 60):g["end"] + 40]), "| pred:", [(q.kind, q.text[:30]) for q in near])
        counts["direct_tp"] += len(matched_gold)
        counts["gold_direct"] += len(gold_direct)
        counts["pred_direct"] += len(pred_direct)
        for g in gold_other:
            counts["indirect_total"] += 1
            if any(overlap((q.start, q.end), (g["start"], g["end"])) >= 0.5 for q in predicted):
                counts["indirect_found"] += 1
            elif args.show_indirect:
                print("IND", repr(g["source"]), "|", repr(g.get("cue")), "|", repr(text[g["start"]:g["end"]][:100]))
    tp, fp, fn = counts["direct_tp"], counts["direct_fp"], counts["direct_fn"]
    p = counts["direct_tp_pred"] / (counts["direct_tp_pred"] + fp) if counts["direct_tp_pred"] + fp else 0
    r = tp / (tp + fn) if tp + fn else 0
    f = 2 * p * r / (p + r) if p + r else 0
    ep = counts["exact_tp"] / counts["pred_direct"] if counts["pred_direct"] else 0
    er = counts["exact_tp"] / counts["gold_direct"] if counts["gold_direct"] else 0
    ef = 2 * ep * er / (ep + er) if ep + er else 0
    print(f"PolNeAR {args.split}: {len(texts)} articles, {counts['gold_direct']} gold direct quotes, {counts['indirect_total']} other attributions")
    print(f"direct quotes (overlap): P={p:.3f} R={r:.3f} F1={f:.3f}   (tp={tp} fp={fp} fn={fn})")
    print(f"direct quotes (exact):   P={ep:.3f} R={er:.3f} F1={ef:.3f}")
    if counts["speaker_total"]:
        print(f"speaker accuracy on matched direct quotes: {counts['speaker_correct'] / counts['speaker_total']:.3f} ({counts['speaker_correct']}/{counts['speaker_total']})")
    if counts["speaker_total_strict"]:
        print(f"  same, descriptions read strictly:       {counts['speaker_correct_strict'] / counts['speaker_total_strict']:.3f} "
              f"({counts['speaker_correct_strict']}/{counts['speaker_total_strict']})")
    if counts["speaker_total_named"]:
        print(f"  same, gold sources that are names:       {counts['speaker_correct_named'] / counts['speaker_total_named']:.3f} "
              f"({counts['speaker_correct_named']}/{counts['speaker_total_named']})")
    if counts["indirect_total"]:
        print(f"indirect/other attribution recall: {counts['indirect_found'] / counts['indirect_total']:.3f} ({counts['indirect_found']}/{counts['indirect_total']})")


if __name__ == "__main__":
    main()
