import{a as m,b as v,d as O,e as p}from"./chunk-7B6CUUDW.js";import{H as R,J as L,d as N,h as S,j as g,k as h,m as f,n as s,p as E,q,s as c,t as x,u as C,v as n,w as $,x as y,y as t}from"./chunk-H2S5VUFV.js";var l=S(0),K="{ myNotifications(unreadOnly: true, first: 100) { id } }";function I(){let e=!1,o=()=>{},u=()=>c(K).then(a=>!e&&(l.value=a.myNotifications.length),()=>{}),i=()=>{o=x("subscription { notifications { id } }",{},()=>l.value++,a=>{a.code==="SUBSCRIBER_TOO_SLOW"&&!e&&(u(),i())})};return u(),i(),()=>{e=!0,o(),l.value=0}}var d=()=>import("./account-NFQWLU46.js"),w=()=>import("./mentorships-C4GZU33Z.js"),M=()=>import("./directory-G4Z3EYN5.js"),B=()=>import("./conversations-A2537I7H.js"),A=()=>import("./knowledge-6NMKYN7L.js"),P=[["/signin",d,"SignIn",!1],["/signup",d,"SignUp",!1],["/verify-email",d,"VerifyEmail",!1],["/reset-password",d,"ResetPassword",!1],["/",w,"Home",!0],["/profile",()=>import("./profile-5OC5AIT6.js"),"ProfileEditor",!0],["/directory",M,"Directory",!0],["/suggestions",M,"Suggestions",!0],["/requests",()=>import("./requests-JPUBEMKJ.js"),"Requests",!0],["/mentorships",w,"Mentorships",!0],["/mentorships/:id",w,"Mentorship",!0],["/room/:kind/:id",()=>import("./room-U7RUTXOV.js"),"Room",!0],["/conversations",B,"Conversations",!0],["/conversations/:id",B,"Thread",!0],["/notifications",()=>import("./notifications-RXMRVBU5.js"),"Notifications",!0],["/knowledge",A,"Knowledge",!0],["/knowledge/:id",A,"Article",!0]],_="{ me { email locale emailVerified user { id displayName } } }";async function j(){let e=await c(_);return f.value=e.me,e.me.locale!==$.value&&(e.me.locale==="en"||e.me.locale==="id")&&await y(e.me.locale),e.me}async function H(){try{await c("mutation { logout }")}catch{}C(),E(),v("/signin")}function z(){let e=$.value==="id"?"en":"id";return n`<button class="btn link lang" onClick=${async()=>{await y(e),s.value&&c("mutation($l: String!) { setLocale(locale: $l) { locale } }",{l:e}).catch(()=>{})}} lang=${e}>
    ${e==="en"?"English":"Bahasa Indonesia"}
  </button>`}function G(){N(I,[]);let e=[["/",t("nav.home")],["/directory",t("nav.directory")],["/requests",t("nav.requests")],["/mentorships",t("nav.mentorships")],["/conversations",t("nav.conversations")],["/notifications",t("nav.notifications")],["/knowledge",t("nav.knowledge")],["/profile",t("nav.profile")]],o=m.value.path,u=i=>i==="/"?o==="/":o===i||o.startsWith(i+"/");return n`<nav aria-label=${t("nav.label")}>
    <ul>
      ${e.map(([i,a])=>n`<li>
          <a href=${p(i)} aria-current=${u(i)?"page":void 0}>
            ${a}
            ${i==="/notifications"&&l.value>0&&n` <span class="badge">${l.value}<span class="sr-only">
              ${t("nav.unread",{count:l.value})}</span></span>`}
          </a>
        </li>`)}
    </ul>
  </nav>`}function J(){let e=g(null),o=g(null);if(h(()=>{let{path:a}=m.value,k=P.map(([r,V,W,F])=>[O(r,a),V,W,F]).find(([r])=>r);if(!k){e.value={Component:Q,params:{}};return}let[D,T,U,b]=k;if(b&&!s.value){v("/signin",{next:a==="/"?"":location.hash.slice(1)});return}if(!b&&s.value&&a==="/signin"){v(m.value.query.next||"/");return}o.value=null,T().then(r=>e.value={Component:r[U],params:D},r=>o.value={code:"NETWORK",message:String(r)})}),o.value)return n`<${R} error=${o.value} />`;if(!e.value)return n`<${L} />`;let{Component:u,params:i}=e.value;return n`<${u} params=${i} query=${m.value.query} />`}function Q(){return n`<section class="page"><h1>${t("common.notFound")}</h1><a href=${p("/")}>${t("nav.home")}</a></section>`}function ue(){return h(()=>{s.value&&!f.peek()&&j().catch(()=>{})}),n`<div class="shell">
    <a class="skip" href="#main" onClick=${e=>(e.preventDefault(),document.getElementById("main").focus())}>
      ${t("nav.skip")}
    </a>
    <header class="top">
      <a class="brand" href=${p("/")}>Rajut</a>
      <div class="top-actions">
        <${z} />
        ${s.value&&n`<button class="btn link" onClick=${H}>${t("nav.signOut")}</button>`}
      </div>
      ${s.value&&n`<${G} />`}
    </header>
    ${!q.value&&n`<div class="offline" role="status">${t("common.offline")}</div>`}
    ${f.value&&!f.value.emailVerified&&m.value.path!=="/profile"&&n`<div class="note warn banner" role="status">
      ${t("account.unverifiedShort")} <a href=${p("/profile")}>${t("account.unverifiedMore")}</a>
    </div>`}
    <main id="main" tabindex="-1"><${J} /></main>
  </div>`}export{l as a,P as b,j as c,ue as d};
