"""Reading a registration form's CSV export: bytes to rows, the column mapping, and each
row's checks. Nothing here touches the database (models/imports.py stores and writes), so
the row checks can run in a worker thread while the event loop serves others.

Forms come out of Google Forms, Excel ("CSV UTF-8") or LibreOffice as comma- or
semicolon-separated UTF-8, with or without a byte-order mark, with headers in Bahasa
Indonesia or English ("Nama Lengkap", "Alamat email", "Daftar sebagai", …). The delimiter
is sniffed with the csv module; the mapping from headers to Rajut's fields is guessed from
common header words in both languages and can be corrected column by column. Rows are
numbered as a spreadsheet shows them: the header is row 1, blank rows keep their number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from typing import Any
from zoneinfo import available_timezones

from models.accounts import EMAIL_RE
from models.errors import BadInput
from models.invitations import ParticipantRole
from models.profiles import LANGUAGE_CODES

MAX_ROWS = 20_000
MAX_COLUMNS = 100
MAX_COLUMN_NAME = 200
MAX_LISTED_PROBLEMS = 200  # a report lists this many; it always counts them all
MAX_FOCUS_AREAS = 10
SNIFF_CHARS = 64 * 1024


class ImportField(StrEnum):
    """What a column may hold. Unmapped columns (timestamps, consent boxes) are ignored."""

    EMAIL = "email"
    DISPLAY_NAME = "display_name"
    ROLE = "role"
    LANGUAGES = "languages"
    TIMEZONE = "timezone"
    FOCUS_AREAS = "focus_areas"  # a mentee's needs, a mentor's expertise
    BIO = "bio"
    GOALS = "goals"
    MOTIVATION = "motivation"
    BIRTH_YEAR = "birth_year"
    PHONE = "phone"
    CAPACITY = "capacity"  # how many mentees a mentor takes


# Header words per field, compared after normalising (lower case, no punctuation, no
# bracketed hints such as "(sesuai KTP)"). An exact match beats a phrase inside a longer
# question ("Apakah Anda ingin mendaftar sebagai mentor atau mentee?").
HEADER_WORDS: dict[ImportField, tuple[str, ...]] = {
    ImportField.EMAIL: (
        "email", "e mail", "alamat email", "alamat e mail", "email address", "surel",
        "alamat surel", "surat elektronik",
    ),
    ImportField.DISPLAY_NAME: (
        "nama", "nama lengkap", "name", "full name", "display name", "nama peserta",
        "nama anda", "your name",
    ),
    ImportField.ROLE: (
        "peran", "role", "daftar sebagai", "mendaftar sebagai", "register as",
        "registering as", "sebagai", "jenis peserta", "participant type", "mentor atau mentee",
        "mentor or mentee", "mentor mentee",
    ),
    ImportField.LANGUAGES: (
        "bahasa", "languages", "language", "bahasa yang dikuasai", "spoken languages",
    ),
    ImportField.TIMEZONE: ("zona waktu", "timezone", "time zone", "zona"),
    ImportField.FOCUS_AREAS: (
        "bidang fokus", "focus areas", "focus area", "area fokus", "bidang", "bidang minat",
        "minat", "kebutuhan", "needs", "keahlian", "expertise", "topik", "topics",
    ),
    ImportField.BIO: (
        "bio", "tentang saya", "tentang anda", "about me", "about you", "profil singkat",
        "perkenalan", "perkenalan diri",
    ),
    ImportField.GOALS: ("tujuan", "goals", "harapan", "tujuan mentoring", "your goals"),
    ImportField.MOTIVATION: (
        "motivasi", "motivation", "alasan", "alasan mendaftar", "why join", "why do you join",
    ),
    ImportField.BIRTH_YEAR: ("tahun lahir", "birth year", "year of birth"),
    ImportField.PHONE: (
        "telepon", "nomor telepon", "no telepon", "hp", "no hp", "nomor hp", "whatsapp",
        "no wa", "nomor wa", "nomor whatsapp", "phone", "phone number", "hp wa", "no hp wa",
    ),
    ImportField.CAPACITY: (
        "kapasitas", "capacity", "jumlah mentee", "berapa mentee", "max mentees",
        "maximum mentees",
    ),
}  # fmt: skip

ROLE_WORDS: dict[str, ParticipantRole] = {
    **dict.fromkeys(
        ("mentor", "pembimbing", "pendamping", "kakak mentor", "kakak pendamping",
         "sebagai mentor", "menjadi mentor", "jadi mentor"),
        ParticipantRole.MENTOR,
    ),
    **dict.fromkeys(
        ("mentee", "peserta", "adik mentor", "dibimbing", "sebagai mentee", "menjadi mentee",
         "jadi mentee"),
        ParticipantRole.MENTEE,
    ),
    **dict.fromkeys(
        ("both", "keduanya", "dua duanya", "mentor dan mentee", "mentee dan mentor",
         "mentor and mentee", "mentee and mentor", "mentor mentee", "mentee mentor"),
        ParticipantRole.BOTH,
    ),
}  # fmt: skip

LANGUAGE_NAMES: dict[str, str] = {
    "indonesia": "id", "indonesian": "id", "inggris": "en", "english": "en", "jawa": "jv",
    "javanese": "jv", "sunda": "su", "sundanese": "su", "melayu": "ms", "malay": "ms",
    "arab": "ar", "arabic": "ar", "mandarin": "zh", "chinese": "zh", "tionghoa": "zh",
    "belanda": "nl", "dutch": "nl", "jepang": "ja", "japanese": "ja", "korea": "ko",
    "korean": "ko", "madura": "mad", "madurese": "mad", "minang": "min",
    "minangkabau": "min", "bali": "ban", "balinese": "ban", "bugis": "bug", "buginese": "bug",
}  # fmt: skip

# Indonesia's three zones as people write them on forms
ZONE_ABBREVIATIONS = {"wib": "Asia/Jakarta", "wita": "Asia/Makassar", "wit": "Asia/Jayapura"}

TEXT_LIMITS: dict[ImportField, int] = {
    ImportField.EMAIL: 254,
    ImportField.DISPLAY_NAME: 120,
    ImportField.BIO: 4000,
    ImportField.GOALS: 4000,
    ImportField.MOTIVATION: 2000,
    ImportField.PHONE: 32,
    ImportField.ROLE: 60,
    ImportField.LANGUAGES: 200,
    ImportField.TIMEZONE: 64,
    ImportField.FOCUS_AREAS: 2000,
    ImportField.BIRTH_YEAR: 10,
    ImportField.CAPACITY: 10,
}

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_LIST_SEPARATORS = re.compile(r"\s*[,;/&+]\s*|\s+(?:dan|and)\s+")


def normalise(text: str) -> str:
    """Lower case, bracketed hints dropped, punctuation as single spaces."""
    return _NOT_WORD.sub(" ", _BRACKETS.sub(" ", text.lower())).strip()


# --- reading the file ------------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    delimiter: str
    columns: list[str]
    rows: list[list[str]]  # the data rows that hold anything
    numbers: list[int]  # each data row's number as a spreadsheet shows it (header: 1)


def decode(data: bytes) -> str:
    """The file's text; NUL is refused here, since no database column may hold it."""
    try:
        text = data.decode("utf-8-sig")  # drops a byte-order mark if there is one
    except UnicodeDecodeError:
        text = "\x00"
    if "\x00" in text:
        raise BadInput(
            "The file is not UTF-8 text (or it holds NUL bytes). Save it as CSV UTF-8, "
            "comma or semicolon separated.",
            field="file",
        )
    return text


