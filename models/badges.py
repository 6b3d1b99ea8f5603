"""Badges: each organisation's catalogue, and the awards members earn by what they do.

**Where the rules run.** A recogniser reads the durable progress log (models/progress.py)
*after* commit, by cursor: one cursor per programme in ``badge_cursors``. It does not run
inside the transaction that records an event, because

- a member's action never waits for badge rules or fails because of one: recording an
  event stays as cheap as before, and a faulty rule cannot roll back a session held;
- nothing is lost: each programme numbers its events in commit order, so a cursor at 41 has
  seen exactly events 1 to 41, and a process that stops mid-page reads again from its
  cursor on the next pass (or in another process);
- repeating is harmless by construction: an award is a row under a unique (badge, member)
  constraint, inserted in a savepoint of its own with the member's notification; a second
  insert (a replay, or another process reading the same page) hits the constraint and is
  dropped with its notification. Evaluation is at-least-once, awarding exactly-once.

Rules measure state ("has attended five sessions"), not the event alone
(models/badge_rules.py), so the order in which events are read does not matter and a replay
measures the same thing. Rules that no progress event triggers (helpful votes on articles)
and badges not yet *backfilled* (a new badge in the catalogue, a default seeded into an
existing organisation) are swept on every pass: every member already qualifying is awarded
once. Every app process runs the recogniser every BADGE_INTERVAL seconds; awards reach
members within about that time.

**Who sees what.** The catalogue is for the organisation's members; admins and the
coordinators of its programmes manage it. A member's awards are theirs; others see them on
the member's profile only when the member chose ``showBadges`` (and only where they may see
the profile at all: minors' profiles stay hidden from everyone but their own people).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections import defaultdict
from typing import Any

from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q, Subquery
from tortoise.models import Model

from models.accounts import User, now
from models.announcements import transaction
from models.badge_rules import RULES, Rule
from models.credentials import Claim, StatusEntry, allocate_status, issuer_url, new_salt
from models.errors import BadInput, Conflict, NotFound
from models.notifications import NotificationKind, notify_member
from models.organisations import Organisation, OrgMembership, is_org_admin
from models.profiles import Profile, ProfileView
from models.programmes import Programme, ProgrammeStaff, StaffRole
from models.progress import PAGE, ProgressCounter, ProgressEvent, events_after

log = logging.getLogger("rajut.badges")
MAX_BADGES = 100  # a catalogue's size, archived badges included
MAX_LISTED = 500
SWEEP_EVERY = 5  # passes of the recogniser between two sweeps


class Badge(Model):
    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "rajut.Organisation", related_name=False, on_delete=fields.CASCADE
    )
    key = fields.CharField(max_length=40, null=True)  # a default badge's; None for others
    rule = fields.CharField(max_length=32)  # a key of models.badge_rules.RULES
    threshold = fields.IntField()
    icon = fields.CharField(max_length=16, default="")  # an emoji or an icon name
    name_id = fields.CharField(max_length=120)
    name_en = fields.CharField(max_length=120)
    description_id = fields.TextField(default="")
    description_en = fields.TextField(default="")
    archived_at = fields.DatetimeField(null=True)
    backfilled_at = fields.DatetimeField(null=True)  # everyone qualifying then was awarded
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "badges"
        unique_together = (("organisation", "key"),)
        ordering = ["id"]


class BadgeAward(Model):
    id = fields.IntField(primary_key=True)
    badge: fields.ForeignKeyRelation[Badge] = fields.ForeignKeyField(
        "rajut.Badge", related_name="awards", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    programme_id = fields.IntField(null=True)  # where the deciding event happened
    uuid = fields.CharField(max_length=36, unique=True)  # the credential's urn:uuid
    salt = fields.CharField(max_length=32)  # for the credential's hashed address
    status: fields.OneToOneRelation[StatusEntry] = fields.OneToOneField(
        "rajut.StatusEntry", related_name=False, on_delete=fields.CASCADE
    )
    awarded_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)
    revoked_reason = fields.TextField(default="")

    class Meta:
        table = "badge_awards"
        unique_together = (("badge", "user"),)  # awarded once, whoever tries again
        ordering = ["-awarded_at", "-id"]


class BadgeCursor(Model):
    """The last progress event of one programme the recogniser has read."""

    id = fields.IntField(primary_key=True)
    programme: fields.OneToOneRelation[Programme] = fields.OneToOneField(
        "rajut.Programme", related_name=False, on_delete=fields.CASCADE
    )
    last_seq = fields.BigIntField(default=0)

    class Meta:
        table = "badge_cursors"


def label(badge: Badge) -> str:
    return f"{badge.name_id} / {badge.name_en}"


# --- who may do what ---------------------------------------------------------------------


async def manages(user: User, organisation_id: int) -> bool:
    """Admins of the organisation and coordinators of any of its programmes."""
    if await is_org_admin(user, organisation_id):
        return True
    return await ProgrammeStaff.filter(
        user_id=user.id,
        role=StaffRole.COORDINATOR,
        programme__organisation_id=organisation_id,
    ).exists()


async def _organisation_for(user: User, organisation_id: int) -> Organisation:
    found = await Organisation.get_or_none(id=organisation_id)
    if (
        found is None
        or not await OrgMembership.filter(organisation_id=organisation_id, user_id=user.id).exists()
    ):
        raise NotFound("No such organisation.", field="organisationId")
    return found


async def _managed_badge(user: User, badge_id: int) -> Badge:
    badge = await Badge.get_or_none(id=badge_id)
    if badge is None or not await manages(user, badge.organisation_id):
        raise NotFound("No such badge.", field="badgeId")
    return badge


# --- the catalogue -----------------------------------------------------------------------


async def ensure_catalogue(organisation_id: int) -> None:
    """Give the organisation every default badge it lacks (a new organisation, or a rule
    added since). Idempotent across processes: defaults are unique by key."""
    defaults = [(kind, d) for kind, rule in RULES.items() for d in rule.defaults]
    have = set(
        await Badge.filter(organisation_id=organisation_id, key__isnull=False).values_list(
            "key", flat=True
        )
    )
    for kind, default in defaults:
        if default.key in have:
            continue
        with contextlib.suppress(IntegrityError):  # another process seeded it first
            await Badge.create(
                organisation_id=organisation_id, key=default.key, rule=kind,
                threshold=default.threshold, icon=default.icon, name_id=default.name_id,
                name_en=default.name_en, description_id=default.description_id,
                description_en=default.description_en,
            )  # fmt: skip


async def catalogue(user: User, organisation_id: int, include_archived: bool) -> list[Badge]:
    await _organisation_for(user, organisation_id)
    await ensure_catalogue(organisation_id)
    query = Badge.filter(organisation_id=organisation_id)
    if not include_archived:
        query = query.filter(archived_at__isnull=True)
    return await query


def _check_text(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    for name, field in (("name_id", "nameId"), ("name_en", "nameEn")):
        if name in out:
            out[name] = out[name].strip()
            if not 1 <= len(out[name]) <= 120:
                raise BadInput("Give a name of 1 to 120 characters.", field=field)
    for name, field in (("description_id", "descriptionId"), ("description_en", "descriptionEn")):
        if name in out:
            out[name] = out[name].strip()
            if len(out[name]) > 2000:
                raise BadInput("Keep the description under 2000 characters.", field=field)
    if "icon" in out:
        out["icon"] = out["icon"].strip()
        if len(out["icon"]) > 16:
            raise BadInput("An icon is an emoji or a name of at most 16 characters.", field="icon")
    return out


def _check_rule(kind: str, threshold: int) -> Rule:
    rule = RULES.get(kind)
    if rule is None:
        raise BadInput("Unknown badge rule.", field="rule")
    low, high = rule.thresholds
    if not low <= threshold <= high:
        raise BadInput(f"This rule takes a threshold from {low} to {high}.", field="threshold")
    return rule


async def create_badge(user: User, organisation_id: int, values: dict[str, Any]) -> Badge:
    """A new badge; members who already qualify receive it on the next pass."""
    await _organisation_for(user, organisation_id)
    if not await manages(user, organisation_id):
        raise NotFound("No such organisation.", field="organisationId")
    values = _check_text(values)
    _check_rule(values["rule"], values["threshold"])
    if await Badge.filter(organisation_id=organisation_id).count() >= MAX_BADGES:
        raise Conflict(f"A catalogue holds at most {MAX_BADGES} badges.", field="organisationId")
    return await Badge.create(organisation_id=organisation_id, **values)


async def update_badge(user: User, badge_id: int, changes: dict[str, Any]) -> Badge:
    """Texts change freely; the rule and threshold only while nobody holds the badge (an
    award must keep meaning what it meant when it was earned)."""
    badge = await _managed_badge(user, badge_id)
    changes = _check_text(changes)
    if {"rule", "threshold"} & set(changes):
        kind, threshold = changes.get("rule", badge.rule), changes.get("threshold", badge.threshold)
        _check_rule(kind, threshold)
        if (kind, threshold) != (badge.rule, badge.threshold):
            if await BadgeAward.filter(badge_id=badge.id).exists():
                raise Conflict(
                    "Members hold this badge: its rule stays. Archive it and create another.",
                    field="rule",
                )
            changes["backfilled_at"] = None
    await badge.update_from_dict(changes).save()
    return badge


async def archive_badge(user: User, badge_id: int, archived: bool) -> Badge:
    """Archived badges are no longer awarded; those awarded stay with their holders."""
    badge = await _managed_badge(user, badge_id)
    if archived != (badge.archived_at is not None):
        badge.archived_at = now() if archived else None
        badge.backfilled_at = None  # back in use: catch up with who qualified meanwhile
        await badge.save(update_fields=["archived_at", "backfilled_at"])
    return badge


# --- awards ------------------------------------------------------------------------------


async def award(badge: Badge, user_id: int, programme_id: int | None) -> BadgeAward | None:
    """Award once: the award, its status position and the member's notification commit
    together, or (someone already awarded it) not at all."""
    try:
        async with transaction():
            status = await allocate_status(badge.organisation_id)
            made = await BadgeAward.create(
                badge_id=badge.id, user_id=user_id, programme_id=programme_id,
                uuid=str(uuid.uuid4()), salt=new_salt(), status=status,
            )  # fmt: skip
            await notify_member(
                user_id, NotificationKind.BADGE_AWARDED,
                f"Lencana baru: {badge.name_id} / New badge: {badge.name_en}",
                f"{badge.icon} {badge.description_id}\n{badge.description_en}".strip(),
            )  # fmt: skip
    except IntegrityError:
        return None
    return made


async def awards_of(user_id: int) -> list[BadgeAward]:
    return await BadgeAward.filter(user_id=user_id).select_related("badge", "user")


async def shown_awards(user_id: int) -> list[BadgeAward]:
    """What a profile shows: the awards in force."""
    return await BadgeAward.filter(user_id=user_id, revoked_at__isnull=True).select_related(
        "badge", "user"
    )


async def on_profile(profile: Profile, view: ProfileView) -> list[BadgeAward] | None:
    """The awards a profile shows this viewer: to the person and their coordinators always,
    to anyone else who may see the profile only when the person chose to show them."""
    if view < ProfileView.FULL and not profile.show_badges:
        return None
    return await shown_awards(profile.user_id)


async def holders(user: User, badge_id: int, first: int) -> list[BadgeAward]:
    """Who holds a badge, newest first: for those who manage the catalogue."""
    badge = await _managed_badge(user, badge_id)
    if not 1 <= first <= MAX_LISTED:
        raise BadInput(f"Ask for 1 to {MAX_LISTED} at a time.", field="first")
    return await BadgeAward.filter(badge_id=badge.id).select_related("badge", "user").limit(first)


async def _visible_award(user: User, award_id: int) -> BadgeAward:
    """The holder's own award, or one of a catalogue the user manages."""
    found = await BadgeAward.get_or_none(id=award_id).select_related("badge", "user", "status")
    if found is None or (
        found.user_id != user.id and not await manages(user, found.badge.organisation_id)
    ):
        raise NotFound("No such award.", field="awardId")
    return found


