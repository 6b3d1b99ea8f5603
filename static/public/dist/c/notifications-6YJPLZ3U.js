import{A as i,s as t}from"./chunk-SFOVKQCV.js";import"./chunk-N4BKRCPD.js";function f(){return t`<${i} title="Notifications" />`}export{f as Notifications};
