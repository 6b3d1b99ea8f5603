"""Invitations: organisation roles and programme staff places are offered, never imposed.

An admin (or a programme's coordinator) invites an *email address*. Nothing is granted until
the person who owns that address — an account whose address is verified — accepts; they may
decline. The inviter's answer is the same whether or not the address has an account, and
the address is mailed in both cases, so inviting cannot be used to learn who is on Rajut.
An invitation to an address with no account waits for someone to register with it and
verify it. Invitations expire; the inviting side can list and revoke its pending ones.

Lowering a present member's organisation role (admin to member) needs nobody's consent and
applies at once; everything that grants something goes through an invitation.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from tortoise import fields
from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models.accounts import OutboxEmail, User, normalise_email, now, require_verified
from models.announcements import AccessWithdrawn, announce
from models.errors import BadInput, Conflict, NotFound
from models.notifications import Notification, NotificationKind
from models.organisations import FocusArea, Organisation, OrgMembership, OrgRole, require_org_admin
from models.profiles import (
    Expertise,
    LearningNeed,
    NeedInput,
    Profile,
    SkillInput,
    update_profile,
)
from models.programmes import (
    Programme,
    ProgrammeStatus,
    StaffRole,
    access_to,
    coordinated_programme,
    grant_staff,
    join,
)


class InvitationKind(StrEnum):
    ORGANISATION_ROLE = "organisation_role"
    PROGRAMME_STAFF = "programme_staff"
    PROGRAMME_PARTICIPANT = "programme_participant"  # made by importing a form (imports.py)


class ParticipantRole(StrEnum):
    """What a participant invitation enrols its address as."""

    MENTOR = "mentor"
    MENTEE = "mentee"
    BOTH = "both"


class InvitationStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REVOKED = "revoked"
    EXPIRED = "expired"  # never stored: a pending invitation past `expires_at` reads so


class Invitation(Model):
    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(InvitationKind, max_length=24)
    email = fields.CharField(max_length=254, db_index=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "rajut.Organisation", related_name="invitations", on_delete=fields.CASCADE
    )
    programme: fields.ForeignKeyNullableRelation[Programme] = fields.ForeignKeyField(
        "rajut.Programme", related_name="invitations", null=True, on_delete=fields.CASCADE
    )
    role = fields.CharField(max_length=16)  # an OrgRole, StaffRole or ParticipantRole, by kind
    invited_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name="invitations_sent", null=True, on_delete=fields.SET_NULL
    )
    status = fields.CharEnumField(InvitationStatus, max_length=16, default=InvitationStatus.PENDING)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    decided_at = fields.DatetimeField(null=True)
    # participant invitations: what the person told the registration form (import_rows
    # field names), applied to a profile they have not filled in when they accept; null for
    # the other kinds (and rows older than imports)
    details = fields.JSONField(null=True)

    class Meta:
        table = "invitations"
        ordering = ["-created_at", "-id"]

    def current_status(self, at: datetime) -> InvitationStatus:
        if self.status == InvitationStatus.PENDING and self.expires_at <= at:
            return InvitationStatus.EXPIRED
        return self.status


def _live(at: datetime) -> Q:
    return Q(status=InvitationStatus.PENDING, expires_at__gt=at)


async def _offer(
    inviter: User,
    email: str,
    organisation: Organisation,
    programme: Programme | None,
    kind: InvitationKind,
    role: str,
    what: str,
    lifetime: timedelta,
    base_url: str,
) -> Notification | None:
    """Store (or renew) one pending invitation, mail the address and tell its verified
    account; the same work and the same silence whether or not that account exists."""
    async with in_transaction():
        same = Invitation.filter(
            _live(now()),
            kind=kind,
            email=email,
            organisation_id=organisation.id,
            programme_id=programme.id if programme else None,
        )
        if kind == InvitationKind.PROGRAMME_STAFF:
            same = same.filter(role=role)
        invitation = await same.first()
        if invitation is None:
            invitation = await Invitation.create(
                kind=kind,
                email=email,
                organisation=organisation,
                programme=programme,
                role=role,
                invited_by=inviter,
                expires_at=now() + lifetime,
            )
        else:  # inviting again renews the offer (and may change the organisation role)
            invitation.role, invitation.invited_by_id = role, inviter.id
            invitation.expires_at = now() + lifetime
            await invitation.save(update_fields=["role", "invited_by_id", "expires_at"])
        title = invitation_title(inviter, what)
        await OutboxEmail.create(
            to_address=email,
            subject=f"Rajut: {title}"[:200],
            body=invitation_mail(inviter, what, base_url, invitation.expires_at),
        )
        invitee = await User.get_or_none(
            email=email, is_active=True, email_verified_at__isnull=False
        )
        if invitee is None:
            return None
        return await Notification.create(
            user=invitee, kind=NotificationKind.INVITATION, title=title, body=""
        )


def invitation_title(inviter: User, what: str) -> str:
    """The notification's title (and the mail's subject after "Rajut: ")."""
    return f"{inviter.display_name} mengundang Anda / invited you: {what}"[:200]


def invitation_mail(inviter: User, what: str, base_url: str, expires_at: datetime) -> str:
    return (
        f"{inviter.display_name} mengundang Anda menjadi {what} di Rajut.\n"
        f"{inviter.display_name} invited you to be {what} on Rajut.\n\n"
        "Masuk (atau daftar dengan alamat email ini, lalu konfirmasi) untuk menerima "
        "atau menolak undangan. Sign in (or register with this address and confirm "
        "it) to accept or decline the invitation:\n"
        f"{base_url}/#/invitations\n\n"
        f"Undangan berlaku sampai / valid until {expires_at:%Y-%m-%d}."
    )


async def invite_to_organisation(
    admin: User,
    organisation: Organisation,
    email: str,
    role: OrgRole,
    *,
    lifetime: timedelta,
    base_url: str,
) -> Notification | None:
    """Returns the invitee's notification (to announce live), if they have an account."""
    await require_org_admin(admin, organisation.id)
    require_verified(admin, "invite anyone")
    email = normalise_email(email)
    if email == admin.email and role != OrgRole.ADMIN:
        raise BadInput("You cannot remove your own admin role.", field="role")
    present = await OrgMembership.get_or_none(organisation_id=organisation.id, user__email=email)
    if present is not None and role == OrgRole.MEMBER:
        # lowering a role takes nothing from anyone's consent; it applies at once
        if present.role != OrgRole.MEMBER:
            present.role = OrgRole.MEMBER
            await present.save(update_fields=["role"])
            await announce(AccessWithdrawn(present.user_id, roles=True))
        await Invitation.filter(
            _live(now()),
            kind=InvitationKind.ORGANISATION_ROLE,
            email=email,
            organisation_id=organisation.id,
        ).update(status=InvitationStatus.REVOKED, decided_at=now())
        return None
    if present is not None and present.role == role:
        return None  # nothing to grant
    what = f"{'admin' if role == OrgRole.ADMIN else 'anggota / member'} — {organisation.name}"
    return await _offer(
        admin,
        email,
        organisation,
        None,
        InvitationKind.ORGANISATION_ROLE,
        role.value,
        what,
        lifetime,
        base_url,
    )