def sniff_delimiter(text: str) -> str:
    """Comma or semicolon, sniffed from whole lines at the start of the file; when the
    sniffer cannot tell (a one-column file), the header line decides."""
    sample = text[:SNIFF_CHARS]
    if len(text) > SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;").delimiter
    except csv.Error:
        header = sample.split("\n", 1)[0]
        return ";" if header.count(";") > header.count(",") else ","


def read_sheet(text: str) -> Sheet:
    """The header and every non-blank row; the whole file is refused (BAD_USER_INPUT,
    field ``file``) when it is not a table Rajut can read."""
    if not text.strip():
        raise BadInput("The file is empty.", field="file")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    numbers: list[int] = []
    try:
        header = next(reader)
        for number, row in enumerate(reader, start=2):
            if any(cell.strip() for cell in row):
                if len(rows) == MAX_ROWS:
                    raise BadInput(
                        f"A file may hold at most {MAX_ROWS:,} rows; split it.", field="file"
                    )
                rows.append(row)
                numbers.append(number)
    except csv.Error as exc:
        raise BadInput(f"Row {reader.line_num} cannot be read: {exc}.", field="file") from None
    return Sheet(delimiter, _check_header(header), rows, numbers)


def _check_header(header: list[str]) -> list[str]:
    columns = [name.strip() for name in header]
    if not any(columns):
        raise BadInput("The first row must name the columns.", field="file")
    if len(columns) > MAX_COLUMNS:
        raise BadInput(f"A file may have at most {MAX_COLUMNS} columns.", field="file")
    for name in columns:
        if len(name) > MAX_COLUMN_NAME or _CONTROL.search(name):
            raise BadInput(
                f"Column names are at most {MAX_COLUMN_NAME} characters of plain text.",
                field="file",
            )
    named = [name for name in columns if name]
    if len(set(named)) != len(named):
        twice = next(name for name in named if named.count(name) > 1)
        raise BadInput(f"Two columns are named {twice!r}; rename one.", field="file")
    return columns


