// The data layer: queries and mutations over plain fetch, subscriptions over graphql-ws.
// Everything the app does goes through the public GraphQL API, as a third-party client would.
import { signal } from "@preact/signals";
import { forget, token } from "./session.js";

/** False while the browser is offline or the live connection is down (the app shows a banner). */
export const online = signal(navigator.onLine);
/** Counts reconnections of the live socket: screens whose stream has no cursor re-read what
 * they show when it changes (e.g. a thread fetches the messages sent while it was away). */
export const reconnected = signal(0);
addEventListener("online", () => (online.value = true));
addEventListener("offline", () => (online.value = false));

/** An error the API answered with: `code` is its extensions.code (BAD_USER_INPUT, FORBIDDEN, …)
 * or NETWORK when the request never got an answer; `field` names the input at fault, if any. */
export class ApiError extends Error {
  constructor(message, code, field = null) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

/** fetch() with the member's token; a request that never got an answer is ApiError NETWORK. */
async function send(path, init = {}) {
  const headers = { ...init.headers };
  if (token.value) headers.authorization = `Bearer ${token.value}`;
  try {
    const response = await fetch(path, { ...init, headers });
    // an answer proves the way was open when it was sent, not that it still is: one arriving
    // just after the browser went offline must not hide the banner
    online.value = navigator.onLine;
    return response;
  } catch {
    online.value = false;
    throw new ApiError("offline", "NETWORK");
  }
}

/** Run a query or mutation; resolves to `data`, rejects with ApiError. */
export async function gql(query, variables = {}) {
  const response = await send("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`HTTP ${response.status}`, response.status === 429 ? "RATE_LIMITED" : "NETWORK");
  }
  const error = body.errors && body.errors[0];
  if (error) {
    const code = (error.extensions && error.extensions.code) || "INTERNAL";
    if (code === "UNAUTHENTICATED" && token.value) forget();
    throw new ApiError(error.message, code, error.extensions && error.extensions.field);
  }
  return body.data;
}

/** A file from one of the API's plain-HTTP paths (a certificate's `pdfPath`), as a Blob.
 * Those paths answer errors as JSON `{code, message}` with the API's codes: rejects with
 * ApiError like `gql`, and a rejected token signs out the same way. */
export async function fetchFile(path) {
  const response = await send(path);
  if (response.ok) return response.blob();
  const body = await response.json().catch(() => ({}));
  const code = body.code || (response.status === 429 ? "RATE_LIMITED" : "INTERNAL");
  if (code === "UNAUTHENTICATED" && token.value) forget();
  throw new ApiError(body.message || `HTTP ${response.status}`, code);
}

let client = null;
let clientToken = null;
let createClient = null; // graphql-ws, loaded with the first subscription (not on sign-in)

function wsClient() {
  if (client && clientToken === token.value) return client;
  if (client) client.dispose();
  clientToken = token.value;
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  client = createClient({
    url: `${scheme}//${location.host}/graphql`,
    connectionParams: () => (token.value ? { authorization: `Bearer ${token.value}` } : {}),
    lazy: true,
    keepAlive: 20000,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    // Back off 1 s, 2 s, 4 s … up to 30 s, with jitter so a crowd does not return at once.
    retryWait: (retries) =>
      new Promise((resolve) => setTimeout(resolve, Math.min(30000, 1000 * 2 ** retries) * (0.5 + Math.random()))),
    on: {
      connected: (_socket, _payload, retrying) => {
        online.value = navigator.onLine;
        if (retrying) reconnected.value++;
      },
      // 1000 is graphql-ws closing an idle lazy socket, not a lost connection.
      closed: (event) => {
        if (event?.code !== 1000) online.value = false;
      },
    },
  });
  return client;
}

/**
 * Subscribe; calls `onData(data)` for every result and returns a function that stops.
 * `variables` is kept by reference and re-sent on every reconnect, so a stream that resumes
 * from a cursor updates it in `onData` (e.g. `vars.after = event.seq`) and picks up from there.
 */
export function live(query, variables, onData, onError = () => {}) {
  if (!createClient) {
    let stop = null;
    let stopped = false;
    import("graphql-ws/client").then(
      (module) => {
        createClient = module.createClient;
        if (!stopped) stop = live(query, variables, onData, onError);
      },
      () => onError(new ApiError("offline", "NETWORK")),
    );
    return () => {
      stopped = true;
      if (stop) stop();
    };
  }
  const payload = { query, variables };
  return wsClient().subscribe(payload, {
    next: (result) => {
      if (result.errors) onError(new ApiError(result.errors[0].message, result.errors[0].extensions?.code));
      else if (result.data) onData(result.data);
    },
    error: (err) => onError(err instanceof ApiError ? err : new ApiError(String(err?.reason || err), "NETWORK")),
    complete: () => {},
  });
}

/** A dropped socket on sign-out: the next subscription opens one with the new token. */
export function closeLive() {
  if (client) client.dispose();
  client = null;
}
