// Signing in and out, signing up with the email step, and resetting a password.
import { useSignal } from "@preact/signals";
import { loadMe } from "../app.js";
import { gql } from "../lib/api.js";
import { html } from "../lib/html.js";
import { t } from "../lib/i18n.js";
import { link, navigate } from "../lib/router.js";
import { keepToken } from "../lib/session.js";
import { Button, ErrorNote, Field, Page, onSubmit, useAction } from "../lib/ui.js";

const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { token }
}`;

export function SignIn({ query }) {
  const email = useSignal("");
  const password = useSignal("");
  const action = useAction(async () => {
    const data = await gql(LOGIN, { email: email.value, password: password.value });
    keepToken(data.login.token);
    await loadMe();
    navigate(query.next || "/");
  });
  return html`<${Page} title=${t("account.signIn")}>
    <form onSubmit=${onSubmit(action.run)} class="card narrow">
      <${Field} label=${t("account.email")} type="email" value=${email} autocomplete="username" required />
      <${Field} label=${t("account.password")} type="password" value=${password} autocomplete="current-password" required />
      <${ErrorNote} error=${action.error.value} />
      <${Button} pending=${action.pending} type="submit">${t("account.signIn")}<//>
    </form>
    <p><a href=${link("/signup")}>${t("account.signUp")}</a> · <a href=${link("/reset-password")}>${t("account.forgot")}</a></p>
  <//>`;
}

export function SignUp() {
  return html`<${Page} title=${t("account.signUp")} />`;
}

export function VerifyEmail() {
  return html`<${Page} title=${t("account.verify")} />`;
}

export function ResetPassword() {
  return html`<${Page} title=${t("account.forgot")} />`;
}
