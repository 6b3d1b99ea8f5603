// Home and "my mentorships": the list of one's relationships and each relationship's screen,
// whose tabs (overview, sessions, goals, journal, feedback, skills, check-in) are links with
// ?tab= so that a reload or a shared link keeps the tab. Reporting a concern is reachable from
// every tab through the frame.
import { useSignal, useSignalEffect } from "@preact/signals";
import { gql } from "../lib/api.js";
import { html } from "../lib/html.js";
import { dateTime, date, locale, number, t } from "../lib/i18n.js";
import { link, setQuery } from "../lib/router.js";
import { me } from "../lib/session.js";
import { Button, Empty, ErrorNote, Field, Loading, Page, onSubmit, useAction, useQuery } from "../lib/ui.js";
import {
  ModelTag,
  OPEN,
  RELATIONSHIP,
  StatusTag,
  WORKING,
  listOf,
  participants,
  relLink,
  relTitle,
  roleOf,
  FocusFirst,
  viewerRole,
} from "./mentorships-parts.js";
import "./mentorships.css";

const HOME = `query {
  me { user { id displayName } }
  myRelationships { ...Rel }
  myNotifications(unreadOnly: true, first: 50) { id }
  conversations { relationshipId unreadCount }
  myEnrolments { asMentor asMentee }
}
${RELATIONSHIP}`;

/** One query for the sessions of several relationships (aliases s0, s1, …). */
function sessionsQuery(count) {
  const vars = Array.from({ length: count }, (_, i) => `$r${i}: ID!`).join(", ");
  const fields = Array.from(
    { length: count },
    (_, i) => `s${i}: sessions(relationshipId: $r${i}) { id startsAt endsAt status agenda relationshipId }`,
  ).join("\n");
  return `query(${vars}) {\n${fields}\n}`;
}

const myId = () => me.value?.user?.id;

/** A tab loaded when first opened: Home and the overview stay light on a slow link. */
function lazyTab(load, name) {
  let loaded = null;
  return function LazyTab(props) {
    const ready = useSignal(loaded);
    useSignalEffect(() => {
      if (!loaded) load().then((module) => (ready.value = loaded = module[name]));
    });
    return ready.value ? html`<${ready.value} ...${props} />` : html`<${Loading} />`;
  };
}

const LAZY_TABS = {
  sessions: lazyTab(() => import("./sessions.js"), "SessionsTab"),
  feedback: lazyTab(() => import("./sessions.js"), "FeedbackTab"),
  checkin: lazyTab(() => import("./sessions.js"), "CheckInTab"),
  goals: lazyTab(() => import("./mentorships-goals.js"), "GoalsTab"),
  journal: lazyTab(() => import("./mentorships-journal.js"), "JournalTab"),
  skills: lazyTab(() => import("./mentorships-skills.js"), "SkillsTab"),
  concern: lazyTab(() => import("./mentorships-concern.js"), "ConcernTab"),
};

