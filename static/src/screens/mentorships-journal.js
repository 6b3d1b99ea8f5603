// The weekly journal: this week's entry (a draft kept on the device until it is sent; sending
// again the same week edits it), the streak, and the entries the viewer may read: their own
// and, for a mentor, what the mentees chose to share.
import { useSignal } from "@preact/signals";
import { gql } from "../lib/api.js";
import { useDraft } from "../lib/drafts.js";
import { html } from "../lib/html.js";
import { date, dateTime, number, t } from "../lib/i18n.js";
import { Button, Empty, ErrorNote, Field, Loading, Notice, onSubmit, useAction, useQuery } from "../lib/ui.js";
import { WORKING, participants } from "./mentorships-parts.js";

const JOURNALS = `query($r: ID!) { journals(relationshipId: $r) {
  myStreak journals { weekOf reflection learned nextStep shared updatedAt authorId }
} }`;
const SUBMIT = `mutation($input: JournalInput!) { submitJournal(input: $input) { weekOf updatedAt } }`;

/** Monday of this week as the server counts it (UTC), YYYY-MM-DD. */
function thisWeek() {
  const now = new Date();
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7)));
  return monday.toISOString().slice(0, 10);
}

export function JournalTab({ relationship: rel }) {
  const { data, error, reload } = useQuery(JOURNALS, { r: rel.id }, [rel.id]);
  const said = useSignal("");
  if (!data) return html`<section><h2>${t("mentorships.journal.title")}</h2><${ErrorNote} error=${error} />${!error && html`<${Loading} />`}</section>`;
  const { journals, myStreak } = data.journals;
  const week = thisWeek();
  const current = journals.find((j) => j.authorId === rel.viewerId && j.weekOf === week);
  const names = Object.fromEntries(participants(rel).map((p) => [p.id, p.displayName]));
  const entries = [...journals].sort((a, b) => (a.weekOf < b.weekOf ? 1 : a.weekOf > b.weekOf ? -1 : 0));
  const writable = WORKING.includes(rel.status);
  return html`<section aria-labelledby="journal-h">
      <h2 id="journal-h">${t("mentorships.journal.title")}</h2>
      <p class="streak">
        ${myStreak ? t("mentorships.journal.streak", { weeks: number(myStreak) }) : t("mentorships.journal.noStreak")}
      </p>
      <p class="said" role="status">${said.value}</p>
      ${writable
        ? html`<${JournalForm}
            key=${current?.updatedAt || "new"}
            rel=${rel}
            current=${current}
            done=${(message) => ((said.value = message), reload())}
          />`
        : html`<${Notice}>${t("mentorships.journal.readOnly")}<//>`}
    </section>
    <section aria-labelledby="entries-h">
      <h2 id="entries-h">${t("mentorships.journal.entries")}</h2>
      <${ErrorNote} error=${error} />
      ${entries.length
        ? html`<ul class="list entries">
            ${entries.map((j) => html`<${Entry} entry=${j} mine=${j.authorId === rel.viewerId} author=${names[j.authorId]} />`)}
          </ul>`
        : html`<${Empty}>${rel.viewerRole === "mentor" ? t("mentorships.journal.noneMentor") : t("mentorships.journal.none")}<//>`}
    </section>`;
}

function JournalForm({ rel, current, done }) {
  const base = `journal:${rel.id}`;
  const reflection = useDraft(`${base}:reflection`, current?.reflection || "");
  const learned = useDraft(`${base}:learned`, current?.learned || "");
  const nextStep = useDraft(`${base}:nextStep`, current?.nextStep || "");
  const shared = useSignal(current ? current.shared : false);
  const mentor = rel.viewerRole === "mentor";
  const drafted = [
    [reflection, current?.reflection],
    [learned, current?.learned],
    [nextStep, current?.nextStep],
  ].some(([draft, saved]) => draft.value && draft.value !== (saved || ""));
  const act = useAction(async () => {
    await gql(SUBMIT, {
      input: {
        relationshipId: rel.id,
        reflection: reflection.value,
        learned: learned.value,
        nextStep: nextStep.value,
        shared: mentor ? false : shared.value,
      },
    });
    for (const draft of [reflection, learned, nextStep]) draft.clear();
    done(current ? t("mentorships.journal.updated") : t("mentorships.journal.sent"));
  });
  return html`<form class="card" onSubmit=${onSubmit(act.run)} aria-labelledby="journal-form-h">
    <h3 id="journal-form-h">${current ? t("mentorships.journal.editWeek") : t("mentorships.journal.newWeek")}</h3>
    <p class="muted small">${t("mentorships.journal.hint")}</p>
    <${Field} label=${t("mentorships.journal.reflection")} value=${reflection} multiline rows="4" maxlength="4000" />
    <${Field} label=${t("mentorships.journal.learned")} value=${learned} multiline rows="3" maxlength="4000" />
    <${Field} label=${t("mentorships.journal.nextStep")} value=${nextStep} multiline rows="2" maxlength="4000" />
    ${mentor
      ? html`<p class="muted small">${t("mentorships.journal.mentorPrivate")}</p>`
      : html`<${Field}
          type="checkbox"
          label=${t("mentorships.journal.share")}
          hint=${t("mentorships.journal.shareHint")}
          value=${shared}
        />`}
    ${drafted && html`<p class="muted small">${t("mentorships.journal.draftKept")}</p>`}
    <${ErrorNote} error=${act.error.value} />
    <${Button} type="submit" pending=${act.pending}>${current ? t("mentorships.journal.update") : t("mentorships.journal.submit")}<//>
  </form>`;
}

function Entry({ entry, mine, author }) {
  return html`<li class="entry">
    <h3>${t("mentorships.journal.weekOf", { date: date(entry.weekOf) })}</h3>
    <p class="row small">
      <span>${mine ? t("mentorships.journal.byYou") : t("mentorships.journal.by", { name: author || "?" })}</span>
      <span class="tag plain">${entry.shared ? t("mentorships.journal.shared") : t("mentorships.journal.private")}</span>
      <span class="muted">${t("mentorships.journal.updatedAt", { when: dateTime(entry.updatedAt) })}</span>
    </p>
    <dl class="facts">
      ${entry.reflection && html`<dt>${t("mentorships.journal.reflection")}</dt><dd class="text">${entry.reflection}</dd>`}
      ${entry.learned && html`<dt>${t("mentorships.journal.learned")}</dt><dd class="text">${entry.learned}</dd>`}
      ${entry.nextStep && html`<dt>${t("mentorships.journal.nextStep")}</dt><dd class="text">${entry.nextStep}</dd>`}
    </dl>
  </li>`;
}
