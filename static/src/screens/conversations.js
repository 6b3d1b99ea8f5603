// Conversations: the list of a member's conversations (unread counts, last message) and one
// conversation's thread: paging back, sending (the draft survives going offline and goes out on
// reconnect), editing and deleting one's own messages, read markers, and live events.
import { useSignal, useSignalEffect } from "@preact/signals";
import { useEffect, useRef, useState } from "preact/hooks";
import { gql, live, online } from "../lib/api.js";
import { useDraft } from "../lib/drafts.js";
import { html } from "../lib/html.js";
import { ago, dateTime, t } from "../lib/i18n.js";
import { link } from "../lib/router.js";
import { me } from "../lib/session.js";
import { Button, Empty, ErrorNote, Field, Loading, Notice, Page, onSubmit, useAction, useQuery } from "../lib/ui.js";
import "./conversations.css";

const PAGE = 30;
const MESSAGE = `id createdAt editedAt body deleted mine author { id displayName }`;
const RELATIONSHIP = `id status mentoringModel mentor { id displayName } members { id displayName } programme { name }`;

const LIST = `{ conversations {
  relationshipId unreadCount
  lastMessage { id body deleted createdAt mine author { displayName } }
  relationship { ${RELATIONSHIP} }
} }`;

const THREAD = `query($r: ID!, $first: Int!) { conversation(relationshipId: $r) {
  relationshipId lastReadMessageId
  readMarkers { user { id displayName } lastReadMessageId }
  relationship { ${RELATIONSHIP} }
  messages(first: $first) { edges { node { ${MESSAGE} } } pageInfo { hasNextPage endCursor } }
} }`;

const OLDER = `query($r: ID!, $first: Int!, $after: String) { conversation(relationshipId: $r) {
  messages(first: $first, after: $after) { edges { node { ${MESSAGE} } } pageInfo { hasNextPage endCursor } }
} }`;

const EVENTS = `subscription($r: ID!) { conversationEvents(relationshipId: $r) {
  kind message { ${MESSAGE} } reader { id displayName } lastReadMessageId
} }`;

const EVENT_KINDS = `subscription($r: ID!) { conversationEvents(relationshipId: $r) { kind } }`;
const SEND = `mutation($r: ID!, $body: String!) { sendMessage(relationshipId: $r, body: $body) { ${MESSAGE} } }`;
const EDIT = `mutation($id: ID!, $body: String!) { editMessage(messageId: $id, body: $body) { ${MESSAGE} } }`;
const DELETE = `mutation($id: ID!) { deleteMessage(messageId: $id) { ${MESSAGE} } }`;
const MARK = `mutation($r: ID!, $upTo: ID) { markConversationRead(relationshipId: $r, upTo: $upTo) { lastReadMessageId } }`;

/** A message's place in its conversation: the number inside its global ID. */
function seq(id) {
  try {
    return Number(atob(id).split(":").pop()) || 0;
  } catch {
    return 0;
  }
}

/** Who else is in the conversation, by name. */
function peopleOf(relationship) {
  const mine = me.value?.user?.id;
  const people = [relationship.mentor, ...relationship.members].filter((p) => p && p.id !== mine);
  return people.map((p) => p.displayName).join(", ") || t("conversations.untitled");
}

/** Calls `fn` whenever the connection comes back after being lost. */
function useReconnect(fn) {
  const latest = useRef(fn);
  latest.current = fn;
  const was = useRef(online.peek());
  useSignalEffect(() => {
    const now = online.value;
    if (now && !was.current) latest.current();
    was.current = now;
  });
}

/** A visually hidden polite live region: new things are read out without moving focus. */
function Announcer({ text }) {
  return html`<div class="sr-only" aria-live="polite" aria-atomic="true">${text.value}</div>`;
}

const clip = (text, n = 160) => (text.length > n ? text.slice(0, n - 1) + "…" : text);

