import{b as U,f as C}from"./chunk-ZRM264WE.js";import{a as f}from"./chunk-QEA2FKBX.js";import"./chunk-AMWPSUXE.js";import{A as e,B as S,C as v,D as x,H as h,J as c,K as g,L as y,M as O,N as I,O as T,P as A,Q as D,k as w,t as k,x as o}from"./chunk-LOJGHKBD.js";import"./chunk-N4BKRCPD.js";var J=`query($r: ID!) { journals(relationshipId: $r) {
  myStreak journals { weekOf reflection learned nextStep shared updatedAt authorId }
} }`,N="mutation($input: JournalInput!) { submitJournal(input: $input) { weekOf updatedAt } }";function E(){let t=new Date;return new Date(Date.UTC(t.getUTCFullYear(),t.getUTCMonth(),t.getUTCDate()-(t.getUTCDay()+6)%7)).toISOString().slice(0,10)}function G({relationship:t}){let{data:n,error:s,reload:p}=I(J,{r:t.id},[t.id]),r=w("");if(!n)return o`<section><h2>${e("mentorships.journal.title")}</h2><${c} error=${s} />${!s&&o`<${y} />`}</section>`;let{journals:l,myStreak:i}=n.journals,$=E(),m=l.find(a=>a.authorId===t.viewerId&&a.weekOf===$),j=Object.fromEntries(C(t).map(a=>[a.id,a.displayName])),u=[...l].sort((a,b)=>a.weekOf<b.weekOf?1:a.weekOf>b.weekOf?-1:0),d=U.includes(t.status);return o`<section aria-labelledby="journal-h">
      <h2 id="journal-h">${e("mentorships.journal.title")}</h2>
      <p class="streak">
        ${i?e("mentorships.journal.streak",{weeks:x(i)}):e("mentorships.journal.noStreak")}
      </p>
      <p class="said" role="status">${r.value}</p>
      ${d?o`<${R}
            key=${m?.updatedAt||"new"}
            rel=${t}
            current=${m}
            done=${a=>(r.value=a,p())}
          />`:o`<${g}>${e("mentorships.journal.readOnly")}<//>`}
    </section>
    <section aria-labelledby="entries-h">
      <h2 id="entries-h">${e("mentorships.journal.entries")}</h2>
      <${c} error=${s} />
      ${u.length?o`<ul class="list entries">
            ${u.map(a=>o`<${W} entry=${a} mine=${a.authorId===t.viewerId} author=${j[a.authorId]} />`)}
          </ul>`:o`<${O}>${t.viewerRole==="mentor"?e("mentorships.journal.noneMentor"):e("mentorships.journal.none")}<//>`}
    </section>`}function R({rel:t,current:n,done:s}){let p=`journal:${t.id}`,r=f(`${p}:reflection`,n?.reflection||""),l=f(`${p}:learned`,n?.learned||""),i=f(`${p}:nextStep`,n?.nextStep||""),$=w(n?n.shared:!1),m=t.viewerRole==="mentor",j=[[r,n?.reflection],[l,n?.learned],[i,n?.nextStep]].some(([d,a])=>d.value&&d.value!==(a||"")),u=T(async()=>{await k(N,{input:{relationshipId:t.id,reflection:r.value,learned:l.value,nextStep:i.value,shared:m?!1:$.value}});for(let d of[r,l,i])d.clear();s(n?e("mentorships.journal.updated"):e("mentorships.journal.sent"))});return o`<form class="card" onSubmit=${D(u.run)} aria-labelledby="journal-form-h">
    <h3 id="journal-form-h">${n?e("mentorships.journal.editWeek"):e("mentorships.journal.newWeek")}</h3>
    <p class="muted small">${e("mentorships.journal.hint")}</p>
    <${h} label=${e("mentorships.journal.reflection")} value=${r} multiline rows="4" maxlength="4000" />
    <${h} label=${e("mentorships.journal.learned")} value=${l} multiline rows="3" maxlength="4000" />
    <${h} label=${e("mentorships.journal.nextStep")} value=${i} multiline rows="2" maxlength="4000" />
    ${m?o`<p class="muted small">${e("mentorships.journal.mentorPrivate")}</p>`:o`<${h}
          type="checkbox"
          label=${e("mentorships.journal.share")}
          hint=${e("mentorships.journal.shareHint")}
          value=${$}
        />`}
    ${j&&o`<p class="muted small">${e("mentorships.journal.draftKept")}</p>`}
    <${c} error=${u.error.value} />
    <${A} type="submit" pending=${u.pending}>${n?e("mentorships.journal.update"):e("mentorships.journal.submit")}<//>
  </form>`}function W({entry:t,mine:n,author:s}){return o`<li class="entry">
    <h3>${e("mentorships.journal.weekOf",{date:v(t.weekOf)})}</h3>
    <p class="row small">
      <span>${n?e("mentorships.journal.byYou"):e("mentorships.journal.by",{name:s||"?"})}</span>
      <span class="tag plain">${t.shared?e("mentorships.journal.shared"):e("mentorships.journal.private")}</span>
      <span class="muted">${e("mentorships.journal.updatedAt",{when:S(t.updatedAt)})}</span>
    </p>
    <dl class="facts">
      ${t.reflection&&o`<dt>${e("mentorships.journal.reflection")}</dt><dd class="text">${t.reflection}</dd>`}
      ${t.learned&&o`<dt>${e("mentorships.journal.learned")}</dt><dd class="text">${t.learned}</dd>`}
      ${t.nextStep&&o`<dt>${e("mentorships.journal.nextStep")}</dt><dd class="text">${t.nextStep}</dd>`}
    </dl>
  </li>`}export{G as JournalTab};