async def revoke_award(user: User, award_id: int, reason: str) -> BadgeAward:
    """Take back an award given in error: its credential's status bit is set, and the
    rules never award that badge to that member again."""
    found = await _visible_award(user, award_id)
    if not await manages(user, found.badge.organisation_id):
        raise NotFound("No such award.", field="awardId")
    reason = reason.strip()
    if not 1 <= len(reason) <= 2000:
        raise BadInput("Say why, in 1 to 2000 characters.", field="reason")
    if found.revoked_at is not None:
        raise Conflict("This award is already revoked.", field="awardId")
    async with transaction():
        found.revoked_at, found.revoked_reason = now(), reason
        await found.save(update_fields=["revoked_at", "revoked_reason"])
        await StatusEntry.filter(id=found.status_id).update(revoked_at=found.revoked_at)
    return found


async def award_claim(user: User, award_id: int, base_url: str) -> Claim:
    """What an award's Open Badges credential states (for its holder or the managers)."""
    found = await _visible_award(user, award_id)
    badge = found.badge
    holder = found.user
    organisation = await Organisation.get(id=badge.organisation_id)
    description = " / ".join(t for t in (badge.description_id, badge.description_en) if t)
    return Claim(
        credential_id=f"urn:uuid:{found.uuid}",
        organisation=organisation,
        achievement_id=f"{issuer_url(base_url, organisation.id)}/badges/{badge.id}",
        achievement_type="Badge",
        name=label(badge),
        description=description or label(badge),
        criteria=RULES[badge.rule].criteria(badge.threshold) if badge.rule in RULES else "",
        email=holder.email,
        salt=found.salt,
        valid_from=found.awarded_at,
        status=found.status,
    )