export function Conversations() {
  const { data, error, reload } = useQuery(LIST);
  const ids = data ? data.conversations.map((c) => c.relationshipId).join(",") : "";
  // One light subscription per conversation: anything that happens refreshes the counts.
  useEffect(() => {
    if (!ids) return undefined;
    let timer;
    const again = () => {
      clearTimeout(timer);
      timer = setTimeout(reload, 250);
    };
    const stops = ids.split(",").map((r) => live(EVENT_KINDS, { r }, again));
    return () => {
      clearTimeout(timer);
      stops.forEach((stop) => stop());
    };
  }, [ids]);
  useReconnect(reload);

  return html`<${Page} title=${t("conversations.title")}>
    <${ErrorNote} error=${error} />
    ${!data && !error && html`<${Loading} />`}
    ${data && data.conversations.length === 0 && html`<${Empty}>${t("conversations.none")}</${Empty}>`}
    ${data &&
    data.conversations.length > 0 &&
    html`<ul class="list msg-convs">
      ${data.conversations.map((c) => {
        const last = c.lastMessage;
        const who = last && (last.mine ? t("conversations.you") : last.author?.displayName || t("conversations.someone"));
        return html`<li key=${c.relationshipId} class=${c.unreadCount ? "msg-conv unread" : "msg-conv"}>
          <div class="row">
            <a class="grow msg-conv-name" href=${link(`/conversations/${c.relationshipId}`)}>${peopleOf(c.relationship)}</a>
            ${c.unreadCount > 0 && html`<span class="badge msg-unread">${t("conversations.unread", { count: c.unreadCount })}</span>`}
          </div>
          <div class="muted msg-conv-meta">
            ${c.relationship.programme.name}
            ${c.relationship.status !== "ACTIVE" && html` · ${t(`conversations.status.${c.relationship.status}`)}`}
          </div>
          ${last
            ? html`<p class="msg-conv-last">
                <span>${who}: </span>${last.deleted ? html`<em>${t("conversations.deleted")}</em>` : clip(last.body)}
                <span class="muted"> · <time datetime=${last.createdAt}>${ago(last.createdAt)}</time></span>
              </p>`
            : html`<p class="msg-conv-last muted">${t("conversations.noMessages")}</p>`}
        </li>`;
      })}
    </ul>`}
  </${Page}>`;
}

