import{b as x,c as v,d as g,e as $,f as l,h as S,i as E,j as p,k as R,l as r,m as w,n as y,o as t,r as L,s as C}from"./chunk-MSFJXHGO.js";function O(){let e=location.hash.replace(/^#/,"")||"/",[n,a=""]=e.split("?");return{path:n||"/",query:Object.fromEntries(new URLSearchParams(a))}}var c=x(O());addEventListener("hashchange",()=>c.value=O());function f(e,n){let a=n?new URLSearchParams(Object.entries(n).filter(([,o])=>o!==""&&o!=null)):null;location.hash=a&&String(a)?`${e}?${a}`:e}function q(e,n){let a=[],o=new RegExp("^"+e.replace(/:(\w+)/g,(u,m)=>(a.push(m),"([^/]+)"))+"/?$"),i=n.match(o);return i?Object.fromEntries(a.map((u,m)=>[u,decodeURIComponent(i[m+1])])):null}var d=e=>`#${e}`;var h=()=>import("./account-KRL37JON.js"),k=()=>import("./mentorships-QKJGCLW5.js"),N=()=>import("./directory-XIKKAXBF.js"),j=()=>import("./conversations-XRIX7EZO.js"),I=()=>import("./knowledge-7HDZVD6S.js"),D=[["/signin",h,"SignIn",!1],["/signup",h,"SignUp",!1],["/verify-email",h,"VerifyEmail",!1],["/reset-password",h,"ResetPassword",!1],["/",k,"Home",!0],["/profile",()=>import("./profile-55Z7C4OY.js"),"ProfileEditor",!0],["/directory",N,"Directory",!0],["/suggestions",N,"Suggestions",!0],["/requests",()=>import("./requests-UFTAK6ZT.js"),"Requests",!0],["/mentorships",k,"Mentorships",!0],["/mentorships/:id",k,"Mentorship",!0],["/room/:kind/:id",()=>import("./room-5TI726GD.js"),"Room",!0],["/conversations",j,"Conversations",!0],["/conversations/:id",j,"Thread",!0],["/notifications",()=>import("./notifications-Z6IV5KYV.js"),"Notifications",!0],["/knowledge",I,"Knowledge",!0],["/knowledge/:id",I,"Article",!0]],F="{ me { email locale emailVerified user { id displayName } } }";async function K(){let e=await p(F);return $.value=e.me,e.me.locale!==w.value&&(e.me.locale==="en"||e.me.locale==="id")&&await y(e.me.locale),e.me}async function T(){try{await p("mutation { logout }")}catch{}R(),S(),f("/signin")}function V(){let e=w.value==="id"?"en":"id";return r`<button class="btn link lang" onClick=${async()=>{await y(e),l.value&&p("mutation($l: String!) { setLocale(locale: $l) { locale } }",{l:e}).catch(()=>{})}} lang=${e}>
    ${e==="en"?"English":"Bahasa Indonesia"}
  </button>`}function W(){let e=[["/",t("nav.home")],["/directory",t("nav.directory")],["/mentorships",t("nav.mentorships")],["/conversations",t("nav.conversations")],["/notifications",t("nav.notifications")],["/knowledge",t("nav.knowledge")],["/profile",t("nav.profile")]],n=c.value.path,a=o=>o==="/"?n==="/":n===o||n.startsWith(o+"/");return r`<nav aria-label=${t("nav.label")}>
    <ul>
      ${e.map(([o,i])=>r`<li>
          <a href=${d(o)} aria-current=${a(o)?"page":void 0}>${i}</a>
        </li>`)}
    </ul>
  </nav>`}function H(){let e=v(null),n=v(null);if(g(()=>{let{path:i}=c.value,u=D.map(([s,M,A,B])=>[q(s,i),M,A,B]).find(([s])=>s);if(!u){e.value={Component:Q,params:{}};return}let[m,P,U,b]=u;if(b&&!l.value){f("/signin",{next:i==="/"?"":location.hash.slice(1)});return}if(!b&&l.value&&i==="/signin"){f(c.value.query.next||"/");return}n.value=null,P().then(s=>e.value={Component:s[U],params:m},s=>n.value={code:"NETWORK",message:String(s)})}),n.value)return r`<${L} error=${n.value} />`;if(!e.value)return r`<${C} />`;let{Component:a,params:o}=e.value;return r`<${a} params=${o} query=${c.value.query} />`}function Q(){return r`<section class="page"><h1>${t("common.notFound")}</h1><a href=${d("/")}>${t("nav.home")}</a></section>`}function te(){return g(()=>{l.value&&!$.peek()&&K().catch(()=>{})}),r`<div class="shell">
    <a class="skip" href="#main" onClick=${e=>(e.preventDefault(),document.getElementById("main").focus())}>
      ${t("nav.skip")}
    </a>
    <header class="top">
      <a class="brand" href=${d("/")}>Rajut</a>
      <div class="top-actions">
        <${V} />
        ${l.value&&r`<button class="btn link" onClick=${T}>${t("nav.signOut")}</button>`}
      </div>
      ${l.value&&r`<${W} />`}
    </header>
    ${!E.value&&r`<div class="offline" role="status">${t("common.offline")}</div>`}
    <main id="main" tabindex="-1"><${H} /></main>
  </div>`}export{f as a,d as b,K as c,te as d};
