"""`rajut seed-demo`: one organisation, one open programme and ~150 people to click through.

Everything goes through the domain functions in `models/`, never raw rows, so the demo obeys
the same validation as real users and breaks loudly when a rule changes. The data is drawn
from `random.Random(2026)`, so every fresh database gets the same people.
"""

from __future__ import annotations

import calendar
import functools
import random
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar

from tortoise.transactions import in_transaction

from models.accounts import User, hash_password, register
from models.badges import recognise
from models.expenses import ExpenseCategory, ExpenseInput, record_expense
from models.organisations import DEFAULT_FOCUS_AREAS, Organisation, create_organisation
from models.profiles import (
    ADULT_AGE,
    QUESTIONS,
    CommunicationStyle,
    NeedInput,
    SkillInput,
    update_profile,
)
from models.programmes import (
    MentoringModel,
    Programme,
    ProgrammeStatus,
    StaffRole,
    advance_programme,
    appoint_staff,
    create_programme,
    enrol,
    screen_mentor,
)
from server.db import open_database
from server.demo_levels import seed_levels
from server.demo_running import GROUP_SIZE, RUNNING_NAME, RunningDemo, seed_running_programme

T = TypeVar("T")

DEMO_PASSWORD = "rajut-demo-2026"
GRAPHQL_URL = "http://127.0.0.1:8000/graphql"
SEED = 2026
MENTOR_COUNT = 30
MENTEE_COUNT = 120
MINOR_MENTEES = 8
PENDING_MENTORS = 3
CLOSED_MENTORS = 3
MENTORS_ALSO_MENTEES = 4

ORG_NAME, ORG_SLUG = "Merajut ASA", "merajut-asa"
PROGRAMME_NAME, PROGRAMME_SLUG = "Mentoring Kampanye 2026", "kampanye-2026"
PROGRAMME_DESCRIPTION = (
    "Delapan bulan pendampingan bagi penggalang dana komunitas: dari halaman kampanye pertama "
    "sampai laporan dampak. / Eight months of mentoring for community fundraisers, from the "
    "first campaign page to the impact report."
)
PROGRAMME_MODELS = (
    MentoringModel.ONE_TO_ONE,
    MentoringModel.GROUP,
    MentoringModel.PEER,
    MentoringModel.FLASH,
)

REJECTION_REASON = (
    "Belum ada pengalaman penggalangan dana yang bisa kami verifikasi; silakan ikut sebagai "
    "mentee dulu musim ini. / No fundraising experience we could verify yet; please join as "
    "a mentee this season."
)
APPROVAL_NOTES = ("", "", "Referensi sudah dicek.", "Pengalaman relevan.", "Wawancara lancar.")


class Staff(NamedTuple):
    """One of the two staff logins the summary hands out."""

    email: str
    name: str
    profile: dict[str, Any]


COORDINATOR = Staff(
    "koordinator@rajut.test",
    "Sri Wahyuni",
    {
        "bio": "Koordinator program Merajut ASA di Yogyakarta. Menjodohkan mentor dan mentee, "
        "dan memastikan semua orang merasa aman.",
        "languages": ["id", "jv", "en"],
        "timezone": "Asia/Jakarta",
        "birth_year": 1983,
    },
)
COACH = Staff(
    "pelatih@rajut.test",
    "Yohana Kambu",
    {
        "bio": "Pelatih mentor dari Jayapura. Membantu para mentor memberi umpan balik yang jujur "
        "tapi hangat.",
        "languages": ["id", "en"],
        "timezone": "Asia/Jayapura",
        "birth_year": 1979,
    },
)


class NamePool(NamedTuple):
    """Naming customs of one community and where its members tend to live."""

    weight: int
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]
    family_female: tuple[str, ...]  # empty: same family names as the men
    homes: tuple[tuple[str, str], ...]  # (city, IANA zone)
    language: str | None  # regional language spoken at home, if the platform knows it


