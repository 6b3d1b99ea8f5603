"""Answering check-ins; the coordinators' re-match queue."""

from __future__ import annotations

from strawberry import relay

from models import pulse
from models.accounts import Scope
from models.relationships import participant_ids, relationship_for
from resolvers.ids import db_id
from schema.context import Info
from schema.pulse import CheckIn, PulseAnswerInput, PulseQuestion, RematchRequest


async def check_in(info: Info, relationship_id: relay.GlobalID) -> CheckIn | None:
    user = info.context.require(Scope.READ)
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
    return CheckIn(
        round=round_,
        questions=[
            PulseQuestion(key=q["key"], text=q["en" if english else "id"])
            for q in pulse.questions_of(relationship.programme)
        ],
        answered=answered,
    )


async def answer_check_in(
    info: Info,
    relationship_id: relay.GlobalID,
    answers: list[PulseAnswerInput],
    comment: str = "",
    wants_rematch: bool = False,
    rematch_reason: str = "",
) -> bool:
    user = info.context.require(Scope.WRITE)
    await pulse.answer_pulse(
        user,
        db_id(relationship_id, "Relationship", "relationshipId"),
        {a.key: a.score for a in answers},
        comment,
        wants_rematch,
        rematch_reason,
    )
    return True


async def rematch_queue(info: Info, programme_id: relay.GlobalID) -> list[RematchRequest]:
    user = info.context.require(Scope.READ)
    return await pulse.rematch_queue(  # type: ignore[return-value]
        user, db_id(programme_id, "Programme", "programmeId")
    )


async def handle_rematch(info: Info, request_id: relay.GlobalID, note: str = "") -> RematchRequest:
    user = info.context.require(Scope.WRITE)
    return await pulse.handle_rematch(  # type: ignore[return-value]
        user, db_id(request_id, "RematchRequest", "requestId"), note
    )
