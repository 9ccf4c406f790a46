"""Language detection with lingua (offline, models ship in the package)."""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import Language, LanguageDetectorBuilder

# Languages news arrives in most often; a closed set keeps detection fast and sure.
_LANGUAGES = [
    Language.ENGLISH, Language.RUSSIAN, Language.UKRAINIAN, Language.GERMAN, Language.FRENCH,
    Language.SPANISH, Language.PORTUGUESE, Language.ITALIAN, Language.DUTCH, Language.POLISH,
    Language.TURKISH, Language.ARABIC, Language.CHINESE, Language.JAPANESE, Language.KOREAN,
    Language.HINDI, Language.PERSIAN, Language.HEBREW, Language.SWEDISH, Language.INDONESIAN,
]


@lru_cache(maxsize=1)
def _detector():
    return LanguageDetectorBuilder.from_languages(*_LANGUAGES).with_low_accuracy_mode().build()


# English function words that are rare as words in other languages: a cheap,
# sure test for the common case before the statistical detector.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the and of to is that was for with said on it as by he she they have has are were this from which would not but "
    "been their its who will after had".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot tell."""
    sample = text[:2000]
    words = _WORD.findall(sample.lower())
    if len(words) < 4:
        return None
    if len(words) >= 30 and sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words) >= 0.15:
        return "en"
    language = _detector().detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language else None
