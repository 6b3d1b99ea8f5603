// My profile: what I tell programmes about myself (about me, languages, weekly availability in
// my time zone, expertise and needs, matching questions), mentor capacity and openness, what
// I earned (recognition: badges, level, training, certificates), privacy, and my account
// (language, password, my data, deleting the account).
// Each section saves on its own with `updateProfile`, which changes only the fields given.
// `?section=recognition` moves to the recognition part (notifications link there).
import { useSignal } from "@preact/signals";
import { useId, useState } from "preact/hooks";
import { closeLive, gql } from "../lib/api.js";
import { html } from "../lib/html.js";
import { locale, setLocale, t, timeZone } from "../lib/i18n.js";
import { navigate } from "../lib/router.js";
import { forget, me } from "../lib/session.js";
import { Button, ErrorNote, Field, Loading, Page, Select, onSubmit, saveFile, useAction, useQuery } from "../lib/ui.js";
import { MIN_PASSWORD, NewPassword, UnverifiedNotice, farewell } from "./account-parts.js";
import { AvailabilityGrid, fromWindows, toWindows } from "./profile-availability.js";
import { Recognition } from "./profile-recognition.js";
import { SkillList, expertiseInput, expertiseRow, needRow, needsInput } from "./profile-skills.js";
import "./profile.css";

const FIELDS = `displayName bio goals languages timezone communicationStyle capacity openForRequests
  listedInDirectory showBadges birthYear contactEmail contactPhone isMinor
  availability { weekday start end }
  expertise { skill level focusArea { slug } }
  learningNeeds { skill currentLevel targetLevel priority focusArea { slug } }
  questionnaire { question answer }`;
const LOAD = `{
  me { email emailVerified locale profile { ${FIELDS} } }
  myEnrolments { asMentor asMentee mentorStatus programme { organisation { id } } }
  myOrganisations { id name focusAreas { slug name } }
}`;
const UPDATE = `mutation($input: ProfileInput!) { updateProfile(input: $input) { ${FIELDS} } }`;
const SET_OPEN = `mutation($open: Boolean!) { setOpenForRequests(open: $open) }`;
const CHANGE_PASSWORD = `mutation($current: String!, $new: String!) { changePassword(currentPassword: $current, newPassword: $new) }`;
const SET_LOCALE = `mutation($l: String!) { setLocale(locale: $l) { locale } }`;
const EXPORT = `{ exportMyData }`;
const DELETE = `mutation($password: String!) { deleteMyAccount(password: $password) }`;

const LANGUAGES = ["id", "en", "jv", "su", "ms", "ar", "zh", "nl", "ja", "ko", "mad", "min", "ban", "bug"];
const STYLES = ["STRUCTURED", "DIRECT", "REFLECTIVE", "CASUAL"];
const QUESTIONS = ["structure", "pace", "feedback", "initiative", "formality"];
const INDONESIA = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"];

export function ProfileEditor({ query }) {
  const { data, error, loading, reload } = useQuery(LOAD);
  const [profile, setProfile] = useState(null);
  const current = profile || data?.me.profile;
  const saved = (p) => {
    setProfile(p);
    if (me.value) me.value = { ...me.value, user: { ...me.value.user, displayName: p.displayName } };
  };
  return html`<${Page} title=${t("profile.title")}>
    ${error && html`<${ErrorNote} error=${error} /><button class="btn secondary" onClick=${reload}>${t("profile.retry")}</button>`}
    ${loading && !data && html`<${Loading} />`}
    ${data &&
    html`${!data.me.emailVerified && html`<${UnverifiedNotice} email=${data.me.email} />`}
      <${Editor} data=${data} profile=${current} onSaved=${saved} focus=${query.section} />`}
  <//>`;
}

function Editor({ data, profile, onSaved, focus }) {
  const mentor = data.myEnrolments.some((e) => e.asMentor);
  const mentee = data.myEnrolments.some((e) => e.asMentee);
  const areas = [...new Map(data.myOrganisations.flatMap((o) => o.focusAreas).map((a) => [a.slug, a])).values()];
  // levels and training are a mentor's: the organisations I belong to where I enrolled as one
  const mentoring = new Set(data.myEnrolments.filter((e) => e.asMentor).map((e) => e.programme.organisation.id));
  const mentorOrgs = data.myOrganisations.filter((o) => mentoring.has(o.id));
  const props = { profile, onSaved };
  return html`
    <${About} ...${props} />
    <${Availability} ...${props} />
    ${(mentor || !mentee || profile.expertise.length > 0) && html`<${Expertise} ...${props} areas=${areas} />`}
    ${(mentee || !mentor || profile.learningNeeds.length > 0) && html`<${Needs} ...${props} areas=${areas} />`}
    <${Questions} ...${props} />
    ${mentor && html`<${Mentoring} ...${props} />`}
    <${Recognition}
      organisations=${mentorOrgs}
      profile=${profile}
      saveProfile=${(input) => update(input, onSaved)}
      focus=${focus === "recognition"}
    />
    <${Privacy} ...${props} />
    <${Account} email=${data.me.email} key=${locale.value} />
    <${YourData} />
  `;
}

