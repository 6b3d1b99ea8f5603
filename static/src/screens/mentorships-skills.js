// Skills: a mentee's self-assessment (1-5) at the start, midpoint and end of the programme, and
// the growth it shows. Assessments belong to the programme, so every relationship in it shows
// the same. Only the person (and their coordinators) see them; a mentor sees an explanation.
import { useSignal } from "@preact/signals";
import { useId } from "preact/hooks";
import { gql } from "../lib/api.js";
import { html } from "../lib/html.js";
import { t } from "../lib/i18n.js";
import { Button, Empty, ErrorNote, Field, Loading, Select, onSubmit, useAction, useQuery } from "../lib/ui.js";

const SKILLS = `query($p: ID!) {
  me { profile { learningNeeds { skill } } }
  skillGrowth(programmeId: $p) { skill start midpoint end gain }
}`;
const ASSESS = `mutation($p: ID!, $phase: AssessmentPhase!, $levels: [SkillLevelInput!]!) {
  assessSkills(programmeId: $p, phase: $phase, levels: $levels) { skill }
}`;
const PHASES = ["START", "MIDPOINT", "END"];
const FIELD = { START: "start", MIDPOINT: "midpoint", END: "end" };

export function SkillsTab({ relationship: rel }) {
  if (rel.viewerRole === "mentor") {
    return html`<section>
      <h2>${t("mentorships.skills.title")}</h2>
      <p>${t("mentorships.skills.forMentees")}</p>
    </section>`;
  }
  return html`<${Skills} rel=${rel} />`;
}

function Skills({ rel }) {
  const { data, error, reload } = useQuery(SKILLS, { p: rel.programme.id }, [rel.programme.id]);
  const said = useSignal("");
  if (!data) return html`<section><h2>${t("mentorships.skills.title")}</h2><${ErrorNote} error=${error} />${!error && html`<${Loading} />`}</section>`;
  const growth = data.skillGrowth;
  return html`<section aria-labelledby="skills-h">
      <h2 id="skills-h">${t("mentorships.skills.title")}</h2>
      <p class="muted">${t("mentorships.skills.explain")}</p>
      <p class="said" role="status">${said.value}</p>
      ${growth.length
        ? html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t("mentorships.skills.growth")}>
            <table class="growth">
              <caption>${t("mentorships.skills.growth")}</caption>
              <thead>
                <tr>
                  <th scope="col">${t("mentorships.skills.skill")}</th>
                  <th scope="col">${t("mentorships.phase.START")}</th>
                  <th scope="col">${t("mentorships.phase.MIDPOINT")}</th>
                  <th scope="col">${t("mentorships.phase.END")}</th>
                  <th scope="col">${t("mentorships.skills.gain")}</th>
                </tr>
              </thead>
              <tbody>
                ${growth.map(
                  (g) => html`<tr>
                    <th scope="row">${g.skill}</th>
                    <td>${g.start ?? "—"}</td>
                    <td>${g.midpoint ?? "—"}</td>
                    <td>${g.end ?? "—"}</td>
                    <td>${g.gain == null ? "—" : g.gain > 0 ? `+${g.gain}` : g.gain}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<${Empty}>${t("mentorships.skills.none")}<//>`}
    </section>
    <${Assess}
      key=${growth.map((g) => `${g.skill}${g.start}${g.midpoint}${g.end}`).join()}
      rel=${rel}
      growth=${growth}
      needs=${(data.me.profile.learningNeeds || []).map((n) => n.skill)}
      done=${() => ((said.value = t("mentorships.skills.saved")), reload())}
    />`;
}

function Assess({ rel, growth, needs, done }) {
  const known = [...new Set([...needs.map((s) => s.trim().toLowerCase()), ...growth.map((g) => g.skill)])];
  const firstOpen = PHASES.find((p) => growth.every((g) => g[FIELD[p]] == null)) || "END";
  const phase = useSignal(growth.length ? firstOpen : "START");
  const extra = useSignal([]);
  const newSkill = useSignal("");
  const chosen = useSignal({});
  const empty = useSignal(false);
  const skills = [...known, ...extra.value.filter((s) => !known.includes(s))];
  const saved = (skill) => growth.find((g) => g.skill === skill)?.[FIELD[phase.value]];
  const levelOf = (skill) => chosen.value[`${phase.value}:${skill}`] ?? (saved(skill) == null ? "" : String(saved(skill)));
  const act = useAction(async () => {
    const levels = skills.filter((s) => levelOf(s)).map((skill) => ({ skill, level: Number(levelOf(skill)) }));
    empty.value = levels.length === 0;
    if (!levels.length) return;
    await gql(ASSESS, { p: rel.programme.id, phase: phase.value, levels });
    done();
  });
  const add = () => {
    const skill = newSkill.value.trim().toLowerCase();
    if (skill && !skills.includes(skill)) extra.value = [...extra.value, skill];
    newSkill.value = "";
  };
  return html`<section aria-labelledby="assess-h">
    <h2 id="assess-h">${t("mentorships.skills.assess")}</h2>
    <form class="card" onSubmit=${onSubmit(act.run)}>
      <${Select}
        label=${t("mentorships.skills.phase")}
        value=${phase}
        options=${PHASES.map((p) => [p, t(`mentorships.phase.${p}`)])}
      />
      <p class="muted small">${t("mentorships.skills.scale")}</p>
      ${skills.length
        ? html`<ul class="skill-levels">
            ${skills.map(
              (skill) => html`<li>
                <${Level}
                  skill=${skill}
                  value=${levelOf(skill)}
                  onChange=${(v) => (chosen.value = { ...chosen.value, [`${phase.value}:${skill}`]: v })}
                />
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${t("mentorships.skills.noSkills")}</p>`}
      <div class="row add-skill">
        <${Field} label=${t("mentorships.skills.another")} value=${newSkill} maxlength="80" onKeyDown=${(e) => e.key === "Enter" && (e.preventDefault(), add())} />
        <${Button} type="button" kind="secondary" onClick=${add}>${t("mentorships.skills.add")}<//>
      </div>
      ${empty.value && html`<p class="note error" role="alert">${t("mentorships.skills.pickOne")}</p>`}
      <${ErrorNote} error=${act.error.value} />
      <${Button} type="submit" pending=${act.pending}>${t("mentorships.skills.save")}<//>
    </form>
  </section>`;
}

function Level({ skill, value, onChange }) {
  const id = useId();
  return html`<div class="field level">
    <label for=${id}>${skill}</label>
    <select id=${id} value=${value} onChange=${(e) => onChange(e.currentTarget.value)}>
      <option value="">${t("mentorships.skills.skip")}</option>
      <option value="1">${t("mentorships.skills.level1")}</option>
      <option value="2">${t("mentorships.skills.level2")}</option>
      <option value="3">${t("mentorships.skills.level3")}</option>
      <option value="4">${t("mentorships.skills.level4")}</option>
      <option value="5">${t("mentorships.skills.level5")}</option>
    </select>
  </div>`;
}
