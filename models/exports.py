"""A programme's records for its coordinators, as one JSON document or CSV tables: who takes
part, who was invited, the relationships, the sessions, and feedback in aggregate.

What is left out on purpose: journal texts (only how many entries a relationship has),
feedback and evaluation comments (only counts, means and distributions), session agendas
and notes, messages. A file travels further than the app's access checks, so a minor's
contact details (account email, phone) and birth year are left out too; the coordinators
reach a minor through Rajut, where the profile shows them. An address whose account was
deleted is blank. Ids are Rajut's internal numbers, as in a member's own data export.

CSV cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a
carriage return) get a leading apostrophe, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from datetime import date, datetime
from statistics import mean
from typing import Any

from models.accounts import User, now
from models.errors import BadInput
from models.evaluations import evaluation_summary
from models.goals import Goal, GoalStatus, Journal, SessionFeedback
from models.invitations import Invitation, InvitationKind
from models.journeys import JourneyPosition, JourneyStage
from models.profiles import ADULT_AGE, Profile
from models.programmes import Enrolment, coordinated_programme
from models.relationships import Relationship, RelationshipMember
from models.sessions import Attendance, Session, SessionStatus

FORMAT = "rajut-programme-export/1"
RATINGS = ("feedbackCount", "meanRating", "rating1", "rating2", "rating3", "rating4", "rating5")
# every CSV table's columns, in order (the JSON document's rows carry the same keys)
TABLES: dict[str, tuple[str, ...]] = {
    "participants": (
        "enrolmentId", "userId", "displayName", "email", "asMentor", "asMentee",
        "mentorStatus", "journeyStage", "minor", "languages", "timezone", "birthYear",
        "phone", "enrolledAt",
    ),
    "invitations": (
        "invitationId", "email", "role", "status", "invitedAt", "expiresAt", "decidedAt",
    ),
    "relationships": (
        "relationshipId", "mentoringModel", "status", "origin", "mentorId", "memberIds",
        "createdAt", "startedAt", "endedAt", "sessionsHeld", "journalEntries", "goals",
        "goalsReached",
    ),
    "sessions": (
        "sessionId", "relationshipId", "kind", "status", "startsAt", "endsAt", "attended",
        "absent", *RATINGS,
    ),
    "feedback": ("relationshipId", *RATINGS),
}  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def _ratings(ratings: list[int]) -> dict[str, Any]:
    counts = Counter(ratings)
    return {
        "feedbackCount": len(ratings),
        "meanRating": round(mean(ratings), 2) if ratings else None,
        **{f"rating{n}": counts.get(n, 0) for n in range(1, 6)},
    }


async def _participants(programme_id: int) -> list[dict[str, Any]]:
    profiles = {
        row["user_id"]: row
        for row in await Profile.filter(user__enrolments__programme_id=programme_id).values(
            "user_id", "languages", "timezone", "birth_year", "contact_phone"
        )
    }
    stages = dict(
        await JourneyPosition.filter(enrolment__programme_id=programme_id).values_list(
            "enrolment_id", "stage"
        )
    )
    year = now().year
    rows = []
    for e in await Enrolment.filter(programme_id=programme_id).order_by("id").values(
        "id", "user_id", "as_mentor", "as_mentee", "mentor_status", "created_at",
        "user__display_name", "user__email", "user__is_active",
    ):  # fmt: skip
        profile = profiles.get(e["user_id"], {})
        birth_year = profile.get("birth_year")
        minor = birth_year is None or year - birth_year < ADULT_AGE  # as Profile.is_minor
        shown = e["user__is_active"] and not minor
        rows.append(
            {
                "enrolmentId": e["id"],
                "userId": e["user_id"],
                "displayName": e["user__display_name"],
                "email": e["user__email"] if shown else None,
                "asMentor": e["as_mentor"],
                "asMentee": e["as_mentee"],
                "mentorStatus": e["mentor_status"].value,
                "journeyStage": stages.get(e["id"], JourneyStage.APPLICATION).value,
                "minor": minor,
                "languages": profile.get("languages", []),
                "timezone": profile.get("timezone"),
                "birthYear": birth_year if shown else None,
                "phone": (profile.get("contact_phone") or None) if shown else None,
                "enrolledAt": _iso(e["created_at"]),
            }
        )
    return rows


async def _invitations(programme_id: int) -> list[dict[str, Any]]:
    moment = now()
    return [
        {
            "invitationId": i.id,
            "email": i.email,
            "role": i.role,
            "status": i.current_status(moment).value,
            "invitedAt": _iso(i.created_at),
            "expiresAt": _iso(i.expires_at),
            "decidedAt": _iso(i.decided_at),
        }
        for i in await Invitation.filter(
            programme_id=programme_id, kind=InvitationKind.PROGRAMME_PARTICIPANT
        ).order_by("id")
    ]


async def _sessions(programme_id: int) -> tuple[list[dict[str, Any]], dict[int, list[int]]]:
    """The sessions, and every rating given, by relationship."""
    attended: dict[int, Counter[bool]] = defaultdict(Counter)
    for session_id, present in await Attendance.filter(
        session__relationship__programme_id=programme_id
    ).values_list("session_id", "attended"):
        attended[session_id][present] += 1
    ratings: dict[int, list[int]] = defaultdict(list)
    for session_id, rating in await SessionFeedback.filter(
        session__relationship__programme_id=programme_id
    ).values_list("session_id", "rating"):
        ratings[session_id].append(rating)
    rows = []
    by_relationship: dict[int, list[int]] = defaultdict(list)
    for s in (
        await Session.filter(relationship__programme_id=programme_id)
        .order_by("id")
        .values("id", "relationship_id", "kind", "status", "starts_at", "ends_at")
    ):
        by_relationship[s["relationship_id"]] += ratings[s["id"]]
        rows.append(
            {
                "sessionId": s["id"],
                "relationshipId": s["relationship_id"],
                "kind": s["kind"].value,
                "status": s["status"].value,
                "startsAt": _iso(s["starts_at"]),
                "endsAt": _iso(s["ends_at"]),
                "attended": attended[s["id"]][True],
                "absent": attended[s["id"]][False],
                **_ratings(ratings[s["id"]]),
            }
        )
    return rows, by_relationship


async def _relationships(programme_id: int, sessions: list[dict[str, Any]]) -> list[dict]:
    members: dict[int, list[int]] = defaultdict(list)
    for relationship_id, user_id in (
        await RelationshipMember.filter(relationship__programme_id=programme_id)
        .order_by("id")
        .values_list("relationship_id", "user_id")
    ):
        members[relationship_id].append(user_id)
    journals = Counter(
        await Journal.filter(relationship__programme_id=programme_id).values_list(
            "relationship_id", flat=True
        )
    )
    goals: dict[int, Counter[str]] = defaultdict(Counter)
    for relationship_id, status in await Goal.filter(
        relationship__programme_id=programme_id
    ).values_list("relationship_id", "status"):
        goals[relationship_id][status] += 1
    held = Counter(s["relationshipId"] for s in sessions if s["status"] == SessionStatus.HELD)
    relationships = await Relationship.filter(programme_id=programme_id).order_by("id")
    return [
        {
            "relationshipId": r.id,
            "mentoringModel": r.mentoring_model.value,
            "status": r.status.value,
            "origin": r.origin.value,
            "mentorId": r.mentor_id,
            "memberIds": members[r.id],
            "createdAt": _iso(r.created_at),
            "startedAt": _iso(r.started_at),
            "endedAt": _iso(r.ended_at),
            "sessionsHeld": held[r.id],
            "journalEntries": journals[r.id],
            "goals": sum(goals[r.id].values()),
            "goalsReached": goals[r.id][GoalStatus.REACHED],
        }
        for r in relationships
    ]


async def programme_export(user: User, programme_id: int) -> dict[str, Any]:
    """The programme's records as one JSON-ready document, for its coordinators."""
    programme = await coordinated_programme(user, programme_id)
    await programme.fetch_related("organisation")
    sessions, ratings = await _sessions(programme.id)
    relationships = await _relationships(programme.id, sessions)
    summary = await evaluation_summary(user, programme.id)
    return {
        "format": FORMAT,
        "exportedAt": _iso(now()),
        "programme": {
            "id": programme.id,
            "name": programme.name,
            "slug": programme.slug,
            "organisation": programme.organisation.name,
            "status": programme.status.value,
            "startsOn": _iso(programme.starts_on),
            "endsOn": _iso(programme.ends_on),
        },
        "participants": await _participants(programme.id),
        "invitations": await _invitations(programme.id),
        "relationships": relationships,
        "sessions": sessions,
        "feedback": {
            "summary": {
                kind: {
                    "count": s.count,
                    "meanRating": s.mean_rating,
                    "distribution": {str(k): v for k, v in s.distribution.items()},
                }
                for kind, s in summary.items()
            },
            "byRelationship": [
                {"relationshipId": r["relationshipId"], **_ratings(ratings[r["relationshipId"]])}
                for r in relationships
            ],
        },
    }


def _cell(value: Any) -> Any:
    """A spreadsheet-safe cell: lists space-separated, formula starts neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, list):
        value = " ".join(str(item) for item in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def table_csv(document: dict[str, Any], table: str) -> str:
    """One table of an export as CSV (UTF-8 with a byte-order mark, so Excel reads it as
    UTF-8 and `rajut import` reads it back). CPU-bound for large programmes: run it in a
    worker thread."""
    if table not in TABLES:
        raise BadInput(f"Tables: {', '.join(TABLES)}.", field="table")
    rows = document["feedback"]["byRelationship"] if table == "feedback" else document[table]
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=TABLES[table])
    writer.writeheader()
    writer.writerows({key: _cell(value) for key, value in row.items()} for row in rows)
    return out.getvalue()
