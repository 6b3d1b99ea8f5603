// Notifications: reminders, nudges, check-ins, invitations, badges, certificates and mentor
// levels as they arrive (the `notifications` subscription), the stored list
// (`myNotifications`), marking one or all read, and a link from each to the screen it is
// about, where the app has one.
import { useSignal, useSignalEffect } from "@preact/signals";
import { useEffect, useRef, useState } from "preact/hooks";
import { routes } from "../app.js";
import { gql, live, online } from "../lib/api.js";
import { html } from "../lib/html.js";
import { dateTime, t } from "../lib/i18n.js";
import { link, match } from "../lib/router.js";
import { Button, Empty, ErrorNote, Field, Loading, Page, useAction } from "../lib/ui.js";
import { unreadNotifications } from "../lib/unread.js";
import "./notifications.css";

const FIELDS = `id kind title body createdAt readAt relationshipId sessionId`;
const LIST = `query($unread: Boolean!) { myNotifications(unreadOnly: $unread, first: 100) { ${FIELDS} } }`;
const LIVE = `subscription { notifications { ${FIELDS} } }`;
const MARK = `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`;

const known = (path) => routes.some(([pattern]) => match(pattern, path.split("?")[0]));

/** Kinds about what a member earned or where they stand: they lead to the profile's
 * recognition part. A notification names no subject, so the coordinators' copies of the level
 * kinds (about another mentor) lead there too, to the coordinator's own standing. */
const RECOGNITION = new Set(["BADGE_AWARDED", "CERTIFICATE_ISSUED", "LEVEL_ELIGIBLE", "LEVEL_CHANGED"]);

/** Where a notification leads: the first of its screens the app has. */
function targetOf(n) {
  const places = [];
  if (n.kind === "INVITATION") places.push("/invitations");
  if (RECOGNITION.has(n.kind)) places.push("/profile?section=recognition");
  if (n.relationshipId) places.push(`/mentorships/${n.relationshipId}`);
  return places.find(known) || null;
}

export function Notifications() {
  const items = useSignal(null);
  const failed = useSignal(null);
  const said = useSignal("");
  const unreadOnly = useSignal(false);
  const [round, setRound] = useState(0); // bumped to subscribe again after being cut off

  const load = async () => {
    try {
      const data = await gql(LIST, { unread: unreadOnly.peek() });
      // keep anything that arrived live while the list was loading
      const fresh = data.myNotifications;
      const ids = new Set(fresh.map((n) => n.id));
      const extra = (items.peek() || []).filter((n) => !ids.has(n.id) && !n.readAt);
      items.value = [...extra, ...fresh];
      failed.value = null;
    } catch (error) {
      failed.value = error;
    }
  };

  useSignalEffect(() => {
    unreadOnly.value;
    items.value = null;
    load();
  });

  useEffect(
    () =>
      live(
        LIVE,
        {},
        (data) => {
          const n = data.notifications;
          const list = items.peek() || [];
          if (list.some((x) => x.id === n.id)) return;
          items.value = [n, ...list];
          said.value = t("notifications.arrived", { title: n.title });
        },
        (error) => {
          // Cut off for being slow: subscribe again and list what was missed.
          if (error.code === "SUBSCRIBER_TOO_SLOW") {
            load();
            setRound((r) => r + 1);
          }
        },
      ),
    [round],
  );

  // Back online: what arrived meanwhile is in the stored list.
  const was = useRef(online.peek());
  useSignalEffect(() => {
    const now = online.value;
    if (now && !was.current) load();
    was.current = now;
  });

  const stamp = (ids) => {
    const when = new Date().toISOString();
    items.value = items.peek().map((n) => (!n.readAt && (!ids || ids.includes(n.id)) ? { ...n, readAt: when } : n));
  };
  const markAll = useAction(async () => {
    await gql(MARK, { ids: null });
    stamp(null);
    said.value = t("notifications.allRead");
  });
  const markOne = useAction(async (n) => {
    await gql(MARK, { ids: [n.id] });
    stamp([n.id]);
  });

  const list = items.value;
  const unread = list ? list.filter((n) => !n.readAt).length : 0;
  // the navigation's count follows what this screen knows (when it lists everything)
  useEffect(() => {
    if (list && !unreadOnly.value) unreadNotifications.value = unread;
  }, [list, unread]);
  return html`<${Page}
    title=${t("notifications.title")}
    actions=${unread > 0 &&
    html`<${Button} kind="secondary" pending=${markAll.pending} onClick=${() => markAll.run()}>${t("notifications.markAll")}</${Button}>`}
  >
    <${Field} type="checkbox" label=${t("notifications.unreadOnly")} value=${unreadOnly} />
    <p class="muted" role="status">${list && (unread ? t("notifications.unreadCount", { count: unread }) : t("notifications.allCaughtUp"))}</p>
    <div class="sr-only" aria-live="polite" aria-atomic="true">${said.value}</div>
    <${ErrorNote} error=${failed.value || markAll.error.value || markOne.error.value} />
    ${!list && !failed.value && html`<${Loading} />`}
    ${list && list.length === 0 && html`<${Empty}>${t("notifications.none")}</${Empty}>`}
    ${list &&
    list.length > 0 &&
    html`<ul class="list nt-list">
      ${list.map((n) => html`<${Item} key=${n.id} n=${n} onRead=${() => markOne.run(n)} />`)}
    </ul>`}
  </${Page}>`;
}

function Item({ n, onRead }) {
  const target = targetOf(n);
  const room = n.kind === "SESSION_REMINDER" && n.sessionId && `/room/session/${n.sessionId}`;
  const titleId = `nt-${n.id.replace(/[^\w-]/g, "")}`;
  const follow = () => {
    if (!n.readAt) onRead();
  };
  return html`<li class=${n.readAt ? "nt-item" : "nt-item unread"}>
    <div class="row nt-meta">
      <span class="tag">${t(`notifications.kind.${n.kind}`)}</span>
      ${!n.readAt && html`<strong class="nt-new">${t("notifications.new")}</strong>`}
      <time class="muted" datetime=${n.createdAt}>${dateTime(n.createdAt)}</time>
    </div>
    <h2 class="nt-title" id=${titleId}>
      ${target ? html`<a href=${link(target)} onClick=${follow}>${n.title}</a>` : n.title}
    </h2>
    ${n.body && html`<p class="nt-body">${n.body}</p>`}
    <div class="row">
      ${room && known(room) && html`<a href=${link(room)} onClick=${follow}>${t("notifications.openRoom")}</a>`}
      ${!n.readAt &&
      html`<button class="btn link" aria-describedby=${titleId} onClick=${onRead}>${t("notifications.markRead")}</button>`}
    </div>
  </li>`;
}
