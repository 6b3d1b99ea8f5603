"""What a member tells the programme about themselves, and who may see it.

Privacy rules live here, next to the data: contact details are for the person and their
programme's coordinators; a profile that is only a mentee's is for the mentee, their mentors
and coordinators; a minor never appears in listings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum, StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models import directory_index
from models.accounts import User
from models.availability import check_zone, parse_windows
from models.errors import BadInput, NotFound
from models.organisations import FocusArea, OrgMembership, OrgRole
from models.programmes import Enrolment, MentorStatus, ProgrammeStaff, StaffRole

ADULT_AGE = 18
LANGUAGE_CODES = frozenset(
    {"id", "en", "jv", "su", "ms", "ar", "zh", "nl", "ja", "ko", "mad", "min", "ban", "bug"}
)
QUESTIONS = ("structure", "pace", "feedback", "initiative", "formality")


class CommunicationStyle(StrEnum):
    DIRECT = "direct"
    REFLECTIVE = "reflective"
    STRUCTURED = "structured"
    CASUAL = "casual"


class ProfileView(IntEnum):
    """How much of a profile the viewer may see; higher includes lower."""

    PUBLIC = 1  # programme participants browsing mentors
    PARTICIPANT = 2  # the person's own mentors and mentor coaches
    FULL = 3  # the person themselves and their coordinators


class Profile(Model):
    id = fields.IntField(primary_key=True)
    user: fields.OneToOneRelation[User] = fields.OneToOneField(
        "rajut.User", related_name="profile", on_delete=fields.CASCADE
    )
    bio = fields.TextField(default="")
    languages = fields.JSONField(default=list)
    timezone = fields.CharField(max_length=64, default="Asia/Jakarta")
    availability = fields.JSONField(default=list)
    goals = fields.TextField(default="")
    communication_style = fields.CharEnumField(
        CommunicationStyle, max_length=16, default=CommunicationStyle.STRUCTURED
    )
    questionnaire = fields.JSONField(default=dict)
    capacity = fields.IntField(default=1)
    open_for_requests = fields.BooleanField(default=True)
    birth_year = fields.IntField(null=True)
    listed_in_directory = fields.BooleanField(default=True)
    contact_email = fields.CharField(max_length=254, default="")
    contact_phone = fields.CharField(max_length=32, default="")
    show_badges = fields.BooleanField(default=False)  # others see one's badges only if chosen
    # Attributes a programme may match on (e.g. {"gender": "f"} for a school group):
    # private to the person and their coordinators.
    attributes = fields.JSONField(default=dict)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "profiles"

    @property
    def is_minor(self) -> bool:
        """Unknown age counts as a minor: safeguarding errs on the side of hiding."""
        if self.birth_year is None:
            return True
        return datetime.now(UTC).year - self.birth_year < ADULT_AGE


class Expertise(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name="expertise", on_delete=fields.CASCADE
    )
    focus_area: fields.ForeignKeyNullableRelation[FocusArea] = fields.ForeignKeyField(
        "rajut.FocusArea", related_name=None, null=True, on_delete=fields.SET_NULL
    )
    skill = fields.CharField(max_length=80)
    level = fields.IntField()

    class Meta:
        table = "expertise"
        ordering = ["-level", "skill"]
        indexes = (("user_id",),)


class LearningNeed(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name="learning_needs", on_delete=fields.CASCADE
    )
    focus_area: fields.ForeignKeyNullableRelation[FocusArea] = fields.ForeignKeyField(
        "rajut.FocusArea", related_name=None, null=True, on_delete=fields.SET_NULL
    )
    skill = fields.CharField(max_length=80)
    current_level = fields.IntField(default=1)
    target_level = fields.IntField()
    priority = fields.IntField(default=2)

    class Meta:
        table = "learning_needs"
        ordering = ["-priority", "skill"]


class MarkKind(StrEnum):
    FAVOURITE = "favourite"
    HIDDEN = "hidden"


class DirectoryMark(Model):
    """A member's private favourite or hidden mark on a mentor in the directory."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name="directory_marks", on_delete=fields.CASCADE
    )
    mentor: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=None, on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(MarkKind, max_length=16)

    class Meta:
        table = "directory_marks"
        unique_together = (("user", "mentor"),)


@dataclass
class SkillInput:
    skill: str
    level: int
    focus_area: str | None = None


@dataclass
class NeedInput:
    skill: str
    target_level: int
    current_level: int = 1
    priority: int = 2
    focus_area: str | None = None


def _check_level(value: int, field: str) -> None:
    if not 1 <= value <= 5:
        raise BadInput("Levels run from 1 to 5.", field=field)