/** A section's form: heading, fields, the save button and what became of the last save. */
function Section({ title, intro, children, onSave, headingId: given }) {
  const auto = useId();
  const headingId = given || auto;
  const done = useSignal(false);
  const action = useAction(async () => {
    done.value = false;
    await onSave();
    done.value = true;
  });
  return html`<section class="card profile-section" aria-labelledby=${headingId}>
    <h2 id=${headingId}>${title}</h2>
    ${intro && html`<p class="muted">${intro}</p>`}
    <form onSubmit=${onSubmit(action.run)} onInput=${() => (done.value = false)}>
      ${children}
      <${ErrorNote} error=${action.error.value} />
      <div class="row">
        <${Button} pending=${action.pending} type="submit">${t("common.save")}<//>
        <span role="status" class="saved">${done.value ? t("common.saved") : ""}</span>
      </div>
    </form>
  </section>`;
}

async function update(input, onSaved) {
  const data = await gql(UPDATE, { input });
  onSaved(data.updateProfile);
}

function About({ profile, onSaved }) {
  const name = useSignal(profile.displayName);
  const bio = useSignal(profile.bio);
  const goals = useSignal(profile.goals || "");
  const style = useSignal(profile.communicationStyle);
  const [languages, setLanguages] = useState(profile.languages);
  const toggle = (code, on) => setLanguages(on ? [...languages, code] : languages.filter((c) => c !== code));
  const save = () =>
    update(
      { displayName: name.value.trim(), bio: bio.value, goals: goals.value, communicationStyle: style.value, languages },
      onSaved,
    );
  return html`<${Section} title=${t("profile.about")} onSave=${save}>
    <${Field} label=${t("profile.name")} value=${name} maxlength="120" autocomplete="name" required />
    <${Field} label=${t("profile.bio")} value=${bio} multiline maxlength="4000" hint=${t("profile.bioHint")} />
    <${Field} label=${t("profile.goals")} value=${goals} multiline maxlength="4000" hint=${t("profile.goalsHint")} />
    <fieldset class="choices">
      <legend>${t("profile.languages")}</legend>
      ${LANGUAGES.map(
        (code) => html`<label class="choice">
          <input type="checkbox" checked=${languages.includes(code)} onChange=${(e) => toggle(code, e.currentTarget.checked)} />
          ${t(`profile.lang.${code}`)}
        </label>`,
      )}
    </fieldset>
    <${Select} label=${t("profile.style")} value=${style} options=${STYLES.map((s) => [s, t(`profile.style.${s}`)])} />
  <//>`;
}

function zoneOptions(selected) {
  let all = [];
  try {
    all = Intl.supportedValuesOf("timeZone");
  } catch {
    /* an older browser: the Indonesian zones, this device's and the saved one */
  }
  const rest = [...new Set([...all, timeZone, selected])].filter((z) => z && !INDONESIA.includes(z)).sort();
  return html`<optgroup label=${t("profile.tz.indonesia")}>
      ${INDONESIA.map((z) => html`<option value=${z}>${t(`profile.tz.${z}`)}</option>`)}
    </optgroup>
    <optgroup label=${t("profile.tz.other")}>${rest.map((z) => html`<option value=${z}>${z.replaceAll("_", " ")}</option>`)}</optgroup>`;
}

function Availability({ profile, onSaved }) {
  const [zone, setZone] = useState(profile.timezone);
  const [days, setDays] = useState(() => fromWindows(profile.availability));
  const [tooMany, setTooMany] = useState(false);
  const zoneId = useId();
  const save = async () => {
    const windows = toWindows(days);
    setTooMany(windows.length > 50);
    if (windows.length > 50) return;
    await update({ timezone: zone, availability: windows }, onSaved);
  };
  return html`<${Section} title=${t("profile.avail")} onSave=${save} headingId="profile-avail">
      <div class="field">
        <label for=${zoneId}>${t("profile.tz")}</label>
        <select id=${zoneId} value=${zone} onChange=${(e) => setZone(e.currentTarget.value)}>${zoneOptions(zone)}</select>
        <small>${t("profile.tzHint")}</small>
      </div>
      ${zone !== timeZone &&
      html`<p class="note info">
        ${t("profile.tz.device", { zone: timeZone })}
        <button type="button" class="btn link" onClick=${() => setZone(timeZone)}>${t("profile.tz.useDevice")}</button>
      </p>`}
      <${AvailabilityGrid} days=${days} onChange=${setDays} zone=${zone.replaceAll("_", " ")} labelId="profile-avail" />
      ${tooMany && html`<p class="note error" role="alert">${t("profile.avail.tooMany")}</p>`}
  <//>`;
}

