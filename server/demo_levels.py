"""The demo's mentor training and levels, so the levels queries show something at once.

Merajut ASA offers three training modules (basic training for Mentor Candidate, the
certification for Community Mentor, and an optional one on groups). The showcase mentor
``mentor01`` completed the basic training, was promoted to Mentor Candidate, holds the
certification and had their expertise confirmed: every requirement of Community Mentor is
met, and the promotion waits for a coordinator. The group mentor ``mentor04`` declared the
basic training, which waits in the coordinators' queue. Like the rest of the demo it goes
through the domain functions only.
"""

from __future__ import annotations

from models.accounts import User
from models.level_watch import reconsider
from models.levels import Level
from models.organisations import Organisation
from models.profiles import Expertise
from models.promotions import confirm_expertise, promote
from models.training import confirm, create_module, declare

MODULES = (
    (
        "Dasar-dasar mentoring / Mentoring basics",
        "Peran mentor, mendengar aktif, menetapkan tujuan bersama mentee, dan batas-batas yang "
        "sehat. / A mentor's role, active listening, setting goals with a mentee, and healthy "
        "boundaries.",
        "https://belajar.merajut-asa.example/dasar-mentoring",
        Level.MENTOR_CANDIDATE,
    ),
    (
        "Sertifikasi mentor komunitas / Community mentor certification",
        "Studi kasus pendampingan penggalang dana dan ujian singkat bersama pelatih mentor. / "
        "Case studies of mentoring fundraisers and a short assessment with a mentor coach.",
        "",
        Level.COMMUNITY_MENTOR,
    ),
    (
        "Memfasilitasi diskusi kelompok / Facilitating group discussions",
        "",
        "https://belajar.merajut-asa.example/fasilitasi-kelompok",
        None,
    ),
)


async def seed_levels(
    coordinator: User, organisation: Organisation, mentor: User, group_mentor: User
) -> None:
    basic, certification, _ = [
        await create_module(coordinator, organisation.id, title, content, link, level)
        for title, content, link, level in MODULES
    ]
    await declare(mentor, basic.id)
    await confirm(coordinator, basic.id, mentor.id)
    await promote(coordinator, organisation.id, mentor.id, Level.MENTOR_CANDIDATE)
    await confirm(coordinator, certification.id, mentor.id)
    best = (
        await Expertise.filter(user_id=mentor.id, focus_area_id__isnull=False)
        .order_by("-level", "id")
        .first()
        .select_related("focus_area")
    )
    if best is not None:
        await confirm_expertise(coordinator, organisation.id, mentor.id, best.focus_area.slug)
    await declare(group_mentor, basic.id)
    # the app's level watch is not running here: announce the eligibility it would find
    await reconsider(organisation.id, [mentor.id, group_mentor.id])
