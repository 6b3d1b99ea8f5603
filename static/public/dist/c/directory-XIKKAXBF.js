import{l as t,p as r}from"./chunk-MSFJXHGO.js";function i(){return t`<${r} title="Directory" />`}function n(){return t`<${r} title="Suggestions" />`}export{i as Directory,n as Suggestions};
