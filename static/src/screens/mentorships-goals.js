// Goals and milestones of a relationship: set, edit, reach, drop and reopen goals; add, edit,
// reach and remove milestones. Only participants of an active or paused relationship write.
import { useSignal } from "@preact/signals";
import { useId } from "preact/hooks";
import { gql } from "../lib/api.js";
import { useDraft } from "../lib/drafts.js";
import { html } from "../lib/html.js";
import { date, t } from "../lib/i18n.js";
import { Button, Empty, ErrorNote, Field, Loading, Notice, onSubmit, useAction, useQuery } from "../lib/ui.js";
import { WORKING, useFocusFirst } from "./mentorships-parts.js";

const GOAL = `fragment Goal on Goal {
  id title specificOutcome measurableTarget dueOn status evidence dropReason reachedAt
  milestones { id title dueOn reachedAt }
}`;
const GOALS = `query($r: ID!) { goals(relationshipId: $r) { ...Goal } }\n${GOAL}`;
const SET = `mutation($input: GoalInput!) { setGoal(input: $input) { ...Goal } }\n${GOAL}`;
const EDIT = `mutation($id: ID!, $changes: GoalChanges!) { editGoal(goalId: $id, changes: $changes) { id } }`;
const REACH = `mutation($id: ID!, $evidence: String!) { reachGoal(goalId: $id, evidence: $evidence) { id } }`;
const DROP = `mutation($id: ID!, $reason: String!) { dropGoal(goalId: $id, reason: $reason) { id } }`;
const REOPEN = `mutation($id: ID!) { reopenGoal(goalId: $id) { id } }`;
const ADD_MILESTONE = `mutation($id: ID!, $input: MilestoneInput!) { addMilestone(goalId: $id, input: $input) { id } }`;
const EDIT_MILESTONE = `mutation($id: ID!, $changes: MilestoneChanges!) { editMilestone(milestoneId: $id, changes: $changes) { id } }`;
const REACH_MILESTONE = `mutation($id: ID!) { reachMilestone(milestoneId: $id) { id } }`;
const REMOVE_MILESTONE = `mutation($id: ID!) { removeMilestone(milestoneId: $id) { id } }`;