EDITABLE = frozenset({
    "display_name", "bio", "languages", "timezone", "availability", "goals",
    "communication_style", "questionnaire", "capacity", "open_for_requests", "birth_year",
    "listed_in_directory", "contact_email", "contact_phone", "attributes", "show_badges",
})  # fmt: skip


def _check_profile(changes: dict[str, Any]) -> dict[str, Any]:
    """Validate every change before anything is written, and normalise what we keep."""
    unknown = sorted(set(changes) - EDITABLE)
    if unknown:
        raise BadInput(f"These profile fields cannot be set: {', '.join(unknown)}.")
    out = dict(changes)
    if "communication_style" in out:
        try:
            out["communication_style"] = CommunicationStyle(out["communication_style"])
        except ValueError:
            raise BadInput("Unknown communication style.", field="communicationStyle") from None
    if "bio" in out and len(out["bio"]) > 4000:
        raise BadInput("Keep the bio under 4000 characters.", field="bio")
    if "goals" in out and len(out["goals"]) > 4000:
        raise BadInput("Keep the goals under 4000 characters.", field="goals")
    if "languages" in out:
        langs = [code.strip().lower() for code in out["languages"]]
        unknown = sorted(set(langs) - LANGUAGE_CODES)
        if unknown:
            raise BadInput(f"Unknown language codes: {', '.join(unknown)}.", field="languages")
        out["languages"] = list(dict.fromkeys(langs))
    if "timezone" in out:
        check_zone(out["timezone"])
    if "availability" in out:
        windows = parse_windows(out["availability"])
        out["availability"] = [
            {
                "weekday": w.weekday,
                "start": w.start.strftime("%H:%M"),
                "end": w.end.strftime("%H:%M"),
            }
            for w in windows
        ]
    if "questionnaire" in out:
        answers = out["questionnaire"]
        unknown = sorted(set(answers) - set(QUESTIONS))
        if unknown:
            raise BadInput(f"Unknown questions: {', '.join(unknown)}.", field="questionnaire")
        if any(not isinstance(v, int) or not 1 <= v <= 5 for v in answers.values()):
            raise BadInput("Answer each question from 1 to 5.", field="questionnaire")
    if "capacity" in out and not 1 <= out["capacity"] <= 20:
        raise BadInput("Capacity must be between 1 and 20.", field="capacity")
    if "birth_year" in out and out["birth_year"] is not None:
        year = datetime.now(UTC).year
        if not year - 110 <= out["birth_year"] <= year - 5:
            raise BadInput("That birth year is not plausible.", field="birthYear")
    if "attributes" in out:
        attrs = out["attributes"]
        if len(attrs) > 10 or any(
            not 1 <= len(k) <= 30 or not isinstance(v, str) or len(v) > 60 for k, v in attrs.items()
        ):
            raise BadInput(
                "Give at most 10 attributes with short names and values.", field="attributes"
            )
    if "contact_phone" in out and len(out["contact_phone"]) > 32:
        raise BadInput("That phone number is too long.", field="contactPhone")
    return out


async def _focus_area_ids(user: User, slugs: set[str], field: str) -> dict[str, int]:
    """Focus areas are named by slug within the organisations the person belongs to."""
    if not slugs:
        return {}
    org_ids = await OrgMembership.filter(user_id=user.id).values_list("organisation_id", flat=True)
    found = dict(
        await FocusArea.filter(organisation_id__in=org_ids, slug__in=slugs).values_list(
            "slug", "id"
        )
    )
    missing = sorted(slugs - set(found))
    if missing:
        raise BadInput(f"Unknown focus areas: {', '.join(missing)}.", field=field)
    return found


