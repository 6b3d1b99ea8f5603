import{a as s,b as v,d as R,e as m}from"./chunk-5TAQSIJ4.js";import{D as L,F as M,c as g,g as N,i as h,j as $,k as u,l as r,n as S,o as q,p as c,q as C,r as x,s as t,t as y,u as k,v as n}from"./chunk-SFOVKQCV.js";var d=()=>import("./account-KON5VVCO.js"),b=()=>import("./mentorships-CFRLZKFT.js"),O=()=>import("./directory-NL7TTWRF.js"),I=()=>import("./conversations-C5RDTXRQ.js"),U=()=>import("./knowledge-BVW75LHE.js"),T=[["/signin",d,"SignIn",!1],["/signup",d,"SignUp",!1],["/verify-email",d,"VerifyEmail",!1],["/reset-password",d,"ResetPassword",!1],["/",b,"Home",!0],["/profile",()=>import("./profile-NXHYTRVR.js"),"ProfileEditor",!0],["/directory",O,"Directory",!0],["/suggestions",O,"Suggestions",!0],["/requests",()=>import("./requests-UH5QXNSX.js"),"Requests",!0],["/mentorships",b,"Mentorships",!0],["/mentorships/:id",b,"Mentorship",!0],["/room/:kind/:id",()=>import("./room-EI2KQQQZ.js"),"Room",!0],["/conversations",I,"Conversations",!0],["/conversations/:id",I,"Thread",!0],["/notifications",()=>import("./notifications-6YJPLZ3U.js"),"Notifications",!0],["/knowledge",U,"Knowledge",!0],["/knowledge/:id",U,"Article",!0]],W="{ me { email locale emailVerified user { id displayName } } }";async function j(){let e=await c(W);return u.value=e.me,e.me.locale!==y.value&&(e.me.locale==="en"||e.me.locale==="id")&&await k(e.me.locale),e.me}async function H(){try{await c("mutation { logout }")}catch{}x(),S(),v("/signin")}function z(){let e=y.value==="id"?"en":"id";return t`<button class="btn link lang" onClick=${async()=>{await k(e),r.value&&c("mutation($l: String!) { setLocale(locale: $l) { locale } }",{l:e}).catch(()=>{})}} lang=${e}>
    ${e==="en"?"English":"Bahasa Indonesia"}
  </button>`}var f=N(0),G="{ myNotifications(unreadOnly: true, first: 50) { id } }";function A(){c(G).then(e=>f.value=e.myNotifications.length,()=>{})}function J(){g(()=>(A(),C("subscription { notifications { id } }",{},()=>f.value++)),[]);let e=s.value.path;g(()=>{e!=="/notifications"&&A()},[e==="/notifications"])}function Q(){J();let e=[["/",n("nav.home")],["/directory",n("nav.directory")],["/requests",n("nav.requests")],["/mentorships",n("nav.mentorships")],["/conversations",n("nav.conversations")],["/notifications",n("nav.notifications")],["/knowledge",n("nav.knowledge")],["/profile",n("nav.profile")]],o=s.value.path,p=a=>a==="/"?o==="/":o===a||o.startsWith(a+"/");return t`<nav aria-label=${n("nav.label")}>
    <ul>
      ${e.map(([a,l])=>t`<li>
          <a href=${m(a)} aria-current=${p(a)?"page":void 0}>
            ${l}
            ${a==="/notifications"&&f.value>0&&t` <span class="badge" aria-label=${n("nav.unread",{count:f.value})}>${f.value}</span>`}
          </a>
        </li>`)}
    </ul>
  </nav>`}function X(){let e=h(null),o=h(null);if($(()=>{let{path:l}=s.value,w=T.map(([i,F,K,P])=>[R(i,l),F,K,P]).find(([i])=>i);if(!w){e.value={Component:Y,params:{}};return}let[D,V,B,E]=w;if(E&&!r.value){v("/signin",{next:l==="/"?"":location.hash.slice(1)});return}if(!E&&r.value&&l==="/signin"){v(s.value.query.next||"/");return}o.value=null,V().then(i=>e.value={Component:i[B],params:D},i=>o.value={code:"NETWORK",message:String(i)})}),o.value)return t`<${L} error=${o.value} />`;if(!e.value)return t`<${M} />`;let{Component:p,params:a}=e.value;return t`<${p} params=${a} query=${s.value.query} />`}function Y(){return t`<section class="page"><h1>${n("common.notFound")}</h1><a href=${m("/")}>${n("nav.home")}</a></section>`}function se(){return $(()=>{r.value&&!u.peek()&&j().catch(()=>{})}),t`<div class="shell">
    <a class="skip" href="#main" onClick=${e=>(e.preventDefault(),document.getElementById("main").focus())}>
      ${n("nav.skip")}
    </a>
    <header class="top">
      <a class="brand" href=${m("/")}>Rajut</a>
      <div class="top-actions">
        <${z} />
        ${r.value&&t`<button class="btn link" onClick=${H}>${n("nav.signOut")}</button>`}
      </div>
      ${r.value&&t`<${Q} />`}
    </header>
    ${!q.value&&t`<div class="offline" role="status">${n("common.offline")}</div>`}
    ${u.value&&!u.value.emailVerified&&s.value.path!=="/profile"&&t`<div class="note warn banner" role="status">
      ${n("account.unverifiedShort")} <a href=${m("/profile")}>${n("account.unverifiedMore")}</a>
    </div>`}
    <main id="main" tabindex="-1"><${X} /></main>
  </div>`}export{j as a,se as b};
