"""Certificates: of completion for mentees, of mentoring service for mentors.

A certificate is the organisation's formal statement, so a programme's coordinators issue
it rather than the lifecycle doing so when a relationship completes: a relationship also
"completes" when the season closes under a mentee who stopped coming, a mentee's end-of-
programme self-assessment (where the skills on the certificate come from) often arrives
after the relationship ended, and a statement with the organisation's name on it deserves
a person's decision. Issuing needs a completed relationship in the programme, as mentee
(completion) or as mentor (service), and one certificate of a kind per person and
programme is in force at a time.

What a certificate states is fixed when it is issued (name, programme, period, skills,
sessions) and shown, exactly so, to anyone holding its verification code: the code is the
credential, 16 characters (80 bits) drawn at random, so it cannot be guessed. A revoked
certificate still verifies as revoked, with the day; the reason stays with the organisers.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.models import Model

from models.accounts import User, now
from models.announcements import transaction
from models.credentials import Claim, StatusEntry, allocate_status, issuer_url, new_salt
from models.errors import BadInput, Conflict, NotFound
from models.journeys import AssessmentPhase, SkillAssessment
from models.notifications import NotificationKind, notify_member
from models.organisations import Organisation
from models.programmes import Enrolment, Programme, access_to, coordinated_programme
from models.relationships import Relationship, RelationshipMember, RelationshipStatus
from models.sessions import Session, SessionStatus

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32: no I, L, O, U
CODE_LENGTH = 16  # 80 bits
MAX_CODE_INPUT = 40  # what a verification request may send, dashes and spaces included
MAX_SKILLS = 12
VERIFY_PATH = "/certificates/verify/"
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


class CertificateKind(StrEnum):
    COMPLETION = "completion"  # a mentee completed mentoring in the programme
    SERVICE = "service"  # a mentor served in it


class Certificate(Model):
    id = fields.IntField(primary_key=True)
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "rajut.Programme", related_name=False, on_delete=fields.CASCADE
    )
    organisation_id = fields.IntField(db_index=True)
    recipient: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    kind = fields.CharEnumField(CertificateKind, max_length=16)
    code = fields.CharField(max_length=CODE_LENGTH, unique=True)
    # what the certificate states, as issued
    recipient_name = fields.CharField(max_length=120)
    programme_name = fields.CharField(max_length=120)
    organisation_name = fields.CharField(max_length=120)
    period_start = fields.DateField()
    period_end = fields.DateField()
    skills = fields.JSONField(default=list)  # [{"skill", "from", "to"}], completion only
    sessions_held = fields.IntField(default=0)
    mentees = fields.IntField(default=0)  # service only
    salt = fields.CharField(max_length=32)  # for the credential's hashed address
    status: fields.OneToOneRelation[StatusEntry] = fields.OneToOneField(
        "rajut.StatusEntry", related_name=False, on_delete=fields.CASCADE
    )
    issued_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    issued_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)
    revoked_reason = fields.TextField(default="")
    # "programme:recipient:kind" while in force, NULL once revoked: one in force at a time
    in_force = fields.CharField(max_length=40, null=True, unique=True)

    class Meta:
        table = "certificates"
        ordering = ["-issued_at", "-id"]


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def shown_code(code: str) -> str:
    """In groups of four, as printed: ``7K2Q-…``."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def read_code(text: str) -> str | None:
    """A code as a person may type it (any case, dashes, spaces, O for 0, I or L for 1),
    or None when it cannot be one."""
    if len(text) > MAX_CODE_INPUT:
        return None
    code = re.sub(r"[\s-]", "", text).upper().translate(_READ_AS)
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


def verify_url(base_url: str, code: str) -> str:
    return f"{base_url}{VERIFY_PATH}{shown_code(code)}"


# --- what a certificate says -------------------------------------------------------------


@dataclass(frozen=True)
class Wording:
    """A certificate's sentences in Bahasa Indonesia and English."""

    title: tuple[str, str]
    body: tuple[str, str]
    skills: tuple[str, str] | None


