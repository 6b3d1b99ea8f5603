import{s as t,z as i}from"./chunk-MN6KVHF4.js";import"./chunk-N4BKRCPD.js";function f(){return t`<${i} title="Notifications" />`}export{f as Notifications};
