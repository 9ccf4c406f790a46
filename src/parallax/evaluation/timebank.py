"""Time expressions scored on TimeML news (TimeBank, from TempEval-3's TBAQ release).

``parallax evaluate --timebank DIR`` reads every ``*.tml`` file in DIR: the
document creation time (``<DCT><TIMEX3 value=…>``) is the publication date,
the plain text is the concatenated text of ``<TEXT>``, and its inline
``<TIMEX3>`` elements are the gold. Each document is parsed once with the
project's spaCy pipeline and tagged by ``parallax.article.time.tag``.

Measures, as in TempEval-3:
- detection: precision / recall / F1 with relaxed (overlap) matching, and
  with strict (exact span) matching;
- type accuracy over relaxed matches;
- value accuracy over relaxed matches whose gold type is DATE or TIME, and
  value F1 on DATE and TIME: a gold DATE/TIME expression counts when a
  system expression overlaps it with the same value (recall), over the
  system's DATE/TIME expressions (precision).

The split is fixed by a hash of each document's name, so the rules can be
developed on one half ("dev") and reported on the other ("test").
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from parallax.evaluation import finish
from parallax.spans import overlap


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeMLDoc:
    name: str
    dct: date
    text: str
    gold: list[GoldTimex] = field(default_factory=list)


class TimeMLError(ValueError):
    pass


def read_tml(path: Path) -> TimeMLDoc:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise TimeMLError(f"{path}: not well-formed TimeML ({exc})") from None
    # TBAQ / TempEval-3 keep the creation time in <DCT>; older TimeML marks it anywhere by its function
    dct_el = root.find("DCT/TIMEX3")
    if dct_el is None:
        dct_el = root.find(".//TIMEX3[@functionInDocument='CREATION_TIME']")
    text_el = root.find("TEXT")
    if dct_el is None or text_el is None or not dct_el.get("value"):
        raise TimeMLError(f"{path}: no <DCT><TIMEX3 value=…> or no <TEXT>")
    try:
        dct = date.fromisoformat(dct_el.get("value")[:10])
    except ValueError:
        raise TimeMLError(f"{path}: DCT value {dct_el.get('value')!r} is not a date") from None
    parts: list[str] = []
    gold: list[GoldTimex] = []
    length = 0

    def walk(element) -> None:
        nonlocal length
        if element.text:
            parts.append(element.text)
            length += len(element.text)
        for child in element:
            start = length
            walk(child)
            if child.tag == "TIMEX3" and child.get("functionInDocument") != "CREATION_TIME":
                gold.append(GoldTimex(start, length, "", child.get("type", ""), child.get("value", "")))
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)

    walk(text_el)
    text = "".join(parts)
    for timex in gold:
        timex.text = text[timex.start:timex.end]
    return TimeMLDoc(path.stem, dct, text, gold)


def split_of(name: str) -> str:
    """'dev' or 'test', fixed by the document's name."""
    return "dev" if hashlib.sha1(name.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def load(folder: Path, split: str = "all") -> list[TimeMLDoc]:
    paths = sorted(Path(folder).glob("*.tml"))
    if not paths:
        raise TimeMLError(f"{folder}: no .tml files")
    return [read_tml(p) for p in paths if split == "all" or split_of(p.stem) == split]


def match(gold: list, system: list, strict: bool = False) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index), largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            if strict:
                if (g.start, g.end) == (s.start, s.end):
                    pairs.append((g.end - g.start, gi, si))
            else:
                shared = overlap(g.start, g.end, s.start, s.end)
                if shared > 0:
                    pairs.append((shared, gi, si))
    used_g, used_s, out = set(), set(), []
    for _, gi, si in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            out.append((gi, si))
    return out


def score_document(doc: TimeMLDoc, system: list) -> dict[str, dict[str, int]]:
    gold = doc.gold
    relaxed = match(gold, system)
    strict = match(gold, system, strict=True)
    counts = {
        "timex.detection (relaxed)": {"tp": len(relaxed), "fp": len(system) - len(relaxed), "fn": len(gold) - len(relaxed)},
        "timex.detection (strict)": {"tp": len(strict), "fp": len(system) - len(strict), "fn": len(gold) - len(strict)},
        "timex.type (matched)": {"correct": sum(gold[g].type == system[s].type for g, s in relaxed), "total": len(relaxed)},
    }
    dated = [(g, s) for g, s in relaxed if gold[g].type in ("DATE", "TIME")]
    right = sum(gold[g].value == system[s].value for g, s in dated)
    counts["timex.value DATE/TIME (matched)"] = {"correct": right, "total": len(dated)}
    system_dated = sum(s.type in ("DATE", "TIME") for s in system)
    gold_dated = sum(g.type in ("DATE", "TIME") for g in gold)
    counts["timex.value DATE/TIME"] = {"tp": right, "fp": system_dated - right, "fn": gold_dated - right}
    return counts


def tag_document(doc: TimeMLDoc, parsed) -> list:
    from parallax.article.time import tag

    return tag(doc.text, parsed, doc.dct)


def evaluate_timebank(folder: Path, split: str = "all", errors: list | None = None) -> dict:
    """Scores over the documents of ``split``; ``errors`` (if given) collects every miss for inspection."""
    from parallax.nlp import parse

    docs = load(folder, split)
    totals: dict[str, dict[str, int]] = {}
    for doc, parsed in zip(docs, parse((d.text for d in docs), batch_size=16)):
        system = tag_document(doc, parsed)
        for metric, counts in score_document(doc, system).items():
            bucket = totals.setdefault(metric, {})
            for key, value in counts.items():
                bucket[key] = bucket.get(key, 0) + value
        if errors is not None:
            errors.extend(differences(doc, system))
    return {
        "title": "Parallax time expressions on TimeML", "timebank": str(folder), "split": split, "documents": len(docs),
        "metrics": {m: finish(c) for m, c in sorted(totals.items())},
    }


def differences(doc: TimeMLDoc, system: list) -> list[dict]:
    """Misses, false alarms and wrong values of one document, for error analysis."""
    out = []
    pairs = match(doc.gold, system)
    matched_g = {g for g, _ in pairs}
    matched_s = {s for _, s in pairs}
    for gi, g in enumerate(doc.gold):
        if gi not in matched_g:
            out.append({"doc": doc.name, "dct": doc.dct.isoformat(), "kind": "missed", "gold": (g.text, g.type, g.value), "context": _around(doc.text, g.start, g.end)})
    for si, s in enumerate(system):
        if si not in matched_s:
            out.append({"doc": doc.name, "dct": doc.dct.isoformat(), "kind": "spurious", "system": (s.text, s.type, s.value), "context": _around(doc.text, s.start, s.end)})
    for gi, si in pairs:
        g, s = doc.gold[gi], system[si]
        if g.type in ("DATE", "TIME") and g.value != s.value:
            out.append({"doc": doc.name, "dct": doc.dct.isoformat(), "kind": "value", "gold": (g.text, g.type, g.value),
                        "system": (s.text, s.type, s.value, s.tense), "context": _around(doc.text, g.start, g.end)})
    return out


def _around(text: str, start: int, end: int, width: int = 70) -> str:
    return " ".join((text[max(0, start - width):start] + "[" + text[start:end] + "]" + text[end:end + width]).split())
