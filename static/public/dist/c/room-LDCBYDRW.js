import{n as o,r as t}from"./chunk-75STD2CR.js";import"./chunk-N4BKRCPD.js";function e(){return o`<${t} title="Room" />`}export{e as Room};
