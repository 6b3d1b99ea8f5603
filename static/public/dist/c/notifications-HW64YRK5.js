import{l as t,p as i}from"./chunk-CVGZGHEB.js";function f(){return t`<${i} title="Notifications" />`}export{f as Notifications};
