import{a as ue,b as j,c as pe,e as de}from"./chunk-PW27BMKF.js";import{b as ne}from"./chunk-J4XT5ADL.js";import{E as T,F as ie,G as g,H as b,I as x,K as se,M as ce,N as D,O as E,P as z,c as k,e as ae,g as B,i as w,k as m,n as R,q as oe,t as A,v as re,w as c,x as O,y as le,z as t}from"./chunk-NZ4FRNHW.js";import"./chunk-N4BKRCPD.js";var U=1440,Me=Array.from({length:24},(e,a)=>a),Y=[0,1,2,3,4,5,6],me=(e,a)=>{let[o,r]=e.split(":").map(Number),i=o*60+r;return a&&i===0?U:i},$e=e=>{let a=e%U;return`${String(Math.floor(a/60)).padStart(2,"0")}:${String(a%60).padStart(2,"0")}`};function ve(e){let a=[...e].sort((r,i)=>r[0]-i[0]),o=[];for(let[r,i]of a){let l=o[o.length-1];l&&r<=l[1]?l[1]=Math.max(l[1],i):o.push([r,i])}return o}function ge(e){let a=Y.map(()=>[]);for(let o of e)a[o.weekday].push([me(o.start,!1),me(o.end,!0)]);return a.map(ve)}function ye(e){return e.flatMap((a,o)=>a.map(([r,i])=>({weekday:o,start:$e(r),end:$e(i)})))}function be(e,a,o){return e.reduce((r,[i,l])=>r+Math.max(0,Math.min(l,o)-Math.max(i,a)),0)}function Pe(e,a,o){return e.flatMap(([r,i])=>i<=a||r>=o?[[r,i]]:[r<a&&[r,a],i>o&&[o,i]].filter(Boolean))}function fe(e,a){let o=be(e,a*60,a*60+60);return o===0?"false":o===60?"true":"mixed"}var he=()=>O.value==="en"?"en-GB":"id-ID",we=Date.UTC(2026,5,1);function L(e,a="long"){return new Intl.DateTimeFormat(he(),{weekday:a,timeZone:"UTC"}).format(new Date(we+e*864e5))}function W(e){let a=new Date(we+e%U*6e4),o=new Intl.DateTimeFormat(he(),{hour:"2-digit",minute:"2-digit",hourCycle:"h23",timeZone:"UTC"}).format(a);return e===U?o.replace(/^00/,"24"):o}function qe(e){return e.map((a,o)=>a.length&&`${L(o)} ${a.map(([r,i])=>`${W(r)}\u2013${W(i)}`).join(", ")}`).filter(Boolean)}function ke({days:e,onChange:a,zone:o,labelId:r}){let i=(new Date().getDay()+6)%7,[l,n]=k({day:i,hour:8}),u=ae(null),d=(s,p)=>{n({day:s,hour:p}),requestAnimationFrame(()=>u.current?.querySelector(`[data-cell="${s}-${p}"]`)?.focus())},v=(s,p)=>{let f=e.map(h=>h.slice()),y=p*60;f[s]=fe(e[s],p)==="true"?Pe(e[s],y,y+60):ve([...e[s],[y,y+60]]),a(f),n({day:s,hour:p})},$=s=>a(e.map((p,f)=>f===s?[]:p)),q=s=>a(e.map(()=>e[s].map(p=>p.slice()))),H=s=>{let p=s.target.closest("[data-cell]");if(!p)return;let[f,y]=p.dataset.cell.split("-").map(Number),h=s.key;if(h==="Home"||h==="End")return s.preventDefault(),d(f,h==="Home"?0:23);if(h==="PageUp"||h==="PageDown")return s.preventDefault(),d((f+(h==="PageDown"?1:6))%7,y);let S={ArrowLeft:[-1,0],ArrowRight:[1,0],ArrowUp:[0,-1],ArrowDown:[0,1]}[h];if(!S)return;if(s.preventDefault(),S[0]&&matchMedia("(max-width: 47.99rem)").matches){let P=y+S[0];return P<0?d((f+6)%7,23):P>23?d((f+1)%7,0):d(f,P)}let F=p.getBoundingClientRect(),Le=F.left+F.width/2,Ne=F.top+F.height/2,I=null;for(let P of u.current.querySelectorAll("[data-cell]")){let C=P.getBoundingClientRect();if(!C.width)continue;let Q=C.left+C.width/2-Le,X=C.top+C.height/2-Ne,ee=Q*S[0]+X*S[1];if(ee<=1)continue;let te=ee+Math.abs(Q*S[1]+X*S[0])*3;(!I||te<I[0])&&(I=[te,P])}I&&d(...I[1].dataset.cell.split("-").map(Number))},Ee=s=>{let p={ArrowLeft:6,ArrowRight:1,Home:7-l.day,End:6-l.day}[s.key];if(p===void 0)return;s.preventDefault();let f=s.currentTarget,y=(l.day+p)%7;n({day:y,hour:l.hour}),requestAnimationFrame(()=>f.querySelector(`[data-day="${y}"]`)?.focus())},J=e.reduce((s,p)=>s+be(p,0,U),0);return c`<div class="avail">
    <p class="muted" id=${`${r}-help`}>${t("profile.avail.help",{zone:o})}</p>
    <div class="avail-days" role="toolbar" aria-label=${t("profile.avail.chooseDay")} onKeyDown=${Ee}>
      ${Y.map(s=>c`<button
          type="button"
          class="btn secondary"
          data-day=${s}
          aria-current=${s===l.day?"true":void 0}
          tabindex=${s===l.day?0:-1}
          onClick=${()=>n({day:s,hour:l.hour})}
          onFocus=${()=>s!==l.day&&n({day:s,hour:l.hour})}
        >
          <span aria-hidden="true">${L(s,"short")}</span><span class="sr">${L(s)}</span>
          ${e[s].length>0&&c`<span class="avail-dot" aria-hidden="true">●</span>`}
        </button>`)}
    </div>
    <div class="avail-grid" ref=${u} onKeyDown=${H} role="group" aria-labelledby=${r} aria-describedby=${`${r}-help`}>
      ${Y.map(s=>c`<div class=${`avail-day${s===l.day?" current":""}`} role="group" aria-labelledby=${`${r}-d${s}`}>
          <h3 id=${`${r}-d${s}`}>${L(s)}</h3>
          <div class="avail-hours">
            ${Me.map(p=>{let f=fe(e[s],p);return c`<button
                type="button"
                class="avail-cell"
                data-cell=${`${s}-${p}`}
                aria-pressed=${f}
                tabindex=${s===l.day&&p===l.hour?0:-1}
                onClick=${()=>v(s,p)}
                onFocus=${()=>(l.day!==s||l.hour!==p)&&n({day:s,hour:p})}
              >
                <span class="sr">${L(s)} </span>${W(p*60)}<span class="avail-mark" aria-hidden="true">${f==="true"?"\u2713":f==="mixed"?"\xBD":""}</span>
              </button>`})}
          </div>
        </div>`)}
    </div>
    <div class="row avail-actions">
      <button type="button" class="btn link" onClick=${()=>$(l.day)} disabled=${!e[l.day].length}>
        ${t("profile.avail.clearDay",{day:L(l.day)})}
      </button>
      <button type="button" class="btn link" onClick=${()=>q(l.day)}>${t("profile.avail.copyDay",{day:L(l.day)})}</button>
    </div>
    <h3>${t("profile.avail.summary",{hours:Math.round(J/60*10)/10})}</h3>
    ${J?c`<ul class="plain-list avail-summary">
          ${qe(e).map(s=>c`<li>${s}</li>`)}
        </ul>`:c`<p class="muted">${t("profile.avail.none")}</p>`}
  </div>`}var Ie=30,Ce=["1","2","3","4","5"],_=()=>Ce.map(e=>[e,t(`profile.level.${e}`)]),Re=()=>["3","2","1"].map(e=>[e,t(`profile.priority.${e}`)]),Oe=e=>[["",t("profile.area.none")],...e.map(a=>[a.slug,a.name])],G=(e={})=>({key:Math.random(),skill:w(e.skill||""),level:w(String(e.level||3)),focusArea:w(e.focusArea?.slug||"")}),K=(e={})=>({key:Math.random(),skill:w(e.skill||""),currentLevel:w(String(e.currentLevel||1)),targetLevel:w(String(e.targetLevel||3)),priority:w(String(e.priority||2)),focusArea:w(e.focusArea?.slug||"")}),xe=e=>e.filter(a=>a.skill.value.trim()).map(a=>({skill:a.skill.value.trim(),level:Number(a.level.value),focusArea:a.focusArea.value||null})),Se=e=>e.filter(a=>a.skill.value.trim()).map(a=>({skill:a.skill.value.trim(),currentLevel:Number(a.currentLevel.value),targetLevel:Number(a.targetLevel.value),priority:Number(a.priority.value),focusArea:a.focusArea.value||null}));function V({rows:e,kind:a,areas:o}){let r=l=>e.value=e.value.filter(n=>n!==l),i=()=>{e.value=[...e.value,a==="expertise"?G():K()],requestAnimationFrame(()=>document.querySelector(`[data-list="${a}"] > li:last-child input`)?.focus())};return c`
    ${e.value.length===0&&c`<p class="muted">${t(a==="expertise"?"profile.skills.empty":"profile.needs.empty")}</p>`}
    <ul class="plain-list skill-list" data-list=${a}>
      ${e.value.map((l,n)=>c`<li key=${l.key}>
          <fieldset class="skill-row">
            <legend>${t(a==="expertise"?"profile.skills.item":"profile.needs.item",{n:n+1})}</legend>
            <${g} label=${t("profile.skills.skill")} value=${l.skill} maxlength="80" required />
            ${a==="expertise"?c`<${b} label=${t("profile.skills.level")} value=${l.level} options=${_()} />`:c`<${b} label=${t("profile.needs.current")} value=${l.currentLevel} options=${_()} />
                  <${b} label=${t("profile.needs.target")} value=${l.targetLevel} options=${_()} />
                  <${b} label=${t("profile.needs.priority")} value=${l.priority} options=${Re()} />`}
            ${o.length>0&&c`<${b} label=${t("profile.area")} value=${l.focusArea} options=${Oe(o)} />`}
            <button type="button" class="btn danger" onClick=${()=>r(l)}>
              ${t("profile.skills.remove",{skill:l.skill.value||n+1})}
            </button>
          </fieldset>
        </li>`)}
    </ul>
    ${e.value.length<Ie&&c`<button type="button" class="btn secondary" onClick=${i}>
      ${t(a==="expertise"?"profile.skills.add":"profile.needs.add")}
    </button>`}
  `}var De=`displayName bio goals languages timezone communicationStyle capacity openForRequests
  listedInDirectory birthYear contactEmail contactPhone isMinor
  availability { weekday start end }
  expertise { skill level focusArea { slug } }
  learningNeeds { skill currentLevel targetLevel priority focusArea { slug } }
  questionnaire { question answer }`,Te=`{
  me { email emailVerified locale profile { ${De} } }
  myEnrolments { asMentor asMentee mentorStatus }
  myOrganisations { focusAreas { slug name } }
}`,ze=`mutation($input: ProfileInput!) { updateProfile(input: $input) { ${De} } }`,Ue="mutation($open: Boolean!) { setOpenForRequests(open: $open) }",Fe="mutation($current: String!, $new: String!) { changePassword(currentPassword: $current, newPassword: $new) }",He="mutation($l: String!) { setLocale(locale: $l) { locale } }",Be="{ exportMyData }",je="mutation($password: String!) { deleteMyAccount(password: $password) }",Ye=["id","en","jv","su","ms","ar","zh","nl","ja","ko","mad","min","ban","bug"],We=["STRUCTURED","DIRECT","REFLECTIVE","CASUAL"],Z=["structure","pace","feedback","initiative","formality"],Ae=["Asia/Jakarta","Asia/Makassar","Asia/Jayapura"];function Dt(){let{data:e,error:a,loading:o,reload:r}=ce(Te),[i,l]=k(null),n=i||e?.me.profile,u=d=>{l(d),R.value&&(R.value={...R.value,user:{...R.value.user,displayName:d.displayName}})};return c`<${ie} title=${t("profile.title")}>
    ${a&&c`<${x} error=${a} /><button class="btn secondary" onClick=${r}>${t("profile.retry")}</button>`}
    ${o&&!e&&c`<${se} />`}
    ${e&&c`${!e.me.emailVerified&&c`<${de} email=${e.me.email} />`}
      <${_e} data=${e} profile=${n} onSaved=${u} />`}
  <//>`}function _e({data:e,profile:a,onSaved:o}){let r=e.myEnrolments.some(u=>u.asMentor),i=e.myEnrolments.some(u=>u.asMentee),l=[...new Map(e.myOrganisations.flatMap(u=>u.focusAreas).map(u=>[u.slug,u])).values()],n={profile:a,onSaved:o};return c`
    <${Ge} ...${n} />
    <${Ve} ...${n} />
    ${(r||!i||a.expertise.length>0)&&c`<${Ze} ...${n} areas=${l} />`}
    ${(i||!r||a.learningNeeds.length>0)&&c`<${Je} ...${n} areas=${l} />`}
    <${Qe} ...${n} />
    ${r&&c`<${Xe} ...${n} />`}
    <${et} ...${n} />
    <${tt} email=${e.me.email} key=${O.value} />
    <${at} />
  `}function N({title:e,intro:a,children:o,onSave:r,headingId:i}){let l=B(),n=i||l,u=m(!1),d=D(async()=>{u.value=!1,await r(),u.value=!0});return c`<section class="card profile-section" aria-labelledby=${n}>
    <h2 id=${n}>${e}</h2>
    ${a&&c`<p class="muted">${a}</p>`}
    <form onSubmit=${z(d.run)} onInput=${()=>u.value=!1}>
      ${o}
      <${x} error=${d.error.value} />
      <div class="row">
        <${E} pending=${d.pending} type="submit">${t("common.save")}<//>
        <span role="status" class="saved">${u.value?t("common.saved"):""}</span>
      </div>
    </form>
  </section>`}async function M(e,a){let o=await A(ze,{input:e});a(o.updateProfile)}function Ge({profile:e,onSaved:a}){let o=m(e.displayName),r=m(e.bio),i=m(e.goals||""),l=m(e.communicationStyle),[n,u]=k(e.languages),d=($,q)=>u(q?[...n,$]:n.filter(H=>H!==$)),v=()=>M({displayName:o.value.trim(),bio:r.value,goals:i.value,communicationStyle:l.value,languages:n},a);return c`<${N} title=${t("profile.about")} onSave=${v}>
    <${g} label=${t("profile.name")} value=${o} maxlength="120" autocomplete="name" required />
    <${g} label=${t("profile.bio")} value=${r} multiline maxlength="4000" hint=${t("profile.bioHint")} />
    <${g} label=${t("profile.goals")} value=${i} multiline maxlength="4000" hint=${t("profile.goalsHint")} />
    <fieldset class="choices">
      <legend>${t("profile.languages")}</legend>
      ${Ye.map($=>c`<label class="choice">
          <input type="checkbox" checked=${n.includes($)} onChange=${q=>d($,q.currentTarget.checked)} />
          ${t(`profile.lang.${$}`)}
        </label>`)}
    </fieldset>
    <${b} label=${t("profile.style")} value=${l} options=${We.map($=>[$,t(`profile.style.${$}`)])} />
  <//>`}function Ke(e){let a=[];try{a=Intl.supportedValuesOf("timeZone")}catch{}let o=[...new Set([...a,T,e])].filter(r=>r&&!Ae.includes(r)).sort();return c`<optgroup label=${t("profile.tz.indonesia")}>
      ${Ae.map(r=>c`<option value=${r}>${t(`profile.tz.${r}`)}</option>`)}
    </optgroup>
    <optgroup label=${t("profile.tz.other")}>${o.map(r=>c`<option value=${r}>${r.replaceAll("_"," ")}</option>`)}</optgroup>`}function Ve({profile:e,onSaved:a}){let[o,r]=k(e.timezone),[i,l]=k(()=>ge(e.availability)),[n,u]=k(!1),d=B(),v=async()=>{let $=ye(i);u($.length>50),!($.length>50)&&await M({timezone:o,availability:$},a)};return c`<${N} title=${t("profile.avail")} onSave=${v} headingId="profile-avail">
      <div class="field">
        <label for=${d}>${t("profile.tz")}</label>
        <select id=${d} value=${o} onChange=${$=>r($.currentTarget.value)}>${Ke(o)}</select>
        <small>${t("profile.tzHint")}</small>
      </div>
      ${o!==T&&c`<p class="note info">
        ${t("profile.tz.device",{zone:T})}
        <button type="button" class="btn link" onClick=${()=>r(T)}>${t("profile.tz.useDevice")}</button>
      </p>`}
      <${ke} days=${i} onChange=${l} zone=${o.replaceAll("_"," ")} labelId="profile-avail" />
      ${n&&c`<p class="note error" role="alert">${t("profile.avail.tooMany")}</p>`}
  <//>`}function Ze({profile:e,onSaved:a,areas:o}){let r=m(e.expertise.map(G)),i=()=>M({expertise:xe(r.value)},a);return c`<${N} title=${t("profile.skills")} intro=${t("profile.skills.intro")} onSave=${i}>
    <${V} rows=${r} kind="expertise" areas=${o} />
  <//>`}function Je({profile:e,onSaved:a,areas:o}){let r=m((e.learningNeeds||[]).map(K)),i=()=>M({learningNeeds:Se(r.value)},a);return c`<${N} title=${t("profile.needs")} intro=${t("profile.needs.intro")} onSave=${i}>
    <${V} rows=${r} kind="need" areas=${o} />
  <//>`}function Qe({profile:e,onSaved:a}){let o=Object.fromEntries((e.questionnaire||[]).map(n=>[n.question,String(n.answer)])),r=Object.fromEntries(Z.map(n=>[n,m(o[n]||"")])),i=["","1","2","3","4","5"].map(n=>[n,n?t(`profile.q.scale.${n}`):t("profile.q.unanswered")]),l=()=>M({questionnaire:Z.filter(n=>r[n].value).map(n=>({question:n,answer:Number(r[n].value)}))},a);return c`<${N} title=${t("profile.q")} intro=${t("profile.q.intro")} onSave=${l}>
    ${Z.map(n=>c`<${b} label=${t(`profile.q.${n}`)} value=${r[n]} options=${i} />`)}
  <//>`}function Xe({profile:e,onSaved:a}){let o=m(String(e.capacity)),r=m(e.listedInDirectory),i=D(async()=>{let u=!e.openForRequests;await A(Ue,{open:u}),a({...e,openForRequests:u})}),l=()=>M({capacity:Number(o.value),listedInDirectory:r.value},a),n=e.openForRequests;return c`<${N} title=${t("profile.mentor")} onSave=${l}>
    <div class="openness">
      <p role="status"><strong>${n?t("profile.mentor.open"):t("profile.mentor.closed")}</strong></p>
      <p class="muted">${n?t("profile.mentor.openHelp"):t("profile.mentor.closedHelp")}</p>
      <${x} error=${i.error.value} />
      <${E} kind=${n?"danger":"secondary"} type="button" pending=${i.pending} onClick=${i.run}>
        ${n?t("profile.mentor.close"):t("profile.mentor.reopen")}
      <//>
    </div>
    <${g} label=${t("profile.capacity")} type="number" inputmode="numeric" min="1" max="20" value=${o} hint=${t("profile.capacityHint")} required />
    <${g} label=${t("profile.listed")} type="checkbox" value=${r} hint=${t("profile.listedHint")} />
  <//>`}function et({profile:e,onSaved:a}){let o=m(e.birthYear?String(e.birthYear):""),r=m(e.contactEmail||""),i=m(e.contactPhone||""),l=()=>M({birthYear:o.value?Number(o.value):null,contactEmail:r.value.trim(),contactPhone:i.value.trim()},a);return c`<${N} title=${t("profile.privacy")} intro=${t("profile.privacyIntro")} onSave=${l}>
    <${g} label=${t("profile.birthYear")} type="number" inputmode="numeric" value=${o} hint=${t("profile.birthYearHint")} />
    <${g} label=${t("profile.contactEmail")} type="email" value=${r} autocomplete="email" maxlength="254" />
    <${g} label=${t("profile.contactPhone")} type="tel" value=${i} autocomplete="tel" maxlength="32" />
  <//>`}function tt({email:e}){let a=m(O.value),o=m(!1),r=D(async()=>{await A(He,{l:a.value}),await le(a.value),o.value=!0}),i=m(""),l=m(""),n=m(!1),u=m(!1),d=D(async()=>{u.value=!1,n.value=l.value.length<j,!n.value&&(await A(Fe,{current:i.value,new:l.value}),i.value=l.value="",u.value=!0)}),v=d.error.value;return c`<section class="card profile-section" aria-labelledby="profile-account">
    <h2 id="profile-account">${t("profile.account")}</h2>
    <p>${t("profile.accountEmail")} <strong>${e}</strong></p>
    <form onSubmit=${z(r.run)} onInput=${()=>o.value=!1}>
      <${b} label=${t("profile.locale")} value=${a} options=${[["id","Bahasa Indonesia"],["en","English"]]} />
      <${x} error=${r.error.value} />
      <div class="row">
        <${E} kind="secondary" pending=${r.pending} type="submit">${t("profile.localeSave")}<//>
        <span role="status" class="saved">${o.value?t("common.saved"):""}</span>
      </div>
    </form>
    <h3>${t("profile.password")}</h3>
    <form onSubmit=${z(d.run)}>
      <input type="text" name="username" autocomplete="username" value=${e} hidden readonly />
      <${g}
        label=${t("profile.currentPassword")}
        type="password"
        value=${i}
        autocomplete="current-password"
        error=${v?.field==="currentPassword"?t("profile.currentPasswordBad"):null}
        required
      />
      <${pe}
        label=${t("account.newPassword")}
        value=${l}
        error=${n.value?t("account.passwordShort",{n:j}):v?.field==="newPassword"?t("account.passwordBad"):null}
      />
      <${x} error=${v} />
      <div class="row">
        <${E} kind="secondary" pending=${d.pending} type="submit">${t("profile.passwordSave")}<//>
      </div>
      <p role="status">${u.value?t("profile.passwordDone"):""}</p>
    </form>
  </section>`}function at(){let e=m(!1),a=D(async()=>{e.value=!1;let n=await A(Be),u=new Blob([JSON.stringify(n.exportMyData,null,2)],{type:"application/json"}),d=URL.createObjectURL(u),v=document.createElement("a");v.href=d,v.download=`rajut-${new Date().toISOString().slice(0,10)}.json`,document.body.append(v),v.click(),v.remove(),setTimeout(()=>URL.revokeObjectURL(d),1e4),e.value=!0}),o=m(""),r=m(!1),i=D(async()=>{await A(je,{password:o.value}),ue.value="deleted",re(),ne("/signin"),oe()}),l=i.error.value;return c`<section class="card profile-section" aria-labelledby="profile-data">
    <h2 id="profile-data">${t("profile.data")}</h2>
    <p>${t("profile.exportHelp")}</p>
    <${x} error=${a.error.value} />
    <div class="row">
      <${E} kind="secondary" pending=${a.pending} onClick=${a.run}>${t("profile.export")}<//>
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
      <form onSubmit=${z(i.run)}>
        <${g}
          label=${t("profile.deletePassword")}
          type="password"
          value=${o}
          autocomplete="current-password"
          error=${l?.field==="password"?t("profile.currentPasswordBad"):null}
          required
        />
        <${g} label=${t("profile.deleteUnderstood")} type="checkbox" value=${r} required />
        <${x} error=${l} />
        <${E} kind="danger" pending=${i.pending} type="submit">${t("profile.deleteConfirm")}<//>
      </form>
    </details>
  </section>`}export{Dt as ProfileEditor};
