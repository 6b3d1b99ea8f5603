import{a as g,b as k,c as I,d as x}from"./chunk-ER5VAWRH.js";import{c as R}from"./chunk-ACKASWWZ.js";import{b,e as l}from"./chunk-AMWPSUXE.js";import{A as e,G as u,H as v,J as p,K as E,L as A,O as d,P as m,Q as w,d as T,k as i,p as h,q as B,t as $,w as y,x as o,y as N}from"./chunk-LOJGHKBD.js";import"./chunk-N4BKRCPD.js";var U=`mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { token }
}`,C="mutation($input: RegisterInput!) { register(input: $input) }",q="mutation($token: String!) { verifyEmail(token: $token) { token } }",D="mutation($email: String!) { requestPasswordReset(email: $email) }",F="mutation($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) }";function ee({query:t}){let n=i(""),a=i(""),r=d(async()=>{let s=await $(U,{email:n.value,password:a.value});h(s.login.token),g.value="",await R(),b(t.next||"/")});return o`<${u} title=${e("account.signIn")}>
    ${g.value==="reset"&&o`<${E} kind="ok">${e("account.resetDone")}<//>`}
    ${g.value==="deleted"&&o`<${E} kind="ok">${e("account.deleted")}<//>`}
    <form onSubmit=${w(r.run)} class="card narrow">
      <${v} label=${e("account.email")} type="email" value=${n} autocomplete="username" required />
      <${v} label=${e("account.password")} type="password" value=${a} autocomplete="current-password" required />
      <${p} error=${r.error.value} />
      <${m} pending=${r.pending} type="submit">${e("account.signIn")}<//>
    </form>
    <p><a href=${l("/signup")}>${e("account.signUp")}</a> · <a href=${l("/reset-password")}>${e("account.forgot")}</a></p>
  <//>`}function L(t,n){return t?.field===n?e("account.passwordBad"):null}function te({query:t}){let n=i(""),a=i(t.email||""),r=i(""),s=i(!1),c=i(null),f=d(async()=>{let P={email:a.value.trim(),password:r.value,displayName:n.value.trim(),locale:N.value};await $(C,{input:P}),c.value=P}),M=()=>{s.value=r.value.length<k,s.value||f.run()};if(c.value)return o`<${G} input=${c.value} onRestart=${()=>c.value=null} />`;let S=f.error.value,H=s.value?e("account.passwordShort",{n:k}):L(S,"password");return o`<${u} title=${e("account.signUp")}>
    <form onSubmit=${w(M)} class="card narrow">
      <${v}
        label=${e("account.name")}
        value=${n}
        autocomplete="name"
        maxlength="120"
        hint=${e("account.nameHint")}
        error=${S?.field==="displayName"?e("account.nameBad"):null}
        required
      />
      <${v}
        label=${e("account.email")}
        type="email"
        value=${a}
        autocomplete="email"
        error=${S?.field==="email"?e("account.emailBad"):null}
        required
      />
      <${I} label=${e("account.password")} value=${r} error=${H} />
      <${p} error=${S} />
      <${m} pending=${f.pending} type="submit">${e("account.createAccount")}<//>
    </form>
    <p>${e("account.haveAccount")} <a href=${l("/signin")}>${e("account.signIn")}</a></p>
  <//>`}function G({input:t,onRestart:n}){let a=i(!1),r=d(async()=>{a.value=!1,await $(C,{input:t}),a.value=!0});return o`<${u} title=${e("account.checkMail")}>
    <div class="card narrow">
      <p class="lead">${e("account.sentTo",{email:t.email})}</p>
      <ol class="steps">
        <li>${e("account.step.open")}</li>
        <li>${e("account.step.follow")}</li>
        <li>${e("account.step.done")}</li>
      </ol>
      <p>${e("account.meanwhile")}</p>
      <${x} />
      <h2>${e("account.noMailTitle")}</h2>
      <p>${e("account.noMailHelp")}</p>
      <div aria-live="polite">${a.value&&o`<p class="note ok">${e("account.resent",{email:t.email})}</p>`}</div>
      <${p} error=${r.error.value} />
      <div class="row">
        <${m} kind="secondary" pending=${r.pending} onClick=${r.run}>${e("account.resend")}<//>
        <button class="btn link" type="button" onClick=${n}>${e("account.wrongAddress")}</button>
      </div>
    </div>
    <p><a href=${l("/signin")}>${e("account.signIn")}</a></p>
  <//>`}function ne({query:t}){let n=d(async s=>{let c=await $(q,{token:s});y(),h(c.verifyEmail.token),await R(),b("/")});T(()=>{t.token&&n.run(t.token)},[t.token]);let a=n.error.value;if(t.token&&!a)return o`<${u} title=${e("account.verifying")}><${A} /><//>`;let r=!t.token||a?.field==="token";return o`<${u} title=${r?e("account.verifyBadTitle"):e("account.verify")}>
    ${r?o`<div class="note error" role="alert">${e("account.verifyBad")}</div>`:o`<${p} error=${a} />
          <${m} kind="secondary" pending=${n.pending} onClick=${()=>n.run(t.token)}>${e("account.tryAgain")}<//>`}
    <p>${e("account.verifyBadHelp")}</p>
    <ul class="plain-list">
      <li><a href=${l("/signup")}>${e("account.newLink")}</a></li>
      <li><a href=${l("/signin")}>${e("account.signIn")}</a></li>
    </ul>
  <//>`}function ae({query:t}){return t.token?o`<${V} token=${t.token} />`:o`<${O} />`}function O(){let t=i(""),n=i(""),a=d(async()=>{await $(D,{email:t.value.trim()}),n.value=t.value.trim()});return o`<${u} title=${e("account.resetTitle")}>
    ${n.value?o`<div class="card narrow">
          <p class="lead" role="status">${e("account.resetSent",{email:n.value})}</p>
          <p>${e("account.resetSentHelp")}</p>
          <button class="btn link" type="button" onClick=${()=>n.value=""}>${e("account.resetAgain")}</button>
        </div>`:o`<form onSubmit=${w(a.run)} class="card narrow">
          <p>${e("account.resetIntro")}</p>
          <${v} label=${e("account.email")} type="email" value=${t} autocomplete="email" required />
          <${p} error=${a.error.value} />
          <${m} pending=${a.pending} type="submit">${e("account.resetSend")}<//>
        </form>`}
    <p><a href=${l("/signin")}>${e("account.backToSignIn")}</a></p>
  <//>`}function V({token:t}){let n=i(""),a=i(!1),r=d(async()=>{await $(F,{token:t,password:n.value}),g.value="reset",y(),B(),b("/signin")}),s=()=>{a.value=n.value.length<k,a.value||r.run()},c=r.error.value;if(c?.field==="token")return o`<${u} title=${e("account.resetBadTitle")}>
      <div class="note error" role="alert">${e("account.resetBad")}</div>
      <p><a href=${l("/reset-password")}>${e("account.resetNewLink")}</a></p>
    <//>`;let f=a.value?e("account.passwordShort",{n:k}):L(c,"newPassword");return o`<${u} title=${e("account.resetChoose")}>
    <form onSubmit=${w(s)} class="card narrow">
      <${I} label=${e("account.newPassword")} value=${n} error=${f} />
      <${p} error=${c} />
      <${m} pending=${r.pending} type="submit">${e("account.resetSave")}<//>
    </form>
  <//>`}export{ae as ResetPassword,ee as SignIn,te as SignUp,ne as VerifyEmail};