function Expertise({ profile, onSaved, areas }) {
  const rows = useSignal(profile.expertise.map(expertiseRow));
  const save = () => update({ expertise: expertiseInput(rows.value) }, onSaved);
  return html`<${Section} title=${t("profile.skills")} intro=${t("profile.skills.intro")} onSave=${save}>
    <${SkillList} rows=${rows} kind="expertise" areas=${areas} />
  <//>`;
}

function Needs({ profile, onSaved, areas }) {
  const rows = useSignal((profile.learningNeeds || []).map(needRow));
  const save = () => update({ learningNeeds: needsInput(rows.value) }, onSaved);
  return html`<${Section} title=${t("profile.needs")} intro=${t("profile.needs.intro")} onSave=${save}>
    <${SkillList} rows=${rows} kind="need" areas=${areas} />
  <//>`;
}

function Questions({ profile, onSaved }) {
  const given = Object.fromEntries((profile.questionnaire || []).map((a) => [a.question, String(a.answer)]));
  const answers = Object.fromEntries(QUESTIONS.map((q) => [q, useSignal(given[q] || "")]));
  const scale = ["", "1", "2", "3", "4", "5"].map((v) => [v, v ? t(`profile.q.scale.${v}`) : t("profile.q.unanswered")]);
  const save = () =>
    update(
      { questionnaire: QUESTIONS.filter((q) => answers[q].value).map((q) => ({ question: q, answer: Number(answers[q].value) })) },
      onSaved,
    );
  return html`<${Section} title=${t("profile.q")} intro=${t("profile.q.intro")} onSave=${save}>
    ${QUESTIONS.map((q) => html`<${Select} label=${t(`profile.q.${q}`)} value=${answers[q]} options=${scale} />`)}
  <//>`;
}

function Mentoring({ profile, onSaved }) {
  const capacity = useSignal(String(profile.capacity));
  const listed = useSignal(profile.listedInDirectory);
  const toggle = useAction(async () => {
    const open = !profile.openForRequests;
    await gql(SET_OPEN, { open });
    onSaved({ ...profile, openForRequests: open });
  });
  const save = () => update({ capacity: Number(capacity.value), listedInDirectory: listed.value }, onSaved);
  const open = profile.openForRequests;
  return html`<${Section} title=${t("profile.mentor")} onSave=${save}>
    <div class="openness">
      <p role="status"><strong>${open ? t("profile.mentor.open") : t("profile.mentor.closed")}</strong></p>
      <p class="muted">${open ? t("profile.mentor.openHelp") : t("profile.mentor.closedHelp")}</p>
      <${ErrorNote} error=${toggle.error.value} />
      <${Button} kind=${open ? "danger" : "secondary"} type="button" pending=${toggle.pending} onClick=${toggle.run}>
        ${open ? t("profile.mentor.close") : t("profile.mentor.reopen")}
      <//>
    </div>
    <${Field} label=${t("profile.capacity")} type="number" inputmode="numeric" min="1" max="20" value=${capacity} hint=${t("profile.capacityHint")} required />
    <${Field} label=${t("profile.listed")} type="checkbox" value=${listed} hint=${t("profile.listedHint")} />
  <//>`;
}

function Privacy({ profile, onSaved }) {
  const year = useSignal(profile.birthYear ? String(profile.birthYear) : "");
  const email = useSignal(profile.contactEmail || "");
  const phone = useSignal(profile.contactPhone || "");
  const save = () =>
    update(
      { birthYear: year.value ? Number(year.value) : null, contactEmail: email.value.trim(), contactPhone: phone.value.trim() },
      onSaved,
    );
  return html`<${Section} title=${t("profile.privacy")} intro=${t("profile.privacyIntro")} onSave=${save}>
    <${Field} label=${t("profile.birthYear")} type="number" inputmode="numeric" value=${year} hint=${t("profile.birthYearHint")} />
    <${Field} label=${t("profile.contactEmail")} type="email" value=${email} autocomplete="email" maxlength="254" />
    <${Field} label=${t("profile.contactPhone")} type="tel" value=${phone} autocomplete="tel" maxlength="32" />
  <//>`;
}

