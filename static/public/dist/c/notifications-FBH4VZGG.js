import{a as D,b as F}from"./chunk-5ZN7LPFJ.js";import{d as x,e as I}from"./chunk-J4XT5ADL.js";import{A as T,F as A,G as _,I as q,K as z,L as b,N as S,O as N,c as C,d as w,e as B,k as u,l as y,r as g,t as p,u as L,w as n,z as o}from"./chunk-NZ4FRNHW.js";import"./chunk-N4BKRCPD.js";var U="id kind title body createdAt readAt relationshipId sessionId",K=`query($unread: Boolean!) { myNotifications(unreadOnly: $unread, first: 100) { ${U} } }`,P=`subscription { notifications { ${U} } }`,M="mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }",V=t=>F.some(([i])=>x(i,t.split("?")[0]));function W(t){let i=[];return t.kind==="INVITATION"&&i.push("/invitations"),t.relationshipId&&i.push(`/mentorships/${t.relationshipId}`),i.find(V)||null}function at(){let t=u(null),i=u(null),c=u(""),l=u(!1),[m,f]=C(0),v=async()=>{try{let s=(await p(K,{unread:l.peek()})).myNotifications,r=new Set(s.map($=>$.id)),h=(t.peek()||[]).filter($=>!r.has($.id)&&!$.readAt);t.value=[...h,...s],i.value=null}catch(e){i.value=e}};y(()=>{l.value,t.value=null,v()}),w(()=>L(P,{},e=>{let s=e.notifications,r=t.peek()||[];r.some(h=>h.id===s.id)||(t.value=[s,...r],c.value=o("notifications.arrived",{title:s.title}))},e=>{e.code==="SUBSCRIBER_TOO_SLOW"&&(v(),f(s=>s+1))}),[m]);let O=B(g.peek());y(()=>{let e=g.value;e&&!O.current&&v(),O.current=e});let R=e=>{let s=new Date().toISOString();t.value=t.peek().map(r=>!r.readAt&&(!e||e.includes(r.id))?{...r,readAt:s}:r)},k=S(async()=>{await p(M,{ids:null}),R(null),c.value=o("notifications.allRead")}),E=S(async e=>{await p(M,{ids:[e.id]}),R([e.id])}),a=t.value,d=a?a.filter(e=>!e.readAt).length:0;return w(()=>{a&&!l.value&&(D.value=d)},[a,d]),n`<${A}
    title=${o("notifications.title")}
    actions=${d>0&&n`<${N} kind="secondary" pending=${k.pending} onClick=${()=>k.run()}>${o("notifications.markAll")}</${N}>`}
  >
    <${_} type="checkbox" label=${o("notifications.unreadOnly")} value=${l} />
    <p class="muted" role="status">${a&&(d?o("notifications.unreadCount",{count:d}):o("notifications.allCaughtUp"))}</p>
    <div class="sr-only" aria-live="polite" aria-atomic="true">${c.value}</div>
    <${q} error=${i.value||k.error.value||E.error.value} />
    ${!a&&!i.value&&n`<${z} />`}
    ${a&&a.length===0&&n`<${b}>${o("notifications.none")}</${b}>`}
    ${a&&a.length>0&&n`<ul class="list nt-list">
      ${a.map(e=>n`<${j} key=${e.id} n=${e} onRead=${()=>E.run(e)} />`)}
    </ul>`}
  </${A}>`}function j({n:t,onRead:i}){let c=W(t),l=t.kind==="SESSION_REMINDER"&&t.sessionId&&`/room/session/${t.sessionId}`,m=`nt-${t.id.replace(/[^\w-]/g,"")}`,f=()=>{t.readAt||i()};return n`<li class=${t.readAt?"nt-item":"nt-item unread"}>
    <div class="row nt-meta">
      <span class="tag">${o(`notifications.kind.${t.kind}`)}</span>
      ${!t.readAt&&n`<strong class="nt-new">${o("notifications.new")}</strong>`}
      <time class="muted" datetime=${t.createdAt}>${T(t.createdAt)}</time>
    </div>
    <h2 class="nt-title" id=${m}>
      ${c?n`<a href=${I(c)} onClick=${f}>${t.title}</a>`:t.title}
    </h2>
    ${t.body&&n`<p class="nt-body">${t.body}</p>`}
    <div class="row">
      ${l&&V(l)&&n`<a href=${I(l)} onClick=${f}>${o("notifications.openRoom")}</a>`}
      ${!t.readAt&&n`<button class="btn link" aria-describedby=${m} onClick=${i}>${o("notifications.markRead")}</button>`}
    </div>
  </li>`}export{at as Notifications};
