import{a as R}from"./chunk-QEA2FKBX.js";import{e as g}from"./chunk-AMWPSUXE.js";import{A as n,H as b,I as v,J as q,O as w,P as x,Q as S,c as h,d as l,e as d,k as f,t as c,x as s,y}from"./chunk-LOJGHKBD.js";var M=`{
  myEnrolments { id asMentor asMentee mentorStatus
    programme { id name status matchingMode } }
  myOrganisations { id }
}`,N="query($org: ID!) { programmes(organisationId: $org) { id name status matchingMode } }";function U(){let[e,r]=h({places:null,error:null});return l(()=>{let t=!0;return(async()=>{let a=await c(M),o=a.myEnrolments.map(i=>({programme:i.programme,enrolment:i}));if(!o.length)for(let i of a.myOrganisations){let m=await c(N,{org:i.id});o.push(...m.programmes.map(u=>({programme:u,enrolment:null})))}o=o.filter(i=>i.programme.status==="REGISTRATION_OPEN"||i.programme.status==="RUNNING"),t&&r({places:o,error:null})})().catch(a=>t&&r({places:null,error:a})),()=>t=!1},[]),e}var _=(e,r)=>e.find(t=>t.programme.id===r)||e[0];function Q(e){return!e.enrolment||!e.enrolment.asMentee?"directory.notMentee":e.programme.matchingMode==="COORDINATOR"?"directory.coordinatorMatches":!0}function z({places:e,place:r,onChange:t}){if(e.length<2)return s`<p class="muted">${n("directory.programme")}: ${r.programme.name}</p>`;let a={get value(){return r.programme.id},set value(o){t(o)}};return s`<${v}
    label=${n("directory.programme")}
    value=${a}
    options=${e.map(o=>[o.programme.id,o.programme.name])}
  />`}function H({here:e}){let r=[["/directory",n("directory.tab.directory")],["/suggestions",n("directory.tab.suggestions")],["/requests",n("directory.tab.requests")]];return s`<nav class="tabs" aria-label=${n("directory.tab.label")}>
    ${r.map(([t,a])=>s`<a href=${g(t)} aria-current=${t===e?"page":void 0}>${a}</a>`)}
  </nav>`}var p={};function J(e){let r=y.value;try{p[r]||(p[r]=new Intl.DisplayNames([r],{type:"language"}));let a=p[r].of(e);if(a&&a!==e)return a}catch{}return{min:n("directory.lang.min"),ban:n("directory.lang.ban"),bug:n("directory.lang.bug"),mad:n("directory.lang.mad")}[e]||e}function K(e){try{let t=new Intl.DateTimeFormat("en-GB",{timeZone:e,timeZoneName:"shortOffset"}).formatToParts(new Date).find(a=>a.type==="timeZoneName")?.value;return t?`${e} (${t})`:e}catch{return e}}var V=e=>e?y.value==="en"?e.nameEn:e.nameId:"",E=`mutation($p: ID!, $mentor: ID!, $message: String!) {
  requestMentor(programmeId: $p, mentorId: $mentor, message: $message) { id status }
}`;function W({programmeId:e,mentor:r,pending:t,blocked:a,onSent:o}){let i=f(!1),m=f(!1),u=d(null),$=d(null);l(()=>{m.value&&$.current?.focus()},[m.value]);let I=()=>{i.value=!1,setTimeout(()=>u.current?.focus())};return m.value?s`<div class="note ok" role="status" tabindex="-1" ref=${$}>
      ${n("directory.request.sent",{name:r.displayName})}
      ${" "}<a href=${g("/requests")}>${n("directory.request.seeRequests")}</a>
    </div>`:t?s`<p class="muted">
      ${n("directory.request.pending")} <a href=${g("/requests")}>${n("directory.request.seeRequests")}</a>
    </p>`:a?s`<p class="muted">${a}</p>`:i.value?s`<${T} programmeId=${e} mentor=${r} onSent=${()=>{i.value=!1,m.value=!0,o?.(r.id)}} onCancel=${I} />`:s`<button class="btn primary" type="button" ref=${u} onClick=${()=>i.value=!0}>
      ${n("directory.request.open")}
    </button>`}function T({programmeId:e,mentor:r,onSent:t,onCancel:a}){let o=R(`request:${e}:${r.id}`),i=d(null);l(()=>i.current?.querySelector("textarea")?.focus(),[]);let m=w(async()=>{await c(E,{p:e,mentor:r.id,message:o.value.trim()}),o.clear(),t()});return s`<form class="request-form" ref=${i} onSubmit=${S(m.run)}>
    <${b}
      label=${n("directory.request.message",{name:r.displayName})}
      hint=${n("directory.request.hint")}
      value=${o}
      multiline
      maxLength="2000"
    />
    <${q} error=${m.error.value} />
    <div class="row">
      <${x} pending=${m.pending} type="submit">${n("directory.request.send")}<//>
      <button class="btn secondary" type="button" onClick=${a}>${n("common.cancel")}</button>
    </div>
  </form>`}function X(e,r){return new Set(e.filter(t=>t.programme.id===r).map(t=>t.mentor.id))}export{U as a,_ as b,Q as c,z as d,H as e,J as f,K as g,V as h,W as i,X as j};
