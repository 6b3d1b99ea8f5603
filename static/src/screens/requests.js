// Requests between mentees and mentors: what I sent (and may withdraw), what I received as a
// mentor (accept, or decline with a reason), and whether my mentor profile takes new requests.
// matchEvents keeps the lists current: a new or answered request shows up without a reload.
import { useSignal, useSignalEffect } from "@preact/signals";
import { useEffect, useId, useRef } from "preact/hooks";
import { gql, live, online } from "../lib/api.js";
import { useDraft } from "../lib/drafts.js";
import { html } from "../lib/html.js";
import { dateTime, t } from "../lib/i18n.js";
import { link } from "../lib/router.js";
import { Button, Empty, ErrorNote, Field, Loading, Page, onSubmit, useAction, useQuery } from "../lib/ui.js";
import { AreaTabs } from "./directory-common.js";

const REQUESTS = `query {
  me { profile { openForRequests capacity } }
  myEnrolments { asMentor asMentee mentorStatus }
  sent: myRequests(side: SENT) { ...R mentor { id displayName } }
  received: myRequests(side: RECEIVED) { ...R mentee { id displayName } }
}
fragment R on MentorRequest {
  id message status declineReason createdAt expiresAt decidedAt relationshipId programme { id name }
}`;
const EVENTS = `subscription { matchEvents { kind requestId } }`;
const ACCEPT = `mutation($id: ID!) { acceptRequest(requestId: $id) { id status } }`;
const DECLINE = `mutation($id: ID!, $reason: String!) { declineRequest(requestId: $id, reason: $reason) { id status } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawRequest(requestId: $id) { id status } }`;
const SET_OPEN = `mutation($open: Boolean!) { setOpenForRequests(open: $open) }`;

/** Open requests first, then the rest as the API orders them (newest first). */
const ordered = (list) => [...list].sort((a, b) => (a.status !== "PENDING") - (b.status !== "PENDING"));

export function Requests() {
  const result = useQuery(REQUESTS);
  const { reload } = result;
  const said = useSignal("");
  const announce = (text) => {
    said.value = text;
    reload();
  };
  useEffect(() => {
    let stop = null;
    let timer = null;
    const start = () => {
      stop = live(
        EVENTS,
        {},
        (data) => announce(t(`requests.event.${data.matchEvents.kind}`)),
        // cut off (too slow) or refused: read the lists again and listen anew
        () => {
          reload();
          timer = setTimeout(start, 5000);
        },
      );
    };
    start();
    return () => {
      clearTimeout(timer);
      stop?.();
    };
  }, []);
  // Events sent while the connection was down are not replayed: read the lists again.
  const wasOnline = useRef(online.peek());
  useSignalEffect(() => {
    const now = online.value;
    if (now && !wasOnline.current) reload();
    wasOnline.current = now;
  });

  const data = result.data;
  let body;
  if (!data) body = html`${result.loading && html`<${Loading} />`}<${ErrorNote} error=${result.error} />`;
  else {
    const mentor = data.myEnrolments.some((e) => e.asMentor && e.mentorStatus === "APPROVED") || data.received.length > 0;
    const mentee = data.myEnrolments.some((e) => e.asMentee) || data.sent.length > 0;
    body = html`
      <${ErrorNote} error=${result.error} />
      ${mentor && html`<${OpenForRequests} profile=${data.me.profile} onChanged=${announce} />`}
      ${mentor &&
      html`<${RequestList}
        title=${t("requests.received")}
        empty=${t("requests.noneReceived")}
        requests=${data.received}
        side="received"
        onChanged=${announce}
      />`}
      ${(mentee || !mentor) &&
      html`<${RequestList}
        title=${t("requests.sent")}
        empty=${t("requests.noneSent")}
        requests=${data.sent}
        side="sent"
        onChanged=${announce}
      />`}
    `;
  }
  return html`<${Page} title=${t("requests.title")}>
    <${AreaTabs} here="/requests" />
    <p class="note info live-note" role="status" aria-live="polite">${said.value}</p>
    ${body}
  <//>`;
}

function OpenForRequests({ profile, onChanged }) {
  const id = useId();
  const action = useAction(async () => {
    const data = await gql(SET_OPEN, { open: !profile.openForRequests });
    onChanged(data.setOpenForRequests ? t("requests.nowOpen") : t("requests.nowClosed"));
  });
  return html`<section aria-labelledby=${id} class="card mentor-profile">
    <h2 id=${id}>${t("requests.myProfile")}</h2>
    <p>
      <strong>${profile.openForRequests ? t("requests.isOpen") : t("requests.isClosed")}</strong>
      ${" "}${t("requests.capacity", { n: profile.capacity })}
    </p>
    <${Button} kind="secondary" type="button" pending=${action.pending} onClick=${() => action.run()}>
      ${profile.openForRequests ? t("requests.close") : t("requests.reopen")}
    <//>
    <${ErrorNote} error=${action.error.value} />
  </section>`;
}

