import{n as t,r as i}from"./chunk-75STD2CR.js";import"./chunk-N4BKRCPD.js";function f(){return t`<${i} title="Notifications" />`}export{f as Notifications};
