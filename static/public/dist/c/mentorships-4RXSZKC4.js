import{a as z,b as x,c as A,d as f,e as H,f as D,g as E,h as N,i as Q,j as L,k as P,m as j}from"./chunk-ZRM264WE.js";import{c as G,e as $}from"./chunk-AMWPSUXE.js";import{A as e,B as q,C as k,D as M,G as v,H as B,J as h,L as y,M as C,N as I,O,P as g,Q as _,k as w,l as U,n as R,t as S,x as t,y as F}from"./chunk-LOJGHKBD.js";import"./chunk-N4BKRCPD.js";var K=`query {
  me { user { id displayName } }
  myRelationships { ...Rel }
  myNotifications(unreadOnly: true, first: 50) { id }
  conversations { relationshipId unreadCount }
  myEnrolments { asMentor asMentee }
}
${A}`;function Y(s){let n=Array.from({length:s},(r,d)=>`$r${d}: ID!`).join(", "),o=Array.from({length:s},(r,d)=>`s${d}: sessions(relationshipId: $r${d}) { id startsAt endsAt status agenda relationshipId }`).join(`
`);return`query(${n}) {
${o}
}`}var J=()=>R.value?.user?.id;function b(s,n){let o=null;return function(d){let i=w(o);return U(()=>{o||s().then(m=>i.value=o=m[n])}),i.value?t`<${i.value} ...${d} />`:t`<${y} />`}}var Z={sessions:b(()=>import("./sessions-ZQUBHQXG.js"),"SessionsTab"),feedback:b(()=>import("./sessions-ZQUBHQXG.js"),"FeedbackTab"),checkin:b(()=>import("./sessions-ZQUBHQXG.js"),"CheckInTab"),goals:b(()=>import("./mentorships-goals-EH4CG47F.js"),"GoalsTab"),journal:b(()=>import("./mentorships-journal-4O3QGKM7.js"),"JournalTab"),skills:b(()=>import("./mentorships-skills-EUIVDIQH.js"),"SkillsTab"),concern:b(()=>import("./mentorships-concern-IQHWLXXC.js"),"ConcernTab")};function we(){let s=R.value?.user?.displayName,{data:n,error:o}=I(K),r=s?e("mentorships.home.greeting",{name:s}):e("mentorships.home.title");if(!n)return t`<${v} title=${r}><${h} error=${o} />${!o&&t`<${y} />`}<//>`;let d=n.me.user.id,i=n.myRelationships,m=i.filter(c=>c.status==="PROPOSED"&&!c.acknowledgedBy.some(T=>T.id===d)),l=n.conversations.reduce((c,T)=>c+T.unreadCount,0),u=n.myNotifications.length,a=n.myEnrolments.some(c=>c.asMentor),p=n.myEnrolments.some(c=>c.asMentee)||!a;return t`<${v} title=${r}>
    <${h} error=${o} />
    ${m.map(c=>t`<div class="note warn">
        ${e("mentorships.home.guidelinesWaiting",{names:E(c,d)})}
        ${" "}<a href=${f(c.id)}>${e("mentorships.home.readGuidelines")}</a>
      </div>`)}
    ${i.length===0&&t`<div class="card start">
      <h2>${e("mentorships.home.startTitle")}</h2>
      <p>${a&&!n.myEnrolments.some(c=>c.asMentee)?e("mentorships.home.startMentor"):e("mentorships.home.startMentee")}</p>
      <ul class="links">
        ${p&&t`<li><a href=${$("/directory")}>${e("mentorships.home.toDirectory")}</a></li>`}
        ${p&&t`<li><a href=${$("/suggestions")}>${e("mentorships.home.toSuggestions")}</a></li>`}
        ${a&&t`<li><a href=${$("/requests")}>${e("mentorships.home.toRequests")}</a></li>`}
      </ul>
    </div>`}
    <section aria-labelledby="home-next">
      <h2 id="home-next">${e("mentorships.home.nextSessions")}</h2>
      ${i.some(c=>x.includes(c.status))?t`<${X} rels=${i.filter(c=>x.includes(c.status))} viewerId=${d} />`:t`<${C}>${e("mentorships.home.noSessions")}<//>`}
    </section>
    ${i.length>0&&t`<section aria-labelledby="home-rels">
      <h2 id="home-rels">${e("mentorships.home.myMentorships")}</h2>
      <ul class="list">
        ${i.map(c=>t`<${V} rel=${c} viewerId=${d} />`)}
      </ul>
      <p><a href=${$("/mentorships")}>${e("mentorships.home.allMentorships")}</a></p>
    </section>`}
    <section aria-labelledby="home-unread">
      <h2 id="home-unread">${e("mentorships.home.unread")}</h2>
      <ul class="counts">
        <li>
          <a href=${$("/notifications")}>
            <strong>${e("mentorships.home.notifications")}</strong>
            <span>${u?e("mentorships.home.unreadCount",{count:u>=50?"50+":M(u)}):e("mentorships.home.noneUnread")}</span>
          </a>
        </li>
        <li>
          <a href=${$("/conversations")}>
            <strong>${e("mentorships.home.messages")}</strong>
            <span>${l?e("mentorships.home.unreadCount",{count:M(l)}):e("mentorships.home.noneUnread")}</span>
          </a>
        </li>
      </ul>
    </section>
  <//>`}function X({rels:s,viewerId:n}){let o=s.map(a=>a.id),r=Object.fromEntries(o.map((a,p)=>[`r${p}`,a])),{data:d,error:i}=I(Y(o.length),r,[o.join()]);if(!d)return t`<${h} error=${i} />${!i&&t`<${y} />`}`;let m=Date.now(),l=Object.values(d).flat().filter(a=>a&&a.status==="SCHEDULED"&&new Date(a.endsAt)>m).sort((a,p)=>new Date(a.startsAt)-new Date(p.startsAt)).slice(0,5);if(!l.length)return t`<${C}>${e("mentorships.home.noSessions")}<//>`;let u=Object.fromEntries(s.map(a=>[a.id,a]));return t`<ul class="list sessions-next">
    ${l.map(a=>{let p=u[a.relationshipId];return t`<li>
        <a href=${f(a.relationshipId,"sessions")}><time datetime=${a.startsAt}>${q(a.startsAt)}</time></a>
        <div>${p?E(p,n):""}${a.agenda?t` · <span class="muted">${a.agenda}</span>`:""}</div>
      </li>`})}
  </ul>`}function ee(s,n){return n?e("mentorships.youMentor"):["PEER","CIRCLE","COMMUNITY_OF_PRACTICE"].includes(s.mentoringModel)?e("mentorships.youMember"):e("mentorships.youMentee")}function V({rel:s,viewerId:n}){let o=N(s,n)==="mentor";return t`<li class="rel-item">
    <a class="rel-name" href=${f(s.id)}>${E(s,n)}</a>
    <div class="row">
      <${L} status=${s.status} />
      <${P} model=${s.mentoringModel} />
      <span class="muted">${ee(s,o)}</span>
    </div>
    <div class="muted small">${s.programme.name}</div>
  </li>`}var se=`query($closed: Boolean!) { me { user { id } } myRelationships(includeClosed: $closed) { ...Rel } }
${A}`;function ke({query:s}){let n=s.closed==="1",{data:o,error:r}=I(se,{closed:n},[n]),d=i=>G({closed:i.currentTarget.checked?"1":""});return t`<${v} title=${e("mentorships.title")}>
    <div class="field check">
      <input id="show-closed" type="checkbox" checked=${n} onChange=${d} />
      <label for="show-closed">${e("mentorships.showClosed")}</label>
    </div>
    <${h} error=${r} />
    ${!o&&!r&&t`<${y} />`}
    ${o&&(o.myRelationships.length?t`<ul class="list" aria-live="polite">
          ${o.myRelationships.map(i=>t`<${V} rel=${i} viewerId=${o.me.user.id} />`)}
        </ul>`:t`<div aria-live="polite">
          <${C}>${e("mentorships.none")}<//>
          <p><a href=${$("/directory")}>${e("mentorships.home.toDirectory")}</a> · <a href=${$("/suggestions")}>${e("mentorships.home.toSuggestions")}</a></p>
        </div>`)}
  <//>`}var te=`query($id: ID!) { node(id: $id) { ...Rel } }
${A}`,W=["overview","sessions","goals","journal","feedback","skills","checkin"];function ne(s){return{overview:e("mentorships.tab.overview"),sessions:e("mentorships.tab.sessions"),goals:e("mentorships.tab.goals"),journal:e("mentorships.tab.journal"),feedback:e("mentorships.tab.feedback"),skills:e("mentorships.tab.skills"),checkin:e("mentorships.tab.checkin"),concern:e("mentorships.tab.concern")}[s]}function Ie({params:s,query:n}){let{data:o,error:r,reload:d}=I(te,{id:s.id},[s.id]),i=J();if(!o||!i)return t`<${v} title=${e("mentorships.one")}><${h} error=${r} />${!r&&t`<${y} />`}<//>`;if(!o.node||!o.node.members)return t`<${v} title=${e("mentorships.one")}>
      <${h} error=${{code:"NOT_FOUND",message:""}} />
      <p><a href=${$("/mentorships")}>${e("mentorships.backToList")}</a></p>
    <//>`;let m=o.node,l={...m,mentees:m.members,viewerId:i,viewerRole:N(m,i),reload:d},u=n.tab==="concern"||W.includes(n.tab)?n.tab:"overview",a=u==="overview"?de:Z[u];return t`<${v}
    title=${E(m,i)}
    actions=${t`
      ${x.includes(m.status)&&t`<a class="btn secondary" href=${$(`/conversations/${encodeURIComponent(m.id)}`)}>${e("mentorships.conversation")}</a>`}
      ${m.status==="ACTIVE"&&t`<a class="btn secondary" href=${$(`/room/call/${encodeURIComponent(m.id)}`)}>${e("mentorships.callRoom")}</a>`}
      <a class="btn danger" href=${f(m.id,"concern")} aria-current=${u==="concern"?"page":void 0}>
        ${e("mentorships.reportConcern")}
      </a>
    `}
  >
    <p class="row rel-summary">
      <${L} status=${m.status} />
      <${P} model=${m.mentoringModel} />
      <span class="muted">${m.programme.name}</span>
    </p>
    <nav class="tabs rel-tabs" aria-label=${e("mentorships.tabs")}>
      ${W.map(p=>t`<a href=${f(m.id,p==="overview"?"":p)} aria-current=${u===p?"page":void 0}>
          ${ne(p)}
        </a>`)}
    </nav>
    <div class="tab-panel">
      <${a} relationship=${l} key=${u} />
    </div>
  <//>`}var oe="mutation($r: ID!) { acknowledgeGuidelines(relationshipId: $r) { id status } }",ie="mutation($r: ID!, $reason: String!) { pauseRelationship(relationshipId: $r, reason: $reason) { id status } }",ae="mutation($r: ID!) { resumeRelationship(relationshipId: $r) { id status } }",re="mutation($r: ID!) { completeRelationship(relationshipId: $r) { id status } }";function de({relationship:s}){let n=new Set(s.acknowledgedBy.map(l=>l.id)),o=n.has(s.viewerId),r=(F.value==="en"?s.programme.guidelinesEn:s.programme.guidelinesId)||s.guidelines,d=w(""),i=O(async()=>{let l=await S(oe,{r:s.id});d.value=l.acknowledgeGuidelines.status==="ACTIVE"?e("mentorships.startedNow"):e("mentorships.ackThanks"),s.reload()}),m=D(s).filter(l=>!n.has(l.id));return t`<section aria-labelledby="ov-guidelines">
      <h2 id="ov-guidelines">${e("mentorships.guidelines")}</h2>
      <p class="guidelines">${r||e("mentorships.noGuidelines")}</p>
      ${s.status==="PROPOSED"&&t`<p>${e("mentorships.proposedExplain")}</p>
        ${m.length>0&&t`<p>${e("mentorships.waitingFor",{names:H(m.map(l=>l.id===s.viewerId?e("mentorships.you"):l.displayName))})}</p>`}`}
      <div aria-live="polite">
        ${o?t`<p class="note ok">${d.value||e("mentorships.acknowledged")}</p>`:z.includes(s.status)&&t`<${h} error=${i.error.value} />
              <${g} pending=${i.pending} onClick=${()=>i.run()}>${e("mentorships.acknowledge")}<//>`}
      </div>
    </section>
    <section aria-labelledby="ov-people">
      <h2 id="ov-people">${e("mentorships.participants")}</h2>
      <ul class="list people">
        ${D(s).map(l=>t`<li>
            <strong>${l.id===s.viewerId?e("mentorships.youName",{name:l.displayName}):l.displayName}</strong>
            <span class="muted"> · ${Q(s,l)}${s.moderator&&s.moderator.id===l.id?` \xB7 ${e("mentorships.role.moderator")}`:""}</span>
            <div class="small">${n.has(l.id)?e("mentorships.hasAcknowledged"):e("mentorships.notAcknowledged")}</div>
          </li>`)}
      </ul>
    </section>
    <section aria-labelledby="ov-about">
      <h2 id="ov-about">${e("mentorships.about")}</h2>
      <dl class="facts">
        <dt>${e("mentorships.programme")}</dt><dd>${s.programme.name}</dd>
        <dt>${e("mentorships.modelLabel")}</dt><dd>${e(`mentorships.model.${s.mentoringModel}`)}</dd>
        <dt>${e("mentorships.statusLabel")}</dt><dd>${e(`mentorships.status.${s.status}`)}</dd>
        <dt>${e("mentorships.planned")}</dt><dd>${e("mentorships.range",{from:k(s.plannedStart),to:k(s.plannedEnd)})}</dd>
        ${s.startedAt&&t`<dt>${e("mentorships.started")}</dt><dd>${k(s.startedAt)}</dd>`}
        ${s.endedAt&&t`<dt>${e("mentorships.ended")}</dt><dd>${k(s.endedAt)}</dd>`}
        ${s.endReason&&t`<dt>${e("mentorships.reason")}</dt><dd>${s.endReason}</dd>`}
      </dl>
    </section>
    ${x.includes(s.status)&&t`<${le} rel=${s} />`}
    <section aria-labelledby="ov-rematch">
      <h2 id="ov-rematch">${e("mentorships.notWorking")}</h2>
      <p>${e("mentorships.rematchExplain")}</p>
      <ul class="links">
        <li><a href=${f(s.id,"checkin")}>${e("mentorships.toCheckIn")}</a></li>
        <li><a href=${f(s.id,"concern")}>${e("mentorships.reportConcern")}</a></li>
      </ul>
    </section>`}function le({rel:s}){let n=w(""),o=w(""),r=O(async(d,i)=>{await S(d,{r:s.id,...i}),n.value="",s.reload()});return t`<section aria-labelledby="ov-status">
    <h2 id="ov-status">${e("mentorships.changeStatus")}</h2>
    <${h} error=${r.error.value} />
    ${n.value==="pause"&&t`<${j}><form class="card" onSubmit=${_(()=>r.run(ie,{reason:o.value}))}>
      <${B} label=${e("mentorships.pauseReason")} value=${o} maxlength="2000" multiline rows="2" />
      <div class="row">
        <${g} type="submit" pending=${r.pending}>${e("mentorships.pauseConfirm")}<//>
        <${g} type="button" kind="secondary" onClick=${()=>n.value=""}>${e("common.cancel")}<//>
      </div>
    </form><//>`}
    ${n.value==="complete"&&t`<${j} selector=".btn.secondary"><div class="card" role="group" aria-labelledby="complete-q">
      <p id="complete-q">${e("mentorships.completeQuestion")}</p>
      <div class="row">
        <${g} pending=${r.pending} onClick=${()=>r.run(re)}>${e("mentorships.completeConfirm")}<//>
        <${g} kind="secondary" onClick=${()=>n.value=""}>${e("common.cancel")}<//>
      </div>
    </div><//>`}
    ${!n.value&&t`<div class="row">
      ${s.status==="ACTIVE"&&t`<${g} kind="secondary" onClick=${()=>n.value="pause"}>${e("mentorships.pause")}<//>`}
      ${s.status==="PAUSED"&&t`<${g} kind="secondary" pending=${r.pending} onClick=${()=>r.run(ae)}>${e("mentorships.resume")}<//>`}
      <${g} kind="secondary" onClick=${()=>n.value="complete"}>${e("mentorships.complete")}<//>
    </div>`}
  </section>`}export{we as Home,Ie as Mentorship,ke as Mentorships};
