// The shell: navigation, the language switch, the offline banner, and the route outlet.
// Every screen is its own chunk, loaded when first opened, so the sign-in page stays light.
import { useSignal, useSignalEffect } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { closeLive, gql, online } from "./lib/api.js";
import { html } from "./lib/html.js";
import { locale, setLocale, t } from "./lib/i18n.js";
import { link, match, navigate, route } from "./lib/router.js";
import { forget, me, signedIn } from "./lib/session.js";
import { unreadNotifications, watchNotifications } from "./lib/unread.js";
import { ErrorNote, Loading } from "./lib/ui.js";

const account = () => import("./screens/account.js");
const mentorships = () => import("./screens/mentorships.js");
const directory = () => import("./screens/directory.js");
const conversations = () => import("./screens/conversations.js");
const knowledge = () => import("./screens/knowledge.js");

/** [pattern, module loader, export name, needs a signed-in member] */
export const routes = [
  ["/signin", account, "SignIn", false],
  ["/signup", account, "SignUp", false],
  ["/verify-email", account, "VerifyEmail", false],
  ["/reset-password", account, "ResetPassword", false],
  ["/", mentorships, "Home", true],
  ["/profile", () => import("./screens/profile.js"), "ProfileEditor", true],
  ["/directory", directory, "Directory", true],
  ["/suggestions", directory, "Suggestions", true],
  ["/requests", () => import("./screens/requests.js"), "Requests", true],
  ["/mentorships", mentorships, "Mentorships", true],
  ["/mentorships/:id", mentorships, "Mentorship", true],
  ["/room/:kind/:id", () => import("./screens/room.js"), "Room", true],
  ["/conversations", conversations, "Conversations", true],
  ["/conversations/:id", conversations, "Thread", true],
  ["/notifications", () => import("./screens/notifications.js"), "Notifications", true],
  ["/knowledge", knowledge, "Knowledge", true],
  ["/knowledge/:id", knowledge, "Article", true],
];

const ME = `{ me { email locale emailVerified user { id displayName } } }`;

let meLoading = null; // the request under way, so the shell and a sign-in screen share it

/** Load who is signed in; a rejected token signs out (api.gql forgets it). */
export function loadMe() {
  meLoading ??= gql(ME)
    .then(async (data) => {
      me.value = data.me;
      if (data.me.locale !== locale.value && (data.me.locale === "en" || data.me.locale === "id")) {
        await setLocale(data.me.locale);
      }
      return data.me;
    })
    .finally(() => (meLoading = null));
  return meLoading;
}

export async function signOut() {
  try {
    await gql("mutation { logout }");
  } catch {
    /* signing out locally is what matters */
  }
  closeLive();
  forget();
  navigate("/signin");
}

function LanguageSwitch() {
  const other = locale.value === "id" ? "en" : "id";
  const choose = async () => {
    await setLocale(other);
    if (signedIn.value) gql("mutation($l: String!) { setLocale(locale: $l) { locale } }", { l: other }).catch(() => {});
  };
  return html`<button class="btn link lang" onClick=${choose} lang=${other}>
    ${other === "en" ? "English" : "Bahasa Indonesia"}
  </button>`;
}

function Nav() {
  useEffect(watchNotifications, []);
  const items = [
    ["/", t("nav.home")],
    ["/directory", t("nav.directory")],
    ["/requests", t("nav.requests")],
    ["/mentorships", t("nav.mentorships")],
    ["/conversations", t("nav.conversations")],
    ["/notifications", t("nav.notifications")],
    ["/knowledge", t("nav.knowledge")],
    ["/profile", t("nav.profile")],
  ];
  const here = route.value.path;
  const current = (path) => (path === "/" ? here === "/" : here === path || here.startsWith(path + "/"));
  return html`<nav aria-label=${t("nav.label")}>
    <ul>
      ${items.map(
        ([path, label]) => html`<li>
          <a href=${link(path)} aria-current=${current(path) ? "page" : undefined}>
            ${label}
            ${path === "/notifications" && unreadNotifications.value > 0 &&
            html` <span class="badge">${unreadNotifications.value}<span class="sr-only">
              ${t("nav.unread", { count: unreadNotifications.value })}</span></span>`}
          </a>
        </li>`,
      )}
    </ul>
  </nav>`;
}

let loads = 0;

/** Loads the screen for the current route and shows it. */
function Outlet() {
  const screen = useSignal(null);
  const failed = useSignal(null);
  useSignalEffect(() => {
    const { path } = route.value;
    const found = routes.map(([pattern, load, name, auth]) => [match(pattern, path), load, name, auth]).find(([p]) => p);
    if (!found) {
      screen.value = { Component: NotFound, params: {} };
      return;
    }
    const [params, load, name, auth] = found;
    if (auth && !signedIn.value) {
      navigate("/signin", { next: path === "/" ? "" : location.hash.slice(1) });
      return;
    }
    if (!auth && signedIn.value && path === "/signin") {
      navigate(route.value.query.next || "/");
      return;
    }
    failed.value = null;
    // Chunks arrive out of order on a slow link: only the latest route's may show.
    const ticket = ++loads;
    load().then(
      (module) => ticket === loads && (screen.value = { Component: module[name], params }),
      (error) => ticket === loads && (failed.value = { code: "NETWORK", message: String(error) }),
    );
  });
  if (failed.value) return html`<${ErrorNote} error=${failed.value} />`;
  if (!screen.value) return html`<${Loading} />`;
  const { Component, params } = screen.value;
  return html`<${Component} params=${params} query=${route.value.query} />`;
}

function NotFound() {
  return html`<section class="page"><h1>${t("common.notFound")}</h1><a href=${link("/")}>${t("nav.home")}</a></section>`;
}

export function App() {
  useSignalEffect(() => {
    if (signedIn.value && !me.peek()) loadMe().catch(() => {});
  });
  return html`<div class="shell">
    <a class="skip" href="#main" onClick=${(e) => (e.preventDefault(), document.getElementById("main").focus())}>
      ${t("nav.skip")}
    </a>
    <header class="top">
      <a class="brand" href=${link("/")}>Rajut</a>
      <div class="top-actions">
        <${LanguageSwitch} />
        ${signedIn.value && html`<button class="btn link" onClick=${signOut}>${t("nav.signOut")}</button>`}
      </div>
      ${signedIn.value && html`<${Nav} />`}
    </header>
    ${!online.value && html`<div class="offline" role="status">${t("common.offline")}</div>`}
    ${me.value && !me.value.emailVerified && route.value.path !== "/profile" &&
    html`<div class="note warn banner" role="status">
      ${t("account.unverifiedShort")} <a href=${link("/profile")}>${t("account.unverifiedMore")}</a>
    </div>`}
    <main id="main" tabindex="-1"><${Outlet} /></main>
  </div>`;
}