def _day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def wording(certificate: Certificate) -> Wording:
    c = certificate
    period = f"{_day(c.period_start)} \u2013 {_day(c.period_end)}"
    if c.kind == CertificateKind.COMPLETION:
        title = ("Sertifikat Penyelesaian", "Certificate of Completion")
        body = (
            f"telah menyelesaikan pendampingan dalam program {c.programme_name} ({period}), "
            f"dengan {c.sessions_held} sesi.",
            f"has completed mentoring in the programme {c.programme_name} ({period}), "
            f"with {c.sessions_held} sessions.",
        )
    else:
        title = ("Sertifikat Pengabdian Mentor", "Certificate of Mentoring Service")
        body = (
            f"telah mendampingi {c.mentees} mentee dalam {c.sessions_held} sesi pada program "
            f"{c.programme_name} ({period}).",
            f"mentored {c.mentees} mentees over {c.sessions_held} sessions in the programme "
            f"{c.programme_name} ({period}).",
        )
    skills = None
    if c.skills:
        listed = ", ".join(f"{s['skill']} {s['from']} → {s['to']}" for s in c.skills)
        skills = (f"Keterampilan yang berkembang: {listed}", f"Skills developed: {listed}")
    return Wording(title, body, skills)


async def _completed(programme_id: int, user_id: int, kind: CertificateKind) -> list[Relationship]:
    query = Relationship.filter(programme_id=programme_id, status=RelationshipStatus.COMPLETED)
    if kind == CertificateKind.SERVICE:
        return await query.filter(mentor_id=user_id)
    mine = await RelationshipMember.filter(user_id=user_id).values_list(
        "relationship_id", flat=True
    )
    return await query.filter(id__in=mine)


async def skills_developed(programme_id: int, user_id: int) -> list[dict[str, object]]:
    """Each skill assessed at two phases or more: its first and last level, most grown
    first (from the mentee's own self-assessments)."""
    order = list(AssessmentPhase)
    levels: dict[str, dict[AssessmentPhase, int]] = {}
    for row in await SkillAssessment.filter(programme_id=programme_id, user_id=user_id):
        levels.setdefault(row.skill, {})[row.phase] = row.level
    grown = []
    for skill, phases in levels.items():
        if len(phases) < 2:
            continue
        ranked = sorted(phases, key=order.index)
        grown.append({"skill": skill, "from": phases[ranked[0]], "to": phases[ranked[-1]]})
    grown.sort(key=lambda s: (-(int(s["to"]) - int(s["from"])), str(s["skill"])))  # type: ignore[call-overload]
    return grown[:MAX_SKILLS]


# --- issuing and revoking ----------------------------------------------------------------


async def issue(
    user: User, programme_id: int, recipient_id: int, kind: CertificateKind
) -> Certificate:
    programme = await coordinated_programme(user, programme_id)
    recipient = await User.get_or_none(id=recipient_id, is_active=True)
    if (
        recipient is None
        or not await Enrolment.filter(programme_id=programme.id, user_id=recipient_id).exists()
    ):
        raise NotFound("No such participant in this programme.", field="userId")
    relationships = await _completed(programme.id, recipient.id, kind)
    if not relationships:
        role = "mentee" if kind == CertificateKind.COMPLETION else "mentor"
        raise Conflict(
            f"{recipient.display_name} has no completed relationship as {role} in this "
            "programme yet.",
            field="userId",
        )
    key = f"{programme.id}:{recipient.id}:{kind.value}"
    if await Certificate.filter(in_force=key).exists():
        raise Conflict("A certificate of this kind is in force: revoke it first.", field="userId")
    ids = [r.id for r in relationships]
    starts = [r.started_at or r.created_at for r in relationships]
    ends = [r.ended_at or now() for r in relationships]
    mentees = (
        await RelationshipMember.filter(relationship_id__in=ids)
        .distinct()
        .values_list("user_id", flat=True)
    )
    organisation = await Organisation.get(id=programme.organisation_id)
    try:
        async with transaction():
            certificate = await Certificate.create(
                programme=programme, organisation_id=organisation.id, recipient=recipient,
                kind=kind, code=new_code(), recipient_name=recipient.display_name,
                programme_name=programme.name, organisation_name=organisation.name,
                period_start=min(starts).date(), period_end=max(ends).date(),
                skills=(
                    await skills_developed(programme.id, recipient.id)
                    if kind == CertificateKind.COMPLETION else []
                ),
                sessions_held=await Session.filter(
                    relationship_id__in=ids, status=SessionStatus.HELD
                ).count(),
                mentees=len(set(mentees)) if kind == CertificateKind.SERVICE else 0,
                salt=new_salt(), status=await allocate_status(organisation.id),
                issued_by=user, in_force=key,
            )  # fmt: skip
            title = wording(certificate).title
            await notify_member(
                recipient.id, NotificationKind.CERTIFICATE_ISSUED,
                f"{title[0]} / {title[1]}: {programme.name}",
                f"Kode verifikasi / Verification code: {shown_code(certificate.code)}",
            )  # fmt: skip
    except IntegrityError:  # issued by another coordinator a moment ago
        raise Conflict(
            "A certificate of this kind is in force: revoke it first.", field="userId"
        ) from None
    return certificate