export function GoalsTab({ relationship: rel }) {
  const { data, error, reload } = useQuery(GOALS, { r: rel.id }, [rel.id]);
  const writable = WORKING.includes(rel.status);
  const said = useSignal("");
  const changed = (message) => {
    said.value = message;
    reload();
  };
  const goals = data?.goals || [];
  const open = goals.filter((g) => g.status === "OPEN");
  const closed = goals.filter((g) => g.status !== "OPEN");
  const dates = { min: rel.plannedStart, max: rel.plannedEnd };
  return html`<section aria-labelledby="goals-h">
    <h2 id="goals-h">${t("mentorships.goals.title")}</h2>
    ${!writable && html`<${Notice}>${t("mentorships.goals.readOnly")}<//>`}
    <p class="said" role="status">${said.value}</p>
    <${ErrorNote} error=${error} />
    ${!data && !error && html`<${Loading} />`}
    ${data && !goals.length && html`<${Empty}>${t("mentorships.goals.none")}<//>`}
    ${open.length > 0 &&
    html`<ul class="list goals">
      ${open.map((g) => html`<${GoalItem} key=${g.id} goal=${g} writable=${writable} dates=${dates} changed=${changed} />`)}
    </ul>`}
    ${closed.length > 0 &&
    html`<h3>${t("mentorships.goals.closed")}</h3>
      <ul class="list goals">
        ${closed.map((g) => html`<${GoalItem} key=${g.id} goal=${g} writable=${writable} dates=${dates} changed=${changed} />`)}
      </ul>`}
    ${writable && html`<${NewGoal} rel=${rel} dates=${dates} changed=${changed} />`}
  </section>`;
}

/** A date input's value for the API: "" means none. */
const dueValue = (value) => value || null;

function GoalItem({ goal, writable, dates, changed }) {
  const id = useId();
  const mode = useSignal("");
  const act = useAction(async (query, vars, message) => {
    await gql(query, vars);
    mode.value = "";
    changed(message);
  });
  const isOpen = goal.status === "OPEN";
  const can = writable && isOpen;
  const reached = goal.milestones.filter((m) => m.reachedAt).length;
  return html`<li class="goal">
    <div class="row">
      <h3 id=${`${id}-t`} class="grow">${goal.title}</h3>
      <span class="tag">${t(`mentorships.goalStatus.${goal.status}`)}</span>
    </div>
    <dl class="facts">
      ${goal.specificOutcome && html`<dt>${t("mentorships.goals.outcome")}</dt><dd class="text">${goal.specificOutcome}</dd>`}
      ${goal.measurableTarget && html`<dt>${t("mentorships.goals.target")}</dt><dd>${goal.measurableTarget}</dd>`}
      ${goal.dueOn && html`<dt>${t("mentorships.goals.due")}</dt><dd>${date(goal.dueOn)}</dd>`}
      ${goal.reachedAt && html`<dt>${t("mentorships.goals.reachedOn")}</dt><dd>${date(goal.reachedAt)}</dd>`}
      ${goal.evidence && html`<dt>${t("mentorships.goals.evidence")}</dt><dd class="text">${goal.evidence}</dd>`}
      ${goal.dropReason && html`<dt>${t("mentorships.goals.dropReason")}</dt><dd class="text">${goal.dropReason}</dd>`}
    </dl>
    <h4>${t("mentorships.goals.milestones")} <span class="muted">(${t("mentorships.goals.progress", { reached, total: goal.milestones.length })})</span></h4>
    ${goal.milestones.length
      ? html`<ul class="milestones">
          ${goal.milestones.map(
            (m) => html`<${MilestoneItem} key=${m.id} milestone=${m} can=${can} dates=${dates} act=${act} mode=${mode} />`,
          )}
        </ul>`
      : html`<p class="muted">${t("mentorships.goals.noMilestones")}</p>`}
    <${ErrorNote} error=${act.error.value} />
    ${mode.value === "edit" && html`<${EditGoal} goal=${goal} dates=${dates} act=${act} mode=${mode} />`}
    ${mode.value === "reach" && html`<${ReachGoal} goal=${goal} act=${act} mode=${mode} />`}
    ${mode.value === "drop" && html`<${DropGoal} goal=${goal} act=${act} mode=${mode} />`}
    ${mode.value === "add" && html`<${AddMilestone} goal=${goal} dates=${dates} act=${act} mode=${mode} />`}
    ${!mode.value &&
    writable &&
    html`<div class="row actions-row">
      ${isOpen
        ? html`<${Button} kind="secondary" aria-describedby=${`${id}-t`} onClick=${() => (mode.value = "add")}>${t("mentorships.goals.addMilestone")}<//>
            <${Button} kind="secondary" aria-describedby=${`${id}-t`} onClick=${() => (mode.value = "edit")}>${t("mentorships.goals.edit")}<//>
            <${Button} kind="secondary" aria-describedby=${`${id}-t`} onClick=${() => (mode.value = "reach")}>${t("mentorships.goals.reach")}<//>
            <${Button} kind="danger" aria-describedby=${`${id}-t`} onClick=${() => (mode.value = "drop")}>${t("mentorships.goals.drop")}<//>`
        : html`<${Button}
            kind="secondary"
            aria-describedby=${`${id}-t`}
            pending=${act.pending}
            onClick=${() => act.run(REOPEN, { id: goal.id }, t("mentorships.goals.reopened"))}
            >${t("mentorships.goals.reopen")}<//
          >`}
    </div>`}
  </li>`;
}

