import{a as O}from"./chunk-Q7OQCIUO.js";import{c as ee,e as y}from"./chunk-SPMIFJN6.js";import{A as G,D as N,E as v,F as te,G as b,H as U,I as w,J as C,K as I,L as E,M as u,N as k,d as X,e as Z,g as P,j as g,m as W,r as x,u as s,v as q,x as e,y as j,z as S}from"./chunk-RP3YLEV4.js";import"./chunk-N4BKRCPD.js";var ve="query($p: ID!) { concernReports(programmeId: $p) { id relationshipId text status resolution createdAt resolvedAt } }",be="mutation($r: ID!, $text: String!) { reportConcern(relationshipId: $r, text: $text) { id status } }";function se({relationship:t}){let{data:n,error:i,reload:l}=I(ve,{p:t.programme.id},[t.programme.id]),o=O(`concern:${t.id}`),a=g(!1),r=E(async()=>{await x(be,{r:t.id,text:o.value}),o.clear(),a.value=!0,l()}),d=n?n.concernReports.filter(p=>p.relationshipId===t.id):[];return s`<section aria-labelledby="concern-h">
      <h2 id="concern-h">${e("mentorships.concern.title")}</h2>
      <p>${e("mentorships.concern.explain")}</p>
      <p class="muted small">${e("mentorships.concern.urgent")}</p>
      <div aria-live="polite">
        ${a.value&&s`<p class="note ok">${e("mentorships.concern.sent")}</p>`}
      </div>
      <form class="card" onSubmit=${k(r.run)}>
        <${v}
          label=${e("mentorships.concern.text")}
          hint=${e("mentorships.concern.hint")}
          value=${o}
          multiline
          rows="5"
          required
          maxlength="5000"
        />
        <${b} error=${r.error.value} />
        <${u} type="submit" pending=${r.pending}>${e("mentorships.concern.send")}<//>
      </form>
    </section>
    <section aria-labelledby="concern-mine-h">
      <h2 id="concern-mine-h">${e("mentorships.concern.mine")}</h2>
      <${b} error=${i} />
      ${!n&&!i&&s`<${w} />`}
      ${n&&(d.length?s`<ul class="list">
            ${d.map(p=>s`<li>
                <p class="row small">
                  <span class="tag plain">${e(`mentorships.concernStatus.${p.status}`)}</span>
                  <span class="muted">${j(p.createdAt)}</span>
                </p>
                <p class="text">${p.text}</p>
                ${p.resolution&&s`<p class="text"><strong>${e("mentorships.concern.resolution")}</strong> ${p.resolution}</p>`}
              </li>`)}
          </ul>`:s`<p class="muted">${e("mentorships.concern.none")}</p>`)}
    </section>`}var ne=["PROPOSED","ACTIVE","PAUSED"],A=["ACTIVE","PAUSED"],B=`fragment Rel on Relationship {
  id status mentoringModel origin createdAt startedAt endedAt endReason plannedStart plannedEnd guidelines
  mentor { id displayName } moderator { id displayName } members { id displayName } acknowledgedBy { id }
  programme { id name guidelinesId guidelinesEn }
}`,ke=(t,n)=>`/mentorships/${encodeURIComponent(t)}${n?`?tab=${n}`:""}`,R=(t,n)=>y(ke(t,n));function Q(t){return new Intl.ListFormat(q.value==="en"?"en-GB":"id-ID",{type:"conjunction"}).format(t)}function L(t){return[...t.mentor?[t.mentor]:[],...t.members.filter(n=>n.id!==t.mentor?.id)]}function ye(t,n){return L(t).filter(i=>i.id!==n)}function F(t,n){let i=ye(t,n).map(l=>l.displayName);return i.length?e("mentorships.with",{names:Q(i)}):e("mentorships.untitled")}var K=(t,n)=>t.mentor&&t.mentor.id===n?"mentor":"member";function oe(t,n){return t.mentor&&n.id===t.mentor.id?e("mentorships.role.mentor"):["PEER","CIRCLE","COMMUNITY_OF_PRACTICE"].includes(t.mentoringModel)?e("mentorships.role.member"):e("mentorships.role.mentee")}function J({status:t}){return s`<span class=${`tag status-${t.toLowerCase()}`}>${e(`mentorships.status.${t}`)}</span>`}function V({model:t}){return s`<span class="tag plain">${e(`mentorships.model.${t}`)}</span>`}function D(t="input, textarea, select, button"){let n=Z(null);return X(()=>n.current?.querySelector(t)?.focus(),[]),n}function Y({children:t,selector:n}){let i=D(n);return s`<div ref=${i}>${t}</div>`}var ae=`fragment Goal on Goal {
  id title specificOutcome measurableTarget dueOn status evidence dropReason reachedAt
  milestones { id title dueOn reachedAt }
}`,we=`query($r: ID!) { goals(relationshipId: $r) { ...Goal } }
${ae}`,Ie=`mutation($input: GoalInput!) { setGoal(input: $input) { ...Goal } }
${ae}`,xe="mutation($id: ID!, $changes: GoalChanges!) { editGoal(goalId: $id, changes: $changes) { id } }",Se="mutation($id: ID!, $evidence: String!) { reachGoal(goalId: $id, evidence: $evidence) { id } }",Ee="mutation($id: ID!, $reason: String!) { dropGoal(goalId: $id, reason: $reason) { id } }",Oe="mutation($id: ID!) { reopenGoal(goalId: $id) { id } }",Te="mutation($id: ID!, $input: MilestoneInput!) { addMilestone(goalId: $id, input: $input) { id } }",Ce="mutation($id: ID!, $changes: MilestoneChanges!) { editMilestone(milestoneId: $id, changes: $changes) { id } }",Ae="mutation($id: ID!) { reachMilestone(milestoneId: $id) { id } }",Re="mutation($id: ID!) { removeMilestone(milestoneId: $id) { id } }";function re({relationship:t}){let{data:n,error:i,reload:l}=I(we,{r:t.id},[t.id]),o=A.includes(t.status),a=g(""),r=m=>{a.value=m,l()},d=n?.goals||[],p=d.filter(m=>m.status==="OPEN"),c=d.filter(m=>m.status!=="OPEN"),$={min:t.plannedStart,max:t.plannedEnd};return s`<section aria-labelledby="goals-h">
    <h2 id="goals-h">${e("mentorships.goals.title")}</h2>
    ${!o&&s`<${U}>${e("mentorships.goals.readOnly")}<//>`}
    <p class="said" role="status">${a.value}</p>
    <${b} error=${i} />
    ${!n&&!i&&s`<${w} />`}
    ${n&&!d.length&&s`<${C}>${e("mentorships.goals.none")}<//>`}
    ${p.length>0&&s`<ul class="list goals">
      ${p.map(m=>s`<${ie} key=${m.id} goal=${m} writable=${o} dates=${$} changed=${r} />`)}
    </ul>`}
    ${c.length>0&&s`<h3>${e("mentorships.goals.closed")}</h3>
      <ul class="list goals">
        ${c.map(m=>s`<${ie} key=${m.id} goal=${m} writable=${o} dates=${$} changed=${r} />`)}
      </ul>`}
    ${o&&s`<${Fe} rel=${t} dates=${$} changed=${r} />`}
  </section>`}var H=t=>t||null;function ie({goal:t,writable:n,dates:i,changed:l}){let o=P(),a=g(""),r=E(async($,m,f)=>{await x($,m),a.value="",l(f)}),d=t.status==="OPEN",p=n&&d,c=t.milestones.filter($=>$.reachedAt).length;return s`<li class="goal">
    <div class="row">
      <h3 id=${`${o}-t`} class="grow">${t.title}</h3>
      <span class="tag">${e(`mentorships.goalStatus.${t.status}`)}</span>
    </div>
    <dl class="facts">
      ${t.specificOutcome&&s`<dt>${e("mentorships.goals.outcome")}</dt><dd class="text">${t.specificOutcome}</dd>`}
      ${t.measurableTarget&&s`<dt>${e("mentorships.goals.target")}</dt><dd>${t.measurableTarget}</dd>`}
      ${t.dueOn&&s`<dt>${e("mentorships.goals.due")}</dt><dd>${S(t.dueOn)}</dd>`}
      ${t.reachedAt&&s`<dt>${e("mentorships.goals.reachedOn")}</dt><dd>${S(t.reachedAt)}</dd>`}
      ${t.evidence&&s`<dt>${e("mentorships.goals.evidence")}</dt><dd class="text">${t.evidence}</dd>`}
      ${t.dropReason&&s`<dt>${e("mentorships.goals.dropReason")}</dt><dd class="text">${t.dropReason}</dd>`}
    </dl>
    <h4>${e("mentorships.goals.milestones")} <span class="muted">(${e("mentorships.goals.progress",{reached:c,total:t.milestones.length})})</span></h4>
    ${t.milestones.length?s`<ul class="milestones">
          ${t.milestones.map($=>s`<${De} key=${$.id} milestone=${$} can=${p} dates=${i} act=${r} mode=${a} />`)}
        </ul>`:s`<p class="muted">${e("mentorships.goals.noMilestones")}</p>`}
    <${b} error=${r.error.value} />
    ${a.value==="edit"&&s`<${je} goal=${t} dates=${i} act=${r} mode=${a} />`}
    ${a.value==="reach"&&s`<${Le} goal=${t} act=${r} mode=${a} />`}
    ${a.value==="drop"&&s`<${Pe} goal=${t} act=${r} mode=${a} />`}
    ${a.value==="add"&&s`<${Ge} goal=${t} dates=${i} act=${r} mode=${a} />`}
    ${!a.value&&n&&s`<div class="row actions-row">
      ${d?s`<${u} kind="secondary" aria-describedby=${`${o}-t`} onClick=${()=>a.value="add"}>${e("mentorships.goals.addMilestone")}<//>
            <${u} kind="secondary" aria-describedby=${`${o}-t`} onClick=${()=>a.value="edit"}>${e("mentorships.goals.edit")}<//>
            <${u} kind="secondary" aria-describedby=${`${o}-t`} onClick=${()=>a.value="reach"}>${e("mentorships.goals.reach")}<//>
            <${u} kind="danger" aria-describedby=${`${o}-t`} onClick=${()=>a.value="drop"}>${e("mentorships.goals.drop")}<//>`:s`<${u}
            kind="secondary"
            aria-describedby=${`${o}-t`}
            pending=${r.pending}
            onClick=${()=>r.run(Oe,{id:t.id},e("mentorships.goals.reopened"))}
            >${e("mentorships.goals.reopen")}<//
          >`}
    </div>`}
  </li>`}function De({milestone:t,can:n,dates:i,act:l,mode:o}){let a=P();return o.value===`edit:${t.id}`?s`<li><${Ne} milestone=${t} dates=${i} act=${l} mode=${o} /></li>`:s`<li class="milestone">
    <span id=${`${a}-t`} class="grow">
      <span class="mark" aria-hidden="true">${t.reachedAt?"\u2713":"\u25CB"}</span> ${t.title}
      ${t.dueOn&&s` <span class="muted small">· ${e("mentorships.goals.dueShort",{date:S(t.dueOn)})}</span>`}
      ${" "}<span class=${`small ${t.reachedAt?"ok":"muted"}`}>
        · ${t.reachedAt?e("mentorships.goals.milestoneReached",{date:S(t.reachedAt)}):e("mentorships.goals.milestoneOpen")}
      </span>
    </span>
    ${o.value===`remove:${t.id}`&&s`<${Me} milestone=${t} labelledBy=${`${a}-t`} act=${l} mode=${o} />`}
    ${n&&!o.value&&s`<span class="row">
      ${!t.reachedAt&&s`<${u}
        kind="secondary"
        aria-describedby=${`${a}-t`}
        pending=${l.pending}
        onClick=${()=>l.run(Ae,{id:t.id},e("mentorships.goals.milestoneMarked"))}
        >${e("mentorships.goals.markReached")}<//
      >`}
      <${u} kind="link" aria-describedby=${`${a}-t`} onClick=${()=>o.value=`edit:${t.id}`}>${e("common.edit")}<//>
      <${u} kind="link" aria-describedby=${`${a}-t`} onClick=${()=>o.value=`remove:${t.id}`}>${e("common.delete")}<//>
    </span>`}
  </li>`}function Ne({milestone:t,dates:n,act:i,mode:l}){let o=g(t.title),a=g(t.dueOn||""),r=D();return s`<form class="card" ref=${r} onSubmit=${k(()=>i.run(Ce,{id:t.id,changes:{title:o.value,dueOn:H(a.value)}},e("mentorships.goals.milestoneSaved")))}>
    <${v} label=${e("mentorships.goals.milestoneTitle")} value=${o} required maxlength="200" />
    <${v} label=${e("mentorships.goals.due")} type="date" value=${a} min=${n.min} max=${n.max} />
    <div class="row">
      <${u} type="submit" pending=${i.pending}>${e("common.save")}<//>
      <${u} type="button" kind="secondary" onClick=${()=>l.value=""}>${e("common.cancel")}<//>
    </div>
  </form>`}function Me({milestone:t,labelledBy:n,act:i,mode:l}){let o=D(".btn.secondary");return s`<span class="row" role="group" aria-describedby=${n} ref=${o}>
    <span>${e("mentorships.goals.removeQuestion")}</span>
    <${u}
      kind="danger"
      aria-describedby=${n}
      pending=${i.pending}
      onClick=${()=>i.run(Re,{id:t.id},e("mentorships.goals.milestoneRemoved"))}
      >${e("mentorships.goals.removeConfirm")}<//
    >
    <${u} kind="secondary" onClick=${()=>l.value=""}>${e("common.cancel")}<//>
  </span>`}function je({goal:t,dates:n,act:i,mode:l}){let o=g(t.title),a=g(t.specificOutcome),r=g(t.measurableTarget),d=g(t.dueOn||""),p=()=>i.run(xe,{id:t.id,changes:{title:o.value,specificOutcome:a.value,measurableTarget:r.value,dueOn:H(d.value)}},e("mentorships.goals.saved")),c=D();return s`<form class="card" ref=${c} onSubmit=${k(p)}>
    <${le} title=${o} outcome=${a} target=${r} due=${d} dates=${n} />
    <div class="row">
      <${u} type="submit" pending=${i.pending}>${e("common.save")}<//>
      <${u} type="button" kind="secondary" onClick=${()=>l.value=""}>${e("common.cancel")}<//>
    </div>
  </form>`}function le({title:t,outcome:n,target:i,due:l,dates:o}){return s`
    <${v} label=${e("mentorships.goals.goalTitle")} value=${t} required maxlength="200" />
    <${v} label=${e("mentorships.goals.outcome")} hint=${e("mentorships.goals.outcomeHint")} value=${n} multiline rows="3" maxlength="4000" />
    <${v} label=${e("mentorships.goals.target")} hint=${e("mentorships.goals.targetHint")} value=${i} maxlength="4000" />
    <${v} label=${e("mentorships.goals.due")} type="date" value=${l} min=${o.min} max=${o.max} />
  `}function Le({goal:t,act:n,mode:i}){let l=g(""),o=D();return s`<form class="card" ref=${o} onSubmit=${k(()=>n.run(Se,{id:t.id,evidence:l.value},e("mentorships.goals.reachedNow")))}>
    <${v} label=${e("mentorships.goals.evidence")} hint=${e("mentorships.goals.evidenceHint")} value=${l} multiline rows="3" maxlength="4000" />
    <div class="row">
      <${u} type="submit" pending=${n.pending}>${e("mentorships.goals.reachConfirm")}<//>
      <${u} type="button" kind="secondary" onClick=${()=>i.value=""}>${e("common.cancel")}<//>
    </div>
  </form>`}function Pe({goal:t,act:n,mode:i}){let l=g(""),o=D();return s`<form class="card" ref=${o} onSubmit=${k(()=>n.run(Ee,{id:t.id,reason:l.value},e("mentorships.goals.dropped")))}>
    <${v} label=${e("mentorships.goals.dropReason")} value=${l} multiline rows="3" required maxlength="2000" />
    <div class="row">
      <${u} type="submit" kind="danger" pending=${n.pending}>${e("mentorships.goals.dropConfirm")}<//>
      <${u} type="button" kind="secondary" onClick=${()=>i.value=""}>${e("common.cancel")}<//>
    </div>
  </form>`}function Ge({goal:t,dates:n,act:i,mode:l}){let o=g(""),a=g(""),r=()=>i.run(Te,{id:t.id,input:{title:o.value,dueOn:H(a.value)}},e("mentorships.goals.milestoneAdded")),d=D();return s`<form class="card" ref=${d} onSubmit=${k(r)}>
    <${v} label=${e("mentorships.goals.milestoneTitle")} value=${o} required maxlength="200" />
    <${v} label=${e("mentorships.goals.due")} type="date" value=${a} min=${n.min} max=${n.max} />
    <div class="row">
      <${u} type="submit" pending=${i.pending}>${e("mentorships.goals.addMilestone")}<//>
      <${u} type="button" kind="secondary" onClick=${()=>l.value=""}>${e("common.cancel")}<//>
    </div>
  </form>`}function Fe({rel:t,dates:n,changed:i}){let l=O(`goal:${t.id}:title`),o=O(`goal:${t.id}:outcome`),a=O(`goal:${t.id}:target`),r=O(`goal:${t.id}:milestones`),d=g(""),p=E(async()=>{let c={relationshipId:t.id,title:l.value,specificOutcome:o.value,measurableTarget:a.value,dueOn:H(d.value),milestones:r.value.split(`
`).map($=>$.trim()).filter(Boolean).map($=>({title:$}))};await x(Ie,{input:c});for(let $ of[l,o,a,r])$.clear();d.value="",i(e("mentorships.goals.set"))});return s`<form class="card" onSubmit=${k(p.run)} aria-labelledby="new-goal-h">
    <h3 id="new-goal-h">${e("mentorships.goals.new")}</h3>
    <${le} title=${l} outcome=${o} target=${a} due=${d} dates=${n} />
    <${v}
      label=${e("mentorships.goals.milestonesField")}
      hint=${e("mentorships.goals.milestonesHint")}
      value=${r}
      multiline
      rows="3"
    />
    <${b} error=${p.error.value} />
    <${u} type="submit" pending=${p.pending}>${e("mentorships.goals.setButton")}<//>
  </form>`}var qe=`query($r: ID!) { journals(relationshipId: $r) {
  myStreak journals { weekOf reflection learned nextStep shared updatedAt authorId }
} }`,Ue="mutation($input: JournalInput!) { submitJournal(input: $input) { weekOf updatedAt } }";function Be(){let t=new Date;return new Date(Date.UTC(t.getUTCFullYear(),t.getUTCMonth(),t.getUTCDate()-(t.getUTCDay()+6)%7)).toISOString().slice(0,10)}function de({relationship:t}){let{data:n,error:i,reload:l}=I(qe,{r:t.id},[t.id]),o=g("");if(!n)return s`<section><h2>${e("mentorships.journal.title")}</h2><${b} error=${i} />${!i&&s`<${w} />`}</section>`;let{journals:a,myStreak:r}=n.journals,d=Be(),p=a.find(f=>f.authorId===t.viewerId&&f.weekOf===d),c=Object.fromEntries(L(t).map(f=>[f.id,f.displayName])),$=[...a].sort((f,M)=>f.weekOf<M.weekOf?1:f.weekOf>M.weekOf?-1:0),m=A.includes(t.status);return s`<section aria-labelledby="journal-h">
      <h2 id="journal-h">${e("mentorships.journal.title")}</h2>
      <p class="streak">
        ${r?e("mentorships.journal.streak",{weeks:G(r)}):e("mentorships.journal.noStreak")}
      </p>
      <p class="said" role="status">${o.value}</p>
      ${m?s`<${He}
            key=${p?.updatedAt||"new"}
            rel=${t}
            current=${p}
            done=${f=>(o.value=f,l())}
          />`:s`<${U}>${e("mentorships.journal.readOnly")}<//>`}
    </section>
    <section aria-labelledby="entries-h">
      <h2 id="entries-h">${e("mentorships.journal.entries")}</h2>
      <${b} error=${i} />
      ${$.length?s`<ul class="list entries">
            ${$.map(f=>s`<${_e} entry=${f} mine=${f.authorId===t.viewerId} author=${c[f.authorId]} />`)}
          </ul>`:s`<${C}>${t.viewerRole==="mentor"?e("mentorships.journal.noneMentor"):e("mentorships.journal.none")}<//>`}
    </section>`}function He({rel:t,current:n,done:i}){let l=`journal:${t.id}`,o=O(`${l}:reflection`,n?.reflection||""),a=O(`${l}:learned`,n?.learned||""),r=O(`${l}:nextStep`,n?.nextStep||""),d=g(n?n.shared:!1),p=t.viewerRole==="mentor",c=[[o,n?.reflection],[a,n?.learned],[r,n?.nextStep]].some(([m,f])=>m.value&&m.value!==(f||"")),$=E(async()=>{await x(Ue,{input:{relationshipId:t.id,reflection:o.value,learned:a.value,nextStep:r.value,shared:p?!1:d.value}});for(let m of[o,a,r])m.clear();i(n?e("mentorships.journal.updated"):e("mentorships.journal.sent"))});return s`<form class="card" onSubmit=${k($.run)} aria-labelledby="journal-form-h">
    <h3 id="journal-form-h">${n?e("mentorships.journal.editWeek"):e("mentorships.journal.newWeek")}</h3>
    <p class="muted small">${e("mentorships.journal.hint")}</p>
    <${v} label=${e("mentorships.journal.reflection")} value=${o} multiline rows="4" maxlength="4000" />
    <${v} label=${e("mentorships.journal.learned")} value=${a} multiline rows="3" maxlength="4000" />
    <${v} label=${e("mentorships.journal.nextStep")} value=${r} multiline rows="2" maxlength="4000" />
    ${p?s`<p class="muted small">${e("mentorships.journal.mentorPrivate")}</p>`:s`<${v}
          type="checkbox"
          label=${e("mentorships.journal.share")}
          hint=${e("mentorships.journal.shareHint")}
          value=${d}
        />`}
    ${c&&s`<p class="muted small">${e("mentorships.journal.draftKept")}</p>`}
    <${b} error=${$.error.value} />
    <${u} type="submit" pending=${$.pending}>${n?e("mentorships.journal.update"):e("mentorships.journal.submit")}<//>
  </form>`}function _e({entry:t,mine:n,author:i}){return s`<li class="entry">
    <h3>${e("mentorships.journal.weekOf",{date:S(t.weekOf)})}</h3>
    <p class="row small">
      <span>${n?e("mentorships.journal.byYou"):e("mentorships.journal.by",{name:i||"?"})}</span>
      <span class="tag plain">${t.shared?e("mentorships.journal.shared"):e("mentorships.journal.private")}</span>
      <span class="muted">${e("mentorships.journal.updatedAt",{when:j(t.updatedAt)})}</span>
    </p>
    <dl class="facts">
      ${t.reflection&&s`<dt>${e("mentorships.journal.reflection")}</dt><dd class="text">${t.reflection}</dd>`}
      ${t.learned&&s`<dt>${e("mentorships.journal.learned")}</dt><dd class="text">${t.learned}</dd>`}
      ${t.nextStep&&s`<dt>${e("mentorships.journal.nextStep")}</dt><dd class="text">${t.nextStep}</dd>`}
    </dl>
  </li>`}var We=`query($p: ID!) {
  me { profile { learningNeeds { skill } } }
  skillGrowth(programmeId: $p) { skill start midpoint end gain }
}`,Qe=`mutation($p: ID!, $phase: AssessmentPhase!, $levels: [SkillLevelInput!]!) {
  assessSkills(programmeId: $p, phase: $phase, levels: $levels) { skill }
}`,me=["START","MIDPOINT","END"],ce={START:"start",MIDPOINT:"midpoint",END:"end"};function $e({relationship:t}){return t.viewerRole==="mentor"?s`<section>
      <h2>${e("mentorships.skills.title")}</h2>
      <p>${e("mentorships.skills.forMentees")}</p>
    </section>`:s`<${Ke} rel=${t} />`}function Ke({rel:t}){let{data:n,error:i,reload:l}=I(We,{p:t.programme.id},[t.programme.id]),o=g("");if(!n)return s`<section><h2>${e("mentorships.skills.title")}</h2><${b} error=${i} />${!i&&s`<${w} />`}</section>`;let a=n.skillGrowth;return s`<section aria-labelledby="skills-h">
      <h2 id="skills-h">${e("mentorships.skills.title")}</h2>
      <p class="muted">${e("mentorships.skills.explain")}</p>
      <p class="said" role="status">${o.value}</p>
      ${a.length?s`<div class="table-wrap" tabindex="0" role="region" aria-label=${e("mentorships.skills.growth")}>
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
                ${a.map(r=>s`<tr>
                    <th scope="row">${r.skill}</th>
                    <td>${r.start??"\u2014"}</td>
                    <td>${r.midpoint??"\u2014"}</td>
                    <td>${r.end??"\u2014"}</td>
                    <td>${r.gain==null?"\u2014":r.gain>0?`+${r.gain}`:r.gain}</td>
                  </tr>`)}
              </tbody>
            </table>
          </div>`:s`<${C}>${e("mentorships.skills.none")}<//>`}
    </section>
    <${Je}
      key=${a.map(r=>`${r.skill}${r.start}${r.midpoint}${r.end}`).join()}
      rel=${t}
      growth=${a}
      needs=${(n.me.profile.learningNeeds||[]).map(r=>r.skill)}
      done=${()=>(o.value=e("mentorships.skills.saved"),l())}
    />`}function Je({rel:t,growth:n,needs:i,done:l}){let o=[...new Set([...i.map(h=>h.trim().toLowerCase()),...n.map(h=>h.skill)])],a=me.find(h=>n.every(T=>T[ce[h]]==null))||"END",r=g(n.length?a:"START"),d=g([]),p=g(""),c=g({}),$=g(!1),m=[...o,...d.value.filter(h=>!o.includes(h))],f=h=>n.find(T=>T.skill===h)?.[ce[r.value]],M=h=>c.value[`${r.value}:${h}`]??(f(h)==null?"":String(f(h))),_=E(async()=>{let h=m.filter(T=>M(T)).map(T=>({skill:T,level:Number(M(T))}));$.value=h.length===0,h.length&&(await x(Qe,{p:t.programme.id,phase:r.value,levels:h}),l())}),z=()=>{let h=p.value.trim().toLowerCase();h&&!m.includes(h)&&(d.value=[...d.value,h]),p.value=""};return s`<section aria-labelledby="assess-h">
    <h2 id="assess-h">${e("mentorships.skills.assess")}</h2>
    <form class="card" onSubmit=${k(_.run)}>
      <${te}
        label=${e("mentorships.skills.phase")}
        value=${r}
        options=${me.map(h=>[h,e(`mentorships.phase.${h}`)])}
      />
      <p class="muted small">${e("mentorships.skills.scale")}</p>
      ${m.length?s`<ul class="skill-levels">
            ${m.map(h=>s`<li>
                <${Ve}
                  skill=${h}
                  value=${M(h)}
                  onChange=${T=>c.value={...c.value,[`${r.value}:${h}`]:T}}
                />
              </li>`)}
          </ul>`:s`<p class="muted">${e("mentorships.skills.noSkills")}</p>`}
      <div class="row add-skill">
        <${v} label=${e("mentorships.skills.another")} value=${p} maxlength="80" onKeyDown=${h=>h.key==="Enter"&&(h.preventDefault(),z())} />
        <${u} type="button" kind="secondary" onClick=${z}>${e("mentorships.skills.add")}<//>
      </div>
      ${$.value&&s`<p class="note error" role="alert">${e("mentorships.skills.pickOne")}</p>`}
      <${b} error=${_.error.value} />
      <${u} type="submit" pending=${_.pending}>${e("mentorships.skills.save")}<//>
    </form>
  </section>`}function Ve({skill:t,value:n,onChange:i}){let l=P();return s`<div class="field level">
    <label for=${l}>${t}</label>
    <select id=${l} value=${n} onChange=${o=>i(o.currentTarget.value)}>
      <option value="">${e("mentorships.skills.skip")}</option>
      <option value="1">${e("mentorships.skills.level1")}</option>
      <option value="2">${e("mentorships.skills.level2")}</option>
      <option value="3">${e("mentorships.skills.level3")}</option>
      <option value="4">${e("mentorships.skills.level4")}</option>
      <option value="5">${e("mentorships.skills.level5")}</option>
    </select>
  </div>`}function pe(){return null}function ue(){return null}function he(){return null}var Ye=`query {
  me { user { id displayName } }
  myRelationships { ...Rel }
  myNotifications(unreadOnly: true, first: 50) { id }
  conversations { relationshipId unreadCount }
  myEnrolments { asMentor asMentee }
}
${B}`;function ze(t){let n=Array.from({length:t},(l,o)=>`$r${o}: ID!`).join(", "),i=Array.from({length:t},(l,o)=>`s${o}: sessions(relationshipId: $r${o}) { id startsAt endsAt status agenda relationshipId }`).join(`
`);return`query(${n}) {
${i}
}`}var Xe=()=>W.value?.user?.id;function ds(){let t=W.value?.user?.displayName,{data:n,error:i}=I(Ye),l=t?e("mentorships.home.greeting",{name:t}):e("mentorships.home.title");if(!n)return s`<${N} title=${l}><${b} error=${i} />${!i&&s`<${w} />`}<//>`;let o=n.me.user.id,a=n.myRelationships,r=a.filter(m=>m.status==="PROPOSED"&&!m.acknowledgedBy.some(f=>f.id===o)),d=n.conversations.reduce((m,f)=>m+f.unreadCount,0),p=n.myNotifications.length,c=n.myEnrolments.some(m=>m.asMentor),$=n.myEnrolments.some(m=>m.asMentee)||!c;return s`<${N} title=${l}>
    <${b} error=${i} />
    ${r.map(m=>s`<div class="note warn">
        ${e("mentorships.home.guidelinesWaiting",{names:F(m,o)})}
        ${" "}<a href=${R(m.id)}>${e("mentorships.home.readGuidelines")}</a>
      </div>`)}
    ${a.length===0&&s`<div class="card start">
      <h2>${e("mentorships.home.startTitle")}</h2>
      <p>${c&&!n.myEnrolments.some(m=>m.asMentee)?e("mentorships.home.startMentor"):e("mentorships.home.startMentee")}</p>
      <ul class="links">
        ${$&&s`<li><a href=${y("/directory")}>${e("mentorships.home.toDirectory")}</a></li>`}
        ${$&&s`<li><a href=${y("/suggestions")}>${e("mentorships.home.toSuggestions")}</a></li>`}
        ${c&&s`<li><a href=${y("/requests")}>${e("mentorships.home.toRequests")}</a></li>`}
      </ul>
    </div>`}
    <section aria-labelledby="home-next">
      <h2 id="home-next">${e("mentorships.home.nextSessions")}</h2>
      ${a.some(m=>A.includes(m.status))?s`<${Ze} rels=${a.filter(m=>A.includes(m.status))} viewerId=${o} />`:s`<${C}>${e("mentorships.home.noSessions")}<//>`}
    </section>
    ${a.length>0&&s`<section aria-labelledby="home-rels">
      <h2 id="home-rels">${e("mentorships.home.myMentorships")}</h2>
      <ul class="list">
        ${a.map(m=>s`<${fe} rel=${m} viewerId=${o} />`)}
      </ul>
      <p><a href=${y("/mentorships")}>${e("mentorships.home.allMentorships")}</a></p>
    </section>`}
    <section aria-labelledby="home-unread">
      <h2 id="home-unread">${e("mentorships.home.unread")}</h2>
      <ul class="counts">
        <li>
          <a href=${y("/notifications")}>
            <strong>${e("mentorships.home.notifications")}</strong>
            <span>${p?e("mentorships.home.unreadCount",{count:p>=50?"50+":G(p)}):e("mentorships.home.noneUnread")}</span>
          </a>
        </li>
        <li>
          <a href=${y("/conversations")}>
            <strong>${e("mentorships.home.messages")}</strong>
            <span>${d?e("mentorships.home.unreadCount",{count:G(d)}):e("mentorships.home.noneUnread")}</span>
          </a>
        </li>
      </ul>
    </section>
  <//>`}function Ze({rels:t,viewerId:n}){let i=t.map(c=>c.id),l=Object.fromEntries(i.map((c,$)=>[`r${$}`,c])),{data:o,error:a}=I(ze(i.length),l,[i.join()]);if(!o)return s`<${b} error=${a} />${!a&&s`<${w} />`}`;let r=Date.now(),d=Object.values(o).flat().filter(c=>c&&c.status==="SCHEDULED"&&new Date(c.endsAt)>r).sort((c,$)=>new Date(c.startsAt)-new Date($.startsAt)).slice(0,5);if(!d.length)return s`<${C}>${e("mentorships.home.noSessions")}<//>`;let p=Object.fromEntries(t.map(c=>[c.id,c]));return s`<ul class="list sessions-next">
    ${d.map(c=>{let $=p[c.relationshipId];return s`<li>
        <a href=${R(c.relationshipId,"sessions")}><time datetime=${c.startsAt}>${j(c.startsAt)}</time></a>
        <div>${$?F($,n):""}${c.agenda?s` · <span class="muted">${c.agenda}</span>`:""}</div>
      </li>`})}
  </ul>`}function et(t,n){return n?e("mentorships.youMentor"):["PEER","CIRCLE","COMMUNITY_OF_PRACTICE"].includes(t.mentoringModel)?e("mentorships.youMember"):e("mentorships.youMentee")}function fe({rel:t,viewerId:n}){let i=K(t,n)==="mentor";return s`<li class="rel-item">
    <a class="rel-name" href=${R(t.id)}>${F(t,n)}</a>
    <div class="row">
      <${J} status=${t.status} />
      <${V} model=${t.mentoringModel} />
      <span class="muted">${et(t,i)}</span>
    </div>
    <div class="muted small">${t.programme.name}</div>
  </li>`}var tt=`query($closed: Boolean!) { me { user { id } } myRelationships(includeClosed: $closed) { ...Rel } }
${B}`;function ms({query:t}){let n=t.closed==="1",{data:i,error:l}=I(tt,{closed:n},[n]),o=a=>ee({closed:a.currentTarget.checked?"1":""});return s`<${N} title=${e("mentorships.title")}>
    <div class="field check">
      <input id="show-closed" type="checkbox" checked=${n} onChange=${o} />
      <label for="show-closed">${e("mentorships.showClosed")}</label>
    </div>
    <${b} error=${l} />
    ${!i&&!l&&s`<${w} />`}
    ${i&&(i.myRelationships.length?s`<ul class="list" aria-live="polite">
          ${i.myRelationships.map(a=>s`<${fe} rel=${a} viewerId=${i.me.user.id} />`)}
        </ul>`:s`<div aria-live="polite">
          <${C}>${e("mentorships.none")}<//>
          <p><a href=${y("/directory")}>${e("mentorships.home.toDirectory")}</a> · <a href=${y("/suggestions")}>${e("mentorships.home.toSuggestions")}</a></p>
        </div>`)}
  <//>`}var st=`query($id: ID!) { node(id: $id) { ...Rel } }
${B}`,ge=["overview","sessions","goals","journal","feedback","skills","checkin"];function nt(t){return{overview:e("mentorships.tab.overview"),sessions:e("mentorships.tab.sessions"),goals:e("mentorships.tab.goals"),journal:e("mentorships.tab.journal"),feedback:e("mentorships.tab.feedback"),skills:e("mentorships.tab.skills"),checkin:e("mentorships.tab.checkin"),concern:e("mentorships.tab.concern")}[t]}function cs({params:t,query:n}){let{data:i,error:l,reload:o}=I(st,{id:t.id},[t.id]),a=Xe();if(!i||!a)return s`<${N} title=${e("mentorships.one")}><${b} error=${l} />${!l&&s`<${w} />`}<//>`;if(!i.node||!i.node.members)return s`<${N} title=${e("mentorships.one")}>
      <${b} error=${{code:"NOT_FOUND",message:""}} />
      <p><a href=${y("/mentorships")}>${e("mentorships.backToList")}</a></p>
    <//>`;let r=i.node,d={...r,mentees:r.members,viewerId:a,viewerRole:K(r,a),reload:o},p=n.tab==="concern"||ge.includes(n.tab)?n.tab:"overview",c={overview:lt,sessions:pe,goals:re,journal:de,feedback:ue,skills:$e,checkin:he,concern:se}[p];return s`<${N}
    title=${F(r,a)}
    actions=${s`
      ${A.includes(r.status)&&s`<a class="btn secondary" href=${y(`/conversations/${encodeURIComponent(r.id)}`)}>${e("mentorships.conversation")}</a>`}
      <a class="btn danger" href=${R(r.id,"concern")} aria-current=${p==="concern"?"page":void 0}>
        ${e("mentorships.reportConcern")}
      </a>
    `}
  >
    <p class="row rel-summary">
      <${J} status=${r.status} />
      <${V} model=${r.mentoringModel} />
      <span class="muted">${r.programme.name}</span>
    </p>
    <nav class="tabs rel-tabs" aria-label=${e("mentorships.tabs")}>
      ${ge.map($=>s`<a href=${R(r.id,$==="overview"?"":$)} aria-current=${p===$?"page":void 0}>
          ${nt($)}
        </a>`)}
    </nav>
    <div class="tab-panel">
      <${c} relationship=${d} key=${p} />
    </div>
  <//>`}var ot="mutation($r: ID!) { acknowledgeGuidelines(relationshipId: $r) { id status } }",it="mutation($r: ID!, $reason: String!) { pauseRelationship(relationshipId: $r, reason: $reason) { id status } }",at="mutation($r: ID!) { resumeRelationship(relationshipId: $r) { id status } }",rt="mutation($r: ID!) { completeRelationship(relationshipId: $r) { id status } }";function lt({relationship:t}){let n=new Set(t.acknowledgedBy.map(d=>d.id)),i=n.has(t.viewerId),l=(q.value==="en"?t.programme.guidelinesEn:t.programme.guidelinesId)||t.guidelines,o=g(""),a=E(async()=>{let d=await x(ot,{r:t.id});o.value=d.acknowledgeGuidelines.status==="ACTIVE"?e("mentorships.startedNow"):e("mentorships.ackThanks"),t.reload()}),r=L(t).filter(d=>!n.has(d.id));return s`<section aria-labelledby="ov-guidelines">
      <h2 id="ov-guidelines">${e("mentorships.guidelines")}</h2>
      <p class="guidelines">${l||e("mentorships.noGuidelines")}</p>
      ${t.status==="PROPOSED"&&s`<p>${e("mentorships.proposedExplain")}</p>
        ${r.length>0&&s`<p>${e("mentorships.waitingFor",{names:Q(r.map(d=>d.id===t.viewerId?e("mentorships.you"):d.displayName))})}</p>`}`}
      <div aria-live="polite">
        ${i?s`<p class="note ok">${o.value||e("mentorships.acknowledged")}</p>`:ne.includes(t.status)&&s`<${b} error=${a.error.value} />
              <${u} pending=${a.pending} onClick=${()=>a.run()}>${e("mentorships.acknowledge")}<//>`}
      </div>
    </section>
    <section aria-labelledby="ov-people">
      <h2 id="ov-people">${e("mentorships.participants")}</h2>
      <ul class="list people">
        ${L(t).map(d=>s`<li>
            <strong>${d.id===t.viewerId?e("mentorships.youName",{name:d.displayName}):d.displayName}</strong>
            <span class="muted"> · ${oe(t,d)}${t.moderator&&t.moderator.id===d.id?` \xB7 ${e("mentorships.role.moderator")}`:""}</span>
            <div class="small">${n.has(d.id)?e("mentorships.hasAcknowledged"):e("mentorships.notAcknowledged")}</div>
          </li>`)}
      </ul>
    </section>
    <section aria-labelledby="ov-about">
      <h2 id="ov-about">${e("mentorships.about")}</h2>
      <dl class="facts">
        <dt>${e("mentorships.programme")}</dt><dd>${t.programme.name}</dd>
        <dt>${e("mentorships.modelLabel")}</dt><dd>${e(`mentorships.model.${t.mentoringModel}`)}</dd>
        <dt>${e("mentorships.statusLabel")}</dt><dd>${e(`mentorships.status.${t.status}`)}</dd>
        <dt>${e("mentorships.planned")}</dt><dd>${e("mentorships.range",{from:S(t.plannedStart),to:S(t.plannedEnd)})}</dd>
        ${t.startedAt&&s`<dt>${e("mentorships.started")}</dt><dd>${S(t.startedAt)}</dd>`}
        ${t.endedAt&&s`<dt>${e("mentorships.ended")}</dt><dd>${S(t.endedAt)}</dd>`}
        ${t.endReason&&s`<dt>${e("mentorships.reason")}</dt><dd>${t.endReason}</dd>`}
      </dl>
    </section>
    ${A.includes(t.status)&&s`<${dt} rel=${t} />`}
    <section aria-labelledby="ov-rematch">
      <h2 id="ov-rematch">${e("mentorships.notWorking")}</h2>
      <p>${e("mentorships.rematchExplain")}</p>
      <ul class="links">
        <li><a href=${R(t.id,"checkin")}>${e("mentorships.toCheckIn")}</a></li>
        <li><a href=${R(t.id,"concern")}>${e("mentorships.reportConcern")}</a></li>
      </ul>
    </section>`}function dt({rel:t}){let n=g(""),i=g(""),l=E(async(o,a)=>{await x(o,{r:t.id,...a}),n.value="",t.reload()});return s`<section aria-labelledby="ov-status">
    <h2 id="ov-status">${e("mentorships.changeStatus")}</h2>
    <${b} error=${l.error.value} />
    ${n.value==="pause"&&s`<${Y}><form class="card" onSubmit=${k(()=>l.run(it,{reason:i.value}))}>
      <${v} label=${e("mentorships.pauseReason")} value=${i} maxlength="2000" multiline rows="2" />
      <div class="row">
        <${u} type="submit" pending=${l.pending}>${e("mentorships.pauseConfirm")}<//>
        <${u} type="button" kind="secondary" onClick=${()=>n.value=""}>${e("common.cancel")}<//>
      </div>
    </form><//>`}
    ${n.value==="complete"&&s`<${Y} selector=".btn.secondary"><div class="card" role="group" aria-labelledby="complete-q">
      <p id="complete-q">${e("mentorships.completeQuestion")}</p>
      <div class="row">
        <${u} pending=${l.pending} onClick=${()=>l.run(rt)}>${e("mentorships.completeConfirm")}<//>
        <${u} kind="secondary" onClick=${()=>n.value=""}>${e("common.cancel")}<//>
      </div>
    </div><//>`}
    ${!n.value&&s`<div class="row">
      ${t.status==="ACTIVE"&&s`<${u} kind="secondary" onClick=${()=>n.value="pause"}>${e("mentorships.pause")}<//>`}
      ${t.status==="PAUSED"&&s`<${u} kind="secondary" pending=${l.pending} onClick=${()=>l.run(at)}>${e("mentorships.resume")}<//>`}
      <${u} kind="secondary" onClick=${()=>n.value="complete"}>${e("mentorships.complete")}<//>
    </div>`}
  </section>`}export{ds as Home,cs as Mentorship,ms as Mentorships};
