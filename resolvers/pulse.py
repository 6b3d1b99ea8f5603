"""Answering check-ins; the coordinators' re-match queue."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from strawberry import relay

from models import pulse
from models.accounts import Scope
from models.relationships import participant_ids, relationship_for
from resolvers.context import Context
from resolvers.ids import db_id


@dataclass
class DueCheckIn:
    """The check-in due now: its round, its questions as (key, text in the reader's
    language, Indonesian text, English text), and whether the reader answered it."""

    round: int
    questions: list[tuple[str, str, str, str]]
    answered: bool


async def check_in(context: Context, relationship_id: relay.GlobalID) -> DueCheckIn | None:
    user = context.require(Scope.READ)
    relationship, _ = await relationship_for(
        user, db_id(relationship_id, "Relationship", "relationshipId")
    )
    round_ = pulse.current_round(relationship)
    if round_ is None or user.id not in await participant_ids(relationship):
        return None
    english = user.locale == "en"
    answered = await pulse.Pulse.filter(
        relationship_id=relationship.id, user_id=user.id, round=round_
    ).exists()
    return DueCheckIn(
        round=round_,
        questions=[
            (q["key"], q["en" if english else "id"], q["id"], q["en"])
            for q in pulse.questions_of(relationship.programme)
        ],
        answered=answered,
    )


async def answer_check_in(
    context: Context,
    relationship_id: relay.GlobalID,
    answers: Mapping[str, int],
    comment: str = "",
    wants_rematch: bool = False,
    rematch_reason: str = "",
) -> bool:
    user = context.require(Scope.WRITE)
    await pulse.answer_pulse(
        user,
        db_id(relationship_id, "Relationship", "relationshipId"),
        dict(answers),
        comment,
        wants_rematch,
        rematch_reason,
    )
    return True


async def rematch_queue(
    context: Context, programme_id: relay.GlobalID
) -> list[pulse.RematchRequest]:
    user = context.require(Scope.READ)
    return await pulse.rematch_queue(user, db_id(programme_id, "Programme", "programmeId"))


async def handle_rematch(
    context: Context, request_id: relay.GlobalID, note: str = ""
) -> pulse.RematchRequest:
    user = context.require(Scope.WRITE)
    return await pulse.handle_rematch(user, db_id(request_id, "RematchRequest", "requestId"), note)