async def invite_staff(
    coordinator: User,
    programme_id: int,
    email: str,
    role: StaffRole,
    *,
    lifetime: timedelta,
    base_url: str,
) -> Notification | None:
    programme = await coordinated_programme(coordinator, programme_id)
    require_verified(coordinator, "invite anyone")
    email = normalise_email(email)
    organisation = await Organisation.get(id=programme.organisation_id)
    label = "koordinator / coordinator" if role == StaffRole.COORDINATOR else "mentor coach"
    return await _offer(
        coordinator,
        email,
        organisation,
        programme,
        InvitationKind.PROGRAMME_STAFF,
        role.value,
        f"{label} — {programme.name}",
        lifetime,
        base_url,
    )


async def my_invitations(user: User) -> list[Invitation]:
    """Pending invitations to the address one has proven to own (none before that)."""
    if not user.is_verified:
        return []
    return await Invitation.filter(_live(now()), email=user.email).select_related(
        "organisation", "programme", "invited_by"
    )


async def _addressed_to(user: User, invitation_id: int) -> Invitation:
    invitation = await Invitation.get_or_none(id=invitation_id, email=user.email)
    if invitation is None or not user.is_verified:
        raise NotFound("No such invitation.", field="id")
    status = invitation.current_status(now())
    if status != InvitationStatus.PENDING:
        raise Conflict(f"This invitation is {status.value}.", field="id")
    return invitation


async def accept(user: User, invitation_id: int) -> Invitation:
    require_verified(user, "accept an invitation")
    invitation = await _addressed_to(user, invitation_id)
    async with in_transaction():
        claimed = await Invitation.filter(id=invitation.id, status=InvitationStatus.PENDING).update(
            status=InvitationStatus.ACCEPTED, decided_at=now()
        )
        if not claimed:
            raise Conflict("This invitation was answered already.", field="id")
        if invitation.kind == InvitationKind.ORGANISATION_ROLE:
            role = OrgRole(invitation.role)
            membership, created = await OrgMembership.get_or_create(
                organisation_id=invitation.organisation_id, user=user, defaults={"role": role}
            )
            if not created and membership.role != role and role == OrgRole.ADMIN:
                membership.role = role
                await membership.save(update_fields=["role"])
        elif invitation.kind == InvitationKind.PROGRAMME_PARTICIPANT:
            await _join_programme(invitation, user)
        else:
            assert invitation.programme_id is not None
            await grant_staff(invitation.programme_id, user, StaffRole(invitation.role))
    invitation.status, invitation.decided_at = InvitationStatus.ACCEPTED, now()
    return invitation


