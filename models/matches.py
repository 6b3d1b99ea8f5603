"""Coordinator-run matching: proposals, edits, approval, and the audit trail.

A run never creates live matches. It stores a proposal (pairs with scores and reasons,
unmatched mentees with causes, quality metrics); the coordinator edits it (pin, ban, swap,
remove) and re-solves, then approves, which creates every relationship in one transaction.
Every run and edit is audited with the quality figures before and after.

Scoring and solving run in worker processes (models/workers.py, models/solving.py), never
on the event loop: this module loads the cohort with value queries, ships plain rows to a
worker and stores what comes back. Scoring is the expensive part, so the worker that solved
a run keeps its scored cohort: edits and explanations go back to it and re-solve without
re-scoring. A process that lacks it (a restart, a replaced worker, another process behind
the load balancer) scores again from the database.
"""

from __future__ import annotations

import dataclasses
import secrets
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from statistics import mean
from typing import Any, TypeVar

from tortoise import fields
from tortoise.expressions import RawSQL
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models import solving, workers
from models.accounts import User, now
from models.errors import BadInput, Conflict, Forbidden, NotFound
from models.journeys import JourneyStage, advance
from models.profiles import ADULT_AGE, Expertise, LearningNeed, Profile
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
from models.solving import Cohort, Person, Rules, mentee_key

T = TypeVar("T")


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
    # not stored: display names by user id, when this process has just made the run and
    # loaded them with the cohort (its answer then needs no other query)
    names: dict[int, str] | None = None

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


# --- from rows to what the workers solve ------------------------------------------------
# Value queries, not model instances: a cohort of thousands is loaded in a few queries and
# shipped to a worker as plain rows (models/solving.py); the profiles' JSON columns travel
# undecoded, for the worker to decode.
_JSON = {f"{c}_json": RawSQL(f'"profiles"."{c}"') for c in
         ("languages", "availability", "questionnaire", "attributes")}  # fmt: skip
_PROFILE = ("user_id", "languages_json", "timezone", "availability_json", "goals",
            "communication_style", "questionnaire_json", "attributes_json", "capacity")  # fmt: skip
ProfileRow = tuple[Any, ...]
Skills = dict[int, list[tuple[str, int]]]  # (skill key, level)
Needs = dict[int, list[tuple[str, int, int, int]]]  # (skill key, current, target, priority)


def solver_model(model: MentoringModel) -> str:
    """Our model by the solver's name (the solver scores models it does not know as 1:1)."""
    return "project" if model == MentoringModel.PROJECT_BASED else model.value


def solver_moderation(mode: ModeratorMode) -> str:
    """Appointed moderation proposes the senior member; approving the run appoints them."""
    return {
        ModeratorMode.APPOINTED: "leader",
        ModeratorMode.ELECTED: "elected",
        ModeratorMode.NONE: "none",
    }[mode]


def rules_for(
    programme: Programme, exclusions: set[tuple[int, int]], previous: set[tuple[int, int]]
) -> Rules:
    allowed = [MentoringModel(m) for m in programme.mentoring_models]
    model = next(
        (m for m in (MentoringModel.GROUP, MentoringModel.ONE_TO_ONE) if m in allowed), allowed[0]
    )
    return Rules(
        model=solver_model(model),
        weights=dict(programme.matching_weights),
        max_group_size=programme.max_group_size,
        attribute_rules=tuple(programme.attribute_rules),
        exclusions=frozenset((a, mentee_key(b)) for a, b in exclusions),
        previous_pairs=frozenset((a, mentee_key(b)) for a, b in previous),
        forbid_repeats=programme.forbid_repeat_pairs,
    )


def _person(
    row: ProfileRow,
    capacity: int,
    expertise: Sequence[tuple[str, int]] = (),
    needs: Sequence[tuple[str, int, int, int]] = (),
) -> Person:
    user_id, languages, timezone, availability, goals, style, questionnaire, attributes, _ = row
    return Person(
        user_id, languages, timezone, availability, goals, style.value, questionnaire,
        attributes, capacity, tuple(expertise), tuple(needs),
    )  # fmt: skip


async def _profiles(
    skill_ids: list[int], need_ids: list[int]
) -> tuple[dict[int, ProfileRow], Skills, Needs]:
    """Profiles of everyone named, the expertise of the first list, the needs of the second;
    a skill counts by its focus area's slug when it has one."""
    people = set(skill_ids) | set(need_ids)
    found = await Profile.filter(user_id__in=people).annotate(**_JSON).values_list(*_PROFILE)
    profiles = {row[0]: row for row in found}
    skills: Skills = {i: [] for i in people}
    for user_id, skill, level, area in await Expertise.filter(user_id__in=skill_ids).values_list(
        "user_id", "skill", "level", "focus_area__slug"
    ):
        skills[user_id].append((area or skill, level))
    needs: Needs = {i: [] for i in people}
    columns = ("user_id", "skill", "current_level", "target_level", "priority", "focus_area__slug")
    for user_id, skill, current, target, priority, area in await LearningNeed.filter(
        user_id__in=need_ids
    ).values_list(*columns):
        needs[user_id].append((area or skill, current, target, priority))
    return profiles, skills, needs


