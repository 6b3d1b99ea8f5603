import{c as Y,e as k}from"./chunk-AMWPSUXE.js";import{A as s,B as U,C as T,D as L,G as I,H as B,I as j,J as h,K as N,L as F,M as S,N as O,O as D,P as w,Q as q,a as c,c as J,d as R,e as V,k as f,m as _,t as A,v as X,x as a}from"./chunk-LOJGHKBD.js";import"./chunk-N4BKRCPD.js";var de=/^(https?:\/\/|mailto:|#\/)/i,ue=new RegExp([/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/.source,/\*\*(?=\S)([\s\S]*?\S)\*\*/.source,/(?<![\w])__(?=\S)([\s\S]*?\S)__(?![\w])/.source,/\*(?=[^\s*])([\s\S]*?[^\s*])\*/.source,/(?<![\w])_(?=[^\s_])([\s\S]*?[^\s_])_(?![\w])/.source,/\[([^\]\n]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/.source,/<((?:https?:\/\/|mailto:)[^>\s]+)>/.source].join("|"),"g");function Z(e,n){if(!de.test(e))return n;let o=!e.startsWith("#/");return c("a",{href:e,rel:o?"noopener noreferrer nofollow":void 0,target:o?"_blank":void 0},n)}function b(e){let n=[],o=0;for(let t of e.matchAll(ue))t.index>o&&n.push(e.slice(o,t.index)),o=t.index+t[0].length,t[2]!==void 0?n.push(c("code",null,t[2].replace(/^ (.*) $/,"$1"))):t[3]!==void 0||t[4]!==void 0?n.push(c("strong",null,b(t[3]??t[4]))):t[5]!==void 0||t[6]!==void 0?n.push(c("em",null,b(t[5]??t[6]))):t[7]!==void 0?n.push(Z(t[8],b(t[7]))):t[9]!==void 0&&n.push(Z(t[9],t[9]));return o<e.length&&n.push(e.slice(o)),n}var ee=/^ {0,3}(`{3,}|~{3,})/,Q=/^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/,te=/^ {0,3}([-*_])(?:\s*\1){2,}\s*$/,M=/^ {0,3}>\s?/,K=/^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/,P=e=>e.match(/^\s*/)[0].replace(/\t/g,"    ").length,z=e=>ee.test(e)||Q.test(e)||te.test(e)||M.test(e)||K.test(e);function ce(e){let n=[];return e.forEach((o,t)=>{let i=/ {2,}$/.test(o)&&t<e.length-1;n.push(...b(o.trim())),i?n.push(c("br",null)):t<e.length-1&&n.push(" ")}),n}function W(e,n){let o=[],t=0;for(;t<e.length;){let i=e[t];if(!i.trim()){t++;continue}let l=i.match(ee);if(l){let r=[];for(t++;t<e.length&&!e[t].trim().startsWith(l[1]);t++)r.push(e[t]);t++,o.push(c("pre",null,c("code",null,r.join(`
`))));continue}if(/^( {4}|\t)/.test(i)){let r=[];for(;t<e.length&&(/^( {4}|\t)/.test(e[t])||!e[t].trim());)r.push(e[t++].replace(/^( {4}|\t)/,""));for(;r.length&&!r[r.length-1].trim();)r.pop();o.push(c("pre",null,c("code",null,r.join(`
`))));continue}let d=i.match(Q);if(d){o.push(c(`h${Math.min(6,d[1].length+n)}`,null,b(d[2]||""))),t++;continue}if(te.test(i)){o.push(c("hr",null)),t++;continue}if(M.test(i)){let r=[];for(;t<e.length&&e[t].trim()&&(M.test(e[t])||!z(e[t]));)r.push(e[t++].replace(M,""));o.push(c("blockquote",null,W(r,n)));continue}let u=i.match(K);if(u){let r=P(u[1]),g=/\d/.test(u[2]),H=g?parseInt(u[2],10):void 0,v=[];for(;t<e.length;){let p=e[t].match(K);if(p&&P(p[1])===r&&/\d/.test(p[2])===g)v.push([p[3]]),t++;else if(v.length&&e[t].trim()&&(P(e[t])>r||!z(e[t])))v[v.length-1].push(e[t].slice(Math.min(P(e[t]),r+2))),t++;else if(!e[t].trim()&&t+1<e.length&&P(e[t+1])>r&&e[t+1].trim())v[v.length-1].push(""),t++;else break}let E=v.map(p=>c("li",null,p.length===1?b(p[0]):W(p,n).map((x,C)=>C===0&&x.type==="p"?x.props.children:x)));o.push(c(g?"ol":"ul",g&&H!==1?{start:H}:null,E));continue}let $=[];for(;t<e.length&&e[t].trim()&&($.length===0||!z(e[t]));)$.push(e[t++]);o.push(c("p",null,ce($)))}return o}function ne({text:e}){let n=String(e||"").replace(/\r\n?/g,`
`).split(`
`),o=n.map(i=>i.match(Q)).filter(Boolean).map(i=>i[1].length),t=2-Math.min(2,...o);return c("div",{class:"kn-md"},W(n,t))}var se=10,ae=`query($q: String!, $f: ArticleSearchFilter, $first: Int!, $after: String) {
  searchArticles(query: $q, filter: $f, first: $first, after: $after) {
    edges { node { snippet article { id title summary language helpful publishedAt authors { displayName } } } }
    pageInfo { hasNextPage endCursor }
  } }`,oe="{ myOrganisations { id name focusAreas { slug name } } followedFocusAreas { slug } }",$e="mutation($o: ID!, $a: String!, $f: Boolean!) { followFocusArea(organisationId: $o, focusArea: $a, follow: $f) { slug } }",me="subscription { newArticles { id title } }",pe="{ myArticles(first: 50) { edges { node { id title status sourceNoteId updatedAt } } } }",ge=`{ myRelationships(includeClosed: true) {
  id mentor { id displayName } members { id displayName } programme { name } } }`,fe=`query($r: ID!) {
  relationshipNotes(relationshipId: $r) { id kind markdown editedAt sessionId }
  sessions(relationshipId: $r) { id startsAt agenda } }`,he="mutation($n: ID!, $title: String!) { promoteNote(noteId: $n, title: $title) { id title status } }",we=`query($id: ID!) { article(id: $id) {
  id title summary body tags language status helpful views viewerFoundHelpful publishedAt updatedAt
  reviewComment sourceNoteId authors { id displayName } focusAreas { slug name }
  resources { id kind title url filename size downloadPath } related(first: 5) { id title summary } } }`,ke="mutation($id: ID!, $h: Boolean!) { markArticleHelpful(id: $id, helpful: $h) { id helpful viewerFoundHelpful } }",G=e=>e==="EN"?"en":"id",le=e=>e.replace(/(^|\s)(#{1,6}|>)\s+/g,"$1");function ve({tab:e}){let n=[["",s("knowledge.tab.search"),"/knowledge"],["mine",s("knowledge.tab.mine"),"/knowledge?tab=mine"],["areas",s("knowledge.tab.areas"),"/knowledge?tab=areas"]];return a`<nav class="tabs" aria-label=${s("knowledge.tabs")}>
    ${n.map(([o,t,i])=>a`<a href=${k(i)} aria-current=${e===o?"page":void 0}>${t}</a>`)}
  </nav>`}function be(){let e=f([]);return R(()=>X(me,{},n=>e.value=[n.newArticles,...e.peek()].slice(0,5)),[]),a`<div aria-live="polite">
    ${e.value.length>0&&a`<div class="note info">
      <strong>${s("knowledge.justPublished")}</strong>
      <ul class="kn-new">
        ${e.value.map(n=>a`<li key=${n.id}><a href=${k(`/knowledge/${n.id}`)}>${n.title}</a></li>`)}
      </ul>
    </div>`}
  </div>`}function je({query:e}){let n=e.tab==="mine"||e.tab==="areas"?e.tab:"";return a`<${I} title=${s("knowledge.title")}>
    <${ve} tab=${n} />
    <${be} />
    ${n===""&&a`<${ye} query=${e} />`}
    ${n==="mine"&&a`<${Ie} />`}
    ${n==="areas"&&a`<${Ae} />`}
  </${I}>`}function ye({query:e}){let n=e.q||"",o=e.lang==="ID"||e.lang==="EN"?e.lang:"",t=e.area||"",i=f(n),l=f(o),d=f(t);R(()=>{i.value=n,l.value=o,d.value=t},[n,o,t]);let u=O(oe),$={language:o||null,focusArea:t||null},r=O(ae,{q:n,f:$,first:se,after:null},[n,o,t]),g=`${n}
${o}
${t}`,[H,v]=J({key:g,edges:[],pageInfo:null}),E=H.key===g?H:{key:g,edges:[],pageInfo:null},p=D(async()=>{let m=(E.pageInfo||r.data.searchArticles.pageInfo).endCursor,y=await A(ae,{q:n,f:$,first:se,after:m});v({key:g,edges:[...E.edges,...y.searchArticles.edges],pageInfo:y.searchArticles.pageInfo})}),x=[["",s("knowledge.allAreas")]];for(let m of u.data?.myOrganisations||[])for(let y of m.focusAreas)x.push([y.slug,y.name]);let C=r.data?[...r.data.searchArticles.edges,...E.edges]:[],re=E.pageInfo||r.data?.searchArticles.pageInfo;return a`<form role="search" class="kn-search" onSubmit=${q(()=>Y({q:i.value.trim(),lang:l.value,area:d.value}))}>
      <${B} label=${s("knowledge.searchLabel")} type="search" value=${i} maxlength=${200} hint=${s("knowledge.searchHint")} />
      <div class="kn-filters">
        <${j}
          label=${s("knowledge.language")}
          value=${l}
          options=${[["",s("knowledge.anyLanguage")],["ID",s("knowledge.lang.ID")],["EN",s("knowledge.lang.EN")]]}
        />
        <${j} label=${s("knowledge.area")} value=${d} options=${x} />
      </div>
      <${w} type="submit">${s("knowledge.search")}</${w}>
    </form>
    <h2>${n?s("knowledge.resultsFor",{q:n}):s("knowledge.newest")}</h2>
    <${h} error=${r.error} />
    ${r.loading&&!r.data&&a`<${F} />`}
    <p class="muted" role="status">
      ${r.data&&!r.loading&&(C.length?s("knowledge.shown",{count:L(C.length)}):s("knowledge.noResults"))}
    </p>
    ${C.length>0&&a`<ul class="list kn-results">
      ${C.map(({node:{article:m,snippet:y}})=>a`<li key=${m.id}>
        <h3 class="kn-result-title"><a href=${k(`/knowledge/${m.id}`)} lang=${G(m.language)}>${m.title}</a></h3>
        <p class="kn-snippet" lang=${G(m.language)}>${b(le(y||m.summary))}</p>
        <p class="muted kn-meta">
          ${s(`knowledge.lang.${m.language}`)} · ${m.authors.map(ie=>ie.displayName).join(", ")}
          ${m.publishedAt&&a` · <time datetime=${m.publishedAt}>${T(m.publishedAt)}</time>`}
          ${` \xB7 ${s("knowledge.helpedCount",{count:L(m.helpful)})}`}
        </p>
      </li>`)}
    </ul>`}
    ${re?.hasNextPage&&a`<${w} kind="secondary" pending=${p.pending} onClick=${()=>p.run()}>${s("common.more")}</${w}>`}
    <${h} error=${p.error.value} />`}function Ae(){let{data:e,error:n,reload:o}=O(oe),t=D(async(l,d,u)=>{await A($e,{o:l.id,a:d.slug,f:u}),o()});if(n)return a`<${h} error=${n} />`;if(!e)return a`<${F} />`;let i=new Set(e.followedFocusAreas.map(l=>l.slug));return a`<p>${s("knowledge.areasIntro")}</p>
    <${h} error=${t.error.value} />
    ${e.myOrganisations.map(l=>a`<section key=${l.id}>
        <h2>${l.name}</h2>
        <ul class="list kn-areas">
          ${l.focusAreas.map(d=>{let u=i.has(d.slug);return a`<li key=${d.slug} class="row">
              <span class="grow">${d.name}</span>
              ${u&&a`<span class="tag">${s("knowledge.following")}</span>`}
              <button
                class=${u?"btn secondary":"btn primary"}
                disabled=${t.pending.value}
                onClick=${()=>t.run(l,d,!u)}
              >
                ${u?s("knowledge.unfollow"):s("knowledge.follow")}<span class="sr-only"> ${d.name}</span>
              </button>
            </li>`})}
        </ul>
      </section>`)}
    ${e.myOrganisations.length===0&&a`<${S}>${s("knowledge.noAreas")}</${S}>`}`}function Ie(){let e=O(pe),n=f(null);return a`<h2>${s("knowledge.myArticles")}</h2>
    ${n.value&&a`<${N} kind="ok">
      ${s("knowledge.promoted",{title:n.value.title})}
      ${" "}<a href=${k(`/knowledge/${n.value.id}`)}>${s("knowledge.openDraft")}</a>
    </${N}>`}
    <${h} error=${e.error} />
    ${!e.data&&!e.error&&a`<${F} />`}
    ${e.data&&e.data.myArticles.edges.length===0&&a`<${S}>${s("knowledge.noArticles")}</${S}>`}
    ${e.data&&e.data.myArticles.edges.length>0&&a`<ul class="list kn-mine">
      ${e.data.myArticles.edges.map(({node:o})=>a`<li key=${o.id}>
          <a href=${k(`/knowledge/${o.id}`)}>${o.title}</a>
          <div class="row muted kn-meta">
            <span class="tag">${s(`knowledge.status.${o.status}`)}</span>
            ${o.sourceNoteId&&a`<span>${s("knowledge.fromNote")}</span>`}
            <span>${s("knowledge.updated",{when:U(o.updatedAt)})}</span>
          </div>
        </li>`)}
    </ul>`}
    <${Ne}
      onPromoted=${o=>{n.value=o,e.reload()}}
    />`}function Ne({onPromoted:e}){let n=f(null),o=f(null);return R(()=>{(async()=>{let{myRelationships:t}=await A(ge),i=[];for(let l of t){let d=await A(fe,{r:l.id}),u=new Map(d.sessions.map(r=>[r.id,r])),$=[l.mentor,...l.members].filter(Boolean).map(r=>r.displayName).join(", ");for(let r of d.relationshipNotes)r.markdown.trim()&&i.push({...r,people:$,programme:l.programme.name,session:u.get(r.sessionId)})}n.value=i.sort((l,d)=>String(d.editedAt).localeCompare(String(l.editedAt)))})().catch(t=>o.value=t)},[]),a`<h2>${s("knowledge.myNotes")}</h2>
    <p>${s("knowledge.notesIntro")}</p>
    <${h} error=${o.value} />
    ${!n.value&&!o.value&&a`<${F} />`}
    ${n.value&&n.value.length===0&&a`<${S}>${s("knowledge.noNotes")}</${S}>`}
    ${n.value&&n.value.length>0&&a`<ul class="list kn-notes">
      ${n.value.map(t=>a`<${Se} key=${t.id} note=${t} onPromoted=${e} />`)}
    </ul>`}`}function Se({note:e,onPromoted:n}){let o=e.session?s("knowledge.sessionNote",{agenda:e.session.agenda||s("knowledge.session"),when:T(e.session.startsAt)}):s("knowledge.relationshipNote"),t=f(!1),i=e.markdown.match(/^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$/m),l=f(i&&i[1]||e.session?.agenda||""),d=V(null);R(()=>{t.value&&d.current?.querySelector("input")?.focus()},[t.value]);let u=D(async()=>{let r=await A(he,{n:e.id,title:l.value.trim()});t.value=!1,n(r.promoteNote)}),$=e.markdown.trim().replace(/\s+/g," ");return a`<li>
    <h3>${o}</h3>
    <p class="muted kn-meta">
      ${e.people} · ${e.programme}
      ${e.editedAt&&a` · ${s("knowledge.edited",{when:U(e.editedAt)})}`}
    </p>
    <p class="kn-preview">${b(le($.length>200?$.slice(0,199)+"\u2026":$))}</p>
    ${t.value?a`<form ref=${d} onSubmit=${q(()=>u.run())}>
          <${B} label=${s("knowledge.draftTitle")} value=${l} maxlength=${200} hint=${s("knowledge.draftHint")} />
          <div class="row">
            <${w} type="submit" pending=${u.pending}>${s("knowledge.makeDraft")}</${w}>
            <button type="button" class="btn secondary" onClick=${()=>t.value=!1}>${s("common.cancel")}</button>
          </div>
          <${h} error=${u.error.value} />
        </form>`:a`<button class="btn secondary" onClick=${()=>t.value=!0}>
          ${s("knowledge.promote")}<span class="sr-only"> ${o}</span>
        </button>`}
  </li>`}function qe({params:e}){let{data:n,error:o}=O(we,{id:e.id},[e.id]),t=f(null);R(()=>t.value=null,[e.id]);let i=D(async r=>{let g=await A(ke,{id:e.id,h:r});t.value=g.markArticleHelpful}),l=n?.article,d=l?l.title:o?s("knowledge.article"):s("common.loading");if(!l)return a`<${I} title=${d}>
      <${h} error=${o} />
      ${!o&&a`<${F} />`}
      <p><a href=${k("/knowledge")}>${s("knowledge.back")}</a></p>
    </${I}>`;let u=t.value?t.value.helpful:l.helpful,$=t.value?t.value.viewerFoundHelpful:l.viewerFoundHelpful;return a`<${I} title=${d}>
    <article class="kn-article">
      <p class="muted kn-meta">
        ${l.status!=="PUBLISHED"&&a`<span class="tag">${s(`knowledge.status.${l.status}`)}</span> `}
        ${s("knowledge.by",{names:l.authors.map(r=>r.displayName).join(", ")})}
        ${` \xB7 ${s(`knowledge.lang.${l.language}`)}`}
        ${l.publishedAt&&a` · <time datetime=${l.publishedAt}>${T(l.publishedAt)}</time>`}
        ${l.status==="PUBLISHED"&&a` · ${s("knowledge.views",{count:L(l.views)})}`}
      </p>
      ${l.status==="DRAFT"&&l.reviewComment&&a`<${N} kind="warn">${s("knowledge.reviewComment",{comment:l.reviewComment})}</${N}>`}
      ${l.status==="DRAFT"&&l.sourceNoteId&&a`<${N}>${s("knowledge.draftPrivate")}</${N}>`}
      <div lang=${G(l.language)}>
        ${l.summary&&a`<p class="kn-summary">${l.summary}</p>`}
        <${ne} text=${l.body} />
      </div>
      ${(l.tags.length>0||l.focusAreas.length>0)&&a`<ul class="kn-tags" aria-label=${s("knowledge.topics")}>
        ${l.focusAreas.map(r=>a`<li><a class="tag" href=${k(`/knowledge?area=${encodeURIComponent(r.slug)}`)}>${r.name}</a></li>`)}
        ${l.tags.map(r=>a`<li><span class="tag">#${r}</span></li>`)}
      </ul>`}
    </article>
    ${l.status==="PUBLISHED"&&a`<section class="kn-helpful" aria-labelledby="kn-helpful-h">
      <h2 id="kn-helpful-h">${s("knowledge.wasItHelpful")}</h2>
      <div class="row">
        <${w} kind=${$?"primary":"secondary"} aria-pressed=${$?"true":"false"} pending=${i.pending} onClick=${()=>i.run(!$)}>
          ${s("knowledge.helpedMe")}
        </${w}>
        <span role="status">${s("knowledge.helpedCount",{count:L(u)})}</span>
      </div>
      <${h} error=${i.error.value} />
    </section>`}
    ${l.resources.length>0&&a`<section>
      <h2>${s("knowledge.resources")}</h2>
      <ul class="list">
        ${l.resources.map(r=>a`<li key=${r.id}><${Ee} r=${r} /></li>`)}
      </ul>
    </section>`}
    ${l.related.length>0&&a`<section>
      <h2>${s("knowledge.related")}</h2>
      <ul class="list">
        ${l.related.map(r=>a`<li key=${r.id}><a href=${k(`/knowledge/${r.id}`)}>${r.title}</a>${r.summary&&a`<br /><small>${r.summary}</small>`}</li>`)}
      </ul>
    </section>`}
    <p><a href=${k("/knowledge")}>${s("knowledge.back")}</a></p>
  </${I}>`}function Ee({r:e}){let n=D(async()=>{let o=await fetch(e.downloadPath,{headers:_.value?{authorization:`Bearer ${_.value}`}:{}});if(!o.ok)throw Object.assign(new Error(`HTTP ${o.status}`),{code:o.status===404?"NOT_FOUND":"NETWORK"});let t=URL.createObjectURL(await o.blob()),i=document.createElement("a");i.href=t,i.download=e.filename||e.title,i.click(),setTimeout(()=>URL.revokeObjectURL(t),1e4)});return e.kind==="LINK"?/^https?:\/\//i.test(e.url)?a`<a href=${e.url} rel="noopener noreferrer nofollow" target="_blank">${e.title||e.url}</a>`:a`<span>${e.title}</span>`:a`<${w} kind="link" pending=${n.pending} onClick=${()=>n.run()}>
      ${s("knowledge.download",{name:e.title||e.filename})}
    </${w}>
    <small> (${L(Math.max(1,Math.round(e.size/1024)))} KB)</small>
    <${h} error=${n.error.value} />`}export{qe as Article,je as Knowledge};
