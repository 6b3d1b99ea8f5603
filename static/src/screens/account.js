// Signing in and out, signing up with the email step, and resetting a password.
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { loadMe } from "../app.js";
import { closeLive, gql } from "../lib/api.js";
import { html } from "../lib/html.js";
import { locale, t } from "../lib/i18n.js";
import { link, navigate } from "../lib/router.js";
import { forget, keepToken } from "../lib/session.js";
import { Button, ErrorNote, Field, Loading, Notice, Page, onSubmit, useAction } from "../lib/ui.js";
import { Blocked, MIN_PASSWORD, NewPassword, farewell } from "./account-parts.js";

const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { token }
}`;
const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) }`;
const VERIFY = `mutation($token: String!) { verifyEmail(token: $token) { token } }`;
const REQUEST_RESET = `mutation($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) }`;

export function SignIn({ query }) {
  const email = useSignal("");
  const password = useSignal("");
  const action = useAction(async () => {
    const data = await gql(LOGIN, { email: email.value, password: password.value });
    keepToken(data.login.token);
    farewell.value = "";
    await loadMe();
    navigate(query.next || "/");
  });
  return html`<${Page} title=${t("account.signIn")}>
    ${farewell.value === "reset" && html`<${Notice} kind="ok">${t("account.resetDone")}<//>`}
    ${farewell.value === "deleted" && html`<${Notice} kind="ok">${t("account.deleted")}<//>`}
    <form onSubmit=${onSubmit(action.run)} class="card narrow">
      <${Field} label=${t("account.email")} type="email" value=${email} autocomplete="username" required />
      <${Field} label=${t("account.password")} type="password" value=${password} autocomplete="current-password" required />
      <${ErrorNote} error=${action.error.value} />
      <${Button} pending=${action.pending} type="submit">${t("account.signIn")}<//>
    </form>
    <p><a href=${link("/signup")}>${t("account.signUp")}</a> · <a href=${link("/reset-password")}>${t("account.forgot")}</a></p>
  <//>`;
}

/** A friendly line under the password field the API blamed (the note says why). */
function passwordProblem(apiError, field) {
  return apiError?.field === field ? t("account.passwordBad") : null;
}

export function SignUp({ query }) {
  const name = useSignal("");
  const email = useSignal(query.email || "");
  const password = useSignal("");
  const tooShort = useSignal(false);
  const sent = useSignal(null);
  const action = useAction(async () => {
    const input = {
      email: email.value.trim(),
      password: password.value,
      displayName: name.value.trim(),
      locale: locale.value,
    };
    await gql(REGISTER, { input });
    sent.value = input;
  });
  const submit = () => {
    tooShort.value = password.value.length < MIN_PASSWORD;
    if (!tooShort.value) action.run();
  };
  if (sent.value) return html`<${CheckMail} input=${sent.value} onRestart=${() => (sent.value = null)} />`;
  const error = action.error.value;
  const passwordError = tooShort.value ? t("account.passwordShort", { n: MIN_PASSWORD }) : passwordProblem(error, "password");
  return html`<${Page} title=${t("account.signUp")}>
    <form onSubmit=${onSubmit(submit)} class="card narrow">
      <${Field}
        label=${t("account.name")}
        value=${name}
        autocomplete="name"
        maxlength="120"
        hint=${t("account.nameHint")}
        error=${error?.field === "displayName" ? t("account.nameBad") : null}
        required
      />
      <${Field}
        label=${t("account.email")}
        type="email"
        value=${email}
        autocomplete="email"
        error=${error?.field === "email" ? t("account.emailBad") : null}
        required
      />
      <${NewPassword} label=${t("account.password")} value=${password} error=${passwordError} />
      <${ErrorNote} error=${error} />
      <${Button} pending=${action.pending} type="submit">${t("account.createAccount")}<//>
    </form>
    <p>${t("account.haveAccount")} <a href=${link("/signin")}>${t("account.signIn")}</a></p>
  <//>`;
}