export function Thread({ params }) {
  const id = params.id;
  const info = useSignal(null); // the conversation's relationship
  const failed = useSignal(null);
  const messages = useSignal([]); // oldest first
  const older = useSignal({ hasNextPage: false, endCursor: null });
  const markers = useSignal({}); // others' read markers: user id -> { user, lastReadMessageId }
  const myMarker = useSignal(null);
  const said = useSignal("");
  const visible = useSignal(document.visibilityState !== "hidden");
  const stick = useRef(true); // follow new messages while the reader is at the bottom
  const focusAfter = useRef(null);
  const marking = useRef(null);
  const loaded = useRef(false); // the newest page and its cursor are in
  const shown = useRef(id); // answers for a conversation no longer shown are dropped
  shown.current = id;
  const myId = me.value?.user?.id;

  const merge = (list) => {
    const byId = new Map(messages.peek().map((m) => [m.id, m]));
    for (const m of list) byId.set(m.id, m);
    messages.value = [...byId.values()].sort((a, b) => seq(a.id) - seq(b.id));
  };

  const takeMarkers = (list, me_) => {
    const others = {};
    for (const marker of list) {
      if (!marker.user) continue;
      if (marker.user.id === me_) {
        if (seq(marker.lastReadMessageId || "") > seq(myMarker.peek() || "")) myMarker.value = marker.lastReadMessageId;
      } else others[marker.user.id] = marker;
    }
    markers.value = others;
  };

  const load = async (fresh) => {
    try {
      const { conversation: c } = await gql(THREAD, { r: id, first: PAGE });
      if (shown.current !== id) return;
      const page = c.messages.edges.map((e) => e.node).reverse();
      const current = messages.peek();
      const gap =
        current.length && page.length && c.messages.pageInfo.hasNextPage && seq(page[0].id) > seq(current[current.length - 1].id);
      if (fresh || gap || !loaded.current) {
        // a fresh newest page; anything newer that arrived meanwhile (a send) stays
        const top = page.length ? seq(page[page.length - 1].id) : 0;
        messages.value = [...page, ...messages.peek().filter((m) => seq(m.id) > top)];
        older.value = c.messages.pageInfo;
        loaded.current = true;
      } else merge(page);
      info.value = c.relationship;
      if (myMarker.peek() == null || seq(c.lastReadMessageId || "") > seq(myMarker.peek() || "")) {
        myMarker.value = c.lastReadMessageId;
      }
      takeMarkers(c.readMarkers, me.peek()?.user?.id);
      failed.value = null;
    } catch (error) {
      if (shown.current === id) failed.value = error;
    }
  };

  useEffect(() => {
    info.value = null;
    failed.value = null;
    older.value = { hasNextPage: false, endCursor: null };
    messages.value = [];
    markers.value = {};
    myMarker.value = null;
    stick.current = true;
    loaded.current = false;
    load(true);
    const seen = () => (visible.value = document.visibilityState !== "hidden");
    document.addEventListener("visibilitychange", seen);
    return () => document.removeEventListener("visibilitychange", seen);
  }, [id]);

  const onEvent = (data) => {
    const event = data.conversationEvents;
    if (event.kind === "READ") {
      if (!event.reader) return;
      if (event.reader.id === me.peek()?.user?.id) myMarker.value = event.lastReadMessageId;
      else markers.value = { ...markers.peek(), [event.reader.id]: { user: event.reader, lastReadMessageId: event.lastReadMessageId } };
      return;
    }
    const m = event.message;
    if (!m) return;
    const known = messages.peek().some((x) => x.id === m.id);
    stick.current = stick.current || nearBottom();
    merge([m]);
    const name = m.author?.displayName || t("conversations.someone");
    if (event.kind === "SENT" && !known && !m.mine) said.value = t("conversations.newFrom", { name, body: clip(m.body, 200) });
    else if (event.kind === "DELETED" && !m.mine) said.value = t("conversations.deletedBy", { name });
  };
  // Live events; a subscriber cut off for falling behind subscribes again and rereads the
  // newest page, as the API asks.
  const [round, setRound] = useState(0);
  useEffect(
    () =>
      live(EVENTS, { r: id }, onEvent, (error) => {
        if (error.code !== "SUBSCRIBER_TOO_SLOW") return;
        load(false);
        setRound((n) => n + 1);
      }),
    [id, round],
  );

  // Missed events while offline: read the newest page again.
  useReconnect(() => load(false));

  // Reading is marking read: the marker follows the newest message while the thread is shown.
  useSignalEffect(() => {
    const list = messages.value;
    const newest = list[list.length - 1];
    if (!newest || !visible.value || !online.value) return;
    const target = seq(newest.id);
    if (seq(myMarker.value || "") >= target || marking.current === target) return;
    marking.current = target;
    gql(MARK, { r: id, upTo: newest.id }).then(
      (data) => {
        const now = data.markConversationRead.lastReadMessageId;
        if (seq(now || "") > seq(myMarker.peek() || "")) myMarker.value = now;
      },
      () => (marking.current = null),
    );
  });

  // Keep the newest message in view after loading and as messages arrive.
  const count = messages.value.length;
  const newestId = count ? messages.value[count - 1].id : null;
  useEffect(() => {
    if (focusAfter.current) {
      document.getElementById(focusAfter.current)?.focus();
      focusAfter.current = null;
    } else if (stick.current && newestId) {
      window.scrollTo(0, document.documentElement.scrollHeight);
    }
  }, [newestId, count]);
  useEffect(() => {
    const onScroll = () => (stick.current = nearBottom());
    addEventListener("scroll", onScroll, { passive: true });
    return () => removeEventListener("scroll", onScroll);
  }, []);

  const olderAction = useAction(async () => {
    const { conversation: c } = await gql(OLDER, { r: id, first: PAGE, after: older.value.endCursor });
    const page = c.messages.edges.map((e) => e.node);
    older.value = c.messages.pageInfo;
    if (page.length) focusAfter.current = `msg-${seq(page[0].id)}`; // the newest of the older ones
    stick.current = false;
    merge(page);
  });

  const relationship = info.value;
  const writable = relationship?.status === "ACTIVE";
  // "Seen by" sits under the newest message a reader has read that is not their own.
  const seenBy = {};
  for (const marker of Object.values(markers.value)) {
    if (!marker.lastReadMessageId || marker.user.id === myId) continue;
    const upTo = seq(marker.lastReadMessageId);
    const list = messages.value;
    for (let i = list.length - 1; i >= 0; i--) {
      const m = list[i];
      if (seq(m.id) > upTo || m.author?.id === marker.user.id) continue;
      (seenBy[m.id] ||= []).push(marker.user.displayName);
      break;
    }
  }

  // One composer in one place, so a draft queued while the thread could not load (offline)
  // is the same one that goes out once it loads.
  const composing = me.value && (relationship ? writable : failed.value?.code === "NETWORK");
  const sent = (m) => {
    stick.current = true;
    merge([m]);
  };
  const title = relationship ? peopleOf(relationship) : t("conversations.thread");
  return html`<${Page}
    title=${title}
    actions=${html`<a href=${link("/conversations")}>${t("conversations.all")}</a>
      ${relationship && html`<a href=${link(`/mentorships/${relationship.id}`)}>${t("conversations.mentorship")}</a>`}`}
  >
    <${ErrorNote} error=${failed.value} />
    ${!relationship && !failed.value && html`<${Loading} />`}
    ${relationship &&
    html`<div class="msg-thread">
      ${older.value.hasNextPage &&
      html`<div class="msg-older">
        <${Button} kind="secondary" pending=${olderAction.pending} onClick=${() => olderAction.run()}>${t("conversations.older")}</${Button}>
        <${ErrorNote} error=${olderAction.error.value} />
      </div>`}
      ${messages.value.length === 0
        ? html`<${Empty}>${t("conversations.noMessages")}</${Empty}>`
        : html`<ol class="msg-list" aria-label=${t("conversations.messages")}>
            ${messages.value.map(
              (m) => html`<${Message}
                key=${m.id}
                m=${m}
                seenBy=${seenBy[m.id]}
                writable=${writable}
                onChange=${(changed) => merge([changed])}
              />`,
            )}
          </ol>`}
    </div>`}
    <${Announcer} text=${said} />
    ${composing && html`<${Composer} key=${id} relationshipId=${id} onSent=${sent} />`}
    ${relationship && !writable && html`<${Notice}>${t("conversations.readOnly")}</${Notice}>`}
  </${Page}>`;
}

