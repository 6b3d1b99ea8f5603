"""Shared subscriptions: one execution per operation, variables and permission scope.

A thousand dashboards following one programme ask the same question. Run once per subscriber,
every event costs a resolver pass, a GraphQL execution and a JSON encoding per subscriber.
Here subscribers whose results are provably identical (same document, operation name and
variables, and the same scope key from their field's scope function in ``resolvers.sharing``)
attach to one execution: each result is encoded once, and the same text goes to every one of
them behind its own graphql-transport-ws message id.

Some streams carry the same events for everyone but not every event for everyone (a
programme's progress, where each participant sees their own relationships'). Their scope
function answers ``PerViewer``: one execution whose resolver filters for nobody and names,
through the context's ``Addressing``, who may see each result; every subscriber is sent only
the results that name it, a set look-up in memory against the same encoded text.

The rules that keep this correct:

- Every subscriber is authorised at subscribe time by the scope function. Anything it cannot
  vouch for, and every field it does not list, runs the ordinary way, one execution each.
- A shared execution of a cursor stream (``progressUpdates``) remembers its first
  ``REPLAY_LIMIT`` results (and whom each was for) and replays them to a late joiner before
  the live tail, in order: exactly what the joiner's own execution would have sent, no gap,
  no duplicate. Once it has sent more, it takes no newcomers; they start a new one. A
  live-only stream (``Shareable.replay`` false) starts a newcomer with the live tail.
- Every subscriber has its own bounded outbox. One that falls ``QUEUE_LIMIT`` results behind
  gets what it has, then the broker's ``SubscriberTooSlow`` error, exactly as an unshared
  subscriber whose broker queue overflowed would. It never holds up the others: the shared
  execution only appends to outboxes, it never waits for a socket.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections import deque
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Container,
    Coroutine,
    Hashable,
    Mapping,
)
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphql import (
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    OperationType,
    get_operation_ast,
    parse,
    validate,
    value_from_ast_untyped,
)
from prometheus_client import Counter, Gauge
from starlette.websockets import WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
    _OperationStreamClosed,
)
from strawberry.types.execution import ExecutionResult, PreExecutionError
from strawberry.utils.aio import aclosing

from models.errors import RajutError, TooSlow
from realtime.access import admit, connections, desk
from realtime.broker import QUEUE_LIMIT

log = logging.getLogger("rajut.multiplex")

REPLAY_LIMIT = 64  # results a shared execution keeps for late joiners
PUBLISH_SLICE = 500  # subscribers served between turns of the event loop
SHAPE_CACHE = 256  # documents whose shape (shareable or not) is remembered
LONGEST_SHAREABLE_DOCUMENT = 20_000  # characters; longer documents just run unshared

SHARED_STREAMS = Gauge(
    "rajut_shared_subscription_streams", "Subscription executions shared between subscribers."
)
SHARED_SUBSCRIBERS = Gauge(
    "rajut_shared_subscribers", "Subscribers attached to a shared subscription execution."
)
CUT_OFF = Counter(
    "rajut_shared_subscribers_too_slow_total",
    "Subscribers ended for falling too far behind a shared subscription.",
)

ScopeFunction = Callable[[Any, dict[str, Any]], Awaitable[Hashable | None]]
Key = tuple[Hashable, ...]  # (document, operation name, variables, field, scope)
FIELD = 3


@dataclass(frozen=True, slots=True)
class Shareable:
    """A subscription field that may be shared: who shares (``scope``, see resolvers.sharing),
    the error its resolver raises when a subscriber falls too far behind, and whether a
    late joiner is replayed what was sent before it came (cursor streams) or starts with
    the live tail (live-only streams, whose executions then take newcomers all their life).
    """

    scope: ScopeFunction
    too_slow: Callable[[], RajutError] = lambda: TooSlow(
        "This subscription fell too far behind; subscribe again."
    )
    replay: bool = True


@dataclass(frozen=True, slots=True)
class PerViewer:
    """What a scope function answers when results are the same for everyone but not for
    everyone to see: one execution for ``key``, each result addressed (``Addressing``) to
    the people who may see it, and this subscriber, ``viewer``, sent those addressed to it.
    """

    key: Hashable
    viewer: int


class Addressing:
    """Who may see the result a per-viewer execution is about to produce.

    Its resolver runs once for every subscriber, so it does not filter for anyone: it names
    who may see each item (``to``) just before yielding it, and the hub checks every
    subscriber against that, in memory. An item nobody addressed is for nobody.
    """

    __slots__ = ("_viewers",)

    def __init__(self) -> None:
        self._viewers: Container[int] = frozenset()

    def to(self, viewers: Container[int]) -> None:
        self._viewers = viewers

    def take(self) -> Container[int]:
        viewers, self._viewers = self._viewers, frozenset()
        return viewers


@dataclass(frozen=True, slots=True)
class _End:
    """How a shared execution ended: completed, refused before it ran, or unsupported."""

    refused: PreExecutionError | None = None
    incremental: bool = False


_COMPLETED = _End()
_Item = str | _End  # a str is one result's encoded payload
EVERYONE = None  # the audience of a result every subscriber may see
Audience = Container[int] | None


class Member:
    """One subscriber's outbox on a shared execution.

    While its relay task is parked with nothing queued, a payload is sent at once from the
    shared execution's own loop: the send runs synchronously until it would wait (the
    socket's buffer is full), which saves waking ten thousand tasks per event. A send that
    must wait is finished when the socket drains, and later payloads queue behind it for
    the relay, as they do whenever the relay is busy.
    """

    __slots__ = (
        "_failure",
        "_in_flight",
        "_pending",
        "_waiter",
        "deliver",
        "limit",
        "too_slow",
        "viewer",
    )

    def __init__(self, limit: int, viewer: int | None) -> None:
        self.viewer = viewer  # who it is, for results addressed to some people only
        self._pending: deque[_Item] = deque()
        self._waiter: asyncio.Future[None] | None = None  # set while the relay is parked
        self.limit = limit
        self.too_slow = False
        self.deliver: Callable[[str], Coroutine[Any, Any, None]] | None = None
        self._in_flight: Coroutine[Any, Any, None] | None = None
        self._failure: BaseException | None = None

    def offer(self, item: _Item) -> None:
        if self.too_slow or self._failure is not None:
            return
        parked = self._waiter is not None and not self._pending and self._in_flight is None
        if parked and isinstance(item, str) and self.deliver is not None:
            self._step(self.deliver(item))
            return
        if isinstance(item, str) and len(self._pending) >= self.limit:
            self.too_slow = True
            CUT_OFF.inc()
        else:
            self._pending.append(item)
        if self._in_flight is None:
            self._wake()

    def _step(self, send: Coroutine[Any, Any, None], _: Any = None) -> None:
        """Drive a send until it finishes or has to wait, the way a Task would."""
        try:
            waiting = send.send(None)
        except StopIteration:
            self._in_flight = None
            if self._pending:
                self._wake()
            return
        except (Exception, asyncio.CancelledError) as exc:  # the connection went away
            self._in_flight, self._failure = None, exc
            self._wake()
            return
        self._in_flight = send
        resume = functools.partial(self._step, send)
        if waiting is None:  # a bare yield
            asyncio.get_running_loop().call_soon(resume)
        else:
            waiting._asyncio_future_blocking = False
            waiting.add_done_callback(resume)

    def _wake(self) -> None:
        waiter, self._waiter = self._waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def get(self) -> _Item | None:
        """The next item; None once everything queued before it was cut off has been taken."""
        while not self._pending or self._in_flight is not None:
            if self._failure is not None:
                raise self._failure
            if self.too_slow and not self._pending and self._in_flight is None:
                return None
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        return self._pending.popleft()

    def close(self) -> None:
        """The relay is done: abandon a send still waiting for the socket."""
        send, self._in_flight = self._in_flight, None
        if send is not None:
            send.close()


class _Group:
    """One shared execution and the subscribers attached to it."""

    def __init__(self, hub: SubscriptionHub, key: Key, replay: bool) -> None:
        self.hub = hub
        self.key = key
        self.members: set[Member] = set()
        # what a late joiner is replayed; None once it no longer takes newcomers
        self.history: list[tuple[str, Audience]] | None = []
        self.replay = replay
        self.addressing: Addressing | None = None  # set for per-viewer executions
        self.task: asyncio.Task[None] | None = None

    def join(self, viewer: int | None) -> Member:
        replay = [p for p, audience in self.history or () if _sees(viewer, audience)]
        member = Member(QUEUE_LIMIT + len(replay), viewer)
        for payload in replay:
            member.offer(payload)
        self.members.add(member)
        SHARED_SUBSCRIBERS.inc()
        return member

    def leave(self, member: Member) -> None:
        if member not in self.members:
            return
        self.members.discard(member)
        SHARED_SUBSCRIBERS.dec()
        if not self.members:
            self.hub.forget(self)
            if self.task is not None:
                self.task.cancel()

    async def publish(self, payload: str, audience: Audience = EVERYONE) -> None:
        if self.replay and self.history is not None:
            if len(self.history) < REPLAY_LIMIT:
                self.history.append((payload, audience))
            else:
                self.history = None
                self.hub.forget(self)
        # a newcomer that joins while this runs was replayed the payload already
        members, cut_off = list(self.members), []
        for i, member in enumerate(members, 1):
            if audience is EVERYONE or member.viewer in audience:
                member.offer(payload)
                if member.too_slow:
                    cut_off.append(member)
            if i % PUBLISH_SLICE == 0:  # let requests and pings in between
                await asyncio.sleep(0)
        # it gets nothing more; what it has goes out when its socket drains, if ever
        for member in cut_off:
            self.leave(member)

    def end(self, how: _End) -> None:
        self.history = None
        self.hub.forget(self)
        for member in self.members:
            member.offer(how)


def _audience(group: _Group, result: ExecutionResult) -> Audience:
    """Who may see a result: for a per-viewer execution, whom its resolver addressed it to;
    a result without data (the stream failed, e.g. fell too far behind) tells everyone."""
    if group.addressing is None:
        return EVERYONE
    viewers = group.addressing.take()
    return EVERYONE if result.data is None else viewers


def _sees(viewer: int | None, audience: Audience) -> bool:
    return audience is EVERYONE or viewer in audience


@dataclass(frozen=True, slots=True)
class _Shape:
    field: str
    node: FieldNode
    defaults: dict[str, Any]  # variable defaults declared in the document

    def arguments(self, variables: dict[str, Any] | None) -> dict[str, Any]:
        """The root field's arguments as given, not coerced: scope functions check types
        themselves, and anything they cannot read runs unshared and is reported there."""
        values = {**self.defaults, **(variables or {})}
        return {
            argument.name.value: value_from_ast_untyped(argument.value, values)
            for argument in self.node.arguments or ()
        }


class SubscriptionHub:
    """The shared executions of one app, keyed by document, variables and scope."""

    def __init__(
        self, schema: GraphQLSchema, shareable: Mapping[str, Shareable], max_tokens: int
    ) -> None:
        self.schema = schema
        self.shareable = dict(shareable)
        self.max_tokens = max_tokens
        self.open: dict[Key, _Group] = {}  # the executions that still take newcomers
        self._shape = lru_cache(maxsize=SHAPE_CACHE)(self._find_shape)
        self._remembered_parse_error = lru_cache(maxsize=SHAPE_CACHE)(self._parse_error)

    def parse_error(self, query: str) -> dict[str, Any] | None:
        """Why a document does not parse, as a coded error; remembered for documents of a
        sensible length (ten thousand clients reconnecting send the same few)."""
        if len(query) > LONGEST_SHAREABLE_DOCUMENT:
            return self._parse_error(query)
        return self._remembered_parse_error(query)

    def _parse_error(self, query: str) -> dict[str, Any] | None:
        try:
            parse(query, max_tokens=self.max_tokens)
        except GraphQLError as error:
            formatted = dict(error.formatted)
            formatted["extensions"] = {"code": "GRAPHQL_VALIDATION_FAILED"}
            return formatted
        return None

    def _find_shape(self, query: str, operation_name: str | None) -> _Shape | None:
        """A valid subscription document whose single root field is listed as shareable."""
        try:
            document = parse(query, max_tokens=self.max_tokens)
        except GraphQLError:
            return None
        operation = get_operation_ast(document, operation_name)
        if operation is None or operation.operation != OperationType.SUBSCRIPTION:
            return None
        selections = operation.selection_set.selections
        if len(selections) != 1 or not isinstance(selections[0], FieldNode):
            return None
        node = selections[0]
        subscription = self.schema.subscription_type
        if node.directives or subscription is None or node.name.value not in self.shareable:
            return None
        if validate(self.schema, document):
            return None
        defaults = {
            definition.variable.name.value: value_from_ast_untyped(definition.default_value)
            for definition in operation.variable_definitions or ()
            if definition.default_value is not None
        }
        return _Shape(node.name.value, node, defaults)

    async def plan(
        self,
        query: Any,
        variables: Any,
        operation_name: Any,
        context: Any,
    ) -> tuple[Key, int | None] | None:
        """The key of the execution this subscriber may share and, for a per-viewer one,
        who the subscriber is; None to run its own."""
        if not isinstance(query, str) or len(query) > LONGEST_SHAREABLE_DOCUMENT:
            return None
        if not isinstance(operation_name, str | None) or not isinstance(variables, dict | None):
            return None
        shape = self._shape(query, operation_name)
        if shape is None:
            return None
        try:
            scope = await self.shareable[shape.field].scope(context, shape.arguments(variables))
        except (GraphQLError, RajutError):
            return None
        if scope is None:
            return None
        viewer = scope.viewer if isinstance(scope, PerViewer) else None
        scope = ("per-viewer", scope.key) if isinstance(scope, PerViewer) else scope
        key = (query, operation_name, json.dumps(variables, sort_keys=True), shape.field, scope)
        return key, viewer

    def join(
        self,
        key: Key,
        viewer: int | None,
        start: Callable[[Addressing | None], Awaitable[AsyncIterator[Any]]],
        encode: Callable[[ExecutionResult], str],
    ) -> tuple[_Group, Member]:
        """Attach to the open execution for ``key``, or start one with ``start`` (given the
        ``Addressing`` its resolver fills when ``viewer`` says the execution is per-viewer).
        """
        group = self.open.get(key)
        if group is not None:
            return group, group.join(viewer)
        group = self.open[key] = _Group(self, key, self.shareable[key[FIELD]].replay)
        member = group.join(viewer)
        group.addressing = Addressing() if viewer is not None else None
        group.task = asyncio.create_task(
            self._run(group, lambda: start(group.addressing), encode), name="shared-subscription"
        )
        return group, member

    def forget(self, group: _Group) -> None:
        """Take no newcomers for this execution (it ends, or remembers too much to replay)."""
        if self.open.get(group.key) is group:
            del self.open[group.key]

    async def _run(
        self,
        group: _Group,
        start: Callable[[], Awaitable[AsyncIterator[Any]]],
        encode: Callable[[ExecutionResult], str],
    ) -> None:
        SHARED_STREAMS.inc()
        try:
            source = await start()
            async with aclosing(source):
                first = True
                async for result in source:
                    if first and isinstance(result, PreExecutionError):
                        group.end(_End(refused=result))
                        return
                    if not isinstance(result, ExecutionResult):
                        group.end(_End(incremental=True))
                        return
                    first = False
                    await group.publish(encode(result), _audience(group, result))
            group.end(_COMPLETED)
        except Exception:  # a bug: end everyone as Strawberry ends a failed operation
            log.exception("shared subscription failed")
            group.end(_COMPLETED)
        finally:
            group.hub.forget(group)
            SHARED_STREAMS.dec()


def _is_operation_id(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 200


class TextWebSocketAdapter(ASGIWebSocketAdapter):
    """Strawberry's ASGI adapter, plus sending text that is already encoded."""

    async def send_text(self, text: str) -> None:
        try:
            await self.ws.send_text(text)
        except WebSocketDisconnect as exc:
            raise WebSocketDisconnected from exc


