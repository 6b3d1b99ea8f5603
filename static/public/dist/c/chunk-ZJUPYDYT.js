import{e as g}from"./chunk-A33VGRZ3.js";import{A as I,B as M,G as R,H as N,I as E,b as v,c as u,d,e as b,g as q,h as w,i as f,k as x,p as c,s as i,t as y,v as a,z as S}from"./chunk-HISNRPTX.js";function $(e){return`rajut.draft.${x.peek()?.user?.id||"anon"}.${e}`}function T(e,r=""){let t=b(()=>{let n=q(localStorage.getItem($(e))??r);return n.clear=()=>n.value=r,n},[e]);return u(()=>w(()=>{t.value===r?localStorage.removeItem($(e)):localStorage.setItem($(e),t.value)}),[t]),t}var D=`{
  myEnrolments { id asMentor asMentee mentorStatus
    programme { id name status matchingMode } }
  myOrganisations { id }
}`,O="query($org: ID!) { programmes(organisationId: $org) { id name status matchingMode } }";function X(){let[e,r]=v({places:null,error:null});return u(()=>{let t=!0;return(async()=>{let n=await c(D),o=n.myEnrolments.map(s=>({programme:s.programme,enrolment:s}));if(!o.length)for(let s of n.myOrganisations){let m=await c(O,{org:s.id});o.push(...m.programmes.map(l=>({programme:l,enrolment:null})))}o=o.filter(s=>s.programme.status==="REGISTRATION_OPEN"||s.programme.status==="RUNNING"),t&&r({places:o,error:null})})().catch(n=>t&&r({places:null,error:n})),()=>t=!1},[]),e}var Y=(e,r)=>e.find(t=>t.programme.id===r)||e[0];function ee(e){return!e.enrolment||!e.enrolment.asMentee?"directory.notMentee":e.programme.matchingMode==="COORDINATOR"?"directory.coordinatorMatches":!0}function re({places:e,place:r,onChange:t}){if(e.length<2)return i`<p class="muted">${a("directory.programme")}: ${r.programme.name}</p>`;let n={get value(){return r.programme.id},set value(o){t(o)}};return i`<${I}
    label=${a("directory.programme")}
    value=${n}
    options=${e.map(o=>[o.programme.id,o.programme.name])}
  />`}function te({here:e}){let r=[["/directory",a("directory.tab.directory")],["/suggestions",a("directory.tab.suggestions")],["/requests",a("directory.tab.requests")]];return i`<nav class="tabs" aria-label=${a("directory.tab.label")}>
    ${r.map(([t,n])=>i`<a href=${g(t)} aria-current=${t===e?"page":void 0}>${n}</a>`)}
  </nav>`}var p={};function ne(e){let r=y.value;try{p[r]||(p[r]=new Intl.DisplayNames([r],{type:"language"}));let n=p[r].of(e);if(n&&n!==e)return n}catch{}return{min:a("directory.lang.min"),ban:a("directory.lang.ban"),bug:a("directory.lang.bug"),mad:a("directory.lang.mad")}[e]||e}function ae(e){try{let t=new Intl.DateTimeFormat("en-GB",{timeZone:e,timeZoneName:"shortOffset"}).formatToParts(new Date).find(n=>n.type==="timeZoneName")?.value;return t?`${e} (${t})`:e}catch{return e}}var oe=e=>e?y.value==="en"?e.nameEn:e.nameId:"",A=`mutation($p: ID!, $mentor: ID!, $message: String!) {
  requestMentor(programmeId: $p, mentorId: $mentor, message: $message) { id status }
}`;function se({programmeId:e,mentor:r,pending:t,blocked:n,onSent:o}){let s=f(!1),m=f(!1),l=d(null),h=d(null);u(()=>{m.value&&h.current?.focus()},[m.value]);let k=()=>{s.value=!1,setTimeout(()=>l.current?.focus())};return m.value?i`<div class="note ok" role="status" tabindex="-1" ref=${h}>
      ${a("directory.request.sent",{name:r.displayName})}
      ${" "}<a href=${g("/requests")}>${a("directory.request.seeRequests")}</a>
    </div>`:t?i`<p class="muted">
      ${a("directory.request.pending")} <a href=${g("/requests")}>${a("directory.request.seeRequests")}</a>
    </p>`:n?i`<p class="muted">${n}</p>`:s.value?i`<${P} programmeId=${e} mentor=${r} onSent=${()=>{s.value=!1,m.value=!0,o?.(r.id)}} onCancel=${k} />`:i`<button class="btn primary" type="button" ref=${l} onClick=${()=>s.value=!0}>
      ${a("directory.request.open")}
    </button>`}function P({programmeId:e,mentor:r,onSent:t,onCancel:n}){let o=T(`request:${e}:${r.id}`),s=d(null);u(()=>s.current?.querySelector("textarea")?.focus(),[]);let m=R(async()=>{await c(A,{p:e,mentor:r.id,message:o.value.trim()}),o.clear(),t()});return i`<form class="request-form" ref=${s} onSubmit=${E(m.run)}>
    <${S}
      label=${a("directory.request.message",{name:r.displayName})}
      hint=${a("directory.request.hint")}
      value=${o}
      multiline
      maxLength="2000"
    />
    <${M} error=${m.error.value} />
    <div class="row">
      <${N} pending=${m.pending} type="submit">${a("directory.request.send")}<//>
      <button class="btn secondary" type="button" onClick=${n}>${a("common.cancel")}</button>
    </div>
  </form>`}function ie(e,r){return new Set(e.filter(t=>t.programme.id===r).map(t=>t.mentor.id))}export{T as a,X as b,Y as c,ee as d,re as e,te as f,ne as g,ae as h,oe as i,se as j,ie as k};
