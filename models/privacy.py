"""Members' data rights: download everything about oneself, and delete one's account.

Export gathers, in one JSON document, what Rajut holds about the member: account, profile,
organisations, enrolments, requests, relationships, goals, sessions, journals, messages,
feedback, check-ins, badges, certificates, notifications, mentor levels and training,
tokens, feeds and webhooks (never secrets or hashes).
Ids are Rajut's internal numbers.

Deletion keeps the account row as a tombstone ("Deleted member", an address nobody can own,
a password nothing matches, inactive), so that what others hold stays whole: their
conversations keep the member's messages under that name, ended relationships stay as
history, and programme counts, ratings and evaluations keep adding up. Everything personal
goes: profile contents, contact details, attributes, skills and needs, tokens, calendar
feeds, webhooks they registered, notifications, private journals, mail waiting for them,
organisation and staff roles, badges (their exported credentials read as revoked), training
completions and confirmed expertise (their levels stay counted, without the notes written
about them); certificates are revoked and lose the name. Open relationships end (a group
simply loses the member), pending requests close, and an ``AccountDeletion`` row records
that it happened. The last admin of an organisation must hand it over first.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from tortoise import fields
from tortoise.expressions import Q
from tortoise.models import Model

from models import directory_index
from models.accounts import (
    AccessToken,
    OutboxEmail,
    PasswordReset,
    User,
    authenticate,
    now,
)
from models.announcements import AccessWithdrawn, announce
from models.badges import BadgeAward, erase_holder, label
from models.certificates import Certificate, erase_recipient
from models.conversations import ConversationMessage, ConversationRead
from models.errors import BadInput, Conflict, Unauthenticated
from models.evaluations import Evaluation
from models.expenses import Expense
from models.goals import Goal, Journal, Milestone, SessionFeedback
from models.journeys import JourneyPosition, SkillAssessment
from models.levels import (
    ExpertiseConfirmation,
    LevelEvent,
    MentorStanding,
    TrainingCompletion,
)
from models.notifications import Notification
from models.organisations import OrgMembership, OrgRole
from models.profiles import DirectoryMark, Expertise, LearningNeed, Profile
from models.programmes import Enrolment, ProgrammeStaff
from models.progress import Recorder, recording
from models.pulse import Pulse, RematchRequest
from models.relationships import (
    OPEN_STATUSES,
    TRANSITIONS,
    ModeratorVote,
    Relationship,
    RelationshipMember,
    after_taking_out,
    apply_transition,
    close_rooms_of,
    participant_ids,
    take_out,
)
from models.requests import MentorRequest, RequestStatus, expire_overdue
from models.rooms import RoomMessage, RoomPresence
from models.safeguarding import ConcernReport
from models.sessions import Attendance, CalendarFeed, Session
from models.webhooks import Webhook

DELETED_NAME = "Deleted member"
LEAVING_REASON = "Seorang peserta menghapus akunnya / A participant deleted their account."


class AccountDeletion(Model):
    """That an account was deleted, when, and how much went: the audit of erasure.

    It keeps no personal data: the tombstone's id and counts only.
    """

    id = fields.IntField(primary_key=True)
    user_id = fields.IntField(db_index=True)
    deleted_at = fields.DatetimeField(auto_now_add=True)
    removed = fields.JSONField(default=dict)

    class Meta:
        table = "account_deletions"


# --- export ----------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """JSON-ready: dates as ISO 8601, enums as their values, containers walked."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _rows(rows: list[Model], *names: str) -> list[dict[str, Any]]:
    return [{name: getattr(row, name) for name in names} for row in rows]


