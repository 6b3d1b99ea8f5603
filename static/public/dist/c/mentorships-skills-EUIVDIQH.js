import{A as e,H as T,I as D,J as f,L as N,M as E,N as A,O as L,P as S,Q as O,g as w,k as a,t as I,x as t}from"./chunk-LOJGHKBD.js";import"./chunk-N4BKRCPD.js";var P=`query($p: ID!) {
  me { profile { learningNeeds { skill } } }
  skillGrowth(programmeId: $p) { skill start midpoint end gain }
}`,R=`mutation($p: ID!, $phase: AssessmentPhase!, $levels: [SkillLevelInput!]!) {
  assessSkills(programmeId: $p, phase: $phase, levels: $levels) { skill }
}`,x=["START","MIDPOINT","END"],C={START:"start",MIDPOINT:"midpoint",END:"end"};function z({relationship:i}){return i.viewerRole==="mentor"?t`<section>
      <h2>${e("mentorships.skills.title")}</h2>
      <p>${e("mentorships.skills.forMentees")}</p>
    </section>`:t`<${M} rel=${i} />`}function M({rel:i}){let{data:o,error:p,reload:$}=A(P,{p:i.programme.id},[i.programme.id]),r=a("");if(!o)return t`<section><h2>${e("mentorships.skills.title")}</h2><${f} error=${p} />${!p&&t`<${N} />`}</section>`;let m=o.skillGrowth;return t`<section aria-labelledby="skills-h">
      <h2 id="skills-h">${e("mentorships.skills.title")}</h2>
      <p class="muted">${e("mentorships.skills.explain")}</p>
      <p class="said" role="status">${r.value}</p>
      ${m.length?t`<div class="table-wrap" tabindex="0" role="region" aria-label=${e("mentorships.skills.growth")}>
            <table class="growth">
              <caption>${e("mentorships.skills.growth")}</caption>
              <thead>
                <tr>
                  <th scope="col">${e("mentorships.skills.skill")}</th>
                  <th scope="col">${e("mentorships.phase.START")}</th>
                  <th scope="col">${e("mentorships.phase.MIDPOINT")}</th>
                  <th scope="col">${e("mentorships.phase.END")}</th>
                  <th scope="col">${e("mentorships.skills.gain")}</th>
                </tr>
              </thead>
              <tbody>
                ${m.map(l=>t`<tr>
                    <th scope="row">${l.skill}</th>
                    <td>${l.start??"\u2014"}</td>
                    <td>${l.midpoint??"\u2014"}</td>
                    <td>${l.end??"\u2014"}</td>
                    <td>${l.gain==null?"\u2014":l.gain>0?`+${l.gain}`:l.gain}</td>
                  </tr>`)}
              </tbody>
            </table>
          </div>`:t`<${E}>${e("mentorships.skills.none")}<//>`}
    </section>
    <${q}
      key=${m.map(l=>`${l.skill}${l.start}${l.midpoint}${l.end}`).join()}
      rel=${i}
      growth=${m}
      needs=${(o.me.profile.learningNeeds||[]).map(l=>l.skill)}
      done=${()=>(r.value=e("mentorships.skills.saved"),$())}
    />`}function q({rel:i,growth:o,needs:p,done:$}){let r=[...new Set([...p.map(s=>s.trim().toLowerCase()),...o.map(s=>s.skill)])],m=x.find(s=>o.every(n=>n[C[s]]==null))||"END",l=a(o.length?m:"START"),c=a([]),d=a(""),u=a({}),b=a(!1),h=[...r,...c.value.filter(s=>!r.includes(s))],g=s=>o.find(n=>n.skill===s)?.[C[l.value]],v=s=>u.value[`${l.value}:${s}`]??(g(s)==null?"":String(g(s))),k=L(async()=>{let s=h.filter(n=>v(n)).map(n=>({skill:n,level:Number(v(n))}));b.value=s.length===0,s.length&&(await I(R,{p:i.programme.id,phase:l.value,levels:s}),$())}),y=()=>{let s=d.value.trim().toLowerCase();s&&!h.includes(s)&&(c.value=[...c.value,s]),d.value=""};return t`<section aria-labelledby="assess-h">
    <h2 id="assess-h">${e("mentorships.skills.assess")}</h2>
    <form class="card" onSubmit=${O(k.run)}>
      <${D}
        label=${e("mentorships.skills.phase")}
        value=${l}
        options=${x.map(s=>[s,e(`mentorships.phase.${s}`)])}
      />
      <p class="muted small">${e("mentorships.skills.scale")}</p>
      ${h.length?t`<ul class="skill-levels">
            ${h.map(s=>t`<li>
                <${F}
                  skill=${s}
                  value=${v(s)}
                  onChange=${n=>u.value={...u.value,[`${l.value}:${s}`]:n}}
                />
              </li>`)}
          </ul>`:t`<p class="muted">${e("mentorships.skills.noSkills")}</p>`}
      <div class="row add-skill">
        <${T} label=${e("mentorships.skills.another")} value=${d} maxlength="80" onKeyDown=${s=>s.key==="Enter"&&(s.preventDefault(),y())} />
        <${S} type="button" kind="secondary" onClick=${y}>${e("mentorships.skills.add")}<//>
      </div>
      ${b.value&&t`<p class="note error" role="alert">${e("mentorships.skills.pickOne")}</p>`}
      <${f} error=${k.error.value} />
      <${S} type="submit" pending=${k.pending}>${e("mentorships.skills.save")}<//>
    </form>
  </section>`}function F({skill:i,value:o,onChange:p}){let $=w();return t`<div class="field level">
    <label for=${$}>${i}</label>
    <select id=${$} value=${o} onChange=${r=>p(r.currentTarget.value)}>
      <option value="">${e("mentorships.skills.skip")}</option>
      <option value="1">${e("mentorships.skills.level1")}</option>
      <option value="2">${e("mentorships.skills.level2")}</option>
      <option value="3">${e("mentorships.skills.level3")}</option>
      <option value="4">${e("mentorships.skills.level4")}</option>
      <option value="5">${e("mentorships.skills.level5")}</option>
    </select>
  </div>`}export{z as SkillsTab};