function nearBottom() {
  return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 160;
}

function Message({ m, seenBy, writable, onChange }) {
  const mode = useSignal(""); // "", "edit" or "delete"
  const anchor = `msg-${seq(m.id)}`;
  const back = () => {
    mode.value = "";
    setTimeout(() => document.getElementById(anchor)?.focus(), 0);
  };
  const remove = useAction(async () => {
    const data = await gql(DELETE, { id: m.id });
    onChange(data.deleteMessage);
    back();
  });
  const name = m.mine ? t("conversations.you") : m.author?.displayName || t("conversations.someone");
  return html`<li id=${anchor} tabindex="-1" class=${m.mine ? "msg mine" : "msg"}>
    <div class="msg-head">
      <strong>${name}</strong>
      <time class="muted" datetime=${m.createdAt}>${dateTime(m.createdAt)}</time>
      ${m.editedAt && !m.deleted && html`<span class="muted">${t("conversations.edited")}</span>`}
    </div>
    ${mode.value === "edit"
      ? html`<${EditForm} m=${m} onDone=${(changed) => (changed && onChange(changed), back())} />`
      : m.deleted
        ? html`<p class="msg-body muted"><em>${t("conversations.deleted")}</em></p>`
        : html`<p class="msg-body">${m.body}</p>`}
    ${seenBy && html`<p class="msg-seen muted">${t("conversations.seenBy", { names: seenBy.join(", ") })}</p>`}
    ${m.mine &&
    !m.deleted &&
    writable &&
    mode.value === "" &&
    html`<div class="msg-actions">
      <button class="btn link" onClick=${() => (mode.value = "edit")}>${t("common.edit")}</button>
      <button class="btn link" onClick=${() => (mode.value = "delete")}>${t("common.delete")}</button>
    </div>`}
    ${mode.value === "delete" &&
    html`<div class="msg-confirm" role="group" aria-label=${t("conversations.confirmDelete")}>
      <span>${t("conversations.confirmDelete")}</span>
      <${Button} kind="danger" pending=${remove.pending} onClick=${() => remove.run()}>${t("conversations.yesDelete")}</${Button}>
      <button class="btn secondary" onClick=${back}>${t("common.cancel")}</button>
      <${ErrorNote} error=${remove.error.value} />
    </div>`}
  </li>`;
}

