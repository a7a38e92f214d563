"""The fast MinHash equals datasketch's own, so stored signatures stay comparable across versions."""

from __future__ import annotations

import numpy as np
import pytest
import xxhash
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest.fingerprint import SCHEME, SEED, jaccard, shingle_hashes, signature


def reference(text: str, num_perm: int = 128) -> np.ndarray | None:
    """datasketch's MinHash over the same shingle hashes, the slow way."""
    hashes = shingle_hashes(text)
    if not len(hashes):
        return None
    m = MinHash(num_perm=num_perm, seed=SEED, hashfunc=int, scheme=SCHEME)
    m.update_batch([int(h) for h in hashes])
    return m.hashvalues.astype(np.uint32)


@pytest.mark.parametrize("text", [
    "Kim Jong-un nodigt Trump uit voor een top.",
    "één twee",
    "word",
    "De top in Singapore op 12 juni gaat door, zegt het Witte Huis. " * 20,
])
def test_signature_equals_datasketch(text: str) -> None:
    assert np.array_equal(signature(text), reference(text))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcdé XYZ.\n-"), max_size=300))
def test_signature_equals_datasketch_on_any_text(text: str) -> None:
    ours, theirs = signature(text), reference(text)
    assert (ours is None and theirs is None) or np.array_equal(ours, theirs)


def test_shingle_hashes_are_word_trigram_hashes() -> None:
    hashes = shingle_hashes("a b c d")
    assert len(hashes) == 2
    assert hashes[0] != hashes[1]
    assert all(h < 2**32 for h in hashes.tolist())
    # a shingle depends on its words only, not on where it stands
    assert shingle_hashes("x a b c")[1] == shingle_hashes("a b c d")[0]
    assert xxhash.xxh32_intdigest(b"a") != 0


def test_similar_texts_have_similar_signatures() -> None:
    base = " ".join(f"woord{i}" for i in range(200))
    edited = base.replace("woord50 ", "anders ")
    assert jaccard(signature(base), signature(edited)) > 0.9
    assert jaccard(signature(base), signature("geheel andere tekst " * 30)) < 0.1