async def readable(user: User, certificate_id: int) -> Certificate:
    """The recipient's own certificate, or one of a programme the user coordinates."""
    found = await Certificate.get_or_none(id=certificate_id).select_related("programme")
    if found is None or (
        found.recipient_id != user.id and not (await access_to(user, found.programme)).coordinates
    ):
        raise NotFound("No such certificate.", field="certificateId")
    return found


async def revoke(user: User, certificate_id: int, reason: str) -> Certificate:
    found = await readable(user, certificate_id)
    if not (await access_to(user, found.programme)).coordinates:
        raise NotFound("No such certificate.", field="certificateId")
    reason = reason.strip()
    if not 1 <= len(reason) <= 2000:
        raise BadInput("Say why, in 1 to 2000 characters.", field="reason")
    if found.revoked_at is not None:
        raise Conflict("This certificate is already revoked.", field="certificateId")
    async with transaction():
        found.revoked_at, found.revoked_reason, found.in_force = now(), reason, None
        await found.save(update_fields=["revoked_at", "revoked_reason", "in_force"])
        await StatusEntry.filter(id=found.status_id).update(revoked_at=found.revoked_at)
    return found


async def erase_recipient(user_id: int, name: str, reason: str) -> int:
    """An account is deleted: its certificates are revoked (the verification page says so)
    and no longer carry the person's name."""
    moment = now()
    in_force = Certificate.filter(recipient_id=user_id, revoked_at__isnull=True)
    statuses = await in_force.values_list("status_id", flat=True)
    await StatusEntry.filter(id__in=statuses).update(revoked_at=moment)
    await in_force.update(revoked_at=moment, revoked_reason=reason, in_force=None)
    return await Certificate.filter(recipient_id=user_id).update(recipient_name=name)


async def mine(user: User) -> list[Certificate]:
    return await Certificate.filter(recipient_id=user.id)


async def of_programme(user: User, programme_id: int) -> list[Certificate]:
    programme = await coordinated_programme(user, programme_id)
    return await Certificate.filter(programme_id=programme.id)


async def by_code(text: str) -> Certificate | None:
    """For anyone holding the code: the certificate, or None."""
    code = read_code(text)
    return None if code is None else await Certificate.get_or_none(code=code)


async def credential_claim(user: User, certificate_id: int, base_url: str) -> Claim:
    """What a certificate's Open Badges credential states (recipient or coordinators)."""
    found = await readable(user, certificate_id)
    recipient = await User.get_or_none(id=found.recipient_id) if found.recipient_id else None
    if recipient is None:
        raise NotFound("No such certificate.", field="certificateId")
    words = wording(found)
    organisation = await Organisation.get(id=found.organisation_id)
    criteria = {
        CertificateKind.COMPLETION: (
            "Menyelesaikan pendampingan dalam program, dikonfirmasi koordinator.",
            "Completed mentoring in the programme, confirmed by a coordinator.",
        ),
        CertificateKind.SERVICE: (
            "Mendampingi mentee sampai selesai dalam program, dikonfirmasi koordinator.",
            "Mentored mentees to completion in the programme, confirmed by a coordinator.",
        ),
    }[found.kind]
    return Claim(
        credential_id=verify_url(base_url, found.code),
        organisation=organisation,
        achievement_id=(
            f"{issuer_url(base_url, organisation.id)}/programmes/{found.programme_id}/"
            f"{found.kind.value}"
        ),
        achievement_type=(
            "CertificateOfCompletion"
            if found.kind == CertificateKind.COMPLETION
            else "CommunityService"
        ),
        name=f"{words.title[0]} / {words.title[1]}: {found.programme_name}",
        description=" / ".join(f"{found.recipient_name} {line}" for line in words.body)
        + ("\n" + " / ".join(words.skills) if words.skills else ""),
        criteria=" / ".join(criteria),
        email=recipient.email,
        salt=found.salt,
        valid_from=found.issued_at,
        status=await StatusEntry.get(id=found.status_id),
    )
