"""Coordinator-run matching: proposals, edits, approval, and the audit trail.

A run never creates live matches. It stores a proposal (pairs with scores and reasons,
unmatched mentees with causes, quality metrics); the coordinator edits it (pin, ban, swap,
remove) and re-solves, then approves, which creates every relationship in one transaction.
Every run and edit is audited with the quality figures before and after.

Scoring is the expensive part, so each process keeps the scored cohort of recent runs in
memory: edits re-solve without re-scoring. A process that lacks it (a restart, another
process behind the load balancer) scores again from the database.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections import OrderedDict
from collections.abc import Callable
from enum import StrEnum
from statistics import mean
from typing import Any

from tortoise import fields
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models.accounts import User, now
from models.errors import BadInput, Conflict, Forbidden, NotFound
from models.journeys import JourneyStage, advance
from models.lazy import lazy_import
from models.profiles import Expertise, LearningNeed, Profile
from models.programmes import (
    Enrolment,
    MentoringModel,
    MentorStatus,
    ModeratorMode,
    Programme,
    coordinated_programme,
    visible_programme,
)
from models.progress import EventKind, Recorder, recording
from models.relationships import (
    OPEN_STATUSES,
    Origin,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    add_mentee,
    lock_participants,
    mentee_loads,
)
from models.requests import MentorRequest, supersede_pending

# The solver pulls in NumPy, SciPy and scikit-learn (seconds on a small machine); load it on
# first use so `rajut migrate` and server start-up stay quick.
matching = lazy_import("matching")


class MatchMode(StrEnum):
    OPTIMAL = "optimal"
    STABLE = "stable"
    FAIR = "fair"


class RunKind(StrEnum):
    COHORT = "cohort"  # mentors to mentees
    PEERS = "peers"  # pairs of equals
    CIRCLES = "circles"  # small groups around a focus area


class RunStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    DISCARDED = "discarded"


class MatchRun(Model):
    id = fields.IntField(primary_key=True)
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "rajut.Programme", related_name="match_runs", on_delete=fields.CASCADE
    )
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    kind = fields.CharEnumField(RunKind, max_length=16, default=RunKind.COHORT)
    mode = fields.CharEnumField(MatchMode, max_length=16)
    status = fields.CharEnumField(RunStatus, max_length=16, default=RunStatus.PROPOSED)
    edits = fields.JSONField(default=dict)
    assignments = fields.JSONField(default=list)
    # peer pairs and circles: [{"members": [...], "facilitator": id | None, "focus", "score"}]
    groups = fields.JSONField(default=list)
    unmatched = fields.JSONField(default=list)
    metrics = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)
    decided_at = fields.DatetimeField(null=True)

    class Meta:
        table = "match_runs"
        ordering = ["-created_at", "-id"]


class MatchAudit(Model):
    id = fields.IntField(primary_key=True)
    run: fields.ForeignKeyRelation[MatchRun] = fields.ForeignKeyField(
        "rajut.MatchRun", related_name="audit", on_delete=fields.CASCADE
    )
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    action = fields.CharField(max_length=16)
    detail = fields.JSONField(default=dict)
    metrics_before = fields.JSONField(null=True)
    metrics_after = fields.JSONField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "match_audit"
        ordering = ["id"]


class PairExclusion(Model):
    """A pair that must never be matched: set by a coordinator or by either person."""

    id = fields.IntField(primary_key=True)
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "rajut.Programme", related_name="exclusions", on_delete=fields.CASCADE
    )
    mentor: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    mentee: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "pair_exclusions"
        unique_together = (("programme", "mentor", "mentee"),)


# --- from rows to the pure matching package --------------------------------------------
# A person may be mentor and mentee in one programme; the solver needs ids unique across
# both sides, so mentees enter it with their user id negated.


def mentee_key(user_id: int) -> int:
    return -user_id


def solver_model(model: MentoringModel) -> matching.MentoringModel:
    """Our model by the solver's name; models it has no level rule for score as 1:1."""
    name = "project" if model == MentoringModel.PROJECT_BASED else model.value
    try:
        return matching.MentoringModel(name)
    except ValueError:
        return matching.MentoringModel.ONE_TO_ONE


