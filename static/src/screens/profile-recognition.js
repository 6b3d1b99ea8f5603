// The profile's recognition part: my badges, my certificates (the PDF, fetched with my token,
// and the public verification page), and, in each organisation where I mentor, my level,
// what the next one still asks for and the training modules it counts, which I mark as done
// myself for a coordinator to confirm. Everything is read as the API states it: the
// requirements come from `mentorProgress` in both languages, and the app picks the one shown.
import { useSignal } from "@preact/signals";
import { useEffect, useRef, useState } from "preact/hooks";
import { fetchFile, gql } from "../lib/api.js";
import { html } from "../lib/html.js";
import { date, dateTime, locale, t } from "../lib/i18n.js";
import { Button, Empty, ErrorNote, Field, Loading, onSubmit, saveFile, useAction, useQuery } from "../lib/ui.js";

const BADGES = `myBadges { id awardedAt revokedAt badge { icon nameId nameEn descriptionId descriptionEn } }`;
const CERTIFICATES = `myCertificates { id kind programmeName organisationName periodStart periodEnd issuedAt
  revokedAt code verifyUrl pdfPath }`;
const PROGRESS = `level { nameId nameEn } since nextLevel { nameId nameEn } eligible summaryId summaryEn
  requirements { key met textId textEn }`;
const MODULES = `id title content link requiredFor myCompletion { status }`;
const DECLARE = `mutation($id: ID!) { declareTrainingCompleted(moduleId: $id) { status } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawTrainingDeclaration(moduleId: $id) }`;

/** One request for all of it: badges, certificates, and per organisation where I mentor my
 * progress (`p<i>`) and its training modules (`m<i>`). */
function recognitionQuery(count) {
  const orgs = [...Array(count).keys()];
  const params = orgs.map((i) => `$o${i}: ID!`).join(", ");
  const parts = orgs.map(
    (i) => `p${i}: mentorProgress(organisationId: $o${i}) { ${PROGRESS} }
      m${i}: trainingModules(organisationId: $o${i}) { ${MODULES} }`,
  );
  return `query${params ? `(${params})` : ""} { ${BADGES} ${CERTIFICATES} ${parts.join(" ")} }`;
}

/** A calendar day (a GraphQL Date) as written, whatever the viewer's time zone. */
const day = (value) => dateTime(value, { dateStyle: "medium", timeZone: "UTC" });

/** `thing.nameId` or `thing.nameEn`, after the language the app speaks now. */
const inLanguage = (thing, field) => thing[field + (locale.value === "en" ? "En" : "Id")];

/** `organisations`: [{id, name}] where I mentor; `focus`: move to this part once it shows
 * (a notification about a badge, a certificate or a level leads here). */
export function Recognition({ organisations, profile, saveProfile, focus }) {
  const ids = organisations.map((o) => o.id);
  const variables = Object.fromEntries(ids.map((id, i) => [`o${i}`, id]));
  const { data, error, loading, reload } = useQuery(recognitionQuery(ids.length), variables, [ids.join()]);
  const heading = useRef(null);
  useEffect(() => {
    if (focus && data) {
      heading.current.scrollIntoView();
      heading.current.focus({ preventScroll: true });
    }
  }, [focus, Boolean(data)]);
  return html`<section class="card profile-section" aria-labelledby="profile-recognition">
    <h2 id="profile-recognition" tabindex="-1" ref=${heading}>${t("recognition.title")}</h2>
    ${error && html`<${ErrorNote} error=${error} /><button class="btn secondary" onClick=${reload}>${t("profile.retry")}</button>`}
    ${loading && !data && html`<${Loading} />`}
    ${data &&
    html`<${Badges} awards=${data.myBadges} profile=${profile} saveProfile=${saveProfile} />
      ${organisations.map(
        (o, i) => html`<${Level} key=${o.id} organisation=${o} progress=${data[`p${i}`]} modules=${data[`m${i}`]} />`,
      )}
      <${Certificates} certificates=${data.myCertificates} />`}
  </section>`;
}

function Badges({ awards, profile, saveProfile }) {
  const shown = useSignal(profile.showBadges);
  const done = useSignal(false);
  const save = useAction(async () => {
    done.value = false;
    await saveProfile({ showBadges: shown.value });
    done.value = true;
  });
  const newest = [...awards].sort((a, b) => b.awardedAt.localeCompare(a.awardedAt));
  return html`<h3>${t("recognition.badges")}</h3>
    ${newest.length === 0 && html`<${Empty}>${t("recognition.noBadges")}</${Empty}>`}
    ${newest.length > 0 &&
    html`<ul class="list rc-list">
      ${newest.map(
        (a) => html`<li key=${a.id}>
          <div class="row">
            ${!/^[\w-]+$/.test(a.badge.icon) && html`<span class="rc-icon" aria-hidden="true">${a.badge.icon}</span>`}
            <strong>${inLanguage(a.badge, "name")}</strong>
            ${a.revokedAt && html`<span class="tag">${t("recognition.revoked", { day: date(a.revokedAt) })}</span>`}
          </div>
          <p class="rc-line">${inLanguage(a.badge, "description")}</p>
          <p class="rc-line muted">${t("recognition.awarded", { day: date(a.awardedAt) })}</p>
        </li>`,
      )}
    </ul>`}
    <form onSubmit=${onSubmit(save.run)} onInput=${() => (done.value = false)}>
      <${Field} type="checkbox" label=${t("recognition.showBadges")} value=${shown} hint=${t("recognition.showBadgesHint")} />
      <${ErrorNote} error=${save.error.value} />
      <div class="row">
        <${Button} kind="secondary" pending=${save.pending} type="submit">${t("common.save")}<//>
        <span role="status" class="saved">${done.value ? t("common.saved") : ""}</span>
      </div>
    </form>`;
}

