"""The reader's local MinHash dedupe gives datasketch's signatures, candidates and decisions."""

from __future__ import annotations

import inspect
import random

import numpy as np
import pytest

from parallax.read import dedupe

datasketch = pytest.importorskip("datasketch")
if "scheme" not in inspect.signature(datasketch.MinHash.__init__).parameters:
    pytest.skip("datasketch 1.x has only the legacy scheme", allow_module_level=True)

WORDS = ("the minister said on tuesday that talks with the union would resume next week after a "
         "long strike over pay and pensions which closed ports railways and schools across the country").split()


def _texts() -> list[str]:
    rng = random.Random(3)
    base = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 400))) for _ in range(12)]
    texts = list(base)
    for text in base:
        words = text.split()
        for edits in (0, 1, 3, 10, 40):  # copies from identical to clearly different
            copy = list(words)
            for _ in range(edits):
                if copy:
                    copy[rng.randrange(len(copy))] = rng.choice(WORDS)
            texts.append(" ".join(copy).upper() if edits == 0 else " ".join(copy))
    texts += ["", "one", "one two", "One, two!"]
    return texts


def _datasketch_duplicates(texts: list[str]) -> dict[int, int]:
    """The reader's dedupe as it was written with datasketch."""
    duplicates, exact, signatures = {}, {}, {}
    lsh = datasketch.MinHashLSH(threshold=0.5, num_perm=dedupe.NUM_PERM)
    for index, text in enumerate(texts):
        key = " ".join(dedupe._WORD.findall(text.lower()))
        if key in exact:
            duplicates[index] = exact[key]
            continue
        exact[key] = index
        signature = datasketch.MinHash(num_perm=dedupe.NUM_PERM, seed=dedupe.SEED)
        signature.update_batch([s.encode("utf-8") for s in dedupe.shingles(text)])
        for candidate in sorted(int(c) for c in lsh.query(signature)):
            if signatures[candidate].jaccard(signature) >= dedupe.NEAR_DUPLICATE_JACCARD:
                duplicates[index] = candidate
                break
        else:
            lsh.insert(str(index), signature)
            signatures[index] = signature
    return duplicates


def test_signatures_are_datasketchs() -> None:
    for text in _texts():
        expected = datasketch.MinHash(num_perm=dedupe.NUM_PERM, seed=dedupe.SEED)
        expected.update_batch([s.encode("utf-8") for s in dedupe.shingles(text)])
        assert np.array_equal(dedupe.minhash(text), expected.hashvalues)


def test_bands_are_datasketchs() -> None:
    lsh = datasketch.MinHashLSH(threshold=0.5, num_perm=dedupe.NUM_PERM)
    assert (lsh.b, lsh.r) == (dedupe.BANDS, dedupe.ROWS)


def test_decisions_are_datasketchs() -> None:
    texts = _texts()
    found = dedupe.find_duplicates(texts)
    assert found == _datasketch_duplicates(texts)
    assert len(found) >= 12  # exact copies (case-folded) and near copies are both found
