"""Exact and near-duplicate articles (syndicated copies, re-posts)."""

from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH

NEAR_DUPLICATE_JACCARD = 0.85
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = 3) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)}
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def minhash(text: str, num_perm: int = 64) -> MinHash:
    signature = MinHash(num_perm=num_perm, seed=7)
    signature.update_batch([s.encode("utf-8") for s in shingles(text)])
    return signature


def find_duplicates(texts: list[str]) -> dict[int, int]:
    """Map index → index of the earlier text it duplicates (exactly or nearly)."""
    duplicates: dict[int, int] = {}
    exact: dict[str, int] = {}
    # LSH finds candidates generously; the estimated Jaccard then decides.
    lsh = MinHashLSH(threshold=0.5, num_perm=64)
    signatures: dict[int, MinHash] = {}
    for index, text in enumerate(texts):
        key = " ".join(_WORD.findall(text.lower()))
        if key in exact:
            duplicates[index] = exact[key]
            continue
        exact[key] = index
        signature = minhash(text)
        candidates = sorted(int(c) for c in lsh.query(signature))
        for candidate in candidates:
            if signatures[candidate].jaccard(signature) >= NEAR_DUPLICATE_JACCARD:
                duplicates[index] = candidate
                break
        else:
            lsh.insert(str(index), signature)
            signatures[index] = signature
    return duplicates
