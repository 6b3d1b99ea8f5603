import{s as o,z as t}from"./chunk-MN6KVHF4.js";import"./chunk-N4BKRCPD.js";function e(){return o`<${t} title="Room" />`}export{e as Room};
