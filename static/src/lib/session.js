// Who is signed in. The token lives in localStorage so a reload (or an offline start from the
// service worker) keeps the member signed in; `me` is refreshed from the API on start.
import { computed, signal } from "@preact/signals";

const KEY = "rajut.token";

export const token = signal(localStorage.getItem(KEY) || "");
/** The `me` query's answer: { user { id displayName } email locale emailVerified profile { … } }. */
export const me = signal(null);
export const signedIn = computed(() => Boolean(token.value));

export function keepToken(value) {
  token.value = value || "";
  if (value) localStorage.setItem(KEY, value);
  else localStorage.removeItem(KEY);
}

export function forget() {
  keepToken("");
  me.value = null;
}
