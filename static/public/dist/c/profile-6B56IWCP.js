import{a as ve,b as Q,c as ye,e as he}from"./chunk-ER5VAWRH.js";import{b as fe}from"./chunk-AMWPSUXE.js";import{A as t,B as me,C as O,F as j,G as ge,H as v,I as A,J as y,L as _,M as q,N as G,O as w,P as k,Q as M,R as K,c as b,d as V,e as U,g as Z,i as D,k as m,n as H,q as ue,t as S,u as pe,w as de,x as l,y as L,z as $e}from"./chunk-LOJGHKBD.js";import"./chunk-N4BKRCPD.js";var Y=1440,Be=Array.from({length:24},(e,o)=>o),J=[0,1,2,3,4,5,6],be=(e,o)=>{let[n,r]=e.split(":").map(Number),i=n*60+r;return o&&i===0?Y:i},we=e=>{let o=e%Y;return`${String(Math.floor(o/60)).padStart(2,"0")}:${String(o%60).padStart(2,"0")}`};function xe(e){let o=[...e].sort((r,i)=>r[0]-i[0]),n=[];for(let[r,i]of o){let a=n[n.length-1];a&&r<=a[1]?a[1]=Math.max(a[1],i):n.push([r,i])}return n}function Se(e){let o=J.map(()=>[]);for(let n of e)o[n.weekday].push([be(n.start,!1),be(n.end,!0)]);return o.map(xe)}function Ae(e){return e.flatMap((o,n)=>o.map(([r,i])=>({weekday:n,start:we(r),end:we(i)})))}function Ee(e,o,n){return e.reduce((r,[i,a])=>r+Math.max(0,Math.min(a,n)-Math.max(i,o)),0)}function ze(e,o,n){return e.flatMap(([r,i])=>i<=o||r>=n?[[r,i]]:[r<o&&[r,o],i>n&&[n,i]].filter(Boolean))}function ke(e,o){let n=Ee(e,o*60,o*60+60);return n===0?"false":n===60?"true":"mixed"}var De=()=>L.value==="en"?"en-GB":"id-ID",Ie=Date.UTC(2026,5,1);function P(e,o="long"){return new Intl.DateTimeFormat(De(),{weekday:o,timeZone:"UTC"}).format(new Date(Ie+e*864e5))}function X(e){let o=new Date(Ie+e%Y*6e4),n=new Intl.DateTimeFormat(De(),{hour:"2-digit",minute:"2-digit",hourCycle:"h23",timeZone:"UTC"}).format(o);return e===Y?n.replace(/^00/,"24"):n}function Ue(e){return e.map((o,n)=>o.length&&`${P(n)} ${o.map(([r,i])=>`${X(r)}\u2013${X(i)}`).join(", ")}`).filter(Boolean)}function Ce({days:e,onChange:o,zone:n,labelId:r}){let i=(new Date().getDay()+6)%7,[a,s]=b({day:i,hour:8}),u=U(null),d=(c,$)=>{s({day:c,hour:$}),requestAnimationFrame(()=>u.current?.querySelector(`[data-cell="${c}-${$}"]`)?.focus())},f=(c,$)=>{let g=e.map(E=>E.slice()),x=$*60;g[c]=ke(e[c],$)==="true"?ze(e[c],x,x+60):xe([...e[c],[x,x+60]]),o(g),s({day:c,hour:$})},p=c=>o(e.map(($,g)=>g===c?[]:$)),h=c=>o(e.map(()=>e[c].map($=>$.slice()))),I=c=>{let $=c.target.closest("[data-cell]");if(!$)return;let[g,x]=$.dataset.cell.split("-").map(Number),E=c.key;if(E==="Home"||E==="End")return c.preventDefault(),d(g,E==="Home"?0:23);if(E==="PageUp"||E==="PageDown")return c.preventDefault(),d((g+(E==="PageDown"?1:6))%7,x);let N={ArrowLeft:[-1,0],ArrowRight:[1,0],ArrowUp:[0,-1],ArrowDown:[0,1]}[E];if(!N)return;if(c.preventDefault(),N[0]&&matchMedia("(max-width: 47.99rem)").matches){let T=x+N[0];return T<0?d((g+6)%7,23):T>23?d((g+1)%7,0):d(g,T)}let W=$.getBoundingClientRect(),Oe=W.left+W.width/2,Fe=W.top+W.height/2,B=null;for(let T of u.current.querySelectorAll("[data-cell]")){let z=T.getBoundingClientRect();if(!z.width)continue;let ie=z.left+z.width/2-Oe,le=z.top+z.height/2-Fe,se=ie*N[0]+le*N[1];if(se<=1)continue;let ce=se+Math.abs(ie*N[1]+le*N[0])*3;(!B||ce<B[0])&&(B=[ce,T])}B&&d(...B[1].dataset.cell.split("-").map(Number))},Te=c=>{let $={ArrowLeft:6,ArrowRight:1,Home:7-a.day,End:6-a.day}[c.key];if($===void 0)return;c.preventDefault();let g=c.currentTarget,x=(a.day+$)%7;s({day:x,hour:a.hour}),requestAnimationFrame(()=>g.querySelector(`[data-day="${x}"]`)?.focus())},ae=e.reduce((c,$)=>c+Ee($,0,Y),0);return l`<div class="avail">
    <p class="muted" id=${`${r}-help`}>${t("profile.avail.help",{zone:n})}</p>
    <div class="avail-days" role="toolbar" aria-label=${t("profile.avail.chooseDay")} onKeyDown=${Te}>
      ${J.map(c=>l`<button
          type="button"
          class="btn secondary"
          data-day=${c}
          aria-current=${c===a.day?"true":void 0}
          tabindex=${c===a.day?0:-1}
          onClick=${()=>s({day:c,hour:a.hour})}
          onFocus=${()=>c!==a.day&&s({day:c,hour:a.hour})}
        >
          <span aria-hidden="true">${P(c,"short")}</span><span class="sr">${P(c)}</span>
          ${e[c].length>0&&l`<span class="avail-dot" aria-hidden="true">●</span>`}
        </button>`)}
    </div>
    <div class="avail-grid" ref=${u} onKeyDown=${I} role="group" aria-labelledby=${r} aria-describedby=${`${r}-help`}>
      ${J.map(c=>l`<div class=${`avail-day${c===a.day?" current":""}`} role="group" aria-labelledby=${`${r}-d${c}`}>
          <h3 id=${`${r}-d${c}`}>${P(c)}</h3>
          <div class="avail-hours">
            ${Be.map($=>{let g=ke(e[c],$);return l`<button
                type="button"
                class="avail-cell"
                data-cell=${`${c}-${$}`}
                aria-pressed=${g}
                tabindex=${c===a.day&&$===a.hour?0:-1}
                onClick=${()=>f(c,$)}
                onFocus=${()=>(a.day!==c||a.hour!==$)&&s({day:c,hour:$})}
              >
                <span class="sr">${P(c)} </span>${X($*60)}<span class="avail-mark" aria-hidden="true">${g==="true"?"\u2713":g==="mixed"?"\xBD":""}</span>
              </button>`})}
          </div>
        </div>`)}
    </div>
    <div class="row avail-actions">
      <button type="button" class="btn link" onClick=${()=>p(a.day)} disabled=${!e[a.day].length}>
        ${t("profile.avail.clearDay",{day:P(a.day)})}
      </button>
      <button type="button" class="btn link" onClick=${()=>h(a.day)}>${t("profile.avail.copyDay",{day:P(a.day)})}</button>
    </div>
    <h3>${t("profile.avail.summary",{hours:Math.round(ae/60*10)/10})}</h3>
    ${ae?l`<ul class="plain-list avail-summary">
          ${Ue(e).map(c=>l`<li>${c}</li>`)}
        </ul>`:l`<p class="muted">${t("profile.avail.none")}</p>`}
  </div>`}var He="myBadges { id awardedAt revokedAt badge { icon nameId nameEn descriptionId descriptionEn } }",je=`myCertificates { id kind programmeName organisationName periodStart periodEnd issuedAt
  revokedAt code verifyUrl pdfPath }`,Ye=`level { nameId nameEn } since nextLevel { nameId nameEn } eligible summaryId summaryEn
  requirements { key met textId textEn }`,We="id title content link requiredFor myCompletion { status }",_e="mutation($id: ID!) { declareTrainingCompleted(moduleId: $id) { status } }",Ge="mutation($id: ID!) { withdrawTrainingDeclaration(moduleId: $id) }";function Ke(e){let o=[...Array(e).keys()],n=o.map(i=>`$o${i}: ID!`).join(", "),r=o.map(i=>`p${i}: mentorProgress(organisationId: $o${i}) { ${Ye} }
      m${i}: trainingModules(organisationId: $o${i}) { ${We} }`);return`query${n?`(${n})`:""} { ${He} ${je} ${r.join(" ")} }`}var Ne=e=>me(e,{dateStyle:"medium",timeZone:"UTC"}),F=(e,o)=>e[o+(L.value==="en"?"En":"Id")];function Le({organisations:e,profile:o,saveProfile:n,focus:r}){let i=e.map(h=>h.id),a=Object.fromEntries(i.map((h,I)=>[`o${I}`,h])),{data:s,error:u,loading:d,reload:f}=G(Ke(i.length),a,[i.join()]),p=U(null);return V(()=>{r&&s&&(p.current.scrollIntoView(),p.current.focus({preventScroll:!0}))},[r,!!s]),l`<section class="card profile-section" aria-labelledby="profile-recognition">
    <h2 id="profile-recognition" tabindex="-1" ref=${p}>${t("recognition.title")}</h2>
    ${u&&l`<${y} error=${u} /><button class="btn secondary" onClick=${f}>${t("profile.retry")}</button>`}
    ${d&&!s&&l`<${_} />`}
    ${s&&l`<${Ve} awards=${s.myBadges} profile=${o} saveProfile=${n} />
      ${e.map((h,I)=>l`<${Ze} key=${h.id} organisation=${h} progress=${s[`p${I}`]} modules=${s[`m${I}`]} />`)}
      <${Je} certificates=${s.myCertificates} />`}
  </section>`}function Ve({awards:e,profile:o,saveProfile:n}){let r=m(o.showBadges),i=m(!1),a=w(async()=>{i.value=!1,await n({showBadges:r.value}),i.value=!0}),s=[...e].sort((u,d)=>d.awardedAt.localeCompare(u.awardedAt));return l`<h3>${t("recognition.badges")}</h3>
    ${s.length===0&&l`<${q}>${t("recognition.noBadges")}</${q}>`}
    ${s.length>0&&l`<ul class="list rc-list">
      ${s.map(u=>l`<li key=${u.id}>
          <div class="row">
            ${!/^[\w-]+$/.test(u.badge.icon)&&l`<span class="rc-icon" aria-hidden="true">${u.badge.icon}</span>`}
            <strong>${F(u.badge,"name")}</strong>
            ${u.revokedAt&&l`<span class="tag">${t("recognition.revoked",{day:O(u.revokedAt)})}</span>`}
          </div>
          <p class="rc-line">${F(u.badge,"description")}</p>
          <p class="rc-line muted">${t("recognition.awarded",{day:O(u.awardedAt)})}</p>
        </li>`)}
    </ul>`}
    <form onSubmit=${M(a.run)} onInput=${()=>i.value=!1}>
      <${v} type="checkbox" label=${t("recognition.showBadges")} value=${r} hint=${t("recognition.showBadgesHint")} />
      <${y} error=${a.error.value} />
      <div class="row">
        <${k} kind="secondary" pending=${a.pending} type="submit">${t("common.save")}<//>
        <span role="status" class="saved">${i.value?t("common.saved"):""}</span>
      </div>
    </form>`}function Ze({organisation:e,progress:o,modules:n}){let{level:r,nextLevel:i}=o;return l`<h3>${t("recognition.level",{organisation:e.name})}</h3>
    <p>
      ${r?t("recognition.levelNow",{level:F(r,"name"),day:O(o.since)}):t("recognition.noLevel")}
    </p>
    ${i&&l`<p>${t("recognition.levelNext",{level:F(i,"name")})}</p>`}
    <p class=${`note ${o.eligible?"ok":"info"}`}>${F(o,"summary")}</p>
    ${o.requirements.length>0&&l`<ul class="list rc-list">
      ${o.requirements.map(a=>l`<li key=${a.key} class="rc-requirement">
          <span class=${a.met?"rc-met":"rc-unmet"} aria-hidden="true">${a.met?"\u2713":"\u25CB"}</span>
          <span><span class="sr-only">${a.met?t("recognition.met"):t("recognition.unmet")} </span>${F(a,"text")}</span>
        </li>`)}
    </ul>`}
    <h4>${t("recognition.training")}</h4>
    ${n.length===0&&l`<${q}>${t("recognition.noTraining")}</${q}>`}
    ${n.length>0&&l`<ul class="list rc-list">${n.map(a=>l`<${Qe} key=${a.id} module=${a} />`)}</ul>`}`}function Qe({module:e}){let[o,n]=b(e.myCompletion?.status||null),r=U(null),i=w(async()=>{o==="DECLARED"?(await S(Ge,{id:e.id}),n(null)):n((await S(_e,{id:e.id})).declareTrainingCompleted.status)}),[a,s]=b(0);V(()=>{a&&r.current.querySelector("button")?.focus()},[a]);let u=async()=>{await i.run(),s(f=>f+1)},d=`rc-module-${e.id.replace(/[^\w-]/g,"")}`;return l`<li>
    <strong id=${d}>${e.title}</strong>
    <p class="rc-line muted">
      ${e.requiredFor?t("recognition.requiredFor",{level:t(`recognition.levelName.${e.requiredFor}`)}):t("recognition.optional")}
    </p>
    ${e.content&&l`<p class="rc-line rc-content">${e.content}</p>`}
    ${e.link&&l`<p class="rc-line">
      <a href=${e.link} target="_blank" rel="noopener noreferrer" aria-describedby=${d}>${t("recognition.openModule")}</a>
    </p>`}
    <div class="row" ref=${r}>
      <span role="status" class=${o==="CONFIRMED"?"saved":""}>${t(`recognition.training.${o||"NONE"}`)}</span>
      ${o!=="CONFIRMED"&&l`<${k} kind="secondary" pending=${i.pending} onClick=${u} aria-describedby=${d}>
        ${o==="DECLARED"?t("recognition.withdraw"):t("recognition.declare")}
      <//>`}
    </div>
    <${y} error=${i.error.value} />
  </li>`}function Je({certificates:e}){let o=[...e].sort((n,r)=>r.issuedAt.localeCompare(n.issuedAt));return l`<h3>${t("recognition.certificates")}</h3>
    ${o.length===0&&l`<${q}>${t("recognition.noCertificates")}</${q}>`}
    ${o.length>0&&l`<ul class="list rc-list">${o.map(n=>l`<${Xe} key=${n.id} c=${n} />`)}</ul>`}`}function Xe({c:e}){let o=m(!1),n=w(async()=>{o.value=!1,K(await pe(e.pdfPath),`sertifikat-${e.code}.pdf`),o.value=!0}),r=`rc-certificate-${e.id.replace(/[^\w-]/g,"")}`;return l`<li>
    <div class="row">
      <strong id=${r}>${t(`recognition.certificate.${e.kind}`)}: ${e.programmeName}</strong>
      ${e.revokedAt&&l`<span class="tag">${t("recognition.revoked",{day:O(e.revokedAt)})}</span>`}
    </div>
    <p class="rc-line muted">
      ${e.organisationName} · ${Ne(e.periodStart)} – ${Ne(e.periodEnd)} · ${t("recognition.issued",{day:O(e.issuedAt)})}
    </p>
    <p class="rc-line">${t("recognition.code")} <code>${e.code}</code></p>
    <${y} error=${n.error.value} />
    <div class="row">
      <${k} kind="secondary" pending=${n.pending} onClick=${()=>n.run()} aria-describedby=${r}>
        ${t("recognition.downloadPdf")}
      <//>
      <a href=${e.verifyUrl} target="_blank" rel="noopener" aria-describedby=${r}>${t("recognition.verify")}</a>
      <span role="status" class="saved">${o.value?t("profile.exportDone"):""}</span>
    </div>
  </li>`}var et=30,tt=["1","2","3","4","5"],ee=()=>tt.map(e=>[e,t(`profile.level.${e}`)]),ot=()=>["3","2","1"].map(e=>[e,t(`profile.priority.${e}`)]),nt=e=>[["",t("profile.area.none")],...e.map(o=>[o.slug,o.name])],te=(e={})=>({key:Math.random(),skill:D(e.skill||""),level:D(String(e.level||3)),focusArea:D(e.focusArea?.slug||"")}),oe=(e={})=>({key:Math.random(),skill:D(e.skill||""),currentLevel:D(String(e.currentLevel||1)),targetLevel:D(String(e.targetLevel||3)),priority:D(String(e.priority||2)),focusArea:D(e.focusArea?.slug||"")}),qe=e=>e.filter(o=>o.skill.value.trim()).map(o=>({skill:o.skill.value.trim(),level:Number(o.level.value),focusArea:o.focusArea.value||null})),Me=e=>e.filter(o=>o.skill.value.trim()).map(o=>({skill:o.skill.value.trim(),currentLevel:Number(o.currentLevel.value),targetLevel:Number(o.targetLevel.value),priority:Number(o.priority.value),focusArea:o.focusArea.value||null}));function ne({rows:e,kind:o,areas:n}){let r=a=>e.value=e.value.filter(s=>s!==a),i=()=>{e.value=[...e.value,o==="expertise"?te():oe()],requestAnimationFrame(()=>document.querySelector(`[data-list="${o}"] > li:last-child input`)?.focus())};return l`
    ${e.value.length===0&&l`<p class="muted">${t(o==="expertise"?"profile.skills.empty":"profile.needs.empty")}</p>`}
    <ul class="plain-list skill-list" data-list=${o}>
      ${e.value.map((a,s)=>l`<li key=${a.key}>
          <fieldset class="skill-row">
            <legend>${t(o==="expertise"?"profile.skills.item":"profile.needs.item",{n:s+1})}</legend>
            <${v} label=${t("profile.skills.skill")} value=${a.skill} maxlength="80" required />
            ${o==="expertise"?l`<${A} label=${t("profile.skills.level")} value=${a.level} options=${ee()} />`:l`<${A} label=${t("profile.needs.current")} value=${a.currentLevel} options=${ee()} />
                  <${A} label=${t("profile.needs.target")} value=${a.targetLevel} options=${ee()} />
                  <${A} label=${t("profile.needs.priority")} value=${a.priority} options=${ot()} />`}
            ${n.length>0&&l`<${A} label=${t("profile.area")} value=${a.focusArea} options=${nt(n)} />`}
            <button type="button" class="btn danger" onClick=${()=>r(a)}>
              ${t("profile.skills.remove",{skill:a.skill.value||s+1})}
            </button>
          </fieldset>
        </li>`)}
    </ul>
    ${e.value.length<et&&l`<button type="button" class="btn secondary" onClick=${i}>
      ${t(o==="expertise"?"profile.skills.add":"profile.needs.add")}
    </button>`}
  `}var Re=`displayName bio goals languages timezone communicationStyle capacity openForRequests
  listedInDirectory showBadges birthYear contactEmail contactPhone isMinor
  availability { weekday start end }
  expertise { skill level focusArea { slug } }
  learningNeeds { skill currentLevel targetLevel priority focusArea { slug } }
  questionnaire { question answer }`,rt=`{
  me { email emailVerified locale profile { ${Re} } }
  myEnrolments { asMentor asMentee mentorStatus programme { organisation { id } } }
  myOrganisations { id name focusAreas { slug name } }
}`,at=`mutation($input: ProfileInput!) { updateProfile(input: $input) { ${Re} } }`,it="mutation($open: Boolean!) { setOpenForRequests(open: $open) }",lt="mutation($current: String!, $new: String!) { changePassword(currentPassword: $current, newPassword: $new) }",st="mutation($l: String!) { setLocale(locale: $l) { locale } }",ct="{ exportMyData }",ut="mutation($password: String!) { deleteMyAccount(password: $password) }",pt=["id","en","jv","su","ms","ar","zh","nl","ja","ko","mad","min","ban","bug"],dt=["STRUCTURED","DIRECT","REFLECTIVE","CASUAL"],re=["structure","pace","feedback","initiative","formality"],Pe=["Asia/Jakarta","Asia/Makassar","Asia/Jayapura"];function to({query:e}){let{data:o,error:n,loading:r,reload:i}=G(rt),[a,s]=b(null),u=a||o?.me.profile,d=f=>{s(f),H.value&&(H.value={...H.value,user:{...H.value.user,displayName:f.displayName}})};return l`<${ge} title=${t("profile.title")}>
    ${n&&l`<${y} error=${n} /><button class="btn secondary" onClick=${i}>${t("profile.retry")}</button>`}
    ${r&&!o&&l`<${_} />`}
    ${o&&l`${!o.me.emailVerified&&l`<${he} email=${o.me.email} />`}
      <${$t} data=${o} profile=${u} onSaved=${d} focus=${e.section} />`}
  <//>`}function $t({data:e,profile:o,onSaved:n,focus:r}){let i=e.myEnrolments.some(p=>p.asMentor),a=e.myEnrolments.some(p=>p.asMentee),s=[...new Map(e.myOrganisations.flatMap(p=>p.focusAreas).map(p=>[p.slug,p])).values()],u=new Set(e.myEnrolments.filter(p=>p.asMentor).map(p=>p.programme.organisation.id)),d=e.myOrganisations.filter(p=>u.has(p.id)),f={profile:o,onSaved:n};return l`
    <${mt} ...${f} />
    <${gt} ...${f} />
    ${(i||!a||o.expertise.length>0)&&l`<${vt} ...${f} areas=${s} />`}
    ${(a||!i||o.learningNeeds.length>0)&&l`<${yt} ...${f} areas=${s} />`}
    <${ht} ...${f} />
    ${i&&l`<${bt} ...${f} />`}
    <${Le}
      organisations=${d}
      profile=${o}
      saveProfile=${p=>C(p,n)}
      focus=${r==="recognition"}
    />
    <${wt} ...${f} />
    <${kt} email=${e.me.email} key=${L.value} />
    <${xt} />
  `}function R({title:e,intro:o,children:n,onSave:r,headingId:i}){let a=Z(),s=i||a,u=m(!1),d=w(async()=>{u.value=!1,await r(),u.value=!0});return l`<section class="card profile-section" aria-labelledby=${s}>
    <h2 id=${s}>${e}</h2>
    ${o&&l`<p class="muted">${o}</p>`}
    <form onSubmit=${M(d.run)} onInput=${()=>u.value=!1}>
      ${n}
      <${y} error=${d.error.value} />
      <div class="row">
        <${k} pending=${d.pending} type="submit">${t("common.save")}<//>
        <span role="status" class="saved">${u.value?t("common.saved"):""}</span>
      </div>
    </form>
  </section>`}async function C(e,o){let n=await S(at,{input:e});o(n.updateProfile)}function mt({profile:e,onSaved:o}){let n=m(e.displayName),r=m(e.bio),i=m(e.goals||""),a=m(e.communicationStyle),[s,u]=b(e.languages),d=(p,h)=>u(h?[...s,p]:s.filter(I=>I!==p)),f=()=>C({displayName:n.value.trim(),bio:r.value,goals:i.value,communicationStyle:a.value,languages:s},o);return l`<${R} title=${t("profile.about")} onSave=${f}>
    <${v} label=${t("profile.name")} value=${n} maxlength="120" autocomplete="name" required />
    <${v} label=${t("profile.bio")} value=${r} multiline maxlength="4000" hint=${t("profile.bioHint")} />
    <${v} label=${t("profile.goals")} value=${i} multiline maxlength="4000" hint=${t("profile.goalsHint")} />
    <fieldset class="choices">
      <legend>${t("profile.languages")}</legend>
      ${pt.map(p=>l`<label class="choice">
          <input type="checkbox" checked=${s.includes(p)} onChange=${h=>d(p,h.currentTarget.checked)} />
          ${t(`profile.lang.${p}`)}
        </label>`)}
    </fieldset>
    <${A} label=${t("profile.style")} value=${a} options=${dt.map(p=>[p,t(`profile.style.${p}`)])} />
  <//>`}function ft(e){let o=[];try{o=Intl.supportedValuesOf("timeZone")}catch{}let n=[...new Set([...o,j,e])].filter(r=>r&&!Pe.includes(r)).sort();return l`<optgroup label=${t("profile.tz.indonesia")}>
      ${Pe.map(r=>l`<option value=${r}>${t(`profile.tz.${r}`)}</option>`)}
    </optgroup>
    <optgroup label=${t("profile.tz.other")}>${n.map(r=>l`<option value=${r}>${r.replaceAll("_"," ")}</option>`)}</optgroup>`}function gt({profile:e,onSaved:o}){let[n,r]=b(e.timezone),[i,a]=b(()=>Se(e.availability)),[s,u]=b(!1),d=Z(),f=async()=>{let p=Ae(i);u(p.length>50),!(p.length>50)&&await C({timezone:n,availability:p},o)};return l`<${R} title=${t("profile.avail")} onSave=${f} headingId="profile-avail">
      <div class="field">
        <label for=${d}>${t("profile.tz")}</label>
        <select id=${d} value=${n} onChange=${p=>r(p.currentTarget.value)}>${ft(n)}</select>
        <small>${t("profile.tzHint")}</small>
      </div>
      ${n!==j&&l`<p class="note info">
        ${t("profile.tz.device",{zone:j})}
        <button type="button" class="btn link" onClick=${()=>r(j)}>${t("profile.tz.useDevice")}</button>
      </p>`}
      <${Ce} days=${i} onChange=${a} zone=${n.replaceAll("_"," ")} labelId="profile-avail" />
      ${s&&l`<p class="note error" role="alert">${t("profile.avail.tooMany")}</p>`}
  <//>`}function vt({profile:e,onSaved:o,areas:n}){let r=m(e.expertise.map(te)),i=()=>C({expertise:qe(r.value)},o);return l`<${R} title=${t("profile.skills")} intro=${t("profile.skills.intro")} onSave=${i}>
    <${ne} rows=${r} kind="expertise" areas=${n} />
  <//>`}function yt({profile:e,onSaved:o,areas:n}){let r=m((e.learningNeeds||[]).map(oe)),i=()=>C({learningNeeds:Me(r.value)},o);return l`<${R} title=${t("profile.needs")} intro=${t("profile.needs.intro")} onSave=${i}>
    <${ne} rows=${r} kind="need" areas=${n} />
  <//>`}function ht({profile:e,onSaved:o}){let n=Object.fromEntries((e.questionnaire||[]).map(s=>[s.question,String(s.answer)])),r=Object.fromEntries(re.map(s=>[s,m(n[s]||"")])),i=["","1","2","3","4","5"].map(s=>[s,s?t(`profile.q.scale.${s}`):t("profile.q.unanswered")]),a=()=>C({questionnaire:re.filter(s=>r[s].value).map(s=>({question:s,answer:Number(r[s].value)}))},o);return l`<${R} title=${t("profile.q")} intro=${t("profile.q.intro")} onSave=${a}>
    ${re.map(s=>l`<${A} label=${t(`profile.q.${s}`)} value=${r[s]} options=${i} />`)}
  <//>`}function bt({profile:e,onSaved:o}){let n=m(String(e.capacity)),r=m(e.listedInDirectory),i=w(async()=>{let u=!e.openForRequests;await S(it,{open:u}),o({...e,openForRequests:u})}),a=()=>C({capacity:Number(n.value),listedInDirectory:r.value},o),s=e.openForRequests;return l`<${R} title=${t("profile.mentor")} onSave=${a}>
    <div class="openness">
      <p role="status"><strong>${s?t("profile.mentor.open"):t("profile.mentor.closed")}</strong></p>
      <p class="muted">${s?t("profile.mentor.openHelp"):t("profile.mentor.closedHelp")}</p>
      <${y} error=${i.error.value} />
      <${k} kind=${s?"danger":"secondary"} type="button" pending=${i.pending} onClick=${i.run}>
        ${s?t("profile.mentor.close"):t("profile.mentor.reopen")}
      <//>
    </div>
    <${v} label=${t("profile.capacity")} type="number" inputmode="numeric" min="1" max="20" value=${n} hint=${t("profile.capacityHint")} required />
    <${v} label=${t("profile.listed")} type="checkbox" value=${r} hint=${t("profile.listedHint")} />
  <//>`}function wt({profile:e,onSaved:o}){let n=m(e.birthYear?String(e.birthYear):""),r=m(e.contactEmail||""),i=m(e.contactPhone||""),a=()=>C({birthYear:n.value?Number(n.value):null,contactEmail:r.value.trim(),contactPhone:i.value.trim()},o);return l`<${R} title=${t("profile.privacy")} intro=${t("profile.privacyIntro")} onSave=${a}>
    <${v} label=${t("profile.birthYear")} type="number" inputmode="numeric" value=${n} hint=${t("profile.birthYearHint")} />
    <${v} label=${t("profile.contactEmail")} type="email" value=${r} autocomplete="email" maxlength="254" />
    <${v} label=${t("profile.contactPhone")} type="tel" value=${i} autocomplete="tel" maxlength="32" />
  <//>`}function kt({email:e}){let o=m(L.value),n=m(!1),r=w(async()=>{await S(st,{l:o.value}),await $e(o.value),n.value=!0}),i=m(""),a=m(""),s=m(!1),u=m(!1),d=w(async()=>{u.value=!1,s.value=a.value.length<Q,!s.value&&(await S(lt,{current:i.value,new:a.value}),i.value=a.value="",u.value=!0)}),f=d.error.value;return l`<section class="card profile-section" aria-labelledby="profile-account">
    <h2 id="profile-account">${t("profile.account")}</h2>
    <p>${t("profile.accountEmail")} <strong>${e}</strong></p>
    <form onSubmit=${M(r.run)} onInput=${()=>n.value=!1}>
      <${A} label=${t("profile.locale")} value=${o} options=${[["id","Bahasa Indonesia"],["en","English"]]} />
      <${y} error=${r.error.value} />
      <div class="row">
        <${k} kind="secondary" pending=${r.pending} type="submit">${t("profile.localeSave")}<//>
        <span role="status" class="saved">${n.value?t("common.saved"):""}</span>
      </div>
    </form>
    <h3>${t("profile.password")}</h3>
    <form onSubmit=${M(d.run)}>
      <input type="text" name="username" autocomplete="username" value=${e} hidden readonly />
      <${v}
        label=${t("profile.currentPassword")}
        type="password"
        value=${i}
        autocomplete="current-password"
        error=${f?.field==="currentPassword"?t("profile.currentPasswordBad"):null}
        required
      />
      <${ye}
        label=${t("account.newPassword")}
        value=${a}
        error=${s.value?t("account.passwordShort",{n:Q}):f?.field==="newPassword"?t("account.passwordBad"):null}
      />
      <${y} error=${f} />
      <div class="row">
        <${k} kind="secondary" pending=${d.pending} type="submit">${t("profile.passwordSave")}<//>
      </div>
      <p role="status">${u.value?t("profile.passwordDone"):""}</p>
    </form>
  </section>`}function xt(){let e=m(!1),o=w(async()=>{e.value=!1;let s=await S(ct),u=new Blob([JSON.stringify(s.exportMyData,null,2)],{type:"application/json"});K(u,`rajut-${new Date().toISOString().slice(0,10)}.json`),e.value=!0}),n=m(""),r=m(!1),i=w(async()=>{await S(ut,{password:n.value}),ve.value="deleted",de(),fe("/signin"),ue()}),a=i.error.value;return l`<section class="card profile-section" aria-labelledby="profile-data">
    <h2 id="profile-data">${t("profile.data")}</h2>
    <p>${t("profile.exportHelp")}</p>
    <${y} error=${o.error.value} />
    <div class="row">
      <${k} kind="secondary" pending=${o.pending} onClick=${o.run}>${t("profile.export")}<//>
      <span role="status" class="saved">${e.value?t("profile.exportDone"):""}</span>
    </div>
    <details class="danger-zone">
      <summary>${t("profile.delete")}</summary>
      <div class="note warn">
        <strong>${t("profile.deleteWarning")}</strong>
        <ul>
          <li>${t("profile.deleteErased")}</li>
          <li>${t("profile.deleteEnded")}</li>
          <li>${t("profile.deleteKept")}</li>
        </ul>
        <p>${t("profile.deleteExportFirst")}</p>
      </div>
      <form onSubmit=${M(i.run)}>
        <${v}
          label=${t("profile.deletePassword")}
          type="password"
          value=${n}
          autocomplete="current-password"
          error=${a?.field==="password"?t("profile.currentPasswordBad"):null}
          required
        />
        <${v} label=${t("profile.deleteUnderstood")} type="checkbox" value=${r} required />
        <${y} error=${a} />
        <${k} kind="danger" pending=${i.pending} type="submit">${t("profile.deleteConfirm")}<//>
      </form>
    </details>
  </section>`}export{to as ProfileEditor};