function EditForm({ m, onDone }) {
  const text = useSignal(m.body);
  const form = useRef(null);
  useEffect(() => form.current?.querySelector("textarea")?.focus(), []);
  const save = useAction(async () => {
    const body = text.value.trim();
    if (!body || body === m.body) return onDone(null);
    const data = await gql(EDIT, { id: m.id, body });
    onDone(data.editMessage);
  });
  return html`<form ref=${form} class="msg-edit" onSubmit=${onSubmit(() => save.run())}>
    <${Field} label=${t("conversations.editLabel")} value=${text} multiline rows=${3} maxlength=${4000} />
    <div class="row">
      <${Button} type="submit" pending=${save.pending}>${t("common.save")}</${Button}>
      <button type="button" class="btn secondary" onClick=${() => onDone(null)}>${t("common.cancel")}</button>
    </div>
    <${ErrorNote} error=${save.error.value} />
  </form>`;
}

function Composer({ relationshipId, onSent }) {
  const draft = useDraft(`message:${relationshipId}`);
  const queued = useSignal(false);
  const send = useAction(async () => {
    const body = draft.value.trim();
    if (!body) return;
    if (!online.peek()) {
      queued.value = true;
      return;
    }
    try {
      const data = await gql(SEND, { r: relationshipId, body });
      queued.value = false;
      if (draft.value.trim() === body) draft.clear();
      onSent(data.sendMessage);
    } catch (error) {
      if (error.code !== "NETWORK") throw error;
      queued.value = true; // kept in the draft; sent when the connection is back
    }
  });
  // Back online: send what was waiting.
  useSignalEffect(() => {
    if (online.value && queued.peek() && !send.pending.peek()) send.run();
  });
  const keys = (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send.run();
    }
  };
  return html`<form class="msg-composer" onSubmit=${onSubmit(() => send.run())}>
    <${Field}
      label=${t("conversations.message")}
      value=${draft}
      multiline
      rows=${3}
      maxlength=${4000}
      hint=${t("conversations.hint")}
      onKeyDown=${keys}
    />
    ${queued.value && html`<${Notice} kind="warn">${t("conversations.queued")}</${Notice}>`}
    <${ErrorNote} error=${send.error.value} />
    <${Button} type="submit" pending=${send.pending}>${t("common.send")}</${Button}>
  </form>`;
}
