"""Batched reads (Strawberry DataLoader) so a page of N objects costs O(1) queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TypeVar

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from models.accounts import User
from models.goals import SessionFeedback
from models.organisations import FocusArea, Organisation
from models.profiles import Expertise, LearningNeed, Profile
from models.programmes import Enrolment, MentorStatus, Programme, ProgrammeStatus

M = TypeVar("M", bound=Model)


def _by_key(keys: Sequence[int], rows: Iterable[M], key: str) -> list[list[M]]:
    grouped: dict[int, list[M]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return [grouped[k] for k in keys]


def _one_each(keys: Sequence[int], rows: Iterable[M], key: str = "id") -> list[M | None]:
    found = {getattr(row, key): row for row in rows}
    return [found.get(k) for k in keys]


async def _users(keys: Sequence[int]) -> list[User | None]:
    return _one_each(keys, await User.filter(id__in=keys))


async def _profiles(keys: Sequence[int]) -> list[Profile | None]:
    return _one_each(keys, await Profile.filter(user_id__in=keys), "user_id")


async def _programmes(keys: Sequence[int]) -> list[Programme | None]:
    return _one_each(keys, await Programme.filter(id__in=keys))


async def _organisations(keys: Sequence[int]) -> list[Organisation | None]:
    return _one_each(keys, await Organisation.filter(id__in=keys))


async def _expertise(keys: Sequence[int]) -> list[list[Expertise]]:
    rows = await Expertise.filter(user_id__in=keys).select_related("focus_area")
    return _by_key(keys, rows, "user_id")


async def _needs(keys: Sequence[int]) -> list[list[LearningNeed]]:
    rows = await LearningNeed.filter(user_id__in=keys).select_related("focus_area")
    return _by_key(keys, rows, "user_id")


async def _programme_focus_areas(keys: Sequence[int]) -> list[list[FocusArea]]:
    pairs = await FocusArea.filter(programmes__id__in=keys).values_list("id", "programmes__id")
    areas = {a.id: a for a in await FocusArea.filter(id__in={a for a, _ in pairs})}
    grouped: dict[int, list[FocusArea]] = defaultdict(list)
    for area_id, programme_id in sorted(pairs):
        grouped[programme_id].append(areas[area_id])
    return [grouped[k] for k in keys]


async def _mentoring_in(keys: Sequence[int]) -> list[list[Programme]]:
    """Programmes each person mentors in, drafts left out."""
    rows = (
        await Enrolment.filter(user_id__in=keys, mentor_status=MentorStatus.APPROVED)
        .exclude(programme__status=ProgrammeStatus.DRAFT)
        .select_related("programme")
    )
    grouped: dict[int, list[Programme]] = defaultdict(list)
    for row in rows:
        grouped[row.user_id].append(row.programme)
    return [grouped[k] for k in keys]


async def _feedback_by(keys: Sequence[tuple[int, int]]) -> list[SessionFeedback | None]:
    """Each (session, author) pair's feedback, if given."""
    rows = await SessionFeedback.filter(
        session_id__in={s for s, _ in keys}, author_id__in={a for _, a in keys}
    )
    found = {(row.session_id, row.author_id): row for row in rows}
    return [found.get(key) for key in keys]


class Loaders:
    """One set per operation; see ``schema.errors.FreshLoaders``."""

    def __init__(self) -> None:
        self.user = DataLoader(load_fn=_users)
        self.profile = DataLoader(load_fn=_profiles)
        self.organisation = DataLoader(load_fn=_organisations)
        self.programme = DataLoader(load_fn=_programmes)
        self.expertise = DataLoader(load_fn=_expertise)
        self.learning_needs = DataLoader(load_fn=_needs)
        self.programme_focus_areas = DataLoader(load_fn=_programme_focus_areas)
        self.mentoring_in = DataLoader(load_fn=_mentoring_in)
        self.feedback_by = DataLoader(load_fn=_feedback_by)
