import{a as s,b as m,d as R,e as f}from"./chunk-ETJO324U.js";import{C as L,E as O,c as p,g as N,i as g,j as h,k as $,l as r,n as q,o as C,p as u,q as S,r as x,s as t,t as y,u as k,v as n}from"./chunk-MN6KVHF4.js";var v=()=>import("./account-LVCOXRAB.js"),b=()=>import("./mentorships-I2J3E7WR.js"),I=()=>import("./directory-3C7LLVF4.js"),M=()=>import("./conversations-ETR4ANGX.js"),U=()=>import("./knowledge-O7K7NPCP.js"),V=[["/signin",v,"SignIn",!1],["/signup",v,"SignUp",!1],["/verify-email",v,"VerifyEmail",!1],["/reset-password",v,"ResetPassword",!1],["/",b,"Home",!0],["/profile",()=>import("./profile-OZ4LMS7G.js"),"ProfileEditor",!0],["/directory",I,"Directory",!0],["/suggestions",I,"Suggestions",!0],["/requests",()=>import("./requests-GK54HLVE.js"),"Requests",!0],["/mentorships",b,"Mentorships",!0],["/mentorships/:id",b,"Mentorship",!0],["/room/:kind/:id",()=>import("./room-HC6PK53X.js"),"Room",!0],["/conversations",M,"Conversations",!0],["/conversations/:id",M,"Thread",!0],["/notifications",()=>import("./notifications-PGHFPX4L.js"),"Notifications",!0],["/knowledge",U,"Knowledge",!0],["/knowledge/:id",U,"Article",!0]],W="{ me { email locale emailVerified user { id displayName } } }";async function j(){let e=await u(W);return $.value=e.me,e.me.locale!==y.value&&(e.me.locale==="en"||e.me.locale==="id")&&await k(e.me.locale),e.me}async function H(){try{await u("mutation { logout }")}catch{}x(),q(),m("/signin")}function z(){let e=y.value==="id"?"en":"id";return t`<button class="btn link lang" onClick=${async()=>{await k(e),r.value&&u("mutation($l: String!) { setLocale(locale: $l) { locale } }",{l:e}).catch(()=>{})}} lang=${e}>
    ${e==="en"?"English":"Bahasa Indonesia"}
  </button>`}var c=N(0),G="{ myNotifications(unreadOnly: true, first: 50) { id } }";function A(){u(G).then(e=>c.value=e.myNotifications.length,()=>{})}function J(){p(()=>(A(),S("subscription { notifications { id } }",{},()=>c.value++)),[]);let e=s.value.path;p(()=>{e!=="/notifications"&&A()},[e==="/notifications"])}function Q(){J();let e=[["/",n("nav.home")],["/directory",n("nav.directory")],["/requests",n("nav.requests")],["/mentorships",n("nav.mentorships")],["/conversations",n("nav.conversations")],["/notifications",n("nav.notifications")],["/knowledge",n("nav.knowledge")],["/profile",n("nav.profile")]],o=s.value.path,d=a=>a==="/"?o==="/":o===a||o.startsWith(a+"/");return t`<nav aria-label=${n("nav.label")}>
    <ul>
      ${e.map(([a,l])=>t`<li>
          <a href=${f(a)} aria-current=${d(a)?"page":void 0}>
            ${l}
            ${a==="/notifications"&&c.value>0&&t` <span class="badge" aria-label=${n("nav.unread",{count:c.value})}>${c.value}</span>`}
          </a>
        </li>`)}
    </ul>
  </nav>`}function X(){let e=g(null),o=g(null);if(h(()=>{let{path:l}=s.value,w=V.map(([i,K,P,T])=>[R(i,l),K,P,T]).find(([i])=>i);if(!w){e.value={Component:Y,params:{}};return}let[D,B,F,E]=w;if(E&&!r.value){m("/signin",{next:l==="/"?"":location.hash.slice(1)});return}if(!E&&r.value&&l==="/signin"){m(s.value.query.next||"/");return}o.value=null,B().then(i=>e.value={Component:i[F],params:D},i=>o.value={code:"NETWORK",message:String(i)})}),o.value)return t`<${L} error=${o.value} />`;if(!e.value)return t`<${O} />`;let{Component:d,params:a}=e.value;return t`<${d} params=${a} query=${s.value.query} />`}function Y(){return t`<section class="page"><h1>${n("common.notFound")}</h1><a href=${f("/")}>${n("nav.home")}</a></section>`}function se(){return h(()=>{r.value&&!$.peek()&&j().catch(()=>{})}),t`<div class="shell">
    <a class="skip" href="#main" onClick=${e=>(e.preventDefault(),document.getElementById("main").focus())}>
      ${n("nav.skip")}
    </a>
    <header class="top">
      <a class="brand" href=${f("/")}>Rajut</a>
      <div class="top-actions">
        <${z} />
        ${r.value&&t`<button class="btn link" onClick=${H}>${n("nav.signOut")}</button>`}
      </div>
      ${r.value&&t`<${Q} />`}
    </header>
    ${!C.value&&t`<div class="offline" role="status">${n("common.offline")}</div>`}
    <main id="main" tabindex="-1"><${X} /></main>
  </div>`}export{j as a,se as b};