function MilestoneItem({ milestone: m, can, dates, act, mode }) {
  const id = useId();
  if (mode.value === `edit:${m.id}`) {
    return html`<li><${EditMilestone} milestone=${m} dates=${dates} act=${act} mode=${mode} /></li>`;
  }
  return html`<li class="milestone">
    <span id=${`${id}-t`} class="grow">
      <span class="mark" aria-hidden="true">${m.reachedAt ? "✓" : "○"}</span> ${m.title}
      ${m.dueOn && html` <span class="muted small">· ${t("mentorships.goals.dueShort", { date: date(m.dueOn) })}</span>`}
      ${" "}<span class=${`small ${m.reachedAt ? "ok" : "muted"}`}>
        · ${m.reachedAt ? t("mentorships.goals.milestoneReached", { date: date(m.reachedAt) }) : t("mentorships.goals.milestoneOpen")}
      </span>
    </span>
    ${mode.value === `remove:${m.id}` && html`<${RemoveMilestone} milestone=${m} labelledBy=${`${id}-t`} act=${act} mode=${mode} />`}
    ${can &&
    !mode.value &&
    html`<span class="row">
      ${!m.reachedAt &&
      html`<${Button}
        kind="secondary"
        aria-describedby=${`${id}-t`}
        pending=${act.pending}
        onClick=${() => act.run(REACH_MILESTONE, { id: m.id }, t("mentorships.goals.milestoneMarked"))}
        >${t("mentorships.goals.markReached")}<//
      >`}
      <${Button} kind="link" aria-describedby=${`${id}-t`} onClick=${() => (mode.value = `edit:${m.id}`)}>${t("common.edit")}<//>
      <${Button} kind="link" aria-describedby=${`${id}-t`} onClick=${() => (mode.value = `remove:${m.id}`)}>${t("common.delete")}<//>
    </span>`}
  </li>`;
}

function EditMilestone({ milestone: m, dates, act, mode }) {
  const title = useSignal(m.title);
  const due = useSignal(m.dueOn || "");
  const focus = useFocusFirst();
  const save = () =>
    act.run(EDIT_MILESTONE, { id: m.id, changes: { title: title.value, dueOn: dueValue(due.value) } }, t("mentorships.goals.milestoneSaved"));
  return html`<form class="card" ref=${focus} onSubmit=${onSubmit(save)}>
    <${Field} label=${t("mentorships.goals.milestoneTitle")} value=${title} required maxlength="200" />
    <${Field} label=${t("mentorships.goals.due")} type="date" value=${due} min=${dates.min} max=${dates.max} />
    <div class="row">
      <${Button} type="submit" pending=${act.pending}>${t("common.save")}<//>
      <${Button} type="button" kind="secondary" onClick=${() => (mode.value = "")}>${t("common.cancel")}<//>
    </div>
  </form>`;
}

function RemoveMilestone({ milestone: m, labelledBy, act, mode }) {
  const focus = useFocusFirst(".btn.secondary");
  return html`<span class="row" role="group" aria-describedby=${labelledBy} ref=${focus}>
    <span>${t("mentorships.goals.removeQuestion")}</span>
    <${Button}
      kind="danger"
      aria-describedby=${labelledBy}
      pending=${act.pending}
      onClick=${() => act.run(REMOVE_MILESTONE, { id: m.id }, t("mentorships.goals.milestoneRemoved"))}
      >${t("mentorships.goals.removeConfirm")}<//
    >
    <${Button} kind="secondary" onClick=${() => (mode.value = "")}>${t("common.cancel")}<//>
  </span>`;
}

function EditGoal({ goal, dates, act, mode }) {
  const title = useSignal(goal.title);
  const outcome = useSignal(goal.specificOutcome);
  const target = useSignal(goal.measurableTarget);
  const due = useSignal(goal.dueOn || "");
  const save = () =>
    act.run(
      EDIT,
      {
        id: goal.id,
        changes: { title: title.value, specificOutcome: outcome.value, measurableTarget: target.value, dueOn: dueValue(due.value) },
      },
      t("mentorships.goals.saved"),
    );
  const focus = useFocusFirst();
  return html`<form class="card" ref=${focus} onSubmit=${onSubmit(save)}>
    <${GoalFields} title=${title} outcome=${outcome} target=${target} due=${due} dates=${dates} />
    <div class="row">
      <${Button} type="submit" pending=${act.pending}>${t("common.save")}<//>
      <${Button} type="button" kind="secondary" onClick=${() => (mode.value = "")}>${t("common.cancel")}<//>
    </div>
  </form>`;
}

function GoalFields({ title, outcome, target, due, dates }) {
  return html`
    <${Field} label=${t("mentorships.goals.goalTitle")} value=${title} required maxlength="200" />
    <${Field} label=${t("mentorships.goals.outcome")} hint=${t("mentorships.goals.outcomeHint")} value=${outcome} multiline rows="3" maxlength="4000" />
    <${Field} label=${t("mentorships.goals.target")} hint=${t("mentorships.goals.targetHint")} value=${target} maxlength="4000" />
    <${Field} label=${t("mentorships.goals.due")} type="date" value=${due} min=${dates.min} max=${dates.max} />
  `;
}