def solver_moderation(mode: ModeratorMode) -> matching.Moderation:
    """Appointed moderation proposes the senior member; approving the run appoints them."""
    return {
        ModeratorMode.APPOINTED: matching.Moderation.LEADER,
        ModeratorMode.ELECTED: matching.Moderation.ELECTED,
        ModeratorMode.NONE: matching.Moderation.NONE,
    }[mode]


def rules_for(
    programme: Programme, exclusions: set[tuple[int, int]], previous: set[tuple[int, int]]
) -> matching.ProgrammeRules:
    allowed = [MentoringModel(m) for m in programme.mentoring_models]
    model = next(
        (m for m in (MentoringModel.GROUP, MentoringModel.ONE_TO_ONE) if m in allowed), allowed[0]
    )
    weights = matching.Weights(
        **{
            k: float(v)
            for k, v in programme.matching_weights.items()
            if k in matching.Weights().as_dict()
        }
    )
    return matching.ProgrammeRules(
        model=solver_model(model),
        weights=weights,
        max_group_size=programme.max_group_size,
        attribute_rules=tuple(matching.AttributeRule(**r) for r in programme.attribute_rules),
        exclusions=frozenset((a, mentee_key(b)) for a, b in exclusions),
        previous_pairs=frozenset((a, mentee_key(b)) for a, b in previous),
        forbid_repeats=programme.forbid_repeat_pairs,
    )


def _skill_key(row: Expertise | LearningNeed) -> str:
    return row.focus_area.slug if row.focus_area else row.skill


def participant(
    profile: Profile, key: int, skills: list[Expertise], needs: list[LearningNeed], capacity: int
) -> matching.Participant:
    if skills:
        level = max(s.level for s in skills)
    elif needs:
        level = round(mean(n.current_level for n in needs))
    else:
        level = 1
    return matching.Participant(
        id=key,
        languages=frozenset(profile.languages),
        time_zone=profile.timezone,
        availability=tuple(matching.Window(**w) for w in profile.availability),
        expertise={_skill_key(s): s.level for s in skills},
        needs=tuple(
            matching.LearningNeed(_skill_key(n), n.target_level, n.priority) for n in needs
        ),
        goals=profile.goals,
        communication_style=profile.communication_style.value,
        questionnaire=dict(profile.questionnaire),
        level=level,
        attributes=dict(profile.attributes),
        capacity=capacity,
    )


async def load_cohort(
    programme: Programme,
) -> tuple[list[matching.Participant], list[matching.Participant], matching.ProgrammeRules]:
    """Approved mentors with free places, and mentees not yet matched in this programme
    (people who deleted their accounts are no one's match)."""
    enrolments = await Enrolment.filter(programme_id=programme.id, user__is_active=True)
    matched = await _matched_in(programme)
    return await participants(
        programme,
        [e.user_id for e in enrolments if e.mentor_status == MentorStatus.APPROVED],
        [e.user_id for e in enrolments if e.as_mentee and e.user_id not in matched],
    )


async def _matched_in(programme: Programme) -> set[int]:
    """Everyone already in an open relationship of this programme."""
    return set(
        await RelationshipMember.filter(
            relationship__programme_id=programme.id, relationship__status__in=OPEN_STATUSES
        ).values_list("user_id", flat=True)
    )


async def _profiles(
    skill_ids: list[int], need_ids: list[int]
) -> tuple[dict[int, Profile], dict[int, list[Expertise]], dict[int, list[LearningNeed]]]:
    """Profiles of everyone named, the expertise of the first list, the needs of the second."""
    people = set(skill_ids) | set(need_ids)
    profiles = {p.user_id: p for p in await Profile.filter(user_id__in=people)}
    skills: dict[int, list[Expertise]] = {i: [] for i in people}
    for e in await Expertise.filter(user_id__in=skill_ids).select_related("focus_area"):
        skills[e.user_id].append(e)
    needs: dict[int, list[LearningNeed]] = {i: [] for i in people}
    for n in await LearningNeed.filter(user_id__in=need_ids).select_related("focus_area"):
        needs[n.user_id].append(n)
    return profiles, skills, needs


