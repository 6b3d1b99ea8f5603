// What the directory, suggestions and requests screens share: the member's programmes and the
// picker between them, the tabs between the three screens, names of languages and time zones,
// and the form that asks a mentor (its message is a draft, so a dropped link loses nothing).
import { useSignal } from "@preact/signals";
import { useEffect, useRef, useState } from "preact/hooks";
import { gql } from "../lib/api.js";
import { useDraft } from "../lib/drafts.js";
import { html } from "../lib/html.js";
import { locale, t } from "../lib/i18n.js";
import { link } from "../lib/router.js";
import { Button, ErrorNote, Field, Select, onSubmit, useAction } from "../lib/ui.js";
import "./directory.css";

const PLACES = `{
  myEnrolments { id asMentor asMentee mentorStatus
    programme { id name status matchingMode } }
  myOrganisations { id }
}`;
const STAFF_PROGRAMMES = `query($org: ID!) { programmes(organisationId: $org) { id name status matchingMode } }`;

/** Programmes whose directory the member may browse: their enrolments' (not closed), or, for
 * staff with no enrolment, their organisations'. Each entry: { programme, enrolment|null }. */
export function usePlaces() {
  const [state, setState] = useState({ places: null, error: null });
  useEffect(() => {
    let current = true;
    (async () => {
      const data = await gql(PLACES);
      let places = data.myEnrolments.map((e) => ({ programme: e.programme, enrolment: e }));
      if (!places.length) {
        for (const org of data.myOrganisations) {
          const found = await gql(STAFF_PROGRAMMES, { org: org.id });
          places.push(...found.programmes.map((programme) => ({ programme, enrolment: null })));
        }
      }
      places = places.filter((p) => p.programme.status === "REGISTRATION_OPEN" || p.programme.status === "RUNNING");
      if (current) setState({ places, error: null });
    })().catch((error) => current && setState({ places: null, error }));
    return () => (current = false);
  }, []);
  return state;
}

/** The place chosen by `?p=`, or the first. */
export const chosen = (places, id) => places.find((p) => p.programme.id === id) || places[0];

/** May this member ask mentors in this place? false, or the reason key why not. */
export function canRequest(place) {
  if (!place.enrolment || !place.enrolment.asMentee) return "directory.notMentee";
  if (place.programme.matchingMode === "COORDINATOR") return "directory.coordinatorMatches";
  return true;
}

/** A select between programmes when there are several; a plain line when there is one. */
export function ProgrammePicker({ places, place, onChange }) {
  if (places.length < 2) return html`<p class="muted">${t("directory.programme")}: ${place.programme.name}</p>`;
  const value = { get value() { return place.programme.id; }, set value(id) { onChange(id); } };
  return html`<${Select}
    label=${t("directory.programme")}
    value=${value}
    options=${places.map((p) => [p.programme.id, p.programme.name])}
  />`;
}

/** Tabs between the directory, suggestions and requests. */
export function AreaTabs({ here }) {
  const tabs = [
    ["/directory", t("directory.tab.directory")],
    ["/suggestions", t("directory.tab.suggestions")],
    ["/requests", t("directory.tab.requests")],
  ];
  return html`<nav class="tabs" aria-label=${t("directory.tab.label")}>
    ${tabs.map(([path, label]) => html`<a href=${link(path)} aria-current=${path === here ? "page" : undefined}>${label}</a>`)}
  </nav>`;
}

const displayNames = {};
/** "Bahasa Jawa" / "Javanese" for "jv"; the code itself when the browser has no name. */
export function languageName(code) {
  const tag = locale.value;
  try {
    displayNames[tag] ||= new Intl.DisplayNames([tag], { type: "language" });
    const name = displayNames[tag].of(code);
    if (name && name !== code) return name;
  } catch {
    /* no Intl.DisplayNames: the fallbacks below */
  }
  // Regional languages some browsers cannot name.
  const names = {
    min: t("directory.lang.min"),
    ban: t("directory.lang.ban"),
    bug: t("directory.lang.bug"),
    mad: t("directory.lang.mad"),
  };
  return names[code] || code;
}

