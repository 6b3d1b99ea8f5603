import{a as m,b as v,d as I,e as p}from"./chunk-AMWPSUXE.js";import{A as n,J as M,L as B,d as q,i as x,k as h,l as $,n as f,o as s,q as C,r as O,t as c,v as R,w as L,x as t,y,z as k}from"./chunk-LOJGHKBD.js";var l=x(0),j="{ myNotifications(unreadOnly: true, first: 100) { id } }";function A(){let e=!1,o=()=>{},u=()=>c(j).then(a=>!e&&(l.value=a.myNotifications.length),()=>{}),i=()=>{o=R("subscription { notifications { id } }",{},()=>l.value++,a=>{a.code==="SUBSCRIBER_TOO_SLOW"&&!e&&(u(),i())})};return u(),i(),()=>{e=!0,o(),l.value=0}}var d=()=>import("./account-XTBQRGFX.js"),w=()=>import("./mentorships-4RXSZKC4.js"),D=()=>import("./directory-NWANA2Z5.js"),T=()=>import("./conversations-QF5FZSTF.js"),U=()=>import("./knowledge-FOAMJRGO.js"),H=[["/signin",d,"SignIn",!1],["/signup",d,"SignUp",!1],["/verify-email",d,"VerifyEmail",!1],["/reset-password",d,"ResetPassword",!1],["/",w,"Home",!0],["/profile",()=>import("./profile-6B56IWCP.js"),"ProfileEditor",!0],["/directory",D,"Directory",!0],["/suggestions",D,"Suggestions",!0],["/requests",()=>import("./requests-XATL4GMK.js"),"Requests",!0],["/mentorships",w,"Mentorships",!0],["/mentorships/:id",w,"Mentorship",!0],["/room/:kind/:id",()=>import("./room-KNI3WRAD.js"),"Room",!0],["/conversations",T,"Conversations",!0],["/conversations/:id",T,"Thread",!0],["/notifications",()=>import("./notifications-BC7KT7ZO.js"),"Notifications",!0],["/knowledge",U,"Knowledge",!0],["/knowledge/:id",U,"Article",!0]],z="{ me { email locale emailVerified user { id displayName } } }",g=null;function G(){return g??(g=c(z).then(async e=>(f.value=e.me,e.me.locale!==y.value&&(e.me.locale==="en"||e.me.locale==="id")&&await k(e.me.locale),e.me)).finally(()=>g=null)),g}async function J(){try{await c("mutation { logout }")}catch{}L(),C(),v("/signin")}function Q(){let e=y.value==="id"?"en":"id";return t`<button class="btn link lang" onClick=${async()=>{await k(e),s.value&&c("mutation($l: String!) { setLocale(locale: $l) { locale } }",{l:e}).catch(()=>{})}} lang=${e}>
    ${e==="en"?"English":"Bahasa Indonesia"}
  </button>`}function X(){q(A,[]);let e=[["/",n("nav.home")],["/directory",n("nav.directory")],["/requests",n("nav.requests")],["/mentorships",n("nav.mentorships")],["/conversations",n("nav.conversations")],["/notifications",n("nav.notifications")],["/knowledge",n("nav.knowledge")],["/profile",n("nav.profile")]],o=m.value.path,u=i=>i==="/"?o==="/":o===i||o.startsWith(i+"/");return t`<nav aria-label=${n("nav.label")}>
    <ul>
      ${e.map(([i,a])=>t`<li>
          <a href=${p(i)} aria-current=${u(i)?"page":void 0}>
            ${a}
            ${i==="/notifications"&&l.value>0&&t` <span class="badge">${l.value}<span class="sr-only">
              ${n("nav.unread",{count:l.value})}</span></span>`}
          </a>
        </li>`)}
    </ul>
  </nav>`}var b=0;function Y(){let e=h(null),o=h(null);if($(()=>{let{path:a}=m.value,N=H.map(([r,K,P,_])=>[I(r,a),K,P,_]).find(([r])=>r);if(!N){e.value={Component:Z,params:{}};return}let[V,W,F,S]=N;if(S&&!s.value){v("/signin",{next:a==="/"?"":location.hash.slice(1)});return}if(!S&&s.value&&a==="/signin"){v(m.value.query.next||"/");return}o.value=null;let E=++b;W().then(r=>E===b&&(e.value={Component:r[F],params:V}),r=>E===b&&(o.value={code:"NETWORK",message:String(r)}))}),o.value)return t`<${M} error=${o.value} />`;if(!e.value)return t`<${B} />`;let{Component:u,params:i}=e.value;return t`<${u} params=${i} query=${m.value.query} />`}function Z(){return t`<section class="page"><h1>${n("common.notFound")}</h1><a href=${p("/")}>${n("nav.home")}</a></section>`}function fe(){return $(()=>{s.value&&!f.peek()&&G().catch(()=>{})}),t`<div class="shell">
    <a class="skip" href="#main" onClick=${e=>(e.preventDefault(),document.getElementById("main").focus())}>
      ${n("nav.skip")}
    </a>
    <header class="top">
      <a class="brand" href=${p("/")}>Rajut</a>
      <div class="top-actions">
        <${Q} />
        ${s.value&&t`<button class="btn link" onClick=${J}>${n("nav.signOut")}</button>`}
      </div>
      ${s.value&&t`<${X} />`}
    </header>
    ${!O.value&&t`<div class="offline" role="status">${n("common.offline")}</div>`}
    ${f.value&&!f.value.emailVerified&&m.value.path!=="/profile"&&t`<div class="note warn banner" role="status">
      ${n("account.unverifiedShort")} <a href=${p("/profile")}>${n("account.unverifiedMore")}</a>
    </div>`}
    <main id="main" tabindex="-1"><${Y} /></main>
  </div>`}export{l as a,H as b,G as c,fe as d};
