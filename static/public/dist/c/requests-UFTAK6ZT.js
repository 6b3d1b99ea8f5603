import{l as t,p as e}from"./chunk-MSFJXHGO.js";function m(){return t`<${e} title="Requests" />`}export{m as Requests};
