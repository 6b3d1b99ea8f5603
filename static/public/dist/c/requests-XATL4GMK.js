import{e as T}from"./chunk-KWJ65FAO.js";import{a as S}from"./chunk-QEA2FKBX.js";import{e as C}from"./chunk-AMWPSUXE.js";import{A as t,B as y,G as w,H as I,J as l,L as N,M as k,N as A,O as q,P as g,Q as D,d as h,e as m,g as f,k as v,l as b,r as E,t as p,v as R,x as s}from"./chunk-LOJGHKBD.js";import"./chunk-N4BKRCPD.js";var O=`query {
  me { profile { openForRequests capacity } }
  myEnrolments { asMentor asMentee mentorStatus }
  sent: myRequests(side: SENT) { ...R mentor { id displayName } }
  received: myRequests(side: RECEIVED) { ...R mentee { id displayName } }
}
fragment R on MentorRequest {
  id message status declineReason createdAt expiresAt decidedAt relationshipId programme { id name }
}`,x="subscription { matchEvents { kind requestId } }",M="mutation($id: ID!) { acceptRequest(requestId: $id) { id status } }",L="mutation($id: ID!, $reason: String!) { declineRequest(requestId: $id, reason: $reason) { id status } }",G="mutation($id: ID!) { withdrawRequest(requestId: $id) { id status } }",V="mutation($open: Boolean!) { setOpenForRequests(open: $open) }",W=e=>[...e].sort((r,i)=>(r.status!=="PENDING")-(i.status!=="PENDING"));function se(){let e=A(O),{reload:r}=e,i=v(""),n=u=>{i.value=u,r()};h(()=>{let u=null,$=null,c=()=>{u=R(x,{},F=>n(t(`requests.event.${F.matchEvents.kind}`)),()=>{r(),$=setTimeout(c,5e3)})};return c(),()=>{clearTimeout($),u?.()}},[]);let a=m(E.peek());b(()=>{let u=E.value;u&&!a.current&&r(),a.current=u});let o=e.data,d;if(!o)d=s`${e.loading&&s`<${N} />`}<${l} error=${e.error} />`;else{let u=o.myEnrolments.some(c=>c.asMentor&&c.mentorStatus==="APPROVED")||o.received.length>0,$=o.myEnrolments.some(c=>c.asMentee)||o.sent.length>0;d=s`
      <${l} error=${e.error} />
      ${u&&s`<${B} profile=${o.me.profile} onChanged=${n} />`}
      ${u&&s`<${P}
        title=${t("requests.received")}
        empty=${t("requests.noneReceived")}
        requests=${o.received}
        side="received"
        onChanged=${n}
      />`}
      ${($||!u)&&s`<${P}
        title=${t("requests.sent")}
        empty=${t("requests.noneSent")}
        requests=${o.sent}
        side="sent"
        onChanged=${n}
      />`}
    `}return s`<${w} title=${t("requests.title")}>
    <${T} here="/requests" />
    <p class="note info live-note" role="status" aria-live="polite">${i.value}</p>
    ${d}
  <//>`}function B({profile:e,onChanged:r}){let i=f(),n=q(async()=>{let a=await p(V,{open:!e.openForRequests});r(a.setOpenForRequests?t("requests.nowOpen"):t("requests.nowClosed"))});return s`<section aria-labelledby=${i} class="card mentor-profile">
    <h2 id=${i}>${t("requests.myProfile")}</h2>
    <p>
      <strong>${e.openForRequests?t("requests.isOpen"):t("requests.isClosed")}</strong>
      ${" "}${t("requests.capacity",{n:e.capacity})}
    </p>
    <${g} kind="secondary" type="button" pending=${n.pending} onClick=${()=>n.run()}>
      ${e.openForRequests?t("requests.close"):t("requests.reopen")}
    <//>
    <${l} error=${n.error.value} />
  </section>`}function P({title:e,empty:r,requests:i,side:n,onChanged:a}){let o=f();return s`<section aria-labelledby=${o}>
    <h2 id=${o}>${e}</h2>
    ${i.length?s`<ul class="dir-list">
          ${W(i).map(d=>s`<li key=${d.id}><${H} request=${d} side=${n} onChanged=${a} /></li>`)}
        </ul>`:s`<${k}>${r}<//>`}
  </section>`}function H({request:e,side:r,onChanged:i}){let n=f(),a=m(null),o=r==="sent"?e.mentor:e.mentee,d=e.status==="PENDING",u=$=>{i($),a.current?.focus()};return s`<article class="card request" aria-labelledby=${n}>
    <h3 id=${n} tabindex="-1" ref=${a}>${o.displayName}</h3>
    <p class="row">
      <span class="tag">${t(`requests.status.${e.status}`)}</span>
      <span class="muted">${e.programme.name}</span>
    </p>
    <dl class="facts">
      <dt>${t("requests.sentAt")}</dt>
      <dd>${y(e.createdAt)}</dd>
      ${d&&s`<dt>${t("requests.expiresAt")}</dt>
        <dd>${y(e.expiresAt)}</dd>`}
      ${e.decidedAt&&s`<dt>${t("requests.decidedAt")}</dt>
        <dd>${y(e.decidedAt)}</dd>`}
    </dl>
    ${e.message&&s`<h4>${t("requests.message")}</h4>
      <blockquote class="message">${e.message}</blockquote>`}
    ${e.status==="DECLINED"&&e.declineReason&&s`<h4>${t("requests.reason")}</h4>
      <blockquote class="message">${e.declineReason}</blockquote>`}
    ${e.status==="ACCEPTED"&&e.relationshipId&&s`<p><a href=${C(`/mentorships/${e.relationshipId}`)}>${t("requests.openMentorship")}</a></p>`}
    ${d&&r==="sent"&&s`<${Q} request=${e} other=${o} onChanged=${u} />`}
    ${d&&r==="received"&&s`<${U} request=${e} other=${o} onChanged=${u} />`}
  </article>`}function Q({request:e,other:r,onChanged:i}){let n=q(async()=>{await p(G,{id:e.id}),i(t("requests.withdrawn",{name:r.displayName}))});return s`<div>
    <${g} kind="danger" type="button" pending=${n.pending} onClick=${()=>n.run()}>${t("requests.withdraw")}<//>
    <${l} error=${n.error.value} />
  </div>`}function U({request:e,other:r,onChanged:i}){let n=v(!1),a=m(null),o=q(async()=>{await p(M,{id:e.id}),i(t("requests.accepted",{name:r.displayName}))});return n.value?s`<${_} request=${e} other=${r} onChanged=${i} onCancel=${()=>{n.value=!1,setTimeout(()=>a.current?.focus())}} />`:s`<div>
    <div class="row">
      <${g} type="button" pending=${o.pending} onClick=${()=>o.run()}>${t("requests.accept")}<//>
      <button class="btn danger" type="button" ref=${a} onClick=${()=>n.value=!0}>${t("requests.decline")}</button>
    </div>
    <${l} error=${o.error.value} />
  </div>`}function _({request:e,other:r,onChanged:i,onCancel:n}){let a=S(`decline:${e.id}`),o=m(null);h(()=>o.current?.querySelector("textarea")?.focus(),[]);let d=q(async()=>{await p(L,{id:e.id,reason:a.value.trim()}),a.clear(),i(t("requests.declined",{name:r.displayName}))});return s`<form ref=${o} onSubmit=${D(d.run)}>
    <${I}
      label=${t("requests.declineReason",{name:r.displayName})}
      hint=${t("requests.declineHint")}
      value=${a}
      multiline
      rows="3"
      maxLength="1000"
    />
    <${l} error=${d.error.value} />
    <div class="row">
      <${g} kind="danger" type="submit" pending=${d.pending}>${t("requests.declineSend")}<//>
      <button class="btn secondary" type="button" onClick=${n}>${t("common.cancel")}</button>
    </div>
  </form>`}export{se as Requests};