async def export_of(user: User) -> dict[str, Any]:
    """Everything Rajut holds about ``user``, as one JSON-ready document."""
    await expire_overdue()
    profile = await Profile.get(user_id=user.id)
    memberships = await OrgMembership.filter(user_id=user.id).select_related("organisation")
    enrolments = await Enrolment.filter(user_id=user.id).select_related("programme")
    stages = {
        p.enrolment_id: p.stage
        for p in await JourneyPosition.filter(enrolment_id__in=[e.id for e in enrolments])
    }
    as_mentor = await Relationship.filter(mentor_id=user.id).values_list("id", flat=True)
    as_member = await RelationshipMember.filter(user_id=user.id).values_list(
        "relationship_id", flat=True
    )
    relationships = await Relationship.filter(id__in={*as_mentor, *as_member}).order_by("id")
    relationship_ids = [r.id for r in relationships]
    people = {
        r.id: sorted(await participant_ids(r) - {user.id}) for r in relationships
    }  # a member's relationships are few: one query each is fine
    names = {
        u.id: u.display_name
        for u in await User.filter(id__in={p for ps in people.values() for p in ps})
    }
    goals = await Goal.filter(relationship_id__in=relationship_ids)
    milestones: dict[int, list[Milestone]] = {}
    for m in await Milestone.filter(goal_id__in=[g.id for g in goals]):
        milestones.setdefault(m.goal_id, []).append(m)
    sessions = await Session.filter(relationship_id__in=relationship_ids).order_by("starts_at")
    attended = {
        a.session_id: a.attended
        for a in await Attendance.filter(user_id=user.id, session_id__in=[s.id for s in sessions])
    }
    document = {
        "format": "rajut-export/1",
        "exportedAt": now(),
        "account": {
            "id": user.id, "email": user.email, "displayName": user.display_name,
            "locale": user.locale, "createdAt": user.created_at,
        },
        "profile": {
            "bio": profile.bio, "languages": profile.languages, "timezone": profile.timezone,
            "availability": profile.availability, "goals": profile.goals,
            "communicationStyle": profile.communication_style,
            "questionnaire": profile.questionnaire, "capacity": profile.capacity,
            "openForRequests": profile.open_for_requests, "birthYear": profile.birth_year,
            "listedInDirectory": profile.listed_in_directory,
            "contactEmail": profile.contact_email, "contactPhone": profile.contact_phone,
            "attributes": profile.attributes, "updatedAt": profile.updated_at,
        },
        "expertise": _rows(await Expertise.filter(user_id=user.id), "skill", "level"),
        "learningNeeds": _rows(
            await LearningNeed.filter(user_id=user.id),
            "skill", "current_level", "target_level", "priority",
        ),
        "directoryMarks": _rows(await DirectoryMark.filter(user_id=user.id), "mentor_id", "mark"),
        "organisations": [
            {"id": m.organisation_id, "name": m.organisation.name, "role": m.role}
            for m in memberships
        ],
        "staffRoles": _rows(await ProgrammeStaff.filter(user_id=user.id), "programme_id", "role"),
        "enrolments": [
            {
                "programmeId": e.programme_id, "programme": e.programme.name,
                "asMentor": e.as_mentor, "asMentee": e.as_mentee, "motivation": e.motivation,
                "mentorStatus": e.mentor_status, "screeningReason": e.screening_reason,
                "journeyStage": stages.get(e.id), "createdAt": e.created_at,
            }
            for e in enrolments
        ],
        "requests": _rows(
            await MentorRequest.filter(Q(mentee_id=user.id) | Q(mentor_id=user.id)),
            "id", "programme_id", "mentee_id", "mentor_id", "message", "status",
            "decline_reason", "created_at", "decided_at",
        ),
        "relationships": [
            {
                "id": r.id, "programmeId": r.programme_id, "model": r.mentoring_model,
                "role": "mentor" if r.mentor_id == user.id else "member", "status": r.status,
                "startedAt": r.started_at, "endedAt": r.ended_at, "endReason": r.end_reason,
                "others": [{"id": p, "displayName": names.get(p)} for p in people[r.id]],
            }
            for r in relationships
        ],
        "goals": [
            {
                "id": g.id, "relationshipId": g.relationship_id, "title": g.title,
                "specificOutcome": g.specific_outcome, "measurableTarget": g.measurable_target,
                "dueOn": g.due_on, "status": g.status, "evidence": g.evidence,
                "dropReason": g.drop_reason, "reachedAt": g.reached_at,
                "milestones": _rows(milestones.get(g.id, []), "title", "due_on", "reached_at"),
            }
            for g in goals
        ],
        "sessions": [
            {
                "id": s.id, "relationshipId": s.relationship_id, "kind": s.kind,
                "startsAt": s.starts_at, "endsAt": s.ends_at, "agenda": s.agenda,
                "status": s.status, "attended": attended.get(s.id),
            }
            for s in sessions
        ],
        "journals": _rows(
            await Journal.filter(author_id=user.id),
            "relationship_id", "week_of", "reflection", "learned", "next_step", "shared",
            "updated_at",
        ),
        "messages": _rows(
            await ConversationMessage.filter(author_id=user.id).order_by("id"),
            "relationship_id", "body", "created_at", "edited_at", "deleted_at",
        ),
        "roomMessages": _rows(
            await RoomMessage.filter(author_id=user.id).order_by("id"),
            "room_id", "body", "created_at", "deleted_at",
        ),
        "feedback": _rows(
            await SessionFeedback.filter(author_id=user.id), "session_id", "rating", "comment",
            "created_at",
        ),
        "checkIns": _rows(
            await Pulse.filter(user_id=user.id), "relationship_id", "round", "answers",
            "comment", "created_at",
        ),
        "rematchRequests": _rows(
            await RematchRequest.filter(requester_id=user.id), "relationship_id", "reason",
            "status", "created_at",
        ),
        "concernReports": _rows(
            await ConcernReport.filter(reporter_id=user.id), "relationship_id", "text",
            "status", "created_at",
        ),
        "evaluations": _rows(
            await Evaluation.filter(author_id=user.id), "kind", "programme_id",
            "relationship_id", "rating", "answers", "comment", "given_on",
        ),
        "expensesForYou": [
            {"programme_id": e.programme_id, "category": e.category, "amount": str(e.amount),
             "currency": e.currency, "spent_on": e.spent_on, "description": e.description}
            for e in await Expense.filter(participant_id=user.id)
        ],
        "skillAssessments": _rows(
            await SkillAssessment.filter(user_id=user.id), "programme_id", "skill", "phase",
            "level", "created_at",
        ),
        "badges": [
            {"badge": label(a.badge), "awardedAt": a.awarded_at, "revokedAt": a.revoked_at}
            for a in await BadgeAward.filter(user_id=user.id).select_related("badge")
        ],
        "certificates": _rows(
            await Certificate.filter(recipient_id=user.id), "kind", "code", "programme_name",
            "recipient_name", "issued_at", "revoked_at",
        ),
        "notifications": _rows(
            await Notification.filter(user_id=user.id).limit(1000), "kind", "title", "body",
            "created_at", "read_at",
        ),
        "mentorLevels": _rows(
            await MentorStanding.filter(user_id=user.id), "organisation_id", "level", "since",
            "nomination",
        ),
        "training": _rows(
            await TrainingCompletion.filter(user_id=user.id), "module_id", "status",
            "declared_at", "confirmed_at",
        ),
        "expertiseConfirmations": _rows(
            await ExpertiseConfirmation.filter(user_id=user.id), "organisation_id",
            "focus_area_id", "level", "confirmed_at",
        ),
        "levelHistory": _rows(
            await LevelEvent.filter(user_id=user.id).order_by("id"), "organisation_id", "kind",
            "module_id", "from_level", "to_level", "note", "at",
        ),
        "apiTokens": _rows(
            await AccessToken.filter(user_id=user.id).order_by("id"), "kind", "name", "scopes",
            "created_at", "expires_at", "revoked_at", "last_used_at",
        ),
        "calendarFeeds": _rows(
            await CalendarFeed.filter(user_id=user.id), "created_at", "revoked_at"
        ),
        "webhooks": _rows(
            await Webhook.filter(created_by_id=user.id), "programme_id", "url", "created_at",
            "disabled_reason",
        ),
    }  # fmt: skip
    return _plain(document)


