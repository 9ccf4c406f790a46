"""Language detection with lingua (offline, models ship in the package)."""

from __future__ import annotations

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


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot tell."""
    sample = text[:2000]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    language = _detector().detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language else None