NAME_POOLS = (
    NamePool(  # Javanese
        30,
        ("Agus", "Bambang", "Joko", "Eko", "Slamet", "Wahyu", "Budi", "Teguh", "Dimas", "Bayu"),
        ("Sri", "Endang", "Ratna", "Rini", "Siti", "Dewi", "Puji", "Kartika", "Yuli", "Wulan"),
        ("Susanto", "Wibowo", "Setiawan", "Prasetyo", "Nugroho", "Purnomo", "Hartono", "Santoso"),
        ("Rahayu", "Handayani", "Kurniawati", "Wulandari", "Utami", "Pratiwi", "Anggraini"),
        (
            ("Yogyakarta", "Asia/Jakarta"),
            ("Semarang", "Asia/Jakarta"),
            ("Surabaya", "Asia/Jakarta"),
            ("Malang", "Asia/Jakarta"),
            ("Surakarta", "Asia/Jakarta"),
            ("Jakarta", "Asia/Jakarta"),
        ),
        "jv",
    ),
    NamePool(  # Sundanese
        14,
        ("Asep", "Cecep", "Dadang", "Ujang", "Yayan", "Deden", "Ridwan", "Jajang"),
        ("Euis", "Neng", "Iis", "Entin", "Nining", "Imas", "Yuyun", "Lilis"),
        ("Saepudin", "Suherman", "Hidayat", "Sopandi", "Rukmana", "Mulyana", "Permana"),
        ("Komariah", "Sumarni", "Nurhayati", "Kurniasih", "Rosmiati", "Nurjanah", "Maryati"),
        (
            ("Bandung", "Asia/Jakarta"),
            ("Bogor", "Asia/Jakarta"),
            ("Tasikmalaya", "Asia/Jakarta"),
            ("Cirebon", "Asia/Jakarta"),
            ("Jakarta", "Asia/Jakarta"),
        ),
        "su",
    ),
    NamePool(  # Batak
        9,
        ("Maruli", "Hotman", "Togar", "Lamhot", "Parlindungan", "Binsar", "Tigor", "Daniel"),
        ("Rotua", "Debora", "Sondang", "Tiurma", "Rugun", "Lasma", "Riris", "Ruth"),
        ("Siregar", "Simanjuntak", "Nainggolan", "Situmorang", "Hutapea", "Sinaga", "Pardede"),
        (),
        (("Medan", "Asia/Jakarta"), ("Pematangsiantar", "Asia/Jakarta"), ("Batam", "Asia/Jakarta")),
        None,
    ),
    NamePool(  # Minangkabau
        7,
        ("Rizal", "Hendra", "Irwan", "Zulkifli", "Afdal", "Fadli", "Rahmat"),
        ("Yusra", "Fitri", "Rahmi", "Novia", "Reni", "Yelni", "Suci"),
        ("Chaniago", "Tanjung", "Koto", "Piliang", "Sikumbang", "Jambak", "Guci"),
        (),
        (
            ("Padang", "Asia/Jakarta"),
            ("Bukittinggi", "Asia/Jakarta"),
            ("Pekanbaru", "Asia/Jakarta"),
        ),
        None,
    ),
    NamePool(  # Chinese-Indonesian
        9,
        ("Kevin", "Hendra", "William", "Steven", "Felix", "Jonathan", "Andreas"),
        ("Lina", "Cynthia", "Jessica", "Melinda", "Vania", "Olivia", "Fransiska"),
        ("Wijaya", "Tanoto", "Halim", "Gunawan", "Salim", "Kurniawan", "Hartanto", "Sugianto"),
        (),
        (
            ("Jakarta", "Asia/Jakarta"),
            ("Medan", "Asia/Jakarta"),
            ("Surabaya", "Asia/Jakarta"),
            ("Tangerang", "Asia/Jakarta"),
        ),
        None,
    ),
    NamePool(  # Acehnese
        4,
        ("Teuku Rizki", "Teuku Fadhil", "Muhammad Iqbal", "Zulfikar"),
        ("Cut Raihan", "Cut Intan", "Nurul", "Rahmah"),
        ("Hasballah", "Abdullah", "Ibrahim", "Daud", "Usman"),
        (),
        (("Banda Aceh", "Asia/Jakarta"), ("Lhokseumawe", "Asia/Jakarta")),
        None,
    ),
    NamePool(  # Bugis
        7,
        ("Andi Muhammad", "Andi Baso", "Andi Irfan", "Ahmad", "Arung"),
        ("Andi Tenri", "Besse", "Sitti", "Andi Nurul", "Andi Reski"),
        ("Arsyad", "Mappanyukki", "Makkasau", "Pawelloi", "Mattalatta", "Amiruddin", "Latif"),
        (),
        (
            ("Makassar", "Asia/Makassar"),
            ("Parepare", "Asia/Makassar"),
            ("Watampone", "Asia/Makassar"),
            ("Balikpapan", "Asia/Makassar"),
        ),
        None,
    ),
    NamePool(  # Balinese: birth-order names, I for men and Ni for women
        6,
        ("I Wayan", "I Made", "I Nyoman", "I Ketut", "I Putu", "I Gede"),
        ("Ni Wayan", "Ni Made", "Ni Nyoman", "Ni Ketut", "Ni Putu", "Ni Luh"),
        ("Sudarta", "Suartika", "Mahendra", "Wirawan", "Astawa", "Sukerta"),
        ("Ayu Lestari", "Ariani", "Purnami", "Astiti", "Widiastuti", "Kusuma Dewi"),
        (
            ("Denpasar", "Asia/Makassar"),
            ("Singaraja", "Asia/Makassar"),
            ("Gianyar", "Asia/Makassar"),
        ),
        None,
    ),
    NamePool(  # Minahasa
        4,
        ("Ferdy", "Jefry", "Stenly", "Rio"),
        ("Grace", "Meity", "Jeane", "Vanda"),
        ("Lumintang", "Sondakh", "Rumondor", "Wowor", "Pangemanan", "Mandagi"),
        (),
        (("Manado", "Asia/Makassar"), ("Tomohon", "Asia/Makassar"), ("Bitung", "Asia/Makassar")),
        None,
    ),
    NamePool(  # Nusa Tenggara Timur
        4,
        ("Yosef", "Agustinus", "Fransiskus", "Kornelis"),
        ("Maria Goreti", "Yuliana", "Bernadeta", "Theresia"),
        ("Seran", "Lewar", "Bria", "Tefa", "Manek"),
        (),
        (("Kupang", "Asia/Makassar"), ("Maumere", "Asia/Makassar"), ("Ende", "Asia/Makassar")),
        None,
    ),
    NamePool(  # Maluku
        3,
        ("Marthen", "Johny", "Ricky"),
        ("Novita", "Yolanda", "Merry"),
        ("Pattiasina", "Latuheru", "Tuhumury", "Matulessy", "Sahetapy", "Siahaya"),
        (),
        (("Ambon", "Asia/Jayapura"), ("Tual", "Asia/Jayapura")),
        None,
    ),
    NamePool(  # Papuan
        6,
        ("Yohanes", "Frans", "Natalius", "Yakob", "Obed", "Petrus", "Septinus"),
        ("Maria", "Yosina", "Ribka", "Selvia", "Naomi", "Herlina"),
        ("Wenda", "Kogoya", "Rumbiak", "Mandacan", "Tabuni", "Karubaba", "Rumere", "Wanggai"),
        (),
        (
            ("Jayapura", "Asia/Jayapura"),
            ("Wamena", "Asia/Jayapura"),
            ("Sorong", "Asia/Jayapura"),
            ("Manokwari", "Asia/Jayapura"),
            ("Merauke", "Asia/Jayapura"),
        ),
        None,
    ),
)

