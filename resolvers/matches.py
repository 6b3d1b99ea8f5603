"""Coordinator matching runs, suggestions, explanations and exclusions."""

from __future__ import annotations

from strawberry import relay

from models import matches
from models.accounts import Scope
from models.matches import MatchMode, RunKind, matching
from models.programmes import coordinated_programme
from models.relationships import Relationship
from resolvers.ids import db_id, visible_nodes
from resolvers.requests import announce, announce_superseded
from schema.context import Info
from schema.matches import (
    MatchEditsInput,
    MatchRun,
    PairInput,
    ScoreReason,
    Suggestion,
    WhyNot,
    components,
)
from schema.requests import MatchEventKind


async def runs_by_ids(info: Info, ids: list[int]) -> list[matches.MatchRun | None]:
    user = info.context.require(Scope.READ)
    return await visible_nodes(ids, lambda run_id: matches.open_run(user, run_id))


async def match_runs(info: Info, programme_id: relay.GlobalID) -> list[MatchRun]:
    user = info.context.require(Scope.READ)
    programme = await coordinated_programme(user, db_id(programme_id, "Programme", "programmeId"))
    return await matches.MatchRun.filter(programme_id=programme.id)  # type: ignore[return-value]


async def run_matching(
    info: Info, programme_id: relay.GlobalID, mode: MatchMode = MatchMode.OPTIMAL
) -> MatchRun:
    user = info.context.require(Scope.WRITE)
    return await matches.run_matching(  # type: ignore[return-value]
        user, db_id(programme_id, "Programme", "programmeId"), MatchMode(mode)
    )


async def propose_peer_pairs(info: Info, programme_id: relay.GlobalID) -> MatchRun:
    user = info.context.require(Scope.WRITE)
    return await matches.propose_groups(  # type: ignore[return-value]
        user, db_id(programme_id, "Programme", "programmeId"), RunKind.PEERS
    )


async def propose_circles(info: Info, programme_id: relay.GlobalID) -> MatchRun:
    user = info.context.require(Scope.WRITE)
    return await matches.propose_groups(  # type: ignore[return-value]
        user, db_id(programme_id, "Programme", "programmeId"), RunKind.CIRCLES
    )


def _pair(p: PairInput) -> tuple[int, int]:
    return db_id(p.mentor_id, "User", "mentorId"), db_id(p.mentee_id, "User", "menteeId")


async def edit_match_run(info: Info, run_id: relay.GlobalID, edits: MatchEditsInput) -> MatchRun:
    user = info.context.require(Scope.WRITE)
    return await matches.edit_run(  # type: ignore[return-value]
        user,
        db_id(run_id, "MatchRun", "runId"),
        pins=[_pair(p) for p in edits.pins],
        unpins=[_pair(p) for p in edits.unpins],
        bans=[_pair(p) for p in edits.bans],
        swaps=[
            (db_id(s.mentee_a, "User", "menteeA"), db_id(s.mentee_b, "User", "menteeB"))
            for s in edits.swaps
        ],
        remove_mentees=[db_id(m, "User", "removeMentees") for m in edits.remove_mentees],
        remove_mentors=[db_id(m, "User", "removeMentors") for m in edits.remove_mentors],
        mode=MatchMode(edits.mode) if edits.mode else None,
    )


async def approve_match_run(info: Info, run_id: relay.GlobalID) -> MatchRun:
    user = info.context.require(Scope.WRITE)
    run, relationships, superseded = await matches.approve_run(
        user, db_id(run_id, "MatchRun", "runId")
    )
    # one query for every relationship's members, not one per relationship
    await Relationship.fetch_for_list(relationships, "members")
    for relationship in relationships:
        people = [m.user_id for m in relationship.members]
        await announce(
            [relationship.mentor_id, *people],
            MatchEventKind.MATCH_APPROVED,
            run.programme_id,
            relationship_id=relationship.id,
        )
    await announce_superseded(superseded)
    return run  # type: ignore[return-value]


async def discard_match_run(info: Info, run_id: relay.GlobalID) -> MatchRun:
    user = info.context.require(Scope.WRITE)
    return await matches.discard_run(  # type: ignore[return-value]
        user, db_id(run_id, "MatchRun", "runId")
    )


async def why_not_matched(
    info: Info, run_id: relay.GlobalID, mentee_id: relay.GlobalID, mentor_id: relay.GlobalID
) -> WhyNot:
    user = info.context.require(Scope.READ)
    answer = await matches.why_not(
        user,
        db_id(run_id, "MatchRun", "runId"),
        db_id(mentee_id, "User", "menteeId"),
        db_id(mentor_id, "User", "mentorId"),
    )
    current = answer.current_mentor_id
    return WhyNot(
        reason=answer.reason,
        message=answer.message,
        pair_score=answer.pair.total,
        blocked_by=list(answer.pair.blocked_by),
        current_score=answer.current_score,
        delta_total=answer.delta_total,
        delta_matched=answer.delta_matched,
        current_mentor=None if current is None else await info.context.loaders.user.load(current),
    )


async def _suggestions(info: Info, found: list[matching.Suggestion]) -> list[Suggestion]:
    users = await info.context.loaders.user.load_many([abs(s.participant_id) for s in found])

    def reasons(items: tuple[matching.Reason, ...]) -> list[ScoreReason]:
        return [
            ScoreReason(
                component=r.component, value=r.value, contribution=r.contribution, text=r.text
            )
            for r in items
        ]

    return [
        Suggestion(
            user=user,
            rank=s.rank,
            score=s.score,
            components=components(s.components),
            reasons=reasons(s.reasons),
            concerns=reasons(s.concerns),
        )
        for s, user in zip(found, users, strict=True)
    ]


async def mentor_suggestions(
    info: Info,
    programme_id: relay.GlobalID,
    mentee_id: relay.GlobalID | None = None,
    first: int = 10,
) -> list[Suggestion]:
    user = info.context.require(Scope.READ)
    mentee = db_id(mentee_id, "User", "menteeId") if mentee_id else user.id
    found = await matches.suggest_mentors(
        user, db_id(programme_id, "Programme", "programmeId"), mentee, min(max(first, 1), 50)
    )
    return await _suggestions(info, found)


async def mentee_suggestions(
    info: Info, programme_id: relay.GlobalID, mentor_id: relay.GlobalID, first: int = 10
) -> list[Suggestion]:
    user = info.context.require(Scope.READ)
    found = await matches.suggest_mentees(
        user,
        db_id(programme_id, "Programme", "programmeId"),
        db_id(mentor_id, "User", "mentorId"),
        min(max(first, 1), 50),
    )
    return await _suggestions(info, found)


async def exclude_pair(
    info: Info,
    programme_id: relay.GlobalID,
    mentor_id: relay.GlobalID,
    mentee_id: relay.GlobalID,
) -> bool:
    user = info.context.require(Scope.WRITE)
    await matches.exclude_pair(
        user,
        db_id(programme_id, "Programme", "programmeId"),
        db_id(mentor_id, "User", "mentorId"),
        db_id(mentee_id, "User", "menteeId"),
    )
    return True
