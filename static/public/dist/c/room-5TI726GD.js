import{l as o,p as t}from"./chunk-MSFJXHGO.js";function e(){return o`<${t} title="Room" />`}export{e as Room};
