import{b as $,c as d,d as y,e as w,f as b,g as l,i as R,j as C,k as f,l as L,m as N,n as a,o as k,p as x,q as t,t as O,u as U}from"./chunk-75STD2CR.js";function q(){let e=location.hash.replace(/^#/,"")||"/",[n,i=""]=e.split("?");return{path:n||"/",query:Object.fromEntries(new URLSearchParams(i))}}var c=d(q());addEventListener("hashchange",()=>c.value=q());function v(e,n){let i=n?new URLSearchParams(Object.entries(n).filter(([,o])=>o!==""&&o!=null)):null;location.hash=i&&String(i)?`${e}?${i}`:e}function j(e,n){let i=[],o=new RegExp("^"+e.replace(/:(\w+)/g,(u,m)=>(i.push(m),"([^/]+)"))+"/?$"),r=n.match(o);return r?Object.fromEntries(i.map((u,m)=>[u,decodeURIComponent(r[m+1])])):null}var h=e=>`#${e}`;var g=()=>import("./account-WYW5DFE7.js"),E=()=>import("./mentorships-XDIFG7M2.js"),I=()=>import("./directory-FFFEBPOE.js"),P=()=>import("./conversations-X6KKUYHT.js"),M=()=>import("./knowledge-MM7UGR4L.js"),V=[["/signin",g,"SignIn",!1],["/signup",g,"SignUp",!1],["/verify-email",g,"VerifyEmail",!1],["/reset-password",g,"ResetPassword",!1],["/",E,"Home",!0],["/profile",()=>import("./profile-N2OESCPN.js"),"ProfileEditor",!0],["/directory",I,"Directory",!0],["/suggestions",I,"Suggestions",!0],["/requests",()=>import("./requests-I6KL3ZPD.js"),"Requests",!0],["/mentorships",E,"Mentorships",!0],["/mentorships/:id",E,"Mentorship",!0],["/room/:kind/:id",()=>import("./room-LDCBYDRW.js"),"Room",!0],["/conversations",P,"Conversations",!0],["/conversations/:id",P,"Thread",!0],["/notifications",()=>import("./notifications-6REUNMNT.js"),"Notifications",!0],["/knowledge",M,"Knowledge",!0],["/knowledge/:id",M,"Article",!0]],W="{ me { email locale emailVerified user { id displayName } } }";async function H(){let e=await f(W);return b.value=e.me,e.me.locale!==k.value&&(e.me.locale==="en"||e.me.locale==="id")&&await x(e.me.locale),e.me}async function Q(){try{await f("mutation { logout }")}catch{}N(),R(),v("/signin")}function _(){let e=k.value==="id"?"en":"id";return a`<button class="btn link lang" onClick=${async()=>{await x(e),l.value&&f("mutation($l: String!) { setLocale(locale: $l) { locale } }",{l:e}).catch(()=>{})}} lang=${e}>
    ${e==="en"?"English":"Bahasa Indonesia"}
  </button>`}var p=d(0),z="{ myNotifications(unreadOnly: true, first: 50) { id } }";function A(){f(z).then(e=>p.value=e.myNotifications.length,()=>{})}function G(){$(()=>(A(),L("subscription { notifications { id } }",{},()=>p.value++)),[]);let e=c.value.path;$(()=>{e!=="/notifications"&&A()},[e==="/notifications"])}function J(){G();let e=[["/",t("nav.home")],["/directory",t("nav.directory")],["/mentorships",t("nav.mentorships")],["/conversations",t("nav.conversations")],["/notifications",t("nav.notifications")],["/knowledge",t("nav.knowledge")],["/profile",t("nav.profile")]],n=c.value.path,i=o=>o==="/"?n==="/":n===o||n.startsWith(o+"/");return a`<nav aria-label=${t("nav.label")}>
    <ul>
      ${e.map(([o,r])=>a`<li>
          <a href=${h(o)} aria-current=${i(o)?"page":void 0}>
            ${r}
            ${o==="/notifications"&&p.value>0&&a` <span class="badge" aria-label=${t("nav.unread",{count:p.value})}>${p.value}</span>`}
          </a>
        </li>`)}
    </ul>
  </nav>`}function X(){let e=y(null),n=y(null);if(w(()=>{let{path:r}=c.value,u=V.map(([s,F,K,T])=>[j(s,r),F,K,T]).find(([s])=>s);if(!u){e.value={Component:Y,params:{}};return}let[m,D,B,S]=u;if(S&&!l.value){v("/signin",{next:r==="/"?"":location.hash.slice(1)});return}if(!S&&l.value&&r==="/signin"){v(c.value.query.next||"/");return}n.value=null,D().then(s=>e.value={Component:s[B],params:m},s=>n.value={code:"NETWORK",message:String(s)})}),n.value)return a`<${O} error=${n.value} />`;if(!e.value)return a`<${U} />`;let{Component:i,params:o}=e.value;return a`<${i} params=${o} query=${c.value.query} />`}function Y(){return a`<section class="page"><h1>${t("common.notFound")}</h1><a href=${h("/")}>${t("nav.home")}</a></section>`}function ue(){return w(()=>{l.value&&!b.peek()&&H().catch(()=>{})}),a`<div class="shell">
    <a class="skip" href="#main" onClick=${e=>(e.preventDefault(),document.getElementById("main").focus())}>
      ${t("nav.skip")}
    </a>
    <header class="top">
      <a class="brand" href=${h("/")}>Rajut</a>
      <div class="top-actions">
        <${_} />
        ${l.value&&a`<button class="btn link" onClick=${Q}>${t("nav.signOut")}</button>`}
      </div>
      ${l.value&&a`<${J} />`}
    </header>
    ${!C.value&&a`<div class="offline" role="status">${t("common.offline")}</div>`}
    <main id="main" tabindex="-1"><${X} /></main>
  </div>`}export{v as a,h as b,H as c,ue as d};