async def cohort_rows(programme: Programme) -> tuple[Cohort, dict[int, str]]:
    """Approved mentors with free places, and mentees not yet matched in this programme
    (people who deleted their accounts are no one's match), as rows for the workers; and
    everyone's display name."""
    enrolments = await Enrolment.filter(
        programme_id=programme.id, user__is_active=True
    ).values_list("user_id", "mentor_status", "as_mentee", "user__display_name")
    matched = await _matched_in(programme)
    cohort = await cohort_of(
        programme,
        [u for u, status, _, _ in enrolments if status == MentorStatus.APPROVED],
        [u for u, _, as_mentee, _ in enrolments if as_mentee and u not in matched],
    )
    return cohort, {u: name for u, _, _, name in enrolments}


async def _matched_in(programme: Programme) -> set[int]:
    """Everyone already in an open relationship of this programme."""
    return set(
        await RelationshipMember.filter(
            relationship__programme_id=programme.id, relationship__status__in=OPEN_STATUSES
        ).values_list("user_id", flat=True)
    )


async def _exclusions(programme: Programme) -> set[tuple[int, int]]:
    return set(
        await PairExclusion.filter(programme_id=programme.id).values_list("mentor_id", "mentee_id")
    )


async def _previous_pairs(programme: Programme, mentor_ids: list[int]) -> set[tuple[int, int]]:
    """(mentor, mentee) pairs of these mentors in the organisation's other programmes."""
    return set(
        await RelationshipMember.filter(
            relationship__programme__organisation_id=programme.organisation_id,
            relationship__mentor_id__in=mentor_ids,
        )
        .exclude(relationship__programme_id=programme.id)
        .values_list("relationship__mentor_id", "user_id")
    )


async def cohort_of(programme: Programme, mentor_ids: list[int], mentee_ids: list[int]) -> Cohort:
    """These people as the solver sees them, with the programme's rules and exclusions."""
    profiles, skills, needs = await _profiles(mentor_ids, mentee_ids)
    loads = await mentee_loads(mentor_ids)
    exclusions = await _exclusions(programme)
    exclusions |= {(u, u) for u in set(mentor_ids) & set(mentee_ids)}  # nobody mentors self
    previous = set()
    if programme.forbid_repeat_pairs:
        previous = await _previous_pairs(programme, mentor_ids)
    mentors = tuple(
        _person(profiles[i], max(0, profiles[i][-1] - loads[i]), expertise=skills[i])
        for i in mentor_ids
    )
    mentees = tuple(_person(profiles[i], 0, needs=needs[i]) for i in mentee_ids)
    return Cohort(mentors, mentees, rules_for(programme, exclusions, previous))


async def _peers(programme: Programme, kind: RunKind) -> tuple[tuple[Person, ...], Rules]:
    """Everyone enrolled to learn and not yet matched: in peer learning each is both sides."""
    enrolled = await Enrolment.filter(
        programme_id=programme.id, as_mentee=True, user__is_active=True
    ).values_list("user_id", flat=True)
    matched = await _matched_in(programme)
    ids = [i for i in enrolled if i not in matched]
    profiles, skills, needs = await _profiles(ids, ids)
    people = tuple(_person(profiles[i], 1, skills[i], needs[i]) for i in ids)
    rules = dataclasses.replace(
        rules_for(programme, set(), set()),
        model="peer" if kind == RunKind.PEERS else "circle",
        exclusions=frozenset(await _exclusions(programme)),
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
        _, (groups, left) = await workers.run(solving.pair_peers, people, rules)
    else:
        _, (groups, left) = await workers.run(
            solving.form_circles, people, rules, programme.max_group_size
        )
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
) -> list[solving.Suggestion]:
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
        adult = now().year - ADULT_AGE  # unknown age counts as a minor, as everywhere
        listed = await Profile.filter(user_id__in=mentor_ids, listed_in_directory=True).values_list(
            "user_id", "birth_year"
        )
        mentor_ids = [i for i, born in listed if born is not None and born <= adult]
    cohort = await cohort_of(programme, mentor_ids, [mentee_id])
    mentors = tuple(m for m in cohort.mentors if m.capacity > 0)
    _, found = await workers.run(
        solving.suggest_mentors, cohort.mentees[0], mentors, cohort.rules, k
    )
    return found


async def suggest_mentees(
    viewer: User, programme_id: int, mentor_id: int, k: int
) -> list[solving.Suggestion]:
    """Best unmatched mentees for a mentor; mentee profiles are private, so coordinators only."""
    programme = await coordinated_programme(viewer, programme_id)
    cohort, _ = await cohort_rows(programme)
    mentor = next((m for m in cohort.mentors if m.user_id == mentor_id), None)
    if mentor is None:
        raise NotFound("That person is not a mentor in this programme.", field="mentorId")
    mentees = tuple(m for m in cohort.mentees if m.user_id != mentor_id)
    _, found = await workers.run(solving.suggest_mentees, mentor, mentees, cohort.rules, k)
    return found


