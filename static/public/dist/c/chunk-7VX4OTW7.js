import{a as m,b as v,d as L,e as p}from"./chunk-J4XT5ADL.js";import{I,K as M,d as E,i as q,k as g,l as h,n as f,o as s,q as x,r as C,t as c,u as O,v as R,w as n,x as $,y,z as t}from"./chunk-NZ4FRNHW.js";var l=q(0),_="{ myNotifications(unreadOnly: true, first: 100) { id } }";function B(){let e=!1,o=()=>{},u=()=>c(_).then(a=>!e&&(l.value=a.myNotifications.length),()=>{}),i=()=>{o=O("subscription { notifications { id } }",{},()=>l.value++,a=>{a.code==="SUBSCRIBER_TOO_SLOW"&&!e&&(u(),i())})};return u(),i(),()=>{e=!0,o(),l.value=0}}var d=()=>import("./account-GD2HR5GY.js"),w=()=>import("./mentorships-5AWXODM7.js"),A=()=>import("./directory-NOLJJCGP.js"),D=()=>import("./conversations-NN4GYSCX.js"),T=()=>import("./knowledge-UFVW2UV2.js"),j=[["/signin",d,"SignIn",!1],["/signup",d,"SignUp",!1],["/verify-email",d,"VerifyEmail",!1],["/reset-password",d,"ResetPassword",!1],["/",w,"Home",!0],["/profile",()=>import("./profile-5NEX235Q.js"),"ProfileEditor",!0],["/directory",A,"Directory",!0],["/suggestions",A,"Suggestions",!0],["/requests",()=>import("./requests-H44PJEHY.js"),"Requests",!0],["/mentorships",w,"Mentorships",!0],["/mentorships/:id",w,"Mentorship",!0],["/room/:kind/:id",()=>import("./room-7LGSOXEC.js"),"Room",!0],["/conversations",D,"Conversations",!0],["/conversations/:id",D,"Thread",!0],["/notifications",()=>import("./notifications-6THLGVIP.js"),"Notifications",!0],["/knowledge",T,"Knowledge",!0],["/knowledge/:id",T,"Article",!0]],H="{ me { email locale emailVerified user { id displayName } } }";async function z(){let e=await c(H);return f.value=e.me,e.me.locale!==$.value&&(e.me.locale==="en"||e.me.locale==="id")&&await y(e.me.locale),e.me}async function G(){try{await c("mutation { logout }")}catch{}R(),x(),v("/signin")}function J(){let e=$.value==="id"?"en":"id";return n`<button class="btn link lang" onClick=${async()=>{await y(e),s.value&&c("mutation($l: String!) { setLocale(locale: $l) { locale } }",{l:e}).catch(()=>{})}} lang=${e}>
    ${e==="en"?"English":"Bahasa Indonesia"}
  </button>`}function Q(){E(B,[]);let e=[["/",t("nav.home")],["/directory",t("nav.directory")],["/requests",t("nav.requests")],["/mentorships",t("nav.mentorships")],["/conversations",t("nav.conversations")],["/notifications",t("nav.notifications")],["/knowledge",t("nav.knowledge")],["/profile",t("nav.profile")]],o=m.value.path,u=i=>i==="/"?o==="/":o===i||o.startsWith(i+"/");return n`<nav aria-label=${t("nav.label")}>
    <ul>
      ${e.map(([i,a])=>n`<li>
          <a href=${p(i)} aria-current=${u(i)?"page":void 0}>
            ${a}
            ${i==="/notifications"&&l.value>0&&n` <span class="badge">${l.value}<span class="sr-only">
              ${t("nav.unread",{count:l.value})}</span></span>`}
          </a>
        </li>`)}
    </ul>
  </nav>`}var k=0;function X(){let e=g(null),o=g(null);if(h(()=>{let{path:a}=m.value,b=j.map(([r,F,K,P])=>[L(r,a),F,K,P]).find(([r])=>r);if(!b){e.value={Component:Y,params:{}};return}let[U,V,W,N]=b;if(N&&!s.value){v("/signin",{next:a==="/"?"":location.hash.slice(1)});return}if(!N&&s.value&&a==="/signin"){v(m.value.query.next||"/");return}o.value=null;let S=++k;V().then(r=>S===k&&(e.value={Component:r[W],params:U}),r=>S===k&&(o.value={code:"NETWORK",message:String(r)}))}),o.value)return n`<${I} error=${o.value} />`;if(!e.value)return n`<${M} />`;let{Component:u,params:i}=e.value;return n`<${u} params=${i} query=${m.value.query} />`}function Y(){return n`<section class="page"><h1>${t("common.notFound")}</h1><a href=${p("/")}>${t("nav.home")}</a></section>`}function me(){return h(()=>{s.value&&!f.peek()&&z().catch(()=>{})}),n`<div class="shell">
    <a class="skip" href="#main" onClick=${e=>(e.preventDefault(),document.getElementById("main").focus())}>
      ${t("nav.skip")}
    </a>
    <header class="top">
      <a class="brand" href=${p("/")}>Rajut</a>
      <div class="top-actions">
        <${J} />
        ${s.value&&n`<button class="btn link" onClick=${G}>${t("nav.signOut")}</button>`}
      </div>
      ${s.value&&n`<${Q} />`}
    </header>
    ${!C.value&&n`<div class="offline" role="status">${t("common.offline")}</div>`}
    ${f.value&&!f.value.emailVerified&&m.value.path!=="/profile"&&n`<div class="note warn banner" role="status">
      ${t("account.unverifiedShort")} <a href=${p("/profile")}>${t("account.unverifiedMore")}</a>
    </div>`}
    <main id="main" tabindex="-1"><${X} /></main>
  </div>`}export{l as a,j as b,z as c,me as d};