# Indonesians abroad, fixed people so the demo always has pairs across far-apart zones:
# (email, city, zone, (role in Bahasa Indonesia, role in English)).
ABROAD = (
    (
        "mentor05@rajut.test",
        "Leiden",
        "Europe/Amsterdam",
        ("peneliti tamu di universitas", "a visiting researcher at the university"),
    ),
    (
        "mentor18@rajut.test",
        "Tokyo",
        "Asia/Tokyo",
        ("penggiat komunitas diaspora", "a diaspora community organiser"),
    ),
    (
        "mentee043@rajut.test",
        "Amsterdam",
        "Europe/Amsterdam",
        ("mahasiswa S2", "a master's student"),
    ),
)

# (focus area slug, weight among mentors' expertise, weight among mentees' needs, skills).
# The weights differ on purpose: the demo should show a skill gap in the cohort metrics.
FOCUS_SKILLS = (
    (
        "platform-navigation",
        3,
        3,
        ("pengaturan akun penggalang", "verifikasi identitas", "dasbor donasi"),
    ),
    (
        "campaign-creation",
        6,
        8,
        ("menyusun halaman kampanye", "menentukan target donasi", "memilih foto sampul"),
    ),
    (
        "digital-storytelling",
        5,
        7,
        ("menulis cerita kampanye", "video pendek", "fotografi ponsel"),
    ),
    (
        "community-engagement",
        4,
        4,
        ("membangun tim relawan", "kabar terbaru untuk donatur", "kolaborasi komunitas"),
    ),
    (
        "financial-management",
        3,
        5,
        ("pembukuan sederhana", "penyaluran dana", "laporan keuangan transparan"),
    ),
    ("technical-skills", 4, 3, ("google sheets", "canva", "whatsapp business")),
    (
        "impact-measurement",
        2,
        4,
        ("indikator dampak", "survei penerima manfaat", "laporan dampak"),
    ),
    (
        "leadership-development",
        4,
        2,
        ("memimpin tim relawan", "berbicara di depan umum", "delegasi tugas"),
    ),
    (
        "regulatory-compliance",
        1,
        3,
        ("izin pengumpulan uang dan barang", "perpajakan yayasan", "perlindungan data donatur"),
    ),
    (
        "sustainable-fundraising",
        3,
        6,
        ("program donatur rutin", "kemitraan csr", "penggalangan dana berulang"),
    ),
)

INDONESIAN_ZONES = frozenset({"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"})

