import{a as X,b as ee,c as V,d as te,e as re,f as x,g as B,h as G,i as U,j as z}from"./chunk-KWJ65FAO.js";import"./chunk-QEA2FKBX.js";import{c as C}from"./chunk-AMWPSUXE.js";import{A as t,D as R,G as q,H as v,I as k,J as h,K as T,L as P,M as D,N as F,O as H,P as J,Q as _,c as I,d as w,e as Q,g as M,k as A,t as L,x as r}from"./chunk-LOJGHKBD.js";import"./chunk-N4BKRCPD.js";var ce=10,$e=["id","en","jv","su","ms","min","ban","bug","mad","ar","zh","nl","ja","ko"],ue=`query($p: ID!, $filter: MentorFilterInput!, $first: Int!, $after: String) {
  mentorDirectory(programmeId: $p, filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      user { id } displayName bio languages timezone openForRequests capacity remainingCapacity
      mark compatibility overlapHours
      expertise { skill level focusArea { slug nameEn nameId } }
    } }
  }
  programme(id: $p) { focusAreas { slug nameEn nameId } }
  myRequests(side: SENT, status: PENDING) { mentor { id } programme { id } }
}`,pe="mutation($mentor: ID!, $mark: MarkKind) { markMentor(mentorId: $mentor, mark: $mark) }",oe=`query($p: ID!, $first: Int!) {
  mentorSuggestions(programmeId: $p, first: $first) {
    rank score
    user { id displayName profile { languages timezone openForRequests } }
    reasons { component value text }
    concerns { component value text }
  }
  myRequests(side: SENT, status: PENDING) { mentor { id } programme { id } }
}`,Y=e=>R(e,{style:"percent",maximumFractionDigits:0});function ne({title:e,here:o,query:a,children:d}){let{places:i,error:c}=X(),s;if(c)s=r`<${h} error=${c} />`;else if(!i)s=r`<${P} />`;else if(!i.length)s=r`<${D}>${t("directory.noProgramme")}<//>`;else{let u=ee(i,a.p);s=r`<${te} places=${i} place=${u} onChange=${l=>C({p:l})} />
      ${d(u)}`}return r`<${q} title=${e}><${re} here=${o} />${s}<//>`}function De({query:e}){return r`<${ne} title=${t("directory.title")} here="/directory" query=${e}>
    ${o=>r`<${ye} key=${o.programme.id} place=${o} query=${e} />`}
  <//>`}function me(e,o){return{text:e.q||"",focusAreas:e.area?[e.area]:[],minLevel:e.level?Number(e.level):null,languages:e.lang?[e.lang]:[],overlapsMyAvailability:e.overlap==="1",openOnly:e.open==="1",withCapacity:e.room==="1",favouritesOnly:e.fav==="1",includeHidden:e.hidden==="1",sort:o&&e.sort==="COMPATIBILITY"?"COMPATIBILITY":"RELEVANCE"}}var ge=["overlap","open","room","fav","hidden"];function ye({place:e,query:o}){let a=e.programme.id,d=V(e),i=!!e.enrolment?.asMentee,c=A(""),s=n=>{c.value="",C({...o,c:"",...n})},u=n=>({get value(){return o[n]||""},set value(g){s({[n]:g})}}),l=n=>({get value(){return o[n]==="1"},set value(g){s({[n]:g?"1":""})}}),f=A(o.q||"");w(()=>{f.value=o.q||""},[o.q]);let p=o.c?o.c.split(","):[],y=me(o,i),b={p:a,filter:y,first:ce,after:p[p.length-1]||null},$=F(ue,b,[JSON.stringify(b)]),[j,ae]=I(()=>new Set),E=Q(null),N=["area","lang","level",...ge].filter(n=>o[n]).length,[ie]=I(()=>matchMedia("(min-width: 48rem)").matches||N>0),W=n=>{s({c:n.join(",")}),E.current?.focus(),E.current?.scrollIntoView?.({block:"start"})},S=$.data,m=S?.mentorDirectory,le=S?.programme.focusAreas||[],Z=S?z(S.myRequests,a):new Set;for(let n of j)Z.add(n);let K=[["RELEVANCE",t("directory.sort.RELEVANCE")]];return i&&K.push(["COMPATIBILITY",t("directory.sort.COMPATIBILITY")]),r`
    ${d!==!0&&r`<${T}>${t(d)}<//>`}
    <section aria-labelledby="dir-filters" class="dir-filters">
      <h2 id="dir-filters">${t("directory.filters")}</h2>
      <form role="search" class="row dir-search" onSubmit=${_(()=>s({q:f.value.trim()}))}>
        <${v} label=${t("directory.search")} type="search" value=${f} maxLength="200" class="grow" />
        <button class="btn primary" type="submit">${t("directory.searchButton")}</button>
      </form>
      <details open=${ie}>
        <summary>${N?t("directory.moreFiltersActive",{n:N}):t("directory.moreFilters")}</summary>
        <div class="dir-filter-grid">
          <${k}
            label=${t("directory.focusArea")}
            value=${u("area")}
            options=${[["",t("directory.anyArea")],...le.map(n=>[n.slug,G(n)])]}
          />
          <${k}
            label=${t("directory.language")}
            value=${u("lang")}
            options=${[["",t("directory.anyLanguage")],...$e.map(n=>[n,x(n)])]}
          />
          <${k}
            label=${t("directory.minLevel")}
            value=${u("level")}
            options=${[["",t("directory.anyLevel")],...[1,2,3,4,5].map(n=>[String(n),t("directory.levelOf",{n})])]}
          />
          <${k}
            label=${t("directory.sort")}
            value=${{get value(){return y.sort},set value(n){s({sort:n==="RELEVANCE"?"":n})}}}
            options=${K}
            aria-describedby="dir-sort-hint"
          />
          <small id="dir-sort-hint" class="dir-sort-hint">${t(`directory.sortHint.${y.sort}`)}</small>
        </div>
        <fieldset class="dir-flags">
          <legend>${t("directory.show")}</legend>
          <${v} type="checkbox" label=${t("directory.flag.overlap")} value=${l("overlap")} />
          <${v} type="checkbox" label=${t("directory.flag.open")} value=${l("open")} />
          <${v} type="checkbox" label=${t("directory.flag.room")} value=${l("room")} />
          <${v} type="checkbox" label=${t("directory.flag.fav")} value=${l("fav")} />
          <${v} type="checkbox" label=${t("directory.flag.hidden")} value=${l("hidden")} />
        </fieldset>
        ${(N>0||o.q||o.sort)&&r`<button class="btn link" type="button" onClick=${()=>C(o.p?{p:o.p}:{})}>
          ${t("directory.clear")}
        </button>`}
      </details>
    </section>

    <section aria-labelledby="dir-results" aria-busy=${$.loading?"true":"false"}>
      <h2 id="dir-results" tabindex="-1" ref=${E}>${t("directory.results")}</h2>
      <p role="status" aria-live="polite" class="muted">
        ${m&&!$.loading?t("directory.count",{n:R(m.totalCount),page:p.length+1}):$.loading?t("common.loading"):""}
        ${c.value&&r` ${c.value}`}
      </p>
      <${h} error=${$.error} />
      ${m&&!m.edges.length&&r`<${D}>${t("directory.none")}<//>`}
      ${m&&r`<ul class="dir-list dir-grid">
        ${m.edges.map(({node:n})=>r`<li key=${n.user.id}>
            <${fe}
              card=${n}
              programmeId=${a}
              sort=${y.sort}
              pending=${Z.has(n.user.id)}
              mayRequest=${d===!0}
              onSent=${g=>ae(new Set([...j,g]))}
              onMarked=${(g,de)=>{c.value=t(`directory.marked.${g||"NONE"}`,{name:de}),(g==="HIDDEN"||!g&&(y.favouritesOnly||y.includeHidden))&&$.reload(),g==="HIDDEN"&&!y.includeHidden&&E.current?.focus()}}
            />
          </li>`)}
      </ul>`}
      ${m&&(p.length>0||m.pageInfo.hasNextPage)&&r`<nav class="row pager" aria-label=${t("directory.pages")}>
        ${p.length>0&&r`<button class="btn secondary" type="button" onClick=${()=>W(p.slice(0,-1))}>
          ${t("directory.previous")}
        </button>`}
        ${m.pageInfo.hasNextPage&&r`<button class="btn secondary" type="button" onClick=${()=>W([...p,m.pageInfo.endCursor])}>
          ${t("directory.next")}
        </button>`}
      </nav>`}
    </section>
  `}function fe({card:e,programmeId:o,sort:a,pending:d,mayRequest:i,onSent:c,onMarked:s}){let u=M(),[l,f]=I(e.mark);w(()=>f(e.mark),[e.mark]);let p=H(async $=>{await L(pe,{mentor:e.user.id,mark:$}),f($),s($,e.displayName)}),y={id:e.user.id,displayName:e.displayName},b=null;return e.openForRequests?e.remainingCapacity<1&&(b=t("directory.full")):b=t("directory.closed"),r`<article class="card mentor" aria-labelledby=${u}>
    <h3 id=${u}>${e.displayName}</h3>
    <p class="row tags">
      ${l==="FAVOURITE"&&r`<span class="tag">★ ${t("directory.favourite")}</span>`}
      ${l==="HIDDEN"&&r`<span class="tag">${t("directory.hiddenTag")}</span>`}
      ${!e.openForRequests&&r`<span class="tag">${t("directory.closedTag")}</span>`}
    </p>
    ${e.bio&&r`<p class="bio">${e.bio}</p>`}
    <dl class="facts">
      <dt>${t("directory.languages")}</dt>
      <dd>${e.languages.map(x).join(", ")}</dd>
      <dt>${t("directory.timeZone")}</dt>
      <dd>${B(e.timezone)}</dd>
      ${e.overlapHours!=null&&r`<dt>${t("directory.overlap")}</dt>
        <dd>${t("directory.hoursPerWeek",{n:R(e.overlapHours)})}</dd>`}
      <dt>${t("directory.capacity")}</dt>
      <dd>${t("directory.capacityOf",{left:e.remainingCapacity,of:e.capacity})}</dd>
      ${e.compatibility!=null&&r`<dt>${t("directory.compatibility")}</dt>
        <dd>${Y(e.compatibility)}</dd>`}
    </dl>
    <p class="skills-label">${t("directory.expertise")}</p>
    <ul class="skills">
      ${e.expertise.map($=>r`<li>
          ${$.skill} · ${t("directory.level",{n:$.level})}
          ${$.focusArea&&r` <span class="muted">(${G($.focusArea)})</span>`}
        </li>`)}
    </ul>
    ${a==="COMPATIBILITY"&&r`<${be} programmeId=${o} mentorId=${e.user.id} />`}
    <div class="row actions">
      ${l!=="HIDDEN"&&r`<button
        class="btn secondary"
        type="button"
        aria-pressed=${l==="FAVOURITE"?"true":"false"}
        disabled=${p.pending.value}
        onClick=${()=>p.run(l==="FAVOURITE"?null:"FAVOURITE")}
      >
        <span aria-hidden="true">${l==="FAVOURITE"?"\u2605":"\u2606"} </span>${t("directory.favourite")}
      </button>`}
      <button class="btn secondary" type="button" disabled=${p.pending.value} onClick=${()=>p.run(l==="HIDDEN"?null:"HIDDEN")}>
        ${l==="HIDDEN"?t("directory.unhide"):t("directory.hide")}
      </button>
    </div>
    <${h} error=${p.error.value} />
    ${i&&r`<${U} programmeId=${o} mentor=${y} pending=${d} blocked=${b} onSent=${c} />`}
  </article>`}var O=new Map;function ve(e){if(!O.has(e)){let o=L(oe,{p:e,first:50}).then(a=>a.mentorSuggestions);o.catch(()=>O.delete(e)),O.set(e,o)}return O.get(e)}function be({programmeId:e,mentorId:o}){let a=A(null),d=H(async()=>{let i=await ve(e);a.value=i.find(c=>c.user.id===o)||!1});return a.value===null?r`<div>
      <${J} kind="link" type="button" pending=${d.pending} onClick=${()=>d.run()}>${t("directory.why")}<//>
      <${h} error=${d.error.value} />
    </div>`:a.value?r`<div role="status"><${se} suggestion=${a.value} level="4" /></div>`:r`<p class="muted" role="status">${t("directory.noReasons")}</p>`}function se({suggestion:e,level:o="3"}){let a=i=>o==="3"?r`<h3>${i}</h3>`:r`<h4>${i}</h4>`,d=i=>r`<li>
    <strong>${t(`directory.component.${i.component}`)}</strong> (${Y(i.value)}):
    ${" "}<span lang="en">${i.text}</span>
  </li>`;return r`<div class="reasons">
    ${a(t("directory.reasons"))}
    ${e.reasons.length?r`<ul>${e.reasons.map(d)}</ul>`:r`<p class="muted">${t("directory.noneListed")}</p>`}
    ${e.concerns.length>0&&r`${a(t("directory.concerns"))}<ul>${e.concerns.map(d)}</ul>`}
  </div>`}function xe({query:e}){return r`<${ne} title=${t("directory.suggestions")} here="/suggestions" query=${e}>
    ${o=>o.enrolment?.asMentee?r`<${he} key=${o.programme.id} place=${o} />`:r`<${T}>${t("directory.notMentee")}<//>`}
  <//>`}function he({place:e}){let o=e.programme.id,a=V(e),d=F(oe,{p:o,first:10},[o]),[i,c]=I(()=>new Set),s=d.data;if(!s)return r`${d.loading&&r`<${P} />`}<${h} error=${d.error} />`;let u=z(s.myRequests,o);for(let l of i)u.add(l);return r`
    <p class="muted">${t("directory.suggestionsIntro")}</p>
    ${a!==!0&&r`<${T}>${t(a)}<//>`}
    ${!s.mentorSuggestions.length&&r`<${D}>${t("directory.noSuggestions")}<//>`}
    <ol class="dir-list dir-grid">
      ${s.mentorSuggestions.map(l=>r`<li key=${l.user.id}>
          <${Ie}
            suggestion=${l}
            programmeId=${o}
            pending=${u.has(l.user.id)}
            mayRequest=${a===!0}
            onSent=${f=>c(new Set([...i,f]))}
          />
        </li>`)}
    </ol>
  `}function Ie({suggestion:e,programmeId:o,pending:a,mayRequest:d,onSent:i}){let c=M(),s=e.user.profile,u=s&&!s.openForRequests?t("directory.closed"):null;return r`<article class="card mentor" aria-labelledby=${c}>
    <h2 id=${c}>${e.user.displayName}</h2>
    <p>${t("directory.rank",{n:e.rank})} · ${t("directory.compatibility")}: <strong>${Y(e.score)}</strong></p>
    ${s&&r`<dl class="facts">
      <dt>${t("directory.languages")}</dt>
      <dd>${s.languages.map(x).join(", ")}</dd>
      <dt>${t("directory.timeZone")}</dt>
      <dd>${B(s.timezone)}</dd>
    </dl>`}
    <${se} suggestion=${e} />
    ${d&&r`<${U} programmeId=${o} mentor=${e.user} pending=${a} blocked=${u} onSent=${i} />`}
  </article>`}export{De as Directory,xe as Suggestions};
