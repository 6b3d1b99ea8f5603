// Hash routes (/#/mentorships/UmVsYXRpb25zaGlwOjE=?tab=goals): deep links survive a reload on any
// static host, and the mailed links (/#/verify-email?token=…) open the right screen.
import { signal } from "@preact/signals";

function parse() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, search = ""] = raw.split("?");
  return { path: path || "/", query: Object.fromEntries(new URLSearchParams(search)) };
}

export const route = signal(parse());
addEventListener("hashchange", () => (route.value = parse()));

/** Go to `path` (with an optional query object). */
export function navigate(path, query) {
  const search = query ? new URLSearchParams(Object.entries(query).filter(([, v]) => v !== "" && v != null)) : null;
  location.hash = search && String(search) ? `${path}?${search}` : path;
}

/** Replace the query of the current route without adding a history entry (filters, paging). */
export function setQuery(query) {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== "" && v != null && v !== false));
  history.replaceState(null, "", `#${route.value.path}${String(search) ? "?" + search : ""}`);
  route.value = parse();
}

/** Match `/mentorships/:id` against a path; returns params or null. */
export function match(pattern, path) {
  const names = [];
  const regex = new RegExp(
    "^" + pattern.replace(/:(\w+)/g, (_, name) => (names.push(name), "([^/]+)")) + "/?$",
  );
  const found = path.match(regex);
  return found ? Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1])])) : null;
}

/** `href` for a link to `path`. */
export const link = (path) => `#${path}`;
