import{A as t,s as o}from"./chunk-SFOVKQCV.js";import"./chunk-N4BKRCPD.js";function e(){return o`<${t} title="Room" />`}export{e as Room};
