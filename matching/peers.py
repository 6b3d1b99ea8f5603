"""Peer pairs: maximum-weight matching on the non-bipartite peer graph.

Everyone is both "mentor" and "mentee" here, so a pair's score is the mean
of its two directions (each learns from the other). The graph is sparse
(each person's top-k), which keeps the blossom algorithm affordable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

from .assign import to_int_scores
from .candidates import build_candidates
from .features import EncodedSide, encode_cohort
from .profiles import Participant, ProgrammeRules
from .scoring import COMPONENTS, MentorBlock, PairScorer


@dataclass(frozen=True)
class PeerPair:
    a_id: int
    b_id: int
    score: float
    components: dict[str, float]


@dataclass(frozen=True)
class Unpaired:
    """Someone left without a peer: "no_compatible_peer" or "compatible_peers_taken"."""

    participant_id: int
    reason: str


@dataclass(frozen=True)
class PeerPairing:
    pairs: tuple[PeerPair, ...]
    unpaired: tuple[Unpaired, ...]
    total_score: float


def symmetric_components(
    scorer: PairScorer, side: EncodedSide, left: MentorBlock, a: np.ndarray, b: np.ndarray
) -> np.ndarray:
    """Components averaged over both directions of each (a, b) pair."""
    forward = scorer.components(left.take(a), scorer.right(side, b))
    backward = scorer.components(left.take(b), scorer.right(side, a))
    return (forward + backward) / 2


def pair_peers(
    participants: Sequence[Participant], rules: ProgrammeRules, k: int | None = None
) -> PeerPairing:
    """Pair people at similar levels: as many pairs as possible, then the highest total.

    Use rules with model "peer" so the level component prefers equal levels.
    """
    k = k or rules.k
    vocab, (side,) = encode_cohort([participants], rules)
    scorer = PairScorer(rules, vocab)
    graph = build_candidates(scorer, side, side, k_mentee=k, k_mentor=k)
    a = np.minimum(graph.mentor, graph.mentee).astype(np.int64)
    b = np.maximum(graph.mentor, graph.mentee).astype(np.int64)
    keys = np.unique(a * len(side) + b)
    a, b = keys // max(len(side), 1), keys % max(len(side), 1)
    left = scorer.left(side)
    comps = symmetric_components(scorer, side, left, a, b)
    weights = to_int_scores(comps @ scorer.weight_vector())

    g = nx.Graph()
    g.add_nodes_from(range(len(side)))
    g.add_weighted_edges_from(zip(a.tolist(), b.tolist(), weights.tolist(), strict=True))
    matching = nx.max_weight_matching(g, maxcardinality=True)

    edge_at = {(x, y): e for e, (x, y) in enumerate(zip(a.tolist(), b.tolist(), strict=True))}
    active = [(c, name) for c, name in enumerate(COMPONENTS) if name in scorer.active]
    pairs = []
    paired: set[int] = set()
    for x, y in sorted((min(u, v), max(u, v)) for u, v in matching):
        e = edge_at[(x, y)]
        paired |= {x, y}
        pairs.append(
            PeerPair(
                a_id=int(side.ids[x]),
                b_id=int(side.ids[y]),
                score=float(weights[e]) / 1_000_000,
                components={name: round(float(comps[e, c]), 4) for c, name in active},
            )
        )
    unpaired = tuple(
        Unpaired(
            int(side.ids[i]),
            "no_compatible_peer" if graph.compatible_mentors[i] == 0 else "compatible_peers_taken",
        )
        for i in range(len(side))
        if i not in paired
    )
    return PeerPairing(
        pairs=tuple(pairs),
        unpaired=unpaired,
        total_score=round(sum(p.score for p in pairs), 6),
    )
