import{a as ne}from"./chunk-QEA2FKBX.js";import{e as B}from"./chunk-AMWPSUXE.js";import{A as t,B as Z,E as ee,G as C,H as G,J as E,K as D,L as Y,M as A,N as se,O as L,P as y,Q,c as X,d as k,e as h,k as v,l as q,n as M,r as x,t as w,v as _,x as a}from"./chunk-LOJGHKBD.js";import"./chunk-N4BKRCPD.js";var te=30,N="id createdAt editedAt body deleted mine author { id displayName }",ae="id status mentoringModel mentor { id displayName } members { id displayName } programme { name }",he=`{ conversations {
  relationshipId unreadCount
  lastMessage { id body deleted createdAt mine author { displayName } }
  relationship { ${ae} }
} }`,ye=`query($r: ID!, $first: Int!) { conversation(relationshipId: $r) {
  relationshipId lastReadMessageId
  readMarkers { user { id displayName } lastReadMessageId }
  relationship { ${ae} }
  messages(first: $first) { edges { node { ${N} } } pageInfo { hasNextPage endCursor } }
} }`,be=`query($r: ID!, $first: Int!, $after: String) { conversation(relationshipId: $r) {
  messages(first: $first, after: $after) { edges { node { ${N} } } pageInfo { hasNextPage endCursor } }
} }`,Ie=`subscription($r: ID!) { conversationEvents(relationshipId: $r) {
  kind message { ${N} } reader { id displayName } lastReadMessageId
} }`,ke="subscription($r: ID!) { conversationEvents(relationshipId: $r) { kind } }",we=`mutation($r: ID!, $body: String!) { sendMessage(relationshipId: $r, body: $body) { ${N} } }`,Ee=`mutation($id: ID!, $body: String!) { editMessage(messageId: $id, body: $body) { ${N} } }`,Me=`mutation($id: ID!) { deleteMessage(messageId: $id) { ${N} } }`,xe="mutation($r: ID!, $upTo: ID) { markConversationRead(relationshipId: $r, upTo: $upTo) { lastReadMessageId } }";function $(s){try{return Number(atob(s).split(":").pop())||0}catch{return 0}}function re(s){let i=M.value?.user?.id;return[s.mentor,...s.members].filter(l=>l&&l.id!==i).map(l=>l.displayName).join(", ")||t("conversations.untitled")}function ie(s){let i=h(s);i.current=s;let m=h(x.peek());q(()=>{let l=x.value;l&&!m.current&&i.current(),m.current=l})}function Ne({text:s}){return a`<div class="sr-only" aria-live="polite" aria-atomic="true">${s.value}</div>`}var le=(s,i=160)=>s.length>i?s.slice(0,i-1)+"\u2026":s;function ze(){let{data:s,error:i,reload:m}=se(he),l=s?s.conversations.map(e=>e.relationshipId).join(","):"";return k(()=>{if(!l)return;let e,d=()=>{clearTimeout(e),e=setTimeout(m,250)},c=l.split(",").map(u=>_(ke,{r:u},d));return()=>{clearTimeout(e),c.forEach(u=>u())}},[l]),ie(m),a`<${C} title=${t("conversations.title")}>
    <${E} error=${i} />
    ${!s&&!i&&a`<${Y} />`}
    ${s&&s.conversations.length===0&&a`<${A}>${t("conversations.none")}</${A}>`}
    ${s&&s.conversations.length>0&&a`<ul class="list msg-convs">
      ${s.conversations.map(e=>{let d=e.lastMessage,c=d&&(d.mine?t("conversations.you"):d.author?.displayName||t("conversations.someone"));return a`<li key=${e.relationshipId} class=${e.unreadCount?"msg-conv unread":"msg-conv"}>
          <div class="row">
            <a class="grow msg-conv-name" href=${B(`/conversations/${e.relationshipId}`)}>${re(e.relationship)}</a>
            ${e.unreadCount>0&&a`<span class="badge msg-unread">${t("conversations.unread",{count:e.unreadCount})}</span>`}
          </div>
          <div class="muted msg-conv-meta">
            ${e.relationship.programme.name}
            ${e.relationship.status!=="ACTIVE"&&a` · ${t(`conversations.status.${e.relationship.status}`)}`}
          </div>
          ${d?a`<p class="msg-conv-last">
                <span>${c}: </span>${d.deleted?a`<em>${t("conversations.deleted")}</em>`:le(d.body)}
                <span class="muted"> · <time datetime=${d.createdAt}>${ee(d.createdAt)}</time></span>
              </p>`:a`<p class="msg-conv-last muted">${t("conversations.noMessages")}</p>`}
        </li>`})}
    </ul>`}
  </${C}>`}function Fe({params:s}){var J;let i=s.id,m=v(null),l=v(null),e=v([]),d=v({hasNextPage:!1,endCursor:null}),c=v({}),u=v(null),R=v(""),b=v(document.visibilityState!=="hidden"),I=h(!0),O=h(null),K=h(null),H=h(!1),j=h(i);j.current=i;let de=M.value?.user?.id,T=r=>{let n=new Map(e.peek().map(o=>[o.id,o]));for(let o of r)n.set(o.id,o);e.value=[...n.values()].sort((o,g)=>$(o.id)-$(g.id))},ce=(r,n)=>{let o={};for(let g of r)g.user&&(g.user.id===n?$(g.lastReadMessageId||"")>$(u.peek()||"")&&(u.value=g.lastReadMessageId):o[g.user.id]=g);c.value=o},V=async r=>{try{let{conversation:n}=await w(ye,{r:i,first:te});if(j.current!==i)return;let o=n.messages.edges.map(S=>S.node).reverse(),g=e.peek(),p=g.length&&o.length&&n.messages.pageInfo.hasNextPage&&$(o[0].id)>$(g[g.length-1].id);if(r||p||!H.current){let S=o.length?$(o[o.length-1].id):0;e.value=[...o,...e.peek().filter(fe=>$(fe.id)>S)],d.value=n.messages.pageInfo,H.current=!0}else T(o);m.value=n.relationship,(u.peek()==null||$(n.lastReadMessageId||"")>$(u.peek()||""))&&(u.value=n.lastReadMessageId),ce(n.readMarkers,M.peek()?.user?.id),l.value=null}catch(n){j.current===i&&(l.value=n)}};k(()=>{m.value=null,l.value=null,d.value={hasNextPage:!1,endCursor:null},e.value=[],c.value={},u.value=null,I.current=!0,H.current=!1,V(!0);let r=()=>b.value=document.visibilityState!=="hidden";return document.addEventListener("visibilitychange",r),()=>document.removeEventListener("visibilitychange",r)},[i]);let ue=r=>{let n=r.conversationEvents;if(n.kind==="READ"){if(!n.reader)return;n.reader.id===M.peek()?.user?.id?u.value=n.lastReadMessageId:c.value={...c.peek(),[n.reader.id]:{user:n.reader,lastReadMessageId:n.lastReadMessageId}};return}let o=n.message;if(!o)return;let g=e.peek().some(S=>S.id===o.id);I.current=I.current||oe(),T([o]);let p=o.author?.displayName||t("conversations.someone");n.kind==="SENT"&&!g&&!o.mine?R.value=t("conversations.newFrom",{name:p,body:le(o.body,200)}):n.kind==="DELETED"&&!o.mine&&(R.value=t("conversations.deletedBy",{name:p}))},[me,ge]=X(0);k(()=>_(Ie,{r:i},ue,r=>{r.code==="SUBSCRIBER_TOO_SLOW"&&(V(!1),ge(n=>n+1))}),[i,me]),ie(()=>V(!1)),q(()=>{let r=e.value,n=r[r.length-1];if(!n||!b.value||!x.value)return;let o=$(n.id);$(u.value||"")>=o||K.current===o||(K.current=o,w(xe,{r:i,upTo:n.id}).then(g=>{let p=g.markConversationRead.lastReadMessageId;$(p||"")>$(u.peek()||"")&&(u.value=p)},()=>K.current=null))});let z=e.value.length,U=z?e.value[z-1].id:null;k(()=>{O.current?(document.getElementById(O.current)?.focus(),O.current=null):I.current&&U&&window.scrollTo(0,document.documentElement.scrollHeight)},[U,z]),k(()=>{let r=()=>I.current=oe();return addEventListener("scroll",r,{passive:!0}),()=>removeEventListener("scroll",r)},[]);let F=L(async()=>{let{conversation:r}=await w(be,{r:i,first:te,after:d.value.endCursor}),n=r.messages.edges.map(o=>o.node);d.value=r.messages.pageInfo,n.length&&(O.current=`msg-${$(n[0].id)}`),I.current=!1,T(n)}),f=m.value,W=f?.status==="ACTIVE",P={};for(let r of Object.values(c.value)){if(!r.lastReadMessageId||r.user.id===de)continue;let n=$(r.lastReadMessageId),o=e.value;for(let g=o.length-1;g>=0;g--){let p=o[g];if(!($(p.id)>n||p.author?.id===r.user.id)){(P[J=p.id]||(P[J]=[])).push(r.user.displayName);break}}}let $e=M.value&&(f?W:l.value?.code==="NETWORK"),ve=r=>{I.current=!0,T([r])},pe=f?re(f):t("conversations.thread");return a`<${C}
    title=${pe}
    actions=${a`<a href=${B("/conversations")}>${t("conversations.all")}</a>
      ${f&&a`<a href=${B(`/mentorships/${f.id}`)}>${t("conversations.mentorship")}</a>`}`}
  >
    <${E} error=${l.value} />
    ${!f&&!l.value&&a`<${Y} />`}
    ${f&&a`<div class="msg-thread">
      ${d.value.hasNextPage&&a`<div class="msg-older">
        <${y} kind="secondary" pending=${F.pending} onClick=${()=>F.run()}>${t("conversations.older")}</${y}>
        <${E} error=${F.error.value} />
      </div>`}
      ${e.value.length===0?a`<${A}>${t("conversations.noMessages")}</${A}>`:a`<ol class="msg-list" aria-label=${t("conversations.messages")}>
            ${e.value.map(r=>a`<${Re}
                key=${r.id}
                m=${r}
                seenBy=${P[r.id]}
                writable=${W}
                onChange=${n=>T([n])}
              />`)}
          </ol>`}
    </div>`}
    <${Ne} text=${R} />
    ${$e&&a`<${Se} key=${i} relationshipId=${i} onSent=${ve} />`}
    ${f&&!W&&a`<${D}>${t("conversations.readOnly")}</${D}>`}
  </${C}>`}function oe(){return window.innerHeight+window.scrollY>=document.documentElement.scrollHeight-160}function Re({m:s,seenBy:i,writable:m,onChange:l}){let e=v(""),d=`msg-${$(s.id)}`,c=()=>{e.value="",setTimeout(()=>document.getElementById(d)?.focus(),0)},u=L(async()=>{let b=await w(Me,{id:s.id});l(b.deleteMessage),c()}),R=s.mine?t("conversations.you"):s.author?.displayName||t("conversations.someone");return a`<li id=${d} tabindex="-1" class=${s.mine?"msg mine":"msg"}>
    <div class="msg-head">
      <strong>${R}</strong>
      <time class="muted" datetime=${s.createdAt}>${Z(s.createdAt)}</time>
      ${s.editedAt&&!s.deleted&&a`<span class="muted">${t("conversations.edited")}</span>`}
    </div>
    ${e.value==="edit"?a`<${Te} m=${s} onDone=${b=>(b&&l(b),c())} />`:s.deleted?a`<p class="msg-body muted"><em>${t("conversations.deleted")}</em></p>`:a`<p class="msg-body">${s.body}</p>`}
    ${i&&a`<p class="msg-seen muted">${t("conversations.seenBy",{names:i.join(", ")})}</p>`}
    ${s.mine&&!s.deleted&&m&&e.value===""&&a`<div class="msg-actions">
      <button class="btn link" onClick=${()=>e.value="edit"}>${t("common.edit")}</button>
      <button class="btn link" onClick=${()=>e.value="delete"}>${t("common.delete")}</button>
    </div>`}
    ${e.value==="delete"&&a`<div class="msg-confirm" role="group" aria-label=${t("conversations.confirmDelete")}>
      <span>${t("conversations.confirmDelete")}</span>
      <${y} kind="danger" pending=${u.pending} onClick=${()=>u.run()}>${t("conversations.yesDelete")}</${y}>
      <button class="btn secondary" onClick=${c}>${t("common.cancel")}</button>
      <${E} error=${u.error.value} />
    </div>`}
  </li>`}function Te({m:s,onDone:i}){let m=v(s.body),l=h(null);k(()=>l.current?.querySelector("textarea")?.focus(),[]);let e=L(async()=>{let d=m.value.trim();if(!d||d===s.body)return i(null);let c=await w(Ee,{id:s.id,body:d});i(c.editMessage)});return a`<form ref=${l} class="msg-edit" onSubmit=${Q(()=>e.run())}>
    <${G} label=${t("conversations.editLabel")} value=${m} multiline rows=${3} maxlength=${4e3} />
    <div class="row">
      <${y} type="submit" pending=${e.pending}>${t("common.save")}</${y}>
      <button type="button" class="btn secondary" onClick=${()=>i(null)}>${t("common.cancel")}</button>
    </div>
    <${E} error=${e.error.value} />
  </form>`}function Se({relationshipId:s,onSent:i}){let m=ne(`message:${s}`),l=v(!1),e=L(async()=>{let c=m.value.trim();if(c){if(!x.peek()){l.value=!0;return}try{let u=await w(we,{r:s,body:c});l.value=!1,m.value.trim()===c&&m.clear(),i(u.sendMessage)}catch(u){if(u.code!=="NETWORK")throw u;l.value=!0}}});q(()=>{x.value&&l.peek()&&!e.pending.peek()&&e.run()});let d=c=>{c.key==="Enter"&&(c.ctrlKey||c.metaKey)&&(c.preventDefault(),e.run())};return a`<form class="msg-composer" onSubmit=${Q(()=>e.run())}>
    <${G}
      label=${t("conversations.message")}
      value=${m}
      multiline
      rows=${3}
      maxlength=${4e3}
      hint=${t("conversations.hint")}
      onKeyDown=${d}
    />
    ${l.value&&a`<${D} kind="warn">${t("conversations.queued")}</${D}>`}
    <${E} error=${e.error.value} />
    <${y} type="submit" pending=${e.pending}>${t("common.send")}</${y}>
  </form>`}export{ze as Conversations,Fe as Thread};
