// The service worker: keeps the app shell so Rajut opens offline (with its offline banner and
// the drafts kept in localStorage), and caches lazily loaded chunks as they are first fetched.
// Nothing from /graphql, /notes or other API paths is ever cached: those answers are personal.
/* global __SHELL__, __VERSION__ */
const CACHE = `rajut-shell-${__VERSION__}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(__SHELL__)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== location.origin) return;
  if (url.pathname === "/" || url.pathname === "/index.html") {
    // The page: fresh when online (it names the current bundles), the cached one when not.
    event.respondWith(
      fetch(event.request)
        .then((response) => {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put("/", copy));
          return response;
        })
        .catch(() => caches.match("/")),
    );
  } else if (url.pathname.startsWith("/dist/") || __SHELL__.includes(url.pathname)) {
    // Content-hashed files never change: cache first.
    event.respondWith(
      caches.match(event.request).then(
        (hit) =>
          hit ||
          fetch(event.request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              caches.open(CACHE).then((cache) => cache.put(event.request, copy));
            }
            return response;
          }),
      ),
    );
  }
});
