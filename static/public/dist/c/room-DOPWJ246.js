import{l as o,p as t}from"./chunk-CVGZGHEB.js";function e(){return o`<${t} title="Room" />`}export{e as Room};
