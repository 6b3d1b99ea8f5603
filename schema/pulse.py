"""Pulse check-ins and re-match requests."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from models.pulse import RematchStatus
from resolvers import pulse as pulse_resolvers
from schema.context import Info
from schema.permissions import CanRead, CanWrite

RematchStatusEnum = strawberry.enum(RematchStatus, name="RematchStatus")


@strawberry.type
class PulseQuestion:
    key: str
    text: str = strawberry.field(description="In your account's language.")
    text_id: str = strawberry.field(description="In Bahasa Indonesia.")
    text_en: str = strawberry.field(description="In English.")


@strawberry.type(description="The check-in due now in a relationship, if any.")
class CheckIn:
    round: int
    questions: list[PulseQuestion]
    answered: bool


@strawberry.input
class PulseAnswerInput:
    key: str
    score: int = strawberry.field(description="1 (not at all) to 5 (very much).")


@strawberry.type(description="Someone asked for a new match; coordinators decide.")
class RematchRequest:
    reason: str
    status: RematchStatusEnum  # type: ignore[valid-type]
    note: str
    created_at: datetime

    @strawberry.field
    def id(self) -> relay.GlobalID:
        return relay.GlobalID("RematchRequest", str(self.id))  # type: ignore[attr-defined]

    @strawberry.field
    def relationship_id(self) -> relay.GlobalID:
        return relay.GlobalID("Relationship", str(self.relationship_id))  # type: ignore[attr-defined]

    @strawberry.field(description="Who asked: coordinators see it, the other side never does.")
    def requester_id(self) -> relay.GlobalID:
        return relay.GlobalID("User", str(self.requester_id))  # type: ignore[attr-defined]


@strawberry.type
class PulseQueries:
    @strawberry.field(
        permission_classes=[CanRead],
        description="The pulse check-in due now in a relationship of yours, if any.",
    )
    async def check_in(self, info: Info, relationship_id: relay.GlobalID) -> CheckIn | None:
        due = await pulse_resolvers.check_in(info.context, relationship_id)
        if due is None:
            return None
        return CheckIn(
            round=due.round,
            questions=[
                PulseQuestion(key=key, text=text, text_id=text_id, text_en=text_en)
                for key, text, text_id, text_en in due.questions
            ],
            answered=due.answered,
        )

    @strawberry.field(permission_classes=[CanRead])
    async def rematch_queue(self, info: Info, programme_id: relay.GlobalID) -> list[RematchRequest]:
        return await pulse_resolvers.rematch_queue(info.context, programme_id)  # type: ignore[return-value]


@strawberry.type
class PulseMutations:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Answer the check-in; wantsRematch asks the coordinators, without blame.",
    )
    async def answer_check_in(
        self,
        info: Info,
        relationship_id: relay.GlobalID,
        answers: list[PulseAnswerInput],
        comment: str = "",
        wants_rematch: bool = False,
        rematch_reason: str = "",
    ) -> bool:
        return await pulse_resolvers.answer_check_in(
            info.context,
            relationship_id,
            {a.key: a.score for a in answers},
            comment,
            wants_rematch,
            rematch_reason,
        )

    @strawberry.mutation(permission_classes=[CanWrite])
    async def handle_rematch(
        self, info: Info, request_id: relay.GlobalID, note: str = ""
    ) -> RematchRequest:
        return await pulse_resolvers.handle_rematch(  # type: ignore[return-value]
            info.context, request_id, note
        )