async def update_profile(
    user: User,
    changes: dict[str, Any],
    expertise: list[SkillInput] | None = None,
    needs: list[NeedInput] | None = None,
) -> Profile:
    """Change the fields given; expertise and needs, when given, replace the old lists."""
    changes = _check_profile(changes)
    display_name = changes.pop("display_name", None)
    if display_name is not None and not 1 <= len(display_name.strip()) <= 120:
        raise BadInput("Give a name of 1 to 120 characters.", field="displayName")
    for i, item in enumerate(expertise or []):
        _check_level(item.level, f"expertise.{i}.level")
        if not 1 <= len(item.skill.strip()) <= 80:
            raise BadInput("Name the skill in 1 to 80 characters.", field=f"expertise.{i}.skill")
    for i, need in enumerate(needs or []):
        _check_level(need.target_level, f"learningNeeds.{i}.targetLevel")
        _check_level(need.current_level, f"learningNeeds.{i}.currentLevel")
        if not 1 <= need.priority <= 3:
            raise BadInput("Priority runs from 1 to 3.", field=f"learningNeeds.{i}.priority")
        if not 1 <= len(need.skill.strip()) <= 80:
            raise BadInput(
                "Name the skill in 1 to 80 characters.", field=f"learningNeeds.{i}.skill"
            )
    areas = await _focus_area_ids(
        user, {e.focus_area for e in expertise or [] if e.focus_area}, "expertise"
    )
    areas |= await _focus_area_ids(
        user, {n.focus_area for n in needs or [] if n.focus_area}, "learningNeeds"
    )
    if len(expertise or []) > 30 or len(needs or []) > 30:
        raise BadInput("List at most 30 skills and 30 needs.", field="expertise")

    async with in_transaction():
        profile = await Profile.get(user_id=user.id)
        for key, value in changes.items():
            setattr(profile, key, value)
        await profile.save()
        if display_name is not None:
            user.display_name = display_name.strip()
            await user.save(update_fields=["display_name"])
        if expertise is not None:
            await Expertise.filter(user_id=user.id).delete()
            await Expertise.bulk_create(
                [
                    Expertise(
                        user_id=user.id,
                        skill=e.skill.strip().lower(),
                        level=e.level,
                        focus_area_id=areas.get(e.focus_area or ""),
                    )
                    for e in expertise
                ]
            )
        if needs is not None:
            await LearningNeed.filter(user_id=user.id).delete()
            await LearningNeed.bulk_create(
                [
                    LearningNeed(
                        user_id=user.id,
                        skill=n.skill.strip().lower(),
                        target_level=n.target_level,
                        current_level=n.current_level,
                        priority=n.priority,
                        focus_area_id=areas.get(n.focus_area or ""),
                    )
                    for n in needs
                ]
            )
        await directory_index.refresh([user.id])
    return profile


async def profile_view(viewer: User, subject_id: int) -> ProfileView:
    """The most the viewer may see of the subject's profile; NotFound when nothing."""
    if viewer.id == subject_id:
        return ProfileView.FULL
    enrolments = await Enrolment.filter(user_id=subject_id).select_related("programme")
    if not enrolments:
        raise NotFound("No such profile.", field="userId")
    programme_ids = [e.programme_id for e in enrolments]
    org_ids = {e.programme.organisation_id for e in enrolments}
    if await OrgMembership.filter(
        user_id=viewer.id, organisation_id__in=org_ids, role=OrgRole.ADMIN
    ).exists():
        return ProfileView.FULL
    staff = set(
        await ProgrammeStaff.filter(user_id=viewer.id, programme_id__in=programme_ids).values_list(
            "programme_id", "role"
        )
    )
    if any(role == StaffRole.COORDINATOR for _, role in staff):
        return ProfileView.FULL
    mentors_in = {e.programme_id for e in enrolments if e.as_mentor}
    if any(pid in mentors_in for pid, role in staff if role == StaffRole.MENTOR_COACH):
        return ProfileView.PARTICIPANT
    # relationships import this module; import late to keep the graph acyclic
    from models.relationships import OPEN_STATUSES, RelationshipMember

    if await RelationshipMember.filter(
        user_id=subject_id,
        relationship__mentor_id=viewer.id,
        relationship__status__in=OPEN_STATUSES,
    ).exists():
        return ProfileView.PARTICIPANT  # the person's own mentor
    if await RelationshipMember.filter(
        user_id=viewer.id,
        relationship__mentor_id=subject_id,
        relationship__status__in=OPEN_STATUSES,
    ).exists():
        return ProfileView.PUBLIC  # one's own mentor, even when no longer listed
    profile = await Profile.get(user_id=subject_id)
    approved = {e.programme_id for e in enrolments if e.mentor_status == MentorStatus.APPROVED}
    if approved and not profile.is_minor and profile.listed_in_directory:
        shares = await Enrolment.filter(user_id=viewer.id, programme_id__in=approved).exists()
        if shares or any(pid in approved for pid, _ in staff):
            return ProfileView.PUBLIC
    raise NotFound("No such profile.", field="userId")


async def mark_mentor(user: User, mentor_id: int, kind: MarkKind | None) -> None:
    """Favourite, hide or (kind None) unmark a mentor; marks are private to their owner."""
    if mentor_id == user.id:
        raise BadInput("You cannot mark yourself.", field="mentorId")
    await profile_view(user, mentor_id)  # only mentors one may see can be marked
    if kind is None:
        await DirectoryMark.filter(user_id=user.id, mentor_id=mentor_id).delete()
        return
    mark, created = await DirectoryMark.get_or_create(
        user_id=user.id, mentor_id=mentor_id, defaults={"kind": kind}
    )
    if not created and mark.kind != kind:
        mark.kind = kind
        await mark.save(update_fields=["kind"])
