import{a as _,b as F}from"./chunk-ACKASWWZ.js";import{d as B,e as E}from"./chunk-AMWPSUXE.js";import{A as o,B as T,G as g,H as x,J as G,L as V,M as A,O as S,P as b,c as C,d as w,e as L,k as u,l as I,r as y,t as p,v as D,x as n}from"./chunk-LOJGHKBD.js";import"./chunk-N4BKRCPD.js";var q="id kind title body createdAt readAt relationshipId sessionId",M=`query($unread: Boolean!) { myNotifications(unreadOnly: $unread, first: 100) { ${q} } }`,W=`subscription { notifications { ${q} } }`,U="mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }",z=t=>F.some(([e])=>B(e,t.split("?")[0])),H=new Set(["BADGE_AWARDED","CERTIFICATE_ISSUED","LEVEL_ELIGIBLE","LEVEL_CHANGED"]);function K(t){let e=[];return t.kind==="INVITATION"&&e.push("/invitations"),H.has(t.kind)&&e.push("/profile?section=recognition"),t.relationshipId&&e.push(`/mentorships/${t.relationshipId}`),e.find(z)||null}function st(){let t=u(null),e=u(null),c=u(""),l=u(!1),[f,m]=C(0),v=async()=>{try{let s=(await p(M,{unread:l.peek()})).myNotifications,r=new Set(s.map($=>$.id)),k=(t.peek()||[]).filter($=>!r.has($.id)&&!$.readAt);t.value=[...k,...s],e.value=null}catch(i){e.value=i}};I(()=>{l.value,t.value=null,v()}),w(()=>D(W,{},i=>{let s=i.notifications,r=t.peek()||[];r.some(k=>k.id===s.id)||(t.value=[s,...r],c.value=o("notifications.arrived",{title:s.title}))},i=>{i.code==="SUBSCRIBER_TOO_SLOW"&&(v(),m(s=>s+1))}),[f]);let N=L(y.peek());I(()=>{let i=y.value;i&&!N.current&&v(),N.current=i});let R=i=>{let s=new Date().toISOString();t.value=t.peek().map(r=>!r.readAt&&(!i||i.includes(r.id))?{...r,readAt:s}:r)},h=S(async()=>{await p(U,{ids:null}),R(null),c.value=o("notifications.allRead")}),O=S(async i=>{await p(U,{ids:[i.id]}),R([i.id])}),a=t.value,d=a?a.filter(i=>!i.readAt).length:0;return w(()=>{a&&!l.value&&(_.value=d)},[a,d]),n`<${g}
    title=${o("notifications.title")}
    actions=${d>0&&n`<${b} kind="secondary" pending=${h.pending} onClick=${()=>h.run()}>${o("notifications.markAll")}</${b}>`}
  >
    <${x} type="checkbox" label=${o("notifications.unreadOnly")} value=${l} />
    <p class="muted" role="status">${a&&(d?o("notifications.unreadCount",{count:d}):o("notifications.allCaughtUp"))}</p>
    <div class="sr-only" aria-live="polite" aria-atomic="true">${c.value}</div>
    <${G} error=${e.value||h.error.value||O.error.value} />
    ${!a&&!e.value&&n`<${V} />`}
    ${a&&a.length===0&&n`<${A}>${o("notifications.none")}</${A}>`}
    ${a&&a.length>0&&n`<ul class="list nt-list">
      ${a.map(i=>n`<${P} key=${i.id} n=${i} onRead=${()=>O.run(i)} />`)}
    </ul>`}
  </${g}>`}function P({n:t,onRead:e}){let c=K(t),l=t.kind==="SESSION_REMINDER"&&t.sessionId&&`/room/session/${t.sessionId}`,f=`nt-${t.id.replace(/[^\w-]/g,"")}`,m=()=>{t.readAt||e()};return n`<li class=${t.readAt?"nt-item":"nt-item unread"}>
    <div class="row nt-meta">
      <span class="tag">${o(`notifications.kind.${t.kind}`)}</span>
      ${!t.readAt&&n`<strong class="nt-new">${o("notifications.new")}</strong>`}
      <time class="muted" datetime=${t.createdAt}>${T(t.createdAt)}</time>
    </div>
    <h2 class="nt-title" id=${f}>
      ${c?n`<a href=${E(c)} onClick=${m}>${t.title}</a>`:t.title}
    </h2>
    ${t.body&&n`<p class="nt-body">${t.body}</p>`}
    <div class="row">
      ${l&&z(l)&&n`<a href=${E(l)} onClick=${m}>${o("notifications.openRoom")}</a>`}
      ${!t.readAt&&n`<button class="btn link" aria-describedby=${f} onClick=${e}>${o("notifications.markRead")}</button>`}
    </div>
  </li>`}export{st as Notifications};
