import{n as r,r as o}from"./chunk-75STD2CR.js";import"./chunk-N4BKRCPD.js";function e(){return r`<${o} title="ProfileEditor" />`}export{e as ProfileEditor};