# --- the mapping -----------------------------------------------------------------------


def guess_mapping(columns: Iterable[str]) -> dict[str, ImportField]:
    """Each field to the column whose header says it best (an exact header word first,
    then the longest header word inside a longer question); each field at most once."""
    best: dict[ImportField, tuple[tuple[int, int, int], str]] = {}
    for position, column in enumerate(columns):
        header = normalise(column)
        padded = f" {header} "
        for target, words in HEADER_WORDS.items():
            for word in words:
                if header == word:
                    score = (2, len(word), -position)
                elif f" {word} " in padded:
                    score = (1, len(word), -position)
                else:
                    continue
                if target not in best or score > best[target][0]:
                    best[target] = (score, column)
    # a column claimed by two fields goes to the better claim
    owner: dict[str, tuple[tuple[int, int, int], ImportField]] = {}
    for target, (score, column) in best.items():
        if column not in owner or score > owner[column][0]:
            owner[column] = (score, target)
    return {column: target for column, (_, target) in owner.items()}


def check_mapping(columns: list[str], mapping: dict[str, ImportField]) -> None:
    known = set(columns) - {""}
    for column in mapping:
        if column not in known:
            raise BadInput(f"The file has no column named {column[:200]!r}.", field="mapping")
    fields = list(mapping.values())
    for target in set(fields):
        if fields.count(target) > 1:
            raise BadInput(f"Map one column only to {target.name}.", field="mapping")
    if ImportField.EMAIL not in fields:
        raise BadInput("Map a column to EMAIL: people are invited by address.", field="mapping")


# --- checking rows ---------------------------------------------------------------------


class ProblemCode(StrEnum):
    MISSING = "missing"
    BAD_EMAIL = "bad_email"
    DUPLICATE = "duplicate"
    BAD_ROLE = "bad_role"
    UNKNOWN_LANGUAGE = "unknown_language"
    BAD_TIMEZONE = "bad_timezone"
    UNKNOWN_FOCUS_AREA = "unknown_focus_area"
    TOO_MANY = "too_many"
    TOO_LONG = "too_long"
    BAD_NUMBER = "bad_number"
    CONTROL_CHARACTER = "control_character"
    EXTRA_CELLS = "extra_cells"