function Account({ email }) {
  const lang = useSignal(locale.value);
  const langDone = useSignal(false);
  const setLang = useAction(async () => {
    await gql(SET_LOCALE, { l: lang.value });
    await setLocale(lang.value);
    langDone.value = true;
  });
  const current = useSignal("");
  const next = useSignal("");
  const tooShort = useSignal(false);
  const changed = useSignal(false);
  const change = useAction(async () => {
    changed.value = false;
    tooShort.value = next.value.length < MIN_PASSWORD;
    if (tooShort.value) return;
    await gql(CHANGE_PASSWORD, { current: current.value, new: next.value });
    current.value = next.value = "";
    changed.value = true;
  });
  const err = change.error.value;
  return html`<section class="card profile-section" aria-labelledby="profile-account">
    <h2 id="profile-account">${t("profile.account")}</h2>
    <p>${t("profile.accountEmail")} <strong>${email}</strong></p>
    <form onSubmit=${onSubmit(setLang.run)} onInput=${() => (langDone.value = false)}>
      <${Select} label=${t("profile.locale")} value=${lang} options=${[["id", "Bahasa Indonesia"], ["en", "English"]]} />
      <${ErrorNote} error=${setLang.error.value} />
      <div class="row">
        <${Button} kind="secondary" pending=${setLang.pending} type="submit">${t("profile.localeSave")}<//>
        <span role="status" class="saved">${langDone.value ? t("common.saved") : ""}</span>
      </div>
    </form>
    <h3>${t("profile.password")}</h3>
    <form onSubmit=${onSubmit(change.run)}>
      <input type="text" name="username" autocomplete="username" value=${email} hidden readonly />
      <${Field}
        label=${t("profile.currentPassword")}
        type="password"
        value=${current}
        autocomplete="current-password"
        error=${err?.field === "currentPassword" ? t("profile.currentPasswordBad") : null}
        required
      />
      <${NewPassword}
        label=${t("account.newPassword")}
        value=${next}
        error=${tooShort.value ? t("account.passwordShort", { n: MIN_PASSWORD }) : err?.field === "newPassword" ? t("account.passwordBad") : null}
      />
      <${ErrorNote} error=${err} />
      <div class="row">
        <${Button} kind="secondary" pending=${change.pending} type="submit">${t("profile.passwordSave")}<//>
      </div>
      <p role="status">${changed.value ? t("profile.passwordDone") : ""}</p>
    </form>
  </section>`;
}

function YourData() {
  const started = useSignal(false);
  const download = useAction(async () => {
    started.value = false;
    const data = await gql(EXPORT);
    const blob = new Blob([JSON.stringify(data.exportMyData, null, 2)], { type: "application/json" });
    saveFile(blob, `rajut-${new Date().toISOString().slice(0, 10)}.json`);
    started.value = true;
  });
  const password = useSignal("");
  const understood = useSignal(false);
  const remove = useAction(async () => {
    await gql(DELETE, { password: password.value });
    farewell.value = "deleted";
    closeLive();
    navigate("/signin");
    forget();
  });
  const err = remove.error.value;
  return html`<section class="card profile-section" aria-labelledby="profile-data">
    <h2 id="profile-data">${t("profile.data")}</h2>
    <p>${t("profile.exportHelp")}</p>
    <${ErrorNote} error=${download.error.value} />
    <div class="row">
      <${Button} kind="secondary" pending=${download.pending} onClick=${download.run}>${t("profile.export")}<//>
      <span role="status" class="saved">${started.value ? t("profile.exportDone") : ""}</span>
    </div>
    <details class="danger-zone">
      <summary>${t("profile.delete")}</summary>
      <div class="note warn">
        <strong>${t("profile.deleteWarning")}</strong>
        <ul>
          <li>${t("profile.deleteErased")}</li>
          <li>${t("profile.deleteEnded")}</li>
          <li>${t("profile.deleteKept")}</li>
        </ul>
        <p>${t("profile.deleteExportFirst")}</p>
      </div>
      <form onSubmit=${onSubmit(remove.run)}>
        <${Field}
          label=${t("profile.deletePassword")}
          type="password"
          value=${password}
          autocomplete="current-password"
          error=${err?.field === "password" ? t("profile.currentPasswordBad") : null}
          required
        />
        <${Field} label=${t("profile.deleteUnderstood")} type="checkbox" value=${understood} required />
        <${ErrorNote} error=${err} />
        <${Button} kind="danger" pending=${remove.pending} type="submit">${t("profile.deleteConfirm")}<//>
      </form>
    </details>
  </section>`;
}
