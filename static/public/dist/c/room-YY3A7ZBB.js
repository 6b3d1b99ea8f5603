import{s as o,y as t}from"./chunk-HISNRPTX.js";import"./chunk-N4BKRCPD.js";function e(){return o`<${t} title="Room" />`}export{e as Room};
