import{l as t,p as i}from"./chunk-MSFJXHGO.js";function f(){return t`<${i} title="Notifications" />`}export{f as Notifications};
