"""What coordinators decide about mentors' levels: the thresholds (admins), expertise seen,
a nomination, a promotion, a correction. Each is recorded in the member's history with who
and when.

Promotion is never automatic: a coordinator confirms it, only to the next level, only when
every requirement is met (models/eligibility.py), and never their own. Two coordinators
confirming at once cannot skip a level: the change applies only if the member's level has
not changed since it was evaluated (``MentorStanding.changes``). A correction sets a level
lower (or to none), with a reason. The mentor, and the other coordinators, are told.
"""

from __future__ import annotations

from typing import Any

from models.accounts import User, now
from models.announcements import transaction
from models.eligibility import Progress, progress_of
from models.errors import BadInput, Conflict, Forbidden
from models.level_watch import notify, watch
from models.levels import (
    LEVEL_NAMES,
    RULE_FIELDS,
    RULE_RANGES,
    ExpertiseConfirmation,
    HistoryKind,
    Level,
    LevelRules,
    MentorStanding,
    coordinated_organisation,
    coordinator_ids,
    member_of,
    member_organisation,
    not_oneself,
    rank,
    reason_text,
    record,
    rules_of,
)
from models.notifications import NotificationKind
from models.organisations import FocusArea, Organisation, is_org_admin
from models.profiles import Expertise


async def _decided_by_coordinator(
    coordinator: User, organisation_id: int, member_id: int, what: str
) -> tuple[Organisation, User]:
    organisation = await coordinated_organisation(coordinator, organisation_id)
    member = await member_of(organisation_id, member_id)
    not_oneself(coordinator, member_id, what)
    return organisation, member


async def set_rules(user: User, organisation_id: int, changes: dict[str, Any]) -> LevelRules:
    """Organisation admins change the thresholds given; each is range-checked first."""
    await member_organisation(user, organisation_id)
    if not await is_org_admin(user, organisation_id):
        raise Forbidden("Only an organisation admin sets the level thresholds.")
    for key, value in changes.items():
        low, high = RULE_RANGES[key]
        if value is None or not low <= value <= high:
            raise BadInput(f"Give a value from {low:g} to {high:g}.", field=RULE_FIELDS[key])
    rules = await rules_of(organisation_id)
    for key, value in changes.items():
        setattr(rules, key, round(value, 2) if key == "coach_mean_rating" else value)
    await rules.save()
    watch.organisation(organisation_id)  # thresholds decide who is eligible
    return rules


async def confirm_expertise(
    coordinator: User, organisation_id: int, member_id: int, focus_area: str
) -> ExpertiseConfirmation:
    """Confirm the level the member's profile claims in a focus area of the organisation
    (their highest skill there); confirming the same level again changes nothing."""
    await _decided_by_coordinator(coordinator, organisation_id, member_id, "expertise")
    area = await FocusArea.get_or_none(organisation_id=organisation_id, slug=focus_area)
    if area is None:
        raise BadInput(f"Unknown focus area: {focus_area[:60]}.", field="focusArea")
    claimed = await Expertise.filter(user_id=member_id, focus_area_id=area.id).values_list(
        "level", flat=True
    )
    if not claimed:
        raise Conflict(
            "The member's profile lists no skill in this focus area to confirm.",
            field="focusArea",
        )
    level = max(claimed)
    async with transaction():
        confirmation, created = await ExpertiseConfirmation.get_or_create(
            user_id=member_id,
            focus_area_id=area.id,
            defaults={
                "organisation_id": organisation_id,
                "level": level,
                "confirmed_by_id": coordinator.id,
                "confirmed_at": now(),
            },
        )
        if not created and confirmation.level == level:
            return confirmation
        if not created:
            confirmation.level, confirmation.confirmed_by_id = level, coordinator.id
            confirmation.confirmed_at = now()
            await confirmation.save(update_fields=["level", "confirmed_by_id", "confirmed_at"])
        await record(
            organisation_id, member_id, coordinator.id, HistoryKind.EXPERTISE_CONFIRMED,
            focus_area_id=area.id, note=f"level {level}",
        )  # fmt: skip
    watch.person(organisation_id, member_id)
    return confirmation


async def nominate(
    coordinator: User, organisation_id: int, member_id: int, reason: str
) -> Progress:
    """Nominate a Mentor Coach for Community Leader, naming their exceptional impact; a
    nomination stands until it is withdrawn or the level changes."""
    await _decided_by_coordinator(coordinator, organisation_id, member_id, "nomination")
    reason = reason_text(reason)
    standing = await MentorStanding.get_or_none(organisation_id=organisation_id, user_id=member_id)
    if standing is None or standing.level != Level.MENTOR_COACH:
        raise Conflict("Only a Mentor Coach can be nominated for Community Leader.", field="userId")
    async with transaction():
        nominated = await MentorStanding.filter(
            id=standing.id, level=Level.MENTOR_COACH, nominated_at__isnull=True
        ).update(nominated_by_id=coordinator.id, nominated_at=now(), nomination=reason)
        if nominated:
            await record(
                organisation_id, member_id, coordinator.id, HistoryKind.NOMINATED, note=reason
            )
    watch.person(organisation_id, member_id)
    return await progress_of(organisation_id, member_id)


