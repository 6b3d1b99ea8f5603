// Editors for lists of skills: what a mentor offers (expertise: skill + level 1-5) and what a
// mentee wants to learn (needs: skill, current and target level, priority). Each row is a
// group of labelled fields; the list replaces the old one when saved.
import { signal } from "@preact/signals";
import { html } from "../lib/html.js";
import { t } from "../lib/i18n.js";
import { Field, Select } from "../lib/ui.js";

export const MAX_ITEMS = 30;
const LEVELS = ["1", "2", "3", "4", "5"];

export const levelOptions = () => LEVELS.map((l) => [l, t(`profile.level.${l}`)]);
const priorityOptions = () => ["3", "2", "1"].map((p) => [p, t(`profile.priority.${p}`)]);
const areaOptions = (areas) => [["", t("profile.area.none")], ...areas.map((a) => [a.slug, a.name])];

export const expertiseRow = (e = {}) => ({
  key: Math.random(),
  skill: signal(e.skill || ""),
  level: signal(String(e.level || 3)),
  focusArea: signal(e.focusArea?.slug || ""),
});

export const needRow = (n = {}) => ({
  key: Math.random(),
  skill: signal(n.skill || ""),
  currentLevel: signal(String(n.currentLevel || 1)),
  targetLevel: signal(String(n.targetLevel || 3)),
  priority: signal(String(n.priority || 2)),
  focusArea: signal(n.focusArea?.slug || ""),
});

export const expertiseInput = (rows) =>
  rows
    .filter((r) => r.skill.value.trim())
    .map((r) => ({ skill: r.skill.value.trim(), level: Number(r.level.value), focusArea: r.focusArea.value || null }));

export const needsInput = (rows) =>
  rows
    .filter((r) => r.skill.value.trim())
    .map((r) => ({
      skill: r.skill.value.trim(),
      currentLevel: Number(r.currentLevel.value),
      targetLevel: Number(r.targetLevel.value),
      priority: Number(r.priority.value),
      focusArea: r.focusArea.value || null,
    }));

/** `rows` is a signal holding the list; `kind` is "expertise" or "need". */
export function SkillList({ rows, kind, areas }) {
  const remove = (row) => (rows.value = rows.value.filter((r) => r !== row));
  const add = () => {
    rows.value = [...rows.value, kind === "expertise" ? expertiseRow() : needRow()];
    // focus the new row's first field once it is drawn
    requestAnimationFrame(() => document.querySelector(`[data-list="${kind}"] > li:last-child input`)?.focus());
  };
  return html`
    ${rows.value.length === 0 && html`<p class="muted">${t(kind === "expertise" ? "profile.skills.empty" : "profile.needs.empty")}</p>`}
    <ul class="plain-list skill-list" data-list=${kind}>
      ${rows.value.map(
        (row, i) => html`<li key=${row.key}>
          <fieldset class="skill-row">
            <legend>${t(kind === "expertise" ? "profile.skills.item" : "profile.needs.item", { n: i + 1 })}</legend>
            <${Field} label=${t("profile.skills.skill")} value=${row.skill} maxlength="80" required />
            ${kind === "expertise"
              ? html`<${Select} label=${t("profile.skills.level")} value=${row.level} options=${levelOptions()} />`
              : html`<${Select} label=${t("profile.needs.current")} value=${row.currentLevel} options=${levelOptions()} />
                  <${Select} label=${t("profile.needs.target")} value=${row.targetLevel} options=${levelOptions()} />
                  <${Select} label=${t("profile.needs.priority")} value=${row.priority} options=${priorityOptions()} />`}
            ${areas.length > 0 && html`<${Select} label=${t("profile.area")} value=${row.focusArea} options=${areaOptions(areas)} />`}
            <button type="button" class="btn danger" onClick=${() => remove(row)}>
              ${t("profile.skills.remove", { skill: row.skill.value || i + 1 })}
            </button>
          </fieldset>
        </li>`,
      )}
    </ul>
    ${rows.value.length < MAX_ITEMS &&
    html`<button type="button" class="btn secondary" onClick=${add}>
      ${t(kind === "expertise" ? "profile.skills.add" : "profile.needs.add")}
    </button>`}
  `;
}
