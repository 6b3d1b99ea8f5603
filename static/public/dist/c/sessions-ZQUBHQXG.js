import{a as C}from"./chunk-QEA2FKBX.js";import{e as ne}from"./chunk-AMWPSUXE.js";import{A as s,B as E,C as q,F,H as w,I as U,J as b,L as H,M as P,N as z,O as A,P as k,Q as S,c as _,d as R,e as X,g as I,k as f,m as ee,n as L,s as B,t as D,x as a,y as se}from"./chunk-LOJGHKBD.js";import"./chunk-N4BKRCPD.js";var ue=`query($r: ID!, $a: DateTime!, $b: DateTime!, $m: Int!) {
  suggestSessionTimes(relationshipId: $r, start: $a, end: $b, minutes: $m) { startsAt endsAt } }`,K=[30,45,60,90,120],M=n=>String(n).padStart(2,"0"),W=n=>`${n.getFullYear()}-${M(n.getMonth()+1)}-${M(n.getDate())}`,N=n=>{let e=new Date(n);return`${W(e)}T${M(e.getHours())}:${M(e.getMinutes())}`},V=(n,e)=>{let t=new Date(`${n}T12:00`);return t.setDate(t.getDate()+e),W(t)};function T(n,e){return`${E(n,{weekday:"short",day:"numeric",month:"short",year:"numeric",hour:"2-digit",minute:"2-digit"})}\u2013${E(e,{hour:"2-digit",minute:"2-digit"})}`}function me(n,e){try{return E(n,{weekday:"short",hour:"2-digit",minute:"2-digit",timeZone:e,timeZoneName:"short"})}catch{return""}}function te({value:n,others:e}){let t=e.filter(o=>o.profile?.timezone);return!n||!t.length?null:a`<small class="clocks">
    ${t.map((o,i)=>a`${i?" \xB7 ":""}${s("sessions.theirTime",{name:o.displayName,time:me(n,o.profile.timezone)})}`)}
  </small>`}function Z({relationshipId:n,programme:e,when:t,minutes:o,others:i,error:r}){let u=W(new Date),m=e.startsOn>u?e.startsOn:u,$=f(m),d=f(V(m,13)<e.endsOn?V(m,13):e.endsOn),c=f(null),p=I();R(()=>{c.value=null},[o.value]);let y=A(async()=>{let g=new Date(`${$.value}T00:00`),x=new Date(`${V(d.value,1)}T00:00`),O=await D(ue,{r:n,a:g.toISOString(),b:x.toISOString(),m:Number(o.value)});c.value=O.suggestSessionTimes.filter(v=>new Date(v.startsAt)>=g&&new Date(v.startsAt)<x)}),l=K.includes(Number(o.value))?K:[...K,Number(o.value)].sort((g,x)=>g-x),h=t.value?new Date(t.value):null;return a`<div class="time-picker">
    <${U}
      label=${s("sessions.duration")}
      value=${o}
      options=${l.map(g=>[String(g),s("sessions.minutes",{n:g})])}
    />
    <fieldset class="finder">
      <legend>${s("sessions.finder.title")}</legend>
      <p class="muted">${s("sessions.finder.hint")}</p>
      <div class="row dates">
        <${w} type="date" label=${s("sessions.finder.from")} value=${$} min=${u} max=${e.endsOn} />
        <${w} type="date" label=${s("sessions.finder.to")} value=${d} min=${$.value} max=${e.endsOn} />
      </div>
      <${k} type="button" kind="secondary" pending=${y.pending} onClick=${()=>y.run()}>
        ${s("sessions.finder.find")}
      <//>
      <${b} error=${y.error.value} />
      <div aria-live="polite">
        ${c.value&&(c.value.length?a`<fieldset class="slots">
              <legend>${s("sessions.finder.suggested")}</legend>
              <ul>
                ${c.value.map(g=>a`<li>
                    <label class="slot">
                      <input
                        type="radio"
                        name=${p}
                        checked=${t.value===N(g.startsAt)}
                        onChange=${()=>t.value=N(g.startsAt)}
                      />
                      <span>
                        <span class="slot-time">${T(g.startsAt,g.endsAt)}</span>
                        <${te} value=${g.startsAt} others=${i} />
                      </span>
                    </label>
                  </li>`)}
              </ul>
            </fieldset>`:a`<p class="note info">${s("sessions.finder.none")}</p>`)}
      </div>
    </fieldset>
    <${w}
      type="datetime-local"
      label=${s("sessions.when")}
      value=${t}
      error=${r}
      hint=${s("sessions.whenHint",{zone:F})}
    />
    <div aria-live="polite"><${te} value=${h&&!isNaN(h)?h.toISOString():null} others=${i} /></div>
  </div>`}function J(n,e){if(!n)return null;let t=new Date(n);return isNaN(t)?null:{startsAt:t.toISOString(),endsAt:new Date(t.getTime()+Number(e)*6e4).toISOString()}}var ae="id displayName profile { timezone }",ie=`id status startedAt mentoringModel mentor { ${ae} } members { ${ae} }
  programme { id startsOn endsOn roomOpensMinutes pulseFirstDays pulseEveryDays }`,pe=`id kind agenda startsAt endsAt status cancelReason externalUrl icsPath
  myFeedback { rating comment createdAt } attendance { user { id displayName } attended }`,re=`query($id: ID!) {
  node(id: $id) { ... on Relationship { ${ie} } }
  sessions(relationshipId: $id) { ${pe} } }`,fe="mutation($i: SessionInput!) { scheduleSession(input: $i) { id startsAt endsAt } }",ge=`mutation($s: ID!, $a: DateTime!, $b: DateTime!) {
  rescheduleSession(sessionId: $s, startsAt: $a, endsAt: $b) { id startsAt endsAt } }`,he="mutation($s: ID!, $r: String!) { cancelSession(sessionId: $s, reason: $r) { id status } }",ve="mutation($s: ID!, $a: [ID!]!) { recordSessionHeld(sessionId: $s, attended: $a) { id status } }",ke="mutation { createCalendarFeed }",be="mutation { revokeCalendarFeed }",ye=`mutation($s: ID!, $r: Int!, $c: String!) {
  giveFeedback(sessionId: $s, rating: $r, comment: $c) { rating comment createdAt } }`,we=`query($id: ID!) {
  node(id: $id) { ... on Relationship { ${ie} } }
  checkIn(relationshipId: $id) { round answered questions { key textId textEn } } }`,Ae=`mutation($r: ID!, $a: [PulseAnswerInput!]!, $c: String!, $w: Boolean!, $why: String!) {
  answerCheckIn(relationshipId: $r, answers: $a, comment: $c, wantsRematch: $w, rematchReason: $why) }`,Q=6e4,oe=5,De=60*Q;function j(n){let e=[n.mentor,...n.members].filter(Boolean);return e.filter((t,o)=>e.findIndex(i=>i.id===t.id)===o)}function le(n){let e=L.value?.user?.id;return!e||j(n).some(t=>t.id===e)}function ce(){let[n,e]=_(Date.now());return R(()=>{let t=setInterval(()=>e(Date.now()),3e4);return()=>clearInterval(t)},[]),n}function G({text:n}){return a`<div class="live" aria-live="polite">${n&&a`<p class="note ok">${n}</p>`}</div>`}async function xe(n){let e;try{e=await fetch(n.icsPath,{headers:{authorization:`Bearer ${ee.value}`}})}catch{throw new B("offline","NETWORK")}if(!e.ok){let i={401:"UNAUTHENTICATED",404:"NOT_FOUND",429:"RATE_LIMITED"}[e.status]||"INTERNAL";throw new B(`HTTP ${e.status}`,i)}let t=URL.createObjectURL(await e.blob()),o=document.createElement("a");o.href=t,o.download=`rajut-${N(n.startsAt).slice(0,10)}.ics`,document.body.append(o),o.click(),o.remove(),setTimeout(()=>URL.revokeObjectURL(t),6e4)}function Y(n,e){let t=new Date(n.startsAt).getTime(),o=new Date(n.endsAt).getTime();return{upcoming:n.status==="SCHEDULED"&&o>e,unrecorded:n.status==="SCHEDULED"&&o<=e,started:t<=e,ends:o,starts:t}}function Se({session:n,now:e}){let{unrecorded:t}=Y(n,e);return a`<span class=${`tag status-${t?"unrecorded":n.status.toLowerCase()}`}>
    ${t?s("sessions.unrecorded"):s(`sessions.status.${n.status}`)}
  </span>`}function Te({session:n,programme:e,now:t}){if(n.externalUrl)return a`<a class="btn secondary" href=${n.externalUrl} target="_blank" rel="noopener noreferrer">
      ${s("sessions.openExternal")}
    </a>`;let o=new Date(n.startsAt).getTime()-e.roomOpensMinutes*Q,i=new Date(n.endsAt).getTime()+De;return t<o?a`<span class="muted">${s("sessions.roomOpensAt",{time:E(o)})}</span>`:t>i?null:a`<a class="btn primary" href=${ne(`/room/session/${n.id}`)}>${s("sessions.joinRoom")}</a>`}function Ee({rel:n,session:e,others:t,onDone:o,onClose:i}){let r=f(N(e.startsAt)),u=f(String(Math.round((new Date(e.endsAt)-new Date(e.startsAt))/Q))),m=f(""),$=A(async()=>{let c=J(r.value,u.value);if(m.value=c?"":s("sessions.pickTime"),!c)return;let p=await D(ge,{s:e.id,a:c.startsAt,b:c.endsAt});o(s("sessions.rescheduled",{time:T(p.rescheduleSession.startsAt,p.rescheduleSession.endsAt)}))}),d=m.value||$.error.value?.field&&$.error.value.message||void 0;return a`<form class="panel" onSubmit=${S(()=>$.run())}>
    <h4>${s("sessions.rescheduleTitle")}</h4>
    <${Z} relationshipId=${n.id} programme=${n.programme} when=${r} minutes=${u} others=${t} error=${d} />
    <${b} error=${$.error.value} />
    <div class="row">
      <${k} pending=${$.pending}>${s("sessions.saveNewTime")}<//>
      <${k} type="button" kind="link" onClick=${i}>${s("sessions.keep")}<//>
    </div>
  </form>`}function Ie({session:n,onDone:e,onClose:t}){let o=f(""),i=A(async()=>{await D(he,{s:n.id,r:o.value.trim()}),e(s("sessions.cancelled",{time:T(n.startsAt,n.endsAt)}))});return a`<form class="panel" onSubmit=${S(()=>i.run())}>
    <h4>${s("sessions.cancelTitle")}</h4>
    <${w} multiline rows=${3} label=${s("sessions.cancelReason")} hint=${s("sessions.cancelReasonHint")}
      value=${o} maxLength=${1e3} />
    <${b} error=${i.error.value} />
    <div class="row">
      <${k} kind="danger" pending=${i.pending}>${s("sessions.cancelConfirm")}<//>
      <${k} type="button" kind="link" onClick=${t}>${s("sessions.keep")}<//>
    </div>
  </form>`}function Ce({rel:n,session:e,onDone:t,onClose:o}){let i=j(n),r=f(new Set(i.map(d=>d.id))),u=I(),m=d=>{let c=new Set(r.value);c.has(d)?c.delete(d):c.add(d),r.value=c},$=A(async()=>{await D(ve,{s:e.id,a:[...r.value]}),t(s("sessions.recorded"))});return a`<form class="panel" onSubmit=${S(()=>$.run())}>
    <fieldset>
      <legend>${s("sessions.whoCame")}</legend>
      ${i.map((d,c)=>a`<div class="field check">
          <input type="checkbox" id=${`${u}-${c}`} checked=${r.value.has(d.id)} onChange=${()=>m(d.id)} />
          <label for=${`${u}-${c}`}>${d.displayName}</label>
        </div>`)}
    </fieldset>
    <${b} error=${$.error.value} />
    <div class="row">
      <${k} pending=${$.pending}>${s("sessions.markHeld")}<//>
      <${k} type="button" kind="link" onClick=${o}>${s("common.cancel")}<//>
    </div>
  </form>`}function Ne({rel:n,session:e,now:t,acting:o,open:i,setOpen:r,onDone:u}){let m=Y(e,t),$=A(()=>xe(e)),d=j(n).filter(h=>h.id!==L.value?.user?.id),c=i?.id===e.id?i.mode:null,p=h=>r(c===h?null:{id:e.id,mode:h}),y=()=>r(null),l=h=>(r(null),u(h));return a`<li class="session">
    <div class="row">
      <strong class="grow">${T(e.startsAt,e.endsAt)}</strong>
      <${Se} session=${e} now=${t} />
    </div>
    <div class="muted">
      ${s(`sessions.kind.${e.kind}`)}${e.agenda?" \xB7 ":""}${e.agenda&&a`<span class="agenda">${e.agenda}</span>`}
    </div>
    ${e.status==="CANCELLED"&&e.cancelReason&&a`<p class="muted">${s("sessions.reasonWas",{reason:e.cancelReason})}</p>`}
    ${e.status==="HELD"&&e.attendance.length>0&&a`<p class="muted">
      ${s("sessions.attended",{names:e.attendance.filter(h=>h.attended).map(h=>h.user.displayName).join(", ")||"\u2014"})}
    </p>`}
    <div class="row actions">
      ${e.status!=="CANCELLED"&&a`<${Te} session=${e} programme=${n.programme} now=${t} />`}
      ${m.upcoming&&a`<${k} type="button" kind="secondary" pending=${$.pending} onClick=${()=>$.run()}>${s("sessions.addToCalendar")}<//>`}
      ${o&&m.upcoming&&a`
        <${k} type="button" kind="secondary" aria-expanded=${c==="reschedule"} onClick=${()=>p("reschedule")}>${s("sessions.reschedule")}<//>
        <${k} type="button" kind="danger" aria-expanded=${c==="cancel"} onClick=${()=>p("cancel")}>${s("sessions.cancel")}<//>`}
      ${o&&m.started&&e.status==="SCHEDULED"&&a`<${k} type="button" kind="secondary" aria-expanded=${c==="held"} onClick=${()=>p("held")}>${s("sessions.recordHeld")}<//>`}
    </div>
    <${b} error=${$.error.value} />
    ${c==="reschedule"&&a`<${Ee} rel=${n} session=${e} others=${d} onDone=${l} onClose=${y} />`}
    ${c==="cancel"&&a`<${Ie} session=${e} onDone=${l} onClose=${y} />`}
    ${c==="held"&&a`<${Ce} rel=${n} session=${e} onDone=${l} onClose=${y} />`}
  </li>`}var Oe=["REGULAR","FLASH","SITUATIONAL","GROUP"];function Re({rel:n,onDone:e}){let t=f(""),o=f("60"),i=f(n.members.length>1?"GROUP":"REGULAR"),r=C(`session-agenda:${n.id}`),u=f(""),m=f(""),$=j(n).filter(l=>l.id!==L.value?.user?.id),d=A(async()=>{let l=J(t.value,o.value);if(m.value=l?"":s("sessions.pickTime"),!l)return;let h={relationshipId:n.id,...l,kind:i.value,agenda:r.value.trim(),externalUrl:u.value.trim()},g=await D(fe,{i:h});r.clear(),t.value="",u.value="",e(s("sessions.scheduled",{time:T(g.scheduleSession.startsAt,g.scheduleSession.endsAt)}))}),c=d.error.value,p=(...l)=>c&&l.includes(c.field)?c.message:void 0,y=Oe.filter(l=>l!=="GROUP"||n.members.length>1);return a`<form class="card" onSubmit=${S(()=>d.run())}>
    <${Z} relationshipId=${n.id} programme=${n.programme} when=${t} minutes=${o} others=${$}
      error=${m.value||p("startsAt","endsAt")} />
    <${U} label=${s("sessions.kindLabel")} value=${i} options=${y.map(l=>[l,s(`sessions.kind.${l}`)])} />
    <${w} multiline rows=${3} label=${s("sessions.agenda")} hint=${s("sessions.agendaHint")} value=${r}
      maxLength=${4e3} error=${p("agenda")} />
    <${w} type="url" label=${s("sessions.externalUrl")} hint=${s("sessions.externalUrlHint")} value=${u}
      placeholder="https://" error=${p("externalUrl")} />
    <${b} error=${c} />
    <${k} pending=${d.pending}>${s("sessions.scheduleButton")}<//>
  </form>`}function Le(){let n=f(""),e=f(""),t=A(async()=>{n.value=(await D(ke)).createCalendarFeed,e.value=s("sessions.feed.made")}),o=A(async()=>{await D(be),n.value="",e.value=s("sessions.feed.revoked")}),i=async()=>{try{await navigator.clipboard.writeText(n.value),e.value=s("sessions.feed.copied")}catch{e.value=s("sessions.feed.copyByHand")}};return a`<section class="card" aria-labelledby="sessions-feed">
    <h3 id="sessions-feed">${s("sessions.feed.title")}</h3>
    <p>${s("sessions.feed.intro")}</p>
    ${n.value&&a`<${w} label=${s("sessions.feed.url")} value=${n} readOnly hint=${s("sessions.feed.secret")}
      onFocus=${r=>r.currentTarget.select()} />`}
    <div class="row">
      ${n.value&&a`<${k} type="button" onClick=${i}>${s("sessions.feed.copy")}<//>`}
      <${k} type="button" kind=${n.value?"secondary":"primary"} pending=${t.pending} onClick=${()=>t.run()}>
        ${n.value?s("sessions.feed.remake"):s("sessions.feed.make")}
      <//>
      <${k} type="button" kind="danger" pending=${o.pending} onClick=${()=>o.run()}>${s("sessions.feed.revoke")}<//>
    </div>
    <small>${s("sessions.feed.revokeHint")}</small>
    <${b} error=${t.error.value||o.error.value} />
    <${G} text=${e.value} />
  </section>`}function os({relationship:n}){let{data:e,error:t,loading:o,reload:i}=z(re,{id:n.id},[n.id]),r=ce(),[u,m]=_(null),$=f(""),d=f(!1),c=X(null);if(!e)return o?a`<${H} />`:a`<${b} error=${t} />`;let p=e.node;if(!p)return a`<${b} error=${{code:"NOT_FOUND"}} />`;let y=le(p),l=e.sessions.map(v=>[v,Y(v,r)]),h=l.filter(([,v])=>v.upcoming).map(([v])=>v),g=l.filter(([,v])=>!v.upcoming).sort(([,v],[,$e])=>$e.starts-v.starts).map(([v])=>v),x=v=>{$.value=v,i(),c.current?.focus()},O=v=>a`<${Ne} key=${v.id} rel=${p} session=${v} now=${r} acting=${y}
    open=${u} setOpen=${m} onDone=${x} />`;return a`<section class="sessions-tab" aria-labelledby="sessions-heading">
    <h2 id="sessions-heading" tabindex="-1" ref=${c}>${s("sessions.title")}</h2>
    <p class="muted">${s("sessions.zoneNote",{zone:F})}</p>
    <${G} text=${$.value} />
    <${b} error=${t} />
    <h3>${s("sessions.upcoming")}</h3>
    ${h.length?a`<ul class="list">${h.map(O)}</ul>`:a`<${P}>${s("sessions.noUpcoming")}<//>`}
    ${y&&(p.status==="ACTIVE"?a`<h3>${s("sessions.scheduleTitle")}</h3><${Re} rel=${p} onDone=${x} />`:a`<p class="note info">${s("sessions.notActive")}</p>`)}
    <h3>${s("sessions.past")}</h3>
    ${g.length?a`<ul class="list">${(d.value?g:g.slice(0,oe)).map(O)}</ul>`:a`<${P}>${s("sessions.noPast")}<//>`}
    ${g.length>oe&&!d.value&&a`<${k} type="button" kind="link" onClick=${()=>d.value=!0}>
      ${s("sessions.showAllPast",{n:g.length})}
    <//>`}
    ${y&&a`<${Le} />`}
  </section>`}var Fe=[1,2,3,4,5];function de({legend:n,value:e,low:t,high:o,error:i}){let r=I();return a`<fieldset class="scale" aria-describedby=${`${r}-ends${i?` ${r}-error`:""}`}>
    <legend>${n}</legend>
    <div class="scale-options">
      ${Fe.map(u=>a`<label class="scale-option">
          <input type="radio" name=${r} value=${u} checked=${e.value===u} onChange=${()=>e.value=u} />
          <span>${u}</span>
        </label>`)}
    </div>
    <p class="scale-ends" id=${`${r}-ends`}>
      <span>${s("sessions.scaleEnd",{n:1,text:t})}</span>
      <span>${s("sessions.scaleEnd",{n:5,text:o})}</span>
    </p>
    ${i&&a`<small class="error" id=${`${r}-error`}>${i}</small>`}
  </fieldset>`}function Ue({session:n,onDone:e}){let t=f(0),o=C(`feedback:${n.id}`),i=f(""),r=A(async()=>{i.value=t.value?"":s("sessions.feedback.pickRating"),t.value&&(await D(ye,{s:n.id,r:t.value,c:o.value.trim()}),o.clear(),e(s("sessions.feedback.thanks")))});return a`<form onSubmit=${S(()=>r.run())}>
    <${de} legend=${s("sessions.feedback.question")} value=${t} low=${s("sessions.feedback.low")} high=${s("sessions.feedback.high")} error=${i.value} />
    <${w} multiline rows=${3} label=${s("sessions.feedback.comment")} hint=${s("sessions.feedback.commentHint")} value=${o} maxLength=${2e3} />
    <${b} error=${r.error.value} />
    <${k} pending=${r.pending}>${s("sessions.feedback.send")}<//>
  </form>`}function is({relationship:n}){let{data:e,error:t,loading:o,reload:i}=z(re,{id:n.id},[n.id]),r=f("");if(!e)return o?a`<${H} />`:a`<${b} error=${t} />`;let u=e.node;if(!u)return a`<${b} error=${{code:"NOT_FOUND"}} />`;let m=le(u),$=e.sessions.filter(l=>l.status==="HELD").sort((l,h)=>new Date(h.startsAt)-new Date(l.startsAt)),d=m?$.filter(l=>!l.myFeedback):[],c=$.filter(l=>l.myFeedback),p=l=>(r.value=l,i()),y=l=>a`<h4>${T(l.startsAt,l.endsAt)}</h4>
    ${l.agenda&&a`<p class="muted agenda">${l.agenda}</p>`}`;return a`<section class="feedback-tab" aria-labelledby="feedback-heading">
    <h2 id="feedback-heading">${s("sessions.feedback.title")}</h2>
    <p class="muted">${s("sessions.feedback.intro")}</p>
    <${G} text=${r.value} />
    ${!$.length&&a`<${P}>${s("sessions.feedback.none")}<//>`}
    ${d.length>0&&a`<h3>${s("sessions.feedback.waiting")}</h3>
      <ul class="list">
        ${d.map(l=>a`<li key=${l.id} class="session">${y(l)}<${Ue} session=${l} onDone=${p} /></li>`)}
      </ul>`}
    ${c.length>0&&a`<h3>${s("sessions.feedback.given")}</h3>
      <ul class="list">
        ${c.map(l=>a`<li key=${l.id} class="session">
            ${y(l)}
            <div class="given">
              <p><strong>${s("sessions.feedback.youGave",{rating:l.myFeedback.rating})}</strong>
                <span class="muted"> · ${q(l.myFeedback.createdAt)}</span></p>
              ${l.myFeedback.comment&&a`<blockquote>${l.myFeedback.comment}</blockquote>`}
            </div>
          </li>`)}
      </ul>`}
  </section>`}function He(n,e){if(!n.startedAt)return null;let t=new Date(n.startedAt).getTime(),{pulseFirstDays:o,pulseEveryDays:i}=n.programme,r=Math.floor((e-t)/864e5),u=r<o?o:o+(Math.floor((r-o)/i)+1)*i,m=t+u*864e5;return m<=new Date(`${n.programme.endsOn}T23:59`).getTime()?m:null}function Pe({rel:n,checkIn:e,onDone:t}){let o=f(Object.fromEntries(e.questions.map(d=>[d.key,0]))),i=C(`checkin:${n.id}:${e.round}`),r=f(!1),u=C(`rematch:${n.id}:${e.round}`),m=f(!1),$=A(async()=>{if(m.value=Object.values(o.value).some(c=>!c),m.value)return;await D(Ae,{r:n.id,a:Object.entries(o.value).map(([c,p])=>({key:c,score:p})),c:i.value.trim(),w:r.value,why:r.value?u.value.trim():""});let d=r.value;i.clear(),u.clear(),t(d?s("sessions.checkin.thanksRematch"):s("sessions.checkin.thanks"))});return a`<form class="card" onSubmit=${S(()=>$.run())}>
    <p>${s("sessions.checkin.intro",{round:e.round})}</p>
    ${e.questions.map(d=>{let c={get value(){return o.value[d.key]},set value(p){o.value={...o.value,[d.key]:p}}};return a`<${de}
        key=${d.key}
        legend=${se.value==="en"?d.textEn:d.textId}
        value=${c}
        low=${s("sessions.checkin.low")}
        high=${s("sessions.checkin.high")}
        error=${m.value&&!o.value[d.key]?s("sessions.checkin.answerThis"):""}
      />`})}
    <${w} multiline rows=${3} label=${s("sessions.checkin.comment")} hint=${s("sessions.checkin.commentHint")} value=${i} maxLength=${2e3} />
    <div class="rematch">
      <${w} type="checkbox" label=${s("sessions.checkin.rematch")} hint=${s("sessions.checkin.rematchHint")} value=${r} />
      ${r.value&&a`<${w} multiline rows=${3} label=${s("sessions.checkin.rematchReason")} hint=${s("sessions.checkin.rematchReasonHint")}
        value=${u} maxLength=${2e3} />`}
    </div>
    <${b} error=${$.error.value} />
    <${k} pending=${$.pending}>${s("sessions.checkin.send")}<//>
  </form>`}function rs({relationship:n}){let{data:e,error:t,loading:o,reload:i}=z(we,{id:n.id},[n.id]),r=f(""),u=ce();if(!e)return o?a`<${H} />`:a`<${b} error=${t} />`;let m=e.node;if(!m)return a`<${b} error=${{code:"NOT_FOUND"}} />`;let $=e.checkIn,d=He(m,u),c=p=>(r.value=p,i());return a`<section class="checkin-tab" aria-labelledby="checkin-heading">
    <h2 id="checkin-heading">${s("sessions.checkin.title")}</h2>
    <${G} text=${r.value} />
    ${$&&!$.answered&&m.status==="ACTIVE"?a`<${Pe} rel=${m} checkIn=${$} onDone=${c} />`:a`<p>${$?.answered?s("sessions.checkin.answered",{round:$.round}):s("sessions.checkin.noneDue")}</p>
          ${m.status==="ACTIVE"&&d&&a`<p class="muted">${s("sessions.checkin.next",{date:q(d)})}</p>`}`}
  </section>`}export{rs as CheckInTab,is as FeedbackTab,os as SessionsTab};
