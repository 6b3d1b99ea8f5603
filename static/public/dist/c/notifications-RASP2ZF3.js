import{s as t,y as i}from"./chunk-HISNRPTX.js";import"./chunk-N4BKRCPD.js";function f(){return t`<${i} title="Notifications" />`}export{f as Notifications};
