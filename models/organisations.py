"""Organisations own programmes and the focus-area taxonomy their programmes draw on."""

from __future__ import annotations

import re
from enum import StrEnum

from tortoise import fields
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models.accounts import User
from models.errors import BadInput, Conflict, Forbidden

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$")

# The ten focus areas of the seed plan: (slug, English, Bahasa Indonesia).
DEFAULT_FOCUS_AREAS = (
    ("platform-navigation", "Platform navigation", "Navigasi platform"),
    ("campaign-creation", "Campaign creation", "Pembuatan kampanye"),
    ("digital-storytelling", "Digital storytelling", "Penceritaan digital"),
    ("community-engagement", "Community engagement", "Keterlibatan komunitas"),
    ("financial-management", "Financial management", "Pengelolaan keuangan"),
    ("technical-skills", "Technical skills", "Keterampilan teknis"),
    ("impact-measurement", "Impact measurement", "Pengukuran dampak"),
    ("leadership-development", "Leadership development", "Pengembangan kepemimpinan"),
    ("regulatory-compliance", "Regulatory compliance", "Kepatuhan regulasi"),
    ("sustainable-fundraising", "Sustainable fundraising", "Penggalangan dana berkelanjutan"),
)


class OrgRole(StrEnum):
    MEMBER = "member"
    ADMIN = "admin"


class Organisation(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=120)
    slug = fields.CharField(max_length=60, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "organisations"


class OrgMembership(Model):
    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "rajut.Organisation", related_name="memberships", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name="org_memberships", on_delete=fields.CASCADE
    )
    role = fields.CharEnumField(OrgRole, max_length=16, default=OrgRole.MEMBER)

    class Meta:
        table = "org_memberships"
        unique_together = (("organisation", "user"),)


class FocusArea(Model):
    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "rajut.Organisation", related_name="focus_areas", on_delete=fields.CASCADE
    )
    slug = fields.CharField(max_length=60)
    name_en = fields.CharField(max_length=120)
    name_id = fields.CharField(max_length=120)

    class Meta:
        table = "focus_areas"
        unique_together = (("organisation", "slug"),)
        ordering = ["id"]


def check_slug(slug: str, field: str = "slug") -> str:
    if not SLUG_RE.match(slug):
        raise BadInput(
            "Use 1-60 lowercase letters, digits and dashes, not starting or ending with a dash.",
            field=field,
        )
    return slug


async def create_organisation(founder: User, name: str, slug: str) -> Organisation:
    name = name.strip()
    if not 1 <= len(name) <= 120:
        raise BadInput("Give a name of 1 to 120 characters.", field="name")
    check_slug(slug)
    if await Organisation.filter(slug=slug).exists():
        raise Conflict("That slug is taken.", field="slug")
    async with in_transaction():
        org = await Organisation.create(name=name, slug=slug)
        await OrgMembership.create(organisation=org, user=founder, role=OrgRole.ADMIN)
        await FocusArea.bulk_create(
            [
                FocusArea(organisation=org, slug=s, name_en=en, name_id=id_)
                for s, en, id_ in DEFAULT_FOCUS_AREAS
            ]
        )
    return org


async def is_org_admin(user: User | None, organisation_id: int) -> bool:
    if user is None:
        return False
    return await OrgMembership.filter(
        organisation_id=organisation_id, user_id=user.id, role=OrgRole.ADMIN
    ).exists()


async def require_org_admin(user: User, organisation_id: int) -> None:
    if not await is_org_admin(user, organisation_id):
        raise Forbidden("Only an organisation admin may do that.")


async def add_focus_area(
    admin: User, organisation: Organisation, slug: str, name_en: str, name_id: str
) -> FocusArea:
    await require_org_admin(admin, organisation.id)
    check_slug(slug)
    for field, value in (("nameEn", name_en), ("nameId", name_id)):
        if not 1 <= len(value.strip()) <= 120:
            raise BadInput("Give a name of 1 to 120 characters.", field=field)
    if await FocusArea.filter(organisation_id=organisation.id, slug=slug).exists():
        raise Conflict("That focus area already exists.", field="slug")
    return await FocusArea.create(
        organisation=organisation, slug=slug, name_en=name_en.strip(), name_id=name_id.strip()
    )
