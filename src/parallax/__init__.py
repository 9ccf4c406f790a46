"""Parallax: one news story from every side."""

from parallax.api import analyze, compare, read
from parallax.model import Article, StoryReport

__version__ = "0.1.0"
__all__ = ["Article", "StoryReport", "analyze", "compare", "read", "__version__"]