export function Home() {
  const name = me.value?.user?.displayName;
  const { data, error } = useQuery(HOME);
  const title = name ? t("mentorships.home.greeting", { name }) : t("mentorships.home.title");
  if (!data) return html`<${Page} title=${title}><${ErrorNote} error=${error} />${!error && html`<${Loading} />`}<//>`;
  const viewerId = data.me.user.id;
  const rels = data.myRelationships;
  const waiting = rels.filter((r) => r.status === "PROPOSED" && !r.acknowledgedBy.some((u) => u.id === viewerId));
  const unreadMessages = data.conversations.reduce((sum, c) => sum + c.unreadCount, 0);
  const unreadNotes = data.myNotifications.length;
  const mentors = data.myEnrolments.some((e) => e.asMentor);
  const mentees = data.myEnrolments.some((e) => e.asMentee) || !mentors;
  return html`<${Page} title=${title}>
    <${ErrorNote} error=${error} />
    ${waiting.map(
      (r) => html`<div class="note warn">
        ${t("mentorships.home.guidelinesWaiting", { names: relTitle(r, viewerId) })}
        ${" "}<a href=${relLink(r.id)}>${t("mentorships.home.readGuidelines")}</a>
      </div>`,
    )}
    ${rels.length === 0 &&
    html`<div class="card start">
      <h2>${t("mentorships.home.startTitle")}</h2>
      <p>${mentors && !data.myEnrolments.some((e) => e.asMentee) ? t("mentorships.home.startMentor") : t("mentorships.home.startMentee")}</p>
      <ul class="links">
        ${mentees && html`<li><a href=${link("/directory")}>${t("mentorships.home.toDirectory")}</a></li>`}
        ${mentees && html`<li><a href=${link("/suggestions")}>${t("mentorships.home.toSuggestions")}</a></li>`}
        ${mentors && html`<li><a href=${link("/requests")}>${t("mentorships.home.toRequests")}</a></li>`}
      </ul>
    </div>`}
    <section aria-labelledby="home-next">
      <h2 id="home-next">${t("mentorships.home.nextSessions")}</h2>
      ${rels.some((r) => WORKING.includes(r.status))
        ? html`<${NextSessions} rels=${rels.filter((r) => WORKING.includes(r.status))} viewerId=${viewerId} />`
        : html`<${Empty}>${t("mentorships.home.noSessions")}<//>`}
    </section>
    ${rels.length > 0 &&
    html`<section aria-labelledby="home-rels">
      <h2 id="home-rels">${t("mentorships.home.myMentorships")}</h2>
      <ul class="list">
        ${rels.map((r) => html`<${RelationshipItem} rel=${r} viewerId=${viewerId} />`)}
      </ul>
      <p><a href=${link("/mentorships")}>${t("mentorships.home.allMentorships")}</a></p>
    </section>`}
    <section aria-labelledby="home-unread">
      <h2 id="home-unread">${t("mentorships.home.unread")}</h2>
      <ul class="counts">
        <li>
          <a href=${link("/notifications")}>
            <strong>${t("mentorships.home.notifications")}</strong>
            <span>${unreadNotes ? t("mentorships.home.unreadCount", { count: unreadNotes >= 50 ? "50+" : number(unreadNotes) }) : t("mentorships.home.noneUnread")}</span>
          </a>
        </li>
        <li>
          <a href=${link("/conversations")}>
            <strong>${t("mentorships.home.messages")}</strong>
            <span>${unreadMessages ? t("mentorships.home.unreadCount", { count: number(unreadMessages) }) : t("mentorships.home.noneUnread")}</span>
          </a>
        </li>
      </ul>
    </section>
  <//>`;
}

/** The upcoming sessions of the given relationships, soonest first. */
function NextSessions({ rels, viewerId }) {
  const ids = rels.map((r) => r.id);
  const vars = Object.fromEntries(ids.map((id, i) => [`r${i}`, id]));
  const { data, error } = useQuery(sessionsQuery(ids.length), vars, [ids.join()]);
  if (!data) return html`<${ErrorNote} error=${error} />${!error && html`<${Loading} />`}`;
  const now = Date.now();
  const upcoming = Object.values(data)
    .flat()
    .filter((s) => s && s.status === "SCHEDULED" && new Date(s.endsAt) > now)
    .sort((a, b) => new Date(a.startsAt) - new Date(b.startsAt))
    .slice(0, 5);
  if (!upcoming.length) return html`<${Empty}>${t("mentorships.home.noSessions")}<//>`;
  const byId = Object.fromEntries(rels.map((r) => [r.id, r]));
  return html`<ul class="list sessions-next">
    ${upcoming.map((s) => {
      const rel = byId[s.relationshipId];
      return html`<li>
        <a href=${relLink(s.relationshipId, "sessions")}><time datetime=${s.startsAt}>${dateTime(s.startsAt)}</time></a>
        <div>${rel ? relTitle(rel, viewerId) : ""}${s.agenda ? html` · <span class="muted">${s.agenda}</span>` : ""}</div>
      </li>`;
    })}
  </ul>`;
}