async def _exclusions(programme: Programme) -> set[tuple[int, int]]:
    return set(
        await PairExclusion.filter(programme_id=programme.id).values_list("mentor_id", "mentee_id")
    )


async def participants(
    programme: Programme, mentor_ids: list[int], mentee_ids: list[int]
) -> tuple[list[matching.Participant], list[matching.Participant], matching.ProgrammeRules]:
    """The solver's view of these people, with the programme's rules and exclusions."""
    profiles, skills, needs = await _profiles(mentor_ids, mentee_ids)
    loads = await mentee_loads(mentor_ids)
    exclusions = await _exclusions(programme)
    exclusions |= {(u, u) for u in set(mentor_ids) & set(mentee_ids)}  # nobody mentors self
    previous: set[tuple[int, int]] = set()
    if programme.forbid_repeat_pairs:
        for rel in (
            await Relationship.filter(
                programme__organisation_id=programme.organisation_id, mentor_id__in=mentor_ids
            )
            .exclude(programme_id=programme.id)
            .prefetch_related("members")
        ):
            previous |= {(rel.mentor_id, m.user_id) for m in rel.members}
    mentors = [
        participant(profiles[i], i, skills[i], [], max(0, profiles[i].capacity - loads[i]))
        for i in mentor_ids
    ]
    mentees = [participant(profiles[i], mentee_key(i), [], needs[i], 0) for i in mentee_ids]
    return mentors, mentees, rules_for(programme, exclusions, previous)


async def _peers(
    programme: Programme, kind: RunKind
) -> tuple[list[matching.Participant], matching.ProgrammeRules]:
    """Everyone enrolled to learn and not yet matched: in peer learning each is both sides."""
    enrolments = await Enrolment.filter(
        programme_id=programme.id, as_mentee=True, user__is_active=True
    )
    matched = await _matched_in(programme)
    ids = [e.user_id for e in enrolments if e.user_id not in matched]
    profiles, skills, needs = await _profiles(ids, ids)
    people = [participant(profiles[i], i, skills[i], needs[i], 1) for i in ids]
    exclusions = await _exclusions(programme)
    rules = dataclasses.replace(
        rules_for(programme, set(), set()),
        model=matching.MentoringModel.PEER
        if kind == RunKind.PEERS
        else matching.MentoringModel.CIRCLE,
        exclusions=frozenset(exclusions),
        moderation=solver_moderation(programme.moderator_mode),
    )
    return people, rules