class MultiplexingHandler(BaseGraphQLTransportWSHandler):
    """graphql-transport-ws, with shared executions where ``view.subscriptions`` allows.

    Everything but running a subscription is Strawberry's own: connection_init and its
    timeout, pings, the per-connection operation limit, duplicate ids, complete, close codes.
    Only malformed messages are caught first: one that is not a message at all (``[1,2]``, a
    subscribe without a payload) closes the socket with 4400 as the protocol says; an
    operation that is a message but not a valid request (variables that are not an object,
    a document that does not parse or has too many tokens) gets an ``error`` message with a
    code and leaves the connection open.
    """

    async def handle_message(self, message: Any) -> None:  # type: ignore[override]
        if not isinstance(message, dict) or not isinstance(message.get("type"), str):
            await self.handle_invalid_message("A message must be an object with a type.")
            return
        kind = message["type"]
        if kind in {"subscribe", "complete"} and not _is_operation_id(message.get("id")):
            await self.handle_invalid_message(f"A {kind} message needs a string id.")
            return
        if kind == "subscribe":
            payload = message.get("payload")
            if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
                await self.handle_invalid_message("A subscribe message needs a query.")
                return
            if self.connection_acknowledged and message["id"] not in self.operations:
                refusal = self._refusal(payload)
                if refusal is not None:
                    await self.send_message(
                        {"id": message["id"], "type": "error", "payload": [refusal]}
                    )
                    return
        await super().handle_message(message)

    def _refusal(self, payload: dict[str, Any]) -> dict[str, Any] | None:
        """Why this request cannot run, as a coded error, before it reaches the schema
        (where a document that does not parse escapes as an exception, not an error)."""
        for key, kinds, what in (
            ("variables", (dict, type(None)), "an object"),
            ("operationName", (str, type(None)), "a string"),
            ("extensions", (dict, type(None)), "an object"),
        ):
            if not isinstance(payload.get(key), kinds):
                return {
                    "message": f"{key} must be {what} or null.",
                    "extensions": {"code": "BAD_USER_INPUT", "field": key},
                }
        hub: SubscriptionHub = self.view.subscriptions  # type: ignore[attr-defined]
        return hub.parse_error(payload["query"])

    @property
    def token(self) -> Any:
        """The token this connection signed in with (realtime.access), if any."""
        return getattr(self.context, "token", None)

    async def close(self, code: int, reason: str) -> None:
        await self.websocket.close(code=code, reason=reason)

    async def handle_connection_init(self, message: Any) -> None:
        since = desk.clock  # the sign-in's token look-up happens inside
        await super().handle_connection_init(message)
        if self.connection_acknowledged:
            await admit(self, since)  # closed at once if its access is withdrawn

    async def shutdown(self) -> None:
        connections.discard(self)
        await super().shutdown()

    async def handle_task_exception(self, error: Exception) -> None:
        """A peer that went away while its operation ran is not a server error."""
        if isinstance(error, (WebSocketDisconnected, WebSocketDisconnect)):
            log.debug("operation ended: the client disconnected")
            return
        await super().handle_task_exception(error)

    async def run_operation(self, operation: Operation) -> None:
        hub: SubscriptionHub = self.view.subscriptions  # type: ignore[attr-defined]
        try:
            plan = await hub.plan(
                operation.query, operation.variables, operation.operation_name, self.context
            )
        except Exception:  # the ordinary path meets the same trouble and reports it properly
            log.debug("could not plan a shared subscription", exc_info=True)
            plan = None
        if plan is None:
            await super().run_operation(operation)
            return
        try:
            await self._relay(operation, hub, *plan)
        except (_OperationStreamClosed, WebSocketDisconnected):  # the connection is going
            return
        except Exception as error:  # pragma: no cover - as Strawberry's run_operation does
            await self.handle_task_exception(error)
            with suppress(Exception):
                await operation.send_operation_message({"id": operation.id, "type": "complete"})
            self.operations.pop(operation.id, None)
            raise

    async def _relay(
        self, operation: Operation, hub: SubscriptionHub, key: Key, viewer: int | None
    ) -> None:
        def start(addressing: Addressing | None) -> Awaitable[AsyncIterator[Any]]:
            shared = self.view.shared_context(self.context, addressing)  # type: ignore[attr-defined]
            return self.schema.stream(
                operation.query,
                variable_values=operation.variables,
                context_value=shared,
                root_value=self.root_value,
                operation_name=operation.operation_name,
            )

        group, member = hub.join(key, viewer, start, self._encode_payload)
        prefix = '{"id":' + json.dumps(operation.id) + ',"type":"next","payload":'
        send = self.websocket.send_text  # type: ignore[attr-defined]  # TextWebSocketAdapter
        member.deliver = lambda payload: send(prefix + payload + "}")
        try:
            while True:
                item = await member.get()
                if isinstance(item, str):
                    await send(prefix + item + "}")
                    continue
                if item is None:
                    await send(prefix + self._too_slow_payload(hub, key) + "}")
                elif item.refused is not None:
                    await self._handle_pre_execution_error(operation, item.refused)
                    return
                elif item.incremental:
                    await self._reject_incremental_delivery(operation)
                    return
                break
            await operation.send_operation_message({"id": operation.id, "type": "complete"})
        finally:
            member.close()
            group.leave(member)

    def _encode_payload(self, result: ExecutionResult) -> str:
        """A `next` message's payload, as Strawberry's ``Operation.send_next`` builds it."""
        payload: dict[str, Any] = {"data": result.data}
        if result.errors:
            payload["errors"] = [error.formatted for error in result.errors]
        if result.extensions:
            payload["extensions"] = result.extensions
        encoded = self.view.encode_json(payload)
        return encoded.decode() if isinstance(encoded, bytes) else encoded

    def _too_slow_payload(self, hub: SubscriptionHub, key: Key) -> str:
        """What an unshared subscriber sees when its broker queue overflows: the domain
        error its resolver raises, with its code, as the schema's error policy shows it."""
        slow = hub.shareable[key[FIELD]].too_slow()
        extensions = {"code": slow.code, **({"field": slow.field} if slow.field else {})}
        coded = GraphQLError(slow.message, extensions=extensions)
        return self._encode_payload(ExecutionResult(data=None, errors=[coded]))
