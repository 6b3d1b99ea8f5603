// A relationship's sessions, feedback and check-ins: three tabs the mentorship screen shows,
// each taking {relationship} (its `id` is the relationship's global ID) and loading the rest.
import "./sessions.css";
import { useSignal } from "@preact/signals";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { ApiError, gql } from "../lib/api.js";
import { useDraft } from "../lib/drafts.js";
import { html } from "../lib/html.js";
import { dateTime, date, locale, t, timeZone } from "../lib/i18n.js";
import { link } from "../lib/router.js";
import { me, token } from "../lib/session.js";
import { Button, Empty, ErrorNote, Field, Loading, Select, onSubmit, useAction, useQuery } from "../lib/ui.js";
import { TimePicker, localInput, pickedRange, timeRange } from "./sessions-time.js";

const PERSON = `id displayName profile { timezone }`;
const RELATIONSHIP = `id status startedAt mentoringModel mentor { ${PERSON} } members { ${PERSON} }
  programme { id startsOn endsOn roomOpensMinutes pulseFirstDays pulseEveryDays }`;
const SESSION = `id kind agenda startsAt endsAt status cancelReason externalUrl icsPath
  myFeedback { rating comment createdAt } attendance { user { id displayName } attended }`;
const LOAD = `query($id: ID!) {
  node(id: $id) { ... on Relationship { ${RELATIONSHIP} } }
  sessions(relationshipId: $id) { ${SESSION} } }`;

const SCHEDULE = `mutation($i: SessionInput!) { scheduleSession(input: $i) { id startsAt endsAt } }`;
const RESCHEDULE = `mutation($s: ID!, $a: DateTime!, $b: DateTime!) {
  rescheduleSession(sessionId: $s, startsAt: $a, endsAt: $b) { id startsAt endsAt } }`;
const CANCEL = `mutation($s: ID!, $r: String!) { cancelSession(sessionId: $s, reason: $r) { id status } }`;
const HELD = `mutation($s: ID!, $a: [ID!]!) { recordSessionHeld(sessionId: $s, attended: $a) { id status } }`;
const FEED = `mutation { createCalendarFeed }`;
const REVOKE = `mutation { revokeCalendarFeed }`;
const FEEDBACK = `mutation($s: ID!, $r: Int!, $c: String!) {
  giveFeedback(sessionId: $s, rating: $r, comment: $c) { rating comment createdAt } }`;
const CHECK_IN = `query($id: ID!) {
  node(id: $id) { ... on Relationship { ${RELATIONSHIP} } }
  checkIn(relationshipId: $id) { round answered questions { key textId textEn } } }`;
const ANSWER = `mutation($r: ID!, $a: [PulseAnswerInput!]!, $c: String!, $w: Boolean!, $why: String!) {
  answerCheckIn(relationshipId: $r, answers: $a, comment: $c, wantsRematch: $w, rematchReason: $why) }`;

const MINUTE = 60000;
const PAST_SHOWN = 5; // the latest past sessions; the rest on request
const ROOM_GRACE = 60 * MINUTE; // a session's room stays open an hour after it ends

/** Everyone in the relationship: the mentor first, then the members. */
function people(rel) {
  const all = [rel.mentor, ...rel.members].filter(Boolean);
  return all.filter((p, i) => all.findIndex((q) => q.id === p.id) === i);
}

/** Whether the viewer takes part (coordinators may look, not act); true until `me` arrives. */
function takesPart(rel) {
  const mine = me.value?.user?.id;
  return !mine || people(rel).some((p) => p.id === mine);
}

/** Re-render every half minute, so "the room is open" follows the clock. */
function useNow() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** A polite live region that announces what just happened. */
function Said({ text }) {
  return html`<div class="live" aria-live="polite">${text && html`<p class="note ok">${text}</p>`}</div>`;
}

// --- Sessions -------------------------------------------------------------------------------

