import{s as r,y as o}from"./chunk-HISNRPTX.js";import"./chunk-N4BKRCPD.js";function e(){return r`<${o} title="ProfileEditor" />`}export{e as ProfileEditor};
