"""Texts shared by the benchmarks: PolNeAR dev articles when present, then the example stories."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear" / "dev" / "text"
STORIES = [ROOT / "examples" / "harbor-blackout", ROOT.parent / "shared" / "stories" / "kremlin-drone-2023"]


def corpus_texts(limit: int) -> list[str]:
    files = sorted(POLNEAR.glob("*.txt"))[:limit] if POLNEAR.is_dir() else []
    for folder in STORIES:
        files += sorted(folder.glob("*.txt")) if folder.is_dir() else []
    return [f.read_text(encoding="utf-8") for f in files]
