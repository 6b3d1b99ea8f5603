"""What the next level asks of a member, computed from the data and said in plain words.

For each member this reads their level, profile, training, confirmed expertise, completed
relationships (as mentor) and the session ratings mentees gave them, all within one
organisation, and lists the next level's requirements: met or not, the figures ("3 of 5")
and a sentence in Bahasa Indonesia and in English. Nothing here changes anything: promotions
are confirmed by coordinators (models/promotions.py).

:func:`evaluate` works on any number of members in a fixed handful of queries, so the
coordinators' list of a whole organisation costs the same few statements as one person.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tortoise.expressions import F
from tortoise.functions import Count, Sum

from models.accounts import now
from models.goals import SessionFeedback
from models.levels import (
    LEVEL_NAMES,
    CompletionStatus,
    ExpertiseConfirmation,
    Level,
    LevelRules,
    MentorStanding,
    TrainingCompletion,
    TrainingModule,
    level_after,
    rules_of,
)
from models.organisations import OrgMembership
from models.profiles import Expertise, Profile
from models.programmes import Enrolment
from models.relationships import Relationship, RelationshipStatus

# what a complete profile has (platform proficiency): (attribute, Indonesian, English)
PROFILE_PARTS = (
    ("bio", "bio", "a bio"),
    ("languages", "bahasa", "languages"),
    ("availability", "ketersediaan mingguan", "weekly availability"),
    ("expertise", "keahlian", "expertise"),
    ("birth_year", "tahun lahir", "birth year"),
)
# what the training a level asks for is called: (Indonesian, English)
TRAINING_LABELS = {
    Level.MENTOR_CANDIDATE: ("Pelatihan dasar mentor", "Basic mentor training"),
    Level.COMMUNITY_MENTOR: ("Sertifikasi mentor", "Mentor certification"),
}
TITLES_SHOWN = 3


@dataclass(frozen=True)
class Requirement:
    """One condition of the next level: whether it is met, the figures behind it
    (``current`` against ``target``), and what it means, in each language."""

    key: str
    met: bool
    current: float
    target: float
    text_id: str
    text_en: str


@dataclass(frozen=True)
class Progress:
    """Where a member stands in an organisation and what the next level still asks."""

    organisation_id: int
    user_id: int
    level: Level | None
    since: datetime | None
    changes: int  # level changes so far (see MentorStanding)
    nominated: bool
    next_level: Level | None
    requirements: tuple[Requirement, ...]

    @property
    def eligible(self) -> bool:
        return self.next_level is not None and all(r.met for r in self.requirements)

    @property
    def summary(self) -> tuple[str, str]:
        """One sentence each in Bahasa Indonesia and English."""
        if self.next_level is None:
            name_id, name_en = LEVEL_NAMES[self.level] if self.level else ("", "")
            return f"{name_id}: level tertinggi.", f"{name_en}: the highest level."
        name_id, name_en = LEVEL_NAMES[self.next_level]
        if self.eligible:
            return (
                f"Memenuhi syarat untuk {name_id}: semua syarat terpenuhi; menunggu "
                "konfirmasi koordinator.",
                f"Eligible for {name_en}: every requirement is met; a coordinator confirms "
                "the promotion.",
            )
        met, total = sum(r.met for r in self.requirements), len(self.requirements)
        return (
            f"Menuju {name_id}: {met} dari {total} syarat terpenuhi.",
            f"Towards {name_en}: {met} of {total} requirements met.",
        )

    def missing_en(self) -> str:
        return " ".join(r.text_en for r in self.requirements if not r.met)


@dataclass
class _Training:
    """The modules each level asks for (the organisation's), and which of them one member
    has confirmed or declared (module ids)."""

    required: dict[Level, list[TrainingModule]]
    confirmed: set[int] = field(default_factory=set)
    declared: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class _Standing:
    level: Level | None
    since: datetime
    changes: int
    nominated: bool


NO_STANDING = _Standing(None, datetime.min, 0, False)


@dataclass
class _Facts:
    """Everything about one member that the requirements read."""

    standing: _Standing
    profile_missing: list[int]  # indexes into PROFILE_PARTS
    training: _Training
    best_expertise: tuple[int, str, str] | None  # (level, area in Indonesian, in English)
    completed: int
    ratings: int
    rating_sum: int


# --- figures into words ------------------------------------------------------------------


def _decimal_id(value: float) -> str:
    """Bahasa Indonesia writes a decimal comma."""
    return f"{value:g}".replace(".", ",")


def _titles(modules: list[TrainingModule], more: tuple[str, str]) -> tuple[str, str]:
    shown = ", ".join(m.title for m in modules[:TITLES_SHOWN])
    rest = len(modules) - TITLES_SHOWN
    if rest <= 0:
        return shown, shown
    return f"{shown} {more[0].format(rest)}", f"{shown} {more[1].format(rest)}"


def _count(key: str, label: tuple[str, str], have: int, need: int) -> Requirement:
    met = have >= need
    if met:
        text_id, text_en = f"{have} (perlu {need})", f"{have} ({need} needed)"
    else:
        text_id, text_en = f"{have} dari {need}", f"{have} of {need}"
    return Requirement(key, met, have, need, f"{label[0]}: {text_id}.", f"{label[1]}: {text_en}.")


def _profile(facts: _Facts) -> Requirement:
    total = len(PROFILE_PARTS)
    filled = total - len(facts.profile_missing)
    text_id = f"Profil lengkap (kecakapan platform): {filled} dari {total} bagian terisi"
    text_en = f"Complete profile (platform proficiency): {filled} of {total} parts filled in"
    if facts.profile_missing:
        text_id += "; yang belum: " + ", ".join(PROFILE_PARTS[i][1] for i in facts.profile_missing)
        text_en += "; still missing: " + ", ".join(
            PROFILE_PARTS[i][2] for i in facts.profile_missing
        )
    return Requirement(
        "profile", not facts.profile_missing, filled, total, text_id + ".", text_en + "."
    )


def _training(level: Level, facts: _Facts) -> Requirement:
    name_id, name_en = LEVEL_NAMES[level]
    label_id, label_en = TRAINING_LABELS.get(
        level, (f"Pelatihan untuk {name_id}", f"Training for {name_en}")
    )
    state = facts.training
    modules = state.required.get(level, [])
    required = len(modules)
    if not required:  # nothing to complete yet: the organisation has to offer it first
        return Requirement(
            "training", False, 0, 0,
            f"{label_id}: organisasi belum menyediakan modul untuk level ini.",
            f"{label_en}: the organisation offers no module for this level yet.",
        )  # fmt: skip
    confirmed = [m for m in modules if m.id in state.confirmed]
    waiting = [m for m in modules if m.id in state.declared]
    undone = [m for m in modules if m.id not in state.confirmed | state.declared]
    text_id = f"{label_id}: {len(confirmed)} dari {required} modul terkonfirmasi"
    text_en = f"{label_en}: {len(confirmed)} of {required} modules confirmed"
    more = ("dan {} lainnya", "and {} more")
    if waiting:
        titles_id, titles_en = _titles(waiting, more)
        text_id += f"; menunggu konfirmasi koordinator: {titles_id}"
        text_en += f"; waiting for a coordinator's confirmation: {titles_en}"
    if undone:
        titles_id, titles_en = _titles(undone, more)
        text_id += f"; belum diselesaikan: {titles_id}"
        text_en += f"; not yet completed: {titles_en}"
    return Requirement(
        "training", len(confirmed) == required, len(confirmed), required,
        text_id + ".", text_en + ".",
    )  # fmt: skip


def _expertise(facts: _Facts, rules: LevelRules) -> Requirement:
    need = rules.expertise_level
    label_id, label_en = "Keahlian teruji", "Demonstrated expertise"
    best = facts.best_expertise
    have = best[0] if best else 0
    if best and have >= need:
        return Requirement(
            "expertise", True, have, need,
            f"{label_id}: level {have} di {best[1]}, dikonfirmasi koordinator (perlu level "
            f"{need}).",
            f"{label_en}: level {have} in {best[2]}, confirmed by a coordinator (level {need} "
            "needed).",
        )  # fmt: skip
    text_id = f"{label_id}: belum ada bidang fokus yang dikonfirmasi koordinator pada level {need}"
    text_en = f"{label_en}: no focus area confirmed by a coordinator at level {need} or above yet"
    if best:
        text_id += f" atau lebih (tertinggi: level {have} di {best[1]})"
        text_en += f" (highest confirmed: level {have} in {best[2]})"
    else:
        text_id += " atau lebih"
    return Requirement("expertise", False, have, need, text_id + ".", text_en + ".")


def _mean_rating(facts: _Facts, rules: LevelRules) -> Requirement:
    need = rules.coach_mean_rating
    label_id, label_en = "Rata-rata penilaian sesi", "Mean session rating"
    if not facts.ratings:
        return Requirement(
            "mean_rating", False, 0, need,
            f"{label_id}: belum ada penilaian (perlu {_decimal_id(need)}).",
            f"{label_en}: no ratings yet ({need:g} needed).",
        )  # fmt: skip
    mean = round(facts.rating_sum / facts.ratings, 2)
    return Requirement(
        "mean_rating", facts.rating_sum >= need * facts.ratings - 1e-9, mean, need,
        f"{label_id}: {_decimal_id(mean)} (perlu {_decimal_id(need)}).",
        f"{label_en}: {mean:g} ({need:g} needed).",
    )  # fmt: skip


def _nomination(facts: _Facts) -> Requirement:
    nominated = facts.standing.nominated
    return Requirement(
        "nomination", nominated, int(nominated), 1,
        "Dinominasikan koordinator atas dampak luar biasa sebagai Pelatih Mentor: "
        + ("ya." if nominated else "belum."),
        "Nominated by a coordinator for exceptional impact as Mentor Coach: "
        + ("yes." if nominated else "not yet."),
    )  # fmt: skip


def requirements(level: Level, facts: _Facts, rules: LevelRules, at: datetime) -> list[Requirement]:
    """The seed plan's conditions for reaching ``level``, with the organisation's
    thresholds. The first two levels always ask for their training (unmet while the
    organisation offers no module for them); higher levels ask for training only when a
    module is required for them."""
    extra_training = [_training(level, facts)] if facts.training.required.get(level) else []
    match level:
        case Level.MENTOR_CANDIDATE:
            return [_profile(facts), _training(level, facts)]
        case Level.COMMUNITY_MENTOR:
            return [_training(level, facts), _expertise(facts, rules)]
        case Level.GROUP_MENTOR:
            relationships = _count(
                "relationships",
                ("Pendampingan yang selesai", "Completed mentoring relationships"),
                facts.completed,
                rules.group_mentor_relationships,
            )
            return [relationships, *extra_training]
        case Level.MENTOR_COACH:
            since = facts.standing.since if facts.standing.level else at
            days = _count(
                "days_as_group_mentor",
                ("Hari sebagai Mentor Kelompok", "Days as Group Mentor"),
                max(0, (at - since).days),
                rules.group_mentor_days,
            )
            ratings = _count(
                "ratings",
                ("Penilaian sesi dari mentee", "Session ratings from mentees"),
                facts.ratings,
                rules.coach_min_ratings,
            )
            return [days, ratings, _mean_rating(facts, rules), *extra_training]
        case Level.COMMUNITY_LEADER:
            return [_nomination(facts), *extra_training]


# --- reading the facts, many members at once ---------------------------------------------

# Up to this many members are named in the queries (`IN (…)`); for more (a whole
# organisation) the queries read the organisation's rows and keep the members' in Python:
# building a list of thousands of parameters costs more than the rows it would save.
NAMED = 200


def _named(field: str, ids: list[int], **scope: int) -> dict[str, Any]:
    """The filter on ``field`` for a few members, or ``scope`` (the organisation) for many."""
    return {f"{field}__in": ids} if len(ids) <= NAMED else scope


async def _training_states(organisation_id: int, ids: list[int]) -> dict[int, _Training]:
    """Each member's training; members who recorded none share one empty state."""
    modules = await TrainingModule.filter(
        organisation_id=organisation_id, archived_at__isnull=True, required_for__isnull=False
    )
    required: dict[Level, list[TrainingModule]] = defaultdict(list)
    for module in modules:
        required[Level(module.required_for)].append(module)
    nothing_yet = _Training(required)
    states = dict.fromkeys(ids, nothing_yet)
    if not modules:
        return states
    for user_id, module_id, status in await TrainingCompletion.filter(
        module_id__in=[m.id for m in modules], **_named("user_id", ids)
    ).values_list("user_id", "module_id", "status"):
        if user_id not in states:
            continue
        if states[user_id] is nothing_yet:
            states[user_id] = _Training(required)
        if status == CompletionStatus.CONFIRMED:
            states[user_id].confirmed.add(module_id)
        else:
            states[user_id].declared.add(module_id)
    return states


async def _profile_gaps(organisation_id: int, ids: list[int]) -> dict[int, list[int]]:
    members = _named("user_id", ids, user__org_memberships__organisation_id=organisation_id)
    with_expertise = set(await Expertise.filter(**members).values_list("user_id", flat=True))
    gaps: dict[int, list[int]] = {user_id: list(range(len(PROFILE_PARTS))) for user_id in ids}
    for user_id, bio, languages, availability, birth_year in await Profile.filter(
        **members
    ).values_list("user_id", "bio", "languages", "availability", "birth_year"):
        if user_id not in gaps:
            continue
        present = (
            bool(bio.strip()),
            bool(languages),
            bool(availability),
            user_id in with_expertise,
            birth_year is not None,
        )
        gaps[user_id] = [i for i, there in enumerate(present) if not there]
    return gaps


async def _best_expertise(organisation_id: int, ids: list[int]) -> dict[int, tuple[int, str, str]]:
    best: dict[int, tuple[int, str, str]] = {}
    for confirmation in (
        await ExpertiseConfirmation.filter(
            organisation_id=organisation_id, **_named("user_id", ids)
        )
        .select_related("focus_area")
        .order_by("level", "id")
    ):
        area = confirmation.focus_area
        best[confirmation.user_id] = (confirmation.level, area.name_id, area.name_en)
    return best


async def _completed(organisation_id: int, ids: list[int]) -> dict[int, int]:
    rows = (
        await Relationship.filter(
            **_named("mentor_id", ids),
            status=RelationshipStatus.COMPLETED,
            programme__organisation_id=organisation_id,
        )
        .annotate(count=Count("id"))
        .group_by("mentor_id")
        .values("mentor_id", "count")
    )
    return {row["mentor_id"]: row["count"] for row in rows}


async def _ratings(organisation_id: int, ids: list[int]) -> dict[int, tuple[int, int]]:
    """(how many, their sum) of the ratings others gave sessions each person mentored."""
    mentor = "session__relationship__mentor_id"
    rows = (
        await SessionFeedback.filter(
            **_named(mentor, ids),
            session__relationship__programme__organisation_id=organisation_id,
        )
        .exclude(author_id=F(mentor))
        .annotate(count=Count("id"), total=Sum("rating"))
        .group_by(mentor)
        .values(mentor, "count", "total")
    )
    return {row[mentor]: (row["count"], row["total"] or 0) for row in rows}


async def evaluate(
    organisation_id: int, user_ids: Collection[int], at: datetime | None = None
) -> dict[int, Progress]:
    """Each member's progress towards their next level in the organisation."""
    ids = sorted(set(user_ids))
    if not ids:
        return {}
    at = at or now()
    rules = await rules_of(organisation_id)
    standings = {
        user_id: _Standing(Level(level) if level else None, since, changes, nominated is not None)
        for user_id, level, since, changes, nominated in await MentorStanding.filter(
            organisation_id=organisation_id, **_named("user_id", ids)
        ).values_list("user_id", "level", "since", "changes", "nominated_at")
    }
    gaps = await _profile_gaps(organisation_id, ids)
    training = await _training_states(organisation_id, ids)
    expertise = await _best_expertise(organisation_id, ids)
    completed = await _completed(organisation_id, ids)
    ratings = await _ratings(organisation_id, ids)
    found = {}
    for user_id in ids:
        standing = standings.get(user_id, NO_STANDING)
        count, total = ratings.get(user_id, (0, 0))
        facts = _Facts(
            standing=standing,
            profile_missing=gaps[user_id],
            training=training[user_id],
            best_expertise=expertise.get(user_id),
            completed=completed.get(user_id, 0),
            ratings=count,
            rating_sum=total,
        )
        upcoming = level_after(standing.level)
        found[user_id] = Progress(
            organisation_id=organisation_id,
            user_id=user_id,
            level=standing.level,
            since=standing.since if standing is not NO_STANDING else None,
            changes=standing.changes,
            nominated=standing.nominated,
            next_level=upcoming,
            requirements=tuple(requirements(upcoming, facts, rules, at)) if upcoming else (),
        )
    return found


async def progress_of(organisation_id: int, user_id: int) -> Progress:
    return (await evaluate(organisation_id, [user_id]))[user_id]


async def mentors_of(organisation_id: int) -> list[int]:
    """Whose levels the organisation follows: its active members who mentor (or applied to)
    in one of its programmes, hold a level, or recorded training."""
    members = set(
        await OrgMembership.filter(
            organisation_id=organisation_id, user__is_active=True
        ).values_list("user_id", flat=True)
    )
    mentoring = await Enrolment.filter(
        programme__organisation_id=organisation_id, as_mentor=True
    ).values_list("user_id", flat=True)
    standing = await MentorStanding.filter(organisation_id=organisation_id).values_list(
        "user_id", flat=True
    )
    trained = await TrainingCompletion.filter(module__organisation_id=organisation_id).values_list(
        "user_id", flat=True
    )
    return sorted(members & {*mentoring, *standing, *trained})
