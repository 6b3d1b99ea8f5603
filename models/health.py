"""Relationship health: how each relationship is doing, with the reasons, for coordinators.

Computed when asked, from what the relationship has left behind (sessions, journals, goals,
feedback, concerns), so there is nothing to keep in sync. Inactivity is measured from the
last session held or journal written (or the start, if there is none yet).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import mean
from typing import TypeVar

from models.accounts import User, now
from models.goals import Goal, GoalStatus, Journal, SessionFeedback
from models.programmes import coordinated_programme
from models.relationships import OPEN_STATUSES, Relationship
from models.requests import MentorRequest, RequestStatus
from models.safeguarding import ConcernReport, ConcernStatus
from models.sessions import Session, SessionStatus

WINDOW = timedelta(days=30)
T = TypeVar("T")


@dataclass
class Health:
    relationship: Relationship
    score: int
    reasons: list[str] = field(default_factory=list)
    days_inactive: int = 0
    inactive: bool = False
    offer_closing: bool = False


@dataclass
class UnansweredMentor:
    mentor_id: int
    pending: int
    oldest_days: int


def _assess(
    relationship: Relationship,
    held_recent: int,
    last_activity: datetime,
    goals: list[Goal],
    ratings: list[int],
    journals_recent: int,
    open_concerns: int,
    inactive_after: int,
    close_after: int,
) -> Health:
    days = max(0, (now() - last_activity).days)
    score, reasons = 50, []
    if held_recent:
        score += min(held_recent, 4) * 8
        reasons.append(f"{held_recent} session(s) held in the last 30 days")
    else:
        score -= 15
        reasons.append("no session held in the last 30 days")
    if journals_recent:
        score += min(journals_recent, 4) * 3
        reasons.append(f"{journals_recent} journal(s) in the last 30 days")
    if goals:
        reached = sum(g.status == GoalStatus.REACHED for g in goals)
        score += round(15 * reached / len(goals))
        reasons.append(f"{reached} of {len(goals)} goal(s) reached")
    else:
        score -= 5
        reasons.append("no goals set yet")
    if ratings:
        average = mean(ratings)
        score += round((average - 3) * 8)
        reasons.append(f"session rating {average:.1f} of 5")
    if open_concerns:
        score -= 30
        reasons.append(f"{open_concerns} open safeguarding concern(s)")
    if days > inactive_after:
        score -= 20
        reasons.append(f"no activity for {days} days")
    return Health(
        relationship, max(0, min(100, score)), reasons, days,
        inactive=days > inactive_after, offer_closing=days > close_after,
    )  # fmt: skip


async def last_activity(relationship: Relationship) -> datetime:
    """The last session held or journal written, or the start when there is none yet."""
    held = (
        await Session.filter(relationship_id=relationship.id, status=SessionStatus.HELD)
        .order_by("-ends_at")
        .first()
    )
    journal = await Journal.filter(relationship_id=relationship.id).order_by("-updated_at").first()
    moments = [m for m in (held and held.ends_at, journal and journal.updated_at) if m]
    return max([*moments, relationship.started_at or relationship.created_at])


def _by_relationship(pairs: Iterable[tuple[int, T]]) -> dict[int, list[T]]:
    grouped: dict[int, list[T]] = {}
    for relationship_id, item in pairs:
        grouped.setdefault(relationship_id, []).append(item)
    return grouped


async def programme_health(user: User, programme_id: int) -> list[Health]:
    """Every open relationship of the programme, weakest first."""
    programme = await coordinated_programme(user, programme_id)
    relationships = await Relationship.filter(programme_id=programme.id, status__in=OPEN_STATUSES)
    ids = [r.id for r in relationships]
    since = now() - WINDOW
    sessions = _by_relationship(
        (s.relationship_id, s)
        for s in await Session.filter(relationship_id__in=ids, status=SessionStatus.HELD)
    )
    journals = _by_relationship(
        (j.relationship_id, j) for j in await Journal.filter(relationship_id__in=ids)
    )
    goals = _by_relationship(
        (g.relationship_id, g) for g in await Goal.filter(relationship_id__in=ids)
    )
    ratings = _by_relationship(
        await SessionFeedback.filter(session__relationship_id__in=ids).values_list(
            "session__relationship_id", "rating"
        )
    )
    concerns = Counter(
        await ConcernReport.filter(relationship_id__in=ids, status=ConcernStatus.OPEN).values_list(
            "relationship_id", flat=True
        )
    )
    found = []
    for r in relationships:
        mine_sessions, mine_journals = sessions.get(r.id, []), journals.get(r.id, [])
        moments = [s.ends_at for s in mine_sessions] + [j.updated_at for j in mine_journals]
        last = max([*moments, r.started_at or r.created_at])
        found.append(_assess(
            r,
            held_recent=sum(s.ends_at >= since for s in mine_sessions),
            last_activity=last,
            goals=goals.get(r.id, []),
            ratings=ratings.get(r.id, []),
            journals_recent=sum(j.updated_at >= since for j in mine_journals),
            open_concerns=concerns[r.id],
            inactive_after=programme.inactivity_days,
            close_after=programme.close_after_days,
        ))  # fmt: skip
    return sorted(found, key=lambda h: (h.score, h.relationship.id))


async def unanswered_requests(
    user: User, programme_id: int, days: int = 7
) -> list[UnansweredMentor]:
    """Mentors sitting on requests older than ``days``: a coordinator may want to nudge."""
    programme = await coordinated_programme(user, programme_id)
    cutoff = now() - timedelta(days=days)
    rows = await MentorRequest.filter(
        programme_id=programme.id,
        status=RequestStatus.PENDING,
        created_at__lte=cutoff,
        expires_at__gt=now(),
    ).values_list("mentor_id", "created_at")
    grouped: dict[int, list[datetime]] = {}
    for mentor_id, created in rows:
        grouped.setdefault(mentor_id, []).append(created)
    return [
        UnansweredMentor(mentor, len(times), (now() - min(times)).days)
        for mentor, times in sorted(grouped.items())
    ]
