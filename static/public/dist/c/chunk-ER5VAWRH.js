import{e as a}from"./chunk-AMWPSUXE.js";import{A as e,H as i,i as r,k as l,x as o}from"./chunk-LOJGHKBD.js";var v=r(""),p=10;function k({value:t,label:c,error:s}){let n=l(!1);return o`<${i}
      label=${c}
      type=${n.value?"text":"password"}
      value=${t}
      autocomplete="new-password"
      hint=${e("account.passwordRule",{n:p})}
      error=${s}
      required
    />
    <${i} label=${e("account.showPassword")} type="checkbox" value=${n} />`}function u(){return o`<ul class="bullets">
    <li>${e("account.blocked.enrol")}</li>
    <li>${e("account.blocked.request")}</li>
    <li>${e("account.blocked.message")}</li>
    <li>${e("account.blocked.room")}</li>
    <li>${e("account.blocked.invite")}</li>
  </ul>`}function x({email:t}){return o`<div class="note warn" id="verify">
    <strong>${e("account.unverified",{email:t})}</strong>
    <p>${e("account.unverifiedCannot")}</p>
    <${u} />
    <p>${e("account.noMail")} <a href=${a(`/signup?email=${encodeURIComponent(t)}`)}>${e("account.newLink")}</a></p>
  </div>`}export{v as a,p as b,k as c,u as d,x as e};
