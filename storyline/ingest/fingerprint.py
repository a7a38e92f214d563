"""Article identity (content hash) and near-duplicate fingerprints (MinHash, LSH bands)."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np
import xxhash
from datasketch import MinHash
from datasketch.lsh import _optimal_param
from datasketch.minhash import _fmix

_WORD_RE = re.compile(r"\w+", re.UNICODE)
# Fixed seed: signatures are stored, so they must be comparable across runs and machines.
SEED = 20180612
_MULTIPLIER = 0x01000193  # FNV prime
_MASK = np.uint64(0xFFFFFFFF)
SCHEME = "affine32"  # datasketch 2 hashing scheme; stored signatures depend on it


def content_id(title: str, text: str) -> str:
    """Stable 16-hex id of an article's normalised title and text.

    >>> content_id("Kop", "Tekst.")
    'c5419c251078e23e'
    """
    digest = hashlib.blake2b(f"{title}\n\n{text}".encode(), digest_size=8).hexdigest()
    return digest


def shingles(text: str, size: int = 3) -> list[bytes]:
    """Word n-grams of the lower-cased text, as bytes for hashing.

    >>> shingles("Kim meets Trump in Singapore", 3)[:2]
    [b'kim meets trump', b'meets trump in']
    """
    words = _WORD_RE.findall(text.lower())
    if len(words) < size:
        return [" ".join(words).encode("utf-8")] if words else []
    if size == 3:  # the common case, written out: about twice as fast as slicing
        return [f"{a} {b} {c}".encode() for a, b, c in zip(words, words[1:], words[2:], strict=False)]
    return [" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)]


def shingle_hashes(text: str, size: int = 3) -> np.ndarray:
    """32-bit hashes (uint64 array) of the word n-grams, built from one hash per word (cheaper than hashing strings).

    >>> len(shingle_hashes("Kim meets Trump in Singapore", 3))
    3
    """
    words = _WORD_RE.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    word_hashes = np.fromiter(map(xxhash.xxh32_intdigest, map(str.encode, words)), dtype=np.uint64, count=len(words))
    size = min(size, len(words))
    n = len(words) - size + 1
    combined = np.zeros(n, dtype=np.uint64)
    for offset in range(size):  # polynomial combination of the n word hashes, mod 2^32
        combined = (combined * np.uint64(_MULTIPLIER) + word_hashes[offset:n + offset]) & _MASK
    return combined


def signature(text: str, num_perm: int = 128, size: int = 3) -> np.ndarray | None:
    """MinHash signature (uint32 array) of the text's shingles, or None for a text without words.

    The same values as datasketch's `MinHash(scheme="affine32").update_batch` (its permutations and
    its pre-mix, tested against it), computed on the hash array directly instead of through a
    Python list of ints, which costs a quarter of the time.
    """
    hashes = shingle_hashes(text, size)
    if not len(hashes):
        return None
    a, b = _permutations(num_perm)
    mixed = _fmix(hashes.astype(np.uint32), 32).reshape(-1, 1)
    return (mixed * a + b).min(axis=0).astype(np.uint32)


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> np.ndarray:
    """The random permutations of a MinHash, generated once per process instead of once per article."""
    return MinHash(num_perm=num_perm, seed=SEED, hashfunc=xxhash.xxh32_intdigest, scheme=SCHEME).permutations


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures of equal length."""
    return float(np.count_nonzero(a == b)) / len(a)


@lru_cache(maxsize=16)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) that minimise false positives and negatives around `threshold` (datasketch's optimiser)."""
    return _optimal_param(threshold, num_perm, 0.5, 0.5)


def band_keys(sig: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """One (band, 63-bit key) pair per LSH band of the signature.

    The bands are tuned for a similarity 0.2 below `threshold`, so that pairs at the threshold
    are found almost surely (with 128 permutations and threshold 0.8: 18 bands of 7 rows, a pair
    at 0.8 becomes a candidate with probability 0.986); every candidate is then checked against
    `threshold` with its estimated Jaccard similarity, so extra candidates cost only a look-up.
    """
    bands, rows = lsh_params(round(max(0.5, threshold - 0.2), 2), len(sig))
    keys = []
    for band in range(bands):
        chunk = sig[band * rows:(band + 1) * rows].tobytes()
        keys.append((band, xxhash.xxh64_intdigest(chunk) >> 1))
    return keys
