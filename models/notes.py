"""Shared notes: Yjs documents (update format v1) stored as an update log and a snapshot.

Every session and every relationship has one note, made on first use; coordinators also
open programme-wide notes (a season's plan). The document itself is a CRDT held with
``pycrdt``: clients send updates, the server applies them and keeps them.

Storage, and why it is shaped this way:

- **The log is the truth.** An update is appended to ``note_updates`` (with the note's next
  ``seq``, under the note row's lock, so sequence order is commit order) *before* anyone is
  told it was accepted; a crash after the append loses nothing, a crash before it loses only
  what nobody was promised.
- **Compaction keeps the store small.** ``compact`` loads the snapshot and the log into a
  document and stores ``doc.get_update()`` as the new snapshot, then deletes the rows it
  covers (their authors and times are kept first, folded into ``note_contributions``, so
  history survives). ``merge_updates`` would be ~10x slower and bigger. The live side calls
  it after a quiet spell, when the log passes a bound, and when a document is unloaded.
- **Bad input never reaches the document.** An update is bounded in size, decoded into a
  scratch document first, and one that would push the document over its size bound or that
  depends on changes the server does not have is refused with a coded error.

Who may read and write: the relationship's participants (mentor, mentees or peers) while the
relationship is proposed or active; they only read once it is paused or has ended. The
programme's coordinators read a relationship's and its sessions' notes (never write: these
are the participants' words). Programme notes belong to the programme's staff: coordinators
write, mentor coaches read. Everyone else finds no such note. ``access`` is cheap enough to
be asked for every message, so a person removed from a relationship is refused at their next
keystroke (and the live side also drops them at once on ``MemberRemoved``).
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from pycrdt import Doc, Text
from pycrdt import get_update as pycrdt_get_update
from tortoise import fields
from tortoise.expressions import F
from tortoise.models import Model

from models.accounts import User, now
from models.announcements import transaction
from models.errors import BadInput, Conflict, Forbidden, NotFound
from models.programmes import Programme, ProgrammeStatus, access_to
from models.relationships import Relationship, RelationshipMember, RelationshipStatus
from models.sessions import Session

TEXT = "text"
"""The root shared type holding a note's text: ``ydoc.getText('text')`` in the browser."""

WRITABLE_STATUSES = (RelationshipStatus.PROPOSED, RelationshipStatus.ACTIVE)
MAX_TITLE = 200
EMPTY_UPDATE = b"\x00\x00"


class NoteKind(StrEnum):
    SESSION = "session"
    RELATIONSHIP = "relationship"
    PROGRAMME = "programme"


class Note(Model):
    id = fields.IntField(primary_key=True)
    # "session:<id>", "relationship:<id>", "programme:<id>:<random>": one note per place
    key = fields.CharField(max_length=80, unique=True)
    kind = fields.CharEnumField(NoteKind, max_length=16)
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "rajut.Programme", related_name=False, on_delete=fields.CASCADE
    )
    relationship: fields.ForeignKeyNullableRelation[Relationship] = fields.ForeignKeyField(
        "rajut.Relationship", related_name=False, null=True, on_delete=fields.CASCADE
    )
    session: fields.ForeignKeyNullableRelation[Session] = fields.ForeignKeyField(
        "rajut.Session", related_name=False, null=True, on_delete=fields.CASCADE
    )
    title = fields.CharField(max_length=MAX_TITLE, default="")
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    last_seq = fields.IntField(default=0)  # the newest log row's seq
    snapshot = fields.BinaryField(null=True)  # the compacted document through snapshot_seq
    snapshot_seq = fields.IntField(default=0)
    log_bytes = fields.BigIntField(default=0)  # bytes of log rows after snapshot_seq
    edited_at = fields.DatetimeField(null=True)

    class Meta:
        table = "notes"

    @property
    def log_rows(self) -> int:
        """Rows not yet compacted (seqs are contiguous: one per append)."""
        return self.last_seq - self.snapshot_seq


