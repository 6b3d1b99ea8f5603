"""Eligibility looked at again after the changes that move it, and announced once.

What can make a mentor eligible for their next level: a training module confirmed,
expertise confirmed, a nomination, a promotion (the next level may already be met), a
relationship they mentored completed, a rating a mentee gave one of their sessions, a
module or threshold of the organisation changed, and time passing as a Group Mentor.

None of these paths waits for the evaluation. They drop a note here (a member, an
organisation, or, for relationships and feedback, the progress events announced after
their commit, heard by :meth:`Watch.hear`) and return; :meth:`Watch.run`, one background
loop per app process, evaluates the notes in batches and, every ``interval`` seconds, the
Group Mentors whose time may have come. Notes are kept in memory only: a process that stops
before its loop ran forgets them, which delays an announcement (eligibility itself is
always computed afresh when asked).

A mentor who becomes eligible, and the organisation's coordinators, get a ``LEVEL_ELIGIBLE``
notification once per level change: the claim ``level-eligible:<org>:<member>:<changes>:
<level>`` is taken in the notifications' own transaction, so however many processes see
the same change, one announces it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import defaultdict
from collections.abc import Iterable

from models.accounts import User
from models.announcements import Announcement, Publication, transaction
from models.eligibility import Progress, evaluate, mentors_of
from models.levels import LEVEL_NAMES, Level, MentorStanding, coordinator_ids
from models.notifications import FollowUp, NotificationKind, claim, notify_member
from models.organisations import Organisation
from models.progress import EventKind
from models.relationships import Relationship

log = logging.getLogger("rajut.levels")
WATCHED_EVENTS = frozenset({EventKind.RELATIONSHIP_COMPLETED.value, EventKind.FEEDBACK_GIVEN.value})
MAX_PENDING = 10_000  # notes per kind waiting for the loop; beyond, new ones are dropped


async def notify(kind: NotificationKind, messages: Iterable[tuple[int, str, str]]) -> None:
    """Tell each (person, title, body); announced once the open transaction commits."""
    for user_id, title, body in messages:
        await notify_member(user_id, kind, title, body)


def eligibility_key(progress: Progress) -> str:
    """One announcement per member, level change and level."""
    level = progress.next_level.value if progress.next_level else ""
    return (
        f"level-eligible:{progress.organisation_id}:{progress.user_id}:{progress.changes}:{level}"
    )


async def announce_eligible(
    progress: Progress, organisation: str, name: str, coordinators: set[int]
) -> bool:
    """Tell the mentor and the coordinators, unless this change was announced already."""
    assert progress.next_level is not None
    level_id, level_en = LEVEL_NAMES[progress.next_level]
    mentor = (
        progress.user_id,
        f"Anda memenuhi syarat {level_id} / You are eligible for {level_en}",
        f"Di {organisation} Anda memenuhi semua syarat untuk {level_id}; koordinator akan "
        f"mengonfirmasi kenaikan level Anda. At {organisation} you meet every requirement for "
        f"{level_en}; a coordinator will confirm your promotion.",
    )
    others = [
        (
            coordinator,
            f"{name} memenuhi syarat {level_id} / {name} is eligible for {level_en}",
            f"{name} memenuhi semua syarat untuk {level_id} di {organisation}: konfirmasi "
            f"kenaikan level dengan promoteMentor. {name} meets every requirement for {level_en} "
            f"at {organisation}: confirm the promotion with promoteMentor.",
        )
        for coordinator in sorted(coordinators - {progress.user_id})
    ]
    async with transaction():
        if not await claim(eligibility_key(progress)):
            return False
        await notify(NotificationKind.LEVEL_ELIGIBLE, [mentor, *others])
    return True


async def reconsider(organisation_id: int, user_ids: Iterable[int]) -> int:
    """Evaluate the members and announce those newly eligible; returns how many were."""
    found = [p for p in (await evaluate(organisation_id, list(user_ids))).values() if p.eligible]
    if not found:
        return 0
    announced_before = set(
        await FollowUp.filter(key__in=[eligibility_key(p) for p in found]).values_list(
            "key", flat=True
        )
    )  # one query spares a claim each for what was announced in an earlier pass
    found = [p for p in found if eligibility_key(p) not in announced_before]
    if not found:
        return 0
    organisation = await Organisation.get(id=organisation_id)
    coordinators = await coordinator_ids(organisation_id)
    names = dict(
        await User.filter(id__in=[p.user_id for p in found]).values_list("id", "display_name")
    )
    announced = 0
    for progress in found:
        name = names.get(progress.user_id, "")
        announced += await announce_eligible(progress, organisation.name, name, coordinators)
    return announced


class Watch:
    """The notes waiting for the loop, and the loop (one per process)."""

    def __init__(self) -> None:
        self._people: set[tuple[int, int]] = set()
        self._organisations: set[int] = set()
        self._relationships: set[int] = set()
        self._wake: asyncio.Event | None = None
        self._warned = False

    def person(self, organisation_id: int, user_id: int) -> None:
        self._note(self._people, (organisation_id, user_id))

    def organisation(self, organisation_id: int) -> None:
        self._note(self._organisations, organisation_id)

    async def hear(self, announcement: Announcement) -> None:
        """The announcements listener: relationships completed and feedback given."""
        match announcement:
            case Publication(topic=topic, message=message) if (
                topic.endswith(":progress")
                and message.get("kind") in WATCHED_EVENTS
                and isinstance(message.get("relationship"), int)
            ):
                self._note(self._relationships, message["relationship"])

    def _note(self, pending: set, item: object) -> None:
        if len(pending) >= MAX_PENDING:
            if not self._warned:
                log.warning("level watch: %d notes waiting; dropping new ones", MAX_PENDING)
                self._warned = True
            return
        pending.add(item)
        if self._wake is not None:
            self._wake.set()

    async def run(self, stop: asyncio.Event, *, interval: float) -> None:
        """Evaluate notes as they come, and Group Mentors every ``interval`` seconds."""
        self._wake = asyncio.Event()
        swept = float("-inf")
        while not stop.is_set():
            self._wake.clear()
            try:
                await self.work()
                if time.monotonic() - swept >= interval:
                    swept = time.monotonic()
                    await self.sweep()
            except Exception:  # keep the loop alive; the notes of this pass are lost
                log.exception("level watch pass failed")
            waiters = [asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(stop.wait())]
            await asyncio.wait(waiters, timeout=interval, return_when=asyncio.FIRST_COMPLETED)
            for waiter in waiters:
                waiter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.gather(*waiters, return_exceptions=True)

    async def work(self) -> int:
        """Evaluate everything noted so far; returns how many were announced eligible."""
        people, self._people = self._people, set()
        organisations, self._organisations = self._organisations, set()
        relationships, self._relationships = self._relationships, set()
        self._warned = False
        if relationships:
            people |= set(
                await Relationship.filter(
                    id__in=sorted(relationships), mentor_id__isnull=False
                ).values_list("programme__organisation_id", "mentor_id")
            )
        by_organisation: dict[int, set[int]] = defaultdict(set)
        for organisation_id, user_id in people:
            by_organisation[organisation_id].add(user_id)
        for organisation_id in organisations:
            by_organisation[organisation_id] |= set(await mentors_of(organisation_id))
        announced = 0
        for organisation_id, user_ids in sorted(by_organisation.items()):
            announced += await reconsider(organisation_id, user_ids)
        return announced

    async def sweep(self) -> int:
        """Group Mentors, whose time towards Mentor Coach passes without any event."""
        by_organisation: dict[int, set[int]] = defaultdict(set)
        for organisation_id, user_id in await MentorStanding.filter(
            level=Level.GROUP_MENTOR
        ).values_list("organisation_id", "user_id"):
            by_organisation[organisation_id].add(user_id)
        announced = 0
        for organisation_id, user_ids in sorted(by_organisation.items()):
            announced += await reconsider(organisation_id, user_ids)
        return announced


watch = Watch()