# Weekly windows in local time; each person takes one to three of these habits.
AVAILABILITY_HABITS = (
    ((0, "19:30", "21:00"), (2, "19:30", "21:00")),  # Monday and Wednesday evenings
    ((1, "20:00", "21:30"), (3, "20:00", "21:30")),  # Tuesday and Thursday evenings
    ((5, "08:00", "11:00"),),  # Saturday morning
    ((5, "13:00", "16:00"),),  # Saturday afternoon
    ((6, "15:00", "17:00"),),  # Sunday afternoon
    ((6, "19:00", "21:00"),),  # Sunday evening
    ((0, "12:00", "13:00"), (2, "12:00", "13:00"), (4, "12:00", "13:00")),  # lunch breaks
    ((4, "15:00", "17:00"),),  # Friday afternoon
    ((1, "06:00", "07:00"), (3, "06:00", "07:00")),  # before work
)

# (Bahasa Indonesia, English) pairs; English is used for people whose locale is "en".
MENTOR_ROLES = (
    ("pengelola program di yayasan pendidikan", "a programme manager at an education foundation"),
    ("fundraiser di lembaga zakat", "a fundraiser at a zakat institution"),
    ("pendiri komunitas literasi", "the founder of a literacy community"),
    ("konsultan komunikasi untuk LSM", "a communications consultant for NGOs"),
    ("bendahara koperasi perempuan", "the treasurer of a women's cooperative"),
    ("pengembang web untuk organisasi nirlaba", "a web developer for non-profits"),
    ("peneliti evaluasi program sosial", "a researcher who evaluates social programmes"),
    ("koordinator relawan tanggap bencana", "a disaster-response volunteer coordinator"),
    ("manajer CSR di perusahaan logistik", "a CSR manager at a logistics company"),
    ("notaris pendamping yayasan", "a notary who advises foundations"),
    ("kreator konten video", "a video content creator"),
    ("dosen manajemen nirlaba", "a lecturer in non-profit management"),
)
MENTEE_ROLES = (
    ("relawan bank sampah", "a volunteer at a waste bank"),
    ("guru honorer", "a part-time teacher"),
    ("pengurus karang taruna", "a youth club organiser"),
    ("pemilik usaha kerajinan", "a craft business owner"),
    ("mahasiswa kesehatan masyarakat", "a public health student"),
    ("pengelola taman baca", "a community library organiser"),
    ("kader posyandu", "a community health volunteer"),
    ("pendamping petani kopi", "a coffee farmers' facilitator"),
    ("pengurus masjid", "a mosque committee member"),
    ("aktivis hak penyandang disabilitas", "a disability rights activist"),
    ("perawat puskesmas", "a community health centre nurse"),
    ("ketua kelompok nelayan", "the head of a fishers' group"),
)
CAUSES = (
    ("beasiswa anak nelayan", "scholarships for fishers' children"),
    ("air bersih di desa kami", "clean water for our village"),
    ("perpustakaan keliling", "a mobile library"),
    ("pemulihan pascabanjir", "flood recovery"),
    ("rumah singgah pasien kanker", "a shelter for cancer patients"),
    ("sekolah alam", "a nature school"),
    ("konservasi penyu", "turtle conservation"),
    ("modal usaha para penenun", "working capital for weavers"),
    ("kursi roda untuk lansia", "wheelchairs for the elderly"),
    ("panel surya untuk sekolah", "solar panels for a school"),
    ("renovasi posyandu", "renovating the village health post"),
)

MENTOR_BIOS = (
    (
        "Saya {role} di {city}, {years} tahun menekuni {areas}. Suka berbagi cara kerja yang "
        "sederhana dan langsung bisa dipakai.",
        "I work as {role} in {city} and have spent {years} years on {areas}. I like practical, "
        "step-by-step mentoring.",
    ),
    (
        "Sudah {years} tahun menemani komunitas di {city} menggalang dana, terutama lewat {areas}.",
        "For {years} years I have helped community groups in {city} raise funds, mostly through "
        "{areas}.",
    ),
    (
        "Tinggal di {city}, sehari-hari {role}. Senang membantu yang baru mulai, khususnya soal "
        "{areas}.",
        "Based in {city}, working as {role}. Happy to help beginners with {areas}.",
    ),
)
MENTEE_BIOS = (
    (
        "Saya {role} di {city}. Sedang menyiapkan kampanye untuk {cause}.",
        "I am {role} in {city}, preparing a campaign for {cause}.",
    ),
    (
        "Halo! Saya {role} dari {city}; kami menggalang dana untuk {cause} dan masih banyak "
        "belajar.",
        "Hi! I am {role} from {city}; we are raising funds for {cause} and still learning a lot.",
    ),
    (
        "Tinggal di {city}, sehari-hari {role}. Ingin kampanye {cause} lebih rapi dan dipercaya "
        "donatur.",
        "Based in {city}, working as {role}. I want our campaign for {cause} to earn donors' "
        "trust.",
    ),
)
MINOR_BIOS = (
    "Saya pelajar SMA di {city}. Bersama teman-teman OSIS kami ingin menggalang dana untuk "
    "{cause}.",
    "Siswa kelas {grade} di {city}, aktif di PMR, dan ingin belajar menggalang dana untuk {cause}.",
)
MENTOR_GOALS = (
    (
        "Menemani {capacity} mentee sampai kampanye pertama mereka tayang.",
        "Help {capacity} mentees get their first campaign live.",
    ),
    (
        "Belajar menjadi mentor yang lebih baik sambil memperluas jaringan.",
        "Become a better mentor and meet people outside my own circle.",
    ),
    (
        "Berbagi pengalaman soal {areas} agar makin banyak kampanye yang transparan.",
        "Share what I know about {areas} so more campaigns are transparent.",
    ),
)
MENTEE_GOALS = (
    (
        "Ingin belajar soal {skills} sebelum kampanye untuk {cause} tayang.",
        "Get better at {areas} before our campaign for {cause} goes live.",
    ),
    (
        "Target enam bulan: paham {skills}, supaya donatur percaya pada kampanye kami.",
        "In six months: confident with {areas}, so donors trust our campaign.",
    ),
)
MENTOR_MOTIVATIONS = (
    (
        "Ingin berbagi pengalaman dengan penggalang dana baru.",
        "I want to share what I learnt with new fundraisers.",
    ),
    ("Dulu saya dibantu mentor; sekarang giliran saya.", "A mentor once helped me; my turn now."),
    (
        "Supaya kampanye kecil juga bisa profesional.",
        "Small campaigns deserve to look professional.",
    ),
)
MENTEE_MOTIVATIONS = (
    ("Ingin belajar dari yang lebih berpengalaman.", "I want to learn from experienced people."),
    ("Kampanye pertama kami butuh arahan.", "Our first campaign needs guidance."),
    ("Donasi kami mandek; butuh cara baru.", "Our donations have stalled; we need new ideas."),
)


