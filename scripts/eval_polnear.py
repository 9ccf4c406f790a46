"""Score quote extraction on PolNeAR (human-annotated attributions in political news).

PolNeAR attributions are a superset of quotes (they include paraphrase and
reported beliefs). Mapping used here:
- gold direct quote: an attribution whose content sits inside quotation marks;
- gold indirect: every other attribution with an explicit cue.
Direct-quote P/R/F1 is overlap-based (>= 50% of the shorter span) and exact
(same text after trimming marks and whitespace); indirect recall counts gold
non-direct attributions overlapped by any predicted quote.

Speaker accuracy is measured on matched direct quotes: the predicted speaker
shares a name word with the gold source. PolNeAR marks the source as written
("he", "the senator") and links no coreference, so a pronoun or description
source is resolved by the scorer to the last gold source before it that names
someone. The reading in use (the first figure):
- a gold source names someone when its head in the article's parse is a proper
  noun that is not a nationality or party word (NORP: "The Republican",
  "European"), or has such a name in apposition ("Another critic, Laurence H.
  Tribe"); "Few people", "Delegates", "a Donald Trump tweet" name nobody and
  are never an antecedent, except that a document names its owner ("a Times
  article");
- a source span's surrounding spaces are not part of it ("He\xa0" is "he");
- "he" / "she" skip named sources whose gender (a title such as Mr. or Ms., or
  the given name's usual sex) is the other one, and "they" skips one person;
- first-person sources ("I", "we") are the writer or a speaker quoting
  themselves, whom the gold does not name: they are not scored;
- a speaker that matches the description as annotated ("the ad's narrator",
  "a friend") agrees with the gold.
The reading of a0e4b19 (capitalised words are names, no gender, first person
resolved like "he", the annotated description not accepted) is printed
beside it, for comparison with earlier figures. A third figure counts only
gold sources that are names (no resolution by the scorer involved).

    .venv/bin/python scripts/eval_polnear.py [--split dev] [--limit N]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from parallax.article import analyze_article
from parallax.model import Article
from parallax.names import given_name_sex
from parallax.nlp import get_nlp

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "polnear"
MARKS = "\"“”'‘’"
PRONOUNS = {"he", "she", "they", "it", "his", "her", "their", "we", "i", "him", "them"}


def load_attributions(path: Path) -> list[dict]:
    spans, events = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        # (a span's text can run over a line break: its continuation line is no record)
        if re.match(r"T\d+\t", line):
            tid, info, text = line.split("\t", 2)
            label, offsets = info.split(" ", 1)
            parts = [tuple(map(int, p.split())) for p in offsets.split(";")]
            spans[tid] = (label, parts[0][0], parts[-1][1], text)
        elif re.match(r"E\d+\t", line):
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
        # (a source span can carry a trailing no-break space: "He\xa0" is still "he")
        source_text = source[3].strip() if source else None
        source_start = source[1] + len(source[3]) - len(source[3].lstrip()) if source else None
        out.append({"start": content[1], "end": content[2], "source": source_text or None, "source_raw": source[3] if source else None,
                    "source_start": source_start, "cue": cue[3] if cue else None})
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
# what opens a description that stands for someone named before ("the senator", "his aide"; not "this finding")
DESCRIPTION_STARTS = frozenset({"the", "a", "an", "his", "her", "its", "their"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
GENDERED = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
TITLE_GENDER = {"mr": "m", "mr.": "m", "ms": "f", "ms.": "f", "mrs": "f", "mrs.": "f", "miss": "f", "sir": "m"}


def name_words(name: str | None, strict: bool = False) -> set[str]:
    words = {w.lower().strip(".,’'s") for w in re.findall(r"[A-Za-z][\w.’']+", name or "") if w[0].isupper()}
    return words - NOT_NAME_WORDS if strict else words


def source_root(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def proper(token) -> bool:
    return token.pos_ == "PROPN" and token.ent_type_ != "NORP"


def names_someone(root) -> bool:
    """The source's head in the article's parse is a proper noun that is no nationality or party
    word, or has one in apposition ("Another critic, Laurence H. Tribe") or as the owner of a
    document ("a Times article", "a Donald Trump tweet")."""
    return root is not None and (proper(root) or any(
        c.dep_ == "appos" and proper(c) or root.pos_ == "NOUN" and c.dep_ in ("compound", "poss") and proper(c) and c.i < root.i
        for c in root.children))


def one_person(root) -> bool:
    """A source that names one person ("they" never stands for it)."""
    return root.ent_type_ == "PERSON" and not any(c.dep_ == "conj" for c in root.children)


def gender_of(root) -> str | None:
    """A named source's gender from its title ("Mr. Stenger") or its given name's usual sex
    ("Jennifer Palmieri"), when it says."""
    if root.pos_ != "PROPN":  # the name in apposition, or the owner of a document
        root = next((c for c in root.children if c.dep_ in ("appos", "compound", "poss") and proper(c)), root)
    before = [c for c in root.children if c.dep_ == "compound" and c.i < root.i]
    for word in before:
        if word.lower_ in TITLE_GENDER:
            return TITLE_GENDER[word.lower_]
    sexes = [given_name_sex(c.text) for c in before if c.pos_ == "PROPN" and not c.text.endswith(".")]
    return next((sex for sex in sexes if sex), None)


def resolve_gold_sources(gold: list[dict], doc=None) -> None:
    """Gold pronoun and description sources point to the last named gold source before them.

    Without ``doc``, the reading of a0e4b19 (any capitalised word makes a name; no gender); with
    it, the reading described at the top of this file."""
    key = "resolved" if doc is None else "resolved_now"
    named = []
    for g in sorted(gold, key=lambda g: g["source_start"] or 0):
        source = g["source_raw"] if doc is None else g["source"]
        if not source:
            continue
        lower = source.lower()
        if doc is None:
            if lower not in PRONOUNS and name_words(source):
                named.append(g)
            elif (lower in PRONOUNS or is_description(source)) and named:
                g[key] = named[-1]["source"]
            continue
        root = source_root(doc, g["source_start"], g["source_start"] + len(source))
        g["names_someone"] = lower not in PRONOUNS and names_someone(root)
        if g["names_someone"]:
            named.append((g, root))
        elif lower in PRONOUNS or lower.split()[0] in DESCRIPTION_STARTS:
            gender = GENDERED.get(lower)
            fitting = [n for n, r in named if (gender is None or gender_of(r) in (None, gender))
                       and not (lower in ("they", "them", "their") and one_person(r))]
            if fitting:
                g[key] = fitting[-1]["source"]


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
        doc = nlp(text)
        analysis = analyze_article(article, doc)
        predicted = analysis.quotes
        gold_direct = [g for g in gold if is_marked(text, g["start"], g["end"])]
        gold_other = [g for g in gold if g not in gold_direct]
        pred_direct = [q for q in predicted if q.kind == "direct"]
        resolve_gold_sources(gold)
        resolve_gold_sources(gold, doc)
        # A gold attribution may hold several quoted pieces ("...," he said, "..."): a
        # prediction is right when it lies within a gold quote; a gold quote is found
        # when at least one prediction does.
        matched_gold = set()
        before = (counts["speaker_correct"], counts["speaker_total"])
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
            # some gold sources are the cue itself ("said"): nothing to compare a speaker with
            raw = g["source"]
            if not raw or raw.lower() in ("said", "says", "told", "added", "wrote"):
                continue
            # as read at a0e4b19
            then = g.get("resolved") or g["source_raw"]
            counts["speaker_total_then"] += 1
            counts["speaker_correct_then"] += same_speaker(then, predicted_speaker, False)
            # the same on gold sources that name someone themselves (no pronoun or description for the
            # scorer to resolve, so no error of its own resolution counts against the system)
            named = raw.lower() not in PRONOUNS and name_words(raw, True) and not is_description(raw)
            counts["speaker_total_named"] += bool(named)
            counts["speaker_correct_named"] += bool(named) and same_speaker(raw, predicted_speaker, True)
            # as read now: the writer's "I" is not scored; the annotated description itself agrees
            if raw.lower() in FIRST_PERSON:
                continue
            source = g.get("resolved_now") or raw
            counts["speaker_total"] += 1
            description = raw.lower() not in PRONOUNS and not g.get("names_someone")
            if same_speaker(source, predicted_speaker, True) or description and same_speaker(raw, predicted_speaker, True):
                counts["speaker_correct"] += 1
            elif args.show_speakers:
                print("SPK", text_path.stem, repr(source), "vs", repr(predicted_speaker), "|", q.cue, "|", repr(q.text[:60]))
                if args.context:
                    print("   ", repr(text[max(0, q.start - args.context):q.end + args.context]))
        if args.per_article:
            print("ARTICLE", text_path.stem, counts["speaker_correct"] - before[0], counts["speaker_total"] - before[1])
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
    if counts["speaker_total_then"]:
        print(f"  same, as the scorer read it at a0e4b19: {counts['speaker_correct_then'] / counts['speaker_total_then']:.3f} "
              f"({counts['speaker_correct_then']}/{counts['speaker_total_then']})")
    if counts["speaker_total_named"]:
        print(f"  same, gold sources that are names:       {counts['speaker_correct_named'] / counts['speaker_total_named']:.3f} "
              f"({counts['speaker_correct_named']}/{counts['speaker_total_named']})")
    if counts["indirect_total"]:
        print(f"indirect/other attribution recall: {counts['indirect_found'] / counts['indirect_total']:.3f} ({counts['indirect_found']}/{counts['indirect_total']})")


if __name__ == "__main__":
    main()