# --- deletion --------------------------------------------------------------------------


async def _sole_admin_of(user: User) -> list[str]:
    """Names of organisations where ``user`` is the only active admin."""
    stuck = []
    for membership in await OrgMembership.filter(
        user_id=user.id, role=OrgRole.ADMIN
    ).select_related("organisation"):
        others = await OrgMembership.filter(
            organisation_id=membership.organisation_id,
            role=OrgRole.ADMIN,
            user__is_active=True,
        ).exclude(user_id=user.id)
        if not others:
            stuck.append(membership.organisation.name)
    return sorted(stuck)


async def _end_relationships(
    user: User, recorder: Recorder
) -> tuple[list[int], list[Relationship]]:
    """End the user's part in open relationships: as mentor, or as a group's last member,
    the relationship is cancelled (and stays as history); from a group with others, they
    leave it. Returns (cancelled ids, relationships left)."""
    cancelled: list[int] = []
    left: list[Relationship] = []
    as_member = await RelationshipMember.filter(user_id=user.id).values_list(
        "relationship_id", flat=True
    )
    for relationship in await Relationship.filter(
        Q(mentor_id=user.id) | Q(id__in=as_member), status__in=OPEN_STATUSES
    ).order_by("id"):
        others = await RelationshipMember.filter(relationship_id=relationship.id).exclude(
            user_id=user.id
        )
        if relationship.mentor_id != user.id and others:
            await take_out(relationship, user.id, user.id, LEAVING_REASON, recorder)
            left.append(relationship)
        elif await apply_transition(
            relationship, TRANSITIONS["cancel"], user.id, LEAVING_REASON, recorder
        ):
            cancelled.append(relationship.id)
    return cancelled, left