async def withdraw_nomination(
    coordinator: User, organisation_id: int, member_id: int, reason: str
) -> Progress:
    await _decided_by_coordinator(coordinator, organisation_id, member_id, "nomination")
    reason = reason_text(reason)
    async with transaction():
        withdrawn = await MentorStanding.filter(
            organisation_id=organisation_id, user_id=member_id, nominated_at__isnull=False
        ).update(nominated_by_id=None, nominated_at=None, nomination="")
        if withdrawn:
            await record(
                organisation_id, member_id, coordinator.id, HistoryKind.NOMINATION_WITHDRAWN,
                note=reason,
            )  # fmt: skip
    return await progress_of(organisation_id, member_id)


async def _change_level(
    coordinator: User,
    organisation: Organisation,
    member: User,
    progress: Progress,
    to: Level | None,
    kind: HistoryKind,
    note: str = "",
) -> None:
    """Move the member's level, if nobody moved it since ``progress`` was read; record it
    and tell the member and the other coordinators after the commit."""
    standing, _ = await MentorStanding.get_or_create(
        organisation_id=organisation.id, user_id=member.id, defaults={"since": now()}
    )
    coordinators = await coordinator_ids(organisation.id)
    to_id, to_en = LEVEL_NAMES[to] if to else ("belum ada level", "no level")
    if kind == HistoryKind.PROMOTED:
        to_mentor = (
            f"Naik level: {to_id} / Promoted: {to_en}",
            f"Selamat! {coordinator.display_name} mengonfirmasi level Anda di "
            f"{organisation.name}: {to_id}. Congratulations! {coordinator.display_name} "
            f"confirmed your level at {organisation.name}: {to_en}.",
        )
        to_others = (
            f"{member.display_name} naik ke {to_id} / {member.display_name} promoted to {to_en}",
            f"Dikonfirmasi oleh / Confirmed by {coordinator.display_name}.",
        )
    else:
        to_mentor = (
            f"Level Anda dikoreksi: {to_id} / Your level was corrected: {to_en}",
            f"{coordinator.display_name} mengoreksi level Anda di {organisation.name} menjadi "
            f"{to_id}. {coordinator.display_name} corrected your level at {organisation.name} "
            f"to {to_en}. Alasan / Reason: {note}",
        )
        to_others = (
            f"Level {member.display_name} dikoreksi: {to_id} / {member.display_name}'s level "
            f"corrected: {to_en}",
            f"Oleh / By {coordinator.display_name}. Alasan / Reason: {note}",
        )
    async with transaction():
        changed = await MentorStanding.filter(id=standing.id, changes=progress.changes).update(
            level=to,
            since=now(),
            changes=progress.changes + 1,
            nominated_by_id=None,
            nominated_at=None,
            nomination="",
        )
        if not changed:
            raise Conflict("The level changed meanwhile; reload and try again.", field="userId")
        await record(
            organisation.id, member.id, coordinator.id, kind,
            from_level=progress.level, to_level=to, note=note,
        )  # fmt: skip
        await notify(
            NotificationKind.LEVEL_CHANGED,
            [
                (member.id, *to_mentor),
                *(
                    (other, *to_others)
                    for other in sorted(coordinators - {coordinator.id, member.id})
                ),
            ],
        )
    watch.person(organisation.id, member.id)


async def promote(coordinator: User, organisation_id: int, member_id: int, to: Level) -> Progress:
    """Confirm the member's next level. Asking again for the level they hold changes
    nothing; any other level than the next one, or unmet requirements, is CONFLICT."""
    organisation, member = await _decided_by_coordinator(
        coordinator, organisation_id, member_id, "promotion"
    )
    progress = await progress_of(organisation_id, member_id)
    if progress.level == to:
        return progress
    if progress.next_level != to:
        upcoming = LEVEL_NAMES[progress.next_level][1] if progress.next_level else "none"
        raise Conflict(
            f"Promotions go one level at a time: the next level is {upcoming}.", field="to"
        )
    if not progress.eligible:
        raise Conflict(f"Not every requirement is met yet. {progress.missing_en()}", field="to")
    await _change_level(coordinator, organisation, member, progress, to, HistoryKind.PROMOTED)
    return await progress_of(organisation_id, member_id)


async def correct(
    coordinator: User, organisation_id: int, member_id: int, to: Level | None, reason: str
) -> Progress:
    """Set a level lower than the member holds (None: no level), saying why."""
    organisation, member = await _decided_by_coordinator(
        coordinator, organisation_id, member_id, "level"
    )
    reason = reason_text(reason)
    progress = await progress_of(organisation_id, member_id)
    if rank(to) >= rank(progress.level):
        raise Conflict(
            "A correction sets a lower level than the member holds; promote to go up.", field="to"
        )
    await _change_level(
        coordinator, organisation, member, progress, to, HistoryKind.CORRECTED, reason
    )
    return await progress_of(organisation_id, member_id)
