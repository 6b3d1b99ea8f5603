import{b as x,l as b}from"./chunk-ZRM264WE.js";import{a as y}from"./chunk-QEA2FKBX.js";import"./chunk-AMWPSUXE.js";import{A as s,C as f,H as p,J as k,K as C,L as G,M as S,N as M,O as E,P as $,Q as v,g as I,k as u,t as w,x as n}from"./chunk-LOJGHKBD.js";import"./chunk-N4BKRCPD.js";var T=`fragment Goal on Goal {
  id title specificOutcome measurableTarget dueOn status evidence dropReason reachedAt
  milestones { id title dueOn reachedAt }
}`,N=`query($r: ID!) { goals(relationshipId: $r) { ...Goal } }
${T}`,L=`mutation($input: GoalInput!) { setGoal(input: $input) { ...Goal } }
${T}`,q="mutation($id: ID!, $changes: GoalChanges!) { editGoal(goalId: $id, changes: $changes) { id } }",H="mutation($id: ID!, $evidence: String!) { reachGoal(goalId: $id, evidence: $evidence) { id } }",F="mutation($id: ID!, $reason: String!) { dropGoal(goalId: $id, reason: $reason) { id } }",P="mutation($id: ID!) { reopenGoal(goalId: $id) { id } }",_="mutation($id: ID!, $input: MilestoneInput!) { addMilestone(goalId: $id, input: $input) { id } }",B="mutation($id: ID!, $changes: MilestoneChanges!) { editMilestone(milestoneId: $id, changes: $changes) { id } }",Q="mutation($id: ID!) { reachMilestone(milestoneId: $id) { id } }",V="mutation($id: ID!) { removeMilestone(milestoneId: $id) { id } }";function le({relationship:e}){let{data:i,error:a,reload:l}=M(N,{r:e.id},[e.id]),t=x.includes(e.status),o=u(""),d=m=>{o.value=m,l()},r=i?.goals||[],h=r.filter(m=>m.status==="OPEN"),g=r.filter(m=>m.status!=="OPEN"),c={min:e.plannedStart,max:e.plannedEnd};return n`<section aria-labelledby="goals-h">
    <h2 id="goals-h">${s("mentorships.goals.title")}</h2>
    ${!t&&n`<${C}>${s("mentorships.goals.readOnly")}<//>`}
    <p class="said" role="status">${o.value}</p>
    <${k} error=${a} />
    ${!i&&!a&&n`<${G} />`}
    ${i&&!r.length&&n`<${S}>${s("mentorships.goals.none")}<//>`}
    ${h.length>0&&n`<ul class="list goals">
      ${h.map(m=>n`<${A} key=${m.id} goal=${m} writable=${t} dates=${c} changed=${d} />`)}
    </ul>`}
    ${g.length>0&&n`<h3>${s("mentorships.goals.closed")}</h3>
      <ul class="list goals">
        ${g.map(m=>n`<${A} key=${m.id} goal=${m} writable=${t} dates=${c} changed=${d} />`)}
      </ul>`}
    ${t&&n`<${Y} rel=${e} dates=${c} changed=${d} />`}
  </section>`}var O=e=>e||null;function A({goal:e,writable:i,dates:a,changed:l}){let t=I(),o=u(""),d=E(async(c,m,R)=>{await w(c,m),o.value="",l(R)}),r=e.status==="OPEN",h=i&&r,g=e.milestones.filter(c=>c.reachedAt).length;return n`<li class="goal">
    <div class="row">
      <h3 id=${`${t}-t`} class="grow">${e.title}</h3>
      <span class="tag">${s(`mentorships.goalStatus.${e.status}`)}</span>
    </div>
    <dl class="facts">
      ${e.specificOutcome&&n`<dt>${s("mentorships.goals.outcome")}</dt><dd class="text">${e.specificOutcome}</dd>`}
      ${e.measurableTarget&&n`<dt>${s("mentorships.goals.target")}</dt><dd>${e.measurableTarget}</dd>`}
      ${e.dueOn&&n`<dt>${s("mentorships.goals.due")}</dt><dd>${f(e.dueOn)}</dd>`}
      ${e.reachedAt&&n`<dt>${s("mentorships.goals.reachedOn")}</dt><dd>${f(e.reachedAt)}</dd>`}
      ${e.evidence&&n`<dt>${s("mentorships.goals.evidence")}</dt><dd class="text">${e.evidence}</dd>`}
      ${e.dropReason&&n`<dt>${s("mentorships.goals.dropReason")}</dt><dd class="text">${e.dropReason}</dd>`}
    </dl>
    <h4>${s("mentorships.goals.milestones")} <span class="muted">(${s("mentorships.goals.progress",{reached:g,total:e.milestones.length})})</span></h4>
    ${e.milestones.length?n`<ul class="milestones">
          ${e.milestones.map(c=>n`<${K} key=${c.id} milestone=${c} can=${h} dates=${a} act=${d} mode=${o} />`)}
        </ul>`:n`<p class="muted">${s("mentorships.goals.noMilestones")}</p>`}
    <${k} error=${d.error.value} />
    ${o.value==="edit"&&n`<${z} goal=${e} dates=${a} act=${d} mode=${o} />`}
    ${o.value==="reach"&&n`<${J} goal=${e} act=${d} mode=${o} />`}
    ${o.value==="drop"&&n`<${U} goal=${e} act=${d} mode=${o} />`}
    ${o.value==="add"&&n`<${X} goal=${e} dates=${a} act=${d} mode=${o} />`}
    ${!o.value&&i&&n`<div class="row actions-row">
      ${r?n`<${$} kind="secondary" aria-describedby=${`${t}-t`} onClick=${()=>o.value="add"}>${s("mentorships.goals.addMilestone")}<//>
            <${$} kind="secondary" aria-describedby=${`${t}-t`} onClick=${()=>o.value="edit"}>${s("mentorships.goals.edit")}<//>
            <${$} kind="secondary" aria-describedby=${`${t}-t`} onClick=${()=>o.value="reach"}>${s("mentorships.goals.reach")}<//>
            <${$} kind="danger" aria-describedby=${`${t}-t`} onClick=${()=>o.value="drop"}>${s("mentorships.goals.drop")}<//>`:n`<${$}
            kind="secondary"
            aria-describedby=${`${t}-t`}
            pending=${d.pending}
            onClick=${()=>d.run(P,{id:e.id},s("mentorships.goals.reopened"))}
            >${s("mentorships.goals.reopen")}<//
          >`}
    </div>`}
  </li>`}function K({milestone:e,can:i,dates:a,act:l,mode:t}){let o=I();return t.value===`edit:${e.id}`?n`<li><${W} milestone=${e} dates=${a} act=${l} mode=${t} /></li>`:n`<li class="milestone">
    <span id=${`${o}-t`} class="grow">
      <span class="mark" aria-hidden="true">${e.reachedAt?"\u2713":"\u25CB"}</span> ${e.title}
      ${e.dueOn&&n` <span class="muted small">· ${s("mentorships.goals.dueShort",{date:f(e.dueOn)})}</span>`}
      ${" "}<span class=${`small ${e.reachedAt?"ok":"muted"}`}>
        · ${e.reachedAt?s("mentorships.goals.milestoneReached",{date:f(e.reachedAt)}):s("mentorships.goals.milestoneOpen")}
      </span>
    </span>
    ${t.value===`remove:${e.id}`&&n`<${j} milestone=${e} labelledBy=${`${o}-t`} act=${l} mode=${t} />`}
    ${i&&!t.value&&n`<span class="row">
      ${!e.reachedAt&&n`<${$}
        kind="secondary"
        aria-describedby=${`${o}-t`}
        pending=${l.pending}
        onClick=${()=>l.run(Q,{id:e.id},s("mentorships.goals.milestoneMarked"))}
        >${s("mentorships.goals.markReached")}<//
      >`}
      <${$} kind="link" aria-describedby=${`${o}-t`} onClick=${()=>t.value=`edit:${e.id}`}>${s("common.edit")}<//>
      <${$} kind="link" aria-describedby=${`${o}-t`} onClick=${()=>t.value=`remove:${e.id}`}>${s("common.delete")}<//>
    </span>`}
  </li>`}function W({milestone:e,dates:i,act:a,mode:l}){let t=u(e.title),o=u(e.dueOn||""),d=b();return n`<form class="card" ref=${d} onSubmit=${v(()=>a.run(B,{id:e.id,changes:{title:t.value,dueOn:O(o.value)}},s("mentorships.goals.milestoneSaved")))}>
    <${p} label=${s("mentorships.goals.milestoneTitle")} value=${t} required maxlength="200" />
    <${p} label=${s("mentorships.goals.due")} type="date" value=${o} min=${i.min} max=${i.max} />
    <div class="row">
      <${$} type="submit" pending=${a.pending}>${s("common.save")}<//>
      <${$} type="button" kind="secondary" onClick=${()=>l.value=""}>${s("common.cancel")}<//>
    </div>
  </form>`}function j({milestone:e,labelledBy:i,act:a,mode:l}){let t=b(".btn.secondary");return n`<span class="row" role="group" aria-describedby=${i} ref=${t}>
    <span>${s("mentorships.goals.removeQuestion")}</span>
    <${$}
      kind="danger"
      aria-describedby=${i}
      pending=${a.pending}
      onClick=${()=>a.run(V,{id:e.id},s("mentorships.goals.milestoneRemoved"))}
      >${s("mentorships.goals.removeConfirm")}<//
    >
    <${$} kind="secondary" onClick=${()=>l.value=""}>${s("common.cancel")}<//>
  </span>`}function z({goal:e,dates:i,act:a,mode:l}){let t=u(e.title),o=u(e.specificOutcome),d=u(e.measurableTarget),r=u(e.dueOn||""),h=()=>a.run(q,{id:e.id,changes:{title:t.value,specificOutcome:o.value,measurableTarget:d.value,dueOn:O(r.value)}},s("mentorships.goals.saved")),g=b();return n`<form class="card" ref=${g} onSubmit=${v(h)}>
    <${D} title=${t} outcome=${o} target=${d} due=${r} dates=${i} />
    <div class="row">
      <${$} type="submit" pending=${a.pending}>${s("common.save")}<//>
      <${$} type="button" kind="secondary" onClick=${()=>l.value=""}>${s("common.cancel")}<//>
    </div>
  </form>`}function D({title:e,outcome:i,target:a,due:l,dates:t}){return n`
    <${p} label=${s("mentorships.goals.goalTitle")} value=${e} required maxlength="200" />
    <${p} label=${s("mentorships.goals.outcome")} hint=${s("mentorships.goals.outcomeHint")} value=${i} multiline rows="3" maxlength="4000" />
    <${p} label=${s("mentorships.goals.target")} hint=${s("mentorships.goals.targetHint")} value=${a} maxlength="4000" />
    <${p} label=${s("mentorships.goals.due")} type="date" value=${l} min=${t.min} max=${t.max} />
  `}function J({goal:e,act:i,mode:a}){let l=u(""),t=b();return n`<form class="card" ref=${t} onSubmit=${v(()=>i.run(H,{id:e.id,evidence:l.value},s("mentorships.goals.reachedNow")))}>
    <${p} label=${s("mentorships.goals.evidence")} hint=${s("mentorships.goals.evidenceHint")} value=${l} multiline rows="3" maxlength="4000" />
    <div class="row">
      <${$} type="submit" pending=${i.pending}>${s("mentorships.goals.reachConfirm")}<//>
      <${$} type="button" kind="secondary" onClick=${()=>a.value=""}>${s("common.cancel")}<//>
    </div>
  </form>`}function U({goal:e,act:i,mode:a}){let l=u(""),t=b();return n`<form class="card" ref=${t} onSubmit=${v(()=>i.run(F,{id:e.id,reason:l.value},s("mentorships.goals.dropped")))}>
    <${p} label=${s("mentorships.goals.dropReason")} value=${l} multiline rows="3" required maxlength="2000" />
    <div class="row">
      <${$} type="submit" kind="danger" pending=${i.pending}>${s("mentorships.goals.dropConfirm")}<//>
      <${$} type="button" kind="secondary" onClick=${()=>a.value=""}>${s("common.cancel")}<//>
    </div>
  </form>`}function X({goal:e,dates:i,act:a,mode:l}){let t=u(""),o=u(""),d=()=>a.run(_,{id:e.id,input:{title:t.value,dueOn:O(o.value)}},s("mentorships.goals.milestoneAdded")),r=b();return n`<form class="card" ref=${r} onSubmit=${v(d)}>
    <${p} label=${s("mentorships.goals.milestoneTitle")} value=${t} required maxlength="200" />
    <${p} label=${s("mentorships.goals.due")} type="date" value=${o} min=${i.min} max=${i.max} />
    <div class="row">
      <${$} type="submit" pending=${a.pending}>${s("mentorships.goals.addMilestone")}<//>
      <${$} type="button" kind="secondary" onClick=${()=>l.value=""}>${s("common.cancel")}<//>
    </div>
  </form>`}function Y({rel:e,dates:i,changed:a}){let l=y(`goal:${e.id}:title`),t=y(`goal:${e.id}:outcome`),o=y(`goal:${e.id}:target`),d=y(`goal:${e.id}:milestones`),r=u(""),h=E(async()=>{let g={relationshipId:e.id,title:l.value,specificOutcome:t.value,measurableTarget:o.value,dueOn:O(r.value),milestones:d.value.split(`
`).map(c=>c.trim()).filter(Boolean).map(c=>({title:c}))};await w(L,{input:g});for(let c of[l,t,o,d])c.clear();r.value="",a(s("mentorships.goals.set"))});return n`<form class="card" onSubmit=${v(h.run)} aria-labelledby="new-goal-h">
    <h3 id="new-goal-h">${s("mentorships.goals.new")}</h3>
    <${D} title=${l} outcome=${t} target=${o} due=${r} dates=${i} />
    <${p}
      label=${s("mentorships.goals.milestonesField")}
      hint=${s("mentorships.goals.milestonesHint")}
      value=${d}
      multiline
      rows="3"
    />
    <${k} error=${h.error.value} />
    <${$} type="submit" pending=${h.pending}>${s("mentorships.goals.setButton")}<//>
  </form>`}export{le as GoalsTab};
