"""Shared fixtures. Heavy things (the spaCy pipeline, whole-story reports) are
built once per test session so the suite stays fast."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
EXAMPLE_STORY = EXAMPLES / "harbor-blackout"
KREMLIN_STORY = SHARED / "stories" / "kremlin-drone-2023"
CORPORA = SHARED / "corpora"
TEST_OUTPUT = ROOT / "test-output"

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def nlp():
    from parallax.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def analyzed():
    """The story report of (outlet, text) articles with ids prefix0, prefix1, …"""
    from parallax.api import analyze
    from parallax.model import Article

    def run(texts: list[tuple[str, str]], prefix: str):
        return analyze([Article(id=f"{prefix}{i}", outlet=o, text=t, word_count=len(t.split())) for i, (o, t) in enumerate(texts)])
    return run


@pytest.fixture(scope="session")
def example_dir() -> Path:
    if not EXAMPLE_STORY.is_dir():
        pytest.skip("example story not present")
    return EXAMPLE_STORY


@pytest.fixture(scope="session")
def kremlin_dir() -> Path:
    if not KREMLIN_STORY.is_dir():
        pytest.skip("../shared/stories/kremlin-drone-2023 not present")
    return KREMLIN_STORY


@pytest.fixture(scope="session")
def example_report(example_dir):
    """The full StoryReport of the bundled example story (built once)."""
    import parallax

    return parallax.compare([str(example_dir)])


@pytest.fixture(scope="session")
def kremlin_report(kremlin_dir):
    """The full StoryReport of the five shared Kremlin-drone articles (built once)."""
    import parallax

    return parallax.compare([str(kremlin_dir)])


@pytest.fixture(scope="session")
def test_output() -> Path:
    TEST_OUTPUT.mkdir(exist_ok=True)
    return TEST_OUTPUT
