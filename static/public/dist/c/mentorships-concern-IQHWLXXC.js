import{a as v}from"./chunk-QEA2FKBX.js";import{A as e,B as u,H as d,J as c,L as h,N as g,O as x,P as f,Q as b,k as m,t as $,x as t}from"./chunk-LOJGHKBD.js";import"./chunk-N4BKRCPD.js";var I="query($p: ID!) { concernReports(programmeId: $p) { id relationshipId text status resolution createdAt resolvedAt } }",R="mutation($r: ID!, $text: String!) { reportConcern(relationshipId: $r, text: $text) { id status } }";function E({relationship:r}){let{data:o,error:a,reload:y}=g(I,{p:r.programme.id},[r.programme.id]),s=v(`concern:${r.id}`),p=m(!1),i=x(async()=>{await $(R,{r:r.id,text:s.value}),s.clear(),p.value=!0,y()}),l=o?o.concernReports.filter(n=>n.relationshipId===r.id):[];return t`<section aria-labelledby="concern-h">
      <h2 id="concern-h">${e("mentorships.concern.title")}</h2>
      <p>${e("mentorships.concern.explain")}</p>
      <p class="muted small">${e("mentorships.concern.urgent")}</p>
      <div aria-live="polite">
        ${p.value&&t`<p class="note ok">${e("mentorships.concern.sent")}</p>`}
      </div>
      <form class="card" onSubmit=${b(i.run)}>
        <${d}
          label=${e("mentorships.concern.text")}
          hint=${e("mentorships.concern.hint")}
          value=${s}
          multiline
          rows="5"
          required
          maxlength="5000"
        />
        <${c} error=${i.error.value} />
        <${f} type="submit" pending=${i.pending}>${e("mentorships.concern.send")}<//>
      </form>
    </section>
    <section aria-labelledby="concern-mine-h">
      <h2 id="concern-mine-h">${e("mentorships.concern.mine")}</h2>
      <${c} error=${a} />
      ${!o&&!a&&t`<${h} />`}
      ${o&&(l.length?t`<ul class="list">
            ${l.map(n=>t`<li>
                <p class="row small">
                  <span class="tag plain">${e(`mentorships.concernStatus.${n.status}`)}</span>
                  <span class="muted">${u(n.createdAt)}</span>
                </p>
                <p class="text">${n.text}</p>
                ${n.resolution&&t`<p class="text"><strong>${e("mentorships.concern.resolution")}</strong> ${n.resolution}</p>`}
              </li>`)}
          </ul>`:t`<p class="muted">${e("mentorships.concern.none")}</p>`)}
    </section>`}export{E as ConcernTab};
