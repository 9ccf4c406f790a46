"""Exact and near-duplicate articles (syndicated copies, re-posts).

The MinHash signatures and the banded candidate search are computed here
rather than with datasketch, whose import pulls in scipy (half a second before
the first article is read). They are datasketch 2's: ``MinHash(num_perm=64,
seed=7)`` with its default "affine32" scheme (SHA-1's first four bytes, the
MurmurHash3 finalizer, then ``a * h + b`` mod 2**32 per permutation) and
``MinHashLSH(threshold=0.5, num_perm=64)``'s bands (14 bands of 4 values);
tests/test_dedupe.py checks both against datasketch.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np

NEAR_DUPLICATE_JACCARD = 0.85
NUM_PERM = 64
SEED = 7
# MinHashLSH(threshold=0.5, num_perm=64)'s optimal banding: 14 bands of 4 hash values
# (the last 8 values are in no band). A candidate shares at least one band exactly.
BANDS, ROWS = 14, 4
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = 3) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)}
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutation parameters for ``seed``: odd ``a``, any ``b``, as uint32."""
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(values: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer (a bijection), as datasketch pre-mixes each hash."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def minhash(text: str) -> np.ndarray:
    """The 64 MinHash values of the text's word 3-shingles (uint32)."""
    a, b = _permutations()
    digests = b"".join(hashlib.sha1(s.encode("utf-8")).digest()[:4] for s in shingles(text))
    hashes = _fmix32(np.frombuffer(digests, dtype="<u4").astype(np.uint32).reshape(-1, 1))
    return (hashes * a + b).min(axis=0)


def jaccard(first: np.ndarray, second: np.ndarray) -> float:
    """The Jaccard similarity the two signatures estimate (the share of equal values)."""
    return float(np.count_nonzero(first == second)) / float(len(first))


def _bands(signature: np.ndarray) -> list[bytes]:
    return [signature[k * ROWS:(k + 1) * ROWS].tobytes() for k in range(BANDS)]


def find_duplicates(texts: list[str]) -> dict[int, int]:
    """Map index → index of the earlier text it duplicates (exactly or nearly)."""
    duplicates: dict[int, int] = {}
    exact: dict[str, int] = {}
    # The bands find candidates generously; the estimated Jaccard then decides.
    tables: list[dict[bytes, list[int]]] = [{} for _ in range(BANDS)]
    signatures: dict[int, np.ndarray] = {}
    for index, text in enumerate(texts):
        key = " ".join(_WORD.findall(text.lower()))
        if key in exact:
            duplicates[index] = exact[key]
            continue
        exact[key] = index
        signature = minhash(text)
        bands = _bands(signature)
        candidates = sorted({c for table, band in zip(tables, bands) for c in table.get(band, ())})
        for candidate in candidates:
            if jaccard(signatures[candidate], signature) >= NEAR_DUPLICATE_JACCARD:
                duplicates[index] = candidate
                break
        else:
            for table, band in zip(tables, bands):
                table.setdefault(band, []).append(index)
            signatures[index] = signature
    return duplicates