class Verdict(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    PENDING = "pending"


@dataclass
class Person:
    """Everything needed to create one participant, decided before touching the database."""

    email: str
    name: str
    locale: str
    as_mentor: bool
    as_mentee: bool
    motivation: str
    profile: dict[str, Any]
    expertise: list[SkillInput] = field(default_factory=list)
    needs: list[NeedInput] = field(default_factory=list)
    verdict: Verdict = Verdict.PENDING
    reason: str = ""


def _add_months(day: date, months: int) -> date:
    """Same day of the month, clamped to the month's end (31 May + 1 month is 30 June)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _weighted_sample(
    rng: random.Random, items: Sequence[T], weights: Sequence[int], k: int
) -> list[T]:
    """Draw k distinct items, likelier ones first (random.sample has no weights)."""
    pool, chosen = list(zip(items, weights, strict=True)), []
    for _ in range(min(k, len(pool))):
        pick = rng.choices(range(len(pool)), weights=[w for _, w in pool])[0]
        chosen.append(pool.pop(pick)[0])
    return chosen


def _join(parts: Sequence[str], locale: str) -> str:
    word = " and " if locale == "en" else " dan "
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + word + parts[-1]


def _area_names(slugs: Sequence[str], locale: str) -> str:
    names = {slug: (en.lower(), id_.lower()) for slug, en, id_ in DEFAULT_FOCUS_AREAS}
    return _join([names[s][0 if locale == "en" else 1] for s in dict.fromkeys(slugs)], locale)


def _text(rng: random.Random, options: Sequence[tuple[str, str]], locale: str) -> str:
    return rng.choice(options)[1 if locale == "en" else 0]


class _Identity(NamedTuple):
    name: str
    pool: NamePool
    city: str
    zone: str
    role: tuple[str, str] | None  # fixed for people abroad, drawn later for everyone else


def _identity(rng: random.Random, used: set[str], email: str) -> _Identity:
    """A name not used yet, from a community drawn by weight, and a home typical for it."""
    while True:
        pool = rng.choices(NAME_POOLS, weights=[p.weight for p in NAME_POOLS])[0]
        female = rng.random() < 0.5
        first = rng.choice(pool.female if female else pool.male)
        family = rng.choice((pool.family_female or pool.family) if female else pool.family)
        name = f"{first} {family}"
        if name not in used:
            used.add(name)
            city, zone = rng.choice(pool.homes)
            for abroad_email, abroad_city, abroad_zone, role in ABROAD:
                if email == abroad_email:
                    return _Identity(name, pool, abroad_city, abroad_zone, role)
            return _Identity(name, pool, city, zone, None)


def _common_profile(
    rng: random.Random, who: _Identity, locale: str, birth_year: int
) -> dict[str, Any]:
    languages = ["id"]
    if who.pool.language and rng.random() < 0.8:
        languages.append(who.pool.language)
    if locale == "en" or who.zone not in INDONESIAN_ZONES or rng.random() < 0.45:
        languages.append("en")
    habits = rng.sample(AVAILABILITY_HABITS, rng.randint(1, 3))
    windows = sorted({w for habit in habits for w in habit})
    return {
        "languages": languages,
        "timezone": who.zone,
        "availability": [{"weekday": d, "start": s, "end": e} for d, s, e in windows],
        "communication_style": rng.choice(list(CommunicationStyle)),
        "questionnaire": {q: rng.randint(1, 5) for q in QUESTIONS},
        "birth_year": birth_year,
    }


def _expertise(rng: random.Random) -> list[SkillInput]:
    """Two to four skills over one or two focus areas, each area represented at least once."""
    areas = _weighted_sample(rng, FOCUS_SKILLS, [row[1] for row in FOCUS_SKILLS], rng.randint(1, 2))
    picks = [(slug, rng.choice(skills)) for slug, _, _, skills in areas]
    rest = [(slug, skill) for slug, _, _, skills in areas for skill in skills]
    rest = [option for option in rest if option not in picks]
    picks += rng.sample(rest, min(len(rest), rng.randint(2, 4) - len(picks)))
    return [
        SkillInput(skill=skill, level=rng.randint(3, 5), focus_area=slug) for slug, skill in picks
    ]


def _needs(rng: random.Random, count: int, avoid: Collection[str] = ()) -> list[NeedInput]:
    candidates = [row for row in FOCUS_SKILLS if row[0] not in avoid]
    areas = _weighted_sample(rng, candidates, [row[2] for row in candidates], count)
    needs = []
    for slug, _, _, skills in areas:
        current = rng.randint(1, 2)
        needs.append(
            NeedInput(
                skill=rng.choice(skills),
                target_level=rng.randint(current + 1, 5),
                current_level=current,
                priority=rng.randint(1, 3),
                focus_area=slug,
            )
        )
    return needs


def _role(rng: random.Random, who: _Identity, roles: Sequence[tuple[str, str]], locale: str) -> str:
    return _text(rng, [who.role] if who.role else roles, locale)


def _mentee_goals(rng: random.Random, needs: list[NeedInput], cause: str, locale: str) -> str:
    """Skills are one shared (Indonesian) vocabulary, so English goals name the areas instead."""
    skills = _join([n.skill for n in needs], locale)
    areas = _area_names([n.focus_area or "" for n in needs], locale)
    return _text(rng, MENTEE_GOALS, locale).format(skills=skills, areas=areas, cause=cause)


def _mentor_email(index: int) -> str:
    return f"mentor{index + 1:02d}@rajut.test"


def _mentee_email(index: int) -> str:
    return f"mentee{index + 1:03d}@rajut.test"


def _plan_mentor(rng: random.Random, index: int, used: set[str], year: int) -> Person:
    email = _mentor_email(index)
    who = _identity(rng, used, email)
    locale = "en" if rng.random() < 0.15 else "id"
    profile = _common_profile(rng, who, locale, year - rng.randint(24, 63))
    expertise = _expertise(rng)
    areas = _area_names([e.focus_area or "" for e in expertise], locale)
    role = _role(rng, who, MENTOR_ROLES, locale)
    capacity = rng.randint(1, 5)
    profile |= {
        "bio": _text(rng, MENTOR_BIOS, locale).format(
            role=role, city=who.city, years=rng.randint(3, 20), areas=areas
        ),
        "goals": _text(rng, MENTOR_GOALS, locale).format(capacity=capacity, areas=areas),
        "capacity": capacity,
    }
    return Person(
        email=email,
        name=who.name,
        locale=locale,
        as_mentor=True,
        as_mentee=False,
        motivation=_text(rng, MENTOR_MOTIVATIONS, locale),
        profile=profile,
        expertise=expertise,
        verdict=Verdict.APPROVE,
        reason=rng.choice(APPROVAL_NOTES),
    )


def _plan_mentee(rng: random.Random, index: int, used: set[str], year: int, minor: bool) -> Person:
    email = _mentee_email(index)
    who = _identity(rng, used, email)
    locale = "en" if not minor and rng.random() < 0.12 else "id"
    age = rng.randint(15, 17) if minor else rng.randint(18, 55)
    profile = _common_profile(rng, who, locale, year - age)
    needs = _needs(rng, rng.randint(1, 3))
    cause_id, cause_en = rng.choice(CAUSES)
    cause = cause_en if locale == "en" else cause_id
    if minor:
        bio = rng.choice(MINOR_BIOS).format(city=who.city, cause=cause, grade=age - 5)
    else:
        bio = _text(rng, MENTEE_BIOS, locale).format(
            role=_role(rng, who, MENTEE_ROLES, locale), city=who.city, cause=cause
        )
    profile |= {"bio": bio, "goals": _mentee_goals(rng, needs, cause, locale)}
    return Person(
        email=email,
        name=who.name,
        locale=locale,
        as_mentor=False,
        as_mentee=True,
        motivation=_text(rng, MENTEE_MOTIVATIONS, locale),
        profile=profile,
        needs=needs,
    )


def plan_people(rng: random.Random, year: int) -> tuple[list[Person], list[Person]]:
    """Decide every mentor and mentee up front; index 0 of each stays a plain showcase login."""
    used = {COORDINATOR.name, COACH.name}
    mentors = [_plan_mentor(rng, i, used, year) for i in range(MENTOR_COUNT)]
    abroad = {row[0] for row in ABROAD}
    adults_only = {0} | {i for i in range(MENTEE_COUNT) if _mentee_email(i) in abroad}
    minors = set(rng.sample(sorted(set(range(MENTEE_COUNT)) - adults_only), MINOR_MENTEES))
    mentees = [_plan_mentee(rng, i, used, year, i in minors) for i in range(MENTEE_COUNT)]

    special = rng.sample(range(1, MENTOR_COUNT), PENDING_MENTORS + 1 + CLOSED_MENTORS)
    for i in special[:PENDING_MENTORS]:
        mentors[i].verdict, mentors[i].reason = Verdict.PENDING, ""
    rejected = mentors[special[PENDING_MENTORS]]
    rejected.verdict, rejected.reason = Verdict.REJECT, REJECTION_REASON
    for i in special[PENDING_MENTORS + 1 :]:
        mentors[i].profile["open_for_requests"] = False
    for i in rng.sample(range(1, MENTOR_COUNT), MENTORS_ALSO_MENTEES):
        mentor = mentors[i]
        mentor.as_mentee = True
        mentor.needs = _needs(
            rng, rng.randint(1, 2), {e.focus_area or "" for e in mentor.expertise}
        )
    return mentors, mentees


@functools.cache
def _demo_hash() -> str:
    """Everyone shares the demo password, so one argon2 run serves all 150 accounts."""
    return hash_password(DEMO_PASSWORD)


async def _create_person(person: Person, programme_id: int) -> int:
    """Register, enrol and fill in the profile; returns the enrolment id for screening."""
    user = await register(
        person.email,
        DEMO_PASSWORD,
        person.name,
        person.locale,
        password_hash=_demo_hash(),
        verified=True,  # the seed owns its example addresses
    )
    enrolment = await enrol(
        user,
        programme_id,
        as_mentor=person.as_mentor,
        as_mentee=person.as_mentee,
        motivation=person.motivation,
    )
    await update_profile(
        user,
        person.profile,
        expertise=person.expertise if person.as_mentor else None,
        needs=person.needs if person.as_mentee else None,
    )
    return enrolment.id


async def _create_staff() -> tuple[User, User, Organisation, Programme]:
    """Coordinator, organisation, open programme and its mentor coach."""
    coordinator = await register(
        COORDINATOR.email,
        DEMO_PASSWORD,
        COORDINATOR.name,
        password_hash=_demo_hash(),
        verified=True,
    )
    organisation = await create_organisation(coordinator, ORG_NAME, ORG_SLUG)
    now = datetime.now(UTC)
    today = now.date()
    programme = await create_programme(
        coordinator,
        organisation,
        PROGRAMME_SLUG,
        [slug for slug, _, _ in DEFAULT_FOCUS_AREAS],
        name=PROGRAMME_NAME,
        description=PROGRAMME_DESCRIPTION,
        mentoring_models=[m.value for m in PROGRAMME_MODELS],
        registration_opens_at=now - timedelta(days=1),
        registration_closes_at=now + timedelta(days=30),
        starts_on=today + timedelta(days=31),
        ends_on=_add_months(today, 8),
    )
    await advance_programme(coordinator, programme.id, ProgrammeStatus.REGISTRATION_OPEN)
    await update_profile(coordinator, COORDINATOR.profile)

    coach = await register(
        COACH.email, DEMO_PASSWORD, COACH.name, password_hash=_demo_hash(), verified=True
    )
    await appoint_staff(coordinator, programme.id, coach, StaffRole.MENTOR_COACH)
    await update_profile(coach, COACH.profile)
    return coordinator, coach, organisation, programme


async def seed_demo(database_url: str, *, only_if_empty: bool) -> None:
    """Create the demo organisation, programme and people, then print the logins."""
    ctx = await open_database(database_url)
    try:
        if only_if_empty and await User.all().exists():
            print("Data demo sudah ada / demo data already present: nothing to do.")
            return
        if await User.filter(email=COORDINATOR.email).exists():
            raise SystemExit(
                f"{COORDINATOR.email} sudah terdaftar / already exists: the demo was seeded before."
            )
        started = time.perf_counter()
        mentors, mentees = plan_people(random.Random(SEED), datetime.now(UTC).year)
        # One transaction: an interrupted seed leaves nothing behind for --if-empty to trip on.
        async with in_transaction():
            coordinator, _, organisation, programme = await _create_staff()
            for person in [*mentors, *mentees]:
                enrolment_id = await _create_person(person, programme.id)
                if person.as_mentor and person.verdict != Verdict.PENDING:
                    approve = person.verdict == Verdict.APPROVE
                    await screen_mentor(coordinator, enrolment_id, approve, person.reason)
            running = await _seed_running(coordinator, organisation, mentors, mentees)
            await _seed_expenses(coordinator, running)
            await seed_levels(coordinator, organisation, running.mentor, running.group_mentor)
        # the badges the running programme's history earned, at once rather than on the
        # server's first pass; the showcase mentor shows theirs on the profile
        await recognise()
        await update_profile(running.mentor, {"show_badges": True})
        _print_summary(mentors, mentees, time.perf_counter() - started)
        _print_running(running)
    finally:
        await ctx.close_connections()


def _group_cast(mentors: list[Person], mentees: list[Person]) -> tuple[Person, list[Person]]:
    """For the running programme's group: an approved mentor with room for a group, open to
    requests, and the first adult mentees after the showcase one."""
    year = datetime.now(UTC).year
    mentor = next(
        m
        for m in mentors[1:]
        if m.verdict == Verdict.APPROVE
        and not m.as_mentee
        and m.profile.get("open_for_requests", True)
        and m.profile["capacity"] >= GROUP_SIZE
    )
    members = [m for m in mentees[1:] if year - m.profile["birth_year"] >= ADULT_AGE]
    return mentor, members[:GROUP_SIZE]


async def _seed_running(
    coordinator: User, organisation: Organisation, mentors: list[Person], mentees: list[Person]
) -> RunningDemo:
    group_mentor, group_mentees = _group_cast(mentors, mentees)
    emails = [mentors[0].email, mentees[0].email, group_mentor.email]
    emails += [m.email for m in group_mentees]
    users = {u.email: u for u in await User.filter(email__in=emails)}
    return await seed_running_programme(
        coordinator,
        organisation,
        [slug for slug, _, _ in DEFAULT_FOCUS_AREAS],
        mentor=users[mentors[0].email],
        mentee=users[mentees[0].email],
        group_mentor=users[group_mentor.email],
        group_mentees=[users[m.email] for m in group_mentees],
    )


async def _seed_expenses(coordinator: User, running: RunningDemo) -> None:
    """What the running programme has spent so far, for its reports (one in dollars)."""
    today = datetime.now(UTC).date()
    for days, category, amount, currency, description, participant in (
        (35, ExpenseCategory.VENUE, "350000", "IDR", "Sewa aula balai desa", None),
        (35, ExpenseCategory.CONSUMPTION, "240000", "IDR", "Snack dan teh sesi pembukaan", None),
        (21, ExpenseCategory.TRANSPORT, "50000", "IDR", "Ongkos ojek mentor", running.mentor),
        (14, ExpenseCategory.COMMUNICATION, "100000", "IDR", "Kuota internet sesi kelompok",
         running.group_mentor),
        (7, ExpenseCategory.PLATFORM, "15.00", "USD", "Langganan ruang video", None),
    ):  # fmt: skip
        await record_expense(
            coordinator,
            running.programme.id,
            ExpenseInput(
                category=category,
                amount=Decimal(amount),
                currency=currency,
                spent_on=today - timedelta(days=days),
                description=description,
                participant_id=participant.id if participant else None,
            ),
        )


def _print_running(running: RunningDemo) -> None:
    print(f"Program berjalan / Running programme: {RUNNING_NAME}")
    rows = (
        ("Mentee 1:1 (sudah dipasangkan / matched)", running.mentee.email),
        ("Mentor 1:1", running.mentor.email),
        ("Mentor kelompok / Group mentor", running.group_mentor.email),
        ("Anggota kelompok / Group member", running.group_mentees[0].email),
    )
    for label, value in rows:
        print(f"  {label:<42} {value}")


def _print_summary(mentors: list[Person], mentees: list[Person], seconds: float) -> None:
    verdicts = [m.verdict for m in mentors]
    year = datetime.now(UTC).year
    minors = sum(1 for m in mentees if year - m.profile["birth_year"] < ADULT_AGE)
    rows = (
        ("Koordinator / Coordinator", COORDINATOR.email),
        ("Pelatih mentor / Mentor coach", COACH.email),
        ("Mentor", mentors[0].email),
        ("Mentee", mentees[0].email),
        ("Kata sandi / Password", DEMO_PASSWORD),
        ("GraphQL", GRAPHQL_URL),
    )
    print(
        f"Demo siap / Demo ready ({seconds:.1f} s): {ORG_NAME}, {PROGRAMME_NAME} "
        f"({len(mentors)} mentor, {len(mentees)} mentee, {minors} di bawah umur / minors; "
        f"{verdicts.count(Verdict.PENDING)} mentor menunggu seleksi / awaiting screening)."
    )
    for label, value in rows:
        print(f"  {label:<30} {value}")