async def delete_account(
    user: User, password: str
) -> tuple[list[MentorRequest], list[MentorRequest]]:
    """Erase the member's personal data and close the account (see the module's docstring).

    Returns the pending requests it closed, (sent, received), so the other side can be told.
    """
    if len(password) > 1024:
        raise BadInput("The password is wrong.", field="password")
    try:
        await authenticate(user.email, password)
    except Unauthenticated:
        raise BadInput("The password is wrong.", field="password") from None
    if stuck := await _sole_admin_of(user):
        raise Conflict(
            f"You are the only admin of {', '.join(stuck)}: make someone else an admin "
            "(setOrganisationRole) before deleting your account.",
            field="password",
        )
    await expire_overdue()
    removed: dict[str, int] = {}
    async with recording() as recorder:
        cancelled, left = await _end_relationships(user, recorder)
        removed["relationshipsCancelled"], removed["groupsLeft"] = len(cancelled), len(left)
        pending = await MentorRequest.filter(
            Q(mentee_id=user.id) | Q(mentor_id=user.id), status=RequestStatus.PENDING
        )
        sent = [r for r in pending if r.mentee_id == user.id]
        received = [r for r in pending if r.mentor_id == user.id]
        for requests, status in (
            (sent, RequestStatus.WITHDRAWN),
            (received, RequestStatus.DECLINED),
        ):
            if requests:
                await MentorRequest.filter(id__in=[r.id for r in requests]).update(
                    status=status, decided_at=now()
                )
        # what they wrote to mentors in requests is theirs alone
        await MentorRequest.filter(mentee_id=user.id).update(message="")
        await Enrolment.filter(user_id=user.id).update(motivation="")
        await Evaluation.filter(author_id=user.id).update(author_id=None)
        # levels stay counted (as the tombstone's); what was written about the person goes
        await MentorStanding.filter(user_id=user.id).update(nomination="")
        await LevelEvent.filter(user_id=user.id).update(note="")
        await Profile.filter(user_id=user.id).update(
            bio="", languages=[], availability=[], goals="", questionnaire={}, capacity=0,
            open_for_requests=False, birth_year=None, listed_in_directory=False,
            contact_email="", contact_phone="", attributes={}, timezone="Asia/Jakarta",
            show_badges=False,
        )  # fmt: skip
        removed["badges"] = await erase_holder(user.id)
        removed["certificates"] = await erase_recipient(user.id, DELETED_NAME, LEAVING_REASON)
        for name, query in (
            ("expertise", Expertise.filter(user_id=user.id)),
            ("learningNeeds", LearningNeed.filter(user_id=user.id)),
            ("directoryMarks", DirectoryMark.filter(Q(user_id=user.id) | Q(mentor_id=user.id))),
            ("tokens", AccessToken.filter(user_id=user.id)),
            ("passwordResets", PasswordReset.filter(user_id=user.id)),
            ("calendarFeeds", CalendarFeed.filter(user_id=user.id)),
            ("webhooks", Webhook.filter(created_by_id=user.id)),
            ("notifications", Notification.filter(user_id=user.id)),
            ("privateJournals", Journal.filter(author_id=user.id, shared=False)),
            ("mail", OutboxEmail.filter(to_address=user.email)),
            ("organisationRoles", OrgMembership.filter(user_id=user.id)),
            ("staffRoles", ProgrammeStaff.filter(user_id=user.id)),
            ("conversationReads", ConversationRead.filter(user_id=user.id)),
            ("roomPresence", RoomPresence.filter(user_id=user.id)),
            ("moderatorVotes", ModeratorVote.filter(Q(voter_id=user.id) | Q(candidate_id=user.id))),
            ("training", TrainingCompletion.filter(user_id=user.id)),
            ("expertiseConfirmations", ExpertiseConfirmation.filter(user_id=user.id)),
        ):
            removed[name] = await query.delete()
        await User.filter(id=user.id).update(
            email=f"deleted-{user.id}@deleted.invalid",
            password_hash="!deleted",  # no argon2 hash: nothing ever verifies against it
            display_name=DELETED_NAME,
            is_active=False,
        )
        await announce(AccessWithdrawn(user.id, roles=True))  # after the commit
        await AccountDeletion.create(user_id=user.id, removed=removed)
        await directory_index.refresh([user.id])  # unlisted: no longer in any directory
    await close_rooms_of(cancelled, "The relationship is cancelled.")
    for relationship in left:
        await after_taking_out(relationship, user.id)
    return sent, received