def _group_metrics(scores: list[float], matched: int, unmatched: int) -> dict[str, Any]:
    ordered = sorted(scores)
    return {
        "matched": matched, "unmatched": unmatched,
        "total_score": round(sum(scores), 4),
        "mean_score": round(mean(scores), 4) if scores else 0.0,
        "p10_score": round(ordered[len(ordered) // 10], 4) if ordered else 0.0,
        "min_score": round(ordered[0], 4) if ordered else 0.0,
        "blocking_pairs": 0, "rank_profile": {},
        "mentor_load": {"mentors_with_capacity": 0, "mentors_used": 0, "idle_mentors": 0,
                        "full_mentors": 0, "mean_load_ratio": 0.0, "min_load_ratio": 0.0,
                        "max_load_ratio": 0.0, "std_load_ratio": 0.0},
        "skill_gaps": {},
    }  # fmt: skip


async def propose_groups(user: User, programme_id: int, kind: RunKind) -> MatchRun:
    """Peer pairs (maximum-weight matching) or circles (seeded, then improved by swaps)."""
    programme = await coordinated_programme(user, programme_id)
    people, rules = await _peers(programme, kind)
    if len(people) < 2:
        raise Conflict("There are fewer than two unmatched people to group.", field="programmeId")
    if kind == RunKind.PEERS:
        pairing = await asyncio.to_thread(matching.pair_peers, people, rules)
        groups = [
            {
                "members": [p.a_id, p.b_id],
                "facilitator": None,
                "focus": None,
                "score": round(p.score, 4),
            }
            for p in pairing.pairs
        ]
        left = [{"mentee": u.participant_id, "reason": u.reason} for u in pairing.unpaired]
    else:
        plan = await asyncio.to_thread(
            matching.form_circles, people, rules, programme.max_group_size
        )
        groups = [
            {
                "members": list(c.members),
                "facilitator": c.facilitator_id,
                "focus": c.focus,
                "score": round(c.score, 4),
            }
            for c in plan.circles
        ]
        left = [{"mentee": w.participant_id, "reason": w.reason} for w in plan.waitlist]
    run = MatchRun(
        programme=programme,
        created_by=user,
        kind=kind,
        mode=MatchMode.OPTIMAL,
        groups=groups,
        unmatched=left,
        metrics=_group_metrics(
            [g["score"] for g in groups], sum(len(g["members"]) for g in groups), len(left)
        ),
    )
    async with in_transaction():
        await run.save()
        await _audit(run, user, "run", {"kind": kind.value}, None)
    return run


async def suggest_mentors(
    viewer: User, programme_id: int, mentee_id: int, k: int
) -> list[matching.Suggestion]:
    """Best mentors for a mentee: for the mentee, or for a coordinator on their behalf.

    Members only see mentors the directory would show them (listed adults with room).
    """
    programme, access = await visible_programme(viewer, programme_id)
    if mentee_id != viewer.id and not access.coordinates:
        raise Forbidden("Only coordinators see suggestions for someone else.")
    if not await Enrolment.filter(
        programme_id=programme.id, user_id=mentee_id, as_mentee=True
    ).exists():
        raise NotFound("That person is not a mentee in this programme.", field="menteeId")
    mentor_ids = [
        i
        for i in await Enrolment.filter(
            programme_id=programme.id, mentor_status=MentorStatus.APPROVED
        ).values_list("user_id", flat=True)
        if i != mentee_id
    ]
    if not access.coordinates:
        listed = await Profile.filter(user_id__in=mentor_ids, listed_in_directory=True)
        mentor_ids = [p.user_id for p in listed if not p.is_minor]
    mentors, mentees, rules = await participants(programme, mentor_ids, [mentee_id])
    mentors = [m for m in mentors if m.capacity > 0]
    return await asyncio.to_thread(matching.suggest_mentors, mentees[0], mentors, rules, k)


async def suggest_mentees(
    viewer: User, programme_id: int, mentor_id: int, k: int
) -> list[matching.Suggestion]:
    """Best unmatched mentees for a mentor; mentee profiles are private, so coordinators only."""
    programme = await coordinated_programme(viewer, programme_id)
    mentors, mentees, rules = await load_cohort(programme)
    mentor = next((m for m in mentors if m.id == mentor_id), None)
    if mentor is None:
        raise NotFound("That person is not a mentor in this programme.", field="mentorId")
    mentees = [m for m in mentees if m.id != mentee_key(mentor_id)]
    return await asyncio.to_thread(matching.suggest_mentees, mentor, mentees, rules, k)


# --- proposals --------------------------------------------------------------------------

_CACHE_SIZE = 4
_proposals: OrderedDict[int, matching.Proposal] = OrderedDict()


def _remember(run_id: int, proposal: matching.Proposal) -> None:
    _proposals[run_id] = proposal
    _proposals.move_to_end(run_id)
    while len(_proposals) > _CACHE_SIZE:
        _proposals.popitem(last=False)


def _metrics(proposal: matching.Proposal) -> dict[str, Any]:
    m = proposal.metrics
    return {
        "matched": m.matched, "unmatched": m.unmatched,
        "total_score": round(m.total_score, 4), "mean_score": round(m.mean_score, 4),
        "p10_score": round(m.p10_score, 4), "min_score": round(m.min_score, 4),
        "blocking_pairs": m.blocking_pairs,
        "rank_profile": {str(k): v for k, v in sorted(m.rank_profile.items())},
        "mentor_load": dataclasses.asdict(m.mentor_load),
        "skill_gaps": {k: dataclasses.asdict(v) for k, v in sorted(m.skill_gaps.items())},
    }  # fmt: skip


def _store(run: MatchRun, proposal: matching.Proposal) -> None:
    run.assignments = [
        {
            "mentor": a.mentor_id,
            "mentee": -a.mentee_id,
            "score": round(a.score, 4),
            "components": {k: round(v, 4) for k, v in a.components.items()},
            "source": a.source,
        }
        for a in proposal.assignments
    ]
    run.unmatched = [{"mentee": -u.mentee_id, "reason": u.reason.value} for u in proposal.unmatched]
    run.metrics = _metrics(proposal)
    e = proposal.edits
    run.edits = {
        "pins": sorted([a, -b] for a, b in e.pins),
        "bans": sorted([a, -b] for a, b in e.bans),
        "removed_mentors": sorted(e.removed_mentors),
        "removed_mentees": sorted(-b for b in e.removed_mentees),
    }


def _edits_of(run: MatchRun) -> matching.Edits:
    e = run.edits or {}
    return matching.Edits(
        pins=frozenset((a, mentee_key(b)) for a, b in e.get("pins", [])),
        bans=frozenset((a, mentee_key(b)) for a, b in e.get("bans", [])),
        removed_mentors=frozenset(e.get("removed_mentors", [])),
        removed_mentees=frozenset(mentee_key(b) for b in e.get("removed_mentees", [])),
    )


async def _solve(
    programme: Programme,
    mode: MatchMode,
    edits: matching.Edits,
    progress: Callable[[str], None] | None = None,
) -> matching.Proposal:
    mentors, mentees, rules = await load_cohort(programme)
    if progress:
        progress(f"scoring {len(mentors)} mentors x {len(mentees)} mentees")
    if not mentors or not mentees:
        raise Conflict(
            "There is nobody to match: the programme needs approved mentors with "
            "free places and unmatched mentees.",
            field="programmeId",
        )
    # scoring is CPU-bound numpy work: keep the event loop free for other requests
    cohort = await asyncio.to_thread(matching.score_cohort, mentors, mentees, rules)
    if progress:
        progress(f"solving ({mode.value})")
    try:
        return await asyncio.to_thread(cohort.solve, mode.value, edits)
    except matching.PinError as exc:
        raise Conflict(str(exc)) from None


async def _audit(
    run: MatchRun, actor: User, action: str, detail: dict[str, Any], before: dict[str, Any] | None
) -> None:
    await MatchAudit.create(
        run=run,
        actor=actor,
        action=action,
        detail=detail,
        metrics_before=before,
        metrics_after=run.metrics,
    )


async def run_matching(
    user: User,
    programme_id: int,
    mode: MatchMode,
    progress: Callable[[str], None] | None = None,
) -> MatchRun:
    programme = await coordinated_programme(user, programme_id)
    proposal = await _solve(programme, mode, matching.Edits(), progress)
    if progress:
        progress("storing the proposal")
    async with in_transaction():
        run = MatchRun(programme=programme, created_by=user, mode=mode)
        _store(run, proposal)
        await run.save()
        await _audit(run, user, "run", {"mode": mode.value}, None)
    _remember(run.id, proposal)
    return run


async def open_run_with_programme(user: User, run_id: int) -> tuple[MatchRun, Programme]:
    run = await MatchRun.get_or_none(id=run_id)
    if run is None:
        raise NotFound("No such matching run.", field="runId")
    try:
        programme = await coordinated_programme(user, run.programme_id)
    except (NotFound, Forbidden):  # runs name people: others must not learn they exist
        raise NotFound("No such matching run.", field="runId") from None
    return run, programme


async def proposal_of(run: MatchRun, programme: Programme) -> matching.Proposal:
    cached = _proposals.get(run.id)
    if cached is None:
        cached = await _solve(programme, MatchMode(run.mode), _edits_of(run))
        _remember(run.id, cached)
    return cached


def _pairs(raw: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(mentor, mentee_key(mentee)) for mentor, mentee in raw]


async def edit_run(
    user: User,
    run_id: int,
    *,
    pins: list[tuple[int, int]] = (),  # type: ignore[assignment]
    unpins: list[tuple[int, int]] = (),  # type: ignore[assignment]
    bans: list[tuple[int, int]] = (),  # type: ignore[assignment]
    swaps: list[tuple[int, int]] = (),  # type: ignore[assignment]
    remove_mentees: list[int] = (),  # type: ignore[assignment]
    remove_mentors: list[int] = (),  # type: ignore[assignment]
    mode: MatchMode | None = None,
) -> MatchRun:
    """Apply a coordinator's edits (pairs are (mentor user id, mentee user id)) and re-solve."""
    run, programme = await open_run_with_programme(user, run_id)
    if run.status != RunStatus.PROPOSED:
        raise Conflict(f"This run is already {run.status.value}.", field="runId")
    if run.kind != RunKind.COHORT:
        raise Conflict("Edits apply to mentor-mentee runs; run peers or circles again.")
    proposal = await proposal_of(run, programme)
    known_mentees = {-u for u in proposal.cohort.mentee_index}
    known_mentors = set(proposal.cohort.mentor_index)
    for mentor, mentee in [*pins, *unpins, *bans]:
        if mentor not in known_mentors or mentee not in known_mentees:
            raise BadInput("That pair is not part of this run's cohort.", field="edits")
    for mentee in [*remove_mentees, *(m for pair in swaps for m in pair)]:
        if mentee not in known_mentees:
            raise BadInput("That mentee is not part of this run's cohort.", field="edits")
    if any(m not in known_mentors for m in remove_mentors):
        raise BadInput("That mentor is not part of this run's cohort.", field="edits")
    try:
        solved = await asyncio.to_thread(
            matching.resolve,
            proposal,
            pins=_pairs(pins),
            unpins=_pairs(unpins),
            bans=_pairs(bans),
            swaps=[(mentee_key(a), mentee_key(b)) for a, b in swaps],
            remove_mentees=[mentee_key(m) for m in remove_mentees],
            remove_mentors=remove_mentors,
            mode=mode.value if mode else None,
        )
    except matching.PinError as exc:
        raise Conflict(str(exc), field="edits") from None
    before = run.metrics
    _store(run, solved)
    if mode:
        run.mode = mode
    detail = {
        "pins": pins,
        "unpins": unpins,
        "bans": bans,
        "swaps": swaps,
        "remove_mentees": remove_mentees,
        "remove_mentors": remove_mentors,
        "mode": mode.value if mode else None,
    }
    async with in_transaction():
        await run.save()
        await _audit(run, user, "edit", {k: v for k, v in detail.items() if v}, before)
    _remember(run.id, solved)
    return run


async def approve_run(
    user: User, run_id: int
) -> tuple[MatchRun, list[Relationship], list[MentorRequest]]:
    """Create every proposed relationship at once, or none if any no longer fits.

    Also returns the pending requests this closed as superseded: mentees matched here who
    now have as many mentors as the programme allows have their requests closed.
    """
    run, programme = await open_run_with_programme(user, run_id)
    if run.status != RunStatus.PROPOSED:
        raise Conflict(f"This run is already {run.status.value}.", field="runId")
    created: dict[int, Relationship] = {}
    mentees = [pair["mentee"] for pair in run.assignments]
    async with recording() as recorder:
        # every lock up front, in the order add_mentee takes them: no deadlock with accepts
        await lock_participants(programme.id, mentees, [pair["mentor"] for pair in run.assignments])
        for pair in run.assignments:
            relationship = await add_mentee(
                programme, pair["mentor"], pair["mentee"], Origin.MATCHING, recorder
            )
            created[relationship.id] = relationship
        for group in run.groups:
            relationship = await _form_group(programme, RunKind(run.kind), group, recorder)
            created[relationship.id] = relationship
        decided_at = now()
        updated = await MatchRun.filter(id=run.id, status=RunStatus.PROPOSED).update(
            status=RunStatus.APPROVED, decided_at=decided_at
        )
        if not updated:
            raise Conflict("This run was decided meanwhile.", field="runId")
        run.status, run.decided_at = RunStatus.APPROVED, decided_at  # what the caller returns
        await _audit(run, user, "approve", {"relationships": sorted(created)}, run.metrics)
        superseded = await supersede_pending(programme, mentees)
    _proposals.pop(run.id, None)
    return run, list(created.values()), superseded


async def _form_group(
    programme: Programme, kind: RunKind, group: dict[str, Any], recorder: Recorder
) -> Relationship:
    members = [m for m in group["members"] if m != group["facilitator"]]
    if await RelationshipMember.filter(
        user_id__in=group["members"],
        relationship__programme_id=programme.id,
        relationship__status__in=OPEN_STATUSES,
    ).exists():
        raise Conflict("Someone in this proposal was matched meanwhile; run again.")
    relationship = await Relationship.create(
        programme=programme,
        mentoring_model=MentoringModel.PEER if kind == RunKind.PEERS else MentoringModel.CIRCLE,
        mentor_id=group["facilitator"],
        status=RelationshipStatus.PROPOSED,
        origin=Origin.MATCHING,
    )
    await RelationshipMember.bulk_create(
        [RelationshipMember(relationship=relationship, user_id=m) for m in members]
    )
    for member in members:
        await advance(recorder, programme.id, member, JourneyStage.MATCHING)
    await recorder.record(
        programme.id,
        EventKind.RELATIONSHIP_PROPOSED,
        relationship_id=relationship.id,
        members=group["members"],
        origin=Origin.MATCHING.value,
    )
    return relationship


async def discard_run(user: User, run_id: int) -> MatchRun:
    run, _ = await open_run_with_programme(user, run_id)
    if run.status != RunStatus.PROPOSED:
        raise Conflict(f"This run is already {run.status.value}.", field="runId")
    run.status, run.decided_at = RunStatus.DISCARDED, now()
    async with in_transaction():
        await run.save(update_fields=["status", "decided_at"])
        await _audit(run, user, "discard", {}, run.metrics)
    _proposals.pop(run.id, None)
    return run


async def why_not(user: User, run_id: int, mentee_id: int, mentor_id: int) -> matching.WhyNot:
    run, programme = await open_run_with_programme(user, run_id)
    if run.kind != RunKind.COHORT:
        raise Conflict("Explanations apply to mentor-mentee runs.", field="runId")
    proposal = await proposal_of(run, programme)
    if mentor_id not in proposal.cohort.mentor_index or (
        mentee_key(mentee_id) not in proposal.cohort.mentee_index
    ):
        raise BadInput("That pair is not part of this run's cohort.", field="mentorId")
    return await asyncio.to_thread(
        matching.explain_why_not, proposal, mentee_key(mentee_id), mentor_id
    )


async def exclude_pair(user: User, programme_id: int, mentor_id: int, mentee_id: int) -> None:
    """Coordinators exclude any pair; a mentor or mentee may exclude pairs they are in."""
    if user.id not in (mentor_id, mentee_id):
        await coordinated_programme(user, programme_id)
    elif not await Enrolment.filter(programme_id=programme_id, user_id=user.id).exists():
        raise NotFound("No such programme.", field="programmeId")
    if mentor_id == mentee_id:
        raise BadInput("A pair needs two different people.", field="menteeId")
    await PairExclusion.get_or_create(
        programme_id=programme_id,
        mentor_id=mentor_id,
        mentee_id=mentee_id,
        defaults={"created_by": user},
    )


async def open_run(user: User, run_id: int) -> MatchRun:
    """A run, for the coordinators of its programme only."""
    run, _ = await open_run_with_programme(user, run_id)
    return run
