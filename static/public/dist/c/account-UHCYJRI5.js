import{a as d}from"./chunk-OXCUEKYK.js";import{b as m,e as a}from"./chunk-A33VGRZ3.js";import{B as l,G as $,H as f,I as g,i as n,m as c,p,s as t,v as o,y as r,z as i}from"./chunk-HISNRPTX.js";import"./chunk-N4BKRCPD.js";var S=`mutation($email: String!, $password: String!) {
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
