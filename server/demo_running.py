"""The demo's second programme, already running, so a newcomer sees mentoring in progress.

The first programme is still in registration: nothing in it shows relationships, sessions,
goals or progress. This one, of the same organisation, started two months ago and holds a
1:1 relationship (the showcase mentee ``mentee001`` with the showcase mentor ``mentor01``)
and a group (one mentor, three mentees), each active, with held and upcoming sessions,
goals with milestones, journals, a conversation, feedback and, from all of these, progress
events. Like the rest of the demo it goes through the domain functions only: past sessions
are scheduled in the past (the rules allow any time within the programme) and then
recorded as held, exactly as a mentor would do after the fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from models.accounts import User
from models.conversations import send_message
from models.goals import Milestone, give_feedback, reach_milestone, set_goal, submit_journal
from models.organisations import Organisation
from models.programmes import (
    MentoringModel,
    Programme,
    ProgrammeStatus,
    advance_programme,
    create_programme,
    enrol,
    screen_mentor,
    update_programme,
)
from models.relationships import acknowledge_guidelines
from models.requests import accept_request, request_mentor
from models.sessions import SessionKind, record_held, schedule_session

RUNNING_NAME, RUNNING_SLUG = "Mentoring Kampanye — Angkatan 1", "kampanye-angkatan-1"
RUNNING_DESCRIPTION = (
    "Angkatan pertama, sedang berjalan: pendampingan 1:1 dan kelompok. / The first cohort, "
    "under way: one-to-one and group mentoring."
)
GROUP_SIZE = 3
SESSION_HOUR_UTC = 12  # 19:00 in Jakarta, when most volunteers are free


@dataclass(frozen=True)
class RunningDemo:
    """Who to log in as to see what (listed in the seed summary and in README)."""

    programme: Programme
    mentor: User  # the 1:1 mentor
    mentee: User  # the showcase mentee, matched 1:1
    group_mentor: User
    group_mentees: tuple[User, ...]


def _at(day: date, hour: int = SESSION_HOUR_UTC) -> datetime:
    return datetime.combine(day, time(hour), UTC)


async def _enrol_mentor(coordinator: User, programme: Programme, mentor: User) -> None:
    enrolment = await enrol(
        mentor, programme.id, as_mentor=True, as_mentee=False, motivation="Lanjut mendampingi."
    )
    await screen_mentor(coordinator, enrolment.id, True, "Mentor angkatan sebelumnya.")


async def _pair(programme: Programme, mentor: User, mentee: User, message: str) -> int:
    """A request the mentor accepts; returns the relationship id (proposed until everyone
    acknowledges the guidelines)."""
    await enrol(mentee, programme.id, as_mentor=False, as_mentee=True, motivation=message)
    request = await request_mentor(mentee, programme.id, mentor.id, message)
    accepted, _ = await accept_request(mentor, request.id)
    assert accepted.relationship_id is not None
    return accepted.relationship_id


async def _sessions(
    relationship_id: int,
    mentor: User,
    people: list[User],
    kind: SessionKind,
    past: list[date],
    upcoming: list[date],
    agenda: str,
) -> None:
    """Held sessions with everyone's feedback, then scheduled ones."""
    for n, day in enumerate(past, start=1):
        session = await schedule_session(
            mentor, relationship_id, kind, f"{agenda} ({n})", _at(day), _at(day, 13)
        )
        await record_held(mentor, session.id, {p.id for p in [mentor, *people]})
        for person in people:
            await give_feedback(person, session.id, 5 - n % 2, "Sangat membantu, terima kasih!")
    for day in upcoming:
        await schedule_session(mentor, relationship_id, kind, agenda, _at(day), _at(day, 13))


async def _goal(
    mentee: User, relationship_id: int, title: str, target: str, today: date, ends: date
) -> None:
    """A goal with three milestones, the first reached."""
    goal = await set_goal(
        mentee,
        relationship_id,
        title,
        "Kampanye penggalangan dana yang siap dibagikan.",
        target,
        ends - timedelta(days=14),
        [
            ("Cerita kampanye ditulis", today - timedelta(days=10)),
            ("Halaman kampanye terbit", today + timedelta(days=14)),
            ("Laporan dampak pertama", ends - timedelta(days=21)),
        ],
    )
    first = await Milestone.filter(goal_id=goal.id).order_by("id").first()
    assert first is not None
    await reach_milestone(mentee, first.id)


