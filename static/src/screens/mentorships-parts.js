// Small pieces the mentorship screens share: who is in a relationship, how it is named, and
// the status and model labels.
import { useEffect, useRef } from "preact/hooks";
import { html } from "../lib/html.js";
import { locale, t } from "../lib/i18n.js";
import { link } from "../lib/router.js";

/** Statuses in which a relationship still counts (myRelationships' default). */
export const OPEN = ["PROPOSED", "ACTIVE", "PAUSED"];
/** Statuses in which participants write goals, journals and the like. */
export const WORKING = ["ACTIVE", "PAUSED"];

/** The relationship's fields every mentorship screen uses. */
export const RELATIONSHIP = `fragment Rel on Relationship {
  id status mentoringModel origin createdAt startedAt endedAt endReason plannedStart plannedEnd guidelines
  mentor { id displayName } moderator { id displayName } members { id displayName } acknowledgedBy { id }
  programme { id name guidelinesId guidelinesEn }
}`;

/** The path of a relationship's screen, optionally at a tab. */
export const relPath = (id, tab) => `/mentorships/${encodeURIComponent(id)}${tab ? `?tab=${tab}` : ""}`;
export const relLink = (id, tab) => link(relPath(id, tab));

/** "A, B and C" in the viewer's language. */
export function listOf(names) {
  return new Intl.ListFormat(locale.value === "en" ? "en-GB" : "id-ID", { type: "conjunction" }).format(names);
}

/** Everyone in the relationship: the mentor (if any) first, then its members. */
export function participants(rel) {
  return [...(rel.mentor ? [rel.mentor] : []), ...rel.members.filter((m) => m.id !== rel.mentor?.id)];
}

/** The other people, from the viewer's seat. */
export function others(rel, viewerId) {
  return participants(rel).filter((p) => p.id !== viewerId);
}

/** How the relationship is called on the viewer's screens: "With Dimas Wibowo". */
export function relTitle(rel, viewerId) {
  const names = others(rel, viewerId).map((p) => p.displayName);
  return names.length ? t("mentorships.with", { names: listOf(names) }) : t("mentorships.untitled");
}

/** "mentor" when the viewer mentors (or facilitates) it, else "member". */
export const viewerRole = (rel, viewerId) => (rel.mentor && rel.mentor.id === viewerId ? "mentor" : "member");

/** A participant's part in the relationship, in words. */
export function roleOf(rel, user) {
  if (rel.mentor && user.id === rel.mentor.id) return t("mentorships.role.mentor");
  return ["PEER", "CIRCLE", "COMMUNITY_OF_PRACTICE"].includes(rel.mentoringModel)
    ? t("mentorships.role.member")
    : t("mentorships.role.mentee");
}

export function StatusTag({ status }) {
  return html`<span class=${`tag status-${status.toLowerCase()}`}>${t(`mentorships.status.${status}`)}</span>`;
}

export function ModelTag({ model }) {
  return html`<span class="tag plain">${t(`mentorships.model.${model}`)}</span>`;
}

/** A ref for a form or prompt that opens in place of the button that opened it: its first
 * control takes the focus, so keyboard and screen-reader users land in it. */
export function useFocusFirst(selector = "input, textarea, select, button") {
  const ref = useRef(null);
  useEffect(() => ref.current?.querySelector(selector)?.focus(), []);
  return ref;
}

/** A wrapper whose first control (or first match of `selector`) takes the focus when it
 * appears (see useFocusFirst); confirmations focus their cancel button. */
export function FocusFirst({ children, selector }) {
  const ref = useFocusFirst(selector);
  return html`<div ref=${ref}>${children}</div>`;
}
