"""Language identification restricted to the languages storyline supports (lingua)."""

from __future__ import annotations

import threading
from functools import lru_cache

from ..config import SUPPORTED_LANGUAGES

# How much of title + lead is read: enough for a stable answer, and it keeps the cost flat.
SAMPLE_CHARS = 400
MIN_CONFIDENCE = 0.5
_LOCK = threading.Lock()


@lru_cache(maxsize=8)
def _detector(languages: tuple[str, ...]):
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in languages]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_preloaded_language_models().build()


def detect_language(text: str, languages: tuple[str, ...] = SUPPORTED_LANGUAGES) -> tuple[str | None, float]:
    """ISO 639-1 code of the most likely language and its confidence, or (None, 0.0) if unsure.

    >>> detect_language("De Noord-Koreaanse leider heeft de president uitgenodigd.")[0]
    'nl'
    >>> detect_language("The summit was called off on Thursday.")[0]
    'en'
    """
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 10:
        return None, 0.0
    with _LOCK:
        detector = _detector(tuple(sorted(languages)))
    values = detector.compute_language_confidence_values(sample)
    if not values:
        return None, 0.0
    best = values[0]
    if best.value < MIN_CONFIDENCE:
        return None, round(best.value, 3)
    return best.language.iso_code_639_1.name.lower(), round(best.value, 3)


def warm() -> None:
    """Load the language detector now (a worker process does so once, at its start: `storyline.workers`)."""
    detect_language("De Noord-Koreaanse leider Kim Jong-un ontmoet Donald Trump op 12 juni in Singapore.", ("nl", "en", "de", "fr", "es", "it"))
