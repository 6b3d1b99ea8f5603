import{a as d}from"./chunk-F6WNVOZO.js";import{b as m,e as a}from"./chunk-ETJO324U.js";import{A as i,C as l,H as $,I as f,J as g,i as n,m as c,p,s as t,v as o,z as r}from"./chunk-MN6KVHF4.js";import"./chunk-N4BKRCPD.js";var S=`mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { token }
}`;function E({query:w}){let s=n(""),u=n(""),e=$(async()=>{let v=await p(S,{email:s.value,password:u.value});c(v.login.token),await d(),m(w.next||"/")});return t`<${r} title=${o("account.signIn")}>
    <form onSubmit=${g(e.run)} class="card narrow">
      <${i} label=${o("account.email")} type="email" value=${s} autocomplete="username" required />
      <${i} label=${o("account.password")} type="password" value=${u} autocomplete="current-password" required />
      <${l} error=${e.error.value} />
      <${f} pending=${e.pending} type="submit">${o("account.signIn")}<//>
    </form>
    <p><a href=${a("/signup")}>${o("account.signUp")}</a> · <a href=${a("/reset-password")}>${o("account.forgot")}</a></p>
  <//>`}function N(){return t`<${r} title=${o("account.signUp")} />`}function P(){return t`<${r} title=${o("account.verify")} />`}function A(){return t`<${r} title=${o("account.forgot")} />`}export{A as ResetPassword,E as SignIn,N as SignUp,P as VerifyEmail};