function youAre(rel, mine) {
  if (mine) return t("mentorships.youMentor");
  return ["PEER", "CIRCLE", "COMMUNITY_OF_PRACTICE"].includes(rel.mentoringModel) ? t("mentorships.youMember") : t("mentorships.youMentee");
}

function RelationshipItem({ rel, viewerId }) {
  const mine = viewerRole(rel, viewerId) === "mentor";
  return html`<li class="rel-item">
    <a class="rel-name" href=${relLink(rel.id)}>${relTitle(rel, viewerId)}</a>
    <div class="row">
      <${StatusTag} status=${rel.status} />
      <${ModelTag} model=${rel.mentoringModel} />
      <span class="muted">${youAre(rel, mine)}</span>
    </div>
    <div class="muted small">${rel.programme.name}</div>
  </li>`;
}

const LIST = `query($closed: Boolean!) { me { user { id } } myRelationships(includeClosed: $closed) { ...Rel } }
${RELATIONSHIP}`;

export function Mentorships({ query }) {
  const closed = query.closed === "1";
  const { data, error } = useQuery(LIST, { closed }, [closed]);
  const toggle = (e) => setQuery({ closed: e.currentTarget.checked ? "1" : "" });
  return html`<${Page} title=${t("mentorships.title")}>
    <div class="field check">
      <input id="show-closed" type="checkbox" checked=${closed} onChange=${toggle} />
      <label for="show-closed">${t("mentorships.showClosed")}</label>
    </div>
    <${ErrorNote} error=${error} />
    ${!data && !error && html`<${Loading} />`}
    ${data &&
    (data.myRelationships.length
      ? html`<ul class="list" aria-live="polite">
          ${data.myRelationships.map((r) => html`<${RelationshipItem} rel=${r} viewerId=${data.me.user.id} />`)}
        </ul>`
      : html`<div aria-live="polite">
          <${Empty}>${t("mentorships.none")}<//>
          <p><a href=${link("/directory")}>${t("mentorships.home.toDirectory")}</a> · <a href=${link("/suggestions")}>${t("mentorships.home.toSuggestions")}</a></p>
        </div>`)}
  <//>`;
}

const DETAIL = `query($id: ID!) { node(id: $id) { ...Rel } }
${RELATIONSHIP}`;

const TABS = ["overview", "sessions", "goals", "journal", "feedback", "skills", "checkin"];

function tabLabel(tab) {
  return {
    overview: t("mentorships.tab.overview"),
    sessions: t("mentorships.tab.sessions"),
    goals: t("mentorships.tab.goals"),
    journal: t("mentorships.tab.journal"),
    feedback: t("mentorships.tab.feedback"),
    skills: t("mentorships.tab.skills"),
    checkin: t("mentorships.tab.checkin"),
    concern: t("mentorships.tab.concern"),
  }[tab];
}

