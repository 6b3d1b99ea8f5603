"""Coordinator matching runs, suggestions, explanations and exclusions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from strawberry import relay

from models import matches, solving
from models.accounts import Scope, User
from models.matches import MatchMode, RunKind
from models.programmes import coordinated_programme
from models.relationships import Relationship
from models.requests import MatchEventKind
from resolvers.context import Context
from resolvers.ids import db_id, visible_nodes
from resolvers.requests import announce, announce_superseded


async def runs_by_ids(context: Context, ids: list[int]) -> list[matches.MatchRun | None]:
    user = context.require(Scope.READ)
    return await visible_nodes(ids, lambda run_id: matches.open_run(user, run_id))


async def names(ids: Iterable[int]) -> dict[int, str]:
    """Display names of the people a run names, in one value query: a proposal names
    thousands, and loading each as a model instance cost more than the solver."""
    return dict(await User.filter(id__in=set(ids)).values_list("id", "display_name"))


async def match_runs(context: Context, programme_id: relay.GlobalID) -> list[matches.MatchRun]:
    user = context.require(Scope.READ)
    programme = await coordinated_programme(user, db_id(programme_id, "Programme", "programmeId"))
    return await matches.MatchRun.filter(programme_id=programme.id)


async def run_matching(
    context: Context, programme_id: relay.GlobalID, mode: MatchMode = MatchMode.OPTIMAL
) -> matches.MatchRun:
    user = context.require(Scope.WRITE)
    return await matches.run_matching(
        user, db_id(programme_id, "Programme", "programmeId"), MatchMode(mode)
    )


async def propose_peer_pairs(context: Context, programme_id: relay.GlobalID) -> matches.MatchRun:
    user = context.require(Scope.WRITE)
    return await matches.propose_groups(
        user, db_id(programme_id, "Programme", "programmeId"), RunKind.PEERS
    )


async def propose_circles(context: Context, programme_id: relay.GlobalID) -> matches.MatchRun:
    user = context.require(Scope.WRITE)
    return await matches.propose_groups(
        user, db_id(programme_id, "Programme", "programmeId"), RunKind.CIRCLES
    )


Pair = tuple[relay.GlobalID, relay.GlobalID]


def _pair(p: Pair) -> tuple[int, int]:
    """(mentor, mentee)"""
    return db_id(p[0], "User", "mentorId"), db_id(p[1], "User", "menteeId")


async def edit_match_run(
    context: Context,
    run_id: relay.GlobalID,
    *,
    pins: Sequence[Pair],
    unpins: Sequence[Pair],
    bans: Sequence[Pair],
    swaps: Sequence[tuple[relay.GlobalID, relay.GlobalID]],
    remove_mentees: Sequence[relay.GlobalID],
    remove_mentors: Sequence[relay.GlobalID],
    mode: MatchMode | None,
) -> matches.MatchRun:
    """Pairs are (mentor, mentee); swaps are pairs of mentees."""
    user = context.require(Scope.WRITE)
    return await matches.edit_run(
        user,
        db_id(run_id, "MatchRun", "runId"),
        pins=[_pair(p) for p in pins],
        unpins=[_pair(p) for p in unpins],
        bans=[_pair(p) for p in bans],
        swaps=[(db_id(a, "User", "menteeA"), db_id(b, "User", "menteeB")) for a, b in swaps],
        remove_mentees=[db_id(m, "User", "removeMentees") for m in remove_mentees],
        remove_mentors=[db_id(m, "User", "removeMentors") for m in remove_mentors],
        mode=MatchMode(mode) if mode else None,
    )


async def approve_match_run(context: Context, run_id: relay.GlobalID) -> matches.MatchRun:
    user = context.require(Scope.WRITE)
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
    return run


async def discard_match_run(context: Context, run_id: relay.GlobalID) -> matches.MatchRun:
    user = context.require(Scope.WRITE)
    return await matches.discard_run(user, db_id(run_id, "MatchRun", "runId"))


async def why_not_matched(
    context: Context, run_id: relay.GlobalID, mentee_id: relay.GlobalID, mentor_id: relay.GlobalID
) -> tuple[solving.Explanation, User | None]:
    """The explanation, and the mentee's current mentor in the run if any."""
    user = context.require(Scope.READ)
    answer = await matches.why_not(
        user,
        db_id(run_id, "MatchRun", "runId"),
        db_id(mentee_id, "User", "menteeId"),
        db_id(mentor_id, "User", "mentorId"),
    )
    current = answer.current_mentor_id
    return answer, None if current is None else await context.loaders.user.load(current)


@dataclass
class Suggested:
    """A suggestion and the person it suggests."""

    suggestion: solving.Suggestion
    user: User


async def _suggestions(context: Context, found: list[solving.Suggestion]) -> list[Suggested]:
    users = await context.loaders.user.load_many([abs(s.participant_id) for s in found])
    return [Suggested(s, user) for s, user in zip(found, users, strict=True)]  # type: ignore[arg-type]


async def mentor_suggestions(
    context: Context,
    programme_id: relay.GlobalID,
    mentee_id: relay.GlobalID | None = None,
    first: int = 10,
) -> list[Suggested]:
    user = context.require(Scope.READ)
    mentee = db_id(mentee_id, "User", "menteeId") if mentee_id else user.id
    found = await matches.suggest_mentors(
        user, db_id(programme_id, "Programme", "programmeId"), mentee, min(max(first, 1), 50)
    )
    return await _suggestions(context, found)


async def mentee_suggestions(
    context: Context, programme_id: relay.GlobalID, mentor_id: relay.GlobalID, first: int = 10
) -> list[Suggested]:
    user = context.require(Scope.READ)
    found = await matches.suggest_mentees(
        user,
        db_id(programme_id, "Programme", "programmeId"),
        db_id(mentor_id, "User", "mentorId"),
        min(max(first, 1), 50),
    )
    return await _suggestions(context, found)


async def exclude_pair(
    context: Context,
    programme_id: relay.GlobalID,
    mentor_id: relay.GlobalID,
    mentee_id: relay.GlobalID,
) -> bool:
    user = context.require(Scope.WRITE)
    await matches.exclude_pair(
        user,
        db_id(programme_id, "Programme", "programmeId"),
        db_id(mentor_id, "User", "mentorId"),
        db_id(mentee_id, "User", "menteeId"),
    )
    return True
