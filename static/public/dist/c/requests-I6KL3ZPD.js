import{n as t,r as e}from"./chunk-75STD2CR.js";import"./chunk-N4BKRCPD.js";function m(){return t`<${e} title="Requests" />`}export{m as Requests};