# --- proposals --------------------------------------------------------------------------
# A run's solved proposal lives in the worker that solved it (models/solving.py); this
# process remembers where, and who the cohort holds, to check edits without asking.


@dataclass(frozen=True)
class Held:
    lane: int
    key: str
    mentors: frozenset[int]
    mentees: frozenset[int]


_HELD_SIZE = 32
_held: OrderedDict[int, Held] = OrderedDict()


def _remember(run_id: int, held: Held) -> None:
    _held[run_id] = held
    _held.move_to_end(run_id)
    while len(_held) > _HELD_SIZE:
        _held.popitem(last=False)


def _store(run: MatchRun, solved: solving.Solved) -> None:
    run.assignments = solved.assignments
    run.unmatched = solved.unmatched
    run.metrics = solved.metrics
    run.edits = solved.edits


async def _solve(
    programme: Programme,
    mode: MatchMode,
    edits: dict[str, list[Any]],
    progress: Callable[[str], None] | None = None,
) -> tuple[Held, solving.Solved, dict[int, str]]:
    """The proposal, where it is held, and the names of everyone it names."""
    cohort, names = await cohort_rows(programme)
    if progress:
        progress(
            f"scoring {len(cohort.mentors)} mentors x {len(cohort.mentees)} mentees, "
            f"solving ({mode.value})"
        )
    if not cohort.mentors or not cohort.mentees:
        raise Conflict(
            "There is nobody to match: the programme needs approved mentors with "
            "free places and unmatched mentees.",
            field="programmeId",
        )
    key = secrets.token_hex(8)
    try:
        lane, solved = await workers.run(solving.propose, key, cohort, mode.value, edits)
    except solving.Unsolvable as exc:
        raise Conflict(str(exc)) from None
    return Held(lane, key, solved.mentors, solved.mentees), solved, names


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
    held, solved, names = await _solve(programme, mode, {}, progress)
    if progress:
        progress("storing the proposal")
    async with in_transaction():
        run = MatchRun(programme=programme, created_by=user, mode=mode)
        _store(run, solved)
        await run.save()
        await _audit(run, user, "run", {"mode": mode.value}, None)
    _remember(run.id, held)
    run.names = names
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


async def _holding(run: MatchRun, programme: Programme) -> Held:
    """Where the run's proposal is; a process that lacks it (a restart, another process
    behind the load balancer) scores the cohort again under the run's edits."""
    held = _held.get(run.id)
    if held is None:
        held, _, _ = await _solve(programme, MatchMode(run.mode), run.edits or {})
        _remember(run.id, held)
    return held


async def _on_proposal(
    run: MatchRun, programme: Programme, job: Callable[..., T | None], *args: Any
) -> tuple[int, T]:
    """`job(key, *args)` in the worker that holds the run's proposal: the lane and the
    answer. A worker that no longer holds it (evicted, or replaced) answers None, and the
    proposal is made again."""
    for _ in range(2):
        held = await _holding(run, programme)
        lane, answer = await workers.run(job, held.key, *args, lane=held.lane)
        if answer is not None:
            return lane, answer
        _held.pop(run.id, None)
    raise workers.WorkersUnavailable("Matching is busy with other runs; try again.")


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
    held = await _holding(run, programme)
    known_mentees, known_mentors = held.mentees, held.mentors
    for mentor, mentee in [*pins, *unpins, *bans]:
        if mentor not in known_mentors or mentee not in known_mentees:
            raise BadInput("That pair is not part of this run's cohort.", field="edits")
    for mentee in [*remove_mentees, *(m for pair in swaps for m in pair)]:
        if mentee not in known_mentees:
            raise BadInput("That mentee is not part of this run's cohort.", field="edits")
    if any(m not in known_mentors for m in remove_mentors):
        raise BadInput("That mentor is not part of this run's cohort.", field="edits")
    changes = {
        "pins": _pairs(pins),
        "unpins": _pairs(unpins),
        "bans": _pairs(bans),
        "swaps": [(mentee_key(a), mentee_key(b)) for a, b in swaps],
        "remove_mentees": [mentee_key(m) for m in remove_mentees],
        "remove_mentors": list(remove_mentors),
        "mode": mode.value if mode else None,
    }
    key = secrets.token_hex(8)
    try:
        lane, solved = await _on_proposal(run, programme, solving.revise, key, changes)
    except solving.Unsolvable as exc:
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
    _remember(run.id, Held(lane, key, solved.mentors, solved.mentees))
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
    _held.pop(run.id, None)  # the worker's copy ages out of its cache
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
    _held.pop(run.id, None)  # the worker's copy ages out of its cache
    return run


async def why_not(user: User, run_id: int, mentee_id: int, mentor_id: int) -> solving.Explanation:
    run, programme = await open_run_with_programme(user, run_id)
    if run.kind != RunKind.COHORT:
        raise Conflict("Explanations apply to mentor-mentee runs.", field="runId")
    held = await _holding(run, programme)
    if mentor_id not in held.mentors or mentee_id not in held.mentees:
        raise BadInput("That pair is not part of this run's cohort.", field="mentorId")
    _, answer = await _on_proposal(run, programme, solving.explain, mentee_id, mentor_id)
    return answer


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
