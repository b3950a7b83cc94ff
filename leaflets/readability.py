"""Readability of patient texts: LIX for Norwegian, Flesch reading ease for English.

Both are rough guides, not verdicts; they catch long sentences and long words, the two
things that most often make a leaflet hard for patients.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?:]+(?:\s|$)|\n\s*\n|\n\s*[-*•]\s")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class ReadabilityScore:
    index: str  # "LIX" or "Flesch"
    score: float
    verdict: str
    hard: bool

    @classmethod
    def for_language(cls, language: str, score: float) -> "ReadabilityScore":
        if language == "nb":
            if score < 30:
                verdict, hard = _("very easy"), False
            elif score <= 40:
                verdict, hard = _("easy: fine for most patients"), False
            elif score <= 50:
                verdict, hard = _("medium: hard for many patients"), True
            else:
                verdict, hard = _("hard: shorten sentences and words"), True
            return cls("LIX", round(score, 1), str(verdict), hard)
        if score >= 70:
            verdict, hard = _("easy"), False
        elif score >= 60:
            verdict, hard = _("plain English: fine for most patients"), False
        elif score >= 50:
            verdict, hard = _("fairly hard for many patients"), True
        else:
            verdict, hard = _("hard: shorten sentences and words"), True
        return cls("Flesch", round(score, 1), str(verdict), hard)


def _sentences(text: str) -> int:
    return max(1, len([part for part in _SENTENCE_END.split(text) if _WORD.search(part)]))


def lix(text: str) -> float:
    """LIX = words per sentence + percentage of words longer than six letters."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    long_words = sum(1 for word in words if len(word) > 6)
    return len(words) / _sentences(text) + 100 * long_words / len(words)


def _syllables(word: str) -> int:
    word = word.lower()
    count = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def flesch_reading_ease(text: str) -> float:
    words = _WORD.findall(text)
    if not words:
        return 0.0
    syllables = sum(_syllables(word) for word in words)
    return 206.835 - 1.015 * (len(words) / _sentences(text)) - 84.6 * (syllables / len(words))


def readability(language: str, text: str) -> ReadabilityScore:
    score = lix(text) if language == "nb" else flesch_reading_ease(text)
    return ReadabilityScore.for_language(language, score)
