import{D as t,u as o}from"./chunk-RP3YLEV4.js";import"./chunk-N4BKRCPD.js";function e(){return o`<${t} title="Room" />`}export{e as Room};
