"""Reporting-cue vocabulary, kept importable here for older callers.

The words live in ``parallax/lexicons/reporting.tsv`` and ``titles.tsv``;
the cue logic in ``parallax.article.quotes.cues``.
"""

from parallax.article.quotes.cues import (  # noqa: F401
    ACCUSATION_VERBS,
    DENIAL_VERBS,
    FIRST_PERSON,
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    SPEECH_VERBS,
    STANCE_OBJECT_VERBS,
    TITLE_WORDS,
    WEAK_VERBS,
    find_channel,
    is_cue,
    phrase_span,
    subject_of,
)