/** Download the session's .ics: the path needs the bearer token, so fetch it and save a blob. */
async function downloadIcs(session) {
  let response;
  try {
    response = await fetch(session.icsPath, { headers: { authorization: `Bearer ${token.value}` } });
  } catch {
    throw new ApiError("offline", "NETWORK");
  }
  if (!response.ok) {
    const code = { 401: "UNAUTHENTICATED", 404: "NOT_FOUND", 429: "RATE_LIMITED" }[response.status] || "INTERNAL";
    throw new ApiError(`HTTP ${response.status}`, code);
  }
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = `rajut-${localInput(session.startsAt).slice(0, 10)}.ics`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function sessionState(session, now) {
  const starts = new Date(session.startsAt).getTime();
  const ends = new Date(session.endsAt).getTime();
  return {
    upcoming: session.status === "SCHEDULED" && ends > now,
    unrecorded: session.status === "SCHEDULED" && ends <= now,
    started: starts <= now,
    ends,
    starts,
  };
}

function StatusTag({ session, now }) {
  const { unrecorded } = sessionState(session, now);
  return html`<span class=${`tag status-${unrecorded ? "unrecorded" : session.status.toLowerCase()}`}>
    ${unrecorded ? t("sessions.unrecorded") : t(`sessions.status.${session.status}`)}
  </span>`;
}

/** The way in: the built-in room while it is open, or the external link. */
function JoinLink({ session, programme, now }) {
  if (session.externalUrl) {
    return html`<a class="btn secondary" href=${session.externalUrl} target="_blank" rel="noopener noreferrer">
      ${t("sessions.openExternal")}
    </a>`;
  }
  const opens = new Date(session.startsAt).getTime() - programme.roomOpensMinutes * MINUTE;
  const closes = new Date(session.endsAt).getTime() + ROOM_GRACE;
  if (now < opens) return html`<span class="muted">${t("sessions.roomOpensAt", { time: dateTime(opens) })}</span>`;
  if (now > closes) return null;
  return html`<a class="btn primary" href=${link(`/room/session/${session.id}`)}>${t("sessions.joinRoom")}</a>`;
}

function RescheduleForm({ rel, session, others, onDone, onClose }) {
  const when = useSignal(localInput(session.startsAt));
  const minutes = useSignal(String(Math.round((new Date(session.endsAt) - new Date(session.startsAt)) / MINUTE)));
  const problem = useSignal("");
  const save = useAction(async () => {
    const range = pickedRange(when.value, minutes.value);
    problem.value = range ? "" : t("sessions.pickTime");
    if (!range) return;
    const data = await gql(RESCHEDULE, { s: session.id, a: range.startsAt, b: range.endsAt });
    onDone(t("sessions.rescheduled", { time: timeRange(data.rescheduleSession.startsAt, data.rescheduleSession.endsAt) }));
  });
  const fieldError = problem.value || (save.error.value?.field && save.error.value.message) || undefined;
  return html`<form class="panel" onSubmit=${onSubmit(() => save.run())}>
    <h4>${t("sessions.rescheduleTitle")}</h4>
    <${TimePicker} relationshipId=${rel.id} programme=${rel.programme} when=${when} minutes=${minutes} others=${others} error=${fieldError} />
    <${ErrorNote} error=${save.error.value} />
    <div class="row">
      <${Button} pending=${save.pending}>${t("sessions.saveNewTime")}<//>
      <${Button} type="button" kind="link" onClick=${onClose}>${t("sessions.keep")}<//>
    </div>
  </form>`;
}

function CancelForm({ session, onDone, onClose }) {
  const reason = useSignal("");
  const cancel = useAction(async () => {
    await gql(CANCEL, { s: session.id, r: reason.value.trim() });
    onDone(t("sessions.cancelled", { time: timeRange(session.startsAt, session.endsAt) }));
  });
  return html`<form class="panel" onSubmit=${onSubmit(() => cancel.run())}>
    <h4>${t("sessions.cancelTitle")}</h4>
    <${Field} multiline rows=${3} label=${t("sessions.cancelReason")} hint=${t("sessions.cancelReasonHint")}
      value=${reason} maxLength=${1000} />
    <${ErrorNote} error=${cancel.error.value} />
    <div class="row">
      <${Button} kind="danger" pending=${cancel.pending}>${t("sessions.cancelConfirm")}<//>
      <${Button} type="button" kind="link" onClick=${onClose}>${t("sessions.keep")}<//>
    </div>
  </form>`;
}

function HeldForm({ rel, session, onDone, onClose }) {
  const everyone = people(rel);
  const present = useSignal(new Set(everyone.map((p) => p.id)));
  const prefix = useId();
  const toggle = (id) => {
    const next = new Set(present.value);
    next.has(id) ? next.delete(id) : next.add(id);
    present.value = next;
  };
  const record = useAction(async () => {
    await gql(HELD, { s: session.id, a: [...present.value] });
    onDone(t("sessions.recorded"));
  });
  return html`<form class="panel" onSubmit=${onSubmit(() => record.run())}>
    <fieldset>
      <legend>${t("sessions.whoCame")}</legend>
      ${everyone.map(
        (p, i) => html`<div class="field check">
          <input type="checkbox" id=${`${prefix}-${i}`} checked=${present.value.has(p.id)} onChange=${() => toggle(p.id)} />
          <label for=${`${prefix}-${i}`}>${p.displayName}</label>
        </div>`,
      )}
    </fieldset>
    <${ErrorNote} error=${record.error.value} />
    <div class="row">
      <${Button} pending=${record.pending}>${t("sessions.markHeld")}<//>
      <${Button} type="button" kind="link" onClick=${onClose}>${t("common.cancel")}<//>
    </div>
  </form>`;
}

function SessionItem({ rel, session, now, acting, open, setOpen, onDone }) {
  const state = sessionState(session, now);
  const ics = useAction(() => downloadIcs(session));
  const others = people(rel).filter((p) => p.id !== me.value?.user?.id);
  const mine = open?.id === session.id ? open.mode : null;
  const show = (mode) => setOpen(mine === mode ? null : { id: session.id, mode });
  const close = () => setOpen(null);
  const done = (text) => (setOpen(null), onDone(text));
  return html`<li class="session">
    <div class="row">
      <strong class="grow">${timeRange(session.startsAt, session.endsAt)}</strong>
      <${StatusTag} session=${session} now=${now} />
    </div>
    <div class="muted">
      ${t(`sessions.kind.${session.kind}`)}${session.agenda ? " · " : ""}${session.agenda && html`<span class="agenda">${session.agenda}</span>`}
    </div>
    ${session.status === "CANCELLED" && session.cancelReason && html`<p class="muted">${t("sessions.reasonWas", { reason: session.cancelReason })}</p>`}
    ${session.status === "HELD" &&
    session.attendance.length > 0 &&
    html`<p class="muted">
      ${t("sessions.attended", { names: session.attendance.filter((a) => a.attended).map((a) => a.user.displayName).join(", ") || "—" })}
    </p>`}
    <div class="row actions">
      ${session.status !== "CANCELLED" && html`<${JoinLink} session=${session} programme=${rel.programme} now=${now} />`}
      ${state.upcoming &&
      html`<${Button} type="button" kind="secondary" pending=${ics.pending} onClick=${() => ics.run()}>${t("sessions.addToCalendar")}<//>`}
      ${acting && state.upcoming && html`
        <${Button} type="button" kind="secondary" aria-expanded=${mine === "reschedule"} onClick=${() => show("reschedule")}>${t("sessions.reschedule")}<//>
        <${Button} type="button" kind="danger" aria-expanded=${mine === "cancel"} onClick=${() => show("cancel")}>${t("sessions.cancel")}<//>`}
      ${acting && state.started && session.status === "SCHEDULED" &&
      html`<${Button} type="button" kind="secondary" aria-expanded=${mine === "held"} onClick=${() => show("held")}>${t("sessions.recordHeld")}<//>`}
    </div>
    <${ErrorNote} error=${ics.error.value} />
    ${mine === "reschedule" && html`<${RescheduleForm} rel=${rel} session=${session} others=${others} onDone=${done} onClose=${close} />`}
    ${mine === "cancel" && html`<${CancelForm} session=${session} onDone=${done} onClose=${close} />`}
    ${mine === "held" && html`<${HeldForm} rel=${rel} session=${session} onDone=${done} onClose=${close} />`}
  </li>`;
}

const KINDS = ["REGULAR", "FLASH", "SITUATIONAL", "GROUP"];

function ScheduleForm({ rel, onDone }) {
  const when = useSignal("");
  const minutes = useSignal("60");
  const kind = useSignal(rel.members.length > 1 ? "GROUP" : "REGULAR");
  const agenda = useDraft(`session-agenda:${rel.id}`);
  const externalUrl = useSignal("");
  const problem = useSignal("");
  const others = people(rel).filter((p) => p.id !== me.value?.user?.id);
  const schedule = useAction(async () => {
    const range = pickedRange(when.value, minutes.value);
    problem.value = range ? "" : t("sessions.pickTime");
    if (!range) return;
    const input = { relationshipId: rel.id, ...range, kind: kind.value, agenda: agenda.value.trim(), externalUrl: externalUrl.value.trim() };
    const data = await gql(SCHEDULE, { i: input });
    agenda.clear();
    when.value = "";
    externalUrl.value = "";
    onDone(t("sessions.scheduled", { time: timeRange(data.scheduleSession.startsAt, data.scheduleSession.endsAt) }));
  });
  const error = schedule.error.value;
  const on = (...fields) => (error && fields.includes(error.field) ? error.message : undefined);
  const kinds = KINDS.filter((k) => k !== "GROUP" || rel.members.length > 1);
  return html`<form class="card" onSubmit=${onSubmit(() => schedule.run())}>
    <${TimePicker} relationshipId=${rel.id} programme=${rel.programme} when=${when} minutes=${minutes} others=${others}
      error=${problem.value || on("startsAt", "endsAt")} />
    <${Select} label=${t("sessions.kindLabel")} value=${kind} options=${kinds.map((k) => [k, t(`sessions.kind.${k}`)])} />
    <${Field} multiline rows=${3} label=${t("sessions.agenda")} hint=${t("sessions.agendaHint")} value=${agenda}
      maxLength=${4000} error=${on("agenda")} />
    <${Field} type="url" label=${t("sessions.externalUrl")} hint=${t("sessions.externalUrlHint")} value=${externalUrl}
      placeholder="https://" error=${on("externalUrl")} />
    <${ErrorNote} error=${error} />
    <${Button} pending=${schedule.pending}>${t("sessions.scheduleButton")}<//>
  </form>`;
}

/** The private feed calendar apps subscribe to: made here, shown once, revocable. */
function CalendarFeed() {
  const url = useSignal("");
  const said = useSignal("");
  const make = useAction(async () => {
    url.value = (await gql(FEED)).createCalendarFeed;
    said.value = t("sessions.feed.made");
  });
  const revoke = useAction(async () => {
    await gql(REVOKE);
    url.value = "";
    said.value = t("sessions.feed.revoked");
  });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url.value);
      said.value = t("sessions.feed.copied");
    } catch {
      said.value = t("sessions.feed.copyByHand");
    }
  };
  return html`<section class="card" aria-labelledby="sessions-feed">
    <h3 id="sessions-feed">${t("sessions.feed.title")}</h3>
    <p>${t("sessions.feed.intro")}</p>
    ${url.value &&
    html`<${Field} label=${t("sessions.feed.url")} value=${url} readOnly hint=${t("sessions.feed.secret")}
      onFocus=${(e) => e.currentTarget.select()} />`}
    <div class="row">
      ${url.value && html`<${Button} type="button" onClick=${copy}>${t("sessions.feed.copy")}<//>`}
      <${Button} type="button" kind=${url.value ? "secondary" : "primary"} pending=${make.pending} onClick=${() => make.run()}>
        ${url.value ? t("sessions.feed.remake") : t("sessions.feed.make")}
      <//>
      <${Button} type="button" kind="danger" pending=${revoke.pending} onClick=${() => revoke.run()}>${t("sessions.feed.revoke")}<//>
    </div>
    <small>${t("sessions.feed.revokeHint")}</small>
    <${ErrorNote} error=${make.error.value || revoke.error.value} />
    <${Said} text=${said.value} />
  </section>`;
}

export function SessionsTab({ relationship }) {
  const { data, error, loading, reload } = useQuery(LOAD, { id: relationship.id }, [relationship.id]);
  const now = useNow();
  const [open, setOpen] = useState(null);
  const said = useSignal("");
  const allPast = useSignal(false);
  const heading = useRef(null);
  if (!data) return loading ? html`<${Loading} />` : html`<${ErrorNote} error=${error} />`;
  const rel = data.node;
  if (!rel) return html`<${ErrorNote} error=${{ code: "NOT_FOUND" }} />`;
  const acting = takesPart(rel);
  const sessions = data.sessions.map((s) => [s, sessionState(s, now)]);
  const upcoming = sessions.filter(([, st]) => st.upcoming).map(([s]) => s);
  const past = sessions.filter(([, st]) => !st.upcoming).sort(([, a], [, b]) => b.starts - a.starts).map(([s]) => s);
  const done = (text) => {
    said.value = text;
    reload();
    heading.current?.focus();
  };
  const item = (s) => html`<${SessionItem} key=${s.id} rel=${rel} session=${s} now=${now} acting=${acting}
    open=${open} setOpen=${setOpen} onDone=${done} />`;
  return html`<section class="sessions-tab" aria-labelledby="sessions-heading">
    <h2 id="sessions-heading" tabindex="-1" ref=${heading}>${t("sessions.title")}</h2>
    <p class="muted">${t("sessions.zoneNote", { zone: timeZone })}</p>
    <${Said} text=${said.value} />
    <${ErrorNote} error=${error} />
    <h3>${t("sessions.upcoming")}</h3>
    ${upcoming.length ? html`<ul class="list">${upcoming.map(item)}</ul>` : html`<${Empty}>${t("sessions.noUpcoming")}<//>`}
    ${acting &&
    (rel.status === "ACTIVE"
      ? html`<h3>${t("sessions.scheduleTitle")}</h3><${ScheduleForm} rel=${rel} onDone=${done} />`
      : html`<p class="note info">${t("sessions.notActive")}</p>`)}
    <h3>${t("sessions.past")}</h3>
    ${past.length
      ? html`<ul class="list">${(allPast.value ? past : past.slice(0, PAST_SHOWN)).map(item)}</ul>`
      : html`<${Empty}>${t("sessions.noPast")}<//>`}
    ${past.length > PAST_SHOWN &&
    !allPast.value &&
    html`<${Button} type="button" kind="link" onClick=${() => (allPast.value = true)}>
      ${t("sessions.showAllPast", { n: past.length })}
    <//>`}
    ${acting && html`<${CalendarFeed} />`}
  </section>`;
}

// --- Feedback -------------------------------------------------------------------------------

const SCALE = [1, 2, 3, 4, 5];

/** 1–5 as radio buttons in a fieldset; `low`/`high` name the ends (read out as its description). */
function Scale({ legend, value, low, high, error }) {
  const name = useId();
  return html`<fieldset class="scale" aria-describedby=${`${name}-ends${error ? ` ${name}-error` : ""}`}>
    <legend>${legend}</legend>
    <div class="scale-options">
      ${SCALE.map(
        (n) => html`<label class="scale-option">
          <input type="radio" name=${name} value=${n} checked=${value.value === n} onChange=${() => (value.value = n)} />
          <span>${n}</span>
        </label>`,
      )}
    </div>
    <p class="scale-ends" id=${`${name}-ends`}>
      <span>${t("sessions.scaleEnd", { n: 1, text: low })}</span>
      <span>${t("sessions.scaleEnd", { n: 5, text: high })}</span>
    </p>
    ${error && html`<small class="error" id=${`${name}-error`}>${error}</small>`}
  </fieldset>`;
}

function FeedbackForm({ session, onDone }) {
  const rating = useSignal(0);
  const comment = useDraft(`feedback:${session.id}`);
  const problem = useSignal("");
  const send = useAction(async () => {
    problem.value = rating.value ? "" : t("sessions.feedback.pickRating");
    if (!rating.value) return;
    await gql(FEEDBACK, { s: session.id, r: rating.value, c: comment.value.trim() });
    comment.clear();
    onDone(t("sessions.feedback.thanks"));
  });
  return html`<form onSubmit=${onSubmit(() => send.run())}>
    <${Scale} legend=${t("sessions.feedback.question")} value=${rating} low=${t("sessions.feedback.low")} high=${t("sessions.feedback.high")} error=${problem.value} />
    <${Field} multiline rows=${3} label=${t("sessions.feedback.comment")} hint=${t("sessions.feedback.commentHint")} value=${comment} maxLength=${2000} />
    <${ErrorNote} error=${send.error.value} />
    <${Button} pending=${send.pending}>${t("sessions.feedback.send")}<//>
  </form>`;
}

export function FeedbackTab({ relationship }) {
  const { data, error, loading, reload } = useQuery(LOAD, { id: relationship.id }, [relationship.id]);
  const said = useSignal("");
  if (!data) return loading ? html`<${Loading} />` : html`<${ErrorNote} error=${error} />`;
  const rel = data.node;
  if (!rel) return html`<${ErrorNote} error=${{ code: "NOT_FOUND" }} />`;
  const acting = takesPart(rel);
  const held = data.sessions.filter((s) => s.status === "HELD").sort((a, b) => new Date(b.startsAt) - new Date(a.startsAt));
  const waiting = acting ? held.filter((s) => !s.myFeedback) : [];
  const given = held.filter((s) => s.myFeedback);
  const done = (text) => ((said.value = text), reload());
  const title = (s) => html`<h4>${timeRange(s.startsAt, s.endsAt)}</h4>
    ${s.agenda && html`<p class="muted agenda">${s.agenda}</p>`}`;
  return html`<section class="feedback-tab" aria-labelledby="feedback-heading">
    <h2 id="feedback-heading">${t("sessions.feedback.title")}</h2>
    <p class="muted">${t("sessions.feedback.intro")}</p>
    <${Said} text=${said.value} />
    ${!held.length && html`<${Empty}>${t("sessions.feedback.none")}<//>`}
    ${waiting.length > 0 &&
    html`<h3>${t("sessions.feedback.waiting")}</h3>
      <ul class="list">
        ${waiting.map((s) => html`<li key=${s.id} class="session">${title(s)}<${FeedbackForm} session=${s} onDone=${done} /></li>`)}
      </ul>`}
    ${given.length > 0 &&
    html`<h3>${t("sessions.feedback.given")}</h3>
      <ul class="list">
        ${given.map(
          (s) => html`<li key=${s.id} class="session">
            ${title(s)}
            <div class="given">
              <p><strong>${t("sessions.feedback.youGave", { rating: s.myFeedback.rating })}</strong>
                <span class="muted"> · ${date(s.myFeedback.createdAt)}</span></p>
              ${s.myFeedback.comment && html`<blockquote>${s.myFeedback.comment}</blockquote>`}
            </div>
          </li>`,
        )}
      </ul>`}
  </section>`;
}

// --- Check-ins ------------------------------------------------------------------------------

/** When the next check-in round falls due (the programme's days after the start), or null. */
function nextCheckIn(rel, now) {
  if (!rel.startedAt) return null;
  const start = new Date(rel.startedAt).getTime();
  const { pulseFirstDays: first, pulseEveryDays: every } = rel.programme;
  const days = Math.floor((now - start) / 86400000);
  const due = days < first ? first : first + (Math.floor((days - first) / every) + 1) * every;
  const at = start + due * 86400000;
  return at <= new Date(`${rel.programme.endsOn}T23:59`).getTime() ? at : null;
}

function CheckInForm({ rel, checkIn, onDone }) {
  const scores = useSignal(Object.fromEntries(checkIn.questions.map((q) => [q.key, 0])));
  const comment = useDraft(`checkin:${rel.id}:${checkIn.round}`);
  const rematch = useSignal(false);
  const reason = useDraft(`rematch:${rel.id}:${checkIn.round}`);
  const missing = useSignal(false);
  const send = useAction(async () => {
    missing.value = Object.values(scores.value).some((v) => !v);
    if (missing.value) return;
    await gql(ANSWER, {
      r: rel.id,
      a: Object.entries(scores.value).map(([key, score]) => ({ key, score })),
      c: comment.value.trim(),
      w: rematch.value,
      why: rematch.value ? reason.value.trim() : "",
    });
    const asked = rematch.value;
    comment.clear();
    reason.clear();
    onDone(asked ? t("sessions.checkin.thanksRematch") : t("sessions.checkin.thanks"));
  });
  return html`<form class="card" onSubmit=${onSubmit(() => send.run())}>
    <p>${t("sessions.checkin.intro", { round: checkIn.round })}</p>
    ${checkIn.questions.map((q) => {
      const value = {
        get value() {
          return scores.value[q.key];
        },
        set value(v) {
          scores.value = { ...scores.value, [q.key]: v };
        },
      };
      return html`<${Scale}
        key=${q.key}
        legend=${locale.value === "en" ? q.textEn : q.textId}
        value=${value}
        low=${t("sessions.checkin.low")}
        high=${t("sessions.checkin.high")}
        error=${missing.value && !scores.value[q.key] ? t("sessions.checkin.answerThis") : ""}
      />`;
    })}
    <${Field} multiline rows=${3} label=${t("sessions.checkin.comment")} hint=${t("sessions.checkin.commentHint")} value=${comment} maxLength=${2000} />
    <div class="rematch">
      <${Field} type="checkbox" label=${t("sessions.checkin.rematch")} hint=${t("sessions.checkin.rematchHint")} value=${rematch} />
      ${rematch.value &&
      html`<${Field} multiline rows=${3} label=${t("sessions.checkin.rematchReason")} hint=${t("sessions.checkin.rematchReasonHint")}
        value=${reason} maxLength=${2000} />`}
    </div>
    <${ErrorNote} error=${send.error.value} />
    <${Button} pending=${send.pending}>${t("sessions.checkin.send")}<//>
  </form>`;
}

export function CheckInTab({ relationship }) {
  const { data, error, loading, reload } = useQuery(CHECK_IN, { id: relationship.id }, [relationship.id]);
  const said = useSignal("");
  const now = useNow();
  if (!data) return loading ? html`<${Loading} />` : html`<${ErrorNote} error=${error} />`;
  const rel = data.node;
  if (!rel) return html`<${ErrorNote} error=${{ code: "NOT_FOUND" }} />`;
  const due = data.checkIn;
  const next = nextCheckIn(rel, now);
  const done = (text) => ((said.value = text), reload());
  return html`<section class="checkin-tab" aria-labelledby="checkin-heading">
    <h2 id="checkin-heading">${t("sessions.checkin.title")}</h2>
    <${Said} text=${said.value} />
    ${due && !due.answered && rel.status === "ACTIVE"
      ? html`<${CheckInForm} rel=${rel} checkIn=${due} onDone=${done} />`
      : html`<p>${due?.answered ? t("sessions.checkin.answered", { round: due.round }) : t("sessions.checkin.noneDue")}</p>
          ${rel.status === "ACTIVE" && next && html`<p class="muted">${t("sessions.checkin.next", { date: date(next) })}</p>`}`}
  </section>`;
}