class NoteUpdate(Model):
    """One accepted update, kept until compaction folds it into the snapshot."""

    id = fields.BigIntField(primary_key=True)
    note: fields.ForeignKeyRelation[Note] = fields.ForeignKeyField(
        "rajut.Note", related_name=False, on_delete=fields.CASCADE
    )
    seq = fields.IntField()
    data = fields.BinaryField()
    author: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "note_updates"
        unique_together = (("note", "seq"),)


class NoteContribution(Model):
    """Who edited a note on which day: the history that outlives compacted log rows."""

    id = fields.IntField(primary_key=True)
    note: fields.ForeignKeyRelation[Note] = fields.ForeignKeyField(
        "rajut.Note", related_name=False, on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    day = fields.DateField()
    updates = fields.IntField(default=0)
    first_at = fields.DatetimeField()
    last_at = fields.DatetimeField()

    class Meta:
        table = "note_contributions"
        unique_together = (("note", "user", "day"),)


@dataclass(frozen=True)
class Limits:
    """Bounds on what one note may hold (settings NOTE_MAX_UPDATE_BYTES and
    NOTE_MAX_DOCUMENT_BYTES)."""

    max_update: int = 256 * 1024
    max_document: int = 2 * 1024 * 1024


@dataclass(frozen=True)
class NoteAccess:
    note: Note
    can_write: bool


# --- finding notes, and who may use them --------------------------------------------------


async def _relationship_role(user_id: int, relationship_id: int) -> tuple[bool, bool, int]:
    """(participant, relationship writable, programme id) in two small queries."""
    row = (
        await Relationship.filter(id=relationship_id)
        .first()
        .values_list("mentor_id", "status", "programme_id")
    )
    if row is None:
        raise NotFound("No such note.", field="noteId")
    mentor_id, status, programme_id = row
    participant = user_id == mentor_id or (
        await RelationshipMember.filter(relationship_id=relationship_id, user_id=user_id).exists()
    )
    return participant, RelationshipStatus(status) in WRITABLE_STATUSES, programme_id


async def access(user: User, note: Note) -> NoteAccess:
    """What ``user`` may do with ``note`` now; NotFound when nothing. Asked on every message."""
    if note.kind == NoteKind.PROGRAMME:
        programme = await Programme.get_or_none(id=note.programme_id)
        if programme is None:
            raise NotFound("No such note.", field="noteId")
        staff = await access_to(user, programme)
        if staff.coordinates:
            return NoteAccess(note, programme.status != ProgrammeStatus.CLOSED)
        if staff.coaches:
            return NoteAccess(note, False)
        raise NotFound("No such note.", field="noteId")
    assert note.relationship_id is not None
    participant, writable, programme_id = await _relationship_role(user.id, note.relationship_id)
    if participant:
        return NoteAccess(note, writable)
    programme = await Programme.get_or_none(id=programme_id)
    if programme is not None and (await access_to(user, programme)).coordinates:
        return NoteAccess(note, False)  # coordinators read; the words are the participants'
    raise NotFound("No such note.", field="noteId")


async def speaks_for(user: User, note: Note) -> bool:
    """Whether the note's words are partly ``user``'s: a participant of its relationship or,
    for a programme note, one of the programme's coordinators. Coordinators reading a
    relationship's notes do not speak for them (they may not promote them)."""
    if note.kind == NoteKind.PROGRAMME:
        programme = await Programme.get_or_none(id=note.programme_id)
        return programme is not None and (await access_to(user, programme)).coordinates
    assert note.relationship_id is not None
    participant, _, _ = await _relationship_role(user.id, note.relationship_id)
    return participant


async def open_note(user: User, note_id: int, *, write: bool = False) -> NoteAccess:
    """The note and the user's rights; Forbidden when ``write`` is asked of a reader."""
    note = await Note.get_or_none(id=note_id)
    if note is None:
        raise NotFound("No such note.", field="noteId")
    granted = await access(user, note)
    if write:
        require_write(granted)
    return granted


def require_write(granted: NoteAccess) -> None:
    if not granted.can_write:
        raise Forbidden(
            "You may read this note but not change it (it is closed to edits, or it is not "
            "yours to write).",
            field="noteId",
        )


async def _ensure(key: str, **values: object) -> Note:
    note, _ = await Note.get_or_create(key=key, defaults=values)
    return note


async def relationship_note(user: User, relationship_id: int) -> NoteAccess:
    """The relationship's note, made on first use by someone who may see it."""
    relationship = await Relationship.get_or_none(id=relationship_id)
    if relationship is None:
        raise NotFound("No such relationship.", field="relationshipId")
    note = Note(
        kind=NoteKind.RELATIONSHIP,
        programme_id=relationship.programme_id,
        relationship_id=relationship.id,
    )
    try:
        await access(user, note)  # before anything is stored
    except NotFound:
        raise NotFound("No such relationship.", field="relationshipId") from None
    note = await _ensure(
        f"relationship:{relationship.id}",
        kind=NoteKind.RELATIONSHIP,
        programme_id=relationship.programme_id,
        relationship_id=relationship.id,
    )
    return await access(user, note)


async def session_note(user: User, session_id: int) -> NoteAccess:
    """The session's note, made on first use by someone who may see it."""
    session = await Session.get_or_none(id=session_id).select_related("relationship")
    if session is None:
        raise NotFound("No such session.", field="sessionId")
    relationship = session.relationship
    values = {
        "kind": NoteKind.SESSION,
        "programme_id": relationship.programme_id,
        "relationship_id": relationship.id,
        "session_id": session.id,
    }
    try:
        await access(user, Note(**values))
    except NotFound:
        raise NotFound("No such session.", field="sessionId") from None
    note = await _ensure(f"session:{session.id}", **values)
    return await access(user, note)


async def create_programme_note(user: User, programme_id: int, title: str) -> Note:
    """A programme-wide note (a season's plan); coordinators only."""
    programme = await Programme.get_or_none(id=programme_id)
    if programme is None or not (await access_to(user, programme)).coordinates:
        if programme is not None and (await access_to(user, programme)).participates:
            raise Forbidden("Only the programme's coordinators open programme notes.")
        raise NotFound("No such programme.", field="programmeId")
    title = title.strip()
    if not 1 <= len(title) <= MAX_TITLE:
        raise BadInput(f"Give the note a title of 1 to {MAX_TITLE} characters.", field="title")
    return await Note.create(
        key=f"programme:{programme.id}:{secrets.token_hex(8)}",
        kind=NoteKind.PROGRAMME,
        programme_id=programme.id,
        title=title,
        created_by_id=user.id,
    )


async def programme_notes(user: User, programme_id: int) -> list[Note]:
    programme = await Programme.get_or_none(id=programme_id)
    if programme is None or not (await access_to(user, programme)).coaches:
        raise NotFound("No such programme.", field="programmeId")
    return await Note.filter(programme_id=programme.id, kind=NoteKind.PROGRAMME).order_by("id")


# --- the document: validating, storing, loading, compacting -------------------------------


def check_update(update: bytes, limits: Limits) -> None:
    """Refuse what is too big or does not decode, without touching any live document."""
    if not update:
        raise BadInput("The update is empty.", field="update")
    if len(update) > limits.max_update:
        raise BadInput(
            f"The update is larger than {limits.max_update} bytes; send smaller changes.",
            field="update",
        )
    scratch = Doc()
    try:
        scratch.apply_update(update)
    except Exception:  # yrs reports any decoding failure as ValueError; refuse them all
        raise BadInput("That is not a Yjs (v1) document update.", field="update") from None


def check_state_vector(state_vector: bytes) -> None:
    """A state vector decodes as a count and that many (client, clock) varuint pairs."""
    try:
        decode_state_vector(state_vector)
    except (IndexError, ValueError):
        raise BadInput("That is not a Yjs state vector.", field="stateVector") from None


def decode_state_vector(data: bytes) -> dict[int, int]:
    """The (client → clock) pairs of an encoded state vector."""
    position = 0

    def varuint() -> int:
        nonlocal position
        value, shift = 0, 0
        while True:
            byte = data[position]
            position += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value
            if shift > 63:
                raise ValueError("varuint too long")

    clocks = {}
    for _ in range(varuint()):
        client = varuint()
        clocks[client] = varuint()
    if position != len(data):
        raise ValueError("trailing bytes")
    return clocks


def missing_dependencies(doc: Doc, update: bytes) -> bool:
    """Whether ``update`` (already applied to ``doc``) left content pending because it builds
    on changes ``doc`` does not have: part of it is still beyond the document's clocks.
    (Yjs keeps such content aside, invisible, until what it builds on arrives.)"""
    rest = pycrdt_get_update(update, doc.get_state())
    return bool(rest) and rest[0] != 0  # a count of client blocks with structs left over


def document_size(doc: Doc) -> int:
    return len(doc.get_update())


@dataclass(frozen=True)
class Appended:
    seq: int
    log_rows: int  # rows not yet compacted, this one included
    log_bytes: int


async def append(note_id: int, data: bytes, author_id: int | None) -> Appended:
    """Store one accepted update and return its seq. Committed when this returns.

    The note row's counter is bumped first, which locks the row (PostgreSQL) or the database
    (SQLite) until commit, so appends to one note commit in seq order: a reader who sees
    seq n can read every row before it.
    """
    async with transaction():
        bumped = await Note.filter(id=note_id).update(
            last_seq=F("last_seq") + 1,
            log_bytes=F("log_bytes") + len(data),
            edited_at=now(),
        )
        if not bumped:
            raise NotFound("No such note.", field="noteId")
        row = (
            await Note.filter(id=note_id)
            .first()
            .values_list("last_seq", "snapshot_seq", "log_bytes")
        )
        assert row is not None
        seq, snapshot_seq, log_bytes = row
        await NoteUpdate.create(note_id=note_id, seq=seq, data=data, author_id=author_id)
    return Appended(seq, seq - snapshot_seq, log_bytes)


async def updates_after(note_id: int, seq: int) -> list[tuple[int, bytes]]:
    """Log rows after ``seq``, in order: how a process that missed some catches up."""
    rows = await (
        NoteUpdate.filter(note_id=note_id, seq__gt=seq).order_by("seq").values_list("seq", "data")
    )
    return [(s, bytes(d)) for s, d in rows]


async def load(note_id: int) -> tuple[Doc, int]:
    """The document as stored (snapshot, then the log after it) and the last seq it holds."""
    note = await Note.get_or_none(id=note_id)
    if note is None:
        raise NotFound("No such note.", field="noteId")
    doc = Doc()
    if note.snapshot:
        doc.apply_update(bytes(note.snapshot))
    through = note.snapshot_seq
    for seq, data in await updates_after(note_id, note.snapshot_seq):
        doc.apply_update(data)
        through = seq
    return doc, through


@dataclass(frozen=True)
class Compaction:
    note_id: int
    rows: int  # log rows folded into the snapshot
    log_bytes: int  # their size
    snapshot_bytes: int  # the new snapshot's size
    through: int


async def compact_session_note(session_id: int) -> Compaction | None:
    """A session that was held keeps its notes as one compact snapshot from then on."""
    note_id = await Note.filter(key=f"session:{session_id}").first().values_list("id", flat=True)
    return await compact(note_id) if note_id is not None else None  # type: ignore[arg-type]


async def compact(note_id: int) -> Compaction | None:
    """Fold the log into the snapshot; None when there was nothing to fold (or another
    process did it meanwhile). Safe to run from several processes at once."""
    note = await Note.get_or_none(id=note_id)
    if note is None or note.last_seq <= note.snapshot_seq:
        return None
    doc = Doc()
    if note.snapshot:
        doc.apply_update(bytes(note.snapshot))
    rows = await updates_after(note_id, note.snapshot_seq)
    if not rows:
        return None
    for _, data in rows:
        doc.apply_update(data)
    through = rows[-1][0]
    state = doc.get_update()
    async with transaction():
        # whoever moves snapshot_seq forward folds the rows; a slower compactor finds
        # snapshot_seq already there and does nothing
        if not await Note.filter(id=note_id, snapshot_seq__lt=through).update(
            snapshot=state, snapshot_seq=through
        ):
            return None
        folded = await NoteUpdate.filter(note_id=note_id, seq__lte=through).values_list(
            "author_id", "created_at", "data"
        )
        await _fold_contributions(note_id, [(a, t) for a, t, _ in folded])
        folded_bytes = sum(len(d) for _, _, d in folded)
        await NoteUpdate.filter(note_id=note_id, seq__lte=through).delete()
        await Note.filter(id=note_id).update(log_bytes=F("log_bytes") - folded_bytes)
    return Compaction(note_id, len(folded), folded_bytes, len(state), through)


async def _fold_contributions(note_id: int, rows: list[tuple[int | None, datetime]]) -> None:
    days: dict[tuple[int, date], list[datetime]] = defaultdict(list)
    for author_id, at in rows:
        if author_id is not None:
            days[(author_id, at.date())].append(at)
    for (author_id, day), times in days.items():
        row, created = await NoteContribution.get_or_create(
            note_id=note_id,
            user_id=author_id,
            day=day,
            defaults={"updates": len(times), "first_at": min(times), "last_at": max(times)},
        )
        if not created:
            row.updates += len(times)
            row.first_at, row.last_at = min(row.first_at, *times), max(row.last_at, *times)
            await row.save(update_fields=["updates", "first_at", "last_at"])


# --- reading a note -----------------------------------------------------------------------


def text_of(doc: Doc) -> str:
    """The note's text (the ``text`` root); empty if a client stored something else there."""
    try:
        return str(doc.get(TEXT, type=Text))
    except Exception:  # the root exists with another type: nothing we can read as text
        return ""


async def note_markdown(user: User, note_id: int) -> tuple[Note, str]:
    """The note's current text, which clients write as Markdown, for someone who may read
    it (export, and the knowledge repository's "promote to knowledge")."""
    granted = await open_note(user, note_id)
    doc, _ = await load(granted.note.id)
    return granted.note, text_of(doc)


@dataclass(frozen=True)
class Contribution:
    user_id: int
    day: date
    updates: int
    first_at: datetime
    last_at: datetime


async def history(user: User, note_id: int) -> list[Contribution]:
    """Who contributed on which day, newest first: folded rows and the log not yet folded."""
    granted = await open_note(user, note_id)
    merged: dict[tuple[int, date], Contribution] = {}

    def add(user_id: int, day: date, updates: int, first: datetime, last: datetime) -> None:
        known = merged.get((user_id, day))
        if known is not None:
            updates += known.updates
            first, last = min(first, known.first_at), max(last, known.last_at)
        merged[(user_id, day)] = Contribution(user_id, day, updates, first, last)

    for row in await NoteContribution.filter(note_id=granted.note.id):
        add(row.user_id, row.day, row.updates, row.first_at, row.last_at)
    for author_id, at in await NoteUpdate.filter(note_id=granted.note.id).values_list(
        "author_id", "created_at"
    ):
        if author_id is not None:
            add(author_id, at.date(), 1, at, at)
    return sorted(merged.values(), key=lambda c: (c.day, c.last_at), reverse=True)


async def notes_of_relationship(user: User, relationship_id: int) -> list[Note]:
    """The relationship's note and its sessions' notes that exist, for whoever may read them."""
    granted = await relationship_note(user, relationship_id)
    return await Note.filter(relationship_id=granted.note.relationship_id).order_by("id")


def conflict_missing() -> Conflict:
    return Conflict(
        "This update builds on changes the server does not have; sync (noteSync) and send "
        "what the server lacks.",
        field="update",
    )
