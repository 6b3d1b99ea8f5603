"""Follow a programme's progress from a third-party tool, resuming where it left off.

    RAJUT_URL=http://127.0.0.1:8000 RAJUT_TOKEN=rjt_pat_... \\
        python examples/follow_progress.py --programme <programme ID> [--state progress.cursor]

Make the token in Rajut with `createApiToken(input: {name: "dashboard", scopes:
[PROGRESS_READ]})` as a coordinator of the programme. The script keeps the last event number
it handled in the state file and passes it as `after` when it reconnects, so it sees every
event once, even across restarts and dropped connections.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from pathlib import Path

from gql import Client, GraphQLRequest, gql
from gql.transport.websockets import WebsocketsTransport

UPDATES = gql(
    """subscription($programme: ID!, $after: Int!) {
      progressUpdates(programmeId: $programme, after: $after) {
        seq kind relationshipId at payload
      }
    }"""
)


def last_handled(state: Path) -> int:
    return int(state.read_text()) if state.exists() else 0


def remember(state: Path, seq: int) -> None:
    state.write_text(str(seq))  # handled: never ask for it again


async def follow(url: str, token: str, programme: str, state: Path, limit: int | None) -> None:
    after = last_handled(state)
    transport = WebsocketsTransport(
        url=url.replace("http", "ws", 1) + "/graphql",
        init_payload={"authorization": f"Bearer {token}"},
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
    )
    handled = 0
    async with Client(transport=transport) as session:
        updates = session.subscribe(
            GraphQLRequest(UPDATES, variable_values={"programme": programme, "after": after})
        )
        async for result in updates:
            event = result["progressUpdates"]
            print(f"{event['seq']:>6} {event['at']} {event['kind']} {event['payload']}")
            remember(state, event["seq"])
            handled += 1
            if limit is not None and handled >= limit:
                break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--programme", required=True, help="the programme's global ID")
    parser.add_argument("--state", type=Path, default=Path("progress.cursor"))
    parser.add_argument("--max-events", type=int, default=None, help="stop after N events")
    args = parser.parse_args()
    asyncio.run(
        follow(
            os.environ.get("RAJUT_URL", "http://127.0.0.1:8000"),
            os.environ["RAJUT_TOKEN"],
            args.programme,
            args.state,
            args.max_events,
        )
    )


if __name__ == "__main__":
    main()
