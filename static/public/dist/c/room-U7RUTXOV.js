import{E as t,v as o}from"./chunk-H2S5VUFV.js";import"./chunk-N4BKRCPD.js";function e(){return o`<${t} title="Room" />`}export{e as Room};