function ReachGoal({ goal, act, mode }) {
  const evidence = useSignal("");
  const focus = useFocusFirst();
  return html`<form class="card" ref=${focus} onSubmit=${onSubmit(() => act.run(REACH, { id: goal.id, evidence: evidence.value }, t("mentorships.goals.reachedNow")))}>
    <${Field} label=${t("mentorships.goals.evidence")} hint=${t("mentorships.goals.evidenceHint")} value=${evidence} multiline rows="3" maxlength="4000" />
    <div class="row">
      <${Button} type="submit" pending=${act.pending}>${t("mentorships.goals.reachConfirm")}<//>
      <${Button} type="button" kind="secondary" onClick=${() => (mode.value = "")}>${t("common.cancel")}<//>
    </div>
  </form>`;
}

function DropGoal({ goal, act, mode }) {
  const reason = useSignal("");
  const focus = useFocusFirst();
  return html`<form class="card" ref=${focus} onSubmit=${onSubmit(() => act.run(DROP, { id: goal.id, reason: reason.value }, t("mentorships.goals.dropped")))}>
    <${Field} label=${t("mentorships.goals.dropReason")} value=${reason} multiline rows="3" required maxlength="2000" />
    <div class="row">
      <${Button} type="submit" kind="danger" pending=${act.pending}>${t("mentorships.goals.dropConfirm")}<//>
      <${Button} type="button" kind="secondary" onClick=${() => (mode.value = "")}>${t("common.cancel")}<//>
    </div>
  </form>`;
}

function AddMilestone({ goal, dates, act, mode }) {
  const title = useSignal("");
  const due = useSignal("");
  const add = () =>
    act.run(ADD_MILESTONE, { id: goal.id, input: { title: title.value, dueOn: dueValue(due.value) } }, t("mentorships.goals.milestoneAdded"));
  const focus = useFocusFirst();
  return html`<form class="card" ref=${focus} onSubmit=${onSubmit(add)}>
    <${Field} label=${t("mentorships.goals.milestoneTitle")} value=${title} required maxlength="200" />
    <${Field} label=${t("mentorships.goals.due")} type="date" value=${due} min=${dates.min} max=${dates.max} />
    <div class="row">
      <${Button} type="submit" pending=${act.pending}>${t("mentorships.goals.addMilestone")}<//>
      <${Button} type="button" kind="secondary" onClick=${() => (mode.value = "")}>${t("common.cancel")}<//>
    </div>
  </form>`;
}

function NewGoal({ rel, dates, changed }) {
  const title = useDraft(`goal:${rel.id}:title`);
  const outcome = useDraft(`goal:${rel.id}:outcome`);
  const target = useDraft(`goal:${rel.id}:target`);
  const milestones = useDraft(`goal:${rel.id}:milestones`);
  const due = useSignal("");
  const act = useAction(async () => {
    const input = {
      relationshipId: rel.id,
      title: title.value,
      specificOutcome: outcome.value,
      measurableTarget: target.value,
      dueOn: dueValue(due.value),
      milestones: milestones.value
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => ({ title: line })),
    };
    await gql(SET, { input });
    for (const draft of [title, outcome, target, milestones]) draft.clear();
    due.value = "";
    changed(t("mentorships.goals.set"));
  });
  return html`<form class="card" onSubmit=${onSubmit(act.run)} aria-labelledby="new-goal-h">
    <h3 id="new-goal-h">${t("mentorships.goals.new")}</h3>
    <${GoalFields} title=${title} outcome=${outcome} target=${target} due=${due} dates=${dates} />
    <${Field}
      label=${t("mentorships.goals.milestonesField")}
      hint=${t("mentorships.goals.milestonesHint")}
      value=${milestones}
      multiline
      rows="3"
    />
    <${ErrorNote} error=${act.error.value} />
    <${Button} type="submit" pending=${act.pending}>${t("mentorships.goals.setButton")}<//>
  </form>`;
}