/** After `register`: the mail is on its way; the same input again mails a fresh link. */
function CheckMail({ input, onRestart }) {
  const again = useSignal(false);
  const resend = useAction(async () => {
    again.value = false;
    await gql(REGISTER, { input });
    again.value = true;
  });
  return html`<${Page} title=${t("account.checkMail")}>
    <div class="card narrow">
      <p class="lead">${t("account.sentTo", { email: input.email })}</p>
      <ol class="steps">
        <li>${t("account.step.open")}</li>
        <li>${t("account.step.follow")}</li>
        <li>${t("account.step.done")}</li>
      </ol>
      <p>${t("account.meanwhile")}</p>
      <${Blocked} />
      <h2>${t("account.noMailTitle")}</h2>
      <p>${t("account.noMailHelp")}</p>
      <div aria-live="polite">${again.value && html`<p class="note ok">${t("account.resent", { email: input.email })}</p>`}</div>
      <${ErrorNote} error=${resend.error.value} />
      <div class="row">
        <${Button} kind="secondary" pending=${resend.pending} onClick=${resend.run}>${t("account.resend")}<//>
        <button class="btn link" type="button" onClick=${onRestart}>${t("account.wrongAddress")}</button>
      </div>
    </div>
    <p><a href=${link("/signin")}>${t("account.signIn")}</a></p>
  <//>`;
}

/** The link mailed by `register`: following it signs the member in and lands home. */
export function VerifyEmail({ query }) {
  const action = useAction(async (token) => {
    const data = await gql(VERIFY, { token });
    closeLive();
    keepToken(data.verifyEmail.token);
    await loadMe();
    navigate("/");
  });
  useEffect(() => {
    if (query.token) action.run(query.token);
  }, [query.token]);
  const error = action.error.value;
  if (query.token && !error) {
    return html`<${Page} title=${t("account.verifying")}><${Loading} /><//>`;
  }
  const badLink = !query.token || error?.field === "token";
  return html`<${Page} title=${badLink ? t("account.verifyBadTitle") : t("account.verify")}>
    ${badLink
      ? html`<div class="note error" role="alert">${t("account.verifyBad")}</div>`
      : html`<${ErrorNote} error=${error} />
          <${Button} kind="secondary" pending=${action.pending} onClick=${() => action.run(query.token)}>${t("account.tryAgain")}<//>`}
    <p>${t("account.verifyBadHelp")}</p>
    <ul class="plain-list">
      <li><a href=${link("/signup")}>${t("account.newLink")}</a></li>
      <li><a href=${link("/signin")}>${t("account.signIn")}</a></li>
    </ul>
  <//>`;
}

/** Without a token: ask for a mailed link. With `?token=` from that mail: choose a new password. */
export function ResetPassword({ query }) {
  return query.token ? html`<${SetNewPassword} token=${query.token} />` : html`<${RequestReset} />`;
}

function RequestReset() {
  const email = useSignal("");
  const sent = useSignal("");
  const action = useAction(async () => {
    await gql(REQUEST_RESET, { email: email.value.trim() });
    sent.value = email.value.trim();
  });
  return html`<${Page} title=${t("account.resetTitle")}>
    ${sent.value
      ? html`<div class="card narrow">
          <p class="lead" role="status">${t("account.resetSent", { email: sent.value })}</p>
          <p>${t("account.resetSentHelp")}</p>
          <button class="btn link" type="button" onClick=${() => (sent.value = "")}>${t("account.resetAgain")}</button>
        </div>`
      : html`<form onSubmit=${onSubmit(action.run)} class="card narrow">
          <p>${t("account.resetIntro")}</p>
          <${Field} label=${t("account.email")} type="email" value=${email} autocomplete="email" required />
          <${ErrorNote} error=${action.error.value} />
          <${Button} pending=${action.pending} type="submit">${t("account.resetSend")}<//>
        </form>`}
    <p><a href=${link("/signin")}>${t("account.backToSignIn")}</a></p>
  <//>`;
}

function SetNewPassword({ token }) {
  const password = useSignal("");
  const tooShort = useSignal(false);
  const action = useAction(async () => {
    await gql(RESET, { token, password: password.value });
    // every session of the account ends, this device's included
    farewell.value = "reset";
    closeLive();
    forget();
    navigate("/signin");
  });
  const submit = () => {
    tooShort.value = password.value.length < MIN_PASSWORD;
    if (!tooShort.value) action.run();
  };
  const error = action.error.value;
  if (error?.field === "token") {
    return html`<${Page} title=${t("account.resetBadTitle")}>
      <div class="note error" role="alert">${t("account.resetBad")}</div>
      <p><a href=${link("/reset-password")}>${t("account.resetNewLink")}</a></p>
    <//>`;
  }
  const passwordError = tooShort.value ? t("account.passwordShort", { n: MIN_PASSWORD }) : passwordProblem(error, "newPassword");
  return html`<${Page} title=${t("account.resetChoose")}>
    <form onSubmit=${onSubmit(submit)} class="card narrow">
      <${NewPassword} label=${t("account.newPassword")} value=${password} error=${passwordError} />
      <${ErrorNote} error=${error} />
      <${Button} pending=${action.pending} type="submit">${t("account.resetSave")}<//>
    </form>
  <//>`;
}