# profile fields an imported form fills in, by import_rows field name
FORM_PROFILE_FIELDS = {
    "bio": "bio", "goals": "goals", "languages": "languages", "timezone": "timezone",
    "birth_year": "birth_year", "phone": "contact_phone",
}  # fmt: skip
FORM_LEVEL = 3  # focus areas from a form carry no level: the middle of 1-5, to adjust later


async def _join_programme(invitation: Invitation, user: User) -> None:
    """Enrol as the invitation offers (a mentor still awaits screening, even when the
    registration window has closed: the coordinator's invitation is the permission), and
    fill a profile that is still empty (no bio, no languages) from what the person told the
    registration form. A profile the person has filled in is left as they wrote it."""
    programme = await Programme.get(id=invitation.programme_id)
    if programme.status == ProgrammeStatus.CLOSED:
        raise Conflict("The programme has closed.", field="id")
    role = ParticipantRole(invitation.role)
    details = invitation.details or {}
    mentor, mentee = role != ParticipantRole.MENTEE, role != ParticipantRole.MENTOR
    await join(programme, user, mentor, mentee, details.get("motivation", ""))
    profile = await Profile.get(user_id=user.id)
    if profile.bio or profile.languages:
        return
    changes = {key: details[name] for name, key in FORM_PROFILE_FIELDS.items() if name in details}
    if mentor and "capacity" in details:
        changes["capacity"] = details["capacity"]
    areas = await FocusArea.filter(
        organisation_id=programme.organisation_id, slug__in=details.get("focus_areas", [])
    )
    skills = [(a.name_en if user.locale == "en" else a.name_id).lower()[:80] for a in areas]
    expertise = needs = None
    if mentor and areas and not await Expertise.filter(user_id=user.id).exists():
        expertise = [SkillInput(s, FORM_LEVEL, a.slug) for s, a in zip(skills, areas, strict=True)]
    if mentee and areas and not await LearningNeed.filter(user_id=user.id).exists():
        needs = [
            NeedInput(s, FORM_LEVEL, focus_area=a.slug) for s, a in zip(skills, areas, strict=True)
        ]
    await update_profile(user, changes, expertise, needs)


async def decline(user: User, invitation_id: int) -> Invitation:
    invitation = await _addressed_to(user, invitation_id)
    claimed = await Invitation.filter(id=invitation.id, status=InvitationStatus.PENDING).update(
        status=InvitationStatus.DECLINED, decided_at=now()
    )
    if not claimed:
        raise Conflict("This invitation was answered already.", field="id")
    invitation.status, invitation.decided_at = InvitationStatus.DECLINED, now()
    return invitation


async def may_manage(user: User | None, invitation: Invitation) -> bool:
    """Organisation admins manage every invitation of their organisation; a programme's
    coordinators its staff invitations."""
    if user is None:
        return False
    if invitation.programme_id is None:
        return await OrgMembership.filter(
            organisation_id=invitation.organisation_id, user_id=user.id, role=OrgRole.ADMIN
        ).exists()
    programme = await Programme.get(id=invitation.programme_id)
    return (await access_to(user, programme)).coordinates


# Participant invitations come by the thousand from imports: the coordinators follow them in
# the programme export (models/exports.py), not in these lists of roles and staff places.
_NOT_PARTICIPANTS = ~Q(kind=InvitationKind.PROGRAMME_PARTICIPANT)


async def pending_of_organisation(admin: User, organisation: Organisation) -> list[Invitation]:
    await require_org_admin(admin, organisation.id)
    return await Invitation.filter(
        _live(now()), _NOT_PARTICIPANTS, organisation_id=organisation.id
    ).select_related("organisation", "programme", "invited_by")


async def pending_of_programme(coordinator: User, programme_id: int) -> list[Invitation]:
    programme = await coordinated_programme(coordinator, programme_id)
    return await Invitation.filter(
        _live(now()), _NOT_PARTICIPANTS, programme_id=programme.id
    ).select_related("organisation", "programme", "invited_by")


async def revoke(user: User, invitation_id: int) -> Invitation:
    invitation = await Invitation.get_or_none(id=invitation_id)
    if invitation is None or not await may_manage(user, invitation):
        raise NotFound("No such invitation.", field="id")
    if invitation.current_status(now()) != InvitationStatus.PENDING:
        raise Conflict("Only a pending invitation can be revoked.", field="id")
    await Invitation.filter(id=invitation.id, status=InvitationStatus.PENDING).update(
        status=InvitationStatus.REVOKED, decided_at=now()
    )
    invitation.status, invitation.decided_at = InvitationStatus.REVOKED, now()
    return invitation


async def revoke_sent_by(user: User) -> None:
    """A never-verified account lost to its address's owner: its pending invitations go."""
    await Invitation.filter(invited_by_id=user.id, status=InvitationStatus.PENDING).update(
        status=InvitationStatus.REVOKED, decided_at=now()
    )
