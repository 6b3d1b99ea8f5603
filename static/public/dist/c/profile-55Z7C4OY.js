import{l as r,p as o}from"./chunk-MSFJXHGO.js";function e(){return r`<${o} title="ProfileEditor" />`}export{e as ProfileEditor};