function Level({ organisation, progress, modules }) {
  const { level, nextLevel } = progress;
  return html`<h3>${t("recognition.level", { organisation: organisation.name })}</h3>
    <p>
      ${level
        ? t("recognition.levelNow", { level: inLanguage(level, "name"), day: date(progress.since) })
        : t("recognition.noLevel")}
    </p>
    ${nextLevel && html`<p>${t("recognition.levelNext", { level: inLanguage(nextLevel, "name") })}</p>`}
    <p class=${`note ${progress.eligible ? "ok" : "info"}`}>${inLanguage(progress, "summary")}</p>
    ${progress.requirements.length > 0 &&
    html`<ul class="list rc-list">
      ${progress.requirements.map(
        (r) => html`<li key=${r.key} class="rc-requirement">
          <span class=${r.met ? "rc-met" : "rc-unmet"} aria-hidden="true">${r.met ? "✓" : "○"}</span>
          <span><span class="sr-only">${r.met ? t("recognition.met") : t("recognition.unmet")} </span>${inLanguage(r, "text")}</span>
        </li>`,
      )}
    </ul>`}
    <h4>${t("recognition.training")}</h4>
    ${modules.length === 0 && html`<${Empty}>${t("recognition.noTraining")}</${Empty}>`}
    ${modules.length > 0 && html`<ul class="list rc-list">${modules.map((m) => html`<${Module} key=${m.id} module=${m} />`)}</ul>`}`;
}

/** A training module and my completion: mark it done, or take that back before a coordinator
 * confirms it. One button that changes its words; it is disabled while the change is under
 * way, which drops focus, so focus goes back to it afterwards. */
function Module({ module }) {
  const [status, setStatus] = useState(module.myCompletion?.status || null);
  const actions = useRef(null);
  const change = useAction(async () => {
    if (status === "DECLARED") {
      await gql(WITHDRAW, { id: module.id });
      setStatus(null);
    } else {
      setStatus((await gql(DECLARE, { id: module.id })).declareTrainingCompleted.status);
    }
  });
  const [done, setDone] = useState(0);
  useEffect(() => {
    if (done) actions.current.querySelector("button")?.focus();
  }, [done]);
  const run = async () => {
    await change.run();
    setDone((n) => n + 1); // rendered with the button enabled again, then focused
  };
  const titleId = `rc-module-${module.id.replace(/[^\w-]/g, "")}`;
  return html`<li>
    <strong id=${titleId}>${module.title}</strong>
    <p class="rc-line muted">
      ${module.requiredFor
        ? t("recognition.requiredFor", { level: t(`recognition.levelName.${module.requiredFor}`) })
        : t("recognition.optional")}
    </p>
    ${module.content && html`<p class="rc-line rc-content">${module.content}</p>`}
    ${module.link &&
    html`<p class="rc-line">
      <a href=${module.link} target="_blank" rel="noopener noreferrer" aria-describedby=${titleId}>${t("recognition.openModule")}</a>
    </p>`}
    <div class="row" ref=${actions}>
      <span role="status" class=${status === "CONFIRMED" ? "saved" : ""}>${t(`recognition.training.${status || "NONE"}`)}</span>
      ${status !== "CONFIRMED" &&
      html`<${Button} kind="secondary" pending=${change.pending} onClick=${run} aria-describedby=${titleId}>
        ${status === "DECLARED" ? t("recognition.withdraw") : t("recognition.declare")}
      <//>`}
    </div>
    <${ErrorNote} error=${change.error.value} />
  </li>`;
}

function Certificates({ certificates }) {
  const newest = [...certificates].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
  return html`<h3>${t("recognition.certificates")}</h3>
    ${newest.length === 0 && html`<${Empty}>${t("recognition.noCertificates")}</${Empty}>`}
    ${newest.length > 0 && html`<ul class="list rc-list">${newest.map((c) => html`<${Certificate} key=${c.id} c=${c} />`)}</ul>`}`;
}

function Certificate({ c }) {
  const started = useSignal(false);
  const download = useAction(async () => {
    started.value = false;
    saveFile(await fetchFile(c.pdfPath), `sertifikat-${c.code}.pdf`);
    started.value = true;
  });
  const titleId = `rc-certificate-${c.id.replace(/[^\w-]/g, "")}`;
  return html`<li>
    <div class="row">
      <strong id=${titleId}>${t(`recognition.certificate.${c.kind}`)}: ${c.programmeName}</strong>
      ${c.revokedAt && html`<span class="tag">${t("recognition.revoked", { day: date(c.revokedAt) })}</span>`}
    </div>
    <p class="rc-line muted">
      ${c.organisationName} · ${day(c.periodStart)} – ${day(c.periodEnd)} · ${t("recognition.issued", { day: date(c.issuedAt) })}
    </p>
    <p class="rc-line">${t("recognition.code")} <code>${c.code}</code></p>
    <${ErrorNote} error=${download.error.value} />
    <div class="row">
      <${Button} kind="secondary" pending=${download.pending} onClick=${() => download.run()} aria-describedby=${titleId}>
        ${t("recognition.downloadPdf")}
      <//>
      <a href=${c.verifyUrl} target="_blank" rel="noopener" aria-describedby=${titleId}>${t("recognition.verify")}</a>
      <span role="status" class="saved">${started.value ? t("profile.exportDone") : ""}</span>
    </div>
  </li>`;
}
