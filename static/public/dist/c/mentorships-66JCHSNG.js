import{a as O}from"./chunk-SLEOHQMK.js";import{A as L,B as R,C as W,E as J,H as ve,J as D,K as H,L as k,M as _,N as v,O as Y,P as E,Q as N,R as T,S as x,T as p,U as S,c as ne,d as q,e as Q,g as M,k as h,m as fe,n as P,s as oe,t as I,w as n,x as B,z as e}from"./chunk-UMX5TATM.js";import"./chunk-N4BKRCPD.js";var _e="query($p: ID!) { concernReports(programmeId: $p) { id relationshipId text status resolution createdAt resolvedAt } }",ze="mutation($r: ID!, $text: String!) { reportConcern(relationshipId: $r, text: $text) { id status } }";function be({relationship:s}){let{data:t,error:o,reload:a}=T(_e,{p:s.programme.id},[s.programme.id]),i=O(`concern:${s.id}`),r=h(!1),l=x(async()=>{await I(ze,{r:s.id,text:i.value}),i.clear(),r.value=!0,a()}),c=t?t.concernReports.filter(m=>m.relationshipId===s.id):[];return n`<section aria-labelledby="concern-h">
      <h2 id="concern-h">${e("mentorships.concern.title")}</h2>
      <p>${e("mentorships.concern.explain")}</p>
      <p class="muted small">${e("mentorships.concern.urgent")}</p>
      <div aria-live="polite">
        ${r.value&&n`<p class="note ok">${e("mentorships.concern.sent")}</p>`}
      </div>
      <form class="card" onSubmit=${S(l.run)}>
        <${k}
          label=${e("mentorships.concern.text")}
          hint=${e("mentorships.concern.hint")}
          value=${i}
          multiline
          rows="5"
          required
          maxlength="5000"
        />
        <${v} error=${l.error.value} />
        <${p} type="submit" pending=${l.pending}>${e("mentorships.concern.send")}<//>
      </form>
    </section>
    <section aria-labelledby="concern-mine-h">
      <h2 id="concern-mine-h">${e("mentorships.concern.mine")}</h2>
      <${v} error=${o} />
      ${!t&&!o&&n`<${E} />`}
      ${t&&(c.length?n`<ul class="list">
            ${c.map(m=>n`<li>
                <p class="row small">
                  <span class="tag plain">${e(`mentorships.concernStatus.${m.status}`)}</span>
                  <span class="muted">${L(m.createdAt)}</span>
                </p>
                <p class="text">${m.text}</p>
                ${m.resolution&&n`<p class="text"><strong>${e("mentorships.concern.resolution")}</strong> ${m.resolution}</p>`}
              </li>`)}
          </ul>`:n`<p class="muted">${e("mentorships.concern.none")}</p>`)}
    </section>`}var ke=["PROPOSED","ACTIVE","PAUSED"],j=["ACTIVE","PAUSED"],Z=`fragment Rel on Relationship {
  id status mentoringModel origin createdAt startedAt endedAt endReason plannedStart plannedEnd guidelines
  mentor { id displayName } moderator { id displayName } members { id displayName } acknowledgedBy { id }
  programme { id name guidelinesId guidelinesEn }
}`,We=(s,t)=>`/mentorships/${encodeURIComponent(s)}${t?`?tab=${t}`:""}`,F=(s,t)=>D(We(s,t));function ae(s){return new Intl.ListFormat(B.value==="en"?"en-GB":"id-ID",{type:"conjunction"}).format(s)}function z(s){return[...s.mentor?[s.mentor]:[],...s.members.filter(t=>t.id!==s.mentor?.id)]}function Ke(s,t){return z(s).filter(o=>o.id!==t)}function K(s,t){let o=Ke(s,t).map(a=>a.displayName);return o.length?e("mentorships.with",{names:ae(o)}):e("mentorships.untitled")}var ie=(s,t)=>s.mentor&&s.mentor.id===t?"mentor":"member";function ye(s,t){return s.mentor&&t.id===s.mentor.id?e("mentorships.role.mentor"):["PEER","CIRCLE","COMMUNITY_OF_PRACTICE"].includes(s.mentoringModel)?e("mentorships.role.member"):e("mentorships.role.mentee")}function re({status:s}){return n`<span class=${`tag status-${s.toLowerCase()}`}>${e(`mentorships.status.${s}`)}</span>`}function le({model:s}){return n`<span class="tag plain">${e(`mentorships.model.${s}`)}</span>`}function U(s="input, textarea, select, button"){let t=Q(null);return q(()=>t.current?.querySelector(s)?.focus(),[]),t}function de({children:s,selector:t}){let o=U(t);return n`<div ref=${o}>${s}</div>`}var xe=`fragment Goal on Goal {
  id title specificOutcome measurableTarget dueOn status evidence dropReason reachedAt
  milestones { id title dueOn reachedAt }
}`,Ve=`query($r: ID!) { goals(relationshipId: $r) { ...Goal } }
${xe}`,Qe=`mutation($input: GoalInput!) { setGoal(input: $input) { ...Goal } }
${xe}`,Je="mutation($id: ID!, $changes: GoalChanges!) { editGoal(goalId: $id, changes: $changes) { id } }",Ye="mutation($id: ID!, $evidence: String!) { reachGoal(goalId: $id, evidence: $evidence) { id } }",Ze="mutation($id: ID!, $reason: String!) { dropGoal(goalId: $id, reason: $reason) { id } }",Xe="mutation($id: ID!) { reopenGoal(goalId: $id) { id } }",es="mutation($id: ID!, $input: MilestoneInput!) { addMilestone(goalId: $id, input: $input) { id } }",ss="mutation($id: ID!, $changes: MilestoneChanges!) { editMilestone(milestoneId: $id, changes: $changes) { id } }",ts="mutation($id: ID!) { reachMilestone(milestoneId: $id) { id } }",ns="mutation($id: ID!) { removeMilestone(milestoneId: $id) { id } }";function Ie({relationship:s}){let{data:t,error:o,reload:a}=T(Ve,{r:s.id},[s.id]),i=j.includes(s.status),r=h(""),l=u=>{r.value=u,a()},c=t?.goals||[],m=c.filter(u=>u.status==="OPEN"),$=c.filter(u=>u.status!=="OPEN"),d={min:s.plannedStart,max:s.plannedEnd};return n`<section aria-labelledby="goals-h">
    <h2 id="goals-h">${e("mentorships.goals.title")}</h2>
    ${!i&&n`<${Y}>${e("mentorships.goals.readOnly")}<//>`}
    <p class="said" role="status">${r.value}</p>
    <${v} error=${o} />
    ${!t&&!o&&n`<${E} />`}
    ${t&&!c.length&&n`<${N}>${e("mentorships.goals.none")}<//>`}
    ${m.length>0&&n`<ul class="list goals">
      ${m.map(u=>n`<${we} key=${u.id} goal=${u} writable=${i} dates=${d} changed=${l} />`)}
    </ul>`}
    ${$.length>0&&n`<h3>${e("mentorships.goals.closed")}</h3>
      <ul class="list goals">
        ${$.map(u=>n`<${we} key=${u.id} goal=${u} writable=${i} dates=${d} changed=${l} />`)}
      </ul>`}
    ${i&&n`<${$s} rel=${s} dates=${d} changed=${l} />`}
  </section>`}var X=s=>s||null;function we({goal:s,writable:t,dates:o,changed:a}){let i=M(),r=h(""),l=x(async(d,u,f)=>{await I(d,u),r.value="",a(f)}),c=s.status==="OPEN",m=t&&c,$=s.milestones.filter(d=>d.reachedAt).length;return n`<li class="goal">
    <div class="row">
      <h3 id=${`${i}-t`} class="grow">${s.title}</h3>
      <span class="tag">${e(`mentorships.goalStatus.${s.status}`)}</span>
    </div>
    <dl class="facts">
      ${s.specificOutcome&&n`<dt>${e("mentorships.goals.outcome")}</dt><dd class="text">${s.specificOutcome}</dd>`}
      ${s.measurableTarget&&n`<dt>${e("mentorships.goals.target")}</dt><dd>${s.measurableTarget}</dd>`}
      ${s.dueOn&&n`<dt>${e("mentorships.goals.due")}</dt><dd>${R(s.dueOn)}</dd>`}
      ${s.reachedAt&&n`<dt>${e("mentorships.goals.reachedOn")}</dt><dd>${R(s.reachedAt)}</dd>`}
      ${s.evidence&&n`<dt>${e("mentorships.goals.evidence")}</dt><dd class="text">${s.evidence}</dd>`}
      ${s.dropReason&&n`<dt>${e("mentorships.goals.dropReason")}</dt><dd class="text">${s.dropReason}</dd>`}
    </dl>
    <h4>${e("mentorships.goals.milestones")} <span class="muted">(${e("mentorships.goals.progress",{reached:$,total:s.milestones.length})})</span></h4>
    ${s.milestones.length?n`<ul class="milestones">
          ${s.milestones.map(d=>n`<${os} key=${d.id} milestone=${d} can=${m} dates=${o} act=${l} mode=${r} />`)}
        </ul>`:n`<p class="muted">${e("mentorships.goals.noMilestones")}</p>`}
    <${v} error=${l.error.value} />
    ${r.value==="edit"&&n`<${rs} goal=${s} dates=${o} act=${l} mode=${r} />`}
    ${r.value==="reach"&&n`<${ls} goal=${s} act=${l} mode=${r} />`}
    ${r.value==="drop"&&n`<${ds} goal=${s} act=${l} mode=${r} />`}
    ${r.value==="add"&&n`<${cs} goal=${s} dates=${o} act=${l} mode=${r} />`}
    ${!r.value&&t&&n`<div class="row actions-row">
      ${c?n`<${p} kind="secondary" aria-describedby=${`${i}-t`} onClick=${()=>r.value="add"}>${e("mentorships.goals.addMilestone")}<//>
            <${p} kind="secondary" aria-describedby=${`${i}-t`} onClick=${()=>r.value="edit"}>${e("mentorships.goals.edit")}<//>
            <${p} kind="secondary" aria-describedby=${`${i}-t`} onClick=${()=>r.value="reach"}>${e("mentorships.goals.reach")}<//>
            <${p} kind="danger" aria-describedby=${`${i}-t`} onClick=${()=>r.value="drop"}>${e("mentorships.goals.drop")}<//>`:n`<${p}
            kind="secondary"
            aria-describedby=${`${i}-t`}
            pending=${l.pending}
            onClick=${()=>l.run(Xe,{id:s.id},e("mentorships.goals.reopened"))}
            >${e("mentorships.goals.reopen")}<//
          >`}
    </div>`}
  </li>`}function os({milestone:s,can:t,dates:o,act:a,mode:i}){let r=M();return i.value===`edit:${s.id}`?n`<li><${as} milestone=${s} dates=${o} act=${a} mode=${i} /></li>`:n`<li class="milestone">
    <span id=${`${r}-t`} class="grow">
      <span class="mark" aria-hidden="true">${s.reachedAt?"\u2713":"\u25CB"}</span> ${s.title}
      ${s.dueOn&&n` <span class="muted small">· ${e("mentorships.goals.dueShort",{date:R(s.dueOn)})}</span>`}
      ${" "}<span class=${`small ${s.reachedAt?"ok":"muted"}`}>
        · ${s.reachedAt?e("mentorships.goals.milestoneReached",{date:R(s.reachedAt)}):e("mentorships.goals.milestoneOpen")}
      </span>
    </span>
    ${i.value===`remove:${s.id}`&&n`<${is} milestone=${s} labelledBy=${`${r}-t`} act=${a} mode=${i} />`}
    ${t&&!i.value&&n`<span class="row">
      ${!s.reachedAt&&n`<${p}
        kind="secondary"
        aria-describedby=${`${r}-t`}
        pending=${a.pending}
        onClick=${()=>a.run(ts,{id:s.id},e("mentorships.goals.milestoneMarked"))}
        >${e("mentorships.goals.markReached")}<//
      >`}
      <${p} kind="link" aria-describedby=${`${r}-t`} onClick=${()=>i.value=`edit:${s.id}`}>${e("common.edit")}<//>
      <${p} kind="link" aria-describedby=${`${r}-t`} onClick=${()=>i.value=`remove:${s.id}`}>${e("common.delete")}<//>
    </span>`}
  </li>`}function as({milestone:s,dates:t,act:o,mode:a}){let i=h(s.title),r=h(s.dueOn||""),l=U();return n`<form class="card" ref=${l} onSubmit=${S(()=>o.run(ss,{id:s.id,changes:{title:i.value,dueOn:X(r.value)}},e("mentorships.goals.milestoneSaved")))}>
    <${k} label=${e("mentorships.goals.milestoneTitle")} value=${i} required maxlength="200" />
    <${k} label=${e("mentorships.goals.due")} type="date" value=${r} min=${t.min} max=${t.max} />
    <div class="row">
      <${p} type="submit" pending=${o.pending}>${e("common.save")}<//>
      <${p} type="button" kind="secondary" onClick=${()=>a.value=""}>${e("common.cancel")}<//>
    </div>
  </form>`}function is({milestone:s,labelledBy:t,act:o,mode:a}){let i=U(".btn.secondary");return n`<span class="row" role="group" aria-describedby=${t} ref=${i}>
    <span>${e("mentorships.goals.removeQuestion")}</span>
    <${p}
      kind="danger"
      aria-describedby=${t}
      pending=${o.pending}
      onClick=${()=>o.run(ns,{id:s.id},e("mentorships.goals.milestoneRemoved"))}
      >${e("mentorships.goals.removeConfirm")}<//
    >
    <${p} kind="secondary" onClick=${()=>a.value=""}>${e("common.cancel")}<//>
  </span>`}function rs({goal:s,dates:t,act:o,mode:a}){let i=h(s.title),r=h(s.specificOutcome),l=h(s.measurableTarget),c=h(s.dueOn||""),m=()=>o.run(Je,{id:s.id,changes:{title:i.value,specificOutcome:r.value,measurableTarget:l.value,dueOn:X(c.value)}},e("mentorships.goals.saved")),$=U();return n`<form class="card" ref=${$} onSubmit=${S(m)}>
    <${Se} title=${i} outcome=${r} target=${l} due=${c} dates=${t} />
    <div class="row">
      <${p} type="submit" pending=${o.pending}>${e("common.save")}<//>
      <${p} type="button" kind="secondary" onClick=${()=>a.value=""}>${e("common.cancel")}<//>
    </div>
  </form>`}function Se({title:s,outcome:t,target:o,due:a,dates:i}){return n`
    <${k} label=${e("mentorships.goals.goalTitle")} value=${s} required maxlength="200" />
    <${k} label=${e("mentorships.goals.outcome")} hint=${e("mentorships.goals.outcomeHint")} value=${t} multiline rows="3" maxlength="4000" />
    <${k} label=${e("mentorships.goals.target")} hint=${e("mentorships.goals.targetHint")} value=${o} maxlength="4000" />
    <${k} label=${e("mentorships.goals.due")} type="date" value=${a} min=${i.min} max=${i.max} />
  `}function ls({goal:s,act:t,mode:o}){let a=h(""),i=U();return n`<form class="card" ref=${i} onSubmit=${S(()=>t.run(Ye,{id:s.id,evidence:a.value},e("mentorships.goals.reachedNow")))}>
    <${k} label=${e("mentorships.goals.evidence")} hint=${e("mentorships.goals.evidenceHint")} value=${a} multiline rows="3" maxlength="4000" />
    <div class="row">
      <${p} type="submit" pending=${t.pending}>${e("mentorships.goals.reachConfirm")}<//>
      <${p} type="button" kind="secondary" onClick=${()=>o.value=""}>${e("common.cancel")}<//>
    </div>
  </form>`}function ds({goal:s,act:t,mode:o}){let a=h(""),i=U();return n`<form class="card" ref=${i} onSubmit=${S(()=>t.run(Ze,{id:s.id,reason:a.value},e("mentorships.goals.dropped")))}>
    <${k} label=${e("mentorships.goals.dropReason")} value=${a} multiline rows="3" required maxlength="2000" />
    <div class="row">
      <${p} type="submit" kind="danger" pending=${t.pending}>${e("mentorships.goals.dropConfirm")}<//>
      <${p} type="button" kind="secondary" onClick=${()=>o.value=""}>${e("common.cancel")}<//>
    </div>
  </form>`}function cs({goal:s,dates:t,act:o,mode:a}){let i=h(""),r=h(""),l=()=>o.run(es,{id:s.id,input:{title:i.value,dueOn:X(r.value)}},e("mentorships.goals.milestoneAdded")),c=U();return n`<form class="card" ref=${c} onSubmit=${S(l)}>
    <${k} label=${e("mentorships.goals.milestoneTitle")} value=${i} required maxlength="200" />
    <${k} label=${e("mentorships.goals.due")} type="date" value=${r} min=${t.min} max=${t.max} />
    <div class="row">
      <${p} type="submit" pending=${o.pending}>${e("mentorships.goals.addMilestone")}<//>
      <${p} type="button" kind="secondary" onClick=${()=>a.value=""}>${e("common.cancel")}<//>
    </div>
  </form>`}function $s({rel:s,dates:t,changed:o}){let a=O(`goal:${s.id}:title`),i=O(`goal:${s.id}:outcome`),r=O(`goal:${s.id}:target`),l=O(`goal:${s.id}:milestones`),c=h(""),m=x(async()=>{let $={relationshipId:s.id,title:a.value,specificOutcome:i.value,measurableTarget:r.value,dueOn:X(c.value),milestones:l.value.split(`
`).map(d=>d.trim()).filter(Boolean).map(d=>({title:d}))};await I(Qe,{input:$});for(let d of[a,i,r,l])d.clear();c.value="",o(e("mentorships.goals.set"))});return n`<form class="card" onSubmit=${S(m.run)} aria-labelledby="new-goal-h">
    <h3 id="new-goal-h">${e("mentorships.goals.new")}</h3>
    <${Se} title=${a} outcome=${i} target=${r} due=${c} dates=${t} />
    <${k}
      label=${e("mentorships.goals.milestonesField")}
      hint=${e("mentorships.goals.milestonesHint")}
      value=${l}
      multiline
      rows="3"
    />
    <${v} error=${m.error.value} />
    <${p} type="submit" pending=${m.pending}>${e("mentorships.goals.setButton")}<//>
  </form>`}var ms=`query($r: ID!) { journals(relationshipId: $r) {
  myStreak journals { weekOf reflection learned nextStep shared updatedAt authorId }
} }`,us="mutation($input: JournalInput!) { submitJournal(input: $input) { weekOf updatedAt } }";function ps(){let s=new Date;return new Date(Date.UTC(s.getUTCFullYear(),s.getUTCMonth(),s.getUTCDate()-(s.getUTCDay()+6)%7)).toISOString().slice(0,10)}function Ae({relationship:s}){let{data:t,error:o,reload:a}=T(ms,{r:s.id},[s.id]),i=h("");if(!t)return n`<section><h2>${e("mentorships.journal.title")}</h2><${v} error=${o} />${!o&&n`<${E} />`}</section>`;let{journals:r,myStreak:l}=t.journals,c=ps(),m=r.find(f=>f.authorId===s.viewerId&&f.weekOf===c),$=Object.fromEntries(z(s).map(f=>[f.id,f.displayName])),d=[...r].sort((f,g)=>f.weekOf<g.weekOf?1:f.weekOf>g.weekOf?-1:0),u=j.includes(s.status);return n`<section aria-labelledby="journal-h">
      <h2 id="journal-h">${e("mentorships.journal.title")}</h2>
      <p class="streak">
        ${l?e("mentorships.journal.streak",{weeks:W(l)}):e("mentorships.journal.noStreak")}
      </p>
      <p class="said" role="status">${i.value}</p>
      ${u?n`<${hs}
            key=${m?.updatedAt||"new"}
            rel=${s}
            current=${m}
            done=${f=>(i.value=f,a())}
          />`:n`<${Y}>${e("mentorships.journal.readOnly")}<//>`}
    </section>
    <section aria-labelledby="entries-h">
      <h2 id="entries-h">${e("mentorships.journal.entries")}</h2>
      <${v} error=${o} />
      ${d.length?n`<ul class="list entries">
            ${d.map(f=>n`<${gs} entry=${f} mine=${f.authorId===s.viewerId} author=${$[f.authorId]} />`)}
          </ul>`:n`<${N}>${s.viewerRole==="mentor"?e("mentorships.journal.noneMentor"):e("mentorships.journal.none")}<//>`}
    </section>`}function hs({rel:s,current:t,done:o}){let a=`journal:${s.id}`,i=O(`${a}:reflection`,t?.reflection||""),r=O(`${a}:learned`,t?.learned||""),l=O(`${a}:nextStep`,t?.nextStep||""),c=h(t?t.shared:!1),m=s.viewerRole==="mentor",$=[[i,t?.reflection],[r,t?.learned],[l,t?.nextStep]].some(([u,f])=>u.value&&u.value!==(f||"")),d=x(async()=>{await I(us,{input:{relationshipId:s.id,reflection:i.value,learned:r.value,nextStep:l.value,shared:m?!1:c.value}});for(let u of[i,r,l])u.clear();o(t?e("mentorships.journal.updated"):e("mentorships.journal.sent"))});return n`<form class="card" onSubmit=${S(d.run)} aria-labelledby="journal-form-h">
    <h3 id="journal-form-h">${t?e("mentorships.journal.editWeek"):e("mentorships.journal.newWeek")}</h3>
    <p class="muted small">${e("mentorships.journal.hint")}</p>
    <${k} label=${e("mentorships.journal.reflection")} value=${i} multiline rows="4" maxlength="4000" />
    <${k} label=${e("mentorships.journal.learned")} value=${r} multiline rows="3" maxlength="4000" />
    <${k} label=${e("mentorships.journal.nextStep")} value=${l} multiline rows="2" maxlength="4000" />
    ${m?n`<p class="muted small">${e("mentorships.journal.mentorPrivate")}</p>`:n`<${k}
          type="checkbox"
          label=${e("mentorships.journal.share")}
          hint=${e("mentorships.journal.shareHint")}
          value=${c}
        />`}
    ${$&&n`<p class="muted small">${e("mentorships.journal.draftKept")}</p>`}
    <${v} error=${d.error.value} />
    <${p} type="submit" pending=${d.pending}>${t?e("mentorships.journal.update"):e("mentorships.journal.submit")}<//>
  </form>`}function gs({entry:s,mine:t,author:o}){return n`<li class="entry">
    <h3>${e("mentorships.journal.weekOf",{date:R(s.weekOf)})}</h3>
    <p class="row small">
      <span>${t?e("mentorships.journal.byYou"):e("mentorships.journal.by",{name:o||"?"})}</span>
      <span class="tag plain">${s.shared?e("mentorships.journal.shared"):e("mentorships.journal.private")}</span>
      <span class="muted">${e("mentorships.journal.updatedAt",{when:L(s.updatedAt)})}</span>
    </p>
    <dl class="facts">
      ${s.reflection&&n`<dt>${e("mentorships.journal.reflection")}</dt><dd class="text">${s.reflection}</dd>`}
      ${s.learned&&n`<dt>${e("mentorships.journal.learned")}</dt><dd class="text">${s.learned}</dd>`}
      ${s.nextStep&&n`<dt>${e("mentorships.journal.nextStep")}</dt><dd class="text">${s.nextStep}</dd>`}
    </dl>
  </li>`}var fs=`query($p: ID!) {
  me { profile { learningNeeds { skill } } }
  skillGrowth(programmeId: $p) { skill start midpoint end gain }
}`,vs=`mutation($p: ID!, $phase: AssessmentPhase!, $levels: [SkillLevelInput!]!) {
  assessSkills(programmeId: $p, phase: $phase, levels: $levels) { skill }
}`,Ee=["START","MIDPOINT","END"],Te={START:"start",MIDPOINT:"midpoint",END:"end"};function De({relationship:s}){return s.viewerRole==="mentor"?n`<section>
      <h2>${e("mentorships.skills.title")}</h2>
      <p>${e("mentorships.skills.forMentees")}</p>
    </section>`:n`<${bs} rel=${s} />`}function bs({rel:s}){let{data:t,error:o,reload:a}=T(fs,{p:s.programme.id},[s.programme.id]),i=h("");if(!t)return n`<section><h2>${e("mentorships.skills.title")}</h2><${v} error=${o} />${!o&&n`<${E} />`}</section>`;let r=t.skillGrowth;return n`<section aria-labelledby="skills-h">
      <h2 id="skills-h">${e("mentorships.skills.title")}</h2>
      <p class="muted">${e("mentorships.skills.explain")}</p>
      <p class="said" role="status">${i.value}</p>
      ${r.length?n`<div class="table-wrap" tabindex="0" role="region" aria-label=${e("mentorships.skills.growth")}>
            <table class="growth">
              <caption>${e("mentorships.skills.growth")}</caption>
              <thead>
                <tr>
                  <th scope="col">${e("mentorships.skills.skill")}</th>
                  <th scope="col">${e("mentorships.phase.START")}</th>
                  <th scope="col">${e("mentorships.phase.MIDPOINT")}</th>
                  <th scope="col">${e("mentorships.phase.END")}</th>
                  <th scope="col">${e("mentorships.skills.gain")}</th>
                </tr>
              </thead>
              <tbody>
                ${r.map(l=>n`<tr>
                    <th scope="row">${l.skill}</th>
                    <td>${l.start??"\u2014"}</td>
                    <td>${l.midpoint??"\u2014"}</td>
                    <td>${l.end??"\u2014"}</td>
                    <td>${l.gain==null?"\u2014":l.gain>0?`+${l.gain}`:l.gain}</td>
                  </tr>`)}
              </tbody>
            </table>
          </div>`:n`<${N}>${e("mentorships.skills.none")}<//>`}
    </section>
    <${ks}
      key=${r.map(l=>`${l.skill}${l.start}${l.midpoint}${l.end}`).join()}
      rel=${s}
      growth=${r}
      needs=${(t.me.profile.learningNeeds||[]).map(l=>l.skill)}
      done=${()=>(i.value=e("mentorships.skills.saved"),a())}
    />`}function ks({rel:s,growth:t,needs:o,done:a}){let i=[...new Set([...o.map(b=>b.trim().toLowerCase()),...t.map(b=>b.skill)])],r=Ee.find(b=>t.every(C=>C[Te[b]]==null))||"END",l=h(t.length?r:"START"),c=h([]),m=h(""),$=h({}),d=h(!1),u=[...i,...c.value.filter(b=>!i.includes(b))],f=b=>t.find(C=>C.skill===b)?.[Te[l.value]],g=b=>$.value[`${l.value}:${b}`]??(f(b)==null?"":String(f(b))),y=x(async()=>{let b=u.filter(C=>g(C)).map(C=>({skill:C,level:Number(g(C))}));d.value=b.length===0,b.length&&(await I(vs,{p:s.programme.id,phase:l.value,levels:b}),a())}),w=()=>{let b=m.value.trim().toLowerCase();b&&!u.includes(b)&&(c.value=[...c.value,b]),m.value=""};return n`<section aria-labelledby="assess-h">
    <h2 id="assess-h">${e("mentorships.skills.assess")}</h2>
    <form class="card" onSubmit=${S(y.run)}>
      <${_}
        label=${e("mentorships.skills.phase")}
        value=${l}
        options=${Ee.map(b=>[b,e(`mentorships.phase.${b}`)])}
      />
      <p class="muted small">${e("mentorships.skills.scale")}</p>
      ${u.length?n`<ul class="skill-levels">
            ${u.map(b=>n`<li>
                <${ys}
                  skill=${b}
                  value=${g(b)}
                  onChange=${C=>$.value={...$.value,[`${l.value}:${b}`]:C}}
                />
              </li>`)}
          </ul>`:n`<p class="muted">${e("mentorships.skills.noSkills")}</p>`}
      <div class="row add-skill">
        <${k} label=${e("mentorships.skills.another")} value=${m} maxlength="80" onKeyDown=${b=>b.key==="Enter"&&(b.preventDefault(),w())} />
        <${p} type="button" kind="secondary" onClick=${w}>${e("mentorships.skills.add")}<//>
      </div>
      ${d.value&&n`<p class="note error" role="alert">${e("mentorships.skills.pickOne")}</p>`}
      <${v} error=${y.error.value} />
      <${p} type="submit" pending=${y.pending}>${e("mentorships.skills.save")}<//>
    </form>
  </section>`}function ys({skill:s,value:t,onChange:o}){let a=M();return n`<div class="field level">
    <label for=${a}>${s}</label>
    <select id=${a} value=${t} onChange=${i=>o(i.currentTarget.value)}>
      <option value="">${e("mentorships.skills.skip")}</option>
      <option value="1">${e("mentorships.skills.level1")}</option>
      <option value="2">${e("mentorships.skills.level2")}</option>
      <option value="3">${e("mentorships.skills.level3")}</option>
      <option value="4">${e("mentorships.skills.level4")}</option>
      <option value="5">${e("mentorships.skills.level5")}</option>
    </select>
  </div>`}var ws=`query($r: ID!, $a: DateTime!, $b: DateTime!, $m: Int!) {
  suggestSessionTimes(relationshipId: $r, start: $a, end: $b, minutes: $m) { startsAt endsAt } }`,ce=[30,45,60,90,120],ee=s=>String(s).padStart(2,"0"),me=s=>`${s.getFullYear()}-${ee(s.getMonth()+1)}-${ee(s.getDate())}`,V=s=>{let t=new Date(s);return`${me(t)}T${ee(t.getHours())}:${ee(t.getMinutes())}`},$e=(s,t)=>{let o=new Date(`${s}T12:00`);return o.setDate(o.getDate()+t),me(o)};function G(s,t){return`${L(s,{weekday:"short",day:"numeric",month:"short",year:"numeric",hour:"2-digit",minute:"2-digit"})}\u2013${L(t,{hour:"2-digit",minute:"2-digit"})}`}function xs(s,t){try{return L(s,{weekday:"short",hour:"2-digit",minute:"2-digit",timeZone:t,timeZoneName:"short"})}catch{return""}}function Oe({value:s,others:t}){let o=t.filter(a=>a.profile?.timezone);return!s||!o.length?null:n`<small class="clocks">
    ${o.map((a,i)=>n`${i?" \xB7 ":""}${e("sessions.theirTime",{name:a.displayName,time:xs(s,a.profile.timezone)})}`)}
  </small>`}function ue({relationshipId:s,programme:t,when:o,minutes:a,others:i,error:r}){let l=me(new Date),c=t.startsOn>l?t.startsOn:l,m=h(c),$=h($e(c,13)<t.endsOn?$e(c,13):t.endsOn),d=h(null),u=M();q(()=>{d.value=null},[a.value]);let f=x(async()=>{let w=new Date(`${m.value}T00:00`),b=new Date(`${$e($.value,1)}T00:00`),C=await I(ws,{r:s,a:w.toISOString(),b:b.toISOString(),m:Number(a.value)});d.value=C.suggestSessionTimes.filter(A=>new Date(A.startsAt)>=w&&new Date(A.startsAt)<b)}),g=ce.includes(Number(a.value))?ce:[...ce,Number(a.value)].sort((w,b)=>w-b),y=o.value?new Date(o.value):null;return n`<div class="time-picker">
    <${_}
      label=${e("sessions.duration")}
      value=${a}
      options=${g.map(w=>[String(w),e("sessions.minutes",{n:w})])}
    />
    <fieldset class="finder">
      <legend>${e("sessions.finder.title")}</legend>
      <p class="muted">${e("sessions.finder.hint")}</p>
      <div class="row dates">
        <${k} type="date" label=${e("sessions.finder.from")} value=${m} min=${l} max=${t.endsOn} />
        <${k} type="date" label=${e("sessions.finder.to")} value=${$} min=${m.value} max=${t.endsOn} />
      </div>
      <${p} type="button" kind="secondary" pending=${f.pending} onClick=${()=>f.run()}>
        ${e("sessions.finder.find")}
      <//>
      <${v} error=${f.error.value} />
      <div aria-live="polite">
        ${d.value&&(d.value.length?n`<fieldset class="slots">
              <legend>${e("sessions.finder.suggested")}</legend>
              <ul>
                ${d.value.map(w=>n`<li>
                    <label class="slot">
                      <input
                        type="radio"
                        name=${u}
                        checked=${o.value===V(w.startsAt)}
                        onChange=${()=>o.value=V(w.startsAt)}
                      />
                      <span>
                        <span class="slot-time">${G(w.startsAt,w.endsAt)}</span>
                        <${Oe} value=${w.startsAt} others=${i} />
                      </span>
                    </label>
                  </li>`)}
              </ul>
            </fieldset>`:n`<p class="note info">${e("sessions.finder.none")}</p>`)}
      </div>
    </fieldset>
    <${k}
      type="datetime-local"
      label=${e("sessions.when")}
      value=${o}
      error=${r}
      hint=${e("sessions.whenHint",{zone:J})}
    />
    <div aria-live="polite"><${Oe} value=${y&&!isNaN(y)?y.toISOString():null} others=${i} /></div>
  </div>`}function pe(s,t){if(!s)return null;let o=new Date(s);return isNaN(o)?null:{startsAt:o.toISOString(),endsAt:new Date(o.getTime()+Number(t)*6e4).toISOString()}}var Ce="id displayName profile { timezone }",Ne=`id status startedAt mentoringModel mentor { ${Ce} } members { ${Ce} }
  programme { id startsOn endsOn roomOpensMinutes pulseFirstDays pulseEveryDays }`,Is=`id kind agenda startsAt endsAt status cancelReason externalUrl icsPath
  myFeedback { rating comment createdAt } attendance { user { id displayName } attended }`,Le=`query($id: ID!) {
  node(id: $id) { ... on Relationship { ${Ne} } }
  sessions(relationshipId: $id) { ${Is} } }`,Ss="mutation($i: SessionInput!) { scheduleSession(input: $i) { id startsAt endsAt } }",As=`mutation($s: ID!, $a: DateTime!, $b: DateTime!) {
  rescheduleSession(sessionId: $s, startsAt: $a, endsAt: $b) { id startsAt endsAt } }`,Es="mutation($s: ID!, $r: String!) { cancelSession(sessionId: $s, reason: $r) { id status } }",Ts="mutation($s: ID!, $a: [ID!]!) { recordSessionHeld(sessionId: $s, attended: $a) { id status } }",Ds="mutation { createCalendarFeed }",Os="mutation { revokeCalendarFeed }",Cs=`mutation($s: ID!, $r: Int!, $c: String!) {
  giveFeedback(sessionId: $s, rating: $r, comment: $c) { rating comment createdAt } }`,Rs=`query($id: ID!) {
  node(id: $id) { ... on Relationship { ${Ne} } }
  checkIn(relationshipId: $id) { round answered questions { key textId textEn } } }`,Ns=`mutation($r: ID!, $a: [PulseAnswerInput!]!, $c: String!, $w: Boolean!, $why: String!) {
  answerCheckIn(relationshipId: $r, answers: $a, comment: $c, wantsRematch: $w, rematchReason: $why) }`,he=6e4,Re=5,Ls=60*he;function se(s){let t=[s.mentor,...s.members].filter(Boolean);return t.filter((o,a)=>t.findIndex(i=>i.id===o.id)===a)}function Me(s){let t=P.value?.user?.id;return!t||se(s).some(o=>o.id===t)}function je(){let[s,t]=ne(Date.now());return q(()=>{let o=setInterval(()=>t(Date.now()),3e4);return()=>clearInterval(o)},[]),s}function te({text:s}){return n`<div class="live" aria-live="polite">${s&&n`<p class="note ok">${s}</p>`}</div>`}async function Ms(s){let t;try{t=await fetch(s.icsPath,{headers:{authorization:`Bearer ${fe.value}`}})}catch{throw new oe("offline","NETWORK")}if(!t.ok){let i={401:"UNAUTHENTICATED",404:"NOT_FOUND",429:"RATE_LIMITED"}[t.status]||"INTERNAL";throw new oe(`HTTP ${t.status}`,i)}let o=URL.createObjectURL(await t.blob()),a=document.createElement("a");a.href=o,a.download=`rajut-${V(s.startsAt).slice(0,10)}.ics`,document.body.append(a),a.click(),a.remove(),setTimeout(()=>URL.revokeObjectURL(o),6e4)}function ge(s,t){let o=new Date(s.startsAt).getTime(),a=new Date(s.endsAt).getTime();return{upcoming:s.status==="SCHEDULED"&&a>t,unrecorded:s.status==="SCHEDULED"&&a<=t,started:o<=t,ends:a,starts:o}}function js({session:s,now:t}){let{unrecorded:o}=ge(s,t);return n`<span class=${`tag status-${o?"unrecorded":s.status.toLowerCase()}`}>
    ${o?e("sessions.unrecorded"):e(`sessions.status.${s.status}`)}
  </span>`}function Fs({session:s,programme:t,now:o}){if(s.externalUrl)return n`<a class="btn secondary" href=${s.externalUrl} target="_blank" rel="noopener noreferrer">
      ${e("sessions.openExternal")}
    </a>`;let a=new Date(s.startsAt).getTime()-t.roomOpensMinutes*he,i=new Date(s.endsAt).getTime()+Ls;return o<a?n`<span class="muted">${e("sessions.roomOpensAt",{time:L(a)})}</span>`:o>i?null:n`<a class="btn primary" href=${D(`/room/session/${s.id}`)}>${e("sessions.joinRoom")}</a>`}function Us({rel:s,session:t,others:o,onDone:a,onClose:i}){let r=h(V(t.startsAt)),l=h(String(Math.round((new Date(t.endsAt)-new Date(t.startsAt))/he))),c=h(""),m=x(async()=>{let d=pe(r.value,l.value);if(c.value=d?"":e("sessions.pickTime"),!d)return;let u=await I(As,{s:t.id,a:d.startsAt,b:d.endsAt});a(e("sessions.rescheduled",{time:G(u.rescheduleSession.startsAt,u.rescheduleSession.endsAt)}))}),$=c.value||m.error.value?.field&&m.error.value.message||void 0;return n`<form class="panel" onSubmit=${S(()=>m.run())}>
    <h4>${e("sessions.rescheduleTitle")}</h4>
    <${ue} relationshipId=${s.id} programme=${s.programme} when=${r} minutes=${l} others=${o} error=${$} />
    <${v} error=${m.error.value} />
    <div class="row">
      <${p} pending=${m.pending}>${e("sessions.saveNewTime")}<//>
      <${p} type="button" kind="link" onClick=${i}>${e("sessions.keep")}<//>
    </div>
  </form>`}function Ps({session:s,onDone:t,onClose:o}){let a=h(""),i=x(async()=>{await I(Es,{s:s.id,r:a.value.trim()}),t(e("sessions.cancelled",{time:G(s.startsAt,s.endsAt)}))});return n`<form class="panel" onSubmit=${S(()=>i.run())}>
    <h4>${e("sessions.cancelTitle")}</h4>
    <${k} multiline rows=${3} label=${e("sessions.cancelReason")} hint=${e("sessions.cancelReasonHint")}
      value=${a} maxLength=${1e3} />
    <${v} error=${i.error.value} />
    <div class="row">
      <${p} kind="danger" pending=${i.pending}>${e("sessions.cancelConfirm")}<//>
      <${p} type="button" kind="link" onClick=${o}>${e("sessions.keep")}<//>
    </div>
  </form>`}function Hs({rel:s,session:t,onDone:o,onClose:a}){let i=se(s),r=h(new Set(i.map($=>$.id))),l=M(),c=$=>{let d=new Set(r.value);d.has($)?d.delete($):d.add($),r.value=d},m=x(async()=>{await I(Ts,{s:t.id,a:[...r.value]}),o(e("sessions.recorded"))});return n`<form class="panel" onSubmit=${S(()=>m.run())}>
    <fieldset>
      <legend>${e("sessions.whoCame")}</legend>
      ${i.map(($,d)=>n`<div class="field check">
          <input type="checkbox" id=${`${l}-${d}`} checked=${r.value.has($.id)} onChange=${()=>c($.id)} />
          <label for=${`${l}-${d}`}>${$.displayName}</label>
        </div>`)}
    </fieldset>
    <${v} error=${m.error.value} />
    <div class="row">
      <${p} pending=${m.pending}>${e("sessions.markHeld")}<//>
      <${p} type="button" kind="link" onClick=${a}>${e("common.cancel")}<//>
    </div>
  </form>`}function Gs({rel:s,session:t,now:o,acting:a,open:i,setOpen:r,onDone:l}){let c=ge(t,o),m=x(()=>Ms(t)),$=se(s).filter(y=>y.id!==P.value?.user?.id),d=i?.id===t.id?i.mode:null,u=y=>r(d===y?null:{id:t.id,mode:y}),f=()=>r(null),g=y=>(r(null),l(y));return n`<li class="session">
    <div class="row">
      <strong class="grow">${G(t.startsAt,t.endsAt)}</strong>
      <${js} session=${t} now=${o} />
    </div>
    <div class="muted">
      ${e(`sessions.kind.${t.kind}`)}${t.agenda?" \xB7 ":""}${t.agenda&&n`<span class="agenda">${t.agenda}</span>`}
    </div>
    ${t.status==="CANCELLED"&&t.cancelReason&&n`<p class="muted">${e("sessions.reasonWas",{reason:t.cancelReason})}</p>`}
    ${t.status==="HELD"&&t.attendance.length>0&&n`<p class="muted">
      ${e("sessions.attended",{names:t.attendance.filter(y=>y.attended).map(y=>y.user.displayName).join(", ")||"\u2014"})}
    </p>`}
    <div class="row actions">
      ${t.status!=="CANCELLED"&&n`<${Fs} session=${t} programme=${s.programme} now=${o} />`}
      ${c.upcoming&&n`<${p} type="button" kind="secondary" pending=${m.pending} onClick=${()=>m.run()}>${e("sessions.addToCalendar")}<//>`}
      ${a&&c.upcoming&&n`
        <${p} type="button" kind="secondary" aria-expanded=${d==="reschedule"} onClick=${()=>u("reschedule")}>${e("sessions.reschedule")}<//>
        <${p} type="button" kind="danger" aria-expanded=${d==="cancel"} onClick=${()=>u("cancel")}>${e("sessions.cancel")}<//>`}
      ${a&&c.started&&t.status==="SCHEDULED"&&n`<${p} type="button" kind="secondary" aria-expanded=${d==="held"} onClick=${()=>u("held")}>${e("sessions.recordHeld")}<//>`}
    </div>
    <${v} error=${m.error.value} />
    ${d==="reschedule"&&n`<${Us} rel=${s} session=${t} others=${$} onDone=${g} onClose=${f} />`}
    ${d==="cancel"&&n`<${Ps} session=${t} onDone=${g} onClose=${f} />`}
    ${d==="held"&&n`<${Hs} rel=${s} session=${t} onDone=${g} onClose=${f} />`}
  </li>`}var qs=["REGULAR","FLASH","SITUATIONAL","GROUP"];function Bs({rel:s,onDone:t}){let o=h(""),a=h("60"),i=h(s.members.length>1?"GROUP":"REGULAR"),r=O(`session-agenda:${s.id}`),l=h(""),c=h(""),m=se(s).filter(g=>g.id!==P.value?.user?.id),$=x(async()=>{let g=pe(o.value,a.value);if(c.value=g?"":e("sessions.pickTime"),!g)return;let y={relationshipId:s.id,...g,kind:i.value,agenda:r.value.trim(),externalUrl:l.value.trim()},w=await I(Ss,{i:y});r.clear(),o.value="",l.value="",t(e("sessions.scheduled",{time:G(w.scheduleSession.startsAt,w.scheduleSession.endsAt)}))}),d=$.error.value,u=(...g)=>d&&g.includes(d.field)?d.message:void 0,f=qs.filter(g=>g!=="GROUP"||s.members.length>1);return n`<form class="card" onSubmit=${S(()=>$.run())}>
    <${ue} relationshipId=${s.id} programme=${s.programme} when=${o} minutes=${a} others=${m}
      error=${c.value||u("startsAt","endsAt")} />
    <${_} label=${e("sessions.kindLabel")} value=${i} options=${f.map(g=>[g,e(`sessions.kind.${g}`)])} />
    <${k} multiline rows=${3} label=${e("sessions.agenda")} hint=${e("sessions.agendaHint")} value=${r}
      maxLength=${4e3} error=${u("agenda")} />
    <${k} type="url" label=${e("sessions.externalUrl")} hint=${e("sessions.externalUrlHint")} value=${l}
      placeholder="https://" error=${u("externalUrl")} />
    <${v} error=${d} />
    <${p} pending=${$.pending}>${e("sessions.scheduleButton")}<//>
  </form>`}function _s(){let s=h(""),t=h(""),o=x(async()=>{s.value=(await I(Ds)).createCalendarFeed,t.value=e("sessions.feed.made")}),a=x(async()=>{await I(Os),s.value="",t.value=e("sessions.feed.revoked")}),i=async()=>{try{await navigator.clipboard.writeText(s.value),t.value=e("sessions.feed.copied")}catch{t.value=e("sessions.feed.copyByHand")}};return n`<section class="card" aria-labelledby="sessions-feed">
    <h3 id="sessions-feed">${e("sessions.feed.title")}</h3>
    <p>${e("sessions.feed.intro")}</p>
    ${s.value&&n`<${k} label=${e("sessions.feed.url")} value=${s} readOnly hint=${e("sessions.feed.secret")}
      onFocus=${r=>r.currentTarget.select()} />`}
    <div class="row">
      ${s.value&&n`<${p} type="button" onClick=${i}>${e("sessions.feed.copy")}<//>`}
      <${p} type="button" kind=${s.value?"secondary":"primary"} pending=${o.pending} onClick=${()=>o.run()}>
        ${s.value?e("sessions.feed.remake"):e("sessions.feed.make")}
      <//>
      <${p} type="button" kind="danger" pending=${a.pending} onClick=${()=>a.run()}>${e("sessions.feed.revoke")}<//>
    </div>
    <small>${e("sessions.feed.revokeHint")}</small>
    <${v} error=${o.error.value||a.error.value} />
    <${te} text=${t.value} />
  </section>`}function Fe({relationship:s}){let{data:t,error:o,loading:a,reload:i}=T(Le,{id:s.id},[s.id]),r=je(),[l,c]=ne(null),m=h(""),$=h(!1),d=Q(null);if(!t)return a?n`<${E} />`:n`<${v} error=${o} />`;let u=t.node;if(!u)return n`<${v} error=${{code:"NOT_FOUND"}} />`;let f=Me(u),g=t.sessions.map(A=>[A,ge(A,r)]),y=g.filter(([,A])=>A.upcoming).map(([A])=>A),w=g.filter(([,A])=>!A.upcoming).sort(([,A],[,Be])=>Be.starts-A.starts).map(([A])=>A),b=A=>{m.value=A,i(),d.current?.focus()},C=A=>n`<${Gs} key=${A.id} rel=${u} session=${A} now=${r} acting=${f}
    open=${l} setOpen=${c} onDone=${b} />`;return n`<section class="sessions-tab" aria-labelledby="sessions-heading">
    <h2 id="sessions-heading" tabindex="-1" ref=${d}>${e("sessions.title")}</h2>
    <p class="muted">${e("sessions.zoneNote",{zone:J})}</p>
    <${te} text=${m.value} />
    <${v} error=${o} />
    <h3>${e("sessions.upcoming")}</h3>
    ${y.length?n`<ul class="list">${y.map(C)}</ul>`:n`<${N}>${e("sessions.noUpcoming")}<//>`}
    ${f&&(u.status==="ACTIVE"?n`<h3>${e("sessions.scheduleTitle")}</h3><${Bs} rel=${u} onDone=${b} />`:n`<p class="note info">${e("sessions.notActive")}</p>`)}
    <h3>${e("sessions.past")}</h3>
    ${w.length?n`<ul class="list">${($.value?w:w.slice(0,Re)).map(C)}</ul>`:n`<${N}>${e("sessions.noPast")}<//>`}
    ${w.length>Re&&!$.value&&n`<${p} type="button" kind="link" onClick=${()=>$.value=!0}>
      ${e("sessions.showAllPast",{n:w.length})}
    <//>`}
    ${f&&n`<${_s} />`}
  </section>`}var zs=[1,2,3,4,5];function Ue({legend:s,value:t,low:o,high:a,error:i}){let r=M();return n`<fieldset class="scale" aria-describedby=${`${r}-ends${i?` ${r}-error`:""}`}>
    <legend>${s}</legend>
    <div class="scale-options">
      ${zs.map(l=>n`<label class="scale-option">
          <input type="radio" name=${r} value=${l} checked=${t.value===l} onChange=${()=>t.value=l} />
          <span>${l}</span>
        </label>`)}
    </div>
    <p class="scale-ends" id=${`${r}-ends`}>
      <span>${e("sessions.scaleEnd",{n:1,text:o})}</span>
      <span>${e("sessions.scaleEnd",{n:5,text:a})}</span>
    </p>
    ${i&&n`<small class="error" id=${`${r}-error`}>${i}</small>`}
  </fieldset>`}function Ws({session:s,onDone:t}){let o=h(0),a=O(`feedback:${s.id}`),i=h(""),r=x(async()=>{i.value=o.value?"":e("sessions.feedback.pickRating"),o.value&&(await I(Cs,{s:s.id,r:o.value,c:a.value.trim()}),a.clear(),t(e("sessions.feedback.thanks")))});return n`<form onSubmit=${S(()=>r.run())}>
    <${Ue} legend=${e("sessions.feedback.question")} value=${o} low=${e("sessions.feedback.low")} high=${e("sessions.feedback.high")} error=${i.value} />
    <${k} multiline rows=${3} label=${e("sessions.feedback.comment")} hint=${e("sessions.feedback.commentHint")} value=${a} maxLength=${2e3} />
    <${v} error=${r.error.value} />
    <${p} pending=${r.pending}>${e("sessions.feedback.send")}<//>
  </form>`}function Pe({relationship:s}){let{data:t,error:o,loading:a,reload:i}=T(Le,{id:s.id},[s.id]),r=h("");if(!t)return a?n`<${E} />`:n`<${v} error=${o} />`;let l=t.node;if(!l)return n`<${v} error=${{code:"NOT_FOUND"}} />`;let c=Me(l),m=t.sessions.filter(g=>g.status==="HELD").sort((g,y)=>new Date(y.startsAt)-new Date(g.startsAt)),$=c?m.filter(g=>!g.myFeedback):[],d=m.filter(g=>g.myFeedback),u=g=>(r.value=g,i()),f=g=>n`<h4>${G(g.startsAt,g.endsAt)}</h4>
    ${g.agenda&&n`<p class="muted agenda">${g.agenda}</p>`}`;return n`<section class="feedback-tab" aria-labelledby="feedback-heading">
    <h2 id="feedback-heading">${e("sessions.feedback.title")}</h2>
    <p class="muted">${e("sessions.feedback.intro")}</p>
    <${te} text=${r.value} />
    ${!m.length&&n`<${N}>${e("sessions.feedback.none")}<//>`}
    ${$.length>0&&n`<h3>${e("sessions.feedback.waiting")}</h3>
      <ul class="list">
        ${$.map(g=>n`<li key=${g.id} class="session">${f(g)}<${Ws} session=${g} onDone=${u} /></li>`)}
      </ul>`}
    ${d.length>0&&n`<h3>${e("sessions.feedback.given")}</h3>
      <ul class="list">
        ${d.map(g=>n`<li key=${g.id} class="session">
            ${f(g)}
            <div class="given">
              <p><strong>${e("sessions.feedback.youGave",{rating:g.myFeedback.rating})}</strong>
                <span class="muted"> · ${R(g.myFeedback.createdAt)}</span></p>
              ${g.myFeedback.comment&&n`<blockquote>${g.myFeedback.comment}</blockquote>`}
            </div>
          </li>`)}
      </ul>`}
  </section>`}function Ks(s,t){if(!s.startedAt)return null;let o=new Date(s.startedAt).getTime(),{pulseFirstDays:a,pulseEveryDays:i}=s.programme,r=Math.floor((t-o)/864e5),l=r<a?a:a+(Math.floor((r-a)/i)+1)*i,c=o+l*864e5;return c<=new Date(`${s.programme.endsOn}T23:59`).getTime()?c:null}function Vs({rel:s,checkIn:t,onDone:o}){let a=h(Object.fromEntries(t.questions.map($=>[$.key,0]))),i=O(`checkin:${s.id}:${t.round}`),r=h(!1),l=O(`rematch:${s.id}:${t.round}`),c=h(!1),m=x(async()=>{if(c.value=Object.values(a.value).some(d=>!d),c.value)return;await I(Ns,{r:s.id,a:Object.entries(a.value).map(([d,u])=>({key:d,score:u})),c:i.value.trim(),w:r.value,why:r.value?l.value.trim():""});let $=r.value;i.clear(),l.clear(),o($?e("sessions.checkin.thanksRematch"):e("sessions.checkin.thanks"))});return n`<form class="card" onSubmit=${S(()=>m.run())}>
    <p>${e("sessions.checkin.intro",{round:t.round})}</p>
    ${t.questions.map($=>{let d={get value(){return a.value[$.key]},set value(u){a.value={...a.value,[$.key]:u}}};return n`<${Ue}
        key=${$.key}
        legend=${B.value==="en"?$.textEn:$.textId}
        value=${d}
        low=${e("sessions.checkin.low")}
        high=${e("sessions.checkin.high")}
        error=${c.value&&!a.value[$.key]?e("sessions.checkin.answerThis"):""}
      />`})}
    <${k} multiline rows=${3} label=${e("sessions.checkin.comment")} hint=${e("sessions.checkin.commentHint")} value=${i} maxLength=${2e3} />
    <div class="rematch">
      <${k} type="checkbox" label=${e("sessions.checkin.rematch")} hint=${e("sessions.checkin.rematchHint")} value=${r} />
      ${r.value&&n`<${k} multiline rows=${3} label=${e("sessions.checkin.rematchReason")} hint=${e("sessions.checkin.rematchReasonHint")}
        value=${l} maxLength=${2e3} />`}
    </div>
    <${v} error=${m.error.value} />
    <${p} pending=${m.pending}>${e("sessions.checkin.send")}<//>
  </form>`}function He({relationship:s}){let{data:t,error:o,loading:a,reload:i}=T(Rs,{id:s.id},[s.id]),r=h(""),l=je();if(!t)return a?n`<${E} />`:n`<${v} error=${o} />`;let c=t.node;if(!c)return n`<${v} error=${{code:"NOT_FOUND"}} />`;let m=t.checkIn,$=Ks(c,l),d=u=>(r.value=u,i());return n`<section class="checkin-tab" aria-labelledby="checkin-heading">
    <h2 id="checkin-heading">${e("sessions.checkin.title")}</h2>
    <${te} text=${r.value} />
    ${m&&!m.answered&&c.status==="ACTIVE"?n`<${Vs} rel=${c} checkIn=${m} onDone=${d} />`:n`<p>${m?.answered?e("sessions.checkin.answered",{round:m.round}):e("sessions.checkin.noneDue")}</p>
          ${c.status==="ACTIVE"&&$&&n`<p class="muted">${e("sessions.checkin.next",{date:R($)})}</p>`}`}
  </section>`}var Qs=`query {
  me { user { id displayName } }
  myRelationships { ...Rel }
  myNotifications(unreadOnly: true, first: 50) { id }
  conversations { relationshipId unreadCount }
  myEnrolments { asMentor asMentee }
}
${Z}`;function Js(s){let t=Array.from({length:s},(a,i)=>`$r${i}: ID!`).join(", "),o=Array.from({length:s},(a,i)=>`s${i}: sessions(relationshipId: $r${i}) { id startsAt endsAt status agenda relationshipId }`).join(`
`);return`query(${t}) {
${o}
}`}var Ys=()=>P.value?.user?.id;function Dn(){let s=P.value?.user?.displayName,{data:t,error:o}=T(Qs),a=s?e("mentorships.home.greeting",{name:s}):e("mentorships.home.title");if(!t)return n`<${H} title=${a}><${v} error=${o} />${!o&&n`<${E} />`}<//>`;let i=t.me.user.id,r=t.myRelationships,l=r.filter(u=>u.status==="PROPOSED"&&!u.acknowledgedBy.some(f=>f.id===i)),c=t.conversations.reduce((u,f)=>u+f.unreadCount,0),m=t.myNotifications.length,$=t.myEnrolments.some(u=>u.asMentor),d=t.myEnrolments.some(u=>u.asMentee)||!$;return n`<${H} title=${a}>
    <${v} error=${o} />
    ${l.map(u=>n`<div class="note warn">
        ${e("mentorships.home.guidelinesWaiting",{names:K(u,i)})}
        ${" "}<a href=${F(u.id)}>${e("mentorships.home.readGuidelines")}</a>
      </div>`)}
    ${r.length===0&&n`<div class="card start">
      <h2>${e("mentorships.home.startTitle")}</h2>
      <p>${$&&!t.myEnrolments.some(u=>u.asMentee)?e("mentorships.home.startMentor"):e("mentorships.home.startMentee")}</p>
      <ul class="links">
        ${d&&n`<li><a href=${D("/directory")}>${e("mentorships.home.toDirectory")}</a></li>`}
        ${d&&n`<li><a href=${D("/suggestions")}>${e("mentorships.home.toSuggestions")}</a></li>`}
        ${$&&n`<li><a href=${D("/requests")}>${e("mentorships.home.toRequests")}</a></li>`}
      </ul>
    </div>`}
    <section aria-labelledby="home-next">
      <h2 id="home-next">${e("mentorships.home.nextSessions")}</h2>
      ${r.some(u=>j.includes(u.status))?n`<${Zs} rels=${r.filter(u=>j.includes(u.status))} viewerId=${i} />`:n`<${N}>${e("mentorships.home.noSessions")}<//>`}
    </section>
    ${r.length>0&&n`<section aria-labelledby="home-rels">
      <h2 id="home-rels">${e("mentorships.home.myMentorships")}</h2>
      <ul class="list">
        ${r.map(u=>n`<${qe} rel=${u} viewerId=${i} />`)}
      </ul>
      <p><a href=${D("/mentorships")}>${e("mentorships.home.allMentorships")}</a></p>
    </section>`}
    <section aria-labelledby="home-unread">
      <h2 id="home-unread">${e("mentorships.home.unread")}</h2>
      <ul class="counts">
        <li>
          <a href=${D("/notifications")}>
            <strong>${e("mentorships.home.notifications")}</strong>
            <span>${m?e("mentorships.home.unreadCount",{count:m>=50?"50+":W(m)}):e("mentorships.home.noneUnread")}</span>
          </a>
        </li>
        <li>
          <a href=${D("/conversations")}>
            <strong>${e("mentorships.home.messages")}</strong>
            <span>${c?e("mentorships.home.unreadCount",{count:W(c)}):e("mentorships.home.noneUnread")}</span>
          </a>
        </li>
      </ul>
    </section>
  <//>`}function Zs({rels:s,viewerId:t}){let o=s.map($=>$.id),a=Object.fromEntries(o.map(($,d)=>[`r${d}`,$])),{data:i,error:r}=T(Js(o.length),a,[o.join()]);if(!i)return n`<${v} error=${r} />${!r&&n`<${E} />`}`;let l=Date.now(),c=Object.values(i).flat().filter($=>$&&$.status==="SCHEDULED"&&new Date($.endsAt)>l).sort(($,d)=>new Date($.startsAt)-new Date(d.startsAt)).slice(0,5);if(!c.length)return n`<${N}>${e("mentorships.home.noSessions")}<//>`;let m=Object.fromEntries(s.map($=>[$.id,$]));return n`<ul class="list sessions-next">
    ${c.map($=>{let d=m[$.relationshipId];return n`<li>
        <a href=${F($.relationshipId,"sessions")}><time datetime=${$.startsAt}>${L($.startsAt)}</time></a>
        <div>${d?K(d,t):""}${$.agenda?n` · <span class="muted">${$.agenda}</span>`:""}</div>
      </li>`})}
  </ul>`}function Xs(s,t){return t?e("mentorships.youMentor"):["PEER","CIRCLE","COMMUNITY_OF_PRACTICE"].includes(s.mentoringModel)?e("mentorships.youMember"):e("mentorships.youMentee")}function qe({rel:s,viewerId:t}){let o=ie(s,t)==="mentor";return n`<li class="rel-item">
    <a class="rel-name" href=${F(s.id)}>${K(s,t)}</a>
    <div class="row">
      <${re} status=${s.status} />
      <${le} model=${s.mentoringModel} />
      <span class="muted">${Xs(s,o)}</span>
    </div>
    <div class="muted small">${s.programme.name}</div>
  </li>`}var et=`query($closed: Boolean!) { me { user { id } } myRelationships(includeClosed: $closed) { ...Rel } }
${Z}`;function On({query:s}){let t=s.closed==="1",{data:o,error:a}=T(et,{closed:t},[t]),i=r=>ve({closed:r.currentTarget.checked?"1":""});return n`<${H} title=${e("mentorships.title")}>
    <div class="field check">
      <input id="show-closed" type="checkbox" checked=${t} onChange=${i} />
      <label for="show-closed">${e("mentorships.showClosed")}</label>
    </div>
    <${v} error=${a} />
    ${!o&&!a&&n`<${E} />`}
    ${o&&(o.myRelationships.length?n`<ul class="list" aria-live="polite">
          ${o.myRelationships.map(r=>n`<${qe} rel=${r} viewerId=${o.me.user.id} />`)}
        </ul>`:n`<div aria-live="polite">
          <${N}>${e("mentorships.none")}<//>
          <p><a href=${D("/directory")}>${e("mentorships.home.toDirectory")}</a> · <a href=${D("/suggestions")}>${e("mentorships.home.toSuggestions")}</a></p>
        </div>`)}
  <//>`}var st=`query($id: ID!) { node(id: $id) { ...Rel } }
${Z}`,Ge=["overview","sessions","goals","journal","feedback","skills","checkin"];function tt(s){return{overview:e("mentorships.tab.overview"),sessions:e("mentorships.tab.sessions"),goals:e("mentorships.tab.goals"),journal:e("mentorships.tab.journal"),feedback:e("mentorships.tab.feedback"),skills:e("mentorships.tab.skills"),checkin:e("mentorships.tab.checkin"),concern:e("mentorships.tab.concern")}[s]}function Cn({params:s,query:t}){let{data:o,error:a,reload:i}=T(st,{id:s.id},[s.id]),r=Ys();if(!o||!r)return n`<${H} title=${e("mentorships.one")}><${v} error=${a} />${!a&&n`<${E} />`}<//>`;if(!o.node||!o.node.members)return n`<${H} title=${e("mentorships.one")}>
      <${v} error=${{code:"NOT_FOUND",message:""}} />
      <p><a href=${D("/mentorships")}>${e("mentorships.backToList")}</a></p>
    <//>`;let l=o.node,c={...l,mentees:l.members,viewerId:r,viewerRole:ie(l,r),reload:i},m=t.tab==="concern"||Ge.includes(t.tab)?t.tab:"overview",$={overview:rt,sessions:Fe,goals:Ie,journal:Ae,feedback:Pe,skills:De,checkin:He,concern:be}[m];return n`<${H}
    title=${K(l,r)}
    actions=${n`
      ${j.includes(l.status)&&n`<a class="btn secondary" href=${D(`/conversations/${encodeURIComponent(l.id)}`)}>${e("mentorships.conversation")}</a>`}
      ${l.status==="ACTIVE"&&n`<a class="btn secondary" href=${D(`/room/call/${encodeURIComponent(l.id)}`)}>${e("mentorships.callRoom")}</a>`}
      <a class="btn danger" href=${F(l.id,"concern")} aria-current=${m==="concern"?"page":void 0}>
        ${e("mentorships.reportConcern")}
      </a>
    `}
  >
    <p class="row rel-summary">
      <${re} status=${l.status} />
      <${le} model=${l.mentoringModel} />
      <span class="muted">${l.programme.name}</span>
    </p>
    <nav class="tabs rel-tabs" aria-label=${e("mentorships.tabs")}>
      ${Ge.map(d=>n`<a href=${F(l.id,d==="overview"?"":d)} aria-current=${m===d?"page":void 0}>
          ${tt(d)}
        </a>`)}
    </nav>
    <div class="tab-panel">
      <${$} relationship=${c} key=${m} />
    </div>
  <//>`}var nt="mutation($r: ID!) { acknowledgeGuidelines(relationshipId: $r) { id status } }",ot="mutation($r: ID!, $reason: String!) { pauseRelationship(relationshipId: $r, reason: $reason) { id status } }",at="mutation($r: ID!) { resumeRelationship(relationshipId: $r) { id status } }",it="mutation($r: ID!) { completeRelationship(relationshipId: $r) { id status } }";function rt({relationship:s}){let t=new Set(s.acknowledgedBy.map(c=>c.id)),o=t.has(s.viewerId),a=(B.value==="en"?s.programme.guidelinesEn:s.programme.guidelinesId)||s.guidelines,i=h(""),r=x(async()=>{let c=await I(nt,{r:s.id});i.value=c.acknowledgeGuidelines.status==="ACTIVE"?e("mentorships.startedNow"):e("mentorships.ackThanks"),s.reload()}),l=z(s).filter(c=>!t.has(c.id));return n`<section aria-labelledby="ov-guidelines">
      <h2 id="ov-guidelines">${e("mentorships.guidelines")}</h2>
      <p class="guidelines">${a||e("mentorships.noGuidelines")}</p>
      ${s.status==="PROPOSED"&&n`<p>${e("mentorships.proposedExplain")}</p>
        ${l.length>0&&n`<p>${e("mentorships.waitingFor",{names:ae(l.map(c=>c.id===s.viewerId?e("mentorships.you"):c.displayName))})}</p>`}`}
      <div aria-live="polite">
        ${o?n`<p class="note ok">${i.value||e("mentorships.acknowledged")}</p>`:ke.includes(s.status)&&n`<${v} error=${r.error.value} />
              <${p} pending=${r.pending} onClick=${()=>r.run()}>${e("mentorships.acknowledge")}<//>`}
      </div>
    </section>
    <section aria-labelledby="ov-people">
      <h2 id="ov-people">${e("mentorships.participants")}</h2>
      <ul class="list people">
        ${z(s).map(c=>n`<li>
            <strong>${c.id===s.viewerId?e("mentorships.youName",{name:c.displayName}):c.displayName}</strong>
            <span class="muted"> · ${ye(s,c)}${s.moderator&&s.moderator.id===c.id?` \xB7 ${e("mentorships.role.moderator")}`:""}</span>
            <div class="small">${t.has(c.id)?e("mentorships.hasAcknowledged"):e("mentorships.notAcknowledged")}</div>
          </li>`)}
      </ul>
    </section>
    <section aria-labelledby="ov-about">
      <h2 id="ov-about">${e("mentorships.about")}</h2>
      <dl class="facts">
        <dt>${e("mentorships.programme")}</dt><dd>${s.programme.name}</dd>
        <dt>${e("mentorships.modelLabel")}</dt><dd>${e(`mentorships.model.${s.mentoringModel}`)}</dd>
        <dt>${e("mentorships.statusLabel")}</dt><dd>${e(`mentorships.status.${s.status}`)}</dd>
        <dt>${e("mentorships.planned")}</dt><dd>${e("mentorships.range",{from:R(s.plannedStart),to:R(s.plannedEnd)})}</dd>
        ${s.startedAt&&n`<dt>${e("mentorships.started")}</dt><dd>${R(s.startedAt)}</dd>`}
        ${s.endedAt&&n`<dt>${e("mentorships.ended")}</dt><dd>${R(s.endedAt)}</dd>`}
        ${s.endReason&&n`<dt>${e("mentorships.reason")}</dt><dd>${s.endReason}</dd>`}
      </dl>
    </section>
    ${j.includes(s.status)&&n`<${lt} rel=${s} />`}
    <section aria-labelledby="ov-rematch">
      <h2 id="ov-rematch">${e("mentorships.notWorking")}</h2>
      <p>${e("mentorships.rematchExplain")}</p>
      <ul class="links">
        <li><a href=${F(s.id,"checkin")}>${e("mentorships.toCheckIn")}</a></li>
        <li><a href=${F(s.id,"concern")}>${e("mentorships.reportConcern")}</a></li>
      </ul>
    </section>`}function lt({rel:s}){let t=h(""),o=h(""),a=x(async(i,r)=>{await I(i,{r:s.id,...r}),t.value="",s.reload()});return n`<section aria-labelledby="ov-status">
    <h2 id="ov-status">${e("mentorships.changeStatus")}</h2>
    <${v} error=${a.error.value} />
    ${t.value==="pause"&&n`<${de}><form class="card" onSubmit=${S(()=>a.run(ot,{reason:o.value}))}>
      <${k} label=${e("mentorships.pauseReason")} value=${o} maxlength="2000" multiline rows="2" />
      <div class="row">
        <${p} type="submit" pending=${a.pending}>${e("mentorships.pauseConfirm")}<//>
        <${p} type="button" kind="secondary" onClick=${()=>t.value=""}>${e("common.cancel")}<//>
      </div>
    </form><//>`}
    ${t.value==="complete"&&n`<${de} selector=".btn.secondary"><div class="card" role="group" aria-labelledby="complete-q">
      <p id="complete-q">${e("mentorships.completeQuestion")}</p>
      <div class="row">
        <${p} pending=${a.pending} onClick=${()=>a.run(it)}>${e("mentorships.completeConfirm")}<//>
        <${p} kind="secondary" onClick=${()=>t.value=""}>${e("common.cancel")}<//>
      </div>
    </div><//>`}
    ${!t.value&&n`<div class="row">
      ${s.status==="ACTIVE"&&n`<${p} kind="secondary" onClick=${()=>t.value="pause"}>${e("mentorships.pause")}<//>`}
      ${s.status==="PAUSED"&&n`<${p} kind="secondary" pending=${a.pending} onClick=${()=>a.run(at)}>${e("mentorships.resume")}<//>`}
      <${p} kind="secondary" onClick=${()=>t.value="complete"}>${e("mentorships.complete")}<//>
    </div>`}
  </section>`}export{Dn as Home,Cn as Mentorship,On as Mentorships};