REASONS: dict[ProblemCode, tuple[str, str]] = {
    ProblemCode.MISSING: ("Kosong, padahal wajib diisi.", "Empty, but required."),
    ProblemCode.BAD_EMAIL: (
        "Bukan alamat email yang sah: {value}.", "Not a valid email address: {value}."
    ),
    ProblemCode.DUPLICATE: (
        "Alamat email ini sudah ada di baris {value}.",
        "This email address already appears in row {value}.",
    ),
    ProblemCode.BAD_ROLE: (
        "Peran tidak dikenal: {value} (mentor, mentee atau keduanya).",
        "Unknown role: {value} (mentor, mentee or both).",
    ),
    ProblemCode.UNKNOWN_LANGUAGE: ("Bahasa tidak dikenal: {value}.", "Unknown language: {value}."),
    ProblemCode.BAD_TIMEZONE: (
        "Zona waktu tidak dikenal: {value} (WIB, WITA, WIT atau nama IANA seperti Asia/Jakarta).",
        "Unknown time zone: {value} (WIB, WITA, WIT or an IANA name such as Asia/Jakarta).",
    ),
    ProblemCode.UNKNOWN_FOCUS_AREA: (
        "Bidang fokus tidak dikenal di organisasi ini: {value}.",
        "No such focus area in this organisation: {value}.",
    ),
    ProblemCode.TOO_MANY: (
        f"Terlalu banyak: paling banyak {MAX_FOCUS_AREAS}.",
        f"Too many: at most {MAX_FOCUS_AREAS}.",
    ),
    ProblemCode.TOO_LONG: (
        "Terlalu panjang: paling banyak {value} karakter.",
        "Too long: at most {value} characters.",
    ),
    ProblemCode.BAD_NUMBER: (
        "Bukan angka yang masuk akal: {value}.", "Not a plausible number: {value}."
    ),
    ProblemCode.CONTROL_CHARACTER: (
        "Berisi karakter kontrol yang tidak terlihat.", "Holds an invisible control character."
    ),
    ProblemCode.EXTRA_CELLS: (
        "Baris ini berisi lebih banyak sel daripada judul kolom.",
        "This row holds more cells than the header names.",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Problem:
    """Why one row cannot be imported; ``column`` is None for the row as a whole."""

    row: int
    column: str | None
    field: ImportField | None
    code: ProblemCode
    value: str = ""  # what was wrong, cut short, for the reason's text

    def reason(self, locale: str) -> str:
        indonesian, english = REASONS[self.code]
        return (indonesian if locale == "id" else english).format(value=self.value)


@dataclass(frozen=True)
class Person:
    """A row that passed: who to invite, as what, and what they told the form."""

    row: int
    email: str
    role: ParticipantRole
    details: dict[str, Any] = field(default_factory=dict)


class BadCell(Exception):
    def __init__(self, code: ProblemCode, value: object = "") -> None:
        super().__init__(code.value)
        self.code = code
        self.value = str(value)[:80]


def _parse_role(text: str) -> ParticipantRole:
    role = ROLE_WORDS.get(normalise(text))
    if role is None:
        raise BadCell(ProblemCode.BAD_ROLE, text)
    return role


def _items(text: str) -> list[str]:
    return [item for item in _LIST_SEPARATORS.split(text.strip()) if item.strip()]


def _parse_languages(text: str) -> list[str]:
    codes: list[str] = []
    for item in _items(text):
        word = normalise(item).removeprefix("bahasa ").removeprefix("basa ")
        code = word if word in LANGUAGE_CODES else LANGUAGE_NAMES.get(word)
        if code is None:
            raise BadCell(ProblemCode.UNKNOWN_LANGUAGE, item)
        codes.append(code)
    return list(dict.fromkeys(codes))


@cache
def _zones() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def _parse_zone(text: str) -> str:
    words = text.strip().split()
    first = words[0].lower() if words else ""
    if first in ZONE_ABBREVIATIONS:  # "WIB", "WIB (Jakarta)"
        return ZONE_ABBREVIATIONS[first]
    zone = _zones().get(text.strip().lower())
    if zone is None:
        raise BadCell(ProblemCode.BAD_TIMEZONE, text)
    return zone


def _parse_number(text: str, low: int, high: int) -> int:
    digits = text.strip()
    if not digits.isascii() or not digits.isdigit() or not low <= int(digits) <= high:
        raise BadCell(ProblemCode.BAD_NUMBER, f"{text} ({low}-{high})")
    return int(digits)


class RowChecker:
    """Checks rows in order, remembering each address's first row so a later copy is
    reported as a duplicate; run it over the rows in chunks, one chunk at a time."""

    def __init__(
        self,
        columns: list[str],
        mapping: dict[str, ImportField],
        default_role: ParticipantRole | None,
        focus_areas: dict[str, str],
    ) -> None:
        """``focus_areas`` maps each area's slug and names, lower case, to its slug."""
        self.columns = columns
        self.width = len(columns)
        self.positions = [(columns.index(c), c, f) for c, f in mapping.items()]
        named = {f: c for c, f in mapping.items()}
        self.email_column = named[ImportField.EMAIL]
        self.role_column = named.get(ImportField.ROLE)
        self.default_role = default_role
        self.focus_areas = focus_areas
        self.first_row: dict[str, int] = {}
        self.year = datetime.now(UTC).year

    def check(
        self, rows: list[list[str]], numbers: list[int]
    ) -> tuple[list[Person], list[Problem]]:
        people: list[Person] = []
        problems: list[Problem] = []
        for row, number in zip(rows, numbers, strict=True):
            person, found = self._row(row, number)
            problems.extend(found)
            if person is not None:
                people.append(person)
        return people, problems

    def _row(self, row: list[str], number: int) -> tuple[Person | None, list[Problem]]:
        problems: list[Problem] = []
        if any(cell.strip() for cell in row[self.width :]):
            problems.append(Problem(number, None, None, ProblemCode.EXTRA_CELLS))
        values: dict[ImportField, Any] = {}
        for position, column, target in self.positions:
            text = row[position].strip() if position < len(row) else ""
            try:
                value = self._cell(target, text)
            except BadCell as bad:
                problems.append(Problem(number, column, target, bad.code, bad.value))
                continue
            if value not in (None, "", []):
                values[target] = value
        email = values.pop(ImportField.EMAIL, None)
        role = values.pop(ImportField.ROLE, None) or self.default_role
        at_fault = {p.field for p in problems}
        if email is None and ImportField.EMAIL not in at_fault:
            problems.append(
                Problem(number, self.email_column, ImportField.EMAIL, ProblemCode.MISSING)
            )
        if email is not None:
            first = self.first_row.setdefault(email, number)
            if first != number:
                problems.append(
                    Problem(
                        number, self.email_column, ImportField.EMAIL, ProblemCode.DUPLICATE, first
                    )
                )
        if role is None and ImportField.ROLE not in at_fault:
            problems.append(
                Problem(number, self.role_column, ImportField.ROLE, ProblemCode.MISSING)
            )
        if problems or email is None or role is None:
            return None, problems
        details = {target.value: value for target, value in values.items()}
        return Person(number, email, role, details), []

    def _cell(self, target: ImportField, text: str) -> Any:
        if _CONTROL.search(text):
            raise BadCell(ProblemCode.CONTROL_CHARACTER)
        if len(text) > TEXT_LIMITS[target]:
            raise BadCell(ProblemCode.TOO_LONG, TEXT_LIMITS[target])
        if not text:
            return None
        match target:
            case ImportField.EMAIL:
                email = text.lower()
                if not EMAIL_RE.match(email):
                    raise BadCell(ProblemCode.BAD_EMAIL, text)
                return email
            case ImportField.ROLE:
                return _parse_role(text)
            case ImportField.LANGUAGES:
                return _parse_languages(text)
            case ImportField.TIMEZONE:
                return _parse_zone(text)
            case ImportField.FOCUS_AREAS:
                return self._focus_areas(text)
            case ImportField.BIRTH_YEAR:
                return _parse_number(text, self.year - 110, self.year - 5)
            case ImportField.CAPACITY:
                return _parse_number(text, 1, 20)
            case _:
                return text

    def _focus_areas(self, text: str) -> list[str]:
        slugs: list[str] = []
        for item in re.split(r"\s*[,;]\s*", text):
            if not item:
                continue
            slug = self.focus_areas.get(item.lower())
            if slug is None:
                raise BadCell(ProblemCode.UNKNOWN_FOCUS_AREA, item)
            slugs.append(slug)
        slugs = list(dict.fromkeys(slugs))
        if len(slugs) > MAX_FOCUS_AREAS:
            raise BadCell(ProblemCode.TOO_MANY)
        return slugs
