import{l as t,p as r}from"./chunk-MSFJXHGO.js";function n(){return t`<${r} title="Conversations" />`}function i(){return t`<${r} title="Thread" />`}export{n as Conversations,i as Thread};
