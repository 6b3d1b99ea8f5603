// Reference server for bench/fanout.py: the npm `graphql-ws` package on Node, serving the same
// subscription shape as Rajut's progressUpdates, fed by an in-process emitter.
//
//   node server.mjs --port 8123 [--token bench]
//
// WebSocket:  ws://127.0.0.1:<port>/graphql  (graphql-transport-ws, connection_init payload
//             {"authorization": "Bearer <token>:<person>:<device>"}, the token checked
//             against --token, no database; a person (0-3) is a participant whose events
//             are checked one by one, as Rajut's participants' are; "all", a
//             coordinator who sees everything)
// HTTP:       GET /healthz, POST /burst?count=M  (emits M events, one per macrotask, and answers
//             with the last seq), GET /stats (subscriber count)
//
// Each subscriber gets a bounded queue of 256 events like Rajut's in-process broker; a
// subscriber that overflows it is ended with an error. `after` replays the kept events after
// that cursor first, as Rajut's catch-up does. Listens on 127.0.0.1 only.

import http from 'node:http';
import { performance } from 'node:perf_hooks';

import {
  GraphQLID,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

const QUEUE_LIMIT = 256;
const MAX_BURST = 10_000;
const KEPT = 1_000; // events kept for catch-up
const GROUP = [0, 1, 2, 3]; // the people every event is for (a group and its mentor)

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const port = Number(option('port', '0'));
const token = option('token', 'bench');

// --- the emitter and per-subscriber bounded queues ----------------------------------------

const listeners = new Set();
const kept = [];
let seq = 0;

/** ISO 8601 with microseconds, like Python's datetime.isoformat() on Rajut's side. */
function isoNow() {
  const ms = performance.timeOrigin + performance.now();
  const whole = Math.floor(ms);
  const micros = String(Math.floor((ms - whole) * 1000)).padStart(3, '0');
  return `${new Date(whole).toISOString().slice(0, -1)}${micros}+00:00`;
}

function emit() {
  seq += 1;
  const event = { seq, kind: 'skill.assessed', at: isoNow(), audience: GROUP };
  kept.push(event);
  if (kept.length > KEPT) kept.shift();
  for (const listener of listeners) listener(event);
  return seq;
}

function follow(after, person) {
  const sees = (event) => person === null || event.audience.includes(person);
  const queue = kept.filter((event) => event.seq > after && sees(event));
  let wake = null;
  let overflowed = false;
  let finished = false;
  const listener = (event) => {
    if (!sees(event)) return;
    if (queue.length >= QUEUE_LIMIT) {
      overflowed = true;
    } else {
      queue.push(event);
    }
    if (wake) {
      const resolve = wake;
      wake = null;
      resolve();
    }
  };
  listeners.add(listener);
  const stop = () => {
    finished = true;
    listeners.delete(listener);
    if (wake) {
      const resolve = wake;
      wake = null;
      resolve();
    }
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      while (!finished) {
        if (queue.length > 0) return { value: queue.shift(), done: false };
        if (overflowed) {
          stop();
          throw new Error('Subscriber too slow; resubscribe from your last seq.');
        }
        await new Promise((resolve) => {
          wake = resolve;
        });
      }
      return { value: undefined, done: true };
    },
    async return() {
      stop();
      return { value: undefined, done: true };
    },
    async throw(error) {
      stop();
      throw error;
    },
  };
}

// --- the schema: the same subscription shape as Rajut's ----------------------------------

const ProgressEvent = new GraphQLObjectType({
  name: 'ProgressEvent',
  fields: {
    seq: { type: new GraphQLNonNull(GraphQLInt) },
    kind: { type: new GraphQLNonNull(GraphQLString) },
    at: { type: new GraphQLNonNull(GraphQLString) },
  },
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: { lastSeq: { type: new GraphQLNonNull(GraphQLInt), resolve: () => seq } },
  }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      progressUpdates: {
        type: new GraphQLNonNull(ProgressEvent),
        args: {
          programmeId: { type: new GraphQLNonNull(GraphQLID) },
          after: { type: new GraphQLNonNull(GraphQLInt) },
        },
        subscribe: (_, args, context) => follow(args.after, context.person),
        resolve: (event) => event,
      },
    },
  }),
});

// --- HTTP control endpoint and the WebSocket server --------------------------------------

function send(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url, 'http://127.0.0.1');
  if (url.pathname === '/healthz') return send(response, 200, { status: 'ok' });
  if (url.pathname === '/stats') return send(response, 200, { subscribers: listeners.size, seq });
  if (url.pathname === '/burst' && request.method === 'POST') {
    const count = Math.min(Math.max(Number(url.searchParams.get('count') ?? '1'), 1), MAX_BURST);
    // one event per macrotask, as separate requests would arrive, not one synchronous loop
    let left = count;
    const next = () => {
      emit();
      left -= 1;
      if (left > 0) setImmediate(next);
      else send(response, 200, { lastSeq: seq });
    };
    return setImmediate(next);
  }
  return send(response, 404, { error: 'not found' });
});

const wss = new WebSocketServer({ server, path: '/graphql' });

useServer(
  {
    schema,
    connectionInitWaitTimeout: 10_000,
    onConnect: (ctx) => {
      const header = ctx.connectionParams?.authorization;
      return typeof header === 'string' && header.split(':')[0] === `Bearer ${token}`;
    },
    context: (ctx) => {
      const person = ctx.connectionParams.authorization.split(':')[1];
      return { person: person === 'all' ? null : Number(person) };
    },
  },
  wss,
);

server.listen(port, '127.0.0.1', () => {
  console.log(JSON.stringify({ listening: server.address().port }));
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    for (const client of wss.clients) client.terminate();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2_000).unref();
  });
}