export function Mentorship({ params, query }) {
  const { data, error, reload } = useQuery(DETAIL, { id: params.id }, [params.id]);
  const viewerId = myId();
  if (!data || !viewerId) {
    return html`<${Page} title=${t("mentorships.one")}><${ErrorNote} error=${error} />${!error && html`<${Loading} />`}<//>`;
  }
  if (!data.node || !data.node.members) {
    return html`<${Page} title=${t("mentorships.one")}>
      <${ErrorNote} error=${{ code: "NOT_FOUND", message: "" }} />
      <p><a href=${link("/mentorships")}>${t("mentorships.backToList")}</a></p>
    <//>`;
  }
  const node = data.node;
  const relationship = {
    ...node,
    mentees: node.members,
    viewerId,
    viewerRole: viewerRole(node, viewerId),
    reload,
  };
  const tab = query.tab === "concern" || TABS.includes(query.tab) ? query.tab : "overview";
  const Tab = tab === "overview" ? Overview : LAZY_TABS[tab];
  return html`<${Page}
    title=${relTitle(node, viewerId)}
    actions=${html`
      ${WORKING.includes(node.status) &&
      html`<a class="btn secondary" href=${link(`/conversations/${encodeURIComponent(node.id)}`)}>${t("mentorships.conversation")}</a>`}
      ${node.status === "ACTIVE" &&
      html`<a class="btn secondary" href=${link(`/room/call/${encodeURIComponent(node.id)}`)}>${t("mentorships.callRoom")}</a>`}
      <a class="btn danger" href=${relLink(node.id, "concern")} aria-current=${tab === "concern" ? "page" : undefined}>
        ${t("mentorships.reportConcern")}
      </a>
    `}
  >
    <p class="row rel-summary">
      <${StatusTag} status=${node.status} />
      <${ModelTag} model=${node.mentoringModel} />
      <span class="muted">${node.programme.name}</span>
    </p>
    <nav class="tabs rel-tabs" aria-label=${t("mentorships.tabs")}>
      ${TABS.map(
        (name) => html`<a href=${relLink(node.id, name === "overview" ? "" : name)} aria-current=${tab === name ? "page" : undefined}>
          ${tabLabel(name)}
        </a>`,
      )}
    </nav>
    <div class="tab-panel">
      <${Tab} relationship=${relationship} key=${tab} />
    </div>
  <//>`;
}

const ACKNOWLEDGE = `mutation($r: ID!) { acknowledgeGuidelines(relationshipId: $r) { id status } }`;
const PAUSE = `mutation($r: ID!, $reason: String!) { pauseRelationship(relationshipId: $r, reason: $reason) { id status } }`;
const RESUME = `mutation($r: ID!) { resumeRelationship(relationshipId: $r) { id status } }`;
const COMPLETE = `mutation($r: ID!) { completeRelationship(relationshipId: $r) { id status } }`;

