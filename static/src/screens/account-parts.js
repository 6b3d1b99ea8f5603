// Pieces the account screens share with the profile screen: what a member whose address is
// not confirmed yet cannot do (Me.emailVerified is false), and the new-password field.
import { signal, useSignal } from "@preact/signals";
import { html } from "../lib/html.js";
import { t } from "../lib/i18n.js";
import { link } from "../lib/router.js";
import "./account.css";
import { Field } from "../lib/ui.js";

/** What the sign-in screen says first after a member left a signed-in screen for good:
 * "reset" (password reset) or "deleted" (account deleted). A signal, not a query parameter:
 * the shell sends a signed-out member from a members' screen to /signin?next=…. */
export const farewell = signal("");

/** The server's minimum; checked here only to answer sooner. */
export const MIN_PASSWORD = 10;

/** A new password with a show/hide switch and the rule as a hint; `error` marks it invalid. */
export function NewPassword({ value, label, error }) {
  const shown = useSignal(false);
  return html`<${Field}
      label=${label}
      type=${shown.value ? "text" : "password"}
      value=${value}
      autocomplete="new-password"
      hint=${t("account.passwordRule", { n: MIN_PASSWORD })}
      error=${error}
      required
    />
    <${Field} label=${t("account.showPassword")} type="checkbox" value=${shown} />`;
}

export function Blocked() {
  return html`<ul class="bullets">
    <li>${t("account.blocked.enrol")}</li>
    <li>${t("account.blocked.request")}</li>
    <li>${t("account.blocked.message")}</li>
    <li>${t("account.blocked.room")}</li>
    <li>${t("account.blocked.invite")}</li>
  </ul>`;
}

/** For a signed-in member who has not followed the link yet. */
export function UnverifiedNotice({ email }) {
  return html`<div class="note warn" id="verify">
    <strong>${t("account.unverified", { email })}</strong>
    <p>${t("account.unverifiedCannot")}</p>
    <${Blocked} />
    <p>${t("account.noMail")} <a href=${link(`/signup?email=${encodeURIComponent(email)}`)}>${t("account.newLink")}</a></p>
  </div>`;
}
