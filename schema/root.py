"""The root schema: every domain's queries and mutations, and the protective extensions."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from functools import cache, partial
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry import relay
from strawberry.extensions import AddValidationRules, MaxTokensLimiter, ParserCache, ValidationCache
from strawberry.extensions.max_aliases import create_validator as alias_limit
from strawberry.extensions.query_depth_limiter import create_validator as depth_limit
from strawberry.scalars import JSON

from resolvers import accounts as account_resolvers
from resolvers import conversations as conversation_resolvers
from resolvers import directory as directory_resolvers
from resolvers import evaluations as evaluation_resolvers
from resolvers import goals as goal_resolvers
from resolvers import health as health_resolvers
from resolvers import invitations as invitation_resolvers
from resolvers import journeys as journey_resolvers
from resolvers import matches as match_resolvers
from resolvers import notifications as notification_resolvers
from resolvers import organisations as organisation_resolvers
from resolvers import privacy as privacy_resolvers
from resolvers import profiles as profile_resolvers
from resolvers import programmes as programme_resolvers
from resolvers import pulse as pulse_resolvers
from resolvers import relationships as relationship_resolvers
from resolvers import requests as request_resolvers
from resolvers import rooms as room_resolvers
from resolvers import sessions as session_resolvers
from resolvers import webhooks as webhook_resolvers
from schema.accounts import ApiToken, AuthPayload, Me, NewApiToken
from schema.conversations import Conversation, ConversationEvent, ConversationMessage
from schema.directory import MentorConnection
from schema.errors import CodedErrors, FreshLoaders
from schema.evaluations import ProgrammeEvaluations
from schema.goals import Feedback, Goal, Journal, JournalPage, Milestone
from schema.health import RelationshipHealth, UnansweredRequests
from schema.invitations import Invitation
from schema.journeys import ConcernReport, JourneyStageEnum, SkillGrowth
from schema.matches import MatchRun, Suggestion, WhyNot
from schema.notes import NoteMutations, NoteQueries, NoteSubscriptions
from schema.notifications import Notification
from schema.organisations import FocusArea, Organisation
from schema.permissions import CanRead, CanWrite
from schema.profiles import Profile
from schema.programmes import Enrolment, Programme
from schema.pulse import CheckIn, RematchRequest
from schema.relationships import ProgressEvent, ProgressPage, Relationship
from schema.requests import MatchEvent, MentorRequest
from schema.rooms import IceServer, Room, RoomEvent, RoomMessage
from schema.sessions import Session, TimeSlot
from schema.webhooks import NewWebhook, Webhook

reads = [CanRead]
writes = [CanWrite]


@strawberry.type
class Query(NoteQueries):
    node: relay.Node | None = relay.node(permission_classes=reads)
    me: Me | None = strawberry.field(
        resolver=account_resolvers.me, description="Null when signed out."
    )
    my_api_tokens: list[ApiToken] = strawberry.field(
        resolver=account_resolvers.my_api_tokens, permission_classes=reads
    )
    export_my_data: JSON = strawberry.field(
        resolver=privacy_resolvers.export_my_data,
        permission_classes=reads,
        description="Everything Rajut holds about you, as one JSON document (signed-in "
        "sessions only, not API tokens).",
    )
    organisation: Organisation | None = strawberry.field(
        resolver=organisation_resolvers.organisation, permission_classes=reads
    )
    my_organisations: list[Organisation] = strawberry.field(
        resolver=organisation_resolvers.my_organisations, permission_classes=reads
    )
    programmes: list[Programme] = strawberry.field(
        resolver=programme_resolvers.programmes_of, permission_classes=reads
    )
    programme: Programme = strawberry.field(
        resolver=programme_resolvers.programme, permission_classes=reads
    )
    my_enrolments: list[Enrolment] = strawberry.field(
        resolver=programme_resolvers.my_enrolments, permission_classes=reads
    )
    profile: Profile = strawberry.field(
        resolver=profile_resolvers.profile, permission_classes=reads
    )
    mentor_directory: MentorConnection = strawberry.field(
        resolver=directory_resolvers.mentor_directory, permission_classes=reads
    )
    mentor_suggestions: list[Suggestion] = strawberry.field(
        resolver=match_resolvers.mentor_suggestions,
        permission_classes=reads,
        description="Best mentors for you (or, for coordinators, for menteeId).",
    )
    mentee_suggestions: list[Suggestion] = strawberry.field(
        resolver=match_resolvers.mentee_suggestions,
        permission_classes=reads,
        description="Best unmatched mentees for a mentor; coordinators only.",
    )
    match_runs: list[MatchRun] = strawberry.field(
        resolver=match_resolvers.match_runs, permission_classes=reads
    )
    why_not_matched: WhyNot = strawberry.field(
        resolver=match_resolvers.why_not_matched, permission_classes=reads
    )
    my_relationships: list[Relationship] = strawberry.field(
        resolver=relationship_resolvers.my_relationships, permission_classes=reads
    )
    progress_events: ProgressPage = strawberry.field(
        resolver=relationship_resolvers.progress_events,
        description="Needs the progress:read scope (session tokens have it).",
    )
    sessions: list[Session] = strawberry.field(
        resolver=session_resolvers.sessions_of, permission_classes=reads
    )
    suggest_session_times: list[TimeSlot] = strawberry.field(
        resolver=session_resolvers.suggest_session_times,
        permission_classes=reads,
        description="Times inside every participant's weekly availability, in their zones.",
    )
    goals: list[Goal] = strawberry.field(resolver=goal_resolvers.goals_of, permission_classes=reads)
    journals: JournalPage = strawberry.field(
        resolver=goal_resolvers.journals,
        permission_classes=reads,
        description="Your journals, and those your mentees share with you.",
    )
    webhooks: list[Webhook] = strawberry.field(resolver=webhook_resolvers.webhooks_of)
    skill_growth: list[SkillGrowth] = strawberry.field(
        resolver=journey_resolvers.skill_growth,
        permission_classes=reads,
        description="Self-assessed levels per skill; yours, or a mentee's for coordinators.",
    )
    concern_reports: list[ConcernReport] = strawberry.field(
        resolver=journey_resolvers.concern_reports,
        permission_classes=reads,
        description="All of the programme's for coordinators; your own for anyone else.",
    )
    relationship_health: list[RelationshipHealth] = strawberry.field(
        resolver=health_resolvers.relationship_health,
        permission_classes=reads,
        description="Coordinators: every open relationship, weakest first, with reasons.",
    )
    unanswered_requests: list[UnansweredRequests] = strawberry.field(
        resolver=health_resolvers.unanswered_requests,
        permission_classes=reads,
        description="Coordinators: mentors leaving requests unanswered.",
    )
    my_notifications: list[Notification] = strawberry.field(
        resolver=notification_resolvers.my_notifications, permission_classes=reads
    )
    my_invitations: list[Invitation] = strawberry.field(
        resolver=invitation_resolvers.my_invitations,
        permission_classes=reads,
        description="Pending invitations to your address (once it is verified).",
    )
    organisation_invitations: list[Invitation] = strawberry.field(
        resolver=invitation_resolvers.organisation_invitations,
        permission_classes=reads,
        description="Organisation admins: the organisation's pending invitations.",
    )
    programme_invitations: list[Invitation] = strawberry.field(
        resolver=invitation_resolvers.programme_invitations,
        permission_classes=reads,
        description="Coordinators: the programme's pending staff invitations.",
    )
    check_in: CheckIn | None = strawberry.field(
        resolver=pulse_resolvers.check_in,
        permission_classes=reads,
        description="The pulse check-in due now in a relationship of yours, if any.",
    )
    rematch_queue: list[RematchRequest] = strawberry.field(
        resolver=pulse_resolvers.rematch_queue, permission_classes=reads
    )
    programme_evaluations: ProgrammeEvaluations = strawberry.field(
        resolver=evaluation_resolvers.programme_evaluations,
        permission_classes=reads,
        description="Coordinators: aggregates of evaluations and session feedback.",
    )
    my_requests: list[MentorRequest] = strawberry.field(
        resolver=request_resolvers.my_requests, permission_classes=reads
    )
    conversation: Conversation = strawberry.field(
        resolver=conversation_resolvers.conversation,
        permission_classes=reads,
        description="A relationship's conversation; its participants only (not coordinators).",
    )
    conversations: list[Conversation] = strawberry.field(
        resolver=conversation_resolvers.my_conversations,
        permission_classes=reads,
        description="Your conversations (open and recently ended relationships), latest first.",
    )
    session_room: Room = strawberry.field(
        resolver=room_resolvers.session_room,
        permission_classes=reads,
        description="A session's live room; participants and coordinators only.",
    )
    call_room: Room = strawberry.field(
        resolver=room_resolvers.call_room,
        permission_classes=reads,
        description="A relationship's room for ad-hoc calls, open while it is active.",
    )
    ice_servers: list[IceServer] = strawberry.field(
        resolver=room_resolvers.ice_servers,
        permission_classes=reads,
        description="STUN/TURN servers for a room's RTCPeerConnection; TURN credentials expire.",
    )


@strawberry.type
class Mutation(NoteMutations):
    register: bool = strawberry.mutation(
        resolver=account_resolvers.register,
        description="Always true, whether or not the address is known: a link is mailed to "
        "it (see README, Accounts). Follow it with `verifyEmail` to sign in.",
    )
    verify_email: AuthPayload = strawberry.mutation(
        resolver=account_resolvers.verify_email,
        description="Follow a confirmation or claim link mailed by `register`; signs you in.",
    )
    login: AuthPayload = strawberry.mutation(resolver=account_resolvers.login)
    logout: bool = strawberry.mutation(resolver=account_resolvers.logout, permission_classes=reads)
    change_password: bool = strawberry.mutation(
        resolver=account_resolvers.change_password, permission_classes=writes
    )
    delete_my_account: bool = strawberry.mutation(
        resolver=privacy_resolvers.delete_my_account,
        permission_classes=writes,
        description="Erase your personal data and close your account, confirming with your "
        "password. The last admin of an organisation must name another admin first.",
    )
    request_password_reset: bool = strawberry.mutation(
        resolver=account_resolvers.request_password_reset,
        description="Always true, so it does not reveal which emails have accounts.",
    )
    reset_password: bool = strawberry.mutation(resolver=account_resolvers.reset_password)
    create_api_token: NewApiToken = strawberry.mutation(
        resolver=account_resolvers.create_api_token, permission_classes=writes
    )
    revoke_api_token: ApiToken = strawberry.mutation(
        resolver=account_resolvers.revoke_api_token, permission_classes=writes
    )
    create_organisation: Organisation = strawberry.mutation(
        resolver=organisation_resolvers.create_organisation, permission_classes=writes
    )
    set_organisation_role: bool = strawberry.mutation(
        resolver=organisation_resolvers.set_organisation_role,
        permission_classes=writes,
        description="Invite an address to a role (lowering a member's role applies at once). "
        "Always true, whether or not the address has an account.",
    )
    add_focus_area: FocusArea = strawberry.mutation(
        resolver=organisation_resolvers.add_focus_area, permission_classes=writes
    )
    create_programme: Programme = strawberry.mutation(
        resolver=programme_resolvers.create_programme, permission_classes=writes
    )
    update_programme: Programme = strawberry.mutation(
        resolver=programme_resolvers.update_programme, permission_classes=writes
    )
    advance_programme: Programme = strawberry.mutation(
        resolver=programme_resolvers.advance_programme, permission_classes=writes
    )
    appoint_staff: bool = strawberry.mutation(
        resolver=programme_resolvers.appoint_staff,
        permission_classes=writes,
        description="Invite an address to the programme's staff. Always true, whether or not "
        "the address has an account.",
    )
    accept_invitation: Invitation = strawberry.mutation(
        resolver=invitation_resolvers.accept_invitation, permission_classes=writes
    )
    decline_invitation: Invitation = strawberry.mutation(
        resolver=invitation_resolvers.decline_invitation, permission_classes=writes
    )
    revoke_invitation: Invitation = strawberry.mutation(
        resolver=invitation_resolvers.revoke_invitation,
        permission_classes=writes,
        description="Organisation admins and programme coordinators: withdraw a pending one.",
    )
    enrol: Enrolment = strawberry.mutation(
        resolver=programme_resolvers.enrol, permission_classes=writes
    )
    screen_mentor: Enrolment = strawberry.mutation(
        resolver=programme_resolvers.screen_mentor, permission_classes=writes
    )
    update_profile: Profile = strawberry.mutation(
        resolver=profile_resolvers.update_profile, permission_classes=writes
    )
    request_mentor: MentorRequest = strawberry.mutation(
        resolver=request_resolvers.request_mentor, permission_classes=writes
    )
    accept_request: MentorRequest = strawberry.mutation(
        resolver=request_resolvers.accept_request, permission_classes=writes
    )
    decline_request: MentorRequest = strawberry.mutation(
        resolver=request_resolvers.decline_request, permission_classes=writes
    )
    withdraw_request: MentorRequest = strawberry.mutation(
        resolver=request_resolvers.withdraw_request, permission_classes=writes
    )
    set_open_for_requests: bool = strawberry.mutation(
        resolver=request_resolvers.set_open_for_requests,
        permission_classes=writes,
        description="Close your mentor profile to new requests, or reopen it.",
    )
    run_matching: MatchRun = strawberry.mutation(
        resolver=match_resolvers.run_matching,
        permission_classes=writes,
        description="Propose matches for the programme's unmatched mentees; creates nothing.",
    )
    propose_peer_pairs: MatchRun = strawberry.mutation(
        resolver=match_resolvers.propose_peer_pairs,
        permission_classes=writes,
        description="Pair the programme's unmatched members with each other (peer model).",
    )
    propose_circles: MatchRun = strawberry.mutation(
        resolver=match_resolvers.propose_circles,
        permission_classes=writes,
        description="Group unmatched members into circles of at most the group size.",
    )
    edit_match_run: MatchRun = strawberry.mutation(
        resolver=match_resolvers.edit_match_run, permission_classes=writes
    )
    approve_match_run: MatchRun = strawberry.mutation(
        resolver=match_resolvers.approve_match_run, permission_classes=writes
    )
    discard_match_run: MatchRun = strawberry.mutation(
        resolver=match_resolvers.discard_match_run, permission_classes=writes
    )
    exclude_pair: bool = strawberry.mutation(
        resolver=match_resolvers.exclude_pair, permission_classes=writes
    )
    acknowledge_guidelines: Relationship = strawberry.mutation(
        resolver=relationship_resolvers.acknowledge_guidelines,
        permission_classes=writes,
        description="Accept the guidelines; once everyone has, the relationship starts.",
    )
    appoint_moderator: Relationship = strawberry.mutation(
        resolver=relationship_resolvers.appoint_moderator,
        permission_classes=writes,
        description="Coordinators name a group's moderator (moderator mode APPOINTED).",
    )
    vote_moderator: Relationship = strawberry.mutation(
        resolver=relationship_resolvers.vote_moderator,
        permission_classes=writes,
        description="Members elect their group's moderator (moderator mode ELECTED).",
    )
    pause_relationship: Relationship = strawberry.mutation(
        resolver=relationship_resolvers.pause_relationship, permission_classes=writes
    )
    resume_relationship: Relationship = strawberry.mutation(
        resolver=relationship_resolvers.resume_relationship, permission_classes=writes
    )
    complete_relationship: Relationship = strawberry.mutation(
        resolver=relationship_resolvers.complete_relationship, permission_classes=writes
    )
    cancel_relationship: Relationship = strawberry.mutation(
        resolver=relationship_resolvers.cancel_relationship, permission_classes=writes
    )
    remove_from_relationship: Relationship = strawberry.mutation(
        resolver=relationship_resolvers.remove_from_relationship,
        permission_classes=writes,
        description="Coordinators remove a mentee; a mentee may leave. Leaves rooms at once.",
    )
    schedule_session: Session = strawberry.mutation(
        resolver=session_resolvers.schedule_session, permission_classes=writes
    )
    reschedule_session: Session = strawberry.mutation(
        resolver=session_resolvers.reschedule_session, permission_classes=writes
    )
    cancel_session: Session = strawberry.mutation(
        resolver=session_resolvers.cancel_session, permission_classes=writes
    )
    record_session_held: Session = strawberry.mutation(
        resolver=session_resolvers.record_session_held,
        permission_classes=writes,
        description="The session happened; list who attended.",
    )
    create_calendar_feed: str = strawberry.mutation(
        resolver=session_resolvers.create_calendar_feed,
        permission_classes=writes,
        description="A private feed URL for calendar apps; replaces any earlier one.",
    )
    revoke_calendar_feed: bool = strawberry.mutation(
        resolver=session_resolvers.revoke_calendar_feed, permission_classes=writes
    )
    set_goal: Goal = strawberry.mutation(
        resolver=goal_resolvers.set_goal, permission_classes=writes
    )
    reach_goal: Goal = strawberry.mutation(
        resolver=goal_resolvers.reach_goal, permission_classes=writes
    )
    reach_milestone: Milestone = strawberry.mutation(
        resolver=goal_resolvers.reach_milestone, permission_classes=writes
    )
    edit_goal: Goal = strawberry.mutation(
        resolver=goal_resolvers.edit_goal,
        permission_classes=writes,
        description="Change an open goal's title, outcome, target or due date.",
    )
    drop_goal: Goal = strawberry.mutation(
        resolver=goal_resolvers.drop_goal,
        permission_classes=writes,
        description="Give up an open goal, saying why.",
    )
    reopen_goal: Goal = strawberry.mutation(
        resolver=goal_resolvers.reopen_goal,
        permission_classes=writes,
        description="Open a dropped or reached goal again.",
    )
    add_milestone: Goal = strawberry.mutation(
        resolver=goal_resolvers.add_milestone,
        permission_classes=writes,
        description="Add a milestone to an open goal (at most 20).",
    )
    edit_milestone: Goal = strawberry.mutation(
        resolver=goal_resolvers.edit_milestone, permission_classes=writes
    )
    remove_milestone: Goal = strawberry.mutation(
        resolver=goal_resolvers.remove_milestone, permission_classes=writes
    )
    submit_journal: Journal = strawberry.mutation(
        resolver=goal_resolvers.submit_journal,
        permission_classes=writes,
        description="This week's journal; submitting again the same week edits it.",
    )
    give_feedback: Feedback = strawberry.mutation(
        resolver=goal_resolvers.give_feedback,
        permission_classes=writes,
        description="Rate a held session from 1 to 5, once.",
    )
    register_webhook: NewWebhook = strawberry.mutation(
        resolver=webhook_resolvers.register_webhook,
        description="Send the programme's progress events to a URL (Standard Webhooks).",
    )
    delete_webhook: bool = strawberry.mutation(resolver=webhook_resolvers.delete_webhook)
    move_journey: JourneyStageEnum = strawberry.mutation(  # type: ignore[valid-type]
        resolver=journey_resolvers.move_journey,
        permission_classes=writes,
        description="Coordinators move a mentee forward; mentees may declare skill application.",
    )
    assess_skills: list[SkillGrowth] = strawberry.mutation(
        resolver=journey_resolvers.assess_skills,
        permission_classes=writes,
        description="Your self-assessment (1-5) for the start, midpoint or end.",
    )
    report_concern: ConcernReport = strawberry.mutation(
        resolver=journey_resolvers.report_concern,
        permission_classes=writes,
        description="Privately to the programme's coordinators; never shown to the others.",
    )
    resolve_concern: ConcernReport = strawberry.mutation(
        resolver=journey_resolvers.resolve_concern, permission_classes=writes
    )
    mark_notifications_read: int = strawberry.mutation(
        resolver=notification_resolvers.mark_notifications_read, permission_classes=writes
    )
    answer_check_in: bool = strawberry.mutation(
        resolver=pulse_resolvers.answer_check_in,
        permission_classes=writes,
        description="Answer the check-in; wantsRematch asks the coordinators, without blame.",
    )
    handle_rematch: RematchRequest = strawberry.mutation(
        resolver=pulse_resolvers.handle_rematch, permission_classes=writes
    )
    evaluate_relationship: bool = strawberry.mutation(
        resolver=evaluation_resolvers.evaluate_relationship,
        permission_classes=writes,
        description="Once a relationship has ended; anonymous where the programme says so.",
    )
    evaluate_programme: bool = strawberry.mutation(
        resolver=evaluation_resolvers.evaluate_programme, permission_classes=writes
    )
    send_message: ConversationMessage = strawberry.mutation(
        resolver=conversation_resolvers.send_message,
        permission_classes=writes,
        description="Into an active relationship's conversation; 1 to 4000 characters.",
    )
    edit_message: ConversationMessage = strawberry.mutation(
        resolver=conversation_resolvers.edit_message,
        permission_classes=writes,
        description="Your own message only.",
    )
    delete_message: ConversationMessage = strawberry.mutation(
        resolver=conversation_resolvers.delete_message,
        permission_classes=writes,
        description="Your own message only: the body is blanked, its place stays.",
    )
    mark_conversation_read: Conversation = strawberry.mutation(
        resolver=conversation_resolvers.mark_conversation_read,
        permission_classes=writes,
        description="Up to a message (by default the newest); never moves backwards.",
    )
    send_room_message: RoomMessage = strawberry.mutation(
        resolver=room_resolvers.send_room_message, permission_classes=writes
    )
    delete_room_message: RoomMessage = strawberry.mutation(
        resolver=room_resolvers.delete_room_message,
        permission_classes=writes,
        description="Authors delete their own messages.",
    )
    raise_hand: bool = strawberry.mutation(
        resolver=room_resolvers.raise_hand,
        permission_classes=writes,
        description="Raise (or, with raised: false, lower) your hand.",
    )
    set_muted: bool = strawberry.mutation(
        resolver=room_resolvers.set_muted,
        permission_classes=writes,
        description="Tell the room you muted or unmuted yourself.",
    )
    request_mute: bool = strawberry.mutation(
        resolver=room_resolvers.request_mute,
        permission_classes=writes,
        description="Mentors, moderators and coordinators ask someone to mute.",
    )
    set_room_mode: Room = strawberry.mutation(
        resolver=room_resolvers.set_room_mode, permission_classes=writes
    )
    leave_room: bool = strawberry.mutation(
        resolver=room_resolvers.leave_room, permission_classes=writes
    )
    send_signal: bool = strawberry.mutation(
        resolver=room_resolvers.send_signal,
        permission_classes=writes,
        description="WebRTC signalling to someone in the room, or (to: null) to the relay.",
    )
    mark_mentor: bool = strawberry.mutation(
        resolver=profile_resolvers.mark_mentor,
        permission_classes=writes,
        description="Favourite or hide a mentor; a null mark clears it.",
    )


@strawberry.type
class Subscription(NoteSubscriptions):
    match_events: AsyncGenerator[MatchEvent, None] = strawberry.subscription(
        resolver=request_resolvers.match_events, permission_classes=reads
    )
    notifications: AsyncGenerator[Notification, None] = strawberry.subscription(
        resolver=notification_resolvers.notifications_live,
        permission_classes=reads,
        description="Your reminders, nudges and check-ins as they are created.",
    )
    conversation_events: AsyncGenerator[ConversationEvent, None] = strawberry.subscription(
        resolver=conversation_resolvers.conversation_events,
        permission_classes=reads,
        description="Messages sent, edited or deleted, and read markers moving, as they happen.",
    )
    room_events: AsyncGenerator[RoomEvent, None] = strawberry.subscription(
        resolver=room_resolvers.room_events,
        permission_classes=reads,
        description="Join a room while subscribed: presence, chat, hands and your signals.",
    )
    progress_updates: AsyncGenerator[ProgressEvent, None] = strawberry.subscription(
        resolver=relationship_resolvers.progress_updates,
        description="Events after `after`, then live, with no gap and no duplicate. "
        "Needs the progress:read scope.",
    )


class RajutSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Client mistakes are not server errors; CodedErrors logs the real ones."""


@cache  # Strawberry fields bind to one schema; build it once per set of limits
def build_schema(max_depth: int, max_tokens: int, max_aliases: int) -> strawberry.Schema:
    limits = [
        depth_limit(max_depth, should_ignore=None),
        alias_limit(max_aliases),
    ]
    return RajutSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=[
            # the limit rules are built once: rule classes made per operation would give
            # the validation cache a new key every time, and it would never hit
            partial(AddValidationRules, limits),
            partial(MaxTokensLimiter, max_token_count=max_tokens),
            partial(ParserCache, maxsize=256),
            partial(ValidationCache, maxsize=256),
            FreshLoaders,
            CodedErrors,
        ],
    )