async def erase_holder(user_id: int) -> int:
    """An account is deleted: its awards go, and credentials exported from them read as
    revoked from now on."""
    awards = BadgeAward.filter(user_id=user_id)
    statuses = await awards.values_list("status_id", flat=True)
    await StatusEntry.filter(id__in=statuses, revoked_at__isnull=True).update(revoked_at=now())
    return await awards.delete()


async def _award_qualifying(badge: Badge, among: set[int] | None, programme_id: int | None) -> int:
    """Award the badge to those of ``among`` (everyone, when None) who meet its rule."""
    held = BadgeAward.filter(badge_id=badge.id)
    if among is not None:
        held = held.filter(user_id__in=among)
    holders = set(await held.values_list("user_id", flat=True))
    if among is not None:
        among = among - holders
        if not among:
            return 0
    measured = await RULES[badge.rule].measure(badge.organisation_id, among)
    earners = [user for user, n in measured.items() if n >= badge.threshold and user not in holders]
    active = await User.filter(id__in=earners, is_active=True).values_list("id", flat=True)
    made = 0
    for user_id in sorted(active):
        if await award(badge, user_id, programme_id):
            made += 1
    return made


async def _cursor_after(programme_id: int) -> int:
    cursor = await BadgeCursor.get_or_none(programme_id=programme_id)
    if cursor is None:
        with contextlib.suppress(IntegrityError):
            cursor = await BadgeCursor.create(programme_id=programme_id)
        cursor = cursor or await BadgeCursor.get(programme_id=programme_id)
    return cursor.last_seq