/** "Asia/Jakarta (GMT+7)": the zone and its offset now. */
export function zoneLabel(zone) {
  try {
    const parts = new Intl.DateTimeFormat("en-GB", { timeZone: zone, timeZoneName: "shortOffset" }).formatToParts(new Date());
    const offset = parts.find((p) => p.type === "timeZoneName")?.value;
    return offset ? `${zone} (${offset})` : zone;
  } catch {
    return zone;
  }
}

/** Focus-area name in the viewer's language (the API gives both). */
export const areaName = (area) => (area ? (locale.value === "en" ? area.nameEn : area.nameId) : "");

const REQUEST = `mutation($p: ID!, $mentor: ID!, $message: String!) {
  requestMentor(programmeId: $p, mentorId: $mentor, message: $message) { id status }
}`;

/**
 * "Request this mentor": a button that opens a message form; after sending, a confirmation
 * with a link to the requests screen. `pending` says a request to this mentor is already open.
 */
export function RequestMentor({ programmeId, mentor, pending, blocked, onSent }) {
  const open = useSignal(false);
  const sent = useSignal(false);
  const opener = useRef(null);
  const confirmation = useRef(null);
  useEffect(() => void (sent.value && confirmation.current?.focus()), [sent.value]);
  const close = () => {
    open.value = false;
    setTimeout(() => opener.current?.focus()); // back where the keyboard user was
  };
  if (sent.value) {
    // the form is gone: the confirmation takes the focus
    return html`<div class="note ok" role="status" tabindex="-1" ref=${confirmation}>
      ${t("directory.request.sent", { name: mentor.displayName })}
      ${" "}<a href=${link("/requests")}>${t("directory.request.seeRequests")}</a>
    </div>`;
  }
  if (pending) {
    return html`<p class="muted">
      ${t("directory.request.pending")} <a href=${link("/requests")}>${t("directory.request.seeRequests")}</a>
    </p>`;
  }
  if (blocked) return html`<p class="muted">${blocked}</p>`;
  if (!open.value) {
    return html`<button class="btn primary" type="button" ref=${opener} onClick=${() => (open.value = true)}>
      ${t("directory.request.open")}
    </button>`;
  }
  const done = () => {
    open.value = false;
    sent.value = true;
    onSent?.(mentor.id);
  };
  return html`<${RequestForm} programmeId=${programmeId} mentor=${mentor} onSent=${done} onCancel=${close} />`;
}

/** The message form; mounted only when opened, so its draft belongs to the signed-in member. */
function RequestForm({ programmeId, mentor, onSent, onCancel }) {
  const message = useDraft(`request:${programmeId}:${mentor.id}`);
  const form = useRef(null);
  useEffect(() => form.current?.querySelector("textarea")?.focus(), []);
  const action = useAction(async () => {
    await gql(REQUEST, { p: programmeId, mentor: mentor.id, message: message.value.trim() });
    message.clear();
    onSent();
  });
  return html`<form class="request-form" ref=${form} onSubmit=${onSubmit(action.run)}>
    <${Field}
      label=${t("directory.request.message", { name: mentor.displayName })}
      hint=${t("directory.request.hint")}
      value=${message}
      multiline
      maxLength="2000"
    />
    <${ErrorNote} error=${action.error.value} />
    <div class="row">
      <${Button} pending=${action.pending} type="submit">${t("directory.request.send")}<//>
      <button class="btn secondary" type="button" onClick=${onCancel}>${t("common.cancel")}</button>
    </div>
  </form>`;
}

/** The ids of mentors the member has an open (pending) request to, in this programme. */
export function pendingMentors(requests, programmeId) {
  return new Set(requests.filter((r) => r.programme.id === programmeId).map((r) => r.mentor.id));
}
