// Reporting a concern: privately to the programme's coordinators; the other participants never
// see it. The reporter sees their own reports of this relationship and how they were handled.
import { useSignal } from "@preact/signals";
import { gql } from "../lib/api.js";
import { useDraft } from "../lib/drafts.js";
import { html } from "../lib/html.js";
import { dateTime, t } from "../lib/i18n.js";
import { Button, ErrorNote, Field, Loading, onSubmit, useAction, useQuery } from "../lib/ui.js";

const REPORTS = `query($p: ID!) { concernReports(programmeId: $p) { id relationshipId text status resolution createdAt resolvedAt } }`;
const REPORT = `mutation($r: ID!, $text: String!) { reportConcern(relationshipId: $r, text: $text) { id status } }`;

export function ConcernTab({ relationship: rel }) {
  const { data, error, reload } = useQuery(REPORTS, { p: rel.programme.id }, [rel.programme.id]);
  const text = useDraft(`concern:${rel.id}`);
  const sent = useSignal(false);
  const act = useAction(async () => {
    await gql(REPORT, { r: rel.id, text: text.value });
    text.clear();
    sent.value = true;
    reload();
  });
  const mine = data ? data.concernReports.filter((r) => r.relationshipId === rel.id) : [];
  return html`<section aria-labelledby="concern-h">
      <h2 id="concern-h">${t("mentorships.concern.title")}</h2>
      <p>${t("mentorships.concern.explain")}</p>
      <p class="muted small">${t("mentorships.concern.urgent")}</p>
      <div aria-live="polite">
        ${sent.value && html`<p class="note ok">${t("mentorships.concern.sent")}</p>`}
      </div>
      <form class="card" onSubmit=${onSubmit(act.run)}>
        <${Field}
          label=${t("mentorships.concern.text")}
          hint=${t("mentorships.concern.hint")}
          value=${text}
          multiline
          rows="5"
          required
          maxlength="5000"
        />
        <${ErrorNote} error=${act.error.value} />
        <${Button} type="submit" pending=${act.pending}>${t("mentorships.concern.send")}<//>
      </form>
    </section>
    <section aria-labelledby="concern-mine-h">
      <h2 id="concern-mine-h">${t("mentorships.concern.mine")}</h2>
      <${ErrorNote} error=${error} />
      ${!data && !error && html`<${Loading} />`}
      ${data &&
      (mine.length
        ? html`<ul class="list">
            ${mine.map(
              (r) => html`<li>
                <p class="row small">
                  <span class="tag plain">${t(`mentorships.concernStatus.${r.status}`)}</span>
                  <span class="muted">${dateTime(r.createdAt)}</span>
                </p>
                <p class="text">${r.text}</p>
                ${r.resolution &&
                html`<p class="text"><strong>${t("mentorships.concern.resolution")}</strong> ${r.resolution}</p>`}
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${t("mentorships.concern.none")}</p>`)}
    </section>`;
}