function Overview({ relationship: rel }) {
  const acknowledged = new Set(rel.acknowledgedBy.map((u) => u.id));
  const mine = acknowledged.has(rel.viewerId);
  const guidelines = (locale.value === "en" ? rel.programme.guidelinesEn : rel.programme.guidelinesId) || rel.guidelines;
  const done = useSignal("");
  const ack = useAction(async () => {
    const data = await gql(ACKNOWLEDGE, { r: rel.id });
    done.value = data.acknowledgeGuidelines.status === "ACTIVE" ? t("mentorships.startedNow") : t("mentorships.ackThanks");
    rel.reload();
  });
  const waitingFor = participants(rel).filter((p) => !acknowledged.has(p.id));
  return html`<section aria-labelledby="ov-guidelines">
      <h2 id="ov-guidelines">${t("mentorships.guidelines")}</h2>
      <p class="guidelines">${guidelines || t("mentorships.noGuidelines")}</p>
      ${rel.status === "PROPOSED" &&
      html`<p>${t("mentorships.proposedExplain")}</p>
        ${waitingFor.length > 0 &&
        html`<p>${t("mentorships.waitingFor", { names: listOf(waitingFor.map((p) => (p.id === rel.viewerId ? t("mentorships.you") : p.displayName))) })}</p>`}`}
      <div aria-live="polite">
        ${mine
          ? html`<p class="note ok">${done.value || t("mentorships.acknowledged")}</p>`
          : OPEN.includes(rel.status) &&
            html`<${ErrorNote} error=${ack.error.value} />
              <${Button} pending=${ack.pending} onClick=${() => ack.run()}>${t("mentorships.acknowledge")}<//>`}
      </div>
    </section>
    <section aria-labelledby="ov-people">
      <h2 id="ov-people">${t("mentorships.participants")}</h2>
      <ul class="list people">
        ${participants(rel).map(
          (p) => html`<li>
            <strong>${p.id === rel.viewerId ? t("mentorships.youName", { name: p.displayName }) : p.displayName}</strong>
            <span class="muted"> · ${roleOf(rel, p)}${rel.moderator && rel.moderator.id === p.id ? ` · ${t("mentorships.role.moderator")}` : ""}</span>
            <div class="small">${acknowledged.has(p.id) ? t("mentorships.hasAcknowledged") : t("mentorships.notAcknowledged")}</div>
          </li>`,
        )}
      </ul>
    </section>
    <section aria-labelledby="ov-about">
      <h2 id="ov-about">${t("mentorships.about")}</h2>
      <dl class="facts">
        <dt>${t("mentorships.programme")}</dt><dd>${rel.programme.name}</dd>
        <dt>${t("mentorships.modelLabel")}</dt><dd>${t(`mentorships.model.${rel.mentoringModel}`)}</dd>
        <dt>${t("mentorships.statusLabel")}</dt><dd>${t(`mentorships.status.${rel.status}`)}</dd>
        <dt>${t("mentorships.planned")}</dt><dd>${t("mentorships.range", { from: date(rel.plannedStart), to: date(rel.plannedEnd) })}</dd>
        ${rel.startedAt && html`<dt>${t("mentorships.started")}</dt><dd>${date(rel.startedAt)}</dd>`}
        ${rel.endedAt && html`<dt>${t("mentorships.ended")}</dt><dd>${date(rel.endedAt)}</dd>`}
        ${rel.endReason && html`<dt>${t("mentorships.reason")}</dt><dd>${rel.endReason}</dd>`}
      </dl>
    </section>
    ${WORKING.includes(rel.status) && html`<${StatusActions} rel=${rel} />`}
    <section aria-labelledby="ov-rematch">
      <h2 id="ov-rematch">${t("mentorships.notWorking")}</h2>
      <p>${t("mentorships.rematchExplain")}</p>
      <ul class="links">
        <li><a href=${relLink(rel.id, "checkin")}>${t("mentorships.toCheckIn")}</a></li>
        <li><a href=${relLink(rel.id, "concern")}>${t("mentorships.reportConcern")}</a></li>
      </ul>
    </section>`;
}

/** Pause, resume and complete: any participant may (README, Relationships). */
function StatusActions({ rel }) {
  const mode = useSignal("");
  const reason = useSignal("");
  const act = useAction(async (query, vars) => {
    await gql(query, { r: rel.id, ...vars });
    mode.value = "";
    rel.reload();
  });
  return html`<section aria-labelledby="ov-status">
    <h2 id="ov-status">${t("mentorships.changeStatus")}</h2>
    <${ErrorNote} error=${act.error.value} />
    ${mode.value === "pause" &&
    html`<${FocusFirst}><form class="card" onSubmit=${onSubmit(() => act.run(PAUSE, { reason: reason.value }))}>
      <${Field} label=${t("mentorships.pauseReason")} value=${reason} maxlength="2000" multiline rows="2" />
      <div class="row">
        <${Button} type="submit" pending=${act.pending}>${t("mentorships.pauseConfirm")}<//>
        <${Button} type="button" kind="secondary" onClick=${() => (mode.value = "")}>${t("common.cancel")}<//>
      </div>
    </form><//>`}
    ${mode.value === "complete" &&
    html`<${FocusFirst} selector=".btn.secondary"><div class="card" role="group" aria-labelledby="complete-q">
      <p id="complete-q">${t("mentorships.completeQuestion")}</p>
      <div class="row">
        <${Button} pending=${act.pending} onClick=${() => act.run(COMPLETE)}>${t("mentorships.completeConfirm")}<//>
        <${Button} kind="secondary" onClick=${() => (mode.value = "")}>${t("common.cancel")}<//>
      </div>
    </div><//>`}
    ${!mode.value &&
    html`<div class="row">
      ${rel.status === "ACTIVE" && html`<${Button} kind="secondary" onClick=${() => (mode.value = "pause")}>${t("mentorships.pause")}<//>`}
      ${rel.status === "PAUSED" && html`<${Button} kind="secondary" pending=${act.pending} onClick=${() => act.run(RESUME)}>${t("mentorships.resume")}<//>`}
      <${Button} kind="secondary" onClick=${() => (mode.value = "complete")}>${t("mentorships.complete")}<//>
    </div>`}
  </section>`;
}
