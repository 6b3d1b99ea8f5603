"""Goal-text similarity with a locally fitted TF-IDF (no network model).

Goals are written in Indonesian or English, so both stop-word lists are
removed; rows come out L2-normalised, which makes a dot product a cosine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

_STOP_WORDS_ID_EN = """
    ada adalah agar akan aku anda atau bagaimana bagi bahwa banyak baru bisa buat dalam dan
    dapat dari dengan di dia ini itu jadi juga kami kamu karena ke kita lebih mau melalui
    memiliki mereka nya oleh pada para saat saya sebagai sedang sehingga sendiri serta setiap
    sudah supaya tentang tetapi untuk yang ingin mampu lagi hal secara cara a about an and are
    as at be been but by can do for from get have how i in into is it its me more my of on or
    our so that the their them this to too us want was we what when which who will with would
    you your like better
"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_WORDS_ID_EN.split())

_TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"


def fit_goal_vectors(texts: Sequence[str], max_features: int) -> sparse.csr_matrix:
    """TF-IDF rows (float32, L2-normalised) for `texts`, fitted on exactly these texts.

    Returns an n x 0 matrix when no text has a usable word, so callers need no
    special case.
    """
    vectorizer = TfidfVectorizer(
        lowercase=True,
        stop_words=sorted(STOP_WORDS),
        token_pattern=_TOKEN_PATTERN,
        max_features=max_features,
        sublinear_tf=True,
        dtype=np.float32,
    )
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # empty vocabulary
        return sparse.csr_matrix((len(texts), 0), dtype=np.float32)
    return sparse.csr_matrix(matrix, dtype=np.float32)


def shared_terms(a: str, b: str) -> list[str]:
    """Meaningful words two goal texts have in common, for explanations."""

    def words(text: str) -> set[str]:
        return {w for w in re.findall(_TOKEN_PATTERN, text.lower()) if w not in STOP_WORDS}

    return sorted(words(a) & words(b))