function RequestList({ title, empty, requests, side, onChanged }) {
  const id = useId();
  return html`<section aria-labelledby=${id}>
    <h2 id=${id}>${title}</h2>
    ${requests.length
      ? html`<ul class="dir-list">
          ${ordered(requests).map(
            (r) => html`<li key=${r.id}><${RequestItem} request=${r} side=${side} onChanged=${onChanged} /></li>`,
          )}
        </ul>`
      : html`<${Empty}>${empty}<//>`}
  </section>`;
}

function RequestItem({ request: r, side, onChanged }) {
  const id = useId();
  const heading = useRef(null);
  const other = side === "sent" ? r.mentor : r.mentee;
  const pending = r.status === "PENDING";
  // After an answer the buttons go away: the focus moves to the request's name.
  const done = (text) => {
    onChanged(text);
    heading.current?.focus();
  };
  return html`<article class="card request" aria-labelledby=${id}>
    <h3 id=${id} tabindex="-1" ref=${heading}>${other.displayName}</h3>
    <p class="row">
      <span class="tag">${t(`requests.status.${r.status}`)}</span>
      <span class="muted">${r.programme.name}</span>
    </p>
    <dl class="facts">
      <dt>${t("requests.sentAt")}</dt>
      <dd>${dateTime(r.createdAt)}</dd>
      ${pending &&
      html`<dt>${t("requests.expiresAt")}</dt>
        <dd>${dateTime(r.expiresAt)}</dd>`}
      ${r.decidedAt &&
      html`<dt>${t("requests.decidedAt")}</dt>
        <dd>${dateTime(r.decidedAt)}</dd>`}
    </dl>
    ${r.message &&
    html`<h4>${t("requests.message")}</h4>
      <blockquote class="message">${r.message}</blockquote>`}
    ${r.status === "DECLINED" &&
    r.declineReason &&
    html`<h4>${t("requests.reason")}</h4>
      <blockquote class="message">${r.declineReason}</blockquote>`}
    ${r.status === "ACCEPTED" &&
    r.relationshipId &&
    html`<p><a href=${link(`/mentorships/${r.relationshipId}`)}>${t("requests.openMentorship")}</a></p>`}
    ${pending && side === "sent" && html`<${Withdraw} request=${r} other=${other} onChanged=${done} />`}
    ${pending && side === "received" && html`<${Decide} request=${r} other=${other} onChanged=${done} />`}
  </article>`;
}

function Withdraw({ request, other, onChanged }) {
  const action = useAction(async () => {
    await gql(WITHDRAW, { id: request.id });
    onChanged(t("requests.withdrawn", { name: other.displayName }));
  });
  return html`<div>
    <${Button} kind="danger" type="button" pending=${action.pending} onClick=${() => action.run()}>${t("requests.withdraw")}<//>
    <${ErrorNote} error=${action.error.value} />
  </div>`;
}

function Decide({ request, other, onChanged }) {
  const declining = useSignal(false);
  const opener = useRef(null);
  const accept = useAction(async () => {
    await gql(ACCEPT, { id: request.id });
    onChanged(t("requests.accepted", { name: other.displayName }));
  });
  if (declining.value) {
    const cancel = () => {
      declining.value = false;
      setTimeout(() => opener.current?.focus());
    };
    return html`<${DeclineForm} request=${request} other=${other} onChanged=${onChanged} onCancel=${cancel} />`;
  }
  return html`<div>
    <div class="row">
      <${Button} type="button" pending=${accept.pending} onClick=${() => accept.run()}>${t("requests.accept")}<//>
      <button class="btn danger" type="button" ref=${opener} onClick=${() => (declining.value = true)}>${t("requests.decline")}</button>
    </div>
    <${ErrorNote} error=${accept.error.value} />
  </div>`;
}

/** Mounted when the mentor chooses to decline, so the reason's draft is the signed-in member's. */
function DeclineForm({ request, other, onChanged, onCancel }) {
  const reason = useDraft(`decline:${request.id}`);
  const form = useRef(null);
  useEffect(() => form.current?.querySelector("textarea")?.focus(), []);
  const decline = useAction(async () => {
    await gql(DECLINE, { id: request.id, reason: reason.value.trim() });
    reason.clear();
    onChanged(t("requests.declined", { name: other.displayName }));
  });
  return html`<form ref=${form} onSubmit=${onSubmit(decline.run)}>
    <${Field}
      label=${t("requests.declineReason", { name: other.displayName })}
      hint=${t("requests.declineHint")}
      value=${reason}
      multiline
      rows="3"
      maxLength="1000"
    />
    <${ErrorNote} error=${decline.error.value} />
    <div class="row">
      <${Button} kind="danger" type="submit" pending=${decline.pending}>${t("requests.declineSend")}<//>
      <button class="btn secondary" type="button" onClick=${onCancel}>${t("common.cancel")}</button>
    </div>
  </form>`;
}
