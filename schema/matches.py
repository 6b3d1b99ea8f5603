"""Coordinator matching runs, suggestions and explanations."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Iterable
from datetime import datetime
from typing import Any, TypeVar

import strawberry
from strawberry import relay

from models import matches, solving
from models.matches import MatchMode, RunKind, RunStatus
from resolvers import matches as matches_resolvers
from schema.accounts import User
from schema.context import Info
from schema.permissions import CanRead, CanWrite

T = TypeVar("T")
MatchModeEnum = strawberry.enum(MatchMode, name="MatchMode")
RunStatusEnum = strawberry.enum(RunStatus, name="MatchRunStatus")
RunKindEnum = strawberry.enum(RunKind, name="MatchRunKind")


@strawberry.type(description="One named part of a compatibility score, between 0 and 1.")
class ScoreComponent:
    name: str
    value: float


def components(raw: dict[str, float]) -> list[ScoreComponent]:
    return [ScoreComponent(name=k, value=v) for k, v in sorted(raw.items())]


@strawberry.type
class ProposedPair:
    mentor: User
    mentee: User
    score: float
    components: list[ScoreComponent]
    source: str = strawberry.field(description="solver, pin or existing")


@strawberry.type(description="A proposed peer pair or circle.")
class ProposedGroup:
    members: list[User]
    facilitator: User | None = strawberry.field(
        description="Null for peer pairs, and when the programme elects or has none."
    )
    focus: str | None
    score: float


@strawberry.type
class UnmatchedMentee:
    mentee: User
    reason: str = strawberry.field(
        description="no_compatible_mentor, all_compatible_mentors_full, constraints; for "
        "peers and circles no_compatible_peer, compatible_peers_taken, no_compatible_circle, "
        "too_few_compatible"
    )


async def people(run: Any, ids: Iterable[int]) -> dict[int, User]:
    """Everyone a run (a models.matches.MatchRun) names: by the names it was made with,
    else one value query."""
    wanted = set(ids)
    known = run.names or {}
    if not wanted <= known.keys():
        known = await matches_resolvers.names(wanted)
    return {i: User(id=i, display_name=known[i]) for i in wanted}


SLICE_SECONDS = 0.005


async def in_slices(items: Iterable[T]) -> AsyncIterator[T]:
    """A long list handed to GraphQL a slice at a time, the event loop free in between:
    putting together the answer of a proposal of thousands of pairs would otherwise hold
    it for a hundred milliseconds and more, and every other request would wait. A slice
    is what takes SLICE_SECONDS, so it adapts to the machine and its load."""
    began = time.perf_counter()
    for item in items:
        yield item  # GraphQL completes the item before asking for the next one
        if time.perf_counter() - began > SLICE_SECONDS:
            await asyncio.sleep(0)
            began = time.perf_counter()


@strawberry.type
class RankCount:
    rank: int = strawberry.field(description="1 = the mentee's best candidate; 0 = outside")
    count: int


@strawberry.type
class SkillGap:
    skill: str
    demand: int
    supply: int
    unmet: int
    gap: int


@strawberry.type
class MentorLoad:
    mentors_with_capacity: int
    mentors_used: int
    idle_mentors: int
    full_mentors: int
    mean_load_ratio: float
    min_load_ratio: float
    max_load_ratio: float
    std_load_ratio: float


@strawberry.type(description="How good a proposal is for the whole cohort.")
class MatchMetrics:
    raw: strawberry.Private[dict[str, Any]]

    @strawberry.field
    def matched(self) -> int:
        return self.raw["matched"]

    @strawberry.field
    def unmatched(self) -> int:
        return self.raw["unmatched"]

    @strawberry.field
    def total_score(self) -> float:
        return self.raw["total_score"]

    @strawberry.field
    def mean_score(self) -> float:
        return self.raw["mean_score"]

    @strawberry.field
    def p10_score(self) -> float:
        return self.raw["p10_score"]

    @strawberry.field
    def min_score(self) -> float:
        return self.raw["min_score"]

    @strawberry.field
    def blocking_pairs(self) -> int:
        return self.raw["blocking_pairs"]

    @strawberry.field
    def rank_profile(self) -> list[RankCount]:
        return [RankCount(rank=int(k), count=v) for k, v in self.raw["rank_profile"].items()]

    @strawberry.field
    def mentor_load(self) -> MentorLoad:
        return MentorLoad(**self.raw["mentor_load"])

    @strawberry.field(description="Supply and demand per focus area or skill.")
    def skill_gaps(self) -> list[SkillGap]:
        return [SkillGap(skill=k, **v) for k, v in self.raw["skill_gaps"].items()]


@strawberry.type
class MatchAuditEntry:
    action: str
    created_at: datetime

    @strawberry.field
    async def actor(self, info: Info) -> User | None:
        actor_id = self.actor_id  # type: ignore[attr-defined]
        return None if actor_id is None else await info.context.loaders.user.load(actor_id)

    @strawberry.field(description="What was done, as JSON.")
    def detail(self) -> str:
        return json.dumps(self.detail)  # type: ignore[arg-type]

    @strawberry.field
    def metrics_before(self) -> MatchMetrics | None:
        raw = self.metrics_before  # type: ignore[attr-defined]
        return None if raw is None else MatchMetrics(raw=raw)

    @strawberry.field
    def metrics_after(self) -> MatchMetrics | None:
        raw = self.metrics_after  # type: ignore[attr-defined]
        return None if raw is None else MatchMetrics(raw=raw)


@strawberry.type(description="A proposal from the matcher, for a coordinator to review.")
class MatchRun(relay.Node):
    id: relay.NodeID[int]
    kind: RunKindEnum  # type: ignore[valid-type]
    mode: MatchModeEnum  # type: ignore[valid-type]
    status: RunStatusEnum  # type: ignore[valid-type]
    created_at: datetime
    decided_at: datetime | None

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, (cls, matches.MatchRun))

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[matches.MatchRun | None]:
        return await matches_resolvers.runs_by_ids(info.context, [int(i) for i in node_ids])

    @strawberry.field
    async def pairs(self) -> list[ProposedPair]:
        raw = self.assignments  # type: ignore[attr-defined]
        named = await people(self, (i for a in raw for i in (a["mentor"], a["mentee"])))
        return in_slices(  # type: ignore[return-value]  (GraphQL takes async iterables)
            ProposedPair(
                mentor=named[a["mentor"]], mentee=named[a["mentee"]], score=a["score"],
                components=components(a["components"]), source=a["source"],
            )
            for a in raw
        )  # fmt: skip

    @strawberry.field(description="Peer pairs or circles, for those kinds of run.")
    async def groups(self) -> list[ProposedGroup]:
        raw = self.groups  # type: ignore[attr-defined]
        named = await people(self, (i for g in raw for i in g["members"]))
        return [
            ProposedGroup(
                members=[named[m] for m in g["members"]],
                facilitator=None if g["facilitator"] is None else named[g["facilitator"]],
                focus=g["focus"],
                score=g["score"],
            )
            for g in raw
        ]

    @strawberry.field(description="Mentees without a mentor, or people without a group.")
    async def unmatched(self) -> list[UnmatchedMentee]:
        raw = self.unmatched
        named = await people(self, (u["mentee"] for u in raw))
        return in_slices(  # type: ignore[return-value]
            UnmatchedMentee(mentee=named[u["mentee"]], reason=u["reason"]) for u in raw
        )

    @strawberry.field
    def metrics(self) -> MatchMetrics:
        return MatchMetrics(raw=self.metrics)  # type: ignore[arg-type]

    @strawberry.field(description="The coordinator's edits in force, as JSON.")
    def edits(self) -> str:
        return json.dumps(self.edits)  # type: ignore[arg-type]

    @strawberry.field
    async def audit(self) -> list[MatchAuditEntry]:
        return await matches.MatchAudit.filter(run_id=self.id)  # type: ignore[return-value]


@strawberry.type(description="Why a mentee did not get a particular mentor.")
class WhyNot:
    reason: str = strawberry.field(
        description="assigned, blocked, removed, banned, mentor_full or lower_total"
    )
    message: str
    pair_score: float
    blocked_by: list[str]
    current_score: float | None
    delta_total: float | None = strawberry.field(
        description="How the cohort total would change if this pair were forced."
    )
    delta_matched: int | None
    current_mentor: User | None


@strawberry.type
class ScoreReason:
    component: str
    value: float
    contribution: float
    text: str


@strawberry.type(description="A compatible person, ranked, with the reasons behind the score.")
class Suggestion:
    user: User
    rank: int
    score: float
    components: list[ScoreComponent]
    reasons: list[ScoreReason]
    concerns: list[ScoreReason]

    @classmethod
    def of(cls, suggested: matches_resolvers.Suggested) -> Suggestion:
        s = suggested.suggestion

        def reasons(items: tuple[solving.Reason, ...]) -> list[ScoreReason]:
            return [
                ScoreReason(
                    component=r.component, value=r.value, contribution=r.contribution, text=r.text
                )
                for r in items
            ]

        return cls(
            user=suggested.user,  # type: ignore[arg-type]
            rank=s.rank,
            score=s.score,
            components=components(s.components),
            reasons=reasons(s.reasons),
            concerns=reasons(s.concerns),
        )


@strawberry.input(description="(mentor, mentee) by their user IDs.")
class PairInput:
    mentor_id: relay.GlobalID
    mentee_id: relay.GlobalID


@strawberry.input
class SwapInput:
    mentee_a: relay.GlobalID
    mentee_b: relay.GlobalID


@strawberry.input(description="Coordinator edits applied on top of the run's earlier ones.")
class MatchEditsInput:
    pins: list[PairInput] = strawberry.field(default_factory=list)
    unpins: list[PairInput] = strawberry.field(default_factory=list)
    bans: list[PairInput] = strawberry.field(default_factory=list)
    swaps: list[SwapInput] = strawberry.field(default_factory=list)
    remove_mentees: list[relay.GlobalID] = strawberry.field(default_factory=list)
    remove_mentors: list[relay.GlobalID] = strawberry.field(default_factory=list)
    mode: MatchModeEnum | None = None  # type: ignore[valid-type]


@strawberry.type
class MatchQueries:
    @strawberry.field(
        permission_classes=[CanRead],
        description="Best mentors for you (or, for coordinators, for menteeId).",
    )
    async def mentor_suggestions(
        self,
        info: Info,
        programme_id: relay.GlobalID,
        mentee_id: relay.GlobalID | None = None,
        first: int = 10,
    ) -> list[Suggestion]:
        found = await matches_resolvers.mentor_suggestions(
            info.context, programme_id, mentee_id, first
        )
        return [Suggestion.of(s) for s in found]

    @strawberry.field(
        permission_classes=[CanRead],
        description="Best unmatched mentees for a mentor; coordinators only.",
    )
    async def mentee_suggestions(
        self, info: Info, programme_id: relay.GlobalID, mentor_id: relay.GlobalID, first: int = 10
    ) -> list[Suggestion]:
        found = await matches_resolvers.mentee_suggestions(
            info.context, programme_id, mentor_id, first
        )
        return [Suggestion.of(s) for s in found]

    @strawberry.field(permission_classes=[CanRead])
    async def match_runs(self, info: Info, programme_id: relay.GlobalID) -> list[MatchRun]:
        return await matches_resolvers.match_runs(info.context, programme_id)

    @strawberry.field(permission_classes=[CanRead])
    async def why_not_matched(
        self,
        info: Info,
        run_id: relay.GlobalID,
        mentee_id: relay.GlobalID,
        mentor_id: relay.GlobalID,
    ) -> WhyNot:
        answer, current_mentor = await matches_resolvers.why_not_matched(
            info.context, run_id, mentee_id, mentor_id
        )
        return WhyNot(
            reason=answer.reason,
            message=answer.message,
            pair_score=answer.pair_score,
            blocked_by=list(answer.blocked_by),
            current_score=answer.current_score,
            delta_total=answer.delta_total,
            delta_matched=answer.delta_matched,
            current_mentor=current_mentor,  # type: ignore[arg-type]
        )


@strawberry.type
class MatchMutations:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Propose matches for the programme's unmatched mentees; creates nothing.",
    )
    async def run_matching(
        self,
        info: Info,
        programme_id: relay.GlobalID,
        mode: MatchModeEnum = MatchMode.OPTIMAL,  # type: ignore[valid-type]
    ) -> MatchRun:
        return await matches_resolvers.run_matching(info.context, programme_id, mode)

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Pair the programme's unmatched members with each other (peer model).",
    )
    async def propose_peer_pairs(self, info: Info, programme_id: relay.GlobalID) -> MatchRun:
        return await matches_resolvers.propose_peer_pairs(info.context, programme_id)

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Group unmatched members into circles of at most the group size.",
    )
    async def propose_circles(self, info: Info, programme_id: relay.GlobalID) -> MatchRun:
        return await matches_resolvers.propose_circles(info.context, programme_id)

    @strawberry.mutation(permission_classes=[CanWrite])
    async def edit_match_run(
        self, info: Info, run_id: relay.GlobalID, edits: MatchEditsInput
    ) -> MatchRun:
        return await matches_resolvers.edit_match_run(  # type: ignore[return-value]
            info.context,
            run_id,
            pins=[(p.mentor_id, p.mentee_id) for p in edits.pins],
            unpins=[(p.mentor_id, p.mentee_id) for p in edits.unpins],
            bans=[(p.mentor_id, p.mentee_id) for p in edits.bans],
            swaps=[(s.mentee_a, s.mentee_b) for s in edits.swaps],
            remove_mentees=edits.remove_mentees,
            remove_mentors=edits.remove_mentors,
            mode=edits.mode,
        )

    @strawberry.mutation(permission_classes=[CanWrite])
    async def approve_match_run(self, info: Info, run_id: relay.GlobalID) -> MatchRun:
        return await matches_resolvers.approve_match_run(info.context, run_id)

    @strawberry.mutation(permission_classes=[CanWrite])
    async def discard_match_run(self, info: Info, run_id: relay.GlobalID) -> MatchRun:
        return await matches_resolvers.discard_match_run(info.context, run_id)

    @strawberry.mutation(permission_classes=[CanWrite])
    async def exclude_pair(
        self,
        info: Info,
        programme_id: relay.GlobalID,
        mentor_id: relay.GlobalID,
        mentee_id: relay.GlobalID,
    ) -> bool:
        return await matches_resolvers.exclude_pair(
            info.context, programme_id, mentor_id, mentee_id
        )
