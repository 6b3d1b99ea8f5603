import{s as r,z as o}from"./chunk-MN6KVHF4.js";import"./chunk-N4BKRCPD.js";function e(){return r`<${o} title="ProfileEditor" />`}export{e as ProfileEditor};