async def seed_running_programme(
    coordinator: User,
    organisation: Organisation,
    focus_areas: list[str],
    mentor: User,
    mentee: User,
    group_mentor: User,
    group_mentees: list[User],
) -> RunningDemo:
    """Create the running programme and its relationships, as of today."""
    now = datetime.now(UTC)
    today = now.date()
    starts, ends = today - timedelta(days=60), today + timedelta(days=120)
    # 1:1 only while the showcase pair is made: with groups allowed, a mentor with room for
    # several mentees gathers them in a group
    programme = await create_programme(
        coordinator,
        organisation,
        RUNNING_SLUG,
        focus_areas,
        name=RUNNING_NAME,
        description=RUNNING_DESCRIPTION,
        mentoring_models=[MentoringModel.ONE_TO_ONE.value],
        registration_opens_at=now - timedelta(days=90),
        registration_closes_at=now + timedelta(days=1),
        starts_on=starts,
        ends_on=ends,
    )
    await advance_programme(coordinator, programme.id, ProgrammeStatus.REGISTRATION_OPEN)
    for person in (mentor, group_mentor):
        await _enrol_mentor(coordinator, programme, person)

    one_to_one = await _pair(programme, mentor, mentee, "Saya ingin belajar menulis cerita.")
    await update_programme(
        coordinator,
        programme.id,
        None,
        mentoring_models=[MentoringModel.ONE_TO_ONE.value, MentoringModel.GROUP.value],
    )
    group = 0
    for member in group_mentees:
        group = await _pair(programme, group_mentor, member, "Boleh bergabung di kelompok?")
    for person in (mentor, mentee):
        await acknowledge_guidelines(person, one_to_one)
    for person in (group_mentor, *group_mentees):
        await acknowledge_guidelines(person, group)
    await advance_programme(coordinator, programme.id, ProgrammeStatus.RUNNING)
    await update_programme(
        coordinator, programme.id, None, registration_closes_at=now - timedelta(days=45)
    )

    await _sessions(
        one_to_one,
        mentor,
        [mentee],
        SessionKind.REGULAR,
        [today - timedelta(days=d) for d in (35, 21, 7)],
        [today + timedelta(days=d) for d in (2, 16)],
        "Menyusun cerita kampanye",
    )
    await _sessions(
        group,
        group_mentor,
        list(group_mentees),
        SessionKind.GROUP,
        [today - timedelta(days=14)],
        [today + timedelta(days=5)],
        "Belajar bersama: anggaran kampanye",
    )
    await _goal(
        mentee, one_to_one, "Meluncurkan kampanye pertama", "Rp 5.000.000 dari 50 donatur",
        today, ends,
    )  # fmt: skip
    await _goal(
        group_mentees[0], group, "Anggaran kampanye yang transparan", "Laporan untuk 3 donatur",
        today, ends,
    )  # fmt: skip
    await submit_journal(
        mentee,
        one_to_one,
        "Cerita kampanye saya lebih jelas setelah sesi terakhir.",
        "Foto yang jujur lebih kuat daripada kata-kata besar.",
        "Minta tiga teman membaca draf halaman kampanye.",
        True,
    )
    await submit_journal(
        mentor,
        one_to_one,
        "Mentee saya cepat belajar; perlu dorongan untuk mulai membagikan.",
        "Contoh nyata dari kampanye lain membantu.",
        "Siapkan daftar periksa sebelum peluncuran.",
        False,
    )
    await submit_journal(
        group_mentees[1],
        group,
        "Diskusi kelompok membuat saya berani bertanya.",
        "Anggaran sederhana lebih dipercaya donatur.",
        "Buat tabel anggaran pertama.",
        True,
    )
    for author, body in (
        (mentee, "Kak, draf cerita kampanye sudah saya kirim. Boleh minta masukan?"),
        (mentor, "Sudah saya baca, bagus! Tambahkan satu foto kegiatan dan target yang jelas."),
        (mentee, "Siap, saya perbaiki sebelum sesi berikutnya. Terima kasih!"),
    ):
        await send_message(author, one_to_one, body)
    for author, body in (
        (group_mentor, "Selamat datang di kelompok! Kenalkan diri dan kampanye kalian, ya."),
        (group_mentees[0], "Halo semua, saya sedang menggalang dana untuk perpustakaan desa."),
    ):
        await send_message(author, group, body)
    return RunningDemo(programme, mentor, mentee, group_mentor, tuple(group_mentees))