async def read_events(programme_id: int, page: int = PAGE) -> int:
    """Evaluate a programme's events after its cursor, then move the cursor past them."""
    programme = await Programme.get(id=programme_id)
    await ensure_catalogue(programme.organisation_id)
    triggered: dict[str, list[Badge]] = defaultdict(list)
    for badge in await Badge.filter(
        organisation_id=programme.organisation_id, archived_at__isnull=True, rule__in=list(RULES)
    ):
        for kind in RULES[badge.rule].triggers:
            triggered[kind].append(badge)
    after, made = await _cursor_after(programme_id), 0
    while events := await events_after(programme_id, after, page):
        for event in events:
            made += await _evaluate(event, triggered.get(event.kind, []))
        after = events[-1].seq
        await BadgeCursor.filter(programme_id=programme_id, last_seq__lt=after).update(
            last_seq=after
        )
        if len(events) < page:
            break
    return made


async def _evaluate(event: ProgressEvent, badges: list[Badge]) -> int:
    made = 0
    subjects: dict[str, set[int]] = {}  # per rule: who the event concerns
    for badge in badges:
        rule = RULES[badge.rule]
        if badge.rule not in subjects and rule.subjects is not None:
            subjects[badge.rule] = await rule.subjects(event)
        if subjects.get(badge.rule):
            made += await _award_qualifying(badge, subjects[badge.rule], event.programme_id)
    return made


async def sweep() -> int:
    """Badges no event triggers, and badges not yet backfilled: everyone qualifying."""
    swept_rules = [kind for kind, rule in RULES.items() if not rule.triggers]
    for organisation_id in await Organisation.exclude(
        id__in=Subquery(Badge.all().values("organisation_id"))
    ).values_list("id", flat=True):  # new organisations, before any of their events
        await ensure_catalogue(organisation_id)
    made = 0
    for badge in await Badge.filter(
        Q(rule__in=swept_rules) | Q(backfilled_at__isnull=True),
        archived_at__isnull=True,
        rule__in=list(RULES),
    ):
        started = now()
        made += await _award_qualifying(badge, None, None)
        if badge.backfilled_at is None:
            await Badge.filter(id=badge.id, backfilled_at__isnull=True).update(
                backfilled_at=started
            )
    return made


async def recognise(*, sweeping: bool = True) -> int:
    """One pass: every programme's new events, then (unless told not to) the sweep.
    Returns the awards made."""
    counters = await ProgressCounter.all().values_list("programme_id", "last_seq")
    cursors = dict(await BadgeCursor.all().values_list("programme_id", "last_seq"))
    made = 0
    for programme_id, last_seq in counters:
        if last_seq > cursors.get(programme_id, 0):
            made += await read_events(programme_id)
    return made + (await sweep() if sweeping else 0)


async def run_recogniser(stop: asyncio.Event, *, interval: float) -> None:
    """The loop every app process runs; what two processes both award is awarded once.
    Events are read every pass; the sweep, which measures whole organisations, every
    SWEEP_EVERY passes."""
    passes = 0
    while not stop.is_set():
        try:
            await recognise(sweeping=passes % SWEEP_EVERY == 0)
        except Exception:  # keep the loop alive; the next pass reads from the cursor again
            log.exception("badge pass failed")
        passes += 1
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)
